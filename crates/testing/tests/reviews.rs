//! Reviews (issue 11 item 5): a reviewer's assignments, the proposal through the blind projection (nothing
//! identifying in a double-blind stage, on the page or in the API), the rubric bounded by each criterion's
//! scale in any digits, a draft then one submission that never changes, the due date, and refused access
//! recorded on the audit chain.

use halqe_app::proposals::view::{Content, FileView, MemberView};
use halqe_db::assignments::AssignmentRow;
use halqe_db::proposals::{ProposalRow, VersionRow};
use halqe_db::stages::{CriterionRow, StageRow};
use halqe_domain::ids::{AssignmentId, UserId};
use halqe_domain::proposal::{ApplicantKind, MemberState, Status};
use halqe_domain::user::Role;
use halqe_testing::world::deadline_in;
use halqe_testing::{PASSWORD, START_MS, TestApp};
use reqwest::Client;
use serde_json::{Value, json};

const DAY_MS: i64 = 86_400_000;

/// Names no page may show a reviewer of a double-blind stage.
const APPLICANT: &str = "شرکت زرافهٔ بنفش Quokkalabs";
const MEMBER: &str = "Zebulon Quixote-Marlowe";
const FILE: &str = "CV-Quixote-Marlowe.pdf";
const EMAIL: &str = "zebulon@quokkalabs.example";
const PHONE: &str = "۰۹۱۲۷۷۷۶۶۵۵";
const LEAKS: [&str; 8] =
    ["زرافه", "Quokkalabs", "Zebulon", "Quixote", "quokkalabs", "۷۷۷۶۶۵۵", "QUOKKALABS", "ZEBULON"];

async fn page(app: &TestApp, client: &Client, path: &str) -> (u16, String) {
    let r = client.get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], ""))
}

