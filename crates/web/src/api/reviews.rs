//! `/api/v1/reviews`: a reviewer's assignments and their reviews as JSON, through the same use cases and the
//! same blind projection as the pages.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use halqe_app::evaluation::reviews::{self, AssignmentListed, ReviewForm, ReviewPage, ScoreInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiError, Body, refused};
use crate::context::Ctx;
use crate::error::WebError;
use crate::pages::reviews::assignment_id;
use crate::state::AppState;

/// One assignment in force.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentSummary {
    pub id: String,
    pub call_title: String,
    pub stage_name: String,
    /// `single` or `double`.
    pub blind: String,
    /// The proposal's title as the stage lets reviewers see it.
    pub title: String,
    /// When the review is due: unix milliseconds (UTC); absent when open-ended.
    pub due_at: Option<i64>,
    /// `none` (not started), `draft` or `submitted`.
    pub state: String,
}

impl From<&AssignmentListed> for AssignmentSummary {
    fn from(a: &AssignmentListed) -> Self {
        Self {
            id: a.assignment_id.clone(),
            call_title: a.call_title.clone(),
            stage_name: a.stage_name.clone(),
            blind: a.blind.code().to_owned(),
            title: a.title.clone(),
            due_at: a.due_at,
            state: a.state.map_or("none", |s| s.code()).to_owned(),
        }
    }
}

/// Who submitted: present only in a single-blind stage.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicantBody {
    /// `person` or `organization`.
    pub kind: String,
    pub name: String,
    pub team: Vec<String>,
    pub conflicts_note: String,
}

/// The proposal as reviewers of the stage see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewerProposalBody {
    /// The submitted version under evaluation.
    pub version: i64,
    pub challenge_title: String,
    pub agency_name: String,
    /// `single` or `double`.
    pub blind: String,
    pub title: String,
    pub summary: String,
    pub approach: String,
    /// Million rials.
    pub budget: Option<i64>,
    pub timeline: String,
    pub expected_results: String,
    /// Absent in a double-blind stage.
    pub applicant: Option<ApplicantBody>,
    /// File names; empty in a double-blind stage, which withholds them.
    pub files: Vec<String>,
    pub withheld_files: usize,
}

/// One criterion of the rubric.
#[derive(Debug, Serialize, ToSchema)]
pub struct CriterionBody {
    pub id: String,
    /// 1-based; refusals name the criterion's fields `score_<position>` and `comment_<position>`.
    pub position: usize,
    pub name: String,
    pub description: String,
    pub weight: i64,
    pub scale_min: i64,
    pub scale_max: i64,
}

/// One criterion's saved score.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ScoreBody {
    pub criterion_id: String,
    pub score: i64,
    pub comment: String,
}

/// The review as saved.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewBody {
    /// `draft` or `submitted`.
    pub state: String,
    pub comment: String,
    pub confidence: Option<i64>,
    pub scores: Vec<ScoreBody>,
    /// Percent of the best possible, once every criterion has a score.
    pub weighted: Option<f64>,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
}

/// One assignment's review page.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewDetail {
    pub id: String,
    pub call_title: String,
    pub stage_name: String,
    pub due_at: Option<i64>,
    /// The review may still be saved or submitted (not submitted, not past due).
    pub writable: bool,
    pub proposal: ReviewerProposalBody,
    pub criteria: Vec<CriterionBody>,
    pub review: Option<ReviewBody>,
}

impl From<ReviewPage> for ReviewDetail {
    fn from(p: ReviewPage) -> Self {
        let writable = p.writable();
        let v = p.proposal;
        let proposal = ReviewerProposalBody {
            version: v.version,
            challenge_title: v.challenge_title,
            agency_name: v.agency_name,
            blind: v.blind.code().to_owned(),
            title: v.title,
            summary: v.summary,
            approach: v.approach,
            budget: v.budget,
            timeline: v.timeline,
            expected_results: v.expected_results,
            applicant: v.applicant.map(|a| ApplicantBody {
                kind: a.kind.code().to_owned(),
                name: a.name,
                team: a.team,
                conflicts_note: a.conflicts_note,
            }),
            files: v.files.into_iter().map(|f| f.file_name).collect(),
            withheld_files: v.withheld_files,
        };
        let criteria = p
            .criteria
            .into_iter()
            .map(|c| CriterionBody {
                id: c.id,
                position: c.position,
                name: c.name,
                description: c.description,
                weight: c.weight,
                scale_min: c.scale_min,
                scale_max: c.scale_max,
            })
            .collect();
        let review = p.review.map(|r| ReviewBody {
            state: r.state.code().to_owned(),
            comment: r.comment,
            confidence: r.confidence,
            scores: r
                .scores
                .into_iter()
                .map(|s| ScoreBody { criterion_id: s.criterion_id, score: s.score, comment: s.comment })
                .collect(),
            weighted: r.weighted,
            updated_at: r.updated_at,
            submitted_at: r.submitted_at,
        });
        Self {
            id: p.assignment_id,
            call_title: p.call_title,
            stage_name: p.stage_name,
            due_at: p.due_at,
            writable,
            proposal,
            criteria,
            review,
        }
    }
}

