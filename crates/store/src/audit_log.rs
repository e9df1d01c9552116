//! The audit log table: append-only, hash-chained and authenticated (see
//! [`voxgate_security::audit`] for the chain format, risk score and compliance tags).
//!
//! - [`AuditLog`] is the writer: one task owns a dedicated connection with
//!   `synchronous = FULL` (every commit is on disk before callers hear back) and commits
//!   whatever has queued up while the previous commit was in flight as one transaction — group
//!   commit. [`AuditLog::append`] resolves once the entry is durable.
//!   Each batch starts with `BEGIN IMMEDIATE` and reads the head inside the transaction, so two
//!   processes (the server and a CLI command) never fork the chain.
//! - [`verify_stored`] reads the table in storage order (`row_id`) and reports the first bad
//!   entry and its kind; with the last exported head ([`read_head_file`]) it also catches
//!   truncation. Retention removes only a prefix and records where the chain now starts in an
//!   authenticated anchor, so cutting more entries off the front shows as a deletion.
//! - [`export_head`] writes the head to a file (and the server logs it) on an interval;
//!   [`read_entries`] pages through entries for JSON-lines and RFC 5424 export, and
//!   [`forward_syslog`] sends them to a SIEM over TCP with octet-counting framing.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use futures::TryStreamExt;
use serde::{Deserialize, Serialize};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteRow, SqliteSynchronous};
use sqlx::{Connection, QueryBuilder, Row, Sqlite, SqliteConnection, SqlitePool};
use tokio::sync::{mpsc, oneshot};
use voxgate_security::audit::{
    self, chain_next_with, AuditEntry, AuditEvent, AuditKey, AuditResult, ChainHead, ChainIssue,
    Classification, VerifyReport,
};

use crate::{Error, Result, SqliteStore};

/// Most entries committed in one transaction.
pub const MAX_BATCH: usize = 4096;
/// Queue length in front of the writer; appends wait when it is full (back-pressure).
pub const QUEUE: usize = 65_536;

/// Who is acting, as recorded in every audit entry.
///
/// `actor` is `user:<id>`, `key:<id>`, `cli:<os user>` or `system`; the role, when known, is
/// appended after `#` (`user:7f3a#supervisor`) so reports can count accesses by role from the
/// authenticated record alone.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AccessContext {
    /// The principal.
    pub actor: String,
    /// Its role, if any.
    pub role: Option<String>,
    /// Client address, if the action came over the network.
    pub source_ip: Option<String>,
    /// Client user agent.
    pub user_agent: Option<String>,
}

impl AccessContext {
    /// The system itself (retention, call handling).
    pub fn system() -> Self {
        Self {
            actor: "system".into(),
            ..Self::default()
        }
    }

    /// A principal with a role.
    pub fn new(actor: impl Into<String>, role: Option<&str>) -> Self {
        Self {
            actor: actor.into(),
            role: role.map(str::to_owned),
            ..Self::default()
        }
    }

    /// The `actor` field as stored: `actor#role` or `actor`.
    pub fn actor_field(&self) -> String {
        match &self.role {
            Some(r) => format!("{}#{r}", self.actor),
            None => self.actor.clone(),
        }
    }

    /// An event by this principal, with address and user agent filled in. Call
    /// [`AuditEvent::finish`] after setting the remaining fields.
    pub fn event(
        &self,
        now_ms: i64,
        event_type: &str,
        resource: &str,
        action: &str,
        result: AuditResult,
    ) -> AuditEvent {
        let mut e = AuditEvent::new(
            now_ms,
            event_type,
            &self.actor_field(),
            resource,
            action,
            result,
        );
        e.source_ip.clone_from(&self.source_ip);
        e.user_agent.clone_from(&self.user_agent);
        e
    }
}

/// The role part of a stored actor (`user:7f3a#supervisor` → `supervisor`); `system` for the
/// system, `unknown` when none was recorded.
pub fn role_of_actor(actor: &str) -> &str {
    match actor.rsplit_once('#') {
        Some((_, role)) if !role.is_empty() => role,
        _ if actor == "system" => "system",
        _ => "unknown",
    }
}

