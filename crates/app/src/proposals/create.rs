//! Starting a proposal to a published challenge open for submissions, as oneself or for an organization
//! one manages, if the challenge's eligibility admits that applicant (people, organizations, provinces).
//! The challenge's own sides (its agency's officers, center staff) read every proposal to it, so they may
//! not compete: they are refused, as they are when asking a question.

use halqe_db::challenges::{self, ChallengeListed};
use halqe_db::proposals::{self, ProposalRow};
use halqe_db::{Conn, organizations, people};
use halqe_domain::ids::{ChallengeId, OrganizationId, ProposalId};
use halqe_domain::permissions::Actor;
use halqe_domain::proposal::{ApplicantKind, Status};

use crate::challenges::Sides;
use crate::challenges::form::codes;
use crate::{App, Error, FormErrors, Result};

/// Someone the viewer may write a proposal for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicant {
    pub kind: ApplicantKind,
    pub id: String,
    pub name: String,
    province: Option<String>,
}

impl Applicant {
    /// How a form names it: `person`, or `organization:<id>`.
    pub fn value(&self) -> String {
        match self.kind {
            ApplicantKind::Person => "person".into(),
            ApplicantKind::Organization => format!("organization:{}", self.id),
        }
    }
}

/// One way the viewer may answer a challenge, and their proposal already in play that way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyOption {
    pub applicant: Applicant,
    pub existing: Option<String>,
}

/// Whom `actor` speaks for: their own profile, and each organization they own or administer.
async fn applicants(conn: &mut Conn, actor: &Actor) -> Result<Vec<Applicant>> {
    let mut out = Vec::new();
    if let Some(p) = people::by_user(conn, &actor.user_id).await? {
        let name = format!("{} {}", p.first_name, p.last_name).trim().to_owned();
        out.push(Applicant { kind: ApplicantKind::Person, id: p.id, name, province: p.province });
    }
    for (org, role) in organizations::of_user(conn, &actor.user_id).await? {
        if halqe_domain::registry::MemberRole::parse(&role).is_ok_and(|r| r.manages()) {
            out.push(Applicant {
                kind: ApplicantKind::Organization,
                id: org.id,
                name: org.name_fa,
                province: org.province,
            });
        }
    }
    Ok(out)
}

/// Whether `challenge` admits `a`: its kind, and its province when the challenge names provinces.
fn eligible(challenge: &ChallengeListed, a: &Applicant) -> bool {
    let provinces = codes(&challenge.row.provinces);
    a.kind.eligible(challenge.row.eligibility)
        && (provinces.is_empty() || a.province.as_ref().is_some_and(|p| provinces.contains(p)))
}

/// The challenge, if it is published and before its deadline at `now`.
async fn open_challenge(conn: &mut Conn, id: &ChallengeId, now: i64) -> Result<ChallengeListed> {
    let found = challenges::by_id(conn, id).await?.filter(|c| c.row.status.is_public()).ok_or(Error::NotFound)?;
    if found.row.status != halqe_domain::challenge::Status::Published || found.row.deadline_at <= now {
        return Err(FormErrors::single("deadline", "proposal_deadline_passed"));
    }
    Ok(found)
}

/// The ways `actor` may answer challenge `id` now (empty when it is not open or admits none of them).
pub async fn options(app: &App, actor: &Actor, id: &ChallengeId) -> Result<Vec<ApplyOption>> {
    let mut conn = app.db.conn().await?;
    let challenge = match open_challenge(&mut conn, id, app.now()).await {
        Ok(c) => c,
        Err(Error::Form(_) | Error::NotFound) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    if Sides::of(Some(actor), &challenge.row.agency_id).any() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for applicant in applicants(&mut conn, actor).await?.into_iter().filter(|a| eligible(&challenge, a)) {
        let existing = proposals::open_of(&mut conn, id, applicant.kind, &applicant.id).await?;
        out.push(ApplyOption { applicant, existing });
    }
    Ok(out)
}

/// Starts a draft to challenge `id` for `applicant` (`person` or `organization:<id>`); if that applicant
/// already has one in play, returns it instead (a second click makes no second draft).
pub async fn create(app: &App, actor: &Actor, id: &ChallengeId, applicant: &str) -> Result<ProposalId> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let challenge = open_challenge(&mut tx, id, now).await?;
    if Sides::of(Some(actor), &challenge.row.agency_id).any() {
        return Err(Error::Forbidden);
    }
    let wanted = applicant.trim();
    let mine = applicants(&mut tx, actor).await?;
    let Some(a) = mine.into_iter().find(|a| a.value() == wanted) else {
        let known =
            wanted == "person" || wanted.strip_prefix("organization:").and_then(OrganizationId::parse).is_some();
        return Err(FormErrors::single("applicant", if known { "applicant_not_yours" } else { "choice" }));
    };
    if !eligible(&challenge, &a) {
        return Err(FormErrors::single("applicant", "applicant_not_eligible"));
    }
    if let Some(existing) = proposals::open_of(&mut tx, id, a.kind, &a.id).await? {
        return Ok(ProposalId::from_db(existing));
    }
    let proposal = ProposalId::new();
    let row = ProposalRow {
        id: proposal.to_string(),
        challenge_id: id.to_string(),
        applicant_kind: a.kind,
        applicant_id: a.id,
        applicant_name: a.name,
        created_by: actor.user_id.to_string(),
        status: Status::Draft,
        title: String::new(),
        summary: String::new(),
        approach: String::new(),
        budget: None,
        timeline: String::new(),
        expected_results: String::new(),
        originality: 0,
        conflicts: 0,
        conflicts_note: String::new(),
        versions: 0,
        created_at: now,
        updated_at: now,
        submitted_at: None,
        withdrawn_at: None,
    };
    proposals::insert(&mut tx, &row).await?;
    halqe_db::commit(tx).await?;
    Ok(proposal)
}
