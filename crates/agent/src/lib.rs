//! The Voxgate agent: the conversation side of a call.
//!
//! This first piece holds the language-model providers in [`llm`]:
//!
//! - [`llm::LanguageModel`], the object-safe trait every provider implements. A call to
//!   [`llm::LanguageModel::generate`] returns an [`llm::LlmStream`] of [`llm::LlmEvent`]s (text
//!   deltas, tool calls, the finish reason and token usage). Dropping the stream cancels the
//!   generation, which is how barge-in stops the model mid-sentence.
//! - [`llm::EmbeddedLlm`], SmolLM2-135M-Instruct (GGUF, Q4_1) running in-process with candle, with
//!   its byte-level BPE tokenizer ([`llm::BpeTokenizer`]) read from the GGUF metadata and ChatML
//!   prompts ([`llm::chatml`]).
//! - [`llm::OpenAiCompatible`], any `/chat/completions` server (OpenAI, Ollama, vLLM, llama.cpp
//!   server) streamed over server-sent events ([`llm::sse`]), with tool calls, timeouts and retries.
//! - [`llm::LlmConfig`], the serde configuration choosing and tuning a provider, built with
//!   [`llm::build`].
//!
//! The conversation itself:
//!
//! - [`AgentHandler`] (a `voxgate_call::CallHandler`) answers calls as one [`AgentProfile`], from
//!   shared [`AgentDeps`]: endpointing, speech-to-text, the streamed LLM reply spoken sentence by
//!   sentence, barge-in, reprompts, DTMF, tools, goodbye ([`dialog`]).
//! - [`transcript`]: redacted [`Turn`]s with per-turn [`TurnTimings`], delivered to a
//!   [`TranscriptSink`].
//!
//! Errors are [`Error`] (`agent::Error`).

pub mod dialog;
pub mod llm;
pub mod profile;
pub mod tools;
pub mod transcript;

mod error;

pub use dialog::{AgentDeps, AgentHandler, VadFactory};
pub use error::{Error, Result, TimeoutKind};
pub use profile::{AgentProfile, BargeInConfig, EndpointerSettings};
pub use transcript::{CallTranscript, MemoryTranscriptSink, TranscriptSink, Turn, TurnTimings};