async fn api(app: &TestApp, client: &Client, path: &str, body: Value) -> (u16, Value) {
    let token = app.csrf(client).await;
    let r = client.post(app.url(path)).header("x-csrf-token", token).json(&body).send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

struct World {
    app: TestApp,
    staff: Client,
    stages: [String; 2],
    /// The criteria of each stage: novelty 1–10 weight 40, feasibility 0–5 weight 60.
    criteria: [[String; 2]; 2],
    proposal: String,
}

/// A published challenge with one submitted proposal whose applicant, team member, file, email and phone
/// are unmistakable, and a call with a single-blind and a double-blind stage of two criteria each.
async fn world() -> World {
    let app = TestApp::spawn().await;
    let agency = app.agency("وزارت تعاون، کار و رفاه اجتماعی").await;
    let officer = app.officer_of("officer@reviews.test", &agency).await;
    let staff = app.signed_in("staff@reviews.test", &[Role::Staff]).await;
    let applicant = app.user("applicant@reviews.test", &[Role::Innovator]).await;
    let deadline = deadline_in(10);
    let form = [
        ("title", "کاهش زمان رسیدگی به شکایت‌های کارگری"),
        ("problem", "رسیدگی به شکایت‌ها ۹۵ روز طول می‌کشد."),
        ("affected", "کارگران و کارفرمایان"),
        ("outcome", "رسیدگی در کمتر از ۳۰ روز"),
        ("success_measure", "میانهٔ زمان رسیدگی"),
        ("maturity", "prototype"),
        ("deadline", &deadline),
        ("eligibility", "both"),
    ];
    let challenge = halqe_testing::world::published(&app, &officer, &staff, &form).await;
    let r = app
        .post_form(&staff, "/calls", &[("title", "فراخوان نوآوری"), ("opens", "1405/01/15"), ("closes", "1405/06/31")])
        .await;
    let call = r.headers()["location"].to_str().unwrap().trim_start_matches("/calls/").to_owned();
    let staff_id = app.sql_text("SELECT id FROM users WHERE email = 'staff@reviews.test'").await;
    let proposal = uuid::Uuid::now_v7().to_string();
    let mut tx = app.app.db.begin().await.unwrap();
    let mut stages = Vec::new();
    let mut criteria = Vec::new();
    for (name, blind) in [("غربال اولیه", "single"), ("داوری تخصصی", "double")] {
        let stage = uuid::Uuid::now_v7().to_string();
        let row = StageRow {
            id: stage.clone(),
            call_id: call.clone(),
            position: 0,
            name: name.into(),
            blind: blind.into(),
            gate: "panel".into(),
            gate_value: 0,
            created_by: staff_id.clone(),
            created_at: START_MS,
        };
        halqe_db::stages::insert_stage(&mut tx, &row).await.unwrap();
        let mut ids = Vec::new();
        for (c, weight, (min, max)) in [("نوآوری", 40, (1, 10)), ("امکان‌پذیری", 60, (0, 5))] {
            let id = uuid::Uuid::now_v7().to_string();
            let row = CriterionRow {
                id: id.clone(),
                stage_id: stage.clone(),
                position: 0,
                name: c.into(),
                description: String::new(),
                weight,
                scale_min: min,
                scale_max: max,
            };
            halqe_db::stages::insert_criterion(&mut tx, &row).await.unwrap();
            ids.push(id);
        }
        stages.push(stage);
        criteria.push([ids[0].clone(), ids[1].clone()]);
    }
    let text = |s: &str| s.to_owned();
    let row = ProposalRow {
        id: proposal.clone(),
        challenge_id: challenge,
        applicant_kind: ApplicantKind::Organization,
        applicant_id: uuid::Uuid::now_v7().to_string(),
        applicant_name: APPLICANT.into(),
        created_by: applicant.to_string(),
        status: Status::Submitted,
        title: text("سامانهٔ پیگیری برخط شکایت‌ها"),
        summary: String::new(),
        approach: String::new(),
        budget: Some(12_500),
        timeline: String::new(),
        expected_results: String::new(),
        originality: 1,
        conflicts: 1,
        conflicts_note: String::new(),
        versions: 1,
        created_at: START_MS,
        updated_at: START_MS,
        submitted_at: Some(START_MS),
        withdrawn_at: None,
    };
    halqe_db::proposals::insert(&mut tx, &row).await.unwrap();
    let content = Content {
        applicant_name: APPLICANT.into(),
        title: "سامانهٔ پیگیری برخط شکایت‌ها از زرافهٔ بنفش Quokkalabs".into(),
        summary: format!("پرونده‌ها برخط ثبت می‌شوند. تماس: {EMAIL} یا {PHONE}؛ QUOKKALABS و زرافه بنفش، ZEBULON"),
        approach: format!("نخست فرایند کنونی را در دو استان نقشه‌برداری می‌کنیم؛ سرپرست: {MEMBER}."),
        budget: Some(12_500),
        timeline: "سه ماه طراحی، سه ماه آزمایش".into(),
        expected_results: "میانهٔ زمان رسیدگی زیر ۳۰ روز".into(),
        conflicts_note: format!("همکاری پیشین {APPLICANT} با وزارتخانه"),
        team: vec![MemberView {
            person_id: uuid::Uuid::now_v7().to_string(),
            name: MEMBER.into(),
            state: MemberState::Accepted,
        }],
        files: vec![FileView { id: uuid::Uuid::now_v7().to_string(), file_name: FILE.into(), size_bytes: 2048 }],
    };
    let v = VersionRow {
        id: uuid::Uuid::now_v7().to_string(),
        proposal_id: proposal.clone(),
        version: 1,
        tracking_code: "1234567812345678".into(),
        content: serde_json::to_string(&content).unwrap(),
        submitted_by: applicant.to_string(),
        submitted_at: START_MS,
    };
    halqe_db::proposals::insert_version(&mut tx, &v).await.unwrap();
    halqe_db::commit(tx).await.unwrap();
    let stages = [stages[0].clone(), stages[1].clone()];
    let criteria = [criteria[0].clone(), criteria[1].clone()];
    World { app, staff, stages, criteria, proposal }
}

impl World {
    /// A signed-in reviewer.
    async fn reviewer(&self, email: &str) -> (Client, UserId) {
        let user = self.app.user(email, &[Role::Reviewer]).await;
        let c = self.app.client();
        self.app.login(&c, email, PASSWORD).await;
        (c, user)
    }

    /// Assigns `user` to the proposal in stage `stage` (0 single-blind, 1 double-blind).
    async fn assign(&self, user: &UserId, stage: usize) -> String {
        let id = AssignmentId::new().to_string();
        let row = AssignmentRow {
            id: id.clone(),
            stage_id: self.stages[stage].clone(),
            proposal_id: self.proposal.clone(),
            user_id: user.to_string(),
            run_id: None,
            affinity: 0,
            state: "active".into(),
            due_at: None,
            created_at: START_MS,
            removed_at: None,
            removed_reason: String::new(),
        };
        let mut conn = self.app.app.db.conn().await.unwrap();
        halqe_db::assignments::insert(&mut conn, &row).await.unwrap();
        id
    }

    /// A review body scoring the stage's two criteria.
    fn scores(&self, stage: usize, a: &str, b: &str, confidence: &str) -> Value {
        let [c1, c2] = &self.criteria[stage];
        json!({
            "scores": [
                { "criterion_id": c1, "score": a, "comment": "راه‌حل تازه‌ای است و در دستگاه‌های دیگر دیده نشده." },
                { "criterion_id": c2, "score": b, "comment": "تیم توان اجرا دارد؛ برنامهٔ زمانی فشرده است." },
            ],
            "comment": "طرح پخته است؛ پیشنهاد می‌شود آزمایش در یک استان آغاز شود.",
            "confidence": confidence,
        })
    }

    async fn count(&self, sql: &str) -> i64 {
        self.app.sql_count(sql).await
    }
}

fn assert_blind(what: &str, text: &str) {
    for leak in LEAKS {
        assert!(!text.contains(leak), "{what} shows {leak}: {text}");
    }
}

#[tokio::test]
async fn a_double_blind_stage_shows_a_reviewer_nothing_that_identifies_the_applicant() {
    let w = world().await;
    let (reviewer, user) = w.reviewer("reviewer@reviews.test").await;
    let blind = w.assign(&user, 1).await;
    let (status, list) = page(&w.app, &reviewer, "/reviews").await;
    assert_eq!(status, 200);
    assert!(list.contains(&format!("data-id=\"{blind}\"")) && list.contains("سامانهٔ پیگیری برخط شکایت‌ها"), "{list}");
    assert_blind("my reviews", &list);
    let (status, html) = page(&w.app, &reviewer, &format!("/reviews/{blind}")).await;
    assert_eq!(status, 200, "{html}");
    assert_blind("the review page", &html);
    assert!(html.contains("data-blind=\"double\"") && !html.contains("data-test=\"applicant\""), "{html}");
    assert!(html.contains("۱ پیوست در داوری دوسوناشناس نشان داده نمی‌شود."), "{html}");
    assert!(html.contains("نخست فرایند کنونی را در دو استان"), "the text itself is shown: {html}");
    let r = reviewer.get(w.app.url(&format!("/api/v1/reviews/{blind}"))).send().await.unwrap();
    let body = r.text().await.unwrap();
    assert_blind("the API", &body);
    let json: Value = serde_json::from_str(&body).unwrap();
    assert!(json["proposal"]["applicant"].is_null() && json["proposal"]["files"] == json!([]), "{json}");
    assert_eq!(json["proposal"]["withheld_files"], 1);
    let list = reviewer.get(w.app.url("/api/v1/reviews")).send().await.unwrap().text().await.unwrap();
    assert!(list.contains(&blind));
    assert_blind("the API list", &list);

    // The same reviewer in the single-blind stage sees who submitted: the names above are really there.
    let single = w.assign(&user, 0).await;
    let (_, html) = page(&w.app, &reviewer, &format!("/reviews/{single}")).await;
    for name in [APPLICANT, MEMBER, FILE, EMAIL] {
        assert!(html.contains(name), "{name}: {html}");
    }
    // Submitting is recorded, and nothing is shown to the applicant's side about who reviewed.
    let (status, _) =
        api(&w.app, &reviewer, &format!("/api/v1/reviews/{blind}/submit"), w.scores(1, "8", "4", "4")).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn scores_are_checked_against_each_criterion_s_scale_in_any_digits() {
    let w = world().await;
    let (reviewer, user) = w.reviewer("reviewer@reviews.test").await;
    let a = w.assign(&user, 1).await;
    let path = format!("/api/v1/reviews/{a}/submit");
    for (first, second, confidence, field, code) in [
        ("11", "5", "3", "score_1", "score_out_of_scale"),
        ("0", "5", "3", "score_1", "score_out_of_scale"),
        ("10", "6", "3", "score_2", "score_out_of_scale"),
        ("10", "-1", "3", "score_2", "score_out_of_scale"),
        ("۷٫۵", "5", "3", "score_1", "score_not_a_number"),
        ("هفت", "5", "3", "score_1", "score_not_a_number"),
        ("", "5", "3", "score_1", "score_missing"),
        ("10", "5", "", "confidence", "confidence_missing"),
        ("10", "5", "۶", "confidence", "confidence_out_of_range"),
    ] {
        let (status, body) = api(&w.app, &reviewer, &path, w.scores(1, first, second, confidence)).await;
        assert_eq!(status, 422, "{first} {second} {confidence}: {body}");
        assert_eq!(body["fields"][0]["field"], field, "{body}");
        assert_eq!(body["fields"][0]["code"], code, "{body}");
        assert!(!body["fields"][0]["message"].as_str().unwrap().contains("invalid-"), "localized: {body}");
    }
    assert_eq!(w.count("SELECT COUNT(*) FROM reviews WHERE state = 'submitted'").await, 0);
    // A draft may leave scores blank, but not put one outside the scale.
    let (status, body) = api(&w.app, &reviewer, &format!("/api/v1/reviews/{a}"), w.scores(1, "", "۵", "")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["review"]["state"], "draft");
    assert_eq!(body["review"]["scores"].as_array().unwrap().len(), 1);
    let (status, _) = api(&w.app, &reviewer, &format!("/api/v1/reviews/{a}"), w.scores(1, "12", "", "")).await;
    assert_eq!(status, 422);
    // The bounds themselves, in Persian digits, submit: 1 of 1–10 and 5 of 0–5.
    let (status, body) = api(&w.app, &reviewer, &path, w.scores(1, "۱", "۵", "۵")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["review"]["state"], "submitted");
    assert_eq!(body["review"]["weighted"], 60.0, "0 of 40 and all of 60: {body}");
    // The page's form refuses by field too, with the message beside it.
    let b = w.assign(&w.app.user("second@reviews.test", &[Role::Reviewer]).await, 0).await;
    let second = w.app.client();
    w.app.login(&second, "second@reviews.test", PASSWORD).await;
    let [c1, c2] = &w.criteria[0];
    let fields = [
        ("criterion_1", c1.as_str()),
        ("score_1", "۱۱"),
        ("criterion_2", c2.as_str()),
        ("score_2", "3"),
        ("confidence", "3"),
    ];
    let r = w.app.post_form(&second, &format!("/reviews/{b}/submit"), &fields).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"e-score_1\"") && html.contains("امتیاز بیرون از بازهٔ این معیار است."), "{html}");
    assert!(html.contains("value=\"۱۱\""), "what was typed is kept: {html}");
    // Comments are bounded: at the maximum accepted, one past it refused by field.
    let mut body = w.scores(1, "5", "3", "3");
    body["comment"] = json!("ا".repeat(4001));
    let (status, refused) = api(&w.app, &second, &format!("/api/v1/reviews/{b}"), body.clone()).await;
    assert_eq!(status, 422);
    assert_eq!(refused["fields"][0]["field"], "comment");
    let mut body = w.scores(0, "5", "3", "3");
    body["comment"] = json!("ا".repeat(4000));
    body["scores"][0]["comment"] = json!("ب".repeat(2001));
    let (_, refused) = api(&w.app, &second, &format!("/api/v1/reviews/{b}"), body.clone()).await;
    assert_eq!(refused["fields"][0]["field"], "comment_1", "{refused}");
    body["scores"][0]["comment"] = json!("ب".repeat(2000));
    assert_eq!(api(&w.app, &second, &format!("/api/v1/reviews/{b}"), body).await.0, 200);
}