/// Current Unix time in milliseconds.
pub fn now_ms() -> i64 {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

struct Append {
    events: Vec<AuditEvent>,
    done: Option<oneshot::Sender<Result<u64>>>,
}

/// The audit writer handle; cheap to clone.
#[derive(Debug, Clone)]
pub struct AuditLog {
    tx: mpsc::Sender<Append>,
    key: AuditKey,
    pool: SqlitePool,
}

impl std::fmt::Debug for Append {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Append")
            .field("events", &self.events.len())
            .finish()
    }
}

impl AuditLog {
    /// Starts the writer task on a dedicated `synchronous = FULL` connection to `store`'s
    /// database.
    ///
    /// # Errors
    /// [`Error::Database`] when the connection cannot be opened.
    pub async fn open(store: &SqliteStore, key: AuditKey) -> Result<Self> {
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(store.path())
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10));
        let conn = SqliteConnection::connect_with(&options).await?;
        let (tx, rx) = mpsc::channel(QUEUE);
        tokio::spawn(writer(conn, key.clone(), rx));
        Ok(Self {
            tx,
            key,
            pool: store.pool().clone(),
        })
    }

    /// Appends one event; resolves with its sequence number once it is committed to disk.
    ///
    /// # Errors
    /// [`Error::Audit`] when the writer has stopped or the commit failed.
    pub async fn append(&self, event: AuditEvent) -> Result<u64> {
        self.append_all(vec![event]).await
    }

    /// Appends several events in order, in one transaction; resolves with the last one's seq.
    ///
    /// # Errors
    /// As [`Self::append`].
    pub async fn append_all(&self, events: Vec<AuditEvent>) -> Result<u64> {
        let (done, rx) = oneshot::channel();
        self.tx
            .send(Append {
                events,
                done: Some(done),
            })
            .await
            .map_err(|_| Error::Audit("writer stopped".into()))?;
        rx.await
            .map_err(|_| Error::Audit("writer stopped before committing".into()))?
    }

    /// Queues an event without waiting for the commit (hot paths that must not block); a
    /// failure is logged.
    pub fn append_detached(&self, event: AuditEvent) {
        if self
            .tx
            .try_send(Append {
                events: vec![event],
                done: None,
            })
            .is_err()
        {
            tracing::error!("audit queue full or writer stopped: entry dropped");
        }
    }

    /// The audit key.
    pub fn key(&self) -> &AuditKey {
        &self.key
    }

    /// The database the log lives in.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

async fn writer(mut conn: SqliteConnection, key: AuditKey, mut rx: mpsc::Receiver<Append>) {
    let mut buf = Vec::with_capacity(512);
    let mut batch: Vec<Append> = Vec::new();
    while let Some(first) = rx.recv().await {
        let mut n = first.events.len();
        batch.push(first);
        // Everything that queued while the last commit was in flight goes in this one.
        while n < MAX_BATCH {
            match rx.try_recv() {
                Ok(a) => {
                    n += a.events.len();
                    batch.push(a);
                }
                Err(_) => break,
            }
        }
        let result = commit(&mut conn, &key, &mut batch, &mut buf).await;
        for (i, a) in batch.drain(..).enumerate() {
            let r = match &result {
                Ok(seqs) => Ok(seqs.get(i).copied().unwrap_or(0)),
                Err(e) => Err(Error::Audit(e.to_string())),
            };
            if let Err(e) = &r {
                tracing::error!(error = %e, "audit commit failed");
            }
            if let Some(done) = a.done {
                let _ = done.send(r);
            }
        }
    }
}

/// Commits one batch; returns, per request, the seq of its last entry.
async fn commit(
    conn: &mut SqliteConnection,
    key: &AuditKey,
    batch: &mut [Append],
    buf: &mut Vec<u8>,
) -> Result<Vec<u64>> {
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    let mut head = current_head(&mut tx).await?;
    let mut entries = Vec::new();
    let mut last = Vec::with_capacity(batch.len());
    for a in batch.iter() {
        for e in &a.events {
            let entry = chain_next_with(head.as_ref(), e.clone(), key, buf);
            head = Some(entry.head());
            entries.push(entry);
        }
        last.push(head.map_or(0, |h| h.seq));
    }
    for chunk in entries.chunks(1000) {
        insert_entries(&mut tx, chunk).await?;
    }
    tx.commit().await?;
    Ok(last)
}

const COLUMNS: &str = "seq, event_id, timestamp_ms, event_type, actor, call_id, session_id, \
    source_ip, user_agent, resource, action, result, pii_involved, data_classification, \
    compliance_tags, risk_score, action_taken, prev_hash, hash, mac";

