//! Shared helpers of the analysis tests and bench: models and generated helpline audio.

// Test harness helpers outside #[test] fns: a failed setup should panic loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The models directory (`$VOXGATE_MODELS_DIR`, else `models/` at the workspace root).
pub fn models_dir() -> PathBuf {
    let dir = std::env::var_os("VOXGATE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models"));
    let paths = voxgate_models::ModelPaths::resolve(&dir);
    assert!(
        paths.whisper_dir.join("model.bin").exists() && paths.silero_safetensors.exists(),
        "models missing in {}: run `voxgate models setup` first",
        dir.display()
    );
    dir
}

/// Counsellor (C) and caller (U) lines of a short helpline call with a name and a phone number.
pub const SCRIPT: &[(char, &str)] = &[
    ('C', "Hello, thank you for calling the child helpline. My name is Sam. How can I help you today?"),
    ('U', "Hi. My name is Maria Lopez and I am fourteen years old. My stepfather beats me when he drinks, and yesterday he hit me again. I have bruises on my arms."),
    ('C', "I am so sorry to hear that. Thank you for telling me. It is not your fault. Are you safe right now?"),
    ('U', "He is not at home now, but I am scared of him."),
    ('C', "Can you give me a phone number where we can reach you?"),
    ('U', "Yes, my phone number is six one seven, four nine two, three eight zero one."),
    ('C', "Thank you, Maria. I will refer you to a social worker, who will call you back tomorrow."),
    ('C', "Please hold for one moment."),
    ('C', "Thank you for holding. I have the number of a safe place for you. Is there anything else?"),
    ('U', "No, thank you."),
    ('C', "Take care, and you can always call us again. Goodbye."),
];

/// PII said in [`SCRIPT`], in the forms a transcript may show.
pub const SCRIPT_PII: &[&str] = &["Maria", "Lopez", "617", "492", "3801", "6174923801"];

fn run(cmd: &mut Command) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e} (install espeak-ng and sox)"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Speaks `lines` with two espeak-ng voices into one mono WAV at `rate` Hz, with `gap_s` of
/// silence between turns; returns its path.
pub fn synth_dialog(
    dir: &Path,
    name: &str,
    lines: &[(char, &str)],
    rate: u32,
    gap_s: f32,
) -> PathBuf {
    let mut parts = Vec::new();
    for (i, (who, text)) in lines.iter().enumerate() {
        let raw = dir.join(format!("{name}-{i}.wav"));
        let voice = if *who == 'C' { "en-us" } else { "en-us+f3" };
        run(Command::new("espeak-ng")
            .args(["-v", voice, "-s", "165", "-w"])
            .arg(&raw)
            .arg(text));
        let fixed = dir.join(format!("{name}-{i}-r.wav"));
        run(Command::new("sox")
            .arg(&raw)
            .args(["-r", &rate.to_string(), "-c", "1", "-b", "16"])
            .arg(&fixed)
            .args(["pad", "0", &format!("{gap_s}")]));
        parts.push(fixed);
    }
    let out = dir.join(format!("{name}.wav"));
    run(Command::new("sox").args(&parts).arg(&out));
    for p in parts {
        let _ = std::fs::remove_file(p);
    }
    out
}
