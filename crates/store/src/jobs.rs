//! A durable job queue in the database, for work that must survive a crash (post-call analysis).
//!
//! A job is a row of the `jobs` table (migration `0004_jobs.sql`): a `kind`, a JSON payload, a
//! status ([`JobStatus`]), attempt counters, a per-job timeout, progress and the result or error.
//!
//! # Leases
//! [`JobQueue::claim`] takes the oldest ready job of a kind in one atomic
//! `UPDATE ... WHERE id = (SELECT ...) RETURNING` statement and gives the worker a *lease*
//! (owner id and expiry). The worker renews it with [`JobQueue::heartbeat`] while it works. A
//! worker killed mid-job (`kill -9`, power loss) stops renewing; once the lease expires the job
//! is claimable again (the next claim re-queues it, or fails it for good when its attempts are
//! spent), so nothing is lost but the attempt in flight. Every write a worker makes is guarded by
//! its lease: a worker that lost its lease gets [`QueueError::LeaseLost`] and must stop.
//!
//! # Retries and cancellation
//! [`JobQueue::fail`] re-queues a retryable failure with exponential backoff
//! (`base * 2^(attempt-1)`, capped) until `max_attempts`. [`JobQueue::cancel`] cancels a queued job
//! at once and flags a running one; the worker sees the flag in its next heartbeat and calls
//! [`JobQueue::mark_cancelled`].
//!
//! Times are Unix milliseconds. The statements are written for SQLite; the PostgreSQL schema is
//! the same, with `FOR UPDATE SKIP LOCKED` in the claim's sub-select.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::{Row, SqlitePool};

use crate::SqliteStore;

/// Errors of the job queue.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueueError {
    /// The database returned an error.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// No job has this id.
    #[error("job {0} not found")]
    NotFound(String),
    /// The worker's lease on the job expired or was taken by another worker: stop working on it.
    #[error("lease on job {0} lost")]
    LeaseLost(String),
    /// The operation does not apply to a job in this state (e.g. deleting a running job).
    #[error("job {id} is {status}")]
    InvalidState {
        /// The job id.
        id: String,
        /// Its current status.
        status: JobStatus,
    },
    /// A stored payload or result is not valid JSON.
    #[error("invalid job JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// An argument is out of range.
    #[error("invalid argument: {0}")]
    Invalid(&'static str),
}

/// Result type of the job queue.
pub type QueueResult<T> = std::result::Result<T, QueueError>;

/// Where a job is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum JobStatus {
    /// Waiting for a worker (possibly until a retry time).
    Queued,
    /// Claimed by a worker holding a lease.
    Running,
    /// Finished with a result.
    Succeeded,
    /// Failed for good (attempts spent, or a permanent error).
    Failed,
    /// Cancelled by a user.
    Cancelled,
}

impl JobStatus {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Succeeded => "succeeded",
            JobStatus::Failed => "failed",
            JobStatus::Cancelled => "cancelled",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "queued" => JobStatus::Queued,
            "running" => JobStatus::Running,
            "succeeded" => JobStatus::Succeeded,
            "cancelled" => JobStatus::Cancelled,
            // Unknown values can only come from a newer schema; treat them as terminal.
            _ => JobStatus::Failed,
        }
    }

    /// Whether the job will not change any more.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            JobStatus::Succeeded | JobStatus::Failed | JobStatus::Cancelled
        )
    }
}

impl std::fmt::Display for JobStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A job to enqueue.
#[derive(Debug, Clone)]
pub struct NewJob {
    /// What kind of work (`"analysis"`); workers claim by kind.
    pub kind: String,
    /// Input of the job.
    pub payload: serde_json::Value,
    /// Higher runs first.
    pub priority: i32,
    /// Attempts before the job fails for good (at least 1).
    pub max_attempts: u32,
    /// Longest one attempt may run.
    pub timeout: Duration,
}

impl NewJob {
    /// A job with priority 0, 3 attempts and a 1-hour timeout.
    pub fn new(kind: impl Into<String>, payload: serde_json::Value) -> Self {
        Self {
            kind: kind.into(),
            payload,
            priority: 0,
            max_attempts: 3,
            timeout: Duration::from_secs(3600),
        }
    }
}

