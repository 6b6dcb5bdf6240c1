//! Password hashing and throttling under attack: cheap checks before Argon2, a bounded hashing queue,
//! sign-in limits per account and address that no one can turn against an account's owner, and rate
//! limits on everything that sends mail. Client addresses are posed through the trusted loopback proxy.

use std::time::Duration;

use futures_util::future::join_all;
use halqe_app::password::Passwords;
use halqe_domain::user::Role;
use halqe_testing::{PASSWORD, TestApp};
use reqwest::Response;

const MINUTE: i64 = 60_000;
const LOGIN_FAILED: &str = "ایمیل یا گذرواژه نادرست است.";
const LOGIN_THROTTLED: &str = "ورود به این حساب از این نشانی موقتاً متوقف شده است";
const TOO_MANY: &str = "تلاش‌های بیش از حد";
const BUSY: &str = "سرور مشغول است";
const LINK_EXPIRED: &str = "پیوند منقضی شده است";

const ATTACKER: &str = "203.0.113.66";
const OWNER: &str = "198.51.100.7";

fn retry_after(r: &Response) -> Option<u64> {
    r.headers().get("retry-after")?.to_str().ok()?.parse().ok()
}

async fn sign_in_from(app: &TestApp, email: &str, password: &str, from: &str) -> Response {
    app.post_form_from(&app.client(), "/login", &[("email", email), ("password", password)], from).await
}

#[tokio::test]
async fn made_up_links_are_refused_before_any_password_is_hashed() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let before = app.hashes_run();
    let fields = [("password", "a-long-enough-passphrase"), ("display_name", "کسی"), ("token", "made-up")];
    for path in ["/password/reset", "/claim/made-up-token", "/invitations/made-up-token"] {
        let r = app.post_form(&c, path, &fields).await;
        assert_eq!(r.status(), 410, "{path}");
        assert!(r.text().await.unwrap().contains(LINK_EXPIRED), "{path}");
    }
    assert_eq!(app.hashes_run(), before, "not one Argon2 run for links that do not exist");

    // A real reset link does hash the new password, once.
    app.user("real@example.ir", &[Role::Innovator]).await;
    let r = app.post_form(&c, "/password/forgot", &[("email", "real@example.ir")]).await;
    assert_eq!(r.status(), 200);
    let mail = app.mail_to("real@example.ir").await;
    let link = halqe_testing::link_in(&mail[0].body_text).unwrap();
    let token = link.split("token=").nth(1).unwrap().to_owned();
    let before = app.hashes_run();
    let r = app.post_form(&c, "/password/reset", &[("token", &token), ("password", "a-new-long-passphrase")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.hashes_run(), before + 1);
}

#[tokio::test]
async fn the_locked_admin_attack_no_longer_locks() {
    let app = TestApp::spawn().await;
    app.user("admin@example.ir", &[Role::Admin]).await;
    let before = app.hashes_run();
    for attempt in 1..=40 {
        // The attacker writes whatever it likes left of the address our proxy saw; only the latter counts.
        let forged = format!("10.9.8.{attempt}, {ATTACKER}");
        let r = sign_in_from(&app, "admin@example.ir", "guess-guess", &forged).await;
        let status = r.status();
        if attempt <= 5 {
            assert_eq!(status, 401, "attempt {attempt}");
            assert!(r.text().await.unwrap().contains(LOGIN_FAILED));
        } else {
            assert_eq!(status, 429, "attempt {attempt}");
            assert!(retry_after(&r).is_some_and(|s| (1..=2).contains(&s)), "attempt {attempt}: {:?}", retry_after(&r));
            assert!(r.text().await.unwrap().contains(LOGIN_THROTTLED), "attempt {attempt}");
        }
    }
    assert_eq!(app.hashes_run() - before, 5, "refused attempts never reach Argon2");
    // Even the right password is refused from the attacker's address, without revealing it was right.
    let r = sign_in_from(&app, "admin@example.ir", PASSWORD, ATTACKER).await;
    assert_eq!(r.status(), 429);

    // The admin, from their own address, signs in at once.
    let r = sign_in_from(&app, "admin@example.ir", PASSWORD, OWNER).await;
    assert_eq!(r.status(), 303, "the owner is not locked out");

    // From the attacker's address each further try waits twice as long as the one before.
    app.clock.advance(2_000);
    assert_eq!(sign_in_from(&app, "admin@example.ir", "guess-guess", ATTACKER).await.status(), 401);
    let r = sign_in_from(&app, "admin@example.ir", "guess-guess", ATTACKER).await;
    assert_eq!((r.status().as_u16(), retry_after(&r)), (429, Some(4)));
    app.clock.advance(4_000);
    assert_eq!(sign_in_from(&app, "admin@example.ir", "guess-guess", ATTACKER).await.status(), 401);
    let r = sign_in_from(&app, "admin@example.ir", "guess-guess", ATTACKER).await;
    assert_eq!((r.status().as_u16(), retry_after(&r)), (429, Some(8)));
    // A successful sign-in from an address ends that address's delays for the account.
    app.clock.advance(8_000);
    assert_eq!(sign_in_from(&app, "admin@example.ir", PASSWORD, ATTACKER).await.status(), 303);
    assert_eq!(sign_in_from(&app, "admin@example.ir", "guess-guess", ATTACKER).await.status(), 401);
}

