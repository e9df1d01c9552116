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
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
