//! Remembering a signed-in user's interface language.

use halqe_db::users;
use halqe_domain::ids::UserId;
use halqe_domain::locale::Locale;

use crate::{App, Result};

pub async fn set_locale(app: &App, user: &UserId, locale: Locale) -> Result<()> {
    let mut conn = app.db.conn().await?;
    users::set_locale(&mut conn, user, locale, app.now()).await?;
    Ok(())
}
