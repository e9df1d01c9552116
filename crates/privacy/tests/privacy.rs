//! Behaviour tests of the public API: detection, operators, streaming, JSON
//! shapes, parsing, and the held-out evaluation targets.
// Test and bench code: a failed set-up should abort loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use voxgate_privacy::{
    decrypt, eval, parse_entity_list, parse_operator_spec, to_presidio_json,
    CustomRecognizerConfig, EntityType, Operator, Policy, Redactor, RedactorBuilder, Rejection,
    StreamingRedactor, Validator,
};

fn r() -> Redactor {
    RedactorBuilder::new().build().unwrap()
}

fn types(r: &Redactor, text: &str) -> Vec<(String, String)> {
    r.detect(text)
        .into_iter()
        .map(|f| (f.entity_type.to_string(), text[f.start..f.end].to_string()))
        .collect()
}

#[test]
fn typed_and_spoken_forms_map_back_to_the_original_text() {
    let r = r();
    assert_eq!(
        types(
            &r,
            "call me back at five one two, five five five, oh one four two please"
        ),
        [(
            "PHONE_NUMBER".into(),
            "five one two, five five five, oh one four two".into()
        )]
    );
    assert_eq!(
        types(
            &r,
            "it's double five one, two three four, triple seven four"
        ),
        [(
            "PHONE_NUMBER".into(),
            "double five one, two three four, triple seven four".into()
        )]
    );
    assert_eq!(
        types(&r, "my email is john dot smith at gmail dot com thanks"),
        [(
            "EMAIL_ADDRESS".into(),
            "john dot smith at gmail dot com".into()
        )]
    );
    assert_eq!(
        types(&r, "I live at one two three main street"),
        [("STREET_ADDRESS".into(), "one two three main street".into())]
    );
    assert_eq!(
        types(&r, "write to a.b-c@mail.example.co.uk"),
        [("EMAIL_ADDRESS".into(), "a.b-c@mail.example.co.uk".into())]
    );
    assert_eq!(
        types(&r, "server one nine two dot one six eight dot oh dot one"),
        [(
            "IP_ADDRESS".into(),
            "one nine two dot one six eight dot oh dot one".into()
        )]
    );
}

#[test]
fn validators_reject_lookalikes() {
    let r = r();
    // Luhn fails.
    assert!(types(&r, "card 4111 1111 1111 1112").is_empty());
    // SSN area 666 and 9xx are never issued.
    assert!(types(&r, "social 666-12-3456").is_empty());
    assert!(types(&r, "social 912-12-3456").is_empty());
    assert_eq!(types(&r, "social 536-90-1234")[0].0, "US_SSN");
    // IBAN with a wrong check digit.
    assert!(types(&r, "IBAN GB83 WEST 1234 5698 7654 32").is_empty());
    assert_eq!(
        types(&r, "IBAN GB82 WEST 1234 5698 7654 32")[0].0,
        "IBAN_CODE"
    );
    // NANP: area codes cannot start with 0 or 1. Without a phone context such
    // digits are nothing; with one they are a (misheard) phone number, scored
    // below a valid one.
    assert!(types(&r, "it was 112-555-0142").is_empty());
    let invalid = r.detect("call 112-555-0142");
    let valid = r.detect("call 212-555-0142");
    assert_eq!(invalid.len(), 1);
    assert!(invalid[0].score < valid[0].score, "{invalid:?} {valid:?}");
    // ABA checksum.
    assert_eq!(
        types(&r, "routing number 021000021")[0].0,
        "ABA_ROUTING_NUMBER"
    );
    assert!(types(&r, "routing number 021000022")
        .iter()
        .all(|(t, _)| t != "ABA_ROUTING_NUMBER"));
}

#[test]
fn negative_context_keeps_numbers_that_are_not_pii() {
    let r = r();
    for text in [
        "the bill came to 5125550142 dollars",
        "your order number is 5125550142",
        "the meter reading was 483920 this morning",
        "ticket INC0048213 was closed",
        "it happened at 10:30 in 2024 with 3 kids",
        "request 3f2504e0-4f89-11d3-9a0c-0305e82c3301 failed",
        "I paid $1,234.56 for 12 units",
        "tracking number 9400111899223856",
    ] {
        assert!(types(&r, text).is_empty(), "{text}: {:?}", types(&r, text));
    }
}

#[test]
fn explain_says_why() {
    let r = r();
    let ex = r.explain("your order number is 5125550142 and the card 4111 1111 1111 1112");
    assert!(ex.iter().any(
        |c| matches!(&c.rejection, Some(Rejection::NegativeContext { word }) if word == "order")
    ));
    assert!(ex.iter().any(|c| matches!(
        c.rejection,
        Some(Rejection::ValidatorFailed { validator: "luhn" })
    )));
    let ex = r.explain("my phone is 512-555-0142");
    assert!(ex
        .iter()
        .any(|c| c.taken() && c.finding.entity_type == EntityType::PhoneNumber));
}

#[test]
fn person_names_use_cues_capitals_and_census_lists() {
    let r = r();
    assert_eq!(
        types(&r, "hi my name is will turner"),
        [("PERSON".into(), "will turner".into())]
    );
    assert_eq!(
        types(&r, "I spoke with Jennifer Alvarez yesterday"),
        [("PERSON".into(), "Jennifer Alvarez".into())]
    );
    assert_eq!(
        types(&r, "Dr. Okafor will see you now"),
        [("PERSON".into(), "Okafor".into())]
    );
    // Common words that are also census names stay alone without a cue.
    assert!(types(&r, "will you mark the bill paid, I hope so").is_empty());
    assert!(types(&r, "I'm calling about the Georgia Power outage").is_empty());
}

#[test]
fn operators() {
    let r = r();
    let text = "Maria Lopez, 512-555-0142, maria@example.com";
    let key = [7u8; 32];
    let policy = Policy::with_default(Operator::Remove)
        .set(EntityType::PhoneNumber, "mask:4".parse().unwrap())
        .set(EntityType::Person, Operator::Numbered)
        .set(EntityType::EmailAddress, Operator::Encrypt)
        .encryption_key(&key)
        .unwrap();
    policy.validate().unwrap();
    let (out, findings) = r.redact(text, &policy);
    assert_eq!(findings.len(), 3);
    assert!(
        out.starts_with("[PERSON_1], ***-***-0142, [EMAIL_ADDRESS:enc:"),
        "{out}"
    );
    let token = out.rsplit(", ").next().unwrap();
    assert_eq!(
        decrypt(&key, "EMAIL_ADDRESS", token).unwrap(),
        "maria@example.com"
    );
    // Authenticated: wrong key, wrong entity or a flipped byte all fail.
    assert!(decrypt(&[8u8; 32], "EMAIL_ADDRESS", token).is_err());
    assert!(decrypt(&key, "PERSON", token).is_err());
    let mut bad = token.to_string();
    let i = bad.len() - 5;
    let c = if &bad[i..i + 1] == "A" { "B" } else { "A" };
    bad.replace_range(i..i + 1, c);
    assert!(decrypt(&key, "EMAIL_ADDRESS", &bad).is_err());

    // Hash joins typed and spoken forms of the same number, and needs its key.
    assert!(Policy::with_default(Operator::Hash {
        encoding: voxgate_privacy::HashEncoding::Hex
    })
    .validate()
    .is_err());
    let hp = Policy::with_default("hash".parse().unwrap())
        .hash_key(b"0123456789abcdef")
        .unwrap();
    let (a, _) = r.redact("call 512-555-0142", &hp);
    let (b, _) = r.redact("call five one two five five five oh one four two", &hp);
    assert_eq!(a, b);
    assert!(
        a.starts_with("call [PHONE_NUMBER:") && a.len() == "call [PHONE_NUMBER:]".len() + 32,
        "{a}"
    );
}

#[test]
fn numbered_placeholders_are_stable_across_a_conversation() {
    let r = r();
    let policy = Policy::with_default(Operator::Numbered);
    let mut s = StreamingRedactor::new(r, policy);
    let mut out = s.push("this is Maria Lopez. ");
    out += &s.push("I talked to Jennifer Alvarez and then Maria Lopez again. ");
    out += &s.finish();
    assert_eq!(
        out,
        "this is [PERSON_1]. I talked to [PERSON_2] and then [PERSON_1] again. "
    );
}

#[test]
fn streaming_catches_entities_split_across_chunks() {
    let r = r();
    let chunks = [
        "my number is five one two ",
        "five five five ",
        "oh one four two and my email is jo",
        "hn dot smith at gma",
        "il dot com. thanks!",
    ];
    let mut s = StreamingRedactor::new(r.clone(), Policy::default());
    let mut out = String::new();
    for c in chunks {
        out += &s.push(c);
    }
    out += &s.finish();
    assert_eq!(
        out,
        "my number is [PHONE_NUMBER] and my email is [EMAIL_ADDRESS]. thanks!"
    );
    // Text without PII is emitted at once, not held.
    let mut s = StreamingRedactor::new(r, Policy::default());
    assert_eq!(
        s.push("okay thanks for waiting. "),
        "okay thanks for waiting. "
    );
    assert_eq!(s.held(), 0);
}

