//! Jobs as pages and the command line show them.

use halqe_db::jobs;

use crate::{App, Result};

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

impl State {
    pub const ALL: [State; 5] = [State::Queued, State::Running, State::Succeeded, State::Failed, State::Cancelled];

    pub fn code(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
        }
    }

    /// The stored code; an unknown one reads as failed.
    pub fn parse(s: &str) -> Self {
        Self::ALL.into_iter().find(|st| st.code() == s).unwrap_or(Self::Failed)
    }

    /// Still to run or running.
    pub fn active(self) -> bool {
        matches!(self, Self::Queued | Self::Running)
    }
}

/// A job as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobView {
    pub id: String,
    pub kind: String,
    pub state: State,
    pub done: i64,
    pub total: i64,
    pub attempts: i64,
    pub cancel_requested: bool,
    /// Why it failed, empty otherwise.
    pub error: String,
    /// What it ended with (an import's summary line).
    pub result: String,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
}

impl JobView {
    fn new(j: jobs::Job) -> Self {
        Self {
            state: State::parse(&j.state),
            id: j.id,
            kind: j.kind,
            done: j.progress_done,
            total: j.progress_total,
            attempts: j.attempts,
            cancel_requested: j.cancel_requested != 0,
            error: j.error,
            result: j.result,
            created_at: j.created_at,
            started_at: j.started_at,
            finished_at: j.finished_at,
        }
    }

    /// Whole percent done, 0 while the total is unknown.
    pub fn percent(&self) -> i64 {
        if self.total > 0 { (self.done * 100 / self.total).clamp(0, 100) } else { 0 }
    }
}

/// One step of a job's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventView {
    pub at: i64,
    pub state: State,
    pub done: i64,
    pub total: i64,
    pub note: String,
}

pub async fn by_id(app: &App, id: &str) -> Result<Option<JobView>> {
    let mut conn = app.db.conn().await?;
    Ok(jobs::by_id(&mut conn, id).await?.map(JobView::new))
}

/// The newest jobs first.
pub async fn recent(app: &App, limit: i64) -> Result<Vec<JobView>> {
    let mut conn = app.db.conn().await?;
    Ok(jobs::recent(&mut conn, limit).await?.into_iter().map(JobView::new).collect())
}

/// A job's history, oldest first.
pub async fn events(app: &App, id: &str) -> Result<Vec<EventView>> {
    let mut conn = app.db.conn().await?;
    Ok(jobs::events(&mut conn, id)
        .await?
        .into_iter()
        .map(|e| EventView {
            at: e.at,
            state: State::parse(&e.state),
            done: e.progress_done,
            total: e.progress_total,
            note: e.note,
        })
        .collect())
}
