//! Accepting an invitation: a new account is created, or the signed-in invitee gains the role.

use halqe_db::{agencies, invitations, users};
use halqe_domain::ids::UserId;
use halqe_domain::locale::Locale;
use halqe_domain::permissions::Actor;
use halqe_domain::user::Role;

use super::{Agency, Invitation};
use crate::accounts::from_link;
use crate::secret::{Token, hash};
use crate::{App, Error, Result, accounts, audit};

/// An open invitation and what it leads to.
#[derive(Debug)]
pub struct Pending {
    pub invitation: Invitation,
    pub agency: Option<Agency>,
    /// Whether an account with the invited email already exists.
    pub account_exists: bool,
}

/// The open invitation behind a link.
pub async fn pending(app: &App, token: &str) -> Result<Pending> {
    let mut conn = app.db.conn().await?;
    let invitation = invitations::open_by_token(&mut conn, &hash(token), app.now()).await?.ok_or(Error::LinkExpired)?;
    let agency = match &invitation.agency_id {
        Some(id) => agencies::by_id(&mut conn, id).await?,
        None => None,
    };
    let account_exists = users::by_email(&mut conn, &invitation.email).await?.is_some();
    Ok(Pending { invitation, agency, account_exists })
}

/// How the invitee accepts.
#[derive(Debug)]
pub enum Acceptance<'a> {
    /// No account yet: create one with this name and password.
    NewAccount { display_name: &'a str, password: &'a str, locale: Locale },
    /// Signed in already as the invited address.
    SignedIn(&'a Actor),
}

/// Accepts an invitation; returns the user and, for a new account, its session token.
pub async fn accept(app: &App, token: &str, how: Acceptance<'_>) -> Result<(UserId, Option<Token>)> {
    // Hash a new password only for a live link, and before the transaction, so no lock is held while Argon2 runs.
    let new_account = match &how {
        Acceptance::NewAccount { display_name, password, locale } => {
            if pending(app, token).await?.account_exists {
                return Err(Error::Forbidden);
            }
            Some(from_link::prepare(app, display_name, password, *locale).await?)
        }
        Acceptance::SignedIn(_) => None,
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let inv = invitations::open_by_token(&mut tx, &hash(token), now).await?.ok_or(Error::LinkExpired)?;
    let existing = users::by_email(&mut tx, &inv.email).await?;
    let (user_id, session) = match (how, existing, new_account) {
        (Acceptance::SignedIn(actor), Some(user), _) if user.id == actor.user_id => (user.id, None),
        (Acceptance::NewAccount { .. }, None, Some(account)) => {
            let id = from_link::insert(&mut tx, &inv.email, &account, now).await?;
            let session = accounts::session::start(app, &mut tx, &id).await?;
            (id, Some(session))
        }
        _ => return Err(Error::Forbidden),
    };
    users::add_role(&mut tx, &user_id, inv.role).await?;
    if let (Role::Officer, Some(agency)) = (inv.role, &inv.agency_id) {
        users::set_agency(&mut tx, &user_id, agency, now).await?;
    }
    if !invitations::accept(&mut tx, &inv.id, &user_id, now).await? {
        return Err(Error::LinkExpired);
    }
    let details = serde_json::json!({ "role": inv.role.code(), "agency": inv.agency_id.as_ref().map(|a| a.as_str()) });
    audit::record(&mut tx, Some(&user_id), "invitation.accept", ("invitation", inv.id.as_str()), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok((user_id, session))
}
