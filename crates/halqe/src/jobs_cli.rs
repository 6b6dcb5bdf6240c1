//! `halqe jobs`: the newest jobs, or one followed to its end; and the progress line long commands print.

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use anyhow::bail;
use halqe_app::App;
use halqe_app::jobs::{self, JobView, Observer, State};

/// Progress on standard error, `rows 4000/12000 (33%)`: on a terminal one line rewritten in place, with a
/// bar; otherwise a plain line each time another tenth is done, so logs stay short.
pub fn progress_line(unit: &'static str) -> Observer {
    if std::io::stderr().is_terminal() {
        return Arc::new(move |done, total| {
            let percent = percent(done, total);
            let filled = usize::try_from(percent / 5).unwrap_or(0).min(20);
            eprint!("\r[{}{}] {unit} {done}/{total} ({percent}%)", "#".repeat(filled), " ".repeat(20 - filled));
            let _ = std::io::stderr().flush();
        });
    }
    let tenths_printed = AtomicI64::new(-1);
    Arc::new(move |done, total| {
        let percent = percent(done, total);
        if tenths_printed.fetch_max(percent / 10, Ordering::Relaxed) < percent / 10 {
            eprintln!("{unit} {done}/{total} ({percent}%)");
        }
    })
}

fn percent(done: i64, total: i64) -> i64 {
    if total > 0 { (done * 100 / total).clamp(0, 100) } else { 100 }
}

/// Ends the progress line, if one was drawn in place.
pub fn end_progress_line() {
    if std::io::stderr().is_terminal() {
        eprintln!();
    }
}

fn line(j: &JobView) -> String {
    let mut l = format!("{}\t{}\t{}\t{}/{}\tattempts={}", j.id, j.kind, j.state.code(), j.done, j.total, j.attempts);
    if !j.result.is_empty() {
        l.push('\t');
        l.push_str(&j.result);
    }
    if !j.error.is_empty() {
        l.push_str("\terror: ");
        l.push_str(&j.error);
    }
    l
}

/// Prints the 50 newest jobs, one line each.
pub async fn list(app: &App) -> anyhow::Result<()> {
    for j in jobs::recent(app, 50).await? {
        println!("{}", line(&j));
    }
    Ok(())
}

/// Follows a job until it ends, then prints its line and, last, its result; fails unless it succeeded.
pub async fn wait(app: &App, id: &str) -> anyhow::Result<()> {
    let show = progress_line("rows");
    let job = loop {
        let Some(job) = jobs::by_id(app, id).await? else { bail!("no job {id}") };
        if !job.state.active() {
            break job;
        }
        show(job.done, job.total);
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    end_progress_line();
    println!("{}", line(&job));
    if job.state != State::Succeeded {
        bail!("job {id} {}", job.state.code());
    }
    println!("{}", job.result);
    Ok(())
}