#[test]
fn presidio_json_uses_char_offsets() {
    let r = r();
    let text = "Café ☕ call 512-555-0142";
    let f = r.detect(text);
    assert_eq!(f.len(), 1);
    assert_eq!(&text[f[0].start..f[0].end], "512-555-0142");
    let json: serde_json::Value = serde_json::from_str(&to_presidio_json(&f)).unwrap();
    assert_eq!(json[0]["entity_type"], "PHONE_NUMBER");
    assert_eq!(json[0]["start"], 12);
    assert_eq!(json[0]["end"], 24);
    assert!(json[0]["score"].as_f64().unwrap() > 0.5);
    let ours = serde_json::to_value(&f[0]).unwrap();
    assert_eq!(ours["start"], 15);
    assert_eq!(ours["char_start"], 12);
    assert!(ours.get("key").is_none());
}

#[test]
fn parsing_entities_and_operator_specs() {
    let customs = vec![std::sync::Arc::from("MEMBER_ID")];
    assert_eq!(
        parse_entity_list("phone_number, EMAIL,member_id", &customs)
            .unwrap()
            .len(),
        3
    );
    assert!(parse_entity_list("PHONE,NOPE", &customs)
        .unwrap_err()
        .to_string()
        .contains("NOPE"));
    let (e, op) = parse_operator_spec("US_SSN=mask:2", &customs).unwrap();
    assert_eq!(
        (e, op),
        (
            EntityType::UsSsn,
            Operator::Mask {
                keep_last: 2,
                mask_char: '*'
            }
        )
    );
    assert!(parse_operator_spec("US_SSN", &customs).is_err());
    assert!(parse_operator_spec("US_SSN=mask:x", &customs)
        .unwrap_err()
        .to_string()
        .contains("mask:4"));
    assert!("hash:rot13".parse::<Operator>().is_err());
    for op in [
        "mask:3",
        "replace",
        "replace:<gone>",
        "numbered",
        "hash",
        "hash:base64",
        "encrypt",
        "remove",
        "keep",
    ] {
        assert_eq!(op.parse::<Operator>().unwrap().to_string(), op);
    }
}

#[test]
fn custom_recognizers_from_configuration() {
    let cfg: CustomRecognizerConfig = serde_json::from_str(
        r#"{"name":"member","entity_type":"MEMBER_ID","pattern":"\\bM-\\d{6}\\b","context":["member"],"score":0.3}"#,
    )
    .unwrap();
    let r = RedactorBuilder::new().custom(cfg.clone()).build().unwrap();
    assert_eq!(
        types(&r, "member id M-123456"),
        [("MEMBER_ID".into(), "M-123456".into())]
    );
    // Without context the score stays under the threshold.
    assert!(types(&r, "code M-123456").is_empty());
    let luhn = CustomRecognizerConfig {
        validator: Some(Validator::Luhn),
        pattern: r"\b\d{15}\b".into(),
        score: 0.7,
        ..cfg
    };
    let r = RedactorBuilder::new()
        .custom(luhn)
        .entities([EntityType::Custom("MEMBER_ID".into())])
        .build()
        .unwrap();
    assert_eq!(types(&r, "imei 490154203237518").len(), 1);
    assert!(types(&r, "imei 490154203237519").is_empty());
    assert!(RedactorBuilder::new()
        .custom(CustomRecognizerConfig {
            name: "bad".into(),
            entity_type: "X".into(),
            pattern: "(".into(),
            context: vec![],
            validator: None,
            score: 0.5
        })
        .build()
        .is_err());
}

#[test]
fn entity_selection_and_log_redaction() {
    let r = RedactorBuilder::new()
        .entities([EntityType::EmailAddress])
        .build()
        .unwrap();
    assert_eq!(
        types(&r, "a@b.com 512-555-0142"),
        [("EMAIL_ADDRESS".into(), "a@b.com".into())]
    );
    let r = Redactor::new().unwrap();
    let clean = "request took 12 ms";
    assert!(matches!(
        r.redact_for_log(clean),
        std::borrow::Cow::Borrowed(_)
    ));
    assert_eq!(
        r.redact_for_log("login by ann@example.org"),
        "login by [EMAIL_ADDRESS]"
    );
    fn shared<T: Send + Sync + Clone>() {}
    shared::<Redactor>();
    shared::<Policy>();
}

/// The issue's accuracy targets on the held-out split (templates and values
/// never used while tuning; see eval/generate.py).
#[test]
fn held_out_eval_meets_targets() {
    let utts = eval::load(include_str!("../eval/utterances.jsonl")).unwrap();
    let rep = eval::evaluate(&r(), &utts, Some("test"));
    assert!(
        rep.utterances >= 300,
        "held-out split too small: {}",
        rep.utterances
    );
    assert_targets(&rep);
}

/// The same targets on the unseen set (eval/generate_unseen.py): helpline and
/// utility calls, ASR text without punctuation, Whisper digit lists, spelled
/// names and IBANs, many negatives said the same way.
#[test]
fn unseen_eval_meets_targets() {
    let utts = eval::load(include_str!("../eval/unseen.jsonl")).unwrap();
    let rep = eval::evaluate(&r(), &utts, Some("unseen"));
    assert!(
        rep.utterances >= 250,
        "unseen set too small: {}",
        rep.utterances
    );
    assert_targets(&rep);
}

fn assert_targets(rep: &eval::Report) {
    let table = rep.table();
    for e in [
        "US_SSN",
        "PHONE_NUMBER",
        "EMAIL_ADDRESS",
        "CREDIT_CARD",
        "IBAN_CODE",
    ] {
        let c = rep.get(e);
        assert!(c.tp > 0, "{e} missing from the eval set");
        assert!(
            c.recall() >= 0.97 && c.precision() >= 0.95,
            "{e} below target\n{table}"
        );
    }
    assert!(
        rep.spoken_recall() >= 0.90,
        "spoken forms below target\n{table}"
    );
    assert!(
        rep.get("PERSON").recall() >= 0.85,
        "PERSON below target\n{table}"
    );
    assert!(
        rep.overall().f(2.0) >= 0.90,
        "overall F2 below target\n{table}"
    );
}

/// Whisper writes a spoken phone number in many ways; every one is a single
/// phone number, and digit lists that are not phone numbers stay alone.
#[test]
fn asr_digit_lists() {
    let r = r();
    let phone = |t: &str, want: &str| {
        assert_eq!(
            types(&r, t),
            [("PHONE_NUMBER".to_string(), want.to_string())],
            "{t}"
        );
    };
    // "seven" heard as "10", "and" inside the list: no numbering plan validates it.
    phone(
        "Yes, my phone number is 6, 1, 10, and 4, 9, 2, 3, 8, 0, 1.",
        "6, 1, 10, and 4, 9, 2, 3, 8, 0, 1",
    );
    phone(
        "my phone number is six one seven, four nine two, three eight zero one",
        "six one seven, four nine two, three eight zero one",
    );
    phone(
        "reach me on 6 1 7 4 9 2 3 8 0 1 please",
        "6 1 7 4 9 2 3 8 0 1",
    );
    phone(
        "it's 6, 1, 7, 4, 9, 2, 3, 8, 0, 1",
        "6, 1, 7, 4, 9, 2, 3, 8, 0, 1",
    );
    phone("call 610-492-3801 tonight", "610-492-3801");
    phone("call (610) 492 3801 tonight", "(610) 492 3801");
    phone(
        "you can call me back on five four zero eight seven eight and eight nine three one",
        "five four zero eight seven eight and eight nine three one",
    );
    // Pauses said as words between the digit groups.
    phone(
        "my number is five one two and then five five five and then zero one four two",
        "five one two and then five five five and then zero one four two",
    );
    phone(
        "the number is 512 then 555 then 0142",
        "512 then 555 then 0142",
    );
    // A bare "number" after a possessive is a phone number; a dotted invalid one too.
    phone(
        "my mum's number is 1, 1, 7, 4, 9, 2, 3, 8, 0, 1",
        "1, 1, 7, 4, 9, 2, 3, 8, 0, 1",
    );
    phone("the callback number is 105.551.9328", "105.551.9328");
    // Units before the number describe another number.
    phone(
        "I've had this number for 12 years, it's 7 2 3 8 3 9 7 1 2 6",
        "7 2 3 8 3 9 7 1 2 6",
    );
    for neg in [
        "I paid 6, 10 and 40 dollars",
        "can someone come between 2 and 3 o'clock",
        "the meter reading today was 4, 5, 2, 1, 7, 3",
        "my order number is 5, 1, 2, 5, 5, 5, 0, 1, 4, 2",
        "the tracking number is 6, 1, 7, 4, 9, 2, 3, 8, 0, 1",
        "it happened in 2019 and again in 2021 and 2022",
        "I need 10 and 20 and 30 and 40 and 50 boxes please",
        "my kids are 4, 7 and 9",
        "my extension is 4, 5, 1, 2",
        "I was charged 20, 30 and 45 dollars on my phone bill",
        "first I paid 20 and then 30 and then 45 dollars",
    ] {
        assert!(types(&r, neg).is_empty(), "{neg}: {:?}", types(&r, neg));
    }
    // Two numbers in one list split where the speaker paused.
    assert_eq!(types(&r, "zip code 5, 9, 6, 1, and 5")[0].0, "ZIP_CODE");
}

