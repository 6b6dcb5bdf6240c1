//! Organizations in the registry and their members.

use halqe_domain::clock::Millis;
use halqe_domain::ids::{OrganizationId, UserId};
use halqe_domain::registry::{MemberRole, Visibility};

use crate::bulk::{Query, insert_sql, update_sql};
use crate::people::visibility_list;
use crate::{Conn, Result, search_feed};

/// An organization's profile row.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct OrganizationRow {
    pub id: String,
    pub name_fa: String,
    pub name_en: String,
    pub kind: String,
    pub registration_number: Option<String>,
    pub certificate_number: String,
    pub certificate_expires_at: Option<i64>,
    pub province: Option<String>,
    pub city: String,
    pub institution: String,
    pub website: String,
    pub description_fa: String,
    pub description_en: String,
    pub capabilities: String,
    pub products: String,
    pub primary_field: Option<String>,
    pub visibility: String,
    pub source: String,
    pub content_hash: String,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

pub const COLUMNS: &str = "id, name_fa, name_en, kind, registration_number, certificate_number, \
    certificate_expires_at, province, city, institution, website, description_fa, description_en, capabilities, \
    products, primary_field, visibility, source, content_hash, created_by, created_at, updated_at";

/// The columns an edit rewrites (all but id, source, creator and creation time), in the order
/// [`bind_editable`] binds them.
const EDITABLE: [&str; 17] = [
    "name_fa",
    "name_en",
    "kind",
    "registration_number",
    "certificate_number",
    "certificate_expires_at",
    "province",
    "city",
    "institution",
    "website",
    "description_fa",
    "description_en",
    "capabilities",
    "products",
    "primary_field",
    "visibility",
    "content_hash",
];

/// Binds [`EDITABLE`], then `updated_at` and `id`.
fn bind_editable<'a>(q: Query<'a>, o: &'a OrganizationRow) -> Query<'a> {
    q.bind(&o.name_fa)
        .bind(&o.name_en)
        .bind(&o.kind)
        .bind(&o.registration_number)
        .bind(&o.certificate_number)
        .bind(o.certificate_expires_at)
        .bind(&o.province)
        .bind(&o.city)
        .bind(&o.institution)
        .bind(&o.website)
        .bind(&o.description_fa)
        .bind(&o.description_en)
        .bind(&o.capabilities)
        .bind(&o.products)
        .bind(&o.primary_field)
        .bind(&o.visibility)
        .bind(&o.content_hash)
        .bind(o.updated_at)
        .bind(&o.id)
}

pub async fn insert(conn: &mut Conn, o: &OrganizationRow) -> Result<()> {
    let sql = insert_sql("organizations", &EDITABLE, &["source", "created_by", "created_at"]);
    bind_editable(sqlx::query(&sql), o)
        .bind(&o.source)
        .bind(&o.created_by)
        .bind(o.created_at)
        .execute(&mut *conn)
        .await?;
    search_feed::touch(conn, search_feed::ORGANIZATION, &o.id).await?;
    Ok(())
}

/// Rewrites every editable column (not id, source, creator or creation time).
pub async fn update(conn: &mut Conn, o: &OrganizationRow) -> Result<()> {
    bind_editable(sqlx::query(&update_sql("organizations", &EDITABLE)), o).execute(&mut *conn).await?;
    search_feed::touch(conn, search_feed::ORGANIZATION, &o.id).await?;
    Ok(())
}

pub async fn by_id(conn: &mut Conn, id: &OrganizationId) -> Result<Option<OrganizationRow>> {
    Ok(sqlx::query_as::<_, OrganizationRow>(&format!("SELECT {COLUMNS} FROM organizations WHERE id = $1"))
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?)
}

/// The organizations with these ids that exist, in no particular order.
pub async fn by_ids(conn: &mut Conn, ids: &[String]) -> Result<Vec<OrganizationRow>> {
    crate::bulk::fetch_in(conn, &format!("SELECT {COLUMNS} FROM organizations"), "id", ids).await
}

