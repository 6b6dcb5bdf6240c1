//! Halqe's domain: pure types and rules with no IO — ids, validated inputs, roles and permissions, the clock.

pub mod agency;
pub mod calendar;
pub mod clock;
pub mod ids;
pub mod invalid;
pub mod iran;
pub mod locale;
pub mod permissions;
pub mod province;
pub mod text;
pub mod user;

pub use invalid::Invalid;
