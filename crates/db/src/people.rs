//! People in the registry: profile, secondary fields, publications.

use halqe_domain::clock::Millis;
use halqe_domain::ids::{PersonId, UserId};
use halqe_domain::registry::Visibility;

use crate::bulk::{Query, insert_sql, update_sql};
use crate::{Conn, Result, search_feed};

/// A person's profile row; personal identifiers are here, and only `app` decides who sees them.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct PersonRow {
    pub id: String,
    pub user_id: Option<String>,
    pub national_id: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub name_en: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub province: Option<String>,
    pub city: String,
    pub institution: String,
    pub degree: Option<String>,
    pub education_field: String,
    pub university: String,
    pub graduation_year: Option<i64>,
    pub primary_field: Option<String>,
    pub skills: String,
    pub bio_fa: String,
    pub bio_en: String,
    pub availability: String,
    pub orcid: String,
    pub scholar_url: String,
    pub website: String,
    pub visibility: String,
    pub source: String,
    pub content_hash: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub claimed_at: Option<i64>,
}

pub const COLUMNS: &str = "id, user_id, national_id, first_name, last_name, name_en, email, mobile, province, city, \
    institution, degree, education_field, university, graduation_year, primary_field, skills, bio_fa, bio_en, \
    availability, orcid, scholar_url, website, visibility, source, content_hash, created_at, updated_at, claimed_at";

/// The columns an edit rewrites (all but id, account, source and the creation and claim times), in the order
/// [`bind_editable`] binds them.
const EDITABLE: [&str; 23] = [
    "national_id",
    "first_name",
    "last_name",
    "name_en",
    "email",
    "mobile",
    "province",
    "city",
    "institution",
    "degree",
    "education_field",
    "university",
    "graduation_year",
    "primary_field",
    "skills",
    "bio_fa",
    "bio_en",
    "availability",
    "orcid",
    "scholar_url",
    "website",
    "visibility",
    "content_hash",
];

/// Binds [`EDITABLE`], then `updated_at` and `id`.
fn bind_editable<'a>(q: Query<'a>, p: &'a PersonRow) -> Query<'a> {
    q.bind(&p.national_id)
        .bind(&p.first_name)
        .bind(&p.last_name)
        .bind(&p.name_en)
        .bind(&p.email)
        .bind(&p.mobile)
        .bind(&p.province)
        .bind(&p.city)
        .bind(&p.institution)
        .bind(&p.degree)
        .bind(&p.education_field)
        .bind(&p.university)
        .bind(p.graduation_year)
        .bind(&p.primary_field)
        .bind(&p.skills)
        .bind(&p.bio_fa)
        .bind(&p.bio_en)
        .bind(&p.availability)
        .bind(&p.orcid)
        .bind(&p.scholar_url)
        .bind(&p.website)
        .bind(&p.visibility)
        .bind(&p.content_hash)
        .bind(p.updated_at)
        .bind(&p.id)
}

/// Inserts a person with every column of `p`.
pub async fn insert(conn: &mut Conn, p: &PersonRow) -> Result<()> {
    let sql = insert_sql("people", &EDITABLE, &["user_id", "source", "created_at", "claimed_at"]);
    bind_editable(sqlx::query(&sql), p)
        .bind(&p.user_id)
        .bind(&p.source)
        .bind(p.created_at)
        .bind(p.claimed_at)
        .execute(&mut *conn)
        .await?;
    search_feed::touch(conn, search_feed::PERSON, &p.id).await?;
    Ok(())
}

/// Rewrites every editable column of an existing person (not id, user, source or creation time).
pub async fn update(conn: &mut Conn, p: &PersonRow) -> Result<()> {
    bind_editable(sqlx::query(&update_sql("people", &EDITABLE)), p).execute(&mut *conn).await?;
    search_feed::touch(conn, search_feed::PERSON, &p.id).await?;
    Ok(())
}

async fn one(conn: &mut Conn, column: &str, value: &str) -> Result<Option<PersonRow>> {
    Ok(sqlx::query_as::<_, PersonRow>(&format!("SELECT {COLUMNS} FROM people WHERE {column} = $1"))
        .bind(value)
        .fetch_optional(&mut *conn)
        .await?)
}

pub async fn by_id(conn: &mut Conn, id: &PersonId) -> Result<Option<PersonRow>> {
    one(conn, "id", id.as_str()).await
}

/// The people with these ids that exist, in no particular order.
pub async fn by_ids(conn: &mut Conn, ids: &[String]) -> Result<Vec<PersonRow>> {
    crate::bulk::fetch_in(conn, &format!("SELECT {COLUMNS} FROM people"), "id", ids).await
}

/// The profile a user account has claimed.
pub async fn by_user(conn: &mut Conn, user: &UserId) -> Result<Option<PersonRow>> {
    one(conn, "user_id", user.as_str()).await
}

pub async fn by_national_id(conn: &mut Conn, national_id: &str) -> Result<Option<PersonRow>> {
    one(conn, "national_id", national_id).await
}

pub async fn by_email(conn: &mut Conn, email: &str) -> Result<Option<PersonRow>> {
    one(conn, "email", email).await
}

/// Links a profile to the account that claimed it.
pub async fn set_user(conn: &mut Conn, id: &PersonId, user: &UserId, now: Millis) -> Result<()> {
    sqlx::query("UPDATE people SET user_id = $1, claimed_at = $2, updated_at = $2 WHERE id = $3")
        .bind(user.as_str())
        .bind(now)
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    search_feed::touch(conn, search_feed::PERSON, id.as_str()).await?;
    Ok(())
}

