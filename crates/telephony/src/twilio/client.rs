//! The Twilio side of a Media Stream, for the load generator (`voxgate loadgen --transport
//! twilio`), `voxgate call` and the tests: it connects like Twilio does (signed upgrade), sends
//! `connected` and `start`, streams caller audio as `media`, DTMF and `stop`, and decodes what
//! the server sends back (`media`, `mark`, `clear`).

use std::collections::BTreeMap;

use futures::{Sink, SinkExt, Stream, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::messages::{
    Connected, Dtmf, DtmfDigit, MarkEvent, MarkName, Media, MediaChunk, MediaFormat, Start,
    StartInfo, Stop, StopInfo, TwilioInbound, TwilioOutbound,
};
use super::stream::{decode_media, encode_media};
use super::{compute_signature, Secret, SIGNATURE_HEADER};
use crate::ws::{TungsteniteWs, WsMessage};

/// Errors of the Media Streams client.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// Connecting or the WebSocket handshake failed (a 403 from a signature check shows up
    /// here).
    #[error("websocket connect failed: {0}")]
    Connect(String),
    /// The socket failed or closed while sending.
    #[error("websocket send failed")]
    Send,
    /// The server sent something that is not a Media Streams message.
    #[error("unexpected message from server: {0}")]
    Protocol(String),
}

/// What the server sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerEvent {
    /// 20 ms (usually) of agent audio, decoded to PCM16 at 8 kHz.
    Audio(Vec<i16>),
    /// A mark: Twilio would echo it once the audio before it has played.
    Mark(String),
    /// Drop buffered audio (barge-in).
    Clear,
    /// The server closed the stream (it hung up).
    Closed,
}

/// Identity of the simulated call.
#[derive(Debug, Clone)]
pub struct CallIdentity {
    /// `AC...`
    pub account_sid: String,
    /// `CA...`
    pub call_sid: String,
    /// `MZ...`
    pub stream_sid: String,
}

impl CallIdentity {
    /// Random SIDs in Twilio's shape (two letters + 32 hex digits).
    pub fn random() -> Self {
        let sid = |p: &str| format!("{p}{}", uuid::Uuid::new_v4().simple());
        Self {
            account_sid: sid("AC"),
            call_sid: sid("CA"),
            stream_sid: sid("MZ"),
        }
    }
}

/// The concrete socket type of [`MediaStreamClient::connect`].
pub type ClientSocket = TungsteniteWs<WebSocketStream<MaybeTlsStream<TcpStream>>>;

/// A Media Streams client playing Twilio's part.
#[derive(Debug)]
pub struct MediaStreamClient<S> {
    ws: S,
    id: CallIdentity,
    seq: u64,
    chunk: u64,
    timestamp_ms: u64,
    scratch: Vec<u8>,
}

impl MediaStreamClient<ClientSocket> {
    /// Connects to `url` (`ws://` or `wss://`) and, when `auth_token` is given, signs the
    /// upgrade request as Twilio does (`X-Twilio-Signature` over the URL, no body params).
    ///
    /// # Errors
    /// [`ClientError::Connect`] when the connection or handshake fails (e.g. 403).
    pub async fn connect(
        url: &str,
        auth_token: Option<&Secret>,
        id: CallIdentity,
    ) -> Result<Self, ClientError> {
        let mut req = url
            .into_client_request()
            .map_err(|e| ClientError::Connect(e.to_string()))?;
        if let Some(token) = auth_token {
            let none: &[(&str, &str)] = &[];
            let sig = compute_signature(token, url, none);
            let value =
                HeaderValue::from_str(&sig).map_err(|e| ClientError::Connect(e.to_string()))?;
            req.headers_mut().insert(SIGNATURE_HEADER, value);
        }
        let (ws, _resp) = tokio_tungstenite::connect_async(req)
            .await
            .map_err(|e| ClientError::Connect(e.to_string()))?;
        if let MaybeTlsStream::Plain(tcp) = ws.get_ref() {
            let _ = tcp.set_nodelay(true);
        }
        Ok(Self::new(TungsteniteWs::new(ws), id))
    }
}

