//! Staff map a kept value to an entry once: every record carrying it takes the entry now (and reaches the
//! search feed), later imports apply the mapping as they read; audited, in one transaction.

use halqe_db::kept_values::{self as db, ValueMapping};
use halqe_domain::kept_value::KeptColumn;
use halqe_domain::permissions::StaffCap;
use halqe_domain::province::Province;
use halqe_domain::registry::{Degree, OrgKind};

use crate::fields::Taxonomy;
use crate::{App, Error, FormErrors, Result, audit};

/// Longest value key looked up; longer ones name no kept value (cells are at most a few hundred characters).
const MAX_KEY: usize = 1000;

/// What the mapping form sends.
#[derive(Debug, Clone, Default)]
pub struct MapForm {
    /// A [`KeptColumn`] code.
    pub column: String,
    /// The folded value, as the staff page gave it.
    pub value_key: String,
    /// A field id, or a province, degree or organization-kind code.
    pub target: String,
}

/// Maps the value and returns how many records carried it; `NotFound` when no record carries it (any more).
pub async fn map(app: &App, cap: &StaffCap, form: &MapForm) -> Result<i64> {
    let column = KeptColumn::parse(&form.column).map_err(|_| Error::NotFound)?;
    if form.value_key.is_empty() || form.value_key.chars().count() > MAX_KEY {
        return Err(Error::NotFound);
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let taxonomy = Taxonomy::load(&mut tx).await?;
    let Some(target) = target(column, form.target.trim(), &taxonomy) else {
        return Err(FormErrors::single("target", "choice"));
    };
    let value = db::spelling(&mut tx, column, &form.value_key).await?.ok_or(Error::NotFound)?;
    let mapping =
        ValueMapping { column_code: column.code().to_owned(), value_key: form.value_key.clone(), value, target };
    let carried = db::map(&mut tx, column, &mapping, cap.by(), now).await?;
    let details = serde_json::json!({
        "column": column.code(),
        "value": mapping.value,
        "target": mapping.target,
        "records": carried,
    });
    let subject = format!("{}/{}", column.code(), mapping.value_key);
    audit::record(&mut tx, Some(cap.by()), "kept_value.map", ("value_mapping", &subject), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(carried)
}

/// The entry `target` names in `column`'s list, as stored, or `None` when it names none.
fn target(column: KeptColumn, target: &str, taxonomy: &Taxonomy) -> Option<String> {
    match column {
        KeptColumn::Field => taxonomy.get(target).map(|f| f.id.clone()),
        KeptColumn::Province => Province::parse(target).ok().map(|p| p.code().to_owned()),
        KeptColumn::Degree => Degree::parse(target).ok().map(|d| d.code().to_owned()),
        KeptColumn::Kind => OrgKind::parse(target).ok().map(|k| k.code().to_owned()),
    }
}
