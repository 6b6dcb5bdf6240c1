//! `/api/v1/conversations`: the conversations attached to objects (introductions, challenges), through the same use
//! cases as the pages. Who may read or write one is the object's own rule; anyone else gets 404.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::conversations::list::list as party_to;
use halqe_app::conversations::post::post;
use halqe_app::conversations::show::show as thread;
use halqe_app::conversations::{ConversationItem, MessageListed, SubjectView, Thread};
use halqe_domain::conversation::Subject;
use serde::Serialize;
use utoipa::ToSchema;

use super::{ApiError, Body, refused};
use crate::context::Ctx;
use crate::error::WebError;
use crate::pages::conversations::{MessageInput, subject};
use crate::state::AppState;

/// A message of a conversation.
#[derive(Debug, Serialize, ToSchema)]
pub struct MessageView {
    pub id: String,
    pub author_name: String,
    /// As written (plain text: show it as text, never as HTML).
    pub body: String,
    /// Unix milliseconds (UTC).
    pub created_at: i64,
}

impl From<MessageListed> for MessageView {
    fn from(m: MessageListed) -> Self {
        Self { id: m.message.id, author_name: m.author_name, body: m.message.body, created_at: m.message.created_at }
    }
}

/// The object a conversation is attached to.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectRef {
    /// `introduction` or `challenge`.
    pub kind: String,
    pub id: String,
    /// What the object is about, on one line (an introduction's need, shortened).
    pub title: String,
    /// The agency on the object; `null` for the innovation center.
    pub agency_name: Option<String>,
    /// The object's page, a path on this site.
    pub href: String,
}

impl From<SubjectView> for SubjectRef {
    fn from(s: SubjectView) -> Self {
        let href = s.href();
        Self {
            kind: s.subject.kind.code().to_owned(),
            id: s.subject.id,
            title: s.title,
            agency_name: s.agency_name,
            href,
        }
    }
}

/// One conversation in the list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConversationSummary {
    pub subject: SubjectRef,
    pub messages: i64,
    /// When the latest message was written (unix milliseconds).
    pub last_at: i64,
}

impl From<ConversationItem> for ConversationSummary {
    fn from(c: ConversationItem) -> Self {
        Self { subject: c.about.into(), messages: c.messages, last_at: c.last_at }
    }
}

/// One conversation with its messages.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConversationDetail {
    pub subject: SubjectRef,
    /// Oldest first.
    pub messages: Vec<MessageView>,
}

impl From<Thread> for ConversationDetail {
    fn from(t: Thread) -> Self {
        Self { subject: t.about.into(), messages: t.messages.into_iter().map(MessageView::from).collect() }
    }
}

/// The conversations with messages on the objects the caller is party to, latest first.
#[utoipa::path(get, path = "/api/v1/conversations", operation_id = "list_conversations",
    responses(
        (status = 200, description = "The caller's conversations", body = Vec<ConversationSummary>),
        (status = 401, description = "Not signed in", body = ApiError),
    ),
    tag = "conversations")]
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let listed = party_to(&state.app, ctx.signed_actor()?).await?;
    Ok(Json(listed.into_iter().map(ConversationSummary::from).collect::<Vec<_>>()).into_response())
}

async fn detail(state: &AppState, ctx: &Ctx, subject: &Subject, status: StatusCode) -> Result<Response, WebError> {
    let t = thread(&state.app, ctx.signed_actor()?, subject).await?;
    Ok((status, Json(ConversationDetail::from(t))).into_response())
}

/// The conversation of one object; reading it marks the caller's notifications about the object read.
#[utoipa::path(get, path = "/api/v1/conversations/{kind}/{id}", operation_id = "show_conversation",
    params(
        ("kind" = String, Path, description = "The object's kind: `introduction` or `challenge`"),
        ("id" = String, Path, description = "The object's id"),
    ),
    responses(
        (status = 200, description = "The conversation", body = ConversationDetail),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such object, or the caller is no party to it", body = ApiError),
    ),
    tag = "conversations")]
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    detail(&state, &ctx, &subject(&kind, &id)?, StatusCode::OK).await
}

/// A message in an object's conversation; its other parties are notified as each chose.
#[utoipa::path(post, path = "/api/v1/conversations/{kind}/{id}/messages", operation_id = "post_message",
    params(
        ("kind" = String, Path, description = "The object's kind: `introduction` or `challenge`"),
        ("id" = String, Path, description = "The object's id"),
    ),
    request_body = MessageInput,
    responses(
        (status = 201, description = "Posted; the conversation with it", body = ConversationDetail),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such object, or the caller is no party to it", body = ApiError),
        (status = 422, description = "Refused input (`fields`): `body` empty or over 4000 characters", body = ApiError),
        (status = 429, description = "Too many messages from this account or address", body = ApiError),
    ),
    tag = "conversations")]
pub async fn message(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((kind, id)): Path<(String, String)>,
    Body(input): Body<MessageInput>,
) -> Result<Response, WebError> {
    let subject = subject(&kind, &id)?;
    match post(&state.app, ctx.signed_actor()?, &subject, &input.body, &ctx.client_ip).await {
        Ok(_) => detail(&state, &ctx, &subject, StatusCode::CREATED).await,
        Err(e) => refused(&ctx, e),
    }
}
