//! Writing in an object's conversation from the object's page: back to its thread, or the page again with
//! the refused form. A new kind of object adds one arm to [`message`].

use axum::extract::{Path, State};
use axum::response::Response;
use halqe_app::conversations::post::post;
use halqe_app::conversations::subjects::href;
use halqe_domain::conversation::{Subject, SubjectKind};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{challenges, introductions, proposals, see_other};
use crate::context::Ctx;
use crate::error::WebError;
use crate::forms::Form;
use crate::state::AppState;

/// A conversation's object from the path; anything unknown is a 404 like an object the viewer may not see.
pub(crate) fn subject(kind: &str, id: &str) -> Result<Subject, WebError> {
    Subject::parse(kind, id).ok_or(WebError::NotFound)
}

/// The message form, and the body of the API's message routes.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MessageInput {
    /// The message, up to 4000 characters; HTML in it is shown as text.
    #[serde(default)]
    pub body: String,
}

/// `POST /conversations/{kind}/{id}/messages` (htmx swaps the thread; plain forms reload at it).
pub async fn message(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((kind, id)): Path<(String, String)>,
    Form(f): Form<MessageInput>,
) -> Result<Response, WebError> {
    let subject = subject(&kind, &id)?;
    match post(&state.app, ctx.signed_actor()?, &subject, &f.body, &ctx.client_ip).await {
        Ok(_) => Ok(see_other(&format!("{}#thread", href(&subject)))),
        Err(halqe_app::Error::Form(e)) => match subject.kind {
            SubjectKind::Introduction => introductions::message_refused(&state, ctx, &subject.id, f.body, e).await,
            SubjectKind::Challenge => {
                let retry = challenges::Retry { body: f.body, ..challenges::Retry::default() };
                challenges::show_page(&state, ctx, &challenges::challenge_id(&subject.id)?, retry, e).await
            }
            SubjectKind::Proposal => proposals::message_refused(&state, ctx, &subject.id, f.body, e).await,
            // A review has no conversation: `post` refuses it before any form error.
            SubjectKind::Review => Err(halqe_app::Error::NotFound.into()),
        },
        Err(e) => Err(e.into()),
    }
}
