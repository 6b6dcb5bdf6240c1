//! The communication loop on an introduction: its conversation between exactly its parties, notifications with
//! unread counts, each user's setting per kind honoured (off: no mail; immediately: a mail that reaches the SMTP
//! server with a link to the object; daily digest: one mail from the periodic job), and bad input refused.

use std::time::Duration;

use halqe_app::jobs::periodic::{Task, run_if_due};
use halqe_app::mail::deliver_pending;
use halqe_app::notifications::digest;
use halqe_app::{DAY_MS, HOUR_MS};
use halqe_db::Db;
use halqe_domain::user::Role;
use halqe_testing::smtp::SmtpSink;
use halqe_testing::{Backend, PASSWORD, TestApp, fresh_database, link_in, path_of};
use reqwest::Client;
use serde_json::{Value, json};

const NEED: &str = "نیاز به تحلیل داده‌های منابع انسانی برای پیش‌بینی ترک خدمت کارکنان";
const OFFICER: &str = "officer@loop.test";
const CANDIDATE: &str = "candidate@loop.test";
const MESSAGE_SUBJECT: &str = "پیام تازه درباره یک معرفی";

/// An officer who has introduced a candidate (an innovator with an account) for [`NEED`].
struct World {
    app: TestApp,
    officer: Client,
    candidate: Client,
    /// The introduction's id.
    id: String,
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let agency = app.agency("وزارت آزمایش").await;
    let officer = app.officer_of(OFFICER, &agency).await;
    let user = app.user(CANDIDATE, &[Role::Innovator]).await;
    let person = app.person("داده‌کاو", "تحلیل داده منابع انسانی", None, Some(&user)).await;
    let candidate = app.client();
    app.login(&candidate, CANDIDATE, PASSWORD).await;
    app.sync_index().await;
    let w = World { app, officer, candidate, id: String::new() };
    let body = json!({ "need": NEED, "candidates": [format!("person:{person}")] });
    let (status, made) = w.post(&w.officer, "/api/v1/introductions", body).await;
    assert_eq!(status, 201, "{made}");
    let id = made["introductions"][0].as_str().unwrap().to_owned();
    World { id, ..w }
}

