//! The one taxonomy of innovation fields (حوزه‌های نوآوری), a two-level tree.

use crate::{Conn, Result};

/// A field of the taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Field {
    pub id: String,
    pub parent_id: Option<String>,
    pub name_fa: String,
    pub name_en: String,
    pub position: i64,
}

/// Inserts or renames a field, keyed by its slug id.
pub async fn upsert(conn: &mut Conn, f: &Field) -> Result<()> {
    sqlx::query(
        "INSERT INTO fields (id, parent_id, name_fa, name_en, position) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, name_fa = excluded.name_fa,
             name_en = excluded.name_en, position = excluded.position",
    )
    .bind(&f.id)
    .bind(f.parent_id.as_deref())
    .bind(&f.name_fa)
    .bind(&f.name_en)
    .bind(f.position)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// All fields, parents before children, in display order.
pub async fn list(conn: &mut Conn) -> Result<Vec<Field>> {
    Ok(sqlx::query_as::<_, Field>("SELECT id, parent_id, name_fa, name_en, position FROM fields ORDER BY position, id")
        .fetch_all(&mut *conn)
        .await?)
}
