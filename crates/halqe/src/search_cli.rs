//! `halqe reindex | search | match`: the operator's view of this node's index, with staff visibility.

use std::sync::Arc;

use halqe_app::App;
use halqe_app::search::feed;
use halqe_search::SearchIndex;
use halqe_search::directory::DirectoryQuery;
use halqe_search::matching::Need;
use halqe_search::query::Viewer;

use crate::config::Config;

/// Opens this node's index and applies pending feed changes.
async fn index(app: &App, cfg: &Config) -> anyhow::Result<Arc<SearchIndex>> {
    let index = Arc::new(SearchIndex::open(&cfg.data_dir.join("index"))?);
    feed::catch_up(app, &index).await?;
    Ok(index)
}

/// Rebuilds the index from the database.
pub async fn reindex(app: &App, cfg: &Config) -> anyhow::Result<()> {
    let index = SearchIndex::open(&cfg.data_dir.join("index"))?;
    let started = std::time::Instant::now();
    let n = feed::reindex(app, &index, Some(&crate::jobs_cli::progress_line("documents"))).await?;
    crate::jobs_cli::end_progress_line();
    println!("reindexed {n} documents in {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Prints directory results for a query.
pub async fn search(app: &App, cfg: &Config, text: &str, json: bool) -> anyhow::Result<()> {
    let index = index(app, cfg).await?;
    let q = DirectoryQuery { text: text.to_owned(), viewer: Viewer::staff(), limit: 20, ..DirectoryQuery::default() };
    let results = index.directory(&q)?;
    if json {
        let hits: Vec<_> = results
            .hits
            .iter()
            .map(|h| {
                let snippet: String = h.snippet.iter().map(|s| s.text.as_str()).collect();
                serde_json::json!({ "id": h.doc.id, "kind": h.doc.kind, "name": h.doc.name, "score": h.score, "snippet": snippet })
            })
            .collect();
        println!("{}", serde_json::json!({ "total": results.total, "hits": hits }));
    } else {
        println!("{} results", results.total);
        for h in &results.hits {
            let snippet: String =
                h.snippet.iter().map(|s| if s.highlight { format!("[{}]", s.text) } else { s.text.clone() }).collect();
            println!("{:>7.3}  {}  {}\n         {}", h.score, h.doc.name, h.doc.id, snippet.replace('\n', " "));
        }
    }
    Ok(())
}

/// Prints ranked candidates for a need with each signal's share and the words it shares, as the need
/// writes them (and, in brackets, as the profile does where that differs).
pub async fn match_need(app: &App, cfg: &Config, text: &str, top: usize, json: bool) -> anyhow::Result<()> {
    let index = index(app, cfg).await?;
    let need = Need { text: text.to_owned(), viewer: Viewer::staff(), ..Need::default() };
    let matches = halqe_app::search::matching::rank(app.embedder.get().as_deref(), &index, &need, top.clamp(1, 100))?;
    if json {
        let out: Vec<_> = matches
            .iter()
            .map(|m| {
                let signals: Vec<_> = m
                    .signals
                    .iter()
                    .map(|s| serde_json::json!({ "signal": s.name, "value": s.value, "share": s.share }))
                    .collect();
                serde_json::json!({
                    "id": m.doc.id, "kind": m.doc.kind, "name": m.doc.name, "score": m.score, "signals": signals,
                    "matched_terms": m.matched_terms, "matched_fields": m.matched_fields,
                    "matched_publications": m.matched_publications.iter().map(|p| &p.0).collect::<Vec<_>>(),
                    "by_meaning": m.by_meaning,
                })
            })
            .collect();
        println!("{}", serde_json::Value::Array(out));
    } else {
        for (i, m) in matches.iter().enumerate() {
            println!("{:>2}. {:.3}  {}  ({})", i + 1, m.score, m.doc.name, m.doc.id);
            let shares: Vec<String> = m
                .signals
                .iter()
                .filter(|s| s.weight > 0.0)
                .map(|s| format!("{} {:.0}%", s.name, s.share * 100.0))
                .collect();
            println!("    why: {}", shares.join(", "));
            if m.by_meaning {
                println!("    found by meaning: no words shared with the need");
            }
            let words: Vec<String> = m
                .matched_terms
                .iter()
                .take(10)
                .map(|t| if t.need == t.profile { t.need.clone() } else { format!("{} ({})", t.need, t.profile) })
                .collect();
            println!("    words: {}", words.join(", "));
            if !m.matched_publications.is_empty() {
                println!(
                    "    publications: {}",
                    m.matched_publications.iter().map(|p| p.0.as_str()).collect::<Vec<_>>().join(" | ")
                );
            }
        }
    }
    Ok(())
}
