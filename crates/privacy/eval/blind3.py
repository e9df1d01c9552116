#!/usr/bin/env python3
"""Generator for the third blind evaluation set of the privacy engine (split "blind3").

Written without looking at the engine or the other generators: templates, names, places
and number formats here are independent of them. Deterministic (fixed seed, standard
library only). Run from anywhere:

    python3 crates/privacy/eval/blind3.py

and score the engine on it with:

    cargo run --release -p voxgate-privacy --bin privacy-eval -- crates/privacy/eval/blind3.jsonl

It writes blind3.jsonl next to itself. Every span is computed while the text is composed
and checked against the inserted value; values with a checksum (SSN, card, IBAN, ABA
routing) are generated valid and re-validated before writing.

Styles: "asr" is lower case with no punctuation (what a streaming recogniser emits);
"whisper" is cased and punctuated, as Whisper output or a typed agent note looks.
"""

import json
import os
import random
import re

SEED = 20261123
SPLIT = "blind3"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "blind3.jsonl")

rng = random.Random(SEED)

# --------------------------------------------------------------------------- words

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORD_ONES = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth"]
ORD_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
             "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]


def words_under_100(n):
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    t, o = divmod(n, 10)
    return TENS[t] + ("" if o == 0 else " " + ONES[o])


def words(n, use_and=False):
    """Cardinal number in words, 0..999999."""
    if n < 100:
        return words_under_100(n)
    if n < 1000:
        h, r = divmod(n, 100)
        s = ONES[h] + " hundred"
        if r:
            s += (" and " if use_and else " ") + words_under_100(r)
        return s
    th, r = divmod(n, 1000)
    s = words(th) + " thousand"
    if r:
        if r < 100 and use_and:
            s += " and " + words_under_100(r)
        else:
            s += " " + words(r, use_and)
    return s


def ordinal(n):
    if n < 10:
        return ORD_ONES[n]
    if n < 20:
        return ORD_TEENS[n - 10]
    t, o = divmod(n, 10)
    if o == 0:
        return TENS[t][:-1] + "ieth"
    return TENS[t] + " " + ORD_ONES[o]


def ordinal_suffix(n):
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def say_year(y):
    if 2000 <= y <= 2009:
        return rng.choice(["two thousand ", "two thousand and "]) + ONES[y - 2000] \
            if y > 2000 else "two thousand"
    if 2010 <= y <= 2099:
        if rng.random() < 0.5:
            return "twenty " + words_under_100(y - 2000)
        return "two thousand " + words_under_100(y - 2000)
    hi, lo = divmod(y, 100)
    if lo == 0:
        return words_under_100(hi) + " hundred"
    if lo < 10:
        return words_under_100(hi) + " oh " + ONES[lo]
    return words_under_100(hi) + " " + words_under_100(lo)


def say_digits(digits, oh=None, dbl=0.35):
    """Digit string spoken digit by digit as ASR writes it: "oh", "double", "triple"."""
    if oh is None:
        oh = rng.random() < 0.5
    out = []
    i = 0
    while i < len(digits):
        d = digits[i]
        run = 1
        while i + run < len(digits) and digits[i + run] == d:
            run += 1
        w = ("oh" if oh else "zero") if d == "0" else ONES[int(d)]
        if run >= 3 and rng.random() < dbl:
            out += ["triple", w]
            i += 3
        elif run >= 2 and rng.random() < dbl:
            out += ["double", w]
            i += 2
        else:
            out.append(w)
            i += 1
    return " ".join(out)


def say_groups(groups, sep=" ", dbl=0.35):
    oh = rng.random() < 0.5
    return sep.join(say_digits(g, oh=oh, dbl=dbl) for g in groups)


def say_pair(two):
    """Two digits as a pair: "07" -> "oh seven", "45" -> "forty five"."""
    n = int(two)
    if two[0] == "0":
        return "oh " + ONES[n]
    return words_under_100(n)


def say_house_number(n):
    s = str(n)
    if n < 100:
        return words_under_100(n)
    if len(s) == 3:
        if s[1:] == "00":
            return ONES[int(s[0])] + " hundred"
        return rng.choice([ONES[int(s[0])] + " " + say_pair(s[1:]), say_digits(s, dbl=0)])
    if len(s) == 4:
        if s[2:] == "00":
            return words_under_100(int(s[:2])) + " hundred"
        return words_under_100(int(s[:2])) + " " + say_pair(s[2:])
    return say_digits(s, dbl=0)


def spell(token):
    """Alphanumeric token spelled the way ASR writes it: letters single, digits as words."""
    out = []
    for ch in token.lower():
        if ch.isdigit():
            out.append(ONES[int(ch)])
        elif ch.isalpha():
            out.append(ch)
    return " ".join(out)


def digits(n):
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def nz_digits(n):
    return str(rng.randint(1, 9)) + digits(n - 1)


# --------------------------------------------------------------------------- names

FIRST = {
    "anglo": ["Margaret", "Colin", "Heather", "Trevor", "Wendy", "Graham", "Lorraine",
              "Duncan", "Philippa", "Nigel", "Bethany", "Clive", "Rosalind", "Desmond"],
    "hispanic": ["Ximena", "Joaquin", "Marisol", "Esteban", "Guadalupe", "Rodrigo",
                 "Yesenia", "Alejandro", "Itzel", "Mauricio", "Araceli", "Efrain"],
    "afam": ["Deshawn", "Latoya", "Tyrone", "Shaniqua", "Jamal", "Imani", "Darnell",
             "Keisha", "Marquis", "Ebony", "Andre", "Tamika"],
    "african": ["Chiamaka", "Oluwaseun", "Kwame", "Abena", "Tendai", "Nnamdi"],
    "southasian": ["Priyanka", "Venkatesh", "Anjali", "Harpreet", "Sanjay", "Deepika",
                   "Arjun", "Meenakshi", "Rohit", "Farhan", "Lakshmi", "Gurpreet"],
    "eastasian": ["Mei", "Hiroshi", "Jiwoo", "Xiaoling", "Takumi", "Haruka", "Wei",
                  "Minh", "Thanh", "Seo-yeon", "Kenji", "Yuna"],
    "easteuro": ["Katarzyna", "Dmitri", "Oksana", "Bogdan", "Milena", "Tomasz",
                 "Svetlana", "Radek", "Jelena", "Vasyl", "Agnieszka", "Miroslav"],
    "arabic": ["Yousef", "Layla", "Khalid", "Noor", "Tariq", "Samira", "Rania", "Bilal",
               "Hamza", "Mariam", "Zainab", "Karim"],
    "irish": ["Siobhan", "Padraig", "Niamh", "Cormac", "Aoife", "Ciaran", "Grainne",
              "Eoin", "Saoirse", "Declan", "Roisin", "Fionn"],
}
LAST = {
    "anglo": ["Whitlock", "Pembridge", "Ashworth", "Caldwell", "Thornbury", "Haverford",
              "Blackwood", "Kingsley", "Fairweather", "Stanhope"],
    "hispanic": ["Villarreal", "Echeverria", "Castaneda", "Quintanilla", "Bermudez",
                 "Ochoa", "Santillan", "Arriaga", "Zavala", "Montemayor"],
    "afam": ["Mayfield", "Gaines", "Whitfield", "Booker", "Toussaint", "Pettaway",
             "Ransom", "Dorsey", "Merriweather"],
    "african": ["Okafor", "Adeyemi", "Mensah", "Abebe", "Chukwu", "Mutasa"],
    "southasian": ["Raghunathan", "Chaudhary", "Iyer", "Banerjee", "Deshpande",
                   "Siddiqui", "Malhotra", "Nair", "Gill", "Venkataraman"],
    "eastasian": ["Nakamura", "Takahashi", "Zhao", "Liang", "Park", "Tran", "Nguyen",
                  "Choi", "Watanabe", "Huang"],
    "easteuro": ["Kowalczyk", "Petrenko", "Novakova", "Wisniewski", "Dragomir",
                 "Horvath", "Bondarenko", "Szymanski", "Lukashenko", "Vukovic"],
    "arabic": ["Haddad", "Al-Mansour", "Khoury", "Nasser", "El-Amin", "Saleh",
               "Darwish", "Qureshi", "Barakat"],
    "irish": ["O'Sullivan", "McNamara", "Donnelly", "Fitzgerald", "Brennan",
              "O'Donoghue", "Kavanagh", "Gallagher", "Dunne", "Mulcahy"],
}
# First names that are also ordinary English words: callers really are called this.
WORD_NAMES = ["Will", "Grace", "May", "Bill", "Hope", "Joy", "Faith", "Rose", "Mark",
              "Pat", "Frank", "June", "April", "Dawn", "Ray", "Summer", "Penny", "Drew"]


