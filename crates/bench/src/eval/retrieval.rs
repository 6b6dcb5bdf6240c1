//! `halqe-bench eval retrieval`: passage retrieval with the product analyzer and index (ParsiNLU-style data).
//!
//! Every distinct passage of the given files becomes a document; each question of the queries file is
//! searched as a need (any term, ranked by the matcher); its own passage is its one relevant answer.
//! With the semantic engine, passages are embedded by the serving node's own functions
//! (`halqe_app::search::semantic`: a passage as a profile summary) and stored as a node stores them, and
//! each question is ranked by `halqe_app::search::matching::rank_with`, as a need is on every page: its
//! nearest passages join the lexical candidates and the semantic signal counts at the product's weights
//! (or those `--text-weight`/`--semantic-weight` set for a sweep).

use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

use anyhow::{Context, bail};
use halqe_app::search;
use halqe_embed::Embed;
use halqe_search::matching::{Need, Weights};
use halqe_search::query::Viewer;
use halqe_search::{DocKind, IndexDoc, SearchIndex};

use super::semantic::{Semantic, as_stored};

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
pub fn run(
    queries: &Path,
    corpus: &[std::path::PathBuf],
    semantic: Option<&Semantic>,
    weights: &Weights,
) -> anyhow::Result<()> {
    let mut passages: HashMap<String, String> = HashMap::new();
    for file in corpus.iter().map(|p| p.as_path()).chain(std::iter::once(queries)) {
        for l in read(file)? {
            let n = passages.len();
            passages.entry(l.passage).or_insert_with(|| format!("p{n:06}"));
        }
    }
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
    let questions = read(queries)?;
    if let Some(s) = semantic {
        let failed = search::semantic::embed_documents(s, &mut docs);
        if failed > 0 {
            bail!("{failed} passages could not be embedded");
        }
        as_stored(&mut docs);
        // Fill the cache in large batches; `rank` then finds each question's vector there.
        let texts: Vec<&str> = questions.iter().map(|q| q.question.as_str()).collect();
        s.queries(&texts).map_err(|e| anyhow::anyhow!(e))?;
    }
    let index = SearchIndex::in_memory()?;
    index.add_new(&docs)?;
    index.commit()?;
    let (mut rr, mut r1, mut r10) = (0.0, 0.0, 0.0);
    for q in &questions {
        let want = &passages[&q.passage];
        let need = Need { text: q.question.clone(), viewer: Viewer::staff(), ..Need::default() };
        let ranked = search::matching::rank_with(semantic, &index, &need, 10, weights)?;
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