#[tokio::test]
async fn a_submitted_review_never_changes_and_two_submissions_at_once_make_one() {
    let w = world().await;
    let (reviewer, user) = w.reviewer("reviewer@reviews.test").await;
    let a = w.assign(&user, 1).await;
    let draft = format!("/api/v1/reviews/{a}");
    assert_eq!(api(&w.app, &reviewer, &draft, w.scores(1, "6", "", "")).await.0, 200);
    assert_eq!(api(&w.app, &reviewer, &draft, w.scores(1, "7", "2", "")).await.0, 200, "a draft changes");
    let submit = format!("/api/v1/reviews/{a}/submit");
    let tries = (0..5).map(|_| api(&w.app, &reviewer, &submit, w.scores(1, "9", "3", "4")));
    let results = futures_util::future::join_all(tries).await;
    let made = results.iter().filter(|(s, _)| *s == 200).count();
    assert_eq!(made, 1, "{results:?}");
    for (status, body) in results.iter().filter(|(s, _)| *s != 200) {
        assert_eq!(*status, 422, "{body}");
        assert_eq!(body["fields"][0]["code"], "review_already_submitted", "{body}");
    }
    let (status, body) = api(&w.app, &reviewer, &draft, w.scores(1, "1", "0", "1")).await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some("review_already_submitted")));
    assert_eq!(api(&w.app, &reviewer, &submit, w.scores(1, "1", "0", "1")).await.0, 422);
    let scores = w.app.sql_text(&format!("SELECT CAST(SUM(rs.score) AS TEXT) FROM review_scores rs JOIN reviews r ON r.id = rs.review_id WHERE r.assignment_id = '{a}'")).await;
    assert_eq!(scores, "12", "9 + 3 as submitted");
    assert_eq!(w.count("SELECT COUNT(*) FROM audit_log WHERE action = 'review.submit'").await, 1);
    let (_, html) = page(&w.app, &reviewer, &format!("/reviews/{a}")).await;
    assert!(html.contains("data-test=\"submitted\"") && html.contains("<fieldset disabled>"), "{html}");
}