def first_name(allow_word=True):
    if allow_word and rng.random() < 0.12:
        return rng.choice(WORD_NAMES)
    return rng.choice(FIRST[rng.choice(list(FIRST))])


def last_name():
    return rng.choice(LAST[rng.choice(list(LAST))])


# --------------------------------------------------------------------------- checksums

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


def luhn_complete(prefix, length):
    body = prefix + digits(length - len(prefix) - 1)
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c
    raise AssertionError("unreachable")


def aba_ok(n):
    d = [int(c) for c in n]
    return len(d) == 9 and (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7])
                            + (d[2] + d[5] + d[8])) % 10 == 0


def make_aba():
    first2 = rng.choice([f"{i:02d}" for i in list(range(1, 13)) + list(range(21, 33))
                         + list(range(61, 73))] + ["80"])
    body = first2 + digits(6)
    d = [int(c) for c in body]
    s = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5])
    n = body + str((-s) % 10)
    assert aba_ok(n)
    return n


def iban_numeric(s):
    return "".join(str(int(ch, 36)) for ch in s)


def iban_ok(iban):
    r = iban[4:] + iban[:4]
    return int(iban_numeric(r)) % 97 == 1


IBAN_LEN = {"GB": 22, "DE": 22, "FR": 27, "ES": 24, "IT": 27, "NL": 18, "BE": 16,
            "CH": 21, "IE": 22, "PL": 28, "AT": 20, "PT": 25, "SE": 24, "NO": 15,
            "DK": 18, "FI": 18}
BANK_CODES = {"GB": ["NWBK", "BARC", "LOYD", "HBUK", "MIDL"], "IE": ["AIBK", "BOFI"],
              "NL": ["ABNA", "RABO", "INGB", "TRIO"]}
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def bban(cc):
    if cc in ("GB", "IE"):
        return rng.choice(BANK_CODES[cc]) + digits(6) + digits(8)
    if cc == "NL":
        return rng.choice(BANK_CODES[cc]) + digits(10)
    if cc == "DE":
        return nz_digits(8) + digits(10)
    if cc == "FR":
        bank, branch, acct = nz_digits(5), digits(5), digits(11)
        key = 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97)
        return f"{bank}{branch}{acct}{key:02d}"
    if cc == "BE":
        first = nz_digits(10)
        chk = int(first) % 97 or 97
        return f"{first}{chk:02d}"
    if cc == "NO":
        while True:
            first = nz_digits(10)
            w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
            r = 11 - sum(int(a) * b for a, b in zip(first, w)) % 11
            if r == 11:
                r = 0
            if r != 10:
                return first + str(r)
    if cc == "IT":
        return rng.choice(UPPER) + nz_digits(10) + digits(12)
    return nz_digits(IBAN_LEN[cc] - 4)


def make_iban(cc=None):
    cc = cc or rng.choice(list(IBAN_LEN))
    b = bban(cc)
    chk = 98 - int(iban_numeric(b + cc + "00")) % 97
    iban = f"{cc}{chk:02d}{b}"
    assert len(iban) == IBAN_LEN[cc] and iban_ok(iban), iban
    return iban


def ssn_ok(s):
    a, g, n = s[:3], s[3:5], s[5:]
    return a not in ("000", "666") and a[0] != "9" and g != "00" and n != "0000"


def make_ssn():
    while True:
        s = f"{rng.randint(1, 899):03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
        if ssn_ok(s):
            return s


# --------------------------------------------------------------------------- slots
# A slot returns (value_text, entity_type or None, spoken).

def cased(v, style):
    return v.lower() if style == "asr" else v


def person_full(style):
    v = f"{first_name()} {last_name()}"
    return cased(v, style), "PERSON", False


def person_first(style):
    return cased(first_name(), style), "PERSON", False


def person_first_plain(style):
    return cased(first_name(allow_word=False), style), "PERSON", False


def person_last(style):
    return cased(last_name(), style), "PERSON", False


def person_wordname(style):
    return cased(rng.choice(WORD_NAMES), style), "PERSON", False


NANP_AREAS = ["206", "253", "312", "415", "503", "617", "702", "808", "919", "254", "479",
              "561", "636", "720", "786", "843", "903", "971", "229", "318", "423", "505",
              "612", "210", "470", "347", "929", "541", "385", "734"]


def nanp():
    area = rng.choice(NANP_AREAS)
    while True:
        ex = f"{rng.randint(2, 9)}{rng.randint(0, 9)}{rng.randint(0, 9)}"
        if ex[1:] != "11":
            break
    if rng.random() < 0.12:
        ex = "555"
    return area, ex, digits(4)


def phone_typed(style):
    a, e, l = nanp()
    v = rng.choice([f"({a}) {e}-{l}", f"{a}-{e}-{l}", f"{a}.{e}.{l}", f"{a} {e} {l}",
                    f"+1 {a} {e} {l}", f"1-{a}-{e}-{l}", f"{a}{e}{l}", f"+1{a}{e}{l}"])
    return v, "PHONE_NUMBER", False


def phone_spoken(style):
    a, e, l = nanp()
    r = rng.random()
    if r < 0.45:
        v = say_groups([a, e, l])
    elif r < 0.65:
        v = say_groups([a, e, l], sep=" dash ")
    elif r < 0.8:
        v = say_groups([a, e]) + " " + say_pair(l[:2]) + " " + say_pair(l[2:])
    else:
        v = say_digits(a + e + l, dbl=0.5)
    return v, "PHONE_NUMBER", True


