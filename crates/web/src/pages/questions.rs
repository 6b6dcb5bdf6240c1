//! Public questions on a challenge's page: asking, answering, hiding and merging (each back to the page, or
//! the page again with the refused form; htmx swaps the Q&A section), and the sides' unanswered queue.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use halqe_app::questions::{self, Waiting, answer, ask, hide, merge};
use halqe_domain::ids::{ChallengeId, QuestionId};
use serde::Deserialize;
use utoipa::ToSchema;

use super::challenges::{Retry, challenge_id, show_page};
use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::Form;
use crate::state::AppState;

/// A question id from the path; anything else is a 404 like a question the viewer may not see.
pub(crate) fn question_id(raw: &str) -> Result<QuestionId, WebError> {
    QuestionId::parse(raw).ok_or(WebError::NotFound)
}

/// The ask form, and the body of `POST /api/v1/challenges/{id}/questions`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AskInput {
    /// The question, up to 2000 characters; HTML in it is shown as text.
    #[serde(default)]
    pub question: String,
}

/// The answer form, and the body of `POST /api/v1/questions/{id}/answer`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AnswerInput {
    /// The answer, up to 4000 characters; answering again revises it (the earlier version is kept).
    #[serde(default)]
    pub answer: String,
}

/// The hide form, and the body of `POST /api/v1/questions/{id}/hide`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct HideInput {
    /// Why, up to 2000 characters; required, and shown to the asker.
    #[serde(default)]
    pub reason: String,
}

/// The merge form, and the body of `POST /api/v1/questions/{id}/merge`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MergeInput {
    /// The id of the earlier question of the same challenge this one duplicates.
    #[serde(default)]
    pub into: String,
}

/// Which page of a challenge's questions (`?page=N` on its page and in the API).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QuestionPage {
    /// The page, from 0; each holds up to 50 questions, oldest first (past the last one: none).
    #[serde(default)]
    pub page: u32,
}

/// Where a question's page section is.
fn at_question(challenge: &ChallengeId, question: &QuestionId) -> String {
    format!("/challenges/{challenge}#q-{question}")
}

/// `POST /challenges/{id}/questions`: ask (signed in, on no side of the challenge, while it is open).
pub async fn ask(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AskInput>,
) -> Result<Response, WebError> {
    let id = challenge_id(&id)?;
    match ask::ask(&state.app, ctx.signed_actor()?, &id, &f.question, &ctx.client_ip).await {
        Ok(q) => Ok(see_other(&at_question(&id, &q))),
        Err(halqe_app::Error::Form(e)) => {
            show_page(&state, ctx, &id, Retry { question: f.question, ..Retry::default() }, e).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Back to the question on its challenge's page, or that page again with the refused form.
async fn after(
    state: &AppState,
    ctx: Ctx,
    id: &QuestionId,
    result: halqe_app::Result<ChallengeId>,
    retry: Retry,
) -> Result<Response, WebError> {
    match result {
        Ok(challenge) => Ok(see_other(&at_question(&challenge, id))),
        Err(halqe_app::Error::Form(e)) => {
            let challenge = questions::challenge_of(&state.app, id).await?;
            show_page(state, ctx, &challenge, Retry { target: id.to_string(), ..retry }, e).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /questions/{id}/answer`: answer, or revise the answer (the challenge's agency officers and staff).
pub async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AnswerInput>,
) -> Result<Response, WebError> {
    let id = question_id(&id)?;
    let result = answer::answer(&state.app, ctx.signed_actor()?, &id, &f.answer).await;
    after(&state, ctx, &id, result, Retry { answer: f.answer, ..Retry::default() }).await
}

/// `POST /questions/{id}/hide`: hide with a reason (staff).
pub async fn hide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<HideInput>,
) -> Result<Response, WebError> {
    let id = question_id(&id)?;
    let result = hide::hide(&state.app, &ctx.staff()?, &id, &f.reason).await;
    after(&state, ctx, &id, result, Retry { hide_reason: f.reason, ..Retry::default() }).await
}

/// `POST /questions/{id}/merge`: merge a duplicate into an earlier question (staff).
pub async fn merge(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<MergeInput>,
) -> Result<Response, WebError> {
    let id = question_id(&id)?;
    let result = merge::merge(&state.app, &ctx.staff()?, &id, &f.into).await;
    after(&state, ctx, &id, result, Retry::default()).await
}

#[derive(Template)]
#[template(path = "questions/unanswered.html")]
struct UnansweredPage {
    ctx: Ctx,
    waiting: Vec<Waiting>,
}

/// `GET /questions`: the questions waiting for an answer, for the owning officers and staff.
pub async fn unanswered(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let waiting = questions::list::unanswered(&state.app, ctx.signed_actor()?).await?;
    render(&UnansweredPage { ctx, waiting })
}
