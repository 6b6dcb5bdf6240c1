//! `/api/v1/challenges/{id}/questions` and `/api/v1/questions`: a challenge's public questions and answers,
//! through the same use cases and rules as its page (answers public; an unanswered, hidden or merged question
//! only for its asker and the challenge's sides; askers' names only for staff).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::questions::{self, AnswerView, QuestionView, Questions, Waiting, answer, ask, hide, merge};
use halqe_domain::ids::{ChallengeId, QuestionId};
use serde::Serialize;
use utoipa::ToSchema;

use super::{ApiError, Body, refused};
use crate::context::Ctx;
use crate::error::WebError;
use crate::pages::challenges::challenge_id;
use crate::pages::questions::{AnswerInput, AskInput, HideInput, MergeInput, QuestionPage, question_id};
use crate::state::AppState;

/// One version of an answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnswerOut {
    /// Plain text: show it as text, never as HTML.
    pub body: String,
    /// `agency` or `center`: which side answered.
    pub side: String,
    /// Unix milliseconds (UTC).
    pub at: i64,
}

impl From<AnswerView> for AnswerOut {
    fn from(a: AnswerView) -> Self {
        Self { body: a.body, side: a.side.code().to_owned(), at: a.at }
    }
}

/// A question as the caller may see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionOut {
    pub id: String,
    /// `unanswered`, `answered`, `hidden` or `merged`.
    pub state: String,
    /// Plain text, as written.
    pub body: String,
    /// Unix milliseconds (UTC).
    pub asked_at: i64,
    /// The caller asked it.
    pub mine: bool,
    /// Who asked: `null` unless the caller is staff.
    pub asker_name: Option<String>,
    /// Why staff hid it: for its own asker and staff only.
    pub hidden_reason: Option<String>,
    /// The earlier question it duplicates, once merged.
    pub merged_into: Option<String>,
    /// The answer in force.
    pub answer: Option<AnswerOut>,
    /// Its earlier versions, oldest first.
    pub history: Vec<AnswerOut>,
}

impl From<QuestionView> for QuestionOut {
    fn from(q: QuestionView) -> Self {
        Self {
            id: q.id,
            state: q.state.code().to_owned(),
            body: q.body,
            asked_at: q.asked_at,
            mine: q.mine,
            asker_name: q.asker_name,
            hidden_reason: q.hidden_reason,
            merged_into: q.merged_into,
            answer: q.answer.map(AnswerOut::from),
            history: q.history.into_iter().map(AnswerOut::from).collect(),
        }
    }
}

/// A challenge's questions for the caller, and what the caller may do.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionList {
    /// The challenge takes questions now.
    pub open: bool,
    pub can_ask: bool,
    pub can_answer: bool,
    pub can_moderate: bool,
    /// This page (from 0), oldest first: up to 50.
    pub page: u32,
    /// The next page's number (`?page=`), while there are more.
    pub next_page: Option<u32>,
    pub questions: Vec<QuestionOut>,
}

impl From<Questions> for QuestionList {
    fn from(q: Questions) -> Self {
        Self {
            open: q.open,
            can_ask: q.can_ask,
            can_answer: q.can_answer,
            can_moderate: q.can_moderate,
            page: q.page,
            next_page: q.next_page,
            questions: q.items.into_iter().map(QuestionOut::from).collect(),
        }
    }
}

/// Page `page` of the challenge's questions for the caller.
async fn listed(
    state: &AppState,
    ctx: &Ctx,
    id: &ChallengeId,
    page: u32,
    status: StatusCode,
) -> Result<Response, WebError> {
    let found = questions::list::of_challenge(&state.app, ctx.actor(), id, page).await?;
    Ok((status, Json(QuestionList::from(found))).into_response())
}

/// The questions of a challenge, a page of up to 50 at a time: answered ones to anyone once it is
/// published; the caller's own and, for its sides, every one.
#[utoipa::path(get, path = "/api/v1/challenges/{id}/questions", operation_id = "list_questions",
    params(("id" = String, Path, description = "The challenge's id"), QuestionPage),
    responses(
        (status = 200, description = "The questions the caller may see", body = QuestionList),
        (status = 404, description = "No such challenge the caller may see", body = ApiError),
    ),
    tag = "questions")]
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<QuestionPage>,
) -> Result<Response, WebError> {
    listed(&state, &ctx, &challenge_id(&id)?, q.page, StatusCode::OK).await
}

/// Ask a public question while the challenge takes proposals (anyone signed in who is on no side of it;
/// at most 10 an hour per account and 30 per address, and 5 waiting for an answer per account and challenge).
#[utoipa::path(post, path = "/api/v1/challenges/{id}/questions", operation_id = "ask_question",
    params(("id" = String, Path, description = "The challenge's id")), request_body = AskInput,
    responses(
        (status = 201, description = "The questions' first page", body = QuestionList),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "The challenge's own officers and staff answer, they do not ask", body = ApiError),
        (status = 404, description = "No such published challenge", body = ApiError),
        (status = 422, description = "Refused input, the challenge no longer takes questions, or the caller has 5 questions waiting on it", body = ApiError),
        (status = 429, description = "Too many questions; try again later", body = ApiError),
    ),
    tag = "questions")]
