//! Evaluation of proposals: a call's stages as staff configure them, its reviewer pool, conflicts of
//! interest as staff read them, the assignment of reviewers, and reviews as reviewers write them and staff
//! read them.

pub mod assignment;
pub mod blind;
pub mod conflicts;
pub mod pool;
pub mod results;
pub mod reviews;
pub mod stages;
