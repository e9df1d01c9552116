#!/usr/bin/env python3
"""Generator for the blind6 evaluation split of the privacy engine.

Independent labeled set: US utilities, banking/payments, insurance claims,
DMV / local permits and school district offices; live ASR transcripts and typed
web-chat transcripts ("Agent: ... Customer: ..." in one line).

Deterministic: fixed seed, Python 3 standard library only.
Writes blind6.jsonl next to this file.

Labeling conventions used here:
  * a span covers exactly the PII value, never the cue words;
  * PERSON spans cover the name only (no title: "mrs yang" -> "yang");
    a name spelled letter by letter is its own PERSON span (spoken=true);
  * spoken=true when the value is verbalised (digits as words, letters spelled,
    "at"/"dot" e-mails, "oh"/"double"/"triple"), false otherwise (typed digits,
    ASR output that was already normalised to digits, plain names);
  * a spoken number with a correction ("four one five no sorry four one six ...")
    is labeled from the corrected restart only;
  * a number interrupted by a pause or a filler ("... uh ...") or by a short
    backchannel of the other party is labeled as one span from its first to its
    last digit;
  * STREET_ADDRESS covers house number, street and unit; city is not labeled;
    ZIP_CODE is its own span.
"""
import json
import os
import random
import re

SEED = 60613
SPLIT = "blind6"
R = random.Random(SEED)

# ---------------------------------------------------------------- words
ONES = "zero one two three four five six seven eight nine".split()
TEENS = ("ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
         "eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
ORD = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
       "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth",
       "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
       "nineteenth", "twentieth", "twenty first", "twenty second",
       "twenty third", "twenty fourth", "twenty fifth", "twenty sixth",
       "twenty seventh", "twenty eighth", "twenty ninth", "thirtieth",
       "thirty first"]
MONTHS = ["", "january", "february", "march", "april", "may", "june", "july",
          "august", "september", "october", "november", "december"]
MON3 = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec"]


def n2w(n):
    """0..999 to words."""
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    if n < 100:
        t, o = divmod(n, 10)
        return TENS[t] + ("" if o == 0 else " " + ONES[o])
    h, rest = divmod(n, 100)
    return ONES[h] + " hundred" + ("" if rest == 0 else " " + n2w(rest))


def dword(d, oh):
    return "oh" if (d == "0" and oh) else ONES[int(d)]


def spoken_digits(s, r, dbl=0.35, oh=None):
    """Digits to words, with optional double / triple and 'oh'."""
    if oh is None:
        oh = r.random() < 0.6
    out = []
    i = 0
    while i < len(s):
        d = s[i]
        j = i
        while j < len(s) and s[j] == d:
            j += 1
        run = j - i
        if run >= 3 and r.random() < dbl:
            out.append("triple " + dword(d, oh))
            i += 3
        elif run >= 2 and r.random() < dbl:
            out.append("double " + dword(d, oh))
            i += 2
        else:
            out.append(dword(d, oh))
            i += 1
    return " ".join(out)


def pair_words(p):
    """A two-digit chunk as a speaker reads it in pairs."""
    if p == "00":
        return "double oh"
    if p[0] == "0":
        return "oh " + ONES[int(p[1])]
    return n2w(int(p))


def pairs_spoken(s):
    """'234567' -> 'twenty three forty five sixty seven' (odd length: lead digit)."""
    out = []
    if len(s) % 2:
        out.append(ONES[int(s[0])])
        s = s[1:]
    for i in range(0, len(s), 2):
        out.append(pair_words(s[i:i + 2]))
    return " ".join(out)


def house_words(num):
    s = str(num)
    if len(s) <= 2:
        return n2w(num)
    if len(s) == 3:
        return ONES[int(s[0])] + " " + pair_words(s[1:])
    if len(s) == 4:
        if s[2:] == "00":
            return n2w(int(s[:2])) + " hundred"
        return pair_words(s[:2]) + " " + pair_words(s[2:])
    return " ".join(ONES[int(c)] for c in s)


def year_words(y):
    if 2000 <= y <= 2009:
        return "two thousand " + ONES[y - 2000] if y > 2000 else "two thousand"
    return n2w(y // 100) + " " + pair_words(str(y % 100).zfill(2))


def letters_spoken(s):
    out = []
    for c in s:
        if c.isalpha():
            out.append(c.lower())
        elif c.isdigit():
            out.append(ONES[int(c)])
    return " ".join(out)


def alnum_spoken(s, r):
    """Mix of spelled letters and digit words (zeros as 'oh' sometimes)."""
    oh = r.random() < 0.5
    out = []
    for c in s:
        if c.isalpha():
            out.append(c.lower())
        elif c.isdigit():
            out.append(dword(c, oh))
    return " ".join(out)


def rdigits(r, n, first_nonzero=False):
    s = "".join(str(r.randrange(10)) for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = str(r.randrange(1, 10)) + s[1:]
    return s


# ---------------------------------------------------------------- validators
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


def luhn_complete(prefix, length, r):
    body = prefix + rdigits(r, length - len(prefix) - 1)
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c
    raise AssertionError


def iban_check(country, bban):
    rearr = bban + country + "00"
    num = int("".join(str(int(c, 36)) for c in rearr))
    return "%02d" % (98 - num % 97)


def iban_ok(iban):
    s = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def aba_ok(s):
    d = [int(c) for c in s]
    return len(d) == 9 and (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7])
                            + (d[2] + d[5] + d[8])) % 10 == 0


def ssn_ok(s):
    a, g, n = s[:3], s[3:5], s[5:]
    return (a != "000" and a != "666" and not a.startswith("9") and g != "00"
            and n != "0000")


def nanp_ok(ten):
    a, e = ten[:3], ten[3:6]
    return (a[0] in "23456789" and e[0] in "23456789" and a[1:] != "11"
            and e[1:] != "11")


# ---------------------------------------------------------------- value pools
AREA = ["651", "612", "763", "952", "507", "206", "253", "414", "713", "832",
        "305", "786", "718", "347", "917", "213", "323", "818", "408", "510",
        "602", "480", "505", "928", "909", "559", "916", "617", "857", "404",
        "470", "773", "312", "216", "614", "301", "240", "703", "571", "915",
        "210", "971", "503", "801", "402", "720", "919", "984", "352", "239"]
TOLLFREE = ["800", "888", "877", "866", "855"]


def nanp(r, area=None):
    while True:
        a = area or r.choice(AREA)
        e = str(r.randrange(2, 10)) + rdigits(r, 2)
        if e[1:] == "11" or e == "555":
            continue
        line = rdigits(r, 4)
        if r.random() < 0.3:          # repeated digits for double / triple
            k = r.randrange(0, 3)
            d = str(r.randrange(10))
            line = line[:k] + d * 2 + line[k + 2:]
            line = line[:4]
        t = a + e + line
        assert nanp_ok(t)
        return a, e, line


# (country code, national digits groups) -- E.164, realistic lengths
INTL = [
    ("44", ["20", "7946", rdigits(R, 4)]),            # London
    ("44", ["7700", "900", rdigits(R, 3)]),           # UK mobile
    ("49", ["30", rdigits(R, 8, True)]),              # Berlin
    ("49", ["151", rdigits(R, 8, True)]),             # DE mobile
    ("33", ["6", rdigits(R, 2, True), rdigits(R, 2), rdigits(R, 2), rdigits(R, 2)]),
    ("91", ["98" + rdigits(R, 3), rdigits(R, 5)]),    # India mobile
    ("61", ["4" + rdigits(R, 2), rdigits(R, 3), rdigits(R, 3)]),
    ("353", ["87", rdigits(R, 3), rdigits(R, 4)]),    # Ireland mobile
    ("52", ["55", rdigits(R, 4, True), rdigits(R, 4)]),
    ("63", ["917", rdigits(R, 3, True), rdigits(R, 4)]),
    ("234", ["803", rdigits(R, 3, True), rdigits(R, 4)]),
    ("509", ["3" + rdigits(R, 3), rdigits(R, 4)]),
    ("252", ["61", rdigits(R, 3, True), rdigits(R, 4)]),
    ("84", ["90", rdigits(R, 3, True), rdigits(R, 4)]),
    ("7", ["912", rdigits(R, 3, True), rdigits(R, 2), rdigits(R, 2)]),
    ("503", ["7" + rdigits(R, 3), rdigits(R, 4)]),
    ("966", ["50", rdigits(R, 3, True), rdigits(R, 4)]),
    ("856", ["20", rdigits(R, 4, True), rdigits(R, 4)]),   # Laos (Hmong family)
]

IBAN_SPECS = {
    # country: list of (kind, n) for the BBAN, total length
    "DE": ([("n", 18)], 22),
    "GB": ([("bank", 4), ("n", 14)], 22),
    "FR": ([("n", 10), ("c", 11), ("n", 2)], 27),
    "NL": ([("bank", 4), ("n", 10)], 18),
    "ES": ([("n", 20)], 24),
    "IT": ([("a", 1), ("n", 10), ("c", 12)], 27),
    "IE": ([("bank", 4), ("n", 14)], 22),
    "BE": ([("n", 12)], 16),
    "CH": ([("n", 5), ("c", 12)], 21),
    "AT": ([("n", 16)], 20),
    "PL": ([("n", 24)], 28),
    "PT": ([("n", 21)], 25),
    "SA": ([("n", 2), ("c", 18)], 24),
    "AE": ([("n", 19)], 23),
    "NO": ([("n", 11)], 15),
}
BANKS = {"GB": ["NWBK", "BARC", "MIDL", "LOYD", "HBUK"],
         "NL": ["ABNA", "INGB", "RABO", "TRIO"],
         "IE": ["AIBK", "BOFI", "IPBS"]}


