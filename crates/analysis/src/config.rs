//! The `[analysis]` section of `voxgate.toml`.

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Settings of the post-call analysis service.
///
/// ```toml
/// [analysis]
/// workers = 1
/// max_upload_bytes = 524288000
/// max_duration_secs = 14400
/// job_timeout_secs = 3600
/// max_attempts = 3
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AnalysisConfig {
    /// Run the analysis workers and API.
    pub enabled: bool,
    /// Concurrent analysis jobs. Each uses the CPU fully while it recognises speech: on a
    /// 2-core server 1 gives the shortest time per call, 2 slightly more throughput.
    pub workers: usize,
    /// Largest accepted upload, in bytes.
    pub max_upload_bytes: u64,
    /// Longest accepted audio, in seconds.
    pub max_duration_secs: u64,
    /// Time limit of one attempt, in seconds.
    pub job_timeout_secs: u64,
    /// Attempts per job before it fails for good.
    pub max_attempts: u32,
    /// Lease of a running job: a worker that stops heartbeating for this long is presumed dead
    /// and its job is retried.
    pub lease_secs: u64,
    /// Heartbeat interval of a running job, in seconds (well under `lease_secs`).
    pub heartbeat_secs: u64,
    /// First retry delay, in seconds (doubles per attempt).
    pub retry_base_secs: u64,
    /// Longest retry delay, in seconds.
    pub retry_max_secs: u64,
    /// How often an idle worker looks for work, in milliseconds.
    pub poll_interval_ms: u64,
    /// Summaries by the language model (the extractive summary otherwise, and as fallback).
    pub llm_summary: bool,
    /// Ask the language model for a category as well as the rules.
    pub llm_classify: bool,
    /// Tokens a model summary may have.
    pub summary_max_tokens: u32,
    /// A taxonomy file (TOML) replacing the default helpline taxonomy.
    pub taxonomy_file: Option<PathBuf>,
    /// Redaction operator for transcripts (`numbered`, `replace`, `mask:4`, ...).
    pub redaction_operator: String,
    /// Threads of the speech recogniser's vocabulary projection.
    pub stt_threads: usize,
    /// Where uploads are spooled while their job waits (default: `<data_dir>/analysis-uploads`).
    pub upload_dir: Option<PathBuf>,
    /// URL notified (POST, `Voxgate-Signature` signed) when a job ends.
    pub webhook_url: Option<String>,
    /// File holding the webhook signing secret (at least 16 bytes).
    pub webhook_secret_file: Option<PathBuf>,
    /// When analysis runs for calls Voxgate answers: after the call (`post_call`), live per
    /// caller turn for supervisors (`real_time`), or both (`hybrid`). Uploads are always
    /// analysed after the fact.
    pub mode: ProcessingMode,
    /// In `post_call` and `hybrid` modes, enqueue a job for every call whose transcript the
    /// server stores (off by default: each costs a summary by the language model).
    pub on_call_end: bool,
    /// Allow requests to keep the unredacted transcript in their stored result
    /// (`include_raw`, `redact = false`); refused with 422 otherwise.
    pub allow_raw: bool,
    /// Time limit of one upload request, in seconds (the rest of the API keeps
    /// `http_limits.request_timeout_secs`).
    pub upload_timeout_secs: u64,
}

/// When calls answered by Voxgate are analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProcessingMode {
    /// A job per finished call (with `on_call_end`).
    #[default]
    PostCall,
    /// Entities, classification and priority updated per finalized caller turn while the call
    /// is live, pushed to supervisors.
    RealTime,
    /// Both.
    Hybrid,
}

impl ProcessingMode {
    /// Whether live per-turn analysis runs.
    pub fn live(self) -> bool {
        matches!(self, ProcessingMode::RealTime | ProcessingMode::Hybrid)
    }

    /// Whether finished calls may be analysed by a job.
    pub fn post_call(self) -> bool {
        matches!(self, ProcessingMode::PostCall | ProcessingMode::Hybrid)
    }
}

impl Default for AnalysisConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            workers: 1,
            max_upload_bytes: 500 * 1024 * 1024,
            max_duration_secs: 4 * 3600,
            job_timeout_secs: 3600,
            max_attempts: 3,
            lease_secs: 60,
            heartbeat_secs: 10,
            retry_base_secs: 10,
            retry_max_secs: 900,
            poll_interval_ms: 1000,
            llm_summary: true,
            llm_classify: false,
            summary_max_tokens: 160,
            taxonomy_file: None,
            redaction_operator: "numbered".into(),
            stt_threads: 2,
            upload_dir: None,
            webhook_url: None,
            webhook_secret_file: None,
            mode: ProcessingMode::PostCall,
            on_call_end: false,
            allow_raw: false,
            upload_timeout_secs: 3600,
        }
    }
}

