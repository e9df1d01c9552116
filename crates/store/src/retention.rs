//! Retention: how long each data class is kept, and the purge that enforces it.
//!
//! [`CallStore::purge`] takes `now` so tests move the clock. For each class with a period it
//! removes what is older than `now - period`, except from calls under legal hold:
//!
//! | class | what goes | age from |
//! | --- | --- | --- |
//! | `recordings`, `analysis_results`, `pii` | sealed blobs of that class | blob creation |
//! | `raw_transcripts` | sealed raw turn texts (the redacted turn stays) | blob creation |
//! | `redacted_transcripts` | transcript turns | turn time |
//! | `audit_records` | the oldest audit entries, as a prefix of the chain | entry time |
//!
//! When no sealed data of an ended call remains and the call ended before the longest blob
//! period, its data key is shredded too, so a backup holding its ciphertext can no longer be
//! opened. Audit entries go only from the front of the chain, stopping at the first entry that
//! names a held call; the new start is recorded in an authenticated anchor (see
//! [`crate::audit_log`]). Every class that lost something is audited (`retention.purge`) and
//! logged in `purge_log`.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use voxgate_security::audit::{event_types, AuditResult, Classification};
use voxgate_security::crypto::DataClass;

use crate::audit_log::AccessContext;
use crate::calls::{checkpoint_truncate, secure_conn, shred_key, CallStore};
use crate::{Error, Result};

/// Retention periods per data class; `None` keeps forever.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionPolicy {
    /// Audio recordings.
    pub recordings: Option<Duration>,
    /// Raw (unredacted) transcript texts.
    pub raw_transcripts: Option<Duration>,
    /// Redacted transcript turns.
    pub redacted_transcripts: Option<Duration>,
    /// Analysis results.
    pub analysis_results: Option<Duration>,
    /// Other stored personal data.
    pub pii: Option<Duration>,
    /// Audit records.
    pub audit_records: Option<Duration>,
}

/// Parses a period: `90d`, `36h`, `45m`, `30s` or a bare number of days; `0`, `forever`,
/// `never` or an empty string mean keep forever (`None`).
///
/// # Errors
/// [`Error::InvalidInput`] naming the value.
pub fn parse_period(s: &str) -> Result<Option<Duration>> {
    let t = s.trim().to_ascii_lowercase();
    if t.is_empty() || t == "0" || t == "forever" || t == "never" {
        return Ok(None);
    }
    let bad = || {
        Error::InvalidInput(format!(
            "retention period {s:?}: use a number with d, h, m or s (\"30d\", \"12h\"), or \"forever\""
        ))
    };
    let (num, unit) = match t.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => t.split_at(i),
        None => (t.as_str(), "d"),
    };
    let n: u64 = num.parse().map_err(|_| bad())?;
    let secs = match unit.trim() {
        "d" | "day" | "days" => n.checked_mul(86_400),
        "h" | "hour" | "hours" => n.checked_mul(3_600),
        "m" | "min" | "minutes" => n.checked_mul(60),
        "s" | "sec" | "seconds" => Some(n),
        _ => None,
    }
    .ok_or_else(bad)?;
    Ok((secs > 0).then(|| Duration::from_secs(secs)))
}

/// What one class lost in a purge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassPurge {
    /// Class name (`recording`, `raw_transcript`, `redacted_transcript`, `analysis_result`,
    /// `pii`, `audit_record`).
    pub class: String,
    /// Items removed.
    pub items: u64,
    /// Calls they belonged to.
    pub calls: u64,
    /// Calls whose expired items were kept because of a legal hold.
    pub held_skipped: u64,
}

/// Result of [`CallStore::purge`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PurgeReport {
    /// Per class, only classes with a period.
    pub classes: Vec<ClassPurge>,
    /// Data keys shredded because nothing sealed remained.
    pub keys_shredded: u64,
}

impl PurgeReport {
    /// Items removed in total.
    pub fn total(&self) -> u64 {
        self.classes.iter().map(|c| c.items).sum()
    }
}

fn cutoff(now_ms: i64, period: Duration) -> i64 {
    now_ms.saturating_sub(i64::try_from(period.as_millis()).unwrap_or(i64::MAX))
}

