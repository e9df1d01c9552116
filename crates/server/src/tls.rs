//! The hardened HTTP listener, with optional TLS.
//!
//! [`serve_http`] runs its own accept loop instead of `axum::serve` so that each connection is
//! checked before any byte is parsed: connections per client IP are capped
//! (`http_limits.max_connections_per_ip`), the TLS handshake has a deadline, and hyper's
//! HTTP/1.1 server gets a header size cap, a header count cap and a header read timeout, which
//! also closes idle kept-alive connections (slowloris). A connection closed for being slow
//! becomes an `http.header_timeout` security event.
//!
//! TLS uses rustls with TLS 1.2 and 1.3 only. [`ReloadingCert`] serves the certificate through
//! a resolver whose key pair is swapped in place when the files change on disk (checked every
//! `tls.reload_interval_secs`, or at once on SIGHUP), so renewing a certificate needs no restart;
//! a broken new pair is logged and the old one stays in service.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use parking_lot::RwLock;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;
use voxgate_security::monitor::Severity;
use voxgate_security::ratelimit::ConcurrencyLimiter;

use crate::auth::events::SecurityEvents;
use crate::config::{Config, TlsConfig};

/// TLS errors.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TlsError {
    /// A file could not be read or parsed.
    #[error("{path}: {message}")]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong (never key material).
        message: String,
    },
    /// rustls refused the configuration.
    #[error("TLS: {0}")]
    Rustls(#[from] rustls::Error),
}

fn load_pair(cert: &Path, key: &Path) -> Result<Arc<CertifiedKey>, TlsError> {
    let file_err = |path: &Path, message: String| TlsError::File {
        path: path.to_path_buf(),
        message,
    };
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .map_err(|e| file_err(cert, e.to_string()))?
        .collect::<Result<_, _>>()
        .map_err(|e| file_err(cert, e.to_string()))?;
    if certs.is_empty() {
        return Err(file_err(cert, "no certificate in the file".into()));
    }
    let key_der = PrivateKeyDer::from_pem_file(key).map_err(|e| file_err(key, e.to_string()))?;
    let signing = rustls::crypto::ring::sign::any_supported_type(&key_der)
        .map_err(|e| file_err(key, e.to_string()))?;
    let ck = CertifiedKey::new(certs, signing);
    // Refuse a key that does not belong to the certificate rather than fail every handshake.
    ck.keys_match()
        .map_err(|e| file_err(key, format!("does not match the certificate: {e}")))?;
    Ok(Arc::new(ck))
}

fn mtimes(cert: &Path, key: &Path) -> (Option<SystemTime>, Option<SystemTime>) {
    let m = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    (m(cert), m(key))
}

/// Modification times of the certificate and key files when last loaded.
type FileTimes = (Option<SystemTime>, Option<SystemTime>);

/// A certificate resolver whose key pair can be replaced while serving.
#[derive(Debug)]
pub struct ReloadingCert {
    cert_file: PathBuf,
    key_file: PathBuf,
    current: RwLock<(Arc<CertifiedKey>, FileTimes)>,
}

impl ReloadingCert {
    /// Loads the pair.
    ///
    /// # Errors
    /// [`TlsError`] naming the file.
    pub fn load(cert_file: &Path, key_file: &Path) -> Result<Self, TlsError> {
        let stamp = mtimes(cert_file, key_file);
        let ck = load_pair(cert_file, key_file)?;
        Ok(Self {
            cert_file: cert_file.to_path_buf(),
            key_file: key_file.to_path_buf(),
            current: RwLock::new((ck, stamp)),
        })
    }

    /// Reloads if either file changed (or `force`). Returns whether a new pair is in service.
    ///
    /// # Errors
    /// The new pair is unusable; the old one stays in service.
    pub fn reload_if_changed(&self, force: bool) -> Result<bool, TlsError> {
        let stamp = mtimes(&self.cert_file, &self.key_file);
        if !force && self.current.read().1 == stamp {
            return Ok(false);
        }
        let ck = load_pair(&self.cert_file, &self.key_file)?;
        *self.current.write() = (ck, stamp);
        Ok(true)
    }

    /// The certificate chain in service (for tests and `voxgate doctor`).
    pub fn chain(&self) -> Vec<CertificateDer<'static>> {
        self.current.read().0.cert.clone()
    }
}

impl ResolvesServerCert for ReloadingCert {
    fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(Arc::clone(&self.current.read().0))
    }
}

/// A rustls server configuration (TLS 1.2 and 1.3, HTTP/1.1 ALPN) around `certs`.
///
/// # Errors
/// rustls refusing the protocol versions (not expected).
pub fn server_config(certs: Arc<ReloadingCert>) -> Result<Arc<rustls::ServerConfig>, TlsError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut cfg = rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])?
        .with_no_client_auth()
        .with_cert_resolver(certs);
    cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(cfg))
}

