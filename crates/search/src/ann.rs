//! The nearest-neighbour index: each document's profile vector (`semantic::profile_vector`), found by
//! meaning. An inverted file (IVF) over int8 vectors, kept in memory beside the text index and updated by
//! the same feed (docs/adr/0009-vectors-and-nearest-neighbours.md).
//!
//! Vectors are grouped into lists around centroids trained by spherical k-means; a query scans the lists
//! of its closest centroids. Below [`MIN_TRAIN`] vectors there is one list, so search is exact; the
//! centroids are trained again whenever the count has grown fourfold since the last training.

use std::collections::HashMap;
use std::sync::Arc;

use crate::int8::{Int8, dot_codes};

/// Vectors below which one list (an exact scan) is fastest.
pub const MIN_TRAIN: usize = 4096;
/// k-means rounds when training.
const ROUNDS: usize = 8;
/// Training points per list (a sample of the vectors).
const SAMPLE_PER_LIST: usize = 48;

/// One list: its vectors' ids, the inverse of each one's length in code units (a cosine needs no scale:
/// it cancels), and codes (`dim` codes each).
#[derive(Debug, Default, Clone)]
struct List {
    ids: Vec<Arc<str>>,
    inv_norms: Vec<f32>,
    codes: Vec<i8>,
}

/// The inverse length of a code vector (0 for the zero vector, which is then never near anything).
fn inv_norm(codes: &[i8]) -> f32 {
    let n = (dot_codes(codes, codes) as f32).sqrt();
    if n > 0.0 { 1.0 / n } else { 0.0 }
}

/// The index.
#[derive(Debug, Default, Clone)]
pub struct Ann {
    dim: usize,
    /// Centroids; empty before training (one list).
    centroids: Vec<Centroid>,
    lists: Vec<List>,
    /// Where each id is: its list and position.
    place: HashMap<Arc<str>, (usize, usize)>,
    /// How many vectors there were at the last training.
    trained_at: usize,
}

impl Ann {
    pub fn len(&self) -> usize {
        self.place.len()
    }

    pub fn is_empty(&self) -> bool {
        self.place.is_empty()
    }

    /// Adds or replaces the vector of `id`; a vector of another dimension than the first one is ignored.
    pub fn insert(&mut self, id: &str, vector: &[f32]) {
        self.insert_quantized(id, &Int8::of(vector));
    }

    /// [`Ann::insert`] of a vector already quantized (what an index queues until its commit: a quarter of
    /// the memory of `f32`s when a rebuild queues every document).
    pub fn insert_quantized(&mut self, id: &str, q: &Int8) {
        self.remove(id);
        if q.codes.is_empty() {
            return;
        }
        if self.dim == 0 {
            self.dim = q.codes.len();
        }
        if q.codes.len() != self.dim {
            return;
        }
        let list = self.list_for(&q.codes);
        self.push(list, Arc::from(id), inv_norm(&q.codes), &q.codes);
    }

    /// Removes the vector of `id`, if any.
    pub fn remove(&mut self, id: &str) {
        let Some((list, pos)) = self.place.remove(id) else { return };
        let l = &mut self.lists[list];
        let last = l.ids.len() - 1;
        l.ids.swap_remove(pos);
        l.inv_norms.swap_remove(pos);
        if pos != last {
            let (dst, src) = (pos * self.dim, last * self.dim);
            l.codes.copy_within(src..src + self.dim, dst);
            self.place.insert(l.ids[pos].clone(), (list, pos));
        }
        l.codes.truncate(last * self.dim);
    }

    /// Trains the centroids again if the index has grown fourfold since the last training.
    pub fn maybe_train(&mut self) {
        let n = self.len();
        if n >= MIN_TRAIN && n >= 4 * self.trained_at.max(MIN_TRAIN / 4) {
            self.train();
        }
    }

    /// The `k` nearest ids to `query` by cosine (vectors are compared as stored, normalized or not), best
    /// first, scanning the lists of the closest `probes` centroids (every list when untrained).
    pub fn nearest(&self, query: &[f32], k: usize) -> Vec<(Arc<str>, f32)> {
        if query.len() != self.dim || k == 0 {
            return Vec::new();
        }
        let q = Int8::of(query);
        let q_inv = inv_norm(&q.codes);
        let mut scored: Vec<(f32, usize, usize)> = Vec::new();
        for list in self.probed(&q.codes) {
            let l = &self.lists[list];
            for (pos, codes) in l.codes.chunks_exact(self.dim).enumerate() {
                scored.push((dot_codes(&q.codes, codes) as f32 * q_inv * l.inv_norms[pos], list, pos));
            }
        }
        let by_score = |a: &(f32, usize, usize), b: &(f32, usize, usize)| b.0.total_cmp(&a.0);
        if scored.len() > k {
            scored.select_nth_unstable_by(k - 1, by_score);
            scored.truncate(k);
        }
        scored.sort_by(by_score);
        scored.into_iter().map(|(s, list, pos)| (self.lists[list].ids[pos].clone(), s)).collect()
    }

