//! The nearest-neighbour index: each document's profile vector (`semantic::profile_vector`), found by
//! meaning. An inverted file (IVF) over int8 vectors, kept in memory beside the text index and updated by
//! the same feed (docs/adr/0009-vectors-and-nearest-neighbours.md).
//!
//! Vectors are grouped into lists around centroids trained by spherical k-means; a query scans the lists
//! of its closest centroids. Below [`MIN_TRAIN`] vectors there is one list, so search is exact; the
//! centroids are trained again whenever the count has grown fourfold since the last training. The trained
//! centroids and each vector's list can be saved ([`Ann::saved`], `ann_file`) so that a node's start
//! restores them ([`Ann::restoring`]) instead of training again.

use std::collections::HashMap;
use std::sync::Arc;

use crate::ann_file::Saved;
use crate::int8::{Int8, dot_codes};

/// Vectors below which one list (an exact scan) is fastest.
pub const MIN_TRAIN: usize = 4096;
/// k-means rounds when training.
const ROUNDS: usize = 8;
/// Training points per list (a sample of the vectors).
const SAMPLE_PER_LIST: usize = 48;
/// Vectors moved between two releases of an old list's memory when training: moving a million vectors
/// otherwise holds them twice.
const MOVE_BATCH: usize = 65_536;

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
    /// Centroids, quantized and normalized; empty before training (one list).
    centroids: Vec<Int8>,
    lists: Vec<List>,
    /// Where each id is: its list and position.
    place: HashMap<Arc<str>, (usize, usize)>,
    /// How many vectors there were at the last training.
    trained_at: usize,
    /// Vectors placed by their closest centroid since the last [`Ann::saved`]: what a start from that
    /// file would have to place again.
    unsaved: usize,
}

impl Ann {
    pub fn len(&self) -> usize {
        self.place.len()
    }

    pub fn is_empty(&self) -> bool {
        self.place.is_empty()
    }

    /// Whether the centroids have been trained (more than one list).
    pub fn is_trained(&self) -> bool {
        !self.centroids.is_empty()
    }

    /// Adds or replaces the vector of `id`; a vector of another dimension than the first one is ignored.
    pub fn insert(&mut self, id: &str, vector: &[f32]) {
        self.insert_quantized(id, &Int8::of(vector));
    }

    /// [`Ann::insert`] of a vector already quantized.
    pub fn insert_quantized(&mut self, id: &str, q: &Int8) {
        self.insert_codes(Arc::from(id), &q.codes, None);
    }

    /// [`Ann::insert`] of a quantized vector's codes (its scale does not change a cosine), in the list
    /// `saved` records for them when it has one; returns whether it had.
    pub fn insert_saved(&mut self, id: Arc<str>, codes: &[i8], saved: Option<&Saved>) -> bool {
        let list = saved.and_then(|s| s.list_of(codes)).filter(|l| *l < self.centroids.len());
        self.insert_codes(id, codes, list);
        list.is_some()
    }

