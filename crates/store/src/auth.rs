//! Authentication tables: users, API keys, refresh tokens, revoked access tokens and security
//! events.
//!
//! [`AuthStore`] is a thin typed layer over the `0002_auth` and `0006_revoked_tokens`
//! migrations. It never sees a secret
//! in the clear except a TOTP secret on its way to or from [`seal_user_secret`]: passwords
//! arrive as argon2id PHC strings, API keys as [`ApiKeyHash`]es, refresh tokens as SHA-256
//! digests. Times are Unix seconds.
//!
//! Refresh tokens rotate: [`AuthStore::use_refresh_token`] marks a token used atomically, and a
//! second use of the same token (a stolen copy racing its owner) revokes the whole family.
//!
//! Access tokens are stateless JWTs; a logout records the token's `jti` with
//! [`AuthStore::insert_revoked_token`] until the token expires, and the server loads the live set
//! with [`AuthStore::revoked_tokens`] at start (and now and then, for other nodes' logouts).

use sqlx::{Row, SqlitePool};
use voxgate_security::apikey::{ApiKey, ApiKeyHash};
use voxgate_security::crypto::{self, DataClass, DataKey, MasterKey, WrappedKey};
use voxgate_security::rbac::Role;
use voxgate_security::totp::TotpSecret;

use crate::SqliteStore;

/// Errors of the authentication tables.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A row already exists (user name or key id taken).
    #[error("{0} already exists")]
    Conflict(&'static str),
    /// A stored value cannot be decoded (unknown role, bad hash, undecryptable secret).
    #[error("corrupt {what} in row {id}")]
    Corrupt {
        /// Which column.
        what: &'static str,
        /// Row id.
        id: String,
    },
    /// Sealing a secret failed.
    #[error("crypto: {0}")]
    Crypto(#[from] voxgate_security::Error),
}

/// Result of this module.
pub type Result<T> = std::result::Result<T, Error>;

/// A user row.
#[derive(Clone)]
pub struct UserRecord {
    /// Stable id (UUID).
    pub id: String,
    /// Login name.
    pub username: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Role.
    pub role: Role,
    /// Sealed active TOTP secret (see [`open_user_secret`]).
    pub totp_secret: Option<Vec<u8>>,
    /// Sealed TOTP secret awaiting its first code.
    pub totp_pending: Option<Vec<u8>>,
    /// Last accepted TOTP step (replay protection).
    pub totp_last_step: Option<u64>,
    /// The password was set by someone else and must be changed before anything else.
    pub must_change_password: bool,
    /// Consecutive failed logins.
    pub failed_logins: u32,
    /// Disabled users cannot log in and their tokens stop working.
    pub disabled: bool,
    /// Creation time.
    pub created_at: i64,
    /// Last successful login.
    pub last_login_at: Option<i64>,
}

impl std::fmt::Debug for UserRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRecord")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("role", &self.role)
            .field("mfa", &self.totp_secret.is_some())
            .field("disabled", &self.disabled)
            .finish_non_exhaustive()
    }
}

impl UserRecord {
    /// Whether TOTP is enrolled and verified.
    pub fn mfa_enrolled(&self) -> bool {
        self.totp_secret.is_some()
    }
}

/// An API key row (never the key itself).
#[derive(Debug, Clone)]
pub struct ApiKeyRecord {
    /// Public key id (the 8 characters after `vgk_`).
    pub id: String,
    /// Human name.
    pub name: String,
    /// Role granted.
    pub role: Role,
    /// SHA-256 of the full key.
    pub key_hash: ApiKeyHash,
    /// Creation time.
    pub created_at: i64,
    /// Who created it (`user:<id>`, `key:<id>`, `cli`).
    pub created_by: Option<String>,
    /// Expiry, if any.
    pub expires_at: Option<i64>,
    /// Revocation time, if revoked.
    pub revoked_at: Option<i64>,
    /// Last use (updated at most about once a minute).
    pub last_used_at: Option<i64>,
    /// Id of the key that replaced this one by rotation.
    pub rotated_to: Option<String>,
}

impl ApiKeyRecord {
    /// Whether the key may be used at `now`.
    pub fn is_active(&self, now: i64) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|e| now < e)
    }
}

/// What presenting a refresh token led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshOutcome {
    /// Valid and now consumed; issue a successor in the same family.
    Valid {
        /// Owner.
        user_id: String,
        /// Token family.
        family_id: String,
    },
    /// Already used: the family has been revoked (token theft).
    Reused {
        /// Owner.
        user_id: String,
        /// Revoked family.
        family_id: String,
    },
    /// Expired or revoked.
    Inactive,
    /// Never issued.
    Unknown,
}

