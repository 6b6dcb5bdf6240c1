//! Notifications, each user's delivery settings per kind, and the daily digests that mail them.

use halqe_domain::clock::Millis;
use halqe_domain::conversation::{Subject, SubjectKind};
use halqe_domain::ids::{NotificationId, UserId};
use halqe_domain::notification::{Delivery, Kind};

use crate::{Conn, Result};

/// A notification as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NotificationRow {
    pub id: String,
    pub user_id: String,
    #[sqlx(try_from = "String")]
    pub kind: Kind,
    #[sqlx(try_from = "String")]
    pub subject_kind: SubjectKind,
    pub subject_id: String,
    /// Who did what it tells.
    pub actor_name: String,
    /// The object's title as it was (an introduction's need, shortened).
    pub title: String,
    /// The agency on the object; `None` for the innovation center.
    pub agency_name: Option<String>,
    #[sqlx(try_from = "String")]
    pub delivery: Delivery,
    pub digest_id: Option<String>,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

const COLUMNS: &str = "id, user_id, kind, subject_kind, subject_id, actor_name, title, agency_name, delivery, \
    digest_id, created_at, read_at";

pub async fn insert(conn: &mut Conn, n: &NotificationRow) -> Result<()> {
    insert_all(conn, std::slice::from_ref(n)).await
}

/// Inserts notifications with multi-row statements.
pub async fn insert_all(conn: &mut Conn, rows: &[NotificationRow]) -> Result<()> {
    let head = format!("INSERT INTO notifications ({COLUMNS})");
    crate::bulk::insert_many(conn, &head, 12, rows, |q, n| {
        q.bind(&n.id)
            .bind(&n.user_id)
            .bind(n.kind.code())
            .bind(n.subject_kind.code())
            .bind(&n.subject_id)
            .bind(&n.actor_name)
            .bind(&n.title)
            .bind(&n.agency_name)
            .bind(n.delivery.code())
            .bind(&n.digest_id)
            .bind(n.created_at)
            .bind(n.read_at)
    })
    .await
}

/// A user's notifications, newest first.
pub async fn of_user(conn: &mut Conn, user: &UserId, limit: i64) -> Result<Vec<NotificationRow>> {
    Ok(sqlx::query_as::<_, NotificationRow>(&format!(
        "SELECT {COLUMNS} FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
    ))
    .bind(user.as_str())
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// One of a user's notifications; `None` if it is not theirs.
pub async fn mine(conn: &mut Conn, user: &UserId, id: &NotificationId) -> Result<Option<NotificationRow>> {
    Ok(sqlx::query_as::<_, NotificationRow>(&format!(
        "SELECT {COLUMNS} FROM notifications WHERE id = $1 AND user_id = $2"
    ))
    .bind(id.as_str())
    .bind(user.as_str())
    .fetch_optional(&mut *conn)
    .await?)
}

pub async fn unread_count(conn: &mut Conn, user: &UserId) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user.as_str())
        .fetch_one(&mut *conn)
        .await?)
}

