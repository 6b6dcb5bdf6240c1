//! Bulk imports: runs and their progress, every row's outcome and issues, and the batched registry
//! reads and writes an import makes (people and organizations in submodules).

pub mod organizations;
pub mod people;

use halqe_domain::clock::Millis;
use halqe_domain::ids::{ImportRunId, UserId};

use crate::bulk::insert_many;
use crate::{Conn, Result};

/// Readies a connection for a batch of a bulk import: on SQLite, a page cache of 64 MiB instead of
/// the default 2 MiB, so the registry's indexes stay in memory (PostgreSQL needs nothing).
pub async fn tune(conn: &mut Conn) -> Result<()> {
    if conn.backend_name().eq_ignore_ascii_case("sqlite") {
        sqlx::query("PRAGMA cache_size = -65536").execute(&mut *conn).await?;
        sqlx::query("PRAGMA wal_autocheckpoint = 16384").execute(&mut *conn).await?;
    }
    Ok(())
}

/// A new run as it starts.
#[derive(Debug)]
pub struct NewRun<'a> {
    pub id: &'a ImportRunId,
    pub kind: &'a str,
    pub file_name: &'a str,
    pub dry_run: bool,
    pub started_by: Option<&'a UserId>,
    /// The job that drives it.
    pub job_id: &'a str,
}

