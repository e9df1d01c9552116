#!/usr/bin/env python3
"""Generator for the blind12 evaluation split (independent, labeled, deterministic).

Standard library only. Writes blind12.jsonl next to this file.

Character of the set: a representative deployment mix
  ~55 % raw live ASR (lower case, no punctuation, numbers as words, hesitations),
  ~20 % ASR with punctuation and digits,
  ~25 % typed notes, e-mails and web chat.
Roughly 40 % of utterances are negatives (no PII at all, many PII-looking).

Spans are computed while composing, never hand-counted, and every span is
asserted (text[start:end] == inserted value).
"""
import json
import os
import random

SEED = 120512
SPLIT = "blind12"
N_TOTAL = 280
NEG_FRACTION = 0.40

rng = random.Random(SEED)

ENTITY_TYPES = [
    "PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "US_SSN", "CREDIT_CARD", "IBAN_CODE",
    "US_BANK_NUMBER", "ABA_ROUTING_NUMBER", "ACCOUNT_NUMBER", "DATE_OF_BIRTH",
    "STREET_ADDRESS", "ZIP_CODE", "IP_ADDRESS", "US_DRIVER_LICENSE", "US_PASSPORT",
    "MEDICAL_RECORD_NUMBER",
]

# --------------------------------------------------------------------------
# composition helpers
# --------------------------------------------------------------------------

class E:
    """An entity part of an utterance."""
    def __init__(self, etype, value, spoken=False):
        assert etype in ENTITY_TYPES, etype
        self.etype = etype
        self.value = value
        self.spoken = spoken


STRIP = ",.?!;:\"()"


def lit_for(sub, s):
    """Render a literal (non-entity) piece for a sub-style."""
    if sub == "raw":
        out = s.lower()
        for ch in STRIP:
            out = out.replace(ch, "")
        out = out.replace("\n", " ")
        return out
    return s


def compose(sub, parts):
    text = ""
    ents = []
    for p in parts:
        if isinstance(p, E):
            start = len(text)
            text += p.value
            ents.append({"type": p.etype, "start": start, "end": len(text),
                         "text": p.value, "spoken": p.spoken})
        else:
            text += lit_for(sub, p)
    # normalise double spaces created by stripping, keeping offsets right:
    # we do not post-edit text; instead we assert there are none
    for e in ents:
        assert text[e["start"]:e["end"]] == e["text"], (text, e)
    return text, ents


# --------------------------------------------------------------------------
# number words
# --------------------------------------------------------------------------

DIG = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORD = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth",
       7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth",
       13: "thirteenth", 14: "fourteenth", 15: "fifteenth", 16: "sixteenth",
       17: "seventeenth", 18: "eighteenth", 19: "nineteenth", 20: "twentieth",
       21: "twenty first", 22: "twenty second", 23: "twenty third", 24: "twenty fourth",
       25: "twenty fifth", 26: "twenty sixth", 27: "twenty seventh", 28: "twenty eighth",
       29: "twenty ninth", 30: "thirtieth", 31: "thirty first"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def words(n, uk_and=True):
    assert 0 <= n < 1000000
    if n < 10:
        return DIG[n]
    if n < 20:
        return TEENS[n - 10]
    if n < 100:
        t, o = divmod(n, 10)
        return TENS[t] + ("" if o == 0 else " " + DIG[o])
    if n < 1000:
        h, r = divmod(n, 100)
        s = DIG[h] + " hundred"
        if r:
            s += (" and " if uk_and else " ") + words(r)
        return s
    th, r = divmod(n, 1000)
    s = words(th, uk_and) + " thousand"
    if r:
        if r < 100:
            s += (" and " if uk_and else " ") + words(r)
        else:
            s += " " + words(r, uk_and)
    return s


def year_words(y):
    if 2000 <= y < 2010:
        return "two thousand" + ("" if y == 2000 else " and " + DIG[y - 2000])
    hi, lo = divmod(y, 100)
    if lo == 0:
        return words(hi) + " hundred"
    if lo < 10:
        return words(hi) + " oh " + DIG[lo]
    return words(hi) + " " + words(lo)


def house_words(n):
    if n < 100:
        return words(n)
    if n < 1000:
        h, r = divmod(n, 100)
        if r == 0:
            return DIG[h] + " hundred"
        if r < 10:
            return DIG[h] + " oh " + DIG[r]
        return DIG[h] + " " + words(r)
    hi, lo = divmod(n, 100)
    if lo == 0:
        return words(hi) + " hundred"
    if lo < 10:
        return words(hi) + " oh " + DIG[lo]
    return words(hi) + " " + words(lo)


def say_digits(ds, groups=None, oh_p=0.4, rep_p=0.0, seps=(" ",), sep_p=1.0):
    """Spell a digit string the way ASR writes it.

    groups: list of group lengths (sum == len(ds)); separators are placed
    between groups only, so the span always starts and ends with a digit word.
    """
    if groups is None:
        groups = [len(ds)]
    assert sum(groups) == len(ds), (ds, groups)
    out_groups = []
    pos = 0
    for g in groups:
        chunk = ds[pos:pos + g]
        pos += g
        w = []
        i = 0
        while i < len(chunk):
            d = chunk[i]
            run = 1
            while i + run < len(chunk) and chunk[i + run] == d:
                run += 1
            dw = "oh" if (d == "0" and rng.random() < oh_p) else DIG[int(d)]
            if run >= 3 and rng.random() < rep_p:
                w.append("triple " + dw)
                i += 3
            elif run >= 2 and rng.random() < rep_p:
                w.append("double " + dw)
                i += 2
            else:
                w.append(dw)
                i += 1
        out_groups.append(" ".join(w))
    s = out_groups[0]
    for g in out_groups[1:]:
        s += (rng.choice(seps) if rng.random() < sep_p else " ") + g
    return s


