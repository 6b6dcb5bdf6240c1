//! Kept values: what an import could not map to the taxonomy or a closed list, kept as the record's own text
//! (shown on the profile, indexed, matched), listed for staff, who map each value once (`map`).

pub mod map;

use halqe_db::kept_values::{self as db, KeptValue};
use halqe_domain::kept_value::KeptColumn;
use halqe_domain::permissions::StaffCap;
use halqe_domain::registry::Sight;

use crate::fields::Taxonomy;
use crate::{App, Result};

/// Values (and unknown columns) the staff page lists at most.
const PAGE: i64 = 200;
/// Records shown beside each value.
const EXAMPLES: i64 = 3;

/// A kept value as a profile shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptView {
    /// The closed-list column it was kept from (not yet mapped), or `None` for a column the importer does not know.
    pub column: Option<KeptColumn>,
    /// The file's header of an unknown column.
    pub header: String,
    pub value: String,
}

/// The kept values a viewer with `sight` sees: those of closed-list columns with the profile, unknown columns
/// only with the full profile (the person and staff), since what they hold is not known.
pub fn visible(kept: Vec<KeptValue>, sight: Sight) -> Vec<KeptView> {
    kept.into_iter()
        .map(|k| KeptView { column: k.column(), header: k.header, value: k.value })
        .filter(|k| k.column.is_some() || sight >= Sight::Full)
        .collect()
}

/// A record carrying a value, linked from the staff page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carrier {
    pub name: String,
    pub href: String,
}

/// An unmapped value with how many records carry it and the first few of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmappedView {
    pub column: KeptColumn,
    pub value_key: String,
    pub value: String,
    pub people: i64,
    pub organizations: i64,
    pub examples: Vec<Carrier>,
}

/// What the staff page shows: the values waiting for a mapping, and the unknown columns kept as text.
#[derive(Debug, Clone)]
pub struct Overview {
    pub unmapped: Vec<UnmappedView>,
    pub unknown_columns: Vec<db::UnknownColumn>,
    /// For the field choices.
    pub taxonomy: Taxonomy,
}

/// The staff page's content.
pub async fn overview(app: &App, _cap: &StaffCap) -> Result<Overview> {
    let mut conn = app.db.conn().await?;
    let mut unmapped = Vec::new();
    for u in db::unmapped(&mut conn, PAGE).await? {
        let Ok(column) = KeptColumn::parse(&u.column_code) else { continue };
        let examples = db::examples(&mut conn, &u.column_code, &u.value_key, EXAMPLES)
            .await?
            .into_iter()
            .filter_map(|e| {
                let href = match (&e.person_id, &e.organization_id) {
                    (Some(p), _) => format!("/people/{p}"),
                    (None, Some(o)) => format!("/organizations/{o}"),
                    (None, None) => return None,
                };
                Some(Carrier { name: e.name, href })
            })
            .collect();
        unmapped.push(UnmappedView {
            column,
            value_key: u.value_key,
            value: u.value,
            people: u.people,
            organizations: u.organizations,
            examples,
        });
    }
    let unknown_columns = db::unknown_columns(&mut conn, PAGE).await?;
    let taxonomy = Taxonomy::load(&mut conn).await?;
    Ok(Overview { unmapped, unknown_columns, taxonomy })
}
