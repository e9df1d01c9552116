#!/usr/bin/env python3
"""blind15 -- "a week of real calls".

Independent, blind-authored evaluation set for call-centre / helpline PII
detection.  Python 3 standard library only, fixed seed: re-running this
script rewrites an identical blind15.jsonl next to it.

Every utterance is assembled from literal text and entity parts, so the
character offsets are exact by construction; they are re-checked anyway,
together with all checksums (Luhn, IBAN mod-97, ABA 3-7-1, NHS mod-11,
SSN validity rules) and the spoken-form <-> raw-value round trip.
"""
import json
import os
import random
import re
import unicodedata

SEED = 20150415
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "blind15.jsonl")
N_TOTAL = 300
N_NEG = 120

TYPES = ["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "US_SSN", "CREDIT_CARD",
         "IBAN_CODE", "US_BANK_NUMBER", "ABA_ROUTING_NUMBER", "ACCOUNT_NUMBER",
         "DATE_OF_BIRTH", "STREET_ADDRESS", "ZIP_CODE", "IP_ADDRESS",
         "US_DRIVER_LICENSE", "US_PASSPORT", "MEDICAL_RECORD_NUMBER"]
DOMAINS = ["utility", "bank", "clinic", "helpline", "gov", "insurance"]

# --------------------------------------------------------------------------
# number words
# --------------------------------------------------------------------------
ONES = ("zero one two three four five six seven eight nine ten eleven twelve "
        "thirteen fourteen fifteen sixteen seventeen eighteen nineteen").split()
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety"]
ORD = ("first second third fourth fifth sixth seventh eighth ninth tenth "
       "eleventh twelfth thirteenth fourteenth fifteenth sixteenth "
       "seventeenth eighteenth nineteenth twentieth").split()
ORD += ["twenty " + o for o in ORD[:9]] + ["thirtieth", "thirty first"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]


def n2w(n, uk_and=False):
    if n < 20:
        return ONES[n]
    if n < 100:
        t, o = divmod(n, 10)
        return TENS[t] + ("" if o == 0 else " " + ONES[o])
    if n < 1000:
        h, rest = divmod(n, 100)
        s = ONES[h] + " hundred"
        if rest:
            s += (" and " if uk_and else " ") + n2w(rest)
        return s
    th, rest = divmod(n, 1000)
    s = n2w(th) + " thousand"
    if rest:
        s += (" and " if (uk_and and rest < 100) else " ") + n2w(rest, uk_and)
    return s


def year_words(y, r):
    if 1900 <= y < 2000:
        yy = y % 100
        if yy == 0:
            return "nineteen hundred"
        if yy < 10:
            return "nineteen oh " + ONES[yy]
        return "nineteen " + n2w(yy)
    if 2000 <= y < 2010:
        if y == 2000:
            return "two thousand"
        return "two thousand" + (" and " if r.random() < 0.5 else " ") + ONES[y - 2000]
    if r.random() < 0.5:
        return "twenty " + n2w(y % 100)
    return "two thousand and " + n2w(y % 100)


def dword(c, zero):
    return zero if c == "0" else ONES[int(c)]


def say_digits(s, zero="zero", doubles=False):
    """Digit-by-digit reading; letters are spelled; optional double/triple."""
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == " ":
            i += 1
            continue
        if not c.isdigit():
            out.append(c.lower())
            i += 1
            continue
        j = i
        while j < len(s) and s[j] == c:
            j += 1
        run = j - i
        if doubles and run >= 2:
            while run > 0:
                if run == 3 or run >= 5:
                    out.append("triple " + dword(c, zero))
                    run -= 3
                elif run >= 2:
                    out.append("double " + dword(c, zero))
                    run -= 2
                else:
                    out.append(dword(c, zero))
                    run -= 1
        else:
            out.extend([dword(c, zero)] * run)
        i = j
    return " ".join(out)


def say_pair(p):
    if p == "00":
        return "oh oh"
    if p[0] == "0":
        return "oh " + ONES[int(p[1])]
    return n2w(int(p))


def say_pairs(s):
    """'5532' -> 'fifty five thirty two'; odd length: first digit alone."""
    out = []
    if len(s) % 2:
        out.append(dword(s[0], "oh"))
        s = s[1:]
    for k in range(0, len(s), 2):
        out.append(say_pair(s[k:k + 2]))
    return " ".join(out)


def say_code(code, zero="oh"):
    """Postcodes, licence numbers: letters spelled, digits one by one."""
    out = []
    for c in code:
        if c == " ":
            continue
        if c == "-":
            out.append("dash")
        elif c.isdigit():
            out.append(dword(c, zero))
        else:
            out.append(c.lower())
    return " ".join(out)


ONES_IDX = {w: i for i, w in enumerate(ONES)}
TENS_IDX = {w: i for i, w in enumerate(TENS) if w}
SKIP_TOKENS = {"dash", "slash", "dot", "space", "plus", "hyphen"}


def decode_spoken(surface):
    """Inverse of the readers above (digits, pairs, double/triple, letters)."""
    toks = surface.lower().replace(",", " ").split()
    out = ""
    mult = 1
    i = 0
    while i < len(toks):
        t = toks[i]
        if t in ("double", "triple"):
            mult = 2 if t == "double" else 3
            i += 1
            continue
        if t in SKIP_TOKENS:
            i += 1
            continue
        if t == "oh":
            piece = "0"
        elif t in ONES_IDX:
            piece = str(ONES_IDX[t])
        elif t in TENS_IDX:
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if nxt in ONES_IDX and 1 <= ONES_IDX[nxt] <= 9:
                piece = str(TENS_IDX[t] * 10 + ONES_IDX[nxt])
                i += 1
            else:
                piece = str(TENS_IDX[t] * 10)
        elif len(t) == 1 and t.isalnum():
            piece = t.upper()
        else:
            raise ValueError("cannot decode token %r in %r" % (t, surface))
        out += piece * mult
        mult = 1
        i += 1
    return out


def alnum(s):
    return re.sub(r"[^0-9A-Za-z]", "", s).upper()


# --------------------------------------------------------------------------
# checksums
# --------------------------------------------------------------------------
def luhn_ok(num):
    s = 0
    for i, ch in enumerate(reversed(num)):
        v = int(ch)
        if i % 2 == 1:
            v *= 2
            if v > 9:
                v -= 9
        s += v
    return s % 10 == 0


def luhn_complete(body):
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c
    raise AssertionError


def cc_ok(num):
    if not num.isdigit() or not luhn_ok(num):
        return False
    if num[0] == "4":
        return len(num) == 16
    if num[:2] in ("51", "52", "53", "54", "55"):
        return len(num) == 16
    if num[:2] in ("34", "37"):
        return len(num) == 15
    if num[:4] == "6011":
        return len(num) == 16
    return False


IBAN_LEN = {"GB": 22, "IE": 22, "DE": 22, "NL": 18, "PL": 28}


def iban_int(s):
    return int("".join(str(int(c, 36)) for c in s))


def iban_ok(s):
    return (s[:2] in IBAN_LEN and len(s) == IBAN_LEN[s[:2]]
            and s.isalnum() and iban_int(s[4:] + s[:4]) % 97 == 1)


ABA_PREFIXES = list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)) + [80]


def aba_ok(s):
    if len(s) != 9 or not s.isdigit() or int(s[:2]) not in ABA_PREFIXES:
        return False
    d = [int(c) for c in s]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7])
            + (d[2] + d[5] + d[8])) % 10 == 0


def ssn_ok(s):
    if len(s) != 9 or not s.isdigit():
        return False
    a, g, n = s[:3], s[3:5], s[5:]
    return (a != "000" and a != "666" and a[0] != "9" and g != "00"
            and n != "0000")


def nhs_ok(s):
    if len(s) != 10 or not s.isdigit():
        return False
    tot = sum(int(c) * (10 - i) for i, c in enumerate(s[:9]))
    chk = 11 - tot % 11
    if chk == 11:
        chk = 0
    return chk != 10 and chk == int(s[9])


# --------------------------------------------------------------------------
# value generators
# --------------------------------------------------------------------------
def dg(r, n, lead=False):
    s = "".join(str(r.randint(0, 9)) for _ in range(n))
    if lead and s[0] == "0":
        s = str(r.randint(1, 9)) + s[1:]
    return s


def gen_cc(r, brand):
    pre, ln = {"visa": ("4", 16), "mc": (str(r.randint(51, 55)), 16),
               "amex": (r.choice(["34", "37"]), 15), "disc": ("6011", 16)}[brand]
    num = luhn_complete(pre + dg(r, ln - len(pre) - 1))
    assert cc_ok(num)
    return num


def gen_iban(r, cc):
    if cc == "GB":
        bban = r.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + dg(r, 14)
    elif cc == "IE":
        bban = r.choice(["AIBK", "BOFI", "IPBS"]) + dg(r, 14)
    elif cc == "DE":
        bban = dg(r, 18, lead=True)
    elif cc == "NL":
        bban = r.choice(["ABNA", "INGB", "RABO"]) + dg(r, 10)
    else:
        bban = dg(r, 24, lead=True)
    chk = 98 - iban_int(bban + cc + "00") % 97
    s = cc + "%02d" % chk + bban
    assert iban_ok(s), s
    return s


def gen_aba(r):
    body = "%02d" % r.choice(ABA_PREFIXES) + dg(r, 6)
    w = [3, 7, 1, 3, 7, 1, 3, 7]
    tot = sum(int(c) * w[i] for i, c in enumerate(body))
    s = body + str((10 - tot % 10) % 10)
    assert aba_ok(s), s
    return s


def gen_ssn(r):
    while True:
        a = r.randint(1, 899)
        if a == 666:
            continue
        s = "%03d%02d%04d" % (a, r.randint(1, 99), r.randint(1, 9999))
        if s in ("078051120", "219099999", "123456789"):
            continue
        assert ssn_ok(s)
        return s


def gen_nhs(r):
    while True:
        b = str(r.randint(4, 6)) + dg(r, 8)
        tot = sum(int(c) * (10 - i) for i, c in enumerate(b))
        chk = 11 - tot % 11
        if chk == 11:
            chk = 0
        if chk == 10:
            continue
        s = b + str(chk)
        assert nhs_ok(s)
        return s


US_AREAS = ["312", "415", "617", "206", "713", "404", "303", "602", "919",
            "503", "773", "646", "214", "305", "512", "808", "971", "480"]
CA_AREAS = ["416", "604", "514", "403", "613", "902", "780", "204", "647"]


def gen_nanp(r, ca=False):
    a = r.choice(CA_AREAS if ca else US_AREAS)
    while True:
        ex = str(r.randint(201, 989))
        if ex[1:] != "11" and ex != "555":
            break
    return [a, ex, dg(r, 4)]


UK_LANDLINES = [("020", "7946"), ("0161", "496"), ("0113", "496"),
                ("0117", "496"), ("0131", "496"), ("029", "2018")]


def gen_phone(r, region):
    """returns dict(cc, groups) with groups of the national number."""
    if region in ("us", "ca"):
        return {"cc": "1", "groups": gen_nanp(r, region == "ca"), "region": region}
    if region == "ukm":
        return {"cc": "44", "groups": ["07" + r.choice("45789") + dg(r, 2), dg(r, 6)], "region": region}
    if region == "ukl":
        a, b = r.choice(UK_LANDLINES)
        rest = "0" + dg(r, 3)
        return {"cc": "44", "groups": [a, b, rest], "region": region}
    if region == "au":
        return {"cc": "61", "groups": ["4" + dg(r, 2), dg(r, 3), dg(r, 3)], "region": region}
    if region == "ie":
        return {"cc": "353", "groups": ["8" + r.choice("3567"), dg(r, 3), dg(r, 4)], "region": region}
    raise ValueError(region)


def gen_ip(r):
    first = r.choice([24, 31, 47, 50, 68, 71, 73, 81, 86, 92, 98, 104, 109,
                      142, 151, 174, 188, 203, 212])
    return "%d.%d.%d.%d" % (first, r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))


