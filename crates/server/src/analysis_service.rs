//! The post-call analysis service of a running server (`[analysis]`): the durable job queue,
//! the worker pool over the analysis engine, sealed result storage, the hook that analyses
//! calls as they end (`post_call`) and the live per-turn analysis pushed to supervisors
//! (`real_time`); `hybrid` does both.
//!
//! The engine (Whisper, Silero, SmolLM2) loads on a blocking thread after start, so the server
//! answers at once; until it is ready, submissions get 503 with the reason
//! ([`EngineState`]). Tests inject a ready engine with [`Engine::Ready`].
//!
//! Calls Voxgate answered are analysed from their stored transcript (redacted turns): no
//! second speech recognition pass. Their results are sealed under the call's data key; an
//! upload's under a key of its own ([`voxgate_analysis::results`]).
//!
//! Uploads wait in a spool directory until their job ends. A crash between spooling and
//! queueing, or between a job's end and its cleanup, would leave caller audio there for good:
//! [`AnalysisService::sweep_spool`] deletes such orphans at start and every
//! [`SPOOL_SWEEP_INTERVAL`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parking_lot::{Mutex, RwLock};
use serde::Serialize;
use tokio::sync::broadcast;
use voxgate_analysis::intake::SweepReport;
use voxgate_analysis::live::{LiveAnalyzer, LiveCall, LiveUpdate};
use voxgate_analysis::redact::TimedText;
use voxgate_analysis::results::{SealedResults, UPLOAD_TRANSPORT};
use voxgate_analysis::worker::{CallResolver, CallSource, Webhook, WorkerPool};
use voxgate_analysis::{AnalysisConfig, AnalysisJob, AnalyzeOptions, Analyzer, JobSource};
use voxgate_store::calls::CallStore;
use voxgate_store::jobs::JobQueue;

/// Where the analysis engine comes from.
#[derive(Debug, Clone)]
pub enum Engine {
    /// Load the embedded models from this directory, in the background.
    Load(PathBuf),
    /// An engine built by the caller (tests, embedding applications).
    Ready(Arc<Analyzer>),
}

/// Whether the engine can take jobs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", content = "reason", rename_all = "snake_case")]
pub enum EngineState {
    /// `[analysis] enabled = false`.
    Disabled,
    /// The models are loading.
    Loading,
    /// Ready; workers are running.
    Ready,
    /// The models could not be loaded (the reason names `voxgate models setup`).
    Failed(String),
}

/// Live calls watched by supervisors.
#[derive(Debug, Default)]
struct LiveHub {
    calls: Mutex<HashMap<String, LiveEntry>>,
}

#[derive(Debug)]
struct LiveEntry {
    state: LiveCall,
    last: Option<LiveUpdate>,
    tx: broadcast::Sender<LiveEvent>,
}

/// An event on a live call's stream.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum LiveEvent {
    /// The picture after a caller turn.
    Update(LiveUpdate),
    /// The call ended.
    Ended {
        /// The call.
        call_id: String,
    },
}

/// Live calls tracked at most (subscriptions to calls that never start are pruned).
const MAX_LIVE_CALLS: usize = 10_000;

/// Time between sweeps of the upload spool after the one at start.
pub const SPOOL_SWEEP_INTERVAL: std::time::Duration = std::time::Duration::from_secs(15 * 60);

impl LiveEntry {
    fn new() -> Self {
        Self {
            state: LiveCall::default(),
            last: None,
            tx: broadcast::channel(64).0,
        }
    }
}

