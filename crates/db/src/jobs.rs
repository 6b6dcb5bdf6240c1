//! The job queue: jobs claimed under a lease that a heartbeat renews, their progress history, and the
//! periodic tasks' schedule.
//!
//! Every change to a running job names its lease owner, so a worker whose lease was taken over (it
//! stalled past the expiry and another node resumed the job) changes nothing.

use halqe_domain::clock::Millis;
use halqe_domain::ids::Id;

use crate::{Backend, Conn, Result};

/// The reason a job whose worker stopped (killed, crashed, cut off) is marked failed.
pub const LEASE_EXPIRED: &str = "worker stopped: lease expired";

/// A job as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Job {
    pub id: String,
    pub kind: String,
    pub payload: String,
    pub state: String,
    pub resumable: i64,
    pub progress_done: i64,
    pub progress_total: i64,
    pub attempts: i64,
    pub lease_owner: Option<String>,
    pub lease_expires_at: Option<i64>,
    pub heartbeat_at: Option<i64>,
    pub cancel_requested: i64,
    pub error: String,
    pub result: String,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
}

const COLUMNS: &str = "id, kind, payload, state, resumable, progress_done, progress_total, attempts, lease_owner, \
    lease_expires_at, heartbeat_at, cancel_requested, error, result, created_by, created_at, started_at, finished_at";

/// A job to queue.
#[derive(Debug)]
pub struct NewJob<'a> {
    pub kind: &'a str,
    pub payload: &'a str,
    /// Queued again when its worker dies, instead of failing.
    pub resumable: bool,
    pub created_by: Option<&'a str>,
}

/// Queues a job; returns its id.
pub async fn enqueue(conn: &mut Conn, job: &NewJob<'_>, now: Millis) -> Result<String> {
    let id = Id::<Job>::new();
    sqlx::query(
        "INSERT INTO jobs (id, kind, payload, state, resumable, created_by, created_at)
         VALUES ($1, $2, $3, 'queued', $4, $5, $6)",
    )
    .bind(id.as_str())
    .bind(job.kind)
    .bind(job.payload)
    .bind(i64::from(job.resumable))
    .bind(job.created_by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id.as_str().to_owned())
}

/// Takes the oldest queued job (or the given one) for `owner` until `lease_until`. PostgreSQL skips
/// rows another claim has locked; SQLite runs one write at a time, so its single statement is atomic.
pub async fn claim(
    conn: &mut Conn,
    backend: Backend,
    owner: &str,
    only: Option<&str>,
    now: Millis,
    lease_until: Millis,
) -> Result<Option<Job>> {
    let lock = match backend {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE jobs SET state = 'running', lease_owner = $1, lease_expires_at = $2, heartbeat_at = $3,
            attempts = attempts + 1, started_at = COALESCE(started_at, $3)
         WHERE state = 'queued' AND id = (
            SELECT id FROM jobs WHERE state = 'queued' AND ($4 = '' OR id = $4)
            ORDER BY created_at, id LIMIT 1{lock})
         RETURNING {COLUMNS}"
    );
    let job = sqlx::query_as::<_, Job>(&sql)
        .bind(owner)
        .bind(lease_until)
        .bind(now)
        .bind(only.unwrap_or_default())
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(j) = &job {
        let note = if j.attempts > 1 { "resumed" } else { "started" };
        event(conn, &j.id, "running", (j.progress_done, j.progress_total), note, now).await?;
    }
    Ok(job)
}

/// What a live worker learns when it renews its lease.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lease {
    Held,
    /// Someone asked to cancel: stop at the next safe point.
    CancelRequested,
    /// The job is no longer this worker's (its lease expired and it was taken over or failed).
    Lost,
}

fn lease_of(row: Option<i64>) -> Lease {
    match row {
        None => Lease::Lost,
        Some(0) => Lease::Held,
        Some(_) => Lease::CancelRequested,
    }
}

/// Renews the lease of a running job.
pub async fn heartbeat(conn: &mut Conn, id: &str, owner: &str, now: Millis, lease_until: Millis) -> Result<Lease> {
    let row: Option<i64> = sqlx::query_scalar(
        "UPDATE jobs SET heartbeat_at = $1, lease_expires_at = $2
         WHERE id = $3 AND lease_owner = $4 AND state = 'running' RETURNING cancel_requested",
    )
    .bind(now)
    .bind(lease_until)
    .bind(id)
    .bind(owner)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(lease_of(row))
}

/// Records progress (and renews the lease): `done` of `total` units.
pub async fn progress(conn: &mut Conn, id: &str, owner: &str, done: i64, total: i64, now: Millis) -> Result<Lease> {
    let row: Option<i64> = sqlx::query_scalar(
        "UPDATE jobs SET progress_done = $1, progress_total = $2, heartbeat_at = $3
         WHERE id = $4 AND lease_owner = $5 AND state = 'running' RETURNING cancel_requested",
    )
    .bind(done)
    .bind(total)
    .bind(now)
    .bind(id)
    .bind(owner)
    .fetch_optional(&mut *conn)
    .await?;
    if row.is_some() {
        event(conn, id, "running", (done, total), "", now).await?;
    }
    Ok(lease_of(row))
}

/// Ends a running job held by `owner`: `succeeded`, `failed` or `cancelled`, with its result or error.
/// Returns false when the job was no longer this worker's.
pub async fn finish(
    conn: &mut Conn,
    id: &str,
    owner: &str,
    state: &str,
    outcome: (&str, &str),
    now: Millis,
) -> Result<bool> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "UPDATE jobs SET state = $1, result = $2, error = $3, finished_at = $4, heartbeat_at = $4,
            lease_owner = NULL, lease_expires_at = NULL
         WHERE id = $5 AND lease_owner = $6 AND state = 'running' RETURNING progress_done, progress_total",
    )
    .bind(state)
    .bind(outcome.0)
    .bind(outcome.1)
    .bind(now)
    .bind(id)
    .bind(owner)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(progress) = row {
        event(conn, id, state, progress, outcome.1, now).await?;
    }
    Ok(row.is_some())
}

