//! Staff publish a draft call: it appears on the public call pages with its published challenges.

use halqe_db::calls;
use halqe_domain::ids::CallId;
use halqe_domain::permissions::StaffCap;

use crate::{App, Error, FormErrors, Result, audit};

/// Publishes call `id`; a call already published is a form error.
pub async fn publish(app: &App, staff: &StaffCap, id: &CallId) -> Result<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    calls::by_id(&mut tx, id).await?.ok_or(Error::NotFound)?;
    if !calls::publish(&mut tx, id, now).await? {
        return Err(FormErrors::single("step", "call_already_published"));
    }
    audit::record(&mut tx, Some(staff.by()), "call.publish", ("call", id.as_str()), serde_json::json!({}), now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}
