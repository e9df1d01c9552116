//! Names that typed notes write with capitals and no cue: "Acct holder
//! Agnieszka Kaczmarek", "NOK Tyler Whitfield", "bullying by Chinedu and Elif",
//! a signature line "Aoife Mac Carthaigh".
//!
//! The cue-driven recognizer in `persons` needs a cue or a census name; these
//! rules lean on what the lexicon knows instead: a capitalised word that is
//! neither an English word, nor a role, place or organisation word, is a name
//! when it stands with another such word, or when the name registers list it.

use super::Scan;
use crate::entity::EntityType as E;
use crate::lexicon::*;
use crate::scan::Kind;

/// Words after which a sentence's subject starts: "and then joemar took ...".
const SUBJECT_BEFORE: [&str; 15] = [
    "and", "then", "but", "because", "cos", "coz", "cause", "so", "um", "uh", "like", "when", "if",
    "that", "think",
];

/// Animals whose names are no one's personal data.
const PETS: [&str; 22] = [
    "dog", "cat", "puppy", "kitten", "hamster", "budgie", "parrot", "rabbit", "pet", "staffie",
    "horse", "pony", "tortoise", "ferret", "goldfish", "labrador", "terrier", "spaniel", "collie",
    "gerbil", "bird", "snake",
];

/// Firms named after people, and states that read like a name: a
/// capitalised pair that is no one's personal data.
const EPONYMOUS: [&str; 22] = [
    "charles schwab",
    "morgan stanley",
    "edward jones",
    "jenny craig",
    "sallie mae",
    "fannie mae",
    "freddie mac",
    "john deere",
    "john lewis",
    "marks spencer",
    "dr scholl",
    "ben jerry",
    "dean witter",
    "raymond james",
    "north carolina",
    "south carolina",
    "north dakota",
    "south dakota",
    "west virginia",
    "new jersey",
    "new mexico",
    "rhode island",
];

/// Roles a capitalised phrase can never be a person without: "Homeless Team".
const NOT_NAME_AFTER: [&str; 10] = [
    "team",
    "office",
    "ward",
    "unit",
    "centre",
    "center",
    "infirmary",
    "branch",
    "hospice",
    "surgery",
];

