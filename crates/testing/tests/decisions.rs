//! Decisions on proposals in evaluation (issue 11): opening the evaluation enters the submitted proposals
//! into the call's first stage; each stage's gate proposes from the reviews' weighted scores (threshold at
//! its boundary, top N with its ties, a panel proposing nothing); every decision has a reason, names the
//! revision it saw (of two concurrent ones, one wins and the other is told), is audited and told to the
//! applicant, who sees it and may appeal once within the period; someone else answers the appeal.
//! Auditors browse and export the record, read decisions, and write nothing.

use halqe_domain::user::Role;
use halqe_testing::evaluation::world;
use halqe_testing::{PASSWORD, TestApp};
use reqwest::Client;

const DAY_MS: i64 = 86_400_000;

/// A page's status and HTML, without Fluent's bidi isolation marks.
async fn page(app: &TestApp, client: &Client, path: &str) -> (u16, String) {
    let r = client.get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], ""))
}

/// Posts a form; the status and the redirect target (303) or the page.
async fn post(app: &TestApp, client: &Client, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
    let r = app.post_form(client, path, fields).await;
    let status = r.status().as_u16();
    let to = r.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    (status, if status == 303 { to } else { r.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], "") })
}

/// Posts JSON with the client's CSRF token.
async fn api(app: &TestApp, client: &Client, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
    let csrf = app.csrf(client).await;
    let r = client.post(app.url(path)).header("x-csrf-token", csrf).json(&body).send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(serde_json::Value::Null))
}

/// The evaluation's revision of a proposal.
async fn revision(app: &TestApp, proposal: &str) -> i64 {
    app.sql_count(&format!("SELECT revision FROM proposal_evaluations WHERE proposal_id = '{proposal}'")).await
}

async fn state(app: &TestApp, proposal: &str) -> String {
    app.sql_text(&format!("SELECT state FROM proposal_evaluations WHERE proposal_id = '{proposal}'")).await
}

/// A signed-in staff member with their own account.
async fn staff(app: &TestApp, email: &str) -> Client {
    app.signed_in(email, &[Role::Staff]).await
}

