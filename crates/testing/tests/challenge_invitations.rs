//! Invitations to apply (issue 10 item 4): a challenge's agency officers and staff invite matches to apply
//! in one request; each invitee is notified, sees the challenge and decides; their contact details reach
//! the agency only once they accept; the inviter may withdraw before an answer; nobody is invited twice.
//! Innovators see the open challenges matching their profile on their home page and in their digest.

use halqe_app::notifications::digest;
use halqe_domain::user::Role;
use halqe_testing::{PASSWORD, TestApp};
use reqwest::{Client, Response};
use serde_json::{Value, json};

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;
const OFFICER: &str = "officer@invite.test";
const CANDIDATE: &str = "candidate@invite.test";
const OTHER: &str = "other@invite.test";
const CONTACT_EMAIL: &str = "nasrin.contact@invite.test";
const CONTACT_MOBILE: &str = "09121112299";
const SKILLS: &str = "رسیدگی به شکایت‌های استخدامی، داوطلبان آزمون، سامانه پیگیری پرونده";
const ALREADY: &str = "این نامزد پیش‌تر به همین چالش دعوت شده است.";
const NOT_OPEN: &str = "دعوت تنها تا زمانی ممکن است که چالش منتشر شده و پذیرای طرح باشد.";
const NOT_ELIGIBLE: &str = "این چالش این گونه نامزد را نمی‌پذیرد.";
const WRONG_STATE: &str = "این گام در وضعیت کنونی معرفی ممکن نیست.";

