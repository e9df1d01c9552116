//! Streaming redaction of transcript chunks as they arrive.

use crate::engine::Redactor;
use crate::lexicon::*;
use crate::operator::{self, Placeholders, Policy};
use crate::scan::{self, Kind};

/// Bytes of already-emitted text kept as context for the next chunk.
const CONTEXT_BYTES: usize = 160;
/// Above this much held-back text, emit anyway so latency and memory stay bounded.
const MAX_HOLD_BYTES: usize = 512;

/// Redacts one conversation chunk by chunk.
///
/// Each [`push`](StreamingRedactor::push) returns the text that is safe to emit:
/// everything except a trailing stretch that could still grow into an entity
/// (digits and number words, name-like words, e-mail or address pieces). The
/// held text is re-examined with the next chunk, so a phone number spoken over
/// two STT partials is still caught; the last emitted words are kept as
/// context so "my number is" in one chunk still scores the digits in the next.
/// Call [`finish`](StreamingRedactor::finish) at the end of the conversation.
#[derive(Debug)]
pub struct StreamingRedactor {
    redactor: Redactor,
    policy: Policy,
    placeholders: Placeholders,
    /// Tail of already-emitted original text (context only).
    context: String,
    /// Text received but not emitted yet.
    pending: String,
}

impl StreamingRedactor {
    /// A streaming redactor for one conversation.
    pub fn new(redactor: Redactor, policy: Policy) -> Self {
        StreamingRedactor {
            redactor,
            policy,
            placeholders: Placeholders::default(),
            context: String::new(),
            pending: String::new(),
        }
    }

    /// Adds a chunk; returns the redacted text that can be emitted now (possibly empty).
    pub fn push(&mut self, chunk: &str) -> String {
        self.pending.push_str(chunk);
        self.emit(false)
    }

    /// Emits everything still held back.
    pub fn finish(&mut self) -> String {
        self.emit(true)
    }

    /// Bytes currently held back.
    pub fn held(&self) -> usize {
        self.pending.len()
    }

    fn emit(&mut self, all: bool) -> String {
        if self.pending.is_empty() {
            return String::new();
        }
        let ctx_len = self.context.len();
        let mut buf = String::with_capacity(ctx_len + self.pending.len());
        buf.push_str(&self.context);
        buf.push_str(&self.pending);
        let findings = self.redactor.detect(&buf);
        let mut cut = if all {
            buf.len()
        } else {
            self.safe_cut(&buf, ctx_len)
        };
        // Never cut through a finding.
        for f in &findings {
            if f.start < cut && cut < f.end {
                cut = f.start.max(ctx_len);
            }
        }
        if cut <= ctx_len {
            return String::new();
        }
        let emit: Vec<_> = findings
            .into_iter()
            .filter(|f| f.start >= ctx_len && f.end <= cut)
            .map(|mut f| {
                f.start -= ctx_len;
                f.end -= ctx_len;
                f
            })
            .collect();
        let piece = &buf[ctx_len..cut];
        let out = operator::apply(piece, &emit, &self.policy, &mut self.placeholders);
        // Slide the context window over the emitted text.
        let mut keep_from = cut.saturating_sub(CONTEXT_BYTES);
        while !buf.is_char_boundary(keep_from) {
            keep_from += 1;
        }
        self.context = buf[keep_from..cut].to_string();
        self.pending = buf[cut..].to_string();
        out
    }

    /// Start of the trailing text that could still be part of an entity.
    fn safe_cut(&self, buf: &str, floor: usize) -> usize {
        let mut toks = Vec::new();
        scan::tokenize(buf, &self.redactor.inner.lexicon, &mut toks);
        let mut cut = buf.len();
        let ends_clean =
            buf.ends_with(|c: char| c.is_whitespace() || matches!(c, '.' | '?' | '!' | ','));
        let ends_space = buf.ends_with(char::is_whitespace);
        let mut first = true;
        for t in toks.iter().rev() {
            if t.start < floor {
                break;
            }
            let open = if first && !ends_clean {
                true
            } else if first
                && ends_space
                && matches!(t.kind, Kind::Punct(b'.' | b',' | b'?' | b'!'))
            {
                // Sentence punctuation followed by a space cannot continue an entity.
                false
            } else {
                match t.kind {
                    Kind::Num | Kind::Alnum => true,
                    Kind::Punct(c) => matches!(
                        c,
                        b'-' | b'(' | b')' | b'+' | b'@' | b'_' | b'.' | b'/' | b'#' | b','
                    ),
                    Kind::Word => {
                        t.cap
                            || t.info.first != 0
                            || t.info.last != 0
                            || t.has(
                                DIGIT
                                    | TEEN
                                    | TENS
                                    | HUNDRED
                                    | MULT
                                    | DOT
                                    | DASH
                                    | UNDERSCORE
                                    | AT
                                    | TLD
                                    | STREET
                                    | UNIT
                                    | MONTH
                                    | ORDINAL
                                    | TITLE
                                    | PLUS
                                    | LETTER
                                    | DIRECTION,
                            )
                            || buf[t.start..t.end].eq_ignore_ascii_case("box")
                    }
                    Kind::Other => false,
                }
            };
            first = false;
            if !open {
                break;
            }
            cut = t.start;
        }
        if buf.len() - cut > MAX_HOLD_BYTES {
            // Only hold the last MAX_HOLD_BYTES; cut at a token start.
            let min = buf.len() - MAX_HOLD_BYTES;
            cut = toks
                .iter()
                .map(|t| t.start)
                .find(|&s| s >= min)
                .unwrap_or(buf.len());
        }
        cut.max(floor)
    }
}
