//! The word table: one hash lookup per word gives every role the word plays
//! (digit word, context word, cue, street suffix, census name rank...).
//!
//! This replaces a battery of per-recognizer regexes: the scanner looks each
//! word up once and every recognizer reads the flags.

use rustc_hash::FxHashMap;

use crate::entity::EntityType as E;

pub(crate) const DIGIT: u32 = 1; // zero..nine, oh; `num` holds the value
pub(crate) const TEEN: u32 = 1 << 1; // ten..nineteen
pub(crate) const TENS: u32 = 1 << 2; // twenty..ninety
pub(crate) const HUNDRED: u32 = 1 << 3;
pub(crate) const THOUSAND: u32 = 1 << 4;
pub(crate) const MULT: u32 = 1 << 5; // double, triple; `num` = factor
pub(crate) const DOT: u32 = 1 << 6; // "dot", "period", "point"
pub(crate) const DASH: u32 = 1 << 7; // "dash", "hyphen"
pub(crate) const UNDERSCORE: u32 = 1 << 8;
pub(crate) const AT: u32 = 1 << 9;
pub(crate) const TLD: u32 = 1 << 10;
pub(crate) const STREET: u32 = 1 << 11; // street suffix
pub(crate) const UNIT: u32 = 1 << 12; // apt, suite, unit
pub(crate) const MONTH: u32 = 1 << 13; // `num` = month
pub(crate) const ORDINAL: u32 = 1 << 14; // first..thirty-first parts; `num` = value
pub(crate) const TITLE: u32 = 1 << 15;
pub(crate) const FUNCTION: u32 = 1 << 16; // never a name
pub(crate) const AMBIG: u32 = 1 << 17; // common word that is also a census name
pub(crate) const NEG: u32 = 1 << 18; // negative context before a number
pub(crate) const NEG_AFTER: u32 = 1 << 19; // unit after a number: dollars, kwh...
pub(crate) const STATE: u32 = 1 << 20;
pub(crate) const DIRECTION: u32 = 1 << 21;
pub(crate) const PLUS: u32 = 1 << 22;
pub(crate) const NEUTRAL: u32 = 1 << 23; // "number", "is": skipped when looking for context
/// A word of a city's or country's name ("paris", "ababa"); a name too, perhaps.
pub(crate) const PLACE: u32 = 1 << 24;
pub(crate) const LETTER: u32 = 1 << 25; // spelled letter ("d", "bee"...) usable as an id prefix
pub(crate) const CUE: u32 = 1 << 27; // last word of a person cue ("is", "i'm", "with"...)
pub(crate) const ORG: u32 = 1 << 26; // word that makes a capitalised phrase an organisation or place
pub(crate) const AND: u32 = 1 << 28; // "and": joins digits said as a list ("6, 1, 0, and 4")
pub(crate) const NUMBER: u32 = 1 << 29; // "number": a phone number after "my", "your", "the"...
/// Words before a bare "number" that make it a phone number ("my number is").
pub(crate) const OWNER: u32 = 1 << 30;
/// A common English word (the lower-case entries of a dictionary); a name may
/// be one too ("rose"). What is neither a word nor a name reads as a name.
pub(crate) const WORD: u32 = 1 << 31;

/// Everything known about one lower-case word.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    pub flags: u32,
    /// Entity bits this word is positive context for (built-ins fit in 16:
    /// a smaller word record keeps every token pass in cache).
    pub ctx: u16,
    pub num: u8,
    /// 1-based census frequency rank as a first name; 0 when absent. Names
    /// only the baby-name registers know rank from `REGISTER_RANK` on.
    pub first: u16,
    /// 1-based census frequency rank as a surname; 0 when absent.
    pub last: u16,
}

impl WordInfo {
    pub fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }
}

