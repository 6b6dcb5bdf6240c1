//! The owner's own profile: created as a private draft on first visit, shown with how complete it is.

use halqe_db::people::{self, PersonRow};
use halqe_db::{Conn, users};
use halqe_domain::ids::PersonId;
use halqe_domain::permissions::Actor;
use halqe_domain::registry::{Completeness, ProfileFacts, Visibility, completeness};

use super::show::{PersonPage, page};
use crate::fields::Taxonomy;
use crate::{App, Error, Result, audit};

/// The owner's profile page and its completeness score.
#[derive(Debug, Clone)]
pub struct MyProfile {
    pub page: PersonPage,
    pub completeness: Completeness,
}

/// The actor's profile, created on first visit as a private draft named after the account.
pub async fn my_profile(app: &App, actor: &Actor) -> Result<MyProfile> {
    let mut tx = app.db.begin().await?;
    let row = match people::by_user(&mut tx, &actor.user_id).await? {
        Some(row) => row,
        None => match create_draft(app, &mut tx, actor).await {
            Ok(row) => row,
            // Another request of the same user created it first: use theirs.
            Err(Error::Db(halqe_db::Error::Conflict)) => {
                drop(tx);
                tx = app.db.begin().await?;
                people::by_user(&mut tx, &actor.user_id).await?.ok_or(Error::NotFound)?
            }
            Err(e) => return Err(e),
        },
    };
    let taxonomy = Taxonomy::load(&mut tx).await?;
    let page = page(&mut tx, Some(actor), row, &taxonomy).await?.ok_or(Error::NotFound)?;
    halqe_db::commit(tx).await?;
    let completeness = completeness(&facts(&page));
    Ok(MyProfile { page, completeness })
}

/// What the completeness score looks at, read from the owner's own (fully visible) page.
fn facts(p: &PersonPage) -> ProfileFacts {
    let v = &p.person;
    ProfileFacts {
        has_national_id: v.national_id.is_some(),
        has_mobile: v.mobile.is_some(),
        has_location: v.province.is_some(),
        has_education: v.degree.is_some() && !v.university.is_empty(),
        has_primary_field: v.primary_field.is_some(),
        skills: v.skills.len(),
        bio_chars: v.bio_fa.chars().count().max(v.bio_en.chars().count()),
        publications: p.publications.len(),
        past_projects: p.past_projects.len(),
        has_links: v.orcid.is_some() || v.scholar_url.is_some() || v.website.is_some(),
        verified_claims: p.badges.len(),
    }
}

/// Titles people put before their names, left out of a draft's first name.
const HONORIFICS: [&str; 6] = ["دکتر", "مهندس", "استاد", "Dr", "Dr.", "Eng."];

/// Splits a display name into first and last name: the last word is the last name.
fn split_name(display: &str) -> (String, String) {
    let words: Vec<&str> = display.split_whitespace().filter(|w| !HONORIFICS.contains(w)).collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => (rest.join(" "), (*last).to_owned()),
        Some((only, _)) => ((*only).to_owned(), String::new()),
        None => (display.trim().to_owned(), String::new()),
    }
}

async fn create_draft(app: &App, conn: &mut Conn, actor: &Actor) -> Result<PersonRow> {
    let now = app.now();
    let user = users::by_id(conn, &actor.user_id).await?.ok_or(Error::NotFound)?;
    let (first_name, last_name) = split_name(&user.display_name);
    // The account's address is the natural contact once it is verified (an unverified one could be anyone's),
    // unless another profile already lists it.
    let email = match people::by_email(conn, user.email.as_str()).await? {
        Some(_) => None,
        None if user.email_verified_at.is_none() => None,
        None => Some(user.email.as_str().to_owned()),
    };
    let row = PersonRow {
        id: PersonId::new().as_str().to_owned(),
        user_id: Some(actor.user_id.as_str().to_owned()),
        first_name,
        last_name,
        email,
        availability: "available".into(),
        visibility: Visibility::Private.code().into(),
        source: "self".into(),
        created_at: now,
        updated_at: now,
        claimed_at: Some(now),
        ..PersonRow::default()
    };
    people::insert(conn, &row).await?;
    let details = serde_json::json!({ "visibility": row.visibility });
    audit::record(conn, Some(&actor.user_id), "profile.create", ("person", &row.id), details, now).await?;
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_names_from_display_names() {
        let cases = [
            ("دکتر امیر جعفری", ("امیر", "جعفری")),
            ("نگار صادقی", ("نگار", "صادقی")),
            ("سید محمد حسینی", ("سید محمد", "حسینی")),
            ("مدیر", ("مدیر", "")),
            ("دکتر", ("دکتر", "")),
        ];
        for (display, (first, last)) in cases {
            assert_eq!(split_name(display), (first.to_owned(), last.to_owned()), "{display}");
        }
    }
}
