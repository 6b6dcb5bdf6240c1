//! The introductions JSON API (`/api/v1/introductions`): the same flow, parties and rules as the pages, with
//! errors as JSON in the caller's language, and CSRF as for every unsafe request (header token, same origin).

use halqe_app::accounts::create_user::{NewAccount, create_user};
use halqe_domain::locale::Locale;
use halqe_domain::user::Role;
use halqe_testing::{PASSWORD, TestApp};
use reqwest::Client;
use serde_json::{Value, json};

const NEED: &str = "نیاز به تحلیل داده‌های منابع انسانی برای پیش‌بینی ترک خدمت کارکنان";
const EMAIL: &str = "nasrin.api@intro.test";
const MOBILE: &str = "09124445566";
const OFFICER: &str = "officer@api-intro.test";
const CANDIDATE: &str = "candidate@api-intro.test";
const REQUIRED: &str = "پر کردن این بخش الزامی است.";
const WRONG_STATE: &str = "این گام در وضعیت کنونی معرفی ممکن نیست.";

/// An officer, and a candidate (an innovator whose profile has contact details) the index can find.
struct World {
    app: TestApp,
    officer: Client,
    candidate: Client,
    person: String,
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let agency = app.agency("وزارت آزمایش").await;
    let officer = app.officer_of(OFFICER, &agency).await;
    let user = app.user(CANDIDATE, &[Role::Innovator]).await;
    let person = app.person("داده‌کاو", "تحلیل داده منابع انسانی", Some((EMAIL, MOBILE)), Some(&user)).await;
    let candidate = app.client();
    app.login(&candidate, CANDIDATE, PASSWORD).await;
    app.sync_index().await;
    World { app, officer, candidate, person }
}

impl World {
    async fn get(&self, client: &Client, path: &str) -> (u16, Value) {
        let r = client.get(self.app.url(path)).send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap())
    }

    /// A JSON request as a script on the site sends it: the CSRF token of the session in `x-csrf-token`.
    async fn post(&self, client: &Client, path: &str, body: Value) -> (u16, Value) {
        let token = self.app.csrf(client).await;
        let r = client.post(self.app.url(path)).header("x-csrf-token", token).json(&body).send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap())
    }

    /// The officer introduces the candidate for [`NEED`]; returns the introduction's path.
    async fn introduce(&self) -> String {
        let body = json!({ "need": NEED, "candidates": [format!("person:{}", self.person)], "note": "لطفاً پاسخ دهید" });
        let (status, made) = self.post(&self.officer, "/api/v1/introductions", body).await;
        assert_eq!(status, 201, "{made}");
        assert!(made["need_id"].is_string());
        let ids = made["introductions"].as_array().unwrap();
        assert_eq!(ids.len(), 1, "{made}");
        format!("/api/v1/introductions/{}", ids[0].as_str().unwrap())
    }

    async fn count(&self, sql: &str) -> i64 {
        self.app.sql_count(sql).await
    }
}

fn has_contact(json: &Value) -> bool {
    let text = json.to_string();
    text.contains(EMAIL) || text.contains(MOBILE)
}

