//! The owner edits their profile: every field validated and normalized, saved in one transaction or not at all.

use halqe_db::people::{self, PersonRow};
use halqe_domain::calendar;
use halqe_domain::identity::Identifier;
use halqe_domain::ids::PersonId;
use halqe_domain::iran::{Mobile, NationalId};
use halqe_domain::locale::Locale;
use halqe_domain::permissions::Actor;
use halqe_domain::profile::{Keywords, Orcid, WebUrl, Year, line, optional, paragraph, required_line};
use halqe_domain::province::Province;
use halqe_domain::registry::{Availability, Degree, Visibility};
use halqe_domain::user::Email;

use super::mine::{my_profile, own_or_new_row};
use super::show::PersonPage;
use super::{LONG, SHORT, stored};
use crate::fields::Taxonomy;
use crate::identity_conflicts::{self, Answer};
use crate::{App, FormErrors, Result, audit};

/// How many secondary fields a person may list.
pub const MAX_SECONDARY_FIELDS: usize = 8;
/// Graduation may lie this many years ahead (current students).
const GRADUATION_AHEAD: i64 = 6;
pub(crate) const NAME: usize = 100;

/// What the profile form sends, as typed.
#[derive(Debug, Clone, Default)]
pub struct ProfileForm {
    pub first_name: String,
    pub last_name: String,
    pub name_en: String,
    pub national_id: String,
    pub email: String,
    pub mobile: String,
    pub province: String,
    pub city: String,
    pub institution: String,
    pub degree: String,
    pub education_field: String,
    pub university: String,
    pub graduation_year: String,
    pub primary_field: String,
    pub secondary_fields: Vec<String>,
    pub skills: String,
    pub bio_fa: String,
    pub bio_en: String,
    pub availability: String,
    pub orcid: String,
    pub scholar_url: String,
    pub website: String,
    pub visibility: String,
}

impl ProfileForm {
    /// The form filled from the owner's page, years in the calendar of `locale`.
    pub fn from_page(p: &PersonPage, locale: Locale) -> Self {
        let v = &p.person;
        let text = |s: Option<&str>| s.unwrap_or_default().to_owned();
        Self {
            first_name: v.first_name.clone(),
            last_name: v.last_name.clone(),
            name_en: v.name_en.clone(),
            national_id: text(v.national_id.as_ref().map(NationalId::as_str)),
            email: text(v.email.as_deref()),
            mobile: text(v.mobile.as_ref().map(Mobile::as_str)),
            province: text(v.province.map(Province::code)),
            city: v.city.clone(),
            institution: v.institution.clone(),
            degree: text(v.degree.map(Degree::code)),
            education_field: v.education_field.clone(),
            university: v.university.clone(),
            graduation_year: v.graduation_year.map(|y| y.input(locale)).unwrap_or_default(),
            primary_field: text(v.primary_field.as_ref().map(|f| f.id.as_str())),
            secondary_fields: p.secondary_fields.iter().map(|f| f.id.clone()).collect(),
            skills: v.skills.to_db(),
            bio_fa: v.bio_fa.clone(),
            bio_en: v.bio_en.clone(),
            availability: v.availability.code().to_owned(),
            orcid: text(v.orcid.as_ref().map(Orcid::as_str)),
            scholar_url: text(v.scholar_url.as_ref().map(WebUrl::as_str)),
            website: text(v.website.as_ref().map(WebUrl::as_str)),
            visibility: v.visibility.code().to_owned(),
        }
    }
}

/// The owner's form, prefilled (from the unsaved draft before the first save).
pub async fn edit_form(app: &App, actor: &Actor, locale: Locale) -> Result<ProfileForm> {
    let mine = my_profile(app, actor).await?;
    Ok(ProfileForm::from_page(&mine.page, locale))
}

/// Validates `f` and saves it over the actor's profile; on any error nothing is written.
///
/// A national ID another profile holds is not refused: the profile keeps its own and the declaration
/// becomes a case for staff ([`identity_conflicts`]); every newly declared ID is answered
/// [`Answer::ForReview`], so the answer never tells whether such a profile exists.
pub async fn save(app: &App, actor: &Actor, f: &ProfileForm) -> Result<Answer> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let old = own_or_new_row(&mut tx, actor, now).await?;
    let taxonomy = Taxonomy::load(&mut tx).await?;
    let this_year = i64::from(calendar::tehran(now).year);
    let (mut new, secondary) = validate(f, &old, &taxonomy, this_year)?;
    let holder = match &new.national_id {
        Some(nid) => people::by_national_id(&mut tx, nid).await?.map(|p| p.id).filter(|id| *id != old.id),
        None => None,
    };
    let pending = identity_conflicts::pending(&mut tx, &old.id, Identifier::NationalId).await?;
    let shown = pending.as_deref().or(old.national_id.as_deref());
    let (national_id, held, answer) = identity_conflicts::declare(
        Identifier::NationalId,
        new.national_id.take(),
        holder,
        old.national_id.clone(),
        shown,
    );
    new.national_id = national_id;
    let mut errors = FormErrors::default();
    if let Some(email) = &new.email
        && people::by_email(&mut tx, email).await?.is_some_and(|p| p.id != old.id)
    {
        errors.add("email", "email_taken");
    }
    errors.finish()?;
    new.updated_at = now;
    people::update(&mut tx, &new).await?;
    if let Some(held) = &held {
        identity_conflicts::open(&mut tx, held, &old.id, &actor.user_id, now).await?;
    }
    let id = PersonId::from_db(old.id.clone());
    let old_fields = people::fields_of(&mut tx, &id).await?;
    people::set_fields(&mut tx, &id, &secondary).await?;
    let mut changed = changed(&old, &new);
    if old_fields != secondary {
        changed.push("secondary_fields");
    }
    // Names of the changed fields only: the audit record never holds personal data.
    let details = serde_json::json!({ "changed": changed });
    audit::record(&mut tx, Some(&actor.user_id), "profile.update", ("person", &old.id), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(answer)
}

