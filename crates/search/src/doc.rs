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
    /// The semantic embedding of [`IndexDoc::passage`], empty when the node has no embedder. Stored in
    /// the index as little-endian `f32` bytes beside the JSON source, never as JSON numbers.
    #[serde(skip)]
    pub vector: Vec<f32>,
}

impl IndexDoc {
    /// What the semantic signal embeds: the profile's expertise (skills, capabilities, bio, projects,
    /// publications with their venue and abstract), without the name, like the lexical text signal.
    pub fn passage(&self) -> String {
        let publications = self.publications.iter().map(|p| format!("{}\n{}", p.title, p.text));
        [self.skills.clone(), self.capabilities.clone(), self.bio.clone(), self.projects.clone()]
            .into_iter()
            .chain(publications)
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_passage_is_the_expertise_without_the_name_or_empty_parts() {
        let doc = IndexDoc {
            name: "نسرین".into(),
            skills: "تحلیل داده".into(),
            bio: "  ".into(),
            projects: "سامانه نوبت‌دهی".into(),
            publications: vec![PublicationText { title: "صف".into(), text: "چکیده".into() }],
            ..IndexDoc::default()
        };
        assert_eq!(doc.passage(), "تحلیل داده\nسامانه نوبت‌دهی\nصف\nچکیده");
        assert_eq!(IndexDoc::default().passage(), "");
    }
}
