//! PII detection and redaction for call transcripts, made for speech.
//!
//! The privacy crate sits between speech recognition and everything that
//! stores, logs, displays or forwards text. It depends on no other Voxgate crate.
//!
//! # Model
//!
//! * A [`RedactorBuilder`] is configured once at start-up (entities, score
//!   threshold, context window, custom recognizers) and builds a [`Redactor`]:
//!   immutable, `Send + Sync`, cheap to clone and shared by every call.
//! * [`Redactor::detect`] returns [`Finding`]s (entity type, byte and char span,
//!   score, recognizer, reason). [`Redactor::explain`] lists every candidate,
//!   taken or rejected, with the reason (validator failed, negative context,
//!   below threshold, overlapped).
//! * A [`Policy`] maps entity types to an [`Operator`] (mask, typed or numbered
//!   placeholder, keyed HMAC hash, AES-256-GCM encryption, remove), and
//!   [`Redactor::redact`] applies it. [`StreamingRedactor`] does the same on
//!   transcript chunks, holding back only a trailing stretch that could still
//!   grow into an entity.
//! * Detection is one pass: a tokenizer looks every word up once in a word table
//!   (digit words, context and negative-context words, cues, street suffixes,
//!   name ranks, English words, place words), number runs are built from typed digits and spoken
//!   digit words ("five one two", "double five", "oh"), and recognizers score
//!   the runs with validators (Luhn, mod-97, ABA, SSN and NANP rules) and the
//!   context around them. Spans always map back to the original text.
//! * Speech recognizers write what callers say in many shapes: digit lists
//!   ("6, 1, 10, and 4, 9, 2, 3, 8, 0, 1") form one run, and a run of 7 to 15
//!   digits where the caller gives a phone number ("my number is", "call me
//!   on") is a phone number even when a misheard digit breaks the numbering
//!   plan (scored below a valid one). Names spelled letter by letter ("j o h n
//!   smith", "S-M-I-T-H") and IBANs read out ("G B eight two W E S T ...",
//!   checked with mod-97) are found too. Digits misheard as words ("four seven
//!   ate nine", "three to eight") count inside a spoken number and nowhere else.
//! * Names come from cues ("my name is", "my caseworker", "put me through
//!   to", "X speaking", "X hits me"), from capitals in typed notes ("Acct
//!   holder Agnieszka Kaczmarek", a signature line), and from word lists built
//!   from public data, not typed by hand (see `data/gen_names.py`): the 1990 US
//!   census names, the US SSA and England and Wales ONS baby-name registers,
//!   the given names and surnames of Faker's locales, an English word list
//!   (SCOWL) and city and country names (GeoNames). A word that is neither an
//!   English word nor a known name reads as a name where a cue allows it; once
//!   a name is found, its other mentions in the text are found with it.
//!
//! ```
//! use voxgate_privacy::{Operator, Policy, RedactorBuilder, EntityType};
//!
//! let redactor = RedactorBuilder::new().build()?;
//! let policy = Policy::default().set(EntityType::PhoneNumber, Operator::Mask { keep_last: 4, mask_char: '*' });
//! let (text, findings) = redactor.redact(
//!     "hi this is Maria Lopez, call me back at five one two five five five oh one four two",
//!     &policy,
//! );
//! assert_eq!(text, "hi this is [PERSON], call me back at *******0142");
//! assert_eq!(findings.len(), 2);
//! # Ok::<(), voxgate_privacy::Error>(())
//! ```
#![deny(missing_docs)]

mod config;
mod detect;
mod engine;
mod entity;
mod error;
pub mod eval;
mod finding;
mod lexicon;
mod operator;
mod scan;
mod stream;
pub mod validate;

pub use config::PrivacyConfig;
pub use engine::{CustomRecognizerConfig, Redactor, RedactorBuilder, Validator};
pub use entity::EntityType;
pub use error::{Error, Result};
pub use finding::{Candidate, Finding, PresidioFinding, PresidioMetadata, Rejection};
pub use operator::{
    decrypt, hash_value, parse_entity_list, parse_operator_spec, HashEncoding, Operator,
    Placeholders, Policy,
};
pub use stream::StreamingRedactor;

/// Findings as Presidio-compatible JSON (an array of `RecognizerResult`s with char offsets).
pub fn to_presidio_json(findings: &[Finding]) -> String {
    let v: Vec<PresidioFinding> = findings.iter().map(Finding::to_presidio).collect();
    serde_json::to_string(&v).unwrap_or_else(|_| "[]".into())
}