/// A stored security event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SecurityEventRecord {
    /// Row id (increasing).
    pub id: i64,
    /// Unix seconds.
    pub at: i64,
    /// Event type, e.g. `auth.failed`, `ratelimit.exceeded`.
    pub kind: String,
    /// `low`, `medium`, `high`, `critical`.
    pub severity: String,
    /// Client address.
    pub ip: Option<String>,
    /// Principal or source concerned.
    pub subject: Option<String>,
    /// Short description; never a secret or personal data beyond the subject.
    pub detail: String,
}

/// A security event to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSecurityEvent {
    /// Unix seconds.
    pub at: i64,
    /// Event type.
    pub kind: String,
    /// Severity name.
    pub severity: String,
    /// Client address.
    pub ip: Option<String>,
    /// Principal or source.
    pub subject: Option<String>,
    /// Description.
    pub detail: String,
}

/// Seals a per-user secret (the TOTP seed) under a fresh data key wrapped by `master`, bound to
/// the user id so a sealed value cannot be moved to another user.
///
/// Layout: `u16 big-endian length of the wrapped key || wrapped key || sealed secret`.
///
/// # Errors
/// [`Error::Crypto`] if encryption fails.
pub fn seal_user_secret(master: &MasterKey, user_id: &str, secret: &[u8]) -> Result<Vec<u8>> {
    let context = format!("user:{user_id}");
    let dk = DataKey::generate();
    let wrapped = crypto::wrap(master, &dk, &context)?.to_bytes();
    let sealed = crypto::seal(&dk, &context, DataClass::Pii, secret)?;
    let len = u16::try_from(wrapped.len())
        .map_err(|_| Error::Crypto(voxgate_security::Error::Encrypt))?;
    let mut out = Vec::with_capacity(2 + wrapped.len() + sealed.len());
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&wrapped);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Opens what [`seal_user_secret`] produced.
///
/// # Errors
/// [`Error::Crypto`] for a wrong master key, another user's value, or tampering.
pub fn open_user_secret(
    master: &MasterKey,
    user_id: &str,
    blob: &[u8],
) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    let malformed = || Error::Crypto(voxgate_security::Error::MalformedCiphertext("user secret"));
    if blob.len() < 2 {
        return Err(malformed());
    }
    let len = usize::from(u16::from_be_bytes([blob[0], blob[1]]));
    let rest = &blob[2..];
    if rest.len() < len {
        return Err(malformed());
    }
    let (wrapped, sealed) = rest.split_at(len);
    let context = format!("user:{user_id}");
    let dk = crypto::unwrap(master, &WrappedKey::from_bytes(wrapped)?, &context)?;
    Ok(crypto::open(&dk, &context, DataClass::Pii, sealed)?)
}

/// Decodes a TOTP secret sealed by [`seal_user_secret`] from its base32 form
/// ([`TotpSecret::to_base32`], the form users type into authenticator apps).
///
/// # Errors
/// As [`open_user_secret`], or [`Error::Crypto`] if the plaintext is not a valid secret.
pub fn open_totp_secret(master: &MasterKey, user_id: &str, blob: &[u8]) -> Result<TotpSecret> {
    let plain = open_user_secret(master, user_id, blob)?;
    let text = std::str::from_utf8(&plain).map_err(|_| Error::Corrupt {
        what: "totp_secret",
        id: user_id.to_owned(),
    })?;
    Ok(TotpSecret::from_base32(text)?)
}

/// The authentication tables.
#[derive(Debug, Clone)]
pub struct AuthStore {
    pool: SqlitePool,
}

const USER_COLUMNS: &str = "id, username, password_hash, role, totp_secret, totp_pending, \
    totp_last_step, must_change_password, failed_logins, disabled, created_at, last_login_at";
const KEY_COLUMNS: &str = "id, name, role, key_hash, created_at, created_by, expires_at, \
    revoked_at, last_used_at, rotated_to";

fn parse_role(s: &str, id: &str) -> Result<Role> {
    s.parse().map_err(|_| Error::Corrupt {
        what: "role",
        id: id.to_owned(),
    })
}