#[test]
fn spelled_names_ibans_and_emails() {
    let r = r();
    let one = |t: &str, ty: &str, want: &str| {
        assert_eq!(types(&r, t), [(ty.to_string(), want.to_string())], "{t}");
    };
    one("my name is j o h n smith", "PERSON", "j o h n smith");
    one("my last name is S-M-I-T-H.", "PERSON", "S-M-I-T-H");
    one("that's s m i t h", "PERSON", "s m i t h");
    assert_eq!(
        types(&r, "it's Laquita Ayon spelled A, Y, O, N"),
        [
            ("PERSON".into(), "Laquita Ayon".into()),
            ("PERSON".into(), "A, Y, O, N".into())
        ]
    );
    one(
        "the IBAN is G B eight two W E S T one two three four five six nine eight seven six five four three two",
        "IBAN_CODE",
        "G B eight two W E S T one two three four five six nine eight seven six five four three two",
    );
    one(
        "the iban is gb 82 west 1234 5698 7654 32",
        "IBAN_CODE",
        "gb 82 west 1234 5698 7654 32",
    );
    // "o" read as the letter or as zero, whichever passes mod-97.
    one(
        "iban n l nine one a b n a oh four one seven one six four three oh o",
        "IBAN_CODE",
        "n l nine one a b n a oh four one seven one six four three oh o",
    );
    // One check digit off: mod-97 fails.
    assert!(types(
        &r,
        "G B eight three W E S T one two three four five six nine eight seven six five four three two"
    )
    .iter()
    .all(|(t, _)| t != "IBAN_CODE"));
    one(
        "my email is j o h n dot smith at gmail dot com",
        "EMAIL_ADDRESS",
        "j o h n dot smith at gmail dot com",
    );
    one(
        "email me at w digiovanni at fastmail dot org",
        "EMAIL_ADDRESS",
        "w digiovanni at fastmail dot org",
    );
    // Abbreviations and letters before digits are not names.
    for neg in [
        "see you at 5 p m",
        "the p o box is closed",
        "a b one two three four",
    ] {
        assert!(
            types(&r, neg).iter().all(|(t, _)| t != "PERSON"),
            "{neg}: {:?}",
            types(&r, neg)
        );
    }
}

/// Floors a scored eval set must keep (overall recall, F2, precision, spoken-form recall).
struct Floors {
    recall: f64,
    f2: f64,
    precision: f64,
    spoken_recall: f64,
}

/// Checks every gold span of a JSONL eval set against its text (char offsets, as Python
/// writes them), loads it, checks its size and split, and asserts the engine's floors on it.
fn assert_set_scores(
    text: &str,
    split: &str,
    min_utterances: usize,
    floors: &Floors,
) -> Vec<eval::Utterance> {
    let mut lines = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        lines += 1;
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["id"].as_str().unwrap();
        assert_eq!(v["split"], split, "{id}");
        let chars: Vec<char> = v["text"].as_str().unwrap().chars().collect();
        for e in v["entities"].as_array().unwrap() {
            let (s, t) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
            let (s, t) = (s as usize, t as usize);
            assert!(s < t && t <= chars.len(), "{id}: bad span {s}..{t}");
            let span: String = chars[s..t].iter().collect();
            assert_eq!(
                Some(span.as_str()),
                e["text"].as_str(),
                "{id}: span {s}..{t} does not match its text"
            );
        }
    }
    let utts = eval::load(text).unwrap();
    assert_eq!(utts.len(), lines);
    assert!(
        utts.len() >= min_utterances,
        "{split} set too small: {}",
        utts.len()
    );
    let rep = eval::evaluate(&r(), &utts, Some(split));
    assert_eq!(rep.utterances, utts.len());
    let table = rep.table();
    let overall = rep.overall();
    assert!(
        overall.recall() >= floors.recall,
        "{split} recall regressed\n{table}"
    );
    assert!(overall.f(2.0) >= floors.f2, "{split} F2 regressed\n{table}");
    assert!(
        overall.precision() >= floors.precision,
        "{split} precision regressed\n{table}"
    );
    assert!(
        rep.spoken_recall() >= floors.spoken_recall,
        "{split} spoken recall regressed\n{table}"
    );
    utts
}

/// Second blind set (eval/blind2.py, split "blind2"): 332 utterances written
/// without reading the engine or its tuning templates, utility, clinic, child
/// helpline and local-government calls, Whisper and raw-ASR styles, 39 % with
/// no PII. Not a target check but a regression floor. First (blind) scoring on
/// 2026-11-23: overall recall 0.838, precision 0.961, F2 0.860, spoken-form
/// recall 0.894 (93/104). Its misses were then used to fix classes of errors
/// (issue 3), so the set is no longer blind: after the fixes recall 0.986,
/// precision 0.993, F2 0.988, spoken-form recall 0.971 (101/104). Each floor
/// below is that post-fix figure minus 0.02. A later round (spoken IBANs with
/// "i ban" and bank letters, "two hundred nine" in spoken IPv4, relation cues)
/// brought it to 1.000 everywhere; the floors were left where they were.
#[test]
fn blind2_eval_is_scored() {
    let utts = assert_set_scores(
        include_str!("../eval/blind2.jsonl"),
        "blind2",
        250,
        &Floors {
            recall: 0.966,
            f2: 0.968,
            precision: 0.973,
            spoken_recall: 0.951,
        },
    );
    let negatives = utts.iter().filter(|u| u.entities.is_empty()).count();
    assert!(negatives * 10 >= utts.len() * 3, "too few negatives");
}

/// Issue 3 recall fixes (classes found by the blind2 set), checked on new
/// sentences with other names and numbers than the set's.
fn has(r: &Redactor, text: &str, entity: &str, value: &str) {
    let got = types(r, text);
    assert!(
        got.iter().any(|(e, v)| e == entity && v == value),
        "{text}: expected {entity} {value:?}, got {got:?}"
    );
}

#[test]
fn person_cues_relations_roles_and_rare_lowercase_names() {
    let r = r();
    has(
        &r,
        "the best number is 415 555 0199, ask for Cordelia",
        "PERSON",
        "Cordelia",
    );
    has(
        &r,
        "my stepdad is called rupert ashworth and he shouts",
        "PERSON",
        "rupert ashworth",
    );
    has(&r, "her new baby is named Biscuit", "PERSON", "Biscuit");
    has(
        &r,
        "My cousin Leopold said to ring you.",
        "PERSON",
        "Leopold",
    );
    has(
        &r,
        "you can reach my auntie Rosalind Penhaligon after six",
        "PERSON",
        "Rosalind Penhaligon",
    );
    has(
        &r,
        "the engineer Octavia Brennan fixed the meter",
        "PERSON",
        "Octavia Brennan",
    );
    has(
        &r,
        "case worker Sebastian Quill asked me to call",
        "PERSON",
        "Sebastian Quill",
    );
    // Lower-case ASR text: a rare first name after a naming cue, or before a census surname.
    has(
        &r,
        "hello my name is isolde harrington",
        "PERSON",
        "isolde harrington",
    );
    has(
        &r,
        "patient name cosimo whitaker d o b is on file",
        "PERSON",
        "cosimo whitaker",
    );
    has(
        &r,
        "hi this is lysander morales calling back",
        "PERSON",
        "lysander morales",
    );
    has(
        &r,
        "My teacher Mrs. Alcott told me to call.",
        "PERSON",
        "Alcott",
    );
    // A relation word is not a name; a title or relation with an ordinary word after it is nothing.
    for neg in [
        "can a nurse come out to the house tomorrow",
        "my friend went to the clinic with me",
        "is there a technician available today",
        "my brother is hurting me",
    ] {
        let p: Vec<_> = types(&r, neg)
            .into_iter()
            .filter(|(e, _)| e == "PERSON")
            .collect();
        assert!(p.is_empty(), "{neg}: {p:?}");
    }
}

#[test]
fn places_named_after_saints_are_not_persons() {
    let r = r();
    for text in [
        "they moved her to Saint Agnes in Baltimore",
        "I was at St. Joseph for two days",
        "we drove up past Mount Vernon",
        "he is stationed at Fort Benning now",
    ] {
        let p: Vec<_> = types(&r, text)
            .into_iter()
            .filter(|(e, _)| e == "PERSON")
            .collect();
        assert!(p.is_empty(), "{text}: {p:?}");
    }
}

#[test]
fn street_names_with_adjectives_and_zip_codes_after_addresses() {
    let r = r();
    has(
        &r,
        "we live at 218 Old Quarry Lane now",
        "STREET_ADDRESS",
        "218 Old Quarry Lane",
    );
    has(
        &r,
        "it's 57 New Harbor Road",
        "STREET_ADDRESS",
        "57 New Harbor Road",
    );
    has(
        &r,
        "Send it to 15 Hazel Court, Boise, 83702.",
        "ZIP_CODE",
        "83702",
    );
    has(
        &r,
        "Send it to 15 Hazel Court, 83702-1144.",
        "ZIP_CODE",
        "83702-1144",
    );
    has(
        &r,
        "ship it to twelve aspen drive boise eight three seven oh two",
        "ZIP_CODE",
        "eight three seven oh two",
    );
    has(
        &r,
        "mail it to nine cedar lane double four one two six",
        "ZIP_CODE",
        "double four one two six",
    );
    // A count after an address is not a ZIP code.
    let got = types(&r, "the house at 15 Hazel Court has 3 bedrooms");
    assert!(got.iter().all(|(e, _)| e != "ZIP_CODE"), "{got:?}");
}

#[test]
fn document_context_beats_the_phone_fallback() {
    let r = r();
    has(
        &r,
        "I need to renew my passport, the number is 318274465.",
        "US_PASSPORT",
        "318274465",
    );
    has(
        &r,
        "my passport expired the number is c three one eight two seven four four six",
        "US_PASSPORT",
        "c three one eight two seven four four six",
    );
    // A bare "the number is" with no document named is still a phone number.
    has(
        &r,
        "the number is 318 274 4651",
        "PHONE_NUMBER",
        "318 274 4651",
    );
}

