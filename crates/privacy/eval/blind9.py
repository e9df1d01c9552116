#!/usr/bin/env python3
"""Generator for the blind9 evaluation split of the Voxgate privacy engine.

Independent, labelled set of LONG multi-sentence call stretches and notes
(25 to 90 words), several entities per positive utterance, ~40 % negatives.
Standard library only, deterministic (fixed seed). Writes blind9.jsonl next to
this file.

Conventions used by this set:
  * A span covers exactly the PII value, never the cue ("my number is",
    "MRN", "Dr", "mrs" ... stay outside the span).
  * Titles are outside PERSON spans; each mention of a person is labelled.
  * STREET_ADDRESS covers house number + street (+ unit when adjacent);
    the town is not labelled; the ZIP is its own ZIP_CODE span.
  * spoken=true when the value is rendered as speech (numbers as words,
    letters spelled, "at"/"dot" in e-mails); names are spoken=false.
"""
import json
import os
import random
import re
import unicodedata

SEED = 90917
N_TOTAL = 280
N_NEG = 112
SPLIT = "blind9"

rng = random.Random(SEED)

# ---------------------------------------------------------------- words
ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety"]
ORD_SMALL = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth",
             6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth",
             11: "eleventh", 12: "twelfth", 13: "thirteenth",
             14: "fourteenth", 15: "fifteenth", 16: "sixteenth",
             17: "seventeenth", 18: "eighteenth", 19: "nineteenth",
             20: "twentieth", 30: "thirtieth"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def words(n, and_=False):
    """Cardinal number words for 0..9999."""
    if n < 20:
        return ONES[n]
    if n < 100:
        t, o = divmod(n, 10)
        return TENS[t] + ("" if o == 0 else " " + ONES[o])
    if n < 1000:
        h, r = divmod(n, 100)
        s = ONES[h] + " hundred"
        if r:
            s += (" and " if and_ else " ") + words(r)
        return s
    th, r = divmod(n, 1000)
    s = words(th) + " thousand"
    if r:
        s += (" and " if (and_ and r < 100) else " ") + words(r, and_)
    return s


def ordinal(n):
    if n in ORD_SMALL:
        return ORD_SMALL[n]
    t, o = divmod(n, 10)
    return TENS[t] + " " + ORD_SMALL[o]


