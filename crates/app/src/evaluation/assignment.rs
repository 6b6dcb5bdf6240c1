//! Assigning reviewers to a stage's proposals: staff start a solve (a job with progress and cancel) over
//! the proposals in review and the available pool, the exact solver (`halqe_search::assignment`) proposes
//! pairs — conflicts forbidden, staff's pins kept and forbids honoured, the assignments in force pinned —
//! or reports which proposals cannot be covered and why; staff review it, then apply it in one
//! transaction (audited, reviewers told) or discard it. Affinity is the matcher's reviewer–proposal score.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use halqe_db::assignments::{self, AssignmentRow, PairRow, RuleRow, RunRow, StagePlan};
use halqe_db::reviewers::{self, ReviewerListed};
use halqe_db::{Conn, proposals};
use halqe_domain::evaluation::conflicts::Conflict;
use halqe_domain::evaluation::pool::{Mode, NOTE, Rule, RunState};
use halqe_domain::ids::{CallId, Id, PersonId, ProposalId, UserId};
use halqe_domain::locale::Locale;
use halqe_domain::notification::Kind;
use halqe_domain::permissions::StaffCap;
use halqe_domain::profile::paragraph;
use halqe_search::SearchIndex;
use halqe_search::assignment::{self as solver, Control, Instance, Limits, Objective, Why};
use halqe_search::matching::{Match, Need, Weights};
use halqe_search::query::{Filters, Viewer};

use super::conflicts::{self, Facts};
use crate::jobs::{self, Ending, Step, Work};
use crate::{App, Error, FormErrors, Result, audit};

/// Runs listed per stage.
const RUNS_SHOWN: i64 = 10;
/// Why an assignment in force ended when a solve replaced it for a conflict found after it was made.
pub const CONFLICT_REASON: &str = "conflict";

/// What the job's payload names.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Payload {
    run: String,
}

/// The stage of `call`, or not found.
async fn plan_of(conn: &mut Conn, call: &CallId, stage: &str) -> Result<StagePlan> {
    let plan = assignments::stage_plan(conn, stage).await?.ok_or(Error::NotFound)?;
    if plan.call_id != call.as_str() {
        return Err(Error::NotFound);
    }
    Ok(plan)
}

/// The run of `call`, with its stage.
async fn run_of(conn: &mut Conn, call: &CallId, run: &str) -> Result<(RunRow, StagePlan)> {
    let id = Id::<()>::parse(run).ok_or(Error::NotFound)?;
    let row = assignments::run_by_id(conn, id.as_str()).await?.ok_or(Error::NotFound)?;
    let plan = plan_of(conn, call, &row.stage_id).await?;
    Ok((row, plan))
}

/// The stage a run of `call` solved.
pub async fn stage_of_run(app: &App, _staff: &StaffCap, call: &CallId, run: &str) -> Result<String> {
    let mut conn = app.db.conn().await?;
    Ok(run_of(&mut conn, call, run).await?.1.id)
}

/// Staff start a solve of `stage` in `mode` (`total` or `fair`); returns the run's id.
pub async fn start(app: &App, staff: &StaffCap, call: &CallId, stage: &str, mode: &str) -> Result<String> {
    let mode = Mode::parse(mode).map_err(|e| FormErrors::single("mode", e.code()))?;
    let mut tx = app.db.begin().await?;
    plan_of(&mut tx, call, stage).await?;
    let run = queue(app, &mut tx, staff, stage, mode).await?;
    halqe_db::commit(tx).await?;
    Ok(run)
}

/// Records a running solve of `stage` and queues its job, in the caller's transaction; audited.
pub(crate) async fn queue(app: &App, conn: &mut Conn, staff: &StaffCap, stage: &str, mode: Mode) -> Result<String> {
    let now = app.now();
    let run = Id::<()>::new().to_string();
    let payload = serde_json::to_value(Payload { run: run.clone() })
        .map_err(|e| Error::Internal(format!("assignment payload: {e}")))?;
    let job = jobs::enqueue(conn, jobs::Kind::AssignReviewers, &payload, false, Some(staff.by().as_str()), now).await?;
    let row = RunRow {
        id: run.clone(),
        stage_id: stage.to_owned(),
        job_id: Some(job.clone()),
        mode: mode.code().to_owned(),
        state: RunState::Running.code().to_owned(),
        total_affinity: None,
        worst_affinity: None,
        proven: 0,
        report: "{}".to_owned(),
        created_by: staff.by().to_string(),
        created_at: now,
        decided_by: None,
        decided_at: None,
    };
    assignments::insert_run(conn, &row).await?;
    let details = serde_json::json!({ "stage": stage, "mode": mode.code(), "job": job });
    audit::record(conn, Some(staff.by()), "assignment_run.start", ("assignment_run", &run), details, now).await?;
    Ok(run)
}

