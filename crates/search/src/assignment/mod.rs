//! Optimal reviewer assignment: every proposal gets its number of reviewers, no reviewer goes over their
//! load cap, no forbidden pair is used and every pinned pair is kept, maximising the total affinity
//! (exact min-cost flow) or, in fairness mode, the worst-off proposal's affinity first (docs/adr/0011).
//!
//! Proposals and reviewers are indices; the caller maps them to its ids and scales the matcher's scores
//! to integer affinities.

mod fair;
mod flow;
mod infeasible;

use std::sync::atomic::{AtomicBool, Ordering};

pub use infeasible::{Infeasible, Why};

use flow::Network;

/// The largest affinity of one pair: integer costs stay exact and far from overflow.
pub const MAX_AFFINITY: u32 = 1_000_000;

/// Bounds checked before any work, so a job cannot be asked for more memory or time than planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub proposals: usize,
    pub reviewers: usize,
    /// Proposals × reviewers: the dense affinity table, and the solver's passes over it, grow with it.
    pub pairs: usize,
    /// Reviewers one proposal may need.
    pub need: u32,
    /// Proposals one reviewer may take.
    pub capacity: u32,
}

impl Limits {
    /// Room for the largest call planned (issue 11: 10 000 proposals × 2 000 reviewers).
    pub const DEFAULT: Self =
        Self { proposals: 20_000, reviewers: 5_000, pairs: 25_000_000, need: 20, capacity: 1_000 };
}

/// One assignment problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// Reviewers each proposal needs.
    pub need: Vec<u32>,
    /// Proposals each reviewer can take at most.
    pub capacity: Vec<u32>,
    /// Affinity of each (proposal, reviewer) pair, row by proposal: `affinity[p * reviewers + r]`.
    pub affinity: Vec<u32>,
    /// Pairs never to use: conflicts of interest and pairs staff ruled out.
    pub forbidden: Vec<(usize, usize)>,
    /// Pairs staff fixed: kept in every solution.
    pub pinned: Vec<(usize, usize)>,
}

impl Instance {
    pub fn proposals(&self) -> usize {
        self.need.len()
    }

    pub fn reviewers(&self) -> usize {
        self.capacity.len()
    }

    /// The affinity of proposal `p` with reviewer `r`.
    pub fn affinity(&self, p: usize, r: usize) -> u32 {
        self.affinity[p * self.reviewers() + r]
    }
}

/// What the solver maximises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Objective {
    /// The total affinity of all pairs.
    Total,
    /// The worst-off proposal's total affinity, then the total among those solutions.
    Fair,
}

/// A complete assignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    /// (proposal, reviewer) pairs, sorted; pinned pairs included.
    pub pairs: Vec<(usize, usize)>,
    pub total: u64,
    /// The smallest total affinity of one proposal.
    pub worst: u64,
    /// Whether the objective's optimum is proven; always for [`Objective::Total`].
    pub proven: bool,
    /// An upper bound on `worst` (fairness mode); equal to it when proven.
    pub worst_bound: u64,
}

/// Why no solution came back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("the instance is malformed: {0}")]
    Invalid(String),
    #[error("the instance exceeds the limit on {0}")]
    TooLarge(&'static str),
    #[error("no assignment covers every proposal")]
    Infeasible(Infeasible),
    #[error("cancelled")]
    Cancelled,
}

/// The solver was asked to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl From<Cancelled> for Error {
    fn from(_: Cancelled) -> Self {
        Self::Cancelled
    }
}

/// How a caller (the job runner) watches and stops a solve.
#[derive(Clone, Copy, Default)]
pub struct Control<'a> {
    cancel: Option<&'a AtomicBool>,
    progress: Option<&'a (dyn Fn(u64, u64) + Sync)>,
}

impl<'a> Control<'a> {
    /// Checks `cancel` between steps and reports (done, total) to `progress`.
    pub fn new(cancel: &'a AtomicBool, progress: &'a (dyn Fn(u64, u64) + Sync)) -> Self {
        Self { cancel: Some(cancel), progress: Some(progress) }
    }

    pub(crate) fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }

    pub(crate) fn report(&self, done: u64, total: u64) {
        if let Some(progress) = self.progress {
            progress(done, total);
        }
    }
}

