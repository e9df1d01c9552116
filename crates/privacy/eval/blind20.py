#!/usr/bin/env python3
"""Generator for the blind20 PII evaluation set (public services and care).

Running `python3 blind20.py` rewrites blind20.jsonl next to this script,
identically each time (fixed seed, standard library only).
"""
import json
import os
import random
import re
import unicodedata
from collections import Counter

SEED = 20_200_517
rng = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "blind20.jsonl")
N_TOTAL = 300
N_NEG = 120

# ---------------------------------------------------------------------------
# number words
# ---------------------------------------------------------------------------
UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
UNIT_I = {w: i for i, w in enumerate(UNITS)}
UNIT_I["oh"] = 0
TEEN_I = {w: i + 10 for i, w in enumerate(TEENS)}
TENS_I = {w: i for i, w in enumerate(TENS) if w}
NUMWORDS = set(UNIT_I) | set(TEEN_I) | set(TENS_I) | {"hundred", "thousand", "double", "triple"}
ORD_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9}
ORD_TEENS = {"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
             "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
             "nineteenth": 19, "twentieth": 20, "thirtieth": 30}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MONTH_I = {m.lower(): i + 1 for i, m in enumerate(MONTHS)}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def card(n, use_and=True):
    """Cardinal words for 0..9999."""
    if n < 10:
        return UNITS[n]
    if n < 20:
        return TEENS[n - 10]
    if n < 100:
        t, u = divmod(n, 10)
        return TENS[t] + ("" if u == 0 else " " + UNITS[u])
    if n < 1000:
        h, r = divmod(n, 100)
        if r == 0:
            return UNITS[h] + " hundred"
        return UNITS[h] + " hundred " + ("and " if use_and else "") + card(r)
    th, r = divmod(n, 1000)
    s = card(th) + " thousand"
    if r == 0:
        return s
    if r < 100:
        return s + " and " + card(r)
    return s + " " + card(r, use_and)


def ordinal(n):
    special = {1: "first", 2: "second", 3: "third", 5: "fifth", 8: "eighth", 9: "ninth",
               12: "twelfth"}
    if n in special:
        return special[n]
    if n < 20:
        return card(n) + "th"
    t, u = divmod(n, 10)
    if u == 0:
        return TENS[t][:-1] + "ieth"
    return TENS[t] + " " + ordinal(u)


def dwords(s, zero=None, doubles=True):
    """Digit-by-digit reading of a digit string, with 'oh' and 'double'."""
    zw = zero or rng.choice(["oh", "oh", "zero"])
    out = []
    i = 0
    while i < len(s):
        d = s[i]
        w = zw if d == "0" else UNITS[int(d)]
        if doubles and i + 2 < len(s) and s[i + 1] == d and s[i + 2] == d and rng.random() < 0.5:
            out.append("triple " + w)
            i += 3
            continue
        if doubles and i + 1 < len(s) and s[i + 1] == d and rng.random() < 0.55:
            out.append("double " + w)
            i += 2
            continue
        out.append(w)
        i += 1
    return " ".join(out)


def group_words(g, last=True):
    """Read a digit group; occasionally as 'nine hundred' style when it fits."""
    if not last:
        return dwords(g)
    if len(g) == 3 and g[0] != "0" and g.endswith("00") and rng.random() < 0.6:
        return card(int(g))
    if len(g) == 4 and g[0] != "0" and g[2:] == "00" and rng.random() < 0.5:
        return card(int(g[:2])) + " hundred"
    return dwords(g)


def year_words(y):
    if 2000 <= y <= 2009:
        return rng.choice(["two thousand and ", "two thousand "]) + UNITS[y - 2000] if y > 2000 else "two thousand"
    if 2010 <= y <= 2029:
        if rng.random() < 0.5:
            return "twenty " + card(y - 2000)
        return rng.choice(["two thousand and ", "two thousand "]) + card(y - 2000)
    hi, lo = divmod(y, 100)
    if lo == 0:
        return card(hi) + " hundred"
    if lo < 10:
        return card(hi) + " oh " + UNITS[lo]
    return card(hi) + " " + card(lo)


def house_words(n):
    if n < 100:
        return card(n)
    if n < 1000:
        h, r = divmod(n, 100)
        style = rng.random()
        if style < 0.2:
            return dwords(str(n), zero="oh", doubles=False)
        if r == 0:
            return card(n)
        if r < 10:
            return UNITS[h] + " oh " + UNITS[r]
        if style < 0.35:
            return card(n, use_and=rng.random() < 0.5)
        return UNITS[h] + " " + card(r)
    hi, lo = divmod(n, 100)
    if rng.random() < 0.25:
        return dwords(str(n), zero="oh", doubles=False)
    if lo == 0:
        return card(hi) + " hundred"
    if lo < 10:
        return card(hi) + " oh " + UNITS[lo]
    return card(hi) + " " + card(lo)


# ---------------------------------------------------------------------------
# decoders (used to re-validate every spoken value)
# ---------------------------------------------------------------------------
def _is_small(t):
    return t in TENS_I or t in TEEN_I or t in UNIT_I


def _parse_small(toks, i):
    t = toks[i]
    if t in TENS_I:
        v = TENS_I[t] * 10
        i += 1
        if i < len(toks) and toks[i] in UNIT_I and toks[i] not in ("oh", "zero"):
            v += UNIT_I[toks[i]]
            i += 1
        return v, i
    if t in TEEN_I:
        return TEEN_I[t], i + 1
    if t in UNIT_I:
        return UNIT_I[t], i + 1
    raise ValueError("not a number word: %r" % t)


def _parse_lt1000(toks, i):
    v, i = _parse_small(toks, i)
    if toks[i:i + 1] == ["hundred"]:
        v *= 100
        i += 1
        if toks[i:i + 1] == ["and"]:
            i += 1
        if i < len(toks) and _is_small(toks[i]) and toks[i] not in ("oh", "zero"):
            r, i = _parse_small(toks, i)
            v += r
    return v, i


def _parse_chunk(toks, i):
    t = toks[i]
    if t in ("double", "triple"):
        n = 2 if t == "double" else 3
        nxt = toks[i + 1]
        if nxt in UNIT_I:
            return str(UNIT_I[nxt]) * n, i + 2
        if len(nxt) == 1 and nxt.isalpha():
            return nxt.upper() * n, i + 2
        raise ValueError(nxt)
    v, i = _parse_lt1000(toks, i)
    if toks[i:i + 1] == ["thousand"]:
        v *= 1000
        i += 1
        if toks[i:i + 1] == ["and"]:
            i += 1
        if i < len(toks) and _is_small(toks[i]) and toks[i] not in ("oh", "zero"):
            r, i = _parse_lt1000(toks, i)
            v += r
    return str(v), i


def _toks(words):
    return re.sub(r"[-,.]", " ", words.lower()).split()


def decode_num(words):
    toks = _toks(words) if isinstance(words, str) else words
    toks = [t for t in toks if t != "plus"]
    out, i = "", 0
    while i < len(toks):
        s, i = _parse_chunk(toks, i)
        out += s
    return out


def decode_alnum(words):
    toks = _toks(words)
    out, i = "", 0
    while i < len(toks):
        t = toks[i]
        if len(t) == 1 and t.isalpha():
            out += t.upper()
            i += 1
        elif t in ("double", "triple") and len(toks[i + 1]) == 1 and toks[i + 1].isalpha():
            out += toks[i + 1].upper() * (2 if t == "double" else 3)
            i += 2
        else:
            s, i = _parse_chunk(toks, i)
            out += s
    return out


def decode_email(words):
    toks = words.lower().split()
    out, i = "", 0
    while i < len(toks):
        t = toks[i]
        if t == "dot":
            out += "."
        elif t == "at":
            out += "@"
        elif t == "underscore":
            out += "_"
        elif t in ("dash", "hyphen"):
            out += "-"
        elif t in NUMWORDS:
            j = i
            while j < len(toks) and (toks[j] in NUMWORDS or (toks[j] == "and" and j > i)):
                j += 1
            out += decode_num(toks[i:j])
            i = j
            continue
        else:
            out += t
        i += 1
    return out


def decode_ip(words):
    return ".".join(decode_num(p) for p in words.lower().split(" dot "))


def _parse_ord(toks, i):
    t = toks[i]
    if t in TENS_I and i + 1 < len(toks) and toks[i + 1] in ORD_UNITS:
        return TENS_I[t] * 10 + ORD_UNITS[toks[i + 1]], i + 2
    if t in ORD_UNITS:
        return ORD_UNITS[t], i + 1
    if t in ORD_TEENS:
        return ORD_TEENS[t], i + 1
    v, j = _parse_small(toks, i)
    return v, j


def decode_date(words):
    toks = [t for t in _toks(words) if t not in ("the", "of")]
    mi = next(i for i, t in enumerate(toks) if t in MONTH_I)
    month = MONTH_I[toks[mi]]
    if mi > 0:
        day, j = _parse_ord(toks, 0)
        assert j == mi, words
        rest = toks[mi + 1:]
    else:
        day, j = _parse_ord(toks, 1)
        rest = toks[j:]
    year = decode_num(rest)
    return day, month, year


def check_date(words, d, m, y):
    dd, mm, yy = decode_date(words)
    assert (dd, mm) == (d, m), (words, d, m, y)
    assert yy == str(y) or (len(yy) == 2 and yy == str(y)[2:]), (words, y, yy)


def norm(s):
    return re.sub(r"[^0-9A-Za-z]", "", s).upper()


# ---------------------------------------------------------------------------
# checksums
# ---------------------------------------------------------------------------
def luhn_ok(num):
    digits = [int(c) for c in num if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(prefix, length):
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1))
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c
    raise AssertionError


def iban_mod(s):
    s = s.replace(" ", "")
    rearr = s[4:] + s[:4]
    num = "".join(str(int(c, 36)) for c in rearr)
    return int(num) % 97


IBAN_LEN = {"GB": 22, "IE": 22, "DE": 22, "FR": 27, "PL": 28, "ES": 24, "NL": 18, "LT": 20}


def make_iban(cc, bban):
    check = 98 - iban_mod(cc + "00" + bban)
    iban = "%s%02d%s" % (cc, check, bban)
    assert iban_ok(iban)
    return iban


def iban_ok(s):
    s = s.replace(" ", "")
    return len(s) == IBAN_LEN[s[:2]] and iban_mod(s) == 1


def aba_ok(r):
    d = [int(c) for c in r]
    if len(d) != 9:
        return False
    pre = int(r[:2])
    if not (1 <= pre <= 12 or 21 <= pre <= 32 or 61 <= pre <= 72 or pre == 80):
        return False
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0


def ssn_ok(s):
    a, g, n = s[:3], s[3:5], s[5:]
    return (a != "000" and a != "666" and not a.startswith("9") and g != "00" and n != "0000")


def nhs_check(nine):
    total = sum(int(c) * (10 - i) for i, c in enumerate(nine))
    c = 11 - total % 11
    if c == 11:
        return 0
    if c == 10:
        return None
    return c


def nhs_ok(s):
    s = re.sub(r"\D", "", s)
    return len(s) == 10 and nhs_check(s[:9]) == int(s[9])


def medicare_au_ok(s):
    s = re.sub(r"\D", "", s)
    if len(s) != 10 or s[0] not in "23456":
        return False
    w = [1, 3, 7, 9, 1, 3, 7, 9]
    return sum(int(a) * b for a, b in zip(s[:8], w)) % 10 == int(s[8]) and s[9] != "0"


NANP_AREA = {"US": ["212", "312", "415", "617", "202", "305", "512", "206", "303", "404", "713",
                    "602", "215", "313", "505", "614", "559", "901", "718", "347", "773", "832",
                    "857", "470"],
             "CA": ["416", "647", "604", "514", "438", "403", "613", "902", "204", "306", "780",
                    "587", "431"]}


def nanp_ok(digits):
    npa, nxx = digits[:3], digits[3:6]
    return (npa[0] in "23456789" and npa[1:] != "11" and nxx[0] in "23456789" and nxx[1:] != "11"
            and nxx != "555" and len(digits) == 10)


