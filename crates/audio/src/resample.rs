//! Streaming sample-rate conversion with a Kaiser-windowed sinc polyphase filter.
//!
//! Why our own instead of `rubato`: telephone audio arrives in 20 ms frames whose length does not
//! divide evenly by most rate ratios (22.05 kHz -> 8 kHz is 160/441), and `rubato`'s sinc
//! resamplers want fixed chunk sizes and add a chunk of latency. An exact rational polyphase
//! filter takes any input length, keeps its state across calls, adds only half a filter length
//! of delay (about 4.4 ms at every rate pair) and gives bit-identical output however the input is
//! split into frames.
//!
//! Design: for rates `from` and `to` reduced to `to/from = L/M`, output sample `n` sits at input
//! time `n*M/L`; its value is the dot product of the `2*half` nearest input samples with phase
//! `(n*M) mod L` of a precomputed filter bank. The low-pass cut-off is at 92 % of the lower
//! Nyquist frequency with the stop band reaching 90 dB by that Nyquist, so tones that would alias
//! are removed and the passband is flat to 84 % of Nyquist (3.36 kHz for 8 kHz telephony).
//! Filter banks are cached per rate pair, so creating a resampler per call is cheap.
//!
//! Output is time-aligned with the input: sample 0 out corresponds to sample 0 in; streaming just
//! holds back the last [`Resampler::latency_samples`] output samples until enough input has
//! arrived, and [`Resampler::flush`] releases them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::simd::dot;
use crate::{Error, Result};

/// Lowest rate accepted by the resampler.
pub const MIN_RATE_HZ: u32 = 1_000;
/// Highest rate accepted by the resampler.
pub const MAX_RATE_HZ: u32 = 384_000;

/// Stop-band attenuation the filter is designed for, in dB.
const STOPBAND_DB: f64 = 90.0;
/// Transition band width as a fraction of the lower Nyquist frequency; it ends at that Nyquist.
const TRANSITION: f64 = 0.16;
/// Upper bound on polyphase table size (floats), so odd rate pairs cannot allocate without limit.
const MAX_TABLE: usize = 1 << 20;
const MAX_PHASES: usize = 1 << 12;

#[derive(Debug)]
struct Kernel {
    /// Upsampling factor L (number of phases).
    l: u64,
    /// Downsampling factor M.
    m: u64,
    /// Half the number of taps per phase.
    half: usize,
    /// `l * 2*half` coefficients, phase-major.
    coeffs: Vec<f32>,
}

impl Kernel {
    fn taps(&self) -> usize {
        2 * self.half
    }