/// Solves `instance` within `limits` for `objective`.
pub fn solve(instance: &Instance, objective: Objective, limits: &Limits, control: &Control) -> Result<Solution, Error> {
    let prepared = Prepared::new(instance, limits)?;
    let pairs = prepared.best_total(|_, _, a| i64::from(a), control)?;
    let solution = prepared.solution(pairs, true, 0);
    match objective {
        Objective::Total => Ok(Solution { worst_bound: solution.worst, ..solution }),
        Objective::Fair => fair::solve(&prepared, solution, control),
    }
}

/// The instance after its pins: what is left to assign, and which pairs may carry it.
#[derive(Debug)]
pub(crate) struct Prepared<'a> {
    instance: &'a Instance,
    /// Reviewers still needed per proposal.
    need: Vec<u32>,
    /// Proposals each reviewer can still take.
    capacity: Vec<u32>,
    /// Each pair's state, row by proposal as `instance.affinity`.
    state: Vec<Pair>,
    /// Affinity each proposal has from its pins.
    pinned_affinity: Vec<u64>,
}

/// Candidate reviewers each proposal starts with, beyond twice its need (docs/adr/0011).
const SPARE_CANDIDATES: usize = 8;

impl<'a> Prepared<'a> {
    fn new(instance: &'a Instance, limits: &Limits) -> Result<Self, Error> {
        let (np, nr) = (instance.proposals(), instance.reviewers());
        if np > limits.proposals {
            return Err(Error::TooLarge("proposals"));
        }
        if nr > limits.reviewers {
            return Err(Error::TooLarge("reviewers"));
        }
        if np.saturating_mul(nr) > limits.pairs {
            return Err(Error::TooLarge("pairs"));
        }
        if instance.need.iter().any(|&k| k > limits.need) {
            return Err(Error::TooLarge("reviewers per proposal"));
        }
        if instance.capacity.iter().any(|&c| c > limits.capacity) {
            return Err(Error::TooLarge("load cap"));
        }
        if instance.affinity.len() != np * nr {
            return Err(Error::Invalid(format!("{} affinities for {np} × {nr} pairs", instance.affinity.len())));
        }
        if instance.affinity.iter().any(|&a| a > MAX_AFFINITY) {
            return Err(Error::Invalid(format!("an affinity above {MAX_AFFINITY}")));
        }
        let mut state = vec![Pair::Open; np * nr];
        for &(p, r) in &instance.forbidden {
            if p >= np || r >= nr {
                return Err(Error::Invalid(format!("forbidden pair ({p}, {r}) out of range")));
            }
            state[p * nr + r] = Pair::Forbidden;
        }
        let mut need = instance.need.clone();
        let mut capacity = instance.capacity.clone();
        let mut pinned_affinity = vec![0u64; np];
        for &(p, r) in &instance.pinned {
            if p >= np || r >= nr {
                return Err(Error::Invalid(format!("pinned pair ({p}, {r}) out of range")));
            }
            match state[p * nr + r] {
                Pair::Forbidden => return Err(Error::Invalid(format!("pair ({p}, {r}) is both pinned and forbidden"))),
                Pair::Pinned => return Err(Error::Invalid(format!("pair ({p}, {r}) is pinned twice"))),
                Pair::Open => state[p * nr + r] = Pair::Pinned,
            }
            if need[p] == 0 {
                return Err(Error::Invalid(format!("proposal {p} has more pins than reviewers it needs")));
            }
            if capacity[r] == 0 {
                return Err(Error::Invalid(format!("reviewer {r} has more pins than their load cap")));
            }
            need[p] -= 1;
            capacity[r] -= 1;
            pinned_affinity[p] += u64::from(instance.affinity(p, r));
        }
        Ok(Self { instance, need, capacity, state, pinned_affinity })
    }

