//! Agent profiles: who answers a call and how it takes turns.
//!
//! A profile is plain configuration (a `[profiles.<name>]` table in the server config): the
//! prompt and fixed lines, which LLM and voice to use, which tools the model may call, and the
//! turn-taking knobs (endpointing, barge-in, reprompts, limits). Every key has a default, so an
//! empty table is a working profile.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use voxgate_audio::endpoint::EndpointerConfig;

use crate::{Error, Result};

/// One agent profile. Unknown keys are refused so a typo does not silently fall back to a
/// default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AgentProfile {
    /// The profile's name (the key calls are routed by); also given to tools.
    pub name: String,
    /// Instructions for the model. Facts retrieved from the knowledge files follow it in
    /// the conversation as system messages.
    pub system_prompt: String,
    /// Spoken when the call is answered; empty: the agent waits for the caller.
    pub greeting: String,
    /// The voice to speak with (`piper` or `espeak`); the server builds the engine.
    pub voice: String,
    /// Language of the conversation (BCP 47, for example `en`).
    pub language: String,
    /// Name of the LLM configuration to use.
    pub llm: String,
    /// Tools the model may call, by name.
    pub tools: Vec<String>,
    /// Longest reply, in tokens, per model round.
    pub max_reply_tokens: u32,
    /// Sampling temperature of replies (`0`: greedy, the most predictable).
    pub temperature: f32,
    /// Give up on the model (and speak `fallback`) when its first token takes longer, in ms.
    pub llm_first_token_timeout_ms: u64,
    /// Model rounds with tool calls allowed in one turn before the fallback line.
    pub max_tool_rounds: u32,
    /// Spoken after `silence_timeout_ms` without the caller saying anything.
    pub reprompt: String,
    /// Silence after the agent finished speaking before the reprompt, in ms.
    pub silence_timeout_ms: u64,
    /// Reprompts in a row before the agent says `goodbye` and hangs up.
    pub max_reprompts: u32,
    /// The agent says `goodbye` and hangs up when the call reaches this length, in seconds.
    pub max_call_duration_secs: u64,
    /// The last words before the agent hangs up on its own (silence, time limit).
    pub goodbye: String,
    /// Spoken when the model fails or times out, or states a money amount that is in none of
    /// the facts of the call (once the caller's record is known).
    pub fallback: String,
    /// Spoken instead of a model reply when the caller gave an account number that matches
    /// no record (and no record is known for the call yet), or when the model states a money
    /// amount before any record was found: the agent never guesses a figure.
    pub not_found: String,
    /// DTMF digits are collected until `#` or this pause, in ms, then become caller input.
    pub dtmf_timeout_ms: u64,
    /// An utterance longer than this is cut and answered, in seconds.
    pub max_utterance_secs: u64,
    /// When the caller may interrupt the agent.
    pub barge_in: BargeInConfig,
    /// When the caller's turn starts and ends.
    pub endpointer: EndpointerSettings,
    /// Name of the recording policy applied to this profile's calls (data protection).
    pub recording_policy: String,
    /// Name of the retention policy applied to this profile's transcripts (data protection).
    pub retention_policy: String,
    /// Keep the unredacted text of each turn beside the redacted one (for encrypted storage).
    pub store_raw_text: bool,
}

