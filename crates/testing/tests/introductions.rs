//! Introductions end to end: an officer shortlists candidates from the match page, the candidate accepts or
//! declines, contact details reach the agency only after acceptance, the agency records the outcome, and
//! the parties (only they) follow the timeline and the thread.

use halqe_db::organizations::{self, OrganizationRow};
use halqe_domain::ids::{AgencyId, OrganizationId, UserId};
use halqe_domain::registry::MemberRole;
use halqe_domain::user::Role;
use halqe_testing::{PASSWORD, START_MS, TestApp, link_in, path_of};
use reqwest::{Client, Response};

const NEED: &str = "نیاز به تحلیل داده‌های منابع انسانی برای پیش‌بینی ترک خدمت کارکنان";
const CONTACT_EMAIL: &str = "nasrin.contact@intro.test";
const CONTACT_MOBILE: &str = "09121112233";
const CONTACT_HIDDEN: &str = "اطلاعات تماس پس از پذیرش درخواست از سوی معرفی‌شده نمایش داده می‌شود.";
const REQUIRED: &str = "پر کردن این بخش الزامی است.";
const WRONG_STATE: &str = "این گام در وضعیت کنونی معرفی ممکن نیست.";
const ALREADY: &str = "این نامزد پیش‌تر برای همین نیاز معرفی شده است.";

