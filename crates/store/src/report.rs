//! Compliance reports, every figure computed from stored rows.
//!
//! [`build_report`] covers the window `[now - period, now)` and reads:
//!
//! | figure | source |
//! | --- | --- |
//! | calls, minutes, by transport | `calls` (started in the window; minutes of finished calls) |
//! | PII findings by type | `pii_findings` |
//! | data accesses by role | audit entries of data-access types, role from the actor (`#role`) |
//! | after-hours PII access | those with `pii_involved`, outside business hours |
//! | security events | `security_events` (when that table exists) and `security.*` audit entries |
//! | failed logins | `auth.failed` audit entries |
//! | purges, deletions, exports | `purge_log`, `call.delete` and `call.export` audit entries |
//! | consent rate | `consents` |
//! | audit chain status | a full [`verify_stored`] run |
//!
//! [`render_html`] draws the same report as one self-contained page with inline SVG bar charts.

use serde::Serialize;
use sqlx::SqlitePool;
use voxgate_security::audit::{event_types, rfc3339_millis, AuditKey, ChainHead};

use crate::audit_log::{role_of_actor, verify_stored};
use crate::{Error, Result};

/// Report period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// The last 24 hours.
    Day,
    /// The last 7 days.
    Week,
    /// The last 30 days.
    Month,
}

impl Period {
    /// Parses `day`, `week` or `month`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`].
    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "day" => Ok(Self::Day),
            "week" => Ok(Self::Week),
            "month" => Ok(Self::Month),
            _ => Err(Error::InvalidInput(format!(
                "period {s:?}: use day, week or month"
            ))),
        }
    }

    /// Length in milliseconds.
    pub fn millis(self) -> i64 {
        let days = match self {
            Self::Day => 1,
            Self::Week => 7,
            Self::Month => 30,
        };
        days * 86_400_000
    }

    fn name(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
        }
    }
}

/// Business hours, for after-hours access: `[start_hour, end_hour)` on Monday to Friday, in
/// local time at `utc_offset_minutes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BusinessHours {
    /// First business hour (0-23).
    pub start_hour: u8,
    /// First hour after business (1-24).
    pub end_hour: u8,
    /// Offset of local time from UTC.
    pub utc_offset_minutes: i32,
}

impl Default for BusinessHours {
    fn default() -> Self {
        Self {
            start_hour: 8,
            end_hour: 18,
            utc_offset_minutes: 0,
        }
    }
}

impl BusinessHours {
    /// Whether `ms` falls outside business hours (or on a weekend).
    pub fn is_after_hours(&self, ms: i64) -> bool {
        let local = ms + i64::from(self.utc_offset_minutes) * 60_000;
        let days = local.div_euclid(86_400_000);
        let hour = local.rem_euclid(86_400_000) / 3_600_000;
        // 1970-01-01 was a Thursday: 0 = Monday after the shift below.
        let weekday = (days + 3).rem_euclid(7);
        weekday >= 5 || hour < i64::from(self.start_hour) || hour >= i64::from(self.end_hour)
    }
}

/// A named count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    /// Name.
    pub name: String,
    /// Value.
    pub count: i64,
}

/// Call volume.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CallFigures {
    /// Calls started in the window.
    pub calls: i64,
    /// Of which finished.
    pub finished: i64,
    /// Total minutes of finished calls.
    pub minutes: f64,
    /// Calls by transport.
    pub by_transport: Vec<Count>,
}

/// Data accesses of one role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleAccess {
    /// Role (`supervisor`, `system`, `unknown`).
    pub role: String,
    /// Accesses.
    pub accesses: i64,
    /// Of which touched personal data.
    pub pii_accesses: i64,
    /// Of which were denied or failed.
    pub refused: i64,
}

/// Retention and erasure activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PurgeFigures {
    /// Purge runs that removed something.
    pub runs: i64,
    /// Items removed.
    pub items: i64,
    /// Items by class.
    pub by_class: Vec<Count>,
    /// Calls deleted on request.
    pub deletions: i64,
    /// Calls exported on request.
    pub exports: i64,
}

/// Consent answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsentFigures {
    /// Answers recorded.
    pub asked: i64,
    /// Yes.
    pub granted: i64,
    /// No.
    pub refused: i64,
    /// granted / asked, when anything was asked.
    pub rate: Option<f64>,
}

