//! Accounts: registration, email verification, sign-in with throttling, sessions, password reset, language.

pub mod create_user;
pub mod login;
pub mod register;
pub mod reset_password;
pub mod session;
pub mod set_locale;
pub mod verify_email;

pub use halqe_db::users::User;
