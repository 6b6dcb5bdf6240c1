//! Search and matching: Persian/English text analysis, the per-node index, ranking with explanations,
//! and the reviewer-assignment solver. Pure computation; the database feeds it.

pub mod analysis;
pub mod ann;
pub mod ann_file;
pub mod assignment;
pub mod directory;
pub mod doc;
pub mod index;
pub mod int8;
pub mod matching;
pub mod meaning;
pub mod query;
pub mod semantic;
pub mod stem;
pub mod surface;
pub mod tokenizer;

pub use doc::{DocKind, IndexDoc, PublicationText};
pub use index::{SearchError, SearchIndex};
