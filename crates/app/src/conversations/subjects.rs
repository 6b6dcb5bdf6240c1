//! The objects conversations and notifications are about, each through its own access rule: who may see
//! an introduction is decided by `introductions::access` and nowhere else. A new kind of object (a
//! challenge, a proposal) adds one arm to each function here.

use halqe_db::Conn;
use halqe_db::users::User;
use halqe_domain::conversation::{Subject, SubjectKind};
use halqe_domain::ids::{IntroductionId, UserId};
use halqe_domain::permissions::Actor;

use crate::introductions;
use crate::{App, Result};

/// An object as one of its parties sees it: enough to name it and link to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectView {
    pub subject: Subject,
    /// What the object is about, on one line (an introduction's need, shortened).
    pub title: String,
    /// The agency on the object; `None` for the innovation center.
    pub agency_name: Option<String>,
}

impl SubjectView {
    /// The object's page.
    pub fn href(&self) -> String {
        href(&self.subject)
    }
}

/// The page of `subject`.
pub fn href(subject: &Subject) -> String {
    match subject.kind {
        SubjectKind::Introduction => format!("/introductions/{}", subject.id),
    }
}

/// Where a page's form posts a message to the conversation of `subject`.
pub fn messages_action(subject: &Subject) -> String {
    format!("/conversations/{}/{}/messages", subject.kind.code(), subject.id)
}

/// `subject` as `actor` sees it; `NotFound` unless the object's own rule makes them a party to it.
pub(crate) async fn visible(conn: &mut Conn, actor: &Actor, subject: &Subject) -> Result<SubjectView> {
    match subject.kind {
        SubjectKind::Introduction => {
            let id = IntroductionId::from_db(subject.id.clone());
            let (found, _) = introductions::access::visible(conn, actor, &id).await?;
            Ok(introductions::notify::subject_view(&found))
        }
    }
}

/// Whether the account `user` may see `subject` now (a disabled account sees nothing).
pub(crate) async fn may_see(conn: &mut Conn, user: &User, subject: &Subject) -> Result<bool> {
    if user.disabled_at.is_some() {
        return Ok(false);
    }
    let actor = Actor { user_id: user.id.clone(), roles: user.roles.clone(), agency_id: user.agency_id.clone() };
    match visible(conn, &actor, subject).await {
        Ok(_) => Ok(true),
        Err(crate::Error::NotFound) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Who follows `subject` besides those who wrote in its conversation: an introduction's candidate accounts
/// and whoever asked. Each is checked with [`may_see`] before being told anything.
pub(crate) async fn followers(conn: &mut Conn, subject: &Subject) -> Result<Vec<UserId>> {
    match subject.kind {
        SubjectKind::Introduction => {
            let id = IntroductionId::from_db(subject.id.clone());
            let Some(found) = halqe_db::introductions::by_id(conn, &id).await? else { return Ok(Vec::new()) };
            let mut to =
                introductions::notify::candidate_accounts(conn, found.row.candidate_kind, &found.row.candidate_id)
                    .await?;
            to.push(UserId::from_db(found.row.requested_by));
            Ok(to)
        }
    }
}

/// The objects of every kind `actor` is party to, as the objects' own listings decide.
pub(crate) async fn party_to(app: &App, actor: &Actor) -> Result<Vec<SubjectView>> {
    let mut out = Vec::new();
    for kind in SubjectKind::ALL {
        match kind {
            SubjectKind::Introduction => {
                let listed = introductions::list::party_to(app, actor).await?;
                out.extend(listed.iter().map(introductions::notify::subject_view));
            }
        }
    }
    Ok(out)
}
