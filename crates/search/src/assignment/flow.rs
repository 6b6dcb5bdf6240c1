//! Exact min-cost flow by the primal-dual method: Dijkstra on reduced costs moves the node potentials,
//! then a blocking flow saturates every shortest augmenting path at once (docs/adr/0011-reviewer-assignment.md).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use super::{Cancelled, Control};

const NONE: u32 = u32::MAX;
const FAR: i64 = i64::MAX / 4;

/// A residual network in forward-star form; arc `e ^ 1` is the reverse of arc `e`.
#[derive(Debug, Default)]
pub(crate) struct Network {
    first: Vec<u32>,
    next: Vec<u32>,
    to: Vec<u32>,
    cap: Vec<i32>,
    cost: Vec<i64>,
    /// Node potentials after `min_cost_flow`: every residual arc's reduced cost is non-negative under them.
    pot: Vec<i64>,
}

impl Network {
    pub(crate) fn new(nodes: usize, arcs: usize) -> Self {
        Self {
            first: vec![NONE; nodes],
            next: Vec::with_capacity(2 * arcs),
            to: Vec::with_capacity(2 * arcs),
            cap: Vec::with_capacity(2 * arcs),
            cost: Vec::with_capacity(2 * arcs),
            pot: vec![0; nodes],
        }
    }

    /// Adds an arc of capacity `cap` and non-negative `cost`; returns its id.
    pub(crate) fn arc(&mut self, from: usize, to: usize, cap: i32, cost: i64) -> usize {
        let e = self.to.len();
        for (tail, head, c, k) in [(from, to, cap, cost), (to, from, 0, -cost)] {
            self.next.push(self.first[tail]);
            self.first[tail] = self.to.len() as u32;
            self.to.push(head as u32);
            self.cap.push(c);
            self.cost.push(k);
        }
        e
    }

    /// Units of flow on arc `e`.
    pub(crate) fn flow(&self, e: usize) -> i32 {
        self.cap[e ^ 1]
    }

