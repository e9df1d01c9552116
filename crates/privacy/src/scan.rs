//! Tokenizer and number-run builder: the single pass every recognizer shares.

use crate::lexicon::{Lexicon, WordCache, WordInfo};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters only (may contain an inner apostrophe).
    Word,
    /// ASCII digits only.
    Num,
    /// Letters and digits mixed (`AC48392`, `5th`, `smith99`).
    Alnum,
    /// One ASCII punctuation byte.
    Punct(u8),
    /// Any other single char (symbols, non-ASCII punctuation).
    Other,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Whitespace precedes this token.
    pub gap: bool,
    /// First char is upper case.
    pub cap: bool,
    pub info: WordInfo,
}

impl Tok {
    pub fn is_punct(&self, c: u8) -> bool {
        self.kind == Kind::Punct(c)
    }
    pub fn has(&self, f: u32) -> bool {
        self.info.flags & f != 0
    }
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
}

/// Splits `text` into tokens and looks every word up once in the lexicon.
pub(crate) fn tokenize(text: &str, lx: &Lexicon, out: &mut Vec<Tok>) {
    tokenize_marked(text, lx, out, None);
}

/// `tokenize`, noting in `marks` the tokens the recognizers start from, in the
/// same walk.
pub(crate) fn tokenize_marked(
    text: &str,
    lx: &Lexicon,
    out: &mut Vec<Tok>,
    mut marks: Option<&mut crate::detect::Marks>,
) {
    thread_local! {
        static WORDS: std::cell::RefCell<WordCache> = std::cell::RefCell::new(WordCache::new());
    }
    let done = WORDS.try_with(|c| match c.try_borrow_mut() {
        Ok(mut cache) => {
            cache.bind(lx);
            tokenize_with(text, lx, out, marks.as_deref_mut(), &mut cache);
            true
        }
        Err(_) => false,
    });
    if done != Ok(true) {
        tokenize_with(text, lx, out, marks, &mut WordCache::new());
    }
}

