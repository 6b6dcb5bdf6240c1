//! `halqe serve` delivering through a real SMTP server (aiosmtpd): a reset link arrives, works once and
//! is in no log line; a node killed with SIGKILL during delivery loses no mail and sends none twice.
#![expect(clippy::unwrap_used, reason = "helpers of an integration test: a failed setup must fail it")]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use halqe_testing::smtp::SmtpSink;
use halqe_testing::{Backend, fresh_database, hidden_value, link_in, sql_count};

/// Configured but never used (no login without TLS): it must still appear in no log line.
const SMTP_PASSWORD: &str = "smtp-secret-5c1d";

struct Node {
    child: Child,
    base: String,
    log: PathBuf,
    dir: tempfile::TempDir,
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Node {
    fn halqe(&self, url: &str, sink: &SmtpSink) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_halqe"));
        cmd.arg("--data-dir")
            .arg(self.dir.path())
            .env("DATABASE_URL", url)
            .env("HALQE_SEMANTIC_MODEL", "off")
            .env("HALQE_SMTP_HOST", "127.0.0.1")
            .env("HALQE_SMTP_PORT", sink.port.to_string())
            .env("HALQE_SMTP_TLS", "none")
            .env("HALQE_SMTP_PASSWORD", SMTP_PASSWORD)
            .env("HALQE_MAIL_FROM", "حلقه <noreply@halqe.test>");
        cmd
    }

    /// Everything the node has logged so far.
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap()
    }
}

