//! Notifications: the page, the header's unread count (loaded and refreshed by htmx), opening one on the way
//! to its object, marking read, and each user's settings per kind.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use halqe_app::notifications::list::{inbox, unread};
use halqe_app::notifications::read::{mark_all_read, mark_read, open};
use halqe_app::notifications::settings::{settings, update};
use halqe_app::notifications::{Inbox, NotificationItem};
use halqe_app::{FormErrors, i18n::Isolation};
use halqe_domain::ids::NotificationId;
use halqe_domain::notification::{Delivery, Kind};
use serde::Deserialize;

use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;

/// A notification id from the path; anything else is a 404 like someone else's notification.
pub(crate) fn notification_id(raw: &str) -> Result<NotificationId, WebError> {
    NotificationId::parse(raw).ok_or(WebError::NotFound)
}

#[derive(Template)]
#[template(path = "notifications/list.html")]
struct ListPage {
    ctx: Ctx,
    inbox: Inbox,
}

impl ListPage {
    /// What happened, in the viewer's language.
    fn text(&self, n: &NotificationItem) -> String {
        n.text(self.ctx.locale, Isolation::Html)
    }
}

/// `GET /notifications`.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let inbox = inbox(&state.app, ctx.signed_actor()?).await?;
    render(&ListPage { ctx, inbox })
}

#[derive(Template)]
#[template(path = "notifications/badge.html")]
struct Badge {
    ctx: Ctx,
    unread: i64,
}

/// `GET /notifications/unread`: the header's link with the unread count, which htmx puts in place on load
/// and every minute.
pub async fn badge(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let unread = unread(&state.app, ctx.signed_actor()?).await?;
    render(&Badge { ctx, unread })
}

/// `GET /notifications/{id}`: marks it read and goes to its object.
pub async fn open_one(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let href = open(&state.app, ctx.signed_actor()?, &notification_id(&id)?).await?;
    Ok(see_other(&href))
}

/// `POST /notifications/{id}/read`.
pub async fn read_one(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    mark_read(&state.app, ctx.signed_actor()?, &notification_id(&id)?).await?;
    Ok(see_other("/notifications"))
}

/// `POST /notifications/read`: every notification read.
pub async fn read_all(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    mark_all_read(&state.app, ctx.signed_actor()?).await?;
    Ok(see_other("/notifications"))
}

#[derive(Template)]
#[template(path = "notifications/settings.html")]
struct SettingsPage {
    ctx: Ctx,
    settings: Vec<(Kind, Delivery)>,
    deliveries: [Delivery; 3],
    saved: bool,
    errors: Errors,
}

#[derive(Deserialize)]
pub struct SettingsQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /account/notifications`.
pub async fn settings_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SettingsQuery>,
) -> Result<Response, WebError> {
    let settings = settings(&state.app, ctx.signed_actor()?).await?;
    let page = SettingsPage {
        ctx,
        settings,
        deliveries: Delivery::ALL,
        saved: q.saved.is_some(),
        errors: Errors::new(FormErrors::default()),
    };
    render(&page)
}

/// `POST /account/notifications`: one radio group per kind, named by the kind's code.
pub async fn settings_save(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let choices: Vec<(String, String)> = pairs.into_iter().filter(|(k, _)| k != "_csrf").collect();
    let actor = ctx.signed_actor()?;
    match update(&state.app, actor, &choices).await {
        Ok(_) => Ok(see_other("/account/notifications?saved=1")),
        Err(halqe_app::Error::Form(e)) => {
            let settings = settings(&state.app, actor).await?;
            let page = SettingsPage { ctx, settings, deliveries: Delivery::ALL, saved: false, errors: Errors::new(e) };
            let page = render(&page)?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
