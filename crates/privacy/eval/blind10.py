#!/usr/bin/env python3
"""blind10: independent labeled evaluation set for the Voxgate privacy engine.

Character: real ASR output as modern recognisers (Whisper-like) write it:
punctuation and capitals, digits written as digits or spaced digits, sometimes
as words, homophones for digits ("for", "to", "won", "ate"), split/merged name
words ("Mac Donald", "Oneal"), disfluencies and repetitions.  About 70 % is in
that Whisper style and 30 % in plain lower-case, no-punctuation ASR style.

Domains: child helplines, domestic abuse lines, mental health crisis lines,
clinics, pharmacies, benefits offices.

Standard library only, deterministic (fixed seed).  Writes blind10.jsonl next
to this file.  Offsets are Python code-point offsets, computed while composing.
"""
import json
import os
import random
import re

SEED = 101010
SPLIT = "blind10"
R = random.Random(SEED)

# ---------------------------------------------------------------------------
# composition helpers
# ---------------------------------------------------------------------------


class E:
    """An entity segment."""

    def __init__(self, typ, text, spoken):
        self.typ, self.text, self.spoken = typ, text, spoken


class L:
    """A literal with distinct Whisper and plain renderings."""

    def __init__(self, w, p):
        self.w, self.p = w, p


_PUNCT_END = re.compile(r'[.,?!;:"]+(?=\s|$)')


def plainify(s):
    s = s.replace("\u2026", "").replace("...", "")
    s = _PUNCT_END.sub("", s)
    s = s.replace('"', "")
    s = s.lower()
    s = re.sub(r" {2,}", " ", s)
    return s


def build(parts, mode):
    text = ""
    ents = []
    for p in parts:
        if isinstance(p, E):
            # Whisper capitalises the first word of a sentence
            if (mode == "w" and p.text[0].islower() and p.typ != "EMAIL_ADDRESS"
                    and (text == "" or text.rstrip().endswith((".", "?", "!")))):
                p = E(p.typ, p.text[0].upper() + p.text[1:], p.spoken)
            start = len(text)
            text += p.text
            ents.append({"type": p.typ, "start": start, "end": len(text),
                         "text": p.text, "spoken": p.spoken})
        else:
            if isinstance(p, L):
                lit = p.w if mode == "w" else plainify(p.p)
            else:
                lit = p if mode == "w" else plainify(p)
            # avoid double spaces at joins
            if text.endswith(" ") and lit.startswith(" "):
                lit = lit[1:]
            text += lit
    # only trailing whitespace may be trimmed (never inside a span)
    text = text.rstrip()
    assert not text.startswith(" "), text
    assert "  " not in text, repr(text)
    for e in ents:
        assert text[e["start"]:e["end"]] == e["text"], (text, e)
        assert e["text"] == e["text"].strip() and e["text"], e
    return text, ents


def pick(*xs):
    return R.choice(xs)


def maybe(p=0.5):
    return R.random() < p


# ---------------------------------------------------------------------------
# number words
# ---------------------------------------------------------------------------
ONES = ("zero one two three four five six seven eight nine ten eleven twelve "
        "thirteen fourteen fifteen sixteen seventeen eighteen nineteen").split()
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety"]
ORD = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth",
       6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth",
       11: "eleventh", 12: "twelfth", 13: "thirteenth", 14: "fourteenth",
       15: "fifteenth", 16: "sixteenth", 17: "seventeenth", 18: "eighteenth",
       19: "nineteenth", 20: "twentieth", 30: "thirtieth"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]


def n2w(n):
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if n < 1000:
        return ONES[n // 100] + " hundred" + (
            "" if n % 100 == 0 else pick(" and ", " ") + n2w(n % 100))
    raise ValueError(n)


