//! The directory of people: only the profiles the viewer may see, filtered by province and field, paginated.

use halqe_db::people::{self, Listing};
use halqe_domain::permissions::Actor;
use halqe_domain::province::Province;
use halqe_domain::registry::listable;

use super::PersonView;
use crate::fields::Taxonomy;
use crate::paging::Paging;
use crate::{App, Result};

/// People per directory page.
pub const PER_PAGE: i64 = 20;

/// What the directory is narrowed to; unknown values are ignored rather than refused.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub province: Option<Province>,
    /// A field id of the taxonomy; a top-level field also matches its sub-fields.
    pub field: Option<String>,
    pub page: i64,
}

/// One page of the directory.
#[derive(Debug, Clone)]
pub struct Directory {
    pub people: Vec<PersonView>,
    pub paging: Paging,
    pub taxonomy: Taxonomy,
}

/// The people `viewer` may see (their own profile included), by last name.
pub async fn directory(app: &App, viewer: Option<&Actor>, filter: &Filter) -> Result<Directory> {
    let mut conn = app.db.conn().await?;
    let taxonomy = Taxonomy::load(&mut conn).await?;
    let field = filter.field.as_deref().filter(|f| taxonomy.get(f).is_some());
    let listing = Listing {
        visible: listable(viewer),
        owner: viewer.map(|a| &a.user_id),
        province: filter.province.map(Province::code),
        field,
    };
    let total = people::count_visible(&mut conn, &listing).await?;
    let paging = Paging::new(filter.page, PER_PAGE, total);
    let rows = people::list(&mut conn, &listing, paging.per_page, paging.offset()).await?;
    // The SQL filter and `sight` agree (a domain test keeps them in step); building the view applies
    // `sight` once more, so a row the filter let through by mistake is still never shown.
    let people = rows.into_iter().filter_map(|row| PersonView::build(viewer, row, &taxonomy)).collect();
    Ok(Directory { people, paging, taxonomy })
}
