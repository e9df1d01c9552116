//! Calls and everything held about them, encrypted at rest.
//!
//! [`CallStore`] is the one way call data gets in and out:
//!
//! - [`CallStore::start_call`] creates the call row (the caller's number only as a keyed hash)
//!   and a fresh data key, wrapped by the current master key, in `call_keys`.
//! - [`CallStore::append_turn`] stores a transcript turn: the redacted text in clear, the raw
//!   text sealed; PII finding counts by type (never values) for reports.
//! - [`CallStore::put_blob`] seals recordings, analysis results and other personal data
//!   (AAD = call id, data class, blob id): small ciphertexts in the database, larger ones as
//!   files under `data/blobs/`.
//! - [`CallStore::delete_call`] erases a call and crypto-shreds its key: the wrapped key is
//!   overwritten in place, then deleted with `secure_delete` on, and the WAL is checkpointed
//!   and truncated, so neither free pages nor WAL frames keep a copy. Any ciphertext that
//!   survives elsewhere (a blob file in a backup) can no longer be opened.
//! - Reads, lookups, holds and deletions are audited through [`AuditLog`] with the acting
//!   [`AccessContext`]; audit records carry the call id, never content or numbers.
//!
//! Times are Unix milliseconds passed in by the caller, so tests control the clock.

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use sqlx::pool::PoolConnection;
use sqlx::{Row, Sqlite, SqliteConnection, SqlitePool};
use voxgate_security::audit::{event_types, AuditResult, Classification};
use voxgate_security::crypto::{self, DataClass, DataKey, LookupKey, MasterKey, WrappedKey};
use zeroize::Zeroizing;

use crate::audit_log::{AccessContext, AuditLog};
use crate::blobs::{check_id, BlobStore, KeyRing, INLINE_MAX};
use crate::{Error, Result, SqliteStore};

/// Name of the blob directory inside the data directory.
pub const BLOB_DIR: &str = "blobs";

/// A call being created.
#[derive(Debug, Clone)]
pub struct NewCall<'a> {
    /// Call id (from the call registry); letters, digits, `.`, `_`, `-`.
    pub id: &'a str,
    /// Transport name (`audiosocket`, `twilio`, `browser`).
    pub transport: &'a str,
    /// Agent profile.
    pub profile: Option<&'a str>,
    /// Caller number as received; stored only as a keyed hash.
    pub caller: Option<&'a str>,
    /// Start time.
    pub started_ms: i64,
}

/// A transcript turn to store.
#[derive(Debug, Clone)]
pub struct Turn<'a> {
    /// When it was spoken.
    pub at_ms: i64,
    /// `caller` or `agent`.
    pub speaker: &'a str,
    /// Text with personal data replaced (stored in clear).
    pub redacted_text: &'a str,
    /// The unredacted text; sealed, or not kept at all when `None` (no consent to keep raw
    /// data).
    pub raw_text: Option<&'a str>,
    /// PII finding counts by entity type (`PHONE_NUMBER`, 2).
    pub pii: &'a [(&'a str, u32)],
}

/// A call's metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallSummary {
    /// Call id.
    pub id: String,
    /// Transport name.
    pub transport: String,
    /// Agent profile.
    pub profile: Option<String>,
    /// Start (Unix ms).
    pub started_ms: Option<i64>,
    /// End (Unix ms), once finished.
    pub ended_ms: Option<i64>,
    /// Why it ended.
    pub end_reason: Option<String>,
    /// Whether a legal hold blocks purging and deletion.
    pub legal_hold: bool,
    /// Stored transcript turns.
    pub turns: i64,
    /// Stored blobs.
    pub blobs: i64,
}

/// A stored blob's metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlobInfo {
    /// Blob id.
    pub id: String,
    /// Data class (`recording`, `raw_transcript`, ...).
    pub class: String,
    /// Media type of the plaintext (`audio/wav`, `application/json`, `text/plain`).
    pub media_type: String,
    /// Plaintext size in bytes.
    pub size: i64,
    /// When stored.
    pub created_ms: i64,
}

/// What [`CallStore::delete_call`] removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DeleteReport {
    /// Blob rows removed.
    pub blobs: u64,
    /// Blob files removed.
    pub files: u64,
    /// Transcript turns removed.
    pub turns: u64,
    /// Whether a data key was shredded.
    pub key_shredded: bool,
    /// Whether the WAL was checkpointed and truncated (false when a long reader blocked it;
    /// the next checkpoint overwrites the frames).
    pub wal_truncated: bool,
}

