//! `halqe serve`: the web server with its background loops and graceful shutdown.

use std::time::Duration;

use anyhow::Context;
use halqe_web::{AppState, MetricsToken, WebConfig};
use tracing_subscriber::EnvFilter;

use halqe_app::jobs::periodic::Task;
use halqe_app::jobs::runner;
use halqe_app::search::model;

use crate::config::Config;

/// Logs to stderr, as text for people or JSON for collectors; `RUST_LOG` overrides the level. Colours only on a
/// terminal, so log files and collectors get plain text.
pub fn init_tracing(format: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

pub async fn run(cfg: Config, demo: bool) -> anyhow::Result<()> {
    tracing::info!(config = ?cfg, "starting");
    let audit_keys = cfg.audit_keys(crate::config::KeyFile::Create)?;
    let app = crate::open(&cfg).await?.with_audit_keys(audit_keys).with_mailer(cfg.mailer(demo)?);
    let fetch = model::start(&app, cfg.semantic_model()).await;
    if let Some(key) = app.audit.signer() {
        tracing::info!(public_key = %key.public_key(), "audit checkpoints are signed with this key");
    }
    if demo {
        let loaded = halqe_app::demo::load(&app).await?;
        tracing::info!(?loaded, "demo data");
    }
    // The demo opens `/metrics` with a token of its own, printed below, unless one is configured.
    let (metrics_token, demo_metrics_token) = match cfg.metrics_token()? {
        None if demo => {
            let plain = halqe_app::Token::generate().plain;
            (Some(MetricsToken::parse(&plain)?), Some(plain))
        }
        configured => (configured, None),
    };
    let web = WebConfig {
        secret_key: cfg.secret_key()?,
        cookies_secure: cfg.cookies_secure(),
        trusted_proxies: cfg.trusted_proxies()?,
        demo,
        max_body_bytes: 2 * 1024 * 1024,
        metrics_token,
    };
    let index = std::sync::Arc::new(halqe_search::SearchIndex::open(&cfg.data_dir.join("index"))?);
    let caught_up = halqe_app::search::feed::catch_up(&app, &index).await?;
    tracing::info!(changes = caught_up, docs = index.num_docs(), "search index ready");
    let router = halqe_web::router(AppState::new(app.clone(), web, index.clone()));
    let listener =
        tokio::net::TcpListener::bind(cfg.listen).await.with_context(|| format!("listening on {}", cfg.listen))?;
    let url = format!("http://{}", listener.local_addr()?);
    println!("Halqe is running at {url}");
    if demo {
        println!("Demo accounts (password: {}):", halqe_app::demo::DEMO_PASSWORD);
        for u in halqe_app::demo::USERS.iter().take(halqe_app::demo::ONE_PER_ROLE) {
            let roles: Vec<&str> = u.roles.iter().map(|r| r.code()).collect();
            println!("  {:<24} {}", u.email, roles.join(", "));
        }
    }
    if let Some(token) = demo_metrics_token {
        println!("Metrics: curl -H 'Authorization: Bearer {token}' {url}/metrics");
    }
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let runner = tokio::spawn(runner::run(app.clone(), runner::owner_name("serve"), &Task::ALL, stopped));
    // Within a fraction of a second of the database.
    let feed = tokio::spawn(halqe_app::search::feed::follow(app.clone(), index, Duration::from_millis(400)));
    axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("serving")?;
    let _ = stop.send(true);
    if let Some(fetch) = fetch {
        fetch.stop().await;
    }
    let _ = runner.await;
    feed.abort();
    app.db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// `halqe worker`: the job runner without HTTP, until SIGTERM or Ctrl-C. Jobs running at the stop are
/// left to their lease: the next runner resumes or fails them.
pub async fn worker(cfg: Config) -> anyhow::Result<()> {
    tracing::info!(config = ?cfg, "starting the worker");
    let audit_keys = cfg.audit_keys(crate::config::KeyFile::Create)?;
    let app = crate::open(&cfg).await?.with_audit_keys(audit_keys).with_mailer(cfg.mailer(false)?);
    let fetch = model::start(&app, cfg.semantic_model()).await;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let owner = runner::owner_name("worker");
    println!("Halqe worker {owner} is running");
    let runner = tokio::spawn(runner::run(app.clone(), owner, &Task::ALL, stopped));
    shutdown_signal().await;
    let _ = stop.send(true);
    if let Some(fetch) = fetch {
        fetch.stop().await;
    }
    let _ = runner.await;
    app.db.close().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