fn user_from_row(r: &sqlx::sqlite::SqliteRow) -> Result<UserRecord> {
    let id: String = r.try_get("id")?;
    let role: String = r.try_get("role")?;
    Ok(UserRecord {
        role: parse_role(&role, &id)?,
        username: r.try_get("username")?,
        password_hash: r.try_get("password_hash")?,
        totp_secret: r.try_get("totp_secret")?,
        totp_pending: r.try_get("totp_pending")?,
        totp_last_step: r
            .try_get::<Option<i64>, _>("totp_last_step")?
            .and_then(|s| u64::try_from(s).ok()),
        must_change_password: r.try_get::<i64, _>("must_change_password")? != 0,
        failed_logins: u32::try_from(r.try_get::<i64, _>("failed_logins")?).unwrap_or(u32::MAX),
        disabled: r.try_get::<i64, _>("disabled")? != 0,
        created_at: r.try_get("created_at")?,
        last_login_at: r.try_get("last_login_at")?,
        id,
    })
}

fn key_from_row(r: &sqlx::sqlite::SqliteRow) -> Result<ApiKeyRecord> {
    let id: String = r.try_get("id")?;
    let role: String = r.try_get("role")?;
    let hash: String = r.try_get("key_hash")?;
    Ok(ApiKeyRecord {
        role: parse_role(&role, &id)?,
        key_hash: ApiKeyHash::from_hex(&hash).map_err(|_| Error::Corrupt {
            what: "key_hash",
            id: id.clone(),
        })?,
        name: r.try_get("name")?,
        created_at: r.try_get("created_at")?,
        created_by: r.try_get("created_by")?,
        expires_at: r.try_get("expires_at")?,
        revoked_at: r.try_get("revoked_at")?,
        last_used_at: r.try_get("last_used_at")?,
        rotated_to: r.try_get("rotated_to")?,
        id,
    })
}

/// Maps a failed insert: a unique violation means `what` already exists.
fn conflict_as(what: &'static str) -> impl FnOnce(sqlx::Error) -> Error {
    move |e| match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => Error::Conflict(what),
        _ => Error::Database(e),
    }
}

type SqliteQuery<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;
type RowMapper<T> = fn(&sqlx::sqlite::SqliteRow) -> Result<T>;

/// A row just inserted: reading it back cannot miss unless the database lost it.
fn inserted<T>(row: Option<T>) -> Result<T> {
    row.ok_or(Error::Database(sqlx::Error::RowNotFound))
}

fn event_from_row(r: &sqlx::sqlite::SqliteRow) -> Result<SecurityEventRecord> {
    Ok(SecurityEventRecord {
        id: r.try_get("id")?,
        at: r.try_get("at")?,
        kind: r.try_get("kind")?,
        severity: r.try_get("severity")?,
        ip: r.try_get("ip")?,
        subject: r.try_get("subject")?,
        detail: r.try_get("detail")?,
    })
}

impl AuthStore {
    /// The tables of an open SQLite store (migrations already applied).
    pub fn new(store: &SqliteStore) -> Self {
        Self {
            pool: store.pool().clone(),
        }
    }

    /// Runs a write; returns how many rows it changed.
    async fn run(&self, q: SqliteQuery<'_>) -> Result<u64> {
        Ok(q.execute(&self.pool).await?.rows_affected())
    }

    /// The row `sql` selects with `key` bound, mapped by `map`.
    async fn fetch_one<T>(&self, sql: &str, key: &str, map: RowMapper<T>) -> Result<Option<T>> {
        let row = sqlx::query(sql)
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(map).transpose()
    }

    /// Every row `q` selects, mapped by `map`.
    async fn fetch_all<T>(&self, q: SqliteQuery<'_>, map: RowMapper<T>) -> Result<Vec<T>> {
        q.fetch_all(&self.pool).await?.iter().map(map).collect()
    }

    // ---- users -------------------------------------------------------------------------------

    /// Creates a user. `must_change_password` is true for passwords chosen by someone else.
    ///
    /// # Errors
    /// [`Error::Conflict`] when the user name is taken.
    pub async fn create_user(
        &self,
        username: &str,
        password_hash: &str,
        role: Role,
        must_change_password: bool,
        now: i64,
    ) -> Result<UserRecord> {
        let id = uuid::Uuid::new_v4().to_string();
        sqlx::query(
            "INSERT INTO users (id, username, password_hash, role, must_change_password, created_at) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(username)
        .bind(password_hash)
        .bind(role.as_str())
        .bind(i64::from(must_change_password))
        .bind(now)
        .execute(&self.pool)
        .await
        .map_err(conflict_as("user"))?;
        inserted(self.user_by_id(&id).await?)
    }

    /// A user by login name.
    ///
    /// # Errors
    /// Database failures.
    pub async fn user_by_name(&self, username: &str) -> Result<Option<UserRecord>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE username = ?");
        self.fetch_one(&sql, username, user_from_row).await
    }

