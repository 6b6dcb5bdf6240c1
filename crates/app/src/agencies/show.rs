//! Reading agencies: the list for staff, one agency with its officers and invitations.

use halqe_db::{agencies, invitations, users};
use halqe_domain::ids::AgencyId;
use halqe_domain::permissions::StaffCap;

use super::{Agency, Invitation};
use crate::accounts::User;
use crate::{App, Error, Result};

/// All agencies.
pub async fn list(app: &App, _cap: &StaffCap) -> Result<Vec<Agency>> {
    let mut conn = app.db.conn().await?;
    Ok(agencies::list(&mut conn).await?)
}

/// One agency with the people who work for it on the platform.
#[derive(Debug)]
pub struct AgencyDetail {
    pub agency: Agency,
    pub officers: Vec<User>,
    pub invitations: Vec<Invitation>,
}

pub async fn detail(app: &App, _cap: &StaffCap, id: &AgencyId) -> Result<AgencyDetail> {
    let mut conn = app.db.conn().await?;
    let agency = agencies::by_id(&mut conn, id).await?.ok_or(Error::NotFound)?;
    let officers = users::officers_of(&mut conn, id).await?;
    let invitations = invitations::for_agency(&mut conn, id).await?;
    Ok(AgencyDetail { agency, officers, invitations })
}
