//! Hand-written CPU kernels for the encoder's hot spots, where candle's generic ops cost most on
//! long audio (profiled on a 6-minute clip with 30 s windows):
//! - **self-attention** over 1,500 positions: candle materialises a `[6, 1500, 1500]` score
//!   tensor per layer (54 MB, page-faulted in fresh each time), scales it in a second pass and
//!   takes `exp` through libm. [`self_attention`] works per head on blocks of query rows that
//!   stay in cache, folds the scale into the first product and uses a vectorisable `exp`; heads
//!   run in parallel on rayon's pool (the pool candle's matmuls use too);
//! - **GELU** with the exact `erf`: libm's scalar `erff` was 4 % of the profile; [`FastGelu`]
//!   uses Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7) in a loop LLVM vectorises.
//!
//! Matrix products go through the `gemm` crate (the kernels behind candle's CPU matmul) with
//! explicit strides, so Q, K and V are read in place from the fused QKV projection.
#![allow(unsafe_code)]

use candle_core::{CpuStorage, CustomOp1, Layout, Shape};
use rayon::prelude::*;

use crate::{Error, Result};

const LOG2E: f32 = std::f32::consts::LOG2_E;
const LN2: f32 = std::f32::consts::LN_2;

/// `exp(x)` for `x <= 0` (softmax after subtracting the row maximum, and `-x²` in erf), relative
/// error below 1e-5 (from rounding `x * log2(e)` in f32; 1e-7 near 0); branch-free so loops over it vectorise. Inputs below -87 give ~1e-38.
#[inline(always)]
fn exp_nonpositive(x: f32) -> f32 {
    let x = x.max(-87.0);
    let t = x * LOG2E;
    let n = (t + 0.5).floor();
    // f in [-0.5, 0.5]: a degree-6 Taylor series of 2^f = e^(f ln 2) is exact to ~1e-7.
    let f = (t - n) * LN2;
    let p = 1.0
        + f * (1.0
            + f * (0.5
                + f * (1.0 / 6.0 + f * (1.0 / 24.0 + f * (1.0 / 120.0 + f * (1.0 / 720.0))))));
    // n is in [-126, 0], so the biased exponent is a normal float's.
    let bits = ((n as i32 + 127) as u32) << 23;
    f32::from_bits(bits) * p
}

/// In-place softmax of one row. Max and sum use eight lanes: a single running float sum is a
/// sequential dependency LLVM may not reorder, which kept the whole `exp` loop scalar.
fn softmax_row(row: &mut [f32]) {
    let mut lanes = [f32::NEG_INFINITY; 8];
    let mut chunks = row.chunks_exact(8);
    for c in &mut chunks {
        for (l, v) in lanes.iter_mut().zip(c) {
            *l = l.max(*v);
        }
    }
    let max = chunks
        .remainder()
        .iter()
        .chain(&lanes)
        .copied()
        .fold(f32::NEG_INFINITY, f32::max);
    for v in row.iter_mut() {
        *v = exp_nonpositive(*v - max);
    }
    let mut sums = [0f32; 8];
    let mut chunks = row.chunks_exact(8);
    for c in &mut chunks {
        for (l, v) in sums.iter_mut().zip(c) {
            *l += *v;
        }
    }
    let sum: f32 = chunks.remainder().iter().chain(&sums).sum();
    let inv = 1.0 / sum;
    for v in row.iter_mut() {
        *v *= inv;
    }
}

/// GELU with the exact (erf) formulation, in place.
pub(crate) fn gelu_erf_in_place(xs: &mut [f32]) {
    const P: f32 = 0.327_591_1;
    const A: [f32; 5] = [
        0.254_829_6,
        -0.284_496_74,
        1.421_413_7,
        -1.453_152_1,
        1.061_405_4,
    ];
    for x in xs.iter_mut() {
        let z = *x * std::f32::consts::FRAC_1_SQRT_2;
        let a = z.abs();
        let t = 1.0 / (1.0 + P * a);
        let poly = t * (A[0] + t * (A[1] + t * (A[2] + t * (A[3] + t * A[4]))));
        let erf_abs = 1.0 - poly * exp_nonpositive(-a * a);
        let erf = erf_abs.copysign(z);
        *x = 0.5 * *x * (1.0 + erf);
    }
}

