//! Identities: an account is confined to the verification page until its email is confirmed, the link can
//! be mailed again within limits, and an unverified address never becomes a contact address.

use halqe_testing::{TestApp, link_in, path_of};
use reqwest::Response;

const MINUTE: i64 = 60_000;
const DAY: i64 = 24 * 60 * MINUTE;
const PASSWORD: &str = "a-long-enough-passphrase";

fn location(r: &Response) -> String {
    r.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

/// Registers `email` through the form and signs in, unverified.
async fn registered(app: &TestApp, email: &str) -> reqwest::Client {
    let c = app.client();
    let fields = [("display_name", "رضا کارشناس"), ("email", email), ("password", PASSWORD)];
    assert_eq!(app.post_form(&c, "/register", &fields).await.status(), 200);
    app.login(&c, email, PASSWORD).await;
    c
}

async fn resend(app: &TestApp, c: &reqwest::Client) -> u16 {
    app.post_form(c, "/account/verify/resend", &[]).await.status().as_u16()
}

#[tokio::test]
async fn an_unverified_account_is_sent_to_verify_and_its_address_is_no_contact() {
    let app = TestApp::spawn().await;
    let c = registered(&app, "officer@mcls.gov.ir").await;

    for path in ["/", "/profile", "/account", "/people", "/introductions", "/organizations/new"] {
        let r = c.get(app.url(path)).send().await.unwrap();
        assert_eq!((r.status().as_u16(), location(&r)), (303, "/account/verify".to_owned()), "{path}");
    }
    let r = c.get(app.url("/account/verify")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("نشانی ایمیل خود را تأیید کنید") && html.contains("officer@mcls.gov.ir"), "{html}");
    let api = c.get(app.url("/api/v1/introductions")).send().await.unwrap();
    assert_eq!(api.status(), 403);
    let body: serde_json::Value = api.json().await.unwrap();
    assert_eq!(body["error"], "email_unverified");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM people").await, 0, "no profile, so no contact address");

    // The use case itself never takes an unverified address as the profile's contact.
    let mut conn = app.app.db.conn().await.unwrap();
    let email = halqe_domain::user::Email::parse("officer@mcls.gov.ir").unwrap();
    let account = halqe_db::users::by_email(&mut conn, &email).await.unwrap().unwrap();
    drop(conn);
    let actor = halqe_domain::permissions::Actor { user_id: account.id.clone(), roles: account.roles, agency_id: None };
    let contact = || async { halqe_app::people::mine::my_profile(&app.app, &actor).await.unwrap().page.person.email };
    assert_eq!(contact().await, None, "a draft without contact");

    // Confirmed, the same session reaches the platform and the address becomes the profile's contact.
    let link = link_in(&app.mail_to("officer@mcls.gov.ir").await[0].body_text).unwrap();
    assert_eq!(app.client().get(app.url(&path_of(&link))).send().await.unwrap().status(), 303);
    let r = c.get(app.url("/profile")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(contact().await.as_deref(), Some("officer@mcls.gov.ir"));
    let r = c.get(app.url("/account/verify")).send().await.unwrap();
    assert_eq!(location(&r), "/", "nothing left to verify");
}

#[tokio::test]
async fn the_link_can_be_mailed_again_once_a_minute_and_five_times_a_day() {
    let app = TestApp::spawn().await;
    let c = registered(&app, "nima@example.ir").await;
    assert_eq!(app.mail_to("nima@example.ir").await.len(), 1, "the registration's mail");

    assert_eq!(resend(&app, &c).await, 429, "within a minute of the registration's mail");
    let r = c.get(app.url("/account/verify")).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("نشانی ایمیل خود را تأیید کنید"));
    app.clock.advance(MINUTE);
    let r = app.post_form(&c, "/account/verify/resend", &[]).await;
    assert_eq!((r.status().as_u16(), location(&r)), (303, "/account/verify?sent=true".to_owned()));
    let html = c.get(app.url("/account/verify?sent=true")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("پیوند تازه فرستاده شد"), "{html}");
    assert_eq!(resend(&app, &c).await, 429, "one a minute");
    for _ in 0..3 {
        app.clock.advance(MINUTE);
        assert_eq!(resend(&app, &c).await, 303);
    }
    assert_eq!(app.mail_to("nima@example.ir").await.len(), 5);
    app.clock.advance(MINUTE);
    assert_eq!(resend(&app, &c).await, 429, "five a day");
    app.clock.advance(DAY);
    assert_eq!(resend(&app, &c).await, 303, "the day has passed");
    assert_eq!(app.mail_to("nima@example.ir").await.len(), 6);

    // Any live link confirms the address; a verified account gets no more mail.
    let link = link_in(&app.mail_to("nima@example.ir").await[0].body_text).unwrap();
    assert_eq!(app.client().get(app.url(&path_of(&link))).send().await.unwrap().status(), 303);
    app.clock.advance(MINUTE);
    let r = app.post_form(&c, "/account/verify/resend", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.mail_to("nima@example.ir").await.len(), 6);
}

/// A complete profile form declaring `national_id`.
fn profile(national_id: &str) -> Vec<(&str, &str)> {
    vec![
        ("first_name", "نسرین"),
        ("last_name", "کاظمی"),
        ("national_id", national_id),
        ("availability", "available"),
        ("visibility", "private"),
    ]
}

async fn national_id_of(app: &TestApp, email: &str) -> Option<String> {
    let email = halqe_domain::user::Email::parse(email).unwrap();
    let mut conn = app.app.db.conn().await.unwrap();
    let user = halqe_db::users::by_email(&mut conn, &email).await.unwrap().unwrap();
    halqe_db::people::by_user(&mut conn, &user.id).await.unwrap().and_then(|p| p.national_id)
}

#[tokio::test]
async fn a_national_id_held_by_another_record_becomes_a_case_for_staff_and_reveals_nothing() {
    let app = TestApp::spawn().await;
    let imported = "0013542419";
    let holder = app
        .insert_person(halqe_db::people::PersonRow {
            first_name: "مریم".into(),
            last_name: "رحیمی".into(),
            national_id: Some(imported.into()),
            availability: "available".into(),
            visibility: "agencies".into(),
            source: "import".into(),
            ..halqe_db::people::PersonRow::default()
        })
        .await;

    // Declaring an ID someone holds and one no one holds get the same answer, and both show as declared.
    let claimant = app.signed_in("claimant@example.ir", &[halqe_domain::user::Role::Innovator]).await;
    let other = app.signed_in("other@example.ir", &[halqe_domain::user::Role::Innovator]).await;
    let mut answers = Vec::new();
    for (c, nid) in [(&claimant, imported), (&other, "0499370899")] {
        let r = app.post_form(c, "/profile/edit", &profile(nid)).await;
        answers.push((r.status().as_u16(), location(&r)));
        let html = c.get(app.url("/profile?saved=review")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("شناسه‌ای که اعلام کردید را کارشناسان مرکز بررسی می‌کنند") && html.contains(nid));
        let form = c.get(app.url("/profile/edit")).send().await.unwrap().text().await.unwrap();
        assert!(form.contains(&format!("value=\"{nid}\"")), "the form shows it as theirs");
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0], (303, "/profile?saved=review".to_owned()));
    // Saving again changes nothing and opens no second case.
    let r = app.post_form(&claimant, "/profile/edit", &profile(imported)).await;
    assert_eq!(location(&r), "/profile?saved=1");

    // Nothing dropped: the holder keeps it, the claimant's profile is saved without it, one case is open.
    assert_eq!(national_id_of(&app, "claimant@example.ir").await, None);
    assert_eq!(national_id_of(&app, "other@example.ir").await.as_deref(), Some("0499370899"));
    let held = format!("SELECT COUNT(*) FROM people WHERE id = '{holder}' AND national_id = '{imported}'");
    assert_eq!(app.sql_count(&held).await, 1);
    let open = "SELECT COUNT(*) FROM identity_conflicts WHERE status = 'open'";
    assert_eq!(app.sql_count(open).await, 1);
    let audited =
        "SELECT COUNT(*) FROM audit_log WHERE action = 'identity_conflict.open' AND details NOT LIKE '%0013%'";
    assert_eq!(app.sql_count(audited).await, 1, "audited, without the ID itself");

    // Staff see both sides; one who is a party cannot decide; another gives it to the claimant.
    let staff = app.signed_in("staff@example.ir", &[halqe_domain::user::Role::Staff]).await;
    let html = staff.get(app.url("/identity-conflicts")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(imported) && html.contains("مریم رحیمی") && html.contains("claimant@example.ir"), "{html}");
    let id = html.split("/identity-conflicts/").nth(1).map(|s| s[..36].to_owned()).unwrap();
    let resolve = format!("/identity-conflicts/{id}/resolve");
    let r = app.post_form(&staff, &resolve, &[("decision", "claimant"), ("reason", "")]).await;
    assert_eq!(r.status(), 422, "a reason is required");
    app.sql_exec(
        "INSERT INTO user_roles (user_id, role) SELECT id, 'staff' FROM users WHERE email = 'claimant@example.ir'",
    )
    .await;
    let r = app.post_form(&claimant, &resolve, &[("decision", "claimant"), ("reason", "مال من است")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("در موردی که خودتان یا سازمانتان طرف آن هستید نمی‌توانید تصمیم بگیرید"));
    let reason = "کارت ملی با سامانهٔ ثبت احوال تطبیق داده شد.";
    let r = app.post_form(&staff, &resolve, &[("decision", "claimant"), ("reason", reason)]).await;
    assert_eq!((r.status().as_u16(), location(&r)), (303, "/identity-conflicts".to_owned()));
    assert_eq!(national_id_of(&app, "claimant@example.ir").await.as_deref(), Some(imported));
    assert_eq!(app.sql_count(&held).await, 0, "taken from the holder");
    assert_eq!(app.sql_count(open).await, 0);
    let resolved = "SELECT COUNT(*) FROM audit_log WHERE action = 'identity_conflict.resolve'";
    assert_eq!(app.sql_count(resolved).await, 1);
    let r = app.post_form(&staff, &resolve, &[("decision", "holder"), ("reason", reason)]).await;
    assert_eq!(r.status(), 422, "decided once");
}

#[tokio::test]
async fn the_demo_has_an_open_identity_conflict() {
    let app = TestApp::spawn().await;
    halqe_app::demo::load(&app.app).await.unwrap();
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM identity_conflicts WHERE status = 'open'").await, 1);
    let staff = app.client();
    app.login(&staff, "staff@halqe.demo", halqe_app::demo::DEMO_PASSWORD).await;
    let html = staff.get(app.url("/identity-conflicts")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-test=\"resolve\""), "{html}");
}