def gen_ipv6(r):
    pre = r.choice(["2a02:c7c", "2600:1700", "2a01:4b00", "2001:569", "2405:6e00", "2a00:23c7"])
    hx = lambda: "%x" % r.randint(0x10, 0xffff)
    if r.random() < 0.5:
        return "%s:%s:%s::%s" % (pre, hx(), hx(), hx())
    return ":".join([pre, hx(), hx(), hx(), hx(), hx(), hx()])


DL_STATES = {
    # state: (raw generator, typed formatter)
    "California": (lambda r: r.choice("ABDEFGNSWY") + dg(r, 7), lambda s: s),
    "New York": (lambda r: dg(r, 9, True), lambda s: "%s %s %s" % (s[:3], s[3:6], s[6:])),
    "Texas": (lambda r: dg(r, 8, True), lambda s: s),
    "Florida": (lambda r: r.choice("BGHMS") + dg(r, 12),
                lambda s: "%s-%s-%s-%s-%s" % (s[:4], s[4:7], s[7:9], s[9:12], s[12:])),
    "Illinois": (lambda r: r.choice("DKMPS") + dg(r, 11),
                 lambda s: "%s-%s-%s" % (s[:4], s[4:8], s[8:])),
    "Maryland": (lambda r: r.choice("BDKMS") + dg(r, 12),
                 lambda s: "%s-%s-%s-%s-%s" % (s[0], s[1:4], s[4:7], s[7:10], s[10:])),
    "Pennsylvania": (lambda r: dg(r, 8, True), lambda s: "%s %s" % (s[:2], s[2:])),
    "Ohio": (lambda r: r.choice(["SX", "RT", "TL", "SB"]) + dg(r, 6), lambda s: s),
    "Washington": (lambda r: "WDL" + "".join(r.choice("ABCDEFGHJKLMNPRSTVWXYZ0123456789") for _ in range(9)),
                   lambda s: s),
}


def gen_dl(r, state=None):
    state = state or r.choice(sorted(DL_STATES))
    raw = DL_STATES[state][0](r)
    return state, raw, DL_STATES[state][1](raw)


def gen_passport(r):
    if r.random() < 0.35:
        return r.choice("ACEFGHZ") + dg(r, 8)
    return dg(r, 9, lead=True)


def gen_mrn(r):
    k = r.random()
    if k < 0.4:
        return dg(r, 8)
    if k < 0.7:
        return dg(r, 7, True)
    return r.choice(["H", "K", "M", "RX"]) + dg(r, 7)


def gen_dob(r, lo=1938, hi=2007):
    return (r.randint(lo, hi), r.randint(1, 12), r.randint(1, 28))


# --------------------------------------------------------------------------
# people and places
# --------------------------------------------------------------------------
PEOPLE = [
    # South Asian
    ("Priya", "Sharma", "sa"), ("Arjun", "Patel", "sa"), ("Sanjay", "Reddy", "sa"),
    ("Ananya", "Iyer", "sa"), ("Harpreet", "Kaur", "sa"), ("Imran", "Qureshi", "sa"),
    ("Farhan", "Chowdhury", "sa"), ("Deepika", "Nair", "sa"),
    ("Rahul", "Venkataraman", "sa"), ("Sunita", "Bose", "sa"), ("Gurpreet", "Sandhu", "sa"),
    # East / South-East Asian
    ("Wei", "Zhang", "ea"), ("Mei", "Chen", "ea"), ("Hiroshi", "Tanaka", "ea"),
    ("Yuki", "Nakamura", "ea"), ("Min-jun", "Park", "ea"), ("Ji-woo", "Kim", "ea"),
    ("Thi Lan", "Nguyen", "ea"), ("Minh", "Tran", "ea"), ("Xiaoling", "Wu", "ea"),
    ("Kenji", "Watanabe", "ea"), ("Maricel", "Dela Cruz", "ea"),
    # West African
    ("Chinedu", "Okafor", "wa"), ("Adaeze", "Nwosu", "wa"), ("Kwame", "Mensah", "wa"),
    ("Ama", "Owusu", "wa"), ("Oluwaseun", "Adeyemi", "wa"), ("Folake", "Balogun", "wa"),
    ("Kofi", "Asante", "wa"), ("Ngozi", "Eze", "wa"), ("Abdoulaye", "Diallo", "wa"),
    ("Fatou", "Sow", "wa"), ("Yaw", "Osei-Bonsu", "wa"),
    # Eastern European
    ("Katarzyna", "Nowak", "ee"), ("Piotr", "Kowalski", "ee"), ("Oksana", "Shevchenko", "ee"),
    ("Dmitri", "Volkov", "ee"), ("Agnieszka", "Wiśniewska", "ee"), ("Milan", "Horvat", "ee"),
    ("Ioana", "Popescu", "ee"), ("Tomasz", "Zieliński", "ee"), ("Jana", "Novotná", "ee"),
    ("Bogdan", "Ionescu", "ee"),
    # Hispanic
    ("María José", "Hernández", "hi"), ("Alejandro", "Ruiz", "hi"), ("Lucía", "Fernández", "hi"),
    ("Javier", "Morales", "hi"), ("Guadalupe", "Ortiz", "hi"), ("Carlos", "Mendoza", "hi"),
    ("Ximena", "Castillo", "hi"), ("Diego", "Ramírez", "hi"),
    # Arabic
    ("Omar", "Haddad", "ar"), ("Layla", "Al-Masri", "ar"), ("Youssef", "Benali", "ar"),
    ("Fatima", "Idrissi", "ar"), ("Khalid", "Mansour", "ar"), ("Noura", "Al-Sayed", "ar"),
    ("Tariq", "Hamdan", "ar"), ("Rania", "Khoury", "ar"),
    # Irish
    ("Siobhán", "O'Sullivan", "ir"), ("Ciarán", "Murphy", "ir"), ("Aoife", "Byrne", "ir"),
    ("Niamh", "Fitzgerald", "ir"), ("Pádraig", "Kelly", "ir"), ("Eoin", "McCarthy", "ir"),
    ("Róisín", "Doyle", "ir"), ("Seán", "Gallagher", "ir"),
    # Anglo / US / Canada / Australia / NZ / other European
    ("Margaret", "Whitfield", "an"), ("Darnell", "Jackson", "an"), ("Brittany", "Coleman", "an"),
    ("Hamish", "Campbell", "an"), ("Bronwyn", "Taylor", "an"), ("Lachlan", "Murray", "an"),
    ("Tyler", "Brooks", "an"), ("Gwen", "Abernathy", "an"), ("Aroha", "Ngata", "an"),
    ("Mikael", "Lindqvist", "an"), ("Anneke", "de Vries", "an"), ("Giuseppe", "Russo", "an"),
]
FIRSTS = ["Jamal", "Aisha", "Mateo", "Sofia", "Ravi", "Leilani", "Bartek", "Chidi",
          "Saoirse", "Kai", "Nadia", "Tomás", "Amara", "Yusuf", "Mei Ling", "Declan",
          "Zofia", "Ikenna", "Anjali", "Connor", "Esperanza", "Hana", "Olumide", "Wiremu"]
FIRSTS_M = ["Jamal", "Mateo", "Ravi", "Bartek", "Chidi", "Kai", "Tomás", "Yusuf", "Declan", "Ikenna",
            "Connor", "Olumide", "Wiremu"]
FIRSTS_F = ["Aisha", "Sofia", "Leilani", "Saoirse", "Nadia", "Amara", "Mei Ling", "Zofia", "Anjali",
            "Esperanza", "Hana"]
WORDLIKE_FIRSTS = ["Bill", "Mark", "Grace", "Rose", "Hope", "Faith", "Jordan", "Will", "Victoria", "Sunny"]
MIDDLES = ["David", "Amaka", "Marie", "Kwesi", "Li", "Ann", "Josef", "Fernando", "Nasser", "Eileen"]
TITLES_LIVE = ["mister", "missus", "miss", "doctor"]

US_PLACES = [("Chicago", "IL", "Illinois", "60614"), ("Boise", "ID", "Idaho", "83702"),
             ("Austin", "TX", "Texas", "78704"), ("Seattle", "WA", "Washington", "98103"),
             ("Columbus", "OH", "Ohio", "43215"), ("Tampa", "FL", "Florida", "33606"),
             ("Denver", "CO", "Colorado", "80205"), ("Portland", "OR", "Oregon", "97214"),
             ("Baltimore", "MD", "Maryland", "21218"), ("Sacramento", "CA", "California", "95816"),
             ("Albany", "NY", "New York", "12203"), ("Atlanta", "GA", "Georgia", "30307"),
             ("Tucson", "AZ", "Arizona", "85719"), ("Madison", "WI", "Wisconsin", "53703")]
UK_PLACES = [("Leeds", "LS6 2AB"), ("Manchester", "M14 5TQ"), ("Bristol", "BS3 4QR"),
             ("Glasgow", "G12 8QQ"), ("Cardiff", "CF24 3AA"), ("Birmingham", "B13 9HD"),
             ("London", "SE15 4RT"), ("Leicester", "LE2 1XB"), ("Belfast", "BT7 1NN"),
             ("Norwich", "NR2 3HD"), ("Sheffield", "S10 2TN"), ("Brighton", "BN2 1JF")]
CA_PLACES = [("Toronto", "ON", "Ontario", "M5V 2T6"), ("Ottawa", "ON", "Ontario", "K1N 6N5"),
             ("Vancouver", "BC", "British Columbia", "V6K 1N9"), ("Calgary", "AB", "Alberta", "T2N 1N4"),
             ("Halifax", "NS", "Nova Scotia", "B3H 4R2"), ("Montreal", "QC", "Quebec", "H2X 1Y4"),
             ("Winnipeg", "MB", "Manitoba", "R3C 4T3")]
STREETS = ["Oak", "Elm", "Maple", "Willow Creek", "Mill", "Church", "Station", "Kingsley",
           "Birchwood", "Larkspur", "Cedar Ridge", "Harbour View", "Wellington", "Ashgrove",
           "Sycamore", "Bayview", "Hawthorn", "Juniper", "Primrose", "Orchard", "Riverside",
           "Foxglove", "Carrington", "Lakeshore", "Pinecrest"]
ST_US = [("Street", "St"), ("Avenue", "Ave"), ("Drive", "Dr"), ("Court", "Ct"),
         ("Boulevard", "Blvd"), ("Way", "Way"), ("Road", "Rd"), ("Place", "Pl")]
ST_UK = [("Road", "Rd"), ("Lane", "Ln"), ("Close", "Cl"), ("Crescent", "Cres"),
         ("Street", "St"), ("Avenue", "Ave"), ("Terrace", "Terr")]


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def lv(s):
    """render as live ASR would: ascii, lower case, no hyphens."""
    return fold(s).lower().replace("-", " ")


# --------------------------------------------------------------------------
# entity parts
# --------------------------------------------------------------------------
class E(object):
    def __init__(self, type, text, spoken, raw=None, kind=None):
        assert type in TYPES, type
        self.type, self.text, self.spoken, self.raw, self.kind = type, text, spoken, raw, kind


def person(r, origins=None, alpha_last=False):
    pool = [p for p in PEOPLE if (origins is None or p[2] in origins)
            and (not alpha_last or fold(p[1]).isalpha())]
    return r.choice(pool)


def pname(p, st, which="full"):
    s = {"full": p[0] + " " + p[1], "first": p[0], "last": p[1]}[which]
    return lv(s) if st == "live" else s


def PER(p, st, which="full"):
    return E("PERSON", pname(p, st, which), st == "live")


def NAME(name, st):
    return E("PERSON", lv(name) if st == "live" else name, st == "live")


