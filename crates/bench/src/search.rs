//! `halqe-bench search`: generated Persian/English profiles indexed by the search crate; build time, directory and matching latency, memory, and recall on Arabic-letter profiles.

pub(crate) mod profiles;
pub(crate) mod queries;
pub(crate) mod stats;
pub(crate) mod vectors;
pub(crate) mod vocab;

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use halqe_search::SearchIndex;
use halqe_search::directory::DirectoryQuery;
use halqe_search::index::{ANN_FILE, AnnLoad};
use halqe_search::matching::{Need, Weights};
use halqe_search::query::{Filters, Viewer};
use serde::Serialize;

use self::profiles::{Generator, Profile};
use self::queries::Query;
use self::stats::{Latency, Machine};
use self::vectors::Space;

/// Profiles per `upsert` call.
const CHUNK: usize = 10_000;
/// Untimed queries of each kind run first, so the timed ones see a warm index.
const WARM_UP: usize = 50;
/// Recall probes on Arabic-letter profiles, and as many on Persian-letter ones as a control.
const RECALL_PROBES: usize = 1000;
const DIRECTORY_LIMIT: usize = 20;
const MATCH_TOP: usize = 50;

/// One profile as the peers load it.
#[derive(Serialize)]
struct ProfileLine<'a> {
    n: u64,
    id: &'a str,
    kind: &'static str,
    name: &'a str,
    skills: &'a str,
    bio: &'a str,
    publications: String,
    arabic: bool,
}

impl<'a> ProfileLine<'a> {
    fn of(n: u64, p: &'a Profile) -> Self {
        let d = &p.doc;
        Self {
            n,
            id: &d.id,
            kind: d.kind.map(|k| k.code()).unwrap_or("person"),
            name: &d.name,
            skills: if d.skills.is_empty() { &d.capabilities } else { &d.skills },
            bio: &d.bio,
            publications: d
                .publications
                .iter()
                .map(|p| format!("{}\n{}", p.title, p.text))
                .collect::<Vec<_>>()
                .join("\n"),
            arabic: p.arabic,
        }
    }
}

/// How many recall probes found their profile.
#[derive(Debug, Default, Serialize)]
struct Recall {
    probes: usize,
    found: usize,
    recall: f64,
    /// The first probes that missed, for inspection.
    missed: Vec<String>,
}

/// Everything a run measured; written as `halqe.json` for the peers' table.
#[derive(Serialize)]
struct Report {
    engine: &'static str,
    profiles: u64,
    /// Whether profiles and needs carried (seeded) vectors.
    vectors: bool,
    seed: u64,
    arabic_profiles: u64,
    vocabulary_lemmas: usize,
    vocabulary_forms: usize,
    machine: Machine,
    load_after: [f64; 3],
    generate_s: f64,
    upsert_s: f64,
    build_s: f64,
    index_mib: f64,
    peak_rss_mib: f64,
    build_rss_mib: f64,
    directory: Latency,
    directory_mean_total: f64,
    matching: Latency,
    matching_mean_results: f64,
    recall_arabic: Recall,
    recall_persian: Recall,
    /// Seconds to open the built index again, as a restarted node does (its nearest-neighbour index is
    /// rebuilt from the stored vectors).
    reopen_s: f64,
    /// Resident memory just before reopening (what the process still holds after dropping the built
    /// index), and its peak while reopening: a node's start, apart from the build before it.
    reopen_start_rss_mib: f64,
    reopen_rss_mib: f64,
    /// How that start built its nearest-neighbour index (from the lists saved beside the index, or trained).
    reopen_ann: AnnLoad,
    /// Seconds to open it once more without the saved lists (lost, or a first start after an upgrade):
    /// the profile vectors read from their fast field, then trained.
    reopen_untrained_s: f64,
    /// Its peak resident memory (0 without vectors: nothing to train).
    reopen_untrained_rss_mib: f64,
    /// Resident memory after the queries: allocated by the process, and pages of the index's mapped
    /// files (what the queries touched; shared, and dropped by the kernel under memory pressure).
    queries_anon_mib: f64,
    queries_file_mib: f64,
}

