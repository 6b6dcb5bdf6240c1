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

/// Every visibility a document can have.
const ALL_VISIBILITIES: [&str; 3] = ["public", "agencies", "private"];

impl Viewer {
    /// A viewer who sees everything (staff, operator CLI, evaluation).
    pub fn staff() -> Self {
        Self { visibilities: ALL_VISIBILITIES.iter().map(|v| (*v).to_owned()).collect(), user_id: None }
    }

    /// Whether the viewer may list every visibility, so a search needs no visibility filter.
    pub fn sees_all(&self) -> bool {
        ALL_VISIBILITIES.iter().all(|v| self.visibilities.iter().any(|x| x == v))
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

/// One term in every text field, each with its weight, as optional clauses.
fn weighted_term(f: &Fields, t: &str) -> impl Iterator<Item = (Occur, Box<dyn Query>)> {
    weighted_text_fields(f).into_iter().map(move |(field, boost, _)| {
        let q = TermQuery::new(Term::from_field_text(field, t), IndexRecordOption::WithFreqs);
        (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)) as Box<dyn Query>)
    })
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
                    clauses.push((Occur::Must, Box::new(BooleanQuery::new(weighted_term(f, t).collect()))));
                }
            }
            Combine::Any => {
                // One flat union of (term, field) clauses: the same sum of scores as nesting per term,
                // merged in one pass. It stays a required clause: alone, tantivy would run block-max
                // WAND over it, which re-sorts ~100 posting lists per candidate and is slower here.
                let any = terms.iter().flat_map(|t| weighted_term(f, t)).collect();
                clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
            }
        }
    }
    if !viewer.sees_all() {
        let mut seen: Vec<(Occur, Box<dyn Query>)> =
            viewer.visibilities.iter().map(|v| (Occur::Should, term(f.visibility, v))).collect();
        if let Some(user) = &viewer.user_id {
            seen.push((Occur::Should, term(f.owner, user)));
        }
        clauses.push(filter(Box::new(BooleanQuery::new(seen))));
    }
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
    // Without a kind, the registry is searched: challenges are found only when asked for.
    if filters.kind.is_none() {
        clauses.push((Occur::MustNot, term(f.kind, DocKind::Challenge.code())));
    }
    for id in &filters.exclude {
        clauses.push((Occur::MustNot, term(f.id, id)));
    }
    Box::new(BooleanQuery::new(clauses))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::DirectoryQuery;
    use crate::matching::{Need, Weights};
    use crate::{IndexDoc, SearchIndex};

    fn index() -> SearchIndex {
        let doc = |id: &str, visibility: &str, owner: &str, bio: &str| IndexDoc {
            id: id.into(),
            visibility: visibility.into(),
            owners: vec![owner.into()],
            name: id.into(),
            bio: bio.into(),
            ..IndexDoc::default()
        };
        let index = SearchIndex::in_memory().unwrap();
        index
            .upsert(&[
                doc("pub", "public", "u1", "سامانه‌های استخدامی"),
                doc("agc", "agencies", "u2", "سامانه آزمون"),
                doc("prv", "private", "u3", "آزمون استخدامي"),
            ])
            .unwrap();
        index.commit().unwrap();
        index
    }

    fn ids(index: &SearchIndex, text: &str, viewer: Viewer) -> Vec<String> {
        let q = DirectoryQuery { text: text.into(), viewer, limit: 10, ..DirectoryQuery::default() };
        let mut ids: Vec<String> = index.directory(&q).unwrap().hits.into_iter().map(|h| h.doc.id).collect();
        ids.sort();
        ids
    }

    #[test]
    fn staff_see_every_visibility_and_others_what_they_may() {
        let index = index();
        assert!(Viewer::staff().sees_all());
        assert_eq!(ids(&index, "سامانه", Viewer::staff()), ["agc", "pub"]);
        assert_eq!(ids(&index, "", Viewer::staff()), ["agc", "prv", "pub"]);
        let public = Viewer { visibilities: vec!["public".into()], user_id: None };
        assert!(!public.sees_all());
        assert_eq!(ids(&index, "سامانه", public.clone()), ["pub"]);
        assert_eq!(ids(&index, "", public), ["pub"]);
        let officer = Viewer { visibilities: vec!["public".into(), "agencies".into()], user_id: Some("u3".into()) };
        assert!(!officer.sees_all());
        assert_eq!(ids(&index, "آزمون", officer), ["agc", "prv"]);
    }

    #[test]
    fn challenges_are_found_only_when_asked_for() {
        let index = index();
        let challenge = IndexDoc {
            id: "chl".into(),
            kind: Some(DocKind::Challenge),
            visibility: "public".into(),
            name: "سامانه نوبت‌دهی".into(),
            province: "tehran".into(),
            provinces: vec!["fars".into()],
            ..IndexDoc::default()
        };
        index.upsert(&[challenge]).unwrap();
        index.commit().unwrap();
        assert_eq!(ids(&index, "سامانه", Viewer::staff()), ["agc", "pub"], "the directory keeps to the registry");
        let need = Need { text: "سامانه".into(), viewer: Viewer::staff(), ..Need::default() };
        let matched = index.match_need(&need, 10, &Weights::default()).unwrap();
        assert!(matched.iter().all(|m| m.doc.id != "chl"), "the matcher too");
        let asked = |province: Option<&str>| {
            let filters =
                Filters { kind: Some(DocKind::Challenge), province: province.map(str::to_owned), ..Filters::default() };
            let q = DirectoryQuery {
                text: "سامانه".into(),
                filters,
                viewer: Viewer::staff(),
                limit: 10,
                ..DirectoryQuery::default()
            };
            index.directory(&q).unwrap().hits.into_iter().map(|h| h.doc.id).collect::<Vec<_>>()
        };
        assert_eq!(asked(None), ["chl"]);
        assert_eq!(asked(Some("fars")), ["chl"], "every province of the document is a facet value");
        assert!(asked(Some("gilan")).is_empty());
    }

    #[test]
    fn all_needs_every_word_and_any_ranks_by_how_many_match() {
        let index = index();
        assert_eq!(ids(&index, "سامانه استخدامی", Viewer::staff()), ["pub"]);
        let need = Need { text: "سامانه استخدامی".into(), viewer: Viewer::staff(), ..Need::default() };
        let ranked: Vec<String> =
            index.match_need(&need, 10, &Weights::default()).unwrap().into_iter().map(|m| m.doc.id).collect();
        assert_eq!(ranked.len(), 3);
        assert_eq!(ranked[0], "pub");
        let public = Need { viewer: Viewer { visibilities: vec!["public".into()], user_id: None }, ..need };
        assert_eq!(index.match_need(&public, 10, &Weights::default()).unwrap().len(), 1);
    }
}
