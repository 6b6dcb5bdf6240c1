//! Claiming and running jobs: a loop that reaps expired leases, takes periodic tasks' turns and runs
//! queued jobs, each under a lease renewed by a heartbeat.

use std::sync::Arc;
use std::time::Duration;

use halqe_db::jobs::{self, Job, Lease};
use halqe_domain::ids::Id;
use tokio::sync::{Semaphore, watch};

use super::{Ending, Kind, Step, Work, periodic};
use crate::{App, Error, Result};

/// Jobs one process runs at a time; periodic tasks run beside them.
const CONCURRENT_JOBS: usize = 2;
/// A job is claimed again after this many deaths of its worker, then failed.
const MAX_ATTEMPTS: i64 = 5;

/// This process's name in lease columns: unique per process start.
pub fn owner_name(role: &str) -> String {
    format!("{role}-{}-{}", std::process::id(), Id::<Job>::new())
}

/// Runs the queue until `stop` turns true: every second, expired leases are reaped, the due ones of
/// `tasks` run and free slots claim queued jobs. Jobs still running at the stop are left to their
/// lease, so the next runner resumes (or fails) them.
pub async fn run(app: App, owner: String, tasks: &'static [periodic::Task], mut stop: watch::Receiver<bool>) {
    let slots = Arc::new(Semaphore::new(CONCURRENT_JOBS));
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            // A dropped sender stops the runner too.
            changed = stop.changed() => if changed.is_err() { return },
        }
        if *stop.borrow() {
            return;
        }
        if let Err(e) = reap(&app).await {
            tracing::warn!(error = %e, "reaping expired jobs failed");
        }
        for &task in tasks {
            periodic::run_if_due(&app, task).await;
        }
        while let Ok(permit) = slots.clone().try_acquire_owned() {
            match claim(&app, &owner, None).await {
                Ok(Some(job)) => {
                    let (app, owner) = (app.clone(), owner.clone());
                    tokio::spawn(async move {
                        let _permit = permit;
                        if let Err(e) = run_claimed(&app, &owner, job).await {
                            tracing::error!(error = %e, "job runner failed");
                        }
                    });
                }
                Ok(None) => break,
                Err(e) => {
                    tracing::warn!(error = %e, "claiming a job failed");
                    break;
                }
            }
        }
    }
}

/// Queues again (or fails) the jobs whose worker stopped renewing its lease.
pub async fn reap(app: &App) -> Result<()> {
    let mut tx = app.db.begin().await?;
    let changed = jobs::reap_expired(&mut tx, app.now(), MAX_ATTEMPTS).await?;
    halqe_db::commit(tx).await?;
    for (id, state) in changed {
        tracing::warn!(job = %id, state = %state, "a job's worker stopped (lease expired)");
    }
    Ok(())
}

/// Claims the oldest queued job, or the given one.
pub async fn claim(app: &App, owner: &str, only: Option<&str>) -> Result<Option<Job>> {
    let mut tx = app.db.begin().await?;
    let job = claim_in(app, &mut tx, owner, only).await?;
    halqe_db::commit(tx).await?;
    Ok(job)
}

/// [`claim`] in the caller's transaction: a job queued and claimed in one is never seen queued by others.
pub async fn claim_in(app: &App, conn: &mut halqe_db::Conn, owner: &str, only: Option<&str>) -> Result<Option<Job>> {
    let now = app.now();
    Ok(jobs::claim(conn, app.db.backend(), owner, only, now, now + app.settings.job_lease_ms).await?)
}

/// Runs a claimed job to its end with a heartbeat beside it, and records how it ended.
pub async fn run_claimed(app: &App, owner: &str, job: Job) -> Result<()> {
    let work = Work::new(&job, owner);
    let kind = Kind::parse(&job.kind);
    supervise(app, &job, work, async |work: &Work| match kind {
        Some(Kind::Import) => Ok((crate::imports::execute_job(app, work).await?.0, ())),
        Some(Kind::EmbedDocuments) => crate::search::embedding::execute_job(app, work).await,
        Some(Kind::AssignReviewers) => crate::evaluation::assignment::execute_job(app, work).await,
        None => Ok((Ending::Failed(format!("unknown job kind {}", job.kind)), ())),
    })
    .await?;
    Ok(())
}

/// Runs `body` on a claimed job with a heartbeat beside it and records its ending; returns what the body
/// returned, or `None` when the job was lost to another worker (nothing is recorded then).
pub async fn supervise<T>(
    app: &App,
    job: &Job,
    work: Work,
    body: impl AsyncFnOnce(&Work) -> Result<(Ending, T)>,
) -> Result<Option<T>> {
    tracing::info!(job = %job.id, kind = %job.kind, attempt = job.attempts, "job started");
    let beat = tokio::spawn(heartbeat(app.clone(), work.clone()));
    let done = body(&work).await;
    beat.abort();
    if work.step() == Step::Lost {
        tracing::warn!(job = %job.id, "job lost its lease; another worker has it");
        return Ok(None);
    }
    let (state, outcome) = match &done {
        Ok((Ending::Succeeded(result), _)) => ("succeeded", (result.as_str(), "")),
        Ok((Ending::Cancelled(result), _)) => ("cancelled", (result.as_str(), "")),
        Ok((Ending::Failed(reason), _)) => ("failed", ("", reason.as_str())),
        Err(e) => {
            tracing::error!(job = %job.id, error = %e, "job failed");
            ("failed", ("", "internal error"))
        }
    };
    let mut tx = app.db.begin().await?;
    jobs::finish(&mut tx, &job.id, &work.owner, state, outcome, app.now()).await?;
    halqe_db::commit(tx).await?;
    tracing::info!(job = %job.id, state, "job ended");
    done.map(|(_, t)| Some(t))
}

/// Renews the lease three times per lease period until aborted; records cancel requests and a lost lease.
async fn heartbeat(app: App, work: Work) {
    let period = Duration::from_millis(u64::try_from(app.settings.job_lease_ms / 3).unwrap_or(1000).max(100));
    loop {
        tokio::time::sleep(period).await;
        let now = app.now();
        let beat = async {
            let mut conn = app.db.conn().await?;
            Ok::<_, Error>(
                jobs::heartbeat(&mut conn, &work.id, &work.owner, now, now + app.settings.job_lease_ms).await?,
            )
        };
        match beat.await {
            Ok(lease) => {
                work.note(lease);
                if lease == Lease::Lost {
                    return;
                }
            }
            Err(e) => tracing::warn!(job = %work.id, error = %e, "job heartbeat failed"),
        }
    }
}
