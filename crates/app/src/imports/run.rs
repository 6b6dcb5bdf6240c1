//! One import run end to end: record it, check the file, stream its rows through batched transactions,
//! finish with one audit record.

use std::collections::HashMap;
use std::io::Read;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use halqe_db::imports::{self, Counts, NewRun, RowOutcome};
use halqe_domain::ids::{ImportRunId, UserId};
use halqe_domain::permissions::StaffCap;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;

use super::columns::{Cells, Mapping, Memo, map_headers};
use super::dedupe::Seen;
use super::names::Names;
use super::problem::{FileProblem, Issue, Reason};
use super::read::{self, Format, RawRow};
use super::{BATCH_ROWS, Batch, Kind, Record, Row, Status, organizations, people};
use crate::jobs::runner;
use crate::jobs::{self, Ending, Observer, Step, Work};
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

/// Where a job finds the file: a path on this machine (the command line), or the file store (uploads,
/// so that any node's runner can import it).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "in", rename_all = "snake_case")]
pub enum Source {
    Local { path: PathBuf },
    Stored { key: String },
}

/// An import job's payload.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    run: String,
    kind: String,
    file_name: String,
    dry_run: bool,
    by: Option<String>,
    source: Source,
}

/// Records a run and queues the job that imports it, in one transaction.
/// Records the run and its job; with `claim_for`, the job is claimed for that owner in the same transaction,
/// so no runner elsewhere ever sees it queued (a file on this machine is this process's to import).
async fn queue(
    app: &App,
    by: Option<&UserId>,
    req: &Request,
    source: Source,
    claim_for: Option<&str>,
) -> Result<(ImportRunId, String, Option<halqe_db::jobs::Job>)> {
    let id = ImportRunId::new();
    let payload = Payload {
        run: id.as_str().to_owned(),
        kind: req.kind.code().to_owned(),
        file_name: req.file_name.clone(),
        dry_run: req.dry_run,
        by: by.map(|u| u.as_str().to_owned()),
        source,
    };
    let payload = serde_json::to_value(&payload).map_err(internal)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    // A job this process runs itself is not resumed by another: the file may be on this machine only.
    let resumable = claim_for.is_none();
    let job = jobs::enqueue(&mut tx, jobs::Kind::Import, &payload, resumable, by.map(UserId::as_str), now).await?;
    let run = NewRun {
        id: &id,
        kind: req.kind.code(),
        file_name: &req.file_name,
        dry_run: req.dry_run,
        started_by: by,
        job_id: &job,
    };
    imports::insert_run(&mut tx, &run, now).await?;
    let claimed = match claim_for {
        Some(owner) => runner::claim_in(app, &mut tx, owner, Some(&job)).await?,
        None => None,
    };
    halqe_db::commit(tx).await?;
    Ok((id, job, claimed))
}

/// Imports a file in this process and waits for the end.
pub async fn run(app: &App, by: Acting<'_>, req: &Request) -> Result<Summary> {
    run_observed(app, by, req, None).await
}

/// [`run`], telling `observer` of the rows done after each batch. The job is this process's alone: if
/// the process dies, the job is marked failed (the operator runs the command again).
pub async fn run_observed(app: &App, by: Acting<'_>, req: &Request, observer: Option<Observer>) -> Result<Summary> {
    let user = by.user();
    let path = std::path::absolute(&req.path).map_err(internal)?;
    let owner = runner::owner_name("import");
    let (_, _, claimed) = queue(app, user.as_ref(), req, Source::Local { path }, Some(&owner)).await?;
    let claimed = claimed.ok_or_else(|| internal("the import job could not be claimed"))?;
    let work = Work::new(&claimed, &owner).observed(observer);
    let summary = runner::supervise(app, &claimed, work, async |w: &Work| execute_job(app, w).await).await?;
    summary.ok_or_else(|| internal("the import job was taken over"))
}

/// Queues a file on this machine for a job runner here (`halqe worker`); returns the run and the job.
pub async fn enqueue(app: &App, req: &Request) -> Result<(ImportRunId, String)> {
    let path = std::path::absolute(&req.path).map_err(internal)?;
    let (run, job, _) = queue(app, None, req, Source::Local { path }, None).await?;
    Ok((run, job))
}

/// Queues an uploaded file for any node's job runner and returns the run at once; the file goes to
/// the file store, and is removed from it when the job ends.
pub async fn start(app: &App, cap: &StaffCap, req: Request, upload: tempfile::TempPath) -> Result<ImportRunId> {
    let key = format!("imports/{}", uuid::Uuid::new_v4());
    app.storage.put_path(&key, &upload).await?;
    drop(upload);
    let queued = queue(app, Some(cap.by()), &req, Source::Stored { key: key.clone() }, None).await;
    if queued.is_err() {
        app.storage.remove(&key).await;
    }
    Ok(queued?.0)
}

