//! One import run end to end: record it, check the file, stream its rows through batched transactions,
//! finish with one audit record.

use std::collections::HashMap;
use std::io::Read;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use halqe_db::imports::{self, Counts, NewRun, RowOutcome};
use halqe_domain::ids::{ImportRunId, UserId};
use halqe_domain::permissions::StaffCap;
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;

use super::columns::{Cells, Mapping, Memo, map_headers};
use super::dedupe::Seen;
use super::people::FieldIndex;
use super::problem::{FileProblem, Issue, Reason};
use super::read::{self, Format, RawRow};
use super::{BATCH_ROWS, Batch, Kind, Record, Row, Status, organizations, people};
use crate::{App, Error, Result, audit};

/// Who acts: a staff member on the web, or the operator at the command line.
#[derive(Debug, Clone, Copy)]
pub enum Acting<'a> {
    Staff(&'a StaffCap),
    Operator,
}

impl Acting<'_> {
    fn user(self) -> Option<UserId> {
        match self {
            Self::Staff(cap) => Some(cap.by().clone()),
            Self::Operator => None,
        }
    }
}

/// What to import.
#[derive(Debug, Clone)]
pub struct Request {
    pub kind: Kind,
    pub path: PathBuf,
    /// The name shown in the list of runs.
    pub file_name: String,
    /// Decide and report every row, change nothing in the registry.
    pub dry_run: bool,
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub run: ImportRunId,
    pub counts: Counts,
    /// Why the file could not be imported (rows before the problem may have been).
    pub problem: Option<FileProblem>,
}

impl Summary {
    /// `created=N updated=N unchanged=N rejected=N`, the line every import ends with.
    pub fn line(&self) -> String {
        summary_line(&self.counts)
    }
}

/// The summary line of a run's counts.
pub fn summary_line(c: &Counts) -> String {
    format!("created={} updated={} unchanged={} rejected={}", c.created, c.updated, c.unchanged, c.rejected)
}

async fn record_start(app: &App, id: &ImportRunId, by: Option<&UserId>, req: &Request) -> Result<()> {
    let mut conn = app.db.conn().await?;
    let run = NewRun { id, kind: req.kind.code(), file_name: &req.file_name, dry_run: req.dry_run, started_by: by };
    imports::insert_run(&mut conn, &run, app.now()).await?;
    Ok(())
}

/// Imports a file and waits for the end.
pub async fn run(app: &App, by: Acting<'_>, req: &Request) -> Result<Summary> {
    let id = ImportRunId::new();
    let user = by.user();
    record_start(app, &id, user.as_ref(), req).await?;
    execute_or_fail(app, id, user, req).await
}

/// Starts importing an uploaded file in the background and returns the run at once; the upload is
/// deleted when the run ends.
pub async fn start(app: &App, cap: &StaffCap, req: Request, upload: tempfile::TempPath) -> Result<ImportRunId> {
    let id = ImportRunId::new();
    let user = Some(cap.by().clone());
    record_start(app, &id, user.as_ref(), &req).await?;
    let (app, run) = (app.clone(), id.clone());
    tokio::spawn(async move {
        let _upload = upload;
        let _ = execute_or_fail(&app, run, user, &req).await;
    });
    Ok(id)
}

/// What the structure check learned.
struct Checked {
    format: Format,
    mapping: Mapping,
    headers: Vec<String>,
    sha256: String,
}

/// Reads the whole file once without writing anything: its format, header, digest, and that every row parses.
fn check(path: &Path, kind: Kind) -> Result<Checked, FileProblem> {
    let format = read::detect(path, kind)?;
    let mut headers = None;
    read::rows(path, format, |row| {
        if headers.is_none() {
            headers = Some(row.cells);
        }
        ControlFlow::Continue(())
    })?;
    let headers = headers.ok_or(FileProblem::Empty)?;
    let mapping = map_headers(kind, &headers)?;
    let mut digest = Sha256::new();
    let mut file = std::fs::File::open(path).map_err(|e| FileProblem::Io(e.to_string()))?;
    let mut buf = vec![0; 1 << 16];
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => digest.update(&buf[..n]),
            Err(e) => return Err(FileProblem::Io(e.to_string())),
        }
    }
    Ok(Checked { format, mapping, headers, sha256: hex::encode(digest.finalize()) })
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(e.to_string())
}

/// Runs the import; an internal failure (the database) is logged and the run marked failed.
async fn execute_or_fail(app: &App, id: ImportRunId, user: Option<UserId>, req: &Request) -> Result<Summary> {
    let outcome = execute(app, id.clone(), user.clone(), req).await;
    if let Err(e) = &outcome {
        tracing::error!(run = %id, error = %e, "import failed");
        let _ = end(app, &id, user.as_ref(), Err(("internal", ""))).await;
    }
    outcome
}

