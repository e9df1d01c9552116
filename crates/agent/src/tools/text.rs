//! Normalization of phone numbers, account numbers and spoken digits.
//!
//! `voxgate_privacy` has a spoken-number scanner but keeps it private, so the small part the
//! knowledge search needs (digit words, "oh", "double"/"triple", teens and tens) lives here.

/// A phone number reduced to its comparable key: the last 10 digits (the national number of a
/// NANP number, and enough to tell numbers apart elsewhere), or all digits when there are 7 to
/// 10. `None` when it has fewer than 7 digits.
///
/// Accepts `+1 (555) 010-2030`, `555.010.2030`, `15550102030`, `tel:+15550102030`,
/// `sip:+15550102030@pbx.example:5060`.
pub fn phone_key(raw: &str) -> Option<String> {
    let mut s = raw.trim();
    for scheme in ["tel:", "sip:", "sips:"] {
        if s.len() >= scheme.len() && s[..scheme.len()].eq_ignore_ascii_case(scheme) {
            s = &s[scheme.len()..];
        }
    }
    if let Some((user, _host)) = s.split_once('@') {
        s = user;
    }
    // Parameters and extensions (`;ext=12`, ` x12`) are not part of the number.
    let s = s.split([';', 'x', 'X']).next().unwrap_or_default();
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 || digits.len() > 15 {
        return None;
    }
    Some(digits[digits.len().saturating_sub(10)..].to_owned())
}

/// An account number as compared: ASCII letters and digits only, upper-cased.
pub fn account_key(raw: &str) -> String {
    raw.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn digit_word(w: &str) -> Option<u8> {
    Some(match w {
        "zero" | "oh" | "o" | "nought" | "nil" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        _ => return None,
    })
}

fn teen_word(w: &str) -> Option<u8> {
    Some(match w {
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

fn tens_word(w: &str) -> Option<u8> {
    Some(match w {
        "twenty" => 2,
        "thirty" => 3,
        "forty" => 4,
        "fifty" => 5,
        "sixty" => 6,
        "seventy" => 7,
        "eighty" => 8,
        "ninety" => 9,
        _ => return None,
    })
}

/// The digit sequences in a transcript, typed or spoken: "account four oh oh one, seven three
/// four two" and "4001-7342" both give `"40017342"`. Digits separated only by spaces, hyphens,
/// commas or full stops join into one run; any other word ends the run.
pub fn digit_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    let mut repeat = 1usize;
    // A pending tens word ("forty") waits for a following unit ("two" -> 42).
    let mut pending_tens: Option<u8> = None;
    let flush_tens = |cur: &mut String, pending: &mut Option<u8>| {
        if let Some(t) = pending.take() {
            cur.push(char::from(b'0' + t));
            cur.push('0');
        }
    };
    let lower = text.to_lowercase();
    for token in lower.split(|c: char| c.is_whitespace() || matches!(c, '-' | ',' | '.' | '/')) {
        let w = token.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        if w.chars().all(|c| c.is_ascii_digit()) {
            flush_tens(&mut cur, &mut pending_tens);
            for _ in 0..repeat {
                cur.push_str(w);
            }
            repeat = 1;
            continue;
        }
        if let Some(d) = digit_word(w) {
            if let Some(t) = pending_tens.take() {
                if d != 0 {
                    cur.push(char::from(b'0' + t));
                    cur.push(char::from(b'0' + d));
                    continue;
                }
                cur.push(char::from(b'0' + t));
                cur.push('0');
            }
            for _ in 0..repeat {
                cur.push(char::from(b'0' + d));
            }
            repeat = 1;
            continue;
        }
        if let Some(n) = teen_word(w) {
            flush_tens(&mut cur, &mut pending_tens);
            cur.push_str(&n.to_string());
            repeat = 1;
            continue;
        }
        if let Some(t) = tens_word(w) {
            flush_tens(&mut cur, &mut pending_tens);
            pending_tens = Some(t);
            continue;
        }
        match w {
            "double" => repeat = 2,
            "triple" => repeat = 3,
            _ => {
                flush_tens(&mut cur, &mut pending_tens);
                if !cur.is_empty() {
                    runs.push(std::mem::take(&mut cur));
                }
                repeat = 1;
            }
        }
    }
    flush_tens(&mut cur, &mut pending_tens);
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_formats_share_a_key() {
        let want = Some("5550102030".to_owned());
        for raw in [
            "+1 (555) 010-2030",
            "555.010.2030",
            "15550102030",
            "+15550102030",
            "tel:+1-555-010-2030",
            "sip:+15550102030@pbx.example:5060",
            "SIP:5550102030@10.0.0.1",
            "555 010 2030 x12",
            "+1 555 010 2030;ext=9",
        ] {
            assert_eq!(phone_key(raw), want, "{raw}");
        }
        assert_eq!(phone_key("010-2030"), Some("0102030".to_owned()));
        assert_eq!(phone_key("12345"), None);
        assert_eq!(phone_key("anonymous"), None);
        assert_eq!(phone_key(""), None);
        // A different country code with the same national digits collides on purpose (last 10).
        assert_eq!(phone_key("+44 20 7946 0958"), Some("2079460958".to_owned()));
    }

    #[test]
    fn account_keys() {
        assert_eq!(account_key("ac-4001 7342"), "AC40017342");
        assert_eq!(account_key("  "), "");
    }

    #[test]
    fn spoken_and_typed_digits() {
        assert_eq!(
            digit_runs("my account is four oh oh one, seven three four two please"),
            vec!["40017342"]
        );
        assert_eq!(digit_runs("It's 4001-7342."), vec!["40017342"]);
        assert_eq!(digit_runs("double five triple oh one"), vec!["550001"]);
        assert_eq!(digit_runs("forty two twenty nineteen"), vec!["422019"]);
        assert_eq!(digit_runs("thirty oh five"), vec!["3005"]);
        assert_eq!(digit_runs("one two and three four"), vec!["12", "34"]);
        assert!(digit_runs("no numbers here").is_empty());
        assert_eq!(digit_runs("room 12, floor 3"), vec!["12", "3"]);
    }
}
