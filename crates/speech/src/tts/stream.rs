//! Sentence-by-sentence synthesis at the caller's sample rate.

use voxgate_audio::resample::{resample, Resampler};

use super::sentences::split_sentences;
use crate::{Error, Result, TextToSpeech};

/// Pause placed before every sentence but the first of a stream, so sentences played back to
/// back sound like one utterance (Piper's `sentence_silence`).
pub const STREAM_SENTENCE_GAP_S: f32 = 0.2;

/// A first sentence longer than this (in bytes) is spoken in two chunks, split at a clause
/// boundary (`,` `;` `:`), so the caller hears the start sooner: synthesis time grows with the
/// sentence, and the first chunk sets the response latency.
pub const FIRST_CHUNK_MAX_BYTES: usize = 60;

/// Sample rates a caller may ask for (telephone to studio).
pub const RATE_RANGE_HZ: std::ops::RangeInclusive<u32> = 8_000..=48_000;

/// Audio for one sentence of a [`SpeechStream`].
#[derive(Debug, Clone, PartialEq)]
pub struct SpeechChunk {
    /// Position of the sentence in the text, from 0.
    pub index: usize,
    /// The sentence spoken.
    pub text: String,
    /// Mono samples in [-1, 1] at [`Self::sample_rate`].
    pub samples: Vec<f32>,
    /// Sample rate of `samples` in Hz.
    pub sample_rate: u32,
    /// Whether this is the last chunk of the stream.
    pub is_last: bool,
}

/// An iterator that synthesises one sentence per `next()` and yields it at once, resampled to
/// the requested rate with a resampler whose state spans the whole stream (no clicks at
/// sentence joins). A sentence that fails yields an error; iteration may continue with the
/// next one.
#[derive(Debug)]
pub struct SpeechStream<E> {
    engine: E,
    /// Pieces to speak, each with whether it starts a new sentence (and so gets the gap).
    sentences: std::vec::IntoIter<(String, bool)>,
    index: usize,
    sample_rate: u32,
    resampler: Option<Resampler>,
}

fn check_rate(rate_hz: u32) -> Result<()> {
    if RATE_RANGE_HZ.contains(&rate_hz) {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "output rate {rate_hz} Hz is outside {}..={} Hz",
            RATE_RANGE_HZ.start(),
            RATE_RANGE_HZ.end()
        )))
    }
}

fn audio_err(e: voxgate_audio::Error) -> Error {
    Error::InvalidInput(format!("resampling: {e}"))
}

/// Splits `text` into sentences and returns a stream that speaks them one by one with `engine`
/// at `rate_hz`. `engine` may be a reference, an `Arc` or a `Box` of any [`TextToSpeech`].
///
/// # Errors
/// [`Error::InvalidInput`] when the text has nothing to speak or the rate is outside
/// [`RATE_RANGE_HZ`].
pub fn synthesize_stream<E: TextToSpeech>(
    engine: E,
    text: &str,
    rate_hz: u32,
) -> Result<SpeechStream<E>> {
    SpeechStream::new(engine, split_sentences(text), rate_hz)
}

impl<E: TextToSpeech> SpeechStream<E> {
    /// A stream over sentences the caller has already split (e.g. with
    /// [`super::SentenceSplitter`] on an LLM's output).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when `sentences` is empty or the rate is outside [`RATE_RANGE_HZ`].
    pub fn new(engine: E, sentences: Vec<String>, rate_hz: u32) -> Result<Self> {
        check_rate(rate_hz)?;
        if sentences.is_empty() {
            return Err(Error::InvalidInput("text has nothing to speak".into()));
        }
        let mut pieces: Vec<(String, bool)> = Vec::with_capacity(sentences.len() + 1);
        for (i, sentence) in sentences.into_iter().enumerate() {
            match (i == 0)
                .then(|| split_first_clause(&sentence, FIRST_CHUNK_MAX_BYTES))
                .flatten()
            {
                Some((head, tail)) => {
                    pieces.push((head.to_owned(), true));
                    pieces.push((tail.to_owned(), false));
                }
                None => pieces.push((sentence, true)),
            }
        }
        let native = engine.sample_rate();
        let resampler = if native == rate_hz {
            None
        } else {
            Some(Resampler::new(native, rate_hz).map_err(audio_err)?)
        };
        Ok(Self {
            engine,
            sentences: pieces.into_iter(),
            index: 0,
            sample_rate: rate_hz,
            resampler,
        })
    }

