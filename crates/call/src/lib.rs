//! The call-session model every Voxgate transport feeds and the agent consumes.
//!
//! A call has two ends, created together by [`CallRegistry::open`] (or [`session`] for an
//! unregistered call):
//!
//! - the [`TransportLeg`], held by the transport (AudioSocket, ARI/RTP, Twilio, browser). It
//!   pushes inbound [`CallEvent`]s (PCM16 audio at the transport's rate, DTMF, marks), pulls
//!   outbound audio one 20 ms frame at a time on its own [`Pacer`] clock, serves
//!   [`ControlRequest`]s (hang up, transfer) and enforces the [`CallLimits`] with a [`Watchdog`];
//! - the [`CallSession`], held by the agent. It receives events, queues outbound audio of any
//!   length ([`CallSession::play`]), drops it all for barge-in ([`CallSession::clear`]), knows how
//!   much the caller heard ([`CallSession::played`]) and can hang up or transfer.
//!
//! Transports know nothing of models and the agent knows nothing of transports: the server
//! hands each transport an `Arc<dyn` [`CallHandler`]`>` and a [`ProfileResolver`]. The
//! [`EchoHandler`] plays back what it hears, so a transport can be tested alone.
//!
//! Every end of a call (hangup, EOF, error, timeout, shutdown) drops the leg; the registry counts
//! a call as live until both ends are gone, which is how tests prove nothing leaked.
//!
//! ```
//! use voxgate_call::{CallEvent, CallInfo, CallLimits, CallRegistry, EndReason, TransportKind};
//! use voxgate_call::CancellationToken;
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> voxgate_call::Result<()> {
//! let registry = CallRegistry::new(CallLimits::default(), CancellationToken::new());
//! let (mut leg, mut session) = registry.open(CallInfo::new(TransportKind::Audiosocket, 8000))?;
//! leg.push_audio(vec![0; 160]);
//! assert!(matches!(session.recv().await, Some(CallEvent::Audio(_))));
//! session.play(&[1; 200])?;                     // 25 ms of speech
//! assert_eq!(leg.next_frame().map(|f| f.len()), Some(160));
//! leg.finish(EndReason::RemoteHangup);
//! assert_eq!(session.recv().await, Some(CallEvent::Hangup(EndReason::RemoteHangup)));
//! drop(session);
//! assert_eq!(registry.active(), 0);
//! # Ok(()) }
//! ```

mod error;
mod handler;
mod limits;
mod registry;
mod session;
mod types;

pub use error::{Error, Result};
pub use handler::{CallHandler, EchoHandler, ProfileHandlers, ProfileMap, ProfileResolver};
pub use limits::{CallLimits, Pacer, Watchdog};
pub use registry::{CallRegistry, RegistryStats};
pub use session::{
    session, CallSession, Cleared, ControlRequest, OutboundWaker, Played, TransferRequest,
    TransportLeg, MAX_CATCH_UP,
};
pub use tokio_util::sync::CancellationToken;
pub use types::{
    frame_samples, AudioFrame, CallEvent, CallId, CallInfo, EndReason, TransferTarget,
    TransportKind, FRAME_MS,
};
