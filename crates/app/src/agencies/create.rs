//! Staff register a government agency.

use halqe_db::agencies::{self, NewAgency};
use halqe_domain::agency::AgencyKind;
use halqe_domain::ids::AgencyId;
use halqe_domain::permissions::StaffCap;
use halqe_domain::province::Province;
use halqe_domain::text::normalize_fa;

use crate::{App, Error, FormErrors, Result, audit};

/// What the new-agency form sends.
#[derive(Debug, Clone, Default)]
pub struct AgencyForm {
    pub name_fa: String,
    pub name_en: String,
    pub kind: String,
    pub province: String,
}

const MAX_NAME: usize = 200;

fn name(errors: &mut FormErrors, field: &'static str, raw: &str, required: bool) -> String {
    let v = normalize_fa(raw);
    if required && v.is_empty() {
        errors.add(field, "required");
    } else if v.chars().count() > MAX_NAME {
        errors.add(field, "too_long");
    }
    v
}

/// Creates an agency; a Persian name already in use is refused on its field.
pub async fn create(app: &App, cap: &StaffCap, f: &AgencyForm) -> Result<AgencyId> {
    let mut errors = FormErrors::default();
    let name_fa = name(&mut errors, "name_fa", &f.name_fa, true);
    let name_en = name(&mut errors, "name_en", &f.name_en, false);
    let kind = errors.check("kind", AgencyKind::parse(&f.kind));
    let province = errors.check("province", Province::parse(&f.province));
    errors.finish()?;
    let (Some(kind), Some(province)) = (kind, province) else {
        return Err(Error::Internal("validated input missing".into()));
    };
    let id = AgencyId::new();
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let new = NewAgency { id: &id, name_fa: &name_fa, name_en: &name_en, kind, province };
    agencies::insert(&mut tx, &new, Some(cap.by()), now).await.map_err(|e| match e {
        halqe_db::Error::Conflict => FormErrors::single("name_fa", "agency_name_taken"),
        e => e.into(),
    })?;
    let details = serde_json::json!({ "name_fa": name_fa, "kind": kind.code(), "province": province.code() });
    audit::record(&mut tx, Some(cap.by()), "agency.create", ("agency", id.as_str()), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(id)
}
