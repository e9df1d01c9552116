#!/usr/bin/env python3
"""Fourth blind evaluation set for the privacy engine (issue 3).

Written without reading the engine or the other sets, so it measures the
engine on phrasing it has never seen: disfluent ASR text ("um", "my my name
is"), numbers split by filler words, names spelled letter by letter, typed
digits inside spoken text and terse agent notes. About 40 % of the utterances
carry no PII at all but are full of numbers and words that look like it.

Every checksum-bearing value is valid (SSN rules, Luhn, IBAN mod-97, ABA), so
a miss is the engine's fault and not the label's. Offsets are computed while
composing and checked against the inserted text before writing.

Usage: python3 blind4.py  (writes blind4.jsonl next to this file)
"""

import json
import os
import random

SEED = 0xB14D4_7E57
SPLIT = "blind4"
rng = random.Random(SEED)

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------
FIRST = [
    # Anglo / Irish
    "Harriet", "Declan", "Niamh", "Ciaran", "Siobhan", "Tobias", "Imogen", "Rory",
    "Aoife", "Fergus", "Wendell", "Prudence", "Barnaby", "Eileen",
    # Hispanic
    "Ximena", "Joaquin", "Itzel", "Rodrigo", "Guadalupe", "Esteban", "Marisol",
    # African American
    "Tyrell", "Shaniqua", "Deshawn", "Latoya", "Jamal", "Keisha", "Darnell",
    # South Asian
    "Priyanka", "Arjun", "Lakshmi", "Vikram", "Farhan", "Nandini", "Sanjay",
    # East Asian
    "Mei", "Haruto", "Jiwoo", "Xiaoling", "Thanh", "Kenji", "Yuna",
    # Eastern European
    "Bogdan", "Katarzyna", "Dragomir", "Olesya", "Miroslav", "Zofia",
    # Arabic
    "Youssef", "Layla", "Tariq", "Samira", "Khalid", "Nour",
]
LAST = [
    "Fitzgerald", "Okonkwo", "Abernathy", "Villanueva", "Castellanos", "Washington",
    "Jefferson", "Ramaswamy", "Chaudhry", "Venkataraman", "Nakamura", "Takahashi",
    "Nguyen", "Zhao", "Kowalczyk", "Wisniewski", "Petrenko", "Dragomirov", "Haddad",
    "Al-Mansouri", "Nasser", "O'Sullivan", "McGillicuddy", "Brannigan", "Quintanilla",
    "Ochoa", "Battle", "Freeman", "Banerjee", "Iyer", "Park", "Moon", "Horvath",
    "Novak", "Mahfouz", "Doherty", "Kilbride", "Ferreira", "Adeyemi", "Whitlock",
]
STREETS = [
    "Larkspur Terrace", "Kestrel Bend Road", "Ironwood Court", "Tamarack Lane",
    "Pelham Crescent", "Juniper Hollow Drive", "Old Quarry Road", "Sandpiper Way",
    "Beaconsfield Avenue", "Thistledown Place", "Wexford Row", "Alder Creek Boulevard",
    "Cinnamon Teal Circle", "Harbor View Parkway", "Millrace Street",
]
EMAIL_DOMAINS = [
    "fastmail.fm", "protonmail.com", "btinternet.com", "web.de", "orange.fr",
    "hotmail.es", "outlook.ie", "riverbend-health.org", "yahoo.co.uk", "icloud.com",
    "posteo.de", "comcast.net", "zoho.in", "sympatico.ca",
]
PLACES = ["ballymena", "tucson", "dundee", "chattanooga", "limerick", "fresno",
          "pune", "gdansk", "el paso", "wollongong", "boise", "stockport"]

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
ORD = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
       "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
       "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
       "twenty first", "twenty second", "twenty third", "twenty fourth", "twenty fifth",
       "twenty sixth", "twenty seventh", "twenty eighth", "twenty ninth", "thirtieth",
       "thirty first"]
FILLERS = ["uh", "um", "er", "uh", "hmm"]


def pick(xs):
    return rng.choice(xs)


def two(n):
    """Words for 0..99 as said in a number ("oh five" handled by caller)."""
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    t, o = divmod(n, 10)
    return TENS[t] + ("" if o == 0 else " " + ONES[o])


def hundreds(n):
    """0..999 the long way ("two hundred and three")."""
    if n < 100:
        return two(n)
    h, r = divmod(n, 100)
    s = ONES[h] + " hundred"
    if r:
        s += pick([" and ", " "]) + two(r)
    return s


def house_spoken(n):
    """House numbers the way people say them: 421 -> four twenty one, 1520 -> fifteen twenty."""
    if n < 100:
        return two(n)
    if n < 1000:
        h, r = divmod(n, 100)
        if r == 0:
            return ONES[h] + " hundred"
        return ONES[h] + " " + (("oh " + ONES[r]) if r < 10 else two(r))
    a, b = divmod(n, 100)
    return two(a) + " " + (("oh " + ONES[b]) if 0 < b < 10 else ("hundred" if b == 0 else two(b)))


