//! Sentence splitting for streaming synthesis.
//!
//! A sentence ends at `.`, `!`, `?`, an ellipsis (`...` or `…`) or a line break, optionally
//! followed by closing quotes or brackets, when whitespace and then the start of a new sentence
//! follow. A period does not end a sentence inside a number (`3.5`), after a common abbreviation
//! (`Dr.`, `e.g.`), after a single-letter initial (`J. Smith`), after a list number at the start
//! (`1. Open the app`), or when the next word starts in lower case (`5 p.m. today`).
//!
//! [`SentenceSplitter`] works on text as it arrives (an LLM's token stream): a sentence is
//! emitted only once the first character after it shows that it really ended.

/// Abbreviations (lower case, without their final period) after which a period never ends a
/// sentence, because a name or a number follows them.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "rev", "gen", "capt", "lt", "sgt",
    "col", "gov", "sen", "rep", "hon", "vs", "e.g", "i.e", "cf", "approx", "no", "nos", "fig",
    "dept", "est", "ext", "tel", "ave", "rd", "blvd", "u.s", "a.m", "p.m",
];

const TERMINATORS: [char; 4] = ['.', '!', '?', '…'];
const CLOSERS: [char; 8] = ['"', '\'', ')', ']', '”', '’', '»', '}'];

/// Outcome of looking for the end of the first sentence in a buffer.
#[derive(Debug, PartialEq, Eq)]
enum Boundary {
    /// The sentence ends at byte `end`; the next one starts at byte `next`.
    At { end: usize, next: usize },
    /// A possible end was found but the text after it has not arrived yet.
    NeedMore,
    /// No sentence end in the buffer.
    None,
}

fn find_boundary(text: &str, is_final: bool) -> Boundary {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c == '\n' {
            if text[..pos].trim().is_empty() {
                i += 1;
                continue;
            }
            return Boundary::At {
                end: pos,
                next: byte_at(i + 1),
            };
        }
        if !TERMINATORS.contains(&c) {
            i += 1;
            continue;
        }
        let run_start = i;
        let mut j = i;
        while j < chars.len() && TERMINATORS.contains(&chars[j].1) {
            j += 1;
        }
        let run: String = chars[run_start..j].iter().map(|&(_, c)| c).collect();
        while j < chars.len() && CLOSERS.contains(&chars[j].1) {
            j += 1;
        }
        let end = byte_at(j);
        // What follows the run decides.
        match chars.get(j) {
            None if is_final => {
                return Boundary::At {
                    end,
                    next: text.len(),
                }
            }
            None => return Boundary::NeedMore,
            Some(&(_, next)) if !next.is_whitespace() => {
                i = j;
                continue;
            }
            Some(_) => {}
        }
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        let Some(&(next_pos, next_char)) = chars.get(k) else {
            return if is_final {
                Boundary::At {
                    end,
                    next: text.len(),
                }
            } else {
                Boundary::NeedMore
            };
        };
        if run.contains(['!', '?']) || ends_sentence(&text[..pos], &run, next_char) {
            return Boundary::At {
                end,
                next: next_pos,
            };
        }
        i = k;
    }
    Boundary::None
}

/// Whether a run of periods/ellipses after `before` ends the sentence, given the next word's
/// first character.
fn ends_sentence(before: &str, run: &str, next: char) -> bool {
    if next.is_lowercase() {
        return false;
    }
    if run != "." {
        return true;
    }
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    let mut letters = word.chars();
    if let (Some(c), None) = (letters.next(), letters.next()) {
        if c.is_uppercase() {
            return false;
        }
    }
    // "1. Open the app": an enumerator alone at the start is not a sentence.
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_digit()) && before.trim() == word {
        return false;
    }
    true
}

fn push_sentence(out: &mut Vec<String>, sentence: &str) {
    let sentence = sentence.trim();
    if sentence.chars().any(char::is_alphanumeric) {
        out.push(sentence.to_owned());
    }
}

/// Splits complete text into sentences (trimmed, without empty or punctuation-only pieces).
pub fn split_sentences(text: &str) -> Vec<String> {
    let mut splitter = SentenceSplitter::new();
    let mut out = splitter.push(text);
    out.extend(splitter.finish());
    out
}

