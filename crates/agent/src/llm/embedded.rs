//! The embedded provider: SmolLM2-135M-Instruct (GGUF Q4_1) in-process with candle.
//!
//! Inference is CPU-bound, so each generation runs on its own OS thread and feeds a bounded
//! channel; the thread checks the channel before every token and stops as soon as the
//! [`super::LlmStream`] is dropped. At most [`EmbeddedOptions::max_concurrent`] generations
//! compute at once (the others wait for a slot, and give up when their stream is dropped).
//!
//! The weights ([`super::llama::Llama`]) are shared read-only; each generation owns a
//! [`super::llama::KvCache`]. A small LRU of recent conversations' caches, keyed by token
//! sequence, gives each new generation the longest common prefix of its prompt, so a dialog
//! turn evaluates only what is new since the last turn and a new call reuses the system prompt
//! of earlier calls ([`EmbeddedLlm::warm_prefix`] computes it ahead of the first call). The
//! reuse is exact: the same greedy reply as a cold evaluation.
//!
//! Matrix products use candle's CPU thread pool (rayon: one thread per core,
//! `RAYON_NUM_THREADS` to change it); concurrent generations share that pool rather than each
//! starting its own threads, so two generations on two cores do not oversubscribe them.
//!
//! The model cannot be trusted with tool calls (see ASSETS.md): [`super::GenerateOptions::tools`]
//! is ignored, and the facts a turn needs belong in the prompt.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use candle_core::quantized::gguf_file;
use candle_core::Tensor;
use candle_transformers::generation::{LogitsProcessor, Sampling};
use serde::Deserialize;

use super::chatml::{self, Segment};
use super::llama::{KvCache, Llama, WeightFormat};
use super::prefix_cache::PrefixCache;
use super::{
    BpeTokenizer, ChannelStream, ChatMessage, FinishReason, GenerateOptions, LanguageModel,
    LlmEvent, LlmStream, StopMatcher, Usage,
};
use crate::{Error, Result};

/// Penalty on logits of recently generated tokens: greedy decoding of a 135M model loops without it.
const REPEAT_PENALTY: f32 = 1.1;
/// How many recent tokens the repeat penalty looks at.
const REPEAT_LAST_N: usize = 64;
/// A reply never repeats a run of this many tokens (Hugging Face's `no_repeat_ngram_size`).
const NO_REPEAT_NGRAM: usize = 4;
/// Events buffered between the inference thread and the consumer.
const CHANNEL_CAPACITY: usize = 16;
/// Prompt tokens evaluated per forward pass: bounds the attention scratch memory and lets a
/// cancelled generation stop between chunks of a long prompt.
const PREFILL_CHUNK: usize = 256;
/// How often a generation waiting for a free slot checks whether it was cancelled.
const SLOT_POLL: Duration = Duration::from_millis(20);

/// Tuning of the embedded model (`[llm.embedded]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EmbeddedOptions {
    /// How the weights are held: `"hybrid"` (default: Q8_0 for decoding plus f32 copies for
    /// prompts, the fastest, about 680 MB), `"q8_0"` (formats without SIMD kernels re-quantized
    /// to Q8_0, about 150 MB, prompts several times slower), `"f32"` (all dequantized, decoding
    /// slower) or `"native"` (as stored; Q4_1 runs in scalar code). See [`WeightFormat`].
    pub weight_format: WeightFormatName,
    /// Generations running at once; the others wait (in order of arrival, roughly) for a slot.
    /// The matrix products of all generations share one thread pool of one thread per core.
    pub max_concurrent: usize,
    /// Tokens of recent conversations whose attention keys and values are kept, so a new turn
    /// evaluates only what is new since the last one (about 46 KB per token for SmolLM2-135M).
    /// `0` disables the prefix cache.
    pub prefix_cache_tokens: usize,
    /// Runs one short forward pass at load, so the first call does not pay for allocations.
    pub warm_up: bool,
}

