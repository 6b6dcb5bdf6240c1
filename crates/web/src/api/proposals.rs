//! `/api/v1/proposals`: the proposal pages as JSON, through the same use cases under the same rules (a
//! proposal exists only for its applicant's side, its team and, once submitted, the challenge's sides).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::proposals::show::{ProposalPage, Shown};
use halqe_app::proposals::view::{Content, FileView, MemberView};
use halqe_app::proposals::{
    ProposalForm, ProposalView, Receipt, VersionView, create, list, save, show, submit, team, withdraw,
};
use halqe_domain::ids::ProposalId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiError, Body, refused};
use crate::context::Ctx;
use crate::error::WebError;
use crate::pages::challenges::challenge_id;
use crate::pages::proposals::{AnswerInput, CreateInput, MemberInput, proposal_id};
use crate::state::AppState;

/// A proposal as listed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalSummary {
    pub id: String,
    pub challenge_id: String,
    pub challenge_title: String,
    /// `person` or `organization`.
    pub applicant_kind: String,
    pub applicant_name: String,
    /// `draft`, `submitted` or `withdrawn`.
    pub status: String,
    pub title: String,
    /// Submitted versions so far: send it back as `version` to submit the next one.
    pub versions: i64,
    /// When the challenge stops taking proposals: unix milliseconds (UTC).
    pub deadline_at: i64,
    pub updated_at: i64,
}

impl From<&ProposalView> for ProposalSummary {
    fn from(v: &ProposalView) -> Self {
        Self {
            id: v.id.clone(),
            challenge_id: v.challenge_id.clone(),
            challenge_title: v.challenge_title.clone(),
            applicant_kind: v.applicant_kind.code().to_owned(),
            applicant_name: v.applicant_name.clone(),
            status: v.status.code().to_owned(),
            title: v.title.clone(),
            versions: v.versions,
            deadline_at: v.deadline_at,
            updated_at: v.updated_at,
        }
    }
}

/// A team member.
#[derive(Debug, Serialize, ToSchema)]
pub struct Member {
    pub person_id: String,
    pub name: String,
    /// `invited`, `accepted` or `declined`.
    pub state: String,
}

impl From<&MemberView> for Member {
    fn from(m: &MemberView) -> Self {
        Self { person_id: m.person_id.clone(), name: m.name.clone(), state: m.state.code().to_owned() }
    }
}

/// An attached file.
#[derive(Debug, Serialize, ToSchema)]
pub struct File {
    pub id: String,
    pub file_name: String,
    pub size_bytes: i64,
}

impl From<&FileView> for File {
    fn from(f: &FileView) -> Self {
        Self { id: f.id.clone(), file_name: f.file_name.clone(), size_bytes: f.size_bytes }
    }
}

/// A proposal as the caller may see it: the working copy for its applicant's side and team, the latest
/// submitted version for the challenge's sides.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalDetail {
    #[serde(flatten)]
    pub summary: ProposalSummary,
    pub summary_text: String,
    pub approach: String,
    /// Million rials.
    pub budget: Option<i64>,
    pub timeline: String,
    pub expected_results: String,
    pub originality: bool,
    pub conflicts: bool,
    pub conflicts_note: String,
    pub team: Vec<Member>,
    pub files: Vec<File>,
    /// The caller speaks for the applicant (may edit, submit, withdraw before the deadline).
    pub owner: bool,
    /// The caller is asked to join the team and has not answered: the text is not theirs to read yet.
    pub invited: bool,
    /// The challenge still takes proposals.
    pub open: bool,
}

impl ProposalDetail {
    fn of(v: &ProposalView, team: &[MemberView], files: &[FileView]) -> Self {
        Self {
            summary: ProposalSummary::from(v),
            summary_text: v.summary.clone(),
            approach: v.approach.clone(),
            budget: v.budget,
            timeline: v.timeline.clone(),
            expected_results: v.expected_results.clone(),
            originality: v.originality,
            conflicts: v.conflicts,
            conflicts_note: v.conflicts_note.clone(),
            team: team.iter().map(Member::from).collect(),
            files: files.iter().map(File::from).collect(),
            owner: false,
            invited: false,
            open: false,
        }
    }
}