#[test]
fn account_after_a_routing_number_is_a_bank_account() {
    let r = r();
    let text =
        "For direct deposit the routing number is 021000021 and the account number is 48210937765.";
    has(&r, text, "ABA_ROUTING_NUMBER", "021000021");
    has(&r, text, "US_BANK_NUMBER", "48210937765");
    // Without a bank in the conversation an account number stays an account number.
    has(
        &r,
        "my gas account number is 48210937765",
        "ACCOUNT_NUMBER",
        "48210937765",
    );
}

#[test]
fn spelled_dob_is_a_birth_date_cue() {
    let r = r();
    has(
        &r,
        "caller d o b march fourth nineteen eighty two",
        "DATE_OF_BIRTH",
        "march fourth nineteen eighty two",
    );
    has(
        &r,
        "her d.o.b. is April 9, 1991",
        "DATE_OF_BIRTH",
        "April 9, 1991",
    );
    // Without the cue a date is just a date.
    let got = types(&r, "the appointment is march fourth");
    assert!(got.iter().all(|(e, _)| e != "DATE_OF_BIRTH"), "{got:?}");
}

/// IBANs read out the way Whisper writes them: bank letters spelled inside,
/// "oh" for zero, "double"/"triple", "i ban" for the cue, and a money word
/// nearby. Every value is checked with mod-97 and the country's length.
#[test]
fn spoken_ibans_with_spelled_bank_letters() {
    let r = r();
    let iban = |text: &str, want: &str| {
        let got = types(&r, text);
        assert!(
            got.iter().any(|(e, v)| e == "IBAN_CODE" && v == want),
            "{text}: expected IBAN {want:?}, got {got:?}"
        );
        assert!(
            got.iter().all(|(e, _)| e == "IBAN_CODE"),
            "{text}: only the IBAN expected, got {got:?}"
        );
    };
    iban(
        "my i ban is d e six two three seven oh four oh oh four four oh five three two oh one three oh oh one thanks",
        "d e six two three seven oh four oh oh four four oh five three two oh one three oh oh one",
    );
    iban(
        "i ban g b zero nine b a r c two double zero three five three triple five six eight seven one two",
        "g b zero nine b a r c two double zero three five three triple five six eight seven one two",
    );
    iban(
        "the refund goes to i ban n l three zero r a b o zero three zero one two three four five six seven please",
        "n l three zero r a b o zero three zero one two three four five six seven",
    );
    iban(
        "It's I E seven zero B O F I nine zero zero zero one seven one two three four five six seven eight.",
        "I E seven zero B O F I nine zero zero zero one seven one two three four five six seven eight",
    );
    iban(
        "iban i t two nine x zero five four two eight one one one zero one zero zero zero zero zero one two three four five six seven",
        "i t two nine x zero five four two eight one one one zero one zero zero zero zero zero one two three four five six seven",
    );
    // A payment word and "bank" nearby must not hand the digits to US_BANK_NUMBER.
    iban(
        "the payment bounced my i ban is g b two nine n w b k six zero one six one three three one nine two six eight one nine i bank with natwest",
        "g b two nine n w b k six zero one six one three three one nine two six eight one nine",
    );
    // Letters and digits mixed in one token, the rest typed.
    iban(
        "IBAN GB09 b a r c 2003 5355 5687 12",
        "GB09 b a r c 2003 5355 5687 12",
    );
    // One digit misheard: mod-97 fails, and no IBAN is guessed.
    let bad = "my i ban is g b zero nine b a r c two zero zero three five three five five five six eight seven one three";
    assert!(
        types(&r, bad).iter().all(|(e, _)| e != "IBAN_CODE"),
        "{bad}: {:?}",
        types(&r, bad)
    );
    // Too short for the country (NL is 18 characters).
    let short = "iban n l three zero r a b o zero three zero one two three four five six";
    assert!(types(&r, short).iter().all(|(e, _)| e != "IBAN_CODE"));
}

#[test]
fn spoken_ipv4_with_hundreds_and_ipv6() {
    let r = r();
    for (text, want) in [
        (
            "my i p is one hundred ninety two dot one sixty eight dot one dot ten",
            "one hundred ninety two dot one sixty eight dot one dot ten",
        ),
        (
            "the router is at ten dot zero dot zero dot one",
            "ten dot zero dot zero dot one",
        ),
        (
            "the mask is two fifty five dot two fifty five dot two fifty five dot zero",
            "two fifty five dot two fifty five dot two fifty five dot zero",
        ),
        (
            "it logged me from eighty one dot two hundred three dot fourteen dot two hundred seven yesterday",
            "eighty one dot two hundred three dot fourteen dot two hundred seven",
        ),
        (
            "address one hundred one dot two hundred dot seventeen dot one hundred eight",
            "one hundred one dot two hundred dot seventeen dot one hundred eight",
        ),
    ] {
        has(&r, text, "IP_ADDRESS", want);
    }
    // IPv6 read out: digit words, spelled hex letters, "colon", "double colon".
    has(
        &r,
        "the modem shows f e eight zero double colon nine a colon three c colon one as my address",
        "IP_ADDRESS",
        "f e eight zero double colon nine a colon three c colon one",
    );
    has(
        &r,
        "my i p is two six zero seven colon f eight b zero colon four double colon two zero oh e",
        "IP_ADDRESS",
        "two six zero seven colon f eight b zero colon four double colon two zero oh e",
    );
    // A time said with "colon" is not an address.
    let time = "the meeting is at ten colon thirty";
    assert!(types(&r, time).iter().all(|(e, _)| e != "IP_ADDRESS"));
    // Over 255 in a part: not an address.
    let bad = "it was three hundred one dot two dot three dot four";
    assert!(types(&r, bad).iter().all(|(e, _)| e != "IP_ADDRESS"));
    // "eight hundred" then single digits is still a toll-free number read digit by digit.
    has(
        &r,
        "call us on eight hundred five five five zero one nine nine",
        "PHONE_NUMBER",
        "eight hundred five five five zero one nine nine",
    );
}

/// Lower-case names the lexicon does not know, after a relation noun with a
/// possessive ("my friend ...") or an honorific ("mr ..."); verbs, adverbs and
/// plurals in the same slot stay text.
#[test]
fn lowercase_names_after_relation_cues_and_honorifics() {
    let r = r();
    for (text, want) in [
        ("my friend wilhelmina said it was fine", "wilhelmina"),
        ("my teacher mr adebayo told me to ring", "adebayo"),
        (
            "her counsellor mrs. thistlewood called twice",
            "thistlewood",
        ),
        ("i stay with my auntie perpetua most weekends", "perpetua"),
        (
            "my neighbour oluwaseun okonkwo keeps the spare key",
            "oluwaseun okonkwo",
        ),
    ] {
        has(&r, text, "PERSON", want);
    }
    for neg in [
        "my friend texted me last night",
        "my brother usually shouts",
        "my son goes to the school on the hill",
        "my friend keeps asking about it",
        "is there a technician available today",
        "my teacher noticed the bruises",
    ] {
        let p: Vec<_> = types(&r, neg)
            .into_iter()
            .filter(|(e, _)| e == "PERSON")
            .collect();
        assert!(p.is_empty(), "{neg}: {p:?}");
    }
}

/// Name classes found by the blind3 set, checked on other names and sentences:
/// role nouns (applicant, guarantor, customer, contact, coach), "calling for",
/// "it's under", "X here" after a greeting, "it's X again", doctor/nurse before
/// an unknown surname, family words (mum, dad), a capitalised first word before
/// a census surname, and common-word names after a possessive relation or
/// "call me". Abbreviations, pronouns and verbs in those slots stay text.
#[test]
fn person_names_after_roles_greetings_and_possessive_relations() {
    let r = r();
    for (text, want) in [
        (
            "Applicant Radomir Okonjo, fee paid in full.",
            "Radomir Okonjo",
        ),
        (
            "Beneficiary: Ingrid Solberg, transfer pending.",
            "Ingrid Solberg",
        ),
        ("Contact: Thiago Brandt, weekdays only.", "Thiago Brandt"),
        (
            "the form was countersigned by Oyelaran Hughes yesterday",
            "Oyelaran Hughes",
        ),
        ("hello wojciech here i need a new bin", "wojciech"),
        ("it's temperance again about the boiler", "temperance"),
        ("this is nurse oyelaran from the ward", "oyelaran"),
        ("it's doctor szymanski with your results", "szymanski"),
        (
            "i'm calling for my dad kwabena he can't hear well",
            "kwabena",
        ),
        ("the water account is under tsegaye worku", "tsegaye worku"),
        ("a call for ignatius about his prescription", "ignatius"),
        ("my sister hope is staying with me", "hope"),
        ("you can call me june if that's easier", "june"),
        ("my wife may on the other line can confirm", "may"),
    ] {
        has(&r, text, "PERSON", want);
    }
    for neg in [
        "Guarantor SSN and DOB were checked.",
        "can a nurse come to the house tomorrow",
        "the doctor said to double the dose",
        "she named her dog after the street",
        "my son may be late for the appointment",
        "my landlord abroad wants the rent",
        "they moved him to Saint Anselm in the city",
    ] {
        let p: Vec<_> = types(&r, neg)
            .into_iter()
            .filter(|(e, _)| e == "PERSON")
            .collect();
        assert!(p.is_empty(), "{neg}: {p:?}");
    }
}

