//! The semantic signal: how close a need's embedding is to a profile's, shaped like the text signal.
//!
//! A profile has one vector for its summary ([`IndexDoc::summary`]) and one per publication
//! ([`PublicationText::passage`]), filled by a node with an embedder. The signal averages two views, as
//! the text signal does: the need against the profile as a whole — the weighted centroid of its vectors,
//! where a publication counts less the older it is than the person's latest — and against its closest
//! publications. Cosines enter rescaled ([`halqe_embed::similarity`]), so 0 means unrelated.

use halqe_embed::{centroid, similarity};

use crate::doc::{IndexDoc, PublicationText};

/// A publication this many years older than the person's latest counts half as much in the profile:
/// expertise follows current work (docs/benchmarks.md shows the sweep behind the value).
pub const HALF_LIFE_YEARS: f32 = 3.0;

/// How many of the closest publications the "closest work" view averages, in both text signals.
pub const BEST_PUBLICATIONS: usize = 3;

/// Each publication's weight in the profile: 1 for the latest year (and for an unknown year), halving
/// every [`HALF_LIFE_YEARS`] before it.
pub fn recency(publications: &[PublicationText]) -> Vec<f32> {
    let latest = publications.iter().filter_map(|p| p.year).max();
    publications
        .iter()
        .map(|p| match (latest, p.year) {
            (Some(latest), Some(year)) => 0.5f32.powf((latest - year).max(0) as f32 / HALF_LIFE_YEARS),
            _ => 1.0,
        })
        .collect()
}

/// The mean of the `BEST_PUBLICATIONS` largest values (`None` for none).
pub(crate) fn mean_of_best(mut values: Vec<f32>) -> Option<f32> {
    values.sort_by(|a, b| b.total_cmp(a));
    values.truncate(BEST_PUBLICATIONS);
    (!values.is_empty()).then(|| values.iter().sum::<f32>() / values.len() as f32)
}

/// A document's publications that have vectors, each with its recency weight.
fn weighted_publications(doc: &IndexDoc) -> Vec<(&[f32], f32)> {
    doc.publications
        .iter()
        .zip(recency(&doc.publications))
        .filter(|(p, _)| !p.vector.is_empty())
        .map(|(p, w)| (p.vector.as_slice(), w))
        .collect()
}

/// The profile as a whole: the normalized centroid of its summary's vector and its publications' (each
/// weighted by recency); `None` without vectors. The nearest-neighbour index holds this vector.
pub fn profile_vector(doc: &IndexDoc) -> Option<Vec<f32>> {
    let summary = (!doc.vector.is_empty()).then_some((doc.vector.as_slice(), 1.0));
    centroid(summary.into_iter().chain(weighted_publications(doc)))
}

/// The semantic signal in [0, 1] of a need's vector `asked` for a document, or `None` when either side
/// has no vector (the matcher then leaves the signal out rather than counting it as 0).
pub fn signal(asked: &[f32], doc: &IndexDoc) -> Option<f32> {
    if asked.is_empty() {
        return None;
    }
    let whole = similarity(asked, &profile_vector(doc)?);
    match mean_of_best(weighted_publications(doc).iter().map(|(v, _)| similarity(asked, v)).collect()) {
        Some(closest) => Some(0.5 * whole + 0.5 * closest),
        None => Some(whole),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn publication(year: Option<i32>, vector: &[f32]) -> PublicationText {
        PublicationText { year, vector: vector.to_vec(), ..PublicationText::new("t", "") }
    }

    #[test]
    fn older_work_weighs_less_and_unknown_years_count_fully() {
        let w = recency(&[publication(Some(2024), &[]), publication(Some(2021), &[]), publication(None, &[])]);
        assert_eq!(w[0], 1.0);
        assert!((w[1] - 0.5).abs() < 1e-6, "{w:?}");
        assert_eq!(w[2], 1.0);
        assert!(recency(&[]).is_empty());
    }

    #[test]
    fn no_vector_on_either_side_means_no_signal() {
        let doc = IndexDoc { vector: vec![1.0, 0.0], ..IndexDoc::default() };
        assert_eq!(signal(&[], &doc), None);
        assert_eq!(signal(&[1.0, 0.0], &IndexDoc::default()), None);
        assert_eq!(signal(&[1.0, 0.0], &doc), Some(1.0));
    }

    #[test]
    fn the_signal_averages_the_whole_profile_and_the_closest_publications() {
        let asked = [1.0, 0.0];
        // One recent paper on the need's subject, one old paper far from it.
        let doc = IndexDoc {
            publications: vec![publication(Some(2024), &[1.0, 0.0]), publication(Some(2012), &[0.0, 1.0])],
            ..IndexDoc::default()
        };
        let s = signal(&asked, &doc).unwrap_or_default();
        // The old paper weighs 1/16 in the centroid, so the whole profile stays close to the need
        // (cosine ≈ 0.998, rescaled ≈ 0.99); the closest-work view averages 1 and 0.
        assert!((0.74..0.76).contains(&s), "{s}");
        let reversed = IndexDoc {
            publications: vec![publication(Some(2012), &[1.0, 0.0]), publication(Some(2024), &[0.0, 1.0])],
            ..IndexDoc::default()
        };
        assert!(signal(&asked, &reversed).unwrap_or_default() < s, "the same work done long ago counts less");
    }
}
