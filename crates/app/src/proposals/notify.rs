//! Who hears of a proposal's steps and what they are told: team members when asked, the applicant's side
//! when they answer, the owning agency's officers when a version is submitted.

use halqe_db::Conn;
use halqe_db::proposals::ProposalListed;
use halqe_domain::conversation::{Subject, SubjectKind};
use halqe_domain::ids::UserId;
use halqe_domain::notification::Kind;

use crate::conversations::SubjectView;
use crate::introductions::notify::excerpt;
use crate::notifications::send::{self, Event};
use crate::{App, Result};

/// A proposal as notifications and conversations name it: its title, or its challenge's while it has none.
pub(crate) fn subject_view(found: &ProposalListed) -> SubjectView {
    let title = if found.row.title.is_empty() { &found.challenge_title } else { &found.row.title };
    SubjectView {
        subject: Subject::new(SubjectKind::Proposal, found.row.id.clone()),
        title: excerpt(title),
        agency_name: Some(found.agency_name.clone()),
    }
}

/// Tells each account in `to` that `kind` happened on `found`, done by `name`.
pub(super) async fn tell(
    app: &App,
    conn: &mut Conn,
    kind: Kind,
    found: &ProposalListed,
    name: &str,
    to: &[UserId],
    now: i64,
) -> Result<()> {
    let about = subject_view(found);
    send::notify(app, conn, &Event { kind, about: &about, actor_name: name }, to, None, now).await?;
    Ok(())
}
