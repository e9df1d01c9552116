//! Temperature fallback, as Whisper's reference `transcribe()` does it: a window is decoded at
//! temperature 0 (greedy or beam search as configured); when the result looks like a
//! repetition loop (its zlib compression ratio is above 2.4) or the model was unsure (mean
//! log-probability below -1), the window is decoded again by sampling at 0.2, 0.4, ... 1.0,
//! keeping the first result that passes both checks, else the best one tried. A window the
//! model thinks is silent (no-speech probability above 0.6 with a low log-probability) is
//! neither retried nor transcribed.
//!
//! Sampling uses a seeded RNG per window, so the same audio always gives the same transcript.

use std::io::Write;

/// Settings of the temperature fallback and the no-speech rule; the defaults are Whisper's
/// (`temperature=(0.0, 0.2, 0.4, 0.6, 0.8, 1.0)`, `compression_ratio_threshold=2.4`,
/// `logprob_threshold=-1.0`, `no_speech_threshold=0.6`, one sample per temperature).
#[derive(Debug, Clone, PartialEq)]
pub struct FallbackConfig {
    /// Temperatures tried in order. A temperature of 0 decodes with the configured greedy or
    /// beam search; above 0, tokens are sampled from `softmax(logits / T)`. Only `[0.0]`
    /// disables the fallback.
    pub temperatures: Vec<f32>,
    /// A result whose text compresses better than this (gzip-style ratio, raw bytes over
    /// zlib bytes) is a repetition loop: try the next temperature. `None`: no such check.
    pub compression_ratio_threshold: Option<f32>,
    /// A result whose mean token log-probability is below this is unsure: try the next
    /// temperature. `None`: no such check (and no no-speech rule, which needs it).
    pub logprob_threshold: Option<f32>,
    /// A window whose no-speech probability is above this, with a mean log-probability below
    /// `logprob_threshold`, is silence: no retry and no text. `None`: never silence.
    pub no_speech_threshold: Option<f32>,
    /// Samples drawn per temperature above 0; the likeliest (by mean log-probability) is kept.
    pub best_of: usize,
    /// Seed of the sampling RNG (mixed with the window position and the temperature).
    pub seed: u64,
}

/// Whisper's default temperature schedule.
pub const DEFAULT_TEMPERATURES: [f32; 6] = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0];

impl Default for FallbackConfig {
    fn default() -> Self {
        Self {
            temperatures: DEFAULT_TEMPERATURES.to_vec(),
            compression_ratio_threshold: Some(2.4),
            logprob_threshold: Some(-1.0),
            no_speech_threshold: Some(0.6),
            best_of: 1,
            seed: 0x5EED_0FF4_11BA,
        }
    }
}

/// What to do with one decoded window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Keep it.
    Accept,
    /// The window is silence: keep no text, do not retry.
    Silence,
    /// Decode again at the next temperature.
    Retry {
        /// The compression ratio is above the threshold.
        repetitive: bool,
        /// The mean log-probability is below the threshold.
        unsure: bool,
    },
}

/// The measures of one decoding attempt the decision needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AttemptScore {
    /// Temperature of the attempt.
    pub temperature: f32,
    /// Compression ratio of its text ([`compression_ratio`]).
    pub compression_ratio: f32,
    /// Mean log-probability of its tokens.
    pub avg_logprob: f32,
    /// Probability of no speech in the window.
    pub no_speech_prob: f32,
}

