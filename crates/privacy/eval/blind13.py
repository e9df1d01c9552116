#!/usr/bin/env python3
"""blind13: independent labeled evaluation set for the privacy engine.

Deterministic (fixed seed), Python 3 standard library only.
Writes blind13.jsonl next to this file.

Character: a representative mix of what a deployment sees.
  - ~1/2 live ASR (lower case, no punctuation, numbers as words)  -> style "asr"
  - ~1/4 Whisper-style ASR (punctuation, digits)                  -> style "asr"
  - ~1/4 typed agent notes / chat messages                        -> style "typed"
  - domains in equal parts: utility, bank, clinic, helpline, gov, insurance
  - US and UK callers in about equal numbers
  - ~40 % negatives (no PII at all)

Labelling conventions:
  - a span covers the PII value only, never the cue words ("my number is").
  - PERSON: titles (mr, mrs, dr, officer, nurse, councillor ...) are NOT in the span;
    a full name is one span (first + surname); each mention is its own span.
  - STREET_ADDRESS: house number + street name + street type ("42 elm street");
    city, state and postcode are outside it (the postcode/ZIP is its own ZIP_CODE span).
  - ZIP_CODE: US ZIP / ZIP+4 and UK postcodes, always given with context.
  - DATE_OF_BIRTH: the date only (not "born on", not "date of birth").
  - PHONE_NUMBER: from the first to the last token of the number, including "plus",
    internal "dash", "double", "triple" and the like.
  - MEDICAL_RECORD_NUMBER: MRN / medical record / hospital number and UK NHS numbers.
  - ACCOUNT_NUMBER: utility / customer / council tax / card-services account numbers given by context.
    Case, claim, ticket, order, reference numbers are NOT PII (negatives).
  - spoken=true when the value is rendered as speech recognition writes it in words
    (number words, spelled letters, "at"/"dot"); names in lower-case live ASR are spoken=true;
    values written with digits / normal capitalisation are spoken=false.
"""
import collections
import json
import os
import random
import re
import unicodedata

SEED = 131313
N_TOTAL = 282
SPLIT = "blind13"

rng = random.Random(SEED)

# ----------------------------------------------------------------------------------------------
# number words
ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORD = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh",
       8: "eighth", 9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth", 13: "thirteenth",
       14: "fourteenth", 15: "fifteenth", 16: "sixteenth", 17: "seventeenth", 18: "eighteenth",
       19: "nineteenth", 20: "twentieth", 30: "thirtieth"}
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]


def int_words(n, uk=False):
    if n < 20:
        return ONES[n]
    if n < 100:
        t, o = divmod(n, 10)
        return TENS[t] + ("" if o == 0 else " " + ONES[o])
    if n < 1000:
        h, r = divmod(n, 100)
        s = ONES[h] + " hundred"
        if r:
            s += (" and " if uk else " ") + int_words(r)
        return s
    th, r = divmod(n, 1000)
    s = int_words(th) + " thousand"
    if r:
        if r < 100:
            s += (" and " if uk else " ") + int_words(r)
        else:
            s += " " + int_words(r, uk)
    return s


def ord_words(n):
    if n in ORD:
        return ORD[n]
    t, o = divmod(n, 10)
    return TENS[t] + " " + ORD[o]


def year_words(y, uk=False):
    if 2000 <= y < 2010:
        return "two thousand" + (" and " if uk else " ") + ONES[y - 2000] if y != 2000 else "two thousand"
    if 2010 <= y < 2100 and rng.random() < 0.5:
        return "two thousand" + (" and " if uk else " ") + int_words(y - 2000)
    hi, lo = divmod(y, 100)
    if lo == 0:
        return int_words(hi) + " hundred"
    if lo < 10:
        return int_words(hi) + " oh " + ONES[lo]
    return int_words(hi) + " " + int_words(lo)


def digit_words(s, zero=None, runs=True):
    """digits (and letters) as ASR writes them, optional double/triple."""
    if zero is None:
        zero = rng.choice(["oh", "zero", "oh", "mix"])
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        j = i
        while j < len(s) and s[j] == c:
            j += 1
        run = j - i
        if c.isdigit():
            w = ONES[int(c)]
            if c == "0":
                w = zero if zero != "mix" else rng.choice(["oh", "zero"])
        else:
            w = c.lower()
        if runs and run >= 2 and rng.random() < 0.5:
            k = 0
            while k < run:
                left = run - k
                if left >= 3 and rng.random() < 0.6:
                    out.append("triple " + w)
                    k += 3
                elif left >= 2:
                    out.append("double " + w)
                    k += 2
                else:
                    out.append(w)
                    k += 1
        else:
            out.extend([w] * run)
        i = j
    return " ".join(out)


def pair_words(s):
    """'1423' -> 'fourteen twenty three', '1405' -> 'fourteen oh five'."""
    n = int(s)
    if len(s) <= 2:
        return int_words(n)
    if len(s) == 3:
        a, b = s[0], s[1:]
        if b == "00":
            return ONES[int(a)] + " hundred"
        return ONES[int(a)] + " " + (("oh " + ONES[int(b[1])]) if b[0] == "0" else int_words(int(b)))
    a, b = s[:2], s[2:]
    if b == "00":
        return int_words(int(a)) + " hundred"
    return int_words(int(a)) + " " + (("oh " + ONES[int(b[1])]) if b[0] == "0" else int_words(int(b)))


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def asr_name(s):
    return strip_accents(s).lower().replace("-", " ")


# ----------------------------------------------------------------------------------------------
# names: everyday names of the US and UK population, every origin
FIRST = [
    "James", "Mary", "Olivia", "Liam", "Noah", "Emma", "Aaliyah", "DeShawn", "Jamal", "Keisha",
    "Imani", "Tyrone", "Latoya", "José", "María", "Guadalupe", "Alejandro", "Ximena", "Luis",
    "Sofía", "Mohammed", "Fatima", "Aisha", "Omar", "Priya", "Arjun", "Rajesh", "Sunita",
    "Harpreet", "Gurpreet", "Wei", "Mei", "Hiroshi", "Yuki", "Min-jun", "Ji-woo", "Siobhan",
    "Niamh", "Ciarán", "Aoife", "Eilidh", "Callum", "Rhys", "Gethin", "Bronwen", "Declan",
    "Oluwaseun", "Chidi", "Ngozi", "Kwame", "Abena", "Tariq", "Zainab", "Bilal", "Yusuf",
    "Agnieszka", "Piotr", "Krzysztof", "Ioana", "Dmitri", "Svetlana", "Giuseppe", "Francesca",
    "Destiny", "Brayden", "Jaxon", "Kayleigh", "Stacey", "Gary", "Brenda", "Doreen", "Trevor",
    "Nigel", "Bernard", "Ethel", "Harold", "Tamika", "Dwayne", "Marisol", "Esperanza", "Thanh",
    "Huong", "Lakshmi", "Deepa", "Sanjay", "Nkechi", "Sione", "Leilani", "Dakota", "Cheyenne",
    "Tomasz", "Oksana", "Hamza", "Ayesha", "Rukhsana", "Nasreen", "Parveen", "Kirsty", "Shona",
    "Morag", "Hamish", "Fergus", "Ffion", "Carys", "Bethan", "Lowri", "Emeka", "Connor",
    "Ashley", "Brittany", "Cody", "Travis", "Darnell", "Shanice", "Kieran", "Jordan", "Reggie",
    "Winston", "Marcia", "Delroy", "Precious", "Thandiwe", "Anh", "Duc", "Xin", "Hyun-woo",
    "Eleni", "Yiannis", "Mehmet", "Elif", "Reza", "Shirin", "Ravi", "Nisha", "Abdi", "Hodan",
    "Mateo", "Valentina", "Ahmad", "Layla", "Zoe", "Evie", "Alfie", "Archie", "Poppy", "Maisie",
    "Tyler", "Kylie", "Dolores", "Earl", "Wanda", "Floyd", "Juanita", "Ignacio", "Rosalind",
]
SURNAMES = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Nguyen", "Tran", "Pham", "Kim", "Park", "Lee", "Chen",
    "Wang", "Zhang", "Patel", "Shah", "Singh", "Kaur", "Khan", "Ahmed", "Hussain", "Begum",
    "Ali", "Okafor", "Adeyemi", "Mensah", "Owusu", "Washington", "Jackson", "Robinson",
    "Thompson", "Taylor", "Evans", "Davies", "Hughes", "Roberts", "Wright", "Walker", "O'Brien",
    "Murphy", "Kelly", "MacDonald", "Campbell", "Fraser", "Kowalski", "Nowak", "Wiśniewski",
    "Popescu", "Rossi", "Ferrari", "Cohen", "Goldberg", "Friedman", "Yamamoto", "Tanaka",
    "Schneider", "Müller", "Dubois", "Novak", "Ivanova", "Abubakar", "Chowdhury", "Rahman",
    "Mahmood", "Iqbal", "Sandhu", "Gill", "Dhillon", "Yazzie", "Begay", "Kahale", "Pereira",
    "Silva", "Santos", "Lindqvist", "Haddad", "Nasser", "Mansour", "Jovanović", "Horvat",
    "Llewellyn", "McAllister", "Fitzgerald", "Oyelaran", "Boateng", "Achterberg", "Papadopoulos",
    "Yilmaz", "Hosseini", "Warsame", "Mohamud", "Castillo", "Delgado", "Alvarez", "Nakamura",
    "Sutherland", "Pritchard", "Whitfield", "Greenwood", "Okonkwo", "Baptiste", "Clarke",
    "Henry", "Campbell-Brown", "Dos Santos", "Van der Berg", "Pennington", "Hargreaves",
    "Blackwood", "Ramirez", "Flores", "Reyes", "Vo", "Huang", "Gupta", "Reddy", "Iyer",
]
TITLES_ASR = ["mrs", "mr", "ms", "miss", "dr", "doctor"]
TITLES_W = ["Mrs", "Mr", "Ms", "Miss", "Dr", "Dr.", "Mrs.", "Mr."]


