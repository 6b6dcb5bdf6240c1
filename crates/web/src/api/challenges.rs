//! `/api/v1/challenges` and `/api/v1/calls`: the challenge and call pages as JSON, through the same use
//! cases under the same rules (an unpublished challenge exists only for its agency's officers and staff).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::FormErrors;
use halqe_app::calls::{CallPage, CallView, assign, create as create_call, publish, show as calls};
use halqe_app::challenges::catalogue::{self, Catalogue};
use halqe_app::challenges::invite::{self as invitations_to_apply, InvitationRequest};
use halqe_app::challenges::show::{ChallengePage, show};
use halqe_app::challenges::{ChallengeForm, ChallengeView, EventView, create, edit, step};
use halqe_domain::challenge::Step;
use halqe_domain::ids::{CallId, ChallengeId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::introductions::IntroductionSummary;
use super::{ApiError, Body, refused};
use crate::context::Ctx;
use crate::error::WebError;
use crate::pages::calls::{AssignInput, CallInput};
use crate::pages::challenges::{CatalogueQuery, StepInput, challenge_id};
use crate::state::AppState;

/// A challenge as the catalogue lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChallengeSummary {
    pub id: String,
    pub title: String,
    pub agency_id: String,
    pub agency_name: String,
    pub call_id: Option<String>,
    /// `draft`, `submitted`, `returned`, `approved`, `published`, `closed`, `in_evaluation`, `awarded`,
    /// `no_award` or `archived`.
    pub status: String,
    /// When submissions end: unix milliseconds (UTC), the end of the deadline's day in Tehran.
    pub deadline_at: i64,
    pub published_at: Option<i64>,
}

impl From<&ChallengeView> for ChallengeSummary {
    fn from(c: &ChallengeView) -> Self {
        Self {
            id: c.id.clone(),
            title: c.title.clone(),
            agency_id: c.agency_id.clone(),
            agency_name: c.agency_name.clone(),
            call_id: c.call_id.clone(),
            status: c.status.code().to_owned(),
            deadline_at: c.deadline_at,
            published_at: c.published_at,
        }
    }
}

/// One recorded move of a challenge.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChallengeEvent {
    /// A step code, or `create` / `edit`.
    pub kind: String,
    pub actor_name: String,
    pub from: String,
    pub to: String,
    pub reason: String,
    /// The template fields an edit changed.
    pub changed: Vec<String>,
    pub at: i64,
}

impl From<EventView> for ChallengeEvent {
    fn from(e: EventView) -> Self {
        Self {
            kind: e.kind,
            actor_name: e.actor_name,
            from: e.from.code().to_owned(),
            to: e.to.code().to_owned(),
            reason: e.reason,
            changed: e.changed,
            at: e.at,
        }
    }
}

/// One challenge with its whole template, as the caller may see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChallengeDetail {
    #[serde(flatten)]
    pub summary: ChallengeSummary,
    pub problem: String,
    pub affected: String,
    pub evidence: String,
    pub outcome: String,
    pub success_measure: String,
    pub constraints: String,
    /// Taxonomy field ids.
    pub fields: Vec<String>,
    /// `idea`, `design`, `prototype` or `pilot_ready`.
    pub maturity: String,
    /// Million rials.
    pub budget_min: Option<i64>,
    pub budget_max: Option<i64>,
    /// `data_access`, `pilot_site`, `mentoring`.
    pub support: Vec<String>,
    pub support_note: String,
    /// `people`, `organizations` or `both`.
    pub eligibility: String,
    /// Province codes; empty: every province.
    pub provinces: Vec<String>,
    /// Send it back with an edit, so a concurrent edit is refused rather than lost.
    pub version: i64,
    /// The steps the caller may take now.
    pub steps: Vec<String>,
    /// The history, for the owning agency's officers and staff only (empty for anyone else).
    pub events: Vec<ChallengeEvent>,
}

