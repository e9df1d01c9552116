//! A GPT-2 style byte-level BPE tokenizer built from GGUF metadata.
//!
//! SmolLM2's GGUF carries `tokenizer.ggml.tokens` (byte-level strings such as `Ġthe`),
//! `tokenizer.ggml.merges` (`"Ġ t"`, by priority), `tokenizer.ggml.token_type` and the bos/eos ids.
//! Pre-tokenization follows SmolLM2's `tokenizer.json`: digits split one by one, then the GPT-2
//! regex. The regex's `\s+(?!\S)` look-ahead, which the `regex` crate lacks, is emulated by giving
//! the last whitespace character of a run back to the following word.

use std::collections::HashMap;

use candle_core::quantized::gguf_file;
use regex::Regex;

use crate::{Error, Result};

/// Byte-level BPE tokenizer.
#[derive(Debug, Clone)]
pub struct BpeTokenizer {
    tokens: Vec<String>,
    ids: HashMap<String, u32>,
    ranks: HashMap<(String, String), u32>,
    byte_to_char: [char; 256],
    char_to_byte: HashMap<char, u8>,
    special: Vec<bool>,
    pre: Regex,
    bos: Option<u32>,
    eos: Option<u32>,
}

fn bytes_to_unicode() -> [char; 256] {
    let mut table = ['\0'; 256];
    let mut n = 0u32;
    for b in 0..=255u8 {
        let printable = (b'!'..=b'~').contains(&b) || (0xA1..=0xAC).contains(&b) || b >= 0xAE;
        table[b as usize] = if printable {
            char::from(b)
        } else {
            let c = char::from_u32(256 + n).unwrap_or('\0');
            n += 1;
            c
        };
    }
    table
}

fn meta<'a>(content: &'a gguf_file::Content, key: &str) -> Result<&'a gguf_file::Value> {
    content
        .metadata
        .get(key)
        .ok_or_else(|| Error::Tokenizer(format!("GGUF metadata has no `{key}`")))
}

fn strings(content: &gguf_file::Content, key: &str) -> Result<Vec<String>> {
    let bad = |e: candle_core::Error| Error::Tokenizer(format!("`{key}`: {e}"));
    meta(content, key)?
        .to_vec()
        .map_err(bad)?
        .iter()
        .map(|v| v.to_string().cloned().map_err(bad))
        .collect()
}

impl BpeTokenizer {
    /// Reads the tokenizer from GGUF metadata.
    ///
    /// # Errors
    /// [`Error::Tokenizer`] when a key is missing or has the wrong type.
    pub fn from_gguf(content: &gguf_file::Content) -> Result<Self> {
        let tokens = strings(content, "tokenizer.ggml.tokens")?;
        let merges = strings(content, "tokenizer.ggml.merges")?;
        let types: Vec<i32> = match content.metadata.get("tokenizer.ggml.token_type") {
            Some(v) => v
                .to_vec()
                .map_err(|e| Error::Tokenizer(format!("token_type: {e}")))?
                .iter()
                .map(|t| t.to_i32().unwrap_or(1))
                .collect(),
            None => Vec::new(),
        };
        let id = |key: &str| content.metadata.get(key).and_then(|v| v.to_u32().ok());
        let (bos, eos) = (
            id("tokenizer.ggml.bos_token_id"),
            id("tokenizer.ggml.eos_token_id"),
        );
        let mut tok = Self::new(tokens, &merges, bos, eos)?;
        for (i, t) in types.iter().enumerate() {
            // 3 = control, 4 = user-defined: never produced by encoding text, skipped when decoding.
            if let Some(s) = tok.special.get_mut(i) {
                *s = *t == 3 || *t == 4;
            }
        }
        Ok(tok)
    }

