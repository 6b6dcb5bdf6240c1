//! Search and matching: Persian/English text analysis, the per-node index, ranking with explanations,
//! and the reviewer-assignment solver. Pure computation; the database feeds it.

pub mod analysis;
