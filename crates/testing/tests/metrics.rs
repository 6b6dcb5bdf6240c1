//! `/metrics`: closed without the token, requests counted under their route pattern, histograms that add
//! up, and the backlog (jobs, mail, search feed) as the database holds it.

use std::collections::BTreeMap;

use halqe_domain::user::Role;
use halqe_testing::{METRICS_TOKEN, START_MS, TestApp};

/// One sample of the exposition: name, labels, value.
#[derive(Debug, Clone)]
struct Sample {
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

/// Reads the Prometheus text format: comments skipped, label values unescaped.
fn parse(text: &str) -> Vec<Sample> {
    let mut samples = Vec::new();
    for line in text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (series, value) = line.rsplit_once(' ').unwrap();
        let value = match value {
            "+Inf" => f64::INFINITY,
            v => v.parse().unwrap_or_else(|_| panic!("value of {line:?}")),
        };
        let Some((name, rest)) = series.split_once('{') else {
            samples.push(Sample { name: series.into(), labels: BTreeMap::new(), value });
            continue;
        };
        let mut labels = BTreeMap::new();
        let mut chars = rest.chars();
        loop {
            let key: String = chars.by_ref().take_while(|c| *c != '=').collect();
            if key.is_empty() || key == "}" {
                break;
            }
            assert_eq!(chars.next(), Some('"'), "{line}");
            let mut val = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => val.push(match chars.next().unwrap() {
                        'n' => '\n',
                        other => other,
                    }),
                    '"' => break,
                    c => val.push(c),
                }
            }
            labels.insert(key.trim_start_matches(',').to_owned(), val);
        }
        samples.push(Sample { name: name.into(), labels, value });
    }
    samples
}

/// The value of the one sample with this name and these labels (among others), or `None`.
fn value(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    let mut found = samples
        .iter()
        .filter(|s| s.name == name && labels.iter().all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v)));
    let first = found.next()?;
    assert!(found.next().is_none(), "{name} {labels:?} matches several samples");
    Some(first.value)
}

async fn scrape(app: &TestApp) -> Vec<Sample> {
    let r = app.client().get(app.url("/metrics")).bearer_auth(METRICS_TOKEN).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let content_type = r.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/plain; version=0.0.4"), "{content_type}");
    parse(&r.text().await.unwrap())
}

const DURATION: &str = "halqe_http_request_duration_seconds";

#[tokio::test]
async fn without_a_configured_token_metrics_is_an_unknown_path() {
    let app = TestApp::spawn_without_metrics_token().await;
    for path in ["/metrics", "/no-such-page"] {
        let r = app.client().get(app.url(path)).bearer_auth(METRICS_TOKEN).send().await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
        let body = r.text().await.unwrap();
        assert!(!body.contains(DURATION), "{path}: {body}");
    }
}

#[tokio::test]
async fn a_missing_or_wrong_token_is_refused() {
    let app = TestApp::spawn().await;
    let refused = [
        None,
        Some("Bearer wrong".to_owned()),
        Some(METRICS_TOKEN.to_owned()),
        Some(format!("Basic {METRICS_TOKEN}")),
        Some(format!("Bearer {METRICS_TOKEN}x")),
        Some(format!("Bearer {}", &METRICS_TOKEN[1..])),
    ];
    for authorization in refused {
        let mut rb = app.client().get(app.url("/metrics"));
        if let Some(a) = &authorization {
            rb = rb.header("authorization", a);
        }
        let r = rb.send().await.unwrap();
        assert_eq!(r.status(), 401, "{authorization:?}");
        assert!(!r.text().await.unwrap().contains(DURATION));
    }
    // A session, even an admin's, is no substitute for the token.
    let admin = app.signed_in("admin@metrics.test", &[Role::Admin]).await;
    assert_eq!(admin.get(app.url("/metrics")).send().await.unwrap().status(), 401);
    assert!(value(&scrape(&app).await, "halqe_search_feed_lag", &[]).is_some());
}

