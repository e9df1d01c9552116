#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Generator for the blind18 evaluation split.

Theme: "a representative day at a multi-tenant contact centre, five countries".
300 labelled utterances from callers in the US, UK, Canada, Ireland and
Australia, across six tenant domains (utility, bank, clinic, helpline, gov,
insurance), in three styles:

  * live ASR     (style "asr")   lower case, no punctuation, numbers in words,
                                 disfluencies and restarts
  * Whisper ASR  (style "asr")   punctuation, digits, capitalised names
  * typed        (style "typed") agent notes, chat logs, e-mails, form dumps

Every utterance is produced from a hand-written sentence frame; each frame is
used at most twice, about 40 % of the utterances are hard negatives (no PII).
All entity spans are asserted against the text, all check-summed values are
generated valid and re-validated, and every spoken number is decoded back
from its words and compared with the value it was generated from.

Python 3 standard library only, fixed seed: running it again rewrites the
identical blind18.jsonl next to this file.
"""

import ipaddress
import json
import os
import random
import re
import unicodedata
from collections import Counter, namedtuple

SEED = 18_2024_0611
SPLIT = "blind18"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT_PATH = os.path.join(HERE, "blind18.jsonl")

DOMAINS = ["utility", "bank", "clinic", "helpline", "gov", "insurance"]
COUNTRIES = ["US", "UK", "CA", "IE", "AU"]
NEG_PER_DOMAIN = 20
POS_PER_DOMAIN = 30
MAX_USES_PER_FRAME = 4

ENTITY_TYPES = [
    "PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "US_SSN", "CREDIT_CARD",
    "IBAN_CODE", "US_BANK_NUMBER", "ABA_ROUTING_NUMBER", "ACCOUNT_NUMBER",
    "DATE_OF_BIRTH", "STREET_ADDRESS", "ZIP_CODE", "IP_ADDRESS",
    "US_DRIVER_LICENSE", "US_PASSPORT", "MEDICAL_RECORD_NUMBER",
]

# An entity piece produced by a slot generator.
#   canon: the canonical value (digits/letters, e-mail, ip) used for checks
#   check: how to verify the surface against canon ("alnum", "ip", "email",
#          or None when there is nothing mechanical to verify)
Ent = namedtuple("Ent", "type text spoken canon check")

# ---------------------------------------------------------------------------
# number words
# ---------------------------------------------------------------------------
ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
         "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety"]
ORD_ONES = ["", "first", "second", "third", "fourth", "fifth", "sixth",
            "seventh", "eighth", "ninth"]
ORD_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
             "fifteenth", "sixteenth", "seventeenth", "eighteenth",
             "nineteenth"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday"]


def n2w(n, uk=True):
    """Cardinal number in words (0 .. 999999)."""
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    if n < 100:
        t, o = divmod(n, 10)
        return TENS[t] + ("" if o == 0 else " " + ONES[o])
    if n < 1000:
        h, rest = divmod(n, 100)
        s = ONES[h] + " hundred"
        if rest:
            s += (" and " if uk else " ") + n2w(rest, uk)
        return s
    th, rest = divmod(n, 1000)
    s = n2w(th, uk) + " thousand"
    if rest:
        s += (" and " if (uk and rest < 100) else " ") + n2w(rest, uk)
    return s


def ordw(n):
    if n < 10:
        return ORD_ONES[n]
    if n < 20:
        return ORD_TEENS[n - 10]
    t, o = divmod(n, 10)
    if o == 0:
        return {20: "twentieth", 30: "thirtieth"}[n]
    return TENS[t] + " " + ORD_ONES[o]


def ord_suffix(n):
    if 11 <= n % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def year_words(y, r):
    if 2000 <= y <= 2009:
        if y == 2000:
            return "two thousand"
        return r.choice(["two thousand and ", "two thousand "]) + ONES[y - 2000]
    hi, lo = divmod(y, 100)
    if lo == 0:
        return n2w(hi) + " hundred"
    if lo < 10:
        return n2w(hi) + " oh " + ONES[lo]
    return n2w(hi) + " " + n2w(lo)


def say_digits(s, r, zero="oh", multi=True):
    """Digit-by-digit speech, with 'double'/'triple' for runs."""
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if not c.isdigit():
            out.append(c.lower())
            i += 1
            continue
        j = i
        while j < len(s) and s[j] == c:
            j += 1
        run = j - i
        w = zero if c == "0" else ONES[int(c)]
        while run > 0:
            if multi and run >= 3 and r.random() < 0.5:
                out.append("triple " + w)
                run -= 3
            elif multi and run >= 2 and r.random() < 0.6:
                out.append("double " + w)
                run -= 2
            else:
                out.append(w)
                run -= 1
        i = j
    return " ".join(out)


def say_pairs(s, r, zero="oh"):
    """'4217' -> 'forty two seventeen'; pairs that start with 0 or end with
    0 are read digit by digit so that the words stay unambiguous."""
    out = []
    for k in range(0, len(s), 2):
        p = s[k:k + 2]
        if len(p) < 2 or p[0] == "0" or p[1] == "0":
            out.append(say_digits(p, r, zero, multi=False))
        else:
            out.append(n2w(int(p)))
    return " ".join(out)


def say_group(g, r, zero, pairs_p=0.3, hundred_p=0.6):
    if g.isdigit():
        if len(g) == 3 and g[1:] == "00" and g[0] != "0" and r.random() < hundred_p:
            return ONES[int(g[0])] + " hundred"
        if (len(g) == 4 and g[2:] == "00" and 11 <= int(g[:2]) <= 99
                and g[1] != "0" and r.random() < hundred_p):
            return n2w(int(g[:2])) + " hundred"
        if len(g) in (2, 4) and g[0] != "0" and r.random() < pairs_p:
            return say_pairs(g, r, zero)
    return say_digits(g, r, zero)


def say_groups(groups, r, zero, sep=" ", pairs_p=0.3):
    words = []
    for g in groups:
        if g.startswith("+"):
            words.append("plus " + say_digits(g[1:], r, zero, multi=False))
        else:
            words.append(say_group(g.strip("()"), r, zero, pairs_p=pairs_p))
    return sep.join(words)


# --- decoder used only for self-checks --------------------------------------
_DW = {w: str(i) for i, w in enumerate(ONES)}
_DW["oh"] = "0"
_TW = {w: str(i + 10) for i, w in enumerate(TEENS)}
_TNW = {w: str(i) for i, w in enumerate(TENS) if w}
_SKIP = {"plus", "dash", "hyphen", "slash"}
_NUMTOK = set(_DW) | set(_TW) | set(_TNW) | {"double", "triple", "hundred"}


def decode_number_words(text):
    toks = text.split()
    out = []
    i = 0
    while i < len(toks):
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if t in _SKIP:
            i += 1
            continue
        if t in ("double", "triple"):
            d = _DW.get(nxt, nxt)
            assert d is not None and len(d) == 1, text
            out.append(d * (2 if t == "double" else 3))
            i += 2
            continue
        if t in _DW:
            if nxt == "hundred":
                out.append(_DW[t] + "00")
                i += 2
                continue
            out.append(_DW[t])
            i += 1
            continue
        if t in _TW:
            if nxt == "hundred":
                out.append(_TW[t] + "00")
                i += 2
                continue
            out.append(_TW[t])
            i += 1
            continue
        if t in _TNW:
            if nxt == "hundred":
                raise ValueError(text)
            if nxt in _DW and nxt not in ("zero", "oh"):
                nn = toks[i + 2] if i + 2 < len(toks) else None
                if nn == "hundred":
                    raise ValueError("ambiguous: " + text)
                out.append(_TNW[t] + _DW[nxt])
                i += 2
                continue
            out.append(_TNW[t] + "0")
            i += 1
            continue
        if len(t) == 1 and t.isalpha():
            out.append(t)
            i += 1
            continue
        raise ValueError("cannot decode %r in %r" % (t, text))
    return "".join(out)


def decode_email_words(text):
    out = []
    buf = []

    def flush():
        if buf:
            out.append(decode_number_words(" ".join(buf)))
            buf.clear()

    for t in text.split():
        if t in _NUMTOK:
            buf.append(t)
            continue
        flush()
        out.append({"at": "@", "dot": ".", "underscore": "_", "dash": "-",
                    "hyphen": "-"}.get(t, t))
    flush()
    return "".join(out)


def alnum(s):
    return re.sub(r"[^0-9A-Za-z]", "", s).lower()


# ---------------------------------------------------------------------------
# checksums / validity
# ---------------------------------------------------------------------------
def luhn_ok(num):
    tot = 0
    for i, ch in enumerate(reversed(num)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        tot += d
    return tot % 10 == 0


def card_issuer_ok(num):
    n = len(num)
    if num[0] == "4":
        return n in (13, 16, 19)
    if 51 <= int(num[:2]) <= 55 or 2221 <= int(num[:4]) <= 2720:
        return n == 16
    if num[:2] in ("34", "37"):
        return n == 15
    if num.startswith("6011") or num.startswith("65"):
        return n == 16
    return False


IBAN_LEN = {"GB": 22, "IE": 22, "PL": 28, "DE": 22}


def iban_mod97(s):
    re_ = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in re_)) % 97


def iban_ok(s):
    s = s.replace(" ", "").upper()
    return (s[:2] in IBAN_LEN and len(s) == IBAN_LEN[s[:2]]
            and s[2:4].isdigit() and iban_mod97(s) == 1)


def aba_ok(s):
    if len(s) != 9 or not s.isdigit():
        return False
    pre = int(s[:2])
    if not (0 <= pre <= 12 or 21 <= pre <= 32 or 61 <= pre <= 72 or pre == 80):
        return False
    d = [int(c) for c in s]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7])
            + (d[2] + d[5] + d[8])) % 10 == 0


def ssn_ok(s):
    if len(s) != 9 or not s.isdigit():
        return False
    a, g, n = s[:3], s[3:5], s[5:]
    if a in ("000", "666") or a[0] == "9" or g == "00" or n == "0000":
        return False
    return s not in ("078051120", "219099999", "123456789")


def nhs_ok(s):
    if len(s) != 10 or not s.isdigit():
        return False
    tot = sum(int(s[i]) * (10 - i) for i in range(9))
    chk = 11 - tot % 11
    if chk == 11:
        chk = 0
    return chk != 10 and chk == int(s[9])


# ---------------------------------------------------------------------------
# people
# ---------------------------------------------------------------------------
POOLS = {
    "irish": [("Siobhán", "Gallagher", "f"), ("Ciarán", "O'Sullivan", "m"),
              ("Aoife", "Byrne", "f"), ("Niamh", "Doherty", "f"),
              ("Pádraig", "Kavanagh", "m"), ("Oisín", "McGrath", "m"),
              ("Saoirse", "Brennan", "f"), ("Declan", "Moran", "m"),
              ("Gráinne", "Keane", "f"), ("Eoin", "Fitzgerald", "m")],
    "polish": [("Tomasz", "Kowalczyk", "m"), ("Agnieszka", "Wiśniewska", "f"),
               ("Paweł", "Zieliński", "m"), ("Katarzyna", "Nowak", "f"),
               ("Marek", "Wójcik", "m"), ("Zofia", "Lewandowska", "f"),
               ("Łukasz", "Kamiński", "m")],
    "nigerian": [("Chinedu", "Okafor", "m"), ("Ngozi", "Adeyemi", "f"),
                 ("Oluwaseun", "Bakare", "m"), ("Funmilayo", "Adebayo", "f"),
                 ("Emeka", "Nwosu", "m"), ("Chiamaka", "Eze", "f"),
                 ("Tunde", "Olawale", "m")],
    "somali": [("Abdirahman", "Warsame", "m"), ("Hodan", "Farah", "f"),
               ("Mohamed", "Abdi", "m"), ("Fadumo", "Jama", "f"),
               ("Ayaan", "Mohamud", "f"), ("Liban", "Egal", "m")],
    "punjabi": [("Gurpreet", "Sandhu", "m"), ("Harjit", "Dhillon", "m"),
                ("Manpreet", "Gill", "f"), ("Jaspreet", "Grewal", "f"),
                ("Balwinder", "Sidhu", "m"), ("Simran", "Bains", "f")],
    "vietnamese": [("Lan", "Nguyen", "f"), ("Minh", "Tran", "m"),
                   ("Thu Trang", "Pham", "f"), ("Hoang Nam", "Le", "m"),
                   ("Mai", "Vu", "f"), ("Duc", "Hoang", "m"),
                   ("Thi Hoa", "Dang", "f")],
    "filipino": [("Maricel", "Santos", "f"), ("Jericho", "Dela Cruz", "m"),
                 ("Rowena", "Bautista", "f"), ("Jonalyn", "Reyes", "f"),
                 ("Mark Anthony", "Villanueva", "m"), ("Rodel", "Macaraeg", "m")],
    "maori": [("Aroha", "Ngata", "f"), ("Wiremu", "Tipene", "m"),
              ("Mere", "Parata", "f"), ("Hēmi", "Walker", "m"),
              ("Tāne", "Horomona", "m"), ("Ngaire", "Te Awa", "f"),
              ("Rangi", "Tuhiwai", "m"), ("Kiri", "Te Whata", "f")],
    "aboriginal": [("Kirra", "Mundine", "f"), ("Jarrah", "Coulthard", "m"),
                   ("Allira", "Yunupingu", "f"), ("Tanika", "Wymarra", "f"),
                   ("Shaun", "Djerrkura", "m"), ("Lowanna", "Briggs", "f"),
                   ("Warrick", "Ah Kee", "m")],
    "quebecois": [("Marie-Ève", "Tremblay", "f"), ("Jean-François", "Gagnon", "m"),
                  ("Geneviève", "Bouchard", "f"), ("Étienne", "Côté", "m"),
                  ("Mathieu", "Lavoie", "m"), ("Josée", "Pelletier", "f"),
                  ("Sylvain", "Bergeron", "m")],
    "anglo": [("Jessica", "Miller", "f"), ("Tyler", "Brooks", "m"),
              ("Danielle", "Whitaker", "f"), ("Gareth", "Hughes", "m"),
              ("Bethan", "Price", "f"), ("Callum", "Fraser", "m"),
              ("Shannon", "Cole", "f"), ("Brayden", "Cooper", "m"),
              ("Kylie", "Henderson", "f"), ("Dwayne", "Parker", "m"),
              ("Grace", "Turner", "f"), ("Will", "Patterson", "m"),
              ("Hope", "Ashworth", "f"), ("Frank", "Doyle", "m")],
    "southasian": [("Priya", "Raman", "f"), ("Deepak", "Menon", "m"),
                   ("Ananya", "Iyer", "f"), ("Imran", "Qureshi", "m"),
                   ("Ayesha", "Malik", "f"), ("Farhan", "Chowdhury", "m")],
    "eastasian": [("Wei", "Zhang", "m"), ("Mei Lin", "Chow", "f"),
                  ("Ji-woo", "Park", "f"), ("Min-jun", "Kim", "m"),
                  ("Haruto", "Sato", "m"), ("Xiu Ying", "Huang", "f")],
    "hispanic": [("Guadalupe", "Hernández", "f"), ("Luis", "Ortega", "m"),
                 ("Ximena", "Ruiz", "f"), ("Alejandro", "Morales", "m"),
                 ("Rosa", "Delgado", "f")],
    "caribbean_westafrican": [("Delroy", "Campbell", "m"), ("Marcia", "Clarke", "f"),
                              ("Kwame", "Mensah", "m"), ("Akosua", "Boateng", "f"),
                              ("Winston", "Grant", "m")],
    "arabic": [("Omar", "Haddad", "m"), ("Layla", "Mansour", "f"),
               ("Yousef", "Khalil", "m"), ("Rania", "Saleh", "f")],
}
AFFINITY = {
    "US": ["anglo", "hispanic", "filipino", "vietnamese", "caribbean_westafrican",
           "eastasian", "southasian", "somali", "nigerian", "arabic"],
    "UK": ["anglo", "polish", "nigerian", "somali", "punjabi", "southasian",
           "caribbean_westafrican", "irish"],
    "CA": ["quebecois", "quebecois", "punjabi", "filipino", "anglo", "eastasian",
           "somali", "vietnamese"],
    "IE": ["irish", "irish", "polish", "nigerian", "filipino", "anglo"],
    "AU": ["anglo", "aboriginal", "aboriginal", "maori", "maori", "vietnamese",
           "filipino", "eastasian", "southasian", "arabic"],
}

_EXTRA_FOLD = str.maketrans({"Ł": "L", "ł": "l", "ø": "o", "Ø": "O"})


def fold(s):
    s = s.translate(_EXTRA_FOLD)
    return "".join(c for c in unicodedata.normalize("NFKD", s)
                   if not unicodedata.combining(c))


def simp(s):
    """e-mail friendly form of a name part."""
    return re.sub(r"[^a-z]", "", fold(s).lower())


# ---------------------------------------------------------------------------
# places
# ---------------------------------------------------------------------------
STATE_NAMES = {"MA": "Massachusetts", "NY": "New York", "PA": "Pennsylvania",
               "GA": "Georgia", "IL": "Illinois", "TX": "Texas",
               "WA": "Washington", "CA": "California", "OR": "Oregon",
               "OH": "Ohio", "AZ": "Arizona", "FL": "Florida",
               "MN": "Minnesota", "MI": "Michigan"}
LOCS = {
    "US": [("Boston", "MA", "021"), ("New York", "NY", "100"),
           ("Philadelphia", "PA", "191"), ("Atlanta", "GA", "303"),
           ("Chicago", "IL", "606"), ("Dallas", "TX", "752"),
           ("Austin", "TX", "787"), ("Seattle", "WA", "981"),
           ("San Francisco", "CA", "941"), ("Los Angeles", "CA", "900"),
           ("Portland", "OR", "972"), ("Columbus", "OH", "432"),
           ("Phoenix", "AZ", "850"), ("Miami", "FL", "331"),
           ("Minneapolis", "MN", "554"), ("Detroit", "MI", "482")],
    "UK": [("Leeds", None, "LS6"), ("Manchester", None, "M14"),
           ("Bristol", None, "BS7"), ("London", None, "SW11"),
           ("London", None, "E17"), ("Cardiff", None, "CF24"),
           ("Glasgow", None, "G12"), ("Birmingham", None, "B29"),
           ("Newcastle", None, "NE6"), ("Edinburgh", None, "EH7"),
           ("Liverpool", None, "L15"), ("Sheffield", None, "S10"),
           ("Nottingham", None, "NG7"), ("Oxford", None, "OX4"),
           ("Belfast", None, "BT9")],
    "CA": [("Toronto", "ON", "M5V"), ("Toronto", "ON", "M4C"),
           ("Montréal", "QC", "H2X"), ("Montréal", "QC", "H3Z"),
           ("Vancouver", "BC", "V6K"), ("Vancouver", "BC", "V5L"),
           ("Ottawa", "ON", "K1N"), ("Calgary", "AB", "T2P"),
           ("Halifax", "NS", "B3H"), ("Winnipeg", "MB", "R3C"),
           ("Saskatoon", "SK", "S7N"), ("Brampton", "ON", "L6Y")],
    "IE": [("Dublin", None, None), ("Cork", None, None), ("Galway", None, None),
           ("Limerick", None, None), ("Bray", None, None),
           ("Drogheda", None, None), ("Waterford", None, None)],
    "AU": [("Sydney", "NSW", None), ("Melbourne", "VIC", None),
           ("Brisbane", "QLD", None), ("Perth", "WA", None),
           ("Adelaide", "SA", None), ("Hobart", "TAS", None),
           ("Darwin", "NT", None), ("Newcastle", "NSW", None)],
}
STREETS = {
    "US": (["Maple", "Oak", "Cedar", "Elm", "Lincoln", "Washington", "Park",
            "Lakeview", "Sunset", "Hillcrest", "Magnolia", "Willow",
            "Jefferson", "Chestnut", "Franklin"],
           [("Street", "St"), ("Avenue", "Ave"), ("Drive", "Dr"),
            ("Road", "Rd"), ("Lane", "Ln"), ("Court", "Ct"),
            ("Boulevard", "Blvd"), ("Place", "Pl")]),
    "UK": (["Elm", "Victoria", "Church", "Station", "Queens", "Albert", "Mill",
            "Grange", "Beech", "Chapel", "Kingsley", "Hawthorn", "Bridge",
            "Moorland", "Stanley"],
           [("Road", "Rd"), ("Street", "St"), ("Close", "Cl"),
            ("Avenue", "Ave"), ("Lane", "Ln"), ("Grove", "Gr"),
            ("Crescent", "Cres"), ("Gardens", "Gdns"), ("Terrace", "Terr"),
            ("Way", "Way"), ("Drive", "Dr")]),
    "IE": (["Seaview", "Main", "Church", "Oakwood", "Ashgrove", "Castle",
            "Beechwood", "Newtown", "Millbrook", "Hazelwood"],
           [("Park", "Pk"), ("Road", "Rd"), ("Avenue", "Ave"),
            ("Lawn", "Lawn"), ("Grove", "Gr"), ("Close", "Cl"),
            ("Drive", "Dr"), ("Terrace", "Tce"), ("Heights", "Hts")]),
    "CA": (["Bloor", "Maple", "Dundas", "Spadina", "Portage", "Jasper",
            "Robson", "Elgin", "Queen", "Birch", "Lakeshore", "Wellington"],
           [("Street", "St"), ("Avenue", "Ave"), ("Road", "Rd"),
            ("Drive", "Dr"), ("Crescent", "Cres"), ("Boulevard", "Blvd")]),
    "AU": (["Wattle", "Banksia", "Jacaranda", "Bourke", "Beach", "Ocean",
            "Kurrajong", "Bottlebrush", "Illawarra", "Waratah", "Currawong"],
           [("Street", "St"), ("Road", "Rd"), ("Crescent", "Cres"),
            ("Parade", "Pde"), ("Avenue", "Ave"), ("Drive", "Dr"),
            ("Close", "Cl"), ("Place", "Pl"), ("Court", "Ct")]),
}
QC_STREETS = [("rue", "Saint-Denis"), ("boulevard", "René-Lévesque"),
              ("avenue", "du Parc"), ("rue", "Sherbrooke"),
              ("rue", "Beaubien"), ("avenue", "Papineau")]
HOUSE_RANGE = {"US": (100, 9899), "CA": (12, 4999), "UK": (1, 240),
               "IE": (1, 150), "AU": (1, 320)}

PLACES = {
    "UK": ["George Street", "Victoria Road", "Albert Square", "Stanley Road",
           "Princess Street"],
    "US": ["Jackson Avenue", "Lincoln Park", "Washington Boulevard",
           "Madison Street", "Kennedy Plaza"],
    "CA": ["Queen Street", "Sherbrooke", "Victoria Park", "Jean-Talon",
           "King Street"],
    "IE": ["Grafton Street", "O'Connell Street", "Patrick Street",
           "Henry Street", "Thomas Street"],
    "AU": ["George Street", "Elizabeth Street", "Charlotte Street",
           "Flinders Street", "King William Street"],
}
BRANDS = {
    "UK": ["Tesco", "Sainsbury's", "Marks and Spencer", "Morrisons", "Boots"],
    "US": ["Wendy's", "McDonald's", "Trader Joe's", "Walgreens", "Dollar General"],
    "CA": ["Tim Hortons", "Shoppers Drug Mart", "Canadian Tire", "Loblaws"],
    "IE": ["Dunnes Stores", "Penneys", "Brown Thomas", "SuperValu"],
    "AU": ["Harvey Norman", "Woolworths", "Bunnings", "Coles", "JB Hi-Fi"],
}
FUEL = {"UK": ["Shell", "BP", "Esso", "Texaco"],
        "US": ["Shell", "Exxon", "Chevron", "Mobil"],
        "CA": ["Petro-Canada", "Esso", "Shell"],
        "IE": ["Circle K", "Applegreen", "Maxol"],
        "AU": ["Ampol", "BP", "Caltex"]}
ROADS = {"UK": [("M6", "m six"), ("A40", "a forty"), ("M62", "m sixty two"),
                ("A1", "a one")],
         "US": [("I-95", "i ninety five"), ("I-5", "i five"),
                ("Route 9", "route nine"), ("I-90", "i ninety")],
         "CA": [("401", "four oh one"), ("Highway 7", "highway seven"),
                ("QEW", "q e w"), ("Trans-Canada", "trans canada")],
         "IE": [("M50", "m fifty"), ("N7", "n seven"), ("M7", "m seven")],
         "AU": [("Pacific Highway", "pacific highway"), ("M1", "m one"),
                ("Hume Highway", "hume highway")]}
BANKNAMES = {"UK": ["Barclays", "Nationwide", "Lloyds", "NatWest", "Monzo"],
             "IE": ["AIB", "Bank of Ireland", "PTSB"]}
EMAIL_DOMAINS = {
    "US": ["gmail.com", "yahoo.com", "outlook.com", "icloud.com",
           "comcast.net", "aol.com"],
    "UK": ["gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com",
           "yahoo.co.uk", "sky.com"],
    "CA": ["gmail.com", "hotmail.ca", "sympatico.ca", "shaw.ca",
           "videotron.ca", "outlook.com"],
    "IE": ["gmail.com", "eircom.net", "hotmail.com", "outlook.ie",
           "icloud.com"],
    "AU": ["gmail.com", "bigpond.com", "optusnet.com.au", "outlook.com.au",
           "icloud.com"],
}


# ---------------------------------------------------------------------------
# context
# ---------------------------------------------------------------------------
class Ctx:
    def __init__(self, r, country, style, domain):
        self.r = r
        self.country = country
        self.style = style          # live | whisper | typed
        self.domain = domain
        self.people = {}
        self.used_names = set()
        self.cache = {}
        self.loc = r.choice(LOCS[country])
        self.zero = "oh" if r.random() < 0.7 else "zero"
        self.dash = r.random() < 0.2   # says "dash" between number groups

    @property
    def live(self):
        return self.style == "live"

    @property
    def spoken(self):
        return self.style == "live"

    def words_or(self, live_text, other_text):
        return live_text if self.live else other_text


def D(r, n):
    return "".join(str(r.randint(0, 9)) for _ in range(n))


def L(r, n=1, letters="ABCDEFGHJKLMNPRSTWXYZ"):
    return "".join(r.choice(letters) for _ in range(n))


# ---------------------------------------------------------------------------
# entity slot generators
# ---------------------------------------------------------------------------
def get_person(ctx, key):
    k = key[0]
    gender = key[1] if len(key) > 1 and key[1] in "mf" else None
    if k in ctx.people:
        return ctx.people[k]
    r = ctx.r
    for _ in range(50):
        if r.random() < 0.55:
            origin = r.choice(AFFINITY[ctx.country])
        else:
            origin = r.choice(sorted(POOLS))
        cands = [p for p in POOLS[origin]
                 if (gender is None or p[2] == gender)
                 and (p[0], p[1]) not in ctx.used_names]
        if cands:
            p = r.choice(cands)
            break
    ctx.used_names.add((p[0], p[1]))
    ctx.people[k] = p
    return p


def name_surface(ctx, s):
    if ctx.live:
        return fold(s).lower().replace("-", " ")
    if ctx.style == "whisper" and ctx.r.random() < 0.3:
        return fold(s)
    return s


def g_name(ctx, key):
    f, l, _ = get_person(ctx, key or "z")
    return Ent("PERSON", name_surface(ctx, f + " " + l), ctx.spoken, None, None)


def g_first(ctx, key):
    f, _, _ = get_person(ctx, key or "z")
    return Ent("PERSON", name_surface(ctx, f), ctx.spoken, None, None)


def g_last(ctx, key):
    _, l, _ = get_person(ctx, key or "z")
    return Ent("PERSON", name_surface(ctx, l), ctx.spoken, None, None)


def g_lastfirst(ctx, key):
    f, l, _ = get_person(ctx, key or "z")
    if ctx.r.random() < 0.35:
        l = l.upper()
    return Ent("PERSON", l + ", " + f, False, None, None)


US_AREAS = ["212", "415", "312", "617", "713", "206", "404", "503", "702",
            "919", "646", "305", "480", "971", "614", "313"]
CA_AREAS = ["416", "647", "514", "438", "604", "778", "403", "587", "613",
            "902", "204", "306", "519", "905"]


def phone_parts(ctx):
    """Returns (groups for speech, typed surface, whisper surface, canon)."""
    r, c = ctx.r, ctx.country
    if c in ("US", "CA"):
        a = r.choice(US_AREAS if c == "US" else CA_AREAS)
        while True:
            e = str(r.randint(200, 999))
            if e[1:] != "11" and e != "555":
                break
        ln = D(r, 4)
        if r.random() < 0.15:
            groups = ["+1", a, e, ln]
            typed = r.choice(["+1 %s %s %s", "+1-%s-%s-%s", "+1 (%s) %s-%s"]) % (a, e, ln)
            whisper = "+1 %s-%s-%s" % (a, e, ln)
        else:
            groups = [a, e, ln]
            typed = r.choice(["(%s) %s-%s", "%s-%s-%s", "%s.%s.%s", "%s %s %s"]) % (a, e, ln)
            whisper = r.choice(["%s-%s-%s", "(%s) %s-%s"]) % (a, e, ln)
        return groups, typed, whisper
    if c == "UK":
        e164 = r.random() < 0.35
        if r.random() < 0.65:
            pre = "7" + r.choice("45789") + D(r, 2)
            sub = D(r, 6)
            if e164:
                groups = ["+44", pre, sub[:3], sub[3:]]
                typed = "+44 %s %s" % (pre, sub)
            else:
                groups = ["0" + pre, sub[:3], sub[3:]] if r.random() < 0.6 else ["0" + pre, sub]
                typed = "0%s %s" % (pre, sub)
        else:
            area, subs = r.choice([("20", ["7946", "8", "3"]), ("161", None),
                                   ("113", None), ("121", None), ("141", None),
                                   ("29", ["20"])])
            if area == "20":
                s1 = r.choice(["7946", "8" + D(r, 3), "3" + D(r, 3)])
                split = [s1, D(r, 4)]
            elif area == "29":
                split = ["20" + D(r, 2), D(r, 4)]
            else:
                split = [r.choice(["496", "4" + D(r, 2), "2" + D(r, 2)]), D(r, 4)]
            if e164:
                groups = ["+44", area] + split
                typed = "+44 %s %s" % (area, " ".join(split))
            else:
                groups = ["0" + area] + split
                typed = "0%s %s" % (area, " ".join(split))
        return groups, typed, typed
    if c == "IE":
        kind = r.random()
        if kind < 0.7:
            groups = ["+353", "8" + r.choice("35679"), D(r, 3), D(r, 4)]
        elif kind < 0.85:
            groups = ["+353", "1", r.choice("2345678") + D(r, 2), D(r, 4)]
        else:
            groups = ["+353", "21", r.choice("2345") + D(r, 2), D(r, 4)]
        typed = " ".join(groups) if r.random() < 0.8 else "".join(groups)
        return groups, typed, " ".join(groups)
    # AU
    e164 = r.random() < 0.35
    if r.random() < 0.65:
        m = "4" + D(r, 2)
        a, b = D(r, 3), D(r, 3)
        if e164:
            groups = ["+61", m, a, b]
            typed = "+61 %s %s %s" % (m, a, b)
        else:
            groups = ["0" + m, a, b]
            typed = "0%s %s %s" % (m, a, b)
    else:
        area = r.choice(["2", "3", "7", "8"])
        a = {"2": "9", "3": "9", "7": "3", "8": "8"}[area] + D(r, 3)
        b = D(r, 4)
        if e164:
            groups = ["+61", area, a, b]
            typed = "+61 %s %s %s" % (area, a, b)
        else:
            groups = ["0" + area, a, b]
            typed = r.choice(["(0%s) %s %s", "0%s %s %s"]) % (area, a, b)
    return groups, typed, typed


def g_phone(ctx, key):
    groups, typed, whisper = phone_parts(ctx)
    canon = re.sub(r"\D", "", "".join(groups))
    if ctx.live:
        nanp = ctx.country in ("US", "CA")
        sep = " dash " if (ctx.dash and nanp) else " "
        text = say_groups(groups, ctx.r, ctx.zero, sep=sep, pairs_p=0.2)
    elif ctx.style == "whisper":
        text = whisper
    else:
        text = typed
    return Ent("PHONE_NUMBER", text, ctx.spoken, canon, "alnum")


def make_email(ctx, person):
    """Returns list of components (kind, value); kinds: w word, i initial,
    n number, s separator."""
    r = ctx.r
    f, l = simp(person[0]), simp(person[1])
    n2 = str(r.randint(11, 99))
    yr = str(r.randint(1968, 1999))
    pats = [
        [("w", f), ("s", "."), ("w", l)],
        [("w", f), ("w", l), ("n", n2)],
        [("i", f[0]), ("w", l)],
        [("w", f), ("s", "_"), ("w", l)],
        [("w", f), ("s", "-"), ("w", l), ("n", n2)],
        [("w", l), ("s", "."), ("w", f)],
        [("w", f), ("n", yr)],
        [("w", f), ("s", "."), ("w", l), ("n", n2)],
        [("i", f[0]), ("s", "."), ("w", l), ("n", n2)],
        [("w", f), ("s", "_"), ("n", n2)],
    ]
    local = r.choice(pats)
    domain = r.choice(EMAIL_DOMAINS[ctx.country])
    return local, domain


def email_text(ctx, local, domain, allow_spell=True):
    r = ctx.r
    typed = "".join(v for _, v in local) + "@" + domain
    words = []
    spelled = False
    for kind, v in local:
        if kind == "s":
            words.append({".": "dot", "_": "underscore",
                          "-": r.choice(["dash", "hyphen"])}[v])
        elif kind == "i":
            words.append(v)
        elif kind == "n":
            if len(v) == 4:
                words.append(say_pairs(v, r, ctx.zero) if r.random() < 0.7
                             else say_digits(v, r, ctx.zero, multi=False))
            else:
                words.append(n2w(int(v)) if (r.random() < 0.6 and v[1] != "0")
                             else say_digits(v, r, ctx.zero))
        else:
            if allow_spell and not spelled and 3 <= len(v) <= 9 and r.random() < 0.3:
                words.append(" ".join(v))
                spelled = True
            else:
                words.append(v)
    words.append("at")
    dparts = domain.split(".")
    first = dparts[0]
    if first == "gmail" and r.random() < 0.3:
        first = "g mail"
    words.append(first)
    for p in dparts[1:]:
        words.append("dot")
        words.append(p)
    return typed, " ".join(words)


def g_email(ctx, key):
    k = key or "e"
    if k in ctx.people:
        person = ctx.people[k]
    else:
        person = get_person(ctx, k)
    local, domain = make_email(ctx, person)
    typed, words = email_text(ctx, local, domain, allow_spell=ctx.live)
    if ctx.live:
        return Ent("EMAIL_ADDRESS", words, True, typed, "email")
    if ctx.style == "whisper" and ctx.r.random() < 0.3:
        return Ent("EMAIL_ADDRESS", words, True, typed, "email")
    return Ent("EMAIL_ADDRESS", typed, False, typed, "email")


def make_ssn(r):
    while True:
        a = r.randint(1, 899)
        if a == 666:
            continue
        s = "%03d%02d%04d" % (a, r.randint(1, 99), r.randint(1, 9999))
        if ssn_ok(s):
            return s


def g_ssn(ctx, key):
    r = ctx.r
    s = make_ssn(r)
    assert ssn_ok(s)
    groups = [s[:3], s[3:5], s[5:]]
    if ctx.live:
        text = say_groups(groups, r, ctx.zero, sep=" dash " if ctx.dash else " ")
    elif ctx.style == "whisper":
        text = "-".join(groups)
    else:
        text = r.choice(["-".join(groups), " ".join(groups), s])
    return Ent("US_SSN", text, ctx.spoken, s, "alnum")


def make_card(r):
    kind = r.choice(["visa", "visa", "mc", "mc2", "amex", "disc"])
    if kind == "visa":
        prefix, n = r.choice(["4539", "4716", "4929", "4485", "4024", "4556"]), 16
    elif kind == "mc":
        prefix, n = str(r.randint(51, 55)), 16
    elif kind == "mc2":
        prefix, n = str(r.randint(2221, 2720)), 16
    elif kind == "amex":
        prefix, n = r.choice(["34", "37"]), 15
    else:
        prefix, n = "6011", 16
    body = prefix + D(r, n - len(prefix) - 1)
    for cd in "0123456789":
        if luhn_ok(body + cd):
            return body + cd


def card_groups(num):
    if len(num) == 15:
        return [num[:4], num[4:10], num[10:]]
    return [num[i:i + 4] for i in range(0, 16, 4)]


def g_cc(ctx, key):
    r = ctx.r
    num = make_card(r)
    assert luhn_ok(num) and card_issuer_ok(num), num
    groups = card_groups(num)
    if ctx.live:
        text = say_groups(groups, r, ctx.zero, pairs_p=0.15)
    elif ctx.style == "whisper":
        text = " ".join(groups)
    else:
        text = r.choice([" ".join(groups), "-".join(groups), num])
    return Ent("CREDIT_CARD", text, ctx.spoken, num, "alnum")


def make_iban(r, cc):
    if cc == "GB":
        bban = r.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "NAIA"]) + D(r, 6) + D(r, 8)
    elif cc == "IE":
        bban = r.choice(["AIBK", "BOFI", "IPBS"]) + D(r, 6) + D(r, 8)
    elif cc == "PL":
        bban = r.choice(["10201026", "11402004", "10501445", "24901044"]) + D(r, 16)
    else:
        bban = r.choice(["37040044", "50010517", "10070000"]) + D(r, 10)
    chk = 98 - iban_mod97(cc + "00" + bban)
    return cc + "%02d" % chk + bban


def iban_ent(ctx, cc):
    r = ctx.r
    s = make_iban(r, cc)
    assert iban_ok(s), s
    groups = [s[i:i + 4] for i in range(0, len(s), 4)]
    if ctx.live:
        text = " ".join(say_digits(g.lower(), r, ctx.zero) for g in groups)
    elif ctx.style == "whisper":
        text = " ".join(groups)
    else:
        text = r.choice([" ".join(groups), s])
    return Ent("IBAN_CODE", text, ctx.spoken, s, "alnum")


IBAN_BANKS = {"NWBK": "NatWest", "BARC": "Barclays", "LOYD": "Lloyds", "HBUK": "HSBC",
              "MIDL": "HSBC", "NAIA": "Nationwide", "AIBK": "AIB",
              "BOFI": "Bank of Ireland", "IPBS": "PTSB"}


def g_iban(ctx, key):
    ent = iban_ent(ctx, "IE" if ctx.country == "IE" else "GB")
    ctx.cache["iban_bank"] = IBAN_BANKS[ent.canon[4:8]]
    return ent


def g_ibanpl(ctx, key):
    return iban_ent(ctx, ctx.r.choice(["PL", "PL", "DE"]) if key != "pl" else "PL")


def make_aba(r):
    pre = "%02d" % r.choice(list(range(1, 13)) + list(range(21, 33)))
    body = pre + D(r, 6)
    d = [int(c) for c in body]
    chk = (-(3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5])) % 10
    return body + str(chk)


def g_aba(ctx, key):
    r = ctx.r
    s = make_aba(r)
    assert aba_ok(s), s
    if ctx.live:
        text = say_groups([s[:3], s[3:6], s[6:]], r, ctx.zero)
    else:
        text = s
    return Ent("ABA_ROUTING_NUMBER", text, ctx.spoken, s, "alnum")


def g_bank(ctx, key):
    r = ctx.r
    n = r.choice([9, 10, 10, 11, 12])
    s = str(r.randint(1, 9)) + D(r, n - 1)
    if ctx.live:
        text = say_groups([s[i:i + 3] for i in range(0, n, 3)], r, ctx.zero, pairs_p=0.1)
    else:
        text = s
    return Ent("US_BANK_NUMBER", text, ctx.spoken, s, "alnum")


def g_acct(ctx, key):
    r = ctx.r
    fmt = r.choice(["d10", "d12", "d8", "pre"])
    if fmt == "d10":
        s = str(r.randint(1, 9)) + D(r, 9)
        groups = [s[:4], s[4:7], s[7:]]
        typed = r.choice([s, " ".join(groups)])
    elif fmt == "d12":
        s = r.choice(["2", "3", "8", "9"]) + D(r, 11)
        groups = [s[:4], s[4:8], s[8:]]
        typed = r.choice([s, " ".join(groups)])
    elif fmt == "d8":
        s = r.choice(["6", "7", "8"]) + D(r, 7)
        groups = [s[:4], s[4:]]
        typed = s
    else:
        p = r.choice(["AC", "CN", "SA"])
        digits = D(r, 8)
        s = p + digits
        groups = [p, digits[:4], digits[4:]]
        typed = r.choice([p + "-" + digits, p + digits, p + " " + digits])
    if ctx.live:
        text = say_groups([g.lower() for g in groups], r, ctx.zero, pairs_p=0.2)
    else:
        text = typed
    return Ent("ACCOUNT_NUMBER", text, ctx.spoken, s, "alnum")


def g_dob(ctx, key):
    r = ctx.r
    if key == "kid":
        y = r.randint(2009, 2021)
    elif key == "old":
        y = r.randint(1931, 1950)
    else:
        y = r.randint(1942, 2005)
    m, d = r.randint(1, 12), r.randint(1, 28)
    mon = MONTHS[m - 1]
    us = ctx.country == "US" or (ctx.country == "CA" and r.random() < 0.5)
    pre = ""
    if ctx.live:
        yw = year_words(y, r)
        short = (n2w(y % 100) if y % 100 >= 10 else "oh " + ONES[y % 100]) if y < 2000 else yw
        if us:
            opts = ["%s %s %s" % (mon.lower(), ordw(d), yw),
                    "%s %s %s" % (mon.lower(), n2w(d), yw),
                    "%s %s %s" % (mon.lower(), ordw(d), short),
                    say_digits("%02d%02d" % (m, d), r, ctx.zero, multi=False) + " " + short]
        else:
            opts = ["%s of %s %s" % (ordw(d), mon.lower(), yw),
                    "%s of %s %s" % (ordw(d), mon.lower(), yw),
                    "%s %s %s" % (n2w(d), n2w(m), short),
                    say_digits("%02d%02d" % (d, m), r, ctx.zero, multi=False) + " " + short,
                    "%s %s %s" % (ordw(d), mon.lower(), yw)]
        i = r.randrange(len(opts))
        text = opts[i]
        if not us and i in (0, 1) and r.random() < 0.6:
            pre = "the "
    elif ctx.style == "whisper":
        if us:
            text = r.choice(["%s %d, %d" % (mon, d, y), "%d/%d/%d" % (m, d, y),
                             "%s %d%s, %d" % (mon, d, ord_suffix(d), y)])
        else:
            text = r.choice(["%d%s of %s %d" % (d, ord_suffix(d), mon, y),
                             "%d %s %d" % (d, mon, y),
                             "%02d/%02d/%d" % (d, m, y)])
            if text.endswith("%d" % y) and " of " in text and r.random() < 0.5:
                pre = "the "
    else:
        if us:
            text = r.choice(["%02d/%02d/%d" % (m, d, y), "%d/%d/%d" % (m, d, y),
                             "%d-%02d-%02d" % (y, m, d)])
        else:
            text = r.choice(["%02d/%02d/%d" % (d, m, y), "%d %s %d" % (d, mon[:3], y),
                             "%d-%02d-%02d" % (y, m, d), "%02d.%02d.%d" % (d, m, y)])
    ent = Ent("DATE_OF_BIRTH", text, ctx.spoken, None, None)
    return [pre, ent] if pre else ent


def say_house(n, r):
    if n < 100:
        return n2w(n)
    if n < 1000:
        h, rest = divmod(n, 100)
        opts = [say_digits(str(n), r, "oh", multi=False)]
        if rest >= 10:
            opts.append(ONES[h] + " " + n2w(rest))
        elif rest > 0:
            opts.append(ONES[h] + " oh " + ONES[rest])
        else:
            opts.append(ONES[h] + " hundred")
        return r.choice(opts)
    hi, lo = divmod(n, 100)
    opts = [say_digits(str(n), r, "oh", multi=False)]
    if lo >= 10:
        opts.append(n2w(hi) + " " + n2w(lo))
    elif lo > 0:
        opts.append(n2w(hi) + " oh " + ONES[lo])
    else:
        opts.append(n2w(hi) + " hundred")
    return r.choice(opts)


def g_street(ctx, key):
    r, c = ctx.r, ctx.country
    lo, hi = HOUSE_RANGE[c]
    n = r.randint(lo, hi) if r.random() < 0.7 else r.randint(min(lo, 10), 99)
    quebec = c == "CA" and ctx.loc[1] == "QC"
    if quebec:
        typ, name = r.choice(QC_STREETS)
        full = "%d %s %s" % (n, typ, name)
        abbr = full
        live = "%s %s %s" % (say_house(n, r), typ, fold(name).lower().replace("-", " "))
    else:
        names, types = STREETS[c]
        name = r.choice(names)
        tf, ta = r.choice(types)
        full = "%d %s %s" % (n, name, tf)
        abbr = "%d %s %s" % (n, name, ta)
        live = "%s %s %s" % (say_house(n, r), name.lower(), tf.lower())
    if ctx.live:
        return Ent("STREET_ADDRESS", live, True, None, None)
    if ctx.style == "whisper":
        return Ent("STREET_ADDRESS", full, False, None, None)
    text = r.choice([full, abbr])
    ent = Ent("STREET_ADDRESS", text, False, None, None)
    u = r.random()
    if u < 0.25:
        if c == "UK":
            return ["Flat %d, " % r.randint(1, 12), ent]
        if c == "AU":
            return [r.choice(["%d/" % r.randint(1, 14), "Unit %d, " % r.randint(1, 14)]), ent]
        if c == "CA":
            return ["%d-" % r.randint(101, 2409), ent]
        if c == "US":
            return [ent, " Apt %d%s" % (r.randint(1, 12), r.choice("ABCD"))]
        if c == "IE":
            return ["Apt %d, " % r.randint(1, 40), ent]
    return ent


def make_zip(ctx):
    r, c = ctx.r, ctx.country
    if c == "US":
        z = ctx.loc[2] + D(r, 2)
        if r.random() < 0.25:
            return z + "-" + D(r, 4), [z, D(r, 0)]
        return z, [z]
    if c == "UK":
        inward = str(r.randint(0, 9)) + L(r, 2, "ABDEFGHJLNPQRSTUWXYZ")
        return ctx.loc[2] + " " + inward, [ctx.loc[2], inward]
    if c == "CA":
        ld = "ABCEGHJKLMNPRSTVWXYZ"
        ldu = str(r.randint(0, 9)) + r.choice(ld) + str(r.randint(0, 9))
        return ctx.loc[2] + " " + ldu, [ctx.loc[2], ldu]
    raise AssertionError("no ZIP_CODE for " + c)


def g_zip(ctx, key):
    r = ctx.r
    if key and ("zip", key) in ctx.cache:
        return ctx.cache[("zip", key)]
    z, _ = make_zip(ctx)
    canon = alnum(z)
    if ctx.live:
        if ctx.country == "US":
            parts = z.split("-")
            text = " dash ".join(say_digits(p, r, ctx.zero) for p in parts)
        else:
            out, inw = z.split(" ")
            o_words = " ".join(x.lower() if x.isalpha() else ONES[int(x)] for x in out)
            if len(out) > 3 and out[-2:].isdigit() and r.random() < 0.4:
                o_words = " ".join(x.lower() for x in out[:-2]) + " " + n2w(int(out[-2:]))
                if out[-2] == "0" or int(out[-2:]) % 10 == 0:
                    o_words = " ".join(x.lower() if x.isalpha() else ONES[int(x)] for x in out)
            i_words = " ".join(x.lower() if x.isalpha() else ONES[int(x)] for x in inw)
            text = o_words + " " + i_words
    else:
        text = z
        if ctx.country == "CA" and ctx.style == "typed" and r.random() < 0.3:
            text = z.replace(" ", "")
    ent = Ent("ZIP_CODE", text, ctx.spoken, canon, "alnum")
    if key:
        ctx.cache[("zip", key)] = ent
    return ent


V4_FIRST = [24, 31, 37, 51, 62, 73, 81, 86, 92, 98, 109, 151, 174, 185, 203, 212]
V6_PREFIX = ["2a02:c7f", "2001:8003", "2600:1700", "2607:fea8", "2a01:4b00",
             "2001:bb6", "2a00:23c5", "2001:4479"]


def say_octet(o, r, zero):
    s = str(o)
    if o < 100:
        return n2w(o) if r.random() < 0.7 else say_digits(s, r, zero, multi=False)
    if s[1] != "0" and r.random() < 0.5:
        return ONES[int(s[0])] + " " + n2w(int(s[1:]))
    return say_digits(s, r, zero, multi=False)


def g_ip(ctx, key):
    r = ctx.r
    v6 = ctx.style == "typed" and (key == "v6" or r.random() < 0.4)
    if v6:
        groups = r.choice(V6_PREFIX).split(":") + ["%x" % r.randint(0x100, 0xffff) for _ in range(6)]
        text = ":".join(groups)
        if r.random() < 0.4:
            text = ":".join(groups[:4]) + "::" + "%x" % r.randint(1, 0xff)
        ip = ipaddress.ip_address(text)
        assert ip.version == 6 and ip.is_global, text
        return Ent("IP_ADDRESS", text, False, str(ip), "ip")
    octs = [r.choice(V4_FIRST), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)]
    text = ".".join(map(str, octs))
    ip = ipaddress.ip_address(text)
    assert ip.version == 4 and ip.is_global, text
    if ctx.live:
        sep = r.choice([" dot ", " dot ", " point "])
        text = sep.join(say_octet(o, r, ctx.zero) for o in octs)
        return Ent("IP_ADDRESS", text, True, str(ip), "ip")
    return Ent("IP_ADDRESS", text, False, str(ip), "ip")


DL_FORMATS = {
    "MA": lambda r: ("S" + D(r, 8), None), "NY": lambda r: (D(r, 9), (3, 3, 3)),
    "PA": lambda r: (D(r, 8), (2, 3, 3)), "GA": lambda r: (D(r, 9), None),
    "IL": lambda r: (L(r) + D(r, 11), (4, 4, 4)), "TX": lambda r: (D(r, 8), None),
    "WA": lambda r: ("WDL" + L(r, 4) + D(r, 3) + L(r, 2), None),
    "CA": lambda r: (L(r) + D(r, 7), None), "OR": lambda r: (D(r, 7), None),
    "OH": lambda r: (L(r, 2) + D(r, 6), None), "AZ": lambda r: (L(r) + D(r, 8), None),
    "FL": lambda r: (L(r) + D(r, 12), (4, 3, 2, 3, 1)),
    "MN": lambda r: (L(r) + D(r, 12), None),
    "MI": lambda r: (L(r) + D(r, 12), (1, 3, 3, 3, 3)),
}


def g_dl(ctx, key):
    r = ctx.r
    st = ctx.loc[1]
    s, grouping = DL_FORMATS[st](r)
    ctx.cache["dl_state"] = st
    if grouping:
        parts, i = [], 0
        for g in grouping:
            parts.append(s[i:i + g])
            i += g
        typed = ("-" if st in ("FL", "IL") else " ").join(parts)
    else:
        typed = s
    if ctx.live:
        text = say_digits(s.lower(), r, ctx.zero)
    elif ctx.style == "whisper":
        text = typed
    else:
        text = r.choice([typed, s])
    return Ent("US_DRIVER_LICENSE", text, ctx.spoken, s, "alnum")


def g_passport(ctx, key):
    r = ctx.r
    s = ("A" + D(r, 8)) if r.random() < 0.5 else (r.choice("5456") + D(r, 8))
    text = say_digits(s.lower(), r, ctx.zero) if ctx.live else s
    return Ent("US_PASSPORT", text, ctx.spoken, s, "alnum")


def g_mrn(ctx, key):
    r = ctx.r
    kind = r.random()
    if ctx.country == "UK" and kind < 0.5:
        s = r.choice("KRDJ") + D(r, 6)
    elif kind < 0.75:
        s = str(r.randint(1, 9)) + D(r, 6)
    else:
        s = "00" + str(r.randint(1, 9)) + D(r, 5)
    if ctx.live:
        text = say_digits(s.lower(), r, ctx.zero)
    else:
        text = s
    return Ent("MEDICAL_RECORD_NUMBER", text, ctx.spoken, s, "alnum")


def make_nhs(r):
    while True:
        d = [r.randint(4, 7)] + [r.randint(0, 9) for _ in range(8)]
        tot = sum(d[i] * (10 - i) for i in range(9))
        chk = 11 - tot % 11
        if chk == 11:
            chk = 0
        if chk == 10:
            continue
        s = "".join(map(str, d)) + str(chk)
        return s


def g_nhs(ctx, key):
    r = ctx.r
    s = make_nhs(r)
    assert nhs_ok(s), s
    groups = [s[:3], s[3:6], s[6:]]
    if ctx.live:
        text = say_groups(groups, r, ctx.zero, pairs_p=0.1)
    elif ctx.style == "whisper":
        text = " ".join(groups)
    else:
        text = r.choice([" ".join(groups), s])
    return Ent("MEDICAL_RECORD_NUMBER", text, ctx.spoken, s, "alnum")


# ---------------------------------------------------------------------------
# plain (non-PII) slot generators -- hard negatives and glue
# ---------------------------------------------------------------------------
CUR = {"US": ("$", "dollars", "cents"), "CA": ("$", "dollars", "cents"),
       "AU": ("$", "dollars", "cents"), "UK": ("£", "pounds", "p"),
       "IE": ("€", "euro", "cent")}


def g_amount(ctx, key):
    r, c = ctx.r, ctx.country
    if key == "small":
        whole = r.randint(6, 45)
    elif key == "big":
        whole = r.randint(500, 4800)
    elif key == "mid":
        whole = r.randint(60, 480)
    elif key == "salary":
        whole = r.randint(180, 640) * 100
    else:
        whole = r.randint(12, 480)
    cents = 0 if key in ("big", "salary") else r.choice([0, 0, 50, 99, r.randint(1, 99)])
    sym, unit, _ = CUR[c]
    if ctx.live:
        uk = c != "US"
        w = n2w(whole, uk) + " " + unit
        if cents:
            w += " " + (n2w(cents) if cents >= 10 else "oh " + ONES[cents])
        return w
    s = "{}{:,}".format(sym, whole)
    if cents:
        s += ".%02d" % cents
    return s


def g_meter(ctx, key):
    r = ctx.r
    s = r.choice(["0", "1", "2", "3"]) + D(r, 4)
    return say_digits(s, r, ctx.zero) if ctx.live else s


def g_time(ctx, key):
    r, c = ctx.r, ctx.country
    h = r.choice([9, 10, 11, 12, 1, 2, 3, 4]) if key == "day" else r.randint(1, 12)
    mm = r.choice([10, 20, 40, 50, 15, 45, 5])
    if key == "eve":
        h = r.randint(6, 10)
        if ctx.live:
            opts = ["%s o'clock" % n2w(h), "%s thirty" % n2w(h), "quarter past %s" % n2w(h),
                    "%s at night" % n2w(h)]
            if c != "US":
                opts.append("half %s" % n2w(h))
            return r.choice(opts)
        if ctx.style == "whisper":
            return r.choice(["%d p.m." % h, "%d:30" % h, "%d o'clock" % h])
        return r.choice(["%02d:%02d" % (h + 12, mm), "%dpm" % h])
    if ctx.live:
        opts = ["quarter past %s" % n2w(h), "quarter to %s" % n2w(h),
                "%s o'clock" % n2w(h), "%s %s" % (n2w(h), n2w(mm) if mm >= 10 else "oh five"),
                ("%s in the morning" % n2w(h)) if (key != "day" or h >= 9) else "%s in the afternoon" % n2w(h), "%s thirty" % n2w(h)]
        if c != "US":
            opts.append("half %s" % n2w(h))
        return r.choice(opts)
    if ctx.style == "whisper":
        if key == "day":
            return r.choice(["%d:%02d" % (h, mm), "%d o'clock" % h,
                             "%d %s" % (h, "a.m." if h >= 9 and h != 12 else "p.m.")])
        return r.choice(["%d:%02d" % (h, mm), "%d p.m." % h, "%d:30 a.m." % h, "%d o'clock" % h,
                         "%d:%02d p.m." % (h, mm)])
    H = r.randint(9, 16) if key == "day" else r.randint(7, 21)
    return r.choice(["%02d:%02d" % (H, mm),
                     "%d%s" % (h, ("am" if h >= 9 and h != 12 else "pm") if key == "day" else r.choice(["am", "pm"])),
                     "%02d%02d" % (H, mm)])


def g_date(ctx, key):
    """A non-birth calendar date (appointments, payments, deadlines)."""
    r, c = ctx.r, ctx.country
    m, d = r.randint(1, 12), r.randint(1, 28)
    y = r.choice([2024, 2025])
    mon = MONTHS[m - 1]
    wd = r.choice(WEEKDAYS)
    if ctx.live:
        opts = ["the %s of %s" % (ordw(d), mon.lower()),
                "%s the %s" % (mon.lower(), ordw(d)),
                "%s %s" % (mon.lower(), ordw(d)),
                "%s the %s" % (wd.lower(), ordw(d))]
        if key in ("past", "future"):
            opts.append(("last %s" if key == "past" else "next %s") % wd.lower())
        return r.choice(opts)
    if ctx.style == "whisper":
        return r.choice(["%s %d%s" % (mon, d, ord_suffix(d)), "the %d%s of %s" % (d, ord_suffix(d), mon),
                         "%s the %d%s" % (wd, d, ord_suffix(d)), "%d %s" % (d, mon)])
    if c == "US":
        return r.choice(["%02d/%02d/%d" % (m, d, y), "%d/%d" % (m, d), "%s %d" % (mon[:3], d)])
    return r.choice(["%02d/%02d/%d" % (d, m, y), "%d %s" % (d, mon[:3]),
                     "%d-%02d-%02d" % (y, m, d), "%s %02d/%02d" % (wd[:3], d, m)])


def g_ordinal(ctx, key):
    d = ctx.r.randint(1, 28)
    return ordw(d) if ctx.live else "%d%s" % (d, ord_suffix(d))


def spoken_code(ctx, s):
    return say_digits(s.lower().replace("-", ""), ctx.r, ctx.zero)


def g_ticket(ctx, key):
    r = ctx.r
    s = r.choice(["INC" + "00" + D(r, 5), "TKT-" + D(r, 6), "SR" + D(r, 7), D(r, 8)])
    return spoken_code(ctx, s) if ctx.live else s


def g_case(ctx, key):
    r = ctx.r
    s = r.choice(["CAS-" + D(r, 6), "00" + D(r, 6), "C" + D(r, 7), D(r, 4) + "-" + D(r, 4)])
    return spoken_code(ctx, s) if ctx.live else s


def g_claim(ctx, key):
    r = ctx.r
    raw = r.choice(["CLM" + D(r, 7), D(r, 10), "HX" + D(r, 6), "2024" + D(r, 6)])
    if ctx.live:
        return spoken_code(ctx, raw)
    if raw.isdigit() and len(raw) == 10:
        return r.choice([raw, raw[:4] + " " + raw[4:8] + " " + raw[8:]])
    if raw.startswith("CLM"):
        return r.choice([raw, "CLM-" + raw[3:]])
    return raw


def g_ref(ctx, key):
    r = ctx.r
    s = r.choice([L(r, 2) + D(r, 1) + L(r, 1) + D(r, 4), "REF" + D(r, 6), D(r, 2) + L(r, 3) + D(r, 3),
                  L(r, 3) + "-" + D(r, 4) + "-" + L(r, 2)])
    return spoken_code(ctx, s) if ctx.live else s


def g_order(ctx, key):
    r = ctx.r
    s = r.choice(["%s-%s-%s" % (D(r, 3), D(r, 7), D(r, 7)), "ORD-" + D(r, 7), "#A" + D(r, 5)])
    return spoken_code(ctx, s.replace("#", "")) if ctx.live else s


def g_tracking(ctx, key):
    r = ctx.r
    s = r.choice(["1Z" + L(r, 1) + D(r, 2) + L(r, 1) + D(r, 10),
                  L(r, 2) + D(r, 9) + "GB",
                  "9400" + D(r, 18),
                  L(r, 2) + D(r, 9) + "AU",
                  "LX" + D(r, 9) + "CA"])
    if s.startswith("9400"):
        s = " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    return spoken_code(ctx, s.replace(" ", "")) if ctx.live else s


def g_version(ctx, key):
    r = ctx.r
    v = r.choice(["%d.%d.%d" % (r.randint(2, 17), r.randint(0, 12), r.randint(0, 9)),
                  "%d.%d.%d.%d" % (r.randint(1, 12), r.randint(0, 40), r.randint(0, 9), r.randint(10, 240)),
                  "%d.%d" % (r.randint(3, 24), r.randint(0, 9))])
    if ctx.live:
        return " point ".join(n2w(int(x)) for x in v.split("."))
    return v


def g_build(ctx, key):
    r = ctx.r
    return r.choice(["%d.%d" % (r.randint(19041, 26100), r.randint(100, 4999)),
                     "%d" % r.randint(1000, 9999),
                     "2025.%02d.%02d-rc%d" % (r.randint(1, 12), r.randint(1, 28), r.randint(1, 4))])


def g_err(ctx, key):
    r = ctx.r
    if ctx.live:
        return r.choice(["e two oh four", "sixteen oh three", "five oh three",
                         "four oh four", "e forty one", "f two"])
    return r.choice(["0x80070005", "E-204", "1603", "ERR_CONNECTION_RESET",
                     "503", "AUTH-0417", "0xC004F074", "F2"])


def g_guid(ctx, key):
    r = ctx.r
    return "%08x-%04x" % (r.getrandbits(32), r.getrandbits(16))


def g_year(ctx, key):
    y = ctx.r.randint(2026, 2034) if key == "future" else ctx.r.randint(2009, 2023)
    return year_words(y, ctx.r) if ctx.live else str(y)


def g_pct(ctx, key):
    r = ctx.r
    if r.random() < 0.5:
        a, b = r.randint(2, 29), r.randint(1, 9)
        return "%s point %s percent" % (n2w(a), ONES[b]) if ctx.live else "%d.%d%%" % (a, b)
    a = r.randint(3, 25)
    return "%s percent" % n2w(a) if ctx.live else "%d%%" % a


def g_dose(ctx, key):
    r = ctx.r
    table = {
        "metf": [("500", "five hundred milligrams"), ("850", "eight fifty"),
                 ("1000", "a thousand milligrams"), ("500", "five hundred mil")],
        "aml": [("5", "five milligrams"), ("10", "ten milligrams"), ("10", "ten mil")],
        "biso": [("1.25", "one point two five"), ("2.5", "two point five mil"),
                 ("5", "five milligrams"), ("10", "ten milligrams")],
    }.get(key, [("500", "five hundred milligrams"), ("2.5", "two point five mil"),
                ("10", "ten milligrams"), ("40", "forty mil"), ("5", "five milligrams"),
                ("20", "twenty milligrams"), ("250", "two fifty")])
    mg = r.choice(table)
    if ctx.live:
        return mg[1]
    return mg[0] + r.choice([" mg", "mg"])


def g_ward(ctx, key):
    r = ctx.r
    n, l = r.randint(2, 12), r.choice("ABCD")
    return "%s %s" % (n2w(n), l.lower()) if ctx.live else "%d%s" % (n, l)


def g_bed(ctx, key):
    n = ctx.r.randint(1, 30)
    return n2w(n) if ctx.live else str(n)


def g_room(ctx, key):
    r = ctx.r
    n = r.randint(101, 418)
    if ctx.live:
        return say_digits(str(n), r, "oh", multi=False)
    return r.choice([str(n), "%d.%02d" % (r.randint(1, 4), r.randint(1, 30))])


def g_bus(ctx, key):
    r = ctx.r
    n = r.randint(4, 199)
    pre = r.choice(["", "", "", "N", "X"])
    if ctx.live:
        if n < 100:
            w = n2w(n)
        elif n % 100 >= 10:
            w = ONES[n // 100] + " " + n2w(n % 100)
        else:
            w = say_digits(str(n), r, "oh", multi=False)
        return (pre.lower() + " " if pre else "") + w
    return pre + str(n)


def g_age(ctx, key):
    r = ctx.r
    n = {"old": (71, 94), "kid": (3, 16)}.get(key, (19, 67))
    a = r.randint(*n)
    return n2w(a) if ctx.live else str(a)


def g_qty(ctx, key):
    lo, hi = {"big": (40, 130), "years": (3, 25), "k": (8, 95),
              "career": (28, 47)}.get(key, (3, 14))
    a = ctx.r.randint(lo, hi)
    return n2w(a) if ctx.live else str(a)


def g_small(ctx, key):
    a = ctx.r.randint(2, 4) if key == "lt5" else ctx.r.randint(2, 9)
    return n2w(a) if ctx.live else str(a)


def g_small3(ctx, key):
    return str(ctx.r.randint(101, 989))


def g_kwh(ctx, key):
    return "{:,}".format(ctx.r.randint(180, 1900))


def g_otp(ctx, key):
    s = D(ctx.r, 6)
    return say_digits(s, ctx.r, ctx.zero) if ctx.live else s


def g_last4(ctx, key):
    s = D(ctx.r, 4)
    return say_digits(s, ctx.r, ctx.zero) if ctx.live else s


def g_expiry(ctx, key):
    r = ctx.r
    m, y = r.randint(1, 12), r.randint(26, 31)
    if ctx.live:
        return "%s %s" % (say_digits("%02d" % m, r, ctx.zero, multi=False), n2w(y))
    return "%02d/%02d" % (m, y)


def g_weekday(ctx, key):
    w = ctx.r.choice(WEEKDAYS)
    return w.lower() if ctx.live else w


def g_month(ctx, key):
    m = ctx.r.choice(MONTHS)
    return m.lower() if ctx.live else m


def _plain_pick(ctx, options):
    v = ctx.r.choice(options)
    return fold(v).lower().replace("-", " ") if ctx.live else v


def g_place(ctx, key):
    return _plain_pick(ctx, PLACES[ctx.country])


def g_brand(ctx, key):
    return _plain_pick(ctx, BRANDS[ctx.country])


def g_fuel(ctx, key):
    return _plain_pick(ctx, FUEL[ctx.country])


def g_road(ctx, key):
    t, w = ctx.r.choice(ROADS[ctx.country])
    return w if ctx.live else t


def g_osver(ctx, key):
    r = ctx.r
    return r.choice(["Android %d" % r.randint(11, 15), "iOS 17.%d.%d" % (r.randint(0, 6), r.randint(0, 2))])


def g_city(ctx, key):
    return ctx.loc[0].lower() if ctx.live else ctx.loc[0]


def g_state(ctx, key):
    st = ctx.cache.get("dl_state", ctx.loc[1])
    name = STATE_NAMES[st]
    return name.lower() if ctx.live else name


def g_st(ctx, key):
    return ctx.loc[1]


def g_mum(ctx, key):
    return "mom" if ctx.country in ("US", "CA") else "mum"


def g_ring(ctx, key):
    if ctx.country in ("US", "CA"):
        return "calling"
    return ctx.r.choice(["ringing", "ringing", "calling"])


def g_zipword(ctx, key):
    return {"US": ctx.r.choice(["zip code", "zip"]), "UK": "postcode",
            "CA": "postal code"}[ctx.country]


def g_zipabbr(ctx, key):
    return {"US": "ZIP", "UK": "pc", "CA": "PC"}[ctx.country]


def g_bankname(ctx, key):
    return ctx.cache.get("iban_bank") or ctx.r.choice(BANKNAMES[ctx.country])


def g_mbps(ctx, key):
    return ctx.r.choice(["thirty six", "fifty", "sixty seven", "eighty", "a hundred and fifty",
                         "five hundred", "nine hundred"])


def g_dur(ctx, key):
    return "%dm %02ds" % (ctx.r.randint(4, 14), ctx.r.randint(0, 59))


GENERATORS = {
    # entities
    "name": g_name, "first": g_first, "last": g_last, "lastfirst": g_lastfirst,
    "phone": g_phone, "email": g_email, "ssn": g_ssn, "cc": g_cc,
    "iban": g_iban, "ibanpl": g_ibanpl, "aba": g_aba, "bank": g_bank,
    "acct": g_acct, "dob": g_dob, "street": g_street, "zip": g_zip,
    "ip": g_ip, "dl": g_dl, "passport": g_passport, "mrn": g_mrn, "nhs": g_nhs,
    # plain
    "amount": g_amount, "meter": g_meter, "time": g_time, "date": g_date,
    "ordinal": g_ordinal, "ticket": g_ticket, "case": g_case, "claim": g_claim,
    "ref": g_ref, "order": g_order, "tracking": g_tracking,
    "version": g_version, "build": g_build, "err": g_err, "guid": g_guid,
    "year": g_year, "pct": g_pct, "dose": g_dose, "ward": g_ward,
    "bed": g_bed, "room": g_room, "bus": g_bus, "age": g_age, "qty": g_qty,
    "small": g_small, "small3": g_small3, "kwh": g_kwh, "otp": g_otp,
    "last4": g_last4, "expiry": g_expiry, "weekday": g_weekday,
    "month": g_month, "place": g_place, "brand": g_brand, "fuel": g_fuel,
    "road": g_road, "osver": g_osver, "city": g_city, "state": g_state,
    "st": g_st, "mum": g_mum, "ring": g_ring, "zipword": g_zipword,
    "zipabbr": g_zipabbr, "bankname": g_bankname, "dur": g_dur, "mbps": g_mbps,
}
ENTITY_SLOTS = {"name", "first", "last", "lastfirst", "phone", "email", "ssn",
                "cc", "iban", "ibanpl", "aba", "bank", "acct", "dob", "street",
                "zip", "ip", "dl", "passport", "mrn", "nhs"}
SLOT_COUNTRIES = {
    "zip": {"US", "UK", "CA"}, "zipword": {"US", "UK", "CA"},
    "zipabbr": {"US", "UK", "CA"}, "ssn": {"US"}, "aba": {"US"},
    "bank": {"US"}, "dl": {"US"}, "passport": {"US"}, "state": {"US"},
    "st": {"US"}, "nhs": {"UK"}, "iban": {"UK", "IE"},
    "bankname": {"UK", "IE"},
}
CACHED_SLOTS = {"street", "phone", "acct", "ip"}
SLOT_RE = re.compile(r"\{(\w+)(?::(\w+))?\}")

# ---------------------------------------------------------------------------
# sentence frames: (domain, style, countries or None, template)
# style: live = live ASR, whisper = Whisper-style ASR, typed = notes/chat/mail
# ---------------------------------------------------------------------------
UK_IE_AU = {"UK", "IE", "AU"}
NOT_US = {"UK", "IE", "AU", "CA"}

FRAMES = [
    # ============================ utility ============================
    ("utility", "live", UK_IE_AU,
     "hi um yeah my name is {name:a} and i'm ringing about my gas bill because it's gone up like "
     "loads since the new tariff started and i've been on the phone three times already and every "
     "time someone says oh it's an estimate we'll sort it and then the next bill comes and it's the "
     "same again so i just want someone to actually look at it properly this time"),
    ("utility", "live", None,
     "yeah hi it's {first:a} here uh the account number is {acct} and it's for the house at {street}"),
    ("utility", "live", UK_IE_AU,
     "the reading on the meter is {meter} and the last one you lot had was {meter} so that can't be right can it"),
    ("utility", "live", None,
     "um the engineer said he'd come between {time:day} and {time:day} on {date:past} but nobody turned up and i took the day off work"),
    ("utility", "live", None,
     "okay so that's {name:a} at {street} {zipword} {zip} and the best number to get me on is {phone}"),
    ("utility", "live", None,
     "my internet keeps dropping out like every twenty minutes and the light on the box goes orange "
     "the ticket number they gave me last time was {ticket}"),
    ("utility", "live", None,
     "the account's still in my {mum}'s name {name:bf} she passed away in {year} and i need to uh take it over"),
    ("utility", "live", None,
     "you can email me at {email:a} that's the one i actually check"),
    ("utility", "live", None,
     "i paid {amount} on the {ordinal} and it's still saying i owe {amount} which doesn't make any sense"),
    ("utility", "live", None,
     "my landlord {name:bm} said the water's meant to be included in the rent so i don't know why i'm getting a bill"),
    ("utility", "live", None,
     "the ip it's showing on the router page is {ip} if that helps at all"),
    ("utility", "live", None,
     "we're paying for like {mbps} megs and i'm getting {small} on the speed test in the evenings it's useless"),
    ("utility", "live", None,
     "so {first:bm} from your team said he'd call me back on {phone} and he never did"),
    ("utility", "whisper", None,
     "Hi, yes, my name's {name:a}. I'm calling about account {acct}, the direct debit didn't go out this month."),
    ("utility", "whisper", None,
     "The app says version {version} and it just crashes when I try to submit the reading. It comes up with error {err}."),
    ("utility", "whisper", None,
     "I've moved out of {street}. The new address is {street:b}, {zip}."),
    ("utility", "whisper", None,
     "The smart meter's showing {kwh} kilowatt hours since Monday, which is way more than we normally use."),
    ("utility", "whisper", None,
     "You can text me on {phone}, or email {email:a}, either's fine."),
    ("utility", "whisper", None,
     "They told me the reference was {ref} and the outage would be fixed by {time}, but it's still off."),
    ("utility", "typed", None,
     "Cust {name:a} called re high bill. Acct {acct}. Meter read {meter} provided, est. read removed. "
     "Adv re payment plan {amount:small}/mth. CB req'd on {phone}."),
    ("utility", "typed", None,
     "Customer: hi i need to update my email on the account\nAgent: Sure, you're chatting with {first:c}. "
     "What's the new address?\nCustomer: {email:a}"),
    ("utility", "typed", None,
     "Ticket: {ticket}\nDevice: HG612 fw {version}\nError: {err}\nSync rate: {qty} Mbps\nStatus: escalated to field engineer"),
    ("utility", "typed", None,
     "Hi,\n\nPlease close my account at {street}, {city} {zip} from {date}. The final meter reading is {meter}.\n\nThanks,\n{name:a}"),
    ("utility", "typed", None,
     "Order {order} - fibre install booked {date}, AM slot. Engineer to call 30 mins before. "
     "Cust confirmed access via side gate. Dog on premises."),
    ("utility", "typed", None,
     "Name: {lastfirst:a}\nService address: {street}\nContact: {phone}\nAccount no: {acct}\nLine IP: {ip}"),

    # ============================ bank ============================
    ("bank", "live", None,
     "hi my name's {name:a} i've um i've lost my card the number on it was {cc}"),
    ("bank", "live", None,
     "uh the long number on the front is {cc} and the expiry's {expiry}"),
    ("bank", "live", None,
     "i want to dispute a payment of {amount} to {brand} it went out on {date:past} and i've never even shopped there"),
    ("bank", "live", None,
     "my routing number is {aba} and the checking account number is {bank}"),
    ("bank", "live", None,
     "the money's going to my account back home the iban is {ibanpl:pl} it's a polish account"),
    ("bank", "live", None,
     "i'm just trying to work out why the interest went from {pct} to {pct} without anyone telling me"),
    ("bank", "live", None,
     "yes this is {name:a} date of birth {dob} and the {zipword} is {zip}"),
    ("bank", "live", None,
     "my husband {first:bm} has a card on my account and i want him taken off it"),
    ("bank", "live", None,
     "the cash machine on {place} swallowed my card at about {time} last night"),
    ("bank", "live", None,
     "the card services account is {acct} and it's under {name:a}"),
    ("bank", "live", None,
     "i got a text saying my code was {otp} and to ring back but i never asked for anything"),
    ("bank", "live", None,
     "my social is {ssn} and uh the zip is {zip}"),
    ("bank", "live", NOT_US,
     "can you tell me if the cheque for {amount} has cleared i paid it in on {weekday}"),
    ("bank", "whisper", None,
     "Hi, it's {name:a}. I need to change the phone number on my account to {phone}."),
    ("bank", "whisper", None,
     "The transfer reference was {ref}, and it left on {date} for {amount}."),
    ("bank", "whisper", None,
     "I've only got the card ending in {last4}. The rest of it is at home in the drawer."),
    ("bank", "whisper", None,
     "Could you send it to {email:a}? And my date of birth is {dob}."),
    ("bank", "whisper", None,
     "My IBAN is {iban}, it's with {bankname}."),
    ("bank", "whisper", None,
     "Routing is {aba}, account {bank}, and it's a checking account under {name:a}."),
    ("bank", "whisper", None,
     "It says the login from {ip} was blocked, but that's just my home internet."),
    ("bank", "typed", None,
     "ID&V passed: {name:a}, DOB {dob}, {zipabbr} {zip}. Reported card {cc} stolen at {time}. "
     "Card blocked, replacement ordered. Case {case}."),
    ("bank", "typed", None,
     "Customer: the app says error {err} when i try to log in\nAgent: Thanks for that. Which version of "
     "the app are you on?\nCustomer: {version} on {osver}"),
    ("bank", "typed", None,
     "Dear Sir/Madam,\n\nFollowing my recent move, please update the correspondence address on all of my "
     "accounts to {street}, {city} {zip}. I have already updated my details in the app but I am still "
     "receiving statements at my old address, which I no longer have access to. Please confirm once this "
     "has been done.\n\nKind regards,\n{name:a}\n{phone}"),
    ("bank", "typed", None,
     "Payee: {name:b}\nIBAN: {iban}\nAmount: {amount}\nPayment ref: {ref}\nSchedule: monthly"),
    ("bank", "typed", None,
     "Fraud flag {case}: 3 txns declined between {time} and {time}, merchant cat 5411 (grocery), "
     "amt {amount}. Cust confirmed genuine. Flag cleared by TL."),
    ("bank", "typed", None,
     "Direct deposit form rec'd from {name:a}. RTN {aba} / acct {bank}. SSN on file ends {last4} - not re-keyed."),
    ("bank", "typed", None,
     "ATM recon: terminal T{small3}, cassette 2 short {amount}, journal seq {build}. "
     "Branch manager informed, escalated to cash centre."),

    # ============================ clinic ============================
    ("clinic", "live", None,
     "hi i'm {ring} to book an appointment for my son {first:bm} his date of birth is {dob:kid}"),
    ("clinic", "live", None,
     "she's on {dose:metf} of metformin twice a day and they've just put the amlodipine up to {dose:aml}"),
    ("clinic", "live", None,
     "his nhs number is {nhs} i've got it here on the letter"),
    ("clinic", "live", None,
     "um my medical record number should be {mrn} it's at the top of the letter"),
    ("clinic", "live", None,
     "my dad's in ward {ward} bed {bed} i just wanted to know what time visiting is"),
    ("clinic", "live", None,
     "it's {name:a} i had a blood test with doctor {last:b} last week and nobody's rung me with the results"),
    ("clinic", "live", None,
     "the appointment was for {date} at {time:day} with the physio and i can't make it now"),
    ("clinic", "live", None,
     "my {mum} {name:bf} is {age:old} she can't really get to the phone so i'm {ring} on her behalf"),
    ("clinic", "live", None,
     "can you send the results to {email:a} please"),
    ("clinic", "live", None,
     "i'm {age} and i've been getting these headaches for like {qty} weeks now"),
    ("clinic", "live", None,
     "yeah the address you've got is {street} but we moved to {street:b} in the summer"),
    ("clinic", "live", UK_IE_AU,
     "the chemist on {place} said the prescription hadn't been sent over"),
    ("clinic", "live", None,
     "yeah hi it's {first:a} speaking i'm the carer for {name:bm} his hospital number is {mrn}"),
    ("clinic", "live", None,
     "can i get a taxi voucher the {bus} bus doesn't go out to the hospital anymore and it's {amount:small} each way"),
    ("clinic", "whisper", None,
     "Hi, this is {name:a}, date of birth {dob}. I'm calling to order my repeat prescription."),
    ("clinic", "whisper", None,
     "I'm in room {room}, and the nurse said the doctor would be round by {time:day}."),
    ("clinic", "whisper", None,
     "My MRN is {mrn}, and the clinic's been moved to {date}, so I need a new slot."),
    ("clinic", "whisper", None,
     "Can you call my daughter, {name:bf}, on {phone}? She's my next of kin."),
    ("clinic", "whisper", None,
     "The lab said my HbA1c was 53 in {month}, and they've put me on {dose} now."),
    ("clinic", "whisper", None,
     "My NHS number is {nhs}, and I live at {street}, {zip}."),
    ("clinic", "typed", None,
     "Pt {name:a} (DOB {dob}, MRN {mrn}) seen today with 3/7 hx chest tightness on exertion. ECG NSR. "
     "Referred to cardiology RACPC. Meds: bisoprolol {dose:biso} OD, atorvastatin 20 mg ON. Safety-netted. "
     "F/U 6/52 with practice nurse."),
    ("clinic", "typed", None,
     "Booking {ref}: Physio, Rm {room}, {date} {time:day}. Pt to bring current meds list. Patient transport booked."),
    ("clinic", "typed", None,
     "Surname, Forename: {lastfirst:a}\nDOB: {dob}\nNHS No: {nhs}\nAddress: {street}, {city} {zip}"),
    ("clinic", "typed", None,
     "Patient: hi can i change my appt\nReceptionist: Of course, can I take your full name and date of "
     "birth?\nPatient: {name:a} {dob}"),
    ("clinic", "typed", None,
     "Ward {ward} handover: bed {bed} obs stable, NEWS 2, IV abx day 3 of 5. Bed {bed} awaiting OT "
     "assessment. Side room {room} on isolation."),
    ("clinic", "typed", None,
     "Hello,\n\nI'd like to request a copy of my records. My medical record number is {mrn} and you can "
     "reply to {email:a}.\n\nThank you,\n{name:a}"),

    # ============================ helpline ============================
    ("helpline", "live", None,
     "i just need someone to talk to my name's {first:a} i don't really want to give my surname if that's okay"),
    ("helpline", "live", None,
     "i've been feeling like this since about {year} and it's got so much worse since christmas"),
    ("helpline", "live", UK_IE_AU,
     "my social worker is {name:bf} and she said i should ring you lot"),
    ("helpline", "live", None,
     "i haven't slept properly in like {qty} days and i've got the kids and i just i don't know um i keep "
     "thinking it'll get better but then the letters keep coming and i open one and it's another {amount} "
     "and i just put them in the drawer now and i know that's stupid but i can't look at them anymore i "
     "just can't"),
    ("helpline", "live", None,
     "hello you're through to {first:c} at the helpline um can i take your first name or whatever you'd like me to call you"),
    ("helpline", "live", UK_IE_AU,
     "i'm staying at my nan's at {street} for now till i sort something out"),
    ("helpline", "live", None,
     "my ex {first:bm} keeps turning up at the house and i'm scared to answer the door"),
    ("helpline", "live", None,
     "the {bus} doesn't run after {time:eve} so i can't get to the centre for the evening group"),
    ("helpline", "live", None,
     "if we get cut off my number's {phone} you can ring me back on that"),
    ("helpline", "live", None,
     "i'm {age} and my son's {age:kid} and we've been in temporary accommodation for {qty} months"),
    ("helpline", "live", None,
     "it's {first:a} here i spoke to {first:c} last tuesday about the debt thing"),
    ("helpline", "live", None,
     "i'll be frank with you i haven't got much hope left and that bill for {amount} is still sitting there and i've no patience for any of it"),
    ("helpline", "live", None,
     "so {first:bm} said he'd sort the housing benefit out but {first:bm} still hasn't rung me back"),
    ("helpline", "whisper", None,
     "Hi, my name is {name:a}. I'm calling because my landlord, {name:bm}, has changed the locks while I was at work."),
    ("helpline", "whisper", {"UK"},
     "I owe about {amount} on the credit card and another {amount:big} in council tax arrears."),
    ("helpline", "whisper", None,
     "You can email me at {email:a}, but please don't call my home number."),
    ("helpline", "whisper", None,
     "The food bank on {place} is only open on {weekday}s from {time:day}."),
    ("helpline", "whisper", None,
     "My caseworker, {name:b}, gave me this number, and my date of birth is {dob} if you need it."),
    ("helpline", "whisper", None,
     "I'm at {street}, {zip}. It's the one with the blue door."),
    ("helpline", "whisper", None,
     "The chat said I was number {small} in the queue, and that was {qty} minutes ago."),
    ("helpline", "typed", None,
     "Caller ({first:a}) disclosed ongoing DA from ex-partner {name:bm}. Caller currently safe, staying "
     "with sister. Safety plan discussed incl. code word. Agreed safe number {phone} - do NOT leave "
     "voicemail. Police ref {ref} given by caller. Follow-up call booked {date} {time}. No children in "
     "household. Consent to share with IDVA: yes. Caller aware of out-of-hours options and local refuge "
     "line; declined referral to housing options team for now, will reconsider after court date."),
    ("helpline", "typed", None,
     "Shift summary: {qty:big} calls, {qty} webchats. Avg handle time {dur}. 2 safeguarding escalations to "
     "duty manager. Rota v{small} now live on the shared drive."),
    ("helpline", "typed", None,
     "[session opened 21:14, visitor IP {ip}]\nVolunteer: Hi, I'm {first:c}. What would you like to talk about today?\nUser: idk just everything. "
     "school. my dad\nVolunteer: That sounds like a lot. Take your time."),
    ("helpline", "typed", {"IE", "AU"},
     "Hi {first:c},\n\nThanks for yesterday, it really helped. As discussed, my new address is {street}, {city}.\n\n{first:a}"),
    ("helpline", "typed", {"UK"},
     "Debt advice case {case}: priority debts - rent arrears {amount}, energy {amount}; non-priority - "
     "catalogue, BNPL. CFS completed, surplus {amount}/mth. Next appt {date}."),
    ("helpline", "typed", None,
     "Referrer: {name:b} (housing officer)\nClient: {lastfirst:a}\nDOB: {dob}\nContact: {phone}\nSafe to leave msg: N"),

    # ============================ gov ============================
    ("gov", "live", None,
     "yeah my social is uh hold on it's {ssn}"),
    ("gov", "live", None,
     "i sent the form off on {date} and the tracking number was {tracking}"),
    ("gov", "live", None,
     "my driver's license number is {dl} it's a {state} license"),
    ("gov", "live", {"UK"},
     "my council tax account number is {acct} and we're in band c if that helps"),
    ("gov", "live", None,
     "my last payslip was {date:past} and i reckon i earned about {amount:salary} in total for the year before tax"),
    ("gov", "live", None,
     "my passport number is {passport} and it expires in {year:future}"),
    ("gov", "live", None,
     "hi um i'm {ring} for my dad {name:bm} he's got dementia now and i've got power of attorney but "
     "every time i ring up about his pension they say they can only talk to him and he can't really "
     "hold a conversation anymore so i don't know what i'm supposed to do i've sent the paperwork in twice "
     "and both times someone said it's been scanned and it'll be on the system in a few days"),
    ("gov", "live", None,
     "it says my application is at stage {small:lt5} of five and it's been {qty} weeks now"),
    ("gov", "live", None,
     "yeah so the address on the license is {street} {zip}"),
    ("gov", "live", None,
     "my name is {name:a} date of birth {dob}"),
    ("gov", "live", None,
     "the office on {place} told me to ring this number and then this number told me to go to the office"),
    ("gov", "live", None,
     "my email for the portal is {email:a}"),
    ("gov", "live", None,
     "hi it's {first:a} again i rang earlier and i was talking to {first:c} but it cut off"),
    ("gov", "live", None,
     "i'm {ring} about the bins they're meant to come every other {weekday} and they've missed us three weeks running"),
    ("gov", "whisper", None,
     "My Social Security number is {ssn}, and my date of birth is {dob}."),
    ("gov", "whisper", {"UK"},
     "The form's the SA100, the deadline is {date}, but the portal keeps showing error {err}."),
    ("gov", "whisper", None,
     "Passport number {passport}, and I'm travelling on {date}, so it's quite urgent."),
    ("gov", "whisper", None,
     "I'm {name:a}, and I'm calling on behalf of my neighbour, {name:bm}. His Social Security number is {ssn}, I've got his card right here."),
    ("gov", "whisper", None,
     "I'm {age:old}, I've paid in for {qty:career} years, and now I'm being told I'm only entitled to {amount} a week."),
    ("gov", "whisper", None,
     "Driver's license {dl}, address {street}, {city}, {st} {zip}."),
    ("gov", "whisper", None,
     "My daughter's {age:kid}, and the school place letter says we're number {small} on the waiting list."),
    ("gov", "typed", None,
     "Applicant: {lastfirst:a}\nSSN: {ssn}\nDOB: {dob}\nAddress: {street}, {city}, {st} {zip}"),
    ("gov", "typed", None,
     "Case {case} - benefit review. Claim {claim} suspended pending evidence. Next review {date}. "
     "Letter template BR-{small3} sent 2nd class."),
    ("gov", "typed", None,
     "Caller {name:a} req'd update to address. Verified via DOB {dob}. New addr {street}. Conf email sent to {email:a}."),
    ("gov", "typed", {"UK"},
     "Citizen: my driving licence renewal still hasn't come\nAgent: Sorry to hear that. Can you confirm "
     "your postcode please?\nCitizen: {zip}"),
    ("gov", "typed", None,
     "Portal outage {ticket}. Affected: web v{version}, build {build}. Users see error {err} on submit. "
     "Workaround: clear cache. Resolved {time}."),
    ("gov", "typed", None,
     "To whom it may concern,\n\nMy IP address {ip} has been blocked from the online portal since {date}. "
     "My username is my email, {email:a}.\n\nRegards,\n{name:a}"),
    ("gov", "typed", None,
     "Passport renewal status: applicant {name:a}, passport no. {passport}, return mail tracking "
     "{tracking}. Expedited fee paid."),

    # ============================ insurance ============================
    ("insurance", "live", None,
     "i need to make a claim my name is {name:af} and the policy holder is my husband {name:bm}"),
    ("insurance", "live", None,
     "the claim number is {claim} and they said it'd be {qty} working days"),
    ("insurance", "live", None,
     "uh the other driver's name was {name:bm} and the number he gave me was {phone}"),
    ("insurance", "live", None,
     "it was on the {road} near the {fuel} garage at about {time}"),
    ("insurance", "live", None,
     "my date of birth is {dob} and the {zipword} is {zip}"),
    ("insurance", "live", None,
     "the card i want to pay the excess with is {cc}"),
    ("insurance", "live", None,
     "the car's a {year} ford focus and the excess is {amount}"),
    ("insurance", "live", None,
     "the house is {street} and it's the kitchen ceiling that's come down um it was the bath upstairs "
     "the seal's gone or something and it's been leaking for god knows how long and then last night the "
     "whole lot just came through onto the table and there's plaster everywhere and the lights aren't "
     "working in there now so i didn't know if i'm meant to get an electrician out first or wait for the assessor"),
    ("insurance", "live", None,
     "you can get me on {phone} or email {email:a}"),
    ("insurance", "live", None,
     "the water was about {small} inches deep and the quote for the floor came to {amount:big}"),
    ("insurance", "live", None,
     "hi yeah i'm {ring} about my {mum}'s policy her name's {name:bf} she's in hospital at the moment"),
    ("insurance", "live", None,
     "my customer number is {acct} it's on the renewal letter"),
    ("insurance", "live", None,
     "i've been with you {qty:years} years and the renewal's gone up {pct} it's ridiculous"),
    ("insurance", "whisper", None,
     "Hi, I'm {name:a}, and the assessor, {name:b}, was meant to come out on Thursday."),
    ("insurance", "whisper", {"UK", "IE"},
     "The claim reference is {claim}, and the repair estimate was {amount:big} plus VAT."),
    ("insurance", "whisper", {"CA"},
     "My date of birth is {dob}, and my postal code is {zip}."),
    ("insurance", "whisper", None,
     "The dashcam app's on version {version}, and the clip's timestamped {time}."),
    ("insurance", "whisper", None,
     "Please pay the settlement into {iban}, that's my current account."),
    ("insurance", "whisper", None,
     "The other driver was {name:b}, license number {dl}, out of {state}."),
    ("insurance", "typed", None,
     "FNOL: PH {name:a} reported RTC {date} approx {time} on the {road}. TP vehicle pulled out of side "
     "road. TP {name:b}, TP tel {phone}. No injuries reported. Claim {claim} opened. Courtesy car auth'd "
     "14 days. Photos to follow by email."),
    ("insurance", "typed", None,
     "Renewal quote {ref}: premium {amount:big} (+{pct} YoY), excess {amount}, NCD 5 yrs protected. Quote valid until {date}."),
    ("insurance", "typed", None,
     "Dear {first:c},\n\nPlease find attached the photos of the damage. The property is at {street}, "
     "{city} {zip}.\n\nBest wishes,\n{name:a}\n{phone}"),
    ("insurance", "typed", None,
     "Customer: can i pay the excess by card\nAgent: Yes, but please don't type your card number in the "
     "chat. I'll give you a call.\nCustomer: ok my number is {phone}"),
    ("insurance", "typed", None,
     "Policy admin release: build {build} deployed, fix for rating error {err}, affects quotes created "
     "after {date}. Trace id {guid}."),
    ("insurance", "typed", None,
     "Name: {name:a}\nDOB: {dob}\nEmail: {email:a}\nRefund to: routing {aba}, acct {bank}"),
    ("insurance", "typed", None,
     "Glass claim {claim}: windscreen chip, 2019 Toyota Corolla, mileage {qty:k},000. Est. {amount:mid}. "
     "Supplier job {order} booked {date}."),
]


# ---------------------------------------------------------------------------
# realisation
# ---------------------------------------------------------------------------
def frame_slots(tmpl):
    return [m.group(1) for m in SLOT_RE.finditer(tmpl)]


def frame_countries(frame):
    _, _, countries, tmpl = frame
    allowed = set(countries) if countries else set(COUNTRIES)
    for s in frame_slots(tmpl):
        if s in SLOT_COUNTRIES:
            allowed &= SLOT_COUNTRIES[s]
    assert allowed, tmpl
    return allowed


def frame_is_negative(frame):
    return not any(s in ENTITY_SLOTS for s in frame_slots(frame[3]))


def realise(frame, ctx):
    tmpl = frame[3]
    pieces = []
    pos = 0
    for m in SLOT_RE.finditer(tmpl):
        pieces.append(tmpl[pos:m.start()])
        name, key = m.group(1), m.group(2)
        gen = GENERATORS[name]
        ck = (name, key)
        # keyed street/phone/account slots repeat the same value; on every
        # other slot the key is a modifier (person id, range, tense ...)
        if key and name in CACHED_SLOTS and ck in ctx.cache:
            out = ctx.cache[ck]
        else:
            out = gen(ctx, key)
            if key and name in CACHED_SLOTS:
                ctx.cache[ck] = out
        if isinstance(out, list):
            pieces.extend(out)
        else:
            pieces.append(out)
        pos = m.end()
    pieces.append(tmpl[pos:])
    for k in range(1, len(pieces)):
        a, b = pieces[k - 1], pieces[k]
        if isinstance(a, str) and isinstance(b, str) and a.endswith(".") and b.startswith("."):
            pieces[k] = b[1:]
    text = ""
    ents = []
    for p in pieces:
        if isinstance(p, Ent):
            start = len(text)
            text += p.text
            ents.append((p, start, len(text)))
        else:
            text += p
    return text, ents


def check_entity(ent, text, start, end):
    assert text[start:end] == ent.text, (text, start, end, ent.text)
    assert ent.text == ent.text.strip() and ent.text, repr(ent.text)
    assert ent.type in ENTITY_TYPES, ent.type
    # the span may not be glued to neighbouring word characters
    if start > 0:
        assert not text[start - 1].isalnum(), (text, ent.text)
    if end < len(text):
        assert not text[end].isalnum(), (text, ent.text)
    if ent.check == "alnum":
        if ent.spoken:
            got = decode_number_words(ent.text)
        else:
            got = alnum(ent.text)
        assert got == alnum(ent.canon), (ent.type, ent.text, got, ent.canon)
    elif ent.check == "email":
        got = decode_email_words(ent.text) if ent.spoken else ent.text
        assert got == ent.canon, (ent.text, got, ent.canon)
        assert re.fullmatch(r"[a-z0-9._-]+@[a-z0-9-]+(\.[a-z0-9-]+)+", ent.canon), ent.canon
    elif ent.check == "ip":
        if ent.spoken:
            octs = re.split(r" (?:dot|point) ", ent.text)
            got = ".".join(str(int(decode_number_words(o))) for o in octs)
        else:
            got = str(ipaddress.ip_address(ent.text))
        assert got == ent.canon, (ent.text, got, ent.canon)
    # type-specific validity of the canonical value
    c = ent.canon
    if ent.type == "US_SSN":
        assert ssn_ok(c), c
    elif ent.type == "CREDIT_CARD":
        assert luhn_ok(c) and card_issuer_ok(c), c
    elif ent.type == "IBAN_CODE":
        assert iban_ok(c), c
    elif ent.type == "ABA_ROUTING_NUMBER":
        assert aba_ok(c), c
    elif ent.type == "MEDICAL_RECORD_NUMBER" and len(c) == 10 and c.isdigit():
        assert nhs_ok(c), c
    elif ent.type == "PERSON":
        assert not re.match(r"(?i)(mr|mrs|ms|dr|doctor|officer)\b", ent.text), ent.text
        assert not ent.text.endswith("'s"), ent.text


def check_style(style, text):
    if style == "live":
        assert re.fullmatch(r"[a-z' ]+", text), text
        assert "  " not in text, text


def allocate(rng):
    """Frame -> number of uses: 20 negative and 30 positive per domain."""
    uses = {}
    for dom in DOMAINS:
        idx = [i for i, f in enumerate(FRAMES) if f[0] == dom]
        neg = [i for i in idx if frame_is_negative(FRAMES[i])]
        pos = [i for i in idx if not frame_is_negative(FRAMES[i])]
        for group, total in ((neg, NEG_PER_DOMAIN), (pos, POS_PER_DOMAIN)):
            order = list(group)
            rng.shuffle(order)
            base, rem = divmod(total, len(order))
            for k, i in enumerate(order):
                uses[i] = base + (1 if k < rem else 0)
                assert 1 <= uses[i] <= MAX_USES_PER_FRAME, (dom, uses[i])
    return uses


def build():
    rng = random.Random(SEED)
    assert len(set(f[3] for f in FRAMES)) == len(FRAMES), "duplicate frame"
    for f in FRAMES:
        assert f[0] in DOMAINS and f[1] in ("live", "whisper", "typed"), f
        for s in frame_slots(f[3]):
            assert s in GENERATORS, s
    uses = allocate(rng)
    jobs = []
    for i, n in sorted(uses.items()):
        for u in range(n):
            jobs.append((i, u))
    # assign caller countries: most constrained first, least-used country
    order = list(range(len(jobs)))
    rng.shuffle(order)
    order.sort(key=lambda j: len(frame_countries(FRAMES[jobs[j][0]])))
    load = Counter({c: 0 for c in COUNTRIES})
    country_of = {}
    for j in order:
        allowed = sorted(frame_countries(FRAMES[jobs[j][0]]))
        low = min(load[c] for c in allowed)
        cands = [c for c in allowed if load[c] == low]
        c = rng.choice(cands)
        country_of[j] = c
        load[c] += 1

    records = []
    for j, (fi, u) in enumerate(jobs):
        frame = FRAMES[fi]
        domain, style = frame[0], frame[1]
        for attempt in range(20):
            ctx = Ctx(rng, country_of[j], style, domain)
            text, ents = realise(frame, ctx)
            if text not in {r["text"] for r in records}:
                break
        check_style(style, text)
        for ent, s, e in ents:
            check_entity(ent, text, s, e)
        if frame_is_negative(frame):
            assert not ents
        else:
            assert ents
        records.append({
            "frame": fi,
            "country": country_of[j],
            "style_detail": style,
            "domain": domain,
            "style": "typed" if style == "typed" else "asr",
            "text": text,
            "entities": [{"type": e.type, "start": s, "end": t, "text": e.text,
                          "spoken": bool(e.spoken)} for e, s, t in ents],
        })
    rng.shuffle(records)
    out = []
    for n, r in enumerate(records):
        out.append((r, {
            "id": "%s-%03d" % (SPLIT, n),
            "split": SPLIT,
            "domain": r["domain"],
            "style": r["style"],
            "text": r["text"],
            "entities": r["entities"],
        }))
    return out


def summarise(pairs):
    recs = [p[1] for p in pairs]
    meta = [p[0] for p in pairs]
    ent_types = Counter(e["type"] for r in recs for e in r["entities"])
    spoken = Counter("spoken" if e["spoken"] else "not spoken" for r in recs for e in r["entities"])
    neg = sum(1 for r in recs if not r["entities"])
    print("utterances:", len(recs))
    print("negatives (no entity):", neg, "(%.1f%%)" % (100.0 * neg / len(recs)))
    print("entities:", sum(ent_types.values()))
    for t in ENTITY_TYPES:
        print("  %-22s %d" % (t, ent_types.get(t, 0)))
    print("entity spoken flag:", dict(spoken))
    print("style:", dict(Counter(r["style"] for r in recs)),
          "detail:", dict(Counter(m["style_detail"] for m in meta)))
    print("domain:", dict(Counter(r["domain"] for r in recs)))
    print("caller country:", dict(Counter(m["country"] for m in meta)))
    print("frames used:", len(set(m["frame"] for m in meta)),
          "max uses per frame:", max(Counter(m["frame"] for m in meta).values()))
    lens = [len(r["text"].split()) for r in recs]
    print("utterances with 60-120 words:", sum(1 for n in lens if 60 <= n <= 120),
          "max words:", max(lens))
    print("max entities in one utterance:", max(len(r["entities"]) for r in recs))


def main():
    pairs = build()
    recs = [p[1] for p in pairs]
    assert len(recs) == 300
    assert len(set(r["text"] for r in recs)) == len(recs), "duplicate text"
    with open(OUT_PATH, "w", encoding="utf-8", newline="\n") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    # re-read and re-verify what was written
    with open(OUT_PATH, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            assert list(r) == ["id", "split", "domain", "style", "text", "entities"]
            for e in r["entities"]:
                assert list(e) == ["type", "start", "end", "text", "spoken"]
                assert r["text"][e["start"]:e["end"]] == e["text"]
    summarise(pairs)
    print("wrote", OUT_PATH)


if __name__ == "__main__":
    main()
