//! The owning agency's officers or staff answer a question; answering again revises the answer (a new
//! version; the earlier ones stay, shown as its history). The first answer notifies whoever asked it and
//! the askers of the duplicates merged into it.

use halqe_db::questions::{self, AnswerRow};
use halqe_domain::ids::{AnswerId, ChallengeId, QuestionId, UserId};
use halqe_domain::notification::Kind;
use halqe_domain::permissions::Actor;
use halqe_domain::profile::paragraph;
use halqe_domain::question::{MAX_ANSWER_CHARS, Side, check_answer};

use crate::challenges::access;
use crate::conversations::subjects;
use crate::notifications::send::{self, Event};
use crate::{App, Error, FormErrors, Result, audit};

/// Answers (or revises the answer to) question `id` with `body`; returns its challenge.
pub async fn answer(app: &App, actor: &Actor, id: &QuestionId, body: &str) -> Result<ChallengeId> {
    let body = paragraph(body, MAX_ANSWER_CHARS).map_err(|e| FormErrors::single("answer", e.code()))?;
    if body.is_empty() {
        return Err(FormErrors::single("answer", "required"));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (q, state) = super::found(&mut tx, id).await?;
    let challenge = ChallengeId::from_db(q.row.challenge_id.clone());
    let (found, sides) = access::visible(&mut tx, Some(actor), &challenge).await?;
    if !sides.any() {
        return Err(Error::Forbidden);
    }
    check_answer(state).map_err(|r| FormErrors::single("answer", r.code()))?;
    let side = if sides.agency { Side::Agency } else { Side::Center };
    let version = questions::answer_count(&mut tx, id).await? + 1;
    let row = AnswerRow {
        id: AnswerId::new().to_string(),
        question_id: id.to_string(),
        answered_by: actor.user_id.to_string(),
        side,
        body,
        created_at: now,
    };
    questions::insert_answer(&mut tx, &row).await?;
    let details = serde_json::json!({ "challenge": challenge.as_str(), "version": version, "side": side.code() });
    audit::record(&mut tx, Some(&actor.user_id), "question.answer", ("question", id.as_str()), details, now).await?;
    if version == 1 {
        let mut to = vec![UserId::from_db(q.row.asked_by.clone())];
        to.extend(questions::merged_askers(&mut tx, id).await?);
        let about = subjects::challenge_view(&found);
        let event = Event { kind: Kind::QuestionAnswered, about: &about, actor_name: "" };
        send::notify(app, &mut tx, &event, &to, Some(&actor.user_id), now).await?;
    }
    halqe_db::commit(tx).await?;
    Ok(challenge)
}
