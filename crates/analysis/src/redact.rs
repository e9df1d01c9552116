//! Redaction of a timed transcript in one pass, and the entity report.
//!
//! The whole transcript is redacted as one text (so context in one segment, "my number is",
//! helps detect a number spoken in the next), with segments joined by newlines. Segments that a
//! finding straddles are merged first, so splitting the redacted text at the newlines gives the
//! redacted segments back. The redacted value of each finding is read back from the output
//! (the privacy crate does not hand out per-finding replacements).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use voxgate_privacy::{Finding, Placeholders, Policy, Redactor};

/// A timed piece of transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimedText {
    /// Start in seconds.
    pub start_s: f32,
    /// End in seconds.
    pub end_s: f32,
    /// Text.
    pub text: String,
}

/// One mention of personal data, as redacted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The redacted value (`[PERSON_1]`, `******0142`).
    pub value: String,
    /// Start of the segment it was said in, seconds.
    pub start_s: f32,
    /// Detection score.
    pub score: f32,
}

/// All findings of one entity type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityGroup {
    /// Entity type (`PHONE_NUMBER`).
    pub entity_type: String,
    /// Number of mentions.
    pub count: usize,
    /// Distinct redacted values, in order of first mention.
    pub values: Vec<String>,
    /// Every mention.
    pub mentions: Vec<Mention>,
}

/// The redacted transcript and its findings.
#[derive(Debug, Clone, PartialEq)]
pub struct Redacted {
    /// Redacted segments (merged where a finding spanned two).
    pub segments: Vec<TimedText>,
    /// Entities by type.
    pub entities: Vec<EntityGroup>,
    /// Number of findings.
    pub findings: usize,
}

/// The replacement text of each finding, read back from `out`; `None` if it cannot be done
/// unambiguously.
fn replacements(orig: &str, findings: &[Finding], out: &str) -> Option<Vec<String>> {
    let mut reps = Vec::with_capacity(findings.len());
    let mut pos = 0usize;
    let mut prev_end = 0usize;
    for (i, f) in findings.iter().enumerate() {
        let unchanged = orig.get(prev_end..f.start)?;
        if !out.get(pos..)?.starts_with(unchanged) {
            return None;
        }
        pos += unchanged.len();
        let next_start = findings.get(i + 1).map_or(orig.len(), |n| n.start);
        let after = orig.get(f.end..next_start)?;
        let rest = out.get(pos..)?;
        let len = if i + 1 == findings.len() {
            rest.len().checked_sub(after.len())?
        } else if after.is_empty() {
            // Adjacent findings: only bracketed placeholders can be told apart.
            if !rest.starts_with('[') {
                return None;
            }
            rest.find(']')? + 1
        } else {
            rest.find(after)?
        };
        reps.push(rest.get(..len)?.to_owned());
        pos += len;
        prev_end = f.end;
    }
    (out.get(pos..)? == orig.get(prev_end..)?).then_some(reps)
}