impl From<ChallengePage> for ChallengeDetail {
    fn from(p: ChallengePage) -> Self {
        let c = p.challenge;
        Self {
            summary: ChallengeSummary::from(&c),
            fields: c.fields.iter().map(|f| f.id.clone()).collect(),
            maturity: c.maturity.code().to_owned(),
            support: c.support.iter().map(|s| s.code().to_owned()).collect(),
            eligibility: c.eligibility.code().to_owned(),
            provinces: c.provinces.iter().map(|p| p.code().to_owned()).collect(),
            problem: c.problem,
            affected: c.affected,
            evidence: c.evidence,
            outcome: c.outcome,
            success_measure: c.success_measure,
            constraints: c.constraints,
            budget_min: c.budget_min,
            budget_max: c.budget_max,
            support_note: c.support_note,
            version: c.version,
            steps: p.steps.iter().map(|s| s.code().to_owned()).collect(),
            events: p.events.into_iter().map(ChallengeEvent::from).collect(),
        }
    }
}

/// The challenge template: what `POST /api/v1/challenges` and its edit send (the editor's fields).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ChallengeInput {
    /// Up to 200 characters.
    pub title: String,
    /// The problem today, up to 4000 characters.
    pub problem: String,
    /// Whom it affects, up to 2000.
    pub affected: String,
    /// Evidence and current figures, up to 4000.
    pub evidence: String,
    /// The desired outcome, up to 2000.
    pub outcome: String,
    /// How success will be measured, up to 2000.
    pub success_measure: String,
    /// Legal, data and systems constraints, up to 2000.
    pub constraints: String,
    /// Taxonomy field ids, at most 5.
    pub fields: Vec<String>,
    /// `idea`, `design`, `prototype` or `pilot_ready`.
    pub maturity: String,
    /// Million rials, any digits; empty for none.
    pub budget_min: String,
    pub budget_max: String,
    /// `data_access`, `pilot_site`, `mentoring`.
    pub support: Vec<String>,
    /// Up to 1000 characters.
    pub support_note: String,
    /// The deadline's day: Solar Hijri (`۱۴۰۵/۰۳/۱۵`) or Gregorian (`2026-06-05`), in any digits.
    pub deadline: String,
    /// `people`, `organizations` or `both`.
    pub eligibility: String,
    /// Province codes; none: every province.
    pub provinces: Vec<String>,
    /// With an edit: the `version` the caller read.
    pub version: i64,
}

impl ChallengeInput {
    fn form(self) -> ChallengeForm {
        ChallengeForm {
            title: self.title,
            problem: self.problem,
            affected: self.affected,
            evidence: self.evidence,
            outcome: self.outcome,
            success_measure: self.success_measure,
            constraints: self.constraints,
            fields: self.fields,
            maturity: self.maturity,
            budget_min: self.budget_min,
            budget_max: self.budget_max,
            support: self.support,
            support_note: self.support_note,
            deadline: self.deadline,
            eligibility: self.eligibility,
            provinces: self.provinces,
        }
    }
}

/// One page of the catalogue.
#[derive(Debug, Serialize, ToSchema)]
pub struct CataloguePage {
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub challenges: Vec<ChallengeSummary>,
}

impl From<Catalogue> for CataloguePage {
    fn from(c: Catalogue) -> Self {
        Self {
            total: c.total,
            page: c.page,
            pages: c.pages,
            challenges: c.found.iter().map(|f| ChallengeSummary::from(&f.challenge)).collect(),
        }
    }
}

/// The public catalogue: published challenges by words (Persian-aware) and filters.
#[utoipa::path(get, path = "/api/v1/challenges", operation_id = "list_challenges", params(CatalogueQuery),
    responses(
        (status = 200, description = "One page of public challenges", body = CataloguePage),
        (status = 422, description = "Refused input (`q` too long)", body = ApiError),
    ),
    tag = "challenges")]
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CatalogueQuery>,
) -> Result<Response, WebError> {
    match catalogue::search(&state.app, &state.search, &q.request()).await {
        Ok(found) => Ok(Json(CataloguePage::from(found)).into_response()),
        Err(e) => refused(&ctx, e),
    }
}