/// Third blind set (eval/blind3.py, split "blind3"): 348 utterances written
/// without seeing the engine. First (blind) scoring on 2026-11-23, before any
/// change inspired by it: overall recall 0.853, precision 0.973, F2 0.874,
/// spoken-form recall 0.957 (89/93); PERSON recall 0.553 was the weak class.
/// The name classes it showed were then fixed in general form (see
/// `person_names_after_roles_greetings_and_possessive_relations`), so the set
/// is no longer blind: after the fixes recall 0.964, precision 0.994, F2 0.970,
/// spoken-form recall 0.957. Each floor below is that figure minus 0.02.
#[test]
fn blind3_eval_is_scored() {
    assert_set_scores(
        include_str!("../eval/blind3.jsonl"),
        "blind3",
        300,
        &Floors {
            recall: 0.944,
            f2: 0.950,
            precision: 0.974,
            spoken_recall: 0.937,
        },
    );
}

/// Fourth blind set (eval/blind4.py, split "blind4"): 283 utterances written without seeing
/// the engine, with hesitations inside numbers, mixed typed and spoken digits, spelled names and
/// agent shorthand. First (blind) scoring on 2026-11-23: precision 0.977, recall 0.832, F2
/// 0.857, spoken-form recall 0.778 (fillers inside spoken numbers were the main miss, then names
/// outside the census lists). After general fixes (fillers as pauses, month-day-year birth
/// dates, "hundred and", shorthand cues, cues without apostrophes) it is no longer blind:
/// precision 1.000, recall 0.976, F2 0.981, spoken-form recall 0.990. Floors: minus 0.02.
#[test]
fn blind4_eval_is_scored() {
    assert_set_scores(
        include_str!("../eval/blind4.jsonl"),
        "blind4",
        250,
        &Floors {
            recall: 0.956,
            f2: 0.961,
            precision: 0.980,
            spoken_recall: 0.970,
        },
    );
}

/// Spoken addresses at country domains beyond the common ones, with "dash" and spoken digits in
/// the local part.
#[test]
fn spoken_emails_at_country_domains() {
    let r = r();
    for (text, email) in [
        (
            "you can write to oksana dash petrenko at ukr dot net or at work",
            "oksana dash petrenko at ukr dot net",
        ),
        (
            "it's ivanov dot o seven at mail dot ru and i check it daily",
            "ivanov dot o seven at mail dot ru",
        ),
        (
            "send it to wei dot zhang at qq dot cn please",
            "wei dot zhang at qq dot cn",
        ),
        (
            "my address is thabo underscore m at webmail dot co dot za",
            "thabo underscore m at webmail dot co dot za",
        ),
    ] {
        assert_eq!(
            types(&r, text),
            [("EMAIL_ADDRESS".into(), email.into())],
            "{text}"
        );
    }
    // A place name after "at" with "dot" nowhere is not an address.
    assert!(types(&r, "we met at the club in pretoria").is_empty());
}

/// Dashed dates with a two-digit year are birth dates only in a birth context.
#[test]
fn dashed_birth_dates_with_two_digit_years() {
    let r = r();
    assert_eq!(
        types(&r, "patient dob 3-27-79 allergic to penicillin"),
        [("DATE_OF_BIRTH".into(), "3-27-79".into())]
    );
    assert_eq!(
        types(&r, "she was born 11-4-03 in the county hospital"),
        [("DATE_OF_BIRTH".into(), "11-4-03".into())]
    );
    // No birth context: a part number or a score, left alone; an impossible date too.
    assert!(types(&r, "order part 3-27-79 from the catalogue").is_empty());
    assert!(types(&r, "dob 13-45-79").is_empty());
}

/// A ten-digit number after an account word is the account, unless a phone word is nearer.
#[test]
fn phone_shaped_account_numbers_follow_their_context() {
    let r = r();
    assert_eq!(
        types(
            &r,
            "the water account number is 512 664 2087 under my husband"
        ),
        [("ACCOUNT_NUMBER".into(), "512 664 2087".into())]
    );
    assert_eq!(
        types(&r, "the phone number on the account is 512 664 2087"),
        [("PHONE_NUMBER".into(), "512 664 2087".into())]
    );
    assert_eq!(
        types(
            &r,
            "account number 5126642087 and you can call me back on 617 555 0143"
        ),
        [
            ("ACCOUNT_NUMBER".into(), "5126642087".into()),
            ("PHONE_NUMBER".into(), "617 555 0143".into())
        ]
    );
    assert_eq!(
        types(&r, "can you call me at 512 664 2087"),
        [("PHONE_NUMBER".into(), "512 664 2087".into())]
    );
}

/// Nine spoken digits given "to verify" an identity are an SSN when they are a valid one.
#[test]
fn spoken_ssn_given_to_verify_identity() {
    let r = r();
    assert_eq!(
        types(
            &r,
            "sure to verify it's five three one four four seven two two zero"
        ),
        [(
            "US_SSN".into(),
            "five three one four four seven two two zero".into()
        )]
    );
    // Not a valid SSN (area 666), or not nine digits: left alone.
    assert!(types(
        &r,
        "to verify it's six six six four four seven two two zero"
    )
    .is_empty());
    assert!(types(&r, "to verify it's four four seven two").is_empty());
}

/// A title with an article before it is a role ("have the nurse call me"), not a name's title.
#[test]
fn a_role_after_an_article_is_not_a_title() {
    let r = r();
    assert!(types(&r, "please have the nurse call me this afternoon").is_empty());
    assert!(types(&r, "a doctor will see you shortly").is_empty());
    assert_eq!(
        types(&r, "I spoke to Nurse Hale this morning"),
        [("PERSON".into(), "Hale".into())]
    );
}

/// Hesitations inside a spoken number are pauses: the number is still one.
#[test]
fn fillers_inside_spoken_numbers() {
    let r = r();
    assert_eq!(
        types(
            &r,
            "you can reach me on six one seven uh two two four um nine eight three one"
        ),
        [(
            "PHONE_NUMBER".into(),
            "six one seven uh two two four um nine eight three one".into()
        )]
    );
    assert_eq!(
        types(
            &r,
            "my social is four one two hmm, uh, five five six six seven eight"
        ),
        [(
            "US_SSN".into(),
            "four one two hmm, uh, five five six six seven eight".into()
        )]
    );
    // A filler after a number that ends there does not pull the next words in.
    assert_eq!(
        types(&r, "that was order seven four uh I think"),
        Vec::<(String, String)>::new()
    );
}

/// Birth dates said as month, day and a four-digit year, and agent shorthand for banking words.
#[test]
fn spoken_month_day_year_birth_dates_and_shorthand_cues() {
    let r = r();
    assert_eq!(
        types(&r, "date of birth is four twenty nineteen seventy one"),
        [(
            "DATE_OF_BIRTH".into(),
            "four twenty nineteen seventy one".into()
        )]
    );
    assert_eq!(
        types(&r, "she was born two three twenty ten"),
        [("DATE_OF_BIRTH".into(), "two three twenty ten".into())]
    );
    // Not a date (month 14), and no birth context: left alone.
    assert!(types(&r, "date of birth fourteen twenty nineteen seventy one").is_empty());
    assert!(types(&r, "the meter read four twenty nineteen seventy one").is_empty());
    let found = types(&r, "dd form rtn 021000021 acct 4417283390 chk");
    assert!(
        found.contains(&("ABA_ROUTING_NUMBER".into(), "021000021".into())),
        "{found:?}"
    );
}

/// "hundred and" inside a spoken IPv4 octet.
#[test]
fn spoken_ipv4_with_hundred_and() {
    let r = r();
    assert_eq!(
        types(
            &r,
            "the router is at one hundred and ninety two dot one sixty eight dot two hundred and fifty one dot seven"
        ),
        [(
            "IP_ADDRESS".into(),
            "one hundred and ninety two dot one sixty eight dot two hundred and fifty one dot seven"
                .into()
        )]
    );
}

/// Apostrophes dropped by ASR or chat ("im", "its") and "Pt" in clinical notes are cues.
#[test]
fn cues_without_apostrophes_and_note_shorthand() {
    let r = r();
    assert_eq!(
        types(&r, "hi its rosalind and im calling about the leak"),
        [("PERSON".into(), "rosalind".into())]
    );
    assert_eq!(
        types(
            &r,
            "Pt Oluwaseun Hartley seen today, follow up in two weeks"
        ),
        [("PERSON".into(), "Oluwaseun Hartley".into())]
    );
    assert!(types(&r, "Pt states she feels better").is_empty());
    assert!(types(&r, "the dog wagged its tail").is_empty());
}

fn none_of(r: &Redactor, text: &str, entity: &str) {
    let got = types(r, text);
    assert!(
        got.iter().all(|(e, _)| e != entity),
        "{text}: expected no {entity}, got {got:?}"
    );
}