def make_iban(r, country):
    parts, total = IBAN_SPECS[country]
    bban = ""
    for kind, n in parts:
        if kind == "n":
            bban += rdigits(r, n)
        elif kind == "bank":
            bban += r.choice(BANKS[country])
        elif kind == "a":
            bban += r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        else:  # alnum, mostly digits
            bban += "".join(r.choice("0123456789" * 3 + "ABCDEFGHJKLMNPRSTUVWXYZ")
                            for _ in range(n))
    iban = country + iban_check(country, bban) + bban
    assert len(iban) == total and iban_ok(iban), iban
    return iban


def make_ssn(r):
    while True:
        a = "%03d" % r.randrange(1, 900)
        if a == "666":
            continue
        s = a + "%02d" % r.randrange(1, 100) + "%04d" % r.randrange(1, 10000)
        assert ssn_ok(s)
        return s


def make_card(r, kind):
    if kind == "visa":
        return luhn_complete("4" + rdigits(r, 1), 16, r)
    if kind == "mc":
        pre = r.choice(["51", "52", "53", "54", "55", "2221", "2305", "2720"])
        return luhn_complete(pre, 16, r)
    if kind == "amex":
        return luhn_complete(r.choice(["34", "37"]), 15, r)
    if kind == "disc":
        return luhn_complete(r.choice(["6011", "65", "644", "649"]), 16, r)
    raise ValueError(kind)


ABA_PREFIX = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10",
              "11", "12", "21", "22", "23", "24", "25", "26", "27", "28",
              "29", "30", "31", "32", "61", "62", "63", "64", "65", "66",
              "67", "68", "69", "70", "71", "72"]


def make_aba(r):
    p = r.choice(ABA_PREFIX) + rdigits(r, 6)
    d = [int(c) for c in p]
    s = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5]
    full = p + str((-s) % 10)
    assert aba_ok(full)
    return full


EMAIL_DOMAINS = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com",
                 "icloud.com", "aol.com", "comcast.net", "att.net",
                 "protonmail.com", "msn.com", "live.com", "ymail.com"]
STREETS = ["Cedar Ridge Dr", "N Kedzie Ave", "Elm St", "University Ave W",
           "Rice St", "E Lake St", "Payne Ave", "Bloomington Ave S",
           "W Broadway", "Mission St", "Calle Sol", "Navajo Rd",
           "Bellaire Blvd", "Little Saigon Way", "Pinecrest Ct",
           "Maple Grove Pkwy", "Hillcrest Ln", "S 4th St", "Sunset Terrace",
           "Old Mill Rd", "Cottonwood Loop", "Riverside Dr", "Oak Park Cir",
           "Kingsway Blvd", "Greenbriar Pl", "MLK Jr Blvd", "Arcade St",
           "Jefferson Hwy", "Dale St N", "Frogtown Ave"]
STREET_SPOKEN = {"Dr": "drive", "Ave": "avenue", "St": "street", "Rd": "road",
                 "Blvd": "boulevard", "Ct": "court", "Pkwy": "parkway",
                 "Ln": "lane", "Cir": "circle", "Pl": "place", "Hwy": "highway",
                 "N": "north", "S": "south", "E": "east", "W": "west",
                 "MLK": "martin luther king", "Jr": "junior"}
ZIPS = ["55104", "55106", "55130", "55407", "55454", "98118", "98144",
        "77036", "77072", "33138", "11226", "10032", "90011", "95112",
        "93701", "86515", "87313", "86045", "53204", "60625", "48126",
        "02124", "30340", "75243", "94110", "85008", "92683", "20902",
        "22204", "68107"]

# ---------------------------------------------------------------- names
# (first, last, nickname or None)
NAMES = [
    # Hmong
    ("Tou", "Vang", None), ("Pa Houa", "Xiong", None), ("Mai Lee", "Yang", None),
    ("Kou", "Thao", None), ("Nou", "Her", None), ("Chue", "Lor", None),
    ("Yer", "Moua", None), ("Fue", "Vue", None), ("Bao", "Khang", None),
    ("Shoua", "Lee", None), ("Ntxhi", "Chang", None),
    # Somali
    ("Abdirahman", "Warsame", "Abdi"), ("Fadumo", "Hassan", None),
    ("Hodan", "Abdi", None), ("Mohamed", "Farah", "Mo"), ("Ayan", "Jama", None),
    ("Abdullahi", "Osman", None), ("Sahra", "Mohamud", None),
    ("Hamdi", "Egal", None), ("Ilhan", "Dirie", None),
    # Haitian Creole
    ("Jean-Baptiste", "Pierre", None), ("Marie-Claude", "Joseph", None),
    ("Wislande", "Louis", None), ("Fritznel", "Desir", None),
    ("Guerline", "Etienne", None), ("Jacky", "Toussaint", None),
    ("Stevenson", "Jean-Louis", None), ("Rose-Carline", "Dorval", None),
    # Vietnamese
    ("Lan", "Nguyen", None), ("Minh", "Tran", None), ("Huong", "Pham", None),
    ("Duc", "Le", None), ("Thuy", "Vo", None), ("Khoa", "Huynh", None),
    ("Bich Ngoc", "Dang", None), ("Quang", "Truong", None),
    # Punjabi
    ("Harpreet", "Kaur", None), ("Gurpreet", "Sandhu", "Gary"),
    ("Jaspreet", "Gill", None), ("Manjit", "Dhillon", None),
    ("Amandeep", "Grewal", "Aman"), ("Baljit", "Sidhu", None),
    ("Navdeep", "Brar", "Nav"),
    # Mexican
    ("Guadalupe", "Garcia-Lopez", "Lupe"), ("Jose Luis", "Hernandez", "Pepe"),
    ("Maria", "de la Cruz", None), ("Alejandro", "Ramirez", "Alex"),
    ("Yesenia", "Mendoza", None), ("Rogelio", "Castaneda", None),
    ("Itzel", "Morales", None), ("Xochitl", "Gutierrez", None),
    # Salvadoran
    ("Nelson", "Orellana", None), ("Marisol", "Portillo", None),
    ("Wilber", "Alvarado", None), ("Jenny", "Escobar", None),
    ("Ronald", "Hernandez Mejia", None), ("Xiomara", "Funes", None),
    # Filipino
    ("Maricel", "Dela Cruz", None), ("Jun", "Bautista", None),
    ("Rowena", "Manalo", "Weng"), ("Rodel", "Santos", None),
    ("Analyn", "Macaraeg", None), ("Jerome", "Villanueva", None),
    ("Lorna", "Pangilinan", None),
    # Russian / Ukrainian
    ("Dmitri", "Volkov", "Dima"), ("Svetlana", "Kuznetsova", "Sveta"),
    ("Oksana", "Petrenko", None), ("Yuri", "Sokolov", None),
    ("Natalia", "Morozova", "Natasha"), ("Artem", "Lebedev", None),
    # Arabic
    ("Omar", "Haddad", None), ("Layla", "Al-Sayed", None),
    ("Yousef", "Khoury", "Joe"), ("Rania", "Nasser", None),
    ("Khalid", "Mansour", None), ("Huda", "Abdelrahman", None),
    # Nigerian
    ("Chinedu", "Okafor", "Nedu"), ("Adaeze", "Nwosu", "Ada"),
    ("Oluwaseun", "Adeyemi", "Seun"), ("Ngozi", "Eze", None),
    ("Babatunde", "Balogun", "Tunde"), ("Funmilayo", "Ogunleye", "Funmi"),
    ("Emeka", "Obi", None),
    # Navajo
    ("Darlene", "Begay", None), ("Tyrone", "Yazzie", None),
    ("Shannon", "Tsosie", None), ("Lorenzo", "Benally", None),
    ("Marlene", "Nez", None), ("Kee", "Etsitty", None),
    ("Harrison", "Tsinajinnie", None),
    # hyphenated / double / Irish / Dutch / other US
    ("Kevin", "O'Neill", None), ("Sarah", "McAllister", None),
    ("Pieter", "van der Berg", None), ("Brenda", "Kowalski", None),
    ("Deshawn", "Whitaker", None), ("Tammy", "Lindqvist", None),
    ("Colleen", "MacDonald", None), ("Patricia", "St. John", "Trish"),
    ("Robert", "Okonkwo-Smith", "Bobby"), ("Ana Sofia", "Reyes-Villanueva", None),
]

# names used as common words appear only in negatives
R.shuffle(NAMES)
_name_i = [0]


FEMALE = {"Pa Houa", "Mai Lee", "Nou", "Yer", "Shoua", "Ntxhi", "Fadumo", "Hodan",
          "Ayan", "Sahra", "Hamdi", "Ilhan", "Marie-Claude", "Wislande",
          "Guerline", "Rose-Carline", "Lan", "Huong", "Thuy", "Bich Ngoc",
          "Harpreet", "Guadalupe", "Maria", "Yesenia", "Itzel", "Xochitl",
          "Marisol", "Jenny", "Xiomara", "Maricel", "Rowena", "Analyn", "Lorna",
          "Svetlana", "Oksana", "Natalia", "Layla", "Rania", "Huda", "Adaeze",
          "Ngozi", "Funmilayo", "Darlene", "Shannon", "Marlene", "Sarah",
          "Brenda", "Tammy", "Colleen", "Patricia", "Ana Sofia"}
NEUTRAL = {"Bao", "Jaspreet", "Manjit"}


def gender_of(first):
    if first in NEUTRAL:
        return "x"
    return "f" if first in FEMALE else "m"


def next_name(r, need_nick=False, gender=None):
    for _ in range(len(NAMES) * 3):
        nm = NAMES[_name_i[0] % len(NAMES)]
        _name_i[0] += 1
        if need_nick and not nm[2]:
            continue
        if gender and gender_of(nm[0]) not in (gender, "x"):
            continue
        return nm
    raise AssertionError


