//! Decisions on proposals in evaluation: where a proposal stands in its stage, the outcomes a decision may
//! have there, what the stage's gate proposes from the reviews' weighted scores, and the appeal rules.
//!
//! A proposal advanced to the next stage is `in_review` there (the schema's `advanced` is not used: the
//! row moves to the next stage). An overturned appeal returns the proposal to `in_review` in the stage
//! that rejected it, so that stage's gate decides again with the appeal on the record.

use serde::{Deserialize, Serialize};

use super::stages::Gate;
use crate::Invalid;

/// Longest reason of a decision, appeal or answer, in characters.
pub const REASON: usize = 2000;
/// Most proposals decided in one bulk request.
pub const MAX_BULK: usize = 200;

/// Where a proposal stands in its current stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Being reviewed; a decision may be taken.
    InReview,
    /// Rejected in this stage; its applicant may appeal.
    Rejected,
    /// Rejected, with an appeal waiting for its answer.
    Appealed,
    /// Won at the last stage.
    Awarded,
    /// Not awarded at the last stage.
    NotAwarded,
}

impl State {
    pub const ALL: [State; 5] = [State::InReview, State::Rejected, State::Appealed, State::Awarded, State::NotAwarded];

    /// Stable code stored in `proposal_evaluations.state` (Fluent `evaluation-state-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::InReview => "in_review",
            Self::Rejected => "rejected",
            Self::Appealed => "appealed",
            Self::Awarded => "awarded",
            Self::NotAwarded => "not_awarded",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(Invalid::Choice)
    }
}

impl TryFrom<String> for State {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

/// What a decision does to a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// On to the next stage.
    Advance,
    Reject,
    /// Wins, at the last stage.
    Award,
    /// Does not win, at the last stage.
    NoAward,
    /// An appeal overturned the rejection: back to review in the same stage (only an appeal's answer).
    Reinstate,
}

impl Outcome {
    pub const ALL: [Outcome; 5] =
        [Outcome::Advance, Outcome::Reject, Outcome::Award, Outcome::NoAward, Outcome::Reinstate];

    /// Stable code stored in `decisions.outcome`, used by forms, the API and Fluent
    /// (`evaluation-outcome-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Advance => "advance",
            Self::Reject => "reject",
            Self::Award => "award",
            Self::NoAward => "no_award",
            Self::Reinstate => "reinstate",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(Invalid::Choice)
    }

    /// The outcomes staff may choose in a stage: advance or reject before the last, award, no award or
    /// reject at the last.
    pub fn choices(last_stage: bool) -> &'static [Outcome] {
        if last_stage {
            &[Outcome::Award, Outcome::NoAward, Outcome::Reject]
        } else {
            &[Outcome::Advance, Outcome::Reject]
        }
    }

    /// The state this outcome leaves a proposal in (in the next stage for `Advance`), if staff may take it
    /// from `from` in a stage that is (or is not) the last.
    pub fn apply(self, from: State, last_stage: bool) -> Result<State, Refused> {
        if from != State::InReview {
            return Err(Refused::WrongState(from));
        }
        if !Self::choices(last_stage).contains(&self) {
            return Err(Refused::NotHere(self));
        }
        Ok(match self {
            Self::Advance | Self::Reinstate => State::InReview,
            Self::Reject => State::Rejected,
            Self::Award => State::Awarded,
            Self::NoAward => State::NotAwarded,
        })
    }
}

impl TryFrom<String> for Outcome {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}

/// Why a decision was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// Only a proposal in review is decided (an appealed one waits for its appeal's answer).
    #[error("proposal is {0:?}")]
    WrongState(State),
    /// Award and no award only at the last stage, advance only before it.
    #[error("{0:?} does not apply in this stage")]
    NotHere(Outcome),
}

impl Refused {
    /// The form error's code.
    pub fn code(self) -> &'static str {
        match self {
            Self::WrongState(_) => "decision_wrong_state",
            Self::NotHere(_) => "decision_not_here",
        }
    }
}

/// A required reason of at most [`REASON`] characters.
pub fn reason(raw: &str) -> Result<String, Invalid> {
    let s = crate::profile::paragraph(raw, REASON)?;
    if s.is_empty() { Err(Invalid::Required) } else { Ok(s) }
}

