//! Voxgate's configuration: one TOML file, overridable by environment variables.
//!
//! Loading goes in phases, as in Vector: read `.env` if present → parse the TOML file (errors
//! name the file and line) → apply `VOXGATE_<SECTION>__<KEY>` overrides (errors name the
//! variable) → deserialize with unknown keys refused → resolve secrets given as files →
//! [`Config::validate`], which does no I/O and reports every problem at once.
//!
//! Secrets can be written inline, as `{ file = "/run/secrets/x" }`, or through
//! `VOXGATE_<SECTION>__<KEY>_FILE=/path` (the Docker and Kubernetes convention).

use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// Environment variables with the `VOXGATE_` prefix that are not configuration keys.
pub const RESERVED_ENV: &[&str] = &["VOXGATE_CONFIG", "VOXGATE_MODELS_DIR", "VOXGATE_TEST_LOG"];

/// Default path of the configuration file.
pub const DEFAULT_CONFIG_PATH: &str = "voxgate.toml";

/// A configuration error, naming where the bad value came from.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The configuration file could not be read.
    #[error("cannot read configuration file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML or a value in it is wrong.
    #[error("{path}: {message}")]
    File {
        /// The file.
        path: PathBuf,
        /// toml's message, which carries the line, column and key.
        message: String,
    },
    /// An environment variable names an unknown key or holds a value of the wrong type.
    #[error("environment variable {var}: {message}")]
    Env {
        /// The variable name.
        var: String,
        /// What is wrong.
        message: String,
    },
    /// A secret file could not be read.
    #[error("secret {key}: cannot read {path}: {source}")]
    SecretFile {
        /// The key whose secret it is.
        key: String,
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// Validation found problems; one line each.
    #[error("invalid configuration:\n  {}", .0.join("\n  "))]
    Invalid(Vec<String>),
}

/// Whether Voxgate runs for development or production; production refuses weak settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Development: missing keys are generated and kept in the data directory.
    #[default]
    Development,
    /// Production: every secret must be given, strong, and no debug logging.
    Production,
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Human,
    /// One JSON object per line.
    Json,
}

/// A secret value from configuration: inline, from a file, or absent.
///
/// Debug and Serialize never show the value.
#[derive(Clone, Default)]
pub struct ConfigSecret {
    value: Option<Zeroizing<String>>,
    file: Option<PathBuf>,
}

impl ConfigSecret {
    /// A secret with an inline value.
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            value: Some(Zeroizing::new(value.into())),
            file: None,
        }
    }

    /// The secret's value, if set (and, for file secrets, once resolved).
    pub fn expose(&self) -> Option<&str> {
        self.value.as_deref().map(String::as_str)
    }

    /// Whether a value is set (after resolution).
    pub fn is_set(&self) -> bool {
        self.value.as_ref().is_some_and(|v| !v.is_empty())
    }

    /// The file the secret came from, if any; `voxgate doctor` checks its permissions.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    fn from_file(path: PathBuf) -> Self {
        Self {
            value: None,
            file: Some(path),
        }
    }

    fn resolve(&mut self, key: &str) -> Result<(), ConfigError> {
        if let (None, Some(path)) = (&self.value, &self.file) {
            let text = std::fs::read_to_string(path).map_err(|source| ConfigError::SecretFile {
                key: key.to_string(),
                path: path.clone(),
                source,
            })?;
            let trimmed = text.trim_end_matches(['\n', '\r']).to_string();
            self.value = Some(Zeroizing::new(trimmed));
        }
        Ok(())
    }
}

impl fmt::Debug for ConfigSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.value, &self.file) {
            (_, Some(path)) => write!(f, "[REDACTED from {}]", path.display()),
            (Some(_), None) => f.write_str("[REDACTED]"),
            (None, None) => f.write_str("[unset]"),
        }
    }
}

impl Serialize for ConfigSecret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("")
    }
}

impl<'de> Deserialize<'de> for ConfigSecret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Inline(String),
            File { file: PathBuf },
        }
        let repr = Repr::deserialize(d).map_err(|_| {
            serde::de::Error::custom("expected a string or a table { file = \"/path/to/secret\" }")
        })?;
        Ok(match repr {
            Repr::Inline(s) if s.is_empty() => Self::default(),
            Repr::Inline(s) => Self::new(s),
            Repr::File { file } => Self::from_file(file),
        })
    }
}