def numE(typ, raw, st, r, groups=None, sep=" ", pairs=None, doubles=None, zero=None, kind=None):
    chunks = []
    if groups:
        k = 0
        for g in groups:
            chunks.append(raw[k:k + g])
            k += g
        assert k == len(raw), (raw, groups)
    else:
        chunks = [raw]
    if st == "live":
        zero = zero or r.choice(["oh", "zero", "oh"])
        if doubles is None:
            doubles = r.random() < 0.35
        if pairs is None:
            pairs = r.random() < 0.25
        if pairs and raw.isdigit():
            words = " ".join(say_pairs(c) for c in chunks)
            if decode_spoken(words) != raw:
                words = " ".join(say_digits(c, zero, doubles) for c in chunks)
        else:
            words = " ".join(say_digits(c, zero, doubles) for c in chunks)
        return E(typ, words, True, raw, kind)
    return E(typ, sep.join(chunks), False, raw, kind)


def phoneE(r, st, region, intl=None, dash=None, doubles=None):
    ph = gen_phone(r, region)
    g = ph["groups"]
    national = "".join(g)
    if intl is None:
        intl = region in ("au", "ie") or (region in ("ukm", "ukl") and r.random() < 0.25) \
            or (region in ("us", "ca") and r.random() < 0.15)
    if region in ("au", "ie"):
        intl = True
    if st == "live":
        zero = r.choice(["oh", "zero", "oh"])
        if doubles is None:
            doubles = r.random() < 0.5
        if dash is None:
            dash = region in ("us", "ca") and r.random() < 0.25
        if intl:
            nat = national[1:] if national[0] == "0" else national
            words = "plus " + say_digits(ph["cc"], zero) + " " + say_digits(nat, zero, doubles)
            raw = ph["cc"] + nat
        else:
            j = " dash " if dash else " "
            words = j.join(say_digits(x, zero, doubles) for x in g)
            raw = national
        return E("PHONE_NUMBER", words, True, raw)
    # written forms
    if region in ("us", "ca"):
        a, e, l = g
        fmts = ["(%s) %s-%s" % (a, e, l), "%s-%s-%s" % (a, e, l), "%s.%s.%s" % (a, e, l),
                "%s %s %s" % (a, e, l)]
        if intl:
            fmts = ["+1 %s %s %s" % (a, e, l), "+1-%s-%s-%s" % (a, e, l), "1-%s-%s-%s" % (a, e, l)]
        s = r.choice(fmts)
    elif region in ("ukm", "ukl"):
        if intl:
            s = "+44 " + g[0][1:] + " " + " ".join(g[1:])
        else:
            s = r.choice([" ".join(g), "".join(g)]) if region == "ukm" else " ".join(g)
    else:
        s = "+" + ph["cc"] + " " + " ".join(g) if r.random() < 0.7 else "+" + ph["cc"] + national
    return E("PHONE_NUMBER", s, False, alnum(s))


EMAIL_DOMAINS = {
    "us": ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "comcast.net", "aol.com"],
    "uk": ["btinternet.com", "hotmail.co.uk", "gmail.com", "yahoo.co.uk", "sky.com"],
    "ca": ["shaw.ca", "rogers.com", "gmail.com", "outlook.com"],
    "ie": ["eircom.net", "gmail.com", "hotmail.com"],
    "au": ["bigpond.com", "optusnet.com.au", "gmail.com"],
}
SPOKEN_LABEL = {"btinternet": "b t internet", "icloud": "i cloud", "aol": "a o l",
                "optusnet": "optus net", "bigpond": "big pond", "uk": "uk", "ca": "c a",
                "au": "a u", "hotmail": "hotmail", "comcast": "comcast"}


def email_parts(r, p):
    f = re.sub("[^a-z]", "", lv(p[0]))
    l = re.sub("[^a-z]", "", lv(p[1]))
    nn = "%02d" % r.randint(1, 99)
    pat = r.choice(["f.l", "fl", "f_l", "f.lN", "flN", "il", "l.f", "fN"])
    toks = {"f.l": [("w", f), (".", "."), ("w", l)],
            "fl": [("w", f + l)],
            "f_l": [("w", f), ("_", "_"), ("w", l)],
            "f.lN": [("w", f), (".", "."), ("w", l), ("n", nn)],
            "flN": [("w", f + l), ("n", nn)],
            "il": [("c", f[0]), ("w", l)],
            "l.f": [("w", l), (".", "."), ("w", f)],
            "fN": [("w", f), ("n", nn)]}[pat]
    return toks


def emailE(r, st, p, region="us", spell=None, spoken=None):
    toks = email_parts(r, p)
    dom = r.choice(EMAIL_DOMAINS[region])
    typed = "".join(v for _, v in toks) + "@" + dom
    if spoken is None:
        spoken = st == "live"
    if not spoken:
        return E("EMAIL_ADDRESS", typed, False, typed)
    if spell is None:
        spell = r.random() < 0.3
    words = []
    for k, v in toks:
        if k == "w":
            words.append(" ".join(v) if (spell or len(v) > 9 and r.random() < 0.5) else v)
        elif k == "c":
            words.append(v)
        elif k == ".":
            words.append("dot")
        elif k == "_":
            words.append("underscore")
        elif k == "n":
            words.append(say_pairs(v) if r.random() < 0.5 and v[0] != "0" else say_digits(v, "oh"))
    words.append("at")
    labels = dom.split(".")
    words.append(SPOKEN_LABEL.get(labels[0], labels[0]))
    for lab in labels[1:]:
        words.append("dot")
        words.append(SPOKEN_LABEL.get(lab, lab))
    return E("EMAIL_ADDRESS", " ".join(words), True, typed)


def ccE(r, st, brand=None, sep=None):
    brand = brand or r.choice(["visa", "visa", "mc", "mc", "disc", "amex"])
    num = gen_cc(r, brand)
    groups = [4, 6, 5] if len(num) == 15 else [4, 4, 4, 4]
    if st == "live":
        return numE("CREDIT_CARD", num, st, r, groups=groups, pairs=r.random() < 0.3)
    if sep is None:
        sep = r.choice([" ", " ", "-", ""])
    return numE("CREDIT_CARD", num, st, r, groups=groups, sep=sep)


def ibanE(r, st, cc=None):
    cc = cc or r.choice(["GB", "IE", "DE", "NL", "PL"])
    s = gen_iban(r, cc)
    if st == "live":
        zero = r.choice(["oh", "zero"])
        return E("IBAN_CODE", say_digits(s, zero, r.random() < 0.3), True, s)
    if r.random() < 0.7:
        return E("IBAN_CODE", " ".join(s[k:k + 4] for k in range(0, len(s), 4)), False, s)
    return E("IBAN_CODE", s, False, s)


def house_spoken(n, r):
    if n < 100:
        return n2w(n)
    s = str(n)
    k = r.random()
    if k < 0.35:
        return say_digits(s, "oh")
    if len(s) == 4 and s[2] != "0" and s[1] != "0":
        return say_pair(s[:2]) + " " + say_pair(s[2:])
    if len(s) == 3 and s[1] != "0" and k < 0.7:
        return ONES[int(s[0])] + " " + say_pair(s[1:])
    return n2w(n)


def gen_addr(r, region):
    if region == "us" or region == "ca":
        n = r.choice([r.randint(10, 99), r.randint(100, 999), r.randint(1000, 9899)])
        t = r.choice(ST_US)
    else:
        n = r.choice([r.randint(1, 40), r.randint(1, 140)])
        t = r.choice(ST_UK)
    return (n, r.choice(STREETS), t)


def addrE(r, st, region="us", min_n=None):
    n, street, (typ, ab) = gen_addr(r, region)
    if min_n and n < min_n:
        n += min_n
    if st == "live":
        hs = house_spoken(n, r) if region in ("us", "ca") else n2w(n)
        return E("STREET_ADDRESS", "%s %s %s" % (hs, lv(street), typ.lower()), True)
    if st == "whisper":
        return E("STREET_ADDRESS", "%d %s %s" % (n, street, typ), False)
    return E("STREET_ADDRESS", "%d %s %s" % (n, street, r.choice([typ, ab])), False)


def zipE(r, st, code):
    if st == "live":
        return E("ZIP_CODE", say_code(code, r.choice(["oh", "zero"])), True, alnum(code))
    return E("ZIP_CODE", code, False, alnum(code))


def us_zip(r, place, plus4=None):
    z = place[3]
    if plus4 is None:
        plus4 = r.random() < 0.25
    return z + "-" + dg(r, 4) if plus4 else z


def sfx(d):
    return "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


def dob_live(r, dt, us=False, numeric=None):
    y, m, d = dt
    mon = MONTHS[m - 1].lower()
    if numeric is None:
        numeric = r.random() < 0.3
    if numeric:
        dd, mm = say_pair("%02d" % d), say_pair("%02d" % m)
        if d >= 10 and r.random() < 0.5:
            dd = n2w(d)
        if m >= 10 and r.random() < 0.5:
            mm = n2w(m)
        yy = say_pair("%02d" % (y % 100)) if r.random() < 0.6 else year_words(y, r)
        a, b = (mm, dd) if us else (dd, mm)
        return r.choice(["%s slash %s slash %s", "%s %s %s"]) % (a, b, yy)
    yw = year_words(y, r)
    if us:
        return r.choice(["%s %s %s" % (mon, ORD[d - 1], yw), "%s the %s %s" % (mon, ORD[d - 1], yw)])
    return r.choice(["%s of %s %s" % (ORD[d - 1], mon, yw), "%s %s %s" % (ORD[d - 1], mon, yw),
                     "%s of %s %s" % (ORD[d - 1], mon, yw)])


def dob_written(r, dt, st, us=False):
    y, m, d = dt
    M = MONTHS[m - 1]
    if st == "whisper":
        opts = ["%s %d%s, %d" % (M, d, sfx(d), y), "%d%s of %s %d" % (d, sfx(d), M, y),
                "%s %d, %d" % (M, d, y)]
        opts.append("%d/%d/%d" % ((m, d, y) if us else (d, m, y)))
        return r.choice(opts)
    opts = ["%02d/%02d/%04d" % ((m, d, y) if us else (d, m, y)), "%04d-%02d-%02d" % (y, m, d),
            "%d %s %d" % (d, M[:3], y), "%02d.%02d.%04d" % (d, m, y), "%s %d, %d" % (M, d, y),
            "%d/%d/%02d" % ((m, d, y % 100) if us else (d, m, y % 100))]
    return r.choice(opts)


def DOB(r, st, us=False, dt=None, numeric=None):
    dt = dt or gen_dob(r)
    if st == "live":
        return E("DATE_OF_BIRTH", dob_live(r, dt, us, numeric), True)
    return E("DATE_OF_BIRTH", dob_written(r, dt, st, us), False)


def spell(word, st):
    letters = [c for c in fold(word).lower() if c.isalpha()]
    if st == "live":
        return E("PERSON", " ".join(letters), True, kind="spelled")
    return E("PERSON", "-".join(letters).upper(), True, kind="spelled")


def ipE(r, st, v6=False):
    if v6:
        s = gen_ipv6(r)
        return E("IP_ADDRESS", s, False, s)
    s = gen_ip(r)
    if st != "live":
        return E("IP_ADDRESS", s, False, s)
    mode = r.random()
    words = []
    for o in s.split("."):
        n = int(o)
        if mode < 0.4 or n % 100 == 0 and n >= 100:
            words.append(say_digits(o, "zero"))
        elif n < 100:
            words.append(n2w(n))
        else:
            words.append(ONES[int(o[0])] + " " + say_pair(o[1:]))
    return E("IP_ADDRESS", " dot ".join(words), True, s)


def dlE(r, st, state=None):
    state, raw, typed = gen_dl(r, state)
    if st == "live":
        return state, E("US_DRIVER_LICENSE", say_code(raw, r.choice(["oh", "zero"])), True, raw)
    return state, E("US_DRIVER_LICENSE", typed, False, raw)