def sfx(n):
    if 10 <= n % 100 <= 20:
        return "%dth" % n
    return "%d%s" % (n, {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def year_words(y):
    if y < 2000:
        hi, lo = divmod(y, 100)
        if lo == 0:
            return words(hi) + " hundred"
        if lo < 10:
            return words(hi) + " oh " + ONES[lo]
        return words(hi) + " " + words(lo)
    if y < 2010:
        return rng.choice(["two thousand and ", "two thousand "]) + ONES[y - 2000] if y > 2000 else "two thousand"
    return rng.choice(["twenty " + words(y - 2000), "two thousand " + words(y - 2000)])


def digit_words(ds, oh=None, runs=None):
    """Spell a digit string the way ASR writes it, with oh / double / triple."""
    if oh is None:
        oh = rng.random() < 0.6
    if runs is None:
        runs = rng.random() < 0.45
    out = []
    i = 0
    while i < len(ds):
        d = ds[i]
        j = i
        while j < len(ds) and ds[j] == d:
            j += 1
        run = j - i
        w = ("oh" if oh else "zero") if d == "0" else ONES[int(d)]
        if runs and run == 3:
            out.append("triple " + w)
        elif runs and run == 2:
            out.append("double " + w)
        elif runs and run > 3:
            out.append("triple " + w)
            out.extend([w] * (run - 3))
        else:
            out.extend([w] * run)
        i = j
    return " ".join(out)


def spell_chars(s, oh=None):
    """Letters as lower-case single letters, digits as words."""
    if oh is None:
        oh = rng.random() < 0.5
    out = []
    for ch in s:
        if ch.isdigit():
            out.append(("oh" if oh else "zero") if ch == "0" else ONES[int(ch)])
        elif ch.isalpha():
            out.append(ch.lower())
    return " ".join(out)


def spoken_groups(groups, seps=(" ", ", ", " dash ")):
    sep = rng.choice(seps)
    oh = rng.random() < 0.6
    runs = rng.random() < 0.45
    return sep.join(digit_words(g, oh, runs) for g in groups)


def rdig(n, first_nonzero=False):
    s = "".join(rng.choice("0123456789") for _ in range(n))
    if first_nonzero:
        s = rng.choice("123456789") + s[1:]
    return s


def asr_digits_mode(style):
    """In ASR style, a minority of numbers come out as digits."""
    return style == "asr" and rng.random() < 0.15

# ---------------------------------------------------------------- names
FIRST = [
    # European
    "Margaret", "Tomasz", "Sven", "Giulia", "Pierre", "Siobhan", "Aoife",
    "Declan", "Ingrid", "Dmitri", "Katarzyna", "Hans", "Lucia", "Eoin",
    "Niamh", "Bartosz", "Agnieszka", "Lars", "Maëlle", "Ruairí", "Dave",
    "Susan", "Gary", "Emily", "Fiona", "Stefan", "Olena", "Björn",
    # African
    "Chidi", "Amara", "Oluwaseun", "Kwame", "Thandiwe", "Abebe", "Wanjiru",
    "Nnamdi", "Folake", "Kofi", "Zanele", "Tendai", "Ayodele", "Chiamaka",
    "Sipho", "Yaw", "Adaeze", "Mariam",
    # South Asian
    "Priya", "Rajesh", "Anjali", "Sanjay", "Farhan", "Deepika", "Arjun",
    "Nusrat", "Harpreet", "Lakshmi", "Tariq", "Sunita", "Vikram", "Rukhsana",
    # East Asian
    "Wei", "Mei", "Hiroshi", "Yuki", "Jun", "Minjun", "Seoyeon", "Haruto",
    "Xiaoling", "Jiho", "Kenji", "Ling",
    # South-East Asian
    "Linh", "Anh", "Somchai", "Siti", "Ayu", "Rizal", "Maricel", "Thuy",
    "Nurul", "Dao", "Kiet",
    # Middle Eastern
    "Omar", "Layla", "Yusuf", "Fatima", "Reza", "Dariush", "Noor", "Khalid",
    "Yael", "Avi", "Samira", "Nadia", "Hamid",
    # Latin American
    "Alejandro", "Camila", "Mateo", "Valentina", "Joaquín", "Ximena",
    "Guadalupe", "Rodrigo", "Luz", "Thiago", "José",
    # Pacific
    "Sione", "Mele", "Tevita", "Losana", "Manaia", "Keoni", "Leilani",
    "Aroha", "Tamati", "Iosefa",
    # Indigenous (Americas / Australia)
    "Kateri", "Ahanu", "Winona", "Tahnee", "Jarrah", "Yindi", "Nakoma",
    "Dyani", "Takoda", "Koorine",
]
LAST = [
    "Okafor", "Mensah", "Adeyemi", "Kovalenko", "Nowak", "Schmidt",
    "O'Brien", "Patel", "Chaudhry", "Banerjee", "Singh", "Nakamura",
    "Tanaka", "Kim", "Park", "Nguyen", "Tran", "Santos", "Reyes", "Haddad",
    "Al-Masri", "Hosseini", "Cohen", "Rodríguez", "García", "Fonoti",
    "Tupou", "Kealoha", "Ngata", "Whitehorse", "Begay", "Yazzie", "Brown",
    "Walker", "Fitzgerald", "MacLeod", "van der Berg", "Dubois", "Rossi",
    "Eriksson", "Mwangi", "Abdi", "Haile", "Wiśniewska", "Ó Súilleabháin",
    "Oyelaran", "Zhang", "Liu", "Pham", "Wijaya", "Santiago", "Hernández",
    "Tuilagi", "Moana", "Blackfeather", "Jakamarra", "Kowalczyk", "Novak",
    "Achterberg", "Bianchi", "Dlamini", "Osei", "Kariuki", "Iyer", "Reddy",
    "Siddiqui", "Yamamoto", "Choi", "Lim", "Sato", "Karimi", "Farouk",
    "Mahmoud", "Mendoza", "Quispe", "Silva", "Taufa", "Peaches", "Runningwater",
]


def asr_name(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.lower().replace("-", " ")


class Person:
    def __init__(self, style):
        self.style = style
        self.first = rng.choice(FIRST)
        self.last = rng.choice(LAST)

    def get(self, part):
        if part == "first":
            v = self.first
        elif part == "last":
            v = self.last
        else:
            v = self.first + " " + self.last
        return asr_name(v) if self.style == "asr" else v

# ---------------------------------------------------------------- PII values


def nanp():
    while True:
        a = rng.choice("23456789") + rng.choice("012345678") + rng.choice("0123456789")
        if a[1:] == "11":
            continue
        e = rng.choice("23456789") + rdig(2)
        if e[1:] == "11":
            continue
        return a, e, rdig(4)


def gen_phone(style):
    a, e, s = nanp()
    if style == "typed" or asr_digits_mode(style):
        if style == "asr":
            return "%s %s %s" % (a, e, s), False
        f = rng.choice(["(%s) %s-%s", "%s-%s-%s", "%s.%s.%s", "+1 %s %s %s",
                        "+1-%s-%s-%s", "%s%s%s", "%s %s %s", "1-%s-%s-%s"])
        return f % (a, e, s), False
    v = spoken_groups([a, e, s], seps=(" ", ", ", " dash ", " ... "))
    if rng.random() < 0.15:
        v = "one " + v
    return v, True


INTL = ["+44 20 XXXX XXXX", "+44 7700 9XXXXX", "+49 30 XXXXXXXX",
        "+49 151 XXXXXXXX", "+33 6 XX XX XX XX", "+33 1 XX XX XX XX",
        "+91 9XXXX XXXXX", "+61 4XX XXX XXX", "+61 2 XXXX XXXX",
        "+353 87 XXX XXXX", "+353 1 XXX XXXX", "+234 803 XXX XXXX",
        "+63 917 XXX XXXX", "+52 55 XXXX XXXX", "+64 21 XXX XXXX",
        "+971 50 XXX XXXX", "+81 90 XXXX XXXX", "+27 82 XXX XXXX"]


def gen_phone_intl(style):
    pat = rng.choice(INTL)
    v = "".join(rng.choice("0123456789") if c == "X" else c for c in pat)
    groups = v[1:].split(" ")
    if style == "typed" or asr_digits_mode(style):
        if style == "asr":
            return v, False
        f = rng.randrange(4)
        if f == 0:
            return v, False
        if f == 1:
            return "+" + groups[0] + " " + "-".join(groups[1:]), False
        if f == 2:
            return "+" + "".join(groups), False
        return "+" + groups[0] + " " + "".join(groups[1:]), False
    oh = rng.random() < 0.5
    body = rng.choice([" ", ", "]).join(digit_words(g, oh) for g in groups[1:])
    return "plus " + digit_words(groups[0], oh, False) + " " + body, True


EMAIL_DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.uk", "proton.me",
                 "icloud.com", "hotmail.fr", "web.de", "btinternet.com",
                 "live.com.au", "yahoo.com", "mail.com", "gmx.net",
                 "comcast.net", "eircom.net", "rediffmail.com"]


def gen_email(style, person=None):
    p = person or Person("typed")
    f = asr_name(p.first).replace(" ", "").replace("'", "")
    l = asr_name(p.last).replace(" ", "").replace("'", "")
    num = str(rng.choice([rng.randint(1, 99), rng.randint(1960, 2005)])) if rng.random() < 0.5 else ""
    shape = rng.randrange(5)
    if shape == 0:
        parts = [(f, "."), (l, "")]
    elif shape == 1:
        parts = [(f, "_"), (l, "")]
    elif shape == 2:
        parts = [(f[0], ""), (l, "")]
    elif shape == 3:
        parts = [(f, "")]
    else:
        parts = [(l, "."), (f, "")]
    dom = rng.choice(EMAIL_DOMAINS)
    if style == "typed" or asr_digits_mode(style):
        local = "".join(a + b for a, b in parts) + num
        return local + "@" + dom, False
    toks = []
    for a, b in parts:
        toks.append(" ".join(a) if len(a) == 1 else a)
        if b:
            toks.append({".": "dot", "_": "underscore", "-": "dash"}[b])
    if num:
        n = int(num)
        toks.append(year_words(n) if n > 1900 else (words(n) if rng.random() < 0.5 else digit_words(num)))
    local = " ".join(toks)
    return local + " at " + dom.replace(".", " dot "), True


def gen_ssn(style):
    while True:
        a = rng.randint(1, 899)
        if a != 666:
            break
    g = rng.randint(1, 99)
    s = rng.randint(1, 9999)
    A, G, S = "%03d" % a, "%02d" % g, "%04d" % s
    if style == "typed" or asr_digits_mode(style):
        if style == "asr":
            return A + " " + G + " " + S, False
        f = rng.choice(["%s-%s-%s", "%s-%s-%s", "%s %s %s", "%s%s%s"])
        return f % (A, G, S), False
    if rng.random() < 0.35:
        return digit_words(A + G + S), True
    return spoken_groups([A, G, S]), True


def luhn_complete(body):
    digits = [int(c) for c in body]
    total = 0
    # check digit will be appended: double every second digit from the right of the full number
    for i, d in enumerate(reversed(digits)):
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


def gen_card_number():
    kind = rng.choice(["visa", "visa", "mc", "mc2", "amex", "disc", "disc65"])
    if kind == "visa":
        pre, n = "4", 16
    elif kind == "mc":
        pre, n = "5" + rng.choice("12345"), 16
    elif kind == "mc2":
        pre, n = str(rng.randint(2221, 2720)), 16
    elif kind == "amex":
        pre, n = rng.choice(["34", "37"]), 15
    elif kind == "disc":
        pre, n = "6011", 16
    else:
        pre, n = "65", 16
    num = luhn_complete(pre + rdig(n - len(pre) - 1))
    assert luhn_ok(num) and len(num) == n
    return num


def card_groups(num):
    if len(num) == 15:
        return [num[:4], num[4:10], num[10:]]
    return [num[i:i + 4] for i in range(0, 16, 4)]


def gen_card(style):
    num = gen_card_number()
    g = card_groups(num)
    if style == "typed" or asr_digits_mode(style):
        if style == "asr":
            return " ".join(g), False
        r = rng.random()
        if r < 0.45:
            return " ".join(g), False
        if r < 0.75:
            return "-".join(g), False
        return num, False
    return spoken_groups(g, seps=(" ", ", ", " ... ")), True


IBAN_SPECS = {
    # country: (length, bban pattern) n=digit a=upper letter c=alnum, or literal bank codes
    "DE": (22, "n18"), "GB": (22, "B4 n14"), "FR": (27, "n10 c11 n2"),
    "NL": (18, "B4 n10"), "ES": (24, "n20"), "IT": (27, "a1 n10 c12"),
    "BE": (16, "n12"), "IE": (22, "B4 n14"), "CH": (21, "n5 c12"),
    "AT": (20, "n16"), "PL": (28, "n24"), "SE": (24, "n20"),
    "PT": (25, "n21"), "NO": (15, "n11"), "DK": (18, "n14"),
}
BANKCODES = {"GB": ["NWBK", "BARC", "LOYD", "HBUK", "MIDL"],
             "NL": ["ABNA", "INGB", "RABO", "TRIO"],
             "IE": ["AIBK", "BOFI", "IPBS"]}


def iban_check(country, bban):
    s = bban + country + "00"
    num = "".join(str(int(ch, 36)) for ch in s)
    return "%02d" % (98 - int(num) % 97)


def iban_valid(iban):
    s = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in s)) % 97 == 1


def gen_iban_value(country=None):
    country = country or rng.choice(list(IBAN_SPECS))
    length, pat = IBAN_SPECS[country]
    bban = ""
    for tok in pat.split():
        k, n = tok[0], int(tok[1:])
        if k == "n":
            bban += rdig(n)
        elif k == "a":
            bban += "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(n))
        elif k == "c":
            bban += "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ" if rng.random() < 0.3 else "0123456789") for _ in range(n))
        elif k == "B":
            bban += rng.choice(BANKCODES[country])
    iban = country + iban_check(country, bban) + bban
    assert len(iban) == length, (country, iban)
    assert iban_valid(iban)
    return iban


