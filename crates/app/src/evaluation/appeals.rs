//! Appeals: a rejected applicant appeals once, within the stage's appeal days (server clock), with a
//! reason; staff other than the first decider answer it, upholding the rejection or overturning it, which
//! returns the proposal to review in the stage that rejected it. Filing and answering are audited; the
//! answer is a decision of its own (with the appeal named) and is told to the applicant. Filing is told to
//! center staff, whose queue lists the appeals waiting for an answer.

use halqe_db::decisions::{self, AppealRow};
use halqe_db::{evaluations, proposals, users};
use halqe_domain::evaluation::decisions::{self as rules, Outcome, State};
use halqe_domain::ids::{AppealId, DecisionId, ProposalId};
use halqe_domain::notification::Kind;
use halqe_domain::permissions::{Actor, StaffCap};
use halqe_domain::user::Role;

use super::decisions::{Answering, Record, conflict, refusal};
use crate::notifications::send::{self, Event};
use crate::proposals::{access, notify};
use crate::{App, Error, FormErrors, Result, audit};

/// An appeal's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The rejection stands.
    Upheld,
    /// The rejection is undone: back to review in its stage.
    Overturned,
}

impl Verdict {
    pub const ALL: [Verdict; 2] = [Verdict::Upheld, Verdict::Overturned];

    /// Stable code stored in `appeals.state` and used by forms (Fluent `appeal-state-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Upheld => "upheld",
            Self::Overturned => "overturned",
        }
    }

    pub fn parse(s: &str) -> Result<Self, halqe_domain::Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(halqe_domain::Invalid::Choice)
    }
}

/// `appeals.state` of an appeal waiting for its answer.
pub const PENDING: &str = "pending";

/// The applicant's side appeals the rejection of proposal `id` with `reason`.
pub async fn file(app: &App, actor: &Actor, id: &ProposalId, reason: &str) -> Result<AppealId> {
    let reason = rules::reason(reason).map_err(|e| FormErrors::single("appeal", e.code()))?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let found = access::owned(&mut tx, actor, id).await?;
    let evaluation = evaluations::get(&mut tx, id.as_str()).await?.ok_or(Error::NotFound)?;
    let all = decisions::of_proposal(&mut tx, id.as_str()).await?;
    let last = all.last().filter(|d| d.row.outcome == Outcome::Reject && evaluation.state == State::Rejected.code());
    let Some(rejection) = last else {
        return Err(FormErrors::single("appeal", "appeal_not_rejected"));
    };
    if !decisions::appeals_of(&mut tx, id.as_str()).await?.is_empty() {
        return Err(FormErrors::single("appeal", "appeal_once"));
    }
    if !rules::within_appeal(rejection.row.decided_at, rejection.appeal_days, now) {
        return Err(FormErrors::single("appeal", "appeal_period_over"));
    }
    if !decisions::move_evaluation(
        &mut tx,
        id.as_str(),
        evaluation.revision,
        &evaluation.stage_id,
        State::Appealed,
        now,
    )
    .await?
    {
        return Err(FormErrors::single("appeal", "appeal_once"));
    }
    let appeal = AppealId::new();
    let row = AppealRow {
        id: appeal.to_string(),
        decision_id: rejection.row.id.clone(),
        proposal_id: found.row.id.clone(),
        filed_by: actor.user_id.to_string(),
        reason,
        filed_at: now,
        state: PENDING.to_owned(),
        decided_by: None,
        decided_at: None,
        answer: String::new(),
    };
    match decisions::insert_appeal(&mut tx, &row).await {
        Err(halqe_db::Error::Conflict) => return Err(FormErrors::single("appeal", "appeal_once")),
        other => other?,
    }
    let details = serde_json::json!({
        "appeal": row.id, "decision": row.decision_id, "stage": evaluation.stage_id, "reason": row.reason,
    });
    audit::record(&mut tx, Some(&actor.user_id), "appeal.file", ("proposal", id.as_str()), details, now).await?;
    // Center staff answer appeals: each hears of it (the applicant is told nothing of who decided).
    let staff = users::with_role(&mut tx, Role::Staff).await?;
    let about = notify::subject_view(&found);
    let event = Event { kind: Kind::AppealFiled, about: &about, actor_name: "" };
    send::tell_with(app, &mut tx, event, &[("reason", row.reason.as_str())], &staff, now).await?;
    halqe_db::commit(tx).await?;
    Ok(appeal)
}

