//! Proposals: an innovator's (or an organization's) answer to a published challenge, its team, the states
//! it moves through and the tracking code each submitted version is given.

use serde::{Deserialize, Serialize};

use crate::Invalid;

/// Most versions one proposal may have: each is mailed and told to the agency, and every version is
/// kept and shown, so the number is bounded (a new version is meant for a correction, not a stream).
pub const MAX_VERSIONS: i64 = 20;

/// Where a proposal stands. Each submission is an immutable version; the proposal itself keeps the
/// working copy the applicant edits until the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Never submitted: only the applicant's side and accepted team members see it.
    Draft,
    /// At least one version submitted; a newer one may follow before the deadline.
    Submitted,
    /// Withdrawn by the applicant before the deadline; the end.
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Draft, Status::Submitted, Status::Withdrawn];

    /// Stable code stored in the database and used in Fluent keys (`proposal-status-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(Invalid::Choice)
    }

    /// The applicant may still change it (before the deadline): anything not withdrawn.
    pub fn is_open(self) -> bool {
        self != Self::Withdrawn
    }
}

/// Who a proposal is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantKind {
    /// A person, from their own profile.
    Person,
    /// An organization, by one of its owners or admins.
    Organization,
}

impl ApplicantKind {
    pub const ALL: [ApplicantKind; 2] = [ApplicantKind::Person, ApplicantKind::Organization];

    pub fn code(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organization => "organization",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(Invalid::Choice)
    }

    /// Whether a challenge open to `eligibility` takes proposals from this kind of applicant.
    pub fn eligible(self, eligibility: crate::challenge::Eligibility) -> bool {
        use crate::challenge::Eligibility as E;
        matches!((self, eligibility), (_, E::Both) | (Self::Person, E::People) | (Self::Organization, E::Organizations))
    }
}

/// A team member's answer to being listed on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberState {
    /// Asked, not answered yet.
    Invited,
    Accepted,
    Declined,
}

impl MemberState {
    pub const ALL: [MemberState; 3] = [MemberState::Invited, MemberState::Accepted, MemberState::Declined];

    /// Stable code (Fluent `proposal-member-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Invited => "invited",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(Invalid::Choice)
    }

    /// The state an answer leads to: only an invitation still open is answered.
    pub fn answer(self, accept: bool) -> Option<MemberState> {
        match self {
            Self::Invited if accept => Some(Self::Accepted),
            Self::Invited => Some(Self::Declined),
            Self::Accepted | Self::Declined => None,
        }
    }
}

/// Why a proposal cannot be submitted as it is (each a form error code).
pub fn blockers(team: &[MemberState], originality: bool, conflicts: bool) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    if team.iter().any(|m| *m != MemberState::Accepted) {
        out.push(("team", "team_not_accepted"));
    }
    if !originality {
        out.push(("originality", "declaration_required"));
    }
    if !conflicts {
        out.push(("conflicts", "declaration_required"));
    }
    out
}

/// The tracking code (کد رهگیری) of one submitted version: sixteen random decimal digits, shown in four
/// groups of four. About 53 bits: not guessable, and unique by a database constraint besides.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TrackingCode(String);

impl TrackingCode {
    /// Digits in a code.
    pub const DIGITS: usize = 16;

    /// The code made of `random` (any 64 random bits).
    pub fn from_random(random: u64) -> Self {
        Self(format!("{:016}", random % 10_000_000_000_000_000))
    }

    /// Reads a code as typed: any digits, dashes and spaces ignored.
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let digits: String =
            crate::text::digits_to_ascii(s).chars().filter(|c| !matches!(c, '-' | ' ' | '\u{200c}')).collect();
        if digits.len() == Self::DIGITS && digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(digits))
        } else {
            Err(Invalid::Choice)
        }
    }

    pub fn from_db(s: String) -> Self {
        Self(s)
    }

    /// The stored form: sixteen ASCII digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `1234-5678-9012-3456`, in ASCII digits (pages in Persian convert them).
    pub fn grouped(&self) -> String {
        let groups: Vec<&str> = (0..self.0.len()).step_by(4).filter_map(|i| self.0.get(i..i + 4)).collect();
        groups.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::challenge::Eligibility;

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Ok(s));
        }
        for k in ApplicantKind::ALL {
            assert_eq!(ApplicantKind::parse(k.code()), Ok(k));
        }
        for m in MemberState::ALL {
            assert_eq!(MemberState::parse(m.code()), Ok(m));
        }
    }

    #[test]
    fn eligibility_admits_the_kinds_it_names() {
        assert!(ApplicantKind::Person.eligible(Eligibility::People));
        assert!(!ApplicantKind::Person.eligible(Eligibility::Organizations));
        assert!(ApplicantKind::Organization.eligible(Eligibility::Organizations));
        assert!(!ApplicantKind::Organization.eligible(Eligibility::People));
        assert!(
            ApplicantKind::Person.eligible(Eligibility::Both)
                && ApplicantKind::Organization.eligible(Eligibility::Both)
        );
    }

    #[test]
    fn only_an_open_invitation_is_answered() {
        assert_eq!(MemberState::Invited.answer(true), Some(MemberState::Accepted));
        assert_eq!(MemberState::Invited.answer(false), Some(MemberState::Declined));
        assert_eq!(MemberState::Accepted.answer(false), None);
        assert_eq!(MemberState::Declined.answer(true), None);
    }

    #[test]
    fn submission_needs_the_whole_team_and_both_declarations() {
        assert!(blockers(&[MemberState::Accepted], true, true).is_empty());
        assert!(blockers(&[], true, true).is_empty(), "a proposal without a team");
        assert_eq!(
            blockers(&[MemberState::Accepted, MemberState::Invited], true, true),
            [("team", "team_not_accepted")]
        );
        assert_eq!(blockers(&[MemberState::Declined], true, true), [("team", "team_not_accepted")]);
        assert_eq!(
            blockers(&[], false, false),
            [("originality", "declaration_required"), ("conflicts", "declaration_required")]
        );
    }

    #[test]
    fn tracking_codes_are_sixteen_digits_read_back_in_any_script() {
        let c = TrackingCode::from_random(u64::MAX);
        assert_eq!(c.as_str().len(), 16);
        assert_eq!(TrackingCode::from_random(42).as_str(), "0000000000000042");
        assert_eq!(TrackingCode::from_random(1_234_567_890_123_456).grouped(), "1234-5678-9012-3456");
        let persian = crate::text::to_persian_digits("1234-5678-9012-3456");
        assert_eq!(TrackingCode::parse(&persian).unwrap().as_str(), "1234567890123456");
        assert_eq!(TrackingCode::parse("1234"), Err(Invalid::Choice));
        assert_eq!(TrackingCode::parse("12345678901234ab"), Err(Invalid::Choice));
    }
}
