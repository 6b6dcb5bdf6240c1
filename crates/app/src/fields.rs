//! The taxonomy of innovation fields.

pub use halqe_db::fields::Field;

use crate::{App, Result};

/// All fields, parents first, in display order.
pub async fn list(app: &App) -> Result<Vec<Field>> {
    let mut conn = app.db.conn().await?;
    Ok(halqe_db::fields::list(&mut conn).await?)
}

/// The whole taxonomy, for select lists.
pub async fn taxonomy(app: &App) -> Result<Taxonomy> {
    let mut conn = app.db.conn().await?;
    Taxonomy::load(&mut conn).await
}

/// The whole taxonomy in memory, for naming and checking field ids.
#[derive(Debug, Clone, Default)]
pub struct Taxonomy(Vec<Field>);

impl Taxonomy {
    /// Reads the taxonomy inside the caller's connection or transaction.
    pub async fn load(conn: &mut halqe_db::Conn) -> Result<Self> {
        Ok(Self(halqe_db::fields::list(conn).await?))
    }

    pub fn get(&self, id: &str) -> Option<&Field> {
        self.0.iter().find(|f| f.id == id)
    }

    /// The top-level fields, each with its sub-fields.
    pub fn groups(&self) -> Vec<(Field, Vec<Field>)> {
        let children = |p: &Field| self.0.iter().filter(|c| c.parent_id.as_deref() == Some(&p.id)).cloned().collect();
        self.0.iter().filter(|f| f.parent_id.is_none()).map(|p| (p.clone(), children(p))).collect()
    }
}
