//! The agent's error type.

use std::path::PathBuf;

/// Which of the LLM time limits was exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// Establishing the TCP/TLS connection.
    Connect,
    /// Waiting for the first streamed token (or tool-call fragment).
    FirstToken,
    /// The whole request, from sending it to the end of the stream.
    Total,
}

impl std::fmt::Display for TimeoutKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TimeoutKind::Connect => "connect",
            TimeoutKind::FirstToken => "first token",
            TimeoutKind::Total => "total",
        })
    }
}

/// Errors of the agent crate (`agent::Error`).
///
/// Variants never carry prompt or transcript text: they may be logged.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A model file could not be opened or parsed.
    #[error("cannot load model {path}: {reason}")]
    ModelLoad {
        /// The model file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The GGUF tokenizer metadata is missing or inconsistent.
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    /// The local inference engine failed.
    #[error("inference failed: {0}")]
    Inference(String),
    /// The prompt does not fit in the model's context window.
    #[error("prompt of {tokens} tokens does not fit the context of {limit} tokens")]
    PromptTooLong {
        /// Tokens in the rendered prompt.
        tokens: usize,
        /// The model's context length.
        limit: usize,
    },
    /// The configuration is invalid.
    #[error("invalid LLM configuration: {0}")]
    Config(String),
    /// The server answered with a non-success HTTP status (after retries, if any).
    #[error("LLM server returned HTTP {status}: {message}")]
    Http {
        /// HTTP status code.
        status: u16,
        /// The server's error message, truncated.
        message: String,
    },
    /// The connection failed or broke.
    #[error("LLM transport error: {0}")]
    Transport(String),
    /// A time limit was exceeded.
    #[error("LLM {0} timeout")]
    Timeout(TimeoutKind),
    /// The server sent something that is not a valid chat-completions stream.
    #[error("LLM protocol error: {0}")]
    Protocol(String),
    /// The server reported an error inside the stream.
    #[error("LLM server error: {0}")]
    Api(String),
    /// The model asked for a tool that does not exist.
    #[error("unknown tool {0:?}")]
    UnknownTool(String),
    /// The call's agent profile may not use this tool.
    #[error("tool {tool:?} is not allowed for profile {profile:?}")]
    ToolNotAllowed {
        /// The tool asked for.
        tool: String,
        /// The profile answering the call.
        profile: String,
    },
    /// The tool's arguments are not valid JSON or break its schema (never echoes the values).
    #[error("invalid arguments for tool {tool:?}: {reason}")]
    ToolArguments {
        /// The tool.
        tool: String,
        /// Which rule failed, by JSON path.
        reason: String,
    },
    /// A tool failed while running (HTTP status, transport error, oversized response).
    #[error("tool {tool:?} failed: {reason}")]
    ToolFailed {
        /// The tool.
        tool: String,
        /// What went wrong.
        reason: String,
    },
    /// A webhook tool did not answer in time.
    #[error("tool {tool:?} timed out after {after:?}")]
    ToolTimeout {
        /// The tool.
        tool: String,
        /// The configured limit.
        after: std::time::Duration,
    },
    /// A webhook destination was refused by the SSRF guard.
    #[error("refused to connect to {host}: {reason}")]
    SsrfRefused {
        /// The host (or address) of the refused destination.
        host: String,
        /// Why, such as the address class (`loopback`, `private`, ...).
        reason: String,
    },
    /// An operator data file (customers, FAQ) could not be read or parsed.
    #[error("cannot load knowledge file {path}: {reason}")]
    KnowledgeLoad {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The tools configuration is invalid.
    #[error("invalid tools configuration: {0}")]
    ToolsConfig(String),
    /// An agent profile is invalid.
    #[error("invalid agent profile: {0}")]
    Profile(String),
    /// The call's audio pipeline (resampler, VAD) could not be set up or failed.
    #[error("audio pipeline: {0}")]
    Audio(String),
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
