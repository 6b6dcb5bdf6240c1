//! Switching the interface language, remembered in a cookie and, when signed in, on the account.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use halqe_app::accounts::set_locale::set_locale;
use halqe_domain::locale::Locale;
use serde::Deserialize;

use super::{safe_next, see_other};
use crate::context::Ctx;
use crate::cookies;
use crate::error::WebError;
use crate::forms::Form;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct LangForm {
    #[serde(default)]
    lang: String,
    next: Option<String>,
}

/// `POST /lang`.
pub async fn switch(State(state): State<AppState>, ctx: Ctx, Form(f): Form<LangForm>) -> Result<Response, WebError> {
    let locale = Locale::parse(&f.lang).ok_or(WebError::BadRequest)?;
    if let Some(actor) = ctx.actor() {
        set_locale(&state.app, &actor.user_id, locale).await?;
    }
    let mut response = see_other(safe_next(f.next.as_deref()));
    let cookie = cookies::set(cookies::LANG, locale.code(), 365 * 24 * 3600, state.web.cookies_secure);
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response.into_response())
}
