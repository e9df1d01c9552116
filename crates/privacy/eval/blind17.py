#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""blind17 -- independent, labelled PII evaluation set.

Theme: banks, insurers and government benefit lines, US-heavy.
Written blind (without looking at the engine, its data or its tests).

Python 3 standard library only, fixed seed: re-running rewrites the
identical blind17.jsonl next to this file.

Every utterance is assembled from parts (plain strings and entity values),
so character offsets are computed, never typed by hand.  Every entity is
checked: text[start:end] == entity text, checksums (SSN rules, Luhn, IBAN
mod-97, ABA 3-7-1, NHS mod-11), and for numeric values the written or
spoken rendering is decoded back and compared with the canonical value.
"""

import calendar
import collections
import ipaddress
import json
import os
import random
import re
import unicodedata

SEED = 17_2024_0917
SPLIT = "blind17"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "blind17.jsonl")

# ---------------------------------------------------------------- words

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
MONTHS = [calendar.month_name[i] for i in range(13)]


def n2w(n, uk_and=False):
    """Cardinal number in words, 0 <= n < 1e6."""
    assert 0 <= n < 1_000_000
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
            s += (" and " if uk_and else " ") + n2w(rest)
        return s
    th, rest = divmod(n, 1000)
    s = n2w(th, uk_and) + " thousand"
    if rest:
        s += (" and " if (uk_and and rest < 100) else " ") + n2w(rest, uk_and)
    return s


_ORD = {1: "first", 2: "second", 3: "third", 5: "fifth", 8: "eighth", 9: "ninth", 12: "twelfth"}


def ordw(n):
    if n in _ORD:
        return _ORD[n]
    if n < 20:
        return n2w(n) + "th"
    t, o = divmod(n, 10)
    if o == 0:
        return TENS[t][:-1] + "ieth"
    return TENS[t] + " " + ordw(o)


def ord_suffix(n):
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def year_words(y, r):
    if y == 2000:
        return "two thousand"
    if 2001 <= y <= 2009:
        return r.choice(["two thousand " + ONES[y - 2000], "twenty oh " + ONES[y - 2000]])
    hi, lo = divmod(y, 100)
    if lo == 0:
        return n2w(hi) + " hundred"
    if lo < 10:
        return n2w(hi) + " oh " + ONES[lo]
    return n2w(hi) + " " + n2w(lo)


def short_year(y):
    lo = y % 100
    if lo == 0:
        return "two thousand" if y == 2000 else "hundred"
    if lo < 10:
        return "oh " + ONES[lo]
    return n2w(lo)


def zero_pad_words(n):
    return ("oh " + ONES[n]) if n < 10 else n2w(n)


def money_w(d, c=0, cur="dollars", sub="cents"):
    s = n2w(d) + " " + cur
    if c:
        s += " and " + n2w(c) + " " + sub
    return s


def money_t(d, c=None, sym="$"):
    s = f"{sym}{d:,}"
    if c is not None:
        s += f".{c:02d}"
    return s


def strip_accents(s):
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


def asr_text(s):
    """How a live ASR engine writes a name/place: lower case, no punctuation but apostrophes."""
    s = strip_accents(s).lower().replace("-", " ").replace(".", " ")
    return re.sub(r"\s+", " ", s).strip()


# ---------------------------------------------------------------- spoken digits

def say_run(s, zero, dbl):
    words, i = [], 0
    while i < len(s):
        ch = s[i]
        w = ch.lower() if ch.isalpha() else (zero if ch == "0" else ONES[int(ch)])
        run = 1
        while i + run < len(s) and s[i + run] == ch:
            run += 1
        if dbl and run >= 2:
            k = 3 if run == 3 else 2
            words.append(("double " if k == 2 else "triple ") + w)
            i += k
        else:
            words.append(w)
            i += 1
    return " ".join(words)


def say_pairs(s, zero):
    assert len(s) % 2 == 0 and s.isdigit()
    out = []
    for j in range(0, len(s), 2):
        p = s[j:j + 2]
        if p == "00":
            out.append("hundred" if (out and j == len(s) - 2) else zero + " " + zero)
        elif p[0] == "0":
            out.append(zero + " " + ONES[int(p[1])])
        else:
            out.append(n2w(int(p)))
    return " ".join(out)


_WD = {w: i for i, w in enumerate(ONES)}
_WD["oh"] = 0
_TEEN = {w: 10 + i for i, w in enumerate(TEENS)}
_TENW = {TENS[i]: i for i in range(2, 10)}


def decode_spoken(text):
    """Greedy decoder of spoken digits/letters back to a canonical string."""
    toks = text.replace(",", " ").split()
    out, i = [], 0

    def unit(t):
        if t in _WD:
            return str(_WD[t])
        if len(t) == 1 and t.isalpha():
            return t.upper()
        raise ValueError("cannot decode token %r in %r" % (t, text))

    while i < len(toks):
        t = toks[i]
        if t in ("double", "triple"):
            out.append(unit(toks[i + 1]) * (2 if t == "double" else 3))
            i += 2
        elif t in _TEEN:
            out.append(str(_TEEN[t]))
            i += 1
        elif t in _TENW:
            if i + 1 < len(toks) and toks[i + 1] in _WD and toks[i + 1] not in ("zero", "oh"):
                out.append(str(_TENW[t] * 10 + _WD[toks[i + 1]]))
                i += 2
            else:
                out.append(str(_TENW[t] * 10))
                i += 1
        elif t == "hundred":
            out.append("00")
            i += 1
        elif t in ("plus", "dash", "hyphen", "space"):
            i += 1
        else:
            out.append(unit(t))
            i += 1
    return "".join(out)


def chunk(s, sizes):
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    assert i == len(s), (s, sizes)
    return out


# ---------------------------------------------------------------- checksums

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


def luhn_complete(prefix_body):
    for c in "0123456789":
        if luhn_ok(prefix_body + c):
            return prefix_body + c
    raise AssertionError


def card_issuer_ok(num):
    n = len(num)
    if num[0] == "4":
        return n in (13, 16, 19)
    if 51 <= int(num[:2]) <= 55 or 2221 <= int(num[:4]) <= 2720:
        return n == 16
    if num[:2] in ("34", "37"):
        return n == 15
    if num[:4] == "6011" or num[:2] == "65":
        return n == 16
    return False


IBAN_LEN = {"GB": 22, "IE": 22, "DE": 22, "FR": 27, "ES": 24, "NL": 18, "IT": 27}


def _iban_int(s):
    return int("".join(str(int(c, 36)) for c in s))


def iban_make(country, bban):
    chk = 98 - _iban_int(bban + country + "00") % 97
    return f"{country}{chk:02d}{bban}"


def iban_ok(iban):
    return (len(iban) == IBAN_LEN.get(iban[:2], -1)
            and _iban_int(iban[4:] + iban[:4]) % 97 == 1)


def aba_ok(d):
    if len(d) != 9 or not d.isdigit():
        return False
    p = int(d[:2])
    if not (0 <= p <= 12 or 21 <= p <= 32 or 61 <= p <= 72 or p == 80):
        return False
    w = [3, 7, 1] * 3
    return sum(int(c) * k for c, k in zip(d, w)) % 10 == 0


def ssn_ok(d):
    if len(d) != 9 or not d.isdigit():
        return False
    a, g, s = int(d[:3]), int(d[3:5]), int(d[5:])
    return a not in (0, 666) and a < 900 and g != 0 and s != 0


def nhs_ok(d):
    if len(d) != 10 or not d.isdigit():
        return False
    s = sum(int(d[i]) * (10 - i) for i in range(9))
    c = 11 - s % 11
    if c == 11:
        c = 0
    return c != 10 and c == int(d[9])


def nanp_ok(d):
    return (len(d) == 10 and d[0] in "23456789" and d[3] in "23456789"
            and d[1:3] != "11" and d[4:6] != "11")


def phone_ok(canon, region):
    if region in ("US", "CA"):
        if len(canon) == 11:
            return canon[0] == "1" and nanp_ok(canon[1:])
        return nanp_ok(canon)
    if region == "UK":
        if canon.startswith("44"):
            canon = "0" + canon[2:]
        return len(canon) == 11 and canon[0] == "0" and canon[1] in "1237"
    if region == "IE":
        return canon.startswith("353") and len(canon) in (11, 12)
    if region == "AU":
        return canon.startswith("61") and len(canon) == 11
    return False


# ---------------------------------------------------------------- places and names

US_PLACES = [
    # city, state, state name, zip3, area codes
    ("Chicago", "IL", "Illinois", ["606"], ["312", "773"]),
    ("Houston", "TX", "Texas", ["770"], ["713", "832"]),
    ("Phoenix", "AZ", "Arizona", ["850"], ["602", "480"]),
    ("Atlanta", "GA", "Georgia", ["303"], ["404", "678"]),
    ("Columbus", "OH", "Ohio", ["432"], ["614"]),
    ("Charlotte", "NC", "North Carolina", ["282"], ["704", "980"]),
    ("Denver", "CO", "Colorado", ["802"], ["303", "720"]),
    ("Seattle", "WA", "Washington", ["981"], ["206"]),
    ("Boston", "MA", "Massachusetts", ["021"], ["617"]),
    ("Tampa", "FL", "Florida", ["336"], ["813"]),
    ("Sacramento", "CA", "California", ["958"], ["916"]),
    ("Nashville", "TN", "Tennessee", ["372"], ["615"]),
    ("Albany", "NY", "New York", ["122"], ["518"]),
    ("Pittsburgh", "PA", "Pennsylvania", ["152"], ["412"]),
    ("Newark", "NJ", "New Jersey", ["071"], ["973"]),
    ("St. Louis", "MO", "Missouri", ["631"], ["314"]),
    ("Detroit", "MI", "Michigan", ["482"], ["313"]),
    ("Minneapolis", "MN", "Minnesota", ["554"], ["612"]),
    ("Baltimore", "MD", "Maryland", ["212"], ["410"]),
    ("Las Vegas", "NV", "Nevada", ["891"], ["702"]),
]
CA_PLACES = [
    # city, province, FSA letter, area codes
    ("Toronto", "ON", "M", ["416", "647"]),
    ("Vancouver", "BC", "V", ["604", "778"]),
    ("Montreal", "QC", "H", ["514", "438"]),
    ("Calgary", "AB", "T", ["403", "587"]),
    ("Ottawa", "ON", "K", ["613"]),
    ("Halifax", "NS", "B", ["902"]),
    ("Winnipeg", "MB", "R", ["204"]),
]
UK_PLACES = [
    # city, postcode areas, landline prefix
    ("London", ["SW", "SE", "N", "E", "NW"], "020"),
    ("Manchester", ["M"], "0161"),
    ("Leeds", ["LS"], "0113"),
    ("Birmingham", ["B"], "0121"),
    ("Bristol", ["BS"], "0117"),
    ("Glasgow", ["G"], "0141"),
    ("Cardiff", ["CF"], "029"),
    ("Edinburgh", ["EH"], "0131"),
    ("Sheffield", ["S"], "0114"),
    ("Nottingham", ["NG"], "0115"),
    ("Leicester", ["LE"], "0116"),
    ("Liverpool", ["L"], "0151"),
]
IE_PLACES = [("Dublin",), ("Cork",), ("Galway",), ("Limerick",), ("Waterford",)]
AU_PLACES = [("Sydney", "NSW", "2"), ("Melbourne", "VIC", "3"), ("Brisbane", "QLD", "7"),
             ("Perth", "WA", "8"), ("Adelaide", "SA", "8")]
PLACES = {"US": US_PLACES, "CA": CA_PLACES, "UK": UK_PLACES, "IE": IE_PLACES, "AU": AU_PLACES}

STREETS = {
    "US": (["Elm", "Oak Ridge", "Maple", "Cedar Hollow", "Lakeview", "Sycamore", "Willow Creek",
            "Hawthorne", "Magnolia", "Peachtree", "Washington", "Lincoln", "Jefferson", "Madison",
            "Franklin", "Pine Valley", "Birchwood", "Chestnut", "Meadowbrook", "Fullerton",
            "Highland", "Ridgeway", "Martin Luther King Jr", "Spring Garden", "Briarwood"],
           [("Street", "St"), ("Avenue", "Ave"), ("Drive", "Dr"), ("Road", "Rd"), ("Lane", "Ln"),
            ("Court", "Ct"), ("Boulevard", "Blvd"), ("Way", "Way"), ("Place", "Pl"),
            ("Terrace", "Ter"), ("Circle", "Cir"), ("Parkway", "Pkwy")]),
    "UK": (["Kingsley", "Victoria", "Church", "Station", "Mill", "Beechwood", "Albert", "Queens",
            "Hollybush", "Princess", "Whitworth", "Ashfield", "Grange", "Marlborough", "Cavendish"],
           [("Road", "Road"), ("Street", "Street"), ("Lane", "Lane"), ("Close", "Close"),
            ("Crescent", "Crescent"), ("Avenue", "Avenue"), ("Gardens", "Gardens"),
            ("Way", "Way"), ("Drive", "Drive"), ("Grove", "Grove")]),
    "CA": (["Bathurst", "Dundas", "Yonge", "Sherbrooke", "Jasper", "Portage", "Granville",
            "Robson", "Spadina", "Bloor", "Oak Bay"],
           [("Street", "St"), ("Avenue", "Ave"), ("Road", "Rd"), ("Boulevard", "Blvd"),
            ("Drive", "Dr"), ("Crescent", "Cres")]),
    "IE": (["Grafton", "Rathmines", "Griffith", "Shantalla", "Castle", "Barrack", "Mount Eden",
            "Ballymun", "Patrick"],
           [("Street", "Street"), ("Road", "Road"), ("Avenue", "Avenue"), ("Terrace", "Terrace"),
            ("Lane", "Lane")]),
    "AU": (["Collins", "George", "Oxford", "Coronation", "Beach", "Wattle", "Banksia",
            "Jacaranda", "Anzac", "Bourke"],
           [("Street", "St"), ("Road", "Rd"), ("Avenue", "Ave"), ("Parade", "Pde"),
            ("Crescent", "Cres"), ("Drive", "Dr")]),
}

ORIGINS = {
    "anglo": (["Jennifer", "Michael", "Ashley", "Tyler", "Megan", "Raymond", "Brittany", "Cody",
               "Linda", "Gary", "Heather", "Dustin", "Kimberly", "Travis", "Patricia", "Wayne",
               "Courtney", "Brandon"],
              ["Henderson", "Whitaker", "Callahan", "Pruitt", "Morrison", "Sullivan", "Hayes",
               "Brooks", "Fletcher", "Caldwell", "Thornton", "McAllister", "Bishop", "Lambert",
               "Dunbar", "Kessler"]),
    "black_us": (["DeShawn", "Latoya", "Jamal", "Keisha", "Darnell", "Shanice", "Tremaine", "Imani",
                  "Marquis", "Aaliyah", "Terrell", "Ebony"],
                 ["Washington", "Jefferson", "Robinson", "Coleman", "Booker", "Jenkins", "Banks",
                  "Freeman", "Mayfield", "Gaines"]),
    "hispanic": (["Guadalupe", "Carlos", "Xiomara", "Héctor", "Rosa", "Yesenia", "Luis", "Alejandro",
                  "Marisol", "Joaquín", "Esperanza", "Maribel"],
                 ["Ramírez", "Gutiérrez", "Castellanos", "Villanueva", "Ochoa", "Delgado",
                  "Figueroa", "Trujillo", "Sandoval", "Quintero"]),
    "west_african": (["Oluwaseun", "Chiamaka", "Kwame", "Adaeze", "Babatunde", "Efua", "Chinedu",
                      "Folake", "Kofi", "Ngozi"],
                     ["Okafor", "Adeyemi", "Mensah", "Nwosu", "Asante", "Okonkwo", "Boateng", "Eze",
                      "Adebayo"]),
    "indian": (["Priya", "Rahul", "Ananya", "Sanjay", "Deepika", "Lakshmi", "Arjun", "Kavya"],
               ["Raghunathan", "Patel", "Iyer", "Banerjee", "Krishnamurthy", "Reddy", "Mehta"]),
    "sikh": (["Harpreet", "Gurpreet", "Manjit", "Jaswinder", "Simran"], ["Sandhu", "Gill", "Dhillon", "Grewal"]),
    "pak_bangla": (["Farhan", "Imran", "Nusrat", "Ayesha", "Tariq", "Shabnam"],
                   ["Chaudhry", "Hussain", "Siddiqui", "Rahman", "Qureshi"]),
    "chinese": (["Mei", "Wei", "Xiaoling", "Jian", "Lihua"], ["Chen", "Huang", "Liu", "Zhang", "Wong"]),
    "japanese": (["Hiroshi", "Yuki", "Kenji", "Akiko"], ["Tanaka", "Yamamoto", "Sato", "Nakamura"]),
    "korean": (["Soo-jin", "Min-jun", "Ji-woo"], ["Park", "Kim", "Choi"]),
    "vietnamese": (["Thanh", "Minh", "Linh"], ["Nguyen", "Tran", "Pham"]),
    "arabic": (["Omar", "Fatima", "Khalid", "Layla", "Youssef", "Noor", "Hamza", "Rania"],
               ["Haddad", "Mansour", "Khoury", "Saleh", "Nasser", "Aziz"]),
    "polish": (["Wojciech", "Katarzyna", "Tomasz", "Agnieszka", "Marek"], ["Nowak", "Kowalczyk", "Wójcik", "Mazur"]),
    "ukrainian": (["Olena", "Oleksandr", "Dmytro", "Iryna"], ["Shevchenko", "Bondarenko", "Kovalenko", "Melnyk"]),
    "balkan": (["Milan", "Ivana", "Goran", "Jelena"], ["Horvat", "Petrović", "Kovač", "Jurić"]),
    "irish": (["Siobhán", "Declan", "Aoife", "Ciarán", "Niamh", "Pádraig", "Orla", "Eoin", "Saoirse",
               "Cathal"],
              ["O'Sullivan", "Murphy", "Fitzgerald", "Brennan", "Kavanagh", "O'Donoghue", "Byrne",
               "McGrath", "Keane"]),
    "british": (["Oliver", "Charlotte", "Harriet", "Callum", "Imogen", "Rhys", "Bethan", "Alistair",
                 "Gemma", "Nigel", "Kirsty", "Gareth"],
                ["Pemberton", "Ashworth", "Hughes", "Llewellyn", "Cartwright", "Rowntree",
                 "Fairbairn", "Pritchard", "Thwaite", "Entwistle"]),
    "french_ca": (["Jean-François", "Geneviève", "Mathieu", "Isabelle", "Étienne", "Chantal",
                   "Marie-Ève", "Sébastien"],
                  ["Tremblay", "Gagnon", "Bouchard", "Lévesque", "Côté", "Bergeron", "Pelletier"]),
    "aus": (["Bronwyn", "Lachlan", "Kylie", "Jarrah", "Shane", "Tegan", "Hamish", "Matilda", "Brodie"],
            ["McKenzie", "Papadopoulos", "Walsh", "Rossi", "Hartley", "Nguyen", "Kovacs"]),
}
LOC_ORIGINS = {
    "US": ["anglo", "anglo", "black_us", "hispanic", "hispanic", "west_african", "indian", "chinese",
           "korean", "vietnamese", "arabic", "polish", "ukrainian"],
    "UK": ["british", "british", "pak_bangla", "indian", "sikh", "west_african", "polish", "irish", "arabic"],
    "CA": ["anglo", "french_ca", "french_ca", "sikh", "indian", "chinese", "british", "ukrainian"],
    "IE": ["irish", "irish", "irish", "polish", "british", "balkan"],
    "AU": ["aus", "aus", "british", "chinese", "vietnamese", "indian", "japanese"],
}
PARTICLE_NAMES = [("Pieter", "van der Berg"), ("María", "de la Cruz"), ("Omar", "al-Rashid"),
                  ("Ahmad", "bin Ismail"), ("Anna", "van Dijk"), ("Giovanni", "di Stefano"),
                  ("Carlos", "de los Santos"), ("Nadia", "El-Amin"), ("Ludovic", "de Villiers"),
                  ("Hamid", "bin Rashed"), ("Inês", "dos Santos")]
HYPHEN_NAMES = [("Sarah", "Whitfield-Nakamura"), ("Chloe", "Barnes-Okonkwo"),
                ("Louise", "Hughes-Davies"), ("Ellis", "Fraser-Grant"), ("Tom", "Ashby-Mensah"),
                ("Jean-Luc", "Tremblay"), ("Anne-Marie", "Gagnon"), ("Mei-Ling", "Chen"),
                ("Rosa", "Martínez-Ortega"), ("Kai", "Lindqvist-Owusu")]
INITIAL_NAMES = [("J.R.", "Okafor"), ("A.J.", "Castellanos"), ("T.K.", "Mahlangu"),
                 ("D.L.", "Whitaker"), ("M.E.", "Fitzgerald"), ("R.J.", "Banerjee")]
NICKS = [("William", "Bill"), ("Susan", "Sue"), ("Francis", "Frank"), ("Robert", "Bobby"),
         ("Margaret", "Peggy"), ("Elizabeth", "Liz"), ("Mohammed", "Mo"), ("Katherine", "Kate"),
         ("Alejandro", "Alex"), ("Jonathan", "Jon")]
FEMALE = set("""Jennifer Ashley Megan Brittany Linda Heather Kimberly Patricia Courtney Latoya Keisha Shanice
Imani Aaliyah Ebony Guadalupe Xiomara Rosa Yesenia Marisol Esperanza Maribel Chiamaka Adaeze Efua Folake
Ngozi Priya Ananya Deepika Lakshmi Kavya Simran Nusrat Ayesha Shabnam Mei Xiaoling Lihua Akiko Soo-jin
Ji-woo Linh Fatima Layla Noor Rania Katarzyna Agnieszka Olena Iryna Ivana Jelena Siobhán Aoife Niamh Orla
Saoirse Charlotte Harriet Imogen Bethan Gemma Kirsty Geneviève Isabelle Chantal Marie-Ève Bronwyn Kylie
Tegan Matilda María Anna Nadia Inês Sarah Chloe Louise Anne-Marie Mei-Ling Susan Margaret Elizabeth
Katherine""".split())
NEUTRAL = set("Ellis Kai Harpreet Gurpreet Manjit Jaswinder Yuki Thanh Minh Jarrah Brodie".split())


def gender_of(first):
    if "." in first or first in NEUTRAL:
        return "x"
    return "f" if first in FEMALE else "m"

DL_FMT = {
    "IL": "L###-####-####", "TX": "########", "AZ": "L########", "GA": "#########",
    "OH": "LL######", "NC": "############", "CO": "##-###-####", "WA": "WDL*********",
    "MA": "S########", "FL": "L###-###-##-###-#", "CA": "L#######", "TN": "#########",
    "NY": "### ### ###", "PA": "## ### ###", "NJ": "L#### ##### #####", "MO": "L#########",
    "MI": "L ### ### ### ###", "MN": "L############", "MD": "L-###-###-###-###", "NV": "##########",
}
DL_LETTERS = "ABCDEFGHJKLMNPRSTWYZ"

EMAIL_DOMAINS = {
    "US": ["gmail.com", "yahoo.com", "outlook.com", "aol.com", "comcast.net", "icloud.com",
           "hotmail.com"],
    "UK": ["btinternet.com", "hotmail.co.uk", "sky.com", "yahoo.co.uk", "gmail.com"],
    "CA": ["rogers.com", "shaw.ca", "videotron.ca", "gmail.com", "sympatico.ca"],
    "IE": ["eircom.net", "gmail.com", "hotmail.com"],
    "AU": ["bigpond.com", "optusnet.com.au", "gmail.com", "outlook.com.au"],
}


class Name:
    def __init__(self, first, last):
        self.first, self.last = first, last

    @property
    def full(self):
        return f"{self.first} {self.last}"


Ent = collections.namedtuple("Ent", "type text spoken canon info")


# ---------------------------------------------------------------- value generator

class V:
    """Generates entity values rendered for one speaking/writing mode and caller locale."""

    def __init__(self, r, mode, loc):
        self.r, self.mode, self.loc = r, mode, loc
        self.place = r.choice(PLACES[loc])
        self.dbl_p = 0.55 if loc in ("UK", "IE", "AU") else 0.25

    # -- basics
    @property
    def live(self):
        return self.mode == "live"

    def pick(self, seq):
        return self.r.choice(seq)

    def E(self, typ, text, canon=None, spoken=None, info=None):
        return Ent(typ, text, self.live if spoken is None else spoken, canon, info)

    def say(self, groups, pair_idx=(), zero=None, dbl=None):
        """Spoken form of alphanumeric groups; re-rolled until it decodes unambiguously."""
        r = self.r
        target = "".join(groups).upper()
        for attempt in range(40):
            z = zero or r.choice(["oh", "oh", "zero"])
            d = (r.random() < self.dbl_p) if dbl is None else dbl
            parts = []
            for k, grp in enumerate(groups):
                if (k in pair_idx and grp.isdigit() and len(grp) % 2 == 0 and attempt < 30
                        and r.random() < 0.45):
                    parts.append(say_pairs(grp, z))
                else:
                    parts.append(say_run(grp, z, d and attempt < 35))
            txt = " ".join(parts)
            if decode_spoken(txt) == target:
                return txt
        raise AssertionError("no unambiguous rendering for %r" % groups)

    def num(self, lo, hi):
        return self.r.randint(lo, hi)

    def digits(self, n, first_nonzero=True):
        s = str(self.r.randint(1 if first_nonzero else 0, 9))
        return s + "".join(str(self.r.randint(0, 9)) for _ in range(n - 1))

    # -- places
    def city(self):
        c = self.place[0]
        return asr_text(c) if self.live else c

    @property
    def st(self):
        return self.place[1]

    def state_name(self):
        s = self.place[2] if self.loc == "US" else self.place[1]
        return asr_text(s) if self.live else s

    # -- names
    def person(self, kind=None, simple=False, origin=None, gender=None):
        for _ in range(500):
            n = self._person(kind, simple, origin)
            if gender is None or gender_of(n.first) in (gender, "x"):
                return n
        raise AssertionError("no name for gender %s" % gender)

    def _person(self, kind=None, simple=False, origin=None):
        r = self.r
        if kind is None and not simple and origin is None:
            x = r.random()
            kind = "hyphen" if x < 0.08 else ("particle" if x < 0.14 else None)
        if kind == "particle":
            return Name(*r.choice(PARTICLE_NAMES))
        if kind == "hyphen":
            return Name(*r.choice(HYPHEN_NAMES))
        if kind == "initial":
            return Name(*r.choice(INITIAL_NAMES))
        while True:
            o = origin or r.choice(LOC_ORIGINS[self.loc])
            firsts, lasts = ORIGINS[o]
            n = Name(r.choice(firsts), r.choice(lasts))
            if not simple or re.fullmatch(r"[A-Za-z]+", strip_accents(n.last)):
                return n

    def nm(self, s):
        return asr_text(s) if self.live else s

    def full(self, n):
        return self.E("PERSON", self.nm(n.full))

    def first(self, n):
        return self.E("PERSON", self.nm(n.first))

    def last(self, n):
        return self.E("PERSON", self.nm(n.last))

    def lastfirst(self, n):
        return self.E("PERSON", f"{n.last}, {n.first}", spoken=False)

    def spell(self, word):
        toks = []
        for ch in strip_accents(word):
            if ch.isalpha():
                toks.append(ch.lower() if self.live else ch.upper())
            elif ch == "'":
                toks.append("apostrophe")
            elif ch == "-":
                toks.append("hyphen")
        return self.E("PERSON", (" " if self.live else "-").join(toks), spoken=True)

    # -- phone numbers
    def phone(self, loc=None, intl=None):
        r = self.r
        loc = loc or self.loc
        if loc in ("US", "CA"):
            areas = self.place[-1] if (loc == self.loc) else (US_PLACES[0][4] if loc == "US" else CA_PLACES[0][3])
            area = r.choice(areas)
            while True:
                ex = f"{r.randint(2, 9)}{r.randint(0, 9)}{r.randint(0, 9)}"
                if ex[1:] != "11" and ex != "555":
                    break
            line = f"{r.randint(0, 9999):04d}"
            core = area + ex + line
            if self.live:
                pre = r.choices(["", "one ", "plus one "], [8, 1, 1])[0]
                body = self.say([area, ex, line], pair_idx=(2,))
                text, canon = pre + body, ("1" if pre else "") + core
            else:
                fmt = r.choice(["({a}) {e}-{l}", "{a}-{e}-{l}", "{a}.{e}.{l}", "+1 {a} {e} {l}",
                                "1-{a}-{e}-{l}", "({a}) {e}-{l}"])
                text = fmt.format(a=area, e=ex, l=line)
                canon = re.sub(r"\D", "", text)
            return self.E("PHONE_NUMBER", text, canon, info=loc)
        if loc == "UK":
            kind = r.choice(["mob", "mob", "land"])
            if kind == "mob":
                core = "07" + r.choice("4579") + self.digits(8, False)
                groups = [core[:5], core[5:]]
            else:
                pre = self.place[2] if self.loc == "UK" else "020"
                if pre in ("020", "029"):
                    core = pre + r.choice("378" if pre == "020" else "2") + self.digits(7, False)
                    groups = [core[:3], core[3:7], core[7:]]
                else:
                    core = pre + r.choice("2345789") + self.digits(6, False)
                    groups = [core[:4], core[4:7], core[7:]]
            e164 = r.random() < (0.2 if intl is None else (1.0 if intl else 0.0))
            if self.live:
                if e164:
                    g2 = ["44", groups[0][1:]] + groups[1:]
                    text = "plus " + self.say(g2)
                    canon = "44" + core[1:]
                else:
                    text = self.say(groups, pair_idx=(len(groups) - 1,) if len(groups[-1]) == 4 else ())
                    canon = core
            else:
                if e164:
                    text = "+44 " + groups[0][1:] + " " + " ".join(groups[1:])
                else:
                    text = " ".join(groups)
                canon = re.sub(r"\D", "", text)
            return self.E("PHONE_NUMBER", text, canon, info="UK")
        if loc == "IE":
            if r.random() < 0.75:
                groups = ["353", r.choice(["83", "85", "86", "87", "89"]), self.digits(3), self.digits(4, False)]
            else:
                groups = ["353", "1", self.digits(3), self.digits(4, False)]
        elif loc == "AU":
            if r.random() < 0.75:
                groups = ["61", "4" + self.digits(2, False), self.digits(3, False), self.digits(3, False)]
            else:
                groups = ["61", self.place[2] if self.loc == "AU" else "2", self.digits(4), self.digits(4, False)]
        else:
            raise ValueError(loc)
        canon = "".join(groups)
        if self.live:
            text = "plus " + self.say(groups)
        else:
            text = "+" + " ".join(groups)
        return self.E("PHONE_NUMBER", text, canon, info=loc)

    # -- government / financial identifiers
    def ssn_digits(self):
        r = self.r
        while True:
            a = r.randint(1, 899)
            if a == 666:
                continue
            d = f"{a:03d}{r.randint(1, 99):02d}{r.randint(1, 9999):04d}"
            if ssn_ok(d) and d != "123456789":
                return d

    def ssn(self, d=None):
        d = d or self.ssn_digits()
        g = [d[:3], d[3:5], d[5:]]
        if self.live:
            text = self.say(g, pair_idx=(1, 2))
        else:
            text = self.r.choice(["{}-{}-{}", "{}-{}-{}", "{} {} {}", "{}{}{}"]).format(*g)
        return self.E("US_SSN", text, d)

    def card_digits(self, kind=None):
        r = self.r
        kind = kind or r.choice(["visa", "visa", "mc", "mc2", "amex", "disc"])
        if kind == "visa":
            body, n = "4" + self.digits(5, False), 16
        elif kind == "mc":
            body, n = str(r.randint(51, 55)) + self.digits(4, False), 16
        elif kind == "mc2":
            body, n = str(r.randint(2221, 2720)) + self.digits(2, False), 16
        elif kind == "amex":
            body, n = r.choice(["34", "37"]) + self.digits(4, False), 15
        else:
            body, n = "6011" + self.digits(2, False), 16
        body += self.digits(n - 1 - len(body), False)
        return luhn_complete(body)

    def card(self, kind=None):
        d = self.card_digits(kind)
        g = chunk(d, [4, 6, 5] if len(d) == 15 else [4, 4, 4, 4])
        if self.live:
            text = self.say(g)
        else:
            sep = self.r.choice([" ", " ", "-", ""])
            text = sep.join(g)
        return self.E("CREDIT_CARD", text, d)

    def iban_str(self, country):
        r = self.r
        if country == "GB":
            bban = r.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "NAIA"]) + self.digits(6) + self.digits(8, False)
        elif country == "IE":
            bban = r.choice(["AIBK", "BOFI", "IPBS", "ULSB"]) + self.digits(6, False) + self.digits(8, False)
        elif country == "DE":
            bban = self.digits(8) + self.digits(10, False)
        elif country == "ES":
            bban = self.digits(20)
        elif country == "NL":
            bban = r.choice(["ABNA", "RABO", "INGB"]) + self.digits(10, False)
        elif country == "FR":
            bban = self.digits(10) + self.digits(11, False) + self.digits(2, False)
        else:
            raise ValueError(country)
        return iban_make(country, bban)

    def iban(self, country):
        s = self.iban_str(country)
        g = chunk(s, [4] * (len(s) // 4) + ([len(s) % 4] if len(s) % 4 else []))
        if self.live:
            text = self.say([s[:2], s[2:4]] + g[1:], pair_idx=(1,))
        else:
            text = " ".join(g) if self.r.random() < 0.7 else s
        return self.E("IBAN_CODE", text, s)

    def aba_digits(self):
        r = self.r
        p = r.choice(list(range(1, 13)) + list(range(21, 33)))
        d8 = f"{p:02d}" + self.digits(6, False)
        w = [3, 7, 1, 3, 7, 1, 3, 7]
        s = sum(int(c) * k for c, k in zip(d8, w))
        d = d8 + str((10 - s % 10) % 10)
        assert aba_ok(d)
        return d

    def aba(self):
        d = self.aba_digits()
        text = self.say(chunk(d, self.pick([[3, 3, 3], [9], [4, 5]]))) if self.live else d
        return self.E("ABA_ROUTING_NUMBER", text, d)

    def bank(self):
        n = self.r.randint(9, 12)
        d = self.digits(n)
        if self.live:
            sizes = {9: [3, 3, 3], 10: [3, 3, 4], 11: [4, 3, 4], 12: [4, 4, 4]}[n]
            text = self.say(chunk(d, sizes), pair_idx=(2,))
        else:
            text = d
        return self.E("US_BANK_NUMBER", text, d)

    def acct(self, kind):
        r = self.r
        if kind == "policy":
            d = "PH" + self.digits(8)
            groups, typed = ["PH", d[2:6], d[6:]], self.pick(["PH-{}-{}".format(d[2:6], d[6:]), d])
        elif kind == "council":
            d = r.choice(["5", "6", "8"]) + self.digits(7, False)
            groups, typed = chunk(d, [4, 4]), d
        elif kind == "utility":
            d = self.digits(10)
            groups, typed = chunk(d, [4, 4, 2]), self.pick([d, " ".join(chunk(d, [4, 4, 2])), "-".join(chunk(d, [4, 4, 2]))])
        elif kind == "card":
            d = self.digits(11)
            groups, typed = chunk(d, [3, 4, 4]), d
        elif kind == "customer":
            d = r.choice(["C", "CU", "K"]) + self.digits(7)
            groups, typed = [re.match(r"[A-Z]+", d).group(0), re.sub(r"^[A-Z]+", "", d)], d
        else:
            raise ValueError(kind)
        if self.live:
            text = self.say(groups, pair_idx=tuple(range(len(groups))))
        else:
            text = typed
        return self.E("ACCOUNT_NUMBER", text, d, info=kind)

    def dob_parts(self, loc=None, prefix_the=True, years=(1938, 2004)):
        r = self.r
        loc = loc or self.loc
        y = r.randint(*years)
        m = r.randint(1, 12)
        d = r.randint(1, calendar.monthrange(y, m)[1])
        M = MONTHS[m]
        us = loc == "US"
        the = False
        if self.live:
            yw = year_words(y, r)
            ys = short_year(y)
            if us:
                forms = [f"{M.lower()} {ordw(d)} {yw}", f"{M.lower()} {n2w(d)} {yw}",
                         f"{n2w(m)} {n2w(d)} {ys}", f"{zero_pad_words(m)} {zero_pad_words(d)} {yw}",
                         f"{M.lower()} {ordw(d)} {ys}", f"{n2w(m)} {n2w(d)} {yw}"]
                text = r.choice(forms)
            else:
                k = r.randrange(4)
                text = [f"{ordw(d)} of {M.lower()} {yw}", f"{ordw(d)} {M.lower()} {yw}",
                        f"{n2w(d)} {n2w(m)} {ys}", f"{ordw(d)} of {M.lower()} {ys}"][k]
                the = prefix_the and k in (0, 3) and r.random() < 0.7
        elif self.mode == "whisper":
            if us:
                text = r.choice([f"{M} {ord_suffix(d)}, {y}", f"{M} {d}, {y}", f"{m}/{d}/{y}"])
            else:
                k = r.randrange(3)
                text = [f"{ord_suffix(d)} of {M} {y}", f"{d} {M} {y}", f"{d:02d}/{m:02d}/{y}"][k]
                the = prefix_the and k == 0
        else:
            if us:
                text = r.choice([f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y}", f"{M} {d}, {y}",
                                 f"{y}-{m:02d}-{d:02d}", f"{m:02d}-{d:02d}-{y}"])
            else:
                text = r.choice([f"{d:02d}/{m:02d}/{y}", f"{d} {M} {y}", f"{d}/{m}/{y}",
                                 f"{d} {M[:3]} {y}"])
        e = self.E("DATE_OF_BIRTH", text, f"{y:04d}-{m:02d}-{d:02d}")
        return ["the ", e] if the else [e]

    def dob(self, loc=None, years=(1938, 2004)):
        return self.dob_parts(loc, years=years)

    # -- addresses
    def street(self, loc=None):
        r = self.r
        loc = loc or self.loc
        names, types = STREETS[loc]
        name = r.choice(names)
        full_t, abbr = r.choice(types)
        if loc == "US":
            n = r.choice([r.randint(1, 99), r.randint(100, 999), r.randint(1000, 9899), r.randint(10000, 24999)])
        elif loc in ("UK", "IE"):
            n = r.randint(1, 140)
        else:
            n = r.randint(2, 2400)
        direction = ""
        if loc == "US" and r.random() < 0.15 and not name.startswith("Martin"):
            direction = r.choice(["North ", "South ", "East ", "West "])
        if self.live:
            num_s = self.house_words(n)
            text = f"{num_s} {direction.lower()}{asr_text(name)} {full_t.lower()}"
        else:
            t = abbr if (self.mode == "typed" and r.random() < 0.5) else full_t
            if direction and self.mode == "typed" and r.random() < 0.5:
                direction = direction[0] + " "
            text = f"{n} {direction}{name} {t}"
        return self.E("STREET_ADDRESS", re.sub(r"\s+", " ", text), info=loc)

    def house_words(self, n):
        r = self.r
        s = str(n)
        if n < 100:
            return n2w(n)
        opts = [self.say([s], dbl=False)]
        if n < 1000:
            if n % 100 >= 10:
                opts.append(ONES[n // 100] + " " + n2w(n % 100))
            opts.append(n2w(n))
        elif n < 10000:
            hi, lo = divmod(n, 100)
            if lo == 0:
                opts.append(n2w(hi) + " hundred")
            elif lo >= 10:
                opts.append(n2w(hi) + " " + n2w(lo))
            else:
                opts.append(n2w(hi) + " oh " + ONES[lo])
        else:
            hi, lo = divmod(n, 1000)
            if lo >= 100:
                opts.append(n2w(hi) + " " + ONES[lo // 100] + " " + zero_pad_words(lo % 100))
        return r.choice(opts)

    def zip(self, loc=None, plus4=None):
        r = self.r
        loc = loc or self.loc
        if loc == "US":
            z = r.choice(self.place[3] if self.loc == "US" else ["606"]) + self.digits(2, False)
            p4 = (r.random() < 0.25) if plus4 is None else plus4
            if self.live:
                return self.E("ZIP_CODE", self.say([z], dbl=False), z, info="US")
            if p4 and not self.live:
                ext = self.digits(4, False)
                return self.E("ZIP_CODE", f"{z}-{ext}", z + ext, info="US")
            return self.E("ZIP_CODE", z, z, info="US")
        if loc == "CA":
            L = "ABCEGHJKLMNPRSTVWXYZ"
            a = self.place[2] if self.loc == "CA" else "M"
            fsa = a + str(r.randint(1, 9)) + r.choice(L)
            ldu = str(r.randint(0, 9)) + r.choice(L) + str(r.randint(0, 9))
            canon = fsa + ldu
            if self.live:
                return self.E("ZIP_CODE", self.say([fsa, ldu], dbl=False), canon, info="CA")
            return self.E("ZIP_CODE", f"{fsa} {ldu}", canon, info="CA")
        if loc == "UK":
            area = r.choice(self.place[1] if self.loc == "UK" else ["SW"])
            outward = area + str(r.randint(1, 19 if len(area) == 2 else 29))
            inward = str(r.randint(0, 9)) + "".join(r.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2))
            canon = outward + inward
            if self.live:
                return self.E("ZIP_CODE", self.say([outward, inward], pair_idx=()), canon, info="UK")
            return self.E("ZIP_CODE", f"{outward} {inward}", canon, info="UK")
        raise ValueError(loc)

    def us_addr(self, unit=None):
        """street, [unit], city, ST zip -- typed / whisper."""
        parts = [self.street(), ]
        if unit:
            parts.append(", " + unit)
        parts += [", " + self.city() + ", " + self.st + " ", self.zip()]
        return parts

    # -- contact
    def email(self, n, loc=None):
        r = self.r
        loc = loc or self.loc
        f = re.sub(r"[^a-z]", "", strip_accents(n.first).lower())
        l = re.sub(r"[^a-z]", "", strip_accents(n.last).lower())
        yy = f"{r.randint(55, 99)}"
        pats = [
            [("w", f), ("s", "."), ("w", l)],
            [("l", f[0]), ("w", l)],
            [("w", f), ("w", l), ("n", yy)],
            [("w", f), ("s", "_"), ("w", l)],
            [("w", l), ("s", "."), ("l", f[0]), ("n", f"{r.randint(1, 99):02d}")],
            [("w", f), ("n", str(r.randint(1958, 2001)))],
            [("w", f), ("s", "."), ("w", l), ("n", str(r.randint(2, 9)))],
        ]
        pat = r.choice(pats)
        dom = r.choice(EMAIL_DOMAINS[loc])
        typed = "".join(v for _, v in pat) + "@" + dom
        if not self.live:
            return self.E("EMAIL_ADDRESS", typed, typed)
        words = []
        for k, v in pat:
            if k == "w":
                words.append(v)
            elif k == "l":
                words.append(v)
            elif k == "n":
                words.append(say_pairs(v, "oh") if (len(v) == 2 and r.random() < 0.5) else say_run(v, "oh", False))
            else:
                words.append({".": "dot", "_": "underscore", "-": "dash"}[v])
        text = " ".join(words) + " at " + " dot ".join(dom.split("."))
        return self.E("EMAIL_ADDRESS", text, typed)

    def ip(self):
        r = self.r
        o = [r.choice([24, 50, 67, 68, 71, 73, 75, 76, 96, 98, 99, 104, 107, 108, 174, 184, 209]),
             r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)]
        canon = ".".join(map(str, o))
        assert ipaddress.ip_address(canon).is_global
        if not self.live:
            return self.E("IP_ADDRESS", canon, canon)
        words = []
        for x in o:
            s = str(x)
            if x < 100:
                words.append(r.choice([n2w(x), say_run(s, "oh", False)]) if x >= 10 else ONES[x])
            else:
                opts = [say_run(s, r.choice(["oh", "zero"]), False)]
                if x % 100 >= 10:
                    opts.append(ONES[x // 100] + " " + n2w(x % 100))
                words.append(r.choice(opts))
        text = " dot ".join(words)
        return self.E("IP_ADDRESS", text, canon)

    def ip6(self):
        r = self.r
        pre = r.choice(["2601", "2600:1700", "2a02:c7f", "2603:7000", "2605:a601"])
        groups = pre.split(":") + ["%x" % r.randint(1, 0xffff) for _ in range(3 - (len(pre.split(":")) - 1))]
        text = ":".join(groups) + "::" + "%x" % r.randint(1, 0xfff)
        ipaddress.IPv6Address(text)
        return self.E("IP_ADDRESS", text, text)

    # -- ID documents
    def dl(self, state=None):
        r = self.r
        state = state or (self.st if self.loc == "US" else "CA")
        fmt = DL_FMT[state]
        out = []
        for ch in fmt:
            if ch == "L":
                out.append(r.choice(DL_LETTERS))
            elif ch == "#":
                out.append(str(r.randint(0, 9)))
            elif ch == "*":
                out.append(r.choice(DL_LETTERS + "0123456789"))
            else:
                out.append(ch)
        typed = "".join(out)
        canon = re.sub(r"[^A-Z0-9]", "", typed)
        if self.live:
            groups = [g for g in re.split(r"[- ]", typed) if g]
            if len(groups) == 1 and len(groups[0]) >= 8:
                g0 = groups[0]
                lead = re.match(r"[A-Z]*", g0).group(0)
                rest = g0[len(lead):]
                groups = ([lead] if lead else []) + chunk(rest, [3] * (len(rest) // 3) + ([len(rest) % 3] if len(rest) % 3 else []))
            text = self.say(groups)
        else:
            text = typed if r.random() < 0.7 else canon
        return self.E("US_DRIVER_LICENSE", text, canon, info=state)

    def passport(self):
        r = self.r
        if r.random() < 0.5:
            d = self.digits(9)
            groups = chunk(d, [3, 3, 3])
        else:
            d = r.choice("ACEFGHJKLMNPRSTWXZ") + self.digits(8)
            groups = [d[0], d[1:5], d[5:]]
        text = self.say(groups) if self.live else d
        return self.E("US_PASSPORT", text, d)

    def mrn(self):
        n = self.r.choice([7, 8, 8, 9])
        d = self.r.choice(["00", "0", ""]) + self.digits(n)
        d = d[:max(n, len(d) - 1)]
        if self.live:
            sizes = {7: [3, 4], 8: [4, 4], 9: [3, 3, 3], 10: [3, 3, 4]}.get(len(d), [len(d)])
            text = self.say(chunk(d, sizes), pair_idx=(1,))
        else:
            text = d
        return self.E("MEDICAL_RECORD_NUMBER", text, d, info="mrn")

    def nhs(self):
        r = self.r
        while True:
            ds = [r.randint(1, 9)] + [r.randint(0, 9) for _ in range(8)]
            s = sum(ds[i] * (10 - i) for i in range(9))
            c = 11 - s % 11
            c = 0 if c == 11 else c
            if c != 10:
                d = "".join(map(str, ds)) + str(c)
                break
        assert nhs_ok(d)
        g = chunk(d, [3, 3, 4])
        text = self.say(g, pair_idx=(2,)) if self.live else r.choice([" ".join(g), "-".join(g), d])
        return self.E("MEDICAL_RECORD_NUMBER", text, d, info="nhs")


# ---------------------------------------------------------------- frames

FRAMES = []


def frame(domain, mode, loc, n):
    def deco(fn):
        FRAMES.append(dict(name=fn.__name__, domain=domain, mode=mode, loc=loc, n=n, fn=fn))
        return fn
    return deco


def rel_pron(g, options=("wife", "husband", "partner", "mom", "dad")):
    rel = g.pick(list(options))
    pron = {"wife": "her", "husband": "his", "mom": "her", "dad": "his", "partner": "their",
            "son": "his", "daughter": "her", "mum": "her", "mam": "her"}[rel]
    return rel, pron


# ======================= BANK =======================

@frame("bank", "live", "US", 1)
def b01_name_phone(g):
    n = g.person()
    return [g.pick(["yeah hi um", "hi yes", "hello uh yeah", "hey there"]),
            " i'm calling about my checking account my name is ", g.full(n),
            " and uh the phone on file should be ", g.phone()]


@frame("bank", "live", "US", 1)
def b02_ssn(g):
    return [g.pick(["okay hang on", "yeah sure", "um okay so"]), " my social is ", g.ssn(),
            g.pick([" did you get all that", " yeah", " sorry i'm driving"])]


@frame("bank", "live", "US", 1)
def b03_routing_account(g):
    return ["okay so the routing number is ", g.aba(), " and the checking account number is ", g.bank(),
            g.pick([" that's for the direct deposit from my job", " and that's at my credit union",
                    " it's the one on the bottom of the check"])]


@frame("bank", "live", "US", 1)
def b04_card_dispute(g):
    return ["the card number is ", g.card(), " and the charge i'm disputing is like ",
            g.pick(["forty nine ninety nine", "a hundred and twelve dollars", "eighty six bucks"]),
            " from some website i've never heard of"]


@frame("bank", "live", "US", 1)
def b05_first_last_spelled(g):
    n = g.person(simple=True)
    return ["first name ", g.first(n), " last name ", g.last(n), " that's ", g.spell(n.last),
            g.pick([" yeah", " got it", " correct"])]


@frame("bank", "live", "US", 1)
def b06_joint_spouse(g):
    rel, pron = rel_pron(g, ("wife", "husband"))
    n = g.person(gender="f" if rel == "wife" else "m")
    return ["i want to add my ", rel, " to the account as a joint holder ", pron, " name is ", g.full(n),
            " and ", pron, " social is ", g.ssn()]


@frame("bank", "live", "US", 1)
def b07_nickname(g):
    formal, nick = g.pick(NICKS)
    last = g.person(simple=True).last
    return ["the account's under ", g.E("PERSON", asr_text(formal + " " + last)),
            " but everybody calls me ", g.E("PERSON", asr_text(nick)),
            " so that's probably what's on the old card"]


@frame("bank", "live", "US", 1)
def b08_selfcorrect_phone(g):
    ph = g.phone()
    frag = decode_spoken(ph.text)
    core = frag[-10:]
    frag_words = say_run(core[:4] + str((int(core[4]) + g.num(1, 7)) % 10), "oh", False)
    return ["my cell is ", frag_words, g.pick([" sorry let me start over it's ", " no wait hold on it's "]), ph]


@frame("bank", "live", "US", 1)
def b09_dob_address(g):
    return ["date of birth is ", g.dob(), " and the address is ", g.street(), " ", g.city(), " ", g.zip()]


@frame("bank", "live", "US", 1)
def b10_long_fraud(g):
    n = g.person()
    return ["hi yeah so um i got a text saying there was a charge on my debit card for like ",
            g.pick(["eight hundred", "nine hundred and forty", "six hundred"]),
            " dollars at some electronics store in ", g.pick(["houston", "san antonio", "orlando"]),
            " and i've never even been there so i called the number on the back of the card and they"
            " transferred me here um my name is ", g.full(n), " my date of birth is ", g.dob(),
            " and the number you'd have for me is ", g.phone(),
            " i still have the card in my wallet so nobody stole it i just want it cancelled and a new one sent to ",
            g.street(), " in ", g.city()]


@frame("bank", "live", "US", 1)
def b11_passport(g):
    return [g.pick(["i don't have my license on me", "my license is expired"]),
            " but i can give you my passport number it's ", g.passport()]


@frame("bank", "live", "US", 1)
def b12_card_services_acct(g):
    return ["my card services account number is ", g.acct("card"),
            g.pick([" and the payment i sent on the first still isn't showing",
                    " i'm calling because the autopay failed"])]


@frame("bank", "live", "US", 1)
def b13_particle_name(g):
    n = g.person(kind="particle")
    k = len(asr_text(n.last).split())
    return ["the name on the account is ", g.full(n), " and the last name is ", n2w(k),
            " words ", g.pick(["people always get that wrong", "so it might be under the wrong letter"])]


@frame("bank", "live", "US", 1)
def b14_email_spoken(g):
    n = g.person()
    return ["can you just email me the statement instead it's ", g.email(n)]


@frame("bank", "live", "UK", 1)
def b15_uk_iban_son(g):
    rel = g.pick(["son", "daughter"])
    pron = "he" if rel == "son" else "she"
    n = g.person(gender="m" if rel == "son" else "f")
    return ["i'm trying to send money to my ", rel, " at uni the iban ", pron, " gave me is ", g.iban("GB"),
            " and the name on it is ", g.full(n)]


@frame("bank", "live", "CA", 1)
def b16_ca_postal(g):
    n = g.person()
    return ["hi my name's ", g.full(n), " i'm calling from ", g.city(),
            " and i just moved my new postal code is ", g.zip()]


@frame("bank", "live", "IE", 1)
def b17_ie_dob(g):
    n = g.person()
    return ["it's ", g.full(n), " and my date of birth is ", g.dob()]


@frame("bank", "live", "AU", 1)
def b18_au_mobile(g):
    n = g.person()
    return ["yeah g'day it's ", g.first(n), " here my mobile's ", g.phone(), " if you need to ring me back"]


@frame("bank", "live", "UK", 1)
def b19_uk_missed_call(g):
    n = g.person()
    return ["hiya it's ", g.full(n), " i had a missed call from you this morning on ", g.phone(),
            " about my card"]


@frame("bank", "whisper", "US", 1)
def b20_w_address_change(g):
    n = g.person()
    return ["Hi, this is ", g.full(n), ". I need to update my mailing address to ",
            g.us_addr(unit=g.pick(["Apt 4B", "Unit 12", "Apt 207", "Suite 3"])), "."]


@frame("bank", "whisper", "US", 3)
def b21_w_ssn_routing(g):
    return ["Yeah, my Social is ", g.ssn(), ". And the routing number on my checks is ", g.aba(), "."]


@frame("bank", "whisper", "US", 1)
def b22_w_ip(g):
    return ["Online banking locked me out, and it says my IP address ", g.ip(),
            " was flagged. That's just my home Wi-Fi."]


@frame("bank", "whisper", "US", 1)
def b23_w_joint(g):
    rel, pron = rel_pron(g, ("mom", "dad"))
    n = g.person(gender="f" if rel == "mom" else "m")
    return ["My ", rel, ", ", g.full(n), ", is on the account too. ", pron.capitalize(), " cell is ", g.phone(), "."]


@frame("bank", "whisper", "UK", 3)
def b24_w_uk_email(g):
    n = g.person()
    return ["Hi, it's ", g.full(n), ". Could you send the forms to ", g.email(n), "? Thanks."]


@frame("bank", "whisper", "CA", 1)
def b25_w_ca_spelled(g):
    n = g.person(simple=True)
    return ["My last name is ", g.last(n), ", that's ", g.spell(n.last), "."]


@frame("bank", "whisper", "IE", 3)
def b26_w_ie_iban(g):
    n = g.person()
    ib = g.iban("IE")
    bank = {"AIBK": "AIB", "BOFI": "Bank of Ireland", "IPBS": "PTSB", "ULSB": "Ulster Bank"}[ib.canon[4:8]]
    return ["The IBAN is ", ib, ", it's with ", bank,
            ". The account's in my name, ", g.full(n), "."]


@frame("bank", "typed", "US", 1)
def b27_t_chat_card_dob(g):
    return ["Agent: Can you confirm the card number you're disputing?\nCustomer: ", g.card(),
            "\nAgent: Thanks. And your date of birth?\nCustomer: ", g.dob()]


@frame("bank", "typed", "US", 1)
def b28_t_note_verified(g):
    n = g.person()
    return ["Caller ", g.full(n), " verified via DOB ", g.dob(), " + last 4 SSN. Requested wire recall (ref WR-",
            str(g.num(10000, 99999)), "). Callback # ", g.phone(), "."]


@frame("bank", "typed", "US", 3)
def b29_t_form_applicant(g):
    n = g.person()
    return ["Applicant: ", g.lastfirst(n), "\nDOB: ", g.dob(), "\nSSN: ", g.ssn(), "\nHome address: ", g.us_addr()]


@frame("bank", "typed", "US", 1)
def b30_t_chat_wire(g):
    amt = g.num(5, 60) * 100
    return ["Customer: pls send it to routing ", g.aba(), " acct ", g.bank(),
            " - it's my checking at ", g.pick(["Wells Fargo", "Chase", "US Bank"]),
            "\nAgent: Got it. And the amount?\nCustomer: ", money_t(amt)]


@frame("bank", "typed", "UK", 3)
def b31_t_uk_email_card(g):
    n = g.person()
    return ["Subject: Unrecognised payment\n\nDear Sir/Madam,\nThere is a payment of £",
            f"{g.num(12, 240)}.{g.num(0, 99):02d}", " I don't recognise on my card ", g.card(g.pick(["visa", "mc"])),
            ". Please call me on ", g.phone(), ".\n\nKind regards,\n", g.full(n)]


@frame("bank", "typed", "IE", 3)
def b32_t_ie_email_iban(g):
    n = g.person()
    return ["Hello,\nPlease change my direct debit to IBAN ", g.iban("IE"), ". My mobile is ", g.phone(),
            " if you need to confirm.\nThanks,\n", g.full(n)]


@frame("bank", "typed", "US", 1)
def b33_t_initials_note(g):
    n = g.person(kind="initial")
    return ["Spoke w/ ", g.full(n), " re: overdraft fee reversal ($35.00). Email on file updated to ",
            g.email(Name(n.first.replace(".", ""), n.last)), "."]


@frame("bank", "typed", "CA", 1)
def b34_t_ca_form(g):
    n = g.person()
    return ["Name: ", g.full(n), "\nAddress: ", g.street(), ", ", g.city(), ", ", g.st, " ", g.zip(),
            "\nPhone: ", g.phone()]


@frame("bank", "typed", "US", 1)
def b35_t_ipv6(g):
    n = g.person()
    return ["Fraud review: login from ", g.ip6(), " matches customer's home ISP. ", g.full(n),
            " confirmed the device by phone."]


@frame("bank", "whisper", "US", 1)
def b36_w_dob_email(g):
    n = g.person()
    return ["Sure. Date of birth is ", g.dob(), ", and the email should be ", g.email(n), "."]


@frame("bank", "live", "US", 1)
def b37_card_group_expiry(g):
    return ["okay the card is ", g.card(), " expiration ", g.pick(["oh four twenty seven", "eleven twenty six", "oh nine twenty eight"]),
            " and the little code on the back is ", g.pick(["four one two", "seven seven oh", "three eight nine"])]


@frame("bank", "live", "UK", 3)
def b38_uk_debit_card(g):
    return ["can i pay the arrears with my debit card the long number is ", g.card(g.pick(["visa", "mc"])),
            g.pick([" and it runs out next march", " it's the one with the green stripe"])]


@frame("bank", "whisper", "US", 2)
def b39_w_savings_acct(g):
    return ["Please move it into my savings. The savings account number is ", g.bank(),
            ", same routing number, ", g.aba(), "."]


@frame("bank", "typed", "US", 3)
def b40_t_id_verified(g):
    return ["ID verified in branch: US passport #", g.passport(), ", exp ", str(g.num(2027, 2034)), "; DL ", g.dl(),
            " (", g.st, ") scanned to file."]


# -- bank negatives

@frame("bank", "live", "US", 2)
def bn01_balance(g):
    return [g.pick(["okay so", "alright so", "yeah so"]), " your available balance is ",
            money_w(g.num(120, 9800), g.num(1, 99)), " and there's a pending charge of ",
            money_w(g.num(12, 240)), " from ", g.pick(["the gas station", "amazon", "a restaurant on friday"])]


@frame("bank", "live", "US", 1)
def bn02_apr(g):
    return ["why did my apr go up to ", g.pick(["twenty four point nine nine", "twenty nine point nine nine", "twenty two point four"]),
            " percent i've had this card since ", year_words(g.num(2009, 2019), g.r), " and never missed a payment"]


@frame("bank", "live", "US", 2)
def bn03_words_names(g):
    return [g.pick(["i got the bill and i will pay it but i'm gonna be frank with you i want that late fee marked as disputed",
                    "look i'm not trying to sue anybody i just want someone to chase down where my deposit went",
                    "can you mark that one as fraud and will the bill still come out on the fifteenth",
                    "i'll be honest with you the grant money hasn't come in yet so can the bill wait till friday"])]


@frame("bank", "live", "US", 2)
def bn04_card_ending(g):
    return ["yeah the card ending in ", say_run(g.digits(4), "oh", False), " that's the one i lost ",
            g.pick(["at the gym", "on the bus", "at the airport on tuesday"])]


@frame("bank", "live", "US", 2)
def bn05_chase(g):
    return ["i moved everything over from chase last ", g.pick(["year", "spring", "fall"]),
            " and now the transfer of ", money_w(g.num(200, 4000)), " is just stuck on pending"]


@frame("bank", "live", "US", 1)
def bn06_mortgage(g):
    return ["it's a thirty year fixed at ", g.pick(["six point eight seven five", "seven point one two five", "five point nine nine"]),
            " and the payment's ", g.pick(["twenty one forty three", "eighteen sixty", "two thousand and twelve"]),
            " a month plus escrow"]


@frame("bank", "live", "US", 1)
def bn07_wire_conf(g):
    return ["the wire confirmation number is ", g.pick(["f w", "w r", "c f"]), " ",
            say_run(g.digits(7), "oh", False), " and it went out ", g.pick(["tuesday", "yesterday", "on the ninth"])]


@frame("bank", "live", "UK", 2)
def bn08_uk_sort_code(g):
    return ["the bank's sort code is ", g.pick(["forty forty seventy eight", "twenty oh oh oh oh", "thirty ninety forty seven"]),
            " that's printed on the letter but i haven't got my own details in front of me"]


@frame("bank", "live", "AU", 2)
def bn09_au_term_deposit(g):
    return ["what's the rate on the ", g.pick(["twelve month", "six month", "two year"]),
            " term deposit is it still ", g.pick(["four point three five", "four point one", "three point nine"]), " percent"]


@frame("bank", "live", "CA", 3)
def bn10_ca_tim(g):
    return [g.pick(["i was at tim hortons on saturday and the tap didn't work it said declined for like six bucks",
                    "my interac e transfer of three hundred and forty dollars to my landlord is still pending since monday",
                    "the t d atm on queen street ate my card and it's the only one i've got"])]


@frame("bank", "live", "US", 1)
def bn11_sallie(g):
    return [g.pick(["sallie mae", "navient", "fannie mae"]), " takes ", g.pick(["two eighty nine", "three twelve", "one ninety five"]),
            " out on the fifth and then my rent comes out on the first so i keep overdrafting"]


@frame("bank", "whisper", "US", 3)
def bn12_w_schwab(g):
    return [g.pick(["I want to move my IRA from Charles Schwab to Morgan Stanley. Is there a transfer fee?",
                    "My brokerage is with Edward Jones, but the 401(k) rollover check came from Fidelity.",
                    "I'm moving about $40,000 from Morgan Stanley into a CD with you guys. What's the 12-month rate?"])]


@frame("bank", "whisper", "US", 2)
def bn13_w_dispute_ref(g):
    return ["The reference number for the dispute is ", f"{g.digits(4)}-{g.digits(4, False)}-{g.digits(4, False)}",
            ", and it was for ", money_t(g.num(20, 300), g.num(0, 99)), " on ", g.pick(["June 3rd", "May 28th", "April 14th"]), "."]


@frame("bank", "whisper", "US", 2)
def bn14_w_ss_deposit(g):
    return ["I'm ", str(g.num(62, 81)), ", and my Social Security deposit of ", money_t(g.num(1100, 2400)),
            " usually lands on the ", g.pick(["second", "third", "fourth"]), " Wednesday."]


@frame("bank", "whisper", "UK", 1)
def bn15_w_uk_lincoln(g):
    return ["The Lincoln branch closed in March, so do I have to go all the way to Grantham now to pay in cheques?"]


@frame("bank", "typed", "US", 1)
def bn16_t_overdraft(g):
    return ["Customer: why was I charged a $35 overdraft fee on ", f"{g.num(1, 12)}/{g.num(1, 28)}",
            "?\nAgent: The debit posted at ", f"{g.num(10, 11)}:{g.num(10, 59)} PM",
            ", after the 10 PM cutoff. I can refund it once as a courtesy."]


@frame("bank", "typed", "US", 1)
def bn17_t_app_version(g):
    return ["Ticket #", str(g.num(100000, 999999)), ": customer reports mobile app v",
            f"{g.num(4, 7)}.{g.num(10, 30)}.{g.num(0, 9)}.{g.num(1, 40)}", " crashes at login on iOS 17.",
            str(g.num(1, 5)), "."]


@frame("bank", "typed", "US", 1)
def bn18_t_cd(g):
    return ["Case ", f"{g.num(2023, 2025)}-{g.num(100000, 999999)}", ": CD matures ",
            f"{g.num(1, 12):02d}/{g.num(1, 28):02d}/{g.num(2025, 2027)}", ", ",
            g.pick(["4.75", "4.40", "5.05"]), "% APY, auto-renew declined by customer."]


@frame("bank", "typed", "UK", 1)
def bn19_t_uk_standing_order(g):
    return ["Please cancel the standing order of £250 a month that I set up on 1 February 2023 for the "
            "rent. Thanks."]


@frame("bank", "typed", "US", 1)
def bn20_t_jenny_craig(g):
    return [g.pick(["Customer disputes recurring charge from Jenny Craig ($129.99 x 3). Merchant contacted 04/22; "
                    "provisional credit issued.",
                    "Cust. asked why Ben & Jerry's charge of $18.40 posted twice on 5/11. One is a pre-auth hold; "
                    "should drop off in 3-5 business days.",
                    "Declined txn at Dick's Sporting Goods ($212.56) - fraud rule 14B. Customer confirmed legit; "
                    "rule override 24 hrs."])]


@frame("bank", "live", "US", 2)
def bn21_washington_branch(g):
    return [g.pick(["is the branch on washington street still open on saturdays or do i have to go to the one by the lincoln memorial",
                    "i'm at the atm on jefferson avenue by the walgreens and it's saying out of service",
                    "which branch is closer to me the one in franklin or the one out by the jackson mall"])]


# ======================= INSURANCE =======================

@frame("insurance", "live", "US", 1)
def i01_policyholder_acct(g):
    n = g.person()
    return [g.pick(["yes", "yeah hi", "um yes"]), " my name is ", g.full(n), " and my policyholder account number is ",
            g.acct("policy")]


@frame("insurance", "live", "US", 1)
def i02_beneficiary(g):
    rel = g.pick(["daughter", "son"])
    pron = "her" if rel == "daughter" else "his"  # beneficiary
    n = g.person(gender="f" if rel == "daughter" else "m")
    return ["i'd like to change the beneficiary to my ", rel, " ", g.full(n), " ", pron, " date of birth is ", g.dob(years=(1966, 2004))]


@frame("insurance", "live", "US", 1)
def i03_adjuster(g):
    a = g.person(gender="f")
    b = g.person(gender="f")
    return ["the adjuster was ", g.full(a), " i think or maybe it was ", g.first(b),
            " anyway she said she'd call me back by ", g.pick(["friday", "end of day", "monday"])]


@frame("insurance", "live", "US", 1)
def i04_husband_bill(g):
    formal, nick, rel = g.pick([("bill", "bill", "husband"), ("sue", "sue", "wife"), ("frank", "frank", "husband"),
                                ("will", "will", "husband")])
    last = asr_text(g.person(simple=True).last)
    pron, veh = ("his", "truck") if rel == "husband" else ("her", "car")
    return ["it's my ", rel, " ", g.E("PERSON", nick), "'s ", veh, " so the title's in ", pron, " name ",
            g.E("PERSON", formal + " " + last)]


@frame("insurance", "live", "US", 1)
def i05_card_deductible(g):
    return ["i'll just pay the ", g.pick(["five hundred", "two fifty", "thousand dollar"]), " deductible on my card it's ", g.card()]


@frame("insurance", "live", "US", 1)
def i06_employer_contact(g):
    pron = g.pick(["her", "his"])
    n = g.person(gender="f" if pron == "her" else "m")
    return ["for the short term disability my h r contact is ", g.full(n), " and ",
            pron, " direct line is ", g.phone()]


@frame("insurance", "live", "US", 1)
def i07_pet(g):
    n = g.person()
    return ["the dog's name is ", g.pick(["buster", "charlie", "murphy", "bella"]), " he's a ",
            g.pick(["beagle", "lab mix", "golden"]), " and my name is ", g.full(n)]


@frame("insurance", "live", "US", 1)
def i08_john_hancock(g):
    n = g.person()
    return ["my life insurance is with ", g.pick(["john hancock", "lincoln financial"]),
            " but this is about the car my name is ", g.full(n)]


@frame("insurance", "live", "US", 1)
def i09_long_accident(g):
    a = g.person(gender="m")
    me = g.person()
    return ["okay so i was sitting at the light on ", g.pick(["magnolia and fifth", "washington and main", "sixth and grant"]),
            " around ", g.pick(["five thirty", "seven fifteen", "quarter to nine"]),
            " and this guy in a pickup just rear ends me and he was really nice about it actually he got out and said"
            " it was his fault and he gave me his name ", g.full(a), " and his number ", g.phone(),
            " but i didn't take a picture of his insurance card and now he's not picking up um the car's drivable"
            " but the bumper's hanging off and my neck's kind of sore oh and i'm ", g.full(me)]


@frame("insurance", "live", "US", 1)
def i10_dl(g):
    return ["my license number is ", g.dl(), " ", g.state_name(), g.pick([" it's on the card", "", " if that helps"])]


@frame("insurance", "live", "US", 1)
def i11_ssn_deceased(g):
    return ["for the life claim they asked for his social it's ", g.ssn(), " he passed in ",
            g.pick(["march", "january", "the fall"])]


@frame("insurance", "live", "US", 1)
def i12_zip_quote(g):
    return ["i just want a quote for ", g.pick(["renters", "homeowners", "auto"]), " insurance my zip code is ", g.zip()]


@frame("insurance", "live", "IE", 1)
def i13_ie_mam(g):
    n = g.person(gender="f")
    return ["the policy holder is my mam ", g.full(n), " and her date of birth is ", g.dob()]


@frame("insurance", "live", "AU", 3)
def i14_au_email(g):
    n = g.person()
    return ["yeah my email's ", g.email(n), " for the renewal notice"]


@frame("insurance", "live", "UK", 1)
def i15_uk_postcode(g):
    return ["my postcode's ", g.zip(), " and it's number ", n2w(g.num(2, 90)), " on the same road"]


@frame("insurance", "live", "CA", 1)
def i16_ca_quebec(g):
    n = g.person(origin="french_ca")  # any gender
    return ["bonjour sorry my name is ", g.full(n), " and my phone number is ", g.phone()]


@frame("insurance", "live", "UK", 1)
def i17_uk_moved(g):
    return ["i've moved to ", g.street(), " in ", g.city(), " postcode ", g.zip()]


@frame("insurance", "whisper", "US", 1)
def i18_w_other_driver(g):
    pron = g.pick(["her", "his"])
    n = g.person(gender="f" if pron == "her" else "m")
    return ["The other driver was ", g.full(n), ", and ", pron, " phone number is ", g.phone(), "."]


@frame("insurance", "whisper", "US", 3)
def i19_w_ssn_dob(g):
    return ["My SSN is ", g.ssn(), ", and my date of birth is ", g.dob(), "."]


@frame("insurance", "whisper", "US", 1)
def i20_w_passport(g):
    return ["For the travel policy, my passport number is ", g.passport(), ", and it expires in ",
            str(g.num(2027, 2033)), "."]


@frame("insurance", "whisper", "US", 1)
def i21_w_statefarm_spelled(g):
    n = g.person(simple=True, gender="m")
    return ["His insurance was with State Farm. His name was ", g.full(n), ", spelled ", g.spell(n.last), "."]


@frame("insurance", "whisper", "CA", 2)
def i22_w_ca_address(g):
    return ["I'm at ", g.street(), ", unit ", str(g.num(101, 2409)), ", ", g.city(), ", ", g.st, " ", g.zip(), "."]


@frame("insurance", "whisper", "UK", 1)
def i23_w_uk_name_phone(g):
    n = g.person()
    return ["It's ", g.full(n), ". Best number is ", g.phone(), ", any time after two."]


@frame("insurance", "typed", "US", 1)
def i24_t_fnol_form(g):
    n = g.person()
    return ["Claimant: ", g.lastfirst(n), "\nDOB: ", g.dob(), "\nDriver License: ", g.dl(), " (", g.st, ")\nIncident date: ",
            f"{g.num(1, 12):02d}/{g.num(1, 28):02d}/2024", "\nClaim #: CLM-", str(g.num(1000000, 9999999))]


@frame("insurance", "typed", "US", 1)
def i25_t_hail_note(g):
    n = g.person()
    return ["Insured ", g.full(n), " (DOB ", g.dob(), ") called re: hail damage on 4/2 at ", g.us_addr(),
            ". Deductible $1,000."]


@frame("insurance", "typed", "US", 1)
def i26_t_chat_email(g):
    n = g.person()
    return ["Customer: can you update my email to ", g.email(n), "\nAgent: Done! You'll get a confirmation shortly."]


@frame("insurance", "typed", "IE", 3)
def i27_t_ie_settlement(g):
    n = g.person()
    return ["Hi,\nPlease pay the settlement for claim ", str(g.num(40000, 49999)), " into IBAN ", g.iban("IE"),
            ". Account name ", g.full(n), ".\nThanks"]


@frame("insurance", "typed", "UK", 1)
def i28_t_uk_address(g):
    n = g.person()
    return ["Hello, please update my address to ", g.street(), ", ", g.city(), " ", g.zip(),
            " from 1 June. Policy change ref PCR-", str(g.num(10000, 99999)), ".\n", g.full(n)]


@frame("insurance", "typed", "US", 1)
def i29_t_beneficiary_form(g):
    a, b = g.person(), g.person(gender="m")
    return ["Primary beneficiary: ", g.full(a), " (spouse)\nBeneficiary DOB: ", g.dob(), "\nContingent: ", g.full(b), " (son)"]


@frame("insurance", "typed", "AU", 1)
def i30_t_au_chat(g):
    n = g.person()
    return ["Customer: hi it's ", g.full(n), ", mobile ", g.phone(), "\nAgent: Thanks ", g.first(n),
            ", how can I help with your policy today?"]


@frame("insurance", "typed", "UK", 1)
def i31_t_uk_long_complaint(g):
    n = g.person()
    return ["Subject: Complaint about my claim\n\nTo whom it may concern,\nI reported water damage to my kitchen"
            " on 3 March and I have now been waiting seven weeks for someone to visit. The first surveyor"
            " cancelled twice and the second never turned up. My ceiling is still stained and the flooring"
            " is lifting. I pay £46 a month and have never claimed before. Please can someone senior call me"
            " on ", g.phone(), " or write to me at ", g.street(), ", ", g.city(), " ", g.zip(),
            ".\n\nYours faithfully,\n", g.full(n)]


@frame("insurance", "live", "US", 1)
def i32_dl_dob(g):
    return ["um the license is ", g.dl(), " and date of birth ", g.dob()]


@frame("insurance", "whisper", "CA", 3)
def i33_w_ca_card(g):
    return ["Can I put the premium on my Visa? It's ", g.card("visa"), "."]


@frame("insurance", "typed", "US", 1)
def i34_t_payment_card(g):
    n = g.person()
    return ["Payment taken by phone: card ", g.card(), ", exp ", f"{g.num(1, 12):02d}/{g.num(26, 30)}",
            ", cardholder ", g.full(n), ". Amount ", money_t(g.num(150, 900), g.num(0, 99)), "."]


@frame("insurance", "live", "US", 1)
def i35_two_passports(g):
    return ["we're going to ", g.pick(["cancun", "italy", "the bahamas"]), " in ", g.pick(["june", "december"]),
            " and i need the travel coverage my passport number is ", g.passport(), " and my husband's is ", g.passport()]


@frame("insurance", "whisper", "US", 1)
def i36_w_dl(g):
    return ["My driver's license number is ", g.dl(), ", ", g.state_name(), ". I just renewed it in ",
            g.pick(["January", "May", "October"]), "."]


# -- insurance negatives

@frame("insurance", "live", "US", 1)
def in01_deductible(g):
    return ["so the deductible is ", g.pick(["five hundred", "two fifty", "a thousand"]), " for collision and ",
            g.pick(["a thousand", "five hundred", "fifteen hundred"]), " for comprehensive right"]


@frame("insurance", "live", "US", 2)
def in02_vehicle(g):
    return ["it's a ", year_words(g.num(2011, 2023), g.r), " ", g.pick(["honda civic", "ford f one fifty", "toyota rav four", "chevy malibu"]),
            " with about ", n2w(g.num(21, 140)), " thousand miles on it"]


@frame("insurance", "live", "US", 1)
def in03_vin(g):
    return ["the last six of the vin are ", say_run(g.digits(6), "oh", False), " and it's the ",
            g.pick(["gray one", "blue one", "one in the driveway"])]


@frame("insurance", "live", "US", 1)
def in04_premium(g):
    return ["my premium went from ", g.pick(["one eighty seven", "one forty two", "two oh five"]), " to ",
            g.pick(["two twelve", "two forty", "one ninety eight"]), " a month and nobody told me why"]


@frame("insurance", "live", "US", 2)
def in05_pcr(g):
    return ["the policy change reference you gave me was p c r ", say_run(g.digits(5), "oh", False),
            " and it still says pending"]


@frame("insurance", "live", "US", 1)
def in06_grant_will(g):
    return [g.pick(["will you grant me an extension on the payment i get paid on the twentieth",
                    "i was hoping you'd grant me a few more days i will have it by the twenty fifth",
                    "the hunter next door hit my fence with his truck will that go on my policy or his"])]


@frame("insurance", "live", "US", 1)
def in07_stlouis_hunter(g):
    return ["we're out in ", g.pick(["st louis", "fort worth", "jackson"]), " and the guy from ",
            g.pick(["hunter roofing", "mark's roofing", "grant brothers construction"]),
            " said the whole thing's about ", g.pick(["eleven grand", "nine thousand", "fourteen five"])]


@frame("insurance", "live", "AU", 2)
def in08_au_hail(g):
    return ["the hail came through on the ", ordw(g.num(2, 28)), " around ", g.pick(["four", "three thirty", "half five"]),
            " in the afternoon and smashed the windscreen and both side mirrors"]


@frame("insurance", "live", "US", 2)
def in09_tow(g):
    return [g.pick(["the tow was like forty two miles and they charged me three eighty five is that covered under roadside",
                    "roadside says it's seventy five bucks per tow after the first three is that per year or per car",
                    "the rental place wants forty nine a day and the policy only covers thirty five right"])]


@frame("insurance", "whisper", "US", 2)
def in10_w_accident(g):
    return ["The accident happened on ", g.pick(["March 3rd", "February 11th", "July 22nd"]), " around ",
            g.pick(["5:30 PM", "7:15 in the morning", "noon"]), " at ", g.pick(["Lincoln and Jefferson", "Washington and 5th", "Madison and Grant"]), "."]


@frame("insurance", "whisper", "UK", 2)
def in11_w_uk_excess(g):
    return ["The excess is £", g.pick(["250", "350", "500"]), " and the no-claims discount is ",
            g.pick(["60", "65", "70"]), " percent after ", g.pick(["five", "nine", "four"]), " years, is that right?"]


@frame("insurance", "whisper", "US", 3)
def in12_w_dr_scholls(g):
    return [g.pick(["Can I use my HSA card for Dr. Scholl's inserts, or only for prescription orthotics?",
                    "Does the plan cover Jenny Craig if my doctor says it's medically necessary?",
                    "My out-of-pocket max is $6,350, and I've already paid about $4,900 of it this year."])]


@frame("insurance", "typed", "US", 1)
def in13_t_claim(g):
    return ["Claim #CLM-2024", f"{g.num(1, 12):02d}{g.num(1, 28):02d}-{g.num(1, 999):04d}",
            " - rear-end collision, est. repair ", money_t(g.num(1200, 8900), g.num(0, 99)),
            ", rental authorized ", str(g.num(5, 14)), " days @ $45/day."]


@frame("insurance", "typed", "US", 1)
def in14_t_policy_change(g):
    return ["Policy change PC-", str(g.num(1000, 9999)), " effective ", f"{g.num(1, 12):02d}/01/2024",
            ": added ", g.pick(["2021 Toyota RAV4", "2019 Honda CR-V", "2022 Subaru Outback"]), ", removed ",
            g.pick(["2012 Ford F-150", "2010 Nissan Altima", "2014 Jeep Wrangler"]), ", new 6-month premium ",
            money_t(g.num(700, 1900), 0), "."]


@frame("insurance", "typed", "US", 1)
def in15_t_flood_chat(g):
    return ["Customer: Is flood covered? I'm in zone AE.\nAgent: Flood requires a separate NFIP policy; "
            "premium is approx $1,150/yr with a 30-day waiting period."]


@frame("insurance", "live", "CA", 3)
def in16_ca_windshield(g):
    return [g.pick(["the windshield claim was two hundred and fifty deductible and the glass place on yonge street did it the same day",
                    "we had a basement flood in april and the contractor quoted eighteen thousand four hundred plus h s t",
                    "the car's a twenty seventeen mazda three with a hundred and twelve thousand k on it"])]


@frame("insurance", "whisper", "IE", 1)
def in17_w_ie_ncb(g):
    return ["My no claims bonus is five years, and the renewal came back at €780, which is €120 more than last year."]


@frame("insurance", "live", "UK", 2)
def in18_uk_claim_ref(g):
    return ["the claim reference is ", g.pick(["h h", "m c"]), " ", say_run(g.digits(8), "oh", True),
            " and they said a loss adjuster would come out on tuesday"]


@frame("insurance", "typed", "UK", 1)
def in19_t_uk_renewal(g):
    return ["Your renewal premium is £612.48 (last year £534.10). Voluntary excess £250, compulsory excess £150. "
            "Cover starts 00:01 on 14/08/2024."]


# ======================= GOVERNMENT =======================

@frame("gov", "live", "US", 2)
def g01_ssa_ssn_dob(g):
    return [g.pick(["okay", "um yeah", "sure"]), " my social security number is ", g.ssn(), " and i was born ", g.dob()]


@frame("gov", "live", "US", 1)
def g02_dmv_dl(g):
    return ["yeah i'm trying to renew my license online and it keeps saying the number doesn't match it's ", g.dl()]


@frame("gov", "live", "UK", 2)
def g03_uk_council(g):
    return ["my council tax account number is ", g.acct("council"), " and i'm at ", g.street()]


@frame("gov", "live", "US", 1)
def g04_supervisor(g):
    n = g.person()
    return ["my last employer was ", g.pick(["target", "home depot", "kroger"]), " and my supervisor there was ", g.full(n),
            " if they need to verify my hours"]


@frame("gov", "live", "CA", 1)
def g05_ca_service(g):
    return ["you can reach me at ", g.phone(), " and my postal code is ", g.zip()]


@frame("gov", "live", "US", 1)
def g06_passport_ds82(g):
    return ["i sent in the d s eighty two for my renewal in ", g.pick(["march", "april", "june"]),
            " and my old passport number is ", g.passport()]


@frame("gov", "live", "US", 1)
def g07_snap_daughter(g):
    n = g.person(gender="f")
    return ["the e b t card is in my daughter's name ", g.full(n), " and her birthday is ", g.dob(years=(1998, 2012))]


@frame("gov", "live", "US", 1)
def g08_dmv_moved(g):
    return ["i moved so the new address is ", g.street(), " ", g.city(), " ", g.state_name(), " ", g.zip()]


@frame("gov", "live", "IE", 1)
def g09_ie_fuel(g):
    n = g.person()
    return ["i'm ringing about the fuel allowance my name is ", g.full(n), " and my mobile is ", g.phone()]


@frame("gov", "live", "AU", 3)
def g10_au_centrelink(g):
    n = g.person()
    return ["it's ", g.full(n), " and my email is ", g.email(n), " for the centrelink letters"]


@frame("gov", "live", "US", 1)
def g11_spelled(g):
    n = g.person(simple=True)
    return ["my name is ", g.full(n), " and the last name is spelled ", g.spell(n.last)]


@frame("gov", "live", "US", 1)
def g12_irs_ip(g):
    return ["the irs website keeps locking me out and it says my ip address is ", g.ip(), " whatever that means"]


@frame("gov", "live", "US", 1)
def g13_long_veteran(g):
    dad = g.person(gender="m")
    me = g.person()
    return ["yeah hi so i'm calling for my dad he's a vietnam vet and he's sitting right here with me and he's okay"
            " with me talking for him his name is ", g.full(dad), " and he was born ", g.dob(years=(1944, 1954)),
            " we're trying to figure out why his disability check went down by like a hundred and twelve dollars"
            " this month he's still at ", g.street(), " and nothing changed on our end um you can call me back at ",
            g.phone(), " my name's ", g.first(me)]


@frame("gov", "live", "US", 1)
def g14_selfcorrect_ssn(g):
    e = g.ssn()
    wrong = e.canon[:4] + str((int(e.canon[4]) + g.num(1, 8)) % 10)
    frag = say_run(wrong, "oh", False)
    return ["my social is ", frag, g.pick([" no hang on it's ", " sorry i always mix it up it's "]), e]


@frame("gov", "whisper", "US", 1)
def g15_w_1099(g):
    return ["I'm calling about a 1099-K I got from PayPal. My Social is ", g.ssn(), "."]


@frame("gov", "whisper", "US", 1)
def g16_w_caseworker(g):
    n = g.person(gender="f")
    return ["My caseworker is ", g.full(n), ", and she has my new address as ", g.street(),
            ", Apartment ", str(g.num(1, 40)), ", but the letters still go to the old one."]


@frame("gov", "whisper", "US", 3)
def g17_w_refund_dd(g):
    return ["For the refund, the routing is ", g.aba(), " and my checking account number is ", g.bank(), "."]


@frame("gov", "whisper", "UK", 1)
def g18_w_uk_council(g):
    n = g.person()
    return ["It's ", g.full(n), ", ", g.street(), ", ", g.zip(), ". I'm calling about the single person discount."]


@frame("gov", "whisper", "US", 1)
def g19_w_dl_dob(g):
    return ["My license number is ", g.dl(), " and my date of birth is ", g.dob(), "."]


@frame("gov", "whisper", "CA", 1)
def g20_w_ca_phone(g):
    n = g.person()
    return ["You can call me back at ", g.phone(), ". My name is ", g.full(n), "."]


@frame("gov", "typed", "US", 3)
def g21_t_claimant_form(g):
    n = g.person()
    return ["Claimant: ", g.lastfirst(n), "\nSSN: ", g.ssn(), "\nDOB: ", g.dob(), "\nMailing address: ", g.us_addr()]


@frame("gov", "typed", "US", 1)
def g22_t_ebt_note(g):
    n = g.person()
    return ["Caller: ", g.full(n), "; DOB ", g.dob(), "; reports lost EBT card. Replacement mailed to ", g.us_addr(),
            ". Case #", g.st, "-", str(g.num(10000, 99999)), "."]


@frame("gov", "typed", "US", 1)
def g23_t_dmv_chat(g):
    return ["Customer: my DL # is ", g.dl(), " and DOB ", g.dob(),
            "\nAgent: Thank you, I see your renewal is pending the vision test."]


@frame("gov", "typed", "UK", 3)
def g24_t_uk_council_email(g):
    n = g.person()
    return ["Dear Council Tax team,\nMy account number is ", g.acct("council"), ". I moved out of ", g.street(),
            " on 30 April and my new address is ", g.street(), ", ", g.city(), " ", g.zip(), ".\n", g.full(n)]


@frame("gov", "typed", "US", 1)
def g25_t_employer_contact(g):
    n = g.person()
    return ["Employer contact: ", g.full(n), ", HR Manager, ", g.phone(), ", ", g.email(n)]


@frame("gov", "typed", "IE", 1)
def g26_t_ie_form(g):
    n = g.person()
    return ["Name: ", g.full(n), "\nMobile: ", g.phone(), "\nEmail: ", g.email(n)]


@frame("gov", "typed", "AU", 3)
def g27_t_au_chat(g):
    n = g.person()
    return ["Customer: my email is ", g.email(n), " and mobile ", g.phone(), "\nAgent: Thanks, I've updated both."]


@frame("gov", "live", "US", 1)
def g28_w2_old_address(g):
    return ["i need to talk to someone about the w two my old employer sent it to my old address ", g.street(),
            " in ", g.city()]


@frame("gov", "live", "US", 1)
def g29_nickname_sue(g):
    formal, nick = g.pick([("Susan", "Sue"), ("William", "Bill"), ("Francis", "Frank"), ("Margaret", "Peggy")])
    last = g.person(simple=True).last
    return ["the benefits are under ", g.E("PERSON", asr_text(formal + " " + last)), " but i go by ",
            g.E("PERSON", nick.lower()), " and my zip code is ", g.zip()]


@frame("gov", "whisper", "US", 1)
def g30_w_hyphen_name_zip(g):
    n = g.person(kind="hyphen")
    return ["Yes, it's ", g.full(n), ", with a hyphen, and my ZIP is ", g.zip(), "."]


@frame("gov", "live", "US", 1)
def g31_stimulus_savings(g):
    return ["can you put it in my savings instead the savings account number is ", g.bank(), " and the routing is ", g.aba()]


@frame("gov", "typed", "US", 1)
def g32_t_passport_form(g):
    n = g.person()
    return ["Passport No.: ", g.passport(), "\nSurname: ", g.last(n), "\nGiven names: ", g.first(n),
            "\nDate of birth: ", g.dob()]


@frame("gov", "whisper", "US", 1)
def g33_w_ip(g):
    return ["The login page said too many attempts from IP ", g.ip(), ", so I'm locked out of my ID.me account."]


@frame("gov", "typed", "US", 1)
def g34_t_direct_deposit(g):
    n = g.person()
    return ["Direct deposit enrollment\nBank: ", g.pick(["Navy Federal", "Chase", "PNC", "Regions"]), "\nRouting: ", g.aba(),
            "\nChecking acct #: ", g.bank(), "\nAccount holder: ", g.full(n)]


@frame("gov", "live", "US", 1)
def g35_dl_expires(g):
    return ["okay the number on my driver's license is ", g.dl(), " and it expires in ", g.pick(["twenty twenty six", "twenty twenty seven"])]


# -- gov negatives

@frame("gov", "live", "US", 2)
def gn01_w2(g):
    return [g.pick(["i haven't gotten my w two yet or the ten ninety nine from the bank",
                    "do i need the ten ninety nine g for unemployment or just the w two",
                    "my w two says box twelve code d and i don't know what that means"])]


@frame("gov", "live", "US", 2)
def gn02_benefit_code(g):
    return ["the letter says benefit code ", g.pick(["two b", "four a", "one c"]), " and payment type ",
            n2w(g.num(11, 48)), " what does that mean"]


@frame("gov", "live", "US", 2)
def gn03_washington(g):
    return [g.pick(["i'm calling from washington the state not d c about my unemployment",
                    "i used to live in lincoln nebraska and they still send the letters there",
                    "we moved from st louis to jackson county last year so which office do i go to"])]


@frame("gov", "live", "US", 1)
def gn04_grant(g):
    return [g.pick(["the grant application for the heating assistance closes on the fifteenth right",
                    "will the pell grant cover summer classes or just fall and spring",
                    "is the housing grant taxable income or not"])]


@frame("gov", "live", "US", 1)
def gn05_case(g):
    return ["my case number is ", say_run(g.digits(10), "oh", False), " and i filed back in ",
            g.pick(["january", "february", "october"])]


@frame("gov", "live", "US", 1)
def gn06_appt_jackson(g):
    return ["my appointment is on the ", ordw(g.num(2, 28)), " of ", g.pick(["may", "june", "august"]), " at ",
            g.pick(["ten fifteen", "two thirty", "nine"]), " at the ", g.pick(["jackson", "madison", "franklin"]), " office"]


@frame("gov", "live", "US", 1)
def gn07_will(g):
    return [g.pick(["my father passed in the spring and i have a copy of the will and the death certificate what else do you need",
                    "my mother's will says the house goes to me and my brother so do we both have to sign for the property tax",
                    "i will bring the paperwork in on monday if the lincoln county office is open"])]


@frame("gov", "live", "CA", 2)
def gn08_ca_gst(g):
    return ["the g s t credit came in on the ", ordw(g.num(3, 6)), " it was like ", n2w(g.num(90, 180)),
            " bucks is that right for a single person"]


@frame("gov", "live", "IE", 1)
def gn09_ie_fuel(g):
    return ["the fuel allowance is thirty three euro a week from september to april isn't it"]


@frame("gov", "whisper", "UK", 2)
def gn10_w_sa100(g):
    return ["Do I need to fill in the SA100 if I only had rental income of £", f"{g.num(2, 9)},{g.num(100, 999)}",
            " for the ", g.pick(["2022-23", "2023-24"]), " tax year?"]


@frame("gov", "whisper", "US", 2)
def gn11_w_cola(g):
    a = g.num(1300, 2200)
    return ["My cost of living adjustment was ", g.pick(["3.2", "2.5", "8.7"]), " percent, so my check went from ",
            money_t(a), " to ", money_t(a + g.num(30, 140)), "."]


@frame("gov", "whisper", "US", 2)
def gn12_w_8962(g):
    return ["I'm filing Form 8962 and the 1095-A shows a monthly premium of ", f"{g.num(300, 900)}.{g.num(0, 99):02d}",
            ". Do I enter that in column A?"]


@frame("gov", "typed", "US", 2)
def gn13_t_room(g):
    return ["Office hours moved: Room ", str(g.num(101, 420)), ", ", g.pick(["3rd", "2nd", "4th"]), " floor, ",
            g.pick(["Lincoln", "Jefferson", "Washington"]), " County Building. Walk-ins Tue/Thu 9-11:30."]


@frame("gov", "typed", "UK", 2)
def gn14_t_uk_band(g):
    return ["Council tax band ", g.pick(["B", "C", "D"]), ", annual charge £", f"{g.num(1400, 2400):,}.{g.num(0, 99):02d}",
            ", payable in 10 instalments from April."]


@frame("gov", "typed", "US", 1)
def gn15_t_snap_conf(g):
    return ["Confirmation no. ", f"{g.digits(4)}-{g.digits(4)}-{g.digits(2)}",
            " - your SNAP interview is scheduled for ", f"{g.num(1, 12):02d}/{g.num(1, 28):02d}/2024",
            " at ", g.pick(["2:30 PM", "10:00 AM", "1:15 PM"]), " (phone interview)."]


@frame("gov", "live", "UK", 1)
def gn16_uk_pip(g):
    return ["i get the enhanced rate of pip which is like a hundred and eight pound a week and then the mobility bit on top"]


@frame("gov", "whisper", "UK", 1)
def gn17_w_uk_long_tax(g):
    return ["Hi, yeah, so I'm a bit confused. I started a second job in September, and my tax code changed from 1257L"
            " to something ending in BR, and now I'm paying twenty percent on all of it. I earn about £11,000 a year"
            " at the pub and £19,500 at the warehouse. Is that right, or should the allowance be split? I don't want"
            " a huge bill at the end of the year."]


@frame("gov", "typed", "US", 1)
def gn18_t_dmv_checklist(g):
    return ["REAL ID checklist: proof of identity (passport or birth certificate), proof of SSN (W-2 or SSA-1099),"
            " 2 proofs of residency dated within 90 days. Fee $30. Form DL-44."]


@frame("gov", "live", "US", 2)
def gn19_ebt_balance(g):
    return [g.pick(["how much is left on my e b t i think it was like two hundred ninety one at the start of the month",
                    "my snap went down from three twelve to two forty and nobody sent me a letter",
                    "the wic appointment is at nine forty five on thursday in room two oh six right"])]


# ======================= UTILITY =======================

@frame("utility", "live", "US", 1)
def u01_acct_addr(g):
    return ["my account number is ", g.acct("utility"), " and the service address is ", g.street()]


@frame("utility", "typed", "US", 1)
def u02_t_outage_chat(g):
    return ["Customer: acct ", g.acct("utility"), " - power's been out since ", g.pick(["6am", "last night", "noon"]),
            " at ", g.street(), "\nAgent: Sorry about that! A crew is assigned, ETA ", g.pick(["3:30 PM", "5 PM", "tonight"]), "."]


@frame("utility", "live", "UK", 3)
def u03_uk_gas(g):
    return ["it's about the gas my postcode is ", g.zip(), " and the account number's ", g.acct("customer")]


@frame("utility", "whisper", "CA", 3)
def u04_w_ca_ip(g):
    return ["My modem's public IP is ", g.ip(), ", and the internet keeps dropping every evening around eight."]


@frame("utility", "live", "US", 1)
def u05_ip_spoken(g):
    return ["the tech asked for my ip address it's ", g.ip()]


@frame("utility", "typed", "US", 1)
def u06_t_secure_msg(g):
    n = g.person()
    return ["Hi, I'm moving out on the 30th. Please close account ", g.acct("utility"),
            " and send the final bill to ", g.email(n), ".\nThanks,\n", g.full(n)]


@frame("utility", "live", "AU", 1)
def u07_au_name(g):
    n = g.person()
    return ["hi it's ", g.full(n), " i'm ringing about the electricity bill my number's ", g.phone()]


@frame("utility", "whisper", "US", 1)
def u08_w_customer_number(g):
    n = g.person(gender="m")
    return ["My customer number is ", g.acct("customer"), ", and the account holder is my husband, ", g.full(n), "."]


@frame("utility", "live", "IE", 1)
def u09_ie_address(g):
    return ["the meter's at ", g.street(), " in ", g.city(), " and my mobile's ", g.phone()]


@frame("utility", "live", "US", 1)
def un01_kwh(g):
    return ["the bill says i used ", g.pick(["twelve hundred", "nine hundred forty", "fourteen hundred"]),
            " kilowatt hours and it's like ", money_w(g.num(140, 390)), " that can't be right"]


@frame("utility", "whisper", "US", 1)
def un02_w_autopay(g):
    return ["Can I set up autopay for the ", g.pick(["15th", "1st", "20th"]), "? The bill's usually around ",
            money_t(g.num(90, 220)), "."]


@frame("utility", "live", "UK", 2)
def un03_uk_meter(g):
    return ["the meter reading is ", say_run(g.digits(5), "oh", True), " as of this morning and the other one says ",
            say_run(g.digits(5), "oh", True)]


@frame("utility", "typed", "US", 1)
def un04_t_outage(g):
    return ["Outage ticket ", str(g.num(700000, 799999)), " - ", str(g.num(40, 900)),
            " customers affected, est. restoration ", g.pick(["11:45 PM", "9:30 PM", "2:00 AM"]),
            ". Cause: ", g.pick(["tree contact on feeder 12", "transformer failure", "vehicle vs pole"]), "."]


@frame("utility", "live", "US", 1)
def un05_firmware(g):
    return [g.pick(["the router says firmware version one point two point three point nine is that the latest one",
                    "the modem light is blinking orange and the app says version four point ten point two point one",
                    "my speed test says like twelve megs down and i'm paying for three hundred"])]


@frame("utility", "typed", "CA", 1)
def un06_t_ca_bill(g):
    return ["Your Hydro bill of $184.22 for the period Jan 4 - Feb 3 is due on Feb 24. Usage: 1,146 kWh (+12%)."]


@frame("utility", "typed", "UK", 2)
def u10_t_uk_ip(g):
    n = g.person()
    return ["Customer: my router's WAN IP shows as ", g.ip(), " but the speed is still awful\nAgent: Thanks ",
            g.first(n), ", I'll run a line test now."]


# ======================= CLINIC =======================

@frame("clinic", "live", "US", 1)
def c01_mrn(g):
    return ["my m r n is ", g.mrn(), g.pick([" it's on the wristband from last time", " from the discharge papers"])]


@frame("clinic", "live", "UK", 2)
def c02_uk_nhs(g):
    return [g.pick(["yeah my n h s number is ", "the nhs number is "]), g.nhs()]


@frame("clinic", "whisper", "US", 1)
def c03_w_patient(g):
    n = g.person()
    return ["Patient is ", g.full(n), ", date of birth ", g.dob(), ", MRN ", g.mrn(), "."]


@frame("clinic", "typed", "UK", 3)
def c04_t_uk_referral(g):
    n, gp = g.person(), g.person()
    return ["NHS No: ", g.nhs(), "\nPatient: ", g.lastfirst(n), "\nDOB: ", g.dob(), "\nGP: Dr ", g.full(gp)]


@frame("clinic", "live", "UK", 2)
def c05_hospital_number(g):
    return ["my hospital number is ", g.mrn(), " from the royal infirmary"]


@frame("clinic", "typed", "US", 1)
def c06_t_portal(g):
    doc, n = g.person(), g.person()
    return ["Hi Dr. ", g.last(doc), ", this is ", g.full(n), " (MRN ", g.mrn(), "). My new cell is ", g.phone(), "."]


@frame("clinic", "live", "CA", 1)
def c07_ca_name_dob(g):
    n = g.person()
    return ["my name is ", g.full(n), " date of birth ", g.dob()]


@frame("clinic", "live", "US", 1)
def c08_medical_record_pairs(g):
    n = g.person(gender="m")
    return ["it's for my son ", g.first(n), " his medical record number is ", g.mrn()]


@frame("clinic", "live", "US", 1)
def cn01_resched(g):
    return ["i need to reschedule my appointment from the ", ordw(g.num(2, 14)), " to the ", ordw(g.num(15, 28)),
            " at ", g.pick(["two thirty", "ten", "eleven fifteen"])]


@frame("clinic", "whisper", "US", 2)
def cn02_w_copay(g):
    return ["The copay was $", g.pick(["40", "25", "60"]), " and my deductible is $", g.pick(["2,500", "1,800", "3,000"]),
            ". I've met about ", g.pick(["1,100", "900", "1,450"]), " of it."]


@frame("clinic", "live", "US", 1)
def cn03_room(g):
    return [g.pick(["i'm seeing the doctor in room four twelve on the fourth floor is that the main building",
                    "the lab's in suite two ten right next to the pharmacy or is it on the other side",
                    "my blood pressure was like one forty over ninety at the pharmacy yesterday"])]


@frame("clinic", "typed", "UK", 1)
def cn04_t_uk_appt(g):
    return ["Your appointment at Ward 7, St Thomas' Hospital, is on Tuesday 14 May at 10:15. Please arrive 15 minutes early."]


@frame("clinic", "live", "US", 1)
def cn05_drpepper(g):
    return [g.pick(["i can't drink anything but water before the scan right not even a dr pepper",
                    "i take the ten milligram one twice a day and i'm down to like four pills",
                    "is the copay still twenty five for a telehealth visit or did that change in january"])]


@frame("clinic", "typed", "US", 1)
def cn06_t_rx(g):
    return ["Rx refill request: lisinopril 10 mg, 90-day supply, qty 90. Last fill 03/02. Pharmacy: Walgreens on Franklin Ave."]


# ======================= HELPLINE =======================

@frame("helpline", "live", "US", 1)
def h01_first_only(g):
    n = g.person()
    return ["my name's ", g.first(n), " i'd rather not give my last name ", g.pick(["is that okay", "if that's alright"])]


@frame("helpline", "whisper", "US", 1)
def h02_w_callback(g):
    return ["If we get cut off, you can reach me at ", g.phone(), "."]


@frame("helpline", "typed", "US", 1)
def h03_t_landlord(g):
    me, ll = g.person(), g.person(gender="m")
    return ["Customer: I'm ", g.first(me), ". My landlord ", g.full(ll), " is saying he'll change the locks on ",
            g.pick(["Friday", "Monday", "the 1st"]), "."]


@frame("helpline", "live", "UK", 1)
def h04_uk_mum(g):
    n = g.person(gender="f")
    return ["it's about my mum ", g.full(n), " she's not answering her phone her number's ", g.phone()]


@frame("helpline", "typed", "IE", 1)
def h05_t_ie_email(g):
    n = g.person()
    return ["Hi,\nI'd like someone to ring me back about my father's debts. I'm on ", g.phone(),
            " after 6pm.\nThanks,\n", g.full(n)]


@frame("helpline", "live", "CA", 1)
def h06_ca_address(g):
    return ["i'm staying at a friend's place right now it's ", g.street(), " in ", g.city()]


@frame("helpline", "live", "US", 1)
def hn01_talk(g):
    return [g.pick(["i just i need someone to talk to i've been up since like three and i can't stop thinking about the money",
                    "sorry i don't really know why i called i just got the final notice and i kind of panicked",
                    "is this the line for debt advice or is it the other number my friend said you guys help with credit cards"])]


@frame("helpline", "live", "US", 1)
def hn02_mark(g):
    return [g.pick(["i just wanted to mark today as ninety days sober you know and there's nobody else to tell",
                    "i'm not gonna lie to you i haven't opened the mail in like two months",
                    "my sister said to call you guys because i owe like nine grand on the cards and i'm drowning"])]


@frame("helpline", "whisper", "AU", 1)
def hn03_w_au(g):
    return ["It's been about three weeks since the floods up in Lismore, and I still haven't slept properly."]


@frame("helpline", "typed", "UK", 1)
def hn04_t_uk(g):
    return ["Customer: is this line free from mobiles? I'm on pay as you go with about £3 left\n"
            "Agent: Yes, it's free from all UK mobiles and landlines."]


@frame("helpline", "live", "AU", 1)
def hn05_victoria(g):
    return ["i moved down to victoria last year for work and i don't really know anyone down here"]


@frame("helpline", "live", "US", 1)
def hn06_long_debt(g):
    return ["okay so um basically i've got three credit cards and the one with the highest rate is like twenty six"
            " percent and i'm paying the minimum on all of them which is about four hundred a month total and my"
            " car payment is three forty and rent is twelve fifty and i only bring home about twenty six hundred"
            " so every month i'm short and i was hoping you could tell me if a consolidation loan makes sense or if"
            " i'm just making it worse"]


@frame("helpline", "whisper", "US", 3)
def hn07_w_frank(g):
    return [g.pick(["To be frank, I don't trust Wells Fargo anymore, and I want to know if I should move my savings to a credit union.",
                    "I've been with Charles Schwab for years, but the fees on the managed account are about 1.5 percent now.",
                    "Honestly, I'd rather not say my name. I just want to know if debt settlement hurts my credit score."])]


@frame("helpline", "typed", "US", 1)
def hn08_t_chat(g):
    return ["Agent: Thanks for reaching out to the helpline. Are you safe right now?\n"
            "Customer: yes, I'm at work. I'll be home around 5:30."]


@frame("helpline", "live", "IE", 1)
def h07_ie_name_mobile(g):
    n = g.person()
    return ["it's ", g.full(n), " you can text me on ", g.phone(), " i can't really talk at home"]


# ---------------------------------------------------------------- assembly and checks

def flatten(parts):
    for p in parts:
        if isinstance(p, list):
            yield from flatten(p)
        else:
            yield p


def build(parts):
    text, ents = "", []
    for p in flatten(parts):
        if isinstance(p, str):
            text += p
        else:
            assert isinstance(p, Ent), p
            s = len(text)
            text += p.text
            ents.append((s, len(text), p))
    return text, ents


NUMERIC = {"PHONE_NUMBER", "US_SSN", "CREDIT_CARD", "IBAN_CODE", "US_BANK_NUMBER", "ABA_ROUTING_NUMBER",
           "ACCOUNT_NUMBER", "ZIP_CODE", "US_DRIVER_LICENSE", "US_PASSPORT", "MEDICAL_RECORD_NUMBER"}
TYPES = ["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "US_SSN", "CREDIT_CARD", "IBAN_CODE", "US_BANK_NUMBER",
         "ABA_ROUTING_NUMBER", "ACCOUNT_NUMBER", "DATE_OF_BIRTH", "STREET_ADDRESS", "ZIP_CODE", "IP_ADDRESS",
         "US_DRIVER_LICENSE", "US_PASSPORT", "MEDICAL_RECORD_NUMBER"]


def check_entity(e, mode):
    t = e.type
    assert t in TYPES, t
    assert e.text == e.text.strip() and e.text, repr(e.text)
    if t in NUMERIC:
        if e.spoken:
            got = decode_spoken(e.text)
        else:
            got = re.sub(r"[^0-9A-Za-z]", "", e.text).upper()
        assert got == e.canon.upper(), (t, e.text, got, e.canon)
    if t == "US_SSN":
        assert ssn_ok(e.canon), e
    elif t == "CREDIT_CARD":
        assert luhn_ok(e.canon) and card_issuer_ok(e.canon), e
    elif t == "IBAN_CODE":
        assert iban_ok(e.canon), e
    elif t == "ABA_ROUTING_NUMBER":
        assert aba_ok(e.canon), e
    elif t == "MEDICAL_RECORD_NUMBER" and e.info == "nhs":
        assert nhs_ok(e.canon), e
    elif t == "PHONE_NUMBER":
        assert phone_ok(e.canon, e.info), e
    elif t == "ZIP_CODE":
        pat = {"US": r"\d{5}(\d{4})?", "CA": r"[A-Z]\d[A-Z]\d[A-Z]\d", "UK": r"[A-Z]{1,2}\d{1,2}\d[A-Z]{2}"}[e.info]
        assert re.fullmatch(pat, e.canon), e
    elif t == "US_DRIVER_LICENSE":
        fmt = re.sub(r"[^L#*A-Z]", "", DL_FMT[e.info])
        assert len(fmt) == len(e.canon), e
    elif t == "US_PASSPORT":
        assert re.fullmatch(r"\d{9}|[A-Z]\d{8}", e.canon), e
    elif t == "IP_ADDRESS":
        if e.spoken:
            got = ".".join(str(int(decode_spoken(p))) for p in e.text.split(" dot "))
        else:
            got = e.text
        assert got == e.canon and ipaddress.ip_address(got).is_global, e
    elif t == "EMAIL_ADDRESS":
        assert re.fullmatch(r"[a-z0-9._]+@[a-z0-9.]+\.[a-z]{2,}", e.canon), e
        if not e.spoken:
            assert e.text == e.canon
        else:
            assert " at " in e.text and " dot " in e.text
    elif t == "DATE_OF_BIRTH":
        y, m, d = map(int, e.canon.split("-"))
        assert 1900 < y < 2010 and 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]
    elif t == "STREET_ADDRESS":
        assert re.match(r"^(\d+|[a-z]+) ", e.text), e
    if mode == "live":
        assert e.spoken, e
    elif t not in ("PERSON",) and not (t == "PERSON" and " " not in e.text):
        assert not e.spoken, (mode, e)


LIVE_RE = re.compile(r"^[a-z' ]+$")


def generate():
    r = random.Random(SEED)
    rows, seen = [], set()
    for fr in FRAMES:
        assert 1 <= fr["n"] <= 4, fr["name"]
        for _ in range(fr["n"]):
            for _attempt in range(100):
                g = V(r, fr["mode"], fr["loc"])
                text, ents = build(fr["fn"](g))
                if text not in seen:
                    break
            else:
                raise AssertionError("could not make a distinct utterance for " + fr["name"])
            seen.add(text)
            if fr["mode"] == "live":
                assert LIVE_RE.match(text), (fr["name"], text)
                assert "  " not in text, text
            assert len(ents) <= 5, (fr["name"], text)
            out = []
            for s, e_, ent in ents:
                assert text[s:e_] == ent.text
                check_entity(ent, fr["mode"])
                out.append({"type": ent.type, "start": s, "end": e_, "text": ent.text, "spoken": ent.spoken})
            rows.append(dict(frame=fr["name"], domain=fr["domain"], mode=fr["mode"], loc=fr["loc"],
                             text=text, entities=out))
    r.shuffle(rows)
    return rows


def main():
    names = [f["name"] for f in FRAMES]
    assert len(names) == len(set(names))
    rows = generate()
    assert len(rows) == 300, len(rows)
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        for i, row in enumerate(rows):
            rec = {"id": f"{SPLIT}-{i:03d}", "split": SPLIT, "domain": row["domain"],
                   "style": "typed" if row["mode"] == "typed" else "asr",
                   "text": row["text"], "entities": row["entities"]}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    # re-read and verify spans from the written file
    with open(OUT, encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh]
    for rec in recs:
        assert list(rec) == ["id", "split", "domain", "style", "text", "entities"]
        last_end = -1
        for e in rec["entities"]:
            assert list(e) == ["type", "start", "end", "text", "spoken"]
            assert rec["text"][e["start"]:e["end"]] == e["text"], (rec["id"], e)
            assert e["start"] >= last_end, rec["id"]
            last_end = e["end"]

    # summary
    ent_c = collections.Counter(e["type"] for r_ in recs for e in r_["entities"])
    sp_c = collections.Counter("spoken" if e["spoken"] else "written" for r_ in recs for e in r_["entities"])
    neg = sum(1 for r_ in recs if not r_["entities"])
    print(f"wrote {OUT}: {len(recs)} utterances, {len(FRAMES)} frames "
          f"(max {max(f['n'] for f in FRAMES)} per frame)")
    print("entities per type:")
    for t in TYPES:
        print(f"  {t:24s} {ent_c[t]}")
    print(f"  {'TOTAL':24s} {sum(ent_c.values())}")
    print(f"entity values: spoken={sp_c['spoken']} written={sp_c['written']}")
    print(f"negatives (no entity): {neg} ({100 * neg / len(recs):.0f}%)")
    print("style:", dict(collections.Counter(r_["style"] for r_ in recs)),
          "| mode:", dict(collections.Counter(r_["mode"] for r_ in rows)))
    print("domain:", dict(collections.Counter(r_["domain"] for r_ in recs)))
    print("caller locale:", dict(collections.Counter(r_["loc"] for r_ in rows)))
    print("long (60-120 words):", sum(1 for r_ in recs if 60 <= len(r_["text"].split()) <= 120),
          "| max words:", max(len(r_["text"].split()) for r_ in recs),
          "| max entities/utt:", max(len(r_["entities"]) for r_ in recs))
    negd = collections.Counter(r_["domain"] for r_ in recs if not r_["entities"])
    print("negatives per domain:", dict(negd))


if __name__ == "__main__":
    main()
