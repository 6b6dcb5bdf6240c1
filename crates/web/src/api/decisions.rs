//! `/api/v1` decisions and appeals: a proposal's evaluation record (its applicant's side and the
//! challenge's sides), staff's decisions with a reason, the applicant's appeal and its answer.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::evaluation::appeals;
use halqe_app::evaluation::decisions::{self, DecisionForm};
use halqe_app::evaluation::record::{AppealView, DecisionView, EvaluationRecord};
use halqe_app::proposals::show;
use halqe_domain::ids::AppealId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiError, Body, refused};
use crate::context::Ctx;
use crate::error::WebError;
use crate::pages::proposals::proposal_id;
use crate::state::AppState;

/// One decision: never who took it, nor who reviewed.
#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionBody {
    pub id: String,
    pub stage: String,
    /// `advance`, `reject`, `award`, `no_award`, or `reinstate` (an appeal overturned the rejection).
    pub outcome: String,
    pub reason: String,
    /// Unix milliseconds (UTC).
    pub decided_at: i64,
    /// It answers an appeal.
    pub answers_appeal: bool,
}

impl From<&DecisionView> for DecisionBody {
    fn from(d: &DecisionView) -> Self {
        Self {
            id: d.id.clone(),
            stage: d.stage_name.clone(),
            outcome: d.outcome.code().to_owned(),
            reason: d.reason.clone(),
            decided_at: d.decided_at,
            answers_appeal: d.answers_appeal,
        }
    }
}

/// An appeal against a rejection.
#[derive(Debug, Serialize, ToSchema)]
pub struct AppealBody {
    pub id: String,
    pub reason: String,
    pub filed_at: i64,
    /// `pending`, `upheld` or `overturned`.
    pub state: String,
    /// The written answer, once decided.
    pub answer: String,
}

impl From<&AppealView> for AppealBody {
    fn from(a: &AppealView) -> Self {
        Self {
            id: a.id.clone(),
            reason: a.reason.clone(),
            filed_at: a.filed_at,
            state: a.state.clone(),
            answer: a.answer.clone(),
        }
    }
}

/// Where a proposal stands in evaluation and every decision on it.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvaluationBody {
    /// `in_review`, `rejected`, `appealed`, `awarded` or `not_awarded`.
    pub state: String,
    pub stage: String,
    /// Send it back as `revision` with a decision: a decision on an older revision is refused.
    pub revision: i64,
    pub decisions: Vec<DecisionBody>,
    pub appeals: Vec<AppealBody>,
    /// Until when the caller may appeal (unix ms), if they may now.
    pub appeal_until: Option<i64>,
}

impl From<&EvaluationRecord> for EvaluationBody {
    fn from(r: &EvaluationRecord) -> Self {
        Self {
            state: r.state.code().to_owned(),
            stage: r.stage_name.clone(),
            revision: r.revision,
            decisions: r.decisions.iter().map(DecisionBody::from).collect(),
            appeals: r.appeals.iter().map(AppealBody::from).collect(),
            appeal_until: r.appeal_until,
        }
    }
}

/// A decision on a proposal.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionInput {
    /// `advance` or `reject` before the last stage; `award`, `no_award` or `reject` at the last.
    pub outcome: String,
    /// Why, up to 2000 characters (required).
    pub reason: String,
    /// The evaluation's `revision` the decider saw.
    pub revision: i64,
}

/// An appeal against the proposal's rejection.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AppealInput {
    /// Why, up to 2000 characters (required).
    pub reason: String,
}

/// The answer to an appeal.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AnswerInput {
    /// `upheld` (the rejection stands) or `overturned` (back to review in that stage).
    pub verdict: String,
    /// Up to 2000 characters (required).
    pub answer: String,
}