fn jsonl(path: &Path) -> anyhow::Result<std::io::BufWriter<std::fs::File>> {
    let file = std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    Ok(std::io::BufWriter::with_capacity(1 << 20, file))
}

/// Generates every profile once without indexing (its time is part of the build time below),
/// writing them for the peers when asked; returns the seconds taken and the Arabic-letter count.
fn generate(g: &Generator, profiles: u64, out: Option<&Path>) -> anyhow::Result<(f64, u64)> {
    let mut file = out.map(|d| jsonl(&d.join("profiles.jsonl"))).transpose()?;
    let started = Instant::now();
    let mut arabic = 0;
    for n in 0..profiles {
        let p = g.profile(n);
        arabic += u64::from(p.arabic);
        if let Some(f) = file.as_mut() {
            serde_json::to_writer(&mut *f, &ProfileLine::of(n, &p))?;
            f.write_all(b"\n")?;
        }
    }
    if let Some(mut f) = file {
        f.flush()?;
    }
    Ok((started.elapsed().as_secs_f64(), arabic))
}

/// Upserts every profile (with its vectors, when given a space) in chunks and commits; returns (seconds to
/// the last upsert, seconds to commit).
fn build(g: &Generator, space: Option<&Space>, profiles: u64, index: &SearchIndex) -> anyhow::Result<(f64, f64)> {
    let started = Instant::now();
    let mut chunk = Vec::with_capacity(CHUNK);
    for n in 0..profiles {
        let mut p = g.profile(n);
        if let Some(space) = space {
            space.fill(&mut p, g.seed(), n);
        }
        chunk.push(p.doc);
        if chunk.len() == CHUNK {
            index.add_new(&chunk)?;
            chunk.clear();
        }
    }
    index.add_new(&chunk)?;
    let upserted = started.elapsed().as_secs_f64();
    index.commit()?;
    Ok((upserted, started.elapsed().as_secs_f64()))
}

