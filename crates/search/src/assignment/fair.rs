//! Fairness mode: the worst-off proposal's total affinity first, then the total. Max-min assignment is
//! NP-hard, so no flow solves it: a reweighting heuristic finds good solutions on any instance, and a
//! branch and bound proves the optimum on small ones (docs/adr/0011-reviewer-assignment.md).

use super::flow::Network;
use super::{Control, Error, MAX_AFFINITY, Prepared, Solution};

/// Flow solves of the reweighting heuristic.
const ROUNDS: u64 = 24;
/// The largest weight multiplier of one proposal (weights stay below 2^31 · `MAX_AFFINITY`).
const MAX_MULTIPLIER: i64 = 1 << 20;
/// Allowed (proposal, reviewer) pairs up to which the branch and bound runs.
const EXACT_PAIRS: usize = 400;
/// Search nodes after which the branch and bound gives up proving.
const EXACT_NODES: u64 = 200_000;

pub(super) fn solve(prepared: &Prepared, best_total: Solution, control: &Control) -> Result<Solution, Error> {
    let bound = worst_bound(prepared);
    let mut best = best_total;
    if best.worst < bound {
        best = reweight(prepared, best, bound, control)?;
    }
    if best.worst == bound {
        return Ok(Solution { proven: true, worst_bound: bound, ..best });
    }
    if (0..prepared.need.len()).map(|p| prepared.allowed(p).count()).sum::<usize>() > EXACT_PAIRS {
        return Ok(Solution { proven: false, worst_bound: bound, ..best });
    }
    let mut search = Search::new(prepared, &best, control);
    search.run()?;
    let found = match search.incumbent {
        Some(pairs) => prepared.solution(pairs, search.complete, 0),
        None => best,
    };
    let worst_bound = if search.complete { found.worst } else { bound };
    Ok(Solution { proven: search.complete, worst_bound, ..found })
}

/// No proposal can do better than its pins plus its best allowed reviewers.
fn worst_bound(prepared: &Prepared) -> u64 {
    (0..prepared.need.len())
        .map(|p| prepared.pinned_affinity[p] + top(prepared, p, prepared.allowed(p)))
        .min()
        .unwrap_or(0)
}

/// The sum of the `need` best affinities of proposal `p` among `reviewers`.
fn top(prepared: &Prepared, p: usize, reviewers: impl Iterator<Item = u32>) -> u64 {
    let mut a: Vec<u64> = reviewers.map(|r| u64::from(prepared.instance.affinity(p, r as usize))).collect();
    a.sort_unstable_by(|x, y| y.cmp(x));
    a.iter().take(prepared.need[p] as usize).sum()
}

fn better(a: &Solution, b: &Solution) -> bool {
    (a.worst, a.total) > (b.worst, b.total)
}

/// Solves for total weight with each proposal's affinities multiplied by its weight, raising the weight
/// of every proposal left below the best worst so far; keeps the best (worst, total) seen.
fn reweight(prepared: &Prepared, start: Solution, bound: u64, control: &Control) -> Result<Solution, Error> {
    let mut best = start.clone();
    let mut current = start;
    let mut multiplier = vec![1i64; prepared.need.len()];
    for round in 0..ROUNDS {
        let sums = per_proposal(prepared, &current.pairs);
        for (m, &s) in multiplier.iter_mut().zip(&sums) {
            if s <= best.worst {
                *m = (*m * 2).min(MAX_MULTIPLIER);
            }
        }
        let pairs = prepared.best_total(|p, _, a| i64::from(a) * multiplier[p], control)?;
        current = prepared.solution(pairs, false, bound);
        if better(&current, &best) {
            best = current.clone();
        }
        control.report(round + 1, ROUNDS);
        if best.worst == bound {
            break;
        }
    }
    Ok(best)
}

fn per_proposal(prepared: &Prepared, pairs: &[(usize, usize)]) -> Vec<u64> {
    let mut sums = vec![0u64; prepared.need.len()];
    for &(p, r) in pairs {
        sums[p] += u64::from(prepared.instance.affinity(p, r));
    }
    sums
}

/// Depth-first over proposals, each trying every set of allowed reviewers with load left, pruned by
/// optimistic bounds on (worst, total) and by a flow that checks the rest can still be covered.
struct Search<'a, 'c> {
    prepared: &'a Prepared<'a>,
    control: &'c Control<'c>,
    order: Vec<usize>,
    capacity: Vec<u32>,
    chosen: Vec<(usize, usize)>,
    /// The best complete choice found, pins left out.
    incumbent: Option<Vec<(usize, usize)>>,
    floor: (u64, u64),
    nodes: u64,
    complete: bool,
}

impl<'a, 'c> Search<'a, 'c> {
    fn new(prepared: &'a Prepared<'a>, best: &Solution, control: &'c Control<'c>) -> Self {
        let mut order: Vec<usize> = (0..prepared.need.len()).collect();
        order.sort_by_key(|&p| (prepared.pinned_affinity[p] + top(prepared, p, prepared.allowed(p)), p));
        Self {
            prepared,
            control,
            order,
            capacity: prepared.capacity.clone(),
            chosen: Vec::new(),
            incumbent: None,
            // The heuristic's solution is the floor to beat; the search only records strictly better ones.
            floor: (best.worst, best.total),
            nodes: 0,
            complete: true,
        }
    }

