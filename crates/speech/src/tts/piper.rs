//! Piper (VITS) voices on ONNX Runtime.
//!
//! Text goes through espeak-ng's IPA phonemizer ([`super::espeak::phonemize`]), each phoneme is
//! mapped to ids with the voice's `phoneme_id_map` exactly as piper-phonemize does (`^`, then
//! every phoneme followed by the pad `_`, then `$`), and each sentence runs through the ONNX
//! graph with `input`, `input_lengths` and `scales` = [noise_scale, length_scale, noise_w].
//!
//! ONNX Runtime is loaded from the shared library the models directory ships
//! (`onnxruntime/libonnxruntime.so.*`) through `ort`'s `load-dynamic` feature; `ort` allows one
//! environment per process, which [`onnx_environment`] creates once and shares.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use ort::session::builder::GraphOptimizationLevel;
use ort::session::Session;
use ort::value::Tensor;
use serde::Deserialize;

use crate::{Error, Result, TextToSpeech};

/// Intra-op threads of a Piper session: the machines we target have two cores.
pub const DEFAULT_THREADS: usize = 2;

/// Silence inserted between the sentences of one [`TextToSpeech::synthesize`] call, as Piper's
/// `sentence_silence` default.
pub const SENTENCE_SILENCE_S: f32 = 0.2;

/// Peak level each sentence is normalised to. Piper scales to full scale; a little headroom
/// keeps the resampler's ripple and G.711 from clipping.
pub const PEAK_LEVEL: f32 = 0.9;

/// Longest phoneme-id sequence sent to the model in one run (about a minute of speech); longer
/// sentences are refused rather than risking the graph's memory use.
pub const MAX_PHONEME_IDS: usize = 4096;

/// The process's ONNX Runtime environment once created; failures are not kept, so a later call
/// with a repaired installation succeeds.
static ORT_ENV: Mutex<Option<ort::environment::Environment>> = Mutex::new(None);

/// The process-wide ONNX Runtime environment, loading the library at `ort_lib` on first success.
/// Later calls return the same environment whatever path they pass: `ort` loads one ONNX
/// Runtime library and allows one environment per process, so any other ONNX user in the
/// process must take its environment from here.
///
/// # Errors
/// [`Error::ModelMissing`] naming `voxgate models setup` when the library is missing or cannot be
/// loaded.
pub fn onnx_environment(ort_lib: &Path) -> Result<ort::environment::Environment> {
    let mut slot = ORT_ENV
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(env) = slot.as_ref() {
        return Ok(env.clone());
    }
    if !ort_lib.is_file() {
        return Err(Error::ModelMissing(format!(
            "ONNX Runtime library {} is missing: run `voxgate models setup`",
            ort_lib.display()
        )));
    }
    let env = ort::init_from(ort_lib)
        .map_err(|e| {
            Error::ModelMissing(format!(
                "cannot load ONNX Runtime from {}: {e}; run `voxgate models setup --force` to reinstall it",
                ort_lib.display()
            ))
        })?
        .with_name("voxgate")
        .build()
        .map_err(|e| Error::ModelMissing(format!("cannot create the ONNX Runtime environment: {e}")))?;
    *slot = Some(env.clone());
    Ok(env)
}

/// The parts of a Piper voice's `.onnx.json` the engine needs.
#[derive(Debug, Clone, Deserialize)]
pub struct PiperConfig {
    /// Output audio settings.
    pub audio: PiperAudioConfig,
    /// espeak-ng settings (the phonemizer voice).
    pub espeak: PiperEspeakConfig,
    /// Default synthesis scales.
    pub inference: PiperInferenceConfig,
    /// Phonemizer type; only `espeak` is supported.
    #[serde(default = "default_phoneme_type")]
    pub phoneme_type: String,
    /// Phoneme (one Unicode scalar) to model ids.
    pub phoneme_id_map: HashMap<String, Vec<i64>>,
    /// Number of speakers; multi-speaker voices also take a `sid` input.
    #[serde(default = "default_num_speakers")]
    pub num_speakers: u32,
}

fn default_phoneme_type() -> String {
    "espeak".into()
}

fn default_num_speakers() -> u32 {
    1
}

/// `audio` section of a Piper voice config.
#[derive(Debug, Clone, Deserialize)]
pub struct PiperAudioConfig {
    /// Output sample rate in Hz (22,050 for medium voices).
    pub sample_rate: u32,
}

