//! Calls: the public list and a call's page with its challenges; staff create and publish calls and put
//! challenges in them.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::FormErrors;
use halqe_app::calls::{CallForm, CallPage, CallView, assign, create, publish, show};
use halqe_domain::ids::CallId;
use serde::Deserialize;

use super::challenges::challenge_id;
use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;

fn call_id(raw: &str) -> Result<CallId, WebError> {
    CallId::parse(raw).ok_or(WebError::NotFound)
}

#[derive(Template)]
#[template(path = "calls/list.html")]
struct ListPage {
    ctx: Ctx,
    calls: Vec<CallView>,
    form: CallInput,
    errors: Errors,
}

/// The call form, and the body of `POST /api/v1/calls`.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct CallInput {
    /// Up to 200 characters.
    #[serde(default)]
    pub title: String,
    /// The round's rules, up to 4000 characters.
    #[serde(default)]
    pub rules: String,
    /// First day, Solar Hijri (`۱۴۰۵/۰۱/۱۵`) or Gregorian, in any digits.
    #[serde(default)]
    pub opens: String,
    /// Last day, likewise.
    #[serde(default)]
    pub closes: String,
}

impl CallInput {
    pub fn form(&self) -> CallForm {
        CallForm {
            title: self.title.clone(),
            rules: self.rules.clone(),
            opens: self.opens.clone(),
            closes: self.closes.clone(),
        }
    }
}

async fn list_page(state: &AppState, ctx: Ctx, form: CallInput, errors: FormErrors) -> Result<Response, WebError> {
    let calls = show::list(&state.app, ctx.actor()).await?;
    render(&ListPage { ctx, calls, form, errors: Errors::new(errors) })
}

/// `GET /calls`: published calls; staff also see drafts and the form for a new call.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    list_page(&state, ctx, CallInput::default(), FormErrors::default()).await
}

/// `POST /calls`: staff open a draft call.
pub async fn create(State(state): State<AppState>, ctx: Ctx, Form(f): Form<CallInput>) -> Result<Response, WebError> {
    match create::create(&state.app, &ctx.staff()?, &f.form()).await {
        Ok(id) => Ok(see_other(&format!("/calls/{id}"))),
        Err(halqe_app::Error::Form(e)) => {
            let page = list_page(&state, ctx, f, e).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "calls/show.html")]
struct ShowPage {
    ctx: Ctx,
    p: CallPage,
    now: i64,
    errors: Errors,
}

impl ShowPage {
    fn remaining(&self, deadline_at: &i64) -> String {
        super::challenges::remaining(&self.ctx, *deadline_at, self.now)
    }
}

async fn show_page(state: &AppState, ctx: Ctx, id: &CallId, errors: FormErrors) -> Result<Response, WebError> {
    let p = show::show(&state.app, ctx.actor(), id).await?;
    render(&ShowPage { ctx, p, now: state.app.now(), errors: Errors::new(errors) })
}

/// `GET /calls/{id}`: a published call with its public challenges (a draft only for staff).
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    show_page(&state, ctx, &call_id(&id)?, FormErrors::default()).await
}

/// `POST /calls/{id}/publish`.
pub async fn publish(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let id = call_id(&id)?;
    match publish::publish(&state.app, &ctx.staff()?, &id).await {
        Ok(()) => Ok(see_other(&format!("/calls/{id}"))),
        Err(halqe_app::Error::Form(e)) => {
            let page = show_page(&state, ctx, &id, e).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// The body of `POST /challenges/{id}/call`: the call to put the challenge in, empty for none.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct AssignInput {
    #[serde(default)]
    pub call: String,
}

impl AssignInput {
    /// The call named, `None` for none; a malformed id is a 404 like a missing call.
    pub fn call(&self) -> Result<Option<CallId>, WebError> {
        match self.call.trim() {
            "" => Ok(None),
            raw => call_id(raw).map(Some),
        }
    }
}

/// `POST /challenges/{id}/call`: staff put a challenge in a call (or take it out).
pub async fn assign(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AssignInput>,
) -> Result<Response, WebError> {
    let id = challenge_id(&id)?;
    let call = f.call()?;
    assign::assign(&state.app, &ctx.staff()?, &id, call.as_ref()).await?;
    Ok(see_other(&match call {
        Some(c) => format!("/calls/{c}"),
        None => format!("/challenges/{id}"),
    }))
}
