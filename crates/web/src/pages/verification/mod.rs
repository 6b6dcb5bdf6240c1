//! Verification: innovators declare claims with evidence (`claims`), staff review and decide them (`review`).

pub mod claims;
pub mod review;
