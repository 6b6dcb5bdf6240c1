//! Officers or staff ask shortlisted candidates for a need: the need is saved, one introduction per
//! candidate, each with the match explanation as it stands; candidates are mailed (no contact details).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use halqe_db::introductions::{self, IntroductionListed, IntroductionRow};
use halqe_db::needs::{self, NeedRow};
use halqe_db::people::{self, PersonRow};
use halqe_db::profile_claims::{self, ProfileClaim};
use halqe_db::{Conn, organizations};
use halqe_domain::ids::{AgencyId, Id, IntroductionId, NeedId, UserId};
use halqe_domain::introduction::{CandidateKind, Status};
use halqe_domain::locale::Locale;
use halqe_domain::notification::Kind;
use halqe_domain::permissions::{Actor, MatchCap};
use halqe_domain::profile::paragraph;
use halqe_domain::registry::Sight;
use halqe_search::SearchIndex;
use halqe_search::query::Filters;

use super::notify;
use super::{Why, rematch, steps};
use crate::conversations::SubjectView;
use crate::notifications::send::{self, Event, Notice};
use crate::search::matching::{NeedRequest, match_need};
use crate::secret::Token;
use crate::{App, Error, FormErrors, Result, audit, mail, organizations as orgs};

/// Most candidates one request may introduce.
pub const MAX_CANDIDATES: usize = 50;
/// Longest need text, in characters (what the matcher reads).
pub const MAX_NEED_CHARS: usize = 5000;
/// Longest note to the candidates, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;

/// What the shortlist form sends.
#[derive(Debug, Clone, Default)]
pub struct IntroductionRequest {
    /// The need as typed; ignored when `saved_need` is given.
    pub need: String,
    pub fields: Vec<String>,
    /// A need saved by an earlier request, to introduce more candidates for it.
    pub saved_need: Option<NeedId>,
    /// `person:<id>` or `organization:<id>` per selected candidate.
    pub candidates: Vec<String>,
    /// An optional note to the candidates.
    pub note: String,
}

/// What a request made.
#[derive(Debug, Clone)]
pub struct Requested {
    pub need: NeedId,
    pub introductions: Vec<IntroductionId>,
}

/// Reads `person:<id>` / `organization:<id>`, dropping repeats; stops reading at the first candidate
/// past [`MAX_CANDIDATES`].
pub(crate) fn parse_candidates(raw: &[String], errors: &mut FormErrors) -> Vec<(CandidateKind, String)> {
    let mut out: Vec<(CandidateKind, String)> = Vec::new();
    let mut seen = HashSet::new();
    for value in raw {
        let parsed = value.split_once(':').and_then(|(kind, id)| {
            let kind = CandidateKind::parse(kind).ok()?;
            let id = Id::<()>::parse(id)?;
            Some((kind, id.to_string()))
        });
        match parsed {
            Some(c) if seen.insert(c.clone()) => {
                if out.len() == MAX_CANDIDATES {
                    errors.add("candidates", "too_many_candidates");
                    return out;
                }
                out.push(c);
            }
            Some(_) => {}
            None => {
                errors.add("candidates", "choice");
                return Vec::new();
            }
        }
    }
    if out.is_empty() && errors.get("candidates").is_none() {
        errors.add("candidates", "required");
    }
    out
}

/// The candidates `actor` may see at all, and the rows of the people among them (whose accounts and
/// emails the mail needs), read with one query per kind.
async fn visible_candidates(
    conn: &mut Conn,
    actor: &Actor,
    candidates: &[(CandidateKind, String)],
) -> Result<(HashSet<String>, HashMap<String, PersonRow>)> {
    let of_kind = |kind: CandidateKind| -> Vec<String> {
        candidates.iter().filter(|(k, _)| *k == kind).map(|(_, id)| id.clone()).collect()
    };
    let people: HashMap<String, PersonRow> = people::by_ids(conn, &of_kind(CandidateKind::Person))
        .await?
        .into_iter()
        .filter(|p| crate::people::view::sight_of(Some(actor), p) != Sight::Hidden)
        .map(|p| (p.id.clone(), p))
        .collect();
    let mut visible: HashSet<String> = people.keys().cloned().collect();
    let orgs = of_kind(CandidateKind::Organization);
    if !orgs.is_empty() {
        let member_of: HashSet<String> =
            organizations::of_user(conn, &actor.user_id).await?.into_iter().map(|(o, _)| o.id).collect();
        for o in organizations::by_ids(conn, &orgs).await? {
            if orgs::view::sight_of(Some(actor), &o, member_of.contains(&o.id)) != Sight::Hidden {
                visible.insert(o.id);
            }
        }
    }
    Ok((visible, people))
}