# ----------------------------------------------------------------------------------------------
# valid identifiers
def luhn_complete(prefix, length):
    digits = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    check = (10 - total % 10) % 10
    return digits + str(check)


def luhn_ok(s):
    total = 0
    for i, c in enumerate(reversed(s)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


CARD_CYCLE = []


def gen_card():
    if not CARD_CYCLE:
        CARD_CYCLE.extend(["visa", "visa", "mc", "mc2", "amex", "disc", "disc65"])
        rng.shuffle(CARD_CYCLE)
    kind = CARD_CYCLE.pop()
    if kind == "visa":
        n = luhn_complete("4" + str(rng.randint(0, 9)), 16)
    elif kind == "mc":
        n = luhn_complete(str(rng.randint(51, 55)), 16)
    elif kind == "mc2":
        n = luhn_complete(str(rng.randint(2221, 2720)), 16)
    elif kind == "amex":
        n = luhn_complete(rng.choice(["34", "37"]), 15)
    elif kind == "disc":
        n = luhn_complete("6011", 16)
    else:
        n = luhn_complete("65", 16)
    assert luhn_ok(n)
    return n


def gen_ssn():
    while True:
        a = rng.randint(1, 899)
        if a == 666:
            continue
        g = rng.randint(1, 99)
        s = rng.randint(1, 9999)
        return "%03d%02d%04d" % (a, g, s)


ABA_PREFIXES = list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)) + [80]


def gen_aba():
    p = "%02d" % rng.choice(ABA_PREFIXES)
    d = p + "".join(str(rng.randint(0, 9)) for _ in range(6))
    w = [3, 7, 1, 3, 7, 1, 3, 7]
    s = sum(int(c) * k for c, k in zip(d, w))
    d += str((10 - s % 10) % 10)
    assert sum(int(c) * k for c, k in zip(d, [3, 7, 1] * 3)) % 10 == 0
    return d


IBAN_SPEC = {  # country: (total length, bban pattern) a=upper letter, n=digit
    "GB": (22, "aaaa" + "n" * 14), "DE": (22, "n" * 18), "FR": (27, "n" * 23),
    "NL": (18, "aaaa" + "n" * 10), "ES": (24, "n" * 20), "IT": (27, "a" + "n" * 22),
    "IE": (22, "aaaa" + "n" * 14), "BE": (16, "n" * 12), "CH": (21, "n" * 17),
    "AT": (20, "n" * 16), "PL": (28, "n" * 24), "PT": (25, "n" * 21),
}
BANK_CODES = {"GB": ["NWBK", "BARC", "LOYD", "HBUK", "MIDL"], "NL": ["INGB", "ABNA", "RABO"],
              "IE": ["AIBK", "BOFI"]}


def iban_mod(s):
    r = s[4:] + s[:4]
    num = "".join(str(int(c, 36)) for c in r)
    return int(num) % 97


def gen_iban(country):
    ln, pat = IBAN_SPEC[country]
    if country in BANK_CODES:
        bban = rng.choice(BANK_CODES[country]) + "".join(str(rng.randint(0, 9)) for _ in range(len(pat) - 4))
    else:
        bban = "".join(chr(rng.randint(65, 90)) if p == "a" else str(rng.randint(0, 9)) for p in pat)
    tmp = country + "00" + bban
    check = 98 - iban_mod(tmp)
    iban = country + "%02d" % check + bban
    assert len(iban) == ln and iban_mod(iban) == 1
    return iban


def nhs_number():
    while True:
        d = [rng.randint(0, 9) for _ in range(9)]
        if d[0] == 0:
            continue
        s = sum(x * (10 - i) for i, x in enumerate(d))
        c = 11 - s % 11
        if c == 11:
            c = 0
        if c == 10:
            continue
        n = "".join(map(str, d)) + str(c)
        return n


def nanp():
    def code():
        while True:
            a = str(rng.randint(2, 9)) + "%02d" % rng.randint(0, 99)
            if a[1:] == "11":
                continue
            return a
    area = code()
    while area[1] == "9":
        area = code()
    return area, code(), "%04d" % rng.randint(0, 9999)


# ----------------------------------------------------------------------------------------------
# renderers: each returns (surface text, spoken flag)
class Ctx:
    def __init__(self, style, locale):
        self.style = style      # live | whisper | typed
        self.locale = locale    # US | UK
        self.people = {}

    @property
    def live(self):
        return self.style == "live"

    @property
    def uk(self):
        return self.locale == "UK"


def r_phone(ctx, kind=None):
    if kind is None:
        if ctx.uk:
            kind = rng.choice(["ukmob", "ukmob", "ukland", "uk44", "intl"])
        else:
            kind = rng.choice(["nanp", "nanp", "nanp", "nanp1", "intl"])
    if kind in ("nanp", "nanp1"):
        a, e, s = nanp()
        if ctx.live:
            groups = [a, e, s]
            sep = rng.choice([" ", " ", " dash ", " uh "])
            words = sep.join(digit_words(g) for g in groups)
            if kind == "nanp1":
                words = "one " + words
            return words, True
        fmts = ["({a}) {e}-{s}", "{a}-{e}-{s}", "{a}.{e}.{s}", "{a} {e} {s}", "{a}{e}{s}",
                "+1 {a} {e} {s}", "1-{a}-{e}-{s}", "+1 ({a}) {e}-{s}"]
        f = rng.choice(fmts[:5] if kind == "nanp" else fmts[5:])
        return f.format(a=a, e=e, s=s), False
    if kind == "ukmob":
        g = "7" + str(rng.randint(4, 9)) + "%02d" % rng.randint(0, 99)
        rest = "%06d" % rng.randint(0, 999999)
        if ctx.live:
            return "oh " + digit_words(g, zero="oh") + " " + digit_words(rest[:3], zero="oh") + " " + digit_words(rest[3:], zero="oh"), True
        return rng.choice(["0{g} {r}", "0{g} {r1} {r2}", "0{g}{r}"]).format(g=g, r=rest, r1=rest[:3], r2=rest[3:]), False
    if kind == "ukland":
        c = rng.choice([("20", 8), ("161", 7), ("113", 7), ("121", 7), ("117", 7), ("131", 7),
                        ("29", 8), ("1632", 6), ("1482", 6), ("28", 8)])
        area, n = c
        body = str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))
        if ctx.live:
            if len(body) == 8:
                parts = [body[:4], body[4:]]
            elif len(body) == 7:
                parts = [body[:3], body[3:]]
            else:
                parts = [body]
            return "oh " + digit_words(area, zero="oh") + " " + " ".join(digit_words(p, zero="oh") for p in parts), True
        if len(body) == 8:
            return "0%s %s %s" % (area, body[:4], body[4:]), False
        if len(body) == 7:
            return "0%s %s %s" % (area, body[:3], body[3:]), False
        return "0%s %s" % (area, body), False
    if kind == "uk44":
        g = "7" + str(rng.randint(4, 9)) + "%02d" % rng.randint(0, 99)
        rest = "%06d" % rng.randint(0, 999999)
        if ctx.live:
            return "plus four four " + digit_words(g) + " " + digit_words(rest), True
        return rng.choice(["+44 {g} {r}", "+44{g}{r}", "+44 (0){g} {r}"]).format(g=g, r=rest), False
    # international
    cc, groups = rng.choice([
        ("49", [("30", "151"), 4, 4]), ("33", ["6", 2, 2, 2, 2]), ("91", ["9", 4, 5]),
        ("61", ["4", 2, 3, 3]), ("353", ["8" + str(rng.choice([3, 5, 6, 7])), 3, 4]),
        ("34", ["6", 2, 3, 3]), ("48", ["5", 2, 3, 3]), ("234", ["80", 1, 3, 4]),
        ("63", ["917", 3, 4]), ("52", ["55", 4, 4]), ("39", ["3", 2, 3, 4]),
    ])
    parts = []
    for i, g in enumerate(groups):
        if isinstance(g, tuple):
            parts.append(rng.choice(g))
        elif isinstance(g, str):
            parts.append(g)
        else:
            parts.append(str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(g - 1)))
    # merge leading fixed piece with next group for natural grouping
    merged = [parts[0] + parts[1]] + parts[2:] if cc in ("91", "61", "39", "34", "48", "234") else parts
    if ctx.live:
        return "plus " + digit_words(cc, runs=False) + " " + " ".join(digit_words(p) for p in merged), True
    if rng.random() < 0.2:
        return "+" + cc + "".join(merged), False
    if rng.random() < 0.2 and cc not in ("1",):
        return "00" + cc + " " + " ".join(merged), False
    return "+" + cc + " " + " ".join(merged), False


