//! The crate's error type.

/// Errors of the analysis service (`analysis::Error`). Messages never carry transcript text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The audio was refused or could not be decoded (format, size, rate, duration, corruption);
    /// the inner variant says which, for a precise 4xx answer.
    #[error("audio: {0}")]
    Audio(#[from] voxgate_audio::Error),
    /// Speech recognition failed or its model is missing.
    #[error("speech: {0}")]
    Speech(#[from] voxgate_speech::Error),
    /// The privacy engine's configuration is invalid.
    #[error("privacy: {0}")]
    Privacy(#[from] voxgate_privacy::Error),
    /// The language model failed.
    #[error("language model: {0}")]
    Llm(#[from] voxgate_agent::Error),
    /// The job queue failed.
    #[error("job queue: {0}")]
    Queue(#[from] voxgate_store::jobs::QueueError),
    /// Sealed result storage failed.
    #[error("result storage: {0}")]
    Store(#[from] voxgate_store::Error),
    /// A configuration value, taxonomy or option is invalid.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// An option of one request is not supported (e.g. a language other than English).
    #[error("unsupported option: {0}")]
    Unsupported(String),
    /// The job's source cannot be found (no such call recording, upload gone).
    #[error("source not available: {0}")]
    SourceUnavailable(String),
    /// The analysis was cancelled.
    #[error("cancelled")]
    Cancelled,
    /// The analysis took longer than its time limit.
    #[error("timed out after {0} s")]
    Timeout(u64),
    /// A file could not be read or written.
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
    /// A worker thread stopped unexpectedly.
    #[error("internal: {0}")]
    Internal(String),
}

impl Error {
    /// Whether retrying the same job may succeed: input refusals and bad options never will.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Audio(e) => matches!(e, voxgate_audio::Error::Io(_)),
            Error::Speech(e) => matches!(e, voxgate_speech::Error::Inference(_)),
            Error::Llm(_) | Error::Queue(_) | Error::Io(_) | Error::Internal(_) => true,
            Error::Store(e) => !matches!(e, voxgate_store::Error::InvalidInput(_)),
            Error::Timeout(_) => true,
            _ => false,
        }
    }

    /// Whether the error is the caller's input (an upload or option a 4xx answers).
    pub fn is_input_error(&self) -> bool {
        match self {
            Error::Audio(e) => !matches!(
                e,
                voxgate_audio::Error::Io(_) | voxgate_audio::Error::Model(_)
            ),
            Error::Unsupported(_) | Error::SourceUnavailable(_) => true,
            _ => false,
        }
    }
}

/// Result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;
