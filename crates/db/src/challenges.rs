//! Challenges, their lifecycle events and attachments. Every write appends the challenge to the search
//! feed (the index holds the public ones), so no caller can forget it.

use halqe_domain::challenge::{Eligibility, Maturity, Status};
use halqe_domain::ids::{AgencyId, CallId, ChallengeAttachmentId, ChallengeId};

use crate::attachments::{FileRow, Table};
use crate::bulk::{Query, insert_sql, update_sql};
use crate::{Conn, Result, keyed, search_feed};

/// A challenge as stored; `fields`, `support` and `provinces` are JSON lists of codes.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChallengeRow {
    pub id: String,
    pub agency_id: String,
    pub call_id: Option<String>,
    pub created_by: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub title: String,
    pub problem: String,
    pub affected: String,
    pub evidence: String,
    pub outcome: String,
    pub success_measure: String,
    pub constraints_text: String,
    pub fields: String,
    #[sqlx(try_from = "String")]
    pub maturity: Maturity,
    pub budget_min: Option<i64>,
    pub budget_max: Option<i64>,
    pub support: String,
    pub support_note: String,
    pub deadline_at: i64,
    #[sqlx(try_from = "String")]
    pub eligibility: Eligibility,
    pub provinces: String,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub published_at: Option<i64>,
}

/// A challenge with the names a page shows.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChallengeListed {
    #[sqlx(flatten)]
    pub row: ChallengeRow,
    pub agency_name: String,
    pub agency_name_en: String,
    pub call_title: Option<String>,
}

const COLUMNS: &str = "id, agency_id, call_id, created_by, status, title, problem, affected, evidence, outcome, \
    success_measure, constraints_text, fields, maturity, budget_min, budget_max, support, support_note, deadline_at, \
    eligibility, provinces, version, created_at, updated_at, published_at";

fn listed(filter: &str) -> String {
    let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("c.{}", c.trim())).collect();
    format!(
        "SELECT {}, a.name_fa AS agency_name, a.name_en AS agency_name_en, k.title AS call_title
         FROM challenges c JOIN agencies a ON a.id = c.agency_id LEFT JOIN calls k ON k.id = c.call_id
         WHERE {filter}",
        columns.join(", ")
    )
}

/// The columns an edit rewrites, in the order [`bind_editable`] binds them; `version` comes last, as
/// [`update`]'s check names it by position.
const EDITABLE: [&str; 18] = [
    "status",
    "title",
    "problem",
    "affected",
    "evidence",
    "outcome",
    "success_measure",
    "constraints_text",
    "fields",
    "maturity",
    "budget_min",
    "budget_max",
    "support",
    "support_note",
    "deadline_at",
    "eligibility",
    "provinces",
    "version",
];

/// Binds [`EDITABLE`], then `updated_at` and `id`.
fn bind_editable<'a>(q: Query<'a>, c: &'a ChallengeRow) -> Query<'a> {
    q.bind(c.status.code())
        .bind(&c.title)
        .bind(&c.problem)
        .bind(&c.affected)
        .bind(&c.evidence)
        .bind(&c.outcome)
        .bind(&c.success_measure)
        .bind(&c.constraints_text)
        .bind(&c.fields)
        .bind(c.maturity.code())
        .bind(c.budget_min)
        .bind(c.budget_max)
        .bind(&c.support)
        .bind(&c.support_note)
        .bind(c.deadline_at)
        .bind(c.eligibility.code())
        .bind(&c.provinces)
        .bind(c.version)
        .bind(c.updated_at)
        .bind(&c.id)
}

pub async fn insert(conn: &mut Conn, c: &ChallengeRow) -> Result<()> {
    let sql =
        insert_sql("challenges", &EDITABLE, &["agency_id", "call_id", "created_by", "created_at", "published_at"]);
    bind_editable(sqlx::query(&sql), c)
        .bind(&c.agency_id)
        .bind(&c.call_id)
        .bind(&c.created_by)
        .bind(c.created_at)
        .bind(c.published_at)
        .execute(&mut *conn)
        .await?;
    search_feed::touch(conn, search_feed::CHALLENGE, &c.id).await?;
    Ok(())
}