#[tokio::test]
async fn requests_are_counted_under_their_route_pattern_with_cumulative_buckets() {
    let app = TestApp::spawn().await;
    let public = halqe_db::people::PersonRow {
        first_name: "مریم".into(),
        availability: "available".into(),
        visibility: "public".into(),
        source: "test".into(),
        ..Default::default()
    };
    let a = app.insert_person(halqe_db::people::PersonRow { last_name: "کاظمی".into(), ..public.clone() }).await;
    let b = app.insert_person(halqe_db::people::PersonRow { last_name: "رضایی".into(), ..public }).await;
    let hidden = app.person("حسینی", "داده‌کاوی", None, None).await;
    let client = app.client();
    for id in [&a, &b, &a] {
        assert_eq!(client.get(app.url(&format!("/people/{id}"))).send().await.unwrap().status(), 200);
    }
    // Visible to agencies only: an anonymous visitor gets 404 under the same pattern.
    assert_eq!(client.get(app.url(&format!("/people/{hidden}"))).send().await.unwrap().status(), 404);
    let probe = format!("/wp-admin/{a}");
    assert_eq!(client.get(app.url(&probe)).send().await.unwrap().status(), 404);

    let samples = scrape(&app).await;
    let count = |route: &str, status: &str| {
        value(&samples, &format!("{DURATION}_count"), &[("route", route), ("method", "GET"), ("status", status)])
    };
    assert_eq!(count("/people/{id}", "2xx"), Some(3.0));
    assert_eq!(count("/people/{id}", "4xx"), Some(1.0));
    assert_eq!(count("unmatched", "4xx"), Some(1.0));
    for s in &samples {
        for v in s.labels.values() {
            assert!(!v.contains(&a) && !v.contains(&hidden) && !v.contains("wp-admin"), "raw path in {s:?}");
        }
    }

    // Every series: buckets never decrease as `le` grows, and +Inf equals `_count`.
    let counts: Vec<&Sample> = samples.iter().filter(|s| s.name == format!("{DURATION}_count")).collect();
    assert!(counts.len() >= 3);
    for c in counts {
        let mut buckets: Vec<(f64, f64)> = samples
            .iter()
            .filter(|s| {
                s.name == format!("{DURATION}_bucket") && c.labels.iter().all(|(k, v)| s.labels.get(k) == Some(v))
            })
            .map(|s| (s.labels["le"].parse::<f64>().unwrap(), s.value))
            .collect();
        buckets.sort_by(|x, y| x.0.total_cmp(&y.0));
        assert!(buckets.len() > 5, "{c:?}");
        assert!(buckets.windows(2).all(|w| w[0].1 <= w[1].1), "not cumulative: {buckets:?}");
        assert_eq!(buckets.last().unwrap(), &(f64::INFINITY, c.value), "{c:?}");
        let sum = value(
            &samples,
            &format!("{DURATION}_sum"),
            &c.labels.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>(),
        );
        assert!(sum.unwrap() > 0.0, "{c:?}");
    }
}

#[tokio::test]
async fn the_backlog_is_what_the_database_holds() {
    let app = TestApp::spawn().await;
    // Jobs no runner will touch: ended ones, and one running under another node's live lease.
    let lease = START_MS + 3_600_000;
    app.sql_exec(&format!(
        "INSERT INTO jobs (id, kind, state, created_at, lease_owner, lease_expires_at) VALUES
            ('job-1', 'import', 'running', {START_MS}, 'elsewhere', {lease}),
            ('job-2', 'import', 'failed', {START_MS}, NULL, NULL),
            ('job-3', 'import', 'failed', {START_MS}, NULL, NULL),
            ('job-4', 'import', 'succeeded', {START_MS}, NULL, NULL),
            ('job-5', 'import', 'cancelled', {START_MS}, NULL, NULL)"
    ))
    .await;
    // The test server delivers no mail (its runner has no periodic tasks): two wait, one died.
    let mut conn = app.app.db.conn().await.unwrap();
    for to in ["a@metrics.test", "b@metrics.test", "c@metrics.test"] {
        halqe_db::outbox::enqueue(&mut conn, to, "موضوع", "متن", START_MS).await.unwrap();
    }
    let dead = halqe_db::outbox::to_address(&mut conn, "c@metrics.test").await.unwrap();
    halqe_db::outbox::bury(&mut conn, &dead[0].id, 8, "550 no such user", START_MS).await.unwrap();
    drop(conn);
    app.person("کاظمی", "داده‌کاوی", None, None).await;

    let samples = scrape(&app).await;
    let jobs = |state: &str| value(&samples, "halqe_jobs", &[("state", state)]);
    assert_eq!(jobs("queued"), Some(0.0));
    assert_eq!(jobs("running"), Some(1.0));
    assert_eq!(jobs("failed"), Some(2.0));
    assert_eq!(jobs("succeeded"), Some(1.0));
    assert_eq!(jobs("cancelled"), Some(1.0));
    assert_eq!(value(&samples, "halqe_mail_outbox_messages", &[("state", "pending")]), Some(2.0));
    assert_eq!(value(&samples, "halqe_mail_outbox_messages", &[("state", "dead")]), Some(1.0));
    assert!(value(&samples, "halqe_search_feed_lag", &[]).unwrap() >= 1.0);

    app.sync_index().await;
    assert_eq!(value(&scrape(&app).await, "halqe_search_feed_lag", &[]), Some(0.0));
}
