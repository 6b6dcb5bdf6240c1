//! Public questions on a challenge: applicants ask while it takes proposals, the owning agency's officers or
//! staff answer (an answer is revised by a new version, the old ones kept and shown), and staff moderate
//! (hide with a reason, merge a duplicate into an earlier question). Answers are public so that no
//! applicant gets a private hint; who sees what is `domain::question::shown`.

pub mod answer;
pub mod ask;
pub mod hide;
pub mod list;
pub mod merge;

pub use list::{AnswerView, QuestionView, Questions, Waiting};

use halqe_db::Conn;
use halqe_db::questions::{self, QuestionListed};
use halqe_domain::ids::QuestionId;
use halqe_domain::question::State;

use crate::{Error, Result};

/// A question and where it stands, its row locked until the caller's transaction ends.
pub(crate) async fn found(conn: &mut Conn, id: &QuestionId) -> Result<(QuestionListed, State)> {
    questions::lock(conn, id).await?;
    let q = questions::by_id(conn, id).await?.ok_or(Error::NotFound)?;
    let answered = questions::answer_count(conn, id).await? > 0;
    let state = State::of(q.row.hidden_at.is_some(), q.row.merged_into.is_some(), answered);
    Ok((q, state))
}

/// The challenge question `id` is on, for a page that shows a refused form on that challenge's page again.
pub async fn challenge_of(app: &crate::App, id: &QuestionId) -> Result<halqe_domain::ids::ChallengeId> {
    let mut conn = app.db.conn().await?;
    let q = questions::by_id(&mut conn, id).await?.ok_or(Error::NotFound)?;
    Ok(halqe_domain::ids::ChallengeId::from_db(q.row.challenge_id))
}
