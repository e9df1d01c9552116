//! Speech-to-text and text-to-speech engines for Voxgate.
//!
//! The call pipeline and the analysis service talk to speech engines only through the two traits
//! defined here, [`SpeechToText`] and [`TextToSpeech`]; the engines themselves (Whisper on candle,
//! Piper on ONNX Runtime, espeak-ng) live in the [`stt`] and [`tts`] modules. Inference is
//! CPU-bound and synchronous: async callers run it on a blocking thread.

pub mod stt;
pub mod tts;

/// Errors from speech engines.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A model file is missing or unreadable; the message names the setup command to run.
    #[error("model not available: {0}")]
    ModelMissing(String),
    /// A model file exists but its contents are not what the engine expects.
    #[error("model is invalid: {0}")]
    ModelInvalid(String),
    /// The input audio or text cannot be processed (empty, wrong rate, too long).
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// The inference engine failed.
    #[error("inference failed: {0}")]
    Inference(String),
}

/// Result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// One timed piece of a transcript.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Segment {
    /// Start time in seconds from the start of the audio.
    pub start_s: f32,
    /// End time in seconds from the start of the audio.
    pub end_s: f32,
    /// Recognised text of this segment.
    pub text: String,
}

/// The result of transcribing one utterance or file.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Transcript {
    /// Full text, segments joined.
    pub text: String,
    /// Timed segments.
    pub segments: Vec<Segment>,
}

/// Decoding strategy for speech-to-text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoding {
    /// Greedy (argmax) decoding: fastest.
    Greedy,
    /// Beam search with the given beam width.
    Beam(usize),
}

/// Options for one transcription.
#[derive(Debug, Clone)]
pub struct TranscribeOptions {
    /// Decoding strategy.
    pub decoding: Decoding,
    /// Whether to produce segment timestamps.
    pub timestamps: bool,
}

impl Default for TranscribeOptions {
    fn default() -> Self {
        Self {
            decoding: Decoding::Greedy,
            timestamps: true,
        }
    }
}

/// A speech-to-text engine fed with 16 kHz mono PCM.
pub trait SpeechToText: Send + Sync {
    /// Transcribes one utterance or file of 16 kHz mono samples in [-1, 1].
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for empty or oversized input, [`Error::Inference`] when the engine fails.
    fn transcribe(&self, samples_16k: &[f32], options: &TranscribeOptions) -> Result<Transcript>;

    /// A short engine name for logs and metrics (low cardinality).
    fn name(&self) -> &'static str;
}

/// A text-to-speech engine that speaks one sentence at a time.
pub trait TextToSpeech: Send + Sync {
    /// The engine's native output sample rate in Hz.
    fn sample_rate(&self) -> u32;

    /// Synthesises one sentence (or short text) to mono samples in [-1, 1] at [`Self::sample_rate`].
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for text it cannot speak, [`Error::Inference`] when the engine fails.
    fn synthesize(&self, text: &str) -> Result<Vec<f32>>;

    /// A short engine name for logs and metrics (low cardinality).
    fn name(&self) -> &'static str;
}
