//! `RedactorBuilder` and the shared, immutable `Redactor`.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::detect::{self, CharIndex, Scan};
use crate::entity::EntityType;
use crate::error::{Error, Result};
use crate::finding::{Candidate, Finding};
use crate::lexicon::Lexicon;
use crate::operator::{self, Placeholders, Policy};
use crate::scan::{self, Run, Tok};
use crate::validate;

/// A checksum a custom recognizer can require of its matches (applied to the
/// ASCII letters and digits of the match).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Validator {
    /// Luhn mod-10 (cards, many loyalty and IMEI numbers).
    Luhn,
    /// IBAN mod-97 with country length.
    Mod97,
    /// ABA routing checksum.
    Aba,
}

impl Validator {
    pub(crate) fn check(self, s: &str) -> bool {
        match self {
            Validator::Luhn => validate::luhn(s),
            Validator::Mod97 => validate::iban(s),
            Validator::Aba => validate::aba(s),
        }
    }
    pub(crate) fn name(self) -> &'static str {
        match self {
            Validator::Luhn => "luhn",
            Validator::Mod97 => "mod97",
            Validator::Aba => "aba",
        }
    }
}

/// A recognizer defined in configuration, e.g. in `voxgate.toml`:
///
/// ```toml
/// [[privacy.recognizers]]
/// name = "member_id"
/// entity_type = "MEMBER_ID"
/// pattern = '\bMBR-\d{6}\b'
/// context = ["member", "membership"]
/// score = 0.6
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomRecognizerConfig {
    /// Name shown in findings and `--explain`.
    pub name: String,
    /// Entity type reported; a built-in name or a new upper-case name.
    pub entity_type: String,
    /// Regular expression (Rust `regex` syntax).
    pub pattern: String,
    /// Words that raise the score when seen in the context window.
    #[serde(default)]
    pub context: Vec<String>,
    /// Optional checksum every match must pass.
    #[serde(default)]
    pub validator: Option<Validator>,
    /// Base score of a match (0..=1); context adds 0.35.
    #[serde(default = "default_custom_score")]
    pub score: f32,
}

fn default_custom_score() -> f32 {
    0.6
}

#[derive(Debug)]
pub(crate) struct Custom {
    pub name: String,
    pub entity: Arc<str>,
    pub regex: regex::Regex,
    pub context: Vec<String>,
    pub validator: Option<Validator>,
    pub score: f32,
    pub enabled: bool,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub lexicon: Lexicon,
    pub enabled: u32,
    pub threshold: f32,
    pub window: u8,
    pub customs: Vec<Custom>,
}

/// Configures a [`Redactor`]. Build once at start-up.
///
/// ```
/// use voxgate_privacy::{EntityType, RedactorBuilder};
/// let r = RedactorBuilder::new()
///     .entities([EntityType::PhoneNumber, EntityType::EmailAddress])
///     .threshold(0.5)
///     .build()?;
/// assert_eq!(r.detect("call 512-555-0142").len(), 1);
/// # Ok::<(), voxgate_privacy::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct RedactorBuilder {
    entities: Option<Vec<EntityType>>,
    threshold: f32,
    window: u8,
    customs: Vec<CustomRecognizerConfig>,
}

impl Default for RedactorBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl RedactorBuilder {
    /// Every built-in entity, threshold 0.5, context window 6 words.
    pub fn new() -> Self {
        RedactorBuilder {
            entities: None,
            threshold: 0.5,
            window: 6,
            customs: Vec::new(),
        }
    }

    /// Restricts detection to these entities (custom entity names included).
    pub fn entities(mut self, e: impl IntoIterator<Item = EntityType>) -> Self {
        self.entities = Some(e.into_iter().collect());
        self
    }

    /// Minimum score to report a finding (default 0.5).
    pub fn threshold(mut self, t: f32) -> Self {
        self.threshold = t;
        self
    }

    /// How many words before a candidate are searched for context (default 6).
    pub fn context_window(mut self, words: u8) -> Self {
        self.window = words;
        self
    }

    /// Adds a custom recognizer.
    pub fn custom(mut self, c: CustomRecognizerConfig) -> Self {
        self.customs.push(c);
        self
    }

    /// Validates the settings, compiles custom patterns and loads the word lists.
    pub fn build(self) -> Result<Redactor> {
        if !(0.0..=1.0).contains(&self.threshold) {
            return Err(Error::InvalidSetting {
                name: "threshold",
                reason: format!("{} is outside 0..=1", self.threshold),
            });
        }
        if self.window == 0 || self.window > 50 {
            return Err(Error::InvalidSetting {
                name: "context_window",
                reason: "must be 1..=50 words".into(),
            });
        }
        let mut customs = Vec::new();
        for c in self.customs {
            if !(0.0..=1.0).contains(&c.score) {
                return Err(Error::InvalidRecognizer {
                    name: c.name,
                    reason: "score outside 0..=1".into(),
                });
            }
            if c.entity_type.trim().is_empty() {
                return Err(Error::InvalidRecognizer {
                    name: c.name,
                    reason: "empty entity_type".into(),
                });
            }
            let regex = regex::RegexBuilder::new(&c.pattern)
                .size_limit(1 << 22)
                .build()
                .map_err(|e| Error::InvalidRecognizer {
                    name: c.name.clone(),
                    reason: e.to_string(),
                })?;
            customs.push(Custom {
                entity: Arc::from(c.entity_type.trim().to_ascii_uppercase().as_str()),
                name: c.name,
                regex,
                context: c.context,
                validator: c.validator,
                score: c.score,
                enabled: true,
            });
        }
        let enabled = match &self.entities {
            None => u32::MAX,
            Some(list) => list.iter().fold(0, |m, e| m | e.bit()),
        };
        if let Some(list) = &self.entities {
            for c in customs.iter_mut() {
                c.enabled = list.iter().any(|e| e.as_str() == &*c.entity);
            }
            // Custom names must exist.
            for e in list {
                if let EntityType::Custom(n) = e {
                    if !customs.iter().any(|c| *c.entity == **n) {
                        return Err(Error::UnknownEntity(n.to_string()));
                    }
                }
            }
        }
        let inner = Inner {
            lexicon: Lexicon::build(),
            enabled,
            threshold: self.threshold,
            window: self.window,
            customs,
        };
        Ok(Redactor {
            inner: Arc::new(inner),
        })
    }
}

