//! Officers or staff ask shortlisted candidates for a need: the need is saved, one introduction per
//! candidate, each with the match explanation as it stands; candidates are mailed (no contact details).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use halqe_db::introductions::{self, IntroductionRow};
use halqe_db::needs::{self, NeedRow};
use halqe_db::profile_claims::{self, ProfileClaim};
use halqe_db::{Conn, organizations, people};
use halqe_domain::ids::{AgencyId, Id, IntroductionId, NeedId, OrganizationId, PersonId};
use halqe_domain::introduction::{CandidateKind, Status};
use halqe_domain::locale::Locale;
use halqe_domain::permissions::{Actor, MatchCap};
use halqe_domain::profile::paragraph;
use halqe_domain::registry::Sight;
use halqe_search::SearchIndex;
use halqe_search::query::Filters;

use super::notify::{self, Notice};
use super::{Why, rematch, steps};
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
fn parse_candidates(raw: &[String], errors: &mut FormErrors) -> Vec<(CandidateKind, String)> {
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

/// The candidate's name, if `actor` may see the profile at all.
async fn visible_candidate(conn: &mut Conn, actor: &Actor, kind: CandidateKind, id: &str) -> Result<Option<String>> {
    Ok(match kind {
        CandidateKind::Person => {
            let row = people::by_id(conn, &PersonId::from_db(id.to_owned())).await?;
            row.filter(|p| crate::people::view::sight_of(Some(actor), p) != Sight::Hidden)
                .map(|p| format!("{} {}", p.first_name, p.last_name).trim().to_owned())
        }
        CandidateKind::Organization => {
            let org_id = OrganizationId::from_db(id.to_owned());
            let member = organizations::role_of(conn, &org_id, &actor.user_id).await?.is_some();
            let row = organizations::by_id(conn, &org_id).await?;
            row.filter(|o| orgs::view::sight_of(Some(actor), o, member) != Sight::Hidden).map(|o| o.name_fa)
        }
    })
}

/// The match explanation of each candidate, scored against this need within what the actor may see.
async fn explain(
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

/// Mails the candidate: their accounts, or, for a person with an email and no account yet, a fresh link
/// to claim the profile (they answer once it is theirs).
async fn tell_candidate(app: &App, conn: &mut Conn, intro: &introductions::IntroductionListed, now: i64) -> Result<()> {
    let kind = intro.row.candidate_kind;
    let accounts = notify::candidate_accounts(conn, kind, &intro.row.candidate_id).await?;
    if !accounts.is_empty() || kind == CandidateKind::Organization {
        let notice = Notice { key: "introduction-request", found: intro, name: &intro.candidate_name };
        return notify::mail_accounts(app, conn, &accounts, None, &notice, now).await;
    }
    let person = people::by_id(conn, &PersonId::from_db(intro.row.candidate_id.clone())).await?;
    let Some(email) = person.and_then(|p| p.email) else { return Ok(()) };
    let token = Token::generate();
    let claim = ProfileClaim {
        person_id: intro.row.candidate_id.clone(),
        email: email.clone(),
        token_hash: token.hash,
        run_id: None,
        created_at: now,
        expires_at: now + crate::profile_claims::CLAIM_TTL_MS,
        ..ProfileClaim::default()
    };
    if !profile_claims::issue(conn, &claim).await? {
        return Ok(());
    }
    let link = app.link(&format!("/claim/{}", token.plain));
    let agency = notify::asker(intro.agency_name.as_deref(), Locale::Fa);
    let title = notify::excerpt(&intro.need_text);
    let args = [
        ("name", intro.candidate_name.as_str()),
        ("agency", agency.as_str()),
        ("title", title.as_str()),
        ("link", link.as_str()),
    ];
    mail::queue(conn, &email, Locale::Fa, "introduction-request-claim", &args, now).await
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
        Some(id) => Some(rematch::usable(&mut *app.db.conn().await?, actor, id).await?),
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
            };
            needs::insert(&mut tx, &row).await?;
            id
        }
    };
    let already: Vec<String> =
        introductions::of_need(&mut tx, &need_id).await?.into_iter().map(|i| i.row.candidate_id).collect();
    let mut made = Vec::with_capacity(candidates.len());
    for (kind, candidate) in &candidates {
        if visible_candidate(&mut tx, actor, *kind, candidate).await?.is_none() {
            return Err(Error::NotFound);
        }
        if already.contains(candidate) {
            return Err(FormErrors::single("candidates", "already_introduced"));
        }
        let id = IntroductionId::new();
        let row = IntroductionRow {
            id: id.to_string(),
            need_id: need_id.to_string(),
            candidate_kind: *kind,
            candidate_id: candidate.clone(),
            agency_id: agency.as_ref().map(AgencyId::to_string),
            requested_by: actor.user_id.to_string(),
            status: Status::Requested,
            note: note.clone(),
            why: why.get(candidate).cloned().unwrap_or_default().to_db(),
            outcome_reason: String::new(),
            created_at: now,
            answered_at: None,
            closed_at: None,
        };
        match introductions::insert(&mut tx, &row).await {
            Err(halqe_db::Error::Conflict) => return Err(FormErrors::single("candidates", "already_introduced")),
            other => other?,
        }
        let requested =
            steps::Entry { intro: &id, actor: &actor.user_id, kind: Status::Requested, detail: &note, at: now };
        requested.record(&mut tx, Id::new()).await?;
        let details = serde_json::json!({
            "need": need_id.as_str(),
            "candidate_kind": kind.code(),
            "candidate": candidate,
            "agency": agency.as_ref().map(AgencyId::as_str),
        });
        audit::record(
            &mut tx,
            Some(&actor.user_id),
            "introduction.request",
            ("introduction", id.as_str()),
            details,
            now,
        )
        .await?;
        let listed = introductions::by_id(&mut tx, &id).await?.ok_or(Error::NotFound)?;
        tell_candidate(app, &mut tx, &listed, now).await?;
        made.push(id);
    }
    halqe_db::commit(tx).await?;
    Ok(Requested { need: need_id, introductions: made })
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
