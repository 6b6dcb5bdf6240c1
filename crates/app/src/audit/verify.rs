//! Verifying the audit record: the chain walked page by page in one consistent snapshot, then every signed
//! checkpoint (stored, and from an auditor's file) checked against that same snapshot.

use halqe_db::Conn;
use halqe_db::audit::{self, checkpoints};
use halqe_domain::calendar;
use halqe_domain::ids::UserId;
use halqe_domain::locale::Locale;
use halqe_domain::permissions::AdminCap;
use serde::{Deserialize, Serialize};

use super::checkpoint::{Checkpoint, LineError, Signature};
use super::key::PublicKey;
use crate::i18n::{self, Isolation};
use crate::{App, Result};

/// The hash before the first entry.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
/// Rows read at a time: memory stays flat however long the chain grows.
const PAGE: i64 = 1000;

/// What verification found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Entries whose links and hashes check out, from the first.
    pub entries: i64,
    /// The first entry whose link or content does not match, if any.
    pub first_broken: Option<i64>,
    /// Checkpoints whose signature held and which were compared with the chain.
    pub checkpoints: i64,
    /// What is wrong with the checkpoints or worth knowing about them.
    pub findings: Vec<Finding>,
}

impl Report {
    /// No edited entry and no failed checkpoint (warnings allowed).
    pub fn intact(&self) -> bool {
        self.first_broken.is_none() && self.findings.iter().all(Finding::is_warning)
    }
}

/// One thing verification found about the checkpoints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// The checkpoint of entry `seq` signed a different hash: history was rewritten, between entries
    /// `since + 1` and `seq` (`since` is the last checkpoint that still matches, or 0).
    Rewritten { since: i64, seq: i64, signed_at: i64 },
    /// A checkpoint attests `seq` entries but the chain ends at `last`: entries were deleted after it.
    Truncated { last: i64, seq: i64, signed_at: i64 },
    /// `count` checkpoints do not verify under the key they name (forged or altered); the lowest is `seq`.
    BadSignature { count: i64, seq: i64 },
    /// `count` checkpoints are signed by keys that are not trusted, such as `public_key`; the lowest is `seq`.
    UntrustedKey { count: i64, seq: i64, public_key: String },
    /// `count` checkpoints could not be checked: no public key was given.
    NoPublicKey { count: i64 },
    /// `count` lines of the checkpoint file are not checkpoints; the first is `line`.
    UnreadableLines { count: i64, line: i64 },
    /// Warning: no checkpoint at all, so a rewrite of the whole chain would go unnoticed.
    NoCheckpoints,
    /// Warning: the newest checkpoint was signed at `signed_at`, over twice `expected_every_ms` ago: signing
    /// stopped, or newer checkpoints were deleted.
    Stale { signed_at: i64, expected_every_ms: i64 },
}

impl Finding {
    pub fn is_warning(&self) -> bool {
        matches!(self, Self::NoCheckpoints | Self::Stale { .. })
    }

