//! Public questions on a challenge: applicants ask while it is open, the owning agency's officers or staff
//! answer, and answers are public to everyone while an unanswered question stays with its asker and the
//! challenge's sides; staff hide (with a reason the asker sees) and merge duplicates; notifications, rate
//! limits, bounds and inert markup; and the challenge's review conversation, for its sides only.

use halqe_domain::user::Role;
use halqe_testing::world::deadline_in;
use halqe_testing::{START_MS, TestApp};
use reqwest::Client;
use serde_json::{Value, json};

const DAY_MS: i64 = 86_400_000;
const OFFICER: &str = "officer@qa.test";
const ASKER: &str = "asker@qa.test";
const QUESTION: &str = "آیا داده‌های شکایت‌های سال ۱۴۰۴ به‌صورت ناشناس در اختیار متقاضیان قرار می‌گیرد؟";
const ANSWER: &str = "بله؛ نمونهٔ ناشناس ۵۰۰۰ پرونده پس از امضای تعهد محرمانگی داده می‌شود.";

struct World {
    app: TestApp,
    officer: Client,
    other_officer: Client,
    staff: Client,
    asker: Client,
    applicant: Client,
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let agency = app.agency("سازمان اداری و استخدامی کشور").await;
    let officer = app.officer_of(OFFICER, &agency).await;
    let other_officer = app.officer_of("other@qa.test", &app.agency("وزارت نیرو").await).await;
    let staff = app.signed_in("staff@qa.test", &[Role::Staff]).await;
    let asker = app.signed_in(ASKER, &[Role::Innovator]).await;
    let applicant = app.signed_in("applicant@qa.test", &[Role::Innovator]).await;
    World { app, officer, other_officer, staff, asker, applicant }
}

