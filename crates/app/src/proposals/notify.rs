//! How a proposal is named to those told of its steps (team members when asked, the applicant's side when
//! they answer, the owning agency's officers when a version is submitted) and in conversations.

use halqe_db::proposals::ProposalListed;
use halqe_domain::conversation::{Subject, SubjectKind};

use crate::conversations::SubjectView;
use crate::introductions::notify::excerpt;

/// A proposal as notifications and conversations name it: its title, or its challenge's while it has none.
pub(crate) fn subject_view(found: &ProposalListed) -> SubjectView {
    let title = if found.row.title.is_empty() { &found.challenge_title } else { &found.row.title };
    SubjectView {
        subject: Subject::new(SubjectKind::Proposal, found.row.id.clone()),
        title: excerpt(title),
        agency_name: Some(found.agency_name.clone()),
    }
}
