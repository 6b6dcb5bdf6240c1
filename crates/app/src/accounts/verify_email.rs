//! Confirming an email address from the emailed link, and mailing the link again (rate-limited).

use halqe_db::{tokens, users};
use halqe_domain::ids::UserId;

use super::register::send_verification;
use crate::secret::hash;
use crate::{App, DAY_MS, Error, MINUTE_MS, Result, RetryAfter};

/// An account gets at most one verification mail within this span…
pub const RESEND_GAP_MS: i64 = MINUTE_MS;
/// …and at most this many within a day (the registration's mail included).
pub const MAX_MAILS_PER_DAY: i64 = 5;

/// Marks the account behind a verification token as verified; the token works once.
pub async fn verify_email(app: &App, token: &str) -> Result<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let user =
        tokens::redeem(&mut tx, &hash(token), tokens::Purpose::VerifyEmail, now).await?.ok_or(Error::LinkExpired)?;
    users::mark_email_verified(&mut tx, &user, now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Mails a fresh verification link to an unverified account, refusing with [`Error::Throttled`] beyond
/// [`RESEND_GAP_MS`] and [`MAX_MAILS_PER_DAY`]; the limits count the links already issued, in the database,
/// so they hold across nodes. A verified account gets nothing.
pub async fn resend(app: &App, user: &UserId) -> Result<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    // Taking the account's row first serializes concurrent resends, so two cannot both pass the count.
    users::lock(&mut tx, user).await?;
    let account = users::by_id(&mut tx, user).await?.ok_or(Error::NotFound)?;
    if account.email_verified_at.is_some() {
        return Ok(());
    }
    let purpose = tokens::Purpose::VerifyEmail;
    let recent = tokens::issued_since(&mut tx, user, purpose, now - RESEND_GAP_MS).await?;
    let today = tokens::issued_since(&mut tx, user, purpose, now - DAY_MS).await?;
    if recent > 0 || today >= MAX_MAILS_PER_DAY {
        // At most this long: the newest link's gap, or a day for the daily count.
        let wait = if today >= MAX_MAILS_PER_DAY { DAY_MS } else { RESEND_GAP_MS };
        return Err(Error::Throttled(RetryAfter::until(now + wait, now)));
    }
    send_verification(app, &mut tx, user, &account.email, &account.display_name, account.locale).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}
