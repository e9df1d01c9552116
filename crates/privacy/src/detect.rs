//! The recognizers. Each reads the shared token stream and number runs and
//! pushes scored candidates; `resolve` keeps the best non-overlapping ones.

use crate::engine::Inner;
use crate::entity::EntityType as E;
use crate::finding::{Candidate, Finding, Rejection};
use crate::lexicon::*;
use crate::scan::{Kind, Run, Sep, Tok};
use crate::validate;
use std::borrow::Cow;

mod names;
mod postcode;
mod spelled;

/// A fixed reason prefixed with the form ("spoken"/"typed"), without allocating.
macro_rules! formed {
    ($form:expr, $s:literal) => {
        Cow::Borrowed(if $form == "spoken" {
            concat!("spoken ", $s)
        } else {
            concat!("typed ", $s)
        })
    };
}

/// Score added by a positive context word for number-like entities.
const BOOST: f32 = 0.35;
/// Score added for entities that exist only through context (account, MRN...).
const CTX_BOOST: f32 = 0.45;
/// Penalty when negative context wins.
const PENALTY: f32 = 0.5;

pub(crate) struct Scan<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub cfg: &'a Inner,
    pub cands: Vec<Cand>,
    /// Scratch buffers reused by every classification.
    pub groups_buf: Vec<usize>,
    pub seps_buf: Vec<Sep>,
    /// Indices of the words that can be part of a name (capitalised, a listed
    /// name, or neither an English word nor a function word): the name passes
    /// walk these, not every token.
    pub name_like: Vec<usize>,
    /// Indices of the few tokens some passes start from: street words and
    /// "box", month names, letter-and-digit codes, single letters.
    pub marks: Marks,
}

/// See `Scan::marks`.
#[derive(Default)]
pub(crate) struct Marks {
    /// The words that can be part of a name; see `Scan::name_like`.
    pub name_like: Vec<usize>,
    /// An "@" or a spoken "at": e-mail addresses are worth looking for.
    pub at: bool,
    pub streets: Vec<usize>,
    pub months: Vec<usize>,
    pub alnums: Vec<usize>,
    pub letters: Vec<usize>,
    /// Words of one or two letters: where a spoken IBAN's country code starts.
    pub short: Vec<usize>,
}

impl Marks {
    /// Empties every list, keeping its memory for the next text.
    pub(crate) fn clear(&mut self) {
        self.name_like.clear();
        self.at = false;
        self.streets.clear();
        self.months.clear();
        self.alnums.clear();
        self.letters.clear();
        self.short.clear();
    }

    /// Notes token `i` (`x`) in the lists it belongs to.
    #[inline]
    pub(crate) fn note(&mut self, i: usize, x: &Tok, b: &[u8]) {
        match x.kind {
            Kind::Alnum => self.alnums.push(i),
            Kind::Word => {
                if x.cap
                    || x.info.first != 0
                    || x.info.last != 0
                    || x.info.flags & (WORD | FUNCTION) == 0
                {
                    self.name_like.push(i);
                }
                self.at |= x.has(AT);
                if x.has(STREET)
                    || x.end - x.start == 3 && b[x.start..x.end].eq_ignore_ascii_case(b"box")
                {
                    self.streets.push(i);
                }
                if x.has(MONTH) {
                    self.months.push(i);
                }
                if x.end - x.start == 1 && x.has(LETTER) {
                    self.letters.push(i);
                }
                if x.end - x.start <= 2 {
                    self.short.push(i);
                }
            }
            _ => {}
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub entity: E,
    pub start: usize,
    pub end: usize,
    pub score: f32,
    pub recognizer: &'static str,
    /// Most reasons are fixed text: no allocation per candidate.
    pub reason: Cow<'static, str>,
    /// Words between the span and its nearest context word, when one raised
    /// the score: said in the reason of what is reported, written only then.
    pub ctx_words: Option<u8>,
    pub key: String,
    pub reject: Option<Rejection>,
}

impl Cand {
    /// The reason with its context note.
    pub fn reason_text(&self) -> Cow<'_, str> {
        match self.ctx_words {
            Some(d) => {
                // By hand rather than `format!`: this runs for every reported
                // finding with a context word.
                let mut s = String::with_capacity(self.reason.len() + 32);
                s.push_str(&self.reason);
                s.push_str("; context word ");
                crate::scan::push_decimal(&mut s, u32::from(d));
                s.push_str(" word(s) away");
                s.into()
            }
            None => Cow::Borrowed(self.reason.as_ref()),
        }
    }
}

/// What the words around a span say.
#[derive(Debug, Default)]
struct Ctx {
    /// (distance in words, entity bits, negative word token index)
    /// Inline: a window holds a handful of context words, and every candidate
    /// builds one.
    near: smallvec::SmallVec<[(u8, u32, Option<usize>); 8]>,
    neg_after: Option<usize>,
    money_before: bool,
    /// A banking word (routing, checking...) somewhere in a wider window.
    bank_far: bool,
}

impl Ctx {
    /// The nearest context word for any entity: (distance in words, entity bits).
    fn nearest_cue(&self) -> Option<(u8, u32)> {
        self.near.iter().find(|n| n.1 != 0).map(|n| (n.0, n.1))
    }
    fn pos(&self, bit: u32) -> Option<u8> {
        self.near.iter().find(|n| n.1 & bit != 0).map(|n| n.0)
    }
    /// Nearest negative word that is closer than any positive word for `bit`.
    fn neg(&self, bit: u32) -> Option<usize> {
        let p = self.pos(bit).unwrap_or(u8::MAX);
        self.near
            .iter()
            .find(|n| n.2.is_some() && n.0 < p)
            .and_then(|n| n.2)
    }
}

impl<'a> Scan<'a> {
    fn word(&self, t: usize) -> &'a str {
        let tk = &self.toks[t];
        &self.text[tk.start..tk.end]
    }

    fn lower(&self, t: usize) -> String {
        self.word(t).to_ascii_lowercase()
    }

    /// The word at `t` lower-cased on the stack, for matching against literals.
    fn low(&self, t: usize) -> Low {
        Low::new(self.word(t))
    }

    /// "my", "the", "mum's": a word that makes the "number" after it someone's phone number.
    fn owner(&self, t: usize) -> bool {
        let tk = &self.toks[t];
        tk.has(OWNER)
            || tk.is_word() && !tk.has(FUNCTION) && tk.info.ctx == 0 && self.word(t).ends_with("'s")
    }

    /// Whether the word at `t` names a speaker in a chat transcript
    /// ("Customer:", "Agent:").
    #[inline]
    fn speaker_label(&self, t: usize) -> bool {
        self.toks.get(t + 1).is_some_and(|x| x.is_punct(b':'))
            && matches!(
                self.low(t).as_str(),
                "customer"
                    | "agent"
                    | "caller"
                    | "rep"
                    | "representative"
                    | "user"
                    | "client"
                    | "operator"
                    | "advisor"
                    | "adviser"
                    | "member"
                    | "visitor"
                    | "bot"
                    | "assistant"
            )
    }

    /// Context words in the window before token `first` and just after `last`.
    fn ctx(&self, first: usize, last: usize) -> Ctx {
        let mut c = Ctx::default();
        let mut words = 0u8;
        // Distance of a bare "the number is", decided once the whole window is read.
        let mut bare_number = None;
        let mut letters_run = true;
        let mut sentence_end = false;
        let mut t = first;
        while t > 0 && words < self.cfg.window {
            t -= 1;
            let tk = &self.toks[t];
            if t + 1 == first
                && matches!(tk.kind, Kind::Punct(b'$') | Kind::Other)
                && tk.end - tk.start <= 3
            {
                let s = &self.text[tk.start..tk.end];
                if matches!(s, "$" | "€" | "£") {
                    c.money_before = true;
                }
            }
            if tk.kind != Kind::Word {
                if matches!(tk.kind, Kind::Punct(b'$')) && t + 1 == first {
                    c.money_before = true;
                }
                // "... effective end of month. Forwarding number: 915 ...": a
                // negative word says nothing across the end of a sentence.
                // A question's negative still speaks for its answer ("Which
                // version are you on? 5.5.1.61").
                if matches!(tk.kind, Kind::Punct(b'.' | b'!'))
                    && self.toks.get(t + 1).is_some_and(|x| x.gap && x.cap)
                    && !(t > 0 && self.toks[t - 1].has(TITLE))
                {
                    sentence_end = true;
                }
                continue;
            }
            // "routing number? Customer: 661650161": a chat transcript's speaker
            // label is no context; the question before it is.
            if self.speaker_label(t) {
                continue;
            }
            let i = tk.info;
            // The window counts words that carry meaning: "the order number for the
            // new modem is" puts "order" three words from the number, not seven.
            // Letters spelled right before the span are part of one code with it:
            // "the tracking number is one z r k b e w c oh three ...".
            let spelled_letter = tk.end - tk.start == 1 && i.has(LETTER);
            letters_run &= spelled_letter;
            let meaningful = !(i.has(FUNCTION) && i.ctx == 0 && !i.has(NEG | NUMBER));
            if meaningful && !letters_run {
                words += 1;
            }
            // "uh last four? no, you want the whole thing": the last four of a
            // social security number, asked for whole.
            if self.lower_is(t, "last")
                && self.toks.get(t + 1).is_some_and(|x| {
                    x.has(DIGIT) && x.info.num == 4 || self.text[x.start..x.end] == *"4"
                })
            {
                c.near.push((words, E::UsSsn.bit(), None));
                continue;
            }
            // Most words are neither a cue nor a negative: nothing below applies
            // to them but the spelled cues ("d o b", "i ban").
            let len = tk.end - tk.start;
            if i.ctx == 0 && !i.has(NEG | NUMBER) && len != 1 && len != 3 {
                continue;
            }
            // "my number", "the number here is": a bare "number" is a phone number.
            if i.has(NUMBER) && t > 0 && self.owner(t - 1) {
                bare_number.get_or_insert(words);
                continue;
            }
            // "d o b" / "d.o.b." spelled out by ASR: a birth-date cue; "m r n" a
            // record number's.
            if tk.end - tk.start == 1 {
                if self.spelled_back(t, ["b", "o", "d"]) {
                    c.near.push((words, E::DateOfBirth.bit(), None));
                    continue;
                }
                if self.spelled_back(t, ["n", "r", "m"]) || self.spelled_back(t, ["s", "h", "n"]) {
                    c.near.push((words, E::MedicalRecordNumber.bit(), None));
                    continue;
                }
            }
            // Whisper splits "IBAN" into "i ban".
            if tk.end - tk.start == 3
                && t > 0
                && self.lower_is(t, "ban")
                && self.toks[t - 1].is_word()
                && self.lower_is(t - 1, "i")
            {
                c.near.push((words, E::IbanCode.bit(), None));
                continue;
            }
            if u32::from(i.ctx) & (E::UsBankNumber.bit() | E::AbaRoutingNumber.bit()) != 0 {
                c.bank_far = true;
            }
            // "the router page is ...": a page or screen of the thing named is
            // where the value shows, not a page number.
            if i.has(NEG)
                && t > 0
                && self.toks[t - 1].is_word()
                && self.toks[t - 1].info.ctx != 0
                && ["page", "screen", "settings"]
                    .iter()
                    .any(|w| self.lower_is(t, w))
            {
                continue;
            }
            // "Station Close", "Meter Road": a negative word naming a street.
            if i.has(NEG)
                && tk.cap
                && self
                    .toks
                    .get(t + 1)
                    .is_some_and(|x| x.is_word() && x.has(STREET))
            {
                continue;
            }
            // "reading that back", "read it back to you": a read-back repeats
            // the value; it is no meter reading, and its "back" no "call me back".
            let read = |k: usize| self.lower_is(k, "reading") || self.lower_is(k, "read");
            if (i.has(NEG)
                && read(t)
                && (t + 1..(t + 4).min(self.toks.len())).any(|k| self.lower_is(k, "back")))
                || (i.ctx != 0 && self.lower_is(t, "back") && (t.saturating_sub(3)..t).any(read))
            {
                continue;
            }
            if i.ctx != 0 || (i.has(NEG) && !i.has(NEUTRAL) && !sentence_end) {
                // "checking account": the banking word qualifies the account word after it.
                let bank = E::UsBankNumber.bit();
                if u32::from(i.ctx) & bank != 0 && c.near.last().is_some_and(|n| n.0 + 1 == words) {
                    if let Some(n) = c.near.last_mut() {
                        n.1 |= bank;
                    }
                }
                c.near.push((
                    words,
                    u32::from(i.ctx),
                    (i.has(NEG) && i.ctx == 0).then_some(t),
                ));
            }
        }
        // ... unless a document was named before it: in "my passport, the number
        // is ..." the number is the passport's, and context must beat the phone fallback.
        if let Some(w) = bare_number {
            let doc = E::UsPassport.bit()
                | E::UsDriverLicense.bit()
                | E::MedicalRecordNumber.bit()
                | E::UsSsn.bit()
                | E::AccountNumber.bit();
            if !c.near.iter().any(|n| n.0 > w && n.1 & doc != 0) {
                let at = c.near.iter().position(|n| n.0 > w).unwrap_or(c.near.len());
                c.near.insert(at, (w, E::PhoneNumber.bit(), None));
            }
        }
        // Banking words count from further away: "routing ... and the account number is".
        let mut w2 = words;
        while t > 0 && w2 < self.cfg.window.saturating_mul(3) && !c.bank_far {
            t -= 1;
            let tk = &self.toks[t];
            if tk.kind == Kind::Word {
                w2 += 1;
                c.bank_far = u32::from(tk.info.ctx)
                    & (E::UsBankNumber.bit() | E::AbaRoutingNumber.bit())
                    != 0;
            }
        }
        let mut seen = 0;
        for t in last + 1..self.toks.len() {
            let tk = &self.toks[t];
            if tk.is_punct(b'%') {
                c.neg_after = Some(t);
                break;
            }
            if tk.kind != Kind::Word {
                continue;
            }
            seen += 1;
            if tk.has(NEG_AFTER) {
                c.neg_after = Some(t);
                break;
            }
            // "account seven two ... and contact number zero one ...": a cue
            // that opens the next value is that value's, not this one's.
            // "my acct is 005085866 routing 109056272": a banking word after
            // the number makes it a bank account's too.
            if u32::from(tk.info.ctx) & (E::UsBankNumber.bit() | E::AbaRoutingNumber.bit()) != 0 {
                c.bank_far = true;
            }
            if tk.info.ctx != 0 && seen <= 2 && !self.speaker_label(t) && !self.opens_value(t) {
                c.near.push((seen + 1, u32::from(tk.info.ctx), None));
            }
            if seen >= 2 {
                break;
            }
        }
        c
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        e: E,
        start: usize,
        end: usize,
        score: f32,
        rec: &'static str,
        reason: Cow<'static, str>,
        key: String,
        reject: Option<Rejection>,
    ) {
        self.cands.push(Cand {
            entity: e,
            start,
            end,
            score: score.clamp(0.0, 1.0),
            recognizer: rec,
            reason,
            ctx_words: None,
            key,
            reject,
        });
    }

    /// Applies context to a base score and pushes the candidate.
    #[allow(clippy::too_many_arguments)]
    fn scored(
        &mut self,
        e: E,
        span: (usize, usize),
        toks: (usize, usize),
        base: f32,
        boost: f32,
        rec: &'static str,
        reason: Cow<'static, str>,
        key: String,
        strong: bool,
        ctx: &Ctx,
    ) {
        let bit = e.bit();
        let mut score = base;
        let mut reject = None;
        let near = ctx.pos(bit);
        if let Some(d) = near {
            // A closer context word for another entity halves this one's boost:
            // "social ... passport number 123456789" is a passport.
            let nearest = ctx.nearest_cue().map_or(d, |n| n.0);
            let other_closer = ctx
                .near
                .iter()
                .any(|n| n.0 < d && n.1 != 0 && n.1 & bit == 0);
            score += if nearest < d && other_closer {
                boost / 2.0
            } else {
                boost
            };
        }
        // Negative context is about numbers (amounts, readings, order ids); it says
        // nothing about names, e-mail or street addresses.
        let numeric = !matches!(e, E::Person | E::EmailAddress | E::StreetAddress);
        let neg = ctx.neg(bit).filter(|_| numeric).map(|t| self.lower(t));
        let neg = neg.or_else(|| ctx.neg_after.filter(|_| numeric).map(|t| self.lower(t)));
        // "Order 857-928-7729": a negative word right before the number outweighs
        // even a strong shape.
        // Only for a phone's shape: a checksum ("paid into NL80...", "charge it
        // to 5417 ...") outweighs the word.
        let adjacent = e == E::PhoneNumber
            && ctx
                .neg(bit)
                .is_some_and(|t| ctx.near.iter().any(|n| n.2 == Some(t) && n.0 == 1));
        if let Some(w) = neg {
            score -= if strong && !adjacent {
                PENALTY / 2.0
            } else {
                PENALTY
            };
            reject = Some(Rejection::NegativeContext { word: w });
        } else if ctx.money_before && numeric {
            score -= PENALTY;
            reject = Some(Rejection::NegativeContext { word: "$".into() });
        }
        let _ = toks;
        if score >= self.cfg.threshold {
            reject = None;
        } else if reject.is_none() {
            reject = Some(Rejection::BelowThreshold {
                score,
                threshold: self.cfg.threshold,
            });
        }
        self.push(e, span.0, span.1, score, rec, reason, key, reject);
        if let Some(c) = self.cands.last_mut() {
            c.ctx_words = near;
        }
    }

