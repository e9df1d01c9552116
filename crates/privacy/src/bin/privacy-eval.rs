//! Prints per-entity precision, recall, F1 and F2 on the labelled utterances.
//!
//! `cargo run -p voxgate-privacy --release --bin privacy-eval [-- --split test|dev|unseen|all] [--errors] [FILE]`
//!
//! Without FILE it scores the held-out `test` split of `eval/utterances.jsonl`;
//! with a FILE (e.g. `eval/unseen.jsonl`) every utterance unless `--split` says otherwise.
use std::process::ExitCode;

use voxgate_privacy::{eval, RedactorBuilder};

fn main() -> ExitCode {
    let mut split: Option<Option<String>> = None;
    let mut errors = false;
    let mut file_given = false;
    let mut path = concat!(env!("CARGO_MANIFEST_DIR"), "/eval/utterances.jsonl").to_string();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--split" => split = Some(args.next().filter(|s| s != "all")),
            "--errors" => errors = true,
            "-h" | "--help" => {
                println!("privacy-eval [--split test|dev|unseen|all] [--errors] [FILE]");
                return ExitCode::SUCCESS;
            }
            other => {
                path = other.to_string();
                file_given = true;
            }
        }
    }
    let split = split.unwrap_or_else(|| (!file_given).then(|| "test".to_string()));
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let utts = match eval::load(&text) {
        Ok(u) => u,
        Err(e) => {
            eprintln!("bad JSONL in {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let redactor = match RedactorBuilder::new().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let report = eval::evaluate(&redactor, &utts, split.as_deref());
    println!("split: {}", split.as_deref().unwrap_or("all"));
    print!("{}", report.table());
    if errors {
        for (id, kind, ty, text) in &report.errors {
            println!("{id:<14} {kind:<15} {ty:<22} {text:?}");
        }
    }
    ExitCode::SUCCESS
}
