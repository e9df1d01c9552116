//! Evaluation harness: scores the engine against the labelled utterances in
//! `eval/utterances.jsonl` (dev and held-out test splits, see `eval/generate.py`)
//! and `eval/unseen.jsonl` (split `unseen`, phrasings unlike either, see
//! `eval/generate_unseen.py`).
//!
//! A prediction matches a gold entity of the same type when they overlap on at
//! least half of the gold span (char offsets). Per entity type we report
//! precision, recall, F1 and F2 (recall weighted twice, as Presidio does).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Deserialize;

use crate::engine::Redactor;

/// One labelled utterance.
#[derive(Clone, Debug, Deserialize)]
pub struct Utterance {
    /// Stable id.
    pub id: String,
    /// `dev` or `test` (held out).
    pub split: String,
    /// Call domain (utility, clinic...).
    #[serde(default)]
    pub domain: String,
    /// `typed` or `asr`.
    #[serde(default)]
    pub style: String,
    /// The utterance.
    pub text: String,
    /// Gold entities.
    pub entities: Vec<Gold>,
}

/// One gold entity, char offsets.
#[derive(Clone, Debug, Deserialize)]
pub struct Gold {
    /// Entity type name.
    #[serde(rename = "type")]
    pub entity_type: String,
    /// Char start.
    pub start: usize,
    /// Char end.
    pub end: usize,
    /// Said in spoken form (digit words...).
    #[serde(default)]
    pub spoken: bool,
}

/// Counts for one entity type.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    /// Gold entities found.
    pub tp: usize,
    /// Predictions matching no gold entity.
    pub fp: usize,
    /// Gold entities missed.
    pub fn_: usize,
}

impl Counts {
    /// Precision (1.0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    /// Recall (1.0 when there was nothing to find).
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    /// F-beta score.
    pub fn f(&self, beta: f64) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        let b2 = beta * beta;
        if p + r == 0.0 {
            0.0
        } else {
            (1.0 + b2) * p * r / (b2 * p + r)
        }
    }
    fn add(&mut self, o: &Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// Result of an evaluation run.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Per entity type.
    pub per_entity: BTreeMap<String, Counts>,
    /// Gold entities in spoken form: (found, total).
    pub spoken: (usize, usize),
    /// Utterances scored.
    pub utterances: usize,
    /// Misses and false positives, for debugging (`id`, kind, type, text).
    pub errors: Vec<(String, &'static str, String, String)>,
}

impl Report {
    /// Micro-averaged counts over all types.
    pub fn overall(&self) -> Counts {
        let mut c = Counts::default();
        for v in self.per_entity.values() {
            c.add(v);
        }
        c
    }

    /// Counts of one type (zero when absent).
    pub fn get(&self, entity: &str) -> Counts {
        self.per_entity.get(entity).copied().unwrap_or_default()
    }

    /// Recall over spoken-form gold entities.
    pub fn spoken_recall(&self) -> f64 {
        if self.spoken.1 == 0 {
            1.0
        } else {
            self.spoken.0 as f64 / self.spoken.1 as f64
        }
    }

    /// A table of per-entity figures.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:<24} {:>5} {:>5} {:>5} {:>7} {:>7} {:>7} {:>7}",
            "entity", "tp", "fp", "fn", "prec", "recall", "F1", "F2"
        );
        let mut line = |name: &str, c: &Counts| {
            let _ = writeln!(
                s,
                "{:<24} {:>5} {:>5} {:>5} {:>7.3} {:>7.3} {:>7.3} {:>7.3}",
                name,
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall(),
                c.f(1.0),
                c.f(2.0)
            );
        };
        for (k, v) in &self.per_entity {
            line(k, v);
        }
        line("OVERALL", &self.overall());
        let _ = writeln!(
            s,
            "spoken-form recall: {:.3} ({}/{}) over {} utterances",
            self.spoken_recall(),
            self.spoken.0,
            self.spoken.1,
            self.utterances
        );
        s
    }
}

/// Parses JSONL utterances.
pub fn load(jsonl: &str) -> Result<Vec<Utterance>, serde_json::Error> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect()
}

/// Scores `redactor` on the utterances of `split` (`None` for all).
pub fn evaluate(redactor: &Redactor, utterances: &[Utterance], split: Option<&str>) -> Report {
    let mut rep = Report::default();
    for u in utterances
        .iter()
        .filter(|u| split.is_none_or(|s| u.split == s))
    {
        rep.utterances += 1;
        let found = redactor.detect(&u.text);
        let chars: Vec<char> = u.text.chars().collect();
        let snippet = |s: usize, e: usize| {
            chars
                .get(s..e.min(chars.len()))
                .map(|c| c.iter().collect::<String>())
                .unwrap_or_default()
        };
        let mut used = vec![false; found.len()];
        for g in &u.entities {
            let c = rep.per_entity.entry(g.entity_type.clone()).or_default();
            let glen = (g.end - g.start).max(1);
            let hit = found.iter().enumerate().find(|(_, f)| {
                f.entity_type.as_str() == g.entity_type && {
                    let inter = f
                        .char_end
                        .min(g.end)
                        .saturating_sub(f.char_start.max(g.start));
                    inter * 2 >= glen
                }
            });
            if g.spoken {
                rep.spoken.1 += 1;
            }
            match hit {
                Some((i, _)) => {
                    used[i] = true;
                    c.tp += 1;
                    if g.spoken {
                        rep.spoken.0 += 1;
                    }
                }
                None => {
                    c.fn_ += 1;
                    rep.errors.push((
                        u.id.clone(),
                        "miss",
                        g.entity_type.clone(),
                        snippet(g.start, g.end),
                    ));
                }
            }
        }
        for (i, f) in found.iter().enumerate() {
            if used[i] {
                continue;
            }
            // A second prediction on an already-found gold span is not a false positive.
            let dup = u.entities.iter().any(|g| {
                g.entity_type == f.entity_type.as_str()
                    && f.char_start < g.end
                    && g.start < f.char_end
            });
            if dup {
                continue;
            }
            rep.per_entity
                .entry(f.entity_type.to_string())
                .or_default()
                .fp += 1;
            rep.errors.push((
                u.id.clone(),
                "false positive",
                f.entity_type.to_string(),
                snippet(f.char_start, f.char_end),
            ));
        }
    }
    rep
}
