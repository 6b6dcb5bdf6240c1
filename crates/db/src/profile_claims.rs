//! Invitations for imported people to claim their profile: one per person ever, redeemed by a hashed token.

use halqe_domain::clock::Millis;
use halqe_domain::ids::UserId;

use crate::bulk::{CHUNK, Placeholders, fetch_in, insert_many};
use crate::{Conn, Result};

/// A claim invitation as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct ProfileClaim {
    pub person_id: String,
    pub email: String,
    pub token_hash: String,
    pub run_id: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
    pub claimed_at: Option<i64>,
    pub claimed_by: Option<String>,
}

const SELECT: &str =
    "SELECT person_id, email, token_hash, run_id, created_at, expires_at, claimed_at, claimed_by FROM profile_claims";

/// The invitations of these people (at most one each).
pub async fn of_people(conn: &mut Conn, people: &[String]) -> Result<Vec<ProfileClaim>> {
    fetch_in(conn, SELECT, "person_id", people).await
}

/// Inserts invitations (`created_at` is set by the caller on each row).
pub async fn insert(conn: &mut Conn, claims: &[ProfileClaim]) -> Result<()> {
    let head = "INSERT INTO profile_claims (person_id, email, token_hash, run_id, created_at, expires_at)";
    insert_many(conn, head, 6, claims, |q, c| {
        q.bind(&c.person_id).bind(&c.email).bind(&c.token_hash).bind(&c.run_id).bind(c.created_at).bind(c.expires_at)
    })
    .await
}

/// The open (unclaimed, unexpired) invitation with this token hash.
pub async fn open_by_token(conn: &mut Conn, token_hash: &str, now: Millis) -> Result<Option<ProfileClaim>> {
    Ok(sqlx::query_as::<_, ProfileClaim>(&format!(
        "{SELECT} WHERE token_hash = $1 AND claimed_at IS NULL AND expires_at > $2"
    ))
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Marks an invitation used; false if it was used first by someone else.
pub async fn redeem(conn: &mut Conn, person_id: &str, by: &UserId, now: Millis) -> Result<bool> {
    let r = sqlx::query(
        "UPDATE profile_claims SET claimed_at = $1, claimed_by = $2 WHERE person_id = $3 AND claimed_at IS NULL",
    )
    .bind(now)
    .bind(by.as_str())
    .bind(person_id)
    .execute(&mut *conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Issues a fresh link for one person: a new invitation, or a new token and expiry for an unused one
/// (the earlier link stops working); false if the profile was already claimed.
pub async fn issue(conn: &mut Conn, c: &ProfileClaim) -> Result<bool> {
    Ok(!issue_all(conn, std::slice::from_ref(c)).await?.is_empty())
}

/// [`issue`] for many people at once (each at most once), with multi-row statements; returns the people
/// whose link was issued, leaving out profiles already claimed.
pub async fn issue_all(conn: &mut Conn, claims: &[ProfileClaim]) -> Result<Vec<String>> {
    let style = Placeholders::of(conn);
    let mut issued = Vec::with_capacity(claims.len());
    for chunk in claims.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO profile_claims (person_id, email, token_hash, run_id, created_at, expires_at) VALUES {}
             ON CONFLICT (person_id) DO UPDATE SET email = excluded.email, token_hash = excluded.token_hash,
                expires_at = excluded.expires_at
             WHERE profile_claims.claimed_at IS NULL
             RETURNING person_id",
            style.tuples(chunk.len(), 6)
        );
        let mut q = sqlx::query_scalar::<_, String>(&sql);
        for c in chunk {
            q = q
                .bind(&c.person_id)
                .bind(&c.email)
                .bind(&c.token_hash)
                .bind(&c.run_id)
                .bind(c.created_at)
                .bind(c.expires_at);
        }
        issued.extend(q.fetch_all(&mut *conn).await?);
    }
    Ok(issued)
}
