//! The only crate with SQL: one pool over SQLite or PostgreSQL, one module per aggregate, migrations written once for both.
//!
//! Queries are written once in the portable subset both backends accept (`$1` placeholders, TEXT ids,
//! BIGINT unix-ms times, 0/1 flags) and run through sqlx's `Any` driver.

pub mod agencies;
pub mod assignments;
pub mod attachments;
pub mod audit;
pub mod calls;
pub mod challenges;
pub mod conversations;
pub mod decisions;
pub mod document_vectors;
pub mod evaluations;
pub mod fields;
pub mod identity_conflicts;
pub mod imports;
pub mod introductions;
pub mod invitations;
pub mod jobs;
pub mod kept_values;
pub mod needs;
pub mod notifications;
pub mod organizations;
pub mod outbox;
pub mod past_projects;
pub mod people;
pub mod profile_claims;
pub mod proposals;
pub mod questions;
pub mod rate_limits;
pub mod review_reminders;
pub mod reviewers;
pub mod reviews;
pub mod search_feed;
pub mod sessions;
pub mod stages;
pub mod tokens;
pub mod users;
pub mod verification;

mod bulk;
mod error;
mod keyed;
mod pool;

pub use error::{Error, Result};
pub use pool::{Backend, Db, Readiness};

/// A connection or an open transaction; every repository function takes one.
pub type Conn = sqlx::AnyConnection;
/// An open transaction; commit it or it rolls back on drop.
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// Commits a transaction.
pub async fn commit(tx: Tx) -> Result<()> {
    tx.commit().await?;
    Ok(())
}
