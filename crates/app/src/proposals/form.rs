//! The proposal form: what the editor sends, the bound of every field, and the two checks it passes: a
//! draft is saved as long as every field is within its bound; a submission needs every part filled.

use halqe_db::proposals::ProposalRow;
use halqe_domain::Invalid;
use halqe_domain::challenge::Budget;
use halqe_domain::profile::{line, paragraph};

use crate::{FormErrors, Result};

/// Longest title, in characters.
pub const TITLE: usize = 200;
/// Longest summary.
pub const SUMMARY: usize = 2000;
/// Longest approach: the body of the proposal.
pub const APPROACH: usize = 8000;
/// Longest timeline.
pub const TIMELINE: usize = 2000;
/// Longest expected results.
pub const RESULTS: usize = 4000;
/// Longest note on conflicts of interest.
pub const CONFLICTS_NOTE: usize = 1000;

/// What the proposal editor sends, as typed.
#[derive(Debug, Clone, Default)]
pub struct ProposalForm {
    pub title: String,
    pub summary: String,
    pub approach: String,
    /// In million rials, any digits; blank for none yet.
    pub budget: String,
    pub timeline: String,
    pub expected_results: String,
    /// "I declare the proposal is our own work."
    pub originality: bool,
    /// "I declare no conflict of interest, or describe it below."
    pub conflicts: bool,
    pub conflicts_note: String,
}

/// A ticked box as forms and JSON send it.
pub fn ticked(raw: &str) -> bool {
    matches!(raw.trim(), "on" | "true" | "1" | "yes")
}

impl ProposalForm {
    /// The form over a stored working copy.
    pub fn from_row(p: &ProposalRow) -> Self {
        Self {
            title: p.title.clone(),
            summary: p.summary.clone(),
            approach: p.approach.clone(),
            budget: p.budget.map(|b| b.to_string()).unwrap_or_default(),
            timeline: p.timeline.clone(),
            expected_results: p.expected_results.clone(),
            originality: p.originality != 0,
            conflicts: p.conflicts != 0,
            conflicts_note: p.conflicts_note.clone(),
        }
    }

    /// Checks every bound, reporting every error at once, and writes the values into `row`. Blank parts
    /// are fine in a draft.
    pub fn apply(&self, row: &mut ProposalRow) -> Result<()> {
        let mut e = FormErrors::default();
        let text =
            |e: &mut FormErrors, field, parsed: Result<String, Invalid>| e.check(field, parsed).unwrap_or_default();
        row.title = text(&mut e, "title", line(&self.title, TITLE));
        row.summary = text(&mut e, "summary", paragraph(&self.summary, SUMMARY));
        row.approach = text(&mut e, "approach", paragraph(&self.approach, APPROACH));
        row.timeline = text(&mut e, "timeline", paragraph(&self.timeline, TIMELINE));
        row.expected_results = text(&mut e, "expected_results", paragraph(&self.expected_results, RESULTS));
        row.conflicts_note = text(&mut e, "conflicts_note", paragraph(&self.conflicts_note, CONFLICTS_NOTE));
        row.budget = e.check("budget", Budget::parse(&self.budget)).flatten().map(Budget::amount);
        row.originality = i64::from(self.originality);
        row.conflicts = i64::from(self.conflicts);
        e.finish()
    }
}

/// The parts a submission needs filled that `row` leaves blank.
pub fn missing(row: &ProposalRow) -> Vec<&'static str> {
    let parts = [
        ("title", row.title.is_empty()),
        ("summary", row.summary.is_empty()),
        ("approach", row.approach.is_empty()),
        ("budget", row.budget.is_none()),
        ("timeline", row.timeline.is_empty()),
        ("expected_results", row.expected_results.is_empty()),
    ];
    parts.into_iter().filter(|(_, blank)| *blank).map(|(f, _)| f).collect()
}