#[tokio::test]
async fn reviews_past_their_due_date_are_refused() {
    let w = world().await;
    let (reviewer, user) = w.reviewer("reviewer@reviews.test").await;
    let a = w.assign(&user, 1).await;
    w.app
        .sql_exec(&format!(
            "UPDATE call_stages SET reviews_due_at = {} WHERE id = '{}'",
            START_MS + DAY_MS,
            w.stages[1]
        ))
        .await;
    let (_, list) = page(&w.app, &reviewer, "/reviews").await;
    assert!(list.contains("۱ روز و ۰ ساعت مانده"), "{list}");
    w.app.clock.advance(DAY_MS);
    let submit = format!("/api/v1/reviews/{a}/submit");
    let (status, body) = api(&w.app, &reviewer, &submit, w.scores(1, "8", "4", "4")).await;
    assert_eq!(status, 422);
    assert_eq!(body["fields"][0]["code"], "review_past_due");
    assert_eq!(body["fields"][0]["message"], "مهلت این داوری گذشته است؛ برای تمدید با کارشناسان مرکز تماس بگیرید.");
    let (_, html) = page(&w.app, &reviewer, &format!("/reviews/{a}")).await;
    assert!(html.contains("data-test=\"closed\""), "{html}");
    // The assignment's own due date, as staff extend it, overrides the stage's.
    w.app.sql_exec(&format!("UPDATE assignments SET due_at = {} WHERE id = '{a}'", START_MS + 3 * DAY_MS)).await;
    assert_eq!(api(&w.app, &reviewer, &submit, w.scores(1, "8", "4", "4")).await.0, 200);
}