impl From<ProposalPage> for ProposalDetail {
    fn from(p: ProposalPage) -> Self {
        Self { owner: p.sides.owner, open: p.open, ..Self::of(&p.proposal, &p.team, &p.files) }
    }
}

/// The receipt of a submission.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReceiptBody {
    pub proposal_id: String,
    pub version: i64,
    /// The tracking code (کد رهگیری): sixteen digits.
    pub tracking_code: String,
    pub submitted_at: i64,
}

impl From<Receipt> for ReceiptBody {
    fn from(r: Receipt) -> Self {
        Self {
            proposal_id: r.proposal_id,
            version: r.version,
            tracking_code: r.tracking_code.as_str().to_owned(),
            submitted_at: r.submitted_at,
        }
    }
}

/// One submitted version as it was.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionBody {
    pub version: i64,
    pub tracking_code: String,
    pub submitted_at: i64,
    pub title: String,
    pub summary: String,
    pub approach: String,
    pub budget: Option<i64>,
    pub timeline: String,
    pub expected_results: String,
    pub conflicts_note: String,
    pub team: Vec<Member>,
    pub files: Vec<File>,
}

impl From<&VersionView> for VersionBody {
    fn from(v: &VersionView) -> Self {
        let c: &Content = &v.content;
        Self {
            version: v.version,
            tracking_code: v.tracking_code.as_str().to_owned(),
            submitted_at: v.submitted_at,
            title: c.title.clone(),
            summary: c.summary.clone(),
            approach: c.approach.clone(),
            budget: c.budget,
            timeline: c.timeline.clone(),
            expected_results: c.expected_results.clone(),
            conflicts_note: c.conflicts_note.clone(),
            team: c.team.iter().map(Member::from).collect(),
            files: c.files.iter().map(File::from).collect(),
        }
    }
}

/// The proposal's text: what the editor sends.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ProposalInput {
    /// Up to 200 characters.
    pub title: String,
    /// Up to 2000.
    pub summary: String,
    /// Up to 8000.
    pub approach: String,
    /// Million rials, any digits; empty for none yet.
    pub budget: String,
    /// Up to 2000.
    pub timeline: String,
    /// Up to 4000.
    pub expected_results: String,
    /// The originality declaration; required to submit.
    pub originality: bool,
    /// The conflicts-of-interest declaration; required to submit.
    pub conflicts: bool,
    /// Conflicts to declare, up to 1000.
    pub conflicts_note: String,
}

impl ProposalInput {
    fn form(self) -> ProposalForm {
        ProposalForm {
            title: self.title,
            summary: self.summary,
            approach: self.approach,
            budget: self.budget,
            timeline: self.timeline,
            expected_results: self.expected_results,
            originality: self.originality,
            conflicts: self.conflicts,
            conflicts_note: self.conflicts_note,
        }
    }
}

/// What a submission sends: the number of versions the caller saw (the proposal's `versions`).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SubmitInput {
    pub version: i64,
}

async fn detail(state: &AppState, ctx: &Ctx, id: &ProposalId, status: StatusCode) -> Result<Response, WebError> {
    let body = match show::show(&state.app, ctx.signed_actor()?, id).await? {
        Shown::Page(p) => ProposalDetail::from(*p),
        Shown::Invitation(i) => {
            let mut v = i.proposal;
            for text in
                [&mut v.summary, &mut v.approach, &mut v.timeline, &mut v.expected_results, &mut v.conflicts_note]
            {
                text.clear();
            }
            v.budget = None;
            ProposalDetail { invited: true, ..ProposalDetail::of(&v, &[], &[]) }
        }
    };
    Ok((status, Json(body)).into_response())
}