def gen_iban(style):
    iban = gen_iban_value()
    if style == "typed" or asr_digits_mode(style):
        if style == "asr":
            return iban, False
        if rng.random() < 0.55:
            return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)), False
        return iban, False
    oh = rng.random() < 0.4
    if rng.random() < 0.4:
        chunks = [iban[i:i + 4] for i in range(0, len(iban), 4)]
        return ", ".join(spell_chars(c, oh) for c in chunks), True
    return spell_chars(iban, oh), True


def gen_aba_value():
    while True:
        first2 = "%02d" % rng.choice(list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)) + [80])
        body = first2 + rdig(6)
        d = [int(c) for c in body]
        s = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5])
        chk = (10 - s % 10) % 10
        v = body + str(chk)
        d = [int(c) for c in v]
        assert (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0
        return v


def gen_aba(style):
    v = gen_aba_value()
    if style == "typed" or asr_digits_mode(style):
        return v, False
    if rng.random() < 0.4:
        return spoken_groups([v[:3], v[3:6], v[6:]], seps=(" ", ", ")), True
    return digit_words(v), True


def gen_bank(style):
    n = rng.randint(8, 14)
    v = rdig(n, True) if rng.random() < 0.7 else "00" + rdig(n - 2)
    if style == "typed" or asr_digits_mode(style):
        return v, False
    return digit_words(v), True


def gen_acct(style):
    shape = rng.randrange(5)
    if shape == 0:
        v = rdig(10, True)
        t = v
        g = [v]
    elif shape == 1:
        a, b, c = rdig(4, True), rdig(4), rdig(2)
        t = "%s %s %s" % (a, b, c)
        g = [a, b, c]
    elif shape == 2:
        p = rng.choice(["EN", "AC", "CU", "GB", "PW"])
        a, b = rdig(4, True), rdig(4)
        t = "%s-%s-%s" % (p, a, b)
        g = [p, a, b]
    elif shape == 3:
        a = rdig(12, True)
        t = a
        g = [a[:4], a[4:8], a[8:]]
    else:
        a, b = rdig(3, True), rdig(6)
        t = "%s/%s" % (a, b)
        g = [a, b]
    if style == "typed" or asr_digits_mode(style):
        return t, False
    sep = rng.choice([" ", ", "])
    oh = rng.random() < 0.6
    return sep.join(spell_chars(x, oh) if x.isalpha() else digit_words(x, oh) for x in g), True


def rand_date(y0, y1):
    y = rng.randint(y0, y1)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return y, m, d


def gen_dob(style, child=False):
    y, m, d = rand_date(2008, 2010) if child == "teen" else (rand_date(2006, 2021) if child else rand_date(1938, 2004))
    M = MONTHS[m - 1]
    if style == "typed" or asr_digits_mode(style):
        if style == "asr":
            return "%d/%d/%d" % (m, d, y), False
        f = rng.randrange(8)
        return [
            "%02d/%02d/%d" % (m, d, y), "%d/%d/%02d" % (m, d, y % 100),
            "%02d/%02d/%d" % (d, m, y), "%s %d, %d" % (M, d, y),
            "%d %s %d" % (d, M, y), "%d-%02d-%02d" % (y, m, d),
            "%s %d %d" % (M[:3], d, y), "%s %s %d" % (sfx(d), M, y),
        ][f], False
    f = rng.randrange(5)
    mw = M.lower()
    if f == 0:
        return "%s %s %s" % (mw, ordinal(d), year_words(y)), True
    if f == 1:
        return "the %s of %s %s" % (ordinal(d), mw, year_words(y)), True
    if f == 2:
        return "%s %s %s" % (words(d), mw, year_words(y)), True
    if f == 3:
        yy = y % 100
        yw = ("oh " + ONES[yy]) if yy < 10 else words(yy)
        return "%s %s %s" % (words(m), words(d), yw), True
    return "%s %s %s" % (mw, words(d), year_words(y)), True


STREETS = ["Maple", "Jackson", "Washington", "Rose", "Elmwood", "Harrow",
           "Victoria", "Lincoln", "Kingsley", "Oak Hollow", "Martin Luther King Jr",
           "Cedar", "Willow", "Grace", "Hope", "Juniper", "Magnolia", "Baker",
           "Mill", "Chestnut", "Sunset", "Riverside", "Ocean View", "Pohukaina",
           "Te Atatu", "Cesar Chavez", "Hillcrest", "Lakeview", "Fairfax",
           "Greenbank", "Saint Patrick's", "Orchard", "Prospect", "Bridge"]
SUFFIX = ["Street", "Avenue", "Road", "Drive", "Lane", "Court", "Boulevard",
          "Way", "Place", "Terrace", "Close", "Crescent"]


def gen_addr(style):
    num = rng.choice([rng.randint(1, 99), rng.randint(100, 999), rng.randint(1000, 9999)])
    street = rng.choice(STREETS) + " " + rng.choice(SUFFIX)
    unit = None
    if rng.random() < 0.25:
        unit = (str(rng.randint(1, 30)) + rng.choice(["", "A", "B", "C"]))
    if style == "typed" or asr_digits_mode(style):
        if style == "asr":
            v = "%d %s" % (num, street.lower())
            if unit:
                v += " apartment " + unit.lower()
            return v, False
        v = "%d %s" % (num, street)
        if unit:
            v += rng.choice([", Apt ", " Apt ", ", Unit ", " #"]) + unit
        return v, False
    r = rng.random()
    if num >= 1000 and r < 0.5:
        hw = words(num // 100) + " " + (words(num % 100) if num % 100 >= 10 else ("oh " + ONES[num % 100] if num % 100 else "hundred"))
    elif r < 0.8:
        hw = words(num) if num < 100 else digit_words(str(num))
    else:
        hw = words(num)
    v = hw + " " + street.lower().replace("'", "")
    if unit:
        v += rng.choice([" apartment ", " unit ", " flat "]) + spell_chars(unit)
    return v, True


def gen_zip(style):
    z = rdig(5, True)
    if style == "typed" or asr_digits_mode(style):
        if style == "typed" and rng.random() < 0.25:
            return z + "-" + rdig(4), False
        return z, False
    return digit_words(z), True


def gen_ip(style):
    octs = [rng.choice([rng.randint(1, 223), 10, 172, 192, 203, 81, 45]), rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)]
    if style == "typed" or asr_digits_mode(style):
        return ".".join(map(str, octs)), False
    parts = []
    for o in octs:
        if o < 100 or rng.random() < 0.3:
            parts.append(words(o))
        else:
            parts.append(digit_words(str(o)))
    return " dot ".join(parts), True


def gen_ip6(style):
    h = lambda: "%x" % rng.randint(0, 0xffff)
    f = rng.randrange(4)
    if f == 0:
        v = "2001:db8:%s:%s::%s" % (h(), h(), h())
    elif f == 1:
        v = "fe80::%s:%s:%s:%s" % (h(), h(), h(), h())
    elif f == 2:
        v = ":".join(["2a02", h(), h(), h(), h(), h(), h(), h()])
    else:
        v = "2607:f8b0:%s::%s" % (h(), h())
    return v, False


def gen_dl(style):
    f = rng.randrange(7)
    L = lambda: rng.choice("ABCDEFGHJKLMNPRSTWY")
    if f == 0:
        t = L() + rdig(7)                                  # CA
    elif f == 1:
        t = rdig(3, True) + " " + rdig(3) + " " + rdig(3)  # NY
    elif f == 2:
        t = "%s%s-%s-%s-%s-%s" % (L(), rdig(3), rdig(3), rdig(2), rdig(3), rdig(1))  # FL
    elif f == 3:
        t = rdig(8, True)                                  # TX / PA
    elif f == 4:
        t = "%s%s-%s-%s" % (L(), rdig(3), rdig(4), rdig(4))  # IL
    elif f == 5:
        t = "%s%s %s %s" % (L(), rdig(4), rdig(5), rdig(5))  # NJ
    else:
        t = L() + rdig(12)                                 # MI/MN style
    if style == "typed" or asr_digits_mode(style):
        return (t.replace("-", "") if style == "asr" else t), False
    return spell_chars(t), True


def gen_pass(style):
    t = rdig(9, True) if rng.random() < 0.5 else rng.choice("ACEX") + rdig(8)
    if style == "typed" or asr_digits_mode(style):
        return t, False
    return spell_chars(t), True


def gen_mrn(style):
    f = rng.randrange(4)
    if f == 0:
        t = rdig(rng.randint(7, 9))
    elif f == 1:
        t = rng.choice(["H", "RX", "M", "K"]) + rdig(7)
    elif f == 2:
        t = "%s-%s" % (rdig(3, True), rdig(4))
    else:
        t = "00" + rdig(6)
    if style == "typed" or asr_digits_mode(style):
        return t, False
    if "-" in t:
        a, b = t.split("-")
        return digit_words(a) + " dash " + digit_words(b), True
    return spell_chars(t), True


GEN = {
    "PHONE": ("PHONE_NUMBER", gen_phone), "PHONE_INTL": ("PHONE_NUMBER", gen_phone_intl),
    "EMAIL": ("EMAIL_ADDRESS", gen_email), "SSN": ("US_SSN", gen_ssn),
    "CARD": ("CREDIT_CARD", gen_card), "IBAN": ("IBAN_CODE", gen_iban),
    "ABA": ("ABA_ROUTING_NUMBER", gen_aba), "BANK": ("US_BANK_NUMBER", gen_bank),
    "ACCT": ("ACCOUNT_NUMBER", gen_acct), "DOB": ("DATE_OF_BIRTH", gen_dob),
    "CDOB": ("DATE_OF_BIRTH", lambda s: gen_dob(s, child=True)),
    "TDOB": ("DATE_OF_BIRTH", lambda s: gen_dob(s, child="teen")),
    "ADDR": ("STREET_ADDRESS", gen_addr), "ZIP": ("ZIP_CODE", gen_zip),
    "IP": ("IP_ADDRESS", gen_ip), "IP6": ("IP_ADDRESS", gen_ip6),
    "DL": ("US_DRIVER_LICENSE", gen_dl), "PASS": ("US_PASSPORT", gen_pass),
    "MRN": ("MEDICAL_RECORD_NUMBER", gen_mrn),
}

# ---------------------------------------------------------------- non-PII fillers


def n_money(s):
    a = rng.randint(3, 2400)
    c = rng.randint(0, 99)
    cur = rng.choice(["$", "$", "£", "€"])
    if s == "typed":
        return "%s%s.%02d" % (cur, format(a, ","), c) if rng.random() < 0.7 else "%s%d" % (cur, a)
    unit = {"$": "dollars", "£": "pounds", "€": "euros"}[cur]
    return "%s %s" % (words(a), unit) + ((" " + words(c)) if c and rng.random() < 0.5 else "")


def n_time(s):
    h = rng.randint(1, 12)
    m = rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50])
    if s == "typed":
        return rng.choice(["%d:%02d" % (h, m), "%d:%02d%s" % (h, m, rng.choice(["am", "pm", " am", " pm"])), "%02d:%02d" % (rng.randint(6, 22), m)])
    if m == 0:
        return rng.choice(["%s o'clock" % words(h), "%s a m" % words(h), "%s p m" % words(h)])
    if m == 30:
        return rng.choice(["half %s" % words(h), "half past %s" % words(h)])
    return "%s %s" % (words(h), ("oh " + ONES[m]) if m < 10 else words(m))


