//! Quality-assurance scoring of the counsellor's conduct, each criterion with its evidence.
//!
//! Speakers are not separated, so every criterion looks for the counsellor's typical phrases
//! where they belong: greetings and an offer of help at the start, reflective and empathic
//! phrases, questions and offers, a plan or referral, hold etiquette (and long silences as
//! unannounced holds), and a closing at the end. Scores are in `0..=1`.

use serde::{Deserialize, Serialize};

use crate::text::{words, Phrase, Sentence};

/// One sentence supporting a score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The (redacted) sentence.
    pub text: String,
    /// Start in seconds.
    pub start_s: f32,
    /// End in seconds.
    pub end_s: f32,
}

/// The score of one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// Score in `0..=1`.
    pub score: f32,
    /// Sentences that support it (empty when the behaviour was not found).
    pub evidence: Vec<Evidence>,
    /// How the score was reached.
    pub note: String,
}

/// The QA scorecard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QaScore {
    /// Mean of the six criteria.
    pub overall: f32,
    /// Greeting, identification and an offer of help at the start.
    pub opening: Criterion,
    /// Empathy and reflective listening.
    pub listening: Criterion,
    /// Questions about safety and needs, offers of help.
    pub proactiveness: Criterion,
    /// A plan, referral or next step.
    pub resolution: Criterion,
    /// Holds announced and thanked; no long unexplained silence.
    pub hold: Criterion,
    /// A closing: anything else, thanks, goodbye.
    pub closing: Criterion,
}

fn phrases(list: &[&str]) -> Vec<Phrase> {
    list.iter().filter_map(|p| Phrase::parse(p)).collect()
}

struct Matcher {
    sentences: Vec<(Vec<String>, usize)>,
}

impl Matcher {
    /// Indices (from `range`) of sentences containing any of `ps`, with how many matched.
    fn find(&self, range: std::ops::Range<usize>, ps: &[Phrase]) -> Vec<(usize, usize)> {
        self.sentences[range]
            .iter()
            .filter_map(|(w, i)| {
                let n = ps.iter().filter(|p| p.count(w) > 0).count();
                (n > 0).then_some((*i, n))
            })
            .collect()
    }
}

fn evidence(sentences: &[Sentence], idx: &[usize], max: usize) -> Vec<Evidence> {
    idx.iter()
        .take(max)
        .map(|&i| Evidence {
            text: sentences[i].text.clone(),
            start_s: sentences[i].start_s,
            end_s: sentences[i].end_s,
        })
        .collect()
}

