//! Role-based access control: five roles, a closed set of permissions, and one matrix.
//!
//! Deny by default: [`Role::allows`] is `true` only for pairs listed in [`Role::permissions`].
//! Every route declares the single [`Permission`] it needs; the server checks it after
//! authentication. [`matrix_markdown`] renders the matrix for `docs/rbac.md`, and a test keeps
//! that file identical to the code.
//!
//! Design choices: `admin` runs the system and may do everything; `supervisor` oversees calls and
//! may see raw (unredacted) data and act on data-subject requests; `case_worker` handles calls
//! and sees redacted data only; `auditor` has read-only access to the audit trail, reports and
//! configuration, but no call content; `service` is for machine clients (CRM, pipelines) that
//! submit and fetch analysis and open voice sessions.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Error;

/// A role held by a user or API key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// System administrator.
    Admin,
    /// Oversees calls and staff; sees raw data; handles data-subject requests.
    Supervisor,
    /// Handles calls; sees redacted data only.
    CaseWorker,
    /// Read-only compliance access: audit trail, reports, configuration, security events.
    Auditor,
    /// Machine client.
    Service,
}

impl Role {
    /// All roles, in matrix column order.
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Supervisor,
        Role::CaseWorker,
        Role::Auditor,
        Role::Service,
    ];

    /// The snake_case name used in config, tokens and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Supervisor => "supervisor",
            Role::CaseWorker => "case_worker",
            Role::Auditor => "auditor",
            Role::Service => "service",
        }
    }

    /// The permissions this role holds; everything else is denied.
    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Role::Admin => &Permission::ALL,
            Role::Supervisor => &[
                CallsRead,
                CallsReadRaw,
                CallsDelete,
                CallsExport,
                CallsLookupCaller,
                CallsControl,
                TranscriptsRead,
                RecordingsPlay,
                AnalysisSubmit,
                AnalysisRead,
                AnalysisDelete,
                QueueRead,
                SessionsCreate,
                ConsentRead,
                LegalHoldSet,
                ReportsRead,
            ],
            Role::CaseWorker => &[
                CallsRead,
                CallsControl,
                TranscriptsRead,
                AnalysisSubmit,
                AnalysisRead,
                SessionsCreate,
            ],
            Role::Auditor => &[
                CallsRead,
                ConsentRead,
                AuditRead,
                AuditVerify,
                AuditExport,
                ReportsRead,
                ConfigRead,
                SecurityRead,
            ],
            Role::Service => &[
                CallsRead,
                TranscriptsRead,
                AnalysisSubmit,
                AnalysisRead,
                QueueRead,
                SessionsCreate,
            ],
        }
    }

    /// Whether this role holds `perm`.
    pub fn allows(self, perm: Permission) -> bool {
        self.permissions().contains(&perm)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| Error::UnknownName {
                kind: "role",
                name: s.to_owned(),
            })
    }
}

