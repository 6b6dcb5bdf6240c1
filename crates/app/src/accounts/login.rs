//! Signing in: each failure is counted before the password is checked, per account and address (growing
//! delays, so nobody can lock an account from elsewhere) and per address, across all nodes; a node checks
//! one password per account at a time, so a burst against one account leaves the other hashing slots free.

use halqe_db::users;
use halqe_domain::user::Email;
use sha2::{Digest, Sha256};

use super::session;
use crate::rate_limits::{self, SIGN_IN, SIGN_IN_ADDRESS};
use crate::secret::Token;
use crate::{App, Error, Result, password};

/// What the sign-in form sends.
#[derive(Debug)]
pub struct Credentials<'a> {
    pub email: &'a str,
    pub password: &'a str,
    /// The client address, for throttling.
    pub client_ip: &'a str,
}

/// Checks credentials and opens a session; the token is the session cookie value.
///
/// The attempt is recorded as a failure before Argon2 runs, so parallel guesses cannot outrun the limits; a
/// success then clears its account-and-address delays and takes back its address event.
pub async fn login(app: &App, c: &Credentials<'_>) -> Result<(users::User, Token)> {
    let email = Email::parse(c.email).map_err(|_| Error::BadCredentials)?;
    let pair = format!("{}|{}", email.as_str(), c.client_ip);
    let taken =
        rate_limits::take_all(app, &[(&SIGN_IN, &pair), (&SIGN_IN_ADDRESS, c.client_ip)]).await.inspect_err(|e| {
            if matches!(e, Error::Throttled(_)) {
                tracing::warn!(account = %fingerprint(email.as_str()), address = %c.client_ip, "sign-in throttled");
            }
        })?;

    let mut conn = app.db.conn().await?;
    let user = users::by_email(&mut conn, &email).await?;
    drop(conn);
    let checked = match &user {
        Some(u) => password::verify(app, email.as_str(), c.password.to_owned(), u.password_hash.clone()).await,
        None => match password::dummy_hash(app).await {
            Ok(phc) => password::verify(app, email.as_str(), c.password.to_owned(), phc).await,
            Err(e) => Err(e),
        },
    };
    let matches = match checked {
        Ok(m) => m,
        Err(e) => {
            // No password was checked (too busy): the attempt does not count.
            rate_limits::undo_all(app, &taken).await?;
            return Err(e);
        }
    };
    match user {
        // Only someone who knows the password learns that the account is disabled.
        Some(user) if matches && user.disabled_at.is_some() => Err(Error::AccountDisabled),
        Some(user) if matches => {
            let mut tx = app.db.begin().await?;
            let [pair_event, address_event] = taken.as_slice() else {
                return Err(Error::Internal("one event per limit".into()));
            };
            pair_event.clear(&mut tx).await?;
            address_event.undo(&mut tx).await?;
            let token = session::start(app, &mut tx, &user.id).await?;
            halqe_db::commit(tx).await?;
            Ok((user, token))
        }
        _ => Err(Error::BadCredentials),
    }
}

/// A short, stable, non-reversible tag for an email in logs (personal data stays out of them).
fn fingerprint(email: &str) -> String {
    hex::encode(&Sha256::digest(email.as_bytes())[..6])
}