static FIRST_NAMES: &str = include_str!("../data/first_names.txt");
/// First names from the SSA and ONS baby-name registers that the 1990 census
/// lacks; they rank after every census name.
static MORE_FIRST_NAMES: &str = include_str!("../data/first_names_more.txt");
/// The rank of the most frequent register-only first name: above every census
/// rank, so `first < REGISTER_RANK` says "a census first name".
pub(crate) const REGISTER_RANK: u16 = 10_000;
/// Surnames up to this census rank are common enough to confirm a rare first
/// name before them (about two thirds of the population by frequency).
pub(crate) const COMMON_SURNAME_RANK: u16 = 5_000;
static LAST_NAMES: &str = include_str!("../data/last_names.txt");
/// Surnames of other countries (Faker's person providers) the census lacks;
/// they rank after every census surname.
static MORE_LAST_NAMES: &str = include_str!("../data/last_names_more.txt");
static COMMON_WORDS: &str = include_str!("../data/common_words.txt");
/// The most common of them (SCOWL sizes 10 and 20), kept in the small table.
static FREQUENT_WORDS: &str = include_str!("../data/frequent_words.txt");
/// Words of city and country names that are not names: "Ababa", "Lumpur".
static PLACE_WORDS: &str = include_str!("../data/place_words.txt");

/// Common English words that also appear in the census lists; a name only
/// with capitalisation or a strong cue. Curated, not a name source.
const AMBIGUOUS: &str = "will may mark bill grace hope june joy faith rose art guy jack pat sue dawn april august \
    april summer autumn winter spring ray john long young white brown green black gray grey hall king wood hill \
    little price rice bell cook rich page lane may miles early love english french way best case wells bank banks \
    street north south west east ford car carter penny sky star sunny glass stone person rock brook golden golf \
    gold silver day night morning noon dean chase hunter chance hart heart hand house field fields forest park \
    marsh moss well wolf fox bird crane drake swan parrot lamb bush branch cherry olive ivy holly lily daisy \
    iris violet ruby pearl crystal amber jade coral jasmine destiny honor charity patience prudence mercy \
    constance harmony melody trinity sterling baker walker porter \
    hunter sharp strong short small large \
    noble wise good goodman major law judge bishop pope power powers bond cash money rich bills check \
    reed read reading waters rivers lake lakes ocean sea sands brooks meadows woods winters snow rain frost \
    storm gale cloud clay sandy dusty rusty buddy sonny kid baby honey sugar candy pepper ginger cinnamon \
    said says tell told card cards box boxes street road lane drive court way place avenue square parks \
    son sons major minor freeman early late soon doctor nurse office center central service services \
    mobile phone cell number account bank card visa date birth social address main first second third \
    love loving happy merry gay jolly joy even odd fair lord duke earl prince princess queen";

/// Words that are never part of a person's name in a transcript.
const FUNCTION_WORDS: &str = "a an the and or but if then so to of in on at by for with from about as into \
    like through after over between out against during without before under around among is are was were \
    be been being am have has had do does did not no yes yeah yep nope ok okay i me my mine myself you your \
    yours we us our they them their he him his she her it its this that these those there here what which \
    who whom whose when where why how all any both each few more most other some such only own same than \
    too very can could should would shall might must just also now please thanks thank hello hi hey bye \
    goodbye sorry sure right well um uh oh ah hmm calling call called speaking talking name named names \
    help need want get got go going gonna wanna let lets let's im i'm it's that's there's what's you're \
    we're they're i've i'll i'd don't doesn't didn't can't won't isn't wasn't one two three four five six \
    seven eight nine ten again still back just really actually maybe today tomorrow yesterday morning \
    evening afternoon tonight week month year years months days day time times ago soon later number \
    numbers phone email address account card yes sir madam ma'am mister missus calling regarding about \
    new old last next first second third other another every because since until while though although \
    account customer support team department billing payment manager agent representative line hold \
    minute minutes hour hours second seconds problem issue question order ticket case reference help \
    pharmacy clinic hospital office appointment doctor dr nurse patient insurance claim bill balance \
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july \
    august september october november december mon tue tues wed thu thur thurs fri sat sun erm \
    forename forenames cust addr appt";

