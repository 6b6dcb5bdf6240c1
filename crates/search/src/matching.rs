//! Matching a need to people and organizations, with every score explained.
//!
//! Candidates come from the index (any need term, BM25 over weighted fields) and, when the need has a
//! vector, from the nearest-neighbour index ([`crate::meaning`]); each is then scored by
//! signals in [0, 1] — text similarity (TF-IDF cosine against the whole profile and against its best
//! publications, so scores compare across needs), taxonomy overlap, verified track record (scaled by
//! the text or semantic similarity, so a record alone never lifts a profile over one that answers the
//! need better), and semantic similarity where the need and the profile have embeddings ([`crate::semantic`]) — combined
//! by fixed weights. Each result carries each signal's share.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, DefaultHasher};
use std::sync::{PoisonError, RwLock};

use tantivy::collector::TopDocs;
use tantivy::schema::Field;
use tantivy::{Searcher, TantivyDocument, Term};

use crate::analysis;
use crate::doc::IndexDoc;
use crate::index::{Result, SearchIndex, weighted_text_fields};
use crate::query::{self, Combine, Filters, Viewer};
use crate::semantic::{self, mean_of_best};
use crate::surface::{self, MatchedTerm};

/// A need to match: free text, optional taxonomy fields, filters, the viewer.
#[derive(Debug, Clone, Default)]
pub struct Need {
    pub text: String,
    pub fields: Vec<String>,
    pub filters: Filters,
    pub viewer: Viewer,
    /// The text's embedding in "query: " mode; empty without an embedder (no semantic signal).
    pub vector: Vec<f32>,
}

/// One signal's part in a score.
#[derive(Debug, Clone, PartialEq)]
pub struct Signal {
    pub name: &'static str,
    /// The signal itself, in [0, 1].
    pub value: f32,
    pub weight: f32,
    /// `value × weight / total weight`: what it adds to the score.
    pub contribution: f32,
    /// Fraction of the score it explains.
    pub share: f32,
}

/// A ranked candidate and why.
#[derive(Debug, Clone)]
pub struct Match {
    pub doc: IndexDoc,
    pub score: f32,
    pub signals: Vec<Signal>,
    /// Terms the need and the profile share, as each writes them, the need's weightiest first.
    pub matched_terms: Vec<MatchedTerm>,
    /// Profile parts (name, skills, bio, publications, past projects, capabilities) where need terms occur.
    pub matched_fields: Vec<&'static str>,
    /// Publication titles closest to the need, best first.
    pub matched_publications: Vec<(String, f32)>,
    /// Taxonomy fields shared with the need.
    pub shared_fields: Vec<String>,
    /// Found only by meaning (the need's nearest neighbours), not by any of its words.
    pub by_meaning: bool,
}

/// How much each signal weighs; semantic only counts where embeddings are present. Semantic similarity
/// weighs 1.5 times lexical text similarity: the largest weight tried that raised Persian retrieval without
/// costing expertise on the training splits, and better on the held-out ones (docs/benchmarks.md,
/// "Semantic weight chosen on training splits").
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    pub text: f32,
    pub taxonomy: f32,
    pub track_record: f32,
    pub semantic: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Self { text: 0.6, taxonomy: 0.2, track_record: 0.2, semantic: 0.9 }
    }
}

/// A sparse TF-IDF vector, L2-normalized, over borrowed terms. Its hasher has fixed keys: norms and
/// cosines sum floats in iteration order, and a per-process random order made near-equal scores swap
/// places between runs (an evaluation moved in its fourth decimal).
type Vector<'t> = HashMap<&'t str, f32, BuildHasherDefault<DefaultHasher>>;

/// Entries the IDF cache holds before it starts over (memory stays bounded on large vocabularies).
const IDF_CACHE_MAX: usize = 1 << 20;

/// How many of a need's nearest neighbours are candidates besides those its words find (at least `top`).
const MEANING_POOL: usize = 20;