def rdig(n, first_nonzero=False):
    s = "".join(rng.choice("0123456789") for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = rng.choice("123456789") + s[1:]
    return s


def group(s, sizes, sep):
    out, pos = [], 0
    for g in sizes:
        out.append(s[pos:pos + g])
        pos += g
    assert pos == len(s)
    return sep.join(out)


# --------------------------------------------------------------------------
# names
# --------------------------------------------------------------------------

NAMES = [
    # (first, last, origin)
    ("Emily", "Carter", "anglo"), ("James", "Whitfield", "anglo"), ("Sarah", "Collins", "anglo"),
    ("Graham", "Pike", "anglo"), ("Heather", "Lockwood", "anglo"),
    ("Siobhan", "O'Sullivan", "irish"), ("Niamh", "Byrne", "irish"), ("Ciaran", "Murphy", "irish"),
    ("Aoife", "Kavanagh", "irish"), ("Padraig", "Doherty", "irish"),
    ("Eilidh", "MacLeod", "scottish"), ("Hamish", "Fraser", "scottish"), ("Morag", "Campbell", "scottish"),
    ("Rhys", "Llewellyn", "welsh"), ("Carys", "Pritchard", "welsh"), ("Dafydd", "Evans", "welsh"),
    ("Gethin", "Morgan", "welsh"),
    ("Alejandro", "Gutierrez", "hispanic"), ("Guadalupe", "Torres", "hispanic"),
    ("Jose", "Ramirez", "hispanic"), ("Ximena", "Castillo", "hispanic"), ("Rodrigo", "Salazar", "hispanic"),
    ("DeShawn", "Washington", "afam"), ("Latoya", "Jefferson", "afam"), ("Tyrone", "Jackson", "afam"),
    ("Imani", "Brooks", "afam"), ("Jamal", "Freeman", "afam"),
    ("Chinedu", "Okafor", "wafrican"), ("Adaeze", "Nwosu", "wafrican"), ("Kwame", "Mensah", "wafrican"),
    ("Oluwaseun", "Adeyemi", "wafrican"), ("Abena", "Boateng", "wafrican"), ("Folake", "Adebayo", "wafrican"),
    ("Wanjiru", "Kamau", "eafrican"), ("Abebe", "Tesfaye", "eafrican"), ("Amina", "Farah", "eafrican"),
    ("Otieno", "Ochieng", "eafrican"), ("Tigist", "Haile", "eafrican"),
    ("Priya", "Raghavan", "sasian"), ("Arjun", "Mehta", "sasian"), ("Farhan", "Chowdhury", "sasian"),
    ("Sunita", "Patel", "sasian"), ("Harpreet", "Kaur", "sasian"), ("Thilini", "Perera", "sasian"),
    ("Wei", "Zhang", "easian"), ("Mei", "Chen", "easian"), ("Hiroshi", "Tanaka", "easian"),
    ("Ji-woo", "Park", "easian"), ("Yuki", "Nakamura", "easian"),
    ("Lan", "Nguyen", "seasian"), ("Minh", "Tran", "seasian"), ("Siti", "Rahmah", "seasian"),
    ("Maricel", "Santos", "seasian"), ("Somchai", "Srisuk", "seasian"),
    ("Khalid", "Al-Mansouri", "arabic"), ("Fatima", "Haddad", "arabic"), ("Youssef", "Nasser", "arabic"),
    ("Layla", "Hamdan", "arabic"),
    ("Dariush", "Tehrani", "persian"), ("Shirin", "Moradi", "persian"), ("Parisa", "Karimi", "persian"),
    ("Emre", "Yilmaz", "turkish"), ("Ayse", "Demir", "turkish"), ("Mehmet", "Kaya", "turkish"),
    ("Katarzyna", "Nowak", "eeuro"), ("Dmitri", "Volkov", "eeuro"), ("Bogdan", "Popescu", "eeuro"),
    ("Ivana", "Horvat", "eeuro"), ("Oksana", "Shevchenko", "eeuro"),
    ("Aiyana", "Whitehorse", "indigenous"), ("Tallulah", "Begay", "indigenous"),
    ("Darnell", "Yazzie", "indigenous"), ("Tanis", "Cardinal", "indigenous"), ("Jarrah", "Walker", "indigenous"),
]
# first names that are also ordinary words, used as names with a clear cue
WORDLIKE_NAMES = [("Grace", "Mbeki"), ("Will", "Hartley"), ("Rose", "Okonkwo"), ("Mark", "Delaney"),
                  ("Hope", "Nakashima"), ("Faith", "Adjei")]

_name_order = list(range(len(NAMES)))
rng.shuffle(_name_order)
_name_ptr = [0]


def next_name():
    i = _name_order[_name_ptr[0] % len(_name_order)]
    _name_ptr[0] += 1
    return NAMES[i]


def name_for(sub, s):
    if sub == "raw":
        return s.lower().replace("-", " ")
    return s


def pname(sub, kind="full", name=None):
    f, l, _ = name or next_name()
    if kind == "first":
        v = f
    elif kind == "last":
        v = l
    else:
        v = f + " " + l
    return E("PERSON", name_for(sub, v), False)


# --------------------------------------------------------------------------
# value generators (return E)
# --------------------------------------------------------------------------

def nanp_digits():
    def code():
        while True:
            c = rng.choice("23456789") + rdig(2)
            if c[1:] != "11":
                return c
    return code(), code(), rdig(4)


class Cycle:
    """Draw without replacement from a list, reshuffling when exhausted (spreads coverage)."""
    def __init__(self, items):
        self.items = list(items)
        self.left = []

    def next(self):
        if not self.left:
            self.left = list(self.items)
            rng.shuffle(self.left)
        return self.left.pop()


PHONE_REGIONS = Cycle(["us", "us", "us", "ca", "uk", "uk", "ie", "au", "intl", "intl"])
IBAN_COUNTRIES = Cycle(["DE", "GB", "IE", "FR", "ES", "IT", "NL", "BE", "PL", "AT", "CH", "PT"])


def phone(sub, region=None):
    region = region or PHONE_REGIONS.next()
    spoken = sub == "raw"
    if region in ("us", "ca"):
        a, e, l = nanp_digits()
        if spoken:
            v = say_digits(a + e + l, [3, 3, 4], oh_p=0.5, rep_p=0.25,
                           seps=(" ", " ", " dash ", " um ", " uh "))
            if rng.random() < 0.15:
                v = "plus one " + v
            elif rng.random() < 0.1:
                v = "one " + v
        else:
            fmt = rng.choice(["({a}) {e}-{l}", "{a}-{e}-{l}", "{a}.{e}.{l}", "+1 {a} {e} {l}",
                              "1-{a}-{e}-{l}", "{a}{e}{l}", "+1 ({a}) {e}-{l}", "{a} {e} {l}"])
            v = fmt.format(a=a, e=e, l=l)
        return E("PHONE_NUMBER", v, spoken)
    if region == "uk":
        kind = rng.choice(["mob", "mob", "lon", "city", "e164m", "e164l"])
        if kind in ("mob", "e164m"):
            rest = rng.choice(["7700", "7911", "7825", "7456", "7384"]) + rdig(6)
            if spoken:
                if kind == "mob":
                    v = say_digits("0" + rest, [5, 6], oh_p=0.9, rep_p=0.6, seps=(" ", " um "))
                else:
                    v = "plus four four " + say_digits(rest, [4, 6], oh_p=0.9, rep_p=0.6)
            else:
                v = ("0" + rest[:4] + " " + rest[4:]) if kind == "mob" else ("+44 " + rest[:4] + " " + rest[4:])
                if kind == "mob" and rng.random() < 0.3:
                    v = "0" + rest
        elif kind in ("lon", "e164l"):
            rest = "20" + rng.choice("378") + rdig(7)
            if spoken:
                v = ("oh " if kind == "lon" else "plus four four ") + say_digits(rest, [2, 4, 4], oh_p=0.9, rep_p=0.6)
            else:
                v = ("0" + rest[:2] + " " + rest[2:6] + " " + rest[6:]) if kind == "lon" else \
                    ("+44 " + rest[:2] + " " + rest[2:6] + " " + rest[6:])
        else:
            area = rng.choice(["161", "113", "131", "141", "117", "292", "289"])
            rest = area + rng.choice("2345679") + rdig(6)
            if spoken:
                v = "oh " + say_digits(rest, [3, 3, 4], oh_p=0.9, rep_p=0.6, seps=(" ", " um "))
            else:
                v = "0" + rest[:3] + " " + rest[3:6] + " " + rest[6:]
        return E("PHONE_NUMBER", v, spoken)
    if region == "ie":
        kind = rng.choice(["mob", "mob", "dub", "e164"])
        if kind in ("mob", "e164"):
            rest = "8" + rng.choice("35679") + rdig(7, True)
            if spoken:
                v = ("oh " if kind == "mob" else "plus three five three ") + \
                    say_digits(rest, [2, 3, 4], oh_p=0.9, rep_p=0.5)
            else:
                v = ("0" + rest[:2] + " " + rest[2:5] + " " + rest[5:]) if kind == "mob" else \
                    ("+353 " + rest[:2] + " " + rest[2:5] + " " + rest[5:])
        else:
            rest = "1" + rng.choice("2345689") + rdig(6)
            if spoken:
                v = "oh " + say_digits(rest, [1, 3, 4], oh_p=0.9, rep_p=0.5)
            else:
                v = "01 " + rest[1:4] + " " + rest[4:]
        return E("PHONE_NUMBER", v, spoken)
    if region == "au":
        kind = rng.choice(["mob", "mob", "land", "e164"])
        if kind in ("mob", "e164"):
            rest = "4" + rdig(8)
            if spoken:
                v = ("oh " if kind == "mob" else "plus six one ") + \
                    say_digits(rest, [3, 3, 3], oh_p=0.7, rep_p=0.5)
            else:
                v = ("0" + rest[:3] + " " + rest[3:6] + " " + rest[6:]) if kind == "mob" else \
                    ("+61 " + rest[:3] + " " + rest[3:6] + " " + rest[6:])
        else:
            st = rng.choice("2378")
            rest = st + rng.choice("3456789") + rdig(7)
            if spoken:
                v = "oh " + say_digits(rest, [1, 4, 4], oh_p=0.7, rep_p=0.5)
            else:
                v = "(0" + st + ") " + rest[1:5] + " " + rest[5:]
        return E("PHONE_NUMBER", v, spoken)
    # international E.164
    cc, body, grp = rng.choice([
        ("49", "30" + rdig(8, True), [2, 8]),
        ("49", "15" + rdig(9), [3, 8]),
        ("33", "6" + rdig(8), [1, 2, 2, 2, 2]),
        ("91", rng.choice("6789") + rdig(9), [5, 5]),
        ("34", "6" + rdig(8), [3, 3, 3]),
        ("48", "5" + rdig(8), [3, 3, 3]),
        ("234", "80" + rdig(8), [3, 3, 4]),
        ("254", "7" + rdig(8), [3, 3, 3]),
        ("63", "9" + rdig(9), [3, 3, 4]),
    ])
    if spoken:
        v = "plus " + say_digits(cc) + " " + say_digits(body, grp, oh_p=0.4, rep_p=0.3)
    else:
        v = "+" + cc + " " + group(body, grp, " ")
    return E("PHONE_NUMBER", v, spoken)


def ssn(sub):
    while True:
        a = rng.randint(1, 899)
        if a != 666:
            break
    g = rng.randint(1, 99)
    s = rng.randint(1, 9999)
    ds = "%03d%02d%04d" % (a, g, s)
    if sub == "raw":
        return E("US_SSN", say_digits(ds, [3, 2, 4], oh_p=0.4, rep_p=0.15,
                                      seps=(" ", " ", " dash ", " uh ")), True)
    fmt = rng.choice(["-", "-", " ", ""])
    return E("US_SSN", group(ds, [3, 2, 4], fmt), False)


def luhn_complete(prefix, length):
    body = prefix + rdig(length - len(prefix) - 1)
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    check = (10 - total % 10) % 10
    full = body + str(check)
    assert luhn_ok(full)
    return full


def luhn_ok(num):
    total = 0
    for i, ch in enumerate(reversed(num)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def card(sub, brand=None):
    brand = brand or rng.choice(["visa", "visa", "mc", "mc2", "amex", "disc"])
    if brand == "visa":
        num = luhn_complete("4" + rdig(5), 16)
    elif brand == "mc":
        num = luhn_complete(str(rng.randint(51, 55)) + rdig(4), 16)
    elif brand == "mc2":
        num = luhn_complete(str(rng.randint(2221, 2720)) + rdig(2), 16)
    elif brand == "amex":
        num = luhn_complete(rng.choice(["34", "37"]) + rdig(4), 15)
    else:
        num = luhn_complete(rng.choice(["6011", "65" + rdig(2)]) + rdig(2), 16)
    sizes = [4, 6, 5] if len(num) == 15 else [4, 4, 4, 4]
    if sub == "raw":
        return E("CREDIT_CARD", say_digits(num, sizes, oh_p=0.4, rep_p=0.2,
                                           seps=(" ", " ", " um ", " dash ")), True)
    sep = rng.choice([" ", " ", "-", ""])
    return E("CREDIT_CARD", group(num, sizes, sep), False)


def iban_check(cc, bban):
    s = bban + cc + "00"
    n = "".join(str(int(ch, 36)) for ch in s)
    return "%02d" % (98 - int(n) % 97)


def iban_valid(iban):
    s = iban[4:] + iban[:4]
    n = "".join(str(int(ch, 36)) for ch in s)
    return int(n) % 97 == 1


IBAN_LEN = {"DE": 22, "GB": 22, "IE": 22, "FR": 27, "ES": 24, "IT": 27, "NL": 18, "BE": 16,
            "PL": 28, "AT": 20, "CH": 21, "PT": 25}


def bban_for(cc):
    if cc == "DE":
        return rdig(8, True) + rdig(10)
    if cc == "GB":
        return rng.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + rdig(6) + rdig(8)
    if cc == "IE":
        return rng.choice(["AIBK", "BOFI", "IPBS"]) + rdig(6) + rdig(8)
    if cc == "FR":
        bank, branch, acct = rdig(5, True), rdig(5), rdig(11)
        key = 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97)
        return bank + branch + acct + "%02d" % key
    if cc == "ES":
        return rdig(20)
    if cc == "IT":
        return rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + rdig(5) + rdig(5) + rdig(12)
    if cc == "NL":
        return rng.choice(["ABNA", "INGB", "RABO", "TRIO"]) + rdig(10)
    if cc == "BE":
        first = rdig(10, True)
        chk = int(first) % 97
        return first + "%02d" % (97 if chk == 0 else chk)
    if cc == "PL":
        return rdig(24)
    if cc == "AT":
        return rdig(5, True) + rdig(11)
    if cc == "CH":
        return rdig(5) + rdig(12)
    if cc == "PT":
        return rdig(21)
    raise ValueError(cc)


def iban(sub, cc=None):
    cc = cc or IBAN_COUNTRIES.next()
    bban = bban_for(cc)
    full = cc + iban_check(cc, bban) + bban
    assert len(full) == IBAN_LEN[cc], (cc, full)
    assert iban_valid(full)
    if sub == "raw":
        toks = []
        for ch in full:
            if ch.isdigit():
                toks.append("oh" if (ch == "0" and rng.random() < 0.3) else DIG[int(ch)])
            else:
                toks.append(ch.lower())
        return E("IBAN_CODE", " ".join(toks), True)
    if rng.random() < 0.6:
        v = " ".join(full[i:i + 4] for i in range(0, len(full), 4))
    else:
        v = full
    return E("IBAN_CODE", v, False)


ABA_PREFIX = [str(x).zfill(2) for x in list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)) + [80]]