/// Which people a listing may show and how it is narrowed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Listing<'a> {
    /// Visibilities the viewer may list (`domain::registry::listable`).
    pub visible: &'a [Visibility],
    /// The viewer, whose own profile is listed whatever its visibility.
    pub owner: Option<&'a UserId>,
    /// Only people of this province (code).
    pub province: Option<&'a str>,
    /// Only people with this field, or one of its sub-fields, as primary or secondary field.
    pub field: Option<&'a str>,
}

/// The `WHERE` clause of a listing; `$1` owner, `$2` province, `$3` field (`''` for none).
fn listing_filter(l: &Listing<'_>) -> String {
    let allowed = visibility_list(l.visible);
    format!(
        "(visibility IN ({allowed}) OR user_id = $1)
         AND ($2 = '' OR province = $2)
         AND ($3 = '' OR EXISTS (SELECT 1 FROM fields f WHERE (f.id = $3 OR f.parent_id = $3)
             AND (f.id = people.primary_field
                  OR f.id IN (SELECT pf.field_id FROM person_fields pf WHERE pf.person_id = people.id))))"
    )
}

/// One page of the people a listing allows, by last name.
pub async fn list(conn: &mut Conn, l: &Listing<'_>, limit: i64, offset: i64) -> Result<Vec<PersonRow>> {
    Ok(sqlx::query_as::<_, PersonRow>(&format!(
        "SELECT {COLUMNS} FROM people WHERE {} ORDER BY last_name, first_name, id LIMIT $4 OFFSET $5",
        listing_filter(l)
    ))
    .bind(l.owner.map(UserId::as_str).unwrap_or(""))
    .bind(l.province.unwrap_or(""))
    .bind(l.field.unwrap_or(""))
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?)
}

/// How many people `list` would page through.
pub async fn count_visible(conn: &mut Conn, l: &Listing<'_>) -> Result<i64> {
    Ok(sqlx::query_scalar(&format!("SELECT COUNT(*) FROM people WHERE {}", listing_filter(l)))
        .bind(l.owner.map(UserId::as_str).unwrap_or(""))
        .bind(l.province.unwrap_or(""))
        .bind(l.field.unwrap_or(""))
        .fetch_one(&mut *conn)
        .await?)
}

/// `'public', 'agencies'`: built only from the enum's fixed codes, never from input.
pub(crate) fn visibility_list(visible: &[Visibility]) -> String {
    if visible.is_empty() {
        return "''".into();
    }
    visible.iter().map(|v| format!("'{}'", v.code())).collect::<Vec<_>>().join(", ")
}

/// The secondary fields of a person.
pub async fn fields_of(conn: &mut Conn, id: &PersonId) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar("SELECT field_id FROM person_fields WHERE person_id = $1 ORDER BY field_id")
        .bind(id.as_str())
        .fetch_all(&mut *conn)
        .await?)
}

/// Replaces the secondary fields of a person.
pub async fn set_fields(conn: &mut Conn, id: &PersonId, fields: &[String]) -> Result<()> {
    sqlx::query("DELETE FROM person_fields WHERE person_id = $1").bind(id.as_str()).execute(&mut *conn).await?;
    for f in fields {
        sqlx::query("INSERT INTO person_fields (person_id, field_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(id.as_str())
            .bind(f)
            .execute(&mut *conn)
            .await?;
    }
    search_feed::touch(conn, search_feed::PERSON, id.as_str()).await?;
    Ok(())
}

/// A publication.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Publication {
    pub id: String,
    pub person_id: String,
    pub title: String,
    pub venue: String,
    pub year: Option<i64>,
    pub r#abstract: String,
    pub doi: String,
    pub created_at: i64,
}

pub async fn add_publication(conn: &mut Conn, p: &Publication) -> Result<()> {
    sqlx::query(
        "INSERT INTO publications (id, person_id, title, venue, year, abstract, doi, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&p.id)
    .bind(&p.person_id)
    .bind(&p.title)
    .bind(&p.venue)
    .bind(p.year)
    .bind(&p.r#abstract)
    .bind(&p.doi)
    .bind(p.created_at)
    .execute(&mut *conn)
    .await?;
    search_feed::touch(conn, search_feed::PERSON, &p.person_id).await?;
    Ok(())
}

/// Deletes one publication of one person; false if it was not theirs.
pub async fn delete_publication(conn: &mut Conn, person: &PersonId, id: &str) -> Result<bool> {
    let r = sqlx::query("DELETE FROM publications WHERE id = $1 AND person_id = $2")
        .bind(id)
        .bind(person.as_str())
        .execute(&mut *conn)
        .await?;
    search_feed::touch(conn, search_feed::PERSON, person.as_str()).await?;
    Ok(r.rows_affected() == 1)
}

pub async fn publications_of(conn: &mut Conn, id: &PersonId) -> Result<Vec<Publication>> {
    Ok(sqlx::query_as::<_, Publication>(
        "SELECT id, person_id, title, venue, year, abstract, doi, created_at FROM publications
         WHERE person_id = $1 ORDER BY year DESC, created_at DESC",
    )
    .bind(id.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn count(conn: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM people").fetch_one(&mut *conn).await?)
}

/// Every person id, for a full reindex.
pub async fn all_ids(conn: &mut Conn) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar("SELECT id FROM people ORDER BY id").fetch_all(&mut *conn).await?)
}