    pub fn numbers(&mut self, runs: &[Run]) {
        for run in runs {
            let n = run.elems.len();
            // "1/6/39": a short date is still a date.
            let slashed_date = n == 3 && run.elems[1..].iter().all(|e| e.sep == Sep::Slash);
            // "three six thirty nine": a birth date said as month, day, year.
            let spoken_date = n == 3 && run.spoken(0, 2) && run.digits.len() == 4;
            // "postcode three zero zero seven": a four-digit postcode.
            let postcode = run.digits.len() == 4
                && run.elems[0].tok_first > 0
                && self.postcode_word(run.elems[0].tok_first - 1);
            if run.digits.len() < 5 && !slashed_date && !spoken_date && !postcode {
                continue;
            }
            // Digits glued to letter codes by dashes (`9a0c-0305e82c3301`) are code fragments.
            let fl = run.elems[0].tok_first;
            let ll = run.elems[n - 1].tok_last;
            // So are digits after a capital-letter prefix that names no
            // identifier ("CB-8739728", "INC-247229"; not "SSN-...", "MRN-...").
            let text = self.text.as_bytes();
            let code = |b: &Tok| {
                b.kind == Kind::Alnum && !b.gap
                    || b.kind == Kind::Word
                        // "CB" (call back) is a phone word, but not glued to a case number.
                        && u32::from(b.info.ctx) & !E::PhoneNumber.bit() == 0
                        && (1..=5).contains(&(b.end - b.start))
                        && text[b.start..b.end].iter().all(u8::is_ascii_uppercase)
            };
            let glued = |t: Option<&Tok>, d: Option<&Tok>| matches!((t, d), (Some(a), Some(b)) if a.is_punct(b'-') && !a.gap && !b.gap && code(b));
            // Before the run, the dash and the prefix touch ("CB-8739728").
            let glued_before = fl >= 2 && {
                let (dash, prefix) = (&self.toks[fl - 1], &self.toks[fl - 2]);
                dash.is_punct(b'-') && !dash.gap && !self.toks[fl].gap && code(prefix)
            };
            if glued_before || glued(self.toks.get(ll + 1), self.toks.get(ll + 2)) {
                let (s, e) = (run.start(0), run.elems[n - 1].end);
                self.push(
                    E::AccountNumber,
                    s,
                    e,
                    0.0,
                    "number",
                    "digits in a code".into(),
                    String::new(),
                    Some(Rejection::CodeFragment),
                );
                continue;
            }
            let before = self.cands.len();
            self.classify(run, 0, n - 1, true);
            let took = self.cands[before..].iter().any(|c| c.reject.is_none());
            // A whole that failed a checksum is one bad number, not several good ones.
            let invalid = self.cands[before..]
                .iter()
                .any(|c| matches!(c.reject, Some(Rejection::ValidatorFailed { .. })));
            if !took && self.phone_fallback(run) {
                continue;
            }
            if !took && !invalid && n > 1 {
                // Several numbers said back to back: find the valid pieces left to right.
                let mut i = 0;
                while i < n {
                    let mut found = None;
                    for j in (i..n).rev() {
                        if (i, j) == (0, n - 1) {
                            continue;
                        }
                        // Split only where the speaker or writer marked a boundary.
                        let bound = |k: usize| {
                            k >= n
                                || matches!(run.elems[k].sep, Sep::Comma | Sep::Dash | Sep::Paren)
                                || (run.elems[k].sep == Sep::Space
                                    && !run.elems[k].spoken
                                    && !run.elems[k - 1].spoken)
                        };
                        if !bound(j + 1) || (i > 0 && !bound(i)) {
                            continue;
                        }
                        let mark = self.cands.len();
                        self.classify(run, i, j, false);
                        let ok = self.cands[mark..].iter().any(|c| c.reject.is_none());
                        if ok {
                            self.cands.retain_mut_from(mark, |c| c.reject.is_none());
                            found = Some(j);
                            break;
                        }
                        self.cands.truncate(mark);
                    }
                    i = found.map_or(i + 1, |j| j + 1);
                }
            }
        }
    }

