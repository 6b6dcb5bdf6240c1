//! Staff decide where each proposal in evaluation goes: advance, reject, or at the last stage award or no
//! award, always with a written reason, singly or in bulk from what the stage's gate proposes.
//!
//! A decision names the revision of the proposal's evaluation it saw; its first write moves the proposal
//! on that condition, so of two concurrent decisions one wins and the other is told (`decision_conflict`).
//! Each decision is one transaction: the move, its audit entry, the decision row pointing at the entry,
//! and the applicant's notification and mail with the reason.

use halqe_db::decisions::{self, AppealRow, DecisionRow, InStage};
use halqe_db::proposals::{self, ProposalListed};
use halqe_db::stages::{self, StageRow};
use halqe_db::{Conn, assignments, calls, evaluations, organizations};
use halqe_domain::evaluation::decisions::{self as rules, MAX_BULK, Outcome, Proposed, Score, State};
use halqe_domain::evaluation::stages::Gate;
use halqe_domain::ids::{CallId, DecisionId, OrganizationId, ProposalId, UserId};
use halqe_domain::notification::Kind;
use halqe_domain::permissions::StaffCap;
use halqe_domain::proposal::{ApplicantKind, MemberState};

use super::appeals::Verdict;
use super::reviews::{self, criteria_of};
use crate::notifications::send::{self, Event};
use crate::proposals::{access, notify};
use crate::{App, Error, FormErrors, Result, audit};

/// What a decision form sends.
#[derive(Debug, Clone, Default)]
pub struct DecisionForm {
    pub outcome: String,
    pub reason: String,
    /// The evaluation's revision the decider saw.
    pub revision: i64,
}

/// The refusal of a decision that lost the race: someone decided first.
pub fn conflict() -> Error {
    FormErrors::single("revision", "decision_conflict")
}

/// A stage as read for deciding: its row, its call's stages after it, and the parsed gate.
pub(crate) struct StageAt {
    pub row: StageRow,
    pub next: Option<StageRow>,
    pub gate: Gate,
}

impl StageAt {
    pub fn last(&self) -> bool {
        self.next.is_none()
    }
}

/// The stage `stage_id` of call `call`, with the one after it.
pub(crate) async fn stage_at(conn: &mut Conn, call: &str, stage_id: &str) -> Result<StageAt> {
    let all = stages::of_call(conn, &CallId::from_db(call.to_owned())).await?;
    let at = all.iter().position(|s| s.id == stage_id).ok_or(Error::NotFound)?;
    let row = all[at].clone();
    let gate = Gate::parse(&row.gate, &row.gate_value.to_string())
        .map_err(|_| Error::Internal(format!("stage {} has gate {} {}", row.id, row.gate, row.gate_value)))?;
    Ok(StageAt { next: all.get(at + 1).cloned(), row, gate })
}

/// One decision as recorded, in the caller's transaction: the decision row (pointing at its audit entry)
/// and the applicant's notification and mail with the reason.
pub(crate) struct Record<'a> {
    pub proposal: &'a ProposalListed,
    pub stage: &'a str,
    pub outcome: Outcome,
    pub to_stage: Option<&'a str>,
    pub reason: &'a str,
    pub by: &'a UserId,
    pub appeal: Option<&'a str>,
    pub kind: Kind,
    pub now: i64,
}