def aba(sub):
    d = rng.choice(ABA_PREFIX) + rdig(6)
    w = [3, 7, 1, 3, 7, 1, 3, 7]
    s = sum(int(c) * k for c, k in zip(d, w))
    full = d + str((10 - s % 10) % 10)
    assert sum(int(c) * k for c, k in zip(full, [3, 7, 1, 3, 7, 1, 3, 7, 1])) % 10 == 0
    if sub == "raw":
        return E("ABA_ROUTING_NUMBER", say_digits(full, [3, 3, 3], oh_p=0.4, rep_p=0.2), True)
    return E("ABA_ROUTING_NUMBER", full, False)


def bank_acct(sub):
    ds = rdig(rng.choice([10, 11, 12]), True)
    if sub == "raw":
        g = [len(ds) // 2, len(ds) - len(ds) // 2]
        return E("US_BANK_NUMBER", say_digits(ds, g, oh_p=0.4, rep_p=0.2), True)
    return E("US_BANK_NUMBER", ds, False)


def util_acct(sub):
    kind = rng.choice(["digits", "digits", "grouped", "alnum"])
    if kind == "alnum":
        pre = rng.choice(["AC", "CU", "WTR", "EN", "TS"])
        ds = rdig(rng.choice([7, 8, 9]), True)
        if sub == "raw":
            v = " ".join(pre.lower()) + " " + say_digits(ds, oh_p=0.5, rep_p=0.2)
            return E("ACCOUNT_NUMBER", v, True)
        return E("ACCOUNT_NUMBER", pre + rng.choice(["-", ""]) + ds, False)
    n = rng.choice([8, 10, 11, 12])
    ds = rdig(n, True)
    if sub == "raw":
        g = [4, n - 4] if n <= 10 else [4, 4, n - 8]
        return E("ACCOUNT_NUMBER", say_digits(ds, g, oh_p=0.5, rep_p=0.25), True)
    if kind == "grouped":
        g = [4, n - 4] if n <= 10 else [4, 4, n - 8]
        return E("ACCOUNT_NUMBER", group(ds, g, " "), False)
    return E("ACCOUNT_NUMBER", ds, False)


def dob(sub, region="us"):
    y = rng.randint(1938, 2011)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    if sub == "raw":
        f = rng.choice(["ord_of", "month_ord", "month_num", "ord_of_short"])
        mon = MONTHS[m - 1].lower()
        if f == "ord_of":
            v = "the " + ORD[d] + " of " + mon + " " + year_words(y)
        elif f == "ord_of_short":
            v = ORD[d] + " of " + mon + " " + year_words(y)
        elif f == "month_ord":
            v = mon + " " + ORD[d] + " " + year_words(y)
        else:
            v = mon + " " + words(d) + " " + year_words(y)
        return E("DATE_OF_BIRTH", v, True)
    f = rng.choice(["us_slash", "uk_slash", "d_mon_y", "mon_d_y", "iso", "dot"])
    if region != "us" and f == "us_slash":
        f = "uk_slash"
    if region == "us" and f in ("uk_slash", "dot"):
        f = "us_slash"
    if sub == "punct" and f in ("iso", "dot"):
        f = rng.choice(["d_mon_y", "mon_d_y"])
    if f == "us_slash":
        v = "%02d/%02d/%d" % (m, d, y)
    elif f == "uk_slash":
        v = "%02d/%02d/%d" % (d, m, y)
    elif f == "dot":
        v = "%d.%d.%d" % (d, m, y)
    elif f == "d_mon_y":
        v = "%d %s %d" % (d, MONTHS[m - 1], y)
    elif f == "mon_d_y":
        v = "%s %d, %d" % (MONTHS[m - 1], d, y)
    else:
        v = "%d-%02d-%02d" % (y, m, d)
    return E("DATE_OF_BIRTH", v, False)


STREETS_US = ["Elm Street", "Maple Avenue", "Glenview Drive", "Oak Lane", "Pine Ridge Road",
              "Sycamore Court", "Martin Luther King Jr Boulevard", "Cedar Street", "Lakeshore Drive",
              "Washington Avenue", "Bluebonnet Trail", "Harrison Street"]
STREETS_UK = ["Kings Road", "Church Street", "Wellington Road", "Riverside Crescent", "Bridge Street",
              "Harbour View Terrace", "Llandaff Road", "Glebe Avenue", "Mill Lane", "Castle Close"]
STREETS_AU = ["Pitt Street", "Bourke Street", "Wattle Grove", "Banksia Parade"]
STREETS_CA = ["Yonge Street", "Rue Sainte-Catherine", "Jasper Avenue", "Portage Avenue"]
ABBR = {"Street": "St", "Avenue": "Ave", "Road": "Rd", "Drive": "Dr", "Lane": "Ln", "Boulevard": "Blvd",
        "Court": "Ct"}


def address(sub, region="us"):
    pool = {"us": STREETS_US, "uk": STREETS_UK, "ie": STREETS_UK, "au": STREETS_AU, "ca": STREETS_CA}[region]
    st = rng.choice(pool)
    n = rng.choice([rng.randint(2, 99), rng.randint(100, 999), rng.randint(1000, 9999)]) if region in ("us", "ca") \
        else rng.randint(2, 240)
    if sub == "raw":
        stv = st.lower().replace("-", " ")
        if rng.random() < 0.3 and n < 1000:
            num = say_digits(str(n))
        else:
            num = house_words(n)
        return E("STREET_ADDRESS", num + " " + stv, True)
    if sub == "typed" and rng.random() < 0.4:
        parts = st.split(" ")
        if parts[-1] in ABBR:
            parts[-1] = ABBR[parts[-1]] + rng.choice(["", "."])
        st = " ".join(parts)
        if st.endswith("."):
            st = st[:-1]  # keep the span free of trailing punctuation
    return E("STREET_ADDRESS", "%d %s" % (n, st), False)


US_PLACES = [("Austin", "Texas", "TX", "787"), ("Chicago", "Illinois", "IL", "606"),
             ("Sacramento", "California", "CA", "958"), ("Atlanta", "Georgia", "GA", "303"),
             ("Denver", "Colorado", "CO", "802"), ("Albuquerque", "New Mexico", "NM", "871"),
             ("Columbus", "Ohio", "OH", "432"), ("Tampa", "Florida", "FL", "336"),
             ("Newark", "New Jersey", "NJ", "071"), ("Seattle", "Washington", "WA", "981")]


def zipcode(sub, prefix=None):
    prefix = prefix or rng.choice(US_PLACES)[3]
    z = prefix + rdig(2)
    if sub == "raw":
        return E("ZIP_CODE", say_digits(z, oh_p=0.6), True)
    if sub == "typed" and rng.random() < 0.25:
        z += "-" + rdig(4)
    return E("ZIP_CODE", z, False)


def uk_postcode(sub):
    pc = rng.choice(["SW1A 2AA", "M14 5RT", "CF10 3NP", "EH6 7BQ", "BS3 4LU", "LS11 8DX"])
    pc = pc.split(" ")[0] + " " + rng.choice("23456789") + pc.split(" ")[1][1:]
    if sub == "raw":
        toks = [DIG[int(c)] if c.isdigit() else c.lower() for c in pc.replace(" ", "")]
        return E("ZIP_CODE", " ".join(toks), True)
    return E("ZIP_CODE", pc, False)


def ca_postcode(sub):
    pc = rng.choice(["M5V", "T5J", "R3C", "H2X", "V6B"]) + " " + rng.choice("123456789") + \
        rng.choice("ABCEGHJKLMNPRSTVWXY") + rng.choice("123456789")
    if sub == "raw":
        toks = [DIG[int(c)] if c.isdigit() else c.lower() for c in pc.replace(" ", "")]
        return E("ZIP_CODE", " ".join(toks), True)
    return E("ZIP_CODE", pc, False)


def ipaddr(sub, v6=False):
    if v6:
        v = rng.choice([
            "2001:db8:%x:%x::%x" % (rng.randint(1, 0xffff), rng.randint(1, 0xffff), rng.randint(1, 0xffff)),
            "fe80::%x:%x:%x:%x" % tuple(rng.randint(0x100, 0xffff) for _ in range(4)),
            "2a02:c7f:%x:%x:%x:%x:%x:%x" % tuple(rng.randint(1, 0xffff) for _ in range(6)),
        ])
        return E("IP_ADDRESS", v, False)
    oct_ = rng.choice([
        [192, 168, rng.randint(0, 5), rng.randint(2, 254)],
        [10, rng.randint(0, 40), rng.randint(0, 255), rng.randint(2, 254)],
        [rng.randint(23, 223), rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)],
        [172, rng.randint(16, 31), rng.randint(0, 255), rng.randint(1, 254)],
    ])
    if sub == "raw":
        ws = []
        for o in oct_:
            if o >= 100 and rng.random() < 0.6:
                ws.append(say_digits(str(o)))
            elif o >= 100:
                h, r = divmod(o, 100)
                ws.append(DIG[h] + " " + (("oh " + DIG[r]) if 0 < r < 10 else ("hundred" if r == 0 else words(r))))
            else:
                ws.append(words(o))
        return E("IP_ADDRESS", " dot ".join(ws), True)
    return E("IP_ADDRESS", ".".join(str(o) for o in oct_), False)


