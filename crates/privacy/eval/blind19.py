#!/usr/bin/env python3
"""Generator for the blind19 PII evaluation set.

Theme: after-hours and overflow lines (utilities, telecoms, banks, insurers,
plus a few nurse-line / helpline / government overflow calls) in the US,
Canada, UK, Ireland, Australia and New Zealand.

Running `python3 blind19.py` rewrites blind19.jsonl next to this script,
identically each time (fixed seed, standard library only).
"""
import collections
import ipaddress
import json
import os
import random
import re

SEED = 190019
N_TOTAL = 300
N_NEG = 120
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "blind19.jsonl")

# ---------------------------------------------------------------------------
# number words
# ---------------------------------------------------------------------------
ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
DIGIT_W = {w: str(i) for i, w in enumerate(ONES)}
DIGIT_W["oh"] = "0"
DIGIT_W["nought"] = "0"
TEEN_W = {w: str(10 + i) for i, w in enumerate(TEENS)}
TENS_W = {w: i for i, w in enumerate(TENS) if w}


def two(n):
    """cardinal words for 0..99"""
    assert 0 <= n < 100
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    t, u = divmod(n, 10)
    return TENS[t] + ("" if u == 0 else " " + ONES[u])


def cardinal(n, use_and=True):
    if n < 100:
        return two(n)
    if n < 1000:
        h, r = divmod(n, 100)
        if r == 0:
            return ONES[h] + " hundred"
        return ONES[h] + " hundred " + ("and " if use_and else "") + two(r)
    th, r = divmod(n, 1000)
    s = cardinal(th, use_and) + " thousand"
    if r == 0:
        return s
    if r < 100:
        return s + " and " + two(r)
    return s + " " + cardinal(r, use_and)


def decode_num(text):
    """Decode spoken digit strings ("five one two", "double oh", "forty four twelve",
    "eighty eight hundred", "plus four four") back to a digit string."""
    toks = re.findall(r"[a-z]+", text.lower())
    out = ""
    mult = 1
    i = 0
    while i < len(toks):
        t = toks[i]
        if t in ("double", "triple"):
            assert mult == 1
            mult = 2 if t == "double" else 3
            i += 1
            continue
        if t in DIGIT_W:
            out += DIGIT_W[t] * mult
            mult = 1
        else:
            assert mult == 1, text
            if t in TEEN_W:
                out += TEEN_W[t]
            elif t in TENS_W:
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                if nxt in DIGIT_W and DIGIT_W[nxt] != "0":
                    out += str(TENS_W[t]) + DIGIT_W[nxt]
                    i += 1
                else:
                    out += str(TENS_W[t]) + "0"
            elif t == "hundred":
                out += "00"
            elif t == "thousand":
                out += "000"
            elif t == "plus":
                out += "+"
            else:
                raise ValueError("cannot decode %r in %r" % (t, text))
        i += 1
    assert mult == 1
    return out


def zero_word(rng, p_oh=0.65):
    return "oh" if rng.random() < p_oh else "zero"


def say_digits(d, rng, p_oh=0.65, p_multi=0.45):
    """digit-by-digit reading, with 'oh', 'double', 'triple'"""
    words = []
    i = 0
    zw = zero_word(rng, p_oh)
    while i < len(d):
        c = d[i]
        j = i
        while j < len(d) and d[j] == c:
            j += 1
        run = j - i
        w = zw if c == "0" else ONES[int(c)]
        if run >= 3 and rng.random() < p_multi:
            words += ["triple", w]
            i += 3
            continue
        if run >= 2 and rng.random() < p_multi:
            words += ["double", w]
            i += 2
            continue
        words.append(w)
        i += 1
    s = " ".join(words)
    assert decode_num(s) == d, (s, d)
    return s


def say_pair(d, rng):
    """two digits read as a pair: '05' -> 'oh five', '47' -> 'forty seven'"""
    assert len(d) == 2
    if d[0] == "0":
        s = zero_word(rng, 0.9) + " " + ONES[int(d[1])]
    else:
        s = two(int(d))
    assert decode_num(s) == d
    return s


def say_chunk(d, rng, p_pairs=0.3):
    """read a chunk of digits; sometimes as pairs (US-style 'eighty eight nineteen')"""
    if len(d) == 4 and d[0] != "0" and rng.random() < p_pairs:
        if d[2:] == "00" and rng.random() < 0.6:
            s = two(int(d[:2])) + " hundred" if d[0] != "0" else None
        else:
            s = say_pair(d[:2], rng) + " " + say_pair(d[2:], rng)
    elif len(d) == 3 and d[0] != "0" and d[1] != "0" and rng.random() < p_pairs * 0.5:
        s = ONES[int(d[0])] + " " + say_pair(d[1:], rng)
    else:
        s = say_digits(d, rng)
    assert decode_num(s) == d, (s, d)
    return s