impl Default for AgentProfile {
    fn default() -> Self {
        Self {
            name: "default".into(),
            system_prompt: "You are the telephone assistant of Springfield Power and Water. \
                            Answer in one or two short sentences, plainly, without lists or \
                            markdown. When facts about the caller's account are given, answer \
                            from them exactly."
                .into(),
            greeting: "Hello, Springfield Power and Water. How can I help you?".into(),
            voice: "piper".into(),
            language: "en".into(),
            llm: "default".into(),
            tools: Vec::new(),
            max_reply_tokens: 120,
            temperature: 0.0,
            llm_first_token_timeout_ms: 8_000,
            max_tool_rounds: 3,
            reprompt: "Are you still there?".into(),
            silence_timeout_ms: 8_000,
            max_reprompts: 2,
            max_call_duration_secs: 900,
            goodbye: "Thank you for calling. Goodbye.".into(),
            fallback: "Sorry, I am having trouble right now. Could you say that again?".into(),
            not_found: "I could not find an account with that number. Could you say the account \
                        number again, one digit at a time?"
                .into(),
            dtmf_timeout_ms: 2_000,
            max_utterance_secs: 30,
            barge_in: BargeInConfig::default(),
            endpointer: EndpointerSettings::default(),
            recording_policy: "none".into(),
            retention_policy: "default".into(),
            store_raw_text: false,
        }
    }
}

/// Barge-in: the caller talking over the agent stops it.
///
/// While the agent speaks, the caller's speech must score at least `threshold` (higher than the
/// endpointer's start threshold, because the agent's own echo comes back quieter and less
/// speech-like) for `min_speech_ms` before the agent stops; a cough or a click is shorter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BargeInConfig {
    /// Whether the caller can interrupt at all.
    pub enabled: bool,
    /// Speech needed to interrupt, in ms.
    pub min_speech_ms: u32,
    /// VAD probability speech must reach while the agent speaks.
    pub threshold: f32,
    /// After the agent's audio is sent, echo may still come back for this long, in ms; the
    /// barge-in rules apply until then.
    pub echo_tail_ms: u32,
    /// Whether the greeting can be interrupted.
    pub during_greeting: bool,
}

impl Default for BargeInConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            min_speech_ms: 300,
            threshold: 0.7,
            echo_tail_ms: 300,
            during_greeting: true,
        }
    }
}

/// Endpointing (see `voxgate_audio::endpoint`): when the caller starts and stops talking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EndpointerSettings {
    /// VAD probability at which speech may begin.
    pub start_threshold: f32,
    /// VAD probability below which a frame counts as silence.
    pub end_threshold: f32,
    /// Speech shorter than this is not a turn, in ms.
    pub min_speech_ms: u32,
    /// Silence that ends the caller's turn, in ms (the main latency knob).
    pub min_silence_ms: u32,
    /// Audio kept before the detected start, in ms.
    pub pre_padding_ms: u32,
    /// Audio kept after the detected end, in ms.
    pub post_padding_ms: u32,
    /// Silence after which speech-to-text starts on the utterance so far, before the turn is
    /// over (`min_silence_ms`), in ms; `0` turns this off. The transcript is used if the caller
    /// stays silent until the turn ends and thrown away if they go on: the speech-to-text time
    /// is hidden in the endpointing wait.
    pub speculative_silence_ms: u32,
}

impl Default for EndpointerSettings {
    fn default() -> Self {
        let d = EndpointerConfig::default();
        Self {
            start_threshold: d.start_threshold,
            end_threshold: d.end_threshold,
            min_speech_ms: d.min_speech_ms,
            // Half a second, as voice agents commonly use: the endpointer's generic 600 ms
            // suits offline segmentation, but on a call it is the largest part of the reply
            // time, and speculative speech-to-text already has the transcript by then.
            min_silence_ms: 500,
            pre_padding_ms: d.pre_padding_ms,
            post_padding_ms: d.post_padding_ms,
            speculative_silence_ms: 200,
        }
    }
}

impl From<&EndpointerSettings> for EndpointerConfig {
    fn from(s: &EndpointerSettings) -> Self {
        EndpointerConfig {
            start_threshold: s.start_threshold,
            end_threshold: s.end_threshold,
            min_speech_ms: s.min_speech_ms,
            min_silence_ms: s.min_silence_ms,
            pre_padding_ms: s.pre_padding_ms,
            post_padding_ms: s.post_padding_ms,
        }
    }
}

