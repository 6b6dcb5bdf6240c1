//! The objects conversations and notifications are about, each through its own access rule: who may see
//! an introduction is decided by `introductions::access` and nowhere else. A new kind of object (a
//! challenge, a proposal) adds one arm to each function here.

use std::collections::HashSet;

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

/// Which `(subject, account)` pairs of `asks` may see their subject now (a disabled account sees nothing),
/// by each kind's own rule, in a constant number of queries however many pairs.
pub(crate) async fn audience(conn: &mut Conn, asks: &[(&Subject, &User)]) -> Result<HashSet<(Subject, UserId)>> {
    let mut out = HashSet::new();
    for kind in SubjectKind::ALL {
        match kind {
            SubjectKind::Introduction => {
                let of_kind: Vec<(IntroductionId, &User)> = asks
                    .iter()
                    .filter(|(s, _)| s.kind == kind)
                    .map(|(s, u)| (IntroductionId::from_db(s.id.clone()), *u))
                    .collect();
                if of_kind.is_empty() {
                    continue;
                }
                for (id, user) in introductions::access::parties_among(conn, &of_kind).await? {
                    out.insert((Subject::new(kind, id.to_string()), user));
                }
            }
        }
    }
    Ok(out)
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