/// Marks one of a user's notifications read; false if it is not theirs or was read already.
pub async fn mark_read(conn: &mut Conn, user: &UserId, id: &NotificationId, now: Millis) -> Result<bool> {
    let r = sqlx::query("UPDATE notifications SET read_at = $1 WHERE id = $2 AND user_id = $3 AND read_at IS NULL")
        .bind(now)
        .bind(id.as_str())
        .bind(user.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// Marks every unread notification of a user read; how many were unread.
pub async fn mark_all_read(conn: &mut Conn, user: &UserId, now: Millis) -> Result<u64> {
    let r = sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
        .bind(now)
        .bind(user.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(r.rows_affected())
}

/// Marks a user's unread notifications about `subject` read (they opened it).
pub async fn mark_subject_read(conn: &mut Conn, user: &UserId, subject: &Subject, now: Millis) -> Result<u64> {
    let r = sqlx::query(
        "UPDATE notifications SET read_at = $1
         WHERE user_id = $2 AND subject_kind = $3 AND subject_id = $4 AND read_at IS NULL",
    )
    .bind(now)
    .bind(user.as_str())
    .bind(subject.kind.code())
    .bind(&subject.id)
    .execute(&mut *conn)
    .await?;
    Ok(r.rows_affected())
}

#[derive(sqlx::FromRow)]
struct SettingRow {
    #[sqlx(try_from = "String")]
    kind: Kind,
    #[sqlx(try_from = "String")]
    delivery: Delivery,
}

/// The kinds a user has chosen a delivery for; the others are [`Delivery::default`].
pub async fn settings_of(conn: &mut Conn, user: &UserId) -> Result<Vec<(Kind, Delivery)>> {
    let rows = sqlx::query_as::<_, SettingRow>("SELECT kind, delivery FROM notification_settings WHERE user_id = $1")
        .bind(user.as_str())
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|r| (r.kind, r.delivery)).collect())
}

/// The deliveries these users chose, per `(user, kind)`; a pair not listed is [`Delivery::default`].
pub async fn deliveries_of(conn: &mut Conn, users: &[String]) -> Result<Vec<(String, Kind, Delivery)>> {
    #[derive(sqlx::FromRow)]
    struct Chosen {
        user_id: String,
        #[sqlx(try_from = "String")]
        kind: Kind,
        #[sqlx(try_from = "String")]
        delivery: Delivery,
    }
    let rows: Vec<Chosen> =
        crate::bulk::fetch_in(conn, "SELECT user_id, kind, delivery FROM notification_settings", "user_id", users)
            .await?;
    Ok(rows.into_iter().map(|r| (r.user_id, r.kind, r.delivery)).collect())
}

pub async fn set_delivery(conn: &mut Conn, user: &UserId, kind: Kind, delivery: Delivery, now: Millis) -> Result<()> {
    sqlx::query(
        "INSERT INTO notification_settings (user_id, kind, delivery, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, kind) DO UPDATE SET delivery = excluded.delivery, updated_at = excluded.updated_at",
    )
    .bind(user.as_str())
    .bind(kind.code())
    .bind(delivery.code())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Users with notifications waiting for a digest from before `cutoff` and no digest since `cutoff`.
pub async fn digest_due(conn: &mut Conn, cutoff: Millis) -> Result<Vec<UserId>> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT n.user_id FROM notifications n
         WHERE n.delivery = 'digest' AND n.digest_id IS NULL AND n.created_at < $1
           AND NOT EXISTS (SELECT 1 FROM notification_digests d WHERE d.user_id = n.user_id AND d.sent_at >= $1)
         ORDER BY n.user_id",
    )
    .bind(cutoff)
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(UserId::from_db).collect())
}

/// Takes every notification of `user` waiting for a digest into digest `digest` (none that another
/// runner took first) and returns them, oldest first.
pub async fn claim_for_digest(
    conn: &mut Conn,
    user: &UserId,
    digest: &str,
    now: Millis,
) -> Result<Vec<NotificationRow>> {
    sqlx::query(
        "UPDATE notifications SET digest_id = $1
         WHERE user_id = $2 AND delivery = 'digest' AND digest_id IS NULL AND created_at <= $3",
    )
    .bind(digest)
    .bind(user.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(sqlx::query_as::<_, NotificationRow>(&format!(
        "SELECT {COLUMNS} FROM notifications WHERE digest_id = $1 ORDER BY created_at, id"
    ))
    .bind(digest)
    .fetch_all(&mut *conn)
    .await?)
}

/// Records a digest mailed to `user`.
pub async fn insert_digest(conn: &mut Conn, id: &str, user: &UserId, count: i64, now: Millis) -> Result<()> {
    sqlx::query("INSERT INTO notification_digests (id, user_id, sent_at, count) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(user.as_str())
        .bind(now)
        .bind(count)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