def mrnE(r, st):
    raw = gen_mrn(r)
    if st == "live":
        return E("MEDICAL_RECORD_NUMBER", say_digits(raw, r.choice(["oh", "zero"]), r.random() < 0.3), True, raw)
    return E("MEDICAL_RECORD_NUMBER", raw, False, raw)


def nhsE(r, st):
    raw = gen_nhs(r)
    if st == "live":
        return numE("MEDICAL_RECORD_NUMBER", raw, st, r, groups=[3, 3, 4], pairs=False, kind="nhs")
    return numE("MEDICAL_RECORD_NUMBER", raw, st, r, groups=[3, 3, 4],
                sep=r.choice([" ", " ", "", "-"]), kind="nhs")


def ssnE(r, st, mixed=False):
    raw = gen_ssn(r)
    if st == "live":
        if mixed:
            words = say_digits(raw[:3], "oh") + " " + say_pair(raw[3:5]) + " " + \
                say_pair(raw[5:7]) + " " + say_pair(raw[7:])
            if decode_spoken(words) != raw:
                words = say_digits(raw, "zero")
            return E("US_SSN", words, True, raw)
        return numE("US_SSN", raw, st, r, groups=[3, 2, 4], pairs=False)
    return numE("US_SSN", raw, st, r, groups=[3, 2, 4], sep=r.choice(["-", "-", " "]))


