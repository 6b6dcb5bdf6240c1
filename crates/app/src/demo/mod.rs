//! Demo data: realistic Persian agencies, the field taxonomy, one account per role, the registry, challenges and
//! their questions and proposals, the call in evaluation with its reviewer pool and assignment, decisions and an
//! appeal, loaded once.

mod assignment;
mod challenge_invitations;
mod challenges;
mod data;
mod decisions;
mod imports;
mod introductions;
mod mail;
mod proposals;
mod questions;
mod registry;
mod registry_data;
mod stages;

use halqe_db::agencies::{self, NewAgency};
use halqe_db::fields::{self, Field};
use halqe_db::users::{self, NewUser};
use halqe_domain::identity::Identifier;
use halqe_domain::ids::{AgencyId, Id, Person, UserId};
use halqe_domain::locale::Locale;
use halqe_domain::user::Email;
use sha2::{Digest, Sha256};

pub use data::{DEMO_PASSWORD, DISABLED_USER, DemoField, DemoUser, FIELDS, ONE_PER_ROLE, USERS};

use crate::{App, Error, Result, audit, password};

/// What `load` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loaded {
    Fresh,
    AlreadyPresent,
}

/// A stable id derived from a demo slug, so every run produces the same ids.
fn demo_id<K>(slug: &str) -> Id<K> {
    let digest = Sha256::digest(format!("halqe-demo:{slug}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    Id::from_db(uuid::Builder::from_custom_bytes(bytes).into_uuid().to_string())
}

/// Loads the demo data in one transaction unless the demo admin already exists.
pub async fn load(app: &App) -> Result<Loaded> {
    let now = app.now();
    let admin = Email::parse(USERS[0].email).map_err(|_| Error::Internal("demo admin email".into()))?;
    {
        let mut conn = app.db.conn().await?;
        if users::by_email(&mut conn, &admin).await?.is_some() {
            return Ok(Loaded::AlreadyPresent);
        }
    }
    let phc = password::hash(app, DEMO_PASSWORD.to_owned()).await?;
    let mut tx = app.db.begin().await?;
    for (position, f) in data::FIELDS.iter().enumerate() {
        let field = Field {
            id: f.slug.to_owned(),
            parent_id: f.parent.map(str::to_owned),
            name_fa: f.name_fa.to_owned(),
            name_en: f.name_en.to_owned(),
            position: position as i64,
        };
        fields::upsert(&mut tx, &field).await?;
    }
    for a in data::AGENCIES {
        let id: AgencyId = demo_id(a.slug);
        let new = NewAgency { id: &id, name_fa: a.name_fa, name_en: a.name_en, kind: a.kind, province: a.province };
        agencies::insert(&mut tx, &new, None, now).await?;
    }
    for u in USERS {
        let id: UserId = demo_id(u.email);
        let email = Email::parse(u.email).map_err(|_| Error::Internal("demo email".into()))?;
        let agency: Option<AgencyId> = u.agency.map(demo_id);
        let new = NewUser {
            id: &id,
            email: &email,
            display_name: u.display_name,
            password_hash: &phc,
            locale: Locale::Fa,
            agency_id: agency.as_ref(),
            email_verified_at: Some(now),
            roles: u.roles,
        };
        users::insert(&mut tx, &new, now).await?;
        if u.email == DISABLED_USER {
            users::set_disabled(&mut tx, &id, Some(now), now).await?;
        }
    }
    let (people, organizations) = registry::load(&mut tx, now).await?;
    let introductions = introductions::load(&mut tx, now).await?;
    let challenges = challenges::load(&mut tx, now).await?;
    let questions = questions::load(&mut tx, now).await?;
    let invitations = challenge_invitations::load(&mut tx, now).await?;
    let proposals = proposals::load(&mut tx, now).await?;
    let decisions = decisions::load(app, &mut tx, now).await?;
    open_identity_conflict(&mut tx, now).await?;
    let details = serde_json::json!({
        "agencies": data::AGENCIES.len(),
        "fields": data::FIELDS.len(),
        "users": USERS.len(),
        "people": people,
        "organizations": organizations,
        "introductions": introductions,
        "challenges": challenges,
        "questions": questions,
        "invitations_to_apply": invitations,
        "proposals": proposals,
        "decisions": decisions,
    });
    audit::record(&mut tx, None, "demo.load", ("platform", "demo"), details, now).await?;
    halqe_db::commit(tx).await?;
    // An import keeps its own transactions and run record, so it follows the demo's commit.
    imports::load(app).await?;
    mail::load(app).await?;
    // The assignment is solved by its job and applied as staff would, each in its own transaction.
    assignment::load(app).await?;
    Ok(Loaded::Fresh)
}

/// One open case for staff: a researcher declared, as theirs, the national ID of a person imported from an
/// institution.
async fn open_identity_conflict(conn: &mut halqe_db::Conn, now: i64) -> Result<()> {
    let person = |slug: &str| registry_data::PEOPLE.iter().find(|p| p.slug == slug);
    let (Some(claimant), Some(holder)) = (person("amir-jafari"), person("maryam-rahimi")) else {
        return Err(Error::Internal("demo identity conflict people".into()));
    };
    let account: UserId = demo_id(claimant.account.ok_or(Error::Internal("demo claimant account".into()))?);
    let holder_id: Id<Person> = demo_id(&format!("person:{}", holder.slug));
    let claimant_id: Id<Person> = demo_id(&format!("person:{}", claimant.slug));
    let held = crate::identity_conflicts::Held {
        identifier: Identifier::NationalId,
        value: holder.national_id.to_owned(),
        holder: holder_id.as_str().to_owned(),
    };
    crate::identity_conflicts::open(conn, &held, claimant_id.as_str(), &account, now).await
}
