//! Serde types for every Twilio Media Streams message, both directions.
//!
//! Field order follows Twilio's documented examples so that serialising a value gives the
//! documented JSON byte for byte (compact form); the load-generator client plays Twilio's side
//! and so serialises the inbound kinds too. Twilio sends counters (`sequenceNumber`, `chunk`,
//! `timestamp`) as JSON strings; they are parsed into integers and written back as strings.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A message Twilio sends to our WebSocket server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "lowercase")]
pub enum TwilioInbound {
    /// First message after the WebSocket opens.
    Connected(Connected),
    /// Stream metadata, once, after `connected`.
    Start(Start),
    /// One chunk of caller audio (base64 mu-law, 8 kHz).
    Media(Media),
    /// A DTMF digit pressed by the caller.
    Dtmf(Dtmf),
    /// Twilio finished playing the audio sent before the mark of this name.
    Mark(MarkEvent),
    /// The stream ended (hangup or stream stopped).
    Stop(Stop),
    /// Any event kind this version does not know; logged and ignored.
    #[serde(other)]
    Unknown,
}

/// `connected`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connected {
    /// Protocol name, "Call".
    pub protocol: String,
    /// Protocol version, e.g. "1.0.0".
    pub version: String,
}

/// `start`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Start {
    /// Message counter.
    #[serde(with = "str_num", default)]
    pub sequence_number: u64,
    /// Stream metadata.
    pub start: StartInfo,
    /// Stream id.
    pub stream_sid: String,
}

/// The `start` object of a `start` message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartInfo {
    /// Account that created the stream.
    pub account_sid: String,
    /// Stream id.
    pub stream_sid: String,
    /// Call id. Not PII, but an identifier: logged only at debug level.
    pub call_sid: String,
    /// Media flows to expect: "inbound", "outbound".
    #[serde(default)]
    pub tracks: Vec<String>,
    /// Audio format of `media` payloads.
    pub media_format: MediaFormat,
    /// Custom `<Parameter>`s from the TwiML.
    #[serde(default)]
    pub custom_parameters: BTreeMap<String, String>,
}

/// Audio format of a stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MediaFormat {
    /// Always "audio/x-mulaw" for Media Streams.
    pub encoding: String,
    /// Always 8000.
    pub sample_rate: u32,
    /// Always 1.
    pub channels: u16,
}

impl MediaFormat {
    /// The only format Twilio Media Streams uses: mu-law, 8 kHz, mono.
    pub fn mulaw_8k() -> Self {
        Self {
            encoding: "audio/x-mulaw".to_owned(),
            sample_rate: 8000,
            channels: 1,
        }
    }
}

/// `media` from Twilio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Media {
    /// Message counter.
    #[serde(with = "str_num", default)]
    pub sequence_number: u64,
    /// The audio chunk.
    pub media: MediaChunk,
    /// Stream id.
    pub stream_sid: String,
}

/// The `media` object of an inbound `media` message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaChunk {
    /// "inbound" or "outbound".
    pub track: String,
    /// Chunk counter, from 1.
    #[serde(with = "str_num")]
    pub chunk: u64,
    /// Milliseconds since the start of the stream.
    #[serde(with = "str_num")]
    pub timestamp: u64,
    /// Base64 mu-law audio.
    pub payload: String,
}

/// `dtmf`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dtmf {
    /// Stream id.
    pub stream_sid: String,
    /// Message counter.
    #[serde(with = "str_num", default)]
    pub sequence_number: u64,
    /// The digit.
    pub dtmf: DtmfDigit,
}

/// The `dtmf` object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DtmfDigit {
    /// "inbound_track".
    #[serde(default)]
    pub track: String,
    /// One of 0-9, *, #, A-D.
    pub digit: String,
}

/// `mark` from Twilio: playback reached the mark of this name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MarkEvent {
    /// Message counter.
    #[serde(with = "str_num", default)]
    pub sequence_number: u64,
    /// Stream id.
    pub stream_sid: String,
    /// The mark.
    pub mark: MarkName,
}

/// `{"name": ..}` of a mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkName {
    /// Mark name, chosen by us when we sent it.
    pub name: String,
}

/// `stop`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stop {
    /// Message counter.
    #[serde(with = "str_num", default)]
    pub sequence_number: u64,
    /// Which call stopped.
    pub stop: StopInfo,
    /// Stream id.
    pub stream_sid: String,
}

/// The `stop` object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StopInfo {
    /// Account id.
    #[serde(default)]
    pub account_sid: String,
    /// Call id.
    pub call_sid: String,
}

