//! Accounts: registration, email verification, sign-in with throttling, sessions, password reset, language.

pub mod create_user;
pub mod from_link;
pub mod login;
pub mod register;
pub mod reset_password;
pub mod session;
pub mod set_locale;
pub mod verify_email;

pub use halqe_db::users::User;

use halqe_domain::permissions::AdminCap;

use crate::{App, Result};

/// The newest 500 accounts, for admins.
pub async fn list_users(app: &App, _cap: &AdminCap) -> Result<Vec<User>> {
    let mut conn = app.db.conn().await?;
    Ok(halqe_db::users::list(&mut conn, 500, 0).await?)
}
