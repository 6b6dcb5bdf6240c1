//! A call's reviewer pool (`call_reviewers`), the conflicts reviewers declare, and the registry facts the
//! conflict rules read: memberships current and past, publications.

use crate::{Conn, Result};

/// A reviewer of a call as stored; `available` is 0/1.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReviewerRow {
    pub call_id: String,
    pub user_id: String,
    pub person_id: Option<String>,
    pub max_load: i64,
    pub available: i64,
    pub added_by: String,
    pub added_at: i64,
    pub removed_at: Option<i64>,
    pub removed_by: Option<String>,
}

/// A reviewer with their account's name and email.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReviewerListed {
    #[sqlx(flatten)]
    pub row: ReviewerRow,
    pub display_name: String,
    pub email: String,
    /// 1 while the account is enabled and holds the reviewer role: only then can it take work.
    pub usable: i64,
}

const COLUMNS: &str = "call_id, user_id, person_id, max_load, available, added_by, added_at, removed_at, removed_by";

/// Adds a reviewer to a call's pool; a removed one comes back with the new load, available.
pub async fn add(conn: &mut Conn, r: &ReviewerRow) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO call_reviewers ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL) \
         ON CONFLICT (call_id, user_id) DO UPDATE SET person_id = excluded.person_id, max_load = excluded.max_load, \
         available = 1, removed_at = NULL, removed_by = NULL"
    ))
    .bind(&r.call_id)
    .bind(&r.user_id)
    .bind(&r.person_id)
    .bind(r.max_load)
    .bind(r.available)
    .bind(&r.added_by)
    .bind(r.added_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The reviewer's row in a call's pool, removed or not.
pub async fn get(conn: &mut Conn, call: &str, user: &str) -> Result<Option<ReviewerRow>> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM call_reviewers WHERE call_id = $1 AND user_id = $2"))
        .bind(call)
        .bind(user)
        .fetch_optional(&mut *conn)
        .await?)
}

/// The pool of a call, removed reviewers included, in the order they were added.
pub async fn of_call(conn: &mut Conn, call: &str) -> Result<Vec<ReviewerListed>> {
    let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("r.{c}")).collect();
    Ok(sqlx::query_as(&format!(
        "SELECT {}, u.display_name, u.email, CASE WHEN u.disabled_at IS NULL AND EXISTS \
         (SELECT 1 FROM user_roles x WHERE x.user_id = u.id AND x.role = 'reviewer') THEN 1 ELSE 0 END AS usable \
         FROM call_reviewers r JOIN users u ON u.id = r.user_id WHERE r.call_id = $1 ORDER BY r.added_at, r.user_id",
        columns.join(", ")
    ))
    .bind(call)
    .fetch_all(&mut *conn)
    .await?)
}

/// The calls whose pool holds the user (not removed).
pub async fn calls_of(conn: &mut Conn, user: &str) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT call_id FROM call_reviewers WHERE user_id = $1 AND removed_at IS NULL ORDER BY added_at",
    )
    .bind(user)
    .fetch_all(&mut *conn)
    .await?)
}

/// Sets a pool member's load cap and availability; false when they are not in the pool (or removed).
pub async fn set_load(conn: &mut Conn, call: &str, user: &str, max_load: i64, available: bool) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE call_reviewers SET max_load = $3, available = $4 \
         WHERE call_id = $1 AND user_id = $2 AND removed_at IS NULL",
    )
    .bind(call)
    .bind(user)
    .bind(max_load)
    .bind(i64::from(available))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks a reviewer removed (the row stays for the record); false when they were not in the pool.
pub async fn remove(conn: &mut Conn, call: &str, user: &str, by: &str, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE call_reviewers SET removed_at = $3, removed_by = $4, available = 0 \
         WHERE call_id = $1 AND user_id = $2 AND removed_at IS NULL",
    )
    .bind(call)
    .bind(user)
    .bind(now)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A conflict a reviewer declared; `about_kind` is `proposal`, `organization` or `person`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DeclaredRow {
    pub id: String,
    pub user_id: String,
    pub about_kind: String,
    pub about_id: String,
    pub note: String,
    pub created_at: i64,
    pub withdrawn_at: Option<i64>,
}

