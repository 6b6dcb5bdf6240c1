//! The periodic tasks: each takes its turn through the `job_schedules` row (one node per period) and is
//! idempotent besides, so a node that dies mid-task only delays the work to the next period.

use halqe_db::jobs;

use crate::{App, HOUR_MS, MINUTE_MS, Result};

/// A task run on a schedule by whichever runner takes its turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    /// `mail::deliver_pending`.
    DeliverMail,
    /// Signs an audit checkpoint when the newest is older than the configured interval.
    AuditCheckpoint,
    /// Deletes expired sessions.
    PurgeSessions,
    /// Deletes what the retention settings no longer keep (`retention::apply`).
    Retention,
    /// Queues the embedding job when documents wait for vectors (`search::embedding::enqueue_if_due`).
    EmbedDocuments,
    /// Mails the daily digests that are due (`notifications::digest::send_due`).
    NotificationDigest,
    /// Reminds reviewers of reviews due soon (`evaluation::reminders::send_due`).
    ReviewReminders,
}

impl Task {
    pub const ALL: [Task; 7] = [
        Task::DeliverMail,
        Task::AuditCheckpoint,
        Task::PurgeSessions,
        Task::Retention,
        Task::EmbedDocuments,
        Task::NotificationDigest,
        Task::ReviewReminders,
    ];

    /// The task's name in `job_schedules`.
    pub fn name(self) -> &'static str {
        match self {
            Self::DeliverMail => "deliver_mail",
            Self::AuditCheckpoint => "audit_checkpoint",
            Self::PurgeSessions => "purge_sessions",
            Self::Retention => "retention",
            Self::EmbedDocuments => "embed_documents",
            Self::NotificationDigest => "notification_digest",
            Self::ReviewReminders => "review_reminders",
        }
    }

    fn period_ms(self) -> i64 {
        match self {
            Self::DeliverMail => 2_000,
            Self::EmbedDocuments => 10_000,
            Self::AuditCheckpoint => MINUTE_MS,
            // Hourly, so each day's digests go out within the hour after their time.
            // Hourly too: a reminder goes out within the hour its window opens.
            Self::PurgeSessions | Self::Retention | Self::NotificationDigest | Self::ReviewReminders => HOUR_MS,
        }
    }

    async fn run(self, app: &App) -> Result<()> {
        match self {
            Self::DeliverMail => {
                crate::mail::deliver_pending(app).await?;
            }
            Self::AuditCheckpoint => {
                if let Some(c) = crate::audit::checkpoint::create_if_due(app).await? {
                    tracing::info!(seq = c.seq, "audit checkpoint signed");
                }
            }
            Self::PurgeSessions => {
                crate::accounts::session::purge_expired(app).await?;
                crate::rate_limits::purge(app).await?;
            }
            Self::Retention => {
                let removed = super::retention::apply(app).await?;
                tracing::info!(?removed, "retention applied");
            }
            Self::EmbedDocuments => {
                if let Some(job) = crate::search::embedding::enqueue_if_due(app).await? {
                    tracing::info!(%job, "embedding job queued");
                }
            }
            Self::NotificationDigest => {
                let sent = crate::notifications::digest::send_due(app).await?;
                tracing::info!(sent, "notification digests queued");
            }
            Self::ReviewReminders => {
                let told = crate::evaluation::reminders::send_due(app).await?;
                tracing::info!(told, "review reminders sent");
            }
        }
        Ok(())
    }
}

/// Runs the task if its turn is due and no other node took it; failures are logged and recorded.
pub async fn run_if_due(app: &App, task: Task) {
    let now = app.now();
    let taken = async {
        let mut conn = app.db.conn().await?;
        Ok::<_, crate::Error>(jobs::take_turn(&mut conn, task.name(), now, now + task.period_ms()).await?)
    };
    match taken.await {
        Ok(true) => {}
        Ok(false) => return,
        Err(e) => {
            tracing::warn!(task = task.name(), error = %e, "periodic task schedule failed");
            return;
        }
    }
    let error = match task.run(app).await {
        Ok(()) => String::new(),
        Err(e) => {
            tracing::warn!(task = task.name(), error = %e, "periodic task failed");
            e.to_string()
        }
    };
    if let Ok(mut conn) = app.db.conn().await {
        let _ = jobs::record_turn(&mut conn, task.name(), &error).await;
    }
}
