//! Token search over one audio window: greedy and beam search with Whisper's logit rules
//! (suppressed tokens, blank suppression at the start, timestamp rules), plus splitting the
//! result into timed segments.

use super::model::{DecoderState, Whisper};
use super::tokenizer::SpecialTokens;
use crate::{Decoding, Result};

/// Seconds per timestamp token step.
pub const TIME_PRECISION: f32 = 0.02;
/// At most this many tokens are sampled per window (Whisper's `n_text_ctx / 2`).
const SAMPLE_LEN: usize = 224;
/// Token budget of a window: this many plus [`TOKENS_PER_SECOND`] per second of its audio.
const MIN_TOKEN_BUDGET: usize = 16;
/// About twice the tokens per second of fast speech (`max_timestamp` counts 20 ms steps).
const TOKENS_PER_SECOND: usize = 15;
/// The first timestamp may not be later than 1 s (Whisper's `max_initial_timestamp`).
const MAX_INITIAL_TIMESTAMP_INDEX: u32 = 50;

/// Static decoding configuration derived from the model files.
#[derive(Debug, Clone)]
pub struct DecodeConfig {
    pub special: SpecialTokens,
    /// Always suppressed (config `suppress_ids` plus the task/control tokens).
    pub suppress: Vec<u32>,
    /// Suppressed at the first sampled position (config `suppress_ids_begin`: blank and EOT).
    pub suppress_begin: Vec<u32>,
}

/// Result of decoding one window.
#[derive(Debug, Clone)]
pub struct WindowResult {
    /// Sampled tokens without the prompt and without the final EOT.
    pub tokens: Vec<u32>,
    /// Mean log-probability of the sampled tokens.
    pub avg_logprob: f32,
    /// Probability of `<|nocaptions|>` at the start of transcript.
    pub no_speech_prob: f32,
}

fn log_softmax_in_place(row: &mut [f32]) {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let sum: f32 = row.iter().map(|v| (v - max).exp()).sum();
    let lse = max + sum.ln();
    for v in row.iter_mut() {
        *v -= lse;
    }
}

fn logsumexp(xs: &[f32]) -> f32 {
    let max = xs.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    if max == f32::NEG_INFINITY {
        return max;
    }
    max + xs.iter().map(|v| (v - max).exp()).sum::<f32>().ln()
}

impl DecodeConfig {
    /// Applies the suppression and timestamp rules to one row of logits and returns it as
    /// log-probabilities. `sampled` are the tokens after the prompt; `max_timestamp` is the
    /// last timestamp index that lies inside the window's audio.
    fn filter(&self, row: &mut [f32], sampled: &[u32], timestamps: bool, max_timestamp: u32) {
        let sp = &self.special;
        let ts_begin = sp.timestamp_begin as usize;
        let ninf = f32::NEG_INFINITY;
        for &t in &self.suppress {
            if let Some(v) = row.get_mut(t as usize) {
                *v = ninf;
            }
        }
        if sampled.is_empty() {
            for &t in &self.suppress_begin {
                if let Some(v) = row.get_mut(t as usize) {
                    *v = ninf;
                }
            }
        }
        row[sp.no_timestamps as usize] = ninf;
        if !timestamps {
            row[ts_begin..].fill(ninf);
            log_softmax_in_place(row);
            return;
        }
        let is_ts = |t: u32| t >= sp.timestamp_begin;
        let last_was_ts = sampled.last().is_some_and(|&t| is_ts(t));
        let penultimate_was_ts = sampled.len() < 2 || is_ts(sampled[sampled.len() - 2]);
        if last_was_ts {
            if penultimate_was_ts {
                row[ts_begin..].fill(ninf);
            } else {
                row[..sp.eot as usize].fill(ninf);
            }
        }
        if let Some(&last_ts) = sampled.iter().rev().find(|&&t| is_ts(t)) {
            // Timestamps never decrease, and a segment has non-zero length.
            let bound = if last_was_ts && !penultimate_was_ts {
                last_ts
            } else {
                last_ts + 1
            };
            let end = (bound as usize).min(row.len());
            row[ts_begin..end].fill(ninf);
        }
        let mut last_allowed = max_timestamp;
        if sampled.is_empty() {
            row[..ts_begin].fill(ninf);
            last_allowed = last_allowed.min(MAX_INITIAL_TIMESTAMP_INDEX);
        }
        let cut = (ts_begin + last_allowed as usize + 1).min(row.len());
        row[cut..].fill(ninf);
        log_softmax_in_place(row);
        // If the timestamps together are likelier than any text token, force a timestamp.
        let ts_mass = logsumexp(&row[ts_begin..]);
        let max_text = row[..ts_begin]
            .iter()
            .copied()
            .fold(f32::NEG_INFINITY, f32::max);
        if ts_mass > max_text {
            row[..ts_begin].fill(ninf);
            // Renormalised, as the reference takes log_softmax after all filters: the scores
            // of beams and the mean log-probability the fallback judges stay true.
            log_softmax_in_place(row);
        }
    }
}

