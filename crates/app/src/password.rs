//! Argon2id password hashing: slow and memory-hungry on purpose, so it runs off the async threads, at most
//! one per core at a time, at most one per account at a time, in memory kept per slot, and counted.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use sha2::{Digest, Sha256};
use tokio::sync::{OnceCell, OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, timeout_at};

use crate::{App, Error, Result};

/// How long a request waits for a free hashing slot before it is told to come back (503).
pub const QUEUE_WAIT: Duration = Duration::from_secs(2);

/// The node's hashing slots and how many hashes ran; one per [`App`].
#[derive(Debug)]
pub struct Passwords {
    slots: Arc<Semaphore>,
    /// One turn per account: a burst of sign-ins against one account holds at most one slot, its other
    /// attempts wait for the account's turn, and the other slots stay free for everyone else.
    turns: Arc<Turns>,
    /// Argon2's working memory, one block per slot in use, kept from one hash to the next: allocating and
    /// freeing 19 MiB per hash left the allocator holding hundreds of MiB after a burst.
    memory: Arc<Mutex<Vec<Vec<Block>>>>,
    wait: Duration,
    run: AtomicU64,
    /// A valid hash of no one's password, verified when the account does not exist so timing reveals nothing.
    dummy: OnceCell<String>,
}

/// The accounts whose password is being checked or waits to be, each with a one-at-a-time turn; an entry
/// lives only while someone holds or awaits it, keyed by a digest (the table holds no email).
#[derive(Debug, Default)]
struct Turns(Mutex<HashMap<[u8; 16], Arc<Semaphore>>>);

/// A place in an account's turn: held while its check waits for a slot and runs; gives the entry back when
/// it is the last one.
struct Turn {
    turns: Arc<Turns>,
    key: [u8; 16],
    account: Arc<Semaphore>,
    permit: Option<OwnedSemaphorePermit>,
}

impl Turns {
    /// Waits until `deadline` for `account`'s turn.
    async fn take(self: &Arc<Self>, account: &str, deadline: Instant) -> Result<Turn> {
        let mut key = [0u8; 16];
        key.copy_from_slice(&Sha256::digest(account.as_bytes())[..16]);
        let semaphore = {
            let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            map.entry(key).or_insert_with(|| Arc::new(Semaphore::new(1))).clone()
        };
        let mut turn = Turn { turns: self.clone(), key, account: semaphore, permit: None };
        match timeout_at(deadline, turn.account.clone().acquire_owned()).await {
            Ok(Ok(permit)) => turn.permit = Some(permit),
            Ok(Err(_)) | Err(_) => return Err(Error::Busy),
        }
        Ok(turn)
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        drop(self.permit.take());
        let mut map = self.turns.0.lock().unwrap_or_else(PoisonError::into_inner);
        // Every other holder or waiter got its clone under this lock: the map's and ours mean no one else.
        if Arc::strong_count(&self.account) == 2 {
            map.remove(&self.key);
        }
    }
}

impl Passwords {
    /// `slots` hashes at once; a request waits at most `wait` for one.
    pub fn new(slots: usize, wait: Duration) -> Self {
        Self {
            slots: Arc::new(Semaphore::new(slots.max(1))),
            turns: Arc::default(),
            memory: Arc::default(),
            wait,
            run: AtomicU64::new(0),
            dummy: OnceCell::new(),
        }
    }

    /// One slot per core of this machine.
    pub fn per_core() -> Self {
        Self::new(std::thread::available_parallelism().map_or(1, usize::from), QUEUE_WAIT)
    }

    /// How many hashes (new passwords and checks) this node has run.
    pub fn hashes_run(&self) -> u64 {
        self.run.load(Ordering::Relaxed)
    }

    /// Runs `work` on the blocking pool once `account`'s turn (if any) and a slot are free, or fails with
    /// [`Error::Busy`] when they are not within the wait.
    async fn run<T: Send + 'static>(
        &self,
        account: Option<&str>,
        work: impl FnOnce(&mut Vec<Block>) -> T + Send + 'static,
    ) -> Result<T> {
        let deadline = Instant::now() + self.wait;
        let turn = match account {
            Some(account) => Some(self.turns.take(account, deadline).await?),
            None => None,
        };
        let permit = match timeout_at(deadline, self.slots.clone().acquire_owned()).await {
            Ok(Ok(permit)) => permit,
            Ok(Err(_)) | Err(_) => return Err(Error::Busy),
        };
        self.run.fetch_add(1, Ordering::Relaxed);
        // The blocking task itself holds the slot and the turn, so a request given up mid-hash still holds
        // them until done. A slot holder always finds memory in the pool, or is the first to need it.
        let pool = self.memory.clone();
        tokio::task::spawn_blocking(move || {
            let _held = (permit, turn);
            let mut memory = pool.lock().unwrap_or_else(PoisonError::into_inner).pop().unwrap_or_default();
            let done = work(&mut memory);
            pool.lock().unwrap_or_else(PoisonError::into_inner).push(memory);
            done
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
    app.passwords.run(None, move |memory| hash_in(memory, password.as_bytes())).await?
}

/// Checks a password of `account` (whatever names it, e.g. the email typed) against a stored PHC string;
/// a malformed hash counts as a mismatch. One check per account runs at a time.
pub async fn verify(app: &App, account: &str, password: String, phc: String) -> Result<bool> {
    app.passwords.run(Some(account), move |memory| verify_in(memory, password.as_bytes(), &phc)).await
}

/// The first `n` blocks of a slot's memory, grown once to what the default parameters need; a stored hash
/// asking for more gets memory of its own for that one check, so the kept memory stays bounded.
fn with_blocks<T>(memory: &mut Vec<Block>, n: usize, work: impl FnOnce(&mut [Block]) -> T) -> T {
    if n > Params::default().block_count() {
        return work(&mut vec![Block::default(); n]);
    }
    if memory.len() < n {
        memory.resize(n, Block::default());
    }
    work(&mut memory[..n])
}

/// Argon2id with the default parameters and a fresh salt, in `memory`, as a PHC string.
fn hash_in(memory: &mut Vec<Block>, password: &[u8]) -> Result<String> {
    let failed = |e: &dyn std::fmt::Display| Error::Internal(format!("argon2: {e}"));
    let params = Params::default();
    let salt = Salt::generate();
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    with_blocks(memory, params.block_count(), |blocks| {
        argon2.hash_password_into_with_memory(password, salt.as_ref(), &mut out, blocks)
    })
    .map_err(|e| failed(&e))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| failed(&e))?,
        salt: Some(salt),
        hash: Some(Output::new(&out).map_err(|e| failed(&e))?),
    };
    Ok(phc.to_string())
}

