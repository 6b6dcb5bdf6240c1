//! A signed-in user registers an organization and becomes its owner.

use halqe_db::organizations::{self, OrganizationRow};
use halqe_domain::ids::OrganizationId;
use halqe_domain::permissions::Actor;
use halqe_domain::registry::MemberRole;

use super::form::OrganizationForm;
use crate::identity_conflicts::{self, Answer};
use crate::{App, Result, audit};

/// Creates an organization from the form; the creator is its first owner.
pub async fn create(app: &App, actor: &Actor, f: &OrganizationForm) -> Result<(OrganizationId, Answer)> {
    let now = app.now();
    let id = OrganizationId::new();
    let mut tx = app.db.begin().await?;
    let blank = OrganizationRow {
        id: id.as_str().to_owned(),
        source: "self".into(),
        created_by: Some(actor.user_id.as_str().to_owned()),
        created_at: now,
        updated_at: now,
        ..OrganizationRow::default()
    };
    let (row, held, answer) = f.validate(&mut tx, &blank).await?;
    organizations::insert(&mut tx, &row).await?;
    organizations::add_member(&mut tx, &id, &actor.user_id, MemberRole::Owner, now).await?;
    if let Some(held) = &held {
        identity_conflicts::open(&mut tx, held, id.as_str(), &actor.user_id, now).await?;
    }
    let details = serde_json::json!({ "kind": row.kind, "visibility": row.visibility });
    audit::record(&mut tx, Some(&actor.user_id), "organization.create", ("organization", id.as_str()), details, now)
        .await?;
    halqe_db::commit(tx).await?;
    Ok((id, answer))
}
