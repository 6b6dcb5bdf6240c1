//! Who is party to an introduction: the candidate, the agency side, center staff; to anyone else it does not exist.

use std::collections::{HashMap, HashSet};

use halqe_db::introductions::{self, IntroductionListed, IntroductionRow};
use halqe_db::users::User;
use halqe_db::{Conn, organizations, people};
use halqe_domain::ids::{IntroductionId, OrganizationId, PersonId, UserId};
use halqe_domain::introduction::{CandidateKind, Party, Step};
use halqe_domain::permissions::Actor;
use halqe_domain::registry::MemberRole;
use halqe_domain::user::Role;

use crate::{Error, Result};

/// The sides of an introduction the viewer is on; a user may be on more than one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Parties {
    /// The person introduced, or an owner or admin of the organization introduced.
    pub candidate: bool,
    /// An officer of the introduction's agency, or the staff member who asked.
    pub agency: bool,
    /// Innovation-center staff.
    pub staff: bool,
}

impl Parties {
    pub fn any(self) -> bool {
        self.candidate || self.agency || self.staff
    }

    pub fn holds(self, party: Party) -> bool {
        match party {
            Party::Candidate => self.candidate,
            Party::Agency => self.agency,
            Party::Staff => self.staff,
        }
    }

    /// The side the viewer acts for in `step`: the one that owns it if they hold it, else another they hold.
    pub fn acting_for(self, step: &Step) -> Party {
        let own = step.party();
        if self.holds(own) {
            return own;
        }
        [Party::Candidate, Party::Agency, Party::Staff].into_iter().find(|p| self.holds(*p)).unwrap_or(Party::Staff)
    }
}

/// Whether `actor` speaks for the candidate of `row`.
async fn is_candidate(conn: &mut Conn, actor: &Actor, row: &IntroductionRow) -> Result<bool> {
    Ok(match row.candidate_kind {
        CandidateKind::Person => people::by_id(conn, &PersonId::from_db(row.candidate_id.clone()))
            .await?
            .and_then(|p| p.user_id)
            .is_some_and(|u| u == actor.user_id.as_str()),
        CandidateKind::Organization => {
            organizations::role_of(conn, &OrganizationId::from_db(row.candidate_id.clone()), &actor.user_id)
                .await?
                .is_some_and(MemberRole::manages)
        }
    })
}

/// The sides `actor` is on, given whether they speak for the candidate.
fn parties_given(actor: &Actor, row: &IntroductionRow, candidate: bool) -> Parties {
    // Staff ask without an agency, or invite to apply to an agency's challenge: the one who asked is on the
    // agency side while staff; one who is staff no more keeps nothing of it.
    let asked = actor.staff().is_ok() && row.requested_by == actor.user_id.as_str();
    let agency = match &row.agency_id {
        Some(agency) => {
            asked || (actor.has(Role::Officer) && actor.agency_id.as_ref().is_some_and(|a| a.as_str() == agency))
        }
        None => asked,
    };
    Parties { candidate, agency, staff: actor.staff().is_ok() }
}

/// The sides `actor` is on.
pub(super) async fn parties(conn: &mut Conn, actor: &Actor, row: &IntroductionRow) -> Result<Parties> {
    let candidate = is_candidate(conn, actor, row).await?;
    Ok(parties_given(actor, row, candidate))
}

/// Which `(introduction, account)` pairs of `asks` are parties now (an account that is disabled is none):
/// the rule of [`parties`] for many accounts and introductions at once, in a constant number of queries.
pub(crate) async fn parties_among(
    conn: &mut Conn,
    asks: &[(IntroductionId, &User)],
) -> Result<HashSet<(IntroductionId, UserId)>> {
    let ids: Vec<String> = asks.iter().map(|(i, _)| i.to_string()).collect::<HashSet<_>>().into_iter().collect();
    let found: HashMap<String, IntroductionRow> =
        introductions::by_ids(conn, &ids).await?.into_iter().map(|i| (i.id.clone(), i)).collect();
    let of_kind = |kind: CandidateKind| -> Vec<String> {
        let ids: HashSet<String> =
            found.values().filter(|r| r.candidate_kind == kind).map(|r| r.candidate_id.clone()).collect();
        ids.into_iter().collect()
    };
    let people = of_kind(CandidateKind::Person);
    let person_user: HashMap<String, String> = if people.is_empty() {
        HashMap::new()
    } else {
        people::by_ids(conn, &people).await?.into_iter().filter_map(|p| Some((p.id, p.user_id?))).collect()
    };
    let orgs = of_kind(CandidateKind::Organization);
    let managers: HashSet<(String, String)> = if orgs.is_empty() {
        HashSet::new()
    } else {
        organizations::managers_of(conn, &orgs).await?.into_iter().collect()
    };
    let mut out = HashSet::new();
    for (id, user) in asks {
        let Some(row) = found.get(id.as_str()) else { continue };
        if user.disabled_at.is_some() {
            continue;
        }
        let candidate = match row.candidate_kind {
            CandidateKind::Person => person_user.get(&row.candidate_id).is_some_and(|u| u == user.id.as_str()),
            CandidateKind::Organization => managers.contains(&(row.candidate_id.clone(), user.id.to_string())),
        };
        if parties_given(&crate::accounts::actor_of(user), row, candidate).any() {
            out.insert((id.clone(), user.id.clone()));
        }
    }
    Ok(out)
}

/// The introduction and the viewer's sides; `NotFound` for anyone who is no party to it.
pub(crate) async fn visible(
    conn: &mut Conn,
    actor: &Actor,
    id: &IntroductionId,
) -> Result<(IntroductionListed, Parties)> {
    let found = introductions::by_id(conn, id).await?.ok_or(Error::NotFound)?;
    let parties = parties(conn, actor, &found.row).await?;
    if parties.any() { Ok((found, parties)) } else { Err(Error::NotFound) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use halqe_domain::introduction::Outcome;

    #[test]
    fn acts_for_the_side_that_owns_the_step() {
        let both = Parties { candidate: true, agency: true, staff: false };
        assert_eq!(both.acting_for(&Step::Accept), Party::Candidate);
        assert_eq!(both.acting_for(&Step::Close(Outcome::Engaged)), Party::Agency);
        let officer = Parties { agency: true, ..Parties::default() };
        assert_eq!(officer.acting_for(&Step::Accept), Party::Agency);
        let staff = Parties { staff: true, ..Parties::default() };
        assert_eq!(staff.acting_for(&Step::Close(Outcome::Engaged)), Party::Staff);
        assert!(!Parties::default().any());
    }
}
