//! Why no assignment covers every proposal: the proposals on the source side of a minimum cut need
//! more reviews than every reviewer allowed to them can give them together (a Hall-type deficit).

use super::Prepared;

/// The proposals that cannot all be covered, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Infeasible {
    /// Reviews still needed by all proposals after the pins.
    pub need: u64,
    /// Reviews all reviewers can still take.
    pub capacity: u64,
    /// The most reviews any assignment covers.
    pub coverable: u64,
    /// The smallest group of proposals that cannot all be covered: (proposal, why), by proposal.
    pub proposals: Vec<(usize, Why)>,
    /// Reviews the group needs.
    pub group_need: u64,
    /// Reviews the group can get: each allowed reviewer gives at most their load left, and one per proposal.
    pub group_capacity: u64,
}

/// Why one proposal of the group is short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Fewer reviewers are allowed to it (unconflicted, not ruled out, with load left) than it needs.
    TooFewEligible { eligible: u32, need: u32 },
    /// It has enough allowed reviewers, but the group's other proposals need the same reviewers.
    ReviewersFull,
}

pub(super) fn explain(prepared: &Prepared, reachable: &[bool], coverable: u64) -> Infeasible {
    let (np, nr) = (prepared.need.len(), prepared.capacity.len());
    let mut proposals = Vec::new();
    let mut group_need = 0;
    let mut shared = vec![0u64; nr];
    for p in (0..np).filter(|&p| reachable[p]) {
        let (eligible, need) = (prepared.allowed(p).count() as u32, prepared.need[p]);
        group_need += u64::from(need);
        for r in prepared.allowed(p) {
            shared[r as usize] += 1;
        }
        let why = if eligible < need { Why::TooFewEligible { eligible, need } } else { Why::ReviewersFull };
        proposals.push((p, why));
    }
    let group_capacity = shared.iter().zip(&prepared.capacity).map(|(&s, &c)| s.min(u64::from(c))).sum();
    Infeasible {
        need: prepared.need.iter().map(|&k| u64::from(k)).sum(),
        capacity: prepared.capacity.iter().map(|&c| u64::from(c)).sum(),
        coverable,
        proposals,
        group_need,
        group_capacity,
    }
}
