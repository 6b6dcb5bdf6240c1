//! The reviewer-assignment solver against independent exact solvers: exhaustive enumeration of every
//! assignment, and a dynamic program over the reviewers' loads left.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use halqe_search::assignment::{Control, Error, Instance, Limits, Objective, Solution, Why, solve};
use proptest::prelude::*;

/// A small deterministic generator, so a failing seed reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A random instance: each proposal needs a number in `need`, each reviewer takes 0 to `max_cap`, about
/// `forbid_pct`% of pairs forbidden and up to `pins` valid pins.
fn instance(
    seed: u64,
    np: usize,
    nr: usize,
    need: RangeInclusive<u32>,
    max_cap: u32,
    forbid_pct: u64,
    pins: usize,
) -> Instance {
    let mut rng = Rng(seed);
    let need: Vec<u32> =
        (0..np).map(|_| need.start() + rng.below(u64::from(need.end() - need.start()) + 1) as u32).collect();
    let capacity: Vec<u32> = (0..nr).map(|_| rng.below(u64::from(max_cap) + 1) as u32).collect();
    // A small range of affinities makes ties, where solvers most often go wrong.
    let affinity = (0..np * nr).map(|_| rng.below(21) as u32).collect();
    let mut forbidden = Vec::new();
    for p in 0..np {
        for r in 0..nr {
            if rng.below(100) < forbid_pct {
                forbidden.push((p, r));
            }
        }
    }
    let mut pinned: Vec<(usize, usize)> = Vec::new();
    for _ in 0..pins {
        let (p, r) = (rng.below(np as u64) as usize, rng.below(nr as u64) as usize);
        let p_pins = pinned.iter().filter(|x| x.0 == p).count() as u32;
        let r_pins = pinned.iter().filter(|x| x.1 == r).count() as u32;
        if !forbidden.contains(&(p, r)) && !pinned.contains(&(p, r)) && p_pins < need[p] && r_pins < capacity[r] {
            pinned.push((p, r));
        }
    }
    Instance { need, capacity, affinity, forbidden, pinned }
}

fn run(inst: &Instance, objective: Objective) -> Result<Solution, Error> {
    solve(inst, objective, &Limits::DEFAULT, &Control::default())
}

/// Every proposal has exactly its reviewers, no reviewer is over their cap, no pair is forbidden or
/// repeated, every pin is kept, and the reported values are the assignment's.
fn assert_valid(inst: &Instance, s: &Solution) {
    let mut per_proposal = vec![0u64; inst.proposals()];
    let mut count = vec![0u32; inst.proposals()];
    let mut load = vec![0u32; inst.reviewers()];
    for (i, &(p, r)) in s.pairs.iter().enumerate() {
        assert!(!s.pairs[..i].contains(&(p, r)), "pair ({p}, {r}) twice");
        assert!(!inst.forbidden.contains(&(p, r)), "forbidden pair ({p}, {r}) used");
        count[p] += 1;
        load[r] += 1;
        per_proposal[p] += u64::from(inst.affinity(p, r));
    }
    assert_eq!(count, inst.need, "reviewers per proposal");
    for (r, (&l, &c)) in load.iter().zip(&inst.capacity).enumerate() {
        assert!(l <= c, "reviewer {r} has {l} over cap {c}");
    }
    for pin in &inst.pinned {
        assert!(s.pairs.contains(pin), "pin {pin:?} dropped");
    }
    assert_eq!(s.total, per_proposal.iter().sum::<u64>());
    assert_eq!(s.worst, per_proposal.iter().copied().min().unwrap_or(0));
    assert!(s.worst <= s.worst_bound);
}

