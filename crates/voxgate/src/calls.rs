//! `voxgate calls`: data-subject requests and legal holds from the command line — find calls
//! by caller number, export or delete a call, set or release a legal hold, run the retention
//! purge now. Every action is audited with the operating-system user as actor.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context};
use clap::Subcommand;
use voxgate_server::config::Config;
use voxgate_store::audit_log::now_ms;

use crate::master_key::{cli_actor, open};

/// Call data commands.
#[derive(Debug, Subcommand)]
pub enum CallsCommand {
    /// List the calls of a phone number (matched by keyed hash).
    Find {
        /// The number, in any common format (+1 555 123 4567).
        #[arg(long)]
        caller: String,
    },
    /// Show a call's metadata.
    Show {
        /// Call id.
        id: String,
    },
    /// Export everything held about a call as JSON.
    Export {
        /// Call id.
        id: String,
        /// Output file (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Delete a call and shred its data key.
    Delete {
        /// Call id.
        id: String,
        /// Confirm.
        #[arg(long)]
        yes: bool,
    },
    /// Set (or with --release, clear) the legal hold of a call.
    Hold {
        /// Call id.
        id: String,
        /// Clear the hold.
        #[arg(long)]
        release: bool,
    },
    /// Run the retention purge now with the configured periods.
    Purge,
}

/// Runs a `calls` command.
pub async fn run(cmd: &CallsCommand, config: &Config) -> anyhow::Result<()> {
    let dp = open(config, Vec::new()).await?;
    let actor = cli_actor();
    match cmd {
        CallsCommand::Find { caller } => {
            let calls = dp.calls.find_by_caller(&actor, caller, now_ms()).await?;
            println!("{}", serde_json::to_string_pretty(&calls)?);
        }
        CallsCommand::Show { id } => {
            let c = dp.calls.get_call(id).await?;
            println!("{}", serde_json::to_string_pretty(&c)?);
        }
        CallsCommand::Export { id, out } => {
            let e = dp.calls.export_call(&actor, id, now_ms()).await?;
            let text = serde_json::to_string_pretty(&e)? + "\n";
            match out {
                Some(p) => {
                    voxgate_store::audit_log::write_atomic(p, text.as_bytes())?;
                    eprintln!("wrote {}", p.display());
                }
                None => print!("{text}"),
            }
        }
        CallsCommand::Delete { id, yes } => {
            if !yes {
                bail!("deleting a call cannot be undone: add --yes");
            }
            let r = dp.calls.delete_call(&actor, id, now_ms()).await?;
            println!("{}", serde_json::to_string_pretty(&r)?);
        }
        CallsCommand::Hold { id, release } => {
            dp.calls
                .set_legal_hold(&actor, id, !release, now_ms())
                .await?;
            println!(
                "legal hold {} for call {id}",
                if *release { "released" } else { "set" }
            );
        }
        CallsCommand::Purge => {
            let policy = config.retention.policy().map_err(|e| anyhow!(e))?;
            let r = dp.calls.purge(&policy, now_ms()).await.context("purging")?;
            println!("{}", serde_json::to_string_pretty(&r)?);
        }
    }
    Ok(())
}
