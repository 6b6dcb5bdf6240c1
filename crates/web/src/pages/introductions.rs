//! Introductions: sending them from the match page, the list, one introduction with the candidate's
//! answer, the agency's outcome and its conversation (written through `pages::conversations`).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::FormErrors;
use halqe_app::introductions::IntroductionItem;
use halqe_app::introductions::answer::{Answer, answer};
use halqe_app::introductions::list::list as party_to;
use halqe_app::introductions::record_outcome::record_outcome;
use halqe_app::introductions::request::{IntroductionRequest, request};
use halqe_app::introductions::show::{IntroductionPage, show as introduction};
use halqe_domain::ids::{IntroductionId, NeedId};
use serde::Deserialize;
use utoipa::ToSchema;

use super::search::{SearchParams, Shortlist, match_view};
use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;

/// An introduction id from the path; anything else is a 404 like an introduction the viewer may not see.
pub(crate) fn introduction_id(raw: &str) -> Result<IntroductionId, WebError> {
    IntroductionId::parse(raw).ok_or(WebError::NotFound)
}

/// A saved need's id as sent (empty: a new need); a malformed one is a 404 like a need the viewer may not use.
pub(crate) fn saved_need(raw: &str) -> Result<Option<NeedId>, WebError> {
    match raw.trim() {
        "" => Ok(None),
        id => NeedId::parse(id).map(Some).ok_or(WebError::NotFound),
    }
}

/// `POST /introductions`: the shortlist form of the match page, with one `candidate` per checked result.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let cap = ctx.matcher()?;
    let value = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let saved = value("saved");
    let req = IntroductionRequest {
        need: value("need"),
        fields: Some(value("field")).filter(|f| !f.is_empty()).into_iter().collect(),
        saved_need: saved_need(&saved)?,
        candidates: pairs.iter().filter(|(k, _)| k == "candidate").map(|(_, v)| v.clone()).collect(),
        note: value("note"),
    };
    match request(&state.app, &state.search, &cap, &req).await {
        Ok(made) => Ok(see_other(&format!("/match?saved={}&sent={}", made.need, made.introductions.len()))),
        Err(halqe_app::Error::Form(e)) => {
            let params = SearchParams::shortlisted(req.need, value("field"), saved);
            let shortlist = Shortlist { note: req.note, errors: Errors::new(e) };
            let page = match_view(&state, ctx, &params, shortlist).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "introductions/list.html")]
struct ListPage {
    ctx: Ctx,
    introductions: Vec<IntroductionItem>,
}

impl ListPage {
    /// The start of a need's text for the table.
    fn excerpt(&self, text: &str) -> String {
        let mut out: String = text.chars().take(90).collect();
        if text.chars().count() > 90 {
            out.push('…');
        }
        out
    }
}

/// `GET /introductions`: the introductions the viewer is party to.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let introductions = party_to(&state.app, ctx.signed_actor()?).await?;
    render(&ListPage { ctx, introductions })
}

#[derive(Template)]
#[template(path = "introductions/show.html")]
struct ShowPage {
    ctx: Ctx,
    p: IntroductionPage,
    form: Retry,
    errors: Errors,
}

/// What the page's forms held when one is sent back with errors.
#[derive(Default)]
struct Retry {
    outcome: String,
    reason: String,
    body: String,
}

async fn show_page(
    state: &AppState,
    ctx: Ctx,
    id: &IntroductionId,
    form: Retry,
    errors: FormErrors,
) -> Result<Response, WebError> {
    let p = introduction(&state.app, ctx.signed_actor()?, id).await?;
    render(&ShowPage { ctx, p, form, errors: Errors::new(errors) })
}

/// Back to the introduction's page (at `anchor`), or the page again with the form errors of `result`.
async fn after(
    state: &AppState,
    ctx: Ctx,
    id: &IntroductionId,
    result: halqe_app::Result<()>,
    form: Retry,
    anchor: &str,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(see_other(&format!("/introductions/{id}{anchor}"))),
        Err(halqe_app::Error::Form(e)) => {
            let page = show_page(state, ctx, id, form, e).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /introductions/{id}`.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    show_page(&state, ctx, &introduction_id(&id)?, Retry::default(), FormErrors::default()).await
}

async fn answer_with(state: AppState, ctx: Ctx, id: &str, a: Answer) -> Result<Response, WebError> {
    let id = introduction_id(id)?;
    let result = answer(&state.app, ctx.signed_actor()?, &id, a).await.map(|_| ());
    after(&state, ctx, &id, result, Retry::default(), "").await
}

/// `POST /introductions/{id}/accept`: the candidate agrees; contact details go to the agency.
pub async fn accept(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    answer_with(state, ctx, &id, Answer::Accept).await
}

/// `POST /introductions/{id}/decline`.
pub async fn decline(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    answer_with(state, ctx, &id, Answer::Decline).await
}

/// `POST /introductions/{id}/withdraw`: the agency side takes back a request not yet answered.
pub async fn withdraw(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let id = introduction_id(&id)?;
    let result = halqe_app::introductions::withdraw::withdraw(&state.app, ctx.signed_actor()?, &id).await.map(|_| ());
    after(&state, ctx, &id, result, Retry::default(), "").await
}

/// The outcome form, and the body of `POST /api/v1/introductions/{id}/outcome`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct OutcomeInput {
    /// `engaged` or `not_engaged`.
    #[serde(default)]
    pub outcome: String,
    /// Why not: required with `not_engaged`.
    #[serde(default)]
    pub reason: String,
}

/// `POST /introductions/{id}/outcome`: engaged, or not engaged with a reason.
pub async fn outcome(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<OutcomeInput>,
) -> Result<Response, WebError> {
    let id = introduction_id(&id)?;
    let result = record_outcome(&state.app, ctx.signed_actor()?, &id, &f.outcome, &f.reason).await.map(|_| ());
    let form = Retry { outcome: f.outcome, reason: f.reason, ..Retry::default() };
    after(&state, ctx, &id, result, form, "").await
}

/// The introduction's page again with the refused message form (`POST /conversations/introduction/{id}/messages`).
pub(crate) async fn message_refused(
    state: &AppState,
    ctx: Ctx,
    id: &str,
    body: String,
    errors: FormErrors,
) -> Result<Response, WebError> {
    let page = show_page(state, ctx, &introduction_id(id)?, Retry { body, ..Retry::default() }, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
