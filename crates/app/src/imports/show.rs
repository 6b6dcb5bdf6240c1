//! Showing runs to staff: the list with counts, one run's summary, and its rows page by page.

use halqe_db::imports::{self, Counts};
use halqe_domain::ids::ImportRunId;
use halqe_domain::locale::Locale;
use halqe_domain::permissions::StaffCap;

use super::run::summary_line;
use super::{Acting, Kind};
use crate::i18n::{Isolation, t_args};
use crate::jobs::JobView;
use crate::{App, Error, MINUTE_MS, Result};

pub use halqe_db::imports::RowFilter;

/// A run whose heartbeat is older than this was killed (a live run beats once per batch).
pub const STALE_MS: i64 = 10 * MINUTE_MS;
/// Rows per page of a run's report.
pub const PAGE_ROWS: i64 = 100;

/// Where a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    Running,
    Done,
    Failed,
    /// Stopped without finishing (the process was killed); running the file again completes it.
    Interrupted,
}

impl RunStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Done => "done",
            Self::Failed => "failed",
            Self::Interrupted => "interrupted",
        }
    }
}

/// A run as pages show it.
#[derive(Debug, Clone)]
pub struct RunView {
    pub id: ImportRunId,
    pub kind: Kind,
    pub file_name: String,
    pub dry_run: bool,
    pub status: RunStatus,
    pub counts: Counts,
    pub rows_done: i64,
    pub started_at: i64,
    pub finished_at: Option<i64>,
    pub source_format: String,
    /// The file's original headers, for the report.
    pub headers: Vec<String>,
    /// The Fluent key and argument of why the file could not be imported.
    pub error: Option<(String, String)>,
}

impl RunView {
    fn new(r: imports::Run, now: i64) -> Self {
        let status = match r.status.as_str() {
            "done" => RunStatus::Done,
            "failed" => RunStatus::Failed,
            _ if r.heartbeat_at.unwrap_or(r.started_at) + STALE_MS < now => RunStatus::Interrupted,
            _ => RunStatus::Running,
        };
        let counts = Counts {
            created: r.created,
            updated: r.updated,
            unchanged: r.unchanged,
            rejected: r.rejected,
            flagged: r.flagged,
        };
        let error = (!r.error_code.is_empty()).then(|| (format!("import-problem-{}", r.error_code), r.error_detail));
        Self {
            id: ImportRunId::from_db(r.id),
            kind: Kind::parse(&r.kind).unwrap_or(Kind::People),
            file_name: r.file_name,
            dry_run: r.dry_run != 0,
            status,
            counts,
            rows_done: r.rows_done,
            started_at: r.started_at,
            finished_at: r.finished_at,
            source_format: r.source_format,
            headers: serde_json::from_str(&r.headers).unwrap_or_default(),
            error,
        }
    }

    /// `created=N updated=N unchanged=N rejected=N`.
    pub fn summary_line(&self) -> String {
        summary_line(&self.counts)
    }

    pub fn running(&self) -> bool {
        self.status == RunStatus::Running
    }
}

/// One page of runs, newest first, and how many there are.
pub async fn list(app: &App, _by: Acting<'_>, page: i64) -> Result<(Vec<RunView>, i64)> {
    let mut conn = app.db.conn().await?;
    let total = imports::count_runs(&mut conn).await?;
    let runs = imports::runs(&mut conn, PAGE_ROWS, (page.max(1) - 1) * PAGE_ROWS).await?;
    let now = app.now();
    Ok((runs.into_iter().map(|r| RunView::new(r, now)).collect(), total))
}

/// One run.
pub async fn run(app: &App, _by: Acting<'_>, id: &ImportRunId) -> Result<RunView> {
    let mut conn = app.db.conn().await?;
    let run = imports::run_by_id(&mut conn, id).await?.ok_or(Error::NotFound)?;
    Ok(RunView::new(run, app.now()))
}

/// The job that drives a run, for its progress and cancel button (`None` for runs from before jobs).
pub async fn job(app: &App, _by: Acting<'_>, id: &ImportRunId) -> Result<Option<JobView>> {
    let mut conn = app.db.conn().await?;
    let run = imports::run_by_id(&mut conn, id).await?.ok_or(Error::NotFound)?;
    drop(conn);
    match run.job_id {
        Some(job) => crate::jobs::by_id(app, &job).await,
        None => Ok(None),
    }
}

