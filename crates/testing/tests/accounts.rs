//! Accounts end to end: registration and email verification, sign-in, sessions,
//! sign-out, password reset, Persian normalization and the interface language.

use halqe_domain::user::Role;
use halqe_testing::{PASSWORD, TestApp, link_in, path_of};
use reqwest::Response;

const MINUTE: i64 = 60_000;
const DAY: i64 = 24 * 60 * MINUTE;

const CHECK_EMAIL: &str = "ایمیل خود را بررسی کنید";
const LOGIN_FAILED: &str = "ایمیل یا گذرواژه نادرست است.";
const LINK_EXPIRED: &str = "پیوند منقضی شده است";
const TOO_SHORT: &str = "گذرواژه باید دست‌کم ۱۰ نویسه باشد.";

fn location(r: &Response) -> String {
    r.headers().get("location").map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()).unwrap_or_default()
}

/// Every raw `Set-Cookie` header of a response.
fn set_cookies(r: &Response) -> Vec<String> {
    r.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect()
}

/// The value `name` is set to by a response, if any.
fn cookie_value(r: &Response, name: &str) -> Option<String> {
    let prefix = format!("{name}=");
    set_cookies(r).iter().find_map(|c| c.strip_prefix(&prefix).map(|rest| rest.split(';').next().unwrap().to_owned()))
}

/// The `<main>` element of a page: its content without per-client tokens.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap();
    let end = html.find("</main>").unwrap();
    &html[start..end]
}

async fn register(app: &TestApp, client: &reqwest::Client, name: &str, email: &str, password: &str) -> Response {
    app.post_form(client, "/register", &[("display_name", name), ("email", email), ("password", password)]).await
}

async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> Response {
    client.get(app.url(path)).send().await.unwrap()
}

async fn text(r: Response) -> String {
    r.text().await.unwrap()
}

#[tokio::test]
async fn registration_mails_a_verification_link_that_works_once() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let r = register(&app, &c, "مریم احمدی", "maryam@example.ir", "a-long-enough-passphrase").await;
    assert_eq!(r.status(), 200);
    let html = text(r).await;
    assert!(html.contains(CHECK_EMAIL) && html.contains("پیوند تأیید به نشانی ایمیل شما فرستاده شد"), "{html}");

    assert_eq!(app.sql_count("SELECT COUNT(*) FROM users WHERE email = 'maryam@example.ir'").await, 1);
    let unverified = "SELECT COUNT(*) FROM users WHERE email = 'maryam@example.ir' AND email_verified_at IS NULL";
    assert_eq!(app.sql_count(unverified).await, 1, "not verified before the link is opened");
    let roles =
        "SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.email = 'maryam@example.ir'";
    assert_eq!(app.sql_count(roles).await, 1, "exactly one role");
    assert_eq!(app.sql_count(&format!("{roles} AND r.role = 'innovator'")).await, 1, "and it is innovator");

    let mail = app.mail_to("maryam@example.ir").await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].subject, "تأیید نشانی ایمیل در حلقه");
    assert!(
        mail[0].body_text.contains("مریم احمدی گرامی،"),
        "greets by name, no isolation marks: {}",
        mail[0].body_text
    );
    assert!(!mail[0].body_text.contains('\u{2068}'), "mail has no bidi isolation marks");
    let link = link_in(&mail[0].body_text).unwrap();
    assert!(link.starts_with(&app.base), "absolute link to this server: {link}");
    let path = path_of(&link);
    assert!(path.starts_with("/verify-email?token="), "{path}");

    let r = get(&app, &app.client(), &path).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/login?notice=verified");
    assert_eq!(app.sql_count(unverified).await, 0);
    let verified = "SELECT COUNT(*) FROM users WHERE email = 'maryam@example.ir' AND email_verified_at IS NOT NULL";
    assert_eq!(app.sql_count(verified).await, 1);
    let html = text(get(&app, &c, "/login?notice=verified").await).await;
    assert!(html.contains("نشانی ایمیل شما تأیید شد"), "{html}");

    let r = get(&app, &app.client(), &path).await;
    assert_eq!(r.status(), 410, "a verification link works once");
    let html = text(r).await;
    assert!(html.contains(LINK_EXPIRED) && html.contains("data-error=\"link_expired\""), "{html}");
    assert!(html.contains("<html lang=\"fa\" dir=\"rtl\">"));

    // A made-up token is just as expired.
    let r = get(&app, &c, "/verify-email?token=0000").await;
    assert_eq!(r.status(), 410);

    // The new account can sign in with the password it chose.
    app.login(&c, "maryam@example.ir", "a-long-enough-passphrase").await;
    let html = text(get(&app, &c, "/account").await).await;
    assert!(html.contains("مریم احمدی") && html.contains("نوآور"), "{html}");
}

