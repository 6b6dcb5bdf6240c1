//! The columns of `organizations` an import owns: looked up by registration number or Persian name,
//! inserted in bulk, updated one by one; every write appends the organizations it changed to the search feed.

use halqe_domain::clock::Millis;

use crate::bulk::update_sql;
use crate::bulk::{Query, fetch_in, insert_many};
use crate::kept_values::{self, KeptValue, Side};
use crate::{Conn, Result, search_feed};

/// An organization as the import sees it: the columns it writes, plus where the profile came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct ImportedOrganization {
    pub id: String,
    /// `import`, or `self` for a profile its members manage (imports then leave it alone).
    pub source: String,
    pub name_fa: String,
    pub name_en: String,
    pub kind: String,
    pub registration_number: Option<String>,
    pub certificate_number: String,
    pub certificate_expires_at: Option<i64>,
    pub province: Option<String>,
    pub city: String,
    pub institution: String,
    pub website: String,
    pub capabilities: String,
    pub content_hash: String,
    /// Cells kept as the record's own text, in a stable order.
    #[sqlx(skip)]
    pub kept: Vec<KeptValue>,
}

const SELECT: &str = "SELECT id, source, name_fa, name_en, kind, registration_number, certificate_number, \
    certificate_expires_at, province, city, institution, website, capabilities, content_hash FROM organizations";

/// Organizations whose registration number is one of `keys`.
pub async fn by_registration_numbers(conn: &mut Conn, keys: &[String]) -> Result<Vec<ImportedOrganization>> {
    lookup(conn, "registration_number", keys).await
}

/// Organizations whose Persian name is one of `names`.
pub async fn by_names(conn: &mut Conn, names: &[String]) -> Result<Vec<ImportedOrganization>> {
    lookup(conn, "name_fa", names).await
}

/// The records whose `column` is one of `keys`, with their kept values.
async fn lookup(conn: &mut Conn, column: &str, keys: &[String]) -> Result<Vec<ImportedOrganization>> {
    let mut found: Vec<ImportedOrganization> = fetch_in(conn, SELECT, column, keys).await?;
    kept_values::attach(conn, Side::Organizations, &mut found, |r| (&r.id, &mut r.kept)).await?;
    Ok(found)
}

/// Binds the imported columns in the order of [`IMPORTED`].
fn bind_imported<'a>(q: Query<'a>, o: &'a ImportedOrganization) -> Query<'a> {
    q.bind(&o.name_fa)
        .bind(&o.name_en)
        .bind(&o.kind)
        .bind(&o.registration_number)
        .bind(&o.certificate_number)
        .bind(o.certificate_expires_at)
        .bind(&o.province)
        .bind(&o.city)
        .bind(&o.institution)
        .bind(&o.website)
        .bind(&o.capabilities)
        .bind(&o.content_hash)
}

/// The columns an import writes, in binding order.
const IMPORTED: [&str; 12] = [
    "name_fa",
    "name_en",
    "kind",
    "registration_number",
    "certificate_number",
    "certificate_expires_at",
    "province",
    "city",
    "institution",
    "website",
    "capabilities",
    "content_hash",
];

/// Inserts new organizations with `source = 'import'`.
pub async fn insert(conn: &mut Conn, rows: &[ImportedOrganization], now: Millis) -> Result<()> {
    let head = format!("INSERT INTO organizations ({}, id, source, created_at, updated_at)", IMPORTED.join(", "));
    insert_many(conn, &head, IMPORTED.len() + 4, rows, |q, o| {
        bind_imported(q, o).bind(&o.id).bind("import").bind(now).bind(now)
    })
    .await?;
    let kept = rows.iter().filter(|r| !r.kept.is_empty()).map(|r| (r.id.as_str(), r.kept.as_slice()));
    kept_values::replace(conn, Side::Organizations, kept, false, now).await?;
    search_feed::touch_many(conn, search_feed::ORGANIZATION, rows.iter().map(|o| o.id.as_str())).await
}

/// Rewrites the imported columns (and kept values) of existing organizations.
pub async fn update(conn: &mut Conn, rows: &[ImportedOrganization], now: Millis) -> Result<()> {
    let sql = update_sql("organizations", &IMPORTED);
    for o in rows {
        bind_imported(sqlx::query(&sql), o).bind(now).bind(&o.id).execute(&mut *conn).await?;
    }
    kept_values::replace(conn, Side::Organizations, rows.iter().map(|r| (r.id.as_str(), r.kept.as_slice())), true, now)
        .await?;
    search_feed::touch_many(conn, search_feed::ORGANIZATION, rows.iter().map(|o| o.id.as_str())).await
}
