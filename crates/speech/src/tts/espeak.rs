//! espeak-ng, loaded at run time: the IPA phonemizer Piper voices need and the light formant
//! fallback engine [`EspeakTts`].
//!
//! espeak-ng is GPL-3, so it is only ever linked dynamically: the shared library is opened with
//! `libloading` on first use (Debian package `libespeak-ng1`, pulled in by `espeak-ng`), which
//! also keeps the build free of any C toolchain or header. The library keeps its state in
//! globals and is not thread-safe, so every call goes through one process-wide mutex
//! ([`with_espeak`]); synthesis runs in `AUDIO_OUTPUT_SYNCHRONOUS` mode, where the sample
//! callback is invoked on the calling thread before `espeak_Synth` returns.

#![allow(unsafe_code)]

use std::cell::RefCell;
use std::ffi::{c_char, c_int, c_short, c_uint, c_void, CStr, CString};
use std::sync::{Mutex, OnceLock};

use unicode_normalization::UnicodeNormalization;

use crate::{Error, Result, TextToSpeech};

/// Sample rate of espeak-ng's synthesiser (fixed by the library).
pub const ESPEAK_SAMPLE_RATE: u32 = 22_050;

/// Longest text accepted in one call, in bytes; callers split longer text into sentences.
pub const MAX_TEXT_BYTES: usize = 16 * 1024;

/// Shared-library names tried in order: the runtime package ships only the versioned name.
const LIB_NAMES: [&str; 2] = ["libespeak-ng.so.1", "libespeak-ng.so"];

/// The hint every "library missing" error carries.
const INSTALL_HINT: &str = "install espeak-ng (Debian/Ubuntu: `apt-get install espeak-ng`, which provides libespeak-ng1 and espeak-ng-data)";

// Constants from speak_lib.h (espeak-ng 1.51).
const AUDIO_OUTPUT_SYNCHRONOUS: c_int = 2;
const ESPEAK_INITIALIZE_DONT_EXIT: c_int = 0x8000;
const ESPEAK_CHARS_UTF8: c_int = 1;
const ESPEAK_PHONEMES_IPA: c_int = 0x02;
const POS_CHARACTER: c_int = 1;
const ESPEAK_RATE: c_int = 1;
const EE_OK: c_int = 0;

/// Hard cap on the samples one synthesis may produce (10 minutes); the callback aborts past it
/// so a pathological input cannot exhaust memory.
const MAX_SYNTH_SAMPLES: usize = ESPEAK_SAMPLE_RATE as usize * 600;

type SynthCallback = unsafe extern "C" fn(*mut c_short, c_int, *mut c_void) -> c_int;
type InitializeFn = unsafe extern "C" fn(c_int, c_int, *const c_char, c_int) -> c_int;
type SetSynthCallbackFn = unsafe extern "C" fn(SynthCallback);
type SetVoiceByNameFn = unsafe extern "C" fn(*const c_char) -> c_int;
type SetParameterFn = unsafe extern "C" fn(c_int, c_int, c_int) -> c_int;
type TextToPhonemesFn = unsafe extern "C" fn(*mut *const c_void, c_int, c_int) -> *const c_char;
type SynthFn = unsafe extern "C" fn(
    *const c_void,
    usize,
    c_uint,
    c_int,
    c_uint,
    c_uint,
    *mut c_uint,
    *mut c_void,
) -> c_int;

/// The resolved entry points; valid as long as `_lib` is loaded, which is forever (the value
/// lives in a static).
struct Api {
    _lib: libloading::Library,
    set_voice_by_name: SetVoiceByNameFn,
    set_parameter: SetParameterFn,
    text_to_phonemes: TextToPhonemesFn,
    synth: SynthFn,
}

/// The library's global state, only reachable with the mutex held.
pub(crate) struct Espeak {
    api: Api,
    voice: Option<String>,
    rate_wpm: Option<u32>,
}

static ESPEAK: OnceLock<std::result::Result<Mutex<Espeak>, String>> = OnceLock::new();