/// The detection engine: immutable, `Send + Sync`, cheap to clone and to call
/// from many calls at once.
#[derive(Clone, Debug)]
pub struct Redactor {
    pub(crate) inner: Arc<Inner>,
}

thread_local! {
    /// Buffers every detection reuses on its thread: tokens, number runs and
    /// the index lists the passes start from.
    static SCRATCH: RefCell<(Vec<Tok>, Vec<Run>, detect::Marks)> =
        RefCell::new((Vec::new(), Vec::new(), detect::Marks::default()));
}

impl Redactor {
    /// A redactor with every default recognizer.
    pub fn new() -> Result<Redactor> {
        RedactorBuilder::new().build()
    }

    /// Names of configured custom entity types.
    pub fn custom_entities(&self) -> Vec<Arc<str>> {
        self.inner
            .customs
            .iter()
            .map(|c| c.entity.clone())
            .collect()
    }

    /// Parses an entity name, built-in or custom.
    pub fn parse_entity(&self, s: &str) -> Result<EntityType> {
        EntityType::parse_with_customs(s, &self.custom_entities())
    }

    fn enabled(&self, e: &EntityType) -> bool {
        match e {
            EntityType::Custom(n) => self
                .inner
                .customs
                .iter()
                .any(|c| *c.entity == **n && c.enabled),
            other => self.inner.enabled & other.bit() != 0,
        }
    }

    pub(crate) fn candidates(&self, text: &str) -> (Vec<detect::Cand>, Vec<usize>) {
        SCRATCH.with(|s| {
            let mut guard = s.borrow_mut();
            let (toks, runs, kept) = &mut *guard;
            let mut marks = std::mem::take(kept);
            marks.clear();
            scan::tokenize_marked(text, &self.inner.lexicon, toks, Some(&mut marks));
            let n = scan::runs(text, toks, runs);
            let runs = &runs[..n];
            let mut sc = Scan {
                text,
                toks,
                cfg: &self.inner,
                cands: Vec::new(),
                groups_buf: Vec::new(),
                seps_buf: Vec::new(),
                name_like: Vec::new(),
                marks,
            };
            sc.name_like = std::mem::take(&mut sc.marks.name_like);
            sc.numbers(runs);
            sc.corrected_phones(runs);
            sc.codes(runs);
            if sc.marks.at {
                sc.emails();
            }
            sc.ipv6();
            sc.spoken_ipv6();
            sc.persons();
            sc.capitalised_names();
            sc.subject_names();
            sc.spelled_names();
            sc.spoken_ibans();
            sc.addresses(runs);
            sc.month_dates(runs);
            sc.uk_postcodes();
            sc.spoken_postcodes();
            sc.customs();
            sc.name_mentions();
            *kept = std::mem::take(&mut sc.marks);
            kept.name_like = std::mem::take(&mut sc.name_like);
            let mut cands = sc.cands;
            let taken = detect::resolve(&mut cands, |e| self.enabled(e));
            (cands, taken)
        })
    }

    /// Finds personal data in `text`, best non-overlapping findings in text order.
    pub fn detect(&self, text: &str) -> Vec<Finding> {
        let (mut cands, taken) = self.candidates(text);
        let chars = CharIndex::new(text);
        // Each taken candidate is reported once: its strings move.
        taken
            .iter()
            .map(|&i| detect::into_finding(&mut cands[i], &chars))
            .collect()
    }

    /// Every candidate considered, taken or rejected with the reason, in text order.
    pub fn explain(&self, text: &str) -> Vec<Candidate> {
        let (mut cands, _) = self.candidates(text);
        cands.sort_by_key(|c| (c.start, c.end));
        let chars = CharIndex::new(text);
        detect::explain(&cands, &chars)
    }

    /// Detects and rewrites `text` with `policy`; numbered placeholders start afresh.
    pub fn redact(&self, text: &str, policy: &Policy) -> (String, Vec<Finding>) {
        let mut ph = Placeholders::default();
        self.redact_with(text, policy, &mut ph)
    }

    /// Like [`Redactor::redact`] but numbered placeholders continue from `state`,
    /// so `[PERSON_1]` stays the same person across a conversation.
    pub fn redact_with(
        &self,
        text: &str,
        policy: &Policy,
        state: &mut Placeholders,
    ) -> (String, Vec<Finding>) {
        let findings = self.detect(text);
        let out = operator::apply(text, &findings, policy, state);
        (out, findings)
    }

    /// Log-line entry point: typed placeholders, borrowed when nothing is found.
    pub fn redact_for_log<'t>(&self, line: &'t str) -> Cow<'t, str> {
        let findings = self.detect(line);
        if findings.is_empty() {
            return Cow::Borrowed(line);
        }
        let mut out = String::with_capacity(line.len());
        let mut at = 0;
        for f in &findings {
            out.push_str(&line[at..f.start]);
            out.push('[');
            out.push_str(f.entity_type.as_str());
            out.push(']');
            at = f.end;
        }
        out.push_str(&line[at..]);
        Cow::Owned(out)
    }
}