impl Record<'_> {
    pub(crate) async fn write(self, app: &App, conn: &mut Conn) -> Result<DecisionId> {
        let id = DecisionId::new();
        let details = serde_json::json!({
            "decision": id.as_str(),
            "stage": self.stage,
            "outcome": self.outcome.code(),
            "to_stage": self.to_stage,
            "reason": self.reason,
            "appeal": self.appeal,
        });
        let action = if self.appeal.is_some() { "appeal.decide" } else { "evaluation.decide" };
        let seq =
            audit::record_seq(conn, Some(self.by), action, ("proposal", &self.proposal.row.id), details, self.now)
                .await?;
        let row = DecisionRow {
            id: id.to_string(),
            proposal_id: self.proposal.row.id.clone(),
            stage_id: self.stage.to_owned(),
            outcome: self.outcome,
            to_stage_id: self.to_stage.map(str::to_owned),
            reason: self.reason.to_owned(),
            decided_by: self.by.to_string(),
            decided_at: self.now,
            appeal_id: self.appeal.map(str::to_owned),
            audit_seq: Some(seq),
        };
        decisions::insert(conn, &row).await?;
        let owners = access::owners(conn, self.proposal.row.applicant_kind, &self.proposal.row.applicant_id).await?;
        let about = notify::subject_view(self.proposal);
        let event = Event { kind: self.kind, about: &about, actor_name: "" };
        let details = [("outcome", self.outcome.code()), ("reason", self.reason)];
        send::tell_with(app, conn, event, &details, &owners, self.now).await?;
        Ok(id)
    }
}

/// An appeal being answered, with the rejection it is against.
pub(crate) struct Answering<'a> {
    pub appeal: &'a AppealRow,
    pub rejection: &'a DecisionRow,
}

/// Why `by` may not decide on `proposal` (the form error's code), `None` when they may. The one place that
/// says who judges a proposal: never someone on its side (who wrote it, speaks for or belongs to its
/// applicant, is on its team) or one of its reviewers in any stage (`decision_conflicted`), nor, once an
/// appeal overturned a rejection, the one who rejected, who could otherwise make the rejection final alone
/// one step later (`decision_overturned_decider`). An appeal's answer is also never by who filed it, nor by
/// who took the rejection (`appeal_same_decider`).
pub(crate) async fn refusal(
    conn: &mut Conn,
    by: &UserId,
    proposal: &ProposalListed,
    answering: Option<Answering<'_>>,
) -> Result<Option<&'static str>> {
    if let Some(a) = &answering {
        if a.rejection.decided_by == by.as_str() {
            return Ok(Some("appeal_same_decider"));
        }
        if a.appeal.filed_by == by.as_str() {
            return Ok(Some("decision_conflicted"));
        }
    }
    let row = &proposal.row;
    let id = ProposalId::from_db(row.id.clone());
    let on_team = proposals::members_of(conn, &id)
        .await?
        .iter()
        .any(|m| m.user_id == by.as_str() && m.state != MemberState::Declined);
    let member = match row.applicant_kind {
        ApplicantKind::Organization => {
            organizations::role_of(conn, &OrganizationId::from_db(row.applicant_id.clone()), by).await?.is_some()
        }
        ApplicantKind::Person => false,
    };
    let side = row.created_by == by.as_str()
        || on_team
        || member
        || access::owners(conn, row.applicant_kind, &row.applicant_id).await?.contains(by);
    if side || !assignments::of_reviewer_on(conn, by.as_str(), &row.id).await?.is_empty() {
        return Ok(Some("decision_conflicted"));
    }
    let decided = decisions::of_proposal(conn, &row.id).await?;
    for appeal in decisions::appeals_of(conn, &row.id).await? {
        let overturned = appeal.state == Verdict::Overturned.code();
        let rejected_by = decided.iter().find(|d| d.row.id == appeal.decision_id).map(|d| d.row.decided_by.as_str());
        if overturned && rejected_by == Some(by.as_str()) {
            return Ok(Some("decision_overturned_decider"));
        }
    }
    Ok(None)
}