/// `espeak` section of a Piper voice config.
#[derive(Debug, Clone, Deserialize)]
pub struct PiperEspeakConfig {
    /// espeak-ng voice used for phonemes (e.g. `en-us`).
    pub voice: String,
}

/// `inference` section of a Piper voice config.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct PiperInferenceConfig {
    /// Noise added to the prior (variation of the voice).
    pub noise_scale: f32,
    /// Phoneme duration multiplier (> 1 is slower).
    pub length_scale: f32,
    /// Noise of the duration predictor (variation of the rhythm).
    pub noise_w: f32,
}

impl PiperConfig {
    /// Parses and checks a voice config.
    ///
    /// # Errors
    /// [`Error::ModelInvalid`] when the JSON is malformed, the phonemizer is not espeak, the
    /// sample rate is out of range or the special symbols `^ $ _` are missing.
    pub fn from_json(json: &str) -> Result<Self> {
        let config: Self = serde_json::from_str(json)
            .map_err(|e| Error::ModelInvalid(format!("Piper voice config: {e}")))?;
        if config.phoneme_type != "espeak" {
            return Err(Error::ModelInvalid(format!(
                "Piper voice uses phoneme_type `{}`; only `espeak` is supported",
                config.phoneme_type
            )));
        }
        if !(8_000..=48_000).contains(&config.audio.sample_rate) {
            return Err(Error::ModelInvalid(format!(
                "Piper voice sample rate {} Hz is outside 8000..=48000",
                config.audio.sample_rate
            )));
        }
        for symbol in ["^", "$", "_"] {
            if config.phoneme_id_map.get(symbol).is_none_or(Vec::is_empty) {
                return Err(Error::ModelInvalid(format!(
                    "Piper voice config lacks the `{symbol}` phoneme id"
                )));
            }
        }
        Ok(config)
    }
}

/// Maps phonemes to model ids as piper-phonemize's `phonemes_to_ids` does: BOS `^`, pad `_`
/// after it and after every phoneme, EOS `$`. Phonemes missing from the map are skipped; the
/// second value counts them.
#[derive(Debug, Clone)]
pub struct PhonemeIdMap {
    map: HashMap<char, Vec<i64>>,
    bos: Vec<i64>,
    eos: Vec<i64>,
    pad: Vec<i64>,
}

impl PhonemeIdMap {
    /// Builds the map from a voice config's `phoneme_id_map` (keys longer than one scalar are
    /// ignored, as in Piper).
    ///
    /// # Errors
    /// [`Error::ModelInvalid`] when `^`, `$` or `_` is missing.
    pub fn new(phoneme_id_map: &HashMap<String, Vec<i64>>) -> Result<Self> {
        let mut map = HashMap::new();
        for (key, ids) in phoneme_id_map {
            let mut chars = key.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                map.insert(c, ids.clone());
            }
        }
        let get = |c: char| {
            map.get(&c)
                .filter(|ids| !ids.is_empty())
                .cloned()
                .ok_or_else(|| Error::ModelInvalid(format!("phoneme_id_map lacks `{c}`")))
        };
        Ok(Self {
            bos: get('^')?,
            eos: get('$')?,
            pad: get('_')?,
            map,
        })
    }

    /// The id sequence for one sentence of phonemes, and how many phonemes had no id.
    pub fn ids(&self, phonemes: &[char]) -> (Vec<i64>, usize) {
        let mut ids = Vec::with_capacity(phonemes.len() * 2 + 4);
        ids.extend_from_slice(&self.bos);
        ids.extend_from_slice(&self.pad);
        let mut missing = 0;
        for p in phonemes {
            match self.map.get(p) {
                Some(p_ids) => {
                    ids.extend_from_slice(p_ids);
                    ids.extend_from_slice(&self.pad);
                }
                None => missing += 1,
            }
        }
        ids.extend_from_slice(&self.eos);
        (ids, missing)
    }
}

/// A Piper voice loaded once and shared by every call (`Send + Sync`).
///
/// ONNX Runtime sessions can run concurrently, but `ort` requires exclusive access to run one,
/// so calls are serialised by a mutex; with two cores and two intra-op threads per run,
/// parallel runs would not finish sooner anyway.
#[derive(Debug)]
pub struct PiperTts {
    session: Mutex<Session>,
    config: PiperConfig,
    ids: PhonemeIdMap,
    scales: [f32; 3],
    has_sid: bool,
    output_name: String,
}

