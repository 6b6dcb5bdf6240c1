//! Questions on challenges and their answers; an answer is revised by adding a row, never by overwriting one.

use halqe_domain::ids::{AgencyId, ChallengeId, QuestionId, UserId};
use halqe_domain::question::Side;

use crate::{Conn, Result};

/// A question as stored; `hidden_at` and `merged_into` are its moderation.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct QuestionRow {
    pub id: String,
    pub challenge_id: String,
    pub asked_by: String,
    pub body: String,
    pub created_at: i64,
    pub hidden_at: Option<i64>,
    pub hidden_by: Option<String>,
    pub hidden_reason: String,
    pub merged_into: Option<String>,
    pub merged_at: Option<i64>,
    pub merged_by: Option<String>,
}

impl QuestionRow {
    /// A question just asked: neither hidden nor merged.
    pub fn asked(id: String, challenge_id: String, asked_by: String, body: String, created_at: i64) -> Self {
        Self {
            id,
            challenge_id,
            asked_by,
            body,
            created_at,
            hidden_at: None,
            hidden_by: None,
            hidden_reason: String::new(),
            merged_into: None,
            merged_at: None,
            merged_by: None,
        }
    }
}

/// A question with its asker's name (which only staff are shown).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct QuestionListed {
    #[sqlx(flatten)]
    pub row: QuestionRow,
    pub asker_name: String,
}

/// One version of an answer.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AnswerRow {
    pub id: String,
    pub question_id: String,
    pub answered_by: String,
    #[sqlx(try_from = "String")]
    pub side: Side,
    pub body: String,
    pub created_at: i64,
}

const COLUMNS: &str = "q.id, q.challenge_id, q.asked_by, q.body, q.created_at, q.hidden_at, q.hidden_by, \
    q.hidden_reason, q.merged_into, q.merged_at, q.merged_by, u.display_name AS asker_name";

pub async fn insert(conn: &mut Conn, q: &QuestionRow) -> Result<()> {
    sqlx::query("INSERT INTO questions (id, challenge_id, asked_by, body, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&q.id)
        .bind(&q.challenge_id)
        .bind(&q.asked_by)
        .bind(&q.body)
        .bind(q.created_at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn by_id(conn: &mut Conn, id: &QuestionId) -> Result<Option<QuestionListed>> {
    Ok(sqlx::query_as::<_, QuestionListed>(&format!(
        "SELECT {COLUMNS} FROM questions q JOIN users u ON u.id = q.asked_by WHERE q.id = $1"
    ))
    .bind(id.as_str())
    .fetch_optional(&mut *conn)
    .await?)
}

/// Takes the question's row for the rest of the transaction (a write lock on both backends), so answering it
/// and merging it cannot interleave, and of two first answers only one is the first.
pub async fn lock(conn: &mut Conn, id: &QuestionId) -> Result<()> {
    sqlx::query("UPDATE questions SET created_at = created_at WHERE id = $1")
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// One page (`limit` rows from `offset`) of a challenge's questions, oldest first, filtered here so that no
/// row is read only to be dropped: `all` (its sides) every one; anyone else the answered ones still shown,
/// those `viewer` asked, and the originals not hidden that `viewer`'s merged duplicates point at (`viewer`
/// empty: a visitor).
pub async fn page_of_challenge(
    conn: &mut Conn,
    challenge: &ChallengeId,
    all: bool,
    viewer: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<QuestionListed>> {
    Ok(sqlx::query_as::<_, QuestionListed>(&format!(
        "SELECT {COLUMNS} FROM questions q JOIN users u ON u.id = q.asked_by
         WHERE q.challenge_id = $1
           AND ($2 = 1 OR q.asked_by = $3
                OR (q.hidden_at IS NULL
                    AND ((q.merged_into IS NULL
                          AND EXISTS (SELECT 1 FROM question_answers a WHERE a.question_id = q.id))
                         OR EXISTS (SELECT 1 FROM questions d WHERE d.merged_into = q.id AND d.asked_by = $3))))
         ORDER BY q.created_at, q.id LIMIT $4 OFFSET $5"
    ))
    .bind(challenge.as_str())
    .bind(i64::from(all))
    .bind(viewer)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?)
}

/// The originals of a challenge that `asker`'s merged duplicates point at and that are not hidden.
pub async fn pointed_at(conn: &mut Conn, challenge: &ChallengeId, asker: &str) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT o.id FROM questions d JOIN questions o ON o.id = d.merged_into
         WHERE d.challenge_id = $1 AND d.asked_by = $2 AND o.hidden_at IS NULL",
    )
    .bind(challenge.as_str())
    .bind(asker)
    .fetch_all(&mut *conn)
    .await?)
}

/// How many questions `asker` has on a challenge that are neither answered, hidden nor merged.
pub async fn open_count(conn: &mut Conn, challenge: &ChallengeId, asker: &UserId) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM questions q
         WHERE q.challenge_id = $1 AND q.asked_by = $2 AND q.hidden_at IS NULL AND q.merged_into IS NULL
           AND NOT EXISTS (SELECT 1 FROM question_answers a WHERE a.question_id = q.id)",
    )
    .bind(challenge.as_str())
    .bind(asker.as_str())
    .fetch_one(&mut *conn)
    .await?)
}