#[tokio::test]
async fn parallel_guesses_cannot_outrun_the_limit() {
    let app = TestApp::spawn().await;
    app.user("target@example.ir", &[Role::Innovator]).await;
    let before = app.hashes_run();
    let guesses = (0..30).map(|i| {
        let password = format!("guess-number-{i}");
        let app = &app;
        async move { sign_in_from(app, "target@example.ir", &password, ATTACKER).await.status().as_u16() }
    });
    let statuses = join_all(guesses).await;
    let failed = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(failed + refused, 30, "{statuses:?}");
    assert!((1..=5).contains(&failed), "at most five guesses are checked: {statuses:?}");
    assert_eq!(app.hashes_run() - before, failed as u64, "only the checked guesses ran Argon2");
}

#[tokio::test]
async fn many_failures_from_one_address_throttle_that_address_only() {
    let app = TestApp::spawn().await;
    app.user("real@example.ir", &[Role::Innovator]).await;
    for i in 0..20 {
        let email = format!("unknown{i}@example.ir");
        let r = sign_in_from(&app, &email, "guess-guess", ATTACKER).await;
        assert_eq!(r.status(), 401, "failure {} for a fresh account", i + 1);
        app.clock.advance(1_000);
    }
    let r = sign_in_from(&app, "unknown20@example.ir", "guess-guess", ATTACKER).await;
    assert_eq!(r.status(), 429, "the 21st failed check from this address is refused");
    assert!(retry_after(&r).is_some());
    assert!(r.text().await.unwrap().contains(LOGIN_THROTTLED));
    // Every account is refused from this address; from another, all is well.
    assert_eq!(sign_in_from(&app, "real@example.ir", PASSWORD, ATTACKER).await.status(), 429);
    assert_eq!(sign_in_from(&app, "real@example.ir", PASSWORD, OWNER).await.status(), 303);

    app.clock.advance(16 * MINUTE);
    assert_eq!(sign_in_from(&app, "real@example.ir", PASSWORD, ATTACKER).await.status(), 303);
}

#[tokio::test]
async fn a_full_hashing_queue_answers_503_with_retry_after() {
    // One slot and no waiting: every sign-in that finds the slot taken is told to come back.
    let app = TestApp::spawn_with_passwords(Passwords::new(1, Duration::ZERO)).await;
    let attempts = (0..12).map(|i| {
        let (email, from) = (format!("someone{i}@example.ir"), format!("198.51.100.{}", 10 + i));
        let app = &app;
        async move {
            let r = sign_in_from(app, &email, "guess-guess", &from).await;
            (r.status().as_u16(), retry_after(&r), r.text().await.unwrap())
        }
    });
    let results = join_all(attempts).await;
    let busy: Vec<_> = results.iter().filter(|(s, _, _)| *s == 503).collect();
    assert!(!busy.is_empty(), "twelve hashes at once cannot all fit one slot");
    assert!(
        results.iter().all(|(s, _, _)| *s == 503 || *s == 401),
        "{:?}",
        results.iter().map(|r| r.0).collect::<Vec<_>>()
    );
    for (_, after, html) in busy {
        assert_eq!(*after, Some(3));
        assert!(html.contains(BUSY), "a localized page");
    }
}

#[tokio::test]
async fn a_burst_against_one_account_from_many_addresses_leaves_sign_in_open_to_others() {
    // One slot, as on a one-core node, and a wait long enough for every check. Each guess comes from its own
    // address, so each passes the limits; if each queued its own check, an honest sign-in of another account
    // would wait for all the guesses queued before it.
    let app = TestApp::spawn_with_passwords(Passwords::new(1, Duration::from_secs(60))).await;
    app.user("target@example.ir", &[Role::Innovator]).await;
    app.user("honest@example.ir", &[Role::Innovator]).await;
    let guesses = (0..60).map(|i| {
        let (password, from) = (format!("guess-number-{i}"), format!("10.0.0.{}", i + 1));
        let app = &app;
        async move { sign_in_from(app, "target@example.ir", &password, &from).await.status().as_u16() }
    });
    let honest = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let mut waited_for = Vec::new();
        for i in 0..3 {
            let before = app.hashes_run();
            let r = sign_in_from(&app, "honest@example.ir", PASSWORD, &format!("198.51.100.{}", 20 + i)).await;
            assert_eq!(r.status(), 303, "every honest sign-in of another account succeeds during the burst");
            waited_for.push(app.hashes_run() - before);
        }
        waited_for
    };
    let (guesses, waited_for) = tokio::join!(join_all(guesses), honest);
    // Counted from its first request to its answer: its own check and the guesses that ran meanwhile, one at
    // a time (a handful on a loaded machine), not every guess queued before it (39 of 40 when each queued).
    assert!(waited_for.iter().all(|n| *n <= 12), "password checks run during each honest sign-in: {waited_for:?}");
    assert_eq!(guesses, [401; 60], "the target's guesses are all checked, one at a time");
}

