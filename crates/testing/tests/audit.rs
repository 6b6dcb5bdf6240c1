//! The audit record end to end: verification in one snapshot while appends commit, the paginated admin page
//! that shows the last verification instead of walking the chain, and signed checkpoints.

use halqe_app::audit::checkpoint::{Checkpoint, Signature, create, create_if_due};
use halqe_app::audit::{Finding, verify};
use halqe_domain::user::Role;
use halqe_testing::TestApp;
use reqwest::Client;

/// Appends `n` entries in one transaction.
async fn append(app: &halqe_app::App, n: usize) {
    let mut tx = app.db.begin().await.unwrap();
    for i in 0..n {
        let details = serde_json::json!({ "i": i });
        halqe_app::audit::record(&mut tx, None, "test.append", ("test", "entry"), details, app.now()).await.unwrap();
    }
    halqe_db::commit(tx).await.unwrap();
}

async fn page(app: &TestApp, admin: &Client, query: &str) -> String {
    let r = admin.get(app.url(&format!("/admin/audit{query}"))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    r.text().await.unwrap()
}

/// The sequence numbers a page lists, in order.
fn seqs(html: &str) -> Vec<i64> {
    html.split("data-seq=\"").skip(1).map(|s| s[..s.find('"').unwrap()].parse().unwrap()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appends_committing_during_a_verification_never_look_like_a_break() {
    let app = TestApp::spawn().await;
    // Several pages of chain, so each walk lasts long enough for appends to commit in the middle of it.
    append(&app.app, 3000).await;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (app, stop) = (app.app.clone(), stop.clone());
        tokio::spawn(async move {
            let mut appended = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                append(&app, 1).await;
                appended += 1;
            }
            appended
        })
    };
    let mut seen = Vec::new();
    for _ in 0..15 {
        let report = verify(&app.app).await.unwrap();
        assert_eq!(report.first_broken, None, "a false break while appends commit: {report:?}");
        seen.push(report.entries);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let appended = writer.await.unwrap();
    assert!(seen.windows(2).filter(|w| w[1] > w[0]).count() >= 5, "appends landed between walks: {seen:?}");
    let report = verify(&app.app).await.unwrap();
    assert_eq!((report.entries, report.first_broken), (3000 + appended, None));
}

#[tokio::test]
async fn the_admin_page_shows_fifty_entries_at_a_time_newest_first() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in("admin@example.ir", &[Role::Admin]).await;
    append(&app.app, 119).await;
    let newest = page(&app, &admin, "").await;
    assert_eq!(seqs(&newest), (71..=120).rev().collect::<Vec<_>>());
    assert!(newest.contains("href=\"/admin/audit?before=71\"") && !newest.contains("?after="), "{newest}");

    let middle = page(&app, &admin, "?before=71").await;
    assert_eq!(seqs(&middle), (21..=70).rev().collect::<Vec<_>>());
    assert!(middle.contains("href=\"/admin/audit?after=70\"") && middle.contains("href=\"/admin/audit?before=21\""));

    let oldest = page(&app, &admin, "?before=21").await;
    assert_eq!(seqs(&oldest), (1..=20).rev().collect::<Vec<_>>());
    assert!(oldest.contains("href=\"/admin/audit?after=20\"") && !oldest.contains("?before="), "{oldest}");

    assert_eq!(seqs(&page(&app, &admin, "?after=20").await), (21..=70).rev().collect::<Vec<_>>());
    assert_eq!(seqs(&page(&app, &admin, "?after=70").await), seqs(&newest));
    assert_eq!(seqs(&page(&app, &admin, "?before=۷۱").await), seqs(&middle), "Persian digits are read");
    assert_eq!(seqs(&page(&app, &admin, "?before=x").await), seqs(&newest), "anything else starts at the newest");
}

#[tokio::test]
async fn checkpoints_are_signed_when_due_shown_and_downloaded_and_warn_when_stale() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in("admin@example.ir", &[Role::Admin]).await;
    let html = page(&app, &admin, "").await;
    assert!(html.contains("هنوز هیچ نقطهٔ وارسی‌ای امضا نشده است") && html.contains("audit-checkpoint-stale"), "{html}");
    let report = verify(&app.app).await.unwrap();
    assert_eq!(report.findings, vec![Finding::NoCheckpoints]);
    assert!(report.intact(), "no checkpoint yet is a warning, not a break");

    let first = create_if_due(&app.app).await.unwrap().expect("none yet, so one is due");
    assert_eq!(first.seq, 1, "the admin's account is the one entry");
    assert_eq!(create_if_due(&app.app).await.unwrap(), None, "not due again within the interval");
    append(&app.app, 2).await;
    let html = page(&app, &admin, "").await;
    let key = app.app.audit.signer().unwrap().public_key().to_hex();
    assert!(html.contains(&format!("data-test=\"audit-signing-key\">{key}<")), "{html}");
    assert!(
        html.contains("شمار نقطه‌های وارسی: \u{2068}۱\u{2069}") && html.contains("از آن پس \u{2068}۲\u{2069} رویداد"),
        "{html}"
    );
    assert!(!html.contains("data-test=\"audit-checkpoint-stale\""), "{html}");

    app.clock.advance(3 * halqe_app::HOUR_MS);
    let html = page(&app, &admin, "").await;
    assert!(html.contains("data-test=\"audit-checkpoint-stale\""), "{html}");
    let report = verify(&app.app).await.unwrap();
    assert!(report.intact() && report.checkpoints == 1, "{report:?}");
    assert_eq!(report.findings, vec![Finding::Stale { signed_at: first.at, expected_every_ms: halqe_app::HOUR_MS }]);
    let second = create_if_due(&app.app).await.unwrap().expect("an hour has passed");
    assert_eq!(second.seq, 3);
    assert_eq!(verify(&app.app).await.unwrap().findings, vec![]);

    let r = admin.get(app.url("/admin/audit/checkpoints.jsonl")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/jsonl; charset=utf-8");
    assert!(r.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let body = r.text().await.unwrap();
    let lines: Vec<Checkpoint> = body.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines, vec![first, second]);
    assert!(lines.iter().all(|c| c.signature(app.app.audit.trusted()) == Signature::Valid));
}

#[tokio::test]
async fn the_admin_page_reports_a_rewritten_history_after_a_verification() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in("admin@example.ir", &[Role::Admin]).await;
    append(&app.app, 3).await;
    create(&app.app).await.unwrap();
    // Entry 2 edited, and every later hash and the head recomputed: the chain alone still checks out.
    app.sql_exec("UPDATE audit_log SET details = '{\"i\":99}' WHERE seq = 2").await;
    let mut conn = app.app.db.conn().await.unwrap();
    let mut prev = halqe_db::audit::page(&mut conn, 0, 1).await.unwrap()[0].hash.clone();
    for mut e in halqe_db::audit::page(&mut conn, 1, 100).await.unwrap() {
        e.prev_hash = prev;
        e.hash = e.expected_hash();
        app.sql_exec(&format!(
            "UPDATE audit_log SET prev_hash = '{}', hash = '{}' WHERE seq = {}",
            e.prev_hash, e.hash, e.seq
        ))
        .await;
        prev = e.hash;
    }
    app.sql_exec(&format!("UPDATE audit_head SET hash = '{prev}'")).await;

    let report = verify(&app.app).await.unwrap();
    assert_eq!(report.first_broken, None, "the chain itself was recomputed");
    assert!(matches!(report.findings[..], [Finding::Rewritten { since: 0, seq: 4, .. }]), "{report:?}");
    assert!(!report.intact());
    assert_eq!(app.post_form(&admin, "/admin/audit/verify", &[]).await.status(), 303);
    let html = page(&app, &admin, "").await;
    assert!(html.contains("data-test=\"audit-broken\"") && html.contains("سابقه بازنویسی شده است"), "{html}");
}

/// Review L5: a cell of the auditor's CSV export that a spreadsheet would run as a formula is neutralised
/// with a leading `'`, whatever the entry holds.
#[tokio::test]
async fn the_csv_export_neutralises_formula_cells() {
    let app = TestApp::spawn().await;
    let mut tx = app.app.db.begin().await.unwrap();
    let details = serde_json::json!({});
    let subject = ("test", "=HYPERLINK(\"https://evil.example\",\"x\")");
    halqe_app::audit::record(&mut tx, None, "+test.formula", subject, details, app.app.now()).await.unwrap();
    halqe_db::commit(tx).await.unwrap();
    let auditor = app.signed_in("auditor@audit.test", &[Role::Auditor]).await;
    let csv = auditor.get(app.url("/audit/export?format=csv")).send().await.unwrap().text().await.unwrap();
    let row = csv.lines().find(|l| l.contains("test.formula")).unwrap();
    assert!(row.contains(",'+test.formula,"), "{row}");
    assert!(row.contains(",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\","), "{row}");
    assert!(!row.contains(",=") && !row.contains(",+"), "{row}");
}
