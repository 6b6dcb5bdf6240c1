//! One object's conversation as a party reads it; reading it marks the reader's notifications about the
//! object read.

use halqe_db::{Conn, conversations, notifications};
use halqe_domain::conversation::Subject;
use halqe_domain::permissions::Actor;

use super::{MessageListed, SubjectView, subjects};
use crate::{App, Result};

/// A conversation and what it is about.
#[derive(Debug, Clone)]
pub struct Thread {
    pub about: SubjectView,
    /// Oldest first.
    pub messages: Vec<MessageListed>,
}

/// The conversation of `subject` for `actor`; `NotFound` unless the object's rule makes them a party.
pub async fn show(app: &App, actor: &Actor, subject: &Subject) -> Result<Thread> {
    let mut conn = app.db.conn().await?;
    let about = subjects::party(&mut conn, actor, subject).await?;
    let messages = read(&mut conn, actor, subject, app.now()).await?;
    Ok(Thread { about, messages })
}

/// The messages of `subject`, for a caller that has already checked `actor` may see it; marks `actor`'s
/// notifications about it read.
pub(crate) async fn read(conn: &mut Conn, actor: &Actor, subject: &Subject, now: i64) -> Result<Vec<MessageListed>> {
    notifications::mark_subject_read(conn, &actor.user_id, subject, now).await?;
    Ok(conversations::messages_of(conn, subject).await?)
}