/// candle op applying [`gelu_erf_in_place`] to an f32 CPU tensor.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FastGelu;

impl CustomOp1 for FastGelu {
    fn name(&self) -> &'static str {
        "fast-gelu-erf"
    }

    fn cpu_fwd(
        &self,
        storage: &CpuStorage,
        layout: &Layout,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        let CpuStorage::F32(data) = storage else {
            return Err(candle_core::Error::Msg("fast gelu takes f32".into()));
        };
        let Some((start, end)) = layout.contiguous_offsets() else {
            return Err(candle_core::Error::Msg(
                "fast gelu takes a contiguous tensor".into(),
            ));
        };
        let mut out = data[start..end].to_vec();
        gelu_erf_in_place(&mut out);
        Ok((CpuStorage::F32(out), layout.shape().clone()))
    }
}

/// Query rows per block: a `64 x 1500` score block is 384 KB, which stays in L2.
const ROW_BLOCK: usize = 64;

/// Multi-head self-attention without mask. `qkv` is row-major `[ctx, 3 * d]` (Q, K, V side by
/// side, as the fused projection yields them); returns `[ctx, d]` row-major.
///
/// # Errors
/// [`Error::Inference`] when the sizes disagree (`qkv.len() != ctx * 3 * d` or `d % heads != 0`).
pub(crate) fn self_attention(qkv: &[f32], ctx: usize, d: usize, heads: usize) -> Result<Vec<f32>> {
    if heads == 0 || d % heads != 0 || qkv.len() != ctx * 3 * d {
        return Err(Error::Inference(format!(
            "attention sizes disagree: {} values for {ctx} x 3 x {d}, {heads} heads",
            qkv.len()
        )));
    }
    let dh = d / heads;
    let scale = 1.0 / (dh as f32).sqrt();
    let per_head: Vec<Vec<f32>> = (0..heads)
        .into_par_iter()
        .map(|h| head_attention(qkv, ctx, d, dh, h, scale))
        .collect();
    let mut out = vec![0f32; ctx * d];
    for (h, o) in per_head.iter().enumerate() {
        for (dst, src) in out.chunks_exact_mut(d).zip(o.chunks_exact(dh)) {
            dst[h * dh..(h + 1) * dh].copy_from_slice(src);
        }
    }
    Ok(out)
}