/// Encrypted call storage; cheap to clone.
#[derive(Debug, Clone)]
pub struct CallStore {
    pool: SqlitePool,
    blobs: BlobStore,
    keys: Arc<KeyRing>,
    lookup: Arc<LookupKey>,
    audit: AuditLog,
}

impl CallStore {
    /// Opens call storage on `store`, with blob files under `<data dir>/blobs`.
    ///
    /// # Errors
    /// [`Error::Io`] when the blob directory cannot be created.
    pub fn open(
        store: &SqliteStore,
        keys: KeyRing,
        lookup: LookupKey,
        audit: AuditLog,
    ) -> Result<Self> {
        let data_dir = store.path().parent().unwrap_or(Path::new("."));
        Ok(Self {
            pool: store.pool().clone(),
            blobs: BlobStore::open(&data_dir.join(BLOB_DIR))?,
            keys: Arc::new(keys),
            lookup: Arc::new(lookup),
            audit,
        })
    }

    /// The database pool.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The audit writer.
    pub fn audit(&self) -> &AuditLog {
        &self.audit
    }

    /// The blob files.
    pub fn blob_files(&self) -> &BlobStore {
        &self.blobs
    }

    /// The keyed hash of a phone number, hex, as stored in `calls.caller_hash`.
    ///
    /// # Errors
    /// [`Error::Crypto`] for something that is not a phone number.
    pub fn caller_hash(&self, phone: &str) -> Result<String> {
        Ok(hex::encode(crypto::caller_hash(&self.lookup, phone)?))
    }

    /// Creates the call row and its data key in one transaction.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for a bad id or number, [`Error::Database`] (also when the id
    /// exists).
    pub async fn start_call(&self, c: &NewCall<'_>) -> Result<()> {
        check_id("call", c.id)?;
        let caller_hash = match c.caller {
            Some(p) if !p.trim().is_empty() => Some(
                self.caller_hash(p)
                    .map_err(|_| Error::InvalidInput("caller is not a phone number".into()))?,
            ),
            _ => None,
        };
        let dk = DataKey::generate();
        let wrapped = self.keys.wrap(&dk, c.id)?;
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO calls (id, transport, profile, caller_hash, started_at, started_ms) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(c.id)
        .bind(c.transport)
        .bind(c.profile)
        .bind(caller_hash)
        .bind(voxgate_security::audit::rfc3339_millis(c.started_ms))
        .bind(c.started_ms)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO call_keys (call_id, master_key_id, wrapped, created_ms) VALUES (?, ?, ?, ?)",
        )
        .bind(c.id)
        .bind(wrapped.master_key_id())
        .bind(wrapped.to_bytes())
        .bind(c.started_ms)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The call's data key.
    ///
    /// # Errors
    /// [`Error::NotFound`] when the call has no key (never created, deleted or shredded).
    pub(crate) async fn data_key(&self, call_id: &str) -> Result<DataKey> {
        let row: Option<(Vec<u8>,)> =
            sqlx::query_as("SELECT wrapped FROM call_keys WHERE call_id = ?")
                .bind(call_id)
                .fetch_optional(&self.pool)
                .await?;
        let (bytes,) = row.ok_or_else(|| Error::NotFound {
            what: "data key of call",
            id: call_id.to_owned(),
        })?;
        let wrapped = WrappedKey::from_bytes(&bytes)?;
        self.keys.unwrap(&wrapped, call_id)
    }

