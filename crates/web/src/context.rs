//! Who is asking and in which language: resolved once per request and handed to handlers and templates.

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use halqe_app::accounts::{User, session};
use halqe_app::i18n;
use halqe_domain::calendar;
use halqe_domain::locale::Locale;
use halqe_domain::permissions::{Actor, MatchCap, StaffCap};
use halqe_domain::profile::Year;
use halqe_domain::province::Province;
use halqe_domain::user::Role;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::cookies;
use crate::error::{ErrorPage, WebError, render_error};
use crate::state::AppState;

/// The signed-in user, as pages need them.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub actor: Actor,
    pub user: User,
    /// The session cookie value (to end the session on sign-out).
    pub session: String,
}

impl Viewer {
    /// Whether the account's email address is confirmed; until it is, the account reaches only the
    /// verification page.
    pub fn verified(&self) -> bool {
        self.user.email_verified_at.is_some()
    }
}

/// Per-request context: viewer, language, CSRF token; every template gets one.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub locale: Locale,
    pub csrf: String,
    pub viewer: Option<Viewer>,
    pub path: String,
    pub demo: bool,
    pub client_ip: String,
}

impl Ctx {
    /// A translated message.
    pub fn t(&self, key: impl AsRef<str>) -> String {
        i18n::t(self.locale, key.as_ref())
    }

    /// The message `<prefix>-<code>`, e.g. `role-officer`.
    pub fn tk(&self, prefix: &str, code: &str) -> String {
        i18n::t(self.locale, &format!("{prefix}-{code}"))
    }

    /// A translated message with one argument.
    pub fn t1(&self, key: &str, name: &'static str, value: impl AsRef<str>) -> String {
        i18n::t_args(self.locale, i18n::Isolation::Html, key, &[(name, value.as_ref())])
    }

    /// A province's name from its stored code (the code itself if unknown).
    pub fn province_code(&self, code: &str) -> String {
        Province::parse(code).map(|p| p.name(self.locale).to_owned()).unwrap_or_else(|_| code.to_owned())
    }

    /// A province's name in the viewer's language.
    pub fn province(&self, p: &Province) -> &'static str {
        p.name(self.locale)
    }

    /// A date in the viewer's calendar: Solar Hijri in Persian, Gregorian in English.
    pub fn date(&self, ms: &i64) -> String {
        calendar::format_date(*ms, self.locale)
    }

    /// The last day of a period that ends at `end` (exclusive: a deadline ends as its day does).
    pub fn last_day(&self, end: &i64) -> String {
        calendar::format_date(*end - 1, self.locale)
    }

    pub fn datetime(&self, ms: &i64) -> String {
        calendar::format_datetime(*ms, self.locale)
    }

    /// A year in the viewer's calendar (see [`Year`]).
    pub fn year(&self, y: &Year) -> String {
        y.show(self.locale)
    }

    /// A number with the locale's digits and grouping.
    pub fn num(&self, n: &i64) -> String {
        calendar::format_number(*n, self.locale)
    }

    /// A count with the locale's digits and grouping.
    pub fn count(&self, n: &usize) -> String {
        calendar::format_number(i64::try_from(*n).unwrap_or(i64::MAX), self.locale)
    }

    /// A share in [0, 1] as a whole percent in the locale's digits, e.g. «۴۲٪».
    pub fn pct(&self, x: &f32) -> String {
        let n = calendar::format_number((x * 100.0).round() as i64, self.locale);
        match self.locale {
            Locale::Fa => format!("{n}٪"),
            Locale::En => format!("{n}%"),
        }
    }

    /// Picks the Persian or English of a pair.
    pub fn pick<'a>(&self, fa: &'a str, en: &'a str) -> &'a str {
        match self.locale {
            Locale::En if !en.is_empty() => en,
            _ => fa,
        }
    }

    pub fn signed_in(&self) -> bool {
        self.viewer.is_some()
    }

    /// Signed in with a confirmed email: the header then shows the notifications link and its count.
    pub fn verified(&self) -> bool {
        self.viewer.as_ref().is_some_and(Viewer::verified)
    }

    pub fn display_name(&self) -> &str {
        self.viewer.as_ref().map(|v| v.user.display_name.as_str()).unwrap_or("")
    }

    fn has(&self, role: Role) -> bool {
        self.viewer.as_ref().is_some_and(|v| v.actor.has(role))
    }

    /// Holds the reviewer role (has "my reviews").
    pub fn is_reviewer(&self) -> bool {
        self.has(Role::Reviewer)
    }

    /// Auditors, who read the audit record at /audit.
    pub fn is_auditor(&self) -> bool {
        self.has(Role::Auditor)
    }

    /// Center staff or admin.
    pub fn is_staff(&self) -> bool {
        self.has(Role::Staff) || self.has(Role::Admin)
    }

    /// Officers of an agency and staff may match needs.
    pub fn is_matcher(&self) -> bool {
        self.actor().is_some_and(|a| a.matcher().is_ok())
    }

    /// Officers of an agency write its challenges.
    pub fn is_author(&self) -> bool {
        self.actor().is_some_and(|a| a.author().is_ok())
    }

    pub fn is_admin(&self) -> bool {
        self.has(Role::Admin)
    }

    pub fn is_innovator(&self) -> bool {
        self.has(Role::Innovator)
    }

    pub(crate) fn actor(&self) -> Option<&Actor> {
        self.viewer.as_ref().map(|v| &v.actor)
    }

    /// The signed-in actor, or 403 (behind a signed-in route rule there always is one).
    pub(crate) fn signed_actor(&self) -> Result<&Actor, WebError> {
        self.actor().ok_or(WebError::Forbidden)
    }

    /// The staff capability of the viewer, or 403.
    pub(crate) fn staff(&self) -> Result<StaffCap, WebError> {
        self.signed_actor()?.staff().map_err(|_| WebError::Forbidden)
    }

    /// The viewer's capability to match needs and ask for introductions, or 403.
    pub(crate) fn matcher(&self) -> Result<MatchCap, WebError> {
        self.signed_actor()?.matcher().map_err(|_| WebError::Forbidden)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response())
    }
}

