//! Starting and stopping the server.
//!
//! [`run`] builds everything from a validated configuration, binds every listener (loopback by
//! default), and serves until the shutdown token is cancelled; then it stops accepting, lets
//! in-flight work finish within `shutdown_grace_secs`, and closes storage.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::response::Html;
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::admin::{self, AdminState, ReadinessCheck, StorageReady};
use crate::config::{Config, ConfigSecret, Mode};

/// Errors that stop the server from starting or running.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The production checks failed; one line per problem.
    #[error("refusing to start in production mode:\n  {}", .0.join("\n  "))]
    Production(Vec<String>),
    /// A listener could not be bound.
    #[error("cannot listen on {addr} ({name}): {source}")]
    Bind {
        /// Listener name.
        name: &'static str,
        /// Address.
        addr: SocketAddr,
        /// Cause.
        #[source]
        source: std::io::Error,
    },
    /// Storage failed to open.
    #[error("storage: {0}")]
    Storage(#[from] voxgate_store::Error),
    /// A key could not be generated or read.
    #[error("key {name}: {message}")]
    Key {
        /// Which key.
        name: &'static str,
        /// What went wrong (never the key).
        message: String,
    },
    /// A listener task failed.
    #[error("listener {name} failed: {message}")]
    Serve {
        /// Listener name.
        name: &'static str,
        /// Cause.
        message: String,
    },
}

/// A started server: its bound addresses and the handle to wait for it.
#[derive(Debug)]
pub struct Running {
    /// Where the HTTP API listens (the real port when configured as 0).
    pub http_addr: SocketAddr,
    /// Where the admin listener listens.
    pub admin_addr: SocketAddr,
    /// Where the AudioSocket listener listens, when enabled.
    pub audiosocket_addr: Option<SocketAddr>,
    /// The post-call analysis service (queue, workers, live analysis).
    pub analysis: Arc<crate::analysis_service::AnalysisService>,
    shutdown: CancellationToken,
    tasks: JoinSet<Result<(), Error>>,
    storage: Arc<dyn voxgate_store::Storage>,
    grace: Duration,
    draining: Arc<AtomicBool>,
}

impl Running {
    /// Asks the server to stop (same as SIGTERM).
    pub fn shutdown(&self) {
        self.shutdown.cancel();
    }

    /// Waits until the server has stopped: listeners closed, in-flight work finished or cut off
    /// after the grace period, storage closed.
    ///
    /// # Errors
    /// The first listener failure.
    pub async fn wait(mut self) -> Result<(), Error> {
        let mut first_error = None;
        let shutdown = self.shutdown.clone();
        loop {
            tokio::select! {
                joined = self.tasks.join_next() => match joined {
                    Some(Ok(Err(e))) => { first_error.get_or_insert(e); shutdown.cancel(); }
                    Some(Err(e)) => {
                        first_error.get_or_insert(Error::Serve { name: "task", message: e.to_string() });
                        shutdown.cancel();
                    }
                    Some(Ok(Ok(()))) => {}
                    None => break,
                },
                () = shutdown.cancelled(), if !self.draining.load(Ordering::Relaxed) => {
                    self.draining.store(true, Ordering::Relaxed);
                    tracing::info!(grace_secs = self.grace.as_secs(), "shutting down: no new connections, finishing in-flight work");
                }
            }
            if self.draining.load(Ordering::Relaxed) && !self.tasks.is_empty() {
                // Bounded: whatever has not finished within the grace period is aborted.
                let deadline = tokio::time::sleep(self.grace);
                tokio::pin!(deadline);
                loop {
                    tokio::select! {
                        joined = self.tasks.join_next() => match joined {
                            Some(Ok(Err(e))) => { first_error.get_or_insert(e); }
                            Some(_) => {}
                            None => break,
                        },
                        () = &mut deadline => {
                            tracing::warn!(remaining = self.tasks.len(), "grace period over: aborting remaining work");
                            self.tasks.abort_all();
                            while self.tasks.join_next().await.is_some() {}
                            break;
                        }
                    }
                }
                break;
            }
        }
        self.storage.close().await;
        tracing::info!("stopped");
        first_error.map_or(Ok(()), Err)
    }
}

