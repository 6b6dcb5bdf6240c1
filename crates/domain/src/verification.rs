//! Claims: self-declared distinctions that staff verify from evidence, and the states a claim moves through.

use serde::{Deserialize, Serialize};

use crate::Invalid;

/// What a claim asserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// Membership of the National Elites Foundation (بنیاد ملی نخبگان).
    EliteFoundation,
    /// An academic degree.
    Degree,
    /// A knowledge-based company certificate (گواهی دانش‌بنیان).
    KnowledgeBased,
    /// A prize or award.
    Award,
    Other,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 5] =
        [ClaimKind::EliteFoundation, ClaimKind::Degree, ClaimKind::KnowledgeBased, ClaimKind::Award, ClaimKind::Other];

    /// Stable code stored in the database and used in Fluent keys (`claim-kind-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::EliteFoundation => "elite_foundation",
            Self::Degree => "degree",
            Self::KnowledgeBased => "knowledge_based",
            Self::Award => "award",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let s = s.trim();
        if s.is_empty() {
            return Err(Invalid::Required);
        }
        Self::ALL.into_iter().find(|k| k.code() == s).ok_or(Invalid::Choice)
    }
}

/// Where a claim stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// Waiting for staff.
    Pending,
    /// Verified by staff (تأییدشده).
    Approved,
    /// Refused by staff, with a reason; the owner may resubmit it with new evidence.
    Rejected,
}

/// A staff decision on a pending claim; always given with a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject,
}

impl Decision {
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        match s.trim() {
            "approve" => Ok(Self::Approve),
            "reject" => Ok(Self::Reject),
            "" => Err(Invalid::Required),
            _ => Err(Invalid::Choice),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Reject => "reject",
        }
    }
}

/// A transition the claim's state does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("claim is {0:?}")]
pub struct WrongState(pub ClaimStatus);

impl ClaimStatus {
    pub const ALL: [ClaimStatus; 3] = [ClaimStatus::Pending, ClaimStatus::Approved, ClaimStatus::Rejected];

    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(Invalid::Choice)
    }

    /// Staff decide only pending claims.
    pub fn decide(self, decision: Decision) -> Result<Self, WrongState> {
        match (self, decision) {
            (Self::Pending, Decision::Approve) => Ok(Self::Approved),
            (Self::Pending, Decision::Reject) => Ok(Self::Rejected),
            (other, _) => Err(WrongState(other)),
        }
    }

    /// New evidence is taken while a claim waits, and puts a rejected claim back in the queue;
    /// a verified claim is closed.
    pub fn add_evidence(self) -> Result<Self, WrongState> {
        match self {
            Self::Pending | Self::Rejected => Ok(Self::Pending),
            Self::Approved => Err(WrongState(self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions() {
        use ClaimStatus::*;
        assert_eq!(Pending.decide(Decision::Approve), Ok(Approved));
        assert_eq!(Pending.decide(Decision::Reject), Ok(Rejected));
        assert_eq!(Approved.decide(Decision::Reject), Err(WrongState(Approved)));
        assert_eq!(Rejected.decide(Decision::Approve), Err(WrongState(Rejected)));
        assert_eq!(Rejected.add_evidence(), Ok(Pending));
        assert_eq!(Pending.add_evidence(), Ok(Pending));
        assert_eq!(Approved.add_evidence(), Err(WrongState(Approved)));
    }

    #[test]
    fn codes_round_trip() {
        for k in ClaimKind::ALL {
            assert_eq!(ClaimKind::parse(k.code()), Ok(k));
        }
        for s in ClaimStatus::ALL {
            assert_eq!(ClaimStatus::parse(s.code()), Ok(s));
        }
        assert_eq!(ClaimKind::parse(""), Err(Invalid::Required));
        assert_eq!(ClaimKind::parse("wizard"), Err(Invalid::Choice));
        assert_eq!(Decision::parse("approve"), Ok(Decision::Approve));
        assert_eq!(Decision::parse("maybe"), Err(Invalid::Choice));
    }
}