def asr_name(s, r):
    """How ASR may write a name: lowercase, hyphens/apostrophes split."""
    s = s.lower()
    if "-" in s:
        s = s.replace("-", " ") if r.random() < 0.7 else s
    if "'" in s:
        s = s.replace("'", " ") if r.random() < 0.5 else s.replace("'", "")
    if s.startswith("mc") and r.random() < 0.6:
        s = "mc " + s[2:]
    if s.startswith("mac") and r.random() < 0.5:
        s = "mac " + s[3:]
    if s == "abdirahman" and r.random() < 0.6:
        s = "abdi rahman"
    if s == "st. john":
        s = "saint john"
    return s


# ---------------------------------------------------------------- rendering
class Ctx:
    def __init__(self, r, style):
        self.r = r
        self.style = style
        self.names = {}
        self.last = {}


def name_value(ctx, key, variant):
    r = ctx.r
    variant, _, gender = variant.partition(".")
    if key not in ctx.names:
        ctx.names[key] = next_name(r, need_nick=(variant == "nick"), gender=gender or None)
    first, last, nick = ctx.names[key]
    asr = ctx.style == "asr"
    spoken = False
    if variant == "full":
        v = first + " " + last
    elif variant == "first":
        v = first
    elif variant == "last":
        v = last
    elif variant == "nick":
        v = nick or first
    elif variant == "init":       # j. r. okafor
        mid = r.choice("ABCDEFGHJKLMNPRST")
        v = "%s. %s. %s" % (first[0], mid, last) if not asr else \
            "%s %s %s" % (first[0], mid, last)
    elif variant == "finit":      # first initial + last
        v = "%s. %s" % (first[0], last) if not asr else "%s %s" % (first[0], last)
    elif variant == "spell_last":
        v = " ".join(c.lower() for c in last if c.isalpha())
        spoken = True
    elif variant == "spell_first":
        v = " ".join(c.lower() for c in first if c.isalpha())
        spoken = True
    elif variant == "sig":       # chat signature: first + last initial
        v = "%s %s." % (first.split()[0], last[0])
    elif variant == "lastfirst":  # "Vang, Tou"
        v = "%s, %s" % (last, first)
    else:
        raise ValueError(variant)
    if asr and not spoken:
        v = asr_name(v, r)
    elif ctx.style == "typed" and r.random() < 0.25 and variant not in ("sig",):
        v = v.lower()          # chat users often type lowercase
    return "", v, "", spoken


def phone_value(ctx, variant):
    r = ctx.r
    if variant.startswith("intl") or variant.startswith("sp_intl"):
        want = variant.rpartition("_")[2] if variant.count("_") > (1 if variant.startswith("sp") else 0) else None
        cc, groups = r.choice([x for x in INTL if want is None or x[0] == want])
        groups = list(groups)
        variant = "sp_intl" if variant.startswith("sp") else "intl"
        if variant == "intl":
            sep = r.choice([" ", " ", "-", ""])
            v = "+" + cc + " " + sep.join(groups) if sep != "" else "+" + cc + "".join(groups)
            return "", v, "", False
        words = ["plus", spoken_digits(cc, r, dbl=0)]
        for g in groups:
            words.append(spoken_digits(g, r))
        return "", " ".join(words), "", True
    a, e, l = nanp(r, area=r.choice(TOLLFREE) if variant == "sp_mixed" else None)
    if variant == "paren":
        return "", "(%s) %s-%s" % (a, e, l), "", False
    if variant == "tight":
        return "", "(%s)%s%s" % (a, e, l), "", False
    if variant == "dots":
        return "", "%s.%s.%s" % (a, e, l), "", False
    if variant == "dash":
        return "", "%s-%s-%s" % (a, e, l), "", False
    if variant == "plain":
        return "", a + e + l, "", False
    if variant == "plus1":
        return "", r.choice(["+1 %s %s %s", "+1-%s-%s-%s", "+1 (%s) %s-%s"]) % (a, e, l), "", False
    if variant == "one":
        return "", "1-%s-%s-%s" % (a, e, l), "", False
    if variant == "odd":
        d = a + e + l
        k = r.randrange(3)
        if k == 0:
            v = " ".join(d)                        # 6 5 1 2 8 3 ...
        elif k == 1:
            v = " ".join([d[0:2], d[2:4], d[4:6], d[6:8], d[8:10]])
        else:
            v = "%s %s %s" % (d[:3], d[3:7], d[7:])
        return "", v, "", False
    if variant == "sp":
        sep = r.choice([" ", " ", ", "])
        return "", sep.join(spoken_digits(g, r) for g in (a, e, l)), "", True
    if variant == "sp_dash":
        return "", " dash ".join(spoken_digits(g, r) for g in (a, e, l)), "", True
    if variant == "sp_one":
        return "", "one " + " ".join(spoken_digits(g, r) for g in (a, e, l)), "", True
    if variant == "sp_pairs":
        v = spoken_digits(a, r, dbl=0) + " " + spoken_digits(e, r, dbl=0) + " " + pairs_spoken(l)
        return "", v, "", True
    if variant == "sp_mixed":
        v = "one " + a + " " + spoken_digits(e + l, r)
        return "", v, "", True
    if variant == "sp_corr":
        wrong = str((int(a[2]) + r.choice([1, 9])) % 10)
        pre = spoken_digits(a[:2] + wrong, r, dbl=0) + " " + r.choice(
            ["no sorry", "no wait", "sorry", "scratch that"]) + " "
        v = " ".join(spoken_digits(g, r) for g in (a, e, l))
        return pre, v, "", True
    if variant == "sp_pause":
        v = (spoken_digits(a, r) + " " + spoken_digits(e, r) + r.choice(
            [" ... ", " uh ", " um hold on ", ", uh, "]) + spoken_digits(l, r))
        return "", v, "", True
    if variant == "sp_turn":
        v = (spoken_digits(a + e, r) + r.choice(
            [" agent: mm hm caller: ", " agent: okay caller: ",
             " agent: go ahead caller: "]) + spoken_digits(l, r))
        return "", v, "", True
    raise ValueError(variant)


def email_value(ctx, variant):
    r = ctx.r
    key = "N" if "N" in ctx.names else None
    if key:
        first, last, _ = ctx.names[key]
    else:
        first, last, _ = next_name(r)
    f = re.sub(r"[^a-z]", "", first.lower().split()[0])
    l = re.sub(r"[^a-z]", "", last.lower())
    k = r.randrange(6)
    num = str(r.choice([7, 12, 21, 77, 88, 1984, 1990, 2003, 612, 651]))
    if k == 0:
        local = f + "." + l
    elif k == 1:
        local = f + l + num
    elif k == 2:
        local = f[0] + l
    elif k == 3:
        local = f + "_" + l[:4]
    elif k == 4:
        local = l + "." + f[0] + num
    else:
        local = f + num
    dom = r.choice(EMAIL_DOMAINS)
    if variant == "typed":
        v = local + "@" + dom
        if r.random() < 0.15:
            v = v[0].upper() + v[1:]
        return "", v, "", False
    # spoken
    def sp_part(s):
        out = []
        for tok in re.findall(r"[a-z]+|[0-9]+|[._]", s):
            if tok == ".":
                out.append("dot")
            elif tok == "_":
                out.append("underscore")
            elif tok.isdigit():
                out.append(pairs_spoken(tok) if len(tok) in (2, 4) and r.random() < 0.6
                           else spoken_digits(tok, r, dbl=0.5))
            else:
                if len(tok) <= 2 or (variant == "sp_spell" and r.random() < 0.7):
                    out.append(" ".join(tok))
                else:
                    out.append(tok)
        return " ".join(out)
    d1, d2 = dom.rsplit(".", 1)
    v = sp_part(local) + " at " + d1 + " dot " + d2
    return "", v, "", True


def ssn_value(ctx, variant):
    r = ctx.r
    s = make_ssn(r)
    if variant == "dash":
        return "", "%s-%s-%s" % (s[:3], s[3:5], s[5:]), "", False
    if variant == "space":
        return "", "%s %s %s" % (s[:3], s[3:5], s[5:]), "", False
    if variant == "plain":
        return "", s, "", False
    if variant == "sp":
        return "", " ".join(spoken_digits(g, r) for g in (s[:3], s[3:5], s[5:])), "", True
    if variant == "sp_dash":
        return "", " dash ".join(spoken_digits(g, r, dbl=0) for g in (s[:3], s[3:5], s[5:])), "", True
    if variant == "sp_pairs":   # five twenty one, forty four, eighty seven thirty two
        v = ONES[int(s[0])] + " " + pair_words(s[1:3]) + " " + pair_words(s[3:5]) + " " + pairs_spoken(s[5:])
        return "", v, "", True
    if variant == "sp_corr":
        wrong = s[:2] + str((int(s[2]) + 3) % 10)
        pre = spoken_digits(wrong, r, dbl=0) + " " + r.choice(["no sorry", "wait no", "i mean"]) + " "
        return pre, " ".join(spoken_digits(g, r) for g in (s[:3], s[3:5], s[5:])), "", True
    if variant == "last4":   # not used for labels: last four alone is not an SSN
        raise ValueError
    raise ValueError(variant)


def card_value(ctx, variant):
    r = ctx.r
    kind, fmt = variant.split("_", 1)
    if kind == "any":
        kind = r.choice(["visa", "mc", "amex", "disc"])
    c = make_card(r, kind)
    assert luhn_ok(c)
    if kind == "amex":
        groups = [c[:4], c[4:10], c[10:]]
    else:
        groups = [c[i:i + 4] for i in range(0, 16, 4)]
    if fmt == "space":
        return "", " ".join(groups), "", False
    if fmt == "dash":
        return "", "-".join(groups), "", False
    if fmt == "plain":
        return "", c, "", False
    if fmt == "sp":
        sep = r.choice([" ", ", ", " ... "])
        return "", sep.join(spoken_digits(g, r) for g in groups), "", True
    if fmt == "pairs":
        return "", " ".join(pairs_spoken(g) for g in groups), "", True
    if fmt == "mixed":   # ASR normalises some groups to digits, not others
        out = [g if i % 2 == 0 else spoken_digits(g, r) for i, g in enumerate(groups)]
        return "", " ".join(out), "", True
    raise ValueError(variant)


