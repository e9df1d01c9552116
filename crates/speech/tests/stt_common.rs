//! Helpers shared by the STT tests and the `stt` bench (included with `#[path]`): model
//! location, clip generation with espeak-ng and sox, WAV reading and word error rate.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The models directory: `$VOXGATE_MODELS_DIR` or `models/` at the workspace root.
pub fn models_dir() -> PathBuf {
    std::env::var_os("VOXGATE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models"))
}

/// The Whisper folder; fails loudly (never skips) when the models are not installed.
pub fn whisper_dir() -> PathBuf {
    let dir = models_dir().join("whisper-tiny-en");
    assert!(
        dir.join("model.bin").is_file(),
        "Whisper model missing in {}: run `voxgate models setup` (or set VOXGATE_MODELS_DIR)",
        dir.display()
    );
    dir
}

/// Runs `tools/gen_clips.sh OUT [LIST]`: 16k/, 8k/ (mu-law telephone round trip), refs.tsv.
pub fn gen_clips(out: &Path, list: Option<&Path>) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/gen_clips.sh");
    let mut cmd = Command::new("sh");
    cmd.arg(script).arg(out);
    if let Some(l) = list {
        cmd.arg(l);
    }
    let status = cmd
        .status()
        .expect("run gen_clips.sh (needs espeak-ng and sox)");
    assert!(status.success(), "gen_clips.sh failed: {status}");
}

/// Reads `refs.tsv` as (clip name, reference text).
pub fn read_refs(dir: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(dir.join("refs.tsv"))
        .expect("refs.tsv")
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect()
}

/// Reads a 16 kHz mono 16-bit WAV as samples in [-1, 1].
pub fn read_wav_16k(path: &Path) -> Vec<f32> {
    let mut reader = hound::WavReader::open(path).expect("open wav");
    let spec = reader.spec();
    assert_eq!(spec.sample_rate, 16_000, "{}", path.display());
    assert_eq!(spec.channels, 1);
    reader
        .samples::<i16>()
        .map(|s| f32::from(s.expect("sample")) / 32768.0)
        .collect()
}

const NUMBERS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Lower case, punctuation removed, small numbers spelled out (same as the Python side).
pub fn normalise(text: &str) -> Vec<String> {
    let lowered = text.to_lowercase().replace('-', " ");
    let cleaned: String = lowered
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '\'' || c == ' ' {
                c
            } else {
                ' '
            }
        })
        .collect();
    cleaned
        .split_whitespace()
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
        .map(|w| match w.parse::<usize>() {
            Ok(n) if n <= 20 => NUMBERS[n].to_owned(),
            _ => w.to_owned(),
        })
        .collect()
}

/// Word-level edit distance and the number of reference words.
pub fn word_errors(reference: &str, hypothesis: &str) -> (usize, usize) {
    let r = normalise(reference);
    let h = normalise(hypothesis);
    let mut prev: Vec<usize> = (0..=h.len()).collect();
    for (i, x) in r.iter().enumerate() {
        let mut cur = vec![i + 1; h.len() + 1];
        for (j, y) in h.iter().enumerate() {
            cur[j + 1] = (prev[j + 1] + 1)
                .min(cur[j] + 1)
                .min(prev[j] + usize::from(x != y));
        }
        prev = cur;
    }
    (prev[h.len()], r.len())
}