/// Audit chain state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditFigures {
    /// Entries written in the window.
    pub entries_in_period: i64,
    /// Entries verified (whole stored chain).
    pub entries_verified: u64,
    /// Whether the chain verified.
    pub chain_ok: bool,
    /// The first problem, if any.
    pub first_issue: Option<String>,
    /// Head seq.
    pub head_seq: Option<u64>,
    /// Whether a previously exported head was checked.
    pub checked_against_exported_head: bool,
    /// High-risk entries (score >= 60) in the window.
    pub high_risk_entries: i64,
}

/// The compliance report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComplianceReport {
    /// Report period.
    pub period: &'static str,
    /// Window start (RFC 3339).
    pub from: String,
    /// Window end.
    pub to: String,
    /// Window start (Unix ms).
    pub from_ms: i64,
    /// Window end (Unix ms).
    pub to_ms: i64,
    /// Business hours used for after-hours access.
    pub business_hours: BusinessHours,
    /// Calls and minutes.
    pub calls: CallFigures,
    /// PII findings by type.
    pub pii_findings: Vec<Count>,
    /// PII findings in total.
    pub pii_findings_total: i64,
    /// Data accesses by role.
    pub data_accesses_by_role: Vec<RoleAccess>,
    /// PII accesses outside business hours.
    pub after_hours_pii_accesses: i64,
    /// Distinct actors among them.
    pub after_hours_actors: i64,
    /// Security events by kind.
    pub security_events: Vec<Count>,
    /// Security events in total.
    pub security_events_total: i64,
    /// Whether the `security_events` table was present.
    pub security_events_table: bool,
    /// Failed logins.
    pub failed_logins: i64,
    /// Access refused by RBAC.
    pub access_denied: i64,
    /// Purges, deletions and exports.
    pub purges: PurgeFigures,
    /// Consent.
    pub consent: ConsentFigures,
    /// Audit chain.
    pub audit: AuditFigures,
}

const DATA_ACCESS: &[&str] = &[
    event_types::TRANSCRIPT_READ,
    event_types::TRANSCRIPT_READ_RAW,
    event_types::RECORDING_PLAY,
    event_types::CALL_EXPORT,
    event_types::CALL_DELETE,
    event_types::CALL_LOOKUP,
    event_types::ANALYSIS,
];

fn counts(rows: Vec<(String, i64)>) -> Vec<Count> {
    rows.into_iter()
        .map(|(name, count)| Count { name, count })
        .collect()
}

async fn count_type(pool: &SqlitePool, t: &str, from: i64, to: i64) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE event_type = ? AND timestamp_ms >= ? AND timestamp_ms < ?",
    )
    .bind(t)
    .bind(from)
    .bind(to)
    .fetch_one(pool)
    .await?;
    Ok(n)
}