def dl(sub):
    st = rng.choice(["CA", "NY", "TX", "FL", "IL", "PA", "NJ", "WA"])
    if st == "CA":
        raw = rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + rdig(7)
        typed = raw
    elif st in ("NY",):
        raw = rdig(9, True)
        typed = raw if rng.random() < 0.5 else group(raw, [3, 3, 3], " ")
    elif st in ("TX", "PA"):
        raw = rdig(8, True)
        typed = raw
    elif st == "FL":
        raw = rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + rdig(12)
        typed = raw[0] + raw[1:4] + "-" + raw[4:7] + "-" + raw[7:9] + "-" + raw[9:12] + "-" + raw[12]
    elif st == "IL":
        raw = rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + rdig(11)
        typed = raw[:4] + "-" + raw[4:8] + "-" + raw[8:]
    elif st == "NJ":
        raw = rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + rdig(14)
        typed = raw[:5] + " " + raw[5:10] + " " + raw[10:]
    else:  # WA (new format WDL + 9 alnum)
        raw = "WDL" + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(9))
        typed = raw
    if sub == "raw":
        toks = []
        i = 0
        while i < len(raw) and raw[i].isalpha():
            toks.append(raw[i].lower())
            i += 1
        toks.append(say_digits(raw[i:], oh_p=0.4, rep_p=0.15) if raw[i:].isdigit() else
                    " ".join(DIG[int(c)] if c.isdigit() else c.lower() for c in raw[i:]))
        return st, E("US_DRIVER_LICENSE", " ".join(toks), True)
    return st, E("US_DRIVER_LICENSE", typed, False)


STATE_NAMES = {"CA": "California", "NY": "New York", "TX": "Texas", "FL": "Florida", "IL": "Illinois",
               "PA": "Pennsylvania", "NJ": "New Jersey", "WA": "Washington"}


def passport(sub):
    if rng.random() < 0.5:
        raw = rdig(9, True)
        if sub == "raw":
            return E("US_PASSPORT", say_digits(raw, [3, 3, 3], oh_p=0.4, rep_p=0.15), True)
        return E("US_PASSPORT", raw, False)
    raw = rng.choice("ACEFHKMN") + rdig(8, True)
    if sub == "raw":
        return E("US_PASSPORT", raw[0].lower() + " " + say_digits(raw[1:], [4, 4], oh_p=0.4), True)
    return E("US_PASSPORT", raw, False)


def mrn(sub):
    kind = rng.choice(["digits", "digits", "pre", "dash"])
    if kind == "pre":
        pre = rng.choice(["H", "RX", "MR", "K"])
        ds = rdig(rng.choice([6, 7, 8]))
        if sub == "raw":
            return E("MEDICAL_RECORD_NUMBER", " ".join(pre.lower()) + " " + say_digits(ds, oh_p=0.5, rep_p=0.2), True)
        return E("MEDICAL_RECORD_NUMBER", pre + ds, False)
    ds = rdig(rng.choice([7, 8, 9]))
    if sub == "raw":
        return E("MEDICAL_RECORD_NUMBER", say_digits(ds, oh_p=0.5, rep_p=0.2), True)
    if kind == "dash":
        return E("MEDICAL_RECORD_NUMBER", group(ds, [2, 2, len(ds) - 4], "-"), False)
    return E("MEDICAL_RECORD_NUMBER", ds, False)


EMAIL_DOMAINS = [("gmail", "com"), ("outlook", "com"), ("yahoo", "co.uk"), ("hotmail", "com"),
                 ("btinternet", "com"), ("eircom", "net"), ("bigpond", "com"), ("icloud", "com"),
                 ("proton", "me"), ("shaw", "ca"), ("live", "ie"), ("comcast", "net")]


def email(sub, name=None):
    f, l, _ = name or next_name()
    f = f.lower().replace("-", "")
    l = l.lower().replace("'", "").replace("-", "")
    dom, tld = rng.choice(EMAIL_DOMAINS)
    style = rng.choice(["f.l", "fl", "f_l", "fl_num", "initial_l", "f.l_num"])
    num = str(rng.choice([7, 22, 84, 91, 1990, 2003, 77]))
    if sub == "raw":
        if style == "f.l":
            local = f + " dot " + l
        elif style == "fl":
            local = f + " " + l
        elif style == "f_l":
            local = f + " underscore " + l
        elif style == "fl_num":
            local = f + " " + l + " " + (words(int(num)) if int(num) < 100 else year_words(int(num)))
        elif style == "initial_l":
            local = f[0] + " " + l
        else:
            local = f + " dot " + l + " " + " ".join(DIG[int(c)] for c in num)
        v = local + " at " + dom + " dot " + tld.replace(".", " dot ")
        return E("EMAIL_ADDRESS", v, True)
    if style == "f.l":
        local = f + "." + l
    elif style == "fl":
        local = f + l
    elif style == "f_l":
        local = f + "_" + l
    elif style == "fl_num":
        local = f + l + num
    elif style == "initial_l":
        local = f[0] + l
    else:
        local = f + "." + l + num
    if sub == "typed" and rng.random() < 0.2:
        local = local.capitalize()
    return E("EMAIL_ADDRESS", local + "@" + dom + "." + tld, False)


# --------------------------------------------------------------------------
# positive frames: each is (domains, allowed subs, builder(sub) -> parts)
# --------------------------------------------------------------------------

ALL = ("raw", "punct", "typed")
SPOKEN = ("raw", "punct")
TYPED = ("typed",)

FILL = ["", "", "um ", "uh ", "yeah ", "right ", "so ", "okay so "]


def f():
    """Fillers are applied centrally in main() so casing stays right."""
    return ""


PUNCT_FILL = ["Um, ", "Uh, ", "Yeah, ", "Right, ", "Okay, so ", "Hi, yeah, ", "So "]


def lower_first(s):
    if s.startswith(("I ", "I'm", "I'd", "I've", "I'll")) or (len(s) > 1 and s[1].isupper()):
        return s
    return s[:1].lower() + s[1:]


