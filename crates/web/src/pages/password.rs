//! Forgotten passwords: ask for a link, then set a new password from it.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::accounts::reset_password;
use serde::Deserialize;

use super::register::MessagePage;
use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "auth/forgot.html")]
struct ForgotPage {
    ctx: Ctx,
    email: String,
    errors: Errors,
}

#[derive(Template)]
#[template(path = "auth/reset.html")]
struct ResetPage {
    ctx: Ctx,
    token: String,
    errors: Errors,
}

/// `GET /password/forgot`.
pub async fn forgot_form(ctx: Ctx) -> Result<Response, WebError> {
    render(&ForgotPage { ctx, email: String::new(), errors: Errors::default() })
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// `POST /password/forgot`: the same answer whether or not the address has an account.
pub async fn forgot(State(state): State<AppState>, ctx: Ctx, Form(f): Form<ForgotForm>) -> Result<Response, WebError> {
    match reset_password::request(&state.app, &f.email, &ctx.client_ip).await {
        Ok(()) => render(&MessagePage { ctx, title: "forgot-done-title", body: "forgot-done-body" }),
        Err(halqe_app::Error::Form(e)) => {
            let page = ForgotPage { ctx, email: f.email, errors: Errors::new(e) };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// `GET /password/reset?token=…`.
pub async fn reset_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
) -> Result<Response, WebError> {
    if !reset_password::is_live(&state.app, &q.token).await? {
        return Err(WebError::LinkExpired);
    }
    render(&ResetPage { ctx, token: q.token, errors: Errors::default() })
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

/// `POST /password/reset`.
pub async fn reset(State(state): State<AppState>, ctx: Ctx, Form(f): Form<ResetForm>) -> Result<Response, WebError> {
    match reset_password::complete(&state.app, &f.token, &f.password).await {
        Ok(()) => Ok(see_other("/login?notice=password_reset")),
        Err(halqe_app::Error::Form(e)) => {
            let page = ResetPage { ctx, token: f.token, errors: Errors::new(e) };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
