//! Past projects (government ones flagged) on a person's profile; organizations reuse the same rules.

use halqe_db::Conn;
use halqe_db::past_projects::{self, Owner, PastProject};
use halqe_domain::calendar;
use halqe_domain::clock::Millis;
use halqe_domain::ids::{PastProjectId, UserId};
use halqe_domain::permissions::Actor;
use halqe_domain::profile::{Year, line, optional, paragraph, required_line};

use super::mine::own_or_new_row;
use super::{LONG, SHORT, own_row};
use crate::{App, Error, FormErrors, Result, audit};

/// What the past-project form sends; `government` is the checkbox. Errors name the fields `past_project_title`,
/// `past_project_year`, `past_project_description` and `agency_name`, so the form can sit beside the publication form.
#[derive(Debug, Clone, Default)]
pub struct PastProjectForm {
    pub title: String,
    pub description: String,
    pub year: String,
    pub government: bool,
    pub agency_name: String,
}

/// Adds a past project to the actor's profile.
pub async fn add(app: &App, actor: &Actor, f: &PastProjectForm) -> Result<()> {
    let now = app.now();
    let row = validate(f, now)?;
    let mut tx = app.db.begin().await?;
    let person = own_or_new_row(&mut tx, actor, now).await?;
    insert(&mut tx, &actor.user_id, Owner::Person(&person.id), row, now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Deletes one of the actor's past projects; another person's is `NotFound`.
pub async fn delete(app: &App, actor: &Actor, id: &PastProjectId) -> Result<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let person = own_row(&mut tx, actor).await?;
    remove(&mut tx, &actor.user_id, Owner::Person(&person.id), id, now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Checks a past-project form; the row has no owner yet.
pub(crate) fn validate(f: &PastProjectForm, now: Millis) -> Result<PastProject> {
    let latest = i64::from(calendar::tehran(now).year) + 1;
    let mut e = FormErrors::default();
    let agency_name = e.check("agency_name", line(&f.agency_name, SHORT)).unwrap_or_default();
    if f.government && agency_name.is_empty() && e.get("agency_name").is_none() {
        e.add("agency_name", "required");
    }
    let row = PastProject {
        id: PastProjectId::new().as_str().to_owned(),
        person_id: None,
        organization_id: None,
        title: e.check("past_project_title", required_line(&f.title, SHORT)).unwrap_or_default(),
        description: e.check("past_project_description", paragraph(&f.description, LONG)).unwrap_or_default(),
        year: e
            .check("past_project_year", optional(&f.year, |s| Year::parse(s, latest)))
            .flatten()
            .map(Year::gregorian),
        government: i64::from(f.government),
        agency_name: if f.government { agency_name } else { String::new() },
        created_at: now,
    };
    e.finish()?;
    Ok(row)
}

/// Stores a validated past project for `owner` with its audit record, inside the caller's transaction.
pub(crate) async fn insert(
    conn: &mut Conn,
    by: &UserId,
    owner: Owner<'_>,
    mut row: PastProject,
    now: Millis,
) -> Result<()> {
    let subject = match owner {
        Owner::Person(id) => {
            row.person_id = Some(id.to_owned());
            ("person", id)
        }
        Owner::Organization(id) => {
            row.organization_id = Some(id.to_owned());
            ("organization", id)
        }
    };
    past_projects::add(conn, &row).await?;
    let details = serde_json::json!({ subject.0: subject.1, "government": row.government == 1 });
    audit::record(conn, Some(by), "past_project.add", ("past_project", &row.id), details, now).await
}

/// Deletes a past project of `owner` with its audit record; `NotFound` if it is not theirs.
pub(crate) async fn remove(
    conn: &mut Conn,
    by: &UserId,
    owner: Owner<'_>,
    id: &PastProjectId,
    now: Millis,
) -> Result<()> {
    if !past_projects::delete(conn, owner, id.as_str()).await? {
        return Err(Error::NotFound);
    }
    let details = match owner {
        Owner::Person(p) => serde_json::json!({ "person": p }),
        Owner::Organization(o) => serde_json::json!({ "organization": o }),
    };
    audit::record(conn, Some(by), "past_project.delete", ("past_project", id.as_str()), details, now).await
}
