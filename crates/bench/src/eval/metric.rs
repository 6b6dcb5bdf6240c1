//! The gold-standard data set's metric: gap-weighted pairwise ranking loss, pair accuracies, bootstrap.

use std::collections::BTreeMap;

use crate::rng::SplitMix;

/// `{reviewer: {paper: value}}`.
pub type Ratings = BTreeMap<String, BTreeMap<String, f64>>;

/// The weighted loss over the listed reviewers (with repeats, for bootstrap draws); `None` if no pair weighs.
pub fn weighted_loss(refs: &Ratings, preds: &Ratings, reviewers: &[&String]) -> Option<f64> {
    let (mut loss, mut total) = (0.0, 0.0);
    for r in reviewers {
        for (e1, e2, p1, p2) in pairs(refs, preds, r) {
            let weight = (e1 - e2).abs();
            total += weight;
            let agreement = (e1 - e2) * (p1 - p2);
            if agreement == 0.0 {
                loss += weight / 2.0;
            } else if agreement < 0.0 {
                loss += weight;
            }
        }
    }
    (total > 0.0).then(|| loss / total)
}

/// Rated pairs of one reviewer: (expertise 1, expertise 2, score 1, score 2); a missing score counts as 0.
fn pairs(refs: &Ratings, preds: &Ratings, reviewer: &str) -> Vec<(f64, f64, f64, f64)> {
    let Some(rated) = refs.get(reviewer) else { return Vec::new() };
    let scores = preds.get(reviewer);
    let score = |p: &str| scores.and_then(|s| s.get(p)).copied().unwrap_or(0.0);
    let items: Vec<(&String, &f64)> = rated.iter().collect();
    let mut out = Vec::new();
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            out.push((*items[i].1, *items[j].1, score(items[i].0), score(items[j].0)));
        }
    }
    out
}

/// Accuracy on untied "easy" (one ≥ 4, other ≤ 2) or "hard" (both ≥ 4) pairs; a tie counts as wrong.
pub fn pair_accuracy(refs: &Ratings, preds: &Ratings, hard: bool) -> (f64, usize) {
    let (mut right, mut n) = (0usize, 0usize);
    for r in refs.keys() {
        for (e1, e2, p1, p2) in pairs(refs, preds, r) {
            if e1 == e2 {
                continue;
            }
            let counts = if hard { e1.min(e2) >= 4.0 } else { e1.max(e2) >= 4.0 && e1.min(e2) <= 2.0 };
            if !counts {
                continue;
            }
            n += 1;
            right += usize::from((e1 - e2) * (p1 - p2) > 0.0);
        }
    }
    (if n == 0 { 0.0 } else { right as f64 / n as f64 }, n)
}

/// Mean loss over data sets for a reviewer pool.
pub fn mean_loss(refs: &Ratings, runs: &[Ratings], pool: &[&String]) -> f64 {
    let losses: Vec<f64> = runs.iter().filter_map(|p| weighted_loss(refs, p, pool)).collect();
    losses.iter().sum::<f64>() / losses.len().max(1) as f64
}

/// 95% interval of the mean loss (and of `ours − baseline` when a baseline is given) over reviewer resamples.
pub fn bootstrap(refs: &Ratings, runs: &[Ratings], baseline: Option<&[Ratings]>, draws: usize, seed: u64) -> Bootstrap {
    let reviewers: Vec<&String> = refs.keys().collect();
    let mut rng = SplitMix::new(seed);
    let mut losses = Vec::with_capacity(draws);
    let mut diffs = Vec::with_capacity(draws);
    for _ in 0..draws {
        let pool: Vec<&String> = (0..reviewers.len()).map(|_| reviewers[rng.below(reviewers.len())]).collect();
        let ours = mean_loss(refs, runs, &pool);
        losses.push(ours);
        if let Some(base) = baseline {
            diffs.push(ours - mean_loss(refs, base, &pool));
        }
    }
    let ci = |mut v: Vec<f64>| -> Option<(f64, f64)> {
        if v.is_empty() {
            return None;
        }
        v.sort_by(f64::total_cmp);
        let at = |q: f64| v[((q * (v.len() - 1) as f64) as usize).min(v.len() - 1)];
        Some((at(0.025), at(0.975)))
    };
    let better = if diffs.is_empty() {
        None
    } else {
        Some(diffs.iter().filter(|d| **d < 0.0).count() as f64 / diffs.len() as f64)
    };
    Bootstrap { loss_ci: ci(losses), diff_ci: ci(diffs), share_better: better }
}

/// Bootstrap results.
#[derive(Debug, Clone, PartialEq)]
pub struct Bootstrap {
    pub loss_ci: Option<(f64, f64)>,
    /// Interval of (our loss − baseline loss); entirely below 0 means we are better.
    pub diff_ci: Option<(f64, f64)>,
    /// Share of draws where we beat the baseline.
    pub share_better: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratings(rows: &[(&str, &str, f64)]) -> Ratings {
        let mut r = Ratings::new();
        for (rev, paper, v) in rows {
            r.entry((*rev).to_owned()).or_default().insert((*paper).to_owned(), *v);
        }
        r
    }

    #[test]
    fn perfect_reversed_constant() {
        let refs = ratings(&[("a", "p1", 5.0), ("a", "p2", 3.0), ("a", "p3", 1.0)]);
        let reviewers: Vec<&String> = refs.keys().collect();
        let perfect = ratings(&[("a", "p1", 0.9), ("a", "p2", 0.5), ("a", "p3", 0.1)]);
        let reversed = ratings(&[("a", "p1", 0.1), ("a", "p2", 0.5), ("a", "p3", 0.9)]);
        let constant = ratings(&[("a", "p1", 0.5), ("a", "p2", 0.5), ("a", "p3", 0.5)]);
        assert_eq!(weighted_loss(&refs, &perfect, &reviewers), Some(0.0));
        assert_eq!(weighted_loss(&refs, &reversed, &reviewers), Some(1.0));
        assert_eq!(weighted_loss(&refs, &constant, &reviewers), Some(0.5));
        // One wrong pair of gap 2 out of total gaps 2 + 4 + 2 = 8.
        let one_wrong = ratings(&[("a", "p1", 0.9), ("a", "p2", 0.05), ("a", "p3", 0.1)]);
        assert_eq!(weighted_loss(&refs, &one_wrong, &reviewers), Some(2.0 / 8.0));
    }

    #[test]
    fn easy_and_hard_pairs() {
        let refs = ratings(&[("a", "p1", 5.0), ("a", "p2", 4.0), ("a", "p3", 1.0)]);
        let preds = ratings(&[("a", "p1", 0.2), ("a", "p2", 0.3), ("a", "p3", 0.1)]);
        assert_eq!(pair_accuracy(&refs, &preds, true), (0.0, 1));
        assert_eq!(pair_accuracy(&refs, &preds, false), (1.0, 2));
    }
}
