//! Loading the demo registry: people with their publications and past projects, organizations with members.
//!
//! Identifiers go through the same parsers as user input, so a mistyped demo value fails the load.

use halqe_db::organizations::{self, MembershipInvitation, OrganizationRow};
use halqe_db::past_projects::{self, PastProject};
use halqe_db::people::{self, PersonRow, Publication};
use halqe_db::{Conn, users};
use halqe_domain::calendar;
use halqe_domain::ids::{MembershipInvitationId, OrganizationId, PastProjectId, PersonId, PublicationId, UserId};
use halqe_domain::iran::{Mobile, NationalId};
use halqe_domain::profile::{Doi, Keywords, Orcid, WebUrl};
use halqe_domain::user::Email;

use super::demo_id;
use super::registry_data::{DemoOrganization, DemoPastProject, DemoPerson, INVITATIONS, ORGANIZATIONS, PEOPLE};
use crate::{Error, Result};

fn bad(what: &str, slug: &str) -> Error {
    Error::Internal(format!("demo {slug}: invalid {what}"))
}

/// Checks an optional demo value with a parser and returns the stored text.
fn checked<T>(
    raw: &str,
    parse: fn(&str) -> Result<T, halqe_domain::Invalid>,
    what: &str,
    slug: &str,
) -> Result<String> {
    if raw.is_empty() {
        return Ok(String::new());
    }
    parse(raw).map_err(|_| bad(what, slug))?;
    Ok(raw.to_owned())
}

fn past_project_row(p: &DemoPastProject, key: &str, now: i64) -> PastProject {
    let id: PastProjectId = demo_id(key);
    PastProject {
        id: id.to_string(),
        title: p.title.to_owned(),
        description: p.description.to_owned(),
        year: Some(p.year),
        government: i64::from(!p.agency.is_empty()),
        agency_name: p.agency.to_owned(),
        created_at: now,
        ..PastProject::default()
    }
}

async fn person(conn: &mut Conn, p: &DemoPerson, now: i64) -> Result<()> {
    let id: PersonId = demo_id(&format!("person:{}", p.slug));
    let national_id = NationalId::parse(p.national_id).map_err(|_| bad("national ID", p.slug))?;
    let mobile = Mobile::parse(p.mobile).map_err(|_| bad("mobile", p.slug))?;
    let email = Email::parse(p.email).map_err(|_| bad("email", p.slug))?;
    let user: Option<UserId> = p.account.map(demo_id);
    let row = PersonRow {
        id: id.as_str().to_owned(),
        user_id: user.as_ref().map(|u| u.as_str().to_owned()),
        national_id: Some(national_id.as_str().to_owned()),
        first_name: p.first_name.to_owned(),
        last_name: p.last_name.to_owned(),
        name_en: p.name_en.to_owned(),
        email: Some(email.as_str().to_owned()),
        mobile: Some(mobile.as_str().to_owned()),
        province: Some(p.province.code().to_owned()),
        city: p.city.to_owned(),
        institution: p.institution.to_owned(),
        degree: Some(p.degree.code().to_owned()),
        education_field: p.education_field.to_owned(),
        university: p.university.to_owned(),
        graduation_year: Some(p.graduation_year),
        primary_field: Some(p.primary_field.to_owned()),
        skills: Keywords::parse(p.skills).map_err(|_| bad("skills", p.slug))?.to_db(),
        bio_fa: p.bio_fa.to_owned(),
        bio_en: p.bio_en.to_owned(),
        availability: p.availability.code().to_owned(),
        orcid: checked(p.orcid, Orcid::parse, "ORCID", p.slug)?,
        scholar_url: String::new(),
        website: checked(p.website, WebUrl::parse, "website", p.slug)?,
        visibility: p.visibility.code().to_owned(),
        source: "demo".into(),
        content_hash: String::new(),
        created_at: now,
        updated_at: now,
        claimed_at: user.as_ref().map(|_| now),
    };
    people::insert(conn, &row).await?;
    let fields: Vec<String> = p.fields.iter().map(|f| (*f).to_owned()).collect();
    people::set_fields(conn, &id, &fields).await?;
    for (i, pb) in p.publications.iter().enumerate() {
        let publication_id: PublicationId = demo_id(&format!("publication:{}:{i}", p.slug));
        let publication = Publication {
            id: publication_id.to_string(),
            person_id: row.id.clone(),
            title: pb.title.to_owned(),
            venue: pb.venue.to_owned(),
            year: Some(pb.year),
            r#abstract: pb.summary.to_owned(),
            doi: checked(pb.doi, Doi::parse, "DOI", p.slug)?,
            created_at: now,
        };
        people::add_publication(conn, &publication).await?;
    }
    for (i, pr) in p.past_projects.iter().enumerate() {
        let past_project = PastProject {
            person_id: Some(row.id.clone()),
            ..past_project_row(pr, &format!("project:{}:{i}", p.slug), now)
        };
        past_projects::add(conn, &past_project).await?;
    }
    Ok(())
}

