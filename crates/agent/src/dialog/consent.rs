//! Recording policies and the consent step of a call.
//!
//! A [`RecordingPolicy`] (a `[recording.policies.<name>]` table in the server configuration,
//! chosen by the profile's `recording_policy`) says what raw data a call may leave behind:
//! the audio recording and the unredacted transcript. With `consent = "required"` the agent
//! asks first: the prompt follows the greeting, the caller answers with keypad 1 (yes) or 2
//! (no), or by voice ([`classify_answer`]); an unclear answer or silence gets the reprompt
//! once, and a second one counts as no consent. The answer leaves the agent as a
//! [`ConsentEvent`] through a [`ConsentSink`] (the server stores and audits it).
//!
//! Until consent is given, and for the whole call when it is refused, no turn carries raw text;
//! at the end the transcript keeps only redacted turns, or none when the policy's
//! `keep_redacted_transcript` is false.

use std::fmt;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use parking_lot::Mutex;
use serde::{Deserialize, Serialize};

use crate::transcript::{CallTranscript, Turn};
use crate::{Error, Result};

/// Whether a policy needs the caller's agreement before anything raw is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentRule {
    /// No question is asked; the policy applies as written.
    #[default]
    None,
    /// The agent asks after the greeting; without a yes nothing raw is kept.
    Required,
}

/// What a call may leave behind, and how consent is asked for. Every key has a default, so an
/// empty table keeps nothing raw and asks nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RecordingPolicy {
    /// Keep the call audio (encrypted) when allowed.
    pub record_audio: bool,
    /// Keep the unredacted text of each turn (encrypted) when allowed.
    pub keep_raw_transcript: bool,
    /// Keep the redacted transcript of a call whose caller did not consent.
    pub keep_redacted_transcript: bool,
    /// `none` or `required`.
    pub consent: ConsentRule,
    /// Asked right after the greeting when consent is required.
    pub prompt: String,
    /// Asked once more after silence or an unclear answer.
    pub reprompt: String,
    /// Said after a yes.
    pub accepted: String,
    /// Said after a no, or when no answer came.
    pub declined: String,
    /// Version of the wording the caller heard; stored with every answer.
    pub policy_version: String,
    /// Longest recording kept of one call, in seconds; the rest of a longer call is not
    /// recorded (`0`: no limit). Bounds the disk a runaway call can fill.
    pub max_recording_secs: u64,
}

impl Default for RecordingPolicy {
    fn default() -> Self {
        Self {
            record_audio: false,
            keep_raw_transcript: false,
            keep_redacted_transcript: true,
            consent: ConsentRule::None,
            prompt: "This call may be recorded to help us serve you. To agree, press 1 or say \
                     yes. Otherwise press 2 or say no."
                .into(),
            reprompt: "Sorry, I did not get that. May we record this call? Press 1 or say yes, \
                       press 2 or say no."
                .into(),
            accepted: "Thank you. How can I help you?".into(),
            declined: "Understood, this call will not be recorded. How can I help you?".into(),
            policy_version: "1".into(),
            max_recording_secs: 7_200,
        }
    }
}

impl RecordingPolicy {
    /// The name every configuration has: keeps nothing raw, asks nothing.
    pub const NONE: &'static str = "none";

    /// Checks the values; returns every problem at once.
    ///
    /// # Errors
    /// [`Error::Profile`] naming the policy.
    pub fn validate(&self, name: &str) -> Result<()> {
        let mut problems = Vec::new();
        let v = self.policy_version.trim();
        if v.is_empty() || v.len() > 64 {
            problems.push("policy_version must be 1-64 characters".to_string());
        }
        if self.consent == ConsentRule::Required {
            if self.prompt.trim().is_empty() {
                problems.push("consent is required but prompt is empty".into());
            }
            if !self.record_audio && !self.keep_raw_transcript {
                problems.push(
                    "consent is required but the policy keeps nothing raw to consent to".into(),
                );
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Profile(format!(
                "recording policy `{name}`: {}",
                problems.join("; ")
            )))
        }
    }
}

/// How a consent answer was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentMethod {
    /// Keypad 1 (yes) or 2 (no).
    Keypad,
    /// A spoken answer.
    Speech,
    /// No usable answer after the reprompt: no consent.
    NoAnswer,
}

