//! Security monitoring: sliding-window thresholds that turn streams of small signals (a failed
//! login, a 429, a bad webhook signature, PII read at 3 a.m.) into [`SecurityEvent`]s with a
//! severity and, where configured, a decision to block the source IP.
//!
//! Counters are exact sliding windows per subject. When a threshold is crossed the subject's
//! window is cleared, so a sustained attack raises one event per `limit` signals rather than one
//! per request. The monitor only decides; the server stores and audits the event, sends the
//! alert webhook, and applies the block through [`crate::ratelimit::Lockout::block`].

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use parking_lot::Mutex;
use serde::Serialize;

use crate::{Error, Result};

/// How serious an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Informational.
    Low,
    /// Needs a look.
    Medium,
    /// Likely attack.
    High,
    /// Immediate action.
    Critical,
}

/// Which threshold fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SecurityEventKind {
    /// Too many failed authentications from one IP.
    FailedAuthThreshold,
    /// Too many rate-limit violations from one IP.
    RateLimitThreshold,
    /// Too many bad webhook/callback signatures from one source.
    SignatureFailureThreshold,
    /// Personal data accessed outside business hours.
    AfterHoursPiiAccess,
}

impl SecurityEventKind {
    /// Audit event type (`security.<kind>`).
    pub fn event_type(self) -> &'static str {
        match self {
            Self::FailedAuthThreshold => "security.failed_auth_threshold",
            Self::RateLimitThreshold => "security.rate_limit_threshold",
            Self::SignatureFailureThreshold => "security.signature_failure_threshold",
            Self::AfterHoursPiiAccess => "security.after_hours_pii_access",
        }
    }
}

/// A decision to block an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BlockDecision {
    /// Address to block.
    pub ip: IpAddr,
    /// For how long.
    pub duration: Duration,
}

/// A raised security event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecurityEvent {
    /// Which threshold.
    pub kind: SecurityEventKind,
    /// Severity.
    pub severity: Severity,
    /// Whom it concerns: an IP, a webhook source, an actor.
    pub subject: String,
    /// Signals counted in the window.
    pub count: u32,
    /// Window length (zero for after-hours access).
    pub window: Duration,
    /// Unix seconds when raised.
    pub at_unix: i64,
    /// Automatic block, if configured for this kind.
    pub block: Option<BlockDecision>,
    /// Human-readable summary (contains no personal data beyond the subject).
    pub message: String,
}

/// A count within a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold {
    /// Signals that raise the event.
    pub limit: u32,
    /// Sliding window.
    pub window: Duration,
}

/// Business hours in local time, for the after-hours rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusinessHours {
    /// Start, minutes after local midnight (inclusive).
    pub start_minute: u16,
    /// End, minutes after local midnight (exclusive).
    pub end_minute: u16,
    /// Working days, Monday first.
    pub days: [bool; 7],
    /// Local time minus UTC, in minutes (e.g. +60 for CET, -300 for EST).
    pub utc_offset_minutes: i32,
}

impl Default for BusinessHours {
    /// Monday to Friday, 08:00-18:00 UTC.
    fn default() -> Self {
        Self {
            start_minute: 8 * 60,
            end_minute: 18 * 60,
            days: [true, true, true, true, true, false, false],
            utc_offset_minutes: 0,
        }
    }
}

impl BusinessHours {
    /// Whether a Unix time falls inside business hours.
    pub fn contains(&self, unix_secs: i64) -> bool {
        let local = unix_secs + i64::from(self.utc_offset_minutes) * 60;
        let days = local.div_euclid(86_400);
        let minute = (local.rem_euclid(86_400) / 60) as u16;
        // 1970-01-01 was a Thursday: index 3 with Monday = 0.
        let weekday = (days + 3).rem_euclid(7) as usize;
        self.days[weekday] && minute >= self.start_minute && minute < self.end_minute
    }
}

