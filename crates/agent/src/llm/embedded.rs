//! The embedded provider: SmolLM2-135M-Instruct (GGUF Q4_1) in-process with candle.
//!
//! Inference is CPU-bound, so each generation runs on its own OS thread and feeds a bounded
//! channel; the thread checks the channel before every token and stops as soon as the
//! [`super::LlmStream`] is dropped. The weights are shared between generations (candle tensors
//! are reference counted); each generation gets its own KV cache. Matrix products use candle's
//! CPU thread pool (rayon: one thread per core, `RAYON_NUM_THREADS` to change it).
//!
//! The model cannot be trusted with tool calls (see ASSETS.md): [`super::GenerateOptions::tools`]
//! is ignored, and the facts a turn needs belong in the prompt.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use candle_core::quantized::gguf_file;
use candle_core::{Device, Tensor};
use candle_transformers::generation::{LogitsProcessor, Sampling};
use candle_transformers::models::quantized_llama::ModelWeights;

use super::chatml::{self, Segment};
use super::{
    BpeTokenizer, ChannelStream, ChatMessage, FinishReason, GenerateOptions, LanguageModel,
    LlmEvent, LlmStream, StopMatcher, Usage,
};
use crate::{Error, Result};

/// Penalty on logits of recently generated tokens: greedy decoding of a 135M model loops without it.
const REPEAT_PENALTY: f32 = 1.1;
/// How many recent tokens the repeat penalty looks at.
const REPEAT_LAST_N: usize = 64;
/// Events buffered between the inference thread and the consumer.
const CHANNEL_CAPACITY: usize = 16;

struct Inner {
    weights: ModelWeights,
    tokenizer: BpeTokenizer,
    im_start: u32,
    im_end: u32,
    context: usize,
    active: AtomicUsize,
}

/// SmolLM2 (or another llama-architecture ChatML GGUF) running in-process.
#[derive(Clone)]
pub struct EmbeddedLlm {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for EmbeddedLlm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmbeddedLlm")
            .field("vocab", &self.inner.tokenizer.vocab_size())
            .field("context", &self.inner.context)
            .finish_non_exhaustive()
    }
}

fn load_err(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::ModelLoad {
        path: PathBuf::from(path),
        reason: e.to_string(),
    }
}

fn infer_err(e: candle_core::Error) -> Error {
    Error::Inference(e.to_string())
}

impl EmbeddedLlm {
    /// Loads a llama-architecture GGUF with a ChatML vocabulary
    /// (`ModelPaths::resolve(dir).smollm2_gguf`).
    ///
    /// # Errors
    /// [`Error::ModelLoad`] if the file is missing or not a usable GGUF, [`Error::Tokenizer`] if
    /// its tokenizer metadata is incomplete or lacks the ChatML tokens.
    pub fn load(path: &Path) -> Result<Self> {
        let mut file = std::fs::File::open(path).map_err(|e| load_err(path, e))?;
        let content = gguf_file::Content::read(&mut file).map_err(|e| load_err(path, e))?;
        let tokenizer = BpeTokenizer::from_gguf(&content)?;
        let context = content
            .metadata
            .get("llama.context_length")
            .and_then(|v| v.to_u32().ok())
            .unwrap_or(2048) as usize;
        let special = |t: &str| {
            tokenizer
                .token_id(t)
                .ok_or_else(|| Error::Tokenizer(format!("vocabulary has no {t}")))
        };
        let im_start = special(chatml::IM_START)?;
        let im_end = special(chatml::IM_END)?;
        // candle 0.9's Q4_1 dot product is scalar, and its SIMD kernels for other formats need
        // AVX at compile time: speed depends on the build flags (see the crate's bench figures).
        let weights = ModelWeights::from_gguf(content, &mut file, &Device::Cpu)
            .map_err(|e| load_err(path, e))?;
        Ok(Self {
            inner: Arc::new(Inner {
                weights,
                tokenizer,
                im_start,
                im_end,
                context,
                active: AtomicUsize::new(0),
            }),
        })
    }

    /// The tokenizer read from the GGUF.
    pub fn tokenizer(&self) -> &BpeTokenizer {
        &self.inner.tokenizer
    }

    /// The model's context length in tokens.
    pub fn context_length(&self) -> usize {
        self.inner.context
    }

    /// Generations whose inference thread is still running.
    pub fn active_generations(&self) -> usize {
        self.inner.active.load(Ordering::SeqCst)
    }

    /// Token ids of the ChatML prompt for `messages`, ending with the assistant header.
    pub fn prompt_tokens(&self, messages: &[ChatMessage]) -> Vec<u32> {
        let mut ids = Vec::new();
        for seg in chatml::render_segments(messages) {
            match seg {
                Segment::Special(chatml::IM_START) => ids.push(self.inner.im_start),
                Segment::Special(_) => ids.push(self.inner.im_end),
                Segment::Text(t) => ids.extend(self.inner.tokenizer.encode(&t)),
            }
        }
        ids
    }
}

struct ActiveGuard(Arc<Inner>);

impl Drop for ActiveGuard {
    fn drop(&mut self) {
        self.0.active.fetch_sub(1, Ordering::SeqCst);
    }
}

type Sender = tokio::sync::mpsc::Sender<Result<LlmEvent>>;