async fn detail(state: &AppState, ctx: &Ctx, id: &ChallengeId, status: StatusCode) -> Result<Response, WebError> {
    let page = show(&state.app, ctx.actor(), id, 0).await?;
    Ok((status, Json(ChallengeDetail::from(page))).into_response())
}

/// Write a new challenge for the caller's agency (officers): saved as a draft.
#[utoipa::path(post, path = "/api/v1/challenges", operation_id = "create_challenge", request_body = ChallengeInput,
    responses(
        (status = 201, description = "The draft", body = ChallengeDetail),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Only officers of an agency write challenges", body = ApiError),
        (status = 422, description = "Refused input (`fields`)", body = ApiError),
    ),
    tag = "challenges")]
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(input): Body<ChallengeInput>,
) -> Result<Response, WebError> {
    let cap = ctx.signed_actor()?.author().map_err(|_| WebError::Forbidden)?;
    match create::create(&state.app, &cap, &input.form()).await {
        Ok(id) => detail(&state, &ctx, &id, StatusCode::CREATED).await,
        Err(e) => refused(&ctx, e),
    }
}

/// One challenge: anyone once published; before that only its agency's officers and staff.
#[utoipa::path(get, path = "/api/v1/challenges/{id}", operation_id = "show_challenge",
    params(("id" = String, Path, description = "The challenge's id")),
    responses(
        (status = 200, description = "The challenge as the caller sees it", body = ChallengeDetail),
        (status = 404, description = "No such challenge, or not published and the caller is not on its side", body = ApiError),
    ),
    tag = "challenges")]
pub async fn get(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    detail(&state, &ctx, &challenge_id(&id)?, StatusCode::OK).await
}

/// Edit the text (the owning agency's officers); an approved or published challenge goes back to review.
#[utoipa::path(post, path = "/api/v1/challenges/{id}/edit", operation_id = "edit_challenge",
    params(("id" = String, Path, description = "The challenge's id")), request_body = ChallengeInput,
    responses(
        (status = 200, description = "The challenge as it now is", body = ChallengeDetail),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an officer of the owning agency", body = ApiError),
        (status = 404, description = "No such challenge the caller may see", body = ApiError),
        (status = 422, description = "Refused input, a stale `version`, or a status that takes no edits", body = ApiError),
    ),
    tag = "challenges")]
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<ChallengeInput>,
) -> Result<Response, WebError> {
    let id = challenge_id(&id)?;
    let version = input.version;
    match edit::edit(&state.app, ctx.signed_actor()?, &id, version, &input.form()).await {
        Ok(_) => detail(&state, &ctx, &id, StatusCode::OK).await,
        Err(e) => refused(&ctx, e),
    }
}

/// Take one lifecycle step: the agency submits; staff return (with comments), approve, publish, evaluate
/// and decide; either closes.
#[utoipa::path(post, path = "/api/v1/challenges/{id}/steps", operation_id = "challenge_step",
    params(("id" = String, Path, description = "The challenge's id")), request_body = StepInput,
    responses(
        (status = 200, description = "The challenge after the step", body = ChallengeDetail),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "The step is not the caller's to take", body = ApiError),
        (status = 404, description = "No such challenge the caller may see", body = ApiError),
        (status = 422, description = "The step does not apply now, or the reason is missing", body = ApiError),
    ),
    tag = "challenges")]
pub async fn take_step(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<StepInput>,
) -> Result<Response, WebError> {
    let id = challenge_id(&id)?;
    let result = match Step::parse(&input.step) {
        Ok(s) => step::take(&state.app, ctx.signed_actor()?, &id, s, &input.reason).await.map(|_| ()),
        Err(e) => Err(FormErrors::single("step", e.code())),
    };
    match result {
        Ok(()) => detail(&state, &ctx, &id, StatusCode::OK).await,
        Err(e) => refused(&ctx, e),
    }
}

