//! What the index holds about one person, organization or need: built by `app` from the database.

use serde::{Deserialize, Serialize};

/// The kind of an indexed document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Person,
    Organization,
    Need,
}

impl DocKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organization => "organization",
            Self::Need => "need",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Person, Self::Organization, Self::Need].into_iter().find(|k| k.code() == s)
    }
}

/// One publication as the matcher explains it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationText {
    pub title: String,
    pub text: String,
}

/// The searchable form of one entity.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexDoc {
    pub id: String,
    pub kind: Option<DocKind>,
    /// `public`, `agencies` or `private`: listings filter on it.
    pub visibility: String,
    /// Users who always see this document (the person, the organization's members).
    pub owners: Vec<String>,
    pub name: String,
    pub name_en: String,
    /// Taxonomy field ids, primary first.
    pub fields: Vec<String>,
    pub province: String,
    pub org_kind: String,
    pub availability: String,
    pub verified: bool,
    /// Past government projects plus completed pilots.
    pub track_record: u64,
    pub skills: String,
    pub bio: String,
    pub publications: Vec<PublicationText>,
    pub projects: String,
    pub capabilities: String,
}
