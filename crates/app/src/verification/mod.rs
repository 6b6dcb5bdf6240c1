//! Verification: innovators declare claims with evidence files; staff approve or reject each with a reason.

pub mod attach_evidence;
pub mod badges;
pub mod decide;
pub mod declare;
pub mod download;
pub mod show;

mod access;
mod evidence;
mod view;

pub use badges::{Badge, badges_for_organization, badges_for_person};
pub use view::{ClaimView, EvidenceView};