    // Private helper: each argument is a distinct part of the blob's identity and content.
    #[allow(clippy::too_many_arguments)]
    async fn seal_and_store(
        &self,
        conn: &mut SqliteConnection,
        call_id: &str,
        key: &DataKey,
        class: DataClass,
        media_type: &str,
        plaintext: &[u8],
        now_ms: i64,
    ) -> Result<String> {
        let blob_id = uuid::Uuid::new_v4().to_string();
        let sealed = crypto::seal_blob(key, call_id, class, &blob_id, plaintext)?;
        let in_file = sealed.len() > INLINE_MAX;
        if in_file {
            self.blobs.write(call_id, &blob_id, &sealed)?;
        }
        let res = sqlx::query(
            "INSERT INTO blobs (id, call_id, class, media_type, size, created_ms, in_file, ciphertext) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&blob_id)
        .bind(call_id)
        .bind(class.as_str())
        .bind(media_type)
        .bind(i64::try_from(plaintext.len()).unwrap_or(i64::MAX))
        .bind(now_ms)
        .bind(in_file)
        .bind((!in_file).then_some(sealed))
        .execute(&mut *conn)
        .await;
        if let Err(e) = res {
            if in_file {
                let _ = self.blobs.remove(call_id, &blob_id);
            }
            return Err(e.into());
        }
        Ok(blob_id)
    }

    /// Appends a transcript turn; returns its sequence number (from 1).
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown or deleted call, [`Error::Database`].
    pub async fn append_turn(&self, call_id: &str, t: &Turn<'_>) -> Result<i64> {
        let key = self.data_key(call_id).await?;
        // It reads the next sequence number and then writes: a deferred transaction would get
        // SQLITE_BUSY at once (no wait) if another connection wrote in between, so take the
        // write lock first, where the busy timeout applies.
        let mut conn = self.pool.acquire().await?;
        let mut tx = sqlx::Connection::begin_with(&mut *conn, "BEGIN IMMEDIATE").await?;
        let (seq,): (i64,) = sqlx::query_as(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM transcript_turns WHERE call_id = ?",
        )
        .bind(call_id)
        .fetch_one(&mut *tx)
        .await?;
        let raw_blob = match t.raw_text {
            Some(raw) => Some(
                self.seal_and_store(
                    &mut tx,
                    call_id,
                    &key,
                    DataClass::RawTranscript,
                    "text/plain; charset=utf-8",
                    raw.as_bytes(),
                    t.at_ms,
                )
                .await?,
            ),
            None => None,
        };
        sqlx::query(
            "INSERT INTO transcript_turns (call_id, seq, at_ms, speaker, redacted_text, raw_blob_id) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(call_id)
        .bind(seq)
        .bind(t.at_ms)
        .bind(t.speaker)
        .bind(t.redacted_text)
        .bind(&raw_blob)
        .execute(&mut *tx)
        .await?;
        for (kind, count) in t.pii {
            sqlx::query(
                "INSERT INTO pii_findings (call_id, turn_seq, kind, count, at_ms) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(call_id)
            .bind(seq)
            .bind(*kind)
            .bind(i64::from(*count))
            .bind(t.at_ms)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(seq)
    }

    /// Seals and stores a blob (recording, analysis result, other personal data); returns its
    /// id.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown or deleted call, [`Error::Io`], [`Error::Database`].
    pub async fn put_blob(
        &self,
        call_id: &str,
        class: DataClass,
        media_type: &str,
        plaintext: &[u8],
        now_ms: i64,
    ) -> Result<String> {
        let key = self.data_key(call_id).await?;
        let mut conn = self.pool.acquire().await?;
        self.seal_and_store(
            &mut conn, call_id, &key, class, media_type, plaintext, now_ms,
        )
        .await
    }

    /// Blobs of a call.
    ///
    /// # Errors
    /// [`Error::Database`].
    pub async fn list_blobs(&self, call_id: &str) -> Result<Vec<BlobInfo>> {
        let rows = sqlx::query(
            "SELECT id, class, media_type, size, created_ms FROM blobs WHERE call_id = ? ORDER BY created_ms, id",
        )
        .bind(call_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(BlobInfo {
                    id: r.try_get(0)?,
                    class: r.try_get(1)?,
                    media_type: r.try_get(2)?,
                    size: r.try_get(3)?,
                    created_ms: r.try_get(4)?,
                })
            })
            .collect()
    }

    /// Decrypts one blob without auditing (export and tests; callers audit the access).
    pub(crate) async fn open_blob_unaudited(
        &self,
        key: &DataKey,
        call_id: &str,
        blob_id: &str,
    ) -> Result<(BlobInfo, Zeroizing<Vec<u8>>)> {
        let row = sqlx::query(
            "SELECT id, class, media_type, size, created_ms, in_file, ciphertext FROM blobs \
             WHERE call_id = ? AND id = ?",
        )
        .bind(call_id)
        .bind(blob_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| Error::NotFound {
            what: "blob",
            id: blob_id.to_owned(),
        })?;
        let info = BlobInfo {
            id: row.try_get(0)?,
            class: row.try_get(1)?,
            media_type: row.try_get(2)?,
            size: row.try_get(3)?,
            created_ms: row.try_get(4)?,
        };
        let in_file: bool = row.try_get(5)?;
        let sealed: Vec<u8> = if in_file {
            self.blobs.read(call_id, blob_id)?
        } else {
            row.try_get::<Option<Vec<u8>>, _>(6)?.unwrap_or_default()
        };
        let class = DataClass::parse(&info.class)
            .ok_or_else(|| Error::InvalidInput(format!("unknown data class {}", info.class)))?;
        // Call recordings are streamed to disk in sealed records (see `crate::recording`).
        if class == DataClass::Recording && crate::recording::is_streamed(&sealed) {
            let wav = crate::recording::open_wav(key, call_id, blob_id, &sealed)?;
            return Ok((info, wav));
        }
        let plain = crypto::open_blob(key, call_id, class, blob_id, &sealed)?;
        Ok((info, plain))
    }

    /// Decrypts a blob for `ctx`, auditing the access (`recording.play`,
    /// `transcript.read_raw` or `analysis.access`).
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown blob or a deleted call; [`Error::Crypto`].
    pub async fn read_blob(
        &self,
        ctx: &AccessContext,
        call_id: &str,
        blob_id: &str,
        now_ms: i64,
    ) -> Result<(BlobInfo, Zeroizing<Vec<u8>>)> {
        let result = async {
            let key = self.data_key(call_id).await?;
            self.open_blob_unaudited(&key, call_id, blob_id).await
        }
        .await;
        let class = result
            .as_ref()
            .map(|(i, _)| i.class.clone())
            .unwrap_or_default();
        let event_type = match class.as_str() {
            "recording" => event_types::RECORDING_PLAY,
            "analysis_result" => event_types::ANALYSIS,
            _ => event_types::TRANSCRIPT_READ_RAW,
        };
        self.audit_read(
            ctx,
            now_ms,
            event_type,
            call_id,
            &format!("call:{call_id}/blob:{blob_id}"),
            true,
            outcome(&result),
        )
        .await?;
        result
    }

    /// Records a read of restricted call data by `ctx` (`pii_involved` when content was or
    /// would have been disclosed).
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn audit_read(
        &self,
        ctx: &AccessContext,
        now_ms: i64,
        event_type: &str,
        call_id: &str,
        resource: &str,
        pii_involved: bool,
        result: AuditResult,
    ) -> Result<()> {
        let mut e = ctx.event(now_ms, event_type, resource, "read", result);
        e.call_id = Some(call_id.to_owned());
        e.pii_involved = pii_involved;
        e.data_classification = Classification::Restricted;
        self.audit.append(e.finish()).await?;
        Ok(())
    }

    /// Records the end of a call.
    ///
    /// # Errors
    /// [`Error::NotFound`], [`Error::Database`].
    pub async fn finish_call(&self, call_id: &str, ended_ms: i64, reason: &str) -> Result<()> {
        let r =
            sqlx::query("UPDATE calls SET ended_ms = ?, ended_at = ?, end_reason = ? WHERE id = ?")
                .bind(ended_ms)
                .bind(voxgate_security::audit::rfc3339_millis(ended_ms))
                .bind(reason)
                .bind(call_id)
                .execute(&self.pool)
                .await?;
        if r.rows_affected() == 0 {
            return Err(not_found(call_id));
        }
        Ok(())
    }

    /// Sets or clears the legal hold of a call (audited `legal_hold.set`).
    ///
    /// # Errors
    /// [`Error::NotFound`], [`Error::Database`].
    pub async fn set_legal_hold(
        &self,
        ctx: &AccessContext,
        call_id: &str,
        hold: bool,
        now_ms: i64,
    ) -> Result<()> {
        let r = sqlx::query("UPDATE calls SET legal_hold = ? WHERE id = ?")
            .bind(hold)
            .bind(call_id)
            .execute(&self.pool)
            .await;
        let result = match r {
            Ok(r) if r.rows_affected() == 0 => Err(not_found(call_id)),
            Ok(_) => Ok(()),
            Err(e) => Err(e.into()),
        };
        let mut e = ctx.event(
            now_ms,
            event_types::LEGAL_HOLD,
            &format!("call:{call_id}"),
            if hold { "hold" } else { "release" },
            outcome(&result),
        );
        e.call_id = Some(call_id.to_owned());
        e.data_classification = Classification::Confidential;
        self.audit.append(e.finish()).await?;
        result
    }

    /// One call's metadata.
    ///
    /// # Errors
    /// [`Error::NotFound`], [`Error::Database`].
    pub async fn get_call(&self, call_id: &str) -> Result<CallSummary> {
        let rows = self.summaries("c.id = ?", call_id).await?;
        rows.into_iter().next().ok_or_else(|| not_found(call_id))
    }

    async fn summaries(&self, filter: &str, arg: &str) -> Result<Vec<CallSummary>> {
        let rows = sqlx::query(&format!(
            "SELECT c.id, c.transport, c.profile, c.started_ms, c.ended_ms, c.end_reason, c.legal_hold, \
             (SELECT COUNT(*) FROM transcript_turns t WHERE t.call_id = c.id), \
             (SELECT COUNT(*) FROM blobs b WHERE b.call_id = c.id) \
             FROM calls c WHERE {filter} ORDER BY c.started_ms, c.id"
        ))
        .bind(arg)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CallSummary {
                    id: r.try_get(0)?,
                    transport: r.try_get(1)?,
                    profile: r.try_get(2)?,
                    started_ms: r.try_get(3)?,
                    ended_ms: r.try_get(4)?,
                    end_reason: r.try_get(5)?,
                    legal_hold: r.try_get(6)?,
                    turns: r.try_get(7)?,
                    blobs: r.try_get(8)?,
                })
            })
            .collect()
    }

