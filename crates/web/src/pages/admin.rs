//! Admin pages: accounts and the audit record.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use halqe_app::accounts::User;
use halqe_app::audit::{Verification, verify};
use halqe_domain::permissions::AdminCap;

use crate::context::Ctx;
use crate::error::{WebError, render};
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
#[template(path = "admin/audit.html")]
struct AuditPage {
    ctx: Ctx,
    entries: Vec<halqe_app::audit::Entry>,
    verification: Verification,
}

/// `GET /admin/audit`.
pub async fn audit(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let cap = admin(&ctx)?;
    let entries = halqe_app::audit::recent(&state.app, &cap).await?;
    let verification = verify(&state.app).await?;
    render(&AuditPage { ctx, entries, verification })
}
