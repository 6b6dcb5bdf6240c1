//! The job runner: work queued in the `jobs` table and claimed by any node under a lease that a heartbeat
//! renews (`runner`), and the periodic tasks every node offers to run (`periodic`).
//!
//! A job reports progress and checks for cancellation through its [`Work`] handle between steps. When
//! its process dies the lease expires, and the next runner queues it again (a resumable kind picks up
//! where its last committed step ended) or marks it failed with [`halqe_db::jobs::LEASE_EXPIRED`].

pub mod periodic;
pub mod retention;
pub mod runner;
mod show;

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use halqe_db::jobs::{self, Lease};

pub use show::{EventView, JobView, State, by_id, events, recent};

use crate::{App, Result};

/// What a job does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A bulk import of one file (`imports::job`).
    Import,
    /// Embedding the documents whose texts changed (`search::embedding`).
    EmbedDocuments,
    /// Solving a stage's reviewer assignment (`evaluation::assignment`).
    AssignReviewers,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Import => "import",
            Self::EmbedDocuments => "embed_documents",
            Self::AssignReviewers => "assign_reviewers",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Import, Self::EmbedDocuments, Self::AssignReviewers].into_iter().find(|k| k.code() == s)
    }
}

/// How a job ended, as its handler reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Done; the text is its result (an import's summary line).
    Succeeded(String),
    /// Stopped at someone's request; the text is its result so far.
    Cancelled(String),
    /// Could not be done; the text is the reason.
    Failed(String),
}

/// Whether a job should go on after a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Continue,
    /// Someone asked to cancel: end as cancelled.
    Cancel,
    /// Another worker owns the job now (this one stalled past its lease): stop, write nothing more.
    Lost,
}

const GOING: u8 = 0;
const CANCEL: u8 = 1;
const LOST: u8 = 2;

/// A claimed job as its handler sees it: the payload, and where to report progress.
#[derive(Clone)]
pub struct Work {
    pub id: String,
    pub payload: String,
    /// How many times it was claimed, this time included: above 1 it resumes.
    pub attempt: i64,
    owner: String,
    stop: Arc<AtomicU8>,
    /// Told of each progress report (the command line's progress line).
    observer: Option<Observer>,
}

/// Called with (done, total) after each progress report.
pub type Observer = Arc<dyn Fn(i64, i64) + Send + Sync>;

impl Work {
    /// The handle of a job `owner` claimed.
    pub fn new(job: &jobs::Job, owner: &str) -> Self {
        Self {
            id: job.id.clone(),
            payload: job.payload.clone(),
            attempt: job.attempts,
            owner: owner.to_owned(),
            stop: Arc::new(AtomicU8::new(GOING)),
            observer: None,
        }
    }

    /// The same handle, telling `observer` of each progress report.
    #[must_use]
    pub fn observed(mut self, observer: Option<Observer>) -> Self {
        self.observer = observer;
        self
    }

    fn note(&self, lease: Lease) {
        let flag = match lease {
            Lease::Held => return,
            Lease::CancelRequested => CANCEL,
            Lease::Lost => LOST,
        };
        self.stop.fetch_max(flag, Ordering::Relaxed);
    }

    /// What the last heartbeat or progress report learned.
    pub fn step(&self) -> Step {
        match self.stop.load(Ordering::Relaxed) {
            GOING => Step::Continue,
            CANCEL => Step::Cancel,
            _ => Step::Lost,
        }
    }

    /// Records that `done` of `total` units are finished (and committed), and says whether to go on.
    pub async fn progress(&self, app: &App, done: i64, total: i64) -> Result<Step> {
        let mut conn = app.db.conn().await?;
        let lease = jobs::progress(&mut conn, &self.id, &self.owner, done, total, app.now()).await?;
        self.note(lease);
        if let Some(observe) = &self.observer {
            observe(done, total);
        }
        Ok(self.step())
    }
}

impl std::fmt::Debug for Work {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Work").field("id", &self.id).field("attempt", &self.attempt).finish_non_exhaustive()
    }
}

/// Queues a job for any runner; returns its id.
pub async fn enqueue(
    conn: &mut halqe_db::Conn,
    kind: Kind,
    payload: &serde_json::Value,
    resumable: bool,
    by: Option<&str>,
    now: i64,
) -> Result<String> {
    let payload = payload.to_string();
    let job = jobs::NewJob { kind: kind.code(), payload: &payload, resumable, created_by: by };
    Ok(jobs::enqueue(conn, &job, now).await?)
}