/// A job as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Job {
    /// Job id (UUID v4).
    pub id: String,
    /// Kind of work.
    pub kind: String,
    /// Input.
    pub payload: serde_json::Value,
    /// Current status.
    pub status: JobStatus,
    /// Priority (higher first).
    pub priority: i32,
    /// Attempts started so far.
    pub attempts: u32,
    /// Attempts allowed.
    pub max_attempts: u32,
    /// Per-attempt time limit in milliseconds.
    pub timeout_ms: u64,
    /// Earliest time the job may (re)start, Unix ms.
    pub run_at: i64,
    /// Worker holding the lease, while running.
    pub lease_owner: Option<String>,
    /// Lease expiry, Unix ms, while running.
    pub lease_expires_at: Option<i64>,
    /// Progress in `0..=1`.
    pub progress: f32,
    /// Current pipeline stage, if the worker reports one.
    pub stage: Option<String>,
    /// Result, once succeeded.
    pub result: Option<serde_json::Value>,
    /// Last error message (never content, by convention of the callers).
    pub error: Option<String>,
    /// A cancellation was requested while running.
    pub cancel_requested: bool,
    /// Creation time, Unix ms.
    pub created_at: i64,
    /// Last change, Unix ms.
    pub updated_at: i64,
    /// First start, Unix ms.
    pub started_at: Option<i64>,
    /// End time, Unix ms.
    pub finished_at: Option<i64>,
}

impl Job {
    /// The per-attempt timeout.
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms)
    }
}

/// What [`JobQueue::heartbeat`] tells the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heartbeat {
    /// A user asked to cancel the job: stop and call [`JobQueue::mark_cancelled`].
    pub cancel_requested: bool,
}

/// What became of a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOutcome {
    /// Re-queued; it becomes claimable at this Unix ms time.
    Retrying {
        /// When the next attempt may start.
        run_at: i64,
    },
    /// Failed for good.
    Failed,
}

/// What [`JobQueue::cancel`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelOutcome {
    /// The job was queued and is now cancelled.
    Cancelled,
    /// The job is running; its worker was asked to stop.
    Requested,
    /// The job had already finished with this status.
    AlreadyFinished(JobStatus),
}

/// Counts per status and the age of the oldest waiting job.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QueueStats {
    /// Jobs waiting (including retries not yet due).
    pub queued: u64,
    /// Jobs running under a live lease.
    pub running: u64,
    /// Jobs finished with a result.
    pub succeeded: u64,
    /// Jobs failed for good.
    pub failed: u64,
    /// Jobs cancelled.
    pub cancelled: u64,
    /// Running jobs whose lease has expired (their worker is gone; reclaimed on next claim).
    pub stale: u64,
    /// Age of the oldest ready queued job, in milliseconds.
    pub oldest_queued_ms: Option<i64>,
    /// Distinct workers holding live leases.
    pub active_workers: u64,
}

/// Retry backoff: `base * 2^(attempt-1)`, at most `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Delay after the first failed attempt.
    pub base: Duration,
    /// Longest delay.
    pub max: Duration,
}

impl Default for Backoff {
    /// 10 s doubling up to 15 min.
    fn default() -> Self {
        Self {
            base: Duration::from_secs(10),
            max: Duration::from_secs(900),
        }
    }
}

impl Backoff {
    /// The delay after failed attempt number `attempt` (1-based).
    pub fn delay(&self, attempt: u32) -> Duration {
        let shift = attempt.saturating_sub(1).min(30);
        self.base
            .checked_mul(1u32 << shift)
            .unwrap_or(self.max)
            .min(self.max)
    }
}

/// The job queue over the store's database; cheap to clone.
#[derive(Debug, Clone)]
pub struct JobQueue {
    pool: SqlitePool,
    backoff: Backoff,
}

/// Current time in Unix milliseconds (the store's one clock).
pub use crate::audit_log::now_ms;

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

