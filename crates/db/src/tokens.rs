//! Single-use account tokens (email verification, password reset), stored hashed.

use halqe_domain::clock::Millis;
use halqe_domain::ids::UserId;

use crate::{Conn, Result};

/// What a token may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
        }
    }
}

pub async fn insert(
    conn: &mut Conn,
    hash: &str,
    user: &UserId,
    purpose: Purpose,
    now: Millis,
    expires_at: Millis,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash)
    .bind(user.as_str())
    .bind(purpose.code())
    .bind(now)
    .bind(expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Marks a live, unused token as used and returns its user; `None` if it is unknown, used, expired or for another purpose.
/// The conditional UPDATE makes redemption atomic: two concurrent uses cannot both succeed.
pub async fn redeem(conn: &mut Conn, hash: &str, purpose: Purpose, now: Millis) -> Result<Option<UserId>> {
    let user: Option<String> = sqlx::query_scalar(
        "UPDATE account_tokens SET used_at = $1
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1
         RETURNING user_id",
    )
    .bind(now)
    .bind(hash)
    .bind(purpose.code())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(user.map(UserId::from_db))
}

/// Whether a token is live without using it (to show the reset form).
pub async fn is_live(conn: &mut Conn, hash: &str, purpose: Purpose, now: Millis) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM account_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(hash)
    .bind(purpose.code())
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// How many tokens for `purpose` were issued to `user` since `since` (used or not), for rate limits.
pub async fn issued_since(conn: &mut Conn, user: &UserId, purpose: Purpose, since: Millis) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM account_tokens WHERE user_id = $1 AND purpose = $2 AND created_at > $3",
    )
    .bind(user.as_str())
    .bind(purpose.code())
    .bind(since)
    .fetch_one(&mut *conn)
    .await?)
}