# ---------------------------------------------------------------------------
# data pools
# ---------------------------------------------------------------------------
NAMES = {
    "english": ("Oliver:m Sophie:f Jack:m Emily:f Margaret:f Harold:m Doreen:f Gary:m Kerry:f "
                "Tom:m Rebecca:f Daniel:m Shirley:f Kevin:m Chloe:f Stephen:m Brenda:f Wayne:m "
                "Joan:f Dennis:m Tracey:f Cody:m Brittany:f Dwayne:m",
                "Bennett Clarke Thompson Harris Fletcher Pearson Whitaker Holloway Barker Simmons "
                "Atkinson Lowe Reynolds Cooper Dawson Hughes"),
    "scottish": ("Callum:m Eilidh:f Fiona:f Hamish:m Morag:f Ewan:m Kirsty:f Angus:m Isla:f",
                 "McLeod Fraser MacDonald Ross Campbell Sinclair Munro McAllister Drummond"),
    "irish": ("Aoife:f Ciarán:m Niamh:f Pádraig:m Sinéad:f Oisín:m Siobhán:f Declan:m Gráinne:f "
              "Seán:m Bríd:f Cathal:m Róisín:f Eoin:m",
              "Byrne Doyle Gallagher O'Sullivan Kavanagh Walsh Brennan McNamara Fitzgerald "
              "Ó Ceallaigh Moriarty Nolan Whelan"),
    "hispanic": ("María:f José:m Lucía:f Carlos:m Guadalupe:f Alejandro:m Ximena:f Jorge:m "
                 "Marisol:f Luis:m Yesenia:f",
                 "González Ramírez Hernández Mendoza Torres Castillo Ochoa Villalobos Rivera "
                 "Delgado"),
    "south_asian": ("Priya:f Arjun:m Fatima:f Mohammed:m Harpreet:f Sanjay:m Anjali:f Rukhsana:f "
                    "Imran:m Deepa:f Gurpreet:m Nasreen:f",
                    "Sharma Patel Begum Iqbal Kaur Gupta Nair Akhtar Chaudhry Rahman Sandhu "
                    "Hussain"),
    "east_asian": ("Wei:m Mei Ling:f Hiroshi:m Ji-woo:f Minh:m Thi Lan:f Yuki:f Jun:m "
                   "Xiaoming:m Hana:f",
                   "Zhang Chen Tanaka Park Nguyen Tran Sato Wong Liu Kim"),
    "african": ("Kwame:m Chiamaka:f Oluwaseun:m Amara:f Tendai:m Abebe:m Nomvula:f Kofi:m "
                "Adaeze:f Fatoumata:f Blessing:f Emeka:m",
                "Mensah Okafor Adeyemi Diallo Moyo Tesfaye Dlamini Asante Nwosu Kamara Owusu"),
    "east_european": ("Katarzyna:f Piotr:m Oleksandr:m Ioana:f Dmitri:m Agnieszka:f Jana:f "
                      "Tomasz:m Irina:f Marek:m",
                      "Nowak Kowalski Shevchenko Popescu Volkov Wiśniewska Novák Zieliński "
                      "Horvat Kaczmarek"),
    "indigenous": ("Aroha:f Wiremu:m Mere:f Hemi:m Anahera:f Jarrah:m Kirra:f Marlee:f Jedda:f "
                   "Tama:m Lowanna:f",
                   "Ngata Tipene Parata Rangi Tawhiri Mundine Yunupingu Wanganeen Tjapaltjarri "
                   "Walker Te Huia"),
    "arabic": ("Omar:m Layla:f Youssef:m Noor:f Rania:f Ahmed:m Khalid:m Samira:f",
               "Haddad Al-Masri Khalil Hussein Saleh Farouk Mansour Abdullah"),
    "french_ca": ("Émilie:f Jean-François:m Mathieu:m Geneviève:f Luc:m Sylvie:f Marc-André:m "
                  "Chantal:f Réjean:m",
                  "Tremblay Gagnon Bouchard Côté Pelletier Lavoie Bélanger Gauthier Ouellet"),
}
POOLS = {}
for _k, (_g, _s) in NAMES.items():
    givens = [tuple(x.split(":")) for x in re.findall(r"[^\s:]+(?: [A-Z][a-z]+)?:[mf]", _g)]
    surn = re.findall(r"(?:Ó |Te )?[^\s]+", _s)
    POOLS[_k] = ([(n.strip(), g) for n, g in givens], surn)

COUNTRY_WEIGHTS = {
    "UK": {"english": 3, "scottish": 1, "irish": 1, "south_asian": 2, "african": 1.5,
           "east_european": 1.5, "arabic": 1, "east_asian": 0.7, "hispanic": 0.3},
    "IE": {"irish": 4, "english": 0.6, "east_european": 1.5, "african": 1, "south_asian": 0.8,
           "arabic": 0.4, "east_asian": 0.5, "hispanic": 0.4},
    "US": {"english": 2.5, "hispanic": 2.5, "african": 1.3, "south_asian": 1, "east_asian": 1.2,
           "arabic": 0.6, "east_european": 0.6, "irish": 0.5},
    "CA": {"english": 2, "french_ca": 2.2, "south_asian": 1.5, "east_asian": 1.3, "african": 0.8,
           "arabic": 0.8, "hispanic": 0.4, "scottish": 0.5},
    "AU": {"english": 2.5, "indigenous": 1.8, "east_asian": 1.2, "south_asian": 1,
           "east_european": 0.5, "arabic": 0.7, "african": 0.5, "scottish": 0.4, "irish": 0.5},
}
KIDS = ["tyler", "jayden", "chloe", "amelia", "mo", "kai", "zara", "leon", "aaliyah", "oskar",
        "riley", "maddison", "jaxon", "amir", "leah", "nevaeh", "harvey", "ruby", "tayla",
        "mia", "darcy", "precious", "kayden", "sid", "ellie", "tamati", "brooklyn", "yusuf",
        "freya", "lachlan", "destiny", "connor"]
NICKS = ["maggie", "bobby", "lexi", "jonno", "shaz", "gaz", "deb", "bev", "tash", "benji",
         "kenny", "mel", "robbo", "trish", "nan"]

LOCALES = {
    "US": [("Boston", "MA", "02119"), ("Chicago", "IL", "60623"), ("Houston", "TX", "77004"),
           ("Atlanta", "GA", "30310"), ("Phoenix", "AZ", "85008"), ("Seattle", "WA", "98118"),
           ("Philadelphia", "PA", "19143"), ("Detroit", "MI", "48206"),
           ("Albuquerque", "NM", "87105"), ("Columbus", "OH", "43206"), ("Fresno", "CA", "93701"),
           ("Memphis", "TN", "38106"), ("Brooklyn", "NY", "11212"), ("Miami", "FL", "33147")],
    "CA": [("Winnipeg", "MB", "R3T 2N2"), ("Toronto", "ON", "M6H 3Z5"),
           ("Montréal", "QC", "H2X 1Y4"), ("Vancouver", "BC", "V5L 3X7"),
           ("Calgary", "AB", "T2E 6K8"), ("Halifax", "NS", "B3K 5L2"), ("Ottawa", "ON", "K1N 7B7"),
           ("Regina", "SK", "S4T 2A1")],
    "UK": [("Manchester", "", "M14 5TY"), ("Leeds", "", "LS6 2QR"), ("Birmingham", "", "B11 3AE"),
           ("Cardiff", "", "CF24 4HQ"), ("Glasgow", "", "G31 2XT"), ("Edinburgh", "", "EH7 5QH"),
           ("Bristol", "", "BS5 6EF"), ("Newcastle", "", "NE6 1SA"), ("Liverpool", "", "L8 2TU"),
           ("London", "", "SW9 8EJ"), ("London", "", "E17 4PP"), ("Nottingham", "", "NG7 2NR"),
           ("Sheffield", "", "S10 2GW"), ("Belfast", "", "BT12 6HE")],
    "IE": [("Dublin 8", "", "D08 XY29"), ("Cork", "", "T12 K8AF"), ("Galway", "", "H91 E2K3"),
           ("Limerick", "", "V94 T9PX"), ("Dundalk", "", "A91 HX27"), ("Waterford", "", "X91 R6CW"),
           ("Sligo", "", "F91 NW4C"), ("Dublin 15", "", "D15 YK26")],
    "AU": [("Parramatta", "NSW", "2150"), ("Footscray", "VIC", "3011"),
           ("Logan Central", "QLD", "4114"), ("Elizabeth", "SA", "5112"), ("Midland", "WA", "6056"),
           ("Darwin", "NT", "0800"), ("Dubbo", "NSW", "2830"), ("Launceston", "TAS", "7250"),
           ("Alice Springs", "NT", "0870")],
}
STREETS = {
    "UK": [("High", "Street"), ("Church", "Road"), ("Albert", "Road"), ("Victoria", "Street"),
           ("Station", "Road"), ("Mill", "Lane"), ("Wellington", "Crescent"), ("Beech", "Grove"),
           ("Cavendish", "Close"), ("Stanley", "Terrace"), ("Granby", "Street"), ("Moss", "Lane"),
           ("Ladypool", "Road"), ("Heathfield", "Avenue")],
    "IE": [("Main", "Street"), ("Griffith", "Avenue"), ("Harbour", "View"), ("Castle", "Street"),
           ("Bridge", "Street"), ("Parnell", "Road"), ("Oliver Plunkett", "Street"),
           ("Dominick", "Street"), ("Convent", "Road"), ("Ballyfermot", "Road")],
    "US": [("Maple", "Avenue"), ("Oak", "Street"), ("Cedar", "Lane"), ("Elm", "Street"),
           ("Lincoln", "Way"), ("Sunset", "Drive"), ("Birch", "Boulevard"), ("Magnolia", "Court"),
           ("Peachtree", "Road"), ("Lakeview", "Terrace"), ("Willow", "Drive"),
           ("Hillcrest", "Avenue"), ("Martin Luther King Jr", "Boulevard"),
           ("Cesar Chavez", "Avenue"), ("Pine", "Street")],
    "CA": [("Portage", "Avenue"), ("Sherbrooke", "Street"), ("Jasper", "Avenue"),
           ("Dundas", "Street"), ("Bloor", "Street"), ("Robson", "Street"),
           ("Spring Garden", "Road"), ("Gladstone", "Avenue"), ("Albert", "Street"),
           ("Maple Leaf", "Crescent")],
    "AU": [("Wattle", "Street"), ("Banksia", "Crescent"), ("Smith", "Street"), ("Bourke", "Road"),
           ("Jacaranda", "Avenue"), ("Kurrajong", "Drive"), ("Cavenagh", "Street"),
           ("Gouger", "Street"), ("Railway", "Parade"), ("Waratah", "Close")],
}
ABBR = {"Street": "St", "Road": "Rd", "Avenue": "Ave", "Boulevard": "Blvd", "Drive": "Dr",
        "Lane": "Ln", "Crescent": "Cres", "Court": "Ct", "Terrace": "Tce", "Parade": "Pde",
        "Close": "Cl", "Way": "Way", "Grove": "Gr", "View": "View"}
EMAIL_DOMAINS = {
    "UK": ["gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com", "yahoo.co.uk"],
    "IE": ["gmail.com", "eircom.net", "hotmail.com", "icloud.com"],
    "US": ["gmail.com", "yahoo.com", "aol.com", "outlook.com", "icloud.com"],
    "CA": ["gmail.com", "hotmail.ca", "videotron.ca", "shaw.ca"],
    "AU": ["gmail.com", "bigpond.com", "outlook.com.au", "optusnet.com.au"],
}
DL_FORMATS = {"CA": "L7", "NY": "D9s", "TX": "D8", "FL": "FL", "IL": "IL", "PA": "PA",
              "WA": "WA", "GA": "D9", "AZ": "L8", "MA": "S8", "MI": "MI", "OH": "OH",
              "TN": "D9", "NM": "D9"}
DRUGS = ["sertraline", "metformin", "amlodipine", "omeprazole", "citalopram", "ramipril",
         "gabapentin", "levothyroxine", "atorvastatin", "quetiapine", "melatonin", "prednisolone"]
PETS = ["biscuit", "milo", "bella", "luna", "poppy", "max", "rocky", "alfie", "pepper",
        "ziggy", "coco", "tilly"]


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def raw_name(s):
    return ascii_fold(s).lower().replace("-", " ")


