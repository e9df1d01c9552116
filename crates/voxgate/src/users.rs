//! `voxgate users`: create the first admin (there is no default account), list and disable
//! users, directly in the configured data directory's database.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use clap::Subcommand;
use voxgate_security::password::{Argon2Params, PasswordHasher, PasswordPolicy};
use voxgate_security::rbac::Role;

use crate::keys::{now, open};

/// User administration.
#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Create an admin. The password is prompted for (twice, not echoed) unless
    /// --password-file is given; MFA enrolment is required at first login.
    CreateAdmin {
        /// Login name.
        #[arg(long)]
        username: String,
        /// Read the password from this file (first line) instead of prompting.
        #[arg(long, value_name = "PATH")]
        password_file: Option<PathBuf>,
    },
    /// List users.
    List,
    /// Disable a user by name; their refresh tokens are revoked.
    Disable {
        /// Login name.
        username: String,
    },
}

fn read_password(file: Option<&Path>) -> anyhow::Result<zeroize::Zeroizing<String>> {
    if let Some(p) = file {
        let text = zeroize::Zeroizing::new(
            std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?,
        );
        let first = text.lines().next().unwrap_or("");
        return Ok(zeroize::Zeroizing::new(first.to_owned()));
    }
    let a = zeroize::Zeroizing::new(rpassword::prompt_password("New admin password: ")?);
    let b = zeroize::Zeroizing::new(rpassword::prompt_password("Repeat the password: ")?);
    if *a != *b {
        bail!("the passwords differ");
    }
    Ok(a)
}

/// Runs a `users` subcommand.
pub async fn run(cmd: &UsersCommand, data_dir: &Path) -> anyhow::Result<()> {
    let store = open(data_dir).await?;
    match cmd {
        UsersCommand::CreateAdmin {
            username,
            password_file,
        } => {
            if !voxgate_server::api::valid_username(username) {
                bail!("--username must be 3-64 letters, digits, '.', '_', '-' or '@'");
            }
            let password = read_password(password_file.as_deref())?;
            PasswordPolicy::default()
                .check(&password, &[username, "voxgate"])
                .map_err(|e| anyhow!("{e}"))?;
            let hasher =
                PasswordHasher::new(Argon2Params::default()).map_err(|e| anyhow!("{e}"))?;
            let hash = hasher.hash(&password).map_err(|e| anyhow!("{e}"))?;
            let u = store
                .create_user(username, &hash, Role::Admin, false, now())
                .await
                .map_err(|e| match e {
                    voxgate_store::auth::Error::Conflict(_) => {
                        anyhow!("user {username} already exists")
                    }
                    other => anyhow!(other),
                })?;
            eprintln!(
                "created admin {} ({}); at first login enrol TOTP: POST /api/v1/auth/mfa/enroll",
                u.username, u.id
            );
        }
        UsersCommand::List => {
            for u in store.list_users().await? {
                println!(
                    "{}\t{}\t{}\tmfa={}\t{}",
                    u.username,
                    u.role,
                    u.id,
                    u.mfa_enrolled(),
                    if u.disabled { "disabled" } else { "enabled" }
                );
            }
        }
        UsersCommand::Disable { username } => {
            let u = store
                .user_by_name(username)
                .await?
                .ok_or_else(|| anyhow!("no user {username}"))?;
            store.set_disabled(&u.id, true, now()).await?;
            eprintln!("disabled {username}");
        }
    }
    Ok(())
}