thread_local! {
    /// Samples of the synthesis running on this thread (synchronous mode calls back on it).
    static SYNTH_BUF: RefCell<Vec<i16>> = const { RefCell::new(Vec::new()) };
}

unsafe extern "C" fn synth_callback(
    wav: *mut c_short,
    numsamples: c_int,
    _events: *mut c_void,
) -> c_int {
    let Ok(n) = usize::try_from(numsamples) else {
        return 0;
    };
    if wav.is_null() || n == 0 {
        return 0;
    }
    // SAFETY: espeak-ng passes a buffer of `numsamples` valid samples that lives for this call.
    let samples = unsafe { std::slice::from_raw_parts(wav, n) };
    let appended = SYNTH_BUF.try_with(|buf| match buf.try_borrow_mut() {
        Ok(mut buf) if buf.len() + n <= MAX_SYNTH_SAMPLES => {
            buf.extend_from_slice(samples);
            true
        }
        _ => false,
    });
    // 1 asks espeak-ng to abort this synthesis.
    if appended == Ok(true) {
        0
    } else {
        1
    }
}

fn load() -> std::result::Result<Mutex<Espeak>, String> {
    let mut last_err = String::new();
    let mut lib = None;
    for name in LIB_NAMES {
        // SAFETY: loading libespeak-ng runs no initialisers with preconditions on our side.
        match unsafe { libloading::Library::new(name) } {
            Ok(l) => {
                lib = Some(l);
                break;
            }
            Err(e) => last_err = e.to_string(),
        }
    }
    let Some(lib) = lib else {
        return Err(format!(
            "cannot load the espeak-ng library ({last_err}): {INSTALL_HINT}"
        ));
    };
    fn sym<T: Copy>(lib: &libloading::Library, name: &str) -> std::result::Result<T, String> {
        // SAFETY: each name is looked up with the exact C signature declared in speak_lib.h.
        unsafe { lib.get::<T>(name.as_bytes()) }
            .map(|s| *s)
            .map_err(|e| {
                format!("libespeak-ng lacks `{name}` ({e}); {INSTALL_HINT} version 1.51 or later")
            })
    }
    let initialize: InitializeFn = sym(&lib, "espeak_Initialize")?;
    let set_synth_callback: SetSynthCallbackFn = sym(&lib, "espeak_SetSynthCallback")?;
    let api = Api {
        set_voice_by_name: sym(&lib, "espeak_SetVoiceByName")?,
        set_parameter: sym(&lib, "espeak_SetParameter")?,
        text_to_phonemes: sym(&lib, "espeak_TextToPhonemes")?,
        synth: sym(&lib, "espeak_Synth")?,
        _lib: lib,
    };
    // Honour espeak-ng's own override of the data directory.
    let data_path = std::env::var("ESPEAK_DATA_PATH")
        .ok()
        .filter(|p| !p.is_empty())
        .and_then(|p| CString::new(p).ok());
    let path_ptr = data_path.as_ref().map_or(std::ptr::null(), |p| p.as_ptr());
    // SAFETY: called once, before any other espeak-ng function; DONT_EXIT stops the library from
    // calling exit() when its data is missing. `path_ptr` is null or a live C string.
    let rate = unsafe {
        initialize(
            AUDIO_OUTPUT_SYNCHRONOUS,
            0,
            path_ptr,
            ESPEAK_INITIALIZE_DONT_EXIT,
        )
    };
    if rate <= 0 {
        return Err(format!(
            "espeak-ng failed to initialise (data directory missing?): {INSTALL_HINT}, or set ESPEAK_DATA_PATH"
        ));
    }
    if u32::try_from(rate).ok() != Some(ESPEAK_SAMPLE_RATE) {
        return Err(format!(
            "espeak-ng reports a sample rate of {rate} Hz, expected {ESPEAK_SAMPLE_RATE}"
        ));
    }
    // SAFETY: `synth_callback` matches t_espeak_callback and never unwinds.
    unsafe { set_synth_callback(synth_callback) };
    Ok(Mutex::new(Espeak {
        api,
        voice: None,
        rate_wpm: None,
    }))
}

