//! Public questions on a challenge: where a question stands, who sees it, and what moderation may do to it.
//! Answers are public so that no applicant gets a private hint; an unanswered, hidden or merged question is
//! seen only by whoever asked it and by the challenge's sides.

use serde::{Deserialize, Serialize};

use crate::Invalid;

/// Longest question, in characters.
pub const MAX_QUESTION_CHARS: usize = 2000;
/// Longest answer, in characters.
pub const MAX_ANSWER_CHARS: usize = 4000;
/// Most open (unanswered, neither hidden nor merged) questions one account may have on one challenge: the
/// hourly rate limit alone would let one account fill a challenge with thousands.
pub const MAX_OPEN_PER_ASKER: i64 = 5;
/// Questions per page of a challenge's list (page and API alike); pages are numbered from 0.
pub const PAGE_SIZE: u32 = 50;
/// Most earlier questions offered to staff as the original of a duplicate (the oldest open ones; any other
/// is merged through the API by its id).
pub const MAX_MERGE_TARGETS: i64 = 100;
/// Most questions in the sides' unanswered queue (the oldest first; answering one brings in the next).
pub const MAX_WAITING: i64 = 200;

/// Who gave an answer: the owning agency or the innovation center (applicants see the side, not the person).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Agency,
    Center,
}

impl Side {
    pub const ALL: [Side; 2] = [Side::Agency, Side::Center];

    /// Stable code stored in the database (Fluent `question-side-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Agency => "agency",
            Self::Center => "center",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(Invalid::Choice)
    }
}

/// Where a question stands; moderation wins over an answer (a hidden answered question is hidden).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Unanswered,
    Answered,
    /// Hidden by staff, with a reason its asker sees.
    Hidden,
    /// A duplicate pointed at an earlier question.
    Merged,
}

impl State {
    /// The state of a question that is or is not hidden, merged into another, answered.
    pub fn of(hidden: bool, merged: bool, answered: bool) -> Self {
        match (hidden, merged, answered) {
            (true, _, _) => Self::Hidden,
            (_, true, _) => Self::Merged,
            (_, _, true) => Self::Answered,
            _ => Self::Unanswered,
        }
    }

    /// Stable code (the API, Fluent `question-state-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Unanswered => "unanswered",
            Self::Answered => "answered",
            Self::Hidden => "hidden",
            Self::Merged => "merged",
        }
    }

    /// Shown to everyone: answered and not moderated away.
    pub fn is_public(self) -> bool {
        self == Self::Answered
    }
}

/// How a viewer stands to one question.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewer {
    /// An officer of the owning agency, or staff.
    pub side: bool,
    /// Asked it, or asked a duplicate merged into it while it is not hidden (and so is pointed at it).
    pub asker: bool,
}

/// Whether `viewer` sees a question in `state`: the public its answered ones, its asker and the sides all.
pub fn shown(state: State, viewer: Viewer) -> bool {
    viewer.side || viewer.asker || state.is_public()
}

/// Why a moderation step was refused (each a form error code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("the question is hidden")]
    Hidden,
    #[error("the question was merged into another")]
    Merged,
    /// A duplicate with an answer would take its answer out of sight; answer the original instead.
    #[error("the duplicate has an answer")]
    Answered,
    /// The original must be an earlier question of the same challenge.
    #[error("not an earlier question of this challenge")]
    NotEarlier,
    /// The asker has `MAX_OPEN_PER_ASKER` questions waiting on this challenge already.
    #[error("too many open questions on this challenge")]
    TooManyOpen,
}

impl Refused {
    pub fn code(self) -> &'static str {
        match self {
            Self::Hidden => "question_hidden",
            Self::Merged => "question_merged",
            Self::Answered => "question_answered",
            Self::NotEarlier => "question_not_earlier",
            Self::TooManyOpen => "too_many_open_questions",
        }
    }
}

/// A question as the moderation rules need it: its state and its place in the challenge's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed<'a> {
    pub state: State,
    pub challenge: &'a str,
    pub asked_at: i64,
    pub id: &'a str,
}

impl Placed<'_> {
    fn before(&self, other: &Placed<'_>) -> bool {
        (self.asked_at, self.id) < (other.asked_at, other.id)
    }
}