def ordinal_w(n):
    if n in ORD:
        return ORD[n]
    return TENS[n // 10] + " " + ORD[n % 10]


def ordinal_d(n):
    if 10 <= n % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return "%d%s" % (n, suf)


def year_w(y):
    if 2000 <= y <= 2009:
        return "two thousand and " + ONES[y - 2000] if y > 2000 else "two thousand"
    if 2010 <= y <= 2019 and maybe(0.5):
        return "two thousand and " + n2w(y - 2000)
    hi, lo = divmod(y, 100)
    if lo == 0:
        return n2w(hi) + " hundred"
    if lo < 10:
        return n2w(hi) + " oh " + ONES[lo]
    return n2w(hi) + " " + n2w(lo)


HOMO = {"4": ["for"], "2": ["to", "too"], "1": ["won"], "8": ["ate"]}


def say_digits(ds, zero="oh", homo=0.0, doubles=False):
    """Spell a digit string as words; may use homophones and double/triple."""
    out = []
    i = 0
    while i < len(ds):
        d = ds[i]
        run = 1
        while i + run < len(ds) and ds[i + run] == d:
            run += 1
        if doubles and run >= 2 and d.isdigit():
            n = 3 if run >= 3 and maybe(0.6) else 2
            w = ONES[int(d)] if d != "0" else zero
            out.append(("triple " if n == 3 else "double ") + w)
            i += n
            continue
        if d == "0":
            z = zero if zero != "mix" else pick("oh", "zero")
            out.append(z)
        elif d in HOMO and R.random() < homo:
            out.append(R.choice(HOMO[d]))
        else:
            out.append(ONES[int(d)])
        i += 1
    return " ".join(out)


def say_groups(groups, mode, homo=0.0, doubles=False, zero="oh", sep=None):
    if sep is None:
        sep = ", " if mode == "w" and maybe(0.7) else " "
    return sep.join(say_digits(g, zero=zero, homo=homo, doubles=doubles)
                    for g in groups)


def spaced_digits(groups, sep=", "):
    return sep.join(" ".join(g) for g in groups)


def rdig(n, first_nonzero=False):
    s = "".join(R.choice("0123456789") for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = R.choice("123456789") + s[1:]
    return s


def homo_rate():
    return pick(0.0, 0.0, 0.25, 0.4)


def spoken_or_digits(groups, mode, allow_spaced=True):
    """Return (text, spoken) for a digit string as ASR writes it."""
    if mode == "p":
        return say_groups(groups, mode, homo=homo_rate(),
                          doubles=maybe(0.3), zero=pick("oh", "zero", "mix")), True
    r = R.random()
    if r < 0.35:
        return " ".join(groups), False
    if r < 0.55 and allow_spaced:
        return spaced_digits(groups, sep=pick(", ", " ")), True
    return say_groups(groups, mode, homo=homo_rate(), doubles=maybe(0.3),
                      zero=pick("oh", "zero", "mix")), True


# ---------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------
FIRST = ["Sefina", "Priya", "Oluwaseun", "Aroha", "Siobhan", "Mateo", "Ximena",
         "Dmitri", "Ayesha", "Kwame", "Thandiwe", "Haruto", "Yuki", "Mei",
         "Jae-won", "Fatima", "Mohammed", "Ingrid", "Lars", "Bronwyn", "Rhys",
         "Tariq", "Chiamaka", "Emeka", "Aisling", "Niamh", "Saoirse", "Tomasz",
         "Agnieszka", "Zeynep", "Emre", "Esperanza", "Guadalupe", "Keanu",
         "Leilani", "Minh", "Rajesh", "Deepika", "Olumide", "Yusuf", "Amara",
         "Bogdan", "Marisol", "Jayden", "Kayla", "Brooklyn", "Destiny",
         "Tyrone", "Shanice", "Declan", "Morag", "Hamish", "Ngozi", "Abebe",
         "Tsegaye", "Lwazi", "Pania", "Tane", "Manaia", "Arjun", "Svetlana",
         "Oksana", "Farhan", "Nasrin", "Dariusz", "Wiremu", "Xiu", "Hyun-woo",
         "Carmen", "Rocio", "Beatriz", "Kofi", "Akosua", "Bilal", "Layla",
         "Connor", "Megan", "Trevor", "Linda", "Gareth", "Precious"]
WORD_FIRST = ["Hope", "Faith", "Sunny", "Bill", "Will", "Grace", "Dawn",
              "Summer", "Rose", "Mark", "May", "Chase", "Hunter"]
LAST = ["Tuilagi", "Okafor", "Nakamura", "Kowalski", "Fitzgerald", "Haddad",
        "Abernathy", "Nguyen", "Tran", "Patel", "Chaudhry", "Adeyemi",
        "Mensah", "Rodriguez", "Garcia", "Gutierrez", "Ivanova", "Petrov",
        "Schneider", "Johansson", "Kealoha", "Begay", "Yazzie", "Horvat",
        "Papadopoulos", "Ozturk", "Kim", "Park", "Choi", "Abubakar", "Otieno",
        "Wanjiru", "Murphy", "Kaur", "Singh", "Delacroix", "Lefebvre",
        "Dubois", "Rossi", "Esposito", "Byrne", "Walsh", "Washington",
        "Jackson", "Hakimi", "Mahlangu", "Ngata", "Te Rangi", "Sato",
        "Watanabe", "Oyelaran", "Dlamini", "Kovacs", "Lindqvist", "Okonkwo",
        "Bakshi", "Iyer", "Castellanos", "Villanueva", "Marchetti", "Gallagher",
        "Quispe", "Mamani", "Al-Sayed", "Rahman", "Hussain", "Brennan"]
# surnames that Whisper often splits / merges
QUIRK_LAST = ["Mac Donald", "Oneal", "Mc Kenzie", "Van Der Merwe",
              "Fitz Patrick", "De La Cruz", "O Sullivan", "Mac Kinnon",
              "Du Plessis", "Le Blanc"]
TITLES = [("Mrs.", "mrs"), ("Dr.", "doctor"), ("Officer", "officer"),
          ("Councillor", "councillor"), ("Nurse", "nurse"), ("Mr.", "mister"),
          ("Ms.", "miss"), ("Miss", "miss"), ("Doctor", "doctor")]


def first(mode, wordy=0.15):
    n = R.choice(WORD_FIRST) if maybe(wordy) else R.choice(FIRST)
    return n if mode == "w" else n.lower()


def last(mode, quirk=0.15):
    n = R.choice(QUIRK_LAST) if maybe(quirk) else R.choice(LAST)
    return n if mode == "w" else n.lower()


def full(mode):
    return first(mode) + " " + last(mode)


def person(v):
    return E("PERSON", v, False)


def title(mode):
    t = R.choice(TITLES)
    return t[0] if mode == "w" else t[1]


# ---------------------------------------------------------------------------
# value generators and renderers
# ---------------------------------------------------------------------------

def nanp():
    def code():
        while True:
            c = R.choice("23456789") + rdig(2)
            if c[1:] != "11":
                return c
    return code(), code(), rdig(4)


def phone(mode):
    a, x, l = nanp()
    if mode == "p":
        r = R.random()
        if r < 0.25:
            return E("PHONE_NUMBER", say_groups([a, x, l], mode, sep=" dash ",
                                                homo=homo_rate()), True)
        return E("PHONE_NUMBER", say_groups([a, x, l], mode, homo=homo_rate(),
                                            doubles=maybe(0.4),
                                            zero=pick("oh", "zero")), True)
    r = R.random()
    if r < 0.3:
        return E("PHONE_NUMBER", "%s-%s-%s" % (a, x, l), False)
    if r < 0.4:
        return E("PHONE_NUMBER", "(%s) %s-%s" % (a, x, l), False)
    if r < 0.47:
        return E("PHONE_NUMBER", "1-%s-%s-%s" % (a, x, l), False)
    if r < 0.6:
        return E("PHONE_NUMBER", spaced_digits([a, x, l]), True)
    if r < 0.7:
        return E("PHONE_NUMBER", "%s... %s... %s" % (
            say_digits(a), say_digits(x, homo=0.3), say_digits(l, doubles=True)), True)
    if r < 0.78:
        return E("PHONE_NUMBER", "%s, %s, %s" % (a, x, l), False)
    return E("PHONE_NUMBER", say_groups([a, x, l], mode, homo=homo_rate(),
                                        doubles=maybe(0.4)), True)


INTL = [("44", lambda: ["7" + rdig(3), rdig(6)]),
        ("44", lambda: ["20", "7" + rdig(3), rdig(4)]),
        ("49", lambda: ["15" + R.choice("12579"), rdig(8)]),
        ("33", lambda: [R.choice("67"), rdig(2), rdig(2), rdig(2), rdig(2)]),
        ("91", lambda: [R.choice("6789") + rdig(4), rdig(5)]),
        ("61", lambda: ["4" + rdig(2), rdig(3), rdig(3)]),
        ("353", lambda: ["8" + R.choice("35679"), rdig(3), rdig(4)]),
        ("34", lambda: [R.choice("67") + rdig(2), rdig(3), rdig(3)]),
        ("234", lambda: ["80" + R.choice("3678"), rdig(3), rdig(4)]),
        ("63", lambda: ["9" + rdig(2), rdig(3), rdig(4)])]


def intl_phone(mode):
    cc, f = R.choice(INTL)
    groups = f()
    if mode == "w" and maybe(0.5):
        return E("PHONE_NUMBER", "+" + cc + " " + " ".join(groups), False)
    body = say_groups(groups, mode, homo=homo_rate(), doubles=maybe(0.5))
    sep = ", " if mode == "w" else " "
    return E("PHONE_NUMBER", "plus " + say_digits(cc) + sep + body, True)


DOMAINS_EMAIL = ["gmail.com", "outlook.com", "yahoo.co.uk", "hotmail.com",
                 "icloud.com", "proton.me", "nhs.net", "btinternet.com",
                 "live.ie", "yahoo.com", "aol.com", "gmx.de"]


def email(mode):
    f = R.choice(FIRST).lower().replace("-", "")
    l = R.choice(LAST).lower().replace(" ", "").replace("-", "")
    style = R.randrange(5)
    num = str(R.randrange(1, 99))
    dom = R.choice(DOMAINS_EMAIL)
    if style == 0:
        parts = [f, ".", l]
    elif style == 1:
        parts = [f, l, num]
    elif style == 2:
        parts = [f[0], l]
    elif style == 3:
        parts = [f, "_", l]
    else:
        parts = [f, ".", l[0], num]
    if mode == "w" and maybe(0.55):
        return E("EMAIL_ADDRESS", "".join(parts) + "@" + dom, False)
    words = []
    for p in parts:
        if p == ".":
            words.append("dot")
        elif p == "_":
            words.append("underscore")
        elif p.isdigit():
            words.append(pick(p, say_digits(p)) if mode == "w" else say_digits(p))
        else:
            words.append(p)
    d = dom.split(".")
    return E("EMAIL_ADDRESS", " ".join(words) + " at " + " dot ".join(d), True)


def ssn(mode):
    while True:
        area = R.randrange(1, 900)
        if area != 666:
            break
    g = "%02d" % R.randrange(1, 100)
    s = "%04d" % R.randrange(1, 10000)
    a = "%03d" % area
    if mode == "w":
        r = R.random()
        if r < 0.4:
            return E("US_SSN", "%s-%s-%s" % (a, g, s), False)
        if r < 0.6:
            return E("US_SSN", spaced_digits([a, g, s]), True)
    return E("US_SSN", say_groups([a, g, s], mode, homo=homo_rate(),
                                  doubles=maybe(0.3)), True)


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
    return body + str((10 - total % 10) % 10)


def luhn_ok(num):
    t = 0
    for i, ch in enumerate(reversed(num)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        t += d
    return t % 10 == 0


def card_number():
    kind = R.choice(["visa", "visa", "mc", "mc2", "amex", "disc", "disc65"])
    if kind == "visa":
        n = luhn_complete("4", 16)
    elif kind == "mc":
        n = luhn_complete(str(R.randrange(51, 56)), 16)
    elif kind == "mc2":
        n = luhn_complete(str(R.randrange(2221, 2721)), 16)
    elif kind == "amex":
        n = luhn_complete(R.choice(["34", "37"]), 15)
    elif kind == "disc":
        n = luhn_complete("6011", 16)
    else:
        n = luhn_complete("65", 16)
    assert luhn_ok(n), n
    if len(n) == 15:
        groups = [n[:4], n[4:10], n[10:]]
    else:
        groups = [n[i:i + 4] for i in range(0, 16, 4)]
    return n, groups


def card(mode):
    n, groups = card_number()
    if mode == "w":
        r = R.random()
        if r < 0.3:
            return E("CREDIT_CARD", " ".join(groups), False)
        if r < 0.45:
            return E("CREDIT_CARD", "-".join(groups), False)
        if r < 0.55:
            return E("CREDIT_CARD", n, False)
        if r < 0.65:
            return E("CREDIT_CARD", ", ".join(groups), False)
    return E("CREDIT_CARD", say_groups(groups, mode, homo=homo_rate(),
                                       doubles=maybe(0.3)), True)


IBAN_FMT = {  # country: list of (kind, n) where kind 'n' digits, 'a' upper letters
    "DE": [("n", 18)], "GB": [("a", 4), ("n", 14)], "FR": [("n", 23)],
    "NL": [("a", 4), ("n", 10)], "ES": [("n", 20)],
    "IT": [("a", 1), ("n", 22)], "IE": [("a", 4), ("n", 14)],
    "BE": [("n", 12)], "CH": [("n", 17)], "AT": [("n", 16)],
    "PL": [("n", 24)], "PT": [("n", 21)], "SE": [("n", 20)],
    "DK": [("n", 14)], "NO": [("n", 11)], "FI": [("n", 14)],
}
IBAN_LEN = {"DE": 22, "GB": 22, "FR": 27, "NL": 18, "ES": 24, "IT": 27,
            "IE": 22, "BE": 16, "CH": 21, "AT": 20, "PL": 28, "PT": 25,
            "SE": 24, "DK": 18, "NO": 15, "FI": 18}
BANK_CODES = {"GB": ["NWBK", "BARC", "LOYD", "HBUK", "MIDL"],
              "NL": ["INGB", "ABNA", "RABO", "TRIO"],
              "IE": ["AIBK", "BOFI", "IPBS"]}


def iban_value(cc):
    bban = ""
    for kind, n in IBAN_FMT[cc]:
        if kind == "n":
            bban += rdig(n)
        elif cc in BANK_CODES and n == 4:
            bban += R.choice(BANK_CODES[cc])
        else:
            bban += "".join(R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(n))
    num = "".join(str(int(ch, 36)) for ch in bban + cc + "00")
    check = 98 - int(num) % 97
    iban = cc + "%02d" % check + bban
    assert len(iban) == IBAN_LEN[cc], (iban, cc)
    assert iban_ok(iban)
    return iban


def iban_ok(iban):
    s = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in s)) % 97 == 1


_iban_countries = []


def iban(mode):
    global _iban_countries
    if not _iban_countries:
        _iban_countries = list(IBAN_LEN)
        R.shuffle(_iban_countries)
    cc = _iban_countries.pop()
    v = iban_value(cc)
    groups = [v[i:i + 4] for i in range(0, len(v), 4)]
    if mode == "w":
        r = R.random()
        if r < 0.4:
            return E("IBAN_CODE", " ".join(groups), False)
        if r < 0.6:
            return E("IBAN_CODE", v, False)
    # spoken: letters spelled, digits as words
    hr = homo_rate()
    out = []
    for g in groups:
        toks = []
        digs = ""
        for ch in g:
            if ch.isdigit():
                digs += ch
            else:
                if digs:
                    toks.append(say_digits(digs, homo=hr))
                    digs = ""
                toks.append(ch.lower() if mode == "p" else ch)
        if digs:
            toks.append(say_digits(digs, homo=hr))
        out.append(" ".join(toks))
    sep = ", " if mode == "w" and maybe(0.6) else " "
    return E("IBAN_CODE", sep.join(out), True)


def aba_value():
    pre = "%02d" % R.choice(list(range(1, 13)) + list(range(21, 33)) +
                            list(range(61, 73)) + [80])
    d = pre + rdig(6)
    w = [3, 7, 1, 3, 7, 1, 3, 7]
    s = sum(int(c) * k for c, k in zip(d, w))
    d9 = (-s) % 10
    v = d + str(d9)
    t = sum(int(c) * k for c, k in zip(v, [3, 7, 1] * 3))
    assert t % 10 == 0
    return v


def aba(mode):
    v = aba_value()
    if mode == "w" and maybe(0.5):
        return E("ABA_ROUTING_NUMBER", v, False)
    t, sp = spoken_or_digits([v[:3], v[3:6], v[6:]], mode)
    if not sp:
        t = v
    return E("ABA_ROUTING_NUMBER", t, sp)


def bank_acct(mode):
    v = rdig(R.choice([9, 10, 11, 12]), first_nonzero=True)
    if mode == "w" and maybe(0.5):
        return E("US_BANK_NUMBER", v, False)
    groups = [v[i:i + 3] for i in range(0, len(v), 3)]
    t, sp = spoken_or_digits(groups, mode)
    if not sp:
        t = v
    return E("US_BANK_NUMBER", t, sp)


def acct(mode):
    r = R.random()
    if r < 0.5:
        v = rdig(R.choice([8, 9, 10]), first_nonzero=True)
    elif r < 0.75:
        v = R.choice("ABCHKPRSW") + rdig(R.choice([7, 8]))
    else:
        v = rdig(4, True) + "-" + rdig(4) + "-" + rdig(3)
    if mode == "w" and maybe(0.55):
        return E("ACCOUNT_NUMBER", v, False)
    toks = []
    for part in v.split("-"):
        if part[0].isalpha():
            toks.append((part[0] if mode == "w" else part[0].lower()) + " " +
                        say_digits(part[1:], homo=homo_rate(), doubles=maybe(0.3)))
        else:
            toks.append(say_digits(part, homo=homo_rate(), doubles=maybe(0.3)))
    return E("ACCOUNT_NUMBER", " ".join(toks), True)


def dob(mode, child=False):
    y = R.randrange(2009, 2016) if child else R.randrange(1941, 2004)
    m = R.randrange(1, 13)
    d = R.randrange(1, 29)
    mon = MONTHS[m - 1]
    if mode == "w":
        r = R.random()
        if r < 0.2:
            return E("DATE_OF_BIRTH", "%s %s, %d" % (mon, ordinal_d(d), y), False)
        if r < 0.35:
            return E("DATE_OF_BIRTH", "%s of %s %d" % (ordinal_d(d), mon, y), False)
        if r < 0.5:
            return E("DATE_OF_BIRTH", "%02d/%02d/%d" % (m, d, y), False)
        if r < 0.6:
            return E("DATE_OF_BIRTH", "%d/%d/%02d" % (d, m, y % 100), False)
        if r < 0.7:
            return E("DATE_OF_BIRTH", "%s %d, %d" % (mon, d, y), False)
        if r < 0.85:
            return E("DATE_OF_BIRTH", "the %s of %s, %s" % (
                ordinal_w(d), mon, year_w(y)), True)
        return E("DATE_OF_BIRTH", "%s %s, %s" % (mon, ordinal_w(d), year_w(y)), True)
    mon = mon.lower()
    r = R.random()
    if r < 0.4:
        return E("DATE_OF_BIRTH", "the %s of %s %s" % (ordinal_w(d), mon, year_w(y)), True)
    if r < 0.7:
        return E("DATE_OF_BIRTH", "%s %s %s" % (mon, ordinal_w(d), year_w(y)), True)
    return E("DATE_OF_BIRTH", "%s %s %s" % (
        say_digits("%02d" % m), say_digits("%02d" % d), say_digits(str(y))), True)


STREETS = ["Elm", "Maple", "Kingsley", "Harbor View", "Cedar", "Willow",
           "Park", "Main", "Church", "Station", "Victoria", "Albert",
           "Jefferson", "Lincoln", "Magnolia", "Pine Ridge", "Oakwood",
           "Riverside", "Hillcrest", "Sycamore", "Lakeview", "Martin Luther King",
           "Chestnut", "Bridge", "Mill", "Grove", "Prospect", "Ocean"]
SUFFIX = ["Street", "Road", "Avenue", "Court", "Drive", "Lane", "Close",
          "Way", "Boulevard", "Place", "Crescent", "Terrace"]
SUFFIX_ABBR = {"Street": "St.", "Road": "Rd.", "Avenue": "Ave.",
               "Drive": "Dr.", "Lane": "Ln.", "Boulevard": "Blvd."}


def street_number_words(n):
    if n < 100:
        return n2w(n)
    if n < 1000:
        return pick(say_digits(str(n)), ONES[n // 100] + " " + (
            n2w(n % 100) if n % 100 >= 10 else "oh " + ONES[n % 10]))
    hi, lo = divmod(n, 100)
    return n2w(hi) + " " + (n2w(lo) if lo >= 10 else ("hundred" if lo == 0 else "oh " + ONES[lo]))


def address(mode):
    n = R.choice([R.randrange(1, 100), R.randrange(100, 1000), R.randrange(1000, 9999)])
    st = R.choice(STREETS)
    sf = R.choice(SUFFIX)
    unit = None
    if maybe(0.25):
        unit = (pick("Apartment", "Flat", "Unit", "Apt."), str(R.randrange(1, 40)) + pick("", "", "B", "C"))
    if mode == "w":
        if maybe(0.75):
            num = str(n)
            sp = False
        else:
            num = street_number_words(n)
            sp = True
        if sf in SUFFIX_ABBR and maybe(0.2):
            sf = SUFFIX_ABBR[sf]
        v = "%s %s %s" % (num, st, sf)
        if unit:
            if maybe(0.5):
                v = "%s %s, %s" % (unit[0], unit[1], v)
            else:
                v = "%s, %s %s" % (v, unit[0], unit[1])
        return E("STREET_ADDRESS", v, sp)
    if maybe(0.5):
        num = street_number_words(n)
    else:
        num = say_digits(str(n))
    v = "%s %s %s" % (num, st.lower(), sf.lower())
    if unit:
        u0 = "apartment" if unit[0] == "Apt." else unit[0].lower()
        v = "%s %s %s" % (u0, " ".join(say_digits(c) if c.isdigit() else c.lower()
                                       for c in re.findall(r"\d+|[A-Z]", unit[1])), v)
    return E("STREET_ADDRESS", v, True)


def zipc(mode):
    z = "%05d" % R.randrange(1001, 99951)
    plus4 = maybe(0.2)
    if mode == "w":
        r = R.random()
        if r < 0.55:
            return E("ZIP_CODE", z + ("-" + rdig(4) if plus4 else ""), False)
        if r < 0.75:
            return E("ZIP_CODE", " ".join(z), True)
    return E("ZIP_CODE", say_digits(z, homo=homo_rate(), doubles=maybe(0.3)), True)


def ipv4_value():
    if maybe(0.25):
        return pick("192.168.%d.%d" % (R.randrange(0, 10), R.randrange(2, 255)),
                    "10.%d.%d.%d" % (R.randrange(0, 255), R.randrange(0, 255), R.randrange(2, 255)))
    o1 = R.choice([23, 31, 45, 62, 81, 86, 92, 103, 109, 145, 151, 178, 185,
                   203, 212, 217, 82, 94])
    return "%d.%d.%d.%d" % (o1, R.randrange(0, 256), R.randrange(0, 256), R.randrange(1, 255))


def ip(mode, v6ok=True, force_v6=False):
    if mode == "w" and v6ok and (force_v6 or maybe(0.3)):
        groups = ["%x" % R.randrange(0, 65536) for _ in range(8)]
        groups[0] = R.choice(["2001", "2a02", "2600", "2a00", "2c0f", "2406"])
        if maybe(0.6):
            k = R.randrange(2, 5)
            s = R.randrange(2, 8 - k)
            v = ":".join(groups[:s]) + "::" + ":".join(groups[s + k:])
        else:
            v = ":".join(groups)
        return E("IP_ADDRESS", v, False)
    v = ipv4_value()
    if mode == "w" and maybe(0.5):
        return E("IP_ADDRESS", v, False)
    octs = v.split(".")
    ws = []
    for o in octs:
        if maybe(0.5):
            ws.append(say_digits(o))
        else:
            ws.append(n2w(int(o)) if int(o) < 100 else
                      ONES[int(o) // 100] + " " + (n2w(int(o) % 100) if int(o) % 100 >= 10 else
                                                   "oh " + ONES[int(o) % 10]))
    if mode == "w" and maybe(0.4):
        return E("IP_ADDRESS", " dot ".join(" ".join(o) for o in octs), True)
    return E("IP_ADDRESS", " dot ".join(ws), True)


def dl(mode):
    kind = R.randrange(5)
    if kind == 0:  # California
        v = R.choice("ABDEFGNSWY") + rdig(7)
    elif kind == 1:  # New York
        v = rdig(9, True)
    elif kind == 2:  # Florida
        x = R.choice("ABCDEFGHJKLMNPRSTW") + rdig(12)
        v = "%s-%s-%s-%s-%s" % (x[:4], x[4:7], x[7:9], x[9:12], x[12])
    elif kind == 3:  # Texas
        v = rdig(8, True)
    else:  # Illinois
        x = R.choice("ABCDGHKLMPRSW") + rdig(11)
        v = "%s-%s-%s" % (x[:4], x[4:8], x[8:])
    if mode == "w" and maybe(0.6):
        return E("US_DRIVER_LICENSE", v, False)
    #: letters as letters, digits as words
    out = []
    digs = ""
    for ch in v.replace("-", ""):
        if ch.isdigit():
            digs += ch
        else:
            if digs:
                out.append(say_digits(digs, homo=homo_rate()))
                digs = ""
            out.append(ch if mode == "w" else ch.lower())
    if digs:
        out.append(say_digits(digs, homo=homo_rate(), doubles=maybe(0.3)))
    return E("US_DRIVER_LICENSE", " ".join(out), True)


def passport(mode):
    if maybe(0.5):
        v = rdig(9, True)
    else:
        v = R.choice("ACEHKLMNPRSTXZ") + rdig(8)
    if mode == "w" and maybe(0.55):
        return E("US_PASSPORT", v, False)
    if v[0].isalpha():
        t = (v[0] if mode == "w" else v[0].lower()) + " " + say_digits(v[1:], homo=homo_rate(), doubles=maybe(0.3))
    else:
        t = say_groups([v[:3], v[3:6], v[6:]], mode, homo=homo_rate(), doubles=maybe(0.3))
    return E("US_PASSPORT", t, True)


def mrn(mode):
    r = R.random()
    if r < 0.5:
        v = rdig(R.choice([7, 8]))
    elif r < 0.75:
        v = R.choice(["H", "M", "RX", "K"]) + rdig(7)
    else:
        v = rdig(3) + "-" + rdig(3) + "-" + rdig(3)
    if mode == "w" and maybe(0.55):
        return E("MEDICAL_RECORD_NUMBER", v, False)
    out = []
    digs = ""
    for ch in v.replace("-", ""):
        if ch.isdigit():
            digs += ch
        else:
            if digs:
                out.append(say_digits(digs))
                digs = ""
            out.append(ch if mode == "w" else ch.lower())
    if digs:
        out.append(say_digits(digs, homo=homo_rate(), doubles=maybe(0.4), zero=pick("oh", "zero")))
    return E("MEDICAL_RECORD_NUMBER", " ".join(out), True)


def um(mode):
    """A disfluency filler (Whisper keeps some)."""
    return pick("", "", "Um, ", "Uh, ", "So, ", "Yeah, ", "Okay, ")


# ---------------------------------------------------------------------------
# positive templates: each takes mode ('w' Whisper, 'p' plain) and returns
# (domain, parts)
# ---------------------------------------------------------------------------
CH, DA, CR, CL, PH, BE = ("child_helpline", "domestic_abuse", "crisis_line",
                          "clinic", "pharmacy", "benefits")

POS = []


def pos(fn):
    POS.append(fn)
    return fn


# ---- PERSON-centred --------------------------------------------------------
@pos
def t_name_intro(m):
    f, l = first(m), last(m)
    return pick(CR, BE, CL), [pick("Hi, my name is ", "Hello. My name is ", "Yeah, hi, my name's "),
                             person(f + " " + l), pick(". ", ", "), "I'm calling because ",
                             pick("I can't cope anymore.", "my payment hasn't come through.",
                                  "I need to rebook my scan.")]


@pos
def t_name_disfluent(m):
    f, l = first(m), last(m)
    return pick(CR, DA), ["Um, my name is, uh, ", person(f), ". ", person(f + " " + l),
                         ". Sorry, I'm, I'm a bit shaky."]


@pos
def t_this_is(m):
    f = first(m, wordy=0.3)
    return pick(CL, PH, BE), ["Hi, this is ", person(f), pick(" calling from the ward.", " from the surgery.",
                                                          " returning your call.")]


@pos
def t_speaking(m):
    f, l = first(m), last(m)
    return pick(PH, CL, BE), [pick("Good morning, pharmacy, ", "Benefits helpline, ", "Hello, outpatients, "),
                             person(f), " speaking, how can I help?"]


@pos
def t_its(m):
    f = first(m, wordy=0.35)
    return pick(CH, CR), ["It's ", person(f), pick(". I called last week.", ". I rang before, you said I could call back.",
                                                  ". Is the same lady there?")]


@pos
def t_its_first_last(m):
    f, l = first(m), last(m)
    return pick(CR, BE), ["Yeah, it's ", person(f), ". ", person(f + " " + l), ". I spoke to someone yesterday."]


@pos
def t_im(m):
    f = first(m, wordy=0.3)
    return pick(CH, CR), ["I'm ", person(f), pick(" and I'm 13.", " and I'm fourteen.", ", I'm 16 and I don't know who else to call.")]


@pos
def t_call_me(m):
    f = first(m, wordy=0.3)
    return pick(CH, CR, DA), ["You can call me ", person(f), pick(". It's not my real name though.", ". That's fine.", ".")]


@pos
def t_ask_for(m):
    l = last(m)
    return pick(CL, BE, PH), ["Can I ask for ", title(m), " ", person(l), pick(", please?", "? She knows my case.", ".")]


@pos
def t_put_through(m):
    f, l = first(m), last(m)
    t = title(m)
    if maybe(0.5):
        return pick(CL, BE), ["Could you put me through to ", t, " ", person(f + " " + l), "?"]
    return pick(CL, BE), ["Could you put me through to ", t, " ", person(l), ", please?"]


@pos
def t_son_daughter(m):
    f = first(m, wordy=0.3)
    rel = pick("kid", "youngest", "little one", "grandchild", "eldest")
    return pick(CL, PH, CH), ["My ", rel, " ", person(f),
                             pick(" has had a fever since Tuesday.", " hasn't been eating.",
                                  " needs a repeat of the inhaler.")]


@pos
def t_teacher(m):
    l = last(m)
    t = pick(("Mr.", "mister"), ("Mrs.", "mrs"), ("Miss", "miss"), ("Ms.", "ms"))
    return CH, ["I told my teacher, ", L(t[0], t[1]), " ", person(l), ", but she said ",
                pick("I was making it up.", "to talk to my mum.")]


@pos
def t_neighbour(m):
    f, l = first(m), last(m)
    return pick(DA, CR), ["My neighbour ", person(f + " " + l), pick(" heard the shouting and called the police.",
                                                                     " said I could stay with them for a bit.")]


@pos
def t_caseworker(m):
    f, l = first(m), last(m)
    return BE, ["My caseworker is ", person(f + " " + l), ", she said you'd have the forms."]


@pos
def t_told_me(m):
    f = first(m, wordy=0.3)
    return pick(CH, DA), [person(f), pick(" told me not to tell anyone.", " told me nobody would believe me.",
                                          " told me if I called you I'd be in trouble.")]


@pos
def t_hits_me(m):
    f = first(m, wordy=0.3)
    rel = pick("My husband, ", "My boyfriend ", "My stepdad, ", "My partner ")
    return pick(DA, CH), [rel, person(f), pick(", he hits me when he's been drinking.",
                                               " hits me. He hits me and then says sorry.",
                                               ", he hits me and my little brother.")]


@pos
def t_tell_x(m):
    f = first(m, wordy=0.3)
    return pick(CL, PH, BE), ["Can you tell ", person(f), pick(" I called?", " that I'll be late?",
                                                               " I got the letter?")]


@pos
def t_signed(m):
    t = pick(("Nurse", "nurse"), ("Dr.", "doctor"), ("Councillor", "councillor"), ("Officer", "officer"))
    l = last(m)
    return pick(CL, BE, DA), ["Note for the file: client was seen today, follow-up in two weeks. Signed, ",
                             L(t[0], t[1]), " ", person(l), "."]


@pos
def t_officer(m):
    l = last(m)
    return DA, [pick("The one who came out was ", "I spoke to "), L("Officer", "officer"), " ", person(l),
                ", and he gave me a crime number."]


@pos
def t_word_names(m):
    # names that are also words, used as names
    n = R.choice(WORD_FIRST)
    if m == "p":
        n = n.lower()
    return pick(CH, CR, DA), [pick("My best friend ", "My sister ", "My mum's friend "), person(n),
                             pick(" said I should ring you.", " is the only one I trust.",
                                  " knows what's going on.")]


@pos
def t_word_names2(m):
    n = R.choice(["Hope", "Faith", "Grace", "Dawn", "Summer", "Rose", "Sunny"])
    l = last(m)
    if m == "p":
        n = n.lower()
    return pick(CL, BE), ["Hi, yes, it's ", person(n + " " + l), " again. ", person(n), ", with ",
                         pick("an H.", "the appointment.", "the housing claim.")]


@pos
def t_will_bill(m):
    n = pick("Will", "Bill", "Mark", "Chase", "Hunter")
    if m == "p":
        n = n.lower()
    return pick(DA, CH), ["It's ", person(n), pick(". He will come back tonight, I know he will.",
                                                  ", my ex. He's outside the house.",
                                                  " who hurts me, not my mum.")]


@pos
def t_two_people(m):
    f1, f2 = first(m), first(m)
    while f2 == f1:
        f2 = first(m)
    return CH, ["My brother ", person(f1), " and my cousin ", person(f2),
                pick(" both live with us.", " were there too.")]


@pos
def t_dr_fullname(m):
    f, l = first(m), last(m)
    return CL, [pick("My GP is ", "I'm under "), L("Dr.", "doctor"), " ", person(f + " " + l),
                pick(" at the Riverside practice.", ".")]


@pos
def t_quirk_name(m):
    f = first(m)
    l = R.choice(QUIRK_LAST)
    if m == "p":
        l = l.lower()
    return pick(BE, CL), ["Surname is ", person(l), ". First name ", person(f), "."]


@pos
def t_spelled_repeat(m):
    f, l = first(m), last(m)
    return pick(BE, PH), ["It's ", person(l), ", ", person(l), ". Yeah. And the first name's ", person(f), "."]


@pos
def t_spelled_letters(m):
    l = R.choice(LAST)
    while not l.isalpha():
        l = R.choice(LAST)
    if m == "w":
        sp = pick("-", " ").join(l.upper())
    else:
        sp = " ".join(l.lower())
        l = l.lower()
    return pick(BE, CL, PH), ["Surname ", person(l), ", that's ", E("PERSON", sp, True), "."]


# ---- contact details -------------------------------------------------------
@pos
def t_phone1(m):
    return pick(CR, DA, BE, CL), [pick("My number is ", "You can reach me on ", "Best number for me is "), phone(m),
                                 pick(".", ", but only after six.", ". Don't leave a message.")]


@pos
def t_phone_name(m):
    f, l = first(m), last(m)
    return pick(CL, BE), ["My name is ", person(f + " " + l), ". My number is ", phone(m), "."]


@pos
def t_phone_its(m):
    return pick(PH, CL), ["Yeah, it's ", phone(m), ". That's my mobile."]


@pos
def t_phone_correction(m):
    return pick(CR, BE), ["Sorry, let me, let me start again. The number is ", phone(m), "."]


@pos
def t_phone_safe(m):
    return DA, ["Please only call my sister's phone, it's ", phone(m), ", not mine, he checks mine."]


@pos
def t_phone_intl(m):
    return pick(CR, BE, CL), [pick("I'm abroad at the moment, my number is ", "My mum's number is ",
                                   "It's an international number, "), intl_phone(m), "."]


@pos
def t_phone_intl2(m):
    f = first(m)
    return pick(DA, CH), ["My cousin ", person(f), " lives in ", pick("Lagos", "Dublin", "Manila", "Madrid", "Berlin"),
                         ", their number is ", intl_phone(m), "."]


@pos
def t_phone_callback(m):
    return pick(CR, CL), ["Could someone call me back on ", phone(m), pick(" please?", " after three?")]


@pos
def t_email1(m):
    return pick(BE, CL, PH), [pick("My email is ", "Email's ", "You can email me at "), email(m),
                             pick(".", ", all lower case.")]


@pos
def t_email_name(m):
    f, l = first(m), last(m)
    return BE, ["It's ", person(f + " " + l), ", and the email address is ", email(m), "."]


@pos
def t_email_send(m):
    return pick(CL, BE), ["Can you send the letter to ", email(m), " instead of posting it?"]


# ---- government / finance ----------------------------------------------------
@pos
def t_ssn1(m):
    return BE, [pick("My social is ", "My Social Security number is ", "The SSN is "), ssn(m), "."]


@pos
def t_ssn2(m):
    f, l = first(m), last(m)
    return BE, ["Okay, so I'm calling for my client, ", person(f + " " + l), ". Their social is ", ssn(m), "."]


@pos
def t_ssn3(m):
    return pick(CL, BE), ["Last, um, the whole social security number, yeah, ", ssn(m), "."]


@pos
def t_card1(m):
    return PH, [pick("The card number is ", "Card number ", "It's a Visa, "), card(m),
                pick(". Expiry's next March.", ".", ", and the security code I'll give you after.")]


@pos
def t_card2(m):
    return pick(PH, CL), ["Can I pay for the prescription over the phone? Okay. ", card(m), "."]


@pos
def t_card3(m):
    return BE, ["My card was stolen, the number was ", card(m), ", can you stop the payments going to it?"]


@pos
def t_iban1(m):
    return BE, [pick("My IBAN is ", "The IBAN is ", "So the I-BAN, "), iban(m),
                pick(".", ", that's my account back home.")]


@pos
def t_iban2(m):
    return BE, ["For the payment, the IBAN, ", iban(m), ". Can you read it back?"]


@pos
def t_iban3(m):
    f, l = first(m), last(m)
    return pick(BE, CL), ["Account holder ", person(f + " " + l), ", IBAN ", iban(m), "."]


@pos
def t_aba1(m):
    return BE, [pick("The routing number is ", "Routing number, ", "My bank's routing number is "), aba(m), "."]


@pos
def t_aba_bank(m):
    return BE, ["For direct deposit, routing number ", aba(m), ", and my checking account number is ",
                bank_acct(m), "."]


@pos
def t_bank1(m):
    return BE, [pick("My bank account number is ", "Checking account number ", "The account at my bank is "),
                bank_acct(m), pick(".", ", it's with Chase.")]


@pos
def t_acct1(m):
    return pick(PH, BE, CL), [pick("My account number with you is ", "My customer account number is ",
                                   "The account number on the letter is "), acct(m), "."]


@pos
def t_acct2(m):
    return BE, ["I'm calling about my benefits account, the account number is ", acct(m),
                L(", and the payment of 240 pounds never arrived.",
                                       " and the payment of two hundred and forty pounds never arrived")]


@pos
def t_acct3(m):
    return PH, ["Pharmacy account ", acct(m), ", it should have my repeat prescriptions on it."]


# ---- DOB / address / zip ---------------------------------------------------------
@pos
def t_dob1(m):
    return pick(CL, PH, BE), [pick("My date of birth is ", "Date of birth, ", "DOB is "), dob(m), "."]


@pos
def t_dob2(m):
    f, l = first(m), last(m)
    return pick(CL, PH), ["It's for ", person(f + " " + l), ", born ", dob(m), "."]


@pos
def t_dob_child(m):
    return CH, ["I was born on ", dob(m, child=True), ", so I'm not old enough to, to leave."]


@pos
def t_dob3(m):
    return pick(CL, BE), ["Uh, birthday is ", dob(m), ", yeah."]


@pos
def t_addr1(m):
    return pick(DA, CR, BE), [pick("I live at ", "My address is ", "I'm at "), address(m),
                             pick(".", ", it's the blue door.", ", on the top floor.")]


@pos
def t_addr_zip(m):
    return BE, ["The address is ", address(m), pick(", Springfield", ", Oakland", ", Dayton"),
                ", and the zip code is ", zipc(m), "."]


@pos
def t_addr_police(m):
    return DA, ["Please send someone to ", address(m), ". He's, he's still in the house."]


@pos
def t_addr_child(m):
    return CH, ["We moved to ", address(m), " but I don't like it there."]


@pos
def t_zip1(m):
    return pick(BE, PH), [pick("My zip code is ", "Zip is ", "The zip code, "), zipc(m), "."]


@pos
def t_zip2(m):
    return PH, ["Is there a pharmacy open late near zip code ", zipc(m), "?"]


# ---- technical / ids -------------------------------------------------------------
@pos
def t_ip1(m):
    return pick(CH, CR), ["The chat kept dropping, the tech guy said my IP address is ", ip(m), "."]


@pos
def t_ip2(m):
    return pick(DA, CR), ["He logs into my email from ", ip(m), ", I saw it in the security page."]


@pos
def t_ip3(m):
    return BE, ["The portal blocked me, it said suspicious login from IP ", ip(m), "."]


@pos
def t_ip6(m):
    return pick(CR, BE, CH), [pick("The IT person said the login came from ", "It's showing an IPv6 address, ",
                                   "The router page says my address is "), ip(m, force_v6=True),
                             pick(".", ", if that helps.")]


@pos
def t_dl1(m):
    return pick(BE, PH, CL), [pick("My driver's license number is ", "Driver's license, ", "License number is "),
                             dl(m), "."]


@pos
def t_dl2(m):
    f, l = first(m), last(m)
    return BE, ["For ID I've got my driver's license. It's ", dl(m), ", under ", person(f + " " + l), "."]


@pos
def t_pass1(m):
    return pick(BE, CL), [pick("My passport number is ", "Passport number, ", "US passport, number "),
                         passport(m), "."]


@pos
def t_pass2(m):
    return DA, ["He took my passport. The number was ", passport(m), ", I wrote it down before."]


@pos
def t_mrn1(m):
    return CL, [pick("My medical record number is ", "MRN ", "My hospital number is "), mrn(m),
                pick(".", ", it's on the wristband.")]


@pos
def t_mrn2(m):
    f, l = first(m), last(m)
    return CL, ["Patient ", person(f + " " + l), ", medical record number ", mrn(m), L(", for the 2 o'clock scan.", " for the two o'clock scan")]


@pos
def t_mrn3(m):
    return PH, ["The prescription has the MRN on it, ", mrn(m), L(", and it's for 40 milligrams.", " and it's for forty milligrams")]


# ---- multi-entity ------------------------------------------------------------------
@pos
def t_multi_benefits(m):
    f, l = first(m), last(m)
    return BE, ["Okay. Name is ", person(f + " " + l), ", date of birth ", dob(m), ", and my phone is ",
                phone(m), "."]


@pos
def t_multi_clinic(m):
    f, l = first(m), last(m)
    return CL, ["So I'm registering my daughter, ", person(f + " " + l), ". Born ", dob(m, child=True),
                ". We're at ", address(m), "."]


@pos
def t_multi_crisis(m):
    f = first(m)
    return CR, ["I'm ", person(f), ", I'm at ", address(m), ", and I've taken, I've taken all my tablets."]


@pos
def t_multi_da(m):
    f, l = first(m), last(m)
    return DA, ["His name is ", person(f + " " + l), ". He's got my number, ", phone(m),
                ", and he won't stop calling."]


@pos
def t_multi_email_phone(m):
    return pick(BE, CL), ["Email me at ", email(m), " or text ", phone(m), "."]


# ---------------------------------------------------------------------------
# negative templates (no PII at all)
# ---------------------------------------------------------------------------
NEG = []


def neg(fn):
    NEG.append(fn)
    return fn


def money_w():
    return "$%d.%02d" % (R.randrange(12, 900), R.randrange(0, 100))


@neg
def n_money(m):
    a, b = R.randrange(120, 990), R.randrange(1, 99)
    return BE, [L("My payment was $%d.%02d and it's three weeks late." % (a, b),
                  "my payment was %s dollars and %s cents and it's three weeks late" % (n2w(a), n2w(b)))]


@neg
def n_money2(m):
    a = R.randrange(20, 99)
    return BE, [L("They took £%d off my Universal Credit for the advance." % a,
                  "they took %s pounds off my universal credit for the advance" % n2w(a))]


@neg
def n_money3(m):
    a = R.randrange(1100, 1999)
    return BE, [L("The rent's $%d,%03d a month and I get $%d." % (a // 1000, a % 1000, R.randrange(400, 900)),
                  "the rent is one thousand %s a month" % n2w(a % 1000))]


@neg
def n_meter(m):
    v = rdig(5, True)
    return BE, [L("The meter reading is %s, I took it this morning." % v,
                  "the meter reading is %s i took it this morning" % say_digits(v))]


@neg
def n_kwh(m):
    v = R.randrange(150, 900)
    return BE, [L("It says I used %d kWh last month, that can't be right." % v,
                  "it says i used %s kilowatt hours last month that can't be right" % n2w(v))]


@neg
def n_time(m):
    h, mi = R.randrange(1, 12), R.choice([0, 15, 30, 45])
    return pick(CL, PH), [L("The pharmacy closes at %d:%02d, so I need to get there before." % (h, mi),
                            "the pharmacy closes at %s %s so i need to get there before" % (
                                n2w(h), "o'clock" if mi == 0 else n2w(mi)))]


@neg
def n_appt(m):
    d, mon = R.randrange(1, 29), R.choice(MONTHS)
    h = R.randrange(8, 12)
    return CL, [L("My appointment is on the %s of %s at %d:30." % (ordinal_d(d), mon, h),
                  "my appointment is on the %s of %s at %s thirty" % (ordinal_w(d), mon.lower(), n2w(h)))]


@neg
def n_appt2(m):
    d = R.choice(["Monday", "Tuesday", "Thursday", "Friday"])
    return CL, [L("Can I move it from %s the %s to next week?" % (d, ordinal_d(R.randrange(1, 29))),
                  "can i move it from %s to next week" % d.lower())]


@neg
def n_year(m):
    y = R.randrange(2012, 2025)
    return pick(DA, CR), [L("It's been going on since %d, maybe earlier." % y,
                            "it's been going on since %s maybe earlier" % year_w(y))]


@neg
def n_year2(m):
    y = R.randrange(1995, 2020)
    return CR, [L("I was first diagnosed back in %d." % y, "i was first diagnosed back in %s" % year_w(y))]


@neg
def n_quantity(m):
    a = R.randrange(2, 6)
    return CH, [L("There's %d of us in one room and only %d beds." % (a + 2, a),
                  "there's %s of us in one room and only %s beds" % (n2w(a + 2), n2w(a)))]


@neg
def n_ages(m):
    return CH, [L("I've got three little brothers, they're 4, 7 and 9.",
                  "i've got three little brothers they're four seven and nine")]


@neg
def n_order(m):
    v = rdig(9, True)
    return PH, [L("My order number is %s, it was meant to come Tuesday." % v,
                  "my order number is %s it was meant to come tuesday" % say_digits(v))]


@neg
def n_ticket(m):
    v = rdig(6, True)
    return pick(BE, CL), [L("I was given ticket number %s at the front desk." % v,
                            "i was given ticket number %s at the front desk" % say_digits(v))]


@neg
def n_case(m):
    v = "%d-%s-%s" % (R.randrange(2021, 2026), rdig(3), rdig(4))
    return BE, [L("The case reference is %s, it's on the letter." % v,
                  "the case reference is %s it's on the letter" % say_digits(v.replace("-", "")))]


@neg
def n_ref(m):
    v = "BEN-" + rdig(6, True)
    return BE, [L("Your reference is %s, please quote it if you call back." % v,
                  "your reference is b e n %s please quote it if you call back" % say_digits(v[4:]))]


@neg
def n_version(m):
    return pick(CH, CR), [L("The app's on version %d.%d.%d, build %s, and the chat won't load." % (
        R.randrange(1, 9), R.randrange(0, 20), R.randrange(0, 10), rdig(4, True)),
        "the app is on version three point two and the chat won't load")]


@neg
def n_percent(m):
    p = R.randrange(5, 95)
    return BE, [L("They only cover %d%% of the rent now." % p,
                  "they only cover %s percent of the rent now" % n2w(p))]


@neg
def n_dosage(m):
    d = R.choice([5, 10, 20, 40, 50, 100, 250, 500])
    return PH, [L("It's %d milligrams, twice a day, with food." % d if maybe() else
                  "I take %dmg of sertraline every morning." % d,
                  "it's %s milligrams twice a day with food" % n2w(d) if d < 1000 else "")]


@neg
def n_dosage2(m):
    return PH, [L("Take two 5ml spoons every 4 to 6 hours, max 4 doses in 24 hours.",
                  "take two five ml spoons every four to six hours max four doses in twenty four hours")]


@neg
def n_flight(m):
    f = R.choice(["BA", "EI", "FR", "UA", "DL", "AA"]) + " " + str(R.randrange(100, 3000))
    return DA, [L("He's flying back on %s, it lands at 6:45 on Friday." % f,
                  "he's flying back on %s it lands at quarter to seven on friday" % f.lower())]


@neg
def n_guid(m):
    g = "%08x-%04x" % (R.randrange(16 ** 8), R.randrange(16 ** 4))
    return pick(CH, BE), [L("The error says %s, session timed out." % g,
                            "the error says something like session timed out code four oh eight")]


@neg
def n_place(m):
    p = R.choice(["Brixton", "Leeds city centre", "the Bronx", "downtown Phoenix", "Salford", "Tallaght",
                  "the east side of Detroit", "Croydon"])
    return pick(DA, CR), ["I'm in a refuge somewhere near ", L(p, p.lower()), ", I can't say exactly."]


@neg
def n_tariff(m):
    return BE, [L("I'm on the Economy 7 tariff, code E7-SR2, and the standing charge is 53p a day.",
                  "i'm on the economy seven tariff and the standing charge is fifty three p a day")]


@neg
def n_hs(m):
    return PH, [L("Customs held the parcel under tariff code 3004.90, so my meds are late.",
                  "customs held the parcel under a tariff code so my meds are late")]


@neg
def n_phone_like(m):
    return CR, [L("I've been awake for 36 hours and had 3 coffees since 4 a.m.",
                  "i've been awake for thirty six hours and had three coffees since four am")]


@neg
def n_score(m):
    return CR, [L("The nurse said my score was 19 out of 27 on the questionnaire.",
                  "the nurse said my score was nineteen out of twenty seven on the questionnaire")]


@neg
def n_bp(m):
    return CL, [L("My blood pressure was 142 over 91 this morning.",
                  "my blood pressure was one forty two over ninety one this morning")]


@neg
def n_weight(m):
    return CL, [L("He's 3 months old and weighs 6.2 kilos.", "he's three months old and weighs six point two kilos")]


@neg
def n_hotline(m):
    return CR, [L("I saw your number on a poster at the bus stop.", "i saw your number on a poster at the bus stop")]


@neg
def n_room(m):
    return CL, [L("Ward 7B, bed 12, she's been moved from 4A.", "ward seven b bed twelve she's been moved from four a")]


@neg
def n_batch(m):
    return PH, [L("The box says batch 2241X, expiry 06/2027.", "the box says batch two two four one x expiry june twenty twenty seven")]


@neg
def n_temp(m):
    return CL, [L("Her temperature's 38.9 and it was 39.4 an hour ago.",
                  "her temperature is thirty eight point nine and it was thirty nine point four an hour ago")]


@neg
def n_bus(m):
    return CH, [L("I get the number 73 bus to school at 7:50.", "i get the number seventy three bus to school at ten to eight")]


@neg
def n_days(m):
    return DA, [L("He's away for 14 days from the 3rd, so that's my chance.",
                  "he's away for fourteen days from the third so that's my chance")]


# -- common words that are also names, used as words --------------------------------
@neg
def n_will(m):
    return pick(CR, DA), [pick("I will, I will call back tomorrow if that's okay.",
                               "Will the payment go in on Friday?", "I don't have the will to keep going, honestly.")]


@neg
def n_grace(m):
    return pick(BE, CR), [pick("Is there a grace period before they stop the money?",
                               "By the grace of God I'm still here.")]


@neg
def n_may(m):
    return pick(BE, CL), [pick("May I speak to someone about my claim?", "It might be May before they decide.",
                               "You may need to bring your letter.")]


@neg
def n_bill(m):
    return BE, [pick("The electricity bill is huge this month and I can't pay it.",
                     "Can the bill be paid in instalments?")]


@neg
def n_mark(m):
    return pick(CL, BE), [pick("Can you mark it as urgent, please?", "There's a red mark on his arm where it was.")]


@neg
def n_rose(m):
    return CL, [pick("My blood sugar rose again after lunch.", "The rash rose up overnight.")]


@neg
def n_faith(m):
    return CR, [pick("I've lost faith in the whole system.", "My faith is the only thing keeping me going.")]


@neg
def n_hope(m):
    return pick(CR, CH), [pick("I hope you can help me.", "I just don't have any hope left.",
                               "I was hoping, I hope it's not too late to call.")]


@neg
def n_sunny(m):
    return CR, ["It's sunny outside but I haven't left the flat in days."]


@neg
def n_page(m):
    return BE, [pick("It's on page 4 of the letter, the bit in bold.", "Which page do I sign on?")]


@neg
def n_chase(m):
    return BE, [pick("I don't want to have to chase them up again.", "Can you chase the payment for me?")]


@neg
def n_hunter(m):
    return DA, ["He keeps a hunter's knife in the kitchen drawer."]


@neg
def n_victoria(m):
    return DA, [pick("Meet me at Victoria Station, by the clock.", "I'm at Victoria station now, I've got one bag.")]


@neg
def n_dawn(m):
    return CR, [pick("I've been up since dawn, I can't sleep.", "It dawned on me that I can't go back.")]


@neg
def n_summer(m):
    return CH, [pick("Over the summer it got really bad at home.", "Summer holidays are the worst, I'm stuck there.")]


@neg
def n_generic(m):
    return pick(CH, CR, DA), [pick("I don't really know why I'm calling.", "Can you just stay on the line with me?",
                                   "He said if I tell anyone he'll hurt the dog.",
                                   "I'm scared to go home after school.",
                                   "Is this call confidential? Like, really confidential?",
                                   "I'm hiding in the bathroom, I've only got a minute.",
                                   "My mum drinks a lot and then she gets angry.")]


@neg
def n_generic2(m):
    return pick(CL, PH, BE), [pick("Do I need to bring anything to the appointment?",
                                   "Is the repeat prescription ready for collection?",
                                   "How long does the assessment usually take?",
                                   "I filled in the form but nobody got back to me.",
                                   "Can I get the leaflet in large print?",
                                   "Which floor is the mental health team on?")]


@neg
def n_spoken_nums(m):
    return pick(BE, PH), [L("It was about 240 a fortnight, then they dropped it to 180.",
                            "it was about two hundred and forty a fortnight then they dropped it to one eighty")]


@neg
def n_count(m):
    return PH, [L("I've got 28 tablets left, so 2 weeks' worth.", "i've got twenty eight tablets left so two weeks worth")]


@neg
def n_stepcount(m):
    return CL, [L("The tracker says 12,480 steps, but I feel awful.", "the tracker says twelve thousand four hundred steps but i feel awful")]


@neg
def n_long_ref(m):
    v = rdig(10, True)
    return PH, [L("Tracking number %s, it says out for delivery." % v,
                  "tracking number %s it says out for delivery" % say_digits(v))]


@neg
def n_confirmation(m):
    v = rdig(8, True)
    return CL, [L("Booking confirmation %s for the physio." % v,
                  "booking confirmation %s for the physio" % say_digits(v))]


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------
N_POS = None  # every template drawn exactly weight() times
N_NEG = 114


WEIGHTS = {  # how many times each template is drawn (by name prefix)
    "t_phone": 3, "t_email": 3, "t_ssn": 4, "t_card": 4, "t_iban": 4,
    "t_aba": 3, "t_bank": 3, "t_acct": 2, "t_dob": 2, "t_addr": 2,
    "t_zip": 3, "t_ip": 3, "t_dl": 3, "t_pass": 3, "t_mrn": 3, "t_multi": 2,
    "t_name": 2, "t_its_first": 1, "t_its": 2, "t_word": 2, "t_will": 2,
    "t_hits": 2, "t_told": 2, "t_im": 2,
}


def weight(fn):
    for k, w in WEIGHTS.items():
        if fn.__name__.startswith(k):
            return w
    return 1


def make(templates, n, seen):
    out = []
    order = []
    while len(out) < n:
        if not order:
            order = [t for t in templates for _ in range(weight(t))]
            R.shuffle(order)
        fn = order.pop()
        for _ in range(20):
            mode = "w" if R.random() < 0.75 else "p"
            domain, parts = fn(mode)
            text, ents = build(parts, mode)
            if text not in seen:
                break
        else:
            continue
        seen.add(text)
        out.append((domain, mode, text, ents))
    return out


def main():
    seen = set()
    n_pos = N_POS or sum(weight(t) for t in POS)
    pos_rows = make(POS, n_pos, seen)
    neg_rows = make(NEG, N_NEG, seen)
    for _, _, _, ents in pos_rows:
        assert ents
    for _, _, _, ents in neg_rows:
        assert not ents
    rows = pos_rows + neg_rows
    R.shuffle(rows)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "blind10.jsonl")
    ids = set()
    with open(path, "w", encoding="utf-8") as fh:
        for i, (domain, mode, text, ents) in enumerate(rows):
            rid = "%s-%03d" % (SPLIT, i)
            assert rid not in ids
            ids.add(rid)
            for e in ents:
                assert text[e["start"]:e["end"]] == e["text"]
            # spans must not overlap
            sp = sorted((e["start"], e["end"]) for e in ents)
            for a, b in zip(sp, sp[1:]):
                assert a[1] <= b[0], (text, ents)
            rec = {"id": rid, "split": SPLIT, "domain": domain, "style": "asr",
                   "text": text, "entities": ents}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print("wrote %d utterances (%d negatives) to %s" % (len(rows), len(neg_rows), path))


if __name__ == "__main__":
    main()