fn argmax(row: &[f32]) -> (u32, f32) {
    let mut best = (0u32, f32::NEG_INFINITY);
    for (i, &v) in row.iter().enumerate() {
        if v > best.1 {
            best = (i as u32, v);
        }
    }
    best
}

/// Feeds the prompt one token at a time (the first position gives the no-speech probability)
/// and returns the logits after the last prompt token plus that probability.
fn run_prompt(
    model: &Whisper,
    state: &mut DecoderState,
    cfg: &DecodeConfig,
    timestamps: bool,
    threads: usize,
) -> Result<(Vec<f32>, f32)> {
    let mut logits = model.decode(state, &[cfg.special.sot], 1, threads)?;
    let mut first = logits.clone();
    log_softmax_in_place(&mut first);
    let no_speech_prob = first[cfg.special.no_speech as usize].exp();
    if !timestamps {
        logits = model.decode(state, &[cfg.special.no_timestamps], 1, threads)?;
    }
    Ok((logits, no_speech_prob))
}

/// Tokens one window may sample. Fast speech is about 7 tokens a second (digits read one by
/// one included); the budget allows twice that, so a decoder caught in a repetition loop ("one
/// moment, one moment, ...") stops there instead of costing a short utterance a full
/// 224-token decode.
fn token_budget(model: &Whisper, state: &DecoderState, max_timestamp: u32) -> usize {
    let by_audio = MIN_TOKEN_BUDGET + max_timestamp as usize * 2 * TOKENS_PER_SECOND / 100;
    SAMPLE_LEN
        .min(by_audio)
        .min(model.max_positions.saturating_sub(state.offset + 1))
}

/// Draws a token from `softmax(row / temperature)` (`row` holds log-probabilities, `-inf` for
/// forbidden tokens) and returns it with its log-probability (untempered, as the reference
/// sums). Falls back to the argmax when nothing has weight.
fn sample_token(row: &[f32], temperature: f32, rng: &mut impl rand::Rng) -> (u32, f32) {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    if !max.is_finite() || temperature <= 0.0 {
        return argmax(row);
    }
    let inv_t = 1.0 / f64::from(temperature);
    let weight = |v: f32| (f64::from(v - max) * inv_t).exp();
    let total: f64 = row.iter().map(|&v| weight(v)).sum();
    let mut u = rng.gen::<f64>() * total;
    let mut last = None;
    for (i, &v) in row.iter().enumerate() {
        let w = weight(v);
        if w > 0.0 {
            if u < w {
                return (i as u32, v);
            }
            u -= w;
            last = Some((i as u32, v));
        }
    }
    // Only reached through rounding at the very end of the distribution.
    last.unwrap_or_else(|| argmax(row))
}

/// Most samples drawn at once for one window (they share the batch of the decoder).
const MAX_BEST_OF: usize = 8;

