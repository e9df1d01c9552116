//! Error type of the privacy crate.

/// Errors raised while configuring or using the privacy engine.
///
/// Messages never contain transcript text: at most the name of an entity, an
/// operator spec or a configuration field.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An entity name that is neither built in nor a configured custom recognizer.
    #[error("unknown entity type {0:?} (expected one of: {known})", known = crate::EntityType::builtin_names().join(", "))]
    UnknownEntity(String),
    /// An operator spec such as `mask:4` or `PHONE_NUMBER=hash` that does not parse.
    #[error("invalid operator spec {spec:?}: {reason}")]
    InvalidOperator {
        /// The spec as given.
        spec: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A custom recognizer whose configuration is unusable.
    #[error("custom recognizer {name:?}: {reason}")]
    InvalidRecognizer {
        /// Name of the recognizer.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A policy uses `hash` or `encrypt` without the key it needs, or the key is malformed.
    #[error("key error: {0}")]
    Key(String),
    /// Decryption of an `encrypt` token failed: wrong key, tampered or malformed token.
    #[error("cannot decrypt token: {0}")]
    Decrypt(&'static str),
    /// A builder setting out of range (threshold, window...).
    #[error("invalid setting {name}: {reason}")]
    InvalidSetting {
        /// Setting name.
        name: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}

/// Result alias of this crate.
pub type Result<T> = std::result::Result<T, Error>;
