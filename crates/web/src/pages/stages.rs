//! A call's evaluation stages: staff add stages (blind mode, gate rule), each stage's criteria, and set how
//! each runs (reviewers per proposal, the day reviews are due, the days to appeal).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::FormErrors;
use halqe_app::evaluation::stages::{self, CriterionForm, PlanForm, StageForm, StageView, StagesPage};
use halqe_domain::calendar::date_input;
use halqe_domain::evaluation::stages::{Blind, Gate};
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

/// The stage form.
#[derive(Debug, Default, Deserialize)]
pub struct StageInput {
    /// Up to 120 characters.
    #[serde(default)]
    pub name: String,
    /// `single` or `double`.
    #[serde(default)]
    pub blind: String,
    /// `threshold`, `top_n` or `panel`.
    #[serde(default)]
    pub gate: String,
    /// The threshold's percentage (1–100) or N (1–10 000).
    #[serde(default)]
    pub gate_value: String,
}

/// The criterion form.
#[derive(Debug, Default, Deserialize)]
pub struct CriterionInput {
    /// Up to 120 characters.
    #[serde(default)]
    pub name: String,
    /// Up to 1000 characters.
    #[serde(default)]
    pub description: String,
    /// 1–100.
    #[serde(default)]
    pub weight: String,
    /// 0 or 1.
    #[serde(default)]
    pub scale_min: String,
    /// Above `scale_min`, at most 100.
    #[serde(default)]
    pub scale_max: String,
}

/// The stage plan form.
#[derive(Debug, Default, Deserialize)]
pub struct PlanInput {
    /// 1–20.
    #[serde(default)]
    pub reviewers_per_proposal: String,
    /// A day (Solar Hijri or Gregorian), not before today; blank for none.
    #[serde(default)]
    pub reviews_due: String,
    /// 1–90.
    #[serde(default)]
    pub appeal_days: String,
}

