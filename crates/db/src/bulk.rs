//! Multi-row statements: inserts and `IN (…)` lookups a hundred rows at a time, with the placeholder style each backend binds fastest.

use crate::{Conn, Result};

/// Rows per multi-row statement: few enough for every backend's parameter limit, many enough to
/// save round trips; a fixed size lets the prepared statement be reused.
pub const CHUNK: usize = 100;

/// How a statement names its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placeholders {
    /// `$1, $2, …`: PostgreSQL.
    Numbered,
    /// `?, ?, …`: SQLite, which finds a numbered parameter by walking a list, so binding the hundreds of
    /// a multi-row statement by number would take quadratic time.
    Anonymous,
}

impl Placeholders {
    pub(crate) fn of(conn: &Conn) -> Self {
        if conn.backend_name().eq_ignore_ascii_case("sqlite") { Self::Anonymous } else { Self::Numbered }
    }

    /// The `n`th parameter (from 1).
    fn nth(self, n: usize) -> String {
        match self {
            Self::Numbered => format!("${n}"),
            Self::Anonymous => "?".to_owned(),
        }
    }

    /// `($1, $2), ($3, $4)`: `rows` tuples of `width` parameters.
    pub(crate) fn tuples(self, rows: usize, width: usize) -> String {
        let tuple = |r: usize| {
            let params: Vec<String> = (1..=width).map(|c| self.nth(r * width + c)).collect();
            format!("({})", params.join(", "))
        };
        (0..rows).map(tuple).collect::<Vec<_>>().join(", ")
    }

    /// `$1, $2, …, $n` for an `IN (…)` list.
    pub(crate) fn list(self, n: usize) -> String {
        (1..=n).map(|i| self.nth(i)).collect::<Vec<_>>().join(", ")
    }
}

/// Splits keys into chunks of exactly [`CHUNK`], padding the last with its own last key, so every
/// `IN (…)` query has one shape.
pub(crate) fn padded_chunks(keys: &[String]) -> Vec<Vec<&str>> {
    keys.chunks(CHUNK)
        .map(|c| {
            let mut v: Vec<&str> = c.iter().map(String::as_str).collect();
            let last = v.last().copied().unwrap_or_default();
            v.resize(CHUNK, last);
            v
        })
        .collect()
}

/// `UPDATE {table} SET c1 = $1, …, updated_at = $n+1 WHERE id = $n+2` for the given columns.
pub(crate) fn update_sql(table: &str, columns: &[&str]) -> String {
    let n = columns.len();
    let set: Vec<String> = columns.iter().enumerate().map(|(i, c)| format!("{c} = ${}", i + 1)).collect();
    format!("UPDATE {table} SET {}, updated_at = ${} WHERE id = ${}", set.join(", "), n + 1, n + 2)
}

/// `INSERT INTO {table} (c1, …, updated_at, id, k1, …) VALUES ($1, …)`: the columns [`update_sql`] writes, in its
/// binding order, then the ones set only on creation.
pub(crate) fn insert_sql(table: &str, columns: &[&str], on_creation: &[&str]) -> String {
    let n = columns.len() + 2 + on_creation.len();
    format!(
        "INSERT INTO {table} ({}, updated_at, id, {}) VALUES ({})",
        columns.join(", "),
        on_creation.join(", "),
        Placeholders::Numbered.list(n)
    )
}

/// A query under construction, for the bind callbacks of [`insert_many`].
pub(crate) type Query<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Inserts `rows` with multi-row statements `{head} VALUES (…), (…)`; `bind` binds one row's `width` values.
pub(crate) async fn insert_many<T>(
    conn: &mut Conn,
    head: &str,
    width: usize,
    rows: &[T],
    bind: impl for<'a> Fn(Query<'a>, &'a T) -> Query<'a>,
) -> Result<()> {
    let style = Placeholders::of(conn);
    for chunk in rows.chunks(CHUNK) {
        let sql = format!("{head} VALUES {}", style.tuples(chunk.len(), width));
        let mut q = sqlx::query(&sql);
        for r in chunk {
            q = bind(q, r);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Rows of `{select} … WHERE {column} IN (keys)`, [`CHUNK`] keys per query.
pub(crate) async fn fetch_in<T>(conn: &mut Conn, select: &str, column: &str, keys: &[String]) -> Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let sql = format!("{select} WHERE {column} IN ({})", Placeholders::of(conn).list(CHUNK));
    let mut out = Vec::new();
    for chunk in padded_chunks(keys) {
        let mut q = sqlx::query_as::<_, T>(&sql);
        for k in chunk {
            q = q.bind(k);
        }
        out.extend(q.fetch_all(&mut *conn).await?);
    }
    Ok(out)
}

/// Runs `{statement} IN (keys)` (a `DELETE … WHERE column`), [`CHUNK`] keys per statement.
pub(crate) async fn execute_in(conn: &mut Conn, statement: &str, keys: &[String]) -> Result<()> {
    let sql = format!("{statement} IN ({})", Placeholders::of(conn).list(CHUNK));
    for chunk in padded_chunks(keys) {
        let mut q = sqlx::query(&sql);
        for k in chunk {
            q = q.bind(k);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_name_every_column_once() {
        assert_eq!(update_sql("t", &["a", "b"]), "UPDATE t SET a = $1, b = $2, updated_at = $3 WHERE id = $4");
        assert_eq!(
            insert_sql("t", &["a", "b"], &["c"]),
            "INSERT INTO t (a, b, updated_at, id, c) VALUES ($1, $2, $3, $4, $5)"
        );
    }

    #[test]
    fn placeholders_per_backend() {
        assert_eq!(Placeholders::Numbered.tuples(2, 2), "($1, $2), ($3, $4)");
        assert_eq!(Placeholders::Anonymous.tuples(2, 2), "(?, ?), (?, ?)");
        assert_eq!(Placeholders::Numbered.list(3), "$1, $2, $3");
        let keys: Vec<String> = (0..CHUNK + 1).map(|i| i.to_string()).collect();
        let chunks = padded_chunks(&keys);
        assert_eq!(chunks.len(), 2);
        assert!(chunks.iter().all(|c| c.len() == CHUNK));
        assert!(chunks[1].iter().all(|k| *k == CHUNK.to_string()));
    }
}
