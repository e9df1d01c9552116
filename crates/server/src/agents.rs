//! The agent profiles the server answers calls with, built from the configuration.
//!
//! Models are loaded once and shared: one Whisper, one voice per voice name, one language model
//! per `[llm.<name>]` section, one Silero VAD model; each `[profiles.<name>]` becomes an
//! [`AgentHandler`] over them. The `echo` profile is always registered, so transports can be
//! checked without models. [`build_handlers`] returns the table the transports dispatch on.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use voxgate_agent::llm::{ChatMessage, EmbeddedLlm, LanguageModel, LlmConfig, Provider};
use voxgate_agent::tools::{Knowledge, KnowledgeConfig, ToolRegistry, ToolsConfig};
use voxgate_agent::transcript::{CallTranscript, Speaker, Turn};
use voxgate_agent::{AgentDeps, AgentHandler, AgentProfile, TranscriptSink};
use voxgate_audio::vad::VadBuilder;
use voxgate_call::{CallHandler, EchoHandler, ProfileHandlers};
use voxgate_privacy::PrivacyConfig;
use voxgate_speech::stt::WhisperStt;
use voxgate_speech::tts::{load_voice, Voice};
use voxgate_speech::{SpeechToText, TextToSpeech};

/// Errors building the agents; each names the profile or model at fault.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A model could not be loaded.
    #[error("loading {what}: {message} (run `voxgate models setup`)")]
    Model {
        /// Which model.
        what: String,
        /// Why.
        message: String,
    },
    /// A profile is inconsistent with the rest of the configuration.
    #[error("profile `{profile}`: {message}")]
    Profile {
        /// The profile.
        profile: String,
        /// What is wrong.
        message: String,
    },
    /// The tools or knowledge files could not be loaded.
    #[error("tools: {0}")]
    Tools(String),
    /// The privacy settings are invalid.
    #[error("privacy: {0}")]
    Privacy(String),
}

/// `[agent]`: whether calls are answered by the AI agent, and its shared engines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AgentSection {
    /// Answer calls with the agent profiles; when false only the `echo` profile exists.
    pub enabled: bool,
    /// Threads of the speech-to-text engine.
    pub stt_threads: usize,
    /// Voice activity detector: `silero` (neural, default) or `webrtc` (light).
    pub vad: String,
}

impl Default for AgentSection {
    fn default() -> Self {
        Self {
            enabled: true,
            stt_threads: 2,
            vad: "silero".into(),
        }
    }
}

/// The default `[llm.*]` table: the embedded model under the name `default`.
pub fn default_llms() -> BTreeMap<String, LlmConfig> {
    BTreeMap::from([("default".to_owned(), LlmConfig::default())])
}

/// The default `[profiles.*]` table: one `default` profile, a utility's customer line that
/// knows the shipped sample customers and FAQ.
pub fn default_profiles() -> BTreeMap<String, AgentProfile> {
    BTreeMap::from([("default".to_owned(), AgentProfile::default())])
}

/// The default `[tools]`: the sample customer directory and FAQ shipped in `samples`.
pub fn default_tools() -> ToolsConfig {
    ToolsConfig {
        knowledge: KnowledgeConfig {
            customers: Some("samples/customers.csv".into()),
            faq: Some("samples/faq.json".into()),
            ..KnowledgeConfig::default()
        },
        ..ToolsConfig::default()
    }
}

/// What [`build_handlers`] needs from the configuration.
#[derive(Debug, Clone)]
pub struct AgentSettings<'a> {
    /// `[agent]`.
    pub agent: &'a AgentSection,
    /// `[llm.*]`.
    pub llms: &'a BTreeMap<String, LlmConfig>,
    /// `[profiles.*]`.
    pub profiles: &'a BTreeMap<String, AgentProfile>,
    /// `[tools]`.
    pub tools: &'a ToolsConfig,
    /// `[privacy]`, for transcripts.
    pub privacy: &'a PrivacyConfig,
    /// Where the models are.
    pub models_dir: &'a Path,
    /// The profile of calls that arrive without one.
    pub default_profile: &'a str,
    /// `[recording]`: each profile's recording policy.
    pub recording: &'a crate::recording::RecordingSection,
    /// Where consent answers go (the call store); `None` drops them, so a policy that asks
    /// for consent is refused.
    pub consent: Option<Arc<dyn voxgate_agent::dialog::consent::ConsentSink>>,
    /// Where call recordings go (the call store); `None` refuses policies with
    /// `record_audio`.
    pub recorder: Option<Arc<dyn voxgate_agent::dialog::recorder::AudioRecorder>>,
}

fn model_err(what: impl Into<String>, e: impl std::fmt::Display) -> Error {
    Error::Model {
        what: what.into(),
        message: e.to_string(),
    }
}