impl AnalysisConfig {
    /// Checks every value, reporting all problems at once.
    ///
    /// # Errors
    /// [`Error::Config`] listing each invalid setting.
    pub fn validate(&self) -> Result<()> {
        let mut errs = Vec::new();
        if self.workers == 0 || self.workers > 64 {
            errs.push("analysis.workers must be 1-64".to_owned());
        }
        if self.max_upload_bytes == 0 {
            errs.push("analysis.max_upload_bytes must be positive".into());
        }
        if self.max_duration_secs == 0 {
            errs.push("analysis.max_duration_secs must be positive".into());
        }
        if self.job_timeout_secs == 0 {
            errs.push("analysis.job_timeout_secs must be positive".into());
        }
        if self.upload_timeout_secs == 0 {
            errs.push("analysis.upload_timeout_secs must be positive".into());
        }
        if self.max_attempts == 0 {
            errs.push("analysis.max_attempts must be at least 1".into());
        }
        if self.heartbeat_secs == 0 || self.heartbeat_secs * 2 > self.lease_secs {
            errs.push("analysis.heartbeat_secs must be positive and at most lease_secs / 2".into());
        }
        if self.retry_base_secs > self.retry_max_secs {
            errs.push("analysis.retry_base_secs must not exceed retry_max_secs".into());
        }
        if self
            .redaction_operator
            .parse::<voxgate_privacy::Operator>()
            .is_err()
        {
            errs.push(format!(
                "analysis.redaction_operator {:?} is not an operator",
                self.redaction_operator
            ));
        }
        if let Some(u) = &self.webhook_url {
            if !(u.starts_with("https://") || u.starts_with("http://")) {
                errs.push("analysis.webhook_url must be an http(s) URL".into());
            }
            if self.webhook_secret_file.is_none() {
                errs.push("analysis.webhook_url needs webhook_secret_file".into());
            }
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(Error::Config(errs.join("; ")))
        }
    }

    /// Input limits for decoding.
    pub fn decode_limits(&self) -> voxgate_audio::decode::DecodeLimits {
        voxgate_audio::decode::DecodeLimits {
            max_bytes: self.max_upload_bytes,
            max_duration_secs: self.max_duration_secs as f64,
            ..Default::default()
        }
    }

    /// Worker settings from this configuration (without the webhook, which needs its secret).
    pub fn worker_settings(&self) -> crate::worker::WorkerSettings {
        crate::worker::WorkerSettings {
            workers: self.workers.max(1),
            lease: Duration::from_secs(self.lease_secs),
            heartbeat: Duration::from_secs(self.heartbeat_secs),
            poll_interval: Duration::from_millis(self.poll_interval_ms.max(10)),
            max_attempts: self.max_attempts,
            job_timeout: Duration::from_secs(self.job_timeout_secs),
            webhook: None,
        }
    }

    /// Retry backoff for the queue.
    pub fn backoff(&self) -> voxgate_store::jobs::Backoff {
        voxgate_store::jobs::Backoff {
            base: Duration::from_secs(self.retry_base_secs),
            max: Duration::from_secs(self.retry_max_secs),
        }
    }

    /// Reads the taxonomy file, or the default helpline taxonomy.
    ///
    /// # Errors
    /// [`Error::Io`] or [`Error::Config`] for an unreadable or invalid file.
    pub fn taxonomy(&self) -> Result<crate::Taxonomy> {
        match &self.taxonomy_file {
            None => Ok(crate::Taxonomy::default()),
            Some(p) => crate::taxonomy_from_toml(&std::fs::read_to_string(p)?),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_validate_and_errors_are_collected() {
        AnalysisConfig::default().validate().unwrap();
        let bad = AnalysisConfig {
            workers: 0,
            heartbeat_secs: 50,
            redaction_operator: "shred".into(),
            webhook_url: Some("ftp://x".into()),
            ..AnalysisConfig::default()
        };
        let Err(Error::Config(msg)) = bad.validate() else {
            panic!("expected a config error");
        };
        for key in [
            "workers",
            "heartbeat_secs",
            "redaction_operator",
            "webhook_url",
            "webhook_secret_file",
        ] {
            assert!(msg.contains(key), "{key} missing in {msg}");
        }
        let parsed: AnalysisConfig = serde_json::from_str(r#"{"workers": 2}"#).unwrap();
        assert_eq!(parsed.workers, 2);
        assert_eq!(parsed.max_upload_bytes, 500 * 1024 * 1024);
        assert!(serde_json::from_str::<AnalysisConfig>(r#"{"wokers": 2}"#).is_err());
    }
}