/// The running analysis service; share as `Arc<AnalysisService>`.
#[derive(Debug)]
pub struct AnalysisService {
    config: AnalysisConfig,
    queue: JobQueue,
    results: SealedResults,
    calls: CallStore,
    upload_dir: PathBuf,
    engine: RwLock<EngineState>,
    pool: tokio::sync::Mutex<Option<WorkerPool>>,
    live_analyzer: Option<LiveAnalyzer>,
    live: LiveHub,
    webhook: Option<Webhook>,
    /// The store's database, where the sweep finds the uploads of unfinished jobs.
    db: sqlx::SqlitePool,
    sweeper: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

/// Reads a call's stored transcript for the workers.
#[derive(Debug)]
struct StoredTranscripts {
    calls: CallStore,
}

impl CallResolver for StoredTranscripts {
    fn resolve<'a>(
        &'a self,
        call_id: &'a str,
    ) -> futures::future::BoxFuture<'a, voxgate_analysis::Result<CallSource>> {
        Box::pin(async move {
            let unavailable = |m: &str| {
                voxgate_analysis::Error::SourceUnavailable(format!("call {call_id}: {m}"))
            };
            let call = match self.calls.get_call(call_id).await {
                Ok(c) => c,
                Err(voxgate_store::Error::NotFound { .. }) => {
                    return Err(unavailable("no such call (erased?)"))
                }
                Err(e) => return Err(e.into()),
            };
            let rows: Vec<(i64, String)> = sqlx::query_as(
                "SELECT at_ms, redacted_text FROM transcript_turns WHERE call_id = ? ORDER BY seq",
            )
            .bind(call_id)
            .fetch_all(self.calls.pool())
            .await
            .map_err(|e| voxgate_analysis::Error::Store(e.into()))?;
            if rows.is_empty() {
                return Err(unavailable("no transcript stored"));
            }
            let start = call.started_ms.unwrap_or(rows[0].0);
            let end = call.ended_ms.unwrap_or_else(|| rows[rows.len() - 1].0);
            let secs = |ms: i64| (ms.saturating_sub(start)).max(0) as f32 / 1000.0;
            let segments = rows
                .iter()
                .enumerate()
                .map(|(i, (at, text))| TimedText {
                    start_s: secs(*at),
                    end_s: secs(rows.get(i + 1).map_or(end, |n| n.0).max(*at)),
                    text: text.clone(),
                })
                .collect();
            Ok(CallSource::Transcript {
                segments,
                duration_s: secs(end.max(start)),
            })
        })
    }
}

/// A submission refused or failed, for the API to answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SubmitError {
    /// The engine cannot take jobs (disabled, loading, failed).
    #[error("analysis engine unavailable: {0:?}")]
    Unavailable(EngineState),
    /// The request is wrong (4xx with this status and code).
    #[error("{message}")]
    Refused {
        /// HTTP status.
        status: u16,
        /// Machine code.
        code: &'static str,
        /// Client message.
        message: String,
    },
    /// Something failed on our side.
    #[error("{0}")]
    Internal(String),
}

impl SubmitError {
    pub(crate) fn refused(status: u16, code: &'static str, m: impl Into<String>) -> Self {
        Self::Refused {
            status,
            code,
            message: m.into(),
        }
    }
}

impl From<voxgate_analysis::Error> for SubmitError {
    fn from(e: voxgate_analysis::Error) -> Self {
        match voxgate_analysis::intake::refusal(&e) {
            Some(r) => Self::Refused {
                status: r.status,
                code: r.code,
                message: r.message,
            },
            None => Self::Internal(e.to_string()),
        }
    }
}