/// Starts `halqe serve` on `url`, mailing through `sink`, with `env` on top; its output goes to a file.
async fn serve(url: &str, sink: &SmtpSink, env: &[(&str, &str)]) -> Node {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let log = dir.path().join("halqe.log");
    let mut node =
        Node { child: Command::new("true").spawn().unwrap(), base: format!("http://127.0.0.1:{port}"), log, dir };
    let out = std::fs::File::create(&node.log).unwrap();
    let mut cmd = node.halqe(url, sink);
    cmd.args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .envs(env.iter().copied())
        .stdout(out.try_clone().unwrap())
        .stderr(out);
    node.child = cmd.spawn().unwrap();
    let client = reqwest::Client::new();
    for _ in 0..300 {
        if client.get(format!("{}/readyz", node.base)).send().await.is_ok_and(|r| r.status() == 200) {
            return node;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("halqe serve did not become ready:\n{}", node.log());
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

async fn post(c: &reqwest::Client, base: &str, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let html = c.get(format!("{base}/")).send().await.unwrap().text().await.unwrap();
    let token = hidden_value(&html, "_csrf").unwrap();
    let mut form = fields.to_vec();
    form.push(("_csrf", &token));
    c.post(format!("{base}{path}")).form(&form).send().await.unwrap()
}

/// Polls a counting query until it returns `want` (at most five seconds).
async fn until_count(url: &str, sql: &str, want: i64) {
    let started = Instant::now();
    while sql_count(url, sql).await != want {
        assert!(started.elapsed() < Duration::from_secs(5), "{sql} never reached {want}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_reset_link_arrives_by_smtp_works_once_and_is_in_no_log_line() {
    let (url, _store) = fresh_database(Backend::from_env()).await;
    let sink = SmtpSink::start();
    // Every level, so a token reaching any debug line fails the test too.
    let node = serve(&url, &sink, &[("RUST_LOG", "debug"), ("HALQE_LOG_FORMAT", "json")]).await;
    let mut create = node.halqe(&url, &sink);
    let mut create = create
        .args(["user", "create", "--email", "maryam@example.ir", "--name", "مریم احمدی", "--role", "innovator"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    create.stdin.take().unwrap().write_all(b"an-old-passphrase\n").unwrap();
    assert!(create.wait().unwrap().success());

    let c = browser();
    assert_eq!(post(&c, &node.base, "/password/forgot", &[("email", "maryam@example.ir")]).await.status(), 200);
    let got = sink.wait_for(1, Duration::from_secs(15)).await;
    assert_eq!(got[0].rcpt_tos, ["maryam@example.ir"]);
    assert_eq!(got[0].from, "حلقه <noreply@halqe.test>");
    assert_eq!(got[0].subject, "تعیین گذرواژه جدید در حلقه");
    assert!(got[0].body.contains("مریم احمدی گرامی،"), "{}", got[0].body);
    let link = link_in(&got[0].body).unwrap();
    let token = link.split_once("/password/reset?token=").unwrap().1.to_owned();
    assert_eq!(token.len(), 64, "{link}");

    assert_eq!(c.get(&link).send().await.unwrap().status(), 200, "the link opens the form");
    let new = [("token", token.as_str()), ("password", "a-brand-new-passphrase")];
    assert_eq!(post(&c, &node.base, "/password/reset", &new).await.status(), 303, "the link works");
    assert_eq!(post(&c, &node.base, "/password/reset", &new).await.status(), 410, "and only once");
    assert_eq!(c.get(&link).send().await.unwrap().status(), 410);
    let login = [("email", "maryam@example.ir"), ("password", "a-brand-new-passphrase")];
    assert_eq!(post(&browser(), &node.base, "/login", &login).await.status(), 303);

    until_count(&url, "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL", 1).await;
    let kept = format!("SELECT COUNT(*) FROM mail_outbox WHERE body_text LIKE '%{token}%'");
    assert_eq!(sql_count(&url, &kept).await, 0, "the stored body keeps no link");

    let log = node.log();
    assert!(log.contains(r#""route":"/password/reset""#), "requests are logged at debug: {log}");
    for secret in [token.as_str(), "/password/reset?", "گرامی", SMTP_PASSWORD] {
        assert!(!log.contains(secret), "{secret:?} in the log:\n{log}");
    }
}

#[tokio::test]
async fn a_node_killed_during_delivery_loses_no_mail_and_sends_none_twice() {
    let (url, _store) = fresh_database(Backend::from_env()).await;
    let db = halqe_db::Db::connect(&url, 2).await.unwrap();
    db.migrate().await.unwrap();
    let mut tx = db.begin().await.unwrap();
    let subjects: Vec<String> = (1..=12).map(|i| format!("پیام شماره {i}")).collect();
    for (i, s) in subjects.iter().enumerate() {
        halqe_db::outbox::enqueue(&mut tx, &format!("person{i}@example.ir"), s, "متن پیام", 0).await.unwrap();
    }
    halqe_db::commit(tx).await.unwrap();
    db.close().await;

    // The sink stores three messages, then holds the fourth's DATA unanswered: the node is mid-delivery.
    let sink = SmtpSink::holding_after(3);
    let lease = [("HALQE_MAIL_LEASE_SECONDS", "8")];
    let mut node = serve(&url, &sink, &lease).await;
    let started = Instant::now();
    while !sink.holding() {
        assert!(started.elapsed() < Duration::from_secs(15), "delivery never reached the fourth message");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    node.child.kill().unwrap(); // SIGKILL
    node.child.wait().unwrap();
    let started = Instant::now();
    while sink.holding() {
        assert!(started.elapsed() < Duration::from_secs(5), "the sink never saw the connection go");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(sink.received().len(), 3, "the interrupted message was not accepted");
    let leased = "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND attempts = 1";
    assert_eq!(sql_count(&url, leased).await, 1, "one message is left claimed by the dead node");

    let _restarted = serve(&url, &sink, &lease).await;
    let got = sink.wait_for(12, Duration::from_secs(30)).await;
    // Past another lease: nothing further arrives.
    tokio::time::sleep(Duration::from_secs(9)).await;
    let got_later = sink.received();
    assert_eq!(got_later.len(), 12, "no message twice");
    let mut received: Vec<String> = got.iter().map(|m| m.subject.clone()).collect();
    received.sort();
    let mut expected = subjects.clone();
    expected.sort();
    assert_eq!(received, expected, "every message once");
    let mut ids: Vec<&str> = got_later.iter().map(|m| m.message_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 12);
    until_count(&url, "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL", 12).await;
    assert_eq!(sql_count(&url, "SELECT MAX(attempts) FROM mail_outbox").await, 2, "the interrupted one took two");
}