impl CallStore {
    /// Removes everything past its retention period as of `now_ms`, except data of calls under
    /// legal hold. Audited per class.
    ///
    /// # Errors
    /// [`Error::Database`], [`Error::Io`]; a failure leaves earlier classes purged.
    pub async fn purge(&self, policy: &RetentionPolicy, now_ms: i64) -> Result<PurgeReport> {
        let mut report = PurgeReport::default();
        let blob_classes = [
            (DataClass::Recording, policy.recordings),
            (DataClass::RawTranscript, policy.raw_transcripts),
            (DataClass::AnalysisResult, policy.analysis_results),
            (DataClass::Pii, policy.pii),
        ];
        for (class, period) in blob_classes {
            if let Some(p) = period {
                report
                    .classes
                    .push(self.purge_blobs(class, cutoff(now_ms, p)).await?);
            }
        }
        if let Some(p) = policy.redacted_transcripts {
            report
                .classes
                .push(self.purge_turns(cutoff(now_ms, p)).await?);
        }
        // Shred keys only once every blob class has a period, past the longest of them, so
        // data still arriving for a recent call (an analysis result) finds its key.
        let periods: Vec<Option<Duration>> = blob_classes.iter().map(|(_, p)| *p).collect();
        if periods.iter().all(Option::is_some) {
            let longest = periods.into_iter().flatten().max().unwrap_or_default();
            report.keys_shredded = self.shred_idle_keys(cutoff(now_ms, longest)).await?;
        }
        if let Some(p) = policy.audit_records {
            report
                .classes
                .push(self.purge_audit(cutoff(now_ms, p)).await?);
        }
        {
            let mut conn = self.pool().acquire().await?;
            checkpoint_truncate(&mut conn).await;
        }
        for c in &report.classes {
            if c.items == 0 && c.held_skipped == 0 {
                continue;
            }
            sqlx::query(
                "INSERT INTO purge_log (at_ms, class, items, calls, held_skipped) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(now_ms)
            .bind(&c.class)
            .bind(i64::try_from(c.items).unwrap_or(i64::MAX))
            .bind(i64::try_from(c.calls).unwrap_or(i64::MAX))
            .bind(i64::try_from(c.held_skipped).unwrap_or(i64::MAX))
            .execute(self.pool())
            .await?;
            let mut e = AccessContext::system().event(
                now_ms,
                event_types::RETENTION_PURGE,
                &format!("retention:{}", c.class),
                "purge",
                AuditResult::Success,
            );
            e.pii_involved = c.class != "audit_record";
            e.data_classification = Classification::Restricted;
            e.action_taken = Some(format!(
                "purged {} item(s) from {} call(s); {} held call(s) skipped",
                c.items, c.calls, c.held_skipped
            ));
            self.audit().append(e.finish()).await?;
        }
        if report.keys_shredded > 0 {
            let mut e = AccessContext::system().event(
                now_ms,
                event_types::RETENTION_PURGE,
                "retention:data_keys",
                "shred",
                AuditResult::Success,
            );
            e.data_classification = Classification::Restricted;
            e.action_taken = Some(format!("shredded {} data key(s)", report.keys_shredded));
            self.audit().append(e.finish()).await?;
        }
        Ok(report)
    }

    async fn held_skipped(&self, sql: &str, cutoff: i64) -> Result<u64> {
        let (n,): (i64,) = sqlx::query_as(sql)
            .bind(cutoff)
            .fetch_one(self.pool())
            .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn purge_blobs(&self, class: DataClass, cutoff: i64) -> Result<ClassPurge> {
        let held_skipped = self
            .held_skipped(
                &format!(
                    "SELECT COUNT(DISTINCT b.call_id) FROM blobs b JOIN calls c ON c.id = b.call_id \
                     WHERE b.class = '{}' AND b.created_ms < ? AND c.legal_hold = 1",
                    class.as_str()
                ),
                cutoff,
            )
            .await?;
        let victims: Vec<(String, String, bool)> = sqlx::query_as(
            "SELECT b.id, b.call_id, b.in_file FROM blobs b JOIN calls c ON c.id = b.call_id \
             WHERE b.class = ? AND b.created_ms < ? AND c.legal_hold = 0",
        )
        .bind(class.as_str())
        .bind(cutoff)
        .fetch_all(self.pool())
        .await?;
        let mut calls = std::collections::BTreeSet::new();
        let mut conn = secure_conn(self.pool()).await?;
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        for (id, call_id, _) in &victims {
            sqlx::query("UPDATE transcript_turns SET raw_blob_id = NULL WHERE raw_blob_id = ?")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM blobs WHERE id = ?")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            calls.insert(call_id.clone());
        }
        tx.commit().await?;
        for (id, call_id, in_file) in &victims {
            if *in_file {
                self.blob_files().remove(call_id, id)?;
            }
        }
        Ok(ClassPurge {
            class: class.as_str().to_owned(),
            items: victims.len() as u64,
            calls: calls.len() as u64,
            held_skipped,
        })
    }

    async fn purge_turns(&self, cutoff: i64) -> Result<ClassPurge> {
        let held_skipped = self
            .held_skipped(
                "SELECT COUNT(DISTINCT t.call_id) FROM transcript_turns t JOIN calls c ON c.id = t.call_id \
                 WHERE t.at_ms < ? AND c.legal_hold = 1",
                cutoff,
            )
            .await?;
        let (calls,): (i64,) = sqlx::query_as(
            "SELECT COUNT(DISTINCT t.call_id) FROM transcript_turns t JOIN calls c ON c.id = t.call_id \
             WHERE t.at_ms < ? AND c.legal_hold = 0",
        )
        .bind(cutoff)
        .fetch_one(self.pool())
        .await?;
        // A raw text outlives its redacted turn only if its own period is longer; it is then
        // still purged by its class, found through the blob table.
        let mut conn = secure_conn(self.pool()).await?;
        let items = sqlx::query(
            "DELETE FROM transcript_turns WHERE at_ms < ? AND call_id IN \
             (SELECT id FROM calls WHERE legal_hold = 0)",
        )
        .bind(cutoff)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        Ok(ClassPurge {
            class: DataClass::RedactedTranscript.as_str().to_owned(),
            items,
            calls: u64::try_from(calls).unwrap_or(0),
            held_skipped,
        })
    }

    async fn shred_idle_keys(&self, cutoff: i64) -> Result<u64> {
        let idle: Vec<(String,)> = sqlx::query_as(
            "SELECT k.call_id FROM call_keys k JOIN calls c ON c.id = k.call_id \
             WHERE c.legal_hold = 0 AND c.ended_ms IS NOT NULL AND c.ended_ms < ? \
             AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.call_id = k.call_id)",
        )
        .bind(cutoff)
        .fetch_all(self.pool())
        .await?;
        let mut conn = secure_conn(self.pool()).await?;
        let mut tx = sqlx::Connection::begin(&mut *conn).await?;
        let mut n = 0;
        for (call_id,) in &idle {
            if shred_key(&mut tx, call_id).await? {
                n += 1;
            }
        }
        tx.commit().await?;
        Ok(n)
    }

    async fn purge_audit(&self, cutoff: i64) -> Result<ClassPurge> {
        let mut conn = self.pool().acquire().await?;
        let mut tx = sqlx::Connection::begin_with(&mut *conn, "BEGIN IMMEDIATE").await?;
        // The first entry to keep: the first young one, or the first naming a held call.
        let (stop,): (Option<i64>,) = sqlx::query_as(
            "SELECT MIN(seq) FROM audit_log WHERE timestamp_ms >= ? \
             OR call_id IN (SELECT id FROM calls WHERE legal_hold = 1)",
        )
        .bind(cutoff)
        .fetch_one(&mut *tx)
        .await?;
        let (held_skipped,): (i64,) = sqlx::query_as(
            "SELECT COUNT(DISTINCT call_id) FROM audit_log WHERE timestamp_ms < ? \
             AND call_id IN (SELECT id FROM calls WHERE legal_hold = 1)",
        )
        .bind(cutoff)
        .fetch_one(&mut *tx)
        .await?;
        let last: Option<(i64, Vec<u8>)> = match stop {
            Some(s) => {
                sqlx::query_as(
                    "SELECT seq, hash FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT 1",
                )
                .bind(s)
                .fetch_optional(&mut *tx)
                .await?
            }
            None => {
                sqlx::query_as("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                    .fetch_optional(&mut *tx)
                    .await?
            }
        };
        let mut items = 0;
        let mut calls = 0;
        if let Some((last_seq, hash)) = last {
            let hash: [u8; 32] = hash
                .try_into()
                .map_err(|_| Error::Audit(format!("entry {last_seq} has a malformed hash")))?;
            let (c,): (i64,) = sqlx::query_as(
                "SELECT COUNT(DISTINCT call_id) FROM audit_log WHERE seq <= ? AND call_id IS NOT NULL",
            )
            .bind(last_seq)
            .fetch_one(&mut *tx)
            .await?;
            calls = u64::try_from(c).unwrap_or(0);
            sqlx::query("UPDATE audit_guard SET allow_delete = 1 WHERE id = 1")
                .execute(&mut *tx)
                .await?;
            items = sqlx::query("DELETE FROM audit_log WHERE seq <= ?")
                .bind(last_seq)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            sqlx::query("UPDATE audit_guard SET allow_delete = 0 WHERE id = 1")
                .execute(&mut *tx)
                .await?;
            let mac = self.audit().key().authenticate(&hash);
            sqlx::query(
                "INSERT INTO audit_anchor (id, seq, hash, mac) VALUES (1, ?, ?, ?) \
                 ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac",
            )
            .bind(last_seq)
            .bind(hash.to_vec())
            .bind(mac.to_vec())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(ClassPurge {
            class: "audit_record".into(),
            items,
            calls,
            held_skipped: u64::try_from(held_skipped).unwrap_or(0),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        assert_eq!(
            parse_period("30d").unwrap(),
            Some(Duration::from_secs(30 * 86_400))
        );
        assert_eq!(
            parse_period("12h").unwrap(),
            Some(Duration::from_secs(43_200))
        );
        assert_eq!(
            parse_period(" 7 ").unwrap(),
            Some(Duration::from_secs(7 * 86_400))
        );
        assert_eq!(
            parse_period("90m").unwrap(),
            Some(Duration::from_secs(5_400))
        );
        assert_eq!(parse_period("forever").unwrap(), None);
        assert_eq!(parse_period("0").unwrap(), None);
        assert_eq!(parse_period("").unwrap(), None);
        assert!(parse_period("3w").is_err());
        assert!(parse_period("d").is_err());
        assert!(parse_period("99999999999999999999d").is_err());
    }
}