DOMAINS_MAIL = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "aol.com",
                "comcast.net", "protonmail.com"]
DOMAINS_MAIL_UK = ["gmail.com", "hotmail.co.uk", "btinternet.com", "yahoo.co.uk", "sky.com",
                   "outlook.com", "live.co.uk", "icloud.com"]


def r_email(ctx, person=None):
    f = asr_name(person[0] if person else rng.choice(FIRST)).replace(" ", "").replace("'", "")
    s = asr_name(person[1] if person else rng.choice(SURNAMES)).replace(" ", "").replace("'", "")
    num = str(rng.choice([rng.randint(1, 99), rng.randint(1960, 2012)]))
    local_kind = rng.choice(["f.s", "fs", "f_s", "fnum", "f.snum", "initial", "s.f"])
    dom = rng.choice(DOMAINS_MAIL_UK if ctx.uk else DOMAINS_MAIL)
    parts = {"f.s": [f, ".", s], "fs": [f + s], "f_s": [f, "_", s], "fnum": [f, num],
             "f.snum": [f, ".", s, num], "initial": [f[0], s], "s.f": [s, ".", f]}[local_kind]
    if ctx.live or (ctx.style == "whisper" and rng.random() < 0.25):
        words = []
        for p in parts:
            if p == ".":
                words.append("dot")
            elif p == "_":
                words.append("underscore")
            elif p.isdigit():
                words.append(pair_words(p) if len(p) == 4 and rng.random() < 0.6 else digit_words(p, runs=False))
            else:
                words.append(p)
        words.append("at")
        words.append(" dot ".join(dom.split(".")))
        return " ".join(words), True
    return "".join(parts) + "@" + dom, False


def r_ssn(ctx):
    s = gen_ssn()
    if ctx.live:
        sep = rng.choice([" ", " dash "])
        return sep.join(digit_words(x) for x in (s[:3], s[3:5], s[5:])), True
    return rng.choice(["{a}-{g}-{s}", "{a}-{g}-{s}", "{a} {g} {s}", "{a}{g}{s}"]).format(a=s[:3], g=s[3:5], s=s[5:]), False


def card_groups(n):
    if len(n) == 15:
        return [n[:4], n[4:10], n[10:]]
    return [n[i:i + 4] for i in range(0, 16, 4)]


def r_card(ctx):
    n = gen_card()
    g = card_groups(n)
    if ctx.live:
        return " ".join(digit_words(x) for x in g), True
    sep = rng.choice([" ", "-", "", " "])
    return sep.join(g), False


IBAN_CYCLE = []


def r_iban(ctx, country=None):
    if country is None:
        if not IBAN_CYCLE:
            IBAN_CYCLE.extend(["GB", "GB", "DE", "FR", "NL", "ES", "IT", "IE", "BE", "CH", "AT", "PL", "PT"])
            rng.shuffle(IBAN_CYCLE)
        country = IBAN_CYCLE.pop()
    ib = gen_iban(country)
    if ctx.live:
        toks = []
        for c in ib:
            toks.append(c.lower() if c.isalpha() else ONES[int(c)] if c != "0" else rng.choice(["zero", "oh"]))
        return " ".join(toks), True
    if rng.random() < 0.6:
        return " ".join(ib[i:i + 4] for i in range(0, len(ib), 4)), False
    return ib, False


def r_aba(ctx):
    a = gen_aba()
    if ctx.live:
        return digit_words(a, runs=rng.random() < 0.5), True
    return a, False


def r_bank(ctx):
    n = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(rng.randint(8, 11)))
    if rng.random() < 0.2:
        n = "00" + n[2:]
    if ctx.live:
        return digit_words(n), True
    return n, False


def r_acct(ctx):
    kind = rng.choice(["digits", "digits", "grouped", "alpha"])
    if kind == "alpha":
        pre = rng.choice(["AC", "TW", "BG", "WX", "CT", "EL"])
        n = pre + "".join(str(rng.randint(0, 9)) for _ in range(rng.randint(7, 9)))
    else:
        n = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(rng.randint(7, 11)))
    if ctx.live:
        return digit_words(n), True
    if kind == "grouped" and len(n) >= 8:
        return " ".join(n[i:i + 4] for i in range(0, len(n), 4)), False
    if kind == "alpha" and rng.random() < 0.5:
        return n[:2] + "-" + n[2:], False
    return n, False


def r_dob(ctx, child=False):
    y = rng.randint(2009, 2015) if child else rng.randint(1938, 2003)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    if ctx.live:
        f = rng.choice(["dmy", "mdy", "num"] if not ctx.uk else ["dmy", "dmy", "num"])
        if f == "dmy":
            return "the %s of %s %s" % (ord_words(d), MONTHS[m - 1], year_words(y, ctx.uk)) if rng.random() < 0.6 else \
                "%s %s %s" % (ord_words(d), MONTHS[m - 1], year_words(y, ctx.uk)), True
        if f == "mdy":
            return "%s %s %s" % (MONTHS[m - 1], ord_words(d), year_words(y)), True
        a, b = (d, m) if ctx.uk else (m, d)
        return "%s %s %s" % (digit_words("%02d" % a, zero="oh", runs=False), digit_words("%02d" % b, zero="oh", runs=False), pair_words("%02d" % (y % 100)) if y % 100 >= 10 else "oh " + ONES[y % 10]), True
    M = MONTHS[m - 1].capitalize()
    if ctx.uk:
        opts = ["%02d/%02d/%d" % (d, m, y), "%d %s %d" % (d, M, y), "%d/%d/%d" % (d, m, y),
                "%s%s %s %s %d" % (d, {1: "st", 2: "nd", 3: "rd"}.get(d % 10 if d not in (11, 12, 13) else 0, "th"), "of" if rng.random() < 0.3 else "", M, y)]
    else:
        opts = ["%02d/%02d/%d" % (m, d, y), "%s %d, %d" % (M, d, y), "%d-%02d-%02d" % (y, m, d),
                "%d/%d/%d" % (m, d, y % 100 if rng.random() < 0.3 else y)]
    v = rng.choice(opts)
    v = re.sub(r"\s+", " ", v)
    return v, False


US_STREETS = ["Maple", "Oak", "Cedar Ridge", "Brookside", "Pine", "Lakeview", "Sunset",
              "Elm", "Chestnut", "Hillcrest", "Magnolia", "Willow Creek", "Highland", "Third",
              "Fifth", "Sycamore", "Rio Grande", "Peachtree", "Orchard", "Mission"]
US_TYPES = [("Street", "St"), ("Avenue", "Ave"), ("Road", "Rd"), ("Drive", "Dr"), ("Lane", "Ln"),
            ("Boulevard", "Blvd"), ("Court", "Ct"), ("Way", "Way"), ("Place", "Pl")]
UK_STREETS = ["Station", "Church", "Victoria", "Kingsley", "Albert", "Mill", "Park", "Manor",
              "Clarendon", "Beech", "Windsor", "Queen's", "Hawthorn", "Meadow", "Fairfield",
              "Bridge", "St Mary's", "Granby", "Cowley", "Heol y Nant"]
UK_TYPES = [("Road", "Rd"), ("Street", "St"), ("Close", "Cl"), ("Avenue", "Ave"), ("Lane", "Ln"),
            ("Crescent", "Cres"), ("Gardens", "Gdns"), ("Terrace", "Terr"), ("Grove", "Gr"), ("Way", "Way")]


def r_addr(ctx):
    if ctx.uk:
        n = rng.randint(1, 180)
        st = rng.choice(UK_STREETS)
        ty = rng.choice(UK_TYPES)
        if st == "Heol y Nant":
            ty = ("", "")
    else:
        n = rng.choice([rng.randint(1, 99), rng.randint(100, 999), rng.randint(1000, 9899)])
        st = rng.choice(US_STREETS)
        ty = rng.choice(US_TYPES)
    if ctx.live:
        num = pair_words(str(n)) if n >= 100 and rng.random() < 0.7 else int_words(n)
        name = st.lower().replace("'", "'")
        if st in ("Third", "Fifth"):
            name = st.lower()
        return ("%s %s %s" % (num, name, ty[0].lower())).strip(), True
    tyw = ty[1] if (ctx.style == "typed" and rng.random() < 0.5) else ty[0]
    return ("%d %s %s" % (n, st, tyw)).strip(), False