/// Runs `f` with exclusive access to the process's espeak-ng instance, loading and initialising
/// the library on first use.
///
/// # Errors
/// [`Error::ModelMissing`] when the library or its data cannot be loaded (the message names the
/// package to install), or whatever `f` returns.
pub(crate) fn with_espeak<T>(f: impl FnOnce(&mut Espeak) -> Result<T>) -> Result<T> {
    let cell = ESPEAK
        .get_or_init(load)
        .as_ref()
        .map_err(|e| Error::ModelMissing(e.clone()))?;
    // A panic while holding the lock cannot leave espeak-ng half-configured in a way the next
    // call does not reset (voice and rate are re-checked), so a poisoned lock is reused.
    let mut guard = cell
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    f(&mut guard)
}

/// Checks that espeak-ng can be loaded and initialised.
///
/// # Errors
/// [`Error::ModelMissing`] naming the package to install.
pub fn espeak_available() -> Result<()> {
    with_espeak(|_| Ok(()))
}

fn to_c_text(text: &str) -> Result<CString> {
    if text.trim().is_empty() {
        return Err(Error::InvalidInput("text is empty".into()));
    }
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::InvalidInput(format!(
            "text is {} bytes, more than the {MAX_TEXT_BYTES} accepted in one call: split it into sentences",
            text.len()
        )));
    }
    CString::new(text).map_err(|_| Error::InvalidInput("text contains a NUL character".into()))
}

impl Espeak {
    fn set_voice(&mut self, voice: &str) -> Result<()> {
        if self.voice.as_deref() == Some(voice) {
            return Ok(());
        }
        let c_voice = CString::new(voice)
            .map_err(|_| Error::InvalidInput("voice name contains NUL".into()))?;
        // SAFETY: `c_voice` is a live C string; the mutex serialises access to espeak-ng.
        let rc = unsafe { (self.api.set_voice_by_name)(c_voice.as_ptr()) };
        if rc != EE_OK {
            self.voice = None;
            return Err(Error::ModelInvalid(format!(
                "espeak-ng has no voice `{voice}` (error {rc}); list voices with `espeak-ng --voices`"
            )));
        }
        self.voice = Some(voice.to_owned());
        // Selecting a voice resets the speed.
        self.rate_wpm = None;
        Ok(())
    }

    fn set_rate(&mut self, rate_wpm: Option<u32>) -> Result<()> {
        let wanted = rate_wpm.unwrap_or(175);
        if self.rate_wpm == Some(wanted) {
            return Ok(());
        }
        let value = c_int::try_from(wanted)
            .map_err(|_| Error::InvalidInput("speaking rate out of range".into()))?;
        // SAFETY: plain integer parameters; the mutex serialises access.
        let rc = unsafe { (self.api.set_parameter)(ESPEAK_RATE, value, 0) };
        if rc != EE_OK {
            return Err(Error::Inference(format!(
                "espeak-ng refused rate {wanted} (error {rc})"
            )));
        }
        self.rate_wpm = Some(wanted);
        Ok(())
    }

