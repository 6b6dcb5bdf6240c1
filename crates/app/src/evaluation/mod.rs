//! Evaluation of proposals: a call's stages as staff configure them, conflicts of interest as staff read them.

pub mod conflicts;
pub mod stages;