/// Loads the models the profiles use and returns the dispatch table (profile name -> handler),
/// with `echo` always present. Heavy: call once at start, on a blocking thread.
///
/// # Errors
/// [`Error`] naming the model, profile or file at fault.
pub fn build_handlers(
    settings: &AgentSettings<'_>,
    sink: Arc<dyn TranscriptSink>,
) -> Result<ProfileHandlers, Error> {
    let echo: Arc<dyn CallHandler> = Arc::new(EchoHandler::default());
    let mut table = ProfileHandlers::new()
        .with(EchoHandler::PROFILE, Arc::clone(&echo))
        .with_default(settings.default_profile);
    if !settings.agent.enabled {
        tracing::warn!("agent disabled: every profile answers with the echo test");
        for name in settings.profiles.keys() {
            table = table.with(name.clone(), Arc::clone(&echo));
        }
        return Ok(table);
    }
    let dir = settings.models_dir;
    let paths = voxgate_models::ModelPaths::resolve(dir);

    let stt: Arc<dyn SpeechToText> = Arc::new(
        WhisperStt::from_models_dir(dir, settings.agent.stt_threads.max(1))
            .map_err(|e| model_err("speech-to-text (Whisper)", e))?,
    );
    let vad = match settings.agent.vad.as_str() {
        "silero" => VadBuilder::silero(&paths.silero_safetensors)
            .map_err(|e| model_err("voice activity detector (Silero)", e))?,
        "webrtc" => VadBuilder::webrtc(voxgate_audio::vad::WebRtcMode::Aggressive),
        other => {
            return Err(Error::Profile {
                profile: "(agent)".into(),
                message: format!("unknown vad `{other}` (silero or webrtc)"),
            })
        }
    };
    let vad = Arc::new(vad.sample_rate(16_000));
    let (redactor, policy) = settings
        .privacy
        .build(None, None)
        .map_err(|e| Error::Privacy(e.to_string()))?;
    let (redactor, policy) = (Arc::new(redactor), Arc::new(policy));
    let knowledge =
        Knowledge::load(&settings.tools.knowledge).map_err(|e| Error::Tools(e.to_string()))?;
    let mut tools = ToolRegistry::with_knowledge(settings.tools, knowledge.clone())
        .map_err(|e| Error::Tools(e.to_string()))?;
    for (name, profile) in settings.profiles {
        tools = tools.allow_profile(name.clone(), &profile.tools);
    }

    let mut voices: BTreeMap<String, Arc<dyn TextToSpeech>> = BTreeMap::new();
    let mut llms: BTreeMap<String, Arc<dyn LanguageModel>> = BTreeMap::new();
    for (name, profile) in settings.profiles {
        let profile_err = |message: String| Error::Profile {
            profile: name.clone(),
            message,
        };
        if name == EchoHandler::PROFILE {
            return Err(profile_err(
                "`echo` is reserved for the echo test profile".into(),
            ));
        }
        let tts = match voices.get(&profile.voice) {
            Some(v) => Arc::clone(v),
            None => {
                let voice: Voice = profile
                    .voice
                    .parse()
                    .map_err(|_| profile_err(format!("unknown voice `{}`", profile.voice)))?;
                let v = load_voice(voice, dir)
                    .map_err(|e| model_err(format!("voice `{}`", profile.voice), e))?;
                voices.insert(profile.voice.clone(), Arc::clone(&v));
                v
            }
        };
        let llm = match llms.get(&profile.llm) {
            Some(l) => Arc::clone(l),
            None => {
                let config = settings.llms.get(&profile.llm).ok_or_else(|| {
                    profile_err(format!("no [llm.{}] section for its `llm`", profile.llm))
                })?;
                let l = build_llm(config, dir, settings.profiles, &profile.llm)?;
                llms.insert(profile.llm.clone(), Arc::clone(&l));
                l
            }
        };
        let mut profile = profile.clone();
        profile.name.clone_from(name);
        let deps = AgentDeps {
            stt: Arc::clone(&stt),
            tts,
            llm,
            vad: Arc::clone(&vad) as Arc<dyn voxgate_agent::VadFactory>,
            tools: tools.clone(),
            knowledge: knowledge.clone(),
            redactor: Arc::clone(&redactor),
            policy: Arc::clone(&policy),
            sink: Arc::clone(&sink),
        };
        let handler = AgentHandler::new(deps, profile).map_err(|e| profile_err(e.to_string()))?;
        let handler = crate::recording::apply(handler, settings).map_err(profile_err)?;
        table = table.with(name.clone(), Arc::new(handler));
    }
    Ok(table)
}

/// Builds one language model. The embedded model also evaluates, once, the system prompt of
/// every profile that uses it, so the first turn of each call only evaluates its own tokens.
fn build_llm(
    config: &LlmConfig,
    dir: &Path,
    profiles: &BTreeMap<String, AgentProfile>,
    name: &str,
) -> Result<Arc<dyn LanguageModel>, Error> {
    if config.provider != Provider::Embedded {
        return voxgate_agent::llm::build(config, dir)
            .map_err(|e| model_err(format!("language model `{name}`"), e));
    }
    let paths = voxgate_models::ModelPaths::resolve(dir);
    let llm = EmbeddedLlm::load_with(&paths.smollm2_gguf, &config.embedded)
        .map_err(|e| model_err(format!("language model `{name}` (SmolLM2)"), e))?;
    for profile in profiles.values().filter(|p| p.llm == name) {
        let started = std::time::Instant::now();
        match llm.warm_prefix(&[ChatMessage::system(profile.system_prompt.clone())]) {
            Ok(tokens) => tracing::info!(
                profile = %profile.name,
                tokens,
                ms = started.elapsed().as_millis() as u64,
                "system prompt evaluated ahead of calls"
            ),
            Err(e) => {
                tracing::warn!(profile = %profile.name, error = %e, "system prompt warm-up failed")
            }
        }
    }
    Ok(Arc::new(llm))
}

