//! Matching a need to people and organizations, with every score explained.
//!
//! Candidates come from the index (any need term, BM25 over weighted fields); each is then scored by
//! signals in [0, 1] — text similarity (TF-IDF cosine against the whole profile and against its best
//! publications, so scores compare across needs), taxonomy overlap, verified track record, and
//! semantic similarity where the need and the profile have embeddings ([`crate::semantic`]) — combined
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
    /// Need terms found in the profile (analyzed form) and the profile words they matched.
    pub matched_terms: Vec<String>,
    /// Profile parts (name, skills, bio, publications, past projects, capabilities) where need terms occur.
    pub matched_fields: Vec<&'static str>,
    /// Publication titles closest to the need, best first.
    pub matched_publications: Vec<(String, f32)>,
    /// Taxonomy fields shared with the need.
    pub shared_fields: Vec<String>,
}

/// How much each signal weighs; semantic only counts where embeddings are present. Lexical and semantic
/// text similarity weigh the same: the weights met both evaluations at once (docs/benchmarks.md).
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    pub text: f32,
    pub taxonomy: f32,
    pub track_record: f32,
    pub semantic: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Self { text: 0.6, taxonomy: 0.2, track_record: 0.2, semantic: 0.6 }
    }
}

/// A sparse TF-IDF vector, L2-normalized, over borrowed terms. Its hasher has fixed keys: norms and
/// cosines sum floats in iteration order, and a per-process random order made near-equal scores swap
/// places between runs (an evaluation moved in its fourth decimal).
type Vector<'t> = HashMap<&'t str, f32, BuildHasherDefault<DefaultHasher>>;

/// Entries the IDF cache holds before it starts over (memory stays bounded on large vocabularies).
const IDF_CACHE_MAX: usize = 1 << 20;

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
    name: Vec<String>,
    skills: Vec<String>,
    bio: Vec<String>,
    past_projects: Vec<String>,
    capabilities: Vec<String>,
    /// Title and text of each publication.
    publications: Vec<Vec<String>>,
}

impl Analyzed {
    fn of(doc: &IndexDoc) -> Self {
        let publications = doc
            .publications
            .iter()
            .map(|p| {
                let mut t = analysis::terms(&p.title);
                t.extend(analysis::terms(&p.text));
                t
            })
            .collect();
        Self {
            name: analysis::terms(&format!("{} {}", doc.name, doc.name_en)),
            skills: analysis::terms(&doc.skills),
            bio: analysis::terms(&doc.bio),
            past_projects: analysis::terms(&doc.past_projects),
            capabilities: analysis::terms(&doc.capabilities),
            publications,
        }
    }

    /// Profile text as one bag of weighted terms (name excluded: names say nothing of expertise); a
    /// publication's terms count by its `recency` weight, as in the semantic signal.
    fn profile<'a>(&'a self, recency: &'a [f32]) -> impl Iterator<Item = (&'a str, f32)> {
        let summary = [&self.skills, &self.bio, &self.past_projects, &self.capabilities].into_iter().flatten();
        let publications = self.publications.iter().zip(recency).flat_map(|(p, w)| p.iter().map(move |t| (t, *w)));
        summary.map(|t| (t.as_str(), 1.0)).chain(publications.map(|(t, w)| (t.as_str(), w)))
    }

    /// The terms of a searched field, by its name in [`weighted_text_fields`].
    fn field(&self, name: &str) -> Vec<&Vec<String>> {
        match name {
            "name" => vec![&self.name],
            "skills" => vec![&self.skills],
            "bio" => vec![&self.bio],
            "past_projects" => vec![&self.past_projects],
            "capabilities" => vec![&self.capabilities],
            "publications" => self.publications.iter().collect(),
            _ => Vec::new(),
        }
    }
}

/// Track record in [0, 1]: verified status and past government work, with diminishing returns.
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
        let need_terms_all = analysis::terms(&need.text);
        let distinct = query::distinct_terms(&need.text);
        let query = query::build(&self.fields, &distinct, Combine::Any, &need.filters, &need.viewer);
        let pool = (top.saturating_mul(4)).max(100);
        let candidates = if distinct.is_empty() && need.fields.is_empty() {
            Vec::new()
        } else {
            searcher.search(&query, &TopDocs::with_limit(pool).order_by_score())?
        };
        let text_fields: Vec<Field> = weighted_text_fields(&self.fields).iter().map(|(f, _, _)| *f).collect();
        let idf = Idf {
            searcher: &searcher,
            fields: text_fields,
            n: searcher.num_docs().max(1) as f32,
            cache: &self.idf,
            generation: searcher.generation().generation_id(),
        };
        let need_vec = idf.vector(need_terms_all.iter().map(String::as_str));

        let mut out = Vec::with_capacity(candidates.len());
        for (_, address) in candidates {
            let stored: TantivyDocument = searcher.doc(address)?;
            let doc = self.source(&stored)?;
            out.push(self.explain(&idf, &need_vec, need, doc, weights));
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.doc.id.cmp(&b.doc.id)));
        out.truncate(top);
        Ok(out)
    }

    fn explain(&self, idf: &Idf<'_>, need_vec: &Vector<'_>, need: &Need, doc: IndexDoc, weights: &Weights) -> Match {
        let analyzed = Analyzed::of(&doc);
        let recency = semantic::recency(&doc.publications);
        let profile_vec = idf.weighted(analyzed.profile(&recency));
        let profile_sim = cosine(need_vec, &profile_vec);
        let mut pubs: Vec<(String, f32)> = doc
            .publications
            .iter()
            .zip(&analyzed.publications)
            .map(|(p, t)| (p.title.clone(), cosine(need_vec, &idf.vector(t.iter().map(String::as_str)))))
            .collect();
        pubs.sort_by(|a, b| b.1.total_cmp(&a.1));
        let text = match mean_of_best(pubs.iter().map(|p| p.1).collect()) {
            Some(pub_sim) => 0.5 * profile_sim + 0.5 * pub_sim,
            None => profile_sim,
        };

        let (taxonomy, shared_fields) = taxonomy_signal(&need.fields, &doc);
        let track = track_signal(&doc);
        let sem = semantic::signal(&need.vector, &doc);
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

        let mut matched_terms: Vec<String> =
            need_vec.keys().filter(|t| profile_vec.contains_key(*t)).map(|t| (*t).to_owned()).collect();
        matched_terms.sort_by(|a, b| need_vec[b.as_str()].total_cmp(&need_vec[a.as_str()]));
        let matched_fields = weighted_text_fields(&self.fields)
            .into_iter()
            .filter(|(_, _, name)| {
                analyzed.field(name).iter().any(|terms| terms.iter().any(|t| need_vec.contains_key(t.as_str())))
            })
            .map(|(_, _, name)| name)
            .collect();
        let matched_publications = pubs.into_iter().filter(|p| p.1 > 0.0).take(semantic::BEST_PUBLICATIONS).collect();
        Match { doc, score, signals, matched_terms, matched_fields, matched_publications, shared_fields }
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
        assert!(m.matched_terms.contains(&"داده".to_owned()), "{:?}", m.matched_terms);
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