/// A caller's answer to the consent question, as it leaves the agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentEvent {
    /// The call.
    pub call_id: String,
    /// The profile answering it.
    pub profile: String,
    /// The transport (`audiosocket`, `twilio`, ...).
    pub transport: String,
    /// The caller's number, when known.
    pub caller: Option<String>,
    /// When the answer was given (Unix ms).
    pub at_ms: i64,
    /// Keypad, speech or no answer.
    pub method: ConsentMethod,
    /// Name of the recording policy.
    pub policy: String,
    /// Its `policy_version`.
    pub policy_version: String,
    /// Whether the caller agreed.
    pub granted: bool,
    /// Whether the call's audio may now be recorded.
    pub record_audio: bool,
}

/// Receives consent answers. Called from the call loop: implementations must not block.
pub trait ConsentSink: Send + Sync + fmt::Debug {
    /// The caller answered (or did not) the consent question.
    fn consent(&self, event: &ConsentEvent);
}

/// Keeps consent events in memory (tests, tools).
#[derive(Debug, Default, Clone)]
pub struct MemoryConsentSink {
    events: Arc<Mutex<Vec<ConsentEvent>>>,
}

impl MemoryConsentSink {
    /// An empty sink.
    pub fn new() -> Self {
        Self::default()
    }

    /// Events received so far.
    pub fn events(&self) -> Vec<ConsentEvent> {
        self.events.lock().clone()
    }
}

impl ConsentSink for MemoryConsentSink {
    fn consent(&self, event: &ConsentEvent) {
        self.events.lock().push(event.clone());
    }
}

/// A profile's recording policy with its name, and where consent answers go.
#[derive(Debug, Clone)]
pub struct Recording {
    /// The policy's name (the profile's `recording_policy`).
    pub name: String,
    /// The policy.
    pub policy: RecordingPolicy,
    /// Receives consent answers.
    pub sink: Arc<dyn ConsentSink>,
}

/// A yes/no reading of a spoken answer: `Some(true)` for agreement, `Some(false)` for refusal,
/// `None` when it is neither (or both: "yes, no, I mean...").
///
/// Whisper's text is lowercased and split into words; refusals are checked first so that
/// "no, that's not okay" and "I don't agree" are refusals even though they contain a yes word.
pub fn classify_answer(text: &str) -> Option<bool> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches('\''))
        .collect();
    let has = |w: &str| words.contains(&w);
    let phrase = |p: &[&str]| words.windows(p.len()).any(|win| win == p);
    const NO: &[&str] = &[
        "no", "nope", "nah", "don't", "dont", "do not", "not", "refuse", "decline", "never",
        "negative", "doesn't", "won't",
    ];
    const YES: &[&str] = &[
        "yes",
        "yeah",
        "yep",
        "yup",
        "sure",
        "okay",
        "ok",
        "fine",
        "agree",
        "alright",
        "certainly",
        "absolutely",
        "of course",
        "go ahead",
    ];
    let matches = |list: &[&str]| {
        list.iter().any(|p| {
            let parts: Vec<&str> = p.split(' ').collect();
            if parts.len() == 1 {
                has(p)
            } else {
                phrase(&parts)
            }
        })
    };
    // Negated refusals are agreement.
    if matches(&[
        "don't mind",
        "dont mind",
        "do not mind",
        "no problem",
        "not a problem",
    ]) {
        return Some(true);
    }
    let no = matches(NO);
    let yes = matches(YES);
    match (yes, no) {
        (_, true) => Some(false),
        (true, false) => Some(true),
        (false, false) => None,
    }
}

/// What the call loop does after a consent input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ConsentStep {
    /// Not a consent matter: carry on as usual.
    Pass,
    /// Consumed; nothing to say (an unrelated key while the question is open).
    Ignore,
    /// Speak this line (the answer was taken), then listen.
    Say(String),
    /// Ask again, then listen.
    Reprompt(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// No question to ask (no policy or consent not required).
    NotAsked,
    /// Asked, waiting; `reprompted` once the reprompt was spoken.
    Pending { reprompted: bool },
    /// Answered.
    Decided { granted: bool },
}

/// Who is on the call, for the consent event.
#[derive(Debug, Clone)]
pub(crate) struct CallFacts {
    pub(crate) call_id: String,
    pub(crate) profile: String,
    pub(crate) transport: String,
    pub(crate) caller: Option<String>,
}

/// The consent state of one call.
#[derive(Debug)]
pub(crate) struct ConsentGate {
    recording: Option<Recording>,
    /// The profile's own `store_raw_text`: keeps raw text like the policy's
    /// `keep_raw_transcript`, under the same consent.
    profile_keeps_raw: bool,
    facts: CallFacts,
    state: State,
}

