//! A stage's reviewer assignment for staff: conflicts with their reasons, pins and forbids, solves with
//! their progress, the proposed pairs to review, apply or discard.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::FormErrors;
use halqe_app::evaluation::assignment::{self, PairRef, StageAssignment};
use halqe_domain::evaluation::pool::{Mode, Rule};
use halqe_domain::ids::CallId;
use serde::Deserialize;

use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;

fn call_id(raw: &str) -> Result<CallId, WebError> {
    CallId::parse(raw).ok_or(WebError::NotFound)
}

/// Which run to show.
#[derive(Debug, Default, Deserialize)]
pub struct Shown {
    pub run: Option<String>,
}

/// The form starting a solve.
#[derive(Debug, Default, Deserialize)]
pub struct StartInput {
    /// `total` or `fair`.
    #[serde(default)]
    pub mode: String,
}

/// The form pinning or forbidding a pair (or clearing its rule).
#[derive(Debug, Default, Deserialize)]
pub struct RuleInput {
    #[serde(default)]
    pub proposal: String,
    #[serde(default)]
    pub reviewer: String,
    /// `pin` or `forbid`; ignored when clearing.
    #[serde(default)]
    pub rule: String,
    /// Why, up to 500 characters.
    #[serde(default)]
    pub note: String,
}

#[derive(Template)]
#[template(path = "calls/assignment.html")]
struct AssignmentTemplate {
    ctx: Ctx,
    p: StageAssignment,
    errors: Errors,
    modes: [Mode; 2],
    rules: [Rule; 2],
}

impl AssignmentTemplate {
    fn base(&self) -> String {
        format!("/calls/{}/stages/{}/assignment", self.p.call_id, self.p.stage_id)
    }

    fn runs_base(&self) -> String {
        format!("/calls/{}/assignment-runs", self.p.call_id)
    }
}

async fn page(
    state: &AppState,
    ctx: Ctx,
    id: &CallId,
    stage: &str,
    run: Option<&str>,
    e: FormErrors,
) -> Result<Response, WebError> {
    let p = assignment::page(&state.app, &ctx.staff()?, id, stage, run, ctx.locale).await?;
    let status = if !e.is_empty() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let html = render(&AssignmentTemplate { ctx, p, errors: Errors::new(e), modes: Mode::ALL, rules: Rule::ALL })?;
    Ok((status, html).into_response())
}

/// `GET /calls/{id}/stages/{stage}/assignment`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, stage)): Path<(String, String)>,
    Query(q): Query<Shown>,
) -> Result<Response, WebError> {
    page(&state, ctx, &call_id(&id)?, &stage, q.run.as_deref(), FormErrors::default()).await
}

/// Back to the stage's page showing `run`, or the page again with the refusal.
async fn after(
    state: &AppState,
    ctx: Ctx,
    id: &CallId,
    stage: &str,
    run: Option<&str>,
    done: halqe_app::Result<()>,
) -> Result<Response, WebError> {
    match done {
        Ok(()) => {
            let query = run.map(|r| format!("?run={r}")).unwrap_or_default();
            Ok(see_other(&format!("/calls/{id}/stages/{stage}/assignment{query}")))
        }
        Err(halqe_app::Error::Form(e)) => page(state, ctx, id, stage, run, e).await,
        Err(e) => Err(e.into()),
    }
}

/// `POST /calls/{id}/stages/{stage}/assignment`: starts a solve.
pub async fn start(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, stage)): Path<(String, String)>,
    Form(f): Form<StartInput>,
) -> Result<Response, WebError> {
    let id = call_id(&id)?;
    let done = assignment::start(&state.app, &ctx.staff()?, &id, &stage, &f.mode).await;
    let run = done.as_ref().ok().cloned();
    after(&state, ctx, &id, &stage, run.as_deref(), done.map(|_| ())).await
}

/// `POST /calls/{id}/stages/{stage}/assignment/rules`: pins or forbids a pair.
pub async fn set_rule(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, stage)): Path<(String, String)>,
    Form(f): Form<RuleInput>,
) -> Result<Response, WebError> {
    let id = call_id(&id)?;
    let pair = PairRef { stage: &stage, proposal: &f.proposal, reviewer: &f.reviewer };
    let done = assignment::set_rule(&state.app, &ctx.staff()?, &id, pair, &f.rule, &f.note).await;
    after(&state, ctx, &id, &stage, None, done).await
}

/// `POST /calls/{id}/stages/{stage}/assignment/rules/clear`: drops a pair's rule.
pub async fn clear_rule(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, stage)): Path<(String, String)>,
    Form(f): Form<RuleInput>,
) -> Result<Response, WebError> {
    let id = call_id(&id)?;
    let pair = PairRef { stage: &stage, proposal: &f.proposal, reviewer: &f.reviewer };
    let done = assignment::clear_rule(&state.app, &ctx.staff()?, &id, pair).await;
    after(&state, ctx, &id, &stage, None, done).await
}

/// What staff do to a run.
#[derive(Debug, Clone, Copy)]
enum Act {
    Apply,
    Discard,
    Cancel,
}

async fn act(state: &AppState, ctx: Ctx, id: &str, run: &str, what: Act) -> Result<Response, WebError> {
    let id = call_id(id)?;
    let staff = ctx.staff()?;
    let stage = assignment::stage_of_run(&state.app, &staff, &id, run).await?;
    let done = match what {
        Act::Apply => assignment::apply(&state.app, &staff, &id, run).await.map(|_| ()),
        Act::Discard => assignment::discard(&state.app, &staff, &id, run).await,
        Act::Cancel => assignment::cancel(&state.app, &staff, &id, run).await.map(|_| ()),
    };
    after(state, ctx, &id, &stage, Some(run), done).await
}

/// `POST /calls/{id}/assignment-runs/{run}/apply`.
pub async fn apply(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, run)): Path<(String, String)>,
) -> Result<Response, WebError> {
    act(&state, ctx, &id, &run, Act::Apply).await
}

/// `POST /calls/{id}/assignment-runs/{run}/discard`.
pub async fn discard(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, run)): Path<(String, String)>,
) -> Result<Response, WebError> {
    act(&state, ctx, &id, &run, Act::Discard).await
}

/// `POST /calls/{id}/assignment-runs/{run}/cancel`.
pub async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, run)): Path<(String, String)>,
) -> Result<Response, WebError> {
    act(&state, ctx, &id, &run, Act::Cancel).await
}