pub(crate) struct Lexicon {
    /// Words of up to 8 bytes, packed into a u64: one probe, no pointer chase.
    short: FxHashMap<u64, WordInfo>,
    /// The short words with roles beyond a census rank (see `split_hot`).
    hot: FxHashMap<u64, WordInfo>,
    /// Words of 9 to 16 bytes, packed into a u128: long English words are
    /// common in calls, and a boxed key costs a pointer chase per lookup.
    mid: FxHashMap<u128, WordInfo>,
    map: FxHashMap<Box<[u8]>, WordInfo>,
    /// Unique per built lexicon: what a `WordCache` was filled from.
    id: u64,
}

fn pack(w: &[u8]) -> Option<u64> {
    if w.is_empty() || w.len() > 8 {
        return None;
    }
    // A byte loop, not `copy_from_slice`: a variable-length copy is a libc memcpy call.
    let mut k = 0u64;
    for (i, &c) in w.iter().enumerate() {
        k |= u64::from(c) << (8 * i);
    }
    Some(k)
}

/// Packs a word of 9 to 16 bytes into a u128 (shorter ones go to `pack`).
fn pack16(w: &[u8]) -> Option<u128> {
    if w.len() <= 8 || w.len() > 16 {
        return None;
    }
    let mut k = 0u128;
    for (i, &c) in w.iter().enumerate() {
        k |= u128::from(c) << (8 * i);
    }
    Some(k)
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field(
                "words",
                &(self.short.len() + self.hot.len() + self.mid.len() + self.map.len()),
            )
            .finish()
    }
}

impl Lexicon {
    /// Looks up a word as written, lower-casing it on the way (the common short
    /// ASCII word never touches a buffer).
    #[inline]
    pub fn lookup(&self, word: &[u8]) -> Option<WordInfo> {
        match self.lookup_as_written(word) {
            Some(i) => Some(*i),
            None => self.lookup_apostrophe(word),
        }
    }

    /// Looks up a word of up to 8 lower-cased ASCII letters packed by
    /// `WordCache` (the key is never 0).
    #[inline]
    pub fn lookup_packed(&self, k: u64) -> WordInfo {
        self.hot
            .get(&k)
            .or_else(|| self.short.get(&k))
            .copied()
            .unwrap_or_default()
    }

    /// "o'brien" and "birthday's", absent as written: the name without its
    /// apostrophe ("obrien", as the census writes it), or the word without its
    /// possessive.
    #[cold]
    fn lookup_apostrophe(&self, word: &[u8]) -> Option<WordInfo> {
        if !word.contains(&b'\'') || word.len() > 32 {
            return None;
        }
        if let Some(stem) = word
            .strip_suffix(b"'s")
            .or_else(|| word.strip_suffix(b"'S"))
        {
            // The stem's roles, but no name rank: "driver's" is no surname.
            if let Some(i) = self.lookup_as_written(stem) {
                return Some(WordInfo {
                    first: 0,
                    last: 0,
                    ..*i
                });
            }
        }
        let mut buf = [0u8; 32];
        let mut n = 0;
        for &c in word.iter().filter(|&&c| c != b'\'') {
            buf[n] = c;
            n += 1;
        }
        self.lookup_as_written(&buf[..n]).copied()
    }

    #[inline(always)]
    fn lookup_as_written(&self, word: &[u8]) -> Option<&WordInfo> {
        let ascii = word.is_ascii();
        if word.len() <= 8 && ascii {
            let mut k = 0u64;
            for (i, &c) in word.iter().enumerate() {
                k |= u64::from(c.to_ascii_lowercase()) << (8 * i);
            }
            if k == 0 {
                return None;
            }
            return self.hot.get(&k).or_else(|| self.short.get(&k));
        }
        if word.len() <= 16 && ascii {
            let mut k = 0u128;
            for (i, &c) in word.iter().enumerate() {
                k |= u128::from(c.to_ascii_lowercase()) << (8 * i);
            }
            return self.mid.get(&k);
        }
        if !ascii {
            return self.get_folded(word);
        }
        let mut buf = [0u8; 32];
        lower_key(word, &mut buf).and_then(|k| self.get(k))
    }

