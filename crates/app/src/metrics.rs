//! What `/metrics` reads from the database at scrape time: the job queue, the mail outbox and how far this
//! node's search index trails the feed.

use halqe_db::{jobs, outbox};
use halqe_search::SearchIndex;

use crate::jobs::State;
use crate::{App, Result};

/// The work waiting, as one scrape sees it; jobs and mail are the same on every node (one database).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backlog {
    /// Jobs in each state, every state listed (failed ones stay until retention removes them).
    pub jobs: Vec<(State, i64)>,
    /// Messages waiting for delivery, due or not.
    pub mail_pending: i64,
    /// Dead letters not retried.
    pub mail_dead: i64,
    /// Feed changes this node's index has not applied.
    pub feed_lag: i64,
}

pub async fn backlog(app: &App, index: &SearchIndex) -> Result<Backlog> {
    let mut conn = app.db.conn().await?;
    let stored = jobs::count_by_state(&mut conn).await?;
    let mail = outbox::counts(&mut conn).await?;
    drop(conn);
    let jobs = State::ALL
        .into_iter()
        .map(|state| (state, stored.iter().filter(|(s, _)| State::parse(s) == state).map(|(_, n)| n).sum()))
        .collect();
    let feed_lag = crate::search::feed::lag(app, index).await?;
    Ok(Backlog { jobs, mail_pending: mail.pending, mail_dead: mail.dead, feed_lag })
}
