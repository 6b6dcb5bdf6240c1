//! The one place that reads the system time; everything else gets a [`Clock`].

use std::sync::OnceLock;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Instant;

/// Milliseconds since the Unix epoch, UTC.
pub type Millis = i64;

/// A source of the current time, injected so tests can move it.
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now_ms(&self) -> Millis;
}

/// The real wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[expect(clippy::disallowed_methods, reason = "this is the clock module")]
    fn now_ms(&self) -> Millis {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        i64::try_from(now.as_millis()).unwrap_or(i64::MAX)
    }
}

/// A clock that stands still until moved; for tests and deterministic demo data. Once [`ManualClock::run`]
/// is called it also goes forward at real speed from where it stands (the load benchmark needs a deadline a
/// real minute away, and a deadline is the end of a day).
#[derive(Debug)]
pub struct ManualClock {
    at: AtomicI64,
    running_since: OnceLock<Instant>,
}

impl ManualClock {
    pub fn new(at: Millis) -> Self {
        Self { at: AtomicI64::new(at), running_since: OnceLock::new() }
    }

    /// Moves the clock forward by `ms` milliseconds.
    pub fn advance(&self, ms: Millis) {
        self.at.fetch_add(ms, Ordering::SeqCst);
    }

    /// From now on the clock also goes forward at real speed; a second call changes nothing.
    pub fn run(&self) {
        let _ = self.running_since.set(Instant::now());
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> Millis {
        let ran = self.running_since.get().map_or(0, |since| i64::try_from(since.elapsed().as_millis()).unwrap_or(0));
        self.at.load(Ordering::SeqCst) + ran
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_stands_still_until_it_runs() {
        let clock = ManualClock::new(1_000);
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(clock.now_ms(), 1_000);
        clock.advance(500);
        assert_eq!(clock.now_ms(), 1_500);
        clock.run();
        std::thread::sleep(std::time::Duration::from_millis(30));
        let now = clock.now_ms();
        assert!((1_530..1_530 + 5_000).contains(&now), "{now}");
        clock.advance(1_000);
        assert!(clock.now_ms() >= now + 1_000);
    }
}
