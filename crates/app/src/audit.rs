//! The audit record: writing entries from use cases (always inside the caller's transaction), signed
//! checkpoints of the chain, verification, and the admins' view.

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
    let entry = NewEntry {
        actor_id: actor.map(UserId::as_str),
        action,
        subject_type: subject.0,
        subject_id: subject.1,
        details: &details,
    };
    audit::append(conn, &entry, now).await?;
    Ok(())
}