async fn page(app: &TestApp, client: &Client, path: &str) -> (u16, String) {
    let r = client.get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

fn location(r: &Response) -> String {
    r.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

/// Every `/introductions/<id>` link of a page, in order.
fn introduction_ids(html: &str) -> Vec<String> {
    html.split("/introductions/")
        .skip(1)
        .filter_map(|rest| rest.get(..36))
        .filter(|id| uuid::Uuid::parse_str(id).is_ok())
        .map(str::to_owned)
        .fold(Vec::new(), |mut v, id| {
            if !v.contains(&id) {
                v.push(id);
            }
            v
        })
}

/// Sends the shortlist form; returns the response.
async fn introduce(app: &TestApp, client: &Client, fields: &[(&str, &str)]) -> Response {
    app.post_form(client, "/introductions", fields).await
}

/// The world most tests start from: an officer of an agency, and a candidate with an account and contact details.
struct World {
    app: TestApp,
    agency: AgencyId,
    officer: Client,
    candidate: Client,
    person: String,
}

const OFFICER: &str = "officer@intro.test";
const CANDIDATE: &str = "candidate@intro.test";

async fn world() -> World {
    let app = TestApp::spawn().await;
    let agency = app.agency("وزارت آزمایش").await;
    let officer = app.officer_of(OFFICER, &agency).await;
    let user = app.user(CANDIDATE, &[Role::Innovator]).await;
    let candidate = app.client();
    app.login(&candidate, CANDIDATE, PASSWORD).await;
    let person = app
        .person("تحلیلگر", "تحلیل داده منابع انسانی، یادگیری ماشین", Some((CONTACT_EMAIL, CONTACT_MOBILE)), Some(&user))
        .await;
    app.sync_index().await;
    World { app, agency, officer, candidate, person }
}

impl World {
    /// The officer introduces the candidate for [`NEED`]; returns (need id, introduction id).
    async fn introduce(&self) -> (String, String) {
        let candidate = format!("person:{}", self.person);
        let r = introduce(
            &self.app,
            &self.officer,
            &[("need", NEED), ("candidate", &candidate), ("note", "لطفاً پاسخ دهید")],
        )
        .await;
        assert_eq!(r.status(), 303, "introduction sent");
        let to = location(&r);
        assert!(to.starts_with("/match?saved=") && to.ends_with("&sent=1"), "{to}");
        let need = to["/match?saved=".len()..].split('&').next().unwrap().to_owned();
        let (_, html) = page(&self.app, &self.officer, &to).await;
        let ids = introduction_ids(&html);
        assert_eq!(ids.len(), 1, "the saved need lists its introduction");
        (need, ids[0].clone())
    }

    async fn post(&self, client: &Client, path: &str, fields: &[(&str, &str)]) -> Response {
        self.app.post_form(client, path, fields).await
    }
}

/// A university lab matching [`NEED`], visible to agencies, with these members.
async fn lab(app: &TestApp, members: &[(&UserId, MemberRole)]) -> OrganizationId {
    let org = OrganizationId::new();
    let row = OrganizationRow {
        id: org.to_string(),
        name_fa: "آزمایشگاه تحلیل کارکنان".into(),
        kind: "university_lab".into(),
        capabilities: "تحلیل داده منابع انسانی، پیش‌بینی ترک خدمت کارکنان".into(),
        visibility: "agencies".into(),
        source: "test".into(),
        created_at: START_MS,
        updated_at: START_MS,
        ..OrganizationRow::default()
    };
    let mut tx = app.app.db.begin().await.unwrap();
    organizations::insert(&mut tx, &row).await.unwrap();
    for (user, role) in members {
        organizations::add_member(&mut tx, &org, user, *role, START_MS).await.unwrap();
    }
    halqe_db::commit(tx).await.unwrap();
    org
}

fn shows_contact(html: &str) -> bool {
    html.contains(CONTACT_EMAIL) || html.contains(CONTACT_MOBILE)
}

/// Whether any queued mail body (to anyone) carries the candidate's contact details.
async fn mail_leaks_contact(app: &TestApp) -> bool {
    let sql = format!(
        "SELECT COUNT(*) FROM mail_outbox WHERE body_text LIKE '%{CONTACT_EMAIL}%' OR body_text LIKE '%{CONTACT_MOBILE}%'"
    );
    app.sql_count(&sql).await > 0
}

#[tokio::test]
async fn the_officer_introduces_the_candidate_accepts_and_the_officer_records_the_outcome() {
    let w = world().await;
    let (status, html) = page(&w.app, &w.officer, &format!("/match?need={NEED}")).await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("value=\"person:{}\"", w.person)), "each result has a checkbox");

    let (_, id) = w.introduce().await;
    let path = format!("/introductions/{id}");

    // The candidate is mailed a link, without contact details.
    let mail = w.app.mail_to(CANDIDATE).await;
    assert_eq!(mail.len(), 1, "one mail to the candidate");
    assert!(mail[0].subject.contains("وزارت آزمایش"), "{}", mail[0].subject);
    assert_eq!(path_of(&link_in(&mail[0].body_text).unwrap()), path);

    // The officer sees the need, why, the timeline, but not the contact details.
    let (status, html) = page(&w.app, &w.officer, &path).await;
    assert_eq!(status, 200);
    assert!(html.contains(NEED) && html.contains("چرا این معرفی؟") && html.contains("شباهت متن"));
    assert!(html.contains("data-status=\"requested\""));
    assert!(html.contains(CONTACT_HIDDEN) && !shows_contact(&html));
    assert!(html.contains("لطفاً پاسخ دهید"), "the note is on the page");

    // The candidate finds it in their list and accepts.
    let (_, list) = page(&w.app, &w.candidate, "/introductions").await;
    assert_eq!(introduction_ids(&list), vec![id.clone()]);
    let (_, html) = page(&w.app, &w.candidate, &path).await;
    assert!(html.contains("data-test=\"accept\"") && shows_contact(&html), "the candidate sees their own details");
    let r = w.post(&w.candidate, &format!("{path}/accept"), &[]).await;
    assert_eq!(r.status(), 303);
    let mail = w.app.mail_to(OFFICER).await;
    assert!(mail.iter().any(|m| m.subject.contains("پذیرفت")), "the requester is told");

    // Now the officer sees the contact details and records the outcome, a reason being required.
    let (_, html) = page(&w.app, &w.officer, &path).await;
    assert!(html.contains("data-status=\"accepted\"") && html.contains(CONTACT_EMAIL) && html.contains(CONTACT_MOBILE));
    assert!(html.contains("id=\"outcome-form\""));
    let r = w.post(&w.officer, &format!("{path}/outcome"), &[("outcome", "not_engaged"), ("reason", "  ")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(REQUIRED));
    let reason = "بودجه پروژه تأمین نشد";
    let r = w.post(&w.officer, &format!("{path}/outcome"), &[("outcome", "not_engaged"), ("reason", reason)]).await;
    assert_eq!(r.status(), 303);
    let (_, html) = page(&w.app, &w.candidate, &path).await;
    assert!(html.contains("data-status=\"not_engaged\"") && html.contains(reason));
    assert_eq!(html.matches("data-test=\"event\"").count(), 3, "requested, accepted, not engaged");
    let mail = w.app.mail_to(CANDIDATE).await;
    let closed = mail.iter().find(|m| m.subject.contains("بدون همکاری")).expect("the candidate is told it ended");
    assert!(closed.subject.contains("وزارت آزمایش"), "{}", closed.subject);
    assert_eq!(path_of(&link_in(&closed.body_text).unwrap()), path);
    assert!(!closed.body_text.contains(reason), "the reason stays on the page");

    // Every step is in the audit record, and the chain holds.
    for action in ["introduction.request", "introduction.accepted", "introduction.not_engaged"] {
        let n = w.app.sql_count(&format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'")).await;
        assert_eq!(n, 1, "{action}");
    }
    assert_eq!(halqe_app::audit::verify(&w.app.app).await.unwrap().first_broken, None);
    assert!(!mail_leaks_contact(&w.app).await, "no mail carries contact details");
}

#[tokio::test]
async fn a_declined_introduction_is_closed_and_never_shares_contact_details() {
    let w = world().await;
    let (_, id) = w.introduce().await;
    let path = format!("/introductions/{id}");
    let r = w.post(&w.candidate, &format!("{path}/decline"), &[]).await;
    assert_eq!(r.status(), 303);
    assert!(w.app.mail_to(OFFICER).await.iter().any(|m| m.subject.contains("نپذیرفت")));
    let (_, html) = page(&w.app, &w.officer, &path).await;
    assert!(html.contains("data-status=\"declined\"") && !shows_contact(&html) && html.contains(CONTACT_HIDDEN));
    assert!(!html.contains("id=\"outcome-form\""));

    let r = w.post(&w.candidate, &format!("{path}/accept"), &[]).await;
    assert_eq!(r.status(), 422, "nothing leaves declined");
    assert!(r.text().await.unwrap().contains(WRONG_STATE));
    let r = w.post(&w.officer, &format!("{path}/outcome"), &[("outcome", "engaged")]).await;
    assert_eq!(r.status(), 422);
    let n =
        w.app.sql_count(&format!("SELECT COUNT(*) FROM introductions WHERE id = '{id}' AND status = 'declined'")).await;
    assert_eq!(n, 1);
    assert_eq!(w.app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'introduction.declined'").await, 1);
}

#[tokio::test]
async fn contact_details_reach_the_agency_only_after_acceptance() {
    let w = world().await;
    let (need, id) = w.introduce().await;
    let path = format!("/introductions/{id}");
    let staff = w.app.signed_in("staff@intro.test", &[Role::Staff]).await;
    let colleague = w.app.officer_of("colleague@intro.test", &w.agency).await;
    for (who, client) in [("officer", &w.officer), ("colleague", &colleague)] {
        for p in [path.clone(), "/introductions".into(), format!("/match?saved={need}"), format!("/match?need={NEED}")]
        {
            let (status, html) = page(&w.app, client, &p).await;
            assert_eq!(status, 200, "{who} {p}");
            assert!(!shows_contact(&html), "{who} sees no contact details on {p} before acceptance");
        }
    }
    assert!(!mail_leaks_contact(&w.app).await, "no mail carries contact details");
    let (_, html) = page(&w.app, &staff, &path).await;
    assert!(html.contains(CONTACT_EMAIL) && html.contains(CONTACT_MOBILE), "staff always see them");

    w.post(&w.candidate, &format!("{path}/accept"), &[]).await;
    let (_, html) = page(&w.app, &colleague, &path).await;
    assert!(html.contains(CONTACT_EMAIL), "every officer of the agency sees them after acceptance");
    assert!(!mail_leaks_contact(&w.app).await);
}

#[tokio::test]
async fn third_parties_get_not_found_and_anonymous_visitors_are_sent_to_sign_in() {
    let w = world().await;
    let (need, id) = w.introduce().await;
    let path = format!("/introductions/{id}");
    let other_agency = w.app.agency("استانداری دیگر").await;
    let stranger_officer = w.app.officer_of("other.officer@intro.test", &other_agency).await;
    let stranger = w.app.signed_in("other.innovator@intro.test", &[Role::Innovator]).await;
    let reviewer = w.app.signed_in("reviewer@intro.test", &[Role::Reviewer]).await;
    for (who, client) in [("other officer", &stranger_officer), ("other innovator", &stranger), ("reviewer", &reviewer)]
    {
        assert_eq!(page(&w.app, client, &path).await.0, 404, "{who} GET");
        for (action, fields) in [("accept", vec![]), ("decline", vec![]), ("outcome", vec![("outcome", "engaged")])] {
            let r = w.post(client, &format!("{path}/{action}"), &fields).await;
            assert_eq!(r.status(), 404, "{who} POST {action}");
        }
        let thread = format!("/conversations/introduction/{id}/messages");
        let r = w.post(client, &thread, &[("body", "سلام")]).await;
        assert_eq!(r.status(), 404, "{who} POST a message");
        let (_, list) = page(&w.app, client, "/introductions").await;
        assert!(introduction_ids(&list).is_empty(), "{who} lists nothing");
    }
    assert_eq!(page(&w.app, &stranger_officer, &format!("/match?saved={need}")).await.0, 404, "another agency's need");
    let r = introduce(
        &w.app,
        &stranger_officer,
        &[("saved", need.as_str()), ("candidate", &format!("person:{}", w.person))],
    )
    .await;
    assert_eq!(r.status(), 404, "no introductions on another agency's need");

    let anonymous = w.app.client();
    let r = anonymous.get(w.app.url(&path)).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert!(location(&r).starts_with("/login?next="));
    let (status, _) = page(&w.app, &stranger, "/introductions").await;
    assert_eq!(status, 200);
    assert_eq!(w.app.sql_count("SELECT COUNT(*) FROM messages").await, 0);
}

#[tokio::test]
async fn illegal_transitions_are_refused() {
    let w = world().await;
    let (_, id) = w.introduce().await;
    let path = format!("/introductions/{id}");
    let staff = w.app.signed_in("staff@intro.test", &[Role::Staff]).await;

    let r = w.post(&w.candidate, &format!("{path}/outcome"), &[("outcome", "engaged")]).await;
    assert_eq!(r.status(), 403, "the candidate may not record the outcome");
    let r = w.post(&w.officer, &format!("{path}/accept"), &[]).await;
    assert_eq!(r.status(), 403, "the officer may not accept for the candidate");
    let r = w.post(&staff, &format!("{path}/decline"), &[]).await;
    assert_eq!(r.status(), 403, "staff may not answer for the candidate");
    let r = w.post(&w.officer, &format!("{path}/outcome"), &[("outcome", "engaged")]).await;
    assert_eq!(r.status(), 422, "no outcome before the candidate accepts");

    assert_eq!(w.post(&w.candidate, &format!("{path}/accept"), &[]).await.status(), 303);
    let r = w.post(&w.candidate, &format!("{path}/accept"), &[]).await;
    assert_eq!(r.status(), 422, "accepting twice");
    assert!(r.text().await.unwrap().contains(WRONG_STATE));
    assert_eq!(w.post(&w.candidate, &format!("{path}/decline"), &[]).await.status(), 422, "declining after accepting");
    let r = w.post(&staff, &format!("{path}/outcome"), &[("outcome", "engaged")]).await;
    assert_eq!(r.status(), 403, "staff are not the agency side of an agency's introduction");

    assert_eq!(w.post(&w.officer, &format!("{path}/outcome"), &[("outcome", "engaged")]).await.status(), 303);
    let r = w.post(&w.officer, &format!("{path}/outcome"), &[("outcome", "not_engaged"), ("reason", "x")]).await;
    assert_eq!(r.status(), 422, "nothing leaves engaged");
    let n =
        w.app.sql_count(&format!("SELECT COUNT(*) FROM introductions WHERE id = '{id}' AND status = 'engaged'")).await;
    assert_eq!(n, 1);
    assert_eq!(w.app.sql_count("SELECT COUNT(*) FROM introduction_events").await, 3);
}

#[tokio::test]
async fn a_candidate_is_introduced_only_once_per_need() {
    let w = world().await;
    let (need, _) = w.introduce().await;
    let candidate = format!("person:{}", w.person);
    let r = introduce(&w.app, &w.officer, &[("saved", need.as_str()), ("candidate", &candidate)]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(ALREADY));
    assert_eq!(w.app.sql_count("SELECT COUNT(*) FROM introductions").await, 1);

    // The same candidate checked twice in one form is one introduction; nothing checked is an error.
    let r =
        introduce(&w.app, &w.officer, &[("need", "نیاز دیگر"), ("candidate", &candidate), ("candidate", &candidate)])
            .await;
    assert_eq!(r.status(), 303);
    assert_eq!(w.app.sql_count("SELECT COUNT(*) FROM introductions").await, 2);
    let r = introduce(&w.app, &w.officer, &[("need", NEED)]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(REQUIRED));
    assert_eq!(w.app.sql_count("SELECT COUNT(*) FROM needs").await, 2, "a refused request saves no need");

    let innovator = w.app.signed_in("innovator@intro.test", &[Role::Innovator]).await;
    let r = introduce(&w.app, &innovator, &[("need", NEED), ("candidate", &candidate)]).await;
    assert_eq!(r.status(), 403, "innovators do not send introductions");
}

#[tokio::test]
async fn messages_reach_the_parties_only() {
    let w = world().await;
    let (_, id) = w.introduce().await;
    let path = format!("/introductions/{id}");
    let staff = w.app.signed_in("staff@intro.test", &[Role::Staff]).await;
    let stranger = w.app.signed_in("other.innovator@intro.test", &[Role::Innovator]).await;

    let thread = format!("/conversations/introduction/{id}/messages");
    let r = w.post(&w.officer, &thread, &[("body", "  ")]).await;
    assert_eq!(r.status(), 422, "an empty message");
    let officer_says = "آیا هفته آینده برای جلسه وقت دارید؟";
    let r = w.post(&w.officer, &thread, &[("body", officer_says)]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), format!("{path}#thread"));
    assert!(w.app.mail_to(CANDIDATE).await.iter().any(|m| m.subject == "پیام تازه درباره یک معرفی"));

    // With htmx the redirect is followed and the thread is in the page it lands on.
    let token = w.app.csrf(&w.candidate).await;
    let candidate_says = "بله، سه‌شنبه در خدمتم.";
    let r = w
        .candidate
        .post(w.app.url(&thread))
        .header("hx-request", "true")
        .header("x-csrf-token", token)
        .form(&[("body", candidate_says)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(w.app.mail_to(OFFICER).await.iter().any(|m| m.subject == "پیام تازه درباره یک معرفی"));

    for (who, client) in [("officer", &w.officer), ("candidate", &w.candidate), ("staff", &staff)] {
        let (_, html) = page(&w.app, client, &path).await;
        assert!(html.contains(officer_says) && html.contains(candidate_says), "{who} reads the thread");
    }
    assert_eq!(page(&w.app, &stranger, &path).await.0, 404);
    assert_eq!(w.app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'introduction.message'").await, 2);
    assert!(!mail_leaks_contact(&w.app).await);
}

#[tokio::test]
async fn matching_a_saved_need_again_leaves_out_those_already_introduced() {
    let w = world().await;
    let second = w.app.person("پیشگو", "تحلیل داده منابع انسانی، پیش‌بینی ترک خدمت", None, None).await;
    w.app.sync_index().await;
    let (_, html) = page(&w.app, &w.officer, &format!("/match?need={NEED}")).await;
    assert!(
        html.contains(&format!("value=\"person:{second}\""))
            && html.contains(&format!("value=\"person:{}\"", w.person))
    );

    let (need, _) = w.introduce().await;
    let (status, html) = page(&w.app, &w.officer, &format!("/match?saved={need}")).await;
    assert_eq!(status, 200);
    assert!(
        !html.contains(&format!("value=\"person:{}\"", w.person)),
        "the introduced candidate is not proposed again"
    );
    assert!(html.contains(&format!("value=\"person:{second}\"")), "the others still are");
    assert!(
        html.contains("data-test=\"saved-need\"") && html.contains("تحلیلگر"),
        "the introduction is listed with the need"
    );

    // Introducing the second one for the same need, from the saved need.
    let r =
        introduce(&w.app, &w.officer, &[("saved", need.as_str()), ("candidate", &format!("person:{second}"))]).await;
    assert_eq!(r.status(), 303);
    let (_, html) = page(&w.app, &w.officer, &location(&r)).await;
    assert_eq!(introduction_ids(&html).len(), 2);
    assert!(!html.contains("data-test=\"select\""), "nobody left to propose");
    assert_eq!(w.app.sql_count("SELECT COUNT(*) FROM needs").await, 1);

    // Asking one of them again for the same need (here beside someone new) refuses the whole request with
    // the form's message; nothing is written, the new candidate included.
    let third = w.app.person("سومین", "تحلیل داده منابع انسانی", None, None).await;
    w.app.sync_index().await;
    let tables = ["introductions", "introduction_events", "audit_log", "notifications", "mail_outbox"];
    let mut before = Vec::new();
    for t in tables {
        before.push(w.app.sql_count(&format!("SELECT COUNT(*) FROM {t}")).await);
    }
    let fields = [
        ("saved", need.as_str()),
        ("candidate", &format!("person:{third}")),
        ("candidate", &format!("person:{}", w.person)),
    ];
    let r = introduce(&w.app, &w.officer, &fields).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("پیش‌تر برای همین نیاز معرفی شده"), "{body}");
    for (t, n) in tables.into_iter().zip(before) {
        assert_eq!(w.app.sql_count(&format!("SELECT COUNT(*) FROM {t}")).await, n, "{t}");
    }
}

#[tokio::test]
async fn a_person_without_an_account_is_mailed_a_claim_link_and_answers_once_it_is_theirs() {
    let app = TestApp::spawn().await;
    let agency = app.agency("وزارت آزمایش").await;
    let officer = app.officer_of(OFFICER, &agency).await;
    let person =
        app.person("بی‌حساب", "تحلیل داده منابع انسانی", Some(("unclaimed@intro.test", CONTACT_MOBILE)), None).await;
    app.sync_index().await;
    let r = introduce(&app, &officer, &[("need", NEED), ("candidate", &format!("person:{person}"))]).await;
    assert_eq!(r.status(), 303);
    let (_, html) = page(&app, &officer, &location(&r)).await;
    let id = introduction_ids(&html).remove(0);

    let mail = app.mail_to("unclaimed@intro.test").await;
    assert_eq!(mail.len(), 1);
    assert!(!mail[0].body_text.contains(CONTACT_MOBILE));
    let claim = path_of(&link_in(&mail[0].body_text).unwrap());
    assert!(claim.starts_with("/claim/"), "{claim}");

    let client = app.client();
    let r = app.post_form(&client, &claim, &[("display_name", "نسرین بی‌حساب"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), 303, "the profile is claimed with a new account");
    let (_, list) = page(&app, &client, "/introductions").await;
    assert_eq!(introduction_ids(&list), vec![id.clone()]);
    let r = app.post_form(&client, &format!("/introductions/{id}/accept"), &[]).await;
    assert_eq!(r.status(), 303);
    let (_, html) = page(&app, &officer, &format!("/introductions/{id}")).await;
    assert!(html.contains("unclaimed@intro.test") && html.contains(CONTACT_MOBILE));
}

#[tokio::test]
async fn one_request_introduces_candidates_of_every_kind_with_their_steps_audit_and_mail() {
    let w = world().await;
    let unclaimed =
        w.app.person("بی‌حساب", "تحلیل داده منابع انسانی", Some(("unclaimed@intro.test", CONTACT_MOBILE)), None).await;
    let unreachable = w.app.person("بی‌نشانی", "تحلیل داده منابع انسانی", None, None).await;
    let hidden = w
        .app
        .insert_person(halqe_db::people::PersonRow {
            first_name: "پنهان".into(),
            last_name: "خصوصی".into(),
            skills: "تحلیل داده منابع انسانی".into(),
            visibility: "private".into(),
            source: "test".into(),
            ..halqe_db::people::PersonRow::default()
        })
        .await;
    let owner = w.app.user("owner@intro.test", &[Role::Innovator]).await;
    let org = lab(&w.app, &[(&owner, MemberRole::Owner)]).await;
    w.app.sync_index().await;
    let candidates = [
        format!("person:{}", w.person),
        format!("organization:{org}"),
        format!("person:{unclaimed}"),
        format!("person:{unreachable}"),
    ];
    let mut form: Vec<(&str, &str)> = vec![("need", NEED)];
    form.extend(candidates.iter().map(|c| ("candidate", c.as_str())));

    // One candidate the officer may not see refuses the whole request, and nothing is written.
    let with_hidden = format!("person:{hidden}");
    let mut refused = form.clone();
    refused.push(("candidate", &with_hidden));
    let tables = ["introductions", "introduction_events", "needs", "mail_outbox", "profile_claims", "audit_log"];
    let mut before = Vec::new();
    for table in tables {
        before.push(w.app.sql_count(&format!("SELECT COUNT(*) FROM {table}")).await);
    }
    assert_eq!(introduce(&w.app, &w.officer, &refused).await.status(), 404);
    for (table, before) in tables.iter().zip(before) {
        assert_eq!(w.app.sql_count(&format!("SELECT COUNT(*) FROM {table}")).await, before, "{table}");
    }

    let r = introduce(&w.app, &w.officer, &form).await;
    assert_eq!(r.status(), 303);
    let (_, html) = page(&w.app, &w.officer, &location(&r)).await;
    let ids = introduction_ids(&html);
    assert_eq!(ids.len(), 4);
    for id in &ids {
        let steps =
            format!("SELECT COUNT(*) FROM introduction_events WHERE introduction_id = '{id}' AND kind = 'requested'");
        assert_eq!(w.app.sql_count(&steps).await, 1, "one timeline step per introduction");
    }
    // One audit entry per introduction, in the order the candidates were chosen, in a chain that holds.
    let mut conn = w.app.app.db.conn().await.unwrap();
    let entries = halqe_db::audit::page(&mut conn, 0, 100).await.unwrap();
    drop(conn);
    let audited: Vec<String> = entries
        .iter()
        .filter(|e| e.action == "introduction.request")
        .map(|e| {
            let details: serde_json::Value = serde_json::from_str(&e.details).unwrap();
            format!("{}:{}", details["candidate_kind"].as_str().unwrap(), details["candidate"].as_str().unwrap())
        })
        .collect();
    assert_eq!(audited, candidates);
    assert_eq!(halqe_app::audit::verify(&w.app.app).await.unwrap().first_broken, None);
    // The accounts are mailed, the person without one gets a claim link, the one without an email nothing.
    assert_eq!(w.app.mail_to(CANDIDATE).await.len(), 1);
    assert_eq!(w.app.mail_to("owner@intro.test").await.len(), 1);
    let claim = w.app.mail_to("unclaimed@intro.test").await;
    assert_eq!(claim.len(), 1);
    assert!(path_of(&link_in(&claim[0].body_text).unwrap()).starts_with("/claim/"));
    assert_eq!(w.app.sql_count("SELECT COUNT(*) FROM profile_claims").await, 1);
    assert!(!mail_leaks_contact(&w.app).await);
}

#[tokio::test]
async fn organizations_are_answered_by_their_owners_and_admins() {
    let app = TestApp::spawn().await;
    let agency = app.agency("وزارت آزمایش").await;
    let officer = app.officer_of(OFFICER, &agency).await;
    let owner = app.user("owner@intro.test", &[Role::Innovator]).await;
    let member = app.user("member@intro.test", &[Role::Innovator]).await;
    let org = lab(&app, &[(&owner, MemberRole::Owner), (&member, MemberRole::Member)]).await;
    app.sync_index().await;

    let r = introduce(&app, &officer, &[("need", NEED), ("candidate", &format!("organization:{org}"))]).await;
    assert_eq!(r.status(), 303);
    let (_, html) = page(&app, &officer, &location(&r)).await;
    let id = introduction_ids(&html).remove(0);
    assert_eq!(app.mail_to("owner@intro.test").await.len(), 1, "the owner is mailed");
    assert!(app.mail_to("member@intro.test").await.is_empty(), "a plain member is not");

    let member_client = app.client();
    app.login(&member_client, "member@intro.test", PASSWORD).await;
    assert_eq!(page(&app, &member_client, &format!("/introductions/{id}")).await.0, 404);
    let owner_client = app.client();
    app.login(&owner_client, "owner@intro.test", PASSWORD).await;
    assert_eq!(app.post_form(&owner_client, &format!("/introductions/{id}/accept"), &[]).await.status(), 303);
    let (_, html) = page(&app, &officer, &format!("/introductions/{id}")).await;
    assert!(html.contains("owner@intro.test"), "the owner's address is shared after acceptance");
    assert!(!html.contains("member@intro.test"));
}

#[tokio::test]
async fn a_staff_member_who_asks_is_the_agency_side_of_their_introduction() {
    let w = world().await;
    let staff = w.app.signed_in("staff@intro.test", &[Role::Staff]).await;
    let other_staff = w.app.signed_in("staff2@intro.test", &[Role::Staff]).await;
    let r = introduce(&w.app, &staff, &[("need", NEED), ("candidate", &format!("person:{}", w.person))]).await;
    assert_eq!(r.status(), 303);
    let (_, html) = page(&w.app, &staff, &location(&r)).await;
    let id = introduction_ids(&html).remove(0);
    let path = format!("/introductions/{id}");
    assert!(page(&w.app, &w.candidate, &path).await.1.contains("مرکز نوآوری"), "asked by the center");
    assert_eq!(page(&w.app, &w.officer, &path).await.0, 404, "officers see no staff introductions");
    w.post(&w.candidate, &format!("{path}/accept"), &[]).await;
    let r = w.post(&other_staff, &format!("{path}/outcome"), &[("outcome", "engaged")]).await;
    assert_eq!(r.status(), 403, "another staff member follows but does not decide");
    assert_eq!(w.post(&staff, &format!("{path}/outcome"), &[("outcome", "engaged")]).await.status(), 303);
    let (_, list) = page(&w.app, &other_staff, "/introductions").await;
    assert_eq!(introduction_ids(&list), vec![id], "staff list every introduction");
}

#[tokio::test]
async fn the_demo_has_introductions_in_every_state() {
    let app = TestApp::spawn().await;
    halqe_app::demo::load(&app.app).await.unwrap();
    let officer = app.client();
    app.login(&officer, "officer@halqe.demo", halqe_app::demo::DEMO_PASSWORD).await;
    let (_, list) = page(&app, &officer, "/introductions").await;
    let ids = introduction_ids(&list);
    assert_eq!(ids.len(), 11, "six introductions and five invitations to apply");
    for status in ["requested", "accepted", "declined", "engaged", "not_engaged", "withdrawn"] {
        assert!(list.contains(&format!("data-status=\"{status}\"")), "{status}");
    }
    let founder = app.client();
    app.login(&founder, "founder@halqe.demo", halqe_app::demo::DEMO_PASSWORD).await;
    let (_, mine) = page(&app, &founder, "/introductions").await;
    assert_eq!(introduction_ids(&mine).len(), 3, "her own, her company's and the invitation she declined");
    let mut shared = 0;
    for id in introduction_ids(&mine) {
        let (status, html) = page(&app, &officer, &format!("/introductions/{id}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("data-test=\"event\""), "each has a timeline");
        if html.contains("founder@halqe.demo") {
            shared += 1;
            assert!(html.contains("data-status=\"accepted\"") && html.contains("data-test=\"message\""));
        }
    }
    assert_eq!(shared, 1, "only the accepted one shares contact details");
    assert_eq!(halqe_app::demo::load(&app.app).await.unwrap(), halqe_app::demo::Loaded::AlreadyPresent);
}

#[tokio::test]
async fn a_staff_member_who_is_staff_no_more_loses_the_introductions_they_asked_for() {
    let w = world().await;
    const STAFF: &str = "staff@intro.test";
    let staff = w.app.signed_in(STAFF, &[Role::Staff, Role::Reviewer]).await;
    let candidate = format!("person:{}", w.person);
    let r = introduce(&w.app, &staff, &[("need", NEED), ("candidate", &candidate), ("note", "")]).await;
    assert_eq!(r.status(), 303, "staff ask without an agency");
    let (_, html) = page(&w.app, &staff, &location(&r)).await;
    let id = introduction_ids(&html).pop().expect("the saved need lists its introduction");
    let path = format!("/introductions/{id}");
    w.post(&w.candidate, &format!("{path}/accept"), &[]).await;
    assert!(shows_contact(&page(&w.app, &staff, &path).await.1));

    let admin = w.app.signed_in("admin@intro.test", &[Role::Admin]).await;
    let email = halqe_domain::user::Email::parse(STAFF).unwrap();
    let mut conn = w.app.app.db.conn().await.unwrap();
    let user = halqe_db::users::by_email(&mut conn, &email).await.unwrap().unwrap().id;
    drop(conn);
    let r = w.post(&admin, &format!("/admin/users/{user}/roles/staff/remove"), &[]).await;
    assert_eq!(r.status(), 303);
    w.app.login(&staff, STAFF, PASSWORD).await;
    let (status, html) = page(&w.app, &staff, &path).await;
    assert_eq!(status, 404, "the introduction they asked for is no longer theirs");
    assert!(!shows_contact(&html));
    let r = staff.get(w.app.url(&format!("/api/v1/introductions/{id}"))).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let (_, html) = page(&w.app, &staff, "/introductions").await;
    assert!(!html.contains(&id), "nor is it listed");
}

#[tokio::test]
async fn an_officer_whose_agency_membership_ends_loses_its_introductions_at_once() {
    let w = world().await;
    let (_, id) = w.introduce().await;
    let path = format!("/introductions/{id}");
    w.post(&w.candidate, &format!("{path}/accept"), &[]).await;
    let (status, html) = page(&w.app, &w.officer, &path).await;
    assert_eq!(status, 200);
    assert!(shows_contact(&html), "the officer sees the accepted candidate's contact details");

    let admin = w.app.signed_in("admin@intro.test", &[Role::Admin]).await;
    let email = halqe_domain::user::Email::parse(OFFICER).unwrap();
    let mut conn = w.app.app.db.conn().await.unwrap();
    let user = halqe_db::users::by_email(&mut conn, &email).await.unwrap().unwrap().id;
    drop(conn);
    let account = admin.get(w.app.url(&format!("/admin/users/{user}"))).send().await.unwrap().text().await.unwrap();
    assert!(account.contains("پایان عضویت در دستگاه"), "{account}");
    let r = w.post(&admin, &format!("/admin/users/{user}/roles/officer/remove"), &[]).await;
    assert_eq!(r.status(), 303);

    // The very next request: the session is gone, and nothing of the introduction is shown.
    let r = w.officer.get(w.app.url(&path)).send().await.unwrap();
    assert!(location(&r).starts_with("/login?next="), "the officer's session ended");
    assert!(!shows_contact(&r.text().await.unwrap()));
    let sessions = format!("SELECT COUNT(*) FROM sessions WHERE user_id = '{user}'");
    assert_eq!(w.app.sql_count(&sessions).await, 0);
    // Signed in again, the account is no longer the agency's.
    w.app.login(&w.officer, OFFICER, PASSWORD).await;
    let (status, html) = page(&w.app, &w.officer, &path).await;
    assert_eq!(status, 404);
    assert!(!shows_contact(&html));
    let r = w.officer.get(w.app.url(&format!("/api/v1/introductions/{id}"))).send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert!(!shows_contact(&r.text().await.unwrap()));
    let (_, html) = page(&w.app, &w.officer, "/introductions").await;
    assert!(!html.contains(&id), "the list no longer has it");
    assert_eq!(w.officer.get(w.app.url("/match")).send().await.unwrap().status(), 403);
    let audit = format!(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'user.remove_role' AND subject_id = '{user}' \
         AND details LIKE '%{}%'",
        w.agency
    );
    assert_eq!(w.app.sql_count(&audit).await, 1, "audited with the agency it ended");
}
