//! A user's notifications, newest first, and how many are unread (the header's count).

use halqe_db::notifications::{self, NotificationRow};
use halqe_domain::conversation::Subject;
use halqe_domain::ids::NotificationId;
use halqe_domain::locale::Locale;
use halqe_domain::notification::Kind;
use halqe_domain::permissions::Actor;

use super::send::asker;
use crate::conversations::subjects;
use crate::i18n::{Isolation, t_args};
use crate::{App, Result};

/// Most notifications the page and the API show.
pub const LIMIT: i64 = 100;

/// One notification as its user sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationItem {
    pub id: NotificationId,
    pub kind: Kind,
    pub subject: Subject,
    pub actor_name: String,
    pub title: String,
    pub agency_name: Option<String>,
    pub created_at: i64,
    pub read: bool,
}

impl From<NotificationRow> for NotificationItem {
    fn from(r: NotificationRow) -> Self {
        Self {
            id: NotificationId::from_db(r.id),
            kind: r.kind,
            subject: Subject::new(r.subject_kind, r.subject_id),
            actor_name: r.actor_name,
            title: r.title,
            agency_name: r.agency_name,
            created_at: r.created_at,
            read: r.read_at.is_some(),
        }
    }
}

impl NotificationItem {
    /// The object's page.
    pub fn href(&self) -> String {
        subjects::href(&self.subject)
    }

    /// What happened, in one sentence (`notification-<kind>`).
    pub fn text(&self, locale: Locale, iso: Isolation) -> String {
        let agency = asker(self.agency_name.as_deref(), locale);
        let args = [("name", self.actor_name.as_str()), ("agency", agency.as_str()), ("title", self.title.as_str())];
        t_args(locale, iso, &format!("notification-{}", self.kind.code()), &args)
    }
}

/// A user's notifications and their unread count.
#[derive(Debug, Clone)]
pub struct Inbox {
    pub items: Vec<NotificationItem>,
    pub unread: i64,
}

/// `actor`'s latest notifications, newest first.
pub async fn inbox(app: &App, actor: &Actor) -> Result<Inbox> {
    let mut conn = app.db.conn().await?;
    let rows = notifications::of_user(&mut conn, &actor.user_id, LIMIT).await?;
    let unread = notifications::unread_count(&mut conn, &actor.user_id).await?;
    Ok(Inbox { items: rows.into_iter().map(NotificationItem::from).collect(), unread })
}

/// How many of `actor`'s notifications are unread.
pub async fn unread(app: &App, actor: &Actor) -> Result<i64> {
    let mut conn = app.db.conn().await?;
    Ok(notifications::unread_count(&mut conn, &actor.user_id).await?)
}