/// Checks every field; returns the row and secondary fields to write, or every error at once.
fn validate(f: &ProfileForm, old: &PersonRow, taxonomy: &Taxonomy, this_year: i64) -> Result<(PersonRow, Vec<String>)> {
    let mut e = FormErrors::default();
    // A refused field contributes a default; the row is only returned when nothing was refused.
    let latest = this_year + GRADUATION_AHEAD;
    let row = PersonRow {
        first_name: e.check("first_name", required_line(&f.first_name, NAME)).unwrap_or_default(),
        last_name: e.check("last_name", required_line(&f.last_name, NAME)).unwrap_or_default(),
        name_en: e.check("name_en", line(&f.name_en, SHORT)).unwrap_or_default(),
        national_id: stored(e.check("national_id", optional(&f.national_id, NationalId::parse)), NationalId::as_str),
        email: stored(e.check("email", optional(&f.email, Email::parse)), Email::as_str),
        mobile: stored(e.check("mobile", optional(&f.mobile, Mobile::parse)), Mobile::as_str),
        province: stored(e.check("province", optional(&f.province, Province::parse)), |p| p.code()),
        city: e.check("city", line(&f.city, NAME)).unwrap_or_default(),
        institution: e.check("institution", line(&f.institution, SHORT)).unwrap_or_default(),
        degree: stored(e.check("degree", optional(&f.degree, Degree::parse)), |d| d.code()),
        education_field: e.check("education_field", line(&f.education_field, SHORT)).unwrap_or_default(),
        university: e.check("university", line(&f.university, SHORT)).unwrap_or_default(),
        graduation_year: e
            .check("graduation_year", optional(&f.graduation_year, |s| Year::parse(s, latest)))
            .flatten()
            .map(Year::gregorian),
        primary_field: e.check("primary_field", optional(&f.primary_field, |s| field(taxonomy, s))).flatten(),
        skills: e.check("skills", Keywords::parse(&f.skills)).unwrap_or_default().to_db(),
        bio_fa: e.check("bio_fa", paragraph(&f.bio_fa, LONG)).unwrap_or_default(),
        bio_en: e.check("bio_en", paragraph(&f.bio_en, LONG)).unwrap_or_default(),
        availability: e.check("availability", Availability::parse(&f.availability)).unwrap_or_default().code().into(),
        orcid: stored(e.check("orcid", optional(&f.orcid, Orcid::parse)), Orcid::as_str).unwrap_or_default(),
        scholar_url: stored(e.check("scholar_url", optional(&f.scholar_url, WebUrl::parse)), WebUrl::as_str)
            .unwrap_or_default(),
        website: stored(e.check("website", optional(&f.website, WebUrl::parse)), WebUrl::as_str).unwrap_or_default(),
        visibility: e.check("visibility", Visibility::parse(&f.visibility)).unwrap_or_default().code().into(),
        ..old.clone()
    };
    let secondary = secondary_fields(&mut e, f, row.primary_field.as_deref(), taxonomy);
    e.finish()?;
    Ok((row, secondary))
}

/// A field id of the taxonomy.
fn field(taxonomy: &Taxonomy, id: &str) -> Result<String, halqe_domain::Invalid> {
    taxonomy.get(id.trim()).map(|f| f.id.clone()).ok_or(halqe_domain::Invalid::Choice)
}

/// The secondary fields: known ids, without the primary field, at most [`MAX_SECONDARY_FIELDS`].
fn secondary_fields(e: &mut FormErrors, f: &ProfileForm, primary: Option<&str>, taxonomy: &Taxonomy) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for raw in f.secondary_fields.iter().filter(|s| !s.trim().is_empty()) {
        match field(taxonomy, raw) {
            Ok(id) if primary != Some(id.as_str()) && !ids.contains(&id) => ids.push(id),
            Ok(_) => {}
            Err(invalid) => {
                e.add("secondary_fields", invalid.code());
                return ids;
            }
        }
    }
    if ids.len() > MAX_SECONDARY_FIELDS {
        e.add("secondary_fields", "too_many_fields");
    }
    ids.sort();
    ids
}

/// Names of the columns whose value differs.
fn changed(old: &PersonRow, new: &PersonRow) -> Vec<&'static str> {
    let columns: [(&'static str, bool); 22] = [
        ("first_name", old.first_name != new.first_name),
        ("last_name", old.last_name != new.last_name),
        ("name_en", old.name_en != new.name_en),
        ("national_id", old.national_id != new.national_id),
        ("email", old.email != new.email),
        ("mobile", old.mobile != new.mobile),
        ("province", old.province != new.province),
        ("city", old.city != new.city),
        ("institution", old.institution != new.institution),
        ("degree", old.degree != new.degree),
        ("education_field", old.education_field != new.education_field),
        ("university", old.university != new.university),
        ("graduation_year", old.graduation_year != new.graduation_year),
        ("primary_field", old.primary_field != new.primary_field),
        ("skills", old.skills != new.skills),
        ("bio_fa", old.bio_fa != new.bio_fa),
        ("bio_en", old.bio_en != new.bio_en),
        ("availability", old.availability != new.availability),
        ("orcid", old.orcid != new.orcid),
        ("scholar_url", old.scholar_url != new.scholar_url),
        ("website", old.website != new.website),
        ("visibility", old.visibility != new.visibility),
    ];
    columns.into_iter().filter(|c| c.1).map(|c| c.0).collect()
}