fn tokenize_with(
    text: &str,
    lx: &Lexicon,
    out: &mut Vec<Tok>,
    mut marks: Option<&mut crate::detect::Marks>,
    cache: &mut WordCache,
) {
    out.clear();
    // Tokens spelled like a homophone digit ("for", "to", "won", "ate").
    let mut homophones: smallvec::SmallVec<[usize; 16]> = smallvec::SmallVec::new();
    let b = text.as_bytes();
    let mut i = 0;
    let mut gap = true;
    while i < b.len() {
        let c = b[i];
        let class = BYTE_CLASS[usize::from(c)];
        if class & SPACE != 0 {
            gap = true;
            i += 1;
            continue;
        }
        let start = i;
        if class & (DIGIT | LETTER) != 0 || (c >= 0x80 && is_alpha_at(text, i)) {
            // The classes met so far; PLAIN stays only while the word is
            // ASCII letters and digits alone (the word cache's fast path).
            let mut seen = PLAIN;
            while i < b.len() {
                let d = b[i];
                let k = BYTE_CLASS[usize::from(d)];
                if k & (DIGIT | LETTER) != 0 {
                    seen |= k;
                    i += 1;
                } else if d == b'\''
                    && seen & LETTER != 0
                    && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
                {
                    seen &= !PLAIN;
                    i += 1;
                } else if d >= 0x80 {
                    seen &= !PLAIN;
                    // Typographic apostrophe inside a word, or a non-ASCII letter.
                    if b[i..].starts_with("\u{2019}".as_bytes())
                        && b.get(i + 3).is_some_and(u8::is_ascii_alphabetic)
                        && seen & LETTER != 0
                    {
                        i += 3;
                    } else if is_alpha_at(text, i) {
                        seen |= LETTER;
                        i += char_len(d);
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            let (letters, digits) = (seen & LETTER != 0, seen & DIGIT != 0);
            let kind = match (letters, digits) {
                (true, false) => Kind::Word,
                (false, true) => Kind::Num,
                _ => Kind::Alnum,
            };
            if kind == Kind::Word && homophone(&b[start..i]).is_some() {
                homophones.push(out.len());
            }
            let info = if kind == Kind::Word {
                let cached = if seen & PLAIN != 0 {
                    cache.lookup_letters(lx, &b[start..i])
                } else {
                    None
                };
                match cached {
                    Some(info) => info,
                    None => lx.lookup(&b[start..i]).unwrap_or_default(),
                }
            } else {
                WordInfo::default()
            };
            let tok = Tok {
                start,
                end: i,
                kind,
                gap,
                cap: c.is_ascii_uppercase()
                    || c >= 0x80 && text[start..].chars().next().is_some_and(char::is_uppercase),
                info,
            };
            if let Some(m) = marks.as_deref_mut() {
                m.note(out.len(), &tok, b);
            }
            out.push(tok);
        } else if c < 0x80 {
            i += 1;
            if c == b'@' {
                if let Some(m) = marks.as_deref_mut() {
                    m.at = true;
                }
            }
            out.push(Tok {
                start,
                end: i,
                kind: Kind::Punct(c),
                gap,
                cap: false,
                info: WordInfo::default(),
            });
        } else {
            i += char_len(c);
            out.push(Tok {
                start,
                end: i,
                kind: Kind::Other,
                gap,
                cap: false,
                info: WordInfo::default(),
            });
        }
        gap = false;
    }
    if !homophones.is_empty() {
        homophone_digits(text, lx, out, &homophones);
    }
}

/// The digit a speech recogniser writes as another word: "four seven ate
/// nine", "three to eight", "nine three for seven", "won".
#[inline]
fn homophone(word: &[u8]) -> Option<&'static [u8]> {
    // Most words fail here: no allocation, one or two byte tests.
    if !(2..=4).contains(&word.len())
        || !matches!(word[0].to_ascii_lowercase(), b'f' | b't' | b'w' | b'a')
    {
        return None;
    }
    const PAIRS: [(&[u8], &[u8]); 6] = [
        (b"for", b"four"),
        (b"fore", b"four"),
        (b"to", b"two"),
        (b"too", b"two"),
        (b"won", b"one"),
        (b"ate", b"eight"),
    ];
    PAIRS
        .iter()
        .find(|(w, _)| word.eq_ignore_ascii_case(w))
        .map(|(_, d)| *d)
}

/// Reads homophones inside a spoken digit string as the digits they stand for.
/// Inside means spoken digits on both sides with three or more in all ("six
/// two three, three to eight"), or ending a sentence after three or more
/// ("... three seven four to ate."). "From nine to five", "send it to five
/// five five ..." and "... four four for the claim" keep their words.
fn homophone_digits(text: &str, lx: &Lexicon, toks: &mut [Tok], at: &[usize]) {
    use crate::lexicon::{DIGIT, HUNDRED, MULT, NEG_AFTER, TEEN, TENS, THOUSAND};
    let b = text.as_bytes();
    let spoken_digit =
        |x: &Tok| x.kind == Kind::Word && x.has(DIGIT | TEEN | TENS | MULT) || x.kind == Kind::Num;
    for &k in at {
        let x = toks[k];
        // A spoken digit right before or after (over a pause) or nothing to do.
        let digit_at = |j: usize| toks.get(j).is_some_and(spoken_digit);
        let pause = |j: usize| {
            toks.get(j)
                .is_some_and(|y| matches!(y.kind, Kind::Punct(b',' | b'.')))
        };
        let near = k > 0 && (digit_at(k - 1) || pause(k - 1) && k > 1 && digit_at(k - 2))
            || digit_at(k + 1)
            || pause(k + 1) && digit_at(k + 2);
        if !near {
            continue;
        }
        let Some(digit) = homophone(&b[x.start..x.end]) else {
            continue;
        };
        // Digits on each side, over pauses (commas, dots) and other homophones.
        let count = |range: &mut dyn Iterator<Item = usize>| {
            let mut n = 0;
            for j in range {
                let y = &toks[j];
                if spoken_digit(y)
                    || y.kind == Kind::Word && homophone(&b[y.start..y.end]).is_some()
                {
                    n += 1;
                    if n == 4 {
                        break;
                    }
                } else if !matches!(y.kind, Kind::Punct(b',' | b'.')) {
                    break;
                }
            }
            n
        };
        let left = count(&mut (0..k).rev());
        let right = count(&mut (k + 1..toks.len()));
        // "... eight three two one for two hundred and twelve pounds": an amount
        // after the preposition, not more digits.
        let amount_after = (k + 1..toks.len().min(k + 6))
            .any(|j| toks[j].kind == Kind::Word && toks[j].has(HUNDRED | THOUSAND | NEG_AFTER));
        let inside = left >= 1 && right >= 1 && left + right >= 3 && !amount_after;
        // Closing only at the end of the sentence: "... three eight for the
        // benefits claim" is a preposition.
        let closing = left >= 3
            && right == 0
            && toks
                .get(k + 1)
                .is_none_or(|y| matches!(y.kind, Kind::Punct(b'.' | b'?' | b'!')));
        // "won" and "ate" are seldom prepositions before a number.
        let opening = left == 0 && right >= 3 && matches!(digit, b"one" | b"eight");
        if inside || closing || opening {
            if let Some(info) = lx.lookup(digit) {
                toks[k].info = info;
            }
        }
    }
}

fn char_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Byte classes for the tokenizer's inner loop: one table load per byte
/// instead of a chain of range tests.
const DIGIT: u8 = 1;
const LETTER: u8 = 2;
const SPACE: u8 = 4;
/// Not a byte class: the tokenizer's "only ASCII letters so far" flag.
const PLAIN: u8 = 8;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_digit() {
            DIGIT
        } else if b.is_ascii_alphabetic() {
            LETTER
        } else if b.is_ascii_whitespace() {
            SPACE
        } else {
            0
        };
        c += 1;
    }
    t
};

