//! Identifiers and the description of a call.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The id of one call, unique across transports. For AudioSocket it is the UUID Asterisk sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CallId(Uuid);

impl CallId {
    /// A fresh random id.
    pub fn new() -> Self {
        Self(Uuid::new_v4())
    }

    /// Wraps an existing UUID (AudioSocket UUID, ARI channel UUID...).
    pub const fn from_uuid(id: Uuid) -> Self {
        Self(id)
    }

    /// The UUID inside.
    pub const fn as_uuid(&self) -> &Uuid {
        &self.0
    }
}

impl Default for CallId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for CallId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl From<Uuid> for CallId {
    fn from(id: Uuid) -> Self {
        Self(id)
    }
}

/// Which transport carries a call: a low-cardinality label for logs and metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TransportKind {
    /// Asterisk AudioSocket over TCP (dialplan app, channel driver or ARI externalMedia).
    Audiosocket,
    /// Asterisk ARI with ExternalMedia over RTP.
    AriRtp,
    /// Twilio Media Streams.
    Twilio,
    /// The browser voice WebSocket.
    Browser,
}

impl TransportKind {
    /// All kinds, for pre-registering metrics.
    pub const ALL: [TransportKind; 4] = [
        TransportKind::Audiosocket,
        TransportKind::AriRtp,
        TransportKind::Twilio,
        TransportKind::Browser,
    ];

    /// The stable label (`audiosocket`, `ari_rtp`, `twilio`, `browser`).
    pub const fn as_str(&self) -> &'static str {
        match self {
            TransportKind::Audiosocket => "audiosocket",
            TransportKind::AriRtp => "ari_rtp",
            TransportKind::Twilio => "twilio",
            TransportKind::Browser => "browser",
        }
    }

    pub(crate) const fn index(&self) -> usize {
        match self {
            TransportKind::Audiosocket => 0,
            TransportKind::AriRtp => 1,
            TransportKind::Twilio => 2,
            TransportKind::Browser => 3,
        }
    }
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a transport knows about a call when it starts.
///
/// `caller` and `called` are PII: the `Debug` impl redacts them and they must never be logged.
#[derive(Clone, PartialEq, Eq)]
pub struct CallInfo {
    /// The call's id.
    pub id: CallId,
    /// The transport carrying it.
    pub transport: TransportKind,
    /// The agent profile chosen for the call (by UUID registry, webhook path...), `None` = default.
    pub profile: Option<String>,
    /// The caller's number or identity, if the transport knows it (PII).
    pub caller: Option<String>,
    /// The number or address called, if known (PII).
    pub called: Option<String>,
    /// The rate of the PCM16 audio exchanged with the session, in Hz (8000, 16000, ...).
    pub sample_rate: u32,
    /// Free-form parameters from the transport (Twilio custom parameters, Stasis args...).
    pub parameters: BTreeMap<String, String>,
}

impl CallInfo {
    /// A call with a fresh id, no profile, no caller details and no parameters.
    pub fn new(transport: TransportKind, sample_rate: u32) -> Self {
        Self {
            id: CallId::new(),
            transport,
            profile: None,
            caller: None,
            called: None,
            sample_rate,
            parameters: BTreeMap::new(),
        }
    }

    /// Samples in one 20 ms frame at this call's rate.
    pub fn frame_samples(&self) -> usize {
        frame_samples(self.sample_rate)
    }
}

impl fmt::Debug for CallInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redact = |v: &Option<String>| v.as_ref().map(|_| "<redacted>");
        f.debug_struct("CallInfo")
            .field("id", &self.id)
            .field("transport", &self.transport)
            .field("profile", &self.profile)
            .field("caller", &redact(&self.caller))
            .field("called", &redact(&self.called))
            .field("sample_rate", &self.sample_rate)
            .field("parameters", &self.parameters.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// Length of one frame, the unit of pacing on every transport.
pub const FRAME_MS: u64 = 20;

/// Samples in one 20 ms frame at `sample_rate`.
pub const fn frame_samples(sample_rate: u32) -> usize {
    (sample_rate as usize) / 50
}

/// One frame of inbound audio, PCM16 mono at the call's rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudioFrame {
    /// The samples (usually 20 ms worth; the last frame of a stream can be shorter).
    pub samples: Vec<i16>,
}

/// Why a call ended.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndReason {
    /// The far end hung up with a protocol message (AudioSocket 0x00, Twilio `stop`, ARI hangup).
    RemoteHangup,
    /// The far end closed the connection without a goodbye (EOF, reset).
    ConnectionClosed,
    /// The agent asked to hang up.
    LocalHangup,
    /// The call was transferred elsewhere.
    Transferred,
    /// The call hit `max_duration`.
    MaxDuration,
    /// Nothing arrived for `idle_timeout`.
    IdleTimeout,
    /// The server is shutting down.
    Shutdown,
    /// A protocol or I/O error; the text names the kind of failure, never call content.
    Error(String),
}

impl EndReason {
    /// A low-cardinality label for metrics.
    pub fn label(&self) -> &'static str {
        match self {
            EndReason::RemoteHangup => "remote_hangup",
            EndReason::ConnectionClosed => "connection_closed",
            EndReason::LocalHangup => "local_hangup",
            EndReason::Transferred => "transferred",
            EndReason::MaxDuration => "max_duration",
            EndReason::IdleTimeout => "idle_timeout",
            EndReason::Shutdown => "shutdown",
            EndReason::Error(_) => "error",
        }
    }
}

impl fmt::Display for EndReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndReason::Error(e) => write!(f, "error: {e}"),
            other => f.write_str(other.label()),
        }
    }
}

/// What the transport tells the agent.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CallEvent {
    /// Caller audio.
    Audio(AudioFrame),
    /// A DTMF digit (`0-9`, `*`, `#`, `A-D`).
    Dtmf(char),
    /// The transport confirmed playback up to a named mark (Twilio `mark`, ARI `PlaybackFinished`).
    Mark(String),
    /// The call is over; always the last event.
    Hangup(EndReason),
}

/// Where to transfer a call. Transports interpret it: ARI reads `context,extension,priority`
/// (dialplan `Goto` syntax, priority defaults to 1), Twilio a number or SIP URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferTarget(pub String);

impl fmt::Display for TransferTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
