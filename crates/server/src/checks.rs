//! Production start-up checks and `voxgate doctor`.
//!
//! [`production_problems`] is what `mode = "production"` refuses to start with: weak, default or
//! placeholder secrets, verbose logging, and plain-HTTP listeners on non-loopback addresses.
//! [`doctor`] runs the same checks, plus file-system checks, as a checklist.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::config::{Config, Loaded, Mode, SecretKind};
use crate::telemetry::is_verbose;

/// Minimum length of signing and encryption keys, in bytes.
pub const MIN_KEY_BYTES: usize = 32;
/// Minimum length of passwords, in characters.
pub const MIN_PASSWORD_CHARS: usize = 16;

/// Values that appear in sample configurations and documentation and must never be used.
const PLACEHOLDERS: &[&str] = &[
    "changeme",
    "change_me",
    "change-me",
    "changethis",
    "password",
    "passw0rd",
    "secret",
    "admin",
    "default",
    "example",
    "placeholder",
    "test",
    "token",
    "your_secure_password",
    "your_actual_token_here",
    "strong_random_password_here",
    "complex_password_here",
    "secure_password",
    "secure-password",
    "your-secret-key",
    "supersecret",
    "letmein",
    "123456",
];

/// Why a secret value is unacceptable in production, if it is.
pub fn weak_secret_reason(value: &str, kind: SecretKind) -> Option<String> {
    if value.trim().is_empty() {
        return Some("is empty".into());
    }
    let lower = value.to_ascii_lowercase();
    let placeholder = PLACEHOLDERS.contains(&lower.as_str())
        || [
            "changeme",
            "change_me",
            "your_",
            "your-",
            "placeholder",
            "example",
            "replace_me",
            "<",
            "xxxx",
            "...",
        ]
        .iter()
        .any(|p| lower.contains(p))
        || lower.starts_with("sk-...")
        || value
            .chars()
            .next()
            .is_some_and(|first| value.chars().all(|c| c == first));
    if placeholder {
        return Some("is a known default or placeholder".into());
    }
    match kind {
        SecretKind::Key if value.len() < MIN_KEY_BYTES => Some(format!(
            "is too short ({} bytes; keys need at least {MIN_KEY_BYTES}: generate one with `openssl rand -base64 32`)",
            value.len()
        )),
        SecretKind::Password if value.chars().count() < MIN_PASSWORD_CHARS => Some(format!(
            "is too short ({} characters; passwords need at least {MIN_PASSWORD_CHARS})",
            value.chars().count()
        )),
        _ => None,
    }
}

/// Everything `mode = "production"` refuses to start with, one line per problem saying what to
/// change. Empty when the configuration is fit for production.
pub fn production_problems(config: &Config) -> Vec<String> {
    let mut problems = Vec::new();
    for s in config.secrets() {
        match s.secret.expose() {
            None | Some("") if s.required => problems.push(format!(
                "{} is not set: give it in the config file, VOXGATE_{}, or VOXGATE_{}_FILE",
                s.key,
                env_name(s.key),
                env_name(s.key)
            )),
            None | Some("") => {}
            Some(value) => {
                if let Some(reason) = weak_secret_reason(value, s.kind) {
                    problems.push(format!("{} {reason}: set a strong random value", s.key));
                }
            }
        }
    }
    if is_verbose(&config.log.level) {
        problems.push(format!(
            "log.level = {:?} enables debug/trace output: use \"info\" or quieter in production",
            config.log.level
        ));
    }
    for (name, listen, _) in config.listeners() {
        if !listen.ip().is_loopback() && !config.tls.enabled() {
            problems.push(format!(
                "{name}.listen = {listen} is not loopback and TLS is off: set tls.cert_file and tls.key_file, or bind 127.0.0.1 behind a TLS proxy"
            ));
        }
    }
    problems
}

fn env_name(key: &str) -> String {
    key.replace('.', "__").to_ascii_uppercase()
}

/// Outcome of one doctor check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Fine.
    Pass,
    /// Acceptable now (development mode), but not for production.
    Warn,
    /// Must be fixed.
    Fail,
}

/// One line of the doctor's checklist.
#[derive(Debug, Clone)]
pub struct Check {
    /// What was checked.
    pub name: String,
    /// The outcome.
    pub status: Status,
    /// Detail or what to change.
    pub detail: String,
}

impl Check {
    fn new(name: impl Into<String>, status: Status, detail: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            status,
            detail: detail.into(),
        }
    }
}

