//! The documented maximum, in characters, of every free-text field of the forms and JSON bodies, in one
//! table: the parsers use the same constants, and the bounded-input sweep (`testing/tests/inputs.rs`) sends
//! each field at its maximum (accepted) and one past it (a localized 422 naming the field).
//!
//! Fields of a fixed shape have their own bound in their parser (`Email::MAX_LEN`, `WebUrl::MAX_LEN`,
//! `Doi::MAX_LEN`, `Keywords::MAX_INPUT_BYTES`, `Year::MAX_INPUT_BYTES`, `calendar::MAX_DATE_INPUT_BYTES`,
//! `NewPassword::MAX_CHARS`, `DisplayName::MAX_CHARS`); whole bodies are bounded by the server's body limit
//! (413).

use crate::calls;
use crate::challenges::{catalogue, form};
use crate::conversations::post;
use crate::introductions::request;
use crate::proposals::{form as proposal, team};
use crate::search::{directory, matching};
use crate::{organizations, people};
use halqe_domain::evaluation::review;
use halqe_domain::question::{MAX_ANSWER_CHARS, MAX_QUESTION_CHARS};

/// Each form (as the sweep names it) with its free-text fields and their maxima.
pub const FORMS: &[(&str, &[(&str, usize)])] = &[
    (
        "profile",
        &[
            ("first_name", people::edit::NAME),
            ("last_name", people::edit::NAME),
            ("name_en", people::SHORT),
            ("city", people::edit::NAME),
            ("institution", people::SHORT),
            ("education_field", people::SHORT),
            ("university", people::SHORT),
            ("bio_fa", people::LONG),
            ("bio_en", people::LONG),
        ],
    ),
    ("publication", &[("title", people::SHORT), ("venue", people::SHORT), ("abstract", people::LONG)]),
    (
        "past_project",
        &[
            ("past_project_title", people::SHORT),
            ("past_project_description", people::LONG),
            ("agency_name", people::SHORT),
        ],
    ),
    (
        "organization",
        &[
            ("name_fa", organizations::form::NAME),
            ("name_en", organizations::form::NAME),
            ("city", organizations::form::NAME),
            ("institution", organizations::form::NAME),
            ("description_fa", organizations::form::TEXT),
            ("description_en", organizations::form::TEXT),
            ("capabilities", organizations::form::TEXT),
            ("products", organizations::form::TEXT),
        ],
    ),
    ("directory", &[("q", directory::MAX_TEXT_CHARS)]),
    ("catalogue", &[("q", catalogue::MAX_TEXT_CHARS)]),
    (
        "challenge",
        &[
            ("title", form::TITLE),
            ("problem", form::LONG),
            ("affected", form::MEDIUM),
            ("evidence", form::LONG),
            ("outcome", form::MEDIUM),
            ("success_measure", form::MEDIUM),
            ("constraints", form::MEDIUM),
            ("support_note", form::SUPPORT_NOTE),
        ],
    ),
    ("call", &[("title", calls::create::TITLE), ("rules", calls::create::RULES)]),
    ("match", &[("need", matching::MAX_TEXT_CHARS)]),
    ("introduction", &[("need", request::MAX_NEED_CHARS), ("note", request::MAX_NOTE_CHARS)]),
    ("message", &[("body", post::MAX_CHARS)]),
    ("question", &[("question", MAX_QUESTION_CHARS)]),
    ("answer", &[("answer", MAX_ANSWER_CHARS)]),
    (
        "proposal",
        &[
            ("title", proposal::TITLE),
            ("summary", proposal::SUMMARY),
            ("approach", proposal::APPROACH),
            ("timeline", proposal::TIMELINE),
            ("expected_results", proposal::RESULTS),
            ("conflicts_note", proposal::CONFLICTS_NOTE),
        ],
    ),
    ("proposal_member", &[("member", team::MEMBER_INPUT)]),
    // A review's criterion comments are `comment_<position>`, each bounded like the first.
    ("review", &[("comment", review::COMMENT), ("comment_1", review::CRITERION_COMMENT)]),
];

/// The free-text fields of `form` with their maxima (empty for a form not in the table).
pub fn of(form: &str) -> &'static [(&'static str, usize)] {
    FORMS.iter().find(|(f, _)| *f == form).map_or(&[], |(_, fields)| fields)
}
