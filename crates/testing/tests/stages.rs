//! A call's evaluation stages (issue 11): staff add stages with a blind mode and a gate rule, then criteria
//! with weights and scales; every input is bounded and every addition audited.

use halqe_domain::user::Role;
use halqe_testing::TestApp;
use reqwest::Client;

/// A page's status and HTML, without Fluent's bidi isolation marks around arguments.
async fn page(app: &TestApp, client: &Client, path: &str) -> (u16, String) {
    let r = client.get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap().replace(['\u{2068}', '\u{2069}'], ""))
}

async fn post(app: &TestApp, client: &Client, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
    let r = app.post_form(client, path, fields).await;
    let status = r.status().as_u16();
    let to = r.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    (status, if status == 303 { to } else { r.text().await.unwrap() })
}

/// The ids of the stages on the page, in order.
fn stage_ids(html: &str) -> Vec<String> {
    html.split("id=\"stage-").skip(1).map(|s| s[..36].to_owned()).collect()
}

#[tokio::test]
async fn staff_configure_stages_with_gates_and_criteria() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("staff@stages.test", &[Role::Staff]).await;
    let call = [("title", "فراخوان نوآوری اداری"), ("opens", "1405/01/15"), ("closes", "1405/06/31")];
    let (status, to) = post(&app, &staff, "/calls", &call).await;
    assert_eq!(status, 303, "{to}");
    let call = to.trim_start_matches("/calls/").to_owned();
    let stages = format!("/calls/{call}/stages");
    let (_, show) = page(&app, &staff, &format!("/calls/{call}")).await;
    assert!(show.contains(&format!("href=\"{stages}\"")), "the call links its stages for staff");
    let (_, anonymous) = page(&app, &app.client(), &format!("/calls/{call}")).await;
    assert!(!anonymous.contains(&stages));
    let (status, html) = page(&app, &staff, &stages).await;
    assert_eq!(status, 200);
    assert!(html.contains("هنوز مرحله‌ای تعریف نشده است."), "{html}");

    let screening = [("name", "غربالگری اولیه"), ("blind", "single"), ("gate", "threshold"), ("gate_value", "۶۰")];
    let expert = [("name", "داوری تخصصی"), ("blind", "double"), ("gate", "top_n"), ("gate_value", "20")];
    let panel = [("name", "هیئت داوران و ارائهٔ حضوری"), ("blind", "single"), ("gate", "panel"), ("gate_value", "")];
    for stage in [&screening[..], &expert, &panel] {
        assert_eq!(post(&app, &staff, &stages, stage).await, (303, stages.clone()));
    }
    let (_, html) = page(&app, &staff, &stages).await;
    let ids = stage_ids(&html);
    assert_eq!(ids.len(), 3, "{html}");
    let order: Vec<usize> =
        ["غربالگری اولیه", "داوری تخصصی", "هیئت داوران"].iter().map(|n| html.find(n).unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "stages in the order added");
    for text in ["دست‌کم ۶۰ درصد", "۲۰ طرح با بیشترین امتیاز وزنی", "تصمیم هیئت", "دوسوناشناس", "یک‌سوناشناس"]
    {
        assert!(html.contains(text), "{text}: {html}");
    }

    let criteria = format!("/calls/{call}/stages/{}/criteria", ids[1]);
    let novelty = [
        ("name", "نوآوری"),
        ("description", "تا چه حد راه‌حل تازه است"),
        ("weight", "40"),
        ("scale_min", "1"),
        ("scale_max", "5"),
    ];
    let feasibility =
        [("name", "امکان‌پذیری"), ("description", ""), ("weight", "۶۰"), ("scale_min", "0"), ("scale_max", "10")];
    for criterion in [&novelty[..], &feasibility] {
        assert_eq!(post(&app, &staff, &criteria, criterion).await, (303, stages.clone()));
    }
    let (_, html) = page(&app, &staff, &stages).await;
    let expert_card = html.split("id=\"stage-").nth(2).unwrap();
    assert!(
        expert_card.contains("نوآوری") && expert_card.contains("امکان‌پذیری") && expert_card.contains("۱–۵"),
        "{expert_card}"
    );
    assert!(expert_card.contains("۰–۱۰") && expert_card.contains("تا چه حد راه‌حل تازه است"));
    let stored = app.sql_count(&format!("SELECT COUNT(*) FROM stage_criteria WHERE stage_id = '{}'", ids[1])).await;
    assert_eq!(stored, 2);

    // English pages show the same configuration in English.
    app.post_form(&staff, "/lang", &[("lang", "en")]).await;
    let (_, html) = page(&app, &staff, &stages).await;
    for text in ["At least 60% of the best possible weighted score", "The 20 best weighted scores", "Double-blind"] {
        assert!(html.contains(text), "{text}: {html}");
    }

    let audited = app
        .sql_count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE subject_id = '{call}' AND action IN ('call.stage_add', 'call.criterion_add')"
        ))
        .await;
    assert_eq!(audited, 5, "three stages and two criteria");
}

