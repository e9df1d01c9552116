//! Storage for Voxgate: the database behind every other component.
//!
//! The [`Storage`] trait is the interface the server uses; [`SqliteStore`] is the embedded
//! default (one file in the data directory, WAL mode, migrations checked in under
//! `migrations/sqlite`). A PostgreSQL backend, for deployments where several nodes share one
//! database, is to implement the same trait; it is not written yet, but its schema is kept in
//! step under `migrations/postgres`.
//!
//! The data directory is created with mode 0700 and the database file with 0600 before SQLite
//! opens it, so the WAL and shared-memory files SQLite creates beside it inherit those
//! permissions: nothing the store writes is readable by other local users.
//!
//! ```no_run
//! # async fn demo() -> voxgate_store::Result<()> {
//! use voxgate_store::{SqliteStore, Storage};
//! let store = SqliteStore::open(std::path::Path::new("./data")).await?;
//! store.ping().await?;
//! # Ok(()) }
//! ```

pub mod audit_log;
pub mod auth;
pub mod blobs;
pub mod calls;
pub mod consent;
pub mod export;
mod fsperm;
pub mod jobs;
pub mod recording;
pub mod report;
pub mod retention;
pub mod siem;
mod sqlite;

pub use fsperm::{ensure_private_dir, ensure_private_file};
pub use jobs::{JobQueue, JobStatus, NewJob};
pub use sqlite::{SqliteStore, DATABASE_FILE};

use std::path::PathBuf;

/// Errors from the storage layer. Messages name paths and operations, never stored content.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Creating or securing a file or directory failed.
    #[error("{op} {path}: {source}")]
    Io {
        /// What was being done.
        op: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The database returned an error.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// Applying migrations failed.
    #[error("migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// Encryption, decryption or key handling failed (data protection).
    #[error("crypto: {0}")]
    Crypto(#[from] voxgate_security::Error),
    /// A key is missing, unknown or malformed (data protection).
    #[error("key: {0}")]
    Key(String),
    /// The named record does not exist (or was deleted).
    #[error("{what} {id} not found")]
    NotFound {
        /// Kind of record.
        what: &'static str,
        /// Its id.
        id: String,
    },
    /// Input refused before touching storage.
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// A legal hold on the call blocks the operation.
    #[error("call {0} is under legal hold")]
    LegalHold(String),
    /// The audit log writer stopped or refused a batch.
    #[error("audit log: {0}")]
    Audit(String),
}

/// Result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// The storage interface the rest of Voxgate uses; one implementation per database backend.
#[async_trait::async_trait]
pub trait Storage: Send + Sync + std::fmt::Debug {
    /// Short backend name for logs and metrics (`sqlite`, `postgres`).
    fn backend(&self) -> &'static str;

    /// Checks that the database answers; used by `/readyz`.
    ///
    /// # Errors
    /// Returns the database error when it does not.
    async fn ping(&self) -> Result<()>;

    /// Flushes and closes connections; called on graceful shutdown.
    async fn close(&self);
}