/// Watches the certificate files every `interval` and on SIGHUP until `shutdown`.
pub fn spawn_reloader(certs: Arc<ReloadingCert>, interval: Duration, shutdown: CancellationToken) {
    tokio::spawn(async move {
        #[cfg(unix)]
        let mut hup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok();
        let mut tick = tokio::time::interval(interval);
        tick.tick().await;
        loop {
            #[cfg(unix)]
            let hup_fut = async {
                match hup.as_mut() {
                    Some(h) => {
                        h.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            #[cfg(not(unix))]
            let hup_fut = std::future::pending::<()>();
            let force = tokio::select! {
                () = shutdown.cancelled() => return,
                _ = tick.tick() => false,
                () = hup_fut => true,
            };
            match certs.reload_if_changed(force) {
                Ok(true) => tracing::info!("TLS certificate reloaded"),
                Ok(false) => {}
                Err(e) => {
                    tracing::error!(error = %e, "TLS certificate reload failed; keeping the previous certificate")
                }
            }
        }
    });
}

/// Settings of [`serve_http`].
#[derive(Debug, Clone)]
pub struct ListenerLimits {
    /// Header bytes cap.
    pub max_header_bytes: usize,
    /// Header count cap.
    pub max_headers: usize,
    /// Header read (and keep-alive idle) timeout.
    pub header_read_timeout: Duration,
    /// TLS handshake deadline.
    pub tls_handshake_timeout: Duration,
    /// Connections per IP.
    pub max_connections_per_ip: u32,
}

impl ListenerLimits {
    /// From the `[http_limits]` section.
    pub fn from_config(c: &Config) -> Self {
        let l = &c.http_limits;
        Self {
            max_header_bytes: l.max_header_bytes,
            max_headers: l.max_headers,
            header_read_timeout: Duration::from_secs(l.header_read_timeout_secs),
            tls_handshake_timeout: Duration::from_secs(l.tls_handshake_timeout_secs),
            max_connections_per_ip: l.max_connections_per_ip,
        }
    }
}

/// Builds the TLS acceptor and starts its reloader, when `[tls]` is configured.
///
/// # Errors
/// [`TlsError`] for unreadable or mismatched files.
pub fn acceptor(
    tls: &TlsConfig,
    shutdown: &CancellationToken,
) -> Result<Option<tokio_rustls::TlsAcceptor>, TlsError> {
    if !tls.enabled() {
        return Ok(None);
    }
    let certs = Arc::new(ReloadingCert::load(&tls.cert_file, &tls.key_file)?);
    let cfg = server_config(Arc::clone(&certs))?;
    spawn_reloader(
        certs,
        Duration::from_secs(tls.reload_interval_secs.max(1)),
        shutdown.clone(),
    );
    Ok(Some(tokio_rustls::TlsAcceptor::from(cfg)))
}

/// Serves `router` on `listener` until `shutdown`, then lets open requests finish.
pub async fn serve_http(
    listener: TcpListener,
    router: Router,
    tls: Option<tokio_rustls::TlsAcceptor>,
    limits: ListenerLimits,
    events: Option<SecurityEvents>,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    let per_ip = ConcurrencyLimiter::<std::net::IpAddr>::new(limits.max_connections_per_ip.max(1))
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let tracker = tokio_util::task::TaskTracker::new();
    let mut backoff = Duration::from_millis(5);
    loop {
        let accepted = tokio::select! {
            () = shutdown.cancelled() => break,
            a = listener.accept() => a,
        };
        let (stream, peer) = match accepted {
            Ok(a) => {
                backoff = Duration::from_millis(5);
                a
            }
            Err(e) => {
                // EMFILE and friends: back off instead of spinning.
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(1));
                continue;
            }
        };
        let ip = voxgate_security::net::canonical_ip(peer.ip());
        let Some(permit) = per_ip.try_acquire(&ip) else {
            if let Some(ev) = &events {
                ev.record_deduped(
                    "http.too_many_connections",
                    Severity::Medium,
                    ip,
                    None,
                    "connection limit per address reached",
                );
            }
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let tls = tls.clone();
        let limits = limits.clone();
        let events = events.clone();
        let shutdown = shutdown.clone();
        tracker.spawn(async move {
            let _permit = permit;
            match tls {
                Some(acceptor) => {
                    let hs =
                        tokio::time::timeout(limits.tls_handshake_timeout, acceptor.accept(stream))
                            .await;
                    match hs {
                        Ok(Ok(s)) => {
                            serve_conn(TokioIo::new(s), peer, router, &limits, events, shutdown)
                                .await
                        }
                        Ok(Err(e)) => tracing::debug!(%peer, error = %e, "TLS handshake failed"),
                        Err(_) => {
                            if let Some(ev) = &events {
                                ev.record_deduped(
                                    "http.header_timeout",
                                    Severity::Low,
                                    ip,
                                    None,
                                    "TLS handshake not completed in time",
                                );
                            }
                        }
                    }
                }
                None => {
                    serve_conn(
                        TokioIo::new(stream),
                        peer,
                        router,
                        &limits,
                        events,
                        shutdown,
                    )
                    .await
                }
            }
        });
    }
    tracker.close();
    tracker.wait().await;
    Ok(())
}

async fn serve_conn<I>(
    io: TokioIo<I>,
    peer: SocketAddr,
    router: Router,
    limits: &ListenerLimits,
    events: Option<SecurityEvents>,
    shutdown: CancellationToken,
) where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let svc = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(peer));
        router.clone().oneshot(req)
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .max_header_size(limits.max_header_bytes)
        .max_headers(limits.max_headers);
    let conn = builder.serve_connection(io, svc).with_upgrades();
    tokio::pin!(conn);
    let result = tokio::select! {
        r = conn.as_mut() => r,
        () = shutdown.cancelled() => {
            conn.as_mut().graceful_shutdown();
            conn.as_mut().await
        }
    };
    if let Err(e) = result {
        if e.is_timeout() {
            if let Some(ev) = &events {
                ev.record_deduped(
                    "http.header_timeout",
                    Severity::Medium,
                    voxgate_security::net::canonical_ip(peer.ip()),
                    None,
                    "request head not received in time (slow or idle client)",
                );
            }
        } else {
            tracing::debug!(%peer, error = %e, "connection ended with an error");
        }
    }
}
