//! Staff approve or reject a pending claim, always with a reason; the people who speak for its subject are mailed.

use halqe_db::verification;
use halqe_db::{Conn, organizations, people, users};
use halqe_domain::ids::{ClaimId, OrganizationId, PersonId, UserId};
use halqe_domain::permissions::StaffCap;
use halqe_domain::profile::paragraph;
use halqe_domain::verification::{ClaimStatus, Decision};

use crate::{App, Error, FormErrors, Result, audit, mail};

const MAX_REASON: usize = 2000;

/// What the decision form sends.
#[derive(Debug, Clone, Default)]
pub struct DecisionForm {
    /// `approve` or `reject`.
    pub decision: String,
    pub reason: String,
}

/// Decides a pending claim and returns its new status; a claim already decided is refused on `decision`.
pub async fn decide(app: &App, cap: &StaffCap, id: &ClaimId, form: &DecisionForm) -> Result<ClaimStatus> {
    let mut errors = FormErrors::default();
    let decision = errors.check("decision", Decision::parse(&form.decision));
    let reason = errors.check("reason", paragraph(&form.reason, MAX_REASON));
    if reason.as_deref() == Some("") {
        errors.add("reason", "required");
    }
    errors.finish()?;
    let (Some(decision), Some(reason)) = (decision, reason) else {
        return Err(Error::Internal("validated input missing".into()));
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let claim = verification::by_id(&mut tx, id).await?.ok_or(Error::NotFound)?;
    let speakers = speakers(&mut tx, claim.person_id.as_deref(), claim.organization_id.as_deref()).await?;
    if speakers.contains(cap.by()) {
        // Staff never decide their own claims (nor their organization's).
        return Err(FormErrors::single("decision", "own_claim"));
    }
    let current = claim.status;
    let decided = current.decide(decision).map_err(|_| FormErrors::single("decision", "claim_decided"))?;
    if !verification::set_status(&mut tx, id, current, decided, Some((cap.by(), &reason)), now).await? {
        return Err(FormErrors::single("decision", "claim_decided"));
    }
    let details = serde_json::json!({
        "decision": decision.code(),
        "reason": reason,
        "kind": claim.kind.code(),
        "title": claim.title,
    });
    audit::record(&mut tx, Some(cap.by()), "claim.decide", ("claim", id.as_str()), details, now).await?;
    let link = app.link(&format!("/claims/{id}"));
    for user in speakers {
        let Some(u) = users::by_id(&mut tx, &user).await? else { continue };
        let args = [("title", claim.title.as_str()), ("reason", reason.as_str()), ("link", link.as_str())];
        mail::queue(&mut tx, u.email.as_str(), u.locale, &format!("claims-{}", decided.code()), &args, now).await?;
    }
    halqe_db::commit(tx).await?;
    Ok(decided)
}

/// The accounts that speak for a record: a person's own, or an organization's owners and admins.
pub(crate) async fn speakers(conn: &mut Conn, person: Option<&str>, organization: Option<&str>) -> Result<Vec<UserId>> {
    if let Some(person) = person {
        let row = people::by_id(conn, &PersonId::from_db(person.to_owned())).await?;
        return Ok(row.and_then(|p| p.user_id).map(UserId::from_db).into_iter().collect());
    }
    let Some(org) = organization else { return Ok(Vec::new()) };
    let members = organizations::members(conn, &OrganizationId::from_db(org.to_owned())).await?;
    Ok(members.into_iter().filter(|m| m.role.manages()).map(|m| UserId::from_db(m.user_id)).collect())
}
