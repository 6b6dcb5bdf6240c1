//! A call's reviewer pool, conflicts of interest from stored facts, and reviewer assignment as a job
//! (issue 11): every kind of conflict computed, shown with its reason and enforced; a solve proposed,
//! reviewed, pinned and forbidden, re-solved and applied with the optimal total; an infeasible report;
//! cancel; a reviewer removed mid-stage.

use halqe_app::Error;
use halqe_app::evaluation::assignment::PairRef;
use halqe_app::evaluation::{assignment, pool};
use halqe_db::evaluations::{self, EvaluationRow};
use halqe_domain::evaluation::conflicts::YEAR_MS;
use halqe_domain::evaluation::pool::RunState;
use halqe_domain::ids::{CallId, Id, OrganizationId, UserId};
use halqe_domain::locale::Locale;
use halqe_domain::permissions::{Actor, StaffCap};
use halqe_domain::user::Role;
use halqe_search::assignment::Instance;
use halqe_testing::{START_MS, TestApp};

fn new_id() -> String {
    Id::<()>::new().to_string()
}

fn actor(user: &UserId, roles: &[Role]) -> Actor {
    Actor { user_id: user.clone(), roles: roles.to_vec(), agency_id: None }
}

/// A call with one stage needing `k` reviewers per proposal, one challenge in it; (call, stage, challenge).
async fn call_with_stage(app: &TestApp, staff: &UserId, k: i64) -> (CallId, String, String) {
    let (call, stage, challenge) = (new_id(), new_id(), new_id());
    let agency = app.agency("وزارت نیرو").await;
    app.sql_exec(&format!(
        "INSERT INTO calls (id, title, opens_at, closes_at, status, created_by, created_at) \
         VALUES ('{call}', 'فراخوان نوآوری آب', {START_MS}, {START_MS}, 'published', '{staff}', {START_MS})"
    ))
    .await;
    app.sql_exec(&format!(
        "INSERT INTO call_stages (id, call_id, position, name, blind, gate, gate_value, created_by, created_at, \
         reviewers_per_proposal, reviews_due_at) VALUES ('{stage}', '{call}', 1, 'داوری تخصصی', 'double', 'panel', 0, \
         '{staff}', {START_MS}, {k}, {due})",
        due = START_MS + 30 * 86_400_000
    ))
    .await;
    app.sql_exec(&format!(
        "INSERT INTO challenges (id, agency_id, created_by, status, title, problem, affected, outcome, success_measure, \
         maturity, deadline_at, eligibility, created_at, updated_at, call_id) VALUES ('{challenge}', '{agency}', \
         '{staff}', 'published', 'کاهش هدررفت آب شهری', 'نشت', 'شهروندان', 'کاهش', 'درصد', 'idea', {START_MS}, 'both', \
         {START_MS}, {START_MS}, '{call}')"
    ))
    .await;
    (CallId::from_db(call), stage, challenge)
}

async fn organization(app: &TestApp, name: &str) -> String {
    let id = new_id();
    app.sql_exec(&format!(
        "INSERT INTO organizations (id, name_fa, kind, created_at, updated_at) VALUES ('{id}', '{name}', 'company', \
         {START_MS}, {START_MS})"
    ))
    .await;
    id
}

/// A user with a registry profile: (user, person).
async fn someone(
    app: &TestApp,
    email: &str,
    first: &str,
    last: &str,
    skills: &str,
    roles: &[Role],
) -> (UserId, String) {
    let user = app.user(email, roles).await;
    app.sql_exec(&format!("UPDATE users SET display_name = '{first} {last}' WHERE id = '{user}'")).await;
    let person = app
        .insert_person(halqe_db::people::PersonRow {
            user_id: Some(user.to_string()),
            first_name: first.into(),
            last_name: last.into(),
            skills: skills.into(),
            availability: "available".into(),
            visibility: "agencies".into(),
            source: "test".into(),
            ..halqe_db::people::PersonRow::default()
        })
        .await;
    (user, person)
}

async fn publication(app: &TestApp, person: &str, title: &str, doi: &str) {
    app.sql_exec(&format!(
        "INSERT INTO publications (id, person_id, title, doi, created_at) VALUES ('{}', '{person}', '{title}', '{doi}', \
         {START_MS})",
        new_id()
    ))
    .await;
}

/// A submitted proposal in review in `stage`, by `author` (person) or for `organization`, with `team`
/// (accepted members: (person, user, name)).
#[expect(clippy::too_many_arguments, reason = "a fixture")]
async fn proposal(
    app: &TestApp,
    challenge: &str,
    call: &CallId,
    stage: &str,
    author: &UserId,
    organization: Option<&str>,
    team: &[(&str, &UserId, &str)],
    text: &str,
) -> String {
    let id = new_id();
    let (kind, applicant) = match organization {
        Some(o) => ("organization", o.to_owned()),
        None => ("person", new_id()),
    };
    app.sql_exec(&format!(
        "INSERT INTO proposals (id, challenge_id, applicant_kind, applicant_id, applicant_name, created_by, status, title, \
         summary, versions, created_at, updated_at, submitted_at) VALUES ('{id}', '{challenge}', '{kind}', '{applicant}', \
         'متقاضی', '{author}', 'submitted', '{title}', '{text}', 1, {START_MS}, {START_MS}, {START_MS})",
        title = text.split_whitespace().take(4).collect::<Vec<_>>().join(" ")
    ))
    .await;
    let content = serde_json::json!({
        "applicant_name": "متقاضی", "title": text, "summary": text, "approach": "", "budget": null, "timeline": "",
        "expected_results": "", "conflicts_note": "", "team": [], "files": [],
    });
    app.sql_exec(&format!(
        "INSERT INTO proposal_versions (id, proposal_id, version, tracking_code, content, submitted_by, submitted_at) \
         VALUES ('{}', '{id}', 1, '{}', '{}', '{author}', {START_MS})",
        new_id(),
        &new_id()[24..],
        content.to_string().replace('\'', "''")
    ))
    .await;
    for (person, user, name) in team {
        app.sql_exec(&format!(
            "INSERT INTO proposal_members (proposal_id, person_id, user_id, name, state, invited_by, invited_at) \
             VALUES ('{id}', '{person}', '{user}', '{name}', 'accepted', '{author}', {START_MS})"
        ))
        .await;
    }
    let mut conn = app.app.db.conn().await.unwrap();
    let row = EvaluationRow {
        proposal_id: id.clone(),
        call_id: call.to_string(),
        stage_id: stage.to_owned(),
        version: 1,
        state: "in_review".into(),
        revision: 0,
        updated_at: START_MS,
    };
    assert!(evaluations::enter(&mut conn, &row).await.unwrap());
    id
}

/// The texts of `water_world`'s proposals (each also its title).
const WATER_TEXTS: [&str; 3] = [
    "تشخیص نشت لوله با حسگر صوتی در شبکه",
    "پایش کیفیت آب آشامیدنی و کلر باقیمانده",
    "کنتور هوشمند برای قرائت از راه دور مصرف",
];

/// The text of the proposal `p` of `water_world` (its title as a double-blind reviewer sees it).
fn texts_of(p: &str, proposals: &[String]) -> &'static str {
    WATER_TEXTS[proposals.iter().position(|x| x == p).expect("a proposal of the world")]
}

/// Claims and runs the job of `run` here (the test app's runner is stopped); returns the run's state.
async fn run_job(app: &TestApp, run: &str) -> RunState {
    let job = app.sql_text(&format!("SELECT job_id FROM assignment_runs WHERE id = '{run}'")).await;
    let claimed = halqe_app::jobs::runner::claim(&app.app, "test-here", Some(&job)).await.unwrap();
    if let Some(claimed) = claimed {
        halqe_app::jobs::runner::run_claimed(&app.app, "test-here", claimed).await.unwrap();
    }
    state(app, run).await
}

async fn state(app: &TestApp, run: &str) -> RunState {
    RunState::parse(&app.sql_text(&format!("SELECT state FROM assignment_runs WHERE id = '{run}'")).await)
}

