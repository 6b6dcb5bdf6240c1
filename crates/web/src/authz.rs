//! The one authorization decision per request: the matched route's [`Access`] rule against the viewer's roles.

use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use halqe_domain::permissions::Access;

use crate::context::Ctx;
use crate::error::WebError;
use crate::routes;

/// Middleware: lets the request through only if its route's rule allows the viewer.
///
/// A route without a rule is refused (it cannot exist: routes are built from the rule table).
/// An anonymous visitor refused a page is sent to sign in; everyone else gets 403.
pub async fn authorize(req: Request, next: Next) -> Response {
    let Some(path) = req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned()) else {
        // No route matched: the fallback answers 404.
        return next.run(req).await;
    };
    let method = if req.method() == Method::HEAD { Method::GET } else { req.method().clone() };
    let access = match routes::access(&method, &path) {
        Some(a) => a,
        None if routes::path_known(&path) => return next.run(req).await, // 405 from the router
        None => Access::Roles(&[]),
    };
    let ctx = req.extensions().get::<Ctx>();
    let roles = ctx.and_then(|c| c.viewer.as_ref()).map(|v| v.actor.roles.as_slice());
    if access.allows(roles) {
        return next.run(req).await;
    }
    if roles.is_none() && req.uri().path().starts_with("/api/") {
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