/// The declarations page is no way round the projection (review H1): a proposal is named only as the
/// reviewer's own assignment shows it, a person or organization only as the registry shows it to them, and
/// an id that names nothing gets the same answer as one the reviewer may not see.
#[tokio::test]
async fn the_declarations_page_names_nothing_a_double_blind_reviewer_may_not_see() {
    let w = world().await;
    let (reviewer, user) = w.reviewer("declarer@reviews.test").await;
    let blind = w.assign(&user, 1).await;
    // The applicant edited the working copy after submitting: its title names them now.
    w.app.sql_exec(&format!("UPDATE proposals SET title = 'طرح {APPLICANT}' WHERE id = '{}'", w.proposal)).await;
    // The API names the assignment, never the proposal.
    let body = reviewer.get(w.app.url(&format!("/api/v1/reviews/{blind}"))).send().await.unwrap().text().await.unwrap();
    assert!(!body.contains(&w.proposal) && !body.contains("proposal_id"), "{body}");
    // The review page links to a declaration about it by the assignment.
    let (_, html) = page(&w.app, &reviewer, &format!("/reviews/{blind}")).await;
    assert!(html.contains(&format!("/reviewing/conflicts?about=proposal&amp;about_id={blind}")), "{html}");
    let (status, form) =
        page(&w.app, &reviewer, &format!("/reviewing/conflicts?about=proposal&about_id={blind}")).await;
    assert_eq!(status, 200);
    assert!(form.contains(&format!("value=\"{blind}\"")), "prefilled: {form}");
    // Declared by the proposal's id (learnt some other way) and by the assignment: both are about the proposal.
    for about_id in [w.proposal.as_str(), blind.as_str()] {
        let fields = [("about", "proposal"), ("about_id", about_id), ("note", "همکار پیشین")];
        assert_eq!(w.app.post_form(&reviewer, "/reviewing/conflicts", &fields).await.status(), 303);
    }
    let about_proposal = format!(
        "SELECT COUNT(*) FROM declared_conflicts WHERE about_kind = 'proposal' AND about_id = '{}'",
        w.proposal
    );
    assert_eq!(w.count(&about_proposal).await, 2);
    // A private person, a person visible to reviewers, an organization that does not exist: all taken alike.
    let person = |last: &str, visibility: &str| halqe_db::people::PersonRow {
        first_name: "Zebulon".into(),
        last_name: last.into(),
        visibility: visibility.into(),
        availability: "available".into(),
        source: "test".into(),
        ..halqe_db::people::PersonRow::default()
    };
    let private = w.app.insert_person(person("Hidden", "private")).await;
    let visible = w.app.insert_person(person("Sichtbar", "agencies")).await;
    let nothing = uuid::Uuid::now_v7().to_string();
    for (about, id) in [("person", &private), ("person", &visible), ("organization", &nothing)] {
        let fields = [("about", about), ("about_id", id.as_str()), ("note", "آشنای خانوادگی")];
        assert_eq!(w.app.post_form(&reviewer, "/reviewing/conflicts", &fields).await.status(), 303, "{about}");
    }
    let (status, html) = page(&w.app, &reviewer, "/reviewing/conflicts").await;
    assert_eq!(status, 200);
    assert!(html.contains("Zebulon Sichtbar"), "a profile the reviewer may see is named: {html}");
    let html = html.replace("Zebulon Sichtbar", "");
    assert_blind("the declarations page", &html);
    assert!(!html.contains("Hidden"), "a private profile is not named: {html}");
    assert_eq!(html.matches("<li class=\"card\" data-test=\"declared\"").count(), 5, "{html}");
    assert!(html.contains("سامانهٔ پیگیری برخط شکایت‌ها از ▇▇▇"), "the proposal as the stage shows it: {html}");
    assert_eq!(html.matches("data-test=\"unnamed\"").count(), 2, "the private person and the unknown id: {html}");
}

