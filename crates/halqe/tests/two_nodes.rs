//! Two `halqe serve` nodes on one database: each node's index follows the shared search feed, so a
//! profile saved through one node is found through the other within two seconds.
#![expect(clippy::unwrap_used, reason = "helpers of an integration test: a failed setup must fail it")]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use halqe_testing::{Backend, fresh_database, hidden_value};

struct Node {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start(url: &str, demo: bool) -> Node {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_halqe"));
    cmd.arg("--data-dir").arg(dir.path()).args(["serve", "--listen", &format!("127.0.0.1:{port}")]);
    if demo {
        cmd.arg("--demo");
    }
    // Both nodes share one CSRF key, as a load balancer's nodes must.
    cmd.env("DATABASE_URL", url)
        .env("HALQE_SEMANTIC_MODEL", "off")
        .env("HALQE_SECRET_KEY", "00112233445566778899aabbccddeeff")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let node = Node { child: cmd.spawn().unwrap(), base: format!("http://127.0.0.1:{port}"), _dir: dir };
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if client.get(format!("{}/readyz", node.base)).send().await.is_ok_and(|r| r.status() == 200) {
            return node;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("node did not become ready");
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

async fn csrf(client: &reqwest::Client, base: &str) -> String {
    let html = client.get(format!("{base}/")).send().await.unwrap().text().await.unwrap();
    hidden_value(&html, "_csrf").unwrap()
}

/// Signs in as a demo innovator on `base` and saves a public profile with `skill`.
async fn save_profile(base: &str, email: &str, skill: &str) {
    let c = browser();
    let token = csrf(&c, base).await;
    let r = c
        .post(format!("{base}/login"))
        .form(&[("email", email), ("password", "halqe-demo-1402"), ("_csrf", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "demo sign-in");
    let token = csrf(&c, base).await;
    let form = [
        ("first_name", "آزمون"),
        ("last_name", "دوگره"),
        ("skills", skill),
        ("visibility", "public"),
        ("availability", "available"),
        ("_csrf", &token),
    ];
    let r = c.post(format!("{base}/profile/edit")).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 303, "profile saved: {}", r.text().await.unwrap_or_default());
}

/// Seconds until `base`'s directory finds `word`, or panics after five.
async fn found_after(base: &str, word: &str) -> f64 {
    let c = reqwest::Client::new();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(5) {
        let html = c.get(format!("{base}/directory?q={word}")).send().await.unwrap().text().await.unwrap();
        if html.contains("دوگره") {
            return started.elapsed().as_secs_f64();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{base} did not find {word}");
}

#[tokio::test]
async fn a_profile_saved_through_one_node_is_found_through_the_other() {
    let backend = Backend::from_env();
    let (url, _store, _file_dir) = match backend {
        Backend::Postgres => {
            let (url, store) = fresh_database(backend).await;
            (url, Some(store), None)
        }
        // Two processes on one SQLite file (WAL) stand in for the shared database.
        Backend::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            (format!("sqlite://{}", dir.path().join("shared.db").display()), None, Some(dir))
        }
    };
    let a = start(&url, true).await;
    let b = start(&url, false).await;

    save_profile(&a.base, "founder@halqe.demo", "کوانتوم‌پژوهی").await;
    let seconds = found_after(&b.base, "کوانتوم‌پژوهی").await;
    assert!(seconds <= 2.0, "node B found it after {seconds:.2}s");

    save_profile(&b.base, "innovator@halqe.demo", "ریزفناوری‌سنجی").await;
    let seconds = found_after(&a.base, "ریزفناوری‌سنجی").await;
    assert!(seconds <= 2.0, "node A found it after {seconds:.2}s");
}