def n_meter(s):
    v = rdig(rng.choice([5, 6]))
    return v if s == "typed" else digit_words(v)


def n_kwh(s):
    v = rng.randint(40, 2200)
    return ("%d kWh" % v if rng.random() < 0.6 else "%d units" % v) if s == "typed" else words(v) + rng.choice([" kilowatt hours", " units", " kilowatts"])


def n_ref(s):
    if s == "typed":
        return rng.choice(["REF-%s" % rdig(5), "#%s" % rdig(7), "CS-%s-%s" % (rdig(4), rng.choice(["AB", "QX", "TT"])), "%s%s" % (rng.choice(["SR", "INC", "WO"]), rdig(6)), rdig(6)])
    return rng.choice(["", "", "s r ", "i n c "]) + digit_words(rdig(rng.choice([5, 6, 7])))


def n_case(s):
    if s == "typed":
        return rng.choice(["C-%s/%s" % (rdig(5), rng.randint(19, 26)), "%s-%s" % (rng.randint(2019, 2026), rdig(5)), "FS%s" % rdig(6)])
    return digit_words(rdig(rng.choice([6, 7])))


def n_ticket(s):
    if s == "typed":
        return rng.choice(["T-%s" % rdig(6), "#%s" % rdig(8), "TKT%s" % rdig(5)])
    return digit_words(rdig(rng.choice([6, 8])))


def n_order(s):
    return n_ticket(s)


def n_pct(s):
    v = rng.choice([rng.randint(2, 60), rng.randint(1, 20) + 0.5])
    if s == "typed":
        return ("%g%%" % v)
    return (words(int(v)) + (" point five" if v != int(v) else "")) + " percent"


def n_dose(s):
    mg = rng.choice([2.5, 5, 10, 20, 40, 50, 75, 100, 250, 500, 1000])
    if s == "typed":
        return "%g mg" % mg if rng.random() < 0.5 else "%gmg" % mg
    return (words(int(mg)) if mg == int(mg) else "two point five") + " milligrams"


def n_flight(s):
    al = rng.choice(["BA", "UA", "EI", "LH", "QF", "AA", "DL", "AF", "EK"])
    n = rng.randint(11, 2999)
    return "%s%d" % (al, n) if s == "typed" else spell_chars(al) + " " + digit_words(str(n))


def n_guid(s):
    return "%08x-%04x" % (rng.getrandbits(32), rng.getrandbits(16))


def n_year(s):
    y = rng.randint(2015, 2026)
    return str(y) if s == "typed" else year_words(y)


def n_qty(s):
    n = rng.randint(2, 60)
    unit = rng.choice(["boxes", "items", "pages", "tablets", "documents", "forms", "letters", "parcels"])
    if s == "typed":
        return "%d %s" % (n, unit)
    return "%s %s" % (words(n), unit)


def n_num(s):
    n = rng.randint(40, 3000)
    return format(n, ",") if s == "typed" else words(n)


def n_dur(s):
    n = rng.randint(2, 48)
    unit = rng.choice(["days", "weeks", "hours", "minutes", "working days"])
    if s == "typed":
        return "%d %s" % (n, unit)
    return "%s %s" % (words(n), unit)


def n_homes(s):
    n = rng.randint(12, 9800)
    unit = rng.choice(["homes", "properties", "meters", "customers"])
    if s == "typed":
        return "%s %s" % (format(n, ",") if rng.random() < 0.5 else str(n), unit)
    return "%s %s" % (words(n), unit)


def n_version(s):
    if s == "typed":
        return rng.choice(["v%d.%d.%d" % (rng.randint(1, 9), rng.randint(0, 20), rng.randint(0, 99)), "%d.%d" % (rng.randint(1, 12), rng.randint(0, 9)), "build %d" % rng.randint(1000, 99999)])
    return "version %s point %s" % (words(rng.randint(1, 9)), words(rng.randint(0, 20)))


def n_date(s):
    d = rng.randint(1, 28)
    M = rng.choice(MONTHS)
    D = rng.choice(DAYS)
    if s == "typed":
        return rng.choice(["%s %d %s" % (D[:3], d, M), "%s %s" % (sfx(d), M), "%s %d" % (M, d), "%d/%d" % (rng.randint(1, 12), d), "%s the %s" % (D, sfx(d))])
    return rng.choice(["%s the %s" % (D.lower(), ordinal(d)), "the %s of %s" % (ordinal(d), M.lower()), "%s %s" % (M.lower(), ordinal(d))])


