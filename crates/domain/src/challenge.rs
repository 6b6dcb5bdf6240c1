//! Challenges: an agency's problem statement, the template it is written in, and the states it moves through.

use serde::{Deserialize, Serialize};

use crate::Invalid;
use crate::introduction::Reason;

/// Where a challenge stands: written by its agency, reviewed and published by the center, then closed,
/// evaluated and decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being written by the agency; only its officers and staff see it.
    Draft,
    /// Sent to the center for review.
    Submitted,
    /// Sent back to the agency with comments.
    Returned,
    /// Accepted by the center, waiting to be published.
    Approved,
    /// In the public catalogue, open for proposals until its deadline.
    Published,
    /// Public, no longer taking proposals.
    Closed,
    /// Public, proposals being evaluated.
    InEvaluation,
    /// Decided: a proposal won.
    Awarded,
    /// Decided: no proposal won (with a reason).
    NoAward,
    /// Kept for the record, out of the catalogue's default listing.
    Archived,
}

impl Status {
    pub const ALL: [Status; 10] = [
        Status::Draft,
        Status::Submitted,
        Status::Returned,
        Status::Approved,
        Status::Published,
        Status::Closed,
        Status::InEvaluation,
        Status::Awarded,
        Status::NoAward,
        Status::Archived,
    ];

    /// Stable code stored in the database and used in Fluent keys (`challenge-status-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Returned => "returned",
            Self::Approved => "approved",
            Self::Published => "published",
            Self::Closed => "closed",
            Self::InEvaluation => "in_evaluation",
            Self::Awarded => "awarded",
            Self::NoAward => "no_award",
            Self::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(Invalid::Choice)
    }

    /// Shown to everyone (the catalogue, the feed, the index): once published, whatever follows.
    pub fn is_public(self) -> bool {
        matches!(
            self,
            Self::Published | Self::Closed | Self::InEvaluation | Self::Awarded | Self::NoAward | Self::Archived
        )
    }

    /// The statuses a visitor may filter the catalogue by.
    pub fn public() -> impl Iterator<Item = Status> {
        Self::ALL.into_iter().filter(|s| s.is_public())
    }

    /// The agency may still change the text: while writing it, after it came back, and once approved or
    /// published (which sends it back to review).
    pub fn is_editable(self) -> bool {
        matches!(self, Self::Draft | Self::Returned | Self::Approved | Self::Published)
    }

    /// Where an edit leaves the challenge: an approved or published text goes back to review.
    pub fn after_edit(self) -> Status {
        match self {
            Self::Approved | Self::Published => Self::Submitted,
            other => other,
        }
    }
}

/// Which side of a challenge someone acts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Party {
    /// An officer of the agency that owns the challenge.
    Agency,
    /// Innovation-center staff.
    Staff,
}

/// One move of a challenge's lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// The agency sends its draft (or the returned text) to the center.
    Submit,
    /// Staff send it back with comments (a reason is required).
    Return,
    Approve,
    Publish,
    /// No more proposals: staff or the agency.
    Close,
    /// Staff start evaluating the proposals.
    Evaluate,
    Award,
    /// Staff end it without a winner (a reason is required).
    NoAward,
    Archive,
}

impl Step {
    pub const ALL: [Step; 9] = [
        Step::Submit,
        Step::Return,
        Step::Approve,
        Step::Publish,
        Step::Close,
        Step::Evaluate,
        Step::Award,
        Step::NoAward,
        Step::Archive,
    ];

    /// Stable code used in forms, the API, audit actions and Fluent keys (`challenge-step-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Submit => "submit",
            Self::Return => "return",
            Self::Approve => "approve",
            Self::Publish => "publish",
            Self::Close => "close",
            Self::Evaluate => "evaluate",
            Self::Award => "award",
            Self::NoAward => "no_award",
            Self::Archive => "archive",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(Invalid::Choice)
    }

    /// Whether the parties taking this step may: the agency submits, both close, staff do the rest.
    pub fn allowed_to(self, party: Party) -> bool {
        match self {
            Self::Submit => party == Party::Agency,
            Self::Close => true,
            _ => party == Party::Staff,
        }
    }

    /// The step must say why (comments for the agency, or why no proposal won).
    pub fn needs_reason(self) -> bool {
        matches!(self, Self::Return | Self::NoAward)
    }

    /// The status this step leads to from `from`, if it applies there.
    fn target(self, from: Status) -> Option<Status> {
        use Status as S;
        Some(match (self, from) {
            (Self::Submit, S::Draft | S::Returned) => S::Submitted,
            (Self::Return, S::Submitted | S::Approved) => S::Returned,
            (Self::Approve, S::Submitted) => S::Approved,
            (Self::Publish, S::Approved) => S::Published,
            (Self::Close, S::Published) => S::Closed,
            (Self::Evaluate, S::Closed) => S::InEvaluation,
            (Self::Award, S::InEvaluation) => S::Awarded,
            (Self::NoAward, S::InEvaluation) => S::NoAward,
            (Self::Archive, S::Awarded | S::NoAward) => S::Archived,
            _ => return None,
        })
    }
}

