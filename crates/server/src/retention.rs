//! Data protection at run time: the keys, the encrypted call store, the audit chain writer, and
//! the background task that purges by retention period, exports the chain head and forwards
//! new audit entries to a SIEM.
//!
//! - [`RetentionConfig`] is the `[retention]` section: a period per data class (`"30d"`,
//!   `"12h"`, `"forever"`), the purge interval, the head file and its export interval, and an
//!   optional syslog collector (`host:port`, RFC 5424 over TCP, octet-counted).
//! - [`DataProtection::open`] builds the [`CallStore`] and [`AuditLog`] from the configured
//!   keys. In development, keys left unset are read from `<data>/keys/*.key` (where `serve`
//!   generates them), so CLI commands work on the same data as the server.
//! - [`run_task`] runs the interval task until shutdown; each purge is audited by the store.
//! - [`for_store`] gives API handlers the server's instance ([`register`]ed at start).
//! - [`ChainAudit`] plugs the chain into the API's [`AuditHook`](crate::api::AuditHook).

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;
use voxgate_security::audit::{event_types, AuditKey, AuditResult, SyslogFormat};
use voxgate_store::audit_log::{self, AccessContext, AuditLog};
use voxgate_store::blobs::{self, KeyRing};
use voxgate_store::calls::CallStore;
use voxgate_store::retention::{parse_period, RetentionPolicy};
use voxgate_store::SqliteStore;

use crate::config::{Config, ConfigSecret, Mode};

/// The `[retention]` section.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetentionConfig {
    /// Whether the background purge runs.
    pub enabled: bool,
    /// Seconds between purge runs.
    pub interval_secs: u64,
    /// How long recordings are kept (`30d`, `12h`, `forever`).
    pub recordings: String,
    /// How long raw (unredacted) transcript texts are kept.
    pub raw_transcripts: String,
    /// How long redacted transcripts are kept.
    pub redacted_transcripts: String,
    /// How long analysis results are kept.
    pub analysis_results: String,
    /// How long other stored personal data is kept.
    pub pii: String,
    /// How long audit records are kept (HIPAA asks for six years).
    pub audit_records: String,
    /// File the audit chain head is exported to; empty means `<data>/audit/head.json`.
    pub audit_head_file: PathBuf,
    /// Seconds between chain head exports (each also logged).
    pub audit_head_interval_secs: u64,
    /// Syslog collector (`host:port`) new audit entries are forwarded to as RFC 5424 over
    /// TCP; empty disables forwarding.
    pub siem_syslog_tcp: String,
    /// HOSTNAME in forwarded syslog messages; empty sends `-`.
    pub siem_hostname: String,
    /// What is sent to the collector: `rfc5424` (octet-counted syslog) or `json_lines`.
    pub siem_format: String,
    /// Connect to the collector over TLS (RFC 5425); the certificate is always verified.
    pub siem_tls: bool,
    /// PEM file of the CA certificates trusted for the collector; empty: the Mozilla roots.
    pub siem_tls_ca_file: PathBuf,
    /// Name the collector's certificate must carry; empty: the host of `siem_syslog_tcp`.
    pub siem_tls_server_name: String,
}

impl Default for RetentionConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            interval_secs: 3600,
            recordings: "30d".into(),
            raw_transcripts: "7d".into(),
            redacted_transcripts: "90d".into(),
            analysis_results: "90d".into(),
            pii: "30d".into(),
            audit_records: "2190d".into(),
            audit_head_file: PathBuf::new(),
            audit_head_interval_secs: 300,
            siem_syslog_tcp: String::new(),
            siem_hostname: String::new(),
            siem_format: "rfc5424".into(),
            siem_tls: false,
            siem_tls_ca_file: PathBuf::new(),
            siem_tls_server_name: String::new(),
        }
    }
}