/// Monitor settings; defaults follow issue 7.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitorConfig {
    /// Failed authentications per IP (default 10 per 15 minutes).
    pub failed_auth: Threshold,
    /// Rate-limit violations per IP (default 100 per hour).
    pub rate_limit: Threshold,
    /// Signature failures per source (default 10 per hour).
    pub signature_failures: Threshold,
    /// Business hours for the after-hours PII rule.
    pub business_hours: BusinessHours,
    /// Automatic block for failed-auth and rate-limit events (`None` disables; default 1 hour).
    pub auto_block: Option<Duration>,
    /// Bound on tracked subjects per counter (default 100,000).
    pub max_subjects: usize,
}

impl Default for MonitorConfig {
    fn default() -> Self {
        Self {
            failed_auth: Threshold {
                limit: 10,
                window: Duration::from_secs(15 * 60),
            },
            rate_limit: Threshold {
                limit: 100,
                window: Duration::from_secs(3600),
            },
            signature_failures: Threshold {
                limit: 10,
                window: Duration::from_secs(3600),
            },
            business_hours: BusinessHours::default(),
            auto_block: Some(Duration::from_secs(3600)),
            max_subjects: 100_000,
        }
    }
}

struct Counter {
    threshold: Threshold,
    max_subjects: usize,
    hits: Mutex<HashMap<String, VecDeque<i64>>>,
}

impl Counter {
    fn new(threshold: Threshold, max_subjects: usize) -> Self {
        Self {
            threshold,
            max_subjects,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Records a signal; returns the count when the threshold is reached.
    fn hit(&self, subject: &str, now: i64) -> Option<u32> {
        let window = i64::try_from(self.threshold.window.as_secs()).unwrap_or(i64::MAX);
        let mut map = self.hits.lock();
        if !map.contains_key(subject) && map.len() >= self.max_subjects {
            map.retain(|_, q| q.back().is_some_and(|&t| t > now.saturating_sub(window)));
            if map.len() >= self.max_subjects {
                // Still full of live subjects: drop the stalest to stay bounded.
                if let Some(k) = map
                    .iter()
                    .min_by_key(|(_, q)| q.back().copied().unwrap_or(i64::MIN))
                    .map(|(k, _)| k.clone())
                {
                    map.remove(&k);
                }
            }
        }
        let q = map.entry(subject.to_owned()).or_default();
        while q.front().is_some_and(|&t| t <= now.saturating_sub(window)) {
            q.pop_front();
        }
        q.push_back(now);
        let n = u32::try_from(q.len()).unwrap_or(u32::MAX);
        if n >= self.threshold.limit {
            map.remove(subject);
            Some(n)
        } else {
            None
        }
    }
}

/// Turns security signals into events.
pub struct SecurityMonitor {
    cfg: MonitorConfig,
    failed_auth: Counter,
    rate_limit: Counter,
    signatures: Counter,
}

impl fmt::Debug for SecurityMonitor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecurityMonitor")
            .field("cfg", &self.cfg)
            .finish_non_exhaustive()
    }
}

impl SecurityMonitor {
    /// A monitor with the given settings.
    ///
    /// # Errors
    /// [`Error::Config`] for a zero limit or window, or business hours beyond 24:00.
    pub fn new(cfg: MonitorConfig) -> Result<Self> {
        for (name, t) in [
            ("failed_auth", cfg.failed_auth),
            ("rate_limit", cfg.rate_limit),
            ("signature_failures", cfg.signature_failures),
        ] {
            if t.limit == 0 || t.window.is_zero() {
                return Err(Error::Config(format!(
                    "monitor threshold {name} needs limit >= 1 and a non-zero window"
                )));
            }
        }
        let bh = cfg.business_hours;
        if bh.start_minute > 1440 || bh.end_minute > 1440 || bh.utc_offset_minutes.abs() > 18 * 60 {
            return Err(Error::Config("business hours out of range".into()));
        }
        Ok(Self {
            failed_auth: Counter::new(cfg.failed_auth, cfg.max_subjects),
            rate_limit: Counter::new(cfg.rate_limit, cfg.max_subjects),
            signatures: Counter::new(cfg.signature_failures, cfg.max_subjects),
            cfg,
        })
    }