/// The job: imports the file its payload names (resuming after the last committed batch when a
/// previous worker died), and says how it ended.
pub(crate) async fn execute_job(app: &App, work: &Work) -> Result<(Ending, Summary)> {
    let p: Payload = serde_json::from_str(&work.payload).map_err(internal)?;
    let kind = Kind::parse(&p.kind).map_err(internal)?;
    let id = ImportRunId::parse(&p.run).ok_or_else(|| internal("bad run id"))?;
    let user = p.by.as_deref().and_then(UserId::parse);
    // A stored upload is copied to a local file: the readers need to seek (XLSX) and read it twice.
    let (path, _local) = match &p.source {
        Source::Local { path } => (path.clone(), None),
        Source::Stored { key } => {
            let bytes = app.storage.get(key).await?;
            let file = tokio::task::spawn_blocking(move || {
                let mut f = tempfile::NamedTempFile::new()?;
                std::io::Write::write_all(&mut f, &bytes)?;
                Ok::<_, std::io::Error>(f.into_temp_path())
            })
            .await
            .map_err(internal)?
            .map_err(internal)?;
            (file.to_path_buf(), Some(file))
        }
    };
    let req = Request { kind, path, file_name: p.file_name, dry_run: p.dry_run };
    let outcome = execute_or_fail(app, id, user, &req, work).await;
    if work.step() != Step::Lost
        && let Source::Stored { key } = &p.source
    {
        app.storage.remove(key).await;
    }
    let summary = outcome?;
    let ending = match (&summary.problem, work.step()) {
        (_, Step::Cancel) => Ending::Cancelled(summary.line()),
        (Some(problem), _) => Ending::Failed(format!("{}: {}", problem.code(), problem.detail())),
        (None, _) => Ending::Succeeded(summary.line()),
    };
    Ok((ending, summary))
}

/// What the structure check learned.
struct Checked {
    format: Format,
    mapping: Mapping,
    headers: Vec<String>,
    sha256: String,
    /// Data rows (the header not counted).
    rows: i64,
}

/// Reads the whole file once without writing anything: its format, header, digest, and that every row parses.
fn check(path: &Path, kind: Kind) -> Result<Checked, FileProblem> {
    let format = read::detect(path, kind)?;
    let (mut headers, mut rows) = (None, -1);
    read::rows(path, format, |row| {
        rows += 1;
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
    Ok(Checked { format, mapping, headers, sha256: hex::encode(digest.finalize()), rows })
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(e.to_string())
}

/// Runs the import; an internal failure (the database) is logged and the run marked failed.
async fn execute_or_fail(
    app: &App,
    id: ImportRunId,
    user: Option<UserId>,
    req: &Request,
    work: &Work,
) -> Result<Summary> {
    let outcome = execute(app, id.clone(), user.clone(), req, work).await;
    // A job lost to another worker is that worker's to finish.
    if let Err(e) = &outcome
        && work.step() != Step::Lost
    {
        tracing::error!(run = %id, error = %e, "import failed");
        let _ = end(app, &id, user.as_ref(), Err(("internal", ""))).await;
    }
    outcome
}

async fn execute(app: &App, id: ImportRunId, user: Option<UserId>, req: &Request, work: &Work) -> Result<Summary> {
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
    let names = {
        let mut conn = app.db.conn().await?;
        Names::new(&halqe_db::fields::list(&mut conn).await?, &halqe_db::kept_values::mappings(&mut conn).await?)
    };
    let (sender, mut batches) = mpsc::channel(2);
    let (path, format, mapping) = (req.path.clone(), checked.format, checked.mapping);
    let reader = std::thread::spawn(move || prepare(&path, format, kind, &mapping, &names, &sender));
    let mut touched = HashMap::new();
    // Rows a previous worker committed before it died: decided again without writing, so the rows after
    // them see what they saw (duplicates inside the file).
    let committed = {
        let mut conn = app.db.conn().await?;
        imports::run_by_id(&mut conn, &id).await?.map_or(0, |r| r.rows_done)
    };
    let (mut done, total) = (0, checked.rows);
    while let Some(batch) = batches.recv().await {
        let mut rows = match batch {
            Ok(rows) => rows,
            Err(problem) => return end(app, &id, user.as_ref(), Err(problem)).await,
        };
        done += rows.len() as i64;
        if done <= committed {
            replay(app, &id, kind, &mut touched, &mut rows).await?;
            continue;
        }
        commit(app, &id, user.as_ref(), kind, req.dry_run, &mut touched, &mut rows).await?;
        match work.progress(app, done, total).await? {
            Step::Continue => {}
            Step::Cancel => return end(app, &id, user.as_ref(), Err(("cancelled", ""))).await,
            Step::Lost => return Err(internal("lease lost")),
        }
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
    names: &Names,
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
        batch.push(prepare_row(kind, mapping, names, strict_width, &mut reading, raw));
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
    names: &Names,
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
            let p = people::parse(&cells, names, memo, &mut issues);
            let label = p.as_ref().map_or_else(|| cells.label(&["first_name", "last_name"]), |p| p.full_name());
            (p.map(Record::Person), label)
        }
        Kind::Organizations => {
            let o = organizations::parse(&cells, names, memo, &mut issues);
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
/// Decides a batch a previous worker already committed, writing nothing, so `touched` holds what it
/// held then; rows created then did not mark their record, and are unmarked again.
async fn replay(
    app: &App,
    id: &ImportRunId,
    kind: Kind,
    touched: &mut HashMap<u128, i64>,
    rows: &mut [Row],
) -> Result<()> {
    let mut tx = app.db.begin().await?;
    let mut batch = Batch { run: id, by: None, now: app.now(), dry_run: true, touched };
    match kind {
        Kind::People => people::apply(app, &mut tx, &mut batch, rows).await?,
        Kind::Organizations => organizations::apply(&mut tx, &mut batch, rows).await?,
    }
    let (first, last) = (rows.first().map_or(0, |r| r.number), rows.last().map_or(0, |r| r.number));
    let created = imports::created_between(&mut tx, id, first, last).await?;
    drop(tx);
    touched.retain(|_, row| created.binary_search(row).is_err());
    Ok(())
}

async fn commit(
    app: &App,
    id: &ImportRunId,
    by: Option<&UserId>,
    kind: Kind,
    dry_run: bool,
    touched: &mut HashMap<u128, i64>,
    rows: &mut [Row],
) -> Result<Counts> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    imports::tune(&mut tx).await?;
    let mut batch = Batch { run: id, by, now, dry_run, touched };
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