/// Starts the server. Production checks are the caller's (so it can choose the exit code);
/// `run` re-checks and refuses too, as a second line of defence.
///
/// # Errors
/// See [`Error`].
pub async fn run(config: Config, shutdown: CancellationToken) -> Result<Running, Error> {
    run_with_analysis_engine(config, shutdown, None).await
}

/// [`run`] with the analysis engine given rather than loaded from `models.dir` (tests and
/// embedding applications); `None` loads it.
///
/// # Errors
/// See [`Error`].
pub async fn run_with_analysis_engine(
    mut config: Config,
    shutdown: CancellationToken,
    analysis_engine: Option<crate::analysis_service::Engine>,
) -> Result<Running, Error> {
    if config.mode == Mode::Production {
        let problems = crate::checks::production_problems(&config);
        if !problems.is_empty() {
            return Err(Error::Production(problems));
        }
    }
    voxgate_store::ensure_private_dir(&config.data.dir)?;
    if config.mode == Mode::Development {
        ensure_dev_keys(&mut config)?;
    }

    let sqlite = voxgate_store::SqliteStore::open(&config.data.dir).await?;
    let storage: Arc<dyn voxgate_store::Storage> = Arc::new(sqlite.clone());
    tracing::info!(backend = storage.backend(), dir = %config.data.dir.display(), "storage open");

    let metrics = crate::metrics::handle();
    let draining = Arc::new(AtomicBool::new(false));
    let checks: Vec<Arc<dyn ReadinessCheck>> = vec![Arc::new(StorageReady(Arc::clone(&storage)))];
    let admin_state = AdminState {
        checks: Arc::new(checks),
        metrics,
        draining: Arc::clone(&draining),
    };

    let http_listener = bind("http", config.http.listen).await?;
    let admin_listener = bind("admin", config.admin.listen).await?;
    let http_addr = local_addr("http", &http_listener)?;
    let admin_addr = local_addr("admin", &admin_listener)?;

    let exposed: Vec<String> = [("http", http_addr), ("admin", admin_addr)]
        .iter()
        .filter(|(_, a)| !a.ip().is_loopback())
        .map(|(n, a)| format!("{n}={a}"))
        .collect();
    if !exposed.is_empty() {
        tracing::warn!(listeners = %exposed.join(", "), "listening on non-loopback addresses: these are reachable from the network");
    }

    let mut security = crate::auth::setup::build(&config, &sqlite)
        .await
        .map_err(|message| Error::Serve {
            name: "http",
            message,
        })?;
    // Data protection: encrypted call store, audit chain (also behind the API's audit hook).
    let data_protection = crate::retention::DataProtection::open(&config, &sqlite, Vec::new())
        .await
        .map_err(|message| Error::Serve {
            name: "data protection",
            message,
        })?;
    crate::retention::register(&data_protection);
    let analysis = crate::analysis_service::AnalysisService::start(
        &config.analysis,
        &config.data.dir,
        &sqlite,
        data_protection.calls.clone(),
        analysis_engine
            .unwrap_or_else(|| crate::analysis_service::Engine::Load(config.models.dir.clone())),
    )
    .await
    .map_err(|message| Error::Serve {
        name: "analysis",
        message,
    })?;
    let transcript_sink: Arc<dyn voxgate_agent::TranscriptSink> = Arc::new(
        crate::agents::StoreTranscriptSink::new(data_protection.calls.clone())
            .with_analysis(Arc::clone(&analysis)),
    );
    let consent_sink: Arc<dyn voxgate_agent::dialog::consent::ConsentSink> = Arc::new(
        crate::recording::StoreConsentSink::new(data_protection.calls.clone()),
    );
    let audio_recorder: Arc<dyn voxgate_agent::dialog::recorder::AudioRecorder> = Arc::new(
        crate::recording::StoreRecorder::new(data_protection.calls.clone()),
    );
    security.api.audit = Arc::new(crate::retention::ChainAudit::new(
        data_protection.audit.clone(),
    ));
    let tls = crate::tls::acceptor(&config.tls, &shutdown).map_err(|e| Error::Serve {
        name: "http",
        message: e.to_string(),
    })?;

    let mut tasks = JoinSet::new();
    let retention_shutdown = shutdown.clone();
    let retention_config = config.retention.clone();
    tasks.spawn(async move {
        crate::retention::run_task(data_protection, retention_config, retention_shutdown).await;
        Ok(())
    });
    let registry = voxgate_call::CallRegistry::new(config.calls.clone(), shutdown.clone());
    // The agent profiles (models loaded once, on a blocking thread) plus the echo test profile.
    let agent_config = config.clone();
    let handlers = tokio::task::spawn_blocking(move || {
        let c = &agent_config;
        crate::agents::build_handlers(
            &crate::agents::AgentSettings {
                agent: &c.agent,
                llms: &c.llm,
                profiles: &c.profiles,
                tools: &c.tools,
                privacy: &c.privacy,
                models_dir: &c.models.dir,
                default_profile: &c.audiosocket.default_profile,
                recording: &c.recording,
                consent: Some(consent_sink),
                recorder: Some(audio_recorder),
            },
            transcript_sink,
        )
    })
    .await
    .map_err(|e| Error::Serve {
        name: "agent",
        message: e.to_string(),
    })?
    .map_err(|e| Error::Serve {
        name: "agent",
        message: e.to_string(),
    })?;
    tracing::info!(profiles = ?handlers.profiles(), "agent profiles ready");
    let profile_names: Vec<String> = handlers.profiles().iter().map(|p| p.to_string()).collect();
    let handler: Arc<dyn voxgate_call::CallHandler> = Arc::new(handlers);
    let transport_routes =
        crate::transports::router(&config, &registry, &handler).map_err(|e| Error::Serve {
            name: "http",
            message: e.to_string(),
        })?;
    let mut audiosocket_addr = None;
    let mut audiosocket_rendezvous = None;
    if config.audiosocket.enabled {
        let transport = config
            .audiosocket
            .to_transport()
            .map_err(|message| Error::Serve {
                name: "audiosocket",
                message,
            })?;
        let server = voxgate_telephony::audiosocket::AudioSocketServer::new(
            transport,
            registry.clone(),
            Arc::clone(&handler),
            Arc::new(
                voxgate_call::ProfileMap::new()
                    .with_default(Some(config.audiosocket.default_profile.clone())),
            ),
        );
        let listener = server.bind().await.map_err(|e| Error::Serve {
            name: "audiosocket",
            message: e.to_string(),
        })?;
        let addr = local_addr("audiosocket", &listener)?;
        if !addr.ip().is_loopback() {
            tracing::warn!(listener = %format!("audiosocket={addr}"), "listening on a non-loopback address: reachable from the network");
        }
        audiosocket_addr = Some(addr);
        audiosocket_rendezvous = Some((server.rendezvous(), addr));
        tasks.spawn(async move {
            server.run(listener).await.map_err(|e| Error::Serve {
                name: "audiosocket",
                message: e.to_string(),
            })
        });
    }
    if config.ari.enabled {
        let app = crate::ari::stasis_app(
            &config,
            &registry,
            &handler,
            &profile_names,
            audiosocket_rendezvous,
        )
        .map_err(|message| Error::Serve {
            name: "ari",
            message,
        })?;
        tracing::info!(app = %config.ari.app, media = ?config.ari.media, "ari stasis application starting");
        tasks.spawn(async move {
            app.run().await.map_err(|e| Error::Serve {
                name: "ari",
                message: e.to_string(),
            })
        });
    }
    let limits = crate::tls::ListenerLimits::from_config(&config);
    // The admin listener gets the same TLS and connection limits; it has no API routes, so no
    // guard (it is loopback by default and holds no personal data).
    let admin_tls = tls.clone();
    let admin_limits = limits.clone();
    let admin_shutdown = shutdown.clone();
    tasks.spawn(async move {
        crate::tls::serve_http(
            admin_listener,
            metered("admin", admin::router(admin_state)),
            admin_tls,
            admin_limits,
            None,
            admin_shutdown,
        )
        .await
        .map_err(|e| Error::Serve {
            name: "admin",
            message: e.to_string(),
        })
    });
    let http_router =
        crate::auth::setup::http_router(&config, &security, api_router().merge(transport_routes));
    let http_router =
        crate::api::analysis::mount(http_router, &config, &security, Arc::clone(&analysis))
            .map_err(|message| Error::Serve {
                name: "http",
                message,
            })?;
    let analysis_shutdown = shutdown.clone();
    let analysis_task = Arc::clone(&analysis);
    tasks.spawn(async move {
        analysis_shutdown.cancelled().await;
        analysis_task.shutdown().await;
        Ok(())
    });
    let events = security.events.clone();
    let http_shutdown = shutdown.clone();
    tasks.spawn(async move {
        crate::tls::serve_http(
            http_listener,
            metered("http", http_router),
            tls,
            limits,
            Some(events),
            http_shutdown,
        )
        .await
        .map_err(|e| Error::Serve {
            name: "http",
            message: e.to_string(),
        })
    });
    let audiosocket = audiosocket_addr.map_or_else(|| "off".to_string(), |a| a.to_string());
    tracing::info!(%http_addr, %admin_addr, %audiosocket, mode = ?config.mode, "voxgate started");

    Ok(Running {
        http_addr,
        admin_addr,
        audiosocket_addr,
        analysis,
        shutdown,
        tasks,
        storage,
        grace: Duration::from_secs(config.shutdown_grace_secs),
        draining,
    })
}

