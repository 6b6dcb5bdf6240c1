//! Matching a need to people and organizations, with every score explained.
//!
//! Candidates come from the index (any need term, BM25 over weighted fields); each is then scored by
//! signals in [0, 1] — text similarity (TF-IDF cosine against the whole profile and against its best
//! publications, so scores compare across needs), taxonomy overlap, verified track record, and
//! optionally semantic similarity — combined by fixed weights. Each result carries each signal's share.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::schema::Field;
use tantivy::{Searcher, TantivyDocument, Term};

use crate::analysis;
use crate::doc::IndexDoc;
use crate::index::{Result, SearchIndex, weighted_text_fields};
use crate::query::{self, Combine, Filters, Viewer};

/// A need to match: free text, optional taxonomy fields, filters, the viewer.
#[derive(Debug, Clone, Default)]
pub struct Need {
    pub text: String,
    pub fields: Vec<String>,
    pub filters: Filters,
    pub viewer: Viewer,
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
    /// Profile parts (name, skills, bio, publications, projects, capabilities) where need terms occur.
    pub matched_fields: Vec<&'static str>,
    /// Publication titles closest to the need, best first.
    pub matched_publications: Vec<(String, f32)>,
    /// Taxonomy fields shared with the need.
    pub shared_fields: Vec<String>,
}

/// How much each signal weighs; semantic only counts where embeddings are present.
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    pub text: f32,
    pub taxonomy: f32,
    pub track_record: f32,
    pub semantic: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Self { text: 0.6, taxonomy: 0.2, track_record: 0.2, semantic: 0.3 }
    }
}

/// A sparse TF-IDF vector, L2-normalized.
type Vector = HashMap<String, f32>;

/// Document frequencies looked up once per need.
struct Idf<'a> {
    searcher: &'a Searcher,
    fields: Vec<Field>,
    n: f32,
    cache: HashMap<String, f32>,
}

impl Idf<'_> {
    fn idf(&mut self, term: &str) -> f32 {
        if let Some(v) = self.cache.get(term) {
            return *v;
        }
        let df: u64 = self
            .fields
            .iter()
            .map(|f| self.searcher.doc_freq(&Term::from_field_text(*f, term)).unwrap_or(0))
            .max()
            .unwrap_or(0);
        let v = ((self.n + 1.0) / (df as f32 + 1.0)).ln() + 1.0;
        self.cache.insert(term.to_owned(), v);
        v
    }

    /// Sublinear TF × IDF, normalized.
    fn vector(&mut self, terms: &[String]) -> Vector {
        let mut tf: HashMap<&str, f32> = HashMap::new();
        for t in terms {
            *tf.entry(t.as_str()).or_default() += 1.0;
        }
        let mut v: Vector = tf.into_iter().map(|(t, c)| (t.to_owned(), (1.0 + c.ln()) * self.idf(t))).collect();
        let norm = v.values().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.values_mut().for_each(|x| *x /= norm);
        }
        v
    }
}

fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small.iter().filter_map(|(t, x)| large.get(t).map(|y| x * y)).sum()
}

/// Profile text as one bag of terms (name excluded: names say nothing of expertise).
fn profile_terms(doc: &IndexDoc) -> Vec<String> {
    let mut all = Vec::new();
    for text in [&doc.skills, &doc.bio, &doc.projects, &doc.capabilities] {
        all.extend(analysis::terms(text));
    }
    for p in &doc.publications {
        all.extend(analysis::terms(&p.title));
        all.extend(analysis::terms(&p.text));
    }
    all
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
        self.match_with(need, top, weights, |_| None)
    }

    /// Like [`SearchIndex::match_need`], with a semantic similarity per candidate where available.
    pub fn match_with(
        &self,
        need: &Need,
        top: usize,
        weights: &Weights,
        semantic: impl Fn(&IndexDoc) -> Option<f32>,
    ) -> Result<Vec<Match>> {
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
        let mut idf = Idf {
            searcher: &searcher,
            fields: text_fields,
            n: searcher.num_docs().max(1) as f32,
            cache: HashMap::new(),
        };
        let need_vec = idf.vector(&need_terms_all);

        let mut out = Vec::with_capacity(candidates.len());
        for (_, address) in candidates {
            let stored: TantivyDocument = searcher.doc(address)?;
            let doc = self.source(&stored)?;
            out.push(self.explain(&mut idf, &need_vec, need, doc, weights, &semantic));
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.doc.id.cmp(&b.doc.id)));
        out.truncate(top);
        Ok(out)
    }

    fn explain(
        &self,
        idf: &mut Idf<'_>,
        need_vec: &Vector,
        need: &Need,
        doc: IndexDoc,
        weights: &Weights,
        semantic: &impl Fn(&IndexDoc) -> Option<f32>,
    ) -> Match {
        let profile_vec = idf.vector(&profile_terms(&doc));
        let profile_sim = cosine(need_vec, &profile_vec);
        let mut pubs: Vec<(String, f32)> = doc
            .publications
            .iter()
            .map(|p| {
                let mut t = analysis::terms(&p.title);
                t.extend(analysis::terms(&p.text));
                (p.title.clone(), cosine(need_vec, &idf.vector(&t)))
            })
            .collect();
        pubs.sort_by(|a, b| b.1.total_cmp(&a.1));
        let best: Vec<f32> = pubs.iter().take(3).map(|p| p.1).collect();
        let pub_sim = if best.is_empty() { 0.0 } else { best.iter().sum::<f32>() / best.len() as f32 };
        let text = if doc.publications.is_empty() { profile_sim } else { 0.5 * profile_sim + 0.5 * pub_sim };

        let (taxonomy, shared_fields) = taxonomy_signal(&need.fields, &doc);
        let track = track_signal(&doc);
        let sem = semantic(&doc);
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
            need_vec.keys().filter(|t| profile_vec.contains_key(*t)).cloned().collect();
        matched_terms.sort_by(|a, b| need_vec[b].total_cmp(&need_vec[a]));
        let matched_fields = weighted_text_fields(&self.fields)
            .into_iter()
            .filter(|(field, _, _)| {
                let text = crate::directory::field_text(&doc, *field, &self.fields);
                analysis::terms(&text).iter().any(|t| need_vec.contains_key(t))
            })
            .map(|(_, _, name)| name)
            .collect();
        let matched_publications = pubs.into_iter().filter(|p| p.1 > 0.0).take(3).collect();
        Match { doc, score, signals, matched_terms, matched_fields, matched_publications, shared_fields }
    }
}