    /// The finding as a sentence in `locale` (Fluent `audit-finding-<kind>`).
    pub fn describe(&self, locale: Locale, iso: Isolation) -> String {
        let num = |n: i64| calendar::format_number(n, locale);
        let time = |ms: i64| calendar::format_datetime(ms, locale);
        let (key, args): (&str, Vec<(&'static str, String)>) = match self {
            Self::Rewritten { since, seq, signed_at } => (
                "audit-finding-rewritten",
                vec![("seq", num(*seq)), ("from", num(since + 1)), ("at", time(*signed_at))],
            ),
            Self::Truncated { last, seq, signed_at } => {
                ("audit-finding-truncated", vec![("seq", num(*seq)), ("last", num(*last)), ("at", time(*signed_at))])
            }
            Self::BadSignature { count, seq } => {
                ("audit-finding-bad_signature", vec![("count", num(*count)), ("seq", num(*seq))])
            }
            Self::UntrustedKey { count, seq, public_key } => (
                "audit-finding-untrusted_key",
                vec![("count", num(*count)), ("seq", num(*seq)), ("key", public_key.clone())],
            ),
            Self::NoPublicKey { count } => ("audit-finding-no_public_key", vec![("count", num(*count))]),
            Self::UnreadableLines { count, line } => {
                ("audit-finding-unreadable_lines", vec![("count", num(*count)), ("line", num(*line))])
            }
            Self::NoCheckpoints => ("audit-finding-no_checkpoints", vec![]),
            Self::Stale { signed_at, expected_every_ms } => (
                "audit-finding-stale",
                vec![("at", time(*signed_at)), ("minutes", num(expected_every_ms / crate::MINUTE_MS))],
            ),
        };
        let args: Vec<(&'static str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        i18n::t_args(locale, iso, key, &args)
    }
}

impl Report {
    /// Every problem and warning as sentences in `locale`: the broken entry first, then the findings.
    pub fn describe(&self, locale: Locale, iso: Isolation) -> Vec<String> {
        let broken = self.first_broken.map(|seq| {
            let (seq, count) = (calendar::format_number(seq, locale), calendar::format_number(self.entries, locale));
            i18n::t_args(locale, iso, "audit-broken-at", &[("seq", &seq), ("count", &count)])
        });
        broken.into_iter().chain(self.findings.iter().map(|f| f.describe(locale, iso))).collect()
    }
}

/// What to verify against.
pub struct Options<'a> {
    /// Keys a checkpoint may be signed with.
    pub trusted: &'a [PublicKey],
    /// Checkpoints kept off the database (an exported file), checked like the stored ones.
    pub file: Option<&'a mut (dyn Iterator<Item = std::result::Result<Checkpoint, LineError>> + Send)>,
}

/// Verifies the chain and the stored checkpoints under this process's trusted keys.
pub async fn verify(app: &App) -> Result<Report> {
    verify_with(app, Options { trusted: app.audit.trusted(), file: None }).await
}

/// Walks the whole chain in one read-only snapshot (appends committing meanwhile are not seen), then checks
/// every checkpoint: signed by a trusted key, and equal to the chain's hash at its sequence.
pub async fn verify_with(app: &App, options: Options<'_>) -> Result<Report> {
    let mut snapshot = app.db.begin_snapshot().await?;
    let (entries, first_broken) = walk(&mut snapshot).await?;
    let (_, last) = audit::bounds(&mut snapshot).await?;
    let mut tally = Tally::new(options.trusted, entries, last);
    let mut after = String::new();
    loop {
        let page = checkpoints::page(&mut snapshot, &after, PAGE).await?;
        let Some(row) = page.last() else { break };
        after = row.id.clone();
        for row in page {
            tally.check(&mut snapshot, Checkpoint::from(row)).await?;
        }
    }
    for line in options.file.into_iter().flatten() {
        match line {
            Ok(checkpoint) => tally.check(&mut snapshot, checkpoint).await?,
            Err(e) => tally.unreadable.note(e.line),
        }
    }
    snapshot.rollback().await.map_err(halqe_db::Error::from)?;
    Ok(Report { entries, first_broken, checkpoints: tally.checked, findings: tally.findings(app) })
}

/// Checks every link and hash against the head; returns the entries that check out and the first that does not.
async fn walk(conn: &mut Conn) -> Result<(i64, Option<i64>)> {
    let (head_seq, head_hash) = audit::head(conn).await?;
    let mut prev = GENESIS.to_owned();
    let mut verified = 0;
    loop {
        let page = audit::page(conn, verified, PAGE).await?;
        if page.is_empty() {
            break;
        }
        for e in page {
            if e.seq != verified + 1 || e.prev_hash != prev || e.expected_hash() != e.hash {
                return Ok((verified, Some(verified + 1)));
            }
            verified = e.seq;
            prev = e.hash;
        }
    }
    let matches_head = verified == head_seq && prev == head_hash;
    Ok((verified, (!matches_head).then_some(verified + 1)))
}

/// How many checkpoints failed one way, and the lowest sequence among them.
#[derive(Default)]
struct Count {
    count: i64,
    lowest: Option<i64>,
}

impl Count {
    fn note(&mut self, seq: i64) {
        self.count += 1;
        self.lowest = Some(self.lowest.map_or(seq, |l| l.min(seq)));
    }
}

/// The checkpoints seen so far, folded into a few numbers so memory stays flat.
struct Tally<'a> {
    trusted: &'a [PublicKey],
    /// Entries verified from the first, and the highest sequence stored.
    entries: i64,
    last: i64,
    checked: i64,
    newest_at: Option<i64>,
    matched: i64,
    /// The lowest mismatching checkpoint: `(seq, signed_at)`.
    mismatch: Option<(i64, i64)>,
    /// The checkpoint reaching furthest past the chain's end: `(seq, signed_at)`.
    beyond: Option<(i64, i64)>,
    bad_signature: Count,
    untrusted: Count,
    untrusted_key: Option<String>,
    unreadable: Count,
}

