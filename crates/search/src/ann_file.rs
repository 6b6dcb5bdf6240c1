//! The nearest-neighbour index's file beside the text index: its trained centroids and the list of each
//! vector, so that a node's start places every vector without training again
//! (docs/adr/0009-vectors-and-nearest-neighbours.md).
//!
//! Derived data, never the truth: the vectors come from the text index at every start, and a list is
//! recorded by the vector's codes (their hash), not by document, so a stale entry is one no vector asks
//! for. A file is used only when it reads back whole (its checksum), has the index's dimension, knows most
//! of the index's vectors, and places a sample of them where its own centroids do; otherwise the index
//! trains again and writes a new one.

use std::io::Write;
use std::path::Path;

use crate::ann::closest;
use crate::int8::Int8;

/// The file's first bytes, then its format's version: another version is rebuilt, not read.
const MAGIC: &[u8; 8] = b"HALQEANN";
const VERSION: u32 = 1;
/// Vectors whose saved list is checked against the saved centroids at each start.
const SPOT_CHECKS: usize = 64;

/// A trained state: the centroids, and each vector's list keyed by its codes' hash (sorted by hash).
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub(crate) dim: usize,
    pub(crate) trained_at: usize,
    pub(crate) centroids: Vec<Int8>,
    lists: Vec<(u64, u32)>,
}

impl Saved {
    pub(crate) fn new<'a>(
        dim: usize,
        trained_at: usize,
        centroids: Vec<Int8>,
        vectors: impl Iterator<Item = (&'a [i8], usize)>,
    ) -> Self {
        let mut lists: Vec<(u64, u32)> =
            vectors.map(|(codes, list)| (hash_codes(codes), u32::try_from(list).unwrap_or(u32::MAX))).collect();
        lists.sort_unstable();
        lists.dedup_by_key(|(hash, _)| *hash);
        Self { dim, trained_at, centroids, lists }
    }

    /// The list saved for a vector with these codes, if any.
    pub fn list_of(&self, codes: &[i8]) -> Option<usize> {
        let hash = hash_codes(codes);
        let at = self.lists.binary_search_by_key(&hash, |(h, _)| *h).ok()?;
        usize::try_from(self.lists[at].1).ok()
    }

