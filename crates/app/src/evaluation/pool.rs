//! A call's reviewer pool: staff add accounts with the reviewer role (their registry profile gives
//! expertise and conflicts), set each one's load cap and availability, and remove them (kept for the
//! record); reviewers declare conflicts and withdraw them. Taking a reviewer out mid-stage ends their
//! active assignments (their reviews, drafts too, stay) and proposes a re-solve of the gaps.

use halqe_db::assignments::{self, AssignmentRow};
use halqe_db::reviewers::{self, DeclaredRow, ReviewerRow};
use halqe_db::{Conn, calls, organizations, people, users};
use halqe_domain::Invalid;
use halqe_domain::evaluation::pool::{About, NOTE, max_load};
use halqe_domain::ids::{CallId, Id, OrganizationId, PersonId, UserId};
use halqe_domain::permissions::{Actor, StaffCap};
use halqe_domain::profile::paragraph;
use halqe_domain::registry::Sight;
use halqe_domain::user::{Email, Role};

use crate::organizations::view as orgs_view;
use crate::people::view as people_view;
use crate::{App, Error, FormErrors, Result, audit, rate_limits};

/// One reviewer of the pool as staff see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewerView {
    pub user_id: String,
    pub name: String,
    pub email: String,
    /// Whether their account has a registry profile (expertise and conflicts come from it).
    pub has_profile: bool,
    pub max_load: i64,
    pub available: bool,
    /// Active assignments in the call.
    pub load: i64,
    pub removed_at: Option<i64>,
}

/// The pool page of a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolPage {
    pub call_id: String,
    pub call_title: String,
    pub reviewers: Vec<ReviewerView>,
}

/// The call's pool, removed reviewers last.
pub async fn page(app: &App, _staff: &StaffCap, call: &CallId) -> Result<PoolPage> {
    let mut conn = app.db.conn().await?;
    let row = calls::by_id(&mut conn, call).await?.ok_or(Error::NotFound)?;
    let loads = assignments::loads_in_call(&mut conn, call.as_str()).await?;
    let mut reviewers: Vec<ReviewerView> = reviewers::of_call(&mut conn, call.as_str())
        .await?
        .into_iter()
        .map(|r| ReviewerView {
            load: loads.iter().find(|(u, _)| *u == r.row.user_id).map_or(0, |l| l.1),
            user_id: r.row.user_id,
            name: r.display_name,
            email: r.email,
            has_profile: r.row.person_id.is_some(),
            max_load: r.row.max_load,
            available: r.row.available != 0,
            removed_at: r.row.removed_at,
        })
        .collect();
    reviewers.sort_by_key(|r| r.removed_at.is_some());
    Ok(PoolPage { call_id: row.id, call_title: row.title, reviewers })
}