    /// "nine seven one three one one no wait three one two eight seven six
    /// three": a spoken number whose end the caller said again. The digits
    /// after the correction replace as many at the end of those before it; if
    /// that makes a valid North American number, the whole stretch is the phone
    /// number. Runs are in text order, so only neighbours are compared.
    pub fn corrected_phones(&mut self, runs: &[Run]) {
        const FIX: [&str; 9] = [
            "sorry", "no", "wait", "i", "mean", "actually", "hang", "on", "scratch",
        ];
        for pair in runs.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let (la, lb) = (a.digits.len(), b.digits.len());
            let spoken = |r: &Run| r.elems.iter().any(|e| e.spoken);
            let fits = (3..10).contains(&lb) && la + lb >= 10 && la <= 11;
            if !(fits && spoken(a) && spoken(b)) {
                continue;
            }
            let a_last = a.elems[a.elems.len() - 1].tok_last;
            let b_first = b.elems[0].tok_first;
            // One to three correction words between, "sorry" or "mean" or "wait" among them.
            let between = a_last + 1..b_first;
            if between.is_empty()
                || between.len() > 3
                || !between.clone().all(|k| {
                    self.toks[k].is_word() && FIX.iter().any(|w| self.lower_is(k, w))
                        || matches!(self.toks[k].kind, Kind::Punct(b',' | b'.' | b'-'))
                })
                || !between.clone().any(|k| {
                    ["sorry", "mean", "wait", "actually"]
                        .iter()
                        .any(|w| self.lower_is(k, w))
                })
            {
                continue;
            }
            let a_digits = if la == 11 && a.digits.starts_with('1') {
                &a.digits[1..]
            } else {
                a.digits.as_str()
            };
            if a_digits.len() + lb < 10 {
                continue;
            }
            let fixed = [&a_digits[..10 - lb], b.digits.as_str()].concat();
            if !validate::nanp(&fixed) {
                continue;
            }
            let (t0, t1) = (a.elems[0].tok_first, b.elems[b.elems.len() - 1].tok_last);
            let ctx = self.ctx(t0, t1);
            self.scored(
                E::PhoneNumber,
                (a.start(0), b.elems[b.elems.len() - 1].end),
                (t0, t1),
                0.6,
                BOOST,
                "phone",
                "spoken NANP number with a correction".into(),
                ["+1", fixed.as_str()].concat(),
                true,
                &ctx,
            );
        }
    }

    /// A whole run of 7 to 15 digits in a phone context is a phone number even when
    /// no numbering plan validates it: speech recognition mishears digits ("seven" as
    /// "10") and joins lists ("6, 1, 10, and 4, 9, 2"), and a caller who says "my
    /// number is" means it. Scored below a validated number. Returns whether it was taken.
    fn phone_fallback(&mut self, run: &Run) -> bool {
        let n = run.elems.len();
        let len = run.digits.len();
        if !(7..=15).contains(&len) {
            return false;
        }
        let mut groups = std::mem::take(&mut self.groups_buf);
        run.groups_into(0, n - 1, &mut groups);
        // Dates and decimals are not phone numbers; dotted 3-3-4 groups are.
        let dotted_phone = groups == [3, 3, 4] || groups == [1, 3, 3, 4];
        // "RTC 2025-05-04 ... tel": a date written year first is never a phone.
        let iso_date = groups == [4, 2, 2];
        self.groups_buf = groups;
        if iso_date
            || run.elems[1..]
                .iter()
                .any(|e| e.sep == Sep::Slash || (e.sep == Sep::Dot && !dotted_phone))
        {
            return false;
        }
        let (t0, t1) = (run.elems[0].tok_first, run.elems[n - 1].tok_last);
        let ctx = self.ctx(t0, t1);
        if ctx.pos(E::PhoneNumber.bit()).is_none() {
            return false;
        }
        let form = if run.spoken(0, n - 1) {
            "spoken"
        } else {
            "typed"
        };
        let mark = self.cands.len();
        self.scored(
            E::PhoneNumber,
            (run.start(0), run.elems[n - 1].end),
            (t0, t1),
            0.2,
            BOOST,
            "phone",
            formed!(form, "digits in a phone context, no numbering-plan match"),
            run.digits.clone(),
            false,
            &ctx,
        );
        self.cands[mark..].iter().any(|c| c.reject.is_none())
    }

    fn classify(&mut self, run: &Run, i: usize, j: usize, explain: bool) {
        let d: &str = run.digits(i, j);
        let mut gbuf = std::mem::take(&mut self.groups_buf);
        let mut sbuf = std::mem::take(&mut self.seps_buf);
        run.groups_into(i, j, &mut gbuf);
        sbuf.clear();
        sbuf.extend(run.seps(i, j));
        self.classify_inner(run, i, j, explain, d, &gbuf, &sbuf);
        self.groups_buf = gbuf;
        self.seps_buf = sbuf;
    }

    #[allow(clippy::too_many_arguments)]
    fn classify_inner(
        &mut self,
        run: &Run,
        i: usize,
        j: usize,
        explain: bool,
        d: &str,
        groups: &[usize],
        seps: &[Sep],
    ) {
        let len = d.len();
        let spoken = run.spoken(i, j);
        let start = run.start(i);
        let end = run.elems[j].end;
        let (t0, t1) = (run.elems[i].tok_first, run.elems[j].tok_last);
        let ctx = self.ctx(t0, t1);
        let form = if spoken { "spoken" } else { "typed" };
        let span = (start, end);
        let plus = i == 0 && run.plus;
        let paren = i == 0 && run.lead.is_some() && !run.plus;

        // "28.03.2020": a dotted date, where a birth is spoken of.
        let dotted_birth = groups.len() == 3
            && seps.iter().all(|s| *s == Sep::Dot)
            && groups[0] <= 2
            && groups[1] <= 2
            && (groups[2] == 4 || groups[2] == 2)
            && ctx.pos(E::DateOfBirth.bit()).is_some();
        // Dates with slashes or dashes: only a date of birth, and only with birth context.
        if dotted_birth
            || seps.contains(&Sep::Slash)
            || (groups.len() == 3
                && seps.iter().all(|s| *s == Sep::Dash)
                && (groups == [4, 2, 2]
                    || groups[2] == 4 && groups[0] <= 2 && groups[1] <= 2
                    // "dob 8-11-82": a two-digit year only where a birth is spoken of.
                    || groups[2] == 2
                        && groups[0] <= 2
                        && groups[1] <= 2
                        && ctx.pos(E::DateOfBirth.bit()).is_some()))
        {
            // Spoken, the groups are the digits between the slashes: "oh three slash
            // twenty slash nineteen seventy nine" is 03/20/1979.
            let mut slashed = [0usize; 3];
            let spoken_groups = spoken && seps.contains(&Sep::Slash) && {
                let mut g = 0;
                let mut fits = true;
                for (k, e) in run.elems[i..=j].iter().enumerate() {
                    if k > 0 && e.sep == Sep::Slash {
                        g += 1;
                    }
                    if g >= 3 {
                        fits = false;
                        break;
                    }
                    slashed[g] += e.d1 - e.d0;
                }
                fits && g == 2
            };
            let groups: &[usize] = if spoken_groups { &slashed } else { groups };
            if let Some(ok) = numeric_date(d, groups) {
                if ok {
                    self.scored(
                        E::DateOfBirth,
                        span,
                        (t0, t1),
                        0.2,
                        CTX_BOOST,
                        "date_of_birth",
                        formed!(form, "date"),
                        d.to_string(),
                        false,
                        &ctx,
                    );
                } else if explain {
                    self.push(
                        E::DateOfBirth,
                        start,
                        end,
                        0.0,
                        "date_of_birth",
                        "date".into(),
                        String::new(),
                        Some(Rejection::ValidatorFailed { validator: "date" }),
                    );
                }
            }
            return;
        }
        let dots = seps.iter().filter(|s| **s == Sep::Dot).count();
        if dots == 3 && (spoken || groups.len() == 4) {
            let parts = split_groups(run, i, j, Sep::Dot);
            if parts.len() == 4
                && parts.iter().all(|p| {
                    !p.is_empty() && p.len() <= 3 && p.parse::<u16>().is_ok_and(|v| v <= 255)
                })
            {
                let key = parts.join(".");
                // "firmware 1.0.4.126", "version 2.1.0.3": a version, not an address.
                let version = ctx.neg(E::IpAddress.bit()).is_some();
                self.scored(
                    E::IpAddress,
                    span,
                    (t0, t1),
                    if version { 0.3 } else { 0.8 },
                    BOOST,
                    "ip_address",
                    formed!(form, "IPv4 address"),
                    key,
                    true,
                    &ctx,
                );
            }
            return;
        }
        if dots > 0 && !(groups == [3, 3, 4] || groups.len() >= 3 && dots == groups.len() - 1) {
            // Decimal amounts such as 12.50 or 1.5.
            return;
        }
        // Phone numbers.
        let phone_shape = groups == [3, 3, 4] || groups == [1, 3, 3, 4] || paren;
        // Single digits typed one by one ("6 1 7 4 9 2", "6, 1, 7"): a digit string
        // read out, grouped like nothing else.
        let list = !spoken && groups.len() >= 4 && groups.iter().all(|&g| g <= 2);
        if plus {
            // "+44 (0)7972 142445": the trunk zero in brackets is not dialled.
            let trunk_zero = groups.len() >= 3
                && groups[1] == 1
                && d.as_bytes().get(groups[0]) == Some(&b'0')
                && seps.get(1) == Some(&Sep::Paren);
            let dialled;
            let d: &str = if trunk_zero {
                dialled = format!("{}{}", &d[..groups[0]], &d[groups[0] + 1..]);
                &dialled
            } else {
                d
            };
            if validate::e164(d) {
                let nanp = d.starts_with('1') && validate::nanp(&d[1..]);
                let base = if nanp || d.len() >= 10 { 0.8 } else { 0.6 };
                self.scored(
                    E::PhoneNumber,
                    span,
                    (t0, t1),
                    base,
                    BOOST,
                    "phone",
                    formed!(form, "E.164 number"),
                    ["+", d].concat(),
                    true,
                    &ctx,
                );
            } else if explain {
                self.push(
                    E::PhoneNumber,
                    start,
                    end,
                    0.0,
                    "phone",
                    "E.164".into(),
                    String::new(),
                    Some(Rejection::ValidatorFailed { validator: "e164" }),
                );
            }
        } else if let Some(nat) = NATIONAL.iter().find(|n| (n.valid)(d)) {
            // "0161 541 9734", "0472 429 248", "087 669 3040", "oh four six three
            // ...": numbers outside North America in their national groupings, or
            // spoken digit by digit.
            let shaped = spoken || nat.groupings.contains(&groups);
            let account_cue = document_cue(&ctx);
            let base = if shaped && !account_cue { 0.6 } else { 0.35 };
            let reason = if spoken { nat.reason.1 } else { nat.reason.0 };
            self.scored(
                E::PhoneNumber,
                span,
                (t0, t1),
                base,
                BOOST,
                "phone",
                Cow::Borrowed(reason),
                ["+", nat.country, &d[1..]].concat(),
                shaped && !account_cue,
                &ctx,
            );
        } else if len == 10 || (len == 11 && d.starts_with('1')) {
            let core = if len == 11 { &d[1..] } else { d };
            if validate::nanp(core) {
                // Typed digits grouped unlike a phone ("6686-346198") are some other id.
                let odd_groups = !spoken
                    && groups.len() > 1
                    && !phone_shape
                    && groups != [3, 7]
                    && groups != [1, 10]
                    && groups != [1, 3, 7]
                    && !list;
                let base = if phone_shape {
                    0.75
                } else if odd_groups {
                    0.3
                } else {
                    0.55
                };
                // "the account number is 434 558 3404": utility account numbers are often ten
                // digits; with an account word the nearest cue and no phone word, the shape
                // alone must not outrank the context.
                // "(825) 859-1514": no account number is written with its
                // first three digits in brackets.
                let bracketed = self.text[start..end].starts_with('(');
                let account_cue = document_cue(&ctx) && !bracketed;
                let base = if account_cue {
                    f32::min(base, 0.45)
                } else {
                    base
                };
                let strong = phone_shape && !account_cue;
                self.scored(
                    E::PhoneNumber,
                    span,
                    (t0, t1),
                    base,
                    BOOST,
                    "phone",
                    formed!(form, "NANP number"),
                    ["+1", core].concat(),
                    strong,
                    &ctx,
                );
            } else if explain && (phone_shape || ctx.pos(E::PhoneNumber.bit()).is_some()) {
                self.push(
                    E::PhoneNumber,
                    start,
                    end,
                    0.0,
                    "phone",
                    "NANP".into(),
                    String::new(),
                    Some(Rejection::ValidatorFailed { validator: "nanp" }),
                );
            }
        } else if len == 7 && validate::nanp_local(d) && (groups == [3, 4] || spoken || list) {
            self.scored(
                E::PhoneNumber,
                span,
                (t0, t1),
                0.3,
                0.3,
                "phone",
                formed!(form, "local number"),
                d.to_string(),
                false,
                &ctx,
            );
        } else if (11..=15).contains(&len)
            && !spoken
            && groups.len() >= 3
            && groups[0] <= 4
            && d.starts_with('0')
            && ctx.pos(E::PhoneNumber.bit()).is_some()
        {
            // National format of a non-US number ("020 7946 0958") said as a phone.
            self.scored(
                E::PhoneNumber,
                span,
                (t0, t1),
                0.3,
                BOOST,
                "phone",
                formed!(form, "national number"),
                d.to_string(),
                false,
                &ctx,
            );
        }
        // SSN.
        if len == 9 {
            let shaped =
                groups == [3, 2, 4] && seps.iter().all(|s| matches!(s, Sep::Dash | Sep::Space));
            if validate::ssn(d) {
                let base = if shaped && seps.iter().all(|s| *s == Sep::Dash) {
                    0.85
                } else if shaped {
                    0.6
                } else if !spoken && groups.len() > 1 {
                    // "84241-1172" is grouped as a ZIP+4, not as an SSN.
                    0.15
                } else {
                    0.35
                };
                self.scored(
                    E::UsSsn,
                    span,
                    (t0, t1),
                    base,
                    0.4,
                    "us_ssn",
                    formed!(form, "SSN, valid area/group/serial"),
                    d.to_string(),
                    shaped,
                    &ctx,
                );
            } else if explain && (shaped || ctx.pos(E::UsSsn.bit()).is_some()) {
                self.push(
                    E::UsSsn,
                    start,
                    end,
                    0.0,
                    "us_ssn",
                    "SSN".into(),
                    String::new(),
                    Some(Rejection::ValidatorFailed { validator: "ssn" }),
                );
            }
            if validate::aba(d) {
                self.scored(
                    E::AbaRoutingNumber,
                    span,
                    (t0, t1),
                    0.25,
                    0.5,
                    "aba_routing",
                    formed!(form, "routing number, checksum ok"),
                    d.to_string(),
                    false,
                    &ctx,
                );
            } else if explain && ctx.pos(E::AbaRoutingNumber.bit()).is_some() {
                self.push(
                    E::AbaRoutingNumber,
                    start,
                    end,
                    0.0,
                    "aba_routing",
                    "ABA".into(),
                    String::new(),
                    Some(Rejection::ValidatorFailed { validator: "aba" }),
                );
            }
        }
        // Cards; a number dialled with "+" never is one.
        if (13..=19).contains(&len) && !plus {
            if validate::luhn(d) {
                if let Some(issuer) = validate::card_issuer(d) {
                    self.scored(
                        E::CreditCard,
                        span,
                        (t0, t1),
                        0.9,
                        BOOST,
                        "credit_card",
                        format!("{form} {issuer} card, Luhn ok").into(),
                        d.to_string(),
                        true,
                        &ctx,
                    );
                } else {
                    self.scored(
                        E::CreditCard,
                        span,
                        (t0, t1),
                        0.2,
                        BOOST,
                        "credit_card",
                        formed!(form, "card number, Luhn ok, unknown issuer"),
                        d.to_string(),
                        false,
                        &ctx,
                    );
                }
            } else if explain && (groups == [4, 4, 4, 4] || ctx.pos(E::CreditCard.bit()).is_some())
            {
                self.push(
                    E::CreditCard,
                    start,
                    end,
                    0.0,
                    "credit_card",
                    "card".into(),
                    String::new(),
                    Some(Rejection::ValidatorFailed { validator: "luhn" }),
                );
            }
        }
        // ZIP codes: context, or right after a state.
        if len == 5 || (len == 9 && groups == [5, 4]) {
            let after_state = t0 > 0 && {
                let mut k = t0 - 1;
                if self.toks[k].is_punct(b',') && k > 0 {
                    k -= 1;
                }
                self.toks[k].has(STATE)
                    && (self.toks[k].cap || self.toks[k].end - self.toks[k].start > 2)
            };
            let base = if after_state { 0.6 } else { 0.15 };
            self.scored(
                E::ZipCode,
                span,
                (t0, t1),
                base,
                CTX_BOOST,
                "zip_code",
                formed!(form, "ZIP code"),
                d.to_string(),
                false,
                &ctx,
            );
        }
        // "postcode three zero zero seven", "postcode 6000": a four-digit
        // postcode (Australia, New Zealand, much of Europe) right after the word.
        if len == 4 && t0 > 0 && self.postcode_word(t0 - 1) {
            self.scored(
                E::ZipCode,
                span,
                (t0, t1),
                0.55,
                CTX_BOOST,
                "zip_code",
                formed!(form, "four-digit postcode"),
                d.to_string(),
                false,
                &ctx,
            );
        }
        // Birth dates said as digits: "oh three fifteen nineteen eighty five" (MMDDYYYY or
        // MMDDYY), or month and day as said, then a four-digit year ("three seventeen nineteen
        // eighty four", "one nine nineteen ninety four").
        if ctx.pos(E::DateOfBirth.bit()).is_some() {
            let mmdd_year = |century: u32| {
                parse_u(&d[4..])
                    .zip(parse_u(&d[..2]))
                    .zip(parse_u(&d[2..4]))
                    .is_some_and(|((y, m), dd)| validate::date(century + y, m, dd))
            };
            let reason = if (len == 8 && mmdd_year(0)) || (len == 6 && mmdd_year(1900)) {
                Some(formed!(form, "date digits"))
            } else if spoken
                && (6..=8).contains(&len)
                && spoken_month_day_year(d, groups)
                    .is_some_and(|(y, m, dd)| validate::date(y, m, dd))
            {
                Some(formed!(form, "month, day and year"))
            } else if spoken
                && groups.len() == 3
                && groups[0] <= 2
                && groups[1] <= 2
                && groups[2] == 2
                && numeric_date(d, groups) == Some(true)
            {
                // "four seventeen eighty eight": month, day and a two-digit year.
                Some(formed!(form, "month, day and year"))
            } else {
                None
            };
            if let Some(reason) = reason {
                self.scored(
                    E::DateOfBirth,
                    span,
                    (t0, t1),
                    0.2,
                    CTX_BOOST,
                    "date_of_birth",
                    reason,
                    d.to_string(),
                    false,
                    &ctx,
                );
            }
        }
        // An NHS number is a medical record's number: ten digits, a mod-11 check
        // digit, and "NHS" (or "n h s") said before it.
        if len == 10 && ctx.pos(E::MedicalRecordNumber.bit()).is_some() && validate::nhs_number(d) {
            self.scored(
                E::MedicalRecordNumber,
                span,
                (t0, t1),
                0.5,
                CTX_BOOST,
                "medical_record_number",
                formed!(form, "NHS number, check digit ok"),
                d.to_string(),
                true,
                &ctx,
            );
        }
        // An Australian Medicare number: its check digit and "Medicare" before it.
        if (10..=11).contains(&len)
            && ctx.pos(E::MedicalRecordNumber.bit()).is_some()
            && validate::au_medicare(d)
        {
            self.scored(
                E::MedicalRecordNumber,
                span,
                (t0, t1),
                0.5,
                CTX_BOOST,
                "medical_record_number",
                formed!(form, "Medicare number, check digit ok"),
                d.to_string(),
                true,
                &ctx,
            );
        }
        // Context-only identifiers.
        self.context_ids(d, span, (t0, t1), form, &ctx, None);
    }

    /// Account, bank, MRN, licence and passport numbers: shape plus context.
    fn context_ids(
        &mut self,
        d: &str,
        span: (usize, usize),
        toks: (usize, usize),
        form: &str,
        ctx: &Ctx,
        prefix: Option<usize>,
    ) {
        let len = d.len();
        let all_digits = d.bytes().all(|c| c.is_ascii_digit());
        let digits = d.bytes().filter(u8::is_ascii_digit).count();
        let key = d.to_ascii_uppercase();
        // "routing number ..., account number ...": the account word is the nearest
        // cue, but a bank routing word in the same breath makes it a bank account.
        let account_first = ctx.nearest_cue().is_some_and(|n| {
            n.1 & E::AccountNumber.bit() != 0 && n.1 & E::AbaRoutingNumber.bit() == 0
        });
        let direct_deposit = (8..=17).contains(&len)
            && all_digits
            && account_first
            && ctx.pos(E::UsBankNumber.bit()).is_some();
        if (7..=17).contains(&len)
            && all_digits
            && ctx.pos(E::UsBankNumber.bit()).is_some()
            && !direct_deposit
        {
            self.scored(
                E::UsBankNumber,
                span,
                toks,
                0.25,
                CTX_BOOST,
                "us_bank_number",
                formed!(form, "bank account number"),
                key.clone(),
                false,
                ctx,
            );
        }
        // "Customer James McKenzie, (825) 859-1514": a grouped, valid North
        // American number is a phone number, banking words or not.
        let grouped_phone = len == 10 && validate::nanp(d) && {
            let typed = &self.text[span.0..span.1];
            typed.contains(['(', '-', ' ', '.']) && !typed.bytes().any(|c| c.is_ascii_alphabetic())
        };
        // Canadian account numbers run from seven digits.
        if (7..=17).contains(&len)
            && all_digits
            && !grouped_phone
            && (ctx.bank_far && ctx.pos(E::UsBankNumber.bit()).is_none() || direct_deposit)
            && ctx.pos(E::AccountNumber.bit()).is_some()
            // "acct # 2084420224. Case 7883 2740 37": the case number is no account.
            && ctx.neg(E::AccountNumber.bit()).is_none()
        {
            // "the routing number is ... and the account number is ...": a bank account.
            let s = 0.25 + CTX_BOOST + 0.05;
            let reject = (s < self.cfg.threshold).then_some(Rejection::BelowThreshold {
                score: s,
                threshold: self.cfg.threshold,
            });
            self.push(
                E::UsBankNumber,
                span.0,
                span.1,
                s,
                "us_bank_number",
                formed!(form, "account number in a banking conversation"),
                key.clone(),
                reject,
            );
        }
        if (5..=20).contains(&len) && digits >= 4 && ctx.pos(E::AccountNumber.bit()).is_some() {
            self.scored(
                E::AccountNumber,
                span,
                toks,
                0.2,
                CTX_BOOST,
                "account_number",
                formed!(form, "account number"),
                key.clone(),
                false,
                ctx,
            );
        }
        if (5..=12).contains(&len) && digits >= 4 && ctx.pos(E::MedicalRecordNumber.bit()).is_some()
        {
            self.scored(
                E::MedicalRecordNumber,
                span,
                toks,
                0.22,
                CTX_BOOST,
                "medical_record_number",
                formed!(form, "medical record number"),
                key.clone(),
                false,
                ctx,
            );
        }
        if (5..=15).contains(&len) && digits >= 4 && ctx.pos(E::UsDriverLicense.bit()).is_some() {
            self.scored(
                E::UsDriverLicense,
                span,
                toks,
                0.22,
                CTX_BOOST,
                "us_driver_license",
                formed!(form, "driver licence number"),
                key.clone(),
                false,
                ctx,
            );
        }
        let passport_shape =
            (len == 9 && all_digits) || (len == 9 && prefix.is_some() && digits == 8);
        if passport_shape && ctx.pos(E::UsPassport.bit()).is_some() {
            self.scored(
                E::UsPassport,
                span,
                toks,
                0.25,
                CTX_BOOST,
                "us_passport",
                formed!(form, "passport number"),
                key,
                false,
                ctx,
            );
        }
    }

    /// Alphanumeric identifiers (`AC-48392017`, `D1234567`, spelled `d one two...`) and IBANs.
    pub fn codes(&mut self, runs: &[Run]) {
        let toks = self.toks;
        let n = toks.len();
        let mut t = 0;
        while t < n {
            let tk = toks[t];
            // Dash-joined chains of hex-looking pieces are GUIDs or serials.
            let chained = toks.get(t + 1).is_some_and(|x| x.is_punct(b'-') && !x.gap);
            if chained && matches!(tk.kind, Kind::Alnum | Kind::Num | Kind::Word) {
                let mut k = t;
                let mut segs = 1;
                let mut hex = is_hex(&self.text[tk.start..tk.end]);
                while k + 2 < n
                    && toks[k + 1].is_punct(b'-')
                    && !toks[k + 1].gap
                    && !toks[k + 2].gap
                    && matches!(toks[k + 2].kind, Kind::Alnum | Kind::Num | Kind::Word)
                {
                    hex &= is_hex(&self.text[toks[k + 2].start..toks[k + 2].end]);
                    k += 2;
                    segs += 1;
                }
                if segs >= 3
                    && hex
                    && (t..=k).step_by(2).any(|q| {
                        self.text[toks[q].start..toks[q].end]
                            .bytes()
                            .any(|c| c.is_ascii_alphabetic())
                    })
                {
                    self.push(
                        E::AccountNumber,
                        tk.start,
                        toks[k].end,
                        0.0,
                        "code",
                        "GUID".into(),
                        String::new(),
                        Some(Rejection::CodeFragment),
                    );
                    t = k + 1;
                    continue;
                }
            }
            if tk.kind == Kind::Alnum {
                let s = &self.text[tk.start..tk.end];
                // IBAN, possibly in groups of four.
                let b = s.as_bytes();
                if b.len() >= 4
                    && b[0].is_ascii_alphabetic()
                    && b[1].is_ascii_alphabetic()
                    && b[2].is_ascii_digit()
                    && b[3].is_ascii_digit()
                {
                    if let Some(want) = validate::iban_length(&s[..2]) {
                        let mut compact = s.to_string();
                        let mut k = t;
                        while compact.len() < want
                            && k + 1 < n
                            && toks[k + 1].gap
                            && matches!(toks[k + 1].kind, Kind::Alnum | Kind::Num | Kind::Word)
                            && toks[k + 1].end - toks[k + 1].start <= 4
                        {
                            k += 1;
                            compact.push_str(&self.text[toks[k].start..toks[k].end]);
                        }
                        if compact.len() == want {
                            let ctx = self.ctx(t, k);
                            if validate::iban(&compact) {
                                self.scored(
                                    E::IbanCode,
                                    (tk.start, toks[k].end),
                                    (t, k),
                                    0.9,
                                    BOOST,
                                    "iban",
                                    "IBAN, country length and mod-97 ok".into(),
                                    compact.to_ascii_uppercase(),
                                    true,
                                    &ctx,
                                );
                                t = k + 1;
                                continue;
                            }
                            self.push(
                                E::IbanCode,
                                tk.start,
                                toks[k].end,
                                0.0,
                                "iban",
                                "IBAN".into(),
                                String::new(),
                                Some(Rejection::ValidatorFailed { validator: "mod97" }),
                            );
                        }
                    }
                }
                // Alphanumeric ids, optionally with a letter prefix joined by a dash.
                let mut first = t;
                let mut start = tk.start;
                if t >= 2
                    && toks[t - 1].is_punct(b'-')
                    && !toks[t - 1].gap
                    && !tk.gap
                    && toks[t - 2].is_word()
                    && toks[t - 2].end - toks[t - 2].start <= 4
                {
                    first = t - 2;
                    start = toks[t - 2].start;
                }
                let digits = s.bytes().filter(u8::is_ascii_digit).count();
                if digits >= 4 && !is_ordinal(s) {
                    let ctx = self.ctx(first, t);
                    let code: String = self.text[start..tk.end]
                        .chars()
                        .filter(|c| c.is_ascii_alphanumeric())
                        .collect();
                    let mark = self.cands.len();
                    self.context_ids(
                        &code,
                        (start, tk.end),
                        (first, t),
                        "typed",
                        &ctx,
                        Some(first),
                    );
                    if self.cands.len() == mark {
                        // Nothing claimed it: record why for --explain.
                    }
                }
            }
            t += 1;
        }
        // Letter prefix + digit run: "AC-48392017", "d one two three four five six seven".
        for run in runs {
            let t0 = run.elems[0].tok_first;
            if run.lead.is_some() || t0 == 0 {
                continue;
            }
            let mut k = t0 - 1;
            if toks[k].is_punct(b'-') && !toks[k].gap && k > 0 {
                k -= 1;
            }
            let p = toks[k];
            let plen = p.end - p.start;
            let spelled = p.is_word() && plen == 1 && p.has(LETTER);
            let caps = p.is_word()
                && plen <= 3
                && self.text[p.start..p.end]
                    .bytes()
                    .all(|c| c.is_ascii_uppercase());
            if !(spelled || caps)
                || p.info.ctx != 0
                || p.has(NEG)
                || run
                    .elems
                    .iter()
                    .any(|e| matches!(e.sep, Sep::Slash | Sep::Dot))
            {
                continue;
            }
            let mut first = k;
            // A second spelled letter ("a b one two three").
            if spelled
                && k > 0
                && toks[k - 1].is_word()
                && toks[k - 1].end - toks[k - 1].start == 1
                && toks[k - 1].has(LETTER)
                && !toks[k - 1].cap_i()
            {
                first = k - 1;
            }
            let n2 = run.elems.len();
            let mut code: String = toks[first..=k]
                .iter()
                .map(|x| self.text[x.start..x.end].to_ascii_uppercase())
                .collect();
            code.push_str(&run.digits);
            if run.digits.len() < 4 {
                continue;
            }
            let ctx = self.ctx(first, run.elems[n2 - 1].tok_last);
            let form = if run.spoken(0, n2 - 1) {
                "spoken"
            } else {
                "typed"
            };
            self.context_ids(
                &code,
                (toks[first].start, run.elems[n2 - 1].end),
                (first, run.elems[n2 - 1].tok_last),
                form,
                &ctx,
                Some(first),
            );
        }
    }

    /// E-mail addresses, typed (`a.b@c.com`) and spoken (`a dot b at c dot com`).
    pub fn emails(&mut self) {
        let toks = self.toks;
        let n = toks.len();
        for t in 0..n {
            let tk = toks[t];
            let typed_at = tk.is_punct(b'@');
            let spoken_at = tk.is_word() && tk.has(AT);
            if !typed_at && !spoken_at {
                continue;
            }
            // Domain: label (connector label)*, last label a TLD.
            let mut k = t + 1;
            let mut labels = 0;
            let mut last_label = None;
            let mut glued = true;
            while let Some(x) = toks.get(k) {
                if !matches!(x.kind, Kind::Word | Kind::Alnum | Kind::Num)
                    || x.has(FUNCTION) && labels > 0 && !x.has(TLD)
                {
                    break;
                }
                glued &= !x.gap;
                // "at b t internet dot com", "at a o l dot com": a spoken label
                // spelled letter by letter, or letters before a word.
                let spelled_on = spoken_at
                    && x.is_word()
                    && x.end - x.start == 1
                    && x.has(LETTER)
                    && toks.get(k + 1).is_some_and(|y| {
                        y.is_word()
                            && (y.end - y.start == 1 && y.has(LETTER)
                                || !y.has(FUNCTION | AT | DOT | CUE)
                                    // "at g mail dot com": "mail" before a dot is no ending.
                                    && (!y.has(TLD)
                                        || toks.get(k + 2).is_some_and(|z| {
                                            z.is_word() && z.has(DOT) || z.is_punct(b'.')
                                        })))
                    });
                if spelled_on {
                    k += 1;
                    continue;
                }
                labels += 1;
                last_label = Some(k);
                match toks.get(k + 1) {
                    Some(c)
                        if (c.is_punct(b'.')
                            && !c.gap
                            && toks.get(k + 2).is_some_and(|y| {
                                !y.gap && matches!(y.kind, Kind::Word | Kind::Alnum)
                            }))
                            || (c.is_word() && c.has(DOT)) =>
                    {
                        k += 2;
                    }
                    Some(c) if c.is_punct(b'-') && !c.gap => k += 2,
                    _ => break,
                }
            }
            let Some(last) = last_label else { continue };
            let tld = toks[last];
            let typed = typed_at && glued;
            // "dot co dot n z": a country code spelled letter by letter.
            let spelled_tld = spoken_at
                && last > t + 1
                && tld.is_word()
                && tld.end - tld.start == 1
                && toks[last - 1].is_word()
                && toks[last - 1].end - toks[last - 1].start == 1
                && {
                    let b = self.text.as_bytes();
                    let pair = [b[toks[last - 1].start], b[tld.start]];
                    self.cfg.lexicon.lookup(&pair).is_some_and(|i| i.has(TLD))
                };
            let tld_ok = tld.is_word()
                && (tld.has(TLD) || (typed && tld.end - tld.start >= 2) || spelled_tld);
            if labels < 2 || !tld_ok {
                continue;
            }
            // Local part, walking back.
            let mut s = t;
            let mut parts = 0;
            let mut j = t;
            while j > 0 {
                let x = toks[j - 1];
                let word_like = matches!(x.kind, Kind::Word | Kind::Alnum | Kind::Num);
                if word_like {
                    if x.is_word()
                        && x.end - x.start > 1
                        && (x.has(FUNCTION) && !x.has(DIGIT) && x.info.first == 0)
                        && !typed
                    {
                        break;
                    }
                    if x.is_word() && x.has(AT) {
                        break;
                    }
                    s = j - 1;
                    parts += 1;
                    j -= 1;
                    // Continue only through a connector or a spelled letter/digit sequence.
                    if j == 0 {
                        break;
                    }
                    let c = toks[j - 1];
                    let connector = (matches!(c.kind, Kind::Punct(b'.' | b'_' | b'-' | b'+'))
                        && !c.gap
                        && !toks[j].gap)
                        || (c.is_word() && c.has(DOT | DASH | UNDERSCORE));
                    let glued_piece =
                        matches!(c.kind, Kind::Word | Kind::Alnum | Kind::Num) && !toks[j].gap;
                    // "fraser eighty two at ...": spoken digits and tens alike.
                    let spelled = !typed
                        && (x.end - x.start == 1 || x.has(DIGIT | TEEN | TENS))
                        && c.is_word()
                        && (c.end - c.start == 1 || c.has(DIGIT | TEEN | TENS));
                    // "takahashi nine three at ...": digits said after the name part.
                    let name_before_digits = !typed
                        && x.has(DIGIT | TEEN | TENS)
                        && c.is_word()
                        && c.end - c.start > 1
                        && !c.has(FUNCTION | DIGIT | TEEN | TENS | CUE | AT)
                        && (c.info.first != 0
                            || c.info.last != 0
                            || self.unknown(j - 1)
                            // "shevchenko three at": surnames that are also towns.
                            || c.has(PLACE) && !c.has(WORD | NEG));
                    if connector && j >= 2 {
                        j -= 1;
                    } else if glued_piece || spelled || name_before_digits {
                        continue;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            if parts == 0 {
                continue;
            }
            // A spoken initial before the name part: "w digiovanni at ...".
            if !typed
                && s > 0
                && toks[s].is_word()
                && toks[s].end - toks[s].start > 1
                && toks[s - 1].is_word()
                && toks[s - 1].end - toks[s - 1].start == 1
                && toks[s - 1].has(LETTER)
                && !matches!(self.text.as_bytes()[toks[s - 1].start], b'a' | b'A' | b'I')
            {
                s -= 1;
            }
            let start = toks[s].start;
            let end = tld.end;
            let ctx = self.ctx(s, last);
            let key = email_key(&toks[s..=last], self.text);
            if typed && toks[s + 1..=t].iter().all(|x| !x.gap) {
                self.scored(
                    E::EmailAddress,
                    (start, end),
                    (s, last),
                    0.9,
                    BOOST,
                    "email",
                    "typed e-mail address".into(),
                    key,
                    true,
                    &ctx,
                );
            } else {
                let base = if tld.has(TLD) || spelled_tld {
                    0.7
                } else {
                    0.4
                };
                self.scored(
                    E::EmailAddress,
                    (start, end),
                    (s, last),
                    base,
                    0.25,
                    "spoken_email",
                    "spoken e-mail address".into(),
                    key,
                    true,
                    &ctx,
                );
            }
        }
    }

    /// IPv6 addresses (IPv4 comes from number runs).
    pub fn ipv6(&mut self) {
        if !self.text.contains(':') {
            return;
        }
        let b = self.text.as_bytes();
        let mut i = 0;
        let mut done = 0;
        // Expand around each colon only: most text has none.
        while let Some(off) = self.text.get(i..).and_then(|r| r.find(':')) {
            let colon = i + off;
            let mut s = colon;
            while s > done && (b[s - 1].is_ascii_hexdigit() || b[s - 1] == b':') {
                s -= 1;
            }
            i = colon;
            {
                while i < b.len() && (b[i].is_ascii_hexdigit() || b[i] == b':' || b[i] == b'.') {
                    i += 1;
                }
                done = i;
                let mut cand = &self.text[s..i];
                cand = cand.trim_end_matches('.');
                let colons = cand.bytes().filter(|&c| c == b':').count();
                let left_ok = s == 0 || !b[s - 1].is_ascii_alphanumeric();
                let right_ok = i >= b.len() || !b[i].is_ascii_alphanumeric();
                if colons >= 2 && left_ok && right_ok && cand.parse::<std::net::Ipv6Addr>().is_ok()
                {
                    let end = s + cand.len();
                    let (t0, t1) = self.tok_range(s, end);
                    let ctx = self.ctx(t0, t1);
                    self.scored(
                        E::IpAddress,
                        (s, end),
                        (t0, t1),
                        0.85,
                        BOOST,
                        "ip_address",
                        "IPv6 address".into(),
                        cand.to_ascii_lowercase(),
                        true,
                        &ctx,
                    );
                }
            }
            i = i.max(colon + 1);
        }
    }

    fn tok_range(&self, s: usize, e: usize) -> (usize, usize) {
        let t0 = self.toks.partition_point(|t| t.end <= s);
        let t1 = self
            .toks
            .partition_point(|t| t.start < e)
            .saturating_sub(1)
            .max(t0);
        (t0, t1)
    }

    /// Person names: cues, titles, census first names and surnames.
    pub fn persons(&mut self) {
        let toks = self.toks;
        let n = toks.len();
        // Only the words that can be part of a name (see `name_like`).
        let list = std::mem::take(&mut self.name_like);
        let mut next = 0;
        for &t in &list {
            if t < next {
                continue;
            }
            let tk = toks[t];
            if !tk.is_word() {
                continue;
            }
            let namey = (tk.info.first != 0 || tk.info.last != 0)
                && !tk.has(DOT | AT | DASH | UNDERSCORE | TLD | STREET | MONTH);
            // Only listed names and capitalised words can start a name, and, after a
            // strong cue, a lower-case word the lexicon knows nothing about (ASR text
            // writes rare names in lower case: "my name is ottilie").
            let unknown = self.unknown(t);
            let listed_ambig = tk.has(AMBIG)
                && (tk.info.first != 0 || tk.info.last != 0)
                && (!tk.has(FUNCTION) || tk.has(MONTH));
            if !namey && !tk.cap && !unknown && !listed_ambig {
                continue;
            }
            let cue = self.person_cue(t);
            // "verified by Zainab Liang": a capitalised word before a capitalised
            // census surname, inside a sentence and not in a run of capitals.
            let cap_pair = cue.is_none()
                && tk.cap
                && t > 0
                && !matches!(toks[t - 1].kind, Kind::Punct(b'.' | b'?' | b'!' | b'"'))
                && !(toks[t - 1].is_word() && toks[t - 1].cap)
                && !tk.has(FUNCTION | ORG | STREET | STATE | MONTH | TITLE | AMBIG)
                && toks.get(t + 1).is_some_and(|y| {
                    y.is_word()
                        && y.cap
                        && y.info.last != 0
                        && !y.has(FUNCTION | ORG | STREET | STATE | MONTH | TITLE | AMBIG)
                })
                && !toks.get(t + 2).is_some_and(|y| y.is_word() && y.cap)
                // "to Saint Francis", "in Fort Collins": places.
                && !(toks[t - 1].is_word()
                    && ["in", "to", "near", "from", "at", "through", "via"]
                        .iter()
                        .any(|w| self.lower_is(t - 1, w)))
                && !self.is_place_prefix(t - 1)
                && !self.is_place_prefix(t);
            if cue.is_none() && !namey && !cap_pair {
                continue;
            }
            // A rare lower-case first name needs a naming cue ("my name is", "named"),
            // or any cue and a census surname after it ("the technician ottilie reyes").
            let surname_next = |k: usize| {
                toks.get(k + 1).is_some_and(|y| {
                    y.is_word() && y.info.last != 0 && !y.has(FUNCTION | AMBIG | CUE)
                })
            };
            let naming = matches!(cue, Some((w, true)) if w != "title");
            // "my friend philippa said", "mr okafor": a name-shaped word the lexicon
            // does not know, right after a relation noun or an honorific.
            let lone = unknown && self.lone_name_after(t, cue);
            let ambig_ok = listed_ambig && self.ambiguous_name_after(t, cue);
            if !(namey || tk.cap || naming || lone || ambig_ok || cue.is_some() && surname_next(t))
            {
                continue;
            }
            // Without a cue a lone word is no name (it would score 0.2) unless it is
            // a common given name in capitals: most listed words end here, before
            // the name is walked and scored.
            if cue.is_none() && !cap_pair {
                let grows = toks.get(t + 1).is_some_and(|y| {
                    y.is_word() && (y.cap || y.info.last != 0 || y.info.first != 0)
                        || y.is_punct(b'-')
                }) || t + 1 < n
                    && toks[t + 1].is_word()
                    && (2..=5).contains(&(toks[t + 1].end - toks[t + 1].start))
                    && is_particle(self.low(t + 1).bytes());
                let lone_given = tk.cap
                    && tk.info.first != 0
                    && tk.info.first < 1500
                    && !tk.has(AMBIG | FUNCTION);
                if !grows && !lone_given {
                    continue;
                }
            }
            // "it's destiny mcaleer, spelled ...": spelling it out says it is a name.
            let spelled_next = cue.is_some()
                && (t + 1..(t + 5).min(n)).any(|k| {
                    toks[k].is_word() && (self.lower_is(k, "spelled") || self.lower_is(k, "spelt"))
                });
            let cue = if spelled_next {
                cue.map(|(w, _)| (w, true))
            } else {
                cue
            };
            // Collect up to three name tokens starting at t.
            let strong = matches!(cue, Some((_, true)));
            let mut k = t;
            let mut last = None;
            let mut caps = 0;
            let mut any_list = false;
            // Hyphens and particles do not count towards the three name words.
            let mut extra = 0;
            while k < n && k < t + 3 + extra {
                let x = toks[k];
                if !x.is_word() || x.end - x.start < 2 || k > t && self.line_break(k - 1, k) {
                    break;
                }
                // "layla al sayed", "maria de la cruz": a surname particle
                // joins the name to the word after it.
                // "yusuf al-khatib", "omar el-masri": a particle hyphened to a surname.
                if k > t
                    && x.end - x.start <= 3
                    && is_particle(self.low(k).bytes())
                    && toks.get(k + 1).is_some_and(|h| h.is_punct(b'-') && !h.gap)
                    && toks.get(k + 2).is_some_and(|y| {
                        y.is_word() && !y.gap && !y.has(FUNCTION | WORD) && y.end - y.start >= 2
                    })
                {
                    last = Some(k + 2);
                    extra += 2;
                    k += 3;
                    continue;
                }
                if k > t && x.end - x.start <= 5 && is_particle(self.low(k).bytes()) {
                    let mut j = k;
                    while j < n
                        && j < k + 2
                        && toks[j].is_word()
                        && is_particle(self.low(j).bytes())
                    {
                        j += 1;
                    }
                    let name_after = toks.get(j).is_some_and(|y| {
                        y.is_word()
                            && y.gap
                            && !y.has(FUNCTION | STREET | STATE | MONTH | TITLE)
                            // "Pieter van der Berg": capitals say it is the surname.
                            && (!y.has(WORD) || y.cap && toks[t].cap)
                            && (y.info.last != 0 || y.info.first != 0 || self.unknown(j))
                    });
                    if name_after {
                        extra += j - k;
                        last = Some(j);
                        k = j + 1;
                        continue;
                    }
                }
                let listed = x.info.first != 0 || x.info.last != 0;
                // A title or a relation noun ("Mrs", "friend") introduces a name and is not part of it.
                let func = x.has(FUNCTION) && !(x.cap && listed && k > t)
                    || x.has(TITLE) && k == t
                    || x.has(CUE) && !x.cap;
                let ambig = x.has(AMBIG);
                let ok = if k == t {
                    if func
                        && !(strong
                            && listed
                            && (x.cap || !x.has(DIGIT))
                            // "named her coach ...": a pronoun is never the name.
                            && !x.has(NEUTRAL)
                            // "the doctor said": a verb after a title.
                            && (x.cap || !x.has(AMBIG) || name_shaped(self.word(k))))
                        && !(listed && ambig && self.ambiguous_name_after(k, cue))
                        || self.acronym(k) && !naming
                        // "an object name to use": a lower-case function word is no name.
                        || !x.cap && x.has(FUNCTION) && x.info.first == 0
                        // "i'm near victoria": a plain English word after a weak cue.
                        || !strong && !x.cap && x.has(WORD) && x.info.first == 0
                    {
                        false
                    } else if cue.is_some() {
                        listed && (!ambig || strong && name_shaped(self.word(k)) || x.cap)
                            || listed && ambig && self.ambiguous_name_after(k, cue)
                            || (x.cap && !x.has(FUNCTION) && !self.acronym(k))
                            || ((naming || surname_next(k)) && self.unknown(k))
                            || lone
                    } else {
                        listed || cap_pair
                    }
                } else {
                    // In capitalised (typed) text a lower-case word ends the name.
                    !func
                        && (x.cap && (listed || !ambig)
                            || (!toks[t].cap
                                && x.info.last != 0
                                // "that's imani brooks": a surname that is also a
                                // word, after a cued given name that is not one.
                                && (!ambig
                                    || strong
                                    || cue.is_some()
                                        && toks[t].info.first != 0
                                        && !toks[t].has(AMBIG | WORD)
                                        // "my friend wilhelmina said": a verb.
                                        && !self.subject_follower(k))
                                && !x.has(FUNCTION))
                            // A rare surname after a cued first name: "this is ezekiel lindqvist".
                            || (!toks[t].cap
                                && last == Some(t)
                                && cue.is_some()
                                && (strong || toks[t].info.first != 0 || lone)
                                && (self.unknown(k)
                                    // "my neighbour siti rahmah": a second given
                                    // name, or a surname known only as a place
                                    // ("oksana shevchenko").
                                    || x.info.first != 0 && !x.has(WORD | AMBIG)
                                    || x.has(PLACE) && x.info.last == 0 && !x.has(WORD))
                                && name_shaped(self.word(k))))
                        && !x.has(STREET | MONTH | TITLE | STATE)
                };
                if !ok {
                    break;
                }
                any_list |= listed;
                caps += usize::from(x.cap);
                last = Some(k);
                k += 1;
                // Hyphenated names: the part after the hyphen belongs to this word
                // ("Seo-yeon", "reyes-villanueva").
                if k + 1 < n
                    && toks[k].is_punct(b'-')
                    && !toks[k].gap
                    && !toks[k + 1].gap
                    && toks[k + 1].is_word()
                {
                    let y = toks[k + 1];
                    if !y.has(FUNCTION | WORD | STREET | TITLE) && y.end - y.start >= 2 {
                        last = Some(k + 1);
                        extra += 2;
                        k += 2;
                    } else {
                        k += 1;
                    }
                }
            }
            let Some(mut last) = last else {
                continue;
            };
            // "NAME: BONDARENKO, KATERYNA", "name on acct is Dhillon, Manjit": a
            // surname, a comma and a given name, the record's way.
            // Capitals throughout are a record's field, whatever labels it.
            let record = self.word(t).len() > 1 && self.word(t).chars().all(char::is_uppercase);
            // "Patient: Owusu, Abebe" on a line of its own: a field's value.
            let field = cue.is_some()
                && t > 0
                && toks[t - 1].is_punct(b':')
                && toks
                    .get(t + 3)
                    .is_none_or(|z| self.line_break(t + 2, t + 3) || !z.is_word());
            if (strong || record && cue.is_some() || field)
                && last == t
                && toks.get(t + 1).is_some_and(|c| c.is_punct(b','))
                && toks.get(t + 2).is_some_and(|y| {
                    y.is_word()
                        && y.gap
                        && (y.cap || y.info.first != 0)
                        && !y.has(FUNCTION | TITLE | CUE | STATE)
                        // "HARRIS, Jack": after capitals, a given name may be a word.
                        && (record && y.cap && y.info.first != 0 || !y.has(WORD))
                        // "Wong, Jun": a given name that is also a month's
                        // abbreviation, unless a day follows it.
                        && (!y.has(MONTH)
                            || y.info.first != 0
                                && toks.get(t + 3).is_none_or(|z| z.kind != Kind::Num))
                        && (y.info.first != 0 || self.unknown(t + 2))
                })
                && toks.get(t + 3).is_none_or(|z| {
                    !z.is_word()
                        || self.line_break(t + 2, t + 3)
                        // "Pt: PATEL, Arjun  MRN: 5580851", "... Kwame   Hosp No: V37":
                        // the next field's label.
                        || self.acronym(t + 3) && toks.get(t + 4).is_some_and(|c| c.is_punct(b':'))
                        || z.cap
                            && (toks.get(t + 4).is_some_and(|c| c.is_punct(b':'))
                                || toks.get(t + 4).is_some_and(|c| c.is_word())
                                    && toks.get(t + 5).is_some_and(|c| c.is_punct(b':')))
                })
            {
                last = t + 2;
            }
            let count = last - t + 1;
            let first = toks[t];
            let sentence_start = t == 0
                || matches!(
                    toks[t - 1].kind,
                    Kind::Punct(b'.' | b'?' | b'!' | b'"' | b':')
                );
            let (score, why) = if let Some((cue_word, strong)) = cue {
                let s = if strong {
                    0.85
                } else if count > 1 || first.cap {
                    0.75
                } else {
                    0.6
                };
                (s, cue_reason(cue_word))
            } else if count >= 2 {
                // A register-only first name ("json" is one) before a rare
                // lower-case surname ("lines", "files") needs a cue or a capital:
                // too many words pair that way.
                // "min due": two English words are no name without a capital.
                let f = first.info.first != 0
                    && !first.has(FUNCTION)
                    && (first.cap || !(first.has(WORD) && toks[last].has(WORD)))
                    && (first.cap
                        || first.info.first < REGISTER_RANK
                        // Not hyphen-joined: "criss-cross" is a word.
                        || last == t + 1 && toks[last].info.last <= COMMON_SURNAME_RANK);
                let l = toks[last].info.last != 0;
                let both_caps = caps == count;
                let ambig = first.has(AMBIG) || toks[last].has(AMBIG);
                // "Red Line", "Kings Cross", "Victoria Park": two capitalised
                // English words with no cue are a place or a thing.
                let words = first.has(WORD)
                    && toks[last].has(WORD)
                    // "Dolly Woo", "Rose Hill": a common given name first is a name.
                    && !(first.info.first != 0 && first.info.first < 1500);
                let s = match (f, l, both_caps, ambig) {
                    (true, true, true, _) if words => 0.3,
                    (true, true, true, _) => 0.8,
                    (true, true, false, false) => 0.6,
                    // "Premium Saver": a plan's name, two words with capitals.
                    _ if cap_pair && count == 2 && !words => 0.6,
                    _ => 0.3,
                };
                (s, Cow::Borrowed("census first name and surname"))
            } else {
                let f = first.info.first;
                let s = if first.cap
                    && !sentence_start
                    && f != 0
                    && f < 1500
                    && !first.has(AMBIG | FUNCTION)
                {
                    0.55
                } else {
                    0.2
                };
                (s, Cow::Borrowed("census first name"))
            };
            // A city before ", TX" or before its ZIP code is a place, not a person.
            let city = toks.get(last + 1).is_some_and(|x| x.is_punct(b','))
                && toks.get(last + 2).is_some_and(|x| x.has(STATE) && x.cap)
                // "Seattle WA 98181".
                || toks.get(last + 1).is_some_and(|x| {
                    x.has(STATE) && x.end - x.start == 2 && self.acronym(last + 1)
                })
                || count == 1
                    && toks
                        .get(last + 1)
                        .is_some_and(|y| y.kind == Kind::Num && y.end - y.start == 5 && y.gap)
                    && !self.line_break(last, last + 1)
                // "23/59 Hume Rd, Sydney": the town after a street.
                || count == 1
                    && t >= 2
                    && toks[t - 1].is_punct(b',')
                    && toks[t - 2].is_word()
                    && toks[t - 2].has(STREET);
            let place = t > 0
                && toks[t - 1].is_word()
                && ["in", "to", "near", "from", "at", "through", "via"]
                    .iter()
                    .any(|w| self.lower_is(t - 1, w));
            // "Saint Francis", "St. Jude", "Mount Sinai", "Fort Worth": a place or
            // institution named after a person, whatever the cue before it.
            let named_place = count > 1 && self.is_place_prefix(t) || {
                let mut p = t;
                if p > 0 && toks[p - 1].is_punct(b'.') {
                    p -= 1;
                }
                p > 0 && self.is_place_prefix(p - 1)
            };
            // "Georgia Power", "Grant Avenue", "Jefferson City": organisations, streets, places.
            let org = toks[t..=last].iter().any(|x| x.has(ORG))
                || toks
                    .get(last + 1)
                    .is_some_and(|x| x.is_word() && x.has(ORG | STREET));
            let weak = !matches!(cue, Some((_, true)));
            let score = if cue.is_none() && (city || place && count == 1)
                || org && weak
                || named_place
                || score >= 0.3 && self.after_pet_word(t)
            {
                0.0
            } else {
                score
            };
            if score < 0.3 || !any_list && cue.is_none() {
                next = last + 1;
                continue;
            }
            self.person_span(t, last, score, why);
            next = last + 1;
        }
        self.name_like = list;
    }

    /// Whether the unknown lower-case word at `t` reads as a name because of the
    /// cue before it: a relation noun ("my friend", "my auntie") or an honorific
    /// ("mr", "mrs", "dr"), and the word is not shaped like a verb or an adverb.
    fn lone_name_after(&self, t: usize, cue: Option<(&'static str, bool)>) -> bool {
        let honorific = |p: usize| {
            matches!(
                self.low(p).as_str(),
                "mr" | "mrs"
                    | "ms"
                    | "miss"
                    | "mister"
                    | "missus"
                    | "dr"
                    | "prof"
                    | "doctor"
                    | "nurse"
                    | "professor"
                    | "officer"
                    | "councillor"
                    | "councilor"
                    | "principal"
                    | "pastor"
                    | "reverend"
                    | "rabbi"
                    | "imam"
                    | "sergeant"
                    | "sgt"
                    | "detective"
                    | "inspector"
                    | "constable"
                    | "captain"
                    | "pc"
                    | "cllr"
                    | "insp"
                    | "supt"
            )
        };
        let next_is = |words: &[&str]| {
            self.toks
                .get(t + 1)
                .is_some_and(|y| y.is_word() && words.iter().any(|w| self.lower_is(t + 1, w)))
        };
        let cued = match cue {
            Some(("relation", _))
                if t > 0 && self.toks[t - 1].is_word() && {
                    let c = self.low(t - 1);
                    matches!(c.as_str(), "for" | "under")
                } =>
            {
                true
            }
            // "my friend", "her teacher", "mum's boyfriend"; not "a technician".
            Some(("relation", _)) if t > 1 && self.toks[t - 2].is_word() => {
                // "my step dad tommo", "her ex partner jonno".
                let p = if t > 2
                    && ["step", "ex", "new", "old", "other"]
                        .iter()
                        .any(|w| self.lower_is(t - 2, w))
                {
                    t - 3
                } else {
                    t - 2
                };
                matches!(
                    self.low(p).as_str(),
                    "my" | "his" | "her" | "our" | "their" | "your" | "the" | "behalf" | "other"
                ) || self.word(p).ends_with("'s")
            }
            // "hello agnieszka arriaga here".
            // "hello agnieszka arriaga here", "hey, will , got ur letter".
            // "Thanks Will.": a capitalised name closing the sentence.
            Some(("greeting", _)) => {
                (t + 1..(t + 3).min(self.toks.len())).any(|k| self.lower_is(k, "here"))
                    || self.toks.get(t + 1).is_some_and(|y| y.is_punct(b','))
                    || self.toks[t].cap
                        && (self.toks[t].info.first != 0 || self.unknown(t))
                        && self
                            .toks
                            .get(t + 1)
                            .is_none_or(|y| y.is_punct(b'.') || y.is_punct(b'!'))
            }
            // "it's xiaoling again", "this is fionn mutasa": a weak cue needs more.
            // "put me through to hyejin", "ask for tharani", "tell iryna": a word
            // that is neither a name, nor an English word, nor a role.
            Some(("speak to" | "call me", _)) => self.unknown(t),
            Some(("this is", _)) => {
                next_is(&[
                    "again",
                    "here",
                    "calling",
                    "from",
                    "speaking",
                    "returning",
                    "ringing",
                    "phoning",
                    "i'm",
                    "im",
                    "and",
                ])
                    // "i'm rizal um date of birth", "i'm yaw her son", "i'm mei by the way".
                    || !self.toks[t].has(WORD)
                        && next_is(&["um", "uh", "erm", "hmm", "her", "his", "by", "sorry", "so"])
                    || self.toks.get(t + 1).is_some_and(|y| {
                    y.is_word() && y.info.last != 0 && !y.has(FUNCTION | AMBIG | CUE)
                }) || t + 1 < self.toks.len()
                    && self.unknown(t + 1)
                    && name_shaped(self.word(t + 1))
            }
            // "mr okafor", "this is nurse takumi"; not "can a nurse come".
            Some(("title", _)) if t > 0 => {
                let p = if self.toks[t - 1].is_punct(b'.') && t > 1 {
                    t - 2
                } else {
                    t - 1
                };
                honorific(p)
                    && !(p > 0
                        && ["a", "an", "the", "any", "another"]
                            .iter()
                            .any(|w| self.lower_is(p - 1, w)))
            }
            _ => false,
        };
        cued && name_shaped(self.word(t))
    }

    /// Whether a listed name that is also a common word ("dawn", "faith", "may")
    /// reads as the name here: after "call me", or after a cue that lets a
    /// lower-case unknown word be a name. A modal "may"/"will" must not be
    /// followed by what a verb would ("my son may be ...").
    fn ambiguous_name_after(&self, t: usize, cue: Option<(&'static str, bool)>) -> bool {
        if matches!(cue, Some(("call me", _))) {
            return self.toks[t].info.first != 0;
        }
        // "put me through to may", "tell will the papers are in": after these a
        // modal verb cannot stand, so a listed given name is the name.
        if matches!(cue, Some(("speak to", _))) {
            return self.toks[t].info.first != 0 && !self.toks[t].has(TITLE | CUE);
        }
        // "a nurse come", "doctor said": after a title only unknown words count.
        if matches!(cue, Some(("title", _))) || self.toks[t].has(TITLE | CUE) {
            return false;
        }
        if !self.lone_name_after(t, cue) {
            return false;
        }
        let modal = matches!(
            self.low(t).as_str(),
            "may" | "will" | "can" | "might" | "must" | "bill" | "sue" | "pat"
        );
        !modal
            || match self.toks.get(t + 1) {
                None => true,
                Some(y) if !y.is_word() => true,
                Some(y) => {
                    y.info.last != 0 && !y.has(FUNCTION | AMBIG)
                        || self.unknown(t + 1)
                        || [
                            "on", "at", "from", "is", "was", "and", "who", "calling", "said",
                            "again", "here",
                        ]
                        .iter()
                        .any(|w| self.lower_is(t + 1, w))
                }
            }
    }

    /// Whether the words before "is" at `p` say "name on (the) <thing>", with
    /// `thing` the word right before "is".
    fn name_on(&self, p: usize, thing: &str) -> bool {
        let thing_ok = matches!(
            thing,
            "account"
                | "acct"
                | "card"
                | "lease"
                | "policy"
                | "check"
                | "cheque"
                | "bill"
                | "booking"
                | "reservation"
                | "file"
                | "record"
                | "claim"
                | "permit"
                | "licence"
                | "license"
                | "passport"
                | "prescription"
        );
        if !thing_ok || p < 3 {
            return false;
        }
        let mut k = p - 2;
        if ["the", "my", "your", "his", "her", "our", "their", "this"]
            .iter()
            .any(|w| self.lower_is(k, w))
        {
            if k == 0 {
                return false;
            }
            k -= 1;
        }
        k >= 1 && self.lower_is(k, "on") && self.lower_is(k - 1, "name")
    }

    /// A cue right before token `t`: ("my name is", strong) etc.
    fn person_cue(&self, t: usize) -> Option<(&'static str, bool)> {
        let toks = self.toks;
        let w =
            |k: usize| -> Option<Low> { toks.get(k).filter(|x| x.is_word()).map(|_| self.low(k)) };
        let mut p = t.checked_sub(1)?;
        // "it's Unit 1, 32 ...", "It's Flat 24": a unit of an address.
        if (toks[t].has(UNIT) || self.lower_is(t, "flat"))
            && toks.get(t + 1).is_some_and(|x| x.kind != Kind::Word)
        {
            return None;
        }
        // Most words follow a plain word: no cue, nothing to skip.
        let before = toks[p];
        // "— ATKINSON, Margaret —", "– Mundine, Aroha (DOB ...": a surname, a
        // comma and a given name between a record's dashes, or in capitals
        // anywhere, is a record's name field.
        if !before.is_word() && self.record_name(t, before.kind == Kind::Other) {
            return Some(("name", true));
        }
        // "on behalf of min jun park", "the other one ionela": two plain words as a cue.
        if p > 0
            && (self.lower_is(p, "of") && self.lower_is(p - 1, "behalf")
                || self.lower_is(p, "one") && self.lower_is(p - 1, "other"))
        {
            return Some(("relation", false));
        }
        // "is that harpreet? yeah hi": asking for someone on the line, at the
        // start of a turn.
        if p > 0
            && self.lower_is(p, "that")
            && self.lower_is(p - 1, "is")
            // "is that true": not a word, unless written with a capital.
            && (toks[t].cap || !toks[t].has(WORD))
            && (p < 2
                || !toks[p - 2].is_word()
                || ["hi", "hello", "hiya", "yeah", "oh"]
                    .iter()
                    .any(|w| self.lower_is(p - 2, w)))
        {
            return Some(("this is", false));
        }
        // "but i go by sue": the name the caller uses.
        if p > 0 && self.lower_is(p, "by") && self.lower_is(p - 1, "go") {
            return Some(("call me", false));
        }
        if before.is_word() && !before.has(CUE | TITLE) && before.end - before.start != 2 {
            return None;
        }
        // "Customer: wire to ...", "Customer: ty": after a chat label only a
        // capitalised word or a listed name that is no English word is a name.
        // "Name (Surname, Forename): NGATA, Aroha": a label that asks for a name.
        if toks[p].is_punct(b':') && toks[t].cap {
            let mut k = p;
            while k > 0 && p - k < 7 && !self.line_break(k - 1, k) {
                k -= 1;
                if toks[k].is_word()
                    && ["name", "names", "surname", "forename", "forenames"]
                        .iter()
                        .any(|w| self.lower_is(k, w))
                {
                    return Some(("name", true));
                }
            }
            // "Pt: OKONJO, Chidi", "Claimant: VAN DER BERG, Anouk": a person's
            // label, then a surname in capitals, a comma and a given name.
            // "Patient: Reddy, Priya" too, when a given name ends the line.
            let shouted =
                self.word(t).len() > 1 && self.word(t).bytes().all(|c| c.is_ascii_uppercase());
            let record = toks.get(t + 1).is_some_and(|c| c.is_punct(b','))
                && toks.get(t + 2).is_some_and(|y| y.is_word() && y.cap)
                && (shouted
                    || toks[t + 2].info.first != 0
                        && !toks[t + 2].has(FUNCTION | STATE | MONTH | TITLE)
                        && toks
                            .get(t + 3)
                            .is_none_or(|z| self.line_break(t + 2, t + 3) || !z.is_word()));
            if record && p > 0 && toks[p - 1].is_word() && toks[p - 1].has(CUE) {
                return Some(("name", true));
            }
        }
        if toks[p].is_punct(b':') {
            let x = toks[t];
            let word = self.word(t);
            // "APPLICANT: BONDARENKO, KATERYNA": a listed name in capitals is a name.
            let listed = x.info.first != 0 || x.info.last != 0;
            let codes = word.len() > 1 && word.chars().all(|c| c.is_uppercase()) && !listed;
            let plain =
                !x.cap && (x.has(WORD) || x.info.ctx != 0 || x.end - x.start < 3) && !x.has(AMBIG);
            if codes || plain {
                return None;
            }
        }
        let comma_before = toks[p].is_punct(b',');
        // Skip a comma or colon ("this is, uh, John", "Caller: John"), and the dot of "Dr.".
        while p > 0
            && (toks[p].is_punct(b',')
                || toks[p].is_punct(b':')
                // "last_name=Raghunathan": a field of a form dump.
                || toks[p].is_punct(b'=')
                // "Dr.", "Mrs.", not "... with practice nurse. Rebooked."
                || (toks[p].is_punct(b'.')
                    && toks[p - 1].has(TITLE)
                    && toks[p - 1].end - toks[p - 1].start <= 4)
                || toks[p].end - toks[p].start == 2
                    && matches!(w(p).as_ref().map(Low::as_str), Some("uh" | "um" | "er")))
        {
            p -= 1;
        }
        if !toks[p].has(CUE | TITLE) {
            return None;
        }
        // "2966 Glenview Dr, Seattle": a title never stands across a comma.
        if comma_before && toks[p].has(TITLE) && !toks[p].has(CUE) {
            return None;
        }
        let prev = w(p)?;
        let prev2 = p.checked_sub(1).and_then(w);
        // "have the nurse call me", "a doctor will": a role with an article before it is not a
        // title in front of a name.
        if toks[p].has(TITLE)
            && p > 0
            && ["the", "a", "an", "any", "another", "that", "this", "every"]
                .iter()
                .any(|d| self.lower_is(p - 1, d))
        {
            return None;
        }
        // "425 Cedar Dr Austin": the street's "Dr", then the town.
        if toks[p].has(TITLE)
            && toks[p].has(STREET)
            && p >= 2
            && toks[p - 1].is_word()
            && toks[p - 1].cap
            && toks[p - 2].kind == Kind::Num
        {
            return None;
        }
        if toks[p].has(TITLE)
            || (toks[p].is_word()
                && toks.get(p + 1).is_some_and(|x| x.is_punct(b'.'))
                && toks[p].has(TITLE))
        {
            return Some(("title", true));
        }
        if p + 1 < t && toks[p + 1].is_punct(b'.') && p + 2 == t && toks[p].has(TITLE) {
            return Some(("title", true));
        }
        match (prev2.as_ref().map(Low::as_str), prev.as_str()) {
            (Some("name"), "is")
            | (Some("name"), "was")
            | (_, "name's")
            | (Some("my"), "names") => Some(("my name is", true)),
            // "she's called nasreen", "my nan's called joan"; not "the named
            // driver", an adjective.
            (Some("is" | "she's" | "he's" | "shes" | "hes"), "called") => Some(("named", true)),
            (Some(p2), "called")
                if p2.ends_with("'s") && !matches!(p2, "it's" | "that's" | "what's" | "there's") =>
            {
                Some(("named", true))
            }
            (Some("the" | "a" | "an"), "named") => None,
            (_, "named") => Some(("named", true)),
            // "a man called koorine rang her".
            (
                Some(
                    "man" | "woman" | "lady" | "guy" | "boy" | "girl" | "someone" | "somebody"
                    | "person" | "bloke" | "fella" | "friend",
                ),
                "called",
            ) => Some(("named", true)),
            // "patient name ...", "the tenant's name: ..." (after the "name is" forms above).
            (_, "name") if prev2.as_ref().map(Low::as_str) != Some("my") => Some(("name", true)),
            (Some("first"), "name")
            | (Some("last"), "name")
            | (Some("surname"), "is")
            | (_, "surname" | "surname's") => Some(("name", true)),
            (Some("this"), "is")
            | (_, "i'm")
            | (Some("i"), "am")
            | (Some("it"), "is")
            | (_, "it's") => Some(("this is", false)),
            // ASR and chat text drop the apostrophe: "im calling", "its harriet".
            (_, "im" | "its") => Some(("this is", false)),
            // "so that's imani brooks and the email is ...".
            (_, "that's" | "thats") => Some(("this is", false)),
            (Some("speaking" | "chatting" | "talked" | "talking"), "with" | "to")
            | (Some("through"), "to")
            | (_, "tell")
            | (Some("speak"), "to")
            | (Some("speak"), "with")
            | (Some("talk"), "to")
            | (Some("ask"), "for")
            | (Some("spoke"), "with")
            | (Some("spoke"), "to")
            // "going round with rhys", "fell out with tunde".
            | (Some("round" | "around" | "out"), "with") => Some(("speak to", false)),
            // "the tenancy's in my name kylie whitlam".
            (Some("my"), "name") if p >= 2 && self.lower_is(p - 2, "in") => Some(("name", true)),
            // "Pt Priyanka Kilbride" in a note; "Pt states she moved" is a verb.
            (_, "pt") if toks[t].cap => Some(("relation", false)),
            // "the name on the account is jacky toussaint", "name on acct is ...".
            (Some(thing), "is") if self.name_on(p, thing) => Some(("name", true)),
            // "the landlord is harrison tsinajinnie", "the beneficiary is jun bautista".
            (Some(role), "is") if is_role(role) => Some(("relation", false)),
            (_, "patient") | (_, "caller") | (_, "regarding") => Some(("relation", false)),
            // Relatives, friends and people in a role named before their name:
            // "my brother Sam", "my auntie Jo Reyes", "the technician Ana Cruz".
            (_, w) if is_relation_noun(w) => Some(("relation", false)),
            // "a call for Joaquin", "calling for niamh ransom"; "it's under mariam bondarenko".
            (Some("calling" | "call"), "for")
            | (Some("it's" | "its" | "is" | "account"), "under")
            // "it's for skye, she's eight".
            | (Some("it's" | "its"), "for") => {
                Some(("relation", false))
            }
            (Some("call" | "calls"), "me") => Some(("call me", false)),
            // "i'm the carer for tane horomona".
            (Some("carer" | "caregiver" | "guardian" | "advocate" | "appointee"), "for") => {
                Some(("relation", false))
            }
            // "Hi Everyone", "thanks team": a word that is no given name is no name.
            (_, "hello" | "hi" | "hey" | "thanks")
                if toks[t].has(WORD) && toks[t].info.first == 0 =>
            {
                None
            }
            (_, "hello" | "hi" | "hey") => Some(("greeting", false)),
            // "Thanks Will."; not the sign-off "Many thanks,\nDeShawn ...".
            (_, "thanks") if !comma_before => Some(("greeting", false)),
            (_, "and") if t >= 3 => None,
            _ => None,
        }
    }

    /// Street addresses ("1420 Oak Street Apt 5", "one two three main street") and PO boxes.
    pub fn addresses(&mut self, runs: &[Run]) {
        let toks = self.toks;
        let streets = std::mem::take(&mut self.marks.streets);
        for &t in &streets {
            let tk = toks[t];
            if !tk.is_word() {
                continue;
            }
            let po_box = !tk.has(STREET) && self.lower_is(t, "box");
            if !(po_box || tk.has(STREET)) {
                continue;
            }
            if po_box {
                // "PO Box 123", "P.O. Box", "post office box"
                let lead = t >= 1 && {
                    let p = self.lower(t - 1);
                    p == "po" || p == "o" || p == "office"
                };
                if lead {
                    if let Some(r) = run_at(runs, t + 1) {
                        let mut s = t - 1;
                        while s > 0
                            && (toks[s - 1].is_punct(b'.')
                                || matches!(self.lower(s - 1).as_str(), "p" | "po" | "post"))
                        {
                            s -= 1;
                        }
                        let ctx = self.ctx(s, r.elems[r.elems.len() - 1].tok_last);
                        let end = r.elems[r.elems.len() - 1].end;
                        self.scored(
                            E::StreetAddress,
                            (toks[s].start, end),
                            (s, t),
                            0.75,
                            0.2,
                            "street_address",
                            "PO box".into(),
                            self.text[toks[s].start..end].to_lowercase(),
                            false,
                            &ctx,
                        );
                    }
                }
                continue;
            }
            // Walk back over street-name words to a house number.
            let mut k = t;
            let mut words = 0;
            while k > 0 && words < 4 {
                let x = toks[k - 1];
                let ordinal = x.kind == Kind::Alnum && is_ordinal(&self.text[x.start..x.end]);
                // "Old Mill Road", "New Hope Lane": an adjective that is otherwise a
                // function word still belongs to the street name before another name word.
                let adjective = words > 0
                    && x.is_word()
                    && !x.has(DIGIT | TEEN | TENS | STREET)
                    && matches!(
                        self.low(k - 1).as_str(),
                        "old" | "new" | "upper" | "lower" | "little" | "big" | "great" | "long"
                    );
                // "133 St Mary's Walk": "St" is a saint inside the name.
                let saint = words > 0 && x.is_word() && self.lower_is(k - 1, "st");
                if x.is_word() && !x.has(FUNCTION | DIGIT | TEEN | TENS | STREET)
                    || adjective
                    || ordinal
                    || saint
                    || (x.is_word() && x.has(ORDINAL))
                {
                    k -= 1;
                    words += 1;
                } else {
                    break;
                }
            }
            if words == 0 || k == 0 {
                continue;
            }
            // "108A Tudor Way", "12b Mill Lane": a house number with a letter.
            let lettered = toks[k - 1];
            if lettered.kind == Kind::Alnum && lettered.gap && {
                let w = self.word(k - 1).as_bytes();
                w.len() >= 2
                    && w.len() <= 5
                    && w[w.len() - 1].is_ascii_alphabetic()
                    && w[..w.len() - 1].iter().all(u8::is_ascii_digit)
            } {
                let (start, end) = (lettered.start, tk.end);
                let ctx = self.ctx(k - 1, t);
                let key = self.text[start..end].to_lowercase();
                self.zip_after_address(runs, t + 1);
                self.scored(
                    E::StreetAddress,
                    (start, end),
                    (k - 1, t),
                    0.7,
                    0.2,
                    "street_address",
                    "typed lettered house number and street suffix".into(),
                    key,
                    true,
                    &ctx,
                );
                continue;
            }
            let Some(run) = run_ending(runs, k) else {
                continue;
            };
            // House number: the last element group of the run, at most 6 digits.
            let ne = run.elems.len();
            let mut hs = ne - 1;
            while hs > 0
                && run.digits(hs - 1, ne - 1).len() <= 6
                && (run.elems[hs].spoken || run.elems[hs].sep == Sep::None)
            {
                hs -= 1;
            }
            let house = run.digits(hs, ne - 1);
            if house.is_empty() || house.len() > 6 {
                continue;
            }
            let start = run.start(hs);
            let mut end = tk.end;
            let mut last = t;
            if toks.get(t + 1).is_some_and(|x| x.is_punct(b'.')) && !toks[t + 1].gap {
                end = toks[t + 1].end;
                last = t + 1;
            }
            // Optional direction and unit ("Apt 4B", "suite two ten", "#12").
            let mut u = last + 1;
            if toks.get(u).is_some_and(|x| x.is_punct(b',')) {
                u += 1;
            }
            if toks.get(u).is_some_and(|x| x.has(UNIT) || x.is_punct(b'#')) {
                let mut v = u + 1;
                if toks
                    .get(v)
                    .is_some_and(|x| x.is_punct(b'.') || x.is_punct(b'#'))
                {
                    v += 1;
                }
                if let Some(x) = toks.get(v) {
                    if matches!(x.kind, Kind::Num | Kind::Alnum)
                        || (x.is_word() && x.end - x.start == 1)
                    {
                        end = x.end;
                        last = v;
                    } else if let Some(r) = run_at(runs, v) {
                        let e = r.elems[r.elems.len() - 1];
                        end = e.end;
                        last = e.tok_last;
                    }
                }
            }
            let ctx = self.ctx(run.elems[hs].tok_first, last);
            let key = self.text[start..end].to_lowercase();
            let form = if run.spoken(hs, ne - 1) {
                "spoken"
            } else {
                "typed"
            };
            self.zip_after_address(runs, last + 1);
            self.scored(
                E::StreetAddress,
                (start, end),
                (run.elems[hs].tok_first, t),
                0.7,
                0.2,
                "street_address",
                formed!(form, "house number and street suffix"),
                key,
                true,
                &Ctx {
                    near: ctx.near.into_iter().filter(|x| x.2.is_none()).collect(),
                    ..Ctx::default()
                },
            );
        }
    }

    /// Token `t` is the "b" of a spelled "d o b" or "d.o.b".
    /// Whether the letters ending at token `t`, read backwards, are `back`
    /// ("d o b" ends with "b": `["b", "o", "d"]`), dots between them allowed.
    fn spelled_back(&self, t: usize, back: [&str; 3]) -> bool {
        // Runs for every one-letter word in a context window: no allocation.
        let mut letters = (t.saturating_sub(4)..=t)
            .rev()
            .filter(|&k| !self.toks[k].is_punct(b'.'));
        back.iter().all(|w| {
            letters
                .next()
                .is_some_and(|k| self.toks[k].is_word() && self.lower_is(k, w))
        })
    }

    /// A ZIP code closing a street address: "12 Elm Way, 77505", "... Avenue,
    /// Duluth, 11056", "... foxglove street topeka five two six eight seven". Up to
    /// three city or state words may sit between the street and the number.
    fn zip_after_address(&mut self, runs: &[Run], from: usize) {
        let toks = self.toks;
        let mut u = from;
        let mut words = 0;
        loop {
            match toks.get(u) {
                Some(x) if x.is_punct(b',') || x.is_punct(b'.') => u += 1,
                Some(x)
                    if words < 3
                        && x.is_word()
                        && (x.has(STATE) || !x.has(FUNCTION | NEG | MONTH))
                        && !x.has(DIGIT | TEEN | TENS | HUNDRED | THOUSAND | MULT) =>
                {
                    u += 1;
                    words += 1;
                }
                _ => break,
            }
        }
        let Some(run) = run_at(runs, u) else {
            return;
        };
        let n = run.elems.len();
        let d = run.digits(0, n - 1);
        let mut groups = std::mem::take(&mut self.groups_buf);
        run.groups_into(0, n - 1, &mut groups);
        let spoken = run.spoken(0, n - 1);
        // "Hobart TAS 7023": an Australian postcode after its state, whose
        // first digit the state fixes.
        let australian = d.len() == 4
            && !spoken
            && u > from
            && toks[u - 1].is_word()
            && au_state_postcode(&self.text[toks[u - 1].start..toks[u - 1].end], d);
        let shaped = d.len() == 5 || d.len() == 9 && (spoken || groups == [5, 4]) || australian;
        self.groups_buf = groups;
        if !shaped || run.lead.is_some() {
            return;
        }
        let (t0, t1) = (run.elems[0].tok_first, run.elems[n - 1].tok_last);
        let mut ctx = self.ctx(t0, t1);
        // "permit for a fence at 887 sunset terrace 77036": what came before the
        // address says nothing of the ZIP code after it.
        ctx.near.retain(|n| n.2.is_none());
        let form = if spoken { "spoken" } else { "typed" };
        self.scored(
            E::ZipCode,
            (run.start(0), run.elems[n - 1].end),
            (t0, t1),
            0.7,
            CTX_BOOST,
            "zip_code",
            formed!(form, "ZIP code after a street address"),
            d.to_string(),
            false,
            &ctx,
        );
    }

    /// Dates with a month name ("March 3rd, 1985", "the third of march nineteen eighty five").
    pub fn month_dates(&mut self, runs: &[Run]) {
        let toks = self.toks;
        let months = std::mem::take(&mut self.marks.months);
        for &t in &months {
            let tk = toks[t];
            if !(tk.is_word() && tk.has(MONTH)) {
                continue;
            }
            // "may" and "march" are verbs too: need a day or year next to them.
            let month = u32::from(tk.info.num);
            let mut start_t = t;
            let mut end_t = t;
            let mut day = None;
            // Day before: "3rd of March", "the third of march", "3 March".
            let mut p = t;
            // "15-Jul-2015", "15/Jul/2015": glued separators around the month.
            let glued = |k: usize| {
                toks.get(k)
                    .is_some_and(|x| matches!(x.kind, Kind::Punct(b'-' | b'/' | b'.')) && !x.gap)
            };
            if p > 0 && (self.lower_is(p - 1, "of") || glued(p - 1) && !tk.gap) {
                p -= 1;
            }
            if p > 0 {
                if let Some((d, s)) = self.day_before(p - 1) {
                    day = Some(d);
                    start_t = s;
                }
            }
            // Day after: "March 3rd", "march third", "March 3".
            let mut q = t + 1;
            if glued(q) && toks.get(q + 1).is_some_and(|x| !x.gap) {
                q += 1;
            }
            // "october the fourth nineteen fifty eight".
            // "september the twenty seventh ...".
            if toks.get(q).is_some_and(|x| x.is_word())
                && self.lower_is(q, "the")
                && toks.get(q + 1).is_some_and(|x| {
                    x.has(ORDINAL) || x.has(TENS) && toks.get(q + 2).is_some_and(|y| y.has(ORDINAL))
                })
            {
                q += 1;
            }
            if day.is_none() {
                if let Some((d, e)) = self.day_after(q, runs) {
                    day = Some(d);
                    end_t = e;
                    q = e + 1;
                }
            }
            if toks.get(q).is_some_and(|x| x.is_punct(b',')) {
                q += 1;
            }
            // Year after.
            let mut year = None;
            let two_thousand = toks.get(q + 1).is_some()
                && self.lower_is(q, "two")
                && self.lower_is(q + 1, "thousand");
            if two_thousand {
                year = None;
            } else if let Some(r) = run_at(runs, q) {
                let dg = &r.digits;
                let y = if dg.len() == 4 {
                    parse_u(dg)
                } else if dg.len() == 2 && r.spoken(0, r.elems.len() - 1) {
                    parse_u(dg).map(|v| 1900 + v)
                } else {
                    None
                };
                if let Some(y) = y.filter(|y| (1900..=2030).contains(y)) {
                    year = Some(y);
                    end_t = r.elems[r.elems.len() - 1].tok_last;
                }
            } else if let Some((r, i)) = elem_at(runs, q) {
                // "April 9, 1991": the day and the year were read as one digit list.
                // Or the year said in two halves after a spoken day: "february twenty
                // one nineteen eighty five".
                let halves = i + 1 < r.elems.len()
                    && r.spoken(i, i + 1)
                    && r.digits(i, i).len() == 2
                    && r.digits(i + 1, i + 1).len() == 2;
                let last = if halves { i + 1 } else { i };
                let y = (r.digits(i, last).len() == 4)
                    .then(|| parse_u(r.digits(i, last)))
                    .flatten();
                if let Some(y) = y.filter(|y| (1900..=2030).contains(y)) {
                    year = Some(y);
                    end_t = r.elems[last].tok_last;
                }
            }
            if two_thousand {
                // "two thousand (and) three"
                let mut y = 2000;
                let mut e = q + 1;
                let mut r = q + 2;
                if toks.get(r).is_some() && self.lower_is(r, "and") {
                    r += 1;
                }
                if let Some(x) = toks.get(r) {
                    if x.has(DIGIT | TEEN) {
                        y += u32::from(x.info.num);
                        e = r;
                    } else if x.has(TENS) {
                        y += u32::from(x.info.num);
                        e = r;
                        if toks.get(r + 1).is_some_and(|z| z.has(DIGIT) && z.gap) {
                            y += u32::from(toks[r + 1].info.num);
                            e = r + 1;
                        }
                    }
                }
                year = Some(y);
                end_t = e;
            }
            if day.is_none() && year.is_none() {
                continue;
            }
            let ok = validate::date(year.unwrap_or(2000), month, day.unwrap_or(1));
            let start = toks[start_t].start;
            let end = toks[end_t].end;
            let ctx = self.ctx(start_t, end_t);
            if !ok {
                self.push(
                    E::DateOfBirth,
                    start,
                    end,
                    0.0,
                    "date_of_birth",
                    "date".into(),
                    String::new(),
                    Some(Rejection::ValidatorFailed { validator: "date" }),
                );
                continue;
            }
            let key = format!(
                "{:04}-{:02}-{:02}",
                year.unwrap_or(0),
                month,
                day.unwrap_or(0)
            );
            let base = if year.is_some() { 0.25 } else { 0.15 };
            self.scored(
                E::DateOfBirth,
                (start, end),
                (start_t, end_t),
                base,
                CTX_BOOST,
                "date_of_birth",
                "date with month name".into(),
                key,
                false,
                &ctx,
            );
        }
    }

    /// "ATKINSON, Margaret": a listed or unknown surname (in capitals unless
    /// `dashed`), a comma and a listed given name, then the end of the field.
    fn record_name(&self, t: usize, dashed: bool) -> bool {
        let toks = self.toks;
        let x = &toks[t];
        let word = self.word(t);
        let shouted = word.len() > 2 && word.bytes().all(|c| c.is_ascii_uppercase());
        x.is_word()
            && (shouted || dashed && x.cap)
            && (x.info.last != 0 || self.unknown(t))
            && !x.has(FUNCTION | STATE | TITLE | ORG)
            && toks.get(t + 1).is_some_and(|c| c.is_punct(b','))
            && toks.get(t + 2).is_some_and(|y| {
                y.is_word()
                    && y.cap
                    && y.gap
                    && y.info.first != 0
                    && !y.has(FUNCTION | STATE | TITLE)
                    // "HARRIS, Jack": after a surname in capitals, a given
                    // name that is also a word.
                    && (shouted || !y.has(WORD))
            })
            && toks
                .get(t + 3)
                .is_none_or(|z| !z.is_word() || self.line_break(t + 2, t + 3))
    }

    /// "postcode", "post code", "postal code", before a value (a colon or
    /// "is" may sit between).
    fn postcode_word(&self, mut k: usize) -> bool {
        while k > 0
            && (self.toks[k].is_punct(b':') || self.lower_is(k, "is") || self.lower_is(k, "code"))
        {
            if self.lower_is(k, "code") {
                return self.lower_is(k - 1, "post") || self.lower_is(k - 1, "postal");
            }
            k -= 1;
        }
        self.lower_is(k, "postcode") || self.lower_is(k, "postal")
    }

    /// Whether the cue word at `t` is followed by a value of its own: a
    /// number, typed or spoken, after at most "number", "is" or a colon.
    fn opens_value(&self, t: usize) -> bool {
        for k in t + 1..(t + 4).min(self.toks.len()) {
            let x = &self.toks[k];
            match x.kind {
                Kind::Num => return true,
                Kind::Word if x.has(DIGIT) && !self.lower_is(k, "no") => return true,
                Kind::Word if x.has(NUMBER) || self.lower_is(k, "is") => {}
                // "Phone: +64 7 ...", "Tel: (416) ...", "Preferred # ...".
                Kind::Punct(b':' | b'+' | b'(' | b'#') => {}
                _ => return false,
            }
        }
        false
    }

    fn lower_is(&self, t: usize, w: &str) -> bool {
        // On bytes: no char-boundary checks in this hot helper.
        let x = &self.toks[t];
        x.end - x.start == w.len()
            && self.text.as_bytes()[x.start..x.end].eq_ignore_ascii_case(w.as_bytes())
    }

    fn day_before(&self, t: usize) -> Option<(u32, usize)> {
        let x = self.toks[t];
        let s = &self.text[x.start..x.end];
        if x.kind == Kind::Alnum && is_ordinal(s) || x.kind == Kind::Num && s.len() <= 2 {
            let d = parse_u(s.trim_end_matches(|c: char| c.is_ascii_alphabetic()))?;
            return (1..=31).contains(&d).then_some((d, t));
        }
        if x.has(ORDINAL) {
            let mut d = u32::from(x.info.num);
            let mut s = t;
            if t > 0 && self.toks[t - 1].has(TENS) && d < 10 {
                d += u32::from(self.toks[t - 1].info.num);
                s = t - 1;
            }
            if s > 0 && self.lower_is(s - 1, "the") {
                s -= 1;
            }
            return (1..=31).contains(&d).then_some((d, s));
        }
        None
    }

    fn day_after(&self, t: usize, runs: &[Run]) -> Option<(u32, usize)> {
        let x = *self.toks.get(t)?;
        let s = &self.text[x.start..x.end];
        if x.kind == Kind::Alnum && is_ordinal(s) {
            let d = parse_u(s.trim_end_matches(|c: char| c.is_ascii_alphabetic()))?;
            return (1..=31).contains(&d).then_some((d, t));
        }
        if x.kind == Kind::Num && s.len() <= 2 {
            let d = parse_u(s)?;
            return (1..=31).contains(&d).then_some((d, t));
        }
        if x.has(TENS)
            && self
                .toks
                .get(t + 1)
                .is_some_and(|y| y.has(ORDINAL) && y.info.num < 10)
        {
            let d = u32::from(x.info.num + self.toks[t + 1].info.num);
            return (1..=31).contains(&d).then_some((d, t + 1));
        }
        if x.has(ORDINAL) {
            return Some((u32::from(x.info.num), t));
        }
        // "march fifteen nineteen eighty": a spoken run whose first element is the day.
        if let Some(r) = run_at(runs, t).filter(|r| r.elems[0].spoken) {
            let e = r.elems[0];
            let d = parse_u(&r.digits[e.d0..e.d1])?;
            if (1..=31).contains(&d) && r.elems.len() > 1 {
                return Some((d, e.tok_last));
            }
        }
        None
    }

    /// Custom recognizers from configuration.
    pub fn customs(&mut self) {
        for c in &self.cfg.customs {
            if !c.enabled {
                continue;
            }
            for m in c.regex.find_iter(self.text) {
                if m.start() == m.end() {
                    continue;
                }
                let (t0, t1) = self.tok_range(m.start(), m.end());
                let mut score = c.score;
                let mut reason = format!("pattern of {}", c.name);
                if let Some(v) = c.validator {
                    let digits: String = m
                        .as_str()
                        .chars()
                        .filter(char::is_ascii_alphanumeric)
                        .collect();
                    if !v.check(&digits) {
                        self.push(
                            E::Custom(c.entity.clone()),
                            m.start(),
                            m.end(),
                            0.0,
                            "custom",
                            reason.into(),
                            String::new(),
                            Some(Rejection::ValidatorFailed {
                                validator: v.name(),
                            }),
                        );
                        continue;
                    }
                    reason.push_str(&format!("; {} ok", v.name()));
                }
                if !c.context.is_empty() {
                    let lo = t0.saturating_sub(usize::from(self.cfg.window));
                    let hit = (lo..t0)
                        .chain(t1 + 1..(t1 + 3).min(self.toks.len()))
                        .any(|k| {
                            self.toks[k].is_word()
                                && c.context
                                    .iter()
                                    .any(|w| self.word(k).eq_ignore_ascii_case(w))
                        });
                    if hit {
                        score += BOOST;
                        reason.push_str("; context word");
                    }
                }
                let reject = (score < self.cfg.threshold).then_some(Rejection::BelowThreshold {
                    score,
                    threshold: self.cfg.threshold,
                });
                let key = m.as_str().to_string();
                self.push(
                    E::Custom(c.entity.clone()),
                    m.start(),
                    m.end(),
                    score,
                    "custom",
                    reason.into(),
                    key,
                    reject,
                );
            }
        }
    }
}

trait RetainFrom<T> {
    fn retain_mut_from(&mut self, from: usize, f: impl FnMut(&mut T) -> bool);
}

impl<T> RetainFrom<T> for Vec<T> {
    fn retain_mut_from(&mut self, from: usize, mut f: impl FnMut(&mut T) -> bool) {
        let tail: Vec<T> = self.drain(from..).collect();
        for mut x in tail {
            if f(&mut x) {
                self.push(x);
            }
        }
    }
}

impl Tok {
    fn cap_i(&self) -> bool {
        self.cap && self.end - self.start == 1
    }
}

/// The run whose first element starts at token `t` (runs are in token order).
/// A lower-case-able word the lexicon has no role for (not a census name, not a
/// function, number, street or context word): after a strong cue, likely a rare name.
/// A word that could be a name rather than a verb, an adverb or a plural:
/// "texted", "calling", "usually", "keeps" are not; "philippa", "okafor",
/// "thaddeus" are. Only asked of words the lexicon does not know.
/// The reason a cued name gives: fixed text for the known cues, so no
/// candidate allocates one.
fn cue_reason(cue: &'static str) -> Cow<'static, str> {
    Cow::Borrowed(match cue {
        "my name is" => "after cue \"my name is\"",
        "named" => "after cue \"named\"",
        "name" => "after cue \"name\"",
        "this is" => "after cue \"this is\"",
        "speak to" => "after cue \"speak to\"",
        "relation" => "after cue \"relation\"",
        "title" => "after cue \"title\"",
        "call me" => "after cue \"call me\"",
        "greeting" => "after cue \"greeting\"",
        _ => return Cow::Owned(format!("after cue {cue:?}")),
    })
}

/// Whether the nearest context word names a document or account rather than
/// a phone: "the account number is 434 558 3404", "call back with the mrn
/// which is ninety five ...". The number's shape alone must not outrank it.
/// An account word yields to any phone word ("the phone number on the account
/// is ..."); a record, licence or passport word only to a nearer one.
fn document_cue(ctx: &Ctx) -> bool {
    let phone = E::PhoneNumber.bit();
    let account = ctx.pos(phone).is_none()
        && ctx
            .nearest_cue()
            .is_some_and(|n| n.1 & E::AccountNumber.bit() != 0);
    let doc = E::MedicalRecordNumber.bit() | E::UsDriverLicense.bit() | E::UsPassport.bit();
    account
        || ctx
            .nearest_cue()
            .is_some_and(|n| n.1 & doc != 0 && n.1 & phone == 0)
}

/// A national phone format outside North America: who it is, the groupings
/// it is written in, and the reason (typed, spoken) it gives.
struct National {
    valid: fn(&str) -> bool,
    country: &'static str,
    groupings: &'static [&'static [usize]],
    reason: (&'static str, &'static str),
}

/// UK numbers (Ofcom ranges), Irish mobiles, Australian numbers, Irish and
/// New Zealand landlines. Irish mobiles before Australian: "08..." is both an
/// Irish mobile and an Australian landline. Landlines are taken only in
/// their groupings or spoken: nine bare digits with a leading zero are as
/// often a reference.
const NATIONAL: [National; 5] = [
    National {
        valid: validate::uk_national,
        country: "44",
        groupings: &[
            &[11],
            &[4, 3, 4],
            &[3, 4, 4],
            &[5, 6],
            &[5, 3, 3],
            &[4, 7],
            &[3, 8],
            &[3, 3, 5],
        ],
        reason: ("typed UK number", "spoken UK number"),
    },
    National {
        valid: validate::ie_mobile,
        country: "353",
        groupings: &[&[10], &[4, 3, 3], &[3, 3, 4], &[2, 4, 4]],
        reason: ("typed national number", "spoken national number"),
    },
    National {
        valid: validate::au_national,
        country: "61",
        groupings: &[&[10], &[4, 3, 3], &[3, 3, 4], &[2, 4, 4]],
        reason: ("typed national number", "spoken national number"),
    },
    National {
        valid: validate::nz_landline,
        country: "64",
        groupings: &[&[2, 3, 4]],
        reason: ("typed national number", "spoken national number"),
    },
    National {
        valid: validate::ie_landline,
        country: "353",
        groupings: &[&[2, 3, 4], &[3, 3, 3], &[3, 3, 4], &[3, 7], &[3, 6]],
        reason: ("typed national number", "spoken national number"),
    },
];

/// Words that start a place named after a saint or a feature: "Saint
/// Francis", "Mount Vernon", "Fort Worth", "Lake Placid", "San Jose".
const PLACE_PREFIXES: [&str; 10] = [
    "saint", "st", "mount", "mt", "fort", "ft", "lake", "port", "san", "santa",
];

/// Whether `postcode` (four digits) is in the range of the Australian state
/// or territory abbreviated `state` ("NSW", "VIC", "QLD" ...).
fn au_state_postcode(state: &str, postcode: &str) -> bool {
    let p = postcode.as_bytes();
    if p.len() != 4 {
        return false;
    }
    match state {
        "NSW" => matches!(p[0], b'1' | b'2'),
        "ACT" => p[0] == b'2' || p.starts_with(b"02"),
        "VIC" => matches!(p[0], b'3' | b'8'),
        "QLD" => matches!(p[0], b'4' | b'9'),
        "SA" => p[0] == b'5',
        "WA" => p[0] == b'6',
        "TAS" => p[0] == b'7',
        "NT" => p.starts_with(b"08") || p.starts_with(b"09"),
        _ => false,
    }
}

/// Relatives, friends and people in a role, named before or after a name:
/// "my brother Sam", "the technician Ana Cruz", "ivana my daughter".
pub(crate) fn is_relation_noun(w: &str) -> bool {
    matches!(
        w,
        "daughter"
            | "son"
            | "husband"
            | "wife"
            | "mother"
            | "father"
            | "gran"
            | "brother"
            | "sister"
            | "friend"
            | "aunt"
            | "auntie"
            | "aunty"
            | "uncle"
            | "cousin"
            | "nephew"
            | "niece"
            | "boyfriend"
            | "girlfriend"
            | "partner"
            | "fiance"
            | "fiancee"
            | "grandma"
            | "grandmother"
            | "grandpa"
            | "grandfather"
            | "granny"
            | "nan"
            | "stepdad"
            | "stepmom"
            | "stepmum"
            | "stepfather"
            | "stepmother"
            | "neighbour"
            | "neighbor"
            | "tenant"
            | "landlord"
            | "landlady"
            | "roommate"
            | "flatmate"
            | "technician"
            | "tech"
            | "worker"
            | "nurse"
            | "counsellor"
            | "counselor"
            | "therapist"
            | "engineer"
            | "officer"
            | "caseworker"
            | "teacher"
            | "dr"
            | "doctor"
            | "midwife"
            | "carer"
            | "caregiver"
            | "advisor"
            | "adviser"
            | "mum"
            | "mom"
            | "dad"
            | "mam"
            | "mummy"
            | "mommy"
            | "daddy"
            | "stepson"
            | "stepdaughter"
            | "grandson"
            | "granddaughter"
            | "coach"
            | "guarantor"
            | "applicant"
            | "customer"
            | "resident"
            | "beneficiary"
            | "cardholder"
            | "policyholder"
            | "client"
            | "colleague"
            | "contact"
            | "yp"
            | "cyp"
            | "nok"
            | "claimant"
            | "sponsor"
            | "parent"
            | "pupil"
            | "student"
            | "stepbrother"
            | "stepsister"
            | "payee"
            | "insured"
            | "ex"
            | "child"
            | "kid"
            | "grandchild"
            | "godson"
            | "goddaughter"
            | "advocate"
            | "keyworker"
            | "practitioner"
            | "author"
            | "signed"
            | "victim"
            | "informant"
            | "witness"
            | "complainant"
    )
}

/// People named by their role before "is": "the landlord is ...".
fn is_role(w: &str) -> bool {
    matches!(
        w,
        "landlord"
            | "landlady"
            | "beneficiary"
            | "caseworker"
            | "teacher"
            | "doctor"
            | "gp"
            | "counsellor"
            | "counselor"
            | "therapist"
            | "tenant"
            | "guarantor"
            | "applicant"
            | "claimant"
            | "payee"
            | "policyholder"
            | "cardholder"
            | "holder"
            | "adjuster"
            | "sponsor"
            | "coach"
            | "principal"
            | "manager"
            | "supervisor"
            | "pharmacist"
            | "receptionist"
            | "solicitor"
            | "interpreter"
            | "paramedic"
            | "dentist"
            | "physio"
            | "consultant"
            | "registrar"
    )
}

/// Words inside a name that are not names themselves: "maria de la cruz",
/// "cerys ap rhys", "tadhg mac giolla", "layla al sayed".
pub(crate) fn is_particle(w: &[u8]) -> bool {
    matches!(
        w,
        b"de"
            | b"la"
            | b"del"
            | b"della"
            | b"der"
            | b"den"
            | b"van"
            | b"von"
            | b"da"
            | b"das"
            | b"dos"
            | b"di"
            | b"du"
            | b"le"
            | b"mac"
            | b"mc"
            | b"ap"
            | b"al"
            | b"el"
            | b"bin"
            | b"ibn"
            | b"abu"
            | b"ben"
            | b"st"
            | b"los"
            | b"las"
            | b"ni"
            | b"nic"
            | b"ui"
    )
}

pub(crate) fn name_shaped(word: &str) -> bool {
    const VERBS: &[&str] = &[
        "went",
        "came",
        "took",
        "gave",
        "saw",
        "told",
        "made",
        "left",
        "kept",
        "brought",
        "thought",
        "found",
        "knew",
        "ran",
        "sat",
        "stood",
        "wrote",
        "broke",
        "fell",
        "felt",
        "heard",
        "lost",
        "met",
        "paid",
        "sent",
        "spent",
        "threw",
        "drove",
        "bought",
        "caught",
        "taught",
        "hung",
        "ate",
        "began",
        "woke",
        "rang",
        "sang",
        "swore",
        "shouted",
        "hit",
        "hurt",
        "lives",
        "works",
        "keeps",
        "says",
        "texts",
        "wants",
        "needs",
        "knows",
        "thinks",
        "tried",
        "tries",
        "used",
        "uses",
        "always",
        "never",
        "often",
        "usually",
        "sometimes",
        "probably",
        "apparently",
        "literally",
        "basically",
        "recently",
        "once",
        "twice",
        "too",
        "either",
        "neither",
        "though",
        "anyway",
        "who",
        "whose",
        "said",
        "asked",
        "come",
        "abroad",
        "away",
        "overseas",
        "upstairs",
        "downstairs",
        "outside",
        "inside",
        "online",
        "home",
        "alone",
        "together",
        "instead",
        "anymore",
        "lately",
        "nearby",
        "elsewhere",
        "sick",
    ];
    // Bytes, not chars, bound the length: "zieliński" is 10 bytes.
    if !(3..=16).contains(&word.len()) {
        return false;
    }
    // ASCII words (nearly all) lower-case on the stack; the rest allocate.
    let owned;
    let low = Low::new(word);
    let w: &str = if low.len > 0 {
        low.as_str()
    } else {
        owned = word.to_lowercase();
        &owned
    };
    let b = w.as_bytes();
    let n = b.len();
    // "d'souza", "o'connell"; "hasn't" and a possessive ("manalo's") are no names.
    if n < 3
        || !w
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_lowercase() || c == '\'' && i == 1)
    {
        return false;
    }
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    // "xiaoling", "yiming", "huijing": pinyin syllables, not verbs ("feeling" is a known word).
    let pinyin_ing = n >= 5
        && matches!(b[n - 4], b'l' | b'm' | b'j' | b'q' | b'x' | b'y')
        && vowel(b[n - 5])
        && w.ends_with("ing");
    let verbish = w.ends_with("ed")
        || w.ends_with("ing") && !pinyin_ing
        || w.ends_with("ly")
        || w.ends_with("ness")
        || w.ends_with("ment")
        || ["able", "ible", "ful", "less", "ous", "tion", "sion", "ive"]
            .iter()
            .any(|x| w.ends_with(x))
        // "keeps", "calls", "goes": a consonant or e then s; "thaddeus", "lois" are names.
        || b[n - 1] == b's' && (!vowel(b[n - 2]) || b[n - 2] == b'e') && b[n - 2] != b's';
    !verbish && !VERBS.contains(&w)
}

impl Scan<'_> {
    /// Whether the word at `k` is one of `PLACE_PREFIXES`.
    pub(crate) fn is_place_prefix(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|x| x.is_word())
            && PLACE_PREFIXES.iter().any(|w| self.lower_is(k, w))
    }

    /// An upper-case abbreviation ("SSN", "ID", "MRN") rather than a name.
    fn acronym(&self, t: usize) -> bool {
        let x = &self.toks[t];
        let w = &self.text.as_bytes()[x.start..x.end];
        (2..=4).contains(&w.len()) && w.iter().all(u8::is_ascii_uppercase)
    }

    /// A word of three or more letters the lexicon knows nothing about: neither
    /// a name, nor an English word, nor a role word.
    fn unknown(&self, t: usize) -> bool {
        let x = &self.toks[t];
        x.is_word()
            && x.info.flags == 0
            && x.info.ctx == 0
            && x.info.first == 0
            && x.info.last == 0
            && x.end - x.start >= 3
            && {
                // "d'souza", "o'brien": an apostrophe after a name's first letter;
                // "hasn't" and possessives are no names.
                let w = &self.text[x.start..x.end];
                let apostrophe_ok = |i: usize| i == 1;
                if w.is_ascii() {
                    w.bytes()
                        .enumerate()
                        .all(|(i, c)| c.is_ascii_alphabetic() || c == b'\'' && apostrophe_ok(i))
                } else {
                    w.chars()
                        .enumerate()
                        .all(|(i, c)| c.is_alphabetic() || c == '\'' && apostrophe_ok(i))
                }
            }
    }
}

fn run_at(runs: &[Run], t: usize) -> Option<&Run> {
    let i = runs.partition_point(|r| r.elems[0].tok_first < t);
    runs.get(i).filter(|r| r.elems[0].tok_first == t)
}

/// The run and element index of a run element that starts at token `t`.
fn elem_at(runs: &[Run], t: usize) -> Option<(&Run, usize)> {
    let i = runs.partition_point(|r| r.elems[r.elems.len() - 1].tok_last < t);
    let r = runs.get(i)?;
    r.elems
        .iter()
        .position(|e| e.tok_first == t)
        .map(|k| (r, k))
}

/// The run whose last element ends right before token `k`.
fn run_ending(runs: &[Run], k: usize) -> Option<&Run> {
    let i = runs.partition_point(|r| r.elems[r.elems.len() - 1].tok_last + 1 < k);
    runs.get(i)
        .filter(|r| r.elems[r.elems.len() - 1].tok_last + 1 == k)
}

fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_hexdigit())
}

