//! What a party sees of an introduction, built in one place: the candidate's contact details reach the
//! agency side only once the candidate has accepted; the candidate and center staff always see them.

use halqe_db::introductions::IntroductionListed;
use halqe_db::{Conn, organizations, people, users};
use halqe_domain::ids::{ChallengeId, IntroductionId, NeedId, OrganizationId, PersonId, UserId};
use halqe_domain::introduction::{CandidateKind, Status};
use halqe_domain::iran::Mobile;

use super::Parties;
use crate::Result;

/// One way to reach the candidate: the person, or one owner or admin of the organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactLine {
    pub name: String,
    pub email: Option<String>,
    pub mobile: Option<Mobile>,
}

/// The one rule: who on an introduction sees the candidate's email and mobile.
pub fn sees_contact(parties: Parties, status: Status) -> bool {
    parties.staff || parties.candidate || (parties.agency && status.shares_contact())
}

/// An introduction as a listing shows it: never contact details.
#[derive(Debug, Clone)]
pub struct IntroductionItem {
    pub id: IntroductionId,
    pub need_id: NeedId,
    pub need_text: String,
    pub candidate_kind: CandidateKind,
    pub candidate_id: String,
    pub candidate_name: String,
    /// The agency's name; `None` when center staff asked without an agency.
    pub agency_name: Option<String>,
    pub requester_name: String,
    /// The challenge of an invitation to apply: its id and title.
    pub challenge: Option<(ChallengeId, String)>,
    pub status: Status,
    pub created_at: i64,
    pub answered_at: Option<i64>,
    pub closed_at: Option<i64>,
}

impl From<IntroductionListed> for IntroductionItem {
    fn from(found: IntroductionListed) -> Self {
        let row = found.row;
        Self {
            id: IntroductionId::from_db(row.id),
            need_id: NeedId::from_db(row.need_id),
            need_text: found.need_text,
            candidate_kind: row.candidate_kind,
            candidate_id: row.candidate_id,
            candidate_name: found.candidate_name,
            agency_name: found.agency_name,
            requester_name: found.requester_name,
            challenge: found.challenge_id.map(|c| (ChallengeId::from_db(c), found.challenge_title.unwrap_or_default())),
            status: row.status,
            created_at: row.created_at,
            answered_at: row.answered_at,
            closed_at: row.closed_at,
        }
    }
}

impl IntroductionItem {
    /// The challenge's page, for an invitation to apply.
    pub fn challenge_href(&self) -> Option<String> {
        self.challenge.as_ref().map(|(id, _)| format!("/challenges/{id}"))
    }

    /// The challenge's title, for an invitation to apply.
    pub fn challenge_title(&self) -> Option<&str> {
        self.challenge.as_ref().map(|(_, title)| title.as_str())
    }

    /// The candidate's profile page.
    pub fn candidate_href(&self) -> String {
        match self.candidate_kind {
            CandidateKind::Person => format!("/people/{}", self.candidate_id),
            CandidateKind::Organization => format!("/organizations/{}", self.candidate_id),
        }
    }
}

/// An introduction as one party sees it.
#[derive(Debug, Clone)]
pub struct IntroductionView {
    pub item: IntroductionItem,
    pub note: String,
    pub outcome_reason: String,
    /// The sides the viewer is on.
    pub parties: Parties,
    /// The candidate's contact details; `None` unless [`sees_contact`] allows them.
    pub contact: Option<Vec<ContactLine>>,
}

/// The ways to reach a candidate, read from the registry.
async fn contact_lines(conn: &mut Conn, kind: CandidateKind, id: &str) -> Result<Vec<ContactLine>> {
    match kind {
        CandidateKind::Person => {
            let Some(p) = people::by_id(conn, &PersonId::from_db(id.to_owned())).await? else {
                return Ok(Vec::new());
            };
            let account_email = match &p.user_id {
                Some(u) => users::by_id(conn, &UserId::from_db(u.clone())).await?.map(|u| u.email.as_str().to_owned()),
                None => None,
            };
            let name = format!("{} {}", p.first_name, p.last_name).trim().to_owned();
            Ok(vec![ContactLine { name, email: p.email.or(account_email), mobile: p.mobile.map(Mobile::from_db) }])
        }
        CandidateKind::Organization => {
            let members = organizations::members(conn, &OrganizationId::from_db(id.to_owned())).await?;
            Ok(members
                .into_iter()
                .filter(|m| m.role.manages())
                .map(|m| ContactLine { name: m.display_name, email: Some(m.email), mobile: None })
                .collect())
        }
    }
}

impl IntroductionView {
    /// The view of `found` for a viewer on `parties`; contact details are read only when they may be shown.
    pub async fn build(conn: &mut Conn, found: IntroductionListed, parties: Parties) -> Result<Self> {
        let (note, outcome_reason) = (found.row.note.clone(), found.row.outcome_reason.clone());
        let item = IntroductionItem::from(found);
        let contact = if sees_contact(parties, item.status) {
            Some(contact_lines(conn, item.candidate_kind, &item.candidate_id).await?)
        } else {
            None
        };
        Ok(Self { item, note, outcome_reason, parties, contact })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agency_side_sees_contact_only_after_acceptance() {
        let candidate = Parties { candidate: true, ..Parties::default() };
        let agency = Parties { agency: true, ..Parties::default() };
        let staff = Parties { staff: true, ..Parties::default() };
        for status in Status::ALL {
            assert!(sees_contact(candidate, status), "{status:?}");
            assert!(sees_contact(staff, status), "{status:?}");
            let want = matches!(status, Status::Accepted | Status::Engaged | Status::NotEngaged);
            assert!(!sees_contact(agency, Status::Withdrawn));
            assert_eq!(sees_contact(agency, status), want, "{status:?}");
            assert!(!sees_contact(Parties::default(), status));
        }
    }
}