/// IDF values shared by every need on one searcher generation; a reload starts it afresh.
#[derive(Debug, Default)]
pub(crate) struct IdfCache(RwLock<(u64, HashMap<String, f32>)>);

impl IdfCache {
    fn get(&self, generation: u64, term: &str) -> Option<f32> {
        let guard = self.0.read().unwrap_or_else(PoisonError::into_inner);
        if guard.0 == generation { guard.1.get(term).copied() } else { None }
    }

    fn put(&self, generation: u64, term: &str, idf: f32) {
        let mut guard = self.0.write().unwrap_or_else(PoisonError::into_inner);
        if guard.0 != generation || guard.1.len() >= IDF_CACHE_MAX {
            *guard = (generation, HashMap::new());
        }
        guard.1.insert(term.to_owned(), idf);
    }
}

/// Document frequencies of one searcher, through the index's cache.
struct Idf<'a> {
    searcher: &'a Searcher,
    fields: Vec<Field>,
    n: f32,
    cache: &'a IdfCache,
    generation: u64,
}

impl Idf<'_> {
    fn idf(&self, term: &str) -> f32 {
        if let Some(v) = self.cache.get(self.generation, term) {
            return v;
        }
        let df: u64 = self
            .fields
            .iter()
            .map(|f| self.searcher.doc_freq(&Term::from_field_text(*f, term)).unwrap_or(0))
            .max()
            .unwrap_or(0);
        let v = ((self.n + 1.0) / (df as f32 + 1.0)).ln() + 1.0;
        self.cache.put(self.generation, term, v);
        v
    }

    /// Sublinear TF × IDF, normalized.
    fn vector<'t>(&self, terms: impl IntoIterator<Item = &'t str>) -> Vector<'t> {
        self.weighted(terms.into_iter().map(|t| (t, 1.0)))
    }

    /// Like [`Idf::vector`], each occurrence counting its weight; a term met less than once in total
    /// (only in old publications) keeps its fractional count, so the sublinear curve stays continuous.
    fn weighted<'t>(&self, terms: impl IntoIterator<Item = (&'t str, f32)>) -> Vector<'t> {
        let mut v: Vector<'t> = Vector::default();
        for (t, w) in terms {
            *v.entry(t).or_default() += w;
        }
        for (t, x) in v.iter_mut() {
            *x = (if *x >= 1.0 { 1.0 + x.ln() } else { *x }) * self.idf(t);
        }
        let norm = v.values().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.values_mut().for_each(|x| *x /= norm);
        }
        v
    }
}

fn cosine(a: &Vector<'_>, b: &Vector<'_>) -> f32 {
    if a.len() <= b.len() {
        a.iter().filter_map(|(t, x)| b.get(*t).map(|y| x * y)).sum()
    } else {
        b.iter().filter_map(|(t, x)| a.get(*t).map(|y| x * y)).sum()
    }
}

/// A candidate's text fields, each analyzed once and reused by every signal and explanation.
struct Analyzed {
    name: Vec<analysis::Term>,
    skills: Vec<analysis::Term>,
    bio: Vec<analysis::Term>,
    past_projects: Vec<analysis::Term>,
    capabilities: Vec<analysis::Term>,
    /// Title and text of each publication.
    publications: Vec<[Vec<analysis::Term>; 2]>,
}

impl Analyzed {
    fn of(doc: &IndexDoc) -> Self {
        let publications =
            doc.publications.iter().map(|p| [analysis::analyze(&p.title), analysis::analyze(&p.text)]).collect();
        Self {
            name: analysis::analyze(&format!("{} {}", doc.name, doc.name_en)),
            skills: analysis::analyze(&doc.skills),
            bio: analysis::analyze(&doc.bio),
            past_projects: analysis::analyze(&doc.past_projects),
            capabilities: analysis::analyze(&doc.capabilities),
            publications,
        }
    }

