//! `halqe-bench eval expertise`: the matcher on the Stelmakh et al. reviewer–paper gold standard.
//!
//! Each reviewer becomes a person whose publications are their archived papers (title, abstract, year);
//! each submission is indexed as a need (so term statistics cover both sides, as in the product) and
//! matched against the reviewers who rated it. Scores go through the same matcher as every page
//! (`halqe_app::search::matching::rank_with`, at the product's weights unless `--text-weight` or
//! `--semantic-weight` sets others for a sweep); with the semantic
//! engine, profiles are embedded by the serving node's own functions (`halqe_app::search::semantic`),
//! through the embedding cache, and stored as a node stores them.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use halqe_app::search;
use halqe_embed::Embed;
use halqe_search::matching::{Need, Weights};
use halqe_search::query::{Filters, Viewer};
use halqe_search::{DocKind, IndexDoc, PublicationText, SearchIndex};

use super::metric::{self, Ratings};
use super::semantic::{Semantic, as_stored};

/// Reads `data/evaluations.csv` (tab-separated despite the name).
pub fn read_ratings(data: &Path) -> anyhow::Result<Ratings> {
    let path = data.join("data").join("evaluations.csv");
    let file = std::fs::File::open(&path).with_context(|| format!("opening {}", path.display()))?;
    let mut lines = std::io::BufReader::new(file).lines();
    let header: Vec<String> = lines.next().context("empty evaluations.csv")??.split('\t').map(str::to_owned).collect();
    let col = |name: &str| header.iter().position(|h| h == name);
    let mut refs = Ratings::new();
    for line in lines {
        let line = line?;
        let cells: Vec<&str> = line.split('\t').collect();
        let Some(reviewer) = col("ParticipantID").and_then(|i| cells.get(i)) else { continue };
        for k in 1..=10 {
            let paper = col(&format!("Paper{k}")).and_then(|i| cells.get(i)).copied().unwrap_or("");
            let value = col(&format!("Expertise{k}")).and_then(|i| cells.get(i)).copied().unwrap_or("");
            if !paper.is_empty() && !value.is_empty() {
                refs.entry((*reviewer).to_owned()).or_default().insert(paper.to_owned(), value.parse()?);
            }
        }
    }
    Ok(refs)
}

#[derive(serde::Deserialize)]
struct Content {
    #[serde(default)]
    title: Option<String>,
    #[serde(default, rename = "abstract")]
    abstract_: Option<String>,
    #[serde(default)]
    year: Option<i32>,
}

#[derive(serde::Deserialize)]
struct Paper {
    content: Content,
}

fn paper_text(c: &Content) -> (String, String) {
    (c.title.clone().unwrap_or_default(), c.abstract_.clone().unwrap_or_default())
}

/// One `d_20_x` data set: submission texts by id, and each reviewer's archived papers.
struct Dataset {
    dir: PathBuf,
    needs: BTreeMap<String, String>,
    reviewers: Vec<(String, Vec<PublicationText>)>,
}

fn read_dataset(dir: &Path) -> anyhow::Result<Dataset> {
    let subs: BTreeMap<String, Paper> = serde_json::from_reader(std::io::BufReader::new(
        std::fs::File::open(dir.join("submissions.json")).context("submissions.json")?,
    ))?;
    let mut needs = BTreeMap::new();
    for (id, p) in &subs {
        let (title, abs) = paper_text(&p.content);
        needs.insert(id.clone(), format!("{title}\n{abs}"));
    }
    let mut reviewers = Vec::new();
    for entry in std::fs::read_dir(dir.join("archives"))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let reviewer = name.trim_start_matches('~').trim_end_matches(".jsonl").to_owned();
        let mut publications = Vec::new();
        for line in std::io::BufReader::new(std::fs::File::open(&path)?).lines() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let p: Paper = serde_json::from_str(&line)?;
            let (title, text) = paper_text(&p.content);
            publications.push(PublicationText { year: p.content.year, ..PublicationText::new(title, text) });
        }
        reviewers.push((reviewer, publications));
    }
    reviewers.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Dataset { dir: dir.to_owned(), needs, reviewers })
}

