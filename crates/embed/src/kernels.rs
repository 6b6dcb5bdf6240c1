//! The int8 × int4 matrix product (the hot path), with the activations' quantization it needs.
//!
//! Activations are quantized per 32-value block to int8 with a scale (Q8_0), weights stay 4-bit with a
//! scale per block (Q4_0), and each output is
//! `Σ_blocks scale_w · scale_a · (⟨nibbles, a⟩ − 8 · Σ a)`, integer multiply-adds inside a block: the
//! scheme and rounding of e5.c. Output rows are shared among rayon's threads eight at a time, each
//! group's nibbles widened to bytes once and reused for every token. On x86-64 CPUs with AVX2 and FMA
//! the inner loop is e5.c's AVX2 kernel through pulp's safe intrinsics (chosen at run time); elsewhere
//! a portable loop.
#![forbid(unsafe_code)]

use rayon::prelude::*;

use crate::model_file::{Q4Matrix, QK};

/// Output rows computed together, so each activation block is loaded once for all of them.
pub(crate) const GROUP: usize = 8;

/// The instruction set the kernel uses, chosen once per process.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Isa {
    Portable,
    #[cfg(target_arch = "x86_64")]
    Avx2(pulp::x86::V3),
}

impl Isa {
    /// AVX2+FMA where the CPU has them (and `HALQE_E5_BASELINE` is unset: it forces the portable loop,
    /// to compare the two), else portable.
    pub(crate) fn detect() -> Self {
        #[cfg(target_arch = "x86_64")]
        if std::env::var_os("HALQE_E5_BASELINE").is_none()
            && let Some(v3) = pulp::x86::V3::try_new()
        {
            return Self::Avx2(v3);
        }
        Self::Portable
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Portable => "Rust, portable",
            #[cfg(target_arch = "x86_64")]
            Self::Avx2(_) => "Rust, AVX2+FMA",
        }
    }
}

/// `rows × cols` activations quantized per block of [`QK`]: the int8 values, each block's scale and
/// each block's sum of values.
#[derive(Debug, Default)]
pub(crate) struct Quantized {
    rows: usize,
    blocks: usize,
    values: Vec<[i8; QK]>,
    scales: Vec<f32>,
    sums: Vec<i32>,
}

impl Quantized {
    /// Quantizes `x` (`rows × cols`, row-major) in place of the previous contents.
    pub(crate) fn quantize(&mut self, x: &[f32], cols: usize) {
        self.blocks = cols / QK;
        self.rows = x.len() / cols;
        let n = self.rows * self.blocks;
        self.values.resize(n, [0; QK]);
        self.scales.resize(n, 0.0);
        self.sums.resize(n, 0);
        x.par_chunks_exact(QK)
            .zip(self.values.par_iter_mut())
            .zip(self.scales.par_iter_mut().zip(self.sums.par_iter_mut()))
            .with_min_len(64)
            .for_each(|((x, q), (scale, sum))| {
                let amax = x.iter().fold(0f32, |m, v| m.max(v.abs()));
                let d = amax / 127.0;
                let inverse = if d > 0.0 { 1.0 / d } else { 0.0 };
                let mut s = 0;
                for (q, v) in q.iter_mut().zip(x) {
                    // e5.c's lrintf: to nearest, ties to even.
                    *q = (v * inverse).round_ties_even().clamp(-128.0, 127.0) as i8;
                    s += i32::from(*q);
                }
                (*scale, *sum) = (d, s);
            });
    }

    fn row(&self, t: usize) -> (&[[i8; QK]], &[f32], &[i32]) {
        let r = t * self.blocks..(t + 1) * self.blocks;
        (&self.values[r.clone()], &self.scales[r.clone()], &self.sums[r])
    }
}

/// One group of [`GROUP`] weight rows widened for the kernel, block-major: `nibbles[b][r]` is block `b`
/// of row `r` as bytes 0..=15 (the stored value, 8 above the weight), `scales[b][r]` its scale.
struct Widened {
    nibbles: Vec<[[i8; QK]; GROUP]>,
    scales: Vec<[f32; GROUP]>,
}

