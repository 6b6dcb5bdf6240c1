//! Needs saved when officers or staff shortlist candidates, so introductions refer to what was asked.

use halqe_domain::ids::{ChallengeId, NeedId};

use crate::{Conn, Result};

/// A saved need; `fields` is a JSON list of taxonomy field ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct NeedRow {
    pub id: String,
    pub agency_id: Option<String>,
    pub created_by: String,
    pub text: String,
    pub fields: String,
    pub created_at: i64,
    /// The challenge this need is, for its invitations to apply; one need per challenge.
    pub challenge_id: Option<String>,
}

const COLUMNS: &str = "id, agency_id, created_by, text, fields, created_at, challenge_id";

pub async fn insert(conn: &mut Conn, n: &NeedRow) -> Result<()> {
    sqlx::query(&format!("INSERT INTO needs ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)"))
        .bind(&n.id)
        .bind(&n.agency_id)
        .bind(&n.created_by)
        .bind(&n.text)
        .bind(&n.fields)
        .bind(n.created_at)
        .bind(&n.challenge_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn by_id(conn: &mut Conn, id: &NeedId) -> Result<Option<NeedRow>> {
    Ok(sqlx::query_as::<_, NeedRow>(&format!("SELECT {COLUMNS} FROM needs WHERE id = $1"))
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?)
}

/// The need of a challenge's invitations, if any were made.
pub async fn of_challenge(conn: &mut Conn, challenge: &ChallengeId) -> Result<Option<NeedRow>> {
    Ok(sqlx::query_as::<_, NeedRow>(&format!("SELECT {COLUMNS} FROM needs WHERE challenge_id = $1"))
        .bind(challenge.as_str())
        .fetch_optional(&mut *conn)
        .await?)
}