def rdig(n, first_nonzero=False):
    s = "".join(str(rng.randrange(10)) for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = str(rng.randrange(1, 10)) + s[1:]
    return s


LET_NO_O = "ABCDEFGHJKLMNPRSTUVWXYZ"


# ---------------------------------------------------------------------------
# rendering context and value generators
# ---------------------------------------------------------------------------
class Ctx:
    def __init__(self, country, sub):
        self.C = country
        self.sub = sub  # R = raw lower-case ASR, W = whisper-style ASR, T = typed
        self.people = {}
        self.locale = rng.choice(LOCALES[country])
        self.used_names = set()

    def person(self, tag, gender=None, origin=None):
        if tag not in self.people:
            w = {origin: 1} if origin else COUNTRY_WEIGHTS[self.C]
            keys = sorted(w)
            while True:
                origin = rng.choices(keys, weights=[w[k] for k in keys])[0]
                givens, surns = POOLS[origin]
                cand = [g for g in givens if gender in (None, g[1])]
                first, g = rng.choice(cand)
                last = rng.choice(surns)
                if first not in self.used_names and last not in self.used_names:
                    break
            self.used_names.update([first, last])
            self.people[tag] = {"first": first, "last": last, "g": g}
        return self.people[tag]

    def kid(self, tag):
        if tag not in self.people:
            while True:
                k = rng.choice(KIDS)
                if k not in self.used_names:
                    break
            self.used_names.add(k)
            self.people[tag] = {"first": k, "last": None, "g": None}
        return self.people[tag]


def nm(ctx, s):
    return raw_name(s) if ctx.sub == "R" else s


def spoken_mode(ctx, p_whisper=0.0):
    if ctx.sub == "R":
        return True
    if ctx.sub == "W":
        return rng.random() < p_whisper
    return False


# --- phones ---------------------------------------------------------------
def phone_value(C, kind):
    """Return (typed_text, groups, intl) ; groups are digit groups as spoken."""
    if C in ("US", "CA"):
        while True:
            npa = rng.choice(NANP_AREA[C])
            nxx = str(rng.randrange(2, 10)) + rdig(2)
            line = rdig(4)
            if nanp_ok(npa + nxx + line):
                break
        intl = kind == "intl" or rng.random() < 0.12
        fmt = rng.choice(["({a}) {b}-{c}", "{a}-{b}-{c}", "{a}.{b}.{c}", "{a} {b} {c}",
                          "({a}) {b}-{c}", "{a}-{b}-{c}"])
        txt = fmt.format(a=npa, b=nxx, c=line)
        if intl:
            txt = rng.choice(["+1 {a} {b} {c}", "+1-{a}-{b}-{c}", "1-{a}-{b}-{c}"]).format(
                a=npa, b=nxx, c=line)
            return txt, ["1", npa, nxx, line], txt.startswith("+")
        return txt, [npa, nxx, line], False
    if kind == "any":
        kind = rng.choice(["mobile", "mobile", "landline"])
    intl = kind == "intl" or (kind == "mobile" and rng.random() < 0.15)
    if C == "UK":
        if kind in ("mobile", "intl"):
            body = "7" + rng.choice("45789") + rdig(8)
            if intl:
                return "+44 %s %s" % (body[:4], body[4:]), ["44", body[:4], body[4:]], True
            return rng.choice(["0%s %s", "0%s %s", "0%s%s"]) % (body[:4], body[4:]), \
                ["0" + body[:4], body[4:]], False
        area = rng.choice(["20", "161", "113", "121", "141", "117", "29"])
        if area in ("20", "29"):
            rest = rng.choice("78" if area == "20" else "2") + rdig(7)
            return "0%s %s %s" % (area, rest[:4], rest[4:]), ["0" + area, rest[:4], rest[4:]], False
        rest = str(rng.randrange(2, 10)) + rdig(6)
        return "0%s %s %s" % (area, rest[:3], rest[3:]), ["0" + area, rest[:3], rest[3:]], False
    if C == "IE":
        if kind in ("mobile", "intl"):
            pre = "8" + rng.choice("35679")
            a, b = str(rng.randrange(1, 10)) + rdig(2), rdig(4)
            if intl:
                return "+353 %s %s %s" % (pre, a, b), ["353", pre, a, b], True
            return "0%s %s %s" % (pre, a, b), ["0" + pre, a, b], False
        area = rng.choice(["1", "21", "91", "61"])
        a = str(rng.randrange(2, 10)) + rdig(2)
        b = rdig(4) if area in ("1", "21") else rdig(3)
        return "0%s %s %s" % (area, a, b), ["0" + area, a, b], False
    if C == "AU":
        if kind in ("mobile", "intl"):
            body = "4" + rdig(8)
            if intl:
                return "+61 %s %s %s" % (body[:3], body[3:6], body[6:]), \
                    ["61", body[:3], body[3:6], body[6:]], True
            return "0%s %s %s" % (body[:3], body[3:6], body[6:]), \
                ["0" + body[:3], body[3:6], body[6:]], False
        area, lead = rng.choice([("2", "9"), ("3", "9"), ("8", "8"), ("7", "3")])
        rest = lead + rdig(7)
        return rng.choice(["(0%s) %s %s", "0%s %s %s"]) % (area, rest[:4], rest[4:]), \
            ["0" + area, rest[:4], rest[4:]], False
    raise ValueError(C)


def gen_phone(ctx, kind, country=None):
    C = country or ctx.C
    txt, groups, plus = phone_value(C, kind)
    digits = re.sub(r"\D", "", txt)
    assert "".join(groups) == digits
    if C in ("US", "CA"):
        assert nanp_ok(digits[-10:])
    if spoken_mode(ctx, 0.4):
        words = " ".join(group_words(g, i == len(groups) - 1) for i, g in enumerate(groups))
        if plus:
            words = "plus " + words
        assert decode_num(words) == digits, (words, digits)
        return [(words, "PHONE_NUMBER", True)]
    return [(txt, "PHONE_NUMBER", False)]


# --- dates of birth --------------------------------------------------------
def dob_value(kind):
    if kind == "child":
        y = rng.randint(2008, 2020)
    elif kind == "old":
        y = rng.randint(1928, 1952)
    elif kind == "teen":
        y = rng.randint(2006, 2012)
    else:
        y = rng.randint(1950, 2004)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return d, m, y


def suffix(d):
    if 11 <= d <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


def gen_dob(ctx, kind):
    d, m, y = dob_value(kind)
    C = ctx.C
    us = C in ("US",) or (C == "CA" and rng.random() < 0.5)
    mon = MONTHS[m - 1]
    if spoken_mode(ctx, 0.6):
        yw = year_words(y)
        if ctx.sub == "R" and y < 2000 and rng.random() < 0.25:
            yw = card(y % 100) if y % 100 >= 10 else "oh " + UNITS[y % 10]
        if us:
            dw = ordinal(d) if rng.random() < 0.7 else card(d)
            words = "%s %s %s" % (mon.lower(), dw, yw)
        else:
            words = rng.choice(["%s of %s %s", "%s of %s %s", "%s %s %s"]) % (ordinal(d), mon.lower(), yw)
        if ctx.sub == "W":
            words = words.replace(mon.lower(), mon)
            words = re.sub(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety) "
                           r"(one|two|three|four|five|six|seven|eight|nine|first|second|third|"
                           r"fourth|fifth|sixth|seventh|eighth|ninth)\b", r"\1-\2", words)
        check_date(words, d, m, y)
        return [(words, "DATE_OF_BIRTH", True)]
    if ctx.sub == "W":
        if us:
            fmt = rng.choice(["{M} {d}{s}, {y}", "{M} {d}, {y}", "{m}/{d}/{y}"])
        else:
            fmt = rng.choice(["{d}{s} of {M} {y}", "{d} {M} {y}", "{d}{s} {M} {y}", "{dd}/{mm}/{y}"])
    else:
        if C == "US":
            fmt = rng.choice(["{mm}/{dd}/{y}", "{m}/{d}/{y}", "{M} {d}, {y}", "{y}-{mm}-{dd}",
                              "{mm}-{dd}-{y}", "{m}/{d}/{yy}"])
        elif C == "CA":
            fmt = rng.choice(["{y}-{mm}-{dd}", "{M} {d}, {y}", "{dd}/{mm}/{y}", "{y}/{mm}/{dd}"])
        else:
            fmt = rng.choice(["{dd}/{mm}/{y}", "{dd}/{mm}/{y}", "{dd}.{mm}.{y}", "{d} {Mb} {y}",
                              "{d} {M} {y}", "{dd}-{mm}-{y}", "{d}{s} {M} {y}"])
    txt = fmt.format(d=d, dd="%02d" % d, m=m, mm="%02d" % m, y=y, yy="%02d" % (y % 100),
                     M=mon, Mb=mon[:3], s=suffix(d))
    assert str(d) in txt and (str(y) in txt or "%02d" % (y % 100) in txt)
    return [(txt, "DATE_OF_BIRTH", False)]


# --- addresses -------------------------------------------------------------
def street(ctx):
    base, suf = rng.choice(STREETS[ctx.C])
    if ctx.sub == "R":
        return (base + " " + suf).lower().replace(".", "")
    p = 0.15 if ctx.C in ("UK", "IE") else 0.4
    if ctx.sub == "T" and rng.random() < p:
        suf = ABBR[suf]
    return base + " " + suf


def house_num(C):
    if C in ("US", "CA"):
        return rng.choice([rng.randint(100, 999), rng.randint(1000, 9999), rng.randint(1000, 9999)])
    if C == "AU":
        return rng.randint(1, 240)
    return rng.randint(1, 180)


def gen_addr(ctx, kind):
    C = ctx.C
    n = house_num(C)
    st = street(ctx)
    if ctx.sub == "W" and kind is None and rng.random() < 0.3:
        hw = house_words(n)
        assert decode_num(hw) == str(n), (hw, n)
        return [("%s %s" % (hw, st), "STREET_ADDRESS", True)]
    if ctx.sub == "R":
        hw = house_words(n)
        assert decode_num(hw) == str(n), (hw, n)
        if kind == "flat":
            f = rng.randint(1, 24)
            fw = card(f)
            assert decode_num(fw) == str(f)
            lab = {"AU": "unit", "IE": rng.choice(["apartment", "flat"])}.get(C, "flat")
            txt = "%s %s %s %s" % (lab, fw, hw, st)
        elif kind == "apt":
            f = rng.randint(1, 30)
            fw = card(f)
            assert decode_num(fw) == str(f)
            txt = "%s %s apartment %s" % (hw, st, fw)
        else:
            txt = "%s %s" % (hw, st)
        return [(txt, "STREET_ADDRESS", True)]
    if kind == "flat":
        f = rng.randint(1, 24)
        if C == "AU":
            txt = rng.choice(["Unit %d, %d %s" % (f, n, st), "%d/%d %s" % (f, n, st)])
        elif C == "IE":
            txt = rng.choice(["Apartment %d, %d %s" % (f, n, st), "Apt %d, %d %s" % (f, n, st)])
        else:
            txt = rng.choice(["Flat %d, %d %s" % (f, n, st), "Flat %d %d %s" % (f, n, st),
                              "Flat %d%s, %d %s" % (f, rng.choice("ABC"), n, st)])
    elif kind == "apt":
        f = rng.randint(1, 30)
        if C == "CA":
            txt = rng.choice(["%d-%d %s" % (f, n, st), "Unit %d, %d %s" % (f, n, st)])
        else:
            txt = rng.choice(["%d %s, Apt %d" % (n, st, f), "%d %s Apt %d%s" % (n, st, f, rng.choice("ABCD")),
                              "%d %s #%d" % (n, st, f)])
    else:
        txt = "%d %s" % (n, st)
    return [(txt, "STREET_ADDRESS", False)]


def gen_zip(ctx):
    z = ctx.locale[2]
    C = ctx.C
    if C == "US" and ctx.sub == "T" and rng.random() < 0.25:
        z = z + "-" + rdig(4)
    if spoken_mode(ctx, 0.45):
        parts = []
        compact = z.replace(" ", "")
        if C == "UK" and rng.random() < 0.5:
            # outward digits read as a number, e.g. "m fourteen five t y"
            out, inw = z.split()
            m = re.match(r"([A-Z]+)(\d+)", out)
            parts = [c.lower() for c in m.group(1)] + [card(int(m.group(2)))]
            parts += [UNITS[int(inw[0])]] + [c.lower() for c in inw[1:]]
        elif C == "AU" and rng.random() < 0.4 and z[0] != "0" and z[2] != "0":
            parts = [card(int(z[:2])), card(int(z[2:]))]
        else:
            for c in compact:
                parts.append(c.lower() if c.isalpha() else ("oh" if c == "0" else UNITS[int(c)]))
        words = " ".join(parts)
        if ctx.sub == "W":
            words = words.upper() if C in ("UK", "CA", "IE") and rng.random() < 0.5 else words
        assert decode_alnum(words) == norm(z), (words, z)
        return [(words, "ZIP_CODE", True)]
    return [(z, "ZIP_CODE", False)]


# --- email -----------------------------------------------------------------
def gen_email(ctx, tag):
    p = ctx.person(tag)
    f = re.sub(r"[^a-z]", "", ascii_fold(p["first"]).lower())
    l = re.sub(r"[^a-z]", "", ascii_fold(p["last"]).lower())
    num = str(rng.choice([rng.randint(1, 99), rng.randint(1950, 2005)]))
    style = rng.randrange(6)
    if style == 0:
        loc = [f, ".", l]
    elif style == 1:
        loc = [f[0], l, num]
    elif style == 2:
        loc = [f, "_", l]
    elif style == 3:
        loc = [f, l, num]
    elif style == 4:
        loc = [l, ".", f[0]]
    else:
        loc = [f, num]
    dom = rng.choice(EMAIL_DOMAINS[ctx.C])
    typed = "".join(loc) + "@" + dom
    if spoken_mode(ctx, 0.6):
        w = []
        for piece in loc:
            if piece == ".":
                w.append("dot")
            elif piece == "_":
                w.append("underscore")
            elif piece.isdigit():
                if len(piece) == 4:
                    w.append(year_words(int(piece)) if rng.random() < 0.6 else dwords(piece))
                else:
                    w.append(card(int(piece)) if rng.random() < 0.6 else dwords(piece, doubles=False))
            else:
                w.append(piece)
        w.append("at")
        w.append(" dot ".join(dom.split(".")))
        words = " ".join(w)
        assert decode_email(words) == typed, (words, typed)
        return [(words, "EMAIL_ADDRESS", True)]
    return [(typed, "EMAIL_ADDRESS", False)]


# --- financial / identity -------------------------------------------------
def spoken_digits(ctx, groups, typ, canon, p_w=0.0):
    if spoken_mode(ctx, p_w):
        words = " ".join(dwords(g) for g in groups)
        assert decode_num(words) == norm(canon), (words, canon)
        return [(words, typ, True)]
    return None


def gen_ssn(ctx):
    while True:
        a = rng.randint(1, 899)
        if a != 666:
            break
    s = "%03d%02d%04d" % (a, rng.randint(1, 99), rng.randint(1, 9999))
    assert ssn_ok(s)
    groups = [s[:3], s[3:5], s[5:]]
    r = spoken_digits(ctx, groups, "US_SSN", s)
    if r:
        return r
    sep = rng.choice(["-", "-", "-", " "])
    return [(sep.join(groups), "US_SSN", False)]


def gen_card(ctx):
    kind = rng.choice(["visa", "visa", "mc", "mc2", "amex", "disc"])
    if kind == "visa":
        num = luhn_complete("4" + rdig(5), 16)
    elif kind == "mc":
        num = luhn_complete(str(rng.randint(51, 55)) + rdig(4), 16)
    elif kind == "mc2":
        num = luhn_complete(str(rng.randint(2221, 2720)) + rdig(2), 16)
    elif kind == "amex":
        num = luhn_complete(rng.choice(["34", "37"]) + rdig(4), 15)
    else:
        num = luhn_complete("6011" + rdig(2), 16)
    assert luhn_ok(num)
    groups = [num[:4], num[4:10], num[10:]] if len(num) == 15 else [num[i:i + 4] for i in range(0, 16, 4)]
    r = spoken_digits(ctx, groups, "CREDIT_CARD", num)
    if r:
        return r
    sep = rng.choice([" ", " ", "-", ""])
    return [(sep.join(groups), "CREDIT_CARD", False)]


def gen_iban(ctx, cc):
    if not cc:
        cc = {"UK": "GB", "IE": "IE"}.get(ctx.C, "IE")
    if cc == "GB":
        bban = rng.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + rdig(14)
    elif cc == "IE":
        bban = rng.choice(["AIBK", "BOFI", "IPBS"]) + rdig(14)
    elif cc == "NL":
        bban = rng.choice(["ABNA", "INGB", "RABO"]) + rdig(10)
    else:
        bban = rdig(IBAN_LEN[cc] - 4)
    iban = make_iban(cc, bban)
    assert iban_ok(iban)
    if spoken_mode(ctx):
        toks = [c.lower() if c.isalpha() else UNITS[int(c)] for c in iban[:4]]
        rest = iban[4:]
        if rest[:4].isalpha():
            toks += [c.lower() for c in rest[:4]]
            rest = rest[4:]
        toks += [dwords(rest[i:i + 4]) for i in range(0, len(rest), 4)]
        words = " ".join(toks)
        assert decode_alnum(words) == iban, (words, iban)
        return [(words, "IBAN_CODE", True)]
    if rng.random() < 0.7:
        txt = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
    else:
        txt = iban
    return [(txt, "IBAN_CODE", False)]


