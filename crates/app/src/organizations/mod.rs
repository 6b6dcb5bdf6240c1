//! Organizations offering capacity: their profiles, members invited by email, past projects, who sees what.

pub mod answer_invitation;
pub mod create;
pub mod edit;
pub mod form;
pub mod invite_member;
pub mod list;
pub mod past_projects;
pub mod remove_member;
pub mod show;
pub mod view;

use halqe_db::Conn;
use halqe_db::organizations::{self, OrganizationRow};
use halqe_domain::ids::OrganizationId;
use halqe_domain::permissions::Actor;
use halqe_domain::registry::{MemberRole, Sight};

pub use view::{MemberView, OrganizationView};

use crate::{Error, Result};

/// An organization the actor may change: as an owner or admin member, or as center staff.
#[derive(Debug)]
pub(crate) struct Editable {
    pub org: OrganizationRow,
    pub role: Option<MemberRole>,
}

/// Checks that `actor` may edit organization `id`; one they cannot even see is `NotFound`, not `Forbidden`.
pub(crate) async fn editable(conn: &mut Conn, actor: &Actor, id: &OrganizationId) -> Result<Editable> {
    let org = organizations::by_id(conn, id).await?.ok_or(Error::NotFound)?;
    let role = organizations::role_of(conn, id, &actor.user_id).await?;
    if role.is_some_and(MemberRole::manages) || actor.staff().is_ok() {
        return Ok(Editable { org, role });
    }
    Err(refusal(actor, &org, role))
}

/// Checks that `actor` manages the members of `id` (owners and admins only) and returns their role.
pub(crate) async fn manager(
    conn: &mut Conn,
    actor: &Actor,
    id: &OrganizationId,
) -> Result<(OrganizationRow, MemberRole)> {
    let org = organizations::by_id(conn, id).await?.ok_or(Error::NotFound)?;
    match organizations::role_of(conn, id, &actor.user_id).await? {
        Some(role) if role.manages() => Ok((org, role)),
        role => Err(refusal(actor, &org, role)),
    }
}

/// `Forbidden` for an organization the actor can see, `NotFound` for one hidden from them.
fn refusal(actor: &Actor, org: &OrganizationRow, role: Option<MemberRole>) -> Error {
    if view::sight_of(Some(actor), org, role.is_some()) == Sight::Hidden { Error::NotFound } else { Error::Forbidden }
}
