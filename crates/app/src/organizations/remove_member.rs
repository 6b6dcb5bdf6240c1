//! Owners and admins of an organization (and platform admins) remove a member; the member's sessions end
//! at once and the removal is audited.

use halqe_db::{organizations, sessions};
use halqe_domain::ids::{OrganizationId, UserId};
use halqe_domain::permissions::Actor;
use halqe_domain::registry::MemberRole;

use super::refusal;
use crate::{App, Error, FormErrors, Result, audit};

/// Removes `member` from organization `id`; only an owner removes an owner, and the last owner stays.
pub async fn remove_member(app: &App, actor: &Actor, id: &OrganizationId, member: &UserId) -> Result<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let org = organizations::by_id(&mut tx, id).await?.ok_or(Error::NotFound)?;
    let my_role = organizations::role_of(&mut tx, id, &actor.user_id).await?;
    let platform_admin = actor.admin().is_ok();
    if !platform_admin && !my_role.is_some_and(MemberRole::manages) {
        return Err(refusal(actor, &org, my_role));
    }
    let role = organizations::role_of(&mut tx, id, member).await?.ok_or(Error::NotFound)?;
    if role == MemberRole::Owner {
        if !platform_admin && my_role != Some(MemberRole::Owner) {
            return Err(FormErrors::single("member", "remove_owner"));
        }
        if organizations::count_with_role(&mut tx, id, MemberRole::Owner).await? <= 1 {
            return Err(FormErrors::single("member", "last_owner"));
        }
    }
    organizations::remove_member(&mut tx, id, member, now).await?;
    sessions::delete_for_user(&mut tx, member).await?;
    let details = serde_json::json!({ "user": member.as_str(), "role": role.code() });
    audit::record(
        &mut tx,
        Some(&actor.user_id),
        "organization.remove_member",
        ("organization", id.as_str()),
        details,
        now,
    )
    .await?;
    halqe_db::commit(tx).await?;
    Ok(())
}
