//! The candidate accepts or declines an introduction; whoever asked is mailed the answer.

use halqe_domain::ids::{IntroductionId, UserId};
use halqe_domain::introduction::{Status, Step};
use halqe_domain::permissions::Actor;

use super::notify::{self, Notice};
use super::steps;
use crate::{App, Result};

/// The candidate's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accept,
    Decline,
}

/// Accepts or declines introduction `id` as its candidate; returns the new status.
pub async fn answer(app: &App, actor: &Actor, id: &IntroductionId, answer: Answer) -> Result<Status> {
    let step = match answer {
        Answer::Accept => Step::Accept,
        Answer::Decline => Step::Decline,
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (found, status) = steps::take(&mut tx, actor, id, &step, now).await?;
    let key = match answer {
        Answer::Accept => "introduction-accepted",
        Answer::Decline => "introduction-declined",
    };
    let requester = UserId::from_db(found.row.requested_by.clone());
    let notice = Notice { key, found: &found, name: &found.candidate_name };
    notify::mail_accounts(app, &mut tx, &[requester], None, &notice, now).await?;
    halqe_db::commit(tx).await?;
    Ok(status)
}