/// Scores the call. `gap_s` is the longest silence (seconds) between speech segments.
pub fn score(sentences: &[Sentence], longest_gap_s: f32) -> QaScore {
    let n = sentences.len();
    let m = Matcher {
        sentences: sentences
            .iter()
            .enumerate()
            .map(|(i, s)| (words(&s.text), i))
            .collect(),
    };
    let head = 0..n.min(4.max(n / 8));
    let tail = n.saturating_sub(4.max(n / 8))..n;

    // Opening: a greeting and an offer of help or introduction.
    let greet = phrases(&[
        "hello",
        "hi",
        "good morning",
        "good afternoon",
        "good evening",
        "welcome",
        "thank you for calling",
        "thanks for calling",
    ]);
    let offer = phrases(&[
        "how can i help",
        "how may i help",
        "how can we help",
        "my name is",
        "you are speaking",
        "youre speaking",
        "you have reached",
        "youve reached",
        "this is the",
        "helpline",
    ]);
    let g = m.find(head.clone(), &greet);
    let o = m.find(head.clone(), &offer);
    let mut idx: Vec<usize> = g.iter().chain(&o).map(|x| x.0).collect();
    idx.sort_unstable();
    idx.dedup();
    let opening = Criterion {
        score: 0.5 * f32::from(u8::from(!g.is_empty())) + 0.5 * f32::from(u8::from(!o.is_empty())),
        evidence: evidence(sentences, &idx, 2),
        note: format!(
            "greeting {}, introduction or offer of help {} in the first {} sentences",
            if g.is_empty() { "missing" } else { "found" },
            if o.is_empty() { "missing" } else { "found" },
            head.len()
        ),
    };

    let listen = phrases(&[
        "i understand",
        "i hear you",
        "i am sorry",
        "im sorry",
        "sorry to hear",
        "that sounds",
        "it sounds like",
        "that must be",
        "thank you for telling me",
        "thank you for sharing",
        "you did the right thing",
        "its not your fault",
        "it is not your fault",
        "take your time",
        "i am here",
        "im here",
        "i believe you",
    ]);
    let l = m.find(0..n, &listen);
    let li: Vec<usize> = l.iter().map(|x| x.0).collect();
    let listening = Criterion {
        score: (l.iter().map(|x| x.1).sum::<usize>() as f32 / 3.0).min(1.0),
        evidence: evidence(sentences, &li, 3),
        note: format!(
            "{} empathic or reflective phrases (3 for full marks)",
            l.iter().map(|x| x.1).sum::<usize>()
        ),
    };

    let pro = phrases(&[
        "are you safe",
        "are you hurt",
        "are you in danger",
        "would you like",
        "can i ask",
        "can you tell me",
        "do you have",
        "is there someone",
        "is there anyone",
        "have you told",
        "have you spoken",
        "where are you",
        "how old are you",
        "what happened",
        // Asking for a way to reach the caller again: the step every follow-up depends on.
        "can you give me",
        "could you give me",
        "can we reach you",
        "where we can reach you",
        "how can we contact you",
        "a number where",
        "let me",
        "i can help",
        "we can help",
        "i can connect",
        "we can connect",
    ]);
    let p = m.find(0..n, &pro);
    let pi: Vec<usize> = p.iter().map(|x| x.0).collect();
    let proactiveness = Criterion {
        score: (p.iter().map(|x| x.1).sum::<usize>() as f32 / 3.0).min(1.0),
        evidence: evidence(sentences, &pi, 3),
        note: format!(
            "{} questions or offers of help (3 for full marks)",
            p.iter().map(|x| x.1).sum::<usize>()
        ),
    };

    let res = phrases(&[
        "refer*",
        "will connect",
        "will send",
        "will call you",
        "call you back",
        "next step",
        "the plan",
        "social worker",
        "counsellor will",
        "counselor will",
        "case worker",
        "shelter",
        "police",
        "safe place",
        "follow up",
        "appointment",
        "we will",
        "i will",
    ]);
    let r = m.find(0..n, &res);
    let ri: Vec<usize> = r.iter().map(|x| x.0).collect();
    let resolution = Criterion {
        score: (r.iter().map(|x| x.1).sum::<usize>() as f32 / 2.0).min(1.0),
        evidence: evidence(sentences, &ri, 3),
        note: format!(
            "{} phrases of a plan, referral or next step (2 for full marks)",
            r.iter().map(|x| x.1).sum::<usize>()
        ),
    };

    let hold_ask = phrases(&[
        "please hold",
        "put you on hold",
        "hold on",
        "one moment",
        "bear with me",
        "just a moment",
        "hold the line",
    ]);
    let hold_thanks = phrases(&[
        "thank you for holding",
        "thanks for holding",
        "thank you for waiting",
        "thanks for waiting",
        "sorry for the wait",
        "sorry to keep you",
    ]);
    let ha = m.find(0..n, &hold_ask);
    let ht = m.find(0..n, &hold_thanks);
    let mut hi: Vec<usize> = ha.iter().chain(&ht).map(|x| x.0).collect();
    hi.sort_unstable();
    let silent_hold = longest_gap_s >= 30.0;
    let (hold_score, hold_note) = match (ha.is_empty(), ht.is_empty(), silent_hold) {
        (true, true, false) => (1.0, "no hold".to_owned()),
        (true, _, true) => (
            0.0,
            format!("silence of {longest_gap_s:.0} s without announcing a hold"),
        ),
        (false, false, _) => (1.0, "hold announced and caller thanked".to_owned()),
        (false, true, _) => (0.5, "hold announced, caller not thanked".to_owned()),
        (true, false, false) => (
            0.75,
            "caller thanked for waiting, hold not announced".to_owned(),
        ),
    };
    let hold = Criterion {
        score: hold_score,
        evidence: evidence(sentences, &hi, 2),
        note: hold_note,
    };

    let close = phrases(&[
        "anything else",
        "thank you for calling",
        "thanks for calling",
        "goodbye",
        "good bye",
        "bye",
        "take care",
        "call us again",
        "call again",
        "call back anytime",
        "call us anytime",
        "you can always call",
    ]);
    let c = m.find(tail.clone(), &close);
    let ci: Vec<usize> = c.iter().map(|x| x.0).collect();
    let hits: usize = c.iter().map(|x| x.1).sum();
    let closing = Criterion {
        score: (hits as f32 / 2.0).min(1.0),
        evidence: evidence(sentences, &ci, 2),
        note: format!(
            "{hits} closing phrases in the last {} sentences (2 for full marks)",
            tail.len()
        ),
    };

    let all = [
        &opening,
        &listening,
        &proactiveness,
        &resolution,
        &hold,
        &closing,
    ];
    let overall = all.iter().map(|c| c.score).sum::<f32>() / all.len() as f32;
    QaScore {
        overall: (overall * 100.0).round() / 100.0,
        opening,
        listening,
        proactiveness,
        resolution,
        hold,
        closing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(texts: &[&str]) -> Vec<Sentence> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Sentence {
                text: (*t).into(),
                start_s: i as f32,
                end_s: i as f32 + 1.0,
            })
            .collect()
    }

    #[test]
    fn a_good_call_scores_high_with_evidence() {
        let s = sents(&[
            "Hello, thank you for calling the helpline, my name is Sam.",
            "How can I help you today?",
            "My father hits me.",
            "I am sorry to hear that, thank you for telling me.",
            "Are you safe right now?",
            "Yes.",
            "It sounds like you are very scared.",
            "Can you tell me where you live?",
            "Please hold one moment while I check.",
            "Thank you for holding.",
            "I will refer you to a social worker who will call you back tomorrow.",
            "Is there anything else?",
            "No.",
            "Take care, goodbye.",
        ]);
        let q = score(&s, 2.0);
        assert_eq!(q.opening.score, 1.0, "{:?}", q.opening);
        assert_eq!(q.opening.evidence[0].start_s, 0.0);
        assert_eq!(q.listening.score, 1.0, "{:?}", q.listening);
        assert!(q.proactiveness.score >= 2.0 / 3.0, "{:?}", q.proactiveness);
        assert_eq!(q.resolution.score, 1.0);
        assert!(q.resolution.evidence[0].text.contains("social worker"));
        assert_eq!(q.hold.score, 1.0);
        assert_eq!(q.hold.evidence.len(), 2);
        assert_eq!(q.closing.score, 1.0);
        assert!(q.overall > 0.9, "{q:?}");
    }

    #[test]
    fn asking_how_to_reach_the_caller_is_proactive() {
        let s = sents(&[
            "Hello, this is the helpline.",
            "My father hits me.",
            "Can you give me a phone number where we can reach you?",
            "Yes.",
            "Is there a number where a social worker can call you?",
        ]);
        let q = score(&s, 1.0);
        // "can you give me" and "where we can reach you", then "a number where".
        assert_eq!(q.proactiveness.score, 1.0, "{:?}", q.proactiveness);
        assert_eq!(q.proactiveness.evidence.len(), 2);
        assert!(q.proactiveness.evidence[0]
            .text
            .starts_with("Can you give me"));
        // The caller giving the number is not a question of the counsellor's.
        let s = sents(&["My phone number is on the form.", "Okay."]);
        assert_eq!(score(&s, 1.0).proactiveness.score, 0.0);
    }

    #[test]
    fn a_poor_call_scores_low_and_silence_counts_as_a_hold() {
        let s = sents(&["What.", "My father hits me.", "Okay.", "Whatever."]);
        let q = score(&s, 45.0);
        assert_eq!(q.opening.score, 0.0);
        assert_eq!(q.listening.score, 0.0);
        assert!(q.listening.evidence.is_empty());
        assert_eq!(q.hold.score, 0.0);
        assert!(q.hold.note.contains("45 s"));
        assert_eq!(q.closing.score, 0.0);
        assert!(q.overall < 0.2);
        assert_eq!(score(&[], 0.0).opening.score, 0.0);
    }
}
