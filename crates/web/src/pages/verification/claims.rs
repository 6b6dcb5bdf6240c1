//! An innovator's claims: declare one with evidence, follow its review, add evidence or resubmit it.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::verification::ClaimView;
use halqe_app::verification::attach_evidence::attach_evidence;
use halqe_app::verification::declare::{ClaimForm, SELF, declare};
use halqe_app::verification::show::{ClaimDetail, OrganizationChoice, detail, managed_organizations, mine};
use halqe_domain::ids::ClaimId;
use halqe_domain::verification::{ClaimKind, ClaimStatus};

use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::Errors;
use crate::pages::see_other;
use crate::state::AppState;
use crate::uploads::MultipartForm;

/// A claim id from the URL; a malformed one is simply not found.
pub(super) fn claim_id(raw: &str) -> Result<ClaimId, WebError> {
    ClaimId::parse(raw).ok_or(WebError::NotFound)
}

/// The per-file limit in whole MiB, for the form's help text.
pub(super) fn max_mib(state: &AppState) -> String {
    (state.app.storage.max_file_bytes() / (1024 * 1024)).to_string()
}

/// Sends the answer with 422 when the form was refused.
fn with_status(refused: bool, page: Response) -> Response {
    if refused { (StatusCode::UNPROCESSABLE_ENTITY, page).into_response() } else { page }
}

#[derive(Template)]
#[template(path = "verification/claims/list.html")]
struct ListPage {
    ctx: Ctx,
    claims: Vec<ClaimView>,
    organizations: Vec<OrganizationChoice>,
    form: ClaimForm,
    errors: Errors,
    kinds: &'static [ClaimKind],
    self_subject: &'static str,
    max_mib: String,
}

async fn list_page(state: &AppState, ctx: Ctx, form: ClaimForm, errors: Errors) -> Result<Response, WebError> {
    let actor = ctx.signed_actor()?;
    let claims = mine(&state.app, actor).await?;
    let organizations = managed_organizations(&state.app, actor).await?;
    let refused = errors.any();
    let page = ListPage {
        ctx,
        claims,
        organizations,
        form,
        errors,
        kinds: &ClaimKind::ALL,
        self_subject: SELF,
        max_mib: max_mib(state),
    };
    Ok(with_status(refused, render(&page)?))
}

/// `GET /claims`.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    list_page(&state, ctx, ClaimForm::default(), Errors::default()).await
}

/// `POST /claims` (multipart): the claim's fields and its `evidence` files.
pub async fn create(State(state): State<AppState>, ctx: Ctx, mut body: MultipartForm) -> Result<Response, WebError> {
    let form = ClaimForm { subject: body.text("subject"), kind: body.text("kind"), title: body.text("title") };
    match declare(&state.app, ctx.signed_actor()?, &form, body.take_files("evidence")).await {
        Ok(id) => Ok(see_other(&format!("/claims/{id}"))),
        Err(halqe_app::Error::Form(e)) => list_page(&state, ctx, form, Errors::new(e)).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "verification/claims/show.html")]
struct ShowPage {
    ctx: Ctx,
    d: ClaimDetail,
    errors: Errors,
    max_mib: String,
}

async fn show_page(state: &AppState, ctx: Ctx, id: &ClaimId, errors: Errors) -> Result<Response, WebError> {
    let d = detail(&state.app, ctx.signed_actor()?, id).await?;
    let refused = errors.any();
    Ok(with_status(refused, render(&ShowPage { ctx, d, errors, max_mib: max_mib(state) })?))
}

/// `GET /claims/{id}`.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    show_page(&state, ctx, &claim_id(&id)?, Errors::default()).await
}

/// `POST /claims/{id}/evidence` (multipart): more files; a rejected claim goes back to the queue.
pub async fn add_evidence(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    mut body: MultipartForm,
) -> Result<Response, WebError> {
    let id = claim_id(&id)?;
    match attach_evidence(&state.app, ctx.signed_actor()?, &id, body.take_files("evidence")).await {
        Ok(_) => Ok(see_other(&format!("/claims/{id}"))),
        Err(halqe_app::Error::Form(e)) => show_page(&state, ctx, &id, Errors::new(e)).await,
        Err(e) => Err(e.into()),
    }
}