async fn staff_cap(app: &TestApp) -> (UserId, StaffCap) {
    let staff = app.user("staff@assign.test", &[Role::Staff]).await;
    let cap = actor(&staff, &[Role::Staff]).staff().unwrap();
    (staff, cap)
}

fn form_code(e: Error) -> String {
    match e {
        Error::Form(f) => format!("{f:?}"),
        other => format!("not a form error: {other:?}"),
    }
}

/// The best total affinity by trying every assignment (tiny instances only): an oracle independent of
/// the flow solver.
fn brute_force(inst: &Instance) -> Option<u64> {
    let (np, nr) = (inst.proposals(), inst.reviewers());
    let allowed = |p: usize, r: usize| !inst.forbidden.contains(&(p, r));
    let mut best = None;
    let pairs = np * nr;
    for mask in 0u64..(1u64 << pairs) {
        let chosen: Vec<(usize, usize)> =
            (0..pairs).filter(|i| mask & (1 << i) != 0).map(|i| (i / nr, i % nr)).collect();
        if chosen.iter().any(|&(p, r)| !allowed(p, r)) || inst.pinned.iter().any(|x| !chosen.contains(x)) {
            continue;
        }
        let per_p = (0..np).all(|p| chosen.iter().filter(|x| x.0 == p).count() == inst.need[p] as usize);
        let per_r = (0..nr).all(|r| chosen.iter().filter(|x| x.1 == r).count() <= inst.capacity[r] as usize);
        if per_p && per_r {
            let total: u64 = chosen.iter().map(|&(p, r)| u64::from(inst.affinity(p, r))).sum();
            best = best.max(Some(total));
        }
    }
    best
}

#[tokio::test]
async fn every_kind_of_conflict_is_computed_shown_with_its_reason_and_enforced() {
    let app = TestApp::spawn().await;
    app.stop_jobs();
    let (staff, cap) = staff_cap(&app).await;
    let admin = app.user("admin@assign.test", &[Role::Admin]).await;
    let (call, stage, challenge) = call_with_stage(&app, &staff, 1).await;
    let rev = [Role::Reviewer];
    let (r_org, _) = someone(&app, "org@r.test", "مریم", "کاظمی", "شبکه آب", &rev).await;
    let (r_past, _) = someone(&app, "past@r.test", "حسین", "نوری", "شبکه آب", &rev).await;
    let (r_old, _) = someone(&app, "old@r.test", "زهرا", "صالحی", "شبکه آب", &rev).await;
    let (r_team, p_team) = someone(&app, "team@r.test", "امیر", "رضایی", "شبکه آب", &rev).await;
    let (r_doi, p_doi) = someone(&app, "doi@r.test", "لیلا", "احمدی", "شبکه آب", &rev).await;
    let (r_title, p_title) = someone(&app, "title@r.test", "رضا", "کریمی", "شبکه آب", &rev).await;
    let (r_inst, p_inst) = someone(&app, "inst@r.test", "سارا", "محمدی", "شبکه آب", &rev).await;
    let (r_decl, _) = someone(&app, "decl@r.test", "علی", "حسینی", "شبکه آب", &rev).await;
    let (author, _) = someone(&app, "author@a.test", "نگار", "موسوی", "", &[Role::Innovator]).await;
    let (member, p_member) = someone(&app, "member@a.test", "بهرام", "یزدانی", "", &[Role::Innovator]).await;
    app.sql_exec(&format!(
        "UPDATE people SET institution = 'پژوهشگاه نیرو - تهران' WHERE id IN ('{p_inst}', '{p_member}')"
    ))
    .await;
    publication(&app, &p_doi, "Leak detection in water networks", "10.1000/LEAK.1").await;
    publication(&app, &p_member, "Another title", "https://doi.org/10.1000/leak.1").await;
    publication(&app, &p_title, "بهینه‌سازی شبکه‌های توزیع آب در ۱۴۰۲", "").await;
    publication(&app, &p_member, "بهينه سازي شبكه هاي توزیع آب، در 1402", "").await;

    let company = organization(&app, "شرکت آب‌پویان").await;
    let lab = organization(&app, "آزمایشگاه هیدرولیک").await;
    let mut conn = app.app.db.conn().await.unwrap();
    let member_role = halqe_domain::registry::MemberRole::Member;
    let (company_id, lab_id) = (OrganizationId::from_db(company.clone()), OrganizationId::from_db(lab.clone()));
    halqe_db::organizations::add_member(&mut conn, &company_id, &r_org, member_role, START_MS).await.unwrap();
    halqe_db::organizations::add_member(&mut conn, &lab_id, &member, member_role, START_MS).await.unwrap();
    halqe_db::organizations::add_member(&mut conn, &lab_id, &r_past, member_role, START_MS).await.unwrap();
    drop(conn);
    // The past member leaves through the use case (it keeps the period), a year before the solve.
    app.clock.advance(YEAR_MS);
    let admin_actor = actor(&admin, &[Role::Admin]);
    halqe_app::organizations::remove_member::remove_member(&app.app, &admin_actor, &lab_id, &r_past).await.unwrap();
    assert_eq!(app.sql_count(&format!("SELECT COUNT(*) FROM memberships WHERE user_id = '{r_past}'")).await, 0);
    assert_eq!(
        app.sql_count(&format!(
            "SELECT COUNT(*) FROM membership_history WHERE user_id = '{r_past}' AND left_at = {}",
            START_MS + YEAR_MS
        ))
        .await,
        1
    );
    // The old member left four years before: beyond the three configured.
    app.sql_exec(&format!(
        "INSERT INTO membership_history (organization_id, user_id, role, joined_at, left_at) VALUES ('{lab}', '{r_old}', \
         'member', {}, {})",
        START_MS - 10 * YEAR_MS,
        START_MS - 2 * YEAR_MS
    ))
    .await;
    app.clock.advance(YEAR_MS);

    let text = "تشخیص نشت در شبکه آب شهری با حسگرها";
    let p_company = proposal(&app, &challenge, &call, &stage, &author, Some(&company), &[], text).await;
    let p_team_of = proposal(
        &app,
        &challenge,
        &call,
        &stage,
        &author,
        None,
        &[(&p_member, &member, "بهرام یزدانی"), (&p_team, &r_team, "امیر رضایی")],
        text,
    )
    .await;
    let p_declared = proposal(&app, &challenge, &call, &stage, &author, None, &[], text).await;

    for who in [&r_org, &r_past, &r_old, &r_team, &r_doi, &r_title, &r_inst, &r_decl] {
        let email = app.sql_text(&format!("SELECT email FROM users WHERE id = '{who}'")).await;
        pool::add(&app.app, &cap, &call, &email, "5").await.unwrap();
    }
    let r_actor = actor(&r_decl, &rev);
    pool::declare(&app.app, &r_actor, "proposal", &p_declared, "همکار نزدیک متقاضی هستم").await.unwrap();
    let declared = pool::declared(&app.app, &r_actor).await.unwrap();
    assert_eq!(declared.len(), 1);
    assert_eq!(declared[0].about_name, None, "not assigned to it, the reviewer is not shown its title: {declared:?}");

    let page = assignment::page(&app.app, &cap, &call, &stage, None, Locale::Fa).await.unwrap();
    let of = |p: &str| page.proposals.iter().find(|x| x.id == p).unwrap().conflicts.clone();
    let names = |p: &str| of(p).iter().map(|c| c.0.clone()).collect::<Vec<_>>();
    let reason =
        |p: &str, name: &str| of(p).iter().find(|c| c.0.contains(name)).map(|c| c.1.join(" ")).unwrap_or_default();
    assert_eq!(names(&p_company), ["مریم کاظمی"], "only the current member of the proposing company");
    assert!(reason(&p_company, "مریم").contains("شرکت آب‌پویان"), "{:?}", of(&p_company));
    let team = names(&p_team_of);
    // Same organization within the window via the team member, team membership, DOI, normalized title, institution.
    assert_eq!(team.len(), 5, "{:?}", of(&p_team_of));
    assert!(!team.iter().any(|n| n.contains("صالحی")), "a membership beyond the window is no conflict: {team:?}");
    let named =
        async |user: &UserId| app.sql_text(&format!("SELECT display_name FROM users WHERE id = '{user}'")).await;
    let past_reason = reason(&p_team_of, &named(&r_past).await);
    assert!(past_reason.contains("آزمایشگاه هیدرولیک") && past_reason.contains("بهرام یزدانی"), "{past_reason}");
    assert!(!reason(&p_team_of, &named(&r_team).await).is_empty());
    assert!(reason(&p_team_of, &named(&r_doi).await).contains("Leak detection"));
    assert!(reason(&p_team_of, &named(&r_title).await).contains("بهینه‌سازی"));
    assert!(reason(&p_team_of, &named(&r_inst).await).contains("پژوهشگاه نیرو"));
    assert!(reason(&p_declared, &named(&r_decl).await).contains("همکار نزدیک متقاضی هستم"));
    let en = assignment::page(&app.app, &cap, &call, &stage, None, Locale::En).await.unwrap();
    assert!(
        en.proposals.iter().flat_map(|p| &p.conflicts).any(|c| c.1.join(" ").contains("Declared by the reviewer")),
        "{en:?}"
    );

    // A conflicted pair cannot be pinned.
    for (p, r) in [(&p_company, &r_org), (&p_team_of, &r_past), (&p_team_of, &r_doi), (&p_declared, &r_decl)] {
        let pair = PairRef { stage: &stage, proposal: p, reviewer: r.as_str() };
        let refused = assignment::set_rule(&app.app, &cap, &call, pair, "pin", "").await.unwrap_err();
        assert!(form_code(refused).contains("pair_conflicted"));
    }
    // And no solve ever assigns one.
    let run = assignment::start(&app.app, &cap, &call, &stage, "total").await.unwrap();
    assert_eq!(run_job(&app, &run).await, RunState::Proposed);
    let conflicted = [
        (&p_company, &r_org),
        (&p_team_of, &r_past),
        (&p_team_of, &r_team),
        (&p_team_of, &r_doi),
        (&p_team_of, &r_title),
        (&p_team_of, &r_inst),
        (&p_declared, &r_decl),
    ];
    for (p, r) in conflicted {
        let n = app
            .sql_count(&format!(
                "SELECT COUNT(*) FROM assignment_run_pairs WHERE run_id = '{run}' AND proposal_id = '{p}' AND user_id = '{r}'"
            ))
            .await;
        assert_eq!(n, 0, "a conflicted pair was proposed");
    }
    assert_eq!(app.sql_count(&format!("SELECT COUNT(*) FROM assignment_run_pairs WHERE run_id = '{run}'")).await, 3);

    // Withdrawing the declaration lifts that conflict.
    let declared_id = declared[0].id.clone();
    assert!(matches!(pool::withdraw(&app.app, &actor(&r_org, &rev), &declared_id).await, Err(Error::NotFound)));
    pool::withdraw(&app.app, &r_actor, &declared_id).await.unwrap();
    let page = assignment::page(&app.app, &cap, &call, &stage, None, Locale::Fa).await.unwrap();
    assert!(page.proposals.iter().find(|x| x.id == p_declared).unwrap().conflicts.is_empty());
    let audited = app
        .sql_count("SELECT COUNT(*) FROM audit_log WHERE action IN ('reviewer.conflict_declare', 'reviewer.conflict_withdraw', 'call.reviewer_add')")
        .await;
    assert_eq!(audited, 10);
}