/// Why a step was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// This party may never take this step.
    #[error("{0:?} may not take this step")]
    NotYourStep(Party),
    /// The step does not apply to the current status.
    #[error("challenge is {0:?}")]
    WrongState(Status),
}

impl Status {
    /// The one transition rule (see [`Step::target`] and [`Step::allowed_to`]).
    pub fn apply(self, by: Party, step: Step) -> Result<Status, Refused> {
        if !step.allowed_to(by) {
            return Err(Refused::NotYourStep(by));
        }
        step.target(self).ok_or(Refused::WrongState(self))
    }

    /// The steps `party` can take from here, in lifecycle order.
    pub fn steps_for(self, party: Party) -> Vec<Step> {
        Step::ALL.into_iter().filter(|s| self.apply(party, *s).is_ok()).collect()
    }
}

/// The reason given with a step: required for [`Step::needs_reason`], optional otherwise.
pub fn step_reason(step: Step, raw: &str) -> Result<String, Invalid> {
    if step.needs_reason() {
        return Reason::parse(raw).map(|r| r.as_str().to_owned());
    }
    crate::profile::paragraph(raw, Reason::MAX_CHARS)
}

/// How far along the agency expects answers to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Maturity {
    Idea,
    Design,
    Prototype,
    PilotReady,
}

impl Maturity {
    pub const ALL: [Maturity; 4] = [Maturity::Idea, Maturity::Design, Maturity::Prototype, Maturity::PilotReady];

    /// Stable code (Fluent `challenge-maturity-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Idea => "idea",
            Self::Design => "design",
            Self::Prototype => "prototype",
            Self::PilotReady => "pilot_ready",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        match s.trim() {
            "" => Err(Invalid::Required),
            s => Self::ALL.into_iter().find(|v| v.code() == s).ok_or(Invalid::Choice),
        }
    }
}

/// Who may answer a challenge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Eligibility {
    People,
    Organizations,
    Both,
}

impl Eligibility {
    pub const ALL: [Eligibility; 3] = [Eligibility::People, Eligibility::Organizations, Eligibility::Both];

    /// Stable code (Fluent `challenge-eligibility-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::People => "people",
            Self::Organizations => "organizations",
            Self::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        match s.trim() {
            "" => Err(Invalid::Required),
            s => Self::ALL.into_iter().find(|v| v.code() == s).ok_or(Invalid::Choice),
        }
    }

    /// Whether a candidate of this kind may answer.
    pub fn admits(self, kind: crate::introduction::CandidateKind) -> bool {
        use crate::introduction::CandidateKind;
        matches!(
            (self, kind),
            (Self::Both, _)
                | (Self::People, CandidateKind::Person)
                | (Self::Organizations, CandidateKind::Organization)
        )
    }
}

/// A kind of support the agency offers beside the budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Support {
    DataAccess,
    PilotSite,
    Mentoring,
}

impl Support {
    pub const ALL: [Support; 3] = [Support::DataAccess, Support::PilotSite, Support::Mentoring];

    /// Stable code (Fluent `challenge-support-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::DataAccess => "data_access",
            Self::PilotSite => "pilot_site",
            Self::Mentoring => "mentoring",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(Invalid::Choice)
    }

    /// Reads the ticked boxes, each once, in the order of [`Support::ALL`].
    pub fn parse_all(raw: &[String]) -> Result<Vec<Support>, Invalid> {
        let picked =
            raw.iter().filter(|s| !s.trim().is_empty()).map(|s| Self::parse(s)).collect::<Result<Vec<_>, _>>()?;
        Ok(Self::ALL.into_iter().filter(|s| picked.contains(s)).collect())
    }
}

/// A budget bound in million rials: digits in any script, thousands separators allowed, blank for none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Budget(i64);

impl Budget {
    /// The largest amount accepted (a thousand trillion rials).
    pub const MAX: i64 = 1_000_000_000;
    /// Longest typed amount read, in bytes (Persian digits are two bytes each).
    pub const MAX_INPUT_BYTES: usize = 64;

    pub fn parse(s: &str) -> Result<Option<Self>, Invalid> {
        if s.len() > Self::MAX_INPUT_BYTES {
            return Err(Invalid::TooLong);
        }
        let digits: String = crate::text::digits_to_ascii(s.trim())
            .chars()
            .filter(|c| !matches!(c, ',' | '٬' | '،' | ' ' | '_'))
            .collect();
        if digits.is_empty() {
            return Ok(None);
        }
        match digits.parse::<i64>() {
            Ok(n) if (0..=Self::MAX).contains(&n) => Ok(Some(Self(n))),
            _ => Err(Invalid::Budget),
        }
    }