/// Most appeals the queue lists.
pub const QUEUE_LIMIT: i64 = 200;

/// A pending appeal in staff's queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub appeal_id: String,
    pub proposal_id: String,
    pub title: String,
    pub call_title: String,
    pub stage_name: String,
    pub reason: String,
    pub filed_at: i64,
    pub rejected_at: i64,
    /// The viewer took the rejection, so someone else must answer it.
    pub own_decision: bool,
}

/// The appeals waiting for an answer, oldest first, for staff.
pub async fn queue(app: &App, staff: &StaffCap) -> Result<Vec<Queued>> {
    let mut conn = app.db.conn().await?;
    Ok(decisions::pending(&mut conn, QUEUE_LIMIT)
        .await?
        .into_iter()
        .map(|q| Queued {
            own_decision: q.rejected_by == staff.by().as_str(),
            appeal_id: q.appeal.id,
            proposal_id: q.appeal.proposal_id,
            title: q.title,
            call_title: q.call_title,
            stage_name: q.stage_name,
            reason: q.appeal.reason,
            filed_at: q.appeal.filed_at,
            rejected_at: q.rejected_at,
        })
        .collect())
}

/// Staff answer appeal `id`: anyone `decisions::refusal` lets judge it (not the one who took the rejection,
/// not who filed the appeal, nobody on the proposal's side or among its reviewers), even an admin.
pub async fn decide(app: &App, staff: &StaffCap, id: &AppealId, verdict: &str, answer: &str) -> Result<DecisionId> {
    let mut e = FormErrors::default();
    let verdict = e.check("verdict", Verdict::parse(verdict));
    let answer = e.check("response", rules::reason(answer));
    e.finish()?;
    let (Some(verdict), Some(answer)) = (verdict, answer) else {
        return Err(FormErrors::single("response", "required"));
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let appeal = decisions::appeal_by_id(&mut tx, id.as_str()).await?.ok_or(Error::NotFound)?;
    let rejection = decisions::by_id(&mut tx, &appeal.decision_id).await?.ok_or(Error::NotFound)?;
    let proposal_id = ProposalId::from_db(appeal.proposal_id.clone());
    let proposal = proposals::by_id(&mut tx, &proposal_id).await?.ok_or(Error::NotFound)?;
    let answering = Answering { appeal: &appeal, rejection: &rejection.row };
    if let Some(code) = refusal(&mut tx, staff.by(), &proposal, Some(answering)).await? {
        return Err(FormErrors::single("response", code));
    }
    if appeal.state != PENDING {
        return Err(FormErrors::single("response", "appeal_answered"));
    }
    let evaluation = evaluations::get(&mut tx, &appeal.proposal_id).await?.ok_or(Error::NotFound)?;
    let (state, outcome) = match verdict {
        Verdict::Upheld => (State::Rejected, Outcome::Reject),
        Verdict::Overturned => (State::InReview, Outcome::Reinstate),
    };
    if evaluation.state != State::Appealed.code()
        || !decisions::move_evaluation(
            &mut tx,
            &appeal.proposal_id,
            evaluation.revision,
            &rejection.row.stage_id,
            state,
            now,
        )
        .await?
    {
        return Err(conflict());
    }
    if !decisions::answer_appeal(&mut tx, id.as_str(), verdict.code(), staff.by().as_str(), now, &answer).await? {
        return Err(FormErrors::single("response", "appeal_answered"));
    }
    let record = Record {
        proposal: &proposal,
        stage: &rejection.row.stage_id,
        outcome,
        to_stage: None,
        reason: &answer,
        by: staff.by(),
        appeal: Some(id.as_str()),
        kind: Kind::AppealDecided,
        now,
    };
    let decision = record.write(app, &mut tx).await?;
    halqe_db::commit(tx).await?;
    Ok(decision)
}