impl Default for EmbeddedOptions {
    fn default() -> Self {
        Self {
            weight_format: WeightFormatName::Hybrid,
            max_concurrent: 2,
            prefix_cache_tokens: 4096,
            warm_up: true,
        }
    }
}

/// The serde spelling of [`WeightFormat`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum WeightFormatName {
    /// [`WeightFormat::Hybrid`].
    #[default]
    #[serde(rename = "hybrid")]
    Hybrid,
    /// [`WeightFormat::Q8_0`].
    #[serde(rename = "q8_0")]
    Q8_0,
    /// [`WeightFormat::F32`].
    #[serde(rename = "f32")]
    F32,
    /// [`WeightFormat::Native`].
    #[serde(rename = "native")]
    Native,
}

impl From<WeightFormatName> for WeightFormat {
    fn from(n: WeightFormatName) -> Self {
        match n {
            WeightFormatName::Hybrid => WeightFormat::Hybrid,
            WeightFormatName::Q8_0 => WeightFormat::Q8_0,
            WeightFormatName::F32 => WeightFormat::F32,
            WeightFormatName::Native => WeightFormat::Native,
        }
    }
}

impl From<WeightFormat> for WeightFormatName {
    fn from(f: WeightFormat) -> Self {
        match f {
            WeightFormat::Hybrid => WeightFormatName::Hybrid,
            WeightFormat::Q8_0 => WeightFormatName::Q8_0,
            WeightFormat::F32 => WeightFormatName::F32,
            WeightFormat::Native => WeightFormatName::Native,
        }
    }
}

/// Counters of the prefix cache, since load.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Generations (and warmed prefixes) started.
    pub generations: u64,
    /// Prompt tokens taken from the prefix cache instead of being evaluated.
    pub reused_tokens: u64,
    /// Prompt tokens evaluated.
    pub evaluated_tokens: u64,
}

/// A counting semaphore for OS threads whose waiters can give up.
struct Slots {
    free: Mutex<usize>,
    freed: Condvar,
}

struct SlotGuard<'a>(&'a Slots);

impl Drop for SlotGuard<'_> {
    fn drop(&mut self) {
        *lock(&self.0.free) += 1;
        self.0.freed.notify_one();
    }
}

/// Locks a mutex, ignoring poisoning: the guarded data is a counter or a cache whose entries
/// are only replaced whole, so a panicking holder cannot leave it half-written.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Slots {
    fn new(n: usize) -> Self {
        Self {
            free: Mutex::new(n.max(1)),
            freed: Condvar::new(),
        }
    }

    /// Waits for a slot; `None` as soon as `cancelled` says so.
    fn acquire(&self, cancelled: impl Fn() -> bool) -> Option<SlotGuard<'_>> {
        let mut free = lock(&self.free);
        loop {
            if cancelled() {
                return None;
            }
            if *free > 0 {
                *free -= 1;
                return Some(SlotGuard(self));
            }
            free = self
                .freed
                .wait_timeout(free, SLOT_POLL)
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
    }
}

struct Inner {
    model: Llama,
    tokenizer: BpeTokenizer,
    im_start: u32,
    im_end: u32,
    context: usize,
    active: AtomicUsize,
    slots: Slots,
    prefix: Mutex<PrefixCache>,
    options: EmbeddedOptions,
    generations: AtomicU64,
    reused: AtomicU64,
    evaluated: AtomicU64,
}

impl Inner {
    /// A cache holding the longest known prefix of `prompt`, leaving at least `keep` tokens
    /// of the prompt to evaluate.
    fn cache_for(&self, prompt: &[u32], keep: usize) -> KvCache {
        let limit = prompt.len().saturating_sub(keep);
        lock(&self.prefix)
            .lookup(prompt, limit)
            .unwrap_or_else(|| self.model.new_cache())
    }

