//! Proposals: answers to a published challenge by a person or for an organization they manage, with a
//! team whose every member accepts; drafts saved as the applicant types; each submission before the
//! deadline an immutable version with a tracking code; withdrawal before the deadline.

pub mod access;
pub mod attach;
pub mod create;
pub mod form;
pub mod list;
pub mod save;
pub mod show;
pub mod submit;
pub mod team;
pub mod view;
pub mod withdraw;

pub(crate) mod notify;

pub use access::Sides;
pub use form::ProposalForm;
pub use view::{ProposalView, Receipt, VersionView};