/// Decides proposal `id` in its current stage.
pub async fn decide(app: &App, staff: &StaffCap, id: &ProposalId, form: &DecisionForm) -> Result<DecisionId> {
    let mut e = FormErrors::default();
    let outcome = e.check("outcome", Outcome::parse(&form.outcome));
    let reason = e.check("reason", rules::reason(&form.reason));
    e.finish()?;
    let (Some(outcome), Some(reason)) = (outcome, reason) else {
        return Err(FormErrors::single("reason", "required"));
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let evaluation = evaluations::get(&mut tx, id.as_str()).await?.ok_or(Error::NotFound)?;
    if evaluation.revision != form.revision {
        return Err(conflict());
    }
    let state = State::parse(&evaluation.state)
        .map_err(|_| Error::Internal(format!("evaluation of {id} is {}", evaluation.state)))?;
    let proposal = proposals::by_id(&mut tx, id).await?.ok_or(Error::NotFound)?;
    if let Some(code) = refusal(&mut tx, staff.by(), &proposal, None).await? {
        return Err(FormErrors::single("outcome", code));
    }
    let stage = stage_at(&mut tx, &evaluation.call_id, &evaluation.stage_id).await?;
    let next = outcome.apply(state, stage.last()).map_err(|r| FormErrors::single("outcome", r.code()))?;
    let to_stage = match outcome {
        Outcome::Advance => stage.next.as_ref().map(|s| s.id.as_str()),
        _ => None,
    };
    // The first write: a concurrent decision on the same revision waits here, then changes nothing.
    if !decisions::move_evaluation(&mut tx, id.as_str(), form.revision, to_stage.unwrap_or(&stage.row.id), next, now)
        .await?
    {
        return Err(conflict());
    }
    let record = Record {
        proposal: &proposal,
        stage: &stage.row.id,
        outcome,
        to_stage,
        reason: &reason,
        by: staff.by(),
        appeal: None,
        kind: Kind::ProposalDecided,
        now,
    };
    let decision = record.write(app, &mut tx).await?;
    halqe_db::commit(tx).await?;
    Ok(decision)
}

/// One proposal of a bulk decision and the revision the decider saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub proposal: ProposalId,
    pub revision: i64,
}

impl Pick {
    /// Reads `proposal:revision` as the bulk form's checkboxes send it.
    pub fn parse(raw: &str) -> Option<Self> {
        let (id, revision) = raw.split_once(':')?;
        Some(Self { proposal: ProposalId::parse(id)?, revision: revision.trim().parse().ok()? })
    }
}

/// How each proposal of a bulk decision went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkResult {
    pub decided: Vec<ProposalId>,
    /// The proposals refused, with the code of why (`decision_conflict`, `decision_wrong_state`…).
    pub refused: Vec<(ProposalId, &'static str)>,
}

/// Decides each picked proposal of stage `stage` of call `call` with the same outcome and reason, each in
/// its own transaction, so one that someone else decided meanwhile is refused alone. A stage that is not
/// the call's is not found before anything is decided.
pub async fn decide_many(
    app: &App,
    staff: &StaffCap,
    call: &CallId,
    stage: &str,
    picks: &[Pick],
    outcome: &str,
    reason: &str,
) -> Result<BulkResult> {
    let mut e = FormErrors::default();
    if picks.is_empty() {
        e.add("proposals", "required");
    } else if picks.len() > MAX_BULK {
        e.add("proposals", "too_many");
    }
    e.check("outcome", Outcome::parse(outcome));
    e.check("reason", rules::reason(reason));
    {
        let mut conn = app.db.conn().await?;
        stage_at(&mut conn, call.as_str(), stage).await?;
    }
    e.finish()?;
    let mut result = BulkResult { decided: Vec::new(), refused: Vec::new() };
    for pick in picks {
        {
            let mut conn = app.db.conn().await?;
            let at = evaluations::get(&mut conn, pick.proposal.as_str()).await?;
            if at.is_none_or(|a| a.stage_id != stage) {
                result.refused.push((pick.proposal.clone(), "decision_not_in_stage"));
                continue;
            }
        }
        let form = DecisionForm { outcome: outcome.to_owned(), reason: reason.to_owned(), revision: pick.revision };
        match decide(app, staff, &pick.proposal, &form).await {
            Ok(_) => result.decided.push(pick.proposal.clone()),
            Err(Error::Form(f)) => result.refused.push((pick.proposal.clone(), f.0.first().map_or("invalid", |x| x.1))),
            Err(other) => return Err(other),
        }
    }
    Ok(result)
}

