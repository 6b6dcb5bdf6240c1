//! One person's profile page, as the viewer may see it (hidden profiles do not exist for them).

use halqe_db::Conn;
use halqe_db::kept_values::{self, Side};
use halqe_db::past_projects::{self, Owner};
use halqe_db::people::{self, PersonRow};
use halqe_db::verification::Subject;
use halqe_domain::ids::PersonId;
use halqe_domain::permissions::Actor;

use super::{PastProjectView, PersonView, PublicationView};
use crate::fields::{Field, Taxonomy};
use crate::kept_values::{KeptView, visible};
use crate::verification::badges::{Badge, badges};
use crate::{App, Error, Result};

/// Everything a profile page shows.
#[derive(Debug, Clone)]
pub struct PersonPage {
    pub person: PersonView,
    pub secondary_fields: Vec<Field>,
    pub publications: Vec<PublicationView>,
    pub past_projects: Vec<PastProjectView>,
    /// Claims staff have verified.
    pub badges: Vec<Badge>,
    /// Cells an import kept as the person's own text.
    pub kept: Vec<KeptView>,
}

/// The profile of `id` for `viewer`; `NotFound` when it is hidden from them, exactly as when it does not exist.
pub async fn show(app: &App, viewer: Option<&Actor>, id: &PersonId) -> Result<PersonPage> {
    let mut conn = app.db.conn().await?;
    let row = people::by_id(&mut conn, id).await?.ok_or(Error::NotFound)?;
    let taxonomy = Taxonomy::load(&mut conn).await?;
    page(&mut conn, viewer, row, &taxonomy).await?.ok_or(Error::NotFound)
}

/// Builds the page of `row` for `viewer`, or `None` when it is hidden from them.
pub(crate) async fn page(
    conn: &mut Conn,
    viewer: Option<&Actor>,
    row: PersonRow,
    taxonomy: &Taxonomy,
) -> Result<Option<PersonPage>> {
    let Some(person) = PersonView::build(viewer, row, taxonomy) else {
        return Ok(None);
    };
    let secondary_fields =
        people::fields_of(conn, &person.id).await?.iter().filter_map(|f| taxonomy.get(f)).cloned().collect();
    let publications = people::publications_of(conn, &person.id).await?.into_iter().map(Into::into).collect();
    let past_projects =
        past_projects::of(conn, Owner::Person(person.id.as_str())).await?.into_iter().map(Into::into).collect();
    let badges = badges(conn, Subject::Person(&person.id)).await?;
    let kept = visible(kept_values::of(conn, Side::People, person.id.as_str()).await?, person.sight);
    Ok(Some(PersonPage { person, secondary_fields, publications, past_projects, badges, kept }))
}
