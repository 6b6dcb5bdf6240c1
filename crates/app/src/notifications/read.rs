//! Marking notifications read: one, all of them, or one opened on its way to its object.

use halqe_db::notifications;
use halqe_domain::ids::NotificationId;
use halqe_domain::permissions::Actor;

use crate::conversations::subjects;
use crate::{App, Error, Result};

/// Marks notification `id` of `actor` read; `NotFound` if it is not theirs.
pub async fn mark_read(app: &App, actor: &Actor, id: &NotificationId) -> Result<()> {
    open(app, actor, id).await.map(|_| ())
}

/// Marks notification `id` of `actor` read and returns its object's page; `NotFound` if it is not theirs.
pub async fn open(app: &App, actor: &Actor, id: &NotificationId) -> Result<String> {
    let mut conn = app.db.conn().await?;
    let found = notifications::mine(&mut conn, &actor.user_id, id).await?.ok_or(Error::NotFound)?;
    notifications::mark_read(&mut conn, &actor.user_id, id, app.now()).await?;
    Ok(subjects::href(&halqe_domain::conversation::Subject::new(found.subject_kind, found.subject_id)))
}

/// Marks every notification of `actor` read; how many were unread.
pub async fn mark_all_read(app: &App, actor: &Actor) -> Result<u64> {
    let mut conn = app.db.conn().await?;
    Ok(notifications::mark_all_read(&mut conn, &actor.user_id, app.now()).await?)
}