#[tokio::test]
async fn bad_stages_and_criteria_are_refused_with_the_field_named() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("staff@stages.test", &[Role::Staff]).await;
    let (_, to) =
        post(&app, &staff, "/calls", &[("title", "فراخوان"), ("opens", "1405/01/15"), ("closes", "1405/06/31")]).await;
    let call = to.trim_start_matches("/calls/").to_owned();
    let stages = format!("/calls/{call}/stages");
    let good = [("name", "مرحله"), ("blind", "single"), ("gate", "threshold"), ("gate_value", "50")];
    let with = |field: &str, value: String| -> Vec<(String, String)> {
        good.iter().map(|(k, v)| ((*k).to_owned(), if *k == field { value.clone() } else { (*v).to_owned() })).collect()
    };
    for (field, value) in [
        ("gate_value", "150".to_owned()),
        ("gate_value", "نیم".to_owned()),
        ("gate", "lottery".to_owned()),
        ("blind", "open".to_owned()),
        ("name", " ".to_owned()),
        ("name", "ا".repeat(121)),
    ] {
        let form = with(field, value.clone());
        let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (status, body) = post(&app, &staff, &stages, &fields).await;
        let named = if field == "gate_value" { "gate" } else { field };
        assert_eq!(status, 422, "{field}={value}: {body}");
        assert!(body.contains(&format!("id=\"e-{named}\"")), "{field}={value}: {body}");
    }
    let at_max = with("name", "ا".repeat(120));
    let fields: Vec<(&str, &str)> = at_max.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(post(&app, &staff, &stages, &fields).await.0, 303, "120 characters are accepted");
    for _ in 1..8 {
        assert_eq!(post(&app, &staff, &stages, &good).await.0, 303);
    }
    let (status, body) = post(&app, &staff, &stages, &good).await;
    assert_eq!(status, 422, "a ninth stage");
    assert!(body.contains("شمار موارد از حد مجاز بیشتر است."), "{body}");
    assert_eq!(app.sql_count(&format!("SELECT COUNT(*) FROM call_stages WHERE call_id = '{call}'")).await, 8);

    let (_, html) = page(&app, &staff, &stages).await;
    let stage = stage_ids(&html)[0].clone();
    let criteria = format!("/calls/{call}/stages/{stage}/criteria");
    let good = [("name", "اثر"), ("description", ""), ("weight", "30"), ("scale_min", "1"), ("scale_max", "5")];
    let long = "ا".repeat(1001);
    for (field, value) in [
        ("weight", "0"),
        ("weight", "101"),
        ("weight", "2.5"),
        ("scale_max", "1"),
        ("scale_max", "500"),
        ("scale_min", "3"),
        ("description", long.as_str()),
        ("name", ""),
    ] {
        let fields: Vec<(&str, &str)> = good.iter().map(|&(k, v)| (k, if k == field { value } else { v })).collect();
        let (status, body) = post(&app, &staff, &criteria, &fields).await;
        let named = if field == "scale_min" { "scale_max" } else { field };
        assert_eq!(status, 422, "{field}={value}: {body}");
        assert!(body.contains(&format!("id=\"e-{named}\"")), "{field}={value}");
        assert!(
            body.contains(&format!("value=\"{}\"", if field == "name" { "30" } else { "اثر" })),
            "what was sent comes back"
        );
    }
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM stage_criteria").await, 0);

    // A stage of another call, or no stage, is not found; other roles never reach the pages.
    let (_, to) =
        post(&app, &staff, "/calls", &[("title", "دیگری"), ("opens", "1405/01/15"), ("closes", "1405/06/31")]).await;
    let other = to.trim_start_matches("/calls/").to_owned();
    assert_eq!(post(&app, &staff, &format!("/calls/{other}/stages/{stage}/criteria"), &good).await.0, 404);
    assert_eq!(post(&app, &staff, &format!("/calls/{call}/stages/{other}/criteria"), &good).await.0, 404);
    assert_eq!(page(&app, &staff, "/calls/0190a4c8-0000-7000-8000-000000000000/stages").await.0, 404);
    let innovator = app.signed_in("innovator@stages.test", &[Role::Innovator]).await;
    assert_eq!(page(&app, &innovator, &stages).await.0, 403);
    assert_eq!(post(&app, &innovator, &stages, &good).await.0, 403);
}

