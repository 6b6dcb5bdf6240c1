//! Government agencies.

use halqe_domain::agency::AgencyKind;
use halqe_domain::clock::Millis;
use halqe_domain::ids::{AgencyId, UserId};
use halqe_domain::province::Province;

use crate::{Conn, Result};

/// An agency as stored.
#[derive(Debug, Clone)]
pub struct Agency {
    pub id: AgencyId,
    pub name_fa: String,
    pub name_en: String,
    pub kind: AgencyKind,
    pub province: Province,
    pub created_at: Millis,
    pub officer_count: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    name_fa: String,
    name_en: String,
    kind: String,
    province: String,
    created_at: i64,
    officer_count: i64,
}

impl From<Row> for Agency {
    fn from(r: Row) -> Self {
        Agency {
            id: AgencyId::from_db(r.id),
            name_fa: r.name_fa,
            name_en: r.name_en,
            kind: AgencyKind::parse(&r.kind).unwrap_or(AgencyKind::Other),
            province: Province::parse(&r.province).unwrap_or(Province::Tehran),
            created_at: r.created_at,
            officer_count: r.officer_count,
        }
    }
}

const SELECT: &str = "SELECT a.id, a.name_fa, a.name_en, a.kind, a.province, a.created_at,
    (SELECT COUNT(*) FROM users u WHERE u.agency_id = a.id) AS officer_count
    FROM agencies a";

/// Fields of a new agency.
#[derive(Debug)]
pub struct NewAgency<'a> {
    pub id: &'a AgencyId,
    pub name_fa: &'a str,
    pub name_en: &'a str,
    pub kind: AgencyKind,
    pub province: Province,
}

/// Inserts an agency; a taken Persian name is [`crate::Error::Conflict`].
pub async fn insert(conn: &mut Conn, a: &NewAgency<'_>, by: Option<&UserId>, now: Millis) -> Result<()> {
    sqlx::query(
        "INSERT INTO agencies (id, name_fa, name_en, kind, province, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(a.id.as_str())
    .bind(a.name_fa)
    .bind(a.name_en)
    .bind(a.kind.code())
    .bind(a.province.code())
    .bind(now)
    .bind(by.map(UserId::as_str))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn by_id(conn: &mut Conn, id: &AgencyId) -> Result<Option<Agency>> {
    let row = sqlx::query_as::<_, Row>(&format!("{SELECT} WHERE a.id = $1"))
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(Agency::from))
}

/// All agencies by Persian name.
pub async fn list(conn: &mut Conn) -> Result<Vec<Agency>> {
    let rows = sqlx::query_as::<_, Row>(&format!("{SELECT} ORDER BY a.name_fa")).fetch_all(&mut *conn).await?;
    Ok(rows.into_iter().map(Agency::from).collect())
}

pub async fn count(conn: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM agencies").fetch_one(&mut *conn).await?)
}