fn is_alpha_at(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphabetic)
}

/// How one element of a number run was separated from the previous one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sep {
    None,
    Space,
    Dash,
    Dot,
    Paren,
    Comma,
    Slash,
}

/// One number element: a digit group typed or a spoken digit word.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Elem {
    pub start: usize,
    pub end: usize,
    pub tok_first: usize,
    pub tok_last: usize,
    pub d0: usize,
    pub d1: usize,
    pub sep: Sep,
    pub spoken: bool,
}

/// A maximal run of numbers, digit words and separators.
#[derive(Clone, Debug, Default)]
pub(crate) struct Run {
    pub digits: String,
    pub elems: Vec<Elem>,
    /// Byte offset of a leading `+` / "plus" or `(`, if any.
    pub lead: Option<usize>,
    pub plus: bool,
}

impl Run {
    pub fn start(&self, i: usize) -> usize {
        match (i, self.lead) {
            (0, Some(l)) => l,
            _ => self.elems[i].start,
        }
    }
    pub fn digits(&self, i: usize, j: usize) -> &str {
        &self.digits[self.elems[i].d0..self.elems[j].d1]
    }
    pub fn spoken(&self, i: usize, j: usize) -> bool {
        self.elems[i..=j].iter().any(|e| e.spoken)
    }
    /// Digit counts of typed groups (elements joined without separator count as one).
    pub fn groups_into(&self, i: usize, j: usize, g: &mut Vec<usize>) {
        g.clear();
        for (k, e) in self.elems[i..=j].iter().enumerate() {
            if k > 0 && e.sep == Sep::None {
                if let Some(last) = g.last_mut() {
                    *last += e.d1 - e.d0;
                    continue;
                }
            }
            g.push(e.d1 - e.d0);
        }
    }
    pub fn seps(&self, i: usize, j: usize) -> impl Iterator<Item = Sep> + '_ {
        self.elems[i + 1..=j].iter().map(|e| e.sep)
    }
}