pub async fn by_registration_number(conn: &mut Conn, number: &str) -> Result<Option<OrganizationRow>> {
    Ok(sqlx::query_as::<_, OrganizationRow>(&format!(
        "SELECT {COLUMNS} FROM organizations WHERE registration_number = $1"
    ))
    .bind(number)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Which organizations a listing may show and how it is narrowed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Listing<'a> {
    /// Visibilities the viewer may list (`domain::registry::listable`).
    pub visible: &'a [Visibility],
    /// The viewer, whose own organizations are listed whatever their visibility.
    pub member: Option<&'a UserId>,
    /// Only organizations of this kind (code).
    pub kind: Option<&'a str>,
}

/// The `WHERE` clause of a listing; `$1` member, `$2` kind (`''` for any).
fn listing_filter(l: &Listing<'_>) -> String {
    let allowed = visibility_list(l.visible);
    format!(
        "(visibility IN ({allowed})
            OR EXISTS (SELECT 1 FROM memberships m WHERE m.organization_id = organizations.id AND m.user_id = $1))
         AND ($2 = '' OR kind = $2)"
    )
}

/// One page of the organizations a listing allows, by Persian name.
pub async fn list(conn: &mut Conn, l: &Listing<'_>, limit: i64, offset: i64) -> Result<Vec<OrganizationRow>> {
    Ok(sqlx::query_as::<_, OrganizationRow>(&format!(
        "SELECT {COLUMNS} FROM organizations WHERE {} ORDER BY name_fa, id LIMIT $3 OFFSET $4",
        listing_filter(l)
    ))
    .bind(l.member.map(UserId::as_str).unwrap_or(""))
    .bind(l.kind.unwrap_or(""))
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?)
}

/// How many organizations `list` would page through.
pub async fn count_visible(conn: &mut Conn, l: &Listing<'_>) -> Result<i64> {
    Ok(sqlx::query_scalar(&format!("SELECT COUNT(*) FROM organizations WHERE {}", listing_filter(l)))
        .bind(l.member.map(UserId::as_str).unwrap_or(""))
        .bind(l.kind.unwrap_or(""))
        .fetch_one(&mut *conn)
        .await?)
}

pub async fn count(conn: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM organizations").fetch_one(&mut *conn).await?)
}

/// A member and their role.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Member {
    pub user_id: String,
    pub display_name: String,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub role: MemberRole,
    pub joined_at: i64,
}

pub async fn add_member(
    conn: &mut Conn,
    org: &OrganizationId,
    user: &UserId,
    role: MemberRole,
    now: Millis,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO memberships (organization_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organization_id, user_id) DO UPDATE SET role = excluded.role",
    )
    .bind(org.as_str())
    .bind(user.as_str())
    .bind(role.code())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    search_feed::touch(conn, search_feed::ORGANIZATION, org.as_str()).await?;
    Ok(())
}

/// Ends a membership, keeping its period in `membership_history` (conflicts of interest look back on it);
/// returns whether there was one.
pub async fn remove_member(conn: &mut Conn, org: &OrganizationId, user: &UserId, now: Millis) -> Result<bool> {
    sqlx::query(
        "INSERT INTO membership_history (organization_id, user_id, role, joined_at, left_at) \
         SELECT organization_id, user_id, role, joined_at, $3 FROM memberships WHERE organization_id = $1 AND user_id = $2 \
         ON CONFLICT (organization_id, user_id, joined_at) DO UPDATE SET left_at = excluded.left_at",
    )
    .bind(org.as_str())
    .bind(user.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let r = sqlx::query("DELETE FROM memberships WHERE organization_id = $1 AND user_id = $2")
        .bind(org.as_str())
        .bind(user.as_str())
        .execute(&mut *conn)
        .await?;
    search_feed::touch(conn, search_feed::ORGANIZATION, org.as_str()).await?;
    Ok(r.rows_affected() > 0)
}

/// How many members hold `role`.
pub async fn count_with_role(conn: &mut Conn, org: &OrganizationId, role: MemberRole) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM memberships WHERE organization_id = $1 AND role = $2")
        .bind(org.as_str())
        .bind(role.code())
        .fetch_one(&mut *conn)
        .await?)
}

pub async fn members(conn: &mut Conn, org: &OrganizationId) -> Result<Vec<Member>> {
    Ok(sqlx::query_as::<_, Member>(
        "SELECT m.user_id, u.display_name, u.email, m.role, m.joined_at FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.organization_id = $1 ORDER BY m.joined_at, u.display_name",
    )
    .bind(org.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// The `(organization, user)` pairs of the owners and admins of these organizations, one query per hundred.
pub async fn managers_of(conn: &mut Conn, orgs: &[String]) -> Result<Vec<(String, String)>> {
    let rows: Vec<(String, String, String)> =
        crate::bulk::fetch_in(conn, "SELECT organization_id, user_id, role FROM memberships", "organization_id", orgs)
            .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, _, role)| MemberRole::parse(role).is_ok_and(MemberRole::manages))
        .map(|(org, user, _)| (org, user))
        .collect())
}