/// The documents of one data set: submissions as needs, reviewers as people.
fn documents(set: &Dataset) -> Vec<IndexDoc> {
    let needs = set.needs.iter().map(|(id, text)| IndexDoc {
        id: format!("need:{id}"),
        kind: Some(DocKind::Need),
        visibility: "public".into(),
        bio: text.clone(),
        ..IndexDoc::default()
    });
    let reviewers = set.reviewers.iter().map(|(reviewer, publications)| IndexDoc {
        id: reviewer.clone(),
        kind: Some(DocKind::Person),
        visibility: "public".into(),
        name: reviewer.clone(),
        publications: publications.clone(),
        ..IndexDoc::default()
    });
    needs.chain(reviewers).collect()
}

/// One data set ready to score: its index.
struct Prepared<'a> {
    set: &'a Dataset,
    index: SearchIndex,
}

/// Indexes a data set, embedding its documents first (and storing their vectors as a node does) when
/// there is an engine.
fn prepare<'a>(set: &'a Dataset, semantic: Option<&Semantic>) -> anyhow::Result<Prepared<'a>> {
    let mut docs = documents(set);
    if let Some(semantic) = semantic {
        // Fill the cache in large batches; `rank` then finds each submission's vector there.
        let texts: Vec<&str> = set.needs.values().map(String::as_str).collect();
        semantic.queries(&texts).map_err(|e| anyhow::anyhow!(e))?;
        // Reviewers only: submissions are indexed for term statistics, never matched as candidates.
        let reviewers = &mut docs[set.needs.len()..];
        let failed = search::semantic::embed_documents(semantic, reviewers);
        if failed > 0 {
            bail!("{failed} texts of {} could not be embedded", set.dir.display());
        }
        as_stored(reviewers);
    }
    let index = SearchIndex::in_memory()?;
    index.add_new(&docs)?;
    index.commit()?;
    Ok(Prepared { set, index })
}

/// Scores every rated (reviewer, paper) pair of one data set with the product matcher.
fn score_dataset(
    prepared: &Prepared<'_>,
    refs: &Ratings,
    semantic: Option<&Semantic>,
    weights: &Weights,
) -> anyhow::Result<Ratings> {
    let Prepared { set, index } = prepared;
    let mut raters: BTreeMap<&String, Vec<&String>> = BTreeMap::new();
    for (reviewer, papers) in refs {
        for paper in papers.keys() {
            raters.entry(paper).or_default().push(reviewer);
        }
    }
    let mut preds = Ratings::new();
    for (paper, reviewers) in raters {
        let Some(text) = set.needs.get(paper) else { bail!("rated paper {paper} missing from {}", set.dir.display()) };
        let need = Need {
            text: text.clone(),
            fields: Vec::new(),
            filters: Filters {
                kind: Some(DocKind::Person),
                only: reviewers.iter().map(|r| (*r).clone()).collect(),
                ..Filters::default()
            },
            viewer: Viewer::staff(),
            vector: Vec::new(),
        };
        let matches = search::matching::rank_with(semantic, index, &need, reviewers.len(), weights)?;
        for r in reviewers {
            let score = matches.iter().find(|m| &m.doc.id == r).map(|m| f64::from(m.score)).unwrap_or(0.0);
            preds.entry(r.clone()).or_default().insert(paper.clone(), score);
        }
    }
    Ok(preds)
}

/// Reads a `reviewer_id,paper_id,score` CSV.
fn read_predictions(path: &Path) -> anyhow::Result<Ratings> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Ratings::new();
    for line in text.lines().skip(1) {
        let mut cells = line.split(',');
        if let (Some(r), Some(p), Some(s)) = (cells.next(), cells.next(), cells.next()) {
            out.entry(r.to_owned()).or_default().insert(p.to_owned(), s.trim().parse()?);
        }
    }
    Ok(out)
}

fn write_predictions(path: &Path, preds: &Ratings) -> anyhow::Result<()> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(w, "reviewer_id,paper_id,score")?;
    for (r, papers) in preds {
        for (p, s) in papers {
            writeln!(w, "{r},{p},{s:?}")?;
        }
    }
    Ok(())
}

/// What `halqe-bench eval expertise` was asked for besides the data.
pub struct Options<'a> {
    /// Folder for one prediction CSV per data set.
    pub out: Option<PathBuf>,
    /// Folder of baseline CSVs for the paired bootstrap.
    pub baseline: Option<PathBuf>,
    /// Bootstrap resamples.
    pub bootstrap: usize,
    /// How many of d_20_1..10 to use.
    pub sets: u8,
    pub semantic: Option<&'a Semantic>,
    pub weights: Weights,
}