impl RetentionConfig {
    /// The periods as a policy.
    ///
    /// # Errors
    /// A message naming the bad key.
    pub fn policy(&self) -> Result<RetentionPolicy, String> {
        let p = |key: &str, v: &str| parse_period(v).map_err(|e| format!("retention.{key}: {e}"));
        Ok(RetentionPolicy {
            recordings: p("recordings", &self.recordings)?,
            raw_transcripts: p("raw_transcripts", &self.raw_transcripts)?,
            redacted_transcripts: p("redacted_transcripts", &self.redacted_transcripts)?,
            analysis_results: p("analysis_results", &self.analysis_results)?,
            pii: p("pii", &self.pii)?,
            audit_records: p("audit_records", &self.audit_records)?,
        })
    }

    /// Every problem, for [`Config::validate`].
    pub fn validate(&self) -> Vec<String> {
        let mut v = Vec::new();
        if let Err(e) = self.policy() {
            v.push(e);
        }
        if self.enabled && self.interval_secs == 0 {
            v.push("retention.interval_secs must be at least 1".into());
        }
        if self.audit_head_interval_secs == 0 {
            v.push("retention.audit_head_interval_secs must be at least 1".into());
        }
        if !self.siem_syslog_tcp.is_empty() && !self.siem_syslog_tcp.contains(':') {
            v.push("retention.siem_syslog_tcp must be host:port".into());
        }
        if let Err(e) = voxgate_store::siem::SiemFormat::parse(&self.siem_format) {
            v.push(format!("retention.siem_format: {e}"));
        }
        if !self.siem_syslog_tcp.is_empty() {
            if let Err(e) = self
                .siem_target()
                .and_then(voxgate_store::siem::SiemForwarder::new)
            {
                v.push(format!("retention.siem_*: {e}"));
            }
        }
        v
    }

    /// The SIEM collector settings (address, TLS, format).
    ///
    /// # Errors
    /// [`voxgate_store::Error::InvalidInput`] for an unknown format.
    pub fn siem_target(&self) -> voxgate_store::Result<voxgate_store::siem::SiemTarget> {
        use voxgate_store::siem::{SiemFormat, SiemTarget, SiemTls};
        let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        Ok(SiemTarget {
            addr: self.siem_syslog_tcp.clone(),
            tls: self.siem_tls.then(|| SiemTls {
                ca_file: (!self.siem_tls_ca_file.as_os_str().is_empty())
                    .then(|| self.siem_tls_ca_file.clone()),
                server_name: nonempty(&self.siem_tls_server_name),
            }),
            format: SiemFormat::parse(&self.siem_format)?,
            syslog: SyslogFormat {
                hostname: nonempty(&self.siem_hostname).unwrap_or_else(|| "-".into()),
                ..SyslogFormat::default()
            },
        })
    }

    /// The head file path for a data directory.
    pub fn head_file(&self, data_dir: &Path) -> PathBuf {
        if self.audit_head_file.as_os_str().is_empty() {
            data_dir.join("audit").join("head.json")
        } else {
            self.audit_head_file.clone()
        }
    }
}

/// The value of a key: from configuration, or in development from `<data>/keys/<name>.key`.
///
/// # Errors
/// A message naming the key when neither is available.
pub fn key_text(config: &Config, secret: &ConfigSecret, name: &str) -> Result<String, String> {
    if let Some(v) = secret.expose().filter(|v| !v.is_empty()) {
        return Ok(v.to_owned());
    }
    if config.mode == Mode::Development {
        let path = config.data.dir.join("keys").join(format!("{name}.key"));
        if let Ok(text) = std::fs::read_to_string(&path) {
            return Ok(text.trim().to_owned());
        }
        return Err(format!(
            "security.{name} is not set and {} does not exist (run `voxgate serve` once in development, or set the key)",
            path.display()
        ));
    }
    Err(format!("security.{name} is not set"))
}

/// The encrypted call store and the audit writer, ready to use.
#[derive(Debug, Clone)]
pub struct DataProtection {
    /// Calls, blobs, consent, export, retention.
    pub calls: CallStore,
    /// The audit chain writer.
    pub audit: AuditLog,
    /// The audit key (verification, head files).
    pub audit_key: AuditKey,
    /// Where the chain head is exported.
    pub head_file: PathBuf,
}

