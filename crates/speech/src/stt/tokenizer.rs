//! Decoding side of Whisper's byte-level BPE tokenizer, read from `tokenizer.json`.
//!
//! Only decoding is needed (the prompt is made of special tokens), so this maps ids to their
//! vocabulary strings and undoes GPT-2's byte-to-unicode mapping; it needs no BPE merges.

use std::collections::HashMap;
use std::path::Path;

use crate::{Error, Result};

/// Ids of the special tokens the decoder uses.
#[derive(Debug, Clone, Copy)]
pub struct SpecialTokens {
    pub eot: u32,
    pub sot: u32,
    pub translate: u32,
    pub transcribe: u32,
    pub sot_lm: u32,
    pub sot_prev: u32,
    pub no_speech: u32,
    pub no_timestamps: u32,
    /// `<|0.00|>`; timestamps follow in 20 ms steps.
    pub timestamp_begin: u32,
}

/// Token id to bytes table plus the special token ids.
#[derive(Debug)]
pub struct Tokenizer {
    pieces: Vec<Option<Vec<u8>>>,
    pub special: SpecialTokens,
}

/// GPT-2's reversible byte <-> printable character mapping, inverted.
fn unicode_to_byte() -> HashMap<char, u8> {
    let mut bs: Vec<u32> = (u32::from(b'!')..=u32::from(b'~'))
        .chain(0xA1..=0xAC)
        .chain(0xAE..=0xFF)
        .collect();
    let mut cs = bs.clone();
    let mut n = 0;
    for b in 0..256u32 {
        if !bs.contains(&b) {
            bs.push(b);
            cs.push(256 + n);
            n += 1;
        }
    }
    bs.into_iter()
        .zip(cs)
        .filter_map(|(b, c)| Some((char::from_u32(c)?, u8::try_from(b).ok()?)))
        .collect()
}

impl Tokenizer {
    /// Loads `tokenizer.json`.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::ModelMissing(format!(
                "{}: {e}; run `voxgate models setup`",
                path.display()
            ))
        })?;
        Self::from_json(&text)
    }

    /// Parses the JSON text of `tokenizer.json`.
    pub fn from_json(text: &str) -> Result<Self> {
        let invalid = |m: &str| Error::ModelInvalid(format!("tokenizer.json: {m}"));
        let json: serde_json::Value =
            serde_json::from_str(text).map_err(|e| invalid(&e.to_string()))?;
        let vocab = json["model"]["vocab"]
            .as_object()
            .ok_or_else(|| invalid("no model.vocab"))?;
        let byte_of = unicode_to_byte();
        let mut pieces: Vec<Option<Vec<u8>>> = Vec::new();
        let mut put = |id: usize, bytes: Vec<u8>| {
            if pieces.len() <= id {
                pieces.resize(id + 1, None);
            }
            pieces[id] = Some(bytes);
        };
        for (piece, id) in vocab {
            let id = id.as_u64().ok_or_else(|| invalid("non-integer id"))? as usize;
            let bytes: Option<Vec<u8>> = piece.chars().map(|c| byte_of.get(&c).copied()).collect();
            put(id, bytes.unwrap_or_else(|| piece.as_bytes().to_vec()));
        }
        let mut named = HashMap::new();
        for added in json["added_tokens"]
            .as_array()
            .ok_or_else(|| invalid("no added_tokens"))?
        {
            let (Some(id), Some(content)) = (added["id"].as_u64(), added["content"].as_str())
            else {
                return Err(invalid("malformed added token"));
            };
            named.insert(content.to_owned(), id as u32);
            put(id as usize, content.as_bytes().to_vec());
        }
        let get = |name: &str| {
            named
                .get(name)
                .copied()
                .ok_or_else(|| invalid(&format!("special token {name} missing")))
        };
        let no_timestamps = get("<|notimestamps|>")?;
        let special = SpecialTokens {
            eot: get("<|endoftext|>")?,
            sot: get("<|startoftranscript|>")?,
            translate: get("<|translate|>")?,
            transcribe: get("<|transcribe|>")?,
            sot_lm: get("<|startoflm|>")?,
            sot_prev: get("<|startofprev|>")?,
            no_speech: get("<|nocaptions|>").or_else(|_| get("<|nospeech|>"))?,
            no_timestamps,
            timestamp_begin: no_timestamps + 1,
        };
        Ok(Self { pieces, special })
    }

    /// Text of a sequence of ordinary tokens; special and timestamp tokens are skipped.
    pub fn decode(&self, tokens: &[u32]) -> String {
        let mut bytes = Vec::new();
        for &t in tokens {
            if t >= self.special.eot {
                continue;
            }
            if let Some(Some(p)) = self.pieces.get(t as usize) {
                bytes.extend_from_slice(p);
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }
}
