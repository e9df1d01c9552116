//! Fake providers shared by the dialog tests (`tests/dialog.rs`) and the dialog bench
//! (`benches/dialog.rs`, through `#[path]`): a level-based VAD, scripted or fixed
//! speech-to-text and language model, and a TTS that speaks a constant level per word.

// Each user takes what it needs.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::sync::Mutex;

use futures::StreamExt;
use voxgate_agent::llm::{
    ChatMessage, FinishReason, GenerateOptions, LanguageModel, LlmEvent, LlmStream, Usage,
};
use voxgate_agent::VadFactory;
use voxgate_audio::vad::VoiceActivityDetector;
use voxgate_speech::{SpeechToText, TextToSpeech, TranscribeOptions, Transcript};

/// Speech probability = mean |sample| / 0.5: a constant inbound value of 16384 scores 1.0,
/// 9830 scores 0.6 (above the endpointer's start threshold, below the barge-in threshold).
#[derive(Debug)]
pub struct LevelVad;

impl VoiceActivityDetector for LevelVad {
    fn sample_rate(&self) -> u32 {
        16_000
    }
    fn frame_size(&self) -> usize {
        320
    }
    fn process(&mut self, frame: &[f32]) -> voxgate_audio::Result<f32> {
        let mean = frame.iter().map(|s| s.abs()).sum::<f32>() / frame.len() as f32;
        Ok((mean / 0.5).min(1.0))
    }
    fn reset(&mut self) {}
}

/// Builds [`LevelVad`]s.
#[derive(Debug)]
pub struct LevelVadFactory;

impl VadFactory for LevelVadFactory {
    fn build(&self) -> voxgate_audio::Result<Box<dyn VoiceActivityDetector>> {
        Ok(Box::new(LevelVad))
    }
}

/// Returns scripted transcripts in order, then `then` (empty by default: nothing heard).
#[derive(Default)]
pub struct ScriptedStt {
    pub texts: Mutex<VecDeque<String>>,
    pub then: String,
    pub calls: AtomicUsize,
}

impl ScriptedStt {
    /// The transcripts `texts`, in order.
    pub fn new(texts: &[&str]) -> Self {
        Self {
            texts: Mutex::new(texts.iter().map(|s| (*s).to_string()).collect()),
            ..Self::default()
        }
    }

    /// Always `text`.
    pub fn always(text: &str) -> Self {
        Self {
            then: text.to_string(),
            ..Self::default()
        }
    }

    /// Transcriptions run so far.
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

impl SpeechToText for ScriptedStt {
    fn transcribe(
        &self,
        samples_16k: &[f32],
        _options: &TranscribeOptions,
    ) -> voxgate_speech::Result<Transcript> {
        assert!(!samples_16k.is_empty(), "empty utterance sent to STT");
        self.calls.fetch_add(1, Ordering::SeqCst);
        let text = self
            .texts
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| self.then.clone());
        Ok(Transcript {
            text,
            segments: Vec::new(),
        })
    }
    fn name(&self) -> &'static str {
        "scripted"
    }
}

/// A constant `level` for `ms_per_word` per word, at `rate`.
pub struct WordTts {
    pub rate: u32,
    pub ms_per_word: u32,
    pub level: f32,
}

/// The level [`WordTts::default`] speaks at.
pub const TTS_LEVEL: f32 = 0.25;

impl Default for WordTts {
    /// 100 ms of [`TTS_LEVEL`] per word at 16 kHz.
    fn default() -> Self {
        Self {
            rate: 16_000,
            ms_per_word: 100,
            level: TTS_LEVEL,
        }
    }
}

impl TextToSpeech for WordTts {
    fn sample_rate(&self) -> u32 {
        self.rate
    }
    fn synthesize(&self, text: &str) -> voxgate_speech::Result<Vec<f32>> {
        let words = text.split_whitespace().count().max(1);
        let per_word = (self.rate * self.ms_per_word / 1000) as usize;
        Ok(vec![self.level; words * per_word])
    }
    fn name(&self) -> &'static str {
        "words"
    }
}

/// One generation of [`ScriptedLlm`].
#[derive(Clone)]
pub enum Script {
    Events(Vec<LlmEvent>),
    Fail,
    Hang,
    /// These events, then nothing more (a model that stalls mid-reply).
    Stall(Vec<LlmEvent>),
}

/// Plays one script per generation (then `then`) and records the conversations it was given.
pub struct ScriptedLlm {
    pub scripts: Mutex<VecDeque<Script>>,
    pub then: Script,
    pub seen: Mutex<Vec<(Vec<ChatMessage>, GenerateOptions)>>,
    /// Keep the conversations given (off in the bench, where they would pile up).
    pub record: bool,
}

impl ScriptedLlm {
    /// `scripts` in order, then empty replies.
    pub fn new(scripts: Vec<Script>) -> Arc<Self> {
        Arc::new(Self {
            scripts: Mutex::new(scripts.into()),
            then: Script::Events(vec![finish(FinishReason::Stop)]),
            seen: Mutex::default(),
            record: true,
        })
    }

    /// Always `script`, without recording.
    pub fn always(script: Script) -> Arc<Self> {
        Arc::new(Self {
            scripts: Mutex::default(),
            then: script,
            seen: Mutex::default(),
            record: false,
        })
    }

    /// The conversations given so far.
    pub fn conversations(&self) -> Vec<Vec<ChatMessage>> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|(m, _)| m.clone())
            .collect()
    }
}

/// The end of a model round.
pub fn finish(reason: FinishReason) -> LlmEvent {
    LlmEvent::Finish {
        reason,
        usage: Usage::default(),
    }
}

/// A reply streamed word by word.
pub fn says(text: &str) -> Script {
    let mut ev: Vec<LlmEvent> = text
        .split_inclusive(' ')
        .map(|w| LlmEvent::TextDelta(w.to_string()))
        .collect();
    ev.push(finish(FinishReason::Stop));
    Script::Events(ev)
}

impl LanguageModel for ScriptedLlm {
    fn generate(&self, messages: &[ChatMessage], options: &GenerateOptions) -> LlmStream {
        if self.record {
            self.seen
                .lock()
                .unwrap()
                .push((messages.to_vec(), options.clone()));
        }
        let script = self
            .scripts
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| self.then.clone());
        match script {
            Script::Events(ev) => Box::pin(futures::stream::iter(ev.into_iter().map(Ok))),
            Script::Fail => Box::pin(futures::stream::iter([Err(
                voxgate_agent::Error::Transport("connection refused".into()),
            )])),
            Script::Hang => Box::pin(futures::stream::pending()),
            Script::Stall(ev) => Box::pin(
                futures::stream::iter(ev.into_iter().map(Ok)).chain(futures::stream::pending()),
            ),
        }
    }
    fn name(&self) -> &str {
        "scripted"
    }
}