#[tokio::test]
async fn registration_is_limited_per_email_and_per_address_before_any_hash() {
    let app = TestApp::spawn().await;
    let register = |email: String, from: String| {
        let app = &app;
        async move {
            let fields =
                [("display_name", "نوآور"), ("email", email.as_str()), ("password", "a-long-enough-passphrase")];
            app.post_form_from(&app.client(), "/register", &fields, &from).await
        }
    };
    // One mailbox gets at most three mails an hour, whoever asks.
    for i in 0..3 {
        assert_eq!(register("victim@example.ir".into(), format!("192.0.2.{}", 1 + i)).await.status(), 200);
    }
    let before = app.hashes_run();
    let r = register("victim@example.ir".into(), "192.0.2.99".into()).await;
    assert_eq!(r.status(), 429);
    assert!(retry_after(&r).is_some_and(|s| s > 50 * 60));
    assert!(r.text().await.unwrap().contains(TOO_MANY));
    assert_eq!(app.hashes_run(), before, "refused before Argon2");
    assert_eq!(app.mail_to("victim@example.ir").await.len(), 3);

    // One address registers at most twenty accounts an hour.
    for i in 0..20 {
        assert_eq!(register(format!("new{i}@example.ir"), ATTACKER.into()).await.status(), 200, "registration {i}");
    }
    let before = app.hashes_run();
    let r = register("new20@example.ir".into(), ATTACKER.into()).await;
    assert_eq!(r.status(), 429);
    assert_eq!(app.hashes_run(), before);
    assert_eq!(register("new20@example.ir".into(), OWNER.into()).await.status(), 200, "another address is unaffected");
    app.clock.advance(61 * MINUTE);
    assert_eq!(register("new21@example.ir".into(), ATTACKER.into()).await.status(), 200, "the hour has passed");
}

#[tokio::test]
async fn password_reset_requests_are_limited_per_email_and_per_address() {
    let app = TestApp::spawn().await;
    app.user("forgetful@example.ir", &[Role::Innovator]).await;
    let forgot = |email: &str, from: &str| {
        let (app, email, from) = (&app, email.to_owned(), from.to_owned());
        async move { app.post_form_from(&app.client(), "/password/forgot", &[("email", &email)], &from).await }
    };
    for i in 0..3 {
        assert_eq!(forgot("forgetful@example.ir", &format!("192.0.2.{}", 1 + i)).await.status(), 200);
    }
    let r = forgot("forgetful@example.ir", "192.0.2.50").await;
    assert_eq!(r.status(), 429);
    assert!(retry_after(&r).is_some());
    assert!(r.text().await.unwrap().contains(TOO_MANY));
    assert_eq!(app.mail_to("forgetful@example.ir").await.len(), 3, "no fourth mail");

    // One address asks for at most ten links an hour, whatever the addresses.
    for i in 0..10 {
        assert_eq!(forgot(&format!("nobody{i}@example.ir"), ATTACKER).await.status(), 200, "request {i}");
    }
    assert_eq!(forgot("nobody10@example.ir", ATTACKER).await.status(), 429, "the eleventh from one address");
    assert_eq!(forgot("nobody10@example.ir", OWNER).await.status(), 200, "another address is unaffected");
}

#[tokio::test]
async fn invitations_are_limited_per_inviter() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("staff@example.ir", &[Role::Staff]).await;
    let agency = app.agency("وزارت آزمایش").await;
    let path = format!("/agencies/{agency}/invitations");
    for i in 0..50 {
        let email = format!("officer{i}@example.ir");
        assert_eq!(app.post_form(&staff, &path, &[("email", &email)]).await.status(), 200, "invitation {i}");
    }
    let r = app.post_form(&staff, &path, &[("email", "officer50@example.ir")]).await;
    assert_eq!(r.status(), 429);
    assert!(retry_after(&r).is_some());
    assert!(r.text().await.unwrap().contains(TOO_MANY));
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM invitations").await, 50);
    // Another staff member is not held back by the first one's invitations.
    let other = app.signed_in("staff2@example.ir", &[Role::Staff]).await;
    assert_eq!(app.post_form(&other, &path, &[("email", "officer50@example.ir")]).await.status(), 200);
}