async fn execute(app: &App, id: ImportRunId, user: Option<UserId>, req: &Request) -> Result<Summary> {
    let (path, kind) = (req.path.clone(), req.kind);
    let checked = match tokio::task::spawn_blocking(move || check(&path, kind)).await.map_err(internal)? {
        Ok(c) => c,
        Err(problem) => return end(app, &id, user.as_ref(), Err(problem)).await,
    };
    {
        let mut conn = app.db.conn().await?;
        let headers = serde_json::to_string(&checked.headers).map_err(internal)?;
        imports::describe_source(&mut conn, &id, &checked.sha256, &checked.format.describe(), &headers).await?;
    }
    let fields = match kind {
        Kind::People => FieldIndex::new(&crate::fields::list(app).await?),
        Kind::Organizations => FieldIndex::default(),
    };
    let (sender, mut batches) = mpsc::channel(2);
    let (path, format, mapping) = (req.path.clone(), checked.format, checked.mapping);
    let reader = std::thread::spawn(move || prepare(&path, format, kind, &mapping, &fields, &sender));
    let mut touched = HashMap::new();
    while let Some(batch) = batches.recv().await {
        let mut rows = match batch {
            Ok(rows) => rows,
            Err(problem) => return end(app, &id, user.as_ref(), Err(problem)).await,
        };
        commit(app, &id, kind, req.dry_run, &mut touched, &mut rows).await?;
    }
    // A reading thread that died (a bug) closed the channel early: that must not pass for the end of the file.
    if tokio::task::spawn_blocking(move || reader.join().is_err()).await.unwrap_or(true) {
        return end(app, &id, user.as_ref(), Err(("internal", "reader"))).await;
    }
    end(app, &id, user.as_ref(), Ok::<(), FileProblem>(())).await
}

/// Marks the run done or failed and, unless it was a dry run, writes its one audit record.
async fn end(
    app: &App,
    id: &ImportRunId,
    user: Option<&UserId>,
    outcome: Result<(), impl Into<Failure>>,
) -> Result<Summary> {
    let now = app.now();
    let failure = outcome.err().map(Into::into);
    let mut tx = app.db.begin().await?;
    let (status, code, detail) = match &failure {
        None => ("done", String::new(), String::new()),
        Some(f) => ("failed", f.code.clone(), f.detail.clone()),
    };
    imports::finish(&mut tx, id, status, (&code, &detail), now).await?;
    let run = imports::run_by_id(&mut tx, id).await?.ok_or(Error::NotFound)?;
    let counts = Counts {
        created: run.created,
        updated: run.updated,
        unchanged: run.unchanged,
        rejected: run.rejected,
        flagged: run.flagged,
    };
    if run.dry_run == 0 {
        let details = serde_json::json!({
            "kind": run.kind,
            "file": run.file_name,
            "sha256": run.file_sha256,
            "status": status,
            "created": counts.created,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
            "rejected": counts.rejected,
            "flagged": counts.flagged,
        });
        audit::record(&mut tx, user, "import.run", ("import_run", id.as_str()), details, now).await?;
    }
    halqe_db::commit(tx).await?;
    Ok(Summary { run: id.clone(), counts, problem: failure.and_then(|f| f.problem) })
}

/// Why a run failed: a problem with the file, or an internal error.
struct Failure {
    code: String,
    detail: String,
    problem: Option<FileProblem>,
}

impl From<FileProblem> for Failure {
    fn from(p: FileProblem) -> Self {
        Self { code: p.code().to_owned(), detail: p.detail(), problem: Some(p) }
    }
}

impl From<(&str, &str)> for Failure {
    fn from((code, detail): (&str, &str)) -> Self {
        Self { code: code.to_owned(), detail: detail.to_owned(), problem: None }
    }
}