impl DataProtection {
    /// Opens everything on `sqlite` with the configured keys; `older_master` holds keys that
    /// may still unwrap data keys during a rotation.
    ///
    /// # Errors
    /// A message naming the key or storage problem.
    pub async fn open(
        config: &Config,
        sqlite: &SqliteStore,
        older_master: Vec<voxgate_security::crypto::MasterKey>,
    ) -> Result<Self, String> {
        let master_text = key_text(config, &config.security.master_key, "master_key")?;
        let audit_text = key_text(config, &config.security.audit_key, "audit_key")?;
        let master = blobs::master_key_from_text(&master_text)
            .map_err(|e| format!("security.master_key: {e}"))?;
        let audit_key = blobs::audit_key_from_text(&audit_text)
            .map_err(|e| format!("security.audit_key: {e}"))?;
        let lookup = blobs::lookup_key_from_audit_text(&audit_text)
            .map_err(|e| format!("security.audit_key: {e}"))?;
        let mut ring = KeyRing::new(master);
        for k in older_master {
            ring = ring.with_older(k);
        }
        let audit = AuditLog::open(sqlite, audit_key.clone())
            .await
            .map_err(|e| format!("audit log: {e}"))?;
        let calls = CallStore::open(sqlite, ring, lookup, audit.clone())
            .map_err(|e| format!("call store: {e}"))?;
        Ok(Self {
            calls,
            audit,
            audit_key,
            head_file: config.retention.head_file(&config.data.dir),
        })
    }

    /// The last exported head, if the head file exists and verifies.
    ///
    /// # Errors
    /// A message when the file exists but is not authentic.
    pub fn exported_head(&self) -> Result<Option<voxgate_security::audit::ChainHead>, String> {
        if !self.head_file.exists() {
            return Ok(None);
        }
        audit_log::read_head_file(&self.head_file, &self.audit_key)
            .map(Some)
            .map_err(|e| e.to_string())
    }
}

static OPENED: std::sync::Mutex<Vec<(PathBuf, DataProtection)>> = std::sync::Mutex::new(Vec::new());

/// Makes `dp` the data protection of its database for the API handlers (the server does this
/// at start, so handlers share its audit writer).
pub fn register(dp: &DataProtection) {
    let path = dp
        .calls
        .pool()
        .connect_options()
        .get_filename()
        .to_path_buf();
    if let Ok(mut v) = OPENED.lock() {
        v.retain(|(p, _)| p != &path);
        v.push((path, dp.clone()));
    }
}

/// The data protection of `sqlite`'s database: the registered one, or opened now from
/// `config` and registered (API state built without [`crate::run`], as in tests).
///
/// # Errors
/// As [`DataProtection::open`].
pub async fn for_store(config: &Config, sqlite: &SqliteStore) -> Result<DataProtection, String> {
    let path = sqlite.pool().connect_options().get_filename().to_path_buf();
    if let Ok(v) = OPENED.lock() {
        if let Some((_, dp)) = v.iter().find(|(p, _)| p == &path) {
            return Ok(dp.clone());
        }
    }
    let dp = DataProtection::open(config, sqlite, Vec::new()).await?;
    register(&dp);
    Ok(dp)
}

