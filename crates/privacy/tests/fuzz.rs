//! Property tests over arbitrary UTF-8 and PII-shaped text: the engine never
//! panics, spans fall on char boundaries, and redacted output never contains a
//! detected value.
// Test and bench code: a failed set-up should abort loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use voxgate_privacy::{Policy, Redactor, StreamingRedactor};

fn redactor() -> &'static Redactor {
    static R: std::sync::OnceLock<Redactor> = std::sync::OnceLock::new();
    R.get_or_init(|| Redactor::new().unwrap())
}

/// Words that drive the recognizers, mixed with arbitrary strings.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("five".to_string()),
        Just("oh".to_string()),
        Just("double".to_string()),
        Just("dot".to_string()),
        Just("at".to_string()),
        Just("gmail".to_string()),
        Just("com".to_string()),
        Just("my name is".to_string()),
        Just("Maria".to_string()),
        Just("Lopez".to_string()),
        Just("street".to_string()),
        Just("-".to_string()),
        Just("(".to_string()),
        Just("+".to_string()),
        Just("@".to_string()),
        Just("account".to_string()),
        Just("born".to_string()),
        Just("march".to_string()),
        Just("GB82".to_string()),
        Just("::".to_string()),
        Just("’".to_string()),
        Just("é".to_string()),
        Just("…".to_string()),
        // Whisper digit lists, spelled names and IBANs.
        Just("and".to_string()),
        Just(",".to_string()),
        Just("10".to_string()),
        Just("my number is".to_string()),
        Just("mum's".to_string()),
        Just("spelled".to_string()),
        Just("j o h n".to_string()),
        Just("S-M-I-T-H".to_string()),
        Just("G B".to_string()),
        Just("eight two".to_string()),
        Just("W E S T".to_string()),
        Just("eighty".to_string()),
        Just("o".to_string()),
        Just("dollars".to_string()),
        "[0-9]( ?, ?[0-9]){2,9}",
        "[a-zA-Z]([ -][a-zA-Z]){1,5}",
        "[0-9]{1,5}",
        "[a-zA-Z]{1,6}",
        "[ ,.:/-]{1,2}",
        any::<String>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.join(" "))
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let r = redactor();
    let findings = r.detect(text);
    let mut last_end = 0;
    for f in &findings {
        prop_assert!(f.start < f.end && f.end <= text.len());
        prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        prop_assert!(f.start >= last_end, "overlapping findings");
        prop_assert_eq!(f.char_start, text[..f.start].chars().count());
        prop_assert_eq!(f.char_end, text[..f.end].chars().count());
        last_end = f.end;
    }
    let (out, _) = r.redact(text, &Policy::default());
    for f in &findings {
        let v = &text[f.start..f.end];
        // A value may legitimately also occur outside every finding; only check those that do not.
        let outside = text.match_indices(v).any(|(i, _)| {
            !findings
                .iter()
                .any(|g| g.start <= i && i + v.len() <= g.end)
        });
        if v.len() >= 4 && !outside {
            prop_assert!(!out.contains(v), "{:?} leaked into {:?}", v, out);
        }
    }
    let _ = r.explain(text);
    let _ = r.redact_for_log(text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Below the streaming context window, one push and finish redact exactly
    /// like the one-shot call.
    #[test]
    fn short_stream_equals_one_shot(t in text()) {
        let mut end = t.len().min(160);
        while !t.is_char_boundary(end) { end -= 1; }
        let t = &t[..end];
        let policy = Policy::default();
        let (once, _) = redactor().redact(t, &policy);
        let mut s = StreamingRedactor::new(redactor().clone(), policy);
        let mut streamed = s.push(t);
        streamed += &s.finish();
        prop_assert_eq!(streamed, once);
    }

    #[test]
    fn engine_is_total_and_spans_are_sound(t in text()) {
        check(&t)?;
    }

    #[test]
    fn arbitrary_utf8(t in any::<String>()) {
        check(&t)?;
    }

    #[test]
    fn streaming_never_panics_and_loses_no_text(t in text(), cuts in prop::collection::vec(0usize..200, 0..8)) {
        let mut s = StreamingRedactor::new(redactor().clone(), Policy::with_default(voxgate_privacy::Operator::Keep));
        let mut out = String::new();
        let mut at = 0;
        let mut cuts = cuts;
        cuts.sort_unstable();
        for c in cuts {
            let mut c = c.min(t.len()).max(at);
            while !t.is_char_boundary(c) { c += 1; }
            out += &s.push(&t[at..c]);
            at = c;
        }
        out += &s.push(&t[at..]);
        out += &s.finish();
        // With the keep operator the stream must reproduce its input exactly.
        prop_assert_eq!(out, t);
    }
}