/// Decodes one window by sampling at `temperature` (> 0): `best_of` independent samples in one
/// decoder batch, keeping the one with the highest log-probability per token (the reference's
/// `MaximumLikelihoodRanker` without length penalty).
#[allow(clippy::too_many_arguments)]
pub fn sample_window(
    model: &Whisper,
    audio: &candle_core::Tensor,
    cfg: &DecodeConfig,
    temperature: f32,
    best_of: usize,
    timestamps: bool,
    max_timestamp: u32,
    threads: usize,
    rng: &mut impl rand::Rng,
) -> Result<WindowResult> {
    let mut state = model.start(audio)?;
    let (first, no_speech_prob) = run_prompt(model, &mut state, cfg, timestamps, threads)?;
    let max_len = token_budget(model, &state, max_timestamp);
    let n = best_of.clamp(1, MAX_BEST_OF);
    let vocab = model.vocab_size();
    if n > 1 {
        model.reorder(&mut state, &vec![0u32; n])?;
    }
    let mut logits = first.repeat(n);
    let mut samples: Vec<(Vec<u32>, f32)> = vec![(Vec::new(), 0.0); n];
    // Sample index of each row of the decoder batch; finished samples leave the batch.
    let mut active: Vec<usize> = (0..n).collect();
    for _ in 0..max_len {
        let mut keep = Vec::with_capacity(active.len());
        let mut step = Vec::with_capacity(active.len());
        for (r, &si) in active.iter().enumerate() {
            let row = &mut logits[r * vocab..(r + 1) * vocab];
            let (tokens, sum_lp) = &mut samples[si];
            cfg.filter(row, tokens, timestamps, max_timestamp);
            let (next, lp) = sample_token(row, temperature, rng);
            *sum_lp += lp;
            if next != cfg.special.eot {
                tokens.push(next);
                keep.push(r as u32);
                step.push(next);
            }
        }
        if step.is_empty() {
            break;
        }
        if keep.len() != active.len() {
            model.reorder(&mut state, &keep)?;
            active = keep.iter().map(|&r| active[r as usize]).collect();
        }
        logits = model.decode(&mut state, &step, step.len(), threads)?;
    }
    let score = |(t, lp): &(Vec<u32>, f32)| lp / t.len().max(1) as f32;
    let (tokens, sum_lp) = samples
        .into_iter()
        .max_by(|a, b| score(a).total_cmp(&score(b)))
        .unwrap_or_default();
    Ok(WindowResult {
        avg_logprob: sum_lp / (tokens.len() as f32 + 1.0),
        tokens,
        no_speech_prob,
    })
}

/// Decodes one window of encoded audio.
pub fn decode_window(
    model: &Whisper,
    audio: &candle_core::Tensor,
    cfg: &DecodeConfig,
    decoding: Decoding,
    timestamps: bool,
    max_timestamp: u32,
    threads: usize,
) -> Result<WindowResult> {
    let mut state = model.start(audio)?;
    let (logits, no_speech_prob) = run_prompt(model, &mut state, cfg, timestamps, threads)?;
    let max_len = token_budget(model, &state, max_timestamp);
    match decoding {
        Decoding::Greedy | Decoding::Beam(0 | 1) => {
            let mut row = logits;
            let mut tokens = Vec::new();
            let mut sum_lp = 0f32;
            for _ in 0..max_len {
                cfg.filter(&mut row, &tokens, timestamps, max_timestamp);
                let (next, lp) = argmax(&row);
                // The end token's log-probability counts, as in the reference's sum.
                sum_lp += lp;
                if next == cfg.special.eot {
                    break;
                }
                tokens.push(next);
                row = model.decode(&mut state, &[next], 1, threads)?;
            }
            let avg_logprob = sum_lp / (tokens.len() as f32 + 1.0);
            Ok(WindowResult {
                tokens,
                avg_logprob,
                no_speech_prob,
            })
        }
        Decoding::Beam(width) => {
            let width = width.min(16);
            beam_search(
                model,
                &mut state,
                cfg,
                logits,
                width,
                timestamps,
                max_timestamp,
                threads,
                max_len,
            )
            .map(|(tokens, avg_logprob)| WindowResult {
                tokens,
                avg_logprob,
                no_speech_prob,
            })
        }
    }
}

#[derive(Clone, Debug)]
struct Hyp {
    tokens: Vec<u32>,
    score: f32,
}

