//! Reviewers' side of a stage: their assignments in force, one assignment's proposal (through the blind
//! projection) with the rubric, a draft saved as often as they like and then submitted, never changed after.
//! Opening an assignment that is not theirs, removed, or conflicted is refused and recorded on the audit
//! chain (`review.access_refused`), where staff and auditors see it: once a day per assignment, and never for
//! an id that names none (see `refuse`).

use std::collections::HashMap;

use halqe_db::assignments::{self, AssignmentRow};
use halqe_db::reviews::{self, ReviewRow, ReviewStage, ScoreRow};
use halqe_db::stages::CriterionRow;
use halqe_db::{Conn, evaluations, organizations, proposals};
use halqe_domain::evaluation::review::{self as rules, Scored, State};
use halqe_domain::evaluation::stages::Blind;
use halqe_domain::ids::{AssignmentId, OrganizationId, ProposalId, ReviewId};
use halqe_domain::permissions::Actor;
use halqe_domain::profile::paragraph;
use halqe_domain::proposal::ApplicantKind;

use super::blind::{self, ReviewerProposal, Source};
use crate::proposals::view::VersionView;
use crate::{App, Error, FormErrors, Result, audit, rate_limits};

/// Form field names of the stage's criteria by position (a stage has at most 12).
pub const SCORE_FIELDS: [&str; 12] = [
    "score_1", "score_2", "score_3", "score_4", "score_5", "score_6", "score_7", "score_8", "score_9", "score_10",
    "score_11", "score_12",
];
/// The comment fields, by the same positions.
pub const COMMENT_FIELDS: [&str; 12] = [
    "comment_1",
    "comment_2",
    "comment_3",
    "comment_4",
    "comment_5",
    "comment_6",
    "comment_7",
    "comment_8",
    "comment_9",
    "comment_10",
    "comment_11",
    "comment_12",
];

/// One criterion of the rubric.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub id: String,
    /// 1-based: the form's `score_<position>` and `comment_<position>`.
    pub position: usize,
    pub name: String,
    pub description: String,
    pub weight: i64,
    pub scale_min: i64,
    pub scale_max: i64,
}

/// One criterion's score as saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub criterion_id: String,
    pub score: i64,
    pub comment: String,
}

/// A review as its reviewer reads it back.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewView {
    pub state: State,
    pub comment: String,
    pub confidence: Option<i64>,
    pub scores: Vec<Score>,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    /// In percent of the best possible, once every criterion has a score.
    pub weighted: Option<f64>,
}

/// One line of "my reviews".
#[derive(Debug, Clone, PartialEq)]
pub struct AssignmentListed {
    pub assignment_id: String,
    pub call_title: String,
    pub stage_name: String,
    pub blind: Blind,
    /// The proposal's title as the stage lets the reviewer see it.
    pub title: String,
    pub due_at: Option<i64>,
    /// `None` until a draft is saved.
    pub state: Option<State>,
}

/// The reviewer's assignments in force, with the clock they were read at.
#[derive(Debug, Clone, PartialEq)]
pub struct Mine {
    pub now: i64,
    pub assignments: Vec<AssignmentListed>,
}

/// The review page of one assignment.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewPage {
    pub assignment_id: String,
    pub call_title: String,
    pub stage_name: String,
    pub proposal: ReviewerProposal,
    pub criteria: Vec<Criterion>,
    pub review: Option<ReviewView>,
    pub due_at: Option<i64>,
    pub now: i64,
}

impl ReviewPage {
    /// The review may still be written: not submitted and not past due.
    pub fn writable(&self) -> bool {
        self.review.as_ref().is_none_or(|r| r.state == State::Draft) && rules::open(self.due_at, self.now)
    }

    /// The saved score and comment of `criterion`, as the form shows them.
    pub fn saved(&self, criterion: &str) -> Option<&Score> {
        self.review.as_ref().and_then(|r| r.scores.iter().find(|s| s.criterion_id == criterion))
    }
}

