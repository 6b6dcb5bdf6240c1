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
