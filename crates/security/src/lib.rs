//! Security core for Voxgate: the storage- and transport-agnostic building blocks that the
//! server wires into its HTTP layers and the store uses for encryption at rest.
//!
//! Nothing here knows about axum, sqlx or any other Voxgate crate; every type is plain data
//! plus pure logic, so each piece is unit tested on its own and the server only composes them.
//!
//! | module | role | main types |
//! | --- | --- | --- |
//! | [`secret`] | key/token/password holder: zeroized, never printed | [`Secret`] |
//! | [`apikey`] | `vgk_` API keys, stored as SHA-256 hashes | [`apikey::ApiKey`], [`apikey::ApiKeyHash`] |
//! | [`password`] | argon2id hashing and password policy | [`password::PasswordHasher`], [`password::PasswordPolicy`] |
//! | [`totp`] | RFC 6238 one-time codes with replay protection | [`totp::Totp`], [`totp::TotpSecret`] |
//! | [`jwt`] | HS256 access tokens with key rotation, opaque refresh tokens | [`jwt::JwtService`], [`jwt::Claims`] |
//! | [`rbac`] | roles, permissions and the deny-by-default matrix | [`rbac::Role`], [`rbac::Permission`] |
//! | [`ratelimit`] | token buckets per key and route group, failed-auth lockout, per-IP concurrency caps | [`ratelimit::RateLimiter`], [`ratelimit::RouteLimits`], [`ratelimit::Lockout`], [`ratelimit::ConcurrencyLimiter`] |
//! | [`net`] | CIDR allowlists, trusted-proxy client IP resolution | [`net::IpAllowlist`], [`net::ClientIpResolver`] |
//! | [`signature`] | `Voxgate-Signature` webhook HMAC scheme | [`signature::WebhookSigner`], [`signature::WebhookVerifier`] |
//! | [`crypto`] | AES-256-GCM envelope encryption, keyed caller hashes | [`crypto::MasterKey`], [`crypto::DataKey`] |
//! | [`audit`] | tamper-evident audit chain, risk scores, compliance tags, JSON-lines and RFC 5424 export | [`audit::AuditEntry`], [`audit::chain_next`], [`audit::verify`] |
//! | [`monitor`] | sliding-window thresholds raising security events | [`monitor::SecurityMonitor`], [`monitor::SecurityEvent`] |
//! | [`headers`] | security response headers, CORS origin allowlist | [`headers::security_headers`], [`headers::CorsPolicy`] |
//! | [`scrub`] | secret redaction for every log line | [`scrub::scrub`] |
//!
//! Errors from every module are one [`Error`] enum so that callers map them to responses in one place.
//!
//! A request authenticated by API key, checked against the matrix and audited:
//!
//! ```
//! use voxgate_security::apikey::ApiKey;
//! use voxgate_security::audit::{chain_next, event_types, verify, AuditEvent, AuditKey, AuditResult};
//! use voxgate_security::rbac::{Permission, Role};
//!
//! # fn main() -> voxgate_security::Result<()> {
//! // `voxgate keys create`: show the key once, store id + hash + role.
//! let key = ApiKey::generate();
//! let (stored_id, stored_hash, role) = (key.id().to_owned(), key.hash(), Role::CaseWorker);
//!
//! // A request arrives with `X-API-Key`.
//! let presented = ApiKey::parse(key.expose())?;
//! assert_eq!(presented.id(), stored_id);
//! assert!(presented.verify(&stored_hash));
//! assert!(role.allows(Permission::TranscriptsRead));
//! assert!(!role.allows(Permission::RecordingsPlay));
//!
//! // Audit the access.
//! let audit_key = AuditKey::from_bytes(&[7u8; 32])?;
//! let event = AuditEvent::new(1_800_000_000_000, event_types::TRANSCRIPT_READ,
//!     &format!("key:{stored_id}"), "/api/v1/calls/c1/transcript", "read", AuditResult::Success).finish();
//! let entry = chain_next(None, event, &audit_key);
//! assert!(verify([&entry], &audit_key, Some(entry.head())).is_ok());
//! # Ok(())
//! # }
//! ```
//!
//! Benchmarks: `cargo bench -p voxgate-security --bench security -- --warm-up-time 1 --measurement-time 3`
//! (criterion, wall time) and `cargo bench -p voxgate-security --bench cpu_time` (CPU time per
//! operation, which stays meaningful on a busy shared machine).
#![deny(missing_docs)]

pub mod apikey;
pub mod audit;
pub mod crypto;
pub mod headers;
pub mod jwt;
pub mod monitor;
pub mod net;
pub mod password;
pub mod ratelimit;
pub mod rbac;
pub mod scrub;
pub mod secret;
pub mod signature;
pub mod totp;

pub use secret::Secret;

/// Errors returned by the security building blocks.
///
/// Messages never contain the secret that was rejected.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A presented API key does not have the `vgk_<id>_<secret>` shape.
    #[error("malformed API key: {0}")]
    MalformedApiKey(&'static str),
    /// A password does not satisfy the configured policy.
    #[error("password rejected by policy: {0}")]
    WeakPassword(String),
    /// A stored password hash could not be parsed, or hashing failed.
    #[error("password hash error: {0}")]
    PasswordHash(String),
    /// A TOTP secret is not valid base32 or is too short.
    #[error("invalid TOTP secret: {0}")]
    InvalidTotpSecret(&'static str),
    /// A TOTP code was refused.
    #[error("TOTP code rejected: {0}")]
    TotpRejected(totp::TotpRejection),
    /// An access token was refused; the reason is meant for logs and security events, not clients.
    #[error("access token rejected: {0}")]
    TokenRejected(jwt::TokenRejection),
    /// A webhook signature was refused.
    #[error("webhook signature rejected: {0}")]
    SignatureRejected(signature::SignatureRejection),
    /// Key material has the wrong length or encoding.
    #[error("invalid key material: {0}")]
    InvalidKey(String),
    /// A data key was wrapped by a different master key than the one supplied.
    #[error("data key is wrapped by master key {found:?}, not {expected:?}")]
    WrongMasterKey {
        /// Id of the master key the caller supplied.
        expected: String,
        /// Id recorded in the wrapped key.
        found: String,
    },
    /// AEAD authentication failed: wrong key, wrong associated data or tampered ciphertext.
    #[error("decryption failed (wrong key, wrong call/data class, or tampered data)")]
    Decrypt,
    /// Encryption failed (only possible for absurdly large inputs).
    #[error("encryption failed")]
    Encrypt,
    /// A ciphertext or wrapped key has a version this build does not understand.
    #[error("unsupported ciphertext version {0}")]
    UnsupportedVersion(u8),
    /// A ciphertext or wrapped key is truncated or otherwise malformed.
    #[error("malformed ciphertext: {0}")]
    MalformedCiphertext(&'static str),
    /// A phone number could not be normalised to E.164 digits.
    #[error("invalid phone number: {0}")]
    InvalidPhoneNumber(&'static str),
    /// A network rule (CIDR or address) could not be parsed.
    #[error("invalid network rule {input:?}: {reason}")]
    InvalidNetwork {
        /// The rejected text.
        input: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A configuration value is out of range.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// A role or permission name is unknown.
    #[error("unknown {kind} {name:?}")]
    UnknownName {
        /// `"role"` or `"permission"`.
        kind: &'static str,
        /// The rejected name.
        name: String,
    },
}

/// Result alias for this crate.
pub type Result<T> = std::result::Result<T, Error>;
