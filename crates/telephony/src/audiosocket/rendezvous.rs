//! Calls announced by the ARI application before Asterisk connects their AudioSocket media leg.
//!
//! With `POST /channels/externalMedia?encapsulation=audiosocket&transport=tcp&data=UUID`,
//! Asterisk dials our AudioSocket listener and sends that UUID. The ARI side knows the call
//! (caller number, Stasis arguments, profile) and owns its signalling (DTMF events, hangup,
//! transfer back to the dialplan); the AudioSocket side owns the media. The ARI side registers
//! an [`ExpectedCall`] under a fresh UUID; the AudioSocket server takes it when that UUID
//! arrives, admits the call with the announced details, feeds the ARI signals into the call
//! loop, forwards the agent's transfer requests back, and reports how the call ended.

use std::collections::HashMap;
use std::sync::Arc;

use parking_lot::Mutex;
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;
use voxgate_call::{CallInfo, EndReason, TransferRequest};

use crate::rtp::SignalIn;

/// One announced call.
#[derive(Debug)]
pub struct ExpectedCall {
    /// The call's details; the AudioSocket server sets `id` (the UUID) and `sample_rate` (the
    /// format Asterisk sends) when the leg connects.
    pub info: CallInfo,
    /// Signalling from the ARI side (DTMF, hangup).
    pub signals: mpsc::UnboundedReceiver<SignalIn>,
    /// Where the agent's transfer requests go (AudioSocket itself has no signalling).
    pub transfers: mpsc::UnboundedSender<TransferRequest>,
    /// Told how the media leg ended.
    pub ended: oneshot::Sender<EndReason>,
}

/// The table of announced calls, shared by the ARI application and the AudioSocket server.
/// Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct MediaRendezvous {
    pending: Arc<Mutex<HashMap<Uuid, ExpectedCall>>>,
}

impl MediaRendezvous {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Announces a call whose AudioSocket leg will present `uuid`.
    pub fn expect(&self, uuid: Uuid, call: ExpectedCall) {
        self.pending.lock().insert(uuid, call);
    }

    /// Withdraws an announcement whose leg never connected; `true` if it was still pending.
    pub fn cancel(&self, uuid: &Uuid) -> bool {
        self.pending.lock().remove(uuid).is_some()
    }

    /// Takes the call announced under `uuid`, if any (each announcement is taken once).
    pub fn take(&self, uuid: &Uuid) -> Option<ExpectedCall> {
        self.pending.lock().remove(uuid)
    }

    /// Announcements not yet taken.
    pub fn pending(&self) -> usize {
        self.pending.lock().len()
    }
}
