//! `halqe eval retrieval`: passage retrieval with the product analyzer and index (ParsiNLU-style data).
//!
//! Every distinct passage of the given files becomes a document; each question of the queries file is
//! searched as a need (any term, ranked by the matcher); its own passage is its one relevant answer.
//! With the semantic engine, each passage is embedded once and each question in query mode, and their
//! similarity (`halqe_embed::similarity`) is the matcher's semantic signal, at the product's default
//! weights; it re-ranks the lexical candidates.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

use anyhow::Context;
use halqe_search::matching::{Need, Weights};
use halqe_search::query::{Filters, Viewer};
use halqe_search::{DocKind, IndexDoc, SearchIndex};

use super::semantic::Semantic;

#[derive(serde::Deserialize)]
struct Line {
    question: String,
    passage: String,
}

fn read(path: &Path) -> anyhow::Result<Vec<Line>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut out = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line?;
        if !line.trim().is_empty() {
            // The data was written by Python, which emits a bare `NaN` for a missing URL.
            let line = line.replace(": NaN", ": null");
            out.push(serde_json::from_str(&line).with_context(|| format!("{}: bad line", path.display()))?);
        }
    }
    Ok(out)
}

/// Runs the evaluation and prints `mrr@10=… r@1=… r@10=…` as the last line.
pub fn run(queries: &Path, corpus: &[std::path::PathBuf], semantic: Option<&Semantic>) -> anyhow::Result<()> {
    let mut passages: HashMap<String, String> = HashMap::new();
    for file in corpus.iter().map(|p| p.as_path()).chain(std::iter::once(queries)) {
        for l in read(file)? {
            let n = passages.len();
            passages.entry(l.passage).or_insert_with(|| format!("p{n:06}"));
        }
    }
    let index = SearchIndex::in_memory()?;
    let mut docs: Vec<IndexDoc> = passages
        .iter()
        .map(|(text, id)| IndexDoc {
            id: id.clone(),
            kind: Some(DocKind::Person),
            visibility: "public".into(),
            bio: text.clone(),
            ..IndexDoc::default()
        })
        .collect();
    // In file order, so equal scores break the same way on every run.
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    index.add_new(&docs)?;
    index.commit()?;
    let questions = read(queries)?;
    let vectors = match semantic {
        Some(s) => {
            let (texts, ids): (Vec<&str>, Vec<&String>) = passages.iter().map(|(t, id)| (t.as_str(), id)).unzip();
            let docs: HashMap<&String, Vec<f32>> = ids.into_iter().zip(s.passages(&texts)?).collect();
            let asked: Vec<&str> = questions.iter().map(|q| q.question.as_str()).collect();
            Some((docs, s.queries(&asked)?))
        }
        None => None,
    };
    let (mut rr, mut r1, mut r10) = (0.0, 0.0, 0.0);
    for (i, q) in questions.iter().enumerate() {
        let want = &passages[&q.passage];
        let need =
            Need { text: q.question.clone(), fields: Vec::new(), filters: Filters::default(), viewer: Viewer::staff() };
        let ranked = match &vectors {
            Some((docs, asked)) => index.match_with(&need, 10, &Weights::default(), |doc| {
                docs.get(&doc.id).map(|v| halqe_embed::similarity(&asked[i], v))
            })?,
            None => index.match_need(&need, 10, &Weights::default())?,
        };
        if let Some(rank) = ranked.iter().position(|m| &m.doc.id == want) {
            rr += 1.0 / (rank as f64 + 1.0);
            r10 += 1.0;
            if rank == 0 {
                r1 += 1.0;
            }
        }
    }
    let n = questions.len().max(1) as f64;
    println!("queries: {}, passages: {}", questions.len(), passages.len());
    println!("mrr@10={:.4} r@1={:.4} r@10={:.4}", rr / n, r1 / n, r10 / n);
    Ok(())
}