impl World {
    async fn get(&self, client: &Client, path: &str) -> (u16, String) {
        let r = client.get(self.app.url(path)).send().await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    async fn api(&self, client: &Client, path: &str, body: Value) -> (u16, Value) {
        let token = self.app.csrf(client).await;
        let r = client.post(self.app.url(path)).header("x-csrf-token", token).json(&body).send().await.unwrap();
        (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
    }

    /// A challenge of the officer's agency, published, its deadline `days` ahead.
    async fn published(&self, days: i64) -> String {
        let id = self.draft(days).await;
        halqe_testing::world::publish(&self.app, &self.officer, &self.staff, &id).await;
        id
    }

    async fn draft(&self, days: i64) -> String {
        let body = json!({
            "title": "کاهش زمان رسیدگی به شکایت‌های استخدامی",
            "problem": "رسیدگی به شکایت داوطلبان آزمون استخدامی به‌طور میانگین ۴۵ روز طول می‌کشد.",
            "affected": "داوطلبان آزمون",
            "outcome": "پاسخ در کمتر از ۷ روز",
            "success_measure": "میانگین زمان پاسخ",
            "maturity": "prototype",
            "deadline": deadline_in(days),
            "eligibility": "both",
        });
        let (status, made) = self.api(&self.officer, "/api/v1/challenges", body).await;
        assert_eq!(status, 201, "{made}");
        made["id"].as_str().unwrap().to_owned()
    }

    /// Asks through the page's form (no JavaScript); returns the new question's id.
    async fn ask(&self, client: &Client, challenge: &str, text: &str) -> String {
        let r = self.app.post_form(client, &format!("/challenges/{challenge}/questions"), &[("question", text)]).await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        let to = r.headers()["location"].to_str().unwrap().to_owned();
        to.split("#q-").nth(1).unwrap().to_owned()
    }

    async fn hide(&self, client: &Client, question: &str, reason: &str) -> u16 {
        let r = self.app.post_form(client, &format!("/questions/{question}/hide"), &[("reason", reason)]).await;
        r.status().as_u16()
    }

    /// Staff merge `question` into `into` through the API.
    async fn merge(&self, question: &str, into: &str) -> (u16, Value) {
        self.api(&self.staff, &format!("/api/v1/questions/{question}/merge"), json!({ "into": into })).await
    }

    async fn answer(&self, client: &Client, question: &str, text: &str) -> u16 {
        let r = self.app.post_form(client, &format!("/questions/{question}/answer"), &[("answer", text)]).await;
        r.status().as_u16()
    }

    /// The questions of a challenge through the API, as `client` sees them.
    async fn listed(&self, client: &Client, challenge: &str) -> Vec<Value> {
        let (status, body) = self.get(client, &format!("/api/v1/challenges/{challenge}/questions")).await;
        assert_eq!(status, 200, "{body}");
        let list: Value = serde_json::from_str(&body).unwrap();
        list["questions"].as_array().unwrap().clone()
    }

    async fn notifications(&self, email: &str, kind: &str) -> i64 {
        self.app
            .sql_count(&format!(
                "SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id
                 WHERE u.email = '{email}' AND n.kind = '{kind}'"
            ))
            .await
    }
}

fn ids(listed: &[Value]) -> Vec<&str> {
    listed.iter().map(|q| q["id"].as_str().unwrap()).collect()
}

/// Every question `client` sees on `challenge`, walking the API's pages; each page is checked to be bounded.
async fn every_page(w: &World, client: &Client, challenge: &str) -> (Vec<String>, u32) {
    let (mut seen, mut page, mut pages) = (Vec::new(), Some(0), 0);
    while let Some(n) = page {
        let (status, body) = w.get(client, &format!("/api/v1/challenges/{challenge}/questions?page={n}")).await;
        assert_eq!(status, 200, "{body}");
        let list: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(list["page"], n);
        let items = list["questions"].as_array().unwrap();
        assert!(items.len() <= 50, "page {n} holds {}", items.len());
        seen.extend(ids(items).into_iter().map(str::to_owned));
        page = list["next_page"].as_u64().map(|p| u32::try_from(p).unwrap());
        pages += 1;
    }
    (seen, pages)
}

#[tokio::test]
async fn an_asker_has_at_most_five_questions_waiting_on_a_challenge() {
    let w = world().await;
    let id = w.published(10).await;
    let path = format!("/api/v1/challenges/{id}/questions");
    let mut asked = Vec::new();
    for n in 0..5 {
        let (status, body) = w.api(&w.asker, &path, json!({ "question": format!("پرسش {n}") })).await;
        assert_eq!(status, 201, "{body}");
        asked.push(body["questions"].as_array().unwrap().last().unwrap()["id"].as_str().unwrap().to_owned());
    }
    let (status, body) = w.api(&w.asker, &path, json!({ "question": "پرسش ششم" })).await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some("too_many_open_questions")), "{body}");
    assert_eq!(
        body["fields"][0]["message"],
        "شما هم‌اکنون ۵ پرسش بی‌پاسخ در این چالش دارید؛ پس از پاسخ به آن‌ها دوباره بپرسید."
    );
    let r = w.app.post_form(&w.asker, &format!("/challenges/{id}/questions"), &[("question", QUESTION)]).await;
    assert_eq!(r.status(), 422, "the page's form says so too");
    assert!(r.text().await.unwrap().contains("id=\"e-question\""));
    // Another account is not held back; an answer frees a place, and so does hiding.
    assert_eq!(w.api(&w.applicant, &path, json!({ "question": QUESTION })).await.0, 201);
    assert_eq!(w.answer(&w.officer, &asked[0], ANSWER).await, 303);
    assert_eq!(w.api(&w.asker, &path, json!({ "question": "پرسش ششم" })).await.0, 201);
    assert_eq!(w.api(&w.asker, &path, json!({ "question": "پرسش هفتم" })).await.0, 422);
    assert_eq!(w.hide(&w.staff, &asked[1], "تکراری").await, 303);
    assert_eq!(w.api(&w.asker, &path, json!({ "question": "پرسش هفتم" })).await.0, 201);
    assert_eq!(w.app.sql_count("SELECT COUNT(*) FROM questions").await, 8);
}

