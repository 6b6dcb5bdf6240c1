//! Building tantivy queries from analyzed text, filters and the viewer's visibility.

use tantivy::Term;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use crate::analysis;
use crate::doc::DocKind;
use crate::index::{Fields, weighted_text_fields};

/// Narrowing a search by facets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub kind: Option<DocKind>,
    pub field: Option<String>,
    pub province: Option<String>,
    pub org_kind: Option<String>,
    pub availability: Option<String>,
    pub verified_only: bool,
    /// Document ids left out (e.g. people already introduced for a need).
    pub exclude: Vec<String>,
    /// If not empty, only these document ids (scoring a known set of candidates).
    pub only: Vec<String>,
}

/// Who is searching: the visibilities they may list and their own user id (owners see their own).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Viewer {
    pub visibilities: Vec<String>,
    pub user_id: Option<String>,
}

impl Viewer {
    /// A viewer who sees everything (staff, operator CLI, evaluation).
    pub fn staff() -> Self {
        Self { visibilities: vec!["public".into(), "agencies".into(), "private".into()], user_id: None }
    }
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::Basic))
}

/// The distinct analyzed terms of a text, in first-seen order.
pub fn distinct_terms(text: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    analysis::terms(text).into_iter().filter(|t| seen.insert(t.clone())).collect()
}

/// One term searched in every text field, each with its weight.
fn term_in_text_fields(f: &Fields, t: &str) -> Box<dyn Query> {
    let clauses: Vec<(Occur, Box<dyn Query>)> = weighted_text_fields(f)
        .into_iter()
        .map(|(field, boost, _)| {
            let q = TermQuery::new(Term::from_field_text(field, t), IndexRecordOption::WithFreqs);
            (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)) as Box<dyn Query>)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// A required clause that adds nothing to the score.
fn filter(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

/// Whether every term must match (directory) or any (matching a need).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    All,
    Any,
}

/// The full query: text terms, filters and visibility.
pub fn build(f: &Fields, terms: &[String], combine: Combine, filters: &Filters, viewer: &Viewer) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if terms.is_empty() {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    } else {
        match combine {
            Combine::All => {
                for t in terms {
                    clauses.push((Occur::Must, term_in_text_fields(f, t)));
                }
            }
            Combine::Any => {
                let any: Vec<(Occur, Box<dyn Query>)> =
                    terms.iter().map(|t| (Occur::Should, term_in_text_fields(f, t))).collect();
                clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
            }
        }
    }
    let mut seen: Vec<(Occur, Box<dyn Query>)> =
        viewer.visibilities.iter().map(|v| (Occur::Should, term(f.visibility, v))).collect();
    if let Some(user) = &viewer.user_id {
        seen.push((Occur::Should, term(f.owner, user)));
    }
    clauses.push(filter(Box::new(BooleanQuery::new(seen))));
    let keyword = [
        (f.kind, filters.kind.map(|k| k.code().to_owned())),
        (f.field, filters.field.clone()),
        (f.province, filters.province.clone()),
        (f.org_kind, filters.org_kind.clone()),
        (f.availability, filters.availability.clone()),
    ];
    for (field, value) in keyword {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            clauses.push(filter(term(field, &v)));
        }
    }
    if filters.verified_only {
        clauses.push(filter(Box::new(TermQuery::new(Term::from_field_u64(f.verified, 1), IndexRecordOption::Basic))));
    }
    if !filters.only.is_empty() {
        let any: Vec<(Occur, Box<dyn Query>)> = filters.only.iter().map(|id| (Occur::Should, term(f.id, id))).collect();
        clauses.push(filter(Box::new(BooleanQuery::new(any))));
    }
    for id in &filters.exclude {
        clauses.push((Occur::MustNot, term(f.id, id)));
    }
    Box::new(BooleanQuery::new(clauses))
}