/// The doctor's checklist: production checks (failures in production mode, warnings in
/// development), then permissions of the data directory, database and secret files.
pub fn doctor(loaded: &Loaded) -> Vec<Check> {
    let config = &loaded.config;
    let prod = config.mode == Mode::Production;
    let soft = if prod { Status::Fail } else { Status::Warn };
    let mut checks = Vec::new();

    checks.push(Check::new(
        "configuration",
        Status::Pass,
        match &loaded.file {
            Some(f) => format!(
                "loaded {} ({} env overrides)",
                f.display(),
                loaded.env_overrides.len()
            ),
            None => format!(
                "defaults, no file ({} env overrides)",
                loaded.env_overrides.len()
            ),
        },
    ));
    checks.push(Check::new(
        "mode",
        Status::Pass,
        format!("{:?}", config.mode).to_lowercase(),
    ));

    for s in config.secrets() {
        let name = format!("secret {}", s.key);
        match s.secret.expose() {
            None | Some("") if s.required => checks.push(Check::new(
                name,
                soft,
                if prod {
                    "not set".to_string()
                } else {
                    "not set (development generates one in the data directory)".to_string()
                },
            )),
            None | Some("") => checks.push(Check::new(name, Status::Pass, "not used")),
            Some(v) => match weak_secret_reason(v, s.kind) {
                Some(reason) => checks.push(Check::new(name, soft, reason)),
                None => checks.push(Check::new(name, Status::Pass, "set and strong")),
            },
        }
        if let Some(file) = s.secret.file() {
            checks.push(file_mode_check(
                &format!("secret file for {}", s.key),
                file,
                0o077,
            ));
        }
    }

    checks.push(if is_verbose(&config.log.level) {
        Check::new(
            "log level",
            soft,
            format!("{:?} logs debug/trace", config.log.level),
        )
    } else {
        Check::new("log level", Status::Pass, config.log.level.clone())
    });

    for (name, listen, _) in config.listeners() {
        let check_name = format!("{name} listener");
        checks.push(if listen.ip().is_loopback() {
            Check::new(
                check_name,
                Status::Pass,
                format!("{listen} (loopback only)"),
            )
        } else if config.tls.enabled() {
            Check::new(
                check_name,
                Status::Warn,
                format!("{listen} exposed, TLS on"),
            )
        } else {
            Check::new(check_name, soft, format!("{listen} exposed without TLS"))
        });
    }

    let data = &config.data.dir;
    if data.exists() {
        checks.push(file_mode_check("data directory", data, 0o077));
        let db = data.join(voxgate_store::DATABASE_FILE);
        if db.exists() {
            checks.push(file_mode_check("database file", &db, 0o077));
        }
    } else {
        checks.push(Check::new(
            "data directory",
            Status::Warn,
            format!(
                "{} does not exist yet (created with mode 0700 on first start)",
                data.display()
            ),
        ));
    }
    if let Some(file) = &loaded.file {
        checks.push(file_mode_check("configuration file", file, 0o007));
    }
    checks
}

/// Checks that `path` grants none of the permission bits in `forbidden`.
fn file_mode_check(name: &str, path: &Path, forbidden: u32) -> Check {
    match std::fs::metadata(path) {
        Ok(meta) => {
            let mode = meta.permissions().mode() & 0o777;
            if mode & forbidden == 0 {
                Check::new(
                    name,
                    Status::Pass,
                    format!("{} mode {mode:04o}", path.display()),
                )
            } else {
                Check::new(
                    name,
                    Status::Fail,
                    format!(
                        "{} mode {mode:04o} is readable by others: chmod {:04o} {}",
                        path.display(),
                        mode & !forbidden & 0o700,
                        path.display()
                    ),
                )
            }
        }
        Err(e) => Check::new(name, Status::Fail, format!("{}: {e}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ConfigSecret;

    fn strong() -> ConfigSecret {
        ConfigSecret::new("q8Zr1vN3xJ0pL6tY2wB9cF4hK7mS5dA0eG8uI3oR1zX")
    }

    fn production_config() -> Config {
        let mut c = Config {
            mode: Mode::Production,
            ..Config::default()
        };
        c.security.jwt_secret = strong();
        c.security.master_key = strong();
        c.security.audit_key = strong();
        c
    }

    #[test]
    fn strong_production_config_passes() {
        assert!(production_problems(&production_config()).is_empty());
    }

    #[test]
    fn each_weak_secret_is_named() {
        for (value, expect) in [
            ("", "not set"),
            ("changeme", "placeholder"),
            ("your_secure_password_here_12345678901", "placeholder"),
            ("short-key-but-random-x9", "too short"),
            ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "placeholder"),
        ] {
            let mut c = production_config();
            c.security.audit_key = ConfigSecret::new(value);
            let problems = production_problems(&c);
            assert_eq!(problems.len(), 1, "{value:?}: {problems:?}");
            assert!(problems[0].contains("security.audit_key"), "{problems:?}");
            assert!(problems[0].contains(expect), "{value:?}: {problems:?}");
        }
    }

    #[test]
    fn debug_logging_and_plain_public_http_refused() {
        let mut c = production_config();
        c.log.level = "info,voxgate_server=debug".into();
        c.http.listen = "0.0.0.0:8080".parse().unwrap();
        c.http.allow_public_bind = true;
        let problems = production_problems(&c);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("log.level")));
        assert!(problems
            .iter()
            .any(|p| p.contains("http.listen") && p.contains("TLS")));
    }

    #[test]
    fn password_length() {
        assert!(weak_secret_reason("Tr0ub4dor&3xyz", SecretKind::Password).is_some());
        assert!(weak_secret_reason("Tr0ub4dor&3xyzQWE", SecretKind::Password).is_none());
    }
}
