//! Introductions of candidates to agencies and their timeline (their conversation is in `conversations`).

use halqe_domain::clock::Millis;
use halqe_domain::ids::{AgencyId, IntroductionId, NeedId, UserId};
use halqe_domain::introduction::{CandidateKind, Status};

use crate::bulk::insert_many;
use crate::{Conn, Result};

/// An introduction as stored; `candidate_id` is a person's or an organization's id, as `candidate_kind` says.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct IntroductionRow {
    pub id: String,
    pub need_id: String,
    #[sqlx(try_from = "String")]
    pub candidate_kind: CandidateKind,
    pub candidate_id: String,
    pub agency_id: Option<String>,
    pub requested_by: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub note: String,
    pub outcome_reason: String,
    /// The match explanation at the time of the request, as JSON.
    pub why: String,
    pub created_at: i64,
    pub answered_at: Option<i64>,
    pub closed_at: Option<i64>,
}

/// An introduction with the names a listing shows.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct IntroductionListed {
    #[sqlx(flatten)]
    pub row: IntroductionRow,
    pub need_text: String,
    /// The person's full name or the organization's Persian name.
    pub candidate_name: String,
    pub agency_name: Option<String>,
    pub requester_name: String,
    /// The challenge an invitation to apply is for; `None` for an introduction for a typed need.
    pub challenge_id: Option<String>,
    pub challenge_title: Option<String>,
}

const COLUMNS: &str = "id, need_id, candidate_kind, candidate_id, agency_id, requested_by, status, note, \
    outcome_reason, why, created_at, answered_at, closed_at";

/// The listing query: introductions with need text and names, filtered by `filter`.
fn listed(filter: &str) -> String {
    format!("{SELECT_LISTED} WHERE {filter}")
}

/// The listing query without its filter.
const SELECT_LISTED: &str =
    "SELECT i.id, i.need_id, i.candidate_kind, i.candidate_id, i.agency_id, i.requested_by, i.status, i.note,
            i.outcome_reason, i.why, i.created_at, i.answered_at, i.closed_at, n.text AS need_text,
            COALESCE(TRIM(p.first_name || ' ' || p.last_name), o.name_fa, '') AS candidate_name,
            a.name_fa AS agency_name, u.display_name AS requester_name, n.challenge_id,
            ch.title AS challenge_title
         FROM introductions i
         JOIN needs n ON n.id = i.need_id
         LEFT JOIN challenges ch ON ch.id = n.challenge_id
         JOIN users u ON u.id = i.requested_by
         LEFT JOIN agencies a ON a.id = i.agency_id
         LEFT JOIN people p ON i.candidate_kind = 'person' AND p.id = i.candidate_id
         LEFT JOIN organizations o ON i.candidate_kind = 'organization' AND o.id = i.candidate_id";

/// Inserts an introduction; a second one of the same candidate for the same need is a `Conflict`.
pub async fn insert(conn: &mut Conn, i: &IntroductionRow) -> Result<()> {
    insert_all(conn, std::slice::from_ref(i)).await
}

/// Inserts introductions with multi-row statements; any repeat of a candidate for a need is a `Conflict`.
pub async fn insert_all(conn: &mut Conn, rows: &[IntroductionRow]) -> Result<()> {
    let head = format!("INSERT INTO introductions ({COLUMNS})");
    insert_many(conn, &head, 13, rows, |q, i| {
        q.bind(&i.id)
            .bind(&i.need_id)
            .bind(i.candidate_kind.code())
            .bind(&i.candidate_id)
            .bind(&i.agency_id)
            .bind(&i.requested_by)
            .bind(i.status.code())
            .bind(&i.note)
            .bind(&i.outcome_reason)
            .bind(&i.why)
            .bind(i.created_at)
            .bind(i.answered_at)
            .bind(i.closed_at)
    })
    .await
}

pub async fn by_id(conn: &mut Conn, id: &IntroductionId) -> Result<Option<IntroductionListed>> {
    Ok(sqlx::query_as::<_, IntroductionListed>(&listed("i.id = $1"))
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?)
}

/// The introductions with these ids that exist, as stored (without the listing's joins: a batch of fifty
/// introductions for one need would carry the need's text fifty times), in no particular order; one query
/// per hundred ids.
pub async fn by_ids(conn: &mut Conn, ids: &[String]) -> Result<Vec<IntroductionRow>> {
    crate::bulk::fetch_in(conn, &format!("SELECT {COLUMNS} FROM introductions"), "id", ids).await
}