/// The whole configuration.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// `development` or `production`.
    pub mode: Mode,
    /// Seconds to let in-flight calls and requests finish on shutdown.
    pub shutdown_grace_secs: u64,
    /// Logging.
    pub log: LogConfig,
    /// Where Voxgate keeps its data.
    pub data: DataConfig,
    /// The HTTP API listener.
    pub http: HttpListenerConfig,
    /// The admin listener: `/livez`, `/readyz`, `/metrics`.
    pub admin: AdminListenerConfig,
    /// TLS for the HTTP listeners.
    pub tls: TlsConfig,
    /// The database.
    pub storage: StorageConfig,
    /// Keys for signing, encryption and the audit chain.
    pub security: SecurityConfig,
    /// Embedded model files.
    pub models: ModelsConfig,
    /// Limits for every call, whatever the transport.
    pub calls: voxgate_call::CallLimits,
    /// The AI agent: whether it answers calls, and its shared engines.
    pub agent: crate::agents::AgentSection,
    /// Language models by name (`[llm.default]`); profiles refer to them. File only.
    #[serde(skip_serializing)]
    pub llm: BTreeMap<String, voxgate_agent::llm::LlmConfig>,
    /// Agent profiles by name (`[profiles.default]`); transports pick one per call. File only.
    #[serde(skip_serializing)]
    pub profiles: BTreeMap<String, voxgate_agent::AgentProfile>,
    /// The agent's tools and operator data (`[tools]`, `[tools.knowledge]`). File only.
    #[serde(skip_serializing)]
    pub tools: voxgate_agent::tools::ToolsConfig,
    /// PII detection and redaction of transcripts.
    pub privacy: voxgate_privacy::PrivacyConfig,
    /// The Asterisk AudioSocket listener.
    pub audiosocket: AudioSocketSection,
    /// Twilio numbers: the voice webhook and Media Streams, on the HTTP listener.
    pub twilio: TwilioSection,
    /// Asterisk ARI Stasis application (ExternalMedia over RTP or AudioSocket).
    pub ari: crate::ari::AriSection,
    /// The browser voice page and its WebSocket, on the HTTP listener.
    pub browser: BrowserSection,
    /// Tokens, passwords and failed-login lockout.
    pub auth: crate::auth::config::AuthSection,
    /// Size and time limits of the HTTP listener.
    pub http_limits: crate::auth::config::HttpLimitsSection,
    /// Rate limits per route group and principal.
    pub rate_limits: crate::auth::config::RateLimitsSection,
    /// CIDR allowlists per route group and trusted proxies.
    pub network: crate::auth::config::NetworkSection,
    /// Cross-origin browser access.
    pub cors: crate::auth::config::CorsSection,
    /// Security monitoring thresholds and the alert webhook.
    pub monitor: crate::auth::config::MonitorSection,
    /// Inbound callbacks signed with `Voxgate-Signature`.
    pub callbacks: crate::auth::config::CallbacksSection,
    /// Retention periods per data class, the purge interval, audit head export and SIEM.
    pub retention: crate::retention::RetentionConfig,
    /// Recording policies (`[recording.policies.<name>]`): raw data kept, consent asked.
    pub recording: crate::recording::RecordingSection,
    /// Post-call analysis: workers, upload limits, processing mode, webhook.
    pub analysis: voxgate_analysis::AnalysisConfig,
}

/// Twilio numbers (voice webhook answering `<Connect><Stream>`, Media Streams WebSocket).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TwilioSection {
    /// Whether to serve the webhook and the stream.
    pub enabled: bool,
    /// The account's auth token, the key of `X-Twilio-Signature` (secret).
    pub auth_token: ConfigSecret,
    /// The public base URL Twilio reaches Voxgate at, exactly as set in the Twilio console
    /// (signatures are computed over it, never over the `Host` header).
    pub public_base_url: String,
    /// Path of the voice webhook.
    pub webhook_path: String,
    /// Path of the Media Streams WebSocket.
    pub stream_path: String,
    /// Only accept webhooks from this account (`AC...`); empty accepts any.
    pub account_sid: String,
    /// Agent profile for Twilio calls.
    pub profile: String,
    /// How long the stream token minted by the webhook stays valid, in seconds.
    pub stream_token_ttl_secs: u64,
}

impl Default for TwilioSection {
    fn default() -> Self {
        let d = voxgate_telephony::twilio::TwilioConfig::new(
            voxgate_telephony::twilio::Secret::new(""),
            "",
        );
        Self {
            enabled: false,
            auth_token: ConfigSecret::default(),
            public_base_url: String::new(),
            webhook_path: d.webhook_path,
            stream_path: d.stream_path,
            account_sid: String::new(),
            profile: voxgate_call::EchoHandler::PROFILE.to_string(),
            stream_token_ttl_secs: d.stream_token_ttl_secs,
        }
    }
}

