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
mod names;
mod organizations;
mod people;
mod problem;
pub mod read;
mod run;
pub mod workbook;

use std::collections::HashMap;

use halqe_db::Conn;
use halqe_db::kept_values::KeptValue;
use halqe_domain::Invalid;
use halqe_domain::identity::Identifier;
use halqe_domain::ids::{ImportRunId, UserId};
use halqe_domain::kept_value::KeptColumn;
use sha2::{Digest, Sha256};

use crate::{Error, Result, identity_conflicts};

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
    /// The staff member who started the run (`None` at the command line).
    by: Option<&'a UserId>,
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
    /// The identifier that keys this kind of record, and its column.
    const IDENTIFIER: (Identifier, &'static str);
    fn input(row: &Row) -> Option<&Self::Input>;
    fn put(&mut self, stored: Self::Stored);
    /// The stored record a row updates (`None`: it creates one), or why it cannot be applied.
    fn decide(&self, input: &Self::Input) -> Result<Option<&Self::Stored>, Issue>;
    /// The row's identifier and the record that holds it only by its own declaration (a self-registered
    /// profile), unless the row is evidently that record (its other key matches too).
    fn declared_holder(&self, input: &Self::Input) -> Option<(String, String)>;
    /// Takes the identifier away from a stored record; returns the record as it was.
    fn release(&mut self, id: &str) -> Option<Self::Stored>;
}

/// An identifier an import took from a record that had only declared it, for the record the row wrote; the
/// declaring record's case goes to staff ([`crate::identity_conflicts`]), so a declaration never blocks the
/// institution's record, and nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Displaced {
    value: String,
    /// The record that declared it.
    declarer: String,
    /// The record the row created or updated, which holds it now.
    holder: String,
}

/// What a batch writes.
#[derive(Debug)]
struct Decided<S> {
    created: Vec<S>,
    updated: Vec<S>,
    displaced: Vec<Displaced>,
}

/// Decides every row of a batch in file order.
fn decide_all<R: Registry>(known: &mut R, batch: &mut Batch<'_>, rows: &mut [Row]) -> Decided<R::Stored> {
    let mut decided = Decided { created: Vec::new(), updated: Vec::new(), displaced: Vec::new() };
    for row in rows.iter_mut() {
        let Some(input) = R::input(row) else { continue };
        let declared = known.declared_holder(input);
        let released = declared.as_ref().and_then(|(_, declarer)| known.release(declarer));
        let (outcome, write) = decide(known, batch, row.number, input);
        match (write, released) {
            (Some(record), released) => {
                if let Some((value, declarer)) = declared.filter(|_| released.is_some()) {
                    let holder = record.keys().0.to_owned();
                    decided.displaced.push(Displaced { value, declarer, holder });
                    row.issues.push(Issue::new(R::IDENTIFIER.1, Reason::IdentityConflict));
                }
                known.put(record.clone());
                match outcome {
                    Outcome::Created => decided.created.push(record),
                    _ => decided.updated.push(record),
                }
            }
            // The row wrote nothing: the declaring record keeps what it declared.
            (None, Some(original)) => known.put(original),
            (None, None) => {}
        }
        row.settle(outcome);
    }
    decided
}

/// Decides one row: its outcome and the record it writes, if any.
fn decide<R: Registry>(
    known: &R,
    batch: &mut Batch<'_>,
    number: i64,
    input: &R::Input,
) -> (Outcome, Option<R::Stored>) {
    match known.decide(input) {
        Err(issue) => (Outcome::Rejected(issue), None),
        Ok(None) => (Outcome::Created, Some(input.create())),
        Ok(Some(stored)) => {
            let (id, hash) = stored.keys();
            match batch.first_touch(id, number) {
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
    }
}

/// Takes the displaced identifiers from their declaring records, before the batch's records are written
/// (an identifier is held by one record at a time).
async fn release_declared(conn: &mut Conn, identifier: Identifier, displaced: &[Displaced]) -> Result<()> {
    for d in displaced {
        halqe_db::identity_conflicts::release(conn, identifier, &d.declarer, &d.value).await?;
    }
    Ok(())
}

/// Opens the staff case for a displaced identifier, declared by `account` (the declaring record's owner).
async fn open_case(
    conn: &mut Conn,
    batch: &Batch<'_>,
    identifier: Identifier,
    d: &Displaced,
    account: Option<String>,
) -> Result<()> {
    let account =
        account.ok_or_else(|| Error::Internal(format!("{} declared an identifier, no account", d.declarer)))?;
    let held = identity_conflicts::Held { identifier, value: d.value.clone(), holder: d.holder.clone() };
    identity_conflicts::open_as(conn, &held, &d.declarer, &UserId::from_db(account), batch.by, batch.now).await
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

/// A row's kept values as content-hash inputs: column, header and value of each, in order.
fn kept_hashed(kept: &[KeptValue]) -> impl Iterator<Item = Option<&str>> {
    kept.iter().flat_map(|k| [Some(k.column_code.as_str()), Some(k.header.as_str()), Some(k.value.as_str())])
}

/// A record's kept values after a row: the row's replace the stored ones of the same column (or unknown
/// column's header), a column the row names an entry for drops its stored one, and the rest stay (a blank
/// cell keeps what is stored).
fn merge_kept(stored: &[KeptValue], row: &[KeptValue], named: &[KeptColumn]) -> Vec<KeptValue> {
    let replaced = |k: &KeptValue| {
        k.column().is_some_and(|c| named.contains(&c))
            || row.iter().any(|r| r.column_code == k.column_code && r.header == k.header)
    };
    let mut kept: Vec<KeptValue> = stored.iter().filter(|k| !replaced(k)).chain(row).cloned().collect();
    kept.sort();
    kept
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

    fn kept(column: &str, header: &str, value: &str) -> KeptValue {
        KeptValue { column_code: column.into(), header: header.into(), value: value.into(), value_key: value.into() }
    }

    #[test]
    fn a_rows_kept_values_replace_their_own_column_and_leave_the_rest() {
        let stored = [kept("field", "", "الف"), kept("province", "", "خراسان"), kept("", "سمت", "استادیار")];
        // A blank cell keeps what is stored; the row's own value replaces its column's; an entry the row
        // names drops the kept value of that column.
        let row = [kept("", "سمت", "دانشیار")];
        let merged = merge_kept(&stored, &row, &[KeptColumn::Province]);
        assert_eq!(merged, vec![kept("", "سمت", "دانشیار"), kept("field", "", "الف")]);
        assert_eq!(merge_kept(&stored, &[], &[]), {
            let mut all = stored.to_vec();
            all.sort();
            all
        });
        let other_header = [kept("", "ردیف", "۱")];
        assert_eq!(merge_kept(&stored, &other_header, &[]).len(), 4, "another unknown column is added");
    }

    #[test]
    fn kinds_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.code()), Ok(k));
        }
        assert_eq!(Kind::parse("agencies"), Err(Invalid::Choice));
    }
}