#[tokio::test]
async fn opening_an_assignment_that_is_not_one_s_own_is_refused_and_recorded() {
    let w = world().await;
    let (owner, owner_id) = w.reviewer("owner@reviews.test").await;
    let (other, other_id) = w.reviewer("other@reviews.test").await;
    let a = w.assign(&owner_id, 1).await;
    assert_eq!(page(&w.app, &owner, &format!("/reviews/{a}")).await.0, 200);
    let refused = |reason: &str| {
        format!("SELECT COUNT(*) FROM audit_log WHERE action = 'review.access_refused' AND details LIKE '%{reason}%'")
    };
    // Someone else's assignment, or one that does not exist: 404, page and API; someone else's is recorded
    // (once a day: review M4), an id that names nothing is not.
    assert_eq!(page(&w.app, &other, &format!("/reviews/{a}")).await.0, 404);
    let r = other.get(w.app.url(&format!("/api/v1/reviews/{a}"))).send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(api(&w.app, &other, &format!("/api/v1/reviews/{a}/submit"), w.scores(1, "8", "4", "4")).await.0, 404);
    assert_eq!(page(&w.app, &other, &format!("/reviews/{}", AssignmentId::new())).await.0, 404);
    assert_eq!(w.count(&refused("unassigned")).await, 1);
    let actor = w
        .app
        .sql_text(&format!(
            "SELECT actor_id FROM audit_log WHERE action = 'review.access_refused' AND subject_id = '{a}' LIMIT 1"
        ))
        .await;
    assert_eq!(actor, other_id.to_string());
    // A removed assignment: 403 to its own reviewer, recorded.
    let removed = w.assign(&other_id, 0).await;
    w.app.sql_exec(&format!("UPDATE assignments SET state = 'removed', removed_at = {START_MS}, removed_reason = 'test' WHERE id = '{removed}'")).await;
    assert_eq!(page(&w.app, &other, &format!("/reviews/{removed}")).await.0, 403);
    assert_eq!(w.count(&refused("removed")).await, 1);
    let (_, list) = page(&w.app, &other, "/reviews").await;
    assert!(!list.contains(&removed), "removed assignments are not listed");
    // A conflict declared after the assignment: 403 and recorded.
    w.app.sql_exec(&format!(
        "INSERT INTO declared_conflicts (id, user_id, about_kind, about_id, note, created_at) VALUES ('{}', '{owner_id}', 'proposal', '{}', 'همکار پیشین', {START_MS})",
        uuid::Uuid::now_v7(), w.proposal
    )).await;
    assert_eq!(page(&w.app, &owner, &format!("/reviews/{a}")).await.0, 403);
    assert_eq!(w.count(&refused("conflicted")).await, 1);
}