def gen_aba(ctx):
    while True:
        pre = rng.choice(list(range(1, 13)) + list(range(21, 33)))
        body = "%02d" % pre + rdig(6)
        for c in "0123456789":
            if aba_ok(body + c):
                r = body + c
                break
        break
    assert aba_ok(r)
    s = spoken_digits(ctx, [r[:3], r[3:6], r[6:]], "ABA_ROUTING_NUMBER", r)
    return s or [(r, "ABA_ROUTING_NUMBER", False)]


def gen_bank(ctx):
    n = rdig(rng.randint(8, 12), first_nonzero=True)
    s = spoken_digits(ctx, [n[i:i + 3] for i in range(0, len(n), 3)], "US_BANK_NUMBER", n)
    return s or [(n, "US_BANK_NUMBER", False)]


def gen_acct(ctx, kind):
    C = ctx.C
    if kind == "crn" or (C == "AU" and not kind):
        v = rdig(9, True) + rng.choice("ABCHJKLX")
        txt = rng.choice(["%s %s %s" % (v[:3], v[3:6], v[6:]), v])
    elif C == "UK":
        v = rdig(rng.choice([8, 10]), True)
        txt = v if rng.random() < 0.6 else " ".join(v[i:i + 4] for i in range(0, len(v), 4))
    elif C == "IE":
        v = rdig(9, True)
        txt = v
    elif C == "CA":
        v = rdig(10, True)
        txt = rng.choice([v, "%s %s %s" % (v[:4], v[4:8], v[8:])])
    else:
        v = rdig(10, True)
        txt = rng.choice([v, "%s-%s-%s" % (v[:4], v[4:7], v[7:])])
    if spoken_mode(ctx, 0.4):
        words = " ".join(dwords(g) if g.isdigit() else " ".join(ch.lower() for ch in g)
                         for g in re.findall(r"\d{1,4}|[A-Z]", txt.replace(" ", "").replace("-", "")))
        assert decode_alnum(words) == norm(txt), (words, txt)
        return [(words, "ACCOUNT_NUMBER", True)]
    return [(txt, "ACCOUNT_NUMBER", False)]


def gen_dl(ctx):
    st = ctx.locale[1] if ctx.C == "US" else "CA"
    f = DL_FORMATS[st]
    L = lambda: rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
    if f == "L7":
        v = L() + rdig(7)
    elif f == "L8":
        v = L() + rdig(8)
    elif f == "S8":
        v = "S" + rdig(8)
    elif f == "D8":
        v = rdig(8, True)
    elif f == "D9":
        v = rdig(9, True)
    elif f == "D9s":
        d = rdig(9, True)
        v = "%s %s %s" % (d[:3], d[3:6], d[6:])
    elif f == "FL":
        d = rdig(12)
        v = "%s%s-%s-%s-%s-%s" % (L(), d[:3], d[3:6], d[6:8], d[8:11], d[11])
    elif f == "IL":
        d = rdig(11)
        v = "%s%s-%s-%s" % (L(), d[:3], d[3:7], d[7:])
    elif f == "PA":
        d = rdig(8, True)
        v = "%s %s %s" % (d[:2], d[2:5], d[5:])
    elif f == "WA":
        v = "WDL" + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(9))
    elif f == "MI":
        d = rdig(12)
        v = "%s %s %s %s %s" % (L(), d[:3], d[3:6], d[6:9], d[9:])
    elif f == "OH":
        v = L() + L() + rdig(6)
    if spoken_mode(ctx):
        parts = []
        for g in re.findall(r"\d{1,3}|[A-Z]", norm(v)):
            parts.append(dwords(g) if g.isdigit() else g.lower())
        words = " ".join(parts)
        assert decode_alnum(words) == norm(v), (words, v)
        return [(words, "US_DRIVER_LICENSE", True)]
    return [(v, "US_DRIVER_LICENSE", False)]


def gen_passport(ctx):
    v = rdig(9, True) if rng.random() < 0.6 else rng.choice("AC") + rdig(8)
    if spoken_mode(ctx):
        words = " ".join(dwords(g) if g.isdigit() else g.lower() for g in re.findall(r"\d{1,3}|[A-Z]", v))
        assert decode_alnum(words) == v
        return [(words, "US_PASSPORT", True)]
    return [(v, "US_PASSPORT", False)]


def gen_ip(ctx, v6=False):
    if v6:
        if rng.random() < 0.5:
            groups = ["2a02", "%x" % rng.randint(0x100, 0xfff)] + ["%x" % rng.randint(0, 0xffff) for _ in range(2)]
            v = ":".join(groups) + "::" + "%x" % rng.randint(1, 0xffff)
        else:
            v = ":".join(["2001", "%x" % rng.randint(0x4000, 0x4fff)] + ["%x" % rng.randint(0, 0xffff) for _ in range(6)])
        assert v.count(":") in (5, 7) and all(len(g) <= 4 for g in v.split(":"))
        return [(v, "IP_ADDRESS", False)]
    r = rng.random()
    if r < 0.2:
        octs = [192, 168, rng.randint(0, 10), rng.randint(2, 254)]
    else:
        while True:
            a = rng.randint(23, 223)
            if a not in (127, 10, 172, 192):
                break
        octs = [a, rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)]
    v = ".".join(map(str, octs))
    if spoken_mode(ctx, 0.5):
        words = " dot ".join(card(o, use_and=False) if rng.random() < 0.5 else dwords(str(o), doubles=False) for o in octs)
        assert decode_ip(words) == v, (words, v)
        return [(words, "IP_ADDRESS", True)]
    return [(v, "IP_ADDRESS", False)]


def gen_nhs(ctx):
    while True:
        nine = rng.choice("467") + rdig(8)
        c = nhs_check(nine)
        if c is not None:
            break
    v = nine + str(c)
    assert nhs_ok(v)
    groups = [v[:3], v[3:6], v[6:]]
    s = spoken_digits(ctx, groups, "MEDICAL_RECORD_NUMBER", v, 0.5)
    if s:
        return s
    return [(rng.choice([" ", " ", "-", ""]).join(groups), "MEDICAL_RECORD_NUMBER", False)]


def gen_medicare(ctx):
    w = [1, 3, 7, 9, 1, 3, 7, 9]
    d8 = str(rng.randint(2, 6)) + rdig(7)
    chk = sum(int(a) * b for a, b in zip(d8, w)) % 10
    v = d8 + str(chk) + str(rng.randint(1, 9))
    assert medicare_au_ok(v)
    groups = [v[:4], v[4:9], v[9]]
    s = spoken_digits(ctx, groups, "MEDICAL_RECORD_NUMBER", v, 0.5)
    if s:
        return s
    return [(rng.choice([" ", ""]).join(groups), "MEDICAL_RECORD_NUMBER", False)]


def gen_mbi(ctx):
    LET = "ACDEFGHJKMNPQRTUVWXY"
    AN = LET + "0123456789"
    v = (str(rng.randint(1, 9)) + rng.choice(LET) + rng.choice(AN) + str(rng.randrange(10)) +
         rng.choice(LET) + rng.choice(AN) + str(rng.randrange(10)) + rng.choice(LET) +
         rng.choice(LET) + rdig(2))
    txt = rng.choice([v, "%s-%s-%s" % (v[:4], v[4:7], v[7:])])
    if spoken_mode(ctx):
        words = " ".join(UNITS[int(c)] if c.isdigit() else c.lower() for c in v)
        assert decode_alnum(words) == v
        return [(words, "MEDICAL_RECORD_NUMBER", True)]
    return [(txt, "MEDICAL_RECORD_NUMBER", False)]


def gen_mrn(ctx, kind):
    if kind == "hosp":
        v = rng.choice(LET_NO_O) + rdig(rng.choice([6, 7]))
    elif ctx.C == "US":
        v = rdig(8) if rng.random() < 0.5 else "00" + rdig(6)
    else:
        v = rdig(7, True)
    if spoken_mode(ctx, 0.4):
        parts = [dwords(g) if g.isdigit() else g.lower() for g in re.findall(r"\d{1,3}|[A-Z]", v)]
        words = " ".join(parts)
        assert decode_alnum(words) == v, (words, v)
        return [(words, "MEDICAL_RECORD_NUMBER", True)]
    return [(v, "MEDICAL_RECORD_NUMBER", False)]


# ---------------------------------------------------------------------------
# unlabelled (hard-negative) fillers
# ---------------------------------------------------------------------------
def num_r(ctx, n):
    return card(n) if ctx.sub == "R" else str(n)


CUR = {"UK": ("£", "pounds", "p"), "IE": ("€", "euro", "cent"), "US": ("$", "dollars", "cents"),
       "CA": ("$", "dollars", "cents"), "AU": ("$", "dollars", "cents")}


def neg(ctx, kind, arg):
    R = ctx.sub == "R"
    C = ctx.C
    if kind == "n_dose":
        drug = rng.choice(DRUGS)
        mg = rng.choice([5, 10, 20, 25, 40, 50, 100, 150, 200, 300, 500])
        if R:
            return "%s %s milligrams" % (drug, card(mg)) if rng.random() < 0.6 else "%s milligram %s" % (card(mg), drug)
        return rng.choice(["%s %d mg" % (drug, mg), "%d mg %s" % (mg, drug), "%d mg" % mg])
    if kind == "n_dose_num":
        return str(rng.choice([2.5, 5, 10, 20, 2.5, 5, 10])).replace(".0", "")
    if kind in ("n_qty", "n_qty2"):
        return num_r(ctx, rng.choice([4, 6, 7, 8, 12, 14, 16, 28, 30, 56, 84]))
    if kind == "n_small":
        return num_r(ctx, rng.randint(2, 6))
    if kind == "n_time":
        h, m = rng.randint(7, 19), rng.choice([0, 15, 30, 45, 10, 40])
        if R:
            h12 = h if h <= 12 else h - 12
            return rng.choice([card(h12) + (" " + card(m) if m >= 10 else " o'clock"),
                               "half " + card(h12) if m == 30 else "quarter past " + card(h12),
                               card(h12) + " " + ("am" if h < 12 else "pm")])
        if C in ("US", "CA"):
            h12 = h if h <= 12 else h - 12
            return "%d:%02d %s" % (h12, m, "a.m." if h < 12 else "p.m.") if ctx.sub == "W" else "%d:%02d" % (h, m)
        return rng.choice(["%02d:%02d" % (h, m), "%d.%02d" % (h if h <= 12 else h - 12, m)])
    if kind in ("n_appt_d", "n_appt_d2", "n_appt"):
        d, m = rng.randint(1, 28), rng.randint(1, 12)
        wd = rng.choice(WEEKDAYS[:5])
        if R:
            return rng.choice(["the %s" % ordinal(d), "%s the %s" % (wd.lower(), ordinal(d)),
                               "the %s of %s" % (ordinal(d), MONTHS[m - 1].lower())])
        y = rng.choice([2024, 2025])
        if C == "US":
            return rng.choice(["%d/%d" % (m, d), "%s, %s %d" % (wd, MONTHS[m - 1], d),
                               "%02d/%02d/%d" % (m, d, y)])
        return rng.choice(["%s %d %s" % (wd, d, MONTHS[m - 1]), "%02d/%02d/%d" % (d, m, y),
                           "%d%s %s" % (d, suffix(d), MONTHS[m - 1]), "%02d/%02d" % (d, m)])
    if kind == "n_ward":
        w = rng.choice(["7B", "12", "4A", "C3", "10", "23", "6", "2D"])
        if R:
            return {"7B": "seven b", "12": "twelve", "4A": "four a", "C3": "c three", "10": "ten",
                    "23": "twenty three", "6": "six", "2D": "two d"}[w]
        return w
    if kind in ("n_bed", "n_room", "n_level"):
        return num_r(ctx, rng.randint(2, 24) if kind != "n_level" else rng.randint(2, 9))
    if kind == "n_age":
        if arg == "kid":
            return num_r(ctx, rng.choice([11, 12, 13, 14, 15, 16, 17]))
        if arg == "old":
            return num_r(ctx, rng.choice([67, 72, 79, 81, 84, 88, 91]))
        return num_r(ctx, rng.choice([11, 12, 13, 14, 15, 16, 17, 67, 72, 79, 84, 88, 91]))
    if kind == "n_yeargroup":
        return num_r(ctx, rng.randint(3, 11))
    if kind in ("n_money", "n_money_num"):
        sym, big, small = CUR[C]
        v = rng.choice([12.5, 42.5, 85, 120, 250, 340, 1240, 61.2, 96, 450, 19.99])
        if kind == "n_money_num":
            v = rng.choice({"big": [450, 612.4, 780, 920, 1240, 1380, 1650],
                            "mid": [612.4, 693.1, 762.7, 780.5],
                            "small": [12.5, 15, 19.99, 24, 42.5, 61.2]}.get(arg, [85, 96, 120, 185, 250, 340]))
            return ("%.2f" % v if v != int(v) else "{:,}".format(int(v)))
        if R:
            whole = int(v)
            cents = int(round((v - whole) * 100))
            return card(whole, use_and=C in ("UK", "IE", "AU")) + " " + big + (" " + card(cents) if cents else "")
        return sym + ("%.2f" % v if v != int(v) else "{:,}".format(int(v)))
    if kind == "n_floor":
        return ordinal(rng.randint(3, 14))
    if kind == "n_floor_num":
        return str(rng.randint(4, 19))
    if kind == "n_pet":
        return rng.choice(PETS)
    if kind == "n_pet_cap":
        return rng.choice(PETS).capitalize()
    if kind == "n_day":
        d = rng.choice(WEEKDAYS)
        return d.lower() if R else d
    if kind == "n_month":
        mth = rng.choice(MONTHS)
        return mth.lower() if R else mth
    if kind == "n_ref":
        return rng.choice(["CAS-%d-%s" % (rng.choice([2024, 2025]), rdig(6)), "INC%s" % rdig(7),
                           "REF/%s/%s" % (rdig(5), rng.choice("ABCK")), "HX-%s" % rdig(6),
                           "%d/%s" % (rng.choice([2024, 2025]), rdig(5)), "SR%s" % rdig(8),
                           "WO-%s" % rdig(5)])
    if kind == "n_ref_w":
        return dwords(rdig(6))
    if kind == "n_rxnum":
        return rdig(7, True)
    if kind == "n_oldyear":
        return str(rng.randint(1956, 1974))
    if kind == "n_fyear":
        return str(rng.choice([2025, 2026]))
    if kind == "n_year":
        y = rng.randint(2012, 2023)
        return year_words(y) if R else str(y)
    if kind in ("n_weeks", "n_hours", "n_days", "n_term", "n_years", "n_minutes"):
        rngs = {"n_weeks": (2, 12), "n_hours": (2, 9), "n_days": (3, 90), "n_term": (1, 4),
                "n_years": (2, 15), "n_minutes": (8, 55)}[kind]
        return num_r(ctx, rng.randint(*rngs))
    if kind == "n_ordinal":
        return ordinal(rng.randint(3, 12))
    if kind == "n_grade":
        return ordinal(rng.randint(1, 10))
    if kind == "n_gradenum":
        return str(rng.randint(1, 11))
    if kind == "n_temp":
        t = rng.randint(15, 35)
        return ("minus " + card(t)) if R else "-%d" % t
    if kind == "n_news":
        return str(rng.randint(0, 7))
    if kind == "n_bp":
        return "%d/%d" % (rng.randint(118, 168), rng.randint(70, 98))
    if kind == "n_a1c":
        return "%.1f" % rng.uniform(5.6, 9.8)
    if kind == "n_inr":
        return "%.1f" % rng.uniform(1.6, 3.8)
    if kind == "city":
        c = ctx.locale[0]
        return raw_name(c) if R else c
    if kind == "region":
        return ctx.locale[1].lower() if R else ctx.locale[1]
    raise KeyError(kind)


