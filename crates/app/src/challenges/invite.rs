//! Invitations to apply: a challenge's agency officers and staff invite chosen matches to apply to it. Each
//! invitation is an introduction for the challenge's own need (one per challenge, made at the first
//! invitation), so the invitee sees the challenge and decides, and the agency sees their contact details
//! only once they accept; one batched request for many invitees, never twice the same invitee.

use std::sync::Arc;

use halqe_db::needs::{self, NeedRow};
use halqe_db::{Conn, introductions};
use halqe_domain::ids::{AgencyId, ChallengeId, IntroductionId, NeedId};
use halqe_domain::permissions::Actor;
use halqe_domain::profile::paragraph;
use halqe_search::SearchIndex;

use super::access;
use super::matches::need_text;
use super::view::ChallengeView;
use crate::fields::Taxonomy;
use crate::introductions::IntroductionItem;
use crate::introductions::request::{Batch, MAX_NOTE_CHARS, Telling, explain, introduce, parse_candidates};
use crate::{App, Error, FormErrors, Result};

/// What the invitation form sends.
#[derive(Debug, Clone, Default)]
pub struct InvitationRequest {
    /// `person:<id>` or `organization:<id>` per invitee, at most
    /// [`crate::introductions::request::MAX_CANDIDATES`].
    pub candidates: Vec<String>,
    /// An optional note to the invitees.
    pub note: String,
}

/// The challenge's need, made at its first invitation (its text and fields as the matcher reads them).
async fn need_of(conn: &mut Conn, actor: &Actor, c: &ChallengeView, now: i64) -> Result<NeedId> {
    let id = ChallengeId::from_db(c.id.clone());
    if let Some(need) = needs::of_challenge(conn, &id).await? {
        return Ok(NeedId::from_db(need.id));
    }
    let need = NeedId::new();
    let fields: Vec<&str> = c.fields.iter().map(|f| f.id.as_str()).collect();
    let row = NeedRow {
        id: need.to_string(),
        agency_id: Some(c.agency_id.clone()),
        created_by: actor.user_id.to_string(),
        text: need_text(c),
        fields: serde_json::to_string(&fields).unwrap_or_else(|_| "[]".into()),
        created_at: now,
        challenge_id: Some(c.id.clone()),
    };
    match needs::insert(conn, &row).await {
        // Two first invitations at once: the other made it.
        Err(halqe_db::Error::Conflict) => Err(FormErrors::single("candidates", "try_again")),
        other => other.map(|()| need).map_err(Error::from),
    }
}

/// Invites the chosen candidates to apply to challenge `id`; only its agency's officers and staff, only
/// while it takes proposals, only candidates it admits. Returns the invitations made.
pub async fn invite(
    app: &App,
    index: &Arc<SearchIndex>,
    actor: &Actor,
    id: &ChallengeId,
    req: &InvitationRequest,
) -> Result<Vec<IntroductionId>> {
    let mut errors = FormErrors::default();
    let candidates = parse_candidates(&req.candidates, &mut errors);
    let note = errors.check("note", paragraph(&req.note, MAX_NOTE_CHARS)).unwrap_or_default();
    let challenge = {
        let mut conn = app.db.conn().await?;
        let (found, _) = access::party(&mut conn, actor, id).await?;
        let taxonomy = Taxonomy::load(&mut conn).await?;
        ChallengeView::build(found, &taxonomy)
    };
    let cap = actor.matcher().map_err(|_| Error::Forbidden)?;
    errors.finish()?;
    if !challenge.is_open(app.now()) {
        return Err(FormErrors::single("candidates", "invitations_closed"));
    }
    if candidates.iter().any(|(kind, _)| !challenge.eligibility.admits(*kind)) {
        return Err(FormErrors::single("candidates", "not_eligible"));
    }
    let fields: Vec<String> = challenge.fields.iter().map(|f| f.id.clone()).collect();
    let why = explain(app, index, &cap, &need_text(&challenge), &fields, &candidates).await?;

    let mut tx = app.db.begin().await?;
    let need = need_of(&mut tx, actor, &challenge, app.now()).await?;
    let agency = AgencyId::from_db(challenge.agency_id.clone());
    let batch = Batch {
        actor,
        need: &need,
        agency: Some(&agency),
        candidates: &candidates,
        note: &note,
        why: &why,
        tell: Telling::ChallengeInvitation,
    };
    let made = introduce(app, &mut tx, &batch).await?;
    halqe_db::commit(tx).await?;
    Ok(made)
}

/// The invitations to apply to challenge `id`, oldest first; only for its agency's officers and staff.
pub async fn invitations(app: &App, actor: &Actor, id: &ChallengeId) -> Result<Vec<IntroductionItem>> {
    let mut conn = app.db.conn().await?;
    access::party(&mut conn, actor, id).await?;
    let Some(need) = needs::of_challenge(&mut conn, id).await? else { return Ok(Vec::new()) };
    let listed = introductions::of_need(&mut conn, &NeedId::from_db(need.id)).await?;
    Ok(listed.into_iter().map(IntroductionItem::from).collect())
}