/// The caller's proposals: written, on the team, or asked to join.
#[utoipa::path(get, path = "/api/v1/proposals", operation_id = "list_proposals",
    responses(
        (status = 200, description = "The caller's proposals, newest change first", body = Vec<ProposalSummary>),
        (status = 401, description = "Not signed in", body = ApiError),
    ),
    tag = "proposals")]
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let items = list::mine(&state.app, ctx.signed_actor()?).await?;
    Ok(Json(items.iter().map(|i| ProposalSummary::from(&i.proposal)).collect::<Vec<_>>()).into_response())
}

/// Start a proposal to a published challenge open for submissions (or get the caller's draft already in
/// play for that applicant).
#[utoipa::path(post, path = "/api/v1/challenges/{id}/proposals", operation_id = "create_proposal",
    params(("id" = String, Path, description = "The challenge's id")), request_body = CreateInput,
    responses(
        (status = 201, description = "The draft", body = ProposalDetail),
        (status = 404, description = "No such public challenge", body = ApiError),
        (status = 422, description = "Past the deadline, or an applicant the caller does not speak for or the challenge does not admit", body = ApiError),
    ),
    tag = "proposals")]
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<CreateInput>,
) -> Result<Response, WebError> {
    let challenge = challenge_id(&id)?;
    match create::create(&state.app, ctx.signed_actor()?, &challenge, &input.applicant).await {
        Ok(p) => detail(&state, &ctx, &p, StatusCode::CREATED).await,
        Err(e) => refused(&ctx, e),
    }
}

/// One proposal as the caller may see it.
#[utoipa::path(get, path = "/api/v1/proposals/{id}", operation_id = "show_proposal",
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "The proposal", body = ProposalDetail),
        (status = 404, description = "No such proposal the caller may see (drafts are never the agency's)", body = ApiError),
    ),
    tag = "proposals")]
pub async fn get(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    detail(&state, &ctx, &proposal_id(&id)?, StatusCode::OK).await
}

/// Save the working copy (the applicant's side, before the deadline); only bounds are checked.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/draft", operation_id = "save_proposal",
    params(("id" = String, Path, description = "The proposal's id")), request_body = ProposalInput,
    responses(
        (status = 200, description = "The proposal as saved", body = ProposalDetail),
        (status = 403, description = "Not the applicant's side", body = ApiError),
        (status = 404, description = "No such proposal the caller may see", body = ApiError),
        (status = 422, description = "A field past its bound, the deadline passed, or withdrawn", body = ApiError),
    ),
    tag = "proposals")]
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<ProposalInput>,
) -> Result<Response, WebError> {
    let id = proposal_id(&id)?;
    match save::save(&state.app, ctx.signed_actor()?, &id, &input.form()).await {
        Ok(_) => detail(&state, &ctx, &id, StatusCode::OK).await,
        Err(e) => refused(&ctx, e),
    }
}

/// Submit the working copy as version `version + 1`, before the deadline; answers the receipt. A second
/// submission with the same `version` (another tab) is refused as already submitted.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/submit", operation_id = "submit_proposal",
    params(("id" = String, Path, description = "The proposal's id")), request_body = SubmitInput,
    responses(
        (status = 201, description = "The receipt", body = ReceiptBody),
        (status = 403, description = "Not the applicant's side", body = ApiError),
        (status = 404, description = "No such proposal the caller may see", body = ApiError),
        (status = 422, description = "Already submitted at this version, the last version allowed reached, the deadline passed, a part missing, a member who has not accepted, or a declaration not made", body = ApiError),
        (status = 429, description = "Too many submissions from this account or address", body = ApiError),
    ),
    tag = "proposals")]
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<SubmitInput>,
) -> Result<Response, WebError> {
    let id = proposal_id(&id)?;
    match submit::submit(&state.app, ctx.signed_actor()?, &id, input.version, None, &ctx.client_ip).await {
        Ok(r) => Ok((StatusCode::CREATED, Json(ReceiptBody::from(r))).into_response()),
        Err(e) => refused(&ctx, e),
    }
}

