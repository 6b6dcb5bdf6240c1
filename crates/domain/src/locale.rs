//! The two interface languages: Persian first, English second.

use serde::{Deserialize, Serialize};

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Fa,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Fa, Locale::En];

    /// BCP 47 code, also the value of `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Fa => "fa",
            Self::En => "en",
        }
    }

    /// Text direction for `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Self::Fa => "rtl",
            Self::En => "ltr",
        }
    }

    /// Reads a code such as `fa`, `en`, `en-US`; anything else is `None`.
    pub fn parse(s: &str) -> Option<Self> {
        let primary = s.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "fa" => Some(Self::Fa),
            "en" => Some(Self::En),
            _ => None,
        }
    }
}
