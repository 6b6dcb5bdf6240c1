//! `halqe`: the one binary — web server, migrations, demo data, accounts, audit verification.

mod audit_cli;
mod config;
mod imports;
mod jobs_cli;
mod search_cli;
mod serve;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};
use halqe_app::accounts::create_user::{NewAccount, create_user};
use halqe_app::{App, Settings, Storage};
use halqe_domain::clock::SystemClock;
use halqe_domain::ids::AgencyId;
use halqe_domain::locale::Locale;
use halqe_domain::user::Role;

use crate::config::Config;

/// Halqe (حلقه): the platform of the Innovation Center for administrative and employment systems.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    /// Configuration file (TOML); missing is fine.
    #[arg(long, global = true, env = "HALQE_CONFIG", default_value = "halqe.toml")]
    config: PathBuf,
    /// Directory for the embedded database and generated secret (overrides the configuration).
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (applies migrations first) with the job runner.
    Serve(ServeArgs),
    /// Run the job runner alone (imports, mail delivery, retention, audit checkpoints), without HTTP.
    Worker,
    /// Show the newest jobs, or follow one to its end.
    Jobs {
        /// Follow this job with a progress line until it ends; exits non-zero unless it succeeded.
        #[arg(long)]
        wait: Option<String>,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo data (once; a second run changes nothing).
    Demo,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Inspect the audit record and its signed checkpoints.
    #[command(subcommand)]
    Audit(audit_cli::AuditCommand),
    /// Import people or organizations from a CSV or XLSX file (idempotent; ends with the summary line).
    Import(imports::ImportArgs),
    /// Rebuild this node's search index from the database.
    Reindex,
    /// Search the capacity directory (staff visibility).
    Search {
        query: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Rank people and organizations for a need, with the reasons (staff visibility).
    Match {
        #[arg(long)]
        need: String,
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
struct ServeArgs {
    /// Load the demo data on start and print the demo logins.
    #[arg(long)]
    demo: bool,
    /// Address to listen on, e.g. 127.0.0.1:8080 (overrides the configuration).
    #[arg(long, env = "HALQE_LISTEN")]
    listen: Option<std::net::SocketAddr>,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a verified account, e.g. the first admin. The password is read from standard input.
    Create {
        #[arg(long)]
        email: String,
        /// Display name, e.g. «مریم احمدی».
        #[arg(long)]
        name: String,
        /// Role to grant: admin, staff, officer, reviewer, innovator, auditor (repeatable).
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// Agency id, required for officers.
        #[arg(long)]
        agency: Option<String>,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let mut cfg = Config::load(&cli.config)?;
    if let Some(dir) = cli.data_dir {
        cfg.data_dir = dir;
    }
    if let Command::Serve(ServeArgs { listen: Some(listen), .. }) = &cli.command {
        cfg.listen = *listen;
    }
    cfg.fill_derived();
    serve::init_tracing(&cfg.log_format);
    match cli.command {
        Command::Serve(args) => serve::run(cfg, args.demo).await,
        Command::Worker => serve::worker(cfg).await,
        Command::Jobs { wait: None } => jobs_cli::list(&open(&cfg).await?).await,
        Command::Jobs { wait: Some(id) } => jobs_cli::wait(&open(&cfg).await?, &id).await,
        Command::Migrate => {
            open(&cfg).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Demo => {
            let app = open(&cfg).await?;
            let loaded = halqe_app::demo::load(&app).await?;
            println!("demo data: {loaded:?}");
            Ok(())
        }
        Command::User(UserCommand::Create { email, name, roles, agency }) => {
            let app = open(&cfg).await?;
            let roles = roles
                .iter()
                .map(|r| Role::parse(r).map_err(|_| anyhow::anyhow!("unknown role {r}")))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let agency_id = match agency {
                Some(a) => Some(AgencyId::parse(&a).context("agency must be an agency id")?),
                None => None,
            };
            let mut password = String::new();
            std::io::stdin().read_line(&mut password).context("reading the password from standard input")?;
            let account = NewAccount {
                email,
                display_name: name,
                password: password.trim_end_matches(['\r', '\n']).to_owned(),
                roles,
                agency_id,
                locale: Locale::Fa,
            };
            match create_user(&app, &account).await {
                Ok(id) => {
                    println!("created user {id}");
                    Ok(())
                }
                Err(halqe_app::Error::Form(errors)) => {
                    for (field, code) in errors.0 {
                        eprintln!("{field}: {code}");
                    }
                    bail!("account not created")
                }
                Err(e) => Err(e.into()),
            }
        }
        Command::Reindex => search_cli::reindex(&open_searching(&cfg).await?, &cfg).await,
        Command::Search { query, json } => search_cli::search(&open_searching(&cfg).await?, &cfg, &query, json).await,
        Command::Match { need, top, json } => {
            search_cli::match_need(&open_searching(&cfg).await?, &cfg, &need, top, json).await
        }
        Command::Import(args) => imports::run(&open(&cfg).await?, args).await,
        Command::Audit(command) => audit_cli::run(&cfg, command).await,
    }
}

/// [`open`] with the embedder a serving node would have, for commands that write this node's index (they
/// catch up the feed) or match: documents get the same vectors whichever process indexed them.
async fn open_searching(cfg: &Config) -> anyhow::Result<App> {
    Ok(open(cfg).await?.with_embedder(halqe_app::search::model::prepare(cfg.semantic_model()).await))
}

/// Connects, migrates and returns the use-case handle.
pub async fn open(cfg: &Config) -> anyhow::Result<App> {
    if cfg.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&cfg.data_dir).with_context(|| format!("creating {}", cfg.data_dir.display()))?;
    }
    let db = halqe_db::Db::connect(&cfg.database_url, cfg.max_connections)
        .await
        .with_context(|| format!("connecting to {}", config::redact_url(&cfg.database_url)))?;
    db.migrate().await.context("applying migrations")?;
    let settings = Settings {
        base_url: cfg.base_url.trim_end_matches('/').to_owned(),
        session_ttl_ms: cfg.session_ttl_days * halqe_app::DAY_MS,
        job_lease_ms: cfg.job_lease_seconds.max(1).saturating_mul(1000),
        retention: cfg.retention(),
        conflict_organization_years: cfg.conflict_organization_years,
        review_reminder_days: cfg.review_reminder_days,
    };
    let storage = Storage::open(&cfg.storage()).context("opening file storage")?;
    Ok(App::new(db, Arc::new(SystemClock), settings, storage))
}