    /// Builds a tokenizer from a vocabulary (byte-level strings, index = id) and merges (`"a b"`).
    ///
    /// # Errors
    /// [`Error::Tokenizer`] for a malformed merge.
    pub fn new(
        tokens: Vec<String>,
        merges: &[String],
        bos: Option<u32>,
        eos: Option<u32>,
    ) -> Result<Self> {
        let mut ranks = HashMap::with_capacity(merges.len());
        for (rank, m) in merges.iter().enumerate() {
            let (a, b) = m
                .split_once(' ')
                .ok_or_else(|| Error::Tokenizer(format!("malformed merge #{rank}")))?;
            ranks.insert((a.to_string(), b.to_string()), rank as u32);
        }
        let ids = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        let byte_to_char = bytes_to_unicode();
        let char_to_byte = byte_to_char
            .iter()
            .enumerate()
            .map(|(b, c)| (*c, b as u8))
            .collect();
        let pre = Regex::new(r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+|\s+")
            .map_err(|e| Error::Tokenizer(e.to_string()))?;
        let special = tokens
            .iter()
            .map(|t| t.starts_with("<|") && t.ends_with("|>"))
            .collect();
        Ok(Self {
            tokens,
            ids,
            ranks,
            byte_to_char,
            char_to_byte,
            special,
            pre,
            bos,
            eos,
        })
    }

    /// Vocabulary size.
    pub fn vocab_size(&self) -> usize {
        self.tokens.len()
    }

    /// Beginning-of-sequence id, if the model has one.
    pub fn bos_id(&self) -> Option<u32> {
        self.bos
    }

    /// End-of-sequence id, if the model has one.
    pub fn eos_id(&self) -> Option<u32> {
        self.eos
    }

    /// The id of a token given by its exact vocabulary string (e.g. `<|im_end|>`).
    pub fn token_id(&self, token: &str) -> Option<u32> {
        self.ids.get(token).copied()
    }

    /// Splits text into pre-tokens (words, digits, punctuation, whitespace runs).
    fn pre_tokenize<'a>(&self, text: &'a str) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = self.pre.find_at(text, pos) else {
                break;
            };
            let (start, mut end) = (m.start(), m.end());
            let piece = &text[start..end];
            // Emulates `\s+(?!\S)`: a whitespace run followed by text leaves its last character to
            // that text (" world" keeps its space).
            if end < text.len() && piece.chars().all(char::is_whitespace) {
                let last = piece.chars().last().map_or(0, char::len_utf8);
                if piece.len() > last {
                    end -= last;
                }
            }
            out.push(&text[start..end]);
            pos = end;
        }
        out
    }

    fn bpe(&self, word: &str, out: &mut Vec<u32>) {
        let mut parts: Vec<String> = word.chars().map(String::from).collect();
        loop {
            let best = parts
                .windows(2)
                .enumerate()
                .filter_map(|(i, w)| {
                    self.ranks
                        .get(&(w[0].clone(), w[1].clone()))
                        .map(|r| (*r, i))
                })
                .min();
            let Some((_, i)) = best else { break };
            let right = parts.remove(i + 1);
            parts[i].push_str(&right);
        }
        for p in parts {
            match self.ids.get(&p) {
                Some(id) => out.push(*id),
                // Every byte has a token in a byte-level vocabulary; fall back per character.
                None => out.extend(p.chars().filter_map(|c| self.ids.get(&c.to_string()))),
            }
        }
    }

    /// Encodes plain text. Special-token text such as `<|im_end|>` is encoded as ordinary
    /// characters, never as the special token.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let mut out = Vec::with_capacity(text.len() / 3 + 1);
        for piece in self.pre_tokenize(text) {
            let mapped: String = piece
                .bytes()
                .map(|b| self.byte_to_char[b as usize])
                .collect();
            self.bpe(&mapped, &mut out);
        }
        out
    }

    /// Whether `id` is a special (control) token.
    pub fn is_special(&self, id: u32) -> bool {
        self.special.get(id as usize).copied().unwrap_or(false)
    }

    /// The raw bytes of token ids, skipping special tokens and unknown ids.
    pub fn decode_bytes(&self, ids: &[u32]) -> Vec<u8> {
        let mut out = Vec::new();
        for &id in ids {
            if self.is_special(id) {
                continue;
            }
            if let Some(t) = self.tokens.get(id as usize) {
                out.extend(t.chars().filter_map(|c| self.char_to_byte.get(&c)));
            }
        }
        out
    }

    /// Decodes ids to text (invalid UTF-8 replaced), skipping special tokens.
    pub fn decode(&self, ids: &[u32]) -> String {
        String::from_utf8_lossy(&self.decode_bytes(ids)).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> BpeTokenizer {
        let table = bytes_to_unicode();
        let mut tokens: Vec<String> = table.iter().map(|c| c.to_string()).collect();
        for t in ["he", "ll", "hell", "hello", "Ġw", "Ġwo", "<|im_end|>"] {
            tokens.push(t.to_string());
        }
        let merges: Vec<String> = ["h e", "l l", "he ll", "hell o", "Ġ w", "Ġw o"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        BpeTokenizer::new(tokens, &merges, None, None).unwrap()
    }

    #[test]
    fn toy_merges_apply_by_rank() {
        let t = toy();
        let ids = t.encode("hello world");
        assert_eq!(ids[0], t.token_id("hello").unwrap());
        assert_eq!(ids[1], t.token_id("Ġwo").unwrap());
        assert_eq!(t.decode(&ids), "hello world");
        // Special-token text is not turned into the special token.
        let ids = t.encode("<|im_end|>");
        assert!(!ids.contains(&t.token_id("<|im_end|>").unwrap()));
        assert_eq!(t.decode(&ids), "<|im_end|>");
    }

    #[test]
    fn pre_tokenizer_matches_gpt2_whitespace_rule() {
        let t = toy();
        assert_eq!(
            t.pre_tokenize("Hi  there, 42!\n\nok"),
            vec!["Hi", " ", " there", ",", " ", "4", "2", "!", "\n", "\n", "ok"]
        );
    }
}