macro_rules! permissions {
    ($($(#[$doc:meta])* $variant:ident => $name:literal, $desc:literal;)*) => {
        /// Something a route lets its caller do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Permission {
            $($(#[$doc])* $variant,)*
        }

        impl Permission {
            /// Every permission, in matrix row order.
            pub const ALL: [Permission; [$(stringify!($variant)),*].len()] = [$(Permission::$variant),*];

            /// The dotted name (`calls.read`).
            pub fn as_str(self) -> &'static str {
                match self { $(Permission::$variant => $name,)* }
            }

            /// One-line description for the documentation table.
            pub fn description(self) -> &'static str {
                match self { $(Permission::$variant => $desc,)* }
            }
        }
    };
}

permissions! {
    /// List calls and read their metadata.
    CallsRead => "calls.read", "List calls and read metadata (times, duration, status, redacted summary)";
    /// Read unredacted call data.
    CallsReadRaw => "calls.read_raw", "Read raw (unredacted) transcripts and PII of a call";
    /// Delete a call (right to erasure); shreds its data key.
    CallsDelete => "calls.delete", "Delete a call and crypto-shred its data key (GDPR erasure)";
    /// Export everything held about a call.
    CallsExport => "calls.export", "Export everything held about a call (GDPR portability)";
    /// Find the calls of a caller by phone number.
    CallsLookupCaller => "calls.lookup_caller", "Find all calls of a caller by phone number (keyed hash lookup)";
    /// Hang up or transfer a live call.
    CallsControl => "calls.control", "Hang up or transfer a live call";
    /// Read redacted transcripts.
    TranscriptsRead => "transcripts.read", "Read redacted transcripts";
    /// Play or download recordings.
    RecordingsPlay => "recordings.play", "Play or download call recordings";
    /// Submit analysis jobs.
    AnalysisSubmit => "analysis.submit", "Submit post-call analysis jobs (upload or call id)";
    /// Read analysis status and results.
    AnalysisRead => "analysis.read", "Read analysis job status and results";
    /// Cancel or delete analysis jobs.
    AnalysisDelete => "analysis.delete", "Cancel or delete analysis jobs and results";
    /// Read queue and worker status.
    QueueRead => "queue.read", "Read analysis queue and worker status";
    /// Open a browser voice session.
    SessionsCreate => "sessions.create", "Open a browser voice session with the agent";
    /// Read consent records.
    ConsentRead => "consent.read", "Read recording-consent records";
    /// Set or clear legal hold.
    LegalHoldSet => "legal_hold.set", "Set or clear the legal-hold flag that blocks purging";
    /// Run a retention purge on demand.
    RetentionRun => "retention.run", "Run a retention purge on demand";
    /// Create, list, rotate and revoke API keys.
    KeysManage => "keys.manage", "Create, list, rotate and revoke API keys; rotate the master key";
    /// Create and manage users.
    UsersManage => "users.manage", "Create users, reset passwords and MFA, assign roles";
    /// Read the audit log.
    AuditRead => "audit.read", "Read the audit log";
    /// Verify the audit chain.
    AuditVerify => "audit.verify", "Verify the audit hash chain and read its head";
    /// Export the audit log.
    AuditExport => "audit.export", "Export the audit log (JSON lines, syslog)";
    /// Read compliance reports.
    ReportsRead => "reports.read", "Read compliance reports";
    /// Read configuration (secrets redacted).
    ConfigRead => "config.read", "Read configuration (secrets always redacted)";
    /// Change configuration.
    ConfigWrite => "config.write", "Change configuration (profiles, retention, limits, allowlists)";
    /// Read security events and blocks.
    SecurityRead => "security.read", "Read security events, lockouts and IP blocks";
    /// Lift or set IP blocks.
    SecurityManage => "security.manage", "Set or lift IP blocks and lockouts";
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Permission {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Permission::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| Error::UnknownName {
                kind: "permission",
                name: s.to_owned(),
            })
    }
}

/// The permission matrix as a Markdown document (the content of `docs/rbac.md`).
pub fn matrix_markdown() -> String {
    let mut out = String::from(
        "# Roles and permissions\n\n\
         Generated by `voxgate_security::rbac::matrix_markdown()`; a test keeps this file in sync with the code.\n\
         Access is denied unless the table says `yes`. Every API route requires exactly one permission.\n\n\
         | permission | description |",
    );
    for r in Role::ALL {
        out.push_str(&format!(" {} |", r.as_str()));
    }
    out.push_str("\n| --- | --- |");
    for _ in Role::ALL {
        out.push_str(" :---: |");
    }
    out.push('\n');
    for p in Permission::ALL {
        out.push_str(&format!("| `{}` | {} |", p.as_str(), p.description()));
        for r in Role::ALL {
            out.push_str(if r.allows(p) { " yes |" } else { " - |" });
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().unwrap(), r);
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{}\"", r.as_str())
            );
        }
        for p in Permission::ALL {
            assert_eq!(p.as_str().parse::<Permission>().unwrap(), p);
        }
        assert!("root".parse::<Role>().is_err());
        assert!("Admin".parse::<Role>().is_err());
        assert!("calls.*".parse::<Permission>().is_err());
    }

    #[test]
    fn key_policy_decisions() {
        use Permission::*;
        assert!(Permission::ALL.iter().all(|p| Role::Admin.allows(*p)));
        for r in [Role::CaseWorker, Role::Auditor, Role::Service] {
            for p in [
                CallsReadRaw,
                RecordingsPlay,
                CallsDelete,
                KeysManage,
                UsersManage,
                ConfigWrite,
            ] {
                assert!(!r.allows(p), "{r} must not have {p}");
            }
        }
        assert!(!Role::Supervisor.allows(KeysManage));
        assert!(!Role::Supervisor.allows(AuditRead));
        assert!(Role::Auditor.allows(AuditVerify));
        assert!(!Role::Auditor.allows(TranscriptsRead));
        assert!(Role::Service.allows(AnalysisSubmit));
    }

    #[test]
    fn matrix_lists_every_pair() {
        let md = matrix_markdown();
        for p in Permission::ALL {
            let line = md
                .lines()
                .find(|l| l.starts_with(&format!("| `{}` |", p.as_str())))
                .unwrap();
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            for (i, r) in Role::ALL.iter().enumerate() {
                assert_eq!(cells[3 + i] == "yes", r.allows(p), "{p} {r}");
            }
        }
    }

    #[test]
    fn docs_file_matches_code() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rbac.md");
        if let Ok(doc) = std::fs::read_to_string(path) {
            assert_eq!(
                doc,
                matrix_markdown(),
                "docs/rbac.md is stale: regenerate it from rbac::matrix_markdown()"
            );
        }
    }
}