impl TwilioSection {
    /// The transport's own configuration (validated by
    /// [`TwilioConfig::validate`](voxgate_telephony::twilio::TwilioConfig::validate)).
    pub fn to_transport(&self) -> voxgate_telephony::twilio::TwilioConfig {
        let mut c = voxgate_telephony::twilio::TwilioConfig::new(
            voxgate_telephony::twilio::Secret::new(self.auth_token.expose().unwrap_or_default()),
            self.public_base_url.clone(),
        );
        c.webhook_path.clone_from(&self.webhook_path);
        c.stream_path.clone_from(&self.stream_path);
        c.account_sid = (!self.account_sid.is_empty()).then(|| self.account_sid.clone());
        c.profile = (!self.profile.is_empty()).then(|| self.profile.clone());
        c.stream_token_ttl_secs = self.stream_token_ttl_secs;
        c
    }
}

/// The browser voice page (`/browser/`) and its WebSocket (`/browser/ws`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BrowserSection {
    /// Whether to serve the page, the token endpoint and the WebSocket.
    pub enabled: bool,
    /// How long a session token stays valid for starting a session, in seconds.
    pub token_ttl_secs: u64,
    /// Agent profile of browser sessions.
    pub profile: String,
}

impl Default for BrowserSection {
    fn default() -> Self {
        Self {
            enabled: true,
            token_ttl_secs: 120,
            profile: voxgate_call::EchoHandler::PROFILE.to_string(),
        }
    }
}

/// The Asterisk AudioSocket listener (`AudioSocket(UUID,host:port)` in the dialplan).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AudioSocketSection {
    /// Whether to listen for AudioSocket connections.
    pub enabled: bool,
    /// Address and port to bind.
    pub listen: SocketAddr,
    /// Must be true to bind a non-loopback address.
    pub allow_public_bind: bool,
    /// Source networks (CIDR) allowed to connect: your Asterisk hosts. Default: loopback only.
    pub allow_from: Vec<String>,
    /// Agent profile for calls whose UUID is not registered.
    pub default_profile: String,
    /// How long a new connection has to send its UUID, in ms.
    pub uuid_timeout_ms: u64,
    /// How long to wait for the first audio frame to learn the call's format, in ms.
    pub format_wait_ms: u64,
    /// How long a write may block before the call is dropped, in ms.
    pub write_timeout_ms: u64,
}

impl Default for AudioSocketSection {
    fn default() -> Self {
        let d = voxgate_telephony::audiosocket::AudioSocketConfig::default();
        Self {
            enabled: true,
            listen: d.listen,
            allow_public_bind: false,
            allow_from: d.allow_from.iter().map(ToString::to_string).collect(),
            default_profile: "default".to_string(),
            uuid_timeout_ms: d.uuid_timeout_ms,
            format_wait_ms: d.format_wait_ms,
            write_timeout_ms: d.write_timeout_ms,
        }
    }
}

