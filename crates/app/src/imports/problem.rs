//! What can be wrong with an import: the whole file (nothing is imported) or one row (it is rejected or flagged).

use halqe_domain::Invalid;

/// Why a file cannot be imported at all; `code` names the Fluent message `import-problem-<code>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileProblem {
    #[error("the file is empty")]
    Empty,
    #[error("the file is not text (CSV) or an XLSX workbook")]
    NotText,
    #[error("unsupported file format: {0}")]
    Unsupported(String),
    #[error("the file is damaged or truncated: {0}")]
    Malformed(String),
    #[error("the first row has no recognised column header")]
    NoHeader,
    #[error("required columns are missing: {0}")]
    MissingColumns(String),
    #[error("a column appears twice: {0}")]
    DuplicateColumn(String),
    #[error("row {0} is longer than the limit of a single row")]
    RecordTooLong(i64),
    #[error("the file could not be read: {0}")]
    Io(String),
    #[error("the workbook expands beyond the limits: {0}")]
    TooLarge(String),
    #[error("the worksheet's rows are out of order: row {0} comes after a later row")]
    RowOutOfOrder(i64),
}

impl FileProblem {
    /// The stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::NotText => "not_text",
            Self::Unsupported(_) => "unsupported",
            Self::Malformed(_) => "malformed",
            Self::NoHeader => "no_header",
            Self::MissingColumns(_) => "missing_columns",
            Self::DuplicateColumn(_) => "duplicate_column",
            Self::RecordTooLong(_) => "record_too_long",
            Self::Io(_) => "io",
            Self::TooLarge(_) => "too_large",
            Self::RowOutOfOrder(_) => "row_out_of_order",
        }
    }

    /// The message's argument (a column list, a row number, a library's message), or empty.
    pub fn detail(&self) -> String {
        match self {
            Self::Empty | Self::NotText | Self::NoHeader => String::new(),
            Self::Unsupported(d)
            | Self::Malformed(d)
            | Self::MissingColumns(d)
            | Self::DuplicateColumn(d)
            | Self::Io(d)
            | Self::TooLarge(d) => d.clone(),
            Self::RecordTooLong(row) | Self::RowOutOfOrder(row) => row.to_string(),
        }
    }
}

/// Why a row was rejected (it changes nothing) or flagged (it was applied; staff should look).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A value failed its domain rule (national ID checksum, province, email, mobile, required).
    Invalid(Invalid),
    /// Longer than the column's limit (the limit).
    TooLong(usize),
    /// A value this column does not understand (degree, kind, website, date).
    Unrecognised,
    /// Neither a national ID nor an email to recognise the person by.
    MissingKey,
    /// The same key as an earlier row of the file (that row).
    DuplicateInFile(i64),
    /// The email belongs to another person.
    EmailTaken,
    /// Several organizations of the institution carry this name.
    Ambiguous,
    /// Not as many cells as the header row has (its width): a damaged or truncated line.
    CellCount(usize),
    /// Characters that could not be decoded.
    BadEncoding,
    /// Flag: nearly the same name as an earlier row of the same institution (that row).
    NearDuplicate(i64),
    /// Flag: the person claimed the profile, so the file's changes were not applied.
    Claimed,
    /// Flag: the organization's members manage its profile, so the file's changes were not applied.
    Managed,
    /// Flag: the value names no entry of the column's list (taxonomy, provinces, degrees, kinds) and no staff
    /// mapping: it is kept as the record's own text until staff map it.
    Kept,
    /// Flag: a self-registered profile had declared this identifier; the row's record holds it now and
    /// staff decide (an identity conflict).
    IdentityConflict,
}

impl Reason {
    /// Whether the row is rejected (else it is only flagged).
    pub fn rejects(self) -> bool {
        !matches!(self, Self::NearDuplicate(_) | Self::Claimed | Self::Managed | Self::Kept | Self::IdentityConflict)
    }

    /// The Fluent key of the message, for a problem in `column`.
    pub fn key(self, column: &str) -> String {
        let code = match self {
            Self::Invalid(
                i @ (Invalid::Required
                | Invalid::TooLong
                | Invalid::TooMany
                | Invalid::NationalId
                | Invalid::Mobile
                | Invalid::Province
                | Invalid::Email),
            ) => return format!("invalid-{}", i.code()),
            Self::Invalid(_) | Self::Unrecognised => return format!("import-issue-bad-{column}"),
            Self::TooLong(_) => "too_long",
            Self::MissingKey => "missing_key",
            Self::DuplicateInFile(_) => "duplicate_in_file",
            Self::EmailTaken => "email_taken",
            Self::Ambiguous => "ambiguous",
            Self::CellCount(_) => "cell_count",
            Self::BadEncoding => "bad_encoding",
            Self::NearDuplicate(_) => "near_duplicate",
            Self::Claimed => "claimed",
            Self::Managed => "managed",
            Self::Kept => "kept",
            Self::IdentityConflict => "identity_conflict",
        };
        format!("import-issue-{code}")
    }

    /// The message's `count` argument, or empty.
    pub fn detail(self) -> String {
        match self {
            Self::TooLong(n) | Self::CellCount(n) => n.to_string(),
            Self::DuplicateInFile(row) | Self::NearDuplicate(row) => row.to_string(),
            _ => String::new(),
        }
    }
}

/// A reason attached to a column of a row ("" for the whole row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub column: &'static str,
    pub reason: Reason,
}

impl Issue {
    pub fn new(column: &'static str, reason: Reason) -> Self {
        Self { column, reason }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_details() {
        assert_eq!(Reason::Invalid(Invalid::NationalId).key("national_id"), "invalid-national_id");
        assert_eq!(Reason::Invalid(Invalid::Choice).key("degree"), "import-issue-bad-degree");
        assert_eq!(Reason::Invalid(Invalid::TooLong).key("skills"), "invalid-too_long");
        assert_eq!(Reason::DuplicateInFile(7).key(""), "import-issue-duplicate_in_file");
        assert_eq!(Reason::DuplicateInFile(7).detail(), "7");
        assert!(Reason::EmailTaken.rejects());
        assert!(!Reason::NearDuplicate(2).rejects());
        assert_eq!(FileProblem::RecordTooLong(9).detail(), "9");
        assert_eq!(FileProblem::MissingColumns("نام".into()).code(), "missing_columns");
    }
}
