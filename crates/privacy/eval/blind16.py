#!/usr/bin/env python3
"""blind16 -- independent, labelled PII evaluation set.

Theme: clinics, helplines and councils (call-centre / helpline transcripts,
clinician and helpline-worker case notes, chat).

Deterministic (fixed seed), Python 3 standard library only.  Running this
script rewrites blind16.jsonl next to it with identical content.

Every entity span is asserted (text[start:end] == entity text) and every
checksummed value (Luhn, IBAN mod-97, ABA 3-7-1, NHS mod-11, SSN ranges) is
re-derived from the rendered span text and asserted.
"""
import json
import os
import re
import random
import string
import unicodedata
from collections import Counter

SEED = 16_2024_16
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "blind16.jsonl")
PER_FRAME = 2
MAX_PER_FRAME = 4
MAX_ENTS = 5

# --------------------------------------------------------------------------
# number words
# --------------------------------------------------------------------------
ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
        "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety"]


def words(n, uk=True):
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if n < 1000:
        h = ONES[n // 100] + " hundred"
        r = n % 100
        if r == 0:
            return h
        return h + (" and " if uk else " ") + words(r, uk)
    if n < 10000:
        t = words(n // 1000, uk) + " thousand"
        r = n % 1000
        if r == 0:
            return t
        if r < 100:
            return t + (" and " if uk else " ") + words(r, uk)
        return t + " " + words(r, uk)
    raise ValueError(n)


_ORD = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth",
        6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth",
        11: "eleventh", 12: "twelfth", 13: "thirteenth", 14: "fourteenth",
        15: "fifteenth", 16: "sixteenth", 17: "seventeenth",
        18: "eighteenth", 19: "nineteenth", 20: "twentieth", 30: "thirtieth"}


def ordinal(n):
    if n in _ORD:
        return _ORD[n]
    return TENS[n // 10] + " " + _ORD[n % 10]


def ordsuf(n):
    if 10 <= n % 100 <= 20:
        return "%dth" % n
    return "%d%s" % (n, {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def year_words(y, rng, us=False):
    if y < 2000:
        hi, lo = divmod(y, 100)
        if lo == 0:
            return words(hi) + " hundred"
        return words(hi) + " " + ("oh " + ONES[lo] if lo < 10 else words(lo))
    if y == 2000:
        return "two thousand"
    if y < 2010:
        return "two thousand " + ("" if us else "and ") + ONES[y - 2000]
    if rng.random() < 0.5:
        return "twenty " + words(y - 2000)
    return "two thousand " + ("" if us else "and ") + words(y - 2000)


def say_group(s, zero, rng, dbl=0.55, tpl=0.5):
    """Digits (and single letters) as ASR writes them, with double/triple."""
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        j = i
        while j < len(s) and s[j] == c:
            j += 1
        run = j - i
        w = c.lower() if c.isalpha() else (zero if c == "0" else ONES[int(c)])
        while run > 0:
            if run >= 3 and rng.random() < tpl:
                out.append("triple " + w)
                run -= 3
            elif run >= 2 and rng.random() < dbl:
                out.append("double " + w)
                run -= 2
            else:
                out.append(w)
                run -= 1
        i = j
    return " ".join(out)


DW = {w: i for i, w in enumerate(ONES[:10])}
DW["oh"] = 0
TEENW = {ONES[i]: i for i in range(10, 20)}
TENW = {TENS[i]: i for i in range(2, 10)}


def decode_spoken(text):
    """Inverse of the spoken renderings used below (digits / letters)."""
    toks = text.lower().split()
    out = []
    i = 0
    mult = 1
    while i < len(toks):
        t = toks[i]
        if t in ("plus", "dash", "hyphen"):
            i += 1
            continue
        if t == "double":
            mult = 2
            i += 1
            continue
        if t == "triple":
            mult = 3
            i += 1
            continue
        if t in DW:
            out.append(str(DW[t]) * mult)
        elif t in TEENW:
            out.append(str(TEENW[t]))
        elif t in TENW:
            if i + 1 < len(toks) and toks[i + 1] in DW and DW[toks[i + 1]] != 0:
                out.append(str(TENW[t] * 10 + DW[toks[i + 1]]))
                i += 1
            else:
                out.append(str(TENW[t] * 10))
        elif len(t) == 1 and t.isalpha():
            out.append(t.upper() * mult)
        else:
            raise ValueError("cannot decode %r in %r" % (t, text))
        mult = 1
        i += 1
    return "".join(out)


def canon(ent_text, spoken):
    if spoken:
        return decode_spoken(ent_text)
    return re.sub(r"[^0-9A-Za-z]", "", ent_text).upper()


# --------------------------------------------------------------------------
# checksums / validity
# --------------------------------------------------------------------------
def luhn_ok(d):
    tot = 0
    for i, ch in enumerate(reversed(d)):
        v = int(ch)
        if i % 2 == 1:
            v *= 2
            if v > 9:
                v -= 9
        tot += v
    return tot % 10 == 0


def luhn_complete(body):
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c
    raise AssertionError


def card_ok(d):
    if not d.isdigit() or not luhn_ok(d):
        return False
    if d[0] == "4":
        return len(d) in (13, 16, 19)
    if 51 <= int(d[:2]) <= 55 or 2221 <= int(d[:4]) <= 2720:
        return len(d) == 16
    if d[:2] in ("34", "37"):
        return len(d) == 15
    if d.startswith("6011") or d.startswith("65"):
        return len(d) == 16
    return False


def ssn_ok(d):
    if not re.fullmatch(r"\d{9}", d):
        return False
    a, g, s = d[:3], d[3:5], d[5:]
    return a not in ("000", "666") and a[0] != "9" and g != "00" and s != "0000"


def aba_ok(d):
    if not re.fullmatch(r"\d{9}", d):
        return False
    n = [int(c) for c in d]
    tot = 3 * (n[0] + n[3] + n[6]) + 7 * (n[1] + n[4] + n[7]) + (n[2] + n[5] + n[8])
    pre = int(d[:2])
    return tot % 10 == 0 and (0 <= pre <= 12 or 21 <= pre <= 32 or 61 <= pre <= 72 or pre == 80)


IBAN_LEN = {"GB": 22, "IE": 22}


def iban_num(s):
    return int("".join(str(int(c, 36)) for c in s))


def iban_ok(s):
    if s[:2] not in IBAN_LEN or len(s) != IBAN_LEN[s[:2]]:
        return False
    return iban_num(s[4:] + s[:4]) % 97 == 1


def nhs_check(d9):
    tot = sum(int(c) * (10 - i) for i, c in enumerate(d9))
    r = 11 - tot % 11
    if r == 11:
        r = 0
    return r


def nhs_ok(d):
    if not re.fullmatch(r"\d{10}", d):
        return False
    r = nhs_check(d[:9])
    return r != 10 and r == int(d[9])


def phone_ok(d, plus):
    if plus:
        return (d.startswith("44") and len(d) == 12) or (d.startswith("353") and len(d) == 12) \
            or (d.startswith("61") and len(d) == 11) or (d.startswith("1") and len(d) == 11)
    if d.startswith("0"):
        return len(d) == 11 and d[1] in "1237"
    return len(d) == 10 and d[0] in "23456789" and d[3] in "23456789"


ZIP_RE = [r"\d{5}(\d{4})?", r"[A-Z]{1,2}\d{1,2}[A-Z]?\d[A-Z]{2}", r"[A-Z]\d[A-Z]\d[A-Z]\d"]


# --------------------------------------------------------------------------
# pools
# --------------------------------------------------------------------------
ORIGINS = {
    "english": (["Jack", "Olivia", "Callum", "Chloe", "Bethany", "Kieran", "Jade", "Liam",
                 "Ellie", "Stacey", "Darren", "Leanne", "Shannon", "Kerry-Ann", "Mary-Kate",
                 "Lily-Mae", "Anne-Marie", "Jo-Anne", "Tyler", "Zoë"],
                ["Smith", "Taylor", "Brown", "Wilson", "Thompson", "Robinson", "Walker",
                 "Barker-Wood", "Fairclough", "Ashworth", "Pemberton", "Kelly"]),
    "irish": (["Siobhán", "Niamh", "Aoife", "Ciarán", "Pádraig", "Saoirse", "Eoin",
               "Róisín", "Oisín", "Gráinne", "Seán", "Declan"],
              ["Kelly", "O'Neill", "O'Brien", "Murphy", "McCarthy", "Byrne", "Doyle",
               "O'Sullivan", "Fitzgerald", "Ní Bhriain", "Mac Giolla Phádraig", "Quinn"]),
    "welsh": (["Rhys", "Cerys", "Dafydd", "Gethin", "Angharad", "Bethan", "Iolo", "Carys",
               "Owain", "Seren", "Llinos"],
              ["Jones", "Evans", "Hughes-Jones", "Pritchard", "Llewellyn", "Griffiths",
               "Vaughan", "Prosser", "Bevan", "ap Dafydd"]),
    "scottish": (["Hamish", "Eilidh", "Fraser", "Morag", "Ishbel", "Kirsty", "Ruaridh"],
                 ["Campbell", "MacLeod", "McAllister", "Sutherland", "Cameron", "Fraser"]),
    "southasian": (["Priya", "Arjun", "Anika", "Rahul", "Sunita", "Harpreet", "Gurpreet",
                    "Imran", "Farhan", "Zainab", "Nadia", "Rohan", "Deepa", "Sanjay",
                    "Mehreen", "Kiran", "Raj"],
                   ["Patel", "Sharma", "Chaudhry", "Begum", "Singh", "Iyer", "Reddy",
                    "Ahmed-Khan", "Bhattacharya", "D'Souza", "Hussain", "Mistry", "Gill"]),
    "eastasian": (["Wei", "Mei", "Jia Hui", "Hiroshi", "Yuki", "Min-jun", "Ji-woo", "Thanh",
                   "Linh", "Bao", "Xiaoling", "Haruto"],
                  ["Chen", "Nguyen", "Wong", "Tanaka", "Park", "Kim", "Zhang", "Liu", "Tran",
                   "Lee", "Yamamoto", "Huang"]),
    "westafrican": (["Chidi", "Ngozi", "Kwame", "Ama", "Adebayo", "Folake", "Tunde", "Yaw",
                     "Abena", "Oluwaseun", "Chiamaka", "Kofi", "Efua", "Temitope"],
                    ["Okafor", "Adeyemi", "Mensah", "Owusu", "Nwosu", "Boateng", "Asante",
                     "Smith-Osei", "Okonkwo", "Adeleke", "Danso", "Eze"]),
    "easteuro": (["Lukasz", "Agnieszka", "Bogdan", "Oksana", "Dmitri", "Katarzyna", "Marek",
                  "Ionela", "Andrei", "Zofia", "Milena", "Tomasz"],
                 ["Kowalski", "Nowak", "Wiśniewska", "Popescu", "Ivanova", "Horváth",
                  "Shevchenko", "Lewandowska", "Petrov", "Kovačević"]),
    "hispanic": (["Alejandro", "Lucía", "Mateo", "Valentina", "José", "María", "Carmen",
                  "Diego", "Ximena", "Guadalupe", "Inés"],
                 ["García", "Rodríguez", "Hernández", "López-Martín", "Fernández", "Morales",
                  "Castillo", "Ortiz"]),
    "arabic": (["Omar", "Fatima", "Yusuf", "Layla", "Khalid", "Amira", "Hamza", "Noor",
                "Samir", "Rania"],
               ["Al-Rashid", "Haddad", "Khoury", "Mansour", "El-Amin", "Nasser", "Saleh",
                "Abdullah"]),
    "antipodean": (["Bronte", "Lachlan", "Kylie", "Shane", "Brodie", "Tahlia", "Mitchell"],
                   ["Walsh", "Ryan", "Kennedy", "Henderson", "Whitlam"]),
    "canadian": (["Mathieu", "Geneviève", "Brayden", "Madison", "Étienne", "Kaitlyn"],
                 ["Tremblay", "Gagnon", "Bouchard", "Côté", "MacDonald", "Roy"]),
}
ORIGIN_KEYS = list(ORIGINS)
NICKS = ["Bex", "Gaz", "Tash", "Jonno", "Kaz", "Liv", "Mo", "Shaz", "Davo", "Tommo", "Jaz",
         "Robbie", "Deano", "Macca"]
WORDY = ["Hope", "Faith", "Joy", "Rose", "Grace", "May", "Sunny"]
FEMALE = set("""Olivia Chloe Bethany Jade Ellie Stacey Leanne Shannon Kerry-Ann Mary-Kate Lily-Mae
Anne-Marie Jo-Anne Zoë Siobhán Niamh Aoife Saoirse Róisín Gráinne Cerys Angharad Bethan Carys Seren
Llinos Eilidh Morag Ishbel Kirsty Priya Anika Sunita Zainab Nadia Deepa Mehreen Mei Xiaoling Linh
Ngozi Ama Folake Abena Chiamaka Efua Agnieszka Oksana Katarzyna Ionela Zofia Milena Lucía Valentina
María Carmen Ximena Guadalupe Inés Fatima Layla Amira Rania Bronte Kylie Tahlia Geneviève Madison
Kaitlyn Bex Tash Kaz Liv Shaz Jaz Hope Faith Joy Rose Grace May""".split()) | {"Jia Hui"}
MALE = set("""Jack Callum Kieran Liam Darren Tyler Ciarán Pádraig Eoin Oisín Seán Declan Rhys Dafydd
Gethin Iolo Owain Hamish Fraser Ruaridh Arjun Rahul Imran Farhan Rohan Sanjay Raj Wei Hiroshi Min-jun
Haruto Bao Chidi Kwame Adebayo Tunde Yaw Oluwaseun Kofi Lukasz Bogdan Dmitri Marek Andrei Tomasz
Alejandro Mateo José Diego Omar Yusuf Khalid Hamza Samir Lachlan Shane Brodie Mitchell Mathieu
Brayden Étienne Gaz Jonno Davo Tommo Robbie Deano Macca Mo""".split())
for _o in ORIGINS.values():
    for _f in _o[0]:
        assert _f in FEMALE or _f in MALE or _f in ("Kiran", "Noor", "Yuki", "Ji-woo", "Temitope", "Harpreet",
                                                 "Gurpreet", "Thanh"), _f

UK_CITIES = [("Leeds", "LS"), ("Manchester", "M"), ("Cardiff", "CF"), ("Belfast", "BT"),
             ("Glasgow", "G"), ("Bristol", "BS"), ("Swansea", "SA"), ("Leicester", "LE"),
             ("Birmingham", "B"), ("Newcastle", "NE"), ("Sheffield", "S"),
             ("Liverpool", "L"), ("Edinburgh", "EH"), ("Nottingham", "NG")]
US_CITIES = [("Boston", "MA", "021"), ("Chicago", "IL", "606"), ("Houston", "TX", "770"),
             ("Seattle", "WA", "981"), ("Denver", "CO", "802"), ("Atlanta", "GA", "303"),
             ("Phoenix", "AZ", "850"), ("Columbus", "OH", "432"), ("Portland", "OR", "972"),
             ("Albany", "NY", "122")]
CA_CITIES = [("Toronto", "ON", "M"), ("Calgary", "AB", "T"), ("Vancouver", "BC", "V"),
             ("Ottawa", "ON", "K"), ("Halifax", "NS", "B"), ("Winnipeg", "MB", "R")]
IE_CITIES = ["Dublin", "Cork", "Galway", "Limerick", "Waterford"]
AU_CITIES = ["Brisbane", "Perth", "Adelaide", "Melbourne", "Hobart"]

STREETS = {
    "uk": ["Elm", "Station", "Church", "Victoria", "Mill", "Park", "Hawthorn", "Beech",
           "Meadow", "Chapel", "Brook", "Albert", "Granby", "Jubilee", "Queen's", "St John's",
           "Cherry Tree", "Windsor", "Heathfield", "Laburnum", "Coronation"],
    "ie": ["Griffith", "Clontarf", "Pearse", "Cathedral", "Grattan", "Shandon", "Seafield"],
    "us": ["Main", "Oak", "Maple", "Pine", "Cedar", "Washington", "Lincoln", "Lakeview",
           "Sunset", "Franklin", "Highland", "Walnut", "Magnolia"],
    "ca": ["Yonge", "Bloor", "Riverdale", "Pembina", "Quinpool", "Jasper", "Maple"],
    "au": ["Banksia", "Wattle", "Jacaranda", "Bridge", "Esplanade", "Kingfisher"],
}
STYPES = {
    "uk": ["Street", "Road", "Avenue", "Close", "Lane", "Crescent", "Drive", "Way", "Grove",
           "Terrace", "Gardens", "Court", "Place", "Walk"],
    "ie": ["Road", "Street", "Avenue", "Terrace", "Drive"],
    "us": ["Street", "Avenue", "Boulevard", "Drive", "Road", "Lane", "Court", "Way"],
    "ca": ["Street", "Avenue", "Road", "Drive", "Crescent"],
    "au": ["Street", "Road", "Crescent", "Parade", "Avenue"],
}
ABBR = {"Street": "St", "Road": "Rd", "Avenue": "Ave", "Drive": "Dr", "Crescent": "Cres",
        "Lane": "Ln", "Close": "Cl", "Boulevard": "Blvd", "Court": "Ct", "Terrace": "Tce"}
EMAIL_DOMAINS = {
    "uk": ["gmail.com", "hotmail.co.uk", "outlook.com", "btinternet.com", "yahoo.co.uk",
           "icloud.com", "sky.com"],
    "ie": ["gmail.com", "eircom.net", "yahoo.ie", "hotmail.com"],
    "us": ["gmail.com", "yahoo.com", "outlook.com", "aol.com", "icloud.com", "comcast.net"],
    "ca": ["gmail.com", "rogers.com", "shaw.ca", "hotmail.ca"],
    "au": ["gmail.com", "bigpond.com", "outlook.com.au"],
}
CITY_AREA = {"Boston": ["617", "857"], "Chicago": ["312", "773"], "Houston": ["713", "832"],
             "Seattle": ["206"], "Denver": ["303", "720"], "Atlanta": ["404", "678"], "Phoenix": ["602"],
             "Columbus": ["614"], "Portland": ["503", "971"], "Albany": ["518"], "Toronto": ["416", "647"],
             "Calgary": ["403", "587"], "Vancouver": ["604", "778"], "Ottawa": ["613", "343"],
             "Halifax": ["902", "782"], "Winnipeg": ["204", "431"]}
USED_FULL = set()
US_AREAS = ["617", "312", "713", "206", "303", "404", "602", "614", "503", "518", "857"]
CA_AREAS = ["416", "403", "604", "613", "902", "204", "647"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


# --------------------------------------------------------------------------
# entity + generator
# --------------------------------------------------------------------------
class E:
    __slots__ = ("type", "text", "spoken", "value")

    def __init__(self, type_, text, spoken, value=None):
        self.type, self.text, self.spoken, self.value = type_, text, spoken, value


class Person:
    def __init__(self, first, last):
        self.first, self.last = first, last


class G:
    """Per-utterance rendering context: mode = live | whisper | typed."""

    def __init__(self, rng, mode, loc):
        self.rng = rng
        self.mode = mode
        self.loc = loc
        self.live = mode == "live"
        self.used = set()
        self._city = None
        self._the_ok = False

    # ---- small helpers
    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p):
        return self.rng.random() < p

    def ri(self, a, b):
        return self.rng.randint(a, b)

    def digits(self, n, first_nonzero=False):
        s = "".join(self.rng.choice(string.digits) for _ in range(n))
        if first_nonzero and s[0] == "0":
            s = str(self.ri(1, 9)) + s[1:]
        return s

    def zero(self):
        if self.loc in ("us", "ca"):
            return self.pick(["zero", "oh"])
        return "oh" if self.chance(0.85) else "zero"

    def n(self, x):
        return words(x, uk=self.loc != "us") if self.live else str(x)

    def cap(self, s):
        return s.lower() if self.live else s

    def weekday(self):
        return self.cap(self.pick(WEEKDAYS))

    def month(self):
        return self.cap(self.pick(MONTHS))

    def time(self):
        if self.live:
            if self.loc in ("us", "ca"):
                return self.pick(["seven thirty", "nine fifteen", "two o'clock", "eleven forty five",
                                  "three thirty", "ten in the morning"])
            return self.pick(["half ten", "quarter past nine", "ten to four", "two fifteen",
                              "eleven thirty", "twenty past one", "half two", "quarter to twelve"])
        h = self.ri(8, 16)
        m = self.pick([0, 15, 20, 30, 40, 45])
        if self.mode == "whisper" and self.loc in ("us", "ca"):
            return "%d:%02d %s" % (h if h <= 12 else h - 12, m, "a.m." if h < 12 else "p.m.")
        return "%d:%02d" % (h, m)

    def spoken_code(self, s):
        """Reference numbers etc. in live ASR: letters spelled, digits said."""
        return say_group(s, self.zero(), self.rng)

    # ---- fillers
    def _um(self):
        if not self.live:
            return ""
        if self.loc in ("us", "ca"):
            return self.pick(["um ", "uh ", "", "", ""])
        return self.pick(["um ", "uh ", "erm ", "", "", ""])

    def _like(self):
        return self.pick(["like ", "", ""]) if self.live else ""

    def _the(self):
        return "the " if (self._the_ok and self.chance(0.6)) else ""

    def T(self, tpl, **kw):
        parts = []
        for lit, field, spec, _conv in string.Formatter().parse(tpl):
            if lit:
                parts.append(lit)
            if field is None:
                continue
            if field.startswith("_"):
                parts.append(getattr(self, field)())
            else:
                v = kw[field]
                parts.append(v if isinstance(v, E) else format(v, spec or ""))
        return parts

    # ---- people
    def pp(self, origin=None, simple=False, nick=0.0, wordy=0.0, sex=None):
        for _ in range(500):
            o = origin or self.pick(ORIGIN_KEYS)
            f = self.pick(ORIGINS[o][0])
            if nick and self.chance(nick):
                f = self.pick(NICKS)
            if wordy and self.chance(wordy):
                f = self.pick(WORDY)
            lo = o if self.chance(0.75) else self.pick(ORIGIN_KEYS)
            l = self.pick(ORIGINS[lo][1])
            if simple and not fold(l).isalpha():
                continue
            if (sex == "f" and f in MALE) or (sex == "m" and f in FEMALE):
                continue
            if f in self.used or l in self.used or (f, l) in USED_FULL:
                continue
            USED_FULL.add((f, l))
            self.used.add(f)
            self.used.add(l)
            return Person(f, l)
        raise AssertionError("name pool exhausted")

    def nm(self, s, lower=False):
        if self.live:
            return fold(s).lower()
        return s.lower() if lower else s

    def fn(self, p=None, lower=False, **kw):
        p = p or self.pp(**kw)
        return E("PERSON", self.nm(p.first, lower), self.live)

    def ln(self, p=None, lower=False, **kw):
        p = p or self.pp(**kw)
        return E("PERSON", self.nm(p.last, lower), self.live)

    def full(self, p=None, lower=False, **kw):
        p = p or self.pp(**kw)
        return E("PERSON", self.nm(p.first + " " + p.last, lower), self.live)

    def spell(self, word):
        w = fold(word)
        toks = []
        i = 0
        while i < len(w):
            c = w[i]
            if c == "'":
                toks.append("apostrophe")
            elif c == "-":
                toks.append("hyphen")
            elif c == " ":
                pass
            elif self.live and i + 1 < len(w) and w[i + 1].lower() == c.lower() and self.chance(0.6):
                toks.append("double " + c.lower())
                i += 1
            else:
                toks.append(c.lower() if self.live else c.upper())
            i += 1
        text = " ".join(toks) if self.live else "-".join(toks)
        return E("PERSON", text, True)

    # ---- places
    def _ensure_city(self):
        if self._city is None:
            if self.loc == "uk":
                self._city = self.pick(UK_CITIES)
            elif self.loc == "us":
                self._city = self.pick(US_CITIES)
            elif self.loc == "ca":
                self._city = self.pick(CA_CITIES)
            elif self.loc == "ie":
                self._city = (self.pick(IE_CITIES),)
            else:
                self._city = (self.pick(AU_CITIES),)
        return self._city

    def city(self):
        return self.cap(self._ensure_city()[0])

    def state(self):
        assert self.loc in ("us", "ca")
        return self._ensure_city()[1]

    def house_words(self, n):
        if n < 100 or self.loc not in ("us", "ca"):
            if n >= 100 and self.chance(0.3):
                return say_group(str(n), "oh", self.rng, dbl=0, tpl=0)
            return words(n)
        if n < 1000:
            h, r = divmod(n, 100)
            if r == 0:
                return ONES[h] + " hundred"
            return ONES[h] + " " + ("oh " + ONES[r] if r < 10 else words(r))
        hi, lo = divmod(n, 100)
        if lo == 0:
            return words(hi) + " hundred"
        return words(hi) + " " + ("oh " + ONES[lo] if lo < 10 else words(lo))

    def addr(self):
        self._ensure_city()
        loc = self.loc
        n = {"uk": self.ri(1, 220), "ie": self.ri(1, 140), "au": self.ri(1, 200),
             "us": self.pick([self.ri(10, 99), self.ri(100, 999), self.ri(1000, 9899)]),
             "ca": self.pick([self.ri(10, 99), self.ri(100, 2999)])}[loc]
        street = self.pick(STREETS[loc])
        stype = self.pick(STYPES[loc])
        if self.live:
            st = street.replace("St John's", "Saint John's").replace("Queen's", "Queens").lower()
            text = "%s %s %s" % (self.house_words(n), st, stype.lower())
        else:
            if self.mode == "typed" and stype in ABBR and self.chance(0.35):
                stype = ABBR[stype]
            text = "%d %s %s" % (n, street, stype)
        return E("STREET_ADDRESS", text, self.live)

    def pc(self):
        c = self._ensure_city()
        if self.loc == "uk":
            area = c[1]
            dist = self.ri(1, 15) if len(area) == 1 else self.ri(1, 29)
            inward = str(self.ri(0, 9)) + "".join(self.pick("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2))
            val = "%s%d%s" % (area, dist, inward)
            if self.live:
                if dist >= 20 or (dist >= 10 and self.chance(0.5)):
                    dtxt = say_group(str(dist), "oh", self.rng, dbl=0, tpl=0)
                else:
                    dtxt = words(dist)
                text = " ".join(a.lower() for a in area) + " " + dtxt + " " + \
                    say_group(inward[0], self.zero(), self.rng) + " " + " ".join(ch.lower() for ch in inward[1:])
            else:
                text = "%s%d %s" % (area, dist, inward)
        elif self.loc == "us":
            val = c[2] + self.digits(2)
            plus4 = self.mode == "typed" and self.chance(0.4)
            if plus4:
                ext = self.digits(4, first_nonzero=True)
                text = val + "-" + ext
                val += ext
            elif self.live:
                text = say_group(val, self.zero(), self.rng)
            else:
                text = val
        elif self.loc == "ca":
            L = "ABCEGHJKLMNPRSTVWXYZ"
            val = c[2] + str(self.ri(1, 9)) + self.pick(L) + str(self.ri(1, 9)) + self.pick(L) + str(self.ri(0, 9))
            if self.live:
                text = say_group(val, self.zero(), self.rng, dbl=0, tpl=0)
            else:
                text = val[:3] + " " + val[3:]
        else:
            raise AssertionError("no postcode for " + self.loc)
        return E("ZIP_CODE", text, self.live, val)

    # ---- contact
    def phone(self, kind=None):
        loc = self.loc
        if kind is None:
            kind = {"uk": self.pick(["uk_mob", "uk_mob", "uk_mob", "uk_land", "e164_uk"]),
                    "ie": "e164_ie", "us": "nanp", "ca": "nanp", "au": "e164_au"}[loc]
        plus = kind.startswith("e164")
        if kind == "uk_mob":
            d = "07" + self.pick("45789") + self.digits(8)
            groups = [d[:5], d[5:]] if self.chance(0.5) else [d[:5], d[5:8], d[8:]]
            fmts = [d[:5] + " " + d[5:]]
            if self.mode == "typed":
                fmts += [d, d[:5] + " " + d[5:8] + " " + d[8:]]
        elif kind == "uk_land":
            code, parts = self.pick([("0113", [3, 4]), ("0161", [3, 4]), ("0141", [3, 4]),
                                     ("0117", [3, 4]), ("0116", [3, 4]), ("029", [4, 4]),
                                     ("028", [4, 4]), ("020", [4, 4]), ("01792", [6])])
            local = str(self.ri(2, 9)) + self.digits(sum(parts) - 1)
            groups = [code]
            i = 0
            for p in parts:
                groups.append(local[i:i + p])
                i += p
            fmts = [" ".join(groups)]
        elif kind == "nanp":
            area = self.pick(US_AREAS if loc == "us" else CA_AREAS)
            if self._city is not None and self._city[0] in CITY_AREA:
                area = self.pick(CITY_AREA[self._city[0]])
            exch = str(self.ri(2, 9)) + self.digits(2)
            line = self.digits(4)
            groups = [area, exch, line]
            fmts = ["(%s) %s-%s" % (area, exch, line), "%s-%s-%s" % (area, exch, line)]
            if self.mode == "typed":
                fmts.append("%s.%s.%s" % (area, exch, line))
        elif kind == "e164_uk":
            m = "7" + self.pick("45789") + self.digits(8)
            groups = ["44", m[:4], m[4:]]
            fmts = ["+44 %s %s" % (m[:4], m[4:])]
        elif kind == "e164_ie":
            groups = ["353", "8" + self.pick("3567"), self.digits(3), self.digits(4)]
            fmts = ["+353 %s %s %s" % tuple(groups[1:])]
        elif kind == "e164_au":
            groups = ["61", "4" + self.digits(2), self.digits(3), self.digits(3)]
            fmts = ["+61 %s %s %s" % tuple(groups[1:])]
        elif kind == "e164_us":
            groups = ["1", self.pick(US_AREAS), str(self.ri(2, 9)) + self.digits(2), self.digits(4)]
            fmts = ["+1 %s %s %s" % tuple(groups[1:])]
        else:
            raise AssertionError(kind)
        val = "".join(groups)
        if self.live:
            z = self.zero()
            text = ("plus " if plus else "") + " ".join(say_group(g, z, self.rng) for g in groups)
        else:
            text = self.pick(fmts)
        assert phone_ok(val, plus), val
        return E("PHONE_NUMBER", text, self.live, val)

    def mobile(self):
        if self.loc == "uk":
            return self.phone(self.pick(["uk_mob", "uk_mob", "e164_uk"]))
        return self.phone()

    def email(self, p=None):
        p = p or self.pp()

        def norm(s):
            return re.sub(r"[^a-z]", "", fold(s).lower())
        f, l = norm(p.first), norm(p.last)
        num2 = str(self.ri(1, 99)) if self.chance(0.5) else "%02d" % self.ri(70, 99)
        pats = [[("w", f), ("s", "."), ("w", l)],
                [("w", f[0]), ("w", l), ("n", num2)],
                [("w", f), ("s", "_"), ("w", l[0])],
                [("w", f), ("n", num2)],
                [("w", l), ("s", "."), ("w", f), ("n", num2)],
                [("w", f), ("s", "-"), ("w", l)]]
        toks = self.pick(pats)
        dom = self.pick(EMAIL_DOMAINS[self.loc])
        written = "".join(t[1] for t in toks) + "@" + dom
        if not self.live:
            return E("EMAIL_ADDRESS", written, False, written)
        out = []
        for kind, t in toks:
            if kind == "w":
                out.append(t)
            elif kind == "s":
                out.append({".": "dot", "_": "underscore", "-": "dash"}[t])
            else:
                if t[0] != "0" and self.chance(0.6):
                    out.append(words(int(t)))
                else:
                    out.append(say_group(t, "oh", self.rng, dbl=0.3, tpl=0))
        out.append("at")
        out.append(" dot ".join(dom.split(".")))
        return E("EMAIL_ADDRESS", " ".join(out), True, written)

    # ---- dates
    def dob(self, kind="adult"):
        y = {"child": self.ri(2007, 2016), "adult": self.ri(1958, 2003),
             "elder": self.ri(1931, 1956)}[kind]
        m = self.ri(1, 12)
        d = self.ri(1, 28)
        us = self.loc == "us" or (self.loc == "ca" and self.chance(0.5))
        M = MONTHS[m - 1]
        self._the_ok = False
        if self.live:
            yw = year_words(y, self.rng, us)
            if us:
                text = self.pick(["%s %s %s" % (M.lower(), ordinal(d), yw),
                                  "%s %s %s" % (M.lower(), words(d), yw)])
            else:
                text = self.pick(["%s of %s %s" % (ordinal(d), M.lower(), yw),
                                  "%s %s %s" % (ordinal(d), M.lower(), yw)])
                self._the_ok = " of " in text
        elif self.mode == "whisper":
            if us:
                text = self.pick(["%s %s, %d" % (M, ordsuf(d), y), "%s %d, %d" % (M, d, y),
                                  "%02d/%02d/%d" % (m, d, y)])
            else:
                text = self.pick(["%s of %s %d" % (ordsuf(d), M, y), "%d %s %d" % (d, M, y),
                                  "%02d/%02d/%d" % (d, m, y)])
                self._the_ok = text.startswith(ordsuf(d))
        else:
            if us:
                text = self.pick(["%02d/%02d/%d" % (m, d, y), "%d/%d/%d" % (m, d, y)])
            else:
                text = self.pick(["%02d/%02d/%d" % (d, m, y), "%02d.%02d.%d" % (d, m, y),
                                  "%d %s %d" % (d, M[:3], y), "%02d-%s-%d" % (d, M[:3], y)])
        self.dob_year = y
        return E("DATE_OF_BIRTH", text, self.live)

    # ---- identifiers
    def _render_groups(self, val, sizes, typed_seps=(" ",)):
        groups = []
        i = 0
        for s in sizes:
            groups.append(val[i:i + s])
            i += s
        assert i == len(val)
        if self.live:
            z = self.zero()
            return " ".join(say_group(g, z, self.rng) for g in groups)
        if self.mode == "whisper":
            return typed_seps[0].join(groups)
        sep = self.pick(list(typed_seps) + [""])
        return sep.join(groups)

    def nhs(self):
        while True:
            d9 = self.pick("4679") + self.digits(8)
            r = nhs_check(d9)
            if r != 10:
                break
        v = d9 + str(r)
        assert nhs_ok(v)
        return E("MEDICAL_RECORD_NUMBER", self._render_groups(v, [3, 3, 4]), self.live, v)

    def mrn(self):
        if self.loc in ("us", "ca"):
            v = self.pick(["00", "0", ""]) + self.digits(self.ri(7, 8), first_nonzero=True)
            sizes = [3, 3, len(v) - 6]
            return E("MEDICAL_RECORD_NUMBER", self._render_groups(v, sizes, ("",)), self.live, v)
        form = self.pick(["L7", "LL6", "L6"])
        letters = "".join(self.pick("ABCDEFGHJKMNPRSTWXY") for _ in range(form.count("L")))
        nd = int(form[-1])
        v = letters + self.digits(nd)
        if self.live:
            z = self.zero()
            body = v[len(letters):]
            text = " ".join(c.lower() for c in letters) + " " + \
                " ".join(say_group(g, z, self.rng) for g in (body[:3], body[3:]))
        else:
            text = v if self.chance(0.7) else letters + " " + v[len(letters):]
        return E("MEDICAL_RECORD_NUMBER", text, self.live, v)

    def card(self):
        brand = self.pick(["visa", "visa", "mc", "mc", "amex"] + (["disc"] if self.loc == "us" else []))
        if brand == "visa":
            body, L = "4" + self.digits(14), 16
        elif brand == "mc":
            body, L = str(self.ri(51, 55)) + self.digits(13), 16
        elif brand == "amex":
            body, L = self.pick(["34", "37"]) + self.digits(12), 15
        else:
            body, L = "6011" + self.digits(11), 16
        v = luhn_complete(body)
        assert len(v) == L and card_ok(v)
        sizes = [4, 6, 5] if L == 15 else [4, 4, 4, 4]
        return E("CREDIT_CARD", self._render_groups(v, sizes, (" ", "-")), self.live, v)

    def ssn(self):
        while True:
            a = self.ri(1, 899)
            if a != 666:
                break
        v = "%03d%02d%04d" % (a, self.ri(1, 99), self.ri(1, 9999))
        assert ssn_ok(v)
        return E("US_SSN", self._render_groups(v, [3, 2, 4], ("-", " ")), self.live, v)

    def aba(self):
        pre = "%02d" % self.pick(list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)))
        body = pre + self.digits(6)
        n = [int(c) for c in body]
        c = (10 - (3 * (n[0] + n[3] + n[6]) + 7 * (n[1] + n[4] + n[7]) + (n[2] + n[5])) % 10) % 10
        v = body + str(c)
        assert aba_ok(v)
        return E("ABA_ROUTING_NUMBER", self._render_groups(v, [3, 3, 3], ("",)), self.live, v)

    def usbank(self):
        L = self.ri(8, 12)
        v = self.digits(L, first_nonzero=True)
        sizes = [4] * (L // 4) + ([L % 4] if L % 4 else [])
        return E("US_BANK_NUMBER", self._render_groups(v, sizes, ("",)), self.live, v)

    def iban(self, cc=None):
        cc = cc or ("IE" if self.loc == "ie" else "GB")
        bank = self.pick(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"] if cc == "GB" else ["AIBK", "BOFI", "IPBS"])
        bban = bank + self.digits(6) + self.digits(8)
        chk = 98 - iban_num(bban + cc + "00") % 97
        v = cc + "%02d" % chk + bban
        assert iban_ok(v)
        groups = [v[i:i + 4] for i in range(0, len(v), 4)]
        if self.live:
            z = self.zero()
            text = " ".join(say_group(g, z, self.rng, dbl=0.3, tpl=0) for g in groups)
        elif self.mode == "whisper":
            text = " ".join(groups)
        else:
            text = self.pick([" ".join(groups), v])
        return E("IBAN_CODE", text, self.live, v)

    def acct(self, kind="utility"):
        if kind == "utility":
            L = self.pick([10, 11, 12])
            sizes = [4, 4, L - 8]
        elif kind == "ctax":
            L = self.pick([8, 9])
            sizes = [4, L - 4]
        else:  # card services
            L = 10
            sizes = [3, 3, 4]
        v = self.digits(L, first_nonzero=True)
        return E("ACCOUNT_NUMBER", self._render_groups(v, sizes, (" ",)), self.live, v)

    def ip(self):
        o = [self.pick([81, 86, 92, 109, 151, 176, 185, 212, 77, 31, 90, 82]),
             self.ri(0, 255), self.ri(0, 255), self.ri(1, 254)]
        if self.live:
            parts = [words(x) if x < 100 and self.chance(0.7) else say_group(str(x), "oh", self.rng, dbl=0.3, tpl=0)
                     for x in o]
            text = " dot ".join(parts)
        else:
            text = ".".join(map(str, o))
        return E("IP_ADDRESS", text, self.live, ".".join(map(str, o)))

    def dl(self):
        st = self.pick(["CA", "NY", "FL", "TX", "IL"])
        self.dl_state = {"CA": "california", "NY": "new york", "FL": "florida", "TX": "texas",
                         "IL": "illinois"}[st]
        L = self.pick("ABCDFGHJKLMNPRSTW")
        if st == "CA":
            v, sizes = L + self.digits(7), [1, 3, 4]
        elif st == "NY":
            v, sizes = self.digits(9, True), [3, 3, 3]
        elif st == "FL":
            v, sizes = L + self.digits(12), [4, 3, 2, 3, 1]
        elif st == "TX":
            v, sizes = self.digits(8, True), [4, 4]
        else:
            v, sizes = L + self.digits(11), [4, 4, 4]
        groups = []
        i = 0
        for s in sizes:
            groups.append(v[i:i + s])
            i += s
        if self.live:
            z = self.zero()
            text = " ".join(say_group(g, z, self.rng) for g in groups)
        elif st in ("FL", "IL"):
            text = "-".join(groups)
        elif st == "NY":
            text = " ".join(groups)
        else:
            text = v
        return E("US_DRIVER_LICENSE", text, self.live, v)

    def passport(self):
        v = self.pick([self.digits(9, True), self.pick("ACEFGHJKLMNPRSTWXZ") + self.digits(8)])
        if self.live:
            z = self.zero()
            text = " ".join(say_group(g, z, self.rng) for g in (v[:3], v[3:6], v[6:]))
        else:
            text = v
        return E("US_PASSPORT", text, self.live, v)


# --------------------------------------------------------------------------
# frames
# --------------------------------------------------------------------------
FRAMES = []


def F(domain, mode, neg, locs="uk"):
    def deco(fn):
        FRAMES.append(dict(fn=fn, domain=domain, mode=mode, neg=neg, locs=locs.split(),
                           name=fn.__name__))
        return fn
    return deco


# ============================== CLINIC ====================================
# ---- negatives, live ASR
@F("clinic", "live", True, "uk ie")
def c_neg_dose_increase(g):
    d1, d2 = g.pick([("five", "ten"), ("ten", "twenty"), ("twenty", "forty"),
                     ("two point five", "five"), ("fifty", "a hundred")])
    return g.T("{_um}she's on {d1} milligrams twice a day and the doctor wants to put it up to {d2} "
               "from {day} {_um}is that normal cause she's already really drowsy",
               d1=d1, d2=d2, day=g.weekday())


@F("clinic", "live", True, "uk")
def c_neg_appt_date(g):
    return g.T("yeah the appointment's on the {o} of {m} at {t} in outpatients {_um}ward {w} i think "
               "it said on the letter but the letter's gone in the recycling",
               o=ordinal(g.ri(1, 28)), m=g.month(), t=g.time(), w=g.n(g.ri(2, 40)))


@F("clinic", "live", True, "uk au")
def c_neg_waiting_long(g):
    return g.T("i've been sat here since {t} and the board says {mins} minutes {_um}but it's said that "
               "for the last hour and a half {_um}my little girl's got a temperature of thirty nine "
               "and they gave her some calpol at triage but nobody's been back since {_um}is there "
               "any way of knowing how long it'll actually be cause i've got to pick her brother up "
               "from school at quarter past three and there's nobody else who can do it",
               t=g.time(), mins=g.pick(["forty", "ninety", "two hundred and ten", "a hundred and twenty"]))


@F("clinic", "live", True, "uk ie")
def c_neg_bed_ward(g):
    return g.T("he's in bed {b} on ward {w} the cardiac one {_um}they moved him from the assessment "
               "unit last night about {t} and nobody rang us",
               b=g.n(g.ri(1, 30)), w=g.n(g.ri(3, 45)), t=g.pick(["eleven", "two in the morning", "half nine"]))


@F("clinic", "live", True, "uk")
def c_neg_bus(g):
    return g.T("is it the number {bus} bus that goes past the hospital {_um}and i get off at the stop by "
               "the big {shop} is that right for the eye clinic",
               bus=g.pick(["forty three", "twelve", "one one nine", "seventy two", "x four"]),
               shop=g.pick(["tesco", "asda", "aldi", "sainsbury's", "lidl"]))


@F("clinic", "live", True, "uk au ie")
def c_neg_which_strength(g):
    a, b = g.pick([("five", "two point five"), ("ten", "seven point five"), ("twenty", "forty"),
                   ("one hundred", "fifty")])
    return g.T("can you just tell me is it the {a} milligram or the {b} he's meant to be on cause the "
               "box says one thing and the label says another", a=a, b=b)


@F("clinic", "live", True, "uk")
def c_neg_hope(g):
    return g.T("{_um}there's no hope of getting seen before {day} is there {_um}i've been ringing since "
               "eight o'clock and i was number {q} in the queue",
               day=g.weekday(), q=g.n(g.ri(9, 38)))


@F("clinic", "live", True, "uk us ca")
def c_neg_age_headaches(g):
    return g.T("she's only {age} and she's been having these headaches for about {n} weeks now {_um}"
               "they come on after school mostly and she's been sick twice",
               age=g.n(g.ri(8, 15)), n=g.n(g.ri(2, 6)))


@F("clinic", "live", True, "us ca")
def c_neg_will_drive(g):
    return g.T("will i be able to drive after the procedure or do i need someone to pick me up {_um}"
               "it's at {t} on {day} and i'm supposed to stop eating at midnight",
               t=g.time(), day=g.weekday())


# ---- negatives, whisper ASR
@F("clinic", "whisper", True, "uk")
def c_neg_w_room(g):
    return g.T("The clinic on {street} said to come back at {hm}, room {room}, second floor. "
               "Is that still right, or has it moved?",
               street=g.pick(["Station Road", "Church Lane", "Victoria Street", "Hope Street", "the High Street"]),
               hm=g.time(), room=g.ri(2, 40))


@F("clinic", "whisper", True, "uk ie au")
def c_neg_w_paracetamol(g):
    return g.T("I was told to take {mg} milligrams, {k}, four times a day, and no more than {mx} "
               "in 24 hours. Is that right with the ibuprofen as well?",
               mg=g.pick([500, 250]), k=g.pick(["one tablet", "two tablets"]), mx=g.pick([4, 8]))


@F("clinic", "whisper", True, "uk us")
def c_neg_w_bp(g):
    return g.T("My blood pressure was {s} over {d} this morning and my sugar was {sug}. Should I be "
               "worried, or just wait for the review on the {dd}?",
               s=g.ri(128, 168), d=g.ri(78, 99), sug=g.pick(["7.8", "11.2", "6.4", "142"]),
               dd=ordsuf(g.ri(2, 28)))


@F("clinic", "whisper", True, "uk ie")
def c_neg_w_faith(g):
    op = g.pick(["Faith in the system is pretty low, to be honest.", "Joy of joys, another cancellation.",
                 "Hope isn't a plan, is it?"])
    return g.T("{op} I've been waiting {w} weeks for a referral to the {cl} clinic and nobody can tell "
               "me anything.", op=op, w=g.ri(14, 52),
               cl=g.pick(["rheumatology", "memory", "gender identity", "pain", "ENT"]))


# ---- negatives, typed notes
@F("clinic", "typed", True, "uk")
def c_neg_t_obs(g):
    return g.T("Pt reports {p}/10 pain, BP {s}/{d}, HR {hr}, SpO2 {o}% RA. Plan: review in {w}/52.",
               p=g.ri(2, 9), s=g.ri(110, 160), d=g.ri(60, 95), hr=g.ri(58, 110), o=g.ri(93, 99),
               w=g.ri(1, 6))


@F("clinic", "typed", True, "uk")
def c_neg_t_appt(g):
    return g.T("Appt booked {dd:02d}/{mm:02d} {hh}:{mi} Rm {room}, Phlebotomy. Fasting from midnight. Pt aware.",
               dd=g.ri(1, 28), mm=g.ri(1, 12), hh="%02d" % g.ri(8, 16), mi=g.pick(["00", "15", "30", "45"]),
               room=g.ri(1, 22))


@F("clinic", "typed", True, "uk ie")
def c_neg_t_caseref(g):
    return g.T("PALS case ref {ref} escalated to duty manager. Callback within 48 hrs as per policy; "
               "complainant informed by letter.", ref="%d-%s" % (g.ri(10000, 99999), g.pick("ABCDE")))


@F("clinic", "typed", True, "uk")
def c_neg_t_ward(g):
    return g.T("Ward {w}, Bay {bay}, Bed {b}. NBM from 00:00 for theatre list. IV abx day {n} of 5.",
               w=g.ri(2, 40), bay=g.pick("ABCDEF"), b=g.ri(1, 8), n=g.ri(1, 4))


@F("clinic", "typed", True, "uk au")
def c_neg_t_rx(g):
    drug, d1, d2 = g.pick([("sertraline", 50, 100), ("citalopram", 10, 20), ("amlodipine", 5, 10),
                           ("metformin", 500, 1000), ("propranolol", 10, 40)])
    return g.T("Rx: {drug} {d1}mg OD, increase to {d2}mg after 2/52 if tolerated. Review w/ GP in 6/52.",
               drug=drug, d1=d1, d2=d2)


# ---- positives, live ASR
@F("clinic", "live", False, "uk ie")
def c_pos_mum_dob(g):
    return g.T("hi yeah {_um}i'm calling about my mum her name's {n} date of birth {_the}{d}",
               n=g.full(sex="f"), d=g.dob("elder"))


@F("clinic", "live", False, "uk")
def c_pos_spell_nhs(g):
    p = g.pp(simple=True)
    return g.T("it's {n} that's {sp} {_um}and my nhs number is {nhs}",
               n=g.full(p), sp=g.spell(p.last), nhs=g.nhs())


@F("clinic", "live", False, "uk")
def c_pos_hospno_doctor(g):
    return g.T("{_um}my hospital number is {m} and i was seen by doctor {d} last {day} in the fracture clinic",
               m=g.mrn(), d=g.ln(), day=g.weekday())


@F("clinic", "live", False, "uk ie au")
def c_pos_callback_askfor(g):
    return g.T("can you ring me back on {ph} and just ask for {f} {_um}don't say where you're calling from",
               ph=g.phone(), f=g.fn())


@F("clinic", "live", False, "uk")
def c_pos_address_pc(g):
    return g.T("yeah so the address is {a} {c} {pc} {_um}it's the house with the green door",
               a=g.addr(), c=g.city(), pc=g.pc())


@F("clinic", "live", False, "uk us ca")
def c_pos_son_dob(g):
    f = g.fn(sex="m")
    d = g.dob("child")
    return g.T("i'm ringing for my son {f} he's {age} {_um}his date of birth is {_the}{d}",
               f=f, d=d, age=words(2024 - g.dob_year))


@F("clinic", "live", False, "uk")
def c_pos_physio_long(g):
    return g.T("yeah hi sorry {_um}so i had an appointment with the physio last month about my knee and "
               "they said they'd send a letter but i never got anything {_um}my name's {n} date of birth "
               "{_the}{d} and i'm at {a} now cause i moved in {mo} so that might be why {_um}if you need "
               "me my mobile is {ph} i'm usually free after three",
               n=g.full(), d=g.dob("adult"), a=g.addr(), mo=g.month(), ph=g.phone("uk_mob"))


@F("clinic", "live", False, "uk")
def c_pos_omeprazole_nhs(g):
    return g.T("she's on twenty milligrams of the omeprazole and {_um}her nhs number's {nhs} nurse {f} "
               "said you could sort the repeat", nhs=g.nhs(), f=g.fn())


@F("clinic", "live", False, "us")
def c_pos_us_billing_ssn(g):
    return g.T("yes hi my name is {n} date of birth {d} and {_um}the billing office needs my social which is {s}",
               n=g.full(), d=g.dob("adult"), s=g.ssn())


@F("clinic", "live", False, "uk ie ca")
def c_pos_email_instead(g):
    return g.T("can you email it to me instead {_um}it's {e} {_um}all lower case", e=g.email())


@F("clinic", "live", False, "uk")
def c_pos_carer_address(g):
    return g.T("i'm {f}'s carer she's ninety one and she lives at {a} {_um}the key safe code's changed though "
               "so ring me first", f=g.fn(sex="f"), a=g.addr())


@F("clinic", "live", False, "uk")
def c_pos_gp_surgery_phone(g):
    return g.T("my g p is doctor {d} at the {pl} surgery and {_um}their number is {ph}",
               d=g.ln(), pl=g.pick(["riverside", "park lane", "meadowbank", "high street", "castle"]),
               ph=g.phone("uk_land"))


@F("clinic", "live", False, "us")
def c_pos_us_mrn_callback(g):
    return g.T("my m r n is {m} {_um}and the best callback number is {ph}", m=g.mrn(), ph=g.phone())


# ---- positives, whisper ASR
@F("clinic", "whisper", False, "uk ie")
def c_pos_w_husband(g):
    return g.T("Hi, this is {n}, calling about my husband, {h}. His date of birth is {_the}{d}.",
               n=g.full(), h=g.fn(sex="m"), d=g.dob("elder"))


@F("clinic", "whisper", False, "uk")
def c_pos_w_nhs_pc(g):
    return g.T("My NHS number is {nhs} and my postcode is {pc}.", nhs=g.nhs(), pc=g.pc())


@F("clinic", "whisper", False, "uk ie au")
def c_pos_w_letter_email(g):
    return g.T("Can you send the letter to {e}? The post never seems to arrive at {a}.",
               e=g.email(), a=g.addr())


@F("clinic", "whisper", False, "ca")
def c_pos_w_moved_ca(g):
    return g.T("I moved to {a}, {c}, {pc}, and my new number is {ph}. Can you update the clinic file?",
               a=g.addr(), c=g.city(), pc=g.pc(), ph=g.phone())


@F("clinic", "whisper", False, "uk us")
def c_pos_w_daughter_born(g):
    return g.T("Dr. {d} told me to ring this number. It's about my daughter, {f}, born {_the}{b}.",
               d=g.ln(), f=g.fn(sex="f"), b=g.dob("child"))


@F("clinic", "whisper", False, "us")
def c_pos_w_us_mrn_dob(g):
    return g.T("My medical record number is {m}, and my date of birth is {d}.", m=g.mrn(), d=g.dob("adult"))


@F("clinic", "whisper", False, "uk ie")
def c_pos_w_spelled(g):
    p = g.pp(simple=True)
    return g.T("It's {l}, {sp}. First name {f}.", l=g.ln(p), sp=g.spell(p.last), f=g.fn(p))


# ---- positives, typed notes
@F("clinic", "typed", False, "uk")
def c_pos_t_seen_by(g):
    return g.T("Pt seen by Dr {d}. Mum ({m}) attended. DOB: {b}. NHS No: {nhs}.",
               d=g.ln(), m=g.fn(sex="f"), b=g.dob("child"), nhs=g.nhs())


@F("clinic", "typed", False, "uk")
def c_pos_t_referral(g):
    return g.T("Referral from GP Dr {gp}. Pt address: {a}, {c} {pc}. Tel: {ph}.",
               gp=g.full(), a=g.addr(), c=g.city(), pc=g.pc(), ph=g.phone())


@F("clinic", "typed", False, "uk us")
def c_pos_t_mrn_header(g):
    return g.T("MRN {m} – {n}, DOB {b}. Allergies: penicillin (rash). Wt 62kg.",
               m=g.mrn(), n=g.full(), b=g.dob("adult"))


@F("clinic", "typed", False, "uk ie")
def c_pos_t_email_rx(g):
    return g.T("Email rec'd from pt ({e}) requesting repeat Rx – forwarded to {f} (pharmacist) for review.",
               e=g.email(), f=g.fn())


@F("clinic", "typed", False, "uk ie au")
def c_pos_t_nok(g):
    return g.T("NOK: {n} (partner), mob {ph}. Pt consents to info sharing with NOK.",
               n=g.full(), ph=g.mobile())


@F("clinic", "typed", False, "us")
def c_pos_t_us_intake(g):
    return g.T("Name: {n}\nDOB: {b}\nSSN: {s}\nAddress: {a}, {c}, {st} {z}\nInsurance: self-pay",
               n=g.full(), b=g.dob("adult"), s=g.ssn(), a=g.addr(), c=g.city(), st=g.state(), z=g.pc())


@F("clinic", "typed", False, "uk")
def c_pos_t_transfer(g):
    return g.T("Hosp no. {m} – transferred from Ward 12 to Ward 3 at 14:20. Seen by Nurse {f} on arrival.",
               m=g.mrn(), f=g.fn())


# ============================== HELPLINE ==================================
# ---- negatives, live ASR
@F("helpline", "live", True, "uk ie au")
def h_neg_no_point_long(g):
    return g.T("i don't know i just feel like there's no point anymore {_um}like i get up and go to school "
               "and come home and go to my room and that's it {_um}i've felt like this since year {y} "
               "and it's not getting better it's getting worse if anything and i can't talk to anyone at "
               "home cause they'll just say i'm being dramatic {_um}i'm not gonna do anything stupid i just "
               "needed to say it out loud to someone",
               y=g.pick(["seven", "eight", "nine", "ten"]))


@F("helpline", "live", True, "uk")
def h_neg_park_canal(g):
    return g.T("we went down the {pl} and sat on the swings till {_like}{t} and then walked back "
               "the long way so nobody would see us",
               pl=g.pick(["park by the canal", "rec behind the leisure centre", "skate park", "field by the flats"]),
               t=g.pick(["ten o'clock", "half eleven", "midnight", "gone eleven"]))


@F("helpline", "live", True, "uk ie")
def h_neg_curfew(g):
    return g.T("my {who} says i can't go out after {h} on a school night but all my friends are allowed {_um}"
               "and {pr} won't even listen", who=g.pick(["mum", "dad", "nan", "step mum"]),
               h=g.pick(["six", "seven", "eight", "half seven"]), pr=g.pick(["they", "it's like they"]))


@F("helpline", "live", True, "uk au")
def h_neg_ages_room(g):
    return g.T("i'm {a} and my brother's {b} and we share a room {_um}and he's always on his xbox till "
               "{_like}two in the morning", a=g.n(g.ri(12, 16)), b=g.n(g.ri(6, 11)))


@F("helpline", "live", True, "uk us")
def h_neg_not_eating(g):
    return g.T("it's been {_like}{n} weeks since i last ate a proper meal {_um}i just have a {snack} at lunch "
               "and that's it", n=g.n(g.ri(2, 5)),
               snack=g.pick(["packet of crisps", "bag of chips", "cereal bar"]))


@F("helpline", "live", True, "uk ie")
def h_neg_no_joy(g):
    return g.T("there's no joy in anything anymore you know what i mean {_um}even stuff i used to like "
               "{_like}{a} and {b}", a=g.pick(["football", "gaming", "dancing", "swimming"]),
               b=g.pick(["drawing", "music", "going to cadets", "baking"]))


@F("helpline", "live", True, "uk")
def h_neg_bus_stop(g):
    return g.T("i get the number {bus} bus to school and they wait for me at the stop {_um}outside the chippy "
               "and they take my dinner money", bus=g.pick(["twelve", "forty", "six a", "eighty one"]))


@F("helpline", "live", True, "uk au")
def h_neg_call_free(g):
    return g.T("is this call free {_like}will it show up on the {bill} cause my {who} checks it every {when}",
               bill=g.pick(["phone bill", "bill", "app"]), who=g.pick(["dad", "mum", "step dad", "auntie"]),
               when=g.pick(["month", "week", "night"]))


@F("helpline", "live", True, "uk")
def h_neg_year_academy(g):
    return g.T("i'm in year {y} at the academy on the high road and {_um}we've got mocks in {m} and i "
               "haven't revised anything", y=g.pick(["ten", "eleven", "nine"]),
               m=g.pick(["november", "december", "january", "february", "march"]))


# ---- negatives, whisper ASR
@F("helpline", "whisper", True, "uk ie")
def h_neg_w_car_park(g):
    return g.T("I'm calling from the car park outside the {h}. I've been sat here for about {n} and I "
               "can't make myself go in.", h=g.pick(["hospital", "hospice", "school"]),
               n=g.pick(["an hour", "forty minutes", "two hours"]))


@F("helpline", "whisper", True, "uk us")
def h_neg_w_back_by(g):
    return g.T("He said he'd be back by {a} and it's gone {b} now. I don't know what to do. He's not "
               "answering his phone.", a=g.pick(["10", "11", "midnight"]), b=g.pick(["2", "3", "half 1"]))


@F("helpline", "whisper", True, "uk")
def h_neg_w_case_number(g):
    return g.T("My case number is {c}, someone from your team rang me last {d}.",
               c=g.ri(100000, 999999), d=g.weekday())


@F("helpline", "whisper", True, "uk au")
def h_neg_w_sunny(g):
    op = g.pick(["Sunny days are the worst, weirdly,", "Christmas is the worst, honestly,"])
    return g.T("{op} because everyone's out having fun and I'm just stuck in my {r}.", op=op,
               r=g.pick(["room", "flat", "bedroom", "head"]))


# ---- negatives, typed notes / chat
@F("helpline", "typed", True, "uk")
def h_neg_t_low_mood(g):
    return g.T("YP disclosed low mood x {m}/12, no current plan or intent. Safety plan agreed. Signposted to "
               "GP & school counsellor.", m=g.ri(2, 9))


@F("helpline", "typed", True, "uk ie")
def h_neg_t_excluded(g):
    return g.T("Caller (age {a}) reports being excluded from school for {d} days. Advised re: rights to "
               "education, info on appeals sent.", a=g.ri(12, 16), d=g.ri(2, 15))


@F("helpline", "typed", True, "uk")
def h_neg_t_chat_ended(g):
    return g.T("chat ended abruptly at {hh}:{mm}, no identifying info given. Flagged for QA review.",
               hh=g.ri(18, 23), mm="%02d" % g.ri(0, 59))


@F("helpline", "typed", True, "uk au")
def h_neg_t_chat_13(g):
    return g.T("hi im {a} and i dont no who to talk to my parents are always fighting and i cant sleep",
               a=g.ri(11, 14))


@F("helpline", "typed", True, "uk")
def h_neg_t_contact_lasted(g):
    return g.T("Contact lasted {m} mins. Risk: {r}. Follow-up ref HL-{ref}. NFA at this time.",
               m=g.ri(8, 75), r=g.pick(["low", "medium", "high"]), ref=g.ri(10000, 99999))


# ---- positives, live ASR
@F("helpline", "live", False, "uk au")
def h_pos_park_two_names(g):
    return g.T("me and {a} went to the park after school and then {b} turned up with his mates and it all "
               "kicked off", a=g.fn(nick=0.3), b=g.fn(nick=0.3, sex="m"))


@F("helpline", "live", False, "uk ie")
def h_pos_dads_girlfriend(g):
    return g.T("{_um}dad's new girlfriend {a} shouts at us all the time and he just lets her", a=g.fn(sex="f"))


@F("helpline", "live", False, "uk us")
def h_pos_stepdad_phone(g):
    return g.T("my step dad {a} takes my phone off me at night and reads all my messages", a=g.fn(nick=0.2, sex="m"))


@F("helpline", "live", False, "uk")
def h_pos_told_miss(g):
    return g.T("i told miss {l} my form tutor but she didn't do anything about it", l=g.ln())


@F("helpline", "live", False, "uk ie au")
def h_pos_name_first(g):
    return g.T("{a} said if i tell anyone she'll stop being my friend and tell everyone what i did",
               a=g.fn(nick=0.3, sex="f"))


@F("helpline", "live", False, "uk")
def h_pos_mums_boyfriend_full(g):
    return g.T("my mum's boyfriend {n} he's been coming round drunk and {_um}banging on the door at night",
               n=g.full(sex="m"))


@F("helpline", "live", False, "uk")
def h_pos_callback_after_four(g):
    return g.T("can you call me back on {ph} but only after four cause {a} checks my phone",
               ph=g.phone("uk_mob"), a=g.fn())


@F("helpline", "live", False, "uk ie")
def h_pos_nan_address(g):
    return g.T("i live with my nan at {ad} cause mum's not well at the moment", ad=g.addr())


@F("helpline", "live", False, "uk au")
def h_pos_groupchat_long(g):
    p = g.pp(nick=0.3, sex="f")
    return g.T("so basically it started in year eight when {a} moved to our school and {_like}at first we were "
               "best friends and everything {_um}but then she started going round with {b} and they'd wait "
               "for me after school and say stuff and now they've made a group chat about me and {a2} put a "
               "picture of me in it {_um}and i haven't told my mum cause she's got enough going on with my "
               "little brother being poorly",
               a=g.fn(p), b=g.fn(), a2=g.fn(p))


@F("helpline", "live", False, "uk")
def h_pos_carers(g):
    return g.T("my carer {a} is lovely but the other one {b} is really rough with me when she does my hoist",
               a=g.fn(wordy=0.5, sex="f"), b=g.fn(sex="f"))


@F("helpline", "live", False, "uk us ca")
def h_pos_worried_mate(g):
    return g.T("i'm worried about my {mate} {a} she's been posting stuff about hurting herself {_um}and she's "
               "not been in school since {d}", mate="friend" if g.loc != "uk" else "mate", a=g.fn(sex="f"), d=g.weekday())


@F("helpline", "live", False, "uk ie")
def h_pos_snap_names(g):
    return g.T("{a} and {b} keep messaging me on snap and calling me names {_um}and it's every night",
               a=g.fn(nick=0.3), b=g.fn(nick=0.3))


@F("helpline", "live", False, "uk ie us")
def h_pos_partner_left(g):
    return g.T("my partner {a} left last night and i've not slept {_um}my number's {ph} if you need it",
               a=g.fn(), ph=g.phone())


# ---- positives, whisper ASR
@F("helpline", "whisper", False, "uk ie")
def h_pos_w_stepmum(g):
    return g.T("My name's {a}, I'm {age}, and I'm calling because my stepmum, {b}, won't let me see my real mum.",
               a=g.fn(), age=g.ri(12, 16), b=g.fn(sex="f"))


@F("helpline", "whisper", False, "uk us")
def h_pos_w_son_school(g):
    return g.T("It's about my son, {a}. His school said they'd have to involve social services, and I'm "
               "terrified they'll take him.", a=g.fn(sex="m"))


@F("helpline", "whisper", False, "uk ie ca")
def h_pos_w_email_easier(g):
    return g.T("You can email me at {e} if that's easier. I can't really talk at home.", e=g.email())


@F("helpline", "whisper", False, "uk ie")
def h_pos_w_grandad_long(g):
    return g.T("My grandad, {n}, has dementia and he keeps leaving the house at night. Last week the police "
               "found him at the petrol station in his slippers, and my mum works nights so it's just me "
               "and my brother. He lives at {a}, two doors down from us. I'm 16. I don't know who I'm "
               "supposed to ring about this, the GP just says to call social services and they never pick up.",
               n=g.full(sex="m"), a=g.addr())


@F("helpline", "whisper", False, "uk")
def h_pos_w_only_one(g):
    return g.T("Honestly, {a} is the only one who listens. Mr. {l} just tells me to calm down.",
               a=g.fn(), l=g.ln())


@F("helpline", "whisper", False, "au")
def h_pos_w_au_mobile(g):
    return g.T("I'm in {c}, my mobile is {ph}, and my boyfriend {a} has got my bank cards.",
               c=g.city(), ph=g.phone(), a=g.fn(sex="m"))


@F("helpline", "whisper", False, "ca")
def h_pos_w_foster_mom(g):
    return g.T("My foster mom, {a}, said I could call. We live at {ad}, {c}, {pc}.",
               a=g.fn(sex="f"), ad=g.addr(), c=g.city(), pc=g.pc())


# ---- positives, typed notes / chat
@F("helpline", "typed", False, "uk")
def h_pos_t_yp_stepdad(g):
    return g.T("YP ({a}, {age}) disclosed that stepdad {b} hits her when he's been drinking. Mum ({c}) aware.",
               a=g.fn(sex="f"), age=g.ri(11, 16), b=g.fn(nick=0.2, sex="m"), c=g.fn(sex="f"))


@F("helpline", "typed", False, "uk")
def h_pos_t_caller_gave(g):
    return g.T("Caller gave name as {n}, DOB {b}, lives at {a}. Consent given to share with MASH.",
               n=g.full(), b=g.dob("child"), a=g.addr())


@F("helpline", "typed", False, "uk ie")
def h_pos_t_chat_again(g):
    return g.T("hi its {a} again i talked to {b} last week she said i could message back",
               a=g.fn(lower=True), b=g.fn(lower=True, sex="f"))


@F("helpline", "typed", False, "uk")
def h_pos_t_lado(g):
    return g.T("Concern raised re: teacher ({n}) at YP's school. LADO referral made; DSL informed.",
               n=g.full())


@F("helpline", "typed", False, "uk ie")
def h_pos_t_tel_callback(g):
    return g.T("Caller's tel {ph} (mob). Requested callback by counsellor {a} only – not before 16:00.",
               ph=g.mobile(), a=g.fn())


@F("helpline", "typed", False, "uk")
def h_pos_t_webchat_ip(g):
    return g.T("Webchat – IP {ip} logged under safeguarding protocol 4.2. YP states friend {a} has taken "
               "approx 20 tablets.", ip=g.ip(), a=g.fn())


@F("helpline", "typed", False, "uk")
def h_pos_t_neighbour_child(g):
    return g.T("Adult caller ({a}) concerned about neighbour's child at {ad}, {pc}. Police welfare check requested.",
               a=g.fn(), ad=g.addr(), pc=g.pc())


# ============================== GOV / COUNCIL =============================
@F("gov", "live", True, "uk")
def g_neg_housing_list(g):
    return g.T("i've been on the list for social housing for about {n} years now {_um}we're in band {b} and "
               "they keep saying it's points", n=g.n(g.ri(2, 9)), b=g.pick(["b", "c", "two", "three"]))


@F("gov", "live", True, "uk")
def g_neg_bins_long(g):
    return g.T("the bins haven't been collected on our street for {n} weeks {_um}it's the one behind the church "
               "where the road goes down to the river {_um}and it's not just us it's the whole row and the "
               "foxes have been at them and there's rubbish all over the pavement {_um}i've rung three times "
               "now and every time they say it'll be sorted by {d} and it never is and there's an old lady "
               "next door who can't even get her wheelie bin out past it",
               n=g.n(g.ri(2, 5)), d=g.weekday())


@F("gov", "live", True, "uk")
def g_neg_spd(g):
    return g.T("how much is the single person discount is it twenty five percent {_um}cause my son's moved out "
               "to uni in {m}", m=g.month())


@F("gov", "live", True, "uk")
def g_neg_pothole(g):
    return g.T("the pothole's on {s} just past the primary school near the roundabout {_um}my car's been in it "
               "twice", s=g.pick(["mill lane", "station road", "church street", "hope street", "rose lane"]))


@F("gov", "live", True, "uk")
def g_neg_uc_rent(g):
    return g.T("universal credit's paying me {a} pound a month and the rent's {b} so i'm short every month",
               a=g.pick(["three hundred and sixty eight", "six hundred and twelve", "four ninety"]),
               b=g.pick(["six fifty", "seven hundred", "five eighty five"]))


@F("gov", "live", True, "uk")
def g_neg_pcn(g):
    return g.T("my parking fine reference is {r} {_um}i was only there ten minutes",
               r=g.spoken_code("PCN" + g.digits(7)))


@F("gov", "whisper", True, "uk")
def g_neg_w_blue_badge(g):
    return g.T("I applied for the blue badge on the {d} of {m} and it's now been {w} weeks.",
               d=ordsuf(g.ri(1, 28)), m=g.pick(MONTHS), w=g.ri(6, 14))


@F("gov", "whisper", True, "uk")
def g_neg_w_hb(g):
    return g.T("Housing benefit goes in every four weeks on a {d}, £{a}, but this time it didn't.",
               d=g.pick(WEEKDAYS[:5]), a="%d.%02d" % (g.ri(180, 620), g.pick([0, 50, 12, 75])))


@F("gov", "whisper", True, "uk ie")
def g_neg_w_recycling(g):
    return g.T("Can I just check which day is {bin}? We're on the {s} side, near the {lm}.",
               bin=g.pick(["recycling", "bin day", "garden waste", "the glass collection"]),
               lm=g.pick(["library", "leisure centre", "Co-op", "primary school"]),
               s=g.pick(["Victoria Road", "Hope Street", "May Street", "Church Lane"]))


@F("gov", "typed", True, "uk")
def g_neg_t_band(g):
    return g.T("Council tax band {b}, annual charge £{a}, 10 instalments Apr–Jan.",
               b=g.pick("ABCDEFG"), a="{:,}.{:02d}".format(g.ri(1200, 3400), g.ri(0, 99)))


@F("gov", "typed", True, "uk")
def g_neg_t_flytip(g):
    return g.T("Ticket #{t} raised – fly-tipping reported on {s} behind the library.",
               t=g.ri(10000, 99999), s=g.pick(["Hope Street", "Rose Lane", "Victoria Road", "May Street"]))


@F("gov", "typed", True, "uk")
def g_neg_t_hb_ref(g):
    return g.T("Application ref HB/{y}/{n} received {dd:02d}/{mm:02d}, awaiting evidence of income.",
               y=g.pick([2023, 2024]), n="%05d" % g.ri(1, 99999), dd=g.ri(1, 28), mm=g.ri(1, 12))


@F("gov", "live", False, "uk")
def g_pos_ctax_acct(g):
    return g.T("{_um}my council tax account number is {a} and i've been charged twice this month", a=g.acct("ctax"))


@F("gov", "live", False, "uk ie")
def g_pos_bins_address(g):
    return g.T("i'm calling about the bins at {a} they've missed us again", a=g.addr())


@F("gov", "live", False, "uk")
def g_pos_tenancy_pc(g):
    return g.T("the tenancy's in my name {n} and the postcode is {pc}", n=g.full(), pc=g.pc())


@F("gov", "live", False, "uk")
def g_pos_social_worker(g):
    return g.T("my social worker is {n} and she said to ring you about the housing", n=g.full(sex="f"))


@F("gov", "live", False, "us")
def g_pos_snap_ssn(g):
    return g.T("i'm applying for snap benefits and {_um}my social security number is {s}", s=g.ssn())


@F("gov", "live", False, "uk")
def g_pos_councillor(g):
    return g.T("councillor {l} said she'd look into it {_um}can you put me through to her office", l=g.ln())


@F("gov", "live", False, "uk ie")
def g_pos_email_form(g):
    return g.T("my email's {e} can you send the form there please", e=g.email())


@F("gov", "live", False, "uk")
def g_pos_dob_address_pc(g):
    return g.T("my date of birth is {_the}{d} and i'm at {a} {pc}", d=g.dob("adult"), a=g.addr(), pc=g.pc())


@F("gov", "live", False, "us")
def g_pos_us_license(g):
    dl = g.dl()
    return g.T("i lost my {st} license {_um}the number was {dl} and my date of birth is {d}",
               st=g.dl_state, dl=dl, d=g.dob("adult"))


@F("gov", "whisper", False, "uk ie")
def g_pos_w_neighbour(g):
    return g.T("Hi, I'm calling on behalf of my neighbour, {n}. She's 87 and lives alone at {a}.",
               n=g.full(sex="f"), a=g.addr())


@F("gov", "whisper", False, "us")
def g_pos_w_passport(g):
    return g.T("My passport number is {p}, and I need it for the REAL ID appointment on Friday.", p=g.passport())


@F("gov", "whisper", False, "uk")
def g_pos_w_housing_officer(g):
    return g.T("The housing officer, {n}, said to call this number: {ph}.", n=g.full(), ph=g.phone("uk_land"))


@F("gov", "whisper", False, "uk")
def g_pos_w_dd(g):
    return g.T("I pay council tax by direct debit, account {a}, and I want to switch to 12 payments.",
               a=g.acct("ctax"))


@F("gov", "whisper", False, "uk")
def g_pos_w_reception(g):
    return g.T("My son {a} is starting reception in September, and we've just moved to {ad}, {pc}.",
               a=g.fn(sex="m"), ad=g.addr(), pc=g.pc())


@F("gov", "typed", False, "uk")
def g_pos_t_damp(g):
    p = g.pp()
    return g.T("Resident {n} ({e}) reported damp and mould at {a}. Repairs ref R-{r} raised.",
               n=g.full(p), e=g.email(p), a=g.addr(), r=g.ri(10000, 99999))


@F("gov", "typed", False, "uk")
def g_pos_t_spd(g):
    return g.T("Council Tax acct {a} – single person discount applied for {n}, DOB {b}.",
               a=g.acct("ctax"), n=g.full(), b=g.dob("adult"))


@F("gov", "typed", False, "us")
def g_pos_t_us_form(g):
    return g.T("Applicant: {n}\nDL#: {dl}\nZIP: {z}\nPhone: {ph}", n=g.full(), dl=g.dl(), z=g.pc(), ph=g.phone())


@F("gov", "typed", False, "uk")
def g_pos_t_cllr(g):
    return g.T("Cllr {l} copied in. Complainant tel {ph}. Response due within 10 working days.",
               l=g.ln(), ph=g.phone())


# ============================== UTILITY ===================================
@F("utility", "live", True, "uk")
def u_neg_meter(g):
    return g.T("the meter reading is {a} and the night one's {b}",
               a=g.spoken_code(g.digits(5)), b=g.spoken_code(g.digits(5)))


@F("utility", "live", True, "uk ie")
def u_neg_bill_up(g):
    return g.T("it's gone up from {a} a month to {b} and i've not changed anything {_um}we're not even in "
               "during the day", a=g.pick(["eighty pound", "sixty five euro", "ninety quid"]),
               b=g.pick(["a hundred and forty", "two hundred", "one sixty"]))


@F("utility", "whisper", True, "uk")
def u_neg_w_engineer(g):
    return g.T("Your engineer visit is booked for {d} between 8 and 12, and the order number is {o}.",
               d=g.pick(WEEKDAYS[:5]), o=g.digits(8, True))


@F("utility", "typed", True, "uk")
def u_neg_t_fault(g):
    return g.T("Fault ref INC{n}, outage affecting approx {k} properties, ETA restore 18:00.",
               n=g.digits(7), k=g.ri(40, 900))


@F("utility", "live", False, "uk")
def u_pos_acct_husband(g):
    return g.T("my account number is {a} and the bill's in my husband's name {n}", a=g.acct(), n=g.full(sex="m"))


@F("utility", "live", False, "uk ca")
def u_pos_broadband_ip(g):
    return g.T("the broadband keeps dropping {_um}my i p address is {ip} if that helps", ip=g.ip())


@F("utility", "live", False, "uk")
def u_pos_moved_gas_long(g):
    return g.T("hiya {_um}i've just moved into {a} {pc} and i need to put the gas and electric in my name "
               "it's {n} {_um}the previous tenant left owing money apparently cause there's letters piling "
               "up and i don't want that coming back on me {_um}and the meter's one of the old key ones so "
               "can someone come and swap it for a smart one",
               a=g.addr(), pc=g.pc(), n=g.full())


@F("utility", "whisper", False, "uk")
def u_pos_w_acct_text(g):
    return g.T("Customer account {a}, and you can text me on {ph}.", a=g.acct(), ph=g.phone("uk_mob"))


@F("utility", "whisper", False, "uk ie")
def u_pos_w_two_emails(g):
    p = g.pp()
    return g.T("Can you update my email to {e}? The old one was {e2}.", e=g.email(p), e2=g.email(p))


@F("utility", "typed", False, "uk")
def u_pos_t_psr(g):
    return g.T("Cust {n}, acct {a}, supply addr {ad}, {pc}. PSR: yes (home dialysis).",
               n=g.full(), a=g.acct(), ad=g.addr(), pc=g.pc())


# ============================== BANK ======================================
@F("bank", "live", True, "uk")
def b_neg_overdrawn(g):
    return g.T("i was charged twenty five pound for going overdrawn by {_like}{x}",
               x=g.pick(["three pound fifty", "twelve p", "a fiver"]))


@F("bank", "live", True, "uk us")
def b_neg_transaction(g):
    return g.T("the transaction was on the {o} for {a} at amazon and i never ordered anything",
               o=ordinal(g.ri(1, 28)), a=g.pick(["nineteen ninety nine", "forty two fifty", "a hundred and six"]))


@F("bank", "whisper", True, "us")
def b_neg_w_dispute(g):
    return g.T("I need to dispute a payment of ${a} from March {d}; the confirmation number was {c}.",
               a="{:,}.{:02d}".format(g.ri(40, 2400), g.ri(0, 99)), d=g.ri(1, 28),
               c="%s-%s" % (g.digits(4), g.digits(4)))


@F("bank", "typed", True, "us uk")
def b_neg_t_chargeback(g):
    return g.T("Chargeback case CB-{n} opened; provisional credit within 5 business days.", n=g.digits(7, True))


@F("bank", "live", False, "uk us")
def b_pos_card_expiry(g):
    return g.T("my card number is {c} {_um}expiry {x}", c=g.card(),
               x=g.pick(["oh four twenty seven", "twelve twenty six", "oh nine twenty eight"]))


@F("bank", "live", False, "us")
def b_pos_routing_acct(g):
    return g.T("the routing number is {r} and the account number is {a}", r=g.aba(), a=g.usbank())


@F("bank", "live", False, "uk ie")
def b_pos_iban_daughter(g):
    return g.T("i need to send money to my daughter {_um}her iban is {i}", i=g.iban())


@F("bank", "whisper", False, "uk ie")
def b_pos_w_iban_name(g):
    return g.T("Please pay it into my account, IBAN {i}, and the name on it is {n}.", i=g.iban(), n=g.full())


@F("bank", "whisper", False, "uk")
def b_pos_w_card_services(g):
    return g.T("My card services account number is {a}; I rang last week about my wife {f}'s card.",
               a=g.acct("card"), f=g.fn(sex="f"))


@F("bank", "typed", False, "uk us")
def b_pos_t_fraud(g):
    return g.T("Fraud alert: card {c} used at 03:12 from IP {ip}. Cust {n} contacted on {ph}.",
               c=g.card(), ip=g.ip(), n=g.full(), ph=g.phone())


# ============================== INSURANCE =================================
@F("insurance", "live", True, "uk")
def i_neg_accident_long(g):
    return g.T("the accident happened on the {r} near the junction with the ring road about six in the evening "
               "{_um}it was raining and the lights were on red and the van behind just went straight into "
               "the back of me {_um}nobody was hurt but the boot won't shut now and there's a crack right "
               "across the bumper {_um}i took photos on my phone and the other driver said his insurance "
               "would sort it but i've not heard anything since and that was {n} weeks ago",
               r=g.pick(["a forty one", "m six", "a fifty eight", "a four seven"]), n=g.n(g.ri(2, 5)))


@F("insurance", "live", True, "uk")
def i_neg_claim_number(g):
    return g.T("my claim number is {c} {_um}i rang on {d} and nobody got back to me",
               c=g.spoken_code("CLM" + g.digits(6)), d=g.weekday())


@F("insurance", "whisper", True, "uk")
def i_neg_w_excess(g):
    return g.T("The excess is £{x} and the policy renews on the 1st of {m}. Does that include the windscreen?",
               x=g.pick([100, 250, 350, 500]), m=g.pick(MONTHS))


@F("insurance", "typed", True, "uk")
def i_neg_t_claim(g):
    return g.T("Claim #INS-{a}-{b} – water damage kitchen, loss adjuster visit {dd:02d}/{mm:02d} 10:00.",
               a=g.digits(4), b=g.digits(2), dd=g.ri(1, 28), mm=g.ri(1, 12))


@F("insurance", "live", False, "uk ie")
def i_pos_driver_names(g):
    return g.T("my husband {a} was driving and the other driver's name was {n}", a=g.fn(sex="m"), n=g.full())


@F("insurance", "live", False, "uk ie")
def i_pos_reach_email(g):
    return g.T("you can reach me on {ph} or {_um}email me at {e}", ph=g.phone(), e=g.email())


@F("insurance", "live", False, "us")
def i_pos_us_ssn_dob(g):
    return g.T("my social security number is {s} and my date of birth is {d}", s=g.ssn(), d=g.dob("adult"))


@F("insurance", "whisper", False, "uk")
def i_pos_w_pet(g):
    return g.T("{pet}'s vet bills came to £{x}. I'm {n}, the policyholder.",
               pet=g.pick(["Biscuit", "Alfie", "Bella", "Rosie", "Teddy", "Milo"]), x=g.ri(300, 2400),
               n=g.full())


@F("insurance", "whisper", False, "us")
def i_pos_w_routing(g):
    return g.T("Please pay the claim into routing number {r}, account {a}.", r=g.aba(), a=g.usbank())


@F("insurance", "typed", False, "uk")
def i_pos_t_third_party(g):
    return g.T("Third party: {n}, {a}, {pc}. Tel {ph}. Vehicle reg not provided.",
               n=g.full(), a=g.addr(), pc=g.pc(), ph=g.phone())


# --------------------------------------------------------------------------
# build + validate
# --------------------------------------------------------------------------
def build(parts):
    text = ""
    ents = []
    objs = []
    for p in parts:
        if isinstance(p, E):
            s = len(text)
            text += p.text
            ents.append({"type": p.type, "start": s, "end": len(text), "text": p.text, "spoken": p.spoken})
            objs.append(p)
        else:
            text += p
    return text, ents, objs


def validate(rec, objs, mode, neg):
    text = rec["text"]
    ents = rec["entities"]
    assert text == text.strip() and "  " not in text, repr(text)
    if mode == "live":
        assert text == text.lower(), text
        assert not re.search(r"[0-9.,?!;:\"()]", text), text
    if neg:
        assert ents == [], text
    else:
        assert 1 <= len(ents) <= MAX_ENTS, (len(ents), text)
    prev_end = -1
    for e, o in zip(ents, objs):
        assert text[e["start"]:e["end"]] == e["text"], (e, text)
        assert e["text"] == e["text"].strip() and e["text"], e
        assert e["start"] >= prev_end, "overlap"
        prev_end = e["end"]
        assert e["text"][-1] not in ".,;:" or e["type"] == "DATE_OF_BIRTH" and False, e
        t = e["type"]
        if t in ("PERSON", "DATE_OF_BIRTH", "STREET_ADDRESS"):
            continue
        if t == "EMAIL_ADDRESS":
            if not e["spoken"]:
                assert re.fullmatch(r"[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]+", e["text"]), e
            else:
                assert " at " in e["text"] and " dot " in e["text"], e
            continue
        if t == "IP_ADDRESS":
            v = o.value.split(".")
            assert len(v) == 4 and all(0 <= int(x) <= 255 for x in v)
            continue
        c = canon(e["text"], e["spoken"])
        assert c == o.value, (c, o.value, e)
        if t == "CREDIT_CARD":
            assert card_ok(c), c
        elif t == "US_SSN":
            assert ssn_ok(c), c
        elif t == "IBAN_CODE":
            assert iban_ok(c), c
        elif t == "ABA_ROUTING_NUMBER":
            assert aba_ok(c), c
        elif t == "MEDICAL_RECORD_NUMBER":
            if len(c) == 10 and c.isdigit() and c[0] in "4679" and ("nhs" in text.lower()):
                assert nhs_ok(c), c
        elif t == "PHONE_NUMBER":
            assert phone_ok(c, e["text"].startswith("+") or e["text"].startswith("plus")), c
        elif t == "ZIP_CODE":
            assert any(re.fullmatch(rx, c) for rx in ZIP_RE), c
        elif t in ("US_BANK_NUMBER", "ACCOUNT_NUMBER", "US_PASSPORT"):
            assert c.isalnum() and 8 <= len(c) <= 12, c
        elif t == "US_DRIVER_LICENSE":
            assert 8 <= len(c) <= 13, c
    # checksum-bearing values must never appear as negatives by accident
    if neg:
        digits_only = re.sub(r"\D", "", text)
        assert len(digits_only) < 16 or not luhn_ok(digits_only), text


def main():
    rng = random.Random(SEED)
    names = [f["name"] for f in FRAMES]
    assert len(names) == len(set(names))
    records = []
    frame_use = Counter()
    seen = set()
    for fr in FRAMES:
        for _ in range(PER_FRAME):
            for _attempt in range(20):  # deterministic re-draw if a frame repeats itself
                loc = rng.choice(fr["locs"])
                g = G(rng, fr["mode"], loc)
                parts = fr["fn"](g)
                text, ents, objs = build(parts)
                if text not in seen:
                    break
            seen.add(text)
            rec = {"id": None, "split": "blind16", "domain": fr["domain"],
                   "style": "typed" if fr["mode"] == "typed" else "asr",
                   "text": text, "entities": ents}
            validate(rec, objs, fr["mode"], fr["neg"])
            records.append((rec, fr["name"], fr["mode"]))
            frame_use[fr["name"]] += 1
    assert max(frame_use.values()) <= MAX_PER_FRAME
    assert len(records) == 300, len(records)
    texts = [r[0]["text"] for r in records]
    assert len(set(texts)) == len(texts), "duplicate utterance"
    rng.shuffle(records)
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        for i, (rec, _name, _mode) in enumerate(records):
            rec["id"] = "blind16-%03d" % i
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    # re-read and re-verify offsets from the written file
    with open(OUT, encoding="utf-8") as fh:
        back = [json.loads(l) for l in fh]
    for r in back:
        assert list(r) == ["id", "split", "domain", "style", "text", "entities"]
        for e in r["entities"]:
            assert list(e) == ["type", "start", "end", "text", "spoken"]
            assert r["text"][e["start"]:e["end"]] == e["text"]

    # summary
    types = Counter(e["type"] for r in back for e in r["entities"])
    spoken = Counter("spoken" if e["spoken"] else "written" for r in back for e in r["entities"])
    neg = sum(1 for r in back if not r["entities"])
    modes = Counter(m for _r, _n, m in records)
    print("wrote %s: %d utterances, %d frames (max %d per frame)" %
          (OUT, len(back), len(FRAMES), max(frame_use.values())))
    print("domains:", dict(Counter(r["domain"] for r in back)))
    print("styles:", dict(Counter(r["style"] for r in back)),
          "(live asr %d, whisper asr %d, typed %d)" % (modes["live"], modes["whisper"], modes["typed"]))
    print("negatives (no PII): %d, positives: %d" % (neg, len(back) - neg))
    print("entities: %d total; spoken=true %d, spoken=false %d" %
          (sum(types.values()), spoken["spoken"], spoken["written"]))
    for t, c in sorted(types.items(), key=lambda kv: -kv[1]):
        print("  %-22s %d" % (t, c))
    lens = [len(r["text"].split()) for r in back]
    print("long utterances (60-120 words): %d; max entities in one utterance: %d" %
          (sum(1 for n in lens if 60 <= n <= 120), max(len(r["entities"]) for r in back)))


if __name__ == "__main__":
    main()