impl AudioSocketSection {
    /// The transport's own configuration.
    ///
    /// # Errors
    /// A message naming the bad `allow_from` entry.
    pub fn to_transport(
        &self,
    ) -> Result<voxgate_telephony::audiosocket::AudioSocketConfig, String> {
        let allow_from = self
            .allow_from
            .iter()
            .map(|s| {
                s.parse()
                    .map_err(|_| format!("audiosocket.allow_from: {s:?} is not a CIDR network"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(voxgate_telephony::audiosocket::AudioSocketConfig {
            listen: self.listen,
            allow_from,
            uuid_timeout_ms: self.uuid_timeout_ms,
            format_wait_ms: self.format_wait_ms,
            write_timeout_ms: self.write_timeout_ms,
        })
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            mode: Mode::default(),
            shutdown_grace_secs: 10,
            log: LogConfig::default(),
            data: DataConfig::default(),
            http: HttpListenerConfig::default(),
            admin: AdminListenerConfig::default(),
            tls: TlsConfig::default(),
            storage: StorageConfig::default(),
            security: SecurityConfig::default(),
            models: ModelsConfig::default(),
            calls: voxgate_call::CallLimits::default(),
            agent: crate::agents::AgentSection::default(),
            llm: crate::agents::default_llms(),
            profiles: crate::agents::default_profiles(),
            tools: crate::agents::default_tools(),
            privacy: voxgate_privacy::PrivacyConfig::default(),
            audiosocket: AudioSocketSection::default(),
            twilio: TwilioSection::default(),
            ari: crate::ari::AriSection::default(),
            browser: BrowserSection::default(),
            auth: Default::default(),
            http_limits: Default::default(),
            rate_limits: Default::default(),
            network: Default::default(),
            cors: Default::default(),
            monitor: Default::default(),
            callbacks: Default::default(),
            retention: Default::default(),
            recording: Default::default(),
            analysis: voxgate_analysis::AnalysisConfig::default(),
        }
    }
}

/// Logging settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    /// `error`, `warn`, `info`, `debug`, `trace`, or a filter such as `info,voxgate_telephony=debug`.
    pub level: String,
    /// `human` or `json`.
    pub format: LogFormat,
}

impl Default for LogConfig {
    fn default() -> Self {
        Self {
            level: "info".into(),
            format: LogFormat::Human,
        }
    }
}

/// Data directory settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DataConfig {
    /// Directory for the database, keys generated in development, and encrypted blobs.
    pub dir: PathBuf,
}

impl Default for DataConfig {
    fn default() -> Self {
        Self {
            dir: PathBuf::from("./data"),
        }
    }
}

macro_rules! listener_config {
    ($(#[$doc:meta])* $name:ident, $port:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Serialize, Deserialize)]
        #[serde(deny_unknown_fields, default)]
        pub struct $name {
            /// Address and port to bind.
            pub listen: SocketAddr,
            /// Must be true to bind a non-loopback address: exposure is always a deliberate choice.
            pub allow_public_bind: bool,
        }

        impl Default for $name {
            fn default() -> Self {
                Self {
                    listen: ([127, 0, 0, 1], $port).into(),
                    allow_public_bind: false,
                }
            }
        }
    };
}

listener_config!(
    /// The HTTP API listener (default 127.0.0.1:8080).
    HttpListenerConfig,
    8080
);
listener_config!(
    /// The admin listener (default 127.0.0.1:15000).
    AdminListenerConfig,
    15000
);

/// TLS for the HTTP listener (PEM files; TLS 1.2 and 1.3 only, via rustls).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TlsConfig {
    /// Certificate chain file; empty disables TLS.
    pub cert_file: PathBuf,
    /// Private key file.
    pub key_file: PathBuf,
    /// How often the files are checked for changes and reloaded without a restart, in seconds
    /// (SIGHUP reloads at once).
    pub reload_interval_secs: u64,
}

impl Default for TlsConfig {
    fn default() -> Self {
        Self {
            cert_file: PathBuf::new(),
            key_file: PathBuf::new(),
            reload_interval_secs: 60,
        }
    }
}

impl TlsConfig {
    /// Whether TLS is configured.
    pub fn enabled(&self) -> bool {
        !self.cert_file.as_os_str().is_empty()
    }
}

/// Database settings.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StorageConfig {
    /// `sqlite` (embedded, in the data directory) or `postgres`.
    pub backend: StorageBackend,
    /// Connection URL for PostgreSQL (a secret: it usually holds a password).
    pub url: ConfigSecret,
}

/// Database backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StorageBackend {
    /// Embedded SQLite.
    #[default]
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// Keys. In development, missing keys are generated into the data directory; in production they
/// must be given.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SecurityConfig {
    /// Key for signing access tokens (at least 32 bytes).
    pub jwt_secret: ConfigSecret,
    /// Master key wrapping the per-call data keys (32 bytes, base64 or hex).
    pub master_key: ConfigSecret,
    /// Key authenticating the audit chain (at least 32 bytes).
    pub audit_key: ConfigSecret,
}

/// Embedded model settings.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ModelsConfig {
    /// Directory filled by `voxgate models setup`.
    pub dir: PathBuf,
}

impl Default for ModelsConfig {
    fn default() -> Self {
        Self {
            dir: PathBuf::from("./models"),
        }
    }
}

/// How strong a secret must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    /// A signing or encryption key: at least 32 bytes.
    Key,
    /// A password: at least 16 characters.
    Password,
    /// A credential issued by someone else (an API token, a connection URL): must be set and
    /// not a placeholder.
    Credential,
}

/// A secret the configuration holds, for checks.
#[derive(Debug)]
pub struct SecretRef<'a> {
    /// Dotted key path.
    pub key: &'static str,
    /// Strength class.
    pub kind: SecretKind,
    /// Whether production needs it set.
    pub required: bool,
    /// The secret.
    pub secret: &'a ConfigSecret,
}