/// Whether `password` gives the PHC string's hash under its own algorithm, version and parameters.
fn verify_in(memory: &mut Vec<Block>, password: &[u8], phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else { return false };
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else { return false };
    let (Ok(algorithm), Ok(params)) = (Algorithm::try_from(parsed.algorithm.as_str()), Params::try_from(&parsed))
    else {
        return false;
    };
    let Ok(version) = parsed.version.map_or(Ok(Version::default()), Version::try_from) else { return false };
    let n = params.block_count();
    let argon2 = Argon2::new(algorithm, version, params);
    let mut out = vec![0u8; expected.len()];
    let hashed = with_blocks(memory, n, |blocks| {
        argon2.hash_password_into_with_memory(password, salt.as_ref(), &mut out, blocks)
    });
    // `Output` compares in constant time.
    hashed.is_ok() && Output::new(&out).is_ok_and(|out| &out == expected)
}

/// A hash to verify against when the account does not exist, made once per node.
pub async fn dummy_hash(app: &App) -> Result<String> {
    let phc = app.passwords.dummy.get_or_try_init(|| hash(app, "no-such-account-padding".into())).await?;
    Ok(phc.clone())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use super::*;

    /// Runs one check per entry of `accounts` at once, each `ms` long; returns the most that ran together.
    async fn together(passwords: &Arc<Passwords>, accounts: &[&str], ms: u64) -> usize {
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let mut checks = tokio::task::JoinSet::new();
        for account in accounts {
            let (passwords, account, running, most) =
                (passwords.clone(), (*account).to_owned(), running.clone(), most.clone());
            checks.spawn(async move {
                passwords
                    .run(Some(&account), move |_| {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(ms));
                        running.fetch_sub(1, Ordering::SeqCst);
                    })
                    .await
            });
        }
        while let Some(done) = checks.join_next().await {
            assert!(done.unwrap().is_ok(), "every check had its turn within the wait");
        }
        most.load(Ordering::SeqCst)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn one_account_holds_one_slot_at_a_time_and_leaves_no_trace() {
        let passwords = Arc::new(Passwords::new(4, Duration::from_secs(30)));
        assert_eq!(together(&passwords, &["target"; 6], 20).await, 1, "one check per account at a time");
        assert!(together(&passwords, &["a", "b", "c", "d"], 200).await > 1, "other accounts run side by side");
        assert!(passwords.turns.0.lock().unwrap().is_empty(), "no account is remembered after its checks");
        assert_eq!(passwords.hashes_run(), 10);
    }

    #[tokio::test]
    async fn an_account_whose_turn_does_not_come_within_the_wait_is_busy() {
        let passwords = Arc::new(Passwords::new(2, Duration::from_millis(50)));
        let slow = passwords.run(Some("target"), |_| std::thread::sleep(Duration::from_millis(500)));
        let next = async {
            tokio::time::sleep(Duration::from_millis(10)).await;
            passwords.run(Some("target"), |_| ()).await
        };
        let (slow, next) = tokio::join!(slow, next);
        assert!(slow.is_ok());
        assert!(matches!(next, Err(Error::Busy)), "the second check of the account waited past the wait");
        assert!(passwords.turns.0.lock().unwrap().is_empty(), "a check given up leaves no trace either");
    }

    #[test]
    fn hashes_made_in_kept_memory_are_standard_argon2id_both_ways() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let mut memory = Vec::new();
        let ours = hash_in(&mut memory, b"a-long-enough-passphrase").unwrap();
        assert!(ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{ours}");
        assert_eq!(memory.len(), Params::default().block_count(), "one default-sized block, kept");
        // The same memory, reused, still gives the right answers; other implementations agree.
        assert!(Argon2::default().verify_password(b"a-long-enough-passphrase", ours.as_str()).is_ok());
        assert!(verify_in(&mut memory, b"a-long-enough-passphrase", &ours));
        assert!(!verify_in(&mut memory, b"a-long-enough-passphrasE", &ours));
        let theirs = Argon2::default().hash_password(b"another-passphrase").unwrap().to_string();
        assert!(verify_in(&mut memory, b"another-passphrase", &theirs));
        assert!(!verify_in(&mut memory, b"a-long-enough-passphrase", &theirs));
        // Other parameters and algorithms as stored are honoured; more memory than the default is not kept.
        let params = Params::new(32 * 1024, 1, 1, None).unwrap();
        let bigger =
            Argon2::new(Algorithm::Argon2i, Version::V0x13, params).hash_password(b"older").unwrap().to_string();
        assert!(verify_in(&mut memory, b"older", &bigger));
        assert_eq!(memory.len(), Params::default().block_count());
        assert!(!verify_in(&mut memory, b"older", "not a hash"));
    }
}
