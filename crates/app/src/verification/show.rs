//! Reading claims: the claims a person speaks for, the staff queue, and one claim with its evidence.

use halqe_db::organizations;
use halqe_db::verification;
use halqe_domain::ids::{ClaimId, OrganizationId};
use halqe_domain::permissions::{Actor, StaffCap};
use halqe_domain::registry::MemberRole;
use halqe_domain::verification::ClaimStatus;

use super::{ClaimView, EvidenceView, access};
use crate::{App, Error, Result};

/// Most claims one queue page shows.
const QUEUE_LIMIT: i64 = 200;

/// The claims about the actor or the organizations they manage, newest first.
pub async fn mine(app: &App, actor: &Actor) -> Result<Vec<ClaimView>> {
    let mut conn = app.db.conn().await?;
    Ok(verification::of_user(&mut conn, &actor.user_id).await?.into_iter().map(ClaimView::from).collect())
}

/// An organization a new claim may be about.
#[derive(Debug, Clone)]
pub struct OrganizationChoice {
    pub id: OrganizationId,
    pub name_fa: String,
    pub name_en: String,
}

/// The organizations the actor manages (owner or admin), for the declare form.
pub async fn managed_organizations(app: &App, actor: &Actor) -> Result<Vec<OrganizationChoice>> {
    let mut conn = app.db.conn().await?;
    let all = organizations::of_user(&mut conn, &actor.user_id).await?;
    Ok(all
        .into_iter()
        .filter(|(_, role)| MemberRole::parse(role).is_ok_and(MemberRole::manages))
        .map(|(o, _)| OrganizationChoice { id: OrganizationId::from_db(o.id), name_fa: o.name_fa, name_en: o.name_en })
        .collect())
}

/// Pending claims, oldest first.
pub async fn queue(app: &App, _cap: &StaffCap) -> Result<Vec<ClaimView>> {
    let mut conn = app.db.conn().await?;
    let pending = verification::with_status(&mut conn, ClaimStatus::Pending, QUEUE_LIMIT).await?;
    Ok(pending.into_iter().map(ClaimView::from).collect())
}

/// One claim as its viewer may see it.
#[derive(Debug, Clone)]
pub struct ClaimDetail {
    pub claim: ClaimView,
    pub evidence: Vec<EvidenceView>,
    /// The viewer speaks for the claim's subject (may add evidence).
    pub manager: bool,
}

impl ClaimDetail {
    /// The owner may still add evidence (the claim is pending, or rejected and may be resubmitted).
    pub fn takes_evidence(&self) -> bool {
        self.manager && self.claim.status.add_evidence().is_ok()
    }

    pub fn is_pending(&self) -> bool {
        self.claim.status == ClaimStatus::Pending
    }
}

/// A claim for someone who speaks for it, or for staff; anyone else gets `NotFound`.
pub async fn detail(app: &App, viewer: &Actor, id: &ClaimId) -> Result<ClaimDetail> {
    let mut conn = app.db.conn().await?;
    let (_, manager) = access::visible(&mut conn, Some(viewer), id).await?;
    let listed = verification::listed_by_id(&mut conn, id).await?.ok_or(Error::NotFound)?;
    let evidence = verification::evidence_of(&mut conn, id).await?;
    let evidence = evidence.into_iter().map(EvidenceView::from).collect();
    Ok(ClaimDetail { claim: ClaimView::from(listed), evidence, manager })
}