def add_filler(sub, parts):
    """Prepend a hesitation/discourse marker to an utterance (not typed text)."""
    parts = [p for p in parts if not (isinstance(p, str) and p == "")]
    if sub == "typed" or rng.random() < 0.45:
        return parts
    if sub == "raw":
        return [rng.choice(FILL[2:])] + list(parts)
    first = parts[0]
    rest = list(parts[1:])
    if isinstance(first, E):
        return [rng.choice(PUNCT_FILL)] + [first] + rest
    return [rng.choice(PUNCT_FILL) + lower_first(first)] + rest


def R(sub, raw_s, other_s):
    """Pick a literal depending on the sub-style (raw ASR vs punctuated/typed)."""
    return raw_s if sub == "raw" else other_s


POS = []


def pos(domains, subs, weight=1):
    def deco(fn):
        POS.append((domains, subs, fn, weight))
        return fn
    return deco


# ---- PERSON --------------------------------------------------------------

@pos(["energy", "water", "telecom", "insurance"], ALL, 2)
def _p1(sub):
    return [f(), "Hi, my name is ", pname(sub), R(sub, " and i'm calling about my ", " and I'm calling about my "),
            rng.choice(["gas bill", "water bill", "broadband", "car insurance renewal", "direct debit"]),
            R(sub, "", ".")]


@pos(["gp", "hospital", "pharmacy"], ALL, 2)
def _p2(sub):
    return [f(), "Hello, this is ", pname(sub, rng.choice(["full", "first"])),
            R(sub, " i'm ringing about my repeat prescription", ", I'm ringing about my repeat prescription.")]


@pos(["dv_helpline"], SPOKEN, 2)
def _p3(sub):
    return [pname(sub, "first"), R(sub, " hits me when he's had a drink and i don't know what to do",
                                  " hits me when he's had a drink, and I don't know what to do.")]


@pos(["child_helpline"], SPOKEN, 2)
def _p4(sub):
    return [f(), "I'm ", pname(sub, "first"), R(sub, " and i'm ", " and I'm "),
            rng.choice(["eleven", "twelve", "thirteen", "fourteen", "nine"]),
            R(sub, " and my stepdad shouts at me all the time", ", and my stepdad shouts at me all the time.")]


@pos(["gp", "hospital"], ALL, 2)
def _p5(sub):
    title = rng.choice(["Dr ", "Doctor ", "Nurse ", "Dr. "]) if sub != "raw" else rng.choice(["dr ", "doctor ", "nurse "])
    return [f(), "Could you put me through to ", title, pname(sub, "last"), R(sub, " please", " please?")]


@pos(["council", "water"], ALL, 1)
def _p6(sub):
    return [f(), "Councillor ", pname(sub, "last"), R(sub, " said the bins would be sorted by friday",
                                                       " said the bins would be sorted by Friday.")]


@pos(["dv_helpline", "council"], ALL, 2)
def _p7(sub):
    return [f(), "My caseworker ", pname(sub), R(sub, " told me to ring this number", " told me to ring this number.")]


@pos(["gp", "child_helpline", "hospital"], ALL, 2)
def _p8(sub):
    rel = rng.choice(["youngest", "eldest", "grandchild", "little one", "child"])
    return [f(), "My " + rel + " ", pname(sub, "first"),
            R(sub, " has had a temperature since last night", " has had a temperature since last night.")]


@pos(["child_helpline"], SPOKEN, 1)
def _p9(sub):
    t = rng.choice(["Mrs ", "Mr ", "Miss ", "Ms "])
    return [f(), "My teacher " + t, pname(sub, "last"), R(sub, " said i could call you", " said I could call you.")]


@pos(["energy", "insurance", "water"], ALL, 1)
def _p10(sub):
    return [f(), "My neighbour ", pname(sub), R(sub, " has got the spare key if the engineer needs it",
                                                 " has the spare key if the engineer needs it.")]


@pos(["telecom", "bank_fraud", "insurance"], ALL, 1)
def _p11(sub):
    return [f(), "Just ask for ", pname(sub, "first"), R(sub, " at the front desk", " at the front desk.")]


@pos(["telecom", "energy", "gp"], SPOKEN, 1)
def _p12(sub):
    return [f(), "You can call me ", pname(sub, "first"), R(sub, " everyone does", ", everyone does.")]


@pos(["council", "dmv", "insurance"], ALL, 1)
def _p13(sub):
    return [pname(sub), R(sub, " told me you could help with the payment plan",
                          " told me you could help with the payment plan.")]


@pos(["gp", "pharmacy", "telecom"], SPOKEN, 1)
def _p14(sub):
    return [f(), "Can you tell ", pname(sub, "first"), R(sub, " i called and i'll try again after lunch",
                                                       " I called and I'll try again after lunch?")]


@pos(["telecom", "energy", "bank_fraud"], SPOKEN, 1)
def _p15(sub):
    return [R(sub, "good morning ", "Good morning, "), pname(sub, "first"),
            R(sub, " speaking how can i help", " speaking, how can I help?")]


@pos(["dmv", "insurance", "bank_fraud"], SPOKEN, 1)
def _p16(sub):
    return [f(), "It's in my husband's name, ", pname(sub), R(sub, "", ".")]


@pos(["energy", "water", "telecom", "council"], TYPED, 2)
def _p17(sub):
    n = next_name()
    return ["Hi,\n\nThe engineer never turned up on Tuesday and nobody rang to explain. Please can someone call me back.\n\nThanks,\n",
            pname(sub, rng.choice(["full", "first"]), n)]


@pos(["gp", "hospital", "pharmacy"], TYPED, 2)
def _p18(sub):
    return [rng.choice(["Pt ", "Patient ", "Caller: "]), pname(sub),
            rng.choice([" requesting repeat of amlodipine, advised 48h.", " asking for fit note, passed to GP.",
                        " - missed appt, rebook next week.", " re: blood test results, advised to call after 2pm."])]


@pos(["telecom", "bank_fraud"], TYPED, 1)
def _p19(sub):
    return ["[chat] ", rng.choice(["hiya ", "hello ", "hi there "]), "my name is ", pname(sub, "first"),
            " and my router keeps dropping every evening"]


@pos(["insurance", "bank_fraud", "dmv"], TYPED, 1)
def _p20(sub):
    return ["Spoke to ", rng.choice(["Mrs ", "Mr ", "Ms ", "Dr "]), pname(sub, "last"),
            ", confirmed the claim details and advised 5-7 working days."]


@pos(["dv_helpline", "child_helpline"], TYPED, 1)
def _p21(sub):
    a, b = next_name(), next_name()
    return ["Caller reports partner ", pname(sub, "first", a), " has taken her phone. Sister ",
            pname(sub, "full", b), " is aware and safe to contact."]


@pos(["gp", "council", "water"], SPOKEN, 1)
def _p22(sub):
    n = rng.choice(WORDLIKE_NAMES)
    return [f(), "My name is ", E("PERSON", name_for(sub, n[0] + " " + n[1])),
            R(sub, " i spoke to someone last week", ", I spoke to someone last week.")]


@pos(["telecom", "energy"], SPOKEN, 1)
def _p23(sub):
    n = rng.choice(WORDLIKE_NAMES)
    return [f(), "This is ", E("PERSON", name_for(sub, n[0])), R(sub, " from number twelve", " from number 12.")]


@pos(["gp", "hospital"], SPOKEN, 1)
def _p24(sub):
    return [f(), "I was seen by Dr ", pname(sub, "last"), R(sub, " on tuesday and she said to phone back",
                                                              " on Tuesday and she said to phone back.")]


@pos(["dv_helpline"], ALL, 1)
def _p25(sub):
    return [f(), "If ", pname(sub, "first"), R(sub, " finds out i rang he'll go mad", " finds out I rang he'll go mad.")]


@pos(["council", "energy", "water", "telecom", "insurance"], ALL, 2)
def _p26(sub):
    who = pname(sub)
    return [f(), "Yes, the account holder is ", who, R(sub, " that's me", ", that's me.")]


@pos(["bank_fraud", "insurance"], SPOKEN, 1)
def _p27(sub):
    return [f(), "I'm ", pname(sub), R(sub, " and i think someone's used my card", " and I think someone's used my card.")]


@pos(["pharmacy", "gp"], SPOKEN, 1)
def _p28(sub):
    return [f(), "I'm collecting for my mum, ", pname(sub), R(sub, "", ".")]


@pos(["energy", "council"], TYPED, 1)
def _p29(sub):
    return ["Complaint logged by ", pname(sub), " regarding estimated bills since spring. Escalated to team lead ",
            pname(sub, "first"), "."]


# ---- PHONE ---------------------------------------------------------------

@pos(["telecom", "energy", "water", "gp", "insurance", "council"], ALL, 6)
def _ph1(sub):
    return [f(), rng.choice(["My number is ", "The best number to reach me is ", "You can call me back on ",
                             "My mobile is ", "Call me on "]), phone(sub), R(sub, "", ".")]