/// What the gate proposes for each proposal on the stage's page, in the page's order.
fn proposed(html: &str) -> Vec<(String, String)> {
    html.split("data-test=\"gate-row\" data-proposal=\"")
        .skip(1)
        .map(|s| {
            let id = s[..36].to_owned();
            let p = s.split("data-proposed=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
            (id, p)
        })
        .collect()
}

/// Decides proposal `p` through its page's form with the revision it has now.
async fn decide(app: &TestApp, who: &Client, p: &str, outcome: &str, reason: &str) -> (u16, String) {
    let revision = revision(app, p).await.to_string();
    let fields = [("outcome", outcome), ("reason", reason), ("revision", revision.as_str())];
    post(app, who, &format!("/proposals/{p}/decisions"), &fields).await
}

#[tokio::test]
async fn opening_the_evaluation_enters_the_submitted_proposals_and_needs_a_stage() {
    let app = TestApp::spawn().await;
    let w = world(&app, &[], 3).await;
    let staff = staff(&app, "staff@decisions.test").await;
    let path = format!("/challenges/{}/steps", w.challenge);
    let (status, html) = post(&app, &staff, &path, &[("step", "evaluate"), ("reason", "")]).await;
    assert_eq!(status, 422, "a call without a stage: {html}");
    assert!(html.contains("هنوز مرحلهٔ ارزیابی ندارد"), "{html}");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM proposal_evaluations").await, 0);

    let w = world(&app, &[("threshold", 60), ("panel", 0)], 3).await;
    assert_eq!(w.open(&app, &staff).await, 303);
    let first = &w.stages[0].0;
    let entered = app
        .sql_count(&format!(
            "SELECT COUNT(*) FROM proposal_evaluations WHERE stage_id = '{first}' AND state = 'in_review' \
             AND version = 1 AND revision = 0"
        ))
        .await;
    assert_eq!(entered, 3, "every submitted proposal, in review in the first stage");
    let withdrawn = format!("SELECT COUNT(*) FROM proposal_evaluations WHERE proposal_id = '{}'", w.withdrawn);
    assert_eq!(app.sql_count(&withdrawn).await, 0, "a withdrawn proposal does not enter");
    let audited = app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'evaluation.enter'").await;
    assert_eq!(audited, 3);
    let status = app.sql_text(&format!("SELECT status FROM challenges WHERE id = '{}'", w.challenge)).await;
    assert_eq!(status, "in_evaluation");
    // The applicant sees where their proposal stands.
    let a = &w.applicants[0];
    let (_, html) = page(&app, &a.client, &format!("/proposals/{}", a.proposal)).await;
    assert!(html.contains("data-state=\"in_review\"") && html.contains("مرحلهٔ 1"), "{html}");
}

#[tokio::test]
async fn a_threshold_gate_passes_at_its_boundary_and_bulk_decisions_advance_each() {
    let app = TestApp::spawn().await;
    let w = world(&app, &[("threshold", 60), ("panel", 0)], 4).await;
    let staff = staff(&app, "staff@decisions.test").await;
    assert_eq!(w.open(&app, &staff).await, 303);
    let p: Vec<&str> = w.applicants.iter().map(|a| a.proposal.as_str()).collect();
    // (4,3) = 30 + 30 = 60% exactly; (4,3) and (3,3) average 55%; (5,5) = 100%; p[3] unreviewed.
    w.review(&app, 0, p[0], (4, 3)).await;
    w.review(&app, 0, p[1], (4, 3)).await;
    w.review(&app, 0, p[1], (3, 3)).await;
    w.review(&app, 0, p[2], (5, 5)).await;
    let gate = format!("/calls/{}/stages/{}/decisions", w.call, w.stages[0].0);
    let (status, html) = page(&app, &staff, &gate).await;
    assert_eq!(status, 200, "{html}");
    let got: Vec<String> = proposed(&html).into_iter().map(|(_, p)| p).collect();
    assert_eq!(got, ["pass", "below", "pass", "unscored"], "{html}");
    assert!(html.contains("۶۰٫۰%") || html.contains("۶۰.۰%"), "the score as a share of the best: {html}");

    // Bulk: advance the two that pass, one reason recorded for each.
    let picks: Vec<String> = [p[0], p[2]].iter().map(|id| format!("{id}:0")).collect();
    let reason = "امتیاز وزنی دست‌کم ۶۰ درصد بیشینه؛ راه‌یافته به ارائهٔ حضوری";
    let mut fields = vec![("outcome", "advance"), ("reason", reason)];
    fields.extend(picks.iter().map(|v| ("p", v.as_str())));
    let (status, html) = post(&app, &staff, &gate, &fields).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("۲ تصمیم ثبت شد"), "{html}");
    let second = &w.stages[1].0;
    for id in [p[0], p[2]] {
        let at = app.sql_text(&format!("SELECT stage_id FROM proposal_evaluations WHERE proposal_id = '{id}'")).await;
        assert_eq!(&at, second, "advanced to the next stage");
        assert_eq!(state(&app, id).await, "in_review");
        let recorded = app
            .sql_count(&format!(
                "SELECT COUNT(*) FROM decisions d JOIN audit_log a ON a.seq = d.audit_seq \
                 WHERE d.proposal_id = '{id}' AND d.outcome = 'advance' AND d.to_stage_id = '{second}' \
                 AND a.action = 'evaluation.decide' AND a.subject_id = '{id}'"
            ))
            .await;
        assert_eq!(recorded, 1, "the decision points at its audit entry");
    }
    // A stale pick (revision 0 again) is refused alone, with why.
    let stale = format!("{}:0", p[0]);
    let fields = [("outcome", "advance"), ("reason", reason), ("p", stale.as_str())];
    let (_, html) = post(&app, &staff, &gate, &fields).await;
    assert!(html.contains("data-test=\"bulk-refused\""), "{html}");
    // No reason: refused before anything is decided.
    let one = format!("{}:0", p[1]);
    let (status, html) = post(&app, &staff, &gate, &[("outcome", "reject"), ("reason", "  "), ("p", &one)]).await;
    assert_eq!(status, 422, "{html}");
    assert_eq!(state(&app, p[1]).await, "in_review");
    // At the last stage (a panel): no proposal, the panel decides; award is open, advance is not.
    let (_, html) = page(&app, &staff, &format!("/calls/{}/stages/{second}/decisions", w.call)).await;
    assert!(proposed(&html).iter().all(|(_, p)| p == "panel"), "{html}");
    let (status, html) = decide(&app, &staff, p[0], "advance", "دلیل").await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("این تصمیم در این مرحله ممکن نیست"), "{html}");
    let (status, _) = decide(&app, &staff, p[0], "award", "بهترین راه‌حل از نظر هیئت").await;
    assert_eq!(status, 303);
    assert_eq!(state(&app, p[0]).await, "awarded");
}

