//! A dead letter for the admins' mail page: an officer invitation to a mistyped ministry address, which the
//! receiving server refused for good. Run by the demo staff member after the rest of the demo data is in.

use halqe_db::outbox;
use halqe_domain::ids::AgencyId;
use halqe_domain::permissions::Actor;
use halqe_domain::user::Role;

use crate::agencies::invite_officer::invite_officer;
use crate::{App, Error, Result};

/// The mistyped address (the ministry's domain is `mporg.ir`).
const TO: &str = "r.ahmadi@mprog.ir";

/// What the worker records when the receiving server refuses the recipient (lettre's wording).
const REFUSED: &str = "permanent error (550): 5.1.1 <r.ahmadi@mprog.ir>: Recipient address rejected: User unknown in virtual mailbox table";

pub async fn load(app: &App) -> Result<()> {
    let staff =
        super::USERS.iter().find(|u| u.roles.contains(&Role::Staff)).ok_or(Error::Internal("demo staff".into()))?;
    let actor = Actor { user_id: super::demo_id(staff.email), roles: staff.roles.to_vec(), agency_id: None };
    let cap = actor.staff().map_err(|_| Error::Internal("demo staff is not staff".into()))?;
    let agency: AgencyId = super::demo_id(super::data::AGENCIES[0].slug);
    invite_officer(app, &cap, &agency, TO, "127.0.0.1").await?;
    let mut conn = app.db.conn().await?;
    for m in outbox::to_address(&mut conn, TO).await? {
        outbox::bury(&mut conn, &m.id, 1, REFUSED, app.now()).await?;
    }
    Ok(())
}
