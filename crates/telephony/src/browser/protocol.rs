//! The browser voice protocol's JSON control messages (see `docs/browser-protocol.md`).
//!
//! Audio travels in binary frames (PCM16 little-endian, mono, 16 kHz, 20 ms = 640 bytes, both
//! ways); everything else is one JSON object per text frame with a `type` tag.

use serde::{Deserialize, Serialize};

/// Audio rate of the browser protocol, both directions.
pub const SAMPLE_RATE: u32 = 16_000;
/// Samples in one 20 ms frame at [`SAMPLE_RATE`].
pub const FRAME_SAMPLES: usize = 320;
/// Bytes in one 20 ms binary frame.
pub const FRAME_BYTES: usize = FRAME_SAMPLES * 2;
/// Largest binary frame accepted from the page (100 ms); bigger ones are a protocol error.
pub const MAX_FRAME_BYTES: usize = FRAME_BYTES * 5;

/// A control message from the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMessage {
    /// First message: authenticate and start the call.
    Start {
        /// Session token issued by the server.
        token: String,
        /// Agent profile asked for (the token may restrict it).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        profile: Option<String>,
        /// Rate of the binary audio the page will send; must be 16000.
        sample_rate: u32,
    },
    /// A keypad digit pressed on the page.
    Dtmf {
        /// One of 0-9, *, #, A-D.
        digit: String,
    },
    /// The user ended the call.
    Hangup,
    /// Any type this version does not know: ignored.
    #[serde(other)]
    Unknown,
}

/// A control message to the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    /// The call is up; audio may flow.
    Ready {
        /// Call id, for support requests.
        call_id: String,
        /// Audio rate both ways (16000).
        sample_rate: u32,
        /// Frame duration in milliseconds (20).
        frame_ms: u32,
    },
    /// A transcript line.
    Transcript {
        /// "caller" or "agent".
        role: String,
        /// The text.
        text: String,
        /// False for a partial hypothesis that will be replaced.
        #[serde(rename = "final")]
        is_final: bool,
    },
    /// What the agent is doing: "listening", "thinking", "speaking".
    AgentState {
        /// The state.
        state: String,
    },
    /// Barge-in: drop every buffered agent frame not yet played.
    Clear,
    /// A DTMF digit was received by the call (echo of the page's own key press).
    Dtmf {
        /// The digit.
        digit: String,
    },
    /// The call ended; the socket closes next.
    Hangup {
        /// Why: "caller", "agent", "timeout", "shutdown", "error".
        reason: String,
    },
    /// Something went wrong; `code` is stable, `message` is for humans.
    Error {
        /// Machine-readable code: "unauthorized", "bad_request", "unsupported_rate",
        /// "busy", "timeout", "internal".
        code: String,
        /// Human-readable message (never contains PII).
        message: String,
    },
}

impl ServerMessage {
    /// Compact JSON text.
    pub fn to_json(&self) -> String {
        // Plain strings and integers: serialisation cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// An error message.
    pub fn error(code: &str, message: &str) -> Self {
        ServerMessage::Error {
            code: code.to_owned(),
            message: message.to_owned(),
        }
    }
}

impl ClientMessage {
    /// Parses one text frame.
    ///
    /// # Errors
    /// The serde error for malformed JSON or bad fields.
    pub fn parse(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Compact JSON text (the test client uses this).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// PCM16 little-endian bytes -> samples. `None` for an odd length.
pub fn pcm16le_to_samples(bytes: &[u8]) -> Option<Vec<i16>> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    Some(
        bytes
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect(),
    )
}

/// Samples -> PCM16 little-endian bytes.
pub fn samples_to_pcm16le(samples: &[i16]) -> Vec<u8> {
    let mut out = Vec::with_capacity(samples.len() * 2);
    for s in samples {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_messages_exact() {
        let start = r#"{"type":"start","token":"abc","profile":"echo","sample_rate":16000}"#;
        let m = ClientMessage::parse(start).unwrap();
        assert_eq!(
            m,
            ClientMessage::Start {
                token: "abc".into(),
                profile: Some("echo".into()),
                sample_rate: 16000
            }
        );
        assert_eq!(m.to_json(), start);
        let no_profile = r#"{"type":"start","token":"abc","sample_rate":16000}"#;
        assert_eq!(
            ClientMessage::parse(no_profile).unwrap().to_json(),
            no_profile
        );
        let dtmf = r#"{"type":"dtmf","digit":"5"}"#;
        assert_eq!(ClientMessage::parse(dtmf).unwrap().to_json(), dtmf);
        let hangup = r#"{"type":"hangup"}"#;
        assert_eq!(ClientMessage::parse(hangup).unwrap(), ClientMessage::Hangup);
        assert_eq!(ClientMessage::Hangup.to_json(), hangup);
        assert_eq!(
            ClientMessage::parse(r#"{"type":"future","x":1}"#).unwrap(),
            ClientMessage::Unknown
        );
        for bad in ["", "{}", r#"{"type":"start"}"#, r#"{"type":"dtmf"}"#, "[1]"] {
            assert!(ClientMessage::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn server_messages_exact() {
        let cases = [
            (
                ServerMessage::Ready {
                    call_id: "c1".into(),
                    sample_rate: 16000,
                    frame_ms: 20,
                },
                r#"{"type":"ready","call_id":"c1","sample_rate":16000,"frame_ms":20}"#,
            ),
            (
                ServerMessage::Transcript {
                    role: "caller".into(),
                    text: "hi \"there\"".into(),
                    is_final: true,
                },
                r#"{"type":"transcript","role":"caller","text":"hi \"there\"","final":true}"#,
            ),
            (
                ServerMessage::AgentState {
                    state: "speaking".into(),
                },
                r#"{"type":"agent_state","state":"speaking"}"#,
            ),
            (ServerMessage::Clear, r#"{"type":"clear"}"#),
            (
                ServerMessage::Dtmf { digit: "#".into() },
                r##"{"type":"dtmf","digit":"#"}"##,
            ),
            (
                ServerMessage::Hangup {
                    reason: "caller".into(),
                },
                r#"{"type":"hangup","reason":"caller"}"#,
            ),
            (
                ServerMessage::error("unauthorized", "bad token"),
                r#"{"type":"error","code":"unauthorized","message":"bad token"}"#,
            ),
        ];
        for (m, json) in cases {
            assert_eq!(m.to_json(), json);
            assert_eq!(serde_json::from_str::<ServerMessage>(json).unwrap(), m);
        }
    }

    #[test]
    fn pcm_conversion() {
        let s = [0i16, 1, -1, i16::MAX, i16::MIN];
        let b = samples_to_pcm16le(&s);
        assert_eq!(b, [0, 0, 1, 0, 0xff, 0xff, 0xff, 0x7f, 0, 0x80]);
        assert_eq!(pcm16le_to_samples(&b).unwrap(), s);
        assert_eq!(pcm16le_to_samples(&[1, 2, 3]), None);
    }
}
