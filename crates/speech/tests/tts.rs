//! Text-to-speech with the real engines: Piper (model files from the models directory) and
//! espeak-ng (system library).

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use voxgate_speech::tts::{
    load_voice, synthesize_16k, synthesize_stream, EspeakTts, PiperTts, SpeechChunk, Voice,
    ESPEAK_SAMPLE_RATE,
};
use voxgate_speech::{Error, TextToSpeech};

fn models_dir() -> PathBuf {
    let dir = std::env::var_os("VOXGATE_MODELS_DIR")
        .filter(|d| !d.is_empty())
        .map_or_else(
            || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models"),
            PathBuf::from,
        );
    assert!(
        dir.join("piper/en_US-joe-medium.onnx").is_file() && dir.join("onnxruntime").is_dir(),
        "Piper voice or ONNX Runtime missing under {}: run `voxgate models setup` (or set VOXGATE_MODELS_DIR)",
        dir.display()
    );
    dir
}

fn piper() -> &'static PiperTts {
    static PIPER: OnceLock<PiperTts> = OnceLock::new();
    PIPER.get_or_init(|| {
        PiperTts::from_models_dir(models_dir()).unwrap_or_else(|e| panic!("load Piper voice: {e}"))
    })
}

fn rms(x: &[f32]) -> f32 {
    (x.iter().map(|s| s * s).sum::<f32>() / x.len().max(1) as f32).sqrt()
}

/// Speech has pauses and loud parts: the share of 20 ms frames above a fraction of the loudest
/// frame is neither tiny (silence, a click) nor everything (a constant tone or noise).
fn assert_speech_like(samples: &[f32], rate: u32, what: &str) {
    assert!(
        samples.iter().all(|s| s.is_finite() && s.abs() <= 1.0),
        "{what}: samples out of range"
    );
    let frame = rate as usize / 50;
    let energies: Vec<f32> = samples.chunks(frame).map(rms).collect();
    let max = energies.iter().copied().fold(0.0, f32::max);
    assert!(max > 0.05, "{what}: too quiet (max frame rms {max})");
    let active = energies.iter().filter(|&&e| e > max * 0.1).count() as f32 / energies.len() as f32;
    assert!(
        (0.3..0.97).contains(&active),
        "{what}: active share {active}"
    );
}

const SENTENCE: &str = "The quick brown fox jumps over the lazy dog.";

#[test]
fn piper_speaks_a_sentence_at_22050_hz() {
    let tts = piper();
    assert_eq!(tts.sample_rate(), 22_050);
    assert_eq!(tts.name(), "piper");
    let audio = tts.synthesize(SENTENCE).unwrap();
    let secs = audio.len() as f32 / 22_050.0;
    assert!((1.5..5.0).contains(&secs), "duration {secs} s");
    assert_speech_like(&audio, 22_050, "piper");
}

#[test]
fn piper_phoneme_ids_follow_piper_layout() {
    let ids = piper().phoneme_ids("Hi, there. Bye!").unwrap();
    assert_eq!(ids.len(), 2, "{ids:?}");
    let map = &piper().config().phoneme_id_map;
    let id = |s: &str| map[s][0];
    for sentence in &ids {
        assert_eq!(&sentence[..2], &[id("^"), id("_")]);
        assert_eq!(sentence.last(), Some(&id("$")));
        // Every other id is the pad.
        assert!(sentence[1..sentence.len() - 1]
            .iter()
            .step_by(2)
            .all(|&i| i == id("_")));
    }
    assert!(ids[0].contains(&id(",")) && ids[0].contains(&id(".")) && ids[1].contains(&id("!")));
}

#[test]
fn espeak_speaks_a_sentence_at_22050_hz() {
    let tts = EspeakTts::new("en-us").unwrap();
    assert_eq!(tts.sample_rate(), ESPEAK_SAMPLE_RATE);
    let audio = tts.synthesize(SENTENCE).unwrap();
    let secs = audio.len() as f32 / ESPEAK_SAMPLE_RATE as f32;
    assert!((1.5..5.0).contains(&secs), "duration {secs} s");
    assert_speech_like(&audio, ESPEAK_SAMPLE_RATE, "espeak");
    // A slower rate gives longer speech.
    let slow = EspeakTts::new("en-us")
        .unwrap()
        .with_rate_wpm(100)
        .unwrap()
        .synthesize(SENTENCE)
        .unwrap();
    assert!(
        slow.len() as f32 > audio.len() as f32 * 1.3,
        "{} vs {}",
        slow.len(),
        audio.len()
    );
}