impl AnalysisService {
    /// Opens the queue (re-queueing jobs a crash left running) and starts the engine: loading
    /// it in the background for [`Engine::Load`], or at once for [`Engine::Ready`]. Workers
    /// start when the engine is ready.
    ///
    /// # Errors
    /// A message for an invalid `[analysis]` section or an unreadable webhook secret.
    pub async fn start(
        config: &AnalysisConfig,
        data_dir: &Path,
        sqlite: &voxgate_store::SqliteStore,
        calls: CallStore,
        engine: Engine,
    ) -> Result<Arc<Self>, String> {
        config.validate().map_err(|e| e.to_string())?;
        let queue = JobQueue::new(sqlite).with_backoff(config.backoff());
        if let Err(e) = queue.reclaim_expired().await {
            tracing::warn!(error = %e, "cannot reclaim analysis jobs left running");
        }
        let webhook = match (&config.webhook_url, &config.webhook_secret_file) {
            (Some(url), Some(file)) => {
                let secret = zeroize::Zeroizing::new(std::fs::read(file).map_err(|e| {
                    format!("analysis.webhook_secret_file {}: {e}", file.display())
                })?);
                let trimmed = secret.trim_ascii_end();
                Some(Webhook::new(url.clone(), trimmed).map_err(|e| e.to_string())?)
            }
            _ => None,
        };
        let live_analyzer = if config.enabled && config.mode.live() {
            Some(LiveAnalyzer::from_config(config).map_err(|e| e.to_string())?)
        } else {
            None
        };
        let service = Arc::new(Self {
            config: config.clone(),
            queue,
            results: SealedResults::new(calls.clone()),
            calls,
            upload_dir: config
                .upload_dir
                .clone()
                .unwrap_or_else(|| data_dir.join("analysis-uploads")),
            engine: RwLock::new(if config.enabled {
                EngineState::Loading
            } else {
                EngineState::Disabled
            }),
            pool: tokio::sync::Mutex::new(None),
            live_analyzer,
            live: LiveHub::default(),
            webhook,
            db: sqlite.pool().clone(),
            sweeper: Mutex::new(None),
        });
        // Before any worker runs, and whether or not analysis is enabled: leftover audio is
        // removed either way.
        if let Err(e) = service.sweep_spool().await {
            tracing::warn!(error = %e, "cannot sweep the analysis upload spool");
        }
        let weak = Arc::downgrade(&service);
        *service.sweeper.lock() = Some(tokio::spawn(async move {
            let mut tick = tokio::time::interval(SPOOL_SWEEP_INTERVAL);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            // The first tick is immediate: the sweep at start just ran.
            tick.tick().await;
            loop {
                tick.tick().await;
                let Some(s) = weak.upgrade() else { break };
                if let Err(e) = s.sweep_spool().await {
                    tracing::warn!(error = %e, "cannot sweep the analysis upload spool");
                }
            }
        }));
        if !config.enabled {
            return Ok(service);
        }
        match engine {
            Engine::Ready(a) => service.start_workers(a).await,
            Engine::Load(dir) => {
                let s = Arc::clone(&service);
                tokio::spawn(async move {
                    let cfg = s.config.clone();
                    let loaded = tokio::task::spawn_blocking(move || load_engine(&dir, &cfg)).await;
                    match loaded {
                        Ok(Ok(a)) => s.start_workers(Arc::new(a)).await,
                        Ok(Err(e)) => {
                            tracing::warn!(error = %e, "analysis engine not available: the analysis API answers 503");
                            *s.engine.write() = EngineState::Failed(e);
                        }
                        Err(e) => *s.engine.write() = EngineState::Failed(e.to_string()),
                    }
                });
            }
        }
        Ok(service)
    }

    async fn start_workers(self: &Arc<Self>, analyzer: Arc<Analyzer>) {
        let mut settings = self.config.worker_settings();
        settings.webhook = self.webhook.clone();
        let resolver: Arc<dyn CallResolver> = Arc::new(StoredTranscripts {
            calls: self.calls.clone(),
        });
        let pool = WorkerPool::start_with(
            self.queue.clone(),
            analyzer,
            settings,
            Some(resolver),
            Some(self.results.clone()),
        );
        tracing::info!(workers = pool.workers(), mode = ?self.config.mode, "analysis workers started");
        *self.pool.lock().await = Some(pool);
        *self.engine.write() = EngineState::Ready;
    }

