//! The BERT encoder's forward pass over a batch of windows, ending in each window's mean token vector.
//!
//! The windows' tokens are laid end to end in one `tokens × hidden` matrix, so every projection streams
//! its weights once for the whole batch; attention stays within each window. The steps are e5.c's:
//! embeddings (word + position + token type 0, LayerNorm), then per layer self-attention, residual and
//! LayerNorm, GELU feed-forward, residual and LayerNorm. Each step is parallel over rows (rayon).
#![forbid(unsafe_code)]

use std::ops::Range;

use rayon::prelude::*;

use crate::kernels::{self, Isa, Quantized};
use crate::model_file::{Config, Weights};

/// Windows to encode together: token ids and their positions, and each window's range of tokens.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    pub ids: Vec<u32>,
    pub positions: Vec<usize>,
    pub windows: Vec<Range<usize>>,
}

impl Batch {
    /// Adds a window: `<s>`, the content tokens, `</s>`, at positions 0, 1, ….
    pub(crate) fn push(&mut self, bos: u32, content: &[u32], eos: u32) {
        let start = self.ids.len();
        self.ids.push(bos);
        self.ids.extend_from_slice(content);
        self.ids.push(eos);
        self.positions.extend(0..content.len() + 2);
        self.windows.push(start..self.ids.len());
    }

    pub(crate) fn tokens(&self) -> usize {
        self.ids.len()
    }
}

/// The encoder: the model's shape and weights, and the kernel's instruction set.
#[derive(Debug)]
pub(crate) struct Encoder {
    pub config: Config,
    weights: Weights,
    isa: Isa,
}

impl Encoder {
    pub(crate) fn new(config: Config, weights: Weights, isa: Isa) -> Self {
        Self { config, weights, isa }
    }

    pub(crate) fn isa(&self) -> Isa {
        self.isa
    }

    /// Each window's mean final hidden state (`windows × hidden`, not normalized). Token ids and
    /// positions must be within the model's tables (the tokenizer's ids and windows of at most
    /// `max_positions` tokens are).
    pub(crate) fn mean_pooled(&self, batch: &Batch) -> Vec<f32> {
        let Config { hidden: h, heads, eps, .. } = self.config;
        let w = &self.weights;
        let mut x = vec![0f32; batch.tokens() * h];
        x.par_chunks_mut(h).zip(&batch.ids).zip(&batch.positions).for_each(|((row, &id), &pos)| {
            kernels::dequantize_row(&w.word, id as usize, row);
            let position = &w.positions[pos * h..(pos + 1) * h];
            for ((r, p), t) in row.iter_mut().zip(position).zip(&w.token_type) {
                *r += p + t;
            }
        });
        layer_norm(&mut x, None, &w.embed_norm, h, eps);

        // Each token's window, for attention.
        let mut window_of = vec![0..0; batch.tokens()];
        for window in &batch.windows {
            window_of[window.clone()].fill(window.clone());
        }
        let mut a = Quantized::default();
        let (mut q, mut k, mut v, mut projected, mut mid) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut context = vec![0f32; batch.tokens() * h];
        for layer in &w.layers {
            a.quantize(&x, h);
            kernels::matmul(self.isa, &layer.q, &layer.q_bias, &a, &mut q);
            kernels::matmul(self.isa, &layer.k, &layer.k_bias, &a, &mut k);
            kernels::matmul(self.isa, &layer.v, &layer.v_bias, &a, &mut v);
            attention(&q, &k, &v, &window_of, h, heads, &mut context);
            a.quantize(&context, h);
            kernels::matmul(self.isa, &layer.attn_out, &layer.attn_out_bias, &a, &mut projected);
            layer_norm(&mut x, Some(&projected), &layer.attn_norm, h, eps);

            a.quantize(&x, h);
            kernels::matmul(self.isa, &layer.ff_in, &layer.ff_in_bias, &a, &mut mid);
            mid.par_iter_mut().with_min_len(1024).for_each(|m| *m = gelu(*m));
            a.quantize(&mid, self.config.ff);
            kernels::matmul(self.isa, &layer.ff_out, &layer.ff_out_bias, &a, &mut projected);
            layer_norm(&mut x, Some(&projected), &layer.out_norm, h, eps);
        }

        let mut pooled = vec![0f32; batch.windows.len() * h];
        pooled.par_chunks_mut(h).zip(&batch.windows).for_each(|(out, window)| {
            for row in x[window.start * h..window.end * h].chunks_exact(h) {
                out.iter_mut().zip(row).for_each(|(o, r)| *o += r);
            }
            let inverse = 1.0 / window.len() as f32;
            out.iter_mut().for_each(|o| *o *= inverse);
        });
        pooled
    }
}

/// `x = LayerNorm(x + y)` per row of `h` values (`x = LayerNorm(x)` without `y`).
fn layer_norm(x: &mut [f32], y: Option<&[f32]>, (weight, bias): &(Vec<f32>, Vec<f32>), h: usize, eps: f32) {
    x.par_chunks_mut(h).enumerate().for_each(|(t, row)| {
        if let Some(y) = y {
            row.iter_mut().zip(&y[t * h..(t + 1) * h]).for_each(|(r, y)| *r += y);
        }
        let mean = row.iter().sum::<f32>() / h as f32;
        let variance = row.iter().map(|r| (r - mean) * (r - mean)).sum::<f32>() / h as f32;
        let inverse = 1.0 / (variance + eps).sqrt();
        for ((r, w), b) in row.iter_mut().zip(weight).zip(bias) {
            *r = (*r - mean) * inverse * w + b;
        }
    });
}

/// Scaled dot-product self-attention of each token over its own window, head by head.
fn attention(q: &[f32], k: &[f32], v: &[f32], window_of: &[Range<usize>], h: usize, heads: usize, out: &mut [f32]) {
    let hd = h / heads;
    let scale = 1.0 / (hd as f32).sqrt();
    out.par_chunks_mut(h).enumerate().for_each_init(Vec::new, |probabilities, (t, out)| {
        let window = window_of[t].clone();
        for head in 0..heads {
            let cols = head * hd..(head + 1) * hd;
            let qh = &q[t * h..][cols.clone()];
            probabilities.clear();
            let mut max = -1e30f32;
            for s in window.clone() {
                let kh = &k[s * h..][cols.clone()];
                let d = qh.iter().zip(kh).map(|(a, b)| a * b).sum::<f32>() * scale;
                probabilities.push(d);
                max = max.max(d);
            }
            let mut sum = 0.0;
            for p in probabilities.iter_mut() {
                *p = (*p - max).exp();
                sum += *p;
            }
            let inverse = 1.0 / sum;
            let oh = &mut out[cols.clone()];
            oh.fill(0.0);
            for (s, p) in window.clone().zip(probabilities.iter()) {
                let p = p * inverse;
                oh.iter_mut().zip(&v[s * h..][cols.clone()]).for_each(|(o, v)| *o += p * v);
            }
        }
    });
}

/// GELU, the exact (erf) form.
fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + libm::erff(x * std::f32::consts::FRAC_1_SQRT_2))
}