/// One criterion's input.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct ScoreInputBody {
    pub criterion_id: String,
    /// A whole number within the criterion's scale, as text in any digits (`"7"`, `"۷"`); empty in a draft.
    pub score: String,
    /// Up to 2000 characters.
    pub comment: String,
}

/// What a save or a submission sends.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct ReviewInput {
    /// At most one per criterion of the stage (at most 12).
    pub scores: Vec<ScoreInputBody>,
    /// Up to 4000 characters.
    pub comment: String,
    /// 1–5 in any digits; required to submit.
    pub confidence: String,
}

impl ReviewInput {
    fn form(self) -> ReviewForm {
        ReviewForm {
            scores: self
                .scores
                .into_iter()
                .take(reviews::SCORE_FIELDS.len())
                .map(|s| ScoreInput { criterion_id: s.criterion_id, score: s.score, comment: s.comment })
                .collect(),
            comment: self.comment,
            confidence: self.confidence,
        }
    }
}

async fn detail(state: &AppState, ctx: &Ctx, id: &str) -> Result<Response, WebError> {
    let p = reviews::page(&state.app, ctx.signed_actor()?, &assignment_id(id)?).await?;
    Ok(Json(ReviewDetail::from(p)).into_response())
}

/// The caller's assignments in force, oldest first.
#[utoipa::path(get, path = "/api/v1/reviews", operation_id = "list_reviews",
    responses(
        (status = 200, description = "The caller's assignments in force", body = Vec<AssignmentSummary>),
        (status = 403, description = "Not a reviewer", body = ApiError),
    ),
    tag = "reviews")]
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let mine = reviews::mine(&state.app, ctx.signed_actor()?).await?;
    Ok(Json(mine.assignments.iter().map(AssignmentSummary::from).collect::<Vec<_>>()).into_response())
}

/// One assignment: the proposal as the stage lets reviewers see it, the rubric and the review so far.
#[utoipa::path(get, path = "/api/v1/reviews/{id}", operation_id = "show_review",
    params(("id" = String, Path, description = "The assignment's id")),
    responses(
        (status = 200, description = "The assignment's review page", body = ReviewDetail),
        (status = 403, description = "The caller's assignment was removed, or they have a conflict with the proposal (recorded)", body = ApiError),
        (status = 404, description = "No such assignment of the caller (recorded)", body = ApiError),
    ),
    tag = "reviews")]
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    detail(&state, &ctx, &id).await
}

async fn save(
    state: AppState,
    ctx: Ctx,
    id: String,
    input: ReviewInput,
    submitting: bool,
) -> Result<Response, WebError> {
    let assignment = assignment_id(&id)?;
    match reviews::save(&state.app, ctx.signed_actor()?, &assignment, &input.form(), submitting).await {
        Ok(()) => detail(&state, &ctx, &id).await,
        Err(e) => refused(&ctx, e),
    }
}

/// Save the review as a draft: scores may be blank, but a score given must be within its scale.
#[utoipa::path(post, path = "/api/v1/reviews/{id}", operation_id = "save_review",
    params(("id" = String, Path, description = "The assignment's id")), request_body = ReviewInput,
    responses(
        (status = 200, description = "The review as saved", body = ReviewDetail),
        (status = 403, description = "Removed or conflicted", body = ApiError),
        (status = 404, description = "No such assignment of the caller", body = ApiError),
        (status = 422, description = "A score outside its scale or not a whole number, a comment too long, past the due date (`review_past_due`), or already submitted (`review_already_submitted`)", body = ApiError),
    ),
    tag = "reviews")]
pub async fn save_draft(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<ReviewInput>,
) -> Result<Response, WebError> {
    save(state, ctx, id, input, false).await
}

/// Save and submit the review: every criterion's score and the confidence are required; never changed after.
/// Of two submissions at once, one is made and the other answered `review_already_submitted`.
#[utoipa::path(post, path = "/api/v1/reviews/{id}/submit", operation_id = "submit_review",
    params(("id" = String, Path, description = "The assignment's id")), request_body = ReviewInput,
    responses(
        (status = 200, description = "The review, submitted", body = ReviewDetail),
        (status = 403, description = "Removed or conflicted", body = ApiError),
        (status = 404, description = "No such assignment of the caller", body = ApiError),
        (status = 422, description = "A score missing or outside its scale, no confidence, past the due date, or already submitted", body = ApiError),
    ),
    tag = "reviews")]
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<ReviewInput>,
) -> Result<Response, WebError> {
    save(state, ctx, id, input, true).await
}
