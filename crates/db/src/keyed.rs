//! The commonest read of this crate: a `SELECT` with one parameter, `$1`, mostly an id.

use crate::{Conn, Result};

/// The row `sql` finds for `key`, if any.
pub(crate) async fn one<T>(conn: &mut Conn, sql: &str, key: &str) -> Result<Option<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    Ok(sqlx::query_as(sql).bind(key).fetch_optional(&mut *conn).await?)
}

/// The rows `sql` finds for `key`, in the order it gives them.
pub(crate) async fn all<T>(conn: &mut Conn, sql: &str, key: &str) -> Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    Ok(sqlx::query_as(sql).bind(key).fetch_all(&mut *conn).await?)
}