impl Widened {
    fn new(blocks: usize) -> Self {
        Self { nibbles: vec![[[0; QK]; GROUP]; blocks], scales: vec![[0.0; GROUP]; blocks] }
    }

    fn fill(&mut self, w: &Q4Matrix, first_row: usize) {
        let nb = w.blocks();
        for r in 0..GROUP {
            let row = (first_row + r) * nb;
            for b in 0..nb {
                let packed = &w.nibbles[row + b];
                let out = &mut self.nibbles[b][r];
                for j in 0..16 {
                    out[j] = (packed[j] & 0x0F) as i8;
                    out[j + 16] = (packed[j] >> 4) as i8;
                }
                self.scales[b][r] = w.scales[row + b];
            }
        }
    }
}

/// `y = a · wᵀ + bias`: `a` is `tokens × w.cols` (quantized), `y` is `tokens × w.rows`. The row count
/// must be a multiple of [`GROUP`] (checked at load: it is a multiple of [`QK`]).
pub(crate) fn matmul(isa: Isa, w: &Q4Matrix, bias: &[f32], a: &Quantized, y: &mut Vec<f32>) {
    let tokens = a.rows;
    let nb = w.blocks();
    // Each group writes its rows for every token: the transpose of `y`, put right below.
    let mut yt = vec![0f32; w.rows * tokens];
    yt.par_chunks_mut(GROUP * tokens).enumerate().for_each_init(
        || Widened::new(nb),
        |widened, (g, out)| {
            widened.fill(w, g * GROUP);
            let bias = &bias[g * GROUP..(g + 1) * GROUP];
            match isa {
                Isa::Portable => group_portable(widened, a, bias, out),
                #[cfg(target_arch = "x86_64")]
                Isa::Avx2(v3) => v3.vectorize(|| avx2::group(v3, widened, a, bias, out)),
            }
        },
    );
    y.clear();
    y.resize(tokens * w.rows, 0.0);
    y.par_chunks_mut(w.rows).enumerate().for_each(|(t, row)| {
        for (o, v) in row.iter_mut().enumerate() {
            *v = yt[o * tokens + t];
        }
    });
}

