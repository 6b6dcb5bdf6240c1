//! Claims of people and organizations, and the evidence files attached to them.

use halqe_domain::clock::Millis;
use halqe_domain::ids::{ClaimId, EvidenceId, OrganizationId, PersonId, UserId};
use halqe_domain::verification::{ClaimKind, ClaimStatus};

use crate::{Conn, Result, search_feed};

/// A claim row; exactly one of `person_id` and `organization_id` is set.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ClaimRow {
    pub id: String,
    pub person_id: Option<String>,
    pub organization_id: Option<String>,
    #[sqlx(try_from = "String")]
    pub kind: ClaimKind,
    pub title: String,
    #[sqlx(try_from = "String")]
    pub status: ClaimStatus,
    pub reason: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    pub created_at: i64,
}

/// A claim with the name of whom it is about and how much evidence it has, for lists.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ClaimListed {
    #[sqlx(flatten)]
    pub claim: ClaimRow,
    /// The person's full name or the organization's Persian name.
    pub subject_name: String,
    pub evidence_count: i64,
}

const COLUMNS: &str = "id, person_id, organization_id, kind, title, status, reason, decided_by, decided_at, created_at";

/// The listing query: claims joined to their subject's name and evidence count, filtered by `filter`.
fn listed(filter: &str) -> String {
    format!(
        "SELECT c.id, c.person_id, c.organization_id, c.kind, c.title, c.status, c.reason, c.decided_by, c.decided_at,
            c.created_at, COALESCE(TRIM(p.first_name || ' ' || p.last_name), o.name_fa, '') AS subject_name,
            (SELECT COUNT(*) FROM evidence e WHERE e.claim_id = c.id) AS evidence_count
         FROM claims c
         LEFT JOIN people p ON p.id = c.person_id
         LEFT JOIN organizations o ON o.id = c.organization_id
         WHERE {filter}"
    )
}

/// Stores a claim and appends its subject to the search feed (its badges come from claims).
pub async fn insert(conn: &mut Conn, c: &ClaimRow) -> Result<()> {
    sqlx::query(&format!("INSERT INTO claims ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"))
        .bind(&c.id)
        .bind(&c.person_id)
        .bind(&c.organization_id)
        .bind(c.kind.code())
        .bind(&c.title)
        .bind(c.status.code())
        .bind(&c.reason)
        .bind(&c.decided_by)
        .bind(c.decided_at)
        .bind(c.created_at)
        .execute(&mut *conn)
        .await?;
    search_feed::touch_either(conn, c.person_id.as_deref(), c.organization_id.as_deref()).await
}

pub async fn by_id(conn: &mut Conn, id: &ClaimId) -> Result<Option<ClaimRow>> {
    Ok(sqlx::query_as::<_, ClaimRow>(&format!("SELECT {COLUMNS} FROM claims WHERE id = $1"))
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?)
}

/// One claim with its subject's name and evidence count.
pub async fn listed_by_id(conn: &mut Conn, id: &ClaimId) -> Result<Option<ClaimListed>> {
    Ok(sqlx::query_as::<_, ClaimListed>(&listed("c.id = $1")).bind(id.as_str()).fetch_optional(&mut *conn).await?)
}

/// Claims about the user's own profile or about organizations the user manages (owner or admin), newest first.
pub async fn of_user(conn: &mut Conn, user: &UserId) -> Result<Vec<ClaimListed>> {
    let sql = listed(
        "p.user_id = $1 OR EXISTS (SELECT 1 FROM memberships m WHERE m.organization_id = c.organization_id
            AND m.user_id = $1 AND m.role IN ('owner', 'admin'))
         ORDER BY c.created_at DESC, c.id DESC",
    );
    Ok(sqlx::query_as::<_, ClaimListed>(&sql).bind(user.as_str()).fetch_all(&mut *conn).await?)
}