/// Asks a running solve to stop; false when it had already ended. Audited.
pub async fn cancel(app: &App, staff: &StaffCap, call: &CallId, run: &str) -> Result<bool> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (row, _) = run_of(&mut tx, call, run).await?;
    let Some(job) = row.job_id.clone().filter(|_| row.state == RunState::Running.code()) else { return Ok(false) };
    if !halqe_db::jobs::request_cancel(&mut tx, &job, now).await? {
        return Ok(false);
    }
    // A job cancelled before any runner claimed it never ends its run: end it here.
    if halqe_db::jobs::by_id(&mut tx, &job).await?.is_some_and(|j| j.state == "cancelled") {
        assignments::finish_run(&mut tx, &row.id, RunState::Cancelled.code(), None, "{}").await?;
    }
    let details = serde_json::json!({ "stage": row.stage_id, "job": job });
    audit::record(&mut tx, Some(staff.by()), "assignment_run.cancel", ("assignment_run", &row.id), details, now)
        .await?;
    halqe_db::commit(tx).await?;
    Ok(true)
}

/// One problem as the solver sees it, with what maps its indices back.
struct Problem {
    proposals: Vec<String>,
    reviewers: Vec<String>,
    instance: Instance,
    explanations: Vec<String>,
    /// Pins not passed because the pair is now conflicted or forbidden: (proposal, reviewer).
    dropped_pins: Vec<(usize, usize)>,
    /// Pairs already in force (pinned, not created again on apply).
    active: HashSet<(usize, usize)>,
}

