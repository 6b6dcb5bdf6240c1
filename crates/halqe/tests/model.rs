//! A serving node whose e5 model is absent and cannot be fetched, on the configured test backend: it
//! says so in one log line and matches lexically. (The fetch itself: `halqe_app::search::model`'s tests
//! and `tests/semantic.rs`.)

use std::process::{Command, Stdio};
use std::time::Duration;

use halqe_testing::{Backend, fresh_database};

#[tokio::test]
async fn a_node_that_cannot_fetch_its_model_says_so_once_and_matches_lexically() {
    let (url, _store) = fresh_database(Backend::from_env()).await;
    let dir = tempfile::tempdir().unwrap();
    let free = || std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (port, closed) = (free(), free());
    let log = dir.path().join("log");
    // pip's own settings make the package index a closed port, as on a node without internet.
    let mut child = Command::new(env!("CARGO_BIN_EXE_halqe"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--demo", "--listen", &format!("127.0.0.1:{port}")])
        .env("DATABASE_URL", &url)
        .env("HALQE_CONFIG", dir.path().join("none.toml"))
        .env_remove("HALQE_SEMANTIC_MODEL")
        .env_remove("HALQE_MODEL_DIR")
        .env("PIP_INDEX_URL", format!("http://127.0.0.1:{closed}/simple"))
        .env("PIP_RETRIES", "1")
        .env_remove("PIP_FIND_LINKS")
        .env_remove("PIP_EXTRA_INDEX_URL")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let mut ready = None;
    for _ in 0..600 {
        if let Ok(r) = client.get(format!("{base}/readyz")).send().await
            && r.status() == 200
        {
            ready = Some(r.json::<serde_json::Value>().await.unwrap());
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let ready = ready.expect("the node serves while its model is absent");
    assert_eq!(ready["embedding"]["model"], serde_json::Value::Null, "{ready}");

    let off = "semantic matching off";
    let mut text = String::new();
    for _ in 0..600 {
        text = std::fs::read_to_string(&log).unwrap();
        if text.contains(off) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The directory finds the demo's profiles by their words.
    let r: serde_json::Value =
        client.get(format!("{base}/api/v1/search?q=فارسی")).send().await.unwrap().json().await.unwrap();
    assert!(r["total"].as_i64().unwrap() > 0, "{r}");
    assert!(r["related"].as_array().is_none_or(Vec::is_empty), "nothing by meaning without a model: {r}");

    assert!(Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap().success());
    assert!(child.wait().unwrap().success());
    let lines = |needle: &str| text.lines().filter(|l| l.contains(needle)).collect::<Vec<_>>();
    let said = lines(off);
    assert_eq!(said.len(), 1, "one line says semantic matching is off: {text}");
    assert!(said[0].contains("could not be reached"), "and why: {}", said[0]);
    assert_eq!(lines("fetching the e5 model").len(), 1, "{text}");
    assert!(lines("semantic matching on").is_empty(), "{text}");
    let models = dir.path().join("models");
    let left: Vec<_> = std::fs::read_dir(&models).unwrap().collect();
    assert!(left.is_empty(), "nothing half-written in {}: {left:?}", models.display());
}
