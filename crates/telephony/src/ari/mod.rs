//! Asterisk ARI: a REST client ([`AriClient`]), typed events ([`AriEvent`]) and the Stasis
//! application ([`StasisApp`]) that answers calls and attaches an ExternalMedia RTP leg.
//!
//! The flow per call (PROTOCOLS.md): on `StasisStart` answer the channel, create a mixing bridge,
//! add the channel, allocate an RTP port, `POST /channels/externalMedia` pointing Asterisk at it,
//! add the media channel to the bridge, and run the [`RtpEndpoint`](crate::rtp::RtpEndpoint)
//! media loop with a call session. `ChannelDtmfReceived` becomes DTMF in the session;
//! `ChannelHangupRequest`, `StasisEnd` and `ChannelDestroyed` end it. The agent's hangup becomes
//! `DELETE /channels/{id}`, its transfer `POST /channels/{id}/continue`. The media channel and the
//! bridge are always deleted at the end.
//!
//! With [`MediaLeg::Audiosocket`] the media leg is `externalMedia` with
//! `encapsulation=audiosocket&transport=tcp&data=UUID` instead: Asterisk connects to Voxgate's
//! AudioSocket listener, which takes the call announced under that UUID from its
//! [`MediaRendezvous`](crate::audiosocket::MediaRendezvous) (caller, profile, Stasis arguments)
//! while ARI keeps the signalling (DTMF events, hangup, transfer).
//!
//! The events WebSocket reconnects with exponential backoff; calls in progress survive a
//! reconnect. Credentials travel only in the `Authorization` header.

mod app;
mod client;

pub use app::{AriConfig, MediaLeg, StasisApp};
pub use client::{
    parse_transfer_target, AriClient, AriEvent, Bridge, CallerId, Channel, DialplanCep, Error,
    ExternalMedia, Password, Result,
};
