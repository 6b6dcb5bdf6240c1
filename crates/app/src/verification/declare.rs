//! An innovator declares a claim about themself or an organization they manage, with its evidence files.

use halqe_db::people;
use halqe_db::verification::{self, ClaimRow};
use halqe_domain::ids::{ClaimId, OrganizationId, UserId};
use halqe_domain::permissions::Actor;
use halqe_domain::profile::required_line;
use halqe_domain::verification::{ClaimKind, ClaimStatus};

use super::{access, evidence};
use crate::people::mine::own_or_new_row;
use crate::storage::{Stored, Upload};
use crate::{App, Error, FormErrors, Result, audit};

/// The `subject` value of a claim about the declaring person themself.
pub const SELF: &str = "self";

const MAX_TITLE: usize = 300;

/// What the declare form sends besides the files.
#[derive(Debug, Clone, Default)]
pub struct ClaimForm {
    /// [`SELF`] or the id of an organization the actor manages.
    pub subject: String,
    pub kind: String,
    pub title: String,
}

/// Records a pending claim with its evidence; a person without a profile gets the profile pages' draft first.
pub async fn declare(app: &App, actor: &Actor, form: &ClaimForm, uploads: Vec<Upload>) -> Result<ClaimId> {
    let mut errors = FormErrors::default();
    let kind = errors.check("kind", ClaimKind::parse(&form.kind));
    let title = errors.check("title", required_line(&form.title, MAX_TITLE));
    let organization = match form.subject.trim() {
        "" | SELF => None,
        raw => {
            let mut conn = app.db.conn().await?;
            match OrganizationId::parse(raw) {
                Some(org) if access::manages_organization(&mut conn, &actor.user_id, &org).await? => Some(org),
                _ => {
                    errors.add("subject", "choice");
                    None
                }
            }
        }
    };
    let files = evidence::check_all(app, uploads, &mut errors);
    errors.finish()?;
    let (Some(kind), Some(title)) = (kind, title) else {
        return Err(Error::Internal("validated input missing".into()));
    };
    if organization.is_none() {
        ensure_profile(app, actor).await?;
    }
    let stored = evidence::store_all(app, files).await?;
    let result = write(app, &actor.user_id, organization.as_ref(), kind, &title, &stored).await;
    evidence::or_discard(app, &stored, result).await
}

async fn write(
    app: &App,
    user: &UserId,
    organization: Option<&OrganizationId>,
    kind: ClaimKind,
    title: &str,
    stored: &[Stored],
) -> Result<ClaimId> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let person = match organization {
        Some(_) => None,
        None => Some(people::by_user(&mut tx, user).await?.ok_or(Error::NotFound)?.id),
    };
    let id = ClaimId::new();
    let row = ClaimRow {
        id: id.as_str().to_owned(),
        person_id: person,
        organization_id: organization.map(|o| o.as_str().to_owned()),
        kind,
        title: title.to_owned(),
        status: ClaimStatus::Pending,
        reason: String::new(),
        decided_by: None,
        decided_at: None,
        created_at: now,
    };
    verification::insert(&mut tx, &row).await?;
    let details = serde_json::json!({
        "kind": kind.code(),
        "title": title,
        "person": row.person_id,
        "organization": row.organization_id,
    });
    audit::record(&mut tx, Some(user), "claim.declare", ("claim", id.as_str()), details, now).await?;
    evidence::record(&mut tx, &id, stored, user, now).await?;
    halqe_db::commit(tx).await?;
    Ok(id)
}

/// Makes sure the actor has a person profile, created the way the profile pages create it.
async fn ensure_profile(app: &App, actor: &Actor) -> Result<()> {
    let mut tx = app.db.begin().await?;
    own_or_new_row(&mut tx, actor, app.now()).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}