const DECLARED: &str = "id, user_id, about_kind, about_id, note, created_at, withdrawn_at";

pub async fn declare(conn: &mut Conn, d: &DeclaredRow) -> Result<()> {
    sqlx::query(&format!("INSERT INTO declared_conflicts ({DECLARED}) VALUES ($1, $2, $3, $4, $5, $6, NULL)"))
        .bind(&d.id)
        .bind(&d.user_id)
        .bind(&d.about_kind)
        .bind(&d.about_id)
        .bind(&d.note)
        .bind(d.created_at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Withdraws the user's own declaration; false when it is not theirs or already withdrawn.
pub async fn withdraw(conn: &mut Conn, id: &str, user: &str, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE declared_conflicts SET withdrawn_at = $3 WHERE id = $1 AND user_id = $2 AND withdrawn_at IS NULL",
    )
    .bind(id)
    .bind(user)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The declarations in force of these users.
pub async fn declared_of(conn: &mut Conn, users: &[String]) -> Result<Vec<DeclaredRow>> {
    let rows: Vec<DeclaredRow> =
        crate::bulk::fetch_in(conn, &format!("SELECT {DECLARED} FROM declared_conflicts"), "user_id", users).await?;
    let mut rows: Vec<DeclaredRow> = rows.into_iter().filter(|d| d.withdrawn_at.is_none()).collect();
    rows.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    Ok(rows)
}

/// A period of a user in an organization; `left_at` is `None` while it lasts.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MembershipFact {
    pub user_id: String,
    pub organization_id: String,
    pub name_fa: String,
    pub joined_at: i64,
    pub left_at: Option<i64>,
}

/// The current and past memberships of these users.
pub async fn memberships_of(conn: &mut Conn, users: &[String]) -> Result<Vec<MembershipFact>> {
    let current: Vec<(String, String, String, i64)> = crate::bulk::fetch_in(
        conn,
        "SELECT m.user_id, m.organization_id, o.name_fa, m.joined_at FROM memberships m \
         JOIN organizations o ON o.id = m.organization_id",
        "m.user_id",
        users,
    )
    .await?;
    let past: Vec<(String, String, String, i64, i64)> = crate::bulk::fetch_in(
        conn,
        "SELECT h.user_id, h.organization_id, o.name_fa, h.joined_at, h.left_at FROM membership_history h \
         JOIN organizations o ON o.id = h.organization_id",
        "h.user_id",
        users,
    )
    .await?;
    let mut facts: Vec<MembershipFact> = current
        .into_iter()
        .map(|(user_id, organization_id, name_fa, joined_at)| MembershipFact {
            user_id,
            organization_id,
            name_fa,
            joined_at,
            left_at: None,
        })
        .chain(past.into_iter().map(|(user_id, organization_id, name_fa, joined_at, left_at)| MembershipFact {
            user_id,
            organization_id,
            name_fa,
            joined_at,
            left_at: Some(left_at),
        }))
        .collect();
    facts.sort_by(|a, b| {
        (&a.user_id, &a.organization_id, a.joined_at, a.left_at).cmp(&(
            &b.user_id,
            &b.organization_id,
            b.joined_at,
            b.left_at,
        ))
    });
    Ok(facts)
}

/// (person, title, doi) of every publication of these people.
pub async fn publications_of(conn: &mut Conn, people: &[String]) -> Result<Vec<(String, String, String)>> {
    let mut rows: Vec<(String, String, String, String)> =
        crate::bulk::fetch_in(conn, "SELECT id, person_id, title, doi FROM publications", "person_id", people).await?;
    rows.sort();
    Ok(rows.into_iter().map(|(_, person, title, doi)| (person, title, doi)).collect())
}