/// Put a challenge in a call, or take it out with an empty `call` (staff).
#[utoipa::path(post, path = "/api/v1/challenges/{id}/call", operation_id = "assign_challenge_call",
    params(("id" = String, Path, description = "The challenge's id")), request_body = AssignInput,
    responses(
        (status = 200, description = "The challenge in its call", body = ChallengeDetail),
        (status = 403, description = "Staff only", body = ApiError),
        (status = 404, description = "No such challenge or call", body = ApiError),
        (status = 422, description = "A draft cannot join a call", body = ApiError),
    ),
    tag = "calls")]
pub async fn assign_call(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<AssignInput>,
) -> Result<Response, WebError> {
    let id = challenge_id(&id)?;
    match assign::assign(&state.app, &ctx.staff()?, &id, input.call()?.as_ref()).await {
        Ok(()) => detail(&state, &ctx, &id, StatusCode::OK).await,
        Err(e) => refused(&ctx, e),
    }
}

/// A call.
#[derive(Debug, Serialize, ToSchema)]
pub struct CallSummary {
    pub id: String,
    pub title: String,
    pub rules: String,
    pub opens_at: i64,
    /// The end of the closing day.
    pub closes_at: i64,
    /// `draft` or `published`.
    pub status: String,
}

impl From<CallView> for CallSummary {
    fn from(c: CallView) -> Self {
        Self {
            id: c.id,
            title: c.title,
            rules: c.rules,
            opens_at: c.opens_at,
            closes_at: c.closes_at,
            status: c.status.code().to_owned(),
        }
    }
}

/// A call with its challenges.
#[derive(Debug, Serialize, ToSchema)]
pub struct CallDetail {
    #[serde(flatten)]
    pub call: CallSummary,
    pub challenges: Vec<ChallengeSummary>,
}

impl From<CallPage> for CallDetail {
    fn from(p: CallPage) -> Self {
        Self { challenges: p.challenges.iter().map(ChallengeSummary::from).collect(), call: p.call.into() }
    }
}

/// Published calls (staff: drafts too), newest first.
#[utoipa::path(get, path = "/api/v1/calls", operation_id = "list_calls",
    responses((status = 200, description = "The calls", body = Vec<CallSummary>)),
    tag = "calls")]
pub async fn list_calls(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let found = calls::list(&state.app, ctx.actor()).await?;
    Ok(Json(found.into_iter().map(CallSummary::from).collect::<Vec<_>>()).into_response())
}

fn call_id(raw: &str) -> Result<CallId, WebError> {
    CallId::parse(raw).ok_or(WebError::NotFound)
}

async fn call_detail(state: &AppState, ctx: &Ctx, id: &CallId, status: StatusCode) -> Result<Response, WebError> {
    let page = calls::show(&state.app, ctx.actor(), id).await?;
    Ok((status, Json(CallDetail::from(page))).into_response())
}

/// Open a draft call (staff).
#[utoipa::path(post, path = "/api/v1/calls", operation_id = "create_call", request_body = CallInput,
    responses(
        (status = 201, description = "The draft call", body = CallDetail),
        (status = 403, description = "Staff only", body = ApiError),
        (status = 422, description = "Refused input (`fields`)", body = ApiError),
    ),
    tag = "calls")]
pub async fn new_call(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(input): Body<CallInput>,
) -> Result<Response, WebError> {
    match create_call::create(&state.app, &ctx.staff()?, &input.form()).await {
        Ok(id) => call_detail(&state, &ctx, &id, StatusCode::CREATED).await,
        Err(e) => refused(&ctx, e),
    }
}

/// One call with its challenges: published ones to anyone, drafts to staff.
#[utoipa::path(get, path = "/api/v1/calls/{id}", operation_id = "show_call",
    params(("id" = String, Path, description = "The call's id")),
    responses(
        (status = 200, description = "The call", body = CallDetail),
        (status = 404, description = "No such call, or a draft and the caller is not staff", body = ApiError),
    ),
    tag = "calls")]
