//! Confirming an email address from the emailed link.

use halqe_db::{tokens, users};

use crate::secret::hash;
use crate::{App, Error, Result};

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
