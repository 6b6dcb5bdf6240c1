//! Importing people: reading a row into a validated person, and upserting a batch keyed on national ID, then email.

use std::collections::HashMap;

use halqe_db::imports::people::{self as db, ImportedPerson};
use halqe_db::kept_values::KeptValue;
use halqe_db::{Conn, profile_claims};
use halqe_domain::identity::Identifier;
use halqe_domain::ids::PersonId;
use halqe_domain::iran::{Mobile, NationalId};
use halqe_domain::kept_value::KeptColumn;
use halqe_domain::locale::Locale;
use halqe_domain::profile::Keywords;
use halqe_domain::province::Province;
use halqe_domain::registry::Degree;
use halqe_domain::user::Email;

use super::columns::{Cells, Memo};
use super::names::Names;
use super::problem::{Issue, Reason};
use super::{
    Batch, Decided, Input, Registry, Row, Stored, content_hash, decide_all, kept_hashed, merge_kept, open_case,
    release_declared,
};
use crate::secret::Token;
use crate::{App, Result, mail};

/// A person as one row of a file describes them; `None` is a blank cell, which keeps what is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonInput {
    pub national_id: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub province: Option<String>,
    pub institution: Option<String>,
    pub field: Option<String>,
    pub degree: Option<String>,
    pub skills: Option<String>,
    /// Cells kept as the person's own text (values no entry names, unknown columns).
    pub kept: Vec<KeptValue>,
    /// The digest of all of the above, stored to tell an unchanged row on the next import.
    pub hash: String,
}

/// A national ID that lost its leading zeros in a spreadsheet (stored as a number) gets them back.
fn pad_national_id(s: &str) -> String {
    let digits = halqe_domain::text::digits_to_ascii(s.trim());
    if (8..10).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        format!("{digits:0>10}")
    } else {
        s.to_owned()
    }
}

/// Reads one row: the person, or `None` when a rejecting issue was found; flags go into `issues` too.
pub fn parse(cells: &Cells<'_>, names: &Names, memo: &mut Memo, issues: &mut Vec<Issue>) -> Option<PersonInput> {
    let national_id =
        cells.parsed("national_id", |s| NationalId::parse(&pad_national_id(s)).map(|n| n.as_str().to_owned()), issues);
    let first_name = cells.required("first_name", issues);
    let last_name = cells.required("last_name", issues);
    let email = cells.parsed("email", |s| Email::parse(s).map(|e| e.as_str().to_owned()), issues);
    let mobile = cells.parsed("mobile", |s| Mobile::parse(s).map(|m| m.as_str().to_owned()), issues);
    let province = cells.chosen(
        "province",
        memo,
        names.rule(KeptColumn::Province, |s| Province::parse(s).ok().map(|p| p.code().to_owned())),
        issues,
    );
    let institution = cells.text("institution", issues);
    let degree = cells.chosen(
        "degree",
        memo,
        names.rule(KeptColumn::Degree, |s| Degree::parse(s).ok().map(|d| d.code().to_owned())),
        issues,
    );
    let skills = cells.parsed("skills", |s| Keywords::parse(s).map(|k| k.to_db()), issues);
    let field = cells.chosen("field", memo, names.rule(KeptColumn::Field, |s| names.field(s)), issues);
    let kept = cells.kept(issues);
    let blank = |code| cells.get(code).is_empty();
    if national_id.is_none() && email.is_none() && blank("national_id") && blank("email") {
        issues.push(Issue::new("", Reason::MissingKey));
    }
    if issues.iter().any(|i| i.reason.rejects()) {
        return None;
    }
    let (first_name, last_name) = (first_name?, last_name?);
    let mut values = vec![
        national_id.as_deref(),
        Some(&first_name),
        Some(&last_name),
        email.as_deref(),
        mobile.as_deref(),
        province.as_deref(),
        institution.as_deref(),
        field.as_deref(),
        degree.as_deref(),
        skills.as_deref(),
    ];
    values.extend(kept_hashed(&kept));
    let hash = content_hash(&values);
    Some(PersonInput {
        national_id,
        first_name,
        last_name,
        email,
        mobile,
        province,
        institution,
        field,
        degree,
        skills,
        kept,
        hash,
    })
}

