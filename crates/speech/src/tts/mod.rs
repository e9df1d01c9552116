//! Text-to-speech engines and sentence-by-sentence streaming.
//!
//! - [`PiperTts`]: the default neural voice (Piper/VITS on ONNX Runtime, loaded at run time from
//!   the models directory), phonemes from espeak-ng.
//! - [`EspeakTts`]: espeak-ng alone, the light fallback (no model files, a few ms a sentence).
//! - [`synthesize_stream`] / [`SpeechStream`]: split text into sentences ([`SentenceSplitter`]
//!   also works on text that is still arriving) and yield each sentence's audio as soon as it is
//!   ready, at the caller's rate (8/16/24 kHz...) through `voxgate_audio`'s resampler.
//!
//! Both engines run synchronously on the calling thread: async callers use `spawn_blocking`.
//! Engines are `Send + Sync`; load one at startup and share it (`Arc<dyn TextToSpeech>`).
//!
//! ```
//! use voxgate_speech::tts::split_sentences;
//! assert_eq!(split_sentences("It is 3.5 km. Dr. Lee drives!"), vec!["It is 3.5 km.", "Dr. Lee drives!"]);
//! ```

pub mod espeak;
pub mod piper;
pub mod sentences;
pub mod stream;

use std::sync::Arc;

pub use espeak::{espeak_available, phonemize, EspeakTts, ESPEAK_SAMPLE_RATE};
pub use piper::{onnx_environment, PiperConfig, PiperOptions, PiperTts};
pub use sentences::{split_sentences, SentenceSplitter};
pub use stream::{
    split_first_chunk, synthesize_16k, synthesize_at, synthesize_stream, SpeechChunk, SpeechStream,
    FIRST_CHUNK_MAX_BYTES,
};

use crate::{Result, TextToSpeech};

impl<T: TextToSpeech + ?Sized> TextToSpeech for &T {
    fn sample_rate(&self) -> u32 {
        (**self).sample_rate()
    }
    fn synthesize(&self, text: &str) -> Result<Vec<f32>> {
        (**self).synthesize(text)
    }
    fn name(&self) -> &'static str {
        (**self).name()
    }
}

impl<T: TextToSpeech + ?Sized> TextToSpeech for Arc<T> {
    fn sample_rate(&self) -> u32 {
        (**self).sample_rate()
    }
    fn synthesize(&self, text: &str) -> Result<Vec<f32>> {
        (**self).synthesize(text)
    }
    fn name(&self) -> &'static str {
        (**self).name()
    }
}

impl<T: TextToSpeech + ?Sized> TextToSpeech for Box<T> {
    fn sample_rate(&self) -> u32 {
        (**self).sample_rate()
    }
    fn synthesize(&self, text: &str) -> Result<Vec<f32>> {
        (**self).synthesize(text)
    }
    fn name(&self) -> &'static str {
        (**self).name()
    }
}

/// Which engine to speak with, as chosen on the command line or in config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Voice {
    /// The Piper neural voice (default).
    #[default]
    Piper,
    /// espeak-ng's formant voice `en-us`.
    Espeak,
}

impl std::str::FromStr for Voice {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "piper" => Ok(Self::Piper),
            "espeak" => Ok(Self::Espeak),
            other => Err(crate::Error::InvalidInput(format!(
                "unknown voice `{other}`: use piper or espeak"
            ))),
        }
    }
}

/// Loads the engine for `voice` from a models directory (Piper) or the system (espeak-ng).
///
/// # Errors
/// [`crate::Error::ModelMissing`] naming `voxgate models setup` (Piper) or the espeak-ng package.
pub fn load_voice(
    voice: Voice,
    models_dir: impl AsRef<std::path::Path>,
) -> Result<Arc<dyn TextToSpeech>> {
    Ok(match voice {
        Voice::Piper => Arc::new(PiperTts::from_models_dir(models_dir)?),
        Voice::Espeak => Arc::new(EspeakTts::new("en-us")?),
    })
}
