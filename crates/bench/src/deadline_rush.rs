//! `halqe-bench deadline-rush`: applicants submitting proposals in the last minute before a deadline, on a
//! real server on loopback. Seeded through the use cases (not timed): a published challenge, and per
//! applicant a verified innovator account with a profile and a complete draft whose one team member (the
//! next applicant) has accepted. Each applicant signs in through the sign-in form, then submits once at its
//! own moment of the minute, by the page's form (then opens the receipt page) or by the API, alternately;
//! some double-click (two submits at once), some come 1–5 s after the deadline. The server's clock runs at
//! real speed from one minute before the deadline (the end of a day in Tehran). Afterwards the database is
//! checked against what every client was told; any failed check fails the run.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use futures_util::StreamExt;
use futures_util::future::join_all;
use halqe_app::proposals::{ProposalForm, create, save, team};
use halqe_domain::challenge::Step;
use halqe_domain::ids::{ChallengeId, ProposalId};
use halqe_domain::locale::Locale;
use halqe_domain::permissions::Actor;
use halqe_domain::proposal::TrackingCode;
use halqe_domain::user::Role;
use halqe_testing::{Launch, PASSWORD, START_MS, TestApp};
use reqwest::Client;

use crate::forms::{server_time, with_server_time};
use crate::rng::Rng;
use crate::search::stats::{Latency, Machine};

/// What one run is made of.
#[derive(Debug, Clone)]
pub struct Rush {
    pub applicants: usize,
    /// The deadline is this long after the rush starts; on-time submits are spread over it, more of them
    /// towards its end.
    pub window: Duration,
    /// Late submits come this long after the deadline, spread evenly between the two.
    pub late: (Duration, Duration),
    /// Share of applicants who submit after the deadline.
    pub late_share: f64,
    /// Share of applicants who double-click: two submits from the same page at once.
    pub double_share: f64,
    /// Hard cap on the requests of the rush (submits and receipt pages); a plan above it is refused.
    pub max_requests: usize,
    /// The rush is stopped, and the run fails, past this long after the deadline.
    pub grace: Duration,
    pub seed: u64,
}

impl Default for Rush {
    fn default() -> Self {
        Self {
            applicants: 200,
            window: Duration::from_secs(60),
            late: (Duration::from_secs(1), Duration::from_secs(5)),
            late_share: 0.1,
            double_share: 0.15,
            max_requests: 1000,
            grace: Duration::from_secs(60),
            seed: 1,
        }
    }
}

/// How a submit reaches the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Via {
    /// `POST /proposals/{id}/submit` with the whole form, then `GET` the receipt page it redirects to.
    Page,
    /// `POST /api/v1/proposals/{id}/submit` with `{"version": 0}`; the receipt is the answer.
    Api,
}

/// One applicant's part in the rush.
#[derive(Debug, Clone)]
struct Plan {
    via: Via,
    /// When the (first) submit leaves, after the rush starts.
    at: Duration,
    late: bool,
    /// The second click leaves this long after the first.
    second: Option<Duration>,
}

/// Exactly `share` of the applicants (rounded), drawn with stream `stream`.
fn chosen(rush: &Rush, stream: u64, share: f64) -> Vec<bool> {
    let mut order: Vec<usize> = (0..rush.applicants).collect();
    Rng::new(rush.seed, stream, 0).shuffle(&mut order);
    let take = (share.clamp(0.0, 1.0) * rush.applicants as f64).round() as usize;
    let mut out = vec![false; rush.applicants];
    for &i in &order[..take] {
        out[i] = true;
    }
    out
}

fn plan(rush: &Rush) -> Vec<Plan> {
    let (late, double) = (chosen(rush, 40, rush.late_share), chosen(rush, 41, rush.double_share));
    (0..rush.applicants)
        .map(|i| {
            let mut rng = Rng::new(rush.seed, 42, i as u64);
            let at = if late[i] {
                rush.window + rush.late.0 + (rush.late.1.saturating_sub(rush.late.0)).mul_f64(rng.unit())
            } else {
                // Density rising towards the deadline; none in its last half second, which would arrive
                // after it as often as not.
                rush.window.saturating_sub(Duration::from_millis(500)).mul_f64(rng.unit().sqrt())
            };
            let second = double[i].then(|| Duration::from_millis(rng.below(40) as u64));
            Plan { via: if i % 2 == 0 { Via::Page } else { Via::Api }, at, late: late[i], second }
        })
        .collect()
}

