//! `voxgate redact`: the privacy engine on files or standard input.

use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::Context;
use voxgate_privacy::{parse_entity_list, parse_operator_spec, Policy, RedactorBuilder};

/// Arguments of `voxgate redact`.
#[derive(Debug, clap::Args)]
pub struct RedactArgs {
    /// Text file to redact; standard input when absent or `-`.
    pub file: Option<PathBuf>,
    /// Print the findings as JSON (one object per input line) instead of redacted text.
    #[arg(long)]
    pub json: bool,
    /// Print findings in Presidio's shape (entity_type, start, end, score) with --json.
    #[arg(long, requires = "json")]
    pub presidio: bool,
    /// Explain each candidate: taken, or rejected and why.
    #[arg(long)]
    pub explain: bool,
    /// Only these entity types, comma-separated (e.g. PHONE_NUMBER,US_SSN).
    #[arg(long, value_name = "LIST")]
    pub entities: Option<String>,
    /// Operator for an entity type, ENTITY=OP (repeatable); OP is mask[:N], replace[:TEXT],
    /// numbered, hash[:base64], encrypt, remove or keep. `hash` and `encrypt` need a key in
    /// VOXGATE_REDACT_KEY (hex, 32 bytes).
    #[arg(long = "operator", value_name = "ENTITY=OP")]
    pub operators: Vec<String>,
}

pub fn run(args: &RedactArgs) -> anyhow::Result<()> {
    let mut builder = RedactorBuilder::new();
    if let Some(list) = &args.entities {
        builder = builder.entities(parse_entity_list(list, &[]).context("--entities")?);
    }
    let redactor = builder.build().context("building the redactor")?;
    let customs = redactor.custom_entities();
    let mut policy = Policy::default();
    for spec in &args.operators {
        let (entity, op) =
            parse_operator_spec(spec, &customs).with_context(|| format!("--operator {spec}"))?;
        policy = policy.set(entity, op);
    }
    if let Ok(hex_key) = std::env::var("VOXGATE_REDACT_KEY") {
        let bytes = hex::decode(hex_key.trim()).context("VOXGATE_REDACT_KEY must be hex")?;
        let key: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| anyhow::anyhow!("VOXGATE_REDACT_KEY must be 32 bytes (64 hex digits)"))?;
        policy = policy
            .hash_key(&key)
            .and_then(|p| p.encryption_key(&key))
            .context("VOXGATE_REDACT_KEY")?;
    }
    policy.validate().context("operator policy")?;

    let mut input = String::new();
    match args.file.as_deref() {
        None => std::io::stdin().read_to_string(&mut input),
        Some(p) if p.as_os_str() == "-" => std::io::stdin().read_to_string(&mut input),
        Some(p) => std::fs::File::open(p)
            .with_context(|| format!("opening {}", p.display()))?
            .read_to_string(&mut input),
    }
    .context("reading input (is it UTF-8 text?)")?;

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut placeholders = voxgate_privacy::Placeholders::default();
    for line in input.lines() {
        if args.explain {
            for c in redactor.explain(line) {
                let f = &c.finding;
                let verdict = match &c.rejection {
                    None => "taken".to_string(),
                    Some(r) => format!("rejected: {r}"),
                };
                writeln!(
                    out,
                    "{}\t{}..{}\t{:.2}\t{}\t{}\t{}",
                    f.entity_type,
                    f.char_start,
                    f.char_end,
                    f.score,
                    f.recognizer,
                    f.reason,
                    verdict
                )?;
            }
        } else if args.json {
            let findings = redactor.detect(line);
            if args.presidio {
                writeln!(out, "{}", voxgate_privacy::to_presidio_json(&findings))?;
            } else {
                writeln!(out, "{}", serde_json::to_string(&findings)?)?;
            }
        } else {
            let (text, _) = redactor.redact_with(line, &policy, &mut placeholders);
            writeln!(out, "{text}")?;
        }
    }
    Ok(())
}