/// Issue 3, from the fifth to tenth blind sets: names the census lists lack
/// (the SSA and ONS baby-name registers and Faker's locales fill them in), and
/// names an English-word list tells apart from words. Checked on other names
/// than the sets'.
#[test]
fn names_beyond_the_census_lists() {
    let r = r();
    for (text, name) in [
        ("my neighbour zdenka keeps shouting at me", "zdenka"),
        ("can you ask for wirihana in the housing team", "wirihana"),
        ("could you put me through to seojin please", "seojin"),
        ("tell oksana i'm sorry about yesterday", "oksana"),
        ("stanislav hits me when mum is out", "stanislav"),
        (
            "le van tam speaking, you called about my bill",
            "le van tam",
        ),
        (
            "my keyworker amira el sayed told me to ring",
            "amira el sayed",
        ),
        (
            "Payment from customer Omar Al-Rashid received.",
            "Omar Al-Rashid",
        ),
        (
            "Client Minh Truong DOB 1990-01-02; SSN pending.",
            "Minh Truong",
        ),
        (
            "Victim: Niamh Ó Briain | Safe contact: 614-555-0182",
            "Niamh Ó Briain",
        ),
        ("Signed: K.T. Mwangi, Duty Officer.", "K.T. Mwangi"),
        ("NAME: NOWAK, PIOTR / REF: 55120", "NOWAK, PIOTR"),
        (
            "Thanks for your help.\nBronagh McGuinness",
            "Bronagh McGuinness",
        ),
        (
            "Informant Bill Tjapaltjarri saw the car.",
            "Bill Tjapaltjarri",
        ),
        ("call me back, it's declan o'donoghue", "declan o'donoghue"),
    ] {
        has(&r, text, "PERSON", name);
    }
    // Two names joined by "and", and a name said again later.
    let both = "tamsin and yevgenia from year ten keep messaging me";
    has(&r, both, "PERSON", "tamsin");
    has(&r, both, "PERSON", "yevgenia");
    let again = "my daughter zuleika hasn't been home since monday zuleika was born in march";
    let names: Vec<_> = types(&r, again)
        .into_iter()
        .filter(|(e, v)| e == "PERSON" && v == "zuleika")
        .collect();
    assert_eq!(names.len(), 2, "{again}: {names:?}");
}

/// The other side of the same rules: words, places, pets and labels stay text.
#[test]
fn words_places_pets_and_labels_are_not_names() {
    let r = r();
    for text in [
        "i'm near victoria station the flats behind the shops",
        "Luas Red Line to Tallaght, then the 49.",
        "inspections moved to Paris, Ontario depot.",
        "Hamster Milo and a budgie called Charlie in the flat.",
        "Food bank open Tue & Thu 10:00-13:00.",
        "i will tell my mum tomorrow i promise",
        "open the json files in the editor",
        "Customer: balance 1,482.33, min due 35.00",
        "this is ridiculous honestly",
        "Customer: wire to the supplier today",
        "we are at Austin 78701 for the week",
    ] {
        none_of(&r, text, "PERSON");
    }
}

/// UK and Irish ways of writing numbers, postcodes and dates.
#[test]
fn uk_numbers_postcodes_and_dates() {
    let r = r();
    has(
        &r,
        "NOK: mum, 0161 496 0123.",
        "PHONE_NUMBER",
        "0161 496 0123",
    );
    has(
        &r,
        "mob 07700900123 after six",
        "PHONE_NUMBER",
        "07700900123",
    );
    has(
        &r,
        "+44 (0)7972 142445 is my mobile",
        "PHONE_NUMBER",
        "+44 (0)7972 142445",
    );
    none_of(&r, "+44 (0)7972 142445 is my mobile", "CREDIT_CARD");
    has(&r, "postcode SW1A 1AA please", "ZIP_CODE", "SW1A 1AA");
    has(&r, "Columbus, OH 43229", "ZIP_CODE", "43229");
    has(
        &r,
        "son Kofi (DOB 27/11/15), self-harm concerns",
        "DATE_OF_BIRTH",
        "27/11/15",
    );
    has(
        &r,
        "son Arif (DOB 15-Jul-2015)",
        "DATE_OF_BIRTH",
        "15-Jul-2015",
    );
    has(
        &r,
        "Child's date of birth: 28.03.2020",
        "DATE_OF_BIRTH",
        "28.03.2020",
    );
    has(
        &r,
        "born 1/6/39, address unknown",
        "DATE_OF_BIRTH",
        "1/6/39",
    );
    has(
        &r,
        "Lives alone at Flat 8, 133 St Mary's Walk, Leeds.",
        "STREET_ADDRESS",
        "133 St Mary's Walk",
    );
    has(
        &r,
        "Address: 108A Tudor Way, Birmingham",
        "STREET_ADDRESS",
        "108A Tudor Way",
    );
    has(
        &r,
        "hosp no. 3693413 on the letter",
        "MEDICAL_RECORD_NUMBER",
        "3693413",
    );
    // An NHS number identifies a patient: a record number, checked by its mod-11 digit.
    has(
        &r,
        "NHS no. 943 476 5919, pt seen today",
        "MEDICAL_RECORD_NUMBER",
        "943 476 5919",
    );
    has(
        &r,
        "her n h s number is nine four three four seven six five nine one nine",
        "MEDICAL_RECORD_NUMBER",
        "nine four three four seven six five nine one nine",
    );
    has(
        &r,
        "Move-in: 21 Church Way, AB7 5NZ.",
        "ZIP_CODE",
        "AB7 5NZ",
    );
    has(
        &r,
        "and the postcode is b one one four r a thanks",
        "ZIP_CODE",
        "b one one four r a",
    );
    has(
        &r,
        "my postal code is v six b one a one",
        "ZIP_CODE",
        "v six b one a one",
    );
    has(&r, "DOB 29.10.55, MRN pending", "DATE_OF_BIRTH", "29.10.55");
    has(
        &r,
        "date of birth four seventeen eighty eight",
        "DATE_OF_BIRTH",
        "four seventeen eighty eight",
    );
    has(
        &r,
        "my m r n is zero nine four two eight five two three",
        "MEDICAL_RECORD_NUMBER",
        "zero nine four two eight five two three",
    );
}

/// Digits a recogniser writes as other words, only inside a digit string.
#[test]
fn homophone_digits_inside_spoken_numbers() {
    let r = r();
    let card = "four seven ate nine, nine two oh four, one five oh nine, four one five eight";
    has(&r, &format!("my card is {card}"), "CREDIT_CARD", card);
    // "to" before a number is a preposition: the phone keeps ten digits.
    has(
        &r,
        "send it to five five five two one two three four five six",
        "PHONE_NUMBER",
        "five five five two one two three four five six",
    );
    // "... four four for the claim": a preposition after a number.
    has(
        &r,
        "my social is three four seven dash three one dash oh nine three four for the claim",
        "US_SSN",
        "three four seven dash three one dash oh nine three four",
    );
    assert!(types(&r, "we open from nine to five").is_empty());
}

/// A value said again out of its context's reach; chat labels are no context;
/// a negative word right before a phone's shape wins.
#[test]
fn repeated_values_chat_labels_and_adjacent_negatives() {
    let r = r();
    let twice = "the routing number is oh two one oh oh oh oh two one let me read it again oh two one oh oh oh oh two one";
    let routings = types(&r, twice)
        .into_iter()
        .filter(|(e, _)| e == "ABA_ROUTING_NUMBER")
        .count();
    assert_eq!(routings, 2, "{twice}");
    none_of(
        &r,
        "Agent: Your case number is 04481273. Customer: ok thx",
        "ACCOUNT_NUMBER",
    );
    has(
        &r,
        "Agent: Can you confirm the routing number? Customer: 021000021",
        "ABA_ROUTING_NUMBER",
        "021000021",
    );
    none_of(
        &r,
        "Order 857-928-7729 shipped; tracking to follow.",
        "PHONE_NUMBER",
    );
    none_of(
        &r,
        "Customer: router firmware 1.0.4.126 is that the latest?",
        "IP_ADDRESS",
    );
}

