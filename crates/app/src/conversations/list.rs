//! The conversations a user is party to that have messages, latest activity first.

use halqe_db::conversations;
use halqe_domain::conversation::SubjectKind;
use halqe_domain::permissions::Actor;

use super::{SubjectView, subjects};
use crate::{App, Result};

/// One conversation in a listing.
#[derive(Debug, Clone)]
pub struct ConversationItem {
    pub about: SubjectView,
    pub messages: i64,
    pub last_at: i64,
}

/// The conversations with messages on the objects `actor` is party to, latest first.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<ConversationItem>> {
    let objects = subjects::party_to(app, actor).await?;
    let mut conn = app.db.conn().await?;
    let mut out = Vec::new();
    for kind in SubjectKind::ALL {
        let of_kind: Vec<&SubjectView> = objects.iter().filter(|o| o.subject.kind == kind).collect();
        let ids: Vec<String> = of_kind.iter().map(|o| o.subject.id.clone()).collect();
        for a in conversations::activity(&mut conn, kind, &ids).await? {
            if let Some(about) = of_kind.iter().find(|o| o.subject.id == a.subject_id) {
                out.push(ConversationItem { about: (*about).clone(), messages: a.messages, last_at: a.last_at });
            }
        }
    }
    out.sort_by(|a, b| b.last_at.cmp(&a.last_at).then_with(|| b.about.subject.id.cmp(&a.about.subject.id)));
    Ok(out)
}
