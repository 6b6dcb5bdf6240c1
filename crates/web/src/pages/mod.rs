//! Page handlers, one module per resource; each handler extracts, calls one use case, renders.

pub mod account;
pub mod admin;
pub mod agencies;
pub mod auth;
pub mod health;
pub mod home;
pub mod invitations;
pub mod lang;
pub mod password;
pub mod register;

use axum::response::{IntoResponse, Redirect, Response};

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