/// Runs purge, head export and SIEM forwarding on their intervals until `shutdown`.
pub async fn run_task(dp: DataProtection, cfg: RetentionConfig, shutdown: CancellationToken) {
    {
        let policy = match cfg.policy() {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(error = %e, "retention disabled: bad configuration");
                return;
            }
        };
        let mut purge = tokio::time::interval(Duration::from_secs(cfg.interval_secs.max(1)));
        let mut head =
            tokio::time::interval(Duration::from_secs(cfg.audit_head_interval_secs.max(1)));
        purge.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        head.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let siem = if cfg.siem_syslog_tcp.is_empty() {
            None
        } else {
            match cfg
                .siem_target()
                .and_then(voxgate_store::siem::SiemForwarder::new)
            {
                Ok(f) => Some(f),
                Err(e) => {
                    tracing::error!(error = %e, "SIEM forwarding disabled: bad configuration");
                    None
                }
            }
        };
        // Forward only what is new since start; a restart resends nothing already sent
        // because the cursor starts at the head.
        let mut forwarded = audit_log::head(dp.calls.pool())
            .await
            .ok()
            .flatten()
            .map_or(0, |h| h.seq);
        loop {
            tokio::select! {
                () = shutdown.cancelled() => break,
                _ = purge.tick(), if cfg.enabled => {
                    match dp.calls.purge(&policy, audit_log::now_ms()).await {
                        Ok(r) if r.total() > 0 || r.keys_shredded > 0 => tracing::info!(
                            items = r.total(), keys_shredded = r.keys_shredded, "retention purge"),
                        Ok(_) => tracing::debug!("retention purge: nothing expired"),
                        Err(e) => tracing::error!(error = %e, "retention purge failed"),
                    }
                }
                _ = head.tick() => {
                    match audit_log::export_head(dp.calls.pool(), &dp.audit_key, &dp.head_file, audit_log::now_ms()).await {
                        Ok(Some(h)) => tracing::info!(seq = h.seq, hash = %hex_str(&h.hash),
                            file = %dp.head_file.display(), "audit chain head"),
                        Ok(None) => {}
                        Err(e) => tracing::error!(error = %e, "audit head export failed"),
                    }
                    if let Some(f) = &siem {
                        forwarded = forward(&dp, f, forwarded).await;
                    }
                }
            }
        }
    }
}

async fn forward(
    dp: &DataProtection,
    siem: &voxgate_store::siem::SiemForwarder,
    mut after: u64,
) -> u64 {
    loop {
        let entries = match audit_log::read_entries(dp.calls.pool(), after + 1, 1000).await {
            Ok(e) => e,
            Err(e) => {
                tracing::error!(error = %e, "reading audit entries for the SIEM failed");
                return after;
            }
        };
        let Some(last) = entries.last().map(|e| e.seq) else {
            return after;
        };
        match siem.send(&entries).await {
            Ok(n) => {
                tracing::debug!(sent = n, "audit entries forwarded to the SIEM");
                after = last;
            }
            Err(e) => {
                tracing::warn!(error = %e, "SIEM forwarding failed; will retry");
                return after;
            }
        }
    }
}

fn hex_str(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The API's audit hook writing to the chain: API actions become typed audit entries.
#[derive(Debug, Clone)]
pub struct ChainAudit {
    log: AuditLog,
}

impl ChainAudit {
    /// A hook appending to `log`.
    pub fn new(log: AuditLog) -> Self {
        Self { log }
    }
}

/// The audit event type for an API action name (`keys.create` → `key.manage`).
pub fn event_type_for_action(action: &str) -> &str {
    match action {
        a if a.starts_with("keys.") => event_types::KEY_MANAGE,
        a if a.starts_with("users.") || a == "auth.password_changed" => event_types::USER_MANAGE,
        a if a.starts_with("auth.mfa") => event_types::AUTH_MFA,
        "security.events_read" => "security.read",
        a => a,
    }
}

impl crate::api::AuditHook for ChainAudit {
    fn record(&self, actor: &str, action: &str, resource: &str, outcome: &str) {
        let result = match outcome {
            "success" => AuditResult::Success,
            "denied" => AuditResult::Denied,
            "error" => AuditResult::Error,
            _ => AuditResult::Failure,
        };
        let e = AccessContext::new(actor, None).event(
            audit_log::now_ms(),
            event_type_for_action(action),
            resource,
            action,
            result,
        );
        self.log.append_detached(e.finish());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_validate() {
        let c = RetentionConfig::default();
        assert!(c.validate().is_empty());
        let p = c.policy().unwrap();
        assert_eq!(p.raw_transcripts, Some(Duration::from_secs(7 * 86_400)));
        let bad = RetentionConfig {
            recordings: "soon".into(),
            ..RetentionConfig::default()
        };
        assert!(bad.validate()[0].starts_with("retention.recordings"));
        assert_eq!(
            event_type_for_action("keys.rotate"),
            event_types::KEY_MANAGE
        );
        assert_eq!(event_type_for_action("auth.login"), event_types::AUTH_LOGIN);
        assert_eq!(
            c.head_file(Path::new("/d")),
            PathBuf::from("/d/audit/head.json")
        );
    }
}