/// Withdraw the proposal before the deadline (audited).
#[utoipa::path(post, path = "/api/v1/proposals/{id}/withdraw", operation_id = "withdraw_proposal",
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "The proposal, withdrawn", body = ProposalDetail),
        (status = 403, description = "Not the applicant's side", body = ApiError),
        (status = 404, description = "No such proposal the caller may see", body = ApiError),
        (status = 422, description = "The deadline passed, or already withdrawn", body = ApiError),
    ),
    tag = "proposals")]
pub async fn withdraw(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let id = proposal_id(&id)?;
    match withdraw::withdraw(&state.app, ctx.signed_actor()?, &id).await {
        Ok(()) => detail(&state, &ctx, &id, StatusCode::OK).await,
        Err(e) => refused(&ctx, e),
    }
}

/// Every submitted version, oldest first, as it was.
#[utoipa::path(get, path = "/api/v1/proposals/{id}/versions", operation_id = "proposal_versions",
    params(("id" = String, Path, description = "The proposal's id")),
    responses(
        (status = 200, description = "The versions", body = Vec<VersionBody>),
        (status = 404, description = "No such proposal the caller may see", body = ApiError),
    ),
    tag = "proposals")]
pub async fn versions(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let p = show::full(&state.app, ctx.signed_actor()?, &proposal_id(&id)?).await?;
    Ok(Json(p.versions.iter().map(VersionBody::from).collect::<Vec<_>>()).into_response())
}

/// List a person of the registry (with an account) on the team; they are asked to accept.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/team", operation_id = "invite_proposal_member",
    params(("id" = String, Path, description = "The proposal's id")), request_body = MemberInput,
    responses(
        (status = 200, description = "The proposal with its team", body = ProposalDetail),
        (status = 403, description = "Not the applicant's side", body = ApiError),
        (status = 404, description = "No such proposal the caller may see", body = ApiError),
        (status = 422, description = "No such profile the caller may see, no account, already listed, or the deadline passed", body = ApiError),
        (status = 429, description = "Too many invitations from this account or address, or to this person", body = ApiError),
    ),
    tag = "proposals")]
pub async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<MemberInput>,
) -> Result<Response, WebError> {
    let id = proposal_id(&id)?;
    match team::invite(&state.app, ctx.signed_actor()?, &id, &input.member, &ctx.client_ip).await {
        Ok(_) => detail(&state, &ctx, &id, StatusCode::OK).await,
        Err(e) => refused(&ctx, e),
    }
}

/// The invited member's answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnswerBody {
    /// `accepted` or `declined`.
    pub state: String,
}

/// Accept or decline being on a proposal's team (the member asked).
#[utoipa::path(post, path = "/api/v1/proposals/{id}/team/answer", operation_id = "answer_proposal_team",
    params(("id" = String, Path, description = "The proposal's id")), request_body = AnswerInput,
    responses(
        (status = 200, description = "The member's state now", body = AnswerBody),
        (status = 403, description = "The caller is not asked", body = ApiError),
        (status = 404, description = "No such proposal the caller may see or is asked to join", body = ApiError),
        (status = 422, description = "Already answered, or an answer other than accept or decline", body = ApiError),
    ),
    tag = "proposals")]
pub async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<AnswerInput>,
) -> Result<Response, WebError> {
    let id = proposal_id(&id)?;
    let result = match input.accepts() {
        Ok(accept) => team::answer(&state.app, ctx.signed_actor()?, &id, accept).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(s) => Ok(Json(AnswerBody { state: s.code().to_owned() }).into_response()),
        Err(e) => refused(&ctx, e),
    }
}