/// The role of a user in an organization, if a member.
pub async fn role_of(conn: &mut Conn, org: &OrganizationId, user: &UserId) -> Result<Option<MemberRole>> {
    let role: Option<String> =
        sqlx::query_scalar("SELECT role FROM memberships WHERE organization_id = $1 AND user_id = $2")
            .bind(org.as_str())
            .bind(user.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    Ok(role.and_then(|r| MemberRole::parse(&r).ok()))
}

/// Organizations a user belongs to, with the role.
pub async fn of_user(conn: &mut Conn, user: &UserId) -> Result<Vec<(OrganizationRow, String)>> {
    let rows = sqlx::query_as::<_, OrganizationRow>(&format!(
        "SELECT {} FROM organizations o JOIN memberships m ON m.organization_id = o.id WHERE m.user_id = $1
         ORDER BY o.name_fa",
        COLUMNS.split(", ").map(|c| format!("o.{}", c.trim())).collect::<Vec<_>>().join(", ")
    ))
    .bind(user.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for o in rows {
        let role = role_of(conn, &OrganizationId::from_db(o.id.clone()), user).await?;
        out.push((o, role.map(|r| r.code()).unwrap_or("member").to_owned()));
    }
    Ok(out)
}

/// An invitation to join an organization, answered by the holder of `email`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MembershipInvitation {
    pub id: String,
    pub organization_id: String,
    pub email: String,
    pub role: String,
    pub invited_by: String,
    pub status: String,
    pub created_at: i64,
    pub decided_at: Option<i64>,
}

/// A pending invitation with the organization's name, for the invitee's list.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PendingInvitation {
    pub id: String,
    pub organization_id: String,
    pub name_fa: String,
    pub name_en: String,
    pub role: String,
    pub invited_by_name: String,
    pub created_at: i64,
}

const INVITATION_COLUMNS: &str = "id, organization_id, email, role, invited_by, status, created_at, decided_at";

pub async fn insert_invitation(conn: &mut Conn, i: &MembershipInvitation) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO membership_invitations ({INVITATION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    ))
    .bind(&i.id)
    .bind(&i.organization_id)
    .bind(&i.email)
    .bind(&i.role)
    .bind(&i.invited_by)
    .bind(&i.status)
    .bind(i.created_at)
    .bind(i.decided_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn invitation_by_id(conn: &mut Conn, id: &str) -> Result<Option<MembershipInvitation>> {
    Ok(sqlx::query_as::<_, MembershipInvitation>(&format!(
        "SELECT {INVITATION_COLUMNS} FROM membership_invitations WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Invitations of one organization, newest first.
pub async fn invitations_of(conn: &mut Conn, org: &OrganizationId) -> Result<Vec<MembershipInvitation>> {
    Ok(sqlx::query_as::<_, MembershipInvitation>(&format!(
        "SELECT {INVITATION_COLUMNS} FROM membership_invitations WHERE organization_id = $1
         ORDER BY created_at DESC, id DESC"
    ))
    .bind(org.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// Whether `email` already has a pending invitation to `org`.
pub async fn has_pending_invitation(conn: &mut Conn, org: &OrganizationId, email: &str) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM membership_invitations WHERE organization_id = $1 AND email = $2 AND status = 'pending'",
    )
    .bind(org.as_str())
    .bind(email)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// Pending invitations addressed to `email`, newest first.
pub async fn pending_for_email(conn: &mut Conn, email: &str) -> Result<Vec<PendingInvitation>> {
    Ok(sqlx::query_as::<_, PendingInvitation>(
        "SELECT i.id, i.organization_id, o.name_fa, o.name_en, i.role, u.display_name AS invited_by_name, i.created_at
         FROM membership_invitations i
         JOIN organizations o ON o.id = i.organization_id
         JOIN users u ON u.id = i.invited_by
         WHERE i.email = $1 AND i.status = 'pending'
         ORDER BY i.created_at DESC, i.id DESC",
    )
    .bind(email)
    .fetch_all(&mut *conn)
    .await?)
}

/// Moves a pending invitation to `status`; false if it was no longer pending.
pub async fn decide_invitation(conn: &mut Conn, id: &str, status: &str, now: Millis) -> Result<bool> {
    let r = sqlx::query(
        "UPDATE membership_invitations SET status = $1, decided_at = $2 WHERE id = $3 AND status = 'pending'",
    )
    .bind(status)
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Every organization id, for a full reindex.
pub async fn all_ids(conn: &mut Conn) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar("SELECT id FROM organizations ORDER BY id").fetch_all(&mut *conn).await?)
}