/// One group for every token, in plain Rust (e5.c's generic loop).
fn group_portable(w: &Widened, a: &Quantized, bias: &[f32], out: &mut [f32]) {
    let tokens = a.rows;
    for t in 0..tokens {
        let (values, scales, sums) = a.row(t);
        let mut acc = [0f32; GROUP];
        for (((av, da), sa), (wb, ws)) in values.iter().zip(scales).zip(sums).zip(w.nibbles.iter().zip(&w.scales)) {
            for ((acc, wv), dw) in acc.iter_mut().zip(wb).zip(ws) {
                let dot: i32 = wv.iter().zip(av).map(|(w, a)| i32::from(*w) * i32::from(*a)).sum();
                *acc += dw * da * (dot - 8 * sa) as f32;
            }
        }
        for r in 0..GROUP {
            out[r * tokens + t] = bias[r] + acc[r];
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use pulp::x86::V3;

    use super::{GROUP, Quantized, Widened};

    /// e5.c's AVX2 kernel: per block, unsigned nibbles × signed activations summed in 8 int32 lanes
    /// (`maddubs`, `madd`), converted and scaled into float lanes (`fmadd`); the nibbles' offset of 8
    /// comes off through the blocks' sums; one horizontal sum per output. Inlined into
    /// `V3::vectorize`'s AVX2+FMA context.
    #[inline(always)]
    pub(super) fn group(v3: V3, widened: &Widened, a: &Quantized, bias: &[f32], out: &mut [f32]) {
        let tokens = a.rows;
        let ones = v3.avx._mm256_set1_epi16(1);
        for t in 0..tokens {
            let (values, scales, sums) = a.row(t);
            let mut acc = [v3.avx._mm256_setzero_ps(); GROUP];
            let mut correction = [0f32; GROUP];
            for (((av, da), sa), (wb, ws)) in
                values.iter().zip(scales).zip(sums).zip(widened.nibbles.iter().zip(&widened.scales))
            {
                let av = pulp::cast(*av);
                let sa = *sa as f32;
                for r in 0..GROUP {
                    let wv = pulp::cast(wb[r]);
                    let dot = v3.avx2._mm256_madd_epi16(v3.avx2._mm256_maddubs_epi16(wv, av), ones);
                    let scale = ws[r] * da;
                    acc[r] =
                        v3.fma._mm256_fmadd_ps(v3.avx._mm256_cvtepi32_ps(dot), v3.avx._mm256_set1_ps(scale), acc[r]);
                    correction[r] += scale * sa;
                }
            }
            for r in 0..GROUP {
                // e5.c's hsum256: the halves added, then pairs.
                let l: [f32; 8] = pulp::cast(acc[r]);
                let h = [l[0] + l[4], l[1] + l[5], l[2] + l[6], l[3] + l[7]];
                out[r * tokens + t] = bias[r] + ((h[0] + h[2]) + (h[1] + h[3])) - 8.0 * correction[r];
            }
        }
    }
}

/// Row `row` of `w` as floats (an embedding lookup).
pub(crate) fn dequantize_row(w: &Q4Matrix, row: usize, out: &mut [f32]) {
    let nb = w.blocks();
    for (b, out) in out.chunks_exact_mut(QK).enumerate() {
        let d = w.scales[row * nb + b];
        let packed = &w.nibbles[row * nb + b];
        for j in 0..16 {
            out[j] = f32::from(i16::from(packed[j] & 0x0F) - 8) * d;
            out[j + 16] = f32::from(i16::from(packed[j] >> 4) - 8) * d;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A matrix whose rows are `rows` nibble patterns, scale 0.5 in every block.
    fn matrix(rows: usize, cols: usize) -> Q4Matrix {
        let blocks = rows * cols / QK;
        let nibbles = (0..blocks).map(|i| std::array::from_fn(|j| ((i * 7 + j * 13) % 256) as u8)).collect();
        Q4Matrix { rows, cols, scales: vec![0.5; blocks], nibbles }
    }

    #[test]
    fn quantized_product_is_close_to_the_float_product_on_every_isa() {
        let (tokens, cols, rows) = (5, 64, 16);
        let w = matrix(rows, cols);
        let x: Vec<f32> = (0..tokens * cols).map(|i| ((i * 37 % 101) as f32 - 50.0) / 25.0).collect();
        let bias: Vec<f32> = (0..rows).map(|r| r as f32).collect();
        let mut dense = vec![0f32; rows * cols];
        for r in 0..rows {
            dequantize_row(&w, r, &mut dense[r * cols..(r + 1) * cols]);
        }
        let mut a = Quantized::default();
        a.quantize(&x, cols);
        let mut isas = vec![Isa::Portable];
        #[cfg(target_arch = "x86_64")]
        isas.extend(pulp::x86::V3::try_new().map(Isa::Avx2));
        let mut results = Vec::new();
        for isa in isas {
            let mut y = Vec::new();
            matmul(isa, &w, &bias, &a, &mut y);
            for t in 0..tokens {
                for r in 0..rows {
                    let products = (0..cols).map(|c| x[t * cols + c] * dense[r * cols + c]);
                    let exact: f32 = bias[r] + products.clone().sum::<f32>();
                    // int8 activations: about 1% of the magnitude of the products.
                    let tolerance = 0.01 * products.map(f32::abs).sum::<f32>();
                    let got = y[t * rows + r];
                    assert!((got - exact).abs() < tolerance, "{isa:?} t{t} r{r}: {got} vs {exact} ± {tolerance}");
                }
            }
            results.push(y);
        }
        for y in &results[1..] {
            assert!(y.iter().zip(&results[0]).all(|(a, b)| (a - b).abs() <= 1e-4 * (1.0 + b.abs())));
        }
    }

    #[test]
    fn quantization_rounds_ties_to_even_and_keeps_sums() {
        let mut x = vec![0f32; QK];
        x[0] = 127.0;
        x[1] = 2.5;
        x[2] = -3.5;
        let mut q = Quantized::default();
        q.quantize(&x, QK);
        let (values, scales, sums) = q.row(0);
        assert_eq!((values[0][0], values[0][1], values[0][2]), (127, 2, -4));
        assert_eq!(scales[0], 1.0);
        assert_eq!(sums[0], 125);
    }
}
