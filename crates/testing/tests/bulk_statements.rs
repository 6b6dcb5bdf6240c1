//! Work per request that does not grow with its recipients: introducing 50 candidates who have accounts
//! notifies each (who may see it, their setting, the notification, the mail) in as many statements as
//! introducing five. Statements are counted from sqlx's own query events, in a process of its own (a
//! global subscriber sees the database threads too).

use std::sync::Mutex;

use halqe_domain::ids::UserId;
use halqe_domain::locale::Locale;
use halqe_domain::user::{Email, Role};
use halqe_testing::{START_MS, TestApp};
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt};

/// Every statement sqlx ran since the last [`take`], as its SQL text.
static STATEMENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Statements;

struct Sql(String);

impl Visit for Sql {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "db.statement" {
            self.0 = value.to_owned();
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "db.statement" {
            self.0 = format!("{value:?}");
        }
    }
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Statements {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            let mut sql = Sql(String::new());
            event.record(&mut sql);
            STATEMENTS.lock().unwrap().push(sql.0);
        }
    }
}

/// The statements since the last call, leaving out the job runner's polling (it runs beside the request),
/// the set-up of a connection the pool happens to open, and events without SQL text (transaction control,
/// from any connection).
fn take() -> Vec<String> {
    let all = std::mem::take(&mut *STATEMENTS.lock().unwrap());
    all.into_iter()
        .filter(|s| !s.trim().is_empty() && !s.contains("jobs") && !s.trim_start().starts_with("PRAGMA"))
        .collect()
}

/// `n` people matching the need, each with a verified account of their own.
async fn candidates(app: &TestApp, from: usize, n: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(n);
    let mut tx = app.app.db.begin().await.unwrap();
    let mut users = Vec::with_capacity(n);
    for i in from..from + n {
        let id = UserId::new();
        let email = Email::parse(&format!("candidate{i}@bulk.test")).unwrap();
        let user = halqe_db::users::NewUser {
            id: &id,
            email: &email,
            display_name: "نوآور",
            password_hash: "not a hash",
            locale: if i % 2 == 0 { Locale::Fa } else { Locale::En },
            agency_id: None,
            email_verified_at: Some(START_MS),
            roles: &[Role::Innovator],
        };
        halqe_db::users::insert(&mut tx, &user, START_MS).await.unwrap();
        users.push(id);
    }
    halqe_db::commit(tx).await.unwrap();
    for (i, user) in users.iter().enumerate() {
        let skills = "تحلیل داده منابع انسانی، پیش‌بینی ترک خدمت";
        out.push(format!("person:{}", app.person(&format!("نامزد {}", from + i), skills, None, Some(user)).await));
    }
    out
}

#[tokio::test]
async fn notifying_fifty_accounts_takes_as_many_statements_as_five() {
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(Statements)).unwrap();
    let app = TestApp::spawn().await;
    let agency = app.agency("سازمان اداری و استخدامی").await;
    let officer = app.officer_of("officer@bulk.test", &agency).await;
    let five = candidates(&app, 0, 5).await;
    let fifty = candidates(&app, 5, 50).await;
    // One person chose the daily digest for requests: told in the app, not mailed now.
    let mut conn = app.app.db.conn().await.unwrap();
    let quiet = halqe_db::users::by_email(&mut conn, &Email::parse("candidate7@bulk.test").unwrap()).await.unwrap();
    let kind = halqe_domain::notification::Kind::IntroductionRequested;
    let digest = halqe_domain::notification::Delivery::Digest;
    halqe_db::notifications::set_delivery(&mut conn, &quiet.unwrap().id, kind, digest, START_MS).await.unwrap();
    drop(conn);
    app.sync_index().await;

    let mut counts = Vec::new();
    for (need, chosen) in [("پیش‌بینی ترک خدمت کارکنان", &five), ("تحلیل داده منابع انسانی", &fifty)]
    {
        let mut form = vec![("need", need)];
        form.extend(chosen.iter().map(|c| ("candidate", c.as_str())));
        take();
        let r = app.post_form(&officer, "/introductions", &form).await;
        assert_eq!(r.status(), 303);
        counts.push(take());
    }
    let (small, large) = (&counts[0], &counts[1]);
    assert_eq!(
        small.len(),
        large.len(),
        "statements for 5 and for 50 recipients differ:\n5: {small:#?}\n50: {large:#?}"
    );
    assert!(large.len() <= 40, "{} statements for one request: {large:#?}", large.len());

    // Each was told, in the app and, but for the one who chose the digest, by mail in their language.
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM notifications WHERE kind = 'introduction_requested'").await, 55);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM notifications WHERE delivery = 'digest'").await, 1);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM mail_outbox WHERE to_addr LIKE 'candidate%'").await, 54);
    assert!(app.mail_to("candidate7@bulk.test").await.is_empty());
    let english = app.mail_to("candidate9@bulk.test").await;
    let persian = app.mail_to("candidate8@bulk.test").await;
    assert!(english[0].subject.starts_with("Introduction request from"), "{}", english[0].subject);
    assert!(persian[0].subject.starts_with("درخواست معرفی"), "{}", persian[0].subject);
}