/// One criterion's input: its id, the score as typed (any digits), the comment.
#[derive(Debug, Clone, Default)]
pub struct ScoreInput {
    pub criterion_id: String,
    pub score: String,
    pub comment: String,
}

/// What the rubric form sends.
#[derive(Debug, Clone, Default)]
pub struct ReviewForm {
    pub scores: Vec<ScoreInput>,
    pub comment: String,
    pub confidence: String,
}

/// Why an assignment was refused to its opener, as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// Not theirs, or no such assignment.
    Unassigned,
    /// Theirs, taken out of force.
    Removed,
    /// Theirs, but they have a conflict of interest with the proposal.
    Conflicted,
}

impl Refusal {
    fn code(self) -> &'static str {
        match self {
            Self::Unassigned => "unassigned",
            Self::Removed => "removed",
            Self::Conflicted => "conflicted",
        }
    }
}

/// Answers a refusal: not found to anyone the assignment is not theirs, forbidden to its reviewer, and
/// too many requests past `REVIEW_REFUSED_ACCOUNT`. The refusal of an assignment that exists is recorded on
/// the audit chain in its own transaction, once a day per account, assignment and reason
/// (`REVIEW_REFUSED_RECORD`); an id that names no assignment tells nothing and is not: the chain every
/// privileged write waits on is not a reviewer's to fill.
async fn refuse(app: &App, actor: &Actor, assignment: &str, exists: bool, why: Refusal) -> Error {
    let answer = if why == Refusal::Unassigned { Error::NotFound } else { Error::Forbidden };
    match rate_limits::take(app, &rate_limits::REVIEW_REFUSED_ACCOUNT, actor.user_id.as_str()).await {
        Ok(_) => {}
        Err(throttled @ Error::Throttled(_)) => return throttled,
        Err(e) => tracing::warn!(error = %e, "refused review access not counted"),
    }
    let pair = format!("{}:{assignment}:{}", actor.user_id, why.code());
    if !exists || rate_limits::take(app, &rate_limits::REVIEW_REFUSED_RECORD, &pair).await.is_err() {
        return answer;
    }
    let recorded = async {
        let mut tx = app.db.begin().await?;
        let details = serde_json::json!({ "reason": why.code() });
        audit::record(
            &mut tx,
            Some(&actor.user_id),
            "review.access_refused",
            ("assignment", assignment),
            details,
            app.now(),
        )
        .await?;
        halqe_db::commit(tx).await?;
        Ok::<_, Error>(())
    };
    if let Err(e) = recorded.await {
        tracing::warn!(error = %e, "refused review access not recorded");
    }
    answer
}

/// Everything about one assignment its reviewer may open.
struct Opened {
    assignment: AssignmentRow,
    stage: ReviewStage,
    proposal: ReviewerProposal,
    criteria: Vec<Criterion>,
}

/// The assignment if `actor` is its reviewer and may open it; otherwise refused and recorded.
async fn open(app: &App, conn: &mut Conn, actor: &Actor, id: &AssignmentId) -> Result<Opened> {
    let found = assignments::get(conn, id.as_str()).await?;
    let exists = found.is_some();
    let Some(assignment) = found.filter(|a| a.user_id == actor.user_id.as_str()) else {
        return Err(refuse(app, actor, id.as_str(), exists, Refusal::Unassigned).await);
    };
    if assignment.state != "active" {
        return Err(refuse(app, actor, id.as_str(), true, Refusal::Removed).await);
    }
    let listed =
        proposals::by_id(conn, &ProposalId::from_db(assignment.proposal_id.clone())).await?.ok_or(Error::NotFound)?;
    if !super::conflicts::conflicted(app, conn, std::slice::from_ref(&assignment)).await?.is_empty() {
        return Err(refuse(app, actor, id.as_str(), true, Refusal::Conflicted).await);
    }
    let stage = reviews::stage(conn, &assignment.stage_id).await?.ok_or(Error::NotFound)?;
    let blind = Blind::parse(&stage.blind).map_err(|_| Error::Internal(format!("stage {} blind", stage.id)))?;
    let proposal = reviewer_proposal(conn, &listed, blind).await?;
    let criteria = criteria_of(conn, &stage.id).await?;
    Ok(Opened { assignment, stage, proposal, criteria })
}

