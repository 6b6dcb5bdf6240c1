//! The capacity directory: free-text search with facets, relevance order, highlighted snippets, pages.

use tantivy::TantivyDocument;
use tantivy::aggregation::AggregationCollector;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::collector::{Count, TopDocs};
use tantivy::snippet::SnippetGenerator;

use crate::doc::{DocKind, IndexDoc};
use crate::index::{Result, SearchIndex};
use crate::query::{self, Combine, Filters, Viewer};

/// A directory search.
#[derive(Debug, Clone, Default)]
pub struct DirectoryQuery {
    pub text: String,
    pub filters: Filters,
    pub viewer: Viewer,
    pub offset: usize,
    pub limit: usize,
}

/// A piece of a snippet; highlighted pieces matched the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub highlight: bool,
}

/// One result.
#[derive(Debug, Clone)]
pub struct Hit {
    pub doc: IndexDoc,
    pub score: f32,
    pub snippet: Vec<Segment>,
}

/// Counts per facet value among all results.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub kind: Vec<(String, u64)>,
    pub field: Vec<(String, u64)>,
    pub province: Vec<(String, u64)>,
    pub org_kind: Vec<(String, u64)>,
    pub availability: Vec<(String, u64)>,
}

/// A page of results with the total and facet counts.
#[derive(Debug, Clone, Default)]
pub struct DirectoryResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// Profiles related by meaning, offered when the words found few ([`SearchIndex::related`]).
    pub related: Vec<Hit>,
}

const FACETS: [&str; 5] = ["kind", "field", "province", "org_kind", "availability"];

fn facet_aggregations() -> Aggregations {
    let spec: serde_json::Map<String, serde_json::Value> =
        FACETS.iter().map(|f| ((*f).to_owned(), serde_json::json!({ "terms": { "field": f, "size": 64 } }))).collect();
    serde_json::from_value(serde_json::Value::Object(spec)).unwrap_or_default()
}

fn buckets(results: &serde_json::Value, name: &str) -> Vec<(String, u64)> {
    results[name]["buckets"]
        .as_array()
        .map(|b| {
            b.iter()
                .filter_map(|e| Some((e["key"].as_str()?.to_owned(), e["doc_count"].as_u64()?)))
                .filter(|(k, _)| !k.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Splits a snippet into plain and highlighted segments (escaping is the template's job).
fn segments(snippet: &tantivy::snippet::Snippet) -> Vec<Segment> {
    let text = snippet.fragment();
    let mut out = Vec::new();
    let mut at = 0;
    for r in snippet.highlighted() {
        if r.start > at {
            out.push(Segment { text: text[at..r.start].to_owned(), highlight: false });
        }
        out.push(Segment { text: text[r.start..r.end].to_owned(), highlight: true });
        at = r.end;
    }
    if at < text.len() {
        out.push(Segment { text: text[at..].to_owned(), highlight: false });
    }
    out
}

impl SearchIndex {
    /// Runs a directory search: every query term must match somewhere in the profile.
    pub fn directory(&self, q: &DirectoryQuery) -> Result<DirectoryResults> {
        let searcher = self.reader.searcher();
        let terms = query::distinct_terms(&q.text);
        let query = query::build(&self.fields, &terms, Combine::All, &q.filters, &q.viewer);
        let top = TopDocs::with_limit(q.limit.max(1)).and_offset(q.offset).order_by_score();
        let aggs = AggregationCollector::from_aggs(facet_aggregations(), Default::default());
        let (top, total, aggs) = searcher.search(&query, &(top, Count, aggs))?;
        let agg_json = serde_json::to_value(&aggs)?;
        let facets = Facets {
            kind: buckets(&agg_json, "kind"),
            field: buckets(&agg_json, "field"),
            province: buckets(&agg_json, "province"),
            org_kind: buckets(&agg_json, "org_kind"),
            availability: buckets(&agg_json, "availability"),
        };
        let f = &self.fields;
        let generators = [f.bio, f.skills, f.publications, f.capabilities, f.past_projects]
            .into_iter()
            .map(|field| {
                SnippetGenerator::create(&searcher, query.as_ref(), field).map(|mut g| {
                    g.set_max_num_chars(180);
                    (field, g)
                })
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let stored: TantivyDocument = searcher.doc(address)?;
            let doc = self.source(&stored)?;
            let snippet = generators
                .iter()
                .map(|(field, g)| g.snippet(&field_text(&doc, *field, f)))
                .find(|s| !s.highlighted().is_empty())
                .map(|s| segments(&s))
                .unwrap_or_else(|| vec![Segment { text: lead(&doc), highlight: false }]);
            hits.push(Hit { doc, score: if terms.is_empty() { 0.0 } else { score }, snippet });
        }
        Ok(DirectoryResults { total, hits, facets, related: Vec::new() })
    }

    /// Up to `limit` profiles related by meaning to a directory query, whose text's vector is `vector`:
    /// its nearest neighbours that the viewer and filters admit, other than `shown`, nearest first.
    pub fn related(&self, q: &DirectoryQuery, vector: &[f32], shown: &[String], limit: usize) -> Result<Vec<Hit>> {
        let searcher = self.reader.searcher();
        let filters = Filters { exclude: [q.filters.exclude.as_slice(), shown].concat(), ..q.filters.clone() };
        let mut hits = Vec::new();
        for address in self.by_meaning(&searcher, vector, &filters, &q.viewer, limit)? {
            let doc = self.source(&searcher.doc(address)?)?;
            hits.push(Hit { snippet: vec![Segment { text: lead(&doc), highlight: false }], doc, score: 0.0 });
        }
        Ok(hits)
    }
}

/// The text of one field of a stored document.
pub(crate) fn field_text(doc: &IndexDoc, field: tantivy::schema::Field, f: &crate::index::Fields) -> String {
    if field == f.bio {
        doc.bio.clone()
    } else if field == f.skills {
        doc.skills.clone()
    } else if field == f.publications {
        doc.publications.iter().map(|p| format!("{}\n{}", p.title, p.text)).collect::<Vec<_>>().join("\n")
    } else if field == f.capabilities {
        doc.capabilities.clone()
    } else if field == f.past_projects {
        doc.past_projects.clone()
    } else {
        format!("{} {}", doc.name, doc.name_en)
    }
}

/// The opening of a profile when nothing is highlighted.
fn lead(doc: &IndexDoc) -> String {
    let text = if doc.bio.is_empty() { &doc.capabilities } else { &doc.bio };
    text.chars().take(180).collect()
}

/// Whether a result is a person or an organization, for display.
pub fn kind_of(hit: &Hit) -> DocKind {
    hit.doc.kind.unwrap_or(DocKind::Person)
}