/// Asks a job to stop: a queued one is cancelled at once, a running one at its next safe point.
/// Returns false when the job had already ended.
pub async fn request_cancel(conn: &mut Conn, id: &str, now: Millis) -> Result<bool> {
    let row: Option<(String, i64, i64)> = sqlx::query_as(
        "UPDATE jobs SET cancel_requested = 1,
            state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END,
            finished_at = CASE WHEN state = 'queued' THEN $1 ELSE finished_at END
         WHERE id = $2 AND state IN ('queued', 'running') RETURNING state, progress_done, progress_total",
    )
    .bind(now)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some((state, done, total)) = &row {
        let note = if state == "cancelled" { "" } else { "cancel requested" };
        event(conn, id, state, (*done, *total), note, now).await?;
    }
    Ok(row.is_some())
}

/// Jobs whose lease expired while running (their worker was killed): resumable ones are queued again,
/// the others marked failed with [`LEASE_EXPIRED`]. A resumable job that keeps dying fails after
/// `max_attempts`. Returns the jobs changed as (id, new state).
pub async fn reap_expired(conn: &mut Conn, now: Millis, max_attempts: i64) -> Result<Vec<(String, String)>> {
    let changed: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "UPDATE jobs SET
            state = CASE WHEN resumable = 1 AND attempts < $1 THEN 'queued' ELSE 'failed' END,
            error = CASE WHEN resumable = 1 AND attempts < $1 THEN '' ELSE $2 END,
            finished_at = CASE WHEN resumable = 1 AND attempts < $1 THEN NULL ELSE $3 END,
            lease_owner = NULL, lease_expires_at = NULL
         WHERE state = 'running' AND lease_expires_at < $3
         RETURNING id, state, progress_done, progress_total",
    )
    .bind(max_attempts)
    .bind(LEASE_EXPIRED)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    for (id, state, done, total) in &changed {
        event(conn, id, state, (*done, *total), LEASE_EXPIRED, now).await?;
    }
    Ok(changed.into_iter().map(|(id, state, _, _)| (id, state)).collect())
}

pub async fn by_id(conn: &mut Conn, id: &str) -> Result<Option<Job>> {
    Ok(sqlx::query_as::<_, Job>(&format!("SELECT {COLUMNS} FROM jobs WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Whether a job of `kind` is queued or running.
pub async fn active_of_kind(conn: &mut Conn, kind: &str) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE kind = $1 AND state IN ('queued', 'running')")
        .bind(kind)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

/// Jobs, newest first.
pub async fn recent(conn: &mut Conn, limit: i64) -> Result<Vec<Job>> {
    Ok(sqlx::query_as::<_, Job>(&format!("SELECT {COLUMNS} FROM jobs ORDER BY created_at DESC, id DESC LIMIT $1"))
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

/// How many jobs are in each state, for the metrics.
pub async fn count_by_state(conn: &mut Conn) -> Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as("SELECT state, COUNT(*) FROM jobs GROUP BY state ORDER BY state").fetch_all(&mut *conn).await?)
}

/// One step of a job's history.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Event {
    pub at: i64,
    pub state: String,
    pub progress_done: i64,
    pub progress_total: i64,
    pub note: String,
}

async fn event(conn: &mut Conn, id: &str, state: &str, progress: (i64, i64), note: &str, now: Millis) -> Result<()> {
    sqlx::query(
        "INSERT INTO job_events (job_id, at, state, progress_done, progress_total, note) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(now)
    .bind(state)
    .bind(progress.0)
    .bind(progress.1)
    .bind(note)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A job's history, oldest first.
pub async fn events(conn: &mut Conn, id: &str) -> Result<Vec<Event>> {
    Ok(sqlx::query_as::<_, Event>(
        "SELECT at, state, progress_done, progress_total, note FROM job_events WHERE job_id = $1 ORDER BY at, state",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Takes a periodic task's turn: true (and the next turn set to `next_at`) when it was due, so exactly
/// one node runs it per period whatever the number of nodes.
pub async fn take_turn(conn: &mut Conn, name: &str, now: Millis, next_at: Millis) -> Result<bool> {
    sqlx::query("INSERT INTO job_schedules (name, next_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
        .bind(name)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    let taken =
        sqlx::query("UPDATE job_schedules SET next_at = $1, last_run_at = $2 WHERE name = $3 AND next_at <= $2")
            .bind(next_at)
            .bind(now)
            .bind(name)
            .execute(&mut *conn)
            .await?;
    Ok(taken.rows_affected() == 1)
}

/// Records how a periodic task's last turn went (empty: it succeeded).
pub async fn record_turn(conn: &mut Conn, name: &str, error: &str) -> Result<()> {
    sqlx::query("UPDATE job_schedules SET last_error = $1 WHERE name = $2")
        .bind(error)
        .bind(name)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Deletes ended jobs (and their history) that finished before `before`.
pub async fn delete_ended_before(conn: &mut Conn, before: Millis) -> Result<u64> {
    let r = sqlx::query("DELETE FROM jobs WHERE state IN ('succeeded', 'failed', 'cancelled') AND finished_at < $1")
        .bind(before)
        .execute(&mut *conn)
        .await?;
    Ok(r.rows_affected())
}