fn timed<T>(f: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<(T, Duration)> {
    let started = Instant::now();
    let value = f()?;
    Ok((value, started.elapsed()))
}

fn directory_query(q: &Query, filters: Filters, limit: usize) -> DirectoryQuery {
    DirectoryQuery { text: q.text.clone(), filters, viewer: Viewer::staff(), offset: 0, limit }
}

/// Runs directory queries; returns their latencies and the mean result count.
fn run_directory(index: &SearchIndex, qs: &[Query]) -> anyhow::Result<(Vec<Duration>, f64)> {
    let mut times = Vec::with_capacity(qs.len());
    let mut total = 0usize;
    for q in qs {
        let dq = directory_query(q, Filters::default(), DIRECTORY_LIMIT);
        let (r, t) = timed(|| Ok(index.directory(&dq)?))?;
        times.push(t);
        total += r.total;
    }
    Ok((times, total as f64 / qs.len().max(1) as f64))
}

/// Runs needs (top 50 with explanations; with a space, each with its vector, so candidates come by meaning
/// too); returns their latencies and the mean result count.
fn run_matching(
    index: &SearchIndex,
    g: &Generator,
    space: Option<&Space>,
    qs: &[Query],
) -> anyhow::Result<(Vec<Duration>, f64)> {
    let mut times = Vec::with_capacity(qs.len());
    let mut results = 0usize;
    for q in qs {
        let need = Need {
            text: q.text.clone(),
            fields: q.field.iter().map(|f| (*f).to_owned()).collect(),
            filters: Filters::default(),
            viewer: Viewer::staff(),
            vector: space.map(|s| s.need(g, q)).unwrap_or_default(),
        };
        let (r, t) = timed(|| Ok(index.match_need(&need, MATCH_TOP, &Weights::default())?))?;
        times.push(t);
        results += r.len();
    }
    Ok((times, results as f64 / qs.len().max(1) as f64))
}

/// Whether each probe's profile matches its query (all words, as in the directory).
fn run_recall(index: &SearchIndex, qs: &[Query]) -> anyhow::Result<Recall> {
    let mut r = Recall { probes: qs.len(), ..Recall::default() };
    for q in qs {
        let only = Filters { only: q.target_id.iter().cloned().collect(), ..Filters::default() };
        if index.directory(&directory_query(q, only, 1))?.total > 0 {
            r.found += 1;
        } else if r.missed.len() < 10 {
            r.missed.push(format!("{:?}: {}", q.target_id, q.text));
        }
    }
    r.recall = r.found as f64 / r.probes.max(1) as f64;
    Ok(r)
}

struct QuerySets {
    warm_directory: Vec<Query>,
    directory: Vec<Query>,
    warm_matching: Vec<Query>,
    matching: Vec<Query>,
    recall: Vec<Query>,
}

impl QuerySets {
    fn new(g: &Generator, profiles: u64, n: usize, arabic_profiles: u64) -> Self {
        let mut directory: Vec<Query> = (0..WARM_UP + n).filter_map(|i| queries::directory(g, profiles, i)).collect();
        let mut matching: Vec<Query> = (0..WARM_UP + n).map(|i| queries::matching(g, i)).collect();
        let warm_directory = directory.drain(..WARM_UP.min(directory.len())).collect();
        let warm_matching = matching.drain(..WARM_UP).collect();
        let mut recall = Vec::new();
        for (arabic, present) in [(true, arabic_profiles > 0), (false, arabic_profiles < profiles)] {
            if present {
                recall.extend((0..RECALL_PROBES).filter_map(|i| queries::recall(g, profiles, i, arabic)));
            }
        }
        Self { warm_directory, directory, warm_matching, matching, recall }
    }

    fn write(&self, path: &Path) -> anyhow::Result<()> {
        let mut f = jsonl(path)?;
        let sets = [&self.warm_directory, &self.directory, &self.warm_matching, &self.matching, &self.recall];
        for (k, set) in sets.into_iter().enumerate() {
            for q in set {
                let mut q = q.clone();
                if k == 0 || k == 2 {
                    q.set = if k == 0 { "warmup-directory" } else { "warmup-matching" };
                }
                serde_json::to_writer(&mut f, &q)?;
                f.write_all(b"\n")?;
            }
        }
        f.flush()?;
        Ok(())
    }
}

fn peak_rss_mib() -> f64 {
    crate::peak_rss_kib().map_or(0.0, |k| k as f64 / 1024.0)
}

/// Runs the whole benchmark and prints (and with `out`, writes) the figures.
pub fn run(profiles: u64, seed: u64, queries: usize, vectors: bool, out: Option<&Path>) -> anyhow::Result<()> {
    let machine = Machine::now();
    println!(
        "machine: {} × {}, {:.0} GiB; load {:.2} {:.2} {:.2}",
        machine.cpus, machine.cpu_model, machine.memory_gib, machine.load[0], machine.load[1], machine.load[2]
    );
    if let Some(dir) = out {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let g = Generator::new(seed);
    println!(
        "vocabulary: {} Persian lemmas in {} written forms, {} English words",
        g.vocab.persian.len(),
        g.vocab.form_count(),
        g.vocab.english.len()
    );
    let (generate_s, arabic_profiles) = generate(&g, profiles, out)?;
    println!("generated {profiles} profiles ({arabic_profiles} in Arabic letters) in {generate_s:.1} s");

    let space = vectors.then(|| Space::new(&g, seed));
    let dir = tempfile::tempdir().context("creating a temporary index directory")?;
    let index = SearchIndex::open(dir.path())?;
    let (upsert_s, build_s) = build(&g, space.as_ref(), profiles, &index)?;
    let index_mib = stats::dir_size(dir.path()) as f64 / 1048576.0;
    let build_rss_mib = peak_rss_mib();
    println!(
        "index build: {build_s:.1} s (last upsert at {upsert_s:.1} s, generation included), {index_mib:.0} MiB on disk"
    );

    let sets = QuerySets::new(&g, profiles, queries, arabic_profiles);
    if let Some(dir) = out {
        sets.write(&dir.join("queries.jsonl"))?;
    }
    run_directory(&index, &sets.warm_directory)?;
    let (times, directory_mean_total) = run_directory(&index, &sets.directory)?;
    let directory = Latency::of(&times);
    println!(
        "directory (AND, top {DIRECTORY_LIMIT}, facets, snippets): {}; mean {directory_mean_total:.0} results",
        directory.line()
    );
    run_matching(&index, &g, space.as_ref(), &sets.warm_matching)?;
    let (times, matching_mean_results) = run_matching(&index, &g, space.as_ref(), &sets.matching)?;
    let matching = Latency::of(&times);
    println!("matching (≈20 words, OR, top {MATCH_TOP}, explained): {}", matching.line());
    let (arabic, persian): (Vec<Query>, Vec<Query>) = sets.recall.iter().cloned().partition(|q| q.arabic == Some(true));
    let recall_arabic = run_recall(&index, &arabic)?;
    let recall_persian = run_recall(&index, &persian)?;
    println!(
        "recall: Arabic-letter profiles {}/{} ({:.1}%), Persian-letter control {}/{} ({:.1}%)",
        recall_arabic.found,
        recall_arabic.probes,
        recall_arabic.recall * 100.0,
        recall_persian.found,
        recall_persian.probes,
        recall_persian.recall * 100.0
    );
    let (anon_kib, file_kib) = crate::rss_split_kib().unwrap_or_default();
    let (queries_anon_mib, queries_file_mib) = (anon_kib as f64 / 1024.0, file_kib as f64 / 1024.0);
    let run_rss_mib = peak_rss_mib();
    println!(
        "after the queries: {queries_anon_mib:.0} MiB allocated + {queries_file_mib:.0} MiB of mapped index files \
         resident; peak so far {run_rss_mib:.0} MiB"
    );
    drop(index);
    let reopen_start_rss_mib = crate::rss_kib().map_or(0.0, |k| k as f64 / 1024.0);
    crate::reset_peak_rss();
    let (reopened, reopen) = timed(|| Ok(SearchIndex::open(dir.path())?))?;
    let reopen_s = reopen.as_secs_f64();
    let reopen_rss_mib = peak_rss_mib();
    let reopen_ann = reopened.ann_load();
    drop(reopened);
    println!(
        "reopening the index: {reopen_s:.1} s, peak RSS {reopen_rss_mib:.0} MiB from {reopen_start_rss_mib:.0} MiB \
         before it; nearest-neighbour index {reopen_ann:?}"
    );
    // Without vectors there are no lists to remove and nothing to train.
    let (reopen_untrained_s, reopen_untrained_rss_mib) = if vectors {
        std::fs::remove_file(dir.path().join(ANN_FILE)).context("removing the saved nearest-neighbour lists")?;
        crate::reset_peak_rss();
        let (reopened, untrained) = timed(|| Ok(SearchIndex::open(dir.path())?))?;
        let rss = peak_rss_mib();
        println!(
            "reopening it without the saved lists: {:.1} s, peak RSS {rss:.0} MiB; nearest-neighbour index {:?}",
            untrained.as_secs_f64(),
            reopened.ann_load()
        );
        (untrained.as_secs_f64(), rss)
    } else {
        (0.0, 0.0)
    };
    let peak_rss_mib = run_rss_mib.max(reopen_rss_mib).max(reopen_untrained_rss_mib);
    println!("peak RSS (VmHWM): {peak_rss_mib:.0} MiB ({build_rss_mib:.0} MiB by the end of the build)");
    let report = Report {
        engine: "halqe",
        profiles,
        vectors,
        seed,
        arabic_profiles,
        vocabulary_lemmas: g.vocab.persian.len(),
        vocabulary_forms: g.vocab.form_count(),
        machine,
        load_after: stats::load(),
        generate_s,
        upsert_s,
        build_s,
        index_mib,
        peak_rss_mib,
        build_rss_mib,
        directory,
        directory_mean_total,
        matching,
        matching_mean_results,
        recall_arabic,
        recall_persian,
        reopen_s,
        reopen_start_rss_mib,
        reopen_rss_mib,
        reopen_ann,
        reopen_untrained_s,
        reopen_untrained_rss_mib,
        queries_anon_mib,
        queries_file_mib,
    };
    let json = serde_json::to_string_pretty(&report)?;
    match out {
        Some(dir) => {
            std::fs::write(dir.join("halqe.json"), &json)?;
            println!("wrote profiles.jsonl, queries.jsonl and halqe.json to {}", dir.display());
        }
        None => println!("{json}"),
    }
    Ok(())
}
