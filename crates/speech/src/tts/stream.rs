//! Sentence-by-sentence synthesis at the caller's sample rate.

use voxgate_audio::resample::{resample, Resampler};

use super::sentences::split_sentences;
use crate::{Error, Result, TextToSpeech};

/// Pause placed before every sentence but the first of a stream, so sentences played back to
/// back sound like one utterance (Piper's `sentence_silence`).
pub const STREAM_SENTENCE_GAP_S: f32 = 0.2;

/// A first sentence longer than this (in bytes) is spoken in two chunks, the first at most this
/// long, so the caller hears the start sooner: Piper's time grows with the phoneme count
/// (5-7 ms of CPU per character measured with the `tts` bench), and the first chunk sets the
/// response latency. 24 bytes is about 1.3 s of speech and at most 140 ms of CPU; the rest is
/// synthesised while the head plays. See [`split_first_chunk`] for where the cut goes.
pub const FIRST_CHUNK_MAX_BYTES: usize = 24;

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

/// Words a phrase commonly starts with (prepositions, articles, auxiliaries): the next best cut
/// when a sentence has no clause boundary near its start.
const PHRASE_WORDS: [&str; 20] = [
    "on", "at", "in", "for", "to", "with", "from", "by", "of", "about", "the", "a", "an", "your",
    "my", "our", "is", "are", "was", "will",
];

/// Splits the first sentence of a reply in two when it is longer than
/// [`FIRST_CHUNK_MAX_BYTES`], so the head can be synthesised and played while the rest is
/// synthesised: `Some((head, tail))`, or `None` when the sentence is short enough or has no
/// acceptable cut. [`SpeechStream`] does this itself; callers that synthesise sentence by
/// sentence (the agent's reply queue) call it on the first sentence of a reply and speak the
/// tail right after the head, without the gap between sentences.
///
/// The cut goes, in order of preference, within the first [`FIRST_CHUNK_MAX_BYTES`] bytes:
/// after clause punctuation (`,` `;` `:`), before a clause word (`and`, `that`...), before a
/// phrase word (`on`, `the`, `is`...), else at the last word boundary that fits. Cuts at words
/// keep at least two words on each side; a punctuation cut may leave a one-word head
/// (`Hello,`).
///
/// ```
/// use voxgate_speech::tts::split_first_chunk;
/// assert_eq!(
///     split_first_chunk("Hello, how can I help you today?"),
///     Some(("Hello,", "how can I help you today?"))
/// );
/// assert_eq!(split_first_chunk("Thanks for calling."), None);
/// ```
pub fn split_first_chunk(sentence: &str) -> Option<(&str, &str)> {
    split_first_clause(sentence, FIRST_CHUNK_MAX_BYTES)
}

/// [`split_first_chunk`] with an explicit head limit.
fn split_first_clause(sentence: &str, max_bytes: usize) -> Option<(&str, &str)> {
    if sentence.len() <= max_bytes {
        return None;
    }
    let words = |s: &str| {
        s.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    let ok = |cut: usize, head_min: usize| {
        let (head, tail) = (sentence[..cut].trim(), sentence[cut..].trim());
        (words(head) >= head_min && words(tail) >= 2).then_some((head, tail))
    };
    let (mut by_punct, mut by_clause, mut by_phrase, mut by_space) = (None, None, None, None);
    for (i, c) in sentence.char_indices() {
        // The head is `sentence[..i]` trimmed: it must fit in `max_bytes`.
        if i > max_bytes {
            break;
        }
        let after = i + c.len_utf8();
        let rest = &sentence[after..];
        if matches!(c, ',' | ';' | ':')
            && after <= max_bytes
            && rest.starts_with(char::is_whitespace)
            && ok(after, 1).is_some()
        {
            by_punct = Some(after);
        }
        if c.is_whitespace() && ok(after, 2).is_some() {
            let next_word = rest
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or_default()
                .to_lowercase();
            if CLAUSE_WORDS.contains(&next_word.as_str()) {
                by_clause = Some(after);
            } else if PHRASE_WORDS.contains(&next_word.as_str()) {
                by_phrase = Some(after);
            }
            by_space = Some(after);
        }
    }
    let cut = by_punct.or(by_clause).or(by_phrase).or(by_space)?;
    ok(cut, 1)
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
        let text = "Well, I have looked at your account in detail. Bye now.";
        let chunks: Vec<SpeechChunk> = synthesize_stream(&Tone, text, 22_050)
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        let texts: Vec<&str> = chunks.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Well,",
                "I have looked at your account in detail.",
                "Bye now."
            ]
        );
        // The clause continues its sentence: no gap; the next sentence gets one.
        assert_eq!(chunks[1].samples.len(), 2_205 * 8);
        assert_eq!(chunks[2].samples.len(), 4_410 + 2_205 * 2);
        // Only the first sentence is split.
        assert_eq!(
            synthesize_stream(
                &Tone,
                "Hi. Well, I have looked at your account in detail.",
                22_050
            )
            .unwrap()
            .count(),
            2
        );
    }

    #[test]
    fn first_chunk_cuts_prefer_punctuation_then_clause_then_phrase_words() {
        assert_eq!(split_first_chunk("Short, sentence."), None);
        assert_eq!(
            split_first_chunk("Hello, how can I help you today?"),
            Some(("Hello,", "how can I help you today?"))
        );
        assert_eq!(
            split_first_chunk(
                "I have checked your account and I can see that the last payment arrived."
            ),
            Some((
                "I have checked",
                "your account and I can see that the last payment arrived."
            ))
        );
        assert_eq!(
            split_first_chunk(
                "Your next appointment is on Tuesday the fourteenth at half past three."
            ),
            Some((
                "Your next appointment is",
                "on Tuesday the fourteenth at half past three."
            ))
        );
        assert_eq!(
            split_first_chunk("Thanks for calling the city library."),
            Some(("Thanks for calling", "the city library."))
        );
        // No phrase word: the last word boundary that fits.
        let words = "word ".repeat(20);
        let (head, tail) = split_first_chunk(&words).unwrap();
        assert!(head.len() <= FIRST_CHUNK_MAX_BYTES && head.ends_with("word"));
        assert_eq!(
            tail.split_whitespace().count() + head.split_whitespace().count(),
            20
        );
        // Nothing to cut: one long word, or a tail that would be a single word.
        assert_eq!(split_first_chunk(&"x".repeat(80)), None);
        assert_eq!(
            split_first_chunk("Supercalifragilisticexpialidocious indeed."),
            None
        );
        // Multi-byte text is cut at character boundaries.
        let (head, _) =
            split_first_chunk("Ça va très bien, merci beaucoup pour votre appel.").unwrap();
        assert_eq!(head, "Ça va très bien,");
    }

    #[test]
    fn sixteen_k_helper_resamples() {
        let audio = synthesize_16k(&Tone, "a b c d e f g h i j").unwrap();
        assert!((audio.len() as i64 - 16_000).abs() < 40, "{}", audio.len());
    }
}