/// Derives the CSRF token for a session or anonymous cookie value.
pub fn csrf_token(secret: &[u8], scope: &str, value: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(scope.as_bytes());
    mac.update(b":");
    mac.update(value.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

fn random_value() -> String {
    let mut bytes = [0u8; 24];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    hex::encode(bytes)
}

fn client_ip(state: &AppState, headers: &HeaderMap, peer: Option<&ConnectInfo<std::net::SocketAddr>>) -> String {
    let Some(peer) = peer else {
        return "unknown".into();
    };
    let forwarded = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok());
    state.web.trusted_proxies.client(peer.0.ip(), forwarded).to_string()
}

/// Middleware: builds the [`Ctx`], and renders any error response as a localized page.
pub async fn attach(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let headers = req.headers().clone();
    let viewer = match cookies::get(&headers, cookies::SESSION) {
        Some(sid) => match session::resolve(&state.app, sid).await {
            Ok(found) => found.map(|(actor, user)| Viewer { actor, user, session: sid.to_owned() }),
            Err(e) => {
                tracing::error!(error = %e, "session lookup failed");
                return axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
        },
        None => None,
    };
    let mut new_anon = None;
    let csrf = match (&viewer, cookies::get(&headers, cookies::ANON)) {
        (Some(v), _) => csrf_token(&state.web.secret_key, "sid", &v.session),
        (None, Some(anon)) => csrf_token(&state.web.secret_key, "anon", anon),
        (None, None) => {
            let anon = random_value();
            let token = csrf_token(&state.web.secret_key, "anon", &anon);
            new_anon = Some(anon);
            token
        }
    };
    let locale = match &viewer {
        Some(v) => v.user.locale,
        None => cookies::get(&headers, cookies::LANG).and_then(Locale::parse).unwrap_or_default(),
    };
    let ctx = Ctx {
        locale,
        csrf,
        viewer,
        path: req.uri().path().to_owned(),
        demo: state.web.demo,
        client_ip: client_ip(&state, &headers, req.extensions().get()),
    };
    req.extensions_mut().insert(ctx.clone());
    let mut response = next.run(req).await;
    if let Some(page) = response.extensions().get::<ErrorPage>().cloned() {
        response = render_error(&ctx, page);
    }
    if let Some(anon) = new_anon {
        response
            .headers_mut()
            .append(header::SET_COOKIE, cookies::set(cookies::ANON, &anon, 180 * 24 * 3600, state.web.cookies_secure));
    }
    response
}
