//! Analysis workers: a pool of tasks pulling `analysis` jobs from the durable queue and running
//! the pipeline on blocking threads, with heartbeats, per-job timeout, cancellation, retries and
//! an optional signed completion webhook.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use voxgate_security::signature::{WebhookSigner, HEADER_NAME};
use voxgate_store::jobs::{FailOutcome, Job, JobQueue, NewJob, QueueError};

use crate::pipeline::{AnalyzeOptions, Analyzer, Control, Progress, Stage};
use crate::results::SealedResults;
use crate::{Error, Result};

/// The job kind of analysis jobs in the queue.
pub const JOB_KIND: &str = "analysis";

/// Where a job's audio comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum JobSource {
    /// A file on local disk (an upload spooled by the API).
    File {
        /// The file.
        path: PathBuf,
        /// Delete the file once the job has ended (uploads): audio is not kept after analysis.
        #[serde(default)]
        delete_after: bool,
    },
    /// The recording of a call handled by Voxgate.
    Call {
        /// The call id.
        call_id: String,
    },
}

/// The payload of an analysis job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalysisJob {
    /// The audio.
    pub source: JobSource,
    /// What to compute.
    #[serde(default)]
    pub options: AnalyzeOptions,
}

/// What a call offers to analyse.
#[derive(Debug, Clone, PartialEq)]
pub enum CallSource {
    /// A readable audio file of the call's recording.
    Audio(PathBuf),
    /// The call's stored transcript (redacted turns), analysed without speech recognition.
    Transcript {
        /// The turns, timed from the start of the call.
        segments: Vec<crate::redact::TimedText>,
        /// Length of the call, seconds.
        duration_s: f32,
    },
}

/// Finds what to analyse for a call (implemented by the server over its call storage).
pub trait CallResolver: Send + Sync {
    /// The recording or transcript of `call_id`.
    ///
    /// # Errors
    /// [`Error::SourceUnavailable`] when the call is unknown or has nothing to analyse.
    fn resolve<'a>(
        &'a self,
        call_id: &'a str,
    ) -> futures::future::BoxFuture<'a, Result<CallSource>>;
}

/// A signed completion webhook.
#[derive(Debug, Clone)]
pub struct Webhook {
    url: String,
    signer: WebhookSigner,
    client: reqwest::Client,
}

impl Webhook {
    /// A webhook posting to `url`, signed with `secret` (at least 16 bytes).
    ///
    /// # Errors
    /// [`Error::Config`] for a short secret or an HTTP client that cannot be built.
    pub fn new(url: impl Into<String>, secret: &[u8]) -> Result<Self> {
        let signer =
            WebhookSigner::new(&[secret]).map_err(|e| Error::Config(format!("webhook: {e}")))?;
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| Error::Config(format!("webhook client: {e}")))?;
        Ok(Self {
            url: url.into(),
            signer,
            client,
        })
    }

    /// Posts `body` with its `Voxgate-Signature`; up to three tries. Failures are logged only:
    /// the result is in the queue whatever happens to the notification.
    async fn send(&self, body: serde_json::Value) {
        let Ok(bytes) = serde_json::to_vec(&body) else {
            return;
        };
        for attempt in 0..3u32 {
            if attempt > 0 {
                tokio::time::sleep(Duration::from_millis(500 << attempt)).await;
            }
            let now = voxgate_store::jobs::now_ms() / 1000;
            let sent = self
                .client
                .post(&self.url)
                .header("content-type", "application/json")
                .header(HEADER_NAME, self.signer.sign(&bytes, now))
                .body(bytes.clone())
                .send()
                .await;
            match sent {
                Ok(r) if r.status().is_success() => return,
                Ok(r) => tracing::warn!(status = r.status().as_u16(), "analysis webhook refused"),
                Err(e) => tracing::warn!(error = %e, "analysis webhook failed"),
            }
        }
    }
}

/// How the pool runs.
#[derive(Debug, Clone)]
pub struct WorkerSettings {
    /// Number of concurrent jobs.
    pub workers: usize,
    /// Lease taken on a claimed job.
    pub lease: Duration,
    /// Heartbeat (lease renewal and progress) interval.
    pub heartbeat: Duration,
    /// Idle polling interval (workers are also woken by [`WorkerPool::notify`]).
    pub poll_interval: Duration,
    /// Attempts of jobs [`submit`]ted.
    pub max_attempts: u32,
    /// Time limit of one attempt of jobs [`submit`]ted.
    pub job_timeout: Duration,
    /// Completion webhook.
    pub webhook: Option<Webhook>,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        crate::AnalysisConfig::default().worker_settings()
    }
}

/// Enqueues an analysis job.
///
/// # Errors
/// [`Error::Unsupported`] for invalid options, [`Error::Queue`].
pub async fn submit(
    queue: &JobQueue,
    job: &AnalysisJob,
    max_attempts: u32,
    timeout: Duration,
) -> Result<String> {
    job.options.validate()?;
    let payload = serde_json::to_value(job).map_err(|e| Error::Internal(e.to_string()))?;
    let mut nj = NewJob::new(JOB_KIND, payload);
    nj.max_attempts = max_attempts.max(1);
    nj.timeout = timeout;
    Ok(queue.enqueue(nj).await?)
}

