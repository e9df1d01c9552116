//! The per-call conversation loop: [`AgentHandler`] answers calls as an agent profile.
//!
//! One task per call runs a single `select!` over the caller's events, speech-to-text, the
//! model's token stream, text-to-speech, tool calls and the call's timers:
//!
//! 1. inbound audio is resampled to 16 kHz, scored by the VAD and cut into utterances by the
//!    endpointer;
//! 2. a finished utterance is transcribed on a blocking thread;
//! 3. the transcript (new facts from [`Knowledge`] enter it once, as a system message before the
//!    caller message that raised them) goes to the model,
//!    whose reply is split into sentences as the tokens arrive;
//! 4. each sentence is synthesized on a blocking thread, one at a time (sentence N+1 is
//!    synthesized while N plays), resampled to the call's rate and queued to the transport.
//!
//! The caller talking over the agent for `barge_in.min_speech_ms` at `barge_in.threshold` drops
//! the model stream, the pending sentences and the transport's queue at once; the transcript
//! keeps only the words the caller heard. See `docs/agent.md` for tuning.
//!
//! Under a recording policy with `record_audio`, [`recorder`] records both sides of the call
//! (caller left, agent right) once the caller has agreed.

mod call;
pub mod consent;
mod listener;
pub mod recorder;

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use voxgate_audio::vad::{VadBuilder, VoiceActivityDetector};
use voxgate_call::{CallHandler, CallSession};
use voxgate_privacy::{Policy, Redactor};
use voxgate_speech::{SpeechToText, TextToSpeech};

use crate::llm::LanguageModel;
use crate::profile::AgentProfile;
use crate::tools::{Knowledge, ToolRegistry};
use crate::transcript::TranscriptSink;
use crate::Result;

/// Makes one voice activity detector per call.
pub trait VadFactory: Send + Sync + fmt::Debug {
    /// A fresh detector (any rate the resampler handles; 16 kHz avoids a second resampler).
    ///
    /// # Errors
    /// When the detector cannot be built for its configured rate.
    fn build(&self) -> voxgate_audio::Result<Box<dyn VoiceActivityDetector>>;
}

impl VadFactory for VadBuilder {
    fn build(&self) -> voxgate_audio::Result<Box<dyn VoiceActivityDetector>> {
        VadBuilder::build(self)
    }
}

/// Everything an agent needs besides its profile; built once by the server and shared by every
/// profile and call (all cheap to clone).
#[derive(Clone)]
pub struct AgentDeps {
    /// Speech-to-text (16 kHz input).
    pub stt: Arc<dyn SpeechToText>,
    /// Text-to-speech for the profile's voice.
    pub tts: Arc<dyn TextToSpeech>,
    /// The language model for the profile's `llm`.
    pub llm: Arc<dyn LanguageModel>,
    /// Per-call voice activity detectors.
    pub vad: Arc<dyn VadFactory>,
    /// The tools the model may call (the profile must be allowed in the registry).
    pub tools: ToolRegistry,
    /// Operator data retrieved into the prompt each turn.
    pub knowledge: Knowledge,
    /// Redacts every transcript text.
    pub redactor: Arc<Redactor>,
    /// How redaction replaces what it finds.
    pub policy: Arc<Policy>,
    /// Receives the transcripts.
    pub sink: Arc<dyn TranscriptSink>,
}

impl fmt::Debug for AgentDeps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AgentDeps")
            .field("stt", &self.stt.name())
            .field("tts", &self.tts.name())
            .field("llm", &self.llm.name())
            .field("vad", &self.vad)
            .field("tools", &self.tools)
            .field("sink", &self.sink)
            .finish_non_exhaustive()
    }
}

/// Answers calls as one [`AgentProfile`]; register it with the transports as a
/// [`CallHandler`].
///
/// ```no_run
/// # use std::sync::Arc;
/// # use voxgate_agent::{AgentDeps, AgentHandler, AgentProfile};
/// # fn f(deps: AgentDeps) -> voxgate_agent::Result<()> {
/// let handler: Arc<dyn voxgate_call::CallHandler> =
///     Arc::new(AgentHandler::new(deps, AgentProfile::default())?);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct AgentHandler {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) deps: AgentDeps,
    pub(crate) profile: AgentProfile,
    pub(crate) recording: Option<consent::Recording>,
    /// Where recordings go when the policy records audio.
    pub(crate) audio_recorder: Option<Arc<dyn recorder::AudioRecorder>>,
}

impl fmt::Debug for AgentHandler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AgentHandler")
            .field("profile", &self.inner.profile.name)
            .field("deps", &self.inner.deps)
            .finish()
    }
}

impl AgentHandler {
    /// An agent answering as `profile`.
    ///
    /// # Errors
    /// [`crate::Error::Profile`] when the profile is invalid.
    pub fn new(deps: AgentDeps, profile: AgentProfile) -> Result<Self> {
        profile.validate()?;
        Ok(Self {
            inner: Arc::new(Inner {
                deps,
                profile,
                recording: None,
                audio_recorder: None,
            }),
        })
    }

    /// The profile this handler answers as.
    pub fn profile(&self) -> &AgentProfile {
        &self.inner.profile
    }

    /// Applies a recording policy to this profile's calls (see [`consent`]): what raw data
    /// they keep and whether the caller is asked first; answers go to `recording.sink`.
    ///
    /// # Errors
    /// [`crate::Error::Profile`] when the policy is invalid.
    pub fn with_recording(self, recording: consent::Recording) -> Result<Self> {
        recording.policy.validate(&recording.name)?;
        Ok(Self {
            inner: Arc::new(Inner {
                deps: self.inner.deps.clone(),
                profile: self.inner.profile.clone(),
                recording: Some(recording),
                audio_recorder: self.inner.audio_recorder.clone(),
            }),
        })
    }

    /// Where the audio of calls goes when their recording policy has `record_audio` (and the
    /// caller agreed, when asked): see [`recorder`]. Without one, such calls are not recorded.
    pub fn with_audio_recorder(self, audio_recorder: Arc<dyn recorder::AudioRecorder>) -> Self {
        Self {
            inner: Arc::new(Inner {
                deps: self.inner.deps.clone(),
                profile: self.inner.profile.clone(),
                recording: self.inner.recording.clone(),
                audio_recorder: Some(audio_recorder),
            }),
        }
    }
}

#[async_trait]
impl CallHandler for AgentHandler {
    async fn handle(&self, session: CallSession) {
        call::run(Arc::clone(&self.inner), session).await;
    }
}