/// Beam search as in Whisper's `BeamSearchDecoder` (patience 1, length-normalised final ranking).
#[allow(clippy::too_many_arguments)]
fn beam_search(
    model: &Whisper,
    state: &mut DecoderState,
    cfg: &DecodeConfig,
    first_logits: Vec<f32>,
    width: usize,
    timestamps: bool,
    max_timestamp: u32,
    threads: usize,
    max_len: usize,
) -> Result<(Vec<u32>, f32)> {
    let vocab = model.vocab_size();
    let eot = cfg.special.eot;
    let mut beams = vec![Hyp {
        tokens: Vec::new(),
        score: 0.0,
    }];
    let mut logits = first_logits;
    let mut finished: Vec<Hyp> = Vec::new();
    for _ in 0..max_len {
        let mut candidates: Vec<(usize, u32, f32)> = Vec::new();
        for (b, hyp) in beams.iter().enumerate() {
            let row = &mut logits[b * vocab..(b + 1) * vocab];
            cfg.filter(row, &hyp.tokens, timestamps, max_timestamp);
            // The best width+1 tokens of this beam.
            let mut top: Vec<(u32, f32)> = Vec::with_capacity(width + 2);
            for (i, &v) in row.iter().enumerate() {
                if v == f32::NEG_INFINITY {
                    continue;
                }
                if top.len() <= width || v > top[top.len() - 1].1 {
                    let pos = top.partition_point(|&(_, s)| s >= v);
                    top.insert(pos, (i as u32, v));
                    top.truncate(width + 1);
                }
            }
            candidates.extend(top.into_iter().map(|(t, lp)| (b, t, hyp.score + lp)));
        }
        candidates.sort_by(|a, b| b.2.total_cmp(&a.2));
        let mut next = Vec::with_capacity(width);
        let mut keep = Vec::with_capacity(width);
        for (b, t, score) in candidates {
            if t == eot {
                if finished.len() < width {
                    finished.push(Hyp {
                        tokens: beams[b].tokens.clone(),
                        score,
                    });
                }
            } else if next.len() < width {
                let mut tokens = beams[b].tokens.clone();
                tokens.push(t);
                next.push(Hyp { tokens, score });
                keep.push(b as u32);
            }
            // Like Whisper: only finished hypotheses ranked above the last kept beam count.
            if next.len() >= width {
                break;
            }
        }
        if finished.len() >= width || next.is_empty() {
            break;
        }
        model.reorder(state, &keep)?;
        let step: Vec<u32> = next
            .iter()
            .filter_map(|h| h.tokens.last().copied())
            .collect();
        logits = model.decode(state, &step, step.len(), threads)?;
        beams = next;
    }
    if finished.is_empty() {
        finished = beams;
    }
    let best = finished
        .into_iter()
        .max_by(|a, b| {
            let la = a.score / (a.tokens.len() as f32 + 1.0);
            let lb = b.score / (b.tokens.len() as f32 + 1.0);
            la.total_cmp(&lb)
        })
        .unwrap_or(Hyp {
            tokens: Vec::new(),
            score: 0.0,
        });
    let avg = best.score / (best.tokens.len() as f32 + 1.0);
    Ok((best.tokens, avg))
}

/// A segment in token form, times relative to the window start.
#[derive(Debug, Clone)]
pub struct TokenSegment {
    pub start_s: f32,
    pub end_s: f32,
    pub tokens: Vec<u32>,
}