/// Incremental sentence splitter for text that arrives in pieces.
///
/// ```
/// use voxgate_speech::tts::SentenceSplitter;
/// let mut s = SentenceSplitter::new();
/// assert!(s.push("It costs 3.").is_empty()); // "3." may continue as "3.5"
/// assert_eq!(s.push("5 dollars. Dr. Smith"), vec!["It costs 3.5 dollars."]);
/// assert_eq!(s.push(" agrees! Bye"), vec!["Dr. Smith agrees!"]);
/// assert_eq!(s.finish(), Some("Bye".to_string()));
/// ```
#[derive(Debug, Default, Clone)]
pub struct SentenceSplitter {
    buf: String,
}

impl SentenceSplitter {
    /// An empty splitter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `text` and returns every sentence now known to be complete.
    pub fn push(&mut self, text: &str) -> Vec<String> {
        self.buf.push_str(text);
        let mut out = Vec::new();
        while let Boundary::At { end, next } = find_boundary(&self.buf, false) {
            push_sentence(&mut out, &self.buf[..end]);
            self.buf.drain(..next);
        }
        out
    }

    /// Ends the text: returns the sentences still buffered (normally at most one).
    pub fn finish_all(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        loop {
            match find_boundary(&self.buf, true) {
                Boundary::At { end, next } => {
                    push_sentence(&mut out, &self.buf[..end]);
                    self.buf.drain(..next);
                }
                _ => {
                    push_sentence(&mut out, &self.buf);
                    self.buf.clear();
                    return out;
                }
            }
        }
    }

    /// Ends the text and returns the last sentence, if any; use [`Self::finish_all`] when the
    /// final push may hold more than one.
    pub fn finish(&mut self) -> Option<String> {
        let mut all = self.finish_all();
        let last = all.pop();
        match (all.is_empty(), last) {
            (true, last) => last,
            (false, Some(last)) => {
                all.push(last);
                Some(all.join(" "))
            }
            (false, None) => None,
        }
    }

    /// The text buffered but not yet emitted.
    pub fn pending(&self) -> &str {
        &self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_terminators() {
        assert_eq!(
            split_sentences("Hello there. How are you? Great!  Thanks."),
            vec!["Hello there.", "How are you?", "Great!", "Thanks."]
        );
    }

    #[test]
    fn keeps_numbers_abbreviations_and_initials() {
        assert_eq!(
            split_sentences(
                "Pi is about 3.14 today. Dr. Smith met J. R. Tolkien at 5 p.m. yesterday. Done."
            ),
            vec![
                "Pi is about 3.14 today.",
                "Dr. Smith met J. R. Tolkien at 5 p.m. yesterday.",
                "Done."
            ]
        );
        assert_eq!(
            split_sentences("Use e.g. the app. Or not."),
            vec!["Use e.g. the app.", "Or not."]
        );
        assert_eq!(
            split_sentences("1. Open the app.\n2. Log in."),
            vec!["1. Open the app.", "2. Log in."]
        );
    }

    #[test]
    fn handles_ellipses_quotes_and_lines() {
        assert_eq!(
            split_sentences("Well... I think so. Hmm… maybe not. He said \"stop.\" Then left"),
            vec![
                "Well...",
                "I think so.",
                "Hmm… maybe not.",
                "He said \"stop.\"",
                "Then left"
            ]
        );
        assert_eq!(
            split_sentences("First line\nSecond line"),
            vec!["First line", "Second line"]
        );
        assert!(split_sentences("  ... !! ").is_empty());
        assert!(split_sentences("").is_empty());
    }

    #[test]
    fn incremental_waits_for_the_next_word() {
        let mut s = SentenceSplitter::new();
        assert!(s.push("Your balance is 12.").is_empty());
        assert!(s.push("5").is_empty());
        assert!(s.push("0 dollars.").is_empty());
        assert!(s.push(" ").is_empty());
        assert_eq!(
            s.push("Anything else?"),
            vec!["Your balance is 12.50 dollars."]
        );
        assert_eq!(s.pending(), "Anything else?");
        assert_eq!(s.finish(), Some("Anything else?".into()));
        assert_eq!(s.finish(), None);
    }

    #[test]
    fn incremental_equals_batch_for_every_split_point() {
        let text = "Mr. Lee paid 3.5 dollars... Then what? He left! The end.";
        let batch = split_sentences(text);
        for cut in (0..=text.len()).filter(|&c| text.is_char_boundary(c)) {
            let mut s = SentenceSplitter::new();
            let mut got = s.push(&text[..cut]);
            got.extend(s.push(&text[cut..]));
            got.extend(s.finish_all());
            assert_eq!(got, batch, "cut at {cut}");
        }
    }
}
