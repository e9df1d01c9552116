//! The registry of live calls: admission against `max_concurrent_calls`, counts for metrics,
//! server shutdown, and waiting for every call to be gone.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::limits::CallLimits;
use crate::session::{build, CallSession, TransportLeg};
use crate::types::{CallInfo, TransportKind};
use crate::{Error, Result};

/// Counts of a registry, for metrics and tests.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegistryStats {
    /// Calls alive now (either end still held).
    pub active: usize,
    /// Alive now, per transport label.
    pub active_by_transport: BTreeMap<&'static str, usize>,
    /// Calls admitted since start.
    pub started: u64,
    /// Calls refused (limit or shutdown).
    pub rejected: u64,
}

struct Inner {
    limits: CallLimits,
    active: AtomicUsize,
    by_transport: [AtomicUsize; 4],
    started: AtomicU64,
    rejected: AtomicU64,
    idle: Notify,
    shutdown: CancellationToken,
    _lock: Mutex<()>,
}

/// Shared by all transports of a server; cheap to clone.
#[derive(Clone)]
pub struct CallRegistry {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for CallRegistry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallRegistry")
            .field("limits", &self.inner.limits)
            .field("active", &self.active())
            .finish()
    }
}

/// Keeps a call counted until both of its ends are dropped.
pub(crate) struct RegistryGuard {
    inner: Arc<Inner>,
    transport: TransportKind,
}

impl Drop for RegistryGuard {
    fn drop(&mut self) {
        self.inner.by_transport[self.transport.index()].fetch_sub(1, Ordering::AcqRel);
        if self.inner.active.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.inner.idle.notify_waiters();
        }
    }
}

impl CallRegistry {
    /// A registry enforcing `limits`; cancelling `shutdown` tells every call to end.
    pub fn new(limits: CallLimits, shutdown: CancellationToken) -> Self {
        Self {
            inner: Arc::new(Inner {
                limits,
                active: AtomicUsize::new(0),
                by_transport: Default::default(),
                started: AtomicU64::new(0),
                rejected: AtomicU64::new(0),
                idle: Notify::new(),
                shutdown,
                _lock: Mutex::new(()),
            }),
        }
    }

    /// Admits a call and creates its two ends.
    ///
    /// # Errors
    /// [`Error::TooManyCalls`] at the limit, [`Error::ShuttingDown`] after shutdown,
    /// [`Error::BadSampleRate`] for a rate that cannot be paced.
    pub fn open(&self, info: CallInfo) -> Result<(TransportLeg, CallSession)> {
        let inner = &self.inner;
        if inner.shutdown.is_cancelled() {
            inner.rejected.fetch_add(1, Ordering::Relaxed);
            return Err(Error::ShuttingDown);
        }
        let limit = inner.limits.max_concurrent_calls;
        let admitted = inner
            .active
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < limit).then_some(n + 1)
            });
        if admitted.is_err() {
            inner.rejected.fetch_add(1, Ordering::Relaxed);
            return Err(Error::TooManyCalls { limit });
        }
        inner.by_transport[info.transport.index()].fetch_add(1, Ordering::AcqRel);
        let guard = RegistryGuard {
            inner: Arc::clone(inner),
            transport: info.transport,
        };
        inner.started.fetch_add(1, Ordering::Relaxed);
        build(
            info,
            inner.limits.clone(),
            inner.shutdown.child_token(),
            Some(guard),
        )
    }

    /// Calls alive now.
    pub fn active(&self) -> usize {
        self.inner.active.load(Ordering::Acquire)
    }

    /// All counts.
    pub fn stats(&self) -> RegistryStats {
        let inner = &self.inner;
        RegistryStats {
            active: self.active(),
            active_by_transport: TransportKind::ALL
                .iter()
                .map(|t| {
                    (
                        t.as_str(),
                        inner.by_transport[t.index()].load(Ordering::Acquire),
                    )
                })
                .collect(),
            started: inner.started.load(Ordering::Relaxed),
            rejected: inner.rejected.load(Ordering::Relaxed),
        }
    }

    /// The limits calls get.
    pub fn limits(&self) -> &CallLimits {
        &self.inner.limits
    }

    /// The server shutdown token.
    pub fn shutdown_token(&self) -> &CancellationToken {
        &self.inner.shutdown
    }

    /// Waits until no call is alive (both ends of every call dropped).
    pub async fn wait_idle(&self) {
        loop {
            let notified = self.inner.idle.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.active() == 0 {
                return;
            }
            notified.await;
        }
    }
}
