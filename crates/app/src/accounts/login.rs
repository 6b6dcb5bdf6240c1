//! Signing in, with failed attempts throttled per account and per address across all nodes.

use halqe_db::{throttle, users};
use halqe_domain::user::Email;
use sha2::{Digest, Sha256};

use super::session;
use crate::secret::Token;
use crate::{App, Error, MINUTE_MS, Result, password};

/// Failures are counted over this window; a throttled key waits until its failures age out of it.
pub const WINDOW_MS: i64 = 15 * MINUTE_MS;
/// Failures for one account within the window before sign-in is refused.
pub const MAX_PER_ACCOUNT: i64 = 5;
/// Failures from one address within the window before sign-in is refused.
pub const MAX_PER_ADDRESS: i64 = 20;

/// What the sign-in form sends.
#[derive(Debug)]
pub struct Credentials<'a> {
    pub email: &'a str,
    pub password: &'a str,
    /// The client address, for per-address throttling.
    pub client_ip: &'a str,
}

/// Checks credentials and opens a session; the token is the session cookie value.
pub async fn login(app: &App, c: &Credentials<'_>) -> Result<(users::User, Token)> {
    let email = Email::parse(c.email).map_err(|_| Error::BadCredentials)?;
    let account_key = format!("acct:{}", email.as_str());
    let address_key = format!("ip:{}", c.client_ip);
    let now = app.now();
    let since = now - WINDOW_MS;

    let mut conn = app.db.conn().await?;
    let account_failures = throttle::failures_since(&mut conn, &account_key, since).await?;
    let address_failures = throttle::failures_since(&mut conn, &address_key, since).await?;
    if account_failures >= MAX_PER_ACCOUNT || address_failures >= MAX_PER_ADDRESS {
        tracing::warn!(
            account = %fingerprint(email.as_str()),
            address = %c.client_ip,
            account_failures,
            address_failures,
            "sign-in refused: too many failed attempts"
        );
        return Err(Error::Throttled);
    }

    let user = users::by_email(&mut conn, &email).await?;
    drop(conn);
    let phc = match &user {
        Some(u) => u.password_hash.clone(),
        None => password::dummy_hash().await.to_owned(),
    };
    let matches = password::verify(c.password.to_owned(), phc).await?;
    match user {
        // Only someone who knows the password learns that the account is disabled.
        Some(user) if matches && user.disabled_at.is_some() => Err(Error::AccountDisabled),
        Some(user) if matches => {
            let mut tx = app.db.begin().await?;
            throttle::clear(&mut tx, &account_key).await?;
            let token = session::start(app, &mut tx, &user.id).await?;
            halqe_db::commit(tx).await?;
            Ok((user, token))
        }
        _ => {
            let mut tx = app.db.begin().await?;
            throttle::record_failure(&mut tx, &account_key, now, since).await?;
            throttle::record_failure(&mut tx, &address_key, now, since).await?;
            halqe_db::commit(tx).await?;
            Err(Error::BadCredentials)
        }
    }
}

/// A short, stable, non-reversible tag for an email in logs (personal data stays out of them).
fn fingerprint(email: &str) -> String {
    hex::encode(&Sha256::digest(email.as_bytes())[..6])
}
