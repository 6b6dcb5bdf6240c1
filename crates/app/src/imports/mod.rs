//! Bulk import of people and organizations from CSV or XLSX files: idempotent per-row upserts in batched transactions.
//!
//! A run reads the file twice: once to check its structure (nothing is written if it is damaged), then
//! again to import it, [`BATCH_ROWS`] rows per transaction. Each row is decided from what is stored and
//! the row alone, and a stored content hash tells unchanged rows, so a run killed at any point and run
//! again ends where one clean run would.

pub mod columns;
pub mod report;
pub mod show;

mod dedupe;
mod organizations;
mod people;
mod problem;
pub mod read;
mod run;
pub mod workbook;

use std::collections::HashMap;

use halqe_domain::Invalid;
use halqe_domain::ids::ImportRunId;
use sha2::{Digest, Sha256};

pub use halqe_db::imports::Counts;
pub use problem::{FileProblem, Issue, Reason};
pub(crate) use run::execute_job;
pub use run::{Acting, Request, Summary, enqueue, run, run_observed, start};

/// Rows per transaction: a killed run loses at most one batch of work, never half of one.
pub const BATCH_ROWS: usize = 2000;
/// Largest file the web form accepts; the command line has no limit (it streams).
pub const UPLOAD_LIMIT_BYTES: usize = 50 * 1024 * 1024;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    People,
    Organizations,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::People, Kind::Organizations];

    /// Stable code stored on the run and used in URLs and Fluent keys.
    pub fn code(self) -> &'static str {
        match self {
            Self::People => "people",
            Self::Organizations => "organizations",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|k| k.code() == s.trim()).ok_or(Invalid::Choice)
    }
}

/// What happened to a row (or, in a dry run, would have).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Created,
    Updated,
    Unchanged,
    Rejected,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Updated => "updated",
            Self::Unchanged => "unchanged",
            Self::Rejected => "rejected",
        }
    }
}

/// A validated row of either kind.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Record {
    Person(people::PersonInput),
    Organization(organizations::OrganizationInput),
}

/// One data row on its way through a run.
#[derive(Debug, Clone)]
struct Row {
    number: i64,
    cells: Vec<String>,
    label: String,
    /// `None` once the row is rejected.
    record: Option<Record>,
    issues: Vec<Issue>,
    status: Status,
}

impl Row {
    fn person(&self) -> Option<&people::PersonInput> {
        match &self.record {
            Some(Record::Person(p)) => Some(p),
            _ => None,
        }
    }

    fn organization(&self) -> Option<&organizations::OrganizationInput> {
        match &self.record {
            Some(Record::Organization(o)) => Some(o),
            _ => None,
        }
    }

    fn flagged(&self) -> bool {
        self.issues.iter().any(|i| !i.reason.rejects())
    }

    /// Records what the registry made of the row.
    fn settle(&mut self, outcome: Outcome) {
        self.status = match outcome {
            Outcome::Created => Status::Created,
            Outcome::Updated => Status::Updated,
            Outcome::Unchanged => Status::Unchanged,
            Outcome::Flagged(issue) => {
                self.issues.push(issue);
                Status::Unchanged
            }
            Outcome::Rejected(issue) => {
                self.issues.push(issue);
                self.record = None;
                Status::Rejected
            }
        };
    }
}

/// The decision for one row.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Created,
    Updated,
    Unchanged,
    /// Left unchanged, with a flag for staff.
    Flagged(Issue),
    Rejected(Issue),
}

/// What a batch needs to know about its run.
#[derive(Debug)]
struct Batch<'a> {
    run: &'a ImportRunId,
    now: i64,
    dry_run: bool,
    /// Stored records already matched by an earlier row of the file, with that row.
    touched: &'a mut HashMap<u128, i64>,
}

impl Batch<'_> {
    /// The earlier row that matched this stored record, or `None` (and remembers this row).
    fn first_touch(&mut self, id: &str, row: i64) -> Option<i64> {
        let key = u128::from_le_bytes(Sha256::digest(id.as_bytes())[..16].try_into().unwrap_or_default());
        match self.touched.get(&key) {
            Some(first) => Some(*first),
            None => {
                self.touched.insert(key, row);
                None
            }
        }
    }
}