/// The match explanation of each candidate, scored against this need within what the actor may see.
pub(crate) async fn explain(
    app: &App,
    index: &Arc<SearchIndex>,
    cap: &MatchCap,
    text: &str,
    fields: &[String],
    candidates: &[(CandidateKind, String)],
) -> Result<HashMap<String, Why>> {
    let only: Vec<String> = candidates.iter().map(|(_, id)| id.clone()).collect();
    let req = NeedRequest {
        text: text.to_owned(),
        fields: fields.to_vec(),
        filters: Filters { only, ..Filters::default() },
        top: candidates.len(),
    };
    let matches = match_need(app, index, cap, &req).await?;
    Ok(matches.iter().map(|m| (m.doc.id.clone(), Why::from(m))).collect())
}

/// Tells the candidates `kind` happened: their accounts, or, for a person with an email and no account yet,
/// a fresh link to claim the profile (they answer once it is theirs) in the mail `claim_mail`. `people` holds
/// the rows of the people among them.
async fn tell_candidates(
    app: &App,
    conn: &mut Conn,
    made: &[IntroductionListed],
    people: &HashMap<String, PersonRow>,
    (kind, claim_mail): (Kind, &str),
    now: i64,
) -> Result<()> {
    let orgs: Vec<String> = made
        .iter()
        .filter(|i| i.row.candidate_kind == CandidateKind::Organization)
        .map(|i| i.row.candidate_id.clone())
        .collect();
    let managers = if orgs.is_empty() { Vec::new() } else { organizations::managers_of(conn, &orgs).await? };
    let views: Vec<SubjectView> = made.iter().map(notify::subject_view).collect();
    let mut notices = Vec::new();
    let mut claims = Vec::new();
    let mut links = HashMap::new();
    for (intro, about) in made.iter().zip(&views) {
        let id = &intro.row.candidate_id;
        let to: Vec<UserId> = match intro.row.candidate_kind {
            CandidateKind::Organization => {
                managers.iter().filter(|(o, _)| o == id).map(|(_, u)| UserId::from_db(u.clone())).collect()
            }
            CandidateKind::Person => {
                let Some(person) = people.get(id) else { continue };
                match (&person.user_id, &person.email) {
                    (Some(user), _) => vec![UserId::from_db(user.clone())],
                    (None, Some(email)) => {
                        let token = Token::generate();
                        claims.push(ProfileClaim {
                            person_id: id.clone(),
                            email: email.clone(),
                            token_hash: token.hash,
                            run_id: None,
                            created_at: now,
                            expires_at: now + crate::profile_claims::CLAIM_TTL_MS,
                            ..ProfileClaim::default()
                        });
                        links.insert(id.clone(), (intro, email, token.plain));
                        continue;
                    }
                    (None, None) => continue,
                }
            }
        };
        let event = Event { kind, about, actor_name: &intro.candidate_name };
        notices.push(Notice { event, to, except: None, details: &[], dates: &[] });
    }
    send::notify_all(app, conn, &notices, now).await?;
    let mut mails = Vec::new();
    for person in profile_claims::issue_all(conn, &claims).await? {
        let Some((intro, email, token)) = links.get(&person) else { continue };
        let link = app.link(&format!("/claim/{token}"));
        let agency = crate::notifications::send::asker(intro.agency_name.as_deref(), Locale::Fa);
        let title = notify::subject_view(intro).title;
        let args = [
            ("name", intro.candidate_name.as_str()),
            ("agency", agency.as_str()),
            ("title", title.as_str()),
            ("link", link.as_str()),
        ];
        mails.push(mail::compose(email, Locale::Fa, claim_mail, &args));
    }
    mail::queue_all(conn, &mails, now).await
}