#[tokio::test]
async fn verification_links_expire_after_two_days() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let r = register(&app, &c, "رضا", "reza@example.ir", "a-long-enough-passphrase").await;
    assert_eq!(r.status(), 200);
    let path = path_of(&link_in(&app.mail_to("reza@example.ir").await[0].body_text).unwrap());
    app.clock.advance(2 * DAY + MINUTE);
    let r = get(&app, &c, &path).await;
    assert_eq!(r.status(), 410);
    assert!(text(r).await.contains(LINK_EXPIRED));
    let verified = "SELECT COUNT(*) FROM users WHERE email = 'reza@example.ir' AND email_verified_at IS NOT NULL";
    assert_eq!(app.sql_count(verified).await, 0);
}

#[tokio::test]
async fn registering_a_taken_email_looks_the_same_but_mails_a_notice() {
    let app = TestApp::spawn().await;
    app.user("taken@example.ir", &[Role::Innovator]).await;

    // A fresh registration, for comparison of what the visitor sees.
    let fresh = register(&app, &app.client(), "نوآور تازه", "fresh@example.ir", "a-long-enough-passphrase").await;
    assert_eq!(fresh.status(), 200);
    let fresh_html = text(fresh).await;

    let c = app.client();
    let r = register(&app, &c, "کسی دیگر", "  Taken@Example.IR ", "another-long-passphrase").await;
    assert_eq!(r.status(), 200, "no hint that the address is taken");
    let html = text(r).await;
    assert_eq!(main_of(&html), main_of(&fresh_html), "the same page either way");

    assert_eq!(app.sql_count("SELECT COUNT(*) FROM users WHERE email = 'taken@example.ir'").await, 1);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM users").await, 2, "only the fresh registration added a row");
    let name_kept = "SELECT COUNT(*) FROM users WHERE email = 'taken@example.ir' AND display_name = 'کاربر آزمایشی'";
    assert_eq!(app.sql_count(name_kept).await, 1, "the existing account is untouched");

    let mail = app.mail_to("taken@example.ir").await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].subject, "تلاش برای ثبت‌نام دوباره در حلقه");
    assert!(mail[0].body_text.contains("پیش‌تر حساب ساخته شده است"), "{}", mail[0].body_text);
    assert_eq!(path_of(&link_in(&mail[0].body_text).unwrap()), "/password/forgot");
    let tokens =
        "SELECT COUNT(*) FROM account_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = 'taken@example.ir'";
    assert_eq!(app.sql_count(tokens).await, 0, "no verification token for the existing account");

    // The old password still works: the attempt changed nothing.
    app.login(&c, "taken@example.ir", PASSWORD).await;
}