impl PersonInput {
    /// The keys that make two rows of a file the same person.
    pub fn keys(&self) -> Vec<(&'static str, &str)> {
        let mut keys = Vec::with_capacity(2);
        if let Some(n) = &self.national_id {
            keys.push(("national_id", n.as_str()));
        }
        if let Some(e) = &self.email {
            keys.push(("email", e.as_str()));
        }
        keys
    }

    /// Who this row is, for telling near-duplicate names apart from the same person twice.
    pub fn identity(&self) -> &str {
        self.national_id.as_deref().or(self.email.as_deref()).unwrap_or_default()
    }

    /// The closed-list columns this row names an entry for.
    fn named(&self) -> Vec<KeptColumn> {
        let given = [
            (KeptColumn::Field, &self.field),
            (KeptColumn::Province, &self.province),
            (KeptColumn::Degree, &self.degree),
        ];
        given.into_iter().filter(|(_, v)| v.is_some()).map(|(c, _)| c).collect()
    }

    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

impl Input<ImportedPerson> for PersonInput {
    fn hash(&self) -> &str {
        &self.hash
    }

    fn merged_into(&self, p: &ImportedPerson) -> ImportedPerson {
        let or = |new: &Option<String>, old: &Option<String>| new.clone().or_else(|| old.clone());
        ImportedPerson {
            id: p.id.clone(),
            user_id: p.user_id.clone(),
            source: p.source.clone(),
            national_id: or(&self.national_id, &p.national_id),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            email: or(&self.email, &p.email),
            mobile: or(&self.mobile, &p.mobile),
            province: or(&self.province, &p.province),
            institution: self.institution.clone().unwrap_or_else(|| p.institution.clone()),
            primary_field: or(&self.field, &p.primary_field),
            degree: or(&self.degree, &p.degree),
            skills: self.skills.clone().unwrap_or_else(|| p.skills.clone()),
            content_hash: self.hash.clone(),
            kept: merge_kept(&p.kept, &self.kept, &self.named()),
        }
    }

    fn create(&self) -> ImportedPerson {
        self.merged_into(&ImportedPerson { id: PersonId::new().as_str().to_owned(), ..ImportedPerson::default() })
    }
}

/// The people a batch touches, kept current as its rows are decided one after another.
#[derive(Debug, Default)]
struct Known {
    people: HashMap<String, ImportedPerson>,
    by_national_id: HashMap<String, String>,
    by_email: HashMap<String, String>,
}

impl Known {
    fn lookup(&self, index: &HashMap<String, String>, key: Option<&String>) -> Option<&ImportedPerson> {
        key.and_then(|k| index.get(k)).and_then(|id| self.people.get(id))
    }
}

impl Stored for ImportedPerson {
    fn keys(&self) -> (&str, &str) {
        (&self.id, &self.content_hash)
    }

    fn set_hash(&mut self, hash: &str) {
        hash.clone_into(&mut self.content_hash);
    }