/// The version under evaluation (the one the proposal entered the evaluation with, else its latest)
/// through the stage's blind projection.
pub(crate) async fn reviewer_proposal(
    conn: &mut Conn,
    listed: &proposals::ProposalListed,
    blind: Blind,
) -> Result<ReviewerProposal> {
    let id = ProposalId::from_db(listed.row.id.clone());
    let versions = proposals::versions_of(conn, &id).await?;
    let under = evaluations::get(conn, id.as_str()).await?.map(|e| e.version);
    let row = match under {
        Some(n) => versions.into_iter().find(|v| v.version == n),
        None => versions.into_iter().last(),
    }
    .ok_or(Error::NotFound)?;
    let version = VersionView::try_from(row)?;
    let aliases = aliases_of(conn, listed).await?;
    let source = Source {
        challenge_title: &listed.challenge_title,
        agency_name: &listed.agency_name,
        applicant_kind: listed.row.applicant_kind,
        applicant_name: &listed.row.applicant_name,
        aliases: &aliases,
    };
    Ok(blind::project(source, &version, blind))
}

/// The other names of an applicant organization a double-blind text must not show: its English name, its
/// website's host and its registration number.
async fn aliases_of(conn: &mut Conn, listed: &proposals::ProposalListed) -> Result<Vec<String>> {
    if listed.row.applicant_kind != ApplicantKind::Organization {
        return Ok(Vec::new());
    }
    let id = OrganizationId::from_db(listed.row.applicant_id.clone());
    let Some(o) = organizations::by_id(conn, &id).await? else { return Ok(Vec::new()) };
    let site = o.website.trim().to_lowercase();
    let site = site.trim_start_matches("https://").trim_start_matches("http://").trim_start_matches("www.");
    let host = site.split(['/', '?', '#']).next().unwrap_or_default().to_owned();
    Ok([o.name_en, host].into_iter().chain(o.registration_number).filter(|a| !a.trim().is_empty()).collect())
}

pub(crate) async fn criteria_of(conn: &mut Conn, stage: &str) -> Result<Vec<Criterion>> {
    let rows: Vec<CriterionRow> = reviews::criteria_of_stage(conn, stage).await?;
    Ok(rows
        .into_iter()
        .enumerate()
        .map(|(i, c)| Criterion {
            id: c.id,
            position: i + 1,
            name: c.name,
            description: c.description,
            weight: c.weight,
            scale_min: c.scale_min,
            scale_max: c.scale_max,
        })
        .collect())
}

/// `scores` on `criteria` as the rules read them, once every criterion has one.
fn scored(criteria: &[Criterion], scores: &[Score]) -> Option<Vec<Scored>> {
    criteria
        .iter()
        .map(|c| {
            scores.iter().find(|s| s.criterion_id == c.id).map(|s| Scored {
                score: s.score,
                weight: c.weight,
                min: c.scale_min,
                max: c.scale_max,
            })
        })
        .collect()
}

/// The weighted score of `scores` on `criteria`, once every criterion has one.
pub fn weighted(criteria: &[Criterion], scores: &[Score]) -> Option<f64> {
    rules::weighted(&scored(criteria, scores)?)
}

/// The same score exactly, as `(points, best)` (`rules::points`), once every criterion has one: what a
/// stage's gate sums and compares.
pub(crate) fn points(criteria: &[Criterion], scores: &[Score]) -> Option<(i128, i128)> {
    rules::points(&scored(criteria, scores)?)
}

