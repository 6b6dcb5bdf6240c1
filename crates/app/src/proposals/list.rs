//! Lists of proposals: the viewer's own (written, on the team, or asked to join), and a challenge's
//! submitted proposals for its agency's officers and staff.

use halqe_db::{challenges, proposals};
use halqe_domain::ids::{ChallengeId, ProposalId};
use halqe_domain::permissions::Actor;

use super::access::{self, Sides};
use super::view::{ProposalView, VersionView};
use crate::challenges::Sides as ChallengeSides;
use crate::{App, Error, Result};

/// One proposal in the viewer's list, with the sides they are on.
#[derive(Debug, Clone)]
pub struct MineItem {
    pub proposal: ProposalView,
    pub sides: Sides,
}

/// The proposals the viewer is on or asked to join, newest change first.
pub async fn mine(app: &App, actor: &Actor) -> Result<Vec<MineItem>> {
    let mut conn = app.db.conn().await?;
    let mut out = Vec::new();
    for found in proposals::of_user(&mut conn, &actor.user_id).await? {
        let sides = access::sides(&mut conn, actor, &found).await?;
        if sides.applicant_side() || sides.invited {
            out.push(MineItem { proposal: ProposalView::from(found), sides });
        }
    }
    Ok(out)
}

/// One submitted proposal as its challenge's sides list it: the latest version's title.
#[derive(Debug, Clone)]
pub struct SubmittedItem {
    pub proposal: ProposalView,
    pub latest: VersionView,
}

/// Challenge `id`'s title and its proposals with a submitted version, for its agency's officers and staff.
pub async fn submitted(app: &App, actor: &Actor, id: &ChallengeId) -> Result<(String, Vec<SubmittedItem>)> {
    let mut conn = app.db.conn().await?;
    let challenge = challenges::by_id(&mut conn, id).await?.ok_or(Error::NotFound)?;
    if !ChallengeSides::of(Some(actor), &challenge.row.agency_id).any() {
        return Err(if challenge.row.status.is_public() { Error::Forbidden } else { Error::NotFound });
    }
    let mut out = Vec::new();
    for found in proposals::submitted_to(&mut conn, id).await? {
        let pid = ProposalId::from_db(found.row.id.clone());
        let Some(latest) = proposals::versions_of(&mut conn, &pid).await?.pop() else { continue };
        let latest = VersionView::try_from(latest)?;
        // The agency's side sees the version, never the working copy (its title or when it was last saved).
        let proposal = super::show::as_submitted(ProposalView::from(found), &latest);
        out.push(SubmittedItem { proposal, latest });
    }
    Ok((challenge.row.title, out))
}
