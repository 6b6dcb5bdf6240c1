//! Registering as an innovator, confirmed by an emailed link.

use halqe_db::{tokens, users};
use halqe_domain::ids::UserId;
use halqe_domain::locale::Locale;
use halqe_domain::user::{DisplayName, Email, NewPassword, Role};

use crate::rate_limits::{self, REGISTER_ADDRESS, REGISTER_EMAIL};
use crate::secret::Token;
use crate::{App, DAY_MS, FormErrors, Result, mail, password};

/// How long an email-verification link stays valid.
pub const VERIFY_TTL_MS: i64 = 2 * DAY_MS;

/// What the registration form sends.
#[derive(Debug, Clone, Default)]
pub struct Registration {
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub locale: Locale,
    /// The client address, for rate limiting.
    pub client_ip: String,
}

/// Creates an innovator account and mails a verification link.
///
/// An email that already has an account gets a notice instead, and the caller sees the same
/// outcome either way, so the form cannot be used to probe who is registered (the password is hashed
/// either way). Rate limits per address and per email come before any of it.
pub async fn register(app: &App, r: &Registration) -> Result<()> {
    rate_limits::take(app, &REGISTER_ADDRESS, &r.client_ip).await?;
    let mut errors = FormErrors::default();
    let name = errors.check("display_name", DisplayName::parse(&r.display_name));
    let email = errors.check("email", Email::parse(&r.email));
    let password = errors.check("password", NewPassword::parse(&r.password));
    errors.finish()?;
    let (Some(name), Some(email), Some(password)) = (name, email, password) else {
        return Ok(());
    };
    rate_limits::take(app, &REGISTER_EMAIL, email.as_str()).await?;
    let hash = password::hash(app, password.expose().to_owned()).await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if users::by_email(&mut tx, &email).await?.is_some() {
        let link = app.link("/password/forgot");
        mail::queue(&mut tx, email.as_str(), r.locale, "already-registered", &[("link", &link)], now).await?;
    } else {
        let id = UserId::new();
        let new = users::NewUser {
            id: &id,
            email: &email,
            display_name: name.as_str(),
            password_hash: &hash,
            locale: r.locale,
            agency_id: None,
            email_verified_at: None,
            roles: &[Role::Innovator],
        };
        users::insert(&mut tx, &new, now).await?;
        send_verification(app, &mut tx, &id, &email, name.as_str(), r.locale).await?;
    }
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Issues a verification token and queues its mail.
pub async fn send_verification(
    app: &App,
    conn: &mut halqe_db::Conn,
    id: &UserId,
    email: &Email,
    name: &str,
    locale: Locale,
) -> Result<()> {
    let now = app.now();
    let token = Token::generate();
    tokens::insert(conn, &token.hash, id, tokens::Purpose::VerifyEmail, now, now + VERIFY_TTL_MS).await?;
    let link = app.link(&format!("/verify-email?token={}", token.plain));
    mail::queue(conn, email.as_str(), locale, "verify", &[("name", name), ("link", &link)], now).await
}