    /// How many lists a query scans: a sixth of them, at least sixteen (recall@10 about 0.9 even on random
    /// vectors, which have no clusters to help; see the test).
    fn probes(&self) -> usize {
        (self.lists.len() / 6).max(16).min(self.lists.len())
    }

    /// The lists a query with these codes scans, closest centroid first.
    fn probed(&self, codes: &[i8]) -> Vec<usize> {
        if self.centroids.is_empty() {
            return (0..self.lists.len()).collect();
        }
        let mut by: Vec<(f32, usize)> = self.centroids.iter().enumerate().map(|(i, c)| (c.dot(codes), i)).collect();
        let p = self.probes();
        by.select_nth_unstable_by(p - 1, |a, b| b.0.total_cmp(&a.0));
        by.truncate(p);
        by.into_iter().map(|(_, i)| i).collect()
    }

    /// The list a vector with these codes belongs to: its closest centroid's.
    fn list_for(&mut self, codes: &[i8]) -> usize {
        if self.lists.is_empty() {
            self.lists.push(List::default());
        }
        closest(&self.centroids, codes)
    }

    fn push(&mut self, list: usize, id: Arc<str>, inv_norm: f32, codes: &[i8]) {
        let l = &mut self.lists[list];
        self.place.insert(id.clone(), (list, l.ids.len()));
        l.ids.push(id);
        l.inv_norms.push(inv_norm);
        l.codes.extend_from_slice(codes);
    }

    /// Spherical k-means over a sample (about the square root of the count in lists), then every vector
    /// moved to its closest centroid's list. Distances are integer dot products of codes, computed on every
    /// core: training costs rounds × sample × lists and the move count × lists dot products, so at a
    /// million vectors it is the largest part of a new node's start (docs/benchmarks.md).
    fn train(&mut self) {
        let n = self.len();
        let dim = self.dim;
        let nlist = ((n as f64).sqrt() as usize).max(1);
        let all: Vec<(usize, usize)> =
            self.lists.iter().enumerate().flat_map(|(i, l)| (0..l.ids.len()).map(move |p| (i, p))).collect();
        let step = (all.len() / (nlist * SAMPLE_PER_LIST)).max(1);
        let sample: Vec<&[i8]> =
            all.iter().step_by(step).map(|&(i, p)| &self.lists[i].codes[p * dim..(p + 1) * dim]).collect();
        let take = (sample.len() / nlist).max(1);
        let mut centroids: Vec<Centroid> =
            sample.iter().step_by(take).take(nlist).map(|c| Centroid::of(&normalized(to_f32(c)))).collect();
        for _ in 0..ROUNDS {
            let nearest = parallel_map(&sample, |v| closest(&centroids, v));
            let mut sums = vec![vec![0f32; dim]; centroids.len()];
            for (v, best) in sample.iter().zip(nearest) {
                // Each sample point counts as its direction.
                let inv = inv_norm(v);
                sums[best].iter_mut().zip(v.iter()).for_each(|(s, x)| *s += f32::from(*x) * inv);
            }
            for (c, s) in centroids.iter_mut().zip(sums) {
                if s.iter().any(|x| *x != 0.0) {
                    *c = Centroid::of(&normalized(s));
                }
            }
        }
        let old = std::mem::take(&mut self.lists);
        let vectors: Vec<&[i8]> = old.iter().flat_map(|l| l.codes.chunks_exact(dim)).collect();
        let to = parallel_map(&vectors, |v| closest(&centroids, v));
        self.lists = vec![List::default(); centroids.len()];
        self.centroids = centroids;
        self.place.clear();
        let entries = old.iter().flat_map(|l| l.ids.iter().zip(&l.inv_norms));
        for (((id, inv), codes), list) in entries.zip(vectors).zip(to) {
            self.push(list, id.clone(), *inv, codes);
        }
        self.trained_at = n;
    }
}

