//! Owners and admins invite a person by email to join with a role; the invitee answers on `/organizations`.

use halqe_db::organizations::{self, MembershipInvitation};
use halqe_db::users;
use halqe_domain::ids::{MembershipInvitationId, OrganizationId};
use halqe_domain::locale::Locale;
use halqe_domain::permissions::Actor;
use halqe_domain::registry::MemberRole;
use halqe_domain::user::Email;

use super::manager;
use crate::i18n::{Isolation, t_args};
use crate::rate_limits::{self, INVITE_ACCOUNT, INVITE_ADDRESS};
use crate::{App, FormErrors, Result, audit, mail};

/// Invites `email` to organization `id` with `role`; only an owner may invite another owner. Limited per
/// inviter and per client address.
pub async fn invite_member(
    app: &App,
    actor: &Actor,
    id: &OrganizationId,
    email: &str,
    role: &str,
    client_ip: &str,
) -> Result<()> {
    rate_limits::take_all(app, &[(&INVITE_ACCOUNT, actor.user_id.as_str()), (&INVITE_ADDRESS, client_ip)]).await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (org, my_role) = manager(&mut tx, actor, id).await?;
    let mut e = FormErrors::default();
    let email = e.check("email", Email::parse(email));
    let role = e.check("role", MemberRole::parse(role));
    if role == Some(MemberRole::Owner) && my_role != MemberRole::Owner {
        e.add("role", "owner_only");
    }
    e.finish()?;
    let (Some(email), Some(role)) = (email, role) else {
        return Err(crate::Error::Internal("validated input missing".into()));
    };
    let invitee = users::by_email(&mut tx, &email).await?;
    if let Some(user) = &invitee
        && organizations::role_of(&mut tx, id, &user.id).await?.is_some()
    {
        return Err(FormErrors::single("email", "already_member"));
    }
    if organizations::has_pending_invitation(&mut tx, id, email.as_str()).await? {
        return Err(FormErrors::single("email", "already_invited"));
    }
    let invitation = MembershipInvitation {
        id: MembershipInvitationId::new().as_str().to_owned(),
        organization_id: org.id.clone(),
        email: email.as_str().to_owned(),
        role: role.code().to_owned(),
        invited_by: actor.user_id.as_str().to_owned(),
        status: "pending".into(),
        created_at: now,
        decided_at: None,
    };
    organizations::insert_invitation(&mut tx, &invitation).await?;
    // In the invitee's language if they have an account, else Persian.
    let locale = invitee.map(|u| u.locale).unwrap_or(Locale::Fa);
    let inviter = users::by_id(&mut tx, &actor.user_id).await?.map(|u| u.display_name).unwrap_or_default();
    let role_name = t_args(locale, Isolation::Plain, &format!("member-role-{}", role.code()), &[]);
    let link = app.link("/organizations#invitations");
    let args = [
        ("name", inviter.as_str()),
        ("organization", org.name_fa.as_str()),
        ("role", role_name.as_str()),
        ("link", link.as_str()),
    ];
    mail::queue(&mut tx, email.as_str(), locale, "membership-invitation", &args, now).await?;
    let details = serde_json::json!({ "organization": org.id, "role": role.code() });
    audit::record(
        &mut tx,
        Some(&actor.user_id),
        "membership.invite",
        ("membership_invitation", &invitation.id),
        details,
        now,
    )
    .await?;
    halqe_db::commit(tx).await?;
    Ok(())
}