# ---------------------------------------------------------------------------
# slot dispatch
# ---------------------------------------------------------------------------
def render_slot(ctx, inner):
    m = re.fullmatch(r"(\w+)(?::(\w+))?(?:@(\w+))?", inner)
    kind, arg, tag = m.group(1), m.group(2), m.group(3)
    g = arg if arg in ("m", "f") else None
    if kind in ("name", "first", "last", "rev"):
        p = ctx.person(tag or "a", g, "indigenous" if arg == "ind" else None)
        f, l = nm(ctx, p["first"]), nm(ctx, p["last"])
        if kind == "name":
            return [(f + " " + l, "PERSON", False)]
        if kind == "first":
            return [(f, "PERSON", False)]
        if kind == "last":
            return [(l, "PERSON", False)]
        if ctx.sub == "T" and rng.random() < 0.35:
            l = l.upper()
        return [(l + ", " + f, "PERSON", False)]
    if kind in ("kid", "kid2", "kid3"):
        k = ctx.kid(tag or {"kid": "k1", "kid2": "k2", "kid3": "k3"}[kind])["first"]
        if ctx.sub != "R" and (ctx.sub == "W" or rng.random() < 0.5):
            k = k.capitalize()
        return [(k, "PERSON", False)]
    if kind == "nick":
        k = rng.choice(NICKS)
        return [(k if ctx.sub == "R" else k.capitalize(), "PERSON", False)]
    if kind == "phone":
        return gen_phone(ctx, "any")
    if kind == "mobile":
        return gen_phone(ctx, "mobile")
    if kind == "landline":
        return gen_phone(ctx, "landline" if ctx.C not in ("US", "CA") else "any")
    if kind == "intl":
        return gen_phone(ctx, "intl", arg)
    if kind == "email":
        return gen_email(ctx, tag or "a")
    if kind == "dob":
        return gen_dob(ctx, arg)
    if kind == "addr":
        return gen_addr(ctx, None)
    if kind == "addr_flat":
        return gen_addr(ctx, "flat")
    if kind == "addr_apt":
        return gen_addr(ctx, "apt")
    if kind == "zip":
        return gen_zip(ctx)
    if kind == "ssn":
        return gen_ssn(ctx)
    if kind == "card":
        return gen_card(ctx)
    if kind == "iban":
        return gen_iban(ctx, arg)
    if kind == "aba":
        return gen_aba(ctx)
    if kind == "bank":
        return gen_bank(ctx)
    if kind == "acct":
        return gen_acct(ctx, arg)
    if kind == "dl":
        return gen_dl(ctx)
    if kind == "passport":
        return gen_passport(ctx)
    if kind == "ip":
        return gen_ip(ctx)
    if kind == "ip6":
        return gen_ip(ctx, True)
    if kind == "nhs":
        return gen_nhs(ctx)
    if kind == "medicare":
        return gen_medicare(ctx)
    if kind == "mbi":
        return gen_mbi(ctx)
    if kind == "mrn":
        return gen_mrn(ctx, None)
    if kind == "hospno":
        return gen_mrn(ctx, "hosp")
    return [(neg(ctx, kind, arg), None, False)]


def build(frame):
    domain, country, sub, tpl = frame
    ctx = Ctx(country, sub)
    text, ents = "", []
    for piece in re.split(r"(\{[^}]+\})", tpl):
        if piece.startswith("{"):
            for val, typ, spk in render_slot(ctx, piece[1:-1]):
                if typ:
                    ents.append({"type": typ, "start": len(text), "end": len(text) + len(val),
                                 "text": val, "spoken": spk})
                text += val
        else:
            text += piece
    return text, ents


