//! The FAQ and its BM25 ranking.
//!
//! Each entry is indexed as one bag of stemmed terms: the question and keywords count twice,
//! the answer once, so a caller's paraphrase matches on what the entry is about before what it
//! happens to mention. Okapi BM25 (k1 = 1.2, b = 0.75) over an in-memory inverted index is
//! plenty for the hundreds of entries an operator FAQ has.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Words too common to tell questions apart.
const STOPWORDS: &[&str] = &[
    "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can",
    "could", "did", "do", "does", "doing", "for", "from", "get", "got", "had", "has", "have",
    "hello", "hi", "how", "i", "if", "im", "in", "into", "is", "it", "its", "just", "let", "like",
    "me", "mine", "my", "of", "on", "or", "our", "please", "should", "so", "some", "than", "thank",
    "thanks", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to",
    "too", "um", "uh", "us", "want", "was", "we", "were", "what", "when", "where", "which", "who",
    "why", "will", "with", "would", "yes", "you", "your",
];

/// One FAQ entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaqEntry {
    /// The question as the operator wrote it.
    pub question: String,
    /// The answer, written to be spoken.
    pub answer: String,
    /// Extra search words (synonyms callers use).
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// A ranked FAQ hit.
#[derive(Debug, Clone, PartialEq)]
pub struct FaqHit<'a> {
    /// The entry.
    pub entry: &'a FaqEntry,
    /// Its BM25 score for the query.
    pub score: f32,
}

/// Splits text into stemmed, lower-cased search terms without stopwords.
pub(crate) struct Analyzer {
    stemmer: Stemmer,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer(english)")
    }
}

impl std::fmt::Debug for FaqIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaqIndex")
            .field("entries", &self.entries.len())
            .field("terms", &self.postings.len())
            .finish()
    }
}

impl Analyzer {
    pub(crate) fn new() -> Self {
        Self {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    pub(crate) fn terms(&self, text: &str) -> Vec<String> {
        text.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 1 && !STOPWORDS.contains(w))
            .map(|w| self.stemmer.stem(w).into_owned())
            .collect()
    }
}

/// The FAQ entries with their inverted index.
pub struct FaqIndex {
    entries: Vec<FaqEntry>,
    /// term -> (entry index, weighted term frequency)
    postings: HashMap<String, Vec<(usize, f32)>>,
    doc_len: Vec<f32>,
    avg_len: f32,
    analyzer: Analyzer,
}

impl FaqIndex {
    /// Indexes `entries`.
    pub fn new(entries: Vec<FaqEntry>) -> Self {
        let analyzer = Analyzer::new();
        let mut postings: HashMap<String, Vec<(usize, f32)>> = HashMap::new();
        let mut doc_len = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let mut tf: HashMap<String, f32> = HashMap::new();
            let keywords = e.keywords.join(" ");
            for (text, weight) in [(&e.question, 2.0), (&keywords, 2.0), (&e.answer, 1.0)] {
                for t in analyzer.terms(text) {
                    *tf.entry(t).or_default() += weight;
                }
            }
            doc_len.push(tf.values().sum());
            for (t, f) in tf {
                postings.entry(t).or_default().push((i, f));
            }
        }
        let avg_len = if doc_len.is_empty() {
            1.0
        } else {
            (doc_len.iter().sum::<f32>() / doc_len.len() as f32).max(1.0)
        };
        Self {
            entries,
            postings,
            doc_len,
            avg_len,
            analyzer,
        }
    }

    /// The entries, in file order.
    pub fn entries(&self) -> &[FaqEntry] {
        &self.entries
    }

    /// Entries matching `query`, best first, at most `limit`, scores above zero only.
    pub fn search(&self, query: &str, limit: usize) -> Vec<FaqHit<'_>> {
        let mut terms = self.analyzer.terms(query);
        terms.sort_unstable();
        terms.dedup();
        let n = self.entries.len() as f32;
        let mut scores = vec![0f32; self.entries.len()];
        for t in &terms {
            let Some(list) = self.postings.get(t) else {
                continue;
            };
            let df = list.len() as f32;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for &(doc, tf) in list {
                let norm = K1 * (1.0 - B + B * self.doc_len[doc] / self.avg_len);
                scores[doc] += idf * tf * (K1 + 1.0) / (tf + norm);
            }
        }
        let mut hits: Vec<FaqHit<'_>> = scores
            .into_iter()
            .enumerate()
            .filter(|(_, s)| *s > 0.0)
            .map(|(i, score)| FaqHit {
                entry: &self.entries[i],
                score,
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits.truncate(limit);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(q: &str, a: &str, k: &[&str]) -> FaqEntry {
        FaqEntry {
            question: q.into(),
            answer: a.into(),
            keywords: k.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn ranks_by_meaningful_terms() {
        let idx = FaqIndex::new(vec![
            entry(
                "How do I pay my bill?",
                "Pay online or by phone.",
                &["payment"],
            ),
            entry(
                "What do I do in a power outage?",
                "Report it.",
                &["blackout"],
            ),
            entry(
                "How do I move my service?",
                "Call us two weeks before.",
                &["moving"],
            ),
        ]);
        let hits = idx.search("the power is out, there is a blackout", 3);
        assert_eq!(hits[0].entry.question, "What do I do in a power outage?");
        assert_eq!(hits.len(), 1);
        // Stemming: "paying" / "payments" reach "pay" / "payment".
        let hits = idx.search("paying payments", 3);
        assert_eq!(hits[0].entry.question, "How do I pay my bill?");
        assert!(idx.search("how do I do it", 3).is_empty());
        assert!(FaqIndex::new(Vec::new()).search("power", 3).is_empty());
    }
}
