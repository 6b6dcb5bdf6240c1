//! Why a candidate was proposed: the match explanation kept with the introduction as it was at the request.

use halqe_search::matching::Match;
use halqe_search::surface::MatchedTerm;
use serde::{Deserialize, Deserializer, Serialize};

/// One signal's part in the score.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WhySignal {
    pub name: String,
    pub value: f32,
    pub weight: f32,
    pub share: f32,
}

/// The explanation of a match, stored as JSON on the introduction.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Why {
    pub score: f32,
    pub signals: Vec<WhySignal>,
    #[serde(deserialize_with = "matched_terms")]
    pub matched_terms: Vec<MatchedTerm>,
    pub matched_fields: Vec<String>,
    pub matched_publications: Vec<(String, f32)>,
    pub shared_fields: Vec<String>,
    /// Found only by meaning, by none of the need's words.
    pub by_meaning: bool,
}

impl From<&Match> for Why {
    fn from(m: &Match) -> Self {
        Self {
            score: m.score,
            signals: m
                .signals
                .iter()
                .map(|s| WhySignal { name: s.name.to_owned(), value: s.value, weight: s.weight, share: s.share })
                .collect(),
            matched_terms: m.matched_terms.clone(),
            matched_fields: m.matched_fields.iter().map(|f| (*f).to_owned()).collect(),
            matched_publications: m.matched_publications.clone(),
            shared_fields: m.shared_fields.clone(),
            by_meaning: m.by_meaning,
        }
    }
}

/// A matched term as stored: written forms, or the analyzed term alone in explanations kept before
/// they carried forms (shown as it was).
#[derive(Deserialize)]
#[serde(untagged)]
enum StoredTerm {
    Forms(MatchedTerm),
    Term(String),
}

fn matched_terms<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<MatchedTerm>, D::Error> {
    let stored = Vec::<StoredTerm>::deserialize(d)?;
    Ok(stored
        .into_iter()
        .map(|t| match t {
            StoredTerm::Forms(forms) => forms,
            StoredTerm::Term(term) => MatchedTerm { need: term.clone(), profile: term },
        })
        .collect())
}

impl Why {
    /// Reads the stored JSON; an unreadable snapshot shows as no explanation rather than failing the page.
    pub fn from_db(json: &str) -> Self {
        serde_json::from_str(json).unwrap_or_default()
    }

    pub fn to_db(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Whether there is anything to explain (a candidate the index did not score has none).
    pub fn is_empty(&self) -> bool {
        self.signals.is_empty() && self.matched_terms.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_tolerates_garbage() {
        let why = Why {
            score: 0.5,
            signals: vec![WhySignal { name: "text".into(), value: 0.8, weight: 0.6, share: 0.9 }],
            matched_terms: vec![MatchedTerm { need: "داده‌های".into(), profile: "داده".into() }],
            matched_fields: vec!["skills".into()],
            matched_publications: vec![("عنوان".into(), 0.4)],
            shared_fields: vec![],
            by_meaning: true,
        };
        assert_eq!(Why::from_db(&why.to_db()), why);
        let before = r#"{"score":0.5,"signals":[],"matched_terms":[],"matched_fields":[],"matched_publications":[],"shared_fields":[]}"#;
        assert!(!Why::from_db(before).by_meaning, "explanations stored before it read as found by words");
        assert!(Why::from_db("not json").is_empty());
        assert!(Why::from_db("{}").is_empty());
        let older = Why::from_db(r#"{"score":0.5,"matched_terms":["داده"]}"#);
        assert_eq!(older.matched_terms, [MatchedTerm { need: "داده".into(), profile: "داده".into() }]);
    }
}