impl Config {
    /// Every secret in the configuration, with its strength class.
    pub fn secrets(&self) -> Vec<SecretRef<'_>> {
        let postgres = self.storage.backend == StorageBackend::Postgres;
        vec![
            SecretRef {
                key: "security.jwt_secret",
                kind: SecretKind::Key,
                required: true,
                secret: &self.security.jwt_secret,
            },
            SecretRef {
                key: "security.master_key",
                kind: SecretKind::Key,
                required: true,
                secret: &self.security.master_key,
            },
            SecretRef {
                key: "security.audit_key",
                kind: SecretKind::Key,
                required: true,
                secret: &self.security.audit_key,
            },
            SecretRef {
                key: "storage.url",
                kind: SecretKind::Credential,
                required: postgres,
                secret: &self.storage.url,
            },
            SecretRef {
                key: "twilio.auth_token",
                kind: SecretKind::Credential,
                required: self.twilio.enabled,
                secret: &self.twilio.auth_token,
            },
            SecretRef {
                key: "ari.password",
                kind: SecretKind::Credential,
                required: self.ari.enabled,
                secret: &self.ari.password,
            },
            SecretRef {
                key: "monitor.alert_webhook_secret",
                kind: SecretKind::Key,
                required: !self.monitor.alert_webhook_url.is_empty(),
                secret: &self.monitor.alert_webhook_secret,
            },
            SecretRef {
                key: "callbacks.secret",
                kind: SecretKind::Key,
                required: self.callbacks.enabled,
                secret: &self.callbacks.secret,
            },
        ]
    }

    fn secrets_mut(&mut self) -> Vec<(&'static str, &mut ConfigSecret)> {
        vec![
            ("security.jwt_secret", &mut self.security.jwt_secret),
            ("security.master_key", &mut self.security.master_key),
            ("security.audit_key", &mut self.security.audit_key),
            ("storage.url", &mut self.storage.url),
            ("twilio.auth_token", &mut self.twilio.auth_token),
            ("ari.password", &mut self.ari.password),
            (
                "monitor.alert_webhook_secret",
                &mut self.monitor.alert_webhook_secret,
            ),
            ("callbacks.secret", &mut self.callbacks.secret),
        ]
    }

    /// The HTTP listeners with their names, for binding, checks and the exposure warning.
    pub fn listeners(&self) -> Vec<(&'static str, SocketAddr, bool)> {
        vec![
            ("http", self.http.listen, self.http.allow_public_bind),
            ("admin", self.admin.listen, self.admin.allow_public_bind),
        ]
    }

    /// Pure validation (no I/O): every problem, one line each.
    pub fn validate(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, listen, allow_public) in self.listeners() {
            if !listen.ip().is_loopback() && !allow_public {
                problems.push(format!(
                    "{name}.listen = {listen} is not a loopback address: set {name}.allow_public_bind = true to expose it on purpose"
                ));
            }
        }
        if self.audiosocket.enabled {
            let a = &self.audiosocket;
            if !a.listen.ip().is_loopback() && !a.allow_public_bind {
                problems.push(format!(
                    "audiosocket.listen = {} is not a loopback address: set audiosocket.allow_public_bind = true to expose it on purpose",
                    a.listen
                ));
            }
            if let Err(e) = a.to_transport() {
                problems.push(e);
            }
        }
        let mut seen = BTreeMap::new();
        for (name, listen, _) in self.listeners() {
            if listen.port() != 0 {
                if let Some(other) = seen.insert(listen, name) {
                    problems.push(format!(
                        "{name}.listen and {other}.listen are both {listen}"
                    ));
                }
            }
        }
        if self.tls.enabled() == self.tls.key_file.as_os_str().is_empty() {
            problems.push("tls.cert_file and tls.key_file must be set together".into());
        }
        problems.extend(crate::auth::config::validate(self));
        problems.extend(self.retention.validate());
        problems.extend(crate::agents::validate(self));
        problems.extend(
            self.recording.validate(
                self.profiles
                    .iter()
                    .map(|(n, p)| (n.as_str(), p.recording_policy.as_str())),
            ),
        );
        if let Err(e) = self.analysis.validate() {
            problems.push(e.to_string());
        }
        problems.extend(crate::ari::validate(self));
        if crate::telemetry::parse_filter(&self.log.level).is_err() {
            problems.push(format!(
                "log.level = {:?} is not a level (error, warn, info, debug, trace) or filter",
                self.log.level
            ));
        }
        if self.storage.backend == StorageBackend::Postgres && !self.storage.url.is_set() {
            problems.push("storage.url must be set when storage.backend = \"postgres\"".into());
        }
        if self.twilio.enabled {
            if let Err(voxgate_telephony::twilio::Error::Config(list)) =
                self.twilio.to_transport().validate()
            {
                problems.extend(list.into_iter().map(|p| format!("twilio: {p}")));
            }
        }
        if self.browser.enabled && !(1..=3600).contains(&self.browser.token_ttl_secs) {
            problems.push("browser.token_ttl_secs must be between 1 and 3600".into());
        }
        problems
    }
}