INTL = [
    ("+44", lambda: rng.choice([f"20 {rng.randint(3, 8)}{digits(3)} {digits(4)}",
                                f"7{rng.randint(4, 9)}{digits(2)} {digits(6)}",
                                f"161 {rng.randint(2, 9)}{digits(2)} {digits(4)}"])),
    ("+49", lambda: rng.choice([f"30 {nz_digits(8)}", f"15{rng.randint(1, 9)} {nz_digits(8)}",
                                f"89 {nz_digits(7)}"])),
    ("+33", lambda: rng.choice([f"1 {digits(2)} {digits(2)} {digits(2)} {digits(2)}",
                                f"6 {digits(2)} {digits(2)} {digits(2)} {digits(2)}",
                                f"7 {digits(2)} {digits(2)} {digits(2)} {digits(2)}"])),
    ("+91", lambda: f"{rng.randint(7, 9)}{digits(4)} {digits(5)}"),
    ("+353", lambda: rng.choice([f"1 {nz_digits(3)} {digits(4)}",
                                 f"8{rng.randint(3, 9)} {nz_digits(3)} {digits(4)}"])),
    ("+52", lambda: f"55 {nz_digits(4)} {digits(4)}"),
    ("+81", lambda: rng.choice([f"3 {nz_digits(4)} {digits(4)}",
                                f"90 {nz_digits(4)} {digits(4)}"])),
    ("+234", lambda: f"80{rng.choice('3567')} {nz_digits(3)} {digits(4)}"),
    ("+61", lambda: rng.choice([f"2 {nz_digits(4)} {digits(4)}",
                                f"4{digits(2)} {digits(3)} {digits(3)}"])),
    ("+48", lambda: f"{rng.choice('5678')}{digits(2)} {digits(3)} {digits(3)}"),
    ("+971", lambda: f"50 {nz_digits(3)} {digits(4)}"),
]


def phone_intl(style):
    cc, rest = rng.choice(INTL)
    v = f"{cc} {rest()}"
    if rng.random() < 0.3:
        v = v.replace(" ", "")
    return v, "PHONE_NUMBER", False


def phone_intl_spoken(style):
    cc, rest = rng.choice(INTL)
    groups = rest().split(" ")
    v = "plus " + say_digits(cc[1:], dbl=0) + " " + say_groups(groups)
    return v, "PHONE_NUMBER", True


def phone_any(style):
    r = rng.random()
    if style == "asr" and r < 0.45:
        return phone_spoken(style)
    if r < 0.8:
        return phone_typed(style)
    return phone_intl(style)


EMAIL_DOMAINS = ["fastmail.com", "proton.me", "outlook.ie", "yahoo.co.in", "hey.com",
                 "zoho.com", "icloud.com", "comcast.net", "web.de", "orange.fr",
                 "btinternet.com", "riverbend-isd.org", "cedarvale.gov", "mail.ca",
                 "posteo.de", "yandex.ru", "optonline.net", "live.co.uk", "uclahealth.org",
                 "tuta.io"]


def email_parts():
    f = first_name(allow_word=False).lower().replace("-", "")
    l = last_name().lower().replace("'", "").replace("-", "")
    kind = rng.randint(0, 6)
    if kind == 0:
        local = [f, ".", l]
    elif kind == 1:
        local = [f, "_", l]
    elif kind == 2:
        local = [f[0], l]
    elif kind == 3:
        local = [f, str(rng.randint(70, 99))]
    elif kind == 4:
        local = [f, "-", l]
    elif kind == 5:
        local = [l, ".", f[0], str(rng.randint(1, 9))]
    else:
        local = [f, l, str(rng.randint(2, 30))]
    return local, rng.choice(EMAIL_DOMAINS)


def email_typed(style):
    local, dom = email_parts()
    v = "".join(local) + "@" + dom
    if style == "whisper" and rng.random() < 0.3:
        v = v[0].upper() + v[1:]
    return v, "EMAIL_ADDRESS", False


def email_spoken(style):
    local, dom = email_parts()
    out = []
    for p in local:
        if p == ".":
            out.append("dot")
        elif p == "_":
            out.append("underscore")
        elif p == "-":
            out.append(rng.choice(["dash", "hyphen"]))
        elif p.isdigit():
            out.append(words(int(p)) if rng.random() < 0.6 else say_digits(p, dbl=0))
        elif len(p) == 1:
            out.append(p)
        else:
            out.append(p)
    dom_words = []
    for part in re.split(r"([.-])", dom):
        if part == ".":
            dom_words.append("dot")
        elif part == "-":
            dom_words.append("dash")
        else:
            dom_words.append(part)
    v = " ".join(out) + " at " + " ".join(dom_words)
    return v, "EMAIL_ADDRESS", True


def ssn_typed(style):
    s = make_ssn()
    v = rng.choice([f"{s[:3]}-{s[3:5]}-{s[5:]}", f"{s[:3]} {s[3:5]} {s[5:]}", s])
    return v, "US_SSN", False


def ssn_spoken(style):
    s = make_ssn()
    sep = " dash " if rng.random() < 0.25 else " "
    return say_groups([s[:3], s[3:5], s[5:]], sep=sep), "US_SSN", True


def make_card():
    kind = rng.choice(["visa", "visa", "mc", "mc2", "amex", "disc", "disc65"])
    if kind == "visa":
        n = luhn_complete("4" + digits(5), 16)
    elif kind == "mc":
        n = luhn_complete(str(rng.randint(51, 55)) + digits(4), 16)
    elif kind == "mc2":
        n = luhn_complete(str(rng.randint(2221, 2720)) + digits(2), 16)
    elif kind == "amex":
        n = luhn_complete(rng.choice(["34", "37"]) + digits(4), 15)
    elif kind == "disc":
        n = luhn_complete("6011" + digits(2), 16)
    else:
        n = luhn_complete("65" + digits(4), 16)
    assert luhn_ok(n)
    return n


def card_groups(n):
    if len(n) == 15:
        return [n[:4], n[4:10], n[10:]]
    return [n[i:i + 4] for i in range(0, 16, 4)]


def card_typed(style):
    n = make_card()
    g = card_groups(n)
    v = rng.choice([" ".join(g), "-".join(g), n])
    return v, "CREDIT_CARD", False


def card_spoken(style):
    n = make_card()
    return say_groups(card_groups(n), dbl=0.3), "CREDIT_CARD", True


def iban_typed(style):
    iban = make_iban()
    if rng.random() < 0.6:
        v = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
    else:
        v = iban
    if style == "asr":
        v = v.lower()
    return v, "IBAN_CODE", False


def iban_spoken(style):
    iban = make_iban(rng.choice(["GB", "DE", "FR", "ES", "NL", "IE", "BE", "PL", "IT",
                                 "CH", "AT", "PT", "NO"]))
    oh = rng.random() < 0.4
    out = []
    for ch in iban:
        if ch.isdigit():
            out.append(("oh" if oh else "zero") if ch == "0" else ONES[int(ch)])
        else:
            out.append(ch.lower())
    return " ".join(out), "IBAN_CODE", True


def aba_typed(style):
    return make_aba(), "ABA_ROUTING_NUMBER", False


def aba_spoken(style):
    n = make_aba()
    return say_digits(n, dbl=0.3), "ABA_ROUTING_NUMBER", True


def bank_typed(style):
    n = digits(rng.randint(8, 14))
    if rng.random() < 0.3:
        n = "00" + n[2:]
    return n, "US_BANK_NUMBER", False


def bank_spoken(style):
    n = nz_digits(rng.randint(9, 12))
    return say_digits(n, dbl=0.3), "US_BANK_NUMBER", True


def dob_year(child=False):
    return rng.randint(2008, 2019) if child else rng.randint(1938, 2001)


def dob_typed_value(child=False):
    y, m, d = dob_year(child), rng.randint(1, 12), rng.randint(1, 28)
    mon = MONTHS[m - 1].capitalize()
    return rng.choice([f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y}", f"{mon} {d}, {y}",
                       f"{d} {mon} {y}", f"{y}-{m:02d}-{d:02d}", f"{m}-{d}-{str(y)[2:]}",
                       f"{d:02d}.{m:02d}.{y}", f"{mon} {ordinal_suffix(d)} {y}"])


def dob_typed(style):
    v = dob_typed_value()
    return (v.lower() if style == "asr" else v), "DATE_OF_BIRTH", False