    fn insert_codes(&mut self, id: Arc<str>, codes: &[i8], list: Option<usize>) {
        self.remove(&id);
        if codes.is_empty() {
            return;
        }
        if self.dim == 0 {
            self.dim = codes.len();
        }
        if codes.len() != self.dim {
            return;
        }
        if self.lists.is_empty() {
            self.lists.push(List::default());
        }
        let list = list.unwrap_or_else(|| {
            self.unsaved += 1;
            closest(&self.centroids, codes)
        });
        self.push(list, id, inv_norm(codes), codes);
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

    /// Trains the centroids again if the index has grown fourfold since the last training; returns whether
    /// it did.
    pub fn maybe_train(&mut self) -> bool {
        let n = self.len();
        let due = n >= MIN_TRAIN && n >= 4 * self.trained_at.max(MIN_TRAIN / 4);
        if due {
            self.train();
        }
        due
    }

    /// An empty index with the centroids of `saved`, to be filled with [`Ann::insert_saved`]: the state of
    /// the index that saved it, without training.
    pub fn restoring(saved: &Saved) -> Self {
        Self {
            dim: saved.dim,
            centroids: saved.centroids.clone(),
            lists: vec![List::default(); saved.centroids.len()],
            trained_at: saved.trained_at,
            ..Self::default()
        }
    }

    /// Vectors placed by their closest centroid since the last [`Ann::saved`].
    pub fn unsaved(&self) -> usize {
        self.unsaved
    }

    /// The trained state to save: the centroids and each vector's list, by its codes (`None` before the
    /// first training, when a start has nothing to skip). Counts every vector as saved.
    pub fn saved(&mut self) -> Option<Saved> {
        self.unsaved = 0;
        if !self.is_trained() {
            return None;
        }
        let dim = self.dim;
        let lists = self.lists.iter().enumerate().flat_map(|(i, l)| l.codes.chunks_exact(dim).map(move |c| (c, i)));
        Some(Saved::new(dim, self.trained_at, self.centroids.clone(), lists))
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
        let mut by: Vec<(f32, usize)> =
            self.centroids.iter().enumerate().map(|(i, c)| (centroid_dot(c, codes), i)).collect();
        let p = self.probes();
        by.select_nth_unstable_by(p - 1, |a, b| b.0.total_cmp(&a.0));
        by.truncate(p);
        by.into_iter().map(|(_, i)| i).collect()
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
    /// million vectors it takes minutes on two cores (docs/benchmarks.md), which is why it is saved.
    fn train(&mut self) {
        let n = self.len();
        let dim = self.dim;
        let nlist = ((n as f64).sqrt() as usize).max(1);
        let all: Vec<(usize, usize)> =
            self.lists.iter().enumerate().flat_map(|(i, l)| (0..l.ids.len()).map(move |p| (i, p))).collect();
        let step = (all.len() / (nlist * SAMPLE_PER_LIST)).max(1);
        let sample: Vec<&[i8]> =
            all.iter().step_by(step).map(|&(i, p)| &self.lists[i].codes[p * dim..(p + 1) * dim]).collect();
        drop(all);
        let take = (sample.len() / nlist).max(1);
        let mut centroids: Vec<Int8> =
            sample.iter().step_by(take).take(nlist).map(|c| Int8::of(&normalized(to_f32(c)))).collect();
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
                    *c = Int8::of(&normalized(s));
                }
            }
        }
        self.regroup(centroids, n);
    }

    /// Moves every vector to its closest centroid's list under `centroids`, releasing the old lists'
    /// memory as it goes.
    fn regroup(&mut self, centroids: Vec<Int8>, trained_at: usize) {
        let dim = self.dim;
        let to: Vec<usize> = {
            let vectors: Vec<&[i8]> = self.lists.iter().flat_map(|l| l.codes.chunks_exact(dim)).collect();
            parallel_map(&vectors, |v| closest(&centroids, v))
        };
        let mut sizes = vec![0usize; centroids.len()];
        to.iter().for_each(|l| sizes[*l] += 1);
        let old = std::mem::replace(
            &mut self.lists,
            sizes
                .iter()
                .map(|&size| List {
                    ids: Vec::with_capacity(size),
                    inv_norms: Vec::with_capacity(size),
                    codes: Vec::with_capacity(size * dim),
                })
                .collect(),
        );
        self.centroids = centroids;
        self.place.clear();
        let mut start = 0;
        for mut l in old {
            let targets = &to[start..start + l.ids.len()];
            start += l.ids.len();
            // From the end, so each batch moved is truncated off the old list and its memory released.
            let mut end = l.ids.len();
            while end > 0 {
                let from = end.saturating_sub(MOVE_BATCH);
                for (pos, list) in targets.iter().enumerate().take(end).skip(from) {
                    let codes = &l.codes[pos * dim..(pos + 1) * dim];
                    self.push(*list, l.ids[pos].clone(), l.inv_norms[pos], codes);
                }
                l.ids.truncate(from);
                l.ids.shrink_to_fit();
                l.inv_norms.truncate(from);
                l.inv_norms.shrink_to_fit();
                l.codes.truncate(from * dim);
                l.codes.shrink_to_fit();
                end = from;
            }
        }
        self.trained_at = trained_at;
    }
}

/// A centroid's dot product with a code vector, proportional to their cosine (centroids are normalized,
/// so the factor is the same for every centroid).
fn centroid_dot(centroid: &Int8, codes: &[i8]) -> f32 {
    dot_codes(codes, &centroid.codes) as f32 * centroid.scale
}

/// The index of the centroid closest to `codes` (0 for none): the list a vector belongs to.
pub(crate) fn closest(centroids: &[Int8], codes: &[i8]) -> usize {
    let mut best = (f32::NEG_INFINITY, 0);
    for (i, c) in centroids.iter().enumerate() {
        let d = centroid_dot(c, codes);
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