    /// The terms of one publication, title first.
    fn publication(p: &[Vec<analysis::Term>; 2]) -> impl Iterator<Item = &str> {
        p.iter().flatten().map(|t| t.text.as_str())
    }

    /// Profile text as one bag of weighted terms (name excluded: names say nothing of expertise); a
    /// publication's terms count by its `recency` weight, as in the semantic signal.
    fn profile<'a>(&'a self, recency: &'a [f32]) -> impl Iterator<Item = (&'a str, f32)> {
        let summary = [&self.skills, &self.bio, &self.past_projects, &self.capabilities].into_iter().flatten();
        let publications =
            self.publications.iter().zip(recency).flat_map(|(p, w)| Self::publication(p).map(move |t| (t, *w)));
        summary.map(|t| (t.text.as_str(), 1.0)).chain(publications)
    }

    /// The profile's terms with the words they were written as, in the order of [`Analyzed::profile`].
    fn written<'a>(&'a self, doc: &'a IndexDoc) -> impl Iterator<Item = (&'a str, &'a str)> {
        let summary = [
            (doc.skills.as_str(), &self.skills),
            (&doc.bio, &self.bio),
            (&doc.past_projects, &self.past_projects),
            (&doc.capabilities, &self.capabilities),
        ];
        let publications = doc
            .publications
            .iter()
            .zip(&self.publications)
            .flat_map(|(p, [title, text])| [(&p.title, title), (&p.text, text)]);
        summary
            .into_iter()
            .chain(publications.map(|(text, terms)| (text.as_str(), terms)))
            .flat_map(|(text, terms)| surface::written(text, terms))
    }

    /// The terms of a searched field, by its name in [`weighted_text_fields`].
    fn field(&self, name: &str) -> Vec<&Vec<analysis::Term>> {
        match name {
            "name" => vec![&self.name],
            "skills" => vec![&self.skills],
            "bio" => vec![&self.bio],
            "past_projects" => vec![&self.past_projects],
            "capabilities" => vec![&self.capabilities],
            "publications" => self.publications.iter().flatten().collect(),
            _ => Vec::new(),
        }
    }
}

/// Track record in [0, 1]: verified status and past government work, with diminishing returns (the
/// matcher scales it by how well the profile answers the need).
fn track_signal(doc: &IndexDoc) -> f32 {
    let projects = ((1.0 + doc.track_record as f32).ln() / 6f32.ln()).min(1.0);
    0.3 * f32::from(u8::from(doc.verified)) + 0.7 * projects
}

/// Share of the need's fields the candidate covers (a primary-field hit counts one and a half).
fn taxonomy_signal(need: &[String], doc: &IndexDoc) -> (f32, Vec<String>) {
    if need.is_empty() {
        return (0.0, Vec::new());
    }
    let shared: Vec<String> = need.iter().filter(|f| doc.fields.contains(f)).cloned().collect();
    let primary_bonus = doc.fields.first().is_some_and(|p| need.contains(p));
    let value = (shared.len() as f32 + if primary_bonus { 0.5 } else { 0.0 }) / need.len() as f32;
    (value.min(1.0), shared)
}