/// The reading thread: turns raw rows into validated ones, finds duplicates inside the file, sends batches.
fn prepare(
    path: &Path,
    format: Format,
    kind: Kind,
    mapping: &Mapping,
    fields: &FieldIndex,
    sender: &mpsc::Sender<Result<Vec<Row>, FileProblem>>,
) {
    let mut reading = Reading::default();
    let mut batch = Vec::with_capacity(BATCH_ROWS);
    let mut header = true;
    let strict_width = matches!(format, Format::Csv { .. });
    let read = read::rows(path, format, |raw| {
        if std::mem::take(&mut header) {
            return ControlFlow::Continue(());
        }
        batch.push(prepare_row(kind, mapping, fields, strict_width, &mut reading, raw));
        if batch.len() == BATCH_ROWS && sender.blocking_send(Ok(std::mem::take(&mut batch))).is_err() {
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    });
    let last = match read {
        Ok(()) if batch.is_empty() => return,
        Ok(()) => Ok(batch),
        Err(problem) => Err(problem),
    };
    let _ = sender.blocking_send(last);
}

/// What the reading thread keeps from one row to the next.
#[derive(Debug, Default)]
struct Reading {
    seen: Seen,
    memo: Memo,
}

/// Validates one row and checks it against the rows before it.
fn prepare_row(
    kind: Kind,
    mapping: &Mapping,
    fields: &FieldIndex,
    strict_width: bool,
    reading: &mut Reading,
    raw: RawRow,
) -> Row {
    let Reading { seen, memo } = reading;
    let mut issues = Vec::new();
    let extra = raw.cells.get(mapping.width..).is_some_and(|rest| rest.iter().any(|c| !c.trim().is_empty()));
    if extra || (strict_width && raw.cells.len() < mapping.width) {
        issues.push(Issue::new("", Reason::CellCount(mapping.width)));
    }
    let cells = Cells::new(kind, mapping, &raw.cells);
    let (record, label) = match kind {
        Kind::People => {
            let p = people::parse(&cells, fields, memo, &mut issues);
            let label = p.as_ref().map_or_else(|| cells.label(&["first_name", "last_name"]), |p| p.full_name());
            (p.map(Record::Person), label)
        }
        Kind::Organizations => {
            let o = organizations::parse(&cells, memo, &mut issues);
            let label = o.as_ref().map_or_else(|| cells.label(&["name_fa"]), |o| o.name_fa.clone());
            (o.map(Record::Organization), label)
        }
    };
    let record = record.filter(|r| {
        let (keys, institution, identity) = match r {
            Record::Person(p) => (
                p.keys().into_iter().map(|(c, v)| (c, v.to_owned())).collect::<Vec<_>>(),
                p.institution.as_deref(),
                p.identity(),
            ),
            Record::Organization(o) => (o.keys(), o.institution.as_deref(), o.identity()),
        };
        let keys: Vec<(&'static str, &str)> = keys.iter().map(|(c, v)| (*c, v.as_str())).collect();
        if let Some((column, first)) = seen.duplicate(raw.number, &keys) {
            issues.push(Issue::new(column, Reason::DuplicateInFile(first)));
            return false;
        }
        if let Some(first) = seen.near_duplicate(raw.number, institution.unwrap_or_default(), &label, identity) {
            issues.push(Issue::new("", Reason::NearDuplicate(first)));
        }
        true
    });
    let status = if record.is_some() { Status::Unchanged } else { Status::Rejected };
    Row { number: raw.number, cells: raw.cells, label, record, issues, status }
}

/// Applies one batch in one transaction: registry changes, the rows' outcomes and issues, the run's totals.
async fn commit(
    app: &App,
    id: &ImportRunId,
    kind: Kind,
    dry_run: bool,
    touched: &mut HashMap<u128, i64>,
    rows: &mut [Row],
) -> Result<Counts> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    imports::tune(&mut tx).await?;
    let mut batch = Batch { run: id, now, dry_run, touched };
    match kind {
        Kind::People => people::apply(app, &mut tx, &mut batch, rows).await?,
        Kind::Organizations => organizations::apply(&mut tx, &mut batch, rows).await?,
    }
    let mut counts = Counts::default();
    let mut outcomes = Vec::with_capacity(rows.len());
    let mut issues = Vec::new();
    for r in rows.iter() {
        let flagged = r.status != Status::Rejected && r.flagged();
        match r.status {
            Status::Created => counts.created += 1,
            Status::Updated => counts.updated += 1,
            Status::Unchanged => counts.unchanged += 1,
            Status::Rejected => counts.rejected += 1,
        }
        counts.flagged += i64::from(flagged);
        let listed = flagged || r.status == Status::Rejected;
        outcomes.push(RowOutcome {
            row_number: r.number,
            status: r.status.code().to_owned(),
            flagged: i64::from(flagged),
            label: r.label.clone(),
            cells: if listed { serde_json::to_string(&r.cells).map_err(internal)? } else { String::new() },
        });
        let mut keys = Vec::new();
        for i in &r.issues {
            let code = i.reason.key(i.column);
            if keys.contains(&(code.clone(), i.column)) {
                continue;
            }
            keys.push((code.clone(), i.column));
            issues.push(imports::Issue {
                row_number: r.number,
                severity: if i.reason.rejects() { "error" } else { "warning" }.to_owned(),
                code,
                column_name: i.column.to_owned(),
                detail: i.reason.detail(),
            });
        }
    }
    imports::insert_rows(&mut tx, id, &outcomes).await?;
    imports::insert_issues(&mut tx, id, &issues).await?;
    imports::advance(&mut tx, id, &counts, now).await?;
    halqe_db::commit(tx).await?;
    Ok(counts)
}
