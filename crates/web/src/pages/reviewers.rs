//! A call's reviewer pool for staff (add, load and availability, remove), and a reviewer's own declared
//! conflicts (declare, withdraw).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::FormErrors;
use halqe_app::evaluation::pool::{self, DeclaredView, PoolPage};
use halqe_domain::evaluation::pool::About;
use halqe_domain::ids::{CallId, UserId};
use serde::Deserialize;

use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;

fn call_id(raw: &str) -> Result<CallId, WebError> {
    CallId::parse(raw).ok_or(WebError::NotFound)
}

/// The form adding a reviewer to the pool.
#[derive(Debug, Default, Deserialize)]
pub struct AddInput {
    /// The reviewer's account email (up to 254 characters).
    #[serde(default)]
    pub email: String,
    /// 1–200 proposals.
    #[serde(default)]
    pub max_load: String,
}

/// The form changing a reviewer's load and availability.
#[derive(Debug, Default, Deserialize)]
pub struct UpdateInput {
    /// 1–200 proposals.
    #[serde(default)]
    pub max_load: String,
    /// `1` while they can take reviews; absent (an unticked box) when not.
    #[serde(default)]
    pub available: Option<String>,
}

/// The form removing a reviewer.
#[derive(Debug, Default, Deserialize)]
pub struct RemoveInput {
    /// Why, up to 500 characters; kept on their ended assignments.
    #[serde(default)]
    pub reason: String,
}

#[derive(Template)]
#[template(path = "calls/reviewers.html")]
struct PoolTemplate {
    ctx: Ctx,
    p: PoolPage,
    add: AddInput,
    errors: Errors,
}

async fn pool_page(
    state: &AppState,
    ctx: Ctx,
    id: &CallId,
    add: AddInput,
    e: FormErrors,
) -> Result<Response, WebError> {
    let p = pool::page(&state.app, &ctx.staff()?, id).await?;
    render(&PoolTemplate { ctx, p, add, errors: Errors::new(e) })
}

/// Re-renders the pool page with a refused form's errors, 422.
async fn refused(state: &AppState, ctx: Ctx, id: &CallId, add: AddInput, e: FormErrors) -> Result<Response, WebError> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, pool_page(state, ctx, id, add, e).await?).into_response())
}

/// `GET /calls/{id}/reviewers`.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    pool_page(&state, ctx, &call_id(&id)?, AddInput::default(), FormErrors::default()).await
}

/// `POST /calls/{id}/reviewers`: adds a reviewer.
pub async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AddInput>,
) -> Result<Response, WebError> {
    let id = call_id(&id)?;
    match pool::add(&state.app, &ctx.staff()?, &id, &f.email, &f.max_load).await {
        Ok(()) => Ok(see_other(&format!("/calls/{id}/reviewers"))),
        Err(halqe_app::Error::Form(e)) => refused(&state, ctx, &id, f, e).await,
        Err(e) => Err(e.into()),
    }
}

/// `POST /calls/{id}/reviewers/{user}`: sets load and availability.
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, user)): Path<(String, String)>,
    Form(f): Form<UpdateInput>,
) -> Result<Response, WebError> {
    let id = call_id(&id)?;
    let user = UserId::parse(&user).ok_or(WebError::NotFound)?;
    let available = f.available.as_deref() == Some("1");
    match pool::update(&state.app, &ctx.staff()?, &id, &user, &f.max_load, available).await {
        Ok(()) => Ok(see_other(&format!("/calls/{id}/reviewers"))),
        Err(halqe_app::Error::Form(e)) => refused(&state, ctx, &id, AddInput::default(), e).await,
        Err(e) => Err(e.into()),
    }
}

/// `POST /calls/{id}/reviewers/{user}/remove`: removes a reviewer, ending their assignments.
pub async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, user)): Path<(String, String)>,
    Form(f): Form<RemoveInput>,
) -> Result<Response, WebError> {
    let id = call_id(&id)?;
    let user = UserId::parse(&user).ok_or(WebError::NotFound)?;
    match pool::remove(&state.app, &ctx.staff()?, &id, &user, &f.reason).await {
        Ok(()) => Ok(see_other(&format!("/calls/{id}/reviewers"))),
        Err(halqe_app::Error::Form(e)) => refused(&state, ctx, &id, AddInput::default(), e).await,
        Err(e) => Err(e.into()),
    }
}

/// The form declaring a conflict.
#[derive(Debug, Default, Deserialize)]
pub struct DeclareInput {
    /// `proposal`, `organization` or `person`.
    #[serde(default)]
    pub about: String,
    /// The id of what it is about.
    #[serde(default)]
    pub about_id: String,
    /// In the reviewer's words, up to 500 characters.
    #[serde(default)]
    pub note: String,
}

#[derive(Template)]
#[template(path = "reviewing/conflicts.html")]
struct ConflictsTemplate {
    ctx: Ctx,
    declared: Vec<DeclaredView>,
    form: DeclareInput,
    errors: Errors,
    abouts: [About; 3],
}

async fn conflicts_page(state: &AppState, ctx: Ctx, form: DeclareInput, e: FormErrors) -> Result<Response, WebError> {
    let declared = pool::declared(&state.app, ctx.signed_actor()?).await?;
    render(&ConflictsTemplate { ctx, declared, form, errors: Errors::new(e), abouts: About::ALL })
}

/// `GET /reviewing/conflicts`: the reviewer's declarations in force; `?about=&about_id=` fills the form in
/// (the review page links here with its assignment).
pub async fn conflicts(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(prefill): Query<DeclareInput>,
) -> Result<Response, WebError> {
    conflicts_page(&state, ctx, prefill, FormErrors::default()).await
}

/// `POST /reviewing/conflicts`: declares one.
pub async fn declare(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<DeclareInput>,
) -> Result<Response, WebError> {
    match pool::declare(&state.app, ctx.signed_actor()?, &f.about, &f.about_id, &f.note).await {
        Ok(()) => Ok(see_other("/reviewing/conflicts")),
        Err(halqe_app::Error::Form(e)) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, conflicts_page(&state, ctx, f, e).await?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /reviewing/conflicts/{id}/withdraw`.
pub async fn withdraw(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    pool::withdraw(&state.app, ctx.signed_actor()?, &id).await?;
    Ok(see_other("/reviewing/conflicts"))
}
