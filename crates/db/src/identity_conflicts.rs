//! Identity conflicts: both sides of a contested identifier, kept until staff decide which record keeps it.

use halqe_domain::clock::Millis;
use halqe_domain::identity::{ConflictStatus, Identifier};
use halqe_domain::ids::UserId;
use halqe_domain::registry::MemberRole;

use crate::{Conn, Result, search_feed};

/// A conflict as stored; the records are people for a national ID and organizations for a registration number.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ConflictRow {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub identifier: Identifier,
    pub value: String,
    /// The record whose owner declared the value.
    pub claimant_id: String,
    pub claimed_by: String,
    /// The record that held the value.
    pub holder_id: String,
    #[sqlx(try_from = "String")]
    pub status: ConflictStatus,
    pub reason: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<Millis>,
    pub created_at: Millis,
}

const COLUMNS: &str =
    "id, identifier, value, claimant_id, claimed_by, holder_id, status, reason, decided_by, decided_at, created_at";

pub async fn insert(conn: &mut Conn, c: &ConflictRow) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO identity_conflicts ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    ))
    .bind(&c.id)
    .bind(c.identifier.code())
    .bind(&c.value)
    .bind(&c.claimant_id)
    .bind(&c.claimed_by)
    .bind(&c.holder_id)
    .bind(c.status.code())
    .bind(&c.reason)
    .bind(&c.decided_by)
    .bind(c.decided_at)
    .bind(c.created_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The newest open conflict over `identifier` that `claimant` declared, if any.
pub async fn open_of(conn: &mut Conn, claimant: &str, identifier: Identifier) -> Result<Option<ConflictRow>> {
    Ok(sqlx::query_as::<_, ConflictRow>(&format!(
        "SELECT {COLUMNS} FROM identity_conflicts WHERE claimant_id = $1 AND identifier = $2 AND status = 'open'
         ORDER BY created_at DESC, id DESC LIMIT 1"
    ))
    .bind(claimant)
    .bind(identifier.code())
    .fetch_optional(&mut *conn)
    .await?)
}

pub async fn by_id(conn: &mut Conn, id: &str) -> Result<Option<ConflictRow>> {
    Ok(sqlx::query_as::<_, ConflictRow>(&format!("SELECT {COLUMNS} FROM identity_conflicts WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Open conflicts first (oldest first), then decided ones (newest first), at most `limit`.
pub async fn list(conn: &mut Conn, limit: i64) -> Result<Vec<ConflictRow>> {
    Ok(sqlx::query_as::<_, ConflictRow>(&format!(
        "SELECT {COLUMNS} FROM identity_conflicts
         ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END,
                  CASE WHEN status = 'open' THEN created_at ELSE -created_at END, id
         LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// Records staff's decision on an open conflict; `false` if it was decided meanwhile.
pub async fn decide(
    conn: &mut Conn,
    id: &str,
    status: ConflictStatus,
    by: &UserId,
    reason: &str,
    now: Millis,
) -> Result<bool> {
    let r = sqlx::query(
        "UPDATE identity_conflicts SET status = $1, decided_by = $2, reason = $3, decided_at = $4
         WHERE id = $5 AND status = 'open'",
    )
    .bind(status.code())
    .bind(by.as_str())
    .bind(reason)
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(r.rows_affected() > 0)
}

/// Moves the identifier from the holder's record to the claimant's (both re-indexed through the feed).
pub async fn give_to_claimant(conn: &mut Conn, c: &ConflictRow) -> Result<()> {
    release(conn, c.identifier, &c.holder_id, &c.value).await?;
    let (table, column, kind) = place(c.identifier);
    sqlx::query(&format!("UPDATE {table} SET {column} = $1 WHERE id = $2"))
        .bind(&c.value)
        .bind(&c.claimant_id)
        .execute(&mut *conn)
        .await?;
    search_feed::touch(conn, kind, &c.claimant_id).await?;
    Ok(())
}

/// Takes `value` away from record `holder` (if it still holds it), so another record can hold it.
pub async fn release(conn: &mut Conn, identifier: Identifier, holder: &str, value: &str) -> Result<()> {
    let (table, column, kind) = place(identifier);
    sqlx::query(&format!("UPDATE {table} SET {column} = NULL WHERE id = $1 AND {column} = $2"))
        .bind(holder)
        .bind(value)
        .execute(&mut *conn)
        .await?;
    search_feed::touch(conn, kind, holder).await?;
    Ok(())
}

/// The table and column holding an identifier, and the feed's kind for that table.
fn place(identifier: Identifier) -> (&'static str, &'static str, &'static str) {
    match identifier {
        Identifier::NationalId => ("people", "national_id", search_feed::PERSON),
        Identifier::RegistrationNumber => ("organizations", "registration_number", search_feed::ORGANIZATION),
    }
}

/// The account that speaks for a self-registered organization: its longest-standing owner.
pub async fn organization_owner(conn: &mut Conn, organization: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT user_id FROM memberships WHERE organization_id = $1 AND role = $2 ORDER BY joined_at, user_id LIMIT 1",
    )
    .bind(organization)
    .bind(MemberRole::Owner.code())
    .fetch_optional(&mut *conn)
    .await?)
}