/// Splits sampled tokens at timestamp pairs, as Whisper's `transcribe` does. Returns the
/// segments and how many mel frames of the window were consumed (where the next window starts).
pub fn split_segments(
    tokens: &[u32],
    ts_begin: u32,
    window_frames: usize,
    window_s: f32,
) -> (Vec<TokenSegment>, usize) {
    let is_ts = |t: u32| t >= ts_begin;
    let ts_time = |t: u32| (t - ts_begin) as f32 * TIME_PRECISION;
    let n = tokens.len();
    let single_ending = n >= 2 && !is_ts(tokens[n - 2]) && is_ts(tokens[n - 1]);
    let mut slices: Vec<usize> = (1..n)
        .filter(|&i| is_ts(tokens[i - 1]) && is_ts(tokens[i]))
        .collect();
    let mut segments = Vec::new();
    if slices.is_empty() {
        let mut end = window_s;
        if let Some(&last) = tokens.iter().rev().find(|&&t| is_ts(t)) {
            if last != ts_begin {
                end = ts_time(last);
            }
        }
        let text: Vec<u32> = tokens.iter().copied().filter(|&t| !is_ts(t)).collect();
        if !text.is_empty() {
            segments.push(TokenSegment {
                start_s: 0.0,
                end_s: end,
                tokens: text,
            });
        }
        return (segments, window_frames);
    }
    if single_ending {
        slices.push(n);
    }
    let mut last = 0;
    for &cur in &slices {
        let piece = &tokens[last..cur];
        last = cur;
        let (Some(&first), Some(&end)) = (piece.first(), piece.last()) else {
            continue;
        };
        let text: Vec<u32> = piece.iter().copied().filter(|&t| !is_ts(t)).collect();
        if text.is_empty() {
            continue;
        }
        segments.push(TokenSegment {
            start_s: if is_ts(first) { ts_time(first) } else { 0.0 },
            end_s: if is_ts(end) { ts_time(end) } else { window_s },
            tokens: text,
        });
    }
    let consumed = if single_ending {
        window_frames
    } else {
        // Resume at the last complete timestamp (2 mel frames per timestamp step).
        let last_ts = tokens[last.saturating_sub(1)];
        (((last_ts - ts_begin) as usize) * 2).clamp(1, window_frames)
    };
    (segments, consumed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TS: u32 = 50363;

    #[test]
    fn sampling_follows_the_tempered_distribution() {
        use rand::SeedableRng;
        let ninf = f32::NEG_INFINITY;
        let row = [0.8f32.ln(), ninf, 0.2f32.ln(), ninf];
        let freq = |t: f32, seed: u64| {
            let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
            let mut first = 0;
            for _ in 0..20_000 {
                let (tok, lp) = sample_token(&row, t, &mut rng);
                assert!(tok == 0 || tok == 2, "a forbidden token was drawn");
                // The untempered log-probability comes back with the token.
                assert_eq!(lp, row[tok as usize]);
                first += usize::from(tok == 0);
            }
            first as f32 / 20_000.0
        };
        assert!((freq(1.0, 1) - 0.8).abs() < 0.015, "{}", freq(1.0, 1));
        // T = 2 flattens: sqrt(.8) / (sqrt(.8) + sqrt(.2)) = 2/3.
        assert!((freq(2.0, 2) - 2.0 / 3.0).abs() < 0.015, "{}", freq(2.0, 2));
        // A tiny temperature is (almost) the argmax.
        assert!(freq(0.01, 3) > 0.9999);
        // Same seed, same draws.
        assert_eq!(freq(1.0, 7), freq(1.0, 7));
        // Nothing allowed: the argmax rule answers instead of a panic.
        let mut rng = rand::rngs::StdRng::seed_from_u64(0);
        assert_eq!(sample_token(&[ninf, ninf], 1.0, &mut rng).0, 0);
    }

    #[test]
    fn segments_split_at_timestamp_pairs() {
        // <|0.00|> a b <|1.00|><|1.00|> c <|2.50|>
        let tokens = [TS, 1, 2, TS + 50, TS + 50, 3, TS + 125];
        let (segs, consumed) = split_segments(&tokens, TS, 3000, 30.0);
        assert_eq!(segs.len(), 2);
        assert_eq!(segs[0].tokens, vec![1, 2]);
        assert!((segs[0].end_s - 1.0).abs() < 1e-6);
        assert!((segs[1].start_s - 1.0).abs() < 1e-6);
        assert!((segs[1].end_s - 2.5).abs() < 1e-6);
        assert_eq!(consumed, 3000);

        // Ends on a pair: the next window starts at the last timestamp.
        let tokens = [TS, 1, TS + 100, TS + 100, 2];
        let (segs, consumed) = split_segments(&tokens, TS, 3000, 30.0);
        assert_eq!(segs.len(), 1);
        assert_eq!(consumed, 200);
    }
}
