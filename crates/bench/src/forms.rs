//! `halqe-bench forms`: every route that reads a form of `halqe_app::limits::FORMS` (as listed in
//! `halqe_testing::bodies::ROUTES`) is sent its largest accepted input — every free-text field at its
//! maximum — by the role that uses it, on a real server whose world (`forms/world.rs`) holds an object of
//! every kind these routes write to; the server's time per request, median, 95th percentile and max. A
//! route under a rate limit is paced as its users would be (the test clock moves on), and says so. With
//! `--accounts` the introduced candidates have accounts, so each is notified.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use axum::http::HeaderValue;
use halqe_testing::bodies::{self, ROUTES, Sweep};
use halqe_testing::{Backend, TestApp};

use crate::search::stats::{Latency, Machine};
use crate::search::vocab::Vocab;

mod world;

use world::{Prepared, World};

/// The response header carrying the server's time for the request, in microseconds.
pub const SERVER_TIME: &str = "x-bench-server-us";

/// The target of issue 8 for the slowest handler at its largest accepted input.
const TARGET_MS: f64 = 50.0;

/// Outermost layer: the time from the request reaching the router to its response being ready.
async fn timed(req: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let started = Instant::now();
    let mut response = next.run(req).await;
    let us = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    response.headers_mut().insert(SERVER_TIME, HeaderValue::from(us));
    response
}

/// Wraps the server's router in [`timed`] (for [`TestApp::spawn_wrapped`]).
pub fn with_server_time(router: axum::Router) -> axum::Router {
    router.layer(axum::middleware::from_fn(timed))
}

/// The server time a response reports.
pub fn server_time(r: &reqwest::Response) -> anyhow::Result<Duration> {
    let us = r.headers().get(SERVER_TIME).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    Ok(Duration::from_micros(us.context("no server time on the response")?))
}

/// Text of exactly `chars` characters of real words, different for each `run`.
struct Words {
    persian: Vec<String>,
    english: Vec<&'static str>,
}

impl Words {
    fn new() -> Self {
        let vocab = Vocab::new();
        let persian = vocab.persian.iter().flat_map(|l| l.forms.iter().cloned()).collect();
        Self { persian, english: vocab.english }
    }

    /// `chars` characters of Persian (or, for an `_en` field, English) words, starting at word `start`.
    fn text(&self, field: &str, chars: usize, start: usize) -> String {
        let mut out = String::new();
        let mut n = 0;
        let mut i = start;
        while n < chars {
            let word = if field.ends_with("_en") {
                self.english[i % self.english.len()]
            } else {
                self.persian[i % self.persian.len()].as_str()
            };
            for c in word.chars().chain([' ']).take(chars - n) {
                out.push(c);
                n += 1;
            }
            i += 1;
        }
        // A trailing space would be trimmed, leaving one character short of the maximum.
        if out.ends_with(' ') {
            out.pop();
            out.push('ا');
        }
        out
    }

    /// Thirty distinct skills of sixty characters each (`Keywords` at its maximum).
    fn skills(&self, start: usize) -> String {
        let max = halqe_domain::profile::Keywords::MAX_CHARS;
        let items: Vec<String> = (0..halqe_domain::profile::Keywords::MAX_ITEMS)
            .map(|k| self.text("skills", max, start + k * 13).replace(['،', ','], " "))
            .collect();
        items.join("، ")
    }
}

/// One route's figures.
struct Timed {
    method: &'static str,
    path: &'static str,
    form: &'static str,
    bytes: usize,
    status: u16,
    latency: Latency,
}

/// Sends each route its largest accepted input `runs` times and prints the server times, slowest first.
pub async fn run(runs: usize, accounts: bool, backend: Backend) -> anyhow::Result<()> {
    let who = if accounts { "with accounts" } else { "without accounts" };
    println!("machine: {}; {backend:?}; {runs} runs per route; candidates {who}", Machine::now());
    let app = TestApp::spawn_wrapped(backend, with_server_time).await;
    let mut w = World::set_up(&app, accounts, runs).await?;
    let words = Words::new();
    let mut results = Vec::new();
    'routes: for &(method, path, sweep) in ROUTES {
        let Some(form) = sweep.form() else {
            if let Sweep::NotSwept(why) = sweep {
                println!("not timed: {method} {path} (free text outside FORMS: {why})");
            }
            continue;
        };
        // A minute a run stays inside the limit on messages (30 per account in 10 minutes).
        let (step, note) = world::pace(path);
        if let Some(note) = note {
            println!("paced: {method} {path}: {note}");
        }
        let mut times = Vec::with_capacity(runs);
        let (mut bytes, mut status) = (0, 0);
        for run in 0..runs {
            app.clock.advance(step);
            let Prepared { url, fields } = w.prepare(&app, &words, path, run).await?;
            if url.contains('{') {
                println!("not timed: {method} {path} (no object of its kind in this benchmark's world)");
                continue 'routes;
            }
            let input = w.input(&words, path, form, run, fields);
            bytes = input.iter().map(|(k, v)| k.len() + v.len()).sum();
            let client = w.client(form);
            let r = if method == "POST" && url.starts_with("/api/") {
                bodies::post_json(&app, client, &url, &world::json(&input)).await
            } else {
                bodies::send(&app, client, method, &url, &input).await
            };
            status = r.status().as_u16();
            let took = server_time(&r)?;
            // Refused input is a 4xx; a redirect to sign-in or verification would be a refusal too.
            let to = r.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default().to_owned();
            if !(r.status().is_success() || r.status().is_redirection())
                || to.starts_with("/login")
                || to.starts_with("/account")
            {
                bail!(
                    "{method} {path} refused its largest input: {status} {to} {}",
                    r.text().await.unwrap_or_default()
                );
            }
            times.push(took);
        }
        results.push(Timed { method, path, form, bytes, status, latency: Latency::of(&times) });
    }
    results.sort_by(|a, b| b.latency.p50_ms.total_cmp(&a.latency.p50_ms));
    println!("| route | form | input (bytes) | status | median (ms) | p95 (ms) | max (ms) |");
    println!("|---|---|---|---|---|---|---|");
    for t in &results {
        println!(
            "| `{} {}` | {} | {} | {} | {:.2} | {:.2} | {:.2} |",
            t.method, t.path, t.form, t.bytes, t.status, t.latency.p50_ms, t.latency.p95_ms, t.latency.max_ms
        );
    }
    if let Some(slowest) = results.first() {
        let verdict = if slowest.latency.p50_ms <= TARGET_MS { "met" } else { "MISSED" };
        println!(
            "slowest: {} {} median {:.2} ms, max {:.2} ms; target ≤ {TARGET_MS} ms: {verdict}",
            slowest.method, slowest.path, slowest.latency.p50_ms, slowest.latency.max_ms
        );
    }
    Ok(())
}
