//! One organization's page: profile, members, past projects, badges; invitations for those who manage it.

use halqe_db::kept_values::{self, Side};
use halqe_db::organizations::{self, MembershipInvitation};
use halqe_db::past_projects::{self, Owner};
use halqe_db::verification::Subject;
use halqe_domain::ids::OrganizationId;
use halqe_domain::permissions::Actor;
use halqe_domain::registry::MemberRole;

use super::{MemberView, OrganizationView};
use crate::fields::Taxonomy;
use crate::kept_values::{KeptView, visible};
use crate::people::PastProjectView;
use crate::verification::badges::{Badge, badges};
use crate::{App, Error, Result};

/// Everything an organization page shows to one viewer.
#[derive(Debug, Clone)]
pub struct OrganizationPage {
    pub org: OrganizationView,
    pub members: Vec<MemberView>,
    pub past_projects: Vec<PastProjectView>,
    pub badges: Vec<Badge>,
    /// Cells an import kept as the organization's own text.
    pub kept: Vec<KeptView>,
    /// Invitations, newest first; only for those who may invite (empty for everyone else).
    pub invitations: Vec<InvitationView>,
}

/// An invitation as its organization's managers see it.
#[derive(Debug, Clone)]
pub struct InvitationView {
    pub email: String,
    pub role: MemberRole,
    pub status: String,
    pub created_at: i64,
}

impl From<MembershipInvitation> for InvitationView {
    fn from(i: MembershipInvitation) -> Self {
        Self {
            role: MemberRole::parse(&i.role).unwrap_or(MemberRole::Member),
            email: i.email,
            status: i.status,
            created_at: i.created_at,
        }
    }
}

/// The page of organization `id` for `viewer`; `NotFound` when it is hidden from them.
pub async fn show(app: &App, viewer: Option<&Actor>, id: &OrganizationId) -> Result<OrganizationPage> {
    let mut conn = app.db.conn().await?;
    let row = organizations::by_id(&mut conn, id).await?.ok_or(Error::NotFound)?;
    let my_role = match viewer {
        Some(a) => organizations::role_of(&mut conn, id, &a.user_id).await?,
        None => None,
    };
    let taxonomy = Taxonomy::load(&mut conn).await?;
    let org = OrganizationView::build(viewer, row, my_role, &taxonomy).ok_or(Error::NotFound)?;
    let members =
        organizations::members(&mut conn, id).await?.into_iter().map(|m| MemberView::build(m, org.sight)).collect();
    let past_projects =
        past_projects::of(&mut conn, Owner::Organization(id.as_str())).await?.into_iter().map(Into::into).collect();
    let badges = badges(&mut conn, Subject::Organization(id)).await?;
    let kept = visible(kept_values::of(&mut conn, Side::Organizations, id.as_str()).await?, org.sight);
    let invitations = if org.can_invite {
        organizations::invitations_of(&mut conn, id).await?.into_iter().map(Into::into).collect()
    } else {
        Vec::new()
    };
    Ok(OrganizationPage { org, members, past_projects, badges, kept, invitations })
}
