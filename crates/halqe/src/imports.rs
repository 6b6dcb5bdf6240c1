//! `halqe import people|organizations FILE`: imports a file and prints its report, ending with the summary line.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Args;
use halqe_app::App;
use halqe_app::i18n::{Isolation, t_args};
use halqe_app::imports::columns;
use halqe_app::imports::report::{self, Format};
use halqe_app::imports::show::{self, RowFilter};
use halqe_app::imports::{Acting, Kind, Request, Summary};
use halqe_domain::locale::Locale;

/// Arguments of `halqe import`.
#[derive(Args)]
pub struct ImportArgs {
    /// What the file holds.
    #[arg(value_parser = ["people", "organizations"])]
    kind: String,
    /// A CSV (UTF-8 or Windows-1256; comma, semicolon or tab) or XLSX file.
    file: PathBuf,
    /// Decide and report every row, change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Write the rejected and flagged rows here: XLSX when the name ends in .xlsx, else CSV.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Language of the reasons: fa or en.
    #[arg(long, default_value = "fa")]
    lang: String,
    /// Print only the closing lines, no line per row.
    #[arg(long)]
    quiet: bool,
    /// Queue the import for `halqe worker` and exit (follow it with `halqe jobs --wait JOB`).
    #[arg(long, conflicts_with_all = ["report", "dry_run"])]
    queue: bool,
}

/// Rows read back from the database at a time while printing.
const PIECE: i64 = 1000;

/// Runs the import; fails (after the summary line) when the file could not be imported.
pub async fn run(app: &App, args: ImportArgs) -> anyhow::Result<()> {
    let kind = Kind::parse(&args.kind).map_err(|_| anyhow::anyhow!("unknown kind {}", args.kind))?;
    let locale = Locale::parse(&args.lang).context("--lang must be fa or en")?;
    let file_name = args.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let request = Request { kind, path: args.file.clone(), file_name, dry_run: args.dry_run };
    if args.queue {
        let (run, job) = halqe_app::imports::enqueue(app, &request).await?;
        println!("run {run}");
        println!("job {job}");
        return Ok(());
    }
    let summary =
        halqe_app::imports::run_observed(app, Acting::Operator, &request, Some(crate::jobs_cli::progress_line("rows")))
            .await?;
    crate::jobs_cli::end_progress_line();
    if !args.quiet {
        print_rows(app, kind, &summary, args.dry_run, locale).await?;
    }
    println!("run {}{}", summary.run, if args.dry_run { " (dry run: nothing was changed)" } else { "" });
    println!("flagged={}", summary.counts.flagged);
    if let Some(path) = &args.report {
        let format =
            if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) { Format::Xlsx } else { Format::Csv };
        let bytes = report::build(app, Acting::Operator, &summary.run, format, locale).await?;
        std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
        println!("report written to {}", path.display());
    }
    if let Some(problem) = &summary.problem {
        let message = t_args(
            locale,
            Isolation::Plain,
            &format!("import-problem-{}", problem.code()),
            &[("name", &problem.detail())],
        );
        eprintln!("{message}");
        println!("{}", summary.line());
        bail!("the file was not imported");
    }
    println!("{}", summary.line());
    Ok(())
}

/// One line per row: every row of a dry run, the rejected and flagged rows of a real one.
async fn print_rows(app: &App, kind: Kind, summary: &Summary, dry_run: bool, locale: Locale) -> anyhow::Result<()> {
    let filter = if dry_run { RowFilter::All } else { RowFilter::Problems };
    let mut after = 0;
    loop {
        let rows = show::rows_after(app, Acting::Operator, &summary.run, filter, after, PIECE).await?;
        let Some(last) = rows.last() else { return Ok(()) };
        after = last.number;
        for r in &rows {
            let status = t_args(locale, Isolation::Plain, &format!("import-status-{}", r.status), &[]);
            let flag = if r.flagged {
                format!(" ({})", t_args(locale, Isolation::Plain, "import-flagged", &[]))
            } else {
                String::new()
            };
            let reasons: Vec<String> = r
                .issues
                .iter()
                .map(|i| {
                    let column =
                        if i.column.is_empty() { String::new() } else { columns::label(kind, &i.column, locale) };
                    let message = i.message(locale, Isolation::Plain);
                    if column.is_empty() { message } else { format!("{column}: {message}") }
                })
                .collect();
            println!("row {}\t{status}{flag}\t{}\t{}", r.number, r.label, reasons.join("; "));
        }
    }
}