    /// A word with letters beyond ASCII, looked up in its ASCII form: the lists
    /// hold "ozturk" and "zielinski", notes write "Öztürk" and "Zieliński".
    #[cold]
    fn get_folded(&self, word: &[u8]) -> Option<&WordInfo> {
        let word = std::str::from_utf8(word).ok()?;
        let mut folded = String::with_capacity(word.len());
        for c in word.chars() {
            if c.is_ascii() {
                folded.push(c.to_ascii_lowercase());
            } else {
                // "ß" folds to "ss"; a letter with no ASCII form ("ж") leaves the word unknown.
                let ascii = deunicode::deunicode_char(c)?;
                folded.extend(ascii.chars().map(|a| a.to_ascii_lowercase()));
            }
        }
        self.get(folded.as_bytes())
    }

    pub fn get(&self, lower: &[u8]) -> Option<&WordInfo> {
        match (pack(lower), pack16(lower)) {
            (Some(k), _) => self.hot.get(&k).or_else(|| self.short.get(&k)),
            (None, Some(k)) => self.mid.get(&k),
            (None, None) => self.map.get(lower),
        }
    }

    /// Moves every short word with a role besides being a name, a plain
    /// English word or a place word, and the most frequent English words, into
    /// the small `hot` table: conversation is mostly such words, and a table of a few
    /// thousand entries stays in cache where the 25,000 census names do not.
    fn split_hot(&mut self) {
        let mut hot: Vec<u64> = self
            .short
            .iter()
            .filter(|(_, v)| v.flags & !(WORD | ORG | PLACE) != 0 || v.ctx != 0)
            .map(|(k, _)| *k)
            .collect();
        hot.extend(data_lines(FREQUENT_WORDS).filter_map(|w| pack(w.as_bytes())));
        for k in hot {
            if let Some(v) = self.short.remove(&k) {
                self.hot.insert(k, v);
            }
        }
        self.short.shrink_to_fit();
    }

    fn entry(&mut self, w: &str) -> &mut WordInfo {
        match (pack(w.as_bytes()), pack16(w.as_bytes())) {
            (Some(k), _) => self.short.entry(k).or_default(),
            (None, Some(k)) => self.mid.entry(k).or_default(),
            (None, None) => self
                .map
                .entry(w.as_bytes().to_vec().into_boxed_slice())
                .or_default(),
        }
    }

    fn flag(&mut self, words: &str, f: u32) {
        for w in words.split_whitespace() {
            self.entry(w).flags |= f;
        }
    }

    fn ctx(&mut self, words: &str, e: &E) {
        // Built-in entities take the low 16 bits (`EntityType::bit`).
        let bit = u16::try_from(e.bit()).unwrap_or(0);
        for w in words.split_whitespace() {
            self.entry(w).ctx |= bit;
        }
    }