/// Inserts chained entries as they are (also used by tests that forge rows).
///
/// # Errors
/// [`Error::Database`].
pub async fn insert_entries(conn: &mut SqliteConnection, entries: &[AuditEntry]) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let mut qb: QueryBuilder<Sqlite> =
        QueryBuilder::new(format!("INSERT INTO audit_log ({COLUMNS}) "));
    qb.push_values(entries, |mut b, en| {
        let e = &en.event;
        b.push_bind(seq_i64(en.seq))
            .push_bind(e.event_id.clone())
            .push_bind(e.timestamp_ms)
            .push_bind(e.event_type.clone())
            .push_bind(e.actor.clone())
            .push_bind(e.call_id.clone())
            .push_bind(e.session_id.clone())
            .push_bind(e.source_ip.clone())
            .push_bind(e.user_agent.clone())
            .push_bind(e.resource.clone())
            .push_bind(e.action.clone())
            .push_bind(result_str(e.result))
            .push_bind(e.pii_involved)
            .push_bind(class_str(e.data_classification))
            .push_bind(serde_json::to_string(&e.compliance_tags).unwrap_or_else(|_| "[]".into()))
            .push_bind(i64::from(e.risk_score))
            .push_bind(e.action_taken.clone())
            .push_bind(en.prev_hash.to_vec())
            .push_bind(en.hash.to_vec())
            .push_bind(en.mac.to_vec());
    });
    qb.build().execute(&mut *conn).await?;
    Ok(())
}

fn seq_i64(seq: u64) -> i64 {
    i64::try_from(seq).unwrap_or(i64::MAX)
}

/// The stored head: the highest entry, or the retention anchor when every entry was purged.
async fn current_head(conn: &mut SqliteConnection) -> Result<Option<ChainHead>> {
    let row: Option<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await?;
    let row = match row {
        Some(r) => Some(r),
        None => {
            sqlx::query_as("SELECT seq, hash FROM audit_anchor WHERE id = 1")
                .fetch_optional(&mut *conn)
                .await?
        }
    };
    Ok(row.and_then(|(seq, hash)| {
        Some(ChainHead {
            seq: u64::try_from(seq).ok()?,
            hash: hash.try_into().ok()?,
        })
    }))
}

/// The current head of the stored chain.
///
/// # Errors
/// [`Error::Database`].
pub async fn head(pool: &SqlitePool) -> Result<Option<ChainHead>> {
    let mut conn = pool.acquire().await?;
    current_head(&mut conn).await
}

/// Stable name of a result, as stored.
pub fn result_str(r: AuditResult) -> &'static str {
    match r {
        AuditResult::Success => "success",
        AuditResult::Failure => "failure",
        AuditResult::Denied => "denied",
        AuditResult::Error => "error",
    }
}

fn parse_result(s: &str) -> Option<AuditResult> {
    Some(match s {
        "success" => AuditResult::Success,
        "failure" => AuditResult::Failure,
        "denied" => AuditResult::Denied,
        "error" => AuditResult::Error,
        _ => return None,
    })
}

/// Stable name of a classification, as stored.
pub fn class_str(c: Classification) -> &'static str {
    match c {
        Classification::Public => "public",
        Classification::Internal => "internal",
        Classification::Confidential => "confidential",
        Classification::Restricted => "restricted",
    }
}

fn parse_class(s: &str) -> Option<Classification> {
    Some(match s {
        "public" => Classification::Public,
        "internal" => Classification::Internal,
        "confidential" => Classification::Confidential,
        "restricted" => Classification::Restricted,
        _ => return None,
    })
}

fn hash32(v: Vec<u8>) -> Option<[u8; 32]> {
    v.try_into().ok()
}