    /// Every call from this phone number (matched by keyed hash; audited `call.lookup`, the
    /// number itself is not recorded).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for something that is not a phone number, [`Error::Database`].
    pub async fn find_by_caller(
        &self,
        ctx: &AccessContext,
        phone: &str,
        now_ms: i64,
    ) -> Result<Vec<CallSummary>> {
        let result = match self.caller_hash(phone) {
            Ok(h) => self.summaries("c.caller_hash = ?", &h).await,
            Err(_) => Err(Error::InvalidInput("not a phone number".into())),
        };
        let mut e = ctx.event(
            now_ms,
            event_types::CALL_LOOKUP,
            "calls?caller=<hash>",
            "lookup",
            outcome(&result),
        );
        e.pii_involved = true;
        e.data_classification = Classification::Confidential;
        if let Ok(found) = &result {
            e.action_taken = None;
            e.resource = format!("calls?caller=<hash> ({} found)", found.len());
        }
        self.audit.append(e.finish()).await?;
        result
    }

    /// Erases a call: blobs, transcript, findings, consents and the call row, and shreds its
    /// data key. Refused while a legal hold is set. Audited `call.delete` (call id only).
    ///
    /// # Errors
    /// [`Error::NotFound`], [`Error::LegalHold`], [`Error::Database`], [`Error::Io`].
    pub async fn delete_call(
        &self,
        ctx: &AccessContext,
        call_id: &str,
        now_ms: i64,
    ) -> Result<DeleteReport> {
        let result = self.erase(call_id).await;
        let mut e = ctx.event(
            now_ms,
            event_types::CALL_DELETE,
            &format!("call:{call_id}"),
            "delete",
            outcome(&result),
        );
        e.call_id = Some(call_id.to_owned());
        e.pii_involved = true;
        e.data_classification = Classification::Restricted;
        if let Ok(r) = &result {
            e.action_taken = r.key_shredded.then(|| "data_key_shredded".to_owned());
        }
        self.audit.append(e.finish()).await?;
        result
    }

