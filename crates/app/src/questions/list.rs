//! The questions of a challenge as one viewer sees them (`domain::question::shown`: names of askers only to
//! staff, hidden reasons only to the question's asker and staff), a page at a time so that no request reads
//! more than `PAGE_SIZE` of them, and the sides' queue of unanswered questions (the oldest `MAX_WAITING`).

use std::collections::HashMap;

use halqe_db::Conn;
use halqe_db::challenges::ChallengeListed;
use halqe_db::questions::{self, AnswerRow};
use halqe_domain::challenge::Status;
use halqe_domain::ids::ChallengeId;
use halqe_domain::permissions::Actor;
use halqe_domain::question::{
    MAX_MERGE_TARGETS, MAX_WAITING, PAGE_SIZE, Side, State, Viewer, check_answer, check_hide, shown,
};

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

/// An open question staff may merge a later duplicate into.
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
    /// Why it is hidden: for its own asker and staff.
    pub hidden_reason: Option<String>,
    /// The earlier question it was merged into.
    pub merged_into: Option<String>,
    /// The answer in force (its newest version).
    pub answer: Option<AnswerView>,
    /// The answer's earlier versions, oldest first.
    pub history: Vec<AnswerView>,
}

impl QuestionView {
    /// Its challenge's sides may answer it (or revise the answer) now.
    pub fn answerable(&self) -> bool {
        check_answer(self.state).is_ok()
    }

    /// Staff may merge it into an earlier question (it has no answer and is neither hidden nor merged).
    pub fn mergeable(&self) -> bool {
        self.state == State::Unanswered
    }

    /// Staff may still hide it.
    pub fn hideable(&self) -> bool {
        check_hide(self.state).is_ok()
    }
}

/// The Q&A of one challenge for one viewer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Questions {
    /// One page of them, oldest first.
    pub items: Vec<QuestionView>,
    /// Which page (from 0, `PAGE_SIZE` each).
    pub page: u32,
    /// The next page, if there are more questions.
    pub next_page: Option<u32>,
    /// For staff on the challenge's page: the oldest open questions, offered once for every merge form.
    pub merge_targets: Vec<MergeTarget>,
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
    /// The page before this one, if any.
    pub fn previous_page(&self) -> Option<u32> {
        self.page.checked_sub(1)
    }

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

/// Page `page` of the questions of `found` for `viewer`, whose sides on it are `sides`.
pub(crate) async fn build(
    conn: &mut Conn,
    viewer: Option<&Actor>,
    found: &ChallengeListed,
    sides: Sides,
    page: u32,
    now: i64,
) -> Result<Questions> {
    let id = ChallengeId::from_db(found.row.id.clone());
    let me = viewer.map_or("", |a| a.user_id.as_str());
    let side = sides.any();
    let size = i64::from(PAGE_SIZE);
    let mut rows = questions::page_of_challenge(conn, &id, side, me, size + 1, i64::from(page) * size).await?;
    let next_page = (rows.len() as i64 > size).then(|| page.saturating_add(1));
    rows.truncate(PAGE_SIZE as usize);
    // An asker whose question was merged is pointed at the original, so they see it too, while it is not hidden.
    let pointed = if me.is_empty() { Vec::new() } else { questions::pointed_at(conn, &id, me).await? };
    let ids: Vec<&str> = rows.iter().map(|q| q.row.id.as_str()).collect();
    let mut answers: HashMap<String, Vec<AnswerView>> = HashMap::new();
    for a in questions::answers_of(conn, &ids).await? {
        answers.entry(a.question_id.clone()).or_default().push(AnswerView::from(&a));
    }
    let open = found.row.status == Status::Published && now < found.row.deadline_at;
    let mut items = Vec::new();
    for q in rows {
        let mut history = answers.remove(&q.row.id).unwrap_or_default();
        let state = State::of(q.row.hidden_at.is_some(), q.row.merged_into.is_some(), !history.is_empty());
        let mine = !me.is_empty() && q.row.asked_by == me;
        let asker = mine || pointed.contains(&q.row.id);
        if !shown(state, Viewer { side, asker }) {
            continue;
        }
        let answer = history.pop();
        items.push(QuestionView {
            state,
            asked_at: q.row.created_at,
            mine,
            asker_name: sides.staff.then_some(q.asker_name),
            hidden_reason: (state == State::Hidden && (sides.staff || mine)).then_some(q.row.hidden_reason),
            merged_into: q.row.merged_into,
            answer,
            history,
            id: q.row.id,
            body: q.row.body,
        });
    }
    Ok(Questions {
        items,
        page,
        next_page,
        merge_targets: Vec::new(),
        open,
        can_ask: viewer.is_some() && !side && open,
        can_answer: side,
        can_moderate: sides.staff,
    })
}

/// The open questions staff may merge a duplicate into (the oldest `MAX_MERGE_TARGETS`), for the page.
pub(crate) async fn merge_targets(conn: &mut Conn, id: &ChallengeId) -> Result<Vec<MergeTarget>> {
    let open = questions::open_originals(conn, id, MAX_MERGE_TARGETS).await?;
    Ok(open.into_iter().map(|(id, body)| MergeTarget { excerpt: excerpt(&body), id }).collect())
}

/// Page `page` of the questions of challenge `id` for `viewer` (`None`: a visitor); `NotFound` if they may
/// not see it.
pub async fn of_challenge(app: &App, viewer: Option<&Actor>, id: &ChallengeId, page: u32) -> Result<Questions> {
    let mut conn = app.db.conn().await?;
    let (found, sides) = access::visible(&mut conn, viewer, id).await?;
    build(&mut conn, viewer, &found, sides, page, app.now()).await
}

/// The oldest `MAX_WAITING` questions waiting for an answer on public challenges: staff see all, an officer
/// their agency's.
pub async fn unanswered(app: &App, actor: &Actor) -> Result<Vec<Waiting>> {
    let agency =
        if actor.staff().is_ok() { None } else { Some(actor.author().map_err(|_| Error::Forbidden)?.agency().clone()) };
    let public: Vec<&str> = Status::public().map(Status::code).collect();
    let mut conn = app.db.conn().await?;
    Ok(questions::unanswered(&mut conn, agency.as_ref(), &public, MAX_WAITING).await?)
}
