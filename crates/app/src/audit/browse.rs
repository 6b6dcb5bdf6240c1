//! The auditors' view of the record: entries filtered by kind, actor, object and date, a page at a time
//! (keyset on the sequence number), one entry in full, and a range exported a bounded batch at a time.
//! Admins and auditors only ([`AuditReadCap`]); nothing here writes.

use halqe_db::audit;
pub use halqe_db::audit::Filter;
use halqe_db::users;
use halqe_domain::calendar;
use halqe_domain::permissions::AuditReadCap;
use halqe_domain::user::Email;

use super::Entry;
use crate::{App, Error, FormErrors, Result};

/// Entries per page.
pub const PAGE: i64 = 50;
/// Most entries one export holds.
pub const MAX_EXPORT: i64 = 100_000;
/// Entries read per batch while exporting.
pub const BATCH: i64 = 1000;

/// The filter form as typed.
#[derive(Debug, Clone, Default)]
pub struct FilterForm {
    /// An action or its start (`evaluation.`).
    pub kind: String,
    /// The actor's email.
    pub actor: String,
    /// The object's id.
    pub object: String,
    /// First day, Solar Hijri or Gregorian.
    pub from: String,
    /// Last day, included.
    pub to: String,
}

const DAY_MS: i64 = 86_400_000;

/// Reads the filter form: an unknown actor matches nothing, a bad date is a form error.
pub async fn filter(app: &App, form: &FilterForm) -> Result<Filter> {
    let mut e = FormErrors::default();
    let day = |raw: &str| if raw.trim().is_empty() { Ok(None) } else { calendar::parse_date(raw).map(Some) };
    let from = e.check("from", day(&form.from)).flatten();
    let until = e.check("to", day(&form.to)).flatten().map(|d| d + DAY_MS);
    let kind = form.kind.trim();
    let object = form.object.trim();
    if kind.chars().count() > 100 {
        e.add("kind", "too_long");
    }
    if object.chars().count() > 100 {
        e.add("object", "too_long");
    }
    let actor = if form.actor.trim().is_empty() {
        None
    } else {
        match e.check("actor", Email::parse(&form.actor)) {
            Some(email) => {
                let mut conn = app.db.conn().await?;
                // An address with no account matches no entry rather than every entry.
                Some(users::by_email(&mut conn, &email).await?.map_or_else(String::new, |u| u.id.to_string()))
            }
            None => None,
        }
    };
    e.finish()?;
    Ok(Filter {
        action_prefix: (!kind.is_empty()).then(|| kind.to_owned()),
        actor_id: actor,
        subject_id: (!object.is_empty()).then(|| object.to_owned()),
        from,
        until,
    })
}

/// One page of matching entries, newest first, with the cursors of its neighbours.
#[derive(Debug, Clone)]
pub struct Page {
    pub entries: Vec<Entry>,
    /// `after=` of the newer page.
    pub newer: Option<i64>,
    /// `before=` of the older page.
    pub older: Option<i64>,
}

/// Matching entries before `before` (newest first) or after `after` (the page just newer).
pub async fn page(
    app: &App,
    _cap: &AuditReadCap,
    filter: &Filter,
    before: Option<i64>,
    after: Option<i64>,
) -> Result<Page> {
    let mut conn = app.db.conn().await?;
    let mut entries = match after {
        Some(a) => audit::filtered(&mut conn, filter, a, i64::MAX, PAGE + 1, false).await?,
        None => audit::filtered(&mut conn, filter, 0, before.unwrap_or(i64::MAX), PAGE + 1, true).await?,
    };
    let more = entries.len() as i64 > PAGE;
    entries.truncate(PAGE as usize);
    entries.sort_by_key(|e| std::cmp::Reverse(e.seq));
    let (newer_exists, older_exists) = match after {
        Some(_) => (more, true),
        None => (before.is_some(), more),
    };
    Ok(Page {
        newer: entries.first().map(|e| e.seq).filter(|_| newer_exists),
        older: entries.last().map(|e| e.seq).filter(|_| older_exists),
        entries,
    })
}

/// Entry `seq` in full.
pub async fn entry(app: &App, _cap: &AuditReadCap, seq: i64) -> Result<Entry> {
    let mut conn = app.db.conn().await?;
    audit::by_seq(&mut conn, seq).await?.ok_or(Error::NotFound)
}

/// The next batch of an export: matching entries after `after`, oldest first, at most `BATCH`.
pub async fn export_batch(app: &App, _cap: &AuditReadCap, filter: &Filter, after: i64) -> Result<Vec<Entry>> {
    let mut conn = app.db.conn().await?;
    Ok(audit::filtered(&mut conn, filter, after, i64::MAX, BATCH, false).await?)
}
