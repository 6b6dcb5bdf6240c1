//! Who hears of an introduction's steps and what they are told; nothing told carries contact details.

use halqe_db::introductions::IntroductionListed;
use halqe_db::{Conn, organizations, people};
use halqe_domain::conversation::{Subject, SubjectKind};
use halqe_domain::ids::{OrganizationId, PersonId, UserId};
use halqe_domain::introduction::CandidateKind;
use halqe_domain::notification::Kind;

use crate::conversations::SubjectView;
use crate::notifications::send;
use crate::{App, Result};

/// How much of a need's text a mail quotes.
const EXCERPT_CHARS: usize = 120;

/// The start of a need's text, on one line.
pub(crate) fn excerpt(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= EXCERPT_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(EXCERPT_CHARS).collect();
    format!("{}…", cut.trim_end())
}

/// The accounts that speak for a candidate: the person's own, or the organization's owners and admins.
pub(crate) async fn candidate_accounts(conn: &mut Conn, kind: CandidateKind, id: &str) -> Result<Vec<UserId>> {
    Ok(match kind {
        CandidateKind::Person => people::by_id(conn, &PersonId::from_db(id.to_owned()))
            .await?
            .and_then(|p| p.user_id)
            .map(UserId::from_db)
            .into_iter()
            .collect(),
        CandidateKind::Organization => organizations::members(conn, &OrganizationId::from_db(id.to_owned()))
            .await?
            .into_iter()
            .filter(|m| m.role.manages())
            .map(|m| UserId::from_db(m.user_id))
            .collect(),
    })
}

/// An introduction as notifications and conversations name it: by its challenge's title for an invitation
/// to apply, else by the start of its need.
pub(crate) fn subject_view(found: &IntroductionListed) -> SubjectView {
    SubjectView {
        subject: Subject::new(SubjectKind::Introduction, found.row.id.clone()),
        title: found.challenge_title.clone().unwrap_or_else(|| excerpt(&found.need_text)),
        agency_name: found.agency_name.clone(),
    }
}

/// Tells each account in `to` that `kind` happened on `found`, done by `name` (in the app, and by mail as
/// each chose).
pub(super) async fn tell(
    app: &App,
    conn: &mut Conn,
    kind: Kind,
    found: &IntroductionListed,
    name: &str,
    to: &[UserId],
    now: i64,
) -> Result<()> {
    send::tell(app, conn, kind, &subject_view(found), name, to, now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_one_short_line() {
        assert_eq!(excerpt("  نیاز\nبه   تحلیل "), "نیاز به تحلیل");
        let long = "داده ".repeat(60);
        let e = excerpt(&long);
        assert!(e.ends_with('…') && e.chars().count() <= EXCERPT_CHARS + 1);
    }
}