    fn phase(&self, p: usize) -> &[f32] {
        let t = self.taps();
        &self.coeffs[p * t..(p + 1) * t]
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Zeroth-order modified Bessel function of the first kind, by its power series.
fn bessel_i0(x: f64) -> f64 {
    let mut sum = 1.0;
    let mut term = 1.0;
    let q = x * x / 4.0;
    for k in 1..200 {
        term *= q / (k as f64 * k as f64);
        sum += term;
        if term < sum * 1e-17 {
            break;
        }
    }
    sum
}

fn build_kernel(from: u32, to: u32) -> Result<Kernel> {
    let g = gcd(u64::from(from), u64::from(to));
    let l = u64::from(to) / g;
    let m = u64::from(from) / g;
    let fin = f64::from(from);
    let nyq = 0.5 * f64::from(from.min(to));
    let transition = TRANSITION * nyq;
    let cutoff = nyq - transition / 2.0;
    // Kaiser's formulas: taps for the attenuation and transition width, window shape beta.
    let dw = 2.0 * std::f64::consts::PI * transition / fin;
    let n_taps = (STOPBAND_DB - 8.0) / (2.285 * dw);
    let half = ((n_taps / 2.0).ceil() as usize).max(2);
    let beta = 0.1102 * (STOPBAND_DB - 8.7);
    let taps = 2 * half;
    let phases = usize::try_from(l).map_err(|_| Error::UnsupportedRatio { from, to })?;
    if phases > MAX_PHASES || phases.saturating_mul(taps) > MAX_TABLE {
        return Err(Error::UnsupportedRatio { from, to });
    }
    let rel = 2.0 * cutoff / fin;
    let i0_beta = bessel_i0(beta);
    let mut coeffs = Vec::with_capacity(phases * taps);
    for p in 0..phases {
        let frac = p as f64 / l as f64;
        let start = coeffs.len();
        for j in 0..taps {
            // Distance in input samples from output time to input sample j of the window.
            let tau = frac + (half as f64 - 1.0) - j as f64;
            let x = tau / half as f64;
            let window = if x.abs() >= 1.0 {
                0.0
            } else {
                bessel_i0(beta * (1.0 - x * x).sqrt()) / i0_beta
            };
            let arg = std::f64::consts::PI * rel * tau;
            let sinc = if arg.abs() < 1e-12 {
                1.0
            } else {
                arg.sin() / arg
            };
            coeffs.push(rel * sinc * window);
        }
        // Unit DC gain per phase removes the small gain ripple between phases.
        let sum: f64 = coeffs[start..].iter().sum();
        if sum.abs() > 1e-9 {
            for c in &mut coeffs[start..] {
                *c /= sum;
            }
        }
    }
    Ok(Kernel {
        l,
        m,
        half,
        coeffs: coeffs.into_iter().map(|c| c as f32).collect(),
    })
}

/// Filter banks by `(from_hz, to_hz)`, shared by every resampler of that pair.
type KernelCache = Mutex<HashMap<(u32, u32), Arc<Kernel>>>;

fn cached_kernel(from: u32, to: u32) -> Result<Arc<Kernel>> {
    static CACHE: OnceLock<KernelCache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    // A panic while holding this lock cannot leave the map inconsistent (insert is atomic).
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(k) = map.get(&(from, to)) {
        return Ok(Arc::clone(k));
    }
    let k = Arc::new(build_kernel(from, to)?);
    map.insert((from, to), Arc::clone(&k));
    Ok(k)
}

/// A streaming resampler between two rates; one per audio stream. `Send`, not shared.
#[derive(Debug, Clone)]
pub struct Resampler {
    from_hz: u32,
    to_hz: u32,
    /// `None` when the rates are equal: samples pass through untouched.
    kernel: Option<Arc<Kernel>>,
    /// Input history; `buf[0]` is absolute input index `buf_start` (negative = leading zeros).
    buf: Vec<f32>,
    buf_start: i64,
    /// Input samples received since creation or the last flush.
    n_in: u64,
    /// Output samples produced since creation or the last flush.
    n_out: u64,
}

impl Resampler {
    /// Creates a resampler from `from_hz` to `to_hz`.
    ///
    /// Any rates in [`MIN_RATE_HZ`]..=[`MAX_RATE_HZ`] work whose reduced ratio is reasonable;
    /// all pairs of 8, 11.025, 16, 22.05, 24, 32, 44.1 and 48 kHz do.
    ///
    /// # Errors
    /// [`Error::UnsupportedRate`] for a rate out of range, [`Error::UnsupportedRatio`] for a
    /// pair whose filter bank would be too large (for example 47,999 Hz to 8 kHz).
    pub fn new(from_hz: u32, to_hz: u32) -> Result<Self> {
        for r in [from_hz, to_hz] {
            if !(MIN_RATE_HZ..=MAX_RATE_HZ).contains(&r) {
                return Err(Error::UnsupportedRate(r));
            }
        }
        let kernel = if from_hz == to_hz {
            None
        } else {
            Some(cached_kernel(from_hz, to_hz)?)
        };
        let mut r = Self {
            from_hz,
            to_hz,
            kernel,
            buf: Vec::new(),
            buf_start: 0,
            n_in: 0,
            n_out: 0,
        };
        r.reset();
        Ok(r)
    }

    /// Input rate in Hz.
    pub fn from_hz(&self) -> u32 {
        self.from_hz
    }

    /// Output rate in Hz.
    pub fn to_hz(&self) -> u32 {
        self.to_hz
    }

    /// Forgets all buffered input, as if newly created.
    pub fn reset(&mut self) {
        self.buf.clear();
        self.n_in = 0;
        self.n_out = 0;
        self.buf_start = 0;
        if let Some(k) = &self.kernel {
            // Samples before the stream start are zeros.
            let pad = k.taps();
            self.buf.resize(pad, 0.0);
            self.buf_start = -(pad as i64);
        }
    }

    /// Streaming: any input length, output appended; state kept across calls.
    pub fn process(&mut self, input: &[f32], out: &mut Vec<f32>) {
        let Some(kernel) = self.kernel.clone() else {
            out.extend_from_slice(input);
            self.n_in += input.len() as u64;
            self.n_out += input.len() as u64;
            return;
        };
        self.buf.extend_from_slice(input);
        self.n_in += input.len() as u64;
        self.produce(&kernel, u64::MAX, out);
    }

    /// Drains what the filter still holds at end of stream.
    ///
    /// After this the total output is `ceil(input_len * to / from)` samples and the resampler is
    /// reset, ready for a new stream.
    pub fn flush(&mut self, out: &mut Vec<f32>) {
        if let Some(kernel) = self.kernel.clone() {
            let total = (self.n_in * kernel.l).div_ceil(kernel.m);
            self.buf.resize(self.buf.len() + kernel.half + 1, 0.0);
            let n_in = self.n_in;
            self.n_in += kernel.half as u64 + 1;
            self.produce(&kernel, total, out);
            self.n_in = n_in;
        }
        self.reset();
    }

    /// How many output samples the stream lags behind the input (filter look-ahead).
    pub fn latency_samples(&self) -> usize {
        match &self.kernel {
            None => 0,
            Some(k) => (k.half as u64 * k.l).div_ceil(k.m) as usize,
        }
    }

    /// Output samples this stream will produce for `input_len` more input samples, at most.
    pub fn output_len_hint(&self, input_len: usize) -> usize {
        (input_len as u64 * u64::from(self.to_hz)).div_ceil(u64::from(self.from_hz)) as usize + 1
    }

    fn produce(&mut self, k: &Kernel, limit: u64, out: &mut Vec<f32>) {
        let half = k.half as i64;
        let taps = k.taps();
        loop {
            if self.n_out >= limit {
                break;
            }
            let pos = self.n_out * k.m;
            let centre = (pos / k.l) as i64;
            let phase = (pos % k.l) as usize;
            // Output n needs input up to index centre + half.
            if centre + half >= self.n_in as i64 {
                break;
            }
            let first = (centre - half + 1 - self.buf_start) as usize;
            out.push(dot(k.phase(phase), &self.buf[first..first + taps]));
            self.n_out += 1;
        }
        // Drop history no future output can reach.
        let next_first = ((self.n_out * k.m) / k.l) as i64 - half + 1;
        let drop = (next_first - self.buf_start).clamp(0, self.buf.len() as i64) as usize;
        if drop > 0 {
            self.buf.drain(..drop);
            self.buf_start += drop as i64;
        }
    }
}

/// One-shot convenience: the whole of `input` resampled, `ceil(len * to / from)` samples long.
///
/// # Errors
/// As [`Resampler::new`].
pub fn resample(input: &[f32], from_hz: u32, to_hz: u32) -> Result<Vec<f32>> {
    let mut r = Resampler::new(from_hz, to_hz)?;
    let mut out = Vec::with_capacity(r.output_len_hint(input.len()));
    r.process(input, &mut out);
    r.flush(&mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RATES: [u32; 5] = [8_000, 16_000, 22_050, 24_000, 48_000];

    fn sine(freq: f64, rate: u32, secs: f64, amp: f64) -> Vec<f32> {
        let n = (secs * f64::from(rate)) as usize;
        (0..n)
            .map(|i| {
                (amp * (2.0 * std::f64::consts::PI * freq * i as f64 / f64::from(rate)).sin())
                    as f32
            })
            .collect()
    }

    /// RMS over the middle of a signal, away from the start/end transients.
    fn mid_rms(x: &[f32]) -> f64 {
        let a = x.len() / 4;
        let b = 3 * x.len() / 4;
        let s: f64 = x[a..b].iter().map(|&v| f64::from(v) * f64::from(v)).sum();
        (s / (b - a) as f64).sqrt()
    }

    /// Amplitude of `freq` in `x` by correlation with a complex exponential.
    fn tone_amp(x: &[f32], freq: f64, rate: u32) -> f64 {
        let a = x.len() / 4;
        let b = 3 * x.len() / 4;
        let (mut re, mut im) = (0.0, 0.0);
        for (i, &v) in x.iter().enumerate().take(b).skip(a) {
            let ph = 2.0 * std::f64::consts::PI * freq * i as f64 / f64::from(rate);
            re += f64::from(v) * ph.cos();
            im += f64::from(v) * ph.sin();
        }
        2.0 * (re * re + im * im).sqrt() / (b - a) as f64
    }

    #[test]
    fn every_supported_pair_preserves_a_passband_tone() {
        for &from in &RATES {
            for &to in &RATES {
                let freq = 1_000.0;
                let x = sine(freq, from, 0.5, 0.5);
                let y = resample(&x, from, to).unwrap();
                let expected = (x.len() as u64 * u64::from(to)).div_ceil(u64::from(from));
                assert_eq!(y.len() as u64, expected, "{from}->{to} length");
                let amp = tone_amp(&y, freq, to);
                assert!((amp - 0.5).abs() < 0.005, "{from}->{to}: amplitude {amp}");
                // Phase too: output is time-aligned with the input.
                let reference = sine(freq, to, 0.5, 0.5);
                let n = y.len().min(reference.len());
                let err: f64 = (n / 4..3 * n / 4)
                    .map(|i| f64::from(y[i] - reference[i]).abs())
                    .fold(0.0, f64::max);
                assert!(err < 0.01, "{from}->{to}: max deviation {err}");
            }
        }
    }

    #[test]
    fn passband_is_flat_up_to_telephone_band_edge() {
        for (from, to, freq) in [
            (16_000, 8_000, 3_300.0),
            (8_000, 16_000, 3_300.0),
            (48_000, 16_000, 6_600.0),
        ] {
            let y = resample(&sine(freq, from, 0.5, 0.5), from, to).unwrap();
            let amp = tone_amp(&y, freq, to);
            assert!((amp - 0.5).abs() < 0.03, "{from}->{to} at {freq} Hz: {amp}");
        }
    }

    #[test]
    fn tones_above_target_nyquist_are_removed() {
        for (from, to, freq) in [
            (16_000, 8_000, 4_400.0),
            (22_050, 8_000, 5_000.0),
            (48_000, 8_000, 7_000.0),
            (48_000, 16_000, 9_000.0),
            (24_000, 16_000, 8_500.0),
            (48_000, 22_050, 11_500.0),
        ] {
            let x = sine(freq, from, 0.5, 0.9);
            let y = resample(&x, from, to).unwrap();
            let rms = mid_rms(&y);
            let db = 20.0 * (rms / (0.9 / 2f64.sqrt())).log10();
            assert!(
                db < -60.0,
                "{from}->{to} tone {freq} Hz only {db:.1} dB down"
            );
        }
    }

    #[test]
    fn upsampling_leaves_no_images() {
        // A 3 kHz tone at 8 kHz has its image at 5 kHz after naive upsampling.
        let y = resample(&sine(3_000.0, 8_000, 0.5, 0.5), 8_000, 16_000).unwrap();
        let image = tone_amp(&y, 5_000.0, 16_000);
        assert!(20.0 * (image / 0.5).log10() < -60.0, "image {image}");
    }

    #[test]
    fn frame_by_frame_equals_one_shot() {
        let x: Vec<f32> = (0..9_000)
            .map(|i| ((i * 7919 % 1000) as f32 / 1000.0 - 0.5) * 0.8)
            .collect();
        for &from in &RATES {
            for &to in &RATES {
                let whole = resample(&x, from, to).unwrap();
                for frame in [1usize, 160, 441, 997] {
                    let mut r = Resampler::new(from, to).unwrap();
                    let mut out = Vec::new();
                    for chunk in x.chunks(frame) {
                        r.process(chunk, &mut out);
                    }
                    r.flush(&mut out);
                    assert_eq!(out, whole, "{from}->{to} in frames of {frame}");
                }
            }
        }
    }

    #[test]
    fn streaming_lag_is_bounded_by_latency() {
        for &from in &RATES {
            for &to in &RATES {
                let mut r = Resampler::new(from, to).unwrap();
                let frame = (from / 50) as usize; // 20 ms
                let mut out = Vec::new();
                let lat = r.latency_samples();
                for i in 1..=20 {
                    r.process(&vec![0.1; frame], &mut out);
                    let ideal = (i * frame) as u64 * u64::from(to) / u64::from(from);
                    assert!(out.len() as u64 + lat as u64 + 1 >= ideal, "{from}->{to}");
                    assert!(out.len() as u64 <= ideal);
                }
                // About 4.4 ms everywhere.
                assert!(lat as f64 / f64::from(to) < 0.006, "{from}->{to}: {lat}");
            }
        }
    }

    #[test]
    fn flush_resets_for_reuse_and_identity_passes_through() {
        let x = sine(440.0, 16_000, 0.1, 0.3);
        let mut r = Resampler::new(16_000, 8_000).unwrap();
        let mut a = Vec::new();
        r.process(&x, &mut a);
        r.flush(&mut a);
        let mut b = Vec::new();
        r.process(&x, &mut b);
        r.flush(&mut b);
        assert_eq!(a, b);
        assert_eq!(resample(&x, 16_000, 16_000).unwrap(), x);
        assert!(resample(&[], 8_000, 16_000).unwrap().is_empty());
    }

    #[test]
    fn other_file_rates_work_and_bad_rates_are_refused() {
        for (from, to) in [
            (44_100, 16_000),
            (11_025, 16_000),
            (32_000, 8_000),
            (44_100, 8_000),
        ] {
            let y = resample(&sine(500.0, from, 0.2, 0.5), from, to).unwrap();
            assert!((tone_amp(&y, 500.0, to) - 0.5).abs() < 0.005);
        }
        assert!(matches!(
            Resampler::new(0, 8_000),
            Err(Error::UnsupportedRate(0))
        ));
        assert!(matches!(
            Resampler::new(8_000, 1_000_000),
            Err(Error::UnsupportedRate(_))
        ));
        assert!(matches!(
            Resampler::new(47_999, 8_000),
            Err(Error::UnsupportedRatio { .. })
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// Any split of any input gives the one-shot output, bit for bit.
        #[test]
        fn any_chunking_matches_one_shot(
            input in proptest::collection::vec(-1.0f32..1.0, 0..3_000),
            cuts in proptest::collection::vec(0usize..700, 0..12),
            pair in 0usize..25,
        ) {
            let (from, to) = (RATES[pair / 5], RATES[pair % 5]);
            let whole = resample(&input, from, to).unwrap();
            let mut r = Resampler::new(from, to).unwrap();
            let mut out = Vec::new();
            let mut rest = &input[..];
            for c in cuts {
                let (a, b) = rest.split_at(c.min(rest.len()));
                r.process(a, &mut out);
                rest = b;
            }
            r.process(rest, &mut out);
            r.flush(&mut out);
            proptest::prop_assert_eq!(out, whole);
        }
    }

    #[test]
    fn resampler_is_send() {
        fn assert_send<T: Send>() {}
        assert_send::<Resampler>();
    }
}
