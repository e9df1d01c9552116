//! Fuzzes the privacy engine on arbitrary text: it never panics, every span
//! falls on char boundaries with matching char offsets, no detected value
//! survives redaction, streaming with the keep operator reproduces its input
//! whatever the chunking, and a short text streamed in one push redacts
//! exactly like the one-shot call.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use voxgate_privacy::{Operator, Policy, Redactor, StreamingRedactor};

/// Below the streaming redactor's context window, one push + finish sees the
/// same text as one-shot redaction.
const ONE_SHOT_EQUAL_BYTES: usize = 160;

fn redactor() -> &'static Redactor {
    static R: OnceLock<Redactor> = OnceLock::new();
    R.get_or_init(|| Redactor::new().expect("default redactor builds"))
}

fuzz_target!(|data: &[u8]| {
    // The first bytes choose chunk boundaries; the rest is the text.
    let (cuts, body) = data.split_at(data.len().min(4));
    let text = String::from_utf8_lossy(body);
    let text: &str = &text;
    let r = redactor();

    let findings = r.detect(text);
    let mut last_end = 0;
    for f in &findings {
        assert!(f.start < f.end && f.end <= text.len(), "{f:?}");
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end), "{f:?}");
        assert!(f.start >= last_end, "overlapping findings");
        assert_eq!(f.char_start, text[..f.start].chars().count());
        assert_eq!(f.char_end, text[..f.end].chars().count());
        last_end = f.end;
    }

    let policy = Policy::default();
    let (out, _) = r.redact(text, &policy);
    for f in &findings {
        let v = &text[f.start..f.end];
        // A value that also occurs outside every finding may legitimately remain.
        let elsewhere = text
            .match_indices(v)
            .any(|(i, _)| !findings.iter().any(|g| g.start <= i && i + v.len() <= g.end));
        if v.len() >= 4 && !elsewhere {
            assert!(!out.contains(v), "{v:?} leaked into {out:?}");
        }
    }
    let _ = r.explain(text);
    let _ = r.redact_for_log(text);

    // Keep operator: the stream reproduces its input for any chunking.
    let mut s = StreamingRedactor::new(r.clone(), Policy::with_default(Operator::Keep));
    let mut kept = String::new();
    let mut at = 0;
    let mut points: Vec<usize> = cuts.iter().map(|&c| usize::from(c) * text.len() / 256).collect();
    points.sort_unstable();
    for c in points {
        let mut c = c.max(at).min(text.len());
        while !text.is_char_boundary(c) {
            c += 1;
        }
        kept += &s.push(&text[at..c]);
        at = c;
    }
    kept += &s.push(&text[at..]);
    kept += &s.finish();
    assert_eq!(kept, text);

    // Short text, one push: identical to the one-shot redaction.
    if text.len() <= ONE_SHOT_EQUAL_BYTES {
        let mut s = StreamingRedactor::new(r.clone(), policy.clone());
        let mut streamed = s.push(text);
        streamed += &s.finish();
        assert_eq!(streamed, out, "streaming differs from one-shot on {text:?}");
    }
});
