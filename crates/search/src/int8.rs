//! Vectors quantized to one signed byte per dimension with one `f32` scale: a quarter of the memory of
//! `f32`s, for stored document vectors and the nearest-neighbour index (docs/adr/0009-vectors-and-nearest-neighbours.md).
//!
//! Bytes: the scale as a little-endian `f32`, then one `i8` per dimension; a value is `code × scale`. For the
//! model's normalized 384-dimension vectors the error moves a cosine by about 10⁻⁴.

/// A quantized vector.
#[derive(Debug, Clone, PartialEq)]
pub struct Int8 {
    pub scale: f32,
    pub codes: Vec<i8>,
}

impl Int8 {
    /// Quantizes `v`, the largest magnitude becoming ±127.
    pub fn of(v: &[f32]) -> Self {
        let max = v.iter().fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        Self { scale, codes: v.iter().map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8).collect() }
    }

    /// The stored form.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + self.codes.len());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend(self.codes.iter().map(|c| c.to_le_bytes()[0]));
        out
    }

    /// The inverse of [`Int8::to_bytes`]; `None` for fewer than 5 bytes or a scale that is not finite.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let (scale, codes) = bytes.split_first_chunk::<4>()?;
        let scale = f32::from_le_bytes(*scale);
        (scale.is_finite() && !codes.is_empty())
            .then(|| Self { scale, codes: codes.iter().map(|b| i8::from_le_bytes([*b])).collect() })
    }

    /// The vector back as `f32`s.
    pub fn to_f32(&self) -> Vec<f32> {
        self.codes.iter().map(|c| f32::from(*c) * self.scale).collect()
    }
}

/// The dot product of two code vectors of equal length, in integers (exact; the caller applies the scales).
pub fn dot_codes(a: &[i8], b: &[i8]) -> i32 {
    a.iter().zip(b).map(|(x, y)| i32::from(*x) * i32::from(*y)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantized_vectors_round_trip_and_keep_their_cosine() {
        let v: Vec<f32> = (0..384).map(|i| ((i * 37 % 101) as f32 - 50.0) / 50.0).collect();
        let w: Vec<f32> = (0..384).map(|i| ((i * 53 % 97) as f32 - 48.0) / 48.0).collect();
        let q = Int8::of(&v);
        assert_eq!(Int8::from_bytes(&q.to_bytes()), Some(q.clone()));
        assert_eq!(q.to_bytes().len(), 4 + 384);
        let cos = |a: &[f32], b: &[f32]| {
            let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
            dot / (a.iter().map(|x| x * x).sum::<f32>().sqrt() * b.iter().map(|x| x * x).sum::<f32>().sqrt())
        };
        assert!((cos(&v, &w) - cos(&q.to_f32(), &Int8::of(&w).to_f32())).abs() < 1e-3);
        let exact = dot_codes(&q.codes, &Int8::of(&w).codes) as f32 * q.scale * Int8::of(&w).scale;
        let approx: f32 = q.to_f32().iter().zip(Int8::of(&w).to_f32()).map(|(x, y)| x * y).sum();
        assert!((exact - approx).abs() < 1e-3 * approx.abs().max(1.0));
        assert_eq!(Int8::from_bytes(&[0, 0, 0x80, 0x3f]), None, "no dimensions");
        assert_eq!(Int8::from_bytes(&[0, 0, 0x80, 0x7f, 1]), None, "an infinite scale");
        assert_eq!(Int8::of(&[0.0, 0.0]).to_f32(), [0.0, 0.0]);
    }
}