impl ConsentGate {
    pub(crate) fn new(
        recording: Option<Recording>,
        profile_keeps_raw: bool,
        facts: CallFacts,
    ) -> Self {
        let state = match &recording {
            Some(r) if r.policy.consent == ConsentRule::Required => {
                State::Pending { reprompted: false }
            }
            _ => State::NotAsked,
        };
        Self {
            recording,
            profile_keeps_raw,
            facts,
            state,
        }
    }

    /// Whether the transcript builder should capture raw text at all (it is still filtered
    /// per turn by [`Self::filter_turn`]).
    pub(crate) fn wants_raw(&self) -> bool {
        self.profile_keeps_raw
            || self
                .recording
                .as_ref()
                .is_some_and(|r| r.policy.keep_raw_transcript)
    }

    /// Whether the question is open.
    pub(crate) fn pending(&self) -> bool {
        matches!(self.state, State::Pending { .. })
    }

    /// Whether the call's audio is to be recorded now: the policy records audio and the
    /// caller agreed (or was not asked).
    pub(crate) fn records_audio(&self) -> bool {
        self.recording
            .as_ref()
            .is_some_and(|r| r.policy.record_audio)
            && self.raw_allowed()
    }

    /// The recording policy, when the profile has one.
    pub(crate) fn recording(&self) -> Option<&Recording> {
        self.recording.as_ref()
    }

    /// Whether raw data may be kept now.
    fn raw_allowed(&self) -> bool {
        match self.state {
            State::NotAsked => true,
            State::Pending { .. } => false,
            State::Decided { granted } => granted,
        }
    }

    /// The opening line: the greeting, followed by the prompt when consent is required.
    pub(crate) fn opening(&self, greeting: &str) -> String {
        match (&self.recording, self.pending()) {
            (Some(r), true) => {
                let g = greeting.trim();
                if g.is_empty() {
                    r.policy.prompt.clone()
                } else {
                    format!("{g} {}", r.policy.prompt.trim())
                }
            }
            _ => greeting.to_string(),
        }
    }

    /// A keypad press while the question is open: 1 is yes, 2 is no, anything else is ignored.
    pub(crate) fn on_dtmf(&mut self, digit: char) -> ConsentStep {
        if !self.pending() {
            return ConsentStep::Pass;
        }
        match digit {
            '1' => self.decide(true, ConsentMethod::Keypad),
            '2' => self.decide(false, ConsentMethod::Keypad),
            _ => ConsentStep::Ignore,
        }
    }

    /// A transcribed utterance while the question is open.
    pub(crate) fn on_speech(&mut self, text: &str) -> ConsentStep {
        if !self.pending() {
            return ConsentStep::Pass;
        }
        match classify_answer(text) {
            Some(granted) => self.decide(granted, ConsentMethod::Speech),
            None => self.unclear(),
        }
    }

    /// The silence timeout fired while the question is open.
    pub(crate) fn on_silence(&mut self) -> ConsentStep {
        if !self.pending() {
            return ConsentStep::Pass;
        }
        self.unclear()
    }

    fn unclear(&mut self) -> ConsentStep {
        match (self.state, &self.recording) {
            (State::Pending { reprompted: false }, Some(r)) => {
                self.state = State::Pending { reprompted: true };
                ConsentStep::Reprompt(r.policy.reprompt.clone())
            }
            _ => self.decide(false, ConsentMethod::NoAnswer),
        }
    }

    fn decide(&mut self, granted: bool, method: ConsentMethod) -> ConsentStep {
        self.state = State::Decided { granted };
        let Some(r) = &self.recording else {
            return ConsentStep::Ignore;
        };
        let at_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
        let event = ConsentEvent {
            call_id: self.facts.call_id.clone(),
            profile: self.facts.profile.clone(),
            transport: self.facts.transport.clone(),
            caller: self.facts.caller.clone(),
            at_ms,
            method,
            policy: r.name.clone(),
            policy_version: r.policy.policy_version.clone(),
            granted,
            record_audio: granted && r.policy.record_audio,
        };
        tracing::info!(
            call_id = %event.call_id,
            granted,
            method = ?method,
            "recording consent answered"
        );
        r.sink.consent(&event);
        let line = if granted {
            &r.policy.accepted
        } else {
            &r.policy.declined
        };
        if line.trim().is_empty() {
            ConsentStep::Ignore
        } else {
            ConsentStep::Say(line.clone())
        }
    }

