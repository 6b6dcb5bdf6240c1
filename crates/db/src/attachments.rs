//! Attached files, kept in one table per kind of owner (`challenge_attachments`, `proposal_attachments`):
//! the same file columns in each, then the owner's id and any columns of the owner's own.

use crate::bulk::{Placeholders, Query};
use crate::{Conn, Result, keyed};

/// One stored file, as every attachment table holds it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FileRow {
    pub id: String,
    pub storage_key: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub uploaded_by: String,
    pub created_at: i64,
}

/// [`FileRow`]'s columns, in the order [`Table::insert`] binds them.
const FILE_COLUMNS: [&str; 7] =
    ["id", "storage_key", "file_name", "content_type", "size_bytes", "uploaded_by", "created_at"];

/// One kind of owner's attachment table.
pub(crate) struct Table {
    pub name: &'static str,
    /// The column holding the owner's id.
    pub owner: &'static str,
    /// The owner's own columns, bound after the owner's id.
    pub extra: &'static [&'static str],
}

impl Table {
    /// The file columns, the owner's and the extra ones, in binding order.
    fn columns(&self) -> Vec<&'static str> {
        let mut columns = FILE_COLUMNS.to_vec();
        columns.push(self.owner);
        columns.extend_from_slice(self.extra);
        columns
    }

    /// Inserts `file` of `owner`; `extra` binds the [`Table::extra`] columns.
    pub(crate) async fn insert(
        &self,
        conn: &mut Conn,
        file: &FileRow,
        owner: &str,
        extra: impl for<'q> FnOnce(Query<'q>) -> Query<'q>,
    ) -> Result<()> {
        let columns = self.columns();
        let values = Placeholders::Numbered.list(columns.len());
        let sql = format!("INSERT INTO {} ({}) VALUES ({values})", self.name, columns.join(", "));
        let q = sqlx::query(&sql)
            .bind(&file.id)
            .bind(&file.storage_key)
            .bind(&file.file_name)
            .bind(&file.content_type)
            .bind(file.size_bytes)
            .bind(&file.uploaded_by)
            .bind(file.created_at)
            .bind(owner);
        extra(q).execute(&mut *conn).await?;
        Ok(())
    }

    /// The files of `owner` in upload order.
    pub(crate) async fn of<T>(&self, conn: &mut Conn, owner: &str) -> Result<Vec<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        let sql = format!(
            "SELECT {} FROM {} WHERE {} = $1 ORDER BY created_at, id",
            self.columns().join(", "),
            self.name,
            self.owner
        );
        keyed::all(conn, &sql, owner).await
    }

    /// The file with id `id`, whoever owns it.
    pub(crate) async fn by_id<T>(&self, conn: &mut Conn, id: &str) -> Result<Option<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        keyed::one(conn, &format!("SELECT {} FROM {} WHERE id = $1", self.columns().join(", "), self.name), id).await
    }
}