/// Saves the need (or reuses a saved one) and introduces each selected candidate for it.
pub async fn request(
    app: &App,
    index: &Arc<SearchIndex>,
    cap: &MatchCap,
    req: &IntroductionRequest,
) -> Result<Requested> {
    let actor = cap.actor();
    let agency = cap.agency().cloned();
    let mut errors = FormErrors::default();
    let candidates = parse_candidates(&req.candidates, &mut errors);
    let note = errors.check("note", paragraph(&req.note, MAX_NOTE_CHARS)).unwrap_or_default();
    let saved = match &req.saved_need {
        Some(id) => {
            let need = rematch::usable(&mut *app.db.conn().await?, actor, id).await?;
            // A challenge's need is invited to through the challenge, which checks it is open and whom
            // it admits; reused here it would skip both.
            if need.challenge_id.is_some() {
                return Err(FormErrors::single("saved_need", "need_of_challenge"));
            }
            Some(need)
        }
        None => None,
    };
    let (text, fields) = match &saved {
        Some(need) => (need.text.clone(), serde_json::from_str(&need.fields).unwrap_or_default()),
        None => {
            let text = errors.check("need", paragraph(&req.need, MAX_NEED_CHARS)).unwrap_or_default();
            if text.is_empty() && errors.get("need").is_none() {
                errors.add("need", "required");
            }
            (text, req.fields.clone())
        }
    };
    errors.finish()?;
    let why = explain(app, index, cap, &text, &fields, &candidates).await?;

    let now = app.now();
    let mut tx = app.db.begin().await?;
    let need_id = match &saved {
        Some(need) => NeedId::from_db(need.id.clone()),
        None => {
            let id = NeedId::new();
            let row = NeedRow {
                id: id.to_string(),
                agency_id: agency.as_ref().map(AgencyId::to_string),
                created_by: actor.user_id.to_string(),
                text: text.clone(),
                fields: serde_json::to_string(&fields).unwrap_or_else(|_| "[]".into()),
                created_at: now,
                challenge_id: None,
            };
            needs::insert(&mut tx, &row).await?;
            id
        }
    };
    let batch = Batch {
        actor,
        need: &need_id,
        agency: agency.as_ref(),
        candidates: &candidates,
        note: &note,
        why: &why,
        tell: Telling::Introduction,
    };
    let made = introduce(app, &mut tx, &batch).await?;
    halqe_db::commit(tx).await?;
    Ok(Requested { need: need_id, introductions: made })
}

/// What a batch is, for the candidates and the audit record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Telling {
    /// Introductions for a need an officer or staff typed.
    Introduction,
    /// Invitations to apply to a challenge.
    ChallengeInvitation,
}

impl Telling {
    /// The notification, the claim mail of a person without an account, the audit action and the code of
    /// a candidate already in the batch's need.
    fn parts(self) -> (Kind, &'static str, &'static str, &'static str) {
        match self {
            Self::Introduction => (
                Kind::IntroductionRequested,
                "introduction-request-claim",
                "introduction.request",
                "already_introduced",
            ),
            Self::ChallengeInvitation => (
                Kind::ChallengeInvitation,
                "challenge-invitation-claim",
                "introduction.invite",
                "already_invited_to_apply",
            ),
        }
    }
}

/// Introductions of `candidates` for a saved need, made in the caller's transaction.
pub(crate) struct Batch<'a> {
    pub actor: &'a Actor,
    pub need: &'a NeedId,
    pub agency: Option<&'a AgencyId>,
    pub candidates: &'a [(CandidateKind, String)],
    pub note: &'a str,
    /// Each candidate's match explanation, by id.
    pub why: &'a HashMap<String, Why>,
    pub tell: Telling,
}

