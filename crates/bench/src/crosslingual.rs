//! `halqe-bench crosslingual`: needs in one language against profiles written only in the other, ranked
//! by the product's matcher lexically and with the embedder; recall@10, recall@50, MRR and latency.
//!
//! The profiles go through the serving node's own path: `halqe_app::search::semantic::embed_documents`
//! fills their vectors, kept in the form the embedding job stores them, the search crate's index holds
//! them, and every need is ranked by `halqe_app::search::matching::rank` (what `halqe match` calls), once
//! without an embedder and once with it. Nothing is cached: every vector is computed in the run.

mod fixtures;
mod topics;

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use halqe_app::search::{matching, semantic};
use halqe_embed::Embedder;
use halqe_search::SearchIndex;
use halqe_search::matching::Need;
use halqe_search::query::Viewer;

use self::fixtures::{Fixtures, Language, Probe};
use self::topics::TOPICS;
use crate::eval::semantic::as_stored;
use crate::search::stats::{Latency, Machine};

/// Candidates asked of the matcher per need: the deepest recall reported.
const TOP: usize = 50;
/// The shallower recall reported.
const SHALLOW: usize = 10;
/// Misses printed per direction and mode, for inspection.
const SHOWN_MISSES: usize = 3;

/// What one set of needs scored in one mode.
#[derive(Debug, Default)]
struct Score {
    needs: usize,
    at_shallow: usize,
    at_top: usize,
    reciprocal: f64,
    times: Vec<Duration>,
    /// Embedding the need alone (timed apart, just before its `rank` call), with the embedder.
    embedding: Vec<Duration>,
    misses: Vec<String>,
}

impl Score {
    fn add(&mut self, rank: Option<usize>, took: Duration, probe: &Probe) {
        self.needs += 1;
        self.times.push(took);
        match rank {
            Some(r) => {
                self.at_shallow += usize::from(r < SHALLOW);
                self.at_top += 1;
                self.reciprocal += 1.0 / (r as f64 + 1.0);
            }
            None if self.misses.len() < SHOWN_MISSES => {
                let (a, b) = probe.topics;
                self.misses.push(format!("{} ({} + {}): {}", probe.target, TOPICS[a].slug, TOPICS[b].slug, probe.text));
            }
            None => {}
        }
    }

    fn row(&self, direction: &str, mode: &str) -> String {
        let n = self.needs.max(1) as f64;
        let l = Latency::of(&self.times);
        let e = if self.embedding.is_empty() {
            "— | —".to_owned()
        } else {
            let e = Latency::of(&self.embedding);
            format!("{:.1} | {:.1}", e.p50_ms, e.p95_ms)
        };
        format!(
            "| {direction} | {mode} | {} | {:.3} | {:.3} | {:.3} | {:.1} | {:.1} | {e} |",
            self.needs,
            self.at_shallow as f64 / n,
            self.at_top as f64 / n,
            self.reciprocal / n,
            l.p50_ms,
            l.p95_ms
        )
    }
}

/// The model (`--model`, else the default path).
fn load(model: Option<&Path>) -> anyhow::Result<Option<semantic::Model>> {
    let path = model.map(Path::to_path_buf).unwrap_or_else(halqe_embed::default_model_path);
    let embedder = Embedder::load(&path)
        .with_context(|| format!("loading the e5 model {} (scripts/fetch-e5 fetches it)", path.display()))?;
    println!("semantic: {} ({} engine)", path.display(), embedder.engine());
    Ok(Some(semantic::Model::new(embedder, path.display().to_string())))
}

/// The rank of the first profile with the probe's topic pair (its own, while pairs are unique).
fn first_relevant(pairs: &HashMap<&str, (usize, usize)>, probe: &Probe, ids: &[&str]) -> Option<usize> {
    let (a, b) = probe.topics;
    ids.iter().position(|id| pairs.get(id).is_some_and(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b)))
}

