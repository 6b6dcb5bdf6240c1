//! Accounts: roles, validated email, password rules, display names.

use serde::{Deserialize, Serialize};

use crate::{Invalid, text};

/// What a person does on the platform; a user may hold several roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Runs the platform: users, roles, configuration.
    Admin,
    /// Innovation-center staff (کارشناس مرکز).
    Staff,
    /// An agency officer (کارشناس دستگاه), always tied to one agency.
    Officer,
    /// An expert reviewer (داور).
    Reviewer,
    /// A person offering capacity (نوآور).
    Innovator,
    /// Reads the audit record and the decisions it holds, and changes nothing (حسابرس).
    Auditor,
}

impl Role {
    pub const ALL: [Role; 6] =
        [Role::Admin, Role::Staff, Role::Officer, Role::Reviewer, Role::Innovator, Role::Auditor];

    /// Stable code stored in the database and used in Fluent keys (`role-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Staff => "staff",
            Self::Officer => "officer",
            Self::Reviewer => "reviewer",
            Self::Innovator => "innovator",
            Self::Auditor => "auditor",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|r| r.code() == s.trim()).ok_or(Invalid::Choice)
    }
}

/// A syntactically valid, lower-cased email address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    /// Accepts `local@domain.tld` with no spaces; lower-cases it so one address is one account.
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let s = text::digits_to_ascii(s.trim()).to_lowercase();
        if s.is_empty() {
            return Err(Invalid::Required);
        }
        if s.chars().count() > Self::MAX_LEN {
            return Err(Invalid::TooLong);
        }
        let (local, domain) = s.rsplit_once('@').ok_or(Invalid::Email)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && local.chars().all(|c| c.is_ascii_graphic() && c != '"' && c != ',' && c != '<' && c != '>');
        if domain_ok && local_ok { Ok(Self(s)) } else { Err(Invalid::Email) }
    }

    /// Wraps a value read back from the database.
    pub fn from_db(s: String) -> Self {
        Self(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password that meets the length rules; never printed.
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 256;

    /// Length is the only rule (NIST SP 800-63B): at least 10 characters, at most 256.
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let n = s.chars().count();
        if n == 0 {
            Err(Invalid::Required)
        } else if n < Self::MIN_CHARS {
            Err(Invalid::PasswordTooShort)
        } else if n > Self::MAX_CHARS {
            Err(Invalid::PasswordTooLong)
        } else {
            Ok(Self(s.to_owned()))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// A person's display name, Persian-normalized, 1–120 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 120;

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let s = text::normalize_fa(s);
        if s.is_empty() {
            Err(Invalid::Required)
        } else if s.chars().count() > Self::MAX_CHARS {
            Err(Invalid::TooLong)
        } else {
            Ok(Self(s))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        let ok = [("Ali.Rezaei@Example.IR", "ali.rezaei@example.ir"), (" a+b@x.co ", "a+b@x.co")];
        for (input, want) in ok {
            assert_eq!(Email::parse(input).map(|e| e.0), Ok(want.to_owned()), "{input}");
        }
        let bad = [
            ("", Invalid::Required),
            ("ali", Invalid::Email),
            ("ali@", Invalid::Email),
            ("@x.ir", Invalid::Email),
            ("ali@x", Invalid::Email),
            ("ali@x..ir", Invalid::Email),
            ("a li@x.ir", Invalid::Email),
            ("ali@ایران.ir", Invalid::Email),
        ];
        for (input, want) in bad {
            assert_eq!(Email::parse(input), Err(want), "{input}");
        }
    }

    #[test]
    fn passwords() {
        assert_eq!(NewPassword::parse("").err(), Some(Invalid::Required));
        assert_eq!(NewPassword::parse("short").err(), Some(Invalid::PasswordTooShort));
        assert!(NewPassword::parse("گذرواژه‌ی بلند").is_ok());
        assert_eq!(NewPassword::parse(&"x".repeat(257)).err(), Some(Invalid::PasswordTooLong));
        assert_eq!(format!("{:?}", NewPassword::parse("secret-password").ok()), "Some(NewPassword(***))");
    }

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Ok(r));
        }
        assert_eq!(Role::parse("root"), Err(Invalid::Choice));
    }
}
