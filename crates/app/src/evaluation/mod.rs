//! Evaluation of proposals: a call's stages as staff configure them, conflicts of interest as staff read them,
//! reviews as reviewers write them and staff read them.

pub mod blind;
pub mod conflicts;
pub mod results;
pub mod reviews;
pub mod stages;
