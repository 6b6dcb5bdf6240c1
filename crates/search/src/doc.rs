//! What the index holds about one person, organization, need or challenge: built by `app` from the database.

use serde::{Deserialize, Serialize};

/// The kind of an indexed document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Person,
    Organization,
    Need,
    /// A published challenge: found by the catalogue, never by the directory or the matcher.
    Challenge,
}

impl DocKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organization => "organization",
            Self::Need => "need",
            Self::Challenge => "challenge",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Person, Self::Organization, Self::Need, Self::Challenge].into_iter().find(|k| k.code() == s)
    }
}

/// One publication as the matcher explains it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PublicationText {
    pub title: String,
    pub text: String,
    /// Gregorian year, if known: recent work weighs more in a profile's expertise.
    #[serde(default)]
    pub year: Option<i32>,
    /// The semantic embedding of [`PublicationText::passage`], empty without an embedder; stored like
    /// [`IndexDoc::vector`].
    #[serde(skip)]
    pub vector: Vec<f32>,
}

impl PublicationText {
    /// A publication without year or vector.
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> Self {
        Self { title: title.into(), text: text.into(), ..Self::default() }
    }

    /// What the semantic signal embeds of it: title, then venue and abstract.
    pub fn passage(&self) -> String {
        format!("{}\n{}", self.title, self.text).trim().to_owned()
    }
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
    /// Further provinces, for a document tied to several (a challenge's eligible provinces).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provinces: Vec<String>,
    pub org_kind: String,
    pub availability: String,
    pub verified: bool,
    /// Past projects (government ones) plus completed pilots.
    pub track_record: u64,
    pub skills: String,
    pub bio: String,
    pub publications: Vec<PublicationText>,
    pub past_projects: String,
    pub capabilities: String,
    /// The semantic embedding of [`IndexDoc::summary`], empty when the node has no embedder or the
    /// summary is empty. Stored in the index as little-endian `f32` bytes beside the JSON source, never
    /// as JSON numbers.
    #[serde(skip)]
    pub vector: Vec<f32>,
}

impl IndexDoc {
    /// What the semantic signal embeds of the profile besides its publications (each embedded on its
    /// own): skills, capabilities, bio and past projects, without the name, like the lexical text signal.
    pub fn summary(&self) -> String {
        [&self.skills, &self.capabilities, &self.bio, &self.past_projects]
            .into_iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_is_the_expertise_without_the_name_publications_or_empty_parts() {
        let doc = IndexDoc {
            name: "نسرین".into(),
            skills: "تحلیل داده".into(),
            bio: "  ".into(),
            past_projects: "سامانه نوبت‌دهی".into(),
            publications: vec![PublicationText::new("صف", "چکیده")],
            ..IndexDoc::default()
        };
        assert_eq!(doc.summary(), "تحلیل داده\nسامانه نوبت‌دهی");
        assert_eq!(doc.publications[0].passage(), "صف\nچکیده");
        assert_eq!(PublicationText::new("صف", "").passage(), "صف");
        assert_eq!(IndexDoc::default().summary(), "");
    }
}