/// Runs every need in one mode; returns the scores of (English needs, Persian needs, Persian needs with
/// an English term).
fn run_mode(
    f: &Fixtures,
    index: &SearchIndex,
    embedder: Option<&semantic::Model>,
) -> anyhow::Result<(Score, Score, Score)> {
    let pairs: HashMap<&str, (usize, usize)> =
        f.profiles.iter().zip(&f.topics).map(|(d, &pair)| (d.id.as_str(), pair)).collect();
    let (mut english, mut persian, mut mixed) = (Score::default(), Score::default(), Score::default());
    for probe in &f.probes {
        let need = Need { text: probe.text.clone(), viewer: Viewer::staff(), ..Need::default() };
        let embedding = embedder.map(|e| {
            let started = Instant::now();
            semantic::embed_need(e, &need.text);
            started.elapsed()
        });
        let started = Instant::now();
        let ranked = matching::rank(embedder, index, &need, TOP)?;
        let took = started.elapsed();
        let ids: Vec<&str> = ranked.iter().map(|m| m.doc.id.as_str()).collect();
        let rank = first_relevant(&pairs, probe, &ids);
        let scores: Vec<&mut Score> = match probe.profile_language {
            Language::Persian => vec![&mut english],
            Language::English if probe.mixed => vec![&mut mixed, &mut persian],
            Language::English => vec![&mut persian],
        };
        for score in scores {
            score.add(rank, took, probe);
            score.embedding.extend(embedding);
        }
    }
    Ok((english, persian, mixed))
}

/// Generates the fixtures, indexes them, ranks every need in both modes and prints the table.
pub fn run(profiles: usize, seed: u64, model: Option<&Path>) -> anyhow::Result<()> {
    let machine = Machine::now();
    println!(
        "machine: {} × {}, {:.0} GiB; load {:.2} {:.2} {:.2}",
        machine.cpus, machine.cpu_model, machine.memory_gib, machine.load[0], machine.load[1], machine.load[2]
    );
    let english_profiles = profiles / 5;
    let mut f = Fixtures::new(seed, profiles, english_profiles);
    println!(
        "fixtures: {profiles} Persian-only profiles with an English need each, {english_profiles} English-only \
         profiles with a Persian need each ({} with an English term), seed {seed}",
        f.probes.iter().filter(|p| p.mixed).count()
    );
    let embedder = load(model)?;
    if let Some(e) = &embedder {
        let started = Instant::now();
        let failed = semantic::embed_documents(e, &mut f.profiles);
        if failed > 0 {
            bail!("{failed} profile texts could not be embedded");
        }
        as_stored(&mut f.profiles);
        println!("embedded {} profiles in {:.1} s", f.profiles.len(), started.elapsed().as_secs_f64());
    }
    let index = SearchIndex::in_memory()?;
    index.add_new(&f.profiles)?;
    index.commit()?;

    let mut rows = Vec::new();
    let mut misses = Vec::new();
    let modes: [(&str, Option<&semantic::Model>); 2] = [("lexical", None), ("semantic", embedder.as_ref())];
    for (mode, e) in modes {
        if mode == "semantic" && e.is_none() {
            continue;
        }
        let (english, persian, mixed) = run_mode(&f, &index, e)?;
        for (direction, score) in [
            ("English need → Persian profile", &english),
            ("Persian need → English profile", &persian),
            ("  of which with an English term", &mixed),
        ] {
            rows.push(score.row(direction, mode));
            misses.extend(score.misses.iter().map(|m| format!("{mode}, {}: {m}", direction.trim())));
        }
    }
    println!(
        "| direction | mode | needs | recall@{SHALLOW} | recall@{TOP} | MRR@{TOP} | p50 ms | p95 ms | need embedding p50 ms | p95 ms |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    rows.iter().for_each(|r| println!("{r}"));
    println!(
        "latency: one `rank` call (embedding the need included), one thread; need embedding: the same need embedded \
         alone just before"
    );
    for m in misses {
        println!("missed ({m})");
    }
    Ok(())
}
