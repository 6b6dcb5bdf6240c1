//! Registering as an innovator and confirming the email address (the only page an unverified account sees).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::accounts::register::{Registration, register};
use halqe_app::accounts::verify_email::{resend as resend_link, verify_email as verify};
use serde::Deserialize;

use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render, with_retry_after};
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
        client_ip: ctx.client_ip.clone(),
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

#[derive(Template)]
#[template(path = "auth/verify.html")]
struct VerifyPage {
    ctx: Ctx,
    email: String,
    /// Fluent key of a message above the form (link sent, wait before another).
    notice: Option<&'static str>,
    alert: Option<&'static str>,
}

impl VerifyPage {
    /// The page for the signed-in viewer; `None` once their address is verified.
    fn of(ctx: Ctx) -> Option<Self> {
        let email = ctx.viewer.as_ref().filter(|v| !v.verified())?.user.email.as_str().to_owned();
        Some(Self { ctx, email, notice: None, alert: None })
    }
}

#[derive(Deserialize)]
pub struct PendingQuery {
    #[serde(default)]
    sent: bool,
}

/// `GET /account/verify`: "confirm your address", with a button to mail the link again.
pub async fn pending(ctx: Ctx, Query(q): Query<PendingQuery>) -> Result<Response, WebError> {
    let Some(mut page) = VerifyPage::of(ctx) else {
        return Ok(see_other("/"));
    };
    page.notice = q.sent.then_some("verify-sent");
    render(&page)
}

/// `POST /account/verify/resend`: mails a new link, at most once a minute and a few times a day.
pub async fn resend(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let user = ctx.signed_actor()?.user_id.clone();
    match resend_link(&state.app, &user).await {
        Ok(()) => Ok(see_other("/account/verify?sent=true")),
        Err(halqe_app::Error::Throttled(after)) => {
            let Some(mut page) = VerifyPage::of(ctx) else {
                return Ok(see_other("/"));
            };
            page.alert = Some("verify-wait");
            Ok(with_retry_after((StatusCode::TOO_MANY_REQUESTS, render(&page)?).into_response(), Some(after.0)))
        }
        Err(e) => Err(e.into()),
    }
}
