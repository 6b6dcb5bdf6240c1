//! Writing audit records from use cases, always inside the caller's transaction.

use halqe_db::Conn;
use halqe_db::audit::{self, Entry};
use halqe_domain::ids::UserId;

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
    let entry = Entry {
        actor_id: actor.map(UserId::as_str),
        action,
        subject_type: subject.0,
        subject_id: subject.1,
        details: &details,
    };
    audit::append(conn, &entry, now).await?;
    Ok(())
}
