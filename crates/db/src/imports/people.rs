//! The columns of `people` an import owns: looked up by national ID or email, inserted in bulk, updated one by
//! one; every write appends the people it changed to the search feed.

use halqe_domain::clock::Millis;

use crate::bulk::update_sql;
use crate::bulk::{Query, fetch_in, insert_many};
use crate::kept_values::{self, KeptValue, Side};
use crate::{Conn, Result, search_feed};

/// A person as the import sees them: the columns it writes, plus the account that claimed the profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct ImportedPerson {
    pub id: String,
    /// Set once the person claimed the profile; imports then leave it alone.
    pub user_id: Option<String>,
    /// `import`, `demo`, or `self` for a profile its owner created (its national ID is only declared).
    pub source: String,
    pub national_id: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub province: Option<String>,
    pub institution: String,
    pub primary_field: Option<String>,
    pub degree: Option<String>,
    pub skills: String,
    pub content_hash: String,
    /// Cells kept as the record's own text, in a stable order.
    #[sqlx(skip)]
    pub kept: Vec<KeptValue>,
}

const SELECT: &str = "SELECT id, user_id, source, national_id, first_name, last_name, email, mobile, province, institution, \
    primary_field, degree, skills, content_hash FROM people";

/// People whose national ID is one of `keys`.
pub async fn by_national_ids(conn: &mut Conn, keys: &[String]) -> Result<Vec<ImportedPerson>> {
    lookup(conn, "national_id", keys).await
}

/// People whose email is one of `keys`.
pub async fn by_emails(conn: &mut Conn, keys: &[String]) -> Result<Vec<ImportedPerson>> {
    lookup(conn, "email", keys).await
}

/// The records whose `column` is one of `keys`, with their kept values.
async fn lookup(conn: &mut Conn, column: &str, keys: &[String]) -> Result<Vec<ImportedPerson>> {
    let mut found: Vec<ImportedPerson> = fetch_in(conn, SELECT, column, keys).await?;
    kept_values::attach(conn, Side::People, &mut found, |r| (&r.id, &mut r.kept)).await?;
    Ok(found)
}

/// Binds the imported columns in the order of [`IMPORTED`].
fn bind_imported<'a>(q: Query<'a>, p: &'a ImportedPerson) -> Query<'a> {
    q.bind(&p.national_id)
        .bind(&p.first_name)
        .bind(&p.last_name)
        .bind(&p.email)
        .bind(&p.mobile)
        .bind(&p.province)
        .bind(&p.institution)
        .bind(&p.primary_field)
        .bind(&p.degree)
        .bind(&p.skills)
        .bind(&p.content_hash)
}

/// The columns an import writes, in binding order.
const IMPORTED: [&str; 11] = [
    "national_id",
    "first_name",
    "last_name",
    "email",
    "mobile",
    "province",
    "institution",
    "primary_field",
    "degree",
    "skills",
    "content_hash",
];

/// Inserts new people with `source = 'import'` (the claiming account is never set here).
pub async fn insert(conn: &mut Conn, rows: &[ImportedPerson], now: Millis) -> Result<()> {
    let head = format!("INSERT INTO people ({}, id, source, created_at, updated_at)", IMPORTED.join(", "));
    insert_many(conn, &head, IMPORTED.len() + 4, rows, |q, p| {
        bind_imported(q, p).bind(&p.id).bind("import").bind(now).bind(now)
    })
    .await?;
    let kept = rows.iter().filter(|r| !r.kept.is_empty()).map(|r| (r.id.as_str(), r.kept.as_slice()));
    kept_values::replace(conn, Side::People, kept, false, now).await?;
    search_feed::touch_many(conn, search_feed::PERSON, rows.iter().map(|p| p.id.as_str())).await
}

/// Rewrites the imported columns (and kept values) of existing people.
pub async fn update(conn: &mut Conn, rows: &[ImportedPerson], now: Millis) -> Result<()> {
    let sql = update_sql("people", &IMPORTED);
    for p in rows {
        bind_imported(sqlx::query(&sql), p).bind(now).bind(&p.id).execute(&mut *conn).await?;
    }
    kept_values::replace(conn, Side::People, rows.iter().map(|r| (r.id.as_str(), r.kept.as_slice())), true, now)
        .await?;
    search_feed::touch_many(conn, search_feed::PERSON, rows.iter().map(|p| p.id.as_str())).await
}