def n_tariff(s):
    if s == "typed":
        return rng.choice(["Economy 7", "E7", "TOU-D-4", "tariff code %s" % rdig(4), "R%d" % rng.randint(1, 30), "Flex %d" % rng.randint(1, 12)])
    return rng.choice(["economy seven", "economy ten", "the time of use tariff", "tariff %s" % words(rng.randint(2, 30))])


def n_month(s):
    m = rng.choice(MONTHS)
    return m if s == "typed" else m.lower()


def n_day(s):
    d = rng.choice(DAYS)
    return d if s == "typed" else d.lower()


def n_bp(s):
    a, b = rng.randint(105, 175), rng.randint(60, 100)
    return "%d/%d" % (a, b) if s == "typed" else "%s over %s" % (words(a), words(b))


TOWNS = ["Charlotte", "Austin", "Florence", "Lincoln", "Victoria", "Eugene",
         "Marion", "Madison", "Jackson", "Tyler", "Chelsea", "Sydney",
         "Galway", "Limerick", "Leeds", "Rotorua", "Darwin", "Santa Rosa",
         "Aurora", "Columbus", "Kingston", "Vienna", "Salem", "Alexandria"]
COMPANIES = ["Wells Fargo", "Lloyds", "Morgan Stanley", "Jackson Hewitt",
             "Duke Energy", "Kaiser Permanente", "Dominion Energy",
             "St Mary's Medical Centre", "Jordan's Garage", "Marks and Spencer",
             "Harvey Norman", "Johnson Controls", "Ben and Jerry's",
             "Tesco", "Sainsbury's", "Macy's", "Wendy's", "Dell", "Ford"]
PETS = ["Bella", "Max", "Charlie", "Luna", "Oscar", "Rosie", "Biscuit", "Milo", "Daisy"]


def n_town(s):
    t = rng.choice(TOWNS)
    return t if s == "typed" else t.lower()


def n_company(s):
    t = rng.choice(COMPANIES)
    return t if s == "typed" else t.lower().replace("'", "")


def n_pet(s):
    t = rng.choice(PETS)
    return t if s == "typed" else t.lower()


NEG = {k[2:]: v for k, v in globals().items() if k.startswith("n_")}

FILLERS = ["um ", "uh ", "erm ", "so ", "yeah ", "sorry ", "you know ",
           "hang on ", "like ", "okay ", "right ", "let me see ", "hmm ",
           "bear with me ", "i mean ", "oh ", "basically "]

# ---------------------------------------------------------------- templates
# (domain, style, template). Placeholders:
#   {P1.full} {P1.full}  person mentions (labelled PERSON)
#   {PHONE} {EMAIL} ... (see GEN)   labelled PII
#   {EMAIL.P1}                      e-mail built from person P1
#   {n:kind}                        non-PII filler (see NEG)
#   {f}                             ASR hesitation (empty in typed)

