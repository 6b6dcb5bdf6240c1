//! The introductions a user is party to: an officer's agency's, a candidate's own, all of them for staff.

use halqe_db::introductions::{self, IntroductionListed, Scope};
use halqe_domain::permissions::Actor;
use halqe_domain::user::Role;

use super::IntroductionItem;
use crate::{App, Result};

/// Most introductions one listing shows.
pub const LIMIT: i64 = 200;

/// The introductions `actor` is party to, newest first.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<IntroductionItem>> {
    Ok(party_to(app, actor).await?.into_iter().map(IntroductionItem::from).collect())
}

/// The introductions `actor` is party to, as stored, newest first.
pub(crate) async fn party_to(app: &App, actor: &Actor) -> Result<Vec<IntroductionListed>> {
    let scope = if actor.staff().is_ok() {
        Scope::All
    } else {
        let agency = actor.agency_id.as_ref().filter(|_| actor.has(Role::Officer));
        Scope::PartyTo { user: &actor.user_id, agency }
    };
    let mut conn = app.db.conn().await?;
    Ok(introductions::list(&mut conn, scope, LIMIT).await?)
}
