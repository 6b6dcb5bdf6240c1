//! Evaluation rules: a call's stages and their criteria, conflicts of interest between reviewers and
//! proposals, the reviewer pool and its assignment, reviews and what a blind stage hides, the calibration
//! of reviewers' scores, and decisions.

pub mod calibration;
pub mod conflicts;
pub mod decisions;
pub mod pool;
pub mod review;
pub mod stages;
