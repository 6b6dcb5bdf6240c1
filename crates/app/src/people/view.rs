//! What a viewer gets of a person: the view model built from a row through the one privacy decision.

use halqe_db::past_projects::PastProject;
use halqe_db::people::{PersonRow, Publication};
use halqe_domain::ids::PersonId;
use halqe_domain::iran::{Mobile, NationalId};
use halqe_domain::permissions::Actor;
use halqe_domain::profile::{Doi, Keywords, Orcid, WebUrl, Year};
use halqe_domain::province::Province;
use halqe_domain::registry::{Availability, Degree, Sight, Visibility, sight};

use crate::fields::{Field, Taxonomy};

/// A person as one viewer may see them; personal identifiers are `None` unless [`Sight`] allows them.
#[derive(Debug, Clone)]
pub struct PersonView {
    pub id: PersonId,
    /// How much this viewer sees.
    pub sight: Sight,
    /// The viewer is this person.
    pub is_owner: bool,
    pub first_name: String,
    pub last_name: String,
    pub name_en: String,
    pub province: Option<Province>,
    pub city: String,
    pub institution: String,
    pub degree: Option<Degree>,
    pub education_field: String,
    pub university: String,
    pub graduation_year: Option<Year>,
    pub primary_field: Option<Field>,
    pub skills: Keywords,
    pub bio_fa: String,
    pub bio_en: String,
    pub availability: Availability,
    pub orcid: Option<Orcid>,
    pub scholar_url: Option<WebUrl>,
    pub website: Option<WebUrl>,
    pub visibility: Visibility,
    /// Contact details: [`Sight::Contact`] and above.
    pub email: Option<String>,
    pub mobile: Option<Mobile>,
    /// [`Sight::Full`] only: the person themselves and center staff.
    pub national_id: Option<NationalId>,
    pub updated_at: i64,
}

/// Whether `viewer` is the person of `row`.
pub fn is_owner(viewer: Option<&Actor>, row: &PersonRow) -> bool {
    viewer.is_some_and(|a| row.user_id.as_deref() == Some(a.user_id.as_str()))
}

/// What `viewer` may see of `row`: [`sight`] with the row's visibility and ownership.
pub fn sight_of(viewer: Option<&Actor>, row: &PersonRow) -> Sight {
    // An unreadable visibility is treated as the most restrictive one.
    let visibility = Visibility::parse(&row.visibility).unwrap_or(Visibility::Private);
    sight(viewer, visibility, is_owner(viewer, row))
}

impl PersonView {
    /// The view of `row` for `viewer`, or `None` when the person does not exist for them.
    pub fn build(viewer: Option<&Actor>, row: PersonRow, taxonomy: &Taxonomy) -> Option<Self> {
        let sight = sight_of(viewer, &row);
        if sight == Sight::Hidden {
            return None;
        }
        let contact = sight >= Sight::Contact;
        let full = sight >= Sight::Full;
        let link = |s: &str| (!s.is_empty()).then(|| WebUrl::from_db(s.to_owned()));
        Some(Self {
            id: PersonId::from_db(row.id.clone()),
            sight,
            is_owner: is_owner(viewer, &row),
            province: row.province.as_deref().and_then(|p| Province::parse(p).ok()),
            degree: row.degree.as_deref().and_then(|d| Degree::parse(d).ok()),
            graduation_year: row.graduation_year.map(Year::from_db),
            primary_field: row.primary_field.as_deref().and_then(|f| taxonomy.get(f)).cloned(),
            skills: Keywords::from_db(&row.skills),
            availability: Availability::parse(&row.availability).unwrap_or_default(),
            orcid: (!row.orcid.is_empty()).then(|| Orcid::from_db(row.orcid.clone())),
            scholar_url: link(&row.scholar_url),
            website: link(&row.website),
            visibility: Visibility::parse(&row.visibility).unwrap_or(Visibility::Private),
            email: row.email.filter(|_| contact),
            mobile: row.mobile.filter(|_| contact).map(Mobile::from_db),
            national_id: row.national_id.filter(|_| full).map(NationalId::from_db),
            first_name: row.first_name,
            last_name: row.last_name,
            name_en: row.name_en,
            city: row.city,
            institution: row.institution,
            education_field: row.education_field,
            university: row.university,
            bio_fa: row.bio_fa,
            bio_en: row.bio_en,
            updated_at: row.updated_at,
        })
    }

    /// `first last`.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name).trim().to_owned()
    }

    /// The viewer may see email and mobile.
    pub fn shows_contact(&self) -> bool {
        self.sight >= Sight::Contact
    }
}

/// A publication as shown.
#[derive(Debug, Clone)]
pub struct PublicationView {
    pub id: String,
    pub title: String,
    pub venue: String,
    pub year: Option<Year>,
    pub abstract_text: String,
    pub doi: Option<Doi>,
}

impl From<Publication> for PublicationView {
    fn from(p: Publication) -> Self {
        Self {
            id: p.id,
            title: p.title,
            venue: p.venue,
            year: p.year.map(Year::from_db),
            abstract_text: p.r#abstract,
            doi: (!p.doi.is_empty()).then(|| Doi::from_db(p.doi)),
        }
    }
}

/// A past project as shown; government ones are flagged.
#[derive(Debug, Clone)]
pub struct PastProjectView {
    pub id: String,
    pub title: String,
    pub description: String,
    pub year: Option<Year>,
    pub government: bool,
    pub agency_name: String,
}

impl From<PastProject> for PastProjectView {
    fn from(p: PastProject) -> Self {
        Self {
            id: p.id,
            title: p.title,
            description: p.description,
            year: p.year.map(Year::from_db),
            government: p.government != 0,
            agency_name: p.agency_name,
        }
    }
}
