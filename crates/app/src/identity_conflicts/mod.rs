//! Identity conflicts: a declared national ID or registration number that another record holds is saved as
//! a case for staff instead of being refused, so it neither blocks its real owner nor tells the declarer
//! that a record exists; staff who are no party to it decide which record keeps it.

pub mod resolve;

use halqe_db::identity_conflicts::{self as db, ConflictRow};
use halqe_db::{Conn, organizations, people, users};
use halqe_domain::identity::{ConflictStatus, Identifier};
use halqe_domain::ids::{IdentityConflictId, OrganizationId, PersonId, UserId};
use halqe_domain::permissions::StaffCap;

use crate::{App, Result, audit};

/// How many cases the staff page lists (open ones first).
const PAGE: i64 = 200;

/// An identifier a form declared that another record already holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub identifier: Identifier,
    pub value: String,
    /// The record holding it.
    pub holder: String,
}

/// What a form that takes an identifier answers: the same whether or not another record holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Saved,
    /// A new identifier was declared; staff review it.
    ForReview,
}

/// Checks `declared` (the form's value for record `owner`) against the other records: a value another
/// record holds is returned as [`Held`] for a case and the record keeps `stored` instead. `shown` is what
/// the owner currently sees as theirs (a pending declaration, else `stored`); declaring anything else is
/// answered [`Answer::ForReview`].
pub(crate) fn declare(
    identifier: Identifier,
    declared: Option<String>,
    holder: Option<String>,
    stored: Option<String>,
    shown: Option<&str>,
) -> (Option<String>, Option<Held>, Answer) {
    let answer = if declared.is_some() && declared.as_deref() != shown { Answer::ForReview } else { Answer::Saved };
    match (declared, holder) {
        (Some(value), Some(holder)) => (stored, Some(Held { identifier, value, holder }), answer),
        (declared, _) => (declared, None, answer),
    }
}

/// Opens a case for `held`, declared by `by` for record `claimant`, unless the same case is open already;
/// audited without the value (the audit record holds no personal data).
pub(crate) async fn open(conn: &mut Conn, held: &Held, claimant: &str, by: &UserId, now: i64) -> Result<()> {
    open_as(conn, held, claimant, by, Some(by), now).await
}

/// [`open`], for a case someone other than the declarer opens: an import taking an identifier from the
/// record that only declared it (`actor` is the importing staff member, `None` at the command line).
pub(crate) async fn open_as(
    conn: &mut Conn,
    held: &Held,
    claimant: &str,
    by: &UserId,
    actor: Option<&UserId>,
    now: i64,
) -> Result<()> {
    if db::open_of(conn, claimant, held.identifier).await?.is_some_and(|c| c.value == held.value) {
        return Ok(());
    }
    let row = ConflictRow {
        id: IdentityConflictId::new().as_str().to_owned(),
        identifier: held.identifier,
        value: held.value.clone(),
        claimant_id: claimant.to_owned(),
        claimed_by: by.as_str().to_owned(),
        holder_id: held.holder.clone(),
        status: ConflictStatus::Open,
        reason: String::new(),
        decided_by: None,
        decided_at: None,
        created_at: now,
    };
    db::insert(conn, &row).await?;
    let details = serde_json::json!({ "identifier": held.identifier.code() });
    audit::record(conn, actor, "identity_conflict.open", ("identity_conflict", &row.id), details, now).await?;
    Ok(())
}

/// The value `claimant` declared that staff have yet to decide on: shown to its declarer as theirs meanwhile,
/// so the profile looks the same whether or not another record holds it.
pub(crate) async fn pending(conn: &mut Conn, claimant: &str, identifier: Identifier) -> Result<Option<String>> {
    Ok(db::open_of(conn, claimant, identifier).await?.map(|c| c.value))
}

/// One side of a case: the record's name and link.
#[derive(Debug, Clone)]
pub struct Side {
    pub id: String,
    pub name: String,
    /// `/people/<id>` or `/organizations/<id>`.
    pub href: String,
}

/// A case as staff see it.
#[derive(Debug, Clone)]
pub struct ConflictView {
    pub id: String,
    pub identifier: Identifier,
    pub value: String,
    pub claimant: Side,
    pub holder: Side,
    /// The account that declared the value: name and email.
    pub claimed_by: (String, String),
    pub status: ConflictStatus,
    pub reason: String,
    pub created_at: i64,
    pub decided_at: Option<i64>,
}

async fn side(conn: &mut Conn, identifier: Identifier, id: &str) -> Result<Side> {
    let name = match identifier {
        Identifier::NationalId => people::by_id(conn, &PersonId::from_db(id.to_owned()))
            .await?
            .map(|p| format!("{} {}", p.first_name, p.last_name)),
        Identifier::RegistrationNumber => {
            organizations::by_id(conn, &OrganizationId::from_db(id.to_owned())).await?.map(|o| o.name_fa)
        }
    };
    let base = match identifier {
        Identifier::NationalId => "/people",
        Identifier::RegistrationNumber => "/organizations",
    };
    Ok(Side { id: id.to_owned(), name: name.unwrap_or_default(), href: format!("{base}/{id}") })
}

/// Open cases first (oldest first), then decided ones.
pub async fn list(app: &App, _cap: &StaffCap) -> Result<Vec<ConflictView>> {
    let mut conn = app.db.conn().await?;
    let rows = db::list(&mut conn, PAGE).await?;
    let mut views = Vec::with_capacity(rows.len());
    for c in rows {
        let claimed_by = users::by_id(&mut conn, &UserId::from_db(c.claimed_by.clone()))
            .await?
            .map(|u| (u.display_name, u.email.as_str().to_owned()))
            .unwrap_or_default();
        views.push(ConflictView {
            claimant: side(&mut conn, c.identifier, &c.claimant_id).await?,
            holder: side(&mut conn, c.identifier, &c.holder_id).await?,
            id: c.id,
            identifier: c.identifier,
            value: c.value,
            claimed_by,
            status: c.status,
            reason: c.reason,
            created_at: c.created_at,
            decided_at: c.decided_at,
        });
    }
    Ok(views)
}