/// Review M2: the gate reads the weighted score reviewers, staff and the audit see (each score on its own
/// scale, its minimum at 0), not score ÷ top of scale, which put every review of a 1–5 criterion at 20% or more.
#[tokio::test]
async fn a_threshold_gate_reads_the_weighted_score_the_reviews_show() {
    let app = TestApp::spawn().await;
    let staff = staff(&app, "staff@decisions.test").await;
    let w = world(&app, &[("threshold", 20)], 2).await;
    assert_eq!(w.open(&app, &staff).await, 303);
    let p: Vec<&str> = w.applicants.iter().map(|a| a.proposal.as_str()).collect();
    // Every score at the minimum: 0% on the review page, so below 20%.
    w.review(&app, 0, p[0], (1, 1)).await;
    w.review(&app, 0, p[0], (1, 1)).await;
    w.review(&app, 0, p[1], (2, 2)).await;
    let (_, html) = page(&app, &staff, &format!("/calls/{}/stages/{}/decisions", w.call, w.stages[0].0)).await;
    let got: Vec<String> = proposed(&html).into_iter().map(|(_, p)| p).collect();
    assert_eq!(got, ["below", "pass"], "(1,1) is 0%, (2,2) 25%: {html}");
    assert!(html.contains("۰٫۰%") || html.contains("۰.۰%"), "the minimum shows as 0%: {html}");
    assert_eq!(html.matches(" checked>").count(), 1, "only what passes is preselected: {html}");
    // The boundary: 3 of 1–5 on both criteria is exactly 50%.
    let w = world(&app, &[("threshold", 50)], 2).await;
    assert_eq!(w.open(&app, &staff).await, 303);
    let p: Vec<&str> = w.applicants.iter().map(|a| a.proposal.as_str()).collect();
    w.review(&app, 0, p[0], (3, 3)).await;
    w.review(&app, 0, p[1], (3, 2)).await;
    let (_, html) = page(&app, &staff, &format!("/calls/{}/stages/{}/decisions", w.call, w.stages[0].0)).await;
    let got: Vec<String> = proposed(&html).into_iter().map(|(_, p)| p).collect();
    assert_eq!(got, ["pass", "below"], "(3,3) is 50%, (3,2) 35%: {html}");
}

#[tokio::test]
async fn a_top_n_gate_shows_the_ties_at_its_boundary() {
    let app = TestApp::spawn().await;
    let w = world(&app, &[("top_n", 2)], 5).await;
    let staff = staff(&app, "staff@decisions.test").await;
    assert_eq!(w.open(&app, &staff).await, 303);
    let p: Vec<&str> = w.applicants.iter().map(|a| a.proposal.as_str()).collect();
    // 85%, 55%, 55% (as the mean of 50 and 60), 50%; the best two are 85% and a tie of two.
    w.review(&app, 0, p[0], (5, 4)).await;
    w.review(&app, 0, p[1], (2, 4)).await;
    w.review(&app, 0, p[2], (3, 3)).await;
    w.review(&app, 0, p[2], (4, 3)).await;
    w.review(&app, 0, p[3], (3, 3)).await;
    let (_, html) = page(&app, &staff, &format!("/calls/{}/stages/{}/decisions", w.call, w.stages[0].0)).await;
    let got: Vec<String> = proposed(&html).into_iter().map(|(_, p)| p).collect();
    assert_eq!(got, ["pass", "tie", "tie", "below", "unscored"], "{html}");
    assert!(html.contains("هم‌امتیاز در آخرین جایگاه"), "the tie is shown, not cut: {html}");
    // Only what passes is checked in the bulk form; the ties wait for staff.
    let checked = html.matches(" checked>").count();
    assert_eq!(checked, 1, "{html}");
    // The last (and only) stage offers award, no award and reject.
    let (status, _) = decide(&app, &staff, p[4], "no_award", "داوری نشد و شرایط را نداشت").await;
    assert_eq!(status, 303);
    assert_eq!(state(&app, p[4]).await, "not_awarded");
}

