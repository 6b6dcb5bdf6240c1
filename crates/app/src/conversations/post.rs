//! A party writes in an object's conversation; the object's followers and everyone who wrote before are
//! notified (each as they chose), except the author.

use halqe_db::conversations::{self, Message};
use halqe_db::users;
use halqe_domain::conversation::Subject;
use halqe_domain::ids::MessageId;
use halqe_domain::notification::Kind;
use halqe_domain::permissions::Actor;
use halqe_domain::profile::paragraph;

use super::subjects;
use crate::notifications::send::{self, Event};
use crate::rate_limits::{self, MESSAGE_ACCOUNT, MESSAGE_ADDRESS};
use crate::{App, FormErrors, Result, audit};

/// Longest message, in characters.
pub const MAX_CHARS: usize = 4000;

/// Adds `body` to the conversation of `subject`. Limited per author and per client address, since each
/// message notifies (and may mail) the other parties.
pub async fn post(app: &App, actor: &Actor, subject: &Subject, body: &str, client_ip: &str) -> Result<MessageId> {
    rate_limits::take_all(app, &[(&MESSAGE_ACCOUNT, actor.user_id.as_str()), (&MESSAGE_ADDRESS, client_ip)]).await?;
    let body = paragraph(body, MAX_CHARS).map_err(|e| FormErrors::single("body", e.code()))?;
    if body.is_empty() {
        return Err(FormErrors::single("body", "required"));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let about = subjects::party(&mut tx, actor, subject).await?;
    let id = MessageId::new();
    let message = Message {
        id: id.to_string(),
        subject_kind: subject.kind,
        subject_id: subject.id.clone(),
        author_id: actor.user_id.to_string(),
        body,
        created_at: now,
    };
    conversations::insert(&mut tx, &message).await?;
    let details = serde_json::json!({ "message": message.id, "chars": message.body.chars().count() });
    let action = format!("{}.message", subject.kind.code());
    audit::record(&mut tx, Some(&actor.user_id), &action, (subject.kind.code(), &subject.id), details, now).await?;
    let mut to = subjects::followers(&mut tx, subject).await?;
    to.extend(conversations::authors(&mut tx, subject).await?);
    let author = users::by_id(&mut tx, &actor.user_id).await?.map(|u| u.display_name).unwrap_or_default();
    let event = Event { kind: Kind::Message, about: &about, actor_name: &author };
    send::notify(app, &mut tx, &event, &to, Some(&actor.user_id), now).await?;
    halqe_db::commit(tx).await?;
    Ok(id)
}