/// Decodes a row; `None` when a column holds something no writer produces (the row was
/// edited), which verification reports as a modification.
fn decode(row: &SqliteRow) -> std::result::Result<(u64, Option<AuditEntry>), sqlx::Error> {
    let seq: i64 = row.try_get(0)?;
    let seq = u64::try_from(seq).unwrap_or(0);
    let result: String = row.try_get(11)?;
    let class: String = row.try_get(13)?;
    let tags: String = row.try_get(14)?;
    let risk: i64 = row.try_get(15)?;
    let parsed = (|| {
        let event = AuditEvent {
            event_id: row.try_get(1).ok()?,
            timestamp_ms: row.try_get(2).ok()?,
            event_type: row.try_get(3).ok()?,
            actor: row.try_get(4).ok()?,
            call_id: row.try_get(5).ok()?,
            session_id: row.try_get(6).ok()?,
            source_ip: row.try_get(7).ok()?,
            user_agent: row.try_get(8).ok()?,
            resource: row.try_get(9).ok()?,
            action: row.try_get(10).ok()?,
            result: parse_result(&result)?,
            pii_involved: row.try_get(12).ok()?,
            data_classification: parse_class(&class)?,
            compliance_tags: serde_json::from_str(&tags).ok()?,
            risk_score: u8::try_from(risk).ok()?,
            action_taken: row.try_get(16).ok()?,
        };
        Some(AuditEntry {
            seq,
            event,
            prev_hash: hash32(row.try_get(17).ok()?)?,
            hash: hash32(row.try_get(18).ok()?)?,
            mac: hash32(row.try_get(19).ok()?)?,
        })
    })();
    Ok((seq, parsed))
}

/// Entries with `seq >= from_seq`, in chain order, at most `limit`.
///
/// # Errors
/// [`Error::Database`]; [`Error::Audit`] for a row that does not decode.
pub async fn read_entries(pool: &SqlitePool, from_seq: u64, limit: u32) -> Result<Vec<AuditEntry>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?"
    ))
    .bind(seq_i64(from_seq))
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| match decode(r)? {
            (_, Some(e)) => Ok(e),
            (seq, None) => Err(Error::Audit(format!("entry {seq} does not decode"))),
        })
        .collect()
}

/// Entries about one call, oldest first.
///
/// # Errors
/// As [`read_entries`].
pub async fn entries_for_call(pool: &SqlitePool, call_id: &str) -> Result<Vec<AuditEntry>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM audit_log WHERE call_id = ? ORDER BY seq"
    ))
    .bind(call_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .iter()
        .filter_map(|r| decode(r).ok().and_then(|(_, e)| e))
        .collect())
}

/// Outcome of [`verify_stored`].
#[derive(Debug, Clone, Serialize)]
pub struct StoredVerify {
    /// The chain check (entries, head, issues in the order found).
    #[serde(flatten)]
    pub report: VerifyReport,
    /// The retention anchor, when older entries were purged: the chain must continue from it.
    pub anchor: Option<ChainHead>,
    /// Head the check was made against (last exported), if any.
    pub expected_head: Option<ChainHead>,
}

impl StoredVerify {
    /// Whether the stored chain is intact.
    pub fn is_ok(&self) -> bool {
        self.report.is_ok()
    }

    /// The problem at the lowest sequence number.
    pub fn first_issue(&self) -> Option<&ChainIssue> {
        self.report.issues.iter().min_by_key(|i| i.seq())
    }
}

