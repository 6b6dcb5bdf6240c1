//! Building the searchable form of a person, an organization or a public challenge from the database.

use halqe_db::kept_values::{self, KeptValue, Side};
use halqe_db::past_projects::{self, Owner};
use halqe_db::verification::Subject;
use halqe_db::{Conn, organizations};
use halqe_db::{challenges, people, search_feed};
use halqe_domain::ids::{ChallengeId, OrganizationId, PersonId};
use halqe_domain::kept_value::KeptColumn;
use halqe_domain::province::Province;
use halqe_domain::registry::Visibility;
use halqe_search::{DocKind, IndexDoc, PublicationText};

use crate::Result;
use crate::verification::badges::badges;

/// The kept values a document is searched by: those of closed-list columns, `field` ones first (they read
/// as expertise) then the rest. Unknown columns are not indexed: their meaning, and whether they hold
/// personal data, is not known.
fn kept_text(kept: &[KeptValue]) -> (String, String) {
    let (fields, others): (Vec<&KeptValue>, Vec<&KeptValue>) =
        kept.iter().filter(|k| k.column().is_some()).partition(|k| k.column() == Some(KeptColumn::Field));
    let text = |list: Vec<&KeptValue>| join(list.into_iter().map(|k| k.value.clone()));
    (text(fields), text(others))
}

fn join(parts: impl IntoIterator<Item = String>) -> String {
    parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n")
}

/// The index document of a person, or `None` if the person no longer exists.
pub async fn person(conn: &mut Conn, id: &PersonId) -> Result<Option<IndexDoc>> {
    let Some(p) = people::by_id(conn, id).await? else { return Ok(None) };
    let mut fields: Vec<String> = p.primary_field.iter().cloned().collect();
    for f in people::fields_of(conn, id).await? {
        if !fields.contains(&f) {
            fields.push(f);
        }
    }
    let publications = people::publications_of(conn, id)
        .await?
        .into_iter()
        .map(|x| PublicationText {
            year: x.year.and_then(|y| i32::try_from(y).ok()),
            ..PublicationText::new(x.title, join([x.venue, x.r#abstract]))
        })
        .collect();
    let past_projects = past_projects::of(conn, Owner::Person(id.as_str())).await?;
    let government = past_projects.iter().filter(|x| x.government == 1).count() as u64;
    let verified = !badges(conn, Subject::Person(id)).await?.is_empty();
    let name = format!("{} {}", p.first_name, p.last_name);
    let (kept_fields, kept_other) = kept_text(&kept_values::of(conn, Side::People, id.as_str()).await?);
    Ok(Some(IndexDoc {
        id: p.id.clone(),
        kind: Some(DocKind::Person),
        visibility: p.visibility.clone(),
        owners: p.user_id.iter().cloned().collect(),
        name,
        name_en: p.name_en.clone(),
        fields,
        province: p.province.clone().unwrap_or_default(),
        provinces: Vec::new(),
        org_kind: String::new(),
        availability: p.availability.clone(),
        verified,
        track_record: government,
        skills: join([p.skills.clone(), kept_fields]),
        bio: join([
            kept_other,
            p.bio_fa.clone(),
            p.bio_en.clone(),
            p.education_field.clone(),
            p.university.clone(),
            p.institution.clone(),
        ]),
        publications,
        past_projects: join(past_projects.into_iter().map(|x| join([x.title, x.description, x.agency_name]))),
        capabilities: String::new(),
        // Filled by the feed from the stored vectors (`search::vectors`).
        vector: Vec::new(),
    }))
}

/// The index document of an organization, or `None` if it no longer exists.
pub async fn organization(conn: &mut Conn, id: &OrganizationId) -> Result<Option<IndexDoc>> {
    let Some(o) = organizations::by_id(conn, id).await? else { return Ok(None) };
    let past_projects = past_projects::of(conn, Owner::Organization(id.as_str())).await?;
    let government = past_projects.iter().filter(|x| x.government == 1).count() as u64;
    let verified = !badges(conn, Subject::Organization(id)).await?.is_empty();
    let owners = organizations::members(conn, id).await?.into_iter().map(|m| m.user_id).collect();
    let (kept_fields, kept_other) = kept_text(&kept_values::of(conn, Side::Organizations, id.as_str()).await?);
    Ok(Some(IndexDoc {
        id: o.id.clone(),
        kind: Some(DocKind::Organization),
        visibility: o.visibility.clone(),
        owners,
        name: o.name_fa.clone(),
        name_en: o.name_en.clone(),
        fields: o.primary_field.iter().cloned().collect(),
        province: o.province.clone().unwrap_or_default(),
        provinces: Vec::new(),
        org_kind: o.kind.clone(),
        availability: String::new(),
        verified,
        track_record: government,
        skills: String::new(),
        bio: join([o.description_fa.clone(), o.description_en.clone(), o.institution.clone(), kept_other]),
        publications: Vec::new(),
        past_projects: join(past_projects.into_iter().map(|x| join([x.title, x.description, x.agency_name]))),
        capabilities: join([o.capabilities.clone(), o.products.clone(), kept_fields]),
        vector: Vec::new(),
    }))
}

/// The index document of a challenge while it is public (the catalogue's), else `None`: drafts and
/// challenges under review leave the index.
pub async fn challenge(conn: &mut Conn, id: &ChallengeId) -> Result<Option<IndexDoc>> {
    let Some(c) = challenges::by_id(conn, id).await? else { return Ok(None) };
    let r = c.row;
    if !r.status.is_public() {
        return Ok(None);
    }
    let mut provinces: Vec<String> = serde_json::from_str(&r.provinces).unwrap_or_default();
    // No province named: open to all, so every province's filter finds it.
    if provinces.is_empty() {
        provinces = Province::ALL.iter().map(|p| p.code().to_owned()).collect();
    }
    let province = provinces.remove(0);
    Ok(Some(IndexDoc {
        id: r.id,
        kind: Some(DocKind::Challenge),
        visibility: Visibility::Public.code().to_owned(),
        name: r.title,
        name_en: String::new(),
        fields: serde_json::from_str(&r.fields).unwrap_or_default(),
        province,
        provinces,
        skills: join([r.outcome, r.success_measure]),
        bio: join([r.problem, r.affected, r.evidence, r.constraints_text]),
        capabilities: join([c.agency_name, c.agency_name_en, r.support_note]),
        ..IndexDoc::default()
    }))
}

/// The index document of an entity of the search feed by its kind, or `None` if it no longer exists (or
/// the kind is not indexed).
pub async fn of(conn: &mut Conn, kind: &str, id: &str) -> Result<Option<IndexDoc>> {
    match kind {
        search_feed::PERSON => person(conn, &PersonId::from_db(id.to_owned())).await,
        search_feed::ORGANIZATION => organization(conn, &OrganizationId::from_db(id.to_owned())).await,
        search_feed::CHALLENGE => challenge(conn, &ChallengeId::from_db(id.to_owned())).await,
        _ => Ok(None),
    }
}