#[tokio::test]
async fn questions_come_a_bounded_page_at_a_time_and_every_one_is_reachable() {
    let w = world().await;
    let app = &w.app;
    let id = w.published(10).await;
    let crowd = app.user("crowd@qa.test", &[Role::Innovator]).await;
    // 330 questions, every third answered (the first twice): 110 public, 220 waiting.
    let rows: Vec<String> =
        (0..330).map(|n| format!("('q{n:03}', '{id}', '{crowd}', 'پرسش {n}', {})", START_MS + n)).collect();
    app.sql_exec(&format!(
        "INSERT INTO questions (id, challenge_id, asked_by, body, created_at) VALUES {}",
        rows.join(", ")
    ))
    .await;
    let mut answers: Vec<String> = (0..330)
        .filter(|n| n % 3 == 0)
        .map(|n| format!("('a{n:03}', 'q{n:03}', '{crowd}', 'agency', 'پاسخ {n}', {})", START_MS + 1000 + n))
        .collect();
    answers.push(format!("('a999', 'q000', '{crowd}', 'center', 'پاسخ تازه', {})", START_MS + 5000));
    app.sql_exec(&format!(
        "INSERT INTO question_answers (id, question_id, answered_by, side, body, created_at) VALUES {}",
        answers.join(", ")
    ))
    .await;
    let all: Vec<String> = (0..330).map(|n| format!("q{n:03}")).collect();
    let public: Vec<String> = (0..330).filter(|n| n % 3 == 0).map(|n| format!("q{n:03}")).collect();

    let (seen, pages) = every_page(&w, &app.client(), &id).await;
    assert_eq!((seen, pages), (public, 3), "a visitor: the answered ones, oldest first, nothing lost");
    let (seen, pages) = every_page(&w, &w.staff, &id).await;
    assert_eq!((seen, pages), (all.clone(), 7), "staff: every one");
    let (seen, _) = every_page(&w, &w.officer, &id).await;
    assert_eq!(seen, all, "the owning officer: every one");

    // Answers stay with their question, versions in order.
    let first = &w.listed(&app.client(), &id).await[0];
    assert_eq!(
        (first["answer"]["body"].as_str(), first["history"][0]["body"].as_str()),
        (Some("پاسخ تازه"), Some("پاسخ 0"))
    );
    let (_, body) = w.get(&app.client(), &format!("/api/v1/challenges/{id}/questions?page=99")).await;
    let past: Value = serde_json::from_str(&body).unwrap();
    assert_eq!((past["questions"].as_array().unwrap().len(), past["next_page"].is_null()), (0, true));

    // The page links its pages.
    let (_, html) = w.get(&app.client(), &format!("/challenges/{id}")).await;
    assert!(html.contains(&format!("href=\"/challenges/{id}?page=1#questions\"")), "{html}");
    assert!(!html.contains(">پرسش 159<"));
    let (_, html) = w.get(&app.client(), &format!("/challenges/{id}?page=1")).await;
    assert!(html.contains(">پرسش 159<") && html.contains("rel=\"prev\""), "{html}");

    // The queue: the oldest 200 of the 220 waiting.
    let (_, queue) = w.get(&w.staff, "/api/v1/questions").await;
    let queue: Vec<Value> = serde_json::from_str(&queue).unwrap();
    let waiting: Vec<String> = (0..330).filter(|n| n % 3 != 0).take(200).map(|n| format!("q{n:03}")).collect();
    assert_eq!(ids(&queue), waiting.iter().map(String::as_str).collect::<Vec<_>>());
}

#[tokio::test]
async fn hiding_an_original_unmerges_its_duplicates_and_shows_their_askers_nothing_of_it() {
    let w = world().await;
    let app = &w.app;
    let id = w.published(10).await;
    let original = w.ask(&w.asker, &id, QUESTION).await;
    let duplicate = w.ask(&w.applicant, &id, "داده‌های شکایت‌ها را به متقاضیان می‌دهید؟").await;
    assert_eq!(w.merge(&duplicate, &original).await.0, 200);
    assert!(ids(&w.listed(&w.applicant, &id).await).contains(&original.as_str()));

    let reason = "پرسش نشانی از هویت پرسنده دارد.";
    assert_eq!(w.hide(&w.staff, &original, reason).await, 303);
    // The duplicate's asker sees neither the hidden original nor why it was hidden; their own question
    // stands on its own again, and is answered as such.
    let seen = w.listed(&w.applicant, &id).await;
    assert_eq!(ids(&seen), [duplicate.as_str()], "{seen:?}");
    assert_eq!((seen[0]["state"].as_str(), seen[0]["merged_into"].as_str()), (Some("unanswered"), None));
    let (_, html) = w.get(&w.applicant, &format!("/challenges/{id}")).await;
    assert!(!html.contains(reason) && !html.contains(QUESTION), "{html}");
    // Its own asker and staff see the reason; the agency's officer the hidden question, not the reason.
    let own = w.listed(&w.asker, &id).await;
    assert_eq!((own[0]["state"].as_str(), own[0]["hidden_reason"].as_str()), (Some("hidden"), Some(reason)));
    let staff = w.listed(&w.staff, &id).await;
    assert_eq!(staff[0]["hidden_reason"].as_str(), Some(reason));
    let officer = w.listed(&w.officer, &id).await;
    assert_eq!((officer[0]["state"].as_str(), officer[0]["hidden_reason"].as_str()), (Some("hidden"), None));
    assert_eq!(w.answer(&w.officer, &duplicate, ANSWER).await, 303);
    assert_eq!(w.notifications("applicant@qa.test", "question_answered").await, 1);
    assert_eq!(ids(&w.listed(&app.client(), &id).await), [duplicate.as_str()]);

    // A duplicate still pointed at a hidden original (merged before un-merging existed) shows nothing of it.
    let late = app.signed_in("late@qa.test", &[Role::Innovator]).await;
    let again = w.ask(&late, &id, "آیا داده‌ها ناشناس است؟").await;
    app.sql_exec(&format!("UPDATE questions SET merged_into = '{original}' WHERE id = '{again}'")).await;
    assert_eq!(ids(&w.listed(&late, &id).await), [duplicate.as_str(), again.as_str()]);
    let (_, html) = w.get(&late, &format!("/challenges/{id}")).await;
    assert!(!html.contains(reason) && !html.contains(QUESTION), "{html}");
}

