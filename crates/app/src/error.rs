//! The application error: what went wrong in terms a page or an API response can show.

use halqe_domain::Invalid;
use halqe_domain::permissions::Forbidden;

/// Field-level validation errors, in form order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormErrors(pub Vec<(&'static str, &'static str)>);

impl FormErrors {
    /// Records that `field` was refused with message `code` (a Fluent key suffix).
    pub fn add(&mut self, field: &'static str, code: &'static str) {
        self.0.push((field, code));
    }

    /// Runs a parser and records its refusal under `field`.
    pub fn check<T>(&mut self, field: &'static str, parsed: Result<T, Invalid>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, e.code());
                None
            }
        }
    }

    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, c)| *c)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Err(Error::Form)` if anything was recorded.
    pub fn finish(self) -> Result<()> {
        if self.is_empty() { Ok(()) } else { Err(Error::Form(self)) }
    }

    pub fn single(field: &'static str, code: &'static str) -> Error {
        let mut e = Self::default();
        e.add(field, code);
        Error::Form(e)
    }
}

/// A use case failed; each variant maps to one HTTP status and one stable code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid input")]
    Form(FormErrors),
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("too many attempts")]
    Throttled(RetryAfter),
    #[error("too busy to check a password now")]
    Busy,
    #[error("wrong email or password")]
    BadCredentials,
    #[error("account disabled")]
    AccountDisabled,
    #[error("link expired or already used")]
    LinkExpired,
    #[error("database: {0}")]
    Db(#[from] halqe_db::Error),
    #[error("internal: {0}")]
    Internal(String),
}

impl Error {
    /// The stable snake_case code shown to clients and translated by the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Form(_) => "invalid_input",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::Throttled(_) => "throttled",
            Self::Busy => "busy",
            Self::BadCredentials => "bad_credentials",
            Self::AccountDisabled => "account_disabled",
            Self::LinkExpired => "link_expired",
            Self::Db(_) | Self::Internal(_) => "internal",
        }
    }
}

/// Whole seconds until a refused request may be tried again (sent as `Retry-After`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

impl RetryAfter {
    /// The wait from `now` until `at` (unix milliseconds), rounded up, at least one second.
    pub fn until(at: i64, now: i64) -> Self {
        let ms = u64::try_from(at.saturating_sub(now)).unwrap_or(0);
        Self(ms.div_ceil(1000).max(1))
    }
}

impl From<Forbidden> for Error {
    fn from(_: Forbidden) -> Self {
        Self::Forbidden
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
