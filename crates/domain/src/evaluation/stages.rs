//! A call's evaluation stages as staff configure them: each with its criteria, how blind its reviews
//! are, and the gate rule that decides who goes on to the next.

use serde::{Deserialize, Serialize};

use crate::Invalid;

/// Most stages one call may have.
pub const MAX_STAGES: usize = 8;
/// Most criteria one stage may have.
pub const MAX_CRITERIA: usize = 12;
/// Longest stage or criterion name, in characters.
pub const NAME: usize = 120;
/// Longest criterion description, in characters.
pub const DESCRIPTION: usize = 1000;
/// Largest weight of one criterion.
pub const MAX_WEIGHT: i64 = 100;
/// Largest top of a scale.
pub const MAX_SCALE: i64 = 100;
/// Most proposals a top-N gate lets through.
pub const MAX_TOP: i64 = 10_000;
/// Most reviewers one proposal may need in a stage.
pub const MAX_REVIEWERS: i64 = 20;
/// Longest period to appeal a rejection, in days.
pub const MAX_APPEAL_DAYS: i64 = 90;
/// The period to appeal a rejection until staff set another (the schema's default).
pub const DEFAULT_APPEAL_DAYS: i64 = 14;

/// How a stage decides who goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gate {
    /// Proposals whose weighted score reaches this percentage of the best possible.
    Threshold(i64),
    /// The N proposals with the best weighted scores.
    TopN(i64),
    /// A panel decides each proposal, with a written reason.
    Panel,
}

impl Gate {
    /// Stable code (Fluent `evaluation-gate-<code>`), stored beside [`Gate::value`].
    pub fn code(self) -> &'static str {
        match self {
            Self::Threshold(_) => "threshold",
            Self::TopN(_) => "top_n",
            Self::Panel => "panel",
        }
    }

    /// The threshold or N; 0 for a panel.
    pub fn value(self) -> i64 {
        match self {
            Self::Threshold(v) | Self::TopN(v) => v,
            Self::Panel => 0,
        }
    }

    /// The gate from its code and value as typed (any digits): a threshold of 1–100%, a top N of 1–10 000.
    pub fn parse(code: &str, value: &str) -> Result<Self, Invalid> {
        let number = || number(value);
        match code.trim() {
            "threshold" => number().filter(|v| (1..=100).contains(v)).map(Self::Threshold).ok_or(Invalid::Number),
            "top_n" => number().filter(|v| (1..=MAX_TOP).contains(v)).map(Self::TopN).ok_or(Invalid::Number),
            "panel" => Ok(Self::Panel),
            _ => Err(Invalid::Choice),
        }
    }
}

/// Who is hidden from whom in a stage's reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Blind {
    /// Applicants do not see who reviewed them; reviewers see who submitted (`review::sees_identity`).
    Single,
    /// Neither side sees the other: nothing identifying the applicant reaches a reviewer.
    Double,
}

impl Blind {
    pub const ALL: [Blind; 2] = [Blind::Single, Blind::Double];

    /// Stable code (Fluent `evaluation-blind-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::Double => "double",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(Invalid::Choice)
    }
}

/// A criterion's weight (1–100) and scale (from 0 or 1 up to at most 100), as typed in any digits.
pub fn weight(raw: &str) -> Result<i64, Invalid> {
    number(raw).filter(|w| (1..=MAX_WEIGHT).contains(w)).ok_or(Invalid::Number)
}

/// A scale from `low` (0 or 1) to `high` (above `low`, at most 100).
pub fn scale(low: &str, high: &str) -> Result<(i64, i64), Invalid> {
    let low = number(low).filter(|l| (0..=1).contains(l)).ok_or(Invalid::Number)?;
    let high = number(high).filter(|h| *h > low && *h <= MAX_SCALE).ok_or(Invalid::Number)?;
    Ok((low, high))
}

/// Reviewers each proposal needs in a stage (1–[`MAX_REVIEWERS`]), in any digits.
pub fn reviewers_per_proposal(raw: &str) -> Result<i64, Invalid> {
    number(raw).filter(|k| (1..=MAX_REVIEWERS).contains(k)).ok_or(Invalid::Number)
}

/// Days to appeal a rejection in a stage (1–[`MAX_APPEAL_DAYS`]), in any digits.
pub fn appeal_days(raw: &str) -> Result<i64, Invalid> {
    number(raw).filter(|d| (1..=MAX_APPEAL_DAYS).contains(d)).ok_or(Invalid::Number)
}

/// A whole number typed in ASCII, Persian or Arabic-Indic digits.
fn number(raw: &str) -> Option<i64> {
    let s = crate::text::digits_to_ascii(raw.trim());
    if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_plan_is_bounded() {
        assert_eq!(reviewers_per_proposal("۳"), Ok(3));
        assert_eq!(reviewers_per_proposal("0"), Err(Invalid::Number));
        assert_eq!(reviewers_per_proposal("21"), Err(Invalid::Number));
        assert_eq!(appeal_days("14"), Ok(14));
        assert_eq!(appeal_days("91"), Err(Invalid::Number));
        assert_eq!(appeal_days(""), Err(Invalid::Number));
    }

    #[test]
    fn gates_parse_within_their_bounds() {
        assert_eq!(Gate::parse("threshold", "۶۰"), Ok(Gate::Threshold(60)));
        assert_eq!(Gate::parse("threshold", "101"), Err(Invalid::Number));
        assert_eq!(Gate::parse("threshold", "0"), Err(Invalid::Number));
        assert_eq!(Gate::parse("top_n", "20"), Ok(Gate::TopN(20)));
        assert_eq!(Gate::parse("top_n", "-3"), Err(Invalid::Number));
        assert_eq!(Gate::parse("top_n", "10001"), Err(Invalid::Number));
        assert_eq!(Gate::parse("panel", "whatever"), Ok(Gate::Panel));
        assert_eq!(Gate::parse("lottery", "1"), Err(Invalid::Choice));
        for g in [Gate::Threshold(60), Gate::TopN(5), Gate::Panel] {
            assert_eq!(Gate::parse(g.code(), &g.value().to_string()), Ok(g));
        }
    }

    #[test]
    fn weights_and_scales_are_bounded() {
        assert_eq!(weight("۳۰"), Ok(30));
        assert_eq!(weight("0"), Err(Invalid::Number));
        assert_eq!(weight("101"), Err(Invalid::Number));
        assert_eq!(weight("3.5"), Err(Invalid::Number));
        assert_eq!(scale("1", "5"), Ok((1, 5)));
        assert_eq!(scale("0", "۱۰"), Ok((0, 10)));
        assert_eq!(scale("2", "5"), Err(Invalid::Number));
        assert_eq!(scale("1", "1"), Err(Invalid::Number));
        assert_eq!(scale("1", "1000"), Err(Invalid::Number));
        assert_eq!(Blind::parse("double"), Ok(Blind::Double));
        assert_eq!(Blind::parse("open"), Err(Invalid::Choice));
    }
}
