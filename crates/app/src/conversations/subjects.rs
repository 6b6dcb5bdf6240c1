//! The objects conversations and notifications are about, each through its own access rule: who may see
//! an introduction is decided by `introductions::access`, a challenge by `challenges::access`, a proposal by
//! `proposals::access`, and nowhere else. Seeing an object and taking part in its conversation are one rule
//! for an introduction and a proposal; a challenge is public once published, but its conversation is its
//! sides' review thread. A new kind of object adds one arm to each function here.

use std::collections::HashSet;

use halqe_db::Conn;
use halqe_db::challenges::ChallengeListed;
use halqe_db::users::User;
use halqe_domain::challenge::Status;
use halqe_domain::conversation::{Subject, SubjectKind};
use halqe_domain::ids::{AgencyId, ChallengeId, IntroductionId, ProposalId, UserId};
use halqe_domain::notification::Kind;
use halqe_domain::permissions::Actor;
use halqe_domain::proposal::MemberState;

use crate::challenges::access as challenge_access;
use crate::{App, Error, Result};
use crate::{introductions, proposals};

/// An object as one of its parties sees it: enough to name it and link to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectView {
    pub subject: Subject,
    /// What the object is about, on one line (an introduction's need, shortened).
    pub title: String,
    /// The agency on the object; `None` for the innovation center.
    pub agency_name: Option<String>,
}

impl SubjectView {
    /// The object's page.
    pub fn href(&self) -> String {
        href(&self.subject)
    }
}

/// The page of `subject`.
pub fn href(subject: &Subject) -> String {
    match subject.kind {
        SubjectKind::Introduction => format!("/introductions/{}", subject.id),
        SubjectKind::Proposal => format!("/proposals/{}", subject.id),
        SubjectKind::Challenge => format!("/challenges/{}", subject.id),
        SubjectKind::Review => format!("/reviews/{}", subject.id),
    }
}

/// A challenge as its notifications and conversation name it.
pub(crate) fn challenge_view(found: &ChallengeListed) -> SubjectView {
    SubjectView {
        subject: Subject::new(SubjectKind::Challenge, found.row.id.clone()),
        title: found.row.title.clone(),
        agency_name: Some(found.agency_name.clone()),
    }
}

/// Where a page's form posts a message to the conversation of `subject`.
pub fn messages_action(subject: &Subject) -> String {
    format!("/conversations/{}/{}/messages", subject.kind.code(), subject.id)
}

/// `subject` as `actor` sees it; `NotFound` unless the object's own rule lets them see it.
pub(crate) async fn visible(conn: &mut Conn, actor: &Actor, subject: &Subject) -> Result<SubjectView> {
    match subject.kind {
        SubjectKind::Introduction => {
            let id = IntroductionId::from_db(subject.id.clone());
            let (found, _) = introductions::access::visible(conn, actor, &id).await?;
            Ok(introductions::notify::subject_view(&found))
        }
        SubjectKind::Challenge => {
            let id = ChallengeId::from_db(subject.id.clone());
            let (found, _) = challenge_access::visible(conn, Some(actor), &id).await?;
            Ok(challenge_view(&found))
        }
        SubjectKind::Proposal => {
            let id = ProposalId::from_db(subject.id.clone());
            let (found, _) = proposals::access::visible(conn, actor, &id).await?;
            Ok(proposals::notify::subject_view(&found))
        }
        // A review has no conversation; its reviewer opens it through `evaluation::reviews`.
        SubjectKind::Review => Err(Error::NotFound),
    }
}

/// `subject` for a party to its conversation; `NotFound` to anyone else (a challenge's public included).
pub(crate) async fn party(conn: &mut Conn, actor: &Actor, subject: &Subject) -> Result<SubjectView> {
    match subject.kind {
        SubjectKind::Introduction | SubjectKind::Proposal | SubjectKind::Review => visible(conn, actor, subject).await,
        SubjectKind::Challenge => {
            let id = ChallengeId::from_db(subject.id.clone());
            let (found, sides) = challenge_access::visible(conn, Some(actor), &id).await?;
            if sides.any() { Ok(challenge_view(&found)) } else { Err(Error::NotFound) }
        }
    }
}