async fn page(app: &TestApp, client: &Client, path: &str) -> (u16, String) {
    let r = client.get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

fn location(r: &Response) -> String {
    r.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

/// A complete challenge form due in `days`, with `overrides`.
fn form(days: i64, overrides: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let deadline =
        halqe_domain::calendar::date_input(halqe_testing::START_MS + days * DAY_MS, halqe_domain::locale::Locale::Fa);
    let mut f: Vec<(&'static str, String)> = vec![
        ("title", "کاهش زمان رسیدگی به شکایت‌های استخدامی".into()),
        ("problem", "رسیدگی به شکایت داوطلبان آزمون استخدامی به‌طور میانگین ۴۵ روز طول می‌کشد.".into()),
        ("affected", "داوطلبان آزمون و کارشناسان هیئت رسیدگی".into()),
        ("evidence", "۱۲٬۰۰۰ شکایت در سال ۱۴۰۴".into()),
        ("outcome", "سامانه پیگیری پرونده و پاسخ به شکایت در کمتر از ۷ روز".into()),
        ("success_measure", "میانگین زمان پاسخ".into()),
        ("constraints", "داده‌های داوطلبان محرمانه است.".into()),
        ("maturity", "prototype".into()),
        ("deadline", deadline),
        ("eligibility", "both".into()),
    ];
    for (k, v) in overrides {
        f.retain(|(name, _)| name != k);
        f.push((k, (*v).to_owned()));
    }
    f
}

struct World {
    app: TestApp,
    officer: Client,
    other_officer: Client,
    staff: Client,
    candidate: Client,
    /// The candidate's person, with an account and contact details.
    person: String,
    /// A second person with an account.
    second: String,
    second_client: Client,
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let agency = app.agency("سازمان اداری و استخدامی کشور").await;
    let officer = app.officer_of(OFFICER, &agency).await;
    let other = app.agency("وزارت نیرو").await;
    let other_officer = app.officer_of("other.officer@invite.test", &other).await;
    let staff = app.signed_in("staff@invite.test", &[Role::Staff]).await;
    let user = app.user(CANDIDATE, &[Role::Innovator]).await;
    let person = app.person("رسولی", SKILLS, Some((CONTACT_EMAIL, CONTACT_MOBILE)), Some(&user)).await;
    let candidate = app.client();
    app.login(&candidate, CANDIDATE, PASSWORD).await;
    let second_user = app.user(OTHER, &[Role::Innovator]).await;
    let second = app.person("کاظمی", SKILLS, None, Some(&second_user)).await;
    let second_client = app.client();
    app.login(&second_client, OTHER, PASSWORD).await;
    World { app, officer, other_officer, staff, candidate, person, second, second_client }
}

impl World {
    async fn post(&self, client: &Client, path: &str, fields: &[(&str, String)]) -> Response {
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.app.post_form(client, path, &pairs).await
    }

    /// A challenge of the officer's agency due in `days`, taken to `steps` by the officer and staff.
    async fn challenge(&self, days: i64, overrides: &[(&'static str, &str)], publish: bool) -> String {
        let r = self.post(&self.officer, "/challenges", &form(days, overrides)).await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        let id = location(&r).trim_start_matches("/challenges/").to_owned();
        if publish {
            halqe_testing::world::publish(&self.app, &self.officer, &self.staff, &id).await;
        }
        self.app.sync_index().await;
        id
    }

    async fn invite(&self, client: &Client, challenge: &str, people: &[&str]) -> Response {
        let mut fields: Vec<(&str, String)> = people.iter().map(|p| ("candidate", format!("person:{p}"))).collect();
        fields.push(("note", "لطفاً طرح خود را بفرستید".into()));
        self.post(client, &format!("/challenges/{challenge}/invitations"), &fields).await
    }

    /// The invitation of `person` to `challenge`, as stored.
    async fn invitation(&self, challenge: &str, person: &str) -> String {
        let mut conn = self.app.app.db.conn().await.unwrap();
        let id = halqe_domain::ids::ChallengeId::from_db(challenge.into());
        let need = halqe_db::needs::of_challenge(&mut conn, &id).await.unwrap().expect("the challenge's need");
        let listed =
            halqe_db::introductions::of_need(&mut conn, &halqe_domain::ids::NeedId::from_db(need.id)).await.unwrap();
        listed.into_iter().find(|i| i.row.candidate_id == person).expect("invited").row.id
    }

    async fn json(&self, client: &Client, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let req = match method {
            "GET" => client.get(self.app.url(path)),
            _ => {
                let token = self.app.csrf(client).await;
                client.post(self.app.url(path)).header("x-csrf-token", token).json(&body.unwrap_or(json!({})))
            }
        };
        let r = req.send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }
}

fn shows_contact(html: &str) -> bool {
    html.contains(CONTACT_EMAIL) || html.contains(CONTACT_MOBILE)
}

#[tokio::test]
async fn invitees_see_the_challenge_decide_and_share_contact_only_after_accepting() {
    let w = world().await;
    let challenge = w.challenge(20, &[], true).await;
    let r = w.invite(&w.officer, &challenge, &[&w.person, &w.second]).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert_eq!(location(&r), format!("/challenges/{challenge}/matches?sent=2"));
    let (_, html) = page(&w.app, &w.officer, &location(&r)).await;
    assert_eq!(html.matches("data-test=\"invitation\"").count(), 2, "{html}");
    assert!(!html.contains(&format!("value=\"person:{}\"", w.person)), "an invitee cannot be chosen again");

    // Each invitee is told, in the app and by mail, with a link and no contact details.
    let mail = w.app.mail_to(CANDIDATE).await;
    assert_eq!(mail.len(), 1);
    assert!(mail[0].subject.contains("چالش"), "{}", mail[0].subject);
    assert!(mail[0].body_text.contains("کاهش زمان رسیدگی"), "{}", mail[0].body_text);
    assert!(!shows_contact(&mail[0].body_text));
    let told = "SELECT COUNT(*) FROM notifications WHERE kind = 'challenge_invitation'";
    assert_eq!(w.app.sql_count(told).await, 2);
    let audited = "SELECT COUNT(*) FROM audit_log WHERE action = 'introduction.invite'";
    assert_eq!(w.app.sql_count(audited).await, 2);

    // The invitee sees it among their introductions, with the challenge; the officer sees no contact yet.
    let id = w.invitation(&challenge, &w.person).await;
    let (_, list) = page(&w.app, &w.candidate, "/introductions").await;
    assert!(list.contains(&id) && list.contains("data-test=\"invitation-to-apply\""), "{list}");
    let path = format!("/introductions/{id}");
    let (status, html) = page(&w.app, &w.candidate, &path).await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("href=\"/challenges/{challenge}\"")), "{html}");
    assert!(html.contains("data-test=\"accept\""));
    let (_, html) = page(&w.app, &w.officer, &path).await;
    assert!(!shows_contact(&html), "no contact before acceptance: {html}");
    let (_, api) = w.json(&w.officer, "GET", &format!("/api/v1/introductions/{id}"), None).await;
    assert!(api["contact"].is_null(), "{api}");

    // Accepting shares the contact details and points to the proposal.
    let r = w.post(&w.candidate, &format!("{path}/accept"), &[]).await;
    assert_eq!(r.status(), 303);
    let (_, html) = page(&w.app, &w.officer, &path).await;
    assert!(shows_contact(&html), "{html}");
    let (_, html) = page(&w.app, &w.candidate, &path).await;
    assert!(html.contains("data-test=\"apply\""), "{html}");
    // Answered: the officer may not withdraw it any more.
    let r = w.post(&w.officer, &format!("{path}/withdraw"), &[]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(WRONG_STATE));
}

#[tokio::test]
async fn duplicates_closed_challenges_and_ineligible_invitees_are_refused() {
    let w = world().await;
    let challenge = w.challenge(20, &[], true).await;
    assert_eq!(w.invite(&w.officer, &challenge, &[&w.person]).await.status(), 303);
    let before = w.app.sql_count("SELECT COUNT(*) FROM introductions").await;
    // Again, alone or among others: refused whole, nothing written.
    for people in [vec![w.person.as_str()], vec![w.second.as_str(), w.person.as_str()]] {
        let r = w.invite(&w.staff, &challenge, &people).await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains(ALREADY));
    }
    assert_eq!(w.app.sql_count("SELECT COUNT(*) FROM introductions").await, before);
    let (status, body) = w
        .json(
            &w.officer,
            "POST",
            &format!("/api/v1/challenges/{challenge}/invitations"),
            Some(json!({
                "candidates": [format!("person:{}", w.person)]
            })),
        )
        .await;
    assert_eq!(status, 422, "{body}");

    // A draft takes no invitations; a challenge for organizations takes no person.
    let draft = w.challenge(20, &[], false).await;
    let r = w.invite(&w.officer, &draft, &[&w.second]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(NOT_OPEN));
    let orgs = w.challenge(20, &[("eligibility", "organizations")], true).await;
    let r = w.invite(&w.officer, &orgs, &[&w.second]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(NOT_ELIGIBLE));
    // Past its deadline it takes none either.
    let short = w.challenge(2, &[], true).await;
    w.app.clock.advance(3 * DAY_MS);
    let r = w.invite(&w.officer, &short, &[&w.second]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(NOT_OPEN));

    // Another agency's officer and an innovator may not invite; nor list the invitations.
    assert_eq!(w.invite(&w.other_officer, &orgs, &[&w.second]).await.status(), 403);
    assert_eq!(w.invite(&w.candidate, &orgs, &[&w.second]).await.status(), 403);
    let list = format!("/api/v1/challenges/{challenge}/invitations");
    assert_eq!(w.json(&w.other_officer, "GET", &list, None).await.0, 403);
    assert_eq!(w.json(&w.candidate, "GET", &list, None).await.0, 403);
}

#[tokio::test]
async fn the_inviter_withdraws_before_an_answer_and_the_api_follows_the_same_rules() {
    let w = world().await;
    let challenge = w.challenge(20, &[], true).await;
    let body = json!({ "candidates": [format!("person:{}", w.person), format!("person:{}", w.second)], "note": "" });
    let path = format!("/api/v1/challenges/{challenge}/invitations");
    let (status, made) = w.json(&w.staff, "POST", &path, Some(body)).await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["invitations"].as_array().unwrap().len(), 2);
    let (status, listed) = w.json(&w.officer, "GET", &path, None).await;
    assert_eq!(status, 200);
    assert_eq!(listed.as_array().unwrap().len(), 2, "{listed}");
    assert_eq!(listed[0]["challenge"]["id"], json!(challenge));
    // The invitee lists it among their introductions, with its challenge.
    let (_, mine) = w.json(&w.second_client, "GET", "/api/v1/introductions", None).await;
    assert_eq!(mine.as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine[0]["challenge"]["id"], json!(challenge));

    // The staff member who invited withdraws the second's; another agency's officer may not even see it.
    let id = w.invitation(&challenge, &w.second).await;
    let withdraw = format!("/api/v1/introductions/{id}/withdraw");
    assert_eq!(w.json(&w.other_officer, "POST", &withdraw, None).await.0, 404);
    assert_eq!(w.json(&w.second_client, "POST", &withdraw, None).await.0, 403, "the invitee may only answer");
    let (status, after) = w.json(&w.staff, "POST", &withdraw, None).await;
    assert_eq!(status, 200, "{after}");
    assert_eq!(after["status"], json!("withdrawn"));
    let told = "SELECT COUNT(*) FROM notifications WHERE kind = 'introduction_withdrawn'";
    assert_eq!(w.app.sql_count(told).await, 1);
    assert_eq!(w.app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'introduction.withdrawn'").await, 1);
    let (status, refused) = w.json(&w.second_client, "POST", &format!("/api/v1/introductions/{id}/accept"), None).await;
    assert_eq!(status, 422, "{refused}");
    // The officer of the challenge's agency withdraws the other from its page.
    let first = w.invitation(&challenge, &w.person).await;
    let r = w.post(&w.officer, &format!("/introductions/{first}/withdraw"), &[]).await;
    assert_eq!(r.status(), 303);
    let (_, html) = page(&w.app, &w.candidate, &format!("/introductions/{first}")).await;
    assert!(!html.contains("data-test=\"accept\""), "nothing to answer any more");
}

#[tokio::test]
async fn the_home_page_shows_open_challenges_the_person_may_answer_best_first() {
    let w = world().await;
    let (_, html) = page(&w.app, &w.candidate, "/").await;
    assert!(html.contains("data-test=\"suggested-challenges\""), "a person with a profile gets the section");
    let strong = w.challenge(20, &[], true).await;
    let weak = w
        .challenge(
            30,
            &[
                ("title", "سامانه پیگیری پرونده‌های اداری"),
                ("problem", "پرونده‌ها گم می‌شوند."),
                ("outcome", "پیگیری"),
                ("affected", "کارکنان"),
            ],
            true,
        )
        .await;
    let orgs = w.challenge(20, &[("eligibility", "organizations")], true).await;
    let elsewhere = w.challenge(20, &[("provinces", "fars")], true).await;
    let here = w.challenge(20, &[("provinces", "tehran")], true).await;
    let draft = w.challenge(20, &[], false).await;
    let soon = w.challenge(2, &[], true).await;
    let (_, html) = page(&w.app, &w.candidate, "/").await;
    let shown: Vec<String> = html
        .split("data-test=\"suggested\" data-id=\"")
        .skip(1)
        .filter_map(|s| s.get(..36).map(str::to_owned))
        .collect();
    for id in [&strong, &weak, &here, &soon] {
        assert!(shown.contains(id), "{id} in {shown:?}");
    }
    for id in [&orgs, &elsewhere, &draft] {
        assert!(!shown.contains(id), "{id} not for this person: {shown:?}");
    }
    let at = |id: &String| shown.iter().position(|s| s == id).unwrap();
    assert!(at(&strong) < at(&weak), "best first: {shown:?}");
    assert!(html.contains("شکایت"), "explained by the profile's words");
    assert!(shown.len() <= halqe_app::challenges::suggestions::HOME_TOP);
    // Past its deadline a challenge is no longer suggested.
    w.app.clock.advance(3 * DAY_MS);
    let (_, html) = page(&w.app, &w.candidate, "/").await;
    assert!(html.contains(&format!("data-id=\"{strong}\"")), "still signed in, still suggested");
    assert!(!html.contains(&format!("data-id=\"{soon}\"")), "closed for proposals");
    // No profile, no section; nor for a visitor.
    let bare = w.app.signed_in("bare@invite.test", &[Role::Innovator]).await;
    assert!(!page(&w.app, &bare, "/").await.1.contains("data-test=\"suggested-challenges\""));
    assert!(!page(&w.app, &w.app.client(), "/").await.1.contains("data-test=\"suggested-challenges\""));
}

#[tokio::test]
async fn the_daily_digest_lists_the_matching_open_challenges() {
    let w = world().await;
    let challenge = w.challenge(20, &[], true).await;
    let r = w.app.post_form(&w.candidate, "/account/notifications", &[("challenge_invitation", "digest")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(w.invite(&w.officer, &challenge, &[&w.person]).await.status(), 303);
    assert!(w.app.mail_to(CANDIDATE).await.is_empty(), "digest: no mail at once");
    let next = digest::cutoff(w.app.app.now()) + DAY_MS;
    w.app.clock.advance(next + HOUR_MS - w.app.app.now());
    assert_eq!(digest::send_due(&w.app.app).await.unwrap(), 1);
    let mail = w.app.mail_to(CANDIDATE).await;
    assert_eq!(mail.len(), 1);
    let body = &mail[0].body_text;
    assert!(body.contains("چالش‌های باز هم‌خوان با پروفایل شما"), "{body}");
    assert!(body.contains(&w.app.url(&format!("/challenges/{challenge}"))), "{body}");
    assert!(!shows_contact(body));
}

#[tokio::test]
async fn the_demo_has_invitations_in_several_states_and_innovators_with_matching_challenges() {
    let app = TestApp::spawn().await;
    halqe_app::demo::load(&app.app).await.unwrap();
    app.sync_index().await;
    for status in ["requested", "accepted", "declined", "withdrawn"] {
        let sql = format!(
            "SELECT COUNT(*) FROM introductions i JOIN needs n ON n.id = i.need_id
             WHERE n.challenge_id IS NOT NULL AND i.status = '{status}'"
        );
        assert!(app.sql_count(&sql).await >= 1, "{status}");
    }
    let password = halqe_app::demo::DEMO_PASSWORD;
    for (email, title) in [
        ("researcher@halqe.demo", "سنجش اثربخشی آموزش کارکنان"),
        ("innovator@halqe.demo", "کاهش زمان رسیدگی به شکایت‌های کارگری"),
    ] {
        let client = app.client();
        app.login(&client, email, password).await;
        let (_, html) = page(&app, &client, "/").await;
        let section =
            html.split("data-test=\"suggested-challenges\"").nth(1).unwrap_or_else(|| panic!("{email}: {html}"));
        assert!(section.contains(title), "{email}: {section}");
    }
    // The researcher's invitation waits in their inbox, with its challenge.
    let researcher = app.client();
    app.login(&researcher, "researcher@halqe.demo", password).await;
    let (_, inbox) = page(&app, &researcher, "/notifications").await;
    assert!(inbox.contains("سنجش اثربخشی آموزش کارکنان"), "{inbox}");
    assert_eq!(halqe_app::audit::verify(&app.app).await.unwrap().first_broken, None);
}

#[tokio::test]
async fn a_challenge_s_need_cannot_be_reused_to_invite_past_its_rules() {
    let w = world().await;
    let challenge = w.challenge(2, &[], true).await;
    assert_eq!(w.invite(&w.officer, &challenge, &[&w.person]).await.status(), 303);
    let (_, listed) = w.json(&w.officer, "GET", &format!("/api/v1/challenges/{challenge}/invitations"), None).await;
    let need = w.app.sql_text(&format!("SELECT id FROM needs WHERE challenge_id = '{challenge}'")).await;
    assert!(listed.to_string().contains(&need), "the need's id is shown to its sides: {listed}");
    // The challenge closes; its need, sent as a saved need of a plain introduction, invites no one.
    w.app.clock.advance(3 * DAY_MS);
    let before = w.app.sql_count("SELECT COUNT(*) FROM introductions").await;
    for client in [&w.officer, &w.staff] {
        let body = json!({ "saved_need": need, "candidates": [format!("person:{}", w.second)] });
        let (status, answer) = w.json(client, "POST", "/api/v1/introductions", Some(body)).await;
        assert_eq!(status, 422, "{answer}");
        assert_eq!(answer["fields"][0]["code"], "need_of_challenge", "{answer}");
    }
    assert_eq!(w.app.sql_count("SELECT COUNT(*) FROM introductions").await, before);
}
