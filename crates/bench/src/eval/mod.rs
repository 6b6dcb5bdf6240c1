//! `halqe-bench eval`: the product's own analyzer and matcher measured on external data sets.

pub mod expertise;
pub mod metric;
pub mod retrieval;
pub mod semantic;