def dob_spoken_value(child=False):
    y, m, d = dob_year(child), rng.randint(1, 12), rng.randint(1, 28)
    mon = MONTHS[m - 1]
    r = rng.random()
    if r < 0.35:
        return "the ", f"{ordinal(d)} of {mon} {say_year(y)}"
    if r < 0.65:
        return f"{mon} {ordinal(d)} {say_year(y)}"
    if r < 0.8:
        return f"{mon} {words(d)} {say_year(y)}"
    return f"{say_pair(f'{m:02d}')} {say_pair(f'{d:02d}')} {say_pair(str(y)[2:])}"


def with_prefix(v, etype):
    # the article of "the third of may ..." is a cue word, not part of the value
    if isinstance(v, tuple):
        return v[1], etype, True, v[0]
    return v, etype, True


def dob_spoken(style):
    return with_prefix(dob_spoken_value(), "DATE_OF_BIRTH")


def dob_child_spoken(style):
    return with_prefix(dob_spoken_value(child=True), "DATE_OF_BIRTH")


def dob_child_typed(style):
    v = dob_typed_value(child=True)
    return (v.lower() if style == "asr" else v), "DATE_OF_BIRTH", False


STREET_NAMES = ["Juniper Hollow", "Tamarack", "Marigold", "Halsey", "Kestrel Ridge",
                "Alder Creek", "Bramblewood", "Cinder Mill", "Larkspur", "Quarry Hill",
                "Saddleback", "Osprey Point", "Wexford", "Carrick", "Old Mill",
                "Pinyon", "Chickasaw", "Ridgecrest", "Linden", "Magnolia Bluff", "Dunmore",
                "Heron Bay", "Copperfield", "Sandpiper", "Foxglove", "Whitetail",
                "Prairie Wind", "Blue Spruce", "Mesquite", "Arbor Glen"]
STREET_TYPES = ["Lane", "Court", "Terrace", "Way", "Drive", "Road", "Avenue", "Place",
                "Boulevard", "Crescent", "Close", "Row", "Parkway", "Circle", "Trail",
                "Loop", "Street", "Pike"]
ABBR = {"Lane": "Ln", "Court": "Ct", "Drive": "Dr", "Road": "Rd", "Avenue": "Ave",
        "Boulevard": "Blvd", "Street": "St", "Parkway": "Pkwy", "Terrace": "Ter"}


def house_number():
    r = rng.random()
    if r < 0.15:
        return rng.randint(2, 99)
    if r < 0.55:
        return rng.randint(100, 999)
    if r < 0.95:
        return rng.randint(1000, 9999)
    return rng.randint(10000, 24999)


def street_typed(style):
    n = house_number()
    name = rng.choice(STREET_NAMES)
    typ = rng.choice(STREET_TYPES)
    if rng.random() < 0.25 and typ in ABBR:
        typ = ABBR[typ]
    pre = rng.choice(["", "", "", "North ", "West ", "SE ", "E "])
    if rng.random() < 0.12:
        ordn = rng.randint(2, 99)
        v = f"{n} {pre}{ordinal_suffix(ordn)} {rng.choice(['Street', 'Avenue'])}"
    else:
        v = f"{n} {pre}{name} {typ}"
    return (v.lower() if style == "asr" else v), "STREET_ADDRESS", False


def street_spoken(style):
    n = house_number()
    name = rng.choice(STREET_NAMES).lower()
    typ = rng.choice(STREET_TYPES).lower()
    if rng.random() < 0.15:
        v = f"{say_house_number(n)} {ordinal(rng.randint(2, 79))} {rng.choice(['street', 'avenue'])}"
    else:
        v = f"{say_house_number(n)} {name} {typ}"
    return v, "STREET_ADDRESS", True


ZIPS = ["98406", "60614", "30318", "78704", "02139", "85016", "48207", "97214", "33125",
        "10027", "19104", "80205", "55408", "70119", "37208", "04101", "87106", "29401",
        "73112", "53703", "06511", "84102", "66044", "99508", "96813"]


def zip_typed(style):
    z = rng.choice(ZIPS)
    if rng.random() < 0.25:
        z += "-" + digits(4)
    return z, "ZIP_CODE", False


def zip_spoken(style):
    return say_digits(rng.choice(ZIPS), dbl=0.3), "ZIP_CODE", True


def ipv4_octets():
    kind = rng.random()
    if kind < 0.3:
        return [192, 168, rng.randint(0, 20), rng.randint(2, 254)]
    if kind < 0.5:
        return [10, rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)]
    if kind < 0.6:
        return [172, rng.randint(16, 31), rng.randint(0, 255), rng.randint(1, 254)]
    return [rng.choice([24, 38, 64, 71, 81, 86, 98, 109, 151, 176, 185, 203, 212]),
            rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)]


def ip_typed(style):
    return ".".join(str(o) for o in ipv4_octets()), "IP_ADDRESS", False


def say_octet(o):
    s = str(o)
    r = rng.random()
    if len(s) == 3:
        if r < 0.35:
            return say_digits(s, dbl=0)
        if r < 0.65 and s[1:] != "00":
            return ONES[int(s[0])] + " " + say_pair(s[1:]) if s[1] != "0" else \
                ONES[int(s[0])] + " oh " + ONES[int(s[2])]
        return words(o, use_and=rng.random() < 0.3)
    if len(s) == 2 and r < 0.3:
        return say_digits(s, dbl=0)
    return words(o)


def ip_spoken(style):
    sep = " dot " if rng.random() < 0.85 else " point "
    return sep.join(say_octet(o) for o in ipv4_octets()), "IP_ADDRESS", True


def ipv6(style):
    r = rng.random()
    h = lambda: format(rng.randint(1, 0xffff), "x")
    if r < 0.35:
        v = f"2001:db8:{h()}:{h()}::{h()}"
    elif r < 0.6:
        v = f"fe80::{h()}:{h()}:{h()}:{h()}"
    elif r < 0.8:
        v = ":".join([f"2a0{rng.randint(0, 9)}", h(), h(), h(), h(), h(), h(), h()])
    else:
        v = f"2600:{h()}:{h()}::{h()}:{h()}"
    if style == "whisper" and rng.random() < 0.3:
        v = v.upper()
    return v, "IP_ADDRESS", False


def L():
    return rng.choice(UPPER)


DL_FORMATS = [
    ("California", lambda: L() + digits(7)),
    ("Florida", lambda: f"{L()}{digits(3)}-{digits(3)}-{digits(2)}-{digits(3)}-{digits(1)}"),
    ("Illinois", lambda: f"{L()}{digits(3)}-{digits(4)}-{digits(4)}"),
    ("New York", lambda: rng.choice([nz_digits(9), f"{nz_digits(3)} {digits(3)} {digits(3)}"])),
    ("Texas", lambda: nz_digits(8)),
    ("Washington", lambda: "WDL" + "".join(rng.choice(UPPER + "0123456789") for _ in range(9))),
    ("Pennsylvania", lambda: f"{nz_digits(2)} {digits(3)} {digits(3)}"),
    ("Michigan", lambda: f"{L()} {digits(3)} {digits(3)} {digits(3)} {digits(3)}"),
    ("New Jersey", lambda: f"{L()}{digits(4)} {digits(5)} {digits(5)}"),
    ("Ohio", lambda: f"{L()}{L()}{digits(6)}"),
    ("Arizona", lambda: L() + digits(8)),
]


def dl_typed(style):
    state, f = rng.choice(DL_FORMATS)
    v = f()
    return (v.lower() if style == "asr" else v), "US_DRIVER_LICENSE", False