/// Where the configuration came from, for messages and `voxgate doctor`.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The configuration.
    pub config: Config,
    /// The file read, if any.
    pub file: Option<PathBuf>,
    /// Environment variables that overrode keys.
    pub env_overrides: Vec<String>,
}

/// Loads the configuration.
///
/// `path` is the `--config` argument; otherwise `VOXGATE_CONFIG`, otherwise `./voxgate.toml` if
/// it exists, otherwise defaults. `env` is the process environment (a parameter so tests can
/// pass their own).
///
/// # Errors
/// A [`ConfigError`] naming the file and line, or the variable, of the first bad value; or all
/// validation problems at once.
pub fn load(path: Option<&Path>, env: &BTreeMap<String, String>) -> Result<Loaded, ConfigError> {
    let explicit = path
        .map(Path::to_path_buf)
        .or_else(|| env.get("VOXGATE_CONFIG").map(PathBuf::from));
    let file = match explicit {
        Some(p) => Some(p),
        None => {
            let default = PathBuf::from(DEFAULT_CONFIG_PATH);
            default.exists().then_some(default)
        }
    };
    let mut table = match &file {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|source| ConfigError::Read {
                path: p.clone(),
                source,
            })?;
            parse_file(p, &text)?
        }
        None => toml::Table::new(),
    };
    let env_overrides = apply_env(&mut table, env)?;
    let mut config = deserialize_merged(table, &env_overrides)?;
    for (key, secret) in config.secrets_mut() {
        secret.resolve(key)?;
    }
    let problems = config.validate();
    if !problems.is_empty() {
        return Err(ConfigError::Invalid(problems));
    }
    Ok(Loaded {
        config,
        file,
        env_overrides,
    })
}

/// Parses a file's text, refusing unknown keys and wrong types with the file's line.
fn parse_file(path: &Path, text: &str) -> Result<toml::Table, ConfigError> {
    let file_error = |e: toml::de::Error| ConfigError::File {
        path: path.to_path_buf(),
        message: e.to_string().trim_end().replace('\n', "\n    "),
    };
    // Deserializing the text itself (not a Value) keeps spans, so the error names the line.
    let _: Config = toml::from_str(text).map_err(file_error)?;
    toml::from_str(text).map_err(file_error)
}

fn default_table() -> toml::Table {
    toml::Table::try_from(Config::default()).unwrap_or_default()
}

/// Applies `VOXGATE_<SECTION>__<KEY>` variables to `table`; returns the variables used.
fn apply_env(
    table: &mut toml::Table,
    env: &BTreeMap<String, String>,
) -> Result<Vec<String>, ConfigError> {
    let defaults = default_table();
    let mut used = Vec::new();
    for (var, raw) in env {
        let Some(rest) = var.strip_prefix("VOXGATE_") else {
            continue;
        };
        if RESERVED_ENV.contains(&var.as_str()) || rest.is_empty() {
            continue;
        }
        let (rest, from_file) = match rest.strip_suffix("_FILE") {
            Some(base) => (base, true),
            None => (rest, false),
        };
        let path: Vec<String> = rest.split("__").map(|s| s.to_ascii_lowercase()).collect();
        if path.iter().any(String::is_empty) {
            return Err(ConfigError::Env {
                var: var.clone(),
                message: "empty key segment (use VOXGATE_<SECTION>__<KEY>)".into(),
            });
        }
        let default = lookup(&defaults, &path);
        if default.is_none() && !is_open_map(&path) {
            return Err(ConfigError::Env {
                var: var.clone(),
                message: format!("unknown configuration key `{}`", path.join(".")),
            });
        }
        let value = if from_file {
            let mut t = toml::Table::new();
            t.insert("file".into(), toml::Value::String(raw.clone()));
            toml::Value::Table(t)
        } else {
            coerce(raw, default).map_err(|message| ConfigError::Env {
                var: var.clone(),
                message,
            })?
        };
        insert(table, &path, value).map_err(|message| ConfigError::Env {
            var: var.clone(),
            message,
        })?;
        used.push(var.clone());
    }
    Ok(used)
}

/// Sections whose keys are user-chosen names (maps), where an unknown key is not an error.
fn is_open_map(path: &[String]) -> bool {
    matches!(
        path.first().map(String::as_str),
        Some("profiles" | "recognizers")
    )
}

fn lookup<'a>(table: &'a toml::Table, path: &[String]) -> Option<&'a toml::Value> {
    let (last, parents) = path.split_last()?;
    let mut t = table;
    for p in parents {
        t = t.get(p)?.as_table()?;
    }
    t.get(last)
}