/// A proposal's reviews in a stage: the sum of each submitted review's points (`review::points`, the exact
/// form of the weighted score reviewers, staff and the audit see) and how many reviews. Kept as a sum and a
/// count so comparisons stay exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Score {
    pub total: i128,
    pub reviews: i64,
}

impl Score {
    /// The mean points as a percentage of `best`, for display.
    pub fn percent(self, best: i128) -> Option<f64> {
        (self.reviews > 0 && best > 0)
            .then(|| self.total.saturating_mul(100) as f64 / (self.reviews as f64 * best as f64))
    }

    /// Orders two scores by their means, exactly: `a/n` against `b/m` as `a·m` against `b·n`.
    fn cmp_mean(self, other: Score) -> std::cmp::Ordering {
        self.total.saturating_mul(i128::from(other.reviews)).cmp(&other.total.saturating_mul(i128::from(self.reviews)))
    }
}

/// What the gate proposes for one proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Proposed {
    /// Passes the gate.
    Pass,
    /// Tied with the last place a top-N gate lets through: taking every tie would pass more than N, so
    /// staff choose; none is cut silently.
    Tie,
    /// Does not pass.
    Below,
    /// No submitted review yet: the gate says nothing.
    Unscored,
    /// A panel gate proposes nothing: the panel decides each.
    Panel,
}

impl Proposed {
    /// Stable code (Fluent `evaluation-proposed-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Tie => "tie",
            Self::Below => "below",
            Self::Unscored => "unscored",
            Self::Panel => "panel",
        }
    }
}

/// What `gate` proposes for each score (in the same order), `best` being the points of a review at the top
/// of every scale (`review::points`).
pub fn propose(gate: Gate, best: i128, scores: &[Option<Score>]) -> Vec<Proposed> {
    let scored = |s: &Option<Score>| s.filter(|s| s.reviews > 0);
    match gate {
        Gate::Panel => vec![Proposed::Panel; scores.len()],
        Gate::Threshold(percent) => scores
            .iter()
            .map(|s| match scored(s) {
                None => Proposed::Unscored,
                // mean ≥ percent% of best  ⇔  100·total ≥ percent·best·reviews
                Some(s)
                    if s.total.saturating_mul(100)
                        >= i128::from(percent).saturating_mul(best).saturating_mul(i128::from(s.reviews)) =>
                {
                    Proposed::Pass
                }
                Some(_) => Proposed::Below,
            })
            .collect(),
        Gate::TopN(n) => {
            let mut ranked: Vec<Score> = scores.iter().filter_map(scored).collect();
            ranked.sort_by(|a, b| b.cmp_mean(*a));
            let n = usize::try_from(n).unwrap_or(usize::MAX);
            let Some(&last) = ranked.get(n.saturating_sub(1)).or(ranked.last()) else {
                return vec![Proposed::Unscored; scores.len()];
            };
            if ranked.len() <= n {
                return scores
                    .iter()
                    .map(|s| if scored(s).is_some() { Proposed::Pass } else { Proposed::Unscored })
                    .collect();
            }
            let better = ranked.iter().filter(|s| s.cmp_mean(last).is_gt()).count();
            let tied = ranked.iter().filter(|s| s.cmp_mean(last).is_eq()).count();
            let ties_fit = better + tied <= n;
            scores
                .iter()
                .map(|s| match scored(s) {
                    None => Proposed::Unscored,
                    Some(s) if s.cmp_mean(last).is_gt() => Proposed::Pass,
                    Some(s) if s.cmp_mean(last).is_eq() => {
                        if ties_fit {
                            Proposed::Pass
                        } else {
                            Proposed::Tie
                        }
                    }
                    Some(_) => Proposed::Below,
                })
                .collect()
        }
    }
}