/// Claims in one state, oldest first (the staff queue).
pub async fn with_status(conn: &mut Conn, status: ClaimStatus, limit: i64) -> Result<Vec<ClaimListed>> {
    let sql = listed("c.status = $1 ORDER BY c.created_at, c.id LIMIT $2");
    Ok(sqlx::query_as::<_, ClaimListed>(&sql).bind(status.code()).bind(limit).fetch_all(&mut *conn).await?)
}

/// Moves a claim from `from` to `to`, recording who decided and why, and appends its subject to the
/// search feed; false if it was no longer in `from`.
pub async fn set_status(
    conn: &mut Conn,
    id: &ClaimId,
    from: ClaimStatus,
    to: ClaimStatus,
    decision: Option<(&UserId, &str)>,
    now: Millis,
) -> Result<bool> {
    let subject: Option<(Option<String>, Option<String>)> = match decision {
        Some((by, reason)) => {
            sqlx::query_as(
                "UPDATE claims SET status = $1, reason = $2, decided_by = $3, decided_at = $4
                 WHERE id = $5 AND status = $6 RETURNING person_id, organization_id",
            )
            .bind(to.code())
            .bind(reason)
            .bind(by.as_str())
            .bind(now)
            .bind(id.as_str())
            .bind(from.code())
            .fetch_optional(&mut *conn)
            .await?
        }
        // The last decision's reason stays, so staff see why it was refused before.
        None => {
            sqlx::query_as(
                "UPDATE claims SET status = $1 WHERE id = $2 AND status = $3 RETURNING person_id, organization_id",
            )
            .bind(to.code())
            .bind(id.as_str())
            .bind(from.code())
            .fetch_optional(&mut *conn)
            .await?
        }
    };
    // A claim's status decides its subject's badges and the verified filter.
    let Some((person, organization)) = subject else { return Ok(false) };
    search_feed::touch_either(conn, person.as_deref(), organization.as_deref()).await?;
    Ok(true)
}

/// Whose claims: a person or an organization.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    Person(&'a PersonId),
    Organization(&'a OrganizationId),
}

/// The kind and title of a claim.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Titled {
    #[sqlx(try_from = "String")]
    pub kind: ClaimKind,
    pub title: String,
}

/// The kind and title of a subject's claims in one state, oldest first.
pub async fn titles(conn: &mut Conn, subject: Subject<'_>, status: ClaimStatus) -> Result<Vec<Titled>> {
    let (column, id) = match subject {
        Subject::Person(p) => ("person_id", p.as_str()),
        Subject::Organization(o) => ("organization_id", o.as_str()),
    };
    Ok(sqlx::query_as::<_, Titled>(&format!(
        "SELECT kind, title FROM claims WHERE {column} = $1 AND status = $2 ORDER BY created_at, id"
    ))
    .bind(id)
    .bind(status.code())
    .fetch_all(&mut *conn)
    .await?)
}

/// One stored evidence file.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct EvidenceRow {
    pub id: String,
    pub claim_id: String,
    pub storage_key: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub created_at: i64,
}

const EVIDENCE_COLUMNS: &str =
    "id, claim_id, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by, created_at";

pub async fn insert_evidence(conn: &mut Conn, e: &EvidenceRow) -> Result<()> {
    sqlx::query(&format!("INSERT INTO evidence ({EVIDENCE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"))
        .bind(&e.id)
        .bind(&e.claim_id)
        .bind(&e.storage_key)
        .bind(&e.file_name)
        .bind(&e.content_type)
        .bind(e.size_bytes)
        .bind(&e.sha256)
        .bind(&e.uploaded_by)
        .bind(e.created_at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The evidence of a claim in upload order.
pub async fn evidence_of(conn: &mut Conn, claim: &ClaimId) -> Result<Vec<EvidenceRow>> {
    Ok(sqlx::query_as::<_, EvidenceRow>(&format!(
        "SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE claim_id = $1 ORDER BY created_at, id"
    ))
    .bind(claim.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn evidence_by_id(conn: &mut Conn, id: &EvidenceId) -> Result<Option<EvidenceRow>> {
    Ok(sqlx::query_as::<_, EvidenceRow>(&format!("SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE id = $1"))
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?)
}
