//! Government agencies (دستگاه اجرایی): their kinds and validated names.

use serde::{Deserialize, Serialize};

use crate::Invalid;

/// The legal kind of an agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// وزارتخانه
    Ministry,
    /// سازمان (national organization)
    Organization,
    /// اداره کل استانی
    ProvincialOffice,
    /// شرکت دولتی
    StateCompany,
    /// دانشگاه دولتی
    University,
    /// سایر
    Other,
}

impl AgencyKind {
    pub const ALL: [AgencyKind; 6] = [
        AgencyKind::Ministry,
        AgencyKind::Organization,
        AgencyKind::ProvincialOffice,
        AgencyKind::StateCompany,
        AgencyKind::University,
        AgencyKind::Other,
    ];

    /// Stable code stored in the database and used in Fluent keys (`agency-kind-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Ministry => "ministry",
            Self::Organization => "organization",
            Self::ProvincialOffice => "provincial_office",
            Self::StateCompany => "state_company",
            Self::University => "university",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|k| k.code() == s.trim()).ok_or(Invalid::Choice)
    }
}
