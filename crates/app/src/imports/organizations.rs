//! Importing organizations: reading a row into a validated organization, and upserting a batch keyed on
//! registration number, then Persian name within the institution.

use std::collections::HashMap;

use halqe_db::Conn;
use halqe_db::imports::organizations::{self as db, ImportedOrganization};
use halqe_db::kept_values::KeptValue;
use halqe_domain::calendar;
use halqe_domain::identity::Identifier;
use halqe_domain::ids::OrganizationId;
use halqe_domain::kept_value::KeptColumn;
use halqe_domain::profile::{Keywords, WebUrl};
use halqe_domain::province::Province;
use halqe_domain::registry::OrgKind;

use super::columns::{Cells, Memo};
use super::names::Names;
use super::problem::{Issue, Reason};
use super::{
    Batch, Input, Registry, Row, Stored, content_hash, decide_all, kept_hashed, merge_kept, open_case, release_declared,
};
use crate::Result;

/// An organization as one row of a file describes it; `None` is a blank cell, which keeps what is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationInput {
    pub name_fa: String,
    pub name_en: Option<String>,
    /// `None`: the cell names no kind (it is kept); a new organization is then `other`.
    pub kind: Option<String>,
    pub registration_number: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub institution: Option<String>,
    pub website: Option<String>,
    pub capabilities: Option<String>,
    pub certificate_number: Option<String>,
    pub certificate_expires_at: Option<i64>,
    /// Cells kept as the organization's own text (values no entry names, unknown columns).
    pub kept: Vec<KeptValue>,
    pub hash: String,
}

/// Registration and certificate numbers are kept as typed, with Persian digits made ASCII and spaces dropped.
fn compact_number(s: &str) -> Result<String, halqe_domain::Invalid> {
    Ok(halqe_domain::text::digits_to_ascii(s).chars().filter(|c| !c.is_whitespace()).collect())
}

/// A site given without a scheme (`www.example.ir`) is taken as `https://`.
fn website(s: &str) -> Result<String, halqe_domain::Invalid> {
    let lower = s.to_ascii_lowercase();
    let with_scheme = if lower.starts_with("http://") || lower.starts_with("https://") {
        s.to_owned()
    } else {
        format!("https://{s}")
    };
    WebUrl::parse(&with_scheme).map(|u| u.as_str().to_owned())
}

/// Reads one row: the organization, or `None` when a rejecting issue was found.
pub fn parse(cells: &Cells<'_>, names: &Names, memo: &mut Memo, issues: &mut Vec<Issue>) -> Option<OrganizationInput> {
    let name_fa = cells.required("name_fa", issues);
    let name_en = cells.text("name_en", issues);
    let kind = cells.chosen(
        "kind",
        memo,
        names.rule(KeptColumn::Kind, |s| OrgKind::parse(s).ok().map(|k| k.code().to_owned())),
        issues,
    );
    if kind.is_none() && cells.get("kind").is_empty() {
        issues.push(Issue::new("kind", Reason::Invalid(halqe_domain::Invalid::Required)));
    }
    let registration_number = cells.parsed("registration_number", compact_number, issues);
    let province = cells.chosen(
        "province",
        memo,
        names.rule(KeptColumn::Province, |s| Province::parse(s).ok().map(|p| p.code().to_owned())),
        issues,
    );
    let city = cells.text("city", issues);
    let institution = cells.text("institution", issues);
    let website = cells.parsed("website", website, issues);
    let capabilities = cells.parsed("capabilities", |s| Keywords::parse(s).map(|k| k.to_db()), issues);
    let certificate_number = cells.parsed("certificate_number", compact_number, issues);
    let certificate_expires_at = cells.parsed("certificate_expiry", calendar::parse_date, issues);
    let kept = cells.kept(issues);
    if issues.iter().any(|i| i.reason.rejects()) {
        return None;
    }
    let name_fa = name_fa?;
    let expiry = certificate_expires_at.map(|ms| ms.to_string());
    let mut values = vec![
        Some(name_fa.as_str()),
        name_en.as_deref(),
        kind.as_deref(),
        registration_number.as_deref(),
        province.as_deref(),
        city.as_deref(),
        institution.as_deref(),
        website.as_deref(),
        capabilities.as_deref(),
        certificate_number.as_deref(),
        expiry.as_deref(),
    ];
    values.extend(kept_hashed(&kept));
    let hash = content_hash(&values);
    Some(OrganizationInput {
        name_fa,
        name_en,
        kind,
        registration_number,
        province,
        city,
        institution,
        website,
        capabilities,
        certificate_number,
        certificate_expires_at,
        kept,
        hash,
    })
}

impl OrganizationInput {
    /// The keys that make two rows of a file the same organization: its registration number, and its name within the institution.
    pub fn keys(&self) -> Vec<(&'static str, String)> {
        let mut keys = vec![("name_fa", self.name_key())];
        if let Some(r) = &self.registration_number {
            keys.push(("registration_number", r.clone()));
        }
        keys
    }

    fn name_key(&self) -> String {
        format!("{}\u{1F}{}", self.name_fa, self.institution.as_deref().unwrap_or_default())
    }

    /// The closed-list columns this row names an entry for.
    fn named(&self) -> Vec<KeptColumn> {
        let given = [(KeptColumn::Province, &self.province), (KeptColumn::Kind, &self.kind)];
        given.into_iter().filter(|(_, v)| v.is_some()).map(|(c, _)| c).collect()
    }

    /// Who this row is, for telling near-duplicate names apart from the same organization twice.
    pub fn identity(&self) -> &str {
        self.registration_number.as_deref().unwrap_or(&self.name_fa)
    }
}