const COLUMNS: &str = "id, kind, payload, status, priority, attempts, max_attempts, timeout_ms, \
    run_at, lease_owner, lease_expires_at, progress, stage, result, error, cancel_requested, \
    created_at, updated_at, started_at, finished_at";

fn row_to_job(row: &sqlx::sqlite::SqliteRow) -> QueueResult<Job> {
    let payload: String = row.try_get("payload")?;
    let result: Option<String> = row.try_get("result")?;
    let status: String = row.try_get("status")?;
    let attempts: i64 = row.try_get("attempts")?;
    let max_attempts: i64 = row.try_get("max_attempts")?;
    let timeout_ms: i64 = row.try_get("timeout_ms")?;
    let progress: f64 = row.try_get("progress")?;
    let cancel: i64 = row.try_get("cancel_requested")?;
    let priority: i64 = row.try_get("priority")?;
    Ok(Job {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        payload: serde_json::from_str(&payload)?,
        status: JobStatus::parse(&status),
        priority: i32::try_from(priority).unwrap_or(0),
        attempts: u32::try_from(attempts).unwrap_or(0),
        max_attempts: u32::try_from(max_attempts).unwrap_or(1),
        timeout_ms: u64::try_from(timeout_ms).unwrap_or(0),
        run_at: row.try_get("run_at")?,
        lease_owner: row.try_get("lease_owner")?,
        lease_expires_at: row.try_get("lease_expires_at")?,
        progress: progress as f32,
        stage: row.try_get("stage")?,
        result: result.map(|r| serde_json::from_str(&r)).transpose()?,
        error: row.try_get("error")?,
        cancel_requested: cancel != 0,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        started_at: row.try_get("started_at")?,
        finished_at: row.try_get("finished_at")?,
    })
}

impl JobQueue {
    /// A queue over `store`'s database with the default [`Backoff`].
    pub fn new(store: &SqliteStore) -> Self {
        Self::from_pool(store.pool().clone())
    }

    /// A queue over a pool whose database has the store's migrations applied.
    pub fn from_pool(pool: SqlitePool) -> Self {
        Self {
            pool,
            backoff: Backoff::default(),
        }
    }

    /// Sets the retry backoff.
    pub fn with_backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// Adds a job; it is claimable at once.
    ///
    /// # Errors
    /// [`QueueError::Invalid`] for zero attempts or timeout, [`QueueError::Database`].
    pub async fn enqueue(&self, job: NewJob) -> QueueResult<String> {
        if job.max_attempts == 0 {
            return Err(QueueError::Invalid("max_attempts must be at least 1"));
        }
        if job.timeout.is_zero() {
            return Err(QueueError::Invalid("timeout must be positive"));
        }
        let id = uuid::Uuid::new_v4().to_string();
        let now = now_ms();
        sqlx::query(
            "INSERT INTO jobs (id, kind, payload, status, priority, max_attempts, timeout_ms, \
             run_at, created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(&job.kind)
        .bind(serde_json::to_string(&job.payload)?)
        .bind(i64::from(job.priority))
        .bind(i64::from(job.max_attempts))
        .bind(ms(job.timeout))
        .bind(now)
        .bind(now)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(id)
    }

    /// Returns running jobs whose lease expired to the queue (or fails them when their attempts
    /// are spent, or cancels them when cancellation was requested). [`claim`](Self::claim) calls
    /// this first; call it at start-up to see how many jobs a crash left behind.
    ///
    /// # Errors
    /// [`QueueError::Database`].
    pub async fn reclaim_expired(&self) -> QueueResult<u64> {
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE jobs SET \
               status = CASE WHEN cancel_requested <> 0 THEN 'cancelled' \
                             WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END, \
               error = CASE WHEN cancel_requested <> 0 THEN error \
                            ELSE 'worker lost: lease expired' END, \
               finished_at = CASE WHEN cancel_requested <> 0 OR attempts >= max_attempts \
                                  THEN ? ELSE NULL END, \
               lease_owner = NULL, lease_expires_at = NULL, run_at = ?, updated_at = ? \
             WHERE status = 'running' AND lease_expires_at < ?",
        )
        .bind(now)
        .bind(now)
        .bind(now)
        .bind(now)
        .execute(&self.pool)
        .await?;
        let n = done.rows_affected();
        if n > 0 {
            tracing::warn!(jobs = n, "reclaimed jobs whose worker lease expired");
        }
        Ok(n)
    }