async fn organization(conn: &mut Conn, o: &DemoOrganization, now: i64) -> Result<()> {
    let id: OrganizationId = demo_id(&format!("org:{}", o.slug));
    let expires = match o.certificate_expires {
        "" => None,
        date => Some(calendar::parse_date(date).map_err(|_| bad("certificate expiry", o.slug))?),
    };
    let creator: Option<UserId> = o.members.first().map(|(email, _)| demo_id(email));
    let row = OrganizationRow {
        id: id.as_str().to_owned(),
        name_fa: o.name_fa.to_owned(),
        name_en: o.name_en.to_owned(),
        kind: o.kind.code().to_owned(),
        registration_number: (!o.registration_number.is_empty()).then(|| o.registration_number.to_owned()),
        certificate_number: o.certificate_number.to_owned(),
        certificate_expires_at: expires,
        province: Some(o.province.code().to_owned()),
        city: o.city.to_owned(),
        institution: o.institution.to_owned(),
        website: checked(o.website, WebUrl::parse, "website", o.slug)?,
        description_fa: o.description_fa.to_owned(),
        description_en: o.description_en.to_owned(),
        capabilities: o.capabilities.to_owned(),
        products: o.products.to_owned(),
        primary_field: Some(o.primary_field.to_owned()),
        visibility: o.visibility.code().to_owned(),
        source: "demo".into(),
        content_hash: String::new(),
        created_by: creator.as_ref().map(|u| u.as_str().to_owned()),
        created_at: now,
        updated_at: now,
    };
    organizations::insert(conn, &row).await?;
    for (email, role) in o.members {
        organizations::add_member(conn, &id, &demo_id(email), *role, now).await?;
    }
    for (i, pr) in o.past_projects.iter().enumerate() {
        let past_project = PastProject {
            organization_id: Some(row.id.clone()),
            ..past_project_row(pr, &format!("project:{}:{i}", o.slug), now)
        };
        past_projects::add(conn, &past_project).await?;
    }
    Ok(())
}

/// Inserts the demo people, organizations, memberships and invitations; the caller's transaction
/// already holds the taxonomy and the demo accounts. Returns (people, organizations).
pub(super) async fn load(conn: &mut Conn, now: i64) -> Result<(usize, usize)> {
    for p in PEOPLE {
        person(conn, p, now).await?;
    }
    for o in ORGANIZATIONS {
        organization(conn, o, now).await?;
    }
    for (org, email, role, by) in INVITATIONS {
        let invited_by: UserId = demo_id(by);
        if users::by_id(conn, &invited_by).await?.is_none() {
            return Err(bad("inviting account", org));
        }
        let id: MembershipInvitationId = demo_id(&format!("invitation:{org}:{email}"));
        let organization: OrganizationId = demo_id(&format!("org:{org}"));
        let invitation = MembershipInvitation {
            id: id.to_string(),
            organization_id: organization.to_string(),
            email: (*email).to_owned(),
            role: role.code().to_owned(),
            invited_by: invited_by.as_str().to_owned(),
            status: "pending".into(),
            created_at: now,
            decided_at: None,
        };
        organizations::insert_invitation(conn, &invitation).await?;
    }
    Ok((PEOPLE.len(), ORGANIZATIONS.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_identifiers_are_valid_and_distinct() {
        let mut ids = std::collections::HashSet::new();
        for p in PEOPLE {
            assert!(NationalId::parse(p.national_id).is_ok(), "{}", p.slug);
            assert!(Mobile::parse(p.mobile).is_ok(), "{}", p.slug);
            assert!(ids.insert(p.national_id), "duplicate national ID {}", p.slug);
            assert!(p.orcid.is_empty() || Orcid::parse(p.orcid).is_ok(), "{}", p.slug);
            for text in [p.first_name, p.last_name, p.bio_fa, p.institution, p.university] {
                assert!(!text.contains(['ي', 'ك']), "{}: Arabic letters in {text}", p.slug);
            }
        }
        assert!(PEOPLE.len() >= 25 && ORGANIZATIONS.len() >= 8);
    }
}