    /// Phonemizes `text` clause by clause as Piper's phonemizer does, returning one phoneme
    /// sequence (Unicode scalar values after NFD) per sentence.
    fn phonemize(&mut self, text: &str, voice: &str) -> Result<Vec<Vec<char>>> {
        let c_text = to_c_text(text)?;
        self.set_voice(voice)?;
        let bytes = c_text.as_bytes();
        let base = c_text.as_ptr().cast::<c_void>();
        let mut ptr: *const c_void = base;
        let mut sentences: Vec<Vec<char>> = Vec::new();
        let mut current: Option<Vec<char>> = None;
        // Each call consumes at least one clause; the bound only guards against a library bug.
        for _ in 0..=bytes.len() {
            if ptr.is_null() {
                break;
            }
            let start = (ptr as usize).wrapping_sub(base as usize);
            // SAFETY: `ptr` points into `c_text` (NUL-terminated, alive for the whole loop);
            // espeak-ng advances it within the string or sets it to null at the end.
            let out = unsafe {
                (self.api.text_to_phonemes)(&mut ptr, ESPEAK_CHARS_UTF8, ESPEAK_PHONEMES_IPA)
            };
            let end = if ptr.is_null() {
                bytes.len()
            } else {
                ((ptr as usize).wrapping_sub(base as usize)).min(bytes.len())
            };
            let clause_phonemes = if out.is_null() {
                String::new()
            } else {
                // SAFETY: espeak-ng returns a NUL-terminated string in its own buffer, valid
                // until the next call; it is copied at once.
                unsafe { CStr::from_ptr(out) }
                    .to_string_lossy()
                    .into_owned()
            };
            let sentence = current.get_or_insert_with(Vec::new);
            sentence.extend(clause_phonemes.nfd());
            let consumed = bytes.get(start.min(end)..end).unwrap_or_default();
            let terminator = clause_terminator(consumed, !ptr.is_null());
            match terminator {
                Some(p @ ('.' | '?' | '!')) => {
                    sentence.push(p);
                }
                Some(p @ (',' | ':' | ';')) => {
                    sentence.push(p);
                    sentence.push(' ');
                }
                _ => {}
            }
            if matches!(terminator, Some('.' | '?' | '!')) {
                if let Some(done) = current.take() {
                    sentences.push(done);
                }
            }
            if end <= start && !ptr.is_null() {
                // No progress: stop rather than loop on the same clause.
                break;
            }
        }
        if let Some(done) = current.take() {
            sentences.push(done);
        }
        sentences.retain(|s| s.iter().any(|c| !c.is_whitespace()));
        Ok(sentences)
    }

