//! Page handlers, one module per resource; each handler extracts, calls one use case, renders.

pub mod account;
pub mod admin;
pub mod agencies;
pub mod assignment;
pub mod audit;
pub mod auth;
pub mod calls;
pub mod challenges;
pub mod conversations;
pub mod decisions;
pub mod evidence;
pub mod health;
pub mod home;
pub mod identity_conflicts;
pub mod imports;
pub mod introductions;
pub mod invitations;
pub mod kept_values;
pub mod lang;
pub mod memberships;
pub mod notifications;
pub mod organizations;
pub mod password;
pub mod people;
pub mod profile_claims;
pub mod proposals;
pub mod questions;
pub mod register;
pub mod reviewers;
pub mod reviews;
pub mod search;
pub mod stage_reviews;
pub mod stages;
pub mod verification;

use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::cookies;
use crate::state::AppState;

/// Only same-site paths are followed after sign-in or a language switch, never another host.
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        // Control characters would make an invalid (or injected) `Location` header.
        Some(p)
            if p.starts_with('/') && !p.starts_with("//") && !p.starts_with("/\\") && !p.contains(char::is_control) =>
        {
            p
        }
        _ => "/",
    }
}

/// 303 See Other: the browser follows with GET.
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// The name and password of the account a mailed link creates (an invitation, a profile claim).
#[derive(Deserialize)]
pub struct NewAccountForm {
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub password: String,
}

/// 303 See Other to `to`, starting the session of an account the request just created.
pub fn see_other_signed_in(state: &AppState, to: &str, session: Option<halqe_app::Token>) -> Response {
    let mut response = see_other(to);
    if let Some(token) = session {
        let ttl = state.app.settings.session_ttl_ms / 1000;
        let cookie = cookies::set(cookies::SESSION, &token.plain, ttl, state.web.cookies_secure);
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}
