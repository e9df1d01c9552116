//! Findings, explanations and their JSON shapes.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use crate::entity::EntityType;

/// One detected piece of personal data.
///
/// Offsets are given twice: `start..end` in bytes of the UTF-8 input (for Rust
/// slicing) and `char_start..char_end` in Unicode scalar values, which is what
/// Presidio and Python callers use.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// What kind of data this is.
    pub entity_type: EntityType,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Char offset of the first char.
    pub char_start: usize,
    /// Char offset one past the last char.
    pub char_end: usize,
    /// Confidence in `0.0..=1.0` after context adjustments.
    pub score: f32,
    /// Recognizer that produced it (`phone`, `spoken_email`, custom name...).
    pub recognizer: Cow<'static, str>,
    /// Why it was taken: validators passed and context words seen.
    pub reason: Cow<'static, str>,
    /// Canonical value (digits of a spoken number, lower-cased e-mail) used by
    /// `hash` and numbered placeholders so that typed and spoken forms of one
    /// value join. Never serialized.
    #[serde(skip)]
    pub(crate) key: String,
}

impl Finding {
    /// The byte range of this finding.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The Presidio `RecognizerResult` shape of this finding.
    pub fn to_presidio(&self) -> PresidioFinding {
        PresidioFinding {
            entity_type: self.entity_type.to_string(),
            start: self.char_start,
            end: self.char_end,
            score: f64::from((self.score * 100.0).round() / 100.0),
            recognition_metadata: PresidioMetadata {
                recognizer_name: self.recognizer.to_string(),
            },
        }
    }
}

/// A finding in the JSON shape Presidio's analyzer returns: char offsets,
/// `entity_type`, `score`, plus `recognition_metadata.recognizer_name`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PresidioFinding {
    /// Presidio entity name.
    pub entity_type: String,
    /// Char offset (Python string index) of the first char.
    pub start: usize,
    /// Char offset one past the end.
    pub end: usize,
    /// Confidence score.
    pub score: f64,
    /// Presidio's metadata block.
    pub recognition_metadata: PresidioMetadata,
}

/// Presidio's `recognition_metadata`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PresidioMetadata {
    /// Name of the recognizer.
    pub recognizer_name: String,
}

/// Why a candidate was not reported.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rejection {
    /// Score after context stayed under the threshold.
    BelowThreshold {
        /// Final score.
        score: f32,
        /// Configured threshold.
        threshold: f32,
    },
    /// A checksum or numbering rule failed (`luhn`, `mod97`, `aba`, `ssn`, `nanp`, `date`).
    ValidatorFailed {
        /// Which validator.
        validator: &'static str,
    },
    /// A nearby word says this is not personal data (`order`, `dollars`...).
    NegativeContext {
        /// The word, lower-cased.
        word: String,
    },
    /// A higher-scoring finding covers the same text.
    Overlapped {
        /// Entity type of the winner.
        by: EntityType,
    },
    /// The entity type is not enabled.
    EntityDisabled,
    /// Part of an alphanumeric code (GUID, serial) rather than a standalone number.
    CodeFragment,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::BelowThreshold { score, threshold } => {
                write!(f, "score {score:.2} below threshold {threshold:.2}")
            }
            Rejection::ValidatorFailed { validator } => write!(f, "{validator} validation failed"),
            Rejection::NegativeContext { word } => write!(f, "negative context {word:?}"),
            Rejection::Overlapped { by } => write!(f, "overlapped by a stronger {by}"),
            Rejection::EntityDisabled => f.write_str("entity type not enabled"),
            Rejection::CodeFragment => f.write_str("part of an alphanumeric code (GUID or serial)"),
        }
    }
}

/// One candidate the engine considered, for `--explain`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Candidate {
    /// The candidate as it would have been reported.
    pub finding: Finding,
    /// `None` when taken, otherwise why it was dropped.
    pub rejection: Option<Rejection>,
}

impl Candidate {
    /// Whether the candidate became a finding.
    pub fn taken(&self) -> bool {
        self.rejection.is_none()
    }
}
