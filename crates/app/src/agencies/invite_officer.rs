//! Staff invite an officer of an agency by email.

use halqe_db::{agencies, invitations};
use halqe_domain::ids::{AgencyId, InvitationId};
use halqe_domain::permissions::StaffCap;
use halqe_domain::user::{Email, Role};

use crate::rate_limits::{self, INVITE_ACCOUNT, INVITE_ADDRESS};
use crate::secret::Token;
use crate::{App, DAY_MS, Error, FormErrors, Result, audit, mail};

/// How long an invitation link stays valid.
pub const INVITATION_TTL_MS: i64 = 14 * DAY_MS;

/// Creates an officer invitation for `agency` and mails its link; limited per inviter and per client address.
pub async fn invite_officer(
    app: &App,
    cap: &StaffCap,
    agency: &AgencyId,
    email: &str,
    client_ip: &str,
) -> Result<InvitationId> {
    rate_limits::take_all(app, &[(&INVITE_ACCOUNT, cap.by().as_str()), (&INVITE_ADDRESS, client_ip)]).await?;
    let email = Email::parse(email).map_err(|e| FormErrors::single("email", e.code()))?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let agency = agencies::by_id(&mut tx, agency).await?.ok_or(Error::NotFound)?;
    let id = InvitationId::new();
    let token = Token::generate();
    let new = invitations::NewInvitation {
        id: &id,
        token_hash: &token.hash,
        email: &email,
        role: Role::Officer,
        agency_id: Some(&agency.id),
        invited_by: cap.by(),
        expires_at: now + INVITATION_TTL_MS,
    };
    invitations::insert(&mut tx, &new, now).await?;
    let link = app.link(&format!("/invitations/{}", token.plain));
    // An invitee has no account language yet; Persian first, with the English name alongside.
    let locale = halqe_domain::locale::Locale::Fa;
    let args = [("agency", agency.name_fa.as_str()), ("link", link.as_str())];
    mail::queue(&mut tx, email.as_str(), locale, "invitation-officer", &args, now).await?;
    let details = serde_json::json!({ "agency": agency.id.as_str(), "role": "officer" });
    audit::record(&mut tx, Some(cap.by()), "invitation.create", ("invitation", id.as_str()), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(id)
}
