//! The owner adds and deletes the publications on their profile.

use halqe_db::people::{self, Publication};
use halqe_domain::calendar;
use halqe_domain::ids::{PersonId, PublicationId};
use halqe_domain::permissions::Actor;
use halqe_domain::profile::{Doi, Year, line, optional, paragraph, required_line};

use super::mine::own_or_new_row;
use super::{LONG, SHORT, own_row, stored};
use crate::{App, Error, FormErrors, Result, audit};

/// What the publication form sends.
#[derive(Debug, Clone, Default)]
pub struct PublicationForm {
    pub title: String,
    pub venue: String,
    pub year: String,
    pub abstract_text: String,
    pub doi: String,
}

/// Adds a publication to the actor's profile.
pub async fn add(app: &App, actor: &Actor, f: &PublicationForm) -> Result<()> {
    let now = app.now();
    // In press: next year's issue is fine.
    let latest = i64::from(calendar::tehran(now).year) + 1;
    let mut e = FormErrors::default();
    let mut row = Publication {
        id: PublicationId::new().as_str().to_owned(),
        person_id: String::new(),
        title: e.check("title", required_line(&f.title, SHORT)).unwrap_or_default(),
        venue: e.check("venue", line(&f.venue, SHORT)).unwrap_or_default(),
        year: e.check("year", optional(&f.year, |s| Year::parse(s, latest))).flatten().map(Year::gregorian),
        r#abstract: e.check("abstract", paragraph(&f.abstract_text, LONG)).unwrap_or_default(),
        doi: stored(e.check("doi", optional(&f.doi, Doi::parse)), Doi::as_str).unwrap_or_default(),
        created_at: now,
    };
    e.finish()?;
    let mut tx = app.db.begin().await?;
    row.person_id = own_or_new_row(&mut tx, actor, now).await?.id;
    people::add_publication(&mut tx, &row).await?;
    let details = serde_json::json!({ "person": row.person_id });
    audit::record(&mut tx, Some(&actor.user_id), "publication.add", ("publication", &row.id), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Deletes one of the actor's publications; another person's is `NotFound`.
pub async fn delete(app: &App, actor: &Actor, id: &PublicationId) -> Result<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let person = own_row(&mut tx, actor).await?;
    let person_id = PersonId::from_db(person.id);
    if !people::delete_publication(&mut tx, &person_id, id.as_str()).await? {
        return Err(Error::NotFound);
    }
    let details = serde_json::json!({ "person": person_id.as_str() });
    audit::record(&mut tx, Some(&actor.user_id), "publication.delete", ("publication", id.as_str()), details, now)
        .await?;
    halqe_db::commit(tx).await?;
    Ok(())
}