/// Adds the account with `email` (it must hold the reviewer role) to the call's pool with load cap
/// `load`; a removed reviewer comes back.
pub async fn add(app: &App, staff: &StaffCap, call: &CallId, email: &str, load: &str) -> Result<()> {
    let mut e = FormErrors::default();
    let email = e.check("email", Email::parse(email));
    let load = e.check("max_load", max_load(load));
    e.finish()?;
    let (Some(email), Some(load)) = (email, load) else { return Err(FormErrors::single("email", "required")) };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    calls::by_id(&mut tx, call).await?.ok_or(Error::NotFound)?;
    let user = users::by_email(&mut tx, &email).await?.ok_or_else(|| FormErrors::single("email", "no_account"))?;
    if !user.roles.contains(&Role::Reviewer) || user.disabled_at.is_some() {
        return Err(FormErrors::single("email", "not_a_reviewer"));
    }
    let person = people::by_user(&mut tx, &user.id).await?.map(|p| p.id);
    let row = ReviewerRow {
        call_id: call.to_string(),
        user_id: user.id.to_string(),
        person_id: person.clone(),
        max_load: load,
        available: 1,
        added_by: staff.by().to_string(),
        added_at: now,
        removed_at: None,
        removed_by: None,
    };
    reviewers::add(&mut tx, &row).await?;
    let details = serde_json::json!({ "reviewer": row.user_id, "person": person, "max_load": load });
    audit::record(&mut tx, Some(staff.by()), "call.reviewer_add", ("call", call.as_str()), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Sets a reviewer's load cap and availability; marking them unavailable ends their active assignments
/// as removal does.
pub async fn update(
    app: &App,
    staff: &StaffCap,
    call: &CallId,
    user: &UserId,
    load: &str,
    available: bool,
) -> Result<()> {
    let load = max_load(load).map_err(|e| FormErrors::single("max_load", e.code()))?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let before = reviewers::get(&mut tx, call.as_str(), user.as_str()).await?;
    let Some(before) = before.filter(|r| r.removed_at.is_none()) else { return Err(Error::NotFound) };
    reviewers::set_load(&mut tx, call.as_str(), user.as_str(), load, available).await?;
    let details = serde_json::json!({ "reviewer": user.as_str(), "max_load": load, "available": available });
    audit::record(&mut tx, Some(staff.by()), "call.reviewer_update", ("call", call.as_str()), details, now).await?;
    if before.available != 0 && !available {
        release(app, &mut tx, staff, call, user, "unavailable").await?;
    }
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Removes a reviewer from the pool (the row stays, with who removed them and when), ends their active
/// assignments with `reason` and proposes a re-solve of each stage they left short.
pub async fn remove(app: &App, staff: &StaffCap, call: &CallId, user: &UserId, reason: &str) -> Result<()> {
    let reason = paragraph(reason, NOTE).map_err(|e| FormErrors::single("reason", e.code()))?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if !reviewers::remove(&mut tx, call.as_str(), user.as_str(), staff.by().as_str(), now).await? {
        return Err(Error::NotFound);
    }
    let details = serde_json::json!({ "reviewer": user.as_str(), "reason": reason });
    audit::record(&mut tx, Some(staff.by()), "call.reviewer_remove", ("call", call.as_str()), details, now).await?;
    let why = if reason.is_empty() { "removed".to_owned() } else { reason };
    release(app, &mut tx, staff, call, user, &why).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Ends `user`'s active assignments in the call with `reason` (audited each), then queues a re-solve of
/// every stage that lost one: the other assignments in force stay pinned, so only the gaps are filled.
async fn release(
    app: &App,
    conn: &mut Conn,
    staff: &StaffCap,
    call: &CallId,
    user: &UserId,
    reason: &str,
) -> Result<()> {
    let active = assignments::active_in_call(conn, call.as_str(), user.as_str()).await?;
    for stage in end_assignments(conn, staff.by(), &active, reason, app.now()).await? {
        super::assignment::queue(app, conn, staff, &stage, halqe_domain::evaluation::pool::Mode::Total).await?;
    }
    Ok(())
}

/// Ends `active` assignments with `reason` by `by`, each audited (`assignment.remove`), in the caller's
/// transaction; their reviews, drafts too, stay. Returns the stages they were in.
pub(crate) async fn end_assignments(
    conn: &mut Conn,
    by: &UserId,
    active: &[AssignmentRow],
    reason: &str,
    now: i64,
) -> Result<Vec<String>> {
    let mut stages: Vec<String> = Vec::new();
    let mut entries = Vec::new();
    for a in active {
        assignments::remove(conn, &a.id, reason, now).await?;
        let details = serde_json::json!({
            "stage": a.stage_id, "proposal": a.proposal_id, "reviewer": a.user_id, "reason": reason,
        });
        entries.push(("assignment", a.id.as_str(), details));
        if !stages.contains(&a.stage_id) {
            stages.push(a.stage_id.clone());
        }
    }
    audit::record_each(conn, Some(by), "assignment.remove", &entries, now).await?;
    Ok(stages)
}

/// A conflict a reviewer declared, as they see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredView {
    pub id: String,
    pub about: About,
    /// What it is about, by name, as far as the reviewer may see it (see [`visible_name`]).
    pub about_name: Option<String>,
    pub note: String,
    pub created_at: i64,
}

/// The reviewer's declarations in force.
pub async fn declared(app: &App, actor: &Actor) -> Result<Vec<DeclaredView>> {
    reviewer(actor)?;
    let mut conn = app.db.conn().await?;
    let rows = reviewers::declared_of(&mut conn, &[actor.user_id.to_string()]).await?;
    let mut out = Vec::new();
    for d in rows {
        let Ok(about) = About::parse(&d.about_kind) else { continue };
        let about_name = visible_name(&mut conn, actor, about, &d.about_id).await?;
        out.push(DeclaredView { id: d.id, about, about_name, note: d.note, created_at: d.created_at });
    }
    Ok(out)
}

fn reviewer(actor: &Actor) -> Result<()> {
    if actor.has(Role::Reviewer) { Ok(()) } else { Err(Error::Forbidden) }
}

/// The name of what a declaration is about as `actor` may see it, `None` when they may not (or it does
/// not exist, which must look the same): a proposal only through the blind projection of their own latest
/// assignment to it, an organization or person only as the registry's `sight` shows it to them. The
/// declarations page must be no way round the double-blind projection or a private profile.
async fn visible_name(conn: &mut Conn, actor: &Actor, about: About, id: &str) -> Result<Option<String>> {
    Ok(match about {
        About::Proposal => {
            let mine = assignments::of_reviewer_on(conn, actor.user_id.as_str(), id).await?;
            match mine.first() {
                Some(a) => super::reviews::seen(conn, a).await?.map(|(_, _, p)| p.title),
                None => None,
            }
        }
        About::Organization => {
            let id = OrganizationId::from_db(id.to_owned());
            match organizations::by_id(conn, &id).await? {
                Some(o) => {
                    let member = organizations::role_of(conn, &id, &actor.user_id).await?.is_some();
                    (orgs_view::sight_of(Some(actor), &o, member) != Sight::Hidden).then_some(o.name_fa)
                }
                None => None,
            }
        }
        About::Person => people::by_id(conn, &PersonId::from_db(id.to_owned()))
            .await?
            .filter(|p| people_view::sight_of(Some(actor), p) != Sight::Hidden)
            .map(|p| format!("{} {}", p.first_name, p.last_name)),
    })
}

/// The reviewer declares a conflict about a proposal (by the id of their assignment to it, the address of its
/// review page), an organization or a person (by its id), in their words. Any well-formed id is taken, one
/// that names nothing too: answering "not found" would tell a reviewer which ids exist. Each is audited, so
/// an account declares and withdraws at most `CONFLICT_DECLARE_ACCOUNT` an hour.
pub async fn declare(app: &App, actor: &Actor, about: &str, about_id: &str, note: &str) -> Result<()> {
    reviewer(actor)?;
    let limit = [(&rate_limits::CONFLICT_DECLARE_ACCOUNT, actor.user_id.as_str())];
    rate_limits::counted(app, &limit, write_declaration(app, actor, about, about_id, note)).await
}

async fn write_declaration(app: &App, actor: &Actor, about: &str, about_id: &str, note: &str) -> Result<()> {
    let mut e = FormErrors::default();
    let about = e.check("about", About::parse(about));
    let id = e.check("about_id", Id::<()>::parse(about_id).ok_or(Invalid::Choice));
    let note =
        e.check("note", paragraph(note, NOTE).and_then(|n| if n.is_empty() { Err(Invalid::Required) } else { Ok(n) }));
    e.finish()?;
    let (Some(about), Some(id), Some(note)) = (about, id, note) else {
        return Err(FormErrors::single("note", "required"));
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    // A proposal is named by the reviewer's own assignment to it; an id that is not one is kept as given.
    let about_id = match about {
        About::Proposal => assignments::get(&mut tx, id.as_str())
            .await?
            .filter(|a| a.user_id == actor.user_id.as_str())
            .map_or_else(|| id.to_string(), |a| a.proposal_id),
        About::Organization | About::Person => id.to_string(),
    };
    let row = DeclaredRow {
        id: Id::<()>::new().to_string(),
        user_id: actor.user_id.to_string(),
        about_kind: about.code().to_owned(),
        about_id,
        note,
        created_at: now,
        withdrawn_at: None,
    };
    reviewers::declare(&mut tx, &row).await?;
    let details = serde_json::json!({ "about": row.about_kind, "about_id": row.about_id, "note": row.note });
    own_record(&mut tx, actor, "reviewer.conflict_declare", details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}

/// The reviewer withdraws one of their own declarations; another's, or one withdrawn already, is not found.
pub async fn withdraw(app: &App, actor: &Actor, id: &str) -> Result<()> {
    reviewer(actor)?;
    let limit = [(&rate_limits::CONFLICT_DECLARE_ACCOUNT, actor.user_id.as_str())];
    rate_limits::counted(app, &limit, write_withdrawal(app, actor, id)).await
}

async fn write_withdrawal(app: &App, actor: &Actor, id: &str) -> Result<()> {
    let id = Id::<()>::parse(id).ok_or(Error::NotFound)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if !reviewers::withdraw(&mut tx, id.as_str(), actor.user_id.as_str(), now).await? {
        return Err(Error::NotFound);
    }
    let details = serde_json::json!({ "declaration": id.as_str() });
    own_record(&mut tx, actor, "reviewer.conflict_withdraw", details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Audits a reviewer's change to their own declarations.
async fn own_record(conn: &mut Conn, actor: &Actor, action: &str, details: serde_json::Value, now: i64) -> Result<()> {
    audit::record(conn, Some(&actor.user_id), action, ("user", actor.user_id.as_str()), details, now).await
}
