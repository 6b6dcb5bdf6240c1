//! The audit record: an append-only hash chain, so any edited or deleted entry is detectable.

pub mod checkpoints;

use halqe_domain::clock::Millis;
use sha2::{Digest, Sha256};

use crate::{Conn, Result};

/// One privileged action to record.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub actor_id: Option<&'a str>,
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: &'a str,
    /// JSON object with the action's details; never secrets.
    pub details: &'a serde_json::Value,
}

/// A stored audit entry.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Stored {
    pub seq: i64,
    pub at: i64,
    pub actor_id: Option<String>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

impl Stored {
    /// The hash this entry must carry given its content and predecessor.
    pub fn expected_hash(&self) -> String {
        chain_hash(
            &self.prev_hash,
            self.seq,
            self.at,
            self.actor_id.as_deref(),
            &self.action,
            &self.subject_type,
            &self.subject_id,
            &self.details,
        )
    }
}

#[expect(clippy::too_many_arguments, reason = "every field of the entry is hashed")]
fn chain_hash(
    prev: &str,
    seq: i64,
    at: i64,
    actor: Option<&str>,
    action: &str,
    subject_type: &str,
    subject_id: &str,
    details: &str,
) -> String {
    let mut h = Sha256::new();
    for part in
        [prev, &seq.to_string(), &at.to_string(), actor.unwrap_or(""), action, subject_type, subject_id, details]
    {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Appends an entry inside the caller's transaction; the head-row update serializes concurrent appends.
pub async fn append(conn: &mut Conn, e: &Entry<'_>, now: Millis) -> Result<()> {
    append_all(conn, std::slice::from_ref(e), now).await.map(|_| ())
}

/// Appends entries in order inside the caller's transaction in three statements, whatever their number:
/// the head moves by their count at once, each link is computed here, and the rows go in multi-row
/// inserts. Returns the sequence number of the last (0 when there were none).
pub async fn append_all(conn: &mut Conn, entries: &[Entry<'_>], now: Millis) -> Result<i64> {
    if entries.is_empty() {
        return Ok(0);
    }
    let count = i64::try_from(entries.len()).unwrap_or(i64::MAX);
    let (last, mut prev): (i64, String) =
        sqlx::query_as("UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash")
            .bind(count)
            .fetch_one(&mut *conn)
            .await?;
    let mut rows = Vec::with_capacity(entries.len());
    for (seq, e) in (last - count + 1..).zip(entries) {
        let mut row = Stored {
            seq,
            at: now,
            actor_id: e.actor_id.map(str::to_owned),
            action: e.action.to_owned(),
            subject_type: e.subject_type.to_owned(),
            subject_id: e.subject_id.to_owned(),
            details: e.details.to_string(),
            prev_hash: prev,
            hash: String::new(),
        };
        row.hash = row.expected_hash();
        prev = row.hash.clone();
        rows.push(row);
    }
    let head = format!("INSERT INTO audit_log ({COLUMNS})");
    crate::bulk::insert_many(conn, &head, 9, &rows, |q, r| {
        q.bind(r.seq)
            .bind(r.at)
            .bind(&r.actor_id)
            .bind(&r.action)
            .bind(&r.subject_type)
            .bind(&r.subject_id)
            .bind(&r.details)
            .bind(&r.prev_hash)
            .bind(&r.hash)
    })
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(&prev).execute(&mut *conn).await?;
    Ok(last)
}

const COLUMNS: &str = "seq, at, actor_id, action, subject_type, subject_id, details, prev_hash, hash";

/// Entries in order, `limit` at a time after `after_seq`.
pub async fn page(conn: &mut Conn, after_seq: i64, limit: i64) -> Result<Vec<Stored>> {
    Ok(sqlx::query_as::<_, Stored>(&format!("SELECT {COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2"))
        .bind(after_seq)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

/// Entries newest first, `limit` at a time before `before_seq` (keyset paging for the staff view).
pub async fn before(conn: &mut Conn, before_seq: i64, limit: i64) -> Result<Vec<Stored>> {
    Ok(sqlx::query_as::<_, Stored>(&format!(
        "SELECT {COLUMNS} FROM audit_log WHERE seq < $1 ORDER BY seq DESC LIMIT $2"
    ))
    .bind(before_seq)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// The newest entry about one subject, e.g. the last verification of the chain.
pub async fn latest_about(conn: &mut Conn, subject_type: &str, subject_id: &str) -> Result<Option<Stored>> {
    Ok(sqlx::query_as::<_, Stored>(&format!(
        "SELECT {COLUMNS} FROM audit_log WHERE subject_type = $1 AND subject_id = $2 ORDER BY seq DESC LIMIT 1"
    ))
    .bind(subject_type)
    .bind(subject_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The stored hash of entry `seq`, if there is one.
pub async fn hash_at(conn: &mut Conn, seq: i64) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT hash FROM audit_log WHERE seq = $1").bind(seq).fetch_optional(&mut *conn).await?)
}

/// The lowest and highest stored sequence numbers, `(0, 0)` for an empty record.
pub async fn bounds(conn: &mut Conn) -> Result<(i64, i64)> {
    Ok(sqlx::query_as("SELECT COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0) FROM audit_log")
        .fetch_one(&mut *conn)
        .await?)
}

/// The chain head: last sequence number and hash.
pub async fn head(conn: &mut Conn) -> Result<(i64, String)> {
    Ok(sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(&mut *conn).await?)
}

/// The entry with sequence number `seq`.
pub async fn by_seq(conn: &mut Conn, seq: i64) -> Result<Option<Stored>> {
    Ok(sqlx::query_as::<_, Stored>(&format!("SELECT {COLUMNS} FROM audit_log WHERE seq = $1"))
        .bind(seq)
        .fetch_optional(&mut *conn)
        .await?)
}

/// The entries about one subject recording one action, oldest first (at most 100).
pub async fn about_with_action(
    conn: &mut Conn,
    subject_type: &str,
    subject_id: &str,
    action: &str,
) -> Result<Vec<Stored>> {
    Ok(sqlx::query_as::<_, Stored>(&format!(
        "SELECT {COLUMNS} FROM audit_log WHERE subject_type = $1 AND subject_id = $2 AND action = $3 \
         ORDER BY seq LIMIT 100"
    ))
    .bind(subject_type)
    .bind(subject_id)
    .bind(action)
    .fetch_all(&mut *conn)
    .await?)
}

/// What the auditors' browser filters on; every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Actions starting with this (`evaluation.` or `evaluation.decide`).
    pub action_prefix: Option<String>,
    pub actor_id: Option<String>,
    /// The subject's id (a proposal, a challenge, a user…).
    pub subject_id: Option<String>,
    /// From this instant (unix ms), inclusive.
    pub from: Option<i64>,
    /// Before this instant, exclusive.
    pub until: Option<i64>,
}

impl Filter {
    /// The WHERE clause after `seq` bounds `$1`, `$2`, with its parameters in order.
    fn clause(&self) -> (String, Vec<String>, Vec<i64>) {
        let mut sql = String::from("seq > $1 AND seq < $2");
        let (mut texts, mut numbers) = (Vec::new(), Vec::new());
        let mut n = 2;
        let mut text = |sql: &mut String, column: &str, op: &str, value: String| {
            n += 1;
            sql.push_str(&format!(" AND {column} {op} ${n}"));
            texts.push(value);
        };
        if let Some(p) = &self.action_prefix {
            // LIKE patterns: escape the wildcards the prefix may carry.
            let escaped = p.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            text(&mut sql, "action", "LIKE", format!("{escaped}%"));
            sql.push_str(" ESCAPE '\\'");
        }
        if let Some(a) = &self.actor_id {
            text(&mut sql, "actor_id", "=", a.clone());
        }
        if let Some(s) = &self.subject_id {
            text(&mut sql, "subject_id", "=", s.clone());
        }
        for (column, value) in [("at >=", self.from), ("at <", self.until)] {
            if let Some(v) = value {
                n += 1;
                sql.push_str(&format!(" AND {column} ${n}"));
                numbers.push(v);
            }
        }
        (sql, texts, numbers)
    }
}

/// Entries matching `filter` with `after < seq < before`, `limit` at most, newest first when `newest_first`.
pub async fn filtered(
    conn: &mut Conn,
    filter: &Filter,
    after: i64,
    before: i64,
    limit: i64,
    newest_first: bool,
) -> Result<Vec<Stored>> {
    let (clause, texts, numbers) = filter.clause();
    let order = if newest_first { "DESC" } else { "ASC" };
    let sql = format!("SELECT {COLUMNS} FROM audit_log WHERE {clause} ORDER BY seq {order} LIMIT {limit}");
    let mut q = sqlx::query_as::<_, Stored>(&sql).bind(after).bind(before);
    for t in texts {
        q = q.bind(t);
    }
    for v in numbers {
        q = q.bind(v);
    }
    Ok(q.fetch_all(&mut *conn).await?)
}
