//! Who stands where on a proposal: its applicant's side (the person, or the organization's owners and
//! admins), its team, the owning agency's officers and center staff. The agency's side sees a proposal only
//! once a version is submitted, and then only its versions; to anyone else it does not exist.

use halqe_db::Conn;
use halqe_db::proposals::{self, ProposalListed};
use halqe_domain::challenge::Status as ChallengeStatus;
use halqe_domain::ids::{ProposalId, UserId};
use halqe_domain::introduction::CandidateKind;
use halqe_domain::permissions::Actor;
use halqe_domain::proposal::{ApplicantKind, MemberState, Status};

use crate::introductions::notify::candidate_accounts;
use crate::{Error, FormErrors, Result};

/// The sides of a proposal the viewer is on; one may hold several.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sides {
    /// Speaks for the applicant: edits, submits, withdraws.
    pub owner: bool,
    /// On the team, having accepted: reads the working copy.
    pub member: bool,
    /// On the team, not answered yet: sees only the invitation.
    pub invited: bool,
    /// An officer of the agency that owns the challenge.
    pub agency: bool,
    /// Innovation-center staff.
    pub staff: bool,
}

impl Sides {
    /// Reads the working copy, drafts included.
    pub fn applicant_side(self) -> bool {
        self.owner || self.member
    }

    /// Reads the submitted versions only.
    pub fn reviewer_side(self) -> bool {
        self.agency || self.staff
    }

    /// Whether the viewer sees the proposal (and its conversation): its applicant's side always, the
    /// agency's side once something was submitted.
    pub fn sees(self, submitted_versions: i64) -> bool {
        self.applicant_side() || (self.reviewer_side() && submitted_versions > 0)
    }
}

/// The accounts that speak for the applicant of `row` (the person's, or the organization's managers').
pub(crate) async fn owners(conn: &mut Conn, kind: ApplicantKind, applicant: &str) -> Result<Vec<UserId>> {
    let kind = match kind {
        ApplicantKind::Person => CandidateKind::Person,
        ApplicantKind::Organization => CandidateKind::Organization,
    };
    candidate_accounts(conn, kind, applicant).await
}

/// The sides `actor` is on for `found`.
pub(crate) async fn sides(conn: &mut Conn, actor: &Actor, found: &ProposalListed) -> Result<Sides> {
    let owner = owners(conn, found.row.applicant_kind, &found.row.applicant_id).await?.contains(&actor.user_id);
    let id = ProposalId::from_db(found.row.id.clone());
    let state = proposals::members_of(conn, &id)
        .await?
        .into_iter()
        .find(|m| m.user_id == actor.user_id.as_str())
        .map(|m| m.state);
    Ok(Sides {
        owner,
        member: state == Some(MemberState::Accepted),
        invited: state == Some(MemberState::Invited),
        agency: actor.officer_of(&found.agency_id),
        staff: actor.staff().is_ok(),
    })
}

/// The proposal and the viewer's sides, if they may see it; `NotFound` otherwise.
pub(crate) async fn visible(conn: &mut Conn, actor: &Actor, id: &ProposalId) -> Result<(ProposalListed, Sides)> {
    let found = proposals::by_id(conn, id).await?.ok_or(Error::NotFound)?;
    let sides = sides(conn, actor, &found).await?;
    if sides.sees(found.row.versions) { Ok((found, sides)) } else { Err(Error::NotFound) }
}

/// The proposal and the viewer's sides if they may see it or are invited to its team; `NotFound` otherwise.
pub(crate) async fn known(conn: &mut Conn, actor: &Actor, id: &ProposalId) -> Result<(ProposalListed, Sides)> {
    let found = proposals::by_id(conn, id).await?.ok_or(Error::NotFound)?;
    let sides = sides(conn, actor, &found).await?;
    if sides.sees(found.row.versions) || sides.invited { Ok((found, sides)) } else { Err(Error::NotFound) }
}

/// Like [`visible`], for the applicant's side only: anyone else who sees it is refused.
pub(crate) async fn owned(conn: &mut Conn, actor: &Actor, id: &ProposalId) -> Result<ProposalListed> {
    let (found, sides) = visible(conn, actor, id).await?;
    if sides.owner { Ok(found) } else { Err(Error::Forbidden) }
}

/// Whether the challenge of `found` still takes proposals at `now`: published and before its deadline.
pub fn is_open(found: &ProposalListed, now: i64) -> bool {
    found.challenge_status == ChallengeStatus::Published && now < found.deadline_at
}

/// Refuses any change to a withdrawn proposal, or once the challenge's deadline has passed (server time).
pub(crate) fn changeable(found: &ProposalListed, now: i64) -> Result<()> {
    if found.row.status == Status::Withdrawn {
        return Err(FormErrors::single("status", "proposal_withdrawn"));
    }
    if !is_open(found, now) {
        return Err(FormErrors::single("deadline", "proposal_deadline_passed"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agency_side_sees_only_what_was_submitted() {
        let officer = Sides { agency: true, ..Sides::default() };
        assert!(!officer.sees(0) && officer.sees(1));
        let staff = Sides { staff: true, ..Sides::default() };
        assert!(!staff.sees(0) && staff.sees(2));
        let member = Sides { member: true, ..Sides::default() };
        assert!(member.sees(0), "accepted members read the draft");
        let invited = Sides { invited: true, ..Sides::default() };
        assert!(!invited.sees(0) && !invited.sees(1), "an invitation shows only itself");
        assert!(!Sides::default().sees(3));
    }
}
