//! Files of a proposal (PDF or images, size-limited and sniffed like every upload), added by the applicant's
//! side before the deadline; each submitted version lists the files it carried. The applicant's side and
//! the team download any of them; the agency's side only those a submitted version carried.

use halqe_db::proposals::{self, AttachmentRow};
use halqe_domain::file_type::FileType;
use halqe_domain::ids::{ProposalAttachmentId, ProposalId};
use halqe_domain::permissions::Actor;

use super::access;
use crate::storage::Upload;
use crate::verification::download::Download;
use crate::{App, Error, FormErrors, Result};

/// Storage namespace of proposal files.
const NAMESPACE: &str = "proposals";
/// Most files one proposal carries.
pub const MAX_ATTACHMENTS: usize = 10;

/// Adds `uploads` to proposal `id`; returns how many were added.
pub async fn attach(app: &App, actor: &Actor, id: &ProposalId, uploads: Vec<Upload>) -> Result<usize> {
    let held = {
        let mut conn = app.db.conn().await?;
        let found = access::owned(&mut conn, actor, id).await?;
        access::changeable(&found, app.now())?;
        proposals::attachments_of(&mut conn, id).await?.len()
    };
    let mut errors = FormErrors::default();
    if held + uploads.len() > MAX_ATTACHMENTS {
        errors.add("attachments", "too_many_files");
    }
    let files = app.storage.check_all(uploads, "attachments", Some("file_required"), &mut errors);
    errors.finish()?;
    let stored = app.storage.store_all(NAMESPACE, files).await?;
    let now = app.now();
    let write = async {
        let mut tx = app.db.begin().await?;
        // The deadline is checked again where the rows are written: the upload itself takes time.
        access::changeable(&access::owned(&mut tx, actor, id).await?, now)?;
        for f in &stored {
            let file = f.file_row(ProposalAttachmentId::new().to_string(), &actor.user_id, now);
            let row = AttachmentRow { file, proposal_id: id.to_string(), first_version: None };
            proposals::insert_attachment(&mut tx, &row).await?;
        }
        halqe_db::commit(tx).await?;
        Ok(stored.len())
    };
    let result = write.await;
    app.storage.or_discard(&stored, result).await
}

/// A file of proposal `id` for `actor`; `NotFound` unless they may see the proposal and, on the agency's
/// side, a submitted version carried it.
pub async fn file(app: &App, actor: &Actor, id: &ProposalId, file: &ProposalAttachmentId) -> Result<Download> {
    let mut conn = app.db.conn().await?;
    let (_, sides) = access::visible(&mut conn, actor, id).await?;
    let row = proposals::attachment_by_id(&mut conn, file).await?.filter(|a| a.proposal_id == id.as_str());
    let row = row.filter(|a| sides.applicant_side() || a.first_version.is_some()).ok_or(Error::NotFound)?.file;
    drop(conn);
    let content_type = FileType::from_mime(&row.content_type).map_or("application/octet-stream", FileType::mime);
    let bytes = app.storage.get(&row.storage_key).await?;
    Ok(Download { file_name: row.file_name, content_type, bytes })
}