#[tokio::test]
async fn applicants_ask_the_agency_answers_and_the_answer_is_public_to_everyone() {
    let w = world().await;
    let app = &w.app;
    let id = w.published(10).await;
    let anonymous = app.client();
    let (_, page) = w.get(&anonymous, &format!("/challenges/{id}")).await;
    assert!(page.contains("id=\"questions\"") && page.contains("/login?next="), "visitors are asked to sign in");

    let q = w.ask(&w.asker, &id, QUESTION).await;
    // Unanswered: its asker and the challenge's sides see it; no other applicant, no other agency, no visitor.
    for client in [&w.asker, &w.officer, &w.staff] {
        assert_eq!(ids(&w.listed(client, &id).await), [q.as_str()]);
    }
    for client in [&w.applicant, &w.other_officer, &anonymous] {
        assert!(w.listed(client, &id).await.is_empty());
        let (_, html) = w.get(client, &format!("/challenges/{id}")).await;
        assert!(!html.contains(QUESTION), "no private hint before the public answer");
    }
    let (_, mine) = w.get(&w.asker, &format!("/challenges/{id}")).await;
    assert!(mine.contains("data-state=\"unanswered\"") && mine.contains("پرسش شما"), "{mine}");
    // Only staff see who asked; the officers who evaluate do not.
    assert_eq!(w.listed(&w.staff, &id).await[0]["asker_name"], "کاربر آزمایشی");
    assert_eq!(w.listed(&w.officer, &id).await[0]["asker_name"], Value::Null);
    assert_eq!(w.listed(&w.asker, &id).await[0]["mine"], true);

    // The owning officers hear of it and find it in their queue; another agency's officer does not.
    assert_eq!(w.notifications(OFFICER, "question_asked").await, 1);
    let mail = app.mail_to(OFFICER).await;
    assert!(mail[0].subject.contains("پرسش تازه") && mail[0].body_text.contains(&format!("/challenges/{id}")));
    let (status, queue) = w.get(&w.officer, "/questions").await;
    assert_eq!(status, 200);
    assert!(queue.contains(&q) && queue.contains(QUESTION), "{queue}");
    let (_, queue) = w.get(&w.other_officer, "/questions").await;
    assert!(!queue.contains(&q));
    let (_, queue) = w.get(&w.staff, "/api/v1/questions").await;
    assert!(queue.contains(&q), "staff see every agency's");

    // The sides answer rather than ask; only the owning agency's officers and staff answer.
    let r = app.post_form(&w.officer, &format!("/challenges/{id}/questions"), &[("question", QUESTION)]).await;
    assert_eq!(r.status(), 403);
    let (status, _) = w.api(&w.staff, &format!("/api/v1/challenges/{id}/questions"), json!({ "question": "?" })).await;
    assert_eq!(status, 403);
    assert_eq!(w.answer(&w.other_officer, &q, ANSWER).await, 403);
    assert_eq!(w.answer(&w.asker, &q, ANSWER).await, 403);
    assert_eq!(w.answer(&w.officer, &q, "  ").await, 422);
    assert_eq!(w.answer(&w.officer, &q, ANSWER).await, 303);

    // Answered: public, with which side answered; the asker is told once.
    for client in [&anonymous, &w.applicant, &w.other_officer] {
        let listed = w.listed(client, &id).await;
        assert_eq!(ids(&listed), [q.as_str()]);
        assert_eq!(listed[0]["answer"]["body"], ANSWER);
        assert_eq!(listed[0]["answer"]["side"], "agency");
        assert_eq!(listed[0]["mine"], false);
    }
    let (_, html) = w.get(&anonymous, &format!("/challenges/{id}")).await;
    assert!(html.contains(QUESTION) && html.contains(ANSWER) && html.contains("پاسخ دستگاه"), "{html}");
    assert!(html.contains("dir=\"auto\" data-test=\"answer-body\""), "mixed-direction text finds its own direction");
    assert_eq!(w.notifications(ASKER, "question_answered").await, 1);
    assert!(app.mail_to(ASKER).await[0].subject.contains("پاسخ"));
    let (_, queue) = w.get(&w.officer, "/questions").await;
    assert!(!queue.contains(&q), "answered questions leave the queue");

    // A revision by staff: the new answer is shown, the old one kept as history, nobody told again.
    let revised = "Yes: an anonymised sample of 5,000 cases, after a confidentiality undertaking (تعهد محرمانگی).";
    assert_eq!(w.answer(&w.staff, &q, revised).await, 303);
    let listed = w.listed(&anonymous, &id).await;
    assert_eq!(listed[0]["answer"]["body"], revised);
    assert_eq!(listed[0]["answer"]["side"], "center");
    assert_eq!(listed[0]["history"][0]["body"], ANSWER);
    let (_, html) = w.get(&anonymous, &format!("/challenges/{id}")).await;
    assert!(html.contains("data-test=\"edited\"") && html.contains("data-test=\"answer-version\""), "{html}");
    assert_eq!(w.notifications(ASKER, "question_answered").await, 1);
    // The same in English, left to right, with the Persian text finding its own direction.
    let english = app.client();
    app.post_form(&english, "/lang", &[("lang", "en")]).await;
    let (_, html) = w.get(&english, &format!("/challenges/{id}")).await;
    assert!(html.contains("dir=\"ltr\"") && html.contains("Questions and answers"), "{html}");
    assert!(html.contains("Answer of the Innovation Center") && html.contains("Earlier versions of the answer"));
    assert!(html.contains("dir=\"auto\" data-test=\"question-body\">آیا"), "{html}");

    // Opening the challenge marks the asker's notification read; each step is on the audit chain.
    w.get(&w.asker, &format!("/challenges/{id}")).await;
    let unread = format!(
        "SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = '{ASKER}' AND n.read_at IS NULL"
    );
    assert_eq!(app.sql_count(&unread).await, 0);
    let audited = app.sql_count(&format!("SELECT COUNT(*) FROM audit_log WHERE subject_id = '{q}'")).await;
    assert_eq!(audited, 3, "asked, answered, revised");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM question_answers").await, 2);
    // Another agency's officer is an applicant here, and asks like anyone.
    w.ask(&w.other_officer, &id, "آیا دستگاه‌های دیگر هم می‌توانند در اجرای آزمایشی شریک شوند؟").await;
}

