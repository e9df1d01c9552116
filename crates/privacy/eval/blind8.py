#!/usr/bin/env python3
"""Generator for the blind8 evaluation set (Voxgate privacy engine).

Independent, labeled set: local government and public services in the UK,
Ireland and the US (council tax, benefits, parking fines, social care
referrals, school admissions, charities and food banks, victim support,
housing).  About two thirds TYPED text (case notes in shorthand, CRM exports,
e-mail bodies with greetings and signatures, SMS texts with typos, web-form
submissions, ALL CAPS forms); the rest ASR (lower case, no punctuation,
numbers mostly spelled out as words).

Standard library only, deterministic (fixed SEED).  Run:
    python3 blind8.py            # writes blind8.jsonl next to this file

Labeling rules used in this set
-------------------------------
* A span covers exactly the PII value, never the cue words ("Tel:", "DOB",
  "my name is") and never a title ("Mrs", "Dr", "Cllr", "Officer" are outside
  the PERSON span; "Dear Mr Ó Súilleabháin" -> "Ó Súilleabháin").
* PERSON: every mention of a real person's name (callers, children, staff
  signatures, officers, councillors), including first names only, initials
  ("J. P. Nwosu" is one span) and "Surname, Forename" exports (one span,
  e.g. "KOWALSKA, ANNA").  NOT persons: "Sir/Madam", team names
  ("Team Greenfield"), pet names, brand and shop names, place names, and the
  common words will, grace, may, bill, mark, rose, faith, hope, sunny, page,
  chase, hunter when used as ordinary words.
* PHONE_NUMBER: the number including "+44", "(0)", "00353" prefixes and
  parentheses around area codes; an extension ("ext 204") is not in the span.
* STREET_ADDRESS: house/flat/unit number and street name (a leading
  "Flat 4, " / trailing ", Apt 3B" unit is in the span).  Town, county,
  state, postcode, Eircode and ZIP are NOT in the span.
* ZIP_CODE: US ZIP codes only (5 digits or ZIP+4).  UK postcodes and Irish
  Eircodes are deliberately NOT labeled in this set (left unlabeled).
* National Insurance numbers (UK) and PPS numbers (Ireland) are NOT in the
  entity list: they appear unlabeled, as negatives.  Vehicle registrations,
  collar/badge numbers, NHS-style service numbers are not used as PII here.
* DATE_OF_BIRTH: a date given as someone's birth date (DOB / date of birth /
  born / d.o.b.).  Appointment, payment, issue and due dates are negatives.
* ACCOUNT_NUMBER: a customer/utility/rent account number explicitly called
  an account number.  Council tax reference numbers, PCNs, case, referral,
  claim, ticket, voucher and crime reference numbers are NOT PII here.
* US_BANK_NUMBER: a US bank (checking/savings) account number given for
  direct deposit / payment, usually next to an ABA routing number.
* "spoken": true when the value itself is written out in words the way ASR
  writes it (digits as words, "oh", "double", "triple", "dot", "at",
  letters spelled out); false for digit/character forms and for names.
"""
import json
import os
import random
import unicodedata

SEED = 8_0823_2026
SPLIT = "blind8"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "blind8.jsonl")

N = lambda s: unicodedata.normalize("NFC", s)


# --------------------------------------------------------------------------
# composition helper
# --------------------------------------------------------------------------
class U:
    def __init__(self, domain, style):
        self.domain = domain
        self.style = style
        self.text = ""
        self.ents = []

    def t(self, s):
        self.text += s
        return self

    def e(self, typ, val, spoken=False):
        assert val and val == val.strip(), repr(val)
        start = len(self.text)
        self.text += val
        self.ents.append({"type": typ, "start": start, "end": len(self.text),
                          "text": val, "spoken": bool(spoken)})
        return self


TYPES = {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "US_SSN", "CREDIT_CARD",
         "IBAN_CODE", "US_BANK_NUMBER", "ABA_ROUTING_NUMBER", "ACCOUNT_NUMBER",
         "DATE_OF_BIRTH", "STREET_ADDRESS", "ZIP_CODE", "IP_ADDRESS",
         "US_DRIVER_LICENSE", "US_PASSPORT", "MEDICAL_RECORD_NUMBER"}

# --------------------------------------------------------------------------
# words
# --------------------------------------------------------------------------
ONES = ("zero one two three four five six seven eight nine ten eleven twelve "
        "thirteen fourteen fifteen sixteen seventeen eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
DIGW = ONES[:10]
MONTHS = ("January February March April May June July August September "
          "October November December").split()
ORDW = ("_ first second third fourth fifth sixth seventh eighth ninth tenth "
        "eleventh twelfth thirteenth fourteenth fifteenth sixteenth "
        "seventeenth eighteenth nineteenth twentieth").split()


def two(n):
    if n < 20:
        return ONES[n]
    return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])


