//! Files attached to a challenge by its agency's officers (PDF or images, size-limited like all uploads),
//! and serving them to whoever may see the challenge. A file is part of the text: attached to an approved
//! or published challenge, it sends the challenge back to review like an edit, so nothing reaches the
//! public unreviewed. Status and count are checked again inside the write, after the (slow) upload.

use halqe_db::challenges::{self, AttachmentRow};
use halqe_domain::file_type::FileType;
use halqe_domain::ids::{ChallengeAttachmentId, ChallengeId};
use halqe_domain::permissions::Actor;

use super::{access, edit};
use crate::storage::Upload;
use crate::verification::download::Download;
use crate::{App, Error, FormErrors, Result, audit};

/// Storage namespace of challenge attachments.
const NAMESPACE: &str = "challenges";
/// Most files one challenge carries.
pub const MAX_ATTACHMENTS: i64 = 10;

/// Attaches files to challenge `id` as one of its agency's officers, while its text may be edited.
pub async fn attach(app: &App, actor: &Actor, id: &ChallengeId, uploads: Vec<Upload>) -> Result<usize> {
    let mut conn = app.db.conn().await?;
    let (found, sides) = access::party(&mut conn, actor, id).await?;
    if !sides.agency {
        return Err(Error::Forbidden);
    }
    let mut errors = FormErrors::default();
    if !found.row.status.is_editable() {
        errors.add("attachments", "challenge_not_editable");
    }
    let held = challenges::attachment_count(&mut conn, id).await?;
    drop(conn);
    if held + i64::try_from(uploads.len()).unwrap_or(i64::MAX) > MAX_ATTACHMENTS {
        errors.add("attachments", "too_many_files");
    }
    let files = app.storage.check_all(uploads, "attachments", Some("file_required"), &mut errors);
    errors.finish()?;
    let stored = app.storage.store_all(NAMESPACE, files).await?;
    let now = app.now();
    let write = async {
        let mut tx = app.db.begin().await?;
        let (found, _) = access::party(&mut tx, actor, id).await?;
        let before = found.row;
        if !before.status.is_editable() {
            return Err(FormErrors::single("attachments", "challenge_not_editable"));
        }
        if challenges::attachment_count(&mut tx, id).await? + i64::try_from(stored.len()).unwrap_or(i64::MAX)
            > MAX_ATTACHMENTS
        {
            return Err(FormErrors::single("attachments", "too_many_files"));
        }
        let mut names = Vec::with_capacity(stored.len());
        for f in &stored {
            let file = f.file_row(ChallengeAttachmentId::new().to_string(), &actor.user_id, now);
            let row = AttachmentRow { file, challenge_id: id.to_string() };
            challenges::insert_attachment(&mut tx, &row).await?;
            let details = serde_json::json!({
                "challenge": id.as_str(),
                "file_name": row.file.file_name,
                "content_type": row.file.content_type,
                "size_bytes": row.file.size_bytes,
                "sha256": f.sha256,
            });
            audit::record(
                &mut tx,
                Some(&actor.user_id),
                "challenge.attach",
                ("challenge_attachment", &row.file.id),
                details,
                now,
            )
            .await?;
            names.push(serde_json::json!(row.file.file_name));
        }
        if before.status.after_edit() != before.status {
            let change = serde_json::json!({ "field": "attachments", "added": names });
            edit::save(&mut tx, &actor.user_id, &before, before.clone(), vec![change], now).await?;
        }
        halqe_db::commit(tx).await?;
        Ok(stored.len())
    };
    let result = write.await;
    app.storage.or_discard(&stored, result).await
}

/// An attachment of challenge `id`, to anyone who may see the challenge; `NotFound` otherwise.
pub async fn file(
    app: &App,
    viewer: Option<&Actor>,
    id: &ChallengeId,
    file: &ChallengeAttachmentId,
) -> Result<Download> {
    let mut conn = app.db.conn().await?;
    access::visible(&mut conn, viewer, id).await?;
    let row = challenges::attachment_by_id(&mut conn, file).await?.filter(|a| a.challenge_id == id.as_str());
    let row = row.ok_or(Error::NotFound)?.file;
    drop(conn);
    let content_type = FileType::from_mime(&row.content_type).map_or("application/octet-stream", FileType::mime);
    let bytes = app.storage.get(&row.storage_key).await?;
    Ok(Download { file_name: row.file_name, content_type, bytes })
}
