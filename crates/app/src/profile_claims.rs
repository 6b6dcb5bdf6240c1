//! An imported person claims their profile from the mailed link: with a new account, or with the
//! signed-in account of the same email.

use halqe_db::{people, profile_claims, users};
use halqe_domain::ids::{PersonId, UserId};
use halqe_domain::locale::Locale;
use halqe_domain::permissions::Actor;
use halqe_domain::user::{Email, Role};

use crate::accounts::from_link;
use crate::secret::{Token, hash};
use crate::{App, DAY_MS, Error, Result, accounts, audit};

/// How long a claim link stays valid.
pub const CLAIM_TTL_MS: i64 = 90 * DAY_MS;

/// An open claim link and the profile behind it.
#[derive(Debug, Clone)]
pub struct Pending {
    pub email: Email,
    /// The person's name as imported, offered as the account's display name.
    pub name: String,
    pub institution: String,
    /// Whether an account with the invited email already exists (then the person signs in first).
    pub account_exists: bool,
}

/// The open claim behind a link.
pub async fn pending(app: &App, token: &str) -> Result<Pending> {
    let mut conn = app.db.conn().await?;
    let claim = profile_claims::open_by_token(&mut conn, &hash(token), app.now()).await?.ok_or(Error::LinkExpired)?;
    let person = people::by_id(&mut conn, &PersonId::from_db(claim.person_id)).await?.ok_or(Error::LinkExpired)?;
    let email = Email::from_db(claim.email);
    let account_exists = users::by_email(&mut conn, &email).await?.is_some();
    let name = format!("{} {}", person.first_name, person.last_name);
    Ok(Pending { email, name, institution: person.institution, account_exists })
}

/// How the person claims.
#[derive(Debug)]
pub enum Claiming<'a> {
    /// No account yet: create one with this name and password.
    NewAccount { display_name: &'a str, password: &'a str, locale: Locale },
    /// Signed in already as the invited address.
    SignedIn(&'a Actor),
}

/// Links the profile to an account; returns the account and, for a new one, its session token.
pub async fn claim(app: &App, token: &str, how: Claiming<'_>) -> Result<(UserId, Option<Token>)> {
    // Hash a new password only for a live link, and before the transaction, so no lock is held while Argon2 runs.
    let new_account = match &how {
        Claiming::NewAccount { display_name, password, locale } => {
            if pending(app, token).await?.account_exists {
                return Err(Error::Forbidden);
            }
            Some(from_link::prepare(app, display_name, password, *locale).await?)
        }
        Claiming::SignedIn(_) => None,
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let claim = profile_claims::open_by_token(&mut tx, &hash(token), now).await?.ok_or(Error::LinkExpired)?;
    let person_id = PersonId::from_db(claim.person_id.clone());
    let person = people::by_id(&mut tx, &person_id).await?.ok_or(Error::LinkExpired)?;
    if person.user_id.is_some() {
        return Err(Error::LinkExpired);
    }
    let email = Email::from_db(claim.email);
    let existing = users::by_email(&mut tx, &email).await?;
    let (user_id, session) = match (how, existing, new_account) {
        (Claiming::SignedIn(actor), Some(user), _) if user.id == actor.user_id => (user.id, None),
        (Claiming::NewAccount { .. }, None, Some(account)) => {
            let id = from_link::insert(&mut tx, &email, &account, now).await?;
            let session = accounts::session::start(app, &mut tx, &id).await?;
            (id, Some(session))
        }
        _ => return Err(Error::Forbidden),
    };
    if people::by_user(&mut tx, &user_id).await?.is_some() {
        return Err(Error::Forbidden);
    }
    users::add_role(&mut tx, &user_id, Role::Innovator).await?;
    people::set_user(&mut tx, &person_id, &user_id, now).await?;
    if !profile_claims::redeem(&mut tx, &claim.person_id, &user_id, now).await? {
        return Err(Error::LinkExpired);
    }
    let details = serde_json::json!({ "person": person_id.as_str() });
    audit::record(&mut tx, Some(&user_id), "profile.claim", ("person", person_id.as_str()), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok((user_id, session))
}
