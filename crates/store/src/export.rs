//! Data portability: everything held about a call, as one JSON document.
//!
//! The export decrypts what the call's data key opens: raw transcript turns as text, analysis
//! results as JSON when they parse, other binary blobs as base64. Recordings are listed with
//! their size and a link to `GET /api/v1/calls/{id}/recording` (audio/wav, audited
//! `recording.play`) rather than inlined: an hour of call audio is over 100 MB, a third more
//! in base64, in one JSON document held in memory on both ends. It also lists
//! the consent answers and the audit entries that name the call. The export itself is audited
//! (`call.export`). A deleted call exports as [`crate::Error::NotFound`].

use base64::Engine as _;
use serde::Serialize;
use sqlx::Row;
use voxgate_security::audit::{event_types, AuditEntry, Classification};

use crate::audit_log::{entries_for_call, AccessContext};
use crate::calls::{outcome, BlobInfo, CallStore, CallSummary};
use crate::consent::ConsentRecord;
use crate::Result;

/// One transcript turn in an export.
#[derive(Debug, Clone, Serialize)]
pub struct ExportTurn {
    /// Position from 1.
    pub seq: i64,
    /// When (Unix ms).
    pub at_ms: i64,
    /// `caller` or `agent`.
    pub speaker: String,
    /// Redacted text.
    pub redacted_text: Option<String>,
    /// Raw text, when kept and still decryptable.
    pub raw_text: Option<String>,
}

/// One blob in an export.
#[derive(Debug, Clone, Serialize)]
pub struct ExportBlob {
    /// Metadata.
    #[serde(flatten)]
    pub info: BlobInfo,
    /// Content as JSON (analysis results that parse) ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json: Option<serde_json::Value>,
    /// ... or as text ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// ... or as base64 (binary data) ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base64: Option<String>,
    /// ... or, for recordings, where to download it (`/api/v1/calls/{id}/recording`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

/// PII finding counts of a call by type.
#[derive(Debug, Clone, Serialize)]
pub struct ExportFinding {
    /// Entity type.
    pub kind: String,
    /// How many.
    pub count: i64,
}

/// Everything held about a call.
#[derive(Debug, Clone, Serialize)]
pub struct CallExport {
    /// Format version of this document.
    pub format: &'static str,
    /// The call's metadata.
    pub call: CallSummary,
    /// Whether a caller number hash is stored (the number itself never is).
    pub caller_hash_stored: bool,
    /// Transcript.
    pub transcript: Vec<ExportTurn>,
    /// Recordings, analysis results and other sealed data.
    pub blobs: Vec<ExportBlob>,
    /// PII finding counts by type.
    pub pii_findings: Vec<ExportFinding>,
    /// Consent answers.
    pub consents: Vec<ConsentRecord>,
    /// Audit entries naming the call.
    pub audit: Vec<AuditEntry>,
}

impl CallStore {
    /// Exports everything held about `call_id` for `ctx` (audited `call.export`).
    ///
    /// # Errors
    /// [`crate::Error::NotFound`] for an unknown or deleted call; [`crate::Error::Crypto`] when
    /// stored data fails to decrypt.
    pub async fn export_call(
        &self,
        ctx: &AccessContext,
        call_id: &str,
        now_ms: i64,
    ) -> Result<CallExport> {
        let result = self.build_export(call_id).await;
        let mut e = ctx.event(
            now_ms,
            event_types::CALL_EXPORT,
            &format!("call:{call_id}"),
            "export",
            outcome(&result),
        );
        e.call_id = Some(call_id.to_owned());
        e.pii_involved = true;
        e.data_classification = Classification::Restricted;
        self.audit().append(e.finish()).await?;
        result
    }

    async fn build_export(&self, call_id: &str) -> Result<CallExport> {
        let call = self.get_call(call_id).await?;
        // A shredded key (retention) leaves metadata and redacted text exportable; an
        // unknown master key is an error, not an empty export.
        let key = match self.data_key(call_id).await {
            Ok(k) => Some(k),
            Err(crate::Error::NotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        let (hash,): (Option<String>,) =
            sqlx::query_as("SELECT caller_hash FROM calls WHERE id = ?")
                .bind(call_id)
                .fetch_one(self.pool())
                .await?;
        let rows = sqlx::query(
            "SELECT seq, at_ms, speaker, redacted_text, raw_blob_id FROM transcript_turns \
             WHERE call_id = ? ORDER BY seq",
        )
        .bind(call_id)
        .fetch_all(self.pool())
        .await?;
        let mut transcript = Vec::with_capacity(rows.len());
        for r in &rows {
            let raw_id: Option<String> = r.try_get(4)?;
            let raw_text = match (&key, raw_id) {
                (Some(k), Some(id)) => match self.open_blob_unaudited(k, call_id, &id).await {
                    Ok((_, plain)) => Some(String::from_utf8_lossy(&plain).into_owned()),
                    Err(crate::Error::NotFound { .. }) => None,
                    Err(e) => return Err(e),
                },
                _ => None,
            };
            transcript.push(ExportTurn {
                seq: r.try_get(0)?,
                at_ms: r.try_get(1)?,
                speaker: r.try_get(2)?,
                redacted_text: r.try_get(3)?,
                raw_text,
            });
        }
        let raw_ids: std::collections::HashSet<String> = rows
            .iter()
            .filter_map(|r| r.try_get::<Option<String>, _>(4).ok().flatten())
            .collect();
        let mut blobs = Vec::new();
        for info in self.list_blobs(call_id).await? {
            if raw_ids.contains(&info.id) {
                continue;
            }
            let mut b = ExportBlob {
                info: info.clone(),
                json: None,
                text: None,
                base64: None,
                href: None,
            };
            if info.class == voxgate_security::crypto::DataClass::Recording.as_str() {
                if key.is_some() {
                    b.href = Some(format!("/api/v1/calls/{call_id}/recording"));
                }
                blobs.push(b);
                continue;
            }
            if let Some(k) = &key {
                let (_, plain) = self.open_blob_unaudited(k, call_id, &info.id).await?;
                if info.media_type.starts_with("application/json") {
                    b.json = serde_json::from_slice(&plain).ok();
                }
                if b.json.is_none() && info.media_type.starts_with("text/") {
                    b.text = std::str::from_utf8(&plain).ok().map(str::to_owned);
                }
                if b.json.is_none() && b.text.is_none() {
                    b.base64 = Some(base64::engine::general_purpose::STANDARD.encode(&plain[..]));
                }
            }
            blobs.push(b);
        }
        let pii_findings = sqlx::query_as::<_, (String, i64)>(
            "SELECT kind, SUM(count) FROM pii_findings WHERE call_id = ? GROUP BY kind ORDER BY kind",
        )
        .bind(call_id)
        .fetch_all(self.pool())
        .await?
        .into_iter()
        .map(|(kind, count)| ExportFinding { kind, count })
        .collect();
        Ok(CallExport {
            format: "voxgate-call-export/1",
            call,
            caller_hash_stored: hash.is_some(),
            transcript,
            blobs,
            pii_findings,
            consents: self.consents(call_id).await?,
            audit: entries_for_call(self.pool(), call_id).await?,
        })
    }
}