#[tokio::test]
async fn invalid_registration_is_re_rendered_with_localized_errors() {
    let app = TestApp::spawn().await;
    let c = app.client();

    let r = register(&app, &c, "", "not-an-email", "short").await;
    assert_eq!(r.status(), 422);
    let html = text(r).await;
    assert!(html.contains("لطفاً خطاهای مشخص‌شده را اصلاح کنید."), "{html}");
    assert!(html.contains("id=\"e-display_name\">پر کردن این بخش الزامی است.</p>"), "{html}");
    assert!(html.contains("id=\"e-email\">نشانی ایمیل معتبر نیست.</p>"), "{html}");
    assert!(html.contains(&format!("id=\"e-password\">{TOO_SHORT}</p>")), "{html}");
    assert!(html.contains("name=\"email\" type=\"email\" value=\"not-an-email\""), "email kept: {html}");
    assert!(!html.contains("value=\"short\""), "the password is never echoed");
    assert!(html.contains("<html lang=\"fa\" dir=\"rtl\">"));

    let long_name = "ن".repeat(500);
    let r = register(&app, &c, &long_name, "long@example.ir", "a-long-enough-passphrase").await;
    assert_eq!(r.status(), 422);
    let html = text(r).await;
    assert!(html.contains("id=\"e-display_name\">این مقدار بیش از حد طولانی است.</p>"), "{html}");
    assert!(!html.contains("id=\"e-email\"") && !html.contains("id=\"e-password\""), "only the name is wrong");
    assert!(html.contains(&format!("value=\"{long_name}\"")), "name kept");
    assert!(html.contains("value=\"long@example.ir\""), "email kept");

    // Whitespace alone is no name.
    let r = register(&app, &c, " \u{200C}  ", "blank@example.ir", "a-long-enough-passphrase").await;
    assert_eq!(r.status(), 422);
    assert!(text(r).await.contains("id=\"e-display_name\">پر کردن این بخش الزامی است.</p>"));

    assert_eq!(app.sql_count("SELECT COUNT(*) FROM users").await, 0);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM mail_outbox").await, 0);
}

#[tokio::test]
async fn malformed_bodies_never_cause_a_server_error() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let token = app.csrf(&c).await;
    let form = Some("application/x-www-form-urlencoded");
    // (path, content type, body, expected status)
    let cases: Vec<(&str, Option<&str>, Vec<u8>, u16)> = vec![
        // Broken percent-encoding is read leniently: the fields are then just invalid.
        ("/register", form, b"display_name=%&email=%ZZ%zz&password=%E0%A4%A".to_vec(), 422),
        ("/register", form, vec![0xff, 0xfe, b'=', 0x80, b'&', b'=', b'='], 422),
        // Invalid UTF-8 becomes U+FFFD; what remains is a valid registration.
        (
            "/register",
            form,
            b"display_name=%FF%FE&email=a%40b.ir&password=%C3%28%C3%28%C3%28%C3%28%C3%28".to_vec(),
            200,
        ),
        // NUL (which PostgreSQL refuses in text) is dropped from names on write.
        ("/register", form, b"display_name=a%00b&email=nul@example.ir&password=a-long-enough-passphrase".to_vec(), 200),
        ("/register", form, b"display_name=a&display_name=b&email=dup@example.ir&password=x".to_vec(), 400),
        ("/register", Some("application/json"), br#"{"display_name":"x","email":"j@example.ir"}"#.to_vec(), 400),
        ("/register", Some("multipart/form-data; boundary=zz"), b"--zz\r\ngarbage".to_vec(), 400),
        ("/register", None, b"display_name=x".to_vec(), 400),
        ("/login", form, b"email=%&password=%%%".to_vec(), 401),
        ("/login", form, b"email=a%00%40b.ir&password=%00".to_vec(), 401),
        ("/login", Some("text/plain"), b"email=a@b.ir".to_vec(), 400),
        ("/lang", form, b"lang=%ZZ&next=%".to_vec(), 400),
        ("/password/forgot", form, b"email=%00%FF".to_vec(), 422),
        ("/password/reset", form, b"token=%&password=%00%00%00%00%00%00%00%00%00%00%00".to_vec(), 410),
    ];
    for (path, content_type, body, expected) in cases {
        let mut req = c.post(app.url(path)).header("x-csrf-token", &token).body(body.clone());
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        let r = req.send().await.unwrap();
        let shown = String::from_utf8_lossy(&body).into_owned();
        assert_eq!(r.status().as_u16(), expected, "{path} {content_type:?} {shown:?}");
        let html = text(r).await;
        assert!(html.contains("<html lang=\"fa\" dir=\"rtl\">"), "{path} {shown:?}: a localized page, got {html}");
        if expected == 400 {
            assert!(html.contains("درخواست نادرست"), "{path} {shown:?}: {html}");
        }
    }
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM users").await, 2, "only the two valid registrations");
    let no_nul = "SELECT COUNT(*) FROM users WHERE email = 'nul@example.ir' AND display_name = 'ab'";
    assert_eq!(app.sql_count(no_nul).await, 1);
    // The server is still fine.
    assert_eq!(get(&app, &c, "/register").await.status(), 200);
}

