//! `voxgate audit`: verify the audit chain, export it (JSON lines or RFC 5424 syslog, to a
//! file, standard output or a TCP collector), and export the chain head now.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context};
use clap::Subcommand;
use voxgate_security::audit::{self, event_types, AuditResult, Classification, SyslogFormat};
use voxgate_server::config::Config;
use voxgate_store::audit_log::{self, now_ms};

use crate::master_key::{cli_actor, open};

/// Audit log commands.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check every entry's hash, MAC and position; name the first bad entry and what happened
    /// to it (modified, deleted, inserted, reordered, truncated). Exit 1 when broken.
    Verify {
        /// Head file to check truncation against (default: the configured head file).
        #[arg(long, value_name = "FILE")]
        head: Option<PathBuf>,
        /// Print the full result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write entries as JSON lines or RFC 5424 syslog messages.
    Export {
        /// `jsonl` or `syslog`.
        #[arg(long, default_value = "jsonl")]
        format: String,
        /// First sequence number to export.
        #[arg(long, default_value_t = 1)]
        from_seq: u64,
        /// Output file (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Send to a syslog collector over TCP (`host:port`, octet-counted framing) instead.
        #[arg(long, value_name = "HOST:PORT")]
        tcp: Option<String>,
        /// HOSTNAME field of syslog messages.
        #[arg(long, default_value = "-")]
        hostname: String,
    },
    /// Export the chain head to the head file now.
    Head,
}

/// Runs an `audit` command; the exit code says whether the chain verified.
pub async fn run(cmd: &AuditCommand, config: &Config) -> anyhow::Result<ExitCode> {
    let dp = open(config, Vec::new()).await?;
    match cmd {
        AuditCommand::Verify { head, json } => {
            let expected = match head {
                Some(p) => {
                    Some(audit_log::read_head_file(p, &dp.audit_key).map_err(|e| anyhow!("{e}"))?)
                }
                None => dp.exported_head().map_err(|e| anyhow!(e))?,
            };
            let v = audit_log::verify_stored(dp.calls.pool(), &dp.audit_key, expected).await?;
            let mut e = cli_actor().event(
                now_ms(),
                event_types::AUDIT_VERIFY,
                "audit_log",
                "verify",
                if v.is_ok() {
                    AuditResult::Success
                } else {
                    AuditResult::Failure
                },
            );
            e.data_classification = Classification::Internal;
            e.action_taken = v.first_issue().map(ToString::to_string);
            if *json {
                println!("{}", serde_json::to_string_pretty(&v)?);
            } else {
                let head = v
                    .report
                    .head
                    .map_or_else(|| "empty".to_owned(), |h| format!("seq {}", h.seq));
                println!(
                    "{} entries checked (first seq {}, head {head}); {}",
                    v.report.entries,
                    v.report.first_seq.unwrap_or(0),
                    match v.expected_head {
                        Some(h) => format!("checked against exported head seq {}", h.seq),
                        None =>
                            "no exported head: truncation of the newest entries is not detectable"
                                .into(),
                    }
                );
            }
            // Record the check after reading, so it does not change what was verified.
            dp.audit.append(e.finish()).await?;
            match v.first_issue() {
                None => {
                    if !json {
                        println!("audit chain OK");
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Some(first) => {
                    if !json {
                        println!(
                            "audit chain BROKEN: first bad entry {}: {} ({first})",
                            first.seq(),
                            kind(first)
                        );
                        for i in v.report.issues.iter().take(20) {
                            println!("  - {i}");
                        }
                    }
                    Ok(ExitCode::from(1))
                }
            }
        }
        AuditCommand::Export {
            format,
            from_seq,
            out,
            tcp,
            hostname,
        } => {
            if format != "jsonl" && format != "syslog" {
                bail!("--format must be jsonl or syslog");
            }
            let f = SyslogFormat {
                hostname: hostname.clone(),
                ..SyslogFormat::default()
            };
            let mut sink: Box<dyn Write> = match out {
                Some(p) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(p)
                        .with_context(|| format!("creating {}", p.display()))?,
                )),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            let mut next = *from_seq;
            let mut n = 0usize;
            loop {
                let page = audit_log::read_entries(dp.calls.pool(), next, 5000).await?;
                let Some(last) = page.last().map(|e| e.seq) else {
                    break;
                };
                if let Some(addr) = tcp {
                    n += audit_log::forward_syslog(addr, &page, &f).await?;
                } else {
                    for e in &page {
                        if format == "jsonl" {
                            sink.write_all(audit::to_json_line(e).as_bytes())?;
                        } else {
                            sink.write_all(audit::to_rfc5424(e, &f).as_bytes())?;
                            sink.write_all(b"\n")?;
                        }
                        n += 1;
                    }
                }
                next = last + 1;
            }
            sink.flush()?;
            let mut e = cli_actor().event(
                now_ms(),
                "audit.export",
                tcp.as_deref().unwrap_or("audit_log"),
                "export",
                AuditResult::Success,
            );
            e.action_taken = Some(format!("exported {n} entries as {format}"));
            dp.audit.append(e.finish()).await?;
            eprintln!("exported {n} entries");
            Ok(ExitCode::SUCCESS)
        }
        AuditCommand::Head => {
            match audit_log::export_head(dp.calls.pool(), &dp.audit_key, &dp.head_file, now_ms())
                .await?
            {
                Some(h) => println!(
                    "head seq {} hash {} written to {}",
                    h.seq,
                    hex::encode(h.hash),
                    dp.head_file.display()
                ),
                None => println!("audit log is empty"),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn kind(i: &audit::ChainIssue) -> &'static str {
    use audit::ChainIssue::*;
    match i {
        Modified { .. } => "modified",
        BadMac { .. } => "forged or inserted (bad MAC)",
        BrokenLink { .. } => "broken link (replaced or renumbered)",
        Deleted { .. } => "deleted",
        Reordered { .. } => "reordered",
        Inserted { .. } => "inserted",
        Truncated { .. } => "truncated",
        HeadMismatch { .. } => "rewritten since the exported head",
        BadGenesis => "bad genesis",
    }
}
