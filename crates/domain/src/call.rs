//! Calls: a round with dates and rules that staff group challenges into and publish.

use serde::{Deserialize, Serialize};

use crate::Invalid;

/// Whether a call is shown to the public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being prepared by staff.
    Draft,
    /// On the public call pages with its published challenges.
    Published,
}

impl Status {
    pub const ALL: [Status; 2] = [Status::Draft, Status::Published];

    /// Stable code (Fluent `call-status-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(Invalid::Choice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Ok(s));
        }
        assert_eq!(Status::parse("open"), Err(Invalid::Choice));
    }
}