    /// How many vectors have a saved list.
    pub fn len(&self) -> usize {
        self.lists.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(40 + self.centroids.len() * (4 + self.dim) + self.lists.len() * 12);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.dim as u64).to_le_bytes());
        out.extend_from_slice(&(self.trained_at as u64).to_le_bytes());
        out.extend_from_slice(&(self.centroids.len() as u64).to_le_bytes());
        for c in &self.centroids {
            out.extend_from_slice(&c.to_bytes());
        }
        out.extend_from_slice(&(self.lists.len() as u64).to_le_bytes());
        for (hash, list) in &self.lists {
            out.extend_from_slice(&hash.to_le_bytes());
            out.extend_from_slice(&list.to_le_bytes());
        }
        let sum = hash_bytes(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// The inverse of [`Saved::to_bytes`]; why not for anything short, altered or of another version.
    fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let (body, sum) = bytes.split_last_chunk::<8>().ok_or("shorter than its checksum")?;
        if hash_bytes(body) != u64::from_le_bytes(*sum) {
            return Err("checksum mismatch".into());
        }
        let mut r = Reader(body);
        if r.take(MAGIC.len())? != MAGIC {
            return Err("not a nearest-neighbour file".into());
        }
        let version = u32::from_le_bytes(r.array()?);
        if version != VERSION {
            return Err(format!("format version {version}, expected {VERSION}"));
        }
        let dim = r.count()?;
        let trained_at = r.count()?;
        let nlist = r.count()?;
        if dim == 0 || nlist == 0 {
            return Err("no dimension or no centroids".into());
        }
        let mut centroids = Vec::with_capacity(nlist.min(body.len() / (4 + dim)));
        for _ in 0..nlist {
            let c = Int8::from_bytes(r.take(4 + dim)?).ok_or("a centroid that does not read")?;
            centroids.push(c);
        }
        let count = r.count()?;
        let mut lists = Vec::with_capacity(count.min(r.0.len() / 12));
        for _ in 0..count {
            let hash = u64::from_le_bytes(r.array()?);
            let list = u32::from_le_bytes(r.array()?);
            if usize::try_from(list).map_or(true, |l| l >= nlist) {
                return Err(format!("list {list} of {nlist}"));
            }
            lists.push((hash, list));
        }
        if !r.0.is_empty() || !lists.is_sorted_by_key(|(hash, _)| *hash) {
            return Err("trailing bytes or unsorted lists".into());
        }
        Ok(Self { dim, trained_at, centroids, lists })
    }

    /// Writes the file whole or not at all (a new file renamed over the old one).
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let part = path.with_extension("part");
        let mut file = std::fs::File::create(&part)?;
        file.write_all(&self.to_bytes())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&part, path)
    }

    /// The file at `path`: `Ok(None)` when there is none, `Err` (why) when it cannot be used.
    pub fn read(path: &Path) -> Result<Option<Self>, String> {
        match std::fs::read(path) {
            Ok(bytes) => Self::from_bytes(&bytes).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Removes the file at `path`, if any (an index with nothing trained to save).
    pub fn remove(path: &Path) -> std::io::Result<()> {
        match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Whether a saved state agrees with the vectors an index holds: shown each vector's codes once, it
/// counts those with a saved list and checks an evenly spread sample of them against the saved centroids.
#[derive(Debug)]
pub struct Agreement<'a> {
    saved: &'a Saved,
    every: usize,
    seen: usize,
    found: usize,
    wrong: usize,
}

impl<'a> Agreement<'a> {
    /// For an index of about `expected` vectors.
    pub fn new(saved: &'a Saved, expected: usize) -> Self {
        Self { saved, every: (expected / SPOT_CHECKS).max(1), seen: 0, found: 0, wrong: 0 }
    }

    pub fn see(&mut self, codes: &[i8]) {
        self.seen += 1;
        if codes.len() != self.saved.dim {
            return;
        }
        if let Some(list) = self.saved.list_of(codes) {
            self.found += 1;
            if (self.found - 1).is_multiple_of(self.every) && closest(&self.saved.centroids, codes) != list {
                self.wrong += 1;
            }
        }
    }

    /// `Ok` when the saved state can be restored: it knows at least half the vectors, and every one checked
    /// is in the list its centroids give. Otherwise why not.
    pub fn verdict(&self) -> Result<(), String> {
        if self.wrong > 0 {
            Err(format!("{} of the vectors checked are not in their closest centroid's list", self.wrong))
        } else if self.found * 2 < self.seen || self.seen == 0 {
            Err(format!("knows {} of the index's {} vectors (another model, or an older index)", self.found, self.seen))
        } else {
            Ok(())
        }
    }
}

/// A bounds-checked reader of the file's fields.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.0.len() < n {
            return Err("truncated".into());
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn count(&mut self) -> Result<usize, String> {
        usize::try_from(u64::from_le_bytes(self.array()?)).map_err(|e| e.to_string())
    }
}

/// A vector's key in the file: a hash of its codes.
fn hash_codes(codes: &[i8]) -> u64 {
    hash_words(codes.len(), codes.chunks(8).map(|w| word(w.iter().map(|c| c.to_le_bytes()[0]))))
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    hash_words(bytes.len(), bytes.chunks(8).map(|w| word(w.iter().copied())))
}

/// Up to eight bytes as a little-endian word, zeros after them.
fn word(bytes: impl Iterator<Item = u8>) -> u64 {
    let mut w = [0u8; 8];
    w.iter_mut().zip(bytes).for_each(|(d, b)| *d = b);
    u64::from_le_bytes(w)
}

/// A 64-bit hash of our own, so that it stays the same across Rust releases (std's `DefaultHasher` may
/// not): words mixed by multiplication and rotation, then SplitMix64's finish.
fn hash_words(len: usize, words: impl Iterator<Item = u64>) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (len as u64).wrapping_mul(K);
    for w in words {
        h = (h ^ w).wrapping_mul(K).rotate_left(29);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved() -> Saved {
        let centroids = vec![Int8::of(&[1.0, 0.0, 0.0]), Int8::of(&[0.0, 1.0, 0.0])];
        let a = Int8::of(&[0.9, 0.1, 0.0]).codes;
        let b = Int8::of(&[0.1, 0.9, 0.2]).codes;
        Saved::new(3, 5000, centroids, [(a.as_slice(), 0), (b.as_slice(), 1)].into_iter())
    }

    #[test]
    fn a_saved_state_reads_back_and_any_altered_byte_is_refused() {
        let s = saved();
        let bytes = s.to_bytes();
        assert_eq!(Saved::from_bytes(&bytes), Ok(s.clone()));
        assert_eq!(s.list_of(&Int8::of(&[0.1, 0.9, 0.2]).codes), Some(1));
        assert_eq!(s.list_of(&Int8::of(&[0.0, 0.0, 1.0]).codes), None);
        for i in 0..bytes.len() {
            let mut altered = bytes.clone();
            altered[i] ^= 0x10;
            assert!(Saved::from_bytes(&altered).is_err(), "byte {i} altered");
        }
        assert!(Saved::from_bytes(&bytes[..bytes.len() - 1]).is_err(), "truncated");
        assert!(Saved::from_bytes(&[]).is_err());
    }

    #[test]
    fn a_file_is_replaced_whole_and_a_missing_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ann");
        assert_eq!(Saved::read(&path), Ok(None));
        saved().write(&path).unwrap();
        assert_eq!(Saved::read(&path), Ok(Some(saved())));
        assert!(!path.with_extension("part").exists());
        std::fs::write(&path, b"HALQEANN garbage").unwrap();
        assert!(Saved::read(&path).is_err());
        Saved::remove(&path).unwrap();
        Saved::remove(&path).unwrap();
        assert_eq!(Saved::read(&path), Ok(None));
    }

    #[test]
    fn a_state_is_trusted_only_when_it_knows_most_vectors_and_places_them_as_its_centroids_do() {
        let s = saved();
        let known = Int8::of(&[0.9, 0.1, 0.0]).codes;
        let unknown = Int8::of(&[0.0, 0.3, 0.9]).codes;
        let mut agree = Agreement::new(&s, 2);
        agree.see(&known);
        agree.see(&unknown);
        assert!(agree.verdict().is_ok(), "half known");
        agree.see(&Int8::of(&[0.0, 0.0, 1.0]).codes);
        assert!(agree.verdict().is_err(), "fewer than half known");
        assert!(Agreement::new(&s, 0).verdict().is_err(), "nothing to restore");
        let mut other_dim = Agreement::new(&s, 1);
        other_dim.see(&[1, 2]);
        assert!(other_dim.verdict().is_err());

        // A file whose lists contradict its centroids (written by other code, yet with a valid checksum).
        let swapped = Saved::new(3, 5000, s.centroids.clone(), [(known.as_slice(), 1)].into_iter());
        let mut agree = Agreement::new(&swapped, 1);
        agree.see(&known);
        assert!(agree.verdict().is_err(), "{:?}", agree);
    }
}