/// Review M3: staff (or admins) and officers of the agency that owns the challenge read its proposals
/// whole, so they are conflicted with them, the reason shown to staff, and never assigned.
#[tokio::test]
async fn staff_and_officers_of_the_owning_agency_are_conflicted_with_its_proposals() {
    let app = TestApp::spawn().await;
    app.stop_jobs();
    let (staff, cap) = staff_cap(&app).await;
    let (call, stage, challenge) = call_with_stage(&app, &staff, 1).await;
    let agency = app.sql_text(&format!("SELECT agency_id FROM challenges WHERE id = '{challenge}'")).await;
    let other_agency = app.agency("وزارت کشور").await;
    let officer_roles = [Role::Reviewer, Role::Officer];
    let (officer, _) = someone(&app, "officer@r.test", "مینا", "رحیمی", "شبکه آب", &officer_roles).await;
    let (elsewhere, _) = someone(&app, "elsewhere@r.test", "کاوه", "نادری", "شبکه آب", &officer_roles).await;
    let (both, _) = someone(&app, "both@r.test", "پرویز", "قاسمی", "شبکه آب", &[Role::Reviewer, Role::Staff]).await;
    app.sql_exec(&format!("UPDATE users SET agency_id = '{agency}' WHERE id = '{officer}'")).await;
    app.sql_exec(&format!("UPDATE users SET agency_id = '{other_agency}' WHERE id = '{elsewhere}'")).await;
    let (author, _) = someone(&app, "author@a.test", "نگار", "موسوی", "", &[Role::Innovator]).await;
    let p = proposal(&app, &challenge, &call, &stage, &author, None, &[], "تشخیص نشت در شبکه آب شهری با حسگرها").await;
    for email in ["officer@r.test", "elsewhere@r.test", "both@r.test"] {
        pool::add(&app.app, &cap, &call, email, "5").await.unwrap();
    }
    let page = assignment::page(&app.app, &cap, &call, &stage, None, Locale::Fa).await.unwrap();
    let conflicts = page.proposals.iter().find(|x| x.id == p).unwrap().conflicts.clone();
    let reason = |name: &str| conflicts.iter().find(|c| c.0 == name).map(|c| c.1.join(" ")).unwrap_or_default();
    assert_eq!(conflicts.len(), 2, "{conflicts:?}");
    assert!(reason("مینا رحیمی").contains("وزارت نیرو"), "{conflicts:?}");
    assert!(reason("پرویز قاسمی").contains("مدیر سامانه"), "{conflicts:?}");
    let en = assignment::page(&app.app, &cap, &call, &stage, None, Locale::En).await.unwrap();
    let text: Vec<String> = en.proposals.iter().flat_map(|p| &p.conflicts).map(|c| c.1.join(" ")).collect();
    assert!(text.iter().any(|t| t.contains("An officer of") && t.contains("وزارت نیرو")), "{text:?}");
    assert!(text.iter().any(|t| t.contains("staff or admin role")), "{text:?}");
    for r in [&officer, &both] {
        let pair = PairRef { stage: &stage, proposal: &p, reviewer: r.as_str() };
        let refused = assignment::set_rule(&app.app, &cap, &call, pair, "pin", "").await.unwrap_err();
        assert!(form_code(refused).contains("pair_conflicted"));
    }
    let run = assignment::start(&app.app, &cap, &call, &stage, "total").await.unwrap();
    assert_eq!(run_job(&app, &run).await, RunState::Proposed);
    let paired = app.sql_text(&format!("SELECT user_id FROM assignment_run_pairs WHERE run_id = '{run}'")).await;
    assert_eq!(paired, elsewhere.to_string(), "only the officer of another agency is assigned");
}

/// A stage of three proposals and reviewers with clear expertise: (app, staff cap, call, stage, proposals, reviewers).
async fn water_world(k: i64, load: &str) -> (TestApp, StaffCap, CallId, String, Vec<String>, Vec<UserId>) {
    let app = TestApp::spawn().await;
    app.stop_jobs();
    let (staff, cap) = staff_cap(&app).await;
    let (call, stage, challenge) = call_with_stage(&app, &staff, k).await;
    let rev = [Role::Reviewer];
    let experts = [
        ("leak@r.test", "مریم", "کاظمی", "تشخیص نشت لوله حسگر صوتی"),
        ("quality@r.test", "حسین", "نوری", "کیفیت آب آشامیدنی کلر باقیمانده"),
        ("meter@r.test", "زهرا", "صالحی", "کنتور هوشمند قرائت از راه دور مصرف"),
    ];
    let mut reviewers = Vec::new();
    for (email, first, last, skills) in experts {
        let (user, _) = someone(&app, email, first, last, skills, &rev).await;
        pool::add(&app.app, &cap, &call, email, load).await.unwrap();
        reviewers.push(user);
    }
    let (author, _) = someone(&app, "author@a.test", "نگار", "موسوی", "", &[Role::Innovator]).await;
    let mut proposals = Vec::new();
    for text in WATER_TEXTS {
        proposals.push(proposal(&app, &challenge, &call, &stage, &author, None, &[], text).await);
    }
    (app, cap, call, stage, proposals, reviewers)
}

