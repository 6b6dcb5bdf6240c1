//! Evaluation of proposals: conflicts of interest as staff read them.

pub mod conflicts;
