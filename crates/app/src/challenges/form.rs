//! The challenge template: what the editor sends, the bound of every field, and the rules it must pass.

use halqe_db::challenges::ChallengeRow;
use halqe_domain::Invalid;
use halqe_domain::calendar;
use halqe_domain::challenge::{Budget, Eligibility, Maturity, Support};
use halqe_domain::locale::Locale;
use halqe_domain::profile::{paragraph, required_line};
use halqe_domain::province::Province;

use super::view::ChallengeView;
use crate::fields::Taxonomy;
use crate::{DAY_MS, FormErrors, Result};

/// Longest title, in characters.
pub const TITLE: usize = 200;
/// Longest problem statement and evidence, in characters.
pub const LONG: usize = 4000;
/// Longest of the other paragraphs (whom it affects, outcome, success measure, constraints).
pub const MEDIUM: usize = 2000;
/// Longest note on the support offered.
pub const SUPPORT_NOTE: usize = 1000;
/// Most taxonomy fields one challenge names.
pub const MAX_FIELDS: usize = 5;

/// What the challenge editor sends, as typed.
#[derive(Debug, Clone, Default)]
pub struct ChallengeForm {
    pub title: String,
    /// The problem today.
    pub problem: String,
    /// Whom it affects.
    pub affected: String,
    /// Evidence and current figures.
    pub evidence: String,
    /// The desired outcome.
    pub outcome: String,
    /// How success will be measured.
    pub success_measure: String,
    /// Legal, data and systems constraints.
    pub constraints: String,
    /// Taxonomy field ids.
    pub fields: Vec<String>,
    pub maturity: String,
    /// In million rials, any digits; blank for none.
    pub budget_min: String,
    pub budget_max: String,
    /// Support codes ticked.
    pub support: Vec<String>,
    pub support_note: String,
    /// The submission deadline's day, Solar Hijri (`۱۴۰۵/۰۳/۱۵`) or Gregorian, in any digits.
    pub deadline: String,
    pub eligibility: String,
    /// Province codes; none means every province.
    pub provinces: Vec<String>,
}

/// The template's fields once every rule passed, as they are stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    pub title: String,
    pub problem: String,
    pub affected: String,
    pub evidence: String,
    pub outcome: String,
    pub success_measure: String,
    pub constraints_text: String,
    pub fields: Vec<String>,
    pub maturity: Maturity,
    pub budget_min: Option<i64>,
    pub budget_max: Option<i64>,
    pub support: Vec<Support>,
    pub support_note: String,
    /// The instant submissions end: the end of the deadline's day in Tehran.
    pub deadline_at: i64,
    pub eligibility: Eligibility,
    pub provinces: Vec<Province>,
}

fn json<T: AsRef<str>>(codes: impl IntoIterator<Item = T>) -> String {
    let list: Vec<String> = codes.into_iter().map(|c| c.as_ref().to_owned()).collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".into())
}

/// A stored JSON list of codes (an unreadable one is empty).
pub(crate) fn codes(stored: &str) -> Vec<String> {
    serde_json::from_str(stored).unwrap_or_default()
}

impl ChallengeForm {
    /// A blank form: both kinds of applicant eligible.
    pub fn blank() -> Self {
        Self { eligibility: Eligibility::Both.code().to_owned(), ..Self::default() }
    }

    /// The form filled from a challenge, the deadline's day in the calendar of `locale`.
    pub fn from_view(c: &ChallengeView, locale: Locale) -> Self {
        let amount = |b: Option<i64>| b.map(|n| n.to_string()).unwrap_or_default();
        Self {
            title: c.title.clone(),
            problem: c.problem.clone(),
            affected: c.affected.clone(),
            evidence: c.evidence.clone(),
            outcome: c.outcome.clone(),
            success_measure: c.success_measure.clone(),
            constraints: c.constraints.clone(),
            fields: c.fields.iter().map(|f| f.id.clone()).collect(),
            maturity: c.maturity.code().to_owned(),
            budget_min: amount(c.budget_min),
            budget_max: amount(c.budget_max),
            support: c.support.iter().map(|s| s.code().to_owned()).collect(),
            support_note: c.support_note.clone(),
            deadline: calendar::date_input(c.deadline_at - 1, locale),
            eligibility: c.eligibility.code().to_owned(),
            provinces: c.provinces.iter().map(|p| p.code().to_owned()).collect(),
        }
    }