fn insert(table: &mut toml::Table, path: &[String], value: toml::Value) -> Result<(), String> {
    let Some((last, parents)) = path.split_last() else {
        return Err("empty key".into());
    };
    let mut t = table;
    for p in parents {
        let entry = t
            .entry(p.clone())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        t = entry
            .as_table_mut()
            .ok_or_else(|| format!("`{p}` is not a section"))?;
    }
    t.insert(last.clone(), value);
    Ok(())
}

/// Converts an environment string to the type the key has by default.
fn coerce(raw: &str, default: Option<&toml::Value>) -> Result<toml::Value, String> {
    use toml::Value;
    let expected = |what: &str| format!("expected {what}, got {raw:?}");
    Ok(match default {
        Some(Value::String(_)) => Value::String(raw.to_string()),
        Some(Value::Boolean(_)) => match raw.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Value::Boolean(true),
            "false" | "0" | "no" | "off" => Value::Boolean(false),
            _ => return Err(expected("a boolean")),
        },
        Some(Value::Integer(_)) => Value::Integer(
            raw.trim()
                .parse::<i64>()
                .map_err(|_| expected("an integer"))?,
        ),
        Some(Value::Float(_)) => Value::Float(
            raw.trim()
                .parse::<f64>()
                .map_err(|_| expected("a number"))?,
        ),
        Some(Value::Array(_)) => {
            let trimmed = raw.trim();
            if trimmed.starts_with('[') {
                let parsed: toml::Table = toml::from_str(&format!("v = {trimmed}"))
                    .map_err(|_| expected("a TOML array"))?;
                parsed.get("v").cloned().unwrap_or(Value::Array(vec![]))
            } else {
                Value::Array(
                    trimmed
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|s| Value::String(s.to_string()))
                        .collect(),
                )
            }
        }
        Some(Value::Table(_)) => {
            return Err("this key is a section; set its keys with VOXGATE_<SECTION>__<KEY>".into())
        }
        Some(Value::Datetime(_)) | None => {
            let parsed: Result<toml::Table, _> = toml::from_str(&format!("v = {raw}"));
            match parsed.ok().and_then(|t| t.get("v").cloned()) {
                Some(v) if !v.is_table() => v,
                _ => Value::String(raw.to_string()),
            }
        }
    })
}

fn deserialize_merged(table: toml::Table, env_vars: &[String]) -> Result<Config, ConfigError> {
    let de = toml::Value::Table(table);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let key = e.path().to_string();
        let var = env_vars
            .iter()
            .find(|v| env_key(v) == key || key.starts_with(&format!("{}.", env_key(v))))
            .cloned()
            .unwrap_or_else(|| format!("for key `{key}`"));
        ConfigError::Env {
            var,
            message: e.inner().to_string(),
        }
    })
}

fn env_key(var: &str) -> String {
    let rest = var.strip_prefix("VOXGATE_").unwrap_or(var);
    let rest = rest.strip_suffix("_FILE").unwrap_or(rest);
    rest.split("__")
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join(".")
}

/// All dotted key paths of a table, for the example-file test and `voxgate doctor`.
pub fn key_paths(table: &toml::Table) -> Vec<String> {
    fn walk(prefix: &str, t: &toml::Table, out: &mut Vec<String>) {
        for (k, v) in t {
            let path = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v {
                toml::Value::Table(inner) => walk(&path, inner, out),
                _ => out.push(path),
            }
        }
    }
    let mut out = Vec::new();
    walk("", table, &mut out);
    out
}

