//! The crate's error type.

/// Everything that can go wrong in the audio toolkit.
///
/// Decoding refusals are separate variants so that an upload handler can map each one to a
/// precise message (format, size, rate, channels, duration, corruption) without string matching.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A sample rate the operation cannot work with.
    #[error("unsupported sample rate: {0} Hz")]
    UnsupportedRate(u32),
    /// Two rates whose ratio would need an unreasonably large polyphase filter bank.
    #[error("cannot resample {from} Hz to {to} Hz: the rate ratio is too irregular")]
    UnsupportedRatio {
        /// Input rate in Hz.
        from: u32,
        /// Output rate in Hz.
        to: u32,
    },
    /// A byte buffer whose length is not a whole number of samples.
    #[error("{len} bytes is not a whole number of {width}-byte samples")]
    PartialSample {
        /// Buffer length in bytes.
        len: usize,
        /// Bytes per sample (times channels, where relevant).
        width: usize,
    },
    /// A channel count of zero, or a buffer that is not a whole number of frames.
    #[error("invalid channel layout: {0}")]
    InvalidChannels(String),
    /// A frame handed to a detector has the wrong length.
    #[error("frame has {got} samples, the detector expects {expected}")]
    FrameSize {
        /// Samples per frame the detector needs.
        expected: usize,
        /// Samples received.
        got: usize,
    },
    /// The data is not in a container/format we recognise.
    #[error("unknown or unsupported audio format")]
    UnknownFormat,
    /// The container is known but its codec cannot be decoded here.
    #[error("unsupported audio codec: {0}")]
    UnsupportedCodec(String),
    /// The input has no audio track.
    #[error("no audio track in the input")]
    NoAudioTrack,
    /// The input is larger than the configured byte limit.
    #[error("audio input is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The configured limit in bytes.
        limit: u64,
    },
    /// The sample rate is outside the accepted range.
    #[error("sample rate {rate} Hz is outside the accepted range {min}-{max} Hz")]
    SampleRateOutOfRange {
        /// The file's rate.
        rate: u32,
        /// Lowest accepted rate.
        min: u32,
        /// Highest accepted rate.
        max: u32,
    },
    /// The input has more channels than allowed.
    #[error("audio has {channels} channels, more than the limit of {limit}")]
    TooManyChannels {
        /// The file's channel count.
        channels: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The audio lasts longer than allowed.
    #[error("audio is longer than the limit of {limit_secs} s")]
    TooLong {
        /// The configured limit in seconds.
        limit_secs: f64,
    },
    /// The data claims a known format but cannot be decoded.
    #[error("corrupt audio data: {0}")]
    Corrupt(String),
    /// A model file is missing, unreadable or does not have the expected tensors.
    #[error("VAD model error: {0}")]
    Model(String),
    /// A configuration value is out of range.
    #[error("invalid configuration: {0}")]
    InvalidConfig(String),
    /// WAV writing failed.
    #[error("WAV error: {0}")]
    Wav(String),
    /// An I/O error while reading or writing audio.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

/// Result alias used throughout the crate.
pub type Result<T> = std::result::Result<T, Error>;