/// Review L3: once reviewers are assigned in a stage its rubric is frozen, so no submitted review lacks a
/// criterion (it would drop out of the results and the gate); a stage without assignments still takes one.
#[tokio::test]
async fn a_stage_s_criteria_are_frozen_once_reviewers_are_assigned() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("staff@stages.test", &[Role::Staff]).await;
    let w = halqe_testing::evaluation::world(&app, &[("threshold", 50), ("panel", 0)], 1).await;
    w.review(&app, 0, &w.applicants[0].proposal, (3, 3)).await;
    let criterion = [("name", "اثر"), ("description", ""), ("weight", "30"), ("scale_min", "1"), ("scale_max", "5")];
    let first = format!("/calls/{}/stages/{}/criteria", w.call, w.stages[0].0);
    let (status, body) = post(&app, &staff, &first, &criterion).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("معیارهای آن دیگر تغییر نمی‌کند"), "{body}");
    let count = |stage: &str| format!("SELECT COUNT(*) FROM stage_criteria WHERE stage_id = '{stage}'");
    assert_eq!(app.sql_count(&count(&w.stages[0].0)).await, 2);
    let second = format!("/calls/{}/stages/{}/criteria", w.call, w.stages[1].0);
    assert_eq!(post(&app, &staff, &second, &criterion).await.0, 303);
    assert_eq!(app.sql_count(&count(&w.stages[1].0)).await, 3);
}