/// The job: builds the instance, scores affinities, solves, and stores the proposal or the report.
pub(crate) async fn execute_job(app: &App, work: &Work) -> Result<(Ending, ())> {
    let payload: Payload =
        serde_json::from_str(&work.payload).map_err(|e| Error::Internal(format!("assignment payload: {e}")))?;
    let mut conn = app.db.conn().await?;
    let run = assignments::run_by_id(&mut conn, &payload.run).await?.ok_or(Error::NotFound)?;
    if run.state != RunState::Running.code() {
        return Ok((Ending::Cancelled(format!("run is {}", run.state)), ()));
    }
    let plan = assignments::stage_plan(&mut conn, &run.stage_id).await?.ok_or(Error::NotFound)?;
    drop(conn);
    let problem = match build(app, Some(work), &plan).await? {
        Some(p) => p,
        None => return end_cancelled(app, &run).await,
    };
    let objective = if run.mode == Mode::Fair.code() { Objective::Fair } else { Objective::Total };
    let outcome = solve(app, work, problem.instance.clone(), objective).await?;
    let mut tx = app.db.begin().await?;
    let (ending, stored) = match outcome {
        Err(solver::Error::Cancelled) => {
            drop(tx);
            return end_cancelled(app, &run).await;
        }
        Ok(solution) => {
            let pairs: Vec<PairRow> = solution
                .pairs
                .iter()
                .map(|&(p, r)| PairRow {
                    run_id: run.id.clone(),
                    proposal_id: problem.proposals[p].clone(),
                    user_id: problem.reviewers[r].clone(),
                    affinity: i64::from(problem.instance.affinity(p, r)),
                    explanation: problem.explanations[p * problem.reviewers.len() + r].clone(),
                    pinned: i64::from(problem.instance.pinned.contains(&(p, r))),
                })
                .collect();
            let report = serde_json::json!({
                "proposals": problem.proposals.len(),
                "reviewers": problem.reviewers.len(),
                "kept": problem.active.len(),
                "dropped_pins": dropped(&problem),
                "worst_bound": solution.worst_bound,
            });
            let totals = Some((to_i64(solution.total), to_i64(solution.worst), solution.proven));
            let stored =
                assignments::finish_run(&mut tx, &run.id, RunState::Proposed.code(), totals, &report.to_string())
                    .await?;
            if stored {
                assignments::insert_pairs(&mut tx, &pairs).await?;
            }
            (Ending::Succeeded(format!("{} pairs, total affinity {}", pairs.len(), solution.total)), stored)
        }
        Err(solver::Error::Infeasible(why)) => {
            let short: Vec<serde_json::Value> = why
                .proposals
                .iter()
                .map(|(p, w)| match w {
                    Why::TooFewEligible { eligible, need } => serde_json::json!({
                        "proposal": problem.proposals[*p], "why": "too_few_eligible", "eligible": eligible, "need": need,
                    }),
                    Why::ReviewersFull => {
                        serde_json::json!({ "proposal": problem.proposals[*p], "why": "reviewers_full" })
                    }
                })
                .collect();
            let report = serde_json::json!({
                "short": short,
                "need": why.need,
                "capacity": why.capacity,
                "coverable": why.coverable,
                "group_need": why.group_need,
                "group_capacity": why.group_capacity,
                "dropped_pins": dropped(&problem),
            });
            let stored =
                assignments::finish_run(&mut tx, &run.id, RunState::Infeasible.code(), None, &report.to_string())
                    .await?;
            (Ending::Succeeded(format!("infeasible: {} proposals cannot all be covered", short.len())), stored)
        }
        Err(e) => {
            let report = serde_json::json!({ "error": e.to_string() });
            let stored =
                assignments::finish_run(&mut tx, &run.id, RunState::Failed.code(), None, &report.to_string()).await?;
            (Ending::Failed(e.to_string()), stored)
        }
    };
    halqe_db::commit(tx).await?;
    if !stored {
        return Ok((Ending::Cancelled("the run was cancelled meanwhile".to_owned()), ()));
    }
    Ok((ending, ()))
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn dropped(problem: &Problem) -> Vec<serde_json::Value> {
    problem
        .dropped_pins
        .iter()
        .map(|&(p, r)| serde_json::json!({ "proposal": problem.proposals[p], "reviewer": problem.reviewers[r] }))
        .collect()
}

async fn end_cancelled(app: &App, run: &RunRow) -> Result<(Ending, ())> {
    let mut tx = app.db.begin().await?;
    assignments::finish_run(&mut tx, &run.id, RunState::Cancelled.code(), None, "{}").await?;
    halqe_db::commit(tx).await?;
    Ok((Ending::Cancelled("cancelled before a result".to_owned()), ()))
}

/// The reviewers who can take work in the call: in the pool, not removed, available, and their account
/// enabled with the reviewer role (a solve must not give work, and mail, to someone who cannot sign in).
fn available(pool: Vec<ReviewerListed>) -> Vec<ReviewerListed> {
    pool.into_iter().filter(|r| r.row.removed_at.is_none() && r.row.available != 0 && r.usable != 0).collect()
}

/// Loads the stage's proposals, the available pool, conflicts, rules and assignments in force, and scores
/// every pair; reports progress per proposal scored. `None` when the job was asked to stop.
async fn build(app: &App, work: Option<&Work>, plan: &StagePlan) -> Result<Option<Problem>> {
    let now = app.now();
    let mut conn = app.db.conn().await?;
    let in_review = assignments::in_review(&mut conn, &plan.id).await?;
    let pool = available(reviewers::of_call(&mut conn, &plan.call_id).await?);
    let proposals: Vec<String> = in_review.iter().map(|(p, _)| p.clone()).collect();
    let reviewers: Vec<String> = pool.iter().map(|r| r.row.user_id.clone()).collect();
    let (np, nr) = (proposals.len(), reviewers.len());
    let facts = conflicts::load(&mut conn, &reviewers, &proposals).await?;
    let rules = assignments::rules_of(&mut conn, &plan.id).await?;
    let in_force: Vec<AssignmentRow> =
        assignments::of_stage(&mut conn, &plan.id).await?.into_iter().filter(|a| a.state == "active").collect();
    let loads: HashMap<String, i64> = assignments::loads_in_call(&mut conn, &plan.call_id).await?.into_iter().collect();
    let p_index: HashMap<&str, usize> = proposals.iter().enumerate().map(|(i, p)| (p.as_str(), i)).collect();
    let r_index: HashMap<&str, usize> = reviewers.iter().enumerate().map(|(i, r)| (r.as_str(), i)).collect();
    let pair = |p: &str, r: &str| Some((*p_index.get(p)?, *r_index.get(r)?));

    let mut forbidden: HashSet<(usize, usize)> =
        facts.all(conflicts::rules_of(app), now).into_iter().map(|(p, r, _)| (p, r)).collect();
    forbidden.extend(
        rules.iter().filter(|x| x.rule == Rule::Forbid.code()).filter_map(|x| pair(&x.proposal_id, &x.user_id)),
    );
    let active: HashSet<(usize, usize)> = in_force.iter().filter_map(|a| pair(&a.proposal_id, &a.user_id)).collect();
    let mut wanted: Vec<(usize, usize)> = active.iter().copied().collect();
    wanted.extend(rules.iter().filter(|x| x.rule == Rule::Pin.code()).filter_map(|x| pair(&x.proposal_id, &x.user_id)));
    wanted.sort_unstable();
    wanted.dedup();
    let (dropped_pins, pinned): (Vec<_>, Vec<_>) = wanted.into_iter().partition(|x| forbidden.contains(x));
    let active = active.into_iter().filter(|x| !forbidden.contains(x)).collect();

    // Load left in the call: a reviewer's assignments in force elsewhere count against the cap; those in
    // this stage are pins and count inside the solve.
    let mut here = vec![0i64; nr];
    for a in &in_force {
        if let Some(&r) = r_index.get(a.user_id.as_str()) {
            here[r] += 1;
        }
    }
    let capacity: Vec<u32> = pool
        .iter()
        .enumerate()
        .map(|(r, x)| {
            let elsewhere = loads.get(&x.row.user_id).copied().unwrap_or(0) - here[r];
            u32::try_from((x.row.max_load - elsewhere).max(0)).unwrap_or(0)
        })
        .collect();
    let need = u32::try_from(plan.reviewers_per_proposal.clamp(1, halqe_domain::evaluation::stages::MAX_REVIEWERS))
        .unwrap_or(1);

    // Affinity: each proposal's submitted text as a need against the reviewers' profiles.
    let index = SearchIndex::in_memory().map_err(|e| Error::Internal(format!("search index: {e}")))?;
    let mut docs = Vec::new();
    let mut doc_of = vec![None; nr];
    for (r, x) in pool.iter().enumerate() {
        if let Some(person) = &x.row.person_id
            && let Some(doc) = crate::search::documents::person(&mut conn, &PersonId::from_db(person.clone())).await?
        {
            doc_of[r] = Some(doc.id.clone());
            docs.push(doc);
        }
    }
    let mut texts = Vec::with_capacity(np);
    for (id, version) in &in_review {
        texts.push(proposal_text(&mut conn, id, *version).await?);
    }
    drop(conn);
    index.upsert(&docs).map_err(|e| Error::Internal(format!("search index: {e}")))?;
    index.commit().map_err(|e| Error::Internal(format!("search index: {e}")))?;
    let index = Arc::new(index);
    let only: Vec<String> = doc_of.iter().flatten().cloned().collect();
    let mut affinity = vec![0u32; np * nr];
    let mut explanations = vec![String::from("{\"no_profile\":true}"); np * nr];
    let total_steps = i64::try_from(np).unwrap_or(i64::MAX) + 1;
    for (p, text) in texts.into_iter().enumerate() {
        let matches = if only.is_empty() || text.trim().is_empty() {
            Vec::new()
        } else {
            let need = Need {
                text,
                filters: Filters { only: only.clone(), ..Filters::default() },
                viewer: Viewer::staff(),
                ..Need::default()
            };
            let (index, top) = (index.clone(), only.len());
            tokio::task::spawn_blocking(move || index.match_need(&need, top, &Weights::default()))
                .await
                .map_err(|e| Error::Internal(format!("join: {e}")))?
                .map_err(|e| Error::Internal(format!("matching: {e}")))?
        };
        for (r, doc) in doc_of.iter().enumerate() {
            let Some(doc) = doc else { continue };
            let found = matches.iter().find(|m| &m.doc.id == doc);
            affinity[p * nr + r] = found.map_or(0, |m| scaled(m.score));
            explanations[p * nr + r] = explain(found);
        }
        if let Some(work) = work
            && work.progress(app, i64::try_from(p).unwrap_or(0) + 1, total_steps).await? != Step::Continue
        {
            return Ok(None);
        }
    }
    let instance =
        Instance { need: vec![need; np], capacity, affinity, forbidden: forbidden.into_iter().collect(), pinned };
    Ok(Some(Problem { proposals, reviewers, instance, explanations, dropped_pins, active }))
}

/// The matcher's score in [0, 1] as an integer affinity in [0, `MAX_AFFINITY`].
fn scaled(score: f32) -> u32 {
    let max = solver::MAX_AFFINITY;
    // The score is a finite fraction; anything else counts as no affinity.
    if score.is_finite() { ((score.clamp(0.0, 1.0) * max as f32).round() as u32).min(max) } else { 0 }
}

/// Why the matcher scored a pair as it did, kept beside the pair: each signal's share, the shared terms,
/// the closest publications and shared fields.
fn explain(found: Option<&Match>) -> String {
    let Some(m) = found else { return serde_json::json!({ "no_match": true }).to_string() };
    serde_json::json!({
        "score": m.score,
        "signals": m.signals.iter().map(|s| serde_json::json!({ "name": s.name, "value": s.value, "share": s.share })).collect::<Vec<_>>(),
        "terms": m.matched_terms.iter().take(8).map(|t| t.profile.clone()).collect::<Vec<_>>(),
        "publications": m.matched_publications.iter().take(3).map(|(t, _)| t.clone()).collect::<Vec<_>>(),
        "fields": m.shared_fields,
    })
    .to_string()
}

/// The text of the submitted version under evaluation: title, summary, approach, expected results.
async fn proposal_text(conn: &mut Conn, id: &str, version: i64) -> Result<String> {
    let versions = proposals::versions_of(conn, &ProposalId::from_db(id.to_owned())).await?;
    let Some(v) = versions.into_iter().find(|v| v.version == version) else { return Ok(String::new()) };
    let content: serde_json::Value =
        serde_json::from_str(&v.content).map_err(|e| Error::Internal(format!("proposal content: {e}")))?;
    let text: Vec<&str> = ["title", "summary", "approach", "expected_results"]
        .iter()
        .filter_map(|k| content.get(*k).and_then(serde_json::Value::as_str))
        .filter(|s| !s.is_empty())
        .collect();
    Ok(text.join("\n").chars().take(crate::search::matching::MAX_TEXT_CHARS).collect())
}

/// Runs the solver off the async threads, relaying its progress to the job and the job's cancel to it.
async fn solve(
    app: &App,
    work: &Work,
    instance: Instance,
    objective: Objective,
) -> Result<std::result::Result<solver::Solution, solver::Error>> {
    let cancel = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let total = Arc::new(AtomicU64::new(0));
    let (c, d, t) = (cancel.clone(), done.clone(), total.clone());
    let mut task = tokio::task::spawn_blocking(move || {
        let report = move |x: u64, y: u64| {
            d.store(x, Ordering::Relaxed);
            t.store(y, Ordering::Relaxed);
        };
        solver::solve(&instance, objective, &Limits::DEFAULT, &Control::new(&c, &report))
    });
    loop {
        tokio::select! {
            joined = &mut task => return joined.map_err(|e| Error::Internal(format!("join: {e}"))),
            () = tokio::time::sleep(std::time::Duration::from_millis(250)) => {
                let (x, y) = (done.load(Ordering::Relaxed), total.load(Ordering::Relaxed));
                if y > 0 && work.progress(app, to_i64(x), to_i64(y)).await? != Step::Continue {
                    cancel.store(true, Ordering::Relaxed);
                }
                if work.step() != Step::Continue {
                    cancel.store(true, Ordering::Relaxed);
                }
            }
        }
    }
}

/// The instance a solve of `stage` would get now, with the proposal and reviewer ids its indices stand
/// for: for checking a run against an independent solver.
pub async fn instance(
    app: &App,
    _staff: &StaffCap,
    call: &CallId,
    stage: &str,
) -> Result<(Vec<String>, Vec<String>, Instance)> {
    let plan = plan_of(&mut *app.db.conn().await?, call, stage).await?;
    match build(app, None, &plan).await? {
        Some(p) => Ok((p.proposals, p.reviewers, p.instance)),
        None => Err(Error::Internal("no job to cancel".to_owned())),
    }
}

/// One (proposal, reviewer) pair of a stage, as a form or path names it.
#[derive(Debug, Clone, Copy)]
pub struct PairRef<'a> {
    pub stage: &'a str,
    pub proposal: &'a str,
    pub reviewer: &'a str,
}