/// Builds the report for the `period` ending at `now_ms`. `expected_head` (the last exported
/// head) lets the chain check catch truncation.
///
/// # Errors
/// [`Error::Database`].
pub async fn build_report(
    pool: &SqlitePool,
    key: &AuditKey,
    period: Period,
    now_ms: i64,
    hours: BusinessHours,
    expected_head: Option<ChainHead>,
) -> Result<ComplianceReport> {
    let to = now_ms;
    let from = now_ms - period.millis();

    let (calls, finished, millis): (i64, i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(ended_ms), SUM(CASE WHEN ended_ms IS NOT NULL THEN ended_ms - started_ms END) \
         FROM calls WHERE started_ms >= ? AND started_ms < ?",
    )
    .bind(from)
    .bind(to)
    .fetch_one(pool)
    .await?;
    let by_transport = counts(
        sqlx::query_as(
            "SELECT transport, COUNT(*) FROM calls WHERE started_ms >= ? AND started_ms < ? \
             GROUP BY transport ORDER BY 2 DESC, 1",
        )
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?,
    );

    let pii_findings = counts(
        sqlx::query_as(
            "SELECT kind, SUM(count) FROM pii_findings WHERE at_ms >= ? AND at_ms < ? \
             GROUP BY kind ORDER BY 2 DESC, 1",
        )
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?,
    );
    let pii_findings_total = pii_findings.iter().map(|c| c.count).sum();

    let placeholders = vec!["?"; DATA_ACCESS.len()].join(", ");
    let sql = format!(
        "SELECT actor, timestamp_ms, pii_involved, result FROM audit_log \
         WHERE timestamp_ms >= ? AND timestamp_ms < ? AND event_type IN ({placeholders})"
    );
    let mut q = sqlx::query_as::<_, (String, i64, bool, String)>(&sql)
        .bind(from)
        .bind(to);
    for t in DATA_ACCESS {
        q = q.bind(*t);
    }
    let accesses = q.fetch_all(pool).await?;
    let mut by_role: std::collections::BTreeMap<String, RoleAccess> = Default::default();
    let mut after_hours = 0;
    let mut after_actors = std::collections::BTreeSet::new();
    for (actor, ts, pii, result) in &accesses {
        let role = role_of_actor(actor).to_owned();
        let r = by_role.entry(role.clone()).or_insert(RoleAccess {
            role,
            accesses: 0,
            pii_accesses: 0,
            refused: 0,
        });
        r.accesses += 1;
        if *pii {
            r.pii_accesses += 1;
            if hours.is_after_hours(*ts) {
                after_hours += 1;
                after_actors.insert(actor.clone());
            }
        }
        if result != "success" {
            r.refused += 1;
        }
    }
    let mut data_accesses_by_role: Vec<RoleAccess> = by_role.into_values().collect();
    data_accesses_by_role.sort_by(|a, b| b.accesses.cmp(&a.accesses).then(a.role.cmp(&b.role)));

    let (table,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'security_events'",
    )
    .fetch_one(pool)
    .await?;
    let security_events_table = table > 0;
    let mut sec: std::collections::BTreeMap<String, i64> = Default::default();
    if security_events_table {
        // `security_events.at` is in Unix seconds.
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT kind, COUNT(*) FROM security_events WHERE at >= ? AND at < ? GROUP BY kind",
        )
        .bind(from.div_euclid(1000))
        .bind(to.div_euclid(1000))
        .fetch_all(pool)
        .await?;
        for (k, n) in rows {
            *sec.entry(k).or_default() += n;
        }
    }
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT event_type, COUNT(*) FROM audit_log WHERE event_type LIKE 'security.%' \
         AND timestamp_ms >= ? AND timestamp_ms < ? GROUP BY event_type",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?;
    for (k, n) in rows {
        *sec.entry(k).or_default() += n;
    }
    let mut security_events: Vec<Count> = sec
        .into_iter()
        .map(|(name, count)| Count { name, count })
        .collect();
    security_events.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    let security_events_total = security_events.iter().map(|c| c.count).sum();

    let failed_logins = count_type(pool, event_types::AUTH_FAILED, from, to).await?;
    let access_denied = count_type(pool, event_types::ACCESS_DENIED, from, to).await?;

    let (runs, items): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(DISTINCT at_ms), SUM(items) FROM purge_log WHERE at_ms >= ? AND at_ms < ?",
    )
    .bind(from)
    .bind(to)
    .fetch_one(pool)
    .await?;
    let by_class = counts(
        sqlx::query_as(
            "SELECT class, SUM(items) FROM purge_log WHERE at_ms >= ? AND at_ms < ? \
             GROUP BY class ORDER BY 2 DESC, 1",
        )
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?,
    );
    let purges = PurgeFigures {
        runs,
        items: items.unwrap_or(0),
        by_class,
        deletions: count_type(pool, event_types::CALL_DELETE, from, to).await?,
        exports: count_type(pool, event_types::CALL_EXPORT, from, to).await?,
    };

    let (asked, granted): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), SUM(granted) FROM consents WHERE at_ms >= ? AND at_ms < ?",
    )
    .bind(from)
    .bind(to)
    .fetch_one(pool)
    .await?;
    let granted = granted.unwrap_or(0);
    let consent = ConsentFigures {
        asked,
        granted,
        refused: asked - granted,
        rate: (asked > 0).then(|| granted as f64 / asked as f64),
    };

    let (entries_in_period, high_risk_entries): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), SUM(risk_score >= 60) FROM audit_log WHERE timestamp_ms >= ? AND timestamp_ms < ?",
    )
    .bind(from)
    .bind(to)
    .fetch_one(pool)
    .await?;
    let v = verify_stored(pool, key, expected_head).await?;
    let audit = AuditFigures {
        entries_in_period,
        entries_verified: v.report.entries,
        chain_ok: v.is_ok(),
        first_issue: v.first_issue().map(ToString::to_string),
        head_seq: v.report.head.map(|h| h.seq),
        checked_against_exported_head: expected_head.is_some(),
        high_risk_entries: high_risk_entries.unwrap_or(0),
    };

    Ok(ComplianceReport {
        period: period.name(),
        from: rfc3339_millis(from),
        to: rfc3339_millis(to),
        from_ms: from,
        to_ms: to,
        business_hours: hours,
        calls: CallFigures {
            calls,
            finished,
            minutes: millis.unwrap_or(0) as f64 / 60_000.0,
            by_transport,
        },
        pii_findings,
        pii_findings_total,
        data_accesses_by_role,
        after_hours_pii_accesses: after_hours,
        after_hours_actors: after_actors.len() as i64,
        security_events,
        security_events_total,
        security_events_table,
        failed_logins,
        access_denied,
        purges,
        consent,
        audit,
    })
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A horizontal bar chart as inline SVG; empty data gives a "none" note.
pub fn svg_bars(title: &str, rows: &[(String, f64)], color: &str) -> String {
    if rows.is_empty() {
        return format!(
            "<figure><figcaption>{}</figcaption><p class=\"none\">none in this period</p></figure>",
            escape_html(title)
        );
    }
    let max = rows.iter().map(|r| r.1).fold(0.0_f64, f64::max).max(1e-9);
    let (label_w, bar_w, row_h) = (180.0, 360.0, 24.0);
    let height = row_h * rows.len() as f64 + 8.0;
    let mut svg = format!(
        "<figure><figcaption>{}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" \
         width=\"{}\" height=\"{height}\" viewBox=\"0 0 {} {height}\">",
        escape_html(title),
        label_w + bar_w + 80.0,
        label_w + bar_w + 80.0
    );
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = 4.0 + row_h * i as f64;
        let w = (value / max * bar_w).max(1.0);
        let shown = if value.fract() == 0.0 {
            format!("{value:.0}")
        } else {
            format!("{value:.1}")
        };
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{}</text>\
             <rect x=\"{label_w}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" fill=\"{color}\"><title>{}: {shown}</title></rect>\
             <text x=\"{:.1}\" y=\"{}\" font-size=\"12\">{shown}</text>",
            label_w - 6.0,
            y + 15.0,
            escape_html(label),
            row_h - 6.0,
            escape_html(label),
            label_w + w + 4.0,
            y + 15.0,
        ));
    }
    svg.push_str("</svg></figure>");
    svg
}

