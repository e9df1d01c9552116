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

/// The voice of the caller's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallerVoice {
    /// espeak-ng's formant voice `en-us+f3`.
    Espeak,
    /// The Piper neural voice (22.05 kHz), as a real caller's speech is closer to it.
    Piper,
}

/// The Piper voice with its two noise scales at 0. The voice's graph draws its noise with ONNX
/// Runtime's `RandomNormalLike`, which has no seed attribute and is seeded from the clock at
/// process start: with the voice's own scales (0.667, 0.8) every test run spoke the caller's
/// lines differently (pitch, timing, duration), so the transcript, and what the assertions saw,
/// changed from run to run whatever the recogniser did. Without noise the graph is a pure
/// function of the text.
fn repeatable_piper(dir: &Path) -> voxgate_speech::tts::PiperTts {
    let paths = voxgate_models::ModelPaths::resolve(models_dir());
    let json = std::fs::read_to_string(&paths.piper_config)
        .expect("Piper voice config missing: run `voxgate models setup`");
    let mut config: serde_json::Value = serde_json::from_str(&json).unwrap();
    config["inference"]["noise_scale"] = 0.0.into();
    config["inference"]["noise_w"] = 0.0.into();
    let quiet = dir.join("piper-noiseless.onnx.json");
    std::fs::write(&quiet, config.to_string()).unwrap();
    voxgate_speech::tts::PiperTts::load(&paths.piper_onnx, &quiet, &paths.onnxruntime_lib)
        .expect("Piper voice missing: run `voxgate models setup`")
}

/// Speaks `lines` into one mono WAV at `rate` Hz, with `gap_s` of silence between turns;
/// returns its path. The counsellor speaks with espeak-ng (`en-us`); the caller with `caller`.
/// At 8 kHz every line goes through a telephone line first: band-limited to 300-3400 Hz and
/// mu-law coded, as a PSTN call reaches the server. The same arguments always give the same
/// file (noiseless Piper, sox dither seeded with `-R`), so a test's transcript is reproducible.
pub fn synth_dialog_with(
    dir: &Path,
    name: &str,
    lines: &[(char, &str)],
    rate: u32,
    gap_s: f32,
    caller: CallerVoice,
) -> PathBuf {
    let piper = (caller == CallerVoice::Piper && lines.iter().any(|(w, _)| *w == 'U'))
        .then(|| repeatable_piper(dir));
    let mut parts = Vec::new();
    for (i, (who, text)) in lines.iter().enumerate() {
        let raw = dir.join(format!("{name}-{i}.wav"));
        match (&piper, *who) {
            (Some(p), 'U') => {
                use voxgate_speech::TextToSpeech;
                let samples = p.synthesize(text).expect("Piper synthesis");
                voxgate_audio::decode::write_wav(&raw, &samples, p.sample_rate()).unwrap();
            }
            _ => {
                let voice = if *who == 'C' { "en-us" } else { "en-us+f3" };
                run(Command::new("espeak-ng")
                    .args(["-v", voice, "-s", "165", "-w"])
                    .arg(&raw)
                    .arg(text));
            }
        }
        let line = if rate == 8_000 {
            let tel = dir.join(format!("{name}-{i}-tel.wav"));
            run(Command::new("sox")
                .arg("-R")
                .arg(&raw)
                .args(["-r", "8000", "-c", "1", "-e", "mu-law"])
                .arg(&tel)
                .args(["sinc", "300-3400"]));
            tel
        } else {
            raw
        };
        let fixed = dir.join(format!("{name}-{i}-r.wav"));
        run(Command::new("sox")
            .arg("-R")
            .arg(&line)
            .args([
                "-r",
                &rate.to_string(),
                "-c",
                "1",
                "-b",
                "16",
                "-e",
                "signed-integer",
            ])
            .arg(&fixed)
            .args(["pad", "0", &format!("{gap_s}")]));
        parts.push(fixed);
    }
    let out = dir.join(format!("{name}.wav"));
    run(Command::new("sox").arg("-R").args(&parts).arg(&out));
    for p in parts {
        let _ = std::fs::remove_file(p);
    }
    out
}

/// [`synth_dialog_with`] with the Piper caller.
pub fn synth_dialog(
    dir: &Path,
    name: &str,
    lines: &[(char, &str)],
    rate: u32,
    gap_s: f32,
) -> PathBuf {
    synth_dialog_with(dir, name, lines, rate, gap_s, CallerVoice::Piper)
}
