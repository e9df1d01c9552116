//! The `[analysis]` section of `voxgate.toml`.

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Most temperatures `stt_temperatures` may list (each is one more decode of a bad window).
const MAX_TEMPERATURES: usize = 10;
/// Highest sampling temperature accepted; above it samples are mostly noise.
const MAX_TEMPERATURE: f64 = 2.0;

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
    /// Threads of one job's speech recognition. 1 (the default) runs each job on one core of
    /// its own: `workers` jobs use `workers` cores, and a core taken by another process (a
    /// live call, another job) does not stall the job's every tensor operation. 2 or more
    /// split each operation over candle's shared pool, which can only pay for a single job on
    /// an idle host.
    pub stt_threads: usize,
    /// Whisper's temperature fallback: a window is decoded at the first temperature and, when
    /// the result loops or is unsure, sampled again at the next ones. `[0.0]` decodes each
    /// window once.
    pub stt_temperatures: Vec<f64>,
    /// A window whose text compresses better than this (zlib ratio) is a repetition loop and
    /// is decoded again at the next temperature.
    pub stt_compression_ratio_threshold: f64,
    /// A window whose mean token log-probability is below this is unsure and is decoded again.
    pub stt_logprob_threshold: f64,
    /// A window whose no-speech probability is above this, with a mean log-probability below
    /// `stt_logprob_threshold`, is silence: no text, no retry.
    pub stt_no_speech_threshold: f64,
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
            stt_threads: 1,
            // Whisper's defaults (`fallback::DEFAULT_TEMPERATURES`), as TOML writes them: f64,
            // so the example file shows 0.2 and not 0.20000000298023224.
            stt_temperatures: vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0],
            stt_compression_ratio_threshold: 2.4,
            stt_logprob_threshold: -1.0,
            stt_no_speech_threshold: 0.6,
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
        if self.stt_threads == 0 || self.stt_threads > 64 {
            errs.push("analysis.stt_threads must be 1-64".into());
        }
        let temps = &self.stt_temperatures;
        if temps.is_empty() || temps.len() > MAX_TEMPERATURES {
            errs.push(format!(
                "analysis.stt_temperatures must list 1-{MAX_TEMPERATURES} temperatures"
            ));
        } else if !temps.iter().all(|t| (0.0..=MAX_TEMPERATURE).contains(t)) {
            errs.push(format!(
                "analysis.stt_temperatures must be between 0 and {MAX_TEMPERATURE}: {temps:?}"
            ));
        } else if !temps.windows(2).all(|w| w[0] < w[1]) {
            errs.push(format!(
                "analysis.stt_temperatures must rise strictly (0.0, 0.2, ...): {temps:?}"
            ));
        }
        // Natural speech compresses at 1-2; at or below 1 every window would be retried.
        let cr = self.stt_compression_ratio_threshold;
        if !(cr.is_finite() && cr > 1.0) {
            errs.push(format!(
                "analysis.stt_compression_ratio_threshold must be a number above 1 (got {cr})"
            ));
        }
        let lp = self.stt_logprob_threshold;
        if !(lp.is_finite() && lp < 0.0) {
            errs.push(format!(
                "analysis.stt_logprob_threshold must be a negative log-probability (got {lp})"
            ));
        }
        let ns = self.stt_no_speech_threshold;
        if !(0.0..=1.0).contains(&ns) {
            errs.push(format!(
                "analysis.stt_no_speech_threshold must be a probability in 0-1 (got {ns})"
            ));
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

    /// The recogniser's temperature fallback from the `stt_*` settings.
    pub fn stt_fallback(&self) -> voxgate_speech::stt::FallbackConfig {
        voxgate_speech::stt::FallbackConfig {
            temperatures: self.stt_temperatures.iter().map(|&t| t as f32).collect(),
            compression_ratio_threshold: Some(self.stt_compression_ratio_threshold as f32),
            logprob_threshold: Some(self.stt_logprob_threshold as f32),
            no_speech_threshold: Some(self.stt_no_speech_threshold as f32),
            ..voxgate_speech::stt::FallbackConfig::default()
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
        assert!(msg.contains("analysis.workers must be 1-64"), "{msg}");
        let parsed: AnalysisConfig = serde_json::from_str(r#"{"workers": 2}"#).unwrap();
        assert_eq!(parsed.workers, 2);
        assert_eq!(parsed.max_upload_bytes, 500 * 1024 * 1024);
        assert!(serde_json::from_str::<AnalysisConfig>(r#"{"wokers": 2}"#).is_err());
    }

    #[test]
    fn whisper_fallback_settings_have_the_reference_defaults_and_are_checked() {
        let fb = AnalysisConfig::default().stt_fallback();
        assert_eq!(
            fb.temperatures,
            voxgate_speech::stt::fallback::DEFAULT_TEMPERATURES
        );
        assert_eq!(
            fb,
            voxgate_speech::stt::FallbackConfig::default(),
            "the defaults are the recogniser's own"
        );
        assert_eq!(fb.compression_ratio_threshold, Some(2.4));
        assert_eq!(fb.logprob_threshold, Some(-1.0));
        assert_eq!(fb.no_speech_threshold, Some(0.6));
        assert_eq!(AnalysisConfig::default().stt_threads, 1);

        let parsed: AnalysisConfig = toml::from_str(
            "stt_temperatures = [0.0, 0.5]\n\
             stt_compression_ratio_threshold = 2.0\n\
             stt_logprob_threshold = -0.8\n\
             stt_no_speech_threshold = 0.5\n",
        )
        .unwrap();
        parsed.validate().unwrap();
        let fb = parsed.stt_fallback();
        assert_eq!(fb.temperatures, [0.0, 0.5]);
        assert_eq!(fb.compression_ratio_threshold, Some(2.0));
        assert_eq!(fb.logprob_threshold, Some(-0.8));
        assert_eq!(fb.no_speech_threshold, Some(0.5));
        // Greedy only is a valid choice.
        let once: AnalysisConfig = toml::from_str("stt_temperatures = [0.0]").unwrap();
        once.validate().unwrap();

        let refused = |text: &str, key: &str| {
            let c: AnalysisConfig = toml::from_str(text).unwrap();
            let Err(Error::Config(msg)) = c.validate() else {
                panic!("{text} accepted");
            };
            assert!(msg.contains(key), "{text}: {msg}");
        };
        refused("stt_temperatures = []", "stt_temperatures must list");
        refused("stt_temperatures = [0.0, 3.0]", "between 0 and 2");
        refused("stt_temperatures = [-0.2, 0.0]", "between 0 and 2");
        refused("stt_temperatures = [0.0, 0.4, 0.2]", "rise strictly");
        refused("stt_temperatures = [0.0, 0.0]", "rise strictly");
        refused("stt_temperatures = [0.0, nan]", "between 0 and 2");
        refused(
            "stt_compression_ratio_threshold = 0.9",
            "stt_compression_ratio_threshold",
        );
        refused(
            "stt_compression_ratio_threshold = inf",
            "stt_compression_ratio_threshold",
        );
        refused("stt_logprob_threshold = 0.5", "stt_logprob_threshold");
        refused("stt_logprob_threshold = nan", "stt_logprob_threshold");
        refused("stt_no_speech_threshold = 1.5", "stt_no_speech_threshold");
        refused("stt_no_speech_threshold = -0.1", "stt_no_speech_threshold");
        refused("stt_threads = 0", "stt_threads");
        // A wrong type is a parse error naming the key.
        let e = toml::from_str::<AnalysisConfig>("stt_temperatures = 0.2").unwrap_err();
        assert!(e.to_string().contains("stt_temperatures"), "{e}");
    }
}
