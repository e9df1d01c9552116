//! Language-model providers behind one streaming trait.
//!
//! A provider turns a conversation ([`ChatMessage`]s) and [`GenerateOptions`] into an
//! [`LlmStream`] of [`LlmEvent`]s. The stream is the only handle on the generation: dropping it
//! cancels the work (the embedded model stops after the token in flight, an HTTP request is
//! aborted and its connection closed), which is how barge-in silences the agent.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::Stream;
use serde::{Deserialize, Serialize};

use crate::Result;

pub mod bpe;
pub mod chatml;
mod config;
mod embedded;
pub mod llama;
mod openai;
mod prefix_cache;
pub mod sse;

pub use bpe::BpeTokenizer;
pub use config::{LlmConfig, LlmTimeouts, Provider, Secret};
pub use embedded::{CacheStats, EmbeddedLlm, EmbeddedOptions, WeightFormatName};
pub use llama::WeightFormat;
pub use openai::{OpenAiCompatible, OpenAiConfig};

/// Who wrote a chat message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Instructions for the model.
    System,
    /// The caller.
    User,
    /// The model's earlier replies.
    Assistant,
    /// The result of a tool call.
    Tool,
}

impl Role {
    /// The role's name as used by ChatML and the OpenAI API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::System => "system",
            Role::User => "user",
            Role::Assistant => "assistant",
            Role::Tool => "tool",
        }
    }
}

/// One message of the conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    /// Author.
    pub role: Role,
    /// Text content (may be empty for an assistant message that only calls tools).
    pub content: String,
    /// Tool calls made by an assistant message.
    pub tool_calls: Vec<ToolCall>,
    /// For a [`Role::Tool`] message, the id of the call it answers.
    pub tool_call_id: Option<String>,
}

impl ChatMessage {
    fn plain(role: Role, content: impl Into<String>) -> Self {
        Self {
            role,
            content: content.into(),
            tool_calls: Vec::new(),
            tool_call_id: None,
        }
    }
    /// A system message.
    pub fn system(content: impl Into<String>) -> Self {
        Self::plain(Role::System, content)
    }
    /// A user (caller) message.
    pub fn user(content: impl Into<String>) -> Self {
        Self::plain(Role::User, content)
    }
    /// An assistant message.
    pub fn assistant(content: impl Into<String>) -> Self {
        Self::plain(Role::Assistant, content)
    }
    /// An assistant message that called tools.
    pub fn assistant_tool_calls(tool_calls: Vec<ToolCall>) -> Self {
        Self {
            tool_calls,
            ..Self::plain(Role::Assistant, "")
        }
    }
    /// The result of the tool call `tool_call_id`.
    pub fn tool_result(tool_call_id: impl Into<String>, content: impl Into<String>) -> Self {
        Self {
            tool_call_id: Some(tool_call_id.into()),
            ..Self::plain(Role::Tool, content)
        }
    }
}

/// A function the model may call, described by a JSON Schema.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolSpec {
    /// Function name.
    pub name: String,
    /// What the function does, for the model.
    pub description: String,
    /// JSON Schema of the arguments object.
    pub parameters: serde_json::Value,
}

/// A complete tool call produced by the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolCall {
    /// Provider-assigned id, echoed back in the [`Role::Tool`] result.
    pub id: String,
    /// Function name.
    pub name: String,
    /// Arguments as a JSON text (as produced by the model; may be invalid JSON).
    pub arguments: String,
}

/// Options for one generation.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerateOptions {
    /// Maximum number of generated tokens.
    pub max_tokens: u32,
    /// Sampling temperature; `0.0` means greedy decoding.
    pub temperature: f32,
    /// Nucleus sampling mass (`None`: no top-p filter).
    pub top_p: Option<f32>,
    /// Seed of the sampler (embedded provider).
    pub seed: u64,
    /// Generation stops before any of these strings; they are not emitted.
    pub stop: Vec<String>,
    /// Tools the model may call (ignored by the embedded model, which cannot call tools reliably).
    pub tools: Vec<ToolSpec>,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        Self {
            max_tokens: 128,
            temperature: 0.0,
            top_p: None,
            seed: 299_792_458,
            stop: Vec::new(),
            tools: Vec::new(),
        }
    }
}

/// Why a generation ended.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FinishReason {
    /// End of turn, end of text or a stop sequence.
    Stop,
    /// The token limit was reached.
    Length,
    /// The model called tools; the calls were emitted before.
    ToolCalls,
    /// The provider filtered the content.
    ContentFilter,
    /// Another reason reported by a server.
    Other(String),
}

/// Token counts and, for the embedded model, timings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    /// Tokens in the prompt.
    pub prompt_tokens: u32,
    /// Tokens generated.
    pub completion_tokens: u32,
    /// Time spent evaluating the prompt (embedded model only).
    pub prefill: Option<Duration>,
    /// Time spent generating after the prompt (embedded model only).
    pub generation: Option<Duration>,
}

