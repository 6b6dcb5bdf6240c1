//! Verified claims as badges, for any page that shows a person or an organization.

use halqe_db::Conn;
use halqe_db::verification::{self, Subject};
use halqe_domain::ids::{OrganizationId, PersonId};
use halqe_domain::verification::{ClaimKind, ClaimStatus};

use crate::{App, Result};

/// One verified claim: shown with a «تأییدشده» badge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Badge {
    pub kind: ClaimKind,
    pub title: String,
}

/// The verified claims of a person or an organization, oldest first, on an open connection.
pub async fn badges(conn: &mut Conn, subject: Subject<'_>) -> Result<Vec<Badge>> {
    let rows = verification::titles(conn, subject, ClaimStatus::Approved).await?;
    Ok(rows.into_iter().map(|t| Badge { kind: t.kind, title: t.title }).collect())
}

/// The verified claims of a person.
pub async fn badges_for_person(app: &App, person: &PersonId) -> Result<Vec<Badge>> {
    let mut conn = app.db.conn().await?;
    badges(&mut conn, Subject::Person(person)).await
}

/// The verified claims of an organization.
pub async fn badges_for_organization(app: &App, org: &OrganizationId) -> Result<Vec<Badge>> {
    let mut conn = app.db.conn().await?;
    badges(&mut conn, Subject::Organization(org)).await
}