/// Review M4: refusals cannot flood the audit chain. Reloading someone else's assignment is refused each
/// time and recorded once a day; ids that name nothing are never recorded; past 20 refusals an hour the
/// account gets 429; conflict declarations (each audited) are limited too.
#[tokio::test]
async fn refused_openings_and_declarations_do_not_flood_the_audit_chain() {
    let w = world().await;
    let (_, owner_id) = w.reviewer("owner@reviews.test").await;
    let (other, _) = w.reviewer("other@reviews.test").await;
    let a = w.assign(&owner_id, 1).await;
    let entries = "SELECT COUNT(*) FROM audit_log";
    let before = w.count(entries).await;
    for _ in 0..5 {
        assert_eq!(page(&w.app, &other, &format!("/reviews/{a}")).await.0, 404);
    }
    assert_eq!(w.count(entries).await, before + 1, "recorded once");
    let mut statuses = Vec::new();
    for _ in 0..20 {
        let r = other.get(w.app.url(&format!("/api/v1/reviews/{}", AssignmentId::new()))).send().await.unwrap();
        statuses.push(r.status().as_u16());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 404).count(), 15, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 5, "{statuses:?}");
    assert_eq!(page(&w.app, &other, &format!("/reviews/{a}")).await.0, 429);
    assert_eq!(w.count(entries).await, before + 1, "random ids are never recorded");
    // The next day the same refusal is recorded again, once.
    w.app.clock.advance(DAY_MS);
    assert_eq!(page(&w.app, &other, &format!("/reviews/{a}")).await.0, 404);
    assert_eq!(page(&w.app, &other, &format!("/reviews/{a}")).await.0, 404);
    assert_eq!(w.count(entries).await, before + 2);
    // Declarations: 20 an hour.
    for n in 0..21 {
        let id = uuid::Uuid::now_v7().to_string();
        let fields = [("about", "organization"), ("about_id", id.as_str()), ("note", "همکار پیشین")];
        let status = w.app.post_form(&other, "/reviewing/conflicts", &fields).await.status().as_u16();
        assert_eq!(status, if n < 20 { 303 } else { 429 }, "declaration {n}");
    }
    let declared = "SELECT COUNT(*) FROM audit_log WHERE action = 'reviewer.conflict_declare'";
    assert_eq!(w.count(declared).await, 20);
}

