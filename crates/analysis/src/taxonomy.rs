//! Case classification: a configurable taxonomy scored by weighted phrase rules, with an
//! optional language-model opinion merged in by the pipeline.

use serde::{Deserialize, Serialize};

use crate::text::{words, Phrase};
use crate::{Error, Result};

/// How urgently a case needs attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    /// Routine.
    Low,
    /// Follow up soon.
    Medium,
    /// Follow up the same day.
    High,
    /// Immediate risk to life or safety.
    Critical,
}

impl Priority {
    fn raised(self) -> Self {
        match self {
            Priority::Low => Priority::Medium,
            Priority::Medium => Priority::High,
            Priority::High | Priority::Critical => Priority::Critical,
        }
    }
}

/// One weighted phrase of a category (`*` at the end of a word matches a prefix).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The phrase, e.g. `"kill myself"` or `"abus*"`.
    pub phrase: String,
    /// Score added per occurrence (up to three occurrences count).
    #[serde(default = "default_weight")]
    pub weight: f32,
}

fn default_weight() -> f32 {
    1.0
}

/// A case category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Stable identifier (`self_harm`).
    pub id: String,
    /// Human label (`self-harm or suicide risk`).
    pub label: String,
    /// Priority of a case in this category.
    pub priority: Priority,
    /// Phrases that point to it.
    #[serde(default)]
    pub rules: Vec<Rule>,
}

/// A classification scheme: categories, a fallback and urgency cues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// Categories with their rules.
    pub categories: Vec<Category>,
    /// Id of the category used when no rule reaches the threshold (must be listed).
    pub fallback: String,
    /// Score a category needs to be chosen.
    #[serde(default = "default_threshold")]
    pub threshold: f32,
    /// Phrases that raise the priority one level (`"right now"`, `"in danger"`).
    #[serde(default)]
    pub urgency: Vec<String>,
}

fn default_threshold() -> f32 {
    1.0
}

fn rules(list: &[(&str, f32)]) -> Vec<Rule> {
    list.iter()
        .map(|(p, w)| Rule {
            phrase: (*p).to_owned(),
            weight: *w,
        })
        .collect()
}

impl Default for Taxonomy {
    /// The helpline taxonomy: abuse, neglect, gender-based violence, self-harm or suicide risk,
    /// information request, other.
    fn default() -> Self {
        let cat = |id: &str, label: &str, priority, r: &[(&str, f32)]| Category {
            id: id.into(),
            label: label.into(),
            priority,
            rules: rules(r),
        };
        Self {
            categories: vec![
                cat(
                    "abuse",
                    "abuse",
                    Priority::High,
                    &[
                        ("abus*", 1.0),
                        ("hit me", 1.0),
                        ("hits me", 1.0),
                        ("hitting me", 1.0),
                        ("beat me", 1.0),
                        ("beats me", 1.0),
                        ("beating me", 1.0),
                        ("hurt me", 0.8),
                        ("hurts me", 0.8),
                        ("touched me", 1.0),
                        ("touches me", 1.0),
                        ("molest*", 1.5),
                        ("rape*", 1.5),
                        ("sexual*", 0.8),
                        ("slapped", 1.0),
                        ("kicked me", 1.0),
                        ("punched", 1.0),
                        ("bruise*", 0.8),
                        ("threaten*", 0.6),
                        ("violen*", 0.6),
                        ("scared of him", 0.6),
                        ("scared of her", 0.6),
                    ],
                ),
                cat(
                    "neglect",
                    "neglect",
                    Priority::Medium,
                    &[
                        ("neglect*", 1.5),
                        ("no food", 1.0),
                        ("nothing to eat", 1.0),
                        ("hungry", 0.6),
                        ("left alone", 1.0),
                        ("left us alone", 1.0),
                        ("home alone", 1.0),
                        ("abandon*", 1.2),
                        ("no one takes care", 1.2),
                        ("nobody takes care", 1.2),
                        ("nobody looks after", 1.2),
                        ("not going to school", 0.8),
                        ("stopped going to school", 0.8),
                        ("kicked out", 0.8),
                        ("sleeping outside", 1.0),
                        ("sleep on the street", 1.0),
                    ],
                ),
                cat(
                    "gender_based_violence",
                    "gender-based violence",
                    Priority::High,
                    &[
                        ("gender based violence", 2.0),
                        ("domestic violence", 1.5),
                        ("my husband", 0.6),
                        ("my boyfriend", 0.6),
                        ("my partner", 0.5),
                        ("forced marriage", 2.0),
                        ("forced to marry", 2.0),
                        ("early marriage", 2.0),
                        ("child marriage", 2.0),
                        ("married off", 1.5),
                        ("female genital", 2.0),
                        ("fgm", 2.0),
                        ("marital rape", 2.0),
                        ("dowry", 1.0),
                    ],
                ),
                cat(
                    "self_harm",
                    "self-harm or suicide risk",
                    Priority::Critical,
                    &[
                        ("suicid*", 2.0),
                        ("kill myself", 2.0),
                        ("end my life", 2.0),
                        ("take my life", 2.0),
                        ("take my own life", 2.0),
                        ("want to die", 2.0),
                        ("wanted to die", 1.5),
                        ("dont want to live", 2.0),
                        ("no reason to live", 2.0),
                        ("better off dead", 2.0),
                        ("hurt myself", 1.5),
                        ("hurting myself", 1.5),
                        ("cut myself", 1.5),
                        ("cutting myself", 1.5),
                        ("self harm", 1.5),
                        ("overdose", 1.5),
                        ("pills", 0.5),
                    ],
                ),
                cat(
                    "information_request",
                    "information request",
                    Priority::Low,
                    &[
                        ("information", 0.6),
                        ("how do i", 0.5),
                        ("how can i", 0.5),
                        ("where can i", 0.6),
                        ("can you tell me", 0.6),
                        ("i would like to know", 0.8),
                        ("i want to know", 0.6),
                        ("opening hours", 1.0),
                        ("what services", 1.0),
                        ("question about", 0.6),
                        ("how to apply", 0.8),
                    ],
                ),
                cat("other", "other", Priority::Low, &[]),
            ],
            fallback: "other".into(),
            threshold: default_threshold(),
            urgency: [
                "tonight",
                "in danger",
                "emergency",
                "he is coming",
                "knife",
                "gun",
                "bleeding",
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
        }
    }
}

/// The score of one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryScore {
    /// Category id.
    pub id: String,
    /// Sum of weighted rule hits.
    pub score: f32,
    /// Phrases that matched (taxonomy text, never transcript text).
    pub matched: Vec<String>,
}