/// Runs the evaluation and prints `loss=… easy_acc=… hard_acc=…` as the last line.
pub fn run(data: &Path, options: &Options<'_>) -> anyhow::Result<()> {
    let Options { out, baseline, bootstrap: draws, sets: set_count, semantic, weights } = options;
    let (draws, semantic) = (*draws, *semantic);
    let refs = read_ratings(data)?;
    let dirs: Vec<PathBuf> =
        (1..=*set_count).map(|i| data.join("evaluation_datasets").join(format!("d_20_{i}"))).collect();
    let started = std::time::Instant::now();
    let sets = dirs.iter().map(|d| read_dataset(d)).collect::<anyhow::Result<Vec<_>>>()?;
    let prepared = sets.iter().map(|d| prepare(d, semantic)).collect::<anyhow::Result<Vec<_>>>()?;
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let runs: Vec<Ratings> = std::thread::scope(|s| {
        let chunks: Vec<Vec<&Prepared<'_>>> =
            (0..threads).map(|t| prepared.iter().skip(t).step_by(threads).collect()).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                s.spawn(|| {
                    chunk
                        .into_iter()
                        .map(|p| Ok((p.set.dir.clone(), score_dataset(p, &refs, semantic, weights)?)))
                        .collect::<anyhow::Result<Vec<_>>>()
                })
            })
            .collect();
        let mut all = Vec::new();
        for h in handles {
            all.extend(h.join().map_err(|_| anyhow::anyhow!("scoring thread panicked"))??);
        }
        all.sort_by(|a: &(PathBuf, Ratings), b| a.0.cmp(&b.0));
        Ok::<_, anyhow::Error>(all.into_iter().map(|(_, r)| r).collect())
    })?;
    if let Some(out) = out {
        std::fs::create_dir_all(out)?;
        for (i, preds) in runs.iter().enumerate() {
            write_predictions(&out.join(format!("halqe_d_20_{}_ta.csv", i + 1)), preds)?;
        }
    }
    let reviewers: Vec<&String> = refs.keys().collect();
    let loss = metric::mean_loss(&refs, &runs, &reviewers);
    // Two halves of the reviewers (sorted by id, every other one), so that a weight can be chosen on one and
    // read on the other.
    let half = |parity: usize| -> Vec<&String> { reviewers.iter().skip(parity).step_by(2).copied().collect() };
    let halves = (metric::mean_loss(&refs, &runs, &half(0)), metric::mean_loss(&refs, &runs, &half(1)));
    let mean = |f: &dyn Fn(&Ratings) -> f64| runs.iter().map(f).sum::<f64>() / runs.len() as f64;
    let easy = mean(&|p| metric::pair_accuracy(&refs, p, false).0);
    let hard = mean(&|p| metric::pair_accuracy(&refs, p, true).0);
    let base_runs = match baseline {
        Some(dir) => {
            let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "csv"))
                .filter(|p| (1..=u32::from(*set_count)).contains(&dataset_number(p)))
                .collect();
            files.sort_by_key(|p| dataset_number(p));
            Some(files.iter().map(|f| read_predictions(f)).collect::<anyhow::Result<Vec<_>>>()?)
        }
        None => None,
    };
    let boot = metric::bootstrap(&refs, &runs, base_runs.as_deref(), draws, 0);
    println!(
        "data sets: {}, reviewers: {}, ratings: {}, time: {:.1}s",
        runs.len(),
        refs.len(),
        refs.values().map(|v| v.len()).sum::<usize>(),
        started.elapsed().as_secs_f64()
    );
    if let Some((lo, hi)) = boot.loss_ci {
        println!("loss 95% CI [{lo:.4}; {hi:.4}] ({draws} reviewer resamples)");
    }
    if let (Some(base), Some((lo, hi)), Some(share)) = (&base_runs, boot.diff_ci, boot.share_better) {
        let base_loss = metric::mean_loss(&refs, base, &reviewers);
        println!(
            "baseline loss {base_loss:.4}; paired difference (halqe − baseline) 95% CI [{lo:+.4}; {hi:+.4}]; halqe better in {:.1}% of resamples",
            share * 100.0
        );
    }
    println!("halves of the reviewers by sorted id: even loss {:.4}, odd loss {:.4}", halves.0, halves.1);
    println!("loss={loss:.4} easy_acc={easy:.4} hard_acc={hard:.4}");
    Ok(())
}

/// `…d_20_7_ta.csv` → 7, so baseline files line up with data sets.
fn dataset_number(p: &Path) -> u32 {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    name.split("d_20_").nth(1).and_then(|r| r.split('_').next()).and_then(|n| n.parse().ok()).unwrap_or(0)
}
