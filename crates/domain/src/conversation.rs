//! What a conversation is attached to: an object of the platform, named by its kind and id. Who may read
//! and write in it is the object's own rule (`app::conversations::subjects`), never a rule of its own.

use serde::{Deserialize, Serialize};

use crate::Invalid;
use crate::ids::Id;

/// The kinds of object a conversation (and a notification) can be about. A new kind joins as a variant
/// here; the compiler then points at every rule it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Introduction,
    /// Its conversation is the review thread of the owning agency's officers and center staff.
    Challenge,
    Proposal,
    /// A reviewer's assignment (its id): what their review notices are about. It has no conversation.
    Review,
}

impl SubjectKind {
    pub const ALL: [SubjectKind; 4] =
        [SubjectKind::Introduction, SubjectKind::Challenge, SubjectKind::Proposal, SubjectKind::Review];

    /// Stable code stored in the database and used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Self::Introduction => "introduction",
            Self::Challenge => "challenge",
            Self::Proposal => "proposal",
            Self::Review => "review",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|k| k.code() == s.trim()).ok_or(Invalid::Choice)
    }
}

/// One object a conversation is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Subject {
    pub kind: SubjectKind,
    /// The object's id (a UUID).
    pub id: String,
}

impl Subject {
    pub fn new(kind: SubjectKind, id: impl Into<String>) -> Self {
        Self { kind, id: id.into() }
    }

    /// Reads a kind code and an id as a URL carries them; `None` for an unknown kind or a malformed id.
    pub fn parse(kind: &str, id: &str) -> Option<Self> {
        let kind = SubjectKind::parse(kind).ok()?;
        let id = Id::<()>::parse(id)?;
        Some(Self { kind, id: id.to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_parse_only_known_kinds_and_ids() {
        let id = Id::<()>::new().to_string();
        assert_eq!(Subject::parse("introduction", &id), Some(Subject::new(SubjectKind::Introduction, id.clone())));
        assert_eq!(Subject::parse("wizard", &id), None);
        assert_eq!(Subject::parse("introduction", "1 OR 1=1"), None);
        for k in SubjectKind::ALL {
            assert_eq!(SubjectKind::parse(k.code()), Ok(k));
        }
    }
}