/// The outcome of classification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// Chosen category id.
    pub category: String,
    /// Its label.
    pub label: String,
    /// Case priority (the category's, raised by urgency cues or a critical secondary category).
    pub priority: Priority,
    /// Confidence in `0..=1`.
    pub confidence: f32,
    /// Other categories that also reached the threshold.
    pub secondary: Vec<String>,
    /// `rules`, `rules+llm` (the model agreed), `llm` (rules found nothing, the model decided).
    pub method: String,
    /// The model's answer when an LLM pass ran (a category id, or `None` if unparseable).
    pub llm_category: Option<String>,
    /// Urgency cues found.
    pub urgency_cues: Vec<String>,
    /// Scores of every category with hits, best first.
    pub scores: Vec<CategoryScore>,
}

/// A taxonomy with its phrases parsed, ready to classify.
#[derive(Debug, Clone)]
pub struct Classifier {
    taxonomy: Taxonomy,
    rules: Vec<Vec<(Phrase, f32, String)>>,
    urgency: Vec<(Phrase, String)>,
    fallback: usize,
}

impl Classifier {
    /// Checks and compiles `taxonomy`.
    ///
    /// # Errors
    /// [`Error::Config`] for an empty taxonomy, duplicate ids, an unknown fallback, a rule without
    /// words, or a negative weight.
    pub fn new(taxonomy: Taxonomy) -> Result<Self> {
        if taxonomy.categories.is_empty() {
            return Err(Error::Config("taxonomy has no category".into()));
        }
        let mut seen = std::collections::HashSet::new();
        let mut compiled = Vec::new();
        for c in &taxonomy.categories {
            if !seen.insert(c.id.as_str()) {
                return Err(Error::Config(format!("duplicate category id {:?}", c.id)));
            }
            let mut rs = Vec::new();
            for r in &c.rules {
                let p = Phrase::parse(&r.phrase).ok_or_else(|| {
                    Error::Config(format!("rule {:?} of {:?} has no word", r.phrase, c.id))
                })?;
                if !r.weight.is_finite() || r.weight < 0.0 {
                    return Err(Error::Config(format!(
                        "rule {:?} of {:?} has a bad weight",
                        r.phrase, c.id
                    )));
                }
                rs.push((p, r.weight, r.phrase.clone()));
            }
            compiled.push(rs);
        }
        let fallback = taxonomy
            .categories
            .iter()
            .position(|c| c.id == taxonomy.fallback)
            .ok_or_else(|| {
                Error::Config(format!(
                    "fallback category {:?} is not in the taxonomy",
                    taxonomy.fallback
                ))
            })?;
        let urgency = taxonomy
            .urgency
            .iter()
            .filter_map(|u| Phrase::parse(u).map(|p| (p, u.clone())))
            .collect();
        Ok(Self {
            taxonomy,
            rules: compiled,
            urgency,
            fallback,
        })
    }

