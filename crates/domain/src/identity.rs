//! Identity conflicts: a self-declared identifier (national ID, registration number) that another record
//! already holds becomes a case for staff, who decide which side keeps it.

use serde::{Deserialize, Serialize};

use crate::Invalid;

/// Which identifier two records both claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Identifier {
    /// A person's national ID (کد ملی).
    NationalId,
    /// An organization's registration number (شماره ثبت).
    RegistrationNumber,
}

impl Identifier {
    /// Stable code stored in the database and used in Fluent keys (`identifier-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::NationalId => "national_id",
            Self::RegistrationNumber => "registration_number",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        [Self::NationalId, Self::RegistrationNumber].into_iter().find(|k| k.code() == s.trim()).ok_or(Invalid::Choice)
    }
}

/// Where a conflict stands: open until staff give the identifier to one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictStatus {
    Open,
    /// The identifier moved to the record whose owner declared it.
    Claimant,
    /// The record that held it keeps it.
    Holder,
}

impl ConflictStatus {
    /// Stable code stored in the database and used in Fluent keys (`conflict-status-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Claimant => "claimant",
            Self::Holder => "holder",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        [Self::Open, Self::Claimant, Self::Holder].into_iter().find(|k| k.code() == s.trim()).ok_or(Invalid::Choice)
    }

    /// Staff's decision on an open conflict (`claimant` or `holder`); a decided one stays as it is.
    pub fn resolve(self, decision: &str) -> Result<Self, Invalid> {
        match (self, Self::parse(decision)?) {
            (Self::Open, Self::Open) => Err(Invalid::Choice),
            (Self::Open, decided) => Ok(decided),
            _ => Err(Invalid::Choice),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_open_conflict_is_resolved_and_only_to_a_side() {
        assert_eq!(ConflictStatus::Open.resolve("claimant"), Ok(ConflictStatus::Claimant));
        assert_eq!(ConflictStatus::Open.resolve("holder"), Ok(ConflictStatus::Holder));
        assert!(ConflictStatus::Open.resolve("open").is_err());
        assert!(ConflictStatus::Open.resolve("both").is_err());
        assert!(ConflictStatus::Holder.resolve("claimant").is_err());
        for k in [Identifier::NationalId, Identifier::RegistrationNumber] {
            assert_eq!(Identifier::parse(k.code()), Ok(k));
        }
    }
}
