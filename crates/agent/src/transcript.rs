//! Call transcripts: what was said, by whom, what tools did, and how fast each turn was.
//!
//! Text enters a [`Turn`] only through the privacy [`Redactor`]: `text` is always redacted;
//! `raw_text` holds the original only when the profile allows it (`store_raw_text`), for the
//! store to encrypt. An agent turn keeps only what the caller heard: when the caller interrupts,
//! the unheard rest is dropped and `interrupted` is set.
//!
//! A [`TranscriptSink`] receives each finished turn and the whole transcript at the end of the
//! call; [`MemoryTranscriptSink`] keeps them in memory (tests, `voxgate call`).

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use voxgate_privacy::{Policy, Redactor};

/// Who spoke a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    /// The person on the phone.
    Caller,
    /// The agent.
    Agent,
}

/// How a turn came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TurnSource {
    /// Caller speech, transcribed.
    Speech,
    /// Caller keypad digits.
    Dtmf,
    /// The agent's greeting.
    Greeting,
    /// The model's reply.
    Reply,
    /// The reprompt after silence.
    Reprompt,
    /// The fallback line after a model failure.
    Fallback,
    /// The goodbye before the agent hangs up.
    Goodbye,
    /// Words a tool asked for (farewell, transfer announcement).
    Tool,
}

/// One tool call made during an agent turn, with its result (both redacted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolRecord {
    /// The provider's call id.
    pub id: String,
    /// The tool's name.
    pub name: String,
    /// The arguments as the model wrote them, redacted.
    pub arguments: String,
    /// The result given back to the model (or the action taken), redacted.
    pub result: Option<String>,
    /// Whether the tool failed.
    pub failed: bool,
}

/// Per-turn latency, in ms from the end of the caller's speech (the last voiced audio).
///
/// Each stage is `None` when the turn did not reach it (for example no model token before a
/// barge-in).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct TurnTimings {
    /// Final transcript ready (end of endpointing and speech-to-text).
    pub transcript_ms: Option<f64>,
    /// First token from the model.
    pub first_token_ms: Option<f64>,
    /// First synthesized audio of the reply.
    pub first_audio_ms: Option<f64>,
    /// First reply audio queued to the transport: the voice-to-voice latency.
    pub first_frame_ms: Option<f64>,
    /// The endpointer ended the turn (its silence wait after the last voiced audio).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint_ms: Option<f64>,
    /// Time speech-to-text ran on the utterance (a stage cost, not from the end of speech).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stt_run_ms: Option<f64>,
    /// The first clause of the reply was complete and handed to text-to-speech.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_clause_ms: Option<f64>,
    /// Time text-to-speech ran on the first clause (a stage cost).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tts_run_ms: Option<f64>,
}

impl TurnTimings {
    /// Records the timings as Prometheus histograms (seconds), one stage each:
    /// `voxgate_turn_stt_seconds` (speech end -> transcript), `voxgate_turn_llm_first_token_seconds`
    /// (transcript -> first token), `voxgate_turn_tts_first_audio_seconds` (first token -> first
    /// audio), `voxgate_turn_voice_to_voice_seconds` (speech end -> first frame queued).
    pub fn record_metrics(&self, profile: &str) {
        let label = [("profile", profile.to_string())];
        let secs = |ms: f64| ms / 1000.0;
        if let Some(t) = self.transcript_ms {
            metrics::histogram!("voxgate_turn_stt_seconds", &label).record(secs(t));
            if let Some(f) = self.first_token_ms {
                metrics::histogram!("voxgate_turn_llm_first_token_seconds", &label)
                    .record(secs(f - t));
            }
        }
        if let (Some(f), Some(a)) = (self.first_token_ms, self.first_audio_ms) {
            metrics::histogram!("voxgate_turn_tts_first_audio_seconds", &label)
                .record(secs((a - f).max(0.0)));
        }
        if let Some(v) = self.first_frame_ms {
            metrics::histogram!("voxgate_turn_voice_to_voice_seconds", &label).record(secs(v));
        }
    }
}

/// One turn of the conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    /// Position in the call, from 0.
    pub index: usize,
    /// Who spoke.
    pub speaker: Speaker,
    /// How the turn came about.
    pub source: TurnSource,
    /// The text, redacted; for the agent, only what the caller heard.
    pub text: String,
    /// The original text, only when the profile stores it (encrypt before storing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_text: Option<String>,
    /// When the turn started, in ms since the Unix epoch.
    pub started_at_ms: u64,
    /// When the turn started, in ms since the call started.
    pub offset_ms: u64,
    /// The caller interrupted this agent turn.
    pub interrupted: bool,
    /// Tool calls made while producing this agent turn.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tool_calls: Vec<ToolRecord>,
    /// Latency of an agent reply to the caller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timings: Option<TurnTimings>,
}

/// The whole transcript of a call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallTranscript {
    /// The call's id.
    pub call_id: String,
    /// The agent profile that answered.
    pub profile: String,
    /// The transport that carried the call (`audiosocket`, `twilio`, `browser`...).
    #[serde(default)]
    pub transport: String,
    /// The caller's number or identity as the transport gave it (PII: a sink stores it only
    /// as a keyed hash and never logs it).
    #[serde(default, skip_serializing)]
    pub caller: Option<String>,
    /// Recording policy name from the profile.
    pub recording_policy: String,
    /// Retention policy name from the profile.
    pub retention_policy: String,
    /// Call start, in ms since the Unix epoch.
    pub started_at_ms: u64,
    /// Call length in ms.
    pub duration_ms: u64,
    /// Why the call ended (a low-cardinality label).
    pub end_reason: String,
    /// The turns in order.
    pub turns: Vec<Turn>,
}