    /// The taxonomy.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// Scores `text` with the rules.
    pub fn classify(&self, text: &str) -> Classification {
        let w = words(text);
        let mut scores: Vec<(usize, CategoryScore)> = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, rs)| {
                let mut score = 0.0;
                let mut matched = Vec::new();
                for (p, weight, src) in rs {
                    let n = p.count(&w);
                    if n > 0 {
                        score += weight * n.min(3) as f32;
                        matched.push(src.clone());
                    }
                }
                (
                    i,
                    CategoryScore {
                        id: self.taxonomy.categories[i].id.clone(),
                        score,
                        matched,
                    },
                )
            })
            .filter(|(_, s)| s.score > 0.0)
            .collect();
        scores.sort_by(|a, b| b.1.score.total_cmp(&a.1.score));
        let threshold = self.taxonomy.threshold;
        let above: Vec<usize> = scores
            .iter()
            .filter(|(_, s)| s.score >= threshold)
            .map(|(i, _)| *i)
            .collect();
        let urgency_cues: Vec<String> = self
            .urgency
            .iter()
            .filter(|(p, _)| p.count(&w) > 0)
            .map(|(_, s)| s.clone())
            .collect();
        let (chosen, confidence) = match above.first() {
            Some(&top) => {
                let top_score = scores[0].1.score;
                let second = scores.get(1).map_or(0.0, |s| s.1.score);
                let margin = top_score / (top_score + second);
                (top, margin * (1.0 - (-top_score / 2.0).exp()))
            }
            None => (self.fallback, 0.5),
        };
        self.finish(chosen, confidence, &above, urgency_cues, scores, "rules")
    }

    fn finish(
        &self,
        chosen: usize,
        confidence: f32,
        above: &[usize],
        urgency_cues: Vec<String>,
        scores: Vec<(usize, CategoryScore)>,
        method: &str,
    ) -> Classification {
        let cats = &self.taxonomy.categories;
        let mut priority = cats[chosen].priority;
        for &i in above {
            // A secondary critical finding (suicide risk in an abuse call) sets the priority.
            if cats[i].priority == Priority::Critical {
                priority = Priority::Critical;
            }
        }
        if !urgency_cues.is_empty() && chosen != self.fallback {
            priority = priority.raised();
        }
        Classification {
            category: cats[chosen].id.clone(),
            label: cats[chosen].label.clone(),
            priority,
            confidence: confidence.clamp(0.0, 1.0),
            secondary: above
                .iter()
                .filter(|&&i| i != chosen)
                .map(|&i| cats[i].id.clone())
                .collect(),
            method: method.into(),
            llm_category: None,
            urgency_cues,
            scores: scores.into_iter().map(|(_, s)| s).collect(),
        }
    }

    /// Finds the category a model's free-text answer names (id or label, case-insensitive).
    pub fn parse_answer(&self, answer: &str) -> Option<String> {
        let a = words(answer).join(" ");
        let mut best: Option<(usize, &Category)> = None;
        for c in &self.taxonomy.categories {
            for name in [words(&c.id).join(" "), words(&c.label).join(" ")] {
                if let Some(pos) = a.find(&name) {
                    if best.is_none_or(|(p, _)| pos < p) {
                        best = Some((pos, c));
                    }
                }
            }
        }
        best.map(|(_, c)| c.id.clone())
    }

    /// Merges a model's answer into a rule-based classification: agreement raises the
    /// confidence; when the rules found nothing the model's category is used at low confidence;
    /// otherwise the rules win and the model's answer is recorded.
    pub fn merge_llm(&self, mut c: Classification, llm_category: Option<String>) -> Classification {
        c.llm_category = llm_category.clone();
        let Some(llm) = llm_category else {
            return c;
        };
        if llm == c.category {
            c.method = "rules+llm".into();
            c.confidence = (c.confidence + (1.0 - c.confidence) * 0.5).min(1.0);
            return c;
        }
        let fallback_id = &self.taxonomy.categories[self.fallback].id;
        if &c.category == fallback_id {
            if let Some(i) = self.taxonomy.categories.iter().position(|x| x.id == llm) {
                let scores = c
                    .scores
                    .iter()
                    .cloned()
                    .map(|s| (0usize, s))
                    .collect::<Vec<_>>();
                let mut out = self.finish(i, 0.4, &[], c.urgency_cues.clone(), scores, "llm");
                out.llm_category = Some(llm);
                return out;
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classifier() -> Classifier {
        Classifier::new(Taxonomy::default()).unwrap()
    }

    #[test]
    fn default_taxonomy_classifies_typical_calls() {
        let c = classifier();
        let r = c.classify("My stepfather beats me and he hit me again yesterday, I have bruises.");
        assert_eq!(r.category, "abuse");
        assert_eq!(r.priority, Priority::High);
        assert!(r.confidence > 0.5, "{r:?}");
        assert!(r.scores[0].matched.contains(&"beats me".to_string()));

        let r = c.classify("Sometimes I want to die. I have been cutting myself.");
        assert_eq!(r.category, "self_harm");
        assert_eq!(r.priority, Priority::Critical);

        let r = c.classify("Can you tell me your opening hours and what services you offer?");
        assert_eq!(r.category, "information_request");
        assert_eq!(r.priority, Priority::Low);

        let r = c.classify("Hello, the weather is nice today.");
        assert_eq!(r.category, "other");
        assert_eq!(r.method, "rules");
        assert!(r.scores.is_empty());
    }

    #[test]
    fn secondary_critical_and_urgency_raise_priority() {
        let c = classifier();
        let r = c.classify(
            "He abused me, he beats me and hits me every night, and sometimes I want to die.",
        );
        assert_eq!(r.category, "abuse");
        assert_eq!(r.secondary, ["self_harm"]);
        assert_eq!(r.priority, Priority::Critical);
        let r = c.classify("There is no food at home and we were left alone, he is coming tonight");
        assert_eq!(r.category, "neglect");
        assert_eq!(r.priority, Priority::High, "medium raised by urgency");
        assert_eq!(r.urgency_cues, ["tonight", "he is coming"]);
    }

    #[test]
    fn llm_answers_are_parsed_and_merged() {
        let c = classifier();
        assert_eq!(
            c.parse_answer("Category: Neglect.").as_deref(),
            Some("neglect")
        );
        assert_eq!(
            c.parse_answer("This is gender-based violence").as_deref(),
            Some("gender_based_violence")
        );
        assert_eq!(c.parse_answer("I cannot tell"), None);
        let other = c.classify("nothing relevant here");
        let merged = c.merge_llm(other, Some("neglect".into()));
        assert_eq!(
            (merged.category.as_str(), merged.method.as_str()),
            ("neglect", "llm")
        );
        let abuse = c.classify("he beats me and hits me");
        let conf = abuse.confidence;
        let agreed = c.merge_llm(abuse.clone(), Some("abuse".into()));
        assert_eq!(agreed.method, "rules+llm");
        assert!(agreed.confidence > conf);
        let disagreed = c.merge_llm(abuse, Some("neglect".into()));
        assert_eq!(disagreed.category, "abuse");
        assert_eq!(disagreed.llm_category.as_deref(), Some("neglect"));
    }

    #[test]
    fn bad_taxonomies_are_refused() {
        let t = Taxonomy {
            fallback: "nope".into(),
            ..Taxonomy::default()
        };
        assert!(matches!(Classifier::new(t), Err(Error::Config(_))));
        let mut t = Taxonomy::default();
        t.categories[0].rules.push(Rule {
            phrase: "--".into(),
            weight: 1.0,
        });
        assert!(matches!(Classifier::new(t), Err(Error::Config(_))));
        let t: Taxonomy = serde_json::from_str(
            r#"{"categories":[{"id":"x","label":"X","priority":"high","rules":[{"phrase":"foo"}]}],"fallback":"x"}"#,
        )
        .unwrap();
        let c = Classifier::new(t).unwrap();
        assert_eq!(c.classify("foo").category, "x");
    }
}
