//! The questions of a challenge as one viewer sees them (`domain::question::shown`: names of askers only to
//! staff, hidden reasons only to askers and sides), and the sides' queue of unanswered questions.

use halqe_db::Conn;
use halqe_db::challenges::ChallengeListed;
use halqe_db::questions::{self, AnswerRow};
use halqe_domain::challenge::Status;
use halqe_domain::ids::ChallengeId;
use halqe_domain::permissions::Actor;
use halqe_domain::question::{Side, State, Viewer, check_answer, check_hide, shown};

pub use halqe_db::questions::Waiting;

use crate::challenges::Sides;
use crate::challenges::access;
use crate::{App, Error, Result};

/// One version of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerView {
    pub body: String,
    /// Which side answered (not who).
    pub side: Side,
    pub at: i64,
}

impl From<&AnswerRow> for AnswerView {
    fn from(a: &AnswerRow) -> Self {
        Self { body: a.body.clone(), side: a.side, at: a.created_at }
    }
}

/// An earlier question staff may merge a duplicate into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeTarget {
    pub id: String,
    /// The start of its text.
    pub excerpt: String,
}

/// One question as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionView {
    pub id: String,
    pub state: State,
    pub body: String,
    pub asked_at: i64,
    /// The viewer asked it.
    pub mine: bool,
    /// Who asked: for staff only, who moderate; everyone else sees questions without names.
    pub asker_name: Option<String>,
    /// Why it is hidden: for its asker and the sides.
    pub hidden_reason: Option<String>,
    /// The earlier question it was merged into.
    pub merged_into: Option<String>,
    /// The answer in force (its newest version).
    pub answer: Option<AnswerView>,
    /// The answer's earlier versions, oldest first.
    pub history: Vec<AnswerView>,
    /// For staff, on an unanswered question: the earlier questions it may be merged into.
    pub merge_targets: Vec<MergeTarget>,
}

impl QuestionView {
    /// Its challenge's sides may answer it (or revise the answer) now.
    pub fn answerable(&self) -> bool {
        check_answer(self.state).is_ok()
    }

    /// Staff may still hide it.
    pub fn hideable(&self) -> bool {
        check_hide(self.state).is_ok()
    }
}

/// The Q&A of one challenge for one viewer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Questions {
    pub items: Vec<QuestionView>,
    /// The challenge takes questions now (a visitor is asked to sign in).
    pub open: bool,
    /// The viewer may ask now: signed in, on no side of it, and it is open.
    pub can_ask: bool,
    /// The viewer answers: one of its sides (also while an edit has it back in review; the answers are
    /// public again once it is).
    pub can_answer: bool,
    /// The viewer moderates: staff.
    pub can_moderate: bool,
}

impl Questions {
    /// How many of the listed questions wait for an answer.
    pub fn unanswered(&self) -> usize {
        self.items.iter().filter(|q| q.state == State::Unanswered).count()
    }
}

fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(80).collect();
    if text.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// The questions of `found` for `viewer`, whose sides on it are `sides`.
pub(crate) async fn build(
    conn: &mut Conn,
    viewer: Option<&Actor>,
    found: &ChallengeListed,
    sides: Sides,
    now: i64,
) -> Result<Questions> {
    let id = ChallengeId::from_db(found.row.id.clone());
    let rows = questions::of_challenge(conn, &id).await?;
    let answers = questions::answers_of_challenge(conn, &id).await?;
    let me = viewer.map(|a| a.user_id.as_str());
    let mine = |asked_by: &str| me == Some(asked_by);
    // An asker whose question was merged is pointed at the original, so they see it too.
    let pointed: Vec<&str> =
        rows.iter().filter(|q| mine(&q.row.asked_by)).filter_map(|q| q.row.merged_into.as_deref()).collect();
    let side = sides.any();
    let open = found.row.status == Status::Published && now < found.row.deadline_at;
    let mut items = Vec::new();
    for (n, q) in rows.iter().enumerate() {
        let versions: Vec<AnswerView> =
            answers.iter().filter(|a| a.question_id == q.row.id).map(AnswerView::from).collect();
        let state = State::of(q.row.hidden_at.is_some(), q.row.merged_into.is_some(), !versions.is_empty());
        let asker = mine(&q.row.asked_by) || pointed.contains(&q.row.id.as_str());
        if !shown(state, Viewer { side, asker }) {
            continue;
        }
        let merge_targets = if sides.staff && state == State::Unanswered {
            rows[..n]
                .iter()
                .filter(|o| o.row.hidden_at.is_none() && o.row.merged_into.is_none())
                .map(|o| MergeTarget { id: o.row.id.clone(), excerpt: excerpt(&o.row.body) })
                .collect()
        } else {
            Vec::new()
        };
        let mut history = versions;
        let answer = history.pop();
        items.push(QuestionView {
            id: q.row.id.clone(),
            state,
            body: q.row.body.clone(),
            asked_at: q.row.created_at,
            mine: mine(&q.row.asked_by),
            asker_name: sides.staff.then(|| q.asker_name.clone()),
            hidden_reason: (state == State::Hidden && (side || asker)).then(|| q.row.hidden_reason.clone()),
            merged_into: q.row.merged_into.clone(),
            answer,
            history,
            merge_targets,
        });
    }
    Ok(Questions {
        items,
        open,
        can_ask: viewer.is_some() && !side && open,
        can_answer: side,
        can_moderate: sides.staff,
    })
}

/// The questions of challenge `id` for `viewer` (`None`: a visitor); `NotFound` if they may not see it.
pub async fn of_challenge(app: &App, viewer: Option<&Actor>, id: &ChallengeId) -> Result<Questions> {
    let mut conn = app.db.conn().await?;
    let (found, sides) = access::visible(&mut conn, viewer, id).await?;
    build(&mut conn, viewer, &found, sides, app.now()).await
}

/// The questions waiting for an answer on public challenges: staff see all, an officer their agency's.
pub async fn unanswered(app: &App, actor: &Actor) -> Result<Vec<Waiting>> {
    let agency =
        if actor.staff().is_ok() { None } else { Some(actor.author().map_err(|_| Error::Forbidden)?.agency().clone()) };
    let public: Vec<&str> = Status::public().map(Status::code).collect();
    let mut conn = app.db.conn().await?;
    Ok(questions::unanswered(&mut conn, agency.as_ref(), &public).await?)
}
