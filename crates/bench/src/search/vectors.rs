//! Vectors for `halqe-bench search --vectors`: a million profiles cannot be embedded for a benchmark
//! (about 0.1 s each), so each gets seeded vectors shaped like e5's instead. Every vector is a shared
//! direction, its topic's direction and its own noise, so that texts of one topic sit at a cosine of
//! about 0.93 and unrelated ones at about 0.75, as e5 puts them (`halqe_search::meaning::MEANING_FLOOR`
//! lies between). What the benchmark times does not depend on what the vectors mean: the nearest-neighbour
//! search, reading candidates' stored vectors, the semantic signal and the memory they take.

use super::profiles::{Generator, Profile};
use super::queries::Query;
use crate::rng::Rng;

/// e5-small's dimension.
pub const DIM: usize = 384;
/// Weights of the shared direction, the topic's and the text's own: cosines 1.25/1.34 within a topic,
/// 1/1.34 across.
const SHARED: f32 = 1.0;
const TOPIC: f32 = 0.5;
const OWN: f32 = 0.3;

const STREAM: u64 = 40;

/// A unit vector from `rng`.
fn direction(rng: &mut Rng) -> Vec<f32> {
    let v: Vec<f32> = (0..DIM).map(|_| rng.unit() as f32 * 2.0 - 1.0).collect();
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    v.into_iter().map(|x| x / norm).collect()
}

/// The shared and per-topic directions of one seed.
pub struct Space {
    shared: Vec<f32>,
    topics: Vec<Vec<f32>>,
}

impl Space {
    pub fn new(g: &Generator, seed: u64) -> Self {
        let shared = direction(&mut Rng::new(seed, STREAM, u64::MAX));
        let topics = (0..g.topic_count()).map(|t| direction(&mut Rng::new(seed, STREAM + 1, t as u64))).collect();
        Self { shared, topics }
    }

    /// A text of `topic`: the shared and topic directions plus its own, normalized.
    fn text(&self, topic: usize, rng: &mut Rng) -> Vec<f32> {
        let own = direction(rng);
        let v: Vec<f32> =
            (0..DIM).map(|i| SHARED * self.shared[i] + TOPIC * self.topics[topic][i] + OWN * own[i]).collect();
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.into_iter().map(|x| x / norm).collect()
    }

    /// Gives profile `n` a vector for its summary and one per publication, as the embedding job stores them.
    pub fn fill(&self, p: &mut Profile<'_>, seed: u64, n: u64) {
        let mut rng = Rng::new(seed, STREAM + 2, n);
        p.doc.vector = self.text(p.topic, &mut rng);
        for publication in &mut p.doc.publications {
            publication.vector = self.text(p.topic, &mut rng);
        }
    }

    /// Need `q`'s vector: a text of its field's topic (of topic 0 for a need without a known field).
    pub fn need(&self, g: &Generator, q: &Query) -> Vec<f32> {
        let topic = q.field.and_then(|f| g.topic_of(f)).unwrap_or(0);
        self.text(topic, &mut Rng::new(0, STREAM + 3, q.i as u64))
    }
}
