//! Duplicates inside one file: the same key twice (rejected) and nearly the same name twice in one institution (flagged).

use std::collections::HashMap;
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use super::columns::fold;

/// Titles and honorifics dropped before names are compared.
const TITLES: &[&str] = &[
    "دکتر",
    "مهندس",
    "سید",
    "سیده",
    "آقای",
    "آقا",
    "خانم",
    "استاد",
    "پروفسور",
    "حاج",
    "حاجی",
    "جناب",
    "سرکار",
    "dr",
    "eng",
    "mr",
    "mrs",
    "ms",
    "prof",
];

/// [`TITLES`], folded once.
fn folded_titles() -> &'static [String] {
    static FOLDED: OnceLock<Vec<String>> = OnceLock::new();
    FOLDED.get_or_init(|| TITLES.iter().map(|t| fold(t)).collect())
}

/// The comparison form of a person's or organization's name: titles dropped, then [`fold`]ed.
pub fn name_key(name: &str) -> String {
    let titles = folded_titles();
    name.split_whitespace().map(fold).filter(|w| !titles.contains(w)).collect()
}

/// A 128-bit digest of a key, so a million keys fit in a few tens of megabytes.
fn digest(parts: &[&str]) -> u128 {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    let bytes = h.finalize();
    let mut first = [0u8; 16];
    first.copy_from_slice(&bytes[..16]);
    u128::from_le_bytes(first)
}

/// What the rows read so far held: keys and names, each with the first row that had it.
#[derive(Debug, Default)]
pub struct Seen {
    keys: HashMap<u128, i64>,
    names: HashMap<u128, (i64, u128)>,
}

impl Seen {
    /// The first earlier row with any of these keys (`(column, value)`); otherwise remembers them for `row`.
    pub fn duplicate(&mut self, row: i64, keys: &[(&'static str, &str)]) -> Option<(&'static str, i64)> {
        let digests: Vec<(&'static str, u128)> = keys.iter().map(|(c, v)| (*c, digest(&[c, v]))).collect();
        if let Some((column, first)) = digests.iter().find_map(|(c, d)| self.keys.get(d).map(|r| (*c, *r))) {
            return Some((column, first));
        }
        for (_, d) in digests {
            self.keys.insert(d, row);
        }
        None
    }

    /// The first earlier row of the same institution whose name is nearly the same but whose identity
    /// (national ID, email or registration number) differs; names without an institution are not compared.
    pub fn near_duplicate(&mut self, row: i64, institution: &str, name: &str, identity: &str) -> Option<i64> {
        let institution = fold(institution);
        let name = name_key(name);
        if institution.is_empty() || name.is_empty() {
            return None;
        }
        let key = digest(&[&institution, &name]);
        let who = digest(&[identity]);
        match self.names.get(&key) {
            Some((first, other)) if *other != who => Some(*first),
            Some(_) => None,
            None => {
                self.names.insert(key, (row, who));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_titles_letter_variants_or_spacing() {
        let same = ["دکتر علی رضایی", "علي رضائي", "سید علی   رضایی", "علی‌رضایی", "مهندس علی رضايی"];
        for n in same {
            assert_eq!(name_key(n), name_key("علی رضایی"), "{n}");
        }
        assert_ne!(name_key("علی رضایی"), name_key("علی رضوی"));
        assert_eq!(name_key("Dr. Ali Rezaei"), name_key("ali rezaei"));
    }

    #[test]
    fn keys_repeat_only_across_rows() {
        let mut seen = Seen::default();
        assert_eq!(seen.duplicate(2, &[("national_id", "0013542419"), ("email", "a@x.ir")]), None);
        assert_eq!(seen.duplicate(3, &[("national_id", "0499370899"), ("email", "b@x.ir")]), None);
        assert_eq!(seen.duplicate(4, &[("national_id", "1111111111"), ("email", "a@x.ir")]), Some(("email", 2)));
        assert_eq!(seen.duplicate(5, &[("email", "0013542419")]), None, "a value in another column is another key");
    }

    #[test]
    fn near_duplicates_in_one_institution() {
        let mut seen = Seen::default();
        assert_eq!(seen.near_duplicate(2, "دانشگاه تهران", "علی رضایی", "n1"), None);
        assert_eq!(seen.near_duplicate(3, "دانشگاه  تهران", "دکتر علي رضائي", "n2"), Some(2));
        assert_eq!(seen.near_duplicate(4, "دانشگاه شریف", "علی رضایی", "n3"), None, "another institution");
        assert_eq!(seen.near_duplicate(5, "", "علی رضایی", "n4"), None, "no institution, no comparison");
        assert_eq!(seen.near_duplicate(6, "دانشگاه تهران", "علی رضایی", "n1"), None, "the same person");
    }
}
