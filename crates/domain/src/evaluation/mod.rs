//! Evaluation rules: a call's stages and their criteria, conflicts of interest between reviewers and
//! proposals, and the calibration of reviewers' scores.

pub mod calibration;
pub mod conflicts;
pub mod stages;
