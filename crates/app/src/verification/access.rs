//! Who may see and act on a claim: the person it is about, the managers of its organization, and staff.

use halqe_db::verification::{self, ClaimRow};
use halqe_db::{Conn, organizations, people};
use halqe_domain::ids::{ClaimId, OrganizationId, PersonId, UserId};
use halqe_domain::permissions::Actor;
use halqe_domain::registry::MemberRole;

use crate::{Error, Result};

/// Whether `user` speaks for the claim's subject: the person themself, or an owner or admin of the organization.
pub(super) async fn manages(conn: &mut Conn, user: &UserId, claim: &ClaimRow) -> Result<bool> {
    if let Some(person) = &claim.person_id {
        let row = people::by_id(conn, &PersonId::from_db(person.clone())).await?;
        return Ok(row.and_then(|p| p.user_id).as_deref() == Some(user.as_str()));
    }
    if let Some(org) = &claim.organization_id {
        return manages_organization(conn, user, &OrganizationId::from_db(org.clone())).await;
    }
    Ok(false)
}

/// Whether `user` is an owner or admin of the organization.
pub(super) async fn manages_organization(conn: &mut Conn, user: &UserId, org: &OrganizationId) -> Result<bool> {
    Ok(organizations::role_of(conn, org, user).await?.is_some_and(MemberRole::manages))
}

/// The claim if `viewer` manages it (`true`) or is staff; anyone else is told it does not exist.
pub(super) async fn visible(conn: &mut Conn, viewer: Option<&Actor>, id: &ClaimId) -> Result<(ClaimRow, bool)> {
    let viewer = viewer.ok_or(Error::NotFound)?;
    let claim = verification::by_id(conn, id).await?.ok_or(Error::NotFound)?;
    let manager = manages(conn, &viewer.user_id, &claim).await?;
    if manager || viewer.staff().is_ok() { Ok((claim, manager)) } else { Err(Error::NotFound) }
}