    /// A user by id.
    ///
    /// # Errors
    /// Database failures.
    pub async fn user_by_id(&self, id: &str) -> Result<Option<UserRecord>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?");
        self.fetch_one(&sql, id, user_from_row).await
    }

    /// Every user, by name.
    ///
    /// # Errors
    /// Database failures.
    pub async fn list_users(&self) -> Result<Vec<UserRecord>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY username");
        self.fetch_all(sqlx::query(&sql), user_from_row).await
    }

    /// Number of enabled users with `role`.
    ///
    /// # Errors
    /// Database failures.
    pub async fn count_active_with_role(&self, role: Role) -> Result<i64> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM users WHERE role = ? AND disabled = 0")
                .bind(role.as_str())
                .fetch_one(&self.pool)
                .await?;
        Ok(n)
    }

    /// Replaces a password hash; revokes every refresh token of the user.
    ///
    /// # Errors
    /// Database failures.
    pub async fn set_password(
        &self,
        id: &str,
        password_hash: &str,
        must_change_password: bool,
        now: i64,
    ) -> Result<bool> {
        let done = self
            .run(
                sqlx::query(
                    "UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?",
                )
                .bind(password_hash)
                .bind(i64::from(must_change_password))
                .bind(id),
            )
            .await?
            == 1;
        self.revoke_user_refresh_tokens(id, now).await?;
        Ok(done)
    }

    /// Enables or disables a user; disabling revokes every refresh token.
    ///
    /// # Errors
    /// Database failures.
    pub async fn set_disabled(&self, id: &str, disabled: bool, now: i64) -> Result<bool> {
        let done = self
            .run(
                sqlx::query("UPDATE users SET disabled = ? WHERE id = ?")
                    .bind(i64::from(disabled))
                    .bind(id),
            )
            .await?
            == 1;
        if disabled {
            self.revoke_user_refresh_tokens(id, now).await?;
        }
        Ok(done)
    }

    /// Deletes a user (and, by cascade, their refresh tokens).
    ///
    /// # Errors
    /// Database failures.
    pub async fn delete_user(&self, id: &str) -> Result<bool> {
        Ok(self
            .run(sqlx::query("DELETE FROM users WHERE id = ?").bind(id))
            .await?
            == 1)
    }

    /// Counts a failed login; returns the consecutive failures.
    ///
    /// # Errors
    /// Database failures.
    pub async fn record_login_failure(&self, id: &str, now: i64) -> Result<u32> {
        let n: Option<i64> = sqlx::query_scalar(
            "UPDATE users SET failed_logins = failed_logins + 1, last_failed_at = ? WHERE id = ? \
             RETURNING failed_logins",
        )
        .bind(now)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(n.and_then(|n| u32::try_from(n).ok()).unwrap_or(0))
    }

    /// Resets the failure counter and records the login time.
    ///
    /// # Errors
    /// Database failures.
    pub async fn record_login_success(&self, id: &str, now: i64) -> Result<()> {
        self.run(
            sqlx::query("UPDATE users SET failed_logins = 0, last_login_at = ? WHERE id = ?")
                .bind(now)
                .bind(id),
        )
        .await?;
        Ok(())
    }

    /// Stores a sealed TOTP secret awaiting verification (replacing any earlier pending one).
    ///
    /// # Errors
    /// Database failures.
    pub async fn set_totp_pending(&self, id: &str, sealed: &[u8]) -> Result<bool> {
        Ok(self
            .run(
                sqlx::query("UPDATE users SET totp_pending = ? WHERE id = ?")
                    .bind(sealed)
                    .bind(id),
            )
            .await?
            == 1)
    }

    /// Makes the pending secret the active one, remembering the step of the code that proved it.
    ///
    /// # Errors
    /// Database failures.
    pub async fn activate_totp(&self, id: &str, step: u64) -> Result<bool> {
        let q = sqlx::query(
            "UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = ? \
             WHERE id = ? AND totp_pending IS NOT NULL",
        );
        let q = q.bind(i64::try_from(step).unwrap_or(i64::MAX)).bind(id);
        Ok(self.run(q).await? == 1)
    }

    /// Records the step of an accepted TOTP code, only if it is newer than the stored one
    /// (so two concurrent logins cannot both use one code). Returns whether it was newer.
    ///
    /// # Errors
    /// Database failures.
    pub async fn advance_totp_step(&self, id: &str, step: u64) -> Result<bool> {
        let step = i64::try_from(step).unwrap_or(i64::MAX);
        let q = sqlx::query(
            "UPDATE users SET totp_last_step = ? WHERE id = ? \
             AND (totp_last_step IS NULL OR totp_last_step < ?)",
        );
        Ok(self.run(q.bind(step).bind(id).bind(step)).await? == 1)
    }

    /// Removes TOTP enrolment (an admin resetting a lost authenticator).
    ///
    /// # Errors
    /// Database failures.
    pub async fn clear_totp(&self, id: &str) -> Result<bool> {
        let q = sqlx::query(
            "UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL \
             WHERE id = ?",
        );
        Ok(self.run(q.bind(id)).await? == 1)
    }

    // ---- API keys ----------------------------------------------------------------------------

    /// Stores a new key's id and hash.
    ///
    /// # Errors
    /// [`Error::Conflict`] if the id is taken (astronomically unlikely: generate another).
    pub async fn create_api_key(
        &self,
        key: &ApiKey,
        name: &str,
        role: Role,
        expires_at: Option<i64>,
        created_by: Option<&str>,
        now: i64,
    ) -> Result<ApiKeyRecord> {
        sqlx::query(
            "INSERT INTO api_keys (id, name, role, key_hash, created_at, created_by, expires_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(key.id())
        .bind(name)
        .bind(role.as_str())
        .bind(key.hash().to_hex())
        .bind(now)
        .bind(created_by)
        .bind(expires_at)
        .execute(&self.pool)
        .await
        .map_err(conflict_as("api key"))?;
        inserted(self.api_key(key.id()).await?)
    }

    /// A key by id.
    ///
    /// # Errors
    /// Database failures.
    pub async fn api_key(&self, id: &str) -> Result<Option<ApiKeyRecord>> {
        let sql = format!("SELECT {KEY_COLUMNS} FROM api_keys WHERE id = ?");
        self.fetch_one(&sql, id, key_from_row).await
    }

    /// Every key, newest first.
    ///
    /// # Errors
    /// Database failures.
    pub async fn list_api_keys(&self) -> Result<Vec<ApiKeyRecord>> {
        let sql = format!("SELECT {KEY_COLUMNS} FROM api_keys ORDER BY created_at DESC, id");
        self.fetch_all(sqlx::query(&sql), key_from_row).await
    }

    /// Revokes a key; false if unknown or already revoked.
    ///
    /// # Errors
    /// Database failures.
    pub async fn revoke_api_key(&self, id: &str, now: i64) -> Result<bool> {
        let q =
            sqlx::query("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
        Ok(self.run(q.bind(now).bind(id)).await? == 1)
    }

    /// Replaces an active key by `new` (same name, role and expiry) and revokes the old one,
    /// in one transaction. `None` if the old key is unknown or inactive.
    ///
    /// # Errors
    /// Database failures.
    pub async fn rotate_api_key(
        &self,
        old_id: &str,
        new: &ApiKey,
        created_by: Option<&str>,
        now: i64,
    ) -> Result<Option<ApiKeyRecord>> {
        // Write first: a deferred transaction that reads and then writes cannot wait for the
        // write lock (SQLite returns SQLITE_BUSY at once), while a first write waits politely.
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(
            "UPDATE api_keys SET revoked_at = ?, rotated_to = ? WHERE id = ? \
             AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?) \
             RETURNING name, role, expires_at",
        )
        .bind(now)
        .bind(new.id())
        .bind(old_id)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let name: String = row.try_get("name")?;
        let role: String = row.try_get("role")?;
        let expires_at: Option<i64> = row.try_get("expires_at")?;
        sqlx::query(
            "INSERT INTO api_keys (id, name, role, key_hash, created_at, created_by, expires_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(new.id())
        .bind(&name)
        .bind(parse_role(&role, old_id)?.as_str())
        .bind(new.hash().to_hex())
        .bind(now)
        .bind(created_by)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.api_key(new.id()).await
    }

    /// Records that a key was used.
    ///
    /// # Errors
    /// Database failures.
    pub async fn touch_api_key(&self, id: &str, now: i64) -> Result<()> {
        let q = sqlx::query("UPDATE api_keys SET last_used_at = ? WHERE id = ?");
        self.run(q.bind(now).bind(id)).await?;
        Ok(())
    }

    // ---- refresh tokens ----------------------------------------------------------------------

    /// Stores a refresh token's hash in `family_id`.
    ///
    /// # Errors
    /// Database failures.
    pub async fn insert_refresh_token(
        &self,
        token_hash: &[u8; 32],
        family_id: &str,
        user_id: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        let q = sqlx::query(
            "INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at) \
             VALUES (?, ?, ?, ?, ?)",
        );
        let q = q.bind(hex_encode(token_hash)).bind(family_id).bind(user_id);
        self.run(q.bind(now).bind(expires_at)).await?;
        Ok(())
    }

    /// Consumes a refresh token. A token presented twice revokes its whole family.
    ///
    /// # Errors
    /// Database failures.
    pub async fn use_refresh_token(
        &self,
        token_hash: &[u8; 32],
        now: i64,
    ) -> Result<RefreshOutcome> {
        let hash = hex_encode(token_hash);
        let claimed = sqlx::query(
            "UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL \
             AND revoked_at IS NULL AND expires_at > ? RETURNING user_id, family_id",
        )
        .bind(now)
        .bind(&hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        if let Some(r) = claimed {
            return Ok(RefreshOutcome::Valid {
                user_id: r.try_get("user_id")?,
                family_id: r.try_get("family_id")?,
            });
        }
        let row = sqlx::query(
            "SELECT user_id, family_id, used_at FROM refresh_tokens WHERE token_hash = ?",
        )
        .bind(&hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else {
            return Ok(RefreshOutcome::Unknown);
        };
        let used: Option<i64> = r.try_get("used_at")?;
        let user_id: String = r.try_get("user_id")?;
        let family_id: String = r.try_get("family_id")?;
        if used.is_some() {
            self.revoke_refresh_family(&family_id, now).await?;
            return Ok(RefreshOutcome::Reused { user_id, family_id });
        }
        Ok(RefreshOutcome::Inactive)
    }

    /// Revokes every token of a family (logout, or reuse detected).
    ///
    /// # Errors
    /// Database failures.
    pub async fn revoke_refresh_family(&self, family_id: &str, now: i64) -> Result<u64> {
        let q = sqlx::query(
            "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
        );
        self.run(q.bind(now).bind(family_id)).await
    }

    /// The family and owner of a token, if it exists (for logout).
    ///
    /// # Errors
    /// Database failures.
    pub async fn refresh_token_family(
        &self,
        token_hash: &[u8; 32],
    ) -> Result<Option<(String, String)>> {
        let row = sqlx::query("SELECT user_id, family_id FROM refresh_tokens WHERE token_hash = ?")
            .bind(hex_encode(token_hash))
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((r.try_get("user_id")?, r.try_get("family_id")?)))
            .transpose()
    }

    /// Revokes every refresh token of a user.
    ///
    /// # Errors
    /// Database failures.
    pub async fn revoke_user_refresh_tokens(&self, user_id: &str, now: i64) -> Result<u64> {
        let q = sqlx::query(
            "UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
        );
        self.run(q.bind(now).bind(user_id)).await
    }

    // ---- revoked access tokens ---------------------------------------------------------------

    /// Records that the access token `jti` is revoked (logout) and must be refused until
    /// `expires_at`; prunes rows whose tokens have expired by `now`, so the table stays as small
    /// as the set of live revoked tokens. Revoking a token twice is not an error.
    ///
    /// # Errors
    /// Database failures.
    pub async fn insert_revoked_token(&self, jti: &str, expires_at: i64, now: i64) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO revoked_tokens (jti, expires_at) VALUES (?, ?) \
             ON CONFLICT (jti) DO UPDATE SET expires_at = MAX(expires_at, excluded.expires_at)",
        )
        .bind(jti)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM revoked_tokens WHERE expires_at <= ?")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every revoked token still unexpired at `now`, as `(jti, expires_at)`.
    ///
    /// # Errors
    /// Database failures.
    pub async fn revoked_tokens(&self, now: i64) -> Result<Vec<(String, i64)>> {
        Ok(
            sqlx::query_as("SELECT jti, expires_at FROM revoked_tokens WHERE expires_at > ?")
                .bind(now)
                .fetch_all(&self.pool)
                .await?,
        )
    }

    // ---- security events ---------------------------------------------------------------------

    /// Stores an event; returns its id.
    ///
    /// # Errors
    /// Database failures.
    pub async fn insert_security_event(&self, e: &NewSecurityEvent) -> Result<i64> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO security_events (at, kind, severity, ip, subject, detail) \
             VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(e.at)
        .bind(&e.kind)
        .bind(&e.severity)
        .bind(&e.ip)
        .bind(&e.subject)
        .bind(&e.detail)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// Events newest first, optionally only of one kind and older than `before_id`.
    ///
    /// # Errors
    /// Database failures.
    pub async fn list_security_events(
        &self,
        kind: Option<&str>,
        before_id: Option<i64>,
        limit: u32,
    ) -> Result<Vec<SecurityEventRecord>> {
        let q = sqlx::query(
            "SELECT id, at, kind, severity, ip, subject, detail FROM security_events \
             WHERE (? IS NULL OR kind = ?) AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?",
        );
        let q = q.bind(kind).bind(kind).bind(before_id).bind(before_id);
        self.fetch_all(q.bind(i64::from(limit)), event_from_row)
            .await
    }
}

fn hex_encode(b: &[u8; 32]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(64);
    for x in b {
        let _ = write!(s, "{x:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn store() -> (tempfile::TempDir, AuthStore) {
        let tmp = tempfile::tempdir().unwrap();
        let s = SqliteStore::open(&tmp.path().join("d")).await.unwrap();
        (tmp, AuthStore::new(&s))
    }

    #[tokio::test]
    async fn users_round_trip_and_names_are_unique() {
        let (_t, a) = store().await;
        let u = a
            .create_user("alice", "$argon2id$x", Role::Admin, true, 100)
            .await
            .unwrap();
        assert_eq!(u.role, Role::Admin);
        assert!(u.must_change_password && !u.mfa_enrolled() && !u.disabled);
        assert!(matches!(
            a.create_user("alice", "h", Role::Auditor, false, 1).await,
            Err(Error::Conflict("user"))
        ));
        assert_eq!(a.record_login_failure(&u.id, 5).await.unwrap(), 1);
        assert_eq!(a.record_login_failure(&u.id, 6).await.unwrap(), 2);
        a.record_login_success(&u.id, 7).await.unwrap();
        let u2 = a.user_by_name("alice").await.unwrap().unwrap();
        assert_eq!(u2.failed_logins, 0);
        assert_eq!(u2.last_login_at, Some(7));
        assert!(a.set_disabled(&u.id, true, 8).await.unwrap());
        assert!(a.user_by_id(&u.id).await.unwrap().unwrap().disabled);
        assert_eq!(a.count_active_with_role(Role::Admin).await.unwrap(), 0);
        assert!(a.delete_user(&u.id).await.unwrap());
        assert!(a.user_by_id(&u.id).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn totp_secret_is_sealed_and_bound_to_the_user() {
        let (_t, a) = store().await;
        let master = MasterKey::from_bytes("m", &[3; 32]).unwrap();
        let u = a
            .create_user("bob", "h", Role::Admin, false, 1)
            .await
            .unwrap();
        let secret = TotpSecret::generate();
        let sealed = seal_user_secret(&master, &u.id, secret.to_base32().as_bytes()).unwrap();
        assert!(!sealed
            .windows(8)
            .any(|w| w == &secret.to_base32().as_bytes()[..8]));
        a.set_totp_pending(&u.id, &sealed).await.unwrap();
        assert!(a.activate_totp(&u.id, 10).await.unwrap());
        let row = a.user_by_id(&u.id).await.unwrap().unwrap();
        let blob = row.totp_secret.unwrap();
        let plain = open_user_secret(&master, &u.id, &blob).unwrap();
        assert_eq!(plain.as_slice(), secret.to_base32().as_bytes());
        assert!(open_user_secret(&master, "someone-else", &blob).is_err());
        let other = MasterKey::from_bytes("m", &[4; 32]).unwrap();
        assert!(open_user_secret(&other, &u.id, &blob).is_err());
        assert!(open_user_secret(&master, &u.id, &blob[..10]).is_err());
        // Steps only move forward.
        assert!(!a.advance_totp_step(&u.id, 10).await.unwrap());
        assert!(a.advance_totp_step(&u.id, 11).await.unwrap());
    }

    #[tokio::test]
    async fn api_keys_revoke_and_rotate() {
        let (_t, a) = store().await;
        let k = ApiKey::generate();
        let rec = a
            .create_api_key(&k, "crm", Role::Service, Some(1000), Some("cli"), 10)
            .await
            .unwrap();
        assert!(rec.is_active(999) && !rec.is_active(1000));
        assert!(ApiKey::parse(k.expose()).unwrap().verify(&rec.key_hash));
        let k2 = ApiKey::generate();
        let new = a
            .rotate_api_key(k.id(), &k2, None, 20)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (new.name.as_str(), new.role, new.expires_at),
            ("crm", Role::Service, Some(1000))
        );
        let old = a.api_key(k.id()).await.unwrap().unwrap();
        assert_eq!(old.revoked_at, Some(20));
        assert_eq!(old.rotated_to.as_deref(), Some(k2.id()));
        // A revoked key can be neither rotated nor revoked again.
        assert!(a
            .rotate_api_key(k.id(), &ApiKey::generate(), None, 21)
            .await
            .unwrap()
            .is_none());
        assert!(!a.revoke_api_key(k.id(), 22).await.unwrap());
        assert!(a.revoke_api_key(k2.id(), 22).await.unwrap());
        assert_eq!(a.list_api_keys().await.unwrap().len(), 2);
    }

    #[tokio::test]
    async fn refresh_reuse_revokes_the_family() {
        let (_t, a) = store().await;
        let u = a
            .create_user("carol", "h", Role::Auditor, false, 1)
            .await
            .unwrap();
        let t1 = [1u8; 32];
        let t2 = [2u8; 32];
        a.insert_refresh_token(&t1, "fam", &u.id, 10, 100)
            .await
            .unwrap();
        assert_eq!(
            a.use_refresh_token(&t1, 11).await.unwrap(),
            RefreshOutcome::Valid {
                user_id: u.id.clone(),
                family_id: "fam".into()
            }
        );
        a.insert_refresh_token(&t2, "fam", &u.id, 11, 100)
            .await
            .unwrap();
        // The stolen first token comes back: the successor dies with it.
        assert!(matches!(
            a.use_refresh_token(&t1, 12).await.unwrap(),
            RefreshOutcome::Reused { .. }
        ));
        assert_eq!(
            a.use_refresh_token(&t2, 13).await.unwrap(),
            RefreshOutcome::Inactive
        );
        assert_eq!(
            a.use_refresh_token(&[9; 32], 13).await.unwrap(),
            RefreshOutcome::Unknown
        );
        let t3 = [3u8; 32];
        a.insert_refresh_token(&t3, "f2", &u.id, 10, 20)
            .await
            .unwrap();
        assert_eq!(
            a.use_refresh_token(&t3, 20).await.unwrap(),
            RefreshOutcome::Inactive
        );
    }

    #[tokio::test]
    async fn revoked_tokens_outlive_the_connection_and_expire() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("d");
        {
            let a = AuthStore::new(&SqliteStore::open(&path).await.unwrap());
            a.insert_revoked_token("j1", 100, 10).await.unwrap();
            a.insert_revoked_token("j2", 50, 10).await.unwrap();
            // Twice is harmless and keeps the later expiry.
            a.insert_revoked_token("j1", 90, 11).await.unwrap();
        }
        // A fresh open (a restart) sees them.
        let a = AuthStore::new(&SqliteStore::open(&path).await.unwrap());
        let mut live = a.revoked_tokens(20).await.unwrap();
        live.sort();
        assert_eq!(live, vec![("j1".into(), 100), ("j2".into(), 50)]);
        assert_eq!(
            a.revoked_tokens(60).await.unwrap(),
            vec![("j1".into(), 100)]
        );
        // The next insert prunes what has expired.
        a.insert_revoked_token("j3", 200, 60).await.unwrap();
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM revoked_tokens")
            .fetch_one(&a.pool)
            .await
            .unwrap();
        assert_eq!(n, 2, "j2 expired at 50 and is gone");
    }

    #[tokio::test]
    async fn security_events_filter_and_page() {
        let (_t, a) = store().await;
        for i in 0..5 {
            a.insert_security_event(&NewSecurityEvent {
                at: i,
                kind: if i % 2 == 0 {
                    "auth.failed"
                } else {
                    "ratelimit.exceeded"
                }
                .into(),
                severity: "medium".into(),
                ip: Some("203.0.113.9".into()),
                subject: None,
                detail: format!("event {i}"),
            })
            .await
            .unwrap();
        }
        let all = a.list_security_events(None, None, 10).await.unwrap();
        assert_eq!(all.len(), 5);
        assert_eq!(all[0].detail, "event 4");
        let failed = a
            .list_security_events(Some("auth.failed"), None, 10)
            .await
            .unwrap();
        assert_eq!(failed.len(), 3);
        let page = a
            .list_security_events(None, Some(all[1].id), 2)
            .await
            .unwrap();
        assert_eq!(page.iter().map(|e| e.at).collect::<Vec<_>>(), vec![2, 1]);
    }
}