def year_spoken(y):
    if 2000 <= y < 2010:
        return "two thousand" + ("" if y == 2000 else pick([" and ", " "]) + ONES[y - 2000])
    if 2010 <= y < 2100:
        return pick(["twenty ", "two thousand and "]) + two(y - 2000) if y >= 2010 else ""
    a, b = divmod(y, 100)
    return two(a) + " " + (("oh " + ONES[b]) if b < 10 else two(b))


def digits_spoken(s, fillers=0, groups=None, allow_runs=True):
    """Digits as ASR writes them: zero/oh, double/triple runs, optional fillers between groups."""
    out = []
    i = 0
    while i < len(s):
        ch = s[i]
        if not ch.isdigit():
            i += 1
            continue
        run = 1
        while i + run < len(s) and s[i + run] == ch and run < 3:
            run += 1
        word = ONES[int(ch)] if ch != "0" else pick(["oh", "zero", "oh"])
        if allow_runs and run == 3 and rng.random() < 0.6:
            out.append("triple " + word)
            i += 3
        elif allow_runs and run >= 2 and rng.random() < 0.6:
            out.append("double " + word)
            i += 2
        else:
            out.append(word)
            i += 1
        out.append("|")  # digit boundary marker
    words = [w for w in out if w != "|"]
    if not fillers:
        return " ".join(words)
    # insert fillers at digit-group boundaries of the original string
    text = " ".join(words)
    toks = text.split(" ")
    for _ in range(fillers):
        pos = rng.randint(2, max(2, len(toks) - 2))
        toks.insert(pos, pick(FILLERS))
    return " ".join(toks)


def letters_spoken(s):
    return " ".join(c.lower() if c.isalpha() else ONES[int(c)] for c in s if c.isalnum())


# --------------------------------------------------------------------------
# Valid identifiers
# --------------------------------------------------------------------------
def ssn():
    while True:
        a = rng.randint(1, 899)
        if a in (666,):
            continue
        g = rng.randint(1, 99)
        s = rng.randint(1, 9999)
        return f"{a:03d}", f"{g:02d}", f"{s:04d}"


