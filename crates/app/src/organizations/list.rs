//! The directory of organizations the viewer may see, and a user's own organizations and pending invitations.

use std::collections::HashMap;

use halqe_db::organizations::{self, Listing, PendingInvitation};
use halqe_db::users;
use halqe_domain::permissions::Actor;
use halqe_domain::registry::{MemberRole, OrgKind, listable};

use super::OrganizationView;
use crate::fields::Taxonomy;
use crate::paging::Paging;
use crate::{App, Result};

/// Organizations per directory page.
pub const PER_PAGE: i64 = 20;

/// What the directory is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kind: Option<OrgKind>,
    pub page: i64,
}

/// One page of the directory.
#[derive(Debug, Clone)]
pub struct Directory {
    pub organizations: Vec<OrganizationView>,
    pub paging: Paging,
}

/// The organizations `viewer` may see (their own included), by Persian name.
pub async fn directory(app: &App, viewer: Option<&Actor>, filter: &Filter) -> Result<Directory> {
    let mut conn = app.db.conn().await?;
    let taxonomy = Taxonomy::load(&mut conn).await?;
    let my_roles: HashMap<String, MemberRole> = match viewer {
        Some(a) => organizations::of_user(&mut conn, &a.user_id)
            .await?
            .into_iter()
            .filter_map(|(o, role)| MemberRole::parse(&role).ok().map(|r| (o.id, r)))
            .collect(),
        None => HashMap::new(),
    };
    let listing =
        Listing { visible: listable(viewer), member: viewer.map(|a| &a.user_id), kind: filter.kind.map(OrgKind::code) };
    let total = organizations::count_visible(&mut conn, &listing).await?;
    let paging = Paging::new(filter.page, PER_PAGE, total);
    let rows = organizations::list(&mut conn, &listing, paging.per_page, paging.offset()).await?;
    let organizations = rows
        .into_iter()
        .filter_map(|row| {
            let role = my_roles.get(&row.id).copied();
            OrganizationView::build(viewer, row, role, &taxonomy)
        })
        .collect();
    Ok(Directory { organizations, paging })
}

/// A user's organizations and the invitations waiting for their answer.
#[derive(Debug, Clone, Default)]
pub struct Mine {
    pub memberships: Vec<OrganizationView>,
    pub invitations: Vec<PendingInvitation>,
}

/// The actor's organizations (with their role) and pending invitations to their verified address.
pub async fn mine(app: &App, actor: &Actor) -> Result<Mine> {
    let mut conn = app.db.conn().await?;
    let taxonomy = Taxonomy::load(&mut conn).await?;
    let memberships = organizations::of_user(&mut conn, &actor.user_id)
        .await?
        .into_iter()
        .filter_map(|(row, role)| OrganizationView::build(Some(actor), row, MemberRole::parse(&role).ok(), &taxonomy))
        .collect();
    let user = users::by_id(&mut conn, &actor.user_id).await?;
    let invitations = match user {
        Some(u) if u.email_verified_at.is_some() => {
            organizations::pending_for_email(&mut conn, u.email.as_str()).await?
        }
        _ => Vec::new(),
    };
    Ok(Mine { memberships, invitations })
}
