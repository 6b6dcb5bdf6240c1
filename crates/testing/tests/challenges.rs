//! Challenges end to end: an officer writes one from the template (deadline typed in Solar Hijri with
//! Persian digits), staff return it with comments, approve and publish it; the public finds it through the
//! index and the Atom feed; an edit after publication sends it back to review and records what changed;
//! only the owning agency's officers and staff act on it, each transition on the audit chain.

use halqe_domain::calendar;
use halqe_domain::user::Role;
use halqe_testing::world::deadline_in;
use halqe_testing::{START_MS, TestApp};
use reqwest::{Client, Response};

const DAY_MS: i64 = 86_400_000;

async fn page(app: &TestApp, client: &Client, path: &str) -> (u16, String) {
    let r = client.get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

fn location(r: &Response) -> String {
    r.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

/// A complete challenge form with `overrides` applied.
fn form(overrides: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let deadline = deadline_in(10);
    let mut f: Vec<(&'static str, String)> = vec![
        ("title", "کاهش زمان رسیدگی به شکایت‌های استخدامی".into()),
        ("problem", "رسیدگی به شکایت داوطلبان آزمون استخدامی به‌طور میانگین ۴۵ روز طول می‌کشد.".into()),
        ("affected", "داوطلبان آزمون و کارشناسان هیئت رسیدگی".into()),
        ("evidence", "۱۲٬۰۰۰ شکایت در سال ۱۴۰۴".into()),
        ("outcome", "پاسخ به شکایت در کمتر از ۷ روز".into()),
        ("success_measure", "میانگین زمان پاسخ".into()),
        ("constraints", "داده‌های داوطلبان محرمانه است.".into()),
        ("maturity", "prototype".into()),
        ("budget_min", "۵۰۰".into()),
        ("budget_max", "2,000".into()),
        ("support", "data_access".into()),
        ("support", "pilot_site".into()),
        ("deadline", deadline),
        ("eligibility", "both".into()),
        ("provinces", "tehran".into()),
        ("provinces", "fars".into()),
    ];
    for (k, v) in overrides {
        f.retain(|(name, _)| name != k);
        f.push((k, (*v).to_owned()));
    }
    f
}

async fn post(app: &TestApp, client: &Client, path: &str, fields: &[(&str, String)]) -> Response {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(client, path, &pairs).await
}

async fn step(app: &TestApp, client: &Client, id: &str, step: &str, reason: &str) -> Response {
    app.post_form(client, &format!("/challenges/{id}/steps"), &[("step", step), ("reason", reason)]).await
}

struct World {
    app: TestApp,
    officer: Client,
    other_officer: Client,
    staff: Client,
    innovator: Client,
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let agency = app.agency("سازمان اداری و استخدامی کشور").await;
    let officer = app.officer_of("officer@challenge.test", &agency).await;
    let other = app.agency("وزارت نیرو").await;
    let other_officer = app.officer_of("other@challenge.test", &other).await;
    let staff = app.signed_in("staff@challenge.test", &[Role::Staff]).await;
    let innovator = app.signed_in("innovator@challenge.test", &[Role::Innovator]).await;
    World { app, officer, other_officer, staff, innovator }
}

impl World {
    /// The officer writes a draft; returns its id.
    async fn draft(&self, overrides: &[(&'static str, &str)]) -> String {
        let r = post(&self.app, &self.officer, "/challenges", &form(overrides)).await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        location(&r).trim_start_matches("/challenges/").to_owned()
    }

    /// A draft taken through review to publication.
    async fn published(&self, overrides: &[(&'static str, &str)]) -> String {
        let id = self.draft(overrides).await;
        halqe_testing::world::publish(&self.app, &self.officer, &self.staff, &id).await;
        id
    }

    async fn status(&self, id: &str) -> String {
        let mut conn = self.app.app.db.conn().await.unwrap();
        let found = halqe_db::challenges::by_id(&mut conn, &halqe_domain::ids::ChallengeId::from_db(id.into()))
            .await
            .unwrap()
            .unwrap();
        found.row.status.code().to_owned()
    }

    /// Ids the public catalogue finds for a query string.
    async fn catalogue(&self, query: &str) -> Vec<String> {
        self.app.sync_index().await;
        let (status, html) = page(&self.app, &self.app.client(), &format!("/challenges?{query}")).await;
        assert_eq!(status, 200, "{html}");
        html.split("data-test=\"challenge-result\" data-id=\"")
            .skip(1)
            .filter_map(|s| s.get(..36).map(str::to_owned))
            .collect()
    }
}

#[tokio::test]
async fn a_challenge_goes_from_draft_through_review_to_the_public_and_back_to_review_when_edited() {
    let w = world().await;
    let app = &w.app;
    let id = w.draft(&[]).await;
    assert_eq!(w.status(&id).await, "draft");

    // A draft exists only for its agency's officers and staff.
    let (status, html) = page(app, &w.officer, &format!("/challenges/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("data-status=\"draft\""), "{html}");
    assert!(html.contains("\u{2068}۱۰\u{2069} روز مانده"), "time remaining in Persian digits: {html}");
    assert!(html.contains("۵۰۰") && html.contains("۲٬۰۰۰"), "the budget in Persian digits");
    for client in [&app.client(), &w.other_officer, &w.innovator] {
        assert_eq!(page(app, client, &format!("/challenges/{id}")).await.0, 404);
    }
    assert_eq!(page(app, &w.staff, &format!("/challenges/{id}")).await.0, 200);
    assert!(w.catalogue("").await.is_empty(), "no draft in the catalogue");

    // The officer cannot approve their own; staff cannot submit for the agency.
    assert_eq!(step(app, &w.officer, &id, "approve", "").await.status(), 403);
    assert_eq!(step(app, &w.staff, &id, "submit", "").await.status(), 403);
    assert_eq!(step(app, &w.officer, &id, "submit", "").await.status(), 303);
    assert_eq!(w.status(&id).await, "submitted");
    let (_, queue) = page(app, &w.staff, "/challenges/review").await;
    assert!(queue.contains(&id), "in the staff review queue");

    // Returning needs comments; they are shown to the agency.
    let r = step(app, &w.staff, &id, "return", "  ").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("پر کردن این بخش الزامی است."));
    let comments = "سنجهٔ موفقیت را با عدد هدف بنویسید.";
    assert_eq!(step(app, &w.staff, &id, "return", comments).await.status(), 303);
    assert_eq!(w.status(&id).await, "returned");
    let (_, html) = page(app, &w.officer, &format!("/challenges/{id}")).await;
    assert!(html.contains(comments), "{html}");

    // Submitting again, approving, publishing: now public.
    assert_eq!(step(app, &w.officer, &id, "submit", "").await.status(), 303);
    assert_eq!(step(app, &w.staff, &id, "publish", "").await.status(), 422, "publishing needs approval first");
    assert_eq!(step(app, &w.staff, &id, "approve", "").await.status(), 303);
    assert_eq!(step(app, &w.staff, &id, "publish", "").await.status(), 303);
    assert_eq!(w.status(&id).await, "published");
    let (status, html) = page(app, &app.client(), &format!("/challenges/{id}")).await;
    assert_eq!(status, 200);
    assert!(!html.contains(comments), "review comments are not public");
    assert!(!html.contains("id=\"history\""), "the history is for its sides");
    assert_eq!(w.catalogue("").await, [id.as_str()]);
    let (_, feed) = page(app, &app.client(), "/challenges/feed.atom").await;
    assert!(feed.contains(&format!("/challenges/{id}</id>")), "{feed}");
    assert!(feed.contains("<summary>رسیدگی به شکایت"), "{feed}");

    // An edit of the published text goes back to review, leaves the catalogue and records what changed.
    let (_, editor) = page(app, &w.officer, &format!("/challenges/{id}/edit")).await;
    let version = halqe_testing::hidden_value(&editor, "version").unwrap();
    assert!(editor.contains(&calendar::date_input(START_MS + 10 * DAY_MS, halqe_domain::locale::Locale::Fa)));
    let mut edited = form(&[("outcome", "پاسخ به شکایت در کمتر از ۵ روز")]);
    edited.push(("version", version.clone()));
    assert_eq!(post(app, &w.officer, &format!("/challenges/{id}/edit"), &edited).await.status(), 303);
    assert_eq!(w.status(&id).await, "submitted");
    assert!(w.catalogue("").await.is_empty(), "under review again, out of the catalogue");
    let (_, html) = page(app, &w.staff, &format!("/challenges/{id}")).await;
    assert!(html.contains("data-test=\"changed\""), "{html}");
    assert!(html.contains("نتیجهٔ مطلوب"), "the changed part is named");
    // Under review the text waits for the center: no edit until it comes back.
    let r = post(app, &w.officer, &format!("/challenges/{id}/edit"), &edited).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("در وضعیت کنونی ویرایش نمی‌شود"));

    // Every move is on the audit chain, with who and why.
    let audited = app.sql_count(&format!("SELECT COUNT(*) FROM audit_log WHERE subject_id = '{id}'")).await;
    assert_eq!(audited, 7, "create, submit, return, submit, approve, publish, edit; nothing for refused steps");
    let events = app.sql_count(&format!("SELECT COUNT(*) FROM challenge_events WHERE challenge_id = '{id}'")).await;
    assert_eq!(events, audited);
    let returned = app
        .sql_count(&format!(
            "SELECT COUNT(*) FROM challenge_events WHERE challenge_id = '{id}' AND kind = 'return' AND reason = '{comments}'"
        ))
        .await;
    assert_eq!(returned, 1);
}

#[tokio::test]
async fn officers_act_only_on_their_own_agency_s_challenges() {
    let w = world().await;
    let app = &w.app;
    let id = w.published(&[]).await;
    // Public now, but only its agency edits it or closes it.
    let (_, editor) = page(app, &w.officer, &format!("/challenges/{id}/edit")).await;
    let version = halqe_testing::hidden_value(&editor, "version").unwrap();
    let mut edited = form(&[("title", "عنوان دیگر")]);
    edited.push(("version", version));
    assert_eq!(page(app, &w.other_officer, &format!("/challenges/{id}/edit")).await.0, 403);
    assert_eq!(post(app, &w.other_officer, &format!("/challenges/{id}/edit"), &edited).await.status(), 403);
    assert_eq!(step(app, &w.other_officer, &id, "close", "").await.status(), 403);
    assert_eq!(post(app, &w.innovator, "/challenges", &form(&[])).await.status(), 403);
    assert_eq!(post(app, &w.staff, "/challenges", &form(&[])).await.status(), 403, "staff review, they do not write");
    assert_eq!(w.status(&id).await, "published");
    // The owner closes; staff take it through evaluation to a decision and the archive.
    assert_eq!(step(app, &w.officer, &id, "close", "").await.status(), 303);
    assert_eq!(step(app, &w.officer, &id, "evaluate", "").await.status(), 403);
    assert_eq!(step(app, &w.staff, &id, "evaluate", "").await.status(), 303);
    assert_eq!(step(app, &w.staff, &id, "no_award", "").await.status(), 422, "no award needs a reason");
    assert_eq!(step(app, &w.staff, &id, "no_award", "هیچ طرحی حد نصاب را نیاورد.").await.status(), 303);
    assert_eq!(step(app, &w.staff, &id, "archive", "").await.status(), 303);
    assert_eq!(w.status(&id).await, "archived");
    assert_eq!(step(app, &w.staff, &id, "publish", "").await.status(), 422, "nothing leaves the archive");
    // Archived challenges stay findable by status, not in the default listing.
    assert!(w.catalogue("").await.is_empty());
    assert_eq!(w.catalogue("status=archived").await, [id]);
}

#[tokio::test]
async fn bad_input_is_refused_by_field_and_markup_stays_inert() {
    let w = world().await;
    let app = &w.app;
    let cases: [(&'static str, String, &str); 6] = [
        ("title", "ع".repeat(201), "e-title"),
        ("problem", "ع".repeat(4001), "e-problem"),
        ("deadline", deadline_in(-3), "e-deadline"),
        ("deadline", "۱۴۰۵/۱۳/۴۰".into(), "e-deadline"),
        ("budget_min", "۳٬۰۰۰".into(), "e-budget_max"),
        ("maturity", "moonshot".into(), "e-maturity"),
    ];
    for (field, value, marker) in cases {
        let r = post(app, &w.officer, "/challenges", &form(&[(field, &value)])).await;
        assert_eq!(r.status(), 422, "{field}={value}");
        let html = r.text().await.unwrap();
        assert!(html.contains(&format!("id=\"{marker}\"")), "{field}: {html}");
    }
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM challenges").await, 0, "nothing saved");

    // Two editors opened at one version: the first save wins, the second is told, nothing is overwritten.
    let draft = w.draft(&[]).await;
    let (_, editor) = page(app, &w.officer, &format!("/challenges/{draft}/edit")).await;
    let version = halqe_testing::hidden_value(&editor, "version").unwrap();
    let mut first = form(&[("title", "نسخهٔ نخست")]);
    first.push(("version", version.clone()));
    let mut second = form(&[("title", "نسخهٔ دوم")]);
    second.push(("version", version));
    assert_eq!(post(app, &w.officer, &format!("/challenges/{draft}/edit"), &first).await.status(), 303);
    let r = post(app, &w.officer, &format!("/challenges/{draft}/edit"), &second).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("کسی دیگر در این میان"));
    let (_, html) = page(app, &w.officer, &format!("/challenges/{draft}")).await;
    assert!(html.contains("نسخهٔ نخست") && !html.contains("نسخهٔ دوم"));
    let r = post(app, &w.officer, "/challenges", &form(&[("deadline", "۱۴۰۵/۱۳/۴۰")])).await;
    assert!(r.text().await.unwrap().contains("تاریخ معتبر نیست"), "a localized message");

    // Markup is text: escaped in the page, the catalogue and the feed.
    let script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    let id = w.published(&[("title", script), ("problem", script)]).await;
    app.sql_exec(&format!("DELETE FROM challenges WHERE id = '{draft}'")).await;
    for path in [format!("/challenges/{id}"), "/challenges".into(), "/challenges/feed.atom".into()] {
        app.sync_index().await;
        let (_, body) = page(app, &app.client(), &path).await;
        assert!(!body.contains("<script>alert") && !body.contains("<img src=x"), "{path}: {body}");
        assert!(body.contains("&#60;script&#62;"), "{path}: {body}");
    }
}

#[tokio::test]
async fn the_catalogue_searches_the_index_in_persian_and_filters() {
    let w = world().await;
    let app = &w.app;
    app.sql_exec(
        "INSERT INTO fields (id, parent_id, name_fa, name_en, position) VALUES ('hr', NULL, 'منابع انسانی', 'HR', 1)",
    )
    .await;
    let hiring = w.published(&[("fields", "hr")]).await;
    let water = w
        .published(&[
            ("title", "پایش هوشمند مصرف آب ادارات"),
            ("problem", "مصرف آب ساختمان‌های اداری اندازه‌گیری نمی‌شود."),
            ("affected", "ادارات کل استانی"),
            ("evidence", "قبض‌های سال گذشته"),
            ("outcome", "کاهش ۲۰ درصدی مصرف"),
            ("success_measure", "متر مکعب در ماه"),
            ("constraints", ""),
            ("deadline", &deadline_in(40)),
            ("provinces", ""),
        ])
        .await;
    // Arabic letter forms and a plural find the Persian text; every word must match.
    assert_eq!(w.catalogue("q=شكايت‌ها").await, [hiring.as_str()]);
    assert_eq!(w.catalogue("q=مصرف+آب").await, [water.as_str()]);
    assert!(w.catalogue("q=مصرف+شکایت").await.is_empty());
    // Field, province (a challenge open to every province matches each), deadline and status.
    assert_eq!(w.catalogue("field=hr").await, [hiring.as_str()]);
    assert_eq!(w.catalogue("province=fars").await.len(), 2, "one names Fars, the other is open to all");
    assert_eq!(w.catalogue("province=gilan").await, [water.as_str()], "the first names Tehran and Fars only");
    assert_eq!(w.catalogue("deadline=soon").await, [hiring.as_str()]);
    app.clock.advance(20 * DAY_MS);
    assert_eq!(w.catalogue("deadline=passed").await, [hiring.as_str()]);
    assert_eq!(w.catalogue("deadline=open").await, [water.as_str()]);
    // Twenty idle days end the officer's session.
    app.login(&w.officer, "officer@challenge.test", halqe_testing::PASSWORD).await;
    assert_eq!(step(app, &w.officer, &water, "close", "").await.status(), 303);
    assert_eq!(w.catalogue("status=closed").await, [water.as_str()]);
    // The directory and the matcher never return challenges.
    let (_, directory) = page(app, &app.client(), "/directory?q=مصرف+آب").await;
    assert!(!directory.contains(&water), "{directory}");
    // The API answers the same search.
    let found: serde_json::Value =
        app.client().get(app.url("/api/v1/challenges?q=شکایت")).send().await.unwrap().json().await.unwrap();
    assert_eq!(found["challenges"][0]["id"], hiring);
    assert_eq!(found["total"], 1);
    // A reindex from scratch holds the same public challenges.
    halqe_app::search::feed::reindex(&app.app, &app.search, None).await.unwrap();
    assert_eq!(w.catalogue("q=آب").await, [water]);
}

#[tokio::test]
async fn calls_group_challenges_and_the_api_follows_the_same_rules() {
    let w = world().await;
    let app = &w.app;
    let api = |client: &Client, path: &str, body: serde_json::Value| {
        let (client, url) = (client.clone(), app.url(path));
        async move {
            let token = app.csrf(&client).await;
            let r = client.post(url).header("x-csrf-token", token).json(&body).send().await.unwrap();
            let status = r.status().as_u16();
            (status, r.json::<serde_json::Value>().await.unwrap())
        }
    };
    let challenge = serde_json::json!({
        "title": "سامانهٔ یکپارچهٔ ارزیابی عملکرد کارکنان",
        "problem": "ارزیابی عملکرد کاغذی و سالانه است.",
        "affected": "کارکنان دولت",
        "outcome": "ارزیابی پیوسته",
        "success_measure": "درصد دستگاه‌های متصل",
        "maturity": "pilot_ready",
        "deadline": deadline_in(30),
        "eligibility": "organizations",
        "provinces": ["isfahan"],
        "support": ["mentoring"],
    });
    let (status, body) = api(&w.innovator, "/api/v1/challenges", challenge.clone()).await;
    assert_eq!((status, body["error"].as_str()), (403, Some("forbidden")));
    let (status, body) = api(&w.officer, "/api/v1/challenges", serde_json::json!({ "title": "<b>x</b>" })).await;
    assert_eq!(status, 422);
    let refused: Vec<&str> = body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert!(refused.contains(&"problem") && refused.contains(&"deadline"), "{body}");
    let (status, body) = api(&w.officer, "/api/v1/challenges", challenge).await;
    assert_eq!(status, 201, "{body}");
    let id = body["id"].as_str().unwrap().to_owned();
    assert_eq!(body["status"], "draft");
    assert_eq!(body["steps"], serde_json::json!(["submit"]));
    let anonymous = app.client().get(app.url(&format!("/api/v1/challenges/{id}"))).send().await.unwrap();
    assert_eq!(anonymous.status(), 404);

    // Staff open a call; a draft challenge cannot join it.
    let call = serde_json::json!({ "title": "فراخوان نوآوری اداری ۱۴۰۵", "rules": "هر طرح حداکثر ۲۰ صفحه", "opens": "۱۴۰۵/۰۹/۰۱", "closes": "1405/12/29" });
    assert_eq!(api(&w.officer, "/api/v1/calls", call.clone()).await.0, 403);
    let (status, body) = api(&w.staff, "/api/v1/calls", call).await;
    assert_eq!(status, 201, "{body}");
    let call_id = body["id"].as_str().unwrap().to_owned();
    let (status, body) =
        api(&w.staff, &format!("/api/v1/challenges/{id}/call"), serde_json::json!({ "call": call_id })).await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some("challenge_still_draft")));
    for (client, s) in [(&w.officer, "submit"), (&w.staff, "approve")] {
        let (status, body) =
            api(client, &format!("/api/v1/challenges/{id}/steps"), serde_json::json!({ "step": s })).await;
        assert_eq!(status, 200, "{s}: {body}");
    }
    let (status, _) =
        api(&w.staff, &format!("/api/v1/challenges/{id}/call"), serde_json::json!({ "call": call_id })).await;
    assert_eq!(status, 200);
    // The draft call and its approved challenge are not public yet.
    assert_eq!(app.client().get(app.url(&format!("/api/v1/calls/{call_id}"))).send().await.unwrap().status(), 404);
    assert_eq!(api(&w.staff, &format!("/api/v1/calls/{call_id}/publish"), serde_json::json!({})).await.0, 200);
    assert_eq!(api(&w.staff, &format!("/api/v1/calls/{call_id}/publish"), serde_json::json!({})).await.0, 422);
    let public: serde_json::Value =
        app.client().get(app.url(&format!("/api/v1/calls/{call_id}"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(public["challenges"], serde_json::json!([]), "an approved challenge is not public yet");
    let (status, body) =
        api(&w.staff, &format!("/api/v1/challenges/{id}/steps"), serde_json::json!({ "step": "publish" })).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("published")));
    let (_, html) = page(app, &app.client(), &format!("/calls/{call_id}")).await;
    assert!(html.contains(&id) && html.contains("فراخوان نوآوری اداری"), "{html}");
    let (_, calls) = page(app, &app.client(), "/calls").await;
    assert!(calls.contains(&call_id));
    let audited = app.sql_count(&format!("SELECT COUNT(*) FROM audit_log WHERE subject_id = '{call_id}'")).await;
    assert_eq!(audited, 2, "created and published");
}

#[tokio::test]
async fn attachments_follow_the_challenge_s_visibility_and_the_upload_rules() {
    let w = world().await;
    let app = &w.app;
    let id = w.draft(&[]).await;
    let upload = |client: &Client, name: &'static str, bytes: Vec<u8>| {
        let (client, path) = (client.clone(), format!("/challenges/{id}/attachments"));
        async move {
            let token = app.csrf(&client).await;
            let part = reqwest::multipart::Part::bytes(bytes).file_name(name);
            let form = reqwest::multipart::Form::new().part("attachments", part);
            client.post(app.url(&format!("{path}?_csrf={token}"))).multipart(form).send().await.unwrap()
        }
    };
    let pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".to_vec();
    let r = upload(&w.officer, "script.pdf", b"<script>alert(1)</script>".to_vec()).await;
    assert_eq!(r.status(), 422, "the type is read from the bytes, not the name");
    assert!(r.text().await.unwrap().contains("id=\"e-attachments\""));
    assert_eq!(
        upload(&w.other_officer, "a.pdf", pdf.clone()).await.status(),
        404,
        "another agency's draft does not exist"
    );
    assert_eq!(upload(&w.officer, "گزارش شکایت‌ها.pdf", pdf.clone()).await.status(), 303);
    let (_, html) = page(app, &w.officer, &format!("/challenges/{id}")).await;
    let file = html.split(&format!("/challenges/{id}/attachments/")).nth(1).unwrap()[..36].to_owned();
    let path = format!("/challenges/{id}/attachments/{file}");
    assert_eq!(page(app, &app.client(), &path).await.0, 404, "hidden with its draft");
    let own = w.officer.get(app.url(&path)).send().await.unwrap();
    assert_eq!(own.status(), 200);
    assert_eq!(own.headers()["content-type"], "application/pdf");
    assert_eq!(own.bytes().await.unwrap().as_ref(), pdf.as_slice());
    for (who, s) in [(&w.officer, "submit"), (&w.staff, "approve"), (&w.staff, "publish")] {
        assert_eq!(step(app, who, &id, s, "").await.status(), 303);
    }
    assert_eq!(page(app, &app.client(), &path).await.0, 200, "public with its challenge");
    // A file added to the published challenge is part of its text: it goes back to review, as after an
    // edit, and neither the challenge nor the new file is public until it is published again.
    assert_eq!(upload(&w.officer, "پیوست تازه.pdf", pdf.clone()).await.status(), 303);
    assert_eq!(w.status(&id).await, "submitted");
    let (_, html) = page(app, &w.officer, &format!("/challenges/{id}")).await;
    let added = html
        .split(&format!("/challenges/{id}/attachments/"))
        .skip(1)
        .map(|s| s[..36].to_owned())
        .find(|f| *f != file)
        .unwrap_or_else(|| panic!("{html}"));
    let added = format!("/challenges/{id}/attachments/{added}");
    assert_eq!(page(app, &app.client(), &added).await.0, 404, "not public unreviewed");
    assert_eq!(page(app, &app.client(), &format!("/challenges/{id}")).await.0, 404);
    let moved = app
        .sql_count(&format!(
            "SELECT COUNT(*) FROM challenge_events WHERE challenge_id = '{id}' AND kind = 'edit' AND to_status = 'submitted'"
        ))
        .await;
    assert_eq!(moved, 1, "recorded like an edit");
    assert_eq!(upload(&w.officer, "سوم.pdf", pdf.clone()).await.status(), 422, "not while in review");
    assert_eq!(step(app, &w.staff, &id, "approve", "").await.status(), 303);
    assert_eq!(step(app, &w.staff, &id, "publish", "").await.status(), 303);
    assert_eq!(page(app, &app.client(), &added).await.0, 200, "public once published again");
}

#[tokio::test]
async fn the_demo_has_a_call_with_challenges_in_several_states() {
    let app = TestApp::spawn().await;
    halqe_app::demo::load(&app.app).await.unwrap();
    app.sync_index().await;
    let (_, calls) = page(&app, &app.client(), "/calls").await;
    let call = calls.split("href=\"/calls/").nth(1).unwrap_or_else(|| panic!("{calls}"))[..36].to_owned();
    let (_, html) = page(&app, &app.client(), &format!("/calls/{call}")).await;
    assert!(html.contains("فراخوان نوآوری در نظام اداری و استخدامی"), "{html}");
    for status in ["published", "in_evaluation"] {
        assert!(html.contains(&format!("data-status=\"{status}\"")), "{status}: {html}");
    }
    let (_, catalogue) = page(&app, &app.client(), "/challenges?q=بازنشستگی").await;
    assert!(catalogue.contains("پیش‌بینی موج بازنشستگی"), "found through the index: {catalogue}");
    let officer = app.client();
    app.login(&officer, "officer@halqe.demo", halqe_app::demo::DEMO_PASSWORD).await;
    let (_, mine) = page(&app, &officer, "/challenges/mine").await;
    for status in ["draft", "returned", "published"] {
        assert!(mine.contains(&format!("data-status=\"{status}\"")), "{status}: {mine}");
    }
    let staff = app.client();
    app.login(&staff, "staff@halqe.demo", halqe_app::demo::DEMO_PASSWORD).await;
    let (_, queue) = page(&app, &staff, "/challenges/review").await;
    assert!(queue.contains("data-status=\"submitted\""), "{queue}");
    let events = app.sql_count("SELECT COUNT(*) FROM challenge_events").await;
    let audited = app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'challenge.%'").await;
    assert_eq!(events, audited, "every demo step is on the audit chain");
}

#[tokio::test]
async fn its_agency_and_staff_see_the_best_matching_people_explained() {
    let w = world().await;
    let app = &w.app;
    let expert =
        app.person("رسولی", "رسیدگی به شکایت‌های استخدامی، داوطلبان آزمون، سامانه پیگیری پرونده", None, None).await;
    let other = app.person("کرمی", "طراحی سازه‌های بتنی و پل", None, None).await;
    let id = w.draft(&[]).await;
    app.sync_index().await;
    let path = format!("/challenges/{id}/matches");
    for client in [&w.officer, &w.staff] {
        let (status, html) = page(app, client, &path).await;
        assert_eq!(status, 200, "{html}");
        let first = html.split("data-test=\"match\" data-id=\"").nth(1).unwrap_or_else(|| panic!("{html}"));
        assert!(first.starts_with(&expert), "the expert on complaints first: {html}");
        assert!(!html.contains(&other), "an unrelated profile is not offered");
        assert!(html.contains("شکایت"), "explained by the words they share");
    }
    assert_eq!(page(app, &w.other_officer, &path).await.0, 404, "another agency's draft");
    assert_eq!(page(app, &w.innovator, &path).await.0, 403);
    // Only those who may answer: an organizations-only challenge offers no person.
    let orgs_only = w.draft(&[("eligibility", "organizations")]).await;
    let (_, html) = page(app, &w.officer, &format!("/challenges/{orgs_only}/matches")).await;
    assert!(!html.contains(&expert), "{html}");
}
