//! Password reset by emailed link: request, check, complete.

use halqe_db::{sessions, tokens, users};
use halqe_domain::user::{Email, NewPassword};

use crate::rate_limits::{self, RESET_ADDRESS, RESET_EMAIL};
use crate::secret::{Token, hash};
use crate::{App, Error, FormErrors, HOUR_MS, Result, audit, mail, password};

/// How long a reset link stays valid.
pub const RESET_TTL_MS: i64 = HOUR_MS;

/// Mails a reset link if the address has an account; says nothing either way. Limited per client address
/// and per email, so nobody can flood a mailbox.
pub async fn request(app: &App, email: &str, client_ip: &str) -> Result<()> {
    rate_limits::take(app, &RESET_ADDRESS, client_ip).await?;
    let Ok(email) = Email::parse(email) else {
        return Err(FormErrors::single("email", "email"));
    };
    rate_limits::take(app, &RESET_EMAIL, email.as_str()).await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if let Some(user) = users::by_email(&mut tx, &email).await? {
        let token = Token::generate();
        tokens::insert(&mut tx, &token.hash, &user.id, tokens::Purpose::ResetPassword, now, now + RESET_TTL_MS).await?;
        let link = app.link(&format!("/password/reset?token={}", token.plain));
        mail::queue(
            &mut tx,
            email.as_str(),
            user.locale,
            "reset",
            &[("name", &user.display_name), ("link", &link)],
            now,
        )
        .await?;
    } else {
        tracing::info!("password reset requested for an unknown address");
    }
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Whether a reset link can still be used (to show the form or an "expired" page).
pub async fn is_live(app: &App, token: &str) -> Result<bool> {
    let mut conn = app.db.conn().await?;
    Ok(tokens::is_live(&mut conn, &hash(token), tokens::Purpose::ResetPassword, app.now()).await?)
}

/// Sets a new password, ends every session of the account and confirms its email.
///
/// The link is checked before the new password is hashed, so a made-up token costs a lookup, not an Argon2 run.
pub async fn complete(app: &App, token: &str, new_password: &str) -> Result<()> {
    if !is_live(app, token).await? {
        return Err(Error::LinkExpired);
    }
    let mut errors = FormErrors::default();
    let password = errors.check("password", NewPassword::parse(new_password));
    errors.finish()?;
    let Some(password) = password else {
        return Ok(());
    };
    let phc = password::hash(app, password.expose().to_owned()).await?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let user =
        tokens::redeem(&mut tx, &hash(token), tokens::Purpose::ResetPassword, now).await?.ok_or(Error::LinkExpired)?;
    users::set_password_hash(&mut tx, &user, &phc, now).await?;
    users::mark_email_verified(&mut tx, &user, now).await?;
    sessions::delete_for_user(&mut tx, &user).await?;
    audit::record(&mut tx, Some(&user), "user.password_reset", ("user", user.as_str()), serde_json::json!({}), now)
        .await?;
    halqe_db::commit(tx).await?;
    Ok(())
}