    /// Reviewers proposal `p` may still get: not forbidden, not pinned already, with capacity left.
    pub(crate) fn allowed(&self, p: usize) -> impl Iterator<Item = u32> + '_ {
        let nr = self.capacity.len();
        self.state[p * nr..(p + 1) * nr]
            .iter()
            .zip(&self.capacity)
            .enumerate()
            .filter(|&(_, (&s, &c))| s == Pair::Open && c > 0)
            .map(|(r, _)| r as u32)
    }

    /// The assignment of the remaining need of greatest total `weight(p, r, affinity)` (non-negative,
    /// at most `i64::MAX / 2^24`), or why every proposal cannot be covered.
    ///
    /// The flow runs on candidate pairs only: each proposal's `2 · need + SPARE_CANDIDATES` heaviest
    /// allowed pairs at first. An optimum there is one of the whole instance when no other allowed pair
    /// has a negative reduced cost under the flow's potentials (they then prove it optimal on every pair);
    /// a shortfall is the whole instance's when no other allowed pair leaves the minimum cut's source
    /// side. Otherwise the pairs that break this join the candidates and the flow runs again.
    pub(crate) fn best_total(
        &self,
        weight: impl Fn(usize, usize, u32) -> i64,
        control: &Control,
    ) -> Result<Vec<(usize, usize)>, Error> {
        let (np, nr) = (self.need.len(), self.capacity.len());
        let weigh = |p: usize, r: u32| weight(p, r as usize, self.instance.affinity(p, r as usize));
        let mut heaviest = 0;
        let mut candidates = Vec::with_capacity(np);
        let mut row: Vec<(i64, u32)> = Vec::with_capacity(nr);
        for p in 0..np {
            row.clear();
            row.extend(self.allowed(p).map(|r| (weigh(p, r), r)));
            heaviest = row.iter().map(|&(w, _)| w).fold(heaviest, i64::max);
            let keep = (2 * self.need[p] as usize + SPARE_CANDIDATES).min(row.len());
            if keep < row.len() {
                row.select_nth_unstable_by_key(keep, |&(w, r)| (std::cmp::Reverse(w), r));
            }
            candidates.push(row[..keep].iter().map(|&(_, r)| r).collect::<Vec<u32>>());
        }
        // Costs are `heaviest - weight` ≥ 0: every solution uses exactly the total need in pairs, so the
        // shift changes no comparison.
        let cost = |p: usize, r: u32| heaviest - weigh(p, r);
        let (source, sink) = (np + nr, np + nr + 1);
        let demand: i64 = self.need.iter().map(|&k| i64::from(k)).sum();
        loop {
            if control.cancelled() {
                return Err(Error::Cancelled);
            }
            let arcs: usize = candidates.iter().map(Vec::len).sum();
            let mut net = Network::new(np + nr + 2, arcs + np + nr);
            for (p, &k) in self.need.iter().enumerate() {
                net.arc(source, p, k as i32, 0);
            }
            let mut middle = Vec::with_capacity(arcs);
            for (p, row) in candidates.iter().enumerate() {
                for &r in row {
                    middle.push((net.arc(p, np + r as usize, 1, cost(p, r)), p, r as usize));
                }
            }
            for (r, &c) in self.capacity.iter().enumerate() {
                net.arc(np + r, sink, c as i32, 0);
            }
            let sent = net.min_cost_flow(source, sink, demand, control)?;
            if sent < demand {
                let reach = net.reachable(source);
                if self.widen(&mut candidates, |p, r| reach[p] && !reach[np + r as usize]) == 0 {
                    return Err(Error::Infeasible(infeasible::explain(self, &reach, sent as u64)));
                }
            } else {
                let pot = net.potentials();
                if self.widen(&mut candidates, |p, r| cost(p, r) + pot[p] - pot[np + r as usize] < 0) == 0 {
                    return Ok(middle
                        .into_iter()
                        .filter(|&(e, _, _)| net.flow(e) > 0)
                        .map(|(_, p, r)| (p, r))
                        .collect());
                }
            }
        }
    }

    /// Adds to each proposal's candidates its other allowed reviewers for which `violates(p, r)`;
    /// returns how many were added.
    fn widen(&self, candidates: &mut [Vec<u32>], violates: impl Fn(usize, u32) -> bool) -> usize {
        let mut listed = vec![false; self.capacity.len()];
        let mut added = 0;
        for (p, row) in candidates.iter_mut().enumerate() {
            let before = row.len();
            for &r in row.iter() {
                listed[r as usize] = true;
            }
            row.extend(self.allowed(p).filter(|&r| !listed[r as usize] && violates(p, r)));
            for &r in row.iter() {
                listed[r as usize] = false;
            }
            added += row.len() - before;
        }
        added
    }

    /// The full solution from the chosen remaining pairs, pins added.
    pub(crate) fn solution(&self, mut pairs: Vec<(usize, usize)>, proven: bool, worst_bound: u64) -> Solution {
        let mut per_proposal = self.pinned_affinity.clone();
        for &(p, r) in &pairs {
            per_proposal[p] += u64::from(self.instance.affinity(p, r));
        }
        pairs.extend_from_slice(&self.instance.pinned);
        pairs.sort_unstable();
        let total = per_proposal.iter().sum();
        let worst = per_proposal.iter().copied().min().unwrap_or(0);
        Solution { pairs, total, worst, proven, worst_bound }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pair {
    Open,
    Forbidden,
    Pinned,
}