    fn managed(&self) -> Option<Reason> {
        self.user_id.is_some().then_some(Reason::Claimed)
    }
}

impl Registry for Known {
    type Stored = ImportedPerson;
    type Input = PersonInput;
    const IDENTIFIER: (Identifier, &'static str) = (Identifier::NationalId, "national_id");

    fn input(row: &Row) -> Option<&PersonInput> {
        row.person()
    }

    fn put(&mut self, p: ImportedPerson) {
        if let Some(old) = self.people.get(&p.id) {
            if let Some(n) = &old.national_id {
                self.by_national_id.remove(n);
            }
            if let Some(e) = &old.email {
                self.by_email.remove(e);
            }
        }
        if let Some(n) = &p.national_id {
            self.by_national_id.insert(n.clone(), p.id.clone());
        }
        if let Some(e) = &p.email {
            self.by_email.insert(e.clone(), p.id.clone());
        }
        self.people.insert(p.id.clone(), p);
    }

    /// The stored person a row updates, if any; national ID first, then email.
    fn decide(&self, input: &PersonInput) -> Result<Option<&ImportedPerson>, Issue> {
        let by_nid = self.lookup(&self.by_national_id, input.national_id.as_ref());
        let by_email = self.lookup(&self.by_email, input.email.as_ref());
        match (by_nid, by_email) {
            (Some(a), Some(b)) if a.id != b.id => Err(Issue::new("email", Reason::EmailTaken)),
            (Some(a), _) => Ok(Some(a)),
            // The email is someone else's when its owner has a different national ID.
            (None, Some(b)) if b.national_id.is_some() && input.national_id.is_some() => {
                Err(Issue::new("email", Reason::EmailTaken))
            }
            (None, found) => Ok(found),
        }
    }

    fn declared_holder(&self, input: &PersonInput) -> Option<(String, String)> {
        let value = input.national_id.as_ref()?;
        let holder = self.lookup(&self.by_national_id, Some(value))?;
        let same_email = input.email.is_some() && input.email == holder.email;
        (holder.source == SELF_DECLARED && holder.user_id.is_some() && !same_email)
            .then(|| (value.clone(), holder.id.clone()))
    }

    fn release(&mut self, id: &str) -> Option<ImportedPerson> {
        let original = self.people.get(id)?.clone();
        self.put(ImportedPerson { national_id: None, ..original.clone() });
        Some(original)
    }
}

/// The `source` of a profile its owner created: its national ID is only declared.
const SELF_DECLARED: &str = "self";

/// Decides every row of a batch in order and, unless `dry_run`, writes the changes and mails claim invitations.
pub async fn apply(app: &App, conn: &mut Conn, batch: &mut Batch<'_>, rows: &mut [Row]) -> Result<()> {
    let inputs = || rows.iter().filter_map(|r| r.person());
    let national_ids: Vec<String> = inputs().filter_map(|p| p.national_id.clone()).collect();
    let emails: Vec<String> = inputs().filter_map(|p| p.email.clone()).collect();
    let mut known = Known::default();
    for p in db::by_national_ids(conn, &national_ids).await?.into_iter().chain(db::by_emails(conn, &emails).await?) {
        known.put(p);
    }
    let decided = decide_all(&mut known, batch, rows);
    if batch.dry_run {
        return Ok(());
    }
    let (identifier, _) = <Known as Registry>::IDENTIFIER;
    release_declared(conn, identifier, &decided.displaced).await?;
    db::insert(conn, &decided.created, batch.now).await?;
    db::update(conn, &decided.updated, batch.now).await?;
    for d in &decided.displaced {
        let account = known.people.get(&d.declarer).and_then(|p| p.user_id.clone());
        open_case(conn, batch, identifier, d, account).await?;
    }
    let Decided { created, updated, .. } = decided;
    invite(app, conn, batch, &created, &updated).await
}

/// Mails a claim link to every person of the batch who has an email, no account and no invitation yet; a
/// pending invitation whose address the file corrected is issued again to the new address (the old link
/// stops working).
async fn invite(
    app: &App,
    conn: &mut Conn,
    batch: &Batch<'_>,
    created: &[ImportedPerson],
    updated: &[ImportedPerson],
) -> Result<()> {
    let reachable = |p: &&ImportedPerson| p.email.is_some() && p.user_id.is_none();
    let updated_ids: Vec<String> = updated.iter().filter(reachable).map(|p| p.id.clone()).collect();
    let invited = profile_claims::of_people(conn, &updated_ids).await?;
    let (mut fresh, mut retargeted, mut mails) = (Vec::new(), Vec::new(), Vec::new());
    for p in created.iter().filter(reachable).chain(updated.iter().filter(reachable)) {
        let Some(email) = &p.email else { continue };
        let earlier = invited.iter().find(|c| c.person_id == p.id);
        if earlier.is_some_and(|c| c.claimed_at.is_some() || &c.email == email) {
            continue;
        }
        let token = Token::generate();
        let claim = profile_claims::ProfileClaim {
            person_id: p.id.clone(),
            email: email.clone(),
            token_hash: token.hash,
            run_id: Some(batch.run.as_str().to_owned()),
            created_at: batch.now,
            expires_at: batch.now + crate::profile_claims::CLAIM_TTL_MS,
            ..Default::default()
        };
        if earlier.is_some() {
            retargeted.push(claim)
        } else {
            fresh.push(claim)
        }
        let link = app.link(&format!("/claim/{}", token.plain));
        let name = format!("{} {}", p.first_name, p.last_name);
        let args = [("name", name.as_str()), ("link", link.as_str())];
        mails.push(mail::compose(email, Locale::Fa, "profile-claim", &args));
    }
    profile_claims::insert(conn, &fresh).await?;
    for claim in &retargeted {
        profile_claims::issue(conn, claim).await?;
    }
    mail::queue_all(conn, &mails, batch.now).await?;
    Ok(())
}