def dl_spoken(style):
    state, f = rng.choice([x for x in DL_FORMATS if x[0] in ("California", "Texas",
                                                             "Arizona", "Ohio")])
    return spell(f()), "US_DRIVER_LICENSE", True


def passport_typed(style):
    v = nz_digits(9) if rng.random() < 0.6 else L() + digits(8)
    return (v.lower() if style == "asr" else v), "US_PASSPORT", False


def passport_spoken(style):
    v = nz_digits(9) if rng.random() < 0.7 else L() + digits(8)
    return spell(v) if not v.isdigit() else say_digits(v, dbl=0.3), "US_PASSPORT", True


def mrn_typed(style):
    v = rng.choice([digits(8), nz_digits(7), "00" + digits(6), f"{L()}{digits(7)}",
                    f"{digits(3)}-{digits(2)}-{digits(3)}", f"MR{digits(7)}"])
    return (v.lower() if style == "asr" else v), "MEDICAL_RECORD_NUMBER", False


def mrn_spoken(style):
    return say_digits(nz_digits(rng.choice([7, 8])), dbl=0.3), "MEDICAL_RECORD_NUMBER", True


def acct_typed(style):
    v = rng.choice([f"{digits(4)} {digits(4)} {digits(4)}", f"{digits(2)}-{digits(4)}-{digits(4)}",
                    nz_digits(10), nz_digits(9), f"{digits(6)}-{digits(3)}",
                    f"{digits(5)}-{digits(5)}", f"{digits(3)} {digits(3)} {digits(4)}"])
    return v, "ACCOUNT_NUMBER", False


def acct_spoken(style):
    n = nz_digits(rng.choice([8, 9, 10, 12]))
    if rng.random() < 0.4:
        return say_groups([n[:4], n[4:8], n[8:]] if len(n) > 8 else [n[:4], n[4:]]), \
            "ACCOUNT_NUMBER", True
    return say_digits(n), "ACCOUNT_NUMBER", True


# ---- non-PII distractors (no span)

def money(style):
    d, c = rng.randint(3, 2400), rng.randint(0, 99)
    if style == "asr" and rng.random() < 0.6:
        s = f"{words(d)} dollars"
        if c:
            s += f" and {words(c)} cents" if rng.random() < 0.5 else f" {words(c)}"
        return s, None, False
    return rng.choice([f"${d:,}.{c:02d}", f"{d}.{c:02d}", f"${d}", f"£{d}.{c:02d}",
                       f"{d} dollars {c:02d}"]), None, False


def meter(style):
    n = digits(rng.choice([5, 6]))
    if style == "asr" and rng.random() < 0.5:
        return say_digits(n, dbl=0.3), None, False
    return n, None, False


def time_(style):
    h, m = rng.randint(1, 12), rng.choice([0, 5, 15, 20, 30, 40, 45, 50])
    if style == "asr":
        if m == 0:
            return rng.choice([f"{words(h)} o'clock", f"{words(h)} am", f"{words(h)} pm"]), None, False
        return f"{words(h)} {say_pair(f'{m:02d}')}", None, False
    return f"{h}:{m:02d}" + rng.choice(["", " am", " pm", "am", " PM"]), None, False


def appt_date(style):
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    mon = MONTHS[m - 1]
    if style == "asr":
        return rng.choice([f"{mon} {ordinal(d)}", f"the {ordinal(d)} of {mon}",
                           f"{rng.choice(['monday', 'tuesday', 'thursday'])} the {ordinal(d)}"]), \
            None, False
    return rng.choice([f"{mon.capitalize()} {d}", f"{m}/{d}", f"{m}/{d}/2026",
                       f"{mon.capitalize()} {ordinal_suffix(d)}", f"2026-{m:02d}-{d:02d}"]), None, False


def year(style):
    y = rng.randint(1994, 2026)
    return (say_year(y) if style == "asr" and rng.random() < 0.6 else str(y)), None, False


def qty(style):
    n = rng.randint(12, 48000)
    if style == "asr" and rng.random() < 0.5:
        return words(n), None, False
    return (f"{n:,}" if rng.random() < 0.5 else str(n)), None, False


def order_no(style):
    v = rng.choice([nz_digits(7), nz_digits(10), f"{nz_digits(3)}-{digits(7)}-{digits(7)}",
                    f"W{digits(9)}", f"{digits(2)}-{digits(6)}"])
    return (v.lower() if style == "asr" else v), None, False


def ticket_no(style):
    v = rng.choice([f"INC{digits(7)}", f"CS-{digits(6)}", f"{nz_digits(8)}",
                    f"TKT-{digits(5)}", f"2026-{digits(6)}", f"REF{digits(6)}"])
    if style == "asr" and rng.random() < 0.4:
        return say_digits(nz_digits(7)), None, False
    return (v.lower() if style == "asr" else v), None, False


def version(style):
    v = rng.choice([f"{rng.randint(1, 18)}.{rng.randint(0, 9)}.{rng.randint(0, 30)}",
                    f"{rng.randint(2, 6)}.{rng.randint(0, 12)}.{rng.randint(0, 40)}.{rng.randint(100, 9999)}",
                    f"{rng.randint(10, 17)}.{rng.randint(0, 6)}"])
    return v, None, False


def percent(style):
    p = rng.choice([f"{rng.randint(1, 40)}", f"{rng.randint(1, 9)}.{rng.randint(0, 9)}"])
    if style == "asr":
        return (words(int(float(p))) + " percent") if "." not in p else p + " percent", None, False
    return p + "%", None, False


def dosage(style):
    mg = rng.choice([5, 10, 20, 25, 40, 50, 75, 100, 250, 500, 850, 1000])
    if style == "asr":
        return f"{words(mg)} milligrams", None, False
    return rng.choice([f"{mg} mg", f"{mg}mg", f"{mg} milligrams"]), None, False


def flight(style):
    v = f"{rng.choice(['BA', 'UA', 'EI', 'LH', 'AA', 'DL', 'AF', 'QR', 'WN'])}{rng.randint(10, 2999)}"
    if style == "asr":
        return spell(v[:2]) + " " + say_digits(v[2:], dbl=0), None, False
    return v, None, False


def guid(style):
    v = "-".join(format(rng.getrandbits(b * 4), f"0{b}x") for b in (8, 4, 4))
    return v, None, False


PLACES = ["Tacoma", "Duluth", "Galway", "Leeds", "Bakersfield", "Chattanooga", "Dundalk",
          "Fresno", "Asheville", "Spokane", "Killarney", "Yonkers", "Laredo", "Sligo",
          "Boise", "Ipswich", "Tulsa", "Macon", "Cork", "Ogden"]


def place(style):
    v = rng.choice(PLACES)
    return (v.lower() if style == "asr" else v), None, False


def age(style):
    n = rng.randint(8, 16)
    return (words(n) if style == "asr" else str(n)), None, False


def school_year(style):
    n = rng.randint(3, 11)
    return (words(n) if style == "asr" else str(n)), None, False


def tracking(style):
    v = "1Z" + "".join(rng.choice(UPPER + "0123456789") for _ in range(16))
    return (v.lower() if style == "asr" else v), None, False


def expiry(style):
    m, y = rng.randint(1, 12), rng.randint(26, 32)
    if style == "asr":
        return f"{say_pair(f'{m:02d}')} {words(y)}", None, False
    return f"{m:02d}/{y}", None, False


def small(style):
    n = rng.randint(2, 14)
    return (words(n) if style == "asr" else str(n)), None, False


