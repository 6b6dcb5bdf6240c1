//! `/api/v1/introductions`: the introductions pages as JSON, through the same use cases. Who is party to an
//! introduction and what they see of it (the candidate's contact details) is decided in the app layer; anyone
//! else gets 404.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::conversations::post::post;
use halqe_app::introductions::answer::{Answer, answer};
use halqe_app::introductions::list::list as party_to;
use halqe_app::introductions::record_outcome::record_outcome;
use halqe_app::introductions::request::{IntroductionRequest, request};
use halqe_app::introductions::show::{IntroductionPage, show as introduction};
use halqe_app::introductions::{ContactLine, EventListed, IntroductionItem, Parties};
use halqe_domain::conversation::{Subject, SubjectKind};
use halqe_domain::ids::IntroductionId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::conversations::MessageView;
use super::search::WhyView;
use super::{ApiError, Body, refused};
use crate::context::Ctx;
use crate::error::WebError;
use crate::pages::conversations::MessageInput;
use crate::pages::introductions::{OutcomeInput, introduction_id, saved_need};
use crate::state::AppState;

/// Who is introduced.
#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateView {
    /// `person` or `organization`.
    pub kind: String,
    /// The person's or the organization's id in the registry.
    pub id: String,
    pub name: String,
}

/// The challenge an invitation to apply is for.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChallengeRef {
    pub id: String,
    pub title: String,
}

/// An introduction as the list shows it. Never carries contact details.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntroductionSummary {
    pub id: String,
    pub need_id: String,
    pub need_text: String,
    pub candidate: CandidateView,
    /// The asking agency; `null` when center staff asked without an agency.
    pub agency_name: Option<String>,
    pub requester_name: String,
    /// The challenge of an invitation to apply; `null` for an introduction for a typed need.
    pub challenge: Option<ChallengeRef>,
    /// `requested`, `accepted`, `declined`, `engaged`, `not_engaged` or `withdrawn`.
    pub status: String,
    /// Unix milliseconds (UTC), like every time in this API.
    pub created_at: i64,
    pub answered_at: Option<i64>,
    pub closed_at: Option<i64>,
}

impl From<IntroductionItem> for IntroductionSummary {
    fn from(i: IntroductionItem) -> Self {
        Self {
            id: i.id.to_string(),
            need_id: i.need_id.to_string(),
            need_text: i.need_text,
            candidate: CandidateView {
                kind: i.candidate_kind.code().to_owned(),
                id: i.candidate_id,
                name: i.candidate_name,
            },
            agency_name: i.agency_name,
            requester_name: i.requester_name,
            challenge: i.challenge.map(|(id, title)| ChallengeRef { id: id.to_string(), title }),
            status: i.status.code().to_owned(),
            created_at: i.created_at,
            answered_at: i.answered_at,
            closed_at: i.closed_at,
        }
    }
}

/// The sides of the introduction the caller is on.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartiesView {
    /// The person introduced, or an owner or admin of the organization introduced.
    pub candidate: bool,
    /// An officer of the asking agency, or the staff member who asked without an agency.
    pub agency: bool,
    /// Innovation-center staff.
    pub staff: bool,
}

impl From<Parties> for PartiesView {
    fn from(p: Parties) -> Self {
        Self { candidate: p.candidate, agency: p.agency, staff: p.staff }
    }
}

/// One way to reach the candidate: the person, or one owner or admin of the organization.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactView {
    pub name: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
}

impl From<ContactLine> for ContactView {
    fn from(c: ContactLine) -> Self {
        Self { name: c.name, email: c.email, mobile: c.mobile.map(|m| m.as_str().to_owned()) }
    }
}

/// One step on the timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventView {
    /// The status the step led to: `requested`, `accepted`, `declined`, `engaged` or `not_engaged`.
    pub kind: String,
    pub actor_name: Option<String>,
    /// The reason given with `not_engaged`, else empty.
    pub detail: String,
    pub at: i64,
}

impl From<EventListed> for EventView {
    fn from(e: EventListed) -> Self {
        Self { kind: e.event.kind, actor_name: e.actor_name, detail: e.event.detail, at: e.event.at }
    }
}

/// One introduction as the caller sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntroductionDetail {
    #[serde(flatten)]
    pub introduction: IntroductionSummary,
    /// The note sent to the candidate with the request.
    pub note: String,
    /// Why the agency did not go ahead (`not_engaged`), else empty.
    pub outcome_reason: String,
    pub parties: PartiesView,
    /// The caller speaks for the candidate and the introduction waits for their answer.
    pub can_answer: bool,
    /// The caller is on the agency side and the candidate has accepted.
    pub can_record_outcome: bool,
    /// The candidate's contact details; `null` unless the caller may see them: the candidate and staff
    /// always, the agency side only once the candidate has accepted.
    pub contact: Option<Vec<ContactView>>,
    pub why: WhyView,
    /// The timeline, oldest first.
    pub events: Vec<EventView>,
    /// The thread, oldest first.
    pub messages: Vec<MessageView>,
}

