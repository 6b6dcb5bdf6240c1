//! `halqe bench`: generated Persian people files, the import benchmark on a fresh SQLite database, and the search benchmark.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use clap::Subcommand;
use halqe_app::imports::{Acting, Kind, Request, sample};
use halqe_app::storage::StorageSettings;
use halqe_app::{App, Settings, Storage};
use halqe_domain::clock::SystemClock;

/// `halqe bench …`.
#[derive(Subcommand)]
pub enum BenchCommand {
    /// Generate a people file, import it into a fresh SQLite database in a temporary directory, and
    /// print rows per second and peak memory.
    Import {
        /// Data rows to generate.
        #[arg(long, default_value_t = 1_000_000)]
        rows: u64,
        /// Seed of the generator (the same seed writes the same file).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Write a generated people file (Persian headers, UTF-8 with BOM, about 2.5% flawed rows).
    Generate {
        #[arg(long)]
        rows: u64,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Generate profiles, index them with the search crate, and print build time, directory and
    /// matching latency, peak memory and recall on Arabic-letter profiles (docs/benchmarks.md).
    Search {
        /// Profiles to generate.
        #[arg(long, default_value_t = 1_000_000)]
        profiles: u64,
        /// Seed of the generator (the same seed gives the same profiles and queries).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Timed directory queries, and as many timed needs.
        #[arg(long, default_value_t = 1000)]
        queries: usize,
        /// Write profiles.jsonl, queries.jsonl and halqe.json here for bench/search_peers.py.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub async fn run(command: BenchCommand) -> anyhow::Result<()> {
    match command {
        BenchCommand::Generate { rows, out, seed } => {
            let file = std::fs::File::create(&out).with_context(|| format!("creating {}", out.display()))?;
            let s = sample::write_people(file, rows, seed, &[])?;
            println!("wrote {} rows ({} flawed) to {}", s.rows, s.flawed, out.display());
            Ok(())
        }
        BenchCommand::Import { rows, seed } => import(rows, seed).await,
        BenchCommand::Search { profiles, seed, queries, out } => {
            crate::bench_search::run(profiles, seed, queries, out.as_deref())
        }
    }
}

/// The process's peak resident memory in KiB (`VmHWM`), if the system reports it.
pub(crate) fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

async fn fresh_app(dir: &Path) -> anyhow::Result<App> {
    let url = format!("sqlite://{}", dir.join("halqe.db").display());
    let db = halqe_db::Db::connect(&url, 4).await?;
    db.migrate().await?;
    let storage = Storage::open(&StorageSettings::local(&dir.join("files"), 1024 * 1024))?;
    Ok(App::new(db, Arc::new(SystemClock), Settings::default(), storage))
}

async fn import(rows: u64, seed: u64) -> anyhow::Result<()> {
    let dir = tempfile::tempdir().context("creating a temporary directory")?;
    let app = fresh_app(dir.path()).await?;
    // The demo taxonomy, so generated rows name real fields.
    halqe_app::demo::load(&app).await?;
    let fields: Vec<String> = halqe_app::fields::list(&app).await?.into_iter().map(|f| f.name_fa).collect();
    let path = dir.path().join("people.csv");
    let started = Instant::now();
    let s = sample::write_people(std::fs::File::create(&path)?, rows, seed, &fields)?;
    let generated = started.elapsed();
    let bytes = std::fs::metadata(&path)?.len();
    let request = Request { kind: Kind::People, path, file_name: "people.csv".into(), dry_run: false };
    let started = Instant::now();
    let summary = halqe_app::imports::run(&app, Acting::Operator, &request).await?;
    let took = started.elapsed();
    let rate = rows as f64 / took.as_secs_f64().max(f64::EPSILON);
    println!(
        "rows: {rows} ({} flawed), file: {:.1} MiB, generated in {:.1} s",
        s.flawed,
        bytes as f64 / 1048576.0,
        generated.as_secs_f64()
    );
    println!(
        "import: {:.1} s, {rate:.0} rows/s (SQLite, {BATCH} rows per transaction)",
        took.as_secs_f64(),
        BATCH = halqe_app::imports::BATCH_ROWS
    );
    match peak_rss_kib() {
        Some(kib) => println!("peak RSS (VmHWM): {:.0} MiB", kib as f64 / 1024.0),
        None => println!("peak RSS: not reported by this system"),
    }
    println!("flagged={}", summary.counts.flagged);
    println!("{}", summary.line());
    app.db.close().await;
    Ok(())
}