/// A running pool of analysis workers.
#[derive(Debug)]
pub struct WorkerPool {
    handles: Vec<JoinHandle<()>>,
    workers: usize,
    shutdown: CancellationToken,
    notify: Arc<Notify>,
}

struct Shared {
    queue: JobQueue,
    analyzer: Arc<Analyzer>,
    settings: WorkerSettings,
    resolver: Option<Arc<dyn CallResolver>>,
    results: Option<SealedResults>,
    notify: Arc<Notify>,
    shutdown: CancellationToken,
}

impl WorkerPool {
    /// Starts `settings.workers` workers on the current runtime; results are kept in the job
    /// rows as JSON (tools and tests; the server uses [`start_with`](Self::start_with) and
    /// sealed storage).
    pub fn start(
        queue: JobQueue,
        analyzer: Arc<Analyzer>,
        settings: WorkerSettings,
        resolver: Option<Arc<dyn CallResolver>>,
    ) -> Self {
        Self::start_with(queue, analyzer, settings, resolver, None)
    }

    /// Starts the workers; with `results`, each result is sealed in the call store and the
    /// job row keeps only its [`StoredRef`](crate::results::StoredRef) (`{"stored": ...}`),
    /// never content.
    pub fn start_with(
        queue: JobQueue,
        analyzer: Arc<Analyzer>,
        settings: WorkerSettings,
        resolver: Option<Arc<dyn CallResolver>>,
        results: Option<SealedResults>,
    ) -> Self {
        let shutdown = CancellationToken::new();
        let notify = Arc::new(Notify::new());
        let pool_id = uuid::Uuid::new_v4().simple().to_string();
        let shared = Arc::new(Shared {
            queue,
            analyzer,
            settings,
            resolver,
            results,
            notify: Arc::clone(&notify),
            shutdown: shutdown.clone(),
        });
        let handles: Vec<JoinHandle<()>> = (0..shared.settings.workers.max(1))
            .map(|n| {
                let shared = Arc::clone(&shared);
                let id = format!("{}-{n}", &pool_id[..12]);
                tokio::spawn(async move { worker_loop(shared, id).await })
            })
            .collect();
        Self {
            workers: handles.len(),
            handles,
            shutdown,
            notify,
        }
    }

    /// Number of workers.
    pub fn workers(&self) -> usize {
        self.workers
    }

    /// Wakes idle workers (call after enqueueing).
    pub fn notify(&self) {
        self.notify.notify_waiters();
    }

    /// Stops the workers: running jobs are interrupted and given back to the queue without
    /// counting the attempt. Waits for every worker to finish.
    pub async fn shutdown(self) {
        self.shutdown.cancel();
        for h in self.handles {
            if let Err(e) = h.await {
                tracing::warn!(error = %e, "analysis worker ended abnormally");
            }
        }
    }
}

async fn worker_loop(shared: Arc<Shared>, id: String) {
    tracing::debug!(worker = %id, "analysis worker started");
    loop {
        if shared.shutdown.is_cancelled() {
            break;
        }
        let claimed = shared
            .queue
            .claim(JOB_KIND, &id, shared.settings.lease)
            .await;
        match claimed {
            Ok(Some(job)) => run_job(&shared, &id, job).await,
            Ok(None) => {
                tokio::select! {
                    _ = shared.notify.notified() => {}
                    _ = tokio::time::sleep(shared.settings.poll_interval) => {}
                    _ = shared.shutdown.cancelled() => break,
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "analysis worker cannot claim");
                tokio::select! {
                    _ = tokio::time::sleep(shared.settings.poll_interval) => {}
                    _ = shared.shutdown.cancelled() => break,
                }
            }
        }
    }
    tracing::debug!(worker = %id, "analysis worker stopped");
}

fn cleanup(spec: Option<&AnalysisJob>) {
    if let Some(AnalysisJob {
        source: JobSource::File {
            path,
            delete_after: true,
        },
        ..
    }) = spec
    {
        if let Err(e) = std::fs::remove_file(path) {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(error = %e, "cannot delete analysed upload");
            }
        }
    }
}

async fn notify_end(shared: &Shared, job_id: &str, status: &str, summary: serde_json::Value) {
    if let Some(hook) = &shared.settings.webhook {
        // Only the outcome travels: the receiver fetches the (redacted) result over the API.
        let body = serde_json::json!({
            "event": format!("analysis.{status}"),
            "job_id": job_id,
            "status": status,
            "result": summary,
        });
        hook.send(body).await;
    }
}