    fn synthesize(&mut self, text: &str, voice: &str, rate_wpm: Option<u32>) -> Result<Vec<f32>> {
        let c_text = to_c_text(text)?;
        self.set_voice(voice)?;
        self.set_rate(rate_wpm)?;
        SYNTH_BUF.with(|b| b.borrow_mut().clear());
        // SAFETY: `c_text` is live and NUL-terminated; synchronous mode returns only after every
        // callback has run on this thread; the mutex serialises access.
        let rc = unsafe {
            (self.api.synth)(
                c_text.as_ptr().cast(),
                c_text.as_bytes_with_nul().len(),
                0,
                POS_CHARACTER,
                0,
                ESPEAK_CHARS_UTF8 as c_uint,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        let samples = SYNTH_BUF.with(|b| std::mem::take(&mut *b.borrow_mut()));
        if rc != EE_OK {
            return Err(Error::Inference(format!(
                "espeak_Synth failed (error {rc})"
            )));
        }
        if samples.len() >= MAX_SYNTH_SAMPLES {
            return Err(Error::InvalidInput(
                "text produces more than 10 minutes of speech".into(),
            ));
        }
        Ok(samples
            .into_iter()
            .map(|s| f32::from(s) / 32_768.0)
            .collect())
    }
}

/// The punctuation that ended a clause, read from the text espeak-ng consumed for it (the Debian
/// library lacks Piper's `espeak_TextToPhonemesWithTerminator`, which reports it directly).
/// Unless the text ended, espeak-ng has also read the first character of the next clause (it
/// keeps it internally for the next call), so that character is not part of this clause.
fn clause_terminator(consumed: &[u8], lookahead: bool) -> Option<char> {
    let text = String::from_utf8_lossy(consumed);
    let mut clause: &str = &text;
    if lookahead {
        if let Some((i, c)) = clause.char_indices().last() {
            if !c.is_whitespace() {
                clause = &clause[..i];
            }
        }
    }
    let last = clause.trim_end().chars().last()?;
    match last {
        '.' | '?' | '!' | ',' | ':' | ';' => Some(last),
        '\u{2026}' => Some('.'),
        _ => None,
    }
}

/// Converts text to IPA phonemes with espeak-ng exactly as Piper's phonemizer does: clause by
/// clause, NFD-decomposed, with the clause's punctuation kept (`. ? !` end a sentence;
/// `, : ;` are followed by a space). Returns one phoneme sequence per sentence.
///
/// # Errors
/// [`Error::InvalidInput`] for empty, oversized or NUL-containing text, [`Error::ModelInvalid`]
/// for an unknown voice, [`Error::ModelMissing`] when espeak-ng is not installed.
pub fn phonemize(text: &str, voice: &str) -> Result<Vec<Vec<char>>> {
    with_espeak(|e| e.phonemize(text, voice))
}

/// espeak-ng as a complete text-to-speech engine: robotic, but a few milliseconds per sentence
/// and no model files. Output is 22,050 Hz mono.
#[derive(Debug, Clone)]
pub struct EspeakTts {
    voice: String,
    rate_wpm: Option<u32>,
}

impl EspeakTts {
    /// Creates an engine speaking with the espeak-ng voice `voice` (e.g. `"en-us"`), loading the
    /// library if needed and checking that the voice exists.
    ///
    /// # Errors
    /// [`Error::ModelMissing`] when espeak-ng is not installed (naming the package),
    /// [`Error::ModelInvalid`] for an unknown voice.
    pub fn new(voice: &str) -> Result<Self> {
        with_espeak(|e| e.set_voice(voice))?;
        Ok(Self {
            voice: voice.to_owned(),
            rate_wpm: None,
        })
    }

    /// Sets the speaking rate in words per minute (espeak-ng accepts 80..=450; default 175).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] outside 80..=450.
    pub fn with_rate_wpm(mut self, rate_wpm: u32) -> Result<Self> {
        if !(80..=450).contains(&rate_wpm) {
            return Err(Error::InvalidInput(format!(
                "speaking rate {rate_wpm} wpm is outside 80..=450"
            )));
        }
        self.rate_wpm = Some(rate_wpm);
        Ok(self)
    }

    /// The espeak-ng voice name.
    pub fn voice(&self) -> &str {
        &self.voice
    }
}

impl TextToSpeech for EspeakTts {
    fn sample_rate(&self) -> u32 {
        ESPEAK_SAMPLE_RATE
    }

    fn synthesize(&self, text: &str) -> Result<Vec<f32>> {
        with_espeak(|e| e.synthesize(text, &self.voice, self.rate_wpm))
    }

    fn name(&self) -> &'static str {
        "espeak"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminator_is_read_from_the_consumed_text() {
        assert_eq!(clause_terminator(b"Hello, w", true), Some(','));
        assert_eq!(clause_terminator(b"world.  H", true), Some('.'));
        assert_eq!(clause_terminator(b"really?", false), Some('?'));
        assert_eq!(
            clause_terminator("wait\u{2026} N".as_bytes(), true),
            Some('.')
        );
        assert_eq!(clause_terminator(b"no punctuation", false), None);
        assert_eq!(clause_terminator(b"ends in a dot.", false), Some('.'));
        assert_eq!(clause_terminator(b"   ", true), None);
    }

    #[test]
    fn phonemize_keeps_piper_punctuation_and_splits_sentences() {
        let sentences = phonemize("Hello, world. How are you?", "en-us").unwrap();
        assert_eq!(sentences.len(), 2, "{sentences:?}");
        let first: String = sentences[0].iter().collect();
        let second: String = sentences[1].iter().collect();
        assert!(first.contains(", "), "{first}");
        assert!(first.ends_with('.'), "{first}");
        assert!(second.ends_with('?'), "{second}");
        // IPA, not espeak's ASCII names: "hello" has the schwa and the primary stress mark.
        assert!(first.contains('ə') && first.contains('ˈ'), "{first}");
    }

    #[test]
    fn phonemize_rejects_bad_text() {
        assert!(matches!(
            phonemize("", "en-us"),
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(
            phonemize("a\0b", "en-us"),
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(
            phonemize("hello", "no-such-voice-xx"),
            Err(Error::ModelInvalid(_))
        ));
    }
}
