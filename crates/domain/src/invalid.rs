//! Why an input value was refused, as a stable code the UI translates.

/// A rejected input value; [`Invalid::code`] is the stable snake_case key of its message (`invalid-<code>` in Fluent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum Invalid {
    #[error("required")]
    Required,
    #[error("too_long")]
    TooLong,
    #[error("too_many")]
    TooMany,
    #[error("national_id")]
    NationalId,
    #[error("mobile")]
    Mobile,
    #[error("postal_code")]
    PostalCode,
    #[error("province")]
    Province,
    #[error("email")]
    Email,
    #[error("password_too_short")]
    PasswordTooShort,
    #[error("password_too_long")]
    PasswordTooLong,
    #[error("choice")]
    Choice,
    #[error("url")]
    Url,
    #[error("orcid")]
    Orcid,
    #[error("doi")]
    Doi,
    #[error("year")]
    Year,
    #[error("date")]
    Date,
    #[error("budget")]
    Budget,
    #[error("number")]
    Number,
}

impl Invalid {
    /// The stable snake_case code, e.g. `national_id`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::TooLong => "too_long",
            Self::TooMany => "too_many",
            Self::NationalId => "national_id",
            Self::Mobile => "mobile",
            Self::PostalCode => "postal_code",
            Self::Province => "province",
            Self::Email => "email",
            Self::PasswordTooShort => "password_too_short",
            Self::PasswordTooLong => "password_too_long",
            Self::Choice => "choice",
            Self::Url => "url",
            Self::Orcid => "orcid",
            Self::Doi => "doi",
            Self::Year => "year",
            Self::Date => "date",
            Self::Budget => "budget",
            Self::Number => "number",
        }
    }
}
