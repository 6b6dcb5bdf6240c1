//! Reviewer calibration: each reviewer's scores re-read on their own scale (z-scores), shown beside the
//! raw averages, and disagreement flags where a proposal's reviewers differ widely.
//!
//! A lenient reviewer's 8 and a strict reviewer's 6 may mean the same; the z-score `(score − mean) / sd`
//! over the reviewer's own reviews says so. A reviewer with fewer than [`MIN_REVIEWS`] reviews, or who gave
//! every proposal the same score, shows no scale of their own: they are read on the pool's (all reviews
//! of the stage), as an average reviewer.

use std::collections::HashMap;
use std::hash::Hash;

/// Reviews a reviewer needs before their own mean and spread are used.
pub const MIN_REVIEWS: usize = 2;

/// Raw scores this far apart, as a share of the scale's width, are a disagreement (3.6 on a 1–10 scale).
pub const DISAGREEMENT_SHARE: f64 = 0.4;

/// Calibrated scores this many standard deviations apart are a disagreement too: two reviewers who agree
/// on the raw scale can still rank the proposal at opposite ends of their own.
pub const DISAGREEMENT_Z: f64 = 2.0;

/// A criterion's or an overall score's range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
}

/// One reviewer's score for one proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct Review<R, P> {
    pub reviewer: R,
    pub proposal: P,
    pub score: f64,
}

/// The scale a reviewer's scores are read on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReviewerScale {
    pub reviews: usize,
    pub mean: f64,
    pub sd: f64,
    /// The pool's mean and spread stand in for the reviewer's own (too few reviews, or no spread).
    pub pooled: bool,
}

/// One proposal's scores, raw and calibrated.
#[derive(Debug, Clone, PartialEq)]
pub struct ProposalScores<P> {
    pub proposal: P,
    pub reviews: usize,
    pub raw_mean: f64,
    /// The mean of its z-scores.
    pub z_mean: f64,
    /// `z_mean` put back on the scale through the pool's mean and spread, to read beside `raw_mean`.
    pub calibrated_mean: f64,
    /// The highest raw score minus the lowest.
    pub raw_spread: f64,
    /// The highest z-score minus the lowest.
    pub z_spread: f64,
    /// Its reviewers differ widely: `raw_spread` ≥ [`DISAGREEMENT_SHARE`] of the scale's width, or
    /// `z_spread` ≥ [`DISAGREEMENT_Z`].
    pub disagreement: bool,
}

/// The calibration of one set of reviews.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration<R, P> {
    /// Each reviewer's scale, in the order they first appear.
    pub reviewers: Vec<(R, ReviewerScale)>,
    /// Each proposal's scores, in the order they first appear.
    pub proposals: Vec<ProposalScores<P>>,
}

