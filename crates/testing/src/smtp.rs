//! A real SMTP server for tests: `smtp_sink.py` (aiosmtpd) on a free port, its messages read back from disk.
//!
//! The Python comes from `HALQE_TEST_SMTP_PYTHON`, else the venv `scripts/test-all` makes under
//! `target/smtp-venv` (`python3 -m venv target/smtp-venv && target/smtp-venv/bin/pip install aiosmtpd`).

use std::io::BufRead;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use halqe_app::mail::{Mailer, SmtpSettings, TlsMode, Transport};

/// One message as the SMTP server received it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Received {
    pub rcpt_tos: Vec<String>,
    pub from: String,
    pub to: String,
    pub subject: String,
    pub message_id: String,
    /// The decoded text body.
    pub body: String,
}

/// A running sink; killed when dropped.
pub struct SmtpSink {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn python() -> PathBuf {
    if let Ok(p) = std::env::var("HALQE_TEST_SMTP_PYTHON") {
        return p.into();
    }
    let venv = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/smtp-venv/bin/python3"));
    assert!(
        venv.exists(),
        "no aiosmtpd venv at {}: run `python3 -m venv target/smtp-venv && target/smtp-venv/bin/pip install aiosmtpd==1.4.6` (scripts/test-all does)",
        venv.display()
    );
    venv
}

impl SmtpSink {
    /// Starts a sink that accepts every message at once.
    pub fn start() -> Self {
        Self::spawn(&[])
    }

    /// Starts a sink that holds the DATA after `n` stored messages without answering, until its client
    /// goes away (then it keeps nothing, as an SMTP server that has not answered must).
    pub fn holding_after(n: usize) -> Self {
        Self::spawn(&["--hold-after".into(), n.to_string()])
    }

    fn spawn(args: &[String]) -> Self {
        let dir = tempfile::tempdir().expect("sink dir");
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/smtp_sink.py");
        let mut child = Command::new(python())
            .arg(script)
            .arg(dir.path())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start smtp_sink.py");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("sink stdout");
        std::io::BufReader::new(stdout).read_line(&mut line).expect("sink port");
        let port = line.trim().parse().unwrap_or_else(|_| panic!("smtp_sink.py printed {line:?}, not its port"));
        Self { child, port, dir }
    }

    /// SMTP settings for this sink (plain text, no login).
    pub fn settings(&self) -> SmtpSettings {
        SmtpSettings {
            host: "127.0.0.1".into(),
            port: self.port,
            tls: TlsMode::None,
            username: String::new(),
            password: String::new(),
        }
    }

    /// A mailer sending through this sink with the default policy.
    pub fn mailer(&self) -> Mailer {
        let transport = Transport::smtp(&self.settings(), Duration::from_secs(10)).expect("smtp transport");
        Mailer { transport, ..Mailer::log(false) }
    }

    /// While on, every recipient is refused with a transient `451`.
    pub fn reject(&self, on: bool) {
        let flag = self.dir.path().join("reject");
        if on {
            std::fs::write(flag, b"").expect("reject flag");
        } else {
            let _ = std::fs::remove_file(flag);
        }
    }

    /// Whether the sink is holding a message's DATA unanswered.
    pub fn holding(&self) -> bool {
        self.dir.path().join("holding").exists()
    }

    /// Every message received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .expect("sink dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| serde_json::from_slice(&std::fs::read(p).expect("message")).expect("message JSON"))
            .collect()
    }

    /// Waits until at least `n` messages have arrived (at most `within`), and returns all of them.
    pub async fn wait_for(&self, n: usize, within: Duration) -> Vec<Received> {
        let started = Instant::now();
        loop {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            assert!(started.elapsed() < within, "{} of {n} messages arrived within {within:?}", got.len());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}
