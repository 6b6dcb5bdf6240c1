//! The admins' view of the audit record: entries a page at a time, newest first, and the state of the
//! checkpoints and of the last verification, read without walking the chain.

use halqe_db::audit::{self, checkpoints};
use halqe_domain::permissions::AdminCap;

use super::verify::{Report, SUBJECT, VERIFIED};
use super::{Entry, checkpoint::Checkpoint};
use crate::{App, Result};

/// Entries per page.
pub const PAGE: i64 = 50;

/// Where a page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    Newest,
    /// The entries just before this sequence number.
    Before(i64),
    /// The entries just after this sequence number.
    After(i64),
}

/// One page of entries, newest first, with the cursors of its neighbours.
#[derive(Debug, Clone)]
pub struct History {
    pub entries: Vec<Entry>,
    /// `Cursor::After` of the newer page, if there is one.
    pub newer: Option<i64>,
    /// `Cursor::Before` of the older page, if there is one.
    pub older: Option<i64>,
}

/// A page of entries by keyset on the sequence number, so any page costs the same.
pub async fn history(app: &App, _cap: &AdminCap, cursor: Cursor) -> Result<History> {
    let mut conn = app.db.conn().await?;
    let mut entries = match cursor {
        Cursor::Newest => audit::before(&mut conn, i64::MAX, PAGE).await?,
        Cursor::Before(seq) => audit::before(&mut conn, seq, PAGE).await?,
        Cursor::After(seq) => audit::page(&mut conn, seq, PAGE).await?,
    };
    entries.sort_by_key(|e| std::cmp::Reverse(e.seq));
    let (first, last) = audit::bounds(&mut conn).await?;
    let newer = entries.first().map(|e| e.seq).filter(|&seq| seq < last);
    let older = entries.last().map(|e| e.seq).filter(|&seq| seq > first);
    Ok(History { entries, newer, older })
}

/// The last verification: when, by whom (`None` from the command line) and what it found.
#[derive(Debug, Clone)]
pub struct LastVerification {
    pub at: i64,
    pub actor_id: Option<String>,
    pub report: Report,
}

/// The checkpoints and the last verification, as the admin page shows them.
#[derive(Debug, Clone)]
pub struct Status {
    /// Entries in the chain according to its head.
    pub head_seq: i64,
    pub checkpoints: i64,
    pub newest: Option<Checkpoint>,
    /// The newest checkpoint is over twice the signing interval old (or there is none).
    pub stale: bool,
    /// This node's public key, if it signs checkpoints.
    pub signing_key: Option<String>,
    pub last_verification: Option<LastVerification>,
}

pub async fn status(app: &App, _cap: &AdminCap) -> Result<Status> {
    let mut conn = app.db.conn().await?;
    let (head_seq, _) = audit::head(&mut conn).await?;
    let newest = checkpoints::newest(&mut conn).await?.map(Checkpoint::from);
    let stale = newest.as_ref().is_none_or(|c| app.now() - c.at > 2 * app.audit.interval_ms);
    let last = audit::latest_about(&mut conn, SUBJECT.0, SUBJECT.1).await?.filter(|e| e.action == VERIFIED);
    let last_verification = last.and_then(|e| match serde_json::from_str(&e.details) {
        Ok(report) => Some(LastVerification { at: e.at, actor_id: e.actor_id, report }),
        Err(err) => {
            tracing::warn!(seq = e.seq, error = %err, "the last recorded verification is unreadable");
            None
        }
    });
    Ok(Status {
        head_seq,
        checkpoints: checkpoints::count(&mut conn).await?,
        newest,
        stale,
        signing_key: app.audit.signer().map(|k| k.public_key().to_hex()),
        last_verification,
    })
}