    /// Deletes spool files that no queued or running job needs and that were last written
    /// longer ago than the upload time limit plus a minute (so an upload in progress is never
    /// touched). Logs counts only.
    ///
    /// # Errors
    /// The store's error when the jobs cannot be read, an I/O error when the spool cannot be
    /// listed.
    pub async fn sweep_spool(&self) -> voxgate_analysis::Result<SweepReport> {
        let live = voxgate_analysis::intake::live_upload_names(&self.db).await?;
        let grace =
            std::time::Duration::from_secs(self.config.upload_timeout_secs.saturating_add(60));
        let r =
            voxgate_analysis::intake::sweep_orphan_uploads(&self.upload_dir, &live, grace).await?;
        if r.removed > 0 || r.failed > 0 {
            tracing::info!(
                removed = r.removed,
                failed = r.failed,
                kept_live = r.kept_live,
                kept_recent = r.kept_recent,
                "orphaned analysis uploads swept"
            );
        } else {
            tracing::debug!(
                kept_live = r.kept_live,
                kept_recent = r.kept_recent,
                "analysis upload spool swept: no orphans"
            );
        }
        Ok(r)
    }

    /// Stops the workers (running jobs go back to the queue without counting the attempt).
    pub async fn shutdown(&self) {
        if let Some(sweeper) = self.sweeper.lock().take() {
            sweeper.abort();
        }
        if let Some(pool) = self.pool.lock().await.take() {
            pool.shutdown().await;
        }
    }

    /// The configuration.
    pub fn config(&self) -> &AnalysisConfig {
        &self.config
    }

    /// The job queue.
    pub fn queue(&self) -> &JobQueue {
        &self.queue
    }

    /// Sealed result storage.
    pub fn results(&self) -> &SealedResults {
        &self.results
    }

    /// Where uploads are spooled.
    pub fn upload_dir(&self) -> &Path {
        &self.upload_dir
    }

    /// The engine's state.
    pub fn engine_state(&self) -> EngineState {
        self.engine.read().clone()
    }

    /// `Ok` when jobs can be accepted.
    ///
    /// # Errors
    /// [`SubmitError::Unavailable`] with the state.
    pub fn ensure_ready(&self) -> Result<(), SubmitError> {
        match self.engine_state() {
            EngineState::Ready => Ok(()),
            other => Err(SubmitError::Unavailable(other)),
        }
    }

    /// Checks a request's options against the configuration.
    ///
    /// # Errors
    /// [`SubmitError::Refused`] (422) for an unsupported language, or for raw transcripts
    /// when `allow_raw` is off.
    pub fn check_options(&self, o: &AnalyzeOptions) -> Result<(), SubmitError> {
        o.validate()?;
        if (o.include_raw || !o.redact) && !self.config.allow_raw {
            return Err(SubmitError::refused(
                422,
                "raw_not_allowed",
                "unredacted transcripts are not stored here ([analysis] allow_raw = false)",
            ));
        }
        Ok(())
    }

    /// Enqueues a job and wakes a worker.
    ///
    /// # Errors
    /// [`SubmitError`].
    pub async fn enqueue(&self, job: &AnalysisJob) -> Result<String, SubmitError> {
        let id = voxgate_analysis::worker::submit(
            &self.queue,
            job,
            self.config.max_attempts,
            std::time::Duration::from_secs(self.config.job_timeout_secs),
        )
        .await?;
        if let Some(p) = self.pool.lock().await.as_ref() {
            p.notify();
        }
        Ok(id)
    }

    /// Enqueues the analysis of a stored call.
    ///
    /// # Errors
    /// 404 for an unknown call, [`SubmitError`].
    pub async fn submit_call(
        &self,
        call_id: &str,
        options: AnalyzeOptions,
    ) -> Result<String, SubmitError> {
        self.check_options(&options)?;
        match self.calls.get_call(call_id).await {
            Ok(c) if c.transport != UPLOAD_TRANSPORT => {}
            Ok(_) | Err(voxgate_store::Error::NotFound { .. }) => {
                return Err(SubmitError::refused(404, "not_found", "no such call"))
            }
            Err(voxgate_store::Error::InvalidInput(m)) => {
                return Err(SubmitError::refused(400, "bad_request", m))
            }
            Err(e) => return Err(SubmitError::Internal(e.to_string())),
        }
        self.enqueue(&AnalysisJob {
            source: JobSource::Call {
                call_id: call_id.to_owned(),
            },
            options,
        })
        .await
    }

