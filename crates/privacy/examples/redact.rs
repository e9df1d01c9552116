//! Redacts stdin line by line and prints the findings.
//!
//! `echo "call me at five one two five five five oh one four two" | cargo run -p voxgate-privacy --example redact [-- --explain]`
use std::io::BufRead;

use voxgate_privacy::{Policy, RedactorBuilder};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let explain = std::env::args().any(|a| a == "--explain");
    let r = RedactorBuilder::new().build()?;
    let policy = Policy::default();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let (out, findings) = r.redact(&line, &policy);
        println!("{out}");
        if explain {
            for c in r.explain(&line) {
                let f = &c.finding;
                let why = c
                    .rejection
                    .map_or_else(|| "TAKEN".to_string(), |r| format!("rejected: {r}"));
                println!(
                    "  {:<22} {:?} {:.2} [{}] {} -> {}",
                    f.entity_type.as_str(),
                    &line[f.start..f.end],
                    f.score,
                    f.recognizer,
                    f.reason,
                    why
                );
            }
        } else {
            for f in findings {
                println!(
                    "  {} {:?} {:.2} {}",
                    f.entity_type,
                    &line[f.start..f.end],
                    f.score,
                    f.reason
                );
            }
        }
    }
    Ok(())
}