/// Which `(subject, account, kind)` asks may be told now (a disabled account is told nothing): a message as
/// a party to the conversation, anything else as someone who sees the object, by each kind's own rule, in a
/// constant number of queries however many asks.
pub(crate) async fn audience(
    conn: &mut Conn,
    asks: &[(&Subject, &User, Kind)],
) -> Result<HashSet<(Subject, UserId, Kind)>> {
    let mut out = HashSet::new();
    for kind in SubjectKind::ALL {
        let of_kind: Vec<&(&Subject, &User, Kind)> = asks.iter().filter(|(s, _, _)| s.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        match kind {
            SubjectKind::Introduction => {
                let pairs: Vec<(IntroductionId, &User)> =
                    of_kind.iter().map(|(s, u, _)| (IntroductionId::from_db(s.id.clone()), *u)).collect();
                let parties = introductions::access::parties_among(conn, &pairs).await?;
                for (s, u, k) in of_kind {
                    if parties.contains(&(IntroductionId::from_db(s.id.clone()), u.id.clone())) {
                        out.insert(((*s).clone(), u.id.clone(), *k));
                    }
                }
            }
            SubjectKind::Challenge => {
                let asks: Vec<(ChallengeId, &User, bool)> = of_kind
                    .iter()
                    .map(|(s, u, k)| (ChallengeId::from_db(s.id.clone()), *u, *k == Kind::Message))
                    .collect();
                for (i, admitted) in challenge_access::admitted(conn, &asks).await?.into_iter().enumerate() {
                    if admitted {
                        let (s, u, k) = of_kind[i];
                        out.insert(((*s).clone(), u.id.clone(), *k));
                    }
                }
            }
            // A proposal's audience is its applicant's side, a team of at most ten and the agency's
            // officers: asked one by one by the rule of its page; a member asked to join is told of the
            // invitation, but its messages only reach those who see it.
            SubjectKind::Proposal => {
                for (s, u, k) in of_kind.into_iter().filter(|(_, u, _)| u.disabled_at.is_none()) {
                    let actor = Actor { user_id: u.id.clone(), roles: u.roles.clone(), agency_id: u.agency_id.clone() };
                    let id = ProposalId::from_db(s.id.clone());
                    let seen = if *k == Kind::Message {
                        proposals::access::visible(conn, &actor, &id).await.map(|_| ())
                    } else {
                        proposals::access::known(conn, &actor, &id).await.map(|_| ())
                    };
                    match seen {
                        Ok(()) => {
                            out.insert(((*s).clone(), u.id.clone(), *k));
                        }
                        Err(Error::NotFound) => {}
                        Err(e) => return Err(e),
                    }
                }
            }
            // A review's audience is its reviewer while the assignment is in force (one query per hundred).
            SubjectKind::Review => {
                let ids: Vec<String> = of_kind.iter().map(|(s, _, _)| s.id.clone()).collect();
                let held: HashSet<(String, String)> =
                    halqe_db::assignments::active_reviewers(conn, &ids).await?.into_iter().collect();
                for (s, u, k) in of_kind.into_iter().filter(|(_, u, _)| u.disabled_at.is_none()) {
                    if held.contains(&(s.id.clone(), u.id.to_string())) {
                        out.insert(((*s).clone(), u.id.clone(), *k));
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Who follows `subject` besides those who wrote in its conversation: an introduction's candidate accounts
/// and whoever asked; a challenge's agency's officers (staff follow by writing); a proposal's applicant
/// side, accepted team and, once submitted, the agency's officers. Each is checked with [`audience`] before
/// being told anything.
pub(crate) async fn followers(conn: &mut Conn, subject: &Subject) -> Result<Vec<UserId>> {
    match subject.kind {
        SubjectKind::Introduction => {
            let id = IntroductionId::from_db(subject.id.clone());
            let Some(found) = halqe_db::introductions::by_id(conn, &id).await? else { return Ok(Vec::new()) };
            let mut to =
                introductions::notify::candidate_accounts(conn, found.row.candidate_kind, &found.row.candidate_id)
                    .await?;
            to.push(UserId::from_db(found.row.requested_by));
            Ok(to)
        }
        SubjectKind::Challenge => {
            let id = ChallengeId::from_db(subject.id.clone());
            let Some(found) = halqe_db::challenges::by_id(conn, &id).await? else { return Ok(Vec::new()) };
            officers(conn, &AgencyId::from_db(found.row.agency_id)).await
        }
        SubjectKind::Proposal => {
            let id = ProposalId::from_db(subject.id.clone());
            let Some(found) = halqe_db::proposals::by_id(conn, &id).await? else { return Ok(Vec::new()) };
            let mut to = proposals::access::owners(conn, found.row.applicant_kind, &found.row.applicant_id).await?;
            let team = halqe_db::proposals::members_of(conn, &id).await?;
            to.extend(
                team.into_iter().filter(|m| m.state == MemberState::Accepted).map(|m| UserId::from_db(m.user_id)),
            );
            if found.row.versions > 0 {
                to.extend(officers(conn, &AgencyId::from_db(found.agency_id)).await?);
            }
            Ok(to)
        }
        SubjectKind::Review => Ok(Vec::new()),
    }
}

/// The accounts of an agency's officers.
pub(crate) async fn officers(conn: &mut Conn, agency: &AgencyId) -> Result<Vec<UserId>> {
    Ok(halqe_db::users::officers_of(conn, agency).await?.into_iter().map(|u| u.id).collect())
}

/// The objects of every kind `actor` is party to, as the objects' own listings decide.
pub(crate) async fn party_to(app: &App, actor: &Actor) -> Result<Vec<SubjectView>> {
    let mut out = Vec::new();
    for kind in SubjectKind::ALL {
        match kind {
            SubjectKind::Introduction => {
                let listed = introductions::list::party_to(app, actor).await?;
                out.extend(listed.iter().map(introductions::notify::subject_view));
            }
            SubjectKind::Challenge => {
                let mut conn = app.db.conn().await?;
                let found = if actor.staff().is_ok() {
                    halqe_db::challenges::in_statuses(&mut conn, &Status::ALL).await?
                } else {
                    match actor.author() {
                        Ok(cap) => halqe_db::challenges::of_agency(&mut conn, cap.agency()).await?,
                        Err(_) => Vec::new(),
                    }
                };
                out.extend(found.iter().map(challenge_view));
            }
            SubjectKind::Proposal => {
                let mut conn = app.db.conn().await?;
                for found in halqe_db::proposals::of_user(&mut conn, &actor.user_id).await? {
                    let sides = proposals::access::sides(&mut conn, actor, &found).await?;
                    if sides.sees(found.row.versions) {
                        out.push(proposals::notify::subject_view(&found));
                    }
                }
            }
            SubjectKind::Review => {}
        }
    }
    Ok(out)
}