impl Input<ImportedOrganization> for OrganizationInput {
    fn hash(&self) -> &str {
        &self.hash
    }

    fn merged_into(&self, o: &ImportedOrganization) -> ImportedOrganization {
        let or = |new: &Option<String>, old: &Option<String>| new.clone().or_else(|| old.clone());
        let or_text = |new: &Option<String>, old: &String| new.clone().unwrap_or_else(|| old.clone());
        ImportedOrganization {
            id: o.id.clone(),
            source: o.source.clone(),
            name_fa: self.name_fa.clone(),
            name_en: or_text(&self.name_en, &o.name_en),
            kind: match (&self.kind, o.kind.as_str()) {
                (Some(kind), _) => kind.clone(),
                (None, "") => OrgKind::Other.code().to_owned(),
                (None, stored) => stored.to_owned(),
            },
            registration_number: or(&self.registration_number, &o.registration_number),
            certificate_number: or_text(&self.certificate_number, &o.certificate_number),
            certificate_expires_at: self.certificate_expires_at.or(o.certificate_expires_at),
            province: or(&self.province, &o.province),
            city: or_text(&self.city, &o.city),
            institution: or_text(&self.institution, &o.institution),
            website: or_text(&self.website, &o.website),
            capabilities: or_text(&self.capabilities, &o.capabilities),
            content_hash: self.hash.clone(),
            kept: merge_kept(&o.kept, &self.kept, &self.named()),
        }
    }

    fn create(&self) -> ImportedOrganization {
        self.merged_into(&ImportedOrganization { id: OrganizationId::new().as_str().to_owned(), ..Default::default() })
    }
}

/// The organizations a batch touches, kept current as its rows are decided one after another.
#[derive(Debug, Default)]
struct Known {
    organizations: HashMap<String, ImportedOrganization>,
    by_registration: HashMap<String, String>,
    /// Ids by (Persian name, institution).
    by_name: HashMap<(String, String), Vec<String>>,
}

impl Stored for ImportedOrganization {
    fn keys(&self) -> (&str, &str) {
        (&self.id, &self.content_hash)
    }

    fn set_hash(&mut self, hash: &str) {
        hash.clone_into(&mut self.content_hash);
    }

    fn managed(&self) -> Option<Reason> {
        (self.source != "import").then_some(Reason::Managed)
    }
}

impl Registry for Known {
    type Stored = ImportedOrganization;
    type Input = OrganizationInput;
    const IDENTIFIER: (Identifier, &'static str) = (Identifier::RegistrationNumber, "registration_number");

    fn input(row: &Row) -> Option<&OrganizationInput> {
        row.organization()
    }

    fn put(&mut self, o: ImportedOrganization) {
        if let Some(old) = self.organizations.get(&o.id) {
            if let Some(r) = &old.registration_number {
                self.by_registration.remove(r);
            }
            if let Some(ids) = self.by_name.get_mut(&(old.name_fa.clone(), old.institution.clone())) {
                ids.retain(|id| *id != o.id);
            }
        }
        if let Some(r) = &o.registration_number {
            self.by_registration.insert(r.clone(), o.id.clone());
        }
        self.by_name.entry((o.name_fa.clone(), o.institution.clone())).or_default().push(o.id.clone());
        self.organizations.insert(o.id.clone(), o);
    }

    /// The stored organization a row updates, if any.
    fn decide(&self, input: &OrganizationInput) -> Result<Option<&ImportedOrganization>, Issue> {
        let by_registration = input.registration_number.as_ref().and_then(|r| self.by_registration.get(r));
        if let Some(found) = by_registration.and_then(|id| self.organizations.get(id)) {
            return Ok(Some(found));
        }
        let key = (input.name_fa.clone(), input.institution.clone().unwrap_or_default());
        let ids = self.by_name.get(&key).map(Vec::as_slice).unwrap_or_default();
        let mut same_name = ids.iter().filter_map(|id| self.organizations.get(id)).filter(|o| {
            // A row with a registration number never takes over another registered organization.
            input.registration_number.is_none() || o.registration_number.is_none()
        });
        match (same_name.next(), same_name.next()) {
            (Some(_), Some(_)) => Err(Issue::new("name_fa", Reason::Ambiguous)),
            (found, _) => Ok(found),
        }
    }

    fn declared_holder(&self, input: &OrganizationInput) -> Option<(String, String)> {
        let value = input.registration_number.as_ref()?;
        let holder = self.by_registration.get(value).and_then(|id| self.organizations.get(id))?;
        (holder.source == SELF_DECLARED).then(|| (value.clone(), holder.id.clone()))
    }

    fn release(&mut self, id: &str) -> Option<ImportedOrganization> {
        let original = self.organizations.get(id)?.clone();
        self.put(ImportedOrganization { registration_number: None, ..original.clone() });
        Some(original)
    }
}

/// The `source` of an organization its members registered: its registration number is only declared.
const SELF_DECLARED: &str = "self";

/// Decides every row of a batch in order and, unless `dry_run`, writes the changes.
pub async fn apply(conn: &mut Conn, batch: &mut Batch<'_>, rows: &mut [Row]) -> Result<()> {
    let inputs = || rows.iter().filter_map(|r| r.organization());
    let numbers: Vec<String> = inputs().filter_map(|o| o.registration_number.clone()).collect();
    let names: Vec<String> = inputs().map(|o| o.name_fa.clone()).collect();
    let mut known = Known::default();
    for o in db::by_registration_numbers(conn, &numbers).await?.into_iter().chain(db::by_names(conn, &names).await?) {
        known.put(o);
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
        let owner = halqe_db::identity_conflicts::organization_owner(conn, &d.declarer).await?;
        open_case(conn, batch, identifier, d, owner).await?;
    }
    Ok(())
}
