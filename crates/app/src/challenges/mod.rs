//! Challenges: officers write their agency's problem statements from a template; staff review, return
//! with comments, approve and publish them; the public finds them in the catalogue; every step recorded.

pub mod attach;
pub mod catalogue;
pub mod create;
pub mod edit;
pub mod form;
pub mod invite;
pub mod list;
pub mod matches;
pub mod show;
pub mod step;
pub mod suggestions;
pub mod view;

pub(crate) mod access;
pub(crate) mod events;

pub use access::Sides;
pub use form::ChallengeForm;
pub use view::{ChallengeView, EventView};
