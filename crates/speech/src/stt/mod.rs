//! Speech-to-text: Whisper tiny.en running in-process on candle (CPU).
//!
//! [`WhisperStt`] loads the CTranslate2 `model.bin` of the `whisper-tiny-en` folder directly
//! (f16 weights widened to f32 at load, about 0.3 s; no conversion step), computes Whisper's
//! log-mel with [`mel::MelExtractor`], and decodes with greedy or beam search and Whisper's
//! timestamp rules.
//!
//! Speed comes from three choices, measured against faster-whisper int8 (see the `stt` bench
//! and `tools/compare_faster_whisper.py`):
//! - **reduced audio context**: a short utterance is encoded with its own mel frames plus a
//!   margin of padding ([`WhisperStt::with_audio_margin`]) instead of a 30 s window, which
//!   divides encoder work by up to 10 on 3 s turns;
//! - a **KV-cached decoder** with cross-attention keys/values computed once per window;
//! - the 51,864-row **vocabulary projection in int8** (20 MB read per token instead of 80 MB);
//! - hand-written **encoder self-attention and GELU kernels** (`kernels.rs`): blocked per head,
//!   no 54 MB score tensor per layer, vectorised `exp`/`erf`; this halved the encoder time of a
//!   full 30 s window (3.8 s to 1.9 s wall on a loaded 2-core host), which is what long files
//!   and the post-call analysis spend most of their time on.
//!
//! Long inputs are cut into 30 s windows and the next window starts at the last timestamp, as
//! Whisper's `transcribe` does. Each window goes through Whisper's **temperature fallback**
//! ([`fallback`], [`WhisperStt::with_fallback`]): a result that loops (zlib compression ratio
//! above 2.4) or that the model is unsure of (mean log-probability below -1) is decoded again
//! by seeded sampling at rising temperatures; the encoder output is reused, so a retry costs
//! decoder steps only. [`WhisperStt::transcribe_with_stats`] reports how often that happened.
//!
//! # Concurrency
//! The weights are immutable after [`WhisperStt::load`]; every call to
//! [`SpeechToText::transcribe`] builds its own decoder state, so one `WhisperStt` (behind an
//! `Arc`) serves several threads at once. With `threads` above 1 (given to `load`), tensor
//! kernels use candle's CPU thread pool (`RAYON_NUM_THREADS`, default: all cores) and the
//! vocabulary projection that many tasks; with 2 cores, run one transcription at a time per core
//! pair. With `threads = 1` each call runs on its own single thread, so N concurrent calls use
//! N cores and none waits for a thread another process has descheduled. Results are the same
//! bit for bit either way (no reduction depends on the thread count).

mod ct2;
mod decode;
pub mod fallback;
mod kernels;
pub mod mel;
mod model;
mod quant;
mod tokenizer;

use std::path::Path;
use std::time::Instant;

use decode::{decode_window, sample_window, split_segments, DecodeConfig, WindowResult};
pub use fallback::FallbackConfig;
use fallback::{compression_ratio, AttemptScore, Verdict};
use mel::{MelExtractor, HOP, SAMPLE_RATE};
use model::Whisper;
use rand::SeedableRng;
use tokenizer::Tokenizer;

use crate::{Error, Result, Segment, SpeechToText, TranscribeOptions, Transcript};

/// Longest input accepted in one call (samples at 16 kHz): 4 hours.
pub const MAX_SAMPLES: usize = 4 * 3600 * SAMPLE_RATE;

/// Default padding (mel frames, 10 ms each) added after an utterance shorter than 30 s before
/// encoding. Measured with the `stt` bench on 25 espeak utterances of 3-7.5 s (WER 16 kHz /
/// 8 kHz mu-law): margin 100 gave 7.12 % / 27.86 %, margin 200 6.81 % / 28.48 %, full 30 s
/// windows 6.19 % / 32.20 % (faster-whisper int8: 6.81 % / 28.2-29.7 %), at 3-4x less time
/// than full windows.
pub const DEFAULT_AUDIO_MARGIN_FRAMES: usize = 200;

