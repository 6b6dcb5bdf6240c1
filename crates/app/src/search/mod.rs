//! Search use cases: keeping this node's index in step with the database, and querying it.

pub mod directory;
pub mod documents;
pub mod embedding;
pub mod feed;
pub mod filters;
pub mod matching;
pub mod model;
pub mod semantic;
pub mod vectors;