    /// Drops a turn's raw text unless the policy keeps it and the caller allowed it.
    pub(crate) fn filter_turn(&self, mut turn: Turn) -> Turn {
        if self.recording.is_some() && !(self.wants_raw() && self.raw_allowed()) {
            turn.raw_text = None;
        }
        turn
    }

    /// Applies the decision to the finished transcript: without consent no raw text, and no
    /// turns at all when the policy does not keep redacted transcripts of such calls.
    pub(crate) fn finalize(&self, t: &mut CallTranscript) {
        let Some(r) = &self.recording else {
            return;
        };
        let consented = self.raw_allowed();
        if !(consented && self.wants_raw()) {
            for turn in &mut t.turns {
                turn.raw_text = None;
            }
        }
        let asked = r.policy.consent == ConsentRule::Required;
        if asked && !consented && !r.policy.keep_redacted_transcript {
            t.turns.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_and_no_words() {
        for yes in [
            "Yes.",
            "yeah",
            "Sure, go ahead.",
            "Okay",
            "That's fine.",
            "Yes please",
            "OK.",
            "Sure, I don't mind.",
        ] {
            assert_eq!(classify_answer(yes), Some(true), "{yes}");
        }
        for no in [
            "No.",
            "No thanks",
            "Don't record me",
            "I do not agree",
            "nope",
            "Yes, no, don't.",
            "That's not okay",
        ] {
            assert_eq!(classify_answer(no), Some(false), "{no}");
        }
        for unclear in ["What is my balance?", "", "hello", "[BLANK_AUDIO]"] {
            assert_eq!(classify_answer(unclear), None, "{unclear}");
        }
    }

    #[test]
    fn policy_validation() {
        RecordingPolicy::default().validate("none").unwrap();
        let p = RecordingPolicy {
            consent: ConsentRule::Required,
            prompt: " ".into(),
            policy_version: String::new(),
            ..RecordingPolicy::default()
        };
        let msg = p.validate("ask").unwrap_err().to_string();
        assert!(msg.contains("policy_version"), "{msg}");
        assert!(msg.contains("prompt"), "{msg}");
        assert!(msg.contains("nothing raw"), "{msg}");
        let err = serde_json::from_str::<RecordingPolicy>(r#"{"consnt": "required"}"#);
        assert!(err.is_err());
        let p: RecordingPolicy =
            serde_json::from_str(r#"{"consent": "required", "record_audio": true}"#).unwrap();
        assert_eq!(p.consent, ConsentRule::Required);
        assert!(p.keep_redacted_transcript);
    }

    fn gate(consent: ConsentRule) -> (ConsentGate, MemoryConsentSink) {
        let sink = MemoryConsentSink::new();
        let g = ConsentGate::new(
            Some(Recording {
                name: "ask".into(),
                policy: RecordingPolicy {
                    consent,
                    keep_raw_transcript: true,
                    policy_version: "2026-11".into(),
                    ..RecordingPolicy::default()
                },
                sink: Arc::new(sink.clone()),
            }),
            false,
            CallFacts {
                call_id: "c1".into(),
                profile: "p".into(),
                transport: "audiosocket".into(),
                caller: None,
            },
        );
        (g, sink)
    }

    #[test]
    fn reprompts_once_then_no_answer() {
        let (mut g, sink) = gate(ConsentRule::Required);
        assert!(g.opening("Hello.").starts_with("Hello. This call"));
        assert!(matches!(g.on_silence(), ConsentStep::Reprompt(s) if s.contains("Sorry")));
        assert!(g.pending());
        assert!(
            matches!(g.on_speech("what?"), ConsentStep::Say(s) if s.contains("not be recorded"))
        );
        assert!(!g.pending());
        let ev = sink.events();
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].method, ConsentMethod::NoAnswer);
        assert!(!ev[0].granted);
        assert_eq!(ev[0].policy_version, "2026-11");
        // Decided: inputs pass through to the conversation.
        assert_eq!(g.on_dtmf('1'), ConsentStep::Pass);
    }

    #[test]
    fn not_required_asks_nothing() {
        let (mut g, sink) = gate(ConsentRule::None);
        assert_eq!(g.opening("Hello."), "Hello.");
        assert_eq!(g.on_dtmf('1'), ConsentStep::Pass);
        assert!(sink.events().is_empty());
        assert!(g.raw_allowed());
    }
}
