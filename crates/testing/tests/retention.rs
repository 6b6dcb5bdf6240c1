//! Retention (`app::jobs::retention`): old feed changes are compacted and a node whose index is behind the
//! compacted window rebuilds instead of missing changes; import row reports and sent mail go once older
//! than their configured periods, and nothing younger (nor unsent mail) goes with them.

use std::sync::Arc;

use halqe_app::jobs::retention::{self, Retention};
use halqe_app::{App, DAY_MS, Settings};
use halqe_search::SearchIndex;
use halqe_search::directory::DirectoryQuery;
use halqe_search::query::Viewer;
use halqe_testing::TestApp;

/// `app` with these retention periods (in days; 0 keeps forever).
fn keeping(app: &App, retention: Retention) -> App {
    let mut app = app.clone();
    app.settings = Arc::new(Settings { retention, ..(*app.settings).clone() });
    app
}

/// Whether `index` finds the person `id` by the last name `word`.
fn finds(index: &SearchIndex, word: &str, id: &str) -> bool {
    let q = DirectoryQuery { text: word.to_owned(), viewer: Viewer::staff(), limit: 20, ..DirectoryQuery::default() };
    index.directory(&q).unwrap().hits.iter().any(|h| h.doc.id == id)
}

#[tokio::test]
async fn a_node_behind_the_compacted_feed_rebuilds_its_index_instead_of_missing_changes() {
    let app = TestApp::spawn().await;
    let feed = keeping(&app.app, Retention { search_changes_days: 30, ..Retention::default() });
    // Two nodes: the test app's index keeps up; `behind` stops after the first change.
    let behind = SearchIndex::in_memory().unwrap();
    let first = app.person("کاظمی", "حسابرسی", None, None).await;
    assert_eq!(halqe_app::search::feed::catch_up(&app.app, &behind).await.unwrap(), 1);
    let second = app.person("رضوانی", "بودجه‌ریزی", None, None).await;
    app.sync_index().await;
    // A pass marks the head (both changes); 31 days later the next pass deletes what that mark covered.
    assert_eq!(retention::apply(&feed).await.unwrap().search_changes, 0);
    app.clock.advance(31 * DAY_MS);
    let third = app.person("نوروزی", "حقوق اداری", None, None).await;
    assert_eq!(retention::apply(&feed).await.unwrap().search_changes, 2, "the two changes before the mark");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM search_changes").await, 1, "the newer change stays");

    // The node that kept up applies the one change left.
    assert_eq!(app.sync_index().await, 1);
    assert!(finds(&app.search, "نوروزی", &third));
    // The node behind cannot replay the deleted change: it rebuilds, and finds all three.
    assert!(!finds(&behind, "رضوانی", &second));
    halqe_app::search::feed::catch_up(&app.app, &behind).await.unwrap();
    assert!(finds(&behind, "کاظمی", &first));
    assert!(finds(&behind, "رضوانی", &second), "the compacted change reached the lagging node");
    assert!(finds(&behind, "نوروزی", &third));
    // Caught up, it follows the feed again without another rebuild.
    let fourth = app.person("صادقی", "منابع انسانی", None, None).await;
    assert_eq!(halqe_app::search::feed::catch_up(&app.app, &behind).await.unwrap(), 1);
    assert!(finds(&behind, "صادقی", &fourth));
}

const HEADER: &str = "کد ملی,نام,نام خانوادگی,ایمیل,موبایل,استان,مؤسسه,حوزه تخصص,مدرک,مهارت‌ها";

/// Imports people rows (as the operator) and returns the run's id.
async fn import(app: &TestApp, name: &str, rows: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, [HEADER].iter().chain(rows).copied().collect::<Vec<_>>().join("\n")).unwrap();
    let request = halqe_app::imports::Request {
        kind: halqe_app::imports::Kind::People,
        path,
        file_name: name.into(),
        dry_run: false,
    };
    let summary = halqe_app::imports::run(&app.app, halqe_app::imports::Acting::Operator, &request).await.unwrap();
    summary.run.to_string()
}