/// Saves the template's fields and the status an edit leads to, if the stored version is still
/// `c.version - 1` (no one saved in between); returns whether it did.
pub async fn update(conn: &mut Conn, c: &ChallengeRow) -> Result<bool> {
    let sql = format!("{} AND version = ${} - 1", update_sql("challenges", &EDITABLE), EDITABLE.len());
    let done = bind_editable(sqlx::query(&sql), c).execute(&mut *conn).await?;
    feed_if(conn, &c.id, done.rows_affected() == 1).await
}

/// Appends the challenge to the search feed if a write `changed` it; returns `changed`.
async fn feed_if(conn: &mut Conn, id: &str, changed: bool) -> Result<bool> {
    if changed {
        search_feed::touch(conn, search_feed::CHALLENGE, id).await?;
    }
    Ok(changed)
}

/// Moves the challenge from `from` to `to` if it is still at `from`; the first publication is dated.
pub async fn set_status(conn: &mut Conn, id: &ChallengeId, from: Status, to: Status, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE challenges SET status = $3, updated_at = $4,
            published_at = CASE WHEN $3 = 'published' AND published_at IS NULL THEN $4 ELSE published_at END
         WHERE id = $1 AND status = $2",
    )
    .bind(id.as_str())
    .bind(from.code())
    .bind(to.code())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    feed_if(conn, id.as_str(), done.rows_affected() == 1).await
}

/// Puts the challenge in `call` (or takes it out with `None`).
pub async fn set_call(conn: &mut Conn, id: &ChallengeId, call: Option<&CallId>, now: i64) -> Result<bool> {
    let done = sqlx::query("UPDATE challenges SET call_id = $2, updated_at = $3 WHERE id = $1")
        .bind(id.as_str())
        .bind(call.map(CallId::as_str))
        .bind(now)
        .execute(&mut *conn)
        .await?;
    feed_if(conn, id.as_str(), done.rows_affected() == 1).await
}

pub async fn by_id(conn: &mut Conn, id: &ChallengeId) -> Result<Option<ChallengeListed>> {
    keyed::one(conn, &listed("c.id = $1"), id.as_str()).await
}

/// The challenges of an agency, newest change first.
pub async fn of_agency(conn: &mut Conn, agency: &AgencyId) -> Result<Vec<ChallengeListed>> {
    keyed::all(conn, &format!("{} ORDER BY c.updated_at DESC, c.id", listed("c.agency_id = $1")), agency.as_str()).await
}

/// `$from, $from+1, …`: one placeholder per value.
fn marks(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// Challenges in one of `statuses`, oldest change first (the review queue reads submissions in order).
pub async fn in_statuses(conn: &mut Conn, statuses: &[Status]) -> Result<Vec<ChallengeListed>> {
    let sql = format!("{} ORDER BY c.updated_at, c.id", listed(&format!("c.status IN ({})", marks(1, statuses.len()))));
    let mut q = sqlx::query_as::<_, ChallengeListed>(&sql);
    for s in statuses {
        q = q.bind(s.code());
    }
    Ok(q.fetch_all(&mut *conn).await?)
}

/// The challenges of a call, by deadline.
pub async fn of_call(conn: &mut Conn, call: &CallId) -> Result<Vec<ChallengeListed>> {
    keyed::all(conn, &format!("{} ORDER BY c.deadline_at, c.id", listed("c.call_id = $1")), call.as_str()).await
}

/// The public challenges among `ids` (in no particular order).
pub async fn public_among(conn: &mut Conn, ids: &[String]) -> Result<Vec<ChallengeListed>> {
    let public: Vec<Status> = Status::public().collect();
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(200) {
        let filter =
            format!("c.id IN ({}) AND c.status IN ({})", marks(1, chunk.len()), marks(chunk.len() + 1, public.len()));
        let sql = listed(&filter);
        let mut q = sqlx::query_as::<_, ChallengeListed>(&sql);
        for id in chunk {
            q = q.bind(id);
        }
        for s in &public {
            q = q.bind(s.code());
        }
        out.extend(q.fetch_all(&mut *conn).await?);
    }
    Ok(out)
}

/// The challenges among `ids`, whatever their status (in no particular order).
pub async fn by_ids(conn: &mut Conn, ids: &[String]) -> Result<Vec<ChallengeListed>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(200) {
        let sql = listed(&format!("c.id IN ({})", marks(1, chunk.len())));
        let mut q = sqlx::query_as::<_, ChallengeListed>(&sql);
        for id in chunk {
            q = q.bind(id);
        }
        out.extend(q.fetch_all(&mut *conn).await?);
    }
    Ok(out)
}