/// Stores every finished call's transcript in the encrypted call store: redacted turns in the
/// database, raw text (when a profile keeps it) sealed with the call's data key, the caller
/// only as a keyed hash.
#[derive(Debug, Clone)]
pub struct StoreTranscriptSink {
    calls: voxgate_store::calls::CallStore,
    analysis: Option<Arc<crate::analysis_service::AnalysisService>>,
}

impl StoreTranscriptSink {
    /// A sink writing to `calls`.
    pub fn new(calls: voxgate_store::calls::CallStore) -> Self {
        Self {
            calls,
            analysis: None,
        }
    }

    /// Also feeds the analysis service: caller turns to live analysis, stored calls to the
    /// post-call queue (as its `[analysis]` mode says).
    pub fn with_analysis(
        mut self,
        analysis: Arc<crate::analysis_service::AnalysisService>,
    ) -> Self {
        self.analysis = Some(analysis);
        self
    }
}

impl TranscriptSink for StoreTranscriptSink {
    fn turn(&self, call_id: &str, turn: &Turn) {
        if let Some(a) = &self.analysis {
            a.turn(call_id, turn);
        }
    }

    fn finished(&self, transcript: &CallTranscript) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            tracing::error!(call_id = %transcript.call_id, "no runtime to store the transcript on");
            return;
        };
        let calls = self.calls.clone();
        let t = transcript.clone();
        let analysis = self.analysis.clone();
        if let Some(a) = &analysis {
            a.call_ended(&t.call_id);
        }
        runtime.spawn(async move {
            match store_transcript(&calls, &t).await {
                Ok(()) => {
                    if let Some(a) = analysis {
                        a.call_stored(&t.call_id).await;
                    }
                }
                Err(e) => {
                    tracing::warn!(call_id = %t.call_id, error = %e, "storing the call transcript failed")
                }
            }
        });
    }
}

async fn store_transcript(
    calls: &voxgate_store::calls::CallStore,
    t: &CallTranscript,
) -> voxgate_store::Result<()> {
    let started = i64::try_from(t.started_at_ms).unwrap_or(i64::MAX);
    // A consent answer may have created the row during the call.
    crate::recording::ensure_call(
        calls,
        &voxgate_store::calls::NewCall {
            id: &t.call_id,
            transport: if t.transport.is_empty() {
                "unknown"
            } else {
                &t.transport
            },
            profile: Some(&t.profile),
            caller: t.caller.as_deref(),
            started_ms: started,
        },
    )
    .await?;
    for turn in &t.turns {
        let speaker = match turn.speaker {
            Speaker::Caller => "caller",
            Speaker::Agent => "agent",
        };
        calls
            .append_turn(
                &t.call_id,
                &voxgate_store::calls::Turn {
                    at_ms: i64::try_from(turn.started_at_ms).unwrap_or(i64::MAX),
                    speaker,
                    redacted_text: &turn.text,
                    raw_text: turn.raw_text.as_deref(),
                    pii: &[],
                },
            )
            .await?;
    }
    let ended = started.saturating_add(i64::try_from(t.duration_ms).unwrap_or(0));
    calls.finish_call(&t.call_id, ended, &t.end_reason).await
}

/// Configuration problems of the agent sections, one line each (part of `Config::validate`).
pub fn validate(config: &crate::config::Config) -> Vec<String> {
    let mut problems = Vec::new();
    if config.profiles.contains_key(EchoHandler::PROFILE) {
        problems.push("profiles.echo: `echo` is reserved for the echo test profile".into());
    }
    let known = |name: &str| name == EchoHandler::PROFILE || config.profiles.contains_key(name);
    if config.audiosocket.enabled && !known(&config.audiosocket.default_profile) {
        problems.push(format!(
            "audiosocket.default_profile = {:?} is not a [profiles.*] name or \"echo\"",
            config.audiosocket.default_profile
        ));
    }
    if !matches!(config.agent.vad.as_str(), "silero" | "webrtc") {
        problems.push(format!(
            "agent.vad = {:?}: use \"silero\" or \"webrtc\"",
            config.agent.vad
        ));
    }
    if config.agent.enabled {
        for (name, profile) in &config.profiles {
            if !config.llm.contains_key(&profile.llm) {
                problems.push(format!(
                    "profiles.{name}.llm = {:?} has no [llm.{}] section",
                    profile.llm, profile.llm
                ));
            }
            if let Err(e) = profile.validate() {
                problems.push(format!("profiles.{name}: {e}"));
            }
        }
    }
    problems
}