/// The points of a review at the top of every scale of `criteria`: the gate's best.
pub(crate) fn best(criteria: &[Criterion]) -> Option<i128> {
    let top: Vec<Score> = criteria
        .iter()
        .map(|c| Score { criterion_id: c.id.clone(), score: c.scale_max, comment: String::new() })
        .collect();
    points(criteria, &top).map(|(_, best)| best)
}

/// The scores of every submitted review of the stage's active assignments, by review id.
pub(crate) async fn submitted_scores(conn: &mut Conn, stage: &str) -> Result<HashMap<String, Vec<Score>>> {
    let mut scores: HashMap<String, Vec<Score>> = HashMap::new();
    for r in reviews::submitted_scores_of_stage(conn, stage).await? {
        scores.entry(r.review_id).or_default().push(Score {
            criterion_id: r.criterion_id,
            score: r.score,
            comment: r.comment,
        });
    }
    Ok(scores)
}

fn view(row: ReviewRow, scores: Vec<ScoreRow>, criteria: &[Criterion]) -> ReviewView {
    let scores: Vec<Score> = scores
        .into_iter()
        .map(|s| Score { criterion_id: s.criterion_id, score: s.score, comment: s.comment })
        .collect();
    ReviewView {
        state: State::from_db(&row.state),
        comment: row.comment,
        confidence: row.confidence,
        weighted: weighted(criteria, &scores),
        scores,
        updated_at: row.updated_at,
        submitted_at: row.submitted_at,
    }
}

/// The reviewer's assignments in force, oldest first, those they are conflicted on left out.
pub async fn mine(app: &App, actor: &Actor) -> Result<Mine> {
    let mut conn = app.db.conn().await?;
    let mut rows = assignments::list_for_reviewer(&mut conn, actor.user_id.as_str()).await?;
    // A conflicted assignment is not theirs to see, not even its title.
    let conflicted = super::conflicts::conflicted(app, &mut conn, &rows).await?;
    rows.retain(|a| !conflicted.contains(&a.id));
    let ids: Vec<String> = rows.iter().map(|a| a.id.clone()).collect();
    let reviews = reviews::of_assignments(&mut conn, &ids).await?;
    let mut out = Vec::with_capacity(rows.len());
    for a in rows {
        let Some((stage, blind, proposal)) = seen(&mut conn, &a).await? else { continue };
        let title = proposal.title;
        let state = reviews.iter().find(|r| r.assignment_id == a.id).map(|r| State::from_db(&r.state));
        out.push(AssignmentListed {
            assignment_id: a.id,
            call_title: stage.call_title,
            stage_name: stage.name,
            blind,
            title,
            due_at: rules::due(stage.reviews_due_at, a.due_at),
            state,
        });
    }
    Ok(Mine { now: app.now(), assignments: out })
}

/// Assignment `a`'s stage and proposal as its reviewer sees them (through the stage's blind projection),
/// `None` if either is gone. The one way a reviewer-facing listing names a proposal.
pub(crate) async fn seen(conn: &mut Conn, a: &AssignmentRow) -> Result<Option<(ReviewStage, Blind, ReviewerProposal)>> {
    let Some(stage) = reviews::stage(conn, &a.stage_id).await? else { return Ok(None) };
    let Some(listed) = proposals::by_id(conn, &ProposalId::from_db(a.proposal_id.clone())).await? else {
        return Ok(None);
    };
    let blind = Blind::parse(&stage.blind).unwrap_or(Blind::Double);
    let proposal = reviewer_proposal(conn, &listed, blind).await?;
    Ok(Some((stage, blind, proposal)))
}

