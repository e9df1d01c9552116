//! Asterisk AudioSocket server: Asterisk connects over TCP, sends the call UUID, then audio and
//! DTMF; we answer with audio in the same format, paced one 20 ms frame per 20 ms on our own
//! clock, and `0x00` to end the call.
//!
//! [`AudioSocketServer::run`] accepts connections until server shutdown, checks the source
//! address against [`AudioSocketConfig::allow_from`] (loopback only by default), matches the UUID
//! to a profile through the [`ProfileResolver`](voxgate_call::ProfileResolver), admits the call in the [`CallRegistry`](voxgate_call::CallRegistry) and runs
//! the [`CallHandler`] on the other end of the call.

mod frame;
mod rendezvous;
mod server;

pub use frame::{decode_audio, encode_audio, kind, AudioFormat, FrameError, Message, HEADER_LEN};
pub use rendezvous::{ExpectedCall, MediaRendezvous};
pub use server::{AudioSocketConfig, AudioSocketServer, Error};