/// Asks the job importing a run to stop after its current batch (the rows committed so far stay, as
/// after any interrupted run); audited. False when the run had already ended.
pub async fn cancel(app: &App, cap: &StaffCap, id: &ImportRunId) -> Result<bool> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let run = imports::run_by_id(&mut tx, id).await?.ok_or(Error::NotFound)?;
    let Some(job) = run.job_id else { return Ok(false) };
    if !halqe_db::jobs::request_cancel(&mut tx, &job, now).await? {
        return Ok(false);
    }
    // A job cancelled before any runner claimed it never ends its run: end it here.
    if halqe_db::jobs::by_id(&mut tx, &job).await?.is_some_and(|j| j.state == "cancelled") {
        imports::finish(&mut tx, id, "failed", ("cancelled", ""), now).await?;
    }
    let details = serde_json::json!({ "file": run.file_name, "job": job });
    crate::audit::record(&mut tx, Some(cap.by()), "import.cancel", ("import_run", id.as_str()), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(true)
}

/// Why a row was rejected or flagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueView {
    /// The column's code, or empty for the whole row.
    pub column: String,
    /// The Fluent key of the message (its argument is `count`).
    pub key: String,
    pub detail: String,
    pub rejects: bool,
}

impl IssueView {
    /// The message in `locale`, its number in that locale's digits.
    pub fn message(&self, locale: Locale, iso: Isolation) -> String {
        let detail = match locale {
            Locale::Fa => halqe_domain::text::to_persian_digits(&self.detail),
            Locale::En => self.detail.clone(),
        };
        t_args(locale, iso, &self.key, &[("count", &detail)])
    }
}

/// A row of a run as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowView {
    pub number: i64,
    /// `created`, `updated`, `unchanged` or `rejected`.
    pub status: String,
    pub flagged: bool,
    pub label: String,
    /// The original cells (rejected and flagged rows only).
    pub cells: Vec<String>,
    pub issues: Vec<IssueView>,
}

/// Rows of a run in file order, `limit` from `offset`, with their issues.
pub async fn rows(
    app: &App,
    _by: Acting<'_>,
    id: &ImportRunId,
    filter: RowFilter,
    offset: i64,
    limit: i64,
) -> Result<Vec<RowView>> {
    let mut conn = app.db.conn().await?;
    let rows = imports::rows_page(&mut conn, id, filter, limit, offset).await?;
    with_issues(&mut conn, id, rows).await
}

/// Rows after row number `after`, for reading a whole report in pieces.
pub async fn rows_after(
    app: &App,
    _by: Acting<'_>,
    id: &ImportRunId,
    filter: RowFilter,
    after: i64,
    limit: i64,
) -> Result<Vec<RowView>> {
    let mut conn = app.db.conn().await?;
    let rows = imports::rows_after(&mut conn, id, filter, after, limit).await?;
    with_issues(&mut conn, id, rows).await
}

async fn with_issues(
    conn: &mut halqe_db::Conn,
    id: &ImportRunId,
    rows: Vec<imports::RowOutcome>,
) -> Result<Vec<RowView>> {
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return Ok(Vec::new());
    };
    let mut issues = imports::issues_between(conn, id, first.row_number, last.row_number).await?.into_iter().peekable();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let mut mine = Vec::new();
        while let Some(i) = issues.next_if(|i| i.row_number <= r.row_number) {
            if i.row_number == r.row_number {
                mine.push(IssueView {
                    column: i.column_name,
                    key: i.code,
                    detail: i.detail,
                    rejects: i.severity == "error",
                });
            }
        }
        out.push(RowView {
            number: r.row_number,
            status: r.status,
            flagged: r.flagged != 0,
            label: r.label,
            cells: serde_json::from_str(&r.cells).unwrap_or_default(),
            issues: mine,
        });
    }
    Ok(out)
}

/// How many rows a filter lists.
pub async fn count_rows(app: &App, _by: Acting<'_>, id: &ImportRunId, filter: RowFilter) -> Result<i64> {
    let mut conn = app.db.conn().await?;
    Ok(imports::count_rows(&mut conn, id, filter).await?)
}