@pos(["telecom", "bank_fraud", "insurance"], SPOKEN, 3)
def _ph2(sub):
    return [f(), "It's ", pname(sub), R(sub, " and my phone number is ", " and my phone number is "), phone(sub),
            R(sub, " if we get cut off", " if we get cut off.")]


@pos(["gp", "hospital", "pharmacy", "council"], TYPED, 2)
def _ph3(sub):
    return [rng.choice(["Callback: ", "Tel ", "Contact no. ", "Mobile: "]), phone(sub),
            rng.choice([" (after 5pm)", " - daughter's phone", "", " pref. text"])]


@pos(["dv_helpline", "child_helpline"], SPOKEN, 2)
def _ph4(sub):
    return [f(), "Don't ring my home phone, use my friend's number ", phone(sub),
            R(sub, " she knows", ", she knows.")]


@pos(["telecom"], ALL, 2)
def _ph5(sub):
    return [f(), "I'm porting my old number, it was ", phone(sub), R(sub, " to the new sim", " to the new SIM.")]


@pos(["energy", "water", "insurance"], TYPED, 1)
def _ph6(sub):
    return ["Please update my details. New number: ", phone(sub), ". Email stays the same. ",
            rng.choice(["Thanks", "Cheers", "Kind regards"]), "\n", pname(sub, "first")]


# ---- EMAIL ---------------------------------------------------------------

@pos(["telecom", "energy", "insurance", "council", "water"], ALL, 4)
def _em1(sub):
    return [f(), rng.choice(["My email is ", "Send it to ", "The email address is ", "Email me at "]), email(sub),
            R(sub, "", ".")]


@pos(["gp", "pharmacy", "hospital"], TYPED, 2)
def _em2(sub):
    n = next_name()
    return ["From: ", email(sub, n), "\nSubject: prescription query\n\nHello, could you confirm my order is ready? ",
            "\n", pname(sub, "full", n)]


@pos(["insurance", "bank_fraud"], SPOKEN, 1)
def _em3(sub):
    n = next_name()
    return [f(), "So that's ", pname(sub, "full", n), R(sub, " and the email is ", ", and the email is "), email(sub, n)]


# ---- SSN -----------------------------------------------------------------

@pos(["bank_fraud", "insurance", "dmv"], ALL, 5)
def _ssn1(sub):
    return [f(), rng.choice(["My social is ", "My social security number is ", "The SSN is ",
                             "Last time I gave my social it was "]), ssn(sub), R(sub, "", ".")]


@pos(["dmv", "council"], TYPED, 1)
def _ssn2(sub):
    return ["Applicant ", pname(sub), ", SSN ", ssn(sub), ", verified by phone."]


# ---- CREDIT CARD ---------------------------------------------------------

@pos(["bank_fraud", "telecom", "energy", "pharmacy"], ALL, 5)
def _cc1(sub):
    return [f(), rng.choice(["The card number is ", "My card is ", "I want to pay with ",
                             "The long number on the card is "]), card(sub),
            R(sub, " expiry oh four twenty eight", ", expiry 04/28.")]


@pos(["bank_fraud"], SPOKEN, 2)
def _cc2(sub):
    return [f(), "There's a payment I didn't make on my card ", card(sub),
            R(sub, " for two hundred and twelve pounds", " for £212.")]


@pos(["telecom", "insurance"], TYPED, 1)
def _cc3(sub):
    return ["Customer read out card ", card(sub), " during chat - please purge from transcript."]


# ---- IBAN ----------------------------------------------------------------

@pos(["bank_fraud", "energy", "insurance", "telecom"], ALL, 6)
def _ib1(sub):
    return [f(), rng.choice(["My IBAN is ", "The IBAN is ", "Please refund to ", "Pay it into "]), iban(sub),
            R(sub, "", ".")]


@pos(["bank_fraud"], ALL, 2)
def _ib2(sub):
    return [f(), "Someone set up a transfer to ", iban(sub),
            R(sub, " and i never authorised it", " and I never authorised it.")]


@pos(["water", "energy"], TYPED, 1)
def _ib3(sub):
    return ["Direct debit mandate updated, new IBAN ", iban(sub), ", effective next cycle."]


# ---- ABA + BANK ----------------------------------------------------------

@pos(["bank_fraud", "insurance", "energy"], ALL, 4)
def _ab1(sub):
    r = aba(sub)
    a = bank_acct(sub)
    return [f(), "The routing number is ", r, R(sub, " and the account number is ", " and the account number is "), a,
            R(sub, "", ".")]


@pos(["bank_fraud", "insurance"], ALL, 2)
def _ab2(sub):
    return [f(), "My checking account number is ", bank_acct(sub), R(sub, " with chase", " with Chase.")]


@pos(["bank_fraud", "insurance"], TYPED, 1)
def _ab3(sub):
    return ["ACH refund: ABA ", aba(sub), " acct ", bank_acct(sub), " (savings)."]


@pos(["bank_fraud"], SPOKEN, 1)
def _ab4(sub):
    return [f(), "The routing number on the bottom of the check is ", aba(sub)]


# ---- ACCOUNT -------------------------------------------------------------

@pos(["energy", "water", "telecom", "council", "insurance"], ALL, 5)
def _ac1(sub):
    return [f(), rng.choice(["My account number is ", "The account number is ", "It's account number ",
                             "Customer number "]), util_acct(sub), R(sub, "", ".")]


@pos(["energy", "water"], TYPED, 1)
def _ac2(sub):
    return ["Acct ", util_acct(sub), " - customer disputes estimated read, asked for meter photo."]


# ---- DOB -----------------------------------------------------------------

@pos(["gp", "hospital", "pharmacy", "insurance", "dmv", "bank_fraud"], ALL, 5)
def _dob1(sub):
    return [f(), rng.choice(["My date of birth is ", "Date of birth ", "I was born on ", "DOB is "]),
            dob(sub, rng.choice(["us", "uk"])), R(sub, "", ".")]


@pos(["gp", "hospital"], TYPED, 1)
def _dob2(sub):
    return ["Pt ", pname(sub), ", DOB ", dob(sub, "uk"), ", c/o chest pain, advised 999."]


@pos(["child_helpline", "gp"], SPOKEN, 1)
def _dob3(sub):
    return [f(), "He was born on ", dob(sub, "uk"), R(sub, " if you need it for the records", ", if you need it for the records.")]


# ---- ADDRESS + ZIP -------------------------------------------------------

@pos(["energy", "water", "telecom", "council", "dmv", "insurance"], ALL, 5)
def _ad1(sub):
    city, state, ab, pre = rng.choice(US_PLACES)
    if sub == "raw":
        return [f(), "I live at ", address(sub, "us"), " in " + city.lower() + " " + state.lower() + " ", zipcode(sub, pre)]
    return [f(), "I live at ", address(sub, "us"), ", " + city + ", " + ab + " ", zipcode(sub, pre), "."]


@pos(["energy", "water", "council"], ALL, 3)
def _ad2(sub):
    region = rng.choice(["uk", "ie", "au"])
    town = {"uk": ["Cardiff", "Leeds", "Glasgow", "Bristol"], "ie": ["Cork", "Galway", "Limerick"],
            "au": ["Parramatta", "Fitzroy", "Toowoomba"]}[region]
    return [f(), "The address is ", address(sub, region), R(sub, " in ", ", "), rng.choice(town), R(sub, "", ".")]


@pos(["dmv", "telecom", "insurance"], ALL, 2)
def _zp1(sub):
    return [f(), rng.choice(["My zip code is ", "Zip is ", "The zip code there is "]), zipcode(sub), R(sub, "", ".")]


@pos(["council", "energy", "water"], ALL, 1)
def _zp2(sub):
    return [f(), "The postcode is ", uk_postcode(sub), R(sub, "", ".")]


@pos(["telecom", "insurance"], ALL, 1)
def _zp3(sub):
    return [f(), "My postal code is ", ca_postcode(sub), R(sub, " in canada", ", in Canada.")]


@pos(["insurance", "council"], TYPED, 1)
def _ad3(sub):
    city, state, ab, pre = rng.choice(US_PLACES)
    return ["Mailing address: ", address(sub, "us"), ", " + city + " " + ab + " ", zipcode(sub, pre)]


@pos(["dv_helpline"], SPOKEN, 1)
def _ad4(sub):
    return [f(), "He's moved into ", address(sub, rng.choice(["uk", "us"])),
            R(sub, " which is two streets away from me", ", which is two streets away from me.")]


# ---- IP ------------------------------------------------------------------

@pos(["telecom"], ALL, 3)
def _ip1(sub):
    return [f(), rng.choice(["My IP address is ", "The router says the IP is ", "It's showing "]), ipaddr(sub),
            R(sub, "", ".")]


@pos(["telecom", "bank_fraud"], TYPED, 2)
def _ip2(sub):
    return ["Login from unrecognised IP ", ipaddr(sub, v6=rng.random() < 0.6), " flagged, customer denies."]


# ---- DL / PASSPORT / MRN -------------------------------------------------

@pos(["dmv", "insurance", "bank_fraud"], ALL, 4)
def _dl1(sub):
    st, v = dl(sub)
    return [f(), "My " + STATE_NAMES[st] + " driver's license number is ", v, R(sub, "", ".")]


