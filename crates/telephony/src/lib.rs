//! Telephony transports for Voxgate. Each one turns a protocol into the call model of
//! `voxgate-call` (a [`TransportLeg`](voxgate_call::TransportLeg) fed with PCM16 frames and
//! events, drained of paced outbound audio) and knows nothing of models.
//!
//! - [`audiosocket`]: Asterisk AudioSocket server (TCP; every message kind, UUID -> profile
//!   registry, source allowlist, own 20 ms output clock).
//! - [`rtp`]: RFC 3550 packets, PCMU/slin16, a jitter buffer and the per-call RTP media loop.
//! - [`ari`]: the ARI client and Stasis app that bridges calls to ExternalMedia RTP.
//! - [`twilio`]: the Twilio voice webhook (TwiML, `X-Twilio-Signature`, stream tokens), the Media
//!   Streams handler, and a client playing Twilio's side for load runs.
//! - [`browser`]: the browser voice WebSocket protocol and its embedded web page.
//! - [`ws`]: the transport-neutral WebSocket message type those two handlers take, so the
//!   server adapts axum's socket in a few lines.
//! - [`loadgen`]: N concurrent AudioSocket echo calls with latency, loss and server CPU/RSS.
//! - [`compliance`]: the end-to-end check every transport's tests share.
//! - [`testcall`]: a scripted caller over AudioSocket or Twilio that measures voice-to-voice
//!   latency (`voxgate call`).

pub mod ari;
pub mod audiosocket;
pub mod browser;
pub mod compliance;
pub mod loadgen;
pub mod rtp;
pub mod testcall;
pub mod twilio;
pub mod ws;