# ---------------------------------------------------------------------------
# hand-written frames: (domain, country, sub, template)
#   sub R = live lower-case ASR, W = whisper-style ASR, T = typed
# ---------------------------------------------------------------------------
POS = [
    # --- GP surgeries / family doctors ---
    ("gp", "UK", "R", "hiya um yeah i'm ringing about my repeat prescription my name's {name} date of birth is {dob}"),
    ("gp", "UK", "R", "it's for my mum really her name is {name:f} she's with your surgery and her birthday's {dob:old} she can't get to the phone"),
    ("gp", "UK", "W", "Hi, yes, it's {name}. I'm calling to book a blood test. My date of birth is {dob}, and the best number is {mobile}."),
    ("gp", "UK", "T", "Patient: {rev}\nDOB: {dob}\nNHS No: {nhs}\nReason for contact: requesting fit note extension (2 weeks). Dr {last@b} to review."),
    ("gp", "UK", "T", "Tel msg for Dr {last@b}: {name} rang re blood results, pls call back on {phone} after 3pm. Not urgent per pt."),
    ("gp", "AU", "R", "g'day it's {name} i just need to update my address it's now {addr} {city} {zip}"),
    ("gp", "IE", "W", "Hello, this is {name:f} ringing for my son {first:m@b}. His date of birth is {dob:child}, and you can get me on {mobile}."),
    ("gp", "CA", "T", "Dear Dr. {last@d},\nMy father, {name:m}, DOB {dob:old}, has moved in with us at {addr}, {city}, {region} {zip}. Could his file be transferred to your clinic?\nThanks,\n{name@c}"),
    ("gp", "US", "W", "Hi, my name is {name}, I'm a patient of Dr. {last@b}. My date of birth is {dob}. Can someone call me back at {phone}?"),
    ("gp", "UK", "R", "uh hello yeah my nhs number is {nhs} i've got it here on the letter"),
    ("gp", "UK", "T", "Online consultation form\nFull name: {name}\nDate of birth: {dob}\nContact email: {email}\nSymptoms: sore throat 5 days, no fever, eating and drinking ok."),
    ("gp", "AU", "W", "Yeah, it's {name}, Medicare number's {medicare}. I'm after a bulk-billed appointment if there's any going."),
    ("gp", "AU", "T", "Walk-in registration — {rev} — DOB {dob} — Medicare {medicare} — Ph {mobile}"),
    ("gp", "UK", "W", "Can I just check you've got the right address? It's {addr_flat}, {zip}."),
    ("gp", "US", "T", "Patient portal message from {name} ({email}): Hi, can I get my metformin 500 mg refilled? My new address is {addr}, {city}, {region} {zip}."),
    ("gp", "CA", "R", "hi i'm looking for a family doctor um we just moved here my name is {name} and my phone number is {phone}"),
    ("gp", "UK", "R", "hello the surgery um i need to change my phone number the new one is {mobile} and the old one was {landline}"),
    ("gp", "AU", "R", "it's {first@b} speaking um i'm ringing on behalf of my dad {name:m} his medicare number is {medicare}"),
    ("gp", "UK", "W", "It's {name} — date of birth {dob}. I've run out of my sertraline, the 100 milligrams."),
    ("gp", "IE", "R", "yeah the email address is {email} and the name on the account is {name}"),
    ("gp", "UK", "R", "oh it's {nick} love the doctor knows me it's about my knees again i'm on {landline}"),
    # --- hospitals ---
    ("hospital", "UK", "T", "DISCHARGE SUMMARY\nPatient: {rev}   Hosp No: {hospno}   NHS: {nhs}\nAdmitted to Ward 7B with community-acquired pneumonia. Discharged on amoxicillin 500 mg TDS x 5 days."),
    ("hospital", "US", "T", "Pt {name}, MRN {mrn}, DOB {dob}, seen in ED at 02:14 for chest pain. Troponin neg x2. Dispo home, f/u cardiology."),
    ("hospital", "US", "R", "yeah hi i'm calling about a bill my husband {first:m} was in the er last month and his medical record number is {mrn}"),
    ("hospital", "IE", "W", "I'm ringing from the ward about {name:f}, she's in bed 14. Her MRN is {mrn}, can you send up the scan report?"),
    ("hospital", "UK", "R", "hi i'm trying to find out which ward my dad's on his name's {name:m} he came in last night by ambulance he's eighty four"),
    ("hospital", "CA", "T", "Referral: {name}, DOB {dob}, MRN {mrn}. Referred by Dr {name@b} for outpatient cardiology. Pt prefers contact by phone {phone}."),
    ("hospital", "AU", "R", "i'm just ringing to see how my nan is going her name's {name:f} she's in the um the stroke unit"),
    ("hospital", "US", "T", "Billing note: guarantor {name}, SSN {ssn}, paid $250 copay by card {card}. Remaining balance to statements."),
    ("hospital", "US", "W", "For verification I'll need the patient's name and date of birth. — Sure, it's {name}, {dob}."),
    ("hospital", "UK", "T", "Nursing handover: {name} (bay 3, bed 2) — daughter {first:f@b} is NOK, tel {mobile}. Pt anxious overnight, settled with reassurance."),
    ("hospital", "IE", "R", "hello i'm ringing about an outpatient appointment for {name} her hospital number is {hospno}"),
    ("hospital", "UK", "W", "My husband's {name:m}, his date of birth is {dob:old}, he had his hip done on the 3rd."),
    ("hospital", "AU", "T", "ED triage: {name}, {dob}, Medicare {medicare}. PC: fall at home, ?# L wrist. ATS Cat 4."),
    ("hospital", "CA", "W", "Hello, I'm calling about my daughter, {name:f}. Her date of birth is {dob:child}, and her MRN is {mrn}."),
    ("hospital", "IE", "T", "Letter to GP: Re {name}, DOB {dob}, MRN {mrn}, {addr}, {city}. Seen in fracture clinic today; cast off in 6 weeks."),
    ("hospital", "US", "R", "i need my records sent to my new doctor my name is {name} birthday {dob} and my email is {email}"),
    ("hospital", "US", "T", "Refund via ACH to {name}: routing {aba}, account {bank} (savings). Approved by patient accounts."),
    ("hospital", "AU", "T", "Payment: {name}, card {card}, amount $120.00 gap fee. Receipt emailed to {email}."),
    ("hospital", "US", "T", "Registration: {name}; ID: {region} DL {dl}; DOB {dob}; insurance card scanned."),
    # --- pharmacy ---
    ("pharmacy", "UK", "R", "hi it's about a prescription for {name} we're at {addr} can you deliver it this week"),
    ("pharmacy", "US", "W", "Hi, I'm calling to refill a prescription. Last name {last}, first name {first}, date of birth {dob}."),
    ("pharmacy", "UK", "T", "CD collection log: {name} collected on behalf of {name@b} (DOB {dob}). ID seen. Morphine sulfate 10 mg/5 ml oral soln."),
    ("pharmacy", "CA", "T", "Patient {name} called re: insulin supply, pls call back at {phone}. Email confirmation to {email}."),
    ("pharmacy", "AU", "R", "yeah it's for my script um the name is {name} and my mobile is {mobile}"),
    ("pharmacy", "US", "R", "i wanna pay for my prescriptions over the phone the card number is {card}"),
    ("pharmacy", "US", "T", "Customer: {name}\nDOB: {dob:old}\nInsurance: Medicare Part D, MBI {mbi}\nNote: prior auth pending for Eliquis 5 mg."),
    ("pharmacy", "IE", "W", "It's {first@b} here from the pharmacy on Main Street. Is that {name}? Your prescription is ready whenever suits."),
    ("pharmacy", "UK", "W", "It's for {name:f}, {addr}, {zip}. She's on the blister packs."),
    ("pharmacy", "AU", "T", "Webster-pak order for {name} ({addr}, {city} {region} {zip}). Carer {name@b} to collect Fri."),
    ("pharmacy", "CA", "R", "hi it's {name} i'm at {addr} in {city} and my postal code is {zip}"),
    ("pharmacy", "UK", "W", "Can I pay for the delivery over the phone? It's a Visa, {card}."),
    ("pharmacy", "US", "R", "yeah my medicare number it's {mbi} and my birthday is {dob:old}"),
    # --- housing ---
    ("housing", "UK", "R", "i'm ringing about a repair my rent account number is {acct} and i live at {addr_flat}"),
    ("housing", "UK", "T", "Repairs request\nTenant: {name}\nAddress: {addr}, {city} {zip}\nRent account: {acct}\nIssue: black mould in back bedroom, child asthmatic."),
    ("housing", "UK", "W", "Hi, it's {name}. I'm at {addr} and the boiler's gone again, third time this month."),
    ("housing", "IE", "R", "hi yeah i'm on the housing list with the council it's {name} at {addr} my eircode is {zip}"),
    ("housing", "US", "T", "Section 8 application — Head of household: {name}; DOB: {dob}; SSN: {ssn}; Current address: {addr}, {city}, {region} {zip}."),
    ("housing", "US", "R", "my landlord wants me out by friday i'm at {addr_apt} and my name is {name} i got three kids"),
    ("housing", "CA", "T", "Tenant {name} ({email}) reports no heat at {addr_apt}, {city}, {region} {zip}. Advised space heater loan."),
    ("housing", "AU", "R", "hi i'm calling about my public housing transfer my name is {name} and my customer number is {acct}"),
    ("housing", "UK", "T", "From: {email}\nSubject: Homeless application\n\nHi, my name is {name} and me and my 2 kids have to leave {addr} by the 30th. Please can someone call me."),
    ("housing", "CA", "R", "ya it's {name} at {addr} the landlord still hasn't fixed the heat and it's minus thirty out"),
    ("housing", "US", "T", "Work order #48213 — Tenant: {name}, Unit address: {addr_apt}, {city}, {region} {zip}. Tenant cell {phone}."),
    ("housing", "IE", "T", "Applicant: {name}\nCurrent address: {addr}, {city}, {zip}\nPhone: {phone}\nEmail: {email}\nHousehold: 1 adult, 2 children"),
    ("housing", "IE", "T", "Standing order set up for rent — tenant {name}, IBAN {iban}, €450 monthly from the 1st."),
    ("housing", "UK", "R", "i want to pay my rent arrears by card the long number is {card} and the expiry's oh four twenty seven"),
    ("housing", "US", "R", "the landlord wants a copy of my driver's license it's {dl} is that even allowed"),
    ("housing", "AU", "W", "My partner {first@b} and I are at {addr_flat}, {city}. The ceiling's come down in the kids' room."),
    # --- benefits / welfare ---
    ("benefits", "UK", "R", "yeah i've been waiting on my universal credit for five weeks um my name's {name} date of birth {dob}"),
    ("benefits", "IE", "W", "I'm after changing the bank account for my jobseeker's payment. The new IBAN is {iban}."),
    ("benefits", "IE", "T", "Change of bank details: claimant {name}, DOB {dob}, new IBAN {iban}. Verified by phone (security Qs passed)."),
    ("benefits", "US", "T", "Direct deposit form: Account holder {name}. Routing number {aba}. Checking account {bank}."),
    ("benefits", "US", "R", "my routing number is {aba} and my account number is {bank} it's a checking account"),
    ("benefits", "US", "W", "Yes, my Social Security number is {ssn} and my date of birth is {dob}."),
    ("benefits", "AU", "R", "yeah g'day um it's about my centrelink payment my crn is {acct:crn}"),
    ("benefits", "AU", "T", "Centrelink – customer {name}, CRN {acct:crn}, DOB {dob}. Hardship advance requested."),
    ("benefits", "CA", "W", "Hi, I'm calling about my Canada Child Benefit. My name is {name}, and my address is {addr}, {city}, {region} {zip}."),
    ("benefits", "UK", "T", "Council tax reduction – account {acct}, liable person {name}, property {addr}, {zip}. Single person discount applied."),
    ("benefits", "US", "R", "hi i need to update my snap case my name is {name} and my phone is {phone}"),
    ("benefits", "UK", "R", "i got a letter about my council tax the account number on it is {acct} and it's addressed to {name}"),
    ("benefits", "US", "T", "ID verification: {name} presented {region} driver license {dl} and U.S. passport {passport}. Copies scanned to case file."),
    ("benefits", "IE", "T", "Payee details – {name}, Polish account IBAN {iban:PL}. Customer asked that payments go to Ireland account from next month."),
    ("benefits", "US", "W", "For direct deposit, the routing number is {aba} and the account number is {bank}."),
    ("benefits", "UK", "T", "Overseas payee (State Pension): {name}, IBAN {iban:FR}, BIC BNPAFRPP. Address: Lot 4, Lotissement Les Pins, Bergerac."),
    ("benefits", "UK", "T", "Payment taken: £85.00 towards council tax account {acct} by card ending 4417. Payer {name}."),
    ("benefits", "US", "T", "Portal audit: login for claimant {name} from IP {ip} at 03:12, then {ip6} at 03:15. Password reset requested."),
    ("benefits", "US", "T", "Applicant presented U.S. passport no. {passport}, expires 2031. Name on passport: {rev}."),
    ("benefits", "US", "W", "I have my passport here, the number is {passport}, and my license is {dl}."),
    ("benefits", "CA", "T", "Caller {name} requested a callback re: ODSP payment. Member ID {acct}. Preferred # {phone}."),
    ("benefits", "AU", "W", "Mate, I've been on hold for an hour. It's {name}, my CRN's {acct:crn}, date of birth {dob}."),
    ("benefits", "UK", "W", "My name is {name}, date of birth {dob}, and I've had a letter about an overpayment."),
    ("benefits", "IE", "R", "i'm ringing about the fuel allowance it's for my father {name:m} he's at {addr} {zip}"),
    ("benefits", "US", "T", "Medicaid renewal: enrollee {name}, DOB {dob}, SSN {ssn}, mailing address {addr}, {city}, {region} {zip}."),
    ("benefits", "US", "R", "they told me to give you my social it's {ssn} and the last name is {last}"),
    ("benefits", "UK", "R", "my email is {email} all lower case and can you send the form there please"),
    ("benefits", "IE", "R", "the iban is {iban} did you get that or will i say it again"),
    # --- schools ---
    ("school", "UK", "R", "hi it's {first:m@k}'s mum um {name:f} he's in year four i just wanted to say he won't be in today he's been sick"),
    ("school", "US", "T", "Absence note: {name} (grade 3) will be out Thursday–Friday for a family funeral. Parent contact: {name@b}, {phone}."),
    ("school", "CA", "W", "Hi, this is {name:m}, I'm {first@b}'s dad. You can email me at {email} if that's easier."),
    ("school", "AU", "T", "Enrolment form\nStudent: {rev}\nDOB: {dob:child}\nParent/guardian: {name@b}\nMobile: {mobile}\nHome address: {addr}, {city} {region} {zip}"),
    ("school", "UK", "T", "Safeguarding log (DSL): {first:f} (Y8) disclosed that {first@b} from her class has been sharing photos. Mum {name:f@c} informed by phone {mobile}."),
    ("school", "IE", "R", "this is {name} i'm ringing about the school bus for my daughter {first:f@b} we've moved to {addr}"),
    ("school", "US", "R", "yeah hi i'm calling for my grandson {name:m} his birthday is {dob:child} we need to register him for kindergarten"),
    ("school", "US", "W", "Hi, this is {name} from the front office at Jefferson Middle School calling for {name@b}. Please call us back at {phone}."),
    ("school", "IE", "T", "Hi Ms {last@b},\n{first:m} was off yesterday with a temperature. He's back today. Any questions ring me on {mobile}.\n{first@c}"),
    ("school", "AU", "R", "this is {first:f}'s dad she's in year two at the um primary my mobile is {mobile}"),
    ("school", "UK", "T", "IT helpdesk: pupil {name} locked out after 5 failed attempts from {ip}. Parent {name@b} notified by email ({email@b})."),
    # --- helplines (children and young people) ---
    ("helpline", "UK", "R", "um i don't really know what to say my mum's boyfriend {first:m} keeps shouting at us and me and {kid} are scared"),
    ("helpline", "UK", "R", "like me and {kid} and {kid2} were walking home and these boys from year ten started following us"),
    ("helpline", "UK", "T", "Caller: my friend {kid@x} said she wants to hurt herself\nCounsellor: Thank you for telling me. Is {kid@x} safe right now?\nCaller: i think so shes at her nans"),
    ("helpline", "CA", "T", "Counsellor: Can you tell me your first name? It's okay if not.\nYouth: its {kid@x}\nCounsellor: Thanks {kid@x}. Where are you right now?\nYouth: in the bathroom at school"),
    ("helpline", "AU", "R", "my name's {kid} i'm eleven and my dad hits my brother {kid2} when he's drunk"),
    ("helpline", "IE", "W", "I'm {first}, I'm fourteen. My teacher Ms {last@b} said I should ring you."),
    ("helpline", "UK", "R", "yeah my nan's called {first:f} she lives on her own at {addr} and i'm worried cos she's not answering"),
    ("helpline", "IE", "T", "Caller: hi its {kid@x} again\nVolunteer: Hi {kid@x}, good to hear from you. How have things been with your mam?\nCaller: shes ok. {kid2} my little brother is sick tho"),
    ("helpline", "US", "T", "Text line convo\n> hey\n> my name is {kid} im 13\n> my stepdad {first:m} said if i tell anyone he'll kick me out"),
    ("helpline", "AU", "T", "Chat transcript 21:47\nVisitor: hi my name is {first:f}\nVisitor: my bf {first:m@b} took my phone and wont give it back\nCounsellor: I'm really glad you reached out, {first}. Are you safe where you are?"),
    ("helpline", "CA", "R", "sorry um my name is {first} and i'm calling because my friend {name@b} posted something really scary on her story"),
    ("helpline", "UK", "T", "Web chat log — user IP {ip} — user states name is {first}, age 15. Escalated to safeguarding lead."),
    ("helpline", "AU", "T", "Kids Helpline webchat | IP {ip} | Young person: {kid}, 12, {city}. Disclosed bullying by {kid2} and {kid3}."),
    ("helpline", "US", "R", "the chat thing said my ip was {ip} is that like can they find me with that"),
    ("helpline", "CA", "W", "My name is {name}. I'm calling from {city}. My email is {email} if you'd rather write back."),
    # --- helplines (adults, elderly, crisis) ---
    ("helpline", "UK", "R", "oh hello dear um my name is {name} i'm eighty seven and i haven't spoken to anyone since tuesday"),
    ("helpline", "UK", "R", "my son {first:m} used to ring me every sunday but he's in australia now his number's {intl:AU}"),
    ("helpline", "UK", "W", "It's {name}, I live at {addr}. The man said he was from the bank and I gave him my card number, {card}."),
    ("helpline", "IE", "R", "hello is this the senior line it's {name} here my telephone is {landline}"),
    ("helpline", "US", "R", "hi um my granddaughter set up this email for me it's {email} and i think somebody got into it"),
    ("helpline", "US", "T", "Crisis line intake — caller {name}, cb {phone}, currently at {addr}, {city}. Safety plan completed; warm transfer to mobile crisis team."),
    ("helpline", "AU", "W", "My name's {name}. My mob is {mobile}. I just need someone to talk to tonight."),
    ("helpline", "US", "W", "I'm calling for my mom, {name:f}. She was born {dob:old}. She's confused and keeps saying someone's in the house."),
    ("helpline", "UK", "T", "Befriending call record: caller {name}, 91, lives alone at {addr}, {city}. Befriender {first@b} to call weekly (Tues 2pm)."),
    ("helpline", "UK", "W", "The form says it was submitted from {ip}, and the email given was {email}."),
    ("helpline", "IE", "W", "Hello, I'm {name}. My daughter {first@b} is in London, her number is {intl:UK}, would you ring her if anything happens to me?"),
    ("helpline", "CA", "R", "oui hello my name is {name} i live at {addr} and my husband {first:m@b} he didn't come home"),
    # --- social care ---
    ("social_care", "UK", "T", "Referral form\nChild: {rev}\nDOB: {dob:child}\nAddress: {addr}, {city} {zip}\nReferrer: {name@b}, school nurse\nConcerns: neglect, poor attendance."),
    ("social_care", "UK", "T", "Case note 14/02: Home visit to {name} with SW {name@b}. {first}'s grandmother {name:f@c} present. Home conditions improved."),
    ("social_care", "US", "T", "CPS intake: Reporter {name} (mandated reporter, teacher) at {phone}. Alleged victim {name@b}, DOB {dob:child}, residing at {addr}, {city}, {region} {zip}."),
    ("social_care", "IE", "W", "This is {name}, social worker with Tusla. I'm calling about {name@b}, date of birth {dob:child}."),
    ("social_care", "AU", "T", "Child protection notification – {rev:ind} (DOB {dob:child}) – Aboriginal, Wiradjuri – lives with aunty {name:f@b} at {addr}, {city} {region} {zip}."),
    ("social_care", "UK", "R", "i'm his carer yeah so {first:m} he's got dementia and he keeps wandering off he lives at {addr} {zip}"),
    ("social_care", "CA", "T", "Adult protective services note: client {name}, DOB {dob:old}, {city}. Daughter {name:f@b} ({email@b}) holds POA."),
    ("social_care", "UK", "W", "Hi, I'm {first}, I'm the care coordinator. Mr {last:m@b} at {addr} didn't answer the door this morning."),
    ("social_care", "IE", "T", "Home support referral: {rev}, {addr}, {city}, {zip}. GP Dr {last@b}. Next of kin: son {first:m@c}, {mobile}."),
    ("social_care", "UK", "R", "i'm ringing about a safeguarding concern for my neighbour she's called {name:f} she's at {addr}"),
    ("social_care", "AU", "R", "yeah i'm ringing about my cousin's kids {kid} and {kid2} they've been staying with us in {city} since the weekend"),
    ("social_care", "US", "W", "Hi, this is {name} with Adult Protective Services. I'm following up on a report about {name@b} at {addr}."),
    ("social_care", "IE", "W", "She gets her carer's payment into the credit union, but the IBAN I have for her is {iban}."),
    ("social_care", "CA", "W", "I'm {name}, I'm the worker for {first@b}. His new number is {phone} and he's staying at {addr}."),
    # --- extra live-ASR callers reading out details ---
    ("gp", "UK", "R", "yeah it's um my date of birth is {dob} and the postcode's {zip} i'm not sure what else you need"),
    ("gp", "UK", "R", "hang on let me find it um my nhs number is {nhs} and i'm at {addr} {zip}"),
    ("hospital", "US", "R", "okay so the number on the wristband the mrn is {mrn} and um her birthday's {dob:old}"),
    ("pharmacy", "UK", "R", "can you text me when it's ready my mobile is {mobile} no sorry that's my old one it's {mobile@x}"),
    ("helpline", "UK", "R", "if i get cut off can you ring me back my number's {mobile} but don't ring after nine cos my mum checks my phone"),
    ("helpline", "UK", "R", "oh i'm ever so sorry dear my memory the address is {addr} and the postcode is um {zip}"),
    ("helpline", "AU", "R", "my address is {addr} {city} but please don't send anyone i just wanted to talk"),
    ("benefits", "US", "R", "the last four of my social no wait you need the whole thing okay it's {ssn}"),
    ("benefits", "US", "R", "um it's {phone} that's my cell and my date of birth is {dob}"),
    ("housing", "UK", "R", "we're at {addr_flat} {zip} and there's water coming through the ceiling into the kids' room"),
    ("housing", "US", "R", "yeah the unit is {addr_apt} zip code {zip} and the heat's been off since monday"),
    ("gp", "AU", "R", "my medicare's {medicare} and my date of birth is {dob} and i'm at {addr} now"),
    ("school", "CA", "R", "you can reach me at {phone} or um email {email} whatever's easier for the teacher"),
    ("benefits", "IE", "R", "my account number on the bill is {acct} and the phone number is {landline}"),
    ("hospital", "UK", "R", "it's his hospital number you want isn't it it's {hospno} and his date of birth is {dob:old}"),
    ("helpline", "CA", "R", "my email it's {email} but like don't email my mom okay she reads everything"),
    ("benefits", "AU", "R", "um my bank details changed do you need the crn first it's {acct:crn} and my new mobile's {mobile}"),
    ("social_care", "US", "R", "she's at {addr} and her phone there is {phone} but she doesn't always pick up"),
    ("pharmacy", "US", "R", "birthday {dob} and the zip is {zip} yeah that's the right one"),
    ("helpline", "US", "R", "my ip thing the school computer one is {ip} i think somebody's using my account"),
    ("hospital", "AU", "R", "she was born on the {dob:child} and we live at {addr} in {city}"),
    ("gp", "IE", "R", "my date of birth is {dob} and the eircode is {zip} and my mobile is {mobile}"),
    ("housing", "CA", "R", "the address is {addr} and the postal code is {zip} and my number is {phone}"),
    ("benefits", "UK", "R", "yeah so the council tax account's {acct} and the address is {addr_flat} postcode {zip}"),
    ("school", "UK", "R", "her date of birth is {dob:child} she's in reception and we're at {addr} {zip}"),
    ("pharmacy", "IE", "R", "can you post it out to {addr} {city} {zip} she can't get out of the house"),
    ("hospital", "US", "R", "my husband's driver's license number is {dl} and his date of birth is {dob}"),
    ("benefits", "US", "R", "routing {aba} and then the account is {bank} and that's with chase"),
    ("benefits", "US", "R", "okay my passport number is {passport} it's a us passport and um it expires in twenty thirty"),
    ("social_care", "US", "T", "Kinship carer ID on file: {name:f}, U.S. passport {passport}; relationship to child: maternal grandmother. Child {first@b}, age 6."),
    ("helpline", "UK", "R", "my granddaughter's email it's {email} could you send the leaflet to her love"),
]