#[tokio::test]
async fn staff_hide_questions_with_a_reason_and_merge_duplicates_into_earlier_ones() {
    let w = world().await;
    let app = &w.app;
    let id = w.published(10).await;
    let first = w.ask(&w.asker, &id, QUESTION).await;
    let duplicate = w.ask(&w.applicant, &id, "داده‌های شکایت‌ها را به متقاضیان می‌دهید؟").await;
    let off_topic = w.ask(&w.applicant, &id, "شماره تماس مدیر کل را بدهید.").await;

    // Hiding: staff only, with a reason its asker sees; gone for everyone else.
    assert_eq!(w.hide(&w.officer, &off_topic, "نامربوط").await, 403);
    assert_eq!(w.hide(&w.staff, &off_topic, " ").await, 422);
    let reason = "پرسش دربارهٔ اطلاعات تماس شخصی است و به چالش مربوط نیست.";
    assert_eq!(w.hide(&w.staff, &off_topic, reason).await, 303);
    assert_eq!(w.hide(&w.staff, &off_topic, reason).await, 422, "hidden once");
    let mine = w.listed(&w.applicant, &id).await;
    let hidden = mine.iter().find(|q| q["id"] == off_topic.as_str()).unwrap();
    assert_eq!((hidden["state"].as_str(), hidden["hidden_reason"].as_str()), (Some("hidden"), Some(reason)));
    let (_, html) = w.get(&w.applicant, &format!("/challenges/{id}")).await;
    assert!(html.contains("data-test=\"hidden-reason\"") && html.contains(reason), "{html}");
    assert!(!ids(&w.listed(&w.asker, &id).await).contains(&off_topic.as_str()));
    assert_eq!(w.answer(&w.officer, &off_topic, ANSWER).await, 422, "a hidden question takes no answer");
    let (status, body) =
        w.api(&w.officer, &format!("/api/v1/questions/{off_topic}/answer"), json!({ "answer": ANSWER })).await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some("question_hidden")));

    // Merging: only into an earlier question of the same challenge.
    let (status, body) = w.merge(&first, &duplicate).await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some("question_not_earlier")));
    let (status, body) = w.merge(&duplicate, &off_topic).await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some("question_not_earlier")));
    assert_eq!(
        w.api(&w.officer, &format!("/api/v1/questions/{duplicate}/merge"), json!({ "into": first })).await.0,
        403
    );
    let (status, body) = w.merge(&duplicate, &first).await;
    assert_eq!(status, 200, "{body}");
    // The duplicate's asker is pointed at the original, which they now see although it has no answer yet.
    let seen = w.listed(&w.applicant, &id).await;
    assert!(ids(&seen).contains(&first.as_str()), "{seen:?}");
    let dup = seen.iter().find(|q| q["id"] == duplicate.as_str()).unwrap();
    assert_eq!((dup["state"].as_str(), dup["merged_into"].as_str()), (Some("merged"), Some(first.as_str())));
    let (_, html) = w.get(&w.applicant, &format!("/challenges/{id}")).await;
    assert!(html.contains(&format!("href=\"#q-{first}\"")), "{html}");
    assert!(!ids(&w.listed(&w.asker, &id).await).contains(&duplicate.as_str()));
    assert_eq!(w.answer(&w.officer, &duplicate, ANSWER).await, 422, "answer the original instead");

    // The original's answer reaches both askers, each as they chose (the duplicate's asker takes the daily
    // digest); a later duplicate merged into it is told at once.
    let settings = json!({ "question_answered": "digest" });
    assert_eq!(w.api(&w.applicant, "/api/v1/notifications/settings", settings).await.0, 200);
    assert_eq!(w.answer(&w.officer, &first, ANSWER).await, 303);
    assert_eq!(w.notifications(ASKER, "question_answered").await, 1);
    assert_eq!(w.notifications("applicant@qa.test", "question_answered").await, 1);
    let answered_mail = |to: &'static str| async move {
        app.mail_to(to).await.iter().filter(|m| m.subject == "به پرسش شما پاسخ داده شد").count()
    };
    assert_eq!((answered_mail(ASKER).await, answered_mail("applicant@qa.test").await), (1, 0));
    let late = app.signed_in("late@qa.test", &[Role::Innovator]).await;
    let again = w.ask(&late, &id, "آیا داده‌ها ناشناس است؟").await;
    assert_eq!(w.merge(&again, &first).await.0, 200);
    assert_eq!(w.notifications("late@qa.test", "question_answered").await, 1);
    let (status, body) = w.merge(&first, &again).await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some("question_answered")));

    // The public sees the answered original only.
    assert_eq!(ids(&w.listed(&app.client(), &id).await), [first.as_str()]);
    let moderated =
        app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action IN ('question.hide', 'question.merge')").await;
    assert_eq!(moderated, 3, "one hide, two merges; nothing for the refused ones");
}

