//! What a viewer gets of an organization: the view model built through the one privacy decision.

use halqe_db::organizations::{Member, OrganizationRow};
use halqe_domain::ids::OrganizationId;
use halqe_domain::permissions::Actor;
use halqe_domain::profile::WebUrl;
use halqe_domain::province::Province;
use halqe_domain::registry::{MemberRole, OrgKind, Sight, Visibility, sight};

use crate::fields::{Field, Taxonomy};

/// An organization as one viewer may see it.
#[derive(Debug, Clone)]
pub struct OrganizationView {
    pub id: OrganizationId,
    /// How much this viewer sees.
    pub sight: Sight,
    /// The viewer's role, if they are a member.
    pub my_role: Option<MemberRole>,
    /// The viewer may edit the profile and its past projects (owner, admin, staff).
    pub can_edit: bool,
    /// The viewer may invite members (owner, admin).
    pub can_invite: bool,
    pub name_fa: String,
    pub name_en: String,
    pub kind: OrgKind,
    pub registration_number: Option<String>,
    pub certificate_number: String,
    pub certificate_expires_at: Option<i64>,
    pub province: Option<Province>,
    pub city: String,
    pub institution: String,
    pub website: Option<WebUrl>,
    pub description_fa: String,
    pub description_en: String,
    pub capabilities: String,
    pub products: String,
    pub primary_field: Option<Field>,
    pub visibility: Visibility,
}

/// What `viewer` may see of `org`; members count as owners of the profile.
pub fn sight_of(viewer: Option<&Actor>, org: &OrganizationRow, is_member: bool) -> Sight {
    let visibility = Visibility::parse(&org.visibility).unwrap_or(Visibility::Private);
    sight(viewer, visibility, is_member)
}

impl OrganizationView {
    /// The view of `row` for `viewer` (whose role in it is `my_role`), or `None` when hidden from them.
    pub fn build(
        viewer: Option<&Actor>,
        row: OrganizationRow,
        my_role: Option<MemberRole>,
        taxonomy: &Taxonomy,
    ) -> Option<Self> {
        let sight = sight_of(viewer, &row, my_role.is_some());
        if sight == Sight::Hidden {
            return None;
        }
        let staff = viewer.is_some_and(|a| a.staff().is_ok());
        let manages = my_role.is_some_and(MemberRole::manages);
        Some(Self {
            id: OrganizationId::from_db(row.id.clone()),
            sight,
            my_role,
            can_edit: manages || staff,
            can_invite: manages,
            kind: OrgKind::parse(&row.kind).unwrap_or(OrgKind::Other),
            province: row.province.as_deref().and_then(|p| Province::parse(p).ok()),
            website: (!row.website.is_empty()).then(|| WebUrl::from_db(row.website.clone())),
            primary_field: row.primary_field.as_deref().and_then(|f| taxonomy.get(f)).cloned(),
            visibility: Visibility::parse(&row.visibility).unwrap_or(Visibility::Private),
            registration_number: row.registration_number,
            certificate_number: row.certificate_number,
            certificate_expires_at: row.certificate_expires_at,
            name_fa: row.name_fa,
            name_en: row.name_en,
            city: row.city,
            institution: row.institution,
            description_fa: row.description_fa,
            description_en: row.description_en,
            capabilities: row.capabilities,
            products: row.products,
        })
    }

    /// The certificate has expired by `now`.
    pub fn certificate_expired(&self, now: &i64) -> bool {
        self.certificate_expires_at.is_some_and(|t| t < *now)
    }
}

/// A member as shown; the email only to those who see contact details (members and staff).
#[derive(Debug, Clone)]
pub struct MemberView {
    /// The member's account, for the managers' remove button.
    pub user_id: String,
    pub display_name: String,
    pub role: MemberRole,
    pub email: Option<String>,
    pub joined_at: i64,
}

impl MemberView {
    pub fn build(m: Member, sight: Sight) -> Self {
        Self {
            user_id: m.user_id,
            display_name: m.display_name,
            role: m.role,
            email: (sight >= Sight::Contact).then_some(m.email),
            joined_at: m.joined_at,
        }
    }
}