    /// The settings.
    pub fn config(&self) -> &MonitorConfig {
        &self.cfg
    }

    /// A failed authentication from `ip` at `now` (Unix seconds).
    pub fn record_failed_auth(&self, ip: IpAddr, now: i64) -> Option<SecurityEvent> {
        let t = self.cfg.failed_auth;
        let count = self.failed_auth.hit(&ip.to_string(), now)?;
        Some(SecurityEvent {
            kind: SecurityEventKind::FailedAuthThreshold,
            severity: Severity::High,
            subject: ip.to_string(),
            count,
            window: t.window,
            at_unix: now,
            block: self
                .cfg
                .auto_block
                .map(|duration| BlockDecision { ip, duration }),
            message: format!(
                "{count} failed authentications from {ip} within {} s",
                t.window.as_secs()
            ),
        })
    }

    /// A request from `ip` refused by the rate limiter.
    pub fn record_rate_limited(&self, ip: IpAddr, now: i64) -> Option<SecurityEvent> {
        let t = self.cfg.rate_limit;
        let count = self.rate_limit.hit(&ip.to_string(), now)?;
        Some(SecurityEvent {
            kind: SecurityEventKind::RateLimitThreshold,
            severity: Severity::Medium,
            subject: ip.to_string(),
            count,
            window: t.window,
            at_unix: now,
            block: self
                .cfg
                .auto_block
                .map(|duration| BlockDecision { ip, duration }),
            message: format!(
                "{count} rate-limit violations from {ip} within {} s",
                t.window.as_secs()
            ),
        })
    }

    /// A bad signature on a webhook/callback from `source` (integration name or IP). Never
    /// blocks automatically: the source may be a shared provider address.
    pub fn record_signature_failure(&self, source: &str, now: i64) -> Option<SecurityEvent> {
        let t = self.cfg.signature_failures;
        let count = self.signatures.hit(source, now)?;
        Some(SecurityEvent {
            kind: SecurityEventKind::SignatureFailureThreshold,
            severity: Severity::High,
            subject: source.to_owned(),
            count,
            window: t.window,
            at_unix: now,
            block: None,
            message: format!(
                "{count} invalid signatures from {source} within {} s",
                t.window.as_secs()
            ),
        })
    }