fn mean_sd(xs: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let n = xs.clone().count() as f64;
    if n == 0.0 {
        return (0.0, 0.0);
    }
    let mean = xs.clone().sum::<f64>() / n;
    let var = xs.map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// Spreads below this are rounding, not a scale.
const FLAT: f64 = 1e-9;

/// Calibrates `reviews` given on `scale`.
pub fn calibrate<R: Eq + Hash + Clone, P: Eq + Hash + Clone>(
    reviews: &[Review<R, P>],
    scale: Scale,
) -> Calibration<R, P> {
    let (pool_mean, pool_sd) = mean_sd(reviews.iter().map(|r| r.score));
    let mut reviewers: Vec<(R, ReviewerScale)> = Vec::new();
    let mut index: HashMap<&R, usize> = HashMap::new();
    for r in reviews {
        if !index.contains_key(&r.reviewer) {
            let own = reviews.iter().filter(|x| x.reviewer == r.reviewer).map(|x| x.score);
            let (mean, sd) = mean_sd(own.clone());
            let n = own.count();
            let pooled = n < MIN_REVIEWS || sd < FLAT;
            let scale = if pooled {
                ReviewerScale { reviews: n, mean: pool_mean, sd: pool_sd, pooled }
            } else {
                ReviewerScale { reviews: n, mean, sd, pooled }
            };
            index.insert(&r.reviewer, reviewers.len());
            reviewers.push((r.reviewer.clone(), scale));
        }
    }
    let z = |r: &Review<R, P>| {
        let s = reviewers[index[&r.reviewer]].1;
        if s.sd < FLAT { 0.0 } else { (r.score - s.mean) / s.sd }
    };
    let mut order: Vec<&P> = Vec::new();
    let mut of: HashMap<&P, Vec<(f64, f64)>> = HashMap::new();
    for r in reviews {
        of.entry(&r.proposal).or_insert_with(|| {
            order.push(&r.proposal);
            Vec::new()
        });
        if let Some(v) = of.get_mut(&r.proposal) {
            v.push((r.score, z(r)));
        }
    }
    let width = scale.max - scale.min;
    let proposals = order
        .into_iter()
        .map(|p| {
            let scores = &of[p];
            let n = scores.len() as f64;
            let raw_mean = scores.iter().map(|s| s.0).sum::<f64>() / n;
            let z_mean = scores.iter().map(|s| s.1).sum::<f64>() / n;
            let spread = |f: fn(&(f64, f64)) -> f64| {
                let hi = scores.iter().map(f).fold(f64::MIN, f64::max);
                let lo = scores.iter().map(f).fold(f64::MAX, f64::min);
                hi - lo
            };
            let (raw_spread, z_spread) = (spread(|s| s.0), spread(|s| s.1));
            ProposalScores {
                proposal: p.clone(),
                reviews: scores.len(),
                raw_mean,
                z_mean,
                calibrated_mean: (pool_mean + z_mean * pool_sd).clamp(scale.min, scale.max),
                raw_spread,
                z_spread,
                disagreement: raw_spread >= DISAGREEMENT_SHARE * width - FLAT || z_spread >= DISAGREEMENT_Z - FLAT,
            }
        })
        .collect();
    Calibration { reviewers, proposals }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const TEN: Scale = Scale { min: 1.0, max: 10.0 };

    fn review(reviewer: u32, proposal: u32, score: f64) -> Review<u32, u32> {
        Review { reviewer, proposal, score }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn a_strict_and_a_lenient_reviewer_who_rank_alike_calibrate_alike() {
        // Reviewer 1 gives 8–10, reviewer 2 gives 4–6, both rank proposal 3 over 2 over 1.
        let reviews = [
            review(1, 1, 8.0),
            review(1, 2, 9.0),
            review(1, 3, 10.0),
            review(2, 1, 4.0),
            review(2, 2, 5.0),
            review(2, 3, 6.0),
        ];
        let c = calibrate(&reviews, TEN);
        let z: Vec<f64> = c.proposals.iter().map(|p| p.z_mean).collect();
        let expected = 1.5f64.sqrt();
        assert!(close(z[0], -expected) && close(z[1], 0.0) && close(z[2], expected), "{z:?}");
        // The raw means differ by 4 between the reviewers, but each proposal's z-scores agree exactly.
        assert!(c.proposals.iter().all(|p| close(p.z_spread, 0.0)));
        assert!(c.proposals.iter().all(|p| p.raw_spread == 4.0 && p.disagreement));
        assert_eq!(c.proposals[1].raw_mean, 7.0);
        assert!(close(c.proposals[1].calibrated_mean, 7.0));
        assert!(c.reviewers.iter().all(|(_, s)| !s.pooled && s.reviews == 3));
    }

    #[test]
    fn a_reviewer_with_one_review_or_no_spread_is_read_on_the_pool() {
        let reviews = [review(1, 1, 2.0), review(1, 2, 8.0), review(2, 1, 5.0), review(3, 1, 7.0), review(3, 2, 7.0)];
        let c = calibrate(&reviews, TEN);
        let (pool_mean, pool_sd) = mean_sd(reviews.iter().map(|r| r.score));
        let scale = |id| c.reviewers.iter().find(|(r, _)| *r == id).unwrap().1;
        assert_eq!(scale(2), ReviewerScale { reviews: 1, mean: pool_mean, sd: pool_sd, pooled: true });
        assert_eq!(scale(3), ReviewerScale { reviews: 2, mean: pool_mean, sd: pool_sd, pooled: true });
        assert_eq!(scale(1), ReviewerScale { reviews: 2, mean: 5.0, sd: 3.0, pooled: false });
        let p2 = &c.proposals[1];
        let expected = ((8.0 - 5.0) / 3.0 + (7.0 - pool_mean) / pool_sd) / 2.0;
        assert!(close(p2.z_mean, expected));
    }

    #[test]
    fn identical_scores_everywhere_calibrate_to_zero_and_agree() {
        let reviews = [review(1, 1, 6.0), review(2, 1, 6.0), review(1, 2, 6.0)];
        let c = calibrate(&reviews, TEN);
        assert!(c.proposals.iter().all(|p| p.z_mean == 0.0 && p.calibrated_mean == 6.0 && !p.disagreement));
    }

    #[test]
    fn the_disagreement_threshold_is_forty_percent_of_the_scale() {
        // One review per reviewer: all are read on the pool, which the wide scores of proposal 9 stretch.
        let with = |high: f64| {
            let wide = [review(10, 9, 1.0), review(11, 9, 10.0), review(12, 9, 1.0), review(13, 9, 10.0)];
            let mut all = vec![review(1, 1, 5.0), review(2, 1, high)];
            all.extend(wide);
            all
        };
        let first = |reviews: &[Review<u32, u32>], scale| calibrate(reviews, scale).proposals[0].clone();
        let agree = first(&with(8.5), TEN);
        assert!(!agree.disagreement && agree.z_spread < DISAGREEMENT_Z, "3.5 < 3.6");
        assert!(first(&with(8.6), TEN).disagreement, "3.6 of 9");
        assert!(!first(&with(8.6), Scale { min: 0.0, max: 100.0 }).disagreement, "3.6 of 100");
    }

    #[test]
    fn reviewers_far_apart_on_their_own_scales_disagree() {
        // Both give proposal 1 a 6, but for reviewer 1 it is the lowest score and for reviewer 2 the highest.
        let reviews = [
            review(1, 1, 6.0),
            review(1, 2, 7.0),
            review(1, 3, 8.0),
            review(2, 1, 6.0),
            review(2, 2, 5.0),
            review(2, 3, 4.0),
        ];
        let p1 = calibrate(&reviews, TEN).proposals[0].clone();
        assert_eq!(p1.raw_spread, 0.0);
        assert!(p1.z_spread > 2.0 && p1.disagreement);
    }

    fn reviews() -> impl Strategy<Value = Vec<Review<u32, u32>>> {
        prop::collection::vec((0u32..5, 0u32..8, 1u32..=10), 1..40)
            .prop_map(|v| v.into_iter().map(|(r, p, s)| review(r, p, f64::from(s))).collect())
    }

    proptest! {
        #[test]
        fn own_scales_have_zero_mean_and_unit_spread(reviews in reviews()) {
            let c = calibrate(&reviews, TEN);
            for (reviewer, scale) in &c.reviewers {
                let own: Vec<f64> = reviews.iter().filter(|r| r.reviewer == *reviewer).map(|r| r.score).collect();
                prop_assert_eq!(scale.reviews, own.len());
                if !scale.pooled {
                    let z = own.iter().map(|s| (s - scale.mean) / scale.sd);
                    let (m, sd) = mean_sd(z);
                    prop_assert!(close(m, 0.0) && close(sd, 1.0));
                }
            }
        }

        #[test]
        fn a_reviewers_own_shift_and_stretch_do_not_change_calibrated_scores(
            reviews in reviews(), shift in -3.0f64..3.0, stretch in 0.5f64..2.0,
        ) {
            let before = calibrate(&reviews, TEN);
            let own_scaled = |r: &Review<u32, u32>| before.reviewers.iter().any(|(id, s)| *id == r.reviewer && !s.pooled);
            // Only reviewers on their own scale: the pool's stand-in moves with every score.
            if reviews.iter().all(own_scaled) {
                let one = reviews[0].reviewer;
                let moved: Vec<_> = reviews
                    .iter()
                    .map(|r| if r.reviewer == one { Review { score: r.score * stretch + shift, ..r.clone() } } else { r.clone() })
                    .collect();
                let after = calibrate(&moved, Scale { min: -100.0, max: 100.0 });
                for (a, b) in before.proposals.iter().zip(&after.proposals) {
                    prop_assert!((a.z_mean - b.z_mean).abs() < 1e-6);
                }
            }
        }

        #[test]
        fn raw_means_spreads_and_flags_follow_their_definitions(reviews in reviews()) {
            let c = calibrate(&reviews, TEN);
            prop_assert_eq!(c.proposals.iter().map(|p| p.reviews).sum::<usize>(), reviews.len());
            for p in &c.proposals {
                let raw: Vec<f64> = reviews.iter().filter(|r| r.proposal == p.proposal).map(|r| r.score).collect();
                prop_assert!(close(p.raw_mean, raw.iter().sum::<f64>() / raw.len() as f64));
                let spread = raw.iter().cloned().fold(f64::MIN, f64::max) - raw.iter().cloned().fold(f64::MAX, f64::min);
                prop_assert!(close(p.raw_spread, spread));
                prop_assert_eq!(p.disagreement, spread >= 3.6 - 1e-9 || p.z_spread >= 2.0 - 1e-9);
                prop_assert!(p.calibrated_mean >= TEN.min && p.calibrated_mean <= TEN.max);
                if raw.len() == 1 {
                    prop_assert!(!p.disagreement);
                }
            }
        }
    }
}