/// Records a run in state `running`.
pub async fn insert_run(conn: &mut Conn, r: &NewRun<'_>, now: Millis) -> Result<()> {
    sqlx::query(
        "INSERT INTO import_runs
            (id, kind, file_name, file_sha256, dry_run, status, started_by, started_at, heartbeat_at, job_id)
         VALUES ($1, $2, $3, '', $4, 'running', $5, $6, $6, $7)",
    )
    .bind(r.id.as_str())
    .bind(r.kind)
    .bind(r.file_name)
    .bind(i64::from(r.dry_run))
    .bind(r.started_by.map(UserId::as_str))
    .bind(now)
    .bind(r.job_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A run as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Run {
    pub id: String,
    pub kind: String,
    pub file_name: String,
    pub file_sha256: String,
    pub dry_run: i64,
    pub status: String,
    pub created: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub rejected: i64,
    pub flagged: i64,
    pub rows_done: i64,
    pub started_by: Option<String>,
    pub started_at: i64,
    pub finished_at: Option<i64>,
    pub heartbeat_at: Option<i64>,
    pub source_format: String,
    pub headers: String,
    pub error_code: String,
    pub error_detail: String,
    pub job_id: Option<String>,
}

const RUN_COLUMNS: &str = "id, kind, file_name, file_sha256, dry_run, status, created, updated, unchanged, rejected, \
    flagged, rows_done, started_by, started_at, finished_at, heartbeat_at, source_format, headers, error_code, error_detail, job_id";

pub async fn run_by_id(conn: &mut Conn, id: &ImportRunId) -> Result<Option<Run>> {
    Ok(sqlx::query_as::<_, Run>(&format!("SELECT {RUN_COLUMNS} FROM import_runs WHERE id = $1"))
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?)
}

/// Runs, newest first.
pub async fn runs(conn: &mut Conn, limit: i64, offset: i64) -> Result<Vec<Run>> {
    Ok(sqlx::query_as::<_, Run>(&format!(
        "SELECT {RUN_COLUMNS} FROM import_runs ORDER BY started_at DESC, id DESC LIMIT $1 OFFSET $2"
    ))
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn count_runs(conn: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM import_runs").fetch_one(&mut *conn).await?)
}

/// What the file turned out to be, once its structure has been checked.
pub async fn describe_source(
    conn: &mut Conn,
    id: &ImportRunId,
    sha256: &str,
    format: &str,
    headers: &str,
) -> Result<()> {
    sqlx::query("UPDATE import_runs SET file_sha256 = $1, source_format = $2, headers = $3 WHERE id = $4")
        .bind(sha256)
        .bind(format)
        .bind(headers)
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Counts of one batch, added to the run's totals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub created: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub rejected: i64,
    pub flagged: i64,
}

impl Counts {
    /// Every data row counted once (flagged rows are also counted by their status).
    pub fn rows(&self) -> i64 {
        self.created + self.updated + self.unchanged + self.rejected
    }

    pub fn add(&mut self, other: &Counts) {
        self.created += other.created;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.rejected += other.rejected;
        self.flagged += other.flagged;
    }
}

/// Adds a committed batch to the run's totals and marks the run alive.
pub async fn advance(conn: &mut Conn, id: &ImportRunId, c: &Counts, now: Millis) -> Result<()> {
    sqlx::query(
        "UPDATE import_runs SET created = created + $1, updated = updated + $2, unchanged = unchanged + $3,
            rejected = rejected + $4, flagged = flagged + $5, rows_done = rows_done + $6, heartbeat_at = $7
         WHERE id = $8",
    )
    .bind(c.created)
    .bind(c.updated)
    .bind(c.unchanged)
    .bind(c.rejected)
    .bind(c.flagged)
    .bind(c.rows())
    .bind(now)
    .bind(id.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Ends a run: `done`, or `failed` with an error code and detail.
pub async fn finish(conn: &mut Conn, id: &ImportRunId, status: &str, error: (&str, &str), now: Millis) -> Result<()> {
    sqlx::query(
        "UPDATE import_runs SET status = $1, error_code = $2, error_detail = $3, finished_at = $4, heartbeat_at = $4
         WHERE id = $5",
    )
    .bind(status)
    .bind(error.0)
    .bind(error.1)
    .bind(now)
    .bind(id.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// What happened to one data row.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct RowOutcome {
    pub row_number: i64,
    pub status: String,
    pub flagged: i64,
    /// A name that lets staff recognise the row.
    pub label: String,
    /// The row's cells as a JSON array, kept only for rejected or flagged rows.
    pub cells: String,
}

/// Records row outcomes.
pub async fn insert_rows(conn: &mut Conn, run: &ImportRunId, rows: &[RowOutcome]) -> Result<()> {
    let head = "INSERT INTO import_rows (run_id, row_number, status, flagged, label, cells)";
    insert_many(conn, head, 6, rows, |q, r| {
        q.bind(run.as_str().to_owned()).bind(r.row_number).bind(&r.status).bind(r.flagged).bind(&r.label).bind(&r.cells)
    })
    .await
}

/// Why a row was rejected or flagged.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Issue {
    pub row_number: i64,
    /// `error` (the row was rejected) or `warning` (it was flagged).
    pub severity: String,
    /// The Fluent key of the reason.
    pub code: String,
    /// The column's code, or empty for the whole row.
    pub column_name: String,
    /// The reason's argument (a row number, a length), or empty.
    pub detail: String,
}

/// Records issues.
pub async fn insert_issues(conn: &mut Conn, run: &ImportRunId, issues: &[Issue]) -> Result<()> {
    let head = "INSERT INTO import_issues (run_id, row_number, severity, code, column_name, detail)";
    insert_many(conn, head, 6, issues, |q, i| {
        q.bind(run.as_str().to_owned())
            .bind(i.row_number)
            .bind(&i.severity)
            .bind(&i.code)
            .bind(&i.column_name)
            .bind(&i.detail)
    })
    .await
}

/// Which rows of a run a page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFilter {
    All,
    /// Rejected or flagged rows only.
    Problems,
}

impl RowFilter {
    fn condition(self) -> &'static str {
        match self {
            Self::All => "",
            Self::Problems => " AND (status = 'rejected' OR flagged = 1)",
        }
    }
}

/// One page of a run's rows in file order.
pub async fn rows_page(
    conn: &mut Conn,
    run: &ImportRunId,
    filter: RowFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<RowOutcome>> {
    Ok(sqlx::query_as::<_, RowOutcome>(&format!(
        "SELECT row_number, status, flagged, label, cells FROM import_rows WHERE run_id = $1{}
         ORDER BY row_number LIMIT $2 OFFSET $3",
        filter.condition()
    ))
    .bind(run.as_str())
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?)
}

/// Rows after `after` in file order, for streaming a report.
pub async fn rows_after(
    conn: &mut Conn,
    run: &ImportRunId,
    filter: RowFilter,
    after: i64,
    limit: i64,
) -> Result<Vec<RowOutcome>> {
    Ok(sqlx::query_as::<_, RowOutcome>(&format!(
        "SELECT row_number, status, flagged, label, cells FROM import_rows WHERE run_id = $1 AND row_number > $2{}
         ORDER BY row_number LIMIT $3",
        filter.condition()
    ))
    .bind(run.as_str())
    .bind(after)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// How many rows `rows_page` pages through.
pub async fn count_rows(conn: &mut Conn, run: &ImportRunId, filter: RowFilter) -> Result<i64> {
    Ok(sqlx::query_scalar(&format!("SELECT COUNT(*) FROM import_rows WHERE run_id = $1{}", filter.condition()))
        .bind(run.as_str())
        .fetch_one(&mut *conn)
        .await?)
}

/// The issues of rows `from..=to` of a run, in row order.
pub async fn issues_between(conn: &mut Conn, run: &ImportRunId, from: i64, to: i64) -> Result<Vec<Issue>> {
    Ok(sqlx::query_as::<_, Issue>(
        "SELECT row_number, severity, code, column_name, detail FROM import_issues
         WHERE run_id = $1 AND row_number >= $2 AND row_number <= $3 ORDER BY row_number, severity, column_name, code",
    )
    .bind(run.as_str())
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?)
}

/// Deletes the rows and issues of runs that finished before `before` (the runs and their counts stay);
/// returns how many rows went.
pub async fn delete_rows_before(conn: &mut Conn, before: Millis) -> Result<u64> {
    let old = "SELECT id FROM import_runs WHERE finished_at < $1";
    sqlx::query(&format!("DELETE FROM import_issues WHERE run_id IN ({old})")).bind(before).execute(&mut *conn).await?;
    let r = sqlx::query(&format!("DELETE FROM import_rows WHERE run_id IN ({old})"))
        .bind(before)
        .execute(&mut *conn)
        .await?;
    Ok(r.rows_affected())
}

/// The numbers of the rows of `from..=to` that created a record, ascending.
pub async fn created_between(conn: &mut Conn, run: &ImportRunId, from: i64, to: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT row_number FROM import_rows WHERE run_id = $1 AND status = 'created' AND row_number >= $2
            AND row_number <= $3 ORDER BY row_number",
    )
    .bind(run.as_str())
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?)
}