/// The review page of assignment `id` for its reviewer.
pub async fn page(app: &App, actor: &Actor, id: &AssignmentId) -> Result<ReviewPage> {
    let mut conn = app.db.conn().await?;
    let o = open(app, &mut conn, actor, id).await?;
    let review = match reviews::of_assignment(&mut conn, &o.assignment.id).await? {
        Some(r) => {
            let scores = reviews::scores_of(&mut conn, &r.id).await?;
            Some(view(r, scores, &o.criteria))
        }
        None => None,
    };
    Ok(ReviewPage {
        assignment_id: o.assignment.id,
        call_title: o.stage.call_title,
        stage_name: o.stage.name,
        proposal: o.proposal,
        criteria: o.criteria,
        review,
        due_at: rules::due(o.stage.reviews_due_at, o.assignment.due_at),
        now: app.now(),
    })
}

/// What a checked form holds.
struct Checked {
    scores: Vec<Score>,
    comment: String,
    confidence: Option<i64>,
}

/// Checks the form against the rubric; on submission every score and the confidence are required.
fn check(form: &ReviewForm, criteria: &[Criterion], submitting: bool) -> Result<Checked> {
    let mut e = FormErrors::default();
    let mut scores = Vec::new();
    for (i, c) in criteria.iter().enumerate() {
        let input = form.scores.iter().find(|s| s.criterion_id == c.id);
        let raw = input.map(|s| s.score.as_str()).unwrap_or_default();
        let comment = input.map(|s| s.comment.as_str()).unwrap_or_default();
        let comment = e.check(COMMENT_FIELDS[i], paragraph(comment, rules::CRITERION_COMMENT)).unwrap_or_default();
        match rules::score(raw, c.scale_min, c.scale_max) {
            Ok(Some(score)) => scores.push(Score { criterion_id: c.id.clone(), score, comment }),
            Ok(None) if submitting => e.add(SCORE_FIELDS[i], rules::ScoreError::Missing.code()),
            Ok(None) => {}
            Err(bad) => e.add(SCORE_FIELDS[i], bad.code()),
        }
    }
    let comment = e.check("comment", paragraph(&form.comment, rules::COMMENT)).unwrap_or_default();
    let confidence = match rules::confidence(&form.confidence) {
        Ok(None) if submitting => {
            e.add("confidence", "confidence_missing");
            None
        }
        Ok(c) => c,
        Err(_) => {
            e.add("confidence", "confidence_out_of_range");
            None
        }
    };
    e.finish()?;
    Ok(Checked { scores, comment, confidence })
}

/// Whether `a`'s proposal is no longer in review in `a`'s stage: decided there (advanced, rejected,
/// appealed, awarded or not). Its reviews are closed then: a late score would join the stage's results and
/// feed its gate again if an appeal reinstated the proposal.
pub(crate) async fn decided(conn: &mut Conn, a: &AssignmentRow) -> Result<bool> {
    let at = evaluations::get(conn, &a.proposal_id).await?;
    Ok(at.is_some_and(|e| {
        e.stage_id != a.stage_id || e.state != halqe_domain::evaluation::decisions::State::InReview.code()
    }))
}