def luhn_complete(prefix, length):
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
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
    total = 0
    for i, ch in enumerate(reversed(num)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def card():
    kind = pick(["visa", "mc", "mc2", "amex", "disc"])
    if kind == "visa":
        n = luhn_complete("4" + str(rng.randint(0, 9)), 16)
    elif kind == "mc":
        n = luhn_complete(str(rng.randint(51, 55)), 16)
    elif kind == "mc2":
        n = luhn_complete(str(rng.randint(2221, 2720)), 16)
    elif kind == "amex":
        n = luhn_complete(pick(["34", "37"]), 15)
    else:
        n = luhn_complete(pick(["6011", "65"]), 16)
    assert luhn_ok(n), n
    return n


def card_grouped(n, sep):
    if len(n) == 15:
        parts = [n[:4], n[4:10], n[10:]]
    else:
        parts = [n[i:i + 4] for i in range(0, 16, 4)]
    return sep.join(parts)


# country: (length, bban pattern) where a=letter, n=digit, c=alnum
IBAN_FMT = {
    "GB": "aaaannnnnnnnnnnnnn", "DE": "nnnnnnnnnnnnnnnnnn", "FR": "nnnnnnnnnnnnnnnnnnnnnnn",
    "ES": "nnnnnnnnnnnnnnnnnnnn", "IT": "annnnnnnnnnnnnnnnnnnnnn", "NL": "aaaannnnnnnnnn",
    "BE": "nnnnnnnnnnnn", "CH": "nnnnnnnnnnnnnnnnn", "AT": "nnnnnnnnnnnnnnnn",
    "IE": "aaaannnnnnnnnnnnnn", "PL": "nnnnnnnnnnnnnnnnnnnnnnnn", "SE": "nnnnnnnnnnnnnnnnnnnn",
    "NO": "nnnnnnnnnnn", "PT": "nnnnnnnnnnnnnnnnnnnnn",
}
IBAN_LEN = {"GB": 22, "DE": 22, "FR": 27, "ES": 24, "IT": 27, "NL": 18, "BE": 16, "CH": 21,
            "AT": 20, "IE": 22, "PL": 28, "SE": 24, "NO": 15, "PT": 25}
BANK_CODES = {"GB": ["WEST", "BARC", "LOYD", "MIDL", "NWBK"], "IE": ["AIBK", "BOFI"],
              "NL": ["ABNA", "INGB", "RABO"]}


def iban_mod(s):
    r = 0
    for ch in s:
        v = ch if ch.isdigit() else str(ord(ch) - 55)
        for d in v:
            r = (r * 10 + int(d)) % 97
    return r


def iban(cc=None):
    cc = cc or pick(list(IBAN_FMT))
    pat = IBAN_FMT[cc]
    bban = ""
    if cc in BANK_CODES:
        bban = pick(BANK_CODES[cc])
        pat = pat[4:]
    for p in pat:
        bban += str(rng.randint(0, 9)) if p == "n" else chr(rng.randint(65, 90))
    chk = 98 - iban_mod(bban + cc + "00")
    full = f"{cc}{chk:02d}{bban}"
    assert iban_mod(full[4:] + full[:4]) == 1
    assert len(full) == IBAN_LEN[cc], (cc, len(full))
    return full


def iban_spaced(x):
    return " ".join(x[i:i + 4] for i in range(0, len(x), 4))


def aba():
    prefixes = list(range(1, 13)) + list(range(21, 33))
    while True:
        d = f"{pick(prefixes):02d}" + "".join(str(rng.randint(0, 9)) for _ in range(6))
        for last in range(10):
            n = d + str(last)
            w = [3, 7, 1] * 3
            if sum(int(c) * k for c, k in zip(n, w)) % 10 == 0:
                return n


def nanp():
    while True:
        a = f"{rng.randint(2, 9)}{rng.randint(0, 9)}{rng.randint(0, 9)}"
        if a[1:] == "11" or a[1] == "9" or a in ("555",):
            continue
        e = f"{rng.randint(2, 9)}{rng.randint(0, 9)}{rng.randint(0, 9)}"
        if e[1:] == "11":
            continue
        if rng.random() < 0.3:
            e = "555"
            line = f"01{rng.randint(0, 99):02d}"
        else:
            line = f"{rng.randint(0, 9999):04d}"
        return a, e, line


INTL = [
    lambda: f"+44 20 {rng.randint(7000, 8999)} {rng.randint(0, 9999):04d}",
    lambda: f"+44 7{rng.randint(100, 999)} {rng.randint(100000, 999999)}",
    lambda: f"+49 30 {rng.randint(1000000, 99999999)}",
    lambda: f"+49 151 {rng.randint(1000000, 99999999)}",
    lambda: f"+33 1 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
    lambda: f"+33 6 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
    lambda: f"+91 {rng.randint(70000, 99999)} {rng.randint(10000, 99999)}",
    lambda: f"+353 87 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
    lambda: f"+61 4{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
    lambda: f"+34 6{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
    lambda: f"+48 {rng.randint(500, 799)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
]


# --------------------------------------------------------------------------
# Composition
# --------------------------------------------------------------------------
class Utt:
    def __init__(self, domain, style):
        self.domain = domain
        self.style = style  # "asr" (lower case, no punctuation), "typed", "note"
        self.text = ""
        self.ents = []

    def t(self, s):
        self.text += s
        return self

    def e(self, etype, value, spoken=False):
        start = len(self.text)
        self.text += value
        self.ents.append({"type": etype, "start": start, "end": len(self.text),
                          "text": value, "spoken": spoken})
        return self

    def done(self):
        for en in self.ents:
            assert self.text[en["start"]:en["end"]] == en["text"], en
            assert en["text"] == en["text"].strip(), en
        return self


OUT = []


def emit(u):
    u.done()
    OUT.append(u)


def low(u, s):
    return s.lower() if u.style == "asr" else s


def person_full():
    return f"{pick(FIRST)} {pick(LAST)}"


def name_cue(u, name):
    """A person introduces themselves with one of many cues, sometimes stuttering."""
    cue = pick(["my name is ", "my my name is ", "this is ", "it's ", "i'm ", "call me ",
                "yeah hi um my name's ", "hi it's uh ", "uh this is "])
    if u.style != "asr":
        cue = cue[0].upper() + cue[1:]
    u.t(cue).e("PERSON", low(u, name))
    if rng.random() < 0.3 and u.style == "asr":
        u.t(" speaking")


# --------------------------------------------------------------------------
# Positive templates
# --------------------------------------------------------------------------
def p_phone_spoken():
    u = Utt(pick(["utility", "bank", "clinic", "gov"]), "asr")
    a, e, l = nanp()
    num = a + e + l
    u.t(pick(["um yeah the best number to reach me is ", "you can call me back on ",
              "my cell is uh ", "call back number ", "its "]))
    words = digits_spoken(num, fillers=rng.choice([0, 1, 1, 2]))
    u.e("PHONE_NUMBER", words, True)
    u.t(pick([" thats my cell", " anytime after five", " okay", ""]))
    emit(u)


def p_phone_dash_spoken():
    u = Utt(pick(["utility", "helpline"]), "asr")
    a, e, l = nanp()
    u.t(pick(["so its ", "number is ", "reach my mom at "]))
    v = f"{digits_spoken(a)} dash {digits_spoken(e)} dash {digits_spoken(l)}"
    u.e("PHONE_NUMBER", v, True)
    u.t(pick([" got it", " thank you", ""]))
    emit(u)


def p_phone_typed():
    u = Utt(pick(["utility", "bank", "clinic", "gov"]), pick(["typed", "note"]))
    a, e, l = nanp()
    fmt = pick([f"({a}) {e}-{l}", f"{a}-{e}-{l}", f"{a}.{e}.{l}", f"+1 {a} {e} {l}", f"1-{a}-{e}-{l}"])
    if u.style == "note":
        u.t(pick(["cb # ", "cust req callback ", "alt ph: ", "CB "])).e("PHONE_NUMBER", fmt)
        u.t(pick([" re: acct ", " re acct# "])).e("ACCOUNT_NUMBER", str(rng.randint(10000000, 99999999)))
    else:
        u.t("Please call me on ").e("PHONE_NUMBER", fmt).t(pick([" after 6pm.", ", thanks.", " tomorrow morning."]))
    emit(u)


def p_phone_mixed():
    # typed digits inside spoken text
    u = Utt("utility", "asr")
    a, e, l = nanp()
    v = f"{a} {digits_spoken(e)} {l}"
    u.t("ok so the number is ").e("PHONE_NUMBER", v, True).t(" and thats a landline")
    emit(u)


def p_phone_intl():
    u = Utt(pick(["bank", "helpline", "clinic"]), pick(["typed", "asr"]))
    n = pick(INTL)()
    if u.style == "typed":
        u.t(pick(["I'm abroad at the moment, reach me on ", "My number in Europe is ",
                  "WhatsApp: "])).e("PHONE_NUMBER", n).t(pick([".", " (mobile)", ""]))
    else:
        digits = n[1:].replace(" ", "")
        cc_len = 2 if n[1:3] in ("44", "49", "33", "91", "61", "34", "48") else 3
        v = "plus " + digits_spoken(digits[:cc_len], allow_runs=False) + " " + digits_spoken(digits[cc_len:])
        u.t("im staying with family so its ").e("PHONE_NUMBER", v, True).t(" thats the uk one" if digits.startswith("44") else " okay")
    emit(u)


def p_email():
    u = Utt(pick(["utility", "bank", "gov", "clinic"]), pick(["typed", "asr", "asr"]))
    f, l = pick(FIRST).lower(), pick(LAST).lower().replace("'", "").replace("-", "")
    dom = pick(EMAIL_DOMAINS)
    sep = pick([".", "_", "-", ""])
    local = f + sep + l + (str(rng.randint(1, 99)) if rng.random() < 0.4 else "")
    if u.style == "typed":
        u.t(pick(["Email is ", "Send the statement to ", "my email: "])).e("EMAIL_ADDRESS", f"{local}@{dom}")
        u.t(pick([" please", ".", ""]))
    else:
        sw = {".": " dot ", "_": " underscore ", "-": " dash ", "": " "}[sep]
        loc = f + sw + l if sep else f + l
        m = local[len(f) + len(sep) + len(l):]
        if m:
            loc += " " + digits_spoken(m, allow_runs=False)
        d = dom.replace(".", " dot ").replace("-", " dash ")
        u.t(pick(["its ", "um email address is ", "yeah send it to "])).e("EMAIL_ADDRESS", f"{loc} at {d}", True)
        u.t(pick([" all lower case", " thanks", ""]))
    emit(u)


def p_ssn():
    u = Utt(pick(["gov", "bank"]), pick(["asr", "asr", "typed", "note"]))
    a, g, s = ssn()
    if u.style == "asr":
        v = digits_spoken(a) + pick([" ", " uh ", " dash "]) + digits_spoken(g) + pick([" ", " dash "]) + digits_spoken(s)
        u.t(pick(["my social is ", "social security number um ", "last time they asked for my social its "]))
        u.e("US_SSN", v, True)
    elif u.style == "typed":
        u.t("SSN: ").e("US_SSN", pick([f"{a}-{g}-{s}", f"{a} {g} {s}"])).t(", DOB on file.")
    else:
        u.t("verif ok ssn ").e("US_SSN", f"{a}-{g}-{s}").t(" benefits claim pending")
    emit(u)


def p_card():
    u = Utt("bank", pick(["asr", "asr", "typed"]))
    n = card()
    if u.style == "typed":
        u.t(pick(["Card number ", "Charge it to ", "card: "])).e("CREDIT_CARD", card_grouped(n, pick([" ", "-", ""])))
        u.t(pick([" exp 09/27", ", expiry 11/28", ""]))
    else:
        groups = card_grouped(n, " ").split(" ")
        spoken = " ".join(digits_spoken(gp) for gp in groups)
        if rng.random() < 0.4:
            toks = spoken.split(" ")
            toks.insert(len(toks) // 2, pick(FILLERS))
            spoken = " ".join(toks)
        brand = {"4": "its a visa um ", "3": "its the amex uh ", "6": "its a discover card "}.get(n[0], "its a mastercard um ")
        u.t(pick(["ok the card number is ", brand, "long number on the front "]))
        u.e("CREDIT_CARD", spoken, True).t(pick([" and the expiry is oh nine twenty seven", ""]))
    emit(u)


IBAN_ORDER = ["GB", "DE", "FR", "ES", "NL", "IT", "CH", "IE", "PL", "SE", "BE", "AT", "NO", "PT"]
IBAN_TURN = [0]


def p_iban():
    # cycle so every country appears at least once, in typed or spoken form
    cc = IBAN_ORDER[IBAN_TURN[0] % len(IBAN_ORDER)]
    IBAN_TURN[0] += 1
    v = iban(cc)
    u = Utt("bank", pick(["typed", "asr", "asr"]))
    if u.style == "typed":
        u.t(pick(["IBAN ", "Please refund to IBAN ", "Bank details: "]))
        u.e("IBAN_CODE", pick([v, iban_spaced(v)])).t(pick([".", " thanks", ""]))
    else:
        sp = " ".join(
            (ch.lower() if ch.isalpha() else (ONES[int(ch)] if ch != "0" else pick(["zero", "oh"])))
            for ch in v)
        u.t(pick(["my iban is ", "um the iban its ", "right so the i ban is "])).e("IBAN_CODE", sp, True)
        u.t(pick([" did you get that", ""]))
    emit(u)


def p_aba_bank():
    u = Utt("bank", pick(["asr", "typed", "note"]))
    r = aba()
    acct = str(rng.randint(10 ** 7, 10 ** 12 - 1))
    if u.style == "typed":
        u.t("Routing number ").e("ABA_ROUTING_NUMBER", r).t(", checking account ").e("US_BANK_NUMBER", acct).t(".")
    elif u.style == "note":
        u.t("dd setup rtn ").e("ABA_ROUTING_NUMBER", r).t(" acct ").e("US_BANK_NUMBER", acct).t(" chk")
    else:
        u.t("routing is ").e("ABA_ROUTING_NUMBER", digits_spoken(r), True)
        u.t(" and my checking account number is ").e("US_BANK_NUMBER", digits_spoken(acct, fillers=rng.choice([0, 1])), True)
    emit(u)


def p_dob():
    u = Utt(pick(["clinic", "gov", "helpline"]), pick(["asr", "asr", "typed"]))
    y, m, d = rng.randint(1938, 2012), rng.randint(1, 12), rng.randint(1, 28)
    if u.style == "typed":
        v = pick([f"{m:02d}/{d:02d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{MONTHS[m-1].title()} {d}, {y}", f"{d} {MONTHS[m-1].title()} {y}"])
        u.t(pick(["Date of birth: ", "DOB ", "Patient born "])).e("DATE_OF_BIRTH", v).t(pick([".", ""]))
    else:
        v = pick([f"the {ORD[d]} of {MONTHS[m-1]} {year_spoken(y)}",
                  f"{MONTHS[m-1]} {ORD[d]} {year_spoken(y)}",
                  f"{two(m)} {two(d)} {two(y // 100)} {two(y % 100) if y % 100 >= 10 else 'oh ' + ONES[y % 100]}"])
        u.t(pick(["date of birth is ", "um i was born on ", "my dob uh ", "shes born "])).e("DATE_OF_BIRTH", v, True)
        u.t(pick([" yeah", ""]))
    emit(u)


def p_address():
    u = Utt(pick(["utility", "helpline", "gov"]), pick(["asr", "asr", "typed"]))
    n = pick([rng.randint(2, 99), rng.randint(100, 999), rng.randint(1000, 9899)])
    st = pick(STREETS)
    if u.style == "typed":
        u.t(pick(["Service address: ", "New address is ", "I live at "])).e("STREET_ADDRESS", f"{n} {st}")
        if rng.random() < 0.5:
            u.t(", zip ").e("ZIP_CODE", f"{rng.randint(10000, 99950)}")
        u.t(".")
    else:
        u.t(pick(["i live at ", "the property is ", "we moved to uh ", "the supply address is "]))
        u.e("STREET_ADDRESS", f"{house_spoken(n)} {st.lower()}", True)
        if rng.random() < 0.5:
            u.t(pick([" zip code ", " and the zip is "])).e("ZIP_CODE", digits_spoken(f"{rng.randint(10000, 99950)}", allow_runs=False), True)
    emit(u)


def p_zip():
    u = Utt(pick(["utility", "gov", "bank"]), pick(["asr", "asr", "typed"]))
    z = f"{rng.randint(1001, 99950):05d}"
    if u.style == "typed":
        u.t(pick(["Billing ZIP: ", "Zip code is ", "ZIP "])).e("ZIP_CODE", pick([z, f"{z}-{rng.randint(1000, 9999)}"]))
        u.t(pick([".", " for the card", ""]))
    else:
        u.t(pick(["um the zip code is ", "and my zip uh its ", "zip code "]))
        u.e("ZIP_CODE", pick([digits_spoken(z, allow_runs=False), f"{digits_spoken(z[:2])} {digits_spoken(z[2:])}"]), True)
        u.t(pick([" i think", " out in " + pick(PLACES), ""]))
    emit(u)


def p_child():
    u = Utt("helpline", "asr")
    rel = pick(["my teacher ", "my stepdad ", "my friend ", "my neighbour ", "my son ", "my daughter ", "my brother "])
    first = pick(FIRST)
    u.t(pick(["um its about ", "i dont know what to do ", "i want to talk about "])).t(rel).e("PERSON", first.lower())
    u.t(pick([" he keeps shouting at me", " she hasnt come home", " at school he", " and um they hit me"]))
    if rng.random() < 0.5:
        u.t(" we live on ").e("STREET_ADDRESS", f"{house_spoken(rng.randint(5, 420))} {pick(STREETS).lower()}", True)
    emit(u)


def p_spelled():
    u = Utt(pick(["clinic", "gov", "bank"]), "asr")
    first = pick(FIRST)
    last = pick(LAST).replace("'", "").replace("-", "")
    u.t(pick(["yeah its ", "my name is ", "um im "])).e("PERSON", f"{first.lower()} {last.lower()}")
    u.t(pick([" thats ", " spelled ", " "])).e("PERSON", " ".join(last.lower()), True)
    emit(u)


def p_spelled_first():
    u = Utt("helpline", "asr")
    first = pick(FIRST)
    u.t("its ").e("PERSON", first.lower()).t(" ").e("PERSON", " ".join(first.lower()), True).t(" and im calling about my son")
    emit(u)


def p_titles():
    u = Utt(pick(["clinic", "gov", "helpline"]), pick(["asr", "typed"]))
    title = pick(["mrs ", "dr ", "officer ", "mr ", "ms ", "nurse "])
    last = pick(LAST)
    if u.style == "typed":
        title = title.title()
        u.t(pick(["I spoke to ", "Referred by ", "Seen by "])).t(title).e("PERSON", last).t(pick([" last week.", " yesterday.", ""]))
    else:
        u.t(pick(["yeah i spoke to ", "um ", "the letter came from "])).t(title).e("PERSON", last.lower())
        u.t(pick([" and she said", " at the council", " about the refill", ""]))
    emit(u)


def p_intro():
    u = Utt(pick(["utility", "bank", "clinic", "gov", "helpline"]), pick(["asr", "asr", "typed"]))
    name_cue(u, pick([person_full(), pick(FIRST)]))
    u.t(pick([" im calling about my bill", " and i need to move my appointment",
              " i got a letter about council tax", " my card got declined", ""]))
    emit(u)


def p_mrn():
    u = Utt("clinic", pick(["asr", "typed", "note"]))
    m = str(rng.randint(100000, 99999999))
    if u.style == "note":
        u.t("pt callback re refill MRN ").e("MEDICAL_RECORD_NUMBER", pick([m, "MR" + m]))
        u.t(" metformin 500 mg bid")
    elif u.style == "typed":
        u.t(pick(["Medical record number: ", "MRN: ", "Chart # "])).e("MEDICAL_RECORD_NUMBER", m).t(".")
    else:
        u.t(pick(["my medical record number is ", "um the mrn on the letter is "]))
        u.e("MEDICAL_RECORD_NUMBER", digits_spoken(m), True)
    emit(u)


def p_account():
    u = Utt("utility", pick(["asr", "typed", "note"]))
    a = pick([str(rng.randint(10 ** 7, 10 ** 10 - 1)), f"{rng.randint(100, 999)}-{rng.randint(100000, 999999)}",
              f"{rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(10, 99)}"])
    if u.style == "note":
        u.t(pick(["acct ", "Acct# ", "cust acct "])).e("ACCOUNT_NUMBER", a).t(pick([" hi bill disputed", " pymt plan set"]))
    elif u.style == "typed":
        u.t(pick(["My account number is ", "Customer account: "])).e("ACCOUNT_NUMBER", a).t(pick([".", " for the gas.", ""]))
    else:
        u.t(pick(["my account number is ", "the water account number um ", "customer number on the bill is "]))
        u.e("ACCOUNT_NUMBER", digits_spoken(a, fillers=rng.choice([0, 1])), True)
    emit(u)


def p_ip():
    u = Utt(pick(["utility", "bank"]), pick(["asr", "typed"]))
    if rng.random() < 0.25:
        g = [f"{rng.randint(0, 0xffff):x}" for _ in range(8)]
        v = pick([":".join(g), f"2001:db8:{g[2]}::{g[6]}:{g[7]}", f"fe80::{g[4]}:{g[5]}:{g[6]}:{g[7]}"])
        u.t(pick(["The router shows IPv6 ", "my ipv6 is "])).e("IP_ADDRESS", v)
        emit(u)
        return
    o = [pick([10, 172, 192, 203, 81, 98]), rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)]
    if u.style == "typed":
        u.t(pick(["Login was blocked from ", "Modem IP ", "my ip is "])).e("IP_ADDRESS", ".".join(map(str, o)))
        u.t(pick([" yesterday.", ".", ""]))
    else:
        if rng.random() < 0.5:
            parts = [digits_spoken(str(x), allow_runs=False) for x in o]
        else:
            parts = [hundreds(x) for x in o]
        u.t(pick(["the ip address on the modem says ", "um its "])).e("IP_ADDRESS", " dot ".join(parts), True)
    emit(u)


DL_TURN = [0]


def p_dl_passport():
    u = Utt("gov", pick(["asr", "typed"]))
    DL_TURN[0] += 1
    if DL_TURN[0] % 2:
        v = pick([chr(rng.randint(65, 90)) + str(rng.randint(1000000, 9999999)),
                  chr(rng.randint(65, 90)) + str(rng.randint(10 ** 11, 10 ** 12 - 1)),
                  str(rng.randint(100000000, 999999999))])
        cue, et = pick(["driver's license number ", "drivers licence ", "DL # "]), "US_DRIVER_LICENSE"
    else:
        v = pick([str(rng.randint(100000000, 999999999)), chr(rng.randint(65, 90)) + str(rng.randint(10000000, 99999999))])
        cue, et = pick(["passport number ", "my US passport is "]), "US_PASSPORT"
    if u.style == "typed":
        u.t(cue[0].upper() + cue[1:]).e(et, v).t(pick([" for the permit.", ".", ""]))
    else:
        u.t("um " + cue.lower().replace("#", "number")).e(et, letters_spoken(v), True).t(pick([" for the id check", ""]))
    emit(u)


def p_combo():
    # run-on ASR with several entities
    u = Utt(pick(["utility", "clinic", "gov"]), "asr")
    name_cue(u, person_full())
    u.t(" and um my date of birth is ")
    y, m, d = rng.randint(1945, 2004), rng.randint(1, 12), rng.randint(1, 28)
    u.e("DATE_OF_BIRTH", f"{MONTHS[m-1]} {ORD[d]} {year_spoken(y)}", True)
    a, e, l = nanp()
    u.t(" and the number is ").e("PHONE_NUMBER", f"{digits_spoken(a)} {digits_spoken(e)} uh {digits_spoken(l)}", True)
    u.t(" and the bill was like ninety four dollars")
    emit(u)


def p_combo_typed():
    u = Utt(pick(["clinic", "bank"]), "note")
    n = person_full()
    a, e, l = nanp()
    u.t("Pt ").e("PERSON", n).t(", DOB ").e("DATE_OF_BIRTH", f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{rng.randint(1950, 2010)}")
    u.t(", cb ").e("PHONE_NUMBER", f"{a}-{e}-{l}").t(", email ")
    u.e("EMAIL_ADDRESS", f"{n.split()[0].lower()}.{rng.randint(10, 99)}@{pick(EMAIL_DOMAINS)}").t(" - appt moved to 3/14 2:30pm")
    emit(u)


POS = [
    (p_phone_spoken, 14), (p_phone_dash_spoken, 4), (p_phone_typed, 9), (p_phone_mixed, 3),
    (p_phone_intl, 8), (p_email, 10), (p_ssn, 8), (p_card, 9), (p_iban, 16), (p_aba_bank, 6),
    (p_dob, 8), (p_address, 8), (p_zip, 5), (p_child, 6), (p_spelled, 4), (p_spelled_first, 2),
    (p_titles, 6), (p_intro, 10), (p_mrn, 6), (p_account, 6), (p_ip, 6), (p_dl_passport, 10),
    (p_combo, 3), (p_combo_typed, 3),
]

# --------------------------------------------------------------------------
# Negatives: no PII, lots of PII-looking numbers and words
# --------------------------------------------------------------------------
def money():
    return pick([f"${rng.randint(20, 900)}.{rng.randint(0, 99):02d}", f"{two(rng.randint(20, 99))} dollars and {two(rng.randint(1, 99))} cents",
                 f"£{rng.randint(50, 2500)}", f"{rng.randint(1, 9)},{rng.randint(100, 999)} euros"])


NEG = [
    lambda: f"um the bill says {money()} but last month it was like {two(rng.randint(30, 99))} dollars",
    lambda: f"meter reading is {rng.randint(10000, 99999)} and the previous one was {rng.randint(10000, 99999)}",
    lambda: f"the meter reads {digits_spoken(str(rng.randint(100000, 999999)), allow_runs=False)} cubic feet",
    lambda: f"Usage this period: {rng.randint(200, 1900)} kWh, {rng.randint(5, 40)}% higher than last year.",
    lambda: f"can i move my appointment to the {ORD[rng.randint(1, 28)]} of {pick(MONTHS)} at {two(rng.randint(1, 12))} {two(rng.randint(10, 59))}",
    lambda: f"Your appointment is on {pick(MONTHS).title()} {rng.randint(1, 28)} at {rng.randint(1, 12)}:{pick(['00', '15', '30', '45'])} {pick(['am', 'pm'])}.",
    lambda: f"the order number is {rng.randint(100, 999)}-{rng.randint(1000000, 9999999)} and it shipped on the {ORD[rng.randint(1, 28)]}",
    lambda: f"ticket INC{rng.randint(1000000, 9999999)} still open, escalated to tier {rng.randint(2, 3)}",
    lambda: f"reference number {rng.randint(1000, 9999)} {pick(['a', 'b', 'x'])} {rng.randint(100, 999)} for the permit application",
    lambda: f"the app is on version {rng.randint(1, 12)}.{rng.randint(0, 30)}.{rng.randint(0, 99)} and it keeps crashing",
    lambda: f"take {pick([250, 500, 750, 1000])} mg {pick(['twice a day', 'every eight hours', 'once daily'])} for {rng.randint(5, 14)} days",
    lambda: f"she takes {two(rng.randint(2, 40))} milligrams of {pick(['lisinopril', 'sertraline', 'amoxicillin'])} uh {pick(['at night', 'in the morning'])}",
    lambda: f"my flight is {pick(['ba', 'ua', 'ei', 'lh', 'dl'])} {rng.randint(10, 2999)} landing at {rng.randint(1, 12)} {rng.randint(10, 59)}",
    lambda: f"Error code 0x{rng.randint(0, 0xffffffff):08X}, request id {rng.randint(0, 0xffffffff):08x}-{rng.randint(0, 0xffff):04x}",
    lambda: f"i will pay it by {pick(['friday', 'the end of the month', 'next week'])} is there a grace period",
    lambda: f"may i ask why the bill went up {rng.randint(10, 60)} percent",
    lambda: f"grace period is {two(rng.randint(10, 30))} days and the late fee is {money()}",
    lambda: f"i paid {money()} on the {ORD[rng.randint(1, 28)]} but the bill still shows {money()}",
    lambda: f"we have {two(rng.randint(2, 9))} kids and the house was built in {year_spoken(rng.randint(1950, 2015))}",
    lambda: f"Council tax band {pick('ABCDEFG')}: {money()} per year, {rng.randint(2, 12)} instalments.",
    lambda: f"my benefit went from {money()} to {money()} in {pick(MONTHS)} {rng.randint(2019, 2025)}",
    lambda: f"the permit is for a {rng.randint(8, 40)} by {rng.randint(8, 40)} foot deck and costs {money()}",
    lambda: f"im calling from {pick(PLACES)} about the outage since {two(rng.randint(1, 12))} oclock",
    lambda: f"Outage in {pick(PLACES).title()} affecting {rng.randint(200, 9000)} homes, ETR {rng.randint(1, 12)}:{pick(['00', '30'])}.",
    lambda: f"um i um i just want to know uh why its {two(rng.randint(100, 999) % 100)} degrees in here the thermostat says {rng.randint(60, 80)}",
    lambda: f"the water pressure is like {two(rng.randint(20, 90))} psi and the pipe is {pick(['half inch', 'three quarter inch'])}",
    lambda: f"uh it was twenty twenty {ONES[rng.randint(1, 5)]} when we moved and i was {two(rng.randint(20, 70))} then",
    lambda: f"press {rng.randint(1, 9)} for billing or {rng.randint(1, 9)} for outages, wait time is {rng.randint(2, 45)} minutes",
    lambda: f"the tracking number ends in {rng.randint(1000, 9999)} and its {rng.randint(2, 20)} pounds",
    lambda: f"case {rng.randint(10000, 99999)} {rng.randint(100, 999)} was closed on {rng.randint(1, 12)}/{rng.randint(1, 28)}",
    lambda: f"my son is {two(rng.randint(5, 15))} and hes in year {two(rng.randint(2, 11))} at school",
    lambda: f"the bill is for {rng.randint(3, 12)} units at {money()} each plus {rng.randint(5, 20)}% vat",
    lambda: f"Guid fragment {rng.randint(0, 0xffffffff):08x}-{rng.randint(0, 0xffff):04x} in the log, build {rng.randint(1000, 9999)}.",
    lambda: f"i need {two(rng.randint(2, 6))} refills of the inhaler the {rng.randint(100, 250)} microgram one",
    lambda: f"we've been waiting since {rng.randint(2015, 2024)} for the repair, job number {rng.randint(100000, 999999)}",
    lambda: f"bill it to the business line? no, the {pick(['april', 'june', 'august'])} bill was {money()}",
    lambda: f"will the engineer come between {two(rng.randint(8, 11))} and {two(rng.randint(12, 5 + 12) % 12 or 12)}",
    lambda: f"room {rng.randint(100, 499)} building {pick('ABCD')} floor {rng.randint(1, 9)} for the blood test",
    lambda: f"her temperature was {rng.randint(37, 40)}.{rng.randint(0, 9)} and heart rate {rng.randint(60, 140)}",
    lambda: f"can you mark it as paid i {pick(['hope to get', 'will get', 'will have'])} the rest by {pick(['may', 'june', 'august'])} {two(rng.randint(2, 28))}",
    lambda: f"{pick(['rose', 'faith', 'hope'])} is all we have left honestly the {pick(['heating', 'power'])} bill is {money()}",
    lambda: f"the loan is {money()} at {rng.randint(2, 9)}.{rng.randint(0, 9)} percent over {rng.randint(5, 30)} years",
]


def make_negatives(count):
    made = 0
    order = list(range(len(NEG)))
    while made < count:
        rng.shuffle(order)
        for i in order:
            if made >= count:
                break
            txt = NEG[i]()
            style = "asr" if txt == txt.lower() and not any(c in txt for c in ".,:%$£") else "typed"
            u = Utt(pick(["utility", "clinic", "gov", "bank", "helpline"]), style)
            u.t(txt)
            emit(u)
            made += 1


def main():
    for fn, n in POS:
        for _ in range(n):
            fn()
    npos = len(OUT)
    make_negatives(round(npos * 0.4 / 0.6))
    rng.shuffle(OUT)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "blind4.jsonl")
    counts = {}
    with open(path, "w", encoding="utf-8") as fh:
        for i, u in enumerate(OUT):
            for en in u.ents:
                counts[en["type"]] = counts.get(en["type"], 0) + 1
            fh.write(json.dumps({"id": f"blind4-{i:03d}", "split": SPLIT, "domain": u.domain,
                                 "style": u.style, "text": u.text, "entities": u.ents},
                                ensure_ascii=False) + "\n")
    neg = sum(1 for u in OUT if not u.ents)
    print(f"{len(OUT)} utterances, {neg} negatives, spoken spans "
          f"{sum(1 for u in OUT for e in u.ents if e['spoken'])}")
    for k in sorted(counts):
        print(f"  {k:<22} {counts[k]}")


if __name__ == "__main__":
    main()