/// Review L2: staff set a stage's reviewers per proposal, review due day and appeal days on the stages page,
/// bounded and audited; the stage's due day reaches every assignment not extended one by one.
#[tokio::test]
async fn staff_set_a_stage_s_reviewers_due_day_and_appeal_days() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("staff@stages.test", &[Role::Staff]).await;
    let w = halqe_testing::evaluation::world(&app, &[("threshold", 50)], 1).await;
    let stage = &w.stages[0].0;
    let plan = format!("/calls/{}/stages/{stage}/plan", w.call);
    let stages = format!("/calls/{}/stages", w.call);
    let (status, html) = page(&app, &staff, &stages).await;
    assert_eq!(status, 200);
    assert!(html.contains("data-test=\"stage-plan\""), "{html}");
    // Bad input is refused with the field named, nothing changed.
    let today = halqe_domain::calendar::date_input(halqe_testing::START_MS, halqe_domain::locale::Locale::Fa);
    let yesterday =
        halqe_domain::calendar::date_input(halqe_testing::START_MS - 86_400_000, halqe_domain::locale::Locale::Fa);
    for (field, fields) in [
        ("reviewers_per_proposal", [("reviewers_per_proposal", "0"), ("reviews_due", ""), ("appeal_days", "14")]),
        ("reviewers_per_proposal", [("reviewers_per_proposal", "21"), ("reviews_due", ""), ("appeal_days", "14")]),
        ("reviews_due", [("reviewers_per_proposal", "3"), ("reviews_due", yesterday.as_str()), ("appeal_days", "14")]),
        ("reviews_due", [("reviewers_per_proposal", "3"), ("reviews_due", "فردا"), ("appeal_days", "14")]),
        ("appeal_days", [("reviewers_per_proposal", "3"), ("reviews_due", ""), ("appeal_days", "91")]),
    ] {
        let (status, body) = post(&app, &staff, &plan, &fields).await;
        assert_eq!(status, 422, "{fields:?}: {body}");
        assert!(body.contains(&format!("id=\"e-{field}\"")), "{fields:?}: {body}");
    }
    // The form has no free text: each field is a number or a day of fixed shape, bounded by its parser.
    // Past those bounds (and far past them, a 100 KB field) it is a localized 422 naming the field.
    let (digits, day) = ("۳".repeat(50_000), "۱".repeat(halqe_domain::calendar::MAX_DATE_INPUT_BYTES / 2 + 1));
    for (field, fields) in [
        (
            "reviewers_per_proposal",
            [("reviewers_per_proposal", digits.as_str()), ("reviews_due", ""), ("appeal_days", "14")],
        ),
        ("reviews_due", [("reviewers_per_proposal", "3"), ("reviews_due", day.as_str()), ("appeal_days", "14")]),
        ("appeal_days", [("reviewers_per_proposal", "3"), ("reviews_due", ""), ("appeal_days", digits.as_str())]),
    ] {
        let (status, body) = post(&app, &staff, &plan, &fields).await;
        assert_eq!(status, 422, "{field} past its bound: {}", &body[..body.len().min(400)]);
        assert!(body.contains(&format!("id=\"e-{field}\"")), "{field} named");
    }
    let row = format!("SELECT reviewers_per_proposal || ':' || appeal_days FROM call_stages WHERE id = '{stage}'");
    assert_eq!(app.sql_text(&row).await, "3:14", "the defaults");
    // Today is accepted (reviews close at its end), in Persian digits.
    let fields = [("reviewers_per_proposal", "۵"), ("reviews_due", today.as_str()), ("appeal_days", "۳۰")];
    assert_eq!(post(&app, &staff, &plan, &fields).await, (303, stages.clone()));
    assert_eq!(app.sql_text(&row).await, "5:30");
    let due = app.sql_count(&format!("SELECT reviews_due_at FROM call_stages WHERE id = '{stage}'")).await;
    assert!(due > halqe_testing::START_MS && due <= halqe_testing::START_MS + 86_400_000, "the end of today: {due}");
    let audited = app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'call.stage_plan'").await;
    assert_eq!(audited, 1);
    let (_, html) = page(&app, &staff, &stages).await;
    assert!(html.contains(&format!("value=\"{today}\"")), "the day is shown back: {html}");
    // A stage of another call is not found; other roles never reach the form.
    let other = halqe_testing::evaluation::world(&app, &[("panel", 0)], 1).await;
    assert_eq!(post(&app, &staff, &format!("/calls/{}/stages/{stage}/plan", other.call), &fields).await.0, 404);
    let innovator = app.signed_in("innovator@stages.test", &[Role::Innovator]).await;
    assert_eq!(post(&app, &innovator, &plan, &fields).await.0, 403);
    // Blank: no due date again.
    let fields = [("reviewers_per_proposal", "3"), ("reviews_due", ""), ("appeal_days", "30")];
    assert_eq!(post(&app, &staff, &plan, &fields).await.0, 303);
    let open = format!("SELECT COUNT(*) FROM call_stages WHERE id = '{stage}' AND reviews_due_at IS NULL");
    assert_eq!(app.sql_count(&open).await, 1);
}

#[tokio::test]
async fn the_demo_call_has_its_two_stages() {
    let app = TestApp::spawn().await;
    halqe_app::demo::load(&app.app).await.unwrap();
    let (_, calls) = page(&app, &app.client(), "/calls").await;
    let call = calls.split("href=\"/calls/").nth(1).unwrap_or_else(|| panic!("{calls}"))[..36].to_owned();
    let staff = app.client();
    app.login(&staff, "staff@halqe.demo", halqe_app::demo::DEMO_PASSWORD).await;
    let (status, html) = page(&app, &staff, &format!("/calls/{call}/stages")).await;
    assert_eq!(status, 200);
    assert_eq!(stage_ids(&html).len(), 2, "{html}");
    for text in ["غربال اولیه", "داوری تخصصی و ارائهٔ حضوری", "دست‌کم ۶۰ درصد", "تصمیم هیئت", "امکان‌پذیری فنی"]
    {
        assert!(html.contains(text), "{text}: {html}");
    }
}
