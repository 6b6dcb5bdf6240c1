//! `/api/v1/notifications`: the caller's notifications, marking them read, and their settings per kind.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use halqe_app::i18n::Isolation;
use halqe_app::notifications::list::{inbox, unread};
use halqe_app::notifications::read::{mark_all_read, mark_read};
use halqe_app::notifications::settings::{settings, update};
use halqe_app::notifications::{Inbox, NotificationItem};
use halqe_domain::locale::Locale;
use halqe_domain::notification::{Delivery, Kind};
use serde::Serialize;
use utoipa::ToSchema;

use super::{ApiError, Body, refused};
use crate::context::Ctx;
use crate::error::WebError;
use crate::pages::notifications::notification_id;
use crate::state::AppState;

/// One notification.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationView {
    pub id: String,
    /// `message`, `introduction_requested`, `introduction_accepted`, `introduction_declined`,
    /// `introduction_engaged`, `introduction_not_engaged`, `question_asked`, `question_answered`,
    /// `challenge_invitation`, `introduction_withdrawn`, `proposal_invited`, `proposal_team_accepted`,
    /// `proposal_team_declined`, `proposal_submitted`, `proposal_decided`, `appeal_decided`,
    /// `review_assigned`, `review_reminder` or `appeal_filed`.
    pub kind: String,
    /// The object's kind (`introduction`, `challenge`, `proposal`, `review`: an assignment) and id.
    pub subject_kind: String,
    pub subject_id: String,
    /// The object's page, a path on this site.
    pub href: String,
    /// What happened, in one sentence in the caller's language.
    pub text: String,
    pub actor_name: String,
    pub title: String,
    pub agency_name: Option<String>,
    pub created_at: i64,
    pub read: bool,
}

impl NotificationView {
    fn new(n: NotificationItem, locale: Locale) -> Self {
        Self {
            id: n.id.to_string(),
            kind: n.kind.code().to_owned(),
            subject_kind: n.subject.kind.code().to_owned(),
            href: n.href(),
            text: n.text(locale, Isolation::Plain),
            subject_id: n.subject.id,
            actor_name: n.actor_name,
            title: n.title,
            agency_name: n.agency_name,
            created_at: n.created_at,
            read: n.read,
        }
    }
}

/// The caller's latest notifications (at most 100, newest first) and how many are unread.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationsView {
    pub unread: i64,
    pub notifications: Vec<NotificationView>,
}

impl NotificationsView {
    fn new(inbox: Inbox, locale: Locale) -> Self {
        let notifications = inbox.items.into_iter().map(|n| NotificationView::new(n, locale)).collect();
        Self { unread: inbox.unread, notifications }
    }
}

/// How many notifications are unread.
#[derive(Debug, Serialize, ToSchema)]
pub struct Unread {
    pub unread: i64,
}

/// The caller's notifications, newest first, with the unread count.
#[utoipa::path(get, path = "/api/v1/notifications", operation_id = "list_notifications",
    responses(
        (status = 200, description = "The caller's notifications", body = NotificationsView),
        (status = 401, description = "Not signed in", body = ApiError),
    ),
    tag = "notifications")]
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let inbox = inbox(&state.app, ctx.signed_actor()?).await?;
    Ok(Json(NotificationsView::new(inbox, ctx.locale)).into_response())
}

/// Marks every notification of the caller read.
#[utoipa::path(post, path = "/api/v1/notifications/read", operation_id = "read_all_notifications",
    responses(
        (status = 200, description = "All read; the unread count (0)", body = Unread),
        (status = 401, description = "Not signed in", body = ApiError),
    ),
    tag = "notifications")]
pub async fn read_all(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let actor = ctx.signed_actor()?;
    mark_all_read(&state.app, actor).await?;
    Ok(Json(Unread { unread: unread(&state.app, actor).await? }).into_response())
}

/// Marks one of the caller's notifications read.
#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", operation_id = "read_notification",
    params(("id" = String, Path, description = "The notification's id")),
    responses(
        (status = 200, description = "Read; the unread count left", body = Unread),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such notification of the caller's", body = ApiError),
    ),
    tag = "notifications")]
pub async fn read_one(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let actor = ctx.signed_actor()?;
    mark_read(&state.app, actor, &notification_id(&id)?).await?;
    Ok(Json(Unread { unread: unread(&state.app, actor).await? }).into_response())
}

/// The delivery chosen for each kind: `immediately`, `digest` or `off`.
fn settings_view(s: Vec<(Kind, Delivery)>) -> BTreeMap<String, String> {
    s.into_iter().map(|(k, d)| (k.code().to_owned(), d.code().to_owned())).collect()
}

/// The caller's mail setting for every kind of notification (`immediately`, `digest`, `off`).
#[utoipa::path(get, path = "/api/v1/notifications/settings", operation_id = "notification_settings",
    responses(
        (status = 200, description = "Kind → delivery", body = BTreeMap<String, String>),
        (status = 401, description = "Not signed in", body = ApiError),
    ),
    tag = "notifications")]
pub async fn show_settings(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    Ok(Json(settings_view(settings(&state.app, ctx.signed_actor()?).await?)).into_response())
}

/// Changes the mail setting of the kinds given (the others keep theirs).
#[utoipa::path(post, path = "/api/v1/notifications/settings", operation_id = "update_notification_settings",
    request_body(content = BTreeMap<String, String>, description = "Kind → `immediately`, `digest` or `off`"),
    responses(
        (status = 200, description = "Every kind's setting, as saved", body = BTreeMap<String, String>),
        (status = 400, description = "The body is not a JSON object of strings", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 422, description = "Refused input (`fields`): `kind` unknown, or a kind's delivery unknown",
            body = ApiError),
    ),
    tag = "notifications")]
pub async fn update_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(input): Body<BTreeMap<String, String>>,
) -> Result<Response, WebError> {
    let choices: Vec<(String, String)> = input.into_iter().collect();
    match update(&state.app, ctx.signed_actor()?, &choices).await {
        Ok(s) => Ok(Json(settings_view(s)).into_response()),
        Err(e) => refused(&ctx, e),
    }
}