async fn run_job(shared: &Shared, worker: &str, job: Job) {
    let queue = &shared.queue;
    tracing::info!(job_id = %job.id, attempt = job.attempts, "analysis job claimed");
    let spec: AnalysisJob = match serde_json::from_value(job.payload.clone()) {
        Ok(s) => s,
        Err(_) => {
            end_failed(
                shared,
                worker,
                &job,
                None,
                &Error::Config("invalid job payload".into()),
            )
            .await;
            return;
        }
    };
    let input = match &spec.source {
        JobSource::File { path, .. } => Ok(CallSource::Audio(path.clone())),
        JobSource::Call { call_id } => match &shared.resolver {
            Some(r) => r.resolve(call_id).await,
            None => Err(Error::SourceUnavailable(
                "calls are not available to the analysis service".into(),
            )),
        },
    };
    let input = match input {
        Ok(p) => p,
        Err(e) => {
            end_failed(shared, worker, &job, Some(&spec), &e).await;
            return;
        }
    };

    let control = Control::with_timeout(job.timeout());
    let (ptx, prx) = watch::channel(Progress {
        stage: Stage::Decode,
        fraction: 0.0,
    });
    let analyzer = Arc::clone(&shared.analyzer);
    let options = spec.options.clone();
    let c2 = control.clone();
    let mut handle = tokio::task::spawn_blocking(move || {
        let mut report = |p| {
            ptx.send_replace(p);
        };
        match input {
            CallSource::Audio(path) => analyzer.analyze_file(&path, &options, &c2, &mut report),
            CallSource::Transcript {
                segments,
                duration_s,
            } => analyzer.analyze_transcript(segments, duration_s, &options, &c2, &mut report),
        }
    });
    let mut tick = tokio::time::interval(shared.settings.heartbeat);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut stopping = false;
    let mut lost = false;
    let outcome = loop {
        tokio::select! {
            r = &mut handle => break r.map_err(|e| Error::Internal(e.to_string())).and_then(|r| r),
            _ = tick.tick() => {
                let p = *prx.borrow();
                match queue
                    .heartbeat(&job.id, worker, shared.settings.lease, Some((p.fraction, p.stage.as_str())))
                    .await
                {
                    Ok(hb) if hb.cancel_requested => control.cancel.store(true, Ordering::Relaxed),
                    Ok(_) => {}
                    Err(QueueError::LeaseLost(_)) => {
                        lost = true;
                        control.cancel.store(true, Ordering::Relaxed);
                    }
                    Err(e) => tracing::warn!(error = %e, "heartbeat failed"),
                }
            }
            _ = shared.shutdown.cancelled(), if !stopping => {
                stopping = true;
                control.cancel.store(true, Ordering::Relaxed);
            }
        }
    };
    match outcome {
        Ok(result) => {
            let value = match &shared.results {
                Some(store) => store
                    .put(&job.id, &spec.source, &result)
                    .await
                    .map(|r| serde_json::json!({ "stored": r })),
                None => serde_json::to_value(&result).map_err(|e| Error::Internal(e.to_string())),
            };
            let value = match value {
                Ok(v) => v,
                Err(e) => {
                    end_failed(shared, worker, &job, Some(&spec), &e).await;
                    return;
                }
            };
            match queue.complete(&job.id, worker, &value).await {
                Ok(()) => {
                    tracing::info!(
                        job_id = %job.id,
                        audio_s = result.audio.duration_s,
                        total_ms = result.timings.total_ms,
                        "analysis job succeeded"
                    );
                    cleanup(Some(&spec));
                    let summary = serde_json::json!({
                        "category": result.classification.as_ref().map(|c| c.category.clone()),
                        "priority": result.classification.as_ref().map(|c| c.priority),
                        "duration_s": result.audio.duration_s,
                    });
                    notify_end(shared, &job.id, "succeeded", summary).await;
                }
                Err(e) => tracing::warn!(error = %e, "cannot store analysis result"),
            }
        }
        Err(_) if lost => {
            tracing::warn!(job_id = %job.id, "lease lost; job left to its new worker")
        }
        Err(Error::Cancelled) if stopping => {
            if let Err(e) = queue.release(&job.id, worker).await {
                tracing::warn!(error = %e, "cannot release job at shutdown");
            }
        }
        Err(Error::Cancelled) => {
            if let Err(e) = queue.mark_cancelled(&job.id, worker).await {
                tracing::warn!(error = %e, "cannot mark job cancelled");
            }
            cleanup(Some(&spec));
            notify_end(shared, &job.id, "cancelled", serde_json::Value::Null).await;
        }
        Err(e) => end_failed(shared, worker, &job, Some(&spec), &e).await,
    }
}

async fn end_failed(
    shared: &Shared,
    worker: &str,
    job: &Job,
    spec: Option<&AnalysisJob>,
    e: &Error,
) {
    tracing::warn!(job_id = %job.id, error = %e, retryable = e.is_retryable(), "analysis job failed");
    match shared
        .queue
        .fail(&job.id, worker, &e.to_string(), e.is_retryable())
        .await
    {
        Ok(FailOutcome::Failed) => {
            cleanup(spec);
            notify_end(shared, &job.id, "failed", serde_json::Value::Null).await;
        }
        Ok(FailOutcome::Retrying { .. }) => {}
        Err(qe) => tracing::warn!(error = %qe, "cannot record job failure"),
    }
}
