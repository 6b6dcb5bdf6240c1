//! Lists of challenges for their sides: an officer's agency's, and the center's review queue.

use halqe_db::challenges;
use halqe_domain::challenge::Status;
use halqe_domain::permissions::{AuthorCap, StaffCap};

use super::view::ChallengeView;
use crate::fields::Taxonomy;
use crate::{App, Result};

/// The statuses staff act on: submitted for review, approved and waiting to be published.
pub const REVIEW: [Status; 2] = [Status::Submitted, Status::Approved];

/// The challenges of the officer's agency, newest change first.
pub async fn of_agency(app: &App, cap: &AuthorCap) -> Result<Vec<ChallengeView>> {
    let mut conn = app.db.conn().await?;
    let taxonomy = Taxonomy::load(&mut conn).await?;
    let rows = challenges::of_agency(&mut conn, cap.agency()).await?;
    Ok(rows.into_iter().map(|c| ChallengeView::build(c, &taxonomy)).collect())
}

/// The review queue: submitted challenges, then approved ones, oldest first.
pub async fn review_queue(app: &App, _staff: &StaffCap) -> Result<Vec<ChallengeView>> {
    let mut conn = app.db.conn().await?;
    let taxonomy = Taxonomy::load(&mut conn).await?;
    let mut out = Vec::new();
    for status in REVIEW {
        let rows = challenges::in_statuses(&mut conn, &[status]).await?;
        out.extend(rows.into_iter().map(|c| ChallengeView::build(c, &taxonomy)));
    }
    Ok(out)
}