def iban_value(ctx, variant):
    r = ctx.r
    fmt, _, country = variant.partition("_")
    country = country.upper() or r.choice(sorted(IBAN_SPECS))
    ib = make_iban(r, country)
    if fmt == "grouped":
        return "", " ".join(ib[i:i + 4] for i in range(0, len(ib), 4)), "", False
    if fmt == "plain":
        return "", ib, "", False
    if fmt == "lower":
        return "", " ".join(ib[i:i + 4] for i in range(0, len(ib), 4)).lower(), "", False
    if fmt == "sp":
        oh = r.random() < 0.4
        out = []
        for c in ib:
            out.append(c.lower() if c.isalpha() else dword(c, oh))
        return "", " ".join(out), "", True
    if fmt == "spg":   # spoken in groups of four with pauses
        oh = r.random() < 0.4
        groups = [ib[i:i + 4] for i in range(0, len(ib), 4)]
        out = [" ".join(c.lower() if c.isalpha() else dword(c, oh) for c in g) for g in groups]
        return "", ", ".join(out), "", True
    raise ValueError(variant)


def simple_number(ctx, variant, s, groups=None):
    r = ctx.r
    if variant == "plain":
        return "", s, "", False
    if variant == "group":
        return "", " ".join(s[i:i + 4] for i in range(0, len(s), 4)), "", False
    if variant == "dash":
        g = groups or [4] * (len(s) // 4 + 1)
        out = []
        i = 0
        for n in g:
            if i >= len(s):
                break
            out.append(s[i:i + n])
            i += n
        if i < len(s):
            out[-1] += s[i:]
        return "", "-".join(out), "", False
    if variant == "sp":
        return "", spoken_digits(s, r), "", True
    if variant == "pairs":
        return "", pairs_spoken(s), "", True
    raise ValueError(variant)


def dob_value(ctx, variant):
    r = ctx.r
    y = r.randrange(1938, 2012)
    m = r.randrange(1, 13)
    d = r.randrange(1, 29)
    if variant == "slash":
        return "", "%02d/%02d/%d" % (m, d, y), "", False
    if variant == "short":
        return "", "%d-%d-%02d" % (m, d, y % 100), "", False
    if variant == "long":
        return "", "%s %d, %d" % (MONTHS[m].capitalize(), d, y), "", False
    if variant == "abbr":
        return "", "%d %s %d" % (d, MON3[m], y), "", False
    if variant == "iso":
        return "", "%d-%02d-%02d" % (y, m, d), "", False
    if variant == "sp":
        k = r.randrange(3)
        if k == 0:
            v = "%s %s %s" % (MONTHS[m], ORD[d], year_words(y))
        elif k == 1:
            v = "the %s of %s %s" % (ORD[d], MONTHS[m], year_words(y))
        else:
            v = "%s %s %s" % (MONTHS[m], n2w(d), year_words(y))
        return "", v, "", True
    if variant == "sp_num":   # "oh three fourteen seventy nine"
        mm = pair_words("%02d" % m) if r.random() < 0.5 else n2w(m)
        v = "%s %s %s" % (mm, n2w(d), year_words(y) if r.random() < 0.5 else pair_words("%02d" % (y % 100)))
        return "", v, "", True
    raise ValueError(variant)


def addr_value(ctx, variant):
    r = ctx.r
    num = r.choice([r.randrange(10, 100), r.randrange(100, 1000), r.randrange(1000, 9999),
                    r.randrange(1000, 9999), r.randrange(10000, 40000)])
    street = r.choice(STREETS)
    unit = ""
    if r.random() < 0.35:
        unit = r.choice([" Apt %d" % r.randrange(1, 40), " Apt %d%s" % (r.randrange(1, 9), r.choice("ABCD")),
                         " Unit %d" % r.randrange(100, 420), " #%d" % r.randrange(2, 30)])
    if variant == "typed":
        v = "%d %s%s" % (num, street, unit)
        if r.random() < 0.3:
            v = v.lower()
        return "", v, "", False
    if variant == "asr":   # ASR with digits normalised
        words = [STREET_SPOKEN.get(w, w.lower()) for w in street.split()]
        v = "%d %s" % (num, " ".join(words))
        return "", v, "", False
    if variant == "sp":
        words = [STREET_SPOKEN.get(w, w.lower()) for w in street.split()]
        numw = house_words(num) if r.random() < 0.7 else spoken_digits(str(num), r, dbl=0)
        u = ""
        if unit:
            m = re.match(r" (Apt|Unit|#)\s?(\d+)([A-D]?)", unit)
            lab = {"Apt": "apartment", "Unit": "unit", "#": "number"}[m.group(1)]
            u = " %s %s%s" % (lab, n2w(int(m.group(2))) if int(m.group(2)) < 100 else house_words(int(m.group(2))),
                              (" " + m.group(3).lower()) if m.group(3) else "")
        v = "%s %s%s" % (numw, " ".join(words), u)
        return "", v, "", True
    raise ValueError(variant)


def zip_value(ctx, variant):
    r = ctx.r
    z = r.choice(ZIPS)
    if variant == "typed":
        return "", z, "", False
    if variant == "plus4":
        return "", z + "-" + rdigits(r, 4), "", False
    if variant == "sp":
        return "", spoken_digits(z, r, dbl=0.2), "", True
    raise ValueError(variant)


def ip_value(ctx, variant):
    r = ctx.r
    first = r.choice([24, 50, 67, 68, 71, 73, 76, 98, 99, 107, 108, 162, 173, 174, 184, 198, 204, 209])
    octs = [first, r.randrange(0, 256), r.randrange(0, 256), r.randrange(1, 255)]
    if variant == "v4":
        return "", ".".join(map(str, octs)), "", False
    if variant == "sp":
        out = []
        for o in octs:
            out.append(n2w(o) if r.random() < 0.4 else spoken_digits(str(o), r, dbl=0))
        return "", " dot ".join(out), "", True
    if variant == "v6":
        k = r.randrange(3)
        hx = lambda: "%x" % r.randrange(0, 0x10000)
        if k == 0:
            v = "2601:%x:%s:%s::%s" % (r.randrange(0x100, 0xfff), hx(), hx(), hx())
        elif k == 1:
            v = ":".join(["2600", "%x" % r.randrange(0x1000, 0x9fff)] + [hx() for _ in range(6)])
        else:
            v = "2603:%x:%s:%s:%s:%s:%s:%s" % (r.randrange(0x6000, 0x9fff), hx(), hx(), hx(), hx(), hx(), hx())
        return "", v, "", False
    raise ValueError(variant)


def dl_value(ctx, variant):
    r = ctx.r
    st, _, fmt = variant.partition("_")
    L = lambda: r.choice("ABCDEFGHJKLMNPRSTVWXY")
    if st == "ca":
        v = L() + rdigits(r, 7)
    elif st == "tx":
        v = rdigits(r, 8, True)
    elif st == "fl":
        v = "%s%s-%s-%s-%s-%s" % (L(), rdigits(r, 3), rdigits(r, 3), rdigits(r, 2), rdigits(r, 3), rdigits(r, 1))
    elif st == "ny":
        v = rdigits(r, 9, True)
    elif st == "il":
        v = "%s%s-%s-%s" % (L(), rdigits(r, 3), rdigits(r, 4), rdigits(r, 4))
    elif st == "mn":
        v = L() + rdigits(r, 12)
    elif st == "wa":
        v = "WDL" + "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(9))
    elif st == "az":
        v = L() + rdigits(r, 8)
    elif st == "nm":
        v = rdigits(r, 9, True)
    elif st == "mi":
        v = "%s %s %s %s %s" % (L(), rdigits(r, 3), rdigits(r, 3), rdigits(r, 3), rdigits(r, 3))
    else:
        raise ValueError(variant)
    if fmt == "sp":
        return "", alnum_spoken(v, r), "", True
    if fmt == "lower":
        return "", v.lower(), "", False
    return "", v, "", False


def pp_value(ctx, variant):
    r = ctx.r
    v = r.choice([rdigits(r, 9, True), r.choice("ACEFGHJKLMNPRSUVWXZ") + rdigits(r, 8)])
    if variant == "sp":
        return "", alnum_spoken(v, r), "", True
    return "", v, "", False


def mrn_value(ctx, variant):
    r = ctx.r
    k = r.randrange(3)
    s = rdigits(r, r.choice([7, 8, 9, 10]))
    if variant == "sp":
        return "", spoken_digits(s, r), "", True
    if variant == "pairs":
        if len(s) % 2:
            s = s + rdigits(r, 1)
        return "", pairs_spoken(s), "", True
    if k == 0:
        return "", s, "", False
    if k == 1:
        return "", "%s-%s" % (s[:4], s[4:]), "", False
    return "", "MR" + s, "", False


ENT_OF = {"N": "PERSON", "M": "PERSON", "K": "PERSON", "PH": "PHONE_NUMBER",
          "PH2": "PHONE_NUMBER", "EM": "EMAIL_ADDRESS", "SSN": "US_SSN",
          "CC": "CREDIT_CARD", "IBAN": "IBAN_CODE", "BANK": "US_BANK_NUMBER",
          "ABA": "ABA_ROUTING_NUMBER", "ACCT": "ACCOUNT_NUMBER",
          "DOB": "DATE_OF_BIRTH", "ADDR": "STREET_ADDRESS", "ZIP": "ZIP_CODE",
          "IP": "IP_ADDRESS", "DL": "US_DRIVER_LICENSE", "PP": "US_PASSPORT",
          "MRN": "MEDICAL_RECORD_NUMBER"}


def value_for(ctx, key, variant):
    r = ctx.r
    if "|" in variant:
        variant = r.choice(variant.split("|"))
    if variant == "again":
        return ctx.last[key]
    if key in ("N", "M", "K"):
        res = name_value(ctx, key, variant)
    elif key in ("PH", "PH2"):
        res = phone_value(ctx, variant)
    elif key == "EM":
        res = email_value(ctx, variant)
    elif key == "SSN":
        res = ssn_value(ctx, variant)
    elif key == "CC":
        res = card_value(ctx, variant)
    elif key == "IBAN":
        res = iban_value(ctx, variant)
    elif key == "BANK":
        res = simple_number(ctx, variant, rdigits(r, r.choice([9, 10, 10, 11, 12]), True))
    elif key == "ABA":
        res = simple_number(ctx, variant, make_aba(r))
    elif key == "ACCT":
        res = simple_number(ctx, variant, rdigits(r, r.choice([8, 10, 10, 12]), True), groups=[3, 3, 4, 2])
    elif key == "DOB":
        res = dob_value(ctx, variant)
    elif key == "ADDR":
        res = addr_value(ctx, variant)
    elif key == "ZIP":
        res = zip_value(ctx, variant)
    elif key == "IP":
        res = ip_value(ctx, variant)
    elif key == "DL":
        res = dl_value(ctx, variant)
    elif key == "PP":
        res = pp_value(ctx, variant)
    elif key == "MRN":
        res = mrn_value(ctx, variant)
    else:
        raise ValueError(key)
    if key not in ("N", "M", "K"):
        ctx.last[key] = ("", res[1], "", res[3])   # a read-back repeats the value only
    return res


PH_RE = re.compile(r"\{([A-Z0-9]+):([a-z0-9_|.]+)\}")


def render(domain, style, template, r):
    ctx = Ctx(r, style)
    text = ""
    ents = []
    pos = 0
    for m in PH_RE.finditer(template):
        text += template[pos:m.start()]
        key, variant = m.group(1), m.group(2)
        pre, val, post, spoken = value_for(ctx, key, variant)
        if style == "asr":
            assert len(val.lower()) == len(val)
            val = val.lower()
            pre = pre.lower()
        text += pre
        start = len(text)
        text += val
        ents.append({"type": ENT_OF[key], "start": start, "end": len(text),
                     "text": val, "spoken": bool(spoken)})
        text += post
        pos = m.end()
    text += template[pos:]
    assert "{" not in text and "}" not in text, text
    for e in ents:
        assert text[e["start"]:e["end"]] == e["text"], (text, e)
        assert e["text"] == e["text"].strip() and e["text"]
    return {"domain": domain, "style": style, "text": text, "entities": ents}




# ---------------------------------------------------------------- positive templates
# (domain, style, template).  {KEY:variant|variant} placeholders become labeled spans.
POSITIVE = [
    # ---------------- utilities, ASR
    ("utility", "asr", "hi yeah my name is {N:full} and i'm calling about the water bill the account number is {ACCT:sp|pairs}"),
    ("utility", "asr", "my last name is {N:last} that's {N:spell_last} and the first name is {N:first}"),
    ("utility", "asr", "yes the best number to reach me is {PH:sp|sp_pairs|sp_dash}"),
    ("utility", "asr", "the power's been out since last night at {ADDR:sp} zip code {ZIP:sp}"),
    ("utility", "asr", "it's {N:full} speaking i just moved into {ADDR:sp} and i need the gas turned on by friday"),
    ("utility", "asr", "my daughter {N:first.f} set up the internet and the email on the account is {EM:sp|sp_spell}"),
    ("utility", "asr", "the router says the public ip is {IP:sp} and it keeps dropping every hour"),
    ("utility", "asr", "can you put me through to {N:full.f} in billing she said she would call me back yesterday"),
    ("utility", "asr", "um my callback number is {PH:sp_corr}"),
    ("utility", "asr", "the number on the account is {PH:sp_pause} that's my cell phone"),
    ("utility", "asr", "caller: my phone number is {PH:sp_turn} agent: thank you i have that"),
    ("utility", "asr", "the account is under my husband {N:full.m} he said it's okay for me to talk for him"),
    ("utility", "asr", "account number {ACCT:pairs} and the service address is {ADDR:sp}"),
    ("utility", "asr", "hello {N:full} speaking i got a shutoff notice but i paid on the fifth the account is {ACCT:sp}"),
    ("utility", "asr", "you can call me {N:nick} everybody does the account is still under {N:full} though"),
    ("utility", "asr", "i'm {N:first} i'm the tenant the landlord is {M:full.m} and his number is {PH:sp}"),
    ("utility", "asr", "yes it's {N:first} again calling back about the broadband outage my ip is {IP:sp}"),
    ("utility", "asr", "for the gas account it's {ACCT:sp} and the last payment was sixty two dollars"),
    ("utility", "asr", "my cell is {PH:sp_one} and my work line is {PH2:sp_mixed}"),
    ("utility", "asr", "my mother lives with me her name is {M:full.f} and she's on oxygen so we need the medical certificate"),
    ("utility", "asr", "the zip code there is {ZIP:sp} the house is the blue one on the corner"),
    ("utility", "asr", "me llamo {N:full} and i need spanish please the account is {ACCT:sp}"),
    ("utility", "asr", "send the new bill to {EM:sp} instead of paper please"),
    ("utility", "asr", "my ip address right now is {IP:v4} if that helps"),
    ("utility", "asr", "so the number to text is {PH:sp_pairs} and the name is {N:spell_first}"),
    # ---------------- utilities, typed chat
    ("utility", "typed", "Agent: Thanks for chatting with Metro Water, how can I help? Customer: hi my acct # is {ACCT:dash|plain} and my bill doubled this month"),
    ("utility", "typed", "Agent: What's the best number to reach you? Customer: ph# {PH:dots|tight|paren} pls text dont call"),
    ("utility", "typed", "Customer: hey its {N:full}, service addr is {ADDR:typed}, {ZIP:typed} Agent: Thanks, let me pull that up."),
    ("utility", "typed", "Customer: can u send the payment plan to {EM:typed} Agent: Sure, sending it now."),
    ("utility", "typed", "Agent: Can I have the email on file? Customer: {EM:typed}"),
    ("utility", "typed", "Customer: modem wan ip is {IP:v4} and ipv6 {IP:v6}, still no internet Agent: The line looks up on our side."),
    ("utility", "typed", "Customer: my number is {PH:odd} Agent: Thank you, is that a mobile? Customer: yes"),
    ("utility", "typed", "Customer: pls update my # to {PH:plus1|one}, old one was {PH2:dash}"),
    ("utility", "typed", "Customer: if no one answers call my neighbour {N:full} at {PH:paren} for the meter install. thx {M:sig}"),
    ("utility", "typed", "Agent: Who am I chatting with today? Customer: {N:full}"),
    ("utility", "typed", "Customer: name on acct is {N:lastfirst}, acct {ACCT:plain} Agent: Verified, thank you."),
    ("utility", "typed", "Customer: my ipv6 is {IP:v6} and the gateway keeps rebooting"),
    ("utility", "typed", "Customer: gas acct {ACCT:dash}, svc address {ADDR:typed} Agent: I see a leak report from yesterday."),
    ("utility", "typed", "Customer: hi this is {N:first}, the tech {M:first.m} said he'd be back today but nobody came"),
    ("utility", "typed", "Customer: callback {PH:dash|plain|dots} ask for {N:first}"),
    ("utility", "typed", "Customer: new addr {ADDR:typed} zip {ZIP:typed|plus4} starting the 1st"),
    ("utility", "typed", "Agent: Please confirm the account holder's email. Customer: its {EM:typed} not the old one"),
    ("utility", "typed", "Customer: its my grandma's acct, {N:full.f}, her phone is {PH:paren|dash}"),
    ("utility", "typed", "Customer: u can reach me at {PH:intl} im overseas till the 20th"),
    # ---------------- banking, ASR
    ("bank", "asr", "i want to dispute a charge on my card the card number is {CC:visa_sp|mc_sp|disc_sp}"),
    ("bank", "asr", "the card number is {CC:any_pairs} and the charge was eighty nine twelve"),
    ("bank", "asr", "for the direct deposit the routing number is {ABA:sp} and the account number is {BANK:sp|pairs}"),
    ("bank", "asr", "i'm sending money to my brother his iban is {IBAN:sp_de}"),
    ("bank", "asr", "the iban is {IBAN:spg_gb} and the name on the account is {N:full}"),
    ("bank", "asr", "my social is {SSN:sp|sp_dash|sp_pairs}"),
    ("bank", "asr", "social security number {SSN:sp_corr}"),
    ("bank", "asr", "it's {N:init} calling about a wire that never arrived it went to {IBAN:sp}"),
    ("bank", "asr", "yes i'm {N:full} date of birth {DOB:sp|sp_num} social {SSN:sp|sp_dash}"),
    ("bank", "asr", "the wire goes to {IBAN:sp_fr} in france the beneficiary is {N:full}"),
    ("bank", "asr", "it's an american express {CC:amex_sp} and it was charged twice"),
    ("bank", "asr", "routing {ABA:sp} checking {BANK:sp}"),
    ("bank", "asr", "my checking account number is {BANK:pairs}"),
    ("bank", "asr", "this is {N:full} my card was stolen at the gas station the number is {CC:any_mixed}"),
    ("bank", "asr", "the international account is {IBAN:sp_nl} with ing"),
    ("bank", "asr", "the account in spain is {IBAN:sp_es} under my uncle {N:full.m}"),
    ("bank", "asr", "my name is {N:first} {N:spell_first} and last name {N:last}"),
    ("bank", "asr", "you can reach me on whatsapp at {PH:sp_intl}"),
    ("bank", "asr", "my mother's number back home is {PH:sp_intl} she is the one receiving the transfer"),
    ("bank", "asr", "last four don't matter the full social is {SSN:sp}"),
    ("bank", "asr", "the routing number on the check is {ABA:plain} and account {BANK:plain}"),
    ("bank", "asr", "i was born {DOB:sp} and my social is {SSN:sp}"),
    ("bank", "asr", "my card number is {CC:visa_sp} expiration oh nine twenty eight"),
    ("bank", "asr", "the iban for the irish account is {IBAN:sp_ie}"),
    # ---------------- banking, typed chat
    ("bank", "typed", "Agent: For verification, can you confirm the full card number? Customer: {CC:visa_space|mc_dash|any_plain}"),
    ("bank", "typed", "Customer: amex {CC:amex_space|amex_plain} was charged twice for $312.40 Agent: I'm sorry about that, I'll open a dispute."),
    ("bank", "typed", "Customer: routing {ABA:plain} acct {BANK:plain} for direct deposit pls Agent: Got it, updating now."),
    ("bank", "typed", "Customer: need to wire rent to {IBAN:grouped_fr} (landlord in Lyon) Agent: What's the beneficiary name? Customer: {N:full}"),
    ("bank", "typed", "Customer: iban {IBAN:plain_nl} bic INGBNL2A amount 1,250 EUR"),
    ("bank", "typed", "Customer: ssn is {SSN:dash|space|plain} Agent: Thank you, you're verified."),
    ("bank", "typed", "Customer: my wife {N:full.f} is joint holder, her ssn {SSN:dash}"),
    ("bank", "typed", "Agent: And your date of birth and SSN? Customer: {DOB:slash|short} and {SSN:dash|plain}"),
    ("bank", "typed", "Customer: card {CC:disc_dash|mc_space} got declined at walmart but i have money"),
    ("bank", "typed", "Customer: pls send wire to {IBAN:grouped_de}, Berlin, name {N:full}"),
    ("bank", "typed", "Customer: iban is {IBAN:lower_it} for the italian supplier"),
    ("bank", "typed", "Customer: wire to {IBAN:plain_sa} for my father in riyadh Agent: Wires to SA take 2-3 days."),
    ("bank", "typed", "Customer: transfer to {IBAN:grouped_ae} pls, same as last month"),
    ("bank", "typed", "Customer: my polish acct {IBAN:grouped_pl} Agent: Thanks, is this a EUR or PLN account?"),
    ("bank", "typed", "Customer: swiss iban {IBAN:plain_ch} Agent: Got it."),
    ("bank", "typed", "Customer: {IBAN:grouped_be} is my sister's account in brussels"),
    ("bank", "typed", "Customer: the portuguese iban {IBAN:grouped_pt}, holder {N:full}"),
    ("bank", "typed", "Customer: aba {ABA:plain}, checking # {BANK:plain}, employer is Target"),
    ("bank", "typed", "Agent: Can you confirm the routing number? Customer: {ABA:plain} Agent: And the account? Customer: {BANK:plain}"),
    ("bank", "typed", "Customer: my ssn {SSN:plain} dob {DOB:slash|iso} pls unlock my acct"),
    ("bank", "typed", "Customer: card # {CC:any_plain} exp 09/28 cvv not giving that lol"),
    ("bank", "typed", "Customer: hi its {N:first}, my cc {CC:visa_space} was used in another state"),
    ("bank", "typed", "Customer: i logged in from {IP:v4} not from that other ip Agent: Thanks, I'll flag the session."),
    ("bank", "typed", "Customer: Thanks for the help! - {N:full}"),
    ("bank", "typed", "Customer: email me the dispute form at {EM:typed} ty"),
    ("bank", "typed", "Customer: austrian iban {IBAN:grouped_at}"),
    # ---------------- insurance
    ("insurance", "asr", "i'm calling to file a claim my name is {N:full} and my date of birth is {DOB:sp} and my number is {PH:sp|sp_pairs}"),
    ("insurance", "asr", "the accident was in front of {ADDR:sp} the other driver was {M:full.m} and his license number is {DL:ca_sp}"),
    ("insurance", "asr", "the medical record number from the clinic is {MRN:sp}"),
    ("insurance", "asr", "the adjuster mrs {N:last.f} told me to call back with the mrn which is {MRN:pairs}"),
    ("insurance", "asr", "dr {N:last} at the urgent care said to use medical record number {MRN:typed}"),
    ("insurance", "asr", "my son {N:first.m} was the one driving he's on my policy his license is {DL:tx_sp|mn_sp}"),
    ("insurance", "asr", "the other driver gave me his number {PH:sp} and his name {M:full.m}"),
    ("insurance", "asr", "my date of birth is {DOB:sp_num} and the claim is for the hail damage"),
    ("insurance", "asr", "nurse {N:last} said my medical record number is {MRN:sp}"),
    ("insurance", "asr", "the house at {ADDR:sp} got flooded in the basement"),
    ("insurance", "asr", "i'm {N:full} the policy holder is my father {M:full.m} he doesn't speak much english"),
    ("insurance", "typed", "Customer: my MRN at the hospital is {MRN:typed} for the ER visit Agent: Thanks, I'll attach that to the claim."),
    ("insurance", "typed", "Customer: other driver's DL is {DL:tx|ny|fl}, name {M:full}"),
    ("insurance", "typed", "Agent: What is the insured's date of birth? Customer: {DOB:long|abbr|slash}"),
    ("insurance", "typed", "Customer: damage at {ADDR:typed}, {ZIP:typed}, roof and gutters Agent: I'll schedule an adjuster."),
    ("insurance", "typed", "Customer: pls have dr. {N:last} send the records, mrn {MRN:typed}"),
    ("insurance", "typed", "Customer: contact me at {EM:typed} or {PH:dots}"),
    ("insurance", "typed", "Customer: the body shop guy is {N:full} ph {PH:tight}"),
    ("insurance", "typed", "Agent: Who witnessed the accident? Customer: my coworker {N:full.f}, her cell {PH:paren}"),
    ("insurance", "typed", "Customer: claimant {N:init}, dob {DOB:slash}"),
    ("insurance", "typed", "Customer: med record # {MRN:typed} at Regions Hospital"),
    # ---------------- DMV / permits
    ("dmv", "asr", "i need to renew my license the number is {DL:mn_sp|ca_sp|az_sp}"),
    ("dmv", "asr", "my passport number is {PP:sp}"),
    ("dmv", "asr", "officer {N:last} gave me the citation and told me to call this office"),
    ("dmv", "asr", "i'm {N:full} my new address is {ADDR:sp} {ZIP:sp}"),
    ("dmv", "asr", "councillor {N:last}'s office told me to apply for the fence permit here"),
    ("dmv", "asr", "the driver's license number is {DL:tx_sp|ny_sp|nm_sp} and it expired last month"),
    ("dmv", "asr", "for real id i have my passport it's {PP:sp} and my birth date is {DOB:sp}"),
    ("dmv", "asr", "my license is {DL:wa_sp} from washington state"),
    ("dmv", "asr", "hi this is {N:first} from the contractor we're doing the deck at {ADDR:sp}"),
    ("dmv", "typed", "Customer: DL# {DL:il|fl|mi} exp next month, can i renew online? Agent: Yes, you can renew at the portal."),
    ("dmv", "typed", "Customer: passport # {PP:typed} for the real id appt"),
    ("dmv", "typed", "Customer: permit for 4 ft fence at {ADDR:typed} {ZIP:plus4}, owner is {N:full} Agent: Thanks, the fee is $65."),
    ("dmv", "typed", "Customer: lic {DL:ca|az|mn} dob {DOB:slash} Agent: Thank you, I found your record."),
    ("dmv", "typed", "Customer: my passport number {PP:typed} and ssn {SSN:dash}"),
    ("dmv", "typed", "Agent: Please provide your license number. Customer: {DL:wa|ny|tx}"),
    ("dmv", "typed", "Customer: the inspector mr {N:last.m} never showed, call me {PH:dash}"),
    ("dmv", "typed", "Customer: title is in my dad's name, {N:full.m}, address {ADDR:typed}"),
    ("dmv", "typed", "Customer: send the plates to {ADDR:typed}, {ZIP:typed} pls"),
    # ---------------- school district
    ("school", "asr", "hi this is {N:full} my son {M:first.m} is in third grade at lincoln elementary"),
    ("school", "asr", "my daughter {M:full.f} needs a bus pass and her teacher mrs {K:last.f} said to call you"),
    ("school", "asr", "nurse {N:last} called me about my son's inhaler"),
    ("school", "asr", "ask for {N:first.f} in enrollment she has all my kids' papers"),
    ("school", "asr", "tell {N:first} i can't make the iep meeting on thursday"),
    ("school", "asr", "my caseworker {N:full} told me to bring the lease to the office"),
    ("school", "asr", "{N:full} told me the free lunch form was approved"),
    ("school", "asr", "the student is {N:full} date of birth {DOB:sp}"),
    ("school", "asr", "my grandson {N:full.m} spelled {N:spell_last} is starting kindergarten"),
    ("school", "asr", "you can call me at {PH:sp_dash} or my husband {M:first.m} at {PH2:sp}"),
    ("school", "asr", "principal {N:last} wants to meet with me about the suspension"),
    ("school", "asr", "the email is {EM:sp} that's for the parent portal"),
    ("school", "typed", "Customer: pls ask {N:full} (caseworker) to email me at {EM:typed} Agent: I'll pass that along."),
    ("school", "typed", "Agent: Who is the student? Customer: {N:full}, 7th grade, dob {DOB:slash|long}"),
    ("school", "typed", "Customer: my son {N:full.m} needs his shot records sent over, his mrn at the clinic is {MRN:typed}"),
    ("school", "typed", "Customer: hi mrs {N:last}, its {M:first.m}'s mom, he will be absent today"),
    ("school", "typed", "Customer: emergency contact is {N:full} {PH:dash|paren|dots}"),
    ("school", "typed", "Customer: new address for enrollment: {ADDR:typed}, zip {ZIP:typed} Agent: Thanks, updated."),
    ("school", "typed", "Customer: my daughter {N:nick.f} is being bullied, pls tell coach {M:last}"),
    ("school", "typed", "Customer: the sub teacher ms. {N:last.f} sent my son home Agent: I'll check with the office."),
    ("school", "typed", "Customer: parent email {EM:typed}, parent cell {PH:plain|dots}"),
    # ---------------- multi-entity additions
    ("bank", "asr", "okay so the card number is {CC:any_sp} and my social is {SSN:sp}"),
    ("bank", "typed", "Customer: cc {CC:mc_plain|visa_dash} ssn {SSN:space} email {EM:typed}"),
    ("bank", "typed", "Agent: To verify, the last four of your SSN? Customer: the whole thing is {SSN:dash} lol"),
    ("bank", "asr", "the routing number is {ABA:sp} let me read it again {ABA:again}"),
    ("bank", "typed", "Customer: direct deposit form: routing # {ABA:plain}, acct # {BANK:plain}, phone {PH:dots}"),
    ("bank", "typed", "Customer: pls call me {PH:paren} re: the wire to {IBAN:grouped}"),
    ("utility", "typed", "Customer: acct {ACCT:dash}, ph {PH:dash}, email {EM:typed} Agent: Thanks, all updated."),
    ("utility", "asr", "account {ACCT:pairs} phone {PH:sp} and email {EM:sp}"),
    ("insurance", "typed", "Customer: ssn {SSN:dash}, dob {DOB:slash}, mrn {MRN:typed}"),
    ("dmv", "typed", "Customer: passport {PP:typed}, dl {DL:ca|ny}, ssn {SSN:plain} for the real id"),
    ("dmv", "asr", "my passport number is {PP:sp} and my phone number is {PH:sp}"),
    ("dmv", "typed", "Customer: pp# {PP:typed} exp 2031 Agent: Thanks, that matches."),
    ("school", "typed", "Customer: my ip is {IP:v4} and the portal blocks me Agent: Try clearing the cache."),
    ("school", "asr", "the parent portal says my ip {IP:sp} is blocked"),
    ("utility", "typed", "Customer: static ip {IP:v4}, ipv6 prefix {IP:v6} Agent: I'll re-provision."),
    ("bank", "asr", "the full card number is {CC:any_pairs} and the billing zip is {ZIP:sp}"),
    ("bank", "typed", "Customer: billing zip {ZIP:typed}, card {CC:any_space}"),
    ("insurance", "asr", "you can email the forms to {EM:sp} and my cell is {PH:sp_pairs}"),
    ("school", "typed", "Customer: pls email {EM:typed} or text {PH:odd}"),
    ("bank", "typed", "Customer: cc# {CC:amex_dash|disc_plain} disputed on 11/02 Agent: I see it, thanks."),
    ("school", "asr", "the school nurse needs the clinic medical record number it's {MRN:sp}"),
    ("bank", "asr", "my social is {SSN:sp_pairs} and the account is {BANK:sp}"),
    ("utility", "typed", "Customer: my ph# is {PH:tight|dots} and acct# {ACCT:plain}"),
    ("bank", "typed", "Customer: the routing is {ABA:plain} but the app says invalid"),
    ("bank", "typed", "Customer: my card {CC:visa_plain|mc_plain} was charged by a store i dont know Agent: I can help dispute that. Customer: ok my email is {EM:typed}"),
    ("bank", "asr", "card number {CC:any_sp} expiration twelve twenty seven and the zip is {ZIP:sp}"),
    ("utility", "typed", "Customer: text me at {PH:dots|plain} or email {EM:typed}"),
    ("school", "asr", "my email is {EM:sp_spell} and my phone is {PH:sp_dash}"),
    ("bank", "asr", "my brother overseas his number is {PH:sp_intl} and his account is {IBAN:spg}"),
    ("utility", "typed", "Customer: my cousin's number overseas {PH:intl} pls add as alt contact"),
    ("bank", "typed", "Customer: my SSN {SSN:dash} and my wife's is {SSN:space|dash}"),
    ("insurance", "asr", "for the tax form the social is {SSN:sp_dash}"),
    ("utility", "typed", "Customer: im in london till march, reach me on {PH:intl_44}"),
    ("bank", "asr", "my sister in paris her number is {PH:sp_intl_33}"),
    ("insurance", "typed", "Customer: my son studies in dublin, his cell is {PH:intl_353}"),
    ("school", "typed", "Customer: dad is in punjab rn, his whatsapp {PH:intl_91}"),
    ("bank", "asr", "the beneficiary in sydney can be reached at {PH:sp_intl_61}"),
]

# ---------------------------------------------------------------- negatives (no PII at all)
NEG_LITERAL = [
    # utilities, ASR
    ("utility", "asr", "my bill says forty two seventeen but i already paid it on the third"),
    ("utility", "asr", "the meter reading was four eight two one three last month and now it says five oh one nine seven"),
    ("utility", "asr", "we used fourteen eighty two kilowatt hours in july that can't be right for a two bedroom"),
    ("utility", "asr", "the gas usage was sixty three therms which is double what we used last winter"),
    ("utility", "asr", "i'll be home between two and four thirty on tuesday the twelfth"),
    ("utility", "asr", "can you move the technician appointment to march ninth at ten a m"),
    ("utility", "asr", "i will pay the rest in may when i get my tax refund"),
    ("utility", "asr", "is there a grace period on the late fee or is it charged right away"),
    ("utility", "asr", "i hope the power is back before the food in the freezer spoils"),
    ("utility", "asr", "it was sunny all week so the solar panels should have covered most of it"),
    ("utility", "asr", "the rate rose by three point two percent since january and nobody told us"),
    ("utility", "asr", "the outage map says eight thousand four hundred customers out in ramsey county"),
    ("utility", "asr", "the ticket number you gave me last time was four four seven one eight two three"),
    ("utility", "asr", "the order number for the new modem is four one five eight eight three nine two oh one"),
    ("utility", "asr", "i saw the ad on tv it said call one eight hundred flowers so that's not you right"),
    ("utility", "asr", "the furnace is a carrier model fifty nine t p six and the serial starts with two three one seven"),
    ("utility", "asr", "mark the reading as estimated please the dog won't let anyone in the yard"),
    ("utility", "asr", "i've been a paying customer for twenty two years and never missed a bill"),
    ("utility", "asr", "the speed test says ninety four megabits down and eleven up"),
    ("utility", "asr", "the page keeps timing out when i try to pay online"),
    ("utility", "asr", "the confirmation number is k seven q four four eight two one"),
    ("utility", "asr", "the crew was out on cedar riverside yesterday near the light rail"),
    ("utility", "asr", "we're out in window rock so the signal is bad sorry if i cut out"),
    ("utility", "asr", "it says error code five oh three on the router and the light is blinking orange"),
    ("utility", "asr", "the new rate starts on october first at fourteen point six cents a kilowatt hour"),
    # utilities, typed
    ("utility", "typed", "Customer: bill went from $84.12 to $231.90?? Agent: I see a rate change effective 10/01."),
    ("utility", "typed", "Customer: kWh reading 48213 on 9/30 and 50197 on 10/31, thats 1984 kWh in a month"),
    ("utility", "typed", "Agent: Ticket INC0048213 has been created for the outage. Customer: ty"),
    ("utility", "typed", "Customer: modem model CM1000 serial 18W2A7BC0043 Agent: Thanks, checking the provisioning."),
    ("utility", "typed", "Customer: router firmware 1.0.4.126 is that the latest? Agent: The latest is 1.0.4.130."),
    ("utility", "typed", "Customer: speed test 94.2 Mbps down, 11.8 up, ping 23ms"),
    ("utility", "typed", "Agent: Estimated restoration 8:30 PM for 2,314 customers in your area."),
    ("utility", "typed", "Agent: Your rate schedule is E-TOU-C, tariff R-41. Customer: whats the difference"),
    ("utility", "typed", "Customer: water heater 40 gal, model XG40T06EC36U1, leaking from the bottom"),
    ("utility", "typed", "Customer: will the crew come today? Agent: Yes, between 1 and 5 pm."),
    ("utility", "typed", "Customer: ok so grace period is 10 days right? Agent: Correct, 10 calendar days."),
    ("utility", "typed", "Customer: may i pay half now and half on the 15th"),
    ("utility", "typed", "Customer: pls mark it as paid, i paid $142.60 at the kiosk"),
    ("utility", "typed", "Agent: Your meter ID ends in 0471. Customer: ok"),
    ("utility", "typed", "Customer: tracking 1Z4A9E820344712290 says delivered but no modem"),
    ("utility", "typed", "Customer: the page says error 0x80070057 when i pay"),
    ("utility", "typed", "Agent: Your confirmation is WTR-558213. Service restarts 11/18 by 5pm."),
    ("utility", "typed", "Customer: i have a sunny south facing roof, can i get net metering?"),
    ("utility", "typed", "Customer: app v4.12.0 build 22631 keeps crashing on login"),
    # banking, ASR
    ("bank", "asr", "the charge was two hundred and twelve dollars and six cents on the card ending in four four one seven"),
    ("bank", "asr", "the chase app won't let me log in so i'm calling you instead"),
    ("bank", "asr", "i sent the wire on monday for three thousand five hundred and it still hasn't arrived"),
    ("bank", "asr", "the reference number on the wire is seven seven three four two two one oh eight eight"),
    ("bank", "asr", "i paid in good faith and now there's a thirty five dollar overdraft fee"),
    ("bank", "asr", "the interest rate went from six point eight seven five to seven and a quarter"),
    ("bank", "asr", "the dispute case number is two zero two six one one four four eight"),
    ("bank", "asr", "i only have about ninety one fifty in checking right now"),
    ("bank", "asr", "we're at victoria station in london right now so the card is being used over here"),
    ("bank", "asr", "it was five charges of nineteen ninety nine each from the same store"),
    ("bank", "asr", "the atm took my card at the branch on university avenue around nine forty"),
    ("bank", "asr", "will the fee be refunded if i close the account by friday"),
    ("bank", "asr", "the exchange rate was one point oh eight and they charged me three percent on top"),
    ("bank", "asr", "the statement from august shows forty two seventeen twice"),
    # banking, typed
    ("bank", "typed", "Agent: Your case number is 04481273. Customer: ok thx"),
    ("bank", "typed", "Agent: Your refund of $42.17 will post in 3-5 business days."),
    ("bank", "typed", "Agent: The Chase transfer of $500.00 posted on 11/14. Customer: ok good"),
    ("bank", "typed", "Agent: Reference no. 7734-2210-88 for your wire. Customer: thanks"),
    ("bank", "typed", "Customer: balance 1,482.33, min due 35.00, due 12/05"),
    ("bank", "typed", "Customer: i paid 3 times: $50, $75 and $120.25, where did it go"),
    ("bank", "typed", "Customer: interest rate 6.875% on the 30 yr, can i refi"),
    ("bank", "typed", "Customer: card ending 4417 declined twice today at 2:14pm"),
    ("bank", "typed", "Customer: my acct was opened in 2009 and i never had a fee"),
    ("bank", "typed", "Customer: form 1099-INT shows $12.33 interest, is that right"),
    ("bank", "typed", "Agent: Dispute DSP-2026-118823 is open; provisional credit of $89.12 applied."),
    ("bank", "typed", "Customer: the bill pay to Xcel for $231.90 is scheduled for 11/20"),
    ("bank", "typed", "Customer: error id 3f2a9c1e-77b4 on the transfer screen"),
    ("bank", "typed", "Customer: i want to mark the charge from Amazon on 10/27 for $64.18 as fraud"),
    # insurance
    ("insurance", "asr", "the claim number is c l m two zero two six zero zero four eight two one three"),
    ("insurance", "asr", "i take five hundred milligrams twice a day and they denied the refill"),
    ("insurance", "asr", "my flight is delta twenty eight oh one on the fifteenth so i need the adjuster before that"),
    ("insurance", "asr", "the deductible is one thousand and the estimate came in at forty two hundred"),
    ("insurance", "asr", "my car is a twenty eighteen honda civic with about sixty thousand miles"),
    ("insurance", "asr", "the hail was the size of golf balls around four fifteen in the afternoon"),
    ("insurance", "asr", "i'm a hunter so the gun safe is in the basement and it got wet"),
    ("insurance", "typed", "Agent: The claim CLM-2026-0048213 was approved for $1,208.50."),
    ("insurance", "typed", "Customer: dosage is 20mg once daily, the pharmacy says prior auth needed"),
    ("insurance", "typed", "Customer: flight AA 1472 lands at 6:45pm, can the adjuster come after 8"),
    ("insurance", "typed", "Customer: the roof is 14 years old, 22 squares, asphalt shingles"),
    ("insurance", "typed", "Customer: estimate #EST-00932 was $4,200 and you paid $3,150?"),
    ("insurance", "typed", "Customer: its 98% humidity in the basement and the dehumidifier runs 24/7"),
    # dmv / permits
    ("dmv", "asr", "the permit fee is sixty five dollars and the inspection is the week of june second"),
    ("dmv", "asr", "the hunter safety course certificate is needed for the license right"),
    ("dmv", "asr", "my appointment is on december third at nine fifteen at the st paul office"),
    ("dmv", "asr", "the road test is at two forty five and i need to bring a car with insurance"),
    ("dmv", "asr", "i need form ps twenty one oh one for the title transfer"),
    ("dmv", "typed", "Customer: DMV appt on 12/03 at 9:15, slot 14, can i reschedule"),
    ("dmv", "typed", "Agent: Your permit application PRM-25-03381 is under review."),
    ("dmv", "typed", "Customer: license fee was $35.50 and the form is DL-44"),
    ("dmv", "typed", "Customer: zoning map sheet 14-22-07, parcel in the R-2 district"),
    ("dmv", "typed", "Agent: The office at Mount Vernon opens at 8:00 and closes at 4:30."),
    # school
    ("school", "asr", "the school bus comes at seven fifteen and drops them off at three forty"),
    ("school", "asr", "my son is in grade eleven room two oh four and he lost his chromebook"),
    ("school", "asr", "the lunch account has eleven dollars and twenty cents left"),
    ("school", "asr", "there's a faith based program after school is that through the district"),
    ("school", "asr", "will the school be closed if it snows more than six inches"),
    ("school", "typed", "Customer: the bus is #1047, route 62, it was 25 min late again"),
    ("school", "typed", "Customer: period 4, room 118, grade 9 schedule is wrong"),
    ("school", "typed", "Customer: i have 3 kids at 2 different schools, can they ride the same bus"),
    ("school", "typed", "Agent: Registration for 2026-27 opens on 3/2 at 8am."),
    ("school", "typed", "Customer: the rose garden by the middle school has a broken sprinkler"),
    # late additions: vanity toll-free lines, serials, tracking, readings
    ("utility", "asr", "the flyer said call one eight hundred go solar and they'd waive the fee"),
    ("bank", "asr", "the ad said dial one eight eight eight cash now and i never signed up for that loan"),
    ("utility", "typed", "Customer: fridge is a Whirlpool WRF555SDFZ, serial ML4428371, still under warranty?"),
    ("insurance", "typed", "Customer: fedex tracking 7749 2210 8831 shows the forms were delivered friday"),
    ("dmv", "asr", "the tag renewal was eighty seven fifty and the sticker says oh three twenty seven"),
    ("school", "asr", "the student id card costs five dollars and the class code is m a t h one oh one"),
    ("bank", "typed", "Agent: Your wire of $2,400.00 was sent at 10:42 AM, Fed ref 20261114B1QGC08C000123."),
    ("utility", "asr", "my reading today is three four eight nine two and the solar made forty one kilowatt hours"),
    ("dmv", "typed", "Customer: the model year is 2014 and the odometer says 148,223"),
]


def negatives(r):
    out = list(NEG_LITERAL)
    # generated negatives: spoken cents, readings, reference numbers, versions
    for _ in range(2):
        d, c = r.randrange(12, 99), r.randrange(10, 99)
        out.append(("utility", "asr", "the amount due is %s %s and i can pay it on friday" % (n2w(d), n2w(c))))
    for _ in range(2):
        k = r.randrange(300, 2400)
        out.append(("utility", "typed", "Customer: last bill said %s kWh, the one before %s kWh" % (
            "{:,}".format(k), "{:,}".format(k - r.randrange(50, 250)))))
    for _ in range(2):
        t = "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(2)) + rdigits(r, 6)
        out.append(("bank", "typed", "Agent: Your confirmation code is %s. Anything else? Customer: no thats it" % t))
    for _ in range(1):
        out.append(("school", "typed", "Customer: the chromebook is on version %d.0.%d.%d and wont update" % (
            r.randrange(110, 131), r.randrange(5000, 6999), r.randrange(10, 200))))
    return out


# ---------------------------------------------------------------- main
def main():
    r = random.Random(SEED + 1)
    rows = []
    for dom, style, tpl in POSITIVE:
        rows.append(render(dom, style, tpl, r))
    for dom, style, text in negatives(r):
        assert not PH_RE.search(text)
        rows.append({"domain": dom, "style": style, "text": text, "entities": []})
    r.shuffle(rows)
    texts = set()
    out = []
    for i, row in enumerate(rows):
        assert row["text"] not in texts, row["text"]
        texts.add(row["text"])
        rec = {"id": "%s-%03d" % (SPLIT, i), "split": SPLIT, "domain": row["domain"],
               "style": row["style"], "text": row["text"], "entities": row["entities"]}
        for e in rec["entities"]:
            assert rec["text"][e["start"]:e["end"]] == e["text"]
        out.append(rec)
    # validity checks on values with a rule
    for rec in out:
        for e in rec["entities"]:
            check_entity(e)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "blind6.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for rec in out:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return out


WORD2D = {w: str(i) for i, w in enumerate(ONES)}
WORD2D["oh"] = "0"


def words_to_digits(s):
    """Inverse of the digit-by-digit spoken forms (double / triple / oh)."""
    toks = s.replace(",", " ").replace("...", " ").split()
    out = ""
    mult = 1
    for t in toks:
        if t == "double":
            mult = 2
        elif t == "triple":
            mult = 3
        elif t in WORD2D:
            out += WORD2D[t] * mult
            mult = 1
        elif len(t) == 1 and t.isalpha():
            out += t.upper()
        elif t.isdigit():
            out += t
    return out


def check_entity(e):
    t, v = e["type"], e["text"]
    if t == "US_SSN":
        if e["spoken"]:
            d = words_to_digits(v) if "twenty" not in v and "ty " not in v + " " else None
        else:
            d = re.sub(r"\D", "", v)
        if d:
            assert len(d) == 9 and ssn_ok(d), v
    elif t == "CREDIT_CARD" and not e["spoken"]:
        d = re.sub(r"\D", "", v)
        assert luhn_ok(d) and len(d) in (15, 16), v
    elif t == "IBAN_CODE":
        if e["spoken"]:
            s = words_to_digits(v)
        else:
            s = re.sub(r"\s", "", v).upper()
        assert iban_ok(s) and len(s) == IBAN_SPECS[s[:2]][1], v
    elif t == "ABA_ROUTING_NUMBER":
        d = words_to_digits(v) if e["spoken"] else v
        assert aba_ok(d), v
    elif t == "PHONE_NUMBER" and not e["spoken"] and not v.startswith("+") or (
            t == "PHONE_NUMBER" and v.startswith("+1")):
        d = re.sub(r"\D", "", v)
        if len(d) == 11:
            d = d[1:]
        assert len(d) == 10 and nanp_ok(d), v


if __name__ == "__main__":
    rows = main()
    from collections import Counter
    c = Counter()
    sp = Counter()
    for r_ in rows:
        for e in r_["entities"]:
            c[e["type"]] += 1
            sp[e["type"]] += e["spoken"]
    neg = sum(1 for r_ in rows if not r_["entities"])
    print("utterances", len(rows), "negatives", neg)
    for k in sorted(c):
        print("  %-22s %3d  spoken %3d" % (k, c[k], sp[k]))