/// Whether an appeal filed at `now` against a decision taken at `decided_at` is within `days` days.
pub fn within_appeal(decided_at: i64, days: i64, now: i64) -> bool {
    now <= decided_at.saturating_add(days.saturating_mul(86_400_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(total: i128, reviews: i64) -> Option<Score> {
        Some(Score { total, reviews })
    }

    #[test]
    fn outcomes_apply_only_in_review_and_in_their_stage() {
        assert_eq!(Outcome::Advance.apply(State::InReview, false), Ok(State::InReview));
        assert_eq!(Outcome::Reject.apply(State::InReview, false), Ok(State::Rejected));
        assert_eq!(Outcome::Reject.apply(State::InReview, true), Ok(State::Rejected));
        assert_eq!(Outcome::Award.apply(State::InReview, true), Ok(State::Awarded));
        assert_eq!(Outcome::NoAward.apply(State::InReview, true), Ok(State::NotAwarded));
        assert_eq!(Outcome::Award.apply(State::InReview, false), Err(Refused::NotHere(Outcome::Award)));
        assert_eq!(Outcome::Advance.apply(State::InReview, true), Err(Refused::NotHere(Outcome::Advance)));
        assert_eq!(Outcome::Reinstate.apply(State::InReview, false), Err(Refused::NotHere(Outcome::Reinstate)));
        for from in [State::Rejected, State::Appealed, State::Awarded, State::NotAwarded] {
            assert_eq!(Outcome::Reject.apply(from, false), Err(Refused::WrongState(from)));
        }
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.code()), Ok(o));
        }
        for st in State::ALL {
            assert_eq!(State::parse(st.code()), Ok(st));
        }
    }

    #[test]
    fn a_reason_is_required_and_bounded() {
        assert_eq!(reason("  "), Err(Invalid::Required));
        assert_eq!(reason(&"ا".repeat(REASON + 1)), Err(Invalid::TooLong));
        assert_eq!(reason(" نوآوری کافی ندارد "), Ok("نوآوری کافی ندارد".to_owned()));
    }

    #[test]
    fn the_gate_reads_the_weighted_score_reviewers_see_the_scale_minimum_at_zero() {
        use crate::evaluation::review::{Scored, points, weighted};
        let one = |score| [Scored { score, weight: 100, min: 1, max: 5 }];
        let (lowest, best) = points(&one(1)).unwrap();
        assert_eq!(weighted(&one(1)), Some(0.0));
        let at_min = Score { total: 3 * lowest, reviews: 3 };
        assert_eq!(propose(Gate::Threshold(20), best, &[Some(at_min)]), [Proposed::Below], "0% is not 20%");
        assert_eq!(at_min.percent(best), Some(0.0));
        let (half, _) = points(&one(3)).unwrap();
        let half = Some(Score { total: half, reviews: 1 });
        assert_eq!(propose(Gate::Threshold(50), best, &[half]), [Proposed::Pass], "3 of 1–5 is 50%, the boundary");
        assert_eq!(propose(Gate::Threshold(51), best, &[half]), [Proposed::Below]);
    }

    #[test]
    fn the_threshold_passes_at_the_boundary_exactly() {
        // best 50 per review: 60% is a mean of 30.
        let got = propose(Gate::Threshold(60), 50, &[s(60, 2), s(59, 2), s(90, 3), None, s(31, 1)]);
        assert_eq!(got, [Proposed::Pass, Proposed::Below, Proposed::Pass, Proposed::Unscored, Proposed::Pass]);
        // 1/3 of a point below: 89/3 = 29.67.
        assert_eq!(propose(Gate::Threshold(60), 50, &[s(89, 3)]), [Proposed::Below]);
    }

    #[test]
    fn top_n_shows_ties_at_the_boundary() {
        let scores = [s(40, 1), s(30, 1), s(60, 2), s(10, 1), s(20, 1), None];
        // 40, 30 = 60/2 (tied with 30), 30 → the best two are 40 and the tie of two at 30.
        let got = propose(Gate::TopN(2), 50, &scores);
        assert_eq!(
            got,
            [Proposed::Pass, Proposed::Tie, Proposed::Tie, Proposed::Below, Proposed::Below, Proposed::Unscored]
        );
        // Room for both tied: they pass.
        let got = propose(Gate::TopN(3), 50, &scores);
        assert_eq!(got[..4], [Proposed::Pass, Proposed::Pass, Proposed::Pass, Proposed::Below]);
        // More places than scored proposals: every scored one passes.
        assert_eq!(propose(Gate::TopN(10), 50, &[s(1, 1), None]), [Proposed::Pass, Proposed::Unscored]);
        assert_eq!(propose(Gate::TopN(1), 50, &[None]), [Proposed::Unscored]);
        assert_eq!(propose(Gate::Panel, 50, &[s(50, 1)]), [Proposed::Panel]);
    }

    #[test]
    fn appeals_are_within_the_days_by_the_server_clock() {
        let day = 86_400_000;
        assert!(within_appeal(0, 14, 14 * day));
        assert!(!within_appeal(0, 14, 14 * day + 1));
        assert!(!within_appeal(0, 0, 1));
    }
}