    /// Output sample rate in Hz.
    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    /// Sentences not yet spoken.
    pub fn remaining(&self) -> usize {
        self.sentences.len()
    }
}

impl<E: TextToSpeech> Iterator for SpeechStream<E> {
    type Item = Result<SpeechChunk>;

    fn next(&mut self) -> Option<Self::Item> {
        let (text, new_sentence) = self.sentences.next()?;
        let index = self.index;
        self.index += 1;
        let is_last = self.sentences.len() == 0;
        let native = match self.engine.synthesize(&text) {
            Ok(samples) => samples,
            Err(e) => return Some(Err(e)),
        };
        let gap = if index > 0 && new_sentence {
            (STREAM_SENTENCE_GAP_S * self.engine.sample_rate() as f32) as usize
        } else {
            0
        };
        let samples = match self.resampler.as_mut() {
            None => {
                let mut out = vec![0.0; gap];
                out.extend_from_slice(&native);
                out
            }
            Some(r) => {
                let mut out = Vec::with_capacity(r.output_len_hint(native.len() + gap) + 64);
                if gap > 0 {
                    r.process(&vec![0.0; gap], &mut out);
                }
                r.process(&native, &mut out);
                if is_last {
                    r.flush(&mut out);
                }
                out
            }
        };
        Some(Ok(SpeechChunk {
            index,
            text,
            samples,
            sample_rate: self.sample_rate,
            is_last,
        }))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.sentences.size_hint()
    }
}

/// Words a clause commonly starts with: where a long sentence without punctuation can be cut
/// with little harm to its prosody.
const CLAUSE_WORDS: [&str; 8] = ["and", "but", "so", "because", "which", "that", "or", "then"];