#[tokio::test]
async fn a_solve_is_proposed_reviewed_pinned_forbidden_re_solved_and_applied_optimally() {
    let (app, cap, call, stage, proposals, reviewers) = water_world(1, "2").await;
    let run = assignment::start(&app.app, &cap, &call, &stage, "total").await.unwrap();
    assert_eq!(state(&app, &run).await, RunState::Running);
    assert_eq!(run_job(&app, &run).await, RunState::Proposed);
    let job = app.sql_text(&format!("SELECT job_id FROM assignment_runs WHERE id = '{run}'")).await;
    assert_eq!(app.sql_text(&format!("SELECT state FROM jobs WHERE id = '{job}'")).await, "succeeded");
    assert!(
        app.sql_count(&format!("SELECT progress_done FROM jobs WHERE id = '{job}'")).await >= 3,
        "progress reported"
    );

    // The stored total is the optimum an exhaustive search finds on the same instance.
    let (ps, rs, inst) = assignment::instance(&app.app, &cap, &call, &stage).await.unwrap();
    let stored = app.sql_count(&format!("SELECT total_affinity FROM assignment_runs WHERE id = '{run}'")).await;
    assert_eq!(Some(stored as u64), brute_force(&inst));
    assert!(stored > 0, "the matcher scores the experts");
    // Each proposal goes to the expert whose profile matches its text, with the reasons kept.
    let page = assignment::page(&app.app, &cap, &call, &stage, None, Locale::Fa).await.unwrap();
    for (i, p) in proposals.iter().enumerate() {
        let view = page.proposals.iter().find(|x| &x.id == p).unwrap();
        assert_eq!(view.proposed.len(), 1);
        assert_eq!(view.proposed[0].user_id, reviewers[i].to_string(), "{view:?}");
        assert!(!view.proposed[0].explanation.is_empty(), "{view:?}");
        assert!(view.proposed[0].affinity > 0);
    }
    assert_eq!(ps.len(), 3);
    assert_eq!(rs.len(), 3);

    // Staff forbid the best pair of the first proposal and pin another reviewer to the second; re-solve.
    let forbid = (&proposals[0], &reviewers[0]);
    assignment::set_rule(
        &app.app,
        &cap,
        &call,
        PairRef { stage: &stage, proposal: forbid.0, reviewer: forbid.1.as_str() },
        "forbid",
        "درخواست مدیر",
    )
    .await
    .unwrap();
    assignment::set_rule(
        &app.app,
        &cap,
        &call,
        PairRef { stage: &stage, proposal: &proposals[1], reviewer: reviewers[2].as_str() },
        "pin",
        "",
    )
    .await
    .unwrap();
    let again = assignment::start(&app.app, &cap, &call, &stage, "total").await.unwrap();
    assert_eq!(run_job(&app, &again).await, RunState::Proposed);
    let pair = |run: &str, p: &str, r: &UserId| {
        format!(
            "SELECT COUNT(*) FROM assignment_run_pairs WHERE run_id = '{run}' AND proposal_id = '{p}' AND user_id = '{r}'"
        )
    };
    assert_eq!(app.sql_count(&pair(&again, forbid.0, forbid.1)).await, 0, "forbidden pair not used");
    assert_eq!(app.sql_count(&pair(&again, &proposals[1], &reviewers[2])).await, 1, "pinned pair kept");
    let (_, _, inst) = assignment::instance(&app.app, &cap, &call, &stage).await.unwrap();
    let stored = app.sql_count(&format!("SELECT total_affinity FROM assignment_runs WHERE id = '{again}'")).await;
    assert_eq!(Some(stored as u64), brute_force(&inst));

    // Applying creates the assignments at once, audited, mailed without the applicant; the older run is discarded.
    let created = assignment::apply(&app.app, &cap, &call, &again).await.unwrap();
    assert_eq!(created, 3);
    assert_eq!(state(&app, &again).await, RunState::Applied);
    assert_eq!(state(&app, &run).await, RunState::Discarded);
    // The stage's due date is read live, not copied (review L2): an assignment has its own only once extended.
    let active = app
        .sql_count(&format!(
            "SELECT COUNT(*) FROM assignments WHERE stage_id = '{stage}' AND state = 'active' AND due_at IS NULL"
        ))
        .await;
    assert_eq!(active, 3);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'assignment.create'").await, 3);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'assignment_run.apply'").await, 1);
    // Each reviewer is told of each assignment, in the app and by mail, in blind terms: the call, the stage,
    // the title as their review page shows it, the due date in their calendar, the link.
    let due = START_MS + 30 * 86_400_000;
    let mut told_of = 0;
    for (email, reviewer) in ["leak@r.test", "quality@r.test", "meter@r.test"].into_iter().zip(&reviewers) {
        let held: Vec<(String, String)> = {
            let mut conn = app.app.db.conn().await.unwrap();
            halqe_db::assignments::list_for_reviewer(&mut conn, reviewer.as_str())
                .await
                .unwrap()
                .into_iter()
                .map(|a| (a.id, a.proposal_id))
                .collect()
        };
        told_of += held.len();
        let mail = app.mail_to(email).await;
        assert_eq!(mail.len(), held.len(), "one mail per assignment to {email}");
        let told = app
            .sql_count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE user_id = '{reviewer}' AND kind = 'review_assigned' \
                 AND subject_kind = 'review'"
            ))
            .await;
        assert_eq!(told as usize, held.len(), "and one notification in the app");
        let date = halqe_domain::calendar::format_date(due, Locale::Fa);
        assert!(date.contains("۱۴۰"), "{date}");
        for (id, p) in &held {
            let text = texts_of(p, &proposals);
            let m =
                mail.iter().find(|m| m.body_text.contains(&format!("/reviews/{id}"))).expect("a mail per assignment");
            let all = format!("{}\n{}", m.subject, m.body_text);
            for part in [text, "داوری تخصصی", "فراخوان نوآوری آب", "مهلت داوری", date.as_str()]
            {
                assert!(all.contains(part), "{email} lacks {part}: {all}");
            }
            assert!(!all.contains("متقاضی") && !all.contains("موسوی") && !all.contains("نگار"), "no applicant: {all}");
        }
    }
    assert_eq!(told_of, 3);
    // The reviewer's notification links to the review and names the title only.
    let meter = app.client();
    app.login(&meter, "meter@r.test", halqe_testing::PASSWORD).await;
    let inbox = meter.get(app.url("/api/v1/notifications")).send().await.unwrap().text().await.unwrap();
    assert!(inbox.contains("\"href\":\"/reviews/") && inbox.contains("review_assigned"), "{inbox}");
    assert!(!inbox.contains("متقاضی") && !inbox.contains("موسوی"), "{inbox}");
    // Applying twice is refused, and nothing doubles.
    let twice = assignment::apply(&app.app, &cap, &call, &again).await.unwrap_err();
    assert!(form_code(twice).contains("run_not_proposed"));
    assert!(form_code(assignment::apply(&app.app, &cap, &call, &run).await.unwrap_err()).contains("run_not_proposed"));
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM assignments").await, 3);
}

