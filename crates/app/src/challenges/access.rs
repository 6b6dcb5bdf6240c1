//! Who stands where on a challenge: the owning agency's officers, center staff, or the public, who see it
//! only once published; to anyone else an unpublished challenge does not exist.

use std::collections::{HashMap, HashSet};

use halqe_db::Conn;
use halqe_db::challenges::{self, ChallengeListed};
use halqe_db::users::User;
use halqe_domain::challenge::Party;
use halqe_domain::ids::ChallengeId;
use halqe_domain::permissions::Actor;

use crate::{Error, Result};

/// The sides of a challenge the viewer is on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sides {
    /// An officer of the agency that owns it.
    pub agency: bool,
    /// Innovation-center staff.
    pub staff: bool,
}

impl Sides {
    /// The viewer's sides on a challenge of `agency`.
    pub fn of(actor: Option<&Actor>, agency: &str) -> Self {
        Self { agency: actor.is_some_and(|a| a.officer_of(agency)), staff: actor.is_some_and(|a| a.staff().is_ok()) }
    }

    /// Whether the viewer is on any side.
    pub fn any(self) -> bool {
        self.agency || self.staff
    }

    /// The side the viewer acts for in a step that `allowed` admits: staff when they may, else the agency.
    pub fn acting_for(self, allowed: impl Fn(Party) -> bool) -> Option<Party> {
        [(self.staff, Party::Staff), (self.agency, Party::Agency)]
            .into_iter()
            .find(|(held, p)| *held && allowed(*p))
            .or_else(|| [(self.agency, Party::Agency), (self.staff, Party::Staff)].into_iter().find(|(held, _)| *held))
            .map(|(_, p)| p)
    }
}

/// The challenge and the viewer's sides, if the viewer may see it: its sides always, anyone once public.
pub(crate) async fn visible(
    conn: &mut Conn,
    actor: Option<&Actor>,
    id: &ChallengeId,
) -> Result<(ChallengeListed, Sides)> {
    let found = challenges::by_id(conn, id).await?.ok_or(Error::NotFound)?;
    let sides = Sides::of(actor, &found.row.agency_id);
    if sides.any() || found.row.status.is_public() { Ok((found, sides)) } else { Err(Error::NotFound) }
}

/// For each `(challenge, account, conversation)` ask, whether the account may hear of the challenge: its
/// review conversation only as one of its sides, anything else as someone who sees it (a disabled account
/// nothing). One query for every challenge asked about.
pub(crate) async fn admitted(conn: &mut Conn, asks: &[(ChallengeId, &User, bool)]) -> Result<Vec<bool>> {
    let ids: Vec<String> = asks.iter().map(|(c, _, _)| c.to_string()).collect::<HashSet<_>>().into_iter().collect();
    let found: HashMap<String, ChallengeListed> =
        challenges::by_ids(conn, &ids).await?.into_iter().map(|c| (c.row.id.clone(), c)).collect();
    Ok(asks
        .iter()
        .map(|(id, user, conversation)| {
            let Some(c) = found.get(id.as_str()).filter(|_| user.disabled_at.is_none()) else { return false };
            let sides = Sides::of(Some(&crate::accounts::actor_of(user)), &c.row.agency_id);
            sides.any() || !conversation && c.row.status.is_public()
        })
        .collect())
}

/// Like [`visible`], but only for its sides: a member of the public acting on it is refused.
pub(super) async fn party(conn: &mut Conn, actor: &Actor, id: &ChallengeId) -> Result<(ChallengeListed, Sides)> {
    let (found, sides) = visible(conn, Some(actor), id).await?;
    if sides.any() { Ok((found, sides)) } else { Err(Error::Forbidden) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acts_for_the_side_the_step_admits() {
        let both = Sides { agency: true, staff: true };
        assert_eq!(both.acting_for(|p| p == Party::Agency), Some(Party::Agency));
        assert_eq!(both.acting_for(|p| p == Party::Staff), Some(Party::Staff));
        let officer = Sides { agency: true, staff: false };
        assert_eq!(officer.acting_for(|p| p == Party::Staff), Some(Party::Agency), "refused by the rule, not here");
        assert_eq!(Sides::default().acting_for(|_| true), None);
    }
}