fn bars(c: &[Count]) -> Vec<(String, f64)> {
    c.iter().map(|c| (c.name.clone(), c.count as f64)).collect()
}

/// The report as one self-contained HTML page (inline CSS and SVG, no external assets).
pub fn render_html(r: &ComplianceReport) -> String {
    let mut h = String::with_capacity(16 * 1024);
    h.push_str("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    h.push_str(&format!(
        "<title>Voxgate compliance report ({})</title>",
        escape_html(r.period)
    ));
    h.push_str(
        "<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}\
         table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}\
         figure{margin:1em 0}figcaption{font-weight:600;margin-bottom:4px}.ok{color:#176f2c}\
         .bad{color:#b00020;font-weight:600}.none{color:#777}</style></head><body>",
    );
    h.push_str(&format!(
        "<h1>Compliance report</h1><p>Period: last {} ({} to {}). Every figure is computed from stored data.</p>",
        escape_html(r.period),
        escape_html(&r.from),
        escape_html(&r.to)
    ));
    let chain = if r.audit.chain_ok {
        "<span class=\"ok\">intact</span>".to_owned()
    } else {
        format!(
            "<span class=\"bad\">BROKEN: {}</span>",
            escape_html(r.audit.first_issue.as_deref().unwrap_or("unknown"))
        )
    };
    let rate = r
        .consent
        .rate
        .map_or_else(|| "n/a".to_owned(), |x| format!("{:.1}%", x * 100.0));
    h.push_str("<h2>Summary</h2><table>");
    for (k, v) in [
        ("Calls", r.calls.calls.to_string()),
        ("Finished calls", r.calls.finished.to_string()),
        ("Minutes", format!("{:.1}", r.calls.minutes)),
        ("PII findings", r.pii_findings_total.to_string()),
        (
            "After-hours PII accesses",
            format!(
                "{} by {} actor(s)",
                r.after_hours_pii_accesses, r.after_hours_actors
            ),
        ),
        ("Security events", r.security_events_total.to_string()),
        ("Failed logins", r.failed_logins.to_string()),
        ("Access denied", r.access_denied.to_string()),
        (
            "Purges",
            format!("{} run(s), {} item(s)", r.purges.runs, r.purges.items),
        ),
        ("Deletions on request", r.purges.deletions.to_string()),
        ("Exports on request", r.purges.exports.to_string()),
        (
            "Consent",
            format!(
                "{} asked, {} granted, {} refused ({rate})",
                r.consent.asked, r.consent.granted, r.consent.refused
            ),
        ),
        (
            "Audit entries (period / verified)",
            format!(
                "{} / {}",
                r.audit.entries_in_period, r.audit.entries_verified
            ),
        ),
        (
            "High-risk audit entries",
            r.audit.high_risk_entries.to_string(),
        ),
    ] {
        h.push_str(&format!(
            "<tr><th>{}</th><td>{}</td></tr>",
            escape_html(k),
            escape_html(&v)
        ));
    }
    h.push_str(&format!(
        "<tr><th>Audit chain</th><td>{chain}{}</td></tr></table>",
        if r.audit.checked_against_exported_head {
            " (checked against the exported head)"
        } else {
            " (no exported head: truncation not checked)"
        }
    ));
    h.push_str("<h2>Charts</h2>");
    h.push_str(&svg_bars(
        "Calls by transport",
        &bars(&r.calls.by_transport),
        "#3b6ea5",
    ));
    h.push_str(&svg_bars(
        "PII findings by type",
        &bars(&r.pii_findings),
        "#a55d3b",
    ));
    let roles: Vec<(String, f64)> = r
        .data_accesses_by_role
        .iter()
        .map(|a| (a.role.clone(), a.accesses as f64))
        .collect();
    h.push_str(&svg_bars("Data accesses by role", &roles, "#5b3ba5"));
    h.push_str(&svg_bars(
        "Security events by kind",
        &bars(&r.security_events),
        "#b00020",
    ));
    h.push_str(&svg_bars(
        "Purged items by class",
        &bars(&r.purges.by_class),
        "#3ba57a",
    ));
    let consent = if r.consent.asked > 0 {
        vec![
            ("granted".to_owned(), r.consent.granted as f64),
            ("refused".to_owned(), r.consent.refused as f64),
        ]
    } else {
        Vec::new()
    };
    h.push_str(&svg_bars("Consent answers", &consent, "#a5933b"));
    h.push_str("</body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_hours() {
        let b = BusinessHours::default();
        // 2027-01-15 is a Friday.
        let fri_8: i64 = 1_800_000_000_000; // 2027-01-15T08:00:00Z
        assert!(!b.is_after_hours(fri_8));
        assert!(b.is_after_hours(fri_8 - 1));
        assert!(b.is_after_hours(fri_8 + 10 * 3_600_000), "18:00");
        assert!(b.is_after_hours(fri_8 + 24 * 3_600_000), "Saturday 08:00");
        let cet = BusinessHours {
            utc_offset_minutes: 60,
            ..b
        };
        assert!(!cet.is_after_hours(fri_8 - 1), "07:59 UTC is 08:59 local");
    }

    #[test]
    fn svg_escapes_labels() {
        let s = svg_bars("T<", &[("<script>".into(), 2.0), ("b".into(), 1.0)], "#000");
        assert!(!s.contains("<script>"));
        assert!(s.contains("&lt;script&gt;"));
        assert!(s.contains("<rect"));
        assert!(svg_bars("x", &[], "#000").contains("none"));
    }
}
