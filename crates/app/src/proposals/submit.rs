//! Submitting a proposal before the deadline (server time): the working copy becomes an immutable version
//! with a tracking code, mailed to the submitter as a receipt and told to the owning agency's officers.
//!
//! The submission names how many versions it saw (`expected`). Its first write claims version
//! `expected + 1` with a conditional update, so of two tabs submitting at once exactly one goes on and
//! the other is told the proposal was already submitted; `(proposal, version)` is unique besides.
//!
//! Each submission mails and notifies, so a proposal has at most `MAX_VERSIONS` versions and submissions
//! are limited per account and per address (a refused one is not counted).

use halqe_db::proposals::{self, VersionRow};
use halqe_db::users;
use halqe_domain::ids::{Id, ProposalId};
use halqe_domain::locale::Locale;
use halqe_domain::notification::Kind;
use halqe_domain::permissions::Actor;
use halqe_domain::proposal::{MAX_VERSIONS, MemberState, Status, TrackingCode, blockers};
use halqe_domain::text::to_persian_digits;

use super::access;
use super::form::{ProposalForm, missing};
use super::notify;
use super::view::{Content, FileView, MemberView, Receipt};
use crate::notifications::send;
use crate::rate_limits::{self, SUBMIT_ACCOUNT, SUBMIT_ADDRESS};
use crate::{App, Error, FormErrors, Result, audit, mail};

/// The refusal of a submission that lost the race, or came after a withdrawal.
fn already(status: Status) -> Error {
    if status == Status::Withdrawn {
        FormErrors::single("status", "proposal_withdrawn")
    } else {
        FormErrors::single("version", "proposal_already_submitted")
    }
}

/// A tracking code as its reader's language writes digits.
pub fn code_for(code: &TrackingCode, locale: Locale) -> String {
    match locale {
        Locale::Fa => to_persian_digits(&code.grouped()),
        Locale::En => code.grouped(),
    }
}

/// The refusal of a submission past the last version a proposal may have.
fn too_many() -> Error {
    FormErrors::single("version", "proposal_too_many_versions")
}

/// Submits proposal `id` as version `expected + 1`, first saving `text` over the working copy when the
/// editor sent it (the page's submit button posts the whole form).
pub async fn submit(
    app: &App,
    actor: &Actor,
    id: &ProposalId,
    expected: i64,
    text: Option<&ProposalForm>,
    client_ip: &str,
) -> Result<Receipt> {
    let now = app.now();
    {
        let mut conn = app.db.conn().await?;
        let found = access::owned(&mut conn, actor, id).await?;
        access::changeable(&found, now)?;
        if found.row.versions != expected {
            return Err(already(found.row.status));
        }
        if expected >= MAX_VERSIONS {
            return Err(too_many());
        }
    }
    let limits = [(&SUBMIT_ACCOUNT, actor.user_id.as_str()), (&SUBMIT_ADDRESS, client_ip)];
    rate_limits::counted(app, &limits, write(app, actor, id, expected, text, now)).await
}

/// The submission's transaction, once the cheap refusals are past and the limits admitted it.
async fn write(
    app: &App,
    actor: &Actor,
    id: &ProposalId,
    expected: i64,
    text: Option<&ProposalForm>,
    now: i64,
) -> Result<Receipt> {
    let mut tx = app.db.begin().await?;
    // The claim is the transaction's first write: a concurrent submission waits on it, then finds the
    // count moved and changes nothing.
    if !proposals::claim_version(&mut tx, id, expected, MAX_VERSIONS, now).await? {
        let found = proposals::by_id(&mut tx, id).await?;
        return Err(match found {
            Some(f) if f.row.status != Status::Withdrawn && f.row.versions == expected => too_many(),
            f => already(f.map_or(Status::Withdrawn, |f| f.row.status)),
        });
    }
    let version = expected + 1;
    // Rechecked inside the transaction: the submitter may have lost the applicant's side meanwhile.
    let mut found = access::owned(&mut tx, actor, id).await?;
    access::changeable(&found, now)?;
    if let Some(form) = text {
        form.apply(&mut found.row)?;
        found.row.updated_at = now;
        proposals::save_text(&mut tx, &found.row).await?;
    }
    let team = proposals::members_of(&mut tx, id).await?;
    let mut errors = FormErrors::default();
    for field in missing(&found.row) {
        errors.add(field, "required");
    }
    let states: Vec<MemberState> = team.iter().map(|m| m.state).collect();
    for (field, code) in blockers(&states, found.row.originality != 0, found.row.conflicts != 0) {
        errors.add(field, code);
    }
    errors.finish()?;
    let files = proposals::attachments_of(&mut tx, id).await?;
    let r = &found.row;
    let content = Content {
        applicant_name: r.applicant_name.clone(),
        title: r.title.clone(),
        summary: r.summary.clone(),
        approach: r.approach.clone(),
        budget: r.budget,
        timeline: r.timeline.clone(),
        expected_results: r.expected_results.clone(),
        conflicts_note: r.conflicts_note.clone(),
        team: team.into_iter().map(MemberView::from).collect(),
        files: files.iter().map(FileView::from).collect(),
    };
    let tracking_code = TrackingCode::from_random(rand::random::<u64>());
    let row = VersionRow {
        id: Id::<()>::new().to_string(),
        proposal_id: id.to_string(),
        version,
        tracking_code: tracking_code.as_str().to_owned(),
        content: serde_json::to_string(&content).map_err(|e| Error::Internal(format!("proposal content: {e}")))?,
        submitted_by: actor.user_id.to_string(),
        submitted_at: now,
    };
    match proposals::insert_version(&mut tx, &row).await {
        Err(halqe_db::Error::Conflict) => return Err(already(Status::Submitted)),
        other => other?,
    }
    proposals::stamp_attachments(&mut tx, id, version).await?;
    let details = serde_json::json!({
        "challenge": r.challenge_id,
        "version": version,
        "tracking_code": tracking_code.as_str(),
        "files": content.files.len(),
        "team": content.team.len(),
    });
    audit::record(&mut tx, Some(&actor.user_id), "proposal.submit", ("proposal", id.as_str()), details, now).await?;
    let submitter = users::by_id(&mut tx, &actor.user_id).await?.ok_or(Error::NotFound)?;
    let agency = halqe_domain::ids::AgencyId::from_db(found.agency_id.clone());
    let officers: Vec<_> = users::officers_of(&mut tx, &agency).await?.into_iter().map(|u| u.id).collect();
    found.latest_content = Some(row.content.clone());
    send::tell(app, &mut tx, Kind::ProposalSubmitted, &notify::subject_view(&found), &r.applicant_name, &officers, now)
        .await?;
    let link = app.link(&format!("/proposals/{id}/versions/{version}"));
    let code = code_for(&tracking_code, submitter.locale);
    let number = version.to_string();
    let args = [
        ("title", r.title.as_str()),
        ("challenge", found.challenge_title.as_str()),
        ("code", code.as_str()),
        ("version", number.as_str()),
        ("link", link.as_str()),
    ];
    mail::queue(&mut tx, submitter.email.as_str(), submitter.locale, "proposal-receipt", &args, now).await?;
    halqe_db::commit(tx).await?;
    Ok(Receipt { proposal_id: id.to_string(), version, tracking_code, submitted_at: now })
}