    pub fn build() -> Lexicon {
        let mut lx = Lexicon {
            short: FxHashMap::default(),
            hot: FxHashMap::default(),
            mid: FxHashMap::default(),
            map: FxHashMap::default(),
            id: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        };
        let census = data_lines(FIRST_NAMES).map(|n| (n, 1));
        let registers = data_lines(MORE_FIRST_NAMES).map(|n| (n, usize::from(REGISTER_RANK)));
        let mut counts = [0usize; 2];
        for (name, base) in census.chain(registers) {
            let seen = &mut counts[usize::from(base != 1)];
            let rank = base + *seen;
            *seen += 1;
            let e = lx.entry(name);
            if e.first == 0 {
                e.first = u16::try_from(rank).unwrap_or(u16::MAX);
            }
        }
        for (rank, name) in data_lines(LAST_NAMES)
            .chain(data_lines(MORE_LAST_NAMES))
            .enumerate()
        {
            let e = lx.entry(name);
            if e.last == 0 {
                e.last = u16::try_from(rank + 1).unwrap_or(u16::MAX);
            }
        }
        let digits = [
            ("zero", 0),
            ("oh", 0),
            ("o", 0),
            ("nought", 0),
            ("one", 1),
            ("two", 2),
            ("three", 3),
            ("four", 4),
            ("five", 5),
            ("six", 6),
            ("seven", 7),
            ("eight", 8),
            ("nine", 9),
            ("niner", 9),
        ];
        for (w, v) in digits {
            let e = lx.entry(w);
            e.flags |= DIGIT;
            e.num = v;
        }
        let teens = [
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ];
        for (i, w) in teens.iter().enumerate() {
            let e = lx.entry(w);
            e.flags |= TEEN;
            e.num = 10 + i as u8;
        }
        let tens = [
            "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        ];
        for (i, w) in tens.iter().enumerate() {
            let e = lx.entry(w);
            e.flags |= TENS;
            e.num = 20 + 10 * i as u8;
        }
        lx.flag("hundred", HUNDRED);
        lx.flag("thousand", THOUSAND);
        for (w, v) in [
            ("double", 2),
            ("triple", 3),
            ("treble", 3),
            ("quadruple", 4),
        ] {
            let e = lx.entry(w);
            e.flags |= MULT;
            e.num = v;
        }
        let ordinals = [
            ("first", 1),
            ("second", 2),
            ("third", 3),
            ("fourth", 4),
            ("fifth", 5),
            ("sixth", 6),
            ("seventh", 7),
            ("eighth", 8),
            ("ninth", 9),
            ("tenth", 10),
            ("eleventh", 11),
            ("twelfth", 12),
            ("thirteenth", 13),
            ("fourteenth", 14),
            ("fifteenth", 15),
            ("sixteenth", 16),
            ("seventeenth", 17),
            ("eighteenth", 18),
            ("nineteenth", 19),
            ("twentieth", 20),
            ("thirtieth", 30),
        ];
        for (w, v) in ordinals {
            let e = lx.entry(w);
            e.flags |= ORDINAL;
            e.num = v;
        }
        let months = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ];
        for (i, w) in months.iter().enumerate() {
            let e = lx.entry(w);
            e.flags |= MONTH;
            e.num = i as u8 + 1;
        }
        for (w, v) in [
            ("jan", 1),
            ("feb", 2),
            ("mar", 3),
            ("apr", 4),
            ("jun", 6),
            ("jul", 7),
            ("aug", 8),
            ("sep", 9),
            ("sept", 9),
            ("oct", 10),
            ("nov", 11),
            ("dec", 12),
        ] {
            let e = lx.entry(w);
            e.flags |= MONTH;
            e.num = v;
        }
        lx.flag("dot period point", DOT);
        lx.flag("dash hyphen minus", DASH);
        lx.flag("underscore", UNDERSCORE);
        lx.flag("at", AT);
        lx.flag("plus", PLUS);
        lx.flag("and", AND);
        lx.flag("number", NUMBER);
        lx.flag(
            "my your his her our their the this that best new home work same contact daytime direct",
            OWNER,
        );
        lx.flag(
            "com net org edu gov mil io co us uk ca de fr info biz me ai app dev au in nl es it ie nz \
             mx br jp ch se no fi dk be at pl email mail online xyz tech ru cn kr za ng ke gh pk \
             bd ph sg hk tw vn th tr gr pt cz sk hu ro bg ua il ae sa eg ar cl pe lt lv ee lu si hr rs \
             kz tv cc ws site store shop cloud club pro mobi",
            TLD,
        );
        lx.flag(
            "street st avenue ave road rd drive dr lane ln boulevard blvd court ct way place pl terrace terr ter cres hts cl lawn \
             circle cir parkway pkwy highway hwy trail trl square sq loop crescent alley row route pike \
             plaza ridge run path close walk mews gardens grove rise parade pde tce esplanade esp wharf quay wynd lawns",
            STREET,
        );
        lx.flag("apartment apt unit suite ste floor fl room", UNIT);
        lx.flag(
            "mr mrs ms miss mister missus dr doctor prof professor sister father nurse officer \
             councillor councilor principal pastor reverend rabbi imam sergeant sgt detective \
             inspector constable captain pc cllr insp supt",
            TITLE,
        );
        lx.flag(
            "north south east west n s e w ne nw se sw northeast northwest southeast southwest",
            DIRECTION,
        );
        lx.flag(
            "al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny \
             nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc alabama alaska arizona arkansas \
             california colorado connecticut delaware florida georgia hawaii idaho illinois indiana iowa \
             kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri \
             montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont \
             virginia washington wisconsin wyoming",
            STATE,
        );
        for c in b'a'..=b'z' {
            let s = [c];
            if let Ok(w) = std::str::from_utf8(&s) {
                lx.flag(w, LETTER);
            }
        }
        lx.flag(
            "power energy national city county bank credit union elementary school academy high university \
             college hospital clinic center centre medical company inc corp llc ltd insurance financial group \
             services electric gas water park federal mutual trust airlines airport church library mall \
             market pharmacy foods motors health healthcare labs systems solutions partners associates bridge \
             river lake mountain valley heights hills springs beach island county township department office \
             agency authority district memorial regional community foundation institute fargo",
            ORG,
        );
        lx.flag(
            "is was name's names called named name surname i'm im am it's its with to patient pt caller daughter son \
             husband wife mother father regarding for brother sister friend aunt auntie aunty uncle cousin \
             nephew niece boyfriend girlfriend partner fiance fiancee grandma grandmother grandpa grandfather \
             granny nan stepdad stepmom stepmum stepfather stepmother neighbour neighbor tenant landlord \
             landlady roommate flatmate technician tech worker nurse counsellor counselor therapist engineer \
             officer caseworker teacher dr doctor midwife carer caregiver advisor adviser \
             mum mom dad mam mummy mommy daddy stepson stepdaughter grandson granddaughter coach \
             guarantor applicant customer resident beneficiary cardholder policyholder client \
             colleague contact under hello hi hey me yp cyp nok claimant sponsor parent pupil \
             student stepbrother stepsister payee insured tell ex child kid grandchild godson \
             goddaughter advocate keyworker practitioner author signed victim informant witness \
             complainant that's thats thanks",
            CUE,
        );
        for w in data_lines(COMMON_WORDS).chain(data_lines(FREQUENT_WORDS)) {
            lx.entry(w).flags |= WORD;
        }
        // A place word keeps a capitalised phrase ("Addis Ababa") or a lone
        // capitalised word ("Paris") from reading as a person; after a cue it
        // may still be a surname ("oksana shevchenko").
        for w in data_lines(PLACE_WORDS) {
            lx.entry(w).flags |= PLACE;
        }

        lx.flag(AMBIGUOUS, AMBIG);
        lx.flag(FUNCTION_WORDS, FUNCTION);
        // A register name that is also an English word ("temperance", "legend")
        // is a name only where a cue says so, as the curated ambiguous words are;
        // one that is a function word ("tomorrow") never is.
        for name in data_lines(MORE_FIRST_NAMES) {
            let e = lx.entry(name);
            if e.first < REGISTER_RANK {
                continue;
            }
            if e.flags & FUNCTION != 0 {
                e.first = 0;
            } else if e.flags & WORD != 0 && e.last == 0 {
                e.flags |= AMBIG;
            }
        }
        lx.flag(
            "number numbers no num is it's its was my the your our his her of on at as be that this um uh \
             like so it and",
            NEUTRAL,
        );
        // Negative context: the number that follows is not personal data.
        lx.flag(
            "order orders ordered ticket tickets case confirmation receipt receipts invoice tracking reference ref transaction \
             claim sku part model serial version build batch flight page step item items reading \
             readings meter kwh kilowatt kilowatts watts usage price cost costs total balance amount \
             owe owed paid pay payment charge charged fee fees refund dollar usd year month week day \
             hour minute quantity qty room table \
             channel station extension ext ext. rx prescription dose mg milligrams tablets pills \
             guid uuid error temperature degrees level score rank chapter verse size \
             weight height floor gate seat row lot aisle bus train route permit application \
             estimate quote firmware sheet parcel report incident trace",
            NEG,
        );
        lx.flag(
            "dollars dollar bucks cents usd euros pounds percent kwh kilowatt kilowatts watts am pm \
             o'clock gallons miles liters units items minutes hours seconds years months weeks days \
             mg milligrams tablets pills degrees times people kids feet inches meters",
            NEG_AFTER,
        );
        lx.ctx(
            "phone cell mobile telephone landline callback fax reach text cellphone phones contact \
             call dial cb tel ph phn whatsapp ring port sms reached reachable texts mob rang \
             phoned rung preferred forwarding",
            &E::PhoneNumber,
        );
        lx.ctx(
            "social ssn security verify verification identity",
            &E::UsSsn,
        );
        lx.ctx(
            "card visa mastercard amex discover debit credit",
            &E::CreditCard,
        );
        lx.ctx("iban", &E::IbanCode);
        lx.ctx("checking savings bank deposit chk chq", &E::UsBankNumber);
        lx.ctx("routing aba transit rtn", &E::AbaRoutingNumber);
        lx.ctx(
            "account acct customer member membership policy subscriber utility crn flyer \
             loyalty rewards",
            &E::AccountNumber,
        );
        lx.ctx(
            "medical mrn chart record records patient hospital hosp nhs medicare medicaid mbi \
             ihi chi",
            &E::MedicalRecordNumber,
        );
        lx.ctx("license licence dl lic", &E::UsDriverLicense);
        lx.ctx("passport pp", &E::UsPassport);
        lx.ctx("zip zipcode postal postcode eircode", &E::ZipCode);
        lx.ctx("born birth dob birthday birthdate d.o.b", &E::DateOfBirth);
        lx.ctx("email e-mail mail gmail", &E::EmailAddress);
        lx.ctx("ip ipv4 ipv6 server host router", &E::IpAddress);
        lx.ctx(
            "live lives living address reside located ship mailing",
            &E::StreetAddress,
        );
        lx.split_hot();
        lx
    }
}