#[tokio::test]
async fn the_whole_flow_through_json() {
    let w = world().await;
    let path = w.introduce().await;
    let id = path.rsplit('/').next().unwrap().to_owned();

    // The officer's list has it, without contact details.
    let (status, list) = w.get(&w.officer, "/api/v1/introductions").await;
    assert_eq!(status, 200);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["status"], "requested");
    assert_eq!(list[0]["candidate"], json!({ "kind": "person", "id": w.person, "name": "نسرین داده‌کاو" }));
    assert!(!has_contact(&list));

    // The candidate sees it in their list, with their own details, and may answer.
    let (_, list) = w.get(&w.candidate, "/api/v1/introductions").await;
    assert_eq!(list[0]["id"], id.as_str());
    let (status, mine) = w.get(&w.candidate, &path).await;
    assert_eq!(status, 200);
    assert!(mine["parties"]["candidate"].as_bool().unwrap() && mine["can_answer"].as_bool().unwrap());
    assert_eq!(mine["contact"][0]["email"], EMAIL);

    // Before acceptance the officer sees the need, why and the timeline, but the contact details are null.
    let (status, before) = w.get(&w.officer, &path).await;
    assert_eq!(status, 200);
    assert_eq!(before["need_text"], NEED);
    assert_eq!(before["note"], "لطفاً پاسخ دهید");
    assert!(before["contact"].is_null(), "{before}");
    assert!(!has_contact(&before), "no contact details anywhere in the answer");
    assert!(!before["can_answer"].as_bool().unwrap() && !before["can_record_outcome"].as_bool().unwrap());
    assert!(!before["why"]["signals"].as_array().unwrap().is_empty(), "the match explanation is kept");
    assert_eq!(before["events"].as_array().unwrap().len(), 1);
    assert_eq!(before["events"][0]["kind"], "requested");

    // The candidate accepts; now the officer sees how to reach them.
    let (status, accepted) = w.post(&w.candidate, &format!("{path}/accept"), json!({})).await;
    assert_eq!(status, 200, "{accepted}");
    assert_eq!(accepted["status"], "accepted");
    let (_, after) = w.get(&w.officer, &path).await;
    assert_eq!(after["status"], "accepted");
    assert_eq!(after["contact"], json!([{ "name": "نسرین داده‌کاو", "email": EMAIL, "mobile": MOBILE }]));
    assert!(after["can_record_outcome"].as_bool().unwrap());
    assert!(after["answered_at"].is_i64());

    // The officer records the outcome.
    let (status, engaged) = w.post(&w.officer, &format!("{path}/outcome"), json!({ "outcome": "engaged" })).await;
    assert_eq!(status, 200, "{engaged}");
    assert_eq!(engaged["status"], "engaged");
    let kinds: Vec<&str> = engaged["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["requested", "accepted", "engaged"]);

    // Both write in the thread; the other side is mailed.
    let asks = "آیا هفته آینده برای جلسه وقت دارید؟";
    let (status, thread) = w.post(&w.officer, &format!("{path}/messages"), json!({ "body": asks })).await;
    assert_eq!(status, 201, "{thread}");
    assert_eq!(thread["messages"][0]["body"], asks);
    let answers = "بله، سه‌شنبه در خدمتم.";
    assert_eq!(w.post(&w.candidate, &format!("{path}/messages"), json!({ "body": answers })).await.0, 201);
    let (_, seen) = w.get(&w.officer, &path).await;
    let bodies: Vec<&str> = seen["messages"].as_array().unwrap().iter().map(|m| m["body"].as_str().unwrap()).collect();
    assert_eq!(bodies, [asks, answers]);
    assert!(w.app.mail_to(CANDIDATE).await.iter().any(|m| m.subject == "پیام تازه درباره یک معرفی"));
    assert!(w.app.mail_to(OFFICER).await.iter().any(|m| m.subject == "پیام تازه درباره یک معرفی"));

    // The same audit record as the pages write, and no mail carries contact details.
    for (action, n) in [
        ("introduction.request", 1),
        ("introduction.accepted", 1),
        ("introduction.engaged", 1),
        ("introduction.message", 2),
    ] {
        assert_eq!(w.count(&format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'")).await, n, "{action}");
    }
    let leaks = w
        .count(&format!(
            "SELECT COUNT(*) FROM mail_outbox WHERE body_text LIKE '%{EMAIL}%' OR body_text LIKE '%{MOBILE}%'"
        ))
        .await;
    assert_eq!(leaks, 0);
}

#[tokio::test]
async fn declining_keeps_the_contact_details_hidden() {
    let w = world().await;
    let path = w.introduce().await;
    let (status, declined) = w.post(&w.candidate, &format!("{path}/decline"), json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(declined["status"], "declined");
    let (_, seen) = w.get(&w.officer, &path).await;
    assert!(seen["contact"].is_null() && !has_contact(&seen));
}

#[tokio::test]
async fn anyone_who_is_no_party_gets_not_found() {
    let w = world().await;
    let path = w.introduce().await;
    let other_agency = w.app.agency("استانداری دیگر").await;
    let other_officer = w.app.officer_of("other.officer@api-intro.test", &other_agency).await;
    let stranger = w.app.signed_in("stranger@api-intro.test", &[Role::Innovator]).await;
    for (who, client) in [("other officer", &other_officer), ("other innovator", &stranger)] {
        let (status, err) = w.get(client, &path).await;
        assert_eq!(status, 404, "{who}");
        assert_eq!(err["error"], "not_found");
        assert_eq!(err["message"], "صفحه پیدا نشد");
        for (action, body) in [
            ("accept", json!({})),
            ("decline", json!({})),
            ("outcome", json!({ "outcome": "engaged" })),
            ("messages", json!({ "body": "سلام" })),
        ] {
            let (status, err) = w.post(client, &format!("{path}/{action}"), body).await;
            assert_eq!(status, 404, "{who} {action}: {err}");
            assert_eq!(err["error"], "not_found");
        }
        let (_, list) = w.get(client, "/api/v1/introductions").await;
        assert_eq!(list, json!([]), "{who} lists nothing");
    }
    assert_eq!(w.get(&w.officer, "/api/v1/introductions/not-an-id").await.0, 404);
    assert_eq!(w.count("SELECT COUNT(*) FROM messages").await, 0);
    assert_eq!(w.count("SELECT COUNT(*) FROM introductions WHERE status = 'requested'").await, 1);
}

#[tokio::test]
async fn the_wrong_role_or_side_is_forbidden() {
    let w = world().await;
    let path = w.introduce().await;
    let before = w.count("SELECT COUNT(*) FROM introductions").await;

    // Innovators may not send introductions (the route rule), whatever the body.
    let body = json!({ "need": NEED, "candidates": [format!("person:{}", w.person)] });
    let (status, err) = w.post(&w.candidate, "/api/v1/introductions", body).await;
    assert_eq!(status, 403);
    assert_eq!(err, json!({ "error": "forbidden", "status": 403, "message": "دسترسی مجاز نیست" }));

    // The parties may not take each other's steps (the app layer).
    let (status, err) = w.post(&w.officer, &format!("{path}/accept"), json!({})).await;
    assert_eq!((status, err["error"].as_str()), (403, Some("forbidden")), "the officer may not accept");
    let (status, _) = w.post(&w.candidate, &format!("{path}/outcome"), json!({ "outcome": "engaged" })).await;
    assert_eq!(status, 403, "the candidate may not record the outcome");

    // Without a session: 401, in the visitor's language.
    let anonymous = w.app.client();
    let (status, err) = w.get(&anonymous, &path).await;
    assert_eq!(status, 401);
    assert_eq!(err["error"], "unauthenticated");
    assert_eq!(err["message"], "ورود لازم است");

    // An account in English gets the messages in English.
    let account = NewAccount {
        email: "english@api-intro.test".into(),
        display_name: "English innovator".into(),
        password: PASSWORD.into(),
        roles: vec![Role::Innovator],
        agency_id: None,
        locale: Locale::En,
    };
    create_user(&w.app.app, &account).await.unwrap();
    let english = w.app.client();
    w.app.login(&english, "english@api-intro.test", PASSWORD).await;
    let (status, err) = w.post(&english, "/api/v1/introductions", json!({})).await;
    assert_eq!((status, err["message"].as_str()), (403, Some("Not allowed")), "{err}");

    assert_eq!(w.count("SELECT COUNT(*) FROM introductions").await, before);
    assert_eq!(w.count("SELECT COUNT(*) FROM introductions WHERE status = 'requested'").await, 1);
}

#[tokio::test]
async fn bad_input_is_a_json_error_in_persian_and_writes_nothing() {
    let w = world().await;
    let candidate = format!("person:{}", w.person);
    let audit = w.count("SELECT COUNT(*) FROM audit_log").await;

    // No need text: 422 with the field's message, as the page shows it.
    let (status, err) = w.post(&w.officer, "/api/v1/introductions", json!({ "candidates": [candidate] })).await;
    assert_eq!(status, 422, "{err}");
    assert_eq!(err["error"], "invalid_input");
    assert_eq!(err["message"], "داده‌های فرستاده‌شده پذیرفته نشد");
    assert_eq!(err["fields"], json!([{ "field": "need", "code": "required", "message": REQUIRED }]));

    // No candidate, a malformed candidate, a body that is not JSON.
    let (status, err) = w.post(&w.officer, "/api/v1/introductions", json!({ "need": NEED })).await;
    assert_eq!(
        (status, &err["fields"][0]["field"], &err["fields"][0]["code"]),
        (422, &json!("candidates"), &json!("required"))
    );
    let (status, err) =
        w.post(&w.officer, "/api/v1/introductions", json!({ "need": NEED, "candidates": ["wizard:42"] })).await;
    assert_eq!((status, err["fields"][0]["code"].as_str()), (422, Some("choice")));
    assert_eq!(err["fields"][0]["message"], "یکی از گزینه‌ها را انتخاب کنید.");
    let token = w.app.csrf(&w.officer).await;
    let r = w
        .officer
        .post(w.app.url("/api/v1/introductions"))
        .header("x-csrf-token", token)
        .header("content-type", "application/json")
        .body("{\"need\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let err: Value = r.json().await.unwrap();
    assert_eq!((err["error"].as_str(), err["message"].as_str()), (Some("bad_request"), Some("درخواست نادرست")));
    for table in ["needs", "introductions", "introduction_events"] {
        assert_eq!(w.count(&format!("SELECT COUNT(*) FROM {table}")).await, 0, "{table}");
    }
    assert_eq!(w.count("SELECT COUNT(*) FROM audit_log").await, audit);
    assert!(w.app.mail_to(CANDIDATE).await.is_empty());

    // Steps: an outcome before acceptance, a reason missing, an empty message, answering twice.
    let path = w.introduce().await;
    let (status, err) = w.post(&w.officer, &format!("{path}/outcome"), json!({ "outcome": "engaged" })).await;
    assert_eq!(status, 422);
    assert_eq!(err["fields"], json!([{ "field": "step", "code": "introduction_wrong_state", "message": WRONG_STATE }]));
    assert_eq!(w.post(&w.candidate, &format!("{path}/accept"), json!({})).await.0, 200);
    let (status, err) = w.post(&w.candidate, &format!("{path}/accept"), json!({})).await;
    assert_eq!((status, err["fields"][0]["message"].as_str()), (422, Some(WRONG_STATE)), "accepting twice");
    let (status, err) =
        w.post(&w.officer, &format!("{path}/outcome"), json!({ "outcome": "not_engaged", "reason": "  " })).await;
    assert_eq!(status, 422);
    assert_eq!(err["fields"], json!([{ "field": "reason", "code": "required", "message": REQUIRED }]));
    let (status, err) = w.post(&w.officer, &format!("{path}/outcome"), json!({ "outcome": "hired" })).await;
    assert_eq!((status, err["fields"][0]["field"].as_str()), (422, Some("outcome")));
    let (status, err) = w.post(&w.officer, &format!("{path}/messages"), json!({ "body": " " })).await;
    assert_eq!((status, err["fields"][0]["field"].as_str()), (422, Some("body")));
    let (status, _) = w.post(&w.officer, &format!("{path}/messages"), json!({ "body": 7 })).await;
    assert_eq!(status, 400, "a body of the wrong type");

    let (_, seen) = w.get(&w.officer, &path).await;
    assert_eq!(seen["status"], "accepted");
    assert_eq!(seen["messages"], json!([]));
    assert_eq!(seen["events"].as_array().unwrap().len(), 2, "requested, accepted: nothing refused was recorded");
    let written = w.count("SELECT COUNT(*) FROM audit_log").await - audit;
    assert_eq!(written, 2, "the request and the acceptance only");
}

#[tokio::test]
async fn state_changes_need_the_header_token_and_the_same_origin() {
    let w = world().await;
    let body = json!({ "need": NEED, "candidates": [format!("person:{}", w.person)] });
    let url = w.app.url("/api/v1/introductions");

    // A cookie session alone changes nothing: no token, a token in the JSON body, another session's token.
    let r = w.officer.post(&url).json(&body).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let err: Value = r.json().await.unwrap();
    assert_eq!((err["error"].as_str(), err["message"].as_str()), (Some("csrf"), Some("درخواست پذیرفته نشد")));
    let token = w.app.csrf(&w.officer).await;
    let mut with_field = body.clone();
    with_field["_csrf"] = json!(token);
    assert_eq!(w.officer.post(&url).json(&with_field).send().await.unwrap().status(), 403, "the body is not read");
    let foreign = w.app.csrf(&w.candidate).await;
    assert_eq!(w.officer.post(&url).header("x-csrf-token", foreign).json(&body).send().await.unwrap().status(), 403);

    // Even with the right token, another origin is refused.
    for (name, value) in [("origin", "https://evil.example"), ("sec-fetch-site", "cross-site")] {
        let r = w.officer.post(&url).header("x-csrf-token", &token).header(name, value).json(&body).send().await;
        assert_eq!(r.unwrap().status(), 403, "{name}: {value}");
    }
    assert_eq!(w.count("SELECT COUNT(*) FROM introductions").await, 0);
    assert_eq!(w.count("SELECT COUNT(*) FROM needs").await, 0);

    let r = w.officer.post(&url).header("x-csrf-token", &token).header("origin", &w.app.base).json(&body).send().await;
    assert_eq!(r.unwrap().status(), 201, "the same origin with the token");
}

#[tokio::test]
async fn the_openapi_document_describes_the_introductions_api() {
    let app = TestApp::spawn().await;
    let doc: Value = app.client().get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    let paths = &doc["paths"];
    for (path, methods) in [
        ("/api/v1/introductions", &["get", "post"][..]),
        ("/api/v1/introductions/{id}", &["get"]),
        ("/api/v1/introductions/{id}/accept", &["post"]),
        ("/api/v1/introductions/{id}/decline", &["post"]),
        ("/api/v1/introductions/{id}/outcome", &["post"]),
        ("/api/v1/introductions/{id}/messages", &["post"]),
    ] {
        for m in methods {
            assert!(paths[path][m].is_object(), "{m} {path} is documented");
            assert_eq!(paths[path][m]["tags"], json!(["introductions"]), "{m} {path}");
            for (code, response) in paths[path][m]["responses"].as_object().unwrap() {
                let described = response["description"].as_str().is_some_and(|d| !d.is_empty());
                assert!(described, "{m} {path} {code} has a description");
            }
        }
    }
    let schemas = &doc["components"]["schemas"];
    for schema in ["IntroductionSummary", "IntroductionDetail", "NewIntroductions", "OutcomeInput", "MessageInput"] {
        assert!(schemas[schema].is_object(), "schema {schema}");
    }
    assert!(schemas["ApiError"]["properties"]["message"].is_object(), "errors carry a localized message");
    assert!(paths["/api/v1/introductions/{id}"]["get"]["responses"]["404"].is_object());
}
