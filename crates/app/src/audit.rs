//! The audit record: writing entries from use cases (always inside the caller's transaction), signed
//! checkpoints of the chain, verification, and the admins' view.

pub mod browse;
pub mod checkpoint;
pub mod history;
pub mod key;
mod verify;

use halqe_db::Conn;
use halqe_db::audit::{self, Entry as NewEntry};
use halqe_domain::ids::UserId;

pub use halqe_db::audit::Stored as Entry;
pub use verify::{Finding, Options, Report, record as record_verification, verify, verify_now, verify_with};

use crate::Result;

/// Records a privileged action.
pub async fn record(
    conn: &mut Conn,
    actor: Option<&UserId>,
    action: &str,
    subject: (&str, &str),
    details: serde_json::Value,
    now: i64,
) -> Result<()> {
    record_seq(conn, actor, action, subject, details, now).await.map(|_| ())
}

/// Records a privileged action and returns its sequence number, for a record that links to its entry.
pub async fn record_seq(
    conn: &mut Conn,
    actor: Option<&UserId>,
    action: &str,
    subject: (&str, &str),
    details: serde_json::Value,
    now: i64,
) -> Result<i64> {
    let entry = NewEntry {
        actor_id: actor.map(UserId::as_str),
        action,
        subject_type: subject.0,
        subject_id: subject.1,
        details: &details,
    };
    Ok(audit::append_all(conn, std::slice::from_ref(&entry), now).await?)
}

/// Records one action taken on each of several subjects (type, id, details), in order, with one append
/// whatever their number.
pub async fn record_each(
    conn: &mut Conn,
    actor: Option<&UserId>,
    action: &str,
    subjects: &[(&str, &str, serde_json::Value)],
    now: i64,
) -> Result<()> {
    let entries: Vec<NewEntry<'_>> = subjects
        .iter()
        .map(|(subject_type, subject_id, details)| NewEntry {
            actor_id: actor.map(UserId::as_str),
            action,
            subject_type,
            subject_id,
            details,
        })
        .collect();
    audit::append_all(conn, &entries, now).await?;
    Ok(())
}