/// `len(text) / len(zlib(text))`, as Whisper's `compression_ratio` (zlib at the default level);
/// 0 for empty text. Text that repeats itself compresses well: natural speech of a window
/// stays under about 2, a decoder stuck in a loop goes far above 2.4.
pub fn compression_ratio(text: &str) -> f32 {
    if text.is_empty() {
        return 0.0;
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail; if it somehow did, report no repetition rather than guess.
    let compressed = match z.write_all(text.as_bytes()).and_then(|()| z.finish()) {
        Ok(c) if !c.is_empty() => c.len(),
        _ => return 0.0,
    };
    text.len() as f32 / compressed as f32
}

impl FallbackConfig {
    /// The temperature schedule, never empty.
    pub fn schedule(&self) -> &[f32] {
        if self.temperatures.is_empty() {
            &[0.0]
        } else {
            &self.temperatures
        }
    }

    /// Whether a window with this no-speech probability and mean log-probability is silence.
    pub fn is_silence(&self, no_speech_prob: f32, avg_logprob: f32) -> bool {
        match (self.no_speech_threshold, self.logprob_threshold) {
            (Some(ns), Some(lp)) => no_speech_prob > ns && avg_logprob < lp,
            _ => false,
        }
    }

    /// Judges one attempt, as the reference `decode_with_fallback` does.
    pub fn verdict(&self, a: &AttemptScore) -> Verdict {
        if self.is_silence(a.no_speech_prob, a.avg_logprob) {
            return Verdict::Silence;
        }
        let repetitive = self
            .compression_ratio_threshold
            .is_some_and(|t| a.compression_ratio > t);
        let unsure = self.logprob_threshold.is_some_and(|t| a.avg_logprob < t);
        if repetitive || unsure {
            Verdict::Retry { repetitive, unsure }
        } else {
            Verdict::Accept
        }
    }

    /// The attempt to keep when every temperature failed (faster-whisper's choice): the
    /// likeliest among those that are not repetition loops, else the likeliest of all.
    /// `None` only for an empty slice.
    pub fn best(&self, attempts: &[AttemptScore]) -> Option<usize> {
        let likeliest = |ok: &dyn Fn(&AttemptScore) -> bool| {
            attempts
                .iter()
                .enumerate()
                .filter(|(_, a)| ok(a))
                .max_by(|(_, a), (_, b)| a.avg_logprob.total_cmp(&b.avg_logprob))
                .map(|(i, _)| i)
        };
        let not_looping = |a: &AttemptScore| {
            self.compression_ratio_threshold
                .is_none_or(|t| a.compression_ratio <= t)
        };
        likeliest(&not_looping).or_else(|| likeliest(&|_| true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(t: f32, cr: f32, lp: f32, ns: f32) -> AttemptScore {
        AttemptScore {
            temperature: t,
            compression_ratio: cr,
            avg_logprob: lp,
            no_speech_prob: ns,
        }
    }

    #[test]
    fn compression_ratio_separates_loops_from_speech() {
        assert_eq!(compression_ratio(""), 0.0);
        let speech = " My stepfather beats me when he drinks, and yesterday he hit me again. \
                      I have bruises on my arms.";
        let r = compression_ratio(speech);
        assert!(r > 0.9 && r < 1.6, "natural sentence: {r}");
        let looping = " One moment, one moment, one moment, one moment, one moment, one \
                       moment, one moment, one moment, one moment, one moment.";
        let r = compression_ratio(looping);
        assert!(r > 2.4, "a loop must pass the threshold: {r}");
        // Same sizes as Python's zlib.compress at level 6 (miniz would give 22 bytes here).
        assert_eq!(compression_ratio(&"a".repeat(100)), 100.0 / 12.0);
        assert_eq!(compression_ratio(looping), 120.0 / 25.0);
        assert_eq!(compression_ratio(speech), 97.0 / 85.0);
    }

    #[test]
    fn verdicts_follow_the_reference_rules() {
        let c = FallbackConfig::default();
        assert_eq!(c.verdict(&attempt(0.0, 1.3, -0.3, 0.01)), Verdict::Accept);
        assert_eq!(
            c.verdict(&attempt(0.0, 3.1, -0.3, 0.01)),
            Verdict::Retry {
                repetitive: true,
                unsure: false
            }
        );
        assert_eq!(
            c.verdict(&attempt(0.0, 1.2, -1.4, 0.2)),
            Verdict::Retry {
                repetitive: false,
                unsure: true
            }
        );
        // Boundaries are strict, as in the reference (`>` and `<`).
        assert_eq!(c.verdict(&attempt(0.0, 2.4, -1.0, 0.6)), Verdict::Accept);
        // Silence wins over the retry: a likely-silent, unsure window is not re-decoded.
        assert_eq!(c.verdict(&attempt(0.0, 3.0, -1.5, 0.8)), Verdict::Silence);
        // ... but a confident decode of a window with a high no-speech probability is kept.
        assert_eq!(c.verdict(&attempt(0.0, 1.0, -0.5, 0.9)), Verdict::Accept);

        let off = FallbackConfig {
            compression_ratio_threshold: None,
            logprob_threshold: None,
            no_speech_threshold: None,
            ..FallbackConfig::default()
        };
        assert_eq!(off.verdict(&attempt(0.0, 9.0, -5.0, 0.99)), Verdict::Accept);
        assert!(!off.is_silence(0.99, -5.0));
        assert_eq!(
            FallbackConfig {
                temperatures: vec![],
                ..FallbackConfig::default()
            }
            .schedule(),
            &[0.0]
        );
    }

    #[test]
    fn best_prefers_likely_non_looping_attempts() {
        let c = FallbackConfig::default();
        assert_eq!(c.best(&[]), None);
        let tried = [
            attempt(0.0, 4.0, -0.2, 0.0), // likeliest, but a loop
            attempt(0.2, 1.5, -1.3, 0.0),
            attempt(0.4, 1.4, -1.1, 0.0), // best of the non-loops
            attempt(0.6, 1.6, -1.8, 0.0),
        ];
        assert_eq!(c.best(&tried), Some(2));
        let all_loops = [attempt(0.0, 4.0, -0.9, 0.0), attempt(0.2, 3.0, -0.4, 0.0)];
        assert_eq!(c.best(&all_loops), Some(1));
    }
}
