//! The taxonomy of innovation fields.

pub use halqe_db::fields::Field;

use crate::{App, Result};

/// All fields, parents first, in display order.
pub async fn list(app: &App) -> Result<Vec<Field>> {
    let mut conn = app.db.conn().await?;
    Ok(halqe_db::fields::list(&mut conn).await?)
}