/// How the windows of one transcription were decoded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DecodeStats {
    /// Windows decoded.
    pub windows: usize,
    /// Windows decoded more than once (the temperature-0 result failed a check).
    pub fallbacks: usize,
    /// Decodes run in all (one per window plus the retries).
    pub decodes: usize,
    /// Windows skipped as silence by the no-speech rule.
    pub silent_windows: usize,
    /// Temperature of the result kept, per window.
    pub temperatures: Vec<f32>,
}

/// Whisper tiny.en on candle; implements [`SpeechToText`].
#[derive(Debug)]
pub struct WhisperStt {
    model: Whisper,
    tokenizer: Tokenizer,
    config: DecodeConfig,
    mel: MelExtractor,
    threads: usize,
    margin_frames: Option<usize>,
    fallback: FallbackConfig,
}

fn read_config(path: &Path, special: tokenizer::SpecialTokens) -> Result<DecodeConfig> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::ModelMissing(format!(
            "{}: {e}; run `voxgate models setup`",
            path.display()
        ))
    })?;
    let json: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Error::ModelInvalid(format!("{}: {e}", path.display())))?;
    let ids = |key: &str| -> Vec<u32> {
        json[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_u64().and_then(|x| u32::try_from(x).ok()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut suppress = ids("suppress_ids");
    suppress.extend([
        special.transcribe,
        special.translate,
        special.sot,
        special.sot_prev,
        special.sot_lm,
        special.no_speech,
    ]);
    let mut suppress_begin = ids("suppress_ids_begin");
    if suppress_begin.is_empty() {
        suppress_begin = vec![220, special.eot];
    }
    Ok(DecodeConfig {
        special,
        suppress,
        suppress_begin,
    })
}

impl WhisperStt {
    /// Loads the model from a `whisper-tiny-en` folder (`model.bin`, `config.json`,
    /// `tokenizer.json`). `threads` above 1 splits the vocabulary projection over that many
    /// tasks and the tensor operations over candle's shared pool (lowest latency of one call on
    /// an idle host); 1 runs each call on one private thread (throughput of concurrent calls,
    /// and no stalls when another process holds a core).
    ///
    /// # Errors
    /// [`Error::ModelMissing`] (naming `voxgate models setup`) when a file is absent,
    /// [`Error::ModelInvalid`] when a file is not what the engine expects.
    pub fn load(model_dir: &Path, threads: usize) -> Result<Self> {
        let started = Instant::now();
        let model_path = model_dir.join("model.bin");
        let bytes = std::fs::read(&model_path).map_err(|e| {
            Error::ModelMissing(format!(
                "cannot read {}: {e}; run `voxgate models setup` to install the models",
                model_path.display()
            ))
        })?;
        let tokenizer = Tokenizer::load(&model_dir.join("tokenizer.json"))?;
        let config = read_config(&model_dir.join("config.json"), tokenizer.special)?;
        let ct2 = ct2::Ct2Model::parse(bytes)?;
        let model = Whisper::load(&ct2)?;
        drop(ct2);
        let vocab = model.vocab_size();
        if (tokenizer.special.timestamp_begin as usize) >= vocab {
            return Err(Error::ModelInvalid(format!(
                "tokenizer and model disagree: vocabulary of {vocab} tokens"
            )));
        }
        tracing::info!(
            elapsed_ms = started.elapsed().as_millis() as u64,
            "whisper model loaded"
        );
        Ok(Self {
            model,
            tokenizer,
            config,
            mel: MelExtractor::new(),
            threads: threads.max(1),
            margin_frames: Some(DEFAULT_AUDIO_MARGIN_FRAMES),
            fallback: FallbackConfig::default(),
        })
    }

    /// Loads the model from a models directory laid out by `voxgate models setup`, after a
    /// quick presence/size check of the Whisper files.
    ///
    /// # Errors
    /// [`Error::ModelMissing`] naming `voxgate models setup` when files are missing,
    /// [`Error::ModelInvalid`] when they are corrupt; otherwise as [`Self::load`].
    pub fn from_models_dir(models_dir: &Path, threads: usize) -> Result<Self> {
        let paths = voxgate_models::ModelPaths::resolve(models_dir);
        paths.verify_group("whisper-tiny-en").map_err(|e| match e {
            voxgate_models::Error::Missing { .. } => Error::ModelMissing(e.to_string()),
            other => Error::ModelInvalid(other.to_string()),
        })?;
        Self::load(&paths.whisper_dir, threads)
    }

    /// Sets the padding (in 10 ms mel frames) after a short utterance; `None` always encodes
    /// full 30 s windows like the reference implementation (slower, for comparison).
    pub fn with_audio_margin(mut self, frames: Option<usize>) -> Self {
        self.margin_frames = frames;
        self
    }

    /// Sets the temperature fallback and no-speech rule (Whisper's defaults unless changed;
    /// `temperatures: vec![0.0]` decodes each window once).
    pub fn with_fallback(mut self, fallback: FallbackConfig) -> Self {
        self.fallback = fallback;
        self
    }

    /// The temperature fallback in use.
    pub fn fallback(&self) -> &FallbackConfig {
        &self.fallback
    }

    /// Transcribes like [`SpeechToText::transcribe`] and also reports how the windows were
    /// decoded (how many needed the temperature fallback).
    ///
    /// # Errors
    /// As [`SpeechToText::transcribe`].
    pub fn transcribe_with_stats(
        &self,
        samples_16k: &[f32],
        options: &TranscribeOptions,
    ) -> Result<(Transcript, DecodeStats)> {
        if samples_16k.is_empty() {
            return Err(Error::InvalidInput("no audio samples".into()));
        }
        if samples_16k.len() > MAX_SAMPLES {
            return Err(Error::InvalidInput(format!(
                "{} s of audio exceeds the {} s limit",
                samples_16k.len() / SAMPLE_RATE,
                MAX_SAMPLES / SAMPLE_RATE
            )));
        }
        if samples_16k.iter().any(|s| !s.is_finite()) {
            return Err(Error::InvalidInput(
                "audio contains NaN or infinite samples".into(),
            ));
        }
        if let crate::Decoding::Beam(0) = options.decoding {
            return Err(Error::InvalidInput("beam width must be at least 1".into()));
        }
        if self.threads > 1 {
            return self.run(samples_16k, options);
        }
        // One thread: the call gets a private one-thread pool, so candle's matrix products and
        // the attention kernels run on it in order instead of splitting each operation over
        // the shared pool. On this project's 2-core host that split gained little (a 60 s call
        // analysed in 10.7 s at 2 threads, 10.4 s at 1; beside `yes > /dev/null`, 21.4 s and
        // 19.8 s) and, when the host was loaded further, each operation of each token waited
        // for a descheduled thread (once 221 s at 2 threads against 11 s at 1). A pool per call
        // keeps concurrent calls (analysis workers) independent of each other.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .thread_name(|_| "whisper".into())
            .build()
            .map_err(|e| Error::Inference(format!("cannot start a recogniser thread: {e}")))?;
        pool.install(|| self.run(samples_16k, options))
    }

    /// Decodes one encoded window through the temperature schedule: the first result that
    /// passes the checks, a silent window as it is, or the best of those tried.
    fn decode_with_fallback(
        &self,
        audio: &candle_core::Tensor,
        options: &TranscribeOptions,
        max_ts: u32,
        seek: usize,
        stats: &mut DecodeStats,
    ) -> Result<(WindowResult, AttemptScore)> {
        let fb = &self.fallback;
        let mut tried: Vec<(WindowResult, AttemptScore)> = Vec::new();
        for (i, &temperature) in fb.schedule().iter().enumerate() {
            let result = if temperature <= 0.0 {
                decode_window(
                    &self.model,
                    audio,
                    &self.config,
                    options.decoding,
                    options.timestamps,
                    max_ts,
                    self.threads,
                )?
            } else {
                // One stream per window and temperature: a window's transcript does not depend
                // on what was sampled before it.
                let mut rng = rand::rngs::StdRng::seed_from_u64(
                    fb.seed
                        ^ (seek as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                        ^ ((i as u64) << 56),
                );
                sample_window(
                    &self.model,
                    audio,
                    &self.config,
                    temperature,
                    fb.best_of,
                    options.timestamps,
                    max_ts,
                    self.threads,
                    &mut rng,
                )?
            };
            stats.decodes += 1;
            let score = AttemptScore {
                temperature,
                compression_ratio: compression_ratio(&self.tokenizer.decode(&result.tokens)),
                avg_logprob: result.avg_logprob,
                no_speech_prob: result.no_speech_prob,
            };
            match fb.verdict(&score) {
                Verdict::Accept | Verdict::Silence => {
                    if i > 0 {
                        stats.fallbacks += 1;
                    }
                    return Ok((result, score));
                }
                Verdict::Retry { repetitive, unsure } => {
                    tracing::debug!(
                        temperature,
                        compression_ratio = score.compression_ratio,
                        avg_logprob = score.avg_logprob,
                        repetitive,
                        unsure,
                        "whisper window needs a retry"
                    );
                    tried.push((result, score));
                }
            }
        }
        if tried.len() > 1 {
            stats.fallbacks += 1;
        }
        let scores: Vec<AttemptScore> = tried.iter().map(|(_, s)| *s).collect();
        let best = fb.best(&scores).unwrap_or(0);
        if best < tried.len() {
            Ok(tried.swap_remove(best))
        } else {
            Err(Error::Inference("no decoding attempt was made".into()))
        }
    }

    /// Transcribes a window-by-window, returning the transcript.
    fn run(
        &self,
        samples: &[f32],
        options: &TranscribeOptions,
    ) -> Result<(Transcript, DecodeStats)> {
        let mut stats = DecodeStats::default();
        let (mel, total_frames) = self.mel.compute(samples, HOP);
        // Frames that hold audio (the appended padding hop is not content).
        let content_frames = samples.len() / HOP;
        let full = self.model.max_frames;
        let mut seek = 0usize;
        let mut segments = Vec::new();
        while seek + 10 <= content_frames.max(10) && seek < content_frames {
            let window = (content_frames - seek).min(full);
            let enc_frames = match self.margin_frames {
                Some(margin) => (window + margin).min(full).next_multiple_of(2),
                None => full,
            }
            .min(full);
            // Zero-padded in log-mel space beyond the audio, as faster-whisper's pad_or_trim.
            let mut input = vec![0f32; 80 * enc_frames];
            let avail = (total_frames - seek).min(enc_frames);
            for m in 0..80 {
                let src = &mel[m * total_frames + seek..m * total_frames + seek + avail];
                input[m * enc_frames..m * enc_frames + avail].copy_from_slice(src);
            }
            let t_enc = Instant::now();
            let audio = self.model.encode(&input, enc_frames)?;
            let enc_s = t_enc.elapsed().as_secs_f64();
            let t_dec = Instant::now();
            let max_ts = (window / 2) as u32;
            let (result, score) =
                self.decode_with_fallback(&audio, options, max_ts, seek, &mut stats)?;
            stats.windows += 1;
            stats.temperatures.push(score.temperature);
            tracing::debug!(
                enc_frames,
                encode_ms = (enc_s * 1e3) as u64,
                decode_ms = t_dec.elapsed().as_millis() as u64,
                tokens = result.tokens.len(),
                temperature = score.temperature,
                "whisper window"
            );
            let offset_s = seek as f32 / 100.0;
            let window_s = window as f32 / 100.0;
            if self
                .fallback
                .is_silence(result.no_speech_prob, result.avg_logprob)
            {
                stats.silent_windows += 1;
                seek += window;
                continue;
            }
            let (pieces, consumed) = split_segments(
                &result.tokens,
                self.config.special.timestamp_begin,
                window,
                window_s,
            );
            for p in pieces {
                let text = self.tokenizer.decode(&p.tokens).trim().to_owned();
                if text.is_empty() {
                    continue;
                }
                segments.push(Segment {
                    start_s: offset_s + p.start_s,
                    end_s: offset_s + p.end_s.min(window_s),
                    text,
                });
            }
            seek += consumed.max(1);
        }
        let text = segments
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        Ok((Transcript { text, segments }, stats))
    }
}

impl SpeechToText for WhisperStt {
    fn transcribe(&self, samples_16k: &[f32], options: &TranscribeOptions) -> Result<Transcript> {
        self.transcribe_with_stats(samples_16k, options)
            .map(|(t, _)| t)
    }

    fn name(&self) -> &'static str {
        "whisper-tiny-en"
    }
}
