//! `voxgate report`: the compliance report for the last day, week or month, as JSON or as a
//! self-contained HTML page with charts. Every figure is computed from the stored data.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context};
use clap::Args;
use voxgate_security::audit::{AuditResult, Classification};
use voxgate_server::config::Config;
use voxgate_store::audit_log::now_ms;
use voxgate_store::report::{build_report, render_html, BusinessHours, Period};

use crate::master_key::{cli_actor, open};

/// Arguments of `voxgate report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// `day`, `week` or `month` (the last 1, 7 or 30 days).
    #[arg(long, default_value = "month")]
    pub period: String,
    /// `json` or `html`.
    #[arg(long, default_value = "json")]
    pub format: String,
    /// Output file (default: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Business hours for after-hours access, `START-END` in local hours.
    #[arg(long, default_value = "8-18")]
    pub business_hours: String,
    /// Local time offset from UTC in minutes.
    #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
    pub utc_offset_minutes: i32,
}

/// Parses `8-18`.
pub fn parse_hours(s: &str, offset: i32) -> anyhow::Result<BusinessHours> {
    let (a, b) = s
        .split_once('-')
        .ok_or_else(|| anyhow!("--business-hours must be START-END, like 8-18"))?;
    let start: u8 = a.trim().parse().context("business hours start")?;
    let end: u8 = b.trim().parse().context("business hours end")?;
    if start >= end || end > 24 {
        bail!("--business-hours: need 0 <= START < END <= 24");
    }
    Ok(BusinessHours {
        start_hour: start,
        end_hour: end,
        utc_offset_minutes: offset,
    })
}

/// Runs `voxgate report`.
pub async fn run(args: &ReportArgs, config: &Config) -> anyhow::Result<()> {
    let period = Period::parse(&args.period).map_err(|e| anyhow!("{e}"))?;
    if args.format != "json" && args.format != "html" {
        bail!("--format must be json or html");
    }
    let hours = parse_hours(&args.business_hours, args.utc_offset_minutes)?;
    let dp = open(config, Vec::new()).await?;
    let head = dp.exported_head().map_err(|e| anyhow!(e))?;
    let report = build_report(
        dp.calls.pool(),
        &dp.audit_key,
        period,
        now_ms(),
        hours,
        head,
    )
    .await?;
    let text = if args.format == "json" {
        serde_json::to_string_pretty(&report)? + "\n"
    } else {
        render_html(&report)
    };
    match &args.out {
        Some(p) => std::fs::write(p, text).with_context(|| format!("writing {}", p.display()))?,
        None => print!("{text}"),
    }
    let mut e = cli_actor().event(
        now_ms(),
        "report.generate",
        &format!("report:{}", args.period),
        "read",
        AuditResult::Success,
    );
    e.data_classification = Classification::Internal;
    dp.audit.append(e.finish()).await?;
    Ok(())
}