    /// Checks every field, reporting every error at once; the deadline's day must not have passed at `now`.
    pub fn validate(&self, taxonomy: &Taxonomy, now: i64) -> Result<Content> {
        let mut e = FormErrors::default();
        let req = |raw: &str, max| -> Result<String, Invalid> {
            let s = paragraph(raw, max)?;
            if s.is_empty() { Err(Invalid::Required) } else { Ok(s) }
        };
        let title = e.check("title", required_line(&self.title, TITLE)).unwrap_or_default();
        let problem = e.check("problem", req(&self.problem, LONG)).unwrap_or_default();
        let affected = e.check("affected", req(&self.affected, MEDIUM)).unwrap_or_default();
        let evidence = e.check("evidence", paragraph(&self.evidence, LONG)).unwrap_or_default();
        let outcome = e.check("outcome", req(&self.outcome, MEDIUM)).unwrap_or_default();
        let success_measure = e.check("success_measure", req(&self.success_measure, MEDIUM)).unwrap_or_default();
        let constraints_text = e.check("constraints", paragraph(&self.constraints, MEDIUM)).unwrap_or_default();
        let fields = e.check("fields", parse_fields(taxonomy, &self.fields)).unwrap_or_default();
        let maturity = e.check("maturity", Maturity::parse(&self.maturity));
        let budget_min = e.check("budget_min", Budget::parse(&self.budget_min)).flatten();
        let budget_max = e.check("budget_max", Budget::parse(&self.budget_max)).flatten();
        if let (Some(lo), Some(hi)) = (budget_min, budget_max)
            && lo > hi
        {
            e.add("budget_max", "budget_range");
        }
        let support = e.check("support", Support::parse_all(&self.support)).unwrap_or_default();
        let support_note = e.check("support_note", paragraph(&self.support_note, SUPPORT_NOTE)).unwrap_or_default();
        let deadline_at = match calendar::parse_date(&self.deadline) {
            Ok(day) if day + DAY_MS <= now => {
                e.add("deadline", "deadline_past");
                None
            }
            Ok(day) => Some(day + DAY_MS),
            Err(err) => {
                e.add("deadline", err.code());
                None
            }
        };
        let eligibility = e.check("eligibility", Eligibility::parse(&self.eligibility));
        let provinces = e.check("provinces", parse_provinces(&self.provinces)).unwrap_or_default();
        e.finish()?;
        let (Some(maturity), Some(deadline_at), Some(eligibility)) = (maturity, deadline_at, eligibility) else {
            return Err(crate::Error::Internal("a checked field has no value".into()));
        };
        Ok(Content {
            title,
            problem,
            affected,
            evidence,
            outcome,
            success_measure,
            constraints_text,
            fields,
            maturity,
            budget_min: budget_min.map(Budget::amount),
            budget_max: budget_max.map(Budget::amount),
            support,
            support_note,
            deadline_at,
            eligibility,
            provinces,
        })
    }
}

/// Known taxonomy ids, each once, at most [`MAX_FIELDS`].
fn parse_fields(taxonomy: &Taxonomy, raw: &[String]) -> Result<Vec<String>, Invalid> {
    let mut out: Vec<String> = Vec::new();
    for id in raw.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let field = taxonomy.get(id).ok_or(Invalid::Choice)?;
        if !out.contains(&field.id) {
            if out.len() == MAX_FIELDS {
                return Err(Invalid::TooMany);
            }
            out.push(field.id.clone());
        }
    }
    Ok(out)
}

/// Province codes, each once, in the order of [`Province::ALL`].
fn parse_provinces(raw: &[String]) -> Result<Vec<Province>, Invalid> {
    let picked = raw
        .iter()
        .filter(|s| !s.trim().is_empty())
        .take(Province::ALL.len() * 2)
        .map(|s| Province::parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Province::ALL.into_iter().filter(|p| picked.contains(p)).collect())
}

impl Content {
    /// Writes these fields over `row`.
    pub(crate) fn apply(&self, row: &mut ChallengeRow) {
        row.title = self.title.clone();
        row.problem = self.problem.clone();
        row.affected = self.affected.clone();
        row.evidence = self.evidence.clone();
        row.outcome = self.outcome.clone();
        row.success_measure = self.success_measure.clone();
        row.constraints_text = self.constraints_text.clone();
        row.fields = json(&self.fields);
        row.maturity = self.maturity;
        row.budget_min = self.budget_min;
        row.budget_max = self.budget_max;
        row.support = json(self.support.iter().map(|s| s.code()));
        row.support_note = self.support_note.clone();
        row.deadline_at = self.deadline_at;
        row.eligibility = self.eligibility;
        row.provinces = json(self.provinces.iter().map(|p| p.code()));
    }
}

/// The template fields an edit changed from `before` to `after`, each with its former value: what an
/// event records so a published text's changes can be told.
pub(crate) fn changes(before: &ChallengeRow, after: &ChallengeRow) -> Vec<serde_json::Value> {
    let amount = |b: Option<i64>| b.map(|n| n.to_string()).unwrap_or_default();
    let pairs: [(&str, String, String); 16] = [
        ("title", before.title.clone(), after.title.clone()),
        ("problem", before.problem.clone(), after.problem.clone()),
        ("affected", before.affected.clone(), after.affected.clone()),
        ("evidence", before.evidence.clone(), after.evidence.clone()),
        ("outcome", before.outcome.clone(), after.outcome.clone()),
        ("success_measure", before.success_measure.clone(), after.success_measure.clone()),
        ("constraints", before.constraints_text.clone(), after.constraints_text.clone()),
        ("fields", before.fields.clone(), after.fields.clone()),
        ("maturity", before.maturity.code().into(), after.maturity.code().into()),
        ("budget_min", amount(before.budget_min), amount(after.budget_min)),
        ("budget_max", amount(before.budget_max), amount(after.budget_max)),
        ("support", before.support.clone(), after.support.clone()),
        ("support_note", before.support_note.clone(), after.support_note.clone()),
        ("deadline", before.deadline_at.to_string(), after.deadline_at.to_string()),
        ("eligibility", before.eligibility.code().into(), after.eligibility.code().into()),
        ("provinces", before.provinces.clone(), after.provinces.clone()),
    ];
    pairs
        .into_iter()
        .filter(|(_, b, a)| b != a)
        .map(|(field, b, _)| serde_json::json!({ "field": field, "before": b }))
        .collect()
}
