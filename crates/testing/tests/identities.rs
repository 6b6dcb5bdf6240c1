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