#[tokio::test]
async fn a_decision_needs_a_reason_which_the_applicant_sees_and_receives() {
    let app = TestApp::spawn().await;
    let w = world(&app, &[("panel", 0), ("panel", 0)], 1).await;
    let staff = staff(&app, "staff@decisions.test").await;
    assert_eq!(w.open(&app, &staff).await, 303);
    let a = &w.applicants[0];
    w.review(&app, 0, &a.proposal, (4, 4)).await;
    for reason in ["", "   ", &"ب".repeat(2001)] {
        let (status, html) = decide(&app, &staff, &a.proposal, "reject", reason).await;
        assert_eq!(status, 422, "{html}");
        assert!(html.contains("id=\"e-reason\""), "the field is named: {html}");
    }
    let (status, body) = api(
        &app,
        &staff,
        &format!("/api/v1/proposals/{}/decisions", a.proposal),
        serde_json::json!({"outcome": "reject", "reason": "", "revision": 0}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["fields"][0]["field"], "reason");
    assert_eq!(state(&app, &a.proposal).await, "in_review", "nothing decided");
    let reason = "راه‌حل پیشنهادی با سامانهٔ کنونی روابط کار سازگار نیست و هزینهٔ یکپارچه‌سازی برآورد نشده است.";
    let (status, to) = decide(&app, &staff, &a.proposal, "reject", reason).await;
    assert_eq!((status, to.as_str()), (303, format!("/proposals/{}#evaluation", a.proposal).as_str()));

    let (_, html) = page(&app, &a.client, &format!("/proposals/{}", a.proposal)).await;
    assert!(html.contains(reason) && html.contains("data-outcome=\"reject\""), "{html}");
    assert!(html.contains("data-test=\"appeal-form\""), "a rejected applicant may appeal: {html}");
    assert!(!html.contains("staff@decisions.test") && !html.contains("reviewer-"), "no decider or reviewer: {html}");
    assert!(!html.contains("/decisions/"), "the decision's page is for staff and auditors");
    let r = a.client.get(app.url(&format!("/api/v1/proposals/{}/evaluation", a.proposal))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["state"], "rejected");
    assert_eq!(body["decisions"][0]["reason"], reason);
    assert!(body["appeal_until"].is_i64());
    assert!(!body.to_string().contains("@decisions.test") && !body.to_string().contains("reviewer-"), "{body}");
    let mail = app.mail_to(&a.email).await;
    let told = mail.iter().find(|m| m.subject.contains("تصمیم")).expect("a mail about the decision");
    assert!(told.body_text.contains(reason) && told.body_text.contains("رد شد"), "{}", told.body_text);
    let notified = app
        .sql_count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE user_id = '{}' AND kind = 'proposal_decided'",
            a.user
        ))
        .await;
    assert_eq!(notified, 1);
    // Another innovator does not see it at all.
    let (status, _) = page(
        &app,
        &app.signed_in("other@decisions.test", &[Role::Innovator]).await,
        &format!("/api/v1/proposals/{}/evaluation", a.proposal),
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn of_two_concurrent_decisions_one_wins_and_the_other_is_told() {
    let app = TestApp::spawn().await;
    let w = world(&app, &[("panel", 0), ("panel", 0)], 1).await;
    let first = staff(&app, "first@decisions.test").await;
    let second = staff(&app, "second@decisions.test").await;
    assert_eq!(w.open(&app, &first).await, 303);
    let p = &w.applicants[0].proposal;
    let path = format!("/api/v1/proposals/{p}/decisions");
    for round in 0..3 {
        let seen = revision(&app, p).await;
        let (a, b) = tokio::join!(
            api(&app, &first, &path, serde_json::json!({"outcome": "reject", "reason": "نخست", "revision": seen})),
            api(&app, &second, &path, serde_json::json!({"outcome": "advance", "reason": "دوم", "revision": seen})),
        );
        let mut statuses = [a.0, b.0];
        statuses.sort_unstable();
        assert_eq!(statuses, [201, 422], "round {round}: {a:?} {b:?}");
        let lost = if a.0 == 422 { &a.1 } else { &b.1 };
        assert_eq!(lost["fields"][0]["code"], "decision_conflict", "{lost}");
        assert!(lost["fields"][0]["message"].as_str().unwrap().contains("هم‌زمان با شما"), "{lost}");
        assert_eq!(app.sql_count(&format!("SELECT COUNT(*) FROM decisions WHERE proposal_id = '{p}'")).await, 1);
        assert_eq!(revision(&app, p).await, seen + 1, "one move");
        // Start again from a fresh proposal state for the next round.
        app.sql_exec(&format!("DELETE FROM decisions WHERE proposal_id = '{p}'")).await;
        app.sql_exec(&format!(
            "UPDATE proposal_evaluations SET state = 'in_review', stage_id = '{}' WHERE proposal_id = '{p}'",
            w.stages[0].0
        ))
        .await;
    }
}

#[tokio::test]
async fn an_appeal_is_once_within_its_period_and_answered_by_someone_else() {
    let app = TestApp::spawn().await;
    let w = world(&app, &[("panel", 0), ("panel", 0)], 3).await;
    app.user("decider@decisions.test", &[Role::Admin, Role::Staff]).await;
    let decider = app.client();
    app.login(&decider, "decider@decisions.test", PASSWORD).await;
    let other = staff(&app, "other@decisions.test").await;
    assert_eq!(w.open(&app, &decider).await, 303);
    let [a, b, c] = [&w.applicants[0], &w.applicants[1], &w.applicants[2]];
    for x in [a, b, c] {
        assert_eq!(decide(&app, &decider, &x.proposal, "reject", "بودجهٔ پیشنهادی با دامنهٔ چالش نمی‌خواند").await.0, 303);
    }
    let appeal = |x: &halqe_testing::evaluation::Applicant, text: &str| {
        let path = format!("/proposals/{}/appeal", x.proposal);
        let text = text.to_owned();
        let app = &app;
        let client = x.client.clone();
        async move { post(app, &client, &path, &[("appeal", text.as_str())]).await }
    };
    // Only the applicant's side appeals; staff and others are refused.
    let (status, _) = post(&app, &other, &format!("/proposals/{}/appeal", a.proposal), &[("appeal", "x")]).await;
    assert_eq!(status, 403);
    let (status, html) = appeal(a, " ").await;
    assert_eq!(status, 422, "a reason is required: {html}");
    let reason = "بودجه در پیوست دوم به تفکیک آمده است و در دامنهٔ اعلام‌شده است؛ خواهشمندیم بازبینی شود.";
    assert_eq!(appeal(a, reason).await.0, 303);
    assert_eq!(state(&app, &a.proposal).await, "appealed");
    let (status, html) = appeal(a, reason).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("این درخواست تنها یک بار ممکن است") || html.contains("تنها برای تصمیمِ رد"), "{html}");

    // The period is the stage's (14 days by default), by the server's clock.
    app.clock.advance(14 * DAY_MS + 1);
    // Sessions end in two weeks too: sign everyone in again.
    for (client, email) in [
        (&b.client, b.email.as_str()),
        (&c.client, &c.email),
        (&decider, "decider@decisions.test"),
        (&other, "other@decisions.test"),
    ] {
        app.login(client, email, PASSWORD).await;
    }
    let (status, html) = appeal(b, reason).await;
    assert_eq!(status, 422);
    assert!(html.contains("مهلت درخواست تجدیدنظر برای این تصمیم گذشته است"), "{html}");
    let (_, html) = page(&app, &b.client, &format!("/proposals/{}", b.proposal)).await;
    assert!(!html.contains("data-test=\"appeal-form\""), "{html}");
    app.sql_exec("UPDATE call_stages SET appeal_days = 30").await;
    assert_eq!(appeal(c, "پیوست فنی نادیده گرفته شده است").await.0, 303);

    // The first decider may not answer, even as an admin: their page offers no answer, another's does.
    let (_, html) = page(&app, &decider, &format!("/proposals/{}", a.proposal)).await;
    assert!(html.contains("data-test=\"appeal\"") && !html.contains("appeal-decision-form"), "{html}");
    let (_, html) = page(&app, &other, &format!("/proposals/{}", a.proposal)).await;
    assert!(html.contains("data-test=\"appeal-decision-form\""), "{html}");
    let pending = |x: &halqe_testing::evaluation::Applicant| {
        format!("SELECT id FROM appeals WHERE proposal_id = '{}'", x.proposal)
    };
    let appeal_a = app.sql_text(&pending(a)).await;
    let answer = |id: String, verdict: &'static str, text: &'static str| {
        let path = format!("/appeals/{id}/decision");
        (path, [("verdict", verdict), ("response", text)])
    };
    let (path, fields) = answer(appeal_a.clone(), "overturned", "پیوست بررسی شد");
    let (status, html) = post(&app, &decider, &path, &fields).await;
    assert_eq!(status, 422, "{html}");
    let (status, body) = api(
        &app,
        &decider,
        &format!("/api/v1/appeals/{appeal_a}/decision"),
        serde_json::json!({"verdict": "upheld", "answer": "نه"}),
    )
    .await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some("appeal_same_decider")));
    let (status, to) = post(&app, &other, &path, &fields).await;
    assert_eq!(status, 303, "{to}");
    assert!(to.starts_with("/decisions/"), "{to}");
    assert_eq!(state(&app, &a.proposal).await, "in_review", "overturned: back to review in its stage");
    let at =
        app.sql_text(&format!("SELECT stage_id FROM proposal_evaluations WHERE proposal_id = '{}'", a.proposal)).await;
    assert_eq!(at, w.stages[0].0);
    let (status, _) = post(&app, &other, &path, &fields).await;
    assert_eq!(status, 422, "answered once");
    // Upheld: the rejection stands.
    let (path, fields) = answer(app.sql_text(&pending(c)).await, "upheld", "پیوست فنی بررسی شد و تصمیم پابرجاست");
    assert_eq!(post(&app, &other, &path, &fields).await.0, 303);
    assert_eq!(state(&app, &c.proposal).await, "rejected");
    let (_, html) = page(&app, &c.client, &format!("/proposals/{}", c.proposal)).await;
    assert!(html.contains("پیوست فنی بررسی شد و تصمیم پابرجاست") && html.contains("data-state=\"upheld\""), "{html}");
    assert!(!html.contains("data-test=\"appeal-form\""), "no second appeal: {html}");
    let mails = app.mail_to(&c.email).await;
    assert!(mails.iter().any(|m| m.body_text.contains("تصمیمِ رد پابرجاست")), "the answer is mailed");
    for action in ["appeal.file", "appeal.decide"] {
        let n = app.sql_count(&format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'")).await;
        assert_eq!(n, 2, "{action}");
    }
}

