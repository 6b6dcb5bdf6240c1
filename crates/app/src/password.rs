//! Argon2id password hashing: slow and memory-hungry on purpose, so it runs off the async threads, at most
//! one per core at a time, and counted.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use tokio::sync::{OnceCell, Semaphore};

use crate::{App, Error, Result};

/// How long a request waits for a free hashing slot before it is told to come back (503).
pub const QUEUE_WAIT: Duration = Duration::from_secs(2);

/// The node's hashing slots and how many hashes ran; one per [`App`].
#[derive(Debug)]
pub struct Passwords {
    slots: Arc<Semaphore>,
    wait: Duration,
    run: AtomicU64,
    /// A valid hash of no one's password, verified when the account does not exist so timing reveals nothing.
    dummy: OnceCell<String>,
}

impl Passwords {
    /// `slots` hashes at once; a request waits at most `wait` for one.
    pub fn new(slots: usize, wait: Duration) -> Self {
        Self { slots: Arc::new(Semaphore::new(slots.max(1))), wait, run: AtomicU64::new(0), dummy: OnceCell::new() }
    }

    /// One slot per core of this machine.
    pub fn per_core() -> Self {
        Self::new(std::thread::available_parallelism().map_or(1, usize::from), QUEUE_WAIT)
    }

    /// How many hashes (new passwords and checks) this node has run.
    pub fn hashes_run(&self) -> u64 {
        self.run.load(Ordering::Relaxed)
    }

    /// Runs `work` on the blocking pool once a slot is free, or fails with [`Error::Busy`] after the wait.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
        let permit = match tokio::time::timeout(self.wait, self.slots.clone().acquire_owned()).await {
            Ok(Ok(permit)) => permit,
            Ok(Err(_)) | Err(_) => return Err(Error::Busy),
        };
        self.run.fetch_add(1, Ordering::Relaxed);
        // The slot is held by the blocking task itself, so a request given up mid-hash still holds it until done.
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
        .map_err(|e| Error::Internal(format!("join: {e}")))
    }
}

impl Default for Passwords {
    fn default() -> Self {
        Self::per_core()
    }
}

/// Hashes a password into a PHC string.
pub async fn hash(app: &App, password: String) -> Result<String> {
    app.passwords
        .run(move || {
            Argon2::default()
                .hash_password(password.as_bytes())
                .map(|h| h.to_string())
                .map_err(|e| Error::Internal(format!("argon2: {e}")))
        })
        .await?
}

/// Checks a password against a stored PHC string; a malformed hash counts as a mismatch.
pub async fn verify(app: &App, password: String, phc: String) -> Result<bool> {
    app.passwords.run(move || Argon2::default().verify_password(password.as_bytes(), phc.as_str()).is_ok()).await
}

/// A hash to verify against when the account does not exist, made once per node.
pub async fn dummy_hash(app: &App) -> Result<String> {
    let phc = app.passwords.dummy.get_or_try_init(|| hash(app, "no-such-account-padding".into())).await?;
    Ok(phc.clone())
}