async fn bind(name: &'static str, addr: SocketAddr) -> Result<TcpListener, Error> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| Error::Bind { name, addr, source })
}

fn local_addr(name: &'static str, l: &TcpListener) -> Result<SocketAddr, Error> {
    l.local_addr().map_err(|e| Error::Serve {
        name,
        message: e.to_string(),
    })
}

fn metered(name: &'static str, router: Router) -> Router {
    router.layer(axum::middleware::from_fn(
        move |req: axum::extract::Request, next: axum::middleware::Next| async move {
            let response = next.run(req).await;
            let class = match response.status().as_u16() {
                100..=199 => "1xx",
                200..=299 => "2xx",
                300..=399 => "3xx",
                400..=499 => "4xx",
                _ => "5xx",
            };
            metrics::counter!("voxgate_http_requests_total", "listener" => name, "status" => class)
                .increment(1);
            response
        },
    ))
}

fn api_router() -> Router {
    Router::new().route("/", get(index))
}

async fn index() -> Html<&'static str> {
    Html("<!doctype html><title>Voxgate</title><h1>Voxgate</h1><p>The server is running.</p>")
}

/// In development, missing keys are generated once into `<data>/keys/` (mode 0600) so a
/// restart keeps them; production never reaches this (its checks require configured keys).
fn ensure_dev_keys(config: &mut Config) -> Result<(), Error> {
    let dir = config.data.dir.join("keys");
    voxgate_store::ensure_private_dir(&dir)?;
    let slots: [(&'static str, &mut ConfigSecret); 3] = [
        ("jwt_secret", &mut config.security.jwt_secret),
        ("master_key", &mut config.security.master_key),
        ("audit_key", &mut config.security.audit_key),
    ];
    for (name, slot) in slots {
        if !slot.is_set() {
            *slot = ConfigSecret::new(load_or_generate_key(&dir, name)?);
        }
    }
    Ok(())
}

fn load_or_generate_key(dir: &Path, name: &'static str) -> Result<String, Error> {
    use base64::Engine;
    use rand::RngCore;
    let path = dir.join(format!("{name}.key"));
    let key_err = |message: String| Error::Key { name, message };
    if path.exists() {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| key_err(format!("reading {}: {e}", path.display())))?;
        return Ok(text.trim().to_string());
    }
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    voxgate_store::ensure_private_file(&path)?;
    std::fs::write(&path, format!("{encoded}\n"))
        .map_err(|e| key_err(format!("writing {}: {e}", path.display())))?;
    tracing::info!(key = name, path = %path.display(), "generated a development key");
    Ok(encoded)
}