def ordw(d):
    if d <= 20:
        return ORDW[d]
    if d == 30:
        return "thirtieth"
    base = TENS[d // 10]
    return base + " " + ORDW[d % 10]


def ordsfx(d):
    if 11 <= d % 100 <= 13:
        return f"{d}th"
    return f"{d}" + {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


def year_words(y, r):
    if 2000 <= y < 2010:
        return "two thousand" + ("" if y == 2000 else
                                 r.choice([" and ", " "]) + ONES[y - 2000])
    if 2010 <= y < 2030 and r.random() < 0.5:
        return "two thousand and " + two(y - 2000)
    hi, lo = divmod(y, 100)
    if lo == 0:
        return two(hi) + " hundred"
    if lo < 10:
        return two(hi) + " oh " + ONES[lo]
    return two(hi) + " " + two(lo)


def house_words(n, r):
    if n < 100:
        return two(n)
    if n < 1000:
        hi, lo = divmod(n, 100)
        if lo == 0:
            return ONES[hi] + " hundred"
        if r.random() < 0.5 and lo >= 10:
            return ONES[hi] + " " + two(lo)
        return " ".join(DIGW[int(c)] for c in str(n))
    hi, lo = divmod(n, 100)
    if lo == 0:
        return two(hi) + " hundred"
    return two(hi) + " " + (two(lo) if lo >= 10 else "oh " + ONES[lo])


def say_digits(ds, r, rep=0.8, oh=0.75, letters=False):
    """Speak a string of digits (and letters if letters=True) as ASR writes it."""
    out = []
    chars = [c for c in ds if c.isalnum()]
    i = 0
    while i < len(chars):
        c = chars[i]
        if c.isalpha():
            out.append(c.lower())
            i += 1
            continue
        j = i
        while j < len(chars) and chars[j] == c:
            j += 1
        n = j - i
        w = ("oh" if r.random() < oh else "zero") if c == "0" else DIGW[int(c)]
        use_rep = r.random() < rep
        while n > 0:
            if use_rep and n == 3:
                out.append("triple " + w)
                n -= 3
            elif use_rep and n >= 2 and n != 3:
                out.append("double " + w)
                n -= 2
            else:
                out.append(w)
                n -= 1
        i = j
    return " ".join(out)


def rdig(r, n, first=None):
    s = "".join(r.choice("0123456789") for _ in range(n))
    if first:
        s = r.choice(first) + s[1:]
    return s


def rdig_rep(r, n, p=0.3):
    """Digits with occasional repeats so that double/triple come up."""
    s = [r.choice("0123456789")]
    while len(s) < n:
        if r.random() < p:
            s.append(s[-1])
        else:
            s.append(r.choice("0123456789"))
    return "".join(s)


def fold(s):
    s = s.replace("ł", "l").replace("Ł", "L").replace("ı", "i").replace("ø", "o")
    s = unicodedata.normalize("NFD", s)
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


def asr_name(s):
    return fold(s).lower().replace("-", " ").replace(".", "")


# --------------------------------------------------------------------------
# names
# --------------------------------------------------------------------------
NAMES_RAW = [
    ("Priya", "Raghunathan"), ("Oluwadamilare", "Adeyemi-Cole"),
    ("Siobhán", "Ní Bhriain"), ("Pádraig", "Ó Súilleabháin"),
    ("Anna", "Kowalska"), ("Krzysztof", "Wiśniewski"),
    ("Chukwuemeka", "Okafor"), ("Ngozi", "Eze"), ("Mohammed", "Iqbal"),
    ("Harpreet", "Kaur"), ("Fatima", "Begum"), ("Abdirahman", "Farah"),
    ("Hodan", "Warsame"), ("Wei", "Zhang"), ("Mei Ling", "Chen"),
    ("Lan", "Nguyễn"), ("José", "Hernández"), ("María", "Ruiz Delgado"),
    ("Yusuf", "Al-Khatib"), ("Eilidh", "MacLeod"), ("Rhys", "Llewelyn"),
    ("Ffion", "Pritchard"), ("Dmitri", "Volkov"), ("Ayşe", "Yılmaz"),
    ("Kwame", "Mensah"), ("Akosua", "Boateng"), ("João", "Ferreira"),
    ("Margaret", "Thompson"), ("DeShawn", "Washington"),
    ("LaToya", "Jefferson"), ("Aoife", "Brennan"), ("Niamh", "Gallagher"),
    ("Oisín", "Mac Giolla Phádraig"), ("Caoimhe", "Ní Dhomhnaill"),
    ("Ionuț", "Popescu"), ("Agnieszka", "Zielińska"), ("Tomasz", "Nowak"),
    ("Gintarė", "Kazlauskienė"), ("Sanjay", "Patel"), ("Imran", "Chaudhry"),
    ("Bích", "Trần"), ("Zainab", "Hussain"), ("Emeka", "Nwosu"),
    ("Tendai", "Moyo"), ("Kerry-Ann", "Campbell"), ("Bridget", "O'Sullivan"),
    ("Declan", "McGrath"), ("Lucía", "Fernández"), ("Mateusz", "Lewandowski"),
    ("Olena", "Shevchenko"), ("Rukhsana", "Akhtar"), ("Gareth", "Hughes"),
    ("Shauna", "Doherty"), ("Efua", "Asante"), ("Björn", "Lindqvist"),
    ("Jolanta", "Kaczmarek"), ("Amadou", "Diallo"), ("Keisha", "Robinson"),
    ("Tyrone", "Mitchell"), ("Luis", "Ramírez"), ("Hye-jin", "Park"),
    ("Anh", "Pham"), ("Beatriz", "Carvalho"), ("Grace", "Adebayo"),
    ("Will", "Fitzgerald"), ("Rose", "Kinsella"), ("Dolores", "Quinn"),
    ("Wojciech", "Szymański"), ("Nkechi", "Obi"), ("Saoirse", "Ó Murchú"),
    ("Bogdan", "Ionescu"), ("Rahul", "Venkataraman"), ("Tariq", "Mahmood"),
    ("Precious", "Chikwanha"), ("Seamus", "Breathnach"), ("Halima", "Abdi"),
    ("Jerome", "Baptiste"), ("Marisol", "Vázquez"), ("Kateryna", "Bondarenko"),
]
NAMES = [(N(a), N(b)) for a, b in NAMES_RAW]
CHILDREN = [N(x) for x in ["Tobiasz", "Amara", "Oisín", "Leo", "Zara", "Kacper",
                           "Aaliyah", "Finn", "Ayaan", "Nia", "Eoghan", "Maja",
                           "Jayden", "Sofía", "Malik", "Aoibhinn", "Chidera",
                           "Ruairí", "Mustafa", "Ellie-Mae", "Darius", "Ife"]]
TITLES = ["Mr", "Mrs", "Ms", "Miss", "Dr", "Cllr", "Officer"]


def pick_name(r):
    return r.choice(NAMES)


# --------------------------------------------------------------------------
# value generators
# --------------------------------------------------------------------------
def uk_mobile(r):
    d = "07" + r.choice("45789") + rdig(r, 8)
    f = r.choice([
        lambda: f"{d[:5]} {d[5:]}", lambda: f"{d[:5]} {d[5:8]} {d[8:]}",
        lambda: d, lambda: f"+44 {d[1:5]} {d[5:]}", lambda: f"+44{d[1:]}",
        lambda: f"+44 (0){d[1:5]} {d[5:]}", lambda: f"0044 {d[1:5]} {d[5:]}",
        lambda: f"{d[:5]}-{d[5:]}", lambda: f"+44 {d[1:4]} {d[4:7]} {d[7:]}",
    ])
    return f()


def uk_geo(r):
    code, n, first = r.choice([("020", 8, "378"), ("0161", 7, "24589"),
                               ("0121", 7, "24579"), ("0113", 7, "2349"),
                               ("0141", 7, "2345"), ("029", 8, "2"),
                               ("028", 8, "9"), ("01904", 6, "4567"),
                               ("01865", 6, "2457"), ("01225", 6, "34")])
    loc = rdig(r, n, first)
    if len(code) == 3:  # 020 7946 0123 style
        a, b = loc[:4], loc[4:]
    elif len(code) == 4:
        a, b = loc[:3], loc[3:]
    else:
        a, b = loc, ""
    sp = (a + (" " + b if b else ""))
    return r.choice([
        f"{code} {sp}", f"({code}) {sp}", f"+44 {code[1:]} {sp}",
        code + loc, f"{code} {loc}", f"+44 (0){code[1:]} {sp}",
    ])


def ie_mobile(r):
    d = "08" + r.choice("35679") + rdig(r, 7, "2345678")
    return r.choice([
        f"{d[:3]} {d[3:6]} {d[6:]}", f"{d[:3]}-{d[3:6]}-{d[6:]}", d,
        f"+353 {d[1:3]} {d[3:6]} {d[6:]}", f"+353{d[1:]}",
        f"00353 {d[1:3]} {d[3:6]} {d[6:]}", f"({d[:3]}) {d[3:]}",
        f"{d[:3]} {d[3:]}", f"+353 (0){d[1:3]} {d[3:6]} {d[6:]}",
    ])


def ie_land(r):
    code, n = r.choice([("01", 7), ("021", 7), ("091", 6), ("061", 6),
                        ("051", 6), ("074", 7)])
    loc = rdig(r, n, "2345689")
    sp = f"{loc[:3]} {loc[3:]}"
    return r.choice([f"{code} {sp}", f"({code}) {loc}", f"+353 {code[1:]} {sp}",
                     f"{code} {loc}", f"{code}-{loc}"])


US_AREAS = ["212", "312", "415", "617", "718", "503", "614", "713", "404",
            "206", "303", "602", "919", "504", "216", "773", "347", "832",
            "470", "646", "980", "267"]


def us_exch(r):
    while True:
        e = rdig(r, 3, "23456789")
        if e[1:] != "11":
            return e


def us_phone(r):
    a, e, l = r.choice(US_AREAS), us_exch(r), rdig(r, 4)
    return r.choice([f"({a}) {e}-{l}", f"{a}-{e}-{l}", f"{a}.{e}.{l}",
                     f"+1 {a} {e} {l}", f"1-{a}-{e}-{l}", f"{a}{e}{l}",
                     f"+1 ({a}) {e}-{l}", f"{a} {e} {l}"])


def phone_spoken(r, kind):
    if kind == "uk_mob":
        d = "07" + r.choice("45789") + rdig_rep(r, 8)
        if r.random() < 0.3:
            return "plus four four " + say_digits(d[1:], r)
        return say_digits(d, r)
    if kind == "ie_mob":
        d = "08" + r.choice("35679") + rdig_rep(r, 7)
        if r.random() < 0.3:
            return "plus three five three " + say_digits(d[1:], r)
        return say_digits(d, r)
    if kind == "uk_geo":
        d = r.choice(["0161", "0121", "0113", "0141"]) + r.choice("2459") + rdig_rep(r, 6)
        return say_digits(d, r)
    if kind == "ie_land":
        d = "01" + r.choice("2345689") + rdig_rep(r, 6)
        return say_digits(d, r)
    # us
    a, e, l = r.choice(US_AREAS), us_exch(r), rdig_rep(r, 4)
    pre = "one " if r.random() < 0.2 else ""
    return pre + say_digits(a + e + l, r, oh=0.5)


EMAIL_DOMAINS = {
    "uk": ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk",
           "btinternet.com", "sky.com", "live.co.uk"],
    "ie": ["gmail.com", "eircom.net", "hotmail.com", "icloud.com", "yahoo.ie"],
    "us": ["gmail.com", "yahoo.com", "aol.com", "comcast.net", "outlook.com"],
}


def email_for(r, first, last, region):
    f = fold(first).lower().replace(" ", "").replace("'", "").replace("-", "")
    l = fold(last).lower().replace(" ", "").replace("'", "").replace("-", "")
    local = r.choice([f"{f}.{l}", f"{f[0]}.{l}", f"{f}{l}{r.randint(1, 99)}",
                      f"{f}_{l}", f"{l}{f[0]}", f"{f}.{l}{r.randint(70, 99)}",
                      f"{f}{r.randint(1980, 2004)}"])
    return local + "@" + r.choice(EMAIL_DOMAINS[region])


def email_spoken(r, first, last, region):
    f = asr_name(first).replace(" ", "").replace("'", "")
    l = asr_name(last).replace(" ", "").replace("'", "")
    n = r.randint(1, 99)
    local = r.choice([f"{f} dot {l}", f"{f[0]} {l}", f"{f} {l} {two(n)}",
                      f"{f} underscore {l}", f"{f} {say_digits(str(r.randint(1980, 2004)), r, rep=0)}"])
    dom = r.choice(EMAIL_DOMAINS[region]).replace(".", " dot ")
    return f"{local} at {dom}"


def ssn(r):
    while True:
        a = r.randint(1, 899)
        if a != 666:
            break
    return f"{a:03d}", f"{r.randint(1, 99):02d}", f"{r.randint(1, 9999):04d}"


def ssn_typed(r):
    a, g, s = ssn(r)
    return r.choice([f"{a}-{g}-{s}", f"{a}-{g}-{s}", f"{a} {g} {s}", f"{a}{g}{s}"])


def ssn_spoken(r):
    a, g, s = ssn(r)
    if r.random() < 0.3:
        return f"{say_digits(a, r)} dash {say_digits(g, r)} dash {say_digits(s, r)}"
    return say_digits(a + g + s, r, rep=0.5)


def luhn_complete(body):
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def luhn_ok(num):
    total = 0
    for i, c in enumerate(reversed(num)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def card_digits(r, brand=None):
    brand = brand or r.choice(["visa", "visa", "mc", "mc2", "amex", "disc", "disc65"])
    pre, ln = {"visa": ("4", 16), "mc": (str(r.randint(51, 55)), 16),
               "mc2": (str(r.randint(2221, 2720)), 16),
               "amex": (r.choice(["34", "37"]), 15),
               "disc": ("6011", 16), "disc65": ("65", 16)}[brand]
    num = luhn_complete(pre + rdig(r, ln - len(pre) - 1))
    assert luhn_ok(num) and len(num) == ln
    return num


def card_typed(r):
    d = card_digits(r)
    if len(d) == 15:
        g = [d[:4], d[4:10], d[10:]]
    else:
        g = [d[i:i + 4] for i in range(0, 16, 4)]
    return r.choice([" ".join(g), "-".join(g), d, " ".join(g)])


def card_spoken(r):
    d = card_digits(r, r.choice(["visa", "mc", "amex", "disc"]))
    return say_digits(d, r, rep=0.5)


IBAN_LEN = {"GB": 22, "IE": 22, "DE": 22, "FR": 27, "ES": 24, "NL": 18,
            "IT": 27, "BE": 16, "PL": 28, "PT": 25, "LT": 20, "RO": 24}
LET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def iban_check(cc, bban):
    s = bban + cc + "00"
    num = "".join(str(int(c, 36)) for c in s)
    return f"{98 - int(num) % 97:02d}"


def iban_valid(ib):
    ib = ib.replace(" ", "")
    s = ib[4:] + ib[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1 and \
        len(ib) == IBAN_LEN[ib[:2]]


def bban(r, cc):
    if cc == "GB":
        return r.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "NAIA"]) + rdig(r, 14)
    if cc == "IE":
        return r.choice(["AIBK", "BOFI", "IPBS", "ULSB"]) + rdig(r, 14)
    if cc == "DE":
        return rdig(r, 18)
    if cc == "FR":
        bank, br, acc = rdig(r, 5, "123"), rdig(r, 5), rdig(r, 11)
        key = 97 - ((89 * int(bank) + 15 * int(br) + 3 * int(acc)) % 97)
        return f"{bank}{br}{acc}{key:02d}"
    if cc == "ES":
        return rdig(r, 20)
    if cc == "NL":
        return r.choice(["ABNA", "INGB", "RABO", "TRIO"]) + rdig(r, 10)
    if cc == "IT":
        return r.choice(LET) + rdig(r, 10) + rdig(r, 12)
    if cc == "BE":
        b = rdig(r, 10)
        k = int(b) % 97 or 97
        return b + f"{k:02d}"
    if cc == "PL":
        return rdig(r, 24)
    if cc == "PT":
        return rdig(r, 21)
    if cc == "LT":
        return rdig(r, 16, "7")
    if cc == "RO":
        return r.choice(["BTRL", "RNCB", "BRDE", "INGB"]) + rdig(r, 16)
    raise ValueError(cc)


def iban_raw(r, cc=None):
    cc = cc or r.choice(list(IBAN_LEN))
    b = bban(r, cc)
    ib = cc + iban_check(cc, b) + b
    assert iban_valid(ib), ib
    return ib


_IBAN_CYCLE = []


def next_country(r):
    """Cycle through all IBAN countries so that every one is used."""
    if not _IBAN_CYCLE:
        cs = sorted(IBAN_LEN)
        r.shuffle(cs)
        _IBAN_CYCLE.extend(cs)
    return _IBAN_CYCLE.pop()


def iban_typed(r, cc=None):
    ib = iban_raw(r, cc)
    if r.random() < 0.6:
        return " ".join(ib[i:i + 4] for i in range(0, len(ib), 4))
    return ib


def iban_spoken(r, cc=None):
    ib = iban_raw(r, cc)
    return say_digits(ib, r, rep=0.4, letters=True)


def aba(r):
    while True:
        p = r.choice(list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)))
        body = f"{p:02d}" + rdig(r, 6)
        d = [int(c) for c in body]
        s = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5])
        chk = (10 - s % 10) % 10
        num = body + str(chk)
        d = [int(c) for c in num]
        assert (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0
        return num


def us_bank(r):
    return rdig(r, r.choice([8, 9, 10, 10, 11, 12, 13]), "123456789")


def dl(r):
    st, f = r.choice([
        ("California", lambda: r.choice(LET) + rdig(r, 7)),
        ("New York", lambda: (lambda d: r.choice([d, f"{d[:3]} {d[3:6]} {d[6:]}"]))(rdig(r, 9, "123456789"))),
        ("Florida", lambda: (lambda d: f"{r.choice(LET)}{d[:3]}-{d[3:6]}-{d[6:8]}-{d[8:11]}-{d[11]}")(rdig(r, 12))),
        ("Illinois", lambda: (lambda d: f"{r.choice(LET)}{d[:3]}-{d[3:7]}-{d[7:]}")(rdig(r, 11))),
        ("Texas", lambda: rdig(r, 8, "1234")),
        ("Pennsylvania", lambda: rdig(r, 8, "123456789")),
        ("Massachusetts", lambda: "S" + rdig(r, 8)),
        ("Washington", lambda: "WDL" + "".join(r.choice(LET + "0123456789") for _ in range(9))),
        ("Georgia", lambda: rdig(r, 9, "0")),
    ])
    return st, f()


def passport(r):
    if r.random() < 0.5:
        return rdig(r, 9, "1456")
    return r.choice("ACEFGHJKLMNPRSTUVWXYZ") + rdig(r, 8)


def mrn(r):
    return r.choice([rdig(r, 8, "0"), "H" + rdig(r, 7), "MRN-" + rdig(r, 7, "12"),
                     rdig(r, 7, "123456789"), "K" + rdig(r, 6),
                     rdig(r, 3) + "-" + rdig(r, 3) + "-" + rdig(r, 2)])


def acct(r):
    return r.choice([rdig(r, 9, "9"), rdig(r, 10, "8"), rdig(r, 8, "123456789"),
                     "RA" + rdig(r, 7), rdig(r, 4, "6") + " " + rdig(r, 4) + " " + rdig(r, 2)])


def dob_date(r, child=False):
    y = r.randint(2012, 2020) if child else r.randint(1936, 2004)
    m = r.randint(1, 12)
    d = r.randint(1, 28)
    return d, m, y


def dob_typed(r, child=False, us=False):
    d, m, y = dob_date(r, child)
    if us:
        return r.choice([f"{m:02d}/{d:02d}/{y}", f"{MONTHS[m-1]} {d}, {y}",
                         f"{m}/{d}/{y}"])
    return r.choice([f"{d:02d}/{m:02d}/{y}", f"{d:02d}/{m:02d}/{y}",
                     f"{d} {MONTHS[m-1][:3]} {y}", f"{ordsfx(d)} {MONTHS[m-1]} {y}",
                     f"{d} {MONTHS[m-1]} {y}", f"{d:02d}.{m:02d}.{y}",
                     f"{d}/{m}/{y}"])


def dob_spoken(r, child=False):
    d, m, y = dob_date(r, child)
    mo = MONTHS[m - 1].lower()
    return r.choice([f"the {ordw(d)} of {mo} {year_words(y, r)}",
                     f"{ordw(d)} of {mo} {year_words(y, r)}",
                     f"{mo} {ordw(d)} {year_words(y, r)}",
                     f"{ordw(d)} {mo} {year_words(y, r)}"])


UK_STREETS = ["Marlborough Road", "Kingsway", "Addison Road", "Cavendish Close",
              "Hollybush Lane", "Victoria Terrace", "Oakfield Avenue",
              "Brookside Crescent", "Mill Lane", "Station Road", "Elmwood Gardens",
              "Chapel Street", "Beechwood Drive", "St Mary's Walk", "Albert Grove",
              "Tudor Way", "Heol y Nant", "Whitehall Place", "Quarry Bank Rise"]
UK_TOWNS = [("Leeds", "LS8 2QT"), ("Camden, London", "NW1 8XR"), ("Salford", "M6 5FX"),
            ("Cardiff", "CF24 3AA"), ("Bristol", "BS5 6JH"), ("Birmingham", "B11 4RA"),
            ("Glasgow", "G31 2PL"), ("Belfast", "BT7 1NN"), ("Norwich", "NR2 4TJ"),
            ("Sheffield", "S2 4HQ"), ("Luton", "LU1 3JY")]
IE_STREETS = ["Oakpark Drive", "Castle Street", "Griffith Avenue", "Ballyboden Road",
              "St Brigid's Park", "Seaview Terrace", "Church Road", "Ashgrove Lawns",
              "Main Street", "Cois Abhann", "Father Griffin Road"]
IE_TOWNS = [("Dublin 9", "D09 K7X2"), ("Cork", "T12 R2PX"), ("Galway", "H91 E2W8"),
            ("Limerick", "V94 T9PX"), ("Tallaght, Dublin 24", "D24 F6W3"),
            ("Drogheda, Co. Louth", "A92 X5C1"), ("Navan, Co. Meath", "C15 Y4E2")]
US_STREETS = ["Elm Street", "N Maple Ave", "West Division Street", "Peachtree Rd NE",
              "Jefferson Blvd", "Oak Hollow Drive", "E 149th St", "Mission Street",
              "Lincoln Way", "Cedar Lane", "S Halsted St", "Martin Luther King Jr Dr"]
US_STREETS_SPOKEN = ["elm street", "north maple avenue", "west division street",
                     "peachtree road", "jefferson boulevard", "oak hollow drive",
                     "mission street", "lincoln way", "cedar lane", "south halsted street"]
US_CITIES = [("Chicago, IL", "60622"), ("Springfield, IL", "62704"), ("Atlanta, GA", "30309"),
             ("Bronx, NY", "10451"), ("San Francisco, CA", "94110"), ("Columbus, OH", "43215"),
             ("Houston, TX", "77004"), ("Portland, OR", "97214"), ("Boston, MA", "02125"),
             ("Cleveland, OH", "44102"), ("Newark, NJ", "07104")]


def uk_street(r):
    n = r.randint(1, 240)
    s = r.choice(UK_STREETS)
    return r.choice([f"{n} {s}", f"{n} {s}", f"Flat {r.randint(1, 24)}, {n} {s}",
                     f"{n}{r.choice('ABC')} {s}"])


def ie_street(r):
    n = r.randint(1, 180)
    s = r.choice(IE_STREETS)
    return r.choice([f"{n} {s}", f"{n} {s}", f"Apt {r.randint(1, 40)}, {n} {s}"])


def us_street(r):
    n = r.choice([r.randint(10, 99), r.randint(100, 999), r.randint(1000, 9899)])
    s = r.choice(US_STREETS)
    return r.choice([f"{n} {s}", f"{n} {s}", f"{n} {s}, Apt {r.randint(1, 9)}{r.choice('ABCD')}",
                     f"{n} {s} #{r.randint(100, 450)}"])


def zip_typed(r, base):
    if r.random() < 0.3:
        return base + "-" + rdig(r, 4)
    return base


def ipv4(r):
    if r.random() < 0.12:
        return f"192.168.{r.randint(0, 20)}.{r.randint(2, 254)}"
    a = r.choice([81, 86, 92, 109, 151, 176, 185, 212, 37, 46, 78, 89, 31, 24,
                  73, 98, 174, 64, 2, 5, 82, 90])
    return f"{a}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"


def ipv6(r):
    g = [r.choice(["2a02", "2a01", "2001", "2600", "2607", "2a00"])] + \
        [f"{r.randint(0, 0xffff):x}" for _ in range(7)]
    if r.random() < 0.5:
        return ":".join(g)
    return ":".join(g[:4]) + "::" + g[7]


def ip_any(r):
    return ipv6(r) if r.random() < 0.4 else ipv4(r)


def ip_spoken(r):
    ip = ipv4(r)
    parts = []
    for o in ip.split("."):
        parts.append(say_digits(o, r, rep=0) if r.random() < 0.5 else
                     (two(int(o)) if int(o) < 100 else house_words(int(o), r)))
    return " dot ".join(parts)


# distractor (unlabeled) identifiers
def nino(r):
    return f"{r.choice('ABCEGHJKLMNOPRSTWXYZ')}{r.choice('ABCEGHJKLMNPRSTWXYZ')} {rdig(r, 2)} {rdig(r, 2)} {rdig(r, 2)} {r.choice('ABCD')}"


def pps(r):
    return rdig(r, 7) + r.choice(LET) + r.choice(["", "A", "W", "H"])


def pcn(r):
    return r.choice(["WK", "LB", "ZY", "CE", "HF", "BJ"]) + rdig(r, 8)


def ctref(r):
    return r.choice([rdig(r, 8, "5"), rdig(r, 11, "5"), f"CT/{rdig(r, 4)}/{rdig(r, 3)}",
                     f"{rdig(r, 4)}-{rdig(r, 4)}"])


def caseref(r):
    return r.choice([f"SC-{rdig(r, 6)}", f"REF{rdig(r, 7)}", f"CR/{r.randint(2023, 2025)}/{rdig(r, 5)}",
                     f"VS-2025-{rdig(r, 6)}", f"#{rdig(r, 6)}", f"ASC{rdig(r, 5)}"])


def claimref(r):
    return r.choice([f"{rdig(r, 4)} {rdig(r, 4)} {rdig(r, 2)}", f"HB{rdig(r, 7)}",
                     f"UC-{rdig(r, 8)}", f"SNAP-{rdig(r, 7)}"])


def money(r, cur):
    v = r.randint(5, 2400) + r.choice([0, 0.5, 0.99, 0.25, 0.4, 0.18])
    s = f"{v:,.2f}" if r.random() < 0.7 else f"{int(v):,}"
    return {"GBP": "£", "EUR": "€", "USD": "$"}[cur] + s


def appt_date(r):
    d, m = r.randint(1, 28), r.randint(1, 12)
    y = r.choice([2025, 2026])
    return r.choice([f"{d:02d}/{m:02d}/{y}", f"{d} {MONTHS[m-1][:3]} {y}",
                     f"{ordsfx(d)} {MONTHS[m-1]}", f"{ordsfx(d)} {MONTHS[m-1]} {y}",
                     f"{['Mon', 'Tue', 'Wed', 'Thu', 'Fri'][r.randint(0, 4)]} {d:02d}/{m:02d}"])


def tm(r):
    h, mi = r.randint(8, 17), r.choice([0, 15, 30, 45, 10, 20])
    return r.choice([f"{h:02d}:{mi:02d}", f"{h if h <= 12 else h - 12}.{mi:02d}{'am' if h < 12 else 'pm'}",
                     f"{h if h <= 12 else h - 12}{'am' if h < 12 else 'pm'}"])


def trange(r, sep="-"):
    h1 = r.randint(8, 13)
    h2 = r.randint(h1 + 1, 18)
    m1, m2 = r.choice([0, 30, 15]), r.choice([0, 30, 45])
    fmt = r.choice(["24", "ampm"])
    def f(h, m):
        if fmt == "24":
            return f"{h:02d}:{m:02d}"
        hh = h if h <= 12 else h - 12
        return f"{hh}{'' if m == 0 else '.' + format(m, '02d')}{'am' if h < 12 else 'pm'}"
    return f"{f(h1, m1)}{sep}{f(h2, m2)}"


def money_small(r, cur):
    v = r.randint(8, 95) + r.choice([0, 0.5, 0.25, 0.4])
    return {"GBP": "£", "EUR": "€", "USD": "$"}[cur] + (f"{v:.2f}" if v % 1 else f"{int(v)}")


def mknum_spoken_ref(r):
    return say_digits(rdig(r, r.randint(5, 8)), r)


# --------------------------------------------------------------------------
# POSITIVE templates (typed)
# --------------------------------------------------------------------------
def p_crm_export(r):
    u = U(r.choice(["council_tax", "housing", "benefits"]), "typed")
    f, l = pick_name(r)
    region = r.choice(["uk", "uk", "ie"])
    nm = f"{l}, {f}"
    u.t("Name: ").e("PERSON", nm).t(" | Tel: ")
    u.e("PHONE_NUMBER", (uk_mobile(r) if r.random() < 0.6 else uk_geo(r)) if region == "uk"
        else (ie_mobile(r) if r.random() < 0.6 else ie_land(r)))
    u.t(f" | Ref: {ctref(r)}")
    if r.random() < 0.5:
        u.t(" | Email: ").e("EMAIL_ADDRESS", email_for(r, f, l, region))
    if r.random() < 0.6:
        if region == "uk":
            town, pc = r.choice(UK_TOWNS)
            u.t(" | Addr: ").e("STREET_ADDRESS", uk_street(r)).t(f", {town} {pc}")
        else:
            town, ec = r.choice(IE_TOWNS)
            u.t(" | Addr: ").e("STREET_ADDRESS", ie_street(r)).t(f", {town}, {ec}")
    u.t(" | Notes: " + r.choice([
        "wants DD moved to the 15th", "disputes single person discount removal",
        "asked for callback re arrears letter", "moving out end of month",
        f"bal {money(r, 'GBP' if region == 'uk' else 'EUR')}, agreed plan"]))
    return u


def p_crm_caps(r):
    u = U(r.choice(["parking", "council_tax", "benefits"]), "typed")
    f, l = pick_name(r)
    u.t("NAME: ").e("PERSON", f"{l.upper()}, {f.upper()}").t("\n")
    if r.random() < 0.6:
        u.t("DOB: ").e("DATE_OF_BIRTH", dob_typed(r).upper()).t("\n")
    u.t(f"PCN NO: {pcn(r)}\nVEHICLE: {r.choice(['FORD FIESTA', 'VW POLO', 'TOYOTA YARIS', 'NISSAN QASHQAI'])} ")
    u.t(f"{r.choice(LET)}{r.choice(LET)}{rdig(r, 2)} {r.choice(LET)}{r.choice(LET)}{r.choice(LET)}\n")
    u.t("CONTACT NO: ").e("PHONE_NUMBER", uk_mobile(r)).t("\n")
    town, pc = r.choice(UK_TOWNS)
    u.t("ADDRESS: ").e("STREET_ADDRESS", uk_street(r).upper()).t(f", {town.upper()}, {pc}")
    return u


def p_email_staff(r):
    u = U(r.choice(["benefits", "council_tax", "housing", "school_admissions"]), "typed")
    f, l = pick_name(r)
    sf, sl = pick_name(r)
    title = r.choice(["Mr", "Mrs", "Ms", "Dr", "Miss"])
    u.t(f"Dear {title} ").e("PERSON", l).t(",\n\n")
    u.t(r.choice([
        f"Thank you for your call on {appt_date(r)} about your Housing Benefit claim HB{rdig(r, 7)}. ",
        f"Further to our conversation, I have applied the {r.choice(['25%', 'single person'])} discount to reference {ctref(r)}. ",
        f"I am writing about your application for a Year {r.choice(['R', '3', '7'])} place. ",
    ]))
    u.t("If you have any questions, please call me on ")
    u.e("PHONE_NUMBER", r.choice([uk_geo, uk_mobile, ie_land])(r))
    if r.random() < 0.4:
        u.t(f" ext {r.randint(100, 799)}")
    u.t(r.choice([" or reply to this email.", ".", " between 9am and 4.30pm."]))
    u.t(r.choice(["\n\nKind regards,\n", "\n\nYours sincerely,\n", "\n\nMany thanks,\n", "\n\nBest wishes,\n"]))
    u.e("PERSON", f"{sf} {sl}")
    u.t(r.choice(["\nWelfare Rights Adviser", "\nRevenues Officer", "\nAdmissions Team",
                  "\nTenancy Sustainment Officer"]))
    return u


def p_email_irish(r):
    u = U(r.choice(["benefits", "housing", "social_care"]), "typed")
    f, l = r.choice([n for n in NAMES if any(c in n[1] for c in "ÓóÍíÚúáÁ") or n[1].startswith(("Ó", "Ní", "Mac", "O'", "Mc"))])
    title = "Mr" if f in ("Pádraig", "Oisín", "Declan", "Seamus") else r.choice(["Ms", "Mrs"])
    u.t(f"Dear {title} ").e("PERSON", l).t(",\n\n")
    u.t(f"Your Fuel Allowance of €33.00 per week will be paid to IBAN ")
    u.e("IBAN_CODE", iban_typed(r, "IE"))
    u.t(f" from {appt_date(r)}. Your PPSN {pps(r)} is quoted for reference only.\n\n")
    sf, sl = pick_name(r)
    u.t("Le meas,\n").e("PERSON", f"{sf} {sl}").t("\nIntreo Centre")
    return u


def p_sms(r):
    u = U(r.choice(["food_bank", "charity", "parking", "housing", "victim_support"]), "typed")
    f, l = pick_name(r)
    fl = fold(f).lower() if r.random() < 0.6 else f
    u.t(r.choice(["hiya its ", "hi this is ", "hello its ", "hey, ", "hi, "])).e("PERSON", fl)
    u.t(r.choice([" here, cant make the food bank tmrw, can u ring me on ",
                  " , got ur letter abt the pcn, pls call me back on ",
                  " here my new numbr is ", " , phone dead so use my mums ",
                  " here sorry missed ur call, im on "]))
    region = r.choice(["uk", "ie", "us"])
    ph = {"uk": uk_mobile, "ie": ie_mobile, "us": us_phone}[region](r)
    u.e("PHONE_NUMBER", ph)
    u.t(r.choice([" thx", " after 3 x", "", " ta", " !!", " cheers"]))
    return u


def p_sms_named_other(r):
    u = U(r.choice(["food_bank", "victim_support", "social_care"]), "typed")
    f, l = pick_name(r)
    u.t(r.choice(["can u tell ", "pls let ", "is "]))
    u.e("PERSON", f if r.random() < 0.5 else f"{f} {l}")
    u.t(r.choice([" i'll be late, bus didnt come", " know my email changed to ",
                  " still the keyworker? my email is "]))
    if "email" in u.text:
        u.e("EMAIL_ADDRESS", email_for(r, f, l, r.choice(["uk", "ie"])))
    return u


def p_webform_school(r):
    u = U("school_admissions", "typed")
    f, l = pick_name(r)
    ch = r.choice(CHILDREN)
    region = r.choice(["uk", "ie"])
    u.t("Child's name: ").e("PERSON", f"{ch} {l}").t("\nChild's date of birth: ")
    u.e("DATE_OF_BIRTH", dob_typed(r, child=True)).t("\nParent/carer: ").e("PERSON", f"{f} {l}")
    u.t("\nEmail: ").e("EMAIL_ADDRESS", email_for(r, f, l, region))
    u.t("\nPhone: ").e("PHONE_NUMBER", uk_mobile(r) if region == "uk" else ie_mobile(r))
    if region == "uk":
        town, pc = r.choice(UK_TOWNS)
        u.t("\nAddress: ").e("STREET_ADDRESS", uk_street(r)).t(f", {town}, {pc}")
    else:
        town, ec = r.choice(IE_TOWNS)
        u.t("\nAddress: ").e("STREET_ADDRESS", ie_street(r)).t(f", {town}, {ec}")
    school1 = r.choice(["St Joseph's RC Primary", "Greenfield Primary", "Scoil Bhríde"])
    u.t(f"\nPreferred schools: {school1} (1), ")
    u.t(f"{r.choice(['Hillside Academy', 'Oakwood Primary', 'Gaelscoil na Fuinseoige'])} (2)")
    if r.random() < 0.6:
        u.t("\nSubmitted from IP: ").e("IP_ADDRESS", ip_any(r))
    u.t(f"\nSubmitted: {appt_date(r)} {tm(r)}")
    return u


def p_webform_us(r):
    u = U(r.choice(["benefits", "victim_support", "housing"]), "typed")
    f, l = pick_name(r)
    u.t("First name: ").e("PERSON", f).t("\nLast name: ").e("PERSON", l)
    u.t("\nDate of birth: ").e("DATE_OF_BIRTH", dob_typed(r, us=True))
    u.t("\nSSN: ").e("US_SSN", ssn_typed(r))
    city, z = r.choice(US_CITIES)
    u.t("\nStreet address: ").e("STREET_ADDRESS", us_street(r)).t(f"\nCity/State: {city}\nZIP: ")
    u.e("ZIP_CODE", zip_typed(r, z)).t("\nPhone: ").e("PHONE_NUMBER", us_phone(r))
    if r.random() < 0.5:
        u.t("\nEmail: ").e("EMAIL_ADDRESS", email_for(r, f, l, "us"))
    u.t("\nHousehold size: " + str(r.randint(1, 7)))
    return u


def p_case_note_referral(r):
    u = U("social_care", "typed")
    f, l = pick_name(r)
    df, dl_ = pick_name(r)
    u.t("Referral rec'd from Dr ").e("PERSON", dl_).t(f" ({r.choice(['GP', 'A&E', 'ward 7B', 'discharge team'])}) re ")
    u.e("PERSON", f"{f} {l}").t(" (DOB ").e("DATE_OF_BIRTH", dob_typed(r)).t(")")
    if r.random() < 0.7:
        u.t(r.choice([", MRN ", ", hosp no. ", ", medical record no "])).e("MEDICAL_RECORD_NUMBER", mrn(r))
    town, pc = r.choice(UK_TOWNS)
    u.t(". Lives alone at ").e("STREET_ADDRESS", uk_street(r)).t(f", {town}. ")
    nf, nl = pick_name(r)
    u.t(r.choice(["NOK ", "Neighbour ", "NOK (sibling) ", "Friend "])).e("PERSON", nf)
    u.t(" on ").e("PHONE_NUMBER", uk_mobile(r)).t(f". HV booked {appt_date(r)} {tm(r)}. Ref {caseref(r)}.")
    return u


def p_case_note_nocue(r):
    u = U(r.choice(["council_tax", "housing", "food_bank", "benefits"]), "typed")
    f, l = pick_name(r)
    u.e("PERSON", f"{f} {l}")
    u.t(r.choice([" called back, happy w/ outcome. ",
                  " rang re arrears, agreed " + money_small(r, r.choice(["GBP", "EUR"])) + "/wk. ",
                  " attended drop-in, 2 parcels given. ",
                  " - no answer x3, left VM. "]))
    if r.random() < 0.5:
        f2, l2 = pick_name(r)
        u.t(r.choice(["Passed to ", "Cc ", "Spoke w/ "])).e("PERSON", f2).t(r.choice([" in Revs.", " (TL).", " for sign-off."]))
    else:
        u.t(f"Next review {appt_date(r)}.")
    return u


def p_initials(r):
    u = U(r.choice(["social_care", "victim_support", "school_admissions"]), "typed")
    f, l = pick_name(r)
    ini = r.choice([f"{f[0]}. {l}", f"{f[0]}. {r.choice(LET)}. {l}", f"{f[0]}.{r.choice(LET)}. {l}"])
    u.t(r.choice(["Report by ", "Assessment completed by ", "Author: ", "Signed: "])).e("PERSON", ini)
    u.t(r.choice([", Senior Practitioner.", " (Social Worker).", ", ISVA.", " - EWO."]))
    if r.random() < 0.5:
        u.t(" Seen with mother ").e("PERSON", r.choice(NAMES)[0]).t(" and child ").e("PERSON", r.choice(CHILDREN)).t(f" ({r.randint(3, 15)}).")
    return u


def p_titles(r):
    u = U(r.choice(["council_tax", "parking", "victim_support", "housing"]), "typed")
    f, l = pick_name(r)
    t = r.choice(["Cllr", "Officer", "Mrs", "Dr", "Councillor", "PC", "DC", "Sgt"])
    u.t(r.choice([f"{t} ", f"Raised by {t} ", f"Email from {t} "])).e("PERSON", l if (t == "Mrs" or r.random() < 0.6) else f"{f} {l}")
    u.t(r.choice([" at the ward surgery re bins on the estate.",
                  " asked for an update on the PCN appeal.",
                  f" - crime ref {caseref(r)}, victim happy to be contacted.",
                  " flagged damp and mould, inspection booked."]))
    return u


def p_card_payment(r):
    u = U(r.choice(["parking", "council_tax", "charity"]), "typed")
    f, l = pick_name(r)
    u.t(r.choice([f"Paid PCN {pcn(r)} {r.choice(['£35.00', '£65.00', '£80.00', '£130.00'])} by card ",
                  f"Card payment {money(r, 'GBP')} against CT ref {ctref(r)}, card no ",
                  f"Donation {money(r, r.choice(['GBP', 'EUR']))} monthly, card ",
                  "Payment taken: "]))
    u.e("CREDIT_CARD", card_typed(r)).t(f" exp {r.randint(1, 12):02d}/{r.randint(26, 30)}")
    u.t(r.choice([", cardholder ", " - name on card ", ". Cardholder: "])).e("PERSON", f"{f} {l}")
    u.t(r.choice([".", "", ". Receipt emailed."]))
    return u


def p_iban_refund(r):
    u = U(r.choice(["council_tax", "benefits", "charity", "parking"]), "typed")
    f, l = pick_name(r)
    cc = next_country(r)
    u.t(r.choice([f"Refund of {money(r, 'EUR')} to IBAN ", f"Overpayment {money(r, 'GBP')} - refund to ",
                  "Bank details for grant: IBAN ", "IBAN: "]))
    u.e("IBAN_CODE", iban_typed(r, cc))
    cue = r.choice([", account holder ", " (acct holder: ", " - name: "])
    u.t(cue).e("PERSON", f"{f} {l}")
    if "(" in cue:
        u.t(")")
    u.t(r.choice([".", f". Ref {caseref(r)}.", ""]))
    return u


def p_us_direct_deposit(r):
    u = U("benefits", "typed")
    f, l = pick_name(r)
    u.t(r.choice(["Direct deposit set up for ", "DD form: ", "Client "])).e("PERSON", f"{f} {l}")
    u.t(r.choice([": routing ", " - ABA ", ", routing no. "])).e("ABA_ROUTING_NUMBER", aba(r))
    u.t(r.choice([", checking acct ", ", acct # ", " / savings account "])).e("US_BANK_NUMBER", us_bank(r))
    u.t(r.choice([". SNAP benefits start next cycle.", ".", f". Case {claimref(r)}."]))
    return u


def p_us_id(r):
    u = U(r.choice(["benefits", "victim_support", "housing"]), "typed")
    f, l = pick_name(r)
    u.t("ID verified for ").e("PERSON", f"{f} {l}").t(": ")
    _ID_TOGGLE.append(1)
    if len(_ID_TOGGLE) % 2 == 0:
        st, num = dl(r)
        u.t(f"{st} driver's license ").e("US_DRIVER_LICENSE", num).t(f", exp {r.randint(1, 12):02d}/{r.randint(2026, 2031)}")
    else:
        u.t(r.choice(["US passport no. ", "passport # ", "U.S. passport "])).e("US_PASSPORT", passport(r))
    if r.random() < 0.5:
        u.t("; SSN ").e("US_SSN", ssn_typed(r))
    u.t(".")
    return u


_ID_TOGGLE = []


def p_us_victim(r):
    u = U("victim_support", "typed")
    f, l = pick_name(r)
    city, z = r.choice(US_CITIES)
    u.t("Victim: ").e("PERSON", f"{f} {l}").t(" | Safe contact: ").e("PHONE_NUMBER", us_phone(r))
    u.t(" (OK to leave VM: " + r.choice(["Y", "N"]) + ") | Relocated to ")
    u.e("STREET_ADDRESS", us_street(r)).t(f", {city} ").e("ZIP_CODE", zip_typed(r, z))
    u.t(f" | Advocate: ")
    af, al = pick_name(r)
    u.e("PERSON", af).t(f" | Case {caseref(r)}")
    return u


def p_uk_victim(r):
    u = U("victim_support", "typed")
    f, l = pick_name(r)
    u.t("Victim: ").e("PERSON", f"{f} {l}").t(" | Contact: ").e("PHONE_NUMBER", uk_mobile(r))
    u.t(" | Email: ").e("EMAIL_ADDRESS", email_for(r, f, l, "uk"))
    of, ol = pick_name(r)
    u.t(" | OIC: ").t(r.choice(["DC ", "PC ", "Officer "])).e("PERSON", ol).t(f" {r.randint(1000, 9999)}")
    u.t(f" | Crime ref {caseref(r)}")
    return u


def p_ip_log(r):
    u = U(r.choice(["council_tax", "benefits", "school_admissions", "parking"]), "typed")
    ip = ip_any(r)
    u.t(r.choice([f"Form submitted {appt_date(r)} {tm(r)} from ", "Login from IP ",
                  "Failed login x5 from ", "Web chat session origin: "]))
    u.e("IP_ADDRESS", ip)
    if r.random() < 0.5:
        f, l = pick_name(r)
        u.t(" by user ").e("EMAIL_ADDRESS", email_for(r, f, l, r.choice(["uk", "ie", "us"])))
    u.t(r.choice([" (IE)", " - flagged", "", f", session {rdig(r, 6)}"]))
    return u


def p_account(r):
    u = U(r.choice(["housing", "council_tax", "charity", "benefits"]), "typed")
    f, l = pick_name(r)
    u.t(r.choice(["Rent account number ", "Electric Ireland account no. ", "Water customer account ",
                  "Acct no: ", "Uisce Éireann account number ", "Energy supplier account number "]))
    u.e("ACCOUNT_NUMBER", acct(r))
    u.t(r.choice([" - arrears ", ", balance ", " owes "])).t(money(r, r.choice(["GBP", "EUR"])))
    u.t(r.choice(["; tenant ", "; customer ", "; named on bill: "])).e("PERSON", f"{f} {l}")
    u.t(".")
    return u


def p_signature(r):
    u = U(r.choice(["charity", "food_bank", "victim_support", "school_admissions"]), "typed")
    f, l = pick_name(r)
    u.t(r.choice(["Hi,\n\n", "Hello,\n\n", "Good morning,\n\n"]))
    u.t(r.choice(["Just confirming I can volunteer at the food bank on Saturday mornings.",
                  "Could you please send me the form for the hardship fund?",
                  "My son has been offered a place but we have moved house.",
                  "I'd like to cancel my direct debit donation please."]))
    if r.random() < 0.5:
        u.t(" You can reach me on ").e("PHONE_NUMBER", r.choice([uk_mobile, ie_mobile, us_phone])(r)).t(".")
    sig = r.choice([f, f, f"{f} {l}"])
    u.t(r.choice(["\n\nThanks, ", "\n\nThanks,\n", "\n\nKind regards,\n", "\n\nCheers\n", "\n\nMany thanks\n"]))
    u.e("PERSON", sig)
    return u


def p_dob_inline(r):
    u = U(r.choice(["benefits", "social_care", "council_tax", "victim_support"]), "typed")
    f, l = pick_name(r)
    u.e("PERSON", f"{f} {l}")
    cue = r.choice([", d.o.b. ", " (born ", " - DOB: ", ", date of birth "])
    u.t(cue)
    u.e("DATE_OF_BIRTH", dob_typed(r))
    if "(" in cue:
        u.t(")")
    u.t(r.choice([", NINO " + nino(r) + " (not recorded).", ", PPSN " + pps(r) + ".",
                  ", lives w/ partner.", f", claim {claimref(r)}."]))
    return u


def p_mrn_note(r):
    u = U("social_care", "typed")
    f, l = pick_name(r)
    u.t(r.choice(["Discharge notification: ", "Hospital discharge - ", "Safeguarding concern: "]))
    cue = r.choice([", MRN ", ", medical record number ", " (hospital record no. "])
    u.e("PERSON", f"{f} {l}").t(cue)
    u.e("MEDICAL_RECORD_NUMBER", mrn(r))
    if "(" in cue:
        u.t(")")
    u.t(f", discharged {appt_date(r)}; needs 4 calls/day, {r.choice(['2 carers', 'hoist', 'meds prompt'])}.")
    return u


def p_us_zip(r):
    u = U(r.choice(["benefits", "housing", "victim_support"]), "typed")
    city, z = r.choice(US_CITIES)
    u.t(r.choice(["Client moved, new ZIP code ", "Mailing ZIP: ", "Zip code on file changed to ", "Service area check - zip "]))
    u.e("ZIP_CODE", zip_typed(r, z))
    u.t(r.choice([f" ({city}); same county, no transfer needed.", f", {city}. Eligible for the pantry network.",
                  f" - outside our catchment, referred on.", f"; {r.randint(2, 6)} in household."]))
    return u


def p_us_caps(r):
    u = U(r.choice(["benefits", "housing"]), "typed")
    f, l = pick_name(r)
    city, z = r.choice(US_CITIES)
    u.t("APPLICANT: ").e("PERSON", f"{l.upper()}, {f.upper()}")
    u.t("\nSSN: ").e("US_SSN", ssn_typed(r)).t("  DOB: ").e("DATE_OF_BIRTH", dob_typed(r, us=True))
    u.t("\nMAILING ADDRESS: ").e("STREET_ADDRESS", us_street(r).upper()).t(f", {city.upper()} ").e("ZIP_CODE", zip_typed(r, z))
    return u


# --------------------------------------------------------------------------
# POSITIVE templates (ASR)
# --------------------------------------------------------------------------
def a_name_phone(r):
    u = U(r.choice(["council_tax", "benefits", "parking", "food_bank", "housing"]), "asr")
    f, l = pick_name(r)
    u.t(r.choice(["hi my name is ", "hello yeah it's ", "hiya this is ", "good morning my name's "]))
    u.e("PERSON", asr_name(f"{f} {l}") if r.random() < 0.7 else asr_name(f))
    u.t(r.choice([" and my number is ", " you can call me back on ", " my mobile is ", " the best number is "]))
    u.e("PHONE_NUMBER", phone_spoken(r, r.choice(["uk_mob", "uk_mob", "ie_mob", "ie_mob", "uk_geo", "ie_land", "us"])), True)
    u.t(r.choice(["", " thanks", " after two o'clock", " any time"]))
    return u


def a_dob(r):
    u = U(r.choice(["benefits", "social_care", "council_tax"]), "asr")
    u.t(r.choice(["my date of birth is ", "yeah date of birth ", "i was born on ", "dob is "]))
    u.e("DATE_OF_BIRTH", dob_spoken(r), True)
    if r.random() < 0.5:
        f, l = pick_name(r)
        u.t(" and the name on the claim is ").e("PERSON", asr_name(f"{f} {l}"))
    return u


def a_address(r):
    u = U(r.choice(["council_tax", "housing", "food_bank", "social_care", "benefits"]), "asr")
    reg = r.choice(["uk", "ie", "us"])
    n = r.randint(1, 240) if reg != "us" else r.choice([r.randint(10, 99), r.randint(100, 999), r.randint(1000, 9899)])
    if reg == "uk":
        s = r.choice(UK_STREETS).lower()
        town = r.choice(UK_TOWNS)[0].lower().replace(",", "")
    elif reg == "ie":
        s = r.choice(IE_STREETS).lower()
        town = r.choice(IE_TOWNS)[0].lower().replace(",", "").replace(".", "")
        town = town.replace("dublin 9", "dublin nine").replace("dublin 24", "dublin twenty four")
    else:
        s = r.choice(US_STREETS_SPOKEN)
        town = r.choice(US_CITIES)[0].split(",")[0].lower()
    spoken = r.random() < 0.75
    addr = f"{house_words(n, r) if spoken else n} {s}"
    u.t(r.choice(["the address is ", "i live at ", "i've moved to ", "it's "]))
    u.e("STREET_ADDRESS", addr, spoken).t(f" in {town}")
    if reg == "us" and r.random() < 0.7:
        z = [c for c in US_CITIES if c[0].split(",")[0].lower() == town][0][1]
        zs = r.random() < 0.8
        u.t(" zip code ").e("ZIP_CODE", say_digits(z, r, rep=0.3) if zs else z, zs)
    return u


def a_ssn(r):
    u = U(r.choice(["benefits", "victim_support", "housing"]), "asr")
    u.t(r.choice(["my social is ", "social security number ", "the ssn is ", "okay my social security number is "]))
    u.e("US_SSN", ssn_spoken(r), True)
    u.t(r.choice(["", " and i need to recertify", " you need the last four again"]))
    return u


def a_card(r):
    u = U(r.choice(["parking", "council_tax", "charity"]), "asr")
    u.t(r.choice(["the card number is ", "okay the card is ", "long number on the card ", "card is "]))
    u.e("CREDIT_CARD", card_spoken(r), True)
    u.t(r.choice([" expiry oh nine twenty seven", " and the pcn is " + say_digits(pcn(r)[2:], r), "", " to pay the fine"]))
    return u


def a_iban(r):
    u = U(r.choice(["benefits", "charity", "council_tax"]), "asr")
    u.t(r.choice(["my iban is ", "the i ban is ", "bank details iban ", "it's "]))
    u.e("IBAN_CODE", iban_spoken(r, next_country(r)), True)
    u.t(r.choice(["", " for the refund", " did you get all that"]))
    return u


def a_email(r):
    u = U(r.choice(["school_admissions", "council_tax", "charity", "victim_support"]), "asr")
    f, l = pick_name(r)
    reg = r.choice(["uk", "ie", "us"])
    u.t(r.choice(["my email is ", "send it to ", "the email address is "]))
    u.e("EMAIL_ADDRESS", email_spoken(r, f, l, reg), True)
    return u


def a_bank(r):
    u = U("benefits", "asr")
    u.t("for direct deposit the routing number is ").e("ABA_ROUTING_NUMBER", say_digits(aba(r), r, rep=0.5), True)
    u.t(r.choice([" and the account number is ", " and my checking account is "]))
    u.e("US_BANK_NUMBER", say_digits(us_bank(r), r, rep=0.5), True)
    return u


def a_account(r):
    u = U(r.choice(["housing", "council_tax", "charity"]), "asr")
    u.t(r.choice(["my account number is ", "the rent account number is ", "customer account number "]))
    u.e("ACCOUNT_NUMBER", say_digits(rdig_rep(r, r.choice([8, 9, 10])), r), True)
    return u


def a_officer(r):
    u = U(r.choice(["victim_support", "parking"]), "asr")
    f, l = pick_name(r)
    u.t(r.choice(["hi this is officer ", "it's detective constable ", "the officer was pc ", "i spoke to sergeant "]))
    u.e("PERSON", asr_name(l)).t(r.choice([" about the burglary", " from the station", " and he gave me a crime number", ""]))
    return u


def a_mrn(r):
    u = U("social_care", "asr")
    f, l = pick_name(r)
    u.t("it's about my mum ").e("PERSON", asr_name(f"{f} {l}"))
    u.t(r.choice([" her medical record number is ", " the hospital number is ", " mrn "]))
    u.e("MEDICAL_RECORD_NUMBER", say_digits(rdig_rep(r, r.choice([7, 8])), r), True)
    return u


def a_passport_dl(r):
    u = U(r.choice(["benefits", "housing"]), "asr")
    if r.random() < 0.5:
        u.t("my passport number is ")
        p = passport(r)
        u.e("US_PASSPORT", say_digits(p, r, rep=0.3, letters=True), True)
    else:
        st, num = dl(r)
        if st in ("New York", "Texas", "Pennsylvania", "California", "Georgia"):
            u.t(f"my {st.lower()} driver's license is ")
            u.e("US_DRIVER_LICENSE", say_digits(num, r, rep=0.3, letters=True), True)
        else:
            u.t("license number ")
            num = r.choice(LET) + rdig(r, 7)
            u.e("US_DRIVER_LICENSE", say_digits(num, r, rep=0.3, letters=True), True)
            u.t(" it's a california license")
    return u


def a_digits_asr(r):
    """ASR engines that format numbers as digits (spoken=False)."""
    u = U(r.choice(["food_bank", "benefits", "housing"]), "asr")
    f, l = pick_name(r)
    u.t("yeah it's ").e("PERSON", asr_name(f)).t(" again you can reach me at ")
    u.e("PHONE_NUMBER", r.choice([lambda: "08" + r.choice("35679") + " " + rdig(r, 3, "2345678") + " " + rdig(r, 4),
                                  lambda: "07" + r.choice("45789") + rdig(r, 2) + " " + rdig(r, 6),
                                  lambda: f"{r.choice(US_AREAS)} {us_exch(r)} {rdig(r, 4)}"])())
    u.t(r.choice([" or email ", " thanks"]))
    if u.text.endswith("email "):
        u.e("EMAIL_ADDRESS", email_for(r, f, l, "uk"))
    return u


def a_zip(r):
    u = U(r.choice(["benefits", "food_bank", "housing"]), "asr")
    city, z = r.choice(US_CITIES)
    u.t(r.choice(["my zip code is ", "zip is ", "the zip code there is "]))
    u.e("ZIP_CODE", say_digits(z, r, rep=0.4), True)
    u.t(r.choice([f" that's {city.split(',')[0].lower()}", " is there a pantry near me", ""]))
    return u


def a_ip(r):
    u = U(r.choice(["council_tax", "benefits"]), "asr")
    u.t(r.choice(["the error page says my ip address is ", "it says blocked ip "]))
    u.e("IP_ADDRESS", ip_spoken(r), True)
    return u


def a_child(r):
    u = U(r.choice(["school_admissions", "social_care"]), "asr")
    f, l = pick_name(r)
    ch = r.choice(CHILDREN)
    u.t("it's about my child ").e("PERSON", asr_name(ch)).t(r.choice([" who was born on ", " date of birth ", " born "]))
    u.e("DATE_OF_BIRTH", dob_spoken(r, child=True), True)
    u.t(r.choice([" and i'm the parent ", " and my name is ", " i'm the guardian "])).e("PERSON", asr_name(f"{f} {l}"))
    return u


# --------------------------------------------------------------------------
# NEGATIVE templates (no PII at all)
# --------------------------------------------------------------------------
def n_council_tax(r):
    u = U("council_tax", "typed")
    u.t(r.choice([f"Council tax ref {ctref(r)}: balance {money(r, 'GBP')} due {appt_date(r)}. Instalments of {money(r, 'GBP')} on the 1st.",
                  f"CT account summary - Band {r.choice('ABCDEFG')}, annual charge {money(r, 'GBP')}, 10 instalments, ref {ctref(r)}.",
                  f"Summons costs {money(r, 'GBP')} added {appt_date(r)}, ref {ctref(r)}; liability order hearing {appt_date(r)} at {tm(r)}.",
                  f"SPD review letter sent for ref {ctref(r)}; 25% discount stays until {appt_date(r)}."]))
    return u


def n_parking(r):
    u = U("parking", "typed")
    u.t(r.choice([f"PCN {pcn(r)} issued {appt_date(r)} {tm(r)}, contravention code {r.choice(['01', '12', '30', '62'])}, {r.choice(['£110', '£70', '£130', '£80'])} reduced by 50% if paid within 14 days; due {appt_date(r)} if paid within 14 days.",
                  f"Appeal for PCN {pcn(r)} received {appt_date(r)}; case {caseref(r)}; decision within 56 days.",
                  f"Permit zone {r.choice(['CA-H', 'K', 'B2', 'Z'])} renewal {money(r, 'GBP')}, valid to {appt_date(r)}.",
                  f"Bay suspension {rdig(r, 5)} in force {trange(r)}, {r.randint(3, 12)} bays."]))
    return u


def n_benefits(r):
    u = U("benefits", "typed")
    u.t(r.choice([f"UC claim no. {claimref(r)}, next payment {money(r, 'GBP')} on {appt_date(r)}.",
                  f"Claimant NINO {nino(r)} matched on CIS; HB ref {claimref(r)} suspended pending evidence.",
                  f"PPSN {pps(r)} confirmed on the DSP system, Jobseeker's €{r.randint(150, 244)}.{r.choice(['00', '50', '20'])}/wk from {appt_date(r)}.",
                  f"Fuel Allowance €33/week for 28 weeks, total €924; claim {claimref(r)}.",
                  f"SNAP recert due {appt_date(r)}; household of {r.randint(2, 6)}, monthly allotment {money(r, 'USD')}.",
                  f"Mandatory reconsideration {caseref(r)} lodged {appt_date(r)}, 28 days to respond."]))
    return u


def n_hours(r):
    u = U(r.choice(["food_bank", "charity", "council_tax"]), "typed")
    u.t(r.choice([f"Food bank open Tue & Thu 10:00-13:00, Sat 9:30-12. Bring voucher ref FB-{rdig(r, 4)}.",
                  f"Customer service centre hours: Mon-Fri 9am-5pm, Wed from 10am. Closed bank holidays.",
                  f"Call back window {trange(r)}; queue position {r.randint(2, 30)}.",
                  f"Drop-in every Wednesday {trange(r, ' to ')}, Room {r.randint(1, 4)}.{r.randint(1, 20):02d}, 2nd floor."]))
    return u


def n_transport(r):
    u = U(r.choice(["council_tax", "charity", "school_admissions", "benefits"]), "typed")
    u.t(r.choice([f"Take the 46A or the 145 to the Civic Offices, Room {r.randint(1, 3)}.{r.randint(1, 30)}, 3rd floor.",
                  f"School bus route {r.randint(3, 99)} picks up at {tm(r)}; {r.randint(20, 60)} seats.",
                  f"Luas Red Line to Tallaght, then the {r.choice(['49', '65', '77A', 'S2'])}.",
                  f"Bus {r.choice(['38', '73', '25', '141'])} from Clapton Pond every {r.randint(5, 15)} mins.",
                  f"Interview room {r.randint(1, 9)}, level {r.randint(0, 4)}, lift by reception."]))
    return u


def n_appt(r):
    u = U(r.choice(["social_care", "benefits", "housing", "school_admissions", "victim_support"]), "typed")
    u.t(r.choice([f"Appt moved to {appt_date(r)} at {tm(r)} in Interview Room {r.randint(1, 6)}.",
                  f"Offer day for secondary places is {appt_date(r)}; appeals close {appt_date(r)}.",
                  f"Home visit rebooked {appt_date(r)} {tm(r)}, 45 mins, bring 2 proofs of address.",
                  f"Court date {appt_date(r)}, listed {tm(r)}; witness care to confirm."]))
    return u


def n_money_qty(r):
    u = U(r.choice(["food_bank", "charity", "housing"]), "typed")
    u.t(r.choice([f"Delivered {r.randint(5, 40)} parcels, {r.randint(1, 9)} packs nappies (size 4), 2x 5kg rice, {r.randint(10, 60)} tins.",
                  f"Hardship grant {money(r, 'GBP')} approved; {money(r, 'EUR')} Tesco and Dunnes vouchers issued.",
                  f"Raised {money(r, 'GBP')} at the bake sale, {r.randint(50, 400)} attendees, target 80% met.",
                  f"Rent {money(r, 'GBP')} pcm, arrears {money(r, 'GBP')} ({r.randint(2, 12)} weeks).",
                  f"Meter reading {rdig(r, 5)} (day) / {rdig(r, 5)} (night), submitted {appt_date(r)}.",
                  f"Tenancy since {r.randint(1998, 2020)}, arrears since {r.randint(2021, 2025)}, {r.randint(2, 5)} bedrooms."]))
    return u


def n_tech(r):
    u = U(r.choice(["council_tax", "benefits", "school_admissions"]), "typed")
    u.t(r.choice([f"Portal v{r.randint(2, 6)}.{r.randint(0, 20)}.{r.randint(0, 9)} build {r.randint(2024, 2025)}{rdig(r, 4)}.{r.randint(1, 9)} - form bug fixed.",
                  f"Case GUID fragment {''.join(r.choice('0123456789abcdef') for _ in range(8))}-{''.join(r.choice('0123456789abcdef') for _ in range(4))} in the audit log.",
                  f"App version {r.randint(1, 5)}.{r.randint(0, 9)}.{r.randint(0, 9)}.{r.randint(1, 9)} on Android {r.randint(11, 15)}; upload limit 10 MB.",
                  f"Error 503 on the payments page at {tm(r)}, {r.randint(2, 40)}% of sessions affected, ticket INC{rdig(r, 7)}."]))
    return u


def n_health(r):
    u = U("social_care", "typed")
    u.t(r.choice([f"Mum on {r.choice(['5mg amlodipine', '500mg metformin', '10 ml lactulose', '75mg aspirin'])}, 2x daily; care package {r.randint(40, 100)}% funded.",
                  f"Care plan: {r.randint(2, 4)} calls/day, {r.randint(15, 45)} min each, review in {r.randint(4, 12)} weeks.",
                  f"Blood pressure 138/{r.randint(70, 95)}, weight {r.randint(50, 110)} kg, Waterlow score {r.randint(5, 20)}.",
                  f"Referral {caseref(r)} triaged RAG amber, allocated to team {r.randint(1, 6)}."]))
    return u


def n_sirmadam(r):
    u = U(r.choice(["parking", "council_tax", "charity"]), "typed")
    u.t(r.choice(["Dear Sir/Madam,\n\n", "Dear Sir or Madam,\n\n", "To whom it may concern,\n\n", "Dear colleague,\n\n"]))
    u.t(r.choice([f"Please find attached the appeal for PCN {pcn(r)}.",
                  f"We enclose {money(r, 'GBP')} for the food bank appeal.",
                  f"Please update the records for reference {ctref(r)}."]))
    u.t(r.choice(["\n\nThanks,\nTeam Greenfield", "\n\nRegards,\nRevenues Team", "\n\nThanks,\nThe Volunteers",
                  "\n\nKind regards,\nCustomer Services", "\n\nBest,\nAdmissions Office"]))
    return u


def n_pets_brands(r):
    u = U(r.choice(["social_care", "housing", "food_bank"]), "typed")
    u.t(r.choice(["Client's dog Biscuit left with neighbour; Tesco voucher £30 issued.",
                  "Cat called Bella needs feeding while in respite - Cats Protection informed.",
                  "Staffie named Max on the tenancy, pet permission granted.",
                  "M&S and Marks & Spencer vouchers are not accepted; Sainsbury's and Morrisons are.",
                  "Referred to Barnardo's and the Salvation Army; Aldi donation of 40 crates.",
                  "Parcels from Lidl and Dunnes Stores; Ford Transit van booked.",
                  "Hamster Milo and a budgie called Charlie in the flat, RSPCA not needed.",
                  "Supplied a Dell laptop and a Samsung tablet via the digital inclusion scheme."]))
    return u


def n_words(r):
    u = U(r.choice(["council_tax", "benefits", "charity", "parking", "housing"]), "typed")
    u.t(r.choice(["I will call back on Monday about the grace period for the council tax.",
                  "The bill came to £212.40 and I may need a payment plan.",
                  "Please mark the form as urgent, see page 3 of the guidance.",
                  "Rents rose by 4.99% this year; we hope the cap holds.",
                  "Acted in good faith - do not chase the debt until May.",
                  "It's sunny so the van is out; the bargain hunter crowd arrives at 9.",
                  "We will mark the appeal as received; the grace period is 14 days.",
                  "May we chase this up? The bill is still showing on page 2.",
                  "Faith groups and the Hope Centre help with the Christmas hampers.",
                  "Job hunter workshop: CV tips, will writing clinic next week."]))
    return u


def n_places(r):
    u = U(r.choice(["food_bank", "charity", "council_tax", "school_admissions"]), "typed")
    u.t(r.choice(["Outreach van at Tallaght, Clondalkin and Blanchardstown this week.",
                  "Drop-in at St Helens and Kingston upon Thames libraries on alternate Fridays.",
                  "Pantry pop-ups in Fort Worth, Charlotte and Jackson next month.",
                  "Catchment covers Victoria Park, Chelsea and parts of Kings Cross.",
                  "Hub moves from the Civic Centre to the Leisure Centre in Port Talbot.",
                  "Warm spaces open in Dún Laoghaire, Bray and Greystones from October.",
                  "Drop-off point postcode LS9 8AG, no access after 6pm.",
                  "Collection point Eircode D08 VF8H, gate code changes monthly."]))
    return u


def n_sms(r):
    u = U(r.choice(["food_bank", "parking", "council_tax"]), "typed")
    u.t(r.choice(["hi is the food bank open sat? need 2 parcels x",
                  f"got a pcn {pcn(r)} for £110 can i pay in instalments",
                  f"wat time r u open tmrw, bus {r.choice(['46a', '38', '7'])} is late",
                  f"paid {money(r, 'GBP')} yday ref {ctref(r)} pls confirm",
                  "will the grace period cover may? thx",
                  f"appt on the {ordsfx(r.randint(1, 28))} at {tm(r)} still ok?"]))
    return u


def n_school(r):
    u = U("school_admissions", "typed")
    u.t(r.choice([f"Year 7 allocation: {r.randint(900, 1500):,} applications for {r.randint(150, 300)} places; offers on {appt_date(r)}.",
                  f"Application ref {caseref(r)} - sibling link confirmed, distance {r.randint(300, 3000)}m.",
                  f"In-year transfer form v{r.randint(2, 5)}.{r.randint(0, 9)}; class size limit 30; {r.randint(2, 9)} on waiting list.",
                  f"Free school meals uptake {r.randint(12, 48)}%, breakfast club from 7:45."]))
    return u


def n_victim(r):
    u = U("victim_support", "typed")
    u.t(r.choice([f"Victim Support case {caseref(r)} closed {appt_date(r)}; crime ref {r.randint(10, 50)}/{rdig(r, 5)}/{r.randint(23, 25)}.",
                  f"Incident {appt_date(r)} approx {tm(r)}; {r.randint(2, 5)} suspects, no injuries; CAD {rdig(r, 4)}.",
                  f"Needs assessment score {r.randint(3, 20)}/25; safety plan reviewed; next contact in {r.randint(2, 14)} days.",
                  f"Helpline took {r.randint(200, 900)} calls last week, avg wait {r.randint(1, 9)} min {r.randint(0, 59)} s."]))
    return u


def n_asr(r):
    u = U(r.choice(["council_tax", "parking", "benefits", "food_bank", "housing", "school_admissions"]), "asr")
    u.t(r.choice([f"yeah the bill is {two(r.randint(100, 999) // 10)} pounds {two(r.randint(10, 99))}",
                  f"i'll be there at half ten on the {ordw(r.randint(1, 28))} of {r.choice(MONTHS).lower()}",
                  f"my reference number is c t {mknum_spoken_ref(r)}",
                  f"it's about the parking ticket p c n {mknum_spoken_ref(r)}",
                  "the food bank opens at nine and closes at one",
                  f"i rang on the {ordw(r.randint(1, 28))} and was on hold for {two(r.randint(20, 59))} minutes",
                  "i've got a grace period until may is that right",
                  f"the bus is the number {two(r.randint(20, 99))} a",
                  "will you mark it as paid please",
                  f"the claim number is {mknum_spoken_ref(r)}",
                  f"i paid {two(r.randint(20, 99))} euro last week",
                  f"it went up by {two(r.randint(2, 15))} percent in {year_words(r.randint(2019, 2025), r)}",
                  "can you hold on a sec my dog is barking",
                  f"there's {two(r.randint(2, 9))} of us in the house and {two(r.randint(1, 4))} kids",
                  f"the meter says {say_digits(rdig(r, 5), r)}",
                  "i'm hoping to get the form in by friday",
                  f"room {two(r.randint(1, 20))} on the second floor",
                  f"my national insurance number is {say_digits(nino(r), r, letters=True)}",
                  f"the case number is {mknum_spoken_ref(r)} and it's been {two(r.randint(3, 12))} weeks"]))
    return u


# --------------------------------------------------------------------------
POSITIVE = [
    (p_crm_export, 5), (p_crm_caps, 4), (p_email_staff, 5), (p_email_irish, 3),
    (p_sms, 6), (p_sms_named_other, 2), (p_webform_school, 4), (p_webform_us, 4),
    (p_case_note_referral, 4), (p_case_note_nocue, 5), (p_initials, 3), (p_titles, 4),
    (p_card_payment, 6), (p_iban_refund, 6), (p_us_direct_deposit, 4), (p_us_id, 7),
    (p_us_victim, 2), (p_uk_victim, 2), (p_ip_log, 4), (p_account, 4), (p_signature, 4),
    (p_dob_inline, 3), (p_mrn_note, 3), (p_us_caps, 2), (p_us_zip, 3),
    # ASR
    (a_name_phone, 12), (a_dob, 4), (a_address, 6), (a_ssn, 6), (a_card, 6), (a_iban, 7),
    (a_email, 5), (a_bank, 3), (a_account, 3), (a_officer, 3), (a_mrn, 3),
    (a_passport_dl, 5), (a_digits_asr, 2), (a_ip, 2), (a_zip, 2), (a_child, 3),
]
NEGATIVE = [
    (n_council_tax, 5), (n_parking, 5), (n_benefits, 7), (n_hours, 4), (n_transport, 4),
    (n_appt, 5), (n_money_qty, 7), (n_tech, 5), (n_health, 4), (n_sirmadam, 5),
    (n_pets_brands, 6), (n_words, 8), (n_places, 6), (n_sms, 5), (n_school, 4),
    (n_victim, 4), (n_asr, 28),
]


def build():
    r = random.Random(SEED)
    _IBAN_CYCLE.clear()
    _ID_TOGGLE.clear()
    items = []
    seen = set()
    for fn, k in POSITIVE + NEGATIVE:
        for _ in range(k):
            for _try in range(50):
                u = fn(r)
                if u.text not in seen:
                    break
            assert u.text not in seen, ("cannot make unique text", fn.__name__)
            seen.add(u.text)
            items.append(u)
    r.shuffle(items)
    rows = []
    for i, u in enumerate(items):
        text = u.text
        for e in u.ents:
            assert e["type"] in TYPES, e
            assert text[e["start"]:e["end"]] == e["text"], (text, e)
            assert e["text"] == e["text"].strip()
        spans = sorted((e["start"], e["end"]) for e in u.ents)
        for (a, b), (c, d) in zip(spans, spans[1:]):
            assert b <= c, ("overlap", text)
        if u.style == "asr":
            assert text == text.lower(), text
        rows.append({"id": f"{SPLIT}-{i:03d}", "split": SPLIT, "domain": u.domain,
                     "style": u.style, "text": text,
                     "entities": sorted(u.ents, key=lambda e: e["start"])})
    return rows


def main():
    rows = build()
    ids = [x["id"] for x in rows]
    assert len(ids) == len(set(ids))
    with open(OUT, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
