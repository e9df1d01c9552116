//! Whisper's 80-bin log-mel spectrogram.
//!
//! Same recipe as OpenAI Whisper and faster-whisper: periodic Hann window of 400 samples, hop
//! 160, centred frames with reflect padding, power spectrum, Slaney-style mel filterbank
//! (librosa's default: `htk=False`, `norm="slaney"`, 0-8 kHz), `log10` clamped at 1e-10, floor at
//! the maximum minus 8, then `(x + 4) / 4`.

use std::sync::Arc;

use realfft::{RealFftPlanner, RealToComplex};

/// Sample rate the model expects.
pub const SAMPLE_RATE: usize = 16_000;
/// FFT size.
pub const N_FFT: usize = 400;
/// Hop between frames (10 ms).
pub const HOP: usize = 160;
/// Number of mel bins.
pub const N_MELS: usize = 80;
const N_FREQS: usize = N_FFT / 2 + 1;

/// A reusable log-mel extractor (filterbank, window and FFT plan computed once).
pub struct MelExtractor {
    filters: Vec<f32>,
    window: Vec<f32>,
    fft: Arc<dyn RealToComplex<f32>>,
}

impl std::fmt::Debug for MelExtractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MelExtractor").finish_non_exhaustive()
    }
}

impl Default for MelExtractor {
    fn default() -> Self {
        Self::new()
    }
}

fn hz_to_mel(f: f64) -> f64 {
    const F_SP: f64 = 200.0 / 3.0;
    const MIN_LOG_HZ: f64 = 1000.0;
    let min_log_mel = MIN_LOG_HZ / F_SP;
    let logstep = 6.4f64.ln() / 27.0;
    if f >= MIN_LOG_HZ {
        min_log_mel + (f / MIN_LOG_HZ).ln() / logstep
    } else {
        f / F_SP
    }
}

fn mel_to_hz(m: f64) -> f64 {
    const F_SP: f64 = 200.0 / 3.0;
    const MIN_LOG_HZ: f64 = 1000.0;
    let min_log_mel = MIN_LOG_HZ / F_SP;
    let logstep = 6.4f64.ln() / 27.0;
    if m >= min_log_mel {
        MIN_LOG_HZ * (logstep * (m - min_log_mel)).exp()
    } else {
        F_SP * m
    }
}

/// librosa.filters.mel(sr=16000, n_fft=400, n_mels=80), row-major [80][201].
pub fn mel_filters() -> Vec<f32> {
    let sr = SAMPLE_RATE as f64;
    let fft_freqs: Vec<f64> = (0..N_FREQS)
        .map(|i| i as f64 * (sr / 2.0) / (N_FREQS - 1) as f64)
        .collect();
    let (lo, hi) = (hz_to_mel(0.0), hz_to_mel(sr / 2.0));
    let mel_f: Vec<f64> = (0..N_MELS + 2)
        .map(|i| mel_to_hz(lo + (hi - lo) * i as f64 / (N_MELS + 1) as f64))
        .collect();
    let mut out = vec![0f32; N_MELS * N_FREQS];
    for m in 0..N_MELS {
        let enorm = 2.0 / (mel_f[m + 2] - mel_f[m]);
        for (k, &f) in fft_freqs.iter().enumerate() {
            let lower = (f - mel_f[m]) / (mel_f[m + 1] - mel_f[m]);
            let upper = (mel_f[m + 2] - f) / (mel_f[m + 2] - mel_f[m + 1]);
            out[m * N_FREQS + k] = (lower.min(upper).max(0.0) * enorm) as f32;
        }
    }
    out
}

impl MelExtractor {
    /// Builds the filterbank, window and FFT plan.
    pub fn new() -> Self {
        let window = (0..N_FFT)
            .map(|i| {
                let x = 2.0 * std::f64::consts::PI * i as f64 / N_FFT as f64;
                (0.5 - 0.5 * x.cos()) as f32
            })
            .collect();
        let fft = RealFftPlanner::<f32>::new().plan_fft_forward(N_FFT);
        Self {
            filters: mel_filters(),
            window,
            fft,
        }
    }

    /// Log-mel of `samples` (16 kHz) as row-major `[80][n_frames]`, with `n_frames =
    /// (len + padding) / 160`. `padding` zero samples are appended first, as faster-whisper does
    /// (160 by default).
    pub fn compute(&self, samples: &[f32], padding: usize) -> (Vec<f32>, usize) {
        let mut audio = Vec::with_capacity(samples.len() + padding);
        audio.extend_from_slice(samples);
        audio.resize(samples.len() + padding, 0.0);
        // Centred STFT: reflect-pad n_fft/2 on both sides; the last frame is dropped as Whisper does.
        let pad = N_FFT / 2;
        let n = audio.len();
        let reflect = |i: isize| -> f32 {
            if n == 1 {
                return audio[0];
            }
            let period = 2 * (n as isize - 1);
            let mut j = i.rem_euclid(period);
            if j >= n as isize {
                j = period - j;
            }
            audio[j as usize]
        };
        let n_frames = n / HOP;
        let mut power = vec![0f32; N_FREQS];
        let mut mel = vec![0f32; N_MELS * n_frames];
        let mut frame = vec![0f32; N_FFT];
        let mut spectrum = self.fft.make_output_vec();
        let mut scratch = self.fft.make_scratch_vec();
        for t in 0..n_frames {
            let start = (t * HOP) as isize - pad as isize;
            for (i, (out, w)) in frame.iter_mut().zip(&self.window).enumerate() {
                let idx = start + i as isize;
                let s = if idx >= 0 && (idx as usize) < n {
                    audio[idx as usize]
                } else {
                    reflect(idx)
                };
                *out = s * w;
            }
            // Lengths come from the plan itself, so this cannot fail.
            let _ = self
                .fft
                .process_with_scratch(&mut frame, &mut spectrum, &mut scratch);
            for (p, c) in power.iter_mut().zip(&spectrum) {
                *p = c.re * c.re + c.im * c.im;
            }
            for m in 0..N_MELS {
                let row = &self.filters[m * N_FREQS..(m + 1) * N_FREQS];
                let e: f32 = row.iter().zip(&power).map(|(a, b)| a * b).sum();
                mel[m * n_frames + t] = e.max(1e-10).log10();
            }
        }
        let max = mel.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        for v in &mut mel {
            *v = (v.max(max - 8.0) + 4.0) / 4.0;
        }
        (mel, n_frames)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slaney_filterbank_matches_librosa_values() {
        // librosa.filters.mel(sr=16000, n_fft=400, n_mels=80): a few reference entries.
        let f = mel_filters();
        let at = |m: usize, k: usize| f[m * N_FREQS + k];
        assert!((at(0, 1) - 0.024_862_4).abs() < 1e-5, "{}", at(0, 1));
        assert!((at(1, 2) - 0.022_871_77).abs() < 1e-5, "{}", at(1, 2));
        assert!((at(79, 199) - 0.000_448_76).abs() < 1e-6, "{}", at(79, 199));
        // Every filter has some weight and the top filter ends at Nyquist.
        for m in 0..N_MELS {
            assert!(f[m * N_FREQS..(m + 1) * N_FREQS].iter().any(|&w| w > 0.0));
        }
    }
}
