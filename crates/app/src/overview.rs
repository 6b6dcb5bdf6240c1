//! Headline figures for the home page.

use crate::{App, Result};

/// Counts shown to every visitor.
#[derive(Debug, Clone, Copy, Default)]
pub struct Overview {
    pub agencies: i64,
    pub users: i64,
    pub fields: i64,
}

pub async fn overview(app: &App) -> Result<Overview> {
    let mut conn = app.db.conn().await?;
    let agencies = halqe_db::agencies::count(&mut conn).await?;
    let users = halqe_db::users::count(&mut conn).await?;
    let fields = halqe_db::fields::list(&mut conn).await?.len() as i64;
    Ok(Overview { agencies, users, fields })
}