#[derive(Template)]
#[template(path = "calls/stages.html")]
struct StagesTemplate {
    ctx: Ctx,
    p: StagesPage,
    stage: StageInput,
    stage_errors: Errors,
    /// The stage whose criterion form was refused, with what was sent.
    criterion_for: String,
    criterion: CriterionInput,
    criterion_errors: Errors,
    /// The stage whose plan form was refused, with what was sent.
    plan_for: String,
    plan: PlanInput,
    plan_errors: Errors,
    blinds: [Blind; 2],
    gates: [&'static str; 3],
}

impl StagesTemplate {
    /// The criterion form's fields: (name, label key, kind: text, area or digits).
    fn criterion_fields(&self) -> [(&'static str, &'static str, &'static str); 5] {
        [
            ("name", "evaluation-field-criterion", "text"),
            ("description", "evaluation-field-description", "area"),
            ("weight", "evaluation-field-weight", "digits"),
            ("scale_min", "evaluation-field-scale-min", "digits"),
            ("scale_max", "evaluation-field-scale-max", "digits"),
        ]
    }

    /// What the refused criterion form of `stage` sent in `field`; empty on every other stage's form.
    fn criterion_value(&self, stage: &str, field: &str) -> &str {
        if self.criterion_for != stage {
            return "";
        }
        let c = &self.criterion;
        match field {
            "name" => &c.name,
            "description" => &c.description,
            "weight" => &c.weight,
            "scale_min" => &c.scale_min,
            _ => &c.scale_max,
        }
    }

    /// The plan form's fields: (name, label key).
    fn plan_fields(&self) -> [(&'static str, &'static str); 3] {
        [
            ("reviewers_per_proposal", "evaluation-field-reviewers-per-proposal"),
            ("reviews_due", "evaluation-field-reviews-due"),
            ("appeal_days", "evaluation-field-appeal-days"),
        ]
    }

    /// The plan form's value of `field` for stage `s`: what the refused form sent, else the stage's own.
    fn plan_value(&self, s: &StageView, field: &str) -> String {
        if self.plan_for == s.id {
            let p = &self.plan;
            return match field {
                "reviewers_per_proposal" => p.reviewers_per_proposal.clone(),
                "reviews_due" => p.reviews_due.clone(),
                _ => p.appeal_days.clone(),
            };
        }
        match field {
            "reviewers_per_proposal" => self.ctx.num(&s.reviewers_per_proposal),
            // Stored as the end of the day: the form shows the day itself.
            "reviews_due" => s.reviews_due_at.map(|d| date_input(d - 1, self.ctx.locale)).unwrap_or_default(),
            _ => self.ctx.num(&s.appeal_days),
        }
    }

    fn gate_text(&self, gate: &Gate) -> String {
        match gate {
            Gate::Threshold(v) | Gate::TopN(v) => {
                self.ctx.t1(&format!("evaluation-gate-{}-is", gate.code()), "count", self.ctx.num(v))
            }
            Gate::Panel => self.ctx.t("evaluation-gate-panel"),
        }
    }
}

/// What a refused form brings back to the page.
#[derive(Default)]
struct Refused {
    stage: StageInput,
    stage_errors: FormErrors,
    criterion_for: String,
    criterion: CriterionInput,
    criterion_errors: FormErrors,
    plan_for: String,
    plan: PlanInput,
    plan_errors: FormErrors,
}

async fn page(state: &AppState, ctx: Ctx, id: &CallId, refused: Refused) -> Result<Response, WebError> {
    let p = stages::page(&state.app, &ctx.staff()?, id).await?;
    render(&StagesTemplate {
        ctx,
        p,
        stage: refused.stage,
        stage_errors: Errors::new(refused.stage_errors),
        criterion_for: refused.criterion_for,
        criterion: refused.criterion,
        criterion_errors: Errors::new(refused.criterion_errors),
        plan_for: refused.plan_for,
        plan: refused.plan,
        plan_errors: Errors::new(refused.plan_errors),
        blinds: Blind::ALL,
        gates: ["threshold", "top_n", "panel"],
    })
}

/// `GET /calls/{id}/stages`.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    page(&state, ctx, &call_id(&id)?, Refused::default()).await
}

/// `POST /calls/{id}/stages`: adds a stage after the last.
pub async fn add_stage(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<StageInput>,
) -> Result<Response, WebError> {
    let id = call_id(&id)?;
    let form = StageForm {
        name: f.name.clone(),
        blind: f.blind.clone(),
        gate: f.gate.clone(),
        gate_value: f.gate_value.clone(),
    };
    match stages::add_stage(&state.app, &ctx.staff()?, &id, &form).await {
        Ok(()) => Ok(see_other(&format!("/calls/{id}/stages"))),
        Err(halqe_app::Error::Form(e)) => {
            let refused = Refused { stage: f, stage_errors: e, ..Refused::default() };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&state, ctx, &id, refused).await?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /calls/{id}/stages/{stage}/criteria`: adds a criterion to a stage.
pub async fn add_criterion(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, stage)): Path<(String, String)>,
    Form(f): Form<CriterionInput>,
) -> Result<Response, WebError> {
    let id = call_id(&id)?;
    let form = CriterionForm {
        name: f.name.clone(),
        description: f.description.clone(),
        weight: f.weight.clone(),
        scale_min: f.scale_min.clone(),
        scale_max: f.scale_max.clone(),
    };
    match stages::add_criterion(&state.app, &ctx.staff()?, &id, &stage, &form).await {
        Ok(()) => Ok(see_other(&format!("/calls/{id}/stages"))),
        Err(halqe_app::Error::Form(e)) => {
            let refused = Refused { criterion_for: stage, criterion: f, criterion_errors: e, ..Refused::default() };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&state, ctx, &id, refused).await?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /calls/{id}/stages/{stage}/plan`: sets how a stage runs.
pub async fn set_plan(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, stage)): Path<(String, String)>,
    Form(f): Form<PlanInput>,
) -> Result<Response, WebError> {
    let id = call_id(&id)?;
    let form = PlanForm {
        reviewers_per_proposal: f.reviewers_per_proposal.clone(),
        reviews_due: f.reviews_due.clone(),
        appeal_days: f.appeal_days.clone(),
    };
    match stages::set_plan(&state.app, &ctx.staff()?, &id, &stage, &form).await {
        Ok(()) => Ok(see_other(&format!("/calls/{id}/stages"))),
        Err(halqe_app::Error::Form(e)) => {
            let refused = Refused { plan_for: stage, plan: f, plan_errors: e, ..Refused::default() };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&state, ctx, &id, refused).await?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