def say_house(n, rng):
    """house numbers the way people say them"""
    d = str(n)
    if n < 100:
        s = two(n)
    elif rng.random() < 0.25:
        s = say_digits(d, rng, p_multi=0.0)
    elif n < 1000:
        if n % 100 == 0:
            s = ONES[n // 100] + " hundred"
        else:
            s = ONES[int(d[0])] + " " + say_pair(d[1:], rng)
    else:
        if d[2:] == "00":
            s = two(int(d[:2])) + " hundred"
        else:
            s = say_pair(d[:2], rng) + " " + say_pair(d[2:], rng)
    assert decode_num(s) == d, (s, d)
    return s


def decode_code(text):
    """letters + number words -> uppercase alphanumeric code"""
    toks = re.findall(r"[a-z]+", text.lower())
    out = ""
    buf = []
    for t in toks:
        if len(t) == 1:
            if buf:
                out += decode_num(" ".join(buf))
                buf = []
            out += t.upper()
        else:
            buf.append(t)
    if buf:
        out += decode_num(" ".join(buf))
    return out


def say_code(code, rng, sep=" "):
    """'SW9 2JH' -> 's w nine two j h' (digits by word, zero as 'zero')"""
    parts = []
    for ch in code:
        if ch.isalpha():
            parts.append(ch.lower())
        elif ch.isdigit():
            parts.append(ONES[int(ch)])
    s = sep.join(parts)
    assert decode_code(s) == re.sub(r"[^A-Z0-9]", "", code.upper()), (s, code)
    return s


def say_code_chunks(chunks, rng, sep=" "):
    out = []
    for ch in chunks:
        if ch.isdigit():
            out.append(say_digits(ch, rng, p_oh=0.5))
        else:
            out.append(say_code(ch, rng))
    s = sep.join(out)
    assert decode_code(s) == "".join(chunks).upper(), (s, chunks)
    return s


MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
ORD_SMALL = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
             "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
ORD_W = {w: i for i, w in enumerate(ORD_SMALL) if w}
ORD_W["twentieth"] = 20
ORD_W["thirtieth"] = 30
DIM = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def ordinal_words(n):
    if n < 20:
        return ORD_SMALL[n]
    t, u = divmod(n, 10)
    if u == 0:
        return {2: "twentieth", 3: "thirtieth"}[t]
    return TENS[t] + " " + ORD_SMALL[u]


def ordinal_suffix(n):
    if 10 <= n % 100 <= 20:
        return "%dth" % n
    return "%d%s" % (n, {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def year_words(y, rng):
    if y < 2000:
        s = two(y // 100) + " " + (say_pair("%02d" % (y % 100), rng) if y % 100 else "hundred")
    else:
        r = y - 2000
        if r == 0:
            s = "two thousand"
        elif r < 10 or rng.random() < 0.5:
            s = "two thousand " + ("and " if rng.random() < 0.5 else "") + two(r)
        else:
            s = "twenty " + two(r)
    return s


def decode_year(toks):
    toks = [t for t in toks if t != "and"]
    if toks[:2] == ["two", "thousand"]:
        rest = toks[2:]
        if not rest:
            return 2000
        v = decode_num(" ".join(rest))
        return 2000 + int(v)
    v = decode_num(" ".join(toks))
    assert len(v) == 4, toks
    return int(v)


def decode_date(text):
    """decode 'fourteenth of march nineteen eighty seven' /
    'march fourteenth nineteen eighty seven' -> (y, m, d)"""
    toks = [t for t in re.findall(r"[a-z]+", text.lower()) if t not in ("of", "the")]
    mi = [i for i, t in enumerate(toks) if t in MONTHS]
    assert len(mi) == 1, text
    mi = mi[0]
    month = MONTHS.index(toks[mi]) + 1

    def parse_day(ts):
        if len(ts) == 1:
            return ORD_W[ts[0]]
        assert len(ts) == 2 and ts[0] in TENS_W
        return TENS_W[ts[0]] * 10 + ORD_W[ts[1]]

    if mi > 0:  # day before month
        day = parse_day(toks[:mi])
        year = decode_year(toks[mi + 1:])
    else:
        rest = toks[1:]
        k = 0
        while rest[k] not in ORD_W:
            k += 1
        day = parse_day(rest[:k + 1])
        year = decode_year(rest[k + 1:])
    return (year, month, day)


def decode_email(text):
    toks = re.findall(r"[a-z]+", text.lower())
    out = ""
    buf = []
    numw = set(DIGIT_W) | set(TEEN_W) | set(TENS_W) | {"double", "triple"}
    sym = {"at": "@", "dot": ".", "underscore": "_", "dash": "-", "hyphen": "-"}
    for t in toks:
        if t in numw:
            buf.append(t)
            continue
        if buf:
            out += decode_num(" ".join(buf))
            buf = []
        out += sym.get(t, t)
    if buf:
        out += decode_num(" ".join(buf))
    return out


def decode_ip(text):
    parts = re.split(r"\bdot\b", text.lower())
    return ".".join(str(int(decode_num(p))) for p in parts)


# ---------------------------------------------------------------------------
# checksums / validity rules
# ---------------------------------------------------------------------------
def luhn_ok(d):
    s = 0
    for i, c in enumerate(reversed(d)):
        v = int(c)
        if i % 2 == 1:
            v *= 2
            if v > 9:
                v -= 9
        s += v
    return s % 10 == 0


def luhn_complete(partial):
    for c in "0123456789":
        if luhn_ok(partial + c):
            return partial + c
    raise AssertionError


def card_issuer_ok(d):
    n = len(d)
    if d[0] == "4":
        return n in (13, 16, 19)
    if 51 <= int(d[:2]) <= 55 or 2221 <= int(d[:4]) <= 2720:
        return n == 16
    if d[:2] in ("34", "37"):
        return n == 15
    if d[:4] == "6011" or d[:2] == "65":
        return n == 16
    return False


IBAN_LEN = {"GB": 22, "IE": 22, "DE": 22, "FR": 27, "ES": 24, "NL": 18}


def iban_num(s):
    return int("".join(str(int(c, 36)) for c in s))


def iban_ok(iban):
    s = re.sub(r"\s", "", iban).upper()
    if IBAN_LEN.get(s[:2]) != len(s):
        return False
    return iban_num(s[4:] + s[:4]) % 97 == 1


def iban_make(cc, bban):
    chk = 98 - iban_num(bban + cc + "00") % 97
    s = "%s%02d%s" % (cc, chk, bban)
    assert iban_ok(s)
    return s


def aba_ok(d):
    if len(d) != 9 or not d.isdigit():
        return False
    p = int(d[:2])
    if not (0 <= p <= 12 or 21 <= p <= 32 or 61 <= p <= 72 or p == 80):
        return False
    w = [3, 7, 1] * 3
    return sum(int(c) * k for c, k in zip(d, w)) % 10 == 0


def ssn_ok(d):
    if len(d) != 9:
        return False
    a, g, s = int(d[:3]), int(d[3:5]), int(d[5:])
    return a != 0 and a != 666 and a < 900 and g != 0 and s != 0


def nhs_ok(d):
    if len(d) != 10:
        return False
    tot = sum(int(c) * (10 - i) for i, c in enumerate(d[:9]))
    chk = 11 - tot % 11
    if chk == 11:
        chk = 0
    return chk != 10 and chk == int(d[9])


def nanp_ok(d):
    if len(d) != 10:
        return False
    a, e = d[:3], d[3:6]
    return (a[0] in "23456789" and a[1] != "9" and a[1:] != "11"
            and e[0] in "23456789" and e[1:] != "11" and e != "555")


# ---------------------------------------------------------------------------
# data pools
# ---------------------------------------------------------------------------
NAMES = [
    ("Oliver", "Bennett"), ("Charlotte", "Hughes"), ("James", "Whitaker"), ("Emily", "Carter"),
    ("Thomas", "Reid"), ("Hannah", "Fletcher"), ("Grace", "Whitfield"), ("Will", "Hartley"),
    ("Siobhan", "O'Connell"), ("Ciaran", "Gallagher"), ("Aoife", "Brennan"), ("Padraig", "Nolan"),
    ("Niamh", "Doherty"), ("Eoin", "Kavanagh"),
    ("Alejandro", "Ruiz"), ("Marisol", "Gutierrez"), ("Javier", "Morales"), ("Lucia", "Fernandez"),
    ("Diego", "Castillo"), ("Ximena", "Salazar"),
    ("Priya", "Raghunathan"), ("Arjun", "Mehta"), ("Sanjay", "Kulkarni"), ("Fatima", "Siddiqui"),
    ("Harpreet", "Sandhu"), ("Deepa", "Iyer"),
    ("Wei", "Zhang"), ("Mei Lin", "Chen"), ("Hiroshi", "Tanaka"), ("Ji-woo", "Park"),
    ("Minh", "Nguyen"), ("Yuki", "Sato"),
    ("Kwame", "Mensah"), ("Chiamaka", "Okafor"), ("Oluwaseun", "Adeyemi"), ("Thandiwe", "Dlamini"),
    ("Abebe", "Tesfaye"), ("Amara", "Diallo"),
    ("Agnieszka", "Kowalczyk"), ("Dmitri", "Volkov"), ("Tomasz", "Nowak"), ("Ivana", "Horvat"),
    ("Oksana", "Shevchenko"), ("Bogdan", "Popescu"),
    ("Aroha", "Ngata"), ("Wiremu", "Tane"), ("Mere", "Parata"), ("Tama", "Whaanga"),
    ("Rangi", "Pomare"), ("Losa", "Faleolo"),
    ("Omar", "Haddad"), ("Layla", "Mansour"), ("Yusuf", "Al-Amin"), ("Noor", "Khalil"),
    ("Karim", "Nasser"), ("Samira", "Aziz"),
    ("Hope", "Tuilagi"), ("Bich Ngoc", "Tran"), ("Rosa", "Delgado"), ("Connor", "MacLeod"),
    ("Sione", "Taufa"), ("Ngozi", "Eze"), ("Raj", "Pillai"), ("Jae-hyun", "Kim"),
    ("Zofia", "Wisniewska"), ("Mateus", "Oliveira"), ("Dolores", "Baptiste"), ("Rohan", "Fernando"),
]

US_CITIES = [("Austin", "TX", "787", "512"), ("Chicago", "IL", "606", "312"),
             ("Seattle", "WA", "981", "206"), ("Denver", "CO", "802", "303"),
             ("Atlanta", "GA", "303", "404"), ("Phoenix", "AZ", "850", "602"),
             ("Columbus", "OH", "432", "614"), ("Charlotte", "NC", "282", "704"),
             ("Portland", "OR", "972", "503"), ("Miami", "FL", "331", "305"),
             ("Boston", "MA", "021", "617"), ("Minneapolis", "MN", "554", "612"),
             ("Sacramento", "CA", "958", "916"), ("Houston", "TX", "770", "713")]
CA_CITIES = [("Toronto", "ON", "M", "416"), ("Vancouver", "BC", "V", "604"),
             ("Calgary", "AB", "T", "403"), ("Winnipeg", "MB", "R", "204"),
             ("Halifax", "NS", "B", "902"), ("Ottawa", "ON", "K", "613"),
             ("Montreal", "QC", "H", "514"), ("Edmonton", "AB", "T", "780"),
             ("Regina", "SK", "S", "306")]
UK_CITIES = [("Manchester", "M"), ("Leeds", "LS"), ("Bristol", "BS"), ("Edinburgh", "EH"),
             ("Cardiff", "CF"), ("Glasgow", "G"), ("London", "SW"), ("London", "E"),
             ("Birmingham", "B"), ("Nottingham", "NG"), ("Liverpool", "L"), ("Belfast", "BT"),
             ("Sheffield", "S"), ("Norwich", "NR")]
IE_CITIES = [("Dublin 2", "D02"), ("Cork", "T12"), ("Galway", "H91"), ("Limerick", "V94"),
             ("Dublin 15", "D15"), ("Kilkenny", "R95"), ("Waterford", "X91"), ("Dublin 6", "D06"),
             ("Sligo", "F91"), ("Athlone", "N37")]
AU_CITIES = [("Sydney", "NSW", 2000, "02"), ("Melbourne", "VIC", 3000, "03"),
             ("Brisbane", "QLD", 4000, "07"), ("Perth", "WA", 6000, "08"),
             ("Adelaide", "SA", 5000, "08"), ("Hobart", "TAS", 7000, "03"),
             ("Geelong", "VIC", 3214, "03"), ("Newcastle", "NSW", 2289, "02")]
NZ_CITIES = [("Auckland", "09"), ("Wellington", "04"), ("Christchurch", "03"),
             ("Hamilton", "07"), ("Dunedin", "03"), ("Tauranga", "07"), ("Porirua", "04")]

STREETS = {
    "us": ["Maple", "Oak", "Cedar", "Birch", "Willow", "Lakeview", "Sunset", "Highland",
           "Peachtree", "Elm", "Pine", "Magnolia", "Ridgeview", "Meadowbrook"],
    "ca": ["Portage", "Jasper", "Yonge", "Bloor", "Kingsway", "Granville", "Dundas",
           "Barrington", "Elgin", "Whyte", "Lakeshore"],
    "uk": ["High", "Station", "Church", "Victoria", "Mill", "Park", "Queens", "Kings",
           "Albert", "Manor", "Grange", "Windsor", "Beech", "Chapel"],
    "ie": ["Main", "Church", "Griffith", "Strand", "Patrick", "Castle", "Seafield",
           "Oakpark", "Ballymun", "Tuam"],
    "au": ["Wattle", "Banksia", "George", "Beach", "Macquarie", "Bourke", "Jacaranda",
           "Hume", "Bellbird"],
    "nz": ["Kauri", "Rimu", "Pohutukawa", "Ponsonby", "Cuba", "Tui", "Manuka", "Totara",
           "Kowhai"],
}
STYPES = {
    "us": [("Street", "St"), ("Avenue", "Ave"), ("Boulevard", "Blvd"), ("Drive", "Dr"),
           ("Lane", "Ln"), ("Court", "Ct"), ("Road", "Rd")],
    "ca": [("Avenue", "Ave"), ("Street", "St"), ("Boulevard", "Blvd"), ("Road", "Rd"),
           ("Crescent", "Cres"), ("Drive", "Dr")],
    "uk": [("Street", "St"), ("Road", "Rd"), ("Lane", "Lane"), ("Avenue", "Ave"),
           ("Close", "Close"), ("Terrace", "Terrace"), ("Way", "Way")],
    "ie": [("Street", "St"), ("Road", "Rd"), ("Avenue", "Ave"), ("Drive", "Drive"),
           ("Park", "Park"), ("Lawn", "Lawn")],
    "au": [("Street", "St"), ("Avenue", "Ave"), ("Road", "Rd"), ("Crescent", "Cres"),
           ("Parade", "Pde"), ("Close", "Cl")],
    "nz": [("Road", "Rd"), ("Street", "St"), ("Avenue", "Ave"), ("Crescent", "Cres"),
           ("Place", "Pl"), ("Terrace", "Tce")],
}
EMAIL_DOMAINS = [("gmail.com", "gmail dot com"), ("yahoo.com", "yahoo dot com"),
                 ("hotmail.co.uk", "hotmail dot co dot uk"), ("outlook.com", "outlook dot com"),
                 ("icloud.com", "icloud dot com"), ("eircom.net", "eircom dot net"),
                 ("bigpond.com", "bigpond dot com"), ("xtra.co.nz", "x t r a dot co dot n z"),
                 ("shaw.ca", "shaw dot c a"), ("btinternet.com", "b t internet dot com"),
                 ("comcast.net", "comcast dot net"), ("sky.com", "sky dot com"),
                 ("protonmail.com", "protonmail dot com"), ("live.ie", "live dot i e")]
NANP_AREAS_US = ["212", "213", "312", "415", "512", "617", "702", "713", "404", "303", "206",
                 "305", "602", "704", "919", "503", "614", "801", "916", "972", "612", "720"]
NANP_AREAS_CA = ["416", "604", "514", "403", "780", "613", "902", "204", "306", "647", "905",
                 "778", "587"]
PC_LETTERS_UK = "ABDEFGHJLNPQRSTUWXYZ"
PC_LETTERS_CA = "ABCEGHJKLMNPRSTVXY"
EIR_CHARS = "ACDEFHKNPRTVWXY0123456789"


def rdigits(rng, n, first_nonzero=False):
    s = "".join(rng.choice("0123456789") for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = rng.choice("123456789") + s[1:]
    return s


def cap(s):
    return s[0].upper() + s[1:]


# ---------------------------------------------------------------------------
# value makers
# ---------------------------------------------------------------------------
FEMALE = {"Charlotte", "Emily", "Hannah", "Grace", "Siobhan", "Aoife", "Niamh", "Marisol", "Lucia",
          "Ximena", "Priya", "Fatima", "Deepa", "Mei Lin", "Chiamaka", "Thandiwe", "Amara",
          "Agnieszka", "Ivana", "Oksana", "Aroha", "Mere", "Losa", "Layla", "Samira", "Hope",
          "Bich Ngoc", "Rosa", "Ngozi", "Zofia", "Dolores"}
UNISEX = {"Harpreet", "Ji-woo", "Yuki", "Noor", "Wei"}


def mk_name(rng, ctx, param):
    used = ctx.setdefault("names_used", set())
    while True:
        f, l = rng.choice(NAMES)
        if param == "f" and f not in FEMALE | UNISEX:
            continue
        if param == "m" and f in FEMALE:
            continue
        if f not in used:
            used.add(f)
            return {"first": f, "last": l}


def nanp_line(rng, area):
    while True:
        e = rng.choice("23456789") + rdigits(rng, 2)
        if e[1:] != "11" and e != "555":
            break
    d = area + e + rdigits(rng, 4)
    assert nanp_ok(d)
    return d


def mk_phone(kind, rng, ctx):
    if kind == "phus":
        area = ctx["uscity"][3] if "uscity" in ctx and rng.random() < 0.7 else rng.choice(NANP_AREAS_US)
        d = nanp_line(rng, area)
        return {"cc": "1", "nat": d, "groups": [d[:3], d[3:6], d[6:]], "kind": kind}
    if kind == "phca":
        area = ctx["cacity"][3] if "cacity" in ctx and rng.random() < 0.7 else rng.choice(NANP_AREAS_CA)
        d = nanp_line(rng, area)
        return {"cc": "1", "nat": d, "groups": [d[:3], d[3:6], d[6:]], "kind": kind}
    if kind == "phuk":
        r = rng.random()
        if r < 0.6:
            d = "07" + rng.choice("45789") + rdigits(rng, 8)
            g = [d[:5], d[5:]] if rng.random() < 0.5 else [d[:5], d[5:8], d[8:]]
        elif r < 0.8:
            d = "020" + rng.choice("378") + rdigits(rng, 7)
            g = [d[:3], d[3:7], d[7:]]
        else:
            code = rng.choice(["0161", "0113", "0131", "0117", "0141", "0151"])
            d = code + rng.choice("2345789") + rdigits(rng, 6)
            g = [d[:4], d[4:7], d[7:]]
        assert len(d) == 11
        return {"cc": "44", "nat": d, "groups": g, "kind": kind}
    if kind == "phie":
        if rng.random() < 0.7:
            d = "08" + rng.choice("35679") + rng.choice("23456789") + rdigits(rng, 6)
            g = [d[:3], d[3:6], d[6:]]
        else:
            code = rng.choice(["01", "021", "091", "061"])
            d = code + rng.choice("2345689") + rdigits(rng, 6 if code in ("01", "021") else 5)
            g = [code, d[len(code):len(code) + 3], d[len(code) + 3:]]
        return {"cc": "353", "nat": d, "groups": g, "kind": kind}
    if kind == "phau":
        if rng.random() < 0.65:
            d = "04" + rng.choice("0123578") + rdigits(rng, 7)
            g = [d[:4], d[4:7], d[7:]]
        else:
            code = ctx["aucity"][3] if "aucity" in ctx else rng.choice(["02", "03", "07", "08"])
            first = {"02": "98", "03": "98", "07": "34", "08": "89"}[code]
            d = code + rng.choice(first) + rdigits(rng, 7)
            g = [d[:2], d[2:6], d[6:]]
        assert len(d) == 10
        return {"cc": "61", "nat": d, "groups": g, "kind": kind}
    if kind == "phnz":
        if rng.random() < 0.6:
            d = rng.choice(["021", "022", "027"]) + rng.choice("23456789") + rdigits(rng, 6)
            g = [d[:3], d[3:6], d[6:]]
        else:
            code = ctx["nzcity"][1] if "nzcity" in ctx else rng.choice(["09", "04", "03", "07"])
            d = code + rng.choice("2345689") + rdigits(rng, 6)
            g = [d[:2], d[2:5], d[5:]]
        return {"cc": "64", "nat": d, "groups": g, "kind": kind}
    raise KeyError(kind)


def render_phone(v, r, rng):
    k, g, d = v["kind"], v["groups"], v["nat"]
    if r == "d":
        if k in ("phus", "phca"):
            return rng.choice(["(%s) %s-%s" % tuple(g), "%s-%s-%s" % tuple(g),
                               "%s.%s.%s" % tuple(g), "%s %s %s" % tuple(g)])
        if k in ("phau", "phnz") and len(g[0]) == 2 and rng.random() < 0.5:
            return "(%s) %s" % (g[0], " ".join(g[1:]))
        return " ".join(g)
    if r == "e":
        if k in ("phus", "phca"):
            return rng.choice(["+1 %s %s %s" % tuple(g), "+1-%s-%s-%s" % tuple(g),
                               "+1%s" % d])
        nat = d[1:]
        rest = [g[0][1:]] + g[1:]
        rest = [x for x in rest if x]
        if rng.random() < 0.3:
            return "+%s%s" % (v["cc"], nat)
        return "+%s %s" % (v["cc"], " ".join(rest))
    if r in ("w", "wc"):
        sep = " " if r == "w" else ", "
        chunks = list(g)
        if k in ("phus", "phca") and rng.random() < 0.15:
            chunks = ["1"] + chunks
        parts = [say_chunk(c, rng, p_pairs=0.35 if k in ("phus", "phca") else 0.1) for c in chunks]
        s = sep.join(parts)
        dec = decode_num(s)
        assert dec == d or dec == "1" + d, (s, d)
        return s
    raise KeyError(r)


def mk_email(rng, ctx, param):
    f, l = rng.choice(NAMES)
    fw = f.lower().replace("-", " ").replace("'", "")
    lw = l.lower().replace("-", " ").replace("'", "")
    fl, ll = fw.replace(" ", ""), lw.replace(" ", "")
    num = ""
    pat = rng.randrange(7)
    if pat == 0:
        local, sp = fl + "." + ll, fw + " dot " + lw
    elif pat == 1:
        n = rng.randint(60, 99) if rng.random() < 0.5 else rng.randint(1, 30)
        num = str(n)
        local, sp = fl + ll + num, fw + " " + lw + " " + two(n)
    elif pat == 2:
        local, sp = fl[0] + ll, fl[0] + " " + lw
    elif pat == 3:
        local, sp = fl + "_" + ll, fw + " underscore " + lw
    elif pat == 4:
        n = rng.randint(1965, 2004)
        local, sp = fl + str(n), fw + " " + say_pair(str(n)[:2], rng) + " " + say_pair(str(n)[2:], rng)
    elif pat == 5:
        local, sp = ll + "." + fl[0], lw + " dot " + fl[0]
    else:
        n = rng.randint(1, 9)
        local, sp = fl + "." + ll + str(n), fw + " dot " + lw + " " + ONES[n]
    dom, dsp = rng.choice(EMAIL_DOMAINS)
    return {"addr": local + "@" + dom, "spoken": sp + " at " + dsp}


def render_email(v, r, rng):
    if r == "d":
        return v["addr"] if rng.random() < 0.85 else v["addr"].capitalize()
    if r == "w":
        s = v["spoken"]
        assert decode_email(s) == v["addr"], (s, v)
        return s
    raise KeyError(r)


def mk_ssn(rng, ctx, param):
    while True:
        a = rng.randint(1, 899)
        if a == 666:
            continue
        d = "%03d%02d%04d" % (a, rng.randint(1, 99), rng.randint(1, 9999))
        if ssn_ok(d):
            return {"d": d}


def render_ssn(v, r, rng):
    d = v["d"]
    g = [d[:3], d[3:5], d[5:]]
    if r == "d":
        return rng.choice(["%s-%s-%s", "%s-%s-%s", "%s %s %s"]) % tuple(g)
    if r in ("w", "wc"):
        sep = " " if r == "w" else ", "
        parts = [say_digits(g[0], rng), say_pair(g[1], rng) if rng.random() < 0.4 else say_digits(g[1], rng),
                 say_chunk(g[2], rng, p_pairs=0.4)]
        s = sep.join(parts)
        assert decode_num(s) == d
        return s
    raise KeyError(r)


def mk_cc(rng, ctx, param):
    t = rng.choice(["visa", "visa", "visa", "mc", "mc", "mc2", "amex", "disc"])
    if t == "visa":
        p, n = "4" + rdigits(rng, 5), 16
    elif t == "mc":
        p, n = str(rng.randint(51, 55)) + rdigits(rng, 4), 16
    elif t == "mc2":
        p, n = str(rng.randint(2221, 2720)) + rdigits(rng, 2), 16
    elif t == "amex":
        p, n = rng.choice(["34", "37"]) + rdigits(rng, 4), 15
    else:
        p, n = "6011" + rdigits(rng, 2), 16
    d = luhn_complete(p + rdigits(rng, n - len(p) - 1))
    assert luhn_ok(d) and card_issuer_ok(d)
    g = [d[:4], d[4:10], d[10:]] if n == 15 else [d[i:i + 4] for i in range(0, 16, 4)]
    return {"d": d, "g": g}


def render_cc(v, r, rng):
    g = v["g"]
    if r == "d":
        return " ".join(g)
    if r == "dash":
        return "-".join(g)
    if r == "n":
        return v["d"]
    if r in ("w", "wc"):
        sep = " " if r == "w" else ", "
        s = sep.join(say_digits(c, rng) for c in g)
        assert decode_num(s) == v["d"]
        return s
    raise KeyError(r)


def mk_iban(cc, rng):
    if cc == "GB":
        bban = rng.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "NAIA"]) + rdigits(rng, 6) + rdigits(rng, 8)
    elif cc == "IE":
        bban = rng.choice(["AIBK", "BOFI", "IPBS", "ULSB"]) + rdigits(rng, 6) + rdigits(rng, 8)
    elif cc == "DE":
        bban = rdigits(rng, 8, True) + rdigits(rng, 10)
    elif cc == "FR":
        bban = rdigits(rng, 23)
    elif cc == "ES":
        bban = rdigits(rng, 20)
    elif cc == "NL":
        bban = rng.choice(["ABNA", "INGB", "RABO"]) + rdigits(rng, 10)
    s = iban_make(cc, bban)
    assert len(s) == IBAN_LEN[cc]
    return {"d": s}


def render_iban(v, r, rng):
    s = v["d"]
    g = [s[i:i + 4] for i in range(0, len(s), 4)]
    if r == "d":
        return " ".join(g)
    if r == "n":
        return s
    if r == "w":
        chunks = [s[:2], s[2:4], s[4:8]] + [s[i:i + 4] for i in range(8, len(s), 4)]
        # letters of bank code spelt, digits read in groups
        out = []
        for c in chunks:
            if c.isdigit():
                out.append(say_digits(c, rng, p_oh=0.5, p_multi=0.3))
            else:
                out.append(say_code_chunks(re.findall(r"[A-Z]+|[0-9]+", c), rng))
        sp = " ".join(out)
        assert decode_code(sp) == s, (sp, s)
        return sp
    raise KeyError(r)


def mk_aba(rng, ctx, param):
    while True:
        p = rng.choice(["0" + str(rng.randint(1, 9)), str(rng.randint(10, 12)),
                        str(rng.randint(21, 32)), str(rng.randint(61, 72))])
        part = p + rdigits(rng, 6)
        for c in "0123456789":
            if aba_ok(part + c):
                return {"d": part + c}


def render_digits_plain(v, r, rng, groups=None):
    d = v["d"]
    if r == "d":
        if groups and rng.random() < 0.4:
            out, i = [], 0
            for n in groups:
                out.append(d[i:i + n])
                i += n
            return " ".join(out)
        return d
    if r in ("w", "wc"):
        sep = " " if r == "w" else ", "
        if groups:
            out, i = [], 0
            for n in groups:
                out.append(d[i:i + n])
                i += n
        else:
            out = [d[i:i + 3] for i in range(0, len(d), 3)]
        s = sep.join(say_chunk(c, rng, p_pairs=0.2) for c in out)
        assert decode_num(s) == d, (s, d)
        return s
    raise KeyError(r)


def mk_usbank(rng, ctx, param):
    n = rng.choice([9, 10, 10, 11, 12])
    d = rdigits(rng, n)
    if rng.random() < 0.3:
        d = "00" + d[2:]
    return {"d": d}


def mk_acct(kind, rng):
    if kind == "acu":  # utility / energy account
        n = rng.choice([10, 11, 12])
        d = rdigits(rng, n, True)
        g = [4, 4, n - 8]
        return {"d": d, "g": g, "alnum": False}
    if kind == "act":  # telecom account
        d = rdigits(rng, 9, True)
        return {"d": d, "g": [3, 3, 3], "alnum": False}
    if kind == "acm":  # member number
        d = rdigits(rng, rng.choice([7, 8]), True)
        return {"d": d, "g": None, "alnum": False}
    if kind == "acp":  # insurance policy (alphanumeric)
        style = rng.randrange(4)
        if style == 0:
            pre = rng.choice(["HX", "MTR", "HOM", "PL", "AV", "CMP"])
            num = rdigits(rng, 7, True)
            return {"d": pre + num, "show": pre + "-" + num[:4] + "-" + num[4:], "parts": [pre, num],
                    "alnum": True}
        if style == 1:
            pre = rng.choice(["POL", "MOT", "HHI"])
            num = rdigits(rng, 8, True)
            return {"d": pre + num, "show": pre + num, "parts": [pre, num], "alnum": True}
        if style == 2:
            num = rdigits(rng, 10, True)
            return {"d": num, "show": num[:3] + " " + num[3:6] + " " + num[6:], "parts": [num],
                    "alnum": True}
        pre = rng.choice(["A", "Q", "Z"])
        num = rdigits(rng, 6, True)
        suf = rng.choice(["K", "M", "T"])
        return {"d": pre + num + suf, "show": pre + num + suf, "parts": [pre, num, suf], "alnum": True}
    raise KeyError(kind)


def render_acct(v, r, rng):
    if v["alnum"]:
        if r == "d":
            return v["show"]
        if r in ("w", "wc"):
            chunks = []
            for p in v["parts"]:
                if p.isdigit():
                    chunks += [p[i:i + 4] for i in range(0, len(p), 4)] if len(p) > 5 else [p]
                else:
                    chunks.append(p)
            sep = " " if r == "w" else ", "
            out = [say_digits(c, rng) if c.isdigit() else say_code(c, rng) for c in chunks]
            s = sep.join(out)
            assert decode_code(s) == v["d"], (s, v)
            return s
        raise KeyError(r)
    return render_digits_plain(v, r, rng, v["g"])


def mk_dob(rng, ctx, param):
    y = rng.randint(1938, 2005)
    m = rng.randint(1, 12)
    d = rng.randint(1, DIM[m - 1])
    return {"y": y, "m": m, "d": d}


def render_dob(v, r, rng):
    y, m, d = v["y"], v["m"], v["d"]
    M = cap(MONTHS[m - 1])
    if r == "dmy":
        return rng.choice(["%02d/%02d/%d", "%d/%d/%d", "%02d-%02d-%d", "%02d.%02d.%d"]) % (d, m, y)
    if r == "mdy":
        return rng.choice(["%02d/%02d/%d", "%d/%d/%d", "%02d-%02d-%d"]) % (m, d, y)
    if r == "lus":
        return "%s %d, %d" % (M if rng.random() < 0.7 else M[:3], d, y)
    if r == "luk":
        return rng.choice(["%d %s %d" % (d, M, y), "%s %s %d" % (ordinal_suffix(d), M, y),
                           "%s of %s %d" % (ordinal_suffix(d), M, y)])
    if r == "iso":
        return "%d-%02d-%02d" % (y, m, d)
    if r == "wh":
        return rng.choice(["%s %s, %d" % (M, ordinal_suffix(d), y),
                           "%s of %s, %d" % (ordinal_suffix(d), M, y),
                           "%s %d, %d" % (M, d, y)])
    if r == "wuk":
        s = "%s %s%s %s" % (ordinal_words(d), "of " if rng.random() < 0.7 else "",
                            MONTHS[m - 1], year_words(y, rng))
        assert decode_date(s) == (y, m, d), s
        return s
    if r == "wus":
        s = "%s %s %s" % (MONTHS[m - 1], ordinal_words(d), year_words(y, rng))
        assert decode_date(s) == (y, m, d), s
        return s
    if r == "wnum":
        mm, dd, yy = "%02d" % m, "%02d" % d, "%02d" % (y % 100)
        parts = [say_pair(mm, rng) if rng.random() < 0.5 else say_digits(mm, rng, p_multi=0),
                 say_pair(dd, rng) if rng.random() < 0.7 else say_digits(dd, rng, p_multi=0),
                 say_pair(yy, rng)]
        s = " ".join(parts)
        assert decode_num(s) == mm + dd + yy, s
        return s
    raise KeyError(r)


def mk_addr(country, rng, ctx):
    street = rng.choice(STREETS[country])
    tfull, tab = rng.choice(STYPES[country])
    if street == "High" and country == "uk":
        tfull, tab = "Street", "St"
    unit = None
    suffix = ""
    if country == "us":
        num = rng.choice([rng.randint(100, 999), rng.randint(1000, 9899), rng.randint(10, 99)])
        if rng.random() < 0.25:
            unit = ("Apt", str(rng.randint(1, 30)) + rng.choice("ABCD"))
    elif country == "ca":
        num = rng.choice([rng.randint(100, 999), rng.randint(1000, 9899)])
        if rng.random() < 0.2:
            unit = ("Unit", str(rng.randint(101, 1908)))
    elif country == "uk":
        num = rng.randint(1, 240)
        if rng.random() < 0.3:
            unit = ("Flat", str(rng.randint(1, 12)))
    elif country == "ie":
        num = rng.randint(1, 180)
        if rng.random() < 0.25:
            unit = ("Apartment", str(rng.randint(1, 40)))
    elif country == "au":
        num = rng.randint(1, 320)
        if rng.random() < 0.35:
            unit = ("Unit", str(rng.randint(1, 24)))
    else:
        num = rng.randint(1, 420)
        if rng.random() < 0.25:
            suffix = rng.choice("AB")
    return {"c": country, "num": num, "street": street, "tfull": tfull, "tab": tab,
            "unit": unit, "suffix": suffix}


def render_addr(v, r, rng):
    c, num, st = v["c"], v["num"], v["street"]
    t = v["tfull"] if rng.random() < 0.5 else v["tab"]
    unit = v["unit"]
    if r == "d":
        base = "%d%s %s %s" % (num, v["suffix"], st, t)
        if not unit:
            return base
        if c == "us":
            return base + rng.choice([" Apt ", ", Apt ", " #"]) + unit[1]
        if c == "ca":
            return rng.choice(["%s-%s" % (unit[1], base), "%s %s, %s" % (unit[0], unit[1], base)])
        if c == "au":
            return rng.choice(["%s/%s" % (unit[1], base), "Unit %s, %s" % (unit[1], base)])
        if c == "uk":
            return "Flat %s, %s" % (unit[1], base)
        return "Apt %s, %s" % (unit[1], base)
    if r == "w":
        tw = v["tfull"].lower()
        hs = say_house(num, rng)
        if v["suffix"]:
            hs += " " + v["suffix"].lower()
        base = "%s %s %s" % (hs, st.lower(), tw)
        if unit:
            un = say_house(int(unit[1]), rng) if unit[1].isdigit() else (
                say_house(int(unit[1][:-1]), rng) + " " + unit[1][-1].lower())
            word = {"Apt": "apartment", "Unit": "unit", "Flat": "flat", "Apartment": "apartment"}[unit[0]]
            if c == "us":
                base = base + " " + word + " " + un
            else:
                base = word + " " + un + " " + base
        # decode the whole number part in front of the street name (unit + house)
        head = base.split(" " + st.lower() + " ")[0]
        head = re.sub(r"^(flat|unit|apartment) ", "", head)
        head = re.sub(r" [ab]$", "", head)
        want = str(num)
        if unit and c != "us":
            want = unit[1] + want
        assert decode_num(head) == want, (base, want)
        if unit and c == "us":
            tail = base.split(" apartment ")[1]
            assert decode_code(tail) == unit[1], (base, unit)
        return base
    raise KeyError(r)


def mk_city(kind, rng, ctx):
    if kind == "cyus":
        ctx["uscity"] = rng.choice(US_CITIES)
        return ctx["uscity"]
    if kind == "cyca":
        ctx["cacity"] = rng.choice(CA_CITIES)
        return ctx["cacity"]
    if kind == "cyuk":
        ctx["ukcity"] = rng.choice(UK_CITIES)
        return ctx["ukcity"]
    if kind == "cyie":
        ctx["iecity"] = rng.choice(IE_CITIES)
        return ctx["iecity"]
    if kind == "cyau":
        ctx["aucity"] = rng.choice(AU_CITIES)
        return ctx["aucity"]
    if kind == "cynz":
        ctx["nzcity"] = rng.choice(NZ_CITIES)
        return ctx["nzcity"]
    raise KeyError(kind)


def render_city(kind, v, r, rng):
    if r == "w":
        return re.sub(r"\d+", lambda m: two(int(m.group())), v[0].lower())
    if kind in ("cyus", "cyca"):
        return "%s, %s" % (v[0], v[1]) if rng.random() < 0.7 else v[0]
    if kind == "cyau":
        return "%s %s" % (v[0], v[1]) if rng.random() < 0.6 else v[0]
    return v[0]


def mk_post(kind, rng, ctx):
    if kind == "zip":
        city = ctx.get("uscity") or rng.choice(US_CITIES)
        z = city[2] + "%02d" % rng.randint(1, 60)
        return {"d": z, "show": z if rng.random() < 0.8 else z + "-" + rdigits(rng, 4, True)}
    if kind == "pcuk":
        city = ctx.get("ukcity") or rng.choice(UK_CITIES)
        out = city[1] + str(rng.randint(1, 19))
        inn = str(rng.randint(1, 9)) + rng.choice(PC_LETTERS_UK) + rng.choice(PC_LETTERS_UK)
        return {"d": out + inn, "show": out + " " + inn, "chunks": [out, inn]}
    if kind == "pcca":
        city = ctx.get("cacity") or rng.choice(CA_CITIES)
        fsa = city[2] + str(rng.randint(1, 9)) + rng.choice(PC_LETTERS_CA)
        ldu = str(rng.randint(0, 9)) + rng.choice(PC_LETTERS_CA) + str(rng.randint(0, 9))
        return {"d": fsa + ldu, "show": fsa + " " + ldu, "chunks": [fsa, ldu]}
    if kind == "pcie":
        city = ctx.get("iecity") or rng.choice(IE_CITIES)
        uid = rng.choice("ACDEFHKNPRTVWXY") + "".join(rng.choice(EIR_CHARS) for _ in range(3))
        return {"d": city[1] + uid, "show": city[1] + " " + uid, "chunks": [city[1], uid]}
    if kind == "pcau":
        city = ctx.get("aucity") or rng.choice(AU_CITIES)
        p = city[2] + (0 if rng.random() < 0.25 else rng.randint(1, 60))
        return {"d": "%04d" % p, "show": "%04d" % p}
    raise KeyError(kind)


def render_post(kind, v, r, rng):
    if r == "d":
        return v["show"]
    if r == "w":
        if kind in ("zip", "pcau"):
            d = v["d"]
            if kind == "pcau" and d.endswith("000") and rng.random() < 0.7:
                s = ONES[int(d[0])] + " thousand"
            elif kind == "pcau" and rng.random() < 0.4 and d[2] != "0":
                s = say_pair(d[:2], rng) + " " + say_pair(d[2:], rng)
            else:
                s = say_digits(d, rng, p_multi=0.3)
            assert decode_num(s) == d, (s, d)
            return s
        s = " ".join(say_code(ch, rng) for ch in v["chunks"])
        assert decode_code(s) == v["d"], (s, v)
        return s
    raise KeyError(r)


PUBLIC_FIRST = [24, 31, 49, 58, 73, 81, 86, 92, 101, 109, 121, 142, 174, 185, 203, 212, 46, 37]


def mk_ip4(rng, ctx, param):
    r = rng.random()
    if r < 0.35:
        o = [192, 168, rng.choice([0, 1, 1, 2, 10, 50, 178]), rng.randint(1, 254)]
    elif r < 0.5:
        o = [10, rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)]
    else:
        o = [rng.choice(PUBLIC_FIRST), rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)]
    s = ".".join(map(str, o))
    ipaddress.IPv4Address(s)
    return {"d": s, "o": o}


def say_octet(n, rng):
    d = str(n)
    if len(d) == 3 and rng.random() < 0.5:
        s = say_digits(d, rng, p_multi=0)
    elif len(d) == 3:
        s = ONES[int(d[0])] + (" hundred" if d[1:] == "00" else " " + say_pair(d[1:], rng))
    else:
        s = two(n)
    assert decode_num(s) == d, (s, d)
    return s


def render_ip4(v, r, rng):
    if r == "d":
        return v["d"]
    if r == "w":
        s = " dot ".join(say_octet(o, rng) for o in v["o"])
        assert decode_ip(s) == v["d"], (s, v)
        return s
    raise KeyError(r)


def mk_ip6(rng, ctx, param):
    pre = rng.choice(["2a02:8084", "2001:569", "2405:6e00", "2600:1700", "2a00:23c5", "2403:5800"])
    hx = [format(rng.randint(0, 0xffff), "x") for _ in range(2)]
    tail = [format(rng.randint(1, 0xffff), "x") for _ in range(rng.choice([1, 2]))]
    s = pre + ":" + ":".join(hx) + "::" + ":".join(tail)
    s = str(ipaddress.IPv6Address(s))
    return {"d": s}


DL_STATES = ["ca", "tx", "fl", "ny", "il", "pa", "wa2"]


def mk_dl(rng, ctx, param):
    st = param or rng.choice(DL_STATES[:6])
    L = "ABCDEFGHJKLMNPRSTWY"
    if st == "ca":
        d = rng.choice(L) + rdigits(rng, 7)
        show = d
    elif st == "tx":
        d = rng.choice("0123") + rdigits(rng, 7)
        show = d
    elif st == "fl":
        d = rng.choice(L) + rdigits(rng, 12)
        show = "%s-%s-%s-%s-%s" % (d[:4], d[4:7], d[7:9], d[9:12], d[12:])
    elif st == "ny":
        d = rdigits(rng, 9, True)
        show = "%s %s %s" % (d[:3], d[3:6], d[6:])
    elif st == "il":
        d = rng.choice(L) + rdigits(rng, 11)
        show = "%s-%s-%s" % (d[:4], d[4:8], d[8:])
    else:  # pa
        d = rdigits(rng, 8, True)
        show = "%s %s %s" % (d[:2], d[2:5], d[5:])
    return {"d": d, "show": show}


def render_alnum_id(v, r, rng):
    if r == "d":
        return v["show"]
    if r in ("w", "wc"):
        d = v["d"]
        chunks = re.findall(r"[A-Z]+|[0-9]+", d)
        out = []
        for c in chunks:
            if c.isdigit():
                out += [say_digits(c[i:i + 4], rng) for i in range(0, len(c), 4)]
            else:
                out.append(say_code(c, rng))
        s = (" " if r == "w" else ", ").join(out)
        assert decode_code(s) == d, (s, d)
        return s
    raise KeyError(r)


def mk_pp(rng, ctx, param):
    if rng.random() < 0.6:
        d = rdigits(rng, 9, True)
    else:
        d = rng.choice("ACEF") + rdigits(rng, 8, True)
    return {"d": d, "show": d}


def mk_mrn(rng, ctx, param):
    s = rng.randrange(3)
    if s == 0:
        d = rdigits(rng, 8)
        return {"d": d, "show": d}
    if s == 1:
        d = rng.choice("KMRT") + rdigits(rng, 6, True)
        return {"d": d, "show": d}
    d = rdigits(rng, 7, True)
    return {"d": d, "show": d[:3] + "-" + d[3:]}


def mk_nhs(rng, ctx, param):
    while True:
        d9 = rdigits(rng, 9, True)
        tot = sum(int(c) * (10 - i) for i, c in enumerate(d9))
        chk = 11 - tot % 11
        if chk == 11:
            chk = 0
        if chk == 10:
            continue
        d = d9 + str(chk)
        assert nhs_ok(d)
        return {"d": d, "show": "%s %s %s" % (d[:3], d[3:6], d[6:])}


def render_nhs(v, r, rng):
    if r == "d":
        return v["show"] if rng.random() < 0.8 else v["d"]
    d = v["d"]
    s = (" " if r == "w" else ", ").join(say_digits(c, rng) for c in (d[:3], d[3:6], d[6:]))
    assert decode_num(s) == d
    return s


# ---------------------------------------------------------------------------
# non-PII fillers (hard negatives inside utterances)
# ---------------------------------------------------------------------------
CUR = {"usd": "$", "cad": "$", "aud": "$", "nzd": "$", "gbp": "£", "eur": "€"}


def not_pii_digits(d):
    """reject digit strings that would be valid checksummed PII by accident"""
    if 13 <= len(d) <= 19 and luhn_ok(d):
        return False
    if len(d) == 9 and (aba_ok(d) or ssn_ok(d)):
        return False
    if len(d) == 10 and nhs_ok(d):
        return False
    return True


def safe_digits(rng, n, first_nonzero=True):
    while True:
        d = rdigits(rng, n, first_nonzero)
        if not_pii_digits(d):
            return d


def filler(kind, r, param, rng, ctx):
    if kind == "xmoney":
        cur = param or "usd"
        big = rng.random() < 0.5
        a = rng.randint(12, 480) if big else rng.randint(3, 95)
        c = rng.choice([0, 0, 0, 50, 25, 99, rng.randint(10, 99)])
        if r == "d":
            return "%s%d.%02d" % (CUR[cur], a, c) if c or rng.random() < 0.4 else "%s%d" % (CUR[cur], a)
        unit = {"gbp": "pounds", "eur": "euro"}.get(cur, "dollars")
        s = cardinal(a, use_and=cur in ("gbp", "eur", "aud", "nzd")) + " " + unit
        if c:
            s += " " + two(c)
        if a == 1:
            s = s.replace("pounds", "pound").replace("dollars", "dollar")
        return s
    if kind == "xtime":
        h, m = rng.randint(1, 12), rng.choice([0, 15, 30, 45, 10, 20, 40, 50])
        if r == "d":
            return rng.choice(["%d:%02d%s" % (h, m, rng.choice(["pm", "am", " pm", " p.m."])), "%d:%02d" % (h, m)])
        if m == 30 and rng.random() < 0.6:
            return "half " + two(h) if rng.random() < 0.5 else "half past " + two(h)
        if m == 15:
            return "quarter past " + two(h)
        if m == 45:
            return "quarter to " + two(h % 12 + 1)
        return two(h) + ("" if m == 0 else " " + two(m)) + rng.choice(["", " o'clock" if m == 0 else ""])
    if kind == "xexp":
        mm, yy = rng.randint(1, 12), rng.randint(25, 31)
        if r == "d":
            return "%02d/%02d" % (mm, yy)
        return say_pair("%02d" % mm, rng) + " " + two(yy)
    if kind == "xcase":
        d = safe_digits(rng, rng.choice([7, 8]))
        if r == "d":
            return rng.choice(["", "CS-", "INC", "#"]) + d
        return say_digits(d, rng)
    if kind == "xref":
        pre = rng.choice(["CX", "REF", "CLM", "FLT"])
        d = safe_digits(rng, rng.choice([5, 6]))
        if r == "d":
            return pre + "-" + d
        return say_code(pre, rng) + " " + say_digits(d, rng)
    if kind == "xorder":
        d = safe_digits(rng, 7)
        if r == "d":
            return rng.choice(["ORD-", "#", "A10-", ""]) + d
        return say_digits(d, rng)
    if kind == "xtrack":
        if rng.random() < 0.5:
            s = "1Z" + "".join(rng.choice("0123456789ABCDEFGHJKRWXY") for _ in range(6)) + \
                rng.choice(["01", "03", "12"]) + safe_digits(rng, 8)
            if r == "d":
                return s
            return say_code(s[:2], rng) + " " + say_code(s[2:8], rng) + " " + say_digits(s[8:], rng)
        d = safe_digits(rng, 16)
        if r == "d":
            return " ".join(d[i:i + 4] for i in range(0, 16, 4))
        return " ".join(say_digits(d[i:i + 4], rng) for i in range(0, 16, 4))
    if kind == "xerr":
        if r == "d":
            return rng.choice(["0x8007%04X" % rng.randint(0, 0xffff), "E-%d" % rng.randint(100, 999),
                               "ERR_%d" % rng.randint(400, 599)])
        return rng.choice(["e ", "error "]) + say_digits(str(rng.randint(100, 999)), rng, p_multi=0)
    if kind == "xver":
        v = [rng.randint(1, 17), rng.randint(0, 12), rng.randint(0, 30)]
        if rng.random() < 0.3:
            v.append(rng.randint(1, 9))
        if r == "d":
            return ".".join(map(str, v))
        return " point ".join(two(x) for x in v)
    if kind == "xpct":
        p = rng.choice([3, 4.5, 7, 9.9, 12, 12.5, 15, 18, 20, 22.9, 30])
        if r == "d":
            return ("%g" % p) + rng.choice(["%", " percent", "%"])
        ip = int(p)
        frac = p - ip
        s = two(ip)
        if abs(frac - 0.5) < 1e-9:
            s += " and a half" if rng.random() < 0.5 else " point five"
        elif frac:
            s += " point " + ONES[int(round(frac * 10))]
        return s + " percent"
    if kind == "xprod":
        if r == "d":
            return rng.choice(["WX-%d" % rng.randint(1000, 9999), "TL-MR%d" % rng.randint(6000, 6999),
                               "SKU %d-%d-B" % (rng.randint(10, 99), rng.randint(1000, 9999)),
                               "HG%dW" % rng.randint(600, 699), "NBN-%d" % rng.randint(100, 999)])
        return rng.choice(["archer a", "h g", "t l m r", "w x"]) + " " + say_chunk(str(rng.randint(1000, 9999)), rng, 0.6)
    if kind == "xguid":
        h = "".join(rng.choice("0123456789abcdef") for _ in range(12))
        return h[:8] + "-" + h[8:]
    if kind == "xdate":
        m, d = rng.randint(1, 12), rng.randint(1, 28)
        y = rng.choice([2023, 2024, 2024, 2025])
        if r == "d":
            return rng.choice(["%02d/%02d/%d" % (d, m, y), "%s %d" % (cap(MONTHS[m - 1]), d),
                               "%s %s" % (ordinal_suffix(d), cap(MONTHS[m - 1])), "%d-%02d-%02d" % (y, m, d)])
        return rng.choice(["%s of %s" % (ordinal_words(d), MONTHS[m - 1]), ordinal_words(d),
                           "%s %s" % (MONTHS[m - 1], ordinal_words(d))])
    if kind == "xyear":
        y = rng.randint(1998, 2021)
        return str(y) if r == "d" else year_words(y, rng)
    if kind == "xlast4":
        d = rdigits(rng, 4)
        return d if r == "d" else say_digits(d, rng)
    if kind == "xmeter":
        d = rdigits(rng, 5)
        return d if r == "d" else say_digits(d, rng)
    if kind == "xkwh":
        v = rng.randint(18, 95)
        return str(v) if r == "d" else two(v)
    if kind == "xgb":
        v = rng.choice([2, 3, 5, 8, 12, 15, 20])
        return str(v) if r == "d" else two(v)
    if kind == "xcount":
        v = rng.randint(3, 19)
        return str(v) if r == "d" else two(v)
    if kind == "xmins":
        v = rng.choice([25, 35, 40, 45, 50, 55, 70, 90])
        return str(v) if r == "d" else two(v) if v < 100 else cardinal(v)
    raise KeyError(kind)


# ---------------------------------------------------------------------------
# placeholder dispatch
# ---------------------------------------------------------------------------
ETYPE = {
    "name": "PERSON",
    "phus": "PHONE_NUMBER", "phca": "PHONE_NUMBER", "phuk": "PHONE_NUMBER",
    "phie": "PHONE_NUMBER", "phau": "PHONE_NUMBER", "phnz": "PHONE_NUMBER",
    "email": "EMAIL_ADDRESS", "ssn": "US_SSN", "cc": "CREDIT_CARD",
    "iban_gb": "IBAN_CODE", "iban_ie": "IBAN_CODE", "iban_de": "IBAN_CODE",
    "iban_fr": "IBAN_CODE", "iban_es": "IBAN_CODE", "iban_nl": "IBAN_CODE",
    "usbank": "US_BANK_NUMBER", "aba": "ABA_ROUTING_NUMBER",
    "acu": "ACCOUNT_NUMBER", "act": "ACCOUNT_NUMBER", "acm": "ACCOUNT_NUMBER", "acp": "ACCOUNT_NUMBER",
    "dob": "DATE_OF_BIRTH",
    "adus": "STREET_ADDRESS", "adca": "STREET_ADDRESS", "aduk": "STREET_ADDRESS",
    "adie": "STREET_ADDRESS", "adau": "STREET_ADDRESS", "adnz": "STREET_ADDRESS",
    "zip": "ZIP_CODE", "pcuk": "ZIP_CODE", "pcca": "ZIP_CODE", "pcie": "ZIP_CODE", "pcau": "ZIP_CODE",
    "ip4": "IP_ADDRESS", "ip6": "IP_ADDRESS",
    "dl": "US_DRIVER_LICENSE", "pp": "US_PASSPORT",
    "mrn": "MEDICAL_RECORD_NUMBER", "nhs": "MEDICAL_RECORD_NUMBER",
}
SPOKEN_R = {"w", "wc", "wuk", "wus", "wnum", "spell", "spellh"}


def make_value(kind, param, rng, ctx):
    if kind == "name":
        return mk_name(rng, ctx, param)
    if kind.startswith("ph"):
        return mk_phone(kind, rng, ctx)
    if kind == "email":
        return mk_email(rng, ctx, param)
    if kind == "ssn":
        return mk_ssn(rng, ctx, param)
    if kind == "cc":
        return mk_cc(rng, ctx, param)
    if kind.startswith("iban_"):
        return mk_iban(kind[5:].upper(), rng)
    if kind == "usbank":
        return mk_usbank(rng, ctx, param)
    if kind == "aba":
        return mk_aba(rng, ctx, param)
    if kind in ("acu", "act", "acm", "acp"):
        return mk_acct(kind, rng)
    if kind == "dob":
        return mk_dob(rng, ctx, param)
    if kind.startswith("ad"):
        return mk_addr(kind[2:], rng, ctx)
    if kind.startswith("cy"):
        return mk_city(kind, rng, ctx)
    if kind in ("zip", "pcuk", "pcca", "pcie", "pcau"):
        return mk_post(kind, rng, ctx)
    if kind == "ip4":
        return mk_ip4(rng, ctx, param)
    if kind == "ip6":
        return mk_ip6(rng, ctx, param)
    if kind == "dl":
        return mk_dl(rng, ctx, param)
    if kind == "pp":
        return mk_pp(rng, ctx, param)
    if kind == "mrn":
        return mk_mrn(rng, ctx, param)
    if kind == "nhs":
        return mk_nhs(rng, ctx, param)
    raise KeyError(kind)


def render_name(v, r, rng):
    f, l = v["first"], v["last"]
    if r == "full":
        return f + " " + l
    if r == "first":
        return f
    if r == "last":
        return l
    if r == "lfull":
        return (f + " " + l).lower()
    if r == "lfirst":
        return f.lower()
    if r == "llast":
        return l.lower()
    if r == "ulast":
        return l.upper()
    if r == "lastfirst":
        return l.upper() + ", " + f
    if r in ("spell", "spellh"):
        letters = [c.lower() for c in l if c.isalpha()]
        s = " ".join(letters) if r == "spell" else "-".join(c.upper() for c in letters)
        assert decode_code(s) == re.sub(r"[^A-Za-z]", "", l).upper()
        return s
    raise KeyError(r)


def render_value(kind, r, v, rng):
    """spoken renderers are retried when the words would decode ambiguously
    (e.g. 'seven twenty' + 'seven ...' -> 'seven twenty seven')"""
    if r in SPOKEN_R:
        for _ in range(60):
            try:
                return _render_value(kind, r, v, rng)
            except AssertionError:
                continue
    return _render_value(kind, r, v, rng)


def _render_value(kind, r, v, rng):
    if kind == "name":
        return render_name(v, r, rng)
    if kind.startswith("ph"):
        return render_phone(v, r, rng)
    if kind == "email":
        return render_email(v, r, rng)
    if kind == "ssn":
        return render_ssn(v, r, rng)
    if kind == "cc":
        return render_cc(v, r, rng)
    if kind.startswith("iban_"):
        return render_iban(v, r, rng)
    if kind == "usbank":
        return render_digits_plain(v, r, rng, None)
    if kind == "aba":
        return render_digits_plain(v, r, rng, [3, 3, 3] if r != "d" else None)
    if kind in ("acu", "act", "acm", "acp"):
        return render_acct(v, r, rng)
    if kind == "dob":
        return render_dob(v, r, rng)
    if kind.startswith("ad"):
        return render_addr(v, r, rng)
    if kind.startswith("cy"):
        return render_city(kind, v, r, rng)
    if kind in ("zip", "pcuk", "pcca", "pcie", "pcau"):
        return render_post(kind, v, r, rng)
    if kind == "ip4":
        return render_ip4(v, r, rng)
    if kind == "ip6":
        assert r == "d"
        return v["d"]
    if kind in ("dl", "pp", "mrn"):
        return render_alnum_id(v, r, rng)
    if kind == "nhs":
        return render_nhs(v, r, rng)
    raise KeyError(kind)


def canonical(kind, v):
    """canonical value used for the final re-validation"""
    if kind == "name":
        return None
    if kind.startswith("ph"):
        return v["nat"]
    if kind == "email":
        return v["addr"]
    if kind == "dob":
        return (v["y"], v["m"], v["d"])
    if kind.startswith("ad"):
        return str(v["num"])
    if kind == "ip4" or kind == "ip6":
        return v["d"]
    return v.get("d")


PH = re.compile(r"\{([a-z0-9_]+)\.([a-z0-9_]+)(?::([a-z0-9]+))?(?:([#@])([a-z0-9]+))?\}")


def render_template(tpl, rng):
    ctx = {}
    tags = {}
    text = ""
    ents = []
    pos = 0
    for m in PH.finditer(tpl):
        text += tpl[pos:m.start()]
        pos = m.end()
        kind, r, param, op, tag = m.groups()
        if op == "@":
            v = tags[tag]
        else:
            if kind.startswith("x"):
                v = None
            else:
                v = make_value(kind, param, rng, ctx)
            if op == "#":
                tags[tag] = v
        if v is None:
            surface = filler(kind, r, param, rng, ctx)
        else:
            surface = render_value(kind, r, v, rng)
        start = len(text)
        text += surface
        if kind in ETYPE:
            ents.append({"type": ETYPE[kind], "start": start, "end": len(text), "text": surface,
                         "spoken": r in SPOKEN_R, "_kind": kind, "_canon": canonical(kind, v),
                         "_r": r})
    text += tpl[pos:]
    return text, ents


# ---------------------------------------------------------------------------
# frames: (domain, style, template).  L = live lower-case ASR, W = Whisper-style
# ASR (punctuated, digits), T = typed (agent notes, chats, e-mails, forms)
# ---------------------------------------------------------------------------
POS_FRAMES = [
    # ---- live ASR ----
    ("utility", "L", "yeah hi sorry to ring so late um my name's {name.lfull} and the power's been off on our whole street since about {xtime.w}"),
    ("utility", "L", "the account number's {acu.w} no sorry hang on that's the old one it's {acu.w} yeah that's off the new bill"),
    ("telecom", "L", "can you just call me back on {phus.w} cause this line's terrible i keep losing you"),
    ("bank", "L", "okay the card number is {cc.w} and the expiry is {xexp.w}"),
    ("bank", "L", "um i think my social is {ssn.w} yeah that's it and the last name is {name.llast}"),
    ("telecom", "L", "my mobile's {phuk.w#a} okay let me just read that back to you {phuk.w@a} yep perfect"),
    ("insurance", "L", "the policy number is {acp.w} and it's under my husband's name {name.lfull:m}"),
    ("utility", "L", "so the service address is {adus.w} in {cyus.w} and um the zip is {zip.w}"),
    ("utility", "L", "we're at {aduk.w} and the postcode is {pcuk.w} it's the one with the blue door"),
    ("helpline", "L", "date of birth is uh {dob.wuk} sorry i'm just really tired"),
    ("bank", "L", "i was born {dob.wus} do you need the zip code as well it's {zip.w}"),
    ("telecom", "L", "my email is {email.w} no wait that's my old one it's {email.w}"),
    ("telecom", "L", "uh the router page says the ip is {ip4.w} does that help at all"),
    ("bank", "L", "the routing number is {aba.w} and the account number is {usbank.w}"),
    ("insurance", "L", "it's my mum's policy her name is {name.lfull:f} and her birthday is the {dob.wuk}"),
    ("telecom", "L", "my number's {phau.w} and the account holder is me {name.lfull}"),
    ("utility", "L", "you're through to {name.lfirst} on the after hours line can i grab your account number yeah it's {acu.w} okay thank you"),
    ("utility", "L", "hi {name.lfirst} yeah um it's {acu.w} and the eircode is {pcie.w}"),
    ("bank", "L", "surname is {name.llast#p} that's {name.spell@p}"),
    ("helpline", "L", "i'm ringing about my dad {name.lfull:m} he's eighty four and he's got no heating and he won't call anyone himself"),
    ("telecom", "L", "the number that keeps ringing me at like three in the morning is {phuk.w} and i don't know who it is"),
    ("bank", "L", "hang on i've got the card here it's {cc.w} no sorry i read you the wrong card it's {cc.w}"),
    ("insurance", "L", "the claim's for {name.lfirst:f} my daughter she's on my policy it's {acp.w}"),
    ("gov", "L", "my driver's license number is {dl.w:tx} it's a texas license"),
    ("gov", "L", "uh passport number {pp.w} it expires next year though"),
    ("clinic", "L", "his hospital number is {mrn.w} and he's under doctor {name.llast}"),
    ("clinic", "L", "her n h s number's {nhs.w} i've got her card here in front of me"),
    ("utility", "L", "i moved out of {adca.w} like two weeks ago and you're still billing me for it"),
    ("telecom", "L", "can you send the bill to {email.w} please instead of posting it"),
    ("bank", "L", "it's {ssn.w} oh wait no sorry that's my wife's it's {ssn.w}"),
    ("helpline", "L", "my name's {name.lfirst} i just i dunno i couldn't sleep and i saw the number on the fridge"),
    ("telecom", "L", "is that {name.lfirst} yeah hi it's {name.lfirst} again from earlier we got cut off"),
    ("utility", "L", "it's {adau.w} in {cyau.w} postcode {pcau.w}"),
    ("bank", "L", "okay the iban is {iban_ie.w}"),
    ("telecom", "L", "you can get me on {phnz.w} or my partner {name.lfirst} on {phnz.w} if i don't pick up"),
    ("bank", "L", "the number on the account should be {phca.w} unless he changed it"),
    ("insurance", "L", "member number {acm.w} and date of birth {dob.wnum}"),
    ("telecom", "L", "it's registered to {name.lfull} at {adnz.w} in {cynz.w}"),
    ("utility", "L", "okay so reading it back that's account {acu.w} and contact number {phie.w} is that all correct yeah"),
    ("bank", "L", "they took it straight out of my checking account {usbank.w} without asking me"),
    ("bank", "L", "it's my wife's card she's {name.lfull:f} the number is {cc.w}"),
    ("gov", "L", "uh last four no you want the whole thing okay it's {ssn.w}"),
    ("helpline", "L", "no no my name is {name.lfirst} not {name.lfirst} i don't know who that is"),
    ("utility", "L", "it's {adie.w} {cyie.w} and the eircode is {pcie.w}"),
    ("insurance", "L", "the policy holder is {name.lfull} date of birth the {dob.wuk}"),
    ("telecom", "L", "the postcode is {pcca.w} yeah that's in {cyca.w}"),
    ("bank", "L", "just email it to me at {email.w} i'll print it at work"),
    ("clinic", "L", "patient number {mrn.w} and she was born on {dob.wus}"),
    ("utility", "L", "the best number is {phus.w} that's the landline the cell's dead"),
    ("telecom", "L", "hi yeah um i'm calling for my nan {name.lfull:f} she can't hear very well on the phone"),
    ("bank", "L", "uh {name.lfull} yeah that's me and it's about the the transfer that bounced"),
    ("telecom", "L", "so the ip is {ip4.w} and the other one the ipv six one is way too long i'm not reading that out"),
    ("bank", "L", "card number {cc.w} and it's {name.lfirst} on the card not me"),
    ("utility", "L", "ah it's {adus.w} no sorry {adus.w} we just moved i keep saying the old one"),
    ("telecom", "L", "my email's {email.w} and the phone is {phca.w}"),
    ("gov", "L", "the license is {dl.w:ca} california"),
    ("insurance", "L", "my husband {name.lfirst:m} usually deals with all this but he's away the policy's {acp.w}"),
    ("utility", "L", "it's um {phie.w#z} sorry you're breaking up {phie.w@z}"),
    ("bank", "L", "the checking account ending uh no the full number is {usbank.w} and routing {aba.w}"),
    ("utility", "L", "its {aduk.w} yeah postcode {pcuk.w} and i'm {name.lfull}"),
    # ---- Whisper-style ASR ----
    ("utility", "W", "Hi, yes, my name is {name.full} and I'm calling because the gas has been off since this afternoon."),
    ("bank", "W", "The card number is {cc.d}, expiry {xexp.d}."),
    ("telecom", "W", "Can you call me back on {phus.d}? It's my cell, the house phone's not working."),
    ("bank", "W", "Um, my Social is {ssn.d}."),
    ("insurance", "W", "Uh, policy number {acp.d}. No, sorry, {acp.d}. I've got two with you."),
    ("utility", "W", "The address is {adus.d}, {cyus.d} {zip.d}."),
    ("telecom", "W", "Yeah, my email is {email.d}, all lowercase."),
    ("bank", "W", "Routing is {aba.d}, and the account is {usbank.d}."),
    ("helpline", "W", "I'm calling on behalf of my mother, {name.full:f}. She's 82 and she's on her own."),
    ("utility", "W", "It's {aduk.d}, {cyuk.d}, {pcuk.d}."),
    ("telecom", "W", "The number is {phuk.d}. Sorry, {phuk.d}, I gave you my work one."),
    ("gov", "W", "Date of birth is {dob.wh}."),
    ("bank", "W", "My IBAN is {iban_gb.d}, it's my current account."),
    ("telecom", "W", "The IP address on the router page says {ip4.d}, if that means anything."),
    ("clinic", "W", "Her MRN is {mrn.d}, and the doctor was Dr. {name.last}."),
    ("clinic", "W", "NHS number, {nhs.d}. He's my father."),
    ("insurance", "W", "My wife, {name.first:f}, is the named driver, and my license number is {dl.d}."),
    ("bank", "W", "Passport number is {pp.d}, issued in 2019."),
    ("telecom", "W", "Okay, so that's {phau.e}, correct?"),
    ("utility", "W", "Thanks, {name.first}. I've got your account up. Can you confirm the address? Yeah, it's {adau.d}, {cyau.d}."),
    ("telecom", "W", "Yeah, it's {phie.wc}."),
    ("bank", "W", "The card is, um, {cc.wc}."),
    ("utility", "W", "Account number, {acu.wc}."),
    ("insurance", "W", "I was born on {dob.luk}, and the policy's in my maiden name, {name.last}."),
    ("helpline", "W", "My name's {name.first}. I don't really want to give my last name, if that's okay."),
    ("telecom", "W", "The landline is {phnz.d} and the mobile's {phnz.d}."),
    ("bank", "W", "The account's in both our names, {name.full} and {name.full}."),
    ("gov", "W", "My Social Security number is {ssn.wc}."),
    ("telecom", "W", "Email is {email.w}."),
    ("utility", "W", "We moved to {adca.d}, {cyca.d} {pcca.d}, on the first of the month."),
    ("bank", "W", "Can you send the form to {email.d} instead? Not my work address."),
    ("telecom", "W", "The IPv6 is {ip6.d}, if that helps."),
    ("insurance", "W", "Surname's {name.last#p}, {name.spellh@p}."),
    ("bank", "W", "Date of birth, {dob.mdy}."),
    ("clinic", "W", "He lives at {adie.d}, {cyie.d}, {pcie.d}, and his hospital number is {mrn.d}."),
    ("bank", "W", "{name.full}. Yeah, that's me. I'm calling about a payment I don't recognise."),
    ("telecom", "W", "So reading that back, {phca.wc}. Is that right? Yes."),
    ("utility", "W", "Okay, {name.first}, and is the best contact still {phus.d}?"),
    ("bank", "W", "Uh, the routing number, {aba.wc}."),
    ("insurance", "W", "Policy's under {name.full}, date of birth {dob.lus}."),
    ("utility", "L", "sorry i mean the postcode's {pcuk.w} the house is {aduk.w} sorry the line's awful"),
    ("telecom", "W", "It's my daughter's phone, {name.first:f}'s. The number's {phau.d}."),
    # ---- typed ----
    ("utility", "T", "After-hours overflow. Caller {name.full} reports no supply. Acct {acu.d}. CB {phus.d}."),
    ("bank", "T", "Customer: hi my card was declined at the servo\nAgent: Sorry to hear that. Can you confirm the card number?\nCustomer: {cc.d}"),
    ("telecom", "T", "Hi team,\n\nPlease update the contact email on my account to {email.d}. My mobile is {phuk.d}.\n\nThanks,\n{name.full}"),
    ("insurance", "T", "Policy No: {acp.d}\nPolicyholder: {name.full}\nDOB: {dob.dmy}\nPostcode: {pcuk.d}"),
    ("bank", "T", "Name: {name.full}\nSSN: {ssn.d}\nDOB: {dob.mdy}\nRouting: {aba.d}\nChecking: {usbank.d}"),
    ("gov", "T", "Caller verified with DL {dl.d} and DOB {dob.iso}. Ticket {xcase.d} raised for callback."),
    ("telecom", "T", "Agent: What's the best number to reach you?\nCustomer: {phca.d} after 9\nAgent: Thanks {name.first}."),
    ("clinic", "T", "Nurse line overflow. Pt {name.full}, MRN {mrn.d}, DOB {dob.dmy}. Advised to attend ED."),
    ("bank", "T", "Cust requested SEPA transfer to {iban_de.d} (beneficiary {name.full}). Ref {xref.d}."),
    ("telecom", "T", "Static IP {ip4.d} assigned to acct {act.d}."),
    ("utility", "T", "To whom it may concern,\nI have moved out of {aduk.d}, {cyuk.d} {pcuk.d} as of {xdate.d}. Please close account {acu.d}.\nRegards,\n{name.full}"),
    ("insurance", "T", "Customer: my husband is {name.full:m} dob {dob.dmy}\nAgent: Thank you, and your own date of birth?\nCustomer: {dob.dmy}"),
    ("bank", "T", "first_name={name.first#p}|last_name={name.last@p}|phone={phus.e}|email={email.d}"),
    ("telecom", "T", "Porting request: {phau.d} from Optus. Account holder {name.full}."),
    ("helpline", "T", "Customer: its {name.first#p} again\nAgent: Hi {name.first@p}, good to hear from you. How are you going tonight?"),
    ("gov", "T", "Passport: {pp.d}   Nationality: USA   DOB: {dob.lus}"),
    ("clinic", "T", "NHS No. {nhs.d} - caller is daughter ({name.first:f}), contact {phuk.d}."),
    ("bank", "T", "IBAN {iban_ie.n} / BIC AIBKIE2D - customer {name.full}, {adie.d}, {pcie.d}"),
    ("utility", "T", "cust says old addr was {adus.d} {cyus.d} {zip.d}, new addr pending"),
    ("telecom", "T", "Customer: can u call me on {phnz.d}\nAgent: Sure, is that a mobile?\nCustomer: ya"),
    ("bank", "T", "Card {cc.dash} reported lost by {name.full} at {xtime.d}. Replacement ordered."),
    ("insurance", "T", "Member #{acm.d} - {name.full} - claims line overflow, call back tomorrow AM"),
    ("gov", "T", "SSN {ssn.d} verified. Spouse SSN {ssn.d} pending docs."),
    ("telecom", "T", "Email bounced: {email.d}. Alt given: {email.d}."),
    ("bank", "T", "Customer: my acct is {usbank.d} routing {aba.d} why was I charged twice?"),
    ("utility", "T", "Caller {name.full} (tenant) at {adca.d}, {pcca.d}. Landlord contact {name.full} {phca.d}."),
    ("utility", "T", "Supply addr: {adau.d} {cyau.d} {pcau.d}. Cust DOB {dob.dmy}."),
    ("bank", "T", "Customer reports login from unknown IP {ip4.d} and {ip6.d}."),
    ("gov", "T", "Agent: For security, could you confirm the last four of your SSN?\nCustomer: just take the whole thing {ssn.d}"),
    ("telecom", "T", "Hi, account {act.d}. I'm away until {xdate.d} so please contact my son {name.full:m} on {phie.d}."),
    ("insurance", "T", "Claimant: {name.lastfirst}\nPolicy: {acp.d}\nPhone: {phnz.e}\nAddress: {adnz.d}, {cynz.d}"),
    ("bank", "T", "Wire details: beneficiary {name.full}, IBAN {iban_fr.d}. Sender checking {usbank.d}."),
    ("clinic", "T", "Pt ph {phau.e}. Hosp no. {mrn.d}. GP Dr {name.last}."),
    ("telecom", "T", "Agent note: caller gave email as {email.w} (spelt out), DOB {dob.dmy}."),
]

NEG_FRAMES = [
    # ---- live ASR ----
    ("utility", "L", "yeah the meter reading is {xmeter.w} as of this morning"),
    ("utility", "L", "the bill says {xmoney.w:gbp} and last month it was like half that"),
    ("telecom", "L", "i've been on hold for {xmins.w} minutes this is ridiculous"),
    ("bank", "L", "the lady at the main street branch said i'd have to call you lot"),
    ("telecom", "L", "the reference number they gave me was {xref.w}"),
    ("utility", "L", "it went out at about {xtime.w} and came back on for like ten minutes and then nothing"),
    ("bank", "L", "the card ending in {xlast4.w} yeah that one"),
    ("telecom", "L", "i'm with vodafone on the uh the red plan the forty gig one"),
    ("insurance", "L", "the excess is {xmoney.w:aud} right or is it more for the windscreen"),
    ("helpline", "L", "i just need someone to talk to honestly it's been a really long week"),
    ("utility", "L", "the ticket number is {xcase.w} and they said someone would be out by {xtime.w}"),
    ("telecom", "L", "it says {xerr.w} on the screen and the light's flashing orange"),
    ("bank", "L", "i paid it on the {xdate.w} so it should've cleared by now"),
    ("utility", "L", "we're still in the grace period aren't we i thought there was a grace period"),
    ("telecom", "L", "version {xver.w} is what it says under settings"),
    ("utility", "L", "it's the house by the church on mill road not the one on station road"),
    ("bank", "L", "i got charged {xpct.w} interest on like {xmoney.w:usd}"),
    ("insurance", "L", "it happened on the {xdate.w} at about {xtime.w} on the motorway"),
    ("telecom", "L", "the tracking number is {xtrack.w}"),
    ("utility", "L", "we've been with you since {xyear.w} and i've never had this happen"),
    ("helpline", "L", "sorry sorry i'm in the car um give me two seconds i'll pull over"),
    ("telecom", "L", "press one for billing press two for faults yeah i pressed two like {xcount.w} times"),
    ("bank", "L", "is this wells fargo or am i through to some call centre somewhere"),
    ("utility", "L", "the smart meter says we used {xkwh.w} kilowatt hours yesterday which can't be right"),
    ("insurance", "L", "the order number is {xorder.w} for the replacement phone"),
    ("telecom", "L", "it's the tp link one model {xprod.w}"),
    ("bank", "L", "i want to dispute a charge from tim hortons for {xmoney.w:cad}"),
    ("helpline", "L", "can you ring back after half seven the kids will be in bed"),
    ("utility", "L", "i topped up {xmoney.w:gbp} at the post office at like {xtime.w}"),
    ("gov", "L", "the case number on the letter is {xcase.w} and it's dated the {xdate.w}"),
    ("telecom", "L", "i've only got about {xgb.w} gig left and it's only the tenth"),
    ("bank", "L", "the payment to marks and spencer went out twice"),
    ("utility", "L", "the hot water cylinder is like {xcount.w} years old"),
    ("insurance", "L", "the car's a twenty eighteen corolla if that matters"),
    ("telecom", "L", "no it's the cabinet on victoria street outside the chemist that's been broken"),
    ("utility", "L", "thanks for calling brightside energy after hours you're through to the overflow team how can i help"),
    ("bank", "L", "the atm on king street swallowed my card about {xtime.w}"),
    ("telecom", "L", "uh it's been dropping out every {xmins.w} minutes or so since the storm"),
    ("utility", "L", "the estimated reading was {xmeter.w} but the actual one is way lower"),
    ("insurance", "L", "they quoted me {xmoney.w:nzd} a month for the contents cover"),
    # ---- Whisper-style ----
    ("bank", "W", "I was charged {xmoney.d:usd} twice, on {xdate.d}."),
    ("telecom", "W", "The ticket number is {xcase.d}, and they said 48 hours."),
    ("utility", "W", "The reading is {xmeter.d}, taken at {xtime.d}."),
    ("insurance", "W", "The claim reference is {xref.d}. I was told it'd be settled by {xdate.d}."),
    ("telecom", "W", "Firmware version {xver.d}, and it's still dropping out every 20 minutes."),
    ("bank", "W", "I went into the Queen Street branch and they sent me here."),
    ("helpline", "W", "Sorry, I'm a bit all over the place. It's been a really long day."),
    ("utility", "W", "Our usage went up {xpct.d} compared to last winter."),
    ("telecom", "W", "Tracking says {xtrack.d}, but it's been stuck in Auckland since Tuesday."),
    ("bank", "W", "It's the card ending {xlast4.d}."),
    ("insurance", "W", "The quote was {xmoney.d:gbp} a month, and now it's showing {xmoney.d:gbp}."),
    ("utility", "W", "Order {xorder.d} was for the new boiler, from Johnson Controls."),
    ("gov", "W", "The appointment's on {xdate.d} at {xtime.d}, at the Elizabeth Street office."),
    ("telecom", "W", "Error code {xerr.d} keeps popping up."),
    ("bank", "W", "The transfer to Morgan Stanley still hasn't gone through."),
    ("insurance", "W", "Product code {xprod.d}, the two-year extended cover."),
    ("telecom", "W", "Session ID {xguid.d}. The chat just disconnected on me."),
    ("utility", "W", "We've had no hot water since Sunday, so that's three days now."),
    ("bank", "W", "Is the Sterling account the one with no fees? Victoria said it was."),
    ("telecom", "W", "It's {xgb.d} gigs for {xmoney.d:aud}, or unlimited for {xmoney.d:aud}? Okay."),
    # ---- typed ----
    ("utility", "T", "Overflow call - no supply reported in area. Outage ref {xcase.d}. ETR {xtime.d}."),
    ("telecom", "T", "Customer: how much is the early exit fee\nAgent: It's {xmoney.d:nzd} plus GST\nCustomer: ok thanks"),
    ("utility", "T", "Caller asked about bill of {xmoney.d:eur} due {xdate.d}. Explained tariff change ({xpct.d} increase)."),
    ("telecom", "T", "Hi,\nMy order {xorder.d} still hasn't arrived. Tracking {xtrack.d}.\nThanks"),
    ("telecom", "T", "Router model {xprod.d}, firmware {xver.d}. Factory reset advised."),
    ("bank", "T", "Customer: is the Main Street branch open saturday\nAgent: Yes, 9am to 12pm."),
    ("bank", "T", "Card ending {xlast4.d} blocked per cust request. Case {xcase.d}."),
    ("utility", "T", "Meter read {xmeter.d} (est). Next read due {xdate.d}."),
    ("insurance", "T", "Subject: Complaint ref {xref.d}\n\nI've called 4 times about this. Please escalate."),
    ("telecom", "T", "Customer: wifi keeps dropping\nAgent: What lights are on the modem?\nCustomer: DSL is red and Internet is off"),
    ("bank", "T", "Cust transferred to Lloyds retentions. No further action. Session {xguid.d}."),
    ("insurance", "T", "Claim {xref.d}: hail damage, excess {xmoney.d:aud}, assessor booked {xdate.d}."),
    ("telecom", "T", "Plan: Premium Saver 40GB | Contract: 24 months | Monthly: {xmoney.d:gbp}"),
    ("bank", "T", "Customer: does the Sterling account have fees?\nAgent: No monthly fee if you keep {xmoney.d:cad} in it."),
    ("utility", "T", "Caller upset re: price rise from {xmoney.d:aud} to {xmoney.d:aud}. Offered {xpct.d} discount for 12 months."),
    ("utility", "T", "Hi there,\nJust confirming the engineer visit for Thursday between 8am and 12pm. Job no. {xcase.d}.\nCheers"),
    ("telecom", "T", "Customer: still no internet since 4pm\nAgent: I can see an outage in your area, ref {xref.d}. Estimated fix {xtime.d}.\nCustomer: ugh ok"),
    ("bank", "T", "Cust disputing {xmoney.d:aud} charge from Telstra Store, George St. Advised 5-7 business days."),
    ("gov", "T", "Form W-2 reprint requested for tax year {xyear.d}. Processing 10-14 days."),
    ("insurance", "T", "Windscreen claim - Ford Ranger 2019, {xkwh.d}k km. Excess waived (Gold cover)."),
]


def main():
    rng = random.Random(SEED)
    # sanity: frames distinct
    all_tpl = [f[2] for f in POS_FRAMES + NEG_FRAMES]
    assert len(set(all_tpl)) == len(all_tpl)
    n_pos = N_TOTAL - N_NEG

    def plan(frames, n):
        assert len(frames) <= n <= 2 * len(frames), (len(frames), n)
        idx = list(range(len(frames)))
        extra_pool = list(idx)
        # weight typed frames up so that typed ends near 30 %
        weights = [0.0 if "{" not in frames[i][2] else 2.5 if frames[i][1] == "T" else 1.0 for i in idx]
        extras = []
        k = n - len(frames)
        while len(extras) < k:
            tot = sum(weights[i] for i in extra_pool)
            x = rng.random() * tot
            for j, i in enumerate(extra_pool):
                x -= weights[i]
                if x <= 0:
                    extras.append(i)
                    extra_pool.pop(j)
                    break
        return idx + extras

    jobs = [("pos", POS_FRAMES[i]) for i in plan(POS_FRAMES, n_pos)] + \
           [("neg", NEG_FRAMES[i]) for i in plan(NEG_FRAMES, N_NEG)]
    rng.shuffle(jobs)

    rows = []
    for k, (kind, (domain, st, tpl)) in enumerate(jobs):
        text, ents = render_template(tpl, rng)
        if kind == "pos":
            assert ents, tpl
        else:
            assert not ents, tpl
        if st == "L":
            assert re.fullmatch(r"[a-z' \-]+", text), text
        for e in ents:
            assert text[e["start"]:e["end"]] == e["text"]
            assert e["text"] == e["text"].strip() and e["text"]
        # no overlapping spans
        sp = sorted((e["start"], e["end"]) for e in ents)
        for a, b in zip(sp, sp[1:]):
            assert a[1] <= b[0]
        validate(ents)
        rows.append({
            "id": "blind19-%03d" % k,
            "split": "blind19",
            "domain": domain,
            "style": "typed" if st == "T" else "asr",
            "text": text,
            "entities": [{"type": e["type"], "start": e["start"], "end": e["end"],
                          "text": e["text"], "spoken": e["spoken"]} for e in ents],
        })
    assert len(rows) == N_TOTAL
    with open(OUT, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    summary(rows, len(POS_FRAMES) + len(NEG_FRAMES))


def validate(ents):
    """Re-validate every checksummed / rule-bound value from the surface text."""
    for e in ents:
        t, s, k = e["type"], e["text"], e["_kind"]
        spoken = e["spoken"]
        canon = e["_canon"]
        if t == "PERSON":
            continue
        if t == "EMAIL_ADDRESS":
            got = decode_email(s) if spoken else s.lower()
            assert got == canon.lower() and re.fullmatch(r"[a-z0-9._\-]+@[a-z0-9.\-]+\.[a-z]+", got), (s, canon)
            continue
        if t == "DATE_OF_BIRTH":
            if spoken and e["_r"] in ("wuk", "wus"):
                assert decode_date(s) == canon
            elif spoken:
                y, m, d = canon
                assert decode_num(s) == "%02d%02d%02d" % (m, d, y % 100)
            continue
        if t == "IP_ADDRESS":
            got = decode_ip(s) if spoken else s
            ipaddress.ip_address(got)
            assert got == canon
            continue
        if t == "STREET_ADDRESS":
            continue  # house number decoded at render time
        # numeric / alphanumeric identifiers
        if spoken:
            got = decode_code(s) if t in ("ZIP_CODE", "IBAN_CODE", "ACCOUNT_NUMBER", "US_DRIVER_LICENSE",
                                          "US_PASSPORT", "MEDICAL_RECORD_NUMBER") else decode_num(s)
        else:
            got = re.sub(r"[^A-Za-z0-9+]", "", s).upper()
        if t == "PHONE_NUMBER":
            dg = got.lstrip("+")
            nat = canon
            if spoken:
                assert dg == nat or (k in ("phus", "phca") and dg == "1" + nat), (s, nat)
            else:
                cc = {"phus": "1", "phca": "1", "phuk": "44", "phie": "353", "phau": "61", "phnz": "64"}[k]
                if got.startswith("+"):
                    assert dg == cc + (nat if cc == "1" else nat[1:]), (s, nat)
                else:
                    assert dg == nat, (s, nat)
            if k in ("phus", "phca"):
                assert nanp_ok(nat)
            elif k == "phuk":
                assert len(nat) == 11 and nat[0] == "0"
            elif k == "phie":
                assert 9 <= len(nat) <= 10 and nat[0] == "0"
            elif k == "phau":
                assert len(nat) == 10 and nat[0] == "0"
            elif k == "phnz":
                assert 9 <= len(nat) <= 10 and nat[0] == "0"
            continue
        got_c = got
        if t == "CREDIT_CARD":
            assert got_c == canon and luhn_ok(got_c) and card_issuer_ok(got_c), s
        elif t == "IBAN_CODE":
            assert got_c == canon and iban_ok(got_c), s
        elif t == "ABA_ROUTING_NUMBER":
            assert got_c == canon and aba_ok(got_c), s
        elif t == "US_SSN":
            assert got_c == canon and ssn_ok(got_c), s
        elif t == "MEDICAL_RECORD_NUMBER" and k == "nhs":
            assert got_c == canon and nhs_ok(got_c), s
        elif t == "ZIP_CODE":
            assert got_c.replace("-", "")[:len(canon)] == canon, (s, canon)
        else:
            assert got_c == canon.upper(), (t, s, canon)


def summary(rows, n_frames):
    per = collections.Counter()
    spoken = 0
    total = 0
    neg = 0
    styles = collections.Counter()
    domains = collections.Counter()
    for r in rows:
        styles[r["style"]] += 1
        domains[r["domain"]] += 1
        if not r["entities"]:
            neg += 1
        for e in r["entities"]:
            per[e["type"]] += 1
            total += 1
            spoken += e["spoken"]
    print("wrote %s (%d lines, %d frames)" % (OUT, len(rows), n_frames))
    for t, c in sorted(per.items(), key=lambda x: -x[1]):
        print("  %-24s %d" % (t, c))
    print("entities: %d  spoken: %d (%.1f%%)" % (total, spoken, 100.0 * spoken / total))
    print("negatives (no PII): %d (%.1f%%)" % (neg, 100.0 * neg / len(rows)))
    print("styles:", dict(styles))
    print("domains:", dict(domains))


if __name__ == "__main__":
    main()