/// Every complete assignment, by brute force: each proposal takes every set of its allowed reviewers
/// that contains its pins. Returns (best total, best (worst, total)), or `None` when there is none.
fn enumerate(inst: &Instance) -> Option<(u64, (u64, u64))> {
    fn go(inst: &Instance, p: usize, load: &mut Vec<u32>, sums: &mut Vec<u64>, best: &mut Option<(u64, (u64, u64))>) {
        if p == inst.proposals() {
            let total = sums.iter().sum::<u64>();
            let worst = sums.iter().copied().min().unwrap_or(0);
            let (t, f) = best.get_or_insert((total, (worst, total)));
            *t = (*t).max(total);
            *f = (*f).max((worst, total));
            return;
        }
        let nr = inst.reviewers();
        for mask in 0u32..(1 << nr) {
            if mask.count_ones() != inst.need[p] {
                continue;
            }
            let members: Vec<usize> = (0..nr).filter(|r| mask & (1 << r) != 0).collect();
            let pins_in = inst.pinned.iter().filter(|&&(q, _)| q == p).all(|&(_, r)| members.contains(&r));
            let allowed = members.iter().all(|&r| !inst.forbidden.contains(&(p, r)) && load[r] < inst.capacity[r]);
            if !(pins_in && allowed) {
                continue;
            }
            members.iter().for_each(|&r| load[r] += 1);
            sums[p] = members.iter().map(|&r| u64::from(inst.affinity(p, r))).sum();
            go(inst, p + 1, load, sums, best);
            members.iter().for_each(|&r| load[r] -= 1);
        }
    }
    let mut best = None;
    go(inst, 0, &mut vec![0; inst.reviewers()], &mut vec![0; inst.proposals()], &mut best);
    best
}

/// The best total by dynamic programming over (proposal, loads left), pins ignored (callers pass none).
fn best_total_dp(inst: &Instance) -> Option<u64> {
    fn go(
        inst: &Instance,
        p: usize,
        left: Vec<u32>,
        memo: &mut HashMap<(usize, Vec<u32>), Option<u64>>,
    ) -> Option<u64> {
        if p == inst.proposals() {
            return Some(0);
        }
        if let Some(&known) = memo.get(&(p, left.clone())) {
            return known;
        }
        let nr = inst.reviewers();
        let mut best: Option<u64> = None;
        for mask in 0u32..(1 << nr) {
            if mask.count_ones() != inst.need[p] {
                continue;
            }
            let ok = (0..nr).all(|r| mask & (1 << r) == 0 || (left[r] > 0 && !inst.forbidden.contains(&(p, r))));
            if !ok {
                continue;
            }
            let mut next = left.clone();
            let mut gain = 0;
            for r in (0..nr).filter(|r| mask & (1 << r) != 0) {
                next[r] -= 1;
                gain += u64::from(inst.affinity(p, r));
            }
            if let Some(rest) = go(inst, p + 1, next, memo) {
                best = best.max(Some(gain + rest));
            }
        }
        memo.insert((p, left), best);
        best
    }
    go(inst, 0, inst.capacity.clone(), &mut HashMap::new())
}

