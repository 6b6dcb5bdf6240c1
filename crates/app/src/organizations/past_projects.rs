//! Owners, admins and center staff add and delete an organization's past projects.

use halqe_db::past_projects::Owner;
use halqe_domain::ids::{OrganizationId, PastProjectId};
use halqe_domain::permissions::Actor;

use super::editable;
use crate::people::past_projects::{PastProjectForm, insert, remove, validate};
use crate::{App, Result};

/// Adds a past project to the organization.
pub async fn add(app: &App, actor: &Actor, id: &OrganizationId, f: &PastProjectForm) -> Result<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    editable(&mut tx, actor, id).await?;
    let row = validate(f, now)?;
    insert(&mut tx, &actor.user_id, Owner::Organization(id.as_str()), row, now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Deletes one of the organization's past projects.
pub async fn delete(app: &App, actor: &Actor, id: &OrganizationId, past_project: &PastProjectId) -> Result<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    editable(&mut tx, actor, id).await?;
    remove(&mut tx, &actor.user_id, Owner::Organization(id.as_str()), past_project, now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}
