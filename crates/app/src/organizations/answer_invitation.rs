//! The invitee accepts or declines an invitation to join an organization.

use halqe_db::{organizations, users};
use halqe_domain::ids::{MembershipInvitationId, OrganizationId};
use halqe_domain::permissions::Actor;
use halqe_domain::registry::MemberRole;

use crate::{App, Error, Result, audit};

/// The invitee's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accept,
    Decline,
}

impl Answer {
    /// The invitation's status afterwards.
    fn status(self) -> &'static str {
        match self {
            Self::Accept => "accepted",
            Self::Decline => "declined",
        }
    }
}

/// Answers invitation `id`; only the holder of the invited, verified address may, and only once.
pub async fn answer(app: &App, actor: &Actor, id: &MembershipInvitationId, answer: Answer) -> Result<OrganizationId> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let inv = organizations::invitation_by_id(&mut tx, id.as_str()).await?.ok_or(Error::NotFound)?;
    let user = users::by_id(&mut tx, &actor.user_id).await?.ok_or(Error::NotFound)?;
    // An unverified address proves nothing: anyone may register with someone else's email.
    if user.email.as_str() != inv.email || user.email_verified_at.is_none() {
        return Err(Error::Forbidden);
    }
    if !organizations::decide_invitation(&mut tx, &inv.id, answer.status(), now).await? {
        return Err(Error::LinkExpired);
    }
    let org = OrganizationId::from_db(inv.organization_id.clone());
    let invited = MemberRole::parse(&inv.role).unwrap_or(MemberRole::Member);
    if answer == Answer::Accept {
        // Joining never lowers a role the user already holds.
        let current = organizations::role_of(&mut tx, &org, &user.id).await?;
        let role = current.map_or(invited, |c| c.min(invited));
        organizations::add_member(&mut tx, &org, &user.id, role, now).await?;
    }
    let action = match answer {
        Answer::Accept => "membership.accept",
        Answer::Decline => "membership.decline",
    };
    let details = serde_json::json!({ "organization": org.as_str(), "role": invited.code() });
    audit::record(&mut tx, Some(&user.id), action, ("membership_invitation", &inv.id), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(org)
}
