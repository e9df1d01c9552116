//! Post-call analysis for Voxgate: audio in; redacted transcript, entities, case classification,
//! summary and QA score out, on a durable job queue.
//!
//! The pipeline ([`Analyzer::analyze_file`]) runs on the embedded models, synchronously on a
//! blocking thread:
//!
//! 1. **decode** the file (WAV, MP3, FLAC, Ogg, M4A; 8-48 kHz; size and duration limits) with
//!    `voxgate_audio::decode` and resample to 16 kHz;
//! 2. **segment** speech with the Silero VAD ([`segment`]) and batch segments into windows of up
//!    to 28 s (Whisper's context), cutting at silences over 2 s;
//! 3. **transcribe** each window with Whisper (timestamps shifted to call time);
//! 4. **redact** the whole transcript in one pass ([`redact`]) and report **entities** by type
//!    with their redacted values;
//! 5. **classify** with a configurable [`Taxonomy`] of weighted phrase rules (the default is the
//!    helpline one) and priority, optionally merged with a language model's answer;
//! 6. **summarise** with the language model over the redacted text, falling back to an
//!    extractive summary ([`summary`]);
//! 7. score **QA** ([`qa`]): opening, listening, proactiveness, resolution, hold, closing, each
//!    with its evidence sentences.
//!
//! The model and the stored result only ever see redacted text; the raw transcript is included
//! only when a request asks for it. [`worker::WorkerPool`] runs jobs from the store's
//! [`JobQueue`](voxgate_store::jobs::JobQueue) with leases, heartbeats, per-job timeout,
//! cancellation, retries and a signed webhook.
//!
//! ```
//! use voxgate_analysis::{Classifier, Taxonomy};
//! let c = Classifier::new(Taxonomy::default())?;
//! let r = c.classify("I want to end my life, I have pills here right now");
//! assert_eq!(r.category, "self_harm");
//! assert_eq!(r.priority, voxgate_analysis::Priority::Critical);
//! # Ok::<(), voxgate_analysis::Error>(())
//! ```

mod config;
mod error;
pub mod intake;
pub mod live;
pub mod pipeline;
pub mod qa;
pub mod redact;
pub mod results;
pub mod segment;
pub mod summary;
pub mod taxonomy;
pub mod text;
pub mod worker;

pub use config::{AnalysisConfig, ProcessingMode};
pub use error::{Error, Result};
pub use pipeline::{
    AnalysisResult, AnalyzeOptions, Analyzer, AnalyzerBuilder, Control, Progress, Stage,
};
pub use taxonomy::{Classification, Classifier, Priority, Taxonomy};
pub use worker::{AnalysisJob, JobSource, WorkerPool, WorkerSettings, JOB_KIND};

/// Parses a taxonomy written in TOML (the shape of [`Taxonomy`]).
///
/// # Errors
/// [`Error::Config`] when the text is not a valid taxonomy.
pub fn taxonomy_from_toml(text: &str) -> Result<Taxonomy> {
    let t: Taxonomy = toml::from_str(text).map_err(|e| Error::Config(format!("taxonomy: {e}")))?;
    Classifier::new(t.clone())?;
    Ok(t)
}

/// Builds an [`Analyzer`] from the models directory and the configuration: Whisper tiny.en,
/// Silero VAD, the privacy engine with the configured operator, the taxonomy and (when
/// `llm` is given and `config.llm_summary` is on) the language model.
///
/// # Errors
/// [`Error::Speech`] / [`Error::Audio`] when model files are missing (the message names
/// `voxgate models setup`), [`Error::Config`] for an invalid taxonomy or operator.
pub fn build_analyzer(
    models_dir: &std::path::Path,
    config: &AnalysisConfig,
    llm: Option<std::sync::Arc<dyn voxgate_agent::llm::LanguageModel>>,
) -> Result<Analyzer> {
    let paths = voxgate_models::ModelPaths::resolve(models_dir);
    let stt = voxgate_speech::stt::WhisperStt::from_models_dir(models_dir, config.stt_threads)?
        .with_fallback(config.stt_fallback());
    let vad = voxgate_audio::vad::VadBuilder::silero(&paths.silero_safetensors)?;
    let redactor = voxgate_privacy::RedactorBuilder::new().build()?;
    let op: voxgate_privacy::Operator = config.redaction_operator.parse()?;
    let policy = voxgate_privacy::Policy::with_default(op);
    policy.validate()?;
    let mut b = AnalyzerBuilder::new(std::sync::Arc::new(stt), vad, redactor, policy)
        .classifier(Classifier::new(config.taxonomy()?)?)
        .limits(config.decode_limits())
        .summary_budget(config.summary_max_tokens, 6_000);
    if let Some(llm) = llm.filter(|_| config.llm_summary || config.llm_classify) {
        b = b.llm(llm, config.llm_summary, config.llm_classify);
    }
    b.build()
}

/// Loads the embedded language model (SmolLM2) from the models directory.
///
/// # Errors
/// [`Error::Llm`] when the GGUF file is missing or unusable.
pub fn load_embedded_llm(
    models_dir: &std::path::Path,
) -> Result<std::sync::Arc<dyn voxgate_agent::llm::LanguageModel>> {
    let paths = voxgate_models::ModelPaths::resolve(models_dir);
    let llm = voxgate_agent::llm::EmbeddedLlm::load(&paths.smollm2_gguf)?;
    Ok(std::sync::Arc::new(llm))
}