/// Staff pin (always assign) or forbid (never) a pair of the stage; a conflicted pair cannot be pinned.
pub async fn set_rule(
    app: &App,
    staff: &StaffCap,
    call: &CallId,
    pair: PairRef<'_>,
    rule: &str,
    note: &str,
) -> Result<()> {
    let PairRef { stage, proposal, reviewer } = pair;
    let mut e = FormErrors::default();
    let rule = e.check("rule", Rule::parse(rule));
    let note = e.check("note", paragraph(note, NOTE));
    e.finish()?;
    let (Some(rule), Some(note)) = (rule, note) else { return Err(FormErrors::single("rule", "required")) };
    let proposal = ProposalId::parse(proposal).ok_or(Error::NotFound)?;
    let reviewer = UserId::parse(reviewer).ok_or(Error::NotFound)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let plan = plan_of(&mut tx, call, stage).await?;
    let in_stage = assignments::in_review(&mut tx, &plan.id).await?.iter().any(|(p, _)| p == proposal.as_str());
    let member =
        reviewers::get(&mut tx, &plan.call_id, reviewer.as_str()).await?.is_some_and(|r| r.removed_at.is_none());
    if !in_stage || !member {
        return Err(Error::NotFound);
    }
    if rule == Rule::Pin {
        let facts = conflicts::load(&mut tx, &[reviewer.to_string()], &[proposal.to_string()]).await?;
        if !facts.between(0, 0, conflicts::rules_of(app), now).is_empty() {
            return Err(FormErrors::single("rule", "pair_conflicted"));
        }
    }
    let row = RuleRow {
        stage_id: plan.id.clone(),
        proposal_id: proposal.to_string(),
        user_id: reviewer.to_string(),
        rule: rule.code().to_owned(),
        note,
        created_by: staff.by().to_string(),
        created_at: now,
    };
    assignments::set_rule(&mut tx, &row).await?;
    let details = serde_json::json!({
        "stage": plan.id, "proposal": row.proposal_id, "reviewer": row.user_id, "rule": row.rule, "note": row.note,
    });
    audit::record(&mut tx, Some(staff.by()), "assignment.rule_set", ("call", call.as_str()), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Staff drop their rule on a pair.
pub async fn clear_rule(app: &App, staff: &StaffCap, call: &CallId, pair: PairRef<'_>) -> Result<()> {
    let PairRef { stage, proposal, reviewer } = pair;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let plan = plan_of(&mut tx, call, stage).await?;
    if !assignments::clear_rule(&mut tx, &plan.id, proposal, reviewer).await? {
        return Err(Error::NotFound);
    }
    let details = serde_json::json!({ "stage": plan.id, "proposal": proposal, "reviewer": reviewer });
    audit::record(&mut tx, Some(staff.by()), "assignment.rule_clear", ("call", call.as_str()), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Staff apply a proposed run: in one transaction, every pair not yet in force becomes an active
/// assignment due when the stage's reviews are, each audited and told to its reviewer in blind terms, and
/// an assignment in force whose reviewer became conflicted since, which the solve left out, ends (audited).
/// A run that no longer fits (a reviewer left or became conflicted, an assignment in force changed) is
/// refused whole: staff solve again. Returns how many assignments it created.
pub async fn apply(app: &App, staff: &StaffCap, call: &CallId, run: &str) -> Result<usize> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (row, plan) = run_of(&mut tx, call, run).await?;
    // The state change comes first: of two staff applying at once, the second finds it applied.
    if !assignments::decide_run(
        &mut tx,
        &row.id,
        RunState::Proposed.code(),
        RunState::Applied.code(),
        staff.by().as_str(),
        now,
    )
    .await?
    {
        return Err(FormErrors::single("run", "run_not_proposed"));
    }
    let pairs = assignments::pairs_of(&mut tx, &row.id).await?;
    let in_review: HashSet<String> =
        assignments::in_review(&mut tx, &plan.id).await?.into_iter().map(|(p, _)| p).collect();
    let pool: HashSet<String> =
        available(reviewers::of_call(&mut tx, &plan.call_id).await?).into_iter().map(|r| r.row.user_id).collect();
    let in_force: Vec<AssignmentRow> =
        assignments::of_stage(&mut tx, &plan.id).await?.into_iter().filter(|a| a.state == "active").collect();
    let proposed: HashSet<(&str, &str)> = pairs.iter().map(|p| (p.proposal_id.as_str(), p.user_id.as_str())).collect();
    // An assignment in force whose reviewer became conflicted is what the solve replaced: it ends here.
    let late = conflicts::conflicted(app, &mut tx, &in_force).await?;
    let (ending, in_force): (Vec<AssignmentRow>, Vec<AssignmentRow>) = in_force
        .into_iter()
        .partition(|a| late.contains(&a.id) && !proposed.contains(&(a.proposal_id.as_str(), a.user_id.as_str())));
    let active: HashSet<(&str, &str)> = in_force.iter().map(|a| (a.proposal_id.as_str(), a.user_id.as_str())).collect();
    let stale = pairs.iter().any(|p| !pool.contains(&p.user_id) || !in_review.contains(&p.proposal_id))
        || active.iter().any(|(p, u)| in_review.contains(*p) && !proposed.contains(&(*p, *u)));
    if stale {
        return Err(FormErrors::single("run", "run_stale"));
    }
    let fresh: Vec<&PairRow> =
        pairs.iter().filter(|p| !active.contains(&(p.proposal_id.as_str(), p.user_id.as_str()))).collect();
    let users: Vec<String> = unique(fresh.iter().map(|p| p.user_id.clone()));
    let props: Vec<String> = unique(fresh.iter().map(|p| p.proposal_id.clone()));
    let facts = conflicts::load(&mut tx, &users, &props).await?;
    if conflicted(&facts, &fresh, conflicts::rules_of(app), now) {
        return Err(FormErrors::single("run", "run_stale"));
    }
    let rows: Vec<AssignmentRow> = fresh
        .iter()
        .map(|p| AssignmentRow {
            id: Id::<()>::new().to_string(),
            stage_id: plan.id.clone(),
            proposal_id: p.proposal_id.clone(),
            user_id: p.user_id.clone(),
            run_id: Some(row.id.clone()),
            affinity: p.affinity,
            state: "active".to_owned(),
            // The stage's due date is read live (`review::due`); an assignment has its own only once staff
            // extend it.
            due_at: None,
            created_at: now,
            removed_at: None,
            removed_reason: String::new(),
        })
        .collect();
    match assignments::insert_assignments(&mut tx, &rows).await {
        Err(halqe_db::Error::Conflict) => return Err(FormErrors::single("run", "run_stale")),
        other => other?,
    }
    assignments::discard_others(&mut tx, &plan.id, &row.id, staff.by().as_str(), now).await?;
    let details = serde_json::json!({ "stage": plan.id, "created": rows.len(), "total_affinity": row.total_affinity });
    audit::record(&mut tx, Some(staff.by()), "assignment_run.apply", ("assignment_run", &row.id), details, now).await?;
    let entries: Vec<(&str, &str, serde_json::Value)> = rows
        .iter()
        .map(|a| {
            let details = serde_json::json!({
                "stage": a.stage_id, "proposal": a.proposal_id, "reviewer": a.user_id, "run": row.id,
                "affinity": a.affinity, "due_at": a.due_at,
            });
            ("assignment", a.id.as_str(), details)
        })
        .collect();
    audit::record_each(&mut tx, Some(staff.by()), "assignment.create", &entries, now).await?;
    let mut ended = Vec::new();
    for a in &ending {
        if assignments::remove(&mut tx, &a.id, CONFLICT_REASON, now).await? {
            let details = serde_json::json!({
                "stage": a.stage_id, "proposal": a.proposal_id, "reviewer": a.user_id, "reason": CONFLICT_REASON,
                "run": row.id,
            });
            ended.push(("assignment", a.id.as_str(), details));
        }
    }
    audit::record_each(&mut tx, Some(staff.by()), "assignment.remove", &ended, now).await?;
    super::notices::tell(app, &mut tx, Kind::ReviewAssigned, &rows, &[], now).await?;
    halqe_db::commit(tx).await?;
    Ok(rows.len())
}

fn unique(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = items.collect();
    v.sort();
    v.dedup();
    v
}

/// Whether any of `pairs` is conflicted now.
fn conflicted(facts: &Facts, pairs: &[&PairRow], rules: halqe_domain::evaluation::conflicts::Rules, now: i64) -> bool {
    pairs.iter().any(|pair| {
        let p = facts.proposals.iter().position(|(id, _)| *id == pair.proposal_id);
        let r = facts.reviewers.iter().position(|(id, _, _)| *id == pair.user_id);
        p.zip(r).is_some_and(|(p, r)| !facts.between(p, r, rules, now).is_empty())
    })
}

fn number(n: usize, locale: Locale) -> String {
    match locale {
        Locale::Fa => halqe_domain::text::to_persian_digits(&n.to_string()),
        Locale::En => n.to_string(),
    }
}

/// Staff discard a proposed (or infeasible) run; nothing is assigned. Audited.
pub async fn discard(app: &App, staff: &StaffCap, call: &CallId, run: &str) -> Result<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (row, _) = run_of(&mut tx, call, run).await?;
    let from = RunState::parse(&row.state);
    if !matches!(from, RunState::Proposed | RunState::Infeasible)
        || !assignments::decide_run(&mut tx, &row.id, from.code(), RunState::Discarded.code(), staff.by().as_str(), now)
            .await?
    {
        return Err(FormErrors::single("run", "run_not_proposed"));
    }
    let details = serde_json::json!({ "stage": row.stage_id });
    audit::record(&mut tx, Some(staff.by()), "assignment_run.discard", ("assignment_run", &row.id), details, now)
        .await?;
    halqe_db::commit(tx).await?;
    Ok(())
}

/// One reviewer of a pair as staff see it in a run or in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairView {
    pub user_id: String,
    pub name: String,
    pub affinity: i64,
    /// The matcher's reasons, in words: shared terms, closest publications.
    pub explanation: String,
    pub pinned: bool,
    /// In force, but its reviewer became conflicted since: their review counts nowhere until staff solve
    /// the stage again, which replaces the pair.
    pub conflicted: bool,
}

/// One proposal of the stage, with its conflicts and what the run proposes (or what is in force).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalView {
    pub id: String,
    pub title: String,
    /// (reviewer name, the reasons in the reader's language).
    pub conflicts: Vec<(String, Vec<String>)>,
    pub proposed: Vec<PairView>,
    pub in_force: Vec<PairView>,
    /// Why the run could not cover it, in words; empty when it could.
    pub short: String,
}