/// Collects number runs from the token stream into `out[..n]` and returns `n`.
/// Runs beyond `n` are stale: their buffers are kept to avoid reallocating.
pub(crate) fn runs(text: &str, toks: &[Tok], out: &mut Vec<Run>) -> usize {
    use crate::lexicon::*;
    let mut count = 0;
    let b = text.as_bytes();
    let mut t = 0;
    let n = toks.len();
    // "Columbus, OH 43229": "OH" in capitals is Ohio, not a spoken zero.
    let ohio = |k: usize| -> bool {
        toks.get(k)
            .is_some_and(|x| x.end - x.start == 2 && &b[x.start..x.end] == b"OH")
    };
    let is_digitish = |k: usize| -> bool {
        toks.get(k).is_some_and(|x| {
            x.kind == Kind::Num
                || (x.is_word() && x.has(DIGIT | TEEN | TENS | MULT) && !x.cap_only_o() && !ohio(k))
        })
    };
    while t < n {
        let tk = toks[t];
        let starts = tk.kind == Kind::Num
            || (tk.is_word() && tk.has(DIGIT | TEEN | TENS | MULT) && !ohio(t) && {
                // "oh"/"o" and lone number words start a run only next to another digit word.
                let single =
                    tk.has(DIGIT) && tk.info.num == 0 && !b[tk.start].eq_ignore_ascii_case(&b'z');
                !single || is_digitish(t + 1)
            })
            || ((tk.is_punct(b'+') || tk.has(PLUS) || tk.is_punct(b'(')) && is_digitish(t + 1));
        if !starts {
            t += 1;
            continue;
        }
        if out.len() <= count {
            out.push(Run::default());
        }
        let run = &mut out[count];
        run.digits.clear();
        run.elems.clear();
        run.lead = None;
        run.plus = false;
        if tk.is_punct(b'+') || tk.has(PLUS) {
            run.lead = Some(tk.start);
            run.plus = true;
            t += 1;
        } else if tk.is_punct(b'(') {
            run.lead = Some(tk.start);
            t += 1;
        }
        let mut sep = Sep::None;
        let mut pending_hundred = false;
        while t < n {
            let x = toks[t];
            let first = run.elems.is_empty();
            let this_sep = if first {
                Sep::None
            } else if x.gap {
                Sep::Space
            } else {
                Sep::None
            };
            let sep_now = if sep != Sep::None { sep } else { this_sep };
            if x.kind == Kind::Num {
                // A number glued to a letter code (`4f89-11d3`) is not a run element.
                let d0 = run.digits.len();
                run.digits.push_str(&text[x.start..x.end]);
                run.elems.push(Elem {
                    start: x.start,
                    end: x.end,
                    tok_first: t,
                    tok_last: t,
                    d0,
                    d1: run.digits.len(),
                    sep: sep_now,
                    spoken: false,
                });
                sep = Sep::None;
                pending_hundred = false;
                t += 1;
            } else if x.is_word() && x.has(DIGIT | TEEN | TENS | MULT | HUNDRED) && !ohio(t) {
                // "hundred" only combines with what follows inside one group.
                if sep != Sep::None {
                    pending_hundred = false;
                }
                let d0 = run.digits.len();
                let mut last = t;
                if x.has(MULT) {
                    match toks.get(t + 1) {
                        Some(nx) if nx.is_word() && nx.has(DIGIT) => {
                            for _ in 0..x.info.num {
                                run.digits.push(digit_char(nx.info.num));
                            }
                            last = t + 1;
                        }
                        Some(nx) if nx.kind == Kind::Num && nx.end - nx.start == 1 => {
                            for _ in 0..x.info.num {
                                run.digits.push_str(&text[nx.start..nx.end]);
                            }
                            last = t + 1;
                        }
                        _ => break,
                    }
                } else if x.has(DIGIT) {
                    // "two hundred nine" is 209 when the digit closes the group; in
                    // "eight hundred five five five ..." the digits are read one by one.
                    if pending_hundred
                        && !is_digitish(t + 1)
                        && !toks.get(t + 1).is_some_and(|y| y.has(HUNDRED))
                    {
                        run.digits.pop();
                    }
                    run.digits.push(digit_char(x.info.num));
                } else if x.has(TEEN) {
                    if pending_hundred {
                        run.digits.truncate(run.digits.len().saturating_sub(2));
                    }
                    push_num(&mut run.digits, x.info.num);
                } else if x.has(TENS) {
                    if pending_hundred {
                        run.digits.truncate(run.digits.len().saturating_sub(2));
                    }
                    match toks.get(t + 1) {
                        Some(nx) if nx.is_word() && nx.has(DIGIT) && nx.info.num > 0 && nx.gap => {
                            push_num(&mut run.digits, x.info.num + nx.info.num);
                            last = t + 1;
                        }
                        Some(nx)
                            if nx.is_punct(b'-')
                                && toks
                                    .get(t + 2)
                                    .is_some_and(|y| y.has(DIGIT) && y.info.num > 0) =>
                        {
                            push_num(&mut run.digits, x.info.num + toks[t + 2].info.num);
                            last = t + 2;
                        }
                        _ => push_num(&mut run.digits, x.info.num),
                    }
                } else if x.has(HUNDRED) {
                    // "eight hundred" -> 800 only right after a single spoken digit.
                    match run.elems.last() {
                        Some(p) if p.spoken && p.d1 - p.d0 == 1 && p.d1 == run.digits.len() => {
                            run.digits.push_str("00");
                            if let Some(p) = run.elems.last_mut() {
                                p.end = x.end;
                                p.tok_last = t;
                                p.d1 = run.digits.len();
                            }
                            pending_hundred = true;
                            t += 1;
                            continue;
                        }
                        _ => break,
                    }
                }
                pending_hundred = false;
                run.elems.push(Elem {
                    start: x.start,
                    end: toks[last].end,
                    tok_first: t,
                    tok_last: last,
                    d0,
                    d1: run.digits.len(),
                    sep: sep_now,
                    spoken: true,
                });
                sep = Sep::None;
                t = last + 1;
            } else if !first
                && sep == Sep::None
                && pending_hundred
                && x.has(AND)
                && toks
                    .get(t + 1)
                    .is_some_and(|y| y.is_word() && y.has(DIGIT | TEEN | TENS))
            {
                // "two hundred and forty nine": the "and" belongs to the number.
                t += 1;
            } else if !first && sep == Sep::None {
                let s = match x.kind {
                    Kind::Punct(b'-') => Some(Sep::Dash),
                    Kind::Punct(b'.') => Some(Sep::Dot),
                    Kind::Punct(b'(') | Kind::Punct(b')') => Some(Sep::Paren),
                    Kind::Punct(b',') => Some(Sep::Comma),
                    Kind::Punct(b'/') => Some(Sep::Slash),
                    Kind::Word if x.has(DASH) => Some(Sep::Dash),
                    Kind::Word if x.has(DOT) => Some(Sep::Dot),
                    // "oh three slash twenty slash nineteen seventy nine".
                    Kind::Word
                        if x.end - x.start == 5
                            && text.as_bytes()[x.start..x.end].eq_ignore_ascii_case(b"slash") =>
                    {
                        Some(Sep::Slash)
                    }
                    // Digits said as a list: "6, 10 and 4", "four nine two and three eight";
                    // not "8-12-96 and 695-60-5356", two numbers typed whole.
                    Kind::Word
                        if x.has(AND)
                            && run
                                .elems
                                .iter()
                                .all(|e| !matches!(e.sep, Sep::Dash | Sep::Dot | Sep::Slash)) =>
                    {
                        Some(Sep::Comma)
                    }
                    _ => None,
                };
                // An ellipsis or a run of dots is a pause, like a comma.
                let mut s = s;
                if s == Some(Sep::Dot) && toks.get(t + 1).is_some_and(|y| y.is_punct(b'.')) {
                    while toks.get(t + 1).is_some_and(|y| y.is_punct(b'.')) {
                        t += 1;
                    }
                    s = Some(Sep::Comma);
                }
                if x.kind == Kind::Other && text[x.start..x.end] == *"\u{2026}" {
                    s = Some(Sep::Comma);
                }
                // "and then" / "then" between digit groups is a spoken pause, like a comma.
                let is_then = |i: usize| {
                    toks.get(i).is_some_and(|y| {
                        y.kind == Kind::Word && text[y.start..y.end].eq_ignore_ascii_case("then")
                    })
                };
                if s.is_none() && is_then(t) && is_digitish(t + 1) {
                    sep = Sep::Comma;
                    t += 1;
                    continue;
                }
                // Hesitations inside a number ("five five five uh one two", "six hmm, uh,
                // four") are pauses too, however many there are.
                if (s.is_none() && is_filler(toks, text, t))
                    || (s == Some(Sep::Comma) && is_filler(toks, text, t + 1))
                {
                    let mut k = t;
                    while toks.get(k).is_some_and(|y| y.is_punct(b',')) || is_filler(toks, text, k)
                    {
                        k += 1;
                    }
                    if is_digitish(k) {
                        sep = Sep::Comma;
                        t = k;
                        continue;
                    }
                    break;
                }
                if s == Some(Sep::Comma) && x.has(AND) && is_then(t + 1) && is_digitish(t + 2) {
                    sep = Sep::Comma;
                    t += 2;
                    continue;
                }
                // A separator only counts if a number element follows it.
                match s {
                    Some(s)
                        if is_digitish(t + 1)
                            || (s == Sep::Comma
                                && toks.get(t + 1).is_some_and(|y| y.has(AND))
                                && is_digitish(t + 2))
                            || (s == Sep::Paren
                                && toks
                                    .get(t + 1)
                                    .is_some_and(|y| y.is_punct(b'-') || y.is_punct(b'.'))
                                && is_digitish(t + 2)) =>
                    {
                        sep = s;
                        t += 1;
                    }
                    _ => break,
                }
            } else if !first && sep == Sep::Paren && (x.is_punct(b'-') || x.is_punct(b'.')) {
                t += 1;
            } else if !first && sep == Sep::Comma && x.has(AND) && is_digitish(t + 1) {
                // ", and 4": the comma already marked the boundary.
                t += 1;
            } else {
                break;
            }
        }
        if !run.elems.is_empty() {
            count += 1;
        } else {
            t += 1;
        }
    }
    count
}

