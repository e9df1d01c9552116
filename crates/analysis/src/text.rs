//! Text helpers shared by the analysis stages: word normalisation, phrase matching, sentences.

use serde::{Deserialize, Serialize};

/// A sentence of the (redacted) transcript with its approximate time span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// The sentence text.
    pub text: String,
    /// Start time in seconds.
    pub start_s: f32,
    /// End time in seconds.
    pub end_s: f32,
}

/// Lower-cased words of `text`: letters and digits kept, apostrophes dropped (`don't` ->
/// `dont`), everything else a separator, so `self-harm` matches the phrase `self harm`.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if c == '\'' || c == '\u{2019}' {
            continue;
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A phrase to look for: words, where a word ending in `*` matches any word with that prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    parts: Vec<(String, bool)>,
}

impl Phrase {
    /// Parses `"kill myself"` or `"abus*"`; `None` when it holds no word.
    pub fn parse(phrase: &str) -> Option<Self> {
        let parts: Vec<(String, bool)> = phrase
            .split_whitespace()
            .filter_map(|w| {
                let prefix = w.ends_with('*');
                let norm = words(w.trim_end_matches('*')).join("");
                (!norm.is_empty()).then_some((norm, prefix))
            })
            .collect();
        (!parts.is_empty()).then_some(Self { parts })
    }

    fn matches_at(&self, words: &[String], at: usize) -> bool {
        self.parts.iter().enumerate().all(|(k, (p, prefix))| {
            words.get(at + k).is_some_and(|w| {
                if *prefix {
                    w.starts_with(p.as_str())
                } else {
                    w == p
                }
            })
        })
    }

    /// How many times the phrase occurs in `words`.
    pub fn count(&self, words: &[String]) -> usize {
        if words.len() < self.parts.len() {
            return 0;
        }
        (0..=words.len() - self.parts.len())
            .filter(|&i| self.matches_at(words, i))
            .count()
    }
}

/// Splits timed segments into sentences (at `.`, `?`, `!` followed by a space or the end),
/// giving each sentence a share of its segment's time in proportion to its length.
pub fn sentences<'a>(segments: impl IntoIterator<Item = (&'a str, f32, f32)>) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (text, start, end) in segments {
        let total = text.chars().count().max(1) as f32;
        let mut from = 0usize;
        let mut char_from = 0usize;
        let mut chars_seen = 0usize;
        let bytes: Vec<(usize, char)> = text.char_indices().collect();
        for (k, &(i, c)) in bytes.iter().enumerate() {
            chars_seen += 1;
            let boundary = matches!(c, '.' | '?' | '!')
                && bytes.get(k + 1).is_none_or(|&(_, n)| n.is_whitespace());
            if boundary || k + 1 == bytes.len() {
                let piece = text[from..i + c.len_utf8()].trim();
                if !piece.is_empty() {
                    let span = end - start;
                    out.push(Sentence {
                        text: piece.to_owned(),
                        start_s: start + span * char_from as f32 / total,
                        end_s: start + span * chars_seen as f32 / total,
                    });
                }
                from = i + c.len_utf8();
                char_from = chars_seen;
            }
        }
    }
    out
}

/// Common English words that carry no topic, for extractive summary scoring.
pub const STOPWORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does",
    "dont", "for", "from", "get", "got", "had", "has", "have", "he", "her", "here", "him", "his",
    "how", "i", "if", "im", "in", "into", "is", "it", "its", "just", "know", "like", "me", "my",
    "no", "not", "now", "of", "oh", "ok", "okay", "on", "one", "or", "our", "out", "really",
    "right", "said", "say", "she", "so", "some", "that", "thats", "the", "their", "them", "then",
    "there", "they", "this", "to", "too", "um", "uh", "up", "us", "very", "was", "we", "well",
    "were", "what", "when", "where", "which", "who", "will", "with", "would", "yeah", "yes", "you",
    "your", "youre",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_normalise_case_apostrophes_and_hyphens() {
        assert_eq!(
            words("I DON'T want self-harm."),
            ["i", "dont", "want", "self", "harm"]
        );
    }

    #[test]
    fn phrases_match_whole_words_and_prefixes() {
        let w = words("He abused me, the abuse goes on; abusive. Kill myself? skill myself");
        assert_eq!(Phrase::parse("abus*").unwrap().count(&w), 3);
        assert_eq!(Phrase::parse("abuse").unwrap().count(&w), 1);
        assert_eq!(Phrase::parse("kill myself").unwrap().count(&w), 1);
        assert!(Phrase::parse(" ** ").is_none());
    }

    #[test]
    fn sentences_split_and_share_time() {
        let s = sentences([
            ("Hello there. How are you?", 10.0, 12.5),
            ("ok", 13.0, 14.0),
        ]);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].text, "Hello there.");
        assert_eq!(s[1].text, "How are you?");
        assert_eq!(s[0].start_s, 10.0);
        assert!((s[0].end_s - 11.2).abs() < 0.01, "{}", s[0].end_s);
        assert!((s[1].end_s - 12.5).abs() < 0.01);
        assert_eq!((s[2].start_s, s[2].end_s), (13.0, 14.0));
        // A dot inside a token is not a boundary.
        assert_eq!(sentences([("Call 3.5 times.", 0.0, 1.0)]).len(), 1);
    }
}
