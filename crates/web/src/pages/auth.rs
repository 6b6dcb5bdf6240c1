//! Signing in and out.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use halqe_app::accounts::login::{Credentials, login as sign_in};
use halqe_app::accounts::session;
use halqe_app::demo::USERS;
use serde::Deserialize;

use super::{safe_next, see_other};
use crate::context::Ctx;
use crate::cookies;
use crate::error::{WebError, render, with_retry_after};
use crate::forms::Form;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    ctx: Ctx,
    email: String,
    next: String,
    /// Fluent key of a message above the form (wrong password, throttled, a notice).
    alert: Option<&'static str>,
    notice: Option<&'static str>,
    demo_emails: Vec<&'static str>,
    demo_password: &'static str,
}

impl LoginPage {
    fn new(ctx: Ctx, email: String, next: String) -> Self {
        let demo_emails = if ctx.demo {
            USERS.iter().take(halqe_app::demo::ONE_PER_ROLE).map(|u| u.email).collect()
        } else {
            Vec::new()
        };
        Self { ctx, email, next, alert: None, notice: None, demo_emails, demo_password: halqe_app::demo::DEMO_PASSWORD }
    }
}

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    notice: Option<String>,
}

/// Notices other pages may ask the sign-in page to show, by code.
fn notice(code: Option<&str>) -> Option<&'static str> {
    match code? {
        "verified" => Some("notice-verified"),
        "password_reset" => Some("notice-password-reset"),
        "signed_out" => Some("notice-signed-out"),
        _ => None,
    }
}

/// `GET /login`.
pub async fn login_form(ctx: Ctx, Query(q): Query<LoginQuery>) -> Result<Response, WebError> {
    let next = safe_next(q.next.as_deref()).to_owned();
    let mut page = LoginPage::new(ctx, String::new(), next);
    page.notice = notice(q.notice.as_deref());
    render(&page)
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

/// `POST /login`.
pub async fn login(State(state): State<AppState>, ctx: Ctx, Form(f): Form<LoginForm>) -> Result<Response, WebError> {
    let next = safe_next(f.next.as_deref()).to_owned();
    let creds = Credentials { email: &f.email, password: &f.password, client_ip: &ctx.client_ip };
    let (status, alert, retry_after) = match sign_in(&state.app, &creds).await {
        Ok((_, token)) => {
            let mut response = see_other(&next);
            let ttl = state.app.settings.session_ttl_ms / 1000;
            let cookie = cookies::set(cookies::SESSION, &token.plain, ttl, state.web.cookies_secure);
            response.headers_mut().append(header::SET_COOKIE, cookie);
            return Ok(response);
        }
        Err(halqe_app::Error::BadCredentials) => (StatusCode::UNAUTHORIZED, "login-failed", None),
        Err(halqe_app::Error::Throttled(after)) => (StatusCode::TOO_MANY_REQUESTS, "login-throttled", Some(after.0)),
        Err(halqe_app::Error::AccountDisabled) => (StatusCode::FORBIDDEN, "login-disabled", None),
        Err(e) => return Err(e.into()),
    };
    let mut page = LoginPage::new(ctx, f.email, next);
    page.alert = Some(alert);
    Ok(with_retry_after((status, render(&page)?).into_response(), retry_after))
}

/// `POST /logout`.
pub async fn logout(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    if let Some(v) = &ctx.viewer {
        session::end(&state.app, &v.session).await?;
    }
    let mut response = see_other("/login?notice=signed_out");
    response.headers_mut().append(header::SET_COOKIE, cookies::clear(cookies::SESSION, state.web.cookies_secure));
    // Keep the language the user had chosen while signed in.
    let lang = cookies::set(cookies::LANG, ctx.locale.code(), 365 * 24 * 3600, state.web.cookies_secure);
    response.headers_mut().append(header::SET_COOKIE, lang);
    Ok(response)
}