/// Saves the review of assignment `id` as a draft, or saves and submits it; refused once submitted, and past
/// its due date (the stage's, or the assignment's as staff extended it). Two submissions at once make one:
/// the second is told it was already submitted.
pub async fn save(app: &App, actor: &Actor, id: &AssignmentId, form: &ReviewForm, submitting: bool) -> Result<()> {
    let o = {
        let mut conn = app.db.conn().await?;
        open(app, &mut conn, actor, id).await?
    };
    let checked = check(form, &o.criteria, submitting)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    // The due date as it is now, in the transaction: an extension committed meanwhile counts.
    let assignment = assignments::get(&mut tx, &o.assignment.id).await?.ok_or(Error::NotFound)?;
    let stage = reviews::stage(&mut tx, &assignment.stage_id).await?.ok_or(Error::NotFound)?;
    if assignment.state != "active" {
        return Err(Error::Forbidden);
    }
    // A conflict that appeared since the assignment was opened above counts too.
    if !super::conflicts::conflicted(app, &mut tx, std::slice::from_ref(&assignment)).await?.is_empty() {
        drop(tx);
        return Err(refuse(app, actor, id.as_str(), true, Refusal::Conflicted).await);
    }
    if !rules::open(rules::due(stage.reviews_due_at, assignment.due_at), now) {
        return Err(FormErrors::single("review", "review_past_due"));
    }
    if decided(&mut tx, &assignment).await? {
        return Err(FormErrors::single("review", "review_closed"));
    }
    let row = ReviewRow {
        id: ReviewId::new().to_string(),
        assignment_id: assignment.id.clone(),
        state: State::Draft.code().to_owned(),
        comment: checked.comment,
        confidence: checked.confidence,
        created_at: now,
        updated_at: now,
        submitted_at: None,
    };
    let scores: Vec<ScoreRow> = checked
        .scores
        .iter()
        .map(|s| ScoreRow {
            review_id: String::new(),
            criterion_id: s.criterion_id.clone(),
            score: s.score,
            comment: s.comment.clone(),
        })
        .collect();
    if !reviews::save_draft(&mut tx, &row, &scores).await? {
        return Err(FormErrors::single("review", "review_already_submitted"));
    }
    if submitting {
        if !reviews::submit(&mut tx, &assignment.id, now).await? {
            return Err(FormErrors::single("review", "review_already_submitted"));
        }
        let by_criterion: serde_json::Map<String, serde_json::Value> =
            checked.scores.iter().map(|s| (s.criterion_id.clone(), s.score.into())).collect();
        let details = serde_json::json!({
            "assignment": assignment.id,
            "stage": assignment.stage_id,
            "version": o.proposal.version,
            "scores": by_criterion,
            "confidence": row.confidence,
            "weighted": weighted(&o.criteria, &checked.scores),
        });
        audit::record(
            &mut tx,
            Some(&actor.user_id),
            "review.submit",
            ("proposal", &assignment.proposal_id),
            details,
            now,
        )
        .await?;
    }
    halqe_db::commit(tx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criteria() -> Vec<Criterion> {
        [(1, 10, 30), (0, 5, 70)]
            .iter()
            .enumerate()
            .map(|(i, &(scale_min, scale_max, weight))| Criterion {
                id: format!("c{i}"),
                position: i + 1,
                name: String::new(),
                description: String::new(),
                weight,
                scale_min,
                scale_max,
            })
            .collect()
    }

    fn form(a: &str, b: &str, confidence: &str) -> ReviewForm {
        let s =
            |id: &str, score: &str| ScoreInput { criterion_id: id.into(), score: score.into(), comment: String::new() };
        ReviewForm { scores: vec![s("c0", a), s("c1", b)], comment: String::new(), confidence: confidence.into() }
    }

    fn refused(r: Result<Checked>) -> Vec<(&'static str, &'static str)> {
        match r {
            Err(Error::Form(e)) => e.0,
            _ => vec![],
        }
    }

    #[test]
    fn the_rubric_takes_scores_at_the_bounds_and_refuses_beyond_them() {
        let c = criteria();
        let ok = check(&form("۱۰", "0", "۵"), &c, true).unwrap();
        assert_eq!(ok.scores.iter().map(|s| s.score).collect::<Vec<_>>(), vec![10, 0]);
        assert_eq!(ok.confidence, Some(5));
        assert_eq!(weighted(&c, &ok.scores), Some(30.0));
        assert_eq!(
            refused(check(&form("11", "-1", "6"), &c, true)),
            vec![
                ("score_1", "score_out_of_scale"),
                ("score_2", "score_out_of_scale"),
                ("confidence", "confidence_out_of_range")
            ]
        );
        assert_eq!(refused(check(&form("۷٫۵", "x", "1"), &c, false)).len(), 2);
        assert!(check(&form("", "", ""), &c, false).is_ok(), "a draft may be blank");
        assert_eq!(
            refused(check(&form("3", "", ""), &c, true)),
            vec![("score_2", "score_missing"), ("confidence", "confidence_missing")]
        );
    }
}