/// The best total by textbook successive shortest paths, Bellman-Ford on the whole network of allowed
/// pairs (costs are minus affinities), one unit at a time: `None` when the need cannot be covered. Shares
/// nothing with the solver's candidate pairs, pricing or potentials, and runs where enumeration cannot.
fn best_total_ssp(inst: &Instance) -> Option<u64> {
    let (np, nr) = (inst.proposals(), inst.reviewers());
    let (source, sink) = (np + nr, np + nr + 1);
    let mut to = Vec::new();
    let mut cap = Vec::new();
    let mut cost = Vec::new();
    let mut out = vec![Vec::new(); np + nr + 2];
    let mut arc = |u: usize, v: usize, c: i64, k: i64| {
        for (a, b, c, k) in [(u, v, c, k), (v, u, 0, -k)] {
            out[a].push(to.len());
            to.push(b);
            cap.push(c);
            cost.push(k);
        }
    };
    let pins_of = |p: usize| inst.pinned.iter().filter(|x| x.0 == p).count() as i64;
    let pins_on = |r: usize| inst.pinned.iter().filter(|x| x.1 == r).count() as i64;
    for p in 0..np {
        arc(source, p, i64::from(inst.need[p]) - pins_of(p), 0);
        for r in 0..nr {
            if !inst.forbidden.contains(&(p, r)) && !inst.pinned.contains(&(p, r)) {
                arc(p, np + r, 1, -i64::from(inst.affinity(p, r)));
            }
        }
    }
    for r in 0..nr {
        arc(np + r, sink, i64::from(inst.capacity[r]) - pins_on(r), 0);
    }
    let mut total: i64 = inst.pinned.iter().map(|&(p, r)| i64::from(inst.affinity(p, r))).sum();
    let mut missing: i64 = (0..np).map(|p| i64::from(inst.need[p]) - pins_of(p)).sum();
    while missing > 0 {
        let mut dist = vec![i64::MAX; np + nr + 2];
        let mut via = vec![usize::MAX; np + nr + 2];
        dist[source] = 0;
        for _ in 0..np + nr + 2 {
            let mut changed = false;
            for u in 0..np + nr + 2 {
                if dist[u] == i64::MAX {
                    continue;
                }
                for &e in &out[u] {
                    if cap[e] > 0 && dist[u] + cost[e] < dist[to[e]] {
                        dist[to[e]] = dist[u] + cost[e];
                        via[to[e]] = e;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        if dist[sink] == i64::MAX {
            return None;
        }
        let mut v = sink;
        while v != source {
            let e = via[v];
            cap[e] -= 1;
            cap[e ^ 1] += 1;
            v = to[e ^ 1];
        }
        total -= dist[sink];
        missing -= 1;
    }
    Some(total as u64)
}

/// The infeasibility report names a group that really cannot be covered, with true reasons.
fn assert_explained(inst: &Instance, report: &halqe_search::assignment::Infeasible) {
    assert!(report.group_need > report.group_capacity);
    assert_eq!(report.need - report.coverable, report.group_need - report.group_capacity);
    assert!(!report.proposals.is_empty());
    let pins_of = |p: usize| inst.pinned.iter().filter(|x| x.0 == p).count() as u32;
    let load_left = |r: usize| inst.capacity[r] - inst.pinned.iter().filter(|x| x.1 == r).count() as u32;
    let allowed =
        |p: usize, r: usize| !inst.forbidden.contains(&(p, r)) && !inst.pinned.contains(&(p, r)) && load_left(r) > 0;
    let group: Vec<usize> = report.proposals.iter().map(|x| x.0).collect();
    let need: u64 = group.iter().map(|&p| u64::from(inst.need[p] - pins_of(p))).sum();
    let capacity: u64 = (0..inst.reviewers())
        .map(|r| u64::from(load_left(r)).min(group.iter().filter(|&&p| allowed(p, r)).count() as u64))
        .sum();
    assert_eq!((need, capacity), (report.group_need, report.group_capacity));
    for &(p, why) in &report.proposals {
        let eligible = (0..inst.reviewers()).filter(|&r| allowed(p, r)).count() as u32;
        let need = inst.need[p] - pins_of(p);
        match why {
            Why::TooFewEligible { eligible: e, need: n } => assert_eq!((e, n), (eligible, need)),
            Why::ReviewersFull => assert!(eligible >= need),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn matches_enumeration(seed: u64, np in 1usize..=4, nr in 1usize..=5, pins in 0usize..=3) {
        let inst = instance(seed, np, nr, 1..=2, 3, 20, pins);
        let oracle = enumerate(&inst);
        for objective in [Objective::Total, Objective::Fair] {
            match (run(&inst, objective), oracle) {
                (Ok(s), Some((total, fair))) => {
                    assert_valid(&inst, &s);
                    prop_assert!(s.proven);
                    match objective {
                        Objective::Total => prop_assert_eq!(s.total, total),
                        Objective::Fair => prop_assert_eq!((s.worst, s.total), fair),
                    }
                }
                (Err(Error::Infeasible(report)), None) => assert_explained(&inst, &report),
                (got, want) => prop_assert!(false, "solver {got:?}, enumeration {want:?}"),
            }
        }
    }

    #[test]
    fn total_matches_dynamic_program(seed: u64, np in 1usize..=8, nr in 2usize..=7) {
        let inst = instance(seed, np, nr, 1..=3, 4, 15, 0);
        match (run(&inst, Objective::Total), best_total_dp(&inst)) {
            (Ok(s), Some(total)) => {
                assert_valid(&inst, &s);
                prop_assert_eq!(s.total, total);
            }
            (Err(Error::Infeasible(report)), None) => assert_explained(&inst, &report),
            (got, want) => prop_assert!(false, "solver {got:?}, dynamic program {want:?}"),
        }
    }

    /// Wider than the solver's first candidate pairs (twice the need plus 8), with loads tight enough
    /// that proposals must go past them: the pricing and the cut checks decide here.
    #[test]
    fn total_matches_shortest_paths_beyond_the_candidates(
        seed: u64,
        np in 1usize..=24,
        nr in 12usize..=30,
        max_need in 0u32..=4,
        max_cap in 0u32..=4,
        forbid_pct in prop::sample::select(vec![0u64, 10, 60, 100]),
        pins in 0usize..=6,
        popularity in 0u32..=3,
    ) {
        let mut inst = instance(seed, np, nr, 0..=max_need, max_cap, forbid_pct, pins);
        // Reviewers everyone likes, so that cheap proposals must make way for others past their candidates.
        let mut rng = Rng(seed ^ 1);
        let popular: Vec<u32> = (0..nr).map(|_| popularity * rng.below(21) as u32).collect();
        for (i, a) in inst.affinity.iter_mut().enumerate() {
            *a += popular[i % nr];
        }
        match (run(&inst, Objective::Total), best_total_ssp(&inst)) {
            (Ok(s), Some(total)) => {
                assert_valid(&inst, &s);
                prop_assert_eq!(s.total, total);
            }
            (Err(Error::Infeasible(report)), None) => assert_explained(&inst, &report),
            (got, want) => prop_assert!(false, "solver {got:?}, shortest paths {want:?}"),
        }
    }

    #[test]
    fn fairness_on_larger_instances_is_valid_and_bounded(seed: u64) {
        let inst = instance(seed, 40, 25, 1..=3, 8, 5, 4);
        let total = run(&inst, Objective::Total);
        let fair = run(&inst, Objective::Fair);
        match (total, fair) {
            (Ok(total), Ok(fair)) => {
                assert_valid(&inst, &fair);
                // Never worse for the worst-off proposal than the plain optimum, never more total.
                prop_assert!(fair.worst >= total.worst);
                prop_assert!(fair.total <= total.total);
                prop_assert_eq!(fair.proven, fair.worst == fair.worst_bound);
            }
            (Err(Error::Infeasible(_)), Err(Error::Infeasible(_))) => {}
            (a, b) => prop_assert!(false, "total {a:?}, fair {b:?}"),
        }
    }
}

fn plain(need: Vec<u32>, capacity: Vec<u32>, affinity: Vec<u32>) -> Instance {
    Instance { need, capacity, affinity, forbidden: vec![], pinned: vec![] }
}

#[test]
fn fairness_gives_up_total_for_the_worst_off() {
    // Reviewer 0 suits both proposals best but can take one; the plain optimum gives it to proposal 0.
    let inst = plain(vec![1, 1], vec![1, 1], vec![10, 9, 8, 1]);
    let total = run(&inst, Objective::Total).unwrap();
    assert_eq!((total.pairs.clone(), total.total, total.worst), (vec![(0, 1), (1, 0)], 17, 8));
    let fair = run(&inst, Objective::Fair).unwrap();
    assert_eq!((fair.pairs, fair.total, fair.worst, fair.proven), (vec![(0, 1), (1, 0)], 17, 8, true));
    // Here the two objectives part: the best total (12) leaves proposal 1 with 2, fairness gives both 5.
    let inst = plain(vec![1, 1], vec![1, 1], vec![10, 5, 5, 2]);
    assert_eq!(run(&inst, Objective::Total).unwrap().pairs, vec![(0, 0), (1, 1)]);
    let fair = run(&inst, Objective::Fair).unwrap();
    assert_eq!((fair.pairs, fair.worst, fair.total, fair.proven), (vec![(0, 1), (1, 0)], 5, 10, true));
}

#[test]
fn a_proposal_with_too_few_allowed_reviewers_is_named() {
    let mut inst = plain(vec![2, 1], vec![2, 2, 2], vec![1; 6]);
    inst.forbidden = vec![(0, 0), (0, 1)];
    let Err(Error::Infeasible(report)) = run(&inst, Objective::Total) else { panic!("feasible") };
    assert_eq!(report.proposals, vec![(0, Why::TooFewEligible { eligible: 1, need: 2 })]);
    assert_eq!((report.need, report.capacity, report.coverable), (3, 6, 2));
}

#[test]
fn a_hall_deficit_names_the_group_competing_for_the_same_reviewers() {
    // Proposals 0 and 1 each have 2 allowed reviewers (0 and 1, one review each): 4 needed, 2 to give.
    let mut inst = plain(vec![2, 2, 1], vec![1, 1, 5], vec![3; 9]);
    inst.forbidden = vec![(0, 2), (1, 2)];
    let Err(Error::Infeasible(report)) = run(&inst, Objective::Fair) else { panic!("feasible") };
    assert_eq!(report.proposals, vec![(0, Why::ReviewersFull), (1, Why::ReviewersFull)]);
    assert_eq!((report.group_need, report.group_capacity), (4, 2));
    assert_eq!((report.need, report.capacity, report.coverable), (5, 7, 3));
}

#[test]
fn total_capacity_short_is_reported() {
    let inst = plain(vec![3, 3], vec![2, 2, 1], vec![1; 6]);
    let Err(Error::Infeasible(report)) = run(&inst, Objective::Total) else { panic!("feasible") };
    assert_eq!((report.need, report.capacity, report.coverable), (6, 5, 5));
    assert_eq!(report.group_need - report.group_capacity, 1);
}

#[test]
fn malformed_and_oversized_instances_are_refused_before_solving() {
    let mut inst = plain(vec![1], vec![1], vec![1]);
    inst.forbidden = vec![(0, 0)];
    inst.pinned = vec![(0, 0)];
    assert!(matches!(run(&inst, Objective::Total), Err(Error::Invalid(_))));
    let mut inst = plain(vec![1], vec![1, 1], vec![1, 1]);
    inst.pinned = vec![(0, 0), (0, 1)];
    assert!(matches!(run(&inst, Objective::Total), Err(Error::Invalid(_))));
    let inst = plain(vec![1], vec![1], vec![2_000_000]);
    assert!(matches!(run(&inst, Objective::Total), Err(Error::Invalid(_))));
    let inst = plain(vec![1; 3], vec![1; 3], vec![1; 9]);
    let small = Limits { pairs: 8, ..Limits::DEFAULT };
    assert_eq!(solve(&inst, Objective::Total, &small, &Control::default()), Err(Error::TooLarge("pairs")));
}

#[test]
fn progress_is_reported_and_cancel_stops_the_solve() {
    let inst = instance(7, 60, 30, 1..=3, 8, 5, 0);
    let reports = AtomicU64::new(0);
    let progress = |done: u64, total: u64| {
        assert!(done <= total);
        reports.fetch_add(1, Ordering::Relaxed);
    };
    let go = AtomicBool::new(false);
    assert!(solve(&inst, Objective::Total, &Limits::DEFAULT, &Control::new(&go, &progress)).is_ok());
    assert!(reports.load(Ordering::Relaxed) > 0);
    let stop = AtomicBool::new(true);
    for objective in [Objective::Total, Objective::Fair] {
        assert_eq!(solve(&inst, objective, &Limits::DEFAULT, &Control::new(&stop, &progress)), Err(Error::Cancelled));
    }
}

#[test]
fn degenerate_instances() {
    // Nobody needs a reviewer: the empty assignment, whatever the loads and conflicts.
    let mut inst = plain(vec![0; 3], vec![0, 2], vec![5; 6]);
    inst.forbidden = vec![(0, 0), (1, 1)];
    for objective in [Objective::Total, Objective::Fair] {
        let s = run(&inst, objective).unwrap();
        assert_eq!((s.pairs, s.total, s.worst, s.proven), (vec![], 0, 0, true));
    }
    // No reviewer has room: every proposal that needs one is short of eligible reviewers.
    let inst = plain(vec![1, 0, 2], vec![0; 4], vec![5; 12]);
    let Err(Error::Infeasible(report)) = run(&inst, Objective::Total) else { panic!("feasible") };
    assert_eq!(
        report.proposals,
        vec![(0, Why::TooFewEligible { eligible: 0, need: 1 }), (2, Why::TooFewEligible { eligible: 0, need: 2 })]
    );
    assert_eq!((report.need, report.capacity, report.coverable), (3, 0, 0));
    // Every pair forbidden.
    let mut inst = plain(vec![1; 2], vec![5; 20], vec![7; 40]);
    inst.forbidden = (0..2).flat_map(|p| (0..20).map(move |r| (p, r))).collect();
    let Err(Error::Infeasible(report)) = run(&inst, Objective::Fair) else { panic!("feasible") };
    assert_eq!(report.proposals.len(), 2);
    assert_eq!((report.group_need, report.group_capacity), (2, 0));
    // All affinities tied: any complete assignment is optimal.
    let inst = plain(vec![3; 10], vec![2; 15], vec![4; 150]);
    let s = run(&inst, Objective::Total).unwrap();
    assert_valid(&inst, &s);
    assert_eq!(s.total, 120);
}

#[test]
fn a_proposal_makes_way_for_others_with_a_reviewer_past_its_candidates() {
    // Proposal 0 likes reviewers 0–9 (100) a little more than reviewer 10 (99), which is not among its
    // first candidates; proposal i + 1 likes reviewer i (1000) and reviewers 11+ hardly (1). Each reviewer
    // takes one: proposal 0 must give up its candidates, although the flow over them alone is feasible
    // (9,101), to reach the optimum 10,099.
    let (np, nr) = (11, 40);
    let mut affinity = vec![0; np * nr];
    for r in 0..10 {
        affinity[r] = 100;
        affinity[(r + 1) * nr + r] = 1000;
        affinity[(r + 1) * nr + 11..(r + 2) * nr].fill(1);
    }
    affinity[10] = 99;
    let inst = plain(vec![1; np], vec![1; nr], affinity);
    let s = run(&inst, Objective::Total).unwrap();
    assert_valid(&inst, &s);
    assert_eq!((s.total, s.pairs[0]), (10_099, (0, 10)));
}

#[test]
fn proposals_that_all_want_the_same_reviewers_go_past_their_first_candidates() {
    // Every proposal ranks the reviewers alike (reviewer r scores 100 - r) and each reviewer takes one:
    // the 30 proposals must share out the 30 best, far beyond any proposal's first few candidates.
    let (np, nr) = (30, 60);
    let affinity = (0..np * nr).map(|i| 100 - (i % nr) as u32).collect();
    let inst = plain(vec![1; np], vec![1; nr], affinity);
    let s = run(&inst, Objective::Total).unwrap();
    assert_valid(&inst, &s);
    assert_eq!(s.total, (0..30).map(|r| 100 - r).sum::<u64>());
    let used: Vec<usize> =
        s.pairs.iter().map(|&(_, r)| r).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    assert_eq!(used, (0..30).collect::<Vec<_>>());
    // A 31st proposal that values only reviewer 59 takes them; the others still share out the 30 best.
    let mut inst = inst;
    inst.need.push(1);
    inst.capacity[59] = 1;
    inst.affinity.extend((0..nr).map(|r| if r == 59 { 1000 } else { 0 }));
    let s = run(&inst, Objective::Total).unwrap();
    assert_valid(&inst, &s);
    assert_eq!(s.total, 1000 + (0..30).map(|r| 100 - r).sum::<u64>());
}
