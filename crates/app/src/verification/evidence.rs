//! Evidence files: checked, then written to storage, then recorded with an audit entry in the caller's transaction.

use halqe_db::Conn;
use halqe_db::verification::{self, EvidenceRow};
use halqe_domain::ids::{ClaimId, EvidenceId, UserId};

use crate::storage::{Checked, Stored, Upload};
use crate::{App, FormErrors, Result, audit};

/// Storage namespace of evidence files.
const NAMESPACE: &str = "evidence";

/// Checks every upload; a refusal is a form error on the `evidence` field (the first one found).
pub(super) fn check_all(app: &App, uploads: Vec<Upload>, errors: &mut FormErrors) -> Vec<Checked> {
    app.storage.check_all(uploads, "evidence", Some("evidence_required"), errors)
}

/// Writes checked files to storage; if one fails, those already written are removed.
pub(super) async fn store_all(app: &App, files: Vec<Checked>) -> Result<Vec<Stored>> {
    app.storage.store_all(NAMESPACE, files).await
}

/// Records stored files as evidence of a claim, each with its audit entry.
pub(super) async fn record(conn: &mut Conn, claim: &ClaimId, files: &[Stored], by: &UserId, now: i64) -> Result<()> {
    for f in files {
        let id = EvidenceId::new();
        let row = EvidenceRow {
            id: id.as_str().to_owned(),
            claim_id: claim.as_str().to_owned(),
            storage_key: f.key.clone(),
            file_name: f.file_name.clone(),
            content_type: f.file_type.mime().to_owned(),
            size_bytes: i64::try_from(f.size).unwrap_or(i64::MAX),
            sha256: f.sha256.clone(),
            uploaded_by: by.as_str().to_owned(),
            created_at: now,
        };
        verification::insert_evidence(conn, &row).await?;
        let details = serde_json::json!({
            "claim": claim.as_str(),
            "file_name": f.file_name,
            "content_type": row.content_type,
            "size_bytes": row.size_bytes,
            "sha256": f.sha256,
        });
        audit::record(conn, Some(by), "evidence.upload", ("evidence", id.as_str()), details, now).await?;
    }
    Ok(())
}

/// Passes on the result of an upload's database part, removing the stored files if it failed.
pub(super) async fn or_discard<T>(app: &App, stored: &[Stored], result: Result<T>) -> Result<T> {
    app.storage.or_discard(stored, result).await
}