/// Sends an event from the inference thread; `false` once the consumer is gone.
fn send(tx: &Sender, ev: Result<LlmEvent>) -> bool {
    tx.blocking_send(ev).is_ok()
}

/// Turns token bytes into text deltas, holding back incomplete UTF-8 sequences.
#[derive(Default)]
struct Utf8Buffer(Vec<u8>);

impl Utf8Buffer {
    fn push(&mut self, bytes: &[u8]) -> String {
        self.0.extend_from_slice(bytes);
        match std::str::from_utf8(&self.0) {
            Ok(s) => {
                let s = s.to_string();
                self.0.clear();
                s
            }
            Err(e) if e.error_len().is_none() => {
                let valid = e.valid_up_to();
                let s = String::from_utf8_lossy(&self.0[..valid]).into_owned();
                self.0.drain(..valid);
                s
            }
            Err(_) => String::from_utf8_lossy(&std::mem::take(&mut self.0)).into_owned(),
        }
    }
}

fn run(inner: &Inner, prompt: Vec<u32>, options: &GenerateOptions, tx: &Sender) -> Result<()> {
    let started = Instant::now();
    let device = Device::Cpu;
    let max_tokens = (options.max_tokens as usize).min(inner.context.saturating_sub(prompt.len()));
    let sampling = if options.temperature <= 1e-6 {
        Sampling::ArgMax
    } else {
        let temperature = f64::from(options.temperature);
        match options.top_p {
            Some(p) if p > 0.0 && p < 1.0 => Sampling::TopP {
                p: f64::from(p),
                temperature,
            },
            _ => Sampling::All { temperature },
        }
    };
    let mut sampler = LogitsProcessor::from_sampling(options.seed, sampling);
    let mut model = inner.weights.clone();
    let tokenizer = &inner.tokenizer;
    let mut stops = StopMatcher::new(&options.stop);
    let mut text = Utf8Buffer::default();
    let mut generated: Vec<u32> = Vec::new();

    let sample = |logits: Tensor, generated: &[u32], sampler: &mut LogitsProcessor| {
        let logits = logits.squeeze(0)?;
        let logits = if generated.is_empty() {
            logits
        } else {
            let start = generated.len().saturating_sub(REPEAT_LAST_N);
            candle_transformers::utils::apply_repeat_penalty(
                &logits,
                REPEAT_PENALTY,
                &generated[start..],
            )?
        };
        sampler.sample(&logits)
    };

    let input = Tensor::new(prompt.as_slice(), &device)
        .and_then(|t| t.unsqueeze(0))
        .map_err(infer_err)?;
    let logits = model.forward(&input, 0).map_err(infer_err)?;
    let mut next = sample(logits, &generated, &mut sampler).map_err(infer_err)?;
    let prefill = started.elapsed();
    let gen_started = Instant::now();

    let reason = loop {
        if next == inner.im_end || Some(next) == tokenizer.eos_id() {
            break FinishReason::Stop;
        }
        generated.push(next);
        let delta = text.push(&tokenizer.decode_bytes(&[next]));
        let (out, hit) = stops.push(&delta);
        if !out.is_empty() && !send(tx, Ok(LlmEvent::TextDelta(out))) {
            return Ok(());
        }
        if hit {
            break FinishReason::Stop;
        }
        if generated.len() >= max_tokens {
            break FinishReason::Length;
        }
        if tx.is_closed() {
            return Ok(());
        }
        let input = Tensor::new(&[next], &device)
            .and_then(|t| t.unsqueeze(0))
            .map_err(infer_err)?;
        let pos = prompt.len() + generated.len() - 1;
        let logits = model.forward(&input, pos).map_err(infer_err)?;
        next = sample(logits, &generated, &mut sampler).map_err(infer_err)?;
    };
    let rest = stops.finish();
    if !rest.is_empty() && !send(tx, Ok(LlmEvent::TextDelta(rest))) {
        return Ok(());
    }
    let usage = Usage {
        prompt_tokens: prompt.len() as u32,
        completion_tokens: generated.len() as u32,
        prefill: Some(prefill),
        generation: Some(gen_started.elapsed()),
    };
    send(tx, Ok(LlmEvent::Finish { reason, usage }));
    Ok(())
}

impl LanguageModel for EmbeddedLlm {
    fn generate(&self, messages: &[ChatMessage], options: &GenerateOptions) -> LlmStream {
        let prompt = self.prompt_tokens(messages);
        // Leave room for at least one generated token.
        if prompt.len() >= self.inner.context {
            return super::error_stream(Error::PromptTooLong {
                tokens: prompt.len(),
                limit: self.inner.context,
            });
        }
        let (tx, rx) = tokio::sync::mpsc::channel(CHANNEL_CAPACITY);
        let inner = Arc::clone(&self.inner);
        inner.active.fetch_add(1, Ordering::SeqCst);
        let guard = ActiveGuard(Arc::clone(&inner));
        let options = options.clone();
        let spawned = std::thread::Builder::new()
            .name("voxgate-llm".into())
            .spawn(move || {
                let _guard = guard;
                if let Err(e) = run(&inner, prompt, &options, &tx) {
                    send(&tx, Err(e));
                }
            });
        match spawned {
            Ok(_) => Box::pin(ChannelStream::new(rx, None)),
            Err(e) => super::error_stream(Error::Inference(format!("cannot start thread: {e}"))),
        }
    }

    fn name(&self) -> &str {
        "embedded"
    }
}