/// Verifies the stored chain in storage order. Decoding and hashing run on two threads.
///
/// # Errors
/// [`Error::Database`] when the table cannot be read.
pub async fn verify_stored(
    pool: &SqlitePool,
    key: &AuditKey,
    expected_head: Option<ChainHead>,
) -> Result<StoredVerify> {
    let anchor: Option<(i64, Vec<u8>, Vec<u8>)> =
        sqlx::query_as("SELECT seq, hash, mac FROM audit_anchor WHERE id = 1")
            .fetch_optional(pool)
            .await?;
    let mut extra = Vec::new();
    let anchor = match anchor {
        None => None,
        Some((seq, hash, mac)) => {
            let seq = u64::try_from(seq).unwrap_or(0);
            match (hash32(hash), hash32(mac)) {
                (Some(h), Some(m)) if key.check(&h, &m) => Some(ChainHead { seq, hash: h }),
                _ => {
                    extra.push(ChainIssue::Modified { seq });
                    None
                }
            }
        }
    };

    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<AuditEntry>>(8);
    let vkey = key.clone();
    let hasher = tokio::task::spawn_blocking(move || {
        audit::verify(rx.into_iter().flatten(), &vkey, expected_head)
    });
    let sql = format!("SELECT {COLUMNS} FROM audit_log ORDER BY row_id");
    let mut rows = sqlx::query(&sql).fetch(pool);
    let mut chunk = Vec::with_capacity(1024);
    let mut first: Option<AuditEntry> = None;
    let mut undecodable = Vec::new();
    let mut stream_err = None;
    loop {
        match rows.try_next().await {
            Ok(Some(row)) => match decode(&row) {
                Ok((_, Some(e))) => {
                    if first.is_none() {
                        first = Some(e.clone());
                    }
                    chunk.push(e);
                    if chunk.len() == 1024 {
                        if tx.send(std::mem::take(&mut chunk)).is_err() {
                            break;
                        }
                        chunk.reserve(1024);
                    }
                }
                Ok((seq, None)) => undecodable.push(ChainIssue::Modified { seq }),
                Err(e) => {
                    stream_err = Some(e);
                    break;
                }
            },
            Ok(None) => break,
            Err(e) => {
                stream_err = Some(e);
                break;
            }
        }
    }
    drop(rows);
    if !chunk.is_empty() {
        let _ = tx.send(chunk);
    }
    drop(tx);
    let mut report = hasher
        .await
        .map_err(|e| Error::Audit(format!("verifier thread: {e}")))?;
    if let Some(e) = stream_err {
        return Err(Error::Database(e));
    }
    // The front of the chain must match the anchor (or genesis when nothing was purged).
    if let Some(f) = &first {
        let start = anchor.map_or(1, |a| a.seq + 1);
        if f.seq > start {
            extra.push(ChainIssue::Deleted {
                first: start,
                last: f.seq - 1,
            });
        } else if let Some(a) = anchor {
            if f.seq == start && f.prev_hash != a.hash {
                extra.push(ChainIssue::BrokenLink { seq: f.seq });
            }
        }
    }
    // A decoding failure also removed the entry from the hash walk, which then reports it as a
    // gap; the modification is the real finding.
    for u in &undecodable {
        let s = u.seq();
        report.issues.retain(
            |i| !matches!(i, ChainIssue::Deleted { first, last } if *first == s && *last == s),
        );
    }
    extra.extend(undecodable);
    for i in extra {
        if !report.issues.contains(&i) {
            report.issues.push(i);
        }
    }
    Ok(StoredVerify {
        report,
        anchor,
        expected_head,
    })
}

/// An exported chain head, as written to the head file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadFile {
    /// Sequence number of the head.
    pub seq: u64,
    /// Its hash, hex.
    pub hash: String,
    /// HMAC of the hash with the audit key, hex: a forged head does not verify.
    pub mac: String,
    /// When it was exported (RFC 3339).
    pub exported_at: String,
}

/// Writes the current head to `path` (atomically, mode 0640) and returns it; `None` when the
/// log is empty (nothing is written).
///
/// # Errors
/// [`Error::Database`], [`Error::Io`].
pub async fn export_head(
    pool: &SqlitePool,
    key: &AuditKey,
    path: &Path,
    now_ms: i64,
) -> Result<Option<ChainHead>> {
    let Some(h) = head(pool).await? else {
        return Ok(None);
    };
    let file = HeadFile {
        seq: h.seq,
        hash: hex::encode(h.hash),
        mac: hex::encode(key.authenticate(&h.hash)),
        exported_at: audit::rfc3339_millis(now_ms),
    };
    let json = serde_json::to_vec_pretty(&file).map_err(|e| Error::Audit(e.to_string()))?;
    write_atomic(path, &json)?;
    Ok(Some(h))
}

/// Writes `bytes` to `path` via a fsynced temporary file and a rename, mode 0640.
///
/// # Errors
/// [`Error::Io`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let io = |op: &'static str, p: &Path| {
        let p = p.to_path_buf();
        move |source| Error::Io {
            op,
            path: p,
            source,
        }
    };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(d) = dir {
        std::fs::create_dir_all(d).map_err(io("creating directory", d))?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o640)
        .open(&tmp)
        .map_err(io("creating", &tmp))?;
    f.set_permissions(std::fs::Permissions::from_mode(0o640))
        .map_err(io("setting permissions of", &tmp))?;
    f.write_all(bytes).map_err(io("writing", &tmp))?;
    f.sync_all().map_err(io("syncing", &tmp))?;
    drop(f);
    std::fs::rename(&tmp, path).map_err(io("renaming", path))?;
    if let Some(d) = dir {
        std::fs::File::open(d)
            .and_then(|d| d.sync_all())
            .map_err(io("syncing directory", d))?;
    }
    Ok(())
}