/// Review M5, M6 and L1: nobody judges a proposal they are party to (on its team or applicant's side, one
/// of its reviewers, who filed its appeal), the decider whose rejection an appeal overturned does not decide
/// it again, and a bulk decision through a call that is not the stage's decides nothing.
#[tokio::test]
async fn nobody_decides_or_answers_an_appeal_on_a_proposal_they_are_party_to() {
    let app = TestApp::spawn().await;
    let w = world(&app, &[("panel", 0), ("panel", 0)], 2).await;
    let first = staff(&app, "first@decisions.test").await;
    let third = staff(&app, "third@decisions.test").await;
    let member = staff(&app, "member@decisions.test").await;
    let reviewer = app.signed_in("reviewer@decisions.test", &[Role::Staff, Role::Reviewer]).await;
    assert_eq!(w.open(&app, &first).await, 303);
    let [a, b] = [&w.applicants[0], &w.applicants[1]];
    let id_of = |email: &str| format!("(SELECT id FROM users WHERE email = '{email}')");
    // `member` joined a's team, `reviewer` reviews a in the first stage.
    let user = app.sql_text("SELECT id FROM users WHERE email = 'member@decisions.test'").await;
    let person = app
        .insert_person(halqe_db::people::PersonRow {
            user_id: Some(user),
            first_name: "سارا".into(),
            last_name: "کاظمی".into(),
            availability: "available".into(),
            visibility: "public".into(),
            source: "test".into(),
            ..halqe_db::people::PersonRow::default()
        })
        .await;
    app.sql_exec(&format!(
        "INSERT INTO proposal_members (proposal_id, person_id, user_id, name, state, invited_by, invited_at, answered_at) \
         VALUES ('{}', '{person}', {}, 'سارا کاظمی', 'accepted', '{}', 0, 0)",
        a.proposal,
        id_of("member@decisions.test"),
        a.user
    ))
    .await;
    app.sql_exec(&format!(
        "INSERT INTO assignments (id, stage_id, proposal_id, user_id, state, created_at) \
         VALUES ('{}', '{}', '{}', {}, 'active', 0)",
        uuid::Uuid::now_v7(),
        w.stages[0].0,
        a.proposal,
        id_of("reviewer@decisions.test")
    ))
    .await;
    let decisions = |p: &str| format!("SELECT COUNT(*) FROM decisions WHERE proposal_id = '{p}'");
    let reason = "بودجهٔ پیشنهادی با دامنهٔ چالش نمی‌خواند";
    for who in [&member, &reviewer] {
        let (status, html) = decide(&app, who, &a.proposal, "reject", reason).await;
        assert_eq!(status, 422, "{html}");
        assert!(html.contains("تعارض منافع دارید"), "{html}");
    }
    // The bulk form reports the same refusal and decides nothing.
    let gate = format!("/calls/{}/stages/{}/decisions", w.call, w.stages[0].0);
    let pick = format!("{}:{}", a.proposal, revision(&app, &a.proposal).await);
    let (status, html) = post(&app, &reviewer, &gate, &[("outcome", "reject"), ("reason", reason), ("p", &pick)]).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(app.sql_count(&decisions(&a.proposal)).await, 0);
    // A bulk decision through another call's path: not found, and nothing decided (L1).
    let elsewhere = world(&app, &[("panel", 0)], 1).await;
    let wrong = format!("/calls/{}/stages/{}/decisions", elsewhere.call, w.stages[0].0);
    let pick_b = format!("{}:{}", b.proposal, revision(&app, &b.proposal).await);
    let (status, _) = post(&app, &first, &wrong, &[("outcome", "reject"), ("reason", reason), ("p", &pick_b)]).await;
    assert_eq!(status, 404);
    assert_eq!(app.sql_count(&decisions(&b.proposal)).await, 0);
    assert_eq!(state(&app, &b.proposal).await, "in_review");

    // `first` rejects; a's owner appeals; neither the team member, the reviewer nor the first decider answers.
    assert_eq!(decide(&app, &first, &a.proposal, "reject", reason).await.0, 303);
    let path = format!("/proposals/{}/appeal", a.proposal);
    assert_eq!(post(&app, &a.client, &path, &[("appeal", "بودجه در پیوست دوم آمده است")]).await.0, 303);
    let appeal = app.sql_text(&format!("SELECT id FROM appeals WHERE proposal_id = '{}'", a.proposal)).await;
    let answer = format!("/appeals/{appeal}/decision");
    let fields = [("verdict", "overturned"), ("response", "پیوست بررسی شد")];
    for (who, code) in
        [(&member, "decision_conflicted"), (&reviewer, "decision_conflicted"), (&first, "appeal_same_decider")]
    {
        let (status, body) = api(
            &app,
            who,
            &format!("/api/v1/appeals/{appeal}/decision"),
            serde_json::json!({"verdict": "overturned", "answer": "پیوست بررسی شد"}),
        )
        .await;
        assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some(code)), "{body}");
    }
    assert_eq!(post(&app, &third, &answer, &fields).await.0, 303);
    assert_eq!(state(&app, &a.proposal).await, "in_review");
    // Overturned: the first decider may not reject it again at once (M6); someone else may decide.
    let (status, html) = decide(&app, &first, &a.proposal, "reject", reason).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("در تجدیدنظر لغو شد"), "{html}");
    assert_eq!(state(&app, &a.proposal).await, "in_review");
    assert_eq!(decide(&app, &third, &a.proposal, "advance", "پس از تجدیدنظر، شایستهٔ مرحلهٔ بعد").await.0, 303);
}