    fn store(&self, mut tokens: Vec<u32>, cache: KvCache, pinned: bool) {
        tokens.truncate(cache.len());
        lock(&self.prefix).insert(tokens, cache, pinned);
    }

    /// Evaluates `prompt[cache.len()..]` in chunks; the logits after the last token, or `None`
    /// if `cancelled` says so between two chunks.
    fn prefill(
        &self,
        prompt: &[u32],
        cache: &mut KvCache,
        cancelled: impl Fn() -> bool,
    ) -> Result<Option<Tensor>> {
        let reused = cache.len();
        self.generations.fetch_add(1, Ordering::Relaxed);
        self.reused.fetch_add(reused as u64, Ordering::Relaxed);
        self.evaluated
            .fetch_add((prompt.len() - reused) as u64, Ordering::Relaxed);
        let mut logits = None;
        for chunk in prompt[reused..].chunks(PREFILL_CHUNK) {
            if logits.is_some() && cancelled() {
                return Ok(None);
            }
            logits = Some(self.model.forward(chunk, cache).map_err(infer_err)?);
        }
        Ok(logits)
    }
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
            .field("options", &self.inner.options)
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
    /// (`ModelPaths::resolve(dir).smollm2_gguf`) with the default [`EmbeddedOptions`].
    ///
    /// # Errors
    /// [`Error::ModelLoad`] if the file is missing or not a usable GGUF, [`Error::Tokenizer`] if
    /// its tokenizer metadata is incomplete or lacks the ChatML tokens.
    pub fn load(path: &Path) -> Result<Self> {
        Self::load_with(path, &EmbeddedOptions::default())
    }

    /// Loads a llama-architecture GGUF with a ChatML vocabulary, tuned by `options`.
    ///
    /// # Errors
    /// As [`Self::load`]; [`Error::Inference`] if the warm-up pass fails.
    pub fn load_with(path: &Path, options: &EmbeddedOptions) -> Result<Self> {
        let mut file = std::fs::File::open(path).map_err(|e| load_err(path, e))?;
        let content = gguf_file::Content::read(&mut file).map_err(|e| load_err(path, e))?;
        let tokenizer = BpeTokenizer::from_gguf(&content)?;
        let special = |t: &str| {
            tokenizer
                .token_id(t)
                .ok_or_else(|| Error::Tokenizer(format!("vocabulary has no {t}")))
        };
        let im_start = special(chatml::IM_START)?;
        let im_end = special(chatml::IM_END)?;
        let model = Llama::from_gguf(&content, &mut file, options.weight_format.into())
            .map_err(|e| load_err(path, e))?;
        let context = model.hparams().context;
        let llm = Self {
            inner: Arc::new(Inner {
                model,
                tokenizer,
                im_start,
                im_end,
                context,
                active: AtomicUsize::new(0),
                slots: Slots::new(options.max_concurrent),
                prefix: Mutex::new(PrefixCache::new(options.prefix_cache_tokens)),
                options: options.clone(),
                generations: AtomicU64::new(0),
                reused: AtomicU64::new(0),
                evaluated: AtomicU64::new(0),
            }),
        };
        if options.warm_up {
            llm.warm_up()?;
        }
        Ok(llm)
    }

    /// One short prefill and one decoding step, so that the thread pool is started and the
    /// allocator has seen the buffer sizes before the first caller waits on them.
    fn warm_up(&self) -> Result<()> {
        let inner = &self.inner;
        let mut cache = inner.model.new_cache();
        let nl = inner.tokenizer.encode("\n");
        let mut tokens = vec![inner.im_start];
        tokens.extend(&nl);
        tokens.push(inner.im_end);
        inner
            .model
            .forward(&tokens, &mut cache)
            .map_err(infer_err)?;
        inner
            .model
            .forward(&[inner.im_start], &mut cache)
            .map_err(infer_err)?;
        Ok(())
    }

    /// The tokenizer read from the GGUF.
    pub fn tokenizer(&self) -> &BpeTokenizer {
        &self.inner.tokenizer
    }