SLOTS = {k: v for k, v in globals().items() if callable(v) and k in {
    "person_full", "person_first", "person_first_plain", "person_last", "person_wordname",
    "phone_typed", "phone_spoken", "phone_intl", "phone_intl_spoken", "phone_any",
    "email_typed", "email_spoken", "ssn_typed", "ssn_spoken", "card_typed", "card_spoken",
    "iban_typed", "iban_spoken", "aba_typed", "aba_spoken", "bank_typed", "bank_spoken",
    "dob_typed", "dob_spoken", "dob_child_spoken", "dob_child_typed", "street_typed",
    "street_spoken", "zip_typed", "zip_spoken", "ip_typed", "ip_spoken", "ipv6",
    "dl_typed", "dl_spoken", "passport_typed", "passport_spoken", "mrn_typed", "mrn_spoken",
    "acct_typed", "acct_spoken", "money", "meter", "time_", "appt_date", "year", "qty",
    "order_no", "ticket_no", "version", "percent", "dosage", "flight", "guid", "place",
    "small", "age", "school_year", "tracking", "expiry"}}


# --------------------------------------------------------------------------- templates
# (domain, style, copies, text). style: "asr", "whisper" or "any" (picked per copy).
# Literal text is written cased and punctuated; the "asr" rendering lower-cases it and
# drops punctuation. Slots are {name} from SLOTS.

POSITIVE = [
    # ---- utilities
    ("utility", "any", 3, "Hi, this is {person_full}, I'm calling about my water bill, it came to {money} this month."),
    ("utility", "asr", 3, "yeah my account number is {acct_spoken} and the meter reading says {meter}"),
    ("utility", "whisper", 2, "Account no. {acct_typed}, service address {street_typed}. Customer disputes the {money} estimate."),
    ("utility", "asr", 3, "the service address is {street_spoken} and the zip is {zip_spoken}"),
    ("utility", "any", 2, "It's {person_full} speaking, the gas was shut off at {street_typed} on {appt_date}."),
    ("utility", "asr", 2, "you can text me on {phone_spoken} when the engineer is on the way"),
    ("utility", "whisper", 2, "Best number to reach me is {phone_typed}, I'm usually home after {time_}."),
    ("utility", "asr", 2, "my customer number is {acct_typed} and i want to set up autopay from my checking account {bank_typed}"),
    ("utility", "any", 2, "The bill should go to {email_typed} instead of paper, we used {qty} kilowatt hours."),
    ("utility", "asr", 3, "can you send the final bill to {email_spoken} please i'm moving out on {appt_date}"),
    ("utility", "asr", 2, "i'm calling for my mum {person_full} she's {small} weeks in hospital and the electric is in her name"),
    ("utility", "whisper", 2, "Caller gave DOB {dob_typed} to verify, account {acct_typed}, balance {money}."),
    ("utility", "asr", 2, "the router at home shows {ip_spoken} and the smart meter won't connect"),
    ("utility", "any", 2, "My smart meter hub has the IP {ip_typed}, firmware {version}."),
    ("utility", "asr", 2, "the new tenant is called {person_full} and she moves into {street_spoken} next week"),
    # ---- clinics
    ("clinic", "any", 3, "Hi, I'm calling for Dr. {person_last}, my name is {person_full} and my date of birth is {dob_typed}."),
    ("clinic", "asr", 3, "my date of birth is {dob_spoken} and i need to move my appointment from {time_}"),
    ("clinic", "asr", 3, "i was born on {dob_spoken} and my medical record number is {mrn_spoken}"),
    ("clinic", "whisper", 2, "Patient {person_full}, MRN {mrn_typed}, requests refill of metformin {dosage}."),
    ("clinic", "any", 2, "Her medical record number is {mrn_typed}, DOB {dob_typed}, call back on {phone_typed}."),
    ("clinic", "asr", 2, "this is nurse {person_first_plain} from the cardiology clinic calling for {person_full} about the results"),
    ("clinic", "asr", 2, "yes hello it's {person_full} i'm on {dosage} of lisinopril and the pharmacy says the prescription expired"),
    ("clinic", "asr", 2, "you can reach my husband {person_first} on {phone_spoken} he's driving me to the appointment"),
    ("clinic", "whisper", 2, "Pt states she moved to {street_typed}, zip code {zip_typed}. Update chart before {appt_date}."),
    ("clinic", "asr", 2, "my son {person_first_plain} was born {dob_child_spoken} and he's been coughing for {small} days"),
    ("clinic", "any", 2, "Insurance asked for my SSN, it's {ssn_typed}, and the copay was {money}."),
    ("clinic", "asr", 2, "could you email the lab results to {email_spoken} instead of the portal"),
    ("clinic", "whisper", 2, "Mrs. {person_last} called re: lab results, MRN {mrn_typed}. Callback {phone_intl}."),
    # ---- child and family helplines
    ("helpline", "asr", 3, "my name is {person_first_plain} and i'm {age} and my stepdad shouts at me all the time"),
    ("helpline", "asr", 2, "i'm worried about my friend {person_full} she lives at {street_spoken} and she didn't come to school"),
    ("helpline", "asr", 2, "my teacher {person_full} said i should call you"),
    ("helpline", "asr", 2, "call me {person_first} i don't want to say my last name"),
    ("helpline", "any", 2, "My daughter {person_first} has been missing since {time_}, she's {age}, her phone is {phone_typed}."),
    ("helpline", "asr", 2, "our neighbour {person_full} leaves the kids alone at {street_spoken} every night"),
    ("helpline", "asr", 2, "it's {person_first_plain} again i called last week about my brother {person_first_plain}"),
    ("helpline", "whisper", 2, "Child (first name {person_first}) says she attends Lincoln Park Middle, lives at {street_typed}."),
    ("helpline", "asr", 2, "my daughter {person_wordname} is being bullied and the school won't do anything"),
    ("helpline", "asr", 2, "this is officer {person_last} from the youth liaison team returning your call"),
    ("helpline", "asr", 2, "the boy's name is {person_full} date of birth {dob_child_spoken}"),
    ("helpline", "any", 2, "You can email me at {email_typed} if it's easier, I don't want him to hear me on the phone."),
    # ---- local government
    ("government", "any", 3, "Hello, {person_full} here, I'm applying for a building permit for {street_typed}."),
    ("government", "asr", 2, "my social security number is {ssn_spoken} for the benefits claim"),
    ("government", "any", 2, "My SSN is {ssn_typed} and my date of birth is {dob_typed}."),
    ("government", "asr", 2, "social is {ssn_typed} and the council tax reference is {ticket_no}"),
    ("government", "asr", 2, "my driver's license number is {dl_spoken} for the parking permit"),
    ("government", "whisper", 3, "Driver's license: {dl_typed}. Applicant {person_full}, permit fee {money} paid."),
    ("government", "asr", 2, "my passport number is {passport_spoken} and it expires in {year}"),
    ("government", "whisper", 2, "US passport no. {passport_typed}, issued {year}. Applicant phone {phone_typed}."),
    ("government", "asr", 2, "i'm calling about the housing benefit for {person_full} at {street_typed} zip code {zip_typed}"),
    ("government", "asr", 2, "you can ring me back on {phone_intl_spoken} i'm visiting family abroad"),
    ("government", "whisper", 2, "Resident {person_full} ({email_typed}) reports a missed bin collection on {appt_date}."),
    # ---- banks and payments
    ("bank", "asr", 3, "my card number is {card_spoken} expiry {expiry}"),
    ("bank", "any", 3, "The card is {card_typed}, and I was charged {money} twice."),
    ("bank", "whisper", 2, "Please wire it to IBAN {iban_typed}, reference invoice {order_no}."),
    ("bank", "asr", 3, "the iban is {iban_spoken}"),
    ("bank", "asr", 2, "my iban is {iban_typed} it's a {place} account"),
    ("bank", "any", 2, "Routing number {aba_typed}, account number {bank_typed}, for the direct deposit of {money}."),
    ("bank", "asr", 2, "the routing number is {aba_spoken} and my checking account number is {bank_spoken}"),
    ("bank", "asr", 2, "hi it's {person_full} my savings account number is {bank_typed} and i don't recognise a payment of {money}"),
    ("bank", "asr", 2, "can you call me back on {phone_spoken} or email {email_spoken}"),
    ("bank", "whisper", 2, "Card ending reported stolen; full PAN {card_typed}. Customer {person_full}, DOB {dob_typed}."),
    ("bank", "asr", 2, "yeah the visa is {card_typed} and the zip code on file is {zip_spoken}"),
    ("bank", "any", 2, "The login came from IP address {ip_typed}, not from me. I was in {place}."),
    ("bank", "whisper", 2, "Suspicious session from {ipv6} at {time_}; customer {person_full} confirmed it wasn't them."),
    ("bank", "asr", 2, "this is {person_full} my mobile is {phone_intl} and my iban is {iban_spoken}"),
    ("bank", "asr", 2, "speaking yes this is {person_full} i want to dispute {money} on my card {card_spoken}"),
    # ---- more of the checksum and contact entities, in other wordings
    ("government", "asr", 2, "ok so the social on the form is {ssn_typed} and the household has {small} people"),
    ("bank", "asr", 2, "to verify it's {ssn_spoken} and my zip is {zip_spoken}"),
    ("clinic", "whisper", 2, "Guarantor SSN {ssn_typed}; guarantor {person_full}, relationship: mother."),
    ("helpline", "asr", 1, "the foster agency wanted my social which is {ssn_spoken} is that normal"),
    ("bank", "asr", 2, "can i pay the balance with my mastercard it's {card_typed} expiry {expiry}"),
    ("utility", "asr", 2, "ok the card number {card_spoken} and it's in my wife's name"),
    ("government", "whisper", 2, "Payment taken by card {card_typed} (exp {expiry}) for permit {order_no}."),
    ("bank", "whisper", 2, "Beneficiary: {person_full}, IBAN {iban_typed}, amount {money}."),
    ("bank", "asr", 2, "i'm sending rent to my landlord abroad his iban is {iban_spoken} and it's {money}"),
    ("government", "any", 2, "The pension is paid into {iban_typed} since {year}."),
    ("utility", "any", 2, "My number changed, it's {phone_typed} now, not the old one."),
    ("clinic", "asr", 2, "ring me on {phone_intl} i'm staying with my sister"),
    ("helpline", "asr", 2, "my mum's number is {phone_spoken} but don't call her please"),
    ("bank", "asr", 2, "the number they called me from was {phone_typed} and they asked for my pin"),
    ("government", "whisper", 2, "Contact: {person_full}, {phone_typed}, {email_typed}."),
    ("utility", "asr", 2, "my email's {email_spoken} and i never got the bill for {appt_date}"),
    ("bank", "asr", 2, "the statement went to {email_typed} which is my old work address"),
    ("clinic", "whisper", 1, "Portal login email {email_typed} reset at {time_}; patient locked out."),
    ("utility", "asr", 2, "the vpn says my address is {ip_spoken} is that why the app won't load"),
    ("bank", "whisper", 2, "Blocked logins from {ip_typed} and {ipv6} after {small} failed attempts."),
    ("utility", "asr", 1, "my ipv6 address is {ipv6} according to the router page"),
    ("government", "whisper", 2, "ID checked: license {dl_typed}, name {person_full}, DOB {dob_typed}."),
    ("government", "asr", 1, "the passport is {passport_typed} it's a us passport"),
    ("bank", "asr", 2, "the aba number is {aba_typed} and the account is {bank_typed}"),
    ("utility", "asr", 2, "the gas account number is {acct_typed} and it's under {person_full}"),
    ("clinic", "asr", 2, "the mrn on the wristband says {mrn_typed} and her birthday is {dob_typed}"),
    ("government", "asr", 2, "i live at {street_spoken} zip code {zip_typed} since {year}"),
    ("helpline", "whisper", 1, "Caller is {person_first}, {age}, from {place}; she named her coach {person_full}."),
    ("clinic", "asr", 2, "hi it's doctor {person_last} returning a call for {person_first_plain} about the x ray"),
    ("bank", "asr", 2, "routing {aba_spoken} account {bank_spoken} it's a joint account with my husband"),
    ("government", "whisper", 2, "Passport {passport_typed} and driver's license {dl_typed} verified in person by {person_full}."),
    ("government", "asr", 1, "my license number is {dl_spoken} it was issued in {year}"),
    ("utility", "asr", 2, "account {acct_spoken} under the name {person_full}"),
    ("clinic", "asr", 2, "her medical record number is {mrn_spoken} and she's allergic to penicillin"),
    ("bank", "asr", 1, "and the social security number {ssn_typed} on the loan is not mine"),
]

