//! Admin pages: accounts (disable, enable, remove a role), the audit record and the mail outbox.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use halqe_app::accounts::User;
use halqe_app::accounts::revoke::{remove_role as take_role, set_disabled};
use halqe_app::audit::history::{Cursor, History, Status, history, status};
use halqe_app::audit::{checkpoint, verify_now};
use halqe_app::i18n::Isolation;
use halqe_app::mail::Overview;
use halqe_domain::ids::UserId;
use halqe_domain::permissions::AdminCap;
use halqe_domain::user::Role;
use serde::Deserialize;

use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::Errors;
use crate::state::AppState;

fn admin(ctx: &Ctx) -> Result<AdminCap, WebError> {
    ctx.actor().ok_or(WebError::Forbidden)?.admin().map_err(|_| WebError::Forbidden)
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    ctx: Ctx,
    users: Vec<User>,
}

/// `GET /admin/users`.
pub async fn users(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let cap = admin(&ctx)?;
    let users = halqe_app::accounts::list_users(&state.app, &cap).await?;
    render(&UsersPage { ctx, users })
}

#[derive(Template)]
#[template(path = "admin/user.html")]
struct UserPage {
    ctx: Ctx,
    user: User,
    /// Why the last action was refused (e.g. an admin disabling themself).
    errors: Errors,
}

impl UserPage {
    /// Removing the officer role ends the agency membership, and the page says so.
    fn ends_membership(&self, role: &Role) -> bool {
        *role == Role::Officer
    }
}

fn user_id(raw: &str) -> Result<UserId, WebError> {
    UserId::parse(raw).ok_or(WebError::NotFound)
}

/// `GET /admin/users/{id}`: one account, with the actions that take access back.
pub async fn user(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let cap = admin(&ctx)?;
    let user = halqe_app::accounts::user(&state.app, &cap, &user_id(&id)?).await?;
    render(&UserPage { ctx, user, errors: Errors::default() })
}

/// Back to the account's page after an action, or the page again with why it was refused.
async fn after_action(
    state: &AppState,
    ctx: Ctx,
    cap: &AdminCap,
    id: &UserId,
    done: halqe_app::Result<()>,
) -> Result<Response, WebError> {
    match done {
        Ok(()) => Ok(see_other(&format!("/admin/users/{id}"))),
        Err(halqe_app::Error::Form(e)) => {
            let user = halqe_app::accounts::user(&state.app, cap, id).await?;
            let page = UserPage { ctx, user, errors: Errors::new(e) };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /admin/users/{id}/disable`: the account cannot sign in and its sessions end now.
pub async fn disable(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let (cap, id) = (admin(&ctx)?, user_id(&id)?);
    let done = set_disabled(&state.app, &cap, &id, true).await;
    after_action(&state, ctx, &cap, &id, done).await
}

/// `POST /admin/users/{id}/enable`.
pub async fn enable(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let (cap, id) = (admin(&ctx)?, user_id(&id)?);
    let done = set_disabled(&state.app, &cap, &id, false).await;
    after_action(&state, ctx, &cap, &id, done).await
}

/// `POST /admin/users/{id}/roles/{role}/remove`: for the officer role, this ends the agency membership.
pub async fn remove_role(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, role)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (cap, id) = (admin(&ctx)?, user_id(&id)?);
    let role = Role::parse(&role).map_err(|_| WebError::NotFound)?;
    let done = take_role(&state.app, &cap, &id, role).await;
    after_action(&state, ctx, &cap, &id, done).await
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    ctx: Ctx,
    history: History,
    status: Status,
    /// The last verification's findings, as sentences.
    findings: Vec<String>,
    newest_text: String,
}

#[derive(Deserialize)]
pub struct AuditQuery {
    before: Option<String>,
    after: Option<String>,
}

/// A sequence number from the query; anything else means "from the newest".
fn seq(raw: Option<&str>) -> Option<i64> {
    raw.and_then(|s| halqe_domain::text::digits_to_ascii(s).trim().parse().ok())
}

/// `GET /admin/audit`: one page of entries (newest first), the checkpoints and the last verification's
/// result; the chain itself is walked only on demand.
pub async fn audit(State(state): State<AppState>, ctx: Ctx, Query(q): Query<AuditQuery>) -> Result<Response, WebError> {
    let cap = admin(&ctx)?;
    let cursor = match (seq(q.before.as_deref()), seq(q.after.as_deref())) {
        (Some(before), _) => Cursor::Before(before),
        (None, Some(after)) => Cursor::After(after),
        (None, None) => Cursor::Newest,
    };
    let history = history(&state.app, &cap, cursor).await?;
    let status = status(&state.app, &cap).await?;
    let findings =
        status.last_verification.as_ref().map(|v| v.report.describe(ctx.locale, Isolation::Html)).unwrap_or_default();
    let newest_text = status.newest.as_ref().map_or_else(String::new, |c| {
        let args = [
            ("seq", ctx.num(&c.seq)),
            ("at", ctx.datetime(&c.at)),
            ("count", ctx.num(&(status.head_seq - c.seq).max(0))),
        ];
        let args: Vec<(&'static str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        halqe_app::i18n::t_args(ctx.locale, Isolation::Html, "audit-checkpoint-newest", &args)
    });
    render(&AuditPage { ctx, history, status, findings, newest_text })
}

/// `POST /admin/audit/verify`: walks the chain and checks every checkpoint now, recording the result.
pub async fn verify(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let cap = admin(&ctx)?;
    verify_now(&state.app, &cap).await?;
    Ok(see_other("/admin/audit"))
}

/// `GET /admin/audit/checkpoints.jsonl`: every signed checkpoint as JSON lines, to keep off this database.
pub async fn checkpoints(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    admin(&ctx)?;
    let mut lines = Vec::new();
    checkpoint::export(&state.app, &mut lines).await?;
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("application/jsonl; charset=utf-8")),
        (
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment; filename=\"halqe-audit-checkpoints.jsonl\""),
        ),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
    ];
    Ok((headers, lines).into_response())
}

#[derive(Template)]
#[template(path = "admin/mail.html")]
struct MailPage {
    ctx: Ctx,
    outbox: Overview,
}

/// `GET /admin/mail`: how much mail waits, and the dead letters with their last error.
pub async fn mail(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let cap = admin(&ctx)?;
    let outbox = halqe_app::mail::overview(&state.app, &cap).await?;
    render(&MailPage { ctx, outbox })
}

/// `POST /admin/mail/{id}/retry`: gives a dead letter a fresh set of attempts.
pub async fn retry_mail(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let cap = admin(&ctx)?;
    halqe_app::mail::retry(&state.app, &cap, &id).await?;
    Ok(see_other("/admin/mail"))
}
