//! `halqe-bench deadline-rush` at a tiny size on the suite's backend (`HALQE_TEST_BACKEND`), so the load
//! test keeps working: ten applicants, the deadline 3 s ahead, some late, some double-clicking; every check
//! passes, and the checks do catch a lost acknowledged submission. The subcommand refuses an unknown database.

use std::time::Duration;

use halqe_bench::deadline_rush::{Rush, Rushed};
use halqe_testing::{Backend, Launch};

fn tiny() -> Rush {
    Rush {
        applicants: 10,
        window: Duration::from_secs(3),
        late: (Duration::from_millis(300), Duration::from_millis(1000)),
        late_share: 0.3,
        double_share: 0.4,
        max_requests: 40,
        grace: Duration::from_secs(20),
        seed: 7,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tiny_rush_keeps_every_receipt_and_the_checks_catch_a_lost_one() {
    let rush = tiny();
    let rushed = Rushed::run(&rush, Launch::on(Backend::from_env())).await.unwrap();
    let failures = rushed.check().await.unwrap();
    let report = rushed.report(&rush, failures);
    report.print();
    assert!(report.failures.is_empty(), "{:#?}", report.failures);
    // The seed gives late applicants and double clicks; each late submit is refused, the losing click of
    // every double click before the deadline is told it was already submitted.
    assert!(report.late_applicants >= 2 && report.double_clicks >= 2, "{report:?}");
    assert!(report.refused_deadline >= report.late_applicants, "{report:?}");
    assert!(report.refused_already >= 1, "{report:?}");
    assert_eq!(
        report.acknowledged + report.refused_deadline + report.refused_already,
        report.submits,
        "every submit is a receipt or a localized refusal: {:?}",
        report.statuses
    );
    assert!(report.acknowledged >= 4, "{report:?}");

    // A version lost after its receipt was given is reported.
    rushed
        .app
        .sql_exec("DELETE FROM proposal_versions WHERE version = 1 AND id = (SELECT MIN(id) FROM proposal_versions)")
        .await;
    let failures = rushed.check().await.unwrap();
    assert!(failures.iter().any(|f| f.contains("is not stored")), "{failures:#?}");
}

#[test]
fn an_unknown_database_is_refused() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_halqe-bench"))
        .args(["deadline-rush", "--db", "mysql"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("mysql") && stderr.contains("sqlite") && stderr.contains("postgres"), "{stderr}");
}