#[tokio::test]
async fn control_characters_in_a_redirect_target_are_ignored() {
    let app = TestApp::spawn().await;
    app.user("next@example.ir", &[Role::Innovator]).await;
    let c = app.client();
    for next in ["/account\r\nSet-Cookie: evil=1", "/a\u{0}b", "/a\tb"] {
        let r = app.post_form(&c, "/lang", &[("lang", "fa"), ("next", next)]).await;
        assert_eq!(r.status(), 303, "{next:?}");
        assert_eq!(location(&r), "/", "{next:?}");
        assert!(set_cookies(&r).iter().all(|c| !c.contains("evil")));
    }
    let r = app
        .post_form(&c, "/login", &[("email", "next@example.ir"), ("password", PASSWORD), ("next", "/x\r\nX-Evil: 1")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/");
    assert!(r.headers().get("x-evil").is_none());
    // Ordinary paths, Persian ones included, are still followed.
    let r = app.post_form(&c, "/lang", &[("lang", "fa"), ("next", "/agencies?q=وزارت")]).await;
    assert_eq!(location(&r), "/agencies?q=وزارت");
}

#[tokio::test]
async fn display_names_are_normalized_on_write() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let r = register(&app, &c, "  علي   كاظمي ", "ali@example.ir", "a-long-enough-passphrase").await;
    assert_eq!(r.status(), 200);
    let normalized = "SELECT COUNT(*) FROM users WHERE email = 'ali@example.ir' AND display_name = 'علی کاظمی'";
    assert_eq!(app.sql_count(normalized).await, 1, "Persian ی and ک, single spaces, trimmed");
    let arabic = "SELECT COUNT(*) FROM users WHERE display_name LIKE '%ي%' OR display_name LIKE '%ك%'";
    assert_eq!(app.sql_count(arabic).await, 0);
    let mail = app.mail_to("ali@example.ir").await;
    assert!(mail[0].body_text.starts_with("علی کاظمی گرامی،"), "{}", mail[0].body_text);
    // Emails are stored trimmed and lower-cased.
    let r = register(&app, &c, "سارا", "  Sara@Example.IR ", "a-long-enough-passphrase").await;
    assert_eq!(r.status(), 200);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM users WHERE email = 'sara@example.ir'").await, 1);
}

#[tokio::test]
async fn sign_in_failures_are_generic_and_success_sets_a_safe_cookie() {
    let app = TestApp::spawn().await;
    app.user("user@example.ir", &[Role::Innovator]).await;
    let c = app.client();

    let r = app.post_form(&c, "/login", &[("email", "user@example.ir"), ("password", "wrong-password")]).await;
    assert_eq!(r.status(), 401);
    assert!(cookie_value(&r, "halqe_sid").is_none());
    let wrong_password = text(r).await;
    assert!(wrong_password.contains(LOGIN_FAILED), "{wrong_password}");
    assert!(wrong_password.contains("value=\"user@example.ir\""), "the email is kept in the form");

    let r = app.post_form(&c, "/login", &[("email", "nobody@example.ir"), ("password", "wrong-password")]).await;
    assert_eq!(r.status(), 401);
    let unknown = text(r).await;
    assert!(unknown.contains(LOGIN_FAILED), "{unknown}");
    assert_eq!(
        main_of(&unknown).replace("nobody@example.ir", "user@example.ir"),
        main_of(&wrong_password),
        "an unknown account and a wrong password look alike"
    );
    assert_eq!(get(&app, &c, "/account").await.status(), 303, "still anonymous");

    let r = app
        .post_form(&c, "/login", &[("email", "User@Example.ir"), ("password", PASSWORD), ("next", "/account")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/account", "back to where the visitor was going");
    let raw = set_cookies(&r);
    let sid = raw.iter().find(|c| c.starts_with("halqe_sid=")).unwrap();
    let value = cookie_value(&r, "halqe_sid").unwrap();
    assert!(value.len() >= 32, "a long random session value: {sid}");
    assert!(sid.contains("; HttpOnly"), "{sid}");
    assert!(sid.contains("; SameSite=Lax"), "{sid}");
    assert!(sid.contains("; Path=/"), "{sid}");
    assert!(sid.contains(&format!("; Max-Age={}", 14 * 24 * 3600)), "{sid}");
    assert!(!sid.contains("Secure"), "plain http in tests: {sid}");
    let hashed = format!("SELECT COUNT(*) FROM sessions WHERE id_hash = '{value}'");
    assert_eq!(app.sql_count(&hashed).await, 0, "only the hash of the session value is stored");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM sessions").await, 1);

    let r = get(&app, &c, "/account").await;
    assert_eq!(r.status(), 200);
    let html = text(r).await;
    assert!(html.contains("<bdi>کاربر آزمایشی</bdi>") && html.contains("user@example.ir"), "{html}");
    assert!(html.contains("تأییدشده"), "{html}");

    // An off-site `next` is ignored.
    let c2 = app.client();
    let r = app
        .post_form(&c2, "/login", &[("email", "user@example.ir"), ("password", PASSWORD), ("next", "//evil.example/")])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/");
}

#[tokio::test]
async fn sign_out_ends_the_session_on_the_server() {
    let app = TestApp::spawn().await;
    let user = app.user("leaving@example.ir", &[Role::Innovator]).await;
    let c = app.client();
    let r = app.post_form(&c, "/login", &[("email", "leaving@example.ir"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), 303);
    let sid = cookie_value(&r, "halqe_sid").unwrap();
    let sessions = format!("SELECT COUNT(*) FROM sessions WHERE user_id = '{}'", user.as_str());
    assert_eq!(app.sql_count(&sessions).await, 1);

    // The cookie value alone, on another client, is the session.
    let replay = |app: &TestApp, sid: &str| {
        let req = app.client().get(app.url("/account")).header("cookie", format!("halqe_sid={sid}"));
        async move { req.send().await.unwrap() }
    };
    assert_eq!(replay(&app, &sid).await.status(), 200);

    let r = app.post_form(&c, "/logout", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/login?notice=signed_out");
    let cleared = set_cookies(&r).into_iter().find(|c| c.starts_with("halqe_sid=")).unwrap();
    assert!(cleared.starts_with("halqe_sid=;") && cleared.contains("Max-Age=0"), "{cleared}");
    assert!(text(get(&app, &c, "/login?notice=signed_out").await).await.contains("از حساب خود خارج شدید."));

    assert_eq!(app.sql_count(&sessions).await, 0, "the session row is gone");
    let r = replay(&app, &sid).await;
    assert_eq!(r.status(), 303, "the old cookie value no longer signs anyone in");
    assert_eq!(location(&r), "/login?next=%2Faccount");
    let r = get(&app, &c, "/account").await;
    assert_eq!(r.status(), 303);
    // Signing out needs a session.
    let r = app.post_form(&c, "/logout", &[]).await;
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn password_reset_sets_a_new_password_once_and_ends_sessions() {
    let app = TestApp::spawn().await;
    let user = app.user("forgetful@example.ir", &[Role::Innovator]).await;
    let elsewhere = app.client();
    app.login(&elsewhere, "forgetful@example.ir", PASSWORD).await;
    assert_eq!(get(&app, &elsewhere, "/account").await.status(), 200);

    let c = app.client();
    let r = app.post_form(&c, "/password/forgot", &[("email", "Forgetful@Example.ir")]).await;
    assert_eq!(r.status(), 200);
    let known = text(r).await;
    assert!(known.contains("اگر حسابی با این نشانی وجود داشته باشد"), "{known}");
    let mail = app.mail_to("forgetful@example.ir").await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].subject, "تعیین گذرواژه جدید در حلقه");
    assert!(mail[0].body_text.contains("کاربر آزمایشی گرامی،"), "{}", mail[0].body_text);
    let path = path_of(&link_in(&mail[0].body_text).unwrap());
    assert!(path.starts_with("/password/reset?token="), "{path}");
    let token = path.split_once("token=").unwrap().1.to_owned();

    // An unknown address gets the same answer and no mail.
    let r = app.post_form(&c, "/password/forgot", &[("email", "stranger@example.ir")]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(main_of(&text(r).await), main_of(&known));
    assert!(app.mail_to("stranger@example.ir").await.is_empty());
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM mail_outbox").await, 1);
    // A malformed address is a form error.
    let r = app.post_form(&c, "/password/forgot", &[("email", "not-an-email")]).await;
    assert_eq!(r.status(), 422);
    assert!(text(r).await.contains("id=\"e-email\">نشانی ایمیل معتبر نیست.</p>"));

    let r = get(&app, &c, &path).await;
    assert_eq!(r.status(), 200);
    let html = text(r).await;
    assert!(
        html.contains("تعیین گذرواژه جدید") && html.contains(&format!("name=\"token\" value=\"{token}\"")),
        "{html}"
    );

    let r = app.post_form(&c, "/password/reset", &[("token", &token), ("password", "short")]).await;
    assert_eq!(r.status(), 422);
    let html = text(r).await;
    assert!(html.contains(&format!("id=\"e-password\">{TOO_SHORT}</p>")), "{html}");
    assert!(html.contains(&format!("name=\"token\" value=\"{token}\"")), "the form keeps the token");
    assert_eq!(get(&app, &c, &path).await.status(), 200, "a refused password does not use up the link");
    assert_eq!(get(&app, &elsewhere, "/account").await.status(), 200, "nor end any session");

    let new_password = "a-brand-new-passphrase";
    let r = app.post_form(&c, "/password/reset", &[("token", &token), ("password", new_password)]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/login?notice=password_reset");
    assert!(text(get(&app, &c, "/login?notice=password_reset").await).await.contains("گذرواژه شما تغییر کرد"));

    let sessions = format!("SELECT COUNT(*) FROM sessions WHERE user_id = '{}'", user.as_str());
    assert_eq!(app.sql_count(&sessions).await, 0);
    let r = get(&app, &elsewhere, "/account").await;
    assert_eq!(r.status(), 303, "the session opened before the reset is over");
    assert_eq!(location(&r), "/login?next=%2Faccount");
    let audited = "SELECT COUNT(*) FROM audit_log WHERE action = 'user.password_reset'";
    assert_eq!(app.sql_count(audited).await, 1);

    let r = app.post_form(&app.client(), "/login", &[("email", "forgetful@example.ir"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), 401, "the old password no longer works");
    app.login(&app.client(), "forgetful@example.ir", new_password).await;

    let r = get(&app, &c, &path).await;
    assert_eq!(r.status(), 410, "the link works once");
    assert!(text(r).await.contains(LINK_EXPIRED));
    let r = app.post_form(&c, "/password/reset", &[("token", &token), ("password", "yet-another-passphrase")]).await;
    assert_eq!(r.status(), 410);
    app.login(&app.client(), "forgetful@example.ir", new_password).await;
}

#[tokio::test]
async fn password_reset_links_expire_after_an_hour() {
    let app = TestApp::spawn().await;
    app.user("late@example.ir", &[Role::Innovator]).await;
    let c = app.client();
    let r = app.post_form(&c, "/password/forgot", &[("email", "late@example.ir")]).await;
    assert_eq!(r.status(), 200);
    let path = path_of(&link_in(&app.mail_to("late@example.ir").await[0].body_text).unwrap());
    let token = path.split_once("token=").unwrap().1.to_owned();

    app.clock.advance(59 * MINUTE);
    assert_eq!(get(&app, &c, &path).await.status(), 200, "still valid within the hour");
    app.clock.advance(2 * MINUTE);
    let r = get(&app, &c, &path).await;
    assert_eq!(r.status(), 410);
    assert!(text(r).await.contains(LINK_EXPIRED));
    let r = app.post_form(&c, "/password/reset", &[("token", &token), ("password", "a-brand-new-passphrase")]).await;
    assert_eq!(r.status(), 410);
    app.login(&app.client(), "late@example.ir", PASSWORD).await;
}

#[tokio::test]
async fn idle_sessions_expire_after_fourteen_days() {
    let app = TestApp::spawn().await;
    let c = app.signed_in("idle@example.ir", &[Role::Innovator]).await;

    // Activity keeps the session alive past fourteen days from sign-in.
    app.clock.advance(13 * DAY);
    assert_eq!(get(&app, &c, "/account").await.status(), 200);
    app.clock.advance(13 * DAY);
    assert_eq!(get(&app, &c, "/account").await.status(), 200, "26 days after sign-in, 13 idle");

    app.clock.advance(14 * DAY + MINUTE);
    let r = get(&app, &c, "/account").await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/login?next=%2Faccount");
    let html = text(get(&app, &c, "/").await).await;
    assert!(html.contains("href=\"/login\"") && !html.contains("id=\"logout-form\""), "shown as signed out");
}

#[tokio::test]
async fn the_language_choice_is_stored_on_the_account() {
    let app = TestApp::spawn().await;
    let c = app.signed_in("polyglot@example.ir", &[Role::Innovator]).await;
    let html = text(get(&app, &c, "/account").await).await;
    assert!(html.contains("<html lang=\"fa\" dir=\"rtl\">") && html.contains("حساب کاربری"));

    let r = app.post_form(&c, "/lang", &[("lang", "en"), ("next", "/account")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/account");
    let stored = "SELECT COUNT(*) FROM users WHERE email = 'polyglot@example.ir' AND locale = 'en'";
    assert_eq!(app.sql_count(stored).await, 1);
    let html = text(get(&app, &c, "/account").await).await;
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"), "{html}");
    assert!(html.contains("<title>Account · Halqe</title>") && html.contains("Sign out"), "{html}");
    assert!(!html.contains("خروج"), "no Persian interface text left");

    // A new sign-in from a browser that never chose a language gets English from the account.
    let other = app.client();
    app.login(&other, "polyglot@example.ir", PASSWORD).await;
    let html = text(get(&app, &other, "/").await).await;
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">") && html.contains("Sign out"), "{html}");

    // Mail for the account follows its language.
    let r = app.post_form(&app.client(), "/password/forgot", &[("email", "polyglot@example.ir")]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(app.mail_to("polyglot@example.ir").await[0].subject, "Set a new password on Halqe");

    // Switching back is stored too.
    let r = app.post_form(&other, "/lang", &[("lang", "fa")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.sql_count(stored).await, 0);
    let html = text(get(&app, &c, "/account").await).await;
    assert!(html.contains("<html lang=\"fa\" dir=\"rtl\">"), "{html}");
}

#[tokio::test]
async fn an_anonymous_language_switch_sets_a_cookie() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let r = app.post_form(&c, "/lang", &[("lang", "en"), ("next", "/register")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/register");
    let lang = set_cookies(&r).into_iter().find(|c| c.starts_with("halqe_lang=")).unwrap();
    assert!(lang.starts_with("halqe_lang=en;"), "{lang}");
    assert!(lang.contains("; HttpOnly") && lang.contains("; SameSite=Lax") && lang.contains("; Path=/"), "{lang}");
    assert!(lang.contains(&format!("Max-Age={}", 365 * 24 * 3600)), "{lang}");

    let html = text(get(&app, &c, "/register").await).await;
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">") && html.contains("Register as an innovator"), "{html}");
    // Another browser is unaffected.
    let html = text(get(&app, &app.client(), "/register").await).await;
    assert!(html.contains("<html lang=\"fa\" dir=\"rtl\">"));

    // Errors and mail come in the chosen language, and the account keeps it.
    let r = register(&app, &c, "", "x", "y").await;
    assert_eq!(r.status(), 422);
    assert!(text(r).await.contains("id=\"e-email\">Not a valid email address.</p>"));
    let r = register(&app, &c, "Sam Smith", "sam@example.org", "a-long-enough-passphrase").await;
    assert_eq!(r.status(), 200);
    assert!(text(r).await.contains("Check your email"));
    let mail = app.mail_to("sam@example.org").await;
    assert_eq!(mail[0].subject, "Confirm your email address for Halqe");
    assert!(mail[0].body_text.starts_with("Dear Sam Smith,"), "{}", mail[0].body_text);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM users WHERE email = 'sam@example.org' AND locale = 'en'").await, 1);

    let r = app.post_form(&c, "/lang", &[("lang", "xx")]).await;
    assert_eq!(r.status(), 400, "an unknown language is refused");
}