/// One proposal on a stage's decision page, with what the gate proposes.
#[derive(Debug, Clone, PartialEq)]
pub struct GateRow {
    pub proposal_id: String,
    pub title: String,
    pub applicant_name: String,
    pub state: State,
    pub revision: i64,
    pub score: Option<Score>,
    /// The mean weighted score as a share of the best possible, in percent.
    pub percent: Option<f64>,
    pub proposed: Proposed,
}

/// A stage's decision page: its proposals with the gate's proposal, and the outcomes open here.
#[derive(Debug, Clone, PartialEq)]
pub struct GatePage {
    pub call_id: String,
    pub call_title: String,
    pub stage_id: String,
    pub stage_name: String,
    pub gate: Gate,
    pub last: bool,
    /// The points of a review at the top of every scale (`review::points`).
    pub best: i128,
    pub rows: Vec<GateRow>,
    pub outcomes: &'static [Outcome],
}

/// The stage's best points and each submitted review's points, by proposal: reviews of active assignments
/// with every criterion scored, read exactly as the review page, the results page and the audit entry read
/// them (`reviews::weighted`), so the gate never passes what those show below its threshold.
async fn review_points(app: &App, conn: &mut Conn, stage: &str) -> Result<(i128, Vec<(String, i128)>)> {
    let criteria = criteria_of(conn, stage).await?;
    let Some(best) = reviews::best(&criteria) else { return Ok((0, Vec::new())) };
    let scores = reviews::submitted_scores(conn, stage).await?;
    // A review whose reviewer became conflicted after the assignment does not count.
    let in_force: Vec<_> =
        assignments::of_stage(conn, stage).await?.into_iter().filter(|a| a.state == "active").collect();
    let conflicted = super::conflicts::conflicted(app, conn, &in_force).await?;
    let mut totals = Vec::new();
    for r in halqe_db::reviews::of_stage(conn, stage).await? {
        if conflicted.contains(&r.assignment_id) {
            continue;
        }
        let Some(given) = r.review_id.as_ref().and_then(|id| scores.get(id)) else { continue };
        if let Some((points, _)) = reviews::points(&criteria, given) {
            totals.push((r.proposal_id, points));
        }
    }
    Ok((best, totals))
}

/// The proposals in stage `stage` of call `call` with what its gate proposes from the submitted reviews.
pub async fn gate(app: &App, _staff: &StaffCap, call: &CallId, stage: &str) -> Result<GatePage> {
    let mut conn = app.db.conn().await?;
    let row = calls::by_id(&mut conn, call).await?.ok_or(Error::NotFound)?;
    let at = stage_at(&mut conn, call.as_str(), stage).await?;
    let (best, totals) = review_points(app, &mut conn, stage).await?;
    let listed: Vec<InStage> = decisions::in_stage(&mut conn, stage).await?;
    let scores: Vec<Option<Score>> = listed
        .iter()
        .map(|p| {
            let mine: Vec<i128> = totals.iter().filter(|(id, _)| *id == p.proposal_id).map(|(_, t)| *t).collect();
            (!mine.is_empty()).then(|| Score { total: mine.iter().sum(), reviews: mine.len() as i64 })
        })
        .collect();
    // Only proposals still in review compete at the gate; decided ones keep their state.
    let open: Vec<Option<Score>> =
        listed.iter().zip(&scores).map(|(p, s)| s.filter(|_| p.state == State::InReview)).collect();
    let proposed = rules::propose(at.gate, best, &open);
    let rows = listed
        .into_iter()
        .zip(scores)
        .zip(proposed)
        .map(|((p, score), proposed)| GateRow {
            percent: score.and_then(|s| s.percent(best)),
            proposal_id: p.proposal_id,
            title: p.title,
            applicant_name: p.applicant_name,
            state: p.state,
            revision: p.revision,
            score,
            proposed,
        })
        .collect();
    Ok(GatePage {
        call_id: row.id,
        call_title: row.title,
        stage_id: at.row.id.clone(),
        stage_name: at.row.name.clone(),
        gate: at.gate,
        last: at.last(),
        best,
        rows,
        outcomes: Outcome::choices(at.last()),
    })
}
