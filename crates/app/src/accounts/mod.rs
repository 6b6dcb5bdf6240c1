//! Accounts: registration, email verification, sign-in with throttling, sessions, password reset, language.

pub mod create_user;
pub mod from_link;
pub mod login;
pub mod register;
pub mod reset_password;
pub mod revoke;
pub mod session;
pub mod set_locale;
pub mod verify_email;

pub use halqe_db::users::User;

use halqe_domain::permissions::{Actor, AdminCap};

use crate::{App, Result};

/// The account as the one acting: its id, roles and agency.
pub fn actor_of(user: &User) -> Actor {
    Actor { user_id: user.id.clone(), roles: user.roles.clone(), agency_id: user.agency_id.clone() }
}

/// One account, for admins; `NotFound` if there is none.
pub async fn user(app: &App, _cap: &AdminCap, id: &halqe_domain::ids::UserId) -> Result<User> {
    let mut conn = app.db.conn().await?;
    halqe_db::users::by_id(&mut conn, id).await?.ok_or(crate::Error::NotFound)
}

/// The newest 500 accounts, for admins.
pub async fn list_users(app: &App, _cap: &AdminCap) -> Result<Vec<User>> {
    let mut conn = app.db.conn().await?;
    Ok(halqe_db::users::list(&mut conn, 500, 0).await?)
}
