//! Every route with its access rule, in one table: the router and the authorization check are both built from it.

use std::collections::HashMap;
use std::sync::OnceLock;

use axum::Router;
use axum::http::Method;
use axum::routing::{MethodRouter, get, post};
use halqe_domain::permissions::{ADMIN, Access, STAFF};

use crate::assets;
use crate::error::WebError;
use crate::pages::{account, admin, agencies, auth, health, home, invitations, lang, password, register};
use crate::state::AppState;

/// One route and who may use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteSpec {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

const fn spec(method: &'static str, path: &'static str, access: Access) -> RouteSpec {
    RouteSpec { method, path, access }
}

use Access::{Public, SignedIn};

fn table() -> Vec<(RouteSpec, MethodRouter<AppState>)> {
    vec![
        (spec("GET", "/", Public), get(home::show)),
        (spec("GET", "/healthz", Public), get(health::healthz)),
        (spec("GET", "/readyz", Public), get(health::readyz)),
        (spec("GET", "/static/{*path}", Public), get(assets::serve)),
        (spec("POST", "/lang", Public), post(lang::switch)),
        (spec("GET", "/login", Public), get(auth::login_form)),
        (spec("POST", "/login", Public), post(auth::login)),
        (spec("POST", "/logout", SignedIn), post(auth::logout)),
        (spec("GET", "/register", Public), get(register::form)),
        (spec("POST", "/register", Public), post(register::submit)),
        (spec("GET", "/verify-email", Public), get(register::verify_email)),
        (spec("GET", "/password/forgot", Public), get(password::forgot_form)),
        (spec("POST", "/password/forgot", Public), post(password::forgot)),
        (spec("GET", "/password/reset", Public), get(password::reset_form)),
        (spec("POST", "/password/reset", Public), post(password::reset)),
        (spec("GET", "/invitations/{token}", Public), get(invitations::show)),
        (spec("POST", "/invitations/{token}", Public), post(invitations::accept)),
        (spec("GET", "/account", SignedIn), get(account::show)),
        (spec("GET", "/agencies", STAFF), get(agencies::list)),
        (spec("GET", "/agencies/new", STAFF), get(agencies::new_form)),
        (spec("POST", "/agencies", STAFF), post(agencies::create)),
        (spec("GET", "/agencies/{id}", STAFF), get(agencies::show)),
        (spec("POST", "/agencies/{id}/invitations", STAFF), post(agencies::invite)),
        (spec("GET", "/admin/users", ADMIN), get(admin::users)),
        (spec("GET", "/admin/audit", ADMIN), get(admin::audit)),
    ]
}

/// Every route and its rule, for the route × role test and the docs.
pub fn specs() -> Vec<RouteSpec> {
    table().into_iter().map(|(s, _)| s).collect()
}

fn rules() -> &'static HashMap<(&'static str, &'static str), Access> {
    static RULES: OnceLock<HashMap<(&'static str, &'static str), Access>> = OnceLock::new();
    RULES.get_or_init(|| specs().into_iter().map(|s| ((s.method, s.path), s.access)).collect())
}

/// The rule for a matched route.
pub fn access(method: &Method, path: &str) -> Option<Access> {
    rules().iter().find(|((m, p), _)| *m == method.as_str() && *p == path).map(|(_, a)| *a)
}

/// Whether any method is routed at this path.
pub fn path_known(path: &str) -> bool {
    rules().keys().any(|(_, p)| *p == path)
}

/// The router with every route of the table.
pub fn build(state: AppState) -> Router {
    let mut router = Router::new();
    for (s, handler) in table() {
        router = router.route(s.path, handler);
    }
    router.fallback(|| async { WebError::NotFound }).with_state(state)
}
