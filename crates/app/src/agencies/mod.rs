//! Government agencies: staff create them and invite their officers.

pub mod accept_invitation;
pub mod create;
pub mod invite_officer;
pub mod show;

pub use halqe_db::agencies::Agency;
pub use halqe_db::invitations::Invitation;