/// A hesitation word an ASR writes out ("uh", "um", "hmm", "er").
fn is_filler(toks: &[Tok], text: &str, i: usize) -> bool {
    toks.get(i).is_some_and(|y| {
        let w = &text[y.start..y.end];
        y.kind == Kind::Word
            && w.len() <= 4
            && [
                "uh", "uhh", "um", "umm", "uhm", "hmm", "hm", "mm", "er", "erm", "ah",
            ]
            .iter()
            .any(|f| w.eq_ignore_ascii_case(f))
    })
}

impl Tok {
    /// "o" alone in upper case is usually the letter (an initial), not zero.
    fn cap_only_o(&self) -> bool {
        self.end - self.start == 1 && self.cap
    }
}

fn digit_char(v: u8) -> char {
    char::from(b'0' + v % 10)
}

fn push_num(s: &mut String, v: u8) {
    push_decimal(s, u32::from(v));
}

/// Appends `v` in decimal; by hand, since the formatting machinery costs more
/// than the digits on the paths that build number keys.
pub(crate) fn push_decimal(s: &mut String, v: u32) {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    let mut v = v;
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &d in &buf[i..] {
        s.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_like_display() {
        for v in [0u32, 7, 10, 99, 255, 1000, 65_535, u32::MAX] {
            let mut s = String::from("x");
            push_decimal(&mut s, v);
            assert_eq!(s, format!("x{v}"));
        }
    }

    #[test]
    fn byte_classes_match_the_ascii_predicates() {
        for b in 0..=255u8 {
            let k = BYTE_CLASS[usize::from(b)];
            assert_eq!(k & DIGIT != 0, b.is_ascii_digit(), "{b}");
            assert_eq!(k & LETTER != 0, b.is_ascii_alphabetic(), "{b}");
            assert_eq!(k & SPACE != 0, b.is_ascii_whitespace(), "{b}");
            assert_eq!(k & PLAIN, 0);
        }
    }

    #[test]
    fn words_numbers_and_mixed_tokens_are_told_apart() {
        let lx = &Lexicon::build();
        let mut toks = Vec::new();
        let text = "Zoë's flat 12B, call 555 o\u{2019}neill it's ok";
        tokenize(text, lx, &mut toks);
        let got: Vec<(&str, Kind)> = toks
            .iter()
            .map(|t| (&text[t.start..t.end], t.kind))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Zoë's", Kind::Word),
                ("flat", Kind::Word),
                ("12B", Kind::Alnum),
                (",", Kind::Punct(b',')),
                ("call", Kind::Word),
                ("555", Kind::Num),
                ("o\u{2019}neill", Kind::Word),
                ("it's", Kind::Word),
                ("ok", Kind::Word),
            ]
        );
        assert!(toks[0].cap && !toks[1].cap);
        assert!(toks[1].gap && !toks[3].gap);
    }
}