POS = [
    # ---------------- energy
    ("energy", "asr", "{f}yeah hi my name is {P1.full} and the power's been off since about {n:time} {f}my account number is {ACCT} and the address is {ADDR} in {n:town} {f}zip {ZIP} can someone call me back on {PHONE}"),
    ("energy", "asr", "right so it's {P1.first} speaking {f}i'm the tenant at {ADDR} but the bill is still in my landlord's name {P2.full} and he won't answer his phone {f}the bill says {n:money} which is mad for {n:kwh} {f}my email is {EMAIL.P1} {f}mrs {P3.last} next door has the same problem"),
    ("energy", "asr", "{f}okay the account is {ACCT} and {PHONE} is the best number {f}sorry that's the account and then my mobile {f}and it's {P1.full} yeah {f}the reading today is {n:meter} on the day rate"),
    ("energy", "asr", "hello this is {P1.full} {f}my mum {P2.full} is on oxygen at home and we've had no power since {n:time} {f}she's at {ADDR} {ZIP} {f}please put her on the priority register her date of birth is {DOB}"),
    ("energy", "asr", "{f}i logged in to the app and it says someone changed my password from {IP} {f}which definitely wasn't me {f}my name is {P1.full} account {ACCT} and the email on file should be {EMAIL.P1}"),
    ("energy", "asr", "{f}can you put me through to {P2.first} in the billing team {f}she sorted my payment plan in {n:month} {f}i'm {P1.first} {f}the account's under my husband {P3.full} and it's {ACCT} {f}we still owe {n:money}"),
    ("energy", "typed", "Outage report: {P1.full} at {ADDR}, {n:town} {ZIP}. No supply since {n:time}. Account {ACCT}. Callback {PHONE}. Customer says the {n:tariff} timer also failed; advised ETR {n:time}."),
    ("energy", "typed", "Customer {P1.full} disputes the {n:month} bill of {n:money} ({n:kwh}). Says the meter read {n:meter} was estimated. Account no. {ACCT}, email {EMAIL.P1}. Wants a call from {P2.first} in billing who handled it last time."),
    ("energy", "typed", "Priority services: caller's father, Mr {P1.last}, DOB {DOB}, uses a dialysis machine at {ADDR}. Contact daughter {P2.first} on {PHONE_INTL}, {PHONE} (she splits her time abroad). Logged by {P3.full}."),
    ("energy", "typed", "Direct debit change: {P1.full} wants refunds paid to IBAN {IBAN} instead of the old bank. Energy account {ACCT}. {P1.first} confirmed by text to {PHONE}; reference {n:ref} is the complaint, not the account."),
    # ---------------- bank
    ("bank", "asr", "{f}hi yes i need to dispute a charge {f}my card number is {CARD} and the charge was {n:money} from some website i've never used {f}my name is {P1.full} and i'm on {PHONE}"),
    ("bank", "asr", "{f}someone's taken money out of my checking account {f}the account number is {BANK} routing {ABA} {f}my name's {P1.full} and it happened on {n:date} around {n:time}"),
    ("bank", "asr", "{f}yeah so the transfer went to the wrong i ban {f}it was meant to go to my brother {P2.first} in {n:town} {f}the i ban i typed was {IBAN} {f}can you recall it {f}my social is {SSN}"),
    ("bank", "asr", "this is {P1.full} {f}i got a text saying my card was locked and to call {PHONE} which i did {f}and they asked for my social {SSN} and my date of birth {DOB} {f}i think it was a scam"),
    ("bank", "asr", "{f}the login alert says {IP} in some country i've never been to {f}i'm {P1.first} {f}the email on the account is {EMAIL.P1} {f}and the card they used is {CARD}"),
    ("bank", "asr", "{f}call me {P1.first} everyone does {f}my sister {P2.full} is a joint holder {f}she says a man called {P3.first} rang her pretending to be from {n:company} and got the card {CARD} {f}{P2.first} is in bits"),
    ("bank", "typed", "Dispute filed for {P1.full}: card {CARD}, merchant {n:company}, amount {n:money} on {n:date}. Customer reachable at {PHONE} or {EMAIL.P1}. Card blocked; replacement in {n:dur}."),
    ("bank", "typed", "Fraud note: wire of {n:money} sent to {IBAN} after the caller was phoned by someone claiming to be {P2.full} from our fraud team. Victim: {P1.full}, SSN {SSN}, DOB {DOB}. Session IP {IP6}."),
    ("bank", "typed", "Direct deposit setup - routing {ABA}, account {BANK}, holder {P1.full}. {P1.first} also asked to update the phone to {PHONE} and the mailing address to {ADDR}, {n:town} {ZIP}."),
    ("bank", "typed", "Hi, it's {P1.first}. My card {CARD} was charged twice for the same order ({n:ref}). Please call me on {PHONE_INTL}, I'm travelling until {n:date}. Thanks, {P1.full}"),
    ("bank", "typed", "KYC refresh for {P1.full}: passport {PASS}, DOB {DOB}, address {ADDR} {ZIP}. Login from {IP} flagged but customer confirmed it was her laptop. Reviewed by {P2.full}."),
    # ---------------- clinic
    ("clinic", "asr", "{f}hi i'm ringing to book an appointment with doctor {P2.last} {f}my name's {P1.full} date of birth {DOB} {f}and my hospital number is {MRN} if that helps"),
    ("clinic", "asr", "{f}yeah it's about my son {P2.first} {f}he's due his jabs and nurse {P3.last} said to call {f}his date of birth is {CDOB} and we moved to {ADDR} {f}so the letters keep going to the old house"),
    ("clinic", "asr", "{f}i'm calling from the ward about a patient {P1.full} {f}medical record number {MRN} {f}she's on {n:dose} twice a day and the family contact is her daughter {P2.first} on {PHONE}"),
    ("clinic", "asr", "this is {P1.first} speaking {f}i had my bloods done on {n:date} and nobody's rung me {f}you can get me on {PHONE} or email {EMAIL.P1} {f}and the m r n on the letter is {MRN}"),
    ("clinic", "asr", "{f}it's {P1.full} {f}date of birth {DOB} and {MRN} that's my hospital number {f}sorry i said them all at once {f}doctor {P2.last} wanted me back in {n:dur}"),
    ("clinic", "typed", "Referral: {P1.full}, DOB {DOB}, MRN {MRN}. Seen by Dr {P2.last} on {n:date}; prescribed {n:dose}. Follow-up in {n:dur}. Contact {PHONE}."),
    ("clinic", "typed", "Message for Dr {P2.last}: patient {P1.full} (MRN {MRN}) called re results. Please ring back on {PHONE} after {n:time}. Her carer {P3.full} can also be reached at {EMAIL.P3}."),
    ("clinic", "typed", "Reception note - new registration for {P1.full}, born {DOB}, address {ADDR}, {ZIP}. Previous practice: {n:company}. Mobile {PHONE}. Registered by {P3.first}."),
    ("clinic", "typed", "Hi, I'm {P1.first}. I missed my appointment on {n:date} at {n:time} because of the strike at Victoria station. My MRN is {MRN} and my date of birth is {DOB}. Can Nurse {P2.last} call me?"),
    # ---------------- family / child protection
    ("family", "asr", "{f}i'm worried about the kid next door {f}his name's {P2.first} {f}i think he's about eight and his dad {P3.full} hits him {f}i hear it through the wall {f}they live at {ADDR} {f}i'm {P1.first} by the way {f}i already told councillor {P4.last}"),
    ("family", "asr", "{f}my name is {P1.full} and i'm calling about my granddaughter {P2.full} {f}{P2.first} told me her mum's boyfriend {P3.first} locks her in her room {f}her date of birth is {CDOB}"),
    ("family", "asr", "{f}can you put me through to {P2.full} {f}she's our caseworker {f}it's {P1.first} {f}tell {P2.first} the kids are staying with me now at {ADDR} {ZIP} and my number is {PHONE}"),
    ("family", "asr", "{f}i'm {P1.first} i'm fourteen {f}my stepdad {P2.first} hits me when he's drunk {f}please don't tell him i rang {f}you can email me at {EMAIL.P1} {f}my teacher mister {P3.last} knows"),
    ("family", "asr", "{f}ask for {P2.full} she's the social worker {f}my daughter {P3.first} hasn't been home since {n:day} {f}{P3.first} was born {CDOB} {f}you can ring me on {PHONE_INTL} i'm at my sister's"),
    ("family", "typed", "Referral from school: pupil {P1.full}, DOB {CDOB}, disclosed to her teacher Ms {P2.last} that {P3.first} hits her. Home address {ADDR}, {n:town} {ZIP}. Mother's phone {PHONE}. Case ref {n:case}."),
    ("family", "typed", "Family support visit booked for {n:date}. Attendees: {P1.full} (mother), {P2.first} and {P3.first} (children). Social worker {P4.full} will call on {PHONE} beforehand. {P1.first} prefers email: {EMAIL.P1}."),
    ("family", "typed", "Call note: caller {P1.first} says her neighbour {P2.full} leaves the twins alone overnight at {ADDR}. Caller asked for {P3.first} from the duty team. Callback {PHONE}. -- {P4.full}, duty worker"),
    ("family", "typed", "Court bundle note: child {P1.full} born {CDOB}; father {P2.full}, SSN {SSN}, last known address {ADDR}. Guardian {P3.full}, {EMAIL.P3}. The dog {n:pet} stays with the foster carer."),
    # ---------------- dmv
    ("dmv", "asr", "{f}hi i need to renew my license {f}the number is {DL} {f}my name's {P1.full} and my date of birth is {DOB} {f}the address on it is old {f}i'm now at {ADDR}"),
    ("dmv", "asr", "{f}yeah for the real i d they want my passport {f}passport number {PASS} {f}and my social {SSN} {f}this is {P1.full} by the way {f}my number is {PHONE}"),
    ("dmv", "asr", "{f}i'm calling about a learner permit for my daughter {P2.first} {f}she's sixteen date of birth {TDOB} {f}we're at {ADDR} zip {ZIP} {f}and my license is {DL}"),
    ("dmv", "asr", "{f}officer {P2.last} gave me a ticket {n:ticket} and said my license {DL} was suspended {f}i'm {P1.full} {f}can you email the record to {EMAIL.P1}"),
    ("dmv", "asr", "{f}i'm {P1.first} {f}my license {DL} and {DOB} is my birthday {f}sorry i'm reading off the card {f}my instructor {P2.full} said to ring before {n:time}"),
    ("dmv", "typed", "Permit application: {P1.full}, DL {DL}, DOB {DOB}. Mailing address {ADDR}, {n:town} {ZIP}. Appointment {n:date} {n:time}, fee {n:money}."),
    ("dmv", "typed", "Name change request. Previous name {P1.full}, new name {P2.full}. License {DL}; passport {PASS}. Applicant phone {PHONE}. Fee {n:money} paid."),
    ("dmv", "typed", "REAL ID checklist for {P1.first}: passport {PASS} (ok), SSN {SSN} (ok), proof of address {ADDR} (utility bill). Email confirmation sent to {EMAIL.P1}."),
    ("dmv", "typed", "Hi, it's {P1.full}. My license {DL} was stolen with my wallet in {n:town} last night. Officer {P2.last} gave me report number {n:case}. Please send the replacement to {ADDR}, {ZIP}."),
    # ---------------- tax
    ("tax", "asr", "{f}i'm calling about my refund {f}my social is {SSN} {f}and my name is {P1.full} {f}it was supposed to go into my account {BANK} routing {ABA} but it never came"),
    ("tax", "asr", "{f}yeah my accountant {P2.full} filed for me {f}i'm {P1.first} {f}date of birth {DOB} and {SSN} is my social {f}sorry i said that backwards {f}{P2.last} has all the forms"),
    ("tax", "asr", "{f}i live abroad now so the refund has to go to an i ban {f}it's {IBAN} {f}my phone here is {PHONE_INTL} {f}and i'm {P1.full}"),
    ("tax", "asr", "{f}i got a letter saying i owe {n:money} for {n:year} {f}this is {P1.full} at {ADDR} {f}can someone call me on {PHONE} {f}ask for my wife {P2.first} if i'm not in"),
    ("tax", "asr", "{f}my mother {P2.full} passed away in {n:month} and i'm handling her taxes {f}her social was {SSN} {f}i'm {P1.first} her son {f}you can send the forms to {ADDR} {ZIP}"),
    ("tax", "typed", "Taxpayer {P1.full}, SSN {SSN}, DOB {DOB}, filed the {n:year} return on {n:date}. Refund of {n:money} to routing {ABA} account {BANK} returned by the bank."),
    ("tax", "typed", "Identity theft affidavit: {P1.full} reports a return filed under SSN {SSN} from IP {IP}. Victim contact {EMAIL.P1} / {PHONE}."),
    ("tax", "typed", "Preparer note - client {P1.full}, spouse {P2.first}. Dependent: {P3.first} (DOB {CDOB}). Address {ADDR}, {n:town} {ZIP}. Signed, {P4.full}, EA"),
    ("tax", "typed", "Hello, my name is {P1.full} and I need a copy of my transcript for {n:year}. My SSN is {SSN}. Please send it to {ADDR} {ZIP}, or email {EMAIL.P1}. I'll be away until {n:date}."),
    # ---------------- extra cross-domain positives (IBAN, card, spoken e-mail, IP)
    ("energy", "asr", "{f}i'm moving back to {n:town} so i want the credit refunded to my account over there {f}the i ban is {IBAN} {f}and it's {P1.full} {f}the old energy account number was {ACCT}"),
    ("energy", "typed", "Card payment taken by {P3.first} for {P1.full}: {n:money} on card {CARD}, account {ACCT}. Customer asked for the receipt at {EMAIL.P1} and a callback on {PHONE}."),
    ("tax", "typed", "Overseas refund request from {P1.full} (SSN {SSN}). Beneficiary IBAN: {IBAN}. BIC not supplied. Contact {PHONE_INTL} or {EMAIL.P1}. Translator {P2.first} present on the call."),
    ("tax", "asr", "{f}the portal said my login from {IP} was blocked {f}i'm {P1.full} {f}my social is {SSN} {f}and can you send the reset to {EMAIL.P1} not the old one"),
    ("family", "asr", "{f}the child support from {P2.first} should go to my account in europe now {f}the i ban is {IBAN} {f}i'm {P1.full} {f}{P2.first} has the details but he keeps saying it bounced"),
    ("family", "typed", "Emergency grant: {n:money} paid to {P1.full} by IBAN transfer to {IBAN} on {n:date}. Approved by {P2.full}. Children {P3.first} and {P4.first} at {ADDR}, {ZIP}."),
    ("clinic", "typed", "Self-pay invoice {n:ref} for {P1.full} (MRN {MRN}): {n:money}. Paid by card {CARD}; overpayment of {n:money} to be refunded to IBAN {IBAN}."),
    ("clinic", "asr", "{f}can you send the discharge letter by email instead {f}it's {EMAIL.P1} {f}that's for {P1.full} {f}and copy in my daughter {P2.first} at {EMAIL.P2} {f}she does all my appointments"),
    ("bank", "asr", "{f}i want to report my card stolen {f}it's {CARD} {f}i'm {P1.full} {f}date of birth {DOB} {f}i last used it at {n:company} on {n:day} for about {n:money}"),
    ("bank", "asr", "{f}hi this is {P1.first} {f}i never got the one time code {f}it's going to {EMAIL.P1} which is my old one {f}can you change it to {EMAIL.P1} {f}and the card is {CARD}"),
    ("dmv", "asr", "{f}i paid for the plates with my card {CARD} and got charged twice {f}the confirmation was {n:ref} {f}my name's {P1.full} {f}license {DL}"),
    ("dmv", "typed", "Online renewal flagged: {P1.full}, DL {DL}, paid with card {CARD} from IP {IP}. Billing ZIP {ZIP} does not match the record. Email {EMAIL.P1}."),
    ("bank", "asr", "{f}i'm setting up payroll for my cleaner {P2.full} {f}her routing number is {ABA} and the account is {BANK} {f}i'm {P1.full} {f}and my number's {PHONE} if anything bounces"),
    ("tax", "typed", "Split refund for {P1.full}: routing {ABA}, account {BANK}; second account {ABA} {BANK}. Passport {PASS} used as ID. Phone {PHONE}. Amount {n:money}."),
    ("dmv", "asr", "{f}i'm renewing from abroad {f}my passport is {PASS} {f}and i'm {P1.full} {f}you can call me on {PHONE_INTL} after {n:time} your time {f}or email {EMAIL.P1}"),
]

