//! Introductions: putting a candidate in touch with an agency with consent, and the states they move through.

use serde::{Deserialize, Serialize};

use crate::Invalid;

/// Who is introduced: a person or an organization of the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CandidateKind {
    Person,
    Organization,
}

impl CandidateKind {
    pub const ALL: [CandidateKind; 2] = [CandidateKind::Person, CandidateKind::Organization];

    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organization => "organization",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|k| k.code() == s.trim()).ok_or(Invalid::Choice)
    }
}

/// Where an introduction stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Sent; waiting for the candidate.
    Requested,
    /// The candidate agreed; contact details are shared with the agency.
    Accepted,
    /// The candidate said no; closed.
    Declined,
    /// The agency took the candidate on; closed.
    Engaged,
    /// The agency did not go ahead, with a reason; closed.
    NotEngaged,
    /// The agency took it back before the candidate answered; closed.
    Withdrawn,
}

/// Which side of an introduction someone acts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Party {
    /// The person introduced, or an owner or admin of the organization introduced.
    Candidate,
    /// The agency's officers, or the staff member who asked when no agency did.
    Agency,
    /// Innovation-center staff, who follow every introduction.
    Staff,
}

/// A non-empty reason of at most [`Reason::MAX_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(String);

impl Reason {
    pub const MAX_CHARS: usize = 2000;

    /// Accepts trimmed, Persian-normalized text; empty is refused.
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let s = crate::profile::paragraph(s, Self::MAX_CHARS)?;
        if s.is_empty() { Err(Invalid::Required) } else { Ok(Self(s)) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How an accepted introduction ended, as the agency records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Engaged,
    /// Not going ahead; a reason is part of the value, so it cannot be left out.
    NotEngaged(Reason),
}

impl Outcome {
    /// Reads the outcome form: `engaged`, or `not_engaged` with a reason.
    pub fn parse(outcome: &str, reason: &str) -> Result<Self, (&'static str, Invalid)> {
        match outcome.trim() {
            "engaged" => Ok(Self::Engaged),
            "not_engaged" => Reason::parse(reason).map(Self::NotEngaged).map_err(|e| ("reason", e)),
            "" => Err(("outcome", Invalid::Required)),
            _ => Err(("outcome", Invalid::Choice)),
        }
    }

    pub fn reason(&self) -> Option<&Reason> {
        match self {
            Self::Engaged => None,
            Self::NotEngaged(r) => Some(r),
        }
    }
}

/// One move of an introduction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Accept,
    Decline,
    Close(Outcome),
    /// The agency takes back a request not yet answered.
    Withdraw,
}

impl Step {
    /// The only party that may take this step.
    pub fn party(&self) -> Party {
        match self {
            Self::Accept | Self::Decline => Party::Candidate,
            Self::Close(_) | Self::Withdraw => Party::Agency,
        }
    }

    /// The status this step leads to, and the event it records.
    fn target(&self) -> Status {
        match self {
            Self::Accept => Status::Accepted,
            Self::Decline => Status::Declined,
            Self::Close(Outcome::Engaged) => Status::Engaged,
            Self::Close(Outcome::NotEngaged(_)) => Status::NotEngaged,
            Self::Withdraw => Status::Withdrawn,
        }
    }
}

/// Why a step was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// This party may never take this step.
    #[error("{0:?} may not take this step")]
    NotYourStep(Party),
    /// The step does not apply to the current status.
    #[error("introduction is {0:?}")]
    WrongState(Status),
}

impl Status {
    pub const ALL: [Status; 6] =
        [Status::Requested, Status::Accepted, Status::Declined, Status::Engaged, Status::NotEngaged, Status::Withdrawn];

    /// Stable code stored in the database and used in Fluent keys (`introduction-status-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Requested => "requested",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::Engaged => "engaged",
            Self::NotEngaged => "not_engaged",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(Invalid::Choice)
    }

    /// The one transition rule: requested → accepted | declined by the candidate, or withdrawn by the
    /// agency; accepted → engaged | not engaged by the agency; nothing leaves a closed status.
    pub fn apply(self, by: Party, step: &Step) -> Result<Status, Refused> {
        if by != step.party() {
            return Err(Refused::NotYourStep(by));
        }
        match (self, step) {
            (Self::Requested, Step::Accept | Step::Decline | Step::Withdraw) | (Self::Accepted, Step::Close(_)) => {
                Ok(step.target())
            }
            (current, _) => Err(Refused::WrongState(current)),
        }
    }

    /// The agency side sees the candidate's email and mobile only once the candidate has accepted.
    pub fn shares_contact(self) -> bool {
        matches!(self, Self::Accepted | Self::Engaged | Self::NotEngaged)
    }

    /// No further step is possible.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Declined | Self::Engaged | Self::NotEngaged | Self::Withdrawn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn not_engaged() -> Step {
        Step::Close(Outcome::NotEngaged(Reason::parse("بودجه تأمین نشد").unwrap()))
    }

    #[test]
    fn every_transition_of_every_status_for_every_party() {
        use Party::*;
        use Status::*;
        let steps = [Step::Accept, Step::Decline, Step::Close(Outcome::Engaged), not_engaged(), Step::Withdraw];
        for status in Status::ALL {
            for party in [Candidate, Agency, Staff] {
                for step in &steps {
                    let want = match (status, party, step) {
                        (Requested, Candidate, Step::Accept) => Ok(Accepted),
                        (Requested, Candidate, Step::Decline) => Ok(Declined),
                        (Requested, Agency, Step::Withdraw) => Ok(Withdrawn),
                        (Accepted, Agency, Step::Close(Outcome::Engaged)) => Ok(Engaged),
                        (Accepted, Agency, Step::Close(Outcome::NotEngaged(_))) => Ok(NotEngaged),
                        (_, p, s) if p != s.party() => Err(Refused::NotYourStep(p)),
                        (st, _, _) => Err(Refused::WrongState(st)),
                    };
                    assert_eq!(status.apply(party, step), want, "{status:?} {party:?} {step:?}");
                }
            }
        }
    }

    #[test]
    fn closed_statuses_have_no_way_out() {
        let steps = [Step::Accept, Step::Decline, Step::Close(Outcome::Engaged), not_engaged(), Step::Withdraw];
        for status in Status::ALL.into_iter().filter(|s| s.is_closed()) {
            for step in &steps {
                assert!(status.apply(step.party(), step).is_err(), "{status:?} {step:?}");
            }
        }
    }

    #[test]
    fn contact_is_shared_only_after_acceptance() {
        let shared: Vec<Status> = Status::ALL.into_iter().filter(|s| s.shares_contact()).collect();
        assert_eq!(shared, vec![Status::Accepted, Status::Engaged, Status::NotEngaged]);
    }

    #[test]
    fn not_engaged_needs_a_reason() {
        assert_eq!(Outcome::parse("not_engaged", "  "), Err(("reason", Invalid::Required)));
        assert_eq!(Outcome::parse("engaged", ""), Ok(Outcome::Engaged));
        assert_eq!(Outcome::parse("", ""), Err(("outcome", Invalid::Required)));
        assert_eq!(Outcome::parse("maybe", ""), Err(("outcome", Invalid::Choice)));
        let o = Outcome::parse("not_engaged", " بودجه ").unwrap();
        assert_eq!(o.reason().map(Reason::as_str), Some("بودجه"));
    }

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Ok(s));
        }
        for k in CandidateKind::ALL {
            assert_eq!(CandidateKind::parse(k.code()), Ok(k));
        }
        assert_eq!(Status::parse("done"), Err(Invalid::Choice));
    }
}