UK_POSTCODES = ["M14 5RT", "LS6 2QA", "CF10 1EP", "B12 9LS", "EH3 9QG", "BS7 8AJ", "NE4 6XT",
                "SW9 7PD", "E17 4HU", "G41 2SD", "NG7 1FB", "L8 3TR", "BT9 6AZ", "SE15 5EW",
                "CV1 2NF", "PL4 8AA", "OX4 1YH", "N16 0LN", "DN35 8RE", "AB24 3QX"]


def uk_postcode():
    if rng.random() < 0.5:
        return rng.choice(UK_POSTCODES)
    area = rng.choice(["M", "LS", "CF", "B", "EH", "BS", "NE", "SW", "E", "G", "NG", "L", "BT", "SE", "CV",
                       "PL", "OX", "N", "DN", "AB", "S", "LE", "BN", "HU", "PO", "W", "NW", "KY", "SA", "WV"])
    district = str(rng.randint(1, 28 if len(area) == 2 else 20))
    inward = str(rng.randint(0, 9)) + "".join(rng.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2))
    return area + district + " " + inward


def r_zip(ctx):
    if ctx.uk:
        pc = uk_postcode()
        if ctx.live:
            out, inn = pc.split()
            letters = re.match(r"[A-Z]+", out).group(0)
            digits = out[len(letters):]
            dw = int_words(int(digits)) if rng.random() < 0.5 else digit_words(digits, zero="oh", runs=False)
            return "%s %s %s %s" % (" ".join(letters.lower()), dw, ONES[int(inn[0])], " ".join(inn[1:].lower())), True
        return (pc if rng.random() < 0.8 else pc.replace(" ", "")), False
    z = "%05d" % rng.randint(1001, 99950)
    plus4 = rng.random() < 0.2
    ext = "%04d" % rng.randint(1, 9999)
    if ctx.live:
        w = digit_words(z, zero="oh", runs=False)
        if plus4:
            w += " dash " + digit_words(ext, runs=False)
        return w, True
    return z + ("-" + ext if plus4 else ""), False


def r_ip(ctx, v6=False):
    if v6 and not ctx.live:
        groups = ["%x" % rng.randint(0, 0xffff) for _ in range(8)]
        groups[0] = rng.choice(["2001", "2a02", "2600", "2a00", "fe80", "2607"])
        if groups[0] == "fe80":
            return "fe80::" + ":".join(groups[4:]), False
        f = rng.choice(["full", "compress", "compress"])
        if f == "full":
            return ":".join(groups), False
        return ":".join(groups[:3]) + "::" + ":".join(groups[6:]), False
    first = rng.choice([82, 86, 92, 109, 151, 176, 185, 203, 24, 73, 98, 107, 172, 192, 10, 66])
    octs = [first] + [rng.randint(0, 255) for _ in range(3)]
    if first == 192:
        octs[1] = 168
    if ctx.live:
        ws = []
        for o in octs:
            s = str(o)
            ws.append(digit_words(s, runs=False) if rng.random() < 0.5 or len(s) == 1 else (int_words(o) if o < 100 else pair_words(s)))
        return " dot ".join(ws), True
    return ".".join(map(str, octs)), False


def r_dl(ctx):
    st = rng.choice(["CA", "TX", "FL", "NY", "IL", "PA", "WA"])
    if st == "CA":
        v = chr(rng.randint(65, 90)) + "%07d" % rng.randint(0, 9999999)
    elif st == "TX":
        v = "%08d" % rng.randint(10000000, 49999999)
    elif st == "FL":
        d = "%012d" % rng.randint(0, 10 ** 12 - 1)
        v = chr(rng.randint(65, 90)) + d
        if not ctx.live and rng.random() < 0.6:
            v = "%s%s-%s-%s-%s-%s" % (v[0], d[:3], d[3:6], d[6:8], d[8:11], d[11])
    elif st == "NY":
        v = "%09d" % rng.randint(100000000, 999999999)
        if not ctx.live and rng.random() < 0.5:
            v = v[:3] + " " + v[3:6] + " " + v[6:]
    elif st == "IL":
        d = "%011d" % rng.randint(0, 10 ** 11 - 1)
        v = chr(rng.randint(65, 90)) + d
        if not ctx.live and rng.random() < 0.6:
            v = "%s%s-%s-%s" % (v[0], d[:3], d[3:7], d[7:])
    elif st == "PA":
        v = "%08d" % rng.randint(10000000, 99999999)
    else:
        v = "WDL" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(9))
    if ctx.live:
        return digit_words(v.replace("-", "").replace(" ", "")), True
    return v, False


def r_passport(ctx):
    v = "%09d" % rng.randint(100000000, 999999999) if rng.random() < 0.6 else \
        chr(rng.choice([65, 67, 69, 70, 72, 75, 77, 78, 80, 82, 83, 90])) + "%08d" % rng.randint(0, 99999999)
    if ctx.live:
        return digit_words(v), True
    return v, False


def r_mrn(ctx):
    k = rng.choice(["digits", "digits", "prefixed"])
    n = "%0*d" % (rng.choice([7, 8, 9]), rng.randint(100000, 99999999))
    if k == "prefixed" and not ctx.live:
        return rng.choice(["MR", "H", "RX", "K"]) + n, False
    if ctx.live:
        return digit_words(n), True
    return n, False


def r_nhs(ctx):
    n = nhs_number()
    if ctx.live:
        return " ".join(digit_words(p) for p in (n[:3], n[3:6], n[6:])), True
    return (n[:3] + " " + n[3:6] + " " + n[6:]) if rng.random() < 0.7 else n, False


def person(ctx, key):
    if key not in ctx.people:
        ctx.people[key] = (rng.choice(FIRST), rng.choice(SURNAMES))
    return ctx.people[key]


def name_surface(ctx, s):
    return (asr_name(s), True) if ctx.live else (s, False)


# ----------------------------------------------------------------------------------------------
# negative fillers (return plain text, never PII)
def n_money(ctx):
    if ctx.live:
        amt = rng.randint(3, 2400)
        cents = rng.choice([0, 0, 50, 17, 99, 25, 40])
        cur = "pounds" if ctx.uk else "dollars"
        s = int_words(amt, ctx.uk) + " " + cur
        if cents:
            s += (" " + int_words(cents)) if rng.random() < 0.5 else (" and " + int_words(cents) + (" pence" if ctx.uk else " cents"))
        return s
    sym = "£" if ctx.uk else "$"
    return sym + "{:,}".format(rng.randint(3, 4800)) + rng.choice(["", ".00", ".50", ".17", ".99", ".42"])


def n_time(ctx):
    h = rng.randint(1, 12)
    m = rng.choice([0, 15, 30, 45, 10, 20])
    if ctx.live:
        return rng.choice([int_words(h) + " " + (int_words(m) if m else "o'clock"),
                           "half past " + int_words(h), "quarter to " + int_words(h),
                           int_words(h) + " " + ("oh " + ONES[m] if m < 10 and m else int_words(m) if m else "") + " " + rng.choice(["am", "pm", "in the morning"])]).replace("  ", " ").strip()
    return "%d:%02d%s" % (h, m, rng.choice(["", " am", " pm", "pm", " AM"]))


