//! `halqe-bench signin-burst`: concurrent wrong-password sign-ins against one account on a real server on
//! loopback, with honest sign-ins of another account during the burst; how many passwords were actually
//! checked, peak memory, wall time and the statuses seen.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::bail;
use futures_util::future::join_all;
use halqe_domain::user::Role;
use halqe_testing::{Backend, PASSWORD, TestApp};

use crate::forms::{server_time, with_server_time};
use crate::search::stats::{Latency, Machine};
use crate::{peak_rss_kib, reset_peak_rss, rss_kib};

/// What one burst is made of.
#[derive(Debug, Clone, Copy)]
pub struct Burst {
    /// Wrong-password sign-ins against the target account, all sent at once.
    pub guesses: usize,
    /// Client addresses the guesses come from, in turn (1: one attacker; as many as guesses: a botnet).
    pub addresses: usize,
    /// Sign-ins of another account with its right password, each from its own address, during the burst.
    pub honest: usize,
}

/// One sign-in's status and server time.
struct Outcome {
    status: u16,
    server: Duration,
}

/// Signs in from `address` (forwarded by the loopback proxy the server trusts) with a fresh client.
async fn sign_in(app: &TestApp, email: &str, password: &str, address: &str) -> anyhow::Result<Outcome> {
    let client = app.client();
    let r = app.post_form_from(&client, "/login", &[("email", email), ("password", password)], address).await;
    Ok(Outcome { status: r.status().as_u16(), server: server_time(&r)? })
}

/// `10.x.y.z` for the `i`-th attacking address.
fn attacker(i: usize) -> String {
    format!("10.{}.{}.{}", (i >> 16) & 255, (i >> 8) & 255, i & 255)
}

fn counts(outcomes: &[Outcome]) -> BTreeMap<u16, usize> {
    let mut by_status = BTreeMap::new();
    for o in outcomes {
        *by_status.entry(o.status).or_insert(0) += 1;
    }
    by_status
}

/// Runs one burst on a fresh server and prints what happened; fails if an honest sign-in did not succeed.
pub async fn run(burst: Burst, backend: Backend) -> anyhow::Result<()> {
    println!("machine: {}; {backend:?}", Machine::now());
    let app = TestApp::spawn_wrapped(backend, with_server_time).await;
    app.user("target@bench.test", &[Role::Innovator]).await;
    app.user("honest@bench.test", &[Role::Innovator]).await;
    let before = app.hashes_run();
    reset_peak_rss();
    let rss_before = rss_kib();
    let started = Instant::now();
    let guesses = (0..burst.guesses).map(|i| {
        let (app, address) = (&app, attacker(i % burst.addresses.max(1)));
        async move { sign_in(app, "target@bench.test", &format!("guess-number-{i}"), &address).await }
    });
    // The honest sign-ins start one by one while the guesses are in flight.
    let honest = (0..burst.honest).map(|i| {
        let app = &app;
        async move {
            tokio::time::sleep(Duration::from_millis(25 * i as u64)).await;
            sign_in(app, "honest@bench.test", PASSWORD, &format!("198.51.100.{}", i + 1)).await
        }
    });
    let (guesses, honest) = tokio::join!(join_all(guesses), join_all(honest));
    let wall = started.elapsed();
    let guesses: Vec<Outcome> = guesses.into_iter().collect::<anyhow::Result<_>>()?;
    let honest: Vec<Outcome> = honest.into_iter().collect::<anyhow::Result<_>>()?;
    let hashes = app.hashes_run() - before;
    println!(
        "burst: {} wrong-password sign-ins against one account from {} address(es), {} honest sign-ins of another account",
        burst.guesses, burst.addresses, burst.honest
    );
    println!("password checks run (Argon2): {hashes}");
    println!("wall time: {:.2} s", wall.as_secs_f64());
    match (rss_before, peak_rss_kib()) {
        (Some(before), Some(peak)) => println!(
            "peak RSS (VmHWM, server and clients in one process): {:.0} MiB ({:.0} MiB before the burst)",
            peak as f64 / 1024.0,
            before as f64 / 1024.0
        ),
        _ => println!("peak RSS: not reported by this system"),
    }
    println!("guesses by status: {:?}", counts(&guesses));
    println!("honest by status: {:?}", counts(&honest));
    let times = |o: &[Outcome]| Latency::of(&o.iter().map(|o| o.server).collect::<Vec<_>>());
    let (g, h) = (times(&guesses), times(&honest));
    println!("server time, guesses: median {:.1} ms, max {:.1} ms", g.p50_ms, g.max_ms);
    println!("server time, honest: median {:.1} ms, max {:.1} ms", h.p50_ms, h.max_ms);
    let signed_in = honest.iter().filter(|o| o.status == 303).count();
    println!("honest sign-ins that succeeded: {signed_in}/{}", burst.honest);
    if signed_in < burst.honest {
        bail!("{} honest sign-ins failed during the burst", burst.honest - signed_in);
    }
    Ok(())
}