/// One event of a generation stream.
#[derive(Debug, Clone, PartialEq)]
pub enum LlmEvent {
    /// More reply text.
    TextDelta(String),
    /// A complete tool call.
    ToolCall(ToolCall),
    /// The end of the generation; always the last event of a successful stream.
    Finish {
        /// Why it ended.
        reason: FinishReason,
        /// Token usage (zero if the server did not report it).
        usage: Usage,
    },
}

/// A boxed stream of generation events; drop it to cancel.
pub type LlmStream = Pin<Box<dyn Stream<Item = Result<LlmEvent>> + Send>>;

/// A chat language model that streams its answer.
///
/// Implementations are cheap to share (`Arc<dyn LanguageModel>`) and may serve several
/// generations at once. Errors are delivered as stream items, so `generate` itself never fails.
pub trait LanguageModel: Send + Sync {
    /// Starts generating a reply to `messages`.
    fn generate(&self, messages: &[ChatMessage], options: &GenerateOptions) -> LlmStream;

    /// A short name for logs and metrics (`"embedded"`, `"openai_compatible"`).
    fn name(&self) -> &str;
}

/// Builds the provider described by `config`; `models_dir` is where embedded models live.
///
/// # Errors
/// [`crate::Error::Config`] for an incomplete configuration, [`crate::Error::ModelLoad`] and
/// [`crate::Error::Tokenizer`] when the embedded model cannot be loaded.
pub fn build(config: &LlmConfig, models_dir: &std::path::Path) -> Result<Arc<dyn LanguageModel>> {
    match config.provider {
        Provider::Embedded => {
            let paths = voxgate_models::ModelPaths::resolve(models_dir);
            Ok(Arc::new(EmbeddedLlm::load_with(
                &paths.smollm2_gguf,
                &config.embedded,
            )?))
        }
        Provider::OpenaiCompatible => Ok(Arc::new(OpenAiCompatible::new(
            OpenAiConfig::from_llm_config(config)?,
        )?)),
    }
}

/// A stream fed by a channel whose producer task is aborted when the stream is dropped.
pub(crate) struct ChannelStream {
    rx: tokio::sync::mpsc::Receiver<Result<LlmEvent>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl ChannelStream {
    pub(crate) fn new(
        rx: tokio::sync::mpsc::Receiver<Result<LlmEvent>>,
        task: Option<tokio::task::JoinHandle<()>>,
    ) -> Self {
        Self { rx, task }
    }
}

impl Stream for ChannelStream {
    type Item = Result<LlmEvent>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.rx.poll_recv(cx)
    }
}

impl Drop for ChannelStream {
    fn drop(&mut self) {
        // Closing the receiver stops blocking producers at their next send; aborting stops async
        // producers even while they wait on the network.
        self.rx.close();
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// A stream holding a single error.
pub(crate) fn error_stream(err: crate::Error) -> LlmStream {
    Box::pin(futures::stream::once(async move { Err(err) }))
}

/// Holds back text that may be the start of a stop sequence.
#[derive(Debug)]
pub(crate) struct StopMatcher {
    stops: Vec<String>,
    pending: String,
}

impl StopMatcher {
    pub(crate) fn new(stops: &[String]) -> Self {
        Self {
            stops: stops.iter().filter(|s| !s.is_empty()).cloned().collect(),
            pending: String::new(),
        }
    }

    /// Adds text; returns the text safe to emit and whether a stop sequence was hit.
    pub(crate) fn push(&mut self, text: &str) -> (String, bool) {
        self.pending.push_str(text);
        let hit = self
            .stops
            .iter()
            .filter_map(|s| self.pending.find(s.as_str()))
            .min();
        if let Some(at) = hit {
            let out = self.pending[..at].to_string();
            self.pending.clear();
            return (out, true);
        }
        let mut keep = 0;
        for s in &self.stops {
            for (i, _) in s.char_indices().skip(1) {
                if self.pending.ends_with(&s[..i]) {
                    keep = keep.max(i);
                }
            }
        }
        let cut = self.pending.len() - keep;
        let out = self.pending[..cut].to_string();
        self.pending.drain(..cut);
        (out, false)
    }

    /// The held-back text at the end of the generation.
    pub(crate) fn finish(&mut self) -> String {
        std::mem::take(&mut self.pending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_matcher_holds_back_prefixes_and_cuts_at_stop() {
        let mut m = StopMatcher::new(&["\nUser:".to_string()]);
        assert_eq!(m.push("Hello"), ("Hello".to_string(), false));
        assert_eq!(m.push(" there\nUs"), (" there".to_string(), false));
        assert_eq!(m.push("er: hi"), (String::new(), true));
        let mut m = StopMatcher::new(&["\nUser:".to_string()]);
        assert_eq!(m.push("a\nU"), ("a".to_string(), false));
        assert_eq!(m.push("nder"), ("\nUnder".to_string(), false));
        assert_eq!(m.finish(), "");
    }
}
