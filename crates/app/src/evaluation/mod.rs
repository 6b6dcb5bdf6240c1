//! Evaluation of proposals: a call's stages as staff configure them, its reviewer pool, conflicts of
//! interest as staff read them, the assignment of reviewers, reviews as reviewers write them and staff read
//! them, opening a challenge's evaluation, decisions with their reasons and appeals against them.

pub mod appeals;
pub mod assignment;
pub mod blind;
pub mod conflicts;
pub mod decisions;
pub mod pool;
pub mod record;
pub mod reminders;
pub mod results;
pub mod reviews;
pub mod stages;

pub(crate) mod notices;
pub(crate) mod open;