NEG = [
    # --- raw live ASR ---
    ("gp", "UK", "R", "hiya i just need to know if i take the {n_dose} in the morning or at night"),
    ("gp", "UK", "R", "the appointment's on {n_appt} at {n_time} is that still okay cos i might be a bit late"),
    ("pharmacy", "UK", "R", "it says take two tablets four times a day but not more than {n_qty} in twenty four hours is that right"),
    ("hospital", "UK", "R", "he's on ward {n_ward} bed {n_bed} i think the one near the lifts"),
    ("helpline", "UK", "R", "i'm {n_age:kid} and i'm in year {n_yeargroup} and i just feel really sad all the time"),
    ("benefits", "UK", "R", "they've took {n_money} off me for the advance and i've only got like twenty quid left for the week"),
    ("housing", "UK", "R", "the lift's been broken since {n_appt} and i'm on the {n_floor} floor with a pram"),
    ("helpline", "UK", "R", "um it's just that my dog {n_pet} died and i don't really have anyone else to tell"),
    ("school", "UK", "R", "she's in year {n_yeargroup} at st mary's and the bus doesn't come till {n_time}"),
    ("gp", "AU", "R", "yeah the script was for {n_dose} but the chemist only gave me {n_qty}"),
    ("helpline", "US", "R", "i don't wanna say my name is that okay i'm like {n_age:kid} and i'm at my friend's house"),
    ("hospital", "US", "R", "they said the copay would be {n_money} but the bill says way more than that"),
    ("benefits", "US", "R", "i called on {n_day} and they gave me a reference number {n_ref_w} but nobody called back"),
    ("housing", "IE", "R", "we've been on the list since {n_year} and there's five of us in a two bed"),
    ("gp", "IE", "R", "the doctor said to take {n_dose} and come back in {n_weeks} weeks if it's no better"),
    ("pharmacy", "CA", "R", "is it okay to take advil with the {n_dose} i'm taking"),
    ("helpline", "AU", "R", "yeah nah it's just like school's been hard since term {n_term} started"),
    ("social_care", "UK", "R", "she gets carers four times a day at like {n_time} and that but it's not enough"),
    ("helpline", "UK", "R", "i rang nine nine nine last time but they didn't come for like {n_hours} hours"),
    ("helpline", "CA", "R", "it's like three in the morning and i can't sleep again that's like the {n_ordinal} night in a row"),
    ("school", "US", "R", "my son's in {n_grade} grade and he keeps getting sent to the principal's office for nothing"),
    ("hospital", "AU", "R", "she's in room {n_room} on level {n_level} at the royal"),
    ("gp", "UK", "R", "i've had this cough for {n_weeks} weeks and the brown inhaler isn't doing much"),
    ("benefits", "AU", "R", "my rent went up by {n_money} a fortnight and centrelink reckons that's fine"),
    ("helpline", "UK", "R", "my cat's called {n_pet} and he's the only one i talk to really"),
    ("housing", "US", "R", "the heat's been out since {n_day} and it's like fifty degrees in here with a baby"),
    ("helpline", "IE", "R", "i'm in transition year and there's like {n_qty} of us in the group chat saying mean stuff"),
    ("gp", "CA", "R", "is the flu clinic still on {n_day} at the community centre from {n_time}"),
    ("helpline", "UK", "R", "i'm at the mcdonald's by the station i don't wanna go home yet it's like {n_time}"),
    ("helpline", "UK", "R", "i was gonna go to my nan's in victoria but the train's like {n_money}"),
    ("social_care", "UK", "R", "she's in hope house now the respite place near the park it's like {n_money} a week"),
    ("housing", "AU", "R", "we're in the housing commission flats on flinders street level {n_level} and the lift's out again"),
    ("gp", "UK", "R", "my appointment's in may sometime i think the {n_ordinal} and i'm seventy nine so i forget"),
    ("pharmacy", "UK", "R", "can i get the calpol the one for kids he's {n_small} and he's got a temperature"),
    ("benefits", "UK", "R", "i'm on pip the standard rate and they want me to fill in the form again by {n_appt}"),
    ("hospital", "IE", "R", "she's been on a trolley since {n_time} last night on the corridor"),
    ("helpline", "AU", "R", "i'm sixteen and i've been couch surfing for like {n_weeks} weeks now"),
    # --- whisper-style ASR ---
    ("gp", "UK", "W", "Hi, I've got an appointment at {n_time} on {n_appt_d} with the nurse, but I'm running about ten minutes late."),
    ("pharmacy", "UK", "W", "It's the {n_dose} tablets, I take one in the morning. I've got about {n_qty} left."),
    ("hospital", "UK", "W", "He's been moved to Ward {n_ward}, bed {n_bed}, on the fourth floor."),
    ("benefits", "UK", "W", "My Universal Credit payment went down by £{n_money_num:small} this month and I don't know why."),
    ("housing", "UK", "W", "The damp's been there since {n_year}. I reported it under reference {n_ref}."),
    ("helpline", "AU", "W", "I'm {n_age:kid}, I'm in Year {n_yeargroup}. I don't want to give my name."),
    ("school", "US", "W", "She's in {n_grade} grade at Lincoln Elementary, and pick-up is at {n_time}."),
    ("hospital", "US", "W", "The ER visit was on {n_appt_d}, and the bill came to {n_money}."),
    ("gp", "CA", "W", "The clinic on Victoria Street said the wait is {n_weeks} weeks for a physical."),
    ("benefits", "CA", "W", "I applied for the Canada Dental Benefit on {n_appt_d} and the confirmation number is {n_ref}."),
    ("social_care", "IE", "W", "He's been in respite at St. Joseph's since {n_appt_d}, he's {n_age:old} now."),
    ("helpline", "UK", "W", "My dog, {n_pet_cap}, is the only reason I get up in the mornings."),
    ("pharmacy", "AU", "W", "Is it okay to take Panadol with the {n_dose}? I'm {n_age:old}."),
    ("hospital", "IE", "W", "The consultant said surgery in {n_weeks} weeks, maybe, depending on beds."),
    ("housing", "AU", "W", "Level {n_level}, the lift's been out for {n_days} days and I've got a wheelchair."),
    ("helpline", "US", "W", "I've been sober {n_days} days. Today's just hard."),
    ("gp", "AU", "W", "The bulk-billing clinic on Smith Street closes at {n_time}, right?"),
    ("school", "US", "W", "He goes to Washington Irving Middle School, he's in {n_grade} grade."),
    ("benefits", "UK", "W", "I went to the Jobcentre on Church Street on {n_day} and they said to ring you."),
    ("housing", "UK", "W", "The High Street surgery said to contact you about the adaptations, the ramp and that. It's been {n_weeks} weeks."),
    ("gp", "US", "W", "Walgreens on Martin Luther King Jr Boulevard said my prescription wasn't there. It's the {n_dose}."),
    ("school", "IE", "W", "She's starting in Scoil Bhríde in September, junior infants. The uniform's €{n_money_num:small}, would you believe."),
    ("gp", "CA", "W", "I usually go to the St. Boniface clinic, but they're closed {n_day}s now."),
    ("benefits", "US", "W", "I went to the Social Security office on {n_day}, the one by the Kroger, and waited {n_hours} hours."),
    ("helpline", "AU", "W", "I'm staying at the Salvos' refuge in Parramatta for {n_days} nights."),
    ("gp", "UK", "W", "Can I get my flu jab at the Jubilee Centre instead? It's {n_day} I'm free."),
    ("helpline", "CA", "W", "I'm at the Tim Hortons on Jasper, I just needed somewhere warm. It's {n_temp} out."),
    ("hospital", "UK", "W", "She was born in Jamaica, came over in {n_oldyear}, and she's {n_age:old} now."),
    ("helpline", "US", "W", "My birthday was last week, I turned {n_age:old}, and nobody called. Not one person."),
    ("benefits", "IE", "W", "The lady in the Intreo office said it'd be {n_weeks} weeks before the first payment."),
    ("pharmacy", "US", "W", "The CVS on Lincoln Way says my insulin is {n_money} without insurance."),
    # --- typed ---
    ("gp", "UK", "T", "Reception note: pt called to cancel {n_appt_d} {n_time} appt with practice nurse. Rebooked. Ref {n_ref}."),
    ("hospital", "UK", "T", "Ward {n_ward} bed {n_bed}: IV paracetamol 1 g QDS, NEWS {n_news}. Obs 4-hourly. Family visiting from {n_time}."),
    ("pharmacy", "UK", "T", "Dispensed: atorvastatin {n_dose_num} mg x {n_qty}, 1 nocte. Next due {n_appt_d}."),
    ("hospital", "US", "T", "ED census at {n_time}: {n_qty} boarded, {n_qty2} waiting. Trauma bay 2 closed for cleaning."),
    ("benefits", "UK", "T", "Form UC50 received {n_appt_d}. WCA booked for {n_appt_d2}. Case ref {n_ref}."),
    ("housing", "UK", "T", "Void property inspection completed {n_appt_d}. Works order {n_ref} raised – est. cost £{n_money_num:big}."),
    ("school", "UK", "T", "Year {n_yeargroup} parents' evening {n_appt_d}, from {n_time} in the main hall. Book via the school app."),
    ("helpline", "UK", "T", "Counsellor: How long have you felt like this?\nCaller: since like {n_month} i guess\nCounsellor: That's a long time to carry this on your own."),
    ("helpline", "CA", "T", "Youth: idk i just dont want to go home\nCounsellor: That sounds really hard. On a scale of 1-10 how safe do you feel right now?\nYouth: {n_small}"),
    ("social_care", "UK", "T", "Strategy meeting held {n_appt_d} at Riverside Family Centre. Outcome: s47 enquiry to proceed. Next review in {n_weeks} weeks."),
    ("gp", "US", "T", "Lisinopril {n_dose_num} mg daily; BP {n_bp}; A1c {n_a1c}%. Follow-up in {n_weeks} weeks."),
    ("benefits", "US", "T", "SNAP benefit amount for household of {n_small}: ${n_money_num}/month. Recertification due {n_month} {n_fyear}."),
    ("housing", "CA", "T", "Ticket {n_ref}: no hot water, building B, {n_floor_num}th floor. Super notified {n_time}."),
    ("benefits", "AU", "T", "JobSeeker rate ${n_money_num:mid} per fortnight. Rent Assistance applies. Next reporting date {n_appt_d}."),
    ("school", "AU", "T", "Excursion to Taronga Zoo on {n_appt_d}. Cost ${n_money_num:small}. Bus departs {n_time} sharp."),
    ("hospital", "AU", "T", "Bed {n_bed}, Ward {n_ward}: post-op day {n_small}, mobilising with frame, pain 3/10 on oxycodone {n_dose_num} mg PRN."),
    ("helpline", "AU", "T", "Chat 21:14 — anon young person, approx {n_age:kid} yrs, NSW. Topic: exam stress. No risk identified. Duration {n_minutes} min."),
    ("gp", "IE", "T", "Flu vaccine clinic: {n_day}s {n_time}-12:00 at the Health Centre, Main Street. Over 65s and medical card holders."),
    ("social_care", "IE", "T", "Tusla referral ref {n_ref} acknowledged {n_appt_d}. Allocated to duty team. No further info at this time."),
    ("pharmacy", "US", "T", "Rx #{n_rxnum}: amoxicillin 875 mg BID x 10 days, qty {n_qty}, refills 0. Ready for pickup after {n_time}."),
    ("hospital", "CA", "T", "Wait time at the ED as of {n_time}: approx. {n_hours} hours. Urgent Care on Portage Avenue open until 22:00."),
    ("housing", "US", "T", "Reminder: rent of ${n_money_num:big} due on the 1st. Late fee applies after the 5th. Office closes early ({n_time}) on Fridays."),
    ("school", "CA", "T", "Grade {n_gradenum} field trip permission form due {n_appt_d}. Please send $15 in an envelope."),
    ("helpline", "US", "T", "Caller reports using oxycodone 30 mg daily for {n_years} years. Referred to treatment locator. Ticket {n_ref}."),
    ("social_care", "US", "T", "Case {n_ref}: home visit {n_appt_d}. Children present x{n_small}. No safety concerns observed. Next visit in 30 days."),
    ("gp", "UK", "T", "Warfarin clinic: INR {n_inr}, continue {n_dose_num} mg daily, recheck in {n_weeks} weeks."),
    ("benefits", "IE", "T", "Jobseeker's Allowance: €{n_money_num} per week from {n_appt_d}. Form UP1 received. Claim ref {n_ref}."),
    ("hospital", "UK", "T", "Transferred from Royal Victoria Infirmary to Freeman Hospital {n_appt_d}. Admitted under Cardiology (Ward {n_ward})."),
    ("hospital", "US", "T", "Transfer to Johns Hopkins Bayview for ortho consult; pt stable, morphine 4 mg IV given {n_time}."),
    ("social_care", "AU", "T", "Family referred to Uniting Care and the Salvation Army for emergency relief ({n_money} voucher)."),
    ("pharmacy", "UK", "T", "Boots, Lloyds and Superdrug all out of stock of Elvanse {n_dose_num} mg – advised to try again {n_day}."),
    ("hospital", "IE", "T", "Mater Misericordiae ED: {n_qty} patients on trolleys at 8am (INMO count). Surge plan activated."),
    ("school", "UK", "T", "Reminder: Year {n_yeargroup} trip to the Tower of London on {n_appt_d}. Packed lunch required. Cost £{n_money_num:small}."),
    ("benefits", "UK", "T", "Carer's Allowance: £{n_money_num} pw. Earnings limit applies. Form DS700 posted {n_appt_d}."),
    ("housing", "IE", "T", "HAP tenancy start {n_appt_d}. Rent €{n_money_num:big}/month, landlord registered with RTB. Inspection due in {n_weeks} weeks."),
    ("social_care", "CA", "T", "Home care hours increased from 7 to 14/week effective {n_appt_d}. PSW visits mornings {n_time}."),
    ("helpline", "IE", "T", "Volunteer: Are you somewhere safe right now?\nCaller: ya im in my room. mam and dad are shouting downstairs. its been going on since {n_time}"),
    ("school", "US", "T", "IEP meeting moved to {n_appt_d} at {n_time}, Room {n_room}. Speech and OT reports attached."),
    ("gp", "AU", "T", "Recall: cervical screening due {n_month} {n_fyear}. Care plan (GPMP) review in {n_weeks} weeks."),
    ("gp", "UK", "T", "Repeat Rx request: omeprazole 20 mg x 56, amlodipine {n_dose_num} mg x 28. Collect from pharmacy in {n_small} working days."),
    ("hospital", "US", "T", "Bed board {n_time}: 4 West full, 5 North {n_small} beds open, ICU at capacity. Diversion status reviewed."),
    ("housing", "AU", "T", "Maintenance request {n_ref}: leaking tap, bathroom. Priority 3 (within {n_days} days). Contractor: Hills Plumbing."),
    ("benefits", "CA", "T", "OAS/GIS estimate: ${n_money_num:big}/month from {n_month} {n_fyear}. Applicant age {n_age:old}."),
    ("school", "IE", "T", "Junior Cycle mock exams begin {n_appt_d}. Parent-teacher meeting for 2nd years moved to {n_day}."),
    ("helpline", "UK", "T", "Shift summary: {n_qty} calls answered, {n_small} escalated, avg handle time {n_minutes} min. No safeguarding referrals made."),
    ("social_care", "UK", "T", "Direct payment budget £{n_money_num}/week agreed at panel {n_appt_d}. Review in {n_weeks} weeks. Ref {n_ref}."),
    ("pharmacy", "CA", "T", "Flu shots available {n_day}s, no appointment needed. Ages 2+. Ask at the dispensary counter before {n_time}."),
    ("hospital", "AU", "T", "Outpatient clinic 3B running {n_minutes} minutes behind. On-call registrar paged at {n_time}."),
    ("helpline", "AU", "T", "Young person: its been like {n_weeks} weeks since i went to school\nCounsellor: Thanks for telling me that. What's been making it hard to go?\nYoung person: idk everything"),
    ("gp", "CA", "T", "Walk-in clinic opens {n_time} Mon–Fri, Sat 10:00–14:00. Bring your health card. Estimated wait {n_hours} hrs."),
]


