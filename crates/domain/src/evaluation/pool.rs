//! A call's reviewer pool and its assignment: bounded loads, what a declared conflict is about, staff's
//! rules on pairs, and the states of a solve.

use crate::Invalid;

/// The largest load cap staff may give one reviewer in one call.
pub const MAX_LOAD: i64 = 200;
/// Longest declared-conflict note, and longest removal reason.
pub const NOTE: usize = 500;

/// A load cap: 1 to [`MAX_LOAD`] proposals, Persian or ASCII digits.
pub fn max_load(raw: &str) -> Result<i64, Invalid> {
    let s = crate::text::digits_to_ascii(raw.trim());
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Invalid::Number);
    }
    s.parse::<i64>().ok().filter(|n| (1..=MAX_LOAD).contains(n)).ok_or(Invalid::Number)
}

/// What a reviewer's declared conflict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    Proposal,
    Organization,
    Person,
}

impl About {
    pub const ALL: [About; 3] = [About::Proposal, About::Organization, About::Person];

    pub fn code(self) -> &'static str {
        match self {
            Self::Proposal => "proposal",
            Self::Organization => "organization",
            Self::Person => "person",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|a| a.code() == s.trim()).ok_or(Invalid::Choice)
    }
}

/// Staff's rule on one (proposal, reviewer) pair of a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Always assign this pair.
    Pin,
    /// Never assign it.
    Forbid,
}

impl Rule {
    pub const ALL: [Rule; 2] = [Rule::Pin, Rule::Forbid];

    pub fn code(self) -> &'static str {
        match self {
            Self::Pin => "pin",
            Self::Forbid => "forbid",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|r| r.code() == s.trim()).ok_or(Invalid::Choice)
    }
}

/// What a solve maximises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The total affinity.
    Total,
    /// The worst-off proposal's affinity first, then the total.
    Fair,
}

impl Mode {
    pub const ALL: [Mode; 2] = [Mode::Total, Mode::Fair];

    pub fn code(self) -> &'static str {
        match self {
            Self::Total => "total",
            Self::Fair => "fair",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|m| m.code() == s.trim()).ok_or(Invalid::Choice)
    }
}

/// Where a solve stands: running, then proposed (or infeasible, failed, cancelled); a proposed run is
/// applied or discarded by staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunState {
    Running,
    Proposed,
    Infeasible,
    Failed,
    Cancelled,
    Applied,
    Discarded,
}

impl RunState {
    pub const ALL: [RunState; 7] = [
        RunState::Running,
        RunState::Proposed,
        RunState::Infeasible,
        RunState::Failed,
        RunState::Cancelled,
        RunState::Applied,
        RunState::Discarded,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Proposed => "proposed",
            Self::Infeasible => "infeasible",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
            Self::Applied => "applied",
            Self::Discarded => "discarded",
        }
    }

    /// The stored code; an unknown one reads as failed.
    pub fn parse(s: &str) -> Self {
        Self::ALL.into_iter().find(|r| r.code() == s).unwrap_or(Self::Failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_are_bounded_and_read_persian_digits() {
        assert_eq!(max_load("۱۲"), Ok(12));
        assert_eq!(max_load(" 200 "), Ok(200));
        for bad in ["0", "201", "", "-3", "2.5", "دوازده", "99999"] {
            assert_eq!(max_load(bad), Err(Invalid::Number), "{bad}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for a in About::ALL {
            assert_eq!(About::parse(a.code()), Ok(a));
        }
        for r in Rule::ALL {
            assert_eq!(Rule::parse(r.code()), Ok(r));
        }
        for m in Mode::ALL {
            assert_eq!(Mode::parse(m.code()), Ok(m));
        }
        for s in RunState::ALL {
            assert_eq!(RunState::parse(s.code()), s);
        }
        assert_eq!(About::parse("family"), Err(Invalid::Choice));
    }
}
