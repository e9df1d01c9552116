//! The embedded SQLite backend.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use crate::{ensure_private_dir, ensure_private_file, Result, Storage};

/// Name of the database file inside the data directory.
pub const DATABASE_FILE: &str = "voxgate.db";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// SQLite storage in one file under the data directory.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    path: PathBuf,
}

impl SqliteStore {
    /// Opens (creating if needed) the database in `data_dir`, with private permissions, WAL
    /// journaling, and all migrations applied.
    ///
    /// # Errors
    /// [`crate::Error::Io`] when the directory or file cannot be made private,
    /// [`crate::Error::Database`] or [`crate::Error::Migration`] when SQLite fails.
    pub async fn open(data_dir: &Path) -> Result<Self> {
        ensure_private_dir(data_dir)?;
        let path = data_dir.join(DATABASE_FILE);
        ensure_private_file(&path)?;
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .min_connections(1)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Self { pool, path })
    }

    /// The connection pool, for the store's own modules.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Path of the database file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[async_trait::async_trait]
impl Storage for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[tokio::test]
    async fn opens_with_private_permissions_and_migrates() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let store = SqliteStore::open(&data).await.unwrap();
        store.ping().await.unwrap();
        let dir_mode = std::fs::metadata(&data).unwrap().permissions().mode() & 0o777;
        assert_eq!(dir_mode, 0o700);
        let db_mode = std::fs::metadata(store.path())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(db_mode, 0o600);
        let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM calls")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(n, 0);
        store.close().await;
        // Reopening applies no migration twice.
        let again = SqliteStore::open(&data).await.unwrap();
        again.ping().await.unwrap();
    }
}