fn is_ordinal(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    let digits = l.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !digits.is_empty()
        && digits.len() <= 4
        && digits.bytes().all(|c| c.is_ascii_digit())
        && matches!(&l[digits.len()..], "st" | "nd" | "rd" | "th")
}

fn parse_u(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 {
        return None;
    }
    s.parse().ok()
}

fn split_groups(run: &Run, i: usize, j: usize, at: Sep) -> Vec<String> {
    let mut out = vec![String::new()];
    for (k, e) in run.elems[i..=j].iter().enumerate() {
        if k > 0 && e.sep == at {
            out.push(String::new());
        }
        if let Some(last) = out.last_mut() {
            last.push_str(&run.digits[e.d0..e.d1]);
        }
    }
    out
}

/// Parses `MM/DD/YYYY`, `MM-DD-YY`, `YYYY-MM-DD`. `None` when the shape is not a date.
fn numeric_date(d: &str, groups: &[usize]) -> Option<bool> {
    if groups.len() != 3 {
        return None;
    }
    let (a, rest) = d.split_at(groups[0]);
    let (b, c) = rest.split_at(groups[1]);
    let (a, b, c) = (parse_u(a)?, parse_u(b)?, parse_u(c)?);
    Some(match groups {
        [4, _, _] => validate::date(a, b, c),
        [_, _, 4] => validate::date(c, a, b) || validate::date(c, b, a),
        // Month first (US) or day first (UK: "27/11/15").
        [_, _, 2] => [1900 + c, 2000 + c]
            .iter()
            .any(|&y| validate::date(y, a, b) || validate::date(y, b, a)),
        _ => return None,
    })
}

