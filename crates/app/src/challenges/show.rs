//! One challenge as its viewer may see it: the public text once published; its history, the steps open
//! to them and the editor for its agency's officers and staff.

use halqe_db::challenges;
use halqe_domain::challenge::{Party, Step};
use halqe_domain::ids::ChallengeId;
use halqe_domain::permissions::Actor;

use super::access::{self, Sides};
use super::view::{ChallengeView, EventView};
use crate::fields::Taxonomy;
use crate::{App, Result};

/// One attached file as listed.
#[derive(Debug, Clone)]
pub struct AttachmentItem {
    pub id: String,
    pub file_name: String,
    pub size_bytes: i64,
}

/// Everything the challenge page shows.
#[derive(Debug, Clone)]
pub struct ChallengePage {
    pub challenge: ChallengeView,
    pub sides: Sides,
    /// The history, for its sides only (comments to the agency are not public).
    pub events: Vec<EventView>,
    pub attachments: Vec<AttachmentItem>,
    /// The steps the viewer may take now.
    pub steps: Vec<Step>,
}

impl ChallengePage {
    /// The viewer may edit the text now.
    pub fn can_edit(&self) -> bool {
        self.sides.agency && self.challenge.status.is_editable()
    }
}

/// Challenge `id` for `actor` (`None`: a visitor); `NotFound` if they may not see it.
pub async fn show(app: &App, actor: Option<&Actor>, id: &ChallengeId) -> Result<ChallengePage> {
    let mut conn = app.db.conn().await?;
    let (found, sides) = access::visible(&mut conn, actor, id).await?;
    let taxonomy = Taxonomy::load(&mut conn).await?;
    let events = if sides.any() {
        challenges::events_of(&mut conn, id).await?.into_iter().map(EventView::from).collect()
    } else {
        Vec::new()
    };
    let attachments = challenges::attachments_of(&mut conn, id)
        .await?
        .into_iter()
        .map(|a| AttachmentItem { id: a.id, file_name: a.file_name, size_bytes: a.size_bytes })
        .collect();
    let status = found.row.status;
    let mut steps: Vec<Step> = Vec::new();
    for (held, party) in [(sides.agency, Party::Agency), (sides.staff, Party::Staff)] {
        for step in status.steps_for(party).into_iter().filter(|_| held) {
            if !steps.contains(&step) {
                steps.push(step);
            }
        }
    }
    Ok(ChallengePage { challenge: ChallengeView::build(found, &taxonomy), sides, events, attachments, steps })
}