pub async fn get_call(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    call_detail(&state, &ctx, &call_id(&id)?, StatusCode::OK).await
}

/// Publish a draft call (staff).
#[utoipa::path(post, path = "/api/v1/calls/{id}/publish", operation_id = "publish_call",
    params(("id" = String, Path, description = "The call's id")),
    responses(
        (status = 200, description = "The call, published", body = CallDetail),
        (status = 403, description = "Staff only", body = ApiError),
        (status = 404, description = "No such call", body = ApiError),
        (status = 422, description = "Already published", body = ApiError),
    ),
    tag = "calls")]
pub async fn publish_call(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = call_id(&id)?;
    match publish::publish(&state.app, &ctx.staff()?, &id).await {
        Ok(()) => call_detail(&state, &ctx, &id, StatusCode::OK).await,
        Err(e) => refused(&ctx, e),
    }
}

/// The body of `POST /api/v1/challenges/{id}/invitations`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewInvitations {
    /// `person:<id>` or `organization:<id>` per invitee; at most 50, repeats dropped.
    #[serde(default)]
    pub candidates: Vec<String>,
    /// A note to the invitees, at most 2000 characters.
    #[serde(default)]
    pub note: String,
}

/// The invitations a request made.
#[derive(Debug, Serialize, ToSchema)]
pub struct Invited {
    /// The new invitations' ids: each is an introduction (`/api/v1/introductions/{id}`).
    pub invitations: Vec<String>,
}

/// Invite people or teams to apply to a published challenge open for proposals (its agency's officers and
/// staff): one invitation each, an introduction with the same consent and privacy rules; each invitee is
/// notified, and none is invited twice to one challenge.
#[utoipa::path(post, path = "/api/v1/challenges/{id}/invitations", operation_id = "invite_to_challenge",
    params(("id" = String, Path, description = "The challenge's id")), request_body = NewInvitations,
    responses(
        (status = 201, description = "One invitation per invitee", body = Invited),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an officer of the challenge's agency nor staff", body = ApiError),
        (status = 404, description = "No such challenge, or an invitee the caller may not see", body = ApiError),
        (status = 422, description = "Refused input (`fields.candidates`, `fields.note`): none or over 50, one \
            already invited, one the challenge does not admit, or the challenge is not open", body = ApiError),
    ),
    tag = "challenges")]
pub async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<NewInvitations>,
) -> Result<Response, WebError> {
    let id = challenge_id(&id)?;
    let req = InvitationRequest { candidates: input.candidates, note: input.note };
    match invitations_to_apply::invite(&state.app, &state.search, ctx.signed_actor()?, &id, &req).await {
        Ok(made) => {
            let invitations = made.iter().map(ToString::to_string).collect();
            Ok((StatusCode::CREATED, Json(Invited { invitations })).into_response())
        }
        Err(e) => refused(&ctx, e),
    }
}

/// The invitations to apply to a challenge, oldest first, with their status (its agency's officers and
/// staff); an invitee's contact details are on the invitation once they accept.
#[utoipa::path(get, path = "/api/v1/challenges/{id}/invitations", operation_id = "list_challenge_invitations",
    params(("id" = String, Path, description = "The challenge's id")),
    responses(
        (status = 200, description = "The challenge's invitations", body = Vec<IntroductionSummary>),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Not an officer of the challenge's agency nor staff", body = ApiError),
        (status = 404, description = "No such challenge the caller may see", body = ApiError),
    ),
    tag = "challenges")]
pub async fn invitations(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = challenge_id(&id)?;
    let listed = invitations_to_apply::invitations(&state.app, ctx.signed_actor()?, &id).await?;
    Ok(Json(listed.into_iter().map(IntroductionSummary::from).collect::<Vec<_>>()).into_response())
}