pub async fn ask(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<AskInput>,
) -> Result<Response, WebError> {
    let id = challenge_id(&id)?;
    match ask::ask(&state.app, ctx.signed_actor()?, &id, &input.question, &ctx.client_ip).await {
        Ok(_) => listed(&state, &ctx, &id, 0, StatusCode::CREATED).await,
        Err(e) => refused(&ctx, e),
    }
}

/// The challenge's questions after a step on question `id`, or the refusal.
async fn after(state: &AppState, ctx: &Ctx, result: halqe_app::Result<ChallengeId>) -> Result<Response, WebError> {
    match result {
        Ok(challenge) => listed(state, ctx, &challenge, 0, StatusCode::OK).await,
        Err(e) => refused(ctx, e),
    }
}

/// Answer a question, or revise its answer (the challenge's agency officers and staff); the first answer
/// notifies its asker and the askers of duplicates merged into it.
#[utoipa::path(post, path = "/api/v1/questions/{id}/answer", operation_id = "answer_question",
    params(("id" = String, Path, description = "The question's id")), request_body = AnswerInput,
    responses(
        (status = 200, description = "The challenge's questions' first page", body = QuestionList),
        (status = 403, description = "Not an officer of the owning agency nor staff", body = ApiError),
        (status = 404, description = "No such question", body = ApiError),
        (status = 422, description = "Refused input, or the question is hidden or merged", body = ApiError),
    ),
    tag = "questions")]
pub async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<AnswerInput>,
) -> Result<Response, WebError> {
    let id: QuestionId = question_id(&id)?;
    let result = answer::answer(&state.app, ctx.signed_actor()?, &id, &input.answer).await;
    after(&state, &ctx, result).await
}

/// Hide a question with a reason its asker sees (staff); duplicates merged into it are un-merged.
#[utoipa::path(post, path = "/api/v1/questions/{id}/hide", operation_id = "hide_question",
    params(("id" = String, Path, description = "The question's id")), request_body = HideInput,
    responses(
        (status = 200, description = "The challenge's questions' first page", body = QuestionList),
        (status = 403, description = "Staff only", body = ApiError),
        (status = 404, description = "No such question", body = ApiError),
        (status = 422, description = "No reason, or already hidden", body = ApiError),
    ),
    tag = "questions")]
pub async fn hide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<HideInput>,
) -> Result<Response, WebError> {
    let id = question_id(&id)?;
    let result = hide::hide(&state.app, &ctx.staff()?, &id, &input.reason).await;
    after(&state, &ctx, result).await
}

/// Merge an unanswered duplicate into an earlier question of the same challenge (staff); its asker is
/// pointed at the original and told of its answer.
#[utoipa::path(post, path = "/api/v1/questions/{id}/merge", operation_id = "merge_question",
    params(("id" = String, Path, description = "The duplicate's id")), request_body = MergeInput,
    responses(
        (status = 200, description = "The challenge's questions' first page", body = QuestionList),
        (status = 403, description = "Staff only", body = ApiError),
        (status = 404, description = "No such question", body = ApiError),
        (status = 422, description = "Not an earlier question of the challenge, or either is hidden, merged or the duplicate answered", body = ApiError),
    ),
    tag = "questions")]
pub async fn merge(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<MergeInput>,
) -> Result<Response, WebError> {
    let id = question_id(&id)?;
    let result = merge::merge(&state.app, &ctx.staff()?, &id, &input.into).await;
    after(&state, &ctx, result).await
}

/// A question waiting for an answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct WaitingOut {
    pub id: String,
    pub challenge_id: String,
    pub challenge_title: String,
    pub agency_name: String,
    pub body: String,
    pub asked_at: i64,
}

impl From<Waiting> for WaitingOut {
    fn from(w: Waiting) -> Self {
        Self {
            id: w.id,
            challenge_id: w.challenge_id,
            challenge_title: w.challenge_title,
            agency_name: w.agency_name,
            body: w.body,
            asked_at: w.created_at,
        }
    }
}

/// The (at most 200) oldest questions waiting for an answer on published challenges: staff see every one,
/// an officer their agency's.
#[utoipa::path(get, path = "/api/v1/questions", operation_id = "unanswered_questions",
    responses(
        (status = 200, description = "Unanswered questions", body = Vec<WaitingOut>),
        (status = 403, description = "Officers of an agency and staff only", body = ApiError),
    ),
    tag = "questions")]
pub async fn unanswered(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let waiting = questions::list::unanswered(&state.app, ctx.signed_actor()?).await?;
    Ok(Json(waiting.into_iter().map(WaitingOut::from).collect::<Vec<_>>()).into_response())
}