async fn rows_of(app: &TestApp, run: &str) -> i64 {
    app.sql_count(&format!("SELECT COUNT(*) FROM import_rows WHERE run_id = '{run}'")).await
}

async fn mail_to(app: &TestApp, to: &str) -> i64 {
    app.sql_count(&format!("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = '{to}'")).await
}

#[tokio::test]
async fn import_reports_and_sent_mail_go_only_once_older_than_their_periods() {
    let app = TestApp::spawn().await;
    let periods = Retention { search_changes_days: 0, import_rows_days: 10, outbox_sent_days: 5, jobs_days: 0 };
    let keep = keeping(&app.app, periods);
    // Day 0: two people imported, each invited to claim their profile by mail; one invitation is sent, the
    // other bounced for good (a dead letter, kept for admins whatever its age).
    let old_run = import(
        &app,
        "old.csv",
        &["0013542419,علی,رضایی,ali@ut.ac.ir,,تهران,,,,", "0499370899,مریم,احمدی,maryam@ut.ac.ir,,اصفهان,,,,"],
    )
    .await;
    let bounced = app.mail_to("maryam@ut.ac.ir").await.remove(0);
    let mut conn = app.app.db.conn().await.unwrap();
    halqe_db::outbox::bury(&mut conn, &bounced.id, 5, "550 mailbox unavailable", app.app.now()).await.unwrap();
    drop(conn);
    assert_eq!(halqe_app::mail::deliver_pending(&app.app).await.unwrap(), 1);
    // Day 8: another import, its invitation sent that day.
    app.clock.advance(8 * DAY_MS);
    let new_run = import(&app, "new.csv", &["3750926123,سارا,کریمی,sara@ut.ac.ir,,فارس,,,,"]).await;
    assert_eq!(halqe_app::mail::deliver_pending(&app.app).await.unwrap(), 1);
    assert_eq!((rows_of(&app, &old_run).await, rows_of(&app, &new_run).await), (2, 1));

    // Day 9: the old report is 9 days old (kept 10), the old sent mail 9 (kept 5), the new one 1.
    app.clock.advance(DAY_MS);
    let removed = retention::apply(&keep).await.unwrap();
    assert_eq!((removed.import_rows, removed.sent_mail), (0, 1), "{removed:?}");
    assert_eq!(mail_to(&app, "ali@ut.ac.ir").await, 0, "sent 9 days ago: past 5 days");
    assert_eq!(mail_to(&app, "sara@ut.ac.ir").await, 1, "sent a day ago");
    assert_eq!(mail_to(&app, "maryam@ut.ac.ir").await, 1, "never sent: not the sent mail retention deletes");
    assert_eq!(rows_of(&app, &old_run).await, 2);

    // Day 11: the old report is past 10 days; the new one (3 days) and its run's counts stay.
    app.clock.advance(2 * DAY_MS);
    let removed = retention::apply(&keep).await.unwrap();
    assert_eq!((removed.import_rows, removed.sent_mail), (2, 0), "{removed:?}");
    assert_eq!((rows_of(&app, &old_run).await, rows_of(&app, &new_run).await), (0, 1));
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM import_runs").await, 2, "the runs and their counts stay");
    // A second pass (another node, the next hour) finds nothing more.
    assert_eq!(retention::apply(&keep).await.unwrap(), retention::Removed::default());

    // Periods of 0 keep everything forever.
    app.clock.advance(365 * DAY_MS);
    let forever = Retention { search_changes_days: 0, import_rows_days: 0, outbox_sent_days: 0, jobs_days: 0 };
    let forever = keeping(&app.app, forever);
    assert_eq!(retention::apply(&forever).await.unwrap(), retention::Removed::default());
    assert_eq!((rows_of(&app, &new_run).await, mail_to(&app, "sara@ut.ac.ir").await), (1, 1));
}