/// A seeded applicant, signed in.
struct Applicant {
    email: String,
    proposal: ProposalId,
    /// The title of the seeded working copy (what an API submit sends in).
    title: String,
    client: Client,
    csrf: String,
}

/// What a client was told.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Told {
    /// Acknowledged: the version and tracking code of its receipt, and the title it sent (page) or that
    /// the working copy had (API).
    Receipt { version: i64, code: TrackingCode, title: String },
    /// 422 with the localized deadline message.
    DeadlinePassed,
    /// 422 with the localized "already submitted" message (the other click won).
    AlreadySubmitted,
    /// Anything else: status (0 when no answer came) and what was said.
    Other { status: u16, said: String },
    /// Not sent: the cap on requests was reached.
    Capped,
}

/// One submit's outcome and timing.
#[derive(Debug, Clone)]
struct Outcome {
    applicant: usize,
    via: Via,
    told: Told,
    /// Sent and answered, after the rush started.
    sent: Duration,
    answered: Duration,
    /// The server's own time for the submit.
    server: Option<Duration>,
    /// The receipt page's round trip (page submits that were acknowledged).
    receipt: Option<Duration>,
}

/// Shared by every client of the rush.
struct Shared<'a> {
    app: &'a TestApp,
    started: Instant,
    sent: AtomicUsize,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
    max_requests: usize,
    deadline_text: String,
    already_text: String,
}

