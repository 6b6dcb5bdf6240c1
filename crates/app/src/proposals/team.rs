//! A proposal's team: the applicant's side lists people of the registry who have an account (each is
//! asked, in the app and by mail as they chose), removes them before the deadline; each listed member
//! accepts or declines, and the applicant's side is told. Submission needs every member to have accepted.
//! Each invitation mails, so invitations are limited per account and address like every other invitation,
//! and per (account, person) so that removing and inviting again cannot flood one person.

use halqe_db::proposals::{self, MemberRow};
use halqe_db::{people, users};
use halqe_domain::ids::{PersonId, ProposalId};
use halqe_domain::notification::Kind;
use halqe_domain::permissions::Actor;
use halqe_domain::proposal::{ApplicantKind, MemberState};
use halqe_domain::registry::{Sight, Visibility, sight};

use super::access;
use super::notify;
use crate::notifications::send;
use crate::rate_limits::{self, INVITE_ACCOUNT, INVITE_ADDRESS, TEAM_INVITE_PAIR};
use crate::{App, Error, FormErrors, Result};

/// Most members one proposal lists.
pub const MAX_MEMBERS: usize = 10;
/// Longest text read as a member (a profile's link or id).
pub const MEMBER_INPUT: usize = 300;

/// The person a typed profile link (`https://…/people/<id>`) or bare id names.
fn person_in(raw: &str) -> Result<PersonId> {
    if raw.chars().count() > MEMBER_INPUT {
        return Err(FormErrors::single("member", "too_long"));
    }
    let last = raw.trim().trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let id = last.split(['?', '#']).next().unwrap_or("");
    if raw.trim().is_empty() {
        return Err(FormErrors::single("member", "required"));
    }
    PersonId::parse(id).ok_or_else(|| FormErrors::single("member", "member_not_found"))
}

/// Lists the person named by `member` on proposal `id`'s team and asks them; returns their person id.
pub async fn invite(app: &App, actor: &Actor, id: &ProposalId, member: &str, client_ip: &str) -> Result<PersonId> {
    let person_id = person_in(member)?;
    let pair = format!("{}|{person_id}", actor.user_id);
    let limits =
        [(&INVITE_ACCOUNT, actor.user_id.as_str()), (&INVITE_ADDRESS, client_ip), (&TEAM_INVITE_PAIR, pair.as_str())];
    rate_limits::counted(app, &limits, ask(app, actor, id, person_id)).await
}

/// The invitation's transaction, once the limits admitted it.
async fn ask(app: &App, actor: &Actor, id: &ProposalId, person_id: PersonId) -> Result<PersonId> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let found = access::owned(&mut tx, actor, id).await?;
    access::changeable(&found, now)?;
    // A profile the applicant may not see is answered exactly like one that does not exist.
    let person = people::by_id(&mut tx, &person_id).await?.filter(|p| {
        let visibility = Visibility::parse(&p.visibility).unwrap_or(Visibility::Private);
        let own = p.user_id.as_deref() == Some(actor.user_id.as_str());
        sight(Some(actor), visibility, own) != Sight::Hidden
    });
    let person = person.ok_or_else(|| FormErrors::single("member", "member_not_found"))?;
    let Some(user) = person.user_id.clone() else {
        return Err(FormErrors::single("member", "member_no_account"));
    };
    if found.row.applicant_kind == ApplicantKind::Person && found.row.applicant_id == person.id {
        return Err(FormErrors::single("member", "member_is_applicant"));
    }
    let team = proposals::members_of(&mut tx, id).await?;
    if team.iter().any(|m| m.person_id == person.id) {
        return Err(FormErrors::single("member", "member_already_listed"));
    }
    if team.len() >= MAX_MEMBERS {
        return Err(FormErrors::single("member", "too_many"));
    }
    let row = MemberRow {
        proposal_id: id.to_string(),
        person_id: person.id.clone(),
        user_id: user.clone(),
        name: format!("{} {}", person.first_name, person.last_name).trim().to_owned(),
        state: MemberState::Invited,
        invited_by: actor.user_id.to_string(),
        invited_at: now,
        answered_at: None,
    };
    proposals::insert_member(&mut tx, &row).await?;
    let to = [halqe_domain::ids::UserId::from_db(user)];
    send::tell(app, &mut tx, Kind::ProposalInvited, &notify::subject_view(&found), &found.row.applicant_name, &to, now)
        .await?;
    halqe_db::commit(tx).await?;
    Ok(person_id)
}

/// Takes a person off proposal `id`'s team (whatever they answered), before the deadline.
pub async fn remove(app: &App, actor: &Actor, id: &ProposalId, person: &PersonId) -> Result<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let found = access::owned(&mut tx, actor, id).await?;
    access::changeable(&found, now)?;
    if !proposals::remove_member(&mut tx, id, person).await? {
        return Err(Error::NotFound);
    }
    halqe_db::commit(tx).await?;
    Ok(())
}

/// The invited member answers; the applicant's side is told. Returns the new state.
pub async fn answer(app: &App, actor: &Actor, id: &ProposalId, accept: bool) -> Result<MemberState> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (found, sides) = access::known(&mut tx, actor, id).await?;
    let team = proposals::members_of(&mut tx, id).await?;
    let Some(me) = team.into_iter().find(|m| m.user_id == actor.user_id.as_str()) else {
        return Err(Error::Forbidden);
    };
    let Some(next) = me.state.answer(accept) else {
        return Err(FormErrors::single("answer", "member_already_answered"));
    };
    if found.row.status == halqe_domain::proposal::Status::Withdrawn {
        return Err(FormErrors::single("status", "proposal_withdrawn"));
    }
    // The challenge's sides judge its proposals: they may not join one (declining is always open).
    if accept && sides.reviewer_side() {
        return Err(Error::Forbidden);
    }
    if !proposals::answer_member(&mut tx, id, &actor.user_id, me.state, next, now).await? {
        return Err(FormErrors::single("answer", "member_already_answered"));
    }
    let kind = if accept { Kind::ProposalTeamAccepted } else { Kind::ProposalTeamDeclined };
    let name = users::by_id(&mut tx, &actor.user_id).await?.map(|u| u.display_name).unwrap_or(me.name);
    let owners = access::owners(&mut tx, found.row.applicant_kind, &found.row.applicant_id).await?;
    send::tell(app, &mut tx, kind, &notify::subject_view(&found), &name, &owners, now).await?;
    halqe_db::commit(tx).await?;
    Ok(next)
}
