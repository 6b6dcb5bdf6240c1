//! Kept values: the import columns that name an entry of a closed list (the taxonomy of fields, the
//! provinces, the degrees, the organization kinds), whose unknown values are kept as text until staff map them.

use crate::Invalid;

/// A column whose values name an entry of a closed list; a value no entry names is kept and can be mapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeptColumn {
    /// A person's field of work: a taxonomy field.
    Field,
    /// A person's or an organization's province.
    Province,
    /// A person's degree.
    Degree,
    /// An organization's kind.
    Kind,
}

impl KeptColumn {
    pub const ALL: [KeptColumn; 4] = [Self::Field, Self::Province, Self::Degree, Self::Kind];

    /// The import column's code, stored in `kept_values.column_code`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Field => "field",
            Self::Province => "province",
            Self::Degree => "degree",
            Self::Kind => "kind",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|c| c.code() == s.trim()).ok_or(Invalid::Choice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for c in KeptColumn::ALL {
            assert_eq!(KeptColumn::parse(c.code()), Ok(c));
        }
        assert_eq!(KeptColumn::parse("national_id"), Err(Invalid::Choice));
    }
}