impl Shared<'_> {
    /// Takes one request from the cap; false when none is left.
    fn take(&self) -> bool {
        self.sent.fetch_add(1, Ordering::SeqCst) < self.max_requests
    }

    fn enter(&self) {
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_in_flight.fetch_max(now, Ordering::SeqCst);
    }

    fn leave(&self) {
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The complete text of applicant `i`'s proposal.
fn text(i: usize, title: &str) -> ProposalForm {
    ProposalForm {
        title: title.to_owned(),
        summary: format!(
            "سامانه‌ای برای ثبت برخط شکایت‌های کارگری و پیگیری مرحلهٔ هر پرونده؛ پیشنهاد شمارهٔ {i} با هشدار مهلت برای کارشناس هیئت."
        ),
        approach: "نخست فرایند کنونی را در دو استان نقشه‌برداری می‌کنیم؛ سپس نمونهٔ اولیه را با API سامانهٔ روابط کار پیوند می‌دهیم و شش ماه در تهران و فارس می‌آزماییم.".into(),
        budget: format!("{}", 4_000 + (i % 40) * 250),
        timeline: "دو ماه طراحی، چهار ماه ساخت، شش ماه آزمایش میدانی".into(),
        expected_results: "میانهٔ زمان ثبت تا رأی زیر ۳۰ روز در استان‌های آزمایشی".into(),
        originality: true,
        conflicts: true,
        conflicts_note: String::new(),
    }
}

/// The form fields of `form` as the page posts them.
fn fields(form: &ProposalForm, csrf: &str) -> Vec<(&'static str, String)> {
    vec![
        ("_csrf", csrf.to_owned()),
        ("title", form.title.clone()),
        ("summary", form.summary.clone()),
        ("approach", form.approach.clone()),
        ("budget", form.budget.clone()),
        ("timeline", form.timeline.clone()),
        ("expected_results", form.expected_results.clone()),
        ("originality", "on".into()),
        ("conflicts", "on".into()),
        ("conflicts_note", String::new()),
        ("version", "0".into()),
    ]
}

/// The acting account as the use cases see it.
async fn actor(app: &TestApp, id: &halqe_domain::ids::UserId) -> anyhow::Result<Actor> {
    let mut conn = app.app.db.conn().await?;
    let user = halqe_db::users::by_id(&mut conn, id).await?.context("account just made")?;
    Ok(halqe_app::accounts::actor_of(&user))
}

/// A published challenge of a new agency whose deadline is 10 days after the start; its id and deadline.
async fn challenge(app: &TestApp) -> anyhow::Result<(ChallengeId, i64)> {
    let agency = app.agency("وزارت تعاون، کار و رفاه اجتماعی").await;
    let officer_id = halqe_app::accounts::create_user::create_user(
        &app.app,
        &halqe_app::accounts::create_user::NewAccount {
            email: "officer@rush.bench.test".into(),
            display_name: "کارشناس دستگاه".into(),
            password: PASSWORD.into(),
            roles: vec![Role::Officer],
            agency_id: Some(agency),
            locale: Locale::Fa,
        },
    )
    .await?;
    let officer = actor(app, &officer_id).await?;
    let staff = actor(app, &app.user("staff@rush.bench.test", &[Role::Staff]).await).await?;
    let deadline_day = halqe_domain::calendar::date_input(START_MS + 10 * halqe_app::DAY_MS, Locale::Fa);
    let form = halqe_app::challenges::ChallengeForm {
        title: "کاهش زمان رسیدگی به شکایت‌های کارگری".into(),
        problem: "رسیدگی به شکایت‌ها در هیئت‌های تشخیص به‌طور میانه ۹۵ روز طول می‌کشد.".into(),
        affected: "کارگران و کارفرمایان".into(),
        outcome: "رسیدگی در کمتر از ۳۰ روز".into(),
        success_measure: "میانهٔ زمان ثبت تا رأی".into(),
        maturity: "prototype".into(),
        deadline: deadline_day,
        eligibility: "both".into(),
        ..Default::default()
    };
    let cap = officer.author().map_err(|e| anyhow::anyhow!("officer: {e}"))?;
    let id = halqe_app::challenges::create::create(&app.app, &cap, &form).await?;
    for (who, step) in [(&officer, Step::Submit), (&staff, Step::Approve), (&staff, Step::Publish)] {
        halqe_app::challenges::step::take(&app.app, who, &id, step, "").await?;
    }
    let mut conn = app.app.db.conn().await?;
    let found = halqe_db::challenges::by_id(&mut conn, &id).await?.context("challenge just made")?;
    Ok((id, found.row.deadline_at))
}

/// Applicant `i`: an innovator account with a public profile and a complete draft; its actor, person and
/// proposal ids, and the draft's title.
async fn seed_applicant(
    app: &TestApp,
    challenge: &ChallengeId,
    seed: u64,
    i: usize,
) -> anyhow::Result<(Actor, String, ProposalId, String)> {
    let email = email(i);
    let actor = actor(app, &app.user(&email, &[Role::Innovator]).await).await?;
    let (first, last) = crate::names::person(&mut Rng::new(seed, 43, i as u64));
    let person = app
        .insert_person(halqe_db::people::PersonRow {
            user_id: Some(actor.user_id.to_string()),
            first_name: first.into(),
            last_name: last,
            province: Some("tehran".into()),
            skills: "تحلیل داده، مدیریت پروژه".into(),
            availability: "available".into(),
            visibility: "public".into(),
            source: "bench".into(),
            ..Default::default()
        })
        .await;
    let proposal = create::create(&app.app, &actor, challenge, "person").await?;
    let title = format!("سامانهٔ پیگیری برخط شکایت‌ها، طرح {i}");
    save::save(&app.app, &actor, &proposal, &text(i, &title)).await?;
    Ok((actor, person, proposal, title))
}

/// Applicant `i`'s client address (RFC 2544's benchmark range; only ever a header, never a destination).
/// It stands for the applicant's own network: 30 submissions an hour from one address are accepted.
fn address(i: usize) -> String {
    format!("198.18.{}.{}", i / 250, i % 250 + 1)
}

fn email(i: usize) -> String {
    format!("applicant{i}@rush.bench.test")
}

/// Signs applicant `i` in through the sign-in form from its own address (forwarded by the loopback proxy
/// the server trusts, so the per-address sign-in limit sees 200 people, as it would), and reads its token.
async fn sign_in(app: &TestApp, i: usize) -> anyhow::Result<(Client, String)> {
    let client = app.client();
    let from = address(i);
    let r = app.post_form_from(&client, "/login", &[("email", &email(i)), ("password", PASSWORD)], &from).await;
    if r.status() != 303 {
        bail!("signing in applicant {i}: {}", r.status());
    }
    let csrf = app.csrf(&client).await;
    Ok((client, csrf))
}

/// Seeds the world and signs everyone in; returns the applicants and the deadline (server time).
async fn set_up(app: &TestApp, rush: &Rush) -> anyhow::Result<(Vec<Applicant>, i64)> {
    if rush.applicants < 2 {
        bail!("at least 2 applicants: each is on the next one's team");
    }
    let (challenge, deadline) = challenge(app).await?;
    let seeded: Vec<_> = futures_util::stream::iter(0..rush.applicants)
        .map(|i| seed_applicant(app, &challenge, rush.seed, i))
        .buffered(4)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<anyhow::Result<_>>()?;
    // Each asks the next applicant onto their team, who accepts.
    for (i, (actor, _, proposal, _)) in seeded.iter().enumerate() {
        let (member, member_person, _, _) = &seeded[(i + 1) % seeded.len()];
        team::invite(&app.app, actor, proposal, member_person, &address(i)).await?;
        team::answer(&app.app, member, proposal, true).await?;
    }
    // Sessions begin a minute before the deadline, while the clock still stands.
    app.clock.advance(deadline - rush.window.as_millis() as i64 - app.app.now());
    let signed: Vec<_> = futures_util::stream::iter(0..rush.applicants)
        .map(|i| sign_in(app, i))
        .buffered(8)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<anyhow::Result<_>>()?;
    let applicants = seeded
        .into_iter()
        .zip(signed)
        .enumerate()
        .map(|(i, ((_, _, proposal, title), (client, csrf)))| Applicant {
            email: email(i),
            proposal,
            title,
            client,
            csrf,
        })
        .collect();
    Ok((applicants, deadline))
}

/// The tracking code on a receipt page.
fn code_on_page(html: &str) -> Option<TrackingCode> {
    let marker = "data-test=\"tracking-code\"><bdi>";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find("</bdi>")?;
    TrackingCode::parse(&html[start..start + end]).ok()
}

/// One submit by applicant `i` (`click` 0, or 1 for the second of a double click).
async fn submit_once(shared: &Shared<'_>, a: &Applicant, i: usize, via: Via, click: usize) -> Outcome {
    let at = |s: &Shared<'_>| s.started.elapsed();
    let mut out = Outcome {
        applicant: i,
        via,
        told: Told::Capped,
        sent: at(shared),
        answered: at(shared),
        server: None,
        receipt: None,
    };
    if !shared.take() {
        return out;
    }
    shared.enter();
    let app = shared.app;
    let path = format!("/proposals/{}/submit", a.proposal);
    let (title, request) = match via {
        Via::Page => {
            // The two clicks of a double click send distinguishable titles, so the check can tell whose
            // text was kept.
            let title = if click == 0 { a.title.clone() } else { format!("{} (دوباره)", a.title) };
            (title.clone(), a.client.post(app.url(&path)).form(&fields(&text(i, &title), &a.csrf)))
        }
        Via::Api => (
            a.title.clone(),
            a.client
                .post(app.url(&format!("/api/v1{path}")))
                .header("x-csrf-token", &a.csrf)
                .json(&serde_json::json!({ "version": 0 })),
        ),
    };
    out.sent = at(shared);
    // Each applicant from its own address, as through the proxy the server trusts: submissions are limited
    // per address too.
    let answer = request.header("x-forwarded-for", address(i)).timeout(Duration::from_secs(30)).send().await;
    out.told = match answer {
        Err(e) => Told::Other { status: 0, said: e.to_string() },
        Ok(r) => {
            out.server = server_time(&r).ok();
            let status = r.status().as_u16();
            let location = r.headers().get("location").and_then(|l| l.to_str().ok()).map(str::to_owned);
            let body = r.text().await.unwrap_or_default();
            out.answered = at(shared);
            told(shared, a, via, status, location, &body, title, &mut out).await
        }
    };
    shared.leave();
    out
}

/// Reads what the server answered; for an acknowledged page submit, opens the receipt page.
#[expect(clippy::too_many_arguments, reason = "one answer's parts, read in one place")]
async fn told(
    shared: &Shared<'_>,
    a: &Applicant,
    via: Via,
    status: u16,
    location: Option<String>,
    body: &str,
    title: String,
    out: &mut Outcome,
) -> Told {
    let other = |said: &str| Told::Other { status, said: said.chars().take(300).collect() };
    match (via, status) {
        (Via::Page, 303) => {
            let Some(to) = location.filter(|l| l.starts_with(&format!("/proposals/{}/versions/", a.proposal))) else {
                return other("redirected elsewhere than a receipt");
            };
            let Ok(version) = to.rsplit('/').next().unwrap_or_default().parse::<i64>() else {
                return other(&to);
            };
            if !shared.take() {
                return other("receipt page not opened: request cap reached");
            }
            let opened = Instant::now();
            let page = a.client.get(shared.app.url(&to)).timeout(Duration::from_secs(30)).send().await;
            let html = match page {
                Ok(p) if p.status() == 200 => p.text().await.unwrap_or_default(),
                Ok(p) => return other(&format!("receipt page answered {}", p.status())),
                Err(e) => return other(&format!("receipt page: {e}")),
            };
            out.receipt = Some(opened.elapsed());
            match code_on_page(&html) {
                Some(code) => Told::Receipt { version, code, title },
                None => other("no tracking code on the receipt page"),
            }
        }
        (Via::Api, 201) => {
            let receipt: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
            let code = receipt["tracking_code"].as_str().and_then(|c| TrackingCode::parse(c).ok());
            match (receipt["version"].as_i64(), code) {
                (Some(version), Some(code)) => Told::Receipt { version, code, title },
                _ => other(body),
            }
        }
        (_, 422) => {
            // The page shows the message among the field errors; the API names the code and says it.
            let said = |code: &str, text: &str| match via {
                Via::Page => body.contains(text),
                Via::Api => {
                    let e: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
                    e["fields"]
                        .as_array()
                        .is_some_and(|fs| fs.iter().any(|f| f["code"] == code && f["message"].as_str() == Some(text)))
                }
            };
            if said("proposal_deadline_passed", &shared.deadline_text) {
                Told::DeadlinePassed
            } else if said("proposal_already_submitted", &shared.already_text) {
                Told::AlreadySubmitted
            } else {
                other(body)
            }
        }
        _ => other(body),
    }
}

/// Everything one run measured and found.
#[derive(Debug)]
pub struct Report {
    pub applicants: usize,
    /// Submits planned: one per applicant, two per double click.
    pub submits: usize,
    pub late_applicants: usize,
    pub double_clicks: usize,
    /// Submits acknowledged (a receipt), each a version in the database.
    pub acknowledged: usize,
    pub refused_deadline: usize,
    pub refused_already: usize,
    /// Status (or `transport`) → count, for every submit.
    pub statuses: BTreeMap<String, usize>,
    pub acknowledged_latency: Latency,
    pub refused_latency: Latency,
    pub server_latency: Latency,
    pub receipt_page_latency: Latency,
    /// Requests of the rush, receipt pages included.
    pub requests: usize,
    pub most_in_flight: usize,
    /// Most submits sent within one second.
    pub busiest_second: usize,
    pub rush_wall: Duration,
    pub machine_before: Machine,
    pub machine_after: Machine,
    /// Submits left before the deadline that were answered after it (either answer is right).
    pub straddling: usize,
    /// Every check that failed; empty when the run passed.
    pub failures: Vec<String>,
}

impl Report {
    /// Prints the figures and the checks.
    pub fn print(&self) {
        println!(
            "plan: {} applicants ({} by the page form, {} by the API), {} double-clicking, {} after the deadline: {} submits",
            self.applicants,
            self.applicants.div_ceil(2),
            self.applicants / 2,
            self.double_clicks,
            self.late_applicants,
            self.submits
        );
        println!(
            "outcome: {} acknowledged, {} refused as after the deadline, {} refused as already submitted (the other click)",
            self.acknowledged, self.refused_deadline, self.refused_already
        );
        println!("statuses: {:?}", self.statuses);
        let line = |l: &Latency| {
            format!(
                "p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({} requests)",
                l.p50_ms, l.p90_ms, l.p99_ms, l.max_ms, l.queries
            )
        };
        println!("submit round trip, acknowledged: {}", line(&self.acknowledged_latency));
        println!("submit round trip, refused: {}", line(&self.refused_latency));
        println!("submit server time, all: {}", line(&self.server_latency));
        println!("receipt page round trip: {}", line(&self.receipt_page_latency));
        println!(
            "rush: {:.1} s wall, {} requests ({:.1}/s), busiest second {} submits, at most {} in flight; {} sent before the deadline and answered after it",
            self.rush_wall.as_secs_f64(),
            self.requests,
            self.requests as f64 / self.rush_wall.as_secs_f64().max(1e-9),
            self.busiest_second,
            self.most_in_flight,
            self.straddling
        );
        println!("machine before: {}", self.machine_before);
        println!("machine after: {}", self.machine_after);
        if self.failures.is_empty() {
            println!("checks: all passed");
        }
        for f in &self.failures {
            println!("FAILED: {f}");
        }
    }
}

/// A rush that ran: its server (still up, with its database) and what every client was told.
pub struct Rushed {
    pub app: TestApp,
    applicants: Vec<Applicant>,
    plans: Vec<Plan>,
    outcomes: Vec<Outcome>,
    /// The deadline, server time.
    deadline: i64,
    /// The deadline, after the start of the rush.
    deadline_at: Duration,
    rush_wall: Duration,
    requests: usize,
    most_in_flight: usize,
    machine_before: Machine,
    machine_after: Machine,
}

/// Runs the rush on a fresh server as `launch` says, checks the database, and returns the report.
pub async fn measure(rush: &Rush, launch: Launch) -> anyhow::Result<Report> {
    let rushed = Rushed::run(rush, launch).await?;
    let failures = rushed.check().await?;
    Ok(rushed.report(rush, failures))
}

impl Rushed {
    /// Seeds a fresh server as `launch` says and runs the rush on it.
    pub async fn run(rush: &Rush, launch: Launch) -> anyhow::Result<Self> {
        let plans = plan(rush);
        let submits = plans.iter().map(|p| 1 + usize::from(p.second.is_some())).sum::<usize>();
        let page_acks = plans.iter().filter(|p| p.via == Via::Page).count();
        if submits + page_acks > rush.max_requests {
            bail!("the plan needs up to {} requests, above the cap of {}", submits + page_acks, rush.max_requests);
        }
        let app = TestApp::launch(Launch { wrap: with_server_time, ..launch }).await;
        let (applicants, deadline) = set_up(&app, rush).await?;
        let machine_before = Machine::now();
        let shared = Shared {
            app: &app,
            started: Instant::now(),
            sent: AtomicUsize::new(0),
            in_flight: AtomicUsize::new(0),
            most_in_flight: AtomicUsize::new(0),
            max_requests: rush.max_requests,
            deadline_text: halqe_app::i18n::t(Locale::Fa, "invalid-proposal_deadline_passed"),
            already_text: halqe_app::i18n::t(Locale::Fa, "invalid-proposal_already_submitted"),
        };
        app.clock.run();
        // Where the deadline falls on the rush's own clock (the server's runs from the same instant, give or
        // take the millisecond it counts in).
        let deadline_at =
            Duration::from_millis(u64::try_from(deadline - app.app.now()).unwrap_or(0)) + shared.started.elapsed();
        let clients = plans.iter().zip(&applicants).enumerate().map(|(i, (p, a))| {
            let shared = &shared;
            async move {
                tokio::time::sleep_until((shared.started + p.at).into()).await;
                let first = submit_once(shared, a, i, p.via, 0);
                match p.second {
                    None => vec![first.await],
                    Some(gap) => {
                        let second = async {
                            tokio::time::sleep(gap).await;
                            submit_once(shared, a, i, p.via, 1).await
                        };
                        let (x, y) = tokio::join!(first, second);
                        vec![x, y]
                    }
                }
            }
        });
        let bound = deadline_at + rush.late.1 + rush.grace;
        let outcomes: Vec<Outcome> = tokio::time::timeout(bound, join_all(clients))
            .await
            .with_context(|| format!("the rush did not end within {:.0} s", bound.as_secs_f64()))?
            .into_iter()
            .flatten()
            .collect();
        let rush_wall = shared.started.elapsed();
        let machine_after = Machine::now();
        let requests = shared.sent.load(Ordering::SeqCst).min(rush.max_requests);
        let most_in_flight = shared.most_in_flight.load(Ordering::SeqCst);
        drop(shared);
        Ok(Self {
            app,
            applicants,
            plans,
            outcomes,
            deadline,
            deadline_at,
            rush_wall,
            requests,
            most_in_flight,
            machine_before,
            machine_after,
        })
    }

    /// The figures, with the checks that failed.
    pub fn report(&self, rush: &Rush, failures: Vec<String>) -> Report {
        let (plans, outcomes, deadline_at) = (&self.plans, &self.outcomes, self.deadline_at);
        let count = |f: fn(&Told) -> bool| outcomes.iter().filter(|o| f(&o.told)).count();
        let times = |f: fn(&Outcome) -> bool| {
            Latency::of(&outcomes.iter().filter(|o| f(o)).map(|o| o.answered - o.sent).collect::<Vec<_>>())
        };
        let mut statuses = BTreeMap::new();
        for o in outcomes {
            let key = match &o.told {
                Told::Receipt { .. } => if o.via == Via::Page { "303 (receipt page)" } else { "201" }.to_owned(),
                Told::DeadlinePassed => "422 deadline passed".to_owned(),
                Told::AlreadySubmitted => "422 already submitted".to_owned(),
                Told::Other { status: 0, .. } => "transport error".to_owned(),
                Told::Other { status, .. } => format!("{status} unexpected"),
                Told::Capped => "not sent (cap)".to_owned(),
            };
            *statuses.entry(key).or_insert(0) += 1;
        }
        Report {
            applicants: rush.applicants,
            submits: plans.iter().map(|p| 1 + usize::from(p.second.is_some())).sum(),
            late_applicants: plans.iter().filter(|p| p.late).count(),
            double_clicks: plans.iter().filter(|p| p.second.is_some()).count(),
            acknowledged: count(|t| matches!(t, Told::Receipt { .. })),
            refused_deadline: count(|t| *t == Told::DeadlinePassed),
            refused_already: count(|t| *t == Told::AlreadySubmitted),
            statuses,
            acknowledged_latency: times(|o| matches!(o.told, Told::Receipt { .. })),
            refused_latency: times(|o| matches!(o.told, Told::DeadlinePassed | Told::AlreadySubmitted)),
            server_latency: Latency::of(&outcomes.iter().filter_map(|o| o.server).collect::<Vec<_>>()),
            receipt_page_latency: Latency::of(&outcomes.iter().filter_map(|o| o.receipt).collect::<Vec<_>>()),
            requests: self.requests,
            most_in_flight: self.most_in_flight,
            busiest_second: busiest_second(outcomes),
            rush_wall: self.rush_wall,
            machine_before: self.machine_before.clone(),
            machine_after: self.machine_after.clone(),
            straddling: outcomes.iter().filter(|o| o.sent < deadline_at && o.answered >= deadline_at).count(),
            failures,
        }
    }
}

/// Most submits sent within any one second.
fn busiest_second(outcomes: &[Outcome]) -> usize {
    let mut sent: Vec<Duration> = outcomes.iter().map(|o| o.sent).collect();
    sent.sort();
    let mut first = 0;
    let mut most = 0;
    for (last, at) in sent.iter().enumerate() {
        while *at - sent[first] >= Duration::from_secs(1) {
            first += 1;
        }
        most = most.max(last + 1 - first);
    }
    most
}

/// How far the rush's estimate of the deadline may be from the server's (its clock counts whole
/// milliseconds).
const SLACK: Duration = Duration::from_millis(2);

impl Rushed {
    /// Checks the database against what each client was told; returns what failed.
    pub async fn check(&self) -> anyhow::Result<Vec<String>> {
        let (app, applicants, plans, outcomes) = (&self.app, &self.applicants, &self.plans, &self.outcomes);
        let (deadline, deadline_at) = (self.deadline, self.deadline_at);
        let mut failures = Vec::new();
        let mut conn = app.app.db.conn().await?;
        for o in outcomes {
            let who = format!("applicant {} ({:?})", o.applicant, o.via);
            match &o.told {
                Told::Other { status, said } => failures.push(format!("{who}: answered {status}: {said}")),
                Told::Capped => failures.push(format!("{who}: not sent, the request cap was reached")),
                Told::DeadlinePassed if o.answered + SLACK < deadline_at => {
                    failures.push(format!("{who}: refused as late, answered before the deadline"));
                }
                Told::Receipt { .. } if o.sent > deadline_at + SLACK => {
                    failures.push(format!("{who}: acknowledged, sent after the deadline"));
                }
                _ => {}
            }
            if plans[o.applicant].late && o.told != Told::DeadlinePassed {
                failures.push(format!("{who}: sent after the deadline, not refused with the deadline message"));
            }
        }
        for (i, (a, p)) in applicants.iter().zip(plans).enumerate() {
            let receipts: Vec<_> = outcomes
                .iter()
                .filter(|o| o.applicant == i)
                .filter_map(|o| match &o.told {
                    Told::Receipt { version, code, title } => Some((*version, code, title)),
                    _ => None,
                })
                .collect();
            let on_time = outcomes.iter().any(|o| o.applicant == i && o.answered + SLACK < deadline_at);
            if on_time && receipts.len() != 1 {
                failures.push(format!("applicant {i}: submitted before the deadline, {} receipts", receipts.len()));
            }
            let versions = halqe_db::proposals::versions_of(&mut conn, &a.proposal).await?;
            if versions.len() != receipts.len() {
                failures.push(format!(
                    "applicant {i}: {} versions stored, {} acknowledged{}",
                    versions.len(),
                    receipts.len(),
                    if p.second.is_some() { " (double click)" } else { "" }
                ));
            }
            let found = halqe_db::proposals::by_id(&mut conn, &a.proposal).await?.context("seeded proposal")?;
            if found.row.versions != versions.len() as i64 {
                failures.push(format!("applicant {i}: counts {} versions, has {}", found.row.versions, versions.len()));
            }
            let mail = halqe_db::outbox::to_address(&mut conn, &a.email).await?;
            let receipt_link = format!("/proposals/{}/versions/", a.proposal);
            let mailed: Vec<_> = mail.iter().filter(|m| m.body_text.contains(&receipt_link)).collect();
            if mailed.len() != receipts.len() {
                failures.push(format!(
                    "applicant {i}: {} receipts by mail, {} acknowledged",
                    mailed.len(),
                    receipts.len()
                ));
            }
            for (version, code, title) in receipts {
                let Some(stored) = versions.iter().find(|v| v.version == version) else {
                    failures.push(format!("applicant {i}: acknowledged version {version} is not stored"));
                    continue;
                };
                if stored.tracking_code != code.as_str() {
                    failures.push(format!(
                        "applicant {i}: told code {}, stored {}",
                        code.as_str(),
                        stored.tracking_code
                    ));
                }
                let content: serde_json::Value = serde_json::from_str(&stored.content)?;
                if content["title"].as_str() != Some(title.as_str()) {
                    failures.push(format!("applicant {i}: stored title {}, acknowledged {title}", content["title"]));
                }
                let written = halqe_app::proposals::submit::code_for(code, Locale::Fa);
                if !mailed.iter().any(|m| m.body_text.contains(&written)) {
                    failures.push(format!("applicant {i}: no mailed receipt with code {written}"));
                }
            }
            for v in &versions {
                if v.submitted_at >= deadline {
                    failures.push(format!(
                        "applicant {i}: version {} submitted at {}, deadline {deadline}",
                        v.version, v.submitted_at
                    ));
                }
            }
        }
        Ok(failures)
    }
}

/// Runs the rush, prints the report, and fails if any check failed.
pub async fn run(rush: &Rush, launch: Launch) -> anyhow::Result<()> {
    println!("machine: {}; {:?}, pool of {}", Machine::now(), launch.backend, launch.max_connections);
    let report = measure(rush, launch).await?;
    report.print();
    if !report.failures.is_empty() {
        bail!("{} checks failed", report.failures.len());
    }
    Ok(())
}
