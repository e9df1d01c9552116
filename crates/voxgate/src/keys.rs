//! `voxgate keys`: create, list, revoke and rotate API keys directly in the configured data
//! directory's database. A new key is printed once, on standard output, and never stored.

use std::path::Path;

use anyhow::{anyhow, bail, Context};
use clap::Subcommand;
use voxgate_security::apikey::ApiKey;
use voxgate_security::rbac::Role;
use voxgate_store::auth::{ApiKeyRecord, AuthStore};

/// API key administration.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create a key and print it once.
    Create {
        /// Role: admin, supervisor, case_worker, auditor or service.
        #[arg(long)]
        role: String,
        /// A name saying who or what uses the key.
        #[arg(long)]
        name: String,
        /// Lifetime such as 30d, 12h, 90m or seconds; no expiry when omitted.
        #[arg(long, value_name = "DURATION")]
        expires: Option<String>,
    },
    /// List keys (never their secrets).
    List,
    /// Revoke a key by id (the 8 characters after `vgk_`).
    Revoke {
        /// Key id.
        id: String,
    },
    /// Replace a key by a new one with the same name, role and expiry; print the new key once.
    Rotate {
        /// Key id.
        id: String,
    },
    /// Rotate the master key: re-wrap every call's data key under the key in FILE without
    /// re-encrypting any blob (also `voxgate master-key rotate`). Stop the server first, then
    /// point `security.master_key` at FILE.
    #[command(name = "rotate-master")]
    RotateMaster {
        /// The new master key (64 hex digits or base64 of 32 bytes); `voxgate master-key
        /// generate --out FILE` makes one.
        #[arg(long, value_name = "FILE")]
        new_key_file: std::path::PathBuf,
    },
}

pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Opens the database of `data_dir` (creating and migrating it if needed).
pub(crate) async fn open(data_dir: &Path) -> anyhow::Result<AuthStore> {
    let store = voxgate_store::SqliteStore::open(data_dir)
        .await
        .with_context(|| format!("opening the database in {}", data_dir.display()))?;
    Ok(AuthStore::new(&store))
}

fn show(k: &ApiKeyRecord, now: i64) -> String {
    let state = if k.revoked_at.is_some() {
        "revoked"
    } else if k.expires_at.is_some_and(|e| now >= e) {
        "expired"
    } else {
        "active"
    };
    format!(
        "{}\t{}\t{}\t{}\texpires={}\tlast_used={}",
        k.id,
        k.role,
        state,
        k.name,
        k.expires_at.map_or("never".into(), |e| e.to_string()),
        k.last_used_at.map_or("never".into(), |e| e.to_string()),
    )
}

/// Runs a `keys` subcommand with the loaded configuration (master-key rotation needs its keys).
pub async fn run_with_config(
    cmd: &KeysCommand,
    config: &voxgate_server::config::Config,
) -> anyhow::Result<()> {
    match cmd {
        KeysCommand::RotateMaster { new_key_file } => {
            let rotate = crate::master_key::MasterKeyCommand::Rotate {
                new_key_file: new_key_file.clone(),
            };
            crate::master_key::run(&rotate, config).await
        }
        _ => run(cmd, &config.data.dir).await,
    }
}

/// Runs a `keys` subcommand.
pub async fn run(cmd: &KeysCommand, data_dir: &Path) -> anyhow::Result<()> {
    let store = open(data_dir).await?;
    let now = now();
    match cmd {
        KeysCommand::Create {
            role,
            name,
            expires,
        } => {
            let role: Role = role.parse().map_err(|e| anyhow!("{e}"))?;
            if name.trim().is_empty() || name.len() > 100 {
                bail!("--name must be 1-100 characters");
            }
            let expires_at = match expires {
                None => None,
                Some(d) => {
                    let secs = voxgate_server::api::parse_duration_secs(d)
                        .ok_or_else(|| anyhow!("--expires must look like 30d, 12h, 90m or 3600"))?;
                    Some(now.saturating_add(i64::try_from(secs).unwrap_or(i64::MAX)))
                }
            };
            let key = ApiKey::generate();
            let rec = store
                .create_api_key(&key, name.trim(), role, expires_at, Some("cli"), now)
                .await?;
            eprintln!(
                "created key {} ({}, role {}); it is shown once, store it now:",
                rec.id, rec.name, rec.role
            );
            println!("{}", key.expose());
        }
        KeysCommand::List => {
            for k in store.list_api_keys().await? {
                println!("{}", show(&k, now));
            }
        }
        KeysCommand::Revoke { id } => {
            if !store.revoke_api_key(id, now).await? {
                bail!("no active key {id}");
            }
            eprintln!(
                "revoked {id} (running servers stop accepting it within auth.api_key_cache_secs)"
            );
        }
        KeysCommand::Rotate { id } => {
            let key = ApiKey::generate();
            let Some(rec) = store.rotate_api_key(id, &key, Some("cli"), now).await? else {
                bail!("no active key {id}");
            };
            eprintln!(
                "key {id} revoked and replaced by {}; the new key is shown once:",
                rec.id
            );
            println!("{}", key.expose());
        }
        KeysCommand::RotateMaster { .. } => {
            bail!("`keys rotate-master` needs the configuration: use run_with_config")
        }
    }
    Ok(())
}