    /// Personal data read by `actor` at `now`: an event if outside business hours.
    pub fn record_pii_access(
        &self,
        actor: &str,
        resource: &str,
        now: i64,
    ) -> Option<SecurityEvent> {
        if self.cfg.business_hours.contains(now) {
            return None;
        }
        Some(SecurityEvent {
            kind: SecurityEventKind::AfterHoursPiiAccess,
            severity: Severity::Medium,
            subject: actor.to_owned(),
            count: 1,
            window: Duration::ZERO,
            at_unix: now,
            block: None,
            message: format!("{actor} accessed personal data ({resource}) outside business hours"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-01-05 was a Monday.
    const MONDAY_00_00_UTC: i64 = 1_767_571_200;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn failed_auth_threshold_in_window() {
        let m = SecurityMonitor::new(MonitorConfig::default()).unwrap();
        let a = ip("203.0.113.9");
        let t0 = MONDAY_00_00_UTC;
        for i in 0..9 {
            assert!(m.record_failed_auth(a, t0 + i * 60).is_none());
        }
        // Another IP does not count toward a's threshold.
        assert!(m.record_failed_auth(ip("203.0.113.10"), t0).is_none());
        let e = m.record_failed_auth(a, t0 + 9 * 60).unwrap();
        assert_eq!(e.kind, SecurityEventKind::FailedAuthThreshold);
        assert_eq!(e.severity, Severity::High);
        assert_eq!(e.count, 10);
        assert_eq!(
            e.block,
            Some(BlockDecision {
                ip: a,
                duration: Duration::from_secs(3600)
            })
        );
        // The window restarts after firing.
        assert!(m.record_failed_auth(a, t0 + 9 * 60 + 1).is_none());
    }

    #[test]
    fn window_slides() {
        let m = SecurityMonitor::new(MonitorConfig::default()).unwrap();
        let a = ip("2001:db8::1");
        let t0 = MONDAY_00_00_UTC;
        // 9 failures, then a pause longer than 15 minutes: old ones expire.
        for i in 0..9 {
            m.record_failed_auth(a, t0 + i);
        }
        for i in 0..9 {
            assert!(m.record_failed_auth(a, t0 + 900 + i).is_none(), "i={i}");
        }
        assert!(m.record_failed_auth(a, t0 + 909).is_some());
    }

    #[test]
    fn rate_limit_and_signature_thresholds() {
        let cfg = MonitorConfig {
            auto_block: None,
            ..MonitorConfig::default()
        };
        let m = SecurityMonitor::new(cfg).unwrap();
        let a = ip("198.51.100.1");
        let fired: Vec<_> = (0..250)
            .filter_map(|i| m.record_rate_limited(a, MONDAY_00_00_UTC + i))
            .collect();
        assert_eq!(fired.len(), 2);
        assert_eq!(fired[0].block, None);
        assert_eq!(fired[0].severity, Severity::Medium);
        let sig: Vec<_> = (0..10)
            .filter_map(|i| m.record_signature_failure("twilio", MONDAY_00_00_UTC + i * 300))
            .collect();
        assert_eq!(sig.len(), 1);
        assert_eq!(
            sig[0].kind.event_type(),
            "security.signature_failure_threshold"
        );
        assert!(sig[0].block.is_none());
    }

    #[test]
    fn after_hours_pii_access() {
        let m = SecurityMonitor::new(MonitorConfig::default()).unwrap();
        assert!(m
            .record_pii_access("user:ana", "transcript", MONDAY_00_00_UTC + 9 * 3600)
            .is_none());
        assert!(m
            .record_pii_access("user:ana", "transcript", MONDAY_00_00_UTC + 3 * 3600)
            .is_some());
        assert!(m
            .record_pii_access("user:ana", "transcript", MONDAY_00_00_UTC + 18 * 3600)
            .is_some());
        // Saturday 10:00 UTC.
        assert!(m
            .record_pii_access(
                "user:ana",
                "transcript",
                MONDAY_00_00_UTC + 5 * 86_400 + 10 * 3600
            )
            .is_some());
        // With UTC-5, Monday 09:00 UTC is 04:00 local: after hours.
        let east = SecurityMonitor::new(MonitorConfig {
            business_hours: BusinessHours {
                utc_offset_minutes: -300,
                ..BusinessHours::default()
            },
            ..MonitorConfig::default()
        })
        .unwrap();
        let e = east
            .record_pii_access("user:bo", "recording", MONDAY_00_00_UTC + 9 * 3600)
            .unwrap();
        assert_eq!(e.kind, SecurityEventKind::AfterHoursPiiAccess);
        assert!(east
            .record_pii_access("user:bo", "recording", MONDAY_00_00_UTC + 14 * 3600)
            .is_none());
    }

    #[test]
    fn bounded_subjects_and_config_checks() {
        let m = SecurityMonitor::new(MonitorConfig {
            max_subjects: 10,
            ..MonitorConfig::default()
        })
        .unwrap();
        for i in 0..1000u32 {
            m.record_failed_auth(IpAddr::from(i.to_be_bytes()), MONDAY_00_00_UTC);
        }
        assert!(m.failed_auth.hits.lock().len() <= 10);
        let mut bad = MonitorConfig::default();
        bad.failed_auth.limit = 0;
        assert!(SecurityMonitor::new(bad).is_err());
        let mut bad = MonitorConfig::default();
        bad.business_hours.end_minute = 2000;
        assert!(SecurityMonitor::new(bad).is_err());
    }
}
