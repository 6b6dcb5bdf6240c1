//! Halqe's domain: pure types and rules with no IO — ids, validated inputs, roles and permissions, the clock.

pub mod agency;
pub mod calendar;
pub mod clock;
pub mod file_type;
pub mod ids;
pub mod introduction;
pub mod invalid;
pub mod iran;
pub mod locale;
pub mod permissions;
pub mod profile;
pub mod province;
pub mod registry;
pub mod text;
pub mod user;
pub mod verification;

pub use invalid::Invalid;
