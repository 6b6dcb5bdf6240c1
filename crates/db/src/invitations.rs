//! Invitations to join with a role (officers of an agency, staff, reviewers), redeemed by a hashed token.

use halqe_domain::clock::Millis;
use halqe_domain::ids::{AgencyId, InvitationId, UserId};
use halqe_domain::user::{Email, Role};

use crate::{Conn, Result};

/// An invitation as stored.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: InvitationId,
    pub email: Email,
    pub role: Role,
    pub agency_id: Option<AgencyId>,
    pub created_at: Millis,
    pub expires_at: Millis,
    pub accepted_at: Option<Millis>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    email: String,
    role: String,
    agency_id: Option<String>,
    created_at: i64,
    expires_at: i64,
    accepted_at: Option<i64>,
}

impl Row {
    fn into_invitation(self) -> Option<Invitation> {
        Some(Invitation {
            id: InvitationId::from_db(self.id),
            email: Email::from_db(self.email),
            role: Role::parse(&self.role).ok()?,
            agency_id: self.agency_id.map(AgencyId::from_db),
            created_at: self.created_at,
            expires_at: self.expires_at,
            accepted_at: self.accepted_at,
        })
    }
}

const COLUMNS: &str = "id, email, role, agency_id, created_at, expires_at, accepted_at";

/// Fields of a new invitation.
#[derive(Debug)]
pub struct NewInvitation<'a> {
    pub id: &'a InvitationId,
    pub token_hash: &'a str,
    pub email: &'a Email,
    pub role: Role,
    pub agency_id: Option<&'a AgencyId>,
    pub invited_by: &'a UserId,
    pub expires_at: Millis,
}

pub async fn insert(conn: &mut Conn, i: &NewInvitation<'_>, now: Millis) -> Result<()> {
    sqlx::query(
        "INSERT INTO invitations (id, token_hash, email, role, agency_id, invited_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(i.id.as_str())
    .bind(i.token_hash)
    .bind(i.email.as_str())
    .bind(i.role.code())
    .bind(i.agency_id.map(AgencyId::as_str))
    .bind(i.invited_by.as_str())
    .bind(now)
    .bind(i.expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The open (unaccepted, unexpired) invitation with this token hash.
pub async fn open_by_token(conn: &mut Conn, token_hash: &str, now: Millis) -> Result<Option<Invitation>> {
    let row = sqlx::query_as::<_, Row>(&format!(
        "SELECT {COLUMNS} FROM invitations WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2"
    ))
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.and_then(Row::into_invitation))
}

/// Marks an invitation accepted; false if someone else accepted it first.
pub async fn accept(conn: &mut Conn, id: &InvitationId, by: &UserId, now: Millis) -> Result<bool> {
    let r =
        sqlx::query("UPDATE invitations SET accepted_at = $1, accepted_by = $2 WHERE id = $3 AND accepted_at IS NULL")
            .bind(now)
            .bind(by.as_str())
            .bind(id.as_str())
            .execute(&mut *conn)
            .await?;
    Ok(r.rows_affected() == 1)
}

/// Invitations of one agency, newest first.
pub async fn for_agency(conn: &mut Conn, agency: &AgencyId) -> Result<Vec<Invitation>> {
    let rows = sqlx::query_as::<_, Row>(&format!(
        "SELECT {COLUMNS} FROM invitations WHERE agency_id = $1 ORDER BY created_at DESC"
    ))
    .bind(agency.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().filter_map(Row::into_invitation).collect())
}
