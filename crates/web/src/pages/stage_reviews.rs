//! Staff read a stage's reviews per proposal (raw and calibrated scores, disagreement, who submitted) and
//! extend one assignment's due date.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::FormErrors;
use halqe_app::evaluation::results::{self, StageResults};
use halqe_domain::evaluation::review::State as ReviewState;
use halqe_domain::ids::StageId;
use serde::Deserialize;

use super::reviews::{assignment_id, remaining};
use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "reviews/stage.html")]
struct StageTemplate {
    ctx: Ctx,
    p: StageResults,
    /// The assignment whose extension was refused.
    refused_for: String,
    errors: Errors,
}

impl StageTemplate {
    fn pct(&self, x: &Option<f64>) -> String {
        x.map(|v| self.ctx.pct(&((v / 100.0) as f32))).unwrap_or_else(|| "—".into())
    }

    fn assigned(&self, p: &halqe_app::evaluation::results::ProposalRow) -> String {
        self.ctx.count(&p.reviews.len())
    }

    fn left(&self, due: &i64) -> String {
        remaining(&self.ctx, *due, self.p.now)
    }

    fn state_code(&self, s: &Option<ReviewState>) -> &'static str {
        s.map_or("none", ReviewState::code)
    }

    /// The reviewer's score of `criterion`, or a dash.
    fn score(&self, scores: &[halqe_app::evaluation::reviews::Score], criterion: &str) -> String {
        scores
            .iter()
            .find(|s| s.criterion_id == criterion)
            .map(|s| self.ctx.num(&s.score))
            .unwrap_or_else(|| "—".into())
    }
}

async fn page(
    state: &AppState,
    ctx: Ctx,
    stage: &str,
    refused_for: String,
    e: FormErrors,
) -> Result<Response, WebError> {
    let p = results::stage(&state.app, &ctx.staff()?, stage).await?;
    render(&StageTemplate { ctx, p, refused_for, errors: Errors::new(e) })
}

/// `GET /evaluation/stages/{id}`.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let id = StageId::parse(&id).ok_or(WebError::NotFound)?;
    page(&state, ctx, id.as_str(), String::new(), FormErrors::default()).await
}

/// The extension form.
#[derive(Debug, Default, Deserialize)]
pub struct ExtendInput {
    /// The new due day, Solar Hijri or Gregorian, any digits.
    #[serde(default)]
    pub due: String,
}

/// `POST /evaluation/assignments/{id}/due`: extends the assignment's due date to the end of a day.
pub async fn extend(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ExtendInput>,
) -> Result<Response, WebError> {
    let id = assignment_id(&id)?;
    let staff = ctx.staff()?;
    match results::extend(&state.app, &staff, &id, &f.due).await {
        Ok(stage) => Ok(see_other(&format!("/evaluation/stages/{stage}#assignment-{id}"))),
        Err(halqe_app::Error::Form(e)) => {
            let stage = halqe_app::evaluation::results::stage_of(&state.app, &staff, &id).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&state, ctx, &stage, id.to_string(), e).await?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
