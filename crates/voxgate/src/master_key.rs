//! `voxgate master-key`: generate a master key, rotate to a new one (re-wrapping every call's
//! data key without re-encrypting any blob), and show which key wraps how many data keys.
//!
//! Also home of [`open`], which the other data-protection commands use to reach the encrypted
//! store with the configured (or, in development, generated) keys.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use clap::Subcommand;
use voxgate_security::crypto::MasterKey;
use voxgate_server::config::{Config, Mode};
use voxgate_server::retention::{key_text, DataProtection};
use voxgate_store::audit_log::{now_ms, AccessContext};
use voxgate_store::blobs;

/// Master key administration.
#[derive(Debug, Subcommand)]
pub enum MasterKeyCommand {
    /// Write a new random master key (base64) to a file created with mode 0600.
    Generate {
        /// The file to create; refused if it exists.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Re-wrap every call's data key under the key in FILE (blobs are not touched). Stop the
    /// server first, then point `security.master_key` at FILE.
    Rotate {
        /// The new master key (64 hex digits or base64 of 32 bytes).
        #[arg(long, value_name = "FILE")]
        new_key_file: PathBuf,
    },
    /// Show the current master key id and how many data keys each master key wraps.
    Status,
}

/// The actor recorded for CLI actions: the operating-system user, with admin rights (the CLI
/// has the keys and the database file).
pub(crate) fn cli_actor() -> AccessContext {
    let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
    AccessContext::new(format!("cli:{user}"), Some("admin"))
}

/// Opens the store of `config` with its keys.
pub(crate) async fn open(config: &Config, older: Vec<MasterKey>) -> anyhow::Result<DataProtection> {
    let sqlite = voxgate_store::SqliteStore::open(&config.data.dir)
        .await
        .with_context(|| format!("opening the database in {}", config.data.dir.display()))?;
    DataProtection::open(config, &sqlite, older)
        .await
        .map_err(|e| anyhow!(e))
}

fn write_new_key(path: &Path, key: &MasterKey) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    f.write_all(format!("{}\n", key.to_base64().as_str()).as_bytes())?;
    f.sync_all()?;
    Ok(())
}

/// Runs a `master-key` command.
pub async fn run(cmd: &MasterKeyCommand, config: &Config) -> anyhow::Result<()> {
    match cmd {
        MasterKeyCommand::Generate { out } => {
            let k = MasterKey::generate("new").map_err(|e| anyhow!("{e}"))?;
            let text = k.to_base64();
            let k = blobs::master_key_from_text(&text).map_err(|e| anyhow!("{e}"))?;
            write_new_key(out, &k)?;
            println!("wrote master key {} to {}", k.id(), out.display());
        }
        MasterKeyCommand::Rotate { new_key_file } => {
            let text = std::fs::read_to_string(new_key_file)
                .with_context(|| format!("reading {}", new_key_file.display()))?;
            let new = blobs::master_key_from_text(&text).map_err(|e| anyhow!("{e}"))?;
            let old_text = key_text(config, &config.security.master_key, "master_key")
                .map_err(|e| anyhow!(e))?;
            let old = blobs::master_key_from_text(&old_text).map_err(|e| anyhow!("{e}"))?;
            let (old_id, new_id) = (old.id().to_owned(), new.id().to_owned());
            // The new key becomes current; the configured one only unwraps.
            let mut cfg = config.clone();
            cfg.security.master_key =
                voxgate_server::config::ConfigSecret::new(text.trim().to_owned());
            let dp = open(&cfg, vec![old]).await?;
            let n = dp
                .calls
                .rewrap_all(&cli_actor(), now_ms())
                .await
                .context("re-wrapping data keys")?;
            println!("re-wrapped {n} data key(s) from {old_id} to {new_id}");
            let dev_file = config.data.dir.join("keys").join("master_key.key");
            if config.mode == Mode::Development && !config.security.master_key.is_set() {
                voxgate_store::audit_log::write_atomic(
                    &dev_file,
                    format!("{}\n", text.trim()).as_bytes(),
                )?;
                std::fs::set_permissions(
                    &dev_file,
                    std::os::unix::fs::PermissionsExt::from_mode(0o600),
                )?;
                println!(
                    "development key file {} now holds the new key",
                    dev_file.display()
                );
            } else {
                println!(
                    "now set security.master_key = {{ file = \"{}\" }} (or VOXGATE_SECURITY__MASTER_KEY_FILE) and restart; keep the old key until backups made before now have expired",
                    new_key_file.display()
                );
            }
        }
        MasterKeyCommand::Status => {
            let dp = open(config, Vec::new()).await?;
            println!("current master key: {}", dp.calls.master_key().id());
            for (id, n) in dp.calls.key_usage().await? {
                println!("  {id}: {n} data key(s)");
            }
        }
    }
    Ok(())
}
