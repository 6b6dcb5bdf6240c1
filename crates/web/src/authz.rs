//! The one authorization decision per request: the matched route's [`Access`] rule against the viewer's roles.

use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use halqe_domain::permissions::Access;

use crate::context::Ctx;
use crate::error::WebError;
use crate::routes;
use crate::state::AppState;

/// Where a signed-in account whose email is not verified yet is sent.
pub const VERIFY_PAGE: &str = "/account/verify";

/// Middleware: lets the request through only if its route's rule allows the viewer.
///
/// A route without a rule is refused (it cannot exist: routes are built from the rule table).
/// An account whose email is not verified reaches only the routes marked
/// [`RouteSpec::before_verification`](crate::routes::RouteSpec): pages send it to [`VERIFY_PAGE`], anything
/// else answers 403 `email_unverified`.
/// An anonymous visitor refused a page is sent to sign in; everyone else gets 403.
/// A [`Access::MetricsToken`] route ignores sessions: it answers 404 unless a metrics token is configured,
/// then 401 to any request not bearing it.
pub async fn authorize(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(path) = req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned()) else {
        // No route matched: the fallback answers 404.
        return next.run(req).await;
    };
    let method = if req.method() == Method::HEAD { Method::GET } else { req.method().clone() };
    let rule = match routes::rule(&method, &path) {
        Some(r) => r,
        None if routes::path_known(&path) => return next.run(req).await, // 405 from the router
        None => return WebError::Forbidden.into_response(),
    };
    if rule.access == Access::MetricsToken {
        return match &state.web.metrics_token {
            None => WebError::NotFound.into_response(),
            Some(token) if token.admits(req.headers()) => next.run(req).await,
            Some(_) => WebError::Unauthenticated.into_response(),
        };
    }
    let viewer = req.extensions().get::<Ctx>().and_then(|c| c.viewer.as_ref());
    let is_api = req.uri().path().starts_with("/api/");
    if viewer.is_some_and(|v| !v.verified()) && !rule.before_verification {
        if method == Method::GET && !is_api {
            return Redirect::to(VERIFY_PAGE).into_response();
        }
        return WebError::Unverified.into_response();
    }
    let roles = viewer.map(|v| v.actor.roles.as_slice());
    if rule.access.allows(roles) {
        return next.run(req).await;
    }
    if roles.is_none() && is_api {
        return WebError::Unauthenticated.into_response();
    }
    if roles.is_none() && method == Method::GET {
        let next_path = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
        let target = format!("/login?next={}", urlencode(next_path));
        return Redirect::to(&target).into_response();
    }
    WebError::Forbidden.into_response()
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).map(|e| e[1..].to_owned()).unwrap_or_default()
}
