//! Normalization of phone numbers, account numbers and spoken digits.
//!
//! `voxgate_privacy` has a spoken-number scanner but keeps it private, so the small part the
//! knowledge search needs (digit words, "oh", "double"/"triple", teens and tens, and the digit
//! homophones Whisper writes on phone audio) lives here, with the money-amount reader the
//! reply guard checks the model's figures with ([`money_amounts`]).

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

/// Words Whisper writes for a spoken digit between two other digits ("four oh oh one seven
/// three for two"): homophones that only count as digits in such a run.
fn homophone_digit(w: &str) -> Option<u8> {
    Some(match w {
        "to" | "too" => 2,
        "for" | "fore" => 4,
        "ate" => 8,
        "won" => 1,
        _ => return None,
    })
}

fn is_digit_token(w: &str) -> bool {
    !w.is_empty() && (w.bytes().all(|b| b.is_ascii_digit()) || digit_word(w).is_some())
}

/// The digit sequences in a transcript, typed or spoken: "account four oh oh one, seven three
/// four two" and "4001-7342" both give `"40017342"`. Digits separated only by spaces, hyphens,
/// commas or full stops join into one run; any other word ends the run, except a digit
/// homophone ("to", "for", "ate", "won") between two digits, which is the digit.
pub fn digit_runs(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | ',' | '.' | '/'))
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| !t.is_empty())
        .collect();
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
    for (i, &w) in tokens.iter().enumerate() {
        if w.chars().all(|c| c.is_ascii_digit()) {
            flush_tens(&mut cur, &mut pending_tens);
            for _ in 0..repeat {
                cur.push_str(w);
            }
            repeat = 1;
            continue;
        }
        let homophone = homophone_digit(w).filter(|_| {
            !cur.is_empty()
                && pending_tens.is_none()
                && tokens.get(i + 1).is_some_and(|n| is_digit_token(n))
        });
        if let Some(d) = digit_word(w).or(homophone) {
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

/// Money amounts written in digits in `text`, in cents: `$84.20`, `84.20 dollars`,
/// `$1,250`, `84 dollars`, `USD 12.5`. A bare number is an amount only with a currency sign
/// or word next to it, or with exactly two decimals (`84.20`), which is how prices are written.
/// Dates (`2026-12-05`) and plain integers (`40017342`) are not amounts.
pub fn money_amounts(text: &str) -> Vec<u64> {
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"(?ix)
            (?P<cur>[$€£]|\busd\s?|\beur\s?)?
            (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
            (?P<after>\s?(?:dollars?|bucks|usd|euros?|pounds?|cents?)\b)?",
        )
        .ok()
    });
    static JOINED: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let joined = JOINED.get_or_init(|| {
        regex::Regex::new(r"(?i)\$?(\d+)\s?dollars?,?\s(?:and\s)?(\d{1,2})\s?cents?\b").ok()
    });
    let (Some(re), Some(joined)) = (re, joined) else {
        return Vec::new();
    };
    // "152 dollars and 75 cents" is one amount.
    let text = &*joined.replace_all(text, |c: &regex::Captures<'_>| {
        format!("${}.{:0>2}", &c[1], &c[2])
    });
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        let (Some(num), whole) = (c.name("num"), c.get(0)) else {
            continue;
        };
        let raw = num.as_str().replace(',', "");
        // Part of a date, a time or an identifier: not money.
        let before = &text[..whole.map_or(0, |m| m.start())];
        let after_all = &text[whole.map_or(text.len(), |m| m.end())..];
        if before.ends_with(['-', '/', ':']) || after_all.starts_with(['-', '/', ':']) {
            continue;
        }
        let two_decimals = raw.split_once('.').is_some_and(|(_, f)| f.len() == 2);
        let after = c.name("after").map(|m| m.as_str().trim().to_lowercase());
        let is_cents = after.as_deref().is_some_and(|a| a.starts_with("cent"));
        if c.name("cur").is_none() && after.is_none() && !two_decimals {
            continue;
        }
        let Ok(value) = raw.parse::<f64>() else {
            continue;
        };
        let cents = if is_cents { value } else { value * 100.0 };
        if cents.is_finite() && (0.0..1e15).contains(&cents) {
            out.push(cents.round() as u64);
        }
    }
    out
}

/// Every number written in digits in `text` read as an amount, in cents (`84.20` -> 8420,
/// `84` -> 8400): what a money amount in a reply may be checked against.
pub fn number_values_cents(text: &str) -> Vec<u64> {
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re =
        RE.get_or_init(|| regex::Regex::new(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?").ok());
    let Some(re) = re else {
        return Vec::new();
    };
    re.find_iter(text)
        .filter_map(|m| m.as_str().replace(',', "").parse::<f64>().ok())
        .filter(|v| v.is_finite() && *v >= 0.0 && *v < 1e13)
        .map(|v| (v * 100.0).round() as u64)
        .collect()
}

/// Levenshtein distance between two short ASCII strings (digit strings, name words).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a = a.as_bytes();
    let b = b.as_bytes();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            row[j + 1] = sub.min(prev[j + 1] + 1).min(row[j] + 1);
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
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

    #[test]
    fn asr_digit_forms() {
        // Whisper on 8 kHz audio: digits with commas, homophones between digits.
        assert_eq!(
            digit_runs("account number 4, 0, 0, 1, 7, 3, 4, 2?"),
            vec!["40017342"]
        );
        assert_eq!(
            digit_runs("Four, zero, zero, one, seven, three, for two."),
            vec!["40017342"]
        );
        assert_eq!(digit_runs("4 0 0 1 7 3 4 to"), vec!["4001734",]);
        // Homophones outside a run stay words.
        assert!(digit_runs("I want to pay for it").is_empty());
        assert_eq!(digit_runs("one to two"), vec!["122"]);
        assert_eq!(digit_runs("double seven eight"), vec!["778"]);
    }

    #[test]
    fn money_in_replies() {
        assert_eq!(money_amounts("Your balance is $84.20."), vec![8420]);
        assert_eq!(
            money_amounts("You owe 84.20 dollars, due 2026-12-05."),
            vec![8420]
        );
        assert_eq!(money_amounts("It is 152 dollars and 75 cents"), vec![15275]);
        assert_eq!(money_amounts("A fee of $1,250 applies"), vec![125_000]);
        assert_eq!(money_amounts("Balance: 84.20"), vec![8420]);
        assert!(money_amounts("Account 40017342, due 2026-12-05 at 10:30.").is_empty());
        assert!(money_amounts("Call 512 555 0142 between 9 and 5.").is_empty());
        assert_eq!(
            number_values_cents("balance 84.20, due 2026-12-05"),
            vec![8420, 202_600, 1200, 500]
        );
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("40017342", "40017342"), 0);
        assert_eq!(edit_distance("40017342", "4001742"), 1);
        assert_eq!(edit_distance("40017342", "40011342"), 1);
        assert_eq!(edit_distance("", "12"), 2);
    }
}
