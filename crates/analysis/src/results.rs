//! Encrypted storage of analysis results in the store's call storage.
//!
//! A result is sealed with AES-GCM under a data key (`analysis_result` data class) and only a
//! reference ([`StoredRef`]: call id and blob id, no content) goes into the job row:
//!
//! - a job over a **call** Voxgate answered stores its result under that call's data key, so
//!   erasing the call (right to erasure, retention) erases its analysis too;
//! - a job over an **upload** gets a data key of its own: a call record `analysis-<job id>`
//!   (transport `analysis_upload`, no caller) is created for it, and deleting the job deletes
//!   that record, which crypto-shreds the key: any copy of the ciphertext left in a backup can
//!   no longer be opened.
//!
//! Reads and deletions are audited (`analysis.access`) with the acting principal.

use serde::{Deserialize, Serialize};
use voxgate_security::audit::{event_types, AuditResult, Classification};
use voxgate_security::crypto::DataClass;
use voxgate_store::audit_log::AccessContext;
use voxgate_store::calls::{CallStore, NewCall};

use crate::pipeline::AnalysisResult;
use crate::worker::JobSource;
use crate::{Error, Result};

/// Transport name of the call records that hold the data key of an upload's result.
pub const UPLOAD_TRANSPORT: &str = "analysis_upload";

/// Media type of a stored result.
const MEDIA_TYPE: &str = "application/json";

/// Whose data key seals a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyScope {
    /// A key made for this job alone (uploads): deleting the job shreds it.
    Job,
    /// The analysed call's key: deleting the job removes the blob, erasing the call shreds it.
    Call,
}

/// Where a sealed result is: what the job row keeps instead of the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredRef {
    /// Call record whose data key seals the result.
    pub call_id: String,
    /// Blob id.
    pub blob_id: String,
    /// Whose key it is.
    pub scope: KeyScope,
}

impl StoredRef {
    /// The reference inside a job's stored `result` value (`{"stored": {...}}`), if any.
    pub fn from_job_result(v: &serde_json::Value) -> Option<Self> {
        serde_json::from_value(v.get("stored")?.clone()).ok()
    }
}

/// Sealed result storage over the call store; cheap to clone.
#[derive(Debug, Clone)]
pub struct SealedResults {
    calls: CallStore,
}

/// The call record id holding the data key of upload job `job_id`.
pub fn upload_call_id(job_id: &str) -> String {
    format!("analysis-{job_id}")
}

fn now_ms() -> i64 {
    voxgate_store::jobs::now_ms()
}

impl SealedResults {
    /// Storage over `calls`.
    pub fn new(calls: CallStore) -> Self {
        Self { calls }
    }

    /// The call store.
    pub fn calls(&self) -> &CallStore {
        &self.calls
    }

    /// Seals `result` of job `job_id` and returns its reference.
    ///
    /// # Errors
    /// [`Error::SourceUnavailable`] when the analysed call was erased meanwhile,
    /// [`Error::Store`] for database or file errors.
    pub async fn put(
        &self,
        job_id: &str,
        source: &JobSource,
        result: &AnalysisResult,
    ) -> Result<StoredRef> {
        let (call_id, scope) = match source {
            JobSource::Call { call_id } => (call_id.clone(), KeyScope::Call),
            JobSource::File { .. } => (upload_call_id(job_id), KeyScope::Job),
        };
        if scope == KeyScope::Job {
            // A retried attempt finds the record its first attempt made.
            match self.calls.get_call(&call_id).await {
                Ok(_) => {}
                Err(voxgate_store::Error::NotFound { .. }) => {
                    self.calls
                        .start_call(&NewCall {
                            id: &call_id,
                            transport: UPLOAD_TRANSPORT,
                            profile: None,
                            caller: None,
                            started_ms: now_ms(),
                        })
                        .await?;
                }
                Err(e) => return Err(e.into()),
            }
        }
        let json = zeroize::Zeroizing::new(
            serde_json::to_vec(result).map_err(|e| Error::Internal(e.to_string()))?,
        );
        let blob_id = match self
            .calls
            .put_blob(
                &call_id,
                DataClass::AnalysisResult,
                MEDIA_TYPE,
                &json,
                now_ms(),
            )
            .await
        {
            Ok(id) => id,
            Err(voxgate_store::Error::NotFound { .. }) => {
                return Err(Error::SourceUnavailable(format!(
                    "call {call_id} was erased before its analysis could be stored"
                )))
            }
            Err(e) => return Err(e.into()),
        };
        Ok(StoredRef {
            call_id,
            blob_id,
            scope,
        })
    }

    /// Opens a result for `ctx` (audited `analysis.access`).
    ///
    /// # Errors
    /// [`Error::Store`] with `NotFound` when the result or its key is gone (deleted, purged
    /// by retention, call erased).
    pub async fn read(&self, ctx: &AccessContext, r: &StoredRef) -> Result<AnalysisResult> {
        let (_, plain) = self
            .calls
            .read_blob(ctx, &r.call_id, &r.blob_id, now_ms())
            .await?;
        serde_json::from_slice(&plain).map_err(|e| Error::Internal(format!("stored result: {e}")))
    }

    /// Erases a result: a job-scoped key is shredded with its record; a result under a call's
    /// key has its blob deleted (`secure_delete`, file removed). Audited.
    ///
    /// # Errors
    /// [`Error::Store`]; an already erased result is not an error.
    pub async fn erase(&self, ctx: &AccessContext, r: &StoredRef) -> Result<()> {
        let result = match r.scope {
            KeyScope::Job => match self.calls.delete_call(ctx, &r.call_id, now_ms()).await {
                Ok(_) | Err(voxgate_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(Error::Store(e)),
            },
            KeyScope::Call => self.delete_blob(ctx, r).await,
        };
        result
    }

    async fn delete_blob(&self, ctx: &AccessContext, r: &StoredRef) -> Result<()> {
        let result: Result<()> = async {
            let mut conn = self.calls.pool().acquire().await.map_err(db)?;
            sqlx::query("PRAGMA secure_delete = ON")
                .execute(&mut *conn)
                .await
                .map_err(db)?;
            sqlx::query("DELETE FROM blobs WHERE call_id = ? AND id = ? AND class = ?")
                .bind(&r.call_id)
                .bind(&r.blob_id)
                .bind(DataClass::AnalysisResult.as_str())
                .execute(&mut *conn)
                .await
                .map_err(db)?;
            // Small results live in the row; a missing file is the usual case.
            match self.calls.blob_files().remove(&r.call_id, &r.blob_id) {
                Ok(()) | Err(voxgate_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(Error::Store(e)),
            }
        }
        .await;
        let mut e = ctx.event(
            now_ms(),
            event_types::ANALYSIS,
            &format!("call:{}/blob:{}", r.call_id, r.blob_id),
            "delete",
            if result.is_ok() {
                AuditResult::Success
            } else {
                AuditResult::Error
            },
        );
        e.call_id = Some(r.call_id.clone());
        e.pii_involved = true;
        e.data_classification = Classification::Restricted;
        self.calls.audit().append(e.finish()).await?;
        result
    }
}

fn db(e: sqlx::Error) -> Error {
    Error::Store(voxgate_store::Error::from(e))
}