/// The default configuration as a TOML table.
pub fn default_key_paths() -> Vec<String> {
    key_paths(&default_table())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn write(dir: &Path, text: &str) -> PathBuf {
        let p = dir.join("voxgate.toml");
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn runs_on_defaults_without_a_file() {
        let loaded = load(None, &env(&[])).unwrap();
        assert_eq!(loaded.config.admin.listen.to_string(), "127.0.0.1:15000");
        assert_eq!(loaded.config.http.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(loaded.config.mode, Mode::Development);
        assert!(loaded.file.is_none());
    }

    #[test]
    fn unknown_key_in_file_names_key_and_line() {
        let tmp = tempfile::tempdir().unwrap();
        let p = write(
            tmp.path(),
            "mode = \"development\"\n\n[http]\nlisten = \"127.0.0.1:9000\"\nlisen = 3\n",
        );
        let err = load(Some(&p), &env(&[])).unwrap_err().to_string();
        assert!(err.contains("voxgate.toml"), "{err}");
        assert!(err.contains("line 5"), "{err}");
        assert!(err.contains("lisen"), "{err}");
    }

    #[test]
    fn wrong_type_in_file_names_line() {
        let tmp = tempfile::tempdir().unwrap();
        let p = write(tmp.path(), "shutdown_grace_secs = \"ten\"\n");
        let err = load(Some(&p), &env(&[])).unwrap_err().to_string();
        assert!(err.contains("line 1"), "{err}");
        assert!(err.contains("shutdown_grace_secs"), "{err}");
    }

    #[test]
    fn env_overrides_file_and_is_typed() {
        let tmp = tempfile::tempdir().unwrap();
        let p = write(tmp.path(), "[http]\nlisten = \"127.0.0.1:9000\"\n");
        let loaded = load(
            Some(&p),
            &env(&[
                ("VOXGATE_HTTP__LISTEN", "127.0.0.1:9100"),
                ("VOXGATE_SHUTDOWN_GRACE_SECS", "3"),
                ("VOXGATE_LOG__FORMAT", "json"),
            ]),
        )
        .unwrap();
        assert_eq!(loaded.config.http.listen.to_string(), "127.0.0.1:9100");
        assert_eq!(loaded.config.shutdown_grace_secs, 3);
        assert_eq!(loaded.config.log.format, LogFormat::Json);
        assert_eq!(loaded.env_overrides.len(), 3);
    }

    #[test]
    fn unknown_env_key_names_variable() {
        let err = load(None, &env(&[("VOXGATE_HTTP__LISTN", "x")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("VOXGATE_HTTP__LISTN"), "{err}");
        assert!(err.contains("http.listn"), "{err}");
    }

    #[test]
    fn wrong_env_type_names_variable() {
        let err = load(None, &env(&[("VOXGATE_SHUTDOWN_GRACE_SECS", "soon")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("VOXGATE_SHUTDOWN_GRACE_SECS"), "{err}");
        let err = load(None, &env(&[("VOXGATE_HTTP__LISTEN", "not-an-address")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("VOXGATE_HTTP__LISTEN"), "{err}");
    }

    #[test]
    fn secrets_from_file_variable_and_table() {
        let tmp = tempfile::tempdir().unwrap();
        let secret = tmp.path().join("jwt");
        std::fs::write(&secret, "from-file-secret-value-0123456789abcdef\n").unwrap();
        let loaded = load(
            None,
            &env(&[(
                "VOXGATE_SECURITY__JWT_SECRET_FILE",
                secret.to_str().unwrap(),
            )]),
        )
        .unwrap();
        assert_eq!(
            loaded.config.security.jwt_secret.expose(),
            Some("from-file-secret-value-0123456789abcdef")
        );
        assert_eq!(
            loaded.config.security.jwt_secret.file(),
            Some(secret.as_path())
        );
        let p = write(
            tmp.path(),
            &format!(
                "[security]\naudit_key = {{ file = \"{}\" }}\n",
                secret.display()
            ),
        );
        let loaded = load(Some(&p), &env(&[])).unwrap();
        assert!(loaded.config.security.audit_key.is_set());
        let dbg = format!("{:?}", loaded.config);
        assert!(!dbg.contains("from-file-secret"), "{dbg}");
    }

    #[test]
    fn missing_secret_file_is_an_error_naming_key() {
        let err = load(
            None,
            &env(&[("VOXGATE_SECURITY__MASTER_KEY_FILE", "/nonexistent/key")]),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("security.master_key"), "{err}");
    }

    #[test]
    fn non_loopback_needs_explicit_setting() {
        let err = load(None, &env(&[("VOXGATE_HTTP__LISTEN", "0.0.0.0:8080")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("allow_public_bind"), "{err}");
        let ok = load(
            None,
            &env(&[
                ("VOXGATE_HTTP__LISTEN", "0.0.0.0:8080"),
                ("VOXGATE_HTTP__ALLOW_PUBLIC_BIND", "true"),
            ]),
        );
        assert!(ok.is_ok());
    }

    #[test]
    fn example_file_documents_every_key_with_its_default() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../voxgate.example.toml");
        let text = std::fs::read_to_string(&path).expect("voxgate.example.toml at the repo root");
        let table: toml::Table = toml::from_str(&text).expect("example parses");
        let example_keys = key_paths(&table);
        let defaults = default_table();
        for key in key_paths(&defaults) {
            assert!(
                example_keys.contains(&key),
                "voxgate.example.toml does not document `{key}`"
            );
            let parts: Vec<String> = key.split('.').map(String::from).collect();
            assert_eq!(
                lookup(&table, &parts),
                lookup(&defaults, &parts),
                "voxgate.example.toml shows a value for `{key}` that is not its default"
            );
        }
        // And the example itself is a valid configuration.
        let _: Config = toml::from_str(&text).expect("example is a valid configuration");
    }
}