impl AgentProfile {
    /// Checks the values; returns every problem at once.
    ///
    /// # Errors
    /// [`Error::Profile`] listing what is wrong.
    pub fn validate(&self) -> Result<()> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push("name is empty".to_string());
        }
        if let Err(e) = EndpointerConfig::from(&self.endpointer).validate() {
            problems.push(format!("endpointer: {e}"));
        }
        let ep = &self.endpointer;
        if ep.speculative_silence_ms != 0 && ep.speculative_silence_ms >= ep.min_silence_ms {
            problems.push(format!(
                "endpointer.speculative_silence_ms {} is not below min_silence_ms {} (0 turns it off)",
                ep.speculative_silence_ms, ep.min_silence_ms
            ));
        }
        let b = &self.barge_in;
        if !(0.0..=1.0).contains(&b.threshold) {
            problems.push(format!(
                "barge_in.threshold {} is not in 0..=1",
                b.threshold
            ));
        }
        if !(0.0..=2.0).contains(&self.temperature) {
            problems.push(format!("temperature {} is not in 0..=2", self.temperature));
        }
        if self.max_reply_tokens == 0 {
            problems.push("max_reply_tokens is 0".into());
        }
        if self.silence_timeout_ms == 0 {
            problems.push("silence_timeout_ms is 0".into());
        }
        if self.max_call_duration_secs == 0 {
            problems.push("max_call_duration_secs is 0".into());
        }
        if self.max_utterance_secs == 0 {
            problems.push("max_utterance_secs is 0".into());
        }
        if self.llm_first_token_timeout_ms == 0 {
            problems.push("llm_first_token_timeout_ms is 0".into());
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Profile(format!(
                "profile `{}`: {}",
                self.name,
                problems.join("; ")
            )))
        }
    }

    pub(crate) fn silence_timeout(&self) -> Duration {
        Duration::from_millis(self.silence_timeout_ms)
    }

    pub(crate) fn max_call_duration(&self) -> Duration {
        Duration::from_secs(self.max_call_duration_secs)
    }

    pub(crate) fn first_token_timeout(&self) -> Duration {
        Duration::from_millis(self.llm_first_token_timeout_ms)
    }

    pub(crate) fn dtmf_timeout(&self) -> Duration {
        Duration::from_millis(self.dtmf_timeout_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_table_gives_defaults_and_unknown_keys_are_refused() {
        let p: AgentProfile = serde_json::from_str("{}").unwrap();
        assert_eq!(p, AgentProfile::default());
        assert_eq!(p.barge_in.min_speech_ms, 300);
        p.validate().unwrap();
        let err = serde_json::from_str::<AgentProfile>(r#"{"greting": "hi"}"#).unwrap_err();
        assert!(err.to_string().contains("greting"), "{err}");
        let err =
            serde_json::from_str::<AgentProfile>(r#"{"barge_in": {"min_ms": 3}}"#).unwrap_err();
        assert!(err.to_string().contains("min_ms"), "{err}");
    }

    #[test]
    fn partial_tables_keep_other_defaults() {
        let p: AgentProfile = serde_json::from_str(
            r#"{"name": "billing", "tools": ["hang_up"], "barge_in": {"min_speech_ms": 500},
                "endpointer": {"min_silence_ms": 400}}"#,
        )
        .unwrap();
        assert_eq!(p.name, "billing");
        assert_eq!(p.barge_in.min_speech_ms, 500);
        assert!(p.barge_in.enabled);
        assert_eq!(p.endpointer.min_silence_ms, 400);
        assert_eq!(p.endpointer.min_speech_ms, 250);
    }

    #[test]
    fn validate_lists_every_problem() {
        let mut p = AgentProfile::default();
        p.endpointer.end_threshold = 0.9;
        p.barge_in.threshold = 1.5;
        p.max_reply_tokens = 0;
        let msg = p.validate().unwrap_err().to_string();
        assert!(msg.contains("endpointer"), "{msg}");
        assert!(msg.contains("barge_in.threshold"), "{msg}");
        assert!(msg.contains("max_reply_tokens"), "{msg}");
    }
}