/// One head of [`self_attention`]: `[ctx, dh]` row-major.
fn head_attention(qkv: &[f32], ctx: usize, d: usize, dh: usize, h: usize, scale: f32) -> Vec<f32> {
    let stride = 3 * d;
    let mut out = vec![0f32; ctx * dh];
    let mut scores = vec![0f32; ROW_BLOCK * ctx];
    let mut r0 = 0;
    while r0 < ctx {
        let n = ROW_BLOCK.min(ctx - r0);
        // SAFETY: every element gemm reads or writes is inside its slice:
        // - Q block: rows r0..r0+n (< ctx) of row stride 3d, columns h*dh..(h+1)*dh (< d);
        // - K^T: element (c, j) is qkv[j*3d + d + h*dh + c], j < ctx, c < dh, so < ctx*3d;
        // - scores: n x ctx with row stride ctx, n <= ROW_BLOCK;
        // - V: element (j, c) is qkv[j*3d + 2d + h*dh + c] < ctx*3d;
        // - out: rows r0..r0+n of row stride dh, dh columns.
        // Slices do not overlap between source and destination (scores and out are owned here).
        unsafe {
            gemm::gemm(
                n,
                ctx,
                dh,
                scores.as_mut_ptr(),
                1,
                ctx as isize,
                false,
                qkv.as_ptr().add(r0 * stride + h * dh),
                1,
                stride as isize,
                qkv.as_ptr().add(d + h * dh),
                stride as isize,
                1,
                0.0,
                scale,
                false,
                false,
                false,
                gemm::Parallelism::None,
            );
        }
        for row in scores[..n * ctx].chunks_exact_mut(ctx) {
            softmax_row(row);
        }
        // SAFETY: as above.
        unsafe {
            gemm::gemm(
                n,
                dh,
                ctx,
                out.as_mut_ptr().add(r0 * dh),
                1,
                dh as isize,
                false,
                scores.as_ptr(),
                1,
                ctx as isize,
                qkv.as_ptr().add(2 * d + h * dh),
                1,
                stride as isize,
                0.0,
                1.0,
                false,
                false,
                false,
                gemm::Parallelism::None,
            );
        }
        r0 += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_exp_is_accurate_on_the_softmax_range() {
        let mut worst = 0f32;
        for i in 0..=80_000 {
            let x = -(i as f32) / 1000.0;
            let rel = (exp_nonpositive(x) - x.exp()).abs() / x.exp();
            worst = worst.max(rel);
        }
        assert!(worst < 1e-5, "relative error {worst}");
        assert!(exp_nonpositive(-1000.0) < 1e-37);
        assert_eq!(exp_nonpositive(f32::NEG_INFINITY), exp_nonpositive(-87.0));
    }

    #[test]
    fn fast_gelu_matches_erf_gelu() {
        let xs: Vec<f32> = (-800..=800).map(|i| i as f32 / 100.0).collect();
        let mut got = xs.clone();
        gelu_erf_in_place(&mut got);
        for (&x, &g) in xs.iter().zip(&got) {
            // Reference in f64 with libm's erf via the series-free identity erf = 1 - erfc.
            let exact = 0.5 * f64::from(x) * (1.0 + erf_f64(f64::from(x) / 2f64.sqrt()));
            assert!(
                (f64::from(g) - exact).abs() < 2e-6,
                "gelu({x}) = {g}, want {exact}"
            );
        }
    }

    /// erf by its Taylor series (converges fast for |x| <= 6 in f64) for the reference.
    fn erf_f64(x: f64) -> f64 {
        if x.abs() > 5.0 {
            return x.signum();
        }
        let mut sum = 0.0;
        let mut term = x;
        let mut n = 0.0;
        while term.abs() > 1e-17 || n < 3.0 {
            sum += term / (2.0 * n + 1.0);
            n += 1.0;
            term *= -x * x / n;
        }
        sum * 2.0 / std::f64::consts::PI.sqrt()
    }

    #[test]
    fn attention_matches_a_naive_reference() {
        let (ctx, d, heads) = (70, 12, 3);
        let qkv: Vec<f32> = (0..ctx * 3 * d)
            .map(|i| (((i * 7919) % 997) as f32 / 498.0 - 1.0) * 0.7)
            .collect();
        let got = self_attention(&qkv, ctx, d, heads).unwrap();
        assert!(self_attention(&qkv, ctx, d, 5).is_err());
        let dh = d / heads;
        let scale = 1.0 / (dh as f64).sqrt();
        for h in 0..heads {
            for i in 0..ctx {
                let q = |c: usize| f64::from(qkv[i * 3 * d + h * dh + c]);
                let s: Vec<f64> = (0..ctx)
                    .map(|j| {
                        (0..dh)
                            .map(|c| q(c) * f64::from(qkv[j * 3 * d + d + h * dh + c]))
                            .sum::<f64>()
                            * scale
                    })
                    .collect();
                let max = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let e: Vec<f64> = s.iter().map(|v| (v - max).exp()).collect();
                let z: f64 = e.iter().sum();
                for c in 0..dh {
                    let want: f64 = (0..ctx)
                        .map(|j| e[j] / z * f64::from(qkv[j * 3 * d + 2 * d + h * dh + c]))
                        .sum();
                    let g = f64::from(got[i * d + h * dh + c]);
                    assert!(
                        (g - want).abs() < 1e-5,
                        "head {h} row {i} col {c}: {g} vs {want}"
                    );
                }
            }
        }
    }
}