def n_appt(ctx):
    day = rng.choice(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"])
    d = rng.randint(1, 28)
    m = MONTHS[rng.randint(0, 11)]
    if ctx.live:
        return rng.choice(["%s the %s" % (day, ord_words(d)), "the %s of %s" % (ord_words(d), m),
                           "%s %s" % (m, ord_words(d)), "next %s" % day])
    return rng.choice(["%s %d %s" % (day.capitalize(), d, m.capitalize()), "%s %d" % (m.capitalize(), d),
                       "%s the %d%s" % (day.capitalize(), d, "th" if d > 3 and d < 21 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")),
                       "%02d/%02d" % (d, rng.randint(1, 12))])


def n_year(ctx):
    y = rng.randint(1995, 2026)
    return year_words(y, ctx.uk) if ctx.live else str(y)


def n_qty(ctx):
    q = rng.randint(2, 250)
    unit = rng.choice(["boxes", "bags", "crates", "pallets", "packs", "sacks"])
    return (int_words(q, ctx.uk) if ctx.live else str(q)) + " " + unit


def n_ref(ctx):
    lab = rng.choice(["order", "ticket", "case", "reference", "claim", "job", "complaint", "booking", "incident"])
    n = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(rng.randint(4, 9)))
    if ctx.live:
        return lab + " number " + digit_words(n)
    pre = rng.choice(["", "", "#", "CAS-", "REF ", "INC", "CLM-", "ORD-", "TKT "])
    return lab + " " + pre + n


def n_meter(ctx):
    n = "%05d" % rng.randint(0, 99999)
    if ctx.live:
        return rng.choice([digit_words(n), pair_words(n[1:]) if n[1] != "0" else digit_words(n)])
    return n if rng.random() < 0.5 else "{:,}".format(int(n))


def n_kwh(ctx):
    k = rng.randint(40, 9800)
    if ctx.live:
        return int_words(k, ctx.uk) + " kilowatt hours"
    return rng.choice(["{:,} kWh".format(k), "%dkWh" % k, "%d units" % k])


def n_pct(ctx):
    p = rng.randint(2, 35)
    return (int_words(p) + " percent") if ctx.live else ("%d%%" % p if rng.random() < 0.7 else "%d.%d%%" % (p, rng.randint(1, 9)))


def n_dose(ctx):
    mg = rng.choice([5, 10, 20, 25, 40, 50, 75, 100, 200, 250, 400, 500, 1000])
    if ctx.live:
        return int_words(mg) + " milligrams"
    return rng.choice(["%dmg" % mg, "%d mg" % mg, "%d mcg" % mg])


def n_version(ctx):
    a, b, c = rng.randint(1, 14), rng.randint(0, 20), rng.randint(0, 60)
    if ctx.live:
        return "version " + int_words(a) + " point " + int_words(b) + " point " + int_words(c)
    return rng.choice(["v%d.%d.%d" % (a, b, c), "version %d.%d" % (a, b), "build %d" % rng.randint(1000, 99999),
                       "firmware %d.%d.%d" % (a, b, c)])


def n_flight(ctx):
    al = rng.choice(["BA", "UA", "AA", "DL", "EI", "FR", "U2", "VS", "LH"])
    n = rng.randint(10, 2999)
    if ctx.live:
        return " ".join(al.lower()) + " " + (int_words(n) if n < 100 else pair_words(str(n)))
    return al + (" " if rng.random() < 0.5 else "") + str(n)


def n_guid(ctx):
    return "%08x-%04x" % (rng.randint(0, 16 ** 8 - 1), rng.randint(0, 16 ** 4 - 1)) if rng.random() < 0.6 else \
        "%04x-%04x-%012x" % (rng.randint(0, 16 ** 4 - 1), rng.randint(0, 16 ** 4 - 1), rng.randint(0, 16 ** 12 - 1))


def n_place(ctx):
    if ctx.uk:
        return rng.choice(["Leeds city centre", "Victoria Station", "Canary Wharf", "the Bullring", "Cardiff Bay",
                           "Salford Quays", "Hackney", "Paisley", "the Royal Infirmary", "St James's Park",
                           "Milton Keynes", "Swansea", "Kingston upon Hull"])
    return rng.choice(["downtown Phoenix", "the Bronx", "Union Station", "Harris County", "the Loop",
                       "Silver Spring", "Jacksonville", "Bakersfield", "the Mission district", "Queens",
                       "Grand Rapids", "Tulsa", "Dayton"])


def n_tariff(ctx):
    if ctx.live:
        return rng.choice(["economy seven", "the fixed twenty four tariff", "tariff code e ten", "the eco seven tariff", "band d"])
    return rng.choice(["E7", "tariff code ECO-7", "Fix24 v3", "tariff T24", "Band D", "rate code R1", "TOU-D-4-9PM", "E10"])


def n_num(ctx):
    n = rng.randint(2, 60)
    return int_words(n) if ctx.live else str(n)


def n_dur(ctx):
    n = rng.randint(2, 11)
    unit = rng.choice(["days", "weeks", "months", "hours"])
    if rng.random() < 0.25:
        return rng.choice(["about a month", "a fortnight", "nearly a year", "a couple of weeks"]) if ctx.live else \
            rng.choice(["about a month", "a fortnight", "nearly a year", "a couple of weeks"])
    return (int_words(n) if ctx.live else (str(n) if rng.random() < 0.5 else int_words(n))) + " " + unit


def n_pills(ctx):
    n = rng.choice([7, 14, 28, 30, 56, 60, 84, 90])
    unit = rng.choice(["tablets", "capsules", "sachets", "patches"])
    return (int_words(n) if ctx.live else str(n)) + " " + unit


NEG_FILL = {"dur": n_dur, "pills": n_pills, "money": n_money, "time": n_time, "appt": n_appt, "year": n_year, "qty": n_qty,
            "ref": n_ref, "meter": n_meter, "kwh": n_kwh, "pct": n_pct, "dose": n_dose,
            "version": n_version, "flight": n_flight, "guid": n_guid, "place": n_place,
            "tariff": n_tariff, "num": n_num}


# ----------------------------------------------------------------------------------------------
# placeholder filling
PH = re.compile(r"\{([A-Za-z_]+)(\d?)\}")


def fill(template, ctx):
    text = ""
    ents = []
    pos = 0
    for m in PH.finditer(template):
        text += template[pos:m.start()]
        pos = m.end()
        key, idx = m.group(1), m.group(2) or "0"
        etype = None
        spoken = False
        if key in NEG_FILL:
            val = NEG_FILL[key](ctx)
            if ctx.live:
                val = strip_accents(val).lower().replace("'s", "s")
        elif key in ("FULL", "FIRST", "SUR", "TSUR"):
            f, s = person(ctx, idx)
            if key == "FULL":
                val, spoken = name_surface(ctx, f + " " + s)
            elif key == "FIRST":
                val, spoken = name_surface(ctx, f)
            elif key == "SUR":
                val, spoken = name_surface(ctx, s)
            else:
                title = rng.choice(TITLES_ASR if ctx.live else TITLES_W)
                text += title + " "
                val, spoken = name_surface(ctx, s)
            etype = "PERSON"
        elif key == "PHONE":
            val, spoken = r_phone(ctx); etype = "PHONE_NUMBER"
        elif key == "PHONEUS":
            val, spoken = r_phone(ctx, "nanp"); etype = "PHONE_NUMBER"
        elif key == "PHONEINTL":
            val, spoken = r_phone(ctx, "intl"); etype = "PHONE_NUMBER"
        elif key == "EMAIL":
            p = ctx.people.get(idx) if idx != "0" else None
            val, spoken = r_email(ctx, p); etype = "EMAIL_ADDRESS"
        elif key == "SSN":
            val, spoken = r_ssn(ctx); etype = "US_SSN"
        elif key == "CARD":
            val, spoken = r_card(ctx); etype = "CREDIT_CARD"
        elif key == "IBAN":
            val, spoken = r_iban(ctx); etype = "IBAN_CODE"
        elif key == "ABA":
            val, spoken = r_aba(ctx); etype = "ABA_ROUTING_NUMBER"
        elif key == "BANK":
            val, spoken = r_bank(ctx); etype = "US_BANK_NUMBER"
        elif key == "ACCT":
            val, spoken = r_acct(ctx); etype = "ACCOUNT_NUMBER"
        elif key == "DOB":
            val, spoken = r_dob(ctx); etype = "DATE_OF_BIRTH"
        elif key == "KIDDOB":
            val, spoken = r_dob(ctx, child=True); etype = "DATE_OF_BIRTH"
        elif key == "ADDR":
            val, spoken = r_addr(ctx); etype = "STREET_ADDRESS"
        elif key == "ZIP":
            val, spoken = r_zip(ctx); etype = "ZIP_CODE"
        elif key == "IP":
            val, spoken = r_ip(ctx); etype = "IP_ADDRESS"
        elif key == "IPSIX":
            val, spoken = r_ip(ctx, v6=True); etype = "IP_ADDRESS"
        elif key == "DL":
            val, spoken = r_dl(ctx); etype = "US_DRIVER_LICENSE"
        elif key == "PASSPORT":
            val, spoken = r_passport(ctx); etype = "US_PASSPORT"
        elif key == "NHS":
            val, spoken = r_nhs(ctx); etype = "MEDICAL_RECORD_NUMBER"
        elif key == "MRN":
            val, spoken = r_mrn(ctx); etype = "MEDICAL_RECORD_NUMBER"
        else:
            raise KeyError(key)
        start = len(text)
        text += val
        if etype:
            ents.append({"type": etype, "start": start, "end": len(text), "text": val, "spoken": spoken})
    text += template[pos:]
    for e in ents:
        assert text[e["start"]:e["end"]] == e["text"], (text, e)
    return text, ents


# ----------------------------------------------------------------------------------------------
# templates.  prefix "US|" or "UK|" fixes the caller's locale; otherwise the slot's locale is used.
# live = lower-case ASR without punctuation; whisper = Whisper-style ASR; typed = agent notes / chat
T = {}

T["utility"] = {
    ("live", False): [
        "my static ip is {IP} if that helps the engineer",
        "if i don't pick up try my landline {PHONE}",
        "it's {FIRST1} on {PHONE} can someone ring me when the water's back",
        "UK|the iban for the refund is {IBAN}",
        "the modem screen says {IP}",
        "pay it with my card {CARD} please",
        "US|they need my social for the credit check it's {SSN}",
        "hi yeah my name is {FULL1} i'm calling about my water bill the account number is {ACCT}",
        "hello it's {FIRST1} i moved into {ADDR} last week and need to set up the gas in my name",
        "yeah the best number to get me on is {PHONE} that's my mobile",
        "uh this is {FULL1} the power's been off since this morning at {ADDR}",
        "UK|the postcode is {ZIP} and the house is {ADDR}",
        "US|zip code is {ZIP} it's {ADDR} apartment on the second floor",
        "my customer account number is {ACCT} and it's under my husband's name {FULL2}",
        "can you email the bill to {EMAIL} please",
        "the router shows the ip as {IP} is that right",
        "i'm {FIRST1} and the engineer {FIRST2} said he'd ring me back but never did",
        "put me through to {FULL2} please she was handling my complaint",
        "it's my mum {FULL2} who's the account holder she's ninety and can't use the phone",
        "for the direct debit the card is {CARD}",
        "ok so call me back on {PHONE} and ask for {FIRST1}",
    ],
    ("whisper", False): [
        "Best number is {PHONE}. Thanks, bye.",
        "My card is {CARD}, the long number.",
        "The refund should go to {IBAN}.",
        "Hi, my name is {FULL1}. My account number is {ACCT} and I've got no hot water.",
        "Yeah, it's {FIRST1}. You can reach me on {PHONE}, any time after five.",
        "The address is {ADDR}, postcode {ZIP}. The meter's in the cellar.",
        "US|I'm at {ADDR}, ZIP {ZIP}. The whole street lost power.",
        "Could you send the confirmation to {EMAIL}? Thanks.",
        "My public IP keeps changing, right now it's {IP}.",
        "Speaking to {FULL2} earlier, she said the refund was approved.",
    ],
    ("typed", False): [
        "Payment card {CARD} declined, customer {FULL1}.",
        "US|Credit check for new connection: SSN {SSN}.",
        "Cust {FULL1} reports no supply at {ADDR}. CB {PHONE}.",
        "Acct {ACCT} - name on account changed to {FULL1} from {FULL2}.",
        "Chat: hi im {FIRST1}, my broadband keeps dropping. WAN IP {IP}, IPv6 {IPSIX}",
        "Home move: new address {ADDR}, {ZIP}. Contact email {EMAIL}.",
        "Vulnerable customer flag added for {FULL1} (medical equipment). Daughter {FIRST2} to be contacted on {PHONE}.",
        "Refund to IBAN {IBAN} agreed. - {FIRST2}",
        "Spoke w/ {FULL2} at the depot re burst main on {ADDR}.",
    ],
    ("live", True): [
        "my meter reading is {meter} and the other one is {meter}",
        "the bill went up to {money} a month which is crazy",
        "we used {kwh} last quarter apparently",
        "is that on {tariff} or the standard rate",
        "the engineer's booked for {appt} between {time} and {time}",
        "i will pay the bill when i get paid in may",
        "the price rose again by {pct} since {year}",
        "it's been sunny all week and we're still using loads of water",
        "the page won't load when i try to pay online",
        "i've got {ref} from last time",
    ],
    ("whisper", True): [
        "We're a family of {num}, so {kwh} seems way too much.",
        "The meter reads {meter}, and the night one is {meter}.",
        "It says {kwh} for March, that can't be right.",
        "Your bill of {money} is due on {appt}.",
        "Okay, I'll hold. I hope it's not too long.",
        "My router's on {version} and it still drops every {num} minutes.",
    ],
    ("typed", True): [
        "Outage in {place} affecting {num}00 homes, ETR {time}.",
        "Reading {meter} submitted {appt}; est. usage {kwh}.",
        "Customer moved to {tariff} at {pct} discount. {ref}.",
        "Router fw {version} known issue, log id {guid}.",
        "Chat: thanks for your help, have a good weekend!",
    ],
}

T["bank"] = {
    ("live", False): [
        "my new number is {PHONE} can you update it",
        "US|the routing number on the cheque is {ABA}",
        "US|social security {SSN} and my zip is {ZIP}",
        "the card number is {CARD} and no i won't give you the pin",
        "US|someone logged in from {IP} that wasn't me",
        "the account abroad is {IBAN}",
        "hi my name's {FULL1} and someone's taken money off my card the number is {CARD}",
        "US|my social is {SSN} and my date of birth is {DOB}",
        "US|the routing number is {ABA} and the account is {BANK}",
        "UK|i need to send it to this iban {IBAN} it's my sister's account in europe",
        "yeah date of birth {DOB} and the postcode is {ZIP}",
        "it's {FULL1} and my card's been blocked again",
        "UK|the i ban is {IBAN} did you get that",
        "US|checking account number {BANK} routing {ABA}",
        "my mobile is {PHONE} you can text the code there",
        "the card ending is on the app but the full number is {CARD}",
        "my wife {FIRST2} is a joint holder on the account",
        "my email's {EMAIL} i never got the statement",
        "this is {FULL1} speaking i'm calling from abroad on {PHONEINTL}",
        "i was born on {DOB} if that helps",
    ],
    ("whisper", False): [
        "It says the login came from {IP}, which isn't me.",
        "The card is {CARD}.",
        "Send it to {IBAN}, please.",
        "US|My SSN is {SSN}, and my passport number is {PASSPORT}.",
        "Hi, it's {FULL1}. My card number is {CARD}, expiry next year.",
        "US|My Social Security number is {SSN}.",
        "UK|The IBAN is {IBAN}, the name is {FULL2}.",
        "US|Routing number {ABA}, account number {BANK}.",
        "My date of birth is {DOB} and my number is {PHONE}.",
        "I'm calling on behalf of my father, {FULL2}. He's in hospital.",
        "Yes, the address on file is {ADDR}.",
    ],
    ("typed", False): [
        "US|DD setup: routing {ABA}, acct {BANK}, tel {PHONE}.",
        "Card {CARD} reported lost by {FULL1}.",
        "Beneficiary IBAN {IBAN}, ref rent.",
        "Fraud claim: {FULL1}, card {CARD}, DOB {DOB}.",
        "US|KYC verified: SSN {SSN}, DL {DL}, passport {PASSPORT}.",
        "SEPA transfer to {IBAN} (beneficiary {FULL2}) held for review.",
        "US|Wire details: ABA {ABA} / acct {BANK}. Confirmed w/ customer by phone {PHONE}.",
        "Chat: Hi, this is {FIRST1}, I can't log in. My email is {EMAIL}",
        "Login from new device, IP {IP}. Customer {FULL1} confirmed it was her.",
        "Replacement card to be sent to {ADDR}, {ZIP}. Agent: {FIRST2}",
    ],
    ("live", True): [
        "i was charged {money} twice yesterday",
        "the transfer was for {money} on {appt}",
        "my mortgage rate is {pct} fixed until {year}",
        "can you mark it as not fraud please",
        "i'll pop into the branch near {place} at {time}",
        "the app says version {num} needs an update",
        "i've got the {ref} on the letter",
        "my bill payment to the council went out {num} days late",
    ],
    ("whisper", True): [
        "I was charged {money} on {appt}, but I cancelled that.",
        "The interest is {pct}? That seems high.",
        "Can you chase that up for me? It's been {dur}.",
        "I've got {ref} from the last call.",
        "Thanks, that's all. Have a nice day.",
    ],
    ("typed", True): [
        "Chat: can I order {qty} of paying-in slips?",
        "Disputed txn {money} on {appt}, {ref}.",
        "APR changed to {pct} effective {year}.",
        "App {version} crash, trace {guid}.",
        "Customer visiting branch at {place}.",
        "Callback scheduled {appt} {time}.",
    ],
}

T["clinic"] = {
    ("live", False): [
        "ring me on {PHONE} when the results are back",
        "US|the chart number is {MRN} for {FULL1}",
        "US|my social is {SSN} and the card for the copay is {CARD}",
        "can i pay for the prescription with {CARD}",
        "hi this is {FULL1} i'm calling about my prescription date of birth {DOB}",
        "my medical record number is {MRN}",
        "i'm calling for my son {FIRST2} he's got a temperature",
        "UK|my nhs number is {NHS} and i'm registered with doctor {SUR2}",
        "can i speak to nurse {SUR2} please",
        "it's {FIRST1} i had bloods done with {TSUR2} last week",
        "i live at {ADDR} can the pharmacy deliver",
        "you can call me back on {PHONE} i'm at work till five",
        "the hospital number is {MRN} and the name is {FULL1}",
        "my daughter's name is {FULL2} she was born {KIDDOB}",
        "dr {SUR2} told me to ring if the rash came back",
        "my email is {EMAIL} for the appointment letter",
        "yeah it's {FULL1} {FIRST1} is fine",
        "US|my insurance needs my social which is {SSN}",
    ],
    ("whisper", False): [
        "Can the pharmacist call me on {PHONE}?",
        "US|My Social Security number is {SSN}.",
        "Hi, I'm {FULL1}, date of birth {DOB}. I need a repeat prescription.",
        "My MRN is {MRN}.",
        "I'd like to book my son, {FULL2}, in with {TSUR3}.",
        "UK|My NHS number is {NHS}.",
        "The callback number is {PHONE}, ask for {FIRST1}.",
        "Yes, I live at {ADDR}, {ZIP}.",
        "My husband {FIRST2} takes the same medication.",
    ],
    ("typed", False): [
        "US|Billing: SSN {SSN}, card on file {CARD}.",
        "Portal access from {IPSIX} for pt {FULL1}.",
        "Pt {FULL1}, DOB {DOB}, MRN {MRN}. Requests refill.",
        "UK|NHS no. {NHS}, pt {FULL1}, tel {PHONE}.",
        "Rx ready for collection - {FULL1}, tel {PHONE}.",
        "Referral to Dr {SUR2} (cardiology). Pt contact: {EMAIL}",
        "Chat: hello its {FIRST1}, can i change my appointment? my DOB is {DOB}",
        "Home visit: {ADDR}, {ZIP}. Carer {FULL2} present.",
        "US|Patient ID verified w/ DL {DL}. MRN {MRN}.",
        "Note: results discussed w/ pt. - Dr {SUR3}",
    ],
    ("live", True): [
        "i take {dose} twice a day",
        "the appointment is {appt} at {time}",
        "i've been waiting {dur} for the results",
        "she's on {dose} of amoxicillin for {dur}",
        "i hope the pharmacy has it in stock",
        "my blood pressure was a hundred and forty over ninety",
        "the clinic near {place} said they're full",
        "by the grace of god the swelling has gone down",
        "can i get {pills} instead of a month's supply",
    ],
    ("whisper", True): [
        "Can I collect {pills} on {appt}? I'm going away.",
        "I take {dose} in the morning and {dose} at night.",
        "The appointment is on {appt} at {time}.",
        "My temperature was 38.5 this morning.",
        "Okay, so {pills}, then come back if it hasn't cleared.",
        "Is the walk-in centre at {place} open on Sundays?",
    ],
    ("typed", True): [
        "Dispensed {pills}, {dose} OD.",
        "Appt moved to {appt} {time}. {ref}.",
        "BP 138/86, HR 72, SpO2 97%, wt loss {pct} since {appt}.",
        "EMIS {version} error, id {guid}.",
        "Flu clinic at {place} {appt}.",
    ],
}

T["helpline"] = {
    ("live", False): [
        "if it cuts off my number is {PHONE}",
        "my auntie {FULL2} lives at {ADDR} can i go there",
        "my mum's email is {EMAIL}",
        "my name is {FIRST1} and i'm twelve",
        "my stepdad {FIRST2} hits me when he's drunk",
        "i told my teacher mrs {SUR2} but she didn't do anything",
        "{FIRST2} told me not to tell anyone",
        "i'm {FIRST1} i live at {ADDR} with my nan",
        "can you tell {FIRST2} i'm okay",
        "my best friend {FULL2} is being bullied on snapchat",
        "my caseworker {FULL2} said i could ring you",
        "i was born on {KIDDOB}",
        "call me {FIRST1} not my real name",
        "my mum's number is {PHONE} but don't ring her",
        "my neighbour {FULL2} lets me stay there sometimes",
        "it's {FIRST1} again i spoke to {FIRST3} last night",
        "there's a boy called {FIRST2} who keeps messaging me",
    ],
    ("whisper", False): [
        "You can text me on {PHONE}, but only after school.",
        "Hi, um, my name's {FIRST1}. I'm fifteen.",
        "My brother {FIRST2} keeps hitting me and Mum doesn't believe me.",
        "Can I talk to {FIRST3} again? She helped me last time.",
        "I'm scared of {FULL2}, he's my mum's boyfriend.",
        "My school counsellor, {TSUR2}, gave me this number.",
        "If you need to, my foster carer's number is {PHONE}.",
        "I'm staying at {ADDR} right now.",
    ],
    ("typed", False): [
        "Chat session IP {IP} logged for safeguarding escalation.",
        "Chat: hi im {FIRST1} and my dad {FIRST2} wont let me out of the house",
        "Child disclosed physical abuse by uncle ({FULL2}). Address given: {ADDR}.",
        "Safeguarding referral made to {FULL3}, social care. Child: {FULL1}, DOB {KIDDOB}.",
        "Chat: my email is {EMAIL} can u send me the link",
        "Caller {FIRST1} (14) reports bullying by {FIRST2} and {FIRST3} at school.",
        "Counsellor notes - caller anxious, agreed to talk to teacher. - {FIRST3}",
        "Chat: pls dont tell {FIRST2} i messaged",
    ],
    ("live", True): [
        "i just feel really sad all the time",
        "i don't know what to say sorry",
        "it started about {dur} ago",
        "i have faith it'll get better but it's hard",
        "we moved here in {year} and i don't have any friends",
        "my exams start {appt}",
        "i can only talk till {time} before everyone gets home",
        "i will try to talk to someone at school",
        "is this call free",
    ],
    ("whisper", True): [
        "I don't really know why I called.",
        "It's been like this for {dur}.",
        "I'll try. I hope it works.",
        "Can I call back after {time}?",
        "We play football on Saturdays near {place}.",
    ],
    ("typed", True): [
        "Chat: hi is anyone there",
        "Chat ended by user after {num} min.",
        "Caller disconnected. Duration {num} min.",
        "Chat: thank u so much for listening",
        "Silent call, {time}.",
    ],
}

T["gov"] = {
    ("live", False): [
        "the error page shows my ip address as {IP}",
        "my mobile is {PHONE} and my landline is {PHONE}",
        "US|my passport is {PASSPORT} and my social is {SSN}",
        "pay the refund into {IBAN}",
        "i can pay with my card {CARD}",
        "UK|my council tax account number is {ACCT} and i'm at {ADDR}",
        "hi my name is {FULL1} i'm calling about my housing benefit",
        "the property is {ADDR} and the postcode is {ZIP}",
        "US|my social security number is {SSN}",
        "US|for the permit they asked for my driver's license which is {DL}",
        "UK|i emailed councillor {SUR2} about the bins twice",
        "yeah put me through to {FULL2} in housing please",
        "my caseworker is {FIRST2} she said it'd be sorted",
        "my landlord {FULL2} won't fix the damp",
        "my date of birth is {DOB}",
        "you can reach me on {PHONE} in the afternoons",
        "it's {FIRST1} speaking my email is {EMAIL}",
        "US|my passport number is {PASSPORT} for the id check",
        "ask for {FIRST1} when you ring back",
    ],
    ("whisper", False): [
        "US|My passport number is {PASSPORT}.",
        "The card number is {CARD}.",
        "My name is {FULL1}, I live at {ADDR}.",
        "UK|Council tax account {ACCT}, the postcode's {ZIP}.",
        "US|My Social is {SSN} and my date of birth is {DOB}.",
        "US|Driver's license number {DL}, issued last year.",
        "Could you put me through to {FULL2}? She's dealing with my claim.",
        "The email on my account is {EMAIL}.",
        "My neighbour, {FULL2}, has been dumping rubbish in the alley.",
    ],
    ("typed", False): [
        "Benefit claimant {FULL1}, DOB {DOB}, mobile {PHONE}.",
        "Portal user {FULL1} login from {IPSIX}.",
        "Housing repair: {ADDR}, {ZIP}. Tenant {FULL1}, tel {PHONE}.",
        "UK|CTAX acct {ACCT} - single person discount for {FULL1}.",
        "US|Permit applicant {FULL1}, DL {DL}, DOB {DOB}.",
        "US|Benefits ID check: SSN {SSN}, passport {PASSPORT}.",
        "Portal login from {IP} flagged. User {EMAIL}.",
        "Complaint escalated to Councillor {SUR2}. Resident {FULL1}.",
        "Refund of overpayment to {IBAN}.",
    ],
    ("live", True): [
        "there are {qty} of rubbish outside number {num} and it's been there ages",
        "my council tax went up to {money} a month",
        "the bins haven't been collected for {dur}",
        "is the office near {place} open on {appt}",
        "i'm in band d i think",
        "i'll bring the documents at {time}",
        "i've had {ref} for {dur} and no one's called",
        "the rent rose by {pct} this year",
        "it's about the parking permit for may",
        "i'm calling about the bill page on your website it's broken",
    ],
    ("whisper", True): [
        "My council tax is {money} a month, I'm in Band C.",
        "I applied in {year} and I'm still waiting.",
        "The bin collection is on {appt}, right?",
        "I'm not sure the form is on the right page.",
        "The road by {place} has potholes everywhere.",
    ],
    ("typed", True): [
        "Permit renewal {ref}, fee {money}.",
        "Missed collection reported {appt}. {ref}.",
        "Portal {version} outage, trace {guid}.",
        "Rent increase {pct} from April {year}.",
        "Drop-in session at {place}, {time}.",
    ],
}

T["insurance"] = {
    ("live", False): [
        "my number is {PHONE} i'm usually free after six",
        "US|my social security number is {SSN}",
        "put the excess on {CARD}",
        "the bank account is {IBAN} in my name",
        "hi i'm {FULL1} i want to make a claim my car was hit outside {ADDR}",
        "the other driver was {FULL2} and her number is {PHONE}",
        "US|my driver's license number is {DL}",
        "the garage is on {ADDR} and the postcode is {ZIP}",
        "my date of birth is {DOB} and my wife {FIRST2} is a named driver",
        "this is {FIRST1} calling back about the flood damage",
        "i spoke to {FIRST3} yesterday and she said you'd send an assessor",
        "you can pay the settlement to {IBAN}",
        "US|pay it to routing {ABA} account {BANK}",
        "my email is {EMAIL} send the forms there",
        "officer {SUR3} took the police report",
        "the card for the excess is {CARD}",
        "it's {FULL1} my customer number is {ACCT}",
        "my son {FIRST2} was driving at the time",
    ],
    ("whisper", False): [
        "US|Routing {ABA}, checking account {BANK}.",
        "US|My SSN is {SSN}.",
        "Hi, my name is {FULL1}. I'd like to report a burglary at {ADDR}.",
        "The other driver's name is {FULL2}, phone {PHONE}.",
        "US|My license is {DL}, and my date of birth is {DOB}.",
        "Officer {SUR3} attended, I think.",
        "Please pay it into {IBAN}.",
        "My email is {EMAIL}, and my mobile is {PHONE}.",
        "My customer number is {ACCT}.",
    ],
    ("typed", False): [
        "Witness: {FULL2}, tel {PHONE}.",
        "US|Claimant {FULL1}, SSN {SSN}, passport {PASSPORT}.",
        "Online claim submitted from {IP}.",
        "FNOL: PH {FULL1}, DOB {DOB}, loss address {ADDR}, {ZIP}.",
        "TP details: {FULL2}, {PHONE}, {EMAIL}.",
        "US|Driver verified, DL {DL}. Payee ABA {ABA} acct {BANK}.",
        "Settlement payment to {IBAN} approved by {FULL3}.",
        "Chat: hi its {FIRST1}, any update on my claim? my number changed to {PHONE}",
        "Loss adjuster {FULL3} to visit {appt}.",
        "Customer {FULL1} called, cust no {ACCT}.",
    ],
    ("live", True): [
        "we lost {qty} of stock in the flood",
        "the excess is {money} isn't it",
        "the repair quote came to {money}",
        "it happened on {appt} at about {time}",
        "my {ref} is on the email",
        "the hail damage was pretty bad in {place}",
        "the premium rose by {pct} for no reason",
        "i don't want to chase this every week",
        "the car is a {year} ford focus",
        "the hunter boots and the rose bushes were ruined in the flood",
    ],
    ("whisper", True): [
        "The excess is {money}, and the repair is about {money}.",
        "It happened on {appt} around {time}.",
        "My flight {flight} was cancelled, can I claim for that?",
        "Okay, I'll wait for the assessor then.",
        "It's a {year} Honda with about {num},000 miles.",
    ],
    ("typed", True): [
        "Claim {ref}: reserve {money}.",
        "Travel claim: flight {flight} delayed {num}h.",
        "Premium +{pct} at renewal {appt}.",
        "Doc upload failed, ref {guid}.",
        "Hail event {place}, {num} claims logged.",
    ],
}

# generic pools shared by all domains
GENERIC = {
    ("live", False): [
        "sorry my name is {FULL1} i should have said",
        "yeah hi {FIRST1} here",
        "it's {FULL1} spelt the normal way",
        "can you put me through to {FULL2}",
        "my number's {PHONE}",
        "ring me on {PHONE} or {PHONE}",
        "hang on {FIRST2} what's our postcode",
    ],
    ("whisper", False): [
        "Hello, {FULL1} speaking.",
        "It's {FIRST1}. {FULL1}.",
        "Yeah, {FIRST2} said you'd call me back on {PHONE}.",
        "Hi, this is {FULL1}, I'm returning a missed call.",
    ],
    ("typed", False): [
        "Callback req: {FULL1} {PHONE}",
        "Chat: hi this is {FULL1} again",
        "Thanks, {FIRST1}",
        "Left VM for {TSUR1} on {PHONE}.",
    ],
    ("live", True): [
        "hello can you hear me",
        "sorry it's a bad line",
        "yes that's right",
        "hold on one second",
        "mark my words this is the last time i call",
        "i'll hope for the best then",
        "thanks for your help bye",
        "how long will it take",
        "do you need anything else from me",
        "i've been on hold for {num} minutes",
    ],
    ("whisper", True): [
        "Sorry, can you repeat that?",
        "Okay. Yeah, that makes sense.",
        "Is there anything else I need to do?",
        "Will that take long?",
        "I got off the train at Victoria Station and called straight away.",
    ],
    ("typed", True): [
        "Customer satisfied, no further action.",
        "Transferred to team.",
        "Agent note: caller will call back.",
        "Chat: ok thanks bye",
        "Chat: I'm on page 3 of the form, what next?",
    ],
}


DOMAINS = ["utility", "bank", "clinic", "helpline", "gov", "insurance"]
PLAN = {("live", False): 14, ("whisper", False): 7, ("typed", False): 7,
        ("live", True): 9, ("whisper", True): 5, ("typed", True): 5}


PH_KEY = re.compile(r"\{([A-Za-z_]+)\d?\}")
KEYTYPE = {"FULL": "PERSON", "FIRST": "PERSON", "SUR": "PERSON", "TSUR": "PERSON",
           "PHONEINTL": "PHONE", "NHS": "MRN", "KIDDOB": "DOB", "IPSIX": "IP"}
WEIGHT = {"PHONE": 3.0, "PERSON": 2.0, "EMAIL": 1.5, "SSN": 1.5, "CARD": 1.5, "IBAN": 1.5, "IP": 1.3}
RARE = re.compile(r"\{(SSN|CARD|IBAN|ABA|IP|IPSIX|PASSPORT|DL|BANK|MRN|EMAIL|ACCT|PHONE|PHONEINTL|DOB|KIDDOB|ADDR|ZIP)\d?\}")


def main():
    slots = []
    seen = collections.Counter()
    used_generic = set()
    for dom in DOMAINS:
        for (cls, neg), n in PLAN.items():
            pool = list(T[dom][(cls, neg)])
            gen = [g for g in GENERIC[(cls, neg)] if g not in used_generic]
            rng.shuffle(pool)
            rng.shuffle(gen)
            # domain templates first, then generic ones, cycling if needed
            k_gen = max(0, n - len(pool))
            k_gen = max(k_gen, min(len(gen), n // 6))
            chosen = gen[:k_gen]
            used_generic.update(chosen)
            for t in chosen:
                for k in PH_KEY.findall(t):
                    seen[KEYTYPE.get(k, k)] += 1
            while len(chosen) < n and pool:
                # greedy: prefer templates whose entity types are least covered so far
                best = max(pool, key=lambda t: sum(WEIGHT.get(KEYTYPE.get(k, k), 1.0) / (1 + seen[KEYTYPE.get(k, k)]) for k in PH_KEY.findall(t) if k.isupper()) + rng.random() * 0.05)
                pool.remove(best)
                chosen.append(best)
                for k in PH_KEY.findall(best):
                    seen[KEYTYPE.get(k, k)] += 1
            while len(chosen) < n:
                chosen.append(rng.choice(pool))
            for t in chosen:
                slots.append((dom, cls, neg, t))
    rng.shuffle(slots)
    rows = []
    loc_count = collections.Counter(US=0, UK=0)
    for i, (dom, cls, neg, t) in enumerate(slots):
        if t.startswith("US|") or t.startswith("UK|"):
            loc, t = t[:2], t[3:]
        else:
            loc = "UK" if loc_count["UK"] < loc_count["US"] else "US"
        loc_count[loc] += 1
        ctx = Ctx(cls, loc)
        text, ents = fill(t, ctx)
        if cls == "live":
            assert not re.search(r"[0-9A-Z]", text), text
            assert not re.search(r"[.,?!:;]", text.replace("o'clock", "")), text
        if neg:
            assert not ents
        else:
            assert ents, text
        for e in ents:
            assert text[e["start"]:e["end"]] == e["text"]
            assert e["text"] == e["text"].strip() and e["text"]
        rows.append({"id": "%s-%03d" % (SPLIT, i), "split": SPLIT, "domain": dom,
                     "style": "typed" if cls == "typed" else "asr", "text": text, "entities": ents,
                     "_locale": loc, "_render": cls})
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "blind13.jsonl")
    with open(out, "w", encoding="utf-8") as fh:
        for r in rows:
            r = {k: v for k, v in r.items() if not k.startswith("_")}
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return rows


if __name__ == "__main__":
    rows = main()
    from collections import Counter
    c = Counter(); sp = Counter()
    for r in rows:
        for e in r["entities"]:
            c[e["type"]] += 1
            sp[e["type"]] += e["spoken"]
    print(len(rows), "utterances;", sum(1 for r in rows if not r["entities"]), "negatives")
    print("locale", Counter(r["_locale"] for r in rows), "render", Counter(r["_render"] for r in rows))
    for k in sorted(c):
        print("%-24s %4d  spoken %d" % (k, c[k], sp[k]))