#[test]
fn streaming_yields_one_chunk_per_sentence_at_each_rate() {
    // A first sentence short enough not to be split (see the next test).
    let text = "Thanks for calling. Your balance is 12.50 dollars. Anything else?";
    let piper: Arc<dyn TextToSpeech> = Arc::new(piper());
    let espeak: Arc<dyn TextToSpeech> = Arc::new(EspeakTts::new("en-us").unwrap());
    for (engine, rate) in [
        (&piper, 8_000),
        (&espeak, 16_000),
        (&piper, 24_000),
        (&espeak, 22_050),
    ] {
        let chunks: Vec<SpeechChunk> = synthesize_stream(engine.clone(), text, rate)
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(chunks.len(), 3, "{} at {rate}", engine.name());
        assert_eq!(chunks[1].text, "Your balance is 12.50 dollars.");
        for c in &chunks {
            assert_eq!(c.sample_rate, rate);
            let secs = c.samples.len() as f32 / rate as f32;
            assert!(
                (0.5..5.0).contains(&secs),
                "{} chunk {} lasts {secs} s",
                engine.name(),
                c.index
            );
            assert_speech_like(&c.samples, rate, engine.name());
        }
        assert!(chunks[2].is_last && !chunks[1].is_last);
    }
}

#[test]
fn a_long_first_sentence_starts_with_a_short_head() {
    let chunks: Vec<SpeechChunk> =
        synthesize_stream(piper(), "Hello, how can I help you today? Bye.", 8_000)
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
    let texts: Vec<&str> = chunks.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["Hello,", "how can I help you today?", "Bye."]);
    // The head is much shorter audio than the rest of its sentence, so it is ready sooner.
    assert!(chunks[0].samples.len() * 2 < chunks[1].samples.len());
    for c in &chunks {
        // A one-word chunk ("Bye.") is mostly Piper's lead-in and tail silence: only check
        // that it is audible; longer ones must look like speech.
        if c.samples.len() < 8_000 {
            let loudest = c.samples.chunks(160).map(rms).fold(0.0, f32::max);
            assert!(loudest > 0.05, "{}: too quiet ({loudest})", c.text);
        } else {
            assert_speech_like(&c.samples, 8_000, &c.text);
        }
    }
}

#[test]
fn sixteen_khz_helper_for_stt_round_trips() {
    let audio = synthesize_16k(&EspeakTts::new("en-us").unwrap(), SENTENCE).unwrap();
    let native = EspeakTts::new("en-us")
        .unwrap()
        .synthesize(SENTENCE)
        .unwrap();
    let expected = native.len() as f32 * 16_000.0 / 22_050.0;
    assert!((audio.len() as f32 - expected).abs() < 2.0);
    assert_speech_like(&audio, 16_000, "espeak 16k");
}

#[test]
fn engines_are_shared_across_threads() {
    let tts = piper();
    std::thread::scope(|s| {
        let handles = ["One two three.", "Four five six."]
            .map(|t| s.spawn(move || tts.synthesize(t).map(|a| a.len())));
        for h in handles {
            assert!(h.join().unwrap().unwrap() > 11_025);
        }
    });
}

#[test]
fn bad_input_gives_typed_errors() {
    let espeak = EspeakTts::new("en-us").unwrap();
    for engine in [piper() as &dyn TextToSpeech, &espeak] {
        assert!(
            matches!(engine.synthesize(""), Err(Error::InvalidInput(_))),
            "{}",
            engine.name()
        );
        assert!(matches!(
            engine.synthesize("   \n"),
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(
            engine.synthesize("nul\0byte"),
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(
            engine.synthesize(&"word ".repeat(10_000)),
            Err(Error::InvalidInput(_))
        ));
    }
    assert!(matches!(
        EspeakTts::new("no-such-voice-xx"),
        Err(Error::ModelInvalid(_))
    ));
    assert!(matches!(
        EspeakTts::new("en-us").unwrap().with_rate_wpm(5),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        synthesize_stream(piper(), "Hi.", 4_000),
        Err(Error::InvalidInput(_))
    ));
    let missing = load_voice(Voice::Piper, "/nonexistent/models")
        .err()
        .unwrap();
    assert!(
        missing.to_string().contains("voxgate models setup"),
        "{missing}"
    );
}