impl<S, E> MediaStreamClient<S>
where
    S: Stream<Item = Result<WsMessage, E>> + Sink<WsMessage> + Unpin,
    E: std::fmt::Display,
{
    /// Wraps an already-connected socket.
    pub fn new(ws: S, id: CallIdentity) -> Self {
        Self {
            ws,
            id,
            seq: 0,
            chunk: 0,
            timestamp_ms: 0,
            scratch: Vec::with_capacity(160),
        }
    }

    /// The simulated call's identity.
    pub fn identity(&self) -> &CallIdentity {
        &self.id
    }

    async fn send(&mut self, msg: &TwilioInbound) -> Result<(), ClientError> {
        self.ws
            .send(WsMessage::Text(msg.to_json()))
            .await
            .map_err(|_| ClientError::Send)
    }

    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Sends `connected` then `start` with `custom_parameters` (profile, token...).
    ///
    /// # Errors
    /// [`ClientError::Send`].
    pub async fn start(
        &mut self,
        custom_parameters: BTreeMap<String, String>,
    ) -> Result<(), ClientError> {
        self.send(&TwilioInbound::Connected(Connected {
            protocol: "Call".into(),
            version: "1.0.0".into(),
        }))
        .await?;
        let seq = self.next_seq();
        let start = TwilioInbound::Start(Start {
            sequence_number: seq,
            start: StartInfo {
                account_sid: self.id.account_sid.clone(),
                stream_sid: self.id.stream_sid.clone(),
                call_sid: self.id.call_sid.clone(),
                tracks: vec!["inbound".into(), "outbound".into()],
                media_format: MediaFormat::mulaw_8k(),
                custom_parameters,
            },
            stream_sid: self.id.stream_sid.clone(),
        });
        self.send(&start).await
    }

    /// Sends caller audio (PCM16 8 kHz, normally 160 samples = 20 ms) as one `media` message.
    ///
    /// # Errors
    /// [`ClientError::Send`].
    pub async fn send_audio(&mut self, samples: &[i16]) -> Result<(), ClientError> {
        let seq = self.next_seq();
        self.chunk += 1;
        let payload = encode_media(samples, &mut self.scratch);
        let msg = TwilioInbound::Media(Media {
            sequence_number: seq,
            media: MediaChunk {
                track: "inbound".into(),
                chunk: self.chunk,
                timestamp: self.timestamp_ms,
                payload,
            },
            stream_sid: self.id.stream_sid.clone(),
        });
        self.timestamp_ms += samples.len() as u64 / 8;
        self.send(&msg).await
    }

    /// Sends a DTMF digit.
    ///
    /// # Errors
    /// [`ClientError::Send`].
    pub async fn send_dtmf(&mut self, digit: char) -> Result<(), ClientError> {
        let seq = self.next_seq();
        let msg = TwilioInbound::Dtmf(Dtmf {
            stream_sid: self.id.stream_sid.clone(),
            sequence_number: seq,
            dtmf: DtmfDigit {
                track: "inbound_track".into(),
                digit: digit.to_string(),
            },
        });
        self.send(&msg).await
    }

    /// Echoes a mark back, as Twilio does once the audio before it has played.
    ///
    /// # Errors
    /// [`ClientError::Send`].
    pub async fn ack_mark(&mut self, name: &str) -> Result<(), ClientError> {
        let seq = self.next_seq();
        let msg = TwilioInbound::Mark(MarkEvent {
            sequence_number: seq,
            stream_sid: self.id.stream_sid.clone(),
            mark: MarkName {
                name: name.to_owned(),
            },
        });
        self.send(&msg).await
    }

    /// Sends `stop` (the caller hung up) and closes the socket.
    ///
    /// # Errors
    /// [`ClientError::Send`].
    pub async fn stop(&mut self) -> Result<(), ClientError> {
        let seq = self.next_seq();
        let msg = TwilioInbound::Stop(Stop {
            sequence_number: seq,
            stop: StopInfo {
                account_sid: self.id.account_sid.clone(),
                call_sid: self.id.call_sid.clone(),
            },
            stream_sid: self.id.stream_sid.clone(),
        });
        self.send(&msg).await?;
        let _ = self.ws.close().await;
        Ok(())
    }

    /// Sends a raw text frame (tests use it for malformed input).
    ///
    /// # Errors
    /// [`ClientError::Send`].
    pub async fn send_raw(&mut self, text: &str) -> Result<(), ClientError> {
        self.ws
            .send(WsMessage::Text(text.to_owned()))
            .await
            .map_err(|_| ClientError::Send)
    }

    /// The next thing the server sent; `Closed` once the server closed the stream.
    ///
    /// # Errors
    /// [`ClientError::Protocol`] for a message that is not valid Media Streams output.
    pub async fn next_event(&mut self) -> Result<ServerEvent, ClientError> {
        loop {
            let msg = match self.ws.next().await {
                Some(Ok(m)) => m,
                Some(Err(_)) | None => return Ok(ServerEvent::Closed),
            };
            let text = match msg {
                WsMessage::Text(t) => t,
                WsMessage::Close(_) => return Ok(ServerEvent::Closed),
                WsMessage::Ping(_) | WsMessage::Pong(_) => continue,
                WsMessage::Binary(_) => {
                    return Err(ClientError::Protocol("binary frame".into()));
                }
            };
            let parsed: TwilioOutbound = serde_json::from_str(&text)
                .map_err(|e| ClientError::Protocol(format!("bad json: {e}")))?;
            return match parsed {
                TwilioOutbound::Media { stream_sid, media } => {
                    self.check_sid(&stream_sid)?;
                    let mut pcm = Vec::with_capacity(160);
                    decode_media(&media.payload, &mut pcm)
                        .ok_or_else(|| ClientError::Protocol("payload is not base64".into()))?;
                    Ok(ServerEvent::Audio(pcm))
                }
                TwilioOutbound::Mark { stream_sid, mark } => {
                    self.check_sid(&stream_sid)?;
                    Ok(ServerEvent::Mark(mark.name))
                }
                TwilioOutbound::Clear { stream_sid } => {
                    self.check_sid(&stream_sid)?;
                    Ok(ServerEvent::Clear)
                }
            };
        }
    }

    fn check_sid(&self, sid: &str) -> Result<(), ClientError> {
        if sid == self.id.stream_sid {
            Ok(())
        } else {
            Err(ClientError::Protocol("wrong streamSid".into()))
        }
    }
}

