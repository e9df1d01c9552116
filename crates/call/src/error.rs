//! Errors of the call model.

use crate::CallId;

/// Errors returned by the call model.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The registry is at `max_concurrent_calls`; the transport should refuse the call.
    #[error("too many concurrent calls (limit {limit})")]
    TooManyCalls {
        /// The configured limit.
        limit: usize,
    },
    /// The server is shutting down and accepts no new calls.
    #[error("shutting down: no new calls")]
    ShuttingDown,
    /// The call has already ended; the request was not delivered.
    #[error("call {0} has ended")]
    CallEnded(CallId),
    /// The transport cannot perform a transfer (for example AudioSocket, which has no signalling).
    #[error("call {call}: transfer not supported by this transport: {reason}")]
    TransferFailed {
        /// The call.
        call: CallId,
        /// Why, without PII (no numbers, no transcript).
        reason: String,
    },
    /// A sample rate the call model cannot pace (must be a positive multiple of 50 Hz).
    #[error("unsupported sample rate {0} Hz (must be a positive multiple of 50)")]
    BadSampleRate(u32),
}

/// Result alias of this crate.
pub type Result<T> = std::result::Result<T, Error>;
