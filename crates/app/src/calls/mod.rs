//! Calls: staff group challenges into a round with dates and rules, and publish it.

pub mod assign;
pub mod create;
pub mod publish;
pub mod show;

pub use create::CallForm;
pub use show::{CallPage, CallView};
