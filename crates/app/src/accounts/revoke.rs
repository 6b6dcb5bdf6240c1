//! Taking access back: admins disable or re-enable an account and remove a role (the officer role ends the
//! agency membership with it). Each change ends the account's sessions and is audited in its transaction;
//! disabling an account or taking its reviewer role also ends its review assignments.

use halqe_db::{Conn, assignments, sessions, users};
use halqe_domain::ids::UserId;
use halqe_domain::permissions::AdminCap;
use halqe_domain::user::Role;

use crate::{App, Error, FormErrors, Result, audit};

/// Disables an account (`disabled`) or enables it again; an admin cannot disable themself.
pub async fn set_disabled(app: &App, cap: &AdminCap, user: &UserId, disabled: bool) -> Result<()> {
    if disabled && user == cap.by() {
        return Err(FormErrors::single("account", "own_account"));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if !users::set_disabled(&mut tx, user, disabled.then_some(now), now).await? {
        return Err(Error::NotFound);
    }
    let action = if disabled { "user.disable" } else { "user.enable" };
    end_access(&mut tx, cap, user, action, serde_json::json!({}), now).await?;
    if disabled {
        end_reviews(&mut tx, cap, user, "account_disabled", now).await?;
    }
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Takes `role` away from an account; taking the officer role also ends its agency membership (an officer
/// is always an officer of one agency), so the agency's introductions and candidates' contacts go with it.
/// An admin cannot remove their own admin role.
pub async fn remove_role(app: &App, cap: &AdminCap, user: &UserId, role: Role) -> Result<()> {
    if role == Role::Admin && user == cap.by() {
        return Err(FormErrors::single("account", "own_account"));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let account = users::by_id(&mut tx, user).await?.ok_or(Error::NotFound)?;
    if !users::remove_role(&mut tx, user, role).await? {
        return Err(FormErrors::single("role", "choice"));
    }
    let agency = match (role, &account.agency_id) {
        (Role::Officer, Some(agency)) => {
            users::clear_agency(&mut tx, user, now).await?;
            Some(agency.as_str())
        }
        _ => None,
    };
    let details = serde_json::json!({ "role": role.code(), "agency": agency });
    end_access(&mut tx, cap, user, "user.remove_role", details, now).await?;
    if role == Role::Reviewer {
        end_reviews(&mut tx, cap, user, "reviewer_role_removed", now).await?;
    }
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Ends `user`'s review assignments in force, in every call, with `reason`, audited, in the caller's
/// transaction: a reviewer who can no longer review keeps no work, their submitted reviews stop counting at
/// the gate, and granting the role again brings none back. Staff re-solve the stages left short.
async fn end_reviews(conn: &mut Conn, cap: &AdminCap, user: &UserId, reason: &str, now: i64) -> Result<()> {
    let active = assignments::list_for_reviewer(conn, user.as_str()).await?;
    crate::evaluation::pool::end_assignments(conn, cap.by(), &active, reason, now).await?;
    Ok(())
}

/// Ends every session of `user` and records `action` by the admin, in the caller's transaction.
async fn end_access(
    conn: &mut Conn,
    cap: &AdminCap,
    user: &UserId,
    action: &str,
    details: serde_json::Value,
    now: i64,
) -> Result<()> {
    sessions::delete_for_user(conn, user).await?;
    audit::record(conn, Some(cap.by()), action, ("user", user.as_str()), details, now).await?;
    Ok(())
}
