//! How a proposal is named to those told of its steps (team members when asked, the applicant's side when
//! they answer, the owning agency's officers when a version is submitted) and in conversations.

use halqe_db::proposals::ProposalListed;
use halqe_domain::conversation::{Subject, SubjectKind};

use crate::conversations::SubjectView;
use crate::introductions::notify::excerpt;

/// The part of a submitted version's content that names it.
#[derive(serde::Deserialize)]
struct Titled {
    title: String,
}

/// A proposal as notifications and conversations name it: the title of its latest submitted version
/// (the agency's side never learns a draft's), else its working title, else its challenge's.
pub(crate) fn subject_view(found: &ProposalListed) -> SubjectView {
    let submitted = found.latest_content.as_deref().and_then(|c| serde_json::from_str::<Titled>(c).ok());
    let title = submitted.map_or(found.row.title.clone(), |t| t.title);
    let title = if title.is_empty() { &found.challenge_title } else { &title };
    SubjectView {
        subject: Subject::new(SubjectKind::Proposal, found.row.id.clone()),
        title: excerpt(title),
        agency_name: Some(found.agency_name.clone()),
    }
}
