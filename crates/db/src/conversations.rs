//! Conversations: the messages attached to an object (its kind and id), oldest first.

use halqe_domain::conversation::{Subject, SubjectKind};
use halqe_domain::ids::UserId;

use crate::{Conn, Result};

/// One message of a conversation.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Message {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub subject_kind: SubjectKind,
    pub subject_id: String,
    pub author_id: String,
    pub body: String,
    pub created_at: i64,
}

/// A message with its author's name.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MessageListed {
    #[sqlx(flatten)]
    pub message: Message,
    pub author_name: String,
}

/// How far one conversation has gone.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Activity {
    pub subject_id: String,
    pub messages: i64,
    pub last_at: i64,
}

pub async fn insert(conn: &mut Conn, m: &Message) -> Result<()> {
    sqlx::query(
        "INSERT INTO messages (id, subject_kind, subject_id, author_id, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&m.id)
    .bind(m.subject_kind.code())
    .bind(&m.subject_id)
    .bind(&m.author_id)
    .bind(&m.body)
    .bind(m.created_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The conversation of `subject`, oldest first.
pub async fn messages_of(conn: &mut Conn, subject: &Subject) -> Result<Vec<MessageListed>> {
    Ok(sqlx::query_as::<_, MessageListed>(
        "SELECT m.id, m.subject_kind, m.subject_id, m.author_id, m.body, m.created_at, u.display_name AS author_name
         FROM messages m JOIN users u ON u.id = m.author_id
         WHERE m.subject_kind = $1 AND m.subject_id = $2 ORDER BY m.created_at, m.id",
    )
    .bind(subject.kind.code())
    .bind(&subject.id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Everyone who has written in the conversation of `subject`.
pub async fn authors(conn: &mut Conn, subject: &Subject) -> Result<Vec<UserId>> {
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT author_id FROM messages WHERE subject_kind = $1 AND subject_id = $2")
            .bind(subject.kind.code())
            .bind(&subject.id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(ids.into_iter().map(UserId::from_db).collect())
}

/// The conversations among objects of `kind` with these ids that have messages: count and latest time.
/// Reads 500 ids at a time, since staff are party to every challenge (more ids than one statement may bind).
pub async fn activity(conn: &mut Conn, kind: SubjectKind, ids: &[String]) -> Result<Vec<Activity>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        let slots: Vec<String> = (2..chunk.len() + 2).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT subject_id, COUNT(*) AS messages, MAX(created_at) AS last_at FROM messages
             WHERE subject_kind = $1 AND subject_id IN ({}) GROUP BY subject_id",
            slots.join(", ")
        );
        let mut q = sqlx::query_as::<_, Activity>(&sql).bind(kind.code());
        for id in chunk {
            q = q.bind(id);
        }
        out.extend(q.fetch_all(&mut *conn).await?);
    }
    Ok(out)
}
