//! Retention: what is deleted once older than its configured period (`Settings::retention`; 0 keeps
//! forever). Each step is one statement, so running it twice or on two nodes deletes nothing extra.

use halqe_db::{imports, jobs, outbox, search_feed};

use crate::{App, DAY_MS, Result};

/// How many days each kind of record is kept; 0 keeps it forever.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Search feed changes: a node whose index is further behind rebuilds it from scratch.
    pub search_changes_days: i64,
    /// The per-row report of finished import runs (the runs and their counts stay).
    pub import_rows_days: i64,
    /// Sent mail in the outbox.
    pub outbox_sent_days: i64,
    /// Ended jobs and their history.
    pub jobs_days: i64,
}

impl Default for Retention {
    fn default() -> Self {
        Self { search_changes_days: 30, import_rows_days: 180, outbox_sent_days: 30, jobs_days: 90 }
    }
}

/// What one retention pass deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Removed {
    pub search_changes: u64,
    pub import_rows: u64,
    pub sent_mail: u64,
    pub jobs: u64,
}

/// Deletes what is past its period and marks the feed's head for the next pass.
pub async fn apply(app: &App) -> Result<Removed> {
    let (now, r) = (app.now(), app.settings.retention);
    let cutoff = |days: i64| (days > 0).then(|| now - days * DAY_MS);
    let mut removed = Removed::default();
    let mut tx = app.db.begin().await?;
    search_feed::mark(&mut tx, now).await?;
    if let Some(before) = cutoff(r.search_changes_days) {
        removed.search_changes = search_feed::compact(&mut tx, before).await?;
    }
    if let Some(before) = cutoff(r.import_rows_days) {
        removed.import_rows = imports::delete_rows_before(&mut tx, before).await?;
    }
    if let Some(before) = cutoff(r.outbox_sent_days) {
        removed.sent_mail = outbox::delete_sent_before(&mut tx, before).await?;
    }
    if let Some(before) = cutoff(r.jobs_days) {
        removed.jobs = jobs::delete_ended_before(&mut tx, before).await?;
    }
    halqe_db::commit(tx).await?;
    Ok(removed)
}
