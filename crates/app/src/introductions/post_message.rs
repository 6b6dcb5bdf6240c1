//! A party writes in an introduction's thread; the other parties who take part in it are mailed.

use halqe_db::introductions::{self, Message};
use halqe_db::users;
use halqe_domain::ids::{Id, IntroductionId, UserId};
use halqe_domain::permissions::Actor;
use halqe_domain::profile::paragraph;

use super::access;
use super::notify::{self, Notice};
use crate::rate_limits::{self, MESSAGE_ACCOUNT, MESSAGE_ADDRESS};
use crate::{App, FormErrors, Result, audit};

/// Longest message, in characters.
pub const MAX_CHARS: usize = 4000;

/// Adds `body` to the thread of introduction `id`; mails the candidate's accounts, whoever asked, and
/// everyone who wrote before, except the author. Limited per author and per client address, since each
/// message sends mail.
pub async fn post_message(app: &App, actor: &Actor, id: &IntroductionId, body: &str, client_ip: &str) -> Result<()> {
    rate_limits::take_all(app, &[(&MESSAGE_ACCOUNT, actor.user_id.as_str()), (&MESSAGE_ADDRESS, client_ip)]).await?;
    let body = paragraph(body, MAX_CHARS).map_err(|e| FormErrors::single("body", e.code()))?;
    if body.is_empty() {
        return Err(FormErrors::single("body", "required"));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (found, _) = access::visible(&mut tx, actor, id).await?;
    let message = Message {
        id: Id::<Message>::new().to_string(),
        introduction_id: id.to_string(),
        author_id: actor.user_id.to_string(),
        body,
        created_at: now,
    };
    introductions::insert_message(&mut tx, &message).await?;
    let details = serde_json::json!({ "message": message.id, "chars": message.body.chars().count() });
    audit::record(&mut tx, Some(&actor.user_id), "introduction.message", ("introduction", id.as_str()), details, now)
        .await?;
    let kind = found.row.candidate_kind;
    let mut to = notify::candidate_accounts(&mut tx, kind, &found.row.candidate_id).await?;
    to.push(UserId::from_db(found.row.requested_by.clone()));
    to.extend(introductions::message_authors(&mut tx, id).await?);
    let author = users::by_id(&mut tx, &actor.user_id).await?.map(|u| u.display_name).unwrap_or_default();
    let notice = Notice { key: "introduction-message", found: &found, name: &author };
    notify::mail_accounts(app, &mut tx, &to, Some(&actor.user_id), &notice, now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}