/// Options for loading a Piper voice.
#[derive(Debug, Clone, Copy)]
pub struct PiperOptions {
    /// Intra-op threads of the ONNX Runtime session.
    pub threads: usize,
    /// Overrides the voice's `length_scale` (speaking slower or faster), when set.
    pub length_scale: Option<f32>,
}

impl Default for PiperOptions {
    fn default() -> Self {
        Self {
            threads: DEFAULT_THREADS,
            length_scale: None,
        }
    }
}

fn missing(path: &Path, what: &str) -> Error {
    Error::ModelMissing(format!(
        "{what} {} is missing: run `voxgate models setup`",
        path.display()
    ))
}

impl PiperTts {
    /// Loads a Piper voice with [`PiperOptions::default`].
    ///
    /// # Errors
    /// [`Error::ModelMissing`] (naming `voxgate models setup`) when a file or ONNX Runtime is
    /// missing, [`Error::ModelInvalid`] when the config or graph is unusable.
    pub fn load(
        onnx_path: impl AsRef<Path>,
        json_path: impl AsRef<Path>,
        ort_lib_path: impl AsRef<Path>,
    ) -> Result<Self> {
        Self::load_with(onnx_path, json_path, ort_lib_path, PiperOptions::default())
    }

    /// Loads the voice installed in a models directory (`piper/en_US-joe-medium.onnx(.json)`
    /// and `onnxruntime/libonnxruntime.so.*`, as `voxgate models setup` lays them out).
    ///
    /// # Errors
    /// As [`Self::load`].
    pub fn from_models_dir(models_dir: impl AsRef<Path>) -> Result<Self> {
        let paths = voxgate_models::ModelPaths::resolve(models_dir);
        Self::load(
            &paths.piper_onnx,
            &paths.piper_config,
            &paths.onnxruntime_lib,
        )
    }

    /// Loads a Piper voice with explicit options.
    ///
    /// # Errors
    /// As [`Self::load`]; [`Error::InvalidInput`] for zero threads or a non-positive length scale.
    pub fn load_with(
        onnx_path: impl AsRef<Path>,
        json_path: impl AsRef<Path>,
        ort_lib_path: impl AsRef<Path>,
        options: PiperOptions,
    ) -> Result<Self> {
        let (onnx_path, json_path) = (onnx_path.as_ref(), json_path.as_ref());
        if options.threads == 0 {
            return Err(Error::InvalidInput(
                "Piper needs at least one thread".into(),
            ));
        }
        if options
            .length_scale
            .is_some_and(|s| !(s.is_finite() && s > 0.0))
        {
            return Err(Error::InvalidInput(
                "length_scale must be a positive number".into(),
            ));
        }
        if !onnx_path.is_file() {
            return Err(missing(onnx_path, "Piper voice"));
        }
        let json = std::fs::read_to_string(json_path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => missing(json_path, "Piper voice config"),
            _ => Error::ModelInvalid(format!("cannot read {}: {e}", json_path.display())),
        })?;
        let config = PiperConfig::from_json(&json)?;
        let ids = PhonemeIdMap::new(&config.phoneme_id_map)?;
        // Loads the espeak-ng phonemizer now so a missing library fails at startup, not mid-call.
        super::espeak::with_espeak(|_| Ok(()))?;