#[tokio::test]
async fn an_infeasible_stage_is_reported_with_its_proposals_and_why_and_nothing_is_assigned() {
    // Three proposals need two reviewers each, three reviewers take one each: 6 reviews needed, 3 possible.
    let (app, cap, call, stage, proposals, _) = water_world(2, "1").await;
    let run = assignment::start(&app.app, &cap, &call, &stage, "fair").await.unwrap();
    assert_eq!(run_job(&app, &run).await, RunState::Infeasible);
    let page = assignment::page(&app.app, &cap, &call, &stage, Some(&run), Locale::Fa).await.unwrap();
    let short: Vec<&str> = page.proposals.iter().map(|p| p.short.as_str()).filter(|s| !s.is_empty()).collect();
    assert!(!short.is_empty(), "{page:?}");
    assert!(short.iter().all(|s| s.contains("ظرفیت") || s.contains("داور مجاز")), "{short:?}");
    let report = app.sql_text(&format!("SELECT report FROM assignment_runs WHERE id = '{run}'")).await;
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["need"], 6);
    assert_eq!(report["capacity"], 3);
    assert!(
        report["short"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| proposals.contains(&s["proposal"].as_str().unwrap().to_owned()))
    );
    assert!(form_code(assignment::apply(&app.app, &cap, &call, &run).await.unwrap_err()).contains("run_not_proposed"));
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM assignments").await, 0, "never half-assigned");
    assert_eq!(app.sql_count(&format!("SELECT COUNT(*) FROM assignment_run_pairs WHERE run_id = '{run}'")).await, 0);
}

#[tokio::test]
async fn a_solve_can_be_cancelled_queued_or_running() {
    let (app, cap, call, stage, _, _) = water_world(1, "2").await;
    // Queued: cancelled at once.
    let queued = assignment::start(&app.app, &cap, &call, &stage, "total").await.unwrap();
    assert!(assignment::cancel(&app.app, &cap, &call, &queued).await.unwrap());
    assert_eq!(state(&app, &queued).await, RunState::Cancelled);
    assert!(!assignment::cancel(&app.app, &cap, &call, &queued).await.unwrap(), "already ended");
    // Running: the job stops at its next progress report.
    let running = assignment::start(&app.app, &cap, &call, &stage, "total").await.unwrap();
    let job = app.sql_text(&format!("SELECT job_id FROM assignment_runs WHERE id = '{running}'")).await;
    let claimed = halqe_app::jobs::runner::claim(&app.app, "test-here", Some(&job)).await.unwrap().unwrap();
    assert!(assignment::cancel(&app.app, &cap, &call, &running).await.unwrap());
    halqe_app::jobs::runner::run_claimed(&app.app, "test-here", claimed).await.unwrap();
    assert_eq!(state(&app, &running).await, RunState::Cancelled);
    assert_eq!(app.sql_text(&format!("SELECT state FROM jobs WHERE id = '{job}'")).await, "cancelled");
    assert_eq!(
        app.sql_count(&format!("SELECT COUNT(*) FROM assignment_run_pairs WHERE run_id = '{running}'")).await,
        0
    );
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'assignment_run.cancel'").await, 2);
}

#[tokio::test]
async fn a_reviewer_removed_mid_stage_loses_their_assignments_to_a_re_solve_and_nothing_is_lost() {
    let (app, cap, call, stage, proposals, reviewers) = water_world(1, "2").await;
    let run = assignment::start(&app.app, &cap, &call, &stage, "total").await.unwrap();
    assert_eq!(run_job(&app, &run).await, RunState::Proposed);
    assignment::apply(&app.app, &cap, &call, &run).await.unwrap();
    // The leaving reviewer had started a review: the draft stays.
    let theirs = app
        .sql_text(&format!("SELECT id FROM assignments WHERE user_id = '{}' AND state = 'active'", reviewers[0]))
        .await;
    app.sql_exec(&format!(
        "INSERT INTO reviews (id, assignment_id, state, comment, created_at, updated_at) VALUES ('{}', '{theirs}', \
         'draft', 'نیمه‌کاره', {START_MS}, {START_MS})",
        new_id()
    ))
    .await;

    pool::remove(&app.app, &cap, &call, &reviewers[0], "بیماری").await.unwrap();
    let removed =
        app.sql_text(&format!("SELECT state || ':' || removed_reason FROM assignments WHERE id = '{theirs}'")).await;
    assert_eq!(removed, "removed:بیماری");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM reviews WHERE state = 'draft'").await, 1, "the draft is kept");
    assert_eq!(
        app.sql_count(&format!(
            "SELECT COUNT(*) FROM call_reviewers WHERE user_id = '{}' AND removed_at IS NOT NULL",
            reviewers[0]
        ))
        .await,
        1,
        "kept for the record"
    );
    // A re-solve was queued for the gap, every other assignment pinned.
    let resolve =
        app.sql_text(&format!("SELECT id FROM assignment_runs WHERE stage_id = '{stage}' AND state = 'running'")).await;
    assert_eq!(run_job(&app, &resolve).await, RunState::Proposed);
    let pinned = app
        .sql_count(&format!("SELECT COUNT(*) FROM assignment_run_pairs WHERE run_id = '{resolve}' AND pinned = 1"))
        .await;
    assert_eq!(pinned, 2, "the two assignments in force are kept");
    let fills = app
        .sql_count(&format!(
            "SELECT COUNT(*) FROM assignment_run_pairs WHERE run_id = '{resolve}' AND pinned = 0 AND proposal_id = '{}'",
            proposals[0]
        ))
        .await;
    assert_eq!(fills, 1, "only the uncovered proposal gets a new reviewer");
    assert_eq!(assignment::apply(&app.app, &cap, &call, &resolve).await.unwrap(), 1);
    let active = async |p: &str| {
        app.sql_count(&format!("SELECT COUNT(*) FROM assignments WHERE proposal_id = '{p}' AND state = 'active'")).await
    };
    for p in &proposals {
        assert_eq!(active(p).await, 1);
    }
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM assignments").await, 4, "the removed row stays");
    // Marking a reviewer unavailable does the same.
    let before = app
        .sql_count(&format!("SELECT COUNT(*) FROM assignments WHERE user_id = '{}' AND state = 'active'", reviewers[1]))
        .await;
    assert!(before >= 1);
    pool::update(&app.app, &cap, &call, &reviewers[1], "2", false).await.unwrap();
    assert_eq!(
        app.sql_count(&format!(
            "SELECT COUNT(*) FROM assignments WHERE user_id = '{}' AND state = 'active'",
            reviewers[1]
        ))
        .await,
        0
    );
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM assignment_runs WHERE state = 'running'").await, 1);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'assignment.remove'").await, 1 + before);
}

/// Review L6: disabling a reviewer's account, or taking their reviewer role, ends their assignments at
/// once (audited, their submitted reviews no longer count), and no later solve gives them work.
#[tokio::test]
async fn a_disabled_reviewer_or_one_without_the_role_loses_their_assignments_and_gets_no_new_work() {
    let (app, cap, call, stage, _, reviewers) = water_world(1, "3").await;
    let run = assignment::start(&app.app, &cap, &call, &stage, "total").await.unwrap();
    assert_eq!(run_job(&app, &run).await, RunState::Proposed);
    assignment::apply(&app.app, &cap, &call, &run).await.unwrap();
    let admin = app.user("admin@assign.test", &[Role::Admin]).await;
    let admin = actor(&admin, &[Role::Admin]).admin().unwrap();
    let active = async |r: &UserId| {
        app.sql_count(&format!("SELECT COUNT(*) FROM assignments WHERE user_id = '{r}' AND state = 'active'")).await
    };
    assert!(active(&reviewers[0]).await >= 1 && active(&reviewers[1]).await >= 1);
    halqe_app::accounts::revoke::set_disabled(&app.app, &admin, &reviewers[0], true).await.unwrap();
    halqe_app::accounts::revoke::remove_role(&app.app, &admin, &reviewers[1], Role::Reviewer).await.unwrap();
    assert_eq!(active(&reviewers[0]).await, 0);
    assert_eq!(active(&reviewers[1]).await, 0);
    let reasons = app
        .sql_count(
            "SELECT COUNT(*) FROM assignments WHERE removed_reason IN ('account_disabled', 'reviewer_role_removed')",
        )
        .await;
    assert_eq!(reasons, 2);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'assignment.remove'").await, 2);
    // A re-solve gives every proposal to the one reviewer left.
    let run = assignment::start(&app.app, &cap, &call, &stage, "total").await.unwrap();
    assert_eq!(run_job(&app, &run).await, RunState::Proposed);
    let others = app
        .sql_count(&format!(
            "SELECT COUNT(*) FROM assignment_run_pairs WHERE run_id = '{run}' AND user_id <> '{}'",
            reviewers[2]
        ))
        .await;
    assert_eq!(others, 0, "no work for a disabled account or one without the role");
    assert_eq!(app.sql_count(&format!("SELECT COUNT(*) FROM assignment_run_pairs WHERE run_id = '{run}'")).await, 3);
}