@pos(["dmv"], TYPED, 1)
def _dl2(sub):
    st, v = dl(sub)
    return ["Renewal: DL# ", v, " (" + st + "), photo due."]


@pos(["dmv", "bank_fraud", "insurance"], ALL, 3)
def _pp1(sub):
    return [f(), rng.choice(["My passport number is ", "The passport number is ", "Passport number "]),
            passport(sub), R(sub, "", ".")]


@pos(["hospital", "gp", "pharmacy"], ALL, 4)
def _mr1(sub):
    return [f(), rng.choice(["My medical record number is ", "The MRN is ", "My hospital number is ",
                             "Her medical record number is "]), mrn(sub), R(sub, "", ".")]


@pos(["hospital"], TYPED, 1)
def _mr2(sub):
    return ["Outpatient clinic letter for MRN ", mrn(sub), " sent to old address; patient ", pname(sub),
            " to confirm."]


# --------------------------------------------------------------------------
# negatives: builders(sub) -> plain text (no entities)
# --------------------------------------------------------------------------

NEG = []


def neg(domains, subs, weight=1):
    def deco(fn):
        NEG.append((domains, subs, fn, weight))
        return fn
    return deco


def money(sub, cur=None):
    cur = cur or rng.choice(["$", "£", "€"])
    a = rng.randint(12, 980)
    c = rng.randint(1, 99)
    if sub == "raw":
        unit = {"$": ("dollars", "cents"), "£": ("pounds", "pence"), "€": ("euro", "cent")}[cur]
        if rng.random() < 0.5:
            return words(a) + " " + unit[0] + " " + words(c)
        return words(a) + " " + unit[0] + " and " + words(c) + " " + unit[1]
    return "%s%d.%02d" % (cur, a, c)


def digits_or_words(sub, ds):
    return say_digits(ds, oh_p=0.4, rep_p=0.15) if sub == "raw" else ds


def num(sub, n):
    return words(n) if sub == "raw" else str(n)


@neg(["energy", "water"], ALL, 4)
def _n1(sub):
    return f() + lit_for(sub, "My bill this quarter is ") + money(sub) + lit_for(sub, rng.choice([
        " which is way more than last time.", ", that can't be right.", " and I've only been in since May."]))


@neg(["energy", "water"], ALL, 4)
def _n2(sub):
    return f() + lit_for(sub, rng.choice(["The meter reading is ", "Meter reads ", "My reading today was "])) + \
        digits_or_words(sub, rdig(5)) + lit_for(sub, rng.choice([".", " on the day rate.", ", taken this morning."]))


@neg(["energy"], ALL, 2)
def _n3(sub):
    k = rng.randint(180, 940)
    if sub == "raw":
        return f() + "we used " + words(k) + " kilowatt hours last month on the economy seven tariff"
    return "We used %d kWh last month on the Economy 7 tariff." % k


@neg(["energy", "water"], TYPED, 1)
def _n4(sub):
    return "Tariff code %s-%d applies from 1 April; standing charge %dp/day." % (
        rng.choice(["TOU", "E7", "FIX", "EV"]), rng.randint(1, 24), rng.randint(28, 61))


@neg(["gp", "hospital"], ALL, 4)
def _n5(sub):
    d = rng.randint(1, 28)
    m = rng.choice(MONTHS)
    h = rng.randint(8, 16)
    if sub == "raw":
        return f() + "my appointment is on the %s of %s at %s thirty" % (ORD[d], m.lower(), words(h if h <= 12 else h - 12))
    return f() + "My appointment is on the %d%s of %s at %d:30." % (
        d, "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th"), m, h)


@neg(["pharmacy", "gp"], ALL, 4)
def _n6(sub):
    drug, mg = rng.choice([("amlodipine", 5), ("amlodipine", 10), ("sertraline", 50), ("sertraline", 100),
                           ("metformin", 500), ("amoxicillin", 500), ("lansoprazole", 30), ("ramipril", 5),
                           ("atorvastatin", 20), ("levothyroxine", 100)])
    n = rng.choice([28, 56, 84, 30])
    if sub == "raw":
        return f() + "it's %s %s milligrams twice a day and i've got about %s tablets left" % (
            drug, words(mg, uk_and=False), words(rng.randint(2, 9)))
    return "%s %dmg, twice daily, %d tablets dispensed." % (drug.capitalize(), mg, n)


@neg(["telecom", "energy", "water", "insurance", "council"], ALL, 5)
def _n7(sub):
    kind = rng.choice(["order number", "ticket number", "case number", "reference number", "complaint reference"])
    ds = rdig(rng.choice([6, 7, 8]), True)
    return f() + lit_for(sub, "My " + kind + " is ") + digits_or_words(sub, ds) + \
        lit_for(sub, rng.choice([".", " from last week.", ", if that helps."]))


@neg(["telecom"], ALL, 3)
def _n8(sub):
    a, b, c = rng.randint(1, 19), rng.randint(0, 12), rng.randint(0, 30)
    if sub == "raw":
        return f() + "the router's on firmware version %s point %s point %s" % (words(a), words(b), words(c))
    return f() + "The router is on firmware version %d.%d.%d, build %d." % (a, b, c, rng.randint(1000, 9999))


@neg(["telecom", "bank_fraud"], TYPED, 2)
def _n9(sub):
    return "Error ref %08x-%04x in the app log, build %d, version 10.0.%d.%d." % (
        rng.randint(0, 0xffffffff), rng.randint(0, 0xffff), rng.randint(1000, 9999),
        rng.randint(19041, 22631), rng.randint(100, 4000))


@neg(["insurance", "bank_fraud", "energy"], ALL, 2)
def _n10(sub):
    p = rng.randint(3, 45)
    if sub == "raw":
        return f() + "why has my premium gone up %s percent this year" % words(p)
    return f() + "Why has my premium gone up %d%% this year?" % p


@neg(["insurance", "bank_fraud"], ALL, 2)
def _n11(sub):
    fl = rng.choice([("BA", 117), ("EI", 105), ("QF", 1), ("AC", 857), ("UA", 929), ("FR", 8461)])
    if sub == "raw":
        return f() + "my flight %s %s got cancelled and i need to claim" % (" ".join(fl[0].lower()), house_words(fl[1]))
    return f() + "My flight %s%d got cancelled and I need to claim." % fl


WORDNAME_SENTENCES = [
    "I will pay the bill in May when I get paid.",
    "Is there a grace period on the late payment?",
    "Can you mark it as paid please?",
    "Prices rose again and I really hope it doesn't happen next year.",
    "I've got faith you'll sort it this time.",
    "It was sunny so I went out and missed the engineer.",
    "It's on page two of the letter you sent.",
    "I had to chase you three times for a reply.",
    "We're out past the Hunter Valley so the signal is terrible.",
    "I'm near Victoria Station at the moment.",
    "Will the bill go up again in May?",
    "The rose bushes are right over the water main.",
    "I hope you can give me a bit more time.",
    "My bank is Chase and the direct debit bounced.",
    "May I speak to someone in the billing team?",
    "The bill says estimated, can you mark it as an actual read?",
    "By the grace of God the pipe didn't burst.",
    "It's been sunny all week so the water usage went up.",
    "My son's a bit of a bargain hunter so he told me to switch.",
    "Can you page the nurse on the ward for me?",
    "I've lost all hope with this company.",
    "I'll send the bill to my solicitor, she will know what to do.",
]
_wordname_order = list(range(len(WORDNAME_SENTENCES)))


@neg(["energy", "water", "council", "telecom", "gp", "hospital"], ALL, 9)

def _n12(sub):
    if not _wordname_order:
        _wordname_order.extend(range(len(WORDNAME_SENTENCES)))
    k = rng.choice(_wordname_order)
    _wordname_order.remove(k)
    return f() + lit_for(sub, WORDNAME_SENTENCES[k])


@neg(["council", "water", "energy"], ALL, 3)
def _n13(sub):
    place = rng.choice(["Galway", "Swansea", "Ballarat", "Dundee", "Saskatoon", "Tulsa", "Limerick", "Wagga Wagga",
                        "Inverness", "Kilkenny", "Rotorua", "Moose Jaw"])
    pre, tails = rng.choice([("There's been no water in ", [" since this morning.", " again.", " for two days now."]),
                             ("Is there an outage in ", [" this morning?", " again?", " right now?"]),
                             ("The bins haven't been collected in ", [" for two weeks now.", " again."])])
    return f() + lit_for(sub, pre + place + rng.choice(tails))


@neg(["energy", "water"], ALL, 2)
def _n14(sub):
    n = rng.randint(300, 9000)
    if sub == "raw":
        return f() + "the outage is affecting about %s homes and they said it'd be back by half past %s" % (
            words(n), words(rng.randint(1, 11)))
    return "Outage affecting %d homes, ETR %d:%02d." % (n, rng.randint(1, 11), rng.choice([0, 15, 30, 45]))


@neg(["council", "dmv"], ALL, 3)
def _n15(sub):
    y = rng.randint(1968, 2023)
    if sub == "raw":
        return f() + "the car's a %s model and i've had it since %s" % (year_words(y), year_words(min(y + 3, 2024)))
    return f() + "The car's a %d model and I've had it since %d." % (y, min(y + 3, 2024))