/// Splits spoken date digits into (year, month, day) when the last four digits are a year of
/// their own and the ones before it are exactly two spoken groups (month, then day).
fn spoken_month_day_year(d: &str, groups: &[usize]) -> Option<(u32, u32, u32)> {
    let year_at = d.len().checked_sub(4)?;
    let mut at = 0;
    let mut k = 0;
    while at < year_at {
        at += *groups.get(k)?;
        k += 1;
    }
    if at != year_at || k != 2 {
        return None;
    }
    let y = parse_u(&d[year_at..])?;
    if !(1900..=2099).contains(&y) {
        return None;
    }
    Some((
        y,
        parse_u(&d[..groups[0]])?,
        parse_u(&d[groups[0]..year_at])?,
    ))
}

fn email_key(toks: &[Tok], text: &str) -> String {
    let mut s = String::new();
    for t in toks {
        let w = &text[t.start..t.end];
        if t.is_word() && t.has(DOT) {
            s.push('.');
        } else if t.is_word() && t.has(AT) {
            s.push('@');
        } else if t.is_word() && t.has(UNDERSCORE) {
            s.push('_');
        } else if t.is_word() && t.has(DASH) {
            s.push('-');
        } else if t.is_word() && t.has(DIGIT) && w.len() > 1 {
            s.push(char::from(b'0' + (t.info.num % 10)));
        } else {
            s.push_str(&w.to_lowercase());
        }
    }
    s
}