NEGT = [
    ("energy", "asr", "{f}the power's been off since {n:time} and the whole street is out {f}the app says restoration by {n:time} {f}our bill last month was {n:money} for {n:kwh} which seems high {f}will you be sending someone out"),
    ("energy", "asr", "{f}i'm just giving a meter reading {f}day is {n:meter} and night is {n:meter} {f}we're on {n:tariff} {f}i hope that's right because the bill rose by {n:pct} since {n:month}"),
    ("energy", "asr", "{f}is there an outage near victoria station {f}the trains are fine but the shops have no power {f}it's been about {n:dur} now {f}the reference on the text you sent is {n:ref} {f}thanks i'll wait"),
    ("energy", "asr", "{f}may i ask will the bill be sent in may {f}the price rose again by {n:pct} {f}i had to chase it twice last year {f}we're paying {n:money} a month now for about {n:kwh}"),
    ("energy", "typed", "Outage in {n:town} affecting {n:homes} since {n:time}. ETR {n:time}. Ticket {n:ticket}. Cause: storm damage to feeder {n:ref}. Crew will chase the contractor if not fixed by {n:date}."),
    ("energy", "typed", "Bill query: customer says the {n:month} bill ({n:money}, {n:kwh}) is {n:pct} higher than {n:year}. Readings {n:meter} / {n:meter}. Tariff {n:tariff}. Explained the grace period of {n:dur}."),
    ("energy", "typed", "Smart meter firmware {n:version} rolled out on {n:date}; error {n:guid} seen on {n:homes}. Retry at {n:time}. No customer data involved. Engineer from {n:company} marked job {n:ref} complete; the dog {n:pet} was friendly."),
    ("bank", "asr", "{f}i just want to know why my bill payment of {n:money} hasn't gone through {f}i made it on {n:date} at about {n:time} {f}the reference was {n:ref} {f}i'll mark it as pending on my side then"),
    ("bank", "asr", "{f}what's the interest rate on the saver now {f}is it still {n:pct} {f}i was going to put in {n:money} in {n:month} {f}in good faith i moved everything over here in {n:year}"),
    ("bank", "asr", "{f}my flight {n:flight} leaves at {n:time} and i don't want the card blocked abroad {f}i'll be back on {n:date} {f}i'm going to {n:town} for {n:dur} {f}will that be ok"),
    ("bank", "typed", "Branch notice: the Chase Street branch closes at {n:time} on {n:date}. ATM withdrawal limit raised to {n:money}. Rate on the fixed saver is now {n:pct}. Ref {n:ref}. Hunter Place branch unaffected."),
    ("bank", "typed", "Dispute case {n:case} closed: merchant refunded {n:money} on {n:date}. Chargeback fee of {n:money} waived. Page 3 of the statement shows the credit. Customer will mark the letter as received."),
    ("bank", "typed", "App release {n:version} fixes the login loop; {n:pct} of users affected on {n:date}, peak at {n:time}. Trace id {n:guid}. Rollback window {n:dur}."),
    ("clinic", "asr", "{f}i'm ringing about my prescription {f}it's {n:dose} twice a day and i've got {n:qty} left {f}can i pick it up on {n:date} after {n:time} {f}i hope the pharmacy's open"),
    ("clinic", "asr", "{f}the appointment letter says {n:date} at {n:time} in clinic {n:ref} {f}is that still on {f}the bus from victoria station takes about {n:dur} {f}so i might be a bit late"),
    ("clinic", "asr", "{f}my reading this morning was {n:bp} {f}the nurse said if it's over that for {n:dur} i should call {f}i'm taking {n:dose} in the morning {f}and it's sunny so i walked"),
    ("clinic", "typed", "Flu clinic {n:date}, {n:time} to {n:time}, room {n:ref}. {n:qty} of {n:dose} available. Sunny Meadows surgery will page the duty GP for overflow."),
    ("clinic", "typed", "Lab batch {n:ref} processed {n:date}; {n:pct} haemolysed. Analyser firmware {n:version}. Rerun scheduled for {n:time}. Invoice {n:ref} for {n:money} to follow."),
    ("clinic", "typed", "Rx: {n:dose} every {n:dur}, max {n:dose} daily, review in {n:month}. Repeat slip printed at {n:time}. Faith Street pharmacy has stock; Hope Ward to collect."),
    ("family", "asr", "{f}i just need the times for the family centre {f}is it still {n:time} on {n:day}s {f}and is the parenting course {n:dur} long {f}i hope there's space this time"),
    ("family", "asr", "{f}i've got a case number {n:case} from last week {f}i was told someone would ring back by {n:time} {f}it's about the housing letter dated {n:date} {f}will anyone actually call"),
    ("family", "asr", "{f}we were at the hope centre on {n:date} {f}the grace period for the childcare payment is {n:dur} {f}the bill was {n:money} {f}will they chase us for it"),
    ("family", "typed", "Parenting group: {n:day}s {n:time}, {n:dur}, room {n:ref}. Creche for under-5s. Bring the form dated {n:date}. Attendance was {n:pct} last term."),
    ("family", "typed", "Case {n:case} reviewed {n:date}; next review {n:date}. Funding approved {n:money} for {n:dur}. No further action on the {n:year} referral."),
    ("family", "typed", "Helpline stats for {n:month}: {n:num} calls answered, {n:pct} out of hours, peak at {n:time}. Ticket {n:ticket} escalated to the Rose Court team."),
    ("dmv", "asr", "{f}i'm booked for my test on {n:date} at {n:time} {f}do i need to bring anything {f}the fee was {n:money} right {f}and is the office the one on the road by victoria station"),
    ("dmv", "asr", "{f}my confirmation number is {n:ref} {f}it's for the appointment {f}i'll be there at {n:time} and i'm bringing {n:qty} {f}will i need to pay the {n:money} again"),
    ("dmv", "asr", "{f}how much is the permit for a trailer {f}is it {n:money} or did it go up {n:pct} in {n:year} {f}i'll pay it through bill pay {f}and can i do it online"),
    ("dmv", "typed", "Office hours change: {n:town} DMV open {n:time} to {n:time} from {n:date}. Average wait {n:dur}. Kiosk software {n:version}."),
    ("dmv", "typed", "Ticket {n:ticket}: sticker batch {n:ref} misprinted, {n:qty} affected, cost {n:money}. Hunter Road depot will reissue by {n:date}."),
    ("dmv", "typed", "Queue {n:ref} called at {n:time}; {n:pct} of appointments were no-shows on {n:date}. Fee table rev {n:version}. Grace period {n:dur}."),
    ("tax", "asr", "{f}i paid {n:money} on {n:date} for the {n:year} return {f}the confirmation was {n:ref} {f}is there a penalty if it's {n:dur} late"),
    ("tax", "asr", "{f}what's the rate for self employed now is it {n:pct} {f}i made about {n:money} in {n:year} {f}will i need to file quarterly {f}i'll mark it as estimated then"),
    ("tax", "asr", "{f}the form says line {n:qty} should be {n:money} {f}i'm on page four {f}may i just check the deadline is {n:date} {f}i'll bill my clients before then"),
    ("tax", "typed", "Notice {n:ref} dated {n:date}: balance due {n:money} for tax year {n:year}, interest {n:pct}. Pay by {n:date} to avoid a penalty of {n:money}."),
    ("tax", "typed", "E-file batch {n:ref} accepted at {n:time}; {n:qty}, {n:pct} rejected. Schema {n:version}. Trace {n:guid}."),
    ("tax", "typed", "Tariff code {n:tariff} applies to the import; duty {n:pct} on {n:money}. Entry {n:ref}, arrival on {n:flight} on {n:date}. Broker: {n:company}."),
]