/// A run as staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunView {
    pub id: String,
    pub mode: Mode,
    pub state: RunState,
    pub total_affinity: Option<i64>,
    pub worst_affinity: Option<i64>,
    pub proven: bool,
    pub created_at: i64,
    pub job_id: Option<String>,
    /// The raw report (JSON), for the API.
    pub report: String,
}

impl From<RunRow> for RunView {
    fn from(r: RunRow) -> Self {
        Self {
            mode: Mode::parse(&r.mode).unwrap_or(Mode::Total),
            state: RunState::parse(&r.state),
            id: r.id,
            total_affinity: r.total_affinity,
            worst_affinity: r.worst_affinity,
            proven: r.proven != 0,
            created_at: r.created_at,
            job_id: r.job_id,
            report: r.report,
        }
    }
}

/// A stage's assignment page: its proposals with conflicts, runs newest first, the shown run's pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageAssignment {
    pub call_id: String,
    pub stage_id: String,
    pub stage_name: String,
    pub reviewers_per_proposal: i64,
    /// (user id, name) of the reviewers who can take work.
    pub reviewers: Vec<(String, String)>,
    pub proposals: Vec<ProposalView>,
    /// (proposal title, reviewer name, rule, note).
    pub rules: Vec<RuleView>,
    pub runs: Vec<RunView>,
    /// The run shown: `run` if asked for, else the newest.
    pub shown: Option<RunView>,
}