        let env = onnx_environment(ort_lib_path.as_ref())?;
        let session = build_session(&env, onnx_path, options.threads)?;
        let input_names: Vec<String> = session
            .inputs()
            .iter()
            .map(|i| i.name().to_owned())
            .collect();
        for required in ["input", "input_lengths", "scales"] {
            if !input_names.iter().any(|n| n == required) {
                return Err(Error::ModelInvalid(format!(
                    "{} is not a Piper voice: no `{required}` input (inputs: {input_names:?})",
                    onnx_path.display()
                )));
            }
        }
        let has_sid = input_names.iter().any(|n| n == "sid");
        let output_name = session
            .outputs()
            .first()
            .map(|o| o.name().to_owned())
            .ok_or_else(|| Error::ModelInvalid(format!("{} has no output", onnx_path.display())))?;
        let inf = config.inference;
        let scales = [
            inf.noise_scale,
            options.length_scale.unwrap_or(inf.length_scale),
            inf.noise_w,
        ];
        let voice = Self {
            session: Mutex::new(session),
            config,
            ids,
            scales,
            has_sid,
            output_name,
        };
        // One tiny run now: ONNX Runtime allocates its arenas and specialises kernels on the
        // first run, which would otherwise land on the first caller's first sentence (tens of
        // ms). It also proves the graph runs before the server accepts calls.
        let (warm_ids, _) = voice.ids.ids(&['h', 'ə', 'l', 'ˈ', 'o', 'ʊ']);
        voice.synthesize_ids(&warm_ids).map_err(|e| {
            Error::ModelInvalid(format!("{}: warm-up run failed: {e}", onnx_path.display()))
        })?;
        tracing::debug!(threads = options.threads, has_sid, "Piper voice loaded");
        Ok(voice)
    }

    /// The voice config.
    pub fn config(&self) -> &PiperConfig {
        &self.config
    }

    /// Phonemizes `text` into one id sequence per sentence (what the model is fed).
    ///
    /// # Errors
    /// As [`super::espeak::phonemize`].
    pub fn phoneme_ids(&self, text: &str) -> Result<Vec<Vec<i64>>> {
        let sentences = super::espeak::phonemize(text, &self.config.espeak.voice)?;
        let mut out = Vec::with_capacity(sentences.len());
        for phonemes in &sentences {
            let (ids, missing) = self.ids.ids(phonemes);
            if missing > 0 {
                tracing::debug!(missing, "phonemes without a Piper id were skipped");
            }
            out.push(ids);
        }
        Ok(out)
    }

    /// Runs the model on one sentence's ids; returns float audio at the voice's rate, peak
    /// normalised to [`PEAK_LEVEL`].
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for an empty or oversized sequence, [`Error::Inference`] when ONNX
    /// Runtime fails.
    pub fn synthesize_ids(&self, ids: &[i64]) -> Result<Vec<f32>> {
        if ids.is_empty() {
            return Err(Error::InvalidInput("no phonemes to speak".into()));
        }
        if ids.len() > MAX_PHONEME_IDS {
            return Err(Error::InvalidInput(format!(
                "sentence has {} phoneme ids, more than {MAX_PHONEME_IDS}: split it",
                ids.len()
            )));
        }
        let n = ids.len();
        let n_i64 =
            i64::try_from(n).map_err(|_| Error::InvalidInput("sentence too long".into()))?;
        let infer = |e: ort::Error| Error::Inference(format!("Piper: {e}"));
        let input = Tensor::from_array(([1_usize, n], ids.to_vec())).map_err(infer)?;
        let lengths = Tensor::from_array(([1_usize], vec![n_i64])).map_err(infer)?;
        let scales = Tensor::from_array(([3_usize], self.scales.to_vec())).map_err(infer)?;
        let mut inputs = ort::inputs![
            "input" => input,
            "input_lengths" => lengths,
            "scales" => scales,
        ];
        if self.has_sid {
            let sid = Tensor::from_array(([1_usize], vec![0_i64])).map_err(infer)?;
            inputs.push(("sid".into(), sid.into()));
        }
        let mut session = self
            .session
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let outputs = session.run(inputs).map_err(infer)?;
        let value = outputs
            .get(&self.output_name)
            .ok_or_else(|| Error::Inference("Piper produced no output".into()))?;
        let (_, audio) = value.try_extract_tensor::<f32>().map_err(infer)?;
        let mut audio = audio.to_vec();
        drop(outputs);
        drop(session);
        normalize_peak(&mut audio, PEAK_LEVEL);
        Ok(audio)
    }
}

fn build_session(
    env: &ort::environment::Environment,
    onnx_path: &Path,
    threads: usize,
) -> Result<Session> {
    let err = |e: String| Error::ModelInvalid(format!("cannot load {}: {e}", onnx_path.display()));
    Session::builder(env)
        .map_err(|e| err(e.to_string()))?
        .with_optimization_level(GraphOptimizationLevel::All)
        .map_err(|e| err(e.to_string()))?
        .with_intra_threads(threads)
        .map_err(|e| err(e.to_string()))?
        .with_inter_threads(1)
        .map_err(|e| err(e.to_string()))?
        // Busy-waiting workers steal the cores STT and the other calls need on a 2-core host.
        .with_intra_op_spinning(false)
        .map_err(|e| err(e.to_string()))?
        .commit_from_file(onnx_path)
        .map_err(|e| err(e.to_string()))
}

/// Scales `audio` so its peak is `level`; near-silent audio (peak below 0.01, Piper's floor) is
/// scaled as if its peak were 0.01 so noise is not blown up.
fn normalize_peak(audio: &mut [f32], level: f32) {
    let peak = audio.iter().fold(0.0_f32, |m, s| m.max(s.abs()));
    let gain = level / peak.max(0.01);
    for s in audio.iter_mut() {
        *s = (*s * gain).clamp(-1.0, 1.0);
    }
}