    /// The model's context length in tokens.
    pub fn context_length(&self) -> usize {
        self.inner.context
    }

    /// The options the model was loaded with.
    pub fn options(&self) -> &EmbeddedOptions {
        &self.inner.options
    }

    /// Generations whose inference thread is still running.
    pub fn active_generations(&self) -> usize {
        self.inner.active.load(Ordering::SeqCst)
    }

    /// Prefix-cache counters since load.
    pub fn cache_stats(&self) -> CacheStats {
        CacheStats {
            generations: self.inner.generations.load(Ordering::Relaxed),
            reused_tokens: self.inner.reused.load(Ordering::Relaxed),
            evaluated_tokens: self.inner.evaluated.load(Ordering::Relaxed),
        }
    }

    /// Forgets every cached conversation, warmed prefixes included.
    pub fn clear_prefix_cache(&self) {
        lock(&self.inner.prefix).clear();
    }

    fn tokens_of(&self, segments: Vec<Segment>) -> Vec<u32> {
        let mut ids = Vec::new();
        for seg in segments {
            match seg {
                Segment::Special(chatml::IM_START) => ids.push(self.inner.im_start),
                Segment::Special(_) => ids.push(self.inner.im_end),
                Segment::Text(t) => ids.extend(self.inner.tokenizer.encode(&t)),
            }
        }
        ids
    }

    /// Token ids of the ChatML prompt for `messages`, ending with the assistant header.
    pub fn prompt_tokens(&self, messages: &[ChatMessage]) -> Vec<u32> {
        self.tokens_of(chatml::render_segments(messages))
    }