impl From<IntroductionPage> for IntroductionDetail {
    fn from(p: IntroductionPage) -> Self {
        let (can_answer, can_record_outcome) = (p.can_answer(), p.can_record_outcome());
        let v = p.intro;
        Self {
            introduction: v.item.into(),
            note: v.note,
            outcome_reason: v.outcome_reason,
            parties: v.parties.into(),
            can_answer,
            can_record_outcome,
            contact: v.contact.map(|lines| lines.into_iter().map(ContactView::from).collect()),
            why: p.why.into(),
            events: p.events.into_iter().map(EventView::from).collect(),
            messages: p.messages.into_iter().map(MessageView::from).collect(),
        }
    }
}

/// Introduce candidates for a need: what the match page's shortlist sends.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct NewIntroductions {
    /// The need in free text (Persian and/or English); ignored when `saved_need` is given.
    pub need: String,
    /// Taxonomy field ids the need belongs to.
    pub fields: Vec<String>,
    /// The id of a need saved by an earlier request, to introduce more candidates for it.
    pub saved_need: Option<String>,
    /// One per candidate: `person:<id>` or `organization:<id>`, at most 50.
    pub candidates: Vec<String>,
    /// An optional note to the candidates.
    pub note: String,
}

/// What a request made.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    /// The saved need (new, or the one given).
    pub need_id: String,
    /// One introduction per candidate, in the order given.
    pub introductions: Vec<String>,
}

/// The introductions the caller is party to, newest first (staff: all of them).
#[utoipa::path(get, path = "/api/v1/introductions", operation_id = "list_introductions",
    responses(
        (status = 200, description = "The caller's introductions", body = Vec<IntroductionSummary>),
        (status = 401, description = "Not signed in", body = ApiError),
    ),
    tag = "introductions")]
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let listed = party_to(&state.app, ctx.signed_actor()?).await?;
    Ok(Json(listed.into_iter().map(IntroductionSummary::from).collect::<Vec<_>>()).into_response())
}

/// Introduce candidates for a need (officers and staff): the need is saved, each candidate is mailed.
#[utoipa::path(post, path = "/api/v1/introductions", operation_id = "create_introductions",
    request_body = NewIntroductions,
    responses(
        (status = 201, description = "The need saved, one introduction per candidate", body = Created),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Only officers and center staff send introductions", body = ApiError),
        (status = 404, description = "A candidate or saved need the caller may not see", body = ApiError),
        (status = 422, description = "Refused input (`fields`), e.g. no candidate or one already introduced",
            body = ApiError),
    ),
    tag = "introductions")]
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Body(input): Body<NewIntroductions>,
) -> Result<Response, WebError> {
    let req = IntroductionRequest {
        saved_need: saved_need(input.saved_need.as_deref().unwrap_or_default())?,
        need: input.need,
        fields: input.fields,
        candidates: input.candidates,
        note: input.note,
    };
    match request(&state.app, &state.search, &ctx.matcher()?, &req).await {
        Ok(made) => {
            let introductions = made.introductions.iter().map(IntroductionId::to_string).collect();
            Ok((StatusCode::CREATED, Json(Created { need_id: made.need.to_string(), introductions })).into_response())
        }
        Err(e) => refused(&ctx, e),
    }
}

/// Introduction `id` for the caller, answered with `status`.
async fn detail(state: &AppState, ctx: &Ctx, id: &IntroductionId, status: StatusCode) -> Result<Response, WebError> {
    let page = introduction(&state.app, ctx.signed_actor()?, id).await?;
    Ok((status, Json(IntroductionDetail::from(page))).into_response())
}

/// The introduction as it is after a step, or why the step was refused.
async fn after(
    state: &AppState,
    ctx: &Ctx,
    id: &IntroductionId,
    result: halqe_app::Result<()>,
    status: StatusCode,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => detail(state, ctx, id, status).await,
        Err(e) => refused(ctx, e),
    }
}

/// One introduction with its status, timeline and thread; contact details only where the rules allow.
#[utoipa::path(get, path = "/api/v1/introductions/{id}", operation_id = "show_introduction",
    params(("id" = String, Path, description = "The introduction's id")),
    responses(
        (status = 200, description = "The introduction as the caller sees it", body = IntroductionDetail),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such introduction, or the caller is no party to it", body = ApiError),
    ),
    tag = "introductions")]
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    detail(&state, &ctx, &introduction_id(&id)?, StatusCode::OK).await
}