/// A page's status and HTML, without Fluent's bidi isolation marks.
async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let r = client.get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], ""))
}

#[tokio::test]
async fn staff_and_reviewers_use_the_pages_and_bad_input_is_refused_in_words() {
    let (app, _, call, stage, proposals, reviewers) = water_world(1, "2").await;
    let staff = app.signed_in("pages-staff@assign.test", &[Role::Staff]).await;
    let pool_path = format!("/calls/{call}/reviewers");
    let (status, html) = page(&app, &staff, &pool_path).await;
    assert_eq!(status, 200);
    for name in ["مریم کاظمی", "حسین نوری", "زهرا صالحی"] {
        assert!(html.contains(name), "{name}: {html}");
    }
    // Adding: unknown account, a non-reviewer, a load out of bounds are refused in words.
    app.user("inno@assign.test", &[Role::Innovator]).await;
    for (email, load, text) in [
        ("nobody@assign.test", "3", "حسابی با این ایمیل نیست."),
        ("inno@assign.test", "3", "این حساب نقش داور ندارد."),
        ("leak@r.test", "201", "عدد معتبری برای این خانه نیست."),
    ] {
        let r = app.post_form(&staff, &pool_path, &[("email", email), ("max_load", load)]).await;
        assert_eq!(r.status().as_u16(), 422, "{email} {load}");
        assert!(r.text().await.unwrap().contains(text), "{email} {load}");
    }
    let (new_reviewer, _) = someone(&app, "new@r.test", "پریسا", "جعفری", "آب", &[Role::Reviewer]).await;
    let r = app.post_form(&staff, &pool_path, &[("email", "new@r.test"), ("max_load", "۴")]).await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, html) = page(&app, &staff, &pool_path).await;
    assert!(html.contains("پریسا جعفری"), "{html}");
    let long = "ب".repeat(501);
    let remove = format!("/calls/{call}/reviewers/{new_reviewer}/remove");
    let r = app.post_form(&staff, &remove, &[("reason", long.as_str())]).await;
    assert_eq!(r.status().as_u16(), 422, "a reason over 500 characters");
    assert_eq!(app.post_form(&staff, &remove, &[("reason", &"ب".repeat(500))]).await.status().as_u16(), 303);

    // A reviewer declares a conflict on their page, then it shows beside the proposal for staff.
    let reviewer = app.client();
    app.login(&reviewer, "quality@r.test", halqe_testing::PASSWORD).await;
    let (status, _) = page(&app, &reviewer, "/reviewing/conflicts").await;
    assert_eq!(status, 200);
    let bad = app
        .post_form(
            &reviewer,
            "/reviewing/conflicts",
            &[("about", "proposal"), ("about_id", &proposals[1]), ("note", &long)],
        )
        .await;
    assert_eq!(bad.status().as_u16(), 422);
    let fields = [("about", "proposal"), ("about_id", proposals[1].as_str()), ("note", "داور پیشین همین طرح بوده‌ام")];
    assert_eq!(app.post_form(&reviewer, "/reviewing/conflicts", &fields).await.status().as_u16(), 303);
    let (_, mine) = page(&app, &reviewer, "/reviewing/conflicts").await;
    // Not assigned to it, the reviewer is not shown the proposal's title (review H1).
    assert!(mine.contains("داور پیشین همین طرح بوده‌ام") && !mine.contains("پایش کیفیت"), "{mine}");
    assert!(mine.contains("data-test=\"unnamed\""), "{mine}");
    let assignment_path = format!("/calls/{call}/stages/{stage}/assignment");
    assert_eq!(page(&app, &reviewer, &assignment_path).await.0, 403, "staff only");
    let (status, html) = page(&app, &staff, &assignment_path).await;
    assert_eq!(status, 200);
    let row = html.split(&format!("id=\"proposal-{}\"", proposals[1])).nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(row.contains("حسین نوری") && row.contains("داور پیشین همین طرح بوده‌ام"), "{row}");

    // Pinning the conflicted pair is refused on the page; a solve starts and shows as running.
    let pin = [("proposal", proposals[1].as_str()), ("reviewer", reviewers[1].as_str()), ("rule", "pin"), ("note", "")];
    let r = app.post_form(&staff, &format!("{assignment_path}/rules"), &pin).await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(r.text().await.unwrap().contains("تعارض منافع دارد"));
    let r = app.post_form(&staff, &assignment_path, &[("mode", "fair")]).await;
    assert_eq!(r.status().as_u16(), 303);
    let shown = r.headers()["location"].to_str().unwrap().to_owned();
    let (_, html) = page(&app, &staff, &shown).await;
    assert!(html.contains("data-state=\"running\"") && html.contains("hx-get"), "{html}");
    let run = shown.split("run=").nth(1).unwrap().to_owned();
    assert_eq!(run_job(&app, &run).await, RunState::Proposed);
    let r = app.post_form(&staff, &format!("/calls/{call}/assignment-runs/{run}/apply"), &[]).await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, html) = page(&app, &staff, &shown).await;
    assert!(html.contains("اعمال شده"), "{html}");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM assignments WHERE state = 'active'").await, 3);
    let r = app.post_form(&staff, &format!("/calls/{call}/assignment-runs/{run}/apply"), &[]).await;
    assert_eq!(r.status().as_u16(), 422, "applied twice");
}

#[tokio::test]
async fn the_stages_page_leads_to_the_assignment_and_a_running_solve_polls_the_proposals_too() {
    let (app, _, call, stage, _, _) = water_world(1, "2").await;
    let staff = app.signed_in("links-staff@assign.test", &[Role::Staff]).await;
    // The call's stages page leads to its pool, and to each stage's assignment and decisions.
    let assignment_path = format!("/calls/{call}/stages/{stage}/assignment");
    let (_, stages) = page(&app, &staff, &format!("/calls/{call}/stages")).await;
    for link in
        [format!("/calls/{call}/reviewers"), assignment_path.clone(), format!("/calls/{call}/stages/{stage}/decisions")]
    {
        assert!(stages.contains(&format!("href=\"{link}\"")), "{link}: {stages}");
    }
    // While a solve runs, the page polls the run together with the proposals' table, so the pairs (or why a
    // proposal cannot be covered) appear when it ends without a reload.
    let r = app.post_form(&staff, &assignment_path, &[("mode", "total")]).await;
    let shown = r.headers()["location"].to_str().unwrap().to_owned();
    let (_, html) = page(&app, &staff, &shown).await;
    let polled = html.split("id=\"shown\"").nth(1).unwrap().split("id=\"rules\"").next().unwrap();
    assert!(polled.contains("hx-select=\"#shown\"") && polled.contains("id=\"run\""), "{html}");
    assert!(polled.contains("id=\"proposals\""), "{html}");
}