# ---------------------------------------------------------------------------
# validation and main
# ---------------------------------------------------------------------------
TYPES = {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "US_SSN", "CREDIT_CARD", "IBAN_CODE",
         "US_BANK_NUMBER", "ABA_ROUTING_NUMBER", "ACCOUNT_NUMBER", "DATE_OF_BIRTH",
         "STREET_ADDRESS", "ZIP_CODE", "IP_ADDRESS", "US_DRIVER_LICENSE", "US_PASSPORT",
         "MEDICAL_RECORD_NUMBER"}


def revalidate(e):
    """Re-check every checksummed value (decoding spoken forms first)."""
    t, v, spk = e["type"], e["text"], e["spoken"]
    if t in ("CREDIT_CARD", "US_SSN", "ABA_ROUTING_NUMBER", "US_BANK_NUMBER"):
        d = decode_num(v) if spk else re.sub(r"\D", "", v)
        assert d.isdigit(), e
        if t == "CREDIT_CARD":
            assert luhn_ok(d) and ((d[0] == "4" and len(d) == 16) or (d[:2] in ("34", "37") and len(d) == 15)
                                   or (51 <= int(d[:2]) <= 55 and len(d) == 16)
                                   or (2221 <= int(d[:4]) <= 2720 and len(d) == 16)
                                   or (d[:4] == "6011" and len(d) == 16)), e
        elif t == "US_SSN":
            assert len(d) == 9 and ssn_ok(d), e
        elif t == "ABA_ROUTING_NUMBER":
            assert aba_ok(d), e
        else:
            assert 8 <= len(d) <= 12, e
    elif t == "IBAN_CODE":
        assert iban_ok(decode_alnum(v) if spk else v), e
    elif t == "EMAIL_ADDRESS":
        addr = decode_email(v) if spk else v
        assert re.fullmatch(r"[a-z0-9._]+@[a-z]+(\.[a-z]+)+", addr), e
    elif t == "IP_ADDRESS":
        addr = decode_ip(v) if spk else v
        if ":" not in addr:
            octs = addr.split(".")
            assert len(octs) == 4 and all(0 <= int(o) <= 255 for o in octs), e
    elif t == "PHONE_NUMBER":
        d = decode_num(v) if spk else re.sub(r"\D", "", v)
        if d.startswith("1") and len(d) == 11:
            assert nanp_ok(d[1:]), e
        elif len(d) == 10 and d[0] != "0":
            assert nanp_ok(d), e
        else:
            assert d[0] == "0" or d[:2] in ("44", "61") or d[:3] == "353", e
    elif t == "DATE_OF_BIRTH" and spk:
        decode_date(v)
    elif t == "MEDICAL_RECORD_NUMBER":
        d = decode_alnum(v) if spk else norm(v)
        if d.isdigit() and len(d) == 10 and d[0] in "467" and nhs_check(d[:9]) == int(d[9]):
            pass
        assert d.isalnum(), e
    elif t == "ZIP_CODE" and spk:
        assert decode_alnum(v), e


def check_record(rec, is_neg):
    text, ents = rec["text"], rec["entities"]
    last_end = -1
    for e in sorted(ents, key=lambda x: x["start"]):
        assert e["type"] in TYPES, e
        assert text[e["start"]:e["end"]] == e["text"], (text, e)
        assert e["text"] == e["text"].strip() and e["text"], e
        assert e["start"] >= last_end, ("overlap", text, e)
        last_end = e["end"]
        revalidate(e)
        if e["type"] == "PERSON":
            assert not e["spoken"]
            assert not re.match(r"(?i)(dr|mr|mrs|ms|miss)\b", e["text"]), e
            assert not e["text"].endswith("'s"), e
    if is_neg:
        assert not ents, rec
    else:
        assert ents, rec


def main():
    # frame sanity
    frames = POS + NEG
    assert len({f[3] for f in frames}) == len(frames), "duplicate frame text"
    for f in frames:
        assert f[1] in LOCALES and f[2] in "RWT", f
        if f[2] == "R":
            bare = re.sub(r"\{[^}]*\}", "", f[3])
            assert bare == bare.lower() and not re.search(r"[,.?!;:\"]", bare), f
    n_pos = N_TOTAL - N_NEG
    assert len(POS) <= n_pos <= 2 * len(POS)
    # Every positive frame is used once (second uses come from typed frames); negatives
    # use a subset of the ASR frames once and every typed frame once or twice, so that the
    # set is ~55 % ASR overall.
    n_asr_target = 165
    extra_pos = n_pos - len(POS)
    plan = [(f, False) for f in POS]
    plan += [(f, False) for f in rng.sample([f for f in POS if f[2] == "T"], extra_pos)]
    pos_asr = sum(1 for f, _ in plan if f[2] != "T")
    neg_asr_frames = [f for f in NEG if f[2] != "T"]
    neg_t_frames = [f for f in NEG if f[2] == "T"]
    n_neg_asr = n_asr_target - pos_asr
    n_neg_t = N_NEG - n_neg_asr
    assert 0 < n_neg_asr <= len(neg_asr_frames) and len(neg_t_frames) <= n_neg_t <= 2 * len(neg_t_frames)
    plan += [(f, True) for f in rng.sample(neg_asr_frames, n_neg_asr)]
    plan += [(f, True) for f in neg_t_frames]
    plan += [(f, True) for f in rng.sample(neg_t_frames, n_neg_t - len(neg_t_frames))]
    assert len(plan) == N_TOTAL

    records, seen = [], set()
    use = Counter()
    for frame, is_neg in plan:
        for _ in range(50):
            text, ents = build(frame)
            if text not in seen:
                break
        else:
            raise AssertionError("could not make unique text for %r" % (frame,))
        seen.add(text)
        use[frame[3]] += 1
        if frame[2] == "R":
            assert text == text.lower() and not re.search(r"[,.?!;:\"]", text), text
        rec = {"domain": frame[0], "style": "typed" if frame[2] == "T" else "asr",
               "text": text, "entities": ents, "_neg": is_neg, "_sub": frame[2], "_c": frame[1]}
        check_record(rec, is_neg)
        records.append(rec)
    assert max(use.values()) <= 2 and len(use) >= 150

    rng.shuffle(records)
    with open(OUT, "w", encoding="utf-8") as fh:
        for i, r in enumerate(records):
            out = {"id": "blind20-%03d" % i, "split": "blind20", "domain": r["domain"],
                   "style": r["style"], "text": r["text"], "entities": r["entities"]}
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")

    # summary
    tc = Counter(e["type"] for r in records for e in r["entities"])
    sp = Counter(e["type"] for r in records for e in r["entities"] if e["spoken"])
    n_ent = sum(tc.values())
    n_sp = sum(sp.values())
    negs = sum(1 for r in records if not r["entities"])
    print("wrote %s: %d records, %d distinct frames (max use %d)" % (OUT, len(records), len(use), max(use.values())))
    print("style:", dict(Counter(r["style"] for r in records)),
          "sub:", dict(Counter(r["_sub"] for r in records)))
    print("country:", dict(Counter(r["_c"] for r in records)))
    print("domain:", dict(Counter(r["domain"] for r in records)))
    print("negatives (no PII): %d" % negs)
    print("entities: %d, spoken: %d (%.1f%%)" % (n_ent, n_sp, 100.0 * n_sp / n_ent))
    for t in sorted(tc, key=lambda k: -tc[k]):
        print("  %-22s %4d  (spoken %d)" % (t, tc[t], sp[t]))


if __name__ == "__main__":
    main()