/// Moves an introduction from `from` to `to`, stamping the answer or the close and keeping a reason;
/// false if it was no longer in `from`.
pub async fn set_status(
    conn: &mut Conn,
    id: &IntroductionId,
    from: Status,
    to: Status,
    reason: &str,
    now: Millis,
) -> Result<bool> {
    let answered = (from == Status::Requested).then_some(now);
    let closed = to.is_closed().then_some(now);
    let r = sqlx::query(
        "UPDATE introductions SET status = $1, outcome_reason = $2, answered_at = COALESCE($3, answered_at),
            closed_at = COALESCE($4, closed_at)
         WHERE id = $5 AND status = $6",
    )
    .bind(to.code())
    .bind(reason)
    .bind(answered)
    .bind(closed)
    .bind(id.as_str())
    .bind(from.code())
    .execute(&mut *conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Whose introductions a listing shows.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// Every introduction (center staff).
    All,
    /// Those a user who is not staff is party to: their agency's (officers), and those of their own profile
    /// or of organizations they own or administer (only staff ask without an agency, and staff see all).
    PartyTo { user: &'a UserId, agency: Option<&'a AgencyId> },
}

/// Introductions in `scope`, newest first.
pub async fn list(conn: &mut Conn, scope: Scope<'_>, limit: i64) -> Result<Vec<IntroductionListed>> {
    const ORDER: &str = "ORDER BY i.created_at DESC, i.id DESC";
    let Scope::PartyTo { user, agency } = scope else {
        let sql = listed(&format!("1 = 1 {ORDER} LIMIT $1"));
        return Ok(sqlx::query_as::<_, IntroductionListed>(&sql).bind(limit).fetch_all(&mut *conn).await?);
    };
    let sql = listed(&format!(
        "(i.agency_id = $1
          OR (i.candidate_kind = 'person' AND p.user_id = $2)
          OR (i.candidate_kind = 'organization' AND EXISTS (SELECT 1 FROM memberships m
              WHERE m.organization_id = i.candidate_id AND m.user_id = $2 AND m.role IN ('owner', 'admin'))))
         {ORDER} LIMIT $3"
    ));
    Ok(sqlx::query_as::<_, IntroductionListed>(&sql)
        .bind(agency.map(AgencyId::as_str).unwrap_or(""))
        .bind(user.as_str())
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

/// The introductions made for one need, oldest first.
pub async fn of_need(conn: &mut Conn, need: &NeedId) -> Result<Vec<IntroductionListed>> {
    let sql = listed("i.need_id = $1 ORDER BY i.created_at, i.id");
    Ok(sqlx::query_as::<_, IntroductionListed>(&sql).bind(need.as_str()).fetch_all(&mut *conn).await?)
}

/// One step on an introduction's timeline.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Event {
    pub id: String,
    pub introduction_id: String,
    pub actor_id: Option<String>,
    /// `requested`, `accepted`, `declined`, `engaged` or `not_engaged`.
    pub kind: String,
    pub detail: String,
    pub at: i64,
}

/// An event with the name of who took the step.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EventListed {
    #[sqlx(flatten)]
    pub event: Event,
    pub actor_name: Option<String>,
}

pub async fn insert_event(conn: &mut Conn, e: &Event) -> Result<()> {
    insert_events(conn, std::slice::from_ref(e)).await
}

/// Inserts timeline steps with multi-row statements.
pub async fn insert_events(conn: &mut Conn, events: &[Event]) -> Result<()> {
    let head = "INSERT INTO introduction_events (id, introduction_id, actor_id, kind, detail, at)";
    insert_many(conn, head, 6, events, |q, e| {
        q.bind(&e.id).bind(&e.introduction_id).bind(&e.actor_id).bind(&e.kind).bind(&e.detail).bind(e.at)
    })
    .await
}

/// An introduction's timeline, oldest first.
pub async fn events_of(conn: &mut Conn, id: &IntroductionId) -> Result<Vec<EventListed>> {
    Ok(sqlx::query_as::<_, EventListed>(
        "SELECT e.id, e.introduction_id, e.actor_id, e.kind, e.detail, e.at, u.display_name AS actor_name
         FROM introduction_events e LEFT JOIN users u ON u.id = e.actor_id
         WHERE e.introduction_id = $1 ORDER BY e.at, e.id",
    )
    .bind(id.as_str())
    .fetch_all(&mut *conn)
    .await?)
}