/// Review L2: once the proposal is decided in the stage (rejected here, or moved on), its reviews there are
/// closed, and staff cannot extend them either.
#[tokio::test]
async fn a_review_is_refused_once_its_proposal_is_decided_in_the_stage() {
    let w = world().await;
    let (reviewer, user) = w.reviewer("late@reviews.test").await;
    let a = w.assign(&user, 1).await;
    let call = w.app.sql_text(&format!("SELECT call_id FROM call_stages WHERE id = '{}'", w.stages[1])).await;
    w.app
        .sql_exec(&format!(
            "INSERT INTO proposal_evaluations (proposal_id, call_id, stage_id, version, state, revision, updated_at) \
             VALUES ('{}', '{call}', '{}', 1, 'rejected', 1, {START_MS})",
            w.proposal, w.stages[1]
        ))
        .await;
    let submit = format!("/api/v1/reviews/{a}/submit");
    let (status, body) = api(&w.app, &reviewer, &submit, w.scores(1, "8", "4", "4")).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["fields"][0]["code"], "review_closed");
    let extend = w.app.post_form(&w.staff, &format!("/evaluation/assignments/{a}/due"), &[("due", "1405/06/30")]).await;
    assert_eq!(extend.status(), 422);
    assert_eq!(w.count("SELECT COUNT(*) FROM audit_log WHERE action = 'assignment.extend'").await, 0);
    // Back in review in that stage (an appeal overturned it): open again.
    w.app
        .sql_exec(&format!("UPDATE proposal_evaluations SET state = 'in_review' WHERE proposal_id = '{}'", w.proposal))
        .await;
    assert_eq!(api(&w.app, &reviewer, &submit, w.scores(1, "8", "4", "4")).await.0, 200);
}

#[tokio::test]
async fn staff_see_raw_and_calibrated_scores_with_disagreement_and_extend_a_due_date() {
    let w = world().await;
    let mut reviewers = Vec::new();
    for n in 0..3 {
        reviewers.push(w.reviewer(&format!("r{n}@reviews.test")).await);
    }
    let mut assigned = Vec::new();
    for (client, user) in &reviewers {
        assigned.push((client, w.assign(user, 1).await));
    }
    // Two reviewers far apart (100% and 10%), the third not yet submitted.
    for ((client, a), (x, y)) in assigned.iter().take(2).zip([("10", "5"), ("1", "1")]) {
        let (status, body) = api(&w.app, client, &format!("/api/v1/reviews/{a}/submit"), w.scores(1, x, y, "4")).await;
        assert_eq!(status, 200, "{body}");
    }
    let stage = format!("/evaluation/stages/{}", w.stages[1]);
    let (status, html) = page(&w.app, &w.staff, &stage).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("data-disagreement=\"true\"") && html.contains("data-test=\"disagreement\""), "{html}");
    assert!(html.contains("۱۰۰٪") && html.contains("۱۲٪"), "weighted scores: {html}");
    assert!(html.contains("<dd data-test=\"raw-mean\">۵۶٪</dd>"), "(100 + 12) / 2: {html}");
    assert!(html.contains("data-test=\"calibrated-mean\""), "{html}");
    assert_eq!(html.matches("data-state=\"submitted\"").count(), 2);
    assert_eq!(html.matches("data-state=\"none\"").count(), 1);
    // Reviewers never reach the staff view.
    assert_eq!(page(&w.app, &reviewers[0].0, &stage).await.0, 403);
    // Staff extend the third reviewer's due date past the stage's.
    w.app
        .sql_exec(&format!(
            "UPDATE call_stages SET reviews_due_at = {} WHERE id = '{}'",
            START_MS + DAY_MS,
            w.stages[1]
        ))
        .await;
    w.app.clock.advance(2 * DAY_MS);
    let third = &assigned[2].1;
    let late = api(&w.app, assigned[2].0, &format!("/api/v1/reviews/{third}/submit"), w.scores(1, "6", "3", "3")).await;
    assert_eq!(late.1["fields"][0]["code"], "review_past_due");
    let r = w.app.post_form(&w.staff, &format!("/evaluation/assignments/{third}/due"), &[("due", "۱۳۹۰/۰۱/۰۱")]).await;
    assert_eq!(r.status(), 422, "a day already past");
    let day = deadline_in(5);
    let r = w.app.post_form(&w.staff, &format!("/evaluation/assignments/{third}/due"), &[("due", &day)]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(w.count("SELECT COUNT(*) FROM audit_log WHERE action = 'assignment.extend'").await, 1);
    let ok = api(&w.app, assigned[2].0, &format!("/api/v1/reviews/{third}/submit"), w.scores(1, "6", "3", "3")).await;
    assert_eq!(ok.0, 200, "{}", ok.1);
}
