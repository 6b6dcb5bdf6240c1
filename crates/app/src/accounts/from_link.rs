//! Accounts created from a mailed link (an invitation, a profile claim): the link proves the address.

use halqe_db::{Conn, users};
use halqe_domain::ids::UserId;
use halqe_domain::locale::Locale;
use halqe_domain::user::{DisplayName, Email, NewPassword};

use crate::{App, Error, FormErrors, Result, password};

/// A checked name and a hashed password for the new account.
#[derive(Debug)]
pub struct NewAccount {
    pub name: DisplayName,
    pub password_hash: String,
    pub locale: Locale,
}

/// Checks the name and password typed on the link's page and hashes the password (before any transaction opens).
pub async fn prepare(app: &App, display_name: &str, password: &str, locale: Locale) -> Result<NewAccount> {
    let mut errors = FormErrors::default();
    let name = errors.check("display_name", DisplayName::parse(display_name));
    let pw = errors.check("password", NewPassword::parse(password));
    errors.finish()?;
    let (Some(name), Some(pw)) = (name, pw) else {
        return Err(Error::Internal("validated input missing".into()));
    };
    let password_hash = password::hash(app, pw.expose().to_owned()).await?;
    Ok(NewAccount { name, password_hash, locale })
}

/// Inserts the account, its email verified now, with no role yet.
pub async fn insert(conn: &mut Conn, email: &Email, account: &NewAccount, now: i64) -> Result<UserId> {
    let id = UserId::new();
    let new = users::NewUser {
        id: &id,
        email,
        display_name: account.name.as_str(),
        password_hash: &account.password_hash,
        locale: account.locale,
        agency_id: None,
        email_verified_at: Some(now),
        roles: &[],
    };
    users::insert(conn, &new, now).await?;
    Ok(id)
}