NEGATIVE = [
    # ---- utilities
    ("utility", "any", 3, "Your current balance is {money}, due on {appt_date}."),
    ("utility", "asr", 3, "the meter reading today is {meter} and last month it was {meter}"),
    ("utility", "any", 2, "We used about {qty} gallons in {year}, that's {percent} more than before."),
    ("utility", "asr", 2, "the engineer can come on {appt_date} between {time_} and {time_}"),
    ("utility", "whisper", 2, "Outage ticket {ticket_no} opened at {time_}, about {qty} homes affected in {place}."),
    ("utility", "asr", 2, "i will pay the bill on friday i get paid then"),
    ("utility", "any", 2, "There's a grace period of {small} days before any late fee of {money}."),
    ("utility", "asr", 2, "may i ask why the bill went up by {money} since {year}"),
    ("utility", "whisper", 2, "Tariff changes from {appt_date}: standing charge {money}/day, unit rate {percent} higher."),
    ("utility", "asr", 2, "my order number is {order_no} for the new meter box"),
    ("utility", "any", 2, "The router is on firmware {version} and the error code is {guid}."),
    ("utility", "asr", 2, "i'm calling from {place} the whole street has no water since {time_}"),
    ("utility", "asr", 2, "we're a family of {small} and we use about {qty} kilowatt hours a month"),
    ("utility", "asr", 2, "it says reference {ticket_no} on the letter i got in {year}"),
    # ---- clinics
    ("clinic", "any", 3, "Take {dosage} twice a day with food for {small} days."),
    ("clinic", "asr", 2, "my appointment is on {appt_date} at {time_} with the physio"),
    ("clinic", "asr", 2, "the pharmacy said the refill is {money} without insurance"),
    ("clinic", "whisper", 2, "Appointment moved to {appt_date} at {time_}, room {small}, bring the referral letter."),
    ("clinic", "asr", 2, "my blood pressure was one forty over ninety and my sugar was {small} point {small}"),
    ("clinic", "asr", 2, "i've been on {dosage} since {year} and it's not working anymore"),
    ("clinic", "any", 2, "The clinic in {place} opens at {time_}; the wait is about {small} weeks."),
    ("clinic", "asr", 2, "the doctor said to go up to {dosage} at night and the bill will come in the mail"),
    ("clinic", "asr", 2, "i'm {small} weeks pregnant and my due date is {appt_date}"),
    ("clinic", "whisper", 2, "Lab order {order_no}; results in {small} business days. Copay {money}."),
    ("clinic", "asr", 2, "can i come in on {appt_date} i'm flying back on {flight} that morning"),
    # ---- helplines
    ("helpline", "asr", 3, "i'm {age} and in year {school_year} at school and i don't know who to talk to"),
    ("helpline", "asr", 2, "it started in {year} when we moved to {place} and it's got worse since"),
    ("helpline", "asr", 2, "i have hope that things will get better but my mum says it's all my fault"),
    ("helpline", "asr", 2, "he said he will come back at {time_} and i'm scared"),
    ("helpline", "asr", 2, "we had art class and the teacher asked us to draw our family"),
    ("helpline", "asr", 2, "it's been {small} days and nobody has called me back about case {ticket_no}"),
    ("helpline", "any", 2, "Can you call back after {time_}? My dad gets home around {time_}."),
    ("helpline", "asr", 2, "i spent about {money} of my own money on food this week"),
    ("helpline", "asr", 2, "i just want to be frank with you i don't feel safe at home"),
    ("helpline", "asr", 2, "my sister is {small} and i'm {age} and we share a room"),
    # ---- local government
    ("government", "any", 3, "Council tax for band {small} is {money} a year from {appt_date}."),
    ("government", "asr", 2, "my permit application number is {order_no} and i applied in {year}"),
    ("government", "whisper", 2, "Planning ref {ticket_no}: extension of {qty} sq ft, decision due {appt_date}."),
    ("government", "asr", 2, "the bin collection in {place} was missed on {appt_date} for the third time"),
    ("government", "asr", 2, "i was told the benefit is {money} a week and it goes up {percent} in april"),
    ("government", "any", 2, "The parking fine was {money}; case {ticket_no}, issued at {time_}."),
    ("government", "asr", 2, "may i speak to someone about the rates for {year}"),
    ("government", "asr", 2, "we have {qty} signatures on the petition for the crossing in {place}"),
    ("government", "whisper", 2, "Housing queue position {small} of {qty}. Next review {appt_date}."),
    ("government", "asr", 2, "the bill for the permit says {money} but the website said {money}"),
    # ---- banks
    ("bank", "any", 3, "I was charged {money} on {appt_date} and again {money} the next day."),
    ("bank", "asr", 2, "the transfer reference was {ticket_no} and it was for {money}"),
    ("bank", "whisper", 2, "Loan APR {percent}, term {small} years, monthly payment {money}."),
    ("bank", "asr", 2, "i need to mark a payment as fraud it was {money} at a shop in {place}"),
    ("bank", "any", 2, "The app crashes on version {version} when I open statements from {year}."),
    ("bank", "asr", 2, "i tried to pay {money} at {time_} and it said error {guid}"),
    ("bank", "asr", 2, "my rose gold card is bent can you send a new one to the branch in {place}"),
    ("bank", "whisper", 2, "Order {order_no} refunded: {money} on {appt_date}. Tracking {tracking}."),
    ("bank", "asr", 2, "i booked flight {flight} for {money} and it was cancelled"),
    ("bank", "asr", 2, "the exchange rate was one point {small} and i sent {qty} euros"),
    ("bank", "asr", 2, "i'd like to pay {percent} of the bill now and the rest on {appt_date}"),
    # ---- words that are also first names, places, brands
    ("utility", "asr", 2, "the bill is due in may and i will pay it in full"),
    ("bank", "asr", 2, "i moved my savings to chase last summer and they charged me a penny for every transfer"),
    ("helpline", "asr", 2, "by the grace of god my gran took me in after christmas"),
    ("government", "asr", 2, "can you mark it as paid i'll drop the form at the office in {place} on {appt_date}"),
    ("clinic", "any", 2, "Jack up the dose to {dosage}? The rash is worse since {appt_date} and the joy of it is gone."),
    ("bank", "whisper", 2, "Refund of {money} approved; ref {ticket_no}; ETA {small} working days."),
    ("utility", "asr", 2, "press {small} for billing or stay on the line for an advisor the wait is {small} minutes"),
    ("government", "asr", 2, "the bus from {place} at {time_} never turned up again"),
    ("clinic", "asr", 2, "the receptionist said ticket {ticket_no} is still open and my next slot is {appt_date} at {time_}"),
    ("utility", "whisper", 2, "Meter serial {order_no}, read {meter} on {appt_date}; estimated usage {qty} kWh."),
    ("bank", "asr", 2, "the atm ate my card at {time_} on {appt_date} and i only wanted {money}"),
]


