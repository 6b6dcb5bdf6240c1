//! Serving an evidence file, only to those who speak for the claim's subject and to staff.

use bytes::Bytes;
use halqe_db::verification;
use halqe_domain::file_type::FileType;
use halqe_domain::ids::{ClaimId, EvidenceId};
use halqe_domain::permissions::Actor;

use super::access;
use crate::{App, Error, Result};

/// A file to send: its name, its sniffed media type and its bytes.
#[derive(Debug, Clone)]
pub struct Download {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Bytes,
}

/// The evidence file, or `NotFound` for anyone not allowed to see it (so its existence is not revealed).
pub async fn evidence_file(app: &App, viewer: Option<&Actor>, id: &EvidenceId) -> Result<Download> {
    let viewer = viewer.ok_or(Error::NotFound)?;
    let mut conn = app.db.conn().await?;
    let row = verification::evidence_by_id(&mut conn, id).await?.ok_or(Error::NotFound)?;
    access::visible(&mut conn, Some(viewer), &ClaimId::from_db(row.claim_id.clone())).await?;
    drop(conn);
    let content_type = FileType::from_mime(&row.content_type).map_or("application/octet-stream", FileType::mime);
    let bytes = app.storage.get(&row.storage_key).await?;
    Ok(Download { file_name: row.file_name, content_type, bytes })
}