    /// Evaluates `messages` (typically an agent profile's system prompt) and keeps their keys
    /// and values until [`Self::clear_prefix_cache`], so the first turn of every call that
    /// starts with them evaluates only its own tokens. Returns the number of tokens evaluated.
    ///
    /// Blocking and CPU-bound (about a second for 250 tokens on two cores): call it from
    /// `tokio::task::spawn_blocking` or at startup. It waits for a generation slot.
    ///
    /// # Errors
    /// [`Error::PromptTooLong`] if the messages fill the context, [`Error::Inference`] if the
    /// forward pass fails.
    pub fn warm_prefix(&self, messages: &[ChatMessage]) -> Result<usize> {
        let mut segments = chatml::render_segments(messages);
        // Without the trailing generation prompt: the next message follows the history.
        segments.truncate(segments.len().saturating_sub(2));
        let tokens = self.tokens_of(segments);
        if tokens.len() >= self.inner.context {
            return Err(Error::PromptTooLong {
                tokens: tokens.len(),
                limit: self.inner.context,
            });
        }
        if tokens.is_empty() {
            return Ok(0);
        }
        let inner = &self.inner;
        let _slot = inner.slots.acquire(|| false);
        let mut cache = inner.cache_for(&tokens, 0);
        let before = cache.len();
        inner.prefill(&tokens, &mut cache, || false)?;
        let evaluated = tokens.len() - before;
        inner.store(tokens, cache, true);
        Ok(evaluated)
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

fn sampler_for(options: &GenerateOptions) -> LogitsProcessor {
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
    LogitsProcessor::from_sampling(options.seed, sampling)
}

fn sample(
    logits: &Tensor,
    generated: &[u32],
    sampler: &mut LogitsProcessor,
) -> candle_core::Result<u32> {
    if generated.is_empty() {
        return sampler.sample(logits);
    }
    let mut values = logits.to_dtype(candle_core::DType::F32)?.to_vec1::<f32>()?;
    penalize_repeats(&mut values, generated);
    let logits = Tensor::from_vec(values, logits.shape(), logits.device())?;
    sampler.sample(&logits)
}

/// The repeat penalty over the last [`REPEAT_LAST_N`] tokens, then a ban on any token that
/// would complete a [`NO_REPEAT_NGRAM`]-gram already in the reply: the penalty alone lets a
/// 135M model settle into a loop of one phrase.
fn penalize_repeats(logits: &mut [f32], generated: &[u32]) {
    let start = generated.len().saturating_sub(REPEAT_LAST_N);
    let mut seen = std::collections::HashSet::new();
    for &t in &generated[start..] {
        if !seen.insert(t) {
            continue;
        }
        if let Some(l) = logits.get_mut(t as usize) {
            *l = if *l >= 0.0 {
                *l / REPEAT_PENALTY
            } else {
                *l * REPEAT_PENALTY
            };
        }
    }
    let n = NO_REPEAT_NGRAM;
    if generated.len() < n {
        return;
    }
    let prefix = &generated[generated.len() - (n - 1)..];
    for w in generated.windows(n) {
        if w[..n - 1] == *prefix {
            if let Some(l) = logits.get_mut(w[n - 1] as usize) {
                *l = f32::NEG_INFINITY;
            }
        }
    }
}

/// Runs one generation on the calling (inference) thread.
fn run(inner: &Inner, prompt: Vec<u32>, options: &GenerateOptions, tx: &Sender) -> Result<()> {
    let Some(_slot) = inner.slots.acquire(|| tx.is_closed()) else {
        return Ok(());
    };
    // At least the last prompt token is evaluated: its logits give the first reply token.
    let mut cache = inner.cache_for(&prompt, 1);
    let mut generated = Vec::new();
    let result = decode(inner, &prompt, options, tx, &mut cache, &mut generated);
    // Cancelled or finished alike, the conversation so far is worth keeping: the next turn
    // resends it (with what the caller heard of this reply). After an error the cache may
    // be half-updated, so it is dropped.
    if result.is_ok() && inner.options.prefix_cache_tokens > 0 {
        let mut tokens = prompt;
        tokens.extend(generated);
        inner.store(tokens, cache, false);
    }
    // Finish goes out after the store, so a next turn started on it finds this one cached.
    match result {
        Ok(Some(finish)) => {
            send(tx, Ok(finish));
            Ok(())
        }
        Ok(None) => Ok(()),
        Err(e) => Err(e),
    }
}

fn decode(
    inner: &Inner,
    prompt: &[u32],
    options: &GenerateOptions,
    tx: &Sender,
    cache: &mut KvCache,
    generated: &mut Vec<u32>,
) -> Result<Option<LlmEvent>> {
    let started = Instant::now();
    let max_tokens = (options.max_tokens as usize).min(inner.context.saturating_sub(prompt.len()));
    let mut sampler = sampler_for(options);
    let tokenizer = &inner.tokenizer;
    let mut stops = StopMatcher::new(&options.stop);
    let mut text = Utf8Buffer::default();

    let Some(logits) = inner.prefill(prompt, cache, || tx.is_closed())? else {
        return Ok(None);
    };
    let mut next = sample(&logits, generated, &mut sampler).map_err(infer_err)?;
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
            return Ok(None);
        }
        if hit {
            break FinishReason::Stop;
        }
        if generated.len() >= max_tokens {
            break FinishReason::Length;
        }
        if tx.is_closed() {
            return Ok(None);
        }
        let logits = inner.model.forward(&[next], cache).map_err(infer_err)?;
        next = sample(&logits, generated, &mut sampler).map_err(infer_err)?;
    };
    let rest = stops.finish();
    if !rest.is_empty() && !send(tx, Ok(LlmEvent::TextDelta(rest))) {
        return Ok(None);
    }
    let usage = Usage {
        prompt_tokens: prompt.len() as u32,
        completion_tokens: generated.len() as u32,
        prefill: Some(prefill),
        generation: Some(gen_started.elapsed()),
    };
    Ok(Some(LlmEvent::Finish { reason, usage }))
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

#[cfg(test)]
#[path = "embedded_tests.rs"]
mod tests;
