//! Things callers spell out letter by letter: names ("j o h n smith",
//! "S-M-I-T-H"), IBANs ("G B eight two W E S T one two three four ...") and
//! IPv6 addresses ("f e eight zero colon colon one").

use super::{Scan, CTX_BOOST};
use crate::entity::EntityType as E;
use crate::finding::Rejection;
use crate::lexicon::*;
use crate::scan::Kind;
use crate::validate;

/// Two-letter spellings that are abbreviations far more often than names.
const SHORT_STOP: [&str; 17] = [
    "am", "pm", "po", "us", "uk", "ok", "tv", "id", "ip", "dc", "eu", "vs", "dob", "mrn", "ssn",
    "nhs", "aka",
];

impl Scan<'_> {
    fn is_letter(&self, k: usize) -> bool {
        self.toks
            .get(k)
            .is_some_and(|x| x.is_word() && x.end - x.start == 1 && x.has(LETTER))
    }

    /// Letter tokens from `t`, joined by spaces, dashes, commas or dots:
    /// (index of the last letter, letters lower-cased).
    fn letter_seq(&self, t: usize) -> (usize, String) {
        let mut letters = String::new();
        letters.push(char::from(
            self.text.as_bytes()[self.toks[t].start].to_ascii_lowercase(),
        ));
        let mut last = t;
        loop {
            let mut j = last + 1;
            if self
                .toks
                .get(j)
                .is_some_and(|x| matches!(x.kind, Kind::Punct(b'-' | b',' | b'.')))
            {
                j += 1;
            }
            if !self.is_letter(j) {
                break;
            }
            letters.push(char::from(
                self.text.as_bytes()[self.toks[j].start].to_ascii_lowercase(),
            ));
            last = j;
        }
        (last, letters)
    }

    /// Names spelled letter by letter, after a name cue, "spelled", a name, or
    /// when the letters spell a census name.
    pub fn spelled_names(&mut self) {
        let toks = self.toks;
        // Only the tokens this pass can start from (see `Scan::marks`).
        let list = std::mem::take(&mut self.marks.letters);
        let mut resume = 0;
        for &t in &list {
            if t < resume {
                continue;
            }
            if !self.is_letter(t) || !self.is_letter(t + 1) && !self.is_letter(t + 2) {
                continue;
            }
            let (last, letters) = self.letter_seq(t);
            if letters.len() < 2 {
                continue;
            }
            // Letters before digits are an id ("a b one two three"); before "dot"/"at" an e-mail.
            let next = toks.get(last + 1);
            let code_or_mail = next.is_some_and(|x| {
                x.kind == Kind::Num
                    || x.is_punct(b'@')
                    || x.is_word()
                        && x.has(DIGIT | TEEN | TENS | MULT | AT | DOT | UNDERSCORE)
                        && x.end - x.start > 1
            });
            if code_or_mail {
                resume = last + 1;
                continue;
            }
            // The word before, skipping a comma: a cue, "spelled", or the name
            // itself ("Imran Qureshi. Q-U-R-E-S-H-I.").
            let mut p = t;
            while p > 0 && matches!(toks[p - 1].kind, Kind::Punct(b',' | b':' | b'.')) {
                p -= 1;
            }
            let prev = p
                .checked_sub(1)
                .filter(|&k| toks[k].is_word())
                .map(|k| self.lower(k));
            let spelled_cue = matches!(
                prev.as_deref(),
                Some("spelled" | "spelt" | "spell" | "spelling" | "that's" | "thats" | "it's")
            );
            let cue = self.person_cue(t);
            let after_name = p > 0 && {
                let x = toks[p - 1];
                x.is_word()
                    && x.end - x.start > 1
                    && ((x.info.first != 0 || x.info.last != 0) && !x.has(FUNCTION)
                        // "Qureshi. Q-U-R-E-S-H-I": the word just said, spelled.
                        || x.end - x.start == letters.len()
                            && letters.len() >= 4
                            && !x.has(WORD | FUNCTION)
                            && self.text.as_bytes()[x.start..x.end]
                                .eq_ignore_ascii_case(letters.as_bytes())
                            && super::name_shaped(&letters))
            };
            let listed = self.cfg.lexicon.get(letters.as_bytes()).is_some_and(|w| {
                // Letters alone ("a -m -r" in a command line) spell only a census
                // name: the registers hold too many three-letter spellings.
                (w.first != 0 && w.first < REGISTER_RANK || w.last != 0) && !w.has(FUNCTION | AMBIG)
            });
            let short = letters.len() < 3 || SHORT_STOP.contains(&letters.as_str());
            let (score, why) = match (cue, spelled_cue, after_name, listed) {
                (Some((_, true)), ..) => (0.85, "spelled after a name cue"),
                (_, true, ..) if !short => (0.8, "spelled after \"spelled\""),
                (Some(_), ..) if !short => (0.75, "spelled after a cue"),
                (_, _, true, _) if !short => (0.75, "spelled right after a name"),
                (_, _, _, true) if !short => (0.6, "letters spell a census name"),
                _ => (0.0, ""),
            };
            if score == 0.0 {
                resume = last + 1;
                continue;
            }
            // A surname said after the spelled first name: "j o h n smith".
            let mut end_t = last;
            if let Some(x) = toks.get(last + 1) {
                if x.is_word()
                    && x.end - x.start > 1
                    && !x.has(FUNCTION | STREET | MONTH | TITLE)
                    && (x.info.last != 0 || x.info.first != 0 || x.cap)
                {
                    end_t = last + 1;
                }
            }
            let (start, end) = (toks[t].start, toks[end_t].end);
            let mut key = letters;
            if end_t > last {
                key.push(' ');
                key.push_str(&self.lower(end_t));
            }
            self.scored(
                E::Person,
                (start, end),
                (t, end_t),
                score,
                0.1,
                "person",
                why.into(),
                key,
                false,
                // No word is context for a name: its score is its own.
                &super::Ctx::default(),
            );
            resume = end_t + 1;
        }
        self.marks.letters = list;
    }

    /// The IBAN country code at `t`: two spelled letters ("g b") or one
    /// two-letter token ("GB"). Returns (code, next token).
    fn iban_country(&self, t: usize) -> Option<([u8; 2], usize)> {
        let x = self.toks[t];
        if !x.is_word() {
            return None;
        }
        let b = self.text.as_bytes();
        let (code, next) = match x.end - x.start {
            1 if self.is_letter(t + 1) => ([b[x.start], b[self.toks[t + 1].start]], t + 2),
            2 if b[x.start].is_ascii_alphabetic() && b[x.start + 1].is_ascii_alphabetic() => {
                ([b[x.start], b[x.start + 1]], t + 1)
            }
            _ => return None,
        };
        // Check digits follow the country code.
        let y = self.toks.get(next)?;
        let digitish = y.kind == Kind::Num
            || y.is_word() && y.has(DIGIT | TEEN | TENS | MULT) && y.end - y.start > 1;
        digitish.then_some((
            [code[0].to_ascii_uppercase(), code[1].to_ascii_uppercase()],
            next,
        ))
    }

    /// IBANs said or written in pieces: "G B eight two W E S T one two three four ...",
    /// "gb 82 west 1234 ...". Digit words map to digits, spelled letters to letters;
    /// a lone "o" may be either, so both readings are tried against mod-97.
    pub fn spoken_ibans(&mut self) {
        let toks = self.toks;
        let n = toks.len();
        let mut s = String::new();
        let mut ohs: Vec<usize> = Vec::new();
        // A lower-case two-letter word ("is", "it", "de") starts an IBAN only near an
        // IBAN word; without one anywhere, "is five five five ..." is not even tried.
        let iban_bit = E::IbanCode.bit();
        let iban_words = toks.iter().enumerate().any(|(k, x)| {
            u32::from(x.info.ctx) & iban_bit != 0
                || k > 0
                    && x.end - x.start == 3
                    && self.lower_is(k, "ban")
                    && self.lower_is(k - 1, "i")
        });
        // Only one- and two-letter words can start a country code.
        let list = std::mem::take(&mut self.marks.short);
        let mut resume = 0;
        for &t in &list {
            if t < resume || t + 2 >= n {
                continue;
            }
            let Some((cc, mut k)) = self.iban_country(t) else {
                continue;
            };
            let weak_code = |x: &crate::scan::Tok| {
                x.end - x.start == 2 && !self.text.as_bytes()[x.start].is_ascii_uppercase()
            };
            if !iban_words && weak_code(&toks[t]) {
                continue;
            }
            let Some(want) = std::str::from_utf8(&cc)
                .ok()
                .and_then(validate::iban_length)
            else {
                continue;
            };
            s.clear();
            ohs.clear();
            s.push(char::from(cc[0]));
            s.push(char::from(cc[1]));
            let mut last = k - 1;
            while s.len() < want && k < n {
                let x = toks[k];
                let w = &self.text[x.start..x.end];
                let mut used = k;
                match x.kind {
                    Kind::Punct(b'-' | b',') if k > last && self.toks.get(k + 1).is_some() => {
                        k += 1;
                        continue;
                    }
                    Kind::Num => s.push_str(w),
                    Kind::Alnum if w.len() <= 8 => {
                        s.extend(w.chars().map(|c| c.to_ascii_uppercase()));
                    }
                    Kind::Word if x.has(MULT) => match toks.get(k + 1) {
                        Some(d) if d.is_word() && d.has(DIGIT) => {
                            for _ in 0..x.info.num {
                                s.push(char::from(b'0' + (d.info.num % 10)));
                            }
                            used = k + 1;
                        }
                        _ => break,
                    },
                    Kind::Word if x.end - x.start == 1 && x.has(LETTER) => {
                        let c = w.as_bytes()[0].to_ascii_uppercase();
                        if c == b'O' {
                            ohs.push(s.len());
                        }
                        s.push(char::from(c));
                    }
                    Kind::Word if x.has(DIGIT) => s.push(char::from(b'0' + (x.info.num % 10))),
                    Kind::Word if x.has(TEEN) => s.push_str(&x.info.num.to_string()),
                    Kind::Word if x.has(TENS) => {
                        let mut v = x.info.num;
                        if let Some(d) = toks
                            .get(k + 1)
                            .filter(|d| d.is_word() && d.has(DIGIT) && d.info.num > 0)
                        {
                            v += d.info.num;
                            used = k + 1;
                        }
                        s.push_str(&v.to_string());
                    }
                    // A bank code said as a word ("west", "barc"), never in the first four.
                    Kind::Word
                        if s.len() >= 4
                            && x.end - x.start <= 4
                            && w.bytes().all(|c| c.is_ascii_alphabetic())
                            && !x.has(FUNCTION) =>
                    {
                        s.extend(w.chars().map(|c| c.to_ascii_uppercase()));
                    }
                    _ => break,
                }
                last = used;
                k = used + 1;
                if s.len() >= 4
                    && !(s.as_bytes()[2].is_ascii_digit() && s.as_bytes()[3].is_ascii_digit())
                {
                    break;
                }
            }
            if s.len() != want || ohs.len() > 4 || last < t + 1 {
                continue;
            }
            let mut found = None;
            for mask in 0..(1u32 << ohs.len()) {
                let mut cand = s.clone().into_bytes();
                for (i, &pos) in ohs.iter().enumerate() {
                    if mask & (1 << i) != 0 {
                        cand[pos] = b'0';
                    }
                }
                let cand = String::from_utf8(cand).unwrap_or_default();
                if validate::iban(&cand) {
                    found = Some(cand);
                    break;
                }
            }
            let (start, end) = (toks[t].start, toks[last].end);
            // A lower-case two-letter word ("at", "it", "de") starts an IBAN only
            // when the conversation says IBAN.
            let weak = weak_code(&toks[t]);
            let ctx = self.ctx(t, last);
            let found = found.filter(|_| !weak || ctx.pos(E::IbanCode.bit()).is_some());
            match found {
                Some(key) => {
                    self.scored(
                        E::IbanCode,
                        (start, end),
                        (t, last),
                        0.85,
                        CTX_BOOST,
                        "iban",
                        "spoken IBAN, country length and mod-97 ok".into(),
                        key,
                        true,
                        &ctx,
                    );
                    resume = last + 1;
                }
                None => {
                    self.push(
                        E::IbanCode,
                        start,
                        end,
                        0.0,
                        "iban",
                        "spoken IBAN".into(),
                        String::new(),
                        Some(Rejection::ValidatorFailed { validator: "mod97" }),
                    );
                }
            }
        }
        self.marks.short = list;
    }

    /// IPv6 addresses read out: hex digits as digit words or spelled letters
    /// ("two zero zero one colon d b eight colon colon one"), groups split by
    /// "colon" (or ":"), "double colon" for "::". Kept only if the standard
    /// parser accepts the result.
    pub fn spoken_ipv6(&mut self) {
        let b = self.text.as_bytes();
        // Substring search (SIMD two-way), not a byte-window loop: most text has no "colon".
        if !(self.text.contains("colon") || self.text.contains("Colon")) {
            return;
        }
        let toks = self.toks;
        let n = toks.len();
        let mut t = 0;
        let mut s = String::new();
        while t < n {
            s.clear();
            let (mut k, mut last, mut colons) = (t, None, 0);
            let mut group = 0;
            while k < n {
                let x = toks[k];
                let w = &b[x.start..x.end];
                let hex_letter = x.is_word() && w.len() == 1 && w[0].is_ascii_hexdigit();
                if x.is_word() && self.lower_is(k, "colon") || x.is_punct(b':') {
                    if last.is_none() || colons >= 8 {
                        break;
                    }
                    s.push(':');
                    colons += 1;
                    group = 0;
                } else if x.is_word()
                    && self.lower_is(k, "double")
                    && toks
                        .get(k + 1)
                        .is_some_and(|y| y.is_word() && self.lower_is(k + 1, "colon"))
                {
                    s.push_str("::");
                    colons += 2;
                    group = 0;
                    k += 1;
                } else if x.is_word() && x.has(DIGIT) && !hex_letter && group < 4 {
                    s.push(char::from(b'0' + (x.info.num % 10)));
                    group += 1;
                } else if (hex_letter || x.kind == Kind::Num || x.kind == Kind::Alnum)
                    && w.iter().all(u8::is_ascii_hexdigit)
                    && group + w.len() <= 4
                {
                    s.extend(w.iter().map(|c| char::from(c.to_ascii_lowercase())));
                    group += w.len();
                } else {
                    break;
                }
                last = Some(k);
                k += 1;
            }
            let Some(mut last) = last else {
                t += 1;
                continue;
            };
            // A trailing "colon" belongs to the sentence, not the address.
            while s.ends_with(':') && !s.ends_with("::") && last > t {
                s.pop();
                colons -= 1;
                last -= 1;
            }
            if colons < 2 || s.parse::<std::net::Ipv6Addr>().is_err() {
                t += 1;
                continue;
            }
            let (start, end) = (toks[t].start, toks[last].end);
            let ctx = self.ctx(t, last);
            let key = s.clone();
            self.scored(
                E::IpAddress,
                (start, end),
                (t, last),
                0.85,
                super::BOOST,
                "ip_address",
                "spoken IPv6 address".into(),
                key,
                true,
                &ctx,
            );
            t = last + 1;
        }
    }
}