    async fn erase(&self, call_id: &str) -> Result<DeleteReport> {
        let call = self.get_call(call_id).await?;
        if call.legal_hold {
            return Err(Error::LegalHold(call_id.to_owned()));
        }
        let files: Vec<(String,)> =
            sqlx::query_as("SELECT id FROM blobs WHERE call_id = ? AND in_file = 1")
                .bind(call_id)
                .fetch_all(&self.pool)
                .await?;
        let mut conn = secure_conn(&self.pool).await?;
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        let key_shredded = shred_key(&mut tx, call_id).await?;
        let blobs = sqlx::query("DELETE FROM blobs WHERE call_id = ?")
            .bind(call_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let turns = sqlx::query("DELETE FROM transcript_turns WHERE call_id = ?")
            .bind(call_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        for table in ["pii_findings", "consents"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE call_id = ?"))
                .bind(call_id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("DELETE FROM calls WHERE id = ?")
            .bind(call_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        let mut removed = 0u64;
        for (id,) in &files {
            self.blobs.remove(call_id, id)?;
            removed += 1;
        }
        removed += self.blobs.remove_call(call_id)? as u64;
        let wal_truncated = checkpoint_truncate(&mut conn).await;
        Ok(DeleteReport {
            blobs,
            files: removed,
            turns,
            key_shredded,
            wal_truncated,
        })
    }

    /// Re-wraps every data key not already under the current master key (rotation); blobs are
    /// untouched. Runs in one transaction: all keys move or none. Audited `key.manage`.
    ///
    /// # Errors
    /// [`Error::Key`] when a key is wrapped by a master key this ring does not hold.
    pub async fn rewrap_all(&self, ctx: &AccessContext, now_ms: i64) -> Result<u64> {
        let current = self.keys.current().id().to_owned();
        let result = async {
            let mut conn = secure_conn(&self.pool).await?;
            let mut tx = sqlx::Connection::begin(&mut *conn).await?;
            let rows: Vec<(String, Vec<u8>)> =
                sqlx::query_as("SELECT call_id, wrapped FROM call_keys WHERE master_key_id <> ?")
                    .bind(&current)
                    .fetch_all(&mut *tx)
                    .await?;
            let mut n = 0u64;
            for (call_id, bytes) in rows {
                let old = WrappedKey::from_bytes(&bytes)?;
                let dk = self.keys.unwrap(&old, &call_id)?;
                let new = self.keys.wrap(&dk, &call_id)?;
                sqlx::query(
                    "UPDATE call_keys SET master_key_id = ?, wrapped = ? WHERE call_id = ?",
                )
                .bind(new.master_key_id())
                .bind(new.to_bytes())
                .bind(&call_id)
                .execute(&mut *tx)
                .await?;
                n += 1;
            }
            tx.commit().await?;
            checkpoint_truncate(&mut conn).await;
            Ok(n)
        }
        .await;
        let mut e = ctx.event(
            now_ms,
            event_types::KEY_MANAGE,
            &format!("master_key:{current}"),
            "rotate",
            outcome(&result),
        );
        e.data_classification = Classification::Restricted;
        if let Ok(n) = &result {
            e.action_taken = Some(format!("rewrapped {n} data keys"));
        }
        self.audit.append(e.finish()).await?;
        result
    }

    /// How many data keys each master key wraps.
    ///
    /// # Errors
    /// [`Error::Database`].
    pub async fn key_usage(&self) -> Result<Vec<(String, i64)>> {
        Ok(sqlx::query_as(
            "SELECT master_key_id, COUNT(*) FROM call_keys GROUP BY master_key_id ORDER BY 1",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// The current master key.
    pub fn master_key(&self) -> &MasterKey {
        self.keys.current()
    }
}

pub(crate) fn not_found(call_id: &str) -> Error {
    Error::NotFound {
        what: "call",
        id: call_id.to_owned(),
    }
}

pub(crate) fn outcome<T>(r: &Result<T>) -> AuditResult {
    match r {
        Ok(_) => AuditResult::Success,
        Err(Error::NotFound { .. } | Error::InvalidInput(_)) => AuditResult::Failure,
        Err(Error::LegalHold(_)) => AuditResult::Denied,
        Err(_) => AuditResult::Error,
    }
}

/// A pooled connection with `secure_delete` on, so deleted rows are overwritten with zeros in
/// the database file rather than left in free pages.
pub(crate) async fn secure_conn(pool: &SqlitePool) -> Result<PoolConnection<Sqlite>> {
    let mut conn = pool.acquire().await?;
    sqlx::query("PRAGMA secure_delete = ON")
        .execute(&mut *conn)
        .await?;
    Ok(conn)
}

/// Overwrites a call's wrapped key in place, then deletes the row. Returns whether there was
/// one.
pub(crate) async fn shred_key(conn: &mut SqliteConnection, call_id: &str) -> Result<bool> {
    sqlx::query("UPDATE call_keys SET wrapped = zeroblob(length(wrapped)) WHERE call_id = ?")
        .bind(call_id)
        .execute(&mut *conn)
        .await?;
    let n = sqlx::query("DELETE FROM call_keys WHERE call_id = ?")
        .bind(call_id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(n > 0)
}

/// Copies the WAL into the database and truncates it to zero bytes, so old page images (the
/// pre-delete rows) do not linger in the WAL file. Returns false when readers kept it busy.
pub(crate) async fn checkpoint_truncate(conn: &mut SqliteConnection) -> bool {
    match sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .fetch_one(&mut *conn)
        .await
    {
        Ok(row) => row
            .try_get::<i64, _>(0)
            .map(|busy| busy == 0)
            .unwrap_or(false),
        Err(e) => {
            tracing::warn!(error = %e, "WAL checkpoint failed");
            false
        }
    }
}