    pub fn from_db(n: i64) -> Self {
        Self(n)
    }

    pub fn amount(self) -> i64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_from_every_status_for_every_party() {
        use Party::*;
        use Status::*;
        for status in Status::ALL {
            for party in [Agency, Staff] {
                for step in Step::ALL {
                    let want = match (step, status, party) {
                        (Step::Submit, Draft | Returned, Agency) => Ok(Submitted),
                        (Step::Return, Submitted | Approved, Staff) => Ok(Returned),
                        (Step::Approve, Submitted, Staff) => Ok(Approved),
                        (Step::Publish, Approved, Staff) => Ok(Published),
                        (Step::Close, Published, _) => Ok(Closed),
                        (Step::Evaluate, Closed, Staff) => Ok(InEvaluation),
                        (Step::Award, InEvaluation, Staff) => Ok(Awarded),
                        (Step::NoAward, InEvaluation, Staff) => Ok(NoAward),
                        (Step::Archive, Awarded | NoAward, Staff) => Ok(Archived),
                        (s, _, p) if !s.allowed_to(p) => Err(Refused::NotYourStep(p)),
                        (_, st, _) => Err(Refused::WrongState(st)),
                    };
                    assert_eq!(status.apply(party, step), want, "{status:?} {party:?} {step:?}");
                }
            }
        }
    }

    #[test]
    fn archived_is_the_end_and_draft_is_never_reached_again() {
        for party in [Party::Agency, Party::Staff] {
            assert!(Status::Archived.steps_for(party).is_empty());
            for status in Status::ALL {
                for step in Step::ALL {
                    assert_ne!(status.apply(party, step), Ok(Status::Draft));
                }
            }
        }
        assert_eq!(Status::Draft.steps_for(Party::Agency), [Step::Submit]);
        assert_eq!(Status::Submitted.steps_for(Party::Staff), [Step::Return, Step::Approve]);
    }

    #[test]
    fn editing_an_approved_or_published_text_sends_it_back_to_review() {
        let editable: Vec<Status> = Status::ALL.into_iter().filter(|s| s.is_editable()).collect();
        assert_eq!(editable, [Status::Draft, Status::Returned, Status::Approved, Status::Published]);
        assert_eq!(Status::Published.after_edit(), Status::Submitted);
        assert_eq!(Status::Approved.after_edit(), Status::Submitted);
        assert_eq!(Status::Returned.after_edit(), Status::Returned);
        assert_eq!(Status::Draft.after_edit(), Status::Draft);
    }

    #[test]
    fn only_published_and_later_are_public() {
        let public: Vec<Status> = Status::public().collect();
        assert_eq!(public[0], Status::Published);
        assert!(!Status::Approved.is_public() && !Status::Submitted.is_public());
        assert!(Status::Archived.is_public());
    }

    #[test]
    fn returning_needs_comments() {
        assert_eq!(step_reason(Step::Return, "  "), Err(Invalid::Required));
        assert_eq!(step_reason(Step::NoAward, ""), Err(Invalid::Required));
        assert_eq!(step_reason(Step::Approve, ""), Ok(String::new()));
        assert_eq!(step_reason(Step::Return, " شاخص موفقیت را عددی کنید "), Ok("شاخص موفقیت را عددی کنید".into()));
        assert_eq!(step_reason(Step::Approve, &"x".repeat(Reason::MAX_CHARS + 1)), Err(Invalid::TooLong));
    }

    #[test]
    fn budgets_read_any_digits_and_separators() {
        assert_eq!(Budget::parse("۱٬۵۰۰"), Ok(Some(Budget(1500))));
        assert_eq!(Budget::parse("2,000"), Ok(Some(Budget(2000))));
        assert_eq!(Budget::parse("  "), Ok(None));
        assert_eq!(Budget::parse("-5"), Err(Invalid::Budget));
        assert_eq!(Budget::parse("دو میلیارد"), Err(Invalid::Budget));
        assert_eq!(Budget::parse("99999999999"), Err(Invalid::Budget));
        assert_eq!(Budget::parse(&"1".repeat(65)), Err(Invalid::TooLong));
    }

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Ok(s));
        }
        for s in Step::ALL {
            assert_eq!(Step::parse(s.code()), Ok(s));
        }
        for m in Maturity::ALL {
            assert_eq!(Maturity::parse(m.code()), Ok(m));
        }
        for e in Eligibility::ALL {
            assert_eq!(Eligibility::parse(e.code()), Ok(e));
        }
        assert_eq!(Maturity::parse(""), Err(Invalid::Required));
        assert_eq!(
            Support::parse_all(&["mentoring".into(), "data_access".into(), "mentoring".into()]),
            Ok(vec![Support::DataAccess, Support::Mentoring])
        );
        assert_eq!(Support::parse_all(&["cash".into()]), Err(Invalid::Choice));
    }
}