#[tokio::test]
async fn auditors_browse_and_export_the_record_read_decisions_and_write_nothing() {
    let app = TestApp::spawn().await;
    let w = world(&app, &[("panel", 0), ("panel", 0)], 2).await;
    let staff = staff(&app, "staff@decisions.test").await;
    assert_eq!(w.open(&app, &staff).await, 303);
    let p = &w.applicants[0].proposal;
    assert_eq!(decide(&app, &staff, p, "reject", "خارج از دامنهٔ چالش").await.0, 303);
    let decision = app.sql_text(&format!("SELECT id FROM decisions WHERE proposal_id = '{p}'")).await;
    let seq = app.sql_count(&format!("SELECT audit_seq FROM decisions WHERE id = '{decision}'")).await;
    let auditor = app.signed_in("auditor@decisions.test", &[Role::Auditor]).await;

    let (status, html) = page(&app, &auditor, &format!("/decisions/{decision}")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("خارج از دامنهٔ چالش") && html.contains(&format!("href=\"/audit/{seq}\"")), "{html}");
    let (status, html) = page(&app, &auditor, &format!("/audit/{seq}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("evaluation.decide") && html.contains("خارج از دامنهٔ چالش"), "{html}");

    let (_, html) = page(&app, &auditor, "/audit?kind=evaluation.").await;
    let rows = html.matches("data-test=\"audit-row\"").count();
    assert_eq!(rows, 3, "two entered, one decided: {html}");
    let (_, html) = page(&app, &auditor, &format!("/audit?object={p}&actor=staff%40decisions.test")).await;
    assert_eq!(html.matches("data-test=\"audit-row\"").count(), 2, "entered and decided, by staff: {html}");
    let (_, html) = page(&app, &auditor, "/audit?actor=nobody%40decisions.test").await;
    assert_eq!(html.matches("data-test=\"audit-row\"").count(), 0, "an unknown actor matches nothing");
    let (status, html) = page(&app, &auditor, "/audit?from=not-a-date").await;
    assert_eq!(status, 422, "{html}");
    let (_, html) = page(&app, &auditor, "/audit?from=2020-01-01&to=2020-01-02").await;
    assert_eq!(html.matches("data-test=\"audit-row\"").count(), 0, "nothing that day");
    let total = app.sql_count("SELECT COUNT(*) FROM audit_log").await;
    let (_, html) = page(&app, &auditor, "/audit").await;
    assert_eq!(html.matches("data-test=\"audit-row\"").count() as i64, total.min(50));

    let r = auditor.get(app.url("/audit/export?format=jsonl&kind=evaluation.")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/jsonl"));
    let text = r.text().await.unwrap();
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[2]["seq"], seq);
    assert_eq!(lines[2]["details"]["reason"], "خارج از دامنهٔ چالش");
    let csv = auditor.get(app.url("/audit/export?format=csv")).send().await.unwrap().text().await.unwrap();
    assert_eq!(csv.lines().count() as i64, total + 1, "a header and every entry");
    assert!(csv.starts_with("seq,at,actor_id,action"));
    let r = auditor.get(app.url("/audit/export?format=xml")).send().await.unwrap();
    assert_eq!(r.status(), 400);

    // Writes are refused: deciding, answering, verifying, and the admin's page.
    let revision = revision(&app, &w.applicants[1].proposal).await.to_string();
    let fields = [("outcome", "reject"), ("reason", "x"), ("revision", revision.as_str())];
    let (status, _) =
        post(&app, &auditor, &format!("/proposals/{}/decisions", w.applicants[1].proposal), &fields).await;
    assert_eq!(status, 403);
    let (status, _) = post(&app, &auditor, "/admin/audit/verify", &[]).await;
    assert_eq!(status, 403);
    let (status, _) = page(&app, &auditor, &format!("/calls/{}/stages/{}/decisions", w.call, w.stages[0].0)).await;
    assert_eq!(status, 403);
    // Staff read decisions but not the whole record.
    assert_eq!(page(&app, &staff, &format!("/decisions/{decision}")).await.0, 200);
    assert_eq!(page(&app, &staff, "/audit").await.0, 403);
}

#[tokio::test]
async fn an_appeal_reaches_staff_by_notice_and_in_their_queue_and_the_applicant_learns_no_decider() {
    let app = TestApp::spawn().await;
    let w = world(&app, &[("panel", 0)], 1).await;
    let decider = staff(&app, "decider@decisions.test").await;
    let other = staff(&app, "other@decisions.test").await;
    assert_eq!(w.open(&app, &decider).await, 303);
    let a = &w.applicants[0];
    assert_eq!(decide(&app, &decider, &a.proposal, "reject", "بودجهٔ پیشنهادی با دامنهٔ چالش نمی‌خواند").await.0, 303);
    let (status, _) = page(&app, &other, "/appeals").await;
    assert_eq!(status, 200);
    assert!(page(&app, &other, "/appeals").await.1.contains("data-test=\"no-appeals\""));
    let reason = "بودجه در پیوست دوم به تفکیک آمده است؛ خواهشمندیم بازبینی شود.";
    let path = format!("/proposals/{}/appeal", a.proposal);
    assert_eq!(post(&app, &a.client, &path, &[("appeal", reason)]).await.0, 303);
    let title = app.sql_text(&format!("SELECT title FROM proposals WHERE id = '{}'", a.proposal)).await;

    // Every staff member is told, in the app and by mail with the applicant's reason; the applicant is not.
    let told = |email: &str| {
        format!(
            "SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id \
             WHERE n.kind = 'appeal_filed' AND u.email = '{email}'"
        )
    };
    for email in ["decider@decisions.test", "other@decisions.test"] {
        assert_eq!(app.sql_count(&told(email)).await, 1, "{email}");
        let mail = app.mail_to(email).await;
        let m = mail.iter().find(|m| m.subject.contains("درخواست تجدیدنظر تازه")).expect("mailed");
        assert!(
            m.body_text.contains(reason) && m.body_text.contains(&format!("/proposals/{}", a.proposal)),
            "{}",
            m.body_text
        );
        assert!(m.subject.contains(&title), "{}", m.subject);
    }
    assert_eq!(app.sql_count(&told(&a.email)).await, 0);

    // The queue lists it: the one who rejected is told a colleague must answer; another may answer.
    let (_, mine) = page(&app, &decider, "/appeals").await;
    assert!(mine.contains("data-test=\"appeal\"") && mine.contains("data-test=\"own-decision\""), "{mine}");
    let (_, theirs) = page(&app, &other, "/appeals").await;
    assert!(theirs.contains("data-test=\"appeal\"") && !theirs.contains("data-test=\"own-decision\""), "{theirs}");
    assert!(theirs.contains(reason) && theirs.contains(&format!("/proposals/{}#evaluation", a.proposal)), "{theirs}");
    assert!(theirs.contains(&title), "{theirs}");
    assert_eq!(page(&app, &a.client, "/appeals").await.0, 403, "not for applicants");

    // The applicant never learns who decided: not on the page, not in any mail.
    let (_, html) = page(&app, &a.client, &format!("/proposals/{}", a.proposal)).await;
    assert!(!html.contains("decider@decisions.test"), "{html}");
    for m in app.mail_to(&a.email).await {
        assert!(!m.body_text.contains("decider@decisions.test") && !m.body_text.contains("decider"), "{}", m.body_text);
    }

    // Answered, it leaves the queue.
    let id = app.sql_text(&format!("SELECT id FROM appeals WHERE proposal_id = '{}'", a.proposal)).await;
    let fields = [("verdict", "upheld"), ("response", "پیوست بررسی شد و تصمیم پابرجاست")];
    assert_eq!(post(&app, &other, &format!("/appeals/{id}/decision"), &fields).await.0, 303);
    assert!(page(&app, &other, "/appeals").await.1.contains("data-test=\"no-appeals\""));
}