/// Keeps the best non-overlapping candidates; the rest are marked overlapped.
pub(crate) fn resolve(cands: &mut [Cand], enabled: impl Fn(&E) -> bool) -> Vec<usize> {
    for c in cands.iter_mut() {
        if c.reject.is_none() && !enabled(&c.entity) {
            c.reject = Some(Rejection::EntityDisabled);
        }
    }
    // Sorted on keys copied out of the candidates: comparing through indices
    // into the (large) candidates costs a cache miss per comparison. The key
    // puts the best first: highest score, configured recognizers before
    // built-in context guesses (more specific), longest span, earliest start,
    // and the index last so the order is total.
    let mut keys: Vec<(u32, bool, usize, usize, usize)> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| c.reject.is_none())
        .map(|(i, c)| {
            (
                u32::MAX - score_order(c.score),
                !matches!(c.entity, E::Custom(_)),
                usize::MAX - (c.end - c.start),
                c.start,
                i,
            )
        })
        .collect();
    keys.sort_unstable();
    let order = keys.into_iter().map(|k| k.4);
    // Taken spans never overlap, so ordered by start they are also ordered by end:
    // the only possible clash is with the neighbours around `s`.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for i in order {
        let (s, e) = (cands[i].start, cands[i].end);
        let before = taken
            .range(..=s)
            .next_back()
            .map(|(_, &w)| w)
            .filter(|&w| cands[w].end > s);
        let after = taken
            .range(s..)
            .next()
            .map(|(_, &w)| w)
            .filter(|&w| cands[w].start < e);
        if let Some(w) = before.or(after) {
            let by = cands[w].entity.clone();
            cands[i].reject = Some(Rejection::Overlapped { by });
        } else {
            taken.insert(s, i);
        }
    }
    // "let me read it again, one one three ...": a value said again, out of its
    // context's reach, is still the value that was taken.
    let maybe_repeat =
        |c: &Cand| matches!(c.reject, Some(Rejection::BelowThreshold { .. })) && c.key.len() >= 4;
    if !cands.iter().any(maybe_repeat) {
        return taken.into_values().collect();
    }
    let values: rustc_hash::FxHashSet<(&E, &str)> = taken
        .values()
        .map(|&w| (&cands[w].entity, cands[w].key.as_str()))
        .collect();
    let repeats: Vec<usize> = (0..cands.len())
        .filter(|&i| {
            let c = &cands[i];
            matches!(c.reject, Some(Rejection::BelowThreshold { .. }))
                && c.key.len() >= 4
                && enabled(&c.entity)
                && values.contains(&(&c.entity, c.key.as_str()))
        })
        .collect();
    drop(values);
    for i in repeats {
        let (s, e) = (cands[i].start, cands[i].end);
        // Taken spans never overlap: only the last one starting before `e` can.
        let clash = taken
            .range(..e)
            .next_back()
            .is_some_and(|(_, &w)| cands[w].end > s);
        if !clash {
            cands[i].reject = None;
            cands[i].reason = format!(
                "{}; the same value as a finding before it",
                cands[i].reason_text()
            )
            .into();
            cands[i].ctx_words = None;
            taken.insert(s, i);
        }
    }
    taken.into_values().collect()
}

