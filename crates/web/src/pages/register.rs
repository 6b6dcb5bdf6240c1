//! Registering as an innovator and confirming the email address.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::accounts::register::{Registration, register};
use halqe_app::accounts::verify_email::verify_email as verify;
use serde::Deserialize;

use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "auth/register.html")]
struct RegisterPage {
    ctx: Ctx,
    display_name: String,
    email: String,
    errors: Errors,
}

/// A short page with a title and one paragraph.
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub ctx: Ctx,
    pub title: &'static str,
    pub body: &'static str,
}

/// `GET /register`.
pub async fn form(ctx: Ctx) -> Result<Response, WebError> {
    render(&RegisterPage { ctx, display_name: String::new(), email: String::new(), errors: Errors::default() })
}

#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// `POST /register`.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<RegisterForm>,
) -> Result<Response, WebError> {
    let r = Registration {
        display_name: f.display_name.clone(),
        email: f.email.clone(),
        password: f.password,
        locale: ctx.locale,
    };
    match register(&state.app, &r).await {
        Ok(()) => render(&MessagePage { ctx, title: "register-done-title", body: "register-done-body" }),
        Err(halqe_app::Error::Form(e)) => {
            let page = RegisterPage { ctx, display_name: f.display_name, email: f.email, errors: Errors::new(e) };
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

/// `GET /verify-email?token=…`.
pub async fn verify_email(State(state): State<AppState>, Query(q): Query<TokenQuery>) -> Result<Response, WebError> {
    verify(&state.app, &q.token).await?;
    Ok(see_other("/login?notice=verified"))
}
