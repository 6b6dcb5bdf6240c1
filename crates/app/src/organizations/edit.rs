//! Owners, admins and center staff edit an organization's profile.

use halqe_db::organizations::{self, OrganizationRow};
use halqe_domain::identity::Identifier;
use halqe_domain::ids::OrganizationId;
use halqe_domain::locale::Locale;
use halqe_domain::permissions::Actor;

use super::form::OrganizationForm;
use super::{OrganizationView, editable};
use crate::fields::Taxonomy;
use crate::identity_conflicts::{self, Answer};
use crate::{App, Error, Result, audit};

/// The organization and its form, prefilled, for someone who may edit it.
pub async fn edit_form(
    app: &App,
    actor: &Actor,
    id: &OrganizationId,
    locale: Locale,
) -> Result<(OrganizationView, OrganizationForm)> {
    let mut conn = app.db.conn().await?;
    let e = editable(&mut conn, actor, id).await?;
    let taxonomy = Taxonomy::load(&mut conn).await?;
    let view = OrganizationView::build(Some(actor), e.org, e.role, &taxonomy).ok_or(Error::NotFound)?;
    let mut form = OrganizationForm::from_view(&view, locale);
    if let Some(number) = identity_conflicts::pending(&mut conn, id.as_str(), Identifier::RegistrationNumber).await? {
        // Shown as theirs while staff review it, exactly as a number no one else holds.
        form.registration_number = number;
    }
    Ok((view, form))
}

/// Validates `f` and saves it over the organization; on any error nothing is written.
pub async fn save(app: &App, actor: &Actor, id: &OrganizationId, f: &OrganizationForm) -> Result<Answer> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let old = editable(&mut tx, actor, id).await?.org;
    let (mut new, held, answer) = f.validate(&mut tx, &old).await?;
    new.updated_at = now;
    organizations::update(&mut tx, &new).await?;
    if let Some(held) = &held {
        identity_conflicts::open(&mut tx, held, id.as_str(), &actor.user_id, now).await?;
    }
    let details = serde_json::json!({ "changed": changed(&old, &new) });
    audit::record(&mut tx, Some(&actor.user_id), "organization.update", ("organization", id.as_str()), details, now)
        .await?;
    halqe_db::commit(tx).await?;
    Ok(answer)
}

/// Names of the columns whose value differs.
fn changed(old: &OrganizationRow, new: &OrganizationRow) -> Vec<&'static str> {
    let columns: [(&'static str, bool); 16] = [
        ("name_fa", old.name_fa != new.name_fa),
        ("name_en", old.name_en != new.name_en),
        ("kind", old.kind != new.kind),
        ("registration_number", old.registration_number != new.registration_number),
        ("certificate_number", old.certificate_number != new.certificate_number),
        ("certificate_expires_at", old.certificate_expires_at != new.certificate_expires_at),
        ("province", old.province != new.province),
        ("city", old.city != new.city),
        ("institution", old.institution != new.institution),
        ("website", old.website != new.website),
        ("description_fa", old.description_fa != new.description_fa),
        ("description_en", old.description_en != new.description_en),
        ("capabilities", old.capabilities != new.capabilities),
        ("products", old.products != new.products),
        ("primary_field", old.primary_field != new.primary_field),
        ("visibility", old.visibility != new.visibility),
    ];
    columns.into_iter().filter(|c| c.1).map(|c| c.0).collect()
}
