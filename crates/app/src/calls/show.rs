//! Calls as pages show them: published ones to everyone with their public challenges, drafts to staff.

use halqe_db::calls::{self, CallRow};
use halqe_db::challenges;
use halqe_domain::call::Status;
use halqe_domain::ids::CallId;
use halqe_domain::permissions::Actor;

use crate::challenges::ChallengeView;
use crate::fields::Taxonomy;
use crate::{App, Error, Result};

/// One call.
#[derive(Debug, Clone)]
pub struct CallView {
    pub id: String,
    pub title: String,
    pub rules: String,
    pub opens_at: i64,
    /// The end of its closing day.
    pub closes_at: i64,
    pub status: Status,
}

impl From<CallRow> for CallView {
    fn from(r: CallRow) -> Self {
        Self {
            id: r.id,
            title: r.title,
            rules: r.rules,
            opens_at: r.opens_at,
            closes_at: r.closes_at,
            status: r.status,
        }
    }
}

/// A call with the challenges its viewer may see.
#[derive(Debug, Clone)]
pub struct CallPage {
    pub call: CallView,
    pub challenges: Vec<ChallengeView>,
    /// Staff see drafts and every challenge of the call, and may publish it.
    pub staff: bool,
}

fn is_staff(actor: Option<&Actor>) -> bool {
    actor.is_some_and(|a| a.staff().is_ok())
}

/// Every call for staff, the published ones for anyone else.
pub async fn list(app: &App, actor: Option<&Actor>) -> Result<Vec<CallView>> {
    let mut conn = app.db.conn().await?;
    Ok(calls::list(&mut conn, !is_staff(actor)).await?.into_iter().map(CallView::from).collect())
}

/// Call `id`: published ones to anyone with their public challenges; drafts only to staff.
pub async fn show(app: &App, actor: Option<&Actor>, id: &CallId) -> Result<CallPage> {
    let staff = is_staff(actor);
    let mut conn = app.db.conn().await?;
    let call = calls::by_id(&mut conn, id).await?.filter(|c| staff || c.status == Status::Published);
    let call = call.ok_or(Error::NotFound)?;
    let taxonomy = Taxonomy::load(&mut conn).await?;
    let rows = challenges::of_call(&mut conn, id).await?;
    let challenges = rows
        .into_iter()
        .filter(|c| staff || c.row.status.is_public())
        .map(|c| ChallengeView::build(c, &taxonomy))
        .collect();
    Ok(CallPage { call: call.into(), challenges, staff })
}
