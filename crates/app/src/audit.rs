//! Writing audit records from use cases, always inside the caller's transaction.

use halqe_db::Conn;
use halqe_db::audit::{self, Entry as NewEntry};
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

/// What `halqe audit verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub entries: i64,
    /// The first entry whose link or content does not match, if any.
    pub first_broken: Option<i64>,
}

/// Walks the whole chain and checks every link and every hash against the head.
pub async fn verify(app: &crate::App) -> Result<Verification> {
    let mut conn = app.db.conn().await?;
    let (head_seq, head_hash) = audit::head(&mut conn).await?;
    let mut prev = "0".repeat(64);
    let mut expected_seq = 0;
    loop {
        let page = audit::page(&mut conn, expected_seq, 1000).await?;
        if page.is_empty() {
            break;
        }
        for e in page {
            expected_seq += 1;
            if e.seq != expected_seq || e.prev_hash != prev || e.expected_hash() != e.hash {
                return Ok(Verification { entries: expected_seq - 1, first_broken: Some(expected_seq) });
            }
            prev = e.hash;
        }
    }
    let first_broken = (expected_seq != head_seq || prev != head_hash).then_some(expected_seq + 1);
    Ok(Verification { entries: expected_seq, first_broken })
}

pub use halqe_db::audit::Stored as Entry;

/// The newest 200 entries, for admins.
pub async fn recent(app: &crate::App, _cap: &halqe_domain::permissions::AdminCap) -> Result<Vec<Entry>> {
    let mut conn = app.db.conn().await?;
    Ok(audit::recent(&mut conn, 200).await?)
}