async fn answer_with(state: AppState, ctx: Ctx, id: &str, a: Answer) -> Result<Response, WebError> {
    let id = introduction_id(id)?;
    let result = answer(&state.app, ctx.signed_actor()?, &id, a).await.map(|_| ());
    after(&state, &ctx, &id, result, StatusCode::OK).await
}

/// The candidate accepts; their contact details reach the agency side.
#[utoipa::path(post, path = "/api/v1/introductions/{id}/accept", operation_id = "accept_introduction",
    params(("id" = String, Path, description = "The introduction's id")),
    responses(
        (status = 200, description = "Accepted; the introduction as it now is", body = IntroductionDetail),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "The caller does not speak for the candidate", body = ApiError),
        (status = 404, description = "No such introduction, or the caller is no party to it", body = ApiError),
        (status = 422, description = "Refused input (`fields`), or a step the status does not allow", body = ApiError),
    ),
    tag = "introductions")]
pub async fn accept(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    answer_with(state, ctx, &id, Answer::Accept).await
}

/// The candidate declines; the introduction is closed.
#[utoipa::path(post, path = "/api/v1/introductions/{id}/decline", operation_id = "decline_introduction",
    params(("id" = String, Path, description = "The introduction's id")),
    responses(
        (status = 200, description = "Declined; the introduction as it now is", body = IntroductionDetail),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "The caller does not speak for the candidate", body = ApiError),
        (status = 404, description = "No such introduction, or the caller is no party to it", body = ApiError),
        (status = 422, description = "Refused input (`fields`), or a step the status does not allow", body = ApiError),
    ),
    tag = "introductions")]
pub async fn decline(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    answer_with(state, ctx, &id, Answer::Decline).await
}

/// The agency side (or the staff member who asked) takes back a request the candidate has not answered;
/// the candidate is told.
#[utoipa::path(post, path = "/api/v1/introductions/{id}/withdraw", operation_id = "withdraw_introduction",
    params(("id" = String, Path, description = "The introduction's id")),
    responses(
        (status = 200, description = "Withdrawn; the introduction as it now is", body = IntroductionDetail),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "The caller is not the agency side", body = ApiError),
        (status = 404, description = "No such introduction, or the caller is no party to it", body = ApiError),
        (status = 422, description = "Already answered or closed (`fields.step`)", body = ApiError),
    ),
    tag = "introductions")]
pub async fn withdraw(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let id = introduction_id(&id)?;
    let result = halqe_app::introductions::withdraw::withdraw(&state.app, ctx.signed_actor()?, &id).await.map(|_| ());
    after(&state, &ctx, &id, result, StatusCode::OK).await
}

/// The agency side records the outcome of an accepted introduction: engaged, or not engaged with a reason.
#[utoipa::path(post, path = "/api/v1/introductions/{id}/outcome", operation_id = "record_introduction_outcome",
    params(("id" = String, Path, description = "The introduction's id")), request_body = OutcomeInput,
    responses(
        (status = 200, description = "Recorded; the introduction as it now is", body = IntroductionDetail),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "The caller is not the agency side", body = ApiError),
        (status = 404, description = "No such introduction, or the caller is no party to it", body = ApiError),
        (status = 422, description = "Refused input (`fields`), or a step the status does not allow", body = ApiError),
    ),
    tag = "introductions")]
pub async fn outcome(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<OutcomeInput>,
) -> Result<Response, WebError> {
    let id = introduction_id(&id)?;
    let result = record_outcome(&state.app, ctx.signed_actor()?, &id, &input.outcome, &input.reason).await.map(|_| ());
    after(&state, &ctx, &id, result, StatusCode::OK).await
}

/// A message in the introduction's conversation (as `POST /api/v1/conversations/introduction/{id}/messages`);
/// the other parties are notified. Answers with the introduction and its conversation.
#[utoipa::path(post, path = "/api/v1/introductions/{id}/messages", operation_id = "post_introduction_message",
    params(("id" = String, Path, description = "The introduction's id")), request_body = MessageInput,
    responses(
        (status = 201, description = "Posted; the introduction with its thread", body = IntroductionDetail),
        (status = 400, description = "The body is not JSON of this shape", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such introduction, or the caller is no party to it", body = ApiError),
        (status = 422, description = "Refused input (`fields`), or a step the status does not allow", body = ApiError),
    ),
    tag = "introductions")]
pub async fn message(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<MessageInput>,
) -> Result<Response, WebError> {
    let id = introduction_id(&id)?;
    let subject = Subject::new(SubjectKind::Introduction, id.to_string());
    let result = post(&state.app, ctx.signed_actor()?, &subject, &input.body, &ctx.client_ip).await.map(|_| ());
    after(&state, &ctx, &id, result, StatusCode::CREATED).await
}
