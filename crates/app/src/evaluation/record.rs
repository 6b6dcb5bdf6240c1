//! A proposal's evaluation as its pages show it: where it stands, each decision with its reason, the
//! appeal and its answer, and whether its applicant may still appeal. Nobody's identity is in it (not the
//! deciders', never the reviewers'); the decision page for staff and auditors adds the decider and the
//! decision's audit entries.

use halqe_db::decisions::{self, AppealRow, DecisionListed};
use halqe_db::{Conn, audit as audit_db, evaluations, users};
use halqe_domain::evaluation::decisions::{self as rules, Outcome, State};
use halqe_domain::ids::{ProposalId, UserId};
use halqe_domain::permissions::Actor;

use crate::proposals::access::Sides;
use crate::{App, Error, Result};

/// One decision as the proposal's page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionView {
    pub id: String,
    pub stage_name: String,
    pub outcome: Outcome,
    pub reason: String,
    pub decided_at: i64,
    /// It answers an appeal.
    pub answers_appeal: bool,
}

impl From<&DecisionListed> for DecisionView {
    fn from(d: &DecisionListed) -> Self {
        Self {
            id: d.row.id.clone(),
            stage_name: d.stage_name.clone(),
            outcome: d.row.outcome,
            reason: d.row.reason.clone(),
            decided_at: d.row.decided_at,
            answers_appeal: d.row.appeal_id.is_some(),
        }
    }
}

/// An appeal as the proposal's page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppealView {
    pub id: String,
    pub reason: String,
    pub filed_at: i64,
    /// pending, upheld or overturned.
    pub state: String,
    pub answer: String,
}

impl From<AppealRow> for AppealView {
    fn from(a: AppealRow) -> Self {
        Self { id: a.id, reason: a.reason, filed_at: a.filed_at, state: a.state, answer: a.answer }
    }
}

/// Where a proposal stands in evaluation and how it got there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationRecord {
    pub state: State,
    pub stage_name: String,
    /// The evaluation's revision, which a decision names.
    pub revision: i64,
    pub decisions: Vec<DecisionView>,
    pub appeals: Vec<AppealView>,
    /// Until when the applicant may appeal, if they may now.
    pub appeal_until: Option<i64>,
    /// The outcomes staff may decide now (none unless staff and in review).
    pub outcomes: Vec<Outcome>,
    /// Staff may answer the pending appeal.
    pub answers_appeal: bool,
}

impl EvaluationRecord {
    /// The appeal waiting for its answer.
    pub fn pending_appeal(&self) -> Option<&AppealView> {
        self.appeals.iter().find(|a| a.state == super::appeals::PENDING)
    }
}

/// The evaluation record of a proposal `viewer` has found `sides` on (see `proposals::access`), if it is
/// in evaluation: its applicant's side and the challenge's sides see it; `appeal_until` only for its
/// owner; the pending appeal's answer for staff other than the rejection's decider.
pub(crate) async fn of_proposal(
    conn: &mut Conn,
    id: &ProposalId,
    sides: Sides,
    viewer: &UserId,
    now: i64,
) -> Result<Option<EvaluationRecord>> {
    if !(sides.applicant_side() || sides.reviewer_side()) {
        return Ok(None);
    }
    let Some(evaluation) = evaluations::get(conn, id.as_str()).await? else { return Ok(None) };
    let state = State::parse(&evaluation.state)
        .map_err(|_| Error::Internal(format!("evaluation of {id} is {}", evaluation.state)))?;
    let listed = decisions::of_proposal(conn, id.as_str()).await?;
    let appeals = decisions::appeals_of(conn, id.as_str()).await?;
    let stage = super::decisions::stage_at(conn, &evaluation.call_id, &evaluation.stage_id).await?;
    let outcomes =
        if sides.staff && state == State::InReview { Outcome::choices(stage.last()).to_vec() } else { Vec::new() };
    let appeal_until = listed
        .last()
        .filter(|d| sides.owner && state == State::Rejected && d.row.outcome == Outcome::Reject && appeals.is_empty())
        .map(|d| d.row.decided_at + d.appeal_days * 86_400_000)
        .filter(|until| rules::within_appeal(*until, 0, now));
    let first_decider = appeals
        .iter()
        .find(|a| a.state == super::appeals::PENDING)
        .and_then(|a| listed.iter().find(|d| d.row.id == a.decision_id))
        .map(|d| d.row.decided_by.clone());
    let answers_appeal =
        sides.staff && state == State::Appealed && first_decider.is_some_and(|by| by != viewer.as_str());
    Ok(Some(EvaluationRecord {
        state,
        stage_name: stage.row.name.clone(),
        revision: evaluation.revision,
        decisions: listed.iter().map(DecisionView::from).collect(),
        appeals: appeals.into_iter().map(AppealView::from).collect(),
        appeal_until,
        outcomes,
        answers_appeal,
    }))
}

/// A decision's page for staff and auditors: the decision, its proposal's title, the decider, the appeal
/// it answers or that answers it, and the audit entries that record them.
#[derive(Debug, Clone)]
pub struct DecisionPage {
    pub decision: DecisionView,
    pub proposal_id: String,
    pub proposal_title: String,
    pub decided_by: String,
    pub appeal: Option<AppealView>,
    /// The audit entries about this decision: its own first, then those of its appeal.
    pub entries: Vec<crate::audit::Entry>,
}

/// Decision `id` for a viewer who may read the record (staff and auditors; the route and `reader` say so).
pub async fn decision(app: &App, reader: &Actor, id: &str) -> Result<DecisionPage> {
    if !reader.reads_record() {
        return Err(Error::Forbidden);
    }
    let id = halqe_domain::ids::DecisionId::parse(id).ok_or(Error::NotFound)?;
    let mut conn = app.db.conn().await?;
    let d = decisions::by_id(&mut conn, id.as_str()).await?.ok_or(Error::NotFound)?;
    let proposal = halqe_db::proposals::by_id(&mut conn, &ProposalId::from_db(d.row.proposal_id.clone()))
        .await?
        .ok_or(Error::NotFound)?;
    let decider = users::by_id(&mut conn, &halqe_domain::ids::UserId::from_db(d.row.decided_by.clone())).await?;
    let appeals = decisions::appeals_of(&mut conn, &d.row.proposal_id).await?;
    let appeal = appeals.into_iter().find(|a| a.decision_id == d.row.id || Some(&a.id) == d.row.appeal_id.as_ref());
    let mut entries = Vec::new();
    if let Some(seq) = d.row.audit_seq {
        entries.extend(audit_db::by_seq(&mut conn, seq).await?);
    }
    if let Some(a) = &appeal {
        let filed = audit_db::about_with_action(&mut conn, "proposal", &d.row.proposal_id, "appeal.file").await?;
        entries.extend(filed.into_iter().filter(|e| e.details.contains(&a.id)));
    }
    Ok(DecisionPage {
        decision: DecisionView::from(&d),
        proposal_id: proposal.row.id.clone(),
        proposal_title: proposal.row.title.clone(),
        decided_by: decider.map(|u| u.email.as_str().to_owned()).unwrap_or_default(),
        appeal: appeal.map(AppealView::from),
        entries,
    })
}