/// A pin or forbid as staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleView {
    pub proposal_id: String,
    pub proposal: String,
    pub user_id: String,
    pub reviewer: String,
    pub rule: Rule,
    pub note: String,
}

/// The stage's assignment as staff review it, in `locale`; `run` picks the run shown.
pub async fn page(
    app: &App,
    _staff: &StaffCap,
    call: &CallId,
    stage: &str,
    run: Option<&str>,
    locale: Locale,
) -> Result<StageAssignment> {
    let now = app.now();
    let mut conn = app.db.conn().await?;
    let plan = plan_of(&mut conn, call, stage).await?;
    let in_review: Vec<String> =
        assignments::in_review(&mut conn, &plan.id).await?.into_iter().map(|(p, _)| p).collect();
    let pool = available(reviewers::of_call(&mut conn, &plan.call_id).await?);
    let everyone = reviewers::of_call(&mut conn, &plan.call_id).await?;
    let name_of =
        |u: &str| everyone.iter().find(|r| r.row.user_id == u).map_or_else(String::new, |r| r.display_name.clone());
    let user_ids: Vec<String> = pool.iter().map(|r| r.row.user_id.clone()).collect();
    let facts = conflicts::load(&mut conn, &user_ids, &in_review).await?;
    let found = facts.all(conflicts::rules_of(app), now);
    let runs: Vec<RunView> =
        assignments::runs_of(&mut conn, &plan.id, RUNS_SHOWN).await?.into_iter().map(RunView::from).collect();
    let shown = match run {
        Some(id) => Some(RunView::from(run_of(&mut conn, call, id).await?.0)),
        None => runs.first().cloned(),
    };
    let pairs = match &shown {
        Some(r) => assignments::pairs_of(&mut conn, &r.id).await?,
        None => Vec::new(),
    };
    let report: serde_json::Value =
        shown.as_ref().and_then(|r| serde_json::from_str(&r.report).ok()).unwrap_or_default();
    let in_force: Vec<AssignmentRow> =
        assignments::of_stage(&mut conn, &plan.id).await?.into_iter().filter(|a| a.state == "active").collect();
    let late = conflicts::conflicted(app, &mut conn, &in_force).await?;
    let mut titles: HashMap<String, String> = HashMap::new();
    for p in &in_review {
        let title = proposals::by_id(&mut conn, &ProposalId::from_db(p.clone())).await?.map(|f| f.row.title);
        titles.insert(p.clone(), title.unwrap_or_default());
    }
    let rule_rows = assignments::rules_of(&mut conn, &plan.id).await?;
    let rules = rule_rows
        .into_iter()
        .filter_map(|x| {
            Some(RuleView {
                proposal: titles.get(&x.proposal_id).cloned().unwrap_or_default(),
                reviewer: name_of(&x.user_id),
                rule: Rule::parse(&x.rule).ok()?,
                proposal_id: x.proposal_id,
                user_id: x.user_id,
                note: x.note,
            })
        })
        .collect();
    let proposals = in_review
        .iter()
        .enumerate()
        .map(|(p, id)| {
            let conflicts = found
                .iter()
                .filter(|(fp, _, _)| *fp == p)
                .map(|(_, r, cs)| {
                    let reasons = cs.iter().map(|c: &Conflict| conflicts::reason(locale, c)).collect();
                    (name_of(&facts.reviewers[*r].0), reasons)
                })
                .collect();
            let view = |user: &str, affinity: i64, explanation: &str, pinned: bool| PairView {
                user_id: user.to_owned(),
                name: name_of(user),
                affinity,
                explanation: words(explanation),
                pinned,
                conflicted: false,
            };
            ProposalView {
                id: id.clone(),
                title: titles.get(id).cloned().unwrap_or_default(),
                conflicts,
                proposed: pairs
                    .iter()
                    .filter(|x| &x.proposal_id == id)
                    .map(|x| view(&x.user_id, x.affinity, &x.explanation, x.pinned != 0))
                    .collect(),
                in_force: in_force
                    .iter()
                    .filter(|a| &a.proposal_id == id)
                    .map(|a| PairView { conflicted: late.contains(&a.id), ..view(&a.user_id, a.affinity, "{}", false) })
                    .collect(),
                short: short_reason(&report, id, locale),
            }
        })
        .collect();
    Ok(StageAssignment {
        call_id: plan.call_id,
        stage_id: plan.id,
        stage_name: plan.name,
        reviewers_per_proposal: plan.reviewers_per_proposal,
        reviewers: pool.iter().map(|r| (r.row.user_id.clone(), r.display_name.clone())).collect(),
        proposals,
        rules,
        runs,
        shown,
    })
}

