//! Person profiles: the owner's overview and edits, the directory, and what each viewer sees of a person.

pub mod edit;
pub mod list;
pub mod mine;
pub mod past_projects;
pub mod publications;
pub mod show;
pub mod view;

use halqe_db::Conn;
use halqe_db::people::{self, PersonRow};
use halqe_domain::permissions::Actor;

pub use view::{PastProjectView, PersonView, PublicationView};

use crate::{Error, Result};

/// Longest single-line texts (names, venues, titles) and paragraphs (bios, abstracts).
pub(crate) const SHORT: usize = 300;
pub(crate) const LONG: usize = 4000;

/// The stored text of an optional parsed value: `None` when blank (or refused).
pub(crate) fn stored<T>(parsed: Option<Option<T>>, as_str: impl Fn(&T) -> &str) -> Option<String> {
    parsed.flatten().as_ref().map(|v| as_str(v).to_owned())
}

/// The actor's own profile, for changes to what it holds; `NotFound` if they never saved one.
pub(crate) async fn own_row(conn: &mut Conn, actor: &Actor) -> Result<PersonRow> {
    people::by_user(conn, &actor.user_id).await?.ok_or(Error::NotFound)
}