#[tokio::test]
async fn asking_is_refused_before_publication_after_the_deadline_past_its_bounds_and_past_the_rate_limits() {
    let w = world().await;
    let app = &w.app;
    let draft = w.draft(10).await;
    let r = app.post_form(&w.asker, &format!("/challenges/{draft}/questions"), &[("question", QUESTION)]).await;
    assert_eq!(r.status(), 404, "an unpublished challenge does not exist for applicants");

    let id = w.published(2).await;
    let path = format!("/api/v1/challenges/{id}/questions");
    // Bounds: 2000 characters asked, 4000 answered; one more is a localized 422 naming the field.
    let (status, body) = w.api(&w.asker, &path, json!({ "question": "ا".repeat(2001) })).await;
    assert_eq!((status, body["fields"][0]["field"].as_str()), (422, Some("question")));
    assert_eq!(body["fields"][0]["message"], "این مقدار بیش از حد طولانی است.");
    let (status, body) = w.api(&w.asker, &path, json!({ "question": "ا".repeat(2000) })).await;
    assert_eq!(status, 201, "{body}");
    let q = body["questions"][0]["id"].as_str().unwrap().to_owned();
    let (status, body) =
        w.api(&w.officer, &format!("/api/v1/questions/{q}/answer"), json!({ "answer": "ب".repeat(4001) })).await;
    assert_eq!((status, body["fields"][0]["field"].as_str()), (422, Some("answer")));
    assert_eq!(
        w.api(&w.officer, &format!("/api/v1/questions/{q}/answer"), json!({ "answer": "ب".repeat(4000) })).await.0,
        200
    );
    let r = app.post_form(&w.asker, &format!("/challenges/{id}/questions"), &[("question", "")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("id=\"e-question\""));

    // Markup is text, on the page and in the API.
    let script = "<script>alert('x')</script><img src=x onerror=alert(1)> چرا؟";
    let q = w.ask(&w.asker, &id, script).await;
    assert_eq!(w.answer(&w.officer, &q, script).await, 303);
    let (_, html) = w.get(&app.client(), &format!("/challenges/{id}")).await;
    assert!(!html.contains("<script>alert") && !html.contains("<img src=x"), "{html}");
    assert!(html.contains("&#60;script&#62;"), "{html}");
    assert_eq!(w.listed(&app.client(), &id).await[1]["body"], script, "the API returns the text as written");

    // Per account: ten an hour, the one refused on the draft among them (malformed ones are not counted);
    // spread over two challenges, since each takes five waiting questions of one account.
    let other = w.published(2).await;
    for n in 0..7 {
        w.ask(&w.asker, if n < 4 { &id } else { &other }, &format!("پرسش شمارهٔ {n}")).await;
    }
    let r = app.post_form(&w.asker, &format!("/challenges/{id}/questions"), &[("question", QUESTION)]).await;
    assert_eq!(r.status(), 429, "the eleventh question within the hour");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM questions").await, 9);

    // Per address: thirty an hour, whichever account asks.
    let from = "198.51.100.7";
    let mut sent = 0;
    for n in 0..3 {
        let c = app.signed_in(&format!("burst{n}@qa.test"), &[Role::Innovator]).await;
        for k in 0..10 {
            let text = format!("پرسش {n}-{k}");
            let on = if k % 2 == 0 { &id } else { &other };
            let r = app.post_form_from(&c, &format!("/challenges/{on}/questions"), &[("question", &text)], from).await;
            assert_eq!(r.status(), 303);
            sent += 1;
        }
    }
    assert_eq!(sent, 30);
    let r =
        app.post_form_from(&w.applicant, &format!("/challenges/{id}/questions"), &[("question", QUESTION)], from).await;
    assert_eq!(r.status(), 429, "the address's thirty-first");
    let r = app
        .post_form_from(&w.applicant, &format!("/challenges/{id}/questions"), &[("question", QUESTION)], "198.51.100.8")
        .await;
    assert_eq!(r.status(), 303, "the same account from elsewhere");

    // After the deadline (by server time) the challenge takes no more questions, and says so.
    app.clock.advance(3 * DAY_MS);
    let late = app.signed_in("after@qa.test", &[Role::Innovator]).await;
    let r = app.post_form(&late, &format!("/challenges/{id}/questions"), &[("question", QUESTION)]).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"e-question\"") && html.contains("این چالش دیگر پرسش نمی‌پذیرد."), "{html}");
    // Closed for submissions: refused as well.
    let closed = w.published(30).await;
    assert_eq!(
        w.api(&w.officer, &format!("/api/v1/challenges/{closed}/steps"), json!({ "step": "close" })).await.0,
        200
    );
    let (status, body) =
        w.api(&late, &format!("/api/v1/challenges/{closed}/questions"), json!({ "question": QUESTION })).await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some("challenge_not_open")));
}