    /// Claims the next ready job of `kind` (highest priority, then oldest) for `worker`, with a
    /// lease of `lease`. Counts one attempt.
    ///
    /// # Errors
    /// [`QueueError::Database`], [`QueueError::Json`] for a corrupt stored payload.
    pub async fn claim(
        &self,
        kind: &str,
        worker: &str,
        lease: Duration,
    ) -> QueueResult<Option<Job>> {
        self.reclaim_expired().await?;
        let now = now_ms();
        let sql = format!(
            "UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = ?, \
               lease_expires_at = ?, started_at = COALESCE(started_at, ?), updated_at = ?, \
               progress = 0, stage = NULL \
             WHERE id = (SELECT id FROM jobs WHERE kind = ? AND status = 'queued' \
                           AND run_at <= ? AND cancel_requested = 0 \
                         ORDER BY priority DESC, run_at, created_at LIMIT 1) \
               AND status = 'queued' \
             RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(worker)
            .bind(now.saturating_add(ms(lease)))
            .bind(now)
            .bind(now)
            .bind(kind)
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(row_to_job).transpose()
    }

    /// Renews `worker`'s lease on `id` and records progress (`0..=1`) and the current stage.
    ///
    /// # Errors
    /// [`QueueError::LeaseLost`] when the worker no longer holds the job, [`QueueError::Database`].
    pub async fn heartbeat(
        &self,
        id: &str,
        worker: &str,
        lease: Duration,
        progress: Option<(f32, &str)>,
    ) -> QueueResult<Heartbeat> {
        let now = now_ms();
        let (p, stage) = match progress {
            Some((p, s)) => (Some(f64::from(p.clamp(0.0, 1.0))), Some(s)),
            None => (None, None),
        };
        let row = sqlx::query(
            "UPDATE jobs SET lease_expires_at = ?, updated_at = ?, \
               progress = COALESCE(?, progress), stage = COALESCE(?, stage) \
             WHERE id = ? AND status = 'running' AND lease_owner = ? \
             RETURNING cancel_requested",
        )
        .bind(now.saturating_add(ms(lease)))
        .bind(now)
        .bind(p)
        .bind(stage)
        .bind(id)
        .bind(worker)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(r) => {
                let c: i64 = r.try_get(0)?;
                Ok(Heartbeat {
                    cancel_requested: c != 0,
                })
            }
            None => Err(QueueError::LeaseLost(id.to_owned())),
        }
    }

    /// Finishes `id` with `result`.
    ///
    /// # Errors
    /// [`QueueError::LeaseLost`] when the worker no longer holds the job.
    pub async fn complete(
        &self,
        id: &str,
        worker: &str,
        result: &serde_json::Value,
    ) -> QueueResult<()> {
        let now = now_ms();
        let q = sqlx::query(
            "UPDATE jobs SET status = 'succeeded', result = ?, error = NULL, progress = 1, \
               lease_owner = NULL, lease_expires_at = NULL, finished_at = ?, updated_at = ? \
             WHERE id = ? AND status = 'running' AND lease_owner = ?",
        )
        .bind(serde_json::to_string(result)?);
        self.leased_update(q.bind(now).bind(now), id, worker).await
    }