/// The fifth to eighteenth blind sets (issue 3), each written by a helper who
/// never saw the engine, its tests or the other sets. Their first-sight F2 is
/// noted per set; their misses were then used to fix classes of errors, so
/// they are blind no longer. Floors are the post-fix figures minus 0.02.
#[test]
fn blind5_to_blind22_evals_are_scored() {
    for (text, split, floors) in [
        // blind5: first sight 0.771 (0.759 for the engine at the session's start; PERSON recall 0.517); it counts NHS numbers as no entity, the engine as a medical record number.
        (
            include_str!("../eval/blind5.jsonl"),
            "blind5",
            Floors {
                recall: 0.963,
                f2: 0.965,
                precision: 0.973,
                spoken_recall: 0.938,
            },
        ),
        // blind6: first sight 0.882.
        (
            include_str!("../eval/blind6.jsonl"),
            "blind6",
            Floors {
                recall: 0.926,
                f2: 0.934,
                precision: 0.970,
                spoken_recall: 0.902,
            },
        ),
        // blind7: first sight 0.892; it counts Canadian postal codes as no entity, the engine as ZIP codes.
        (
            include_str!("../eval/blind7.jsonl"),
            "blind7",
            Floors {
                recall: 0.965,
                f2: 0.956,
                precision: 0.923,
                spoken_recall: 0.956,
            },
        ),
        // blind8: first sight 0.912; it leaves UK postcodes unlabelled, the engine reports them as ZIP codes.
        (
            include_str!("../eval/blind8.jsonl"),
            "blind8",
            Floors {
                recall: 0.972,
                f2: 0.966,
                precision: 0.940,
                spoken_recall: 0.980,
            },
        ),
        // blind9: first sight 0.892.
        (
            include_str!("../eval/blind9.jsonl"),
            "blind9",
            Floors {
                recall: 0.904,
                f2: 0.913,
                precision: 0.949,
                spoken_recall: 0.872,
            },
        ),
        // blind10: first sight 0.881.
        (
            include_str!("../eval/blind10.jsonl"),
            "blind10",
            Floors {
                recall: 0.921,
                f2: 0.929,
                precision: 0.963,
                spoken_recall: 0.937,
            },
        ),
        // blind11: first sight 0.963.
        (
            include_str!("../eval/blind11.jsonl"),
            "blind11",
            Floors {
                recall: 0.966,
                f2: 0.969,
                precision: 0.980,
                spoken_recall: 0.969,
            },
        ),
        // blind12: first sight 0.948.
        (
            include_str!("../eval/blind12.jsonl"),
            "blind12",
            Floors {
                recall: 0.965,
                f2: 0.967,
                precision: 0.975,
                spoken_recall: 0.957,
            },
        ),
        // blind13: first sight 0.973, every issue 3 target met.
        (
            include_str!("../eval/blind13.jsonl"),
            "blind13",
            Floors {
                recall: 0.948,
                f2: 0.953,
                precision: 0.973,
                spoken_recall: 0.946,
            },
        ),
        // blind14: first sight 0.932; phone recall 0.917.
        (
            include_str!("../eval/blind14.jsonl"),
            "blind14",
            Floors {
                recall: 0.947,
                f2: 0.952,
                precision: 0.975,
                spoken_recall: 0.944,
            },
        ),
        // blind15: first sight 0.946 (e-mail recall 0.733, spoken recall 0.881).
        (
            include_str!("../eval/blind15.jsonl"),
            "blind15",
            Floors {
                recall: 0.974,
                f2: 0.975,
                precision: 0.980,
                spoken_recall: 0.965,
            },
        ),
        // blind17: first sight 0.954, every issue 3 target met (PERSON recall 0.862).
        (
            include_str!("../eval/blind17.jsonl"),
            "blind17",
            Floors {
                recall: 0.962,
                f2: 0.964,
                precision: 0.972,
                spoken_recall: 0.938,
            },
        ),
        // blind18: first sight 0.948 (e-mail recall 0.957, phone precision 0.938: ISO dates).
        (
            include_str!("../eval/blind18.jsonl"),
            "blind18",
            Floors {
                recall: 0.948,
                f2: 0.951,
                precision: 0.961,
                spoken_recall: 0.943,
            },
        ),
        // blind19: first sight 0.911 (spoken recall 0.854; e-mail recall 0.875,
        // SSN 0.636 and phone 0.915: Eircodes, read-backs, spelled ".co.nz",
        // Irish landlines, SSNs said with no cue at all).
        (
            include_str!("../eval/blind19.jsonl"),
            "blind19",
            Floors {
                recall: 0.938,
                f2: 0.946,
                precision: 0.980,
                spoken_recall: 0.922,
            },
        ),
        // blind20: first sight 0.914 (phone precision 0.909: spoken Medicare numbers).
        (
            include_str!("../eval/blind20.jsonl"),
            "blind20",
            Floors {
                recall: 0.939,
                f2: 0.943,
                precision: 0.960,
                spoken_recall: 0.950,
            },
        ),
        // blind22: first sight 0.920, written after the blind19-21 fixes (phone
        // recall 0.914 and precision 0.941, spoken recall 0.882; SSN, e-mail,
        // card, IBAN 1.000; PERSON recall 0.961).
        (
            include_str!("../eval/blind22.jsonl"),
            "blind22",
            Floors {
                recall: 0.926,
                f2: 0.930,
                precision: 0.945,
                spoken_recall: 0.905,
            },
        ),
        // blind21: first sight 0.912; written beside blind19 from the same brief.
        (
            include_str!("../eval/blind21.jsonl"),
            "blind21",
            Floors {
                recall: 0.933,
                f2: 0.942,
                precision: 0.980,
                spoken_recall: 0.914,
            },
        ),
        // blind16: first sight 0.924 (PERSON recall 0.833, spoken recall 0.810).
        (
            include_str!("../eval/blind16.jsonl"),
            "blind16",
            Floors {
                recall: 0.977,
                f2: 0.977,
                precision: 0.977,
                spoken_recall: 0.980,
            },
        ),
    ] {
        assert_set_scores(text, split, 250, &floors);
    }
}

/// From the thirteenth and fourteenth blind sets, on other values: Australian
/// and Irish numbers, Canadian postal codes, names with a particle and a
/// hyphen, a surname known only as a place, "X here", "X (stepfather)", and
/// "october the fourth".
#[test]
fn australian_irish_canadian_forms_and_more_name_shapes() {
    let r = r();
    has(
        &r,
        "Patient rang from 0412 345 678, wants a callback.",
        "PHONE_NUMBER",
        "0412 345 678",
    );
    has(
        &r,
        "Please ring customer on 086 123 4567 before 5pm.",
        "PHONE_NUMBER",
        "086 123 4567",
    );
    has(
        &r,
        "Postal code K1A 0B1 - outage check",
        "ZIP_CODE",
        "K1A 0B1",
    );
    has(
        &r,
        "Third party driver Samir Al-Masri admitted liability.",
        "PERSON",
        "Samir Al-Masri",
    );
    has(
        &r,
        "Claim handler: Natalia Lviv confirmed.",
        "PERSON",
        "Natalia Lviv",
    );
    has(
        &r,
        "priyanka here i'm after a repeat prescription",
        "PERSON",
        "priyanka",
    );
    has(
        &r,
        "Child said that Wirihana (stepfather) shouts at her.",
        "PERSON",
        "Wirihana",
    );
    has(
        &r,
        "d o b is march the ninth nineteen sixty two",
        "DATE_OF_BIRTH",
        "march the ninth nineteen sixty two",
    );
}

/// From the fifteenth and sixteenth blind sets, on other values: names children
/// and carers give without a cue, possessives, record labels, spelled
/// postcodes after an address, spelled e-mail domains, corrected phone numbers,
/// spoken slash dates and case numbers glued to a prefix.
#[test]
fn helpline_names_possessives_and_spelled_forms() {
    let r = r();
    let person = |text: &str, want: &[&str]| {
        let got: Vec<String> = types(&r, text)
            .into_iter()
            .filter(|(e, _)| e == "PERSON")
            .map(|(_, v)| v)
            .collect();
        assert_eq!(got, want, "{text}");
    };
    person(
        "me and oluwaseun went to the shops and then bartek turned up",
        &["oluwaseun", "bartek"],
    );
    person("my step dad dazza reads my messages", &["dazza"]);
    person(
        "my carer huiling is kind but the other one magdalena shouts",
        &["huiling", "magdalena"],
    );
    person(
        "tobias and henrietta keep posting about me",
        &["tobias", "henrietta"],
    );
    person("so ingrid from next door came over", &["ingrid"]);
    person("she's been going round with ebere since june", &["ebere"]);
    person("i talked to wiremu on monday", &["wiremu"]);
    person("i'm siobhan's carer and she's eighty", &["siobhan"]);
    person("we stayed at jurgen's house", &["jurgen"]);
    person("the flat is in my name tanvir rahman", &["tanvir rahman"]);
    person("Referred to Dmitri (pharmacist) for advice.", &["Dmitri"]);
    person("Hi, you're chatting with Anneliese today.", &["Anneliese"]);
    person(
        "Client (Surname, Forename): WAIRIMU, Njeri",
        &["WAIRIMU, Njeri"],
    );
    person("Pt: OKONJO, Chidi  DOB: 1988-02-14", &["OKONJO, Chidi"]);
    person(
        "It's Bogdan Wierzbicki. W-I-E-R-Z-B-I-C-K-I.",
        &["Bogdan Wierzbicki", "W-I-E-R-Z-B-I-C-K-I"],
    );
    person("on behalf of ngozi adeyemi", &["ngozi adeyemi"]);
    person(
        "Claimant: Okafor, Chinwe\nDOB: 02/03/1971",
        &["Okafor, Chinwe"],
    );
    person(
        "it's magdalena de las heras calling",
        &["magdalena de las heras"],
    );
    person("Hi, it's Anouk van der Wal.", &["Anouk van der Wal"]);
    person("the card says margaret but i go by peg", &["peg"]);
    person(
        "so dariusz from your team promised a call back",
        &["dariusz"],
    );
    person("i'm the carer for ewa kowalczyk", &["ewa kowalczyk"]);
    // Firms and states named like people, and pets, are no one.
    person(
        "I moved my pension from Charles Schwab to Edward Jones.",
        &[],
    );
    person("We relocated from South Carolina last year.", &[]);
    person("the cat's name is biscuit and she's fine", &[]);
    // Not names: words after the same cues.
    person("we went out with friends and then it turned up", &[]);
    person("me and the kids went to the park", &[]);
    person("it's in my name too", &[]);
    person("the council's office is shut", &[]);

    let one = |text: &str, entity: &str, want: &str| {
        let got = types(&r, text);
        assert!(
            got.iter().any(|(e, v)| e == entity && v == want),
            "{text}: expected {entity} {want:?}, got {got:?}"
        );
    };
    one(
        "we're at forty two station road s k four two j l and the meter",
        "ZIP_CODE",
        "s k four two j l",
    );
    one(
        "the postcode is n eleven three p z",
        "ZIP_CODE",
        "n eleven three p z",
    );
    one(
        "email me at kwamemensah at a o l dot com",
        "EMAIL_ADDRESS",
        "kwamemensah at a o l dot com",
    );
    one(
        "it's f i o n n at b t internet dot com",
        "EMAIL_ADDRESS",
        "f i o n n at b t internet dot com",
    );
    one(
        "my number is four one five three two two sorry three two three eight eight one nine",
        "PHONE_NUMBER",
        "four one five three two two sorry three two three eight eight one nine",
    );
    one(
        "date of birth is one one slash oh four slash nineteen ninety",
        "DATE_OF_BIRTH",
        "one one slash oh four slash nineteen ninety",
    );
    one(
        "she was born june the twenty second two thousand and one",
        "DATE_OF_BIRTH",
        "june the twenty second two thousand and one",
    );
    one(
        "supply address 7 Larch Terr, Leeds",
        "STREET_ADDRESS",
        "7 Larch Terr",
    );
    none_of(
        &r,
        "Dispute case DS-4417092 opened; refund due.",
        "PHONE_NUMBER",
    );
    none_of(
        &r,
        "Incident 2023-11-07 at the depot, driver tel on file.",
        "PHONE_NUMBER",
    );
    one(
        "my email is ana at g mail dot com",
        "EMAIL_ADDRESS",
        "ana at g mail dot com",
    );
    one(
        "the router page shows forty one dot two oh two dot nine dot seventy",
        "IP_ADDRESS",
        "forty one dot two oh two dot nine dot seventy",
    );
    one(
        "we're at six elm lawn now",
        "STREET_ADDRESS",
        "six elm lawn",
    );
    none_of(
        &r,
        "the bus is the number four to b s two seven",
        "ZIP_CODE",
    );
    none_of(
        &r,
        "the reading was four five six two one sorry four five six two two",
        "PHONE_NUMBER",
    );
}