    /// A caller or agent turn of a live call (from the transcript sink): in `real_time` and
    /// `hybrid` modes, caller turns update the call's picture and are pushed to subscribers.
    pub fn turn(&self, call_id: &str, turn: &voxgate_agent::transcript::Turn) {
        let Some(live) = &self.live_analyzer else {
            return;
        };
        if turn.speaker != voxgate_agent::transcript::Speaker::Caller || turn.text.trim().is_empty()
        {
            return;
        }
        let mut calls = self.live.calls.lock();
        if !calls.contains_key(call_id) && calls.len() >= MAX_LIVE_CALLS {
            prune(&mut calls);
            if calls.len() >= MAX_LIVE_CALLS {
                tracing::warn!("too many live calls tracked: live analysis skipped");
                return;
            }
        }
        let entry = calls
            .entry(call_id.to_owned())
            .or_insert_with(LiveEntry::new);
        let update = live.caller_turn(
            call_id,
            &mut entry.state,
            &turn.text,
            turn.raw_text.as_deref(),
            voxgate_store::jobs::now_ms(),
        );
        entry.last = Some(update.clone());
        // No subscriber is not an error: the picture waits in `last`.
        let _ = entry.tx.send(LiveEvent::Update(update));
    }

    /// The call ended: subscribers get `ended` and the live state is dropped.
    pub fn call_ended(&self, call_id: &str) {
        if let Some(entry) = self.live.calls.lock().remove(call_id) {
            let _ = entry.tx.send(LiveEvent::Ended {
                call_id: call_id.to_owned(),
            });
        }
    }

    /// The call's transcript is stored: in `post_call` and `hybrid` modes with `on_call_end`,
    /// its analysis is enqueued.
    pub async fn call_stored(&self, call_id: &str) {
        if !(self.config.enabled && self.config.on_call_end && self.config.mode.post_call()) {
            return;
        }
        let job = AnalysisJob {
            source: JobSource::Call {
                call_id: call_id.to_owned(),
            },
            options: AnalyzeOptions::default(),
        };
        match self.enqueue(&job).await {
            Ok(id) => tracing::info!(%call_id, job_id = %id, "post-call analysis queued"),
            Err(e) => tracing::warn!(%call_id, error = %e, "cannot queue post-call analysis"),
        }
    }

    /// Subscribes to a call's live analysis: the latest picture (if any) and a receiver.
    ///
    /// # Errors
    /// `None` when live analysis is off or too many calls are tracked.
    pub fn subscribe(
        &self,
        call_id: &str,
    ) -> Option<(Option<LiveUpdate>, broadcast::Receiver<LiveEvent>)> {
        self.live_analyzer.as_ref()?;
        let mut calls = self.live.calls.lock();
        if !calls.contains_key(call_id) && calls.len() >= MAX_LIVE_CALLS {
            prune(&mut calls);
            if calls.len() >= MAX_LIVE_CALLS {
                return None;
            }
        }
        let entry = calls
            .entry(call_id.to_owned())
            .or_insert_with(LiveEntry::new);
        Some((entry.last.clone(), entry.tx.subscribe()))
    }

    /// Whether live analysis runs.
    pub fn live_enabled(&self) -> bool {
        self.live_analyzer.is_some()
    }
}

/// Drops entries nobody watches and no turn reached (subscriptions to calls that never came).
fn prune(calls: &mut HashMap<String, LiveEntry>) {
    calls.retain(|_, e| e.last.is_some() || e.tx.receiver_count() > 0);
}

fn load_engine(dir: &Path, config: &AnalysisConfig) -> Result<Analyzer, String> {
    let llm = if config.llm_summary || config.llm_classify {
        match voxgate_analysis::load_embedded_llm(dir) {
            Ok(l) => Some(l),
            Err(e) => {
                tracing::warn!(error = %e, "analysis runs without a language model: extractive summaries");
                None
            }
        }
    } else {
        None
    };
    voxgate_analysis::build_analyzer(dir, config, llm)
        .map_err(|e| format!("{e} (run `voxgate models setup`)"))
}