    fn arcs(&self, v: usize) -> impl Iterator<Item = usize> + '_ {
        let mut e = self.first[v];
        std::iter::from_fn(move || {
            (e != NONE).then(|| {
                let this = e as usize;
                e = self.next[this];
                this
            })
        })
    }

    /// Sends up to `demand` units from `s` to `t` at least cost; returns the units sent, which fall
    /// short of `demand` only when no more can reach `t` (the flow is then a maximum flow).
    pub(crate) fn min_cost_flow(
        &mut self,
        s: usize,
        t: usize,
        demand: i64,
        control: &Control,
    ) -> Result<i64, Cancelled> {
        let n = self.first.len();
        // Every cost is non-negative, so zero potentials are feasible to start.
        let mut pot = std::mem::take(&mut self.pot);
        pot.fill(0);
        let mut dist = vec![FAR; n];
        let mut level = vec![-1i32; n];
        let mut current = vec![NONE; n];
        let mut sent = 0i64;
        while sent < demand {
            if control.cancelled() {
                return Err(Cancelled);
            }
            let d_t = self.dijkstra(s, t, &pot, &mut dist);
            if d_t >= FAR {
                break;
            }
            // Truncated at t's distance, the potentials keep every residual reduced cost non-negative.
            for (p, d) in pot.iter_mut().zip(&dist) {
                *p += (*d).min(d_t);
            }
            while sent < demand && self.levels(s, t, &pot, &mut level) {
                current.copy_from_slice(&self.first);
                sent += self.blocking_flow(s, t, demand - sent, &pot, &level, &mut current);
            }
            control.report(sent as u64, demand as u64);
        }
        self.pot = pot;
        Ok(sent)
    }

    /// The node potentials left by `min_cost_flow`: every residual arc has a non-negative reduced cost
    /// under them, which proves the flow optimal among flows of its value.
    pub(crate) fn potentials(&self) -> &[i64] {
        &self.pot
    }

    fn reduced(&self, e: usize, from: usize, pot: &[i64]) -> i64 {
        self.cost[e] + pot[from] - pot[self.to[e] as usize]
    }

    /// Shortest reduced distances from `s`, settled only up to `t`'s.
    fn dijkstra(&self, s: usize, t: usize, pot: &[i64], dist: &mut [i64]) -> i64 {
        dist.fill(FAR);
        dist[s] = 0;
        let mut heap = BinaryHeap::from([Reverse((0i64, s as u32))]);
        while let Some(Reverse((d, v))) = heap.pop() {
            let v = v as usize;
            if d > dist[v] {
                continue;
            }
            if v == t {
                break;
            }
            for e in self.arcs(v) {
                if self.cap[e] > 0 {
                    let w = self.to[e] as usize;
                    let nd = d + self.reduced(e, v, pot);
                    if nd < dist[w] {
                        dist[w] = nd;
                        heap.push(Reverse((nd, w as u32)));
                    }
                }
            }
        }
        dist[t]
    }

    fn admissible(&self, e: usize, from: usize, pot: &[i64]) -> bool {
        self.cap[e] > 0 && self.reduced(e, from, pot) == 0
    }

    /// Breadth-first levels over the zero-reduced-cost residual arcs; whether `t` is reached.
    fn levels(&self, s: usize, t: usize, pot: &[i64], level: &mut [i32]) -> bool {
        level.fill(-1);
        level[s] = 0;
        let mut queue = VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            for e in self.arcs(v) {
                let w = self.to[e] as usize;
                if level[w] < 0 && self.admissible(e, v, pot) {
                    level[w] = level[v] + 1;
                    queue.push_back(w);
                }
            }
        }
        level[t] >= 0
    }

    /// Augments along level-increasing admissible paths until none is left or `limit` units went.
    fn blocking_flow(
        &mut self,
        s: usize,
        t: usize,
        limit: i64,
        pot: &[i64],
        level: &[i32],
        current: &mut [u32],
    ) -> i64 {
        let mut sent = 0i64;
        let mut path: Vec<usize> = Vec::new();
        let mut dead = vec![false; level.len()];
        let mut v = s;
        while sent < limit {
            if v == t {
                let push = path.iter().map(|&e| i64::from(self.cap[e])).min().unwrap_or(0).min(limit - sent);
                for &e in &path {
                    self.cap[e] -= push as i32;
                    self.cap[e ^ 1] += push as i32;
                }
                sent += push;
                // Retreat to the tail of the first arc that is now full.
                let full = path.iter().position(|&e| self.cap[e] == 0).unwrap_or(0);
                path.truncate(full);
                v = path.last().map_or(s, |&e| self.to[e] as usize);
                continue;
            }
            let mut advanced = false;
            while current[v] != NONE {
                let e = current[v] as usize;
                let w = self.to[e] as usize;
                if !dead[w] && level[w] == level[v] + 1 && self.admissible(e, v, pot) {
                    path.push(e);
                    v = w;
                    advanced = true;
                    break;
                }
                current[v] = self.next[e];
            }
            if !advanced {
                dead[v] = true;
                match path.pop() {
                    None => break,
                    Some(e) => {
                        v = self.to[e ^ 1] as usize;
                        current[v] = self.next[e];
                    }
                }
            }
        }
        sent
    }

    /// Nodes reachable from `s` through arcs with residual capacity: the source side of a minimum cut
    /// once the flow is maximum.
    pub(crate) fn reachable(&self, s: usize) -> Vec<bool> {
        let mut seen = vec![false; self.first.len()];
        seen[s] = true;
        let mut stack = vec![s];
        while let Some(v) = stack.pop() {
            for e in self.arcs(v) {
                let w = self.to[e] as usize;
                if self.cap[e] > 0 && !seen[w] {
                    seen[w] = true;
                    stack.push(w);
                }
            }
        }
        seen
    }
}
