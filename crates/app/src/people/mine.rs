//! The owner's own profile: shown with how complete it is (an unsaved draft until the first write), and
//! created as a private draft by the first write that needs it.

use halqe_db::people::{self, PersonRow};
use halqe_db::{Conn, users};
use halqe_domain::clock::Millis;
use halqe_domain::identity::Identifier;
use halqe_domain::ids::PersonId;
use halqe_domain::iran::NationalId;
use halqe_domain::permissions::Actor;
use halqe_domain::registry::{Completeness, ProfileFacts, Visibility, completeness};

use super::show::{PersonPage, page};
use crate::fields::Taxonomy;
use crate::{Error, Result, audit};

/// The owner's profile page and its completeness score.
#[derive(Debug, Clone)]
pub struct MyProfile {
    pub page: PersonPage,
    pub completeness: Completeness,
}

/// The actor's profile; before their first save, the draft it would start as (nothing is written: a page
/// view never writes).
pub async fn my_profile(app: &crate::App, actor: &Actor) -> Result<MyProfile> {
    let mut conn = app.db.conn().await?;
    let row = match people::by_user(&mut conn, &actor.user_id).await? {
        Some(row) => row,
        None => draft(&mut conn, actor, app.now()).await?,
    };
    let taxonomy = Taxonomy::load(&mut conn).await?;
    let pending = crate::identity_conflicts::pending(&mut conn, &row.id, Identifier::NationalId).await?;
    let mut page = page(&mut conn, Some(actor), row, &taxonomy).await?.ok_or(Error::NotFound)?;
    if let Some(nid) = pending {
        // Shown as theirs while staff review it, exactly as an ID no one else holds.
        page.person.national_id = Some(NationalId::from_db(nid));
    }
    let completeness = completeness(&facts(&page));
    Ok(MyProfile { page, completeness })
}

/// The actor's profile for a write in `conn`'s transaction, stored first as a private draft if there is none.
pub(crate) async fn own_or_new_row(conn: &mut Conn, actor: &Actor, now: Millis) -> Result<PersonRow> {
    if let Some(row) = people::by_user(conn, &actor.user_id).await? {
        return Ok(row);
    }
    let row = draft(conn, actor, now).await?;
    people::insert(conn, &row).await?;
    let details = serde_json::json!({ "visibility": row.visibility });
    audit::record(conn, Some(&actor.user_id), "profile.create", ("person", &row.id), details, now).await?;
    Ok(row)
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

/// A private draft named after the account, not stored.
async fn draft(conn: &mut Conn, actor: &Actor, now: Millis) -> Result<PersonRow> {
    let user = users::by_id(conn, &actor.user_id).await?.ok_or(Error::NotFound)?;
    let (first_name, last_name) = split_name(&user.display_name);
    // The account's address is the natural contact once it is verified (an unverified one could be anyone's),
    // unless another profile already lists it.
    let email = match people::by_email(conn, user.email.as_str()).await? {
        Some(_) => None,
        None if user.email_verified_at.is_none() => None,
        None => Some(user.email.as_str().to_owned()),
    };
    Ok(PersonRow {
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
    })
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