async fn evaluation_of(state: &AppState, ctx: &Ctx, id: &str, status: StatusCode) -> Result<Response, WebError> {
    let page = show::full(&state.app, ctx.signed_actor()?, &proposal_id(id)?).await?;
    let record = page.evaluation.as_ref().ok_or(WebError::NotFound)?;
    Ok((status, Json(EvaluationBody::from(record))).into_response())
}

/// A proposal's evaluation: its stage and state, each decision with its reason, its appeal.
#[utoipa::path(get, path = "/api/v1/proposals/{id}/evaluation", operation_id = "show_evaluation",
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "The evaluation record", body = EvaluationBody),
        (status = 404, description = "No such proposal the caller may see, or not in evaluation", body = ApiError),
    ),
    tag = "decisions")]
pub async fn evaluation(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    evaluation_of(&state, &ctx, &id, StatusCode::OK).await
}

/// Decide a proposal in its current stage (staff), naming the revision seen: of two concurrent decisions
/// one wins, the other is refused with `decision_conflict`.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/decisions", operation_id = "decide_proposal",
    params(("id" = String, Path, description = "The proposal's id")), request_body = DecisionInput,
    responses(
        (status = 201, description = "The evaluation record after the decision", body = EvaluationBody),
        (status = 403, description = "Not staff", body = ApiError),
        (status = 404, description = "No such proposal in evaluation", body = ApiError),
        (status = 422, description = "No reason, an outcome that does not apply, or someone decided first", body = ApiError),
    ),
    tag = "decisions")]
pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<DecisionInput>,
) -> Result<Response, WebError> {
    let form = DecisionForm { outcome: input.outcome, reason: input.reason, revision: input.revision };
    match decisions::decide(&state.app, &ctx.staff()?, &proposal_id(&id)?, &form).await {
        Ok(_) => evaluation_of(&state, &ctx, &id, StatusCode::CREATED).await,
        Err(e) => refused(&ctx, e),
    }
}

/// Appeal the proposal's rejection (its applicant), once, within the stage's appeal days.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/appeal", operation_id = "appeal_decision",
    params(("id" = String, Path, description = "The proposal's id")), request_body = AppealInput,
    responses(
        (status = 201, description = "The evaluation record with the appeal", body = EvaluationBody),
        (status = 403, description = "Not the applicant's side", body = ApiError),
        (status = 404, description = "No such proposal the caller may see", body = ApiError),
        (status = 422, description = "No reason, not rejected, appealed already, or the period is over", body = ApiError),
    ),
    tag = "decisions")]
pub async fn appeal(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<AppealInput>,
) -> Result<Response, WebError> {
    match appeals::file(&state.app, ctx.signed_actor()?, &proposal_id(&id)?, &input.reason).await {
        Ok(_) => evaluation_of(&state, &ctx, &id, StatusCode::CREATED).await,
        Err(e) => refused(&ctx, e),
    }
}

/// The decision that answers an appeal.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnsweredBody {
    pub decision_id: String,
}

/// Answer an appeal (staff other than the one who rejected: refused for them, even an admin).
#[utoipa::path(post, path = "/api/v1/appeals/{id}/decision", operation_id = "decide_appeal",
    params(("id" = String, Path, description = "The appeal's id")), request_body = AnswerInput,
    responses(
        (status = 201, description = "The decision answering the appeal", body = AnsweredBody),
        (status = 403, description = "Not staff", body = ApiError),
        (status = 404, description = "No such appeal", body = ApiError),
        (status = 422, description = "No answer, answered already, or the first decider", body = ApiError),
    ),
    tag = "decisions")]
pub async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<AnswerInput>,
) -> Result<Response, WebError> {
    let appeal = AppealId::parse(&id).ok_or(WebError::NotFound)?;
    match appeals::decide(&state.app, &ctx.staff()?, &appeal, &input.verdict, &input.answer).await {
        Ok(d) => Ok((StatusCode::CREATED, Json(AnsweredBody { decision_id: d.to_string() })).into_response()),
        Err(e) => refused(&ctx, e),
    }
}