/// A message we send to Twilio on a bidirectional stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "lowercase")]
pub enum TwilioOutbound {
    /// Audio to play to the caller, queued by Twilio in order.
    Media {
        /// Stream id.
        #[serde(rename = "streamSid")]
        stream_sid: String,
        /// The payload.
        media: OutboundPayload,
    },
    /// Ask Twilio to send the mark back once everything before it has been played.
    Mark {
        /// Stream id.
        #[serde(rename = "streamSid")]
        stream_sid: String,
        /// The mark.
        mark: MarkName,
    },
    /// Drop all audio Twilio has buffered (barge-in).
    Clear {
        /// Stream id.
        #[serde(rename = "streamSid")]
        stream_sid: String,
    },
}

/// `{"payload": BASE64_MULAW_8K}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboundPayload {
    /// Base64 mu-law, 8 kHz.
    pub payload: String,
}

impl TwilioOutbound {
    /// Serialises to the compact JSON text Twilio expects.
    pub fn to_json(&self) -> String {
        // Serialising these plain structs of strings cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl TwilioInbound {
    /// Parses one text frame.
    ///
    /// # Errors
    /// The serde error for malformed JSON or a known event with missing/invalid fields.
    pub fn parse(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Serialises to compact JSON (the client side uses this to play Twilio's role).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Lowercase event name, for logs and metrics.
    pub fn kind(&self) -> &'static str {
        match self {
            TwilioInbound::Connected(_) => "connected",
            TwilioInbound::Start(_) => "start",
            TwilioInbound::Media(_) => "media",
            TwilioInbound::Dtmf(_) => "dtmf",
            TwilioInbound::Mark(_) => "mark",
            TwilioInbound::Stop(_) => "stop",
            TwilioInbound::Unknown => "unknown",
        }
    }
}

/// Integers that Twilio writes as JSON strings ("3"); plain numbers are accepted too.
mod str_num {
    use serde::{de, Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum StrOrNum<'a> {
            Str(&'a str),
            Owned(String),
            Num(u64),
        }
        match StrOrNum::deserialize(d)? {
            StrOrNum::Str(s) => s.parse().map_err(de::Error::custom),
            StrOrNum::Owned(s) => s.parse().map_err(de::Error::custom),
            StrOrNum::Num(n) => Ok(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compacts a pretty documented example so it can be compared byte for byte.
    fn compact(doc: &str) -> String {
        // serde_json's Value reorders keys without `preserve_order`, so strip insignificant
        // whitespace outside strings instead.
        serde_json::from_str::<serde_json::Value>(doc).unwrap();
        let mut out = String::new();
        let mut in_str = false;
        let mut esc = false;
        for c in doc.chars() {
            if in_str {
                out.push(c);
                if esc {
                    esc = false;
                } else if c == '\\' {
                    esc = true;
                } else if c == '"' {
                    in_str = false;
                }
            } else if c == '"' {
                in_str = true;
                out.push(c);
            } else if !c.is_whitespace() {
                out.push(c);
            }
        }
        out
    }

    fn roundtrip_inbound(doc: &str) -> TwilioInbound {
        let parsed = TwilioInbound::parse(doc).unwrap();
        assert_eq!(parsed.to_json(), compact(doc), "re-serialised bytes differ");
        parsed
    }

    // The examples below are Twilio's documented messages ("Media Streams - WebSocket
    // Messages"), with their field order.
    #[test]
    fn connected() {
        let m = roundtrip_inbound(
            r#"{
              "event": "connected",
              "protocol": "Call",
              "version": "1.0.0"
            }"#,
        );
        assert_eq!(
            m,
            TwilioInbound::Connected(Connected {
                protocol: "Call".into(),
                version: "1.0.0".into()
            })
        );
    }

    #[test]
    fn start() {
        let m = roundtrip_inbound(
            r#"{
              "event": "start",
              "sequenceNumber": "1",
              "start": {
                "accountSid": "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                "callSid": "CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                "tracks": [ "inbound", "outbound" ],
                "mediaFormat": { "encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1 },
                "customParameters": { "FirstName": "Jane", "LastName": "Doe", "RemoteParty": "Bob" }
              },
              "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
            }"#,
        );
        let TwilioInbound::Start(s) = m else {
            panic!("not start: {m:?}")
        };
        assert_eq!(s.sequence_number, 1);
        assert_eq!(s.start.call_sid, "CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
        assert_eq!(s.start.tracks, ["inbound", "outbound"]);
        assert_eq!(s.start.media_format, MediaFormat::mulaw_8k());
        assert_eq!(s.start.custom_parameters["LastName"], "Doe");
    }

    #[test]
    fn media_in() {
        let m = roundtrip_inbound(
            r#"{
              "event": "media",
              "sequenceNumber": "3",
              "media": {
                "track": "inbound",
                "chunk": "1",
                "timestamp": "5",
                "payload": "no+JhoaJjpzSHxAKBgYJDhtEopGKh4aIjZm7JhILBwYIDRg1qZSLh4aHjJayLBYMCAYHCxUrr5iNiIaHi5Ss"
              },
              "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
            }"#,
        );
        let TwilioInbound::Media(media) = m else {
            panic!("not media")
        };
        assert_eq!(
            (
                media.sequence_number,
                media.media.chunk,
                media.media.timestamp
            ),
            (3, 1, 5)
        );
        assert_eq!(media.media.track, "inbound");
    }

    #[test]
    fn dtmf() {
        let m = roundtrip_inbound(
            r#"{
              "event": "dtmf",
              "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
              "sequenceNumber": "5",
              "dtmf": { "track": "inbound_track", "digit": "1" }
            }"#,
        );
        let TwilioInbound::Dtmf(d) = m else {
            panic!("not dtmf")
        };
        assert_eq!(d.dtmf.digit, "1");
    }

    #[test]
    fn mark_in() {
        let m = roundtrip_inbound(
            r#"{
              "event": "mark",
              "sequenceNumber": "4",
              "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
              "mark": { "name": "my label" }
            }"#,
        );
        assert_eq!(m.kind(), "mark");
    }

    #[test]
    fn stop() {
        let m = roundtrip_inbound(
            r#"{
              "event": "stop",
              "sequenceNumber": "5",
              "stop": {
                "accountSid": "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                "callSid": "CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
              },
              "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
            }"#,
        );
        let TwilioInbound::Stop(s) = m else {
            panic!("not stop")
        };
        assert_eq!(s.stop.call_sid, "CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
    }

    #[test]
    fn unknown_event_and_numbers_as_numbers() {
        assert_eq!(
            TwilioInbound::parse(r#"{"event":"speech","foo":1}"#).unwrap(),
            TwilioInbound::Unknown
        );
        let m = TwilioInbound::parse(
            r#"{"event":"media","sequenceNumber":7,"media":{"track":"inbound","chunk":2,"timestamp":20,"payload":""},"streamSid":"MZ1"}"#,
        )
        .unwrap();
        let TwilioInbound::Media(media) = m else {
            panic!("not media")
        };
        assert_eq!(media.sequence_number, 7);
    }

    #[test]
    fn malformed_is_an_error_not_a_panic() {
        for bad in [
            "",
            "{",
            "[]",
            r#"{"no_event":1}"#,
            r#"{"event":"media"}"#,
            r#"{"event":"media","sequenceNumber":"x","media":{"track":"inbound","chunk":"1","timestamp":"5","payload":""},"streamSid":"MZ"}"#,
            r#"{"event":"start","start":{}}"#,
        ] {
            assert!(
                TwilioInbound::parse(bad).is_err(),
                "{bad:?} should not parse"
            );
        }
    }

    #[test]
    fn outbound_media_mark_clear_exact_bytes() {
        let s = "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX".to_owned();
        let media = TwilioOutbound::Media {
            stream_sid: s.clone(),
            media: OutboundPayload {
                payload: "a3242sa".into(),
            },
        };
        assert_eq!(
            media.to_json(),
            compact(
                r#"{
                  "event": "media",
                  "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                  "media": { "payload": "a3242sa" }
                }"#
            )
        );
        let mark = TwilioOutbound::Mark {
            stream_sid: s.clone(),
            mark: MarkName {
                name: "my label".into(),
            },
        };
        assert_eq!(
            mark.to_json(),
            compact(
                r#"{
                  "event": "mark",
                  "streamSid": "MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                  "mark": { "name": "my label" }
                }"#
            )
        );
        let clear = TwilioOutbound::Clear { stream_sid: s };
        assert_eq!(
            clear.to_json(),
            r#"{"event":"clear","streamSid":"MZXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"}"#
        );
        for m in [media, mark, clear] {
            let back: TwilioOutbound = serde_json::from_str(&m.to_json()).unwrap();
            assert_eq!(back, m);
        }
    }
}