/// The challenge's sides may answer a question (or revise its answer) unless it is hidden or merged.
pub fn check_answer(state: State) -> Result<(), Refused> {
    match state {
        State::Hidden => Err(Refused::Hidden),
        State::Merged => Err(Refused::Merged),
        State::Unanswered | State::Answered => Ok(()),
    }
}

/// Hiding applies once.
pub fn check_hide(state: State) -> Result<(), Refused> {
    if state == State::Hidden { Err(Refused::Hidden) } else { Ok(()) }
}

/// A duplicate may be merged into an earlier question of the same challenge: the duplicate unanswered, the
/// original neither hidden nor itself merged (so a merge never points at something its asker cannot see).
pub fn check_merge(duplicate: &Placed<'_>, original: &Placed<'_>) -> Result<(), Refused> {
    match duplicate.state {
        State::Hidden => return Err(Refused::Hidden),
        State::Merged => return Err(Refused::Merged),
        State::Answered => return Err(Refused::Answered),
        State::Unanswered => {}
    }
    if original.challenge != duplicate.challenge || !original.before(duplicate) {
        return Err(Refused::NotEarlier);
    }
    match original.state {
        State::Hidden => Err(Refused::Hidden),
        State::Merged => Err(Refused::Merged),
        State::Unanswered | State::Answered => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [State; 4] = [State::Unanswered, State::Answered, State::Hidden, State::Merged];

    #[test]
    fn moderation_wins_over_an_answer() {
        assert_eq!(State::of(true, true, true), State::Hidden);
        assert_eq!(State::of(false, true, true), State::Merged);
        assert_eq!(State::of(false, false, true), State::Answered);
        assert_eq!(State::of(false, false, false), State::Unanswered);
    }

    #[test]
    fn the_public_sees_only_answered_questions_askers_and_sides_all() {
        let public = Viewer::default();
        for state in ALL {
            assert_eq!(shown(state, public), state == State::Answered, "{state:?}");
            assert!(shown(state, Viewer { asker: true, side: false }));
            assert!(shown(state, Viewer { asker: false, side: true }));
        }
        let answerable: Vec<State> = ALL.into_iter().filter(|s| check_answer(*s).is_ok()).collect();
        assert_eq!(answerable, [State::Unanswered, State::Answered]);
    }

    #[test]
    fn a_duplicate_merges_only_into_an_earlier_visible_question_of_its_challenge() {
        let q = |state, challenge, asked_at, id| Placed { state, challenge, asked_at, id };
        let original = q(State::Answered, "c", 10, "a");
        assert_eq!(check_merge(&q(State::Unanswered, "c", 20, "b"), &original), Ok(()));
        assert_eq!(check_merge(&q(State::Unanswered, "c", 10, "b"), &original), Ok(()), "same instant, id decides");
        assert_eq!(check_merge(&q(State::Unanswered, "c", 5, "b"), &original), Err(Refused::NotEarlier));
        assert_eq!(check_merge(&original, &original), Err(Refused::Answered));
        assert_eq!(
            check_merge(&q(State::Unanswered, "c", 10, "a"), &q(State::Unanswered, "c", 10, "a")),
            Err(Refused::NotEarlier)
        );
        assert_eq!(check_merge(&q(State::Unanswered, "d", 20, "b"), &original), Err(Refused::NotEarlier));
        assert_eq!(check_merge(&q(State::Answered, "c", 20, "b"), &original), Err(Refused::Answered));
        assert_eq!(check_merge(&q(State::Hidden, "c", 20, "b"), &original), Err(Refused::Hidden));
        assert_eq!(check_merge(&q(State::Merged, "c", 20, "b"), &original), Err(Refused::Merged));
        assert_eq!(
            check_merge(&q(State::Unanswered, "c", 20, "b"), &q(State::Hidden, "c", 1, "a")),
            Err(Refused::Hidden)
        );
        assert_eq!(
            check_merge(&q(State::Unanswered, "c", 20, "b"), &q(State::Merged, "c", 1, "a")),
            Err(Refused::Merged)
        );
        assert_eq!(check_hide(State::Hidden), Err(Refused::Hidden));
        assert_eq!(check_hide(State::Merged), Ok(()));
    }

    #[test]
    fn sides_read_back() {
        for s in Side::ALL {
            assert_eq!(Side::parse(s.code()), Ok(s));
        }
        assert_eq!(Side::parse("reviewer"), Err(Invalid::Choice));
    }
}