impl SearchIndex {
    /// Ranks candidates for a need; `top` results, each with its explanation.
    pub fn match_need(&self, need: &Need, top: usize, weights: &Weights) -> Result<Vec<Match>> {
        let searcher = self.reader.searcher();
        let need_terms_all = analysis::analyze(&need.text);
        let need_forms = surface::first_forms(surface::written(&need.text, &need_terms_all));
        let distinct = query::distinct_terms(&need.text);
        let query = query::build(&self.fields, &distinct, Combine::Any, &need.filters, &need.viewer);
        let pool = (top.saturating_mul(4)).max(100);
        let lexical: Vec<tantivy::DocAddress> = if distinct.is_empty() && need.fields.is_empty() {
            Vec::new()
        } else {
            searcher.search(&query, &TopDocs::with_limit(pool).order_by_score())?.into_iter().map(|(_, a)| a).collect()
        };
        let meaning = self.by_meaning(&searcher, &need.vector, &need.filters, &need.viewer, top.max(MEANING_POOL))?;
        let mut candidates: Vec<(tantivy::DocAddress, bool)> = lexical.iter().map(|a| (*a, false)).collect();
        candidates.extend(meaning.into_iter().filter(|a| !lexical.contains(a)).map(|a| (a, true)));
        let text_fields: Vec<Field> = weighted_text_fields(&self.fields).iter().map(|(f, _, _)| *f).collect();
        let idf = Idf {
            searcher: &searcher,
            fields: text_fields,
            n: searcher.num_docs().max(1) as f32,
            cache: &self.idf,
            generation: searcher.generation().generation_id(),
        };
        let need_vec = idf.vector(need_terms_all.iter().map(|t| t.text.as_str()));

        let mut out = Vec::with_capacity(candidates.len());
        for (address, by_meaning) in candidates {
            let stored: TantivyDocument = searcher.doc(address)?;
            let doc = self.source(&stored)?;
            out.push(Match { by_meaning, ..self.explain(&idf, (&need_vec, &need_forms), need, doc, weights) });
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.doc.id.cmp(&b.doc.id)));
        out.truncate(top);
        Ok(out)
    }

    /// Scores and explains one candidate against the need's vector and its terms' first written forms.
    fn explain(
        &self,
        idf: &Idf<'_>,
        (need_vec, need_forms): (&Vector<'_>, &HashMap<&str, &str>),
        need: &Need,
        doc: IndexDoc,
        weights: &Weights,
    ) -> Match {
        let analyzed = Analyzed::of(&doc);
        let recency = semantic::recency(&doc.publications);
        let profile_vec = idf.weighted(analyzed.profile(&recency));
        let profile_sim = cosine(need_vec, &profile_vec);
        let mut pubs: Vec<(String, f32)> = doc
            .publications
            .iter()
            .zip(&analyzed.publications)
            .map(|(p, t)| (p.title.clone(), cosine(need_vec, &idf.vector(Analyzed::publication(t)))))
            .collect();
        pubs.sort_by(|a, b| b.1.total_cmp(&a.1));
        let text = match mean_of_best(pubs.iter().map(|p| p.1).collect()) {
            Some(pub_sim) => 0.5 * profile_sim + 0.5 * pub_sim,
            None => profile_sim,
        };

        let (taxonomy, shared_fields) = taxonomy_signal(&need.fields, &doc);
        let sem = semantic::signal(&need.vector, &doc);
        // A record counts as far as the profile answers the need: past projects and a badge alone must not
        // lift a long profile over a short one that covers the need (issue 9, tests/short_profiles.rs).
        let track = track_signal(&doc) * text.max(sem.unwrap_or(0.0)).clamp(0.0, 1.0);
        let mut parts = vec![
            ("text", text, weights.text),
            ("taxonomy", taxonomy, if need.fields.is_empty() { 0.0 } else { weights.taxonomy }),
            ("track_record", track, weights.track_record),
        ];
        if let Some(s) = sem {
            parts.push(("semantic", s.clamp(0.0, 1.0), weights.semantic));
        }
        let total_weight: f32 = parts.iter().map(|p| p.2).sum::<f32>().max(f32::EPSILON);
        let score: f32 = parts.iter().map(|p| p.1 * p.2).sum::<f32>() / total_weight;
        let signals = parts
            .into_iter()
            .map(|(name, value, weight)| {
                let contribution = value * weight / total_weight;
                Signal {
                    name,
                    value,
                    weight,
                    contribution,
                    share: if score > 0.0 { contribution / score } else { 0.0 },
                }
            })
            .collect();

        let mut shared: Vec<&str> = need_vec.keys().filter(|t| profile_vec.contains_key(*t)).copied().collect();
        shared.sort_by(|a, b| need_vec[b].total_cmp(&need_vec[a]).then_with(|| a.cmp(b)));
        let matched_terms = surface::matched(shared, need_forms, analyzed.written(&doc));
        let matched_fields = weighted_text_fields(&self.fields)
            .into_iter()
            .filter(|(_, _, name)| {
                analyzed.field(name).iter().any(|terms| terms.iter().any(|t| need_vec.contains_key(t.text.as_str())))
            })
            .map(|(_, _, name)| name)
            .collect();
        let matched_publications = pubs.into_iter().filter(|p| p.1 > 0.0).take(semantic::BEST_PUBLICATIONS).collect();
        Match {
            doc,
            score,
            signals,
            matched_terms,
            matched_fields,
            matched_publications,
            shared_fields,
            by_meaning: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PublicationText;

    fn person(id: &str, skills: &str, bio: &str, publication: &str) -> IndexDoc {
        IndexDoc {
            id: id.into(),
            visibility: "public".into(),
            name: format!("نام {id}"),
            skills: skills.into(),
            bio: bio.into(),
            publications: vec![PublicationText::new(publication, "")],
            ..IndexDoc::default()
        }
    }

    #[test]
    fn explanations_name_the_matched_terms_fields_and_publications() {
        let index = SearchIndex::in_memory().unwrap();
        index
            .upsert(&[
                person("a", "تحلیل داده", "سامانه‌های منابع انسانی", "پیش‌بینی ترک خدمت کارکنان"),
                person("b", "حسابداری", "بودجه و مالیه", "حسابرسی دولتی"),
            ])
            .unwrap();
        index.commit().unwrap();
        let need = Need {
            text: "پیش‌بینی ترک خدمت با تحلیل داده".into(), viewer: Viewer::staff(), ..Need::default()
        };
        let first = index.match_need(&need, 5, &Weights::default()).unwrap();
        assert_eq!(first.len(), 1, "{first:?}");
        let m = &first[0];
        assert_eq!(m.doc.id, "a");
        let words: Vec<(&str, &str)> = m.matched_terms.iter().map(|t| (t.need.as_str(), t.profile.as_str())).collect();
        assert!(words.contains(&("داده", "داده")), "{words:?}");
        assert!(words.contains(&("پیش‌بینی", "پیش‌بینی")), "surface forms keep their ZWNJ: {words:?}");
        assert_eq!(m.matched_fields, ["skills", "publications"]);
        assert_eq!(m.matched_publications[0].0, "پیش‌بینی ترک خدمت کارکنان");
        let again = index.match_need(&need, 5, &Weights::default()).unwrap();
        assert_eq!(again[0].score, m.score, "cached IDF gives the same score");
    }

    #[test]
    fn the_idf_cache_follows_the_index() {
        let index = SearchIndex::in_memory().unwrap();
        index.upsert(&[person("a", "تحلیل داده", "", "")]).unwrap();
        index.commit().unwrap();
        let need = Need { text: "تحلیل داده".into(), viewer: Viewer::staff(), ..Need::default() };
        let before = index.match_need(&need, 5, &Weights::default()).unwrap()[0].score;
        index.upsert(&[person("b", "تحلیل", "", ""), person("c", "حسابداری", "", "")]).unwrap();
        index.commit().unwrap();
        let after = index.match_need(&need, 5, &Weights::default()).unwrap();
        let a = after.iter().find(|m| m.doc.id == "a").unwrap();
        assert_ne!(a.score, before, "a commit changes document frequencies");
        let fresh = SearchIndex::in_memory().unwrap();
        fresh
            .upsert(&[person("a", "تحلیل داده", "", ""), person("b", "تحلیل", "", ""), person("c", "حسابداری", "", "")])
            .unwrap();
        fresh.commit().unwrap();
        let expected = fresh.match_need(&need, 5, &Weights::default()).unwrap();
        let e = expected.iter().find(|m| m.doc.id == "a").unwrap();
        assert!((a.score - e.score).abs() < 1e-6, "{} vs {}", a.score, e.score);
    }
}