impl World {
    async fn get(&self, client: &Client, path: &str) -> (u16, Value) {
        let r = client.get(self.app.url(path)).send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    async fn post(&self, client: &Client, path: &str, body: Value) -> (u16, Value) {
        let token = self.app.csrf(client).await;
        let r = client.post(self.app.url(path)).header("x-csrf-token", token).json(&body).send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    fn thread(&self) -> String {
        format!("/api/v1/conversations/introduction/{}", self.id)
    }

    async fn say(&self, client: &Client, body: &str) -> u16 {
        self.post(client, &format!("{}/messages", self.thread()), json!({ "body": body })).await.0
    }

    async fn unread(&self, client: &Client) -> i64 {
        let (status, n) = self.get(client, "/api/v1/notifications").await;
        assert_eq!(status, 200, "{n}");
        n["unread"].as_i64().unwrap()
    }

    async fn set(&self, client: &Client, settings: Value) -> (u16, Value) {
        self.post(client, "/api/v1/notifications/settings", settings).await
    }

    async fn mail_count(&self, to: &str, subject: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = '{to}' AND subject = '{subject}'");
        self.app.sql_count(&sql).await
    }
}

#[tokio::test]
async fn only_the_parties_read_and_write_the_conversation() {
    let w = world().await;
    let staff = w.app.signed_in("staff@loop.test", &[Role::Staff]).await;
    let admin = w.app.signed_in("admin@loop.test", &[Role::Admin]).await;
    assert_eq!(w.say(&w.officer, "سلام، آیا برای جلسه‌ای در هفته آینده وقت دارید؟").await, 201);
    assert_eq!(w.say(&w.candidate, "بله، سه‌شنبه در خدمتم.").await, 201);
    assert_eq!(w.say(&staff, "مرکز نوآوری هم در جریان است.").await, 201);
    for (who, client) in [("officer", &w.officer), ("candidate", &w.candidate), ("staff", &staff), ("admin", &admin)] {
        let (status, t) = w.get(client, &w.thread()).await;
        assert_eq!(status, 200, "{who}: {t}");
        assert_eq!(t["messages"].as_array().unwrap().len(), 3, "{who}");
        assert_eq!(t["subject"]["href"], format!("/introductions/{}", w.id));
        let (_, list) = w.get(client, "/api/v1/conversations").await;
        assert_eq!(list[0]["subject"]["id"], w.id.as_str(), "{who} lists it");
        assert_eq!(list[0]["messages"], 3);
    }

    let other_agency = w.app.agency("استانداری دیگر").await;
    let strangers = [
        ("other officer", w.app.officer_of("other.officer@loop.test", &other_agency).await),
        ("other innovator", w.app.signed_in("other@loop.test", &[Role::Innovator]).await),
        ("reviewer", w.app.signed_in("reviewer@loop.test", &[Role::Reviewer]).await),
    ];
    for (who, client) in &strangers {
        assert_eq!(w.get(client, &w.thread()).await.0, 404, "{who} reads");
        assert_eq!(w.say(client, "سلام").await, 404, "{who} writes through the API");
        let form = format!("/conversations/introduction/{}/messages", w.id);
        assert_eq!(w.app.post_form(client, &form, &[("body", "سلام")]).await.status(), 404, "{who} writes by form");
        let (_, list) = w.get(client, "/api/v1/conversations").await;
        assert_eq!(list, json!([]), "{who} lists nothing");
        assert_eq!(w.unread(client).await, 0, "{who} is told nothing");
    }
    assert_eq!(w.app.sql_count("SELECT COUNT(*) FROM messages").await, 3, "no stranger's message was kept");

    // Unknown kinds and malformed ids are 404 like a hidden object; anonymous callers 401.
    assert_eq!(w.get(&w.officer, &format!("/api/v1/conversations/challenge/{}", w.id)).await.0, 404);
    assert_eq!(w.get(&w.officer, "/api/v1/conversations/introduction/not-an-id").await.0, 404);
    assert_eq!(w.get(&w.app.client(), &w.thread()).await.0, 401);

    // An officer who is one no more is no party: though they wrote before, they neither read nor hear of it.
    let before = w.unread(&w.officer).await;
    let officer = format!("(SELECT id FROM users WHERE email = '{OFFICER}')");
    w.app.sql_exec(&format!("DELETE FROM user_roles WHERE role = 'officer' AND user_id = {officer}")).await;
    assert_eq!(w.get(&w.officer, &w.thread()).await.0, 404);
    assert_eq!(w.say(&w.candidate, "پیام پس از رفتن کارشناس").await, 201);
    assert_eq!(w.unread(&w.officer).await, before, "not told of the new message");
    assert!(w.unread(&staff).await > 0, "staff, who wrote, are");
}

#[tokio::test]
async fn html_is_inert_and_mixed_direction_text_keeps_its_direction() {
    let w = world().await;
    let body = "<script>alert(1)</script><b>پروژه</b> Halqe ۱۴۰۵ برای HR analytics";
    assert_eq!(w.say(&w.officer, body).await, 201);
    let html =
        w.candidate.get(w.app.url(&format!("/introductions/{}", w.id))).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("<script>alert(1)</script>") && !html.contains("<b>پروژه</b>"), "{html}");
    assert!(
        html.contains("&#60;script&#62;alert(1)&#60;/script&#62;&#60;b&#62;پروژه&#60;/b&#62;"),
        "escaped as text: {html}"
    );
    assert!(html.contains("dir=\"auto\" data-test=\"message-body\""), "the browser finds each message's direction");
    let (_, t) = w.get(&w.candidate, &w.thread()).await;
    assert_eq!(t["messages"][0]["body"], body, "the API returns the text as written");
}

#[tokio::test]
async fn unread_counts_rise_and_fall() {
    let w = world().await;
    assert_eq!(w.unread(&w.candidate).await, 1, "the request itself");
    let (_, n) = w.get(&w.candidate, "/api/v1/notifications").await;
    assert_eq!(n["notifications"][0]["kind"], "introduction_requested");
    assert!(n["notifications"][0]["text"].as_str().unwrap().contains("وزارت آزمایش"), "{n}");
    assert_eq!(w.say(&w.officer, "پیام نخست").await, 201);
    assert_eq!(w.say(&w.officer, "پیام دوم").await, 201);
    assert_eq!(w.unread(&w.candidate).await, 3);
    assert_eq!(w.unread(&w.officer).await, 0, "the author is not told of their own message");

    // The header's count, loaded by htmx on every page.
    let badge = w.candidate.get(w.app.url("/notifications/unread")).send().await.unwrap().text().await.unwrap();
    assert!(badge.contains("data-test=\"unread-count\"") && badge.contains(">۳</span>"), "{badge}");
    let home = w.candidate.get(w.app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("hx-get=\"/notifications/unread\""), "every page loads the count");
    let page = w.candidate.get(w.app.url("/notifications")).send().await.unwrap().text().await.unwrap();
    assert_eq!(page.matches("data-test=\"notification\"").count(), 3);
    assert!(page.contains("data-read=\"false\""));

    // One read through the API; someone else's id is 404 and changes nothing.
    let (_, n) = w.get(&w.candidate, "/api/v1/notifications").await;
    let first = n["notifications"][0]["id"].as_str().unwrap().to_owned();
    let (status, left) = w.post(&w.candidate, &format!("/api/v1/notifications/{first}/read"), json!({})).await;
    assert_eq!((status, left["unread"].as_i64()), (200, Some(2)));
    assert_eq!(w.post(&w.officer, &format!("/api/v1/notifications/{first}/read"), json!({})).await.0, 404);
    assert_eq!(w.candidate.get(w.app.url(&format!("/notifications/{first}"))).send().await.unwrap().status(), 303);
    assert_eq!(w.officer.get(w.app.url(&format!("/notifications/{first}"))).send().await.unwrap().status(), 404);

    // Opening the introduction reads what it is about.
    let r = w.candidate.get(w.app.url(&format!("/introductions/{}", w.id))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(w.unread(&w.candidate).await, 0);
    let badge = w.candidate.get(w.app.url("/notifications/unread")).send().await.unwrap().text().await.unwrap();
    assert!(!badge.contains("unread-count"), "{badge}");

    // Mark all read, by form.
    assert_eq!(w.say(&w.officer, "پیام سوم").await, 201);
    assert_eq!(w.unread(&w.candidate).await, 1);
    assert_eq!(w.app.post_form(&w.candidate, "/notifications/read", &[]).await.status(), 303);
    assert_eq!(w.unread(&w.candidate).await, 0);
}

#[tokio::test]
async fn settings_are_honoured_off_immediately_and_digest() {
    let w = world().await;
    let sink = SmtpSink::start();
    let mailer = w.app.app.clone().with_mailer(sink.mailer());

    // Immediately (the default): a mail in the outbox, delivered through SMTP, linking to the introduction.
    let (_, s) = w.get(&w.candidate, "/api/v1/notifications/settings").await;
    assert_eq!(s["message"], "immediately");
    assert_eq!(w.say(&w.officer, "پیام با ایمیل بی‌درنگ").await, 201);
    assert_eq!(w.mail_count(CANDIDATE, MESSAGE_SUBJECT).await, 1);
    deliver_pending(&mailer).await.unwrap();
    let got = sink.wait_for(2, Duration::from_secs(10)).await;
    let message = got.iter().find(|m| m.subject == MESSAGE_SUBJECT).expect("the message mail arrived");
    assert_eq!(message.rcpt_tos, [CANDIDATE]);
    let link = link_in(&message.body).expect("a link");
    assert!(link.starts_with(&w.app.url("/")), "an absolute link: {link}");
    assert_eq!(path_of(&link), format!("/introductions/{}", w.id));

    // Off: the notification is in the app, no mail.
    let (status, s) = w.set(&w.candidate, json!({ "message": "off" })).await;
    assert_eq!((status, &s["message"]), (200, &json!("off")), "{s}");
    let unread = w.unread(&w.candidate).await;
    assert_eq!(w.say(&w.officer, "پیام بی‌ایمیل").await, 201);
    assert_eq!(w.unread(&w.candidate).await, unread + 1);
    assert_eq!(w.mail_count(CANDIDATE, MESSAGE_SUBJECT).await, 1, "off: no mail");

    // Daily digest, set through the settings page.
    let r = w.app.post_form(&w.candidate, "/account/notifications", &[("message", "digest")]).await;
    assert_eq!(r.status(), 303);
    let page = w.candidate.get(w.app.url("/account/notifications?saved=1")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("name=\"message\" value=\"digest\" checked"), "{page}");
    assert_eq!(w.say(&w.officer, "پیام نخست برای خلاصه").await, 201);
    assert_eq!(w.say(&w.officer, "پیام دوم برای خلاصه").await, 201);
    assert_eq!(w.mail_count(CANDIDATE, MESSAGE_SUBJECT).await, 1, "digest: no mail at once");
    let digests = "SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE 'خلاصهٔ روزانهٔ حلقه%'";
    assert_eq!(digest::send_due(&w.app.app).await.unwrap(), 0, "not before the day's digest hour");
    assert_eq!(w.app.sql_count(digests).await, 0);

    // The periodic task, past the next 08:00 in Tehran: one digest with both messages, each linking back.
    let next = digest::cutoff(w.app.app.now()) + DAY_MS;
    w.app.clock.advance(next + HOUR_MS - w.app.app.now());
    run_if_due(&w.app.app, Task::NotificationDigest).await;
    assert_eq!(w.app.sql_count(digests).await, 1);
    let before = sink.received().len();
    deliver_pending(&mailer).await.unwrap();
    let got = sink.wait_for(before + 1, Duration::from_secs(10)).await;
    let d = got.iter().find(|m| m.subject.starts_with("خلاصهٔ روزانهٔ حلقه")).expect("the digest arrived");
    assert_eq!(d.rcpt_tos, [CANDIDATE]);
    assert!(d.subject.contains('۲'), "two notifications: {}", d.subject);
    assert!(d.body.contains("پیام تازه‌ای نوشت"), "{}", d.body);
    let object = w.app.url(&format!("/introductions/{}", w.id));
    assert_eq!(d.body.matches(&object).count(), 2, "each line links to its object: {}", d.body);
    assert!(d.body.contains(&w.app.url("/notifications")), "{}", d.body);

    // Once a day: another run the same day sends nothing, even with a new notification waiting.
    assert_eq!(w.say(&w.officer, "پیام سوم").await, 201);
    w.app.clock.advance(HOUR_MS);
    assert_eq!(digest::send_due(&w.app.app).await.unwrap(), 0);
    w.app.clock.advance(DAY_MS - HOUR_MS);
    assert_eq!(digest::send_due(&w.app.app).await.unwrap(), 1, "the next day's digest");
    assert_eq!(w.app.sql_count(digests).await, 2);
    assert_eq!(w.app.sql_count("SELECT COUNT(*) FROM notification_digests").await, 2);
}

#[tokio::test]
async fn bad_input_is_refused_by_field() {
    let w = world().await;
    let messages = format!("{}/messages", w.thread());
    let (status, e) = w.post(&w.officer, &messages, json!({ "body": "   " })).await;
    assert_eq!((status, e["fields"][0]["field"].as_str()), (422, Some("body")), "{e}");
    let (status, e) = w.post(&w.officer, &messages, json!({ "body": "ب".repeat(4001) })).await;
    assert_eq!((status, e["fields"][0]["code"].as_str()), (422, Some("too_long")), "{e}");
    assert_eq!(w.post(&w.officer, &messages, json!({ "body": "ب".repeat(4000) })).await.0, 201);
    assert_eq!(w.post(&w.officer, &messages, json!({ "body": 7 })).await.0, 400);

    let (status, e) = w.set(&w.candidate, json!({ "message": "hourly" })).await;
    assert_eq!((status, e["fields"][0]["field"].as_str()), (422, Some("message")), "{e}");
    assert_eq!(e["fields"][0]["message"], "یکی از گزینه‌ها را انتخاب کنید.");
    let (status, e) = w.set(&w.candidate, json!({ "wizard": "off", "message": "off" })).await;
    assert_eq!((status, e["fields"][0]["field"].as_str()), (422, Some("kind")), "{e}");
    let (_, s) = w.get(&w.candidate, "/api/v1/notifications/settings").await;
    assert_eq!(s["message"], "immediately", "a refused change changes nothing");
    let r = w.app.post_form(&w.candidate, "/account/notifications", &[("message", "<b>x</b>")]).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("id=\"e-message\"") && page.contains("یکی از گزینه‌ها را انتخاب کنید."), "{page}");

    let form = format!("/conversations/introduction/{}/messages", w.id);
    let r = w.app.post_form(&w.officer, &form, &[("body", &"ب".repeat(4001))]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("id=\"e-body\""));
}

#[tokio::test]
async fn messages_written_before_conversations_existed_move_into_them() {
    let (url, _store) = fresh_database(Backend::from_env()).await;
    let db = Db::connect(&url, 2).await.unwrap();
    // The database as it was before the conversations migration: every earlier migration, no later one.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../db/migrations");
    let names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    let version = |n: &str| n[..4].parse::<i64>().unwrap();
    let ours = names.iter().find(|n| n.ends_with("_conversations.sql")).map(|n| version(n)).unwrap();
    let before = tempfile::tempdir().unwrap();
    for n in names.iter().filter(|n| version(n) < ours) {
        std::fs::copy(format!("{dir}/{n}"), before.path().join(n)).unwrap();
    }
    let mut conn = db.conn().await.unwrap();
    sqlx::migrate::Migrator::new(before.path()).await.unwrap().run(&mut *conn).await.unwrap();
    let (user, need, intro) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
    for sql in [
        format!(
            "INSERT INTO users (id, email, display_name, password_hash, created_at, updated_at) VALUES ('{user}', 'old@loop.test', 'کارشناس', 'x', 1, 1)"
        ),
        format!("INSERT INTO needs (id, created_by, text, created_at) VALUES ('{need}', '{user}', 'نیاز', 1)"),
        format!(
            "INSERT INTO introductions (id, need_id, candidate_kind, candidate_id, requested_by, status, created_at) VALUES ('{intro}', '{need}', 'person', '{user}', '{user}', 'accepted', 1)"
        ),
        format!(
            "INSERT INTO introduction_messages (id, introduction_id, author_id, body, created_at) VALUES ('m1', '{intro}', '{user}', 'پیام نخست <b>', 10)"
        ),
        format!(
            "INSERT INTO introduction_messages (id, introduction_id, author_id, body, created_at) VALUES ('m2', '{intro}', '{user}', 'second', 20)"
        ),
    ] {
        sqlx::query(&sql).execute(&mut *conn).await.unwrap();
    }
    drop(conn);

    db.migrate().await.unwrap();
    let mut conn = db.conn().await.unwrap();
    let moved: Vec<(String, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, subject_kind, subject_id, author_id, body, created_at FROM messages ORDER BY created_at",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    let (intro, user) = (intro.to_string(), user.to_string());
    assert_eq!(
        moved,
        [
            ("m1".into(), "introduction".into(), intro.clone(), user.clone(), "پیام نخست <b>".into(), 10),
            ("m2".into(), "introduction".into(), intro, user, "second".into(), 20),
        ]
    );
    assert!(
        sqlx::query("SELECT 1 FROM introduction_messages").execute(&mut *conn).await.is_err(),
        "the old table is gone"
    );
}