/// Receives transcripts as the call goes. Called from the call loop: implementations must not
/// block (hand the data to a channel or a task).
pub trait TranscriptSink: Send + Sync + std::fmt::Debug {
    /// A turn is finished (an agent turn once it has been played or interrupted).
    fn turn(&self, call_id: &str, turn: &Turn);
    /// The call is over; `transcript` holds every turn.
    fn finished(&self, transcript: &CallTranscript);
}

/// A sink that keeps everything in memory.
#[derive(Debug, Default, Clone)]
pub struct MemoryTranscriptSink {
    inner: Arc<Mutex<MemoryInner>>,
}

#[derive(Debug, Default)]
struct MemoryInner {
    turns: Vec<(String, Turn)>,
    finished: Vec<CallTranscript>,
}

impl MemoryTranscriptSink {
    /// An empty sink.
    pub fn new() -> Self {
        Self::default()
    }

    /// Turns received so far, with their call ids.
    pub fn turns(&self) -> Vec<(String, Turn)> {
        self.inner.lock().turns.clone()
    }

    /// Transcripts of the calls that ended.
    pub fn transcripts(&self) -> Vec<CallTranscript> {
        self.inner.lock().finished.clone()
    }
}

impl TranscriptSink for MemoryTranscriptSink {
    fn turn(&self, call_id: &str, turn: &Turn) {
        self.inner
            .lock()
            .turns
            .push((call_id.to_string(), turn.clone()));
    }

    fn finished(&self, transcript: &CallTranscript) {
        self.inner.lock().finished.push(transcript.clone());
    }
}

/// A sink that drops everything (transcripts disabled).
#[derive(Debug, Default, Clone, Copy)]
pub struct NullTranscriptSink;

impl TranscriptSink for NullTranscriptSink {
    fn turn(&self, _call_id: &str, _turn: &Turn) {}
    fn finished(&self, _transcript: &CallTranscript) {}
}

/// Builds a call's transcript, redacting every text that enters it.
pub(crate) struct TranscriptBuilder {
    redactor: Arc<Redactor>,
    policy: Arc<Policy>,
    keep_raw: bool,
    started: SystemTime,
    started_mono: tokio::time::Instant,
    turns: Vec<Turn>,
}

impl TranscriptBuilder {
    pub(crate) fn new(redactor: Arc<Redactor>, policy: Arc<Policy>, keep_raw: bool) -> Self {
        Self {
            redactor,
            policy,
            keep_raw,
            started: SystemTime::now(),
            started_mono: tokio::time::Instant::now(),
            turns: Vec::new(),
        }
    }

    pub(crate) fn redact(&self, text: &str) -> String {
        self.redactor.redact(text, &self.policy).0
    }

    /// A turn starting now (`at`), text redacted.
    pub(crate) fn turn(
        &self,
        speaker: Speaker,
        source: TurnSource,
        text: &str,
        at: tokio::time::Instant,
    ) -> Turn {
        let offset = at.saturating_duration_since(self.started_mono);
        Turn {
            index: 0,
            speaker,
            source,
            text: self.redact(text),
            raw_text: self.keep_raw.then(|| text.to_string()),
            started_at_ms: epoch_ms(self.started + offset),
            offset_ms: millis(offset),
            interrupted: false,
            tool_calls: Vec::new(),
            timings: None,
        }
    }

    /// Sets a turn's text (redacting it), for agent turns whose heard text is known at the end.
    pub(crate) fn set_text(&self, turn: &mut Turn, text: &str) {
        turn.text = self.redact(text);
        turn.raw_text = self.keep_raw.then(|| text.to_string());
    }

    pub(crate) fn push(&mut self, mut turn: Turn) -> &Turn {
        turn.index = self.turns.len();
        self.turns.push(turn);
        let last = self.turns.len() - 1;
        &self.turns[last]
    }

    pub(crate) fn finish(
        self,
        call_id: String,
        profile: &crate::AgentProfile,
        end_reason: &str,
    ) -> CallTranscript {
        CallTranscript {
            call_id,
            profile: profile.name.clone(),
            transport: String::new(),
            caller: None,
            recording_policy: profile.recording_policy.clone(),
            retention_policy: profile.retention_policy.clone(),
            started_at_ms: epoch_ms(self.started),
            duration_ms: millis(self.started_mono.elapsed()),
            end_reason: end_reason.to_string(),
            turns: self.turns,
        }
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn epoch_ms(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map(millis).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_are_redacted_and_raw_text_is_kept_only_when_allowed() {
        let redactor = Arc::new(Redactor::new().unwrap());
        let policy = Arc::new(Policy::default());
        let said = "call me back at five one two five five five oh one four two";
        let b = TranscriptBuilder::new(Arc::clone(&redactor), Arc::clone(&policy), false);
        let t = b.turn(
            Speaker::Caller,
            TurnSource::Speech,
            said,
            tokio::time::Instant::now(),
        );
        assert!(t.text.contains("[PHONE_NUMBER]"), "{}", t.text);
        assert!(!t.text.contains("four two"));
        assert_eq!(t.raw_text, None);
        let b = TranscriptBuilder::new(redactor, policy, true);
        let t = b.turn(
            Speaker::Caller,
            TurnSource::Speech,
            said,
            tokio::time::Instant::now(),
        );
        assert_eq!(t.raw_text.as_deref(), Some(said));
        let json = serde_json::to_string(&t).unwrap();
        assert!(json.contains("\"speaker\":\"caller\""), "{json}");
    }
}
