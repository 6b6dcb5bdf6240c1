//! Identity conflicts for staff: every case with both sides, and the decision of which record keeps the
//! identifier.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::identity_conflicts::resolve::{ResolveForm, resolve as decide};
use halqe_app::identity_conflicts::{ConflictView, list as cases};
use halqe_domain::identity::ConflictStatus;
use serde::Deserialize;

use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "identity_conflicts/list.html")]
struct ListPage {
    ctx: Ctx,
    cases: Vec<ConflictView>,
    /// The case whose decision was refused, with why.
    failed: Option<(String, Errors)>,
}

impl ListPage {
    fn is_open(&self, c: &ConflictView) -> bool {
        c.status == ConflictStatus::Open
    }

    /// The refusal shown under case `id`'s form, if it was the one refused.
    fn errors_of(&self, id: &str) -> Option<&Errors> {
        self.failed.as_ref().filter(|(f, _)| f == id).map(|(_, e)| e)
    }
}

/// `GET /identity-conflicts`.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let cases = cases(&state.app, &ctx.staff()?).await?;
    render(&ListPage { ctx, cases, failed: None })
}

#[derive(Deserialize)]
pub struct ResolveInput {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

/// `POST /identity-conflicts/{id}/resolve`: which record keeps the identifier, with a reason.
pub async fn resolve(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ResolveInput>,
) -> Result<Response, WebError> {
    let cap = ctx.staff()?;
    let form = ResolveForm { decision: f.decision, reason: f.reason };
    match decide(&state.app, &cap, &id, &form).await {
        Ok(_) => Ok(see_other("/identity-conflicts")),
        Err(halqe_app::Error::Form(e)) => {
            let cases = cases(&state.app, &cap).await?;
            let page = ListPage { ctx, cases, failed: Some((id, Errors::new(e))) };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