@neg(["gp", "hospital"], ALL, 2)
def _n16(sub):
    if sub == "raw":
        return f() + "the clinic said to come back in %s weeks and bring the form" % words(rng.randint(2, 12))
    return f() + "Clinic said to come back in %d weeks and bring the form." % rng.randint(2, 12)


@neg(["telecom"], ALL, 2)
def _n17(sub):
    g = rng.randint(2, 150)
    if sub == "raw":
        return f() + "i'm on the %s gig plan and it's only giving me %s megabits" % (words(g), words(rng.randint(3, 90)))
    return f() + "I'm on the %dGB plan and it's only giving me %d Mbps." % (g, rng.randint(3, 90))


@neg(["dv_helpline", "child_helpline"], ALL, 3)
def _n18(sub):
    return f() + lit_for(sub, rng.choice([
        "I don't want to give my name, I just need to talk to someone.",
        "He took my phone again last night and I'm scared to go home.",
        "I'm at school and I can't talk for long.",
        "I've been staying at a friend's for three nights.",
        "Can I ring back later when it's safe?",
        "My mum's boyfriend shouts at us every night.",
    ]))


@neg(["bank_fraud"], ALL, 3)
def _n19(sub):
    base = rng.choice([
        ("I got a text saying my card was blocked and to click a link.", True),
        ("I don't have my account number to hand, sorry.", False),
        ("Someone rang pretending to be from the bank.", True),
        ("I'd rather not give my card details over the phone.", False),
        ("There's a pending payment I don't recognise.", True),
    ])
    out = f() + lit_for(sub, base[0])
    if base[1] and rng.random() < 0.6:
        out += lit_for(sub, " It was for ") + money(sub) + lit_for(sub, ".")
    return out


@neg(["insurance"], ALL, 2)
def _n20(sub):
    ex = rng.choice([100, 250, 500])
    if sub == "raw":
        return f() + "the excess is %s and the claim's been open since the %s of %s" % (
            words(ex) + " pounds",
            ORD[rng.randint(1, 28)], rng.choice(MONTHS).lower())
    return f() + "The excess is £%d and the claim's been open since %d %s." % (ex, rng.randint(1, 28), rng.choice(MONTHS))


@neg(["hospital", "gp"], TYPED, 2)
def _n21(sub):
    return "Clinic %s moved to room %d, %s list starts %02d:%02d. Bay %d closed for cleaning." % (
        rng.choice(["B", "C4", "OPD2"]), rng.randint(1, 40), rng.choice(["Tuesday", "Thursday"]),
        rng.randint(8, 13), rng.choice([0, 15, 30]), rng.randint(1, 12))


@neg(["water"], ALL, 2)
def _n22(sub):
    l = rng.randint(90, 480)
    if sub == "raw":
        return f() + "the smart meter says we're using %s litres a day which seems a lot for two of us" % words(l)
    return f() + "The smart meter says we're using %d litres a day, which seems a lot for two of us." % l


@neg(["council", "dmv"], TYPED, 2)
def _n23(sub):
    return "Permit %s-%d issued, valid until %d %s %d. Fee %s paid." % (
        rng.choice(["RP", "VP", "BAY"]), rng.randint(100, 9999), rng.randint(1, 28), rng.choice(MONTHS),
        rng.randint(2025, 2028), money("typed", "£"))


@neg(["telecom", "energy"], ALL, 2)
def _n24(sub):
    h1 = rng.randint(7, 11)
    if sub == "raw":
        return f() + "the engineer's coming between %s and %s on thursday" % (words(h1), words(h1 + 4 - 12 if h1 + 4 > 12 else h1 + 4))
    return f() + "The engineer's coming between %d and %d on Thursday." % (h1, h1 + 4 - 12 if h1 + 4 > 12 else h1 + 4)


@neg(["pharmacy"], ALL, 2)
def _n25(sub):
    ml = rng.choice(["2.5", "5", "7.5", "10"])
    if sub == "raw":
        return f() + "how much calpol do i give her is it %s mils every four hours" % {
            "2.5": "two point five", "5": "five", "7.5": "seven point five", "10": "ten"}[ml]
    return f() + "How much Calpol do I give her, is it %s ml every 4 hours?" % ml


@neg(["bank_fraud", "insurance", "telecom"], ALL, 2)
def _n26(sub):
    n = rng.randint(2, 9)
    if sub == "raw":
        return f() + "i've been on hold for %s minutes and pressed option %s %s times" % (
            words(rng.randint(15, 55)), words(rng.randint(1, 6)), words(n))
    return f() + "I've been on hold for %d minutes and pressed option %d %d times." % (
        rng.randint(15, 55), rng.randint(1, 6), n)


# --------------------------------------------------------------------------
# build
# --------------------------------------------------------------------------

SUB_WEIGHTS = [("raw", 55), ("punct", 20), ("typed", 25)]


def pick_sub():
    r = rng.uniform(0, 100)
    acc = 0
    for s, w in SUB_WEIGHTS:
        acc += w
        if r < acc:
            return s
    return "typed"


def weighted(items):
    tot = sum(it[3] for it in items)
    r = rng.uniform(0, tot)
    acc = 0
    for it in items:
        acc += it[3]
        if r < acc:
            return it
    return items[-1]


def postprocess_literal_check(sub, text):
    if sub == "raw":
        assert not any(ch.isdigit() for ch in text), text
        assert text == text.lower(), text
    assert "  " not in text, text


CATEGORY_OF_PREFIX = {"p": "PERSON", "ph": "PHONE", "em": "EMAIL", "ssn": "SSN", "cc": "CARD", "ib": "IBAN",
                      "ab": "BANK", "ac": "ACCOUNT", "dob": "DOB", "ad": "ADDRESS", "zp": "ADDRESS", "ip": "IP",
                      "dl": "DL", "pp": "PASSPORT", "mr": "MRN"}
# share of positive utterances by their main entity (many also carry a name or a second entity)
CATEGORY_WEIGHTS = {"PERSON": 32, "PHONE": 22, "EMAIL": 10, "SSN": 8, "CARD": 9, "IBAN": 10, "BANK": 8,
                    "ACCOUNT": 8, "DOB": 8, "ADDRESS": 14, "IP": 6, "DL": 6, "PASSPORT": 5, "MRN": 6}


def category(fn):
    name = fn.__name__.lstrip("_")
    pre = "".join(ch for ch in name if ch.isalpha())
    return CATEGORY_OF_PREFIX[pre]


def allocate(n, weights):
    tot = sum(weights.values())
    raw = {k: n * w / tot for k, w in weights.items()}
    alloc = {k: int(v) for k, v in raw.items()}
    rest = n - sum(alloc.values())
    for k in sorted(raw, key=lambda k: (raw[k] - alloc[k], k), reverse=True)[:rest]:
        alloc[k] += 1
    out = []
    for k in sorted(alloc):
        out += [k] * alloc[k]
    return out


def least_used(cands, used):
    """Spread picks over frames in proportion to their weight (most under-used first)."""
    m = min(used[id(c)] / c[3] for c in cands)
    pool = [c for c in cands if used[id(c)] / c[3] == m]
    c = rng.choice(pool)
    used[id(c)] += 1
    return c


def main():
    n_neg = int(round(N_TOTAL * NEG_FRACTION))
    n_pos = N_TOTAL - n_neg
    kinds = ["neg"] * n_neg + allocate(n_pos, CATEGORY_WEIGHTS)
    rng.shuffle(kinds)
    subs_plan = allocate(N_TOTAL, dict(SUB_WEIGHTS))
    rng.shuffle(subs_plan)
    used = {id(c): 0 for c in POS + NEG}
    rows = []
    for i, kind in enumerate(kinds):
        sub = subs_plan[i]
        if kind != "neg":
            frames = [p for p in POS if category(p[2]) == kind]
            cands = [p for p in frames if sub in p[1]]
            if not cands:
                sub = rng.choice(sorted({s for p in frames for s in p[1]}))
                cands = [p for p in frames if sub in p[1]]
            domains, subs, fn, _ = least_used(cands, used)
            parts = add_filler(sub, fn(sub))
            text, ents = compose(sub, parts)
        else:
            cands = [p for p in NEG if sub in p[1]]
            domains, subs, fn, _ = least_used(cands, used)
            text = fn(sub).strip()
            text, _ = compose(sub, add_filler(sub, [text]))
            ents = []
        postprocess_literal_check(sub, text)
        rows.append({
            "id": "%s-%03d" % (SPLIT, i),
            "split": SPLIT,
            "domain": rng.choice(domains),
            "style": "typed" if sub == "typed" else "asr",
            "text": text,
            "entities": ents,
        })
    # final validation
    ids = set()
    for r in rows:
        assert r["id"] not in ids
        ids.add(r["id"])
        for e in r["entities"]:
            assert r["text"][e["start"]:e["end"]] == e["text"], r
            assert e["type"] in ENTITY_TYPES
            assert e["text"] == e["text"].strip()
        spans = sorted((e["start"], e["end"]) for e in r["entities"])
        for (a, b), (c, d) in zip(spans, spans[1:]):
            assert b <= c, r
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), SPLIT + ".jsonl")
    with open(out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("wrote %d utterances to %s" % (len(rows), out))


if __name__ == "__main__":
    main()
