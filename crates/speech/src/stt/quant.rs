//! Int8 matrix-vector product for the vocabulary projection.
//!
//! The output projection (51,864 x 384) is by far the largest weight the decoder touches per
//! token: 80 MB in f32, read once per generated token. Stored as int8 with one scale per row
//! (and the activation quantised per vector, as CTranslate2's int8 mode does) it is 20 MB, which
//! makes each decoding step memory-light. The dot products are written so LLVM vectorises them.

use rayon::prelude::*;

/// Row-major int8 matrix with a scale per row.
#[derive(Debug)]
pub struct QuantMatrix {
    rows: usize,
    cols: usize,
    data: Vec<i8>,
    scales: Vec<f32>,
}

fn quantize_into(src: &[f32], dst: &mut [i8]) -> f32 {
    let max = src.iter().fold(0f32, |m, v| m.max(v.abs()));
    if max == 0.0 {
        dst.fill(0);
        return 0.0;
    }
    let inv = 127.0 / max;
    for (d, s) in dst.iter_mut().zip(src) {
        *d = (s * inv).round().clamp(-127.0, 127.0) as i8;
    }
    max / 127.0
}

#[inline]
fn dot_i8(a: &[i8], b: &[i8]) -> i32 {
    // Chunks of 32 with i32 lanes keep the loop vectorisable and overflow-free
    // (32 * 127 * 127 fits easily).
    let mut acc = [0i32; 32];
    let mut ca = a.chunks_exact(32);
    let mut cb = b.chunks_exact(32);
    for (x, y) in (&mut ca).zip(&mut cb) {
        for i in 0..32 {
            acc[i] += i32::from(x[i]) * i32::from(y[i]);
        }
    }
    let tail: i32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| i32::from(*x) * i32::from(*y))
        .sum();
    acc.iter().sum::<i32>() + tail
}

impl QuantMatrix {
    /// Quantises a row-major `rows x cols` f32 matrix.
    pub fn new(weights: &[f32], rows: usize, cols: usize) -> Self {
        let mut data = vec![0i8; rows * cols];
        let scales = weights
            .chunks_exact(cols)
            .zip(data.chunks_exact_mut(cols))
            .map(|(src, dst)| quantize_into(src, dst))
            .collect();
        Self {
            rows,
            cols,
            data,
            scales,
        }
    }

    /// Number of rows (outputs).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// `out[b][r] = sum_c x[b][c] * W[r][c]` for each of the row-major input vectors in `x`
    /// (`x.len() = batch * cols`), using up to `threads` threads.
    pub fn matvec(&self, x: &[f32], threads: usize) -> Vec<f32> {
        let batch = x.len() / self.cols;
        let mut xq = vec![0i8; x.len()];
        let xs: Vec<f32> = x
            .chunks_exact(self.cols)
            .zip(xq.chunks_exact_mut(self.cols))
            .map(|(s, d)| quantize_into(s, d))
            .collect();
        let mut out = vec![0f32; batch * self.rows];
        let threads = threads.clamp(1, 16);
        let rows_per = self.rows.div_ceil(threads);
        // Each task owns a block of rows for all batch entries, so a weight row is read once.
        // Tasks run on rayon's pool (shared with candle's matmuls): spawning OS threads for
        // every generated token cost more system time than the product itself.
        let work = |t: usize| {
            let r0 = (t * rows_per).min(self.rows);
            let r1 = ((t + 1) * rows_per).min(self.rows);
            let n = r1 - r0;
            let mut res = vec![0f32; batch * n];
            for r in r0..r1 {
                let w = &self.data[r * self.cols..(r + 1) * self.cols];
                let sw = self.scales[r];
                for b in 0..batch {
                    let xv = &xq[b * self.cols..(b + 1) * self.cols];
                    res[b * n + (r - r0)] = dot_i8(w, xv) as f32 * sw * xs[b];
                }
            }
            res
        };
        let blocks: Vec<Vec<f32>> = if threads == 1 {
            vec![work(0)]
        } else {
            (0..threads).into_par_iter().map(work).collect()
        };
        for (t, block) in blocks.iter().enumerate() {
            let r0 = (t * rows_per).min(self.rows);
            let r1 = ((t + 1) * rows_per).min(self.rows);
            let n = r1 - r0;
            for b in 0..batch {
                out[b * self.rows + r0..b * self.rows + r1]
                    .copy_from_slice(&block[b * n..(b + 1) * n]);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int8_matvec_is_close_to_f32() {
        let (rows, cols) = (37, 70);
        let w: Vec<f32> = (0..rows * cols)
            .map(|i| ((i * 7919 % 1000) as f32 / 500.0) - 1.0)
            .collect();
        let x: Vec<f32> = (0..2 * cols)
            .map(|i| ((i * 104_729 % 997) as f32 / 498.0) - 1.0)
            .collect();
        let q = QuantMatrix::new(&w, rows, cols);
        for threads in [1, 2, 3] {
            let got = q.matvec(&x, threads);
            for b in 0..2 {
                for r in 0..rows {
                    let exact: f32 = (0..cols).map(|c| w[r * cols + c] * x[b * cols + c]).sum();
                    let g = got[b * rows + r];
                    assert!(
                        (g - exact).abs() < 0.05 * (1.0 + exact.abs()),
                        "{g} vs {exact}"
                    );
                }
            }
        }
    }
}
