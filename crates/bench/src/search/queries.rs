//! The query sets: directory queries (2–3 mid-frequency words of a real profile), needs (≈20 informative words), and recall probes (two rare words of one profile, Persian spelling).

use serde::Serialize;

use super::profiles::{Generator, profile_id};
use crate::rng::Rng;

/// Lemma ranks counted as mid-frequency for directory queries (the words of roughly 2–15% of profiles).
const MID: std::ops::Range<usize> = 30..250;
/// The most frequent lemmas, left out of needs as uninformative.
const COMMON: usize = 20;
/// Words in a need.
const NEED_WORDS: usize = 20;

const DIRECTORY: u64 = 10;
const MATCHING: u64 = 11;
const RECALL: u64 = 12;

/// One query as the peers read it: the same text and words Halqe gets.
#[derive(Debug, Clone, Serialize)]
pub struct Query {
    /// `directory`, `matching` or `recall`.
    pub set: &'static str,
    pub i: usize,
    /// What Halqe is given.
    pub text: String,
    /// The words, as written, for the peers' AND/OR queries.
    pub terms: Vec<String>,
    /// Taxonomy field of a need (Halqe's taxonomy signal; the peers ignore it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    /// The profile a recall probe must find, by number and id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_id: Option<String>,
    /// Whether the target is typed with Arabic letters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arabic: Option<bool>,
}

impl Query {
    fn new(set: &'static str, i: usize, text: String, terms: Vec<String>) -> Self {
        Self { set, i, text, terms, field: None, target: None, target_id: None, arabic: None }
    }
}

/// Up to `k` words of distinct lemmas from `words` that satisfy `keep`, in the order given.
fn distinct<'g>(
    words: impl IntoIterator<Item = (usize, &'g str)>,
    k: usize,
    keep: impl Fn(usize, &str) -> bool,
) -> Vec<String> {
    let mut lemmas = Vec::new();
    let mut out = Vec::new();
    for (rank, form) in words {
        if out.len() == k {
            break;
        }
        if keep(rank, form) && !lemmas.contains(&rank) {
            lemmas.push(rank);
            out.push(form.to_owned());
        }
    }
    out
}

/// Profiles tried before a query set gives up (only tiny runs can exhaust it).
const ATTEMPTS: usize = 10_000;

/// Directory query `i`: 2 or 3 mid-frequency words drawn from one random profile.
pub fn directory(g: &Generator, profiles: u64, i: usize) -> Option<Query> {
    let mut rng = Rng::new(0, DIRECTORY, i as u64);
    for _ in 0..ATTEMPTS {
        let p = g.profile(rng.next_u64() % profiles.max(1));
        let k = rng.between(2, 3);
        let mut words = p.words;
        rng.shuffle(&mut words);
        let terms = distinct(words, k, |rank, _| MID.contains(&rank));
        if terms.len() == k {
            return Some(Query::new("directory", i, terms.join(" "), terms));
        }
    }
    None
}

/// Need `i`: about 20 informative words, half from one field's topic, a few English.
pub fn matching(g: &Generator, i: usize) -> Query {
    let mut rng = Rng::new(0, MATCHING, i as u64);
    let topic = rng.below(g.topic_count());
    let v = &g.vocab;
    let mut ranks: Vec<usize> = Vec::new();
    for _ in 0..400 {
        let r = g.topic_lemma(topic, &mut rng);
        if r >= COMMON && !ranks.contains(&r) && ranks.len() < NEED_WORDS / 2 {
            ranks.push(r);
        }
    }
    while ranks.len() < NEED_WORDS - 2 {
        let r = COMMON + rng.below(v.persian.len() - COMMON);
        if !ranks.contains(&r) {
            ranks.push(r);
        }
    }
    let mut terms: Vec<String> = ranks.iter().map(|r| v.form(*r, &mut rng).to_owned()).collect();
    while terms.len() < NEED_WORDS {
        let w = (*rng.pick(&v.english[..])).to_owned();
        if !terms.contains(&w) {
            terms.push(w);
        }
    }
    rng.shuffle(&mut terms);
    let (last, head) = terms.split_last().map(|(l, h)| (l.clone(), h.join("، "))).unwrap_or_default();
    let mut q = Query::new("matching", i, format!("{head} و {last}"), terms);
    q.field = Some(g.topic_slug(topic));
    q
}

/// Recall probe `i` on a random profile with (or without) Arabic letters: its two rarest words that
/// contain ی or ک (so the two spellings differ), in Persian letters.
pub fn recall(g: &Generator, profiles: u64, i: usize, arabic: bool) -> Option<Query> {
    let mut rng = Rng::new(u64::from(arabic), RECALL, i as u64);
    for _ in 0..ATTEMPTS {
        let n = rng.next_u64() % profiles.max(1);
        if g.is_arabic(n) != arabic {
            continue;
        }
        let mut words = g.profile(n).words;
        words.sort_by_key(|w| std::cmp::Reverse(w.0));
        let terms = distinct(words, 2, |_, form| form.contains(['ی', 'ک']));
        if terms.len() == 2 {
            let mut q = Query::new("recall", i, terms.join(" "), terms);
            q.target = Some(n);
            q.target_id = Some(profile_id(n));
            q.arabic = Some(arabic);
            return Some(q);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_deterministic_and_shaped() {
        let g = Generator::new(1);
        for i in 0..50 {
            let Some(d) = directory(&g, 10_000, i) else { panic!("no directory query {i}") };
            assert!((2..=3).contains(&d.terms.len()), "{d:?}");
            assert_eq!(Some(d.text), directory(&g, 10_000, i).map(|d| d.text));
            let m = matching(&g, i);
            assert_eq!(m.terms.len(), NEED_WORDS, "{m:?}");
            let distinct: std::collections::HashSet<_> = m.terms.iter().collect();
            assert_eq!(distinct.len(), NEED_WORDS);
        }
    }

    #[test]
    fn recall_probes_hit_their_target_in_persian_letters() {
        let g = Generator::new(1);
        for arabic in [true, false] {
            let Some(q) = recall(&g, 5_000, 0, arabic) else { panic!("no probe") };
            let Some(n) = q.target else { panic!("no target") };
            let p = g.profile(n);
            assert_eq!(p.arabic, arabic);
            assert!(!q.text.contains(['ي', 'ك']));
            for t in &q.terms {
                assert!(p.words.iter().any(|(_, w)| *w == t.as_str()), "{t}");
            }
        }
    }
}