/// Redacts `segments` with `redactor` and `policy`.
pub fn redact_segments(segments: &[TimedText], redactor: &Redactor, policy: &Policy) -> Redacted {
    // Newlines are the segment separators, so none may occur inside a segment.
    let mut segs: Vec<TimedText> = segments
        .iter()
        .map(|s| TimedText {
            text: s.text.replace(['\n', '\r'], " "),
            ..s.clone()
        })
        .collect();
    if segs.is_empty() {
        return Redacted {
            segments: Vec::new(),
            entities: Vec::new(),
            findings: 0,
        };
    }
    loop {
        let joined = segs
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let findings = redactor.detect(&joined);
        // Merge the segments a finding straddles, then detect again on the new text.
        let mut bounds = Vec::with_capacity(segs.len());
        let mut at = 0usize;
        for s in &segs {
            at += s.text.len();
            bounds.push(at);
            at += 1;
        }
        let straddled: Vec<usize> = (0..bounds.len())
            .filter(|&i| {
                let b = bounds[i];
                findings.iter().any(|f| f.start < b && f.end > b)
            })
            .collect();
        if !straddled.is_empty() && segs.len() > 1 {
            for &i in straddled.iter().rev() {
                if i + 1 < segs.len() {
                    let next = segs.remove(i + 1);
                    let cur = &mut segs[i];
                    cur.text.push(' ');
                    cur.text.push_str(&next.text);
                    cur.end_s = next.end_s;
                }
            }
            continue;
        }
        let mut placeholders = Placeholders::default();
        let (out, findings) = redactor.redact_with(&joined, policy, &mut placeholders);
        let pieces: Vec<&str> = out.split('\n').collect();
        let redacted_segments: Vec<TimedText> = if pieces.len() == segs.len() {
            segs.iter()
                .zip(&pieces)
                .map(|(s, p)| TimedText {
                    text: p.trim().to_owned(),
                    ..s.clone()
                })
                .collect()
        } else {
            // A finding swallowed a separator after all: keep the text, lose the timing detail.
            vec![TimedText {
                start_s: segs.first().map_or(0.0, |s| s.start_s),
                end_s: segs.last().map_or(0.0, |s| s.end_s),
                text: out.replace('\n', " "),
            }]
        };
        let reps = replacements(&joined, &findings, &out);
        let mut groups: BTreeMap<String, EntityGroup> = BTreeMap::new();
        for (k, f) in findings.iter().enumerate() {
            let name = f.entity_type.as_str().to_owned();
            let value = reps
                .as_ref()
                .and_then(|r| r.get(k).cloned())
                .unwrap_or_else(|| format!("[{name}]"));
            let seg = bounds.iter().position(|&b| f.start <= b).unwrap_or(0);
            let g = groups.entry(name.clone()).or_insert_with(|| EntityGroup {
                entity_type: name,
                count: 0,
                values: Vec::new(),
                mentions: Vec::new(),
            });
            g.count += 1;
            if !g.values.contains(&value) {
                g.values.push(value.clone());
            }
            g.mentions.push(Mention {
                value,
                start_s: segs.get(seg).map_or(0.0, |s| s.start_s),
                score: (f.score * 100.0).round() / 100.0,
            });
        }
        let mut entities: Vec<EntityGroup> = groups.into_values().collect();
        entities.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(a.entity_type.cmp(&b.entity_type))
        });
        return Redacted {
            segments: redacted_segments,
            entities,
            findings: findings.len(),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use voxgate_privacy::{Operator, RedactorBuilder};

    fn seg(a: f32, b: f32, t: &str) -> TimedText {
        TimedText {
            start_s: a,
            end_s: b,
            text: t.into(),
        }
    }

    #[test]
    fn redacts_across_segments_and_reports_entities() {
        let redactor = RedactorBuilder::new().build().unwrap();
        let policy = Policy::with_default(Operator::Numbered);
        let segs = [
            seg(0.0, 2.0, "Hello, my name is Maria Lopez."),
            seg(
                2.0,
                5.0,
                "You can call me back at five one two five five five",
            ),
            seg(5.0, 7.0, "oh one four two. Maria Lopez again."),
            seg(7.0, 9.0, "Thank you."),
        ];
        let r = redact_segments(&segs, &redactor, &policy);
        let all: String = r.segments.iter().map(|s| s.text.as_str()).collect();
        assert!(!all.contains("Maria") && !all.contains("Lopez"), "{all}");
        assert!(!all.contains("five one two"), "{all}");
        // The phone number spanned segments 2 and 3, which were merged.
        assert_eq!(r.segments.len(), 3, "{:?}", r.segments);
        assert_eq!((r.segments[1].start_s, r.segments[1].end_s), (2.0, 7.0));
        assert_eq!(r.segments[2].text, "Thank you.");
        let person = r
            .entities
            .iter()
            .find(|e| e.entity_type == "PERSON")
            .unwrap();
        assert_eq!(person.count, 2);
        assert_eq!(
            person.values,
            ["[PERSON_1]"],
            "same person, same placeholder"
        );
        let phone = r
            .entities
            .iter()
            .find(|e| e.entity_type == "PHONE_NUMBER")
            .unwrap();
        assert_eq!(phone.values, ["[PHONE_NUMBER_1]"]);
        assert_eq!(phone.mentions[0].start_s, 2.0);
        assert_eq!(r.findings, 3);
    }

    #[test]
    fn replacement_read_back_handles_masks_and_adjacent_placeholders() {
        let redactor = RedactorBuilder::new().build().unwrap();
        let policy = Policy::with_default(Operator::Mask {
            keep_last: 4,
            mask_char: '*',
        });
        let text = "call 512-555-0142 now";
        let (out, findings) = redactor.redact(text, &policy);
        let reps = replacements(text, &findings, &out).unwrap();
        assert_eq!(reps, ["***-***-0142"]);
        assert_eq!(replacements("", &[], ""), Some(vec![]));
    }
}