/// Non-comment, non-empty lines of a generated data file.
fn data_lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Lower-cases an ASCII word into `buf`, mapping the typographic apostrophe to
/// `'`. Returns `None` for words too long to be in the table.
pub(crate) fn lower_key<'b>(word: &[u8], buf: &'b mut [u8; 32]) -> Option<&'b [u8]> {
    let mut n = 0;
    let mut i = 0;
    while i < word.len() {
        let c = word[i];
        if c == 0xE2 && word.get(i + 1) == Some(&0x80) && word.get(i + 2) == Some(&0x99) {
            *buf.get_mut(n)? = b'\'';
            i += 3;
        } else {
            *buf.get_mut(n)? = c.to_ascii_lowercase();
            i += 1;
        }
        n += 1;
    }
    Some(&buf[..n])
}

/// A small direct-mapped cache of lexicon lookups, kept per thread across
/// texts. Calls say the same few hundred words over and over; their records
/// stay in the first-level cache here, where the tables (hundreds of
/// kilobytes) do not.
pub(crate) struct WordCache {
    /// The `Lexicon::id` the slots were filled from.
    owner: u64,
    slots: Box<[(u64, WordInfo)]>,
}

impl WordCache {
    const SLOTS: usize = 1024;

    pub fn new() -> WordCache {
        WordCache {
            owner: 0,
            slots: Vec::new().into_boxed_slice(),
        }
    }

    /// Empties the cache unless it was filled from `lx`.
    pub fn bind(&mut self, lx: &Lexicon) {
        if self.owner != lx.id || self.slots.is_empty() {
            self.owner = lx.id;
            self.slots = vec![(0, WordInfo::default()); WordCache::SLOTS].into_boxed_slice();
        }
    }

    /// The record of `word`, which the tokenizer found to be ASCII letters
    /// only; `None` when it is longer than 8 bytes (those go to
    /// `Lexicon::lookup`). `bind` comes first.
    #[inline]
    pub fn lookup_letters(&mut self, lx: &Lexicon, word: &[u8]) -> Option<WordInfo> {
        if word.len() > 8 || self.slots.len() != WordCache::SLOTS {
            return None;
        }
        debug_assert!(word.iter().all(u8::is_ascii_alphabetic));
        let mut k = 0u64;
        for (i, &c) in word.iter().enumerate() {
            k |= u64::from(c | 0x20) << (8 * i);
        }
        // Fibonacci hashing: the top bits of the product index the slots.
        let slot = (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize;
        let entry = self.slots.get_mut(slot)?;
        if entry.0 != k {
            *entry = (k, lx.lookup_packed(k));
        }
        Some(entry.1)
    }
}
