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
//! Errors are [`Error`] (`agent::Error`).

pub mod llm;

mod error;

pub use error::{Error, Result, TimeoutKind};
