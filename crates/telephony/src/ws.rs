//! A transport-neutral WebSocket message type.
//!
//! The HTTP server (axum, in the `server` crate) owns the upgrade; the Twilio and browser
//! transports only need "a stream of messages and a sink of messages". Handlers are generic over
//! any `S: Stream<Item = Result<WsMessage, E>> + Sink<WsMessage> + Unpin + Send`, so the server
//! adapts axum's `WebSocket` with a `map`/`with` pair, and tests and the load generator use
//! [`TungsteniteWs`] over `tokio-tungstenite`.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::{Sink, Stream};
use tokio_tungstenite::tungstenite::{self, protocol::frame::coding::CloseCode};

/// One WebSocket message, independent of the WebSocket library in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WsMessage {
    /// A UTF-8 text frame.
    Text(String),
    /// A binary frame.
    Binary(Bytes),
    /// A ping (the library usually answers it on its own).
    Ping(Bytes),
    /// A pong.
    Pong(Bytes),
    /// A close frame, with an optional status code and reason.
    Close(Option<CloseFrame>),
}

/// The payload of a close frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseFrame {
    /// Status code (RFC 6455 section 7.4), e.g. [`close_code::NORMAL`].
    pub code: u16,
    /// A short human-readable reason; never carries PII.
    pub reason: String,
}

impl WsMessage {
    /// A close message with `code` and `reason`.
    pub fn close(code: u16, reason: impl Into<String>) -> Self {
        WsMessage::Close(Some(CloseFrame {
            code,
            reason: reason.into(),
        }))
    }
}

/// Close codes used by the transports (RFC 6455 section 7.4.1).
pub mod close_code {
    /// Normal closure.
    pub const NORMAL: u16 = 1000;
    /// Endpoint going away (server shutdown).
    pub const GOING_AWAY: u16 = 1001;
    /// Protocol error.
    pub const PROTOCOL: u16 = 1002;
    /// Data type the endpoint cannot accept.
    pub const UNSUPPORTED: u16 = 1003;
    /// Policy violation (bad token, refused).
    pub const POLICY: u16 = 1008;
    /// Message too big.
    pub const TOO_BIG: u16 = 1009;
    /// Internal server error.
    pub const INTERNAL: u16 = 1011;
    /// Try again later (server at capacity).
    pub const TRY_AGAIN_LATER: u16 = 1013;
}

impl From<tungstenite::Message> for WsMessage {
    fn from(m: tungstenite::Message) -> Self {
        use tungstenite::Message as M;
        match m {
            M::Text(t) => WsMessage::Text(t.as_str().to_owned()),
            M::Binary(b) => WsMessage::Binary(b),
            M::Ping(b) => WsMessage::Ping(b),
            M::Pong(b) => WsMessage::Pong(b),
            M::Close(c) => WsMessage::Close(c.map(|c| CloseFrame {
                code: u16::from(c.code),
                reason: c.reason.as_str().to_owned(),
            })),
            // Raw frames are never produced when reading; treat one as binary data.
            M::Frame(f) => WsMessage::Binary(f.into_payload()),
        }
    }
}

impl From<WsMessage> for tungstenite::Message {
    fn from(m: WsMessage) -> Self {
        use tungstenite::Message as M;
        match m {
            WsMessage::Text(t) => M::Text(t.into()),
            WsMessage::Binary(b) => M::Binary(b),
            WsMessage::Ping(b) => M::Ping(b),
            WsMessage::Pong(b) => M::Pong(b),
            WsMessage::Close(c) => M::Close(c.map(|c| tungstenite::protocol::CloseFrame {
                code: CloseCode::from(c.code),
                reason: c.reason.into(),
            })),
        }
    }
}

/// Adapts a `tokio_tungstenite::WebSocketStream` to the [`WsMessage`] stream/sink the handlers
/// take. Used by the load-generator client, the examples and the tests.
#[derive(Debug)]
pub struct TungsteniteWs<S> {
    inner: S,
}

impl<S> TungsteniteWs<S> {
    /// Wraps a tungstenite stream (anything yielding and accepting `tungstenite::Message`).
    pub fn new(inner: S) -> Self {
        Self { inner }
    }

    /// The wrapped stream.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S> Stream for TungsteniteWs<S>
where
    S: Stream<Item = Result<tungstenite::Message, tungstenite::Error>> + Unpin,
{
    type Item = Result<WsMessage, tungstenite::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut self.inner)
            .poll_next(cx)
            .map(|o| o.map(|r| r.map(WsMessage::from)))
    }
}

impl<S> Sink<WsMessage> for TungsteniteWs<S>
where
    S: Sink<tungstenite::Message, Error = tungstenite::Error> + Unpin,
{
    type Error = tungstenite::Error;

    fn poll_ready(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Pin::new(&mut self.inner).poll_ready(cx)
    }

    fn start_send(mut self: Pin<&mut Self>, item: WsMessage) -> Result<(), Self::Error> {
        Pin::new(&mut self.inner).start_send(item.into())
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_close(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Pin::new(&mut self.inner).poll_close(cx)
    }
}

/// How long one send may take before the peer counts as gone.
pub(crate) const SEND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Sends with a deadline: a peer that stops reading (full TCP window) must not wedge a call
/// loop, whose watchdog and shutdown would then never run.
pub(crate) async fn send_within<S>(socket: &mut S, msg: WsMessage) -> Result<(), ()>
where
    S: Sink<WsMessage> + Unpin,
{
    match tokio::time::timeout(SEND_TIMEOUT, futures::SinkExt::send(socket, msg)).await {
        Ok(Ok(())) => Ok(()),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_both_ways_without_loss() {
        let msgs = vec![
            WsMessage::Text("{\"a\":1}".into()),
            WsMessage::Binary(Bytes::from_static(&[0, 1, 255])),
            WsMessage::Ping(Bytes::from_static(b"p")),
            WsMessage::Pong(Bytes::from_static(b"q")),
            WsMessage::close(close_code::POLICY, "bad token"),
            WsMessage::Close(None),
        ];
        for m in msgs {
            let t: tungstenite::Message = m.clone().into();
            assert_eq!(WsMessage::from(t), m);
        }
    }
}
