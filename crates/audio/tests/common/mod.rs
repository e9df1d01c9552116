//! Helpers shared by the integration tests: external tools and model paths.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs an external tool, failing the test with a clear message if it is missing or fails.
pub fn run(tool: &str, args: &[&str]) {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run `{tool}` ({e}); install the Debian package (espeak-ng, sox, ffmpeg)")
    });
    assert!(
        out.status.success(),
        "`{tool} {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Speech from espeak-ng as a WAV file (22,050 Hz mono).
pub fn espeak(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(format!("{name}.wav"));
    run(
        "espeak-ng",
        &[
            "-v",
            "en-us",
            "-s",
            "160",
            "-w",
            path.to_str().unwrap(),
            text,
        ],
    );
    path
}

/// The models directory: `$VOXGATE_MODELS_DIR` or `models/` at the workspace root.
pub fn models_dir() -> PathBuf {
    std::env::var_os("VOXGATE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models"))
}

/// Path of the Silero weights; fails with the setup command to run if they are missing.
pub fn silero_weights() -> PathBuf {
    let p = models_dir().join("silero-vad/silero_vad_16k.safetensors");
    assert!(
        p.is_file(),
        "Silero VAD weights not found at {}: run `voxgate models setup` (or set VOXGATE_MODELS_DIR)",
        p.display()
    );
    p
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}