/// A stored person or organization as an import compares and rewrites it.
trait Stored: Clone + PartialEq {
    /// Its id and content hash.
    fn keys(&self) -> (&str, &str);
    fn set_hash(&mut self, hash: &str);
    /// Why the import must leave it alone (its owner manages it), if so.
    fn managed(&self) -> Option<Reason>;
}

/// A validated row as an import applies it to a stored record.
trait Input<S> {
    fn hash(&self) -> &str;
    /// The stored record with this row's non-blank values written over it (a new record from `S::default()`).
    fn merged_into(&self, stored: &S) -> S;
    /// A new record with a fresh id.
    fn create(&self) -> S;
}

/// The stored records a batch touches, kept current as its rows are decided one after another.
trait Registry {
    type Stored: Stored;
    type Input: Input<Self::Stored>;
    fn input(row: &Row) -> Option<&Self::Input>;
    fn put(&mut self, stored: Self::Stored);
    /// The stored record a row updates (`None`: it creates one), or why it cannot be applied.
    fn decide(&self, input: &Self::Input) -> Result<Option<&Self::Stored>, Issue>;
}

/// Decides every row of a batch in file order; returns the records to create and to update.
fn decide_all<R: Registry>(known: &mut R, batch: &mut Batch<'_>, rows: &mut [Row]) -> (Vec<R::Stored>, Vec<R::Stored>) {
    let (mut created, mut updated) = (Vec::new(), Vec::new());
    for row in rows.iter_mut() {
        let Some(input) = R::input(row) else { continue };
        let (outcome, write) = match known.decide(input) {
            Err(issue) => (Outcome::Rejected(issue), None),
            Ok(None) => (Outcome::Created, Some(input.create())),
            Ok(Some(stored)) => {
                let (id, hash) = stored.keys();
                match batch.first_touch(id, row.number) {
                    Some(first) => (Outcome::Rejected(Issue::new("", Reason::DuplicateInFile(first))), None),
                    None if hash == input.hash() => (Outcome::Unchanged, None),
                    None => match stored.managed() {
                        Some(reason) => (Outcome::Flagged(Issue::new("", reason)), None),
                        None => {
                            let mut merged = input.merged_into(stored);
                            let (_, new_hash) = merged.keys();
                            let new_hash = new_hash.to_owned();
                            merged.set_hash(hash);
                            if merged == *stored {
                                (Outcome::Unchanged, None)
                            } else {
                                merged.set_hash(&new_hash);
                                (Outcome::Updated, Some(merged))
                            }
                        }
                    },
                }
            }
        };
        if let Some(record) = write {
            known.put(record.clone());
            match outcome {
                Outcome::Created => created.push(record),
                _ => updated.push(record),
            }
        }
        row.settle(outcome);
    }
    (created, updated)
}

/// The digest of a row's values in column order (blank and empty told apart), hex.
fn content_hash(values: &[Option<&str>]) -> String {
    let mut h = Sha256::new();
    for v in values {
        match v {
            Some(s) => {
                h.update([1]);
                h.update((s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            None => h.update([0]),
        }
    }
    hex::encode(h.finalize())
}

/// The template file of a kind (Persian headers, UTF-8 with BOM).
pub fn template(kind: Kind) -> Vec<u8> {
    columns::template(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_tell_blank_from_empty_and_order() {
        assert_ne!(content_hash(&[None, Some("a")]), content_hash(&[Some(""), Some("a")]));
        assert_ne!(content_hash(&[Some("ab"), Some("c")]), content_hash(&[Some("a"), Some("bc")]));
        assert_eq!(content_hash(&[Some("x")]), content_hash(&[Some("x")]));
    }

    #[test]
    fn kinds_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.code()), Ok(k));
        }
        assert_eq!(Kind::parse("agencies"), Err(Invalid::Choice));
    }
}