/// Challenges first published at or after `since`, newest first (the Atom feed).
pub async fn published_since(conn: &mut Conn, since: i64, limit: i64) -> Result<Vec<ChallengeListed>> {
    let public: Vec<Status> = Status::public().collect();
    let filter = format!("c.published_at >= $1 AND c.status IN ({})", marks(3, public.len()));
    let sql = format!("{} ORDER BY c.published_at DESC, c.id LIMIT $2", listed(&filter));
    let mut q = sqlx::query_as::<_, ChallengeListed>(&sql).bind(since).bind(limit);
    for s in &public {
        q = q.bind(s.code());
    }
    Ok(q.fetch_all(&mut *conn).await?)
}

/// Challenges published and open for submissions at `now`, soonest deadline first, at most `limit`.
pub async fn open_at(conn: &mut Conn, now: i64, limit: i64) -> Result<Vec<ChallengeListed>> {
    let sql = format!("{} ORDER BY c.deadline_at, c.id LIMIT $3", listed("c.status = $1 AND c.deadline_at > $2"));
    Ok(sqlx::query_as::<_, ChallengeListed>(&sql)
        .bind(Status::Published.code())
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

/// Ids of every challenge (a rebuild of the index reads each and keeps the public ones).
pub async fn all_ids(conn: &mut Conn) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar("SELECT id FROM challenges ORDER BY id").fetch_all(&mut *conn).await?)
}

/// One step of a challenge's lifecycle as it happened.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EventRow {
    pub id: String,
    pub challenge_id: String,
    pub actor_id: String,
    /// A step code, or `create` / `edit`.
    pub kind: String,
    #[sqlx(try_from = "String")]
    pub from_status: Status,
    #[sqlx(try_from = "String")]
    pub to_status: Status,
    pub reason: String,
    /// The edited fields with their former values, as JSON.
    pub changes: String,
    pub at: i64,
}

/// An event with the name of who acted.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EventListed {
    #[sqlx(flatten)]
    pub row: EventRow,
    pub actor_name: String,
}

pub async fn insert_event(conn: &mut Conn, e: &EventRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO challenge_events (id, challenge_id, actor_id, kind, from_status, to_status, reason, changes, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&e.id)
    .bind(&e.challenge_id)
    .bind(&e.actor_id)
    .bind(&e.kind)
    .bind(e.from_status.code())
    .bind(e.to_status.code())
    .bind(&e.reason)
    .bind(&e.changes)
    .bind(e.at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A challenge's events, oldest first.
pub async fn events_of(conn: &mut Conn, id: &ChallengeId) -> Result<Vec<EventListed>> {
    let sql = "SELECT e.id, e.challenge_id, e.actor_id, e.kind, e.from_status, e.to_status, e.reason, e.changes, e.at,
            u.display_name AS actor_name
         FROM challenge_events e JOIN users u ON u.id = e.actor_id
         WHERE e.challenge_id = $1 ORDER BY e.at, e.id";
    keyed::all(conn, sql, id.as_str()).await
}

/// One attached file.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AttachmentRow {
    #[sqlx(flatten)]
    pub file: FileRow,
    pub challenge_id: String,
}

const ATTACHMENTS: Table = Table { name: "challenge_attachments", owner: "challenge_id", extra: &[] };

pub async fn insert_attachment(conn: &mut Conn, a: &AttachmentRow) -> Result<()> {
    ATTACHMENTS.insert(conn, &a.file, &a.challenge_id, |q| q).await
}

/// A challenge's attachments in upload order.
pub async fn attachments_of(conn: &mut Conn, id: &ChallengeId) -> Result<Vec<AttachmentRow>> {
    ATTACHMENTS.of(conn, id.as_str()).await
}

pub async fn attachment_by_id(conn: &mut Conn, id: &ChallengeAttachmentId) -> Result<Option<AttachmentRow>> {
    ATTACHMENTS.by_id(conn, id.as_str()).await
}

/// How many files a challenge has.
pub async fn attachment_count(conn: &mut Conn, id: &ChallengeId) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM challenge_attachments WHERE challenge_id = $1")
        .bind(id.as_str())
        .fetch_one(&mut *conn)
        .await?)
}
