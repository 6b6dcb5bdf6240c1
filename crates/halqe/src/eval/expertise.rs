//! `halqe eval expertise`: the matcher on the Stelmakh et al. reviewer–paper gold standard.
//!
//! Each reviewer becomes a person whose publications are their archived papers; each submission is
//! indexed as a need (so term statistics cover both sides, as in the product) and matched against the
//! reviewers who rated it. Scores go through the same `SearchIndex::match_need` as every page.
//! With the semantic engine, each submission and each archived paper is embedded (in e5's "query: "
//! mode, as for any symmetric similarity); a reviewer's semantic signal for a submission is the mean
//! similarity of their three closest papers, at the product's default weights.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use halqe_search::matching::{Need, Weights};
use halqe_search::query::{Filters, Viewer};
use halqe_search::{DocKind, IndexDoc, PublicationText, SearchIndex};

use super::metric::{self, Ratings};
use super::semantic::Semantic;

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
            publications.push(PublicationText { title, text });
        }
        reviewers.push((reviewer, publications));
    }
    reviewers.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Dataset { dir: dir.to_owned(), needs, reviewers })
}

/// Builds the index of one data set: reviewers as people, submissions as needs.
fn index_dataset(set: &Dataset) -> anyhow::Result<SearchIndex> {
    let index = SearchIndex::in_memory()?;
    let mut docs = Vec::new();
    for (id, text) in &set.needs {
        docs.push(IndexDoc {
            id: format!("need:{id}"),
            kind: Some(DocKind::Need),
            visibility: "public".into(),
            bio: text.clone(),
            ..IndexDoc::default()
        });
    }
    for (reviewer, publications) in &set.reviewers {
        docs.push(IndexDoc {
            id: reviewer.clone(),
            kind: Some(DocKind::Person),
            visibility: "public".into(),
            name: reviewer.clone(),
            publications: publications.clone(),
            ..IndexDoc::default()
        });
    }
    index.add_new(&docs)?;
    index.commit()?;
    Ok(index)
}

/// The text a paper is embedded from.
fn paper_key(p: &PublicationText) -> String {
    format!("{}\n{}", p.title, p.text)
}

/// Embeddings by text: submissions (query mode) and archived papers (passage mode) of all data sets.
struct Vectors {
    needs: HashMap<String, Vec<f32>>,
    papers: HashMap<String, Vec<f32>>,
}

fn embed_all(semantic: &Semantic, sets: &[Dataset]) -> anyhow::Result<Vectors> {
    let mut needs: Vec<String> = sets.iter().flat_map(|s| s.needs.values().cloned()).collect();
    let mut papers: Vec<String> =
        sets.iter().flat_map(|s| s.reviewers.iter().flat_map(|(_, ps)| ps.iter().map(paper_key))).collect();
    for texts in [&mut needs, &mut papers] {
        texts.sort();
        texts.dedup();
    }
    let need_vectors = semantic.queries(&needs.iter().map(String::as_str).collect::<Vec<_>>())?;
    // Paper-to-paper similarity is a symmetric task, for which e5 wants "query: " on both sides.
    let paper_vectors = semantic.queries(&papers.iter().map(String::as_str).collect::<Vec<_>>())?;
    Ok(Vectors {
        needs: needs.into_iter().zip(need_vectors).collect(),
        papers: papers.into_iter().zip(paper_vectors).collect(),
    })
}

/// Publications whose similarities make a reviewer's semantic signal, as in the matcher's text signal.
const BEST_PAPERS: usize = 3;

/// A reviewer's semantic signal for a submission: the mean similarity of their closest papers.
fn semantic_signal(asked: &[f32], doc: &IndexDoc, v: &Vectors) -> Option<f32> {
    let mut sims: Vec<f32> = doc
        .publications
        .iter()
        .filter_map(|p| v.papers.get(&paper_key(p)))
        .map(|paper| halqe_embed::similarity(asked, paper))
        .collect();
    sims.sort_by(|a, b| b.total_cmp(a));
    sims.truncate(BEST_PAPERS);
    (!sims.is_empty()).then(|| sims.iter().sum::<f32>() / sims.len() as f32)
}

/// Scores every rated (reviewer, paper) pair of one data set with the product matcher.
fn score_dataset(set: &Dataset, refs: &Ratings, vectors: Option<&Vectors>) -> anyhow::Result<Ratings> {
    let index = index_dataset(set)?;
    let (dir, needs) = (&set.dir, &set.needs);
    let mut raters: BTreeMap<&String, Vec<&String>> = BTreeMap::new();
    for (reviewer, papers) in refs {
        for paper in papers.keys() {
            raters.entry(paper).or_default().push(reviewer);
        }
    }
    let mut preds = Ratings::new();
    for (paper, reviewers) in raters {
        let Some(text) = needs.get(paper) else { bail!("rated paper {paper} missing from {}", dir.display()) };
        let need = Need {
            text: text.clone(),
            fields: Vec::new(),
            filters: Filters {
                kind: Some(DocKind::Person),
                only: reviewers.iter().map(|r| (*r).clone()).collect(),
                ..Filters::default()
            },
            viewer: Viewer::staff(),
        };
        let weights = Weights::default();
        let matches = match vectors {
            Some(v) => {
                let asked = v.needs.get(text);
                index.match_with(&need, reviewers.len(), &weights, |doc| semantic_signal(asked?, doc, v))?
            }
            None => index.match_need(&need, reviewers.len(), &weights)?,
        };
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

/// What `halqe eval expertise` was asked for besides the data.
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
}

/// Runs the evaluation and prints `loss=… easy_acc=… hard_acc=…` as the last line.
pub fn run(data: &Path, options: &Options<'_>) -> anyhow::Result<()> {
    let Options { out, baseline, bootstrap: draws, sets: set_count, semantic } = options;
    let (draws, semantic) = (*draws, *semantic);
    let refs = read_ratings(data)?;
    let dirs: Vec<PathBuf> =
        (1..=*set_count).map(|i| data.join("evaluation_datasets").join(format!("d_20_{i}"))).collect();
    let started = std::time::Instant::now();
    let sets = dirs.iter().map(|d| read_dataset(d)).collect::<anyhow::Result<Vec<_>>>()?;
    let vectors = semantic.map(|s| embed_all(s, &sets)).transpose()?;
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let runs: Vec<Ratings> = std::thread::scope(|s| {
        let chunks: Vec<Vec<&Dataset>> = (0..threads).map(|t| sets.iter().skip(t).step_by(threads).collect()).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                s.spawn(|| {
                    chunk
                        .into_iter()
                        .map(|d| Ok((d.dir.clone(), score_dataset(d, &refs, vectors.as_ref())?)))
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
    println!("loss={loss:.4} easy_acc={easy:.4} hard_acc={hard:.4}");
    Ok(())
}

/// `…d_20_7_ta.csv` → 7, so baseline files line up with data sets.
fn dataset_number(p: &Path) -> u32 {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    name.split("d_20_").nth(1).and_then(|r| r.split('_').next()).and_then(|n| n.parse().ok()).unwrap_or(0)
}