impl TextToSpeech for PiperTts {
    fn sample_rate(&self) -> u32 {
        self.config.audio.sample_rate
    }

    fn synthesize(&self, text: &str) -> Result<Vec<f32>> {
        let sentences = self.phoneme_ids(text)?;
        if sentences.is_empty() {
            return Err(Error::InvalidInput("text has nothing to speak".into()));
        }
        let silence = (SENTENCE_SILENCE_S * self.sample_rate() as f32) as usize;
        let mut out = Vec::new();
        for (i, ids) in sentences.iter().enumerate() {
            if i > 0 {
                out.resize(out.len() + silence, 0.0);
            }
            out.extend(self.synthesize_ids(ids)?);
        }
        Ok(out)
    }

    fn name(&self) -> &'static str {
        "piper"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> HashMap<String, Vec<i64>> {
        [
            ("_", 0),
            ("^", 1),
            ("$", 2),
            (" ", 3),
            (".", 10),
            ("h", 20),
            ("ə", 59),
            ("ˈ", 120),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), vec![v]))
        .collect()
    }

    #[test]
    fn ids_follow_piper_layout() {
        let m = PhonemeIdMap::new(&map()).unwrap();
        let (ids, missing) = m.ids(&['h', 'ə', '.']);
        assert_eq!(ids, vec![1, 0, 20, 0, 59, 0, 10, 0, 2]);
        assert_eq!(missing, 0);
        let (ids, missing) = m.ids(&['h', 'Z', 'ˈ']);
        assert_eq!(ids, vec![1, 0, 20, 0, 120, 0, 2]);
        assert_eq!(missing, 1);
    }

    #[test]
    fn id_map_needs_special_symbols() {
        let mut m = map();
        m.remove("$");
        assert!(matches!(PhonemeIdMap::new(&m), Err(Error::ModelInvalid(_))));
    }

    #[test]
    fn config_is_validated() {
        assert!(matches!(
            PiperConfig::from_json("{"),
            Err(Error::ModelInvalid(_))
        ));
        let ok = r#"{"audio":{"sample_rate":22050},"espeak":{"voice":"en-us"},
            "inference":{"noise_scale":0.667,"length_scale":1,"noise_w":0.8},
            "phoneme_type":"espeak","phoneme_id_map":{"_":[0],"^":[1],"$":[2]}}"#;
        let c = PiperConfig::from_json(ok).unwrap();
        assert_eq!(c.audio.sample_rate, 22_050);
        assert_eq!(c.num_speakers, 1);
        let text = ok.replace(
            "\"espeak\",\"phoneme_id_map\"",
            "\"text\",\"phoneme_id_map\"",
        );
        assert!(matches!(
            PiperConfig::from_json(&text),
            Err(Error::ModelInvalid(_))
        ));
        let rate = ok.replace("22050", "1000");
        assert!(matches!(
            PiperConfig::from_json(&rate),
            Err(Error::ModelInvalid(_))
        ));
    }

    #[test]
    fn peak_normalisation_has_a_floor() {
        let mut loud = vec![0.0, 0.5, -0.25];
        normalize_peak(&mut loud, 0.9);
        assert!((loud[1] - 0.9).abs() < 1e-6 && (loud[2] + 0.45).abs() < 1e-6);
        let mut quiet = vec![0.001, -0.002];
        normalize_peak(&mut quiet, 0.9);
        assert!((quiet[1] + 0.18).abs() < 1e-6);
    }

    #[test]
    fn missing_onnx_runtime_names_the_setup_command_and_is_not_cached() {
        let err = onnx_environment(Path::new("/nonexistent/libonnxruntime.so")).unwrap_err();
        assert!(matches!(err, Error::ModelMissing(_)));
        assert!(err.to_string().contains("voxgate models setup"), "{err}");
        assert!(ORT_ENV.lock().unwrap().is_none());
    }

    #[test]
    fn missing_files_name_the_setup_command() {
        let err = PiperTts::load(
            "/nonexistent/voice.onnx",
            "/nonexistent/voice.onnx.json",
            "/nonexistent/libonnxruntime.so",
        )
        .unwrap_err();
        assert!(matches!(err, Error::ModelMissing(_)));
        assert!(err.to_string().contains("voxgate models setup"), "{err}");
    }
}