#[tokio::test]
async fn a_challenge_s_conversation_is_between_its_agency_s_officers_and_staff_only() {
    let w = world().await;
    let app = &w.app;
    let id = w.published(10).await;
    let path = format!("/conversations/challenge/{id}/messages");
    let text = "شاخص موفقیت را پیش از داوری با ستاد هماهنگ کنید.";
    let r = app.post_form(&w.staff, &path, &[("body", text)]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], format!("/challenges/{id}#thread"));
    let (_, html) = w.get(&w.officer, &format!("/challenges/{id}")).await;
    assert!(html.contains(text) && html.contains("id=\"thread\""), "{html}");
    assert_eq!(w.notifications(OFFICER, "message").await, 1, "the agency's officers follow it");
    let (status, reply) = w
        .api(&w.officer, &format!("/api/v1/conversations/challenge/{id}/messages"), json!({ "body": "هماهنگ شد." }))
        .await;
    assert_eq!(status, 201, "{reply}");
    assert_eq!(w.notifications("staff@qa.test", "message").await, 1, "staff who wrote follow it");

    // Applicants, other agencies' officers and visitors neither read nor write it: it does not exist for them.
    for client in [&w.asker, &w.other_officer] {
        assert_eq!(w.get(client, &format!("/api/v1/conversations/challenge/{id}")).await.0, 404);
        assert_eq!(app.post_form(client, &path, &[("body", "سلام")]).await.status(), 404);
        let (status, html) = w.get(client, &format!("/challenges/{id}")).await;
        assert_eq!(status, 200, "the challenge itself is public");
        assert!(!html.contains(text) && !html.contains("id=\"thread\""));
        let (_, listed) = w.get(client, "/api/v1/conversations").await;
        assert!(!listed.contains(&id), "{listed}");
    }
    assert!(!w.get(&app.client(), &format!("/challenges/{id}")).await.1.contains(text));
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM messages WHERE subject_kind = 'challenge'").await, 2);
    // Its parties find it among their conversations.
    for client in [&w.officer, &w.staff] {
        let (_, listed) = w.get(client, "/api/v1/conversations").await;
        assert!(listed.contains(&format!("\"kind\":\"challenge\",\"id\":\"{id}\"")), "{listed}");
    }
    let r = app.post_form(&w.officer, &path, &[("body", &"ا".repeat(4001))]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("id=\"e-body\""), "the refused message is shown on the challenge page");
}