/// Up to `limit` of a challenge's oldest questions neither hidden nor merged, as (id, body): the originals
/// staff are offered for a duplicate.
pub async fn open_originals(conn: &mut Conn, challenge: &ChallengeId, limit: i64) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, body FROM questions WHERE challenge_id = $1 AND hidden_at IS NULL AND merged_into IS NULL
         ORDER BY created_at, id LIMIT $2",
    )
    .bind(challenge.as_str())
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// Every answer version on the questions `ids`, oldest first.
pub async fn answers_of(conn: &mut Conn, ids: &[&str]) -> Result<Vec<AnswerRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let params = (1..=ids.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "SELECT id, question_id, answered_by, side, body, created_at FROM question_answers
         WHERE question_id IN ({params}) ORDER BY created_at, id"
    );
    let mut query = sqlx::query_as::<_, AnswerRow>(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    Ok(query.fetch_all(&mut *conn).await?)
}

/// How many answer versions a question has.
pub async fn answer_count(conn: &mut Conn, question: &QuestionId) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM question_answers WHERE question_id = $1")
        .bind(question.as_str())
        .fetch_one(&mut *conn)
        .await?)
}

pub async fn insert_answer(conn: &mut Conn, a: &AnswerRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO question_answers (id, question_id, answered_by, side, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&a.id)
    .bind(&a.question_id)
    .bind(&a.answered_by)
    .bind(a.side.code())
    .bind(&a.body)
    .bind(a.created_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Hides the question with `reason` unless it is hidden already; returns whether it did.
pub async fn hide(conn: &mut Conn, id: &QuestionId, by: &UserId, reason: &str, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE questions SET hidden_at = $2, hidden_by = $3, hidden_reason = $4 WHERE id = $1 AND hidden_at IS NULL",
    )
    .bind(id.as_str())
    .bind(now)
    .bind(by.as_str())
    .bind(reason)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Points the duplicate `id` at `into` if it is still neither hidden nor merged and has no answer; returns
/// whether it did.
pub async fn merge(conn: &mut Conn, id: &QuestionId, into: &QuestionId, by: &UserId, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE questions SET merged_into = $2, merged_at = $3, merged_by = $4
         WHERE id = $1 AND hidden_at IS NULL AND merged_into IS NULL
           AND NOT EXISTS (SELECT 1 FROM question_answers a WHERE a.question_id = $1)",
    )
    .bind(id.as_str())
    .bind(into.as_str())
    .bind(now)
    .bind(by.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Points the duplicates merged into `original` nowhere again (they are answerable once more), so that
/// hiding an original takes nothing of it to its duplicates' askers; returns how many.
pub async fn unmerge_into(conn: &mut Conn, original: &QuestionId) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE questions SET merged_into = NULL, merged_at = NULL, merged_by = NULL WHERE merged_into = $1",
    )
    .bind(original.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

/// Who asked the duplicates merged into `original`.
pub async fn merged_askers(conn: &mut Conn, original: &QuestionId) -> Result<Vec<UserId>> {
    let ids: Vec<String> = sqlx::query_scalar("SELECT asked_by FROM questions WHERE merged_into = $1 ORDER BY id")
        .bind(original.as_str())
        .fetch_all(&mut *conn)
        .await?;
    Ok(ids.into_iter().map(UserId::from_db).collect())
}

/// An unanswered question in the sides' queue, with its challenge's title.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Waiting {
    pub id: String,
    pub challenge_id: String,
    pub challenge_title: String,
    pub agency_name: String,
    pub body: String,
    pub created_at: i64,
}

/// The `limit` oldest questions neither answered, hidden nor merged, on public challenges (of `agency` only,
/// if given).
pub async fn unanswered(
    conn: &mut Conn,
    agency: Option<&AgencyId>,
    public: &[&str],
    limit: i64,
) -> Result<Vec<Waiting>> {
    let statuses = (4..4 + public.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "SELECT q.id, q.challenge_id, c.title AS challenge_title, a.name_fa AS agency_name, q.body, q.created_at
         FROM questions q JOIN challenges c ON c.id = q.challenge_id JOIN agencies a ON a.id = c.agency_id
         WHERE q.hidden_at IS NULL AND q.merged_into IS NULL
           AND NOT EXISTS (SELECT 1 FROM question_answers x WHERE x.question_id = q.id)
           AND ($1 = 0 OR c.agency_id = $2) AND c.status IN ({statuses})
         ORDER BY q.created_at, q.id LIMIT $3"
    );
    let mut query = sqlx::query_as::<_, Waiting>(&sql)
        .bind(i64::from(agency.is_some()))
        .bind(agency.map_or("", AgencyId::as_str))
        .bind(limit);
    for s in public {
        query = query.bind(*s);
    }
    Ok(query.fetch_all(&mut *conn).await?)
}
