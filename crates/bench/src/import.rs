//! `halqe-bench import`: a generated people file imported into a fresh SQLite database; rows per second and peak memory.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use halqe_app::imports::{Acting, Kind, Request};
use halqe_app::storage::StorageSettings;
use halqe_app::{App, Settings, Storage};
use halqe_domain::clock::SystemClock;

use crate::{peak_rss_kib, sample};

async fn fresh_app(dir: &Path) -> anyhow::Result<App> {
    let url = format!("sqlite://{}", dir.join("halqe.db").display());
    let db = halqe_db::Db::connect(&url, 4).await?;
    db.migrate().await?;
    let storage = Storage::open(&StorageSettings::local(&dir.join("files"), 1024 * 1024))?;
    Ok(App::new(db, Arc::new(SystemClock), Settings::default(), storage))
}

/// Generates `rows` people (seeded), imports them and prints the figures and the summary line.
pub async fn run(rows: u64, seed: u64) -> anyhow::Result<()> {
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
