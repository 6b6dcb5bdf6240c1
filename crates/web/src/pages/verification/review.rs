//! Staff verification: the queue of pending claims, one claim with its evidence, and the decision.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::verification::ClaimView;
use halqe_app::verification::decide::{DecisionForm, decide};
use halqe_app::verification::show::{ClaimDetail, detail, queue as pending};
use halqe_domain::ids::ClaimId;
use halqe_domain::verification::ClaimStatus;
use serde::Deserialize;

use super::claims::claim_id;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::pages::see_other;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "verification/review/queue.html")]
struct QueuePage {
    ctx: Ctx,
    claims: Vec<ClaimView>,
}

/// `GET /verification`.
pub async fn queue(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let cap = ctx.staff()?;
    let claims = pending(&state.app, &cap).await?;
    render(&QueuePage { ctx, claims })
}

#[derive(Template)]
#[template(path = "verification/review/show.html")]
struct ShowPage {
    ctx: Ctx,
    d: ClaimDetail,
    form: DecisionForm,
    errors: Errors,
}

async fn show_page(
    state: &AppState,
    ctx: Ctx,
    id: &ClaimId,
    form: DecisionForm,
    errors: Errors,
) -> Result<Response, WebError> {
    ctx.staff()?;
    let d = detail(&state.app, ctx.signed_actor()?, id).await?;
    render(&ShowPage { ctx, d, form, errors })
}

/// `GET /verification/{id}`.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    show_page(&state, ctx, &claim_id(&id)?, DecisionForm::default(), Errors::default()).await
}

#[derive(Deserialize)]
pub struct DecisionInput {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

/// `POST /verification/{id}/decision`: approve or reject, with a reason.
pub async fn decision(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<DecisionInput>,
) -> Result<Response, WebError> {
    let cap = ctx.staff()?;
    let id = claim_id(&id)?;
    let form = DecisionForm { decision: f.decision, reason: f.reason };
    match decide(&state.app, &cap, &id, &form).await {
        Ok(_) => Ok(see_other(&format!("/verification/{id}"))),
        Err(halqe_app::Error::Form(e)) => {
            let page = show_page(&state, ctx, &id, form, Errors::new(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