def acctE(r, st, typ="ACCOUNT_NUMBER", n=None, groups=None, sep=" "):
    n = n or r.choice([8, 10, 11, 12])
    raw = dg(r, n, lead=True)
    if st != "live" and groups is None and r.random() < 0.5 and n % 4 == 0:
        groups = [4] * (n // 4)
    return numE(typ, raw, st, r, groups=groups, sep=sep, pairs=False)


def passportE(r, st):
    raw = gen_passport(r)
    if st == "live":
        return E("US_PASSPORT", say_digits(raw, r.choice(["oh", "zero"]), r.random() < 0.3), True, raw)
    return E("US_PASSPORT", raw, False, raw)


# --------------------------------------------------------------------------
# frame registry
# --------------------------------------------------------------------------
FRAMES = []


def frame(kind, style, domains):
    def deco(fn):
        FRAMES.append({"name": fn.__name__, "kind": kind, "style": style,
                       "domains": domains, "fn": fn})
        return fn
    return deco


def ch(r, *opts):
    return r.choice(opts)


# ==========================================================================
# LIVE ASR -- positives
# ==========================================================================
@frame("pos", "live", ["utility"])
def lp_gas_bill_name(r):
    p = person(r)
    return [ch(r, "hi um my name is ", "hiya yeah my name's ", "hello uh my name is "), PER(p, "live"),
            ch(r, " and i'm calling about my gas bill it's gone up loads this quarter",
               " i'm ringing about the gas bill i got on monday", " and um i think my gas bill's wrong")]


@frame("pos", "live", ["utility"])
def lp_account_on_bill(r):
    return [ch(r, "yeah the account number is ", "okay so the account number's ",
               "um the account number on the letter is "), acctE(r, "live"),
            ch(r, " it's on the top right of the bill", " that's the one off the letter you sent",
               " i've got the bill in front of me")]


@frame("pos", "live", ["bank"])
def lp_card_payment_check(r):
    p = person(r)
    return ["it's ", PER(p, "live"),
            ch(r, " calling uh i wanna check a payment on my card the number's ",
               " calling um there's a payment i don't recognise the card number is "),
            ccE(r, "live", r.choice(["visa", "mc", "disc"]))]


@frame("pos", "live", ["clinic"])
def lp_dob_ordinal(r):
    return [ch(r, "and the date of birth is the ", "she was born on the ", "uh d o b is the ",
               "my birthday's the "), DOB(r, "live", numeric=False),
            ch(r, " if that helps", "", " yeah")]


@frame("pos", "live", ["clinic", "insurance"])
def lp_dob_numeric(r):
    return [ch(r, "um d o b ", "date of birth ", "his date of birth is "), DOB(r, "live", numeric=True,
                                                                          us=r.random() < 0.5),
            ch(r, " sorry it's a bit loud here", " have you got that", "")]


@frame("pos", "live", ["helpline"])
def lp_callback_phone(r):
    return [ch(r, "if we get cut off you can call me back on ", "the best number for me is ",
               "you can ring me back on "), phoneE(r, "live", r.choice(["us", "ca", "ukm"])),
            ch(r, "", " that's my cell", " any time after five")]


@frame("pos", "live", ["bank"])
def lp_social(r):
    return [ch(r, "for the verification my social is ", "okay my social security number is "),
            ssnE(r, "live"), ch(r, " um do you need anything else", "", " and it's the last four you want right")]


@frame("pos", "live", ["utility"])
def lp_service_address_us(r):
    pl = r.choice(US_PLACES)
    return [ch(r, "the service address is ", "it's for the house at ", "so we're at "), addrE(r, "live", "us"),
            " in %s %s " % (lv(pl[0]), lv(pl[2])), zipE(r, "live", us_zip(r, pl, False)),
            ch(r, "", " and the meter's round the back")]


@frame("pos", "live", ["gov"])
def lp_spell_surname(r):
    p = person(r, alpha_last=True)
    return [ch(r, "my name is ", "yeah it's ", "the name is "), PER(p, "live"),
            ch(r, " that's ", " surname ", " um last name "), spell(p[1], "live")]


@frame("pos", "live", ["helpline"])
def lp_family_son(r):
    rel = r.choice(["my son", "my daughter", "my grandson", "my niece"])
    pool, pr = (FIRSTS_F, "she") if rel in ("my daughter", "my niece") else (FIRSTS_M, "he")
    return ["i'm calling about %s " % rel, NAME(r.choice(pool), "live"),
            ch(r, " %s's fifteen and %s's been really struggling at school since the summer" % (pr, pr),
               " %s's stopped eating properly and i don't know what to do" % pr,
               " um %s came home in a state last night" % pr)]


@frame("pos", "live", ["bank"])
def lp_routing_checking(r):
    aba = gen_aba(r)
    return ["so the routing number is ", numE("ABA_ROUTING_NUMBER", aba, "live", r, pairs=False),
            ch(r, " and my checking account number is ", " and the checking account is "),
            acctE(r, "live", "US_BANK_NUMBER", n=r.choice([10, 11, 12]))]


@frame("pos", "live", ["insurance"])
def lp_email_docs(r):
    p = person(r)
    return [ch(r, "yeah my email is ", "you can email me at ", "the email address is "),
            emailE(r, "live", p, r.choice(["us", "uk", "ca"])),
            ch(r, " that's where the policy documents should go", " please send the renewal there", "")]


@frame("pos", "live", ["clinic"])
def lp_hospital_number(r):
    return [ch(r, "her hospital number is ", "his hospital number is um ", "the medical record number is "),
            mrnE(r, "live"), ch(r, " she was seen in a and e on saturday", " it's on the discharge letter", "")]


@frame("pos", "live", ["clinic"])
def lp_nhs_number(r):
    return [ch(r, "my n h s number is ", "nhs number is ", "yeah so the nhs number "), nhsE(r, "live"),
            ch(r, "", " i'm ringing about my repeat prescription", " is that enough")]


@frame("pos", "live", ["gov"])
def lp_passport(r):
    return [ch(r, "the passport number is ", "my passport number um ", "okay passport number "),
            passportE(r, "live"), ch(r, " it expires next year", "", " and it's a u s passport")]


@frame("pos", "live", ["gov", "insurance"])
def lp_driver_license(r):
    state, e = dlE(r, "live")
    return ["my %s driver's license number is " % lv(state), e, ch(r, "", " do you need the expiry too")]


@frame("pos", "live", ["utility"])
def lp_ip_router(r):
    return [ch(r, "the ip address it's showing on the router page is ", "okay it says my ip address is "),
            ipE(r, "live"), ch(r, " and the light's still flashing orange", "", " is that right")]


@frame("pos", "live", ["utility"])
def lp_uk_flat_address(r):
    pl = r.choice(UK_PLACES)
    return ["i'm at flat %s %s" % (n2w(r.randint(1, 9)), ch(r, "um ", "uh ", "and it's ")),
            addrE(r, "live", "uk", min_n=10),
            " in %s " % lv(pl[0]), zipE(r, "live", pl[1]),
            ch(r, " the smart meter's in the hallway", "", " it's the top floor")]


@frame("pos", "live", ["bank"])
def lp_iban(r):
    return [ch(r, "for the refund can you send it to my iban it's ", "my iban is ", "the iban for my account in dublin is "),
            ibanE(r, "live"), ch(r, "", " do you want me to read it again")]


@frame("pos", "live", ["helpline"])
def lp_speaking_to(r):
    n = r.choice(FIRSTS + [p[0] for p in PEOPLE])
    return ["hi am i speaking to ", NAME(n, "live"), " oh hi ", NAME(n, "live"),
            ch(r, " i'm returning your call from this morning", " sorry i missed you earlier")]


@frame("pos", "live", ["insurance"])
def lp_long_accident(r):
    p = person(r)
    pl = r.choice(US_PLACES)
    return ["okay so it's ", PER(p, "live"), " and um i was in the car on the on tuesday and someone went "
            "into the back of me at the lights not hard but the bumper's all cracked and the boot won't "
            "shut properly my date of birth is ", DOB(r, "live", us=True, numeric=False), " i live at ",
            addrE(r, "live", "us"), " in %s " % lv(pl[0]), zipE(r, "live", pl[3]),
            " and the best number to get me on is ", phoneE(r, "live", "us"),
            " i've got photos of the damage if you need them"]


@frame("pos", "live", ["utility"])
def lp_phone_selfcorrect(r):
    a, ex, ln = gen_nanp(r)
    zero = r.choice(["oh", "zero"])
    wrong = ex[:2] + str((int(ex[2]) + 9) % 10)
    words = "%s %s %s %s %s" % (say_digits(a, zero), say_digits(wrong, zero), ch(r, "sorry", "no wait", "i mean"),
                                say_digits(ex, zero), say_digits(ln, zero))
    return [ch(r, "my number is ", "you can get me on ", "the mobile number on the account is "),
            E("PHONE_NUMBER", words, True, kind="selfcorrect"),
            ch(r, "", " got that", " it's the same one as before")]


@frame("pos", "live", ["bank"])
def lp_fraud_team_agent(r):
    agent = r.choice(FIRSTS + WORDLIKE_FIRSTS[:4])
    p = person(r)
    return ["hi this is ", NAME(agent, "live"), " from the fraud team am i speaking with %s " % r.choice(TITLES_LIVE),
            PER(p, "live", "last"), ch(r, "", " i just need to ask you a few security questions")]


@frame("pos", "live", ["clinic"])
def lp_mum_dob(r):
    p = person(r)
    return [ch(r, "i'm calling for my mum ", "it's for my dad ", "i'm ringing on behalf of my nan "), PER(p, "live"),
            ch(r, " her date of birth is ", " date of birth is ", " and she was born on "),
            DOB(r, "live", dt=gen_dob(r, 1931, 1955))]


@frame("pos", "live", ["helpline"])
def lp_wife_wordname(r):
    n = r.choice(["Grace", "Rose", "Hope", "Faith", "Sunny"])
    return [ch(r, "it's about my wife ", "it's my partner "), NAME(n, "live"),
            ch(r, " she hasn't been sleeping and i don't know who else to ring",
               " she's not been right since the funeral")]


@frame("pos", "live", ["gov"])
def lp_ssn_pairs(r):
    return [ch(r, "my social security number is ", "social is uh "), ssnE(r, "live", mixed=True),
            ch(r, "", " that's for the benefits claim")]


@frame("pos", "live", ["utility"])
def lp_postal_code_ca(r):
    pl = r.choice(CA_PLACES)
    return ["we just moved to %s and the postal code is " % lv(pl[0]), zipE(r, "live", pl[3]),
            ch(r, " so can you set up the hydro from the first", "", " um for the new account")]


@frame("pos", "live", ["bank"])
def lp_amex(r):
    return [ch(r, "it's the amex card ", "the american express number is "), ccE(r, "live", "amex"),
            ch(r, " and it got declined at the pharmacy", "")]


@frame("pos", "live", ["insurance"])
def lp_policyholder(r):
    p = person(r)
    return [ch(r, "the policy's in my husband's name ", "the policy holder is "), PER(p, "live"), " at ",
            addrE(r, "live", r.choice(["us", "uk"])), ch(r, "", " but we've split up now")]


@frame("pos", "live", ["helpline"])
def lp_au_phone(r):
    return [ch(r, "i'm over in brisbane so it'd be ", "my number's australian it's ", "from perth so "),
            phoneE(r, "live", "au"), ch(r, "", " if you can call after nine")]


@frame("pos", "live", ["gov"])
def lp_middle_name(r):
    p = person(r, origins=["wa", "an", "ir", "ee", "hi", "ar"])
    mid = r.choice(MIDDLES)
    return ["the name on the form should be ", NAME("%s %s %s" % (p[0], mid, p[1]), "live"),
            " not just ", PER(p, "live")]


@frame("pos", "live", ["clinic"])
def lp_mrn_wristband(r):
    return ["the m r n on his wristband is ", mrnE(r, "live"), ch(r, "", " he's on ward nine")]


@frame("pos", "live", ["utility"])
def lp_customer_number_email(r):
    p = person(r)
    return ["customer number's ", acctE(r, "live"), " and the email on it should be ",
            emailE(r, "live", p, r.choice(["uk", "ie", "ca"]))]


@frame("pos", "live", ["bank"])
def lp_dob_us(r):
    return [ch(r, "date of birth is ", "my birthday is ", "uh born "), DOB(r, "live", us=True, numeric=False),
            ch(r, "", " and my zip hasn't changed")]


@frame("pos", "live", ["helpline"])
def lp_neighbour_name(r):
    n = r.choice(FIRSTS + [p[0] for p in PEOPLE])
    return ["yeah so ", NAME(n, "live"), ch(r, " from next door came round last night and said the same thing happened to them",
                                           " at the food bank told me to ring you")]


@frame("pos", "live", ["helpline"])
def lp_ex_partner(r):
    p = person(r)
    return [ch(r, "my ex ", "my ex husband "), PER(p, "live"), " keeps ringing me from ",
            phoneE(r, "live", r.choice(["us", "ukm", "ca"])), ch(r, " even though there's an order", " at all hours")]


@frame("pos", "live", ["utility"])
def lp_spelled_email(r):
    p = person(r, alpha_last=True)
    return [ch(r, "email address it's ", "the email's "), emailE(r, "live", p, r.choice(["us", "uk"]), spell=True),
            ch(r, "", " all lower case")]


@frame("pos", "live", ["gov"])
def lp_council_tax(r):
    return [ch(r, "my council tax account number is ", "council tax account um "), acctE(r, "live", n=8),
            ch(r, " and i'm disputing the band", " i want to set up a direct debit")]


@frame("pos", "live", ["insurance"])
def lp_dl_dob(r):
    state, e = dlE(r, "live", r.choice(["Texas", "California", "New York", "Ohio"]))
    return ["my license is %s " % lv(state), e, " and date of birth ", DOB(r, "live", us=True)]


@frame("pos", "live", ["clinic"])
def lp_behalf_nhs(r):
    p = person(r)
    return ["i'm phoning on behalf of ", PER(p, "live"), " date of birth ", DOB(r, "live"),
            " n h s number ", nhsE(r, "live")]


@frame("pos", "live", ["helpline", "utility"])
def lp_tech_ip(r):
    return [ch(r, "the guy on chat told me to read out my ip it's ", "my home ip address is "), ipE(r, "live"),
            ch(r, "", " and i think someone's been on my wifi")]


@frame("pos", "live", ["utility", "bank"])
def lp_its_wordname_calling(r):
    n = r.choice(["Bill", "Mark", "Will", "Grace", "Jordan", "Rose"])
    return ["hi it's ", NAME(n, "live"), ch(r, " calling back about the payment plan", " calling again sorry about earlier")]


@frame("pos", "live", ["helpline"])
def lp_long_helpline(r):
    p = person(r)
    pl = r.choice(UK_PLACES)
    return ["um yeah hi my name's ", PER(p, "live", "first"), " and i've never rung anywhere like this before "
            "so sorry if i'm not making sense it's just that things have got really bad at home and i can't "
            "pay the rent and the landlord said he's going to change the locks um i live at ",
            addrE(r, "live", "uk"), " in ", lv(pl[0]), " and if you need to ring me back it's ",
            phoneE(r, "live", "ukm", intl=False), " but please don't leave a message because he checks my phone"]


@frame("pos", "live", ["bank"])
def lp_card_services_acct(r):
    return ["my card services account number is ", acctE(r, "live", n=r.choice([10, 12])),
            ch(r, " i'm calling about the late fee", " i need to change the payment date")]


@frame("pos", "live", ["gov"])
def lp_passport_name(r):
    p = person(r)
    return ["it's ", PER(p, "live"), " calling about my renewal the old passport number is ", passportE(r, "live")]


@frame("pos", "live", ["insurance"])
def lp_agent_speaking_to(r):
    p = person(r)
    return ["so just to confirm i'm speaking to ", PER(p, "live"), " and the address is ", addrE(r, "live", "us"),
            " is that right"]


@frame("pos", "live", ["bank"])
def lp_ukl_phone_doubles(r):
    return [ch(r, "the home number is ", "landline's "), phoneE(r, "live", "ukl", intl=False, doubles=True),
            ch(r, " but i'm not always in", "")]


# ==========================================================================
# WHISPER-STYLE ASR -- positives
# ==========================================================================
@frame("pos", "whisper", ["bank"])
def wp_visa_charge(r):
    p = person(r)
    return ["Hi, this is ", PER(p, "whisper"), ". I'm calling about a charge on my ",
            ch(r, "Visa", "card"), ", ", ccE(r, "whisper", "visa"), "."]


@frame("pos", "whisper", ["utility"])
def wp_acct_postcode(r):
    pl = r.choice(UK_PLACES)
    return ["My account number is ", acctE(r, "whisper", n=r.choice([10, 12])), " and the postcode is ",
            zipE(r, "whisper", pl[1]), "."]


@frame("pos", "whisper", ["clinic"])
def wp_dob(r):
    return [ch(r, "Date of birth is ", "Her date of birth is ", "I was born on "),
            DOB(r, "whisper", us=r.random() < 0.5), ch(r, ".", ", if that helps.")]


@frame("pos", "whisper", ["helpline"])
def wp_cell(r):
    return ["You can reach me at ", phoneE(r, "whisper", r.choice(["us", "ca"])), ", that's my cell."]


@frame("pos", "whisper", ["gov"])
def wp_ssn(r):
    return [ch(r, "My Social Security number is ", "Social's "), ssnE(r, "whisper"), "."]


@frame("pos", "whisper", ["insurance"])
def wp_us_address(r):
    pl = r.choice(US_PLACES)
    return ["I'm at ", addrE(r, "whisper", "us"), ", %s, %s " % (pl[0], pl[2]), zipE(r, "whisper", us_zip(r, pl)), "."]


@frame("pos", "whisper", ["bank"])
def wp_routing_acct(r):
    return ["The routing number is ", numE("ABA_ROUTING_NUMBER", gen_aba(r), "whisper", r),
            " and my checking account number's ", acctE(r, "whisper", "US_BANK_NUMBER", n=r.choice([10, 11, 12])), "."]


@frame("pos", "whisper", ["utility"])
def wp_email(r):
    p = person(r)
    return ["My email is ", emailE(r, "whisper", p, r.choice(["us", "uk", "au"]), spoken=r.random() < 0.5), "."]


@frame("pos", "whisper", ["clinic"])
def wp_mrn(r):
    return ["Her MRN is ", mrnE(r, "whisper"), ", she was admitted on Tuesday."]


@frame("pos", "whisper", ["gov"])
def wp_passport(r):
    return ["Passport number ", passportE(r, "whisper"), ", it's the new one."]


@frame("pos", "whisper", ["utility"])
def wp_ip(r):
    return ["The IP it shows is ", ipE(r, "whisper"), ", if that helps."]


@frame("pos", "whisper", ["bank"])
def wp_iban(r):
    return [ch(r, "My IBAN is ", "Yeah, the IBAN is "), ibanE(r, "whisper"), "."]


@frame("pos", "whisper", ["helpline", "gov"])
def wp_spelled(r):
    p = person(r, alpha_last=True)
    return ["Yeah, it's ", PER(p, "whisper"), ". ", spell(p[1], "whisper"), "."]


@frame("pos", "whisper", ["insurance"])
def wp_husband_dob(r):
    p = person(r)
    return ["I'm calling for my husband, ", PER(p, "whisper"), ". His date of birth is ",
            DOB(r, "whisper", us=True, dt=gen_dob(r, 1940, 1975)), "."]


@frame("pos", "whisper", ["gov"])
def wp_dl(r):
    state, e = dlE(r, "whisper")
    return ["My driver's license number is ", e, ", it's a%s %s license." % ("n" if state[0] in "AEIOU" else "", state)]


@frame("pos", "whisper", ["clinic"])
def wp_nhs_addr(r):
    pl = r.choice(UK_PLACES)
    return ["NHS number is ", nhsE(r, "whisper"), ", and I'm at ", addrE(r, "whisper", "uk"), ", %s, " % pl[0],
            zipE(r, "whisper", pl[1]), "."]


@frame("pos", "whisper", ["utility"])
def wp_phone_email(r):
    p = person(r)
    return ["Call me on ", phoneE(r, "whisper", "ukm"), " or email ", emailE(r, "whisper", p, "uk", spoken=False), "."]


@frame("pos", "whisper", ["bank"])
def wp_long_fraud(r):
    p = person(r)
    return ["Okay, so my name's ", PER(p, "whisper"), ", and I noticed this morning there were three payments "
            "I didn't make, two to some online shop and one at a petrol station in a town I've never been to. "
            "The card is ", ccE(r, "whisper", r.choice(["visa", "mc"]), sep=" "),
            ". I've still got the card in my hand, so I don't know how they did it. My number is ",
            phoneE(r, "whisper", "us"), " if you need to call me back, and I'd really like the card blocked today."]


@frame("pos", "whisper", ["helpline"])
def wp_title_surname(r):
    p = person(r)
    return [ch(r, "Mr. ", "Dr. ", "Mrs. "), PER(p, "whisper", "last"), " said ",
            ch(r, "they'd call me back, but nobody did.", "I should ring this number.")]


@frame("pos", "whisper", ["gov"])
def wp_council_tax(r):
    p = person(r)
    return ["I'm ", PER(p, "whisper"), ", the council tax account is ", acctE(r, "whisper", n=8, sep=""),
            ", and I'm at ", addrE(r, "whisper", "uk"), "."]


@frame("pos", "whisper", ["utility"])
def wp_canada_postal(r):
    pl = r.choice(CA_PLACES)
    return ["Yeah, it's ", addrE(r, "whisper", "ca"), ", %s, %s, " % (pl[0], pl[1]), zipE(r, "whisper", pl[3]), "."]


@frame("pos", "whisper", ["helpline"])
def wp_irish_phone(r):
    p = person(r, origins=["ir"])
    return ["It's ", PER(p, "whisper", "first"), " here, ringing from Cork. My mobile is ",
            phoneE(r, "whisper", "ie"), "."]


@frame("pos", "whisper", ["insurance"])
def wp_dl_passport(r):
    state, e = dlE(r, "whisper")
    return ["I have my %s license, number " % state, e, ", or I can give you my passport, ", passportE(r, "whisper"), "."]


# ==========================================================================
# TYPED notes / chat / e-mail / forms -- positives
# ==========================================================================
@frame("pos", "typed", ["utility"])
def tp_crm_line(r):
    p = person(r)
    return ["Cust: ", PER(p, "typed"), " | Acct: ", acctE(r, "typed", n=r.choice([10, 12])), " | Tel: ",
            phoneE(r, "typed", r.choice(["us", "ukm", "ca"])), " | Reason: disputes est. reading"]


@frame("pos", "typed", ["bank"])
def tp_idv_dob_ssn(r):
    return ["ID&V passed. DOB: ", DOB(r, "typed", us=True), " SSN: ", ssnE(r, "typed"), " (verbal)."]


@frame("pos", "typed", ["clinic"])
def tp_patient_header(r):
    p = person(r)
    return ["Pt: ", NAME("%s, %s" % (p[1].upper(), p[0]), "typed"), "  MRN: ", mrnE(r, "typed"), "  DOB: ",
            DOB(r, "typed"), "\nC/o chest pain x2 days, booked GP tmrw 09:40"]


@frame("pos", "typed", ["helpline", "utility"])
def tp_chat_login(r):
    agent = r.choice(FIRSTS)
    p = person(r)
    return ["Agent: Hi, you're chatting with ", NAME(agent, "typed"), ". How can I help?\nCust: hi its ",
            NAME(lv(p[0] + " " + p[1]), "typed"), " i cant log into my account"]


@frame("pos", "typed", ["gov"])
def tp_email_letter(r):
    p = person(r)
    pl = r.choice(US_PLACES)
    return ["Dear Sir/Madam,\n\nMy name is ", PER(p, "typed"), " and I live at ", addrE(r, "typed", "us"),
            ", %s, %s " % (pl[0], pl[1]), zipE(r, "typed", us_zip(r, pl)),
            ". I have not received my tax refund for 2023 and would appreciate an update.\n\nRegards"]


@frame("pos", "typed", ["insurance"])
def tp_driver_form(r):
    p = person(r)
    state, e = dlE(r, "typed")
    return ["Driver: ", PER(p, "typed"), "; DL#: ", e, " (%s); DOB " % state, DOB(r, "typed", us=True),
            "; at fault: N"]


@frame("pos", "typed", ["bank"])
def tp_ach_note(r):
    return ["Cust confirmed chk acct ", acctE(r, "typed", "US_BANK_NUMBER", n=r.choice([10, 11]), groups=None),
            " / routing ", numE("ABA_ROUTING_NUMBER", gen_aba(r), "typed", r), ". Set up ACH for the 15th."]


@frame("pos", "typed", ["utility"])
def tp_chat_email_mobile(r):
    p = person(r)
    return ["my email is ", emailE(r, "typed", p, "uk"), " and mobile is ", phoneE(r, "typed", "ukm", intl=False),
            " pls update"]


@frame("pos", "typed", ["bank"])
def tp_card_exp(r):
    return ["Card: ", ccE(r, "typed", sep=""), " exp 09/27 - cust reports unrecognised txn $84.12 at a gas station."]


@frame("pos", "typed", ["gov"])
def tp_passport_form(r):
    return ["Passport No.: ", passportE(r, "typed"), "\nPlace of issue: Boston\nIssued: 2019 | Expires: 2029"]


@frame("pos", "typed", ["utility"])
def tp_tech_ips(r):
    return ["Cust WAN IP ", ipE(r, "typed"), ", IPv6 ", ipE(r, "typed", v6=True),
            ". Router fw 4.2.1.8 - rebooted, sync OK @ 52 Mbps."]


@frame("pos", "typed", ["bank"])
def tp_email_iban_signoff(r):
    p = person(r, origins=["ir", "ee", "an", "hi"])
    return ["Hi, please send the refund to IBAN ", ibanE(r, "typed"), " (BIC on file). Thanks, ",
            PER(p, "typed")]


@frame("pos", "typed", ["clinic"])
def tp_nhs_rx(r):
    p = person(r)
    return ["NHS No ", nhsE(r, "typed"), " - pt ", PER(p, "typed"),
            " called re repeat rx (amlodipine 5mg). Passed to pharm team."]


@frame("pos", "typed", ["helpline"])
def tp_callback_mum(r):
    return ["Caller (mum of ", NAME(r.choice(FIRSTS), "typed"), ", 14) requests callback on ",
            phoneE(r, "typed", r.choice(["ukm", "us", "au"])), " after 6pm. Safeguarding flag: no."]


@frame("pos", "typed", ["insurance"])
def tp_new_address_email(r):
    p = person(r)
    pl = r.choice(US_PLACES)
    return ["Hi, it's ", PER(p, "typed"), ". I've moved - new address is ", addrE(r, "typed", "us"),
            ", %s, %s " % (pl[0], pl[1]), zipE(r, "typed", us_zip(r, pl, True)), ". Please update my policy."]


@frame("pos", "typed", ["gov"])
def tp_surname_first_form(r):
    p = person(r)
    pl = r.choice(UK_PLACES)
    return ["Name (Surname, Forename): ", NAME("%s, %s" % (p[1].upper(), p[0]), "typed"), "\nPostcode: ",
            zipE(r, "typed", pl[1]), "\nReason for contact: missed bin collection"]


@frame("pos", "typed", ["utility"])
def tp_move_out(r):
    pl = r.choice(UK_PLACES)
    return ["Acct no. ", acctE(r, "typed", n=r.choice([10, 11])), " - supply addr ", addrE(r, "typed", "uk"),
            ", %s - ref INC-%s (move-out reading 04821)." % (pl[0], dg(r, 6, True))]


@frame("pos", "typed", ["clinic"])
def tp_chat_daughter(r):
    return ["hi my daughter ", NAME(lv(r.choice(FIRSTS_F)), "typed"), " has an appt tmrw, her dob is ",
            DOB(r, "typed", dt=gen_dob(r, 2008, 2020)), " and hospital no is ", mrnE(r, "typed")]


@frame("pos", "typed", ["bank"])
def tp_long_complaint(r):
    p = person(r)
    pl = r.choice(US_PLACES)
    return ["Subject: Complaint - card cancelled without notice\n\nHello,\n\nI am writing because my debit card "
            "was cancelled last week without any warning and I was left unable to pay for groceries. I have "
            "banked with you for over ten years. My checking account number is ",
            acctE(r, "typed", "US_BANK_NUMBER", n=10), " and my address is ", addrE(r, "typed", "us"),
            ", %s, %s " % (pl[0], pl[1]), zipE(r, "typed", pl[3]),
            ". Please call me on ", phoneE(r, "typed", "us"), " to explain what happened.\n\n", PER(p, "typed")]


@frame("pos", "typed", ["helpline"])
def tp_volunteer_note(r):
    vol = r.choice(FIRSTS)
    p = person(r)
    return ["Spoke to ", NAME(vol, "typed"), " (volunteer) re caller ", PER(p, "typed"), "; cb ",
            phoneE(r, "typed", r.choice(["ukm", "us", "ca"])), "; no further action."]


@frame("pos", "typed", ["bank"])
def tp_amex_cancel(r):
    p = person(r)
    return ["Agent note: caller ", PER(p, "typed"), " wants card cancelled - ", ccE(r, "typed", "amex", sep=" "),
            " - replacement to ", addrE(r, "typed", "us"), "."]


@frame("pos", "typed", ["gov"])
def tp_dl_verified(r):
    state, e = dlE(r, "typed")
    return ["DL: %s " % state, e, " verified against DMV, DOB ", DOB(r, "typed", us=True), "."]


@frame("pos", "typed", ["utility"])
def tp_email_reading(r):
    p = person(r)
    return ["From: ", emailE(r, "typed", p, r.choice(["uk", "ie", "us"])), "\nSubject: Meter reading\n\n"
            "Hi, reading today is 04421. Acct ", acctE(r, "typed", n=r.choice([10, 12])), ". Thanks"]


@frame("pos", "typed", ["helpline"])
def tp_form_fields(r):
    p = person(r, origins=["ar", "wa", "ea", "sa"])
    return ["Name: ", PER(p, "typed"), "\nTel: ", phoneE(r, "typed", r.choice(["us", "ca", "ukl"])),
            "\nEmail: ", emailE(r, "typed", p, r.choice(["us", "ca"])), "\nPreferred contact: text"]


@frame("pos", "live", ["bank"])
def lp_iban_abroad(r):
    cc = r.choice(["PL", "DE"])
    return ["i'm sending money to my %s in %s and the iban they gave me is " % (
        ch(r, "mum", "landlord", "brother"), "poland" if cc == "PL" else "germany"), ibanE(r, "live", cc),
        ch(r, "", " does that look right")]


@frame("pos", "live", ["bank"])
def lp_aba_only(r):
    return ["the routing number i've got here is ", numE("ABA_ROUTING_NUMBER", gen_aba(r), "live", r),
            " is that the right one for wires"]


@frame("pos", "live", ["gov"])
def lp_name_ssn(r):
    p = person(r, origins=["hi", "an", "wa", "ea"])
    return [ch(r, "yes it's ", "yeah this is "), PER(p, "live"), " and my social's ", ssnE(r, "live")]


@frame("pos", "whisper", ["bank"])
def wp_direct_deposit(r):
    return ["For the direct deposit, is the routing number ", numE("ABA_ROUTING_NUMBER", gen_aba(r), "whisper", r),
            "? That's what's printed on my checks."]


@frame("pos", "typed", ["bank"])
def tp_beneficiary(r):
    p = person(r, origins=["ee", "ir", "an", "hi"])
    return ["Beneficiary: ", PER(p, "typed"), "\nIBAN: ", ibanE(r, "typed", r.choice(["DE", "IE", "NL", "GB"])),
            "\nAmount: EUR %d,%03d.00\nRef: rent %s" % (r.randint(1, 2), r.randint(0, 999), MONTHS[r.randint(0, 11)])]


@frame("pos", "typed", ["gov"])
def tp_ssn_passport(r):
    return ["Applicant SSN ", ssnE(r, "typed"), "; passport ", passportE(r, "typed"), "; contact ",
            phoneE(r, "typed", "us"), " (home)."]


# ==========================================================================
# LIVE ASR -- negatives (no PII at all)
# ==========================================================================
def say_num(r, n):
    return n2w(n, uk_and=r.random() < 0.5)


@frame("neg", "live", ["utility"])
def ln_meter_reading(r):
    return ["the reading on the meter is %s and the other one's %s" % (say_digits(dg(r, 5), "oh"),
                                                                      say_digits("0" + dg(r, 4), "oh"))]


@frame("neg", "live", ["bank"])
def ln_charged_twice(r):
    return ["i was charged %s dollars %s on the %s and again on the %s" % (
        say_num(r, r.randint(120, 480)), n2w(r.randint(10, 99)), ORD[r.randint(1, 14)], ORD[r.randint(15, 27)])]


@frame("neg", "live", ["helpline"])
def ln_waiting_time(r):
    return [ch(r, "i've been waiting since about half past three and it's nearly five now",
               "um i've been on hold for forty five minutes before this",
               "i rang at ten past nine and got cut off twice")]


@frame("neg", "live", ["insurance"])
def ln_claim_number(r):
    return ["my claim number is c l %s and i still haven't heard anything" % say_digits(dg(r, 7), "oh")]


@frame("neg", "live", ["utility"])
def ln_ticket_number(r):
    return ["the ticket number they gave me was %s but the engineer never showed" % say_digits(dg(r, 6, True), "oh",
                                                                                              r.random() < 0.5)]


@frame("neg", "live", ["gov"])
def ln_letter_reference(r):
    return ["the reference on the letter is %s slash %s" % (year_words(r.randint(2021, 2025), r),
                                                            say_digits(dg(r, 4), "oh"))]


@frame("neg", "live", ["clinic"])
def ln_appointment_moved(r):
    return ["my appointment was moved to the %s of %s at %s" % (ORD[r.randint(0, 27)], MONTHS[r.randint(0, 11)].lower(),
                                                                ch(r, "ten fifteen", "half two", "nine forty"))]


@frame("neg", "live", ["bank"])
def ln_will_refund(r):
    return [ch(r, "will i be able to get the money back by friday or is there a grace period",
               "will the refund go back on the same card or do i have to fill in a form")]


@frame("neg", "live", ["utility", "gov"])
def ln_directions(r):
    s1, s2 = r.sample(STREETS, 2)
    return ["you go down %s street past the church and turn left on to %s road it's the one with the green door" % (
        lv(s1), lv(s2))]


@frame("neg", "live", ["utility"])
def ln_bill_amount(r):
    return ["the bill says i owe %s pounds but i paid it in full last month" % say_num(r, r.randint(40, 260))]


@frame("neg", "live", ["insurance"])
def ln_car_excess(r):
    return ["the car's a %s ford focus and the excess is two fifty" % year_words(r.randint(2008, 2022), r)]


@frame("neg", "live", ["clinic"])
def ln_medication(r):
    return ["he takes %s milligrams twice a day and the inhaler two puffs when he needs it" % n2w(r.choice([5, 10, 20, 40]))]


@frame("neg", "live", ["gov"])
def ln_moved_from_jordan(r):
    return ["i moved here in %s from %s so i've only been paying council tax for a few years" % (
        year_words(r.randint(2003, 2019), r), ch(r, "jordan", "georgia", "chad", "victoria in australia"))]


@frame("neg", "live", ["bank"])
def ln_interest_rate(r):
    return ["the interest went up from %s point %s to %s point %s percent and nobody told me" % (
        n2w(r.randint(2, 5)), n2w(r.randint(1, 9)), n2w(r.randint(6, 9)), n2w(r.randint(1, 9)))]


@frame("neg", "live", ["utility"])
def ln_mark_box(r):
    return [ch(r, "so i mark the box that says direct debit and then just hit submit",
               "do i mark it as paid or will that mess up the next bill",
               "you have to mark the meter reading as actual not estimated")]


@frame("neg", "live", ["helpline", "bank"])
def ln_duty_manager(r):
    return [ch(r, "can i speak to the duty manager or a supervisor please",
               "i want to speak to whoever's in charge the team leader or whatever")]


@frame("neg", "live", ["clinic"])
def ln_nurse_rounds(r):
    return [ch(r, "the nurse said to ring back after the doctor's done his rounds about eleven",
               "the receptionist said the practice nurse would call me but she never did",
               "the pharmacist told me to ask the duty doctor about the dose")]


@frame("neg", "live", ["utility"])
def ln_tracking_code(r):
    return ["the tracking code is one z %s and it says it's stuck in the depot" % say_code(
        r.choice(["A", "X", "E"]) + dg(r, 3) + "AA" + dg(r, 8), "zero")]


@frame("neg", "live", ["bank"])
def ln_locked_out(r):
    return [ch(r, "i tried the pin three times and it locked me out after the third go",
               "the app keeps saying try again in twenty four hours",
               "it logged me out twice and now the code's not coming through")]


@frame("neg", "live", ["gov"])
def ln_office_closed(r):
    return ["the office on %s street is closed on mondays so i came on tuesday instead" % ch(r, "victoria", "king", "market")]


@frame("neg", "live", ["insurance"])
def ln_policy_renewal(r):
    return ["my policy renews on the %s of %s and the premium's gone up to %s a month" % (
        ORD[r.randint(0, 27)], MONTHS[r.randint(0, 11)].lower(), ch(r, "eighty four ninety", "sixty two pound fifty",
                                                                   "a hundred and twelve"))]


@frame("neg", "live", ["helpline"])
def ln_hold_baby(r):
    return [ch(r, "sorry can you hold on the baby's crying um okay okay i'm back sorry",
               "hang on hang on the dog's going mad at the door right sorry go on",
               "sorry i'm on the bus it might cut out um can you hear me now")]


@frame("neg", "live", ["utility"])
def ln_engineer_window(r):
    return ["the engineer's coming between %s and %s on %s" % (ch(r, "eight", "seven", "nine"), ch(r, "one", "twelve"),
                                                               ch(r, "thursday", "saturday", "the twentieth"))]


@frame("neg", "live", ["bank"])
def ln_cheque_book(r):
    return ["i'd like to order a new cheque book with %s cheques please" % ch(r, "fifty", "thirty", "a hundred")]


@frame("neg", "live", ["clinic"])
def ln_bloods_date(r):
    return ["i had my bloods done on the %s of %s %s and still no results" % (
        ORD[r.randint(0, 27)], MONTHS[r.randint(0, 11)].lower(), year_words(r.randint(2022, 2024), r))]


@frame("neg", "live", ["gov"])
def ln_form_deadline(r):
    return [ch(r, "the form is the s a one hundred and the deadline is the thirty first of january",
               "it's the p sixty from my old job and the tax year ended in april",
               "they said to fill in section four and send it back within twenty eight days")]


@frame("neg", "live", ["helpline", "insurance"])
def ln_grace_callback(r):
    return ["we spoke last %s about the grace period and you said you'd call me back" % ch(r, "tuesday", "wednesday")]


@frame("neg", "live", ["utility", "bank"])
def ln_confirmation_number(r):
    return ["confirmation number %s do you want me to read it again" % say_digits(dg(r, 9, True), "oh", r.random() < 0.5)]


@frame("neg", "live", ["insurance"])
def ln_motorway(r):
    return ["it happened on the m %s near junction %s about ten past six" % (ch(r, "twenty five", "six", "sixty two"),
                                                                            n2w(r.randint(3, 19)))]


@frame("neg", "live", ["utility"])
def ln_long_boiler(r):
    return ["so basically what happened was i got home on friday and the boiler was making this noise like a sort "
            "of banging and then the pressure dropped to like point five and i rang the emergency line and they "
            "said someone would come out between eight and twelve on saturday but nobody turned up and i've got "
            "two kids and it's freezing so i just want to know what's going on really because i've been paying "
            "for the cover for %s years" % n2w(r.randint(3, 9))]


@frame("neg", "live", ["helpline", "insurance"])
def ln_pet_names(r):
    return ["it's just me and the dog %s and the cat's called %s so it's not like i need a big place" % (
        ch(r, "bella", "max", "buster"), ch(r, "oscar", "luna", "milo"))]


@frame("neg", "live", ["bank"])
def ln_brand_declined(r):
    return ["i was at %s this morning and the card got declined for a coffee" % ch(r, "tim hortons", "wendy's",
                                                                                    "marks and spencer")]


@frame("neg", "live", ["utility", "insurance"])
def ln_order_selfcorrect(r):
    a = dg(r, 3, True)
    return ["order number %s sorry %s %s" % (say_digits(a, "oh"), say_digits(a[:2] + str((int(a[2]) + 1) % 10), "oh"),
                                             say_digits(dg(r, 4), "oh"))]


@frame("neg", "live", ["helpline"])
def ln_long_lonely(r):
    return ["i don't really know why i'm ringing to be honest it's just been a long week and my daughter's moved "
            "to %s and i haven't spoken to anyone since %s except the man in the shop and i saw the "
            "number on a poster at the surgery so i thought i'd try it um is that alright is this the sort of "
            "thing you do" % (ch(r, "canada", "perth", "new zealand"), ch(r, "monday", "the weekend", "sunday"))]


@frame("neg", "live", ["bank", "gov"])
def ln_bill_word(r):
    return ["the bill came in at %s and my pension only goes in on the %s" % (
        say_num(r, r.randint(60, 300)), ORD[r.randint(0, 27)])]


@frame("neg", "live", ["clinic"])
def ln_birthday_no_date(r):
    return ["it was my birthday last week and i turned %s so do i still need the over sixties check" % n2w(r.randint(60, 69))]


# ==========================================================================
# WHISPER-STYLE ASR -- negatives
# ==========================================================================
@frame("neg", "whisper", ["utility", "bank"])
def wn_order_number(r):
    return ["Your order number is %s-%s-%s and it should arrive by Thursday." % (dg(r, 3, True), dg(r, 4), dg(r, 4))]


@frame("neg", "whisper", ["utility", "bank"])
def wn_app_version(r):
    return ["I'm running version %d.%d.%d.%d of the app on my phone." % (r.randint(4, 16), r.randint(0, 9),
                                                                        r.randint(0, 12), r.randint(1, 250))]


@frame("neg", "whisper", ["utility"])
def wn_error_code(r):
    return ["The error code says 0x%08X and then it just closes." % r.randint(0x80000000, 0x8FFFFFFF)]


@frame("neg", "whisper", ["bank"])
def wn_payments(r):
    return ["I paid $%s.%02d on March 3rd, and another $%d on the 15th." % (
        "{:,}".format(r.randint(900, 2400)), r.randint(0, 99), r.randint(20, 150))]


@frame("neg", "whisper", ["gov", "insurance"])
def wn_case_number(r):
    return ["The case number is CAS-%s, can you check it?" % dg(r, 7, True)]


@frame("neg", "whisper", ["helpline", "utility"])
def wn_floor_tesco(r):
    return ["We're on the %s floor, building B, right next to the Tesco." % ch(r, "4th", "2nd", "11th")]


@frame("neg", "whisper", ["utility"])
def wn_guid_fragment(r):
    return ["It says error ID %08x-%04x, something, I can't read the rest." % (r.randint(0, 0xffffffff),
                                                                           r.randint(0, 0xffff))]


@frame("neg", "whisper", ["gov", "helpline"])
def wn_born_dublin(r):
    return ["I was born in %s but moved to %s in %d." % (ch(r, "Dublin", "Lagos", "Kraków", "Manila"),
                                                         ch(r, "Sydney", "Toronto", "Leeds"), r.randint(1985, 2015))]


@frame("neg", "whisper", ["clinic"])
def wn_ward_bed(r):
    return ["My mum's in Ward %d at St. Mary's, bed %d." % (r.randint(2, 12), r.randint(1, 24))]


@frame("neg", "whisper", ["utility"])
def wn_boiler_temp(r):
    return ["The thermostat's at %d degrees and the boiler pressure is %s bar." % (r.randint(17, 23),
                                                                                  ch(r, "1.5", "0.8", "2.1"))]


@frame("neg", "whisper", ["bank"])
def wn_bill_payment_product(r):
    return [ch(r, "Can you tell me if Bill Pay Plus is still available on the Premier account?",
               "I set up Bill Pay last month, but the Grace Period option isn't showing.",
               "Will the Mark and Save account still pay 3% after April?")]


@frame("neg", "whisper", ["insurance"])
def wn_flight(r):
    return ["Flight BA %d landed at %d:%02d and my bag's still not here." % (r.randint(100, 999), r.randint(5, 11),
                                                                           r.randint(0, 59))]


@frame("neg", "whisper", ["utility"])
def wn_kwh_usage(r):
    return ["I used about %d kilowatt hours last month, which is double what I normally use." % r.randint(280, 900)]


@frame("neg", "whisper", ["insurance"])
def wn_claim_ref_date(r):
    return ["The claim reference is CLM %s %s, filed on %d/%02d/2024." % (dg(r, 4), dg(r, 4), r.randint(1, 28),
                                                                         r.randint(1, 12))]


@frame("neg", "whisper", ["gov"])
def wn_georgia_country(r):
    return [ch(r, "I'm calling from Georgia, the country, not the state, about my visa appointment.",
               "Is that the office in Jordan or the one in Lebanon? I'm in Amman right now.",
               "We're moving from Victoria to Queensland, so does my benefit transfer?")]


@frame("neg", "whisper", ["bank", "gov"])
def wn_percent_tax(r):
    return ["They took %d%% tax off it, so I only got $%d back in %d." % (r.randint(10, 40), r.randint(200, 900),
                                                                          r.randint(2019, 2024))]


@frame("neg", "whisper", ["clinic"])
def wn_doctor_role(r):
    return [ch(r, "The doctor on call said to come in at 8:30, and the receptionist said 9. Which one is it?",
               "The consultant's secretary said the letter went out on the 12th, but we never got it.",
               "The midwife said to call if it's more than 5 minutes apart, so... should I come in?")]


# ==========================================================================
# TYPED -- negatives
# ==========================================================================
@frame("neg", "typed", ["utility"])
def tn_ticket_reading(r):
    return ["Agent: Cust called re: high bill. Reading %s (E). Advised est. reading used. Ticket #INC-%s." % (
        dg(r, 6), dg(r, 6, True))]


@frame("neg", "typed", ["insurance"])
def tn_claim_status(r):
    return ["Ref: CLM-%d-%s | Status: pending | Next review %02d/%02d" % (r.randint(2022, 2025), dg(r, 6, True),
                                                                         r.randint(1, 28), r.randint(1, 12))]


@frame("neg", "typed", ["utility", "bank"])
def tn_ups_tracking(r):
    return ["Order #A%s-%s-%s shipped via UPS 1Z%s%s%s" % (dg(r, 2), dg(r, 4), dg(r, 3), dg(r, 3) + "W" + dg(r, 2),
                                                         "03", dg(r, 8))]


@frame("neg", "typed", ["utility"])
def tn_smart_meter_fw(r):
    return ["hi my smart meter shows %05d.%d kWh and firmware v%d.%d.%d.%d, is that right?" % (
        r.randint(100, 99999), r.randint(0, 9), r.randint(1, 4), r.randint(0, 9), r.randint(0, 9), r.randint(10, 99))]


@frame("neg", "typed", ["utility", "bank"])
def tn_dd_increase(r):
    return ["Note: caller upset about £%d.%02d direct debit increase (was £%d.00). Escalated to team leader." % (
        r.randint(200, 400), r.randint(0, 99), r.randint(90, 199))]


@frame("neg", "typed", ["bank", "clinic"])
def tn_dob_not_provided(r):
    return [ch(r, "DOB: not provided. Caller declined ID&V. Advised to call back with card.",
               "DOB/address not confirmed - failed ID&V x2. No info disclosed.",
               "Caller unable to give DOB (third party). Consent form to be posted.")]


@frame("neg", "typed", ["clinic"])
def tn_appt_room(r):
    return ["Appt: %02d/%02d/2024 14:30, Dr's clinic room %d, follow-up 6 wks." % (r.randint(1, 28), r.randint(1, 12),
                                                                                 r.randint(1, 9))]


@frame("neg", "typed", ["bank", "utility"])
def tn_paper_statements(r):
    return [ch(r, "Email from customer: Please stop sending paper statements to my home, I only want them online. Thanks.",
               "Email from customer: Your website has been down since Tuesday and I can't pay. Please fix.",
               "Web form: I want to close my account at the end of the month. Please confirm by email.")]


@frame("neg", "typed", ["bank"])
def tn_branch_hours(r):
    return [ch(r, "Cust: is the branch on High Street open saturday?\nAgent: 9-12:30 only, closed Sundays.",
               "Cust: can i pay in cash at the post office on Church Road?\nAgent: Yes, up to £500 a day.",
               "Cust: which branch is nearest Station Road?\nAgent: Market Square, about 0.4 miles.")]


@frame("neg", "typed", ["insurance"])
def tn_policy_excess(r):
    return ["Policy excess £%d, NCD %d yrs, vehicle reg not supplied, renewal quote £%d.%02d" % (
        r.choice([100, 250, 350]), r.randint(1, 9), r.randint(300, 900), r.randint(0, 99))]


@frame("neg", "typed", ["utility"])
def tn_sr_router(r):
    return ["SR %s-%s-%s raised. Router reset not needed; firmware %d.%d.%d.%d up to date." % (
        dg(r, 4), dg(r, 3), dg(r, 3), r.randint(10, 19), r.randint(0, 9), r.randint(0, 9), r.randint(1, 99))]


@frame("neg", "typed", ["gov", "helpline"])
def tn_empty_fields(r):
    return [ch(r, "Tel: (withheld)\nEmail: n/a\nAddress: see previous note\nOutcome: signposted to local advice centre",
               "Name: declined\nTel: none\nDOB: -\nOutcome: listened, caller felt calmer, ended call 22:41",
               "Address: NFA\nPhone: no credit\nNotes: referred to housing options, call 1 of 3 today")]


@frame("neg", "typed", ["helpline"])
def tn_mark_will_grace_dog(r):
    return [ch(r, "Mark as resolved. Will follow up Mon if Grace (the dog) still hasn't got her new tag.",
               "Will chase Bill Pay team re: duplicate charge. Mark case pending.",
               "Grace period applied (14 days). Will review Fri. Mark as priority if no payment.")]


@frame("neg", "typed", ["utility", "gov"])
def tn_payment_plan(r):
    return ["Payment arrangement: %d x £%d.%02d starting 01/%02d/2024; arrears £%d.00." % (
        r.choice([6, 12, 18]), r.randint(20, 80), r.randint(0, 99), r.randint(1, 12), r.randint(200, 900))]


@frame("neg", "typed", ["helpline"])
def tn_chat_thanks(r):
    return [ch(r, "Cust: ok thanks that's really helped, will ring back wed if the landlord doesn't reply\n"
               "Agent: No problem, take care.",
               "Cust: sorry for being rude earlier, it's been a hard week\nAgent: Honestly no need to apologise.",
               "Cust: is anyone there?? been waiting 20 mins\nAgent: Sorry for the wait, I'm here now.")]


@frame("neg", "typed", ["bank"])
def tn_guid_txn(r):
    return ["Txn id %08x-%04x-%04x flagged by rules engine (score 0.%d), released after review." % (
        r.randint(0, 0xffffffff), r.randint(0, 0xffff), r.randint(0, 0xffff), r.randint(10, 99))]


# ==========================================================================
# assembly and validation
# ==========================================================================
LIVE_RE = re.compile(r"^[a-z' ]+$")


def build(parts):
    text = ""
    ents = []
    for p in parts:
        if isinstance(p, str):
            text += p
        else:
            ents.append({"type": p.type, "start": len(text), "end": len(text) + len(p.text),
                         "text": p.text, "spoken": p.spoken, "_e": p})
            text += p.text
    return text, ents


def check_entity(text, ent, style):
    e = ent["_e"]
    assert text[ent["start"]:ent["end"]] == ent["text"], ent
    assert ent["text"] == ent["text"].strip() and ent["text"], ent
    raw = e.raw
    if e.kind == "selfcorrect":
        return
    if raw is not None and e.type not in ("EMAIL_ADDRESS", "IP_ADDRESS") or e.type == "IP_ADDRESS" and raw and ":" not in raw:
        got = decode_spoken(ent["text"]) if ent["spoken"] else alnum(ent["text"])
        assert got == alnum(raw), (ent["text"], got, raw)
    if e.type == "CREDIT_CARD":
        assert cc_ok(raw), raw
    elif e.type == "IBAN_CODE":
        assert iban_ok(raw), raw
    elif e.type == "ABA_ROUTING_NUMBER":
        assert aba_ok(raw), raw
    elif e.type == "US_SSN":
        assert ssn_ok(raw), raw
    elif e.type == "MEDICAL_RECORD_NUMBER" and e.kind == "nhs":
        assert nhs_ok(raw), raw
    elif e.type == "EMAIL_ADDRESS" and not ent["spoken"]:
        assert re.match(r"^[a-z0-9._]+@[a-z0-9.]+\.[a-z]+$", ent["text"]), ent
    elif e.type == "IP_ADDRESS" and not ent["spoken"] and ":" not in raw:
        assert all(0 <= int(o) <= 255 for o in raw.split(".")) and raw.count(".") == 3
    if style == "live":
        assert ent["spoken"], ent
    if e.type == "PERSON" and e.kind != "spelled":
        assert ent["spoken"] == (style == "live"), ent


def main():
    r = random.Random(SEED)
    names = [f["name"] for f in FRAMES]
    assert len(set(names)) == len(names), "duplicate frame names"
    pos = [f for f in FRAMES if f["kind"] == "pos"]
    neg = [f for f in FRAMES if f["kind"] == "neg"]
    alloc = {}
    for group, total in ((pos, N_TOTAL - N_NEG), (neg, N_NEG)):
        order = list(group)
        r.shuffle(order)
        base, extra = divmod(total, len(order))
        for i, f in enumerate(order):
            alloc[f["name"]] = base + (1 if i < extra else 0)
    assert len(FRAMES) >= 120
    assert max(alloc.values()) <= 4 and min(alloc.values()) >= 1
    assert sum(alloc.values()) == N_TOTAL

    items = []
    seen = set()
    for f in FRAMES:
        for _ in range(alloc[f["name"]]):
            for _try in range(50):
                dom = r.choice(f["domains"])
                text, ents = build(f["fn"](r))
                if text not in seen:
                    break
            else:
                raise AssertionError("could not make a distinct utterance for " + f["name"])
            seen.add(text)
            items.append((f, dom, text, ents))
    r.shuffle(items)

    records = []
    for i, (f, dom, text, ents) in enumerate(items):
        st = f["style"]
        assert dom in DOMAINS
        if st == "live":
            assert LIVE_RE.match(text), (f["name"], text)
            assert "  " not in text, text
        if f["kind"] == "neg":
            assert not ents, f["name"]
        else:
            assert 1 <= len(ents) <= 5, (f["name"], len(ents))
        prev_end = -1
        for ent in ents:
            check_entity(text, ent, st)
            assert ent["start"] >= prev_end, "overlap"
            prev_end = ent["end"]
        rec = {"id": "blind15-%03d" % i, "split": "blind15", "domain": dom,
               "style": "typed" if st == "typed" else "asr", "text": text,
               "entities": [{"type": e["type"], "start": e["start"], "end": e["end"],
                             "text": e["text"], "spoken": e["spoken"]} for e in ents]}
        records.append((rec, st, f["name"]))

    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        for rec, _, _ in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    # re-read and re-verify the file itself
    with open(OUT, encoding="utf-8") as fh:
        lines = [json.loads(l) for l in fh]
    assert len(lines) == N_TOTAL
    for rec in lines:
        assert list(rec) == ["id", "split", "domain", "style", "text", "entities"]
        for e in rec["entities"]:
            assert list(e) == ["type", "start", "end", "text", "spoken"]
            assert rec["text"][e["start"]:e["end"]] == e["text"]

    # summary
    by_type = {t: 0 for t in TYPES}
    spoken = written = 0
    for rec in lines:
        for e in rec["entities"]:
            by_type[e["type"]] += 1
            if e["spoken"]:
                spoken += 1
            else:
                written += 1
    substyle = {}
    for _, st, _ in records:
        substyle[st] = substyle.get(st, 0) + 1
    negs = sum(1 for rec in lines if not rec["entities"])
    long_n = sum(1 for rec in lines if len(rec["text"].split()) >= 60)
    multi = sum(1 for rec in lines if len(rec["entities"]) >= 2)
    doms = {}
    for rec in lines:
        doms[rec["domain"]] = doms.get(rec["domain"], 0) + 1
    print("wrote %s (%d utterances, %d frames, max %d per frame)" % (OUT, len(lines), len(FRAMES), max(alloc.values())))
    print("entities per type:")
    for t in TYPES:
        print("  %-22s %d" % (t, by_type[t]))
    print("entities total: %d  spoken=true: %d  spoken=false: %d" % (spoken + written, spoken, written))
    print("utterances: negatives %d, positives %d, multi-entity %d, long(>=60 words) %d" % (
        negs, len(lines) - negs, multi, long_n))
    print("styles: asr-live %d, asr-whisper %d, typed %d" % (substyle.get("live", 0), substyle.get("whisper", 0),
                                                            substyle.get("typed", 0)))
    print("domains: " + ", ".join("%s %d" % (d, doms.get(d, 0)) for d in DOMAINS))


if __name__ == "__main__":
    main()