impl<'a> Tally<'a> {
    fn new(trusted: &'a [PublicKey], entries: i64, last: i64) -> Self {
        Self {
            trusted,
            entries,
            last,
            checked: 0,
            newest_at: None,
            matched: 0,
            mismatch: None,
            beyond: None,
            bad_signature: Count::default(),
            untrusted: Count::default(),
            untrusted_key: None,
            unreadable: Count::default(),
        }
    }

    async fn check(&mut self, conn: &mut Conn, c: Checkpoint) -> Result<()> {
        match c.signature(self.trusted) {
            Signature::Valid => {}
            Signature::Invalid => {
                self.bad_signature.note(c.seq);
                return Ok(());
            }
            Signature::UntrustedKey => {
                self.untrusted.note(c.seq);
                self.untrusted_key.get_or_insert(c.public_key);
                return Ok(());
            }
        }
        self.checked += 1;
        self.newest_at = Some(self.newest_at.map_or(c.at, |n| n.max(c.at)));
        if c.seq > self.last {
            if self.beyond.is_none_or(|(seq, _)| c.seq > seq) {
                self.beyond = Some((c.seq, c.at));
            }
            return Ok(());
        }
        // Past a broken entry the stored hashes prove nothing; the break is reported already.
        if c.seq > self.entries {
            return Ok(());
        }
        let chain_hash = match c.seq {
            0 => Some(GENESIS.to_owned()),
            seq => audit::hash_at(conn, seq).await?,
        };
        if chain_hash.as_deref() == Some(c.hash.as_str()) {
            self.matched = self.matched.max(c.seq);
        } else if self.mismatch.is_none_or(|(seq, _)| c.seq < seq) {
            self.mismatch = Some((c.seq, c.at));
        }
        Ok(())
    }

    fn findings(&self, app: &App) -> Vec<Finding> {
        let mut found = Vec::new();
        if let Some((seq, signed_at)) = self.mismatch {
            let since = if self.matched < seq { self.matched } else { 0 };
            found.push(Finding::Rewritten { since, seq, signed_at });
        }
        if let Some((seq, signed_at)) = self.beyond {
            found.push(Finding::Truncated { last: self.last, seq, signed_at });
        }
        if let Some(seq) = self.bad_signature.lowest {
            found.push(Finding::BadSignature { count: self.bad_signature.count, seq });
        }
        if let Some(seq) = self.untrusted.lowest {
            found.push(match &self.untrusted_key {
                Some(key) if !self.trusted.is_empty() => {
                    Finding::UntrustedKey { count: self.untrusted.count, seq, public_key: key.clone() }
                }
                _ => Finding::NoPublicKey { count: self.untrusted.count },
            });
        }
        if let Some(line) = self.unreadable.lowest {
            found.push(Finding::UnreadableLines { count: self.unreadable.count, line });
        }
        let every = app.audit.interval_ms;
        match self.newest_at {
            None if found.is_empty() => found.push(Finding::NoCheckpoints),
            Some(at) if app.now() - at > 2 * every => {
                found.push(Finding::Stale { signed_at: at, expected_every_ms: every });
            }
            _ => {}
        }
        found
    }
}

/// Records a verification's result in the chain itself (the staff view shows the newest).
pub async fn record(app: &App, actor: Option<&UserId>, report: &Report) -> Result<()> {
    let details = serde_json::to_value(report).map_err(|e| crate::Error::Internal(e.to_string()))?;
    let mut tx = app.db.begin().await?;
    super::record(&mut tx, actor, VERIFIED, SUBJECT, details, app.now()).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}

/// The action and subject of a recorded verification.
pub(super) const VERIFIED: &str = "audit.verify";
pub(super) const SUBJECT: (&str, &str) = ("audit", "chain");

/// Verifies on an admin's demand and records the result; one verification runs at a time per node.
pub async fn verify_now(app: &App, cap: &AdminCap) -> Result<Report> {
    static RUNNING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _one_at_a_time = RUNNING.lock().await;
    let report = verify(app).await?;
    record(app, Some(cap.by()), &report).await?;
    Ok(report)
}