/// Reads a head file and checks its MAC.
///
/// # Errors
/// [`Error::Io`] when unreadable, [`Error::Audit`] when malformed or not authenticated by
/// `key`.
pub fn read_head_file(path: &Path, key: &AuditKey) -> Result<ChainHead> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        op: "reading",
        path: path.to_path_buf(),
        source,
    })?;
    let f: HeadFile = serde_json::from_str(&text)
        .map_err(|e| Error::Audit(format!("head file {}: {e}", path.display())))?;
    let mut hash = [0u8; 32];
    let mut mac = [0u8; 32];
    hex::decode_to_slice(&f.hash, &mut hash)
        .and_then(|()| hex::decode_to_slice(&f.mac, &mut mac))
        .map_err(|e| Error::Audit(format!("head file {}: {e}", path.display())))?;
    if !key.check(&hash, &mac) {
        return Err(Error::Audit(format!(
            "head file {} is not authenticated by this audit key",
            path.display()
        )));
    }
    Ok(ChainHead { seq: f.seq, hash })
}

/// Sends entries to a syslog collector over TCP as RFC 5424 messages with octet-counting
/// framing (RFC 6587 §3.4.1); returns how many were sent.
///
/// # Errors
/// [`Error::Io`] when the connection or a write fails.
pub async fn forward_syslog(
    addr: &str,
    entries: &[AuditEntry],
    format: &audit::SyslogFormat,
) -> Result<usize> {
    use tokio::io::AsyncWriteExt;
    let io = |op: &'static str| {
        let path = std::path::PathBuf::from(addr);
        move |source| Error::Io { op, path, source }
    };
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(io("connecting to syslog collector"))?;
    let mut out = String::new();
    for e in entries {
        out.push_str(&audit::octet_frame(&audit::to_rfc5424(e, format)));
    }
    stream
        .write_all(out.as_bytes())
        .await
        .map_err(io("writing to syslog collector"))?;
    stream
        .flush()
        .await
        .map_err(io("flushing to syslog collector"))?;
    stream
        .shutdown()
        .await
        .map_err(io("closing syslog connection"))?;
    Ok(entries.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use voxgate_security::audit::event_types;

    #[test]
    fn roles_from_actors() {
        assert_eq!(role_of_actor("user:1#supervisor"), "supervisor");
        assert_eq!(role_of_actor("system"), "system");
        assert_eq!(role_of_actor("key:x"), "unknown");
        let ctx = AccessContext::new("user:1", Some("auditor"));
        let e = ctx.event(
            5,
            event_types::AUDIT_VERIFY,
            "audit",
            "verify",
            AuditResult::Success,
        );
        assert_eq!(e.actor, "user:1#auditor");
    }

    #[tokio::test]
    async fn group_commit_assigns_consecutive_seqs() {
        let tmp = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(tmp.path()).await.unwrap();
        let key = AuditKey::from_bytes(&[9; 32]).unwrap();
        let log = AuditLog::open(&store, key.clone()).await.unwrap();
        let mut tasks = Vec::new();
        for i in 0..200 {
            let log = log.clone();
            tasks.push(tokio::spawn(async move {
                let e = AccessContext::system().event(
                    i,
                    event_types::TRANSCRIPT_READ,
                    "r",
                    "read",
                    AuditResult::Success,
                );
                log.append(e.finish()).await.unwrap()
            }));
        }
        let mut seqs = Vec::new();
        for t in tasks {
            seqs.push(t.await.unwrap());
        }
        seqs.sort_unstable();
        assert_eq!(seqs, (1..=200).collect::<Vec<u64>>());
        let v = verify_stored(store.pool(), &key, None).await.unwrap();
        assert!(v.is_ok(), "{:?}", v.report.issues);
        assert_eq!(v.report.entries, 200);
        let path = tmp.path().join("audit/head.json");
        let h = export_head(store.pool(), &key, &path, 0)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(read_head_file(&path, &key).unwrap(), h);
        let other = AuditKey::from_bytes(&[8; 32]).unwrap();
        assert!(read_head_file(&path, &other).is_err());
        let page = read_entries(store.pool(), 195, 100).await.unwrap();
        assert_eq!(page.len(), 6);
        assert_eq!(page[0].seq, 195);
    }
}
