//! Mail delivery through a real SMTP server (aiosmtpd): retries with backoff, dead letters on the admin
//! page and their retry, and concurrent workers that never send one message twice.

use std::time::Duration;

use halqe_app::mail::{Mailer, deliver_pending};
use halqe_app::{MINUTE_MS, accounts};
use halqe_domain::user::Role;
use halqe_testing::smtp::SmtpSink;
use halqe_testing::{TestApp, link_in};

async fn html(r: reqwest::Response) -> String {
    r.text().await.unwrap()
}

#[tokio::test]
async fn failures_back_off_then_die_and_an_admin_retry_delivers() {
    let t = TestApp::spawn().await;
    let sink = SmtpSink::start();
    let app = t.app.clone().with_mailer(Mailer { max_attempts: 3, retry_base_ms: MINUTE_MS, ..sink.mailer() });
    t.user("forgetful@example.ir", &[Role::Innovator]).await;
    accounts::reset_password::request(&app, "forgetful@example.ir", "127.0.0.1").await.unwrap();

    sink.reject(true);
    let state = "SELECT attempts * 10 + (CASE WHEN dead_at IS NULL THEN 0 ELSE 1 END) FROM mail_outbox";
    assert_eq!(deliver_pending(&app).await.unwrap(), 0);
    assert_eq!(t.sql_count(state).await, 10, "one failed attempt, not dead");
    assert_eq!(deliver_pending(&app).await.unwrap(), 0);
    assert_eq!(t.sql_count(state).await, 10, "not due again before the backoff");
    t.clock.advance(MINUTE_MS - 1);
    deliver_pending(&app).await.unwrap();
    assert_eq!(t.sql_count(state).await, 10, "the first wait is one minute");
    t.clock.advance(1);
    deliver_pending(&app).await.unwrap();
    assert_eq!(t.sql_count(state).await, 20, "second attempt after a minute");
    t.clock.advance(2 * MINUTE_MS - 1);
    deliver_pending(&app).await.unwrap();
    assert_eq!(t.sql_count(state).await, 20, "the second wait is two minutes");
    t.clock.advance(1);
    deliver_pending(&app).await.unwrap();
    assert_eq!(t.sql_count(state).await, 31, "the third and last attempt makes it dead");
    t.clock.advance(60 * MINUTE_MS);
    deliver_pending(&app).await.unwrap();
    assert_eq!(t.sql_count(state).await, 31, "a dead letter is not tried again");
    assert!(sink.received().is_empty());

    let admin = t.signed_in("admin@example.ir", &[Role::Admin]).await;
    let page = html(admin.get(t.url("/admin/mail")).send().await.unwrap()).await;
    assert!(page.contains("برگشتی: \u{2068}۱\u{2069}"), "{page}");
    assert!(page.contains("تعیین گذرواژه جدید در حلقه"), "the subject is shown: {page}");
    assert!(page.contains("451"), "with the server's answer: {page}");
    assert!(!page.contains("/password/reset"), "never the body or its link: {page}");
    let id = t.mail_to("forgetful@example.ir").await.remove(0).id;

    sink.reject(false);
    let r = admin.post(t.url(&format!("/admin/mail/{id}/retry"))).send().await.unwrap();
    assert_eq!(r.status(), 403, "the retry needs the CSRF token");
    let r = t.post_form(&admin, &format!("/admin/mail/{id}/retry"), &[]).await;
    assert_eq!(r.status(), 303);
    let r = t.post_form(&admin, &format!("/admin/mail/{id}/retry"), &[]).await;
    assert_eq!(r.status(), 404, "only a dead letter can be retried");
    assert_eq!(t.sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'mail.retry'").await, 1);
    assert_eq!(deliver_pending(&app).await.unwrap(), 1);
    let got = sink.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].rcpt_tos, ["forgetful@example.ir"]);
    assert_eq!(got[0].subject, "تعیین گذرواژه جدید در حلقه");
    assert_eq!(got[0].message_id, format!("<{id}@localhost>"));
    assert!(link_in(&got[0].body).is_some_and(|l| l.contains("/password/reset?token=")), "{}", got[0].body);
    let page = html(admin.get(t.url("/admin/mail")).send().await.unwrap()).await;
    assert!(page.contains("برگشتی: \u{2068}۰\u{2069}") && page.contains("data-test=\"outbox-no-dead\""), "{page}");
}

#[tokio::test]
async fn a_delivered_message_keeps_no_one_time_link() {
    let t = TestApp::spawn().await;
    let sink = SmtpSink::start();
    let app = t.app.clone().with_mailer(sink.mailer());
    t.user("forgetful@example.ir", &[Role::Innovator]).await;
    accounts::reset_password::request(&app, "forgetful@example.ir", "127.0.0.1").await.unwrap();
    let queued = t.mail_to("forgetful@example.ir").await.remove(0).body_text;
    let link = link_in(&queued).unwrap();
    assert_eq!(deliver_pending(&app).await.unwrap(), 1);
    assert!(sink.received()[0].body.contains(&link), "the recipient gets the link");
    let stored = t.mail_to("forgetful@example.ir").await.remove(0);
    assert!(stored.sent_at.is_some());
    assert!(!stored.body_text.contains(&link) && stored.body_text.contains("[link removed after delivery]"));
    assert_eq!(stored.body_text.replace("[link removed after delivery]", &link), queued, "the rest is kept");
}

#[tokio::test]
async fn concurrent_workers_send_each_message_once() {
    let t = TestApp::spawn().await;
    let sink = SmtpSink::start();
    let app = t.app.clone().with_mailer(sink.mailer());
    let mut tx = app.db.begin().await.unwrap();
    for i in 0..40 {
        let to = format!("person{i}@example.ir");
        halqe_app::mail::queue(
            &mut tx,
            &to,
            halqe_domain::locale::Locale::Fa,
            "reset",
            &[("name", "نسرین"), ("link", "-")],
            1,
        )
        .await
        .unwrap();
    }
    halqe_db::commit(tx).await.unwrap();
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move { deliver_pending(&app).await.unwrap() })
        })
        .collect();
    let mut sent = 0;
    for w in workers {
        sent += w.await.unwrap();
    }
    assert_eq!(sent, 40, "every message was sent by exactly one worker");
    let got = sink.wait_for(40, Duration::from_secs(10)).await;
    let mut ids: Vec<&str> = got.iter().map(|m| m.message_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!((got.len(), ids.len()), (40, 40), "none twice");
    assert_eq!(t.sql_count("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL AND attempts = 1").await, 40);
}

#[tokio::test]
async fn the_demo_shows_a_dead_letter() {
    let t = TestApp::spawn().await;
    halqe_app::demo::load(&t.app).await.unwrap();
    let admin = t.signed_in("admin@example.ir", &[Role::Admin]).await;
    let page = html(admin.get(t.url("/admin/mail")).send().await.unwrap()).await;
    assert!(page.contains("r.ahmadi@mprog.ir") && page.contains("User unknown"), "{page}");
}