/// Splits a `sentence` longer than `max_bytes` into a head of at most `max_bytes` and the rest:
/// after the last clause punctuation (`,` `;` `:` then a space) that fits, else before the last
/// clause word (`and`, `that`...) that fits. Both parts must keep at least three words.
fn split_first_clause(sentence: &str, max_bytes: usize) -> Option<(&str, &str)> {
    if sentence.len() <= max_bytes {
        return None;
    }
    let words = |s: &str| {
        s.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    let ok = |cut: usize| {
        let (head, tail) = (sentence[..cut].trim(), sentence[cut..].trim());
        (words(head) >= 3 && words(tail) >= 3).then_some((head, tail))
    };
    let mut by_punct = None;
    let mut by_word = None;
    for (i, c) in sentence.char_indices() {
        if i >= max_bytes {
            break;
        }
        let after = i + c.len_utf8();
        let rest = &sentence[after..];
        if matches!(c, ',' | ';' | ':')
            && rest.starts_with(char::is_whitespace)
            && ok(after).is_some()
        {
            by_punct = Some(after);
        }
        if c.is_whitespace() {
            let next_word = rest
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or_default();
            if CLAUSE_WORDS.contains(&next_word.to_lowercase().as_str()) && ok(after).is_some() {
                by_word = Some(after);
            }
        }
    }
    ok(by_punct.or(by_word)?)
}

/// Synthesises `text` (all its sentences) and returns it at `rate_hz`.
///
/// # Errors
/// As [`TextToSpeech::synthesize`]; [`Error::InvalidInput`] for a rate outside [`RATE_RANGE_HZ`].
pub fn synthesize_at<E: TextToSpeech + ?Sized>(
    engine: &E,
    text: &str,
    rate_hz: u32,
) -> Result<Vec<f32>> {
    check_rate(rate_hz)?;
    let native = engine.synthesize(text)?;
    let from = engine.sample_rate();
    if from == rate_hz {
        return Ok(native);
    }
    resample(&native, from, rate_hz).map_err(audio_err)
}

/// Synthesises `text` to 16 kHz mono, the format speech-to-text engines take (for round-trip
/// intelligibility checks).
///
/// # Errors
/// As [`synthesize_at`].
pub fn synthesize_16k<E: TextToSpeech + ?Sized>(engine: &E, text: &str) -> Result<Vec<f32>> {
    synthesize_at(engine, text, 16_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic engine: one 440 Hz tone of 0.1 s per character group, so tests of the
    /// streaming logic need no model.
    struct Tone;

    impl TextToSpeech for Tone {
        fn sample_rate(&self) -> u32 {
            22_050
        }
        fn synthesize(&self, text: &str) -> Result<Vec<f32>> {
            if text.contains("fail") {
                return Err(Error::Inference("asked to fail".into()));
            }
            let n = 2_205 * text.split_whitespace().count();
            Ok((0..n)
                .map(|i| 0.5 * (2.0 * std::f32::consts::PI * 440.0 * i as f32 / 22_050.0).sin())
                .collect())
        }
        fn name(&self) -> &'static str {
            "tone"
        }
    }

    #[test]
    fn one_chunk_per_sentence_at_the_requested_rate() {
        let chunks: Vec<SpeechChunk> =
            synthesize_stream(&Tone, "One two three. Four five? Six.", 8_000)
                .unwrap()
                .collect::<Result<_>>()
                .unwrap();
        assert_eq!(chunks.len(), 3);
        assert_eq!(
            chunks.iter().map(|c| c.index).collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
        assert!(chunks.iter().all(|c| c.sample_rate == 8_000));
        assert_eq!(
            chunks.iter().map(|c| c.is_last).collect::<Vec<_>>(),
            vec![false, false, true]
        );
        // 0.6 s of speech and 0.4 s of gaps overall; the resampler's delay moves a few samples
        // between chunks but the total is exact within its filter length.
        let total: usize = chunks.iter().map(|c| c.samples.len()).sum();
        assert!((total as i64 - 8_000).abs() < 40, "total {total}");
        assert!(chunks[0].samples.len() > 2_000 && chunks[0].samples.len() <= 2_400);
    }

    #[test]
    fn native_rate_needs_no_resampler_and_adds_gaps() {
        let chunks: Vec<SpeechChunk> = synthesize_stream(&Tone, "One. Two.", 22_050)
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(chunks[0].samples.len(), 2_205);
        assert_eq!(chunks[1].samples.len(), 4_410 + 2_205);
        assert!(chunks[1].samples[..4_410].iter().all(|&s| s == 0.0));
    }

    #[test]
    fn bad_input_is_refused_and_errors_do_not_end_the_stream() {
        assert!(matches!(
            synthesize_stream(&Tone, " ... ", 8_000),
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(
            synthesize_stream(&Tone, "Hi.", 7_999),
            Err(Error::InvalidInput(_))
        ));
        assert!(matches!(
            synthesize_stream(&Tone, "Hi.", 96_000),
            Err(Error::InvalidInput(_))
        ));
        let results: Vec<_> = synthesize_stream(&Tone, "Please fail. Then speak.", 16_000)
            .unwrap()
            .collect();
        assert!(matches!(results[0], Err(Error::Inference(_))));
        assert!(results[1].is_ok());
    }

    #[test]
    fn a_long_first_sentence_is_split_at_a_clause_without_a_gap() {
        let text =
            "Well, I have looked at your account in detail, and everything is in order. Bye.";
        let chunks: Vec<SpeechChunk> = synthesize_stream(&Tone, text, 22_050)
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        let texts: Vec<&str> = chunks.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Well, I have looked at your account in detail,",
                "and everything is in order.",
                "Bye."
            ]
        );
        // The clause continues its sentence: no gap; the next sentence gets one.
        assert_eq!(chunks[1].samples.len(), 2_205 * 5);
        assert_eq!(chunks[2].samples.len(), 4_410 + 2_205);
        assert_eq!(split_first_clause("Short, sentence.", 60), None);
        assert_eq!(split_first_clause(&"word ".repeat(20), 60), None);
        assert_eq!(
            split_first_clause(
                "I have checked your account and I can see that the last payment arrived on time.",
                60
            ),
            Some((
                "I have checked your account and I can see",
                "that the last payment arrived on time."
            ))
        );
    }

    #[test]
    fn sixteen_k_helper_resamples() {
        let audio = synthesize_16k(&Tone, "a b c d e f g h i j").unwrap();
        assert!((audio.len() as i64 - 16_000).abs() < 40, "{}", audio.len());
    }
}