#[tokio::test]
async fn a_conflict_found_after_assignment_refuses_the_review_counts_it_nowhere_and_a_re_solve_replaces_it() {
    use halqe_app::evaluation::reviews::{self, ReviewForm, ScoreInput};
    use halqe_app::evaluation::{decisions, results};
    use halqe_domain::ids::AssignmentId;

    let (app, cap, call, stage, proposals, reviewers) = water_world(1, "2").await;
    let criterion = new_id();
    app.sql_exec(&format!(
        "INSERT INTO stage_criteria (id, stage_id, position, name, weight, scale_min, scale_max) \
         VALUES ('{criterion}', '{stage}', 1, 'نوآوری', 100, 0, 10)"
    ))
    .await;
    let run = assignment::start(&app.app, &cap, &call, &stage, "total").await.unwrap();
    assert_eq!(run_job(&app, &run).await, RunState::Proposed);
    assignment::apply(&app.app, &cap, &call, &run).await.unwrap();
    let leak = &reviewers[0];
    let theirs = app
        .sql_text(&format!(
            "SELECT id FROM assignments WHERE user_id = '{leak}' AND proposal_id = '{}' AND state = 'active'",
            proposals[0]
        ))
        .await;
    // The review is submitted while the reviewer is clear of the proposal.
    let reviewer = actor(leak, &[Role::Reviewer]);
    let form = ReviewForm {
        scores: vec![ScoreInput { criterion_id: criterion.clone(), score: "9".into(), comment: String::new() }],
        comment: String::new(),
        confidence: "4".into(),
    };
    let id = AssignmentId::from_db(theirs.clone());
    reviews::save(&app.app, &reviewer, &id, &form, true).await.unwrap();
    let scored = |g: &decisions::GatePage| g.rows.iter().find(|r| r.proposal_id == proposals[0]).unwrap().score;
    assert!(scored(&decisions::gate(&app.app, &cap, &call, &stage).await.unwrap()).is_some());

    // Then the reviewer joins an organization the applicant is a member of.
    let org = organization(&app, "شرکت آب‌آوران").await;
    let author = app.sql_text("SELECT id FROM users WHERE email = 'author@a.test'").await;
    app.clock.advance(60_000);
    for (user, at) in [(author.as_str(), START_MS - 1000), (leak.as_str(), app.app.now())] {
        app.sql_exec(&format!(
            "INSERT INTO memberships (organization_id, user_id, role, joined_at) VALUES ('{org}', '{user}', 'member', {at})"
        ))
        .await;
    }
    // Opening it is refused, on the page, in the API and on saving, each recorded.
    assert!(matches!(reviews::page(&app.app, &reviewer, &id).await, Err(Error::Forbidden)));
    let client = app.client();
    app.login(&client, "leak@r.test", halqe_testing::PASSWORD).await;
    for path in [format!("/reviews/{theirs}"), format!("/api/v1/reviews/{theirs}")] {
        assert_eq!(client.get(app.url(&path)).send().await.unwrap().status(), 403, "{path}");
    }
    assert!(matches!(reviews::save(&app.app, &reviewer, &id, &form, false).await, Err(Error::Forbidden)));
    let refused =
        "SELECT COUNT(*) FROM audit_log WHERE action = 'review.access_refused' AND details LIKE '%conflicted%'";
    assert_eq!(app.sql_count(refused).await, 1, "recorded once a day per reviewer and assignment");
    let list = client.get(app.url("/api/v1/reviews")).send().await.unwrap().text().await.unwrap();
    assert!(!list.contains(&theirs) && !list.contains(WATER_TEXTS[0]), "not listed, not even its title: {list}");

    // The review counts nowhere: not at the gate, not in the means, flagged for staff.
    assert_eq!(scored(&decisions::gate(&app.app, &cap, &call, &stage).await.unwrap()), None);
    let seen = results::stage(&app.app, &cap, &stage).await.unwrap();
    let row = seen.proposals.iter().find(|p| p.proposal_id == proposals[0]).unwrap();
    assert!(row.reviews[0].conflicted && row.reviews[0].weighted.is_none(), "{row:?}");
    assert_eq!((row.submitted, row.raw_mean), (0, None));
    let page = assignment::page(&app.app, &cap, &call, &stage, None, Locale::Fa).await.unwrap();
    let view = page.proposals.iter().find(|p| p.id == proposals[0]).unwrap();
    assert!(view.in_force.iter().any(|x| x.user_id == leak.as_str() && x.conflicted), "{view:?}");
    let staff = app.client();
    app.login(&staff, "staff@assign.test", halqe_testing::PASSWORD).await;
    for path in [format!("/evaluation/stages/{stage}"), format!("/calls/{call}/stages/{stage}/assignment")] {
        let html = staff.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("data-test=\"late-conflict\""), "{path}: {html}");
    }

    // Solving again replaces the pair; applying ends the conflicted assignment (audited), its review kept.
    let again = assignment::start(&app.app, &cap, &call, &stage, "total").await.unwrap();
    assert_eq!(run_job(&app, &again).await, RunState::Proposed);
    assert_eq!(assignment::apply(&app.app, &cap, &call, &again).await.unwrap(), 1);
    let ended =
        app.sql_text(&format!("SELECT state || ':' || removed_reason FROM assignments WHERE id = '{theirs}'")).await;
    assert_eq!(ended, "removed:conflict");
    let replaced = app
        .sql_count(&format!(
            "SELECT COUNT(*) FROM assignments WHERE proposal_id = '{}' AND state = 'active' AND user_id <> '{leak}'",
            proposals[0]
        ))
        .await;
    assert_eq!(replaced, 1);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'assignment.remove'").await, 1);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM reviews WHERE state = 'submitted'").await, 1, "nothing lost");
}

/// Moves the test clock forward to `at`.
fn advance_to(app: &TestApp, at: i64) {
    let now = app.app.now();
    assert!(at >= now, "the clock only goes forward");
    app.clock.advance(at - now);
}

#[tokio::test]
async fn reviewers_are_reminded_once_before_the_due_date_and_on_its_last_day_and_only_when_it_applies() {
    use halqe_app::evaluation::{reminders, results};
    use halqe_domain::ids::AssignmentId;

    const DAY: i64 = 86_400_000;
    let (app, cap, call, stage, _, reviewers) = water_world(1, "2").await;
    let run = assignment::start(&app.app, &cap, &call, &stage, "total").await.unwrap();
    assert_eq!(run_job(&app, &run).await, RunState::Proposed);
    assignment::apply(&app.app, &cap, &call, &run).await.unwrap();
    let due = START_MS + 30 * DAY;
    let held =
        |user: &UserId| format!("SELECT id FROM assignments WHERE user_id = '{user}' AND state = 'active' LIMIT 1");
    let (leak, quality, meter) = (&reviewers[0], &reviewers[1], &reviewers[2]);
    let a = app.sql_text(&held(leak)).await;
    // One review already submitted; one reviewer wants no mail of reminders.
    let b = app.sql_text(&held(quality)).await;
    app.sql_exec(&format!(
        "INSERT INTO reviews (id, assignment_id, state, comment, confidence, created_at, updated_at, submitted_at) \
         VALUES ('{}', '{b}', 'submitted', '', 3, {START_MS}, {START_MS}, {START_MS})",
        new_id()
    ))
    .await;
    let quiet = actor(meter, &[Role::Reviewer]);
    halqe_app::notifications::settings::update(&app.app, &quiet, &[("review_reminder".into(), "off".into())])
        .await
        .unwrap();
    let mails = |email: &'static str| {
        let app = &app;
        async move { app.mail_to(email).await.into_iter().filter(|m| m.subject.contains("یادآوری")).count() }
    };
    let reminded = |user: &UserId| {
        format!("SELECT COUNT(*) FROM notifications WHERE user_id = '{user}' AND kind = 'review_reminder'")
    };

    // Not before the window; in it, two nodes at once remind each reviewer once.
    advance_to(&app, due - 3 * DAY - 1);
    assert_eq!(reminders::send_due(&app.app).await.unwrap(), 0);
    advance_to(&app, due - 3 * DAY);
    let (x, y) = tokio::join!(reminders::send_due(&app.app), reminders::send_due(&app.app));
    assert_eq!(x.unwrap() + y.unwrap(), 2, "the leak and meter reviewers, not the one who submitted");
    assert_eq!(reminders::send_due(&app.app).await.unwrap(), 0, "once");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM review_reminders").await, 2);
    assert_eq!(mails("leak@r.test").await, 1);
    let body = app.mail_to("leak@r.test").await.into_iter().find(|m| m.subject.contains("یادآوری")).unwrap();
    let date = halqe_domain::calendar::format_date(due, Locale::Fa);
    assert!(body.body_text.contains(&date) && body.body_text.contains(&format!("/reviews/{a}")), "{}", body.body_text);
    assert_eq!((mails("meter@r.test").await, app.sql_count(&reminded(meter)).await), (0, 1), "in the app only");
    assert_eq!((mails("quality@r.test").await, app.sql_count(&reminded(quality)).await), (0, 0));

    // Staff extend one due date; the other reviewer is taken off the call.
    let day = halqe_domain::calendar::date_input(due + 5 * DAY, Locale::Fa);
    results::extend(&app.app, &cap, &AssignmentId::from_db(a.clone()), &day).await.unwrap();
    let extended = app.sql_count(&format!("SELECT due_at FROM assignments WHERE id = '{a}'")).await;
    assert!(extended > due + 5 * DAY);
    pool::remove(&app.app, &cap, &call, meter, "").await.unwrap();
    // On the old due date's last day nobody is reminded: one is due later, the other removed.
    advance_to(&app, due - DAY / 2);
    assert_eq!(reminders::send_due(&app.app).await.unwrap(), 0);
    // The new due date has reminders of its own, the last day's included.
    advance_to(&app, extended - 3 * DAY);
    assert_eq!(reminders::send_due(&app.app).await.unwrap(), 1);
    advance_to(&app, extended - DAY / 2);
    assert_eq!(reminders::send_due(&app.app).await.unwrap(), 1);
    let subjects: Vec<String> = app.mail_to("leak@r.test").await.into_iter().map(|m| m.subject).collect();
    assert_eq!(subjects.iter().filter(|s| s.contains("آخرین روز داوری")).count(), 1, "{subjects:?}");
    assert_eq!(app.sql_count(&reminded(leak)).await, 3);
    assert_eq!(app.sql_count(&reminded(meter)).await, 1, "not after removal");
    // Past the due date, nothing.
    advance_to(&app, extended + 1);
    assert_eq!(reminders::send_due(&app.app).await.unwrap(), 0);
}