/// A quantized, normalized centroid; its dot product with a code vector is comparable across centroids.
#[derive(Debug, Clone)]
struct Centroid(Int8);

impl Centroid {
    fn of(v: &[f32]) -> Self {
        Self(Int8::of(v))
    }

    /// Proportional to the cosine with `codes` (the same factor for every centroid).
    fn dot(&self, codes: &[i8]) -> f32 {
        dot_codes(codes, &self.0.codes) as f32 * self.0.scale
    }
}

/// The index of the centroid closest to `codes` (0 for none).
fn closest(centroids: &[Centroid], codes: &[i8]) -> usize {
    let mut best = (f32::NEG_INFINITY, 0);
    for (i, c) in centroids.iter().enumerate() {
        let d = c.dot(codes);
        if d > best.0 {
            best = (d, i);
        }
    }
    best.1
}

/// `f` of every item, the items split across the machine's cores.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(1024);
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            items.chunks(chunk).map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>())).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

fn to_f32(codes: &[i8]) -> Vec<f32> {
    codes.iter().map(|c| f32::from(*c)).collect()
}

fn normalized(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The exact `k` nearest by cosine.
    fn brute_force(vectors: &[(String, Vec<f32>)], query: &[f32], k: usize) -> Vec<String> {
        let cos = |a: &[f32], b: &[f32]| {
            let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
            dot / (a.iter().map(|x| x * x).sum::<f32>().sqrt() * b.iter().map(|x| x * x).sum::<f32>().sqrt())
        };
        let mut all: Vec<(f32, &String)> = vectors.iter().map(|(id, v)| (cos(query, v), id)).collect();
        all.sort_by(|a, b| b.0.total_cmp(&a.0));
        all.into_iter().take(k).map(|(_, id)| id.clone()).collect()
    }

    /// A vector of `dim` values in [-1, 1] from a seed (xorshift).
    fn random(seed: u64, dim: usize) -> Vec<f32> {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..dim)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x % 2001) as f32 / 1000.0 - 1.0
            })
            .collect()
    }

    #[test]
    fn updates_and_removals_keep_every_id_in_one_place() {
        let mut ann = Ann::default();
        for i in 0..10u64 {
            ann.insert(&format!("d{i}"), &random(i, 8));
        }
        ann.insert("d3", &random(99, 8));
        ann.remove("d0");
        ann.remove("missing");
        ann.insert("d5", &[]);
        ann.insert("odd", &[1.0, 2.0]);
        assert_eq!(ann.len(), 8, "d0 and d5 gone, the odd dimension ignored");
        let top = ann.nearest(&random(99, 8), 1);
        assert_eq!(&*top[0].0, "d3", "the replaced vector is the one found");
        assert!(top[0].1 > 0.99, "{top:?}");
        assert!(ann.nearest(&random(1, 3), 5).is_empty(), "another dimension finds nothing");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4))]
        /// On random vectors (the hardest case: no clusters), the trained index finds most of the exact
        /// ten nearest, and an untrained one (an exact scan of int8 vectors) all but a near tie.
        #[test]
        fn recall_against_brute_force(seed in any::<u64>(), extra in 0usize..1000) {
            let dim = 16;
            let n = MIN_TRAIN + extra;
            let vectors: Vec<(String, Vec<f32>)> =
                (0..n as u64).map(|i| (format!("d{i}"), random(seed ^ (i + 1), dim))).collect();
            let mut ann = Ann::default();
            for (id, v) in &vectors[..100] {
                ann.insert(id, v);
            }
            let query = random(seed.rotate_left(17) ^ 0xABCD, dim);
            let exact = brute_force(&vectors[..100], &query, 10);
            let found = ann.nearest(&query, 10).iter().filter(|(id, _)| exact.iter().any(|e| **e == **id)).count();
            prop_assert!(found >= 9, "untrained, one list: only int8 rounding may swap a near tie ({})", found);

            for (id, v) in &vectors[100..] {
                ann.insert(id, v);
            }
            ann.maybe_train();
            prop_assert!(ann.centroids.len() > 1);
            let mut hits = 0;
            for q in 0..20u64 {
                let query = random(seed.rotate_left(7) ^ (q + 7_000_000), dim);
                let exact = brute_force(&vectors, &query, 10);
                hits += ann.nearest(&query, 10).iter().filter(|(id, _)| exact.iter().any(|e| **e == **id)).count();
            }
            let recall = hits as f64 / 200.0;
            prop_assert!(recall >= 0.85, "recall@10 {}", recall);
        }
    }
}
