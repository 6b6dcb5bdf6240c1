//! `halqe-bench assign`: the reviewer-assignment solver on a seeded instance shaped like a call's, in both
//! modes, with wall time and peak memory (docs/benchmarks.md).

use std::time::Instant;

use halqe_search::assignment::{Control, Error, Instance, Limits, Objective, Solution, solve};

use crate::rng::Rng;
use crate::search::stats::Machine;
use crate::{peak_rss_kib, reset_peak_rss, rss_kib};

/// The instance to generate.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub proposals: usize,
    pub reviewers: usize,
    /// Reviewers per proposal.
    pub k: u32,
    /// Load caps are drawn uniformly from this range.
    pub cap_min: u32,
    pub cap_max: u32,
    /// Share of pairs in conflict.
    pub conflicts: f64,
    pub seed: u64,
}

/// Topics a proposal or a reviewer's expertise is drawn from.
const TOPICS: usize = 20;

/// A seeded instance: proposals about one or two topics, reviewers expert in one to three, affinity
/// 0–1000 from their overlap (60%) and noise (40%), as the matcher's scores spread; conflicts at random.
pub fn instance(shape: &Shape) -> Instance {
    let profile = |rng: &mut Rng, topics: usize| {
        let mut weights = [0f64; TOPICS];
        for _ in 0..topics {
            weights[rng.below(TOPICS)] += 1.0 / topics as f64;
        }
        weights
    };
    let mut rng = Rng::new(shape.seed, 1, 0);
    let mut profiles = |n: usize, most: usize| -> Vec<_> {
        (0..n)
            .map(|_| {
                let topics = rng.between(1, most);
                profile(&mut rng, topics)
            })
            .collect()
    };
    let proposals = profiles(shape.proposals, 2);
    let reviewers = profiles(shape.reviewers, 3);
    let mut affinity = Vec::with_capacity(shape.proposals * shape.reviewers);
    let mut forbidden = Vec::new();
    for (p, need) in proposals.iter().enumerate() {
        for (r, expertise) in reviewers.iter().enumerate() {
            let overlap: f64 = need.iter().zip(expertise).map(|(a, b)| a.min(*b)).sum();
            affinity.push((600.0 * overlap + 400.0 * rng.unit()).round() as u32);
            if rng.chance(shape.conflicts) {
                forbidden.push((p, r));
            }
        }
    }
    let capacity =
        (0..shape.reviewers).map(|_| rng.between(shape.cap_min as usize, shape.cap_max as usize) as u32).collect();
    Instance { need: vec![shape.k; shape.proposals], capacity, affinity, forbidden, pinned: vec![] }
}

fn mib(kib: Option<u64>) -> f64 {
    kib.unwrap_or(0) as f64 / 1024.0
}

/// Generates the instance, solves it for total affinity and in fairness mode, and prints each run.
pub fn run(shape: Shape) -> anyhow::Result<()> {
    println!("machine: {}", Machine::now());
    let started = Instant::now();
    let inst = instance(&shape);
    let capacity: u64 = inst.capacity.iter().map(|&c| u64::from(c)).sum();
    println!(
        "instance: {} proposals × {} reviewers, k {}, caps {}–{} ({capacity} reviews for {} needed), {} conflicts ({:.1}%), seed {}; generated in {:.0} ms, RSS {:.0} MiB",
        shape.proposals,
        shape.reviewers,
        shape.k,
        shape.cap_min,
        shape.cap_max,
        u64::from(shape.k) * shape.proposals as u64,
        inst.forbidden.len(),
        100.0 * inst.forbidden.len() as f64 / (shape.proposals * shape.reviewers) as f64,
        shape.seed,
        started.elapsed().as_secs_f64() * 1000.0,
        mib(rss_kib()),
    );
    for (name, objective) in [("total", Objective::Total), ("fair", Objective::Fair)] {
        reset_peak_rss();
        let started = Instant::now();
        let result = solve(&inst, objective, &Limits::DEFAULT, &Control::default());
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        match result {
            Ok(Solution { total, worst, proven, worst_bound, pairs }) => println!(
                "{name}: total affinity {total}, worst-off proposal {worst} (bound {worst_bound}, proven {proven}), {} pairs; {ms:.0} ms, peak RSS {:.0} MiB",
                pairs.len(),
                mib(peak_rss_kib()),
            ),
            Err(Error::Infeasible(report)) => println!(
                "{name}: infeasible: {} of {} reviews coverable, {} proposals short; {ms:.0} ms",
                report.coverable,
                report.need,
                report.proposals.len()
            ),
            Err(e) => anyhow::bail!("{name}: {e}"),
        }
    }
    Ok(())
}