/// Pulls the stream URL and `<Parameter>`s out of `<Connect><Stream>` TwiML (as returned by
/// the voice webhook), so a client can follow a real webhook answer. `None` if there is no
/// `<Stream>`.
pub fn parse_connect_stream(twiml: &str) -> Option<(String, BTreeMap<String, String>)> {
    let stream = twiml.split("<Stream").nth(1)?;
    let url = attr(stream.split('>').next()?, "url")?;
    let mut params = BTreeMap::new();
    for p in stream.split("<Parameter").skip(1) {
        let tag = p.split("/>").next()?;
        params.insert(attr(tag, "name")?, attr(tag, "value")?);
    }
    Some((url, params))
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = start + tag[start..].find('"')?;
    Some(unescape(&tag[start..end]))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::twilio::twiml::connect_stream;

    #[test]
    fn parses_our_own_twiml() {
        let t = connect_stream(
            "wss://h.example/twilio/stream",
            &[("profile", "a&b"), ("token", "v1.2.x\"y")],
        );
        let (url, params) = parse_connect_stream(&t).unwrap();
        assert_eq!(url, "wss://h.example/twilio/stream");
        assert_eq!(params["profile"], "a&b");
        assert_eq!(params["token"], "v1.2.x\"y");
        assert!(parse_connect_stream("<Response><Say>hi</Say></Response>").is_none());
    }
}