#[tokio::test]
async fn every_mail_a_reviewer_of_a_double_blind_stage_gets_is_blind() {
    use halqe_app::evaluation::reminders;
    use halqe_app::mail::deliver_pending;
    use halqe_testing::smtp::SmtpSink;

    const DAY: i64 = 86_400_000;
    // Everything that identifies the applicant, unmistakable so a leak cannot hide.
    const ORGANIZATION: &str = "Quokkalabs Zarafeh Bonafsh";
    const CONTACT: &str = "Bartholomew Xylander";
    const MEMBER: &str = "Zebulon Quixote-Marlowe";
    const FILE: &str = "CV-Quixote-Marlowe-Zebulon.pdf";
    const TRACKING: &str = "7777123412349999";
    const LEAKS: [&str; 11] = [
        "Quokkalabs",
        "Zarafeh",
        "Bonafsh",
        "Bartholomew",
        "Xylander",
        "Zebulon",
        "Quixote",
        "Marlowe",
        "CV-",
        "7777123412349999",
        "۷۷۷۷۱۲۳۴۱۲۳۴۹۹۹۹",
    ];

    let app = TestApp::spawn().await;
    app.stop_jobs();
    let sink = SmtpSink::start();
    let mailing = app.app.clone().with_mailer(sink.mailer());
    let (staff, cap) = staff_cap(&app).await;
    let (call, stage, challenge) = call_with_stage(&app, &staff, 2).await;
    let mut reviewers = Vec::new();
    for (email, first, last) in [("blind-fa@r.test", "مریم", "کاظمی"), ("blind-en@r.test", "Sara", "Lane")] {
        someone(&app, email, first, last, "تشخیص نشت لوله حسگر صوتی", &[Role::Reviewer]).await;
        pool::add(&app.app, &cap, &call, email, "3").await.unwrap();
        reviewers.push(email);
    }
    app.sql_exec("UPDATE users SET locale = 'en' WHERE email = 'blind-en@r.test'").await;
    let (author, _) =
        someone(&app, "contact@quokkalabs.example", "Bartholomew", "Xylander", "", &[Role::Innovator]).await;
    let org = organization(&app, ORGANIZATION).await;
    let (member, member_person) =
        someone(&app, "zebulon@quokkalabs.example", "Zebulon", "Quixote-Marlowe", "", &[Role::Innovator]).await;
    let id = new_id();
    let title = format!("تشخیص نشت لوله با حسگر صوتی از {ORGANIZATION}");
    app.sql_exec(&format!(
        "INSERT INTO proposals (id, challenge_id, applicant_kind, applicant_id, applicant_name, created_by, status, title, \
         summary, versions, created_at, updated_at, submitted_at) VALUES ('{id}', '{challenge}', 'organization', '{org}', \
         '{ORGANIZATION}', '{author}', 'submitted', '{title}', 'خلاصه', 1, {START_MS}, {START_MS}, {START_MS})"
    ))
    .await;
    let content = serde_json::json!({
        "applicant_name": ORGANIZATION, "title": title,
        "summary": format!("تیم {MEMBER} و {CONTACT}؛ تماس contact@quokkalabs.example"),
        "approach": "حسگرهای صوتی روی لوله‌ها", "budget": 900, "timeline": "شش ماه", "expected_results": "کاهش نشت",
        "conflicts_note": format!("همکاری پیشین {ORGANIZATION}"),
        "team": [{ "person_id": member_person, "name": MEMBER, "state": "accepted" }],
        "files": [{ "id": new_id(), "file_name": FILE, "size_bytes": 2048 }],
    });
    app.sql_exec(&format!(
        "INSERT INTO proposal_versions (id, proposal_id, version, tracking_code, content, submitted_by, submitted_at) \
         VALUES ('{}', '{id}', 1, '{TRACKING}', '{}', '{author}', {START_MS})",
        new_id(),
        content.to_string().replace('\'', "''")
    ))
    .await;
    app.sql_exec(&format!(
        "INSERT INTO proposal_members (proposal_id, person_id, user_id, name, state, invited_by, invited_at) \
         VALUES ('{id}', '{member_person}', '{member}', '{MEMBER}', 'accepted', '{author}', {START_MS})"
    ))
    .await;
    let mut conn = app.app.db.conn().await.unwrap();
    let row = EvaluationRow {
        proposal_id: id.clone(),
        call_id: call.to_string(),
        stage_id: stage.clone(),
        version: 1,
        state: "in_review".into(),
        revision: 0,
        updated_at: START_MS,
    };
    assert!(evaluations::enter(&mut conn, &row).await.unwrap());
    drop(conn);

    // Assigned, then reminded before the due date and on its last day: three mails each, all delivered.
    let run = assignment::start(&app.app, &cap, &call, &stage, "total").await.unwrap();
    assert_eq!(run_job(&app, &run).await, RunState::Proposed);
    assert_eq!(assignment::apply(&app.app, &cap, &call, &run).await.unwrap(), 2);
    let due = START_MS + 30 * DAY;
    for at in [due - 3 * DAY, due - DAY / 2] {
        advance_to(&app, at);
        assert_eq!(reminders::send_due(&app.app).await.unwrap(), 2);
    }
    assert_eq!(deliver_pending(&mailing).await.unwrap(), 6);
    let got = sink.wait_for(6, std::time::Duration::from_secs(10)).await;
    for email in reviewers {
        let theirs: Vec<_> = got.iter().filter(|m| m.rcpt_tos.iter().any(|r| r == email)).collect();
        assert_eq!(theirs.len(), 3, "{email}: {theirs:?}");
        for m in theirs {
            let all = format!("{}\n{}", m.subject, m.body);
            for leak in LEAKS {
                assert!(!all.contains(leak), "{email} got {leak}: {all}");
            }
            // What blind mode allows is there: the title as the review page shows it, the stage, the link.
            assert!(all.contains("تشخیص نشت لوله با حسگر صوتی") && all.contains("داوری تخصصی"), "{all}");
            assert!(all.contains("/reviews/"), "{all}");
            // In the reviewer's language and calendar.
            let date = halqe_domain::calendar::format_date(
                due,
                if email == "blind-en@r.test" { Locale::En } else { Locale::Fa },
            );
            assert!(all.contains(&date), "{email} lacks {date}: {all}");
        }
    }
}
