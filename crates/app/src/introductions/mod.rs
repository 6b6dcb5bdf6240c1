//! Introductions: officers or staff ask candidates for a need; candidates accept or decline; the agency
//! records the outcome; the parties follow a timeline and write in the introduction's conversation
//! (`conversations`).

pub mod answer;
pub mod list;
pub mod record_outcome;
pub mod rematch;
pub mod request;
pub mod show;
pub mod view;
pub mod why;
pub mod withdraw;

pub(crate) mod access;
pub(crate) mod notify;
pub(crate) mod steps;

pub use access::Parties;
pub use halqe_db::introductions::EventListed;
pub use view::{ContactLine, IntroductionItem, IntroductionView};
pub use why::Why;