/// A score as a `u32` that orders as the score does (IEEE 754 total order).
fn score_order(score: f32) -> u32 {
    let bits = score.to_bits();
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    }
}

/// Turns a candidate into a public finding, computing char offsets.
pub(crate) fn to_finding(c: &Cand, chars: &CharIndex) -> Finding {
    Finding {
        entity_type: c.entity.clone(),
        start: c.start,
        end: c.end,
        char_start: chars.at(c.start),
        char_end: chars.at(c.end),
        score: c.score,
        recognizer: Cow::Borrowed(c.recognizer),
        reason: Cow::Owned(c.reason_text().into_owned()),
        key: c.key.clone(),
    }
}

/// `to_finding` for a candidate no longer needed: its reason and key move
/// into the finding instead of being copied.
pub(crate) fn into_finding(c: &mut Cand, chars: &CharIndex) -> Finding {
    let reason = match c.ctx_words {
        Some(_) => Cow::Owned(c.reason_text().into_owned()),
        None => std::mem::take(&mut c.reason),
    };
    Finding {
        entity_type: c.entity.clone(),
        start: c.start,
        end: c.end,
        char_start: chars.at(c.start),
        char_end: chars.at(c.end),
        score: c.score,
        recognizer: Cow::Borrowed(c.recognizer),
        reason,
        key: std::mem::take(&mut c.key),
    }
}