    fn run(&mut self) -> Result<(), Error> {
        self.node(0, u64::MAX, 0)
    }

    fn node(&mut self, depth: usize, worst: u64, total: u64) -> Result<(), Error> {
        self.nodes += 1;
        if self.nodes > EXACT_NODES {
            self.complete = false;
            return Ok(());
        }
        if self.nodes.is_multiple_of(1024) {
            if self.control.cancelled() {
                return Err(Error::Cancelled);
            }
            self.control.report(self.nodes, EXACT_NODES);
        }
        let Some(&p) = self.order.get(depth) else {
            if (worst, total) > self.floor {
                self.floor = (worst, total);
                self.incumbent = Some(self.chosen.clone());
            }
            return Ok(());
        };
        let rest = &self.order[depth..];
        let Some(rest_total) = self.relaxed_total(rest) else { return Ok(()) };
        let rest_worst = rest
            .iter()
            .map(|&q| self.prepared.pinned_affinity[q] + top(self.prepared, q, self.open(q)))
            .min()
            .unwrap_or(u64::MAX);
        let rest_pinned: u64 = rest.iter().map(|&q| self.prepared.pinned_affinity[q]).sum();
        let optimistic = (worst.min(rest_worst), total + rest_pinned + rest_total);
        if optimistic <= self.floor {
            return Ok(());
        }
        let mut candidates: Vec<u32> = self.open(p).collect();
        candidates.sort_by_key(|&r| std::cmp::Reverse(self.prepared.instance.affinity(p, r as usize)));
        let mut picked = Vec::with_capacity(self.prepared.need[p] as usize);
        self.subsets(depth, p, &candidates, 0, &mut picked, worst, total)
    }

    /// Every `need[p]`-subset of `candidates` (sorted best first) from position `from` on.
    #[expect(clippy::too_many_arguments, reason = "the recursion's state")]
    fn subsets(
        &mut self,
        depth: usize,
        p: usize,
        candidates: &[u32],
        from: usize,
        picked: &mut Vec<u32>,
        worst: u64,
        total: u64,
    ) -> Result<(), Error> {
        let need = self.prepared.need[p] as usize;
        if picked.len() == need {
            let gain: u64 = picked.iter().map(|&r| u64::from(self.prepared.instance.affinity(p, r as usize))).sum();
            let mine = self.prepared.pinned_affinity[p] + gain;
            if mine < self.floor.0 {
                return Ok(());
            }
            for &r in picked.iter() {
                self.capacity[r as usize] -= 1;
                self.chosen.push((p, r as usize));
            }
            let result = self.node(depth + 1, worst.min(mine), total + mine);
            for &r in picked.iter() {
                self.capacity[r as usize] += 1;
                self.chosen.pop();
            }
            return result;
        }
        for i in from..candidates.len() {
            if candidates.len() - i < need - picked.len() {
                break;
            }
            // Candidates are sorted: if even the best completion from here falls below the floor, so do all later.
            let so_far: u64 = picked.iter().map(|&r| u64::from(self.prepared.instance.affinity(p, r as usize))).sum();
            let best_rest: u64 = candidates[i..i + need - picked.len()]
                .iter()
                .map(|&r| u64::from(self.prepared.instance.affinity(p, r as usize)))
                .sum();
            if self.prepared.pinned_affinity[p] + so_far + best_rest < self.floor.0 {
                break;
            }
            picked.push(candidates[i]);
            self.subsets(depth, p, candidates, i + 1, picked, worst, total)?;
            picked.pop();
        }
        Ok(())
    }

    /// Allowed reviewers of `p` with load left.
    fn open(&self, p: usize) -> impl Iterator<Item = u32> + '_ {
        self.prepared.allowed(p).filter(|&r| self.capacity[r as usize] > 0)
    }

    /// The greatest total affinity the proposals in `rest` can still get, ignoring fairness; `None` when
    /// they cannot all be covered any more.
    fn relaxed_total(&self, rest: &[usize]) -> Option<u64> {
        let nr = self.capacity.len();
        let (source, sink) = (rest.len() + nr, rest.len() + nr + 1);
        let mut net = Network::new(rest.len() + nr + 2, rest.len() * nr + rest.len() + nr);
        let mut middle = Vec::new();
        for (i, &p) in rest.iter().enumerate() {
            net.arc(source, i, self.prepared.need[p] as i32, 0);
            for r in self.open(p) {
                let a = self.prepared.instance.affinity(p, r as usize);
                middle.push((net.arc(i, rest.len() + r as usize, 1, i64::from(MAX_AFFINITY - a)), a));
            }
        }
        for (r, &c) in self.capacity.iter().enumerate() {
            net.arc(rest.len() + r, sink, c as i32, 0);
        }
        let demand: i64 = rest.iter().map(|&p| i64::from(self.prepared.need[p])).sum();
        match net.min_cost_flow(source, sink, demand, &Control::default()) {
            Ok(sent) if sent == demand => {
                Some(middle.iter().filter(|&&(e, _)| net.flow(e) > 0).map(|&(_, a)| u64::from(a)).sum())
            }
            _ => None,
        }
    }
}
