//! The candidate accepts or declines an introduction; whoever asked is told the answer.

use halqe_domain::ids::{IntroductionId, UserId};
use halqe_domain::introduction::{Status, Step};
use halqe_domain::notification::Kind;
use halqe_domain::permissions::Actor;

use super::notify;
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
    let kind = match answer {
        Answer::Accept => Kind::IntroductionAccepted,
        Answer::Decline => Kind::IntroductionDeclined,
    };
    let requester = UserId::from_db(found.row.requested_by.clone());
    notify::tell(app, &mut tx, kind, &found, &found.candidate_name, &[requester], now).await?;
    halqe_db::commit(tx).await?;
    Ok(status)
}
