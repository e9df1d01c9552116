//! Intelligibility: speech from each TTS engine, resampled to 16 kHz, is transcribed back by
//! Whisper tiny.en and must contain the words that were spoken.

use std::path::{Path, PathBuf};

use voxgate_speech::stt::WhisperStt;
use voxgate_speech::tts::{synthesize_16k, EspeakTts, PiperTts};
use voxgate_speech::{SpeechToText, TextToSpeech, TranscribeOptions};

fn models_dir() -> PathBuf {
    let dir = std::env::var_os("VOXGATE_MODELS_DIR")
        .filter(|d| !d.is_empty())
        .map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models"),
            PathBuf::from,
        );
    assert!(
        dir.join("piper/en_US-joe-medium.onnx").is_file()
            && dir.join("whisper-tiny-en/model.bin").is_file(),
        "models missing under {}: run `voxgate models setup` (or set VOXGATE_MODELS_DIR)",
        dir.display()
    );
    dir
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn both_engines_are_understood_by_whisper() {
    let dir = models_dir();
    let stt = WhisperStt::load(&dir.join("whisper-tiny-en"), 2).unwrap();
    let piper = PiperTts::from_models_dir(&dir).unwrap();
    let espeak = EspeakTts::new("en-us").unwrap();
    let text = "Please call me back tomorrow morning about my account.";
    let expected = words(text);
    for engine in [&piper as &dyn TextToSpeech, &espeak] {
        let audio = synthesize_16k(engine, text).unwrap();
        let heard = stt
            .transcribe(&audio, &TranscribeOptions::default())
            .unwrap()
            .text;
        eprintln!("{}: {heard}", engine.name());
        let got = words(&heard);
        let hits = expected.iter().filter(|w| got.contains(w)).count();
        // Whisper tiny may slip on a word of robotic speech, never on most of them.
        assert!(
            hits * 10 >= expected.len() * 8,
            "{}: heard {heard:?}",
            engine.name()
        );
    }
}