#[tokio::test]
async fn two_first_answers_at_once_keep_both_versions_and_tell_the_asker_once() {
    let w = world().await;
    let id = w.published(10).await;
    let q = w.ask(&w.asker, &id, QUESTION).await;
    let path = format!("/api/v1/questions/{q}/answer");
    let (a, b) = tokio::join!(
        w.api(&w.officer, &path, json!({ "answer": ANSWER })),
        w.api(&w.staff, &path, json!({ "answer": "پاسخ مرکز: بله." })),
    );
    assert_eq!((a.0, b.0), (200, 200), "{a:?} {b:?}");
    assert_eq!(w.app.sql_count("SELECT COUNT(*) FROM question_answers").await, 2);
    assert_eq!(w.notifications(ASKER, "question_answered").await, 1, "only one of them was the first");
    let listed = w.listed(&w.app.client(), &id).await;
    assert_eq!(listed[0]["history"].as_array().unwrap().len(), 1);
}

/// A client signed in as a demo account.
async fn demo_account(app: &TestApp, email: &str) -> Client {
    let client = app.client();
    app.login(&client, email, halqe_app::demo::DEMO_PASSWORD).await;
    client
}

async fn text(client: &Client, url: String) -> String {
    client.get(url).send().await.unwrap().text().await.unwrap()
}

#[tokio::test]
async fn the_demo_has_answered_unanswered_hidden_and_merged_questions_and_a_review_conversation() {
    let app = TestApp::spawn().await;
    halqe_app::demo::load(&app.app).await.unwrap();
    app.sync_index().await;
    let catalogue = text(&app.client(), app.url("/challenges?q=شکایت")).await;
    let found = catalogue.split("data-test=\"challenge-result\" data-id=\"").nth(1);
    let id = found.map(|s| s[..36].to_owned()).unwrap_or_else(|| panic!("{catalogue}"));
    let path = format!("/api/v1/challenges/{id}/questions");
    let states = |list: &Value| -> Vec<String> {
        let mut out: Vec<String> =
            list["questions"].as_array().unwrap().iter().map(|q| q["state"].as_str().unwrap().to_owned()).collect();
        out.sort();
        out
    };
    let public: Value = serde_json::from_str(&text(&app.client(), app.url(&path)).await).unwrap();
    assert_eq!(states(&public), ["answered", "answered"], "{public}");
    assert_eq!(public["questions"][0]["history"].as_array().unwrap().len(), 1, "one answer revised");
    let staff = demo_account(&app, "staff@halqe.demo").await;
    let all: Value = serde_json::from_str(&text(&staff, app.url(&path)).await).unwrap();
    assert_eq!(states(&all), ["answered", "answered", "hidden", "merged", "unanswered"]);
    let innovator = demo_account(&app, "innovator@halqe.demo").await;
    let html = text(&innovator, app.url(&format!("/challenges/{id}"))).await;
    assert!(html.contains("data-test=\"hidden-reason\""), "the asker sees why their question is hidden");
    let officer = demo_account(&app, "officer@halqe.demo").await;
    let queue = text(&officer, app.url("/questions")).await;
    assert_eq!(queue.matches("data-test=\"waiting\"").count(), 1, "{queue}");
    let conversations: Value = serde_json::from_str(&text(&officer, app.url("/api/v1/conversations")).await).unwrap();
    let kinds: Vec<&str> =
        conversations.as_array().unwrap().iter().map(|c| c["subject"]["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"challenge"), "{conversations}");
    let audited = app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'question.%'").await;
    assert_eq!(audited, 6 + 3 + 1 + 1, "every question, answer version, hide and merge on the audit chain");
}
