//! Decisions and appeals: a stage's proposals with what its gate proposes (decided in bulk), a decision
//! on one proposal from its page, the applicant's appeal, staff's queue of appeals, an appeal's answer, and
//! a decision's own page.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::FormErrors;
use halqe_app::evaluation::appeals;
use halqe_app::evaluation::decisions::{self, BulkResult, DecisionForm, GatePage, Pick};
use halqe_app::evaluation::record::{self, DecisionPage};
use halqe_domain::evaluation::stages::Gate;
use halqe_domain::ids::{AppealId, CallId};
use serde::Deserialize;

use super::proposals::{message_refused, proposal_id};
use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;

/// The decision form on a proposal's page.
#[derive(Debug, Default, Deserialize)]
pub struct DecisionInput {
    /// `advance`, `reject`, `award` or `no_award`.
    #[serde(default)]
    pub outcome: String,
    /// Why, up to 2000 characters (required).
    #[serde(default)]
    pub reason: String,
    /// The evaluation's revision the decider saw.
    #[serde(default)]
    pub revision: i64,
}

/// The appeal form.
#[derive(Debug, Default, Deserialize)]
pub struct AppealInput {
    /// Why, up to 2000 characters (required).
    #[serde(default)]
    pub appeal: String,
}

/// The appeal's answer form.
#[derive(Debug, Default, Deserialize)]
pub struct AnswerInput {
    /// `upheld` or `overturned`.
    #[serde(default)]
    pub verdict: String,
    /// The written answer, up to 2000 characters (required).
    #[serde(default)]
    pub response: String,
    /// The proposal's page to return to.
    #[serde(default)]
    pub proposal: String,
}

#[derive(Template)]
#[template(path = "evaluation/gate.html")]
struct GateTemplate {
    ctx: Ctx,
    p: GatePage,
    result: Option<BulkResult>,
    errors: Errors,
}

impl GateTemplate {
    fn gate_text(&self) -> String {
        match self.p.gate {
            Gate::Threshold(v) | Gate::TopN(v) => {
                self.ctx.t1(&format!("evaluation-gate-{}-is", self.p.gate.code()), "count", self.ctx.num(&v))
            }
            Gate::Panel => self.ctx.t("evaluation-gate-panel"),
        }
    }

    /// A share in percent, one decimal, in the viewer's digits.
    fn percent(&self, p: &f64) -> String {
        let tenths = (p * 10.0).round() as i64;
        let whole = self.ctx.num(&(tenths / 10));
        let tenth = self.ctx.num(&(tenths % 10));
        format!("{whole}.{tenth}%")
    }

    /// Checked in the bulk form: what the gate lets through.
    fn preselected(&self, proposed: &halqe_domain::evaluation::decisions::Proposed) -> bool {
        *proposed == halqe_domain::evaluation::decisions::Proposed::Pass
    }
}

fn call_id(raw: &str) -> Result<CallId, WebError> {
    CallId::parse(raw).ok_or(WebError::NotFound)
}

async fn gate_page(
    state: &AppState,
    ctx: Ctx,
    call: &CallId,
    stage: &str,
    result: Option<BulkResult>,
    errors: FormErrors,
) -> Result<Response, WebError> {
    let p = decisions::gate(&state.app, &ctx.staff()?, call, stage).await?;
    render(&GateTemplate { ctx, p, result, errors: Errors::new(errors) })
}

/// `GET /calls/{id}/stages/{stage}/decisions`: the stage's proposals with what its gate proposes.
pub async fn gate(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, stage)): Path<(String, String)>,
) -> Result<Response, WebError> {
    gate_page(&state, ctx, &call_id(&id)?, &stage, None, FormErrors::default()).await
}

/// `POST /calls/{id}/stages/{stage}/decisions`: one outcome and reason for every checked proposal
/// (`p` = `proposal:revision`, repeated), each decided in its own transaction.
pub async fn decide_many(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, stage)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let call = call_id(&id)?;
    let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let picks: Vec<Pick> = fields.iter().filter(|(k, _)| k == "p").filter_map(|(_, v)| Pick::parse(v)).collect();
    let staff = ctx.staff()?;
    match decisions::decide_many(&state.app, &staff, &call, &stage, &picks, &field("outcome"), &field("reason")).await {
        Ok(result) => gate_page(&state, ctx, &call, &stage, Some(result), FormErrors::default()).await,
        Err(halqe_app::Error::Form(e)) => {
            let page = gate_page(&state, ctx, &call, &stage, None, e).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /proposals/{id}/decisions`: decides one proposal in its current stage.
pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<DecisionInput>,
) -> Result<Response, WebError> {
    let proposal = proposal_id(&id)?;
    let form = DecisionForm { outcome: f.outcome, reason: f.reason, revision: f.revision };
    match decisions::decide(&state.app, &ctx.staff()?, &proposal, &form).await {
        Ok(_) => Ok(see_other(&format!("/proposals/{proposal}#evaluation"))),
        Err(halqe_app::Error::Form(e)) => message_refused(&state, ctx, &id, String::new(), e).await,
        Err(e) => Err(e.into()),
    }
}

/// `POST /proposals/{id}/appeal`: the applicant appeals its rejection.
pub async fn appeal(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AppealInput>,
) -> Result<Response, WebError> {
    let proposal = proposal_id(&id)?;
    match appeals::file(&state.app, ctx.signed_actor()?, &proposal, &f.appeal).await {
        Ok(_) => Ok(see_other(&format!("/proposals/{proposal}#evaluation"))),
        Err(halqe_app::Error::Form(e)) => message_refused(&state, ctx, &id, String::new(), e).await,
        Err(e) => Err(e.into()),
    }
}

/// `POST /appeals/{id}/decision`: staff other than the first decider answer an appeal.
pub async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AnswerInput>,
) -> Result<Response, WebError> {
    let appeal = AppealId::parse(&id).ok_or(WebError::NotFound)?;
    match appeals::decide(&state.app, &ctx.staff()?, &appeal, &f.verdict, &f.response).await {
        Ok(decision) => Ok(see_other(&format!("/decisions/{decision}"))),
        Err(halqe_app::Error::Form(e)) if proposal_id(&f.proposal).is_ok() => {
            message_refused(&state, ctx, &f.proposal, String::new(), e).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "evaluation/appeals.html")]
struct AppealsTemplate {
    ctx: Ctx,
    queue: Vec<appeals::Queued>,
}

/// `GET /appeals`: the appeals waiting for an answer, oldest first (staff).
pub async fn queue(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let queue = appeals::queue(&state.app, &ctx.staff()?).await?;
    render(&AppealsTemplate { ctx, queue })
}

#[derive(Template)]
#[template(path = "evaluation/decision.html")]
struct DecisionTemplate {
    ctx: Ctx,
    d: DecisionPage,
}

/// `GET /decisions/{id}`: a decision with its reason, decider, appeal and audit entries (staff, auditors).
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let d = record::decision(&state.app, ctx.signed_actor()?, &id).await?;
    render(&DecisionTemplate { ctx, d })
}