/// The matcher's explanation of a pair in a few words: the shared terms, then the closest publications.
fn words(explanation: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(explanation).unwrap_or_default();
    let list = |k: &str| -> Vec<String> {
        v.get(k)
            .and_then(serde_json::Value::as_array)
            .map_or_else(Vec::new, |a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
    };
    let mut parts = list("terms");
    parts.extend(list("publications").into_iter().map(|t| format!("«{t}»")));
    parts.join("، ")
}

/// Why an infeasible run could not cover proposal `id`, in the reader's words.
fn short_reason(report: &serde_json::Value, id: &str, locale: Locale) -> String {
    let Some(entry) = report
        .get("short")
        .and_then(serde_json::Value::as_array)
        .and_then(|a| a.iter().find(|x| x.get("proposal").and_then(serde_json::Value::as_str) == Some(id)))
    else {
        return String::new();
    };
    let n = |k: &str| {
        entry.get(k).and_then(serde_json::Value::as_u64).map_or_else(String::new, |n| number(n as usize, locale))
    };
    match entry.get("why").and_then(serde_json::Value::as_str) {
        Some("too_few_eligible") => crate::i18n::t_args(
            locale,
            crate::i18n::Isolation::Html,
            "assignment-short-too-few",
            &[("eligible", &n("eligible")), ("need", &n("need"))],
        ),
        _ => crate::i18n::t(locale, "assignment-short-full"),
    }
}