/// Byte-to-char offset conversion: O(1) for ASCII text, and incremental for
/// increasing offsets otherwise (findings come in text order).
pub(crate) struct CharIndex<'a> {
    text: &'a str,
    ascii: bool,
    last: std::cell::Cell<(usize, usize)>,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        CharIndex {
            text,
            ascii: text.is_ascii(),
            last: std::cell::Cell::new((0, 0)),
        }
    }
    pub fn at(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let (b0, c0) = self.last.get();
        let (b0, c0) = if byte >= b0 { (b0, c0) } else { (0, 0) };
        let c = c0 + self.text.get(b0..byte).map_or(0, |s| s.chars().count());
        self.last.set((byte, c));
        c
    }
}

#[allow(dead_code)]
pub(crate) fn explain(cands: &[Cand], chars: &CharIndex) -> Vec<Candidate> {
    cands
        .iter()
        .map(|c| Candidate {
            finding: to_finding(c, chars),
            rejection: c.reject.clone(),
        })
        .collect()
}

/// A word lower-cased into a fixed buffer: matching cue words allocates nothing.
/// Words longer than the buffer read as "" (no literal they are compared with is that long).
pub(crate) struct Low {
    buf: [u8; 24],
    len: u8,
}

impl Low {
    fn new(w: &str) -> Low {
        let mut l = Low {
            buf: [0; 24],
            len: 0,
        };
        if w.len() <= l.buf.len() && w.is_ascii() {
            for (d, s) in l.buf.iter_mut().zip(w.bytes()) {
                *d = s.to_ascii_lowercase();
            }
            l.len = w.len() as u8;
        }
        l
    }

    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..usize::from(self.len)]).unwrap_or("")
    }

    /// The lower-cased bytes, for matching against byte literals without the
    /// UTF-8 check `as_str` makes.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.buf[..usize::from(self.len)]
    }
}
