//! An applicant asks a public question on a published challenge while it takes proposals; the owning
//! agency's officers are notified. Limited per account and per address, since each question notifies (a
//! question refused as malformed is not counted), and to `MAX_OPEN_PER_ASKER` waiting questions per account
//! and challenge, so one account cannot flood a challenge's list.

use halqe_db::questions::{self, QuestionRow};
use halqe_domain::challenge::Status;
use halqe_domain::ids::{AgencyId, ChallengeId, QuestionId};
use halqe_domain::notification::Kind;
use halqe_domain::permissions::Actor;
use halqe_domain::profile::paragraph;
use halqe_domain::question::{MAX_OPEN_PER_ASKER, MAX_QUESTION_CHARS, Refused};

use crate::challenges::access;
use crate::conversations::subjects;
use crate::notifications::send::{self, Event};
use crate::rate_limits::{self, QUESTION_ACCOUNT, QUESTION_ADDRESS};
use crate::{App, Error, FormErrors, Result, audit};

/// Asks `body` on challenge `id`. Its sides answer rather than ask (forbidden); an unpublished challenge
/// does not exist for the asker; one closed or past its deadline refuses the question.
pub async fn ask(app: &App, actor: &Actor, id: &ChallengeId, body: &str, client_ip: &str) -> Result<QuestionId> {
    let body = paragraph(body, MAX_QUESTION_CHARS).map_err(|e| FormErrors::single("question", e.code()))?;
    if body.is_empty() {
        return Err(FormErrors::single("question", "required"));
    }
    rate_limits::take_all(app, &[(&QUESTION_ACCOUNT, actor.user_id.as_str()), (&QUESTION_ADDRESS, client_ip)]).await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (found, sides) = access::visible(&mut tx, Some(actor), id).await?;
    if sides.any() {
        return Err(Error::Forbidden);
    }
    if found.row.status != Status::Published || now >= found.row.deadline_at {
        return Err(FormErrors::single("question", "challenge_not_open"));
    }
    if questions::open_count(&mut tx, id, &actor.user_id).await? >= MAX_OPEN_PER_ASKER {
        return Err(FormErrors::single("question", Refused::TooManyOpen.code()));
    }
    let question = QuestionId::new();
    let row = QuestionRow::asked(question.to_string(), id.to_string(), actor.user_id.to_string(), body, now);
    questions::insert(&mut tx, &row).await?;
    let details = serde_json::json!({ "challenge": id.as_str(), "chars": row.body.chars().count() });
    audit::record(&mut tx, Some(&actor.user_id), "question.ask", ("question", question.as_str()), details, now).await?;
    let about = subjects::challenge_view(&found);
    let to = subjects::officers(&mut tx, &AgencyId::from_db(found.row.agency_id.clone())).await?;
    // Officers are not told who asked: answers are for every applicant alike.
    let event = Event { kind: Kind::QuestionAsked, about: &about, actor_name: "" };
    send::notify(app, &mut tx, &event, &to, Some(&actor.user_id), now).await?;
    halqe_db::commit(tx).await?;
    Ok(question)
}