# ---------------------------------------------------------------- composition
OPEN_ASR = ["", "", "okay so ", "hi yeah ", "right ", "hello ", "yeah um ", "sorry hi ", "hiya ", "good morning "]
CLOSE_ASR = [" thanks", " is that okay", " sorry it's a bit noisy here", " thank you so much", " can you hear me okay",
             " yeah that's it really", " i've been on hold for ages", " sorry i'm rambling", " does that make sense"]
OPEN_TYPED = ["", "", "", "Agent note: ", "Summary - ", "Web form: ", "Email received: ", "Callback queue: "]
CLOSE_TYPED = ["", " Thanks.", " Please advise.", " No further info.", " Customer happy to wait.", " Next step: review."]

TOK = re.compile(r"\{([^}]+)\}")


def new_person(style, persons):
    while True:
        p = Person(style)
        if all(p.first != q.first and p.last != q.last for q in persons.values()):
            return p


def build(template, style, domain):
    persons = {}
    segs = []  # (text, etype or None, spoken, value)
    pos = 0
    for m in TOK.finditer(template):
        segs.append((template[pos:m.start()], None, False))
        key = m.group(1)
        pos = m.end()
        if key == "f":
            segs.append((rng.choice(FILLERS) if (style == "asr" and rng.random() < 0.7) else "", None, False))
        elif key.startswith("n:"):
            segs.append((NEG[key[2:]](style), None, False))
        elif key.startswith("P") and "." in key:
            pid, part = key.split(".")
            if pid not in persons:
                persons[pid] = new_person(style, persons)
            segs.append((persons[pid].get(part), "PERSON", False))
        elif key.startswith("EMAIL."):
            pid = key.split(".")[1]
            if pid not in persons:
                persons[pid] = new_person(style, persons)
            v, sp = gen_email(style, persons[pid])
            segs.append((v, "EMAIL_ADDRESS", sp))
        else:
            et, g = GEN[key]
            v, sp = g(style)
            segs.append((v, et, sp))
    segs.append((template[pos:], None, False))
    if style == "asr":
        segs.insert(0, (rng.choice(OPEN_ASR), None, False))
    else:
        segs.insert(0, (rng.choice(OPEN_TYPED), None, False))
    return segs


def compose(segs):
    text = ""
    ents = []
    for t, et, sp in segs:
        start = len(text)
        text += t
        if et:
            ents.append({"type": et, "start": start, "end": len(text), "text": t, "spoken": sp})
            assert t and t == t.strip(), repr(t)
    return text, ents


def finalize(segs, style):
    text, ents = compose(segs)
    closers = CLOSE_ASR if style == "asr" else CLOSE_TYPED
    extra = 0
    while len(text.split()) < 25 and extra < 4:
        c = rng.choice([c for c in closers if c])
        segs.append((c, None, False))
        text, ents = compose(segs)
        extra += 1
    if extra == 0 and rng.random() < 0.3:
        segs.append((rng.choice(closers), None, False))
        text, ents = compose(segs)
    # tidy: collapse double spaces only if no entity would move -> instead assert none
    assert "  " not in text, repr(text)
    return text, ents


def make(template, style, domain, negative):
    for _ in range(200):
        segs = build(template, style, domain)
        # avoid "  " from empty fillers: fillers carry their own trailing space
        text, ents = finalize(segs, style)
        wc = len(text.split())
        if 25 <= wc <= 90:
            break
    else:
        raise RuntimeError("cannot fit word range: " + template)
    text = text.strip()
    # strip() only removes leading space if an opener was empty; recompute offsets
    lead = len(compose(segs)[0]) - len(compose(segs)[0].lstrip())
    for e in ents:
        e["start"] -= lead
        e["end"] -= lead
    if negative:
        assert not ents
    return text, ents


def main():
    kinds = ["neg"] * N_NEG + ["pos"] * (N_TOTAL - N_NEG)
    rng.shuffle(kinds)
    pools = {}
    for kind, lst in (("pos", POS), ("neg", NEGT)):
        for st in ("asr", "typed"):
            items = [t for t in lst if t[1] == st]
            rng.shuffle(items)
            pools[(kind, st)] = [items, 0]
    out = []
    for i, kind in enumerate(kinds):
        style = "asr" if rng.random() < 0.54 else "typed"
        items, idx = pools[(kind, style)]
        domain, st, tpl = items[idx % len(items)]
        pools[(kind, style)][1] = idx + 1
        text, ents = make(tpl, st, domain, kind == "neg")
        for e in ents:
            assert text[e["start"]:e["end"]] == e["text"], (text, e)
        # spans must not overlap
        sp = sorted((e["start"], e["end"]) for e in ents)
        for a, b in zip(sp, sp[1:]):
            assert a[1] <= b[0]
        out.append({"id": "%s-%03d" % (SPLIT, i), "split": SPLIT, "domain": domain,
                    "style": st, "text": text, "entities": ents})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "blind9.jsonl")
    with open(path, "w", encoding="utf-8") as fh:
        for r in out:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("wrote", len(out), "utterances to", path)


if __name__ == "__main__":
    main()