/// Makes one introduction per candidate of `b`, with its timeline step and audit entry, and tells the
/// candidates, in a constant number of statements; a candidate the actor may not see refuses the whole
/// batch as `NotFound`, one already introduced for the need as a form error.
pub(crate) async fn introduce(app: &App, tx: &mut Conn, b: &Batch<'_>) -> Result<Vec<IntroductionId>> {
    let (kind, claim_mail, action, repeated) = b.tell.parts();
    let (actor, need_id, agency, candidates, note, why, now) =
        (b.actor, b.need, b.agency, b.candidates, b.note, b.why, app.now());
    let (visible, people) = visible_candidates(&mut *tx, actor, candidates).await?;
    if candidates.iter().any(|(_, candidate)| !visible.contains(candidate)) {
        return Err(Error::NotFound);
    }
    let made: Vec<IntroductionId> = candidates.iter().map(|_| IntroductionId::new()).collect();
    let rows: Vec<IntroductionRow> = candidates
        .iter()
        .zip(&made)
        .map(|((kind, candidate), id)| IntroductionRow {
            id: id.to_string(),
            need_id: need_id.to_string(),
            candidate_kind: *kind,
            candidate_id: candidate.clone(),
            agency_id: agency.map(AgencyId::to_string),
            requested_by: actor.user_id.to_string(),
            status: Status::Requested,
            note: note.to_owned(),
            why: why.get(candidate).cloned().unwrap_or_default().to_db(),
            outcome_reason: String::new(),
            created_at: now,
            answered_at: None,
            closed_at: None,
        })
        .collect();
    // A candidate already asked for this need breaks the unique (need, candidate) index: one refusal for
    // the batch, nothing written (the transaction is dropped).
    match introductions::insert_all(&mut *tx, &rows).await {
        Err(halqe_db::Error::Conflict) => return Err(FormErrors::single("candidates", repeated)),
        other => other?,
    }
    let events: Vec<_> = made
        .iter()
        .map(|id| {
            // The note is the introduction's own (`note`), shown once; the step does not copy it.
            let requested =
                steps::Entry { intro: id, actor: &actor.user_id, kind: Status::Requested, detail: "", at: now };
            requested.event(Id::new())
        })
        .collect();
    introductions::insert_events(&mut *tx, &events).await?;
    let subjects: Vec<_> = rows
        .iter()
        .map(|r| {
            let details = serde_json::json!({
                "need": need_id.as_str(),
                "candidate_kind": r.candidate_kind.code(),
                "candidate": r.candidate_id,
                "agency": agency.map(AgencyId::as_str),
            });
            ("introduction", r.id.as_str(), details)
        })
        .collect();
    audit::record_each(&mut *tx, Some(&actor.user_id), action, &subjects, now).await?;
    let new: HashSet<&str> = made.iter().map(IntroductionId::as_str).collect();
    let listed: Vec<IntroductionListed> = introductions::of_need(&mut *tx, need_id)
        .await?
        .into_iter()
        .filter(|i| new.contains(i.row.id.as_str()))
        .collect();
    tell_candidates(app, tx, &listed, &people, (kind, claim_mail), now).await?;
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_are_parsed_and_repeats_dropped() {
        let id = Id::<()>::new().to_string();
        let mut e = FormErrors::default();
        let raw = vec![format!("person:{id}"), format!("person:{id}"), format!("organization:{id}")];
        assert_eq!(parse_candidates(&raw, &mut e).len(), 2);
        assert!(e.is_empty());
        let mut e = FormErrors::default();
        assert!(parse_candidates(&[format!("wizard:{id}")], &mut e).is_empty());
        assert_eq!(e.get("candidates"), Some("choice"));
        let mut e = FormErrors::default();
        parse_candidates(&[], &mut e);
        assert_eq!(e.get("candidates"), Some("required"));
    }

    #[test]
    fn candidates_stop_at_the_first_past_the_limit() {
        // Repeats were found by a quadratic scan and the limit checked after reading every value: a 2 MiB
        // form of distinct candidates was read in full (~40,000 values, ~10^9 comparisons).
        let distinct: Vec<String> = (0..40_000).map(|_| format!("person:{}", Id::<()>::new())).collect();
        // What follows the limit is not read: a bad value after it no longer hides the real refusal.
        let mut raw = distinct[..=MAX_CANDIDATES].to_vec();
        raw.push("wizard:x".into());
        let mut e = FormErrors::default();
        parse_candidates(&raw, &mut e);
        assert_eq!(e.0, [("candidates", "too_many_candidates")]);
        let mut e = FormErrors::default();
        assert_eq!(parse_candidates(&distinct, &mut e).len(), MAX_CANDIDATES);
        assert_eq!(e.get("candidates"), Some("too_many_candidates"));
        let mut at_limit = distinct[..MAX_CANDIDATES].to_vec();
        at_limit.extend(distinct[..MAX_CANDIDATES].iter().cloned());
        let mut e = FormErrors::default();
        assert_eq!(parse_candidates(&at_limit, &mut e).len(), MAX_CANDIDATES, "repeats do not count");
        assert!(e.is_empty());
    }
}
