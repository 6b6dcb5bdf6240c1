//! The owning agency's officers edit a challenge's text; an approved or published one goes back to review,
//! and what changed is recorded with its former values.

use halqe_db::Conn;
use halqe_db::challenges::{self, ChallengeRow};
use halqe_domain::challenge::Status;
use halqe_domain::ids::{ChallengeId, UserId};
use halqe_domain::permissions::Actor;

use super::access;
use super::events::Move;
use super::form::{ChallengeForm, changes};
use crate::fields::Taxonomy;
use crate::{App, Error, FormErrors, Result};

/// What an edit did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    /// The status the challenge is in now (`Submitted` if an approved or published text changed).
    pub status: Status,
    /// The template fields that changed.
    pub changed: Vec<String>,
}

/// Saves `form` over challenge `id` as one of its agency's officers. `version` is the version the editor
/// was opened at: if someone saved since, nothing is written and the editor says so.
pub async fn edit(app: &App, actor: &Actor, id: &ChallengeId, version: i64, form: &ChallengeForm) -> Result<Edited> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (found, sides) = access::party(&mut tx, actor, id).await?;
    if !sides.agency {
        return Err(Error::Forbidden);
    }
    let before = found.row;
    if !before.status.is_editable() {
        return Err(FormErrors::single("status", "challenge_not_editable"));
    }
    if before.version != version {
        return Err(FormErrors::single("version", "challenge_changed_meanwhile"));
    }
    let content = form.validate(&Taxonomy::load(&mut tx).await?, now)?;
    let mut after = before.clone();
    content.apply(&mut after);
    let changed = changes(&before, &after);
    if changed.is_empty() {
        return Ok(Edited { status: before.status, changed: Vec::new() });
    }
    let names: Vec<String> =
        changed.iter().filter_map(|c| c.get("field").and_then(|f| f.as_str()).map(str::to_owned)).collect();
    let after = save(&mut tx, &actor.user_id, &before, after, changed, now).await?;
    halqe_db::commit(tx).await?;
    Ok(Edited { status: after.status, changed: names })
}

/// Writes `after`, the text edited from `before`, one version on (back to review if it was approved or
/// published) and records the edit with its `changes`; refused if someone saved first.
pub(super) async fn save(
    conn: &mut Conn,
    actor: &UserId,
    before: &ChallengeRow,
    mut after: ChallengeRow,
    changes: Vec<serde_json::Value>,
    now: i64,
) -> Result<ChallengeRow> {
    after.status = before.status.after_edit();
    after.version = before.version + 1;
    after.updated_at = now;
    if !challenges::update(conn, &after).await? {
        return Err(FormErrors::single("version", "challenge_changed_meanwhile"));
    }
    let id = ChallengeId::from_db(before.id.clone());
    let edited = Move {
        challenge: &id,
        actor,
        kind: "edit",
        from: before.status,
        to: after.status,
        reason: "",
        changes,
        at: now,
    };
    edited.record(conn).await?;
    Ok(after)
}