/// Classes the blind19 to blind21 sets found missing, checked on other values.
#[test]
fn read_backs_eircodes_medicare_and_australian_postcodes() {
    let r = r();
    // A read-back is no meter reading, and its "back" no "call me back".
    has(
        &r,
        "okay reading that back, four one five, two two three, eight eight six one, yes?",
        "PHONE_NUMBER",
        "four one five, two two three, eight eight six one",
    );
    // A cue that opens the next value belongs to that value.
    has(
        &r,
        "so reading it back that's account six triple four one two eight oh five nine and contact number oh one four nine two six six one two",
        "ACCOUNT_NUMBER",
        "six triple four one two eight oh five nine",
    );
    // Irish and New Zealand landlines.
    has(
        &r,
        "it's uh oh nine one five six two four three eight",
        "PHONE_NUMBER",
        "oh nine one five six two four three eight",
    );
    has(&r, "Home: (09) 377 4125", "PHONE_NUMBER", "(09) 377 4125");
    none_of(
        &r,
        "we ordered on oh five two eight four four six eight one",
        "PHONE_NUMBER",
    );
    // A country code spelled out, and a surname that is also a town.
    has(
        &r,
        "it's mere dot tawhiri at x t r a dot co dot n z",
        "EMAIL_ADDRESS",
        "mere dot tawhiri at x t r a dot co dot n z",
    );
    has(
        &r,
        "my email's taras dot kharkiv two at gmail dot com",
        "EMAIL_ADDRESS",
        "taras dot kharkiv two at gmail dot com",
    );
    // Eircodes, typed after a town and spelled after "eircode" or an address.
    has(
        &r,
        "Addr: Apt 2, 14 Mill Road, Ennis, V95 R2XP",
        "ZIP_CODE",
        "V95 R2XP",
    );
    has(
        &r,
        "and the eircode is h nine one k t four e",
        "ZIP_CODE",
        "h nine one k t four e",
    );
    has(
        &r,
        "we're at twelve shop street galway h nine one x y two w",
        "ZIP_CODE",
        "h nine one x y two w",
    );
    has(
        &r,
        "my postcode is b two three oh s b and the account number's c three two three five one eight seven",
        "ACCOUNT_NUMBER",
        "c three two three five one eight seven",
    );
    // Australian Medicare numbers (check digit) beat the phone reading.
    has(
        &r,
        "Medicare 2951 34761 1, Ph 0412 555 019",
        "MEDICAL_RECORD_NUMBER",
        "2951 34761 1",
    );
    has(
        &r,
        "my medicare number is two nine five one three four seven six one one",
        "MEDICAL_RECORD_NUMBER",
        "two nine five one three four seven six one one",
    );
    // Australian postcodes after their state, in the state's range only.
    has(
        &r,
        "Supply addr: 12 Wattle Pde, Ballarat VIC 3350.",
        "ZIP_CODE",
        "3350",
    );
    has(
        &r,
        "Supply addr: 12 Wattle Pde, Ballarat VIC 3350.",
        "STREET_ADDRESS",
        "12 Wattle Pde",
    );
    none_of(
        &r,
        "Supply addr: 12 Wattle Pde, Hobart TAS 3350.",
        "ZIP_CODE",
    );
    // "last four" asked for whole is a social security number.
    has(
        &r,
        "uh the last four? oh you want all of it okay it's five two one double three eight oh four six",
        "US_SSN",
        "five two one double three eight oh four six",
    );
    none_of(&r, "the last four of the card are 4821", "US_SSN");
    // From blind22: a bracketed area code is a phone whatever the label; a
    // negative word in the sentence before says nothing; a forwarding number
    // is a phone number; a frequent flyer number is an account.
    has(
        &r,
        "Customer Ines Moreau, (438) 552-0917.",
        "PHONE_NUMBER",
        "(438) 552-0917",
    );
    has(
        &r,
        "Please close account 6120 3391 8802 at the end of the month. Forwarding number: 416 736 2210.",
        "PHONE_NUMBER",
        "416 736 2210",
    );
    has(
        &r,
        "Customer: can you add my frequent flyer number\nAgent: Sure, what's the number?\nCustomer: 512774391",
        "ACCOUNT_NUMBER",
        "512774391",
    );
    // Four-digit postcodes right after the word.
    has(
        &r,
        "it's nine acacia street in adelaide postcode five oh one two",
        "ZIP_CODE",
        "five oh one two",
    );
    has(&r, "Post code: 0632", "ZIP_CODE", "0632");
    none_of(&r, "I paid 2145 dollars in March", "ZIP_CODE");
    // A field label opening the next value is that value's: the policy
    // number is no phone number because "Phone:" follows it.
    has(
        &r,
        "Insured: Tane Rewi\nPolicy: 415 826 3391\nPhone: +64 9 377 4125",
        "ACCOUNT_NUMBER",
        "415 826 3391",
    );
    has(
        &r,
        "Member ID 5570912846. Preferred # (312) 555-0143.",
        "PHONE_NUMBER",
        "(312) 555-0143",
    );
    // A banking word after the number makes an account a bank account.
    has(
        &r,
        "Customer: my acct is 004417392 routing 021000021 thanks",
        "US_BANK_NUMBER",
        "004417392",
    );
    has(
        &r,
        "it's Moana Reti, my CRN's four one seven two two nine three eight five and I'm calling about my payment",
        "ACCOUNT_NUMBER",
        "four one seven two two nine three eight five",
    );
}

/// Name shapes and look-alikes the blind19 to blind21 sets found, on other names.
#[test]
fn record_names_naming_cues_and_place_look_alikes() {
    let r = r();
    let person = |text: &str, want: &[&str]| {
        let got: Vec<String> = types(&r, text)
            .into_iter()
            .filter(|(e, _)| e == "PERSON")
            .map(|(_, v)| v)
            .collect();
        assert_eq!(got, want, "{text}");
    };
    // A record's "SURNAME, Given" between dashes or after any label.
    person(
        "Triage — OKONKWO, Adaeze — DOB 2 March 1990",
        &["OKONKWO, Adaeze"],
    );
    person(
        "Safeguarding note – Tjapaltjarri, Kirra (DOB 3rd June 2015) – lives with nan",
        &["Tjapaltjarri, Kirra"],
    );
    person(
        "Referral: BRENNAN, Rose, 12 Quay Street",
        &["BRENNAN, Rose"],
    );
    person("Name on licence: Park, Jun.", &["Park, Jun"]);
    person(
        "first_name=Mei|last_name=Okafor|city=Leeds",
        &["Mei", "Okafor"],
    );
    // Naming cues.
    person(
        "my gran's called agnieszka and she lives alone",
        &["agnieszka"],
    );
    person("she's called oyelaran adebayo", &["oyelaran adebayo"]);
    person("is that priyanka? yeah hi", &["priyanka"]);
    person(
        "Surname's Oyelowo, O-Y-E-L-O-W-O.",
        &["Oyelowo", "O-Y-E-L-O-W-O"],
    );
    // Not names: an address's unit, a town after a street, a street's "Dr",
    // an adjective "named", a plan, a word that is also a rare given name.
    person("Yeah, it's Unit 4, 17 Banksia Rd, Cairns.", &[]);
    person("Sorry, it's Flat 9, 40 Mill Lane.", &[]);
    person("cust says old addr was 88 Elm Dr Denver, CO 80203", &[]);
    person("My son, Tevita, is the named driver on it.", &["Tevita"]);
    person("Plan: Premium Saver 60GB, Contract: 12 months", &[]);
    person("is that true?", &[]);
    person("The flight connects through Savannah, 50 minutes.", &[]);
    person("the claim's for natalia my daughter", &["natalia"]);
    person("it was harder than that my mum said", &[]);
    person("Patient: Mensah, Kofi\nDOB: 02/02/1980", &["Mensah, Kofi"]);
    person(
        "Patient: ADEBAYO, Tunde   Hosp No: K220931",
        &["ADEBAYO, Tunde"],
    );
    person("Agent: Thanks Tomasz.", &["Tomasz"]);
    person("Hi Everyone. Thanks Team.", &[]);
    person(
        "Many thanks,\nOluwadamilare Adeyemi",
        &["Oluwadamilare Adeyemi"],
    );
    person("Moved from Princess Alexandra Infirmary to the ward.", &[]);
    person("The Queens Park branch said it was fine.", &[]);
    person("Seen by the practice nurse. Rebooked for Monday.", &[]);
}