def render_literal(s, style):
    if style == "whisper":
        return s
    s = s.lower()
    s = re.sub(r"[.,;:?!()\"]", "", s)
    s = s.replace(" - ", " ").replace("/", " ")
    return s


SLOT_RE = re.compile(r"\{([a-z_0-9]+)\}")


def compose(template, style):
    text = ""
    spans = []
    pos = 0
    for m in SLOT_RE.finditer(template):
        text += render_literal(template[pos:m.start()], style)
        fn = SLOTS[m.group(1)]
        out = fn(style)
        value, etype, spoken = out[:3]
        if len(out) == 4:
            text += out[3]
        start = len(text)
        text += value
        if etype:
            spans.append({"type": etype, "start": start, "end": len(text),
                          "text": value, "spoken": spoken})
        pos = m.end()
    text += render_literal(template[pos:], style)
    return text, spans


def build():
    rows = []
    lit_check = re.compile(r"  ")
    for kind, table in (("pos", POSITIVE), ("neg", NEGATIVE)):
        for ti, (domain, style, copies, template) in enumerate(table):
            for k in range(copies):
                st = style if style != "any" else rng.choice(["asr", "whisper"])
                text, spans = compose(template, st)
                assert not lit_check.search(text), text
                assert text == text.strip(), text
                for sp in spans:
                    assert text[sp["start"]:sp["end"]] == sp["text"], (text, sp)
                if kind == "neg":
                    assert not spans
                rows.append({
                    "id": f"{SPLIT}-{kind}{ti:03d}-{k}",
                    "split": SPLIT,
                    "domain": domain,
                    "style": st,
                    "text": text,
                    "entities": spans,
                })
    return rows


def validate(rows):
    for r in rows:
        for e in r["entities"]:
            t, v = e["type"], e["text"]
            if e["spoken"]:
                continue
            if t == "US_SSN":
                assert ssn_ok(re.sub(r"\D", "", v)), v
            elif t == "CREDIT_CARD":
                d = re.sub(r"\D", "", v)
                assert luhn_ok(d) and len(d) in (15, 16), v
            elif t == "IBAN_CODE":
                c = v.replace(" ", "").upper()
                assert iban_ok(c) and len(c) == IBAN_LEN[c[:2]], v
            elif t == "ABA_ROUTING_NUMBER":
                assert aba_ok(v), v


def main():
    rows = build()
    validate(rows)
    # stable, reproducible order but not grouped by template
    rng.shuffle(rows)
    with open(OUT, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts = {}
    neg = 0
    for r in rows:
        if not r["entities"]:
            neg += 1
        for e in r["entities"]:
            key = (e["type"], e["spoken"])
            counts[key] = counts.get(key, 0) + 1
    print(f"wrote {len(rows)} utterances to {OUT}; negatives {neg} "
          f"({100 * neg / len(rows):.0f} %)")
    for t in sorted({k[0] for k in counts}):
        typed, spoken = counts.get((t, False), 0), counts.get((t, True), 0)
        print(f"  {t:24} {typed + spoken:4}  (typed {typed}, spoken {spoken})")


if __name__ == "__main__":
    main()
