//! The organization form: what it sends and the rules every field must pass (shared by create and edit).

use halqe_db::Conn;
use halqe_db::organizations::{self, OrganizationRow};
use halqe_domain::calendar;
use halqe_domain::identity::Identifier;
use halqe_domain::locale::Locale;
use halqe_domain::profile::{WebUrl, line, optional, paragraph, required_line};
use halqe_domain::province::Province;
use halqe_domain::registry::{OrgKind, Visibility};
use halqe_domain::text::digits_to_ascii;

use super::OrganizationView;
use crate::fields::Taxonomy;
use crate::identity_conflicts::{self, Answer, Held};
use crate::people::stored;
use crate::{FormErrors, Result};

pub(crate) const NAME: usize = 200;
const NUMBER: usize = 30;
pub(crate) const TEXT: usize = 4000;

/// What the organization form sends, as typed.
#[derive(Debug, Clone, Default)]
pub struct OrganizationForm {
    pub name_fa: String,
    pub name_en: String,
    pub kind: String,
    pub registration_number: String,
    pub certificate_number: String,
    /// A Solar Hijri (`1405/03/15`) or Gregorian (`2026-06-05`) date.
    pub certificate_expires_at: String,
    pub province: String,
    pub city: String,
    pub institution: String,
    pub website: String,
    pub description_fa: String,
    pub description_en: String,
    pub capabilities: String,
    pub products: String,
    pub primary_field: String,
    pub visibility: String,
}

impl OrganizationForm {
    /// An empty form with the default visibility chosen.
    pub fn blank() -> Self {
        Self { visibility: Visibility::default().code().to_owned(), ..Self::default() }
    }

    /// The form filled from an organization, dates in the calendar of `locale`.
    pub fn from_view(o: &OrganizationView, locale: Locale) -> Self {
        Self {
            name_fa: o.name_fa.clone(),
            name_en: o.name_en.clone(),
            kind: o.kind.code().to_owned(),
            registration_number: o.registration_number.clone().unwrap_or_default(),
            certificate_number: o.certificate_number.clone(),
            certificate_expires_at: o
                .certificate_expires_at
                .map(|t| calendar::date_input(t, locale))
                .unwrap_or_default(),
            province: o.province.map(|p| p.code().to_owned()).unwrap_or_default(),
            city: o.city.clone(),
            institution: o.institution.clone(),
            website: o.website.as_ref().map(|w| w.as_str().to_owned()).unwrap_or_default(),
            description_fa: o.description_fa.clone(),
            description_en: o.description_en.clone(),
            capabilities: o.capabilities.clone(),
            products: o.products.clone(),
            primary_field: o.primary_field.as_ref().map(|f| f.id.clone()).unwrap_or_default(),
            visibility: o.visibility.code().to_owned(),
        }
    }

    /// Checks every field over `base` (the stored row, or a blank one); every error is reported at once.
    /// A registration number another organization holds is not refused: `base`'s own is kept and the
    /// declaration is returned for a staff case (see [`identity_conflicts::declare`]).
    pub(crate) async fn validate(
        &self,
        conn: &mut Conn,
        base: &OrganizationRow,
    ) -> Result<(OrganizationRow, Option<Held>, Answer)> {
        let taxonomy = Taxonomy::load(conn).await?;
        let mut e = FormErrors::default();
        let kind = e.check("kind", OrgKind::parse(&self.kind));
        let knowledge_based = kind == Some(OrgKind::KnowledgeBased);
        let registration = e.check("registration_number", line(&digits_to_ascii(&self.registration_number), NUMBER));
        let certificate = e.check("certificate_number", line(&digits_to_ascii(&self.certificate_number), NUMBER));
        let expires = e.check("certificate_expires_at", optional(&self.certificate_expires_at, calendar::parse_date));
        if knowledge_based {
            // A knowledge-based company is one with a certificate: its number and expiry are required.
            if certificate.as_deref() == Some("") {
                e.add("certificate_number", "required");
            }
            if expires == Some(None) {
                e.add("certificate_expires_at", "required");
            }
        }
        let primary_field = e.check(
            "primary_field",
            optional(&self.primary_field, |s| {
                taxonomy.get(s.trim()).map(|f| f.id.clone()).ok_or(halqe_domain::Invalid::Choice)
            }),
        );
        let row = OrganizationRow {
            name_fa: e.check("name_fa", required_line(&self.name_fa, NAME)).unwrap_or_default(),
            name_en: e.check("name_en", line(&self.name_en, NAME)).unwrap_or_default(),
            kind: kind.unwrap_or(OrgKind::Other).code().to_owned(),
            registration_number: registration.filter(|r| !r.is_empty()),
            certificate_number: if knowledge_based { certificate.unwrap_or_default() } else { String::new() },
            certificate_expires_at: if knowledge_based { expires.flatten() } else { None },
            province: stored(e.check("province", optional(&self.province, Province::parse)), |p| p.code()),
            city: e.check("city", line(&self.city, NAME)).unwrap_or_default(),
            institution: e.check("institution", line(&self.institution, NAME)).unwrap_or_default(),
            website: stored(e.check("website", optional(&self.website, WebUrl::parse)), WebUrl::as_str)
                .unwrap_or_default(),
            description_fa: e.check("description_fa", paragraph(&self.description_fa, TEXT)).unwrap_or_default(),
            description_en: e.check("description_en", paragraph(&self.description_en, TEXT)).unwrap_or_default(),
            capabilities: e.check("capabilities", paragraph(&self.capabilities, TEXT)).unwrap_or_default(),
            products: e.check("products", paragraph(&self.products, TEXT)).unwrap_or_default(),
            primary_field: primary_field.flatten(),
            visibility: e.check("visibility", Visibility::parse(&self.visibility)).unwrap_or_default().code().into(),
            ..base.clone()
        };
        e.finish()?;
        let mut row = row;
        let holder = match &row.registration_number {
            Some(n) => organizations::by_registration_number(conn, n).await?.map(|o| o.id).filter(|id| *id != base.id),
            None => None,
        };
        let pending = identity_conflicts::pending(conn, &base.id, Identifier::RegistrationNumber).await?;
        let shown = pending.as_deref().or(base.registration_number.as_deref());
        let stored = base.registration_number.clone();
        let (number, held, answer) = identity_conflicts::declare(
            Identifier::RegistrationNumber,
            row.registration_number.take(),
            holder,
            stored,
            shown,
        );
        row.registration_number = number;
        Ok((row, held, answer))
    }
}