    /// Records a failed attempt. A `retryable` failure with attempts left is re-queued after the
    /// backoff; otherwise the job fails for good. `error` must not contain call content.
    ///
    /// # Errors
    /// [`QueueError::LeaseLost`] when the worker no longer holds the job.
    pub async fn fail(
        &self,
        id: &str,
        worker: &str,
        error: &str,
        retryable: bool,
    ) -> QueueResult<FailOutcome> {
        let now = now_ms();
        let row = sqlx::query(
            "SELECT attempts, max_attempts FROM jobs \
             WHERE id = ? AND status = 'running' AND lease_owner = ?",
        )
        .bind(id)
        .bind(worker)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| QueueError::LeaseLost(id.to_owned()))?;
        let attempts: i64 = row.try_get(0)?;
        let max_attempts: i64 = row.try_get(1)?;
        let retry = retryable && attempts < max_attempts;
        let delay = self
            .backoff
            .delay(u32::try_from(attempts).unwrap_or(u32::MAX));
        let run_at = now.saturating_add(ms(delay));
        let q = sqlx::query(
            "UPDATE jobs SET status = ?, error = ?, run_at = ?, lease_owner = NULL, \
               lease_expires_at = NULL, finished_at = ?, updated_at = ? \
             WHERE id = ? AND status = 'running' AND lease_owner = ?",
        )
        .bind(if retry { "queued" } else { "failed" })
        .bind(error)
        .bind(run_at)
        .bind(if retry { None } else { Some(now) })
        .bind(now);
        self.leased_update(q, id, worker).await?;
        Ok(if retry {
            FailOutcome::Retrying { run_at }
        } else {
            FailOutcome::Failed
        })
    }

    /// Gives a job back without counting the attempt (graceful shutdown mid-job).
    ///
    /// # Errors
    /// [`QueueError::LeaseLost`] when the worker no longer holds the job.
    pub async fn release(&self, id: &str, worker: &str) -> QueueResult<()> {
        self.end_lease(
            "UPDATE jobs SET status = 'queued', attempts = MAX(attempts - 1, 0), run_at = ?, \
               lease_owner = NULL, lease_expires_at = NULL, updated_at = ? \
             WHERE id = ? AND status = 'running' AND lease_owner = ?",
            id,
            worker,
        )
        .await
    }

    /// Runs `sql` (binding now, now, id, worker) on a job `worker` must still hold.
    async fn end_lease(&self, sql: &str, id: &str, worker: &str) -> QueueResult<()> {
        let now = now_ms();
        self.leased_update(sqlx::query(sql).bind(now).bind(now), id, worker)
            .await
    }

    /// Runs an update whose last two parameters are the job id and the worker (`WHERE id = ?
    /// AND status = 'running' AND lease_owner = ?`): no row changed means the lease is lost.
    async fn leased_update<'q>(
        &self,
        q: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
        id: &'q str,
        worker: &'q str,
    ) -> QueueResult<()> {
        let done = q.bind(id).bind(worker).execute(&self.pool).await?;
        if done.rows_affected() == 0 {
            return Err(QueueError::LeaseLost(id.to_owned()));
        }
        Ok(())
    }

    /// Requests cancellation: a queued job is cancelled now, a running one is flagged for its
    /// worker.
    ///
    /// # Errors
    /// [`QueueError::NotFound`], [`QueueError::Database`].
    pub async fn cancel(&self, id: &str) -> QueueResult<CancelOutcome> {
        let now = now_ms();
        let row = sqlx::query(
            "UPDATE jobs SET \
               status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END, \
               finished_at = CASE WHEN status = 'queued' THEN ? ELSE finished_at END, \
               cancel_requested = CASE WHEN status = 'running' THEN 1 ELSE cancel_requested END, \
               updated_at = ? \
             WHERE id = ? RETURNING status",
        )
        .bind(now)
        .bind(now)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| QueueError::NotFound(id.to_owned()))?;
        let status: String = row.try_get(0)?;
        // RETURNING gives the new values: a queued job now reads `cancelled`; a job that was
        // already cancelled reads the same, which is harmless.
        Ok(match JobStatus::parse(&status) {
            JobStatus::Cancelled => CancelOutcome::Cancelled,
            JobStatus::Running => CancelOutcome::Requested,
            other => CancelOutcome::AlreadyFinished(other),
        })
    }

    /// The worker's acknowledgement of a cancellation: the job ends as cancelled.
    ///
    /// # Errors
    /// [`QueueError::LeaseLost`] when the worker no longer holds the job.
    pub async fn mark_cancelled(&self, id: &str, worker: &str) -> QueueResult<()> {
        self.end_lease(
            "UPDATE jobs SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, \
               finished_at = ?, updated_at = ? \
             WHERE id = ? AND status = 'running' AND lease_owner = ?",
            id,
            worker,
        )
        .await
    }

    /// Deletes a job that is not running (its result with it).
    ///
    /// # Errors
    /// [`QueueError::NotFound`], [`QueueError::InvalidState`] for a running job (cancel it first).
    pub async fn delete(&self, id: &str) -> QueueResult<()> {
        let done = sqlx::query("DELETE FROM jobs WHERE id = ? AND status <> 'running'")
            .bind(id)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 1 {
            return Ok(());
        }
        match self.get(id).await? {
            Some(job) => Err(QueueError::InvalidState {
                id: id.to_owned(),
                status: job.status,
            }),
            None => Err(QueueError::NotFound(id.to_owned())),
        }
    }

    /// The job with this id.
    ///
    /// # Errors
    /// [`QueueError::Database`], [`QueueError::Json`].
    pub async fn get(&self, id: &str) -> QueueResult<Option<Job>> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM jobs WHERE id = ?"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(row_to_job).transpose()
    }

    /// Counts per status for `kind` (every kind when `None`).
    ///
    /// # Errors
    /// [`QueueError::Database`].
    pub async fn stats(&self, kind: Option<&str>) -> QueueResult<QueueStats> {
        let now = now_ms();
        let rows = sqlx::query(
            "SELECT status, \
               CASE WHEN status = 'running' AND lease_expires_at < ? THEN 1 ELSE 0 END AS stale, \
               COUNT(*) AS n, MIN(CASE WHEN run_at <= ? THEN created_at END) AS oldest \
             FROM jobs WHERE (? IS NULL OR kind = ?) GROUP BY 1, 2",
        )
        .bind(now)
        .bind(now)
        .bind(kind)
        .bind(kind)
        .fetch_all(&self.pool)
        .await?;
        let mut stats = QueueStats::default();
        for r in rows {
            let status: String = r.try_get("status")?;
            let stale: i64 = r.try_get("stale")?;
            let n = u64::try_from(r.try_get::<i64, _>("n")?).unwrap_or(0);
            match JobStatus::parse(&status) {
                JobStatus::Queued => {
                    stats.queued += n;
                    let oldest: Option<i64> = r.try_get("oldest")?;
                    stats.oldest_queued_ms = oldest.map(|t| now.saturating_sub(t));
                }
                JobStatus::Running if stale != 0 => stats.stale += n,
                JobStatus::Running => stats.running += n,
                JobStatus::Succeeded => stats.succeeded += n,
                JobStatus::Failed => stats.failed += n,
                JobStatus::Cancelled => stats.cancelled += n,
            }
        }
        let (workers,): (i64,) = sqlx::query_as(
            "SELECT COUNT(DISTINCT lease_owner) FROM jobs \
             WHERE status = 'running' AND lease_expires_at >= ? AND (? IS NULL OR kind = ?)",
        )
        .bind(now)
        .bind(kind)
        .bind(kind)
        .fetch_one(&self.pool)
        .await?;
        stats.active_workers = u64::try_from(workers).unwrap_or(0);
        Ok(stats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    async fn queue() -> (tempfile::TempDir, JobQueue) {
        let tmp = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&tmp.path().join("data")).await.unwrap();
        let q = JobQueue::new(&store).with_backoff(Backoff {
            base: Duration::from_millis(40),
            max: Duration::from_millis(100),
        });
        (tmp, q)
    }

    #[tokio::test]
    async fn claim_complete_and_stats() {
        let (_tmp, q) = queue().await;
        let low = q
            .enqueue(NewJob::new("analysis", json!({"n": 1})))
            .await
            .unwrap();
        let mut urgent = NewJob::new("analysis", json!({"n": 2}));
        urgent.priority = 5;
        let high = q.enqueue(urgent).await.unwrap();
        q.enqueue(NewJob::new("other", json!({}))).await.unwrap();

        let lease = Duration::from_secs(30);
        let job = q.claim("analysis", "w1", lease).await.unwrap().unwrap();
        assert_eq!(job.id, high, "priority first");
        assert_eq!(job.status, JobStatus::Running);
        assert_eq!(job.attempts, 1);
        assert_eq!(job.lease_owner.as_deref(), Some("w1"));
        let job2 = q.claim("analysis", "w2", lease).await.unwrap().unwrap();
        assert_eq!(job2.id, low);
        assert_eq!(job2.payload, json!({"n": 1}));
        assert!(q.claim("analysis", "w3", lease).await.unwrap().is_none());

        let hb = q
            .heartbeat(&high, "w1", lease, Some((0.5, "stt")))
            .await
            .unwrap();
        assert!(!hb.cancel_requested);
        let seen = q.get(&high).await.unwrap().unwrap();
        assert_eq!(seen.progress, 0.5);
        assert_eq!(seen.stage.as_deref(), Some("stt"));
        // Another worker cannot touch w1's job.
        assert!(matches!(
            q.complete(&high, "w2", &json!(1)).await,
            Err(QueueError::LeaseLost(_))
        ));
        let stats = q.stats(Some("analysis")).await.unwrap();
        assert_eq!(
            (stats.running, stats.queued, stats.active_workers),
            (2, 0, 2)
        );

        q.complete(&high, "w1", &json!({"ok": true})).await.unwrap();
        let done = q.get(&high).await.unwrap().unwrap();
        assert_eq!(done.status, JobStatus::Succeeded);
        assert_eq!(done.result, Some(json!({"ok": true})));
        assert_eq!(done.progress, 1.0);
        assert!(done.finished_at.is_some());
        let stats = q.stats(None).await.unwrap();
        assert_eq!(
            (stats.succeeded, stats.running, stats.queued),
            (1, 1, 1),
            "{stats:?}"
        );
    }

    #[tokio::test]
    async fn expired_lease_is_reclaimed_by_another_worker() {
        let (_tmp, q) = queue().await;
        let mut nj = NewJob::new("analysis", json!({}));
        nj.max_attempts = 2;
        let id = q.enqueue(nj).await.unwrap();
        // Worker w1 claims with a short lease, then "dies" (never heartbeats or completes).
        let short = Duration::from_millis(50);
        let first = q.claim("analysis", "w1", short).await.unwrap().unwrap();
        assert_eq!(first.id, id);
        assert!(q.claim("analysis", "w2", short).await.unwrap().is_none());
        tokio::time::sleep(Duration::from_millis(80)).await;
        assert_eq!(q.stats(None).await.unwrap().stale, 1);
        let second = q
            .claim("analysis", "w2", Duration::from_secs(30))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(second.id, id);
        assert_eq!(second.attempts, 2);
        assert_eq!(second.lease_owner.as_deref(), Some("w2"));
        // The dead worker's late writes are refused.
        assert!(matches!(
            q.heartbeat(&id, "w1", short, None).await,
            Err(QueueError::LeaseLost(_))
        ));
        q.complete(&id, "w2", &json!("done")).await.unwrap();
        assert_eq!(
            q.get(&id).await.unwrap().unwrap().status,
            JobStatus::Succeeded
        );
    }

    #[tokio::test]
    async fn expired_lease_with_no_attempts_left_fails() {
        let (_tmp, q) = queue().await;
        let mut nj = NewJob::new("analysis", json!({}));
        nj.max_attempts = 1;
        let id = q.enqueue(nj).await.unwrap();
        q.claim("analysis", "w1", Duration::from_millis(20))
            .await
            .unwrap()
            .unwrap();
        tokio::time::sleep(Duration::from_millis(40)).await;
        assert_eq!(q.reclaim_expired().await.unwrap(), 1);
        let job = q.get(&id).await.unwrap().unwrap();
        assert_eq!(job.status, JobStatus::Failed);
        assert_eq!(job.error.as_deref(), Some("worker lost: lease expired"));
    }

    #[tokio::test]
    async fn failures_retry_with_backoff_then_fail() {
        let (_tmp, q) = queue().await;
        let mut nj = NewJob::new("analysis", json!({}));
        nj.max_attempts = 2;
        let id = q.enqueue(nj).await.unwrap();
        let lease = Duration::from_secs(30);
        q.claim("analysis", "w1", lease).await.unwrap().unwrap();
        let before = now_ms();
        let out = q.fail(&id, "w1", "stt failed", true).await.unwrap();
        let FailOutcome::Retrying { run_at } = out else {
            panic!("expected a retry, got {out:?}");
        };
        assert!(
            run_at >= before + 40,
            "backoff of the first retry is the base"
        );
        // Not claimable before the backoff has passed.
        assert!(q.claim("analysis", "w1", lease).await.unwrap().is_none());
        tokio::time::sleep(Duration::from_millis(60)).await;
        let again = q.claim("analysis", "w1", lease).await.unwrap().unwrap();
        assert_eq!(again.attempts, 2);
        assert_eq!(again.error.as_deref(), Some("stt failed"));
        assert_eq!(
            q.fail(&id, "w1", "stt failed", true).await.unwrap(),
            FailOutcome::Failed
        );
        assert_eq!(q.get(&id).await.unwrap().unwrap().status, JobStatus::Failed);

        let b = Backoff {
            base: Duration::from_secs(10),
            max: Duration::from_secs(60),
        };
        assert_eq!(b.delay(1), Duration::from_secs(10));
        assert_eq!(b.delay(3), Duration::from_secs(40));
        assert_eq!(b.delay(4), Duration::from_secs(60));
        assert_eq!(b.delay(99), Duration::from_secs(60));
    }

    #[tokio::test]
    async fn cancel_release_and_delete() {
        let (_tmp, q) = queue().await;
        let lease = Duration::from_secs(30);
        let queued = q.enqueue(NewJob::new("a", json!({}))).await.unwrap();
        assert_eq!(q.cancel(&queued).await.unwrap(), CancelOutcome::Cancelled);
        assert!(q.claim("a", "w", lease).await.unwrap().is_none());

        let running = q.enqueue(NewJob::new("a", json!({}))).await.unwrap();
        q.claim("a", "w", lease).await.unwrap().unwrap();
        assert_eq!(q.cancel(&running).await.unwrap(), CancelOutcome::Requested);
        assert!(matches!(
            q.delete(&running).await,
            Err(QueueError::InvalidState {
                status: JobStatus::Running,
                ..
            })
        ));
        let hb = q.heartbeat(&running, "w", lease, None).await.unwrap();
        assert!(hb.cancel_requested);
        q.mark_cancelled(&running, "w").await.unwrap();
        assert_eq!(
            q.cancel(&running).await.unwrap(),
            CancelOutcome::Cancelled,
            "cancelling twice is idempotent"
        );

        let released = q.enqueue(NewJob::new("a", json!({}))).await.unwrap();
        q.claim("a", "w", lease).await.unwrap().unwrap();
        q.release(&released, "w").await.unwrap();
        let back = q.claim("a", "w2", lease).await.unwrap().unwrap();
        assert_eq!(back.attempts, 1, "a released attempt does not count");
        q.complete(&released, "w2", &json!(null)).await.unwrap();
        assert_eq!(
            q.cancel(&released).await.unwrap(),
            CancelOutcome::AlreadyFinished(JobStatus::Succeeded)
        );

        q.delete(&released).await.unwrap();
        assert!(q.get(&released).await.unwrap().is_none());
        assert!(matches!(
            q.delete(&released).await,
            Err(QueueError::NotFound(_))
        ));
        assert!(matches!(
            q.cancel("nope").await,
            Err(QueueError::NotFound(_))
        ));
        assert!(matches!(
            q.enqueue(NewJob {
                max_attempts: 0,
                ..NewJob::new("a", json!({}))
            })
            .await,
            Err(QueueError::Invalid(_))
        ));
    }
}
