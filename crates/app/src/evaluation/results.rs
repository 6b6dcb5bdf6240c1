//! Staff read a stage's reviews: per proposal each reviewer's scores and weighted score, whether they
//! submitted, the raw mean beside the calibrated one (`domain::evaluation::calibration` on the weighted
//! scores of every submitted review of the stage), and a disagreement flag; a review whose reviewer became
//! conflicted is flagged and counts nowhere; staff extend an assignment's due date (audited).

use halqe_db::reviews::{self, StageReview};
use halqe_db::{assignments, proposals};
use halqe_domain::calendar;
use halqe_domain::evaluation::calibration::{Review, Scale, calibrate};
use halqe_domain::evaluation::review::{self as rules, State};
use halqe_domain::evaluation::stages::Blind;
use halqe_domain::ids::{AssignmentId, ProposalId};
use halqe_domain::permissions::StaffCap;

use super::reviews::{Criterion, Score, criteria_of, weighted};
use crate::{App, DAY_MS, Error, FormErrors, Result, audit};

/// One reviewer's review of a proposal as staff read it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewerRow {
    pub assignment_id: String,
    pub reviewer_name: String,
    /// `None` until a draft is saved.
    pub state: Option<State>,
    /// Submitted scores, by the stage's criteria.
    pub scores: Vec<Score>,
    pub confidence: Option<i64>,
    pub comment: String,
    /// The weighted score in percent, once submitted.
    pub weighted: Option<f64>,
    /// The same read on the reviewer's own scale and put back on the stage's (z-score), once submitted.
    pub calibrated: Option<f64>,
    /// The reviewer has too few reviews (or no spread) for a scale of their own: read on the stage's.
    pub pooled: bool,
    /// A conflict of interest appeared after the assignment: the review counts nowhere (no weighted score,
    /// left out of the means and the calibration) and the pair waits for staff to solve the stage again.
    pub conflicted: bool,
    pub due_at: Option<i64>,
    pub submitted_at: Option<i64>,
}

/// One proposal's reviews in the stage.
#[derive(Debug, Clone, PartialEq)]
pub struct ProposalRow {
    pub proposal_id: String,
    pub title: String,
    pub reviews: Vec<ReviewerRow>,
    pub submitted: usize,
    /// The mean of the submitted weighted scores.
    pub raw_mean: Option<f64>,
    /// The mean of their calibrated scores.
    pub calibrated_mean: Option<f64>,
    /// Highest weighted score minus the lowest.
    pub spread: Option<f64>,
    /// Its reviewers differ widely (`calibration::DISAGREEMENT_SHARE` of the scale raw, or
    /// `DISAGREEMENT_Z` standard deviations on their own scales).
    pub disagreement: bool,
}

/// A stage's reviews for staff.
#[derive(Debug, Clone, PartialEq)]
pub struct StageResults {
    pub stage_id: String,
    pub call_id: String,
    pub call_title: String,
    pub stage_name: String,
    pub blind: Blind,
    pub reviews_due_at: Option<i64>,
    pub criteria: Vec<Criterion>,
    pub proposals: Vec<ProposalRow>,
    pub now: i64,
}

