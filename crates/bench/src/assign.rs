//! `halqe-bench assign`: the reviewer-assignment solver on issue 11's seeded dense instance, with the
//! objective, wall time and peak memory, for bench/assign_ortools.py to compare with OR-Tools on the
//! identical instance (docs/benchmarks.md).

use std::path::Path;
use std::time::Instant;

use halqe_search::assignment::{Control, Error, Instance, Limits, Objective, Solution, solve};
use serde::Serialize;

use crate::rng::{SPLITMIX_GAMMA, splitmix64};
use crate::search::stats::Machine;
use crate::{peak_rss_kib, rss_kib};

/// The instance to generate.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub proposals: usize,
    pub reviewers: usize,
    /// Reviewers per proposal.
    pub k: u32,
    /// Load cap of every reviewer.
    pub cap: u32,
    /// Percent of pairs in conflict.
    pub conflicts: f64,
    pub seed: u64,
}

/// The largest generated affinity.
pub const TOP_AFFINITY: u64 = 1000;

/// Pair `i = p · reviewers + r` draws `z = splitmix64(seed + (i + 1) · γ)`, the (i + 1)-th output of
/// SplitMix64 seeded with `seed`: its affinity is `(z >> 32) % 1001` and it is a conflict when its low 32
/// bits fall below `floor(conflicts / 100 · 2³²)`. Defined pair by pair so that bench/assign_ortools.py
/// regenerates the identical instance with numpy instead of reading 20 M lines.
pub fn instance(shape: &Shape) -> Instance {
    let threshold = (shape.conflicts / 100.0 * 4_294_967_296.0).floor() as u64;
    let pairs = shape.proposals * shape.reviewers;
    let mut affinity = Vec::with_capacity(pairs);
    let mut forbidden = Vec::new();
    for i in 0..pairs as u64 {
        let z = splitmix64(shape.seed.wrapping_add((i + 1).wrapping_mul(SPLITMIX_GAMMA)));
        affinity.push(((z >> 32) % (TOP_AFFINITY + 1)) as u32);
        if z & 0xFFFF_FFFF < threshold {
            let i = i as usize;
            forbidden.push((i / shape.reviewers, i % shape.reviewers));
        }
    }
    Instance {
        need: vec![shape.k; shape.proposals],
        capacity: vec![shape.cap; shape.reviewers],
        affinity,
        forbidden,
        pinned: vec![],
    }
}

/// What one run measured; `--json` writes it for bench/assign_ortools.py.
#[derive(Debug, Serialize)]
pub struct Figures {
    pub solver: &'static str,
    pub proposals: usize,
    pub reviewers: usize,
    pub k: u32,
    pub cap: u32,
    pub conflicts_percent: f64,
    pub seed: u64,
    pub forbidden: usize,
    /// Total affinity of the optimal assignment (the objective).
    pub objective: u64,
    pub generate_s: f64,
    /// `solve` for total affinity: validating, the solver's own model building and solving.
    pub build_solve_s: f64,
    /// The whole process's peak resident memory (`VmHWM`), the generated instance included.
    pub peak_rss_mib: f64,
    /// Fairness mode, when asked: (worst-off proposal, its bound, proven, total, seconds).
    pub fair: Option<(u64, u64, bool, u64, f64)>,
    pub machine: Machine,
}

fn mib(kib: Option<u64>) -> f64 {
    kib.unwrap_or(0) as f64 / 1024.0
}

/// Generates the instance, solves it for total affinity (and in fairness mode with `fair`), and prints
/// the figures; writes them as JSON to `json` too.
pub fn run(shape: Shape, fair: bool, json: Option<&Path>) -> anyhow::Result<()> {
    anyhow::ensure!((0.0..=100.0).contains(&shape.conflicts), "--conflicts is a percent, 0 to 100");
    println!("machine: {}", Machine::now());
    let started = Instant::now();
    let inst = instance(&shape);
    let generate_s = started.elapsed().as_secs_f64();
    println!(
        "instance: {} proposals × {} reviewers, k {}, cap {} ({} reviews of capacity for {} needed), {} conflicts ({:.2}%), seed {}; generated in {generate_s:.2} s, RSS {:.0} MiB",
        shape.proposals,
        shape.reviewers,
        shape.k,
        shape.cap,
        u64::from(shape.cap) * shape.reviewers as u64,
        u64::from(shape.k) * shape.proposals as u64,
        inst.forbidden.len(),
        100.0 * inst.forbidden.len() as f64 / (shape.proposals * shape.reviewers).max(1) as f64,
        shape.seed,
        mib(rss_kib()),
    );
    let (total, build_solve_s) = timed("total", &inst, Objective::Total)?;
    let peak_rss_mib = mib(peak_rss_kib());
    println!("peak RSS of the process so far: {peak_rss_mib:.0} MiB");
    let fair = if fair {
        let (s, seconds) = timed("fair", &inst, Objective::Fair)?;
        Some((s.worst, s.worst_bound, s.proven, s.total, seconds))
    } else {
        None
    };
    let figures = Figures {
        solver: "Halqe",
        proposals: shape.proposals,
        reviewers: shape.reviewers,
        k: shape.k,
        cap: shape.cap,
        conflicts_percent: shape.conflicts,
        seed: shape.seed,
        forbidden: inst.forbidden.len(),
        objective: total.total,
        generate_s,
        build_solve_s,
        peak_rss_mib,
        fair,
        machine: Machine::now(),
    };
    if let Some(path) = json {
        std::fs::write(path, serde_json::to_vec_pretty(&figures)?)?;
    }
    Ok(())
}

/// Solves for `objective`, prints the result, and returns it with the seconds it took.
fn timed(name: &str, inst: &Instance, objective: Objective) -> anyhow::Result<(Solution, f64)> {
    let started = Instant::now();
    let result = solve(inst, objective, &Limits::DEFAULT, &Control::default());
    let seconds = started.elapsed().as_secs_f64();
    match result {
        Ok(s) => {
            println!(
                "{name}: total affinity {}, worst-off proposal {} (bound {}, proven {}), {} pairs; {seconds:.2} s",
                s.total,
                s.worst,
                s.worst_bound,
                s.proven,
                s.pairs.len(),
            );
            Ok((s, seconds))
        }
        Err(Error::Infeasible(report)) => anyhow::bail!(
            "{name}: infeasible: {} of {} reviews coverable, {} proposals short; {seconds:.2} s",
            report.coverable,
            report.need,
            report.proposals.len()
        ),
        Err(e) => anyhow::bail!("{name}: {e}"),
    }
}
