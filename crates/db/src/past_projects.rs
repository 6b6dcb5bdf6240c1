//! Past projects of people and organizations (earlier work; government ones flagged), not the platform's projects.

use crate::{Conn, Result, search_feed};

/// A past project of a person or an organization.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct PastProject {
    pub id: String,
    pub person_id: Option<String>,
    pub organization_id: Option<String>,
    pub title: String,
    pub description: String,
    pub year: Option<i64>,
    pub government: i64,
    pub agency_name: String,
    pub created_at: i64,
}

/// Stores a past project and appends its owner to the search feed.
pub async fn add(conn: &mut Conn, p: &PastProject) -> Result<()> {
    sqlx::query(
        "INSERT INTO past_projects (id, person_id, organization_id, title, description, year, government, agency_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&p.id)
    .bind(&p.person_id)
    .bind(&p.organization_id)
    .bind(&p.title)
    .bind(&p.description)
    .bind(p.year)
    .bind(p.government)
    .bind(&p.agency_name)
    .bind(p.created_at)
    .execute(&mut *conn)
    .await?;
    search_feed::touch_either(conn, p.person_id.as_deref(), p.organization_id.as_deref()).await?;
    Ok(())
}

/// Deletes one past project of an owner (person or organization); false if it was not theirs.
pub async fn delete(conn: &mut Conn, owner: Owner<'_>, id: &str) -> Result<bool> {
    let (column, value) = owner.column();
    let r = sqlx::query(&format!("DELETE FROM past_projects WHERE id = $1 AND {column} = $2"))
        .bind(id)
        .bind(value)
        .execute(&mut *conn)
        .await?;
    match owner {
        Owner::Person(id) => search_feed::touch_either(conn, Some(id), None).await?,
        Owner::Organization(id) => search_feed::touch_either(conn, None, Some(id)).await?,
    }
    Ok(r.rows_affected() == 1)
}

/// Whose past projects.
#[derive(Debug, Clone, Copy)]
pub enum Owner<'a> {
    Person(&'a str),
    Organization(&'a str),
}

impl Owner<'_> {
    fn column(&self) -> (&'static str, &str) {
        match self {
            Self::Person(id) => ("person_id", id),
            Self::Organization(id) => ("organization_id", id),
        }
    }
}

/// An owner's past projects, newest first.
pub async fn of(conn: &mut Conn, owner: Owner<'_>) -> Result<Vec<PastProject>> {
    let (column, value) = owner.column();
    Ok(sqlx::query_as::<_, PastProject>(&format!(
        "SELECT id, person_id, organization_id, title, description, year, government, agency_name, created_at
         FROM past_projects WHERE {column} = $1 ORDER BY year DESC, created_at DESC"
    ))
    .bind(value)
    .fetch_all(&mut *conn)
    .await?)
}