/// The stage's reviews, per proposal, with calibration and disagreement.
pub async fn stage(app: &App, _staff: &StaffCap, stage: &str) -> Result<StageResults> {
    let mut conn = app.db.conn().await?;
    let s = reviews::stage(&mut conn, stage).await?.ok_or(Error::NotFound)?;
    let blind = Blind::parse(&s.blind).map_err(|_| Error::Internal(format!("stage {} blind", s.id)))?;
    let criteria = criteria_of(&mut conn, &s.id).await?;
    let rows = reviews::of_stage(&mut conn, &s.id).await?;
    let in_force: Vec<_> =
        assignments::of_stage(&mut conn, &s.id).await?.into_iter().filter(|a| a.state == "active").collect();
    let conflicted = super::conflicts::conflicted(app, &mut conn, &in_force).await?;
    let scores = super::reviews::submitted_scores(&mut conn, &s.id).await?;
    let weighted_of = |r: &StageReview| -> Option<f64> {
        let submitted = r.state.as_deref() == Some(State::Submitted.code()) && !conflicted.contains(&r.assignment_id);
        let id = r.review_id.as_ref().filter(|_| submitted)?;
        weighted(&criteria, scores.get(id).map_or(&[][..], Vec::as_slice))
    };
    let given: Vec<Review<String, String>> = rows
        .iter()
        .filter_map(|r| {
            weighted_of(r).map(|score| Review { reviewer: r.user_id.clone(), proposal: r.proposal_id.clone(), score })
        })
        .collect();
    let scale = Scale { min: 0.0, max: 100.0 };
    let c = calibrate(&given, scale);
    let (pool_mean, pool_sd) = pool(&given);
    let mut out: Vec<ProposalRow> = Vec::new();
    for r in rows {
        let w = weighted_of(&r);
        let own = c.reviewers.iter().find(|(id, _)| *id == r.user_id).map(|(_, s)| *s);
        let calibrated = w.zip(own).map(|(w, s)| {
            let z = if s.sd > 1e-9 { (w - s.mean) / s.sd } else { 0.0 };
            (pool_mean + z * pool_sd).clamp(scale.min, scale.max)
        });
        let row = ReviewerRow {
            assignment_id: r.assignment_id.clone(),
            reviewer_name: r.reviewer_name.clone(),
            state: r.state.as_deref().map(State::from_db),
            scores: r.review_id.as_ref().and_then(|id| scores.get(id).cloned()).unwrap_or_default(),
            confidence: r.confidence,
            comment: r.comment.clone().unwrap_or_default(),
            weighted: w,
            calibrated,
            pooled: own.is_some_and(|s| s.pooled),
            conflicted: conflicted.contains(&r.assignment_id),
            due_at: rules::due(s.reviews_due_at, r.due_at),
            submitted_at: r.submitted_at,
        };
        match out.iter_mut().find(|p| p.proposal_id == r.proposal_id) {
            Some(p) => p.reviews.push(row),
            None => {
                let title = match proposals::versions_of(&mut conn, &ProposalId::from_db(r.proposal_id.clone()))
                    .await?
                    .into_iter()
                    .last()
                {
                    Some(v) => crate::proposals::view::VersionView::try_from(v)?.content.title,
                    None => String::new(),
                };
                out.push(ProposalRow {
                    proposal_id: r.proposal_id.clone(),
                    title,
                    reviews: vec![row],
                    submitted: 0,
                    raw_mean: None,
                    calibrated_mean: None,
                    spread: None,
                    disagreement: false,
                });
            }
        }
    }
    for p in &mut out {
        let scored = c.proposals.iter().find(|x| x.proposal == p.proposal_id);
        p.submitted = p.reviews.iter().filter(|r| r.weighted.is_some()).count();
        p.raw_mean = scored.map(|x| x.raw_mean);
        p.calibrated_mean = scored.map(|x| x.calibrated_mean);
        p.spread = scored.map(|x| x.raw_spread);
        p.disagreement = scored.is_some_and(|x| x.disagreement);
    }
    Ok(StageResults {
        stage_id: s.id,
        call_id: s.call_id,
        call_title: s.call_title,
        stage_name: s.name,
        blind,
        reviews_due_at: s.reviews_due_at,
        criteria,
        proposals: out,
        now: app.now(),
    })
}

/// The mean and spread of every submitted weighted score (the scale a pooled reviewer is read on).
fn pool(given: &[Review<String, String>]) -> (f64, f64) {
    if given.is_empty() {
        return (0.0, 0.0);
    }
    let n = given.len() as f64;
    let mean = given.iter().map(|r| r.score).sum::<f64>() / n;
    let var = given.iter().map(|r| (r.score - mean) * (r.score - mean)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// Extends an active assignment's due date to the end of `day` (Solar Hijri or Gregorian, any digits, not
/// before today in Tehran); audited. Returns the assignment's stage.
pub async fn extend(app: &App, staff: &StaffCap, id: &AssignmentId, day: &str) -> Result<String> {
    let now = app.now();
    let start = calendar::parse_date(day).map_err(|e| FormErrors::single("due", e.code()))?;
    let due_at = start + DAY_MS;
    if due_at <= now {
        return Err(FormErrors::single("due", "date"));
    }
    let mut tx = app.db.begin().await?;
    let a = assignments::get(&mut tx, id.as_str()).await?.ok_or(Error::NotFound)?;
    if super::reviews::decided(&mut tx, &a).await? {
        return Err(FormErrors::single("due", "review_closed"));
    }
    if !assignments::set_due(&mut tx, &a.id, due_at).await? {
        return Err(FormErrors::single("due", "assignment_not_active"));
    }
    let details = serde_json::json!({ "proposal": a.proposal_id, "stage": a.stage_id, "from": a.due_at, "to": due_at });
    audit::record(&mut tx, Some(staff.by()), "assignment.extend", ("assignment", &a.id), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(a.stage_id)
}

/// The stage of an assignment, for staff.
pub async fn stage_of(app: &App, _staff: &StaffCap, id: &AssignmentId) -> Result<String> {
    let mut conn = app.db.conn().await?;
    Ok(assignments::get(&mut conn, id.as_str()).await?.ok_or(Error::NotFound)?.stage_id)
}