impl Scan<'_> {
    /// Whether token `k` can be part of a capitalised name: capitalised, not an
    /// abbreviation, and a name or a word the lexicon does not know at all.
    fn cap_name_word(&self, k: usize) -> bool {
        let Some(x) = self.toks.get(k) else {
            return false;
        };
        if !x.is_word() || !x.cap || x.end - x.start < 2 {
            return false;
        }
        let listed = x.info.first != 0 || x.info.last != 0;
        // "Ababa", "Lumpur": a place's word, not a name's.
        if x.has(PLACE) && !listed {
            return false;
        }
        // "WDLMNMBFEGVY", "NOK", "DOB": capitals throughout are codes and labels.
        let code = || self.word(k).chars().all(char::is_uppercase);
        !x.has(
            WORD | FUNCTION
                | ORG
                | STREET
                | STATE
                | MONTH
                | TITLE
                | CUE
                | AMBIG
                | DIGIT
                | UNIT
                | DIRECTION
                | TLD
                | NEG
                | NEG_AFTER,
        ) && x.info.ctx == 0
            && (listed || self.unknown(k))
            && !code()
    }

    fn particle(&self, k: usize) -> bool {
        // Particles are two to five letters ("al", "della"), the Irish ones included.
        self.toks
            .get(k)
            .is_some_and(|x| x.is_word() && (2..=5).contains(&(x.end - x.start)))
            && (super::is_particle(self.low(k).bytes())
                // Irish: "Saoirse Ó Murchú", "Aoife Ní Bhriain".
                || matches!(self.word(k), "Ó" | "ó" | "Ní" | "ní" | "Uí" | "uí" | "Nic" | "nic"))
    }

    /// Capitalised names without a cue (see the module doc).
    pub fn capitalised_names(&mut self) {
        let toks = self.toks;
        let n = toks.len();
        // Only the words that can be part of a name (see `name_like`).
        let list = std::mem::take(&mut self.name_like);
        let mut next = 0;
        for &t in &list {
            if t < next {
                continue;
            }
            // Most words are lower case: nothing here starts with one.
            if !(toks[t].cap && toks[t].is_word()) {
                continue;
            }
            // "Mark Yunupingu", "Hunter Littlechild": a given name that is also a
            // word starts a name when a strict name word follows it.
            let ambiguous_start = !self.cap_name_word(t)
                && toks[t].is_word()
                && toks[t].cap
                && toks[t].has(AMBIG | WORD | FUNCTION)
                && toks[t].info.first != 0
                // "Bill Kakakaway": a common given name, even one that is a word.
                && (!toks[t].has(FUNCTION) || toks[t].info.first < 1500)
                && !toks[t].has(TITLE | CUE | MONTH)
                && toks.get(t + 1).is_some_and(|y| y.gap && !y.has(AMBIG))
                && self.cap_name_word(t + 1);
            // "H.J. Abdi": initials start the name they stand before.
            let initials = self
                .initials_from(t)
                .filter(|&k| self.cap_name_word(k) && !(t > 0 && self.cap_name_word(t - 1)));
            if let Some(k) = initials {
                if self.after_pet_word(t) {
                    next = k + 1;
                    continue;
                }
                let mut last = k;
                if k + 1 < n
                    && toks[k + 1].gap
                    && !self.line_break(k, k + 1)
                    && self.cap_name_word(k + 1)
                {
                    last = k + 1;
                }
                self.person_span(t, last, 0.7, "initials and a name");
                next = last + 1;
                continue;
            }
            if !(self.cap_name_word(t) || ambiguous_start)
                || t > 0 && self.cap_name_word(t - 1)
                || self.place_prefix(t)
            {
                continue;
            }
            // Name words, joined by hyphens ("Seo-yeon") and particles ("de la").
            let mut words = 1;
            let mut last = t;
            let mut unknown = usize::from(self.unknown(t) || ambiguous_start);
            loop {
                let k = last + 1;
                if k + 1 < n
                    && toks[k].is_punct(b'-')
                    && !toks[k].gap
                    && !toks[k + 1].gap
                    && toks[k + 1].is_word()
                    && !toks[k + 1].has(WORD | FUNCTION)
                {
                    last = k + 1;
                    unknown += usize::from(self.unknown(k + 1));
                    continue;
                }
                // "Yousef Al-Hashimi": a particle hyphened to the surname.
                if k + 2 < n
                    && self.particle(k)
                    && toks[k].gap
                    && toks[k + 1].is_punct(b'-')
                    && !toks[k + 1].gap
                    && toks[k + 2].is_word()
                    && !toks[k + 2].gap
                    && !toks[k + 2].has(WORD | FUNCTION)
                {
                    words += 1;
                    last = k + 2;
                    continue;
                }
                let mut j = k;
                while j < n && j < k + 2 && self.particle(j) {
                    j += 1;
                }
                if j < n
                    && toks[j].gap
                    && !self.line_break(last, j)
                    && (self.cap_name_word(j)
                        || self.surname_state(j)
                        // "Oksana Shevchenko": a surname known only as a place,
                        // after a given name.
                        || words == 1 && toks[t].info.first != 0 && self.place_surname(j))
                    && words < 4
                {
                    words += 1;
                    unknown += usize::from(self.unknown(j));
                    last = j;
                    continue;
                }
                // "Hye-jin Park", "Kwame Long": a listed surname that is also a
                // word ends a name begun by a strict name word.
                if j < n
                    && j == k
                    && toks[j].gap
                    && !self.line_break(last, j)
                    && self.surname_word(j)
                    && !toks.get(j + 1).is_some_and(|y| y.is_word() && y.cap)
                {
                    words += 1;
                    last = j;
                }
                break;
            }
            let prev_is = |w: &str| t > 0 && toks[t - 1].is_word() && self.lower_is(t - 1, w);
            // "in Addis Ababa", "near Tudor Close": a place.
            let place = ["in", "near", "at", "visiting", "towards", "through", "via"]
                .iter()
                .any(|w| prev_is(w))
                // "17350 Calle Sol": a street name after its number.
                || t > 0 && toks[t - 1].kind == Kind::Num
                // "Austin 49733", "Tyler 85688": a town before its ZIP code.
                || words == 1
                    && toks.get(last + 1).is_some_and(|y| {
                        y.kind == Kind::Num && y.end - y.start == 5 && y.gap
                    })
                    && !self.line_break(last, last + 1);
            let next_org = toks.get(last + 1).is_some_and(|x| {
                x.is_word()
                    && (x.has(ORG | STREET)
                        || NOT_NAME_AFTER.iter().any(|w| self.lower_is(last + 1, w)))
            });
            // "Columbus, OH": a city before a state.
            let city = toks.get(last + 1).is_some_and(|x| x.is_punct(b','))
                && toks.get(last + 2).is_some_and(|x| x.has(STATE) && x.cap);
            let sentence_start = t == 0
                || matches!(
                    toks[t - 1].kind,
                    Kind::Punct(b'.' | b'?' | b'!' | b'"' | b':')
                );
            let first = toks[t];
            let (score, why) = if words >= 2 {
                (0.7, "capitalised name words")
            } else if toks.get(last + 1).is_some_and(|y| y.is_punct(b'('))
                && toks.get(last + 2).is_some_and(|y| {
                    y.is_word() && (y.has(CUE) || super::is_role(self.low(last + 2).as_str()))
                })
            {
                // "Jarrah (stepfather) hits her": a name and who the person is.
                (0.7, "name before who the person is")
            } else if first.info.first != 0
                // More a given name than a surname ("Johnson" is both).
                && (first.info.last == 0 || first.info.first < first.info.last)
                // "Paris, Ontario", "Lincoln's Birthday", "Macy's".
                && !first.has(PLACE)
                && !self.word(t).ends_with("'s")
                && unknown == 0
                && (!sentence_start || self.line_alone(t, last))
                && !self.proper_noun_neighbour(t)
            {
                // A listed given name mid-sentence ("by Chinedu"), or alone on
                // its line (a signature).
                (0.55, "capitalised listed first name")
            } else {
                (0.0, "")
            };
            // "Victoria Park": a place's name and a place word.
            let park = toks[t..=last].iter().any(|x| x.has(PLACE))
                && toks[t..=last].iter().any(|x| x.has(ORG | STREET));
            if score == 0.0 || place || next_org || city || park || self.after_pet_word(t) {
                next = last + 1;
                continue;
            }
            self.person_span(t, last, score, why);
            next = last + 1;
        }
        self.name_like = list;
    }

    /// A capitalised listed surname, whatever else the word is ("Park").
    fn surname_word(&self, k: usize) -> bool {
        let x = self.toks[k];
        x.is_word()
            && x.cap
            && x.info.last != 0
            && x.end - x.start > 1
            && !x.has(FUNCTION | TITLE | MONTH | STREET | CUE | DIGIT)
            && !self.word(k).chars().all(char::is_uppercase)
    }

    /// A capitalised word known only as a place ("Shevchenko"): a surname too.
    fn place_surname(&self, k: usize) -> bool {
        let x = self.toks[k];
        x.is_word()
            && x.cap
            && x.has(PLACE)
            && x.info.first == 0
            && x.info.last == 0
            && !x.has(WORD | ORG | STREET | STATE)
    }

    /// A surname that is also a state ("DeShawn Washington"), after a name.
    fn surname_state(&self, k: usize) -> bool {
        let x = self.toks[k];
        x.is_word() && x.cap && x.has(STATE) && x.info.last != 0 && x.end - x.start > 2
    }

    /// Scores tokens `t..=last` as a person's name.
    pub(super) fn person_span(
        &mut self,
        t: usize,
        last: usize,
        score: f32,
        why: impl Into<std::borrow::Cow<'static, str>>,
    ) {
        let (start, mut end) = (self.toks[t].start, self.toks[last].end);
        if self.not_a_person(t, last) {
            return;
        }
        // "Alejandro's mom": the name, not its possessive ending.
        let tail = &self.text[self.toks[last].start..end];
        if let Some(stem) = tail
            .strip_suffix("'s")
            .or_else(|| tail.strip_suffix("'S"))
            .or_else(|| tail.strip_suffix("\u{2019}s"))
        {
            end = self.toks[last].start + stem.len();
        }
        let key = self.text[start..end].to_lowercase();
        self.scored(
            E::Person,
            (start, end),
            (t, last),
            score,
            0.1,
            "person",
            why.into(),
            key,
            false,
            // No word is context for a name, and negative words are about
            // numbers: a name's score is its own.
            &super::Ctx::default(),
        );
    }

    /// Whether tokens `t..=last` name a firm or a state that reads like a
    /// person ("Charles Schwab", "North Carolina").
    fn not_a_person(&self, t: usize, last: usize) -> bool {
        let (start, end) = (self.toks[t].start, self.toks[last].end);
        let span = &self.text.as_bytes()[start..end];
        // Only two- and three-word spans of at most 20 bytes can be one.
        if !(last > t && span.len() <= 20) {
            return false;
        }
        let mut low = [0u8; 20];
        let mut n = 0;
        for &c in span {
            // One space between words, whatever the text had.
            if c.is_ascii_whitespace() {
                if n > 0 && low[n - 1] != b' ' {
                    low[n] = b' ';
                    n += 1;
                }
            } else if c != b'.' {
                low[n] = c.to_ascii_lowercase();
                n += 1;
            }
        }
        EPONYMOUS.iter().any(|p| p.as_bytes() == &low[..n])
    }

    /// Whether the word at `k` can follow a bare name: a verb that says the
    /// word before it is someone ("bogdan hits me", "shannon told me"), or
    /// "is", "was", "and", "speaking". One match, not a search per word.
    pub(super) fn subject_follower(&self, k: usize) -> bool {
        self.toks
            .get(k)
            .is_some_and(|x| x.is_word() && x.end - x.start <= 9)
            && matches!(
                self.low(k).bytes(),
                b"told"
                    | b"tells"
                    | b"said"
                    | b"says"
                    | b"hit"
                    | b"hits"
                    | b"took"
                    | b"takes"
                    | b"keeps"
                    | b"kept"
                    | b"texted"
                    | b"texts"
                    | b"messaged"
                    | b"called"
                    | b"calls"
                    | b"rang"
                    | b"sent"
                    | b"sends"
                    | b"threw"
                    | b"throws"
                    | b"pushed"
                    | b"pushes"
                    | b"punched"
                    | b"kicked"
                    | b"kicks"
                    | b"grabbed"
                    | b"grabs"
                    | b"touched"
                    | b"touches"
                    | b"shouted"
                    | b"shouts"
                    | b"yelled"
                    | b"yells"
                    | b"screamed"
                    | b"hurt"
                    | b"hurts"
                    | b"beat"
                    | b"beats"
                    | b"slapped"
                    | b"slaps"
                    | b"bullies"
                    | b"bullied"
                    | b"posted"
                    | b"posts"
                    | b"moved"
                    | b"put"
                    | b"puts"
                    | b"turned"
                    | b"went"
                    | b"came"
                    | b"comes"
                    | b"checks"
                    | b"checked"
                    | b"started"
                    | b"starts"
                    | b"made"
                    | b"makes"
                    | b"keep"
                    | b"brought"
                    | b"lives"
                    | b"wants"
                    | b"is"
                    | b"was"
                    | b"and"
                    | b"speaking"
            )
    }

    /// Whether the lower-case word at `k` can be a name with no cue before it:
    /// a listed given name or a word the lexicon does not know, and never an
    /// English word or a role.
    fn bare_name_word(&self, k: usize) -> bool {
        let Some(x) = self.toks.get(k) else {
            return false;
        };
        x.is_word()
            && !x.cap
            && x.end - x.start >= 3
            && x.info.ctx == 0
            && !x.has(
                WORD | FUNCTION
                    | AMBIG
                    | CUE
                    | TITLE
                    | ORG
                    | STREET
                    | STATE
                    | MONTH
                    | DIGIT
                    | NEG
                    | NEG_AFTER
                    | TLD,
            )
            && (x.info.first != 0 && (x.info.last == 0 || x.info.first < x.info.last)
                || self.unknown(k) && super::name_shaped(self.word(k)))
    }

    /// Children and callers name people as the subject of what they did, with
    /// no cue: "bogdan hits me", "shannon told me", "ikenna is my little
    /// brother", "larissa and shahana from year nine ...".
    pub fn subject_names(&mut self) {
        let toks = self.toks;
        let n = toks.len();
        // Only the words that can be part of a name (see `name_like`).
        let list = std::mem::take(&mut self.name_like);
        let mut next = 0;
        for &t in &list {
            if t < next {
                continue;
            }
            // Cheap tests first: most words are known words or have no verb after them.
            let x = toks[t];
            if x.info.first == 0 && x.info.last == 0 && self.possessive_name(t) {
                continue;
            }
            // Only a listed name or an unknown word can be a bare name; the next
            // token must be a word or a comma. Most tokens fail here.
            if !x.is_word()
                || x.cap
                || x.end - x.start < 3
                || x.has(FUNCTION)
                || x.info.first == 0 && x.info.last == 0 && x.info.flags != 0
                || !toks
                    .get(t + 1)
                    .is_some_and(|y| y.is_word() || y.is_punct(b','))
            {
                continue;
            }
            // Only a verb, "and", "speaking" or a comma can follow a bare name.
            let speaking_ahead = (2..=3).any(|d| t + d < n && self.lower_is(t + d, "speaking"))
                || self.lower_is(t + 1, "here");
            let follower = toks[t + 1].is_punct(b',') || self.subject_follower(t + 1);
            // "me and shane went ...": the other half of "me and".
            let me_and = t > 1 && self.lower_is(t - 1, "and") && self.lower_is(t - 2, "me");
            // "anneke from next door came round", "priya from school".
            let from_near = self.lower_is(t + 1, "from")
                && t + 2 < n
                && [
                    "next",
                    "school",
                    "work",
                    "year",
                    "my",
                    "your",
                    "down",
                    "across",
                    "upstairs",
                    "downstairs",
                    "college",
                    "uni",
                    "church",
                ]
                .iter()
                .any(|w| self.lower_is(t + 2, w));
            // "the claim's for ivana my daughter", "kayden my little brother".
            let my_relation = self.lower_is(t + 1, "my")
                && (t + 2..(t + 4).min(n))
                    .any(|k| toks[k].is_word() && super::is_relation_noun(self.low(k).as_str()));
            if !(follower || speaking_ahead || me_and || from_near || my_relation) {
                continue;
            }
            let speaking_next = || {
                toks.get(t + 1).is_some_and(|y| y.is_word())
                    && (1..=3).any(|d| t + d < n && self.lower_is(t + d, "speaking"))
            };
            if x.has(WORD) && !(x.info.first != 0 && speaking_next()) {
                continue;
            }
            if my_relation
                && x.info.first != 0
                && !x.has(WORD | AMBIG | CUE | TITLE)
                && self.bare_name_word(t)
            {
                self.person_span(t, t, 0.6, "name before who the person is");
                next = t + 2;
                continue;
            }
            let starts_clause = t == 0
                || matches!(toks[t - 1].kind, Kind::Punct(b'.' | b'?' | b'!' | b','))
                || toks[t - 1].is_word()
                    && (SUBJECT_BEFORE.iter().any(|w| self.lower_is(t - 1, w))
                        || ["was", "yeah", "yes", "hi", "hello", "ok", "okay"]
                            .iter()
                            .any(|w| self.lower_is(t - 1, w)));
            if !starts_clause {
                continue;
            }
            let verb_at = |k: usize| {
                toks.get(k).is_some_and(|x| x.is_word())
                    && (self.subject_follower(k)
                        && !["is", "was", "and", "speaking"]
                            .iter()
                            .any(|w| self.lower_is(k, w))
                        // "is my little brother", "was my friend".
                        || (self.lower_is(k, "is") || self.lower_is(k, "was"))
                            && toks.get(k + 1).is_some_and(|y| y.is_word())
                            && ["my", "our", "his", "her"].iter().any(|w| self.lower_is(k + 1, w)))
            };
            // "tran van minh speaking", "journey speaking": the caller's own name.
            if let Some(last) = self.name_before_speaking(t) {
                self.person_span(t, last, 0.7, "name before \"speaking\"");
                next = last + 2;
                continue;
            }
            // "it was jordan, my stepson, ...": a name and who the person is.
            let appositive = toks.get(t + 1).is_some_and(|y| y.is_punct(b','))
                && t + 3 < n
                && ["my", "her", "his", "our", "their"]
                    .iter()
                    .any(|w| self.lower_is(t + 2, w))
                && toks[t + 3].has(CUE)
                && toks[t].info.first != 0;
            let and_next = t + 2 < n && self.lower_is(t + 1, "and");
            if appositive && !x.has(WORD | AMBIG | CUE | TITLE) {
                self.person_span(t, t, 0.6, "name before who the person is");
                next = t + 2;
                continue;
            }
            // "mitchell and genevieve keep messaging me": a given name that is
            // more often a surname, paired with a name before a verb.
            let pair_before_verb = and_next
                && x.info.first != 0
                && !x.has(WORD | AMBIG | CUE | TITLE | STREET | STATE | MONTH)
                && self.bare_name_word(t + 2)
                && verb_at(t + 3);
            let alone = verb_at(t + 1) || me_and || from_near;
            if !(and_next || alone) || !(self.bare_name_word(t) || pair_before_verb) {
                continue;
            }
            // "larissa and shahana ...": two names joined by "and".
            let pair = and_next
                && self.bare_name_word(t + 2)
                && (toks[t + 2].info.first != 0 || toks[t].info.first != 0);
            let mut names = Vec::new();
            if pair {
                names.push(t);
                names.push(t + 2);
            } else if alone {
                names.push(t);
            }
            for &k in &names {
                let (start, end) = (toks[k].start, toks[k].end);
                let key = self.text[start..end].to_lowercase();
                self.scored(
                    E::Person,
                    (start, end),
                    (k, k),
                    0.6,
                    0.1,
                    "person",
                    "name before what the person did".into(),
                    key,
                    false,
                    &super::Ctx::default(),
                );
            }
            next = names.last().map_or(t + 1, |&k| k + 1);
        }
        self.name_like = list;
    }

    /// "i'm kirsty's carer", "we're sleeping at adwoa's house": a name in the
    /// possessive before a relation or a home. Takes the name without "'s" and
    /// says whether it did.
    fn possessive_name(&mut self, t: usize) -> bool {
        let toks = self.toks;
        let x = toks[t];
        let word = self.word(t);
        let Some(stem) = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("\u{2019}s"))
        else {
            return false;
        };
        if stem.len() < 3 || !toks.get(t + 1).is_some_and(|y| y.is_word()) {
            return false;
        }
        let owned = self.low(t + 1);
        let next = owned.as_str();
        let whose = matches!(
            next,
            "house"
                | "home"
                | "place"
                | "flat"
                | "room"
                | "bedroom"
                | "party"
                | "mum"
                | "dad"
                | "mom"
                | "mam"
                | "nan"
                | "phone"
        ) || toks[t + 1].has(CUE) && !toks[t + 1].has(FUNCTION) && next != "tell";
        if !whose {
            return false;
        }
        let Some(info) = self.cfg.lexicon.lookup(stem.as_bytes()) else {
            // A word the lexicon does not know, after "i'm", "at", "to", "round".
            let after = t > 0
                && [
                    "i'm", "im", "at", "to", "round", "with", "from", "it's", "its",
                ]
                .iter()
                .any(|w| self.lower_is(t - 1, w));
            if !(after && stem.chars().all(char::is_alphabetic) && super::name_shaped(stem)) {
                return false;
            }
            return self.possessive_span(t, stem.len(), x.cap);
        };
        let given = info.first != 0
            && (info.last == 0 || info.first < info.last || x.cap)
            && info.flags
                & (WORD | FUNCTION | AMBIG | CUE | TITLE | ORG | STREET | STATE | MONTH | PLACE)
                == 0;
        given && self.possessive_span(t, stem.len(), x.cap)
    }

    fn possessive_span(&mut self, t: usize, len: usize, cap: bool) -> bool {
        let start = self.toks[t].start;
        let key = self.text[start..start + len].to_lowercase();
        self.scored(
            E::Person,
            (start, start + len),
            (t, t),
            if cap { 0.6 } else { 0.55 },
            0.1,
            "person",
            "name in the possessive before a relation or a home".into(),
            key,
            false,
            &super::Ctx::default(),
        );
        true
    }

    /// "tran van minh speaking": one to three name words at `t` (a listed name,
    /// ambiguous or not, an unknown word, or a particle inside) right before
    /// "speaking". Returns the last name word.
    fn name_before_speaking(&self, t: usize) -> Option<usize> {
        let toks = self.toks;
        let namey = |k: usize| {
            toks[k].is_word()
                && !toks[k].has(FUNCTION | TITLE | CUE)
                && (toks[k].info.first != 0 || toks[k].info.last != 0 || self.unknown(k))
        };
        let mut k = t;
        while k < toks.len() && k < t + 3 {
            if self.lower_is(k, "speaking")
                || k > t && self.lower_is(k, "here") && k + 1 < toks.len() && toks[k + 1].is_word()
            {
                break;
            }
            if !(namey(k) || k > t && self.particle(k)) {
                return None;
            }
            k += 1;
        }
        // "james here i'm after a repeat": "here" then more of the sentence.
        let here = k < toks.len() && self.lower_is(k, "here") && t == k - 1 && !toks[t].has(WORD);
        (k > t && k < toks.len() && (self.lower_is(k, "speaking") || here) && namey(k - 1))
            .then(|| k - 1)
    }

    /// Every other mention of a name already found: "takoda pham ... takoda
    /// told me", "Hans Mensah (mother) ... Hans prefers email". A word of a
    /// found name that is no English word, role or particle marks each of its
    /// occurrences elsewhere in the text.
    pub fn name_mentions(&mut self) {
        let threshold = self.cfg.threshold;
        let mut found: Vec<(usize, usize)> = self
            .cands
            .iter()
            .filter(|c| c.entity == E::Person && c.reject.is_none() && c.score >= threshold)
            .map(|c| (c.start, c.end))
            .collect();
        if found.is_empty() {
            return;
        }
        // Merged, ordered spans: one walk marks the tokens inside them.
        found.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(found.len());
        for (s, e) in found {
            match merged.last_mut() {
                Some(m) if s <= m.1 => m.1 = m.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        let toks = self.toks;
        let name_word = |t: usize| {
            let x = toks[t];
            x.is_word()
                && x.end - x.start >= 3
                && !x.has(FUNCTION | WORD | AMBIG | TITLE | CUE | MONTH | STATE | PLACE | ORG)
                && !self.particle(t)
        };
        // The name words of the found spans, from their own tokens only.
        let mut words: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
        for &(s, e) in &merged {
            let (t0, t1) = self.tok_range(s, e);
            let within = (t0..=t1.min(toks.len().saturating_sub(1)))
                .filter(|&t| toks[t].start >= s && toks[t].end <= e && name_word(t));
            for t in within {
                words.insert(self.word(t).to_lowercase());
            }
        }
        if words.is_empty() {
            return;
        }
        // Lower-cased on the stack for ASCII words: no allocation per word.
        let known = |t: usize| {
            let low = self.low(t);
            if low.as_str().is_empty() {
                words.contains(&self.word(t).to_lowercase())
            } else {
                words.contains(low.as_str())
            }
        };
        // One walk: the merged spans are ordered, so is each token.
        let mut again = Vec::new();
        let mut j = 0;
        for &t in &self.name_like {
            let x = toks[t];
            if x.has(FUNCTION | WORD) {
                continue;
            }
            while j < merged.len() && merged[j].1 <= x.start {
                j += 1;
            }
            let inside = j < merged.len() && x.start >= merged[j].0 && x.end <= merged[j].1;
            if !inside && name_word(t) && known(t) {
                again.push(t);
            }
        }
        for t in again {
            self.person_span(t, t, 0.7, "another mention of a name found in the text");
        }
    }

    /// Whether a line break separates token `a` from token `b` (a signature's
    /// name from the job title under it).
    pub(super) fn line_break(&self, a: usize, b: usize) -> bool {
        let (end, start) = (self.toks[a].end, self.toks[b].start);
        start > end && self.text.as_bytes()[end..start].contains(&b'\n')
    }

    /// Whether an animal word comes just before token `t`: "a budgie called
    /// Charlie", "Staffie named Max" name pets.
    pub(super) fn after_pet_word(&self, t: usize) -> bool {
        (t.saturating_sub(3)..t).any(|k| {
            if !self.toks[k].is_word() {
                return false;
            }
            let w = self.word(k).as_bytes();
            // "dogs", "the dog's name is murphy".
            let stem = w
                .strip_suffix(b"'s")
                .or_else(|| w.strip_suffix(b"s"))
                .unwrap_or(w);
            PETS.iter().any(|p| {
                w.eq_ignore_ascii_case(p.as_bytes()) || stem.eq_ignore_ascii_case(p.as_bytes())
            })
        })
    }

    /// Whether the word at `k` starts a place ("Saint Francis", "New Haven").
    fn place_prefix(&self, k: usize) -> bool {
        self.is_place_prefix(k)
            || self.toks.get(k).is_some_and(|x| x.is_word()) && self.lower_is(k, "new")
    }

    /// Initials before a name: "H.J. Abdi", "D. P. Quinn". Returns the index of
    /// the first token after them, if there are any.
    fn initials_from(&self, t: usize) -> Option<usize> {
        let toks = self.toks;
        let mut k = t;
        while k + 1 < toks.len()
            && toks[k].is_word()
            && toks[k].end - toks[k].start == 1
            && toks[k].cap
            && toks[k + 1].is_punct(b'.')
        {
            k += 2;
        }
        (k > t).then_some(k)
    }

    /// Whether a lone capitalised word stands beside another capitalised word
    /// ("Mount Vernon", "Johnson Controls"): part of a longer proper noun.
    fn proper_noun_neighbour(&self, t: usize) -> bool {
        // Labels ("YP", "NOK") and words ("Wed") beside it say nothing.
        let cap_word = |k: usize| {
            self.toks.get(k).is_some_and(|x| {
                x.is_word()
                    && x.cap
                    && !x.has(FUNCTION | CUE | TITLE | WORD)
                    && !self.word(k).chars().all(char::is_uppercase)
            })
        };
        let before = t > 0 && (cap_word(t - 1) || self.place_prefix(t - 1))
            || t > 1
                && self.toks[t - 1].is_punct(b'.')
                && (cap_word(t - 2) || self.place_prefix(t - 2));
        // "Pinecrest Way, Tacoma": a town after a street.
        let after_address =
            t > 1 && self.toks[t - 1].is_punct(b',') && self.toks[t - 2].has(STREET | ORG | STATE);
        before || after_address || cap_word(t + 1)
    }

    /// Whether tokens `t..=last` end the text or their line: a signature.
    fn line_alone(&self, t: usize, last: usize) -> bool {
        let text = self.text.as_bytes();
        let after = &text[self.toks[last].end..];
        let rest_blank = after
            .iter()
            .take_while(|&&c| c != b'\n')
            .all(u8::is_ascii_whitespace);
        let before = &text[..self.toks[t].start];
        let line_start = before
            .iter()
            .rev()
            .take_while(|&&c| c != b'\n')
            .all(|c| c.is_ascii_whitespace() || matches!(c, b'.' | b'-' | b','));
        rest_blank && (line_start || after.is_empty())
    }
}
