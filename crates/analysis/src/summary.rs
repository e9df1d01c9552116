//! Summaries: by the language model over the redacted transcript, with an extractive fallback
//! that picks the most informative sentences.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::text::{words, Phrase, Sentence, STOPWORDS};

/// A case summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The summary text (redacted).
    pub text: String,
    /// `llm` or `extractive`.
    pub method: String,
    /// Why the model's summary was not used, when it was tried and refused.
    pub fallback_reason: Option<String>,
}

/// Scores each sentence: topic words (frequent content words of the whole call) per square
/// root of length, plus a bonus per taxonomy phrase it contains.
pub fn score_sentences(sentences: &[Sentence], key_phrases: &[Phrase]) -> Vec<f32> {
    let stop: std::collections::HashSet<&str> = STOPWORDS.iter().copied().collect();
    let per: Vec<Vec<String>> = sentences.iter().map(|s| words(&s.text)).collect();
    let mut tf: HashMap<&str, f32> = HashMap::new();
    for w in per.iter().flatten() {
        if w.len() > 2 && !stop.contains(w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()) {
            *tf.entry(w.as_str()).or_default() += 1.0;
        }
    }
    per.iter()
        .map(|ws| {
            if ws.len() < 4 {
                return 0.0;
            }
            let topic: f32 = ws
                .iter()
                .filter_map(|w| tf.get(w.as_str()))
                .map(|f| f.ln_1p())
                .sum();
            let bonus: f32 = key_phrases.iter().map(|p| p.count(ws) as f32 * 2.0).sum();
            topic / (ws.len() as f32).sqrt() + bonus
        })
        .collect()
}

/// The `n` best sentences in call order, joined.
pub fn extractive(sentences: &[Sentence], key_phrases: &[Phrase], n: usize) -> String {
    let scores = score_sentences(sentences, key_phrases);
    let mut idx: Vec<usize> = (0..sentences.len()).filter(|&i| scores[i] > 0.0).collect();
    idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    idx.truncate(n);
    idx.sort_unstable();
    idx.iter()
        .map(|&i| sentences[i].text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Number of sentences an extractive summary of `total` sentences gets: 3 to 6.
pub fn extractive_len(total: usize) -> usize {
    (total / 12).clamp(3, 6)
}

/// The transcript text given to the model: the whole (redacted) call when it fits `max_chars`,
/// otherwise its best sentences in call order up to that size.
pub fn llm_input(sentences: &[Sentence], key_phrases: &[Phrase], max_chars: usize) -> String {
    let all: usize = sentences.iter().map(|s| s.text.len() + 1).sum();
    if all <= max_chars {
        return sentences
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
    }
    let scores = score_sentences(sentences, key_phrases);
    let mut idx: Vec<usize> = (0..sentences.len()).collect();
    idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let mut taken = Vec::new();
    let mut size = 0;
    for i in idx {
        let len = sentences[i].text.len() + 1;
        if size + len > max_chars {
            continue;
        }
        size += len;
        taken.push(i);
    }
    taken.sort_unstable();
    taken
        .iter()
        .map(|&i| sentences[i].text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks a model's summary; `Err` names why it is not usable.
pub fn check_llm_summary(text: &str) -> Result<String, &'static str> {
    let t = text.trim();
    let ws = words(t);
    if ws.len() < 6 {
        return Err("model summary too short");
    }
    let distinct: std::collections::HashSet<&String> = ws.iter().collect();
    if (distinct.len() as f32) < ws.len() as f32 * 0.35 {
        return Err("model summary is repetitive");
    }
    // Cut a sentence the token limit interrupted.
    let cut = match t.rfind(['.', '!', '?']) {
        Some(i) if i > t.len() / 2 => &t[..=i],
        _ => t,
    };
    Ok(cut.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(t: &str) -> Sentence {
        Sentence {
            text: t.into(),
            start_s: 0.0,
            end_s: 1.0,
        }
    }

    #[test]
    fn extractive_prefers_topic_and_key_sentences_in_order() {
        let s = [
            sent("Hello, thank you for calling."),
            sent("My stepfather hits me when he drinks."),
            sent("Okay."),
            sent("He drinks every weekend and then he hits me and my brother."),
            sent("The weather was nice."),
            sent("We will send a counsellor to your school about your stepfather."),
        ];
        let key = [Phrase::parse("hits me").unwrap()];
        let out = extractive(&s, &key, 2);
        assert_eq!(
            out,
            "My stepfather hits me when he drinks. He drinks every weekend and then he hits me and my brother."
        );
        assert_eq!(extractive_len(10), 3);
        assert_eq!(extractive_len(200), 6);
        let short = llm_input(&s, &key, 120);
        assert!(short.len() <= 120 && short.contains("hits me"), "{short}");
        assert!(llm_input(&s, &key, 10_000).starts_with("Hello, thank you"));
    }

    #[test]
    fn model_summaries_are_checked() {
        assert!(check_llm_summary("Caller.").is_err());
        assert!(check_llm_summary("the the the the the the the the the the").is_err());
        assert_eq!(
            check_llm_summary(
                "A child reported abuse by a stepfather. A counsellor will visit the scho"
            )
            .unwrap(),
            "A child reported abuse by a stepfather."
        );
    }
}
