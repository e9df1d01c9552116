#!/usr/bin/env python3
"""Generator for the blind22 PII evaluation set.

Theme: North American consumer lines (US/Canadian banks, fintech, card
disputes, telecom/cable, energy retailers, airlines/travel, retail returns,
insurance).  Running `python3 blind22.py` rewrites blind22.jsonl next to this
script, identically each time (fixed seed, standard library only).
"""
import ipaddress
import json
import os
import random
import re
import unicodedata
from collections import Counter

SEED = 220022
rng = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "blind22.jsonl")
N_TOTAL = 300
N_NEG = 120
N_TYPED = 105

# ---------------------------------------------------------------------------
# number words
# ---------------------------------------------------------------------------
ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen"]
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy",
        8: "eighty", 9: "ninety"}
ORD_ONES = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
            "eighth", "ninth"]
ORD_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
             "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
ORD_TENS = {2: "twentieth", 3: "thirtieth", 4: "fortieth", 5: "fiftieth", 6: "sixtieth",
            7: "seventieth", 8: "eightieth", 9: "ninetieth"}
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
MON_T = [m.capitalize() for m in MONTHS]
MON3 = [m[:3] for m in MON_T]


def two_digit_words(n):
    assert 0 <= n < 100
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    t, o = divmod(n, 10)
    return TENS[t] if o == 0 else TENS[t] + " " + ONES[o]


def number_words(n):
    """Plain cardinal words (used for money in negatives)."""
    if n < 100:
        return two_digit_words(n)
    if n < 1000:
        h, r = divmod(n, 100)
        return ONES[h] + " hundred" + ("" if r == 0 else " " + two_digit_words(r))
    th, r = divmod(n, 1000)
    return number_words(th) + " thousand" + ("" if r == 0 else " " + number_words(r))


def ordinal_words(n):
    assert 1 <= n < 100
    if n < 10:
        return ORD_ONES[n]
    if n < 20:
        return ORD_TEENS[n - 10]
    t, o = divmod(n, 10)
    return ORD_TENS[t] if o == 0 else TENS[t] + " " + ORD_ONES[o]


def ordinal_suffix(n):
    if 10 <= n % 100 <= 20:
        return "%dth" % n
    return "%d%s" % (n, {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def pair_words(s2):
    """Speak a two-character digit string as a pair ('33'->thirty three, '05'->oh five)."""
    if s2[0] == "0":
        return "oh " + ONES[int(s2[1])] if s2[1] != "0" else "oh oh"
    return two_digit_words(int(s2))


def say_digits(s, dbl=0.3):
    """Digit-by-digit speech with 'oh'/'zero', 'double', 'triple'."""
    zw = "oh" if rng.random() < 0.65 else "zero"
    out, i = [], 0
    while i < len(s):
        d = s[i]
        j = i
        while j < len(s) and s[j] == d:
            j += 1
        run = j - i
        w = zw if d == "0" else ONES[int(d)]
        if run >= 3 and rng.random() < dbl:
            out.append("triple " + w)
            i += 3
            continue
        if run >= 2 and rng.random() < dbl:
            out.append("double " + w)
            i += 2
            continue
        out.append(w)
        i += 1
    return " ".join(out)


def say_four(s4):
    """Four digits either digit by digit or as two pairs ('3301'->thirty three oh one)."""
    if rng.random() < 0.4 and s4[0] != "0":
        if s4[2:] == "00":
            return pair_words(s4[:2]) + " hundred"
        return pair_words(s4[:2]) + " " + pair_words(s4[2:])
    return say_digits(s4)


def say_house(n):
    s = str(n)
    if rng.random() < 0.2 and len(s) >= 3:
        return say_digits(s, dbl=0.15)
    if len(s) <= 2:
        return two_digit_words(n)
    if len(s) == 3:
        rest = s[1:]
        return ONES[int(s[0])] + " " + ("hundred" if rest == "00" else pair_words(rest))
    if len(s) == 4:
        rest = s[2:]
        return pair_words(s[:2]) + " " + ("hundred" if rest == "00" else pair_words(rest))
    # five digits: 12450 -> twelve four fifty
    rest = s[3:]
    return pair_words(s[:2]) + " " + ONES[int(s[2])] + " " + (
        "hundred" if rest == "00" else pair_words(rest))


WORD2D = {w: str(i) for i, w in enumerate(ONES)}
WORD2D["oh"] = "0"
TEEN2D = {w: str(10 + i) for i, w in enumerate(TEENS)}
TENS2D = {w: t for t, w in TENS.items()}


def decode_digits(text):
    """Decode spoken digit strings back to digits (inverse of the helpers above)."""
    toks = text.replace(",", " ").replace("-", " ").split()
    out, i = [], 0
    while i < len(toks):
        t = toks[i]
        if t in ("double", "triple"):
            out.append(WORD2D[toks[i + 1]] * (2 if t == "double" else 3))
            i += 2
        elif t in WORD2D:
            out.append(WORD2D[t])
            i += 1
        elif t in TEEN2D:
            out.append(TEEN2D[t])
            i += 1
        elif t in TENS2D:
            if i + 1 < len(toks) and toks[i + 1] in ONES[1:]:
                out.append(str(TENS2D[t]) + WORD2D[toks[i + 1]])
                i += 2
            else:
                out.append(str(TENS2D[t]) + "0")
                i += 1
        elif t == "hundred":
            out.append("00")
            i += 1
        elif t == "thousand":
            out.append("000")
            i += 1
        else:
            raise ValueError("cannot decode %r in %r" % (t, text))
    return "".join(out)


def is_num_word(t):
    return t in WORD2D or t in TEEN2D or t in TENS2D or t in ("double", "triple", "hundred")


def decode_alnum(text):
    """Spoken alphanumeric (single letters + number words) -> canonical string."""
    out, run = [], []
    for t in text.split():
        if is_num_word(t):
            run.append(t)
            continue
        if run:
            out.append(decode_digits(" ".join(run)))
            run = []
        if t == "dash":
            continue
        assert len(t) == 1 and t.isalpha(), (t, text)
        out.append(t.upper())
    if run:
        out.append(decode_digits(" ".join(run)))
    return "".join(out)


def say_alnum(s):
    parts, buf = [], ""
    for ch in s:
        if ch.isdigit():
            buf += ch
            continue
        if buf:
            parts.append(say_digits(buf))
            buf = ""
        if ch.isalpha():
            parts.append(ch.lower())
    if buf:
        parts.append(say_digits(buf))
    return " ".join(parts)


def canon_alnum(s):
    return re.sub(r"[^A-Za-z0-9]", "", s).upper()


# ---------------------------------------------------------------------------
# validators
# ---------------------------------------------------------------------------
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


def luhn_complete(partial):
    for c in "0123456789":
        if luhn_ok(partial + c):
            return partial + c
    raise AssertionError


def card_ok(num):
    if not num.isdigit() or not luhn_ok(num):
        return False
    n = len(num)
    if num[0] == "4":
        return n in (13, 16, 19)
    if num[:2] in ("34", "37"):
        return n == 15
    if 51 <= int(num[:2]) <= 55 or 2221 <= int(num[:4]) <= 2720:
        return n == 16
    if num.startswith("6011") or num.startswith("65") or 644 <= int(num[:3]) <= 649:
        return n in (16, 19)
    return False


def aba_ok(r):
    if len(r) != 9 or not r.isdigit():
        return False
    w = [3, 7, 1] * 3
    if sum(int(a) * b for a, b in zip(r, w)) % 10 != 0:
        return False
    p = int(r[:2])
    return 1 <= p <= 12 or 21 <= p <= 32 or 61 <= p <= 72 or p == 80


SSN_BAD = {"078051120", "219099999", "123456789", "987654321"}


def ssn_ok(s):
    s = s.replace("-", "").replace(" ", "")
    if len(s) != 9 or not s.isdigit() or s in SSN_BAD or len(set(s)) == 1:
        return False
    a, g, ser = s[:3], s[3:5], s[5:]
    return a != "000" and a != "666" and a[0] != "9" and g != "00" and ser != "0000"


IBAN_LEN = {"GB": 22, "DE": 22, "FR": 27, "ES": 24, "NL": 18, "IE": 22, "PT": 25, "PL": 28}


def iban_mod(s):
    s = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97


def iban_ok(iban):
    iban = iban.replace(" ", "")
    return IBAN_LEN.get(iban[:2]) == len(iban) and iban_mod(iban) == 1


def nanp_ok(p):
    p = re.sub(r"\D", "", p)
    if len(p) == 11 and p[0] == "1":
        p = p[1:]
    if len(p) != 10:
        return False
    a, e = p[:3], p[3:6]
    return (a[0] in "23456789" and a[1:] != "11" and a[1] != "9"
            and e[0] in "23456789" and e[1:] != "11" and e != "555")


def zip_ok(z):
    return bool(re.fullmatch(r"\d{5}(-\d{4})?", z)) and z[:5] != "00000"


CA_POSTAL_RE = re.compile(r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d")

# ---------------------------------------------------------------------------
# people and places
# ---------------------------------------------------------------------------
GROUPS = {
    "anglo": (["James", "Emily", "Ryan", "Heather", "Brandon", "Megan", "Dylan", "Kaitlyn",
               "Tyler", "Courtney", "Gary", "Linda", "Doug", "Shannon"],
              ["Whitaker", "Carter", "Mitchell", "Collins", "Hughes", "O'Brien", "Foster",
               "Brooks", "Jennings", "Walsh", "McKenzie", "Sullivan", "Prescott", "Hargrove"]),
    "black": (["DeShawn", "Latoya", "Jamal", "Keisha", "Tyrone", "Aaliyah", "Darnell", "Imani",
               "Marcus", "Shanice", "Terrence", "Ebony"],
              ["Washington", "Jefferson", "Robinson", "Coleman", "Freeman", "Banks", "Harris",
               "Holloway", "Gaines", "Dorsey", "Whitfield", "Pruitt"]),
    "hispanic": (["José", "María", "Luis", "Alejandra", "Carlos", "Yesenia", "Jorge", "Marisol",
                  "Eduardo", "Paola", "Guadalupe", "Héctor"],
                 ["Ramírez", "Hernández", "Castillo", "Morales", "Villanueva", "Ortiz", "Delgado",
                  "Cruz", "Saldaña", "Fuentes", "Gutiérrez", "Espinoza"]),
    "southasian": (["Priya", "Arjun", "Harpreet", "Rohan", "Anjali", "Vikram", "Sunita", "Imran",
                    "Nusrat", "Deepak", "Kavya", "Gurpreet"],
                   ["Raghunathan", "Mehta", "Sandhu", "Desai", "Nair", "Patel", "Reddy",
                    "Qureshi", "Chowdhury", "Iyer", "Grewal", "Bhattacharya"]),
    "eastasian": (["Wei", "Mei", "Hiroshi", "Yuki", "Min-jun", "Ji-woo", "Kevin", "Grace",
                   "Daniel", "Xiaoling", "Kenji", "Soo-ah"],
                  ["Zhang", "Chen", "Tanaka", "Watanabe", "Park", "Kim", "Liu", "Huang", "Cho",
                   "Wong", "Nakamura", "Lee"]),
    "vietnamese": (["Minh", "Lan", "Quoc", "Hoa", "Tuan", "Linh", "Khanh", "Thao", "Duc", "Phuong"],
                   ["Nguyen", "Tran", "Pham", "Le", "Vo", "Dang", "Huynh", "Bui", "Truong", "Do"]),
    "filipino": (["Maricel", "Jerome", "Rowena", "Jun", "Angelica", "Rodel", "Jocelyn", "Arnel",
                  "Lorna", "Ramil"],
                 ["Dela Cruz", "Santos", "Bautista", "Reyes", "Mendoza", "Aquino", "Manalo",
                  "Pascual", "Villareal", "Macaraeg"]),
    "arabic": (["Omar", "Layla", "Youssef", "Fatima", "Karim", "Rania", "Tariq", "Nour", "Samir",
                "Huda"],
               ["Haddad", "Mansour", "Khalil", "Al-Sayed", "Nasser", "Aziz", "Abdullah", "Saleh",
                "Hamdan", "Darwish"]),
    "frcan": (["Marie-Ève", "Jean-François", "Mathieu", "Geneviève", "Luc", "Chantal", "Étienne",
               "Sylvie", "Pierre-Luc", "Isabelle"],
              ["Tremblay", "Gagnon", "Bouchard", "Côté", "Lavoie", "Pelletier", "Gauthier",
               "Bélanger", "Roy", "Fortin"]),
    "indigenous": (["Tanis", "Shawn", "Loretta", "Dakota", "Roberta", "Cody", "Winona", "Raven",
                    "Marlene", "Joseph"],
                   ["Cardinal", "Crowchild", "Yazzie", "Begay", "Tsosie", "Bearspaw",
                    "Littlechief", "Whitehorse", "Sinclair", "Manyfingers"]),
    "african": (["Kwame", "Chiamaka", "Oluwaseun", "Abebe", "Amara", "Kofi", "Ngozi", "Tendai"],
                ["Mensah", "Okafor", "Adeyemi", "Tesfaye", "Diallo", "Boateng", "Eze", "Moyo"]),
    "eeuro": (["Katarzyna", "Dmitri", "Olena", "Bogdan", "Ivana", "Tomasz"],
              ["Nowak", "Volkov", "Kovalenko", "Petrov", "Horvat", "Wiśniewski"]),
}
GROUP_W_US = {"anglo": 14, "black": 12, "hispanic": 13, "southasian": 8, "eastasian": 8,
              "vietnamese": 6, "filipino": 6, "arabic": 5, "frcan": 1, "indigenous": 4,
              "african": 5, "eeuro": 3}
GROUP_W_CA = {"anglo": 10, "black": 3, "hispanic": 3, "southasian": 10, "eastasian": 8,
              "vietnamese": 4, "filipino": 6, "arabic": 5, "frcan": 12, "indigenous": 6,
              "african": 4, "eeuro": 4}
FEMALE = {"Emily", "Heather", "Megan", "Kaitlyn", "Courtney", "Linda", "Shannon", "Latoya",
          "Keisha", "Aaliyah", "Imani", "Shanice", "Ebony", "María", "Alejandra", "Yesenia",
          "Marisol", "Paola", "Guadalupe", "Priya", "Harpreet", "Anjali", "Sunita", "Nusrat",
          "Kavya", "Mei", "Yuki", "Grace", "Xiaoling", "Soo-ah", "Lan", "Hoa", "Linh", "Thao",
          "Phuong", "Maricel", "Rowena", "Angelica", "Jocelyn", "Lorna", "Layla", "Fatima",
          "Rania", "Nour", "Huda", "Marie-Ève", "Geneviève", "Chantal", "Sylvie", "Isabelle",
          "Tanis", "Loretta", "Roberta", "Winona", "Raven", "Marlene", "Chiamaka", "Amara",
          "Ngozi", "Katarzyna", "Olena", "Ivana", "Tasha", "Rachel", "Priyanka", "Brittany",
          "Sophie", "Jasmine", "Nadia", "Rosa", "Jenna", "Aisha", "Mireille"}
NEUTRAL = {"Dakota", "Ji-woo", "Khanh", "Tendai", "Devon"}


def gender_ok(name, g):
    if not g or name in NEUTRAL:
        return True
    return (name in FEMALE) == (g == "f")


AGENTS = ["Tasha", "Devon", "Rachel", "Miguel", "Priyanka", "Kenji", "Brittany", "Andre",
          "Sophie", "Ahmed", "Jasmine", "Trevor", "Nadia", "Caleb", "Rosa", "Jenna", "Aisha",
          "Colin", "Mireille", "Darius"]

CITIES_US = [
    ("Austin", "TX", "texas", "787", ["512", "737"]),
    ("Columbus", "OH", "ohio", "432", ["614", "380"]),
    ("Atlanta", "GA", "georgia", "303", ["404", "678", "470"]),
    ("Phoenix", "AZ", "arizona", "850", ["602", "480", "623"]),
    ("Denver", "CO", "colorado", "802", ["303", "720"]),
    ("Seattle", "WA", "washington", "981", ["206", "425"]),
    ("Chicago", "IL", "illinois", "606", ["312", "773", "872"]),
    ("Brooklyn", "NY", "new york", "112", ["718", "347", "929"]),
    ("Charlotte", "NC", "north carolina", "282", ["704", "980"]),
    ("Tampa", "FL", "florida", "336", ["813", "656"]),
    ("Minneapolis", "MN", "minnesota", "554", ["612", "952"]),
    ("Sacramento", "CA", "california", "958", ["916", "279"]),
    ("Fresno", "CA", "california", "937", ["559"]),
    ("El Paso", "TX", "texas", "799", ["915"]),
    ("Memphis", "TN", "tennessee", "381", ["901"]),
    ("Albuquerque", "NM", "new mexico", "871", ["505"]),
    ("Omaha", "NE", "nebraska", "681", ["402", "531"]),
    ("Boise", "ID", "idaho", "837", ["208", "986"]),
    ("Richmond", "VA", "virginia", "232", ["804"]),
    ("Newark", "NJ", "new jersey", "071", ["973", "862"]),
    ("Baltimore", "MD", "maryland", "212", ["410", "443"]),
    ("Detroit", "MI", "michigan", "482", ["313"]),
    ("Milwaukee", "WI", "wisconsin", "532", ["414"]),
    ("Kansas City", "MO", "missouri", "641", ["816"]),
    ("Tucson", "AZ", "arizona", "857", ["520"]),
    ("Honolulu", "HI", "hawaii", "968", ["808"]),
    ("Anchorage", "AK", "alaska", "995", ["907"]),
    ("Portland", "OR", "oregon", "972", ["503", "971"]),
    ("Houston", "TX", "texas", "770", ["713", "832", "281"]),
    ("Los Angeles", "CA", "california", "900", ["213", "323", "310"]),
]
CITIES_CA = [
    ("Toronto", "ON", "ontario", "M", ["416", "647", "437"]),
    ("Ottawa", "ON", "ontario", "K", ["613", "343"]),
    ("Mississauga", "ON", "ontario", "L", ["905", "289"]),
    ("Hamilton", "ON", "ontario", "L", ["905", "365"]),
    ("Montreal", "QC", "quebec", "H", ["514", "438"]),
    ("Laval", "QC", "quebec", "H", ["450", "579"]),
    ("Quebec City", "QC", "quebec", "G", ["418", "581"]),
    ("Gatineau", "QC", "quebec", "J", ["819", "873"]),
    ("Vancouver", "BC", "british columbia", "V", ["604", "778", "236"]),
    ("Calgary", "AB", "alberta", "T", ["403", "587", "825"]),
    ("Edmonton", "AB", "alberta", "T", ["780", "587"]),
    ("Winnipeg", "MB", "manitoba", "R", ["204", "431"]),
    ("Halifax", "NS", "nova scotia", "B", ["902", "782"]),
    ("Regina", "SK", "saskatchewan", "S", ["306", "639"]),
    ("Saskatoon", "SK", "saskatchewan", "S", ["306", "639"]),
]
STREETS_COMMON = ["Maple", "Oak", "Elm", "Cedar", "Birch", "Willow", "Pine", "Chestnut",
                  "Walnut", "Sycamore", "Lakeview", "Hillcrest", "Ridgeway", "Meadowbrook",
                  "Sunset", "Park", "Highland", "Orchard", "Aspen", "Juniper", "Glenwood",
                  "Riverbend", "Forest Hill", "Bayview", "Prairie"]
STREETS_US = ["Magnolia", "Hickory", "Peachtree", "Mockingbird", "Camelback", "Colfax",
              "Mission", "Cypress", "Grand", "Live Oak", "Bluebonnet", "Kenwood"]
STREETS_CA = ["Portage", "Kingsway", "Jasper", "Dufferin", "Bloor", "Spring Garden",
              "Stony Plain", "Harbour", "Albert", "Wellington", "Lakeshore"]
STREETS_QC = ["rue Saint-Denis", "rue Sherbrooke", "boulevard Saint-Laurent", "avenue du Parc",
              "rue Beaubien", "chemin Sainte-Foy", "rue Jean-Talon"]
SUFFIXES = [("Street", "St"), ("Avenue", "Ave"), ("Road", "Rd"), ("Drive", "Dr"),
            ("Lane", "Ln"), ("Court", "Ct"), ("Boulevard", "Blvd"), ("Way", "Way"),
            ("Place", "Pl"), ("Circle", "Cir"), ("Parkway", "Pkwy"), ("Terrace", "Ter"),
            ("Trail", "Trl")]
DIRS = [("N", "north"), ("S", "south"), ("E", "east"), ("W", "west"), ("NE", "northeast"),
        ("NW", "northwest"), ("SE", "southeast"), ("SW", "southwest")]
POSTAL_L = "ABCEGHJKLMNPRSTVWXYZ"


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def low(s):
    return fold(s).lower().replace("-", " ")


def wchoice(d):
    keys = sorted(d)
    return rng.choices(keys, weights=[d[k] for k in keys])[0]


def random_name(country):
    g = wchoice(GROUP_W_CA if country == "CA" else GROUP_W_US)
    firsts, lasts = GROUPS[g]
    first = rng.choice(firsts)
    if rng.random() < 0.12:
        lasts = GROUPS[rng.choice(sorted(GROUPS))][1]
    return first, rng.choice(lasts)


class Ctx:
    def __init__(self, country, ogender=None, agender=None):
        self.country = country
        self.first, self.last = random_name(country)
        self.ofirst, self.olast = random_name(country)
        while self.ofirst == self.first or not gender_ok(self.ofirst, ogender):
            self.ofirst, self.olast = random_name(country)
        if rng.random() < 0.4:
            self.olast = self.last  # relatives often share a surname
        self.agent = rng.choice(AGENTS)
        while not gender_ok(self.agent, agender):
            self.agent = rng.choice(AGENTS)
        self.city = rng.choice(CITIES_CA if country == "CA" else CITIES_US)
        self.cache = {}


# ---------------------------------------------------------------------------
# entity value generators (value, validated) and renderers (surface, spoken)
# ---------------------------------------------------------------------------
def gen_phone(ctx, tag):
    while True:
        area = rng.choice(ctx.city[4]) if rng.random() < 0.75 else rng.choice(
            rng.choice(CITIES_US + CITIES_CA)[4])
        exch = str(rng.randint(2, 9)) + "%02d" % rng.randint(0, 99)
        p = area + exch + "%04d" % rng.randint(0, 9999)
        if nanp_ok(p):
            return p


def render_phone(p, var):
    a, e, s = p[:3], p[3:6], p[6:]
    if var == "w":
        pre = "one " if rng.random() < 0.1 else ""
        words = pre + say_digits(a) + " " + say_digits(e) + " " + say_four(s)
        assert decode_digits(words) == ("1" if pre else "") + p
        return words, True
    if var == "e":
        fmt = rng.choice(["+1 {a} {e} {s}", "+1{a}{e}{s}", "+1-{a}-{e}-{s}", "+1 ({a}) {e}-{s}"])
    elif var == "p":
        fmt = "({a}) {e}-{s}"
    else:
        fmt = rng.choice(["({a}) {e}-{s}", "{a}-{e}-{s}", "{a}-{e}-{s}", "{a}.{e}.{s}",
                          "{a}{e}{s}", "{a} {e} {s}", "1-{a}-{e}-{s}", "+1 {a}-{e}-{s}"])
    out = fmt.format(a=a, e=e, s=s)
    assert nanp_ok(out)
    return out, False


def gen_ssn(ctx, tag):
    while True:
        s = "%03d%02d%04d" % (rng.randint(1, 899), rng.randint(1, 99), rng.randint(1, 9999))
        if ssn_ok(s):
            return s


def render_ssn(s, var):
    if var == "w":
        w = " ".join([say_digits(s[:3]), say_digits(s[3:5]), say_digits(s[5:])])
        assert decode_digits(w) == s
        return w, True
    sep = "-" if rng.random() < 0.8 else " "
    return s[:3] + sep + s[3:5] + sep + s[5:], False


def gen_card(ctx, tag, amex=False):
    if amex:
        pre, n = rng.choice(["34", "37"]), 15
    else:
        kind = rng.choices(["visa", "mc", "mc2", "disc", "amex"], [45, 25, 6, 10, 14])[0]
        if kind == "visa":
            pre, n = "4", 16
        elif kind == "mc":
            pre, n = str(rng.randint(51, 55)), 16
        elif kind == "mc2":
            pre, n = str(rng.randint(2221, 2720)), 16
        elif kind == "disc":
            pre, n = rng.choice(["6011", "65"]), 16
        else:
            pre, n = rng.choice(["34", "37"]), 15
    body = pre + "".join(str(rng.randint(0, 9)) for _ in range(n - len(pre) - 1))
    num = luhn_complete(body)
    assert card_ok(num)
    return num


def card_groups(num):
    if len(num) == 15:
        return [num[:4], num[4:10], num[10:]]
    return [num[i:i + 4] for i in range(0, len(num), 4)]


def render_card(num, var):
    g = card_groups(num)
    if var == "w":
        parts = []
        for grp in g:
            parts.append(say_four(grp) if len(grp) == 4 and rng.random() < 0.3 else say_digits(grp))
        w = " ".join(parts)
        assert decode_digits(w) == num
        return w, True
    r = rng.random()
    if r < 0.6:
        return " ".join(g), False
    if r < 0.75:
        return "-".join(g), False
    return num, False


def gen_iban(ctx, tag):
    cc = tag if tag in IBAN_LEN else rng.choice(sorted(IBAN_LEN))
    d = lambda k: "".join(str(rng.randint(0, 9)) for _ in range(k))
    if cc == "GB":
        bban = rng.choice(["BARC", "HBUK", "NWBK", "LOYD", "MIDL"]) + d(14)
    elif cc == "IE":
        bban = rng.choice(["AIBK", "BOFI"]) + d(14)
    elif cc == "NL":
        bban = rng.choice(["ABNA", "INGB", "RABO"]) + d(10)
    else:
        bban = d(IBAN_LEN[cc] - 4)
    chk = 98 - iban_mod(cc + "00" + bban)
    iban = cc + "%02d" % chk + bban
    assert iban_ok(iban)
    return iban


def render_iban(iban, var):
    if rng.random() < 0.7:
        return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)), False
    return iban, False


def gen_aba(ctx, tag):
    while True:
        p = rng.choice(list(range(1, 13)) + list(range(21, 33)))
        body = "%02d" % p + "".join(str(rng.randint(0, 9)) for _ in range(6))
        w = [3, 7, 1, 3, 7, 1, 3, 7]
        s = sum(int(a) * b for a, b in zip(body, w))
        r = body + str((10 - s % 10) % 10)
        if aba_ok(r):
            return r


def render_digits(v, var, group=None):
    if var == "w":
        if group:
            w = " ".join(say_digits(v[i:i + group]) for i in range(0, len(v), group))
        else:
            w = say_digits(v)
        assert decode_digits(w) == v
        return w, True
    return v, False


def gen_bank(ctx, tag):
    n = 7 if ctx.country == "CA" else rng.choice([8, 9, 10, 10, 11, 12])
    while True:
        v = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))
        if not aba_ok(v):
            return v


def nonluhn_digits(n, first=None):
    while True:
        v = (first or str(rng.randint(1, 9))) + "".join(
            str(rng.randint(0, 9)) for _ in range(n - len(first or "x")))
        if not (13 <= n <= 19 and luhn_ok(v)) and not aba_ok(v):
            return v


def gen_uacct(ctx, tag):
    style = rng.choice(["spaced", "plain", "dash", "plain"])
    n = rng.choice([10, 11, 12])
    v = nonluhn_digits(n)
    if style == "spaced":
        disp = " ".join(v[i:i + 4] for i in range(0, n, 4))
    elif style == "dash":
        disp = v[:-1] + "-" + v[-1]
    else:
        disp = v
    return (v, disp)


def gen_tacct(ctx, tag):
    style = rng.choice(["nine", "twelve", "verizon", "comcast"])
    if style == "nine":
        v = nonluhn_digits(9)
        disp = v
    elif style == "twelve":
        v = nonluhn_digits(12)
        disp = rng.choice([v, v[:4] + " " + v[4:8] + " " + v[8:]])
    elif style == "verizon":
        a = nonluhn_digits(9)
        v = a + "00001"
        disp = a + "-00001"
    else:
        v = nonluhn_digits(16, first="8")
        disp = " ".join(v[i:i + 4] for i in range(0, 16, 4))
    return (v, disp)


def rand_letters(k, pool="ABCDEFGHJKLMNPRSTUVWXYZ"):
    return "".join(rng.choice(pool) for _ in range(k))


def gen_pol(ctx, tag):
    style = rng.choice(["ho", "pa", "three", "digits"])
    if style == "ho":
        v = "HO" + nonluhn_digits(7)
        disp = v[:2] + "-" + v[2:]
    elif style == "pa":
        v = "PA" + nonluhn_digits(10)
        disp = v
    elif style == "three":
        v = rand_letters(3) + nonluhn_digits(9)
        disp = v[:3] + " " + v[3:]
    else:
        v = nonluhn_digits(10)
        disp = v[:4] + "-" + v[4:7] + "-" + v[7:]
    return (v, disp)


def gen_loy(ctx, tag):
    style = rng.choice(["nine", "ten", "alnum", "eleven"])
    if style == "nine":
        v = nonluhn_digits(9)
        disp = rng.choice([v, v[:3] + " " + v[3:6] + " " + v[6:]])
    elif style == "ten":
        v = nonluhn_digits(10)
        disp = v
    elif style == "eleven":
        v = nonluhn_digits(11)
        disp = v
    else:
        while True:
            v = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(7))
            if sum(c.isdigit() for c in v) >= 3 and sum(c.isalpha() for c in v) >= 2:
                break
        disp = v
    return (v, disp)


def gen_cust(ctx, tag):
    style = rng.choice(["member", "cid", "ten", "retail"])
    if style == "member":
        v = "00" + nonluhn_digits(7)
        disp = v
    elif style == "cid":
        v = "C" + nonluhn_digits(8)
        disp = "C-" + v[1:]
    elif style == "ten":
        v = nonluhn_digits(10)
        disp = v
    else:
        v = nonluhn_digits(12)
        disp = " ".join(v[i:i + 4] for i in range(0, 12, 4))
    return (v, disp)


def render_acct(val, var):
    v, disp = val
    if var == "w":
        if v.isdigit():
            grp = rng.choice([None, 3, 4])
            if grp:
                w = " ".join(say_digits(v[i:i + grp]) for i in range(0, len(v), grp))
            else:
                w = say_digits(v)
            assert decode_digits(w) == v
        else:
            w = say_alnum(v)
            assert decode_alnum(w) == v
        return w, True
    assert canon_alnum(disp) == v
    return disp, False


def gen_dob(ctx, tag, kid=False):
    y = rng.randint(2008, 2019) if kid else rng.randint(1944, 2003)
    return (y, rng.randint(1, 12), rng.randint(1, 28))


def year_words(y):
    if y < 2000:
        yy = y % 100
        return "nineteen " + (("oh " + ONES[yy]) if yy < 10 else two_digit_words(yy))
    r = y - 2000
    if r == 0:
        return "two thousand"
    opts = ["two thousand " + two_digit_words(r), "two thousand and " + two_digit_words(r)]
    opts.append("twenty oh " + ONES[r] if r < 10 else "twenty " + two_digit_words(r))
    return rng.choice(opts)


def parse_year(tokens):
    if tokens[:2] == ["two", "thousand"]:
        rest = [t for t in tokens[2:] if t != "and"]
        return 2000 + (int(decode_digits(" ".join(rest))) if rest else 0)
    return int(decode_digits(" ".join(tokens)))


DAY_WORDS = {}
for _n in range(1, 32):
    DAY_WORDS[ordinal_words(_n)] = _n
    DAY_WORDS[two_digit_words(_n)] = _n


def parse_day(tokens):
    if len(tokens) >= 2 and " ".join(tokens[:2]) in DAY_WORDS:
        return DAY_WORDS[" ".join(tokens[:2])], 2
    return DAY_WORDS[tokens[0]], 1


def decode_dob_named(s):
    toks = s.split()
    if toks[0] == "the":
        i = toks.index("of")
        day, _ = parse_day(toks[1:i])
        month = MONTHS.index(toks[i + 1]) + 1
        return parse_year(toks[i + 2:]), month, day
    month = MONTHS.index(toks[0]) + 1
    day, k = parse_day(toks[1:])
    return parse_year(toks[1 + k:]), month, day


def render_dob(val, var):
    y, m, d = val
    if var == "w":
        form = rng.choice(["md", "md", "mc", "the", "num"])
        if form == "num":
            if m < 10 and rng.random() < 0.5:
                mw, ms = "oh " + ONES[m], "0%d" % m
            else:
                mw, ms = two_digit_words(m), str(m)
            if d < 10 and rng.random() < 0.5:
                dw, ds = "oh " + ONES[d], "0%d" % d
            else:
                dw, ds = two_digit_words(d), str(d)
            if rng.random() < 0.5:
                yw, ys = pair_words("%02d" % (y % 100)), "%02d" % (y % 100)
            else:
                yw, ys = year_words(y), str(y)
                if yw.startswith("two thousand"):
                    yw, ys = "twenty " + pair_words("%02d" % (y % 100)), str(y)
            w = " ".join([mw, dw, yw])
            assert decode_digits(w) == ms + ds + ys, (w, ms + ds + ys)
            return w, True
        if form == "md":
            w = "%s %s %s" % (MONTHS[m - 1], ordinal_words(d), year_words(y))
        elif form == "mc":
            w = "%s %s %s" % (MONTHS[m - 1], two_digit_words(d), year_words(y))
        else:
            w = "the %s of %s %s" % (ordinal_words(d), MONTHS[m - 1], year_words(y))
        assert decode_dob_named(w) == (y, m, d), w
        return w, True
    fmt = rng.choice(["a", "b", "c", "d", "e", "f", "g"])
    out = {"a": "%02d/%02d/%d" % (m, d, y), "b": "%d/%d/%d" % (m, d, y),
           "c": "%s %d, %d" % (MON_T[m - 1], d, y), "d": "%d-%02d-%02d" % (y, m, d),
           "e": "%d %s %d" % (d, MON3[m - 1], y), "f": "%d/%d/%02d" % (m, d, y % 100),
           "g": "%s %s, %d" % (MON_T[m - 1], ordinal_suffix(d), y)}[fmt]
    return out, False


def gen_addr(ctx, tag):
    L = rng.choices([1, 2, 3, 4, 5], [3, 10, 35, 42, 10])[0]
    num = rng.randint(10 ** (L - 1) if L > 1 else 1, 10 ** L - 1)
    if ctx.country == "CA" and ctx.city[1] == "QC" and rng.random() < 0.5:
        street = rng.choice(STREETS_QC)
        return dict(num=num, typed=street, spoken=low(street), unit=None)
    unit = None
    if rng.random() < 0.1:
        unit = str(rng.randint(1, 30)) + rng.choice(["", "", "A", "B"])
    if rng.random() < 0.12:
        n = rng.randint(2, 99)
        name_t, name_s = ordinal_suffix(n), ordinal_words(n)
    else:
        pool = STREETS_COMMON + (STREETS_CA if ctx.country == "CA" else STREETS_US)
        name_t = rng.choice(pool)
        name_s = low(name_t)
    suf = rng.choice(SUFFIXES + ([("Crescent", "Cres")] if ctx.country == "CA" else []))
    typed_suf = suf[1] if rng.random() < 0.55 else suf[0]
    pre_t = pre_s = ""
    if ctx.country == "US" and rng.random() < 0.12:
        dd = rng.choice(DIRS)
        pre_t, pre_s = dd[0] + " ", dd[1] + " "
    return dict(num=num, typed=pre_t + name_t + " " + typed_suf,
                spoken=pre_s + name_s + " " + suf[0].lower(), unit=unit, ca=ctx.country == "CA")


def render_addr(a, var):
    if var == "w":
        hw = say_house(a["num"])
        if decode_digits(hw) != str(a["num"]):  # e.g. 90794 -> ambiguous "ninety seven ..."
            hw = say_digits(str(a["num"]), dbl=0.15)
        assert int(decode_digits(hw)) == a["num"], (hw, a["num"])
        w = hw + " " + a["spoken"]
        if a["unit"]:
            uw = say_alnum(a["unit"])
            assert decode_alnum(uw) == a["unit"]
            w = rng.choice(["apartment ", "apt ", "unit "]) + uw + " " + w
        return w, True
    if var == "l":  # whisper-ish lower with digits
        return ("%d %s" % (a["num"], a["spoken"])), False
    base = "%d %s" % (a["num"], a["typed"])
    if a["unit"]:
        if a.get("ca"):
            base = "%s-%s" % (a["unit"], base)
        else:
            base = base + rng.choice([" Apt ", " Unit ", " #"]) + a["unit"]
    return base, False


def gen_zip(ctx, tag):
    if ctx.country == "CA":
        L = POSTAL_L.replace("W", "").replace("Z", "")
        v = ctx.city[3] + str(rng.randint(1, 9)) + rng.choice(POSTAL_L) + " " + str(
            rng.randint(0, 9)) + rng.choice(POSTAL_L) + str(rng.randint(0, 9))
        assert v[0] in L and CA_POSTAL_RE.fullmatch(v)
        return v
    z = ctx.city[3] + "%02d" % rng.randint(1, 99)
    if rng.random() < 0.2:
        z += "-%04d" % rng.randint(1, 9999)
    assert zip_ok(z)
    return z


def render_zip(z, var):
    if var == "w":
        if z[0].isalpha():
            w = say_alnum(z.replace(" ", ""))
            assert decode_alnum(w) == z.replace(" ", "")
        else:
            w = say_digits(z[:5])
            assert decode_digits(w) == z[:5]
        return w, True
    if z[0].isalpha():
        return (z.replace(" ", "") if rng.random() < 0.15 else z), False
    return z, False


def gen_ip(ctx, tag):
    if rng.random() < 0.35:
        v = rng.choice(["192.168.0.%d" % rng.randint(2, 254), "192.168.1.%d" % rng.randint(2, 254),
                        "10.0.0.%d" % rng.randint(2, 254), "192.168.0.1", "192.168.1.1",
                        "10.0.0.1", "172.16.%d.%d" % (rng.randint(0, 31), rng.randint(2, 254))])
    else:
        first = rng.choice([24, 47, 50, 64, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 96, 97, 98,
                            99, 104, 107, 108, 142, 173, 174, 184, 204, 206, 207, 208])
        v = "%d.%d.%d.%d" % (first, rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))
    ipaddress.IPv4Address(v)
    return v


def say_octet(o):
    if o < 10 or rng.random() < 0.45:
        return say_digits(str(o), dbl=0.2)
    if o < 100:
        return two_digit_words(o)
    s = str(o)
    return ONES[int(s[0])] + " " + ("hundred" if s[1:] == "00" else pair_words(s[1:]))


def render_ip(v, var):
    if var == "w":
        sep = " dot " if rng.random() < 0.85 else " point "
        w = sep.join(say_octet(int(o)) for o in v.split("."))
        back = ".".join(str(int(decode_digits(x))) for x in re.split(r" dot | point ", w))
        assert back == v, (w, v)
        return w, True
    return v, False


def gen_ip6(ctx, tag):
    pre = rng.choice([[0x2600, 0x1700], [0x2601, rng.randint(0x100, 0xfff)], [0x2607, 0xfea8],
                      [0x2001, 0x569], [0x2604, 0x3d08], [0x2603, 0x8080], [0x2605, 0xa601]])
    rest = [rng.randint(0, 0xffff) for _ in range(6 - len(pre) + 2)]
    if rng.random() < 0.6:
        rest[2] = rest[3] = 0
    words = pre + rest
    assert len(words) == 8
    addr = ipaddress.IPv6Address(":".join("%x" % x for x in words))
    return addr.compressed


DL_FMT = {"CA": "L7", "TX": "D8", "FL": "FL", "NY": "D9", "IL": "IL", "OH": "LL6", "MI": "L12",
          "GA": "D9", "AZ": "L8", "WA": "WA", "CO": "CO", "NC": "D12", "MN": "L12", "NJ": "L14",
          "TN": "D9", "NM": "D9", "NE": "L8", "ID": "LL6L", "VA": "L8", "MD": "L12", "WI": "L13",
          "MO": "L9", "HI": "H8", "AK": "D7", "OR": "D7"}


def gen_dl(ctx, tag):
    f = DL_FMT[ctx.city[1]]
    d = lambda k: "".join(str(rng.randint(0, 9)) for _ in range(k))
    L = lambda k: rand_letters(k, "ABCDEFGHJKLMNPRSTUVWXYZ")
    if f == "FL":
        v = L(1) + d(12)
        disp = "%s-%s-%s-%s-%s" % (v[:4], v[4:7], v[7:9], v[9:12], v[12:])
    elif f == "IL":
        v = L(1) + d(11)
        disp = "%s-%s-%s" % (v[:4], v[4:8], v[8:])
    elif f == "WA":
        v = "WDL" + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(9))
        disp = v
    elif f == "CO":
        v = str(rng.randint(1, 9)) + d(8)
        disp = "%s-%s-%s" % (v[:2], v[2:5], v[5:])
    elif f == "H8":
        v = "H" + d(8)
        disp = v
    elif f == "LL6":
        v = L(2) + d(6)
        disp = v
    elif f == "LL6L":
        v = L(2) + d(6) + L(1)
        disp = v
    elif f.startswith("L"):
        v = L(1) + d(int(f[1:]))
        disp = v
    else:
        v = str(rng.randint(1, 9)) + d(int(f[1:]) - 1)
        disp = v
    return (v, disp)


def gen_pp(ctx, tag):
    if rng.random() < 0.35:
        v = rng.choice("ACEFGHJKLMNPRSTUVWXYZ") + "".join(str(rng.randint(0, 9)) for _ in range(8))
    else:
        v = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(8))
    return (v, v)


def gen_mrn(ctx, tag):
    if rng.random() < 0.5:
        v = rand_letters(3) + nonluhn_digits(9)
        disp = v
    else:
        v = nonluhn_digits(rng.choice([8, 9, 10]), first="0")
        disp = v
    return (v, disp)


EMAIL_DOMAINS_US = ["gmail.com"] * 6 + ["yahoo.com"] * 2 + ["outlook.com", "hotmail.com",
                    "icloud.com", "aol.com", "comcast.net", "att.net", "verizon.net",
                    "protonmail.com"]
EMAIL_DOMAINS_CA = ["gmail.com"] * 5 + ["hotmail.com", "outlook.com", "yahoo.ca", "rogers.com",
                    "sympatico.ca", "shaw.ca", "videotron.ca", "live.ca", "icloud.com",
                    "telus.net"]
DOMAIN_SPOKEN = {"gmail": ["gmail", "g mail"], "icloud": ["icloud", "i cloud"],
                 "hotmail": ["hotmail", "hot mail"], "att": ["a t t"], "aol": ["a o l", "aol"],
                 "protonmail": ["protonmail", "proton mail"]}


def name_tokens(n):
    return [t for t in re.split(r"[\s\-']+", fold(n).lower()) if t]


def gen_email_for(ctx, first, last):
    f, l = name_tokens(first), name_tokens(last)
    yy = "%02d" % rng.randint(60, 99) if rng.random() < 0.6 else "%02d" % rng.randint(0, 5)
    pat = rng.choice(["f.l", "fl", "il", "f_l", "fnn", "lin", "f.lnn", "fl.n", "iln"])
    # tokens: ("w", word) | ("d", digits) | ("s", sep)
    if pat == "f.l":
        toks = [("w", x) for x in f] + [("s", ".")] + [("w", x) for x in l]
    elif pat == "fl":
        toks = [("w", x) for x in f] + [("w", x) for x in l]
    elif pat == "il":
        toks = [("w", f[0][0])] + [("w", x) for x in l]
    elif pat == "f_l":
        toks = [("w", x) for x in f] + [("s", "_")] + [("w", x) for x in l]
    elif pat == "fnn":
        toks = [("w", x) for x in f] + [("d", yy)]
    elif pat == "lin":
        toks = [("w", x) for x in l] + [("w", f[0][0])] + [("d", yy)]
    elif pat == "f.lnn":
        toks = [("w", x) for x in f] + [("s", ".")] + [("w", x) for x in l] + [("d", yy)]
    elif pat == "fl.n":
        toks = [("w", x) for x in f] + [("w", x) for x in l] + [("s", ".")] + [
            ("d", str(rng.randint(1, 9)))]
    else:
        toks = [("w", f[0][0])] + [("w", x) for x in l] + [("d", "%d" % rng.randint(1, 999))]
    dom = rng.choice(EMAIL_DOMAINS_CA if ctx.country == "CA" else EMAIL_DOMAINS_US)
    local = "".join(t[1] for t in toks)
    addr = local + "@" + dom
    assert re.fullmatch(r"[a-z0-9._]+@[a-z0-9.]+\.[a-z]{2,}", addr), addr
    return dict(addr=addr, toks=toks, dom=dom)


def gen_email(ctx, tag):
    return gen_email_for(ctx, ctx.first, ctx.last)


def gen_oemail(ctx, tag):
    return gen_email_for(ctx, ctx.ofirst, ctx.olast)


def render_email(e, var):
    if var != "w":
        return e["addr"], False
    parts = []
    for kind, t in e["toks"]:
        if kind == "w":
            parts.append(t)
        elif kind == "s":
            parts.append({".": "dot", "_": "underscore"}[t])
        else:
            if len(t) == 2 and t[0] != "0" and rng.random() < 0.6:
                parts.append(two_digit_words(int(t)))
            else:
                parts.append(say_digits(t))
    host, tld = e["dom"].rsplit(".", 1)
    hostw = rng.choice(DOMAIN_SPOKEN.get(host, [host]))
    w = " ".join(parts) + " at " + hostw + " dot " + tld
    # decode
    out, run = [], []
    for t in w.split():
        if is_num_word(t):
            run.append(t)
            continue
        if run:
            out.append(decode_digits(" ".join(run)))
            run = []
        out.append({"at": "@", "dot": ".", "underscore": "_"}.get(t, t))
    if run:
        out.append(decode_digits(" ".join(run)))
    assert "".join(out) == e["addr"], (w, e["addr"])
    return w, True


def render_name(n, var):
    return (low(n) if var == "l" else n), False


# kind -> (entity type, generator, renderer)
ENT = {
    "first": ("PERSON", lambda c, t: c.first, render_name),
    "last": ("PERSON", lambda c, t: c.last, render_name),
    "full": ("PERSON", lambda c, t: c.first + " " + c.last, render_name),
    "rev": ("PERSON", lambda c, t: c.last + " " + c.first, render_name),
    "ofirst": ("PERSON", lambda c, t: c.ofirst, render_name),
    "other": ("PERSON", lambda c, t: c.ofirst + " " + c.olast, render_name),
    "agent": ("PERSON", lambda c, t: c.agent, render_name),
    "phone": ("PHONE_NUMBER", gen_phone, render_phone),
    "email": ("EMAIL_ADDRESS", gen_email, render_email),
    "oemail": ("EMAIL_ADDRESS", gen_oemail, render_email),
    "ssn": ("US_SSN", gen_ssn, render_ssn),
    "cc": ("CREDIT_CARD", gen_card, render_card),
    "amex": ("CREDIT_CARD", lambda c, t: gen_card(c, t, amex=True), render_card),
    "iban": ("IBAN_CODE", gen_iban, render_iban),
    "aba": ("ABA_ROUTING_NUMBER", gen_aba, lambda v, var: render_digits(v, var, rng.choice([None, 3]))),
    "bank": ("US_BANK_NUMBER", gen_bank, lambda v, var: render_digits(v, var, rng.choice([None, 3, 4]))),
    "uacct": ("ACCOUNT_NUMBER", gen_uacct, render_acct),
    "tacct": ("ACCOUNT_NUMBER", gen_tacct, render_acct),
    "pol": ("ACCOUNT_NUMBER", gen_pol, render_acct),
    "loy": ("ACCOUNT_NUMBER", gen_loy, render_acct),
    "cust": ("ACCOUNT_NUMBER", gen_cust, render_acct),
    "dob": ("DATE_OF_BIRTH", gen_dob, render_dob),
    "kdob": ("DATE_OF_BIRTH", lambda c, t: gen_dob(c, t, kid=True), render_dob),
    "addr": ("STREET_ADDRESS", gen_addr, render_addr),
    "zip": ("ZIP_CODE", gen_zip, render_zip),
    "ip": ("IP_ADDRESS", gen_ip, render_ip),
    "ip6": ("IP_ADDRESS", gen_ip6, lambda v, var: (v, False)),
    "dl": ("US_DRIVER_LICENSE", gen_dl, render_acct),
    "pp": ("US_PASSPORT", gen_pp, render_acct),
    "mrn": ("MEDICAL_RECORD_NUMBER", gen_mrn, render_acct),
}


def validate(etype, kind, val, surface):
    """Re-validate every value against the rules of its type."""
    if etype == "PHONE_NUMBER":
        assert nanp_ok(val)
    elif etype == "US_SSN":
        assert ssn_ok(val)
    elif etype == "CREDIT_CARD":
        assert card_ok(val)
    elif etype == "IBAN_CODE":
        assert iban_ok(val) and iban_ok(surface)
    elif etype == "ABA_ROUTING_NUMBER":
        assert aba_ok(val)
    elif etype == "US_BANK_NUMBER":
        assert val.isdigit() and 7 <= len(val) <= 12
    elif etype == "ZIP_CODE":
        assert zip_ok(val) or CA_POSTAL_RE.fullmatch(val)
    elif etype == "IP_ADDRESS":
        ipaddress.ip_address(val)
    elif etype == "EMAIL_ADDRESS":
        assert "@" in val["addr"]
    elif etype == "DATE_OF_BIRTH":
        import datetime
        datetime.date(*val)
    if etype in ("CREDIT_CARD", "US_SSN", "ABA_ROUTING_NUMBER", "US_BANK_NUMBER", "PHONE_NUMBER") \
            and surface[0].isdigit() or surface.startswith(("+", "(")):
        digits = re.sub(r"\D", "", surface)
        if etype == "PHONE_NUMBER" and len(digits) == 11:
            digits = digits[1:]
        assert digits == val, (surface, val)


# ---------------------------------------------------------------------------
# non-PII fillers (hard negatives)
# ---------------------------------------------------------------------------
AIRLINES = {"AC": "air canada", "WS": "westjet", "UA": "united", "DL": "delta", "AA": "american",
            "B6": "jetblue", "AS": "alaska", "WN": "southwest", "PD": "porter"}


def neg_money(var, ctx):
    if var == "w":
        d = rng.choice([rng.randint(12, 99), rng.randint(100, 999), rng.randint(1000, 2500)])
        c = rng.randint(1, 99)
        if rng.random() < 0.5:
            return number_words(d) + " dollars and " + two_digit_words(c) + " cents"
        return number_words(d) + rng.choice([" dollars", " bucks"])
    d = rng.choice([rng.randint(5, 99), rng.randint(100, 999), rng.randint(1000, 4999)])
    return "${:,}.{:02d}".format(d, rng.randint(0, 99))


def neg_last4(var, ctx):
    v = "%04d" % rng.randint(0, 9999)
    return say_four(v) if var == "w" else v


def neg_conf(var, ctx):
    v = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
    return say_alnum(v) if var == "w" else v


def neg_flight(var, ctx):
    code = rng.choice(sorted(AIRLINES))
    n = rng.choice([rng.randint(100, 999), rng.randint(1000, 2499)])
    if var == "w":
        s = str(n)
        spoken = (ONES[int(s[0])] + " " + pair_words(s[1:])) if len(s) == 3 else (
            pair_words(s[:2]) + " " + pair_words(s[2:]))
        return AIRLINES[code] + " " + spoken
    return code + rng.choice([" ", ""]) + str(n)


def neg_order(var, ctx):
    if var == "w":
        return say_digits("".join(str(rng.randint(0, 9)) for _ in range(rng.choice([8, 9, 10]))))
    r = rng.random()
    if r < 0.3:
        return "%03d-%07d-%07d" % (rng.randint(100, 999), rng.randint(0, 9999999), rng.randint(0, 9999999))
    if r < 0.55:
        return "W" + "".join(str(rng.randint(0, 9)) for _ in range(10))
    if r < 0.8:
        return "#" + str(rng.randint(10000000, 99999999))
    return "BBY01-" + "".join(str(rng.randint(0, 9)) for _ in range(12))


def neg_case(var, ctx):
    if var == "w":
        return say_digits("".join(str(rng.randint(0, 9)) for _ in range(rng.choice([7, 8]))))
    return rng.choice(["CS-%07d" % rng.randint(0, 9999999), "INC%07d" % rng.randint(0, 9999999),
                       "%08d" % rng.randint(0, 99999999), "CLM-%07d" % rng.randint(0, 9999999),
                       "RMA-%05d" % rng.randint(0, 99999), "TKT%06d" % rng.randint(0, 999999)])


def neg_track(var, ctx):
    r = rng.random()
    if r < 0.4:
        return "1Z" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXY") for _ in range(16))
    if r < 0.7:
        v = "".join(str(rng.randint(0, 9)) for _ in range(12))
        return " ".join(v[i:i + 4] for i in range(0, 12, 4))
    if r < 0.85:
        return "94" + "".join(str(rng.randint(0, 9)) for _ in range(20))
    return rand_letters(2) + "".join(str(rng.randint(0, 9)) for _ in range(9)) + "CA"


def neg_bagtag(var, ctx):
    code = rng.choice(sorted(AIRLINES))
    v = code + "".join(str(rng.randint(0, 9)) for _ in range(6))
    return say_alnum(v) if var == "w" else v


def neg_store(var, ctx):
    n = rng.randint(100, 2999)
    if var == "w":
        s = str(n)
        return (ONES[int(s[0])] + " " + pair_words(s[1:])) if len(s) == 3 else (
            pair_words(s[:2]) + " " + pair_words(s[2:]))
    return "%04d" % n if rng.random() < 0.4 else str(n)


NEG = {
    "money": neg_money, "last4": neg_last4, "conf": neg_conf, "flight": neg_flight,
    "order": neg_order, "case": neg_case, "track": neg_track, "bagtag": neg_bagtag,
    "store": neg_store,
    "city": lambda var, c: low(c.city[0]) if var == "l" else c.city[0],
    "state": lambda var, c: c.city[2] if var == "l" else c.city[1],
}

# ---------------------------------------------------------------------------
# hand-written frames: (domain, style, country, text)
#   country: "US" / "CA" / None (random, mostly US)
#   slots: {kind.variant#tag}; variants: t title, l lower, w spoken words,
#   d typed digits, e E.164, p parenthesised
# ---------------------------------------------------------------------------
FRAMES = [
    # ======================= POSITIVE FRAMES =======================
    # ---- bank ----
    ("bank", "asr", "US", "yeah hi um my name is {full.l} and uh i'm calling cause there's a charge on my debit card that i definitely did not make"),
    ("bank", "asr", None, "okay so it's under {full.l} date of birth {dob.w} and the last four of my social is {last4.w}"),
    ("bank", "asr", None, "Sure. It's {full.t}, date of birth {dob.d}, and the number on file should be {phone.d}."),
    ("bank", "asr", "US", "i'm trying to set up direct deposit for my new job so the routing is {aba.w} and the account number is uh {bank.w}"),
    ("bank", "asr", "US", "Okay, the routing number is {aba.d} and my checking account is {bank.d}. Is that what you need?"),
    ("bank", "typed", "US", "Customer: hi i need to change my mailing address\nAgent: Sure thing! What's the new address?\nCustomer: {addr.t}, {city.t}, {state.t} {zip.d}"),
    ("bank", "typed", None, "Caller {full.t} verified via DOB + last 4 SSN. Reports debit card ending {last4.d} stolen from vehicle overnight. Card blocked, replacement to address on file, 5-7 business days."),
    ("bank", "asr", "US", "oh you need the full social okay it's {ssn.w} sorry i had to go find the card"),
    ("bank", "asr", "US", "My Social is {ssn.d}. I know you only asked for the last four, but I'd rather just give you the whole thing."),
    ("bank", "asr", None, "hi yes i'm calling about my mom's accounts {other.l#f} she passed away in january and i'm the executor"),
    ("card", "typed", None, "Hello,\n\nI'd like to dispute a transaction of {money.d} posted on 01/18. My card number is {cc.d}. I never received the item and the merchant won't answer.\n\nThanks,\n{full.t}"),
    ("card", "asr", None, "okay the card number is {cc.w} and the expiration is oh four twenty seven"),
    ("bank", "asr", "CA", "It's {full.t}. I bank at the Yonge and Eglinton branch, account number {bank.d}, and the transit is 04512."),
    ("bank", "typed", "CA", "Name: {full.t}\nDOB: {dob.d}\nAddress: {addr.t}, {city.t} {state.t} {zip.d}\nPhone: {phone.d}\nEmail: {email.d}"),
    ("bank", "asr", None, "can you just email it to me instead it's {email.w}"),
    ("telecom", "asr", None, "yeah the number on the account should be {phone.w} unless my husband changed it again"),
    ("bank", "typed", "US", "Wire request: beneficiary {other.t}, IBAN {iban.d}, amount USD 2,500.00. Customer {full.t} confirmed purpose as family support. Callback completed."),
    ("bank", "asr", "US", "I'm sending money to my sister in Madrid, and the IBAN she gave me is {iban.d#ES}. Does that look right to you?"),
    ("bank", "asr", "US", "i moved last month so the new address is {addr.w} in {city.l} zip code {zip.w}"),
    ("bank", "asr", None, "uh yeah my name's {full.l} and i'm locked out of online banking it keeps saying too many attempts"),
    # ---- fintech ----
    ("fintech", "typed", None, "Customer: I can't log in, the app keeps sending the code to an old email\nAgent: I can help with that. What email would you like on the account?\nCustomer: {email.d}\nAgent: Thanks {first.t}, I've sent a verification link."),
    ("fintech", "asr", "US", "so i sent two hundred dollars on the app to {other.l} and it's been pending since friday"),
    ("fintech", "asr", None, "Yeah, I tried logging in from my work laptop and it flagged me. The IP would've been {ip.d}, if that helps."),
    ("fintech", "asr", None, "the email is {email.w} and it's my old one i don't have access to it anymore"),
    ("fintech", "typed", None, "Account recovery ticket #558201 - user states registered email {email.d} was compromised. New contact phone {phone.d}. Identity docs pending review."),
    ("fintech", "asr", "US", "okay and then it's asking for my full social which is {ssn.w} is that like safe to put in there"),
    ("fintech", "typed", "US", "Hi, I'm trying to link my bank to your app for payouts. Routing {aba.d}, account {bank.d}. It keeps saying the micro-deposits failed. - {first.t}"),
    ("fintech", "asr", "CA", "yeah i'm trying to do an interac e-transfer to {other.l#f} and it's asking for her email which is {oemail.w}"),
    ("fintech", "asr", None, "Hi, this is {full.t}. I got a text saying someone logged into my account from a new device, and the IP it showed was {ip.d}."),
    # ---- card ----
    ("card", "asr", "US", "the card's a visa it's {cc.w} and i'm looking at a charge from some gas station in {city.l} i've never even been to"),
    ("card", "typed", None, "Agent note: Cardholder {full.t} disputes 3 charges totaling $1,306.47 from an online merchant. Card {cc.d} closed and reissued. Provisional credit issued."),
    ("card", "asr", None, "Yeah, it's the Amex. {amex.d}. The charge is from a hotel I cancelled back in June."),
    ("card", "asr", None, "i'm calling to activate my new card the number is {cc.w} and the sticker said to call this line"),
    ("card", "asr", "US", "Yes, I applied last week. My name is {full.t}, Social {ssn.d}, and I'm just checking on the status."),
    # ---- telecom ----
    ("telecom", "asr", None, "hi um i'm porting my number over from another carrier the number's {phone.w} and my account number with them is {tacct.w}"),
    ("telecom", "typed", None, "Port-in request: number {phone.d}, losing carrier acct {tacct.d}, acct holder {full.t}. PIN verified. Port window 24h."),
    ("telecom", "asr", "CA", "Yeah, my account number is {tacct.d}. I've been with you guys for like twelve years, and this bill is way higher than last month."),
    ("telecom", "asr", None, "uh my account number i think it's {tacct.w} hold on let me check the bill yeah that's it"),
    ("telecom", "asr", None, "you can call me back at {phone.w} or my wife's cell is {phone.w#2}"),
    ("telecom", "typed", "US", "Agent: For security, can I get the name on the account?\nCustomer: {full.t}\nAgent: And the billing zip?\nCustomer: {zip.d}\nAgent: Thank you, you're verified."),
    ("telecom", "asr", None, "The phone on the account is {phone.d}, and it's under my dad's name, {other.t#m}."),
    ("telecom", "asr", "US", "so the tech is supposed to come to {addr.w} between eight and twelve tomorrow and nobody's called me"),
    # ---- cable / internet ----
    ("cable", "asr", None, "okay so it's asking me for the i p address of the router it says {ip.w} is that right"),
    ("cable", "asr", None, "Okay, so under WAN it says the IP address is {ip.d}, and the default gateway is {ip.d#2}."),
    ("cable", "typed", None, "Cust reports intermittent drops on 500 Mbps plan. Modem public IP {ip.d}, IPv6 {ip6.d}. Signal levels OK. Escalated to Tier 2."),
    ("cable", "asr", None, "yeah the account is under {full.l} at {addr.w}"),
    ("cable", "typed", None, "Customer: hi, my internet's been down since this morning\nAgent: I'm sorry about that! Can I get the service address?\nCustomer: {addr.t}, {city.t}\nAgent: Thanks. I see an outage in your area."),
    ("cable", "asr", None, "Um, it shows an IPv6 address too, it's like {ip6.d}, does that matter?"),
    # ---- utility ----
    ("utility", "asr", "US", "hi i'm calling to start service at a new address it's {addr.w} and i'd like it to start on the first"),
    ("utility", "asr", None, "My account number's {uacct.d}, and I got a disconnect notice, but I paid on the fifth."),
    ("utility", "asr", None, "account number is {uacct.w} and the name on it is {full.l}"),
    ("utility", "typed", "CA", "Customer {full.t}, acct {uacct.d}, service addr {addr.t}, {city.t}. Requested equal billing plan. Approved, $148/mo starting next cycle."),
    ("utility", "asr", None, "Yes, this is {first.t}. I'm moving out of {addr.t} on the thirtieth and need to stop service."),
    ("utility", "asr", "US", "for the autopay the routing is {aba.w} and checking is {bank.w}"),
    ("utility", "typed", "US", "Subject: Final bill dispute\n\nMy account number is {uacct.d}. I moved out of {addr.t} on March 1 but I was billed through March 31. Please correct this.\n\n{full.t}\n{phone.d}"),
    # ---- insurance / health ----
    ("insurance", "asr", None, "yeah my policy number is {pol.w} and i'm calling about a claim for my car"),
    ("insurance", "asr", None, "The policy's under my wife, {other.t#f}. Policy number {pol.d}."),
    ("insurance", "typed", "US", "FNOL: insured {full.t}, policy {pol.d}, DOB {dob.d}. Rear-end collision at Main St & 3rd Ave, no injuries. Claim #CLM-2291847 opened."),
    ("insurance", "asr", "US", "okay my driver's license number is {dl.w} it's a {state.l} license"),
    ("insurance", "asr", "US", "The driver was my son, {ofirst.t#m}. His license number is {dl.d}."),
    ("healthcare", "asr", "US", "hi i'm calling about my mom's claim her member id is {mrn.w} and her date of birth is {dob.w}"),
    ("healthcare", "typed", "US", "Pt: {full.t} DOB {dob.d} MRN {mrn.d}. Caller asking why the MRI was denied. Advised prior auth needed from ordering provider."),
    ("insurance", "asr", None, "Hi, yes, this is {full.t}, calling about my homeowner's claim. The adjuster was supposed to come out to {addr.t} on Tuesday."),
    # ---- retail ----
    ("retail", "asr", None, "hi i'm returning a blender i bought online and the order was under {email.w}"),
    ("retail", "typed", None, "Customer: my order never showed up\nAgent: Sorry about that! Can you confirm the shipping address?\nCustomer: {addr.t}, {city.t} {state.t} {zip.d}\nAgent: Thanks. It looks like it was left at the front desk."),
    ("retail", "asr", None, "my rewards number is {cust.w} i think or you can look it up by my phone {phone.w}"),
    ("retail", "asr", None, "Yeah, it's {full.t}, and my rewards account is probably under my email, {email.d}."),
    ("retail", "typed", "US", "Return auth for order 112-4839201-7743221 issued. Refund to original card (Visa ending 0923). Cust {full.t} called from {phone.d}."),
    # ---- airline / travel ----
    ("airline", "asr", None, "yeah my frequent flyer number is {loy.w} can you add it to the booking"),
    ("airline", "asr", "CA", "My Aeroplan number is {loy.d}, and the confirmation is {conf.d}."),
    ("airline", "typed", "US", "Passenger {full.t}, DOB {dob.d}, passport {pp.d}, exp 2031. Rebooked on UA 1432 due to cancellation. PNR {conf.d}."),
    ("travel", "asr", "US", "okay my passport number is {pp.w} and it expires in twenty twenty nine"),
    ("airline", "asr", None, "the reservation should be under {rev.l} no wait {full.l} the first name is {first.l}"),
    ("travel", "asr", None, "Hi, I booked a hotel through you guys for my parents. It's under {other.t}, and the contact number is {phone.d}."),
    ("travel", "typed", None, "Customer: hi I need to fix the birthdate on my ticket, it was entered wrong\nAgent: No problem. What should it be?\nCustomer: {dob.d}\nAgent: And the passenger name exactly as it appears on the passport?\nCustomer: {full.t}"),
    # ---- names with little or no cue ----
    ("bank", "asr", None, "{first.l} yeah it's {first.l} uh i talked to somebody yesterday about a hold on my check"),
    ("bank", "asr", None, "yeah it's for {other.l#m} i'm his daughter and he's on the line too he can tell you it's okay"),
    ("bank", "asr", None, "can i talk to {agent.l#f} again she helped me last week with the wire"),
    ("telecom", "asr", None, "Thank you for calling, my name is {agent.t}. Can I start with your name and the phone number on the account?"),
    ("bank", "asr", None, "thanks for holding mister {last.l} i've got your account pulled up now"),
    ("card", "asr", None, "this is {agent.l} with the fraud department am i speaking with {full.l}"),
    ("bank", "asr", "US", "uh date of birth is {dob.w} and the address on file would be {addr.w}"),
    ("bank", "typed", "US", "KYC refresh: SSN {ssn.d} matches bureau. DOB {dob.d}. Address on file {addr.t}, {city.t}, {state.t} {zip.d}. No flags."),
    ("fintech", "asr", None, "ok the code went to {phone.w} but i don't have that phone anymore"),
    ("fintech", "asr", None, "So I changed my email to {email.d} last week, and now I'm not getting any of the notifications."),
    ("bank", "asr", "CA", "postal code is {zip.w} and the address is {addr.w}"),
    ("utility", "asr", "CA", "Yeah, the service address is {addr.t} in {city.t}, postal code {zip.d}."),
    ("telecom", "asr", None, "it's {email.w} and the password reset email never comes"),
    ("bank", "typed", None, "Caller could not pass KBA. Gave name {full.t} and DOB {dob.d}, but phone given ({phone.d}) does not match file. Advised to visit branch with ID."),
    ("bank", "asr", "US", "i got a letter saying my identity was used to open an account and they had my social {ssn.w} and everything"),
    ("insurance", "typed", "US", "Hi, attaching my license for the new vehicle. DL# {dl.d}, {state.t}. Policy {pol.d}. Thanks, {first.t}"),
    ("cable", "asr", None, "so my public ip is {ip.w} and i'm trying to forward a port for my xbox"),
    ("card", "asr", None, "Hi, I'm calling because I got a text asking me to confirm my card number, {cc.d}, and I think it's a scam. I didn't reply."),
    ("bank", "asr", None, "uh the account's a joint account with my wife {ofirst.l#f} and me {first.l}"),
    ("telecom", "typed", None, "Customer: can you send the new SIM to my work address instead\nAgent: Sure, what's the address?\nCustomer: {addr.t}, {city.t}\nAgent: Got it. And a contact number there?\nCustomer: {phone.d#2}"),
    ("retail", "asr", None, "Hi, yeah, my name's {full.t}. I ordered a couch and it still hasn't been scheduled for delivery to {addr.t}."),
    ("bank", "asr", "US", "my zip is {zip.w} no sorry that's my old one it's {zip.w#2}"),
    ("fintech", "typed", "US", "Full name: {full.t}\nEmail: {email.d}\nMobile: {phone.e}\nDate of birth: {dob.d}\nLast 4 SSN: {last4.d}"),
    ("healthcare", "asr", None, "My member ID is {mrn.d}, and I'm calling about a bill from my knee surgery in February."),
    ("utility", "asr", None, "i'm calling on behalf of my neighbor {other.l#f} she's elderly and her power got cut off yesterday"),
    ("bank", "asr", None, "last name is {last.l} first name {first.l} middle initial j"),
    ("telecom", "asr", None, "Yeah, so I'm calling from my wife's phone, it's {phone.d}, because mine got stolen and I need to suspend {phone.d#2}."),
    ("bank", "asr", "US", "can you read me back the account number you have cause i think it's {bank.w}"),
    ("airline", "asr", None, "yeah i need to add my daughter {ofirst.l#f} to the booking her date of birth is {kdob.w}"),
    ("bank", "typed", "US", "To whom it may concern,\nPlease close account {bank.d} and mail the remaining balance by check to {addr.t}, {city.t}, {state.t} {zip.d}.\nSigned, {full.t}"),
    ("fintech", "asr", None, "My user ID is just my email, {email.d}, and I've reset the password like three times."),
    ("cable", "asr", None, "the router's at {ip.w} and when i type that in the browser it just spins"),
    ("telecom", "asr", "CA", "hi it's {full.l} i'm calling about my rogers bill it went up again"),
    ("insurance", "asr", None, "{full.l} policy number {pol.w} date of birth {dob.w}"),
    ("bank", "asr", "US", "ok so the check was made out to {other.l} and i endorsed it but the app keeps rejecting it"),
    ("card", "typed", "US", "Hi, my card ({cc.d}) was declined at a hotel in Cancun even though I set a travel notice. Please call me at {phone.p}. - {full.t}"),
    ("travel", "asr", "US", "For the rental, the driver will be me, {full.t}, and the license is {dl.d}, out of {state.t}."),
    ("bank", "asr", "US", "the beneficiary is my son {other.l#m} and his social is {ssn.w}"),
    ("fintech", "asr", None, "uh sorry the email is {oemail.w} that's my business partner {other.l}"),
    ("bank", "typed", "CA", "Pre-authorized debit setup: institution 003, transit 01842, account {bank.d}. Customer {full.t}, {phone.d}."),
    # ---- extra typed positives ----
    ("bank", "typed", "US", "Customer: I think someone opened a credit card in my name\nAgent: I'm so sorry. To get started, can you verify your full SSN and date of birth?\nCustomer: {ssn.d}, born {dob.d}\nAgent: Thank you, {first.t}. I'm placing a fraud alert now."),
    ("telecom", "typed", None, "From: {email.d}\nSubject: Cancel my service\n\nPlease cancel account {tacct.d} effective end of month. Forwarding number: {phone.d}.\n\n{full.t}"),
    ("cable", "typed", None, "Agent: Can you open a browser and go to whatismyip?\nCustomer: ok it says {ip.d}\nAgent: Perfect, and does it show an IPv6 as well?\nCustomer: yeah {ip6.d}"),
    ("utility", "typed", "US", "Web form - Start service\nName: {full.t}\nService address: {addr.t}\nZIP: {zip.d}\nSSN (for credit check): {ssn.d}\nStart date: 05/01/2024"),
    ("insurance", "typed", "US", "Policyholder {full.t} ({email.d}) requested add driver {other.t}, DOB {dob.d#o}, DL {dl.d}. Premium impact +$41/mo."),
    ("airline", "typed", None, "Customer: can you add my frequent flyer number to the trip\nAgent: Sure, what's the number?\nCustomer: {loy.d}\nAgent: Added. Your record {conf.d} is updated."),
    ("retail", "typed", "US", "Ship to: {full.t}, {addr.t}, {city.t}, {state.t} {zip.d}. Phone: {phone.d}. Order #W1148329021, 2 items."),
    ("fintech", "typed", None, "Account {email.d} - new sign-in from IP {ip.d} near {city.t}, Chrome 122 on Windows. User confirmed not them; sessions revoked, 2FA reset."),
    ("card", "typed", None, "Customer: I need to replace my card, I think it got skimmed\nAgent: I can help. Which card is it?\nCustomer: {cc.d}\nAgent: Thanks. It's blocked, and a new one will arrive in 7-10 business days at {addr.t}."),
    ("bank", "typed", "CA", "Customer: I want to set up a pre-authorized payment from my TD account\nAgent: Please provide the transit, institution and account numbers.\nCustomer: transit 10452, institution 004, account {bank.d}"),
    ("healthcare", "typed", "US", "Member {full.t} (ID {mrn.d}) called re: EOB for ER visit 02/11. DOB {dob.d} verified. Reprocessing as in-network."),
    ("insurance", "typed", "CA", "Agent: Could you confirm the policy number and your date of birth?\nCustomer: {pol.d} and {dob.d}\nAgent: Thank you, {first.t}. I can see the windshield claim."),
    ("telecom", "typed", "US", "Agent note: caller {full.t} requesting number transfer to {other.t}. New owner phone contact {phone.d#2}. Both parties verified by SMS."),
    ("travel", "typed", "US", "Booking change request\nTraveler: {full.t}\nPassport: {pp.d}\nMobile: {phone.e}\nReason: name typo on original ticket"),
    # ---- extra asr positives ----
    ("bank", "asr", "US", "uh huh yeah and the routing number on the check is {aba.w} i can see it right here at the bottom"),
    ("card", "asr", None, "so i um i read it to the guy on the phone the whole card {cc.w} and then i realized it wasn't even you guys"),
    ("utility", "asr", "CA", "The account's in my husband's name, {other.t#m}, but I pay the bill. Account number {uacct.d}."),
    ("retail", "asr", None, "yeah send the label to {email.w} please"),
    ("telecom", "asr", None, "Hi, I'm {full.t}. My number is {phone.e} and I'm roaming in Portugal, and nothing works."),
    ("insurance", "asr", None, "it's uh it's for my renters policy um the number is {pol.w} and it's under {full.l}"),
    ("bank", "asr", "CA", "hi i'm trying to send a wire to my cousin in dublin and the iban is {iban.d#IE} is that enough"),
    ("travel", "asr", None, "the booking's under my husband {ofirst.l#m} but the loyalty number is mine {loy.w}"),
    ("cable", "asr", None, "yeah this is {agent.l} from tech support i'm gonna need you to read me the ip on the sticker"),
    ("fintech", "asr", "US", "Okay, I'm reading off the check now. Routing {aba.d}, account number {bank.d}. Yeah, that's checking."),
    ("healthcare", "asr", "US", "yeah the patient's {other.l#f} date of birth {dob.w} i'm her daughter and i'm on the form"),
    # ---- spoken-heavy live ASR positives ----
    ("bank", "asr", "US", "ok my address is {addr.w} {city.l} {state.l} {zip.w}"),
    ("cable", "asr", None, "so the modem page says wan ip {ip.w} and um the lan one is {ip.w#2}"),
    ("card", "asr", "US", "yeah it's {cc.w} and the zip code on the card is {zip.w}"),
    ("fintech", "asr", "US", "my social is {ssn.w} and my birthday is {dob.w}"),
    ("telecom", "asr", None, "uh it's {phone.w} and the email on there is {email.w}"),
    ("bank", "asr", "US", "routing {aba.w} account {bank.w} and it's a savings not a checking"),
    ("utility", "asr", None, "my account number is {uacct.w} and the service address is {addr.w}"),
    ("insurance", "asr", "US", "his date of birth is {dob.w} and his license is {dl.w}"),
    ("cable", "asr", None, "the ip it's showing me is {ip.w} does that mean anything to you"),
    ("retail", "asr", "CA", "the postal code is {zip.w} and the phone is {phone.w}"),
    ("travel", "asr", "US", "passport number {pp.w} date of birth {dob.w}"),
    ("fintech", "asr", None, "it keeps saying that email {email.w} is already in use"),
    ("healthcare", "asr", "US", "member id {mrn.w} and the date of birth on the plan is {dob.w}"),
    ("bank", "asr", "US", "um let me see the account number is {bank.w} and uh my phone's {phone.w}"),
    # ======================= NEGATIVE FRAMES =======================
    ("bank", "asr", None, "yeah i'm looking at my statement and there's a charge for {money.w} from like a gas station and i wasn't even in town"),
    ("card", "asr", None, "it's the card ending in {last4.w} the one with the travel rewards"),
    ("card", "asr", None, "Yeah, the card ending in {last4.d}. The charge was $89.43 on the twelfth."),
    ("bank", "typed", None, "Customer: why was I charged a $35 overdraft fee?\nAgent: I see the fee posted on 02/14 after a debit of $212.06. I can refund it as a one-time courtesy.\nCustomer: ok thanks"),
    ("airline", "asr", None, "my confirmation code is {conf.w} and i'm on {flight.w} tomorrow morning"),
    ("airline", "asr", "CA", "Okay, the confirmation is {conf.d}, flying out of Calgary on {flight.d} at 6:15 a.m."),
    ("airline", "typed", None, "Pax reaccommodated from {flight.d} to {flight.d} due to mechanical. PNR {conf.d}. Meal voucher $15 issued. No change fee."),
    ("cable", "asr", None, "i'm paying for three hundred megabits and the speed test says like twelve"),
    ("cable", "asr", None, "It's an Arris SB8200, and the lights are just blinking orange. I already unplugged it for thirty seconds."),
    ("cable", "typed", None, "Tech visit 10/03, window 8-12. Replaced XB7 gateway, firmware updated to 7.1.3.18. Speeds now 940/35 on wired test."),
    ("telecom", "asr", None, "so i have the unlimited plan but it says i used like forty gigs of hotspot and now it's super slow"),
    ("telecom", "asr", None, "The phone is a Galaxy S23, it's on version 14, and it keeps dropping calls when I'm in the basement."),
    ("telecom", "typed", None, "Customer: how much is it to add a line?\nAgent: Adding a line is $35/mo with autopay, or $40 without. There's also a $35 activation fee.\nCustomer: ugh ok"),
    ("retail", "asr", None, "um i'm trying to return something my order number is {order.w} and it says the return window closed"),
    ("retail", "asr", None, "Hi, I'm calling about order {order.d}. It says delivered, but there's nothing on my porch."),
    ("retail", "typed", None, "Return received at store #{store.d}. Refund of $249.99 to Mastercard ending 4471 processed. RMA {case.d}."),
    ("retail", "asr", None, "yeah i bought it at the best buy on main street like two weeks ago and the box was already open"),
    ("utility", "asr", None, "my bill went from like a hundred and forty to three sixty two and we haven't changed anything"),
    ("utility", "asr", None, "The meter reading on the bill says 48213, but the one outside says 47190, so somebody's reading it wrong."),
    ("utility", "typed", None, "Outage ticket {case.d}: approx 1,200 customers affected in the Riverside area. ETR 4:30 PM. Crew dispatched."),
    ("insurance", "asr", None, "i got into a fender bender in the costco parking lot and i wanted to know if my rates are gonna go up"),
    ("insurance", "asr", None, "So the claim number is {case.d}, and the adjuster said it'd be five to seven business days."),
    ("insurance", "typed", None, "Quote: 2019 Honda CR-V, comprehensive $500 deductible, collision $1,000. Premium $1,284/yr, 12% multi-policy discount applied."),
    ("bank", "asr", None, "what's the interest rate on the savings account cause i saw something about four point two five percent"),
    ("card", "asr", None, "Why is my APR 29.99%? When I signed up it said zero percent for eighteen months."),
    ("fintech", "asr", "US", "i sent fifty bucks on zelle and it says completed but she never got it"),
    ("fintech", "typed", None, "App version 5.12.0 crashes on launch on iOS 17.4.1. Reinstall didn't help. Case {case.d} forwarded to mobile team."),
    ("travel", "asr", None, "yeah we're staying at the marriott in downtown austin from the fourteenth to the eighteenth"),
    ("travel", "asr", None, "The hotel charged a resort fee of $42 a night that wasn't on the booking. Booking reference {conf.d}."),
    ("bank", "asr", None, "uh i don't know my routing number is it on the app somewhere"),
    ("bank", "asr", None, "Hi, I'm just calling to see what time the Peachtree branch closes on Saturday."),
    ("bank", "typed", None, "Branch 0412 (Jackson Heights): ATM #3 out of service, cash cassette jam. Vendor ticket {case.d}."),
    ("telecom", "asr", None, "i got a text from some number saying i won a prize and it had a link in it and i didn't click it"),
    ("cable", "asr", None, "okay i'm in the wifi settings the network is netgear seventy two five g and it says connected no internet"),
    ("cable", "typed", None, "Customer: my wifi keeps disconnecting\nAgent: Is it the 2.4 GHz or 5 GHz network?\nCustomer: both i think\nAgent: I'm pushing a reboot to your gateway now, it'll take about 3 minutes."),
    ("airline", "asr", None, "my bag didn't come off the carousel the tag number is {bagtag.w}"),
    ("retail", "asr", None, "The tracking number is {track.d}, and it's been stuck in Memphis for four days."),
    ("utility", "asr", None, "we've got a heat pump now so is there like a rebate for that i heard it was up to two thousand dollars"),
    ("card", "typed", None, "Dispute {case.d} opened: merchant DOORDASH*WINGSTOP, amount $67.14, reason code 13.1 (merchandise not received). Cardholder contacted 3/22."),
    ("fintech", "asr", None, "so the crypto withdrawal's been pending for like six hours and it was point oh four bitcoin"),
    ("bank", "asr", None, "i deposited a check for twelve hundred dollars at the atm on saturday and it's still on hold"),
    ("telecom", "asr", None, "Hi, I'm going to Mexico for two weeks and I want to add the travel pass. Is that ten dollars a day?"),
    ("insurance", "asr", None, "yeah my dog rocco got into some chocolate and the vet bill was like eight hundred bucks does my pet insurance cover that"),
    ("retail", "typed", None, "Customer: is the 65 inch still on sale?\nAgent: Yes! The Samsung QN65Q80C is $1,199.99 through Sunday.\nCustomer: nice can i pick it up at the Dufferin store"),
    ("cable", "asr", None, "the error code on the tv box says s oh three hundred whatever that means"),
    ("airline", "typed", None, "Customer: my flight AC 857 got cancelled, what are my options\nAgent: I can rebook you on AC 859 departing 21:40 tonight or on the 07:10 tomorrow morning.\nCustomer: the 9:40 please"),
    ("travel", "asr", None, "we booked through expedia and the flight got changed from ten a m to six a m and i can't make that"),
    ("bank", "asr", None, "i wanna know why my credit score dropped like forty points when i didn't do anything"),
    ("fintech", "typed", None, "Transfer of $1,500.00 from Savings (...3381) to Checking (...0297) scheduled for 04/01/2024. Reference TRX-88120457."),
    ("utility", "asr", None, "Yeah, the smart thermostat, the model number is T3007ES, and it's not talking to the app anymore."),
    ("telecom", "asr", "CA", "i only get like two bars in my apartment on queen street and calls keep dropping"),
    ("card", "asr", None, "there's a foreign transaction fee of like three percent on everything i bought in london"),
    ("bank", "asr", None, "So the mortgage payment went up to $2,340 because of the escrow shortage, right?"),
    ("retail", "asr", None, "i'm at the store right now store number {store.w} and the cashier says the coupon is expired"),
    ("insurance", "typed", None, "Renewal notice: policy term 06/15/2024-06/15/2025. Premium change +8.4% due to regional loss trends. No action required."),
    ("airline", "asr", None, "can i get a seat upgrade on the red eye it's like a five hour flight"),
    ("cable", "asr", None, "I'm on the 1 gig plan, but I'm only getting like 200 megabits on Wi-Fi. Wired is fine."),
    ("telecom", "typed", None, "IMEI check passed. Device: iPhone 15 Pro, 256GB, eSIM capable. Unlock request {case.d} approved."),
    ("utility", "asr", None, "uh the gas company sent a letter about replacing the pipes on elm street and i wanna know if they're digging up my yard"),
    ("bank", "asr", None, "hi i'm trying to figure out the wire cutoff time is it four p m eastern or pacific"),
    ("fintech", "asr", None, "It says my account is restricted and to contact support. I've been with you guys since 2019."),
    ("retail", "typed", None, "Price adjustment: item 204-188-337 purchased 03/02 at $89.99, now $69.99. Credit of $20.00 issued to original tender."),
    ("travel", "asr", None, "so the car rental place at the denver airport charged me for a full tank and i brought it back full"),
    ("card", "asr", None, "Yeah, I'm looking at a pending charge for $1.00 from something called SQ *HOLLYWOOD NAILS. Is that a test charge?"),
    ("telecom", "asr", None, "my bill says twenty two dollars for international calls and i only called my cousin once"),
    ("cable", "typed", "CA", "Node 14B in Kitsilano showing high packet loss 18:00-23:00 nightly. Maintenance window Thu 02:00-05:00."),
    ("bank", "asr", "CA", "uh the atm on sherbrooke ate my card and the branch was closed"),
    ("insurance", "asr", None, "Is my deductible five hundred or a thousand? Because the body shop quoted me $2,870."),
    ("airline", "asr", None, "i have like forty two thousand points is that enough for a round trip to hawaii"),
    ("utility", "typed", None, "Customer: why is there a $25 reconnection fee\nAgent: That's charged when service is restored after a disconnection. I can waive it once since your payment posted on 11/09.\nCustomer: please do"),
    ("fintech", "asr", None, "Can I change my payment date from the 15th to the 1st? My paycheck comes on the 30th."),
    ("retail", "asr", None, "uh yeah the receipt says transaction number {order.w} and register four"),
    ("card", "typed", None, "Travel notice added: Portugal & Spain, 05/10-05/28. Card ending 8834. Cust advised of 3% FX fee."),
    ("telecom", "asr", None, "the text came from a short code like two two eight nine eight or something"),
    ("bank", "asr", None, "So the check number is 1047, for $600, and it cleared twice."),
    ("cable", "asr", None, "the installer said the signal was minus twelve d b m and that's too low or something"),
    ("travel", "typed", None, "Cust requested refund for non-refundable rate at Hilton Garden Inn Fort Lauderdale, 2 nights, $389.12. Denied per policy; offered $75 credit."),
    ("bank", "asr", None, "hi i was charged a monthly fee of fifteen ninety five and i thought if i kept fifteen hundred in there it was free"),
    ("utility", "asr", "CA", "We're on the time-of-use plan, so off-peak is after 7 PM, right? It's like 8.7 cents a kilowatt hour."),
    ("fintech", "typed", None, "Your verification code is 482913. It expires in 10 minutes. Never share this code with anyone."),
    ("bank", "asr", "US", "yeah i used to bank with wells fargo but i moved everything over to you guys after the whole thing"),
    ("travel", "asr", None, "The flight connects through Charlotte and then Regina, and the layover in Charlotte is only 40 minutes."),
    ("retail", "asr", "CA", "i'm at the tim hortons on victoria avenue and the app won't scan my card"),
    ("bank", "typed", "US", "Edward Jones rollover check received for $48,211.09. Deposited to IRA. Form 5498 will be issued."),
    ("telecom", "asr", None, "yeah so my ticket number from last time was {case.w} and they said somebody would call me back in forty eight hours"),
    ("airline", "asr", None, "I'm on {flight.d} and it says delayed to 9:50. Will I still make my connection in Toronto?"),
    ("retail", "asr", None, "the package was supposed to come thursday the tracking is {track.d} and it just says label created"),
    ("bank", "asr", None, "i tried to send {money.w} to my landlord through zelle and it got declined"),
    ("travel", "asr", None, "uh the booking number is {conf.w} it's for two rooms at the holiday inn in niagara falls"),
    ("utility", "asr", None, "we got a bill for {money.w} and it says estimated read on it like nobody even came out"),
    ("card", "asr", None, "is there an annual fee on the platinum card i think it's like ninety five a year"),
    ("telecom", "asr", "CA", "Hi, I'm with Fido, and I want to know if I can keep my plan if I upgrade to the Pixel 8."),
    ("cable", "asr", None, "the box keeps rebooting every like ten minutes it's the x one box the gray one"),
    ("insurance", "asr", None, "so if i add my sixteen year old to the policy how much does that go up roughly"),
    ("fintech", "asr", "US", "Why did my Cash App card get declined at Walgreens? I have like $340 in there."),
    ("retail", "asr", "US", "i want to price match the lowe's ad it's the same dewalt drill for a hundred and twenty nine"),
    # ---- extra typed negatives ----
    ("bank", "typed", "CA", "Customer: is the branch on King Street open on Remembrance Day?\nAgent: Branches are closed on November 11. ATMs and online banking remain available 24/7."),
    ("telecom", "typed", None, "Plan change: Unlimited 50 ($50/mo) -> Unlimited 75 ($65/mo), prorated credit $11.42. Effective next bill cycle (cycle day 18)."),
    ("retail", "typed", None, "Customer: my promo code SPRING25 isn't working\nAgent: That code expired on 04/30. I can apply 15% off with code SAVE15 instead.\nCustomer: ok thx"),
    ("airline", "typed", None, "Schedule change: DL 2219 ATL-YYZ now departs 14:05 (was 12:50). Customer accepted. Seat 23C retained. Record locator {conf.d}."),
    ("fintech", "typed", None, "Customer: why is my transfer taking 1-3 days\nAgent: Standard transfers take 1-3 business days. Instant transfers are available for a 1.75% fee (min $0.25, max $25).\nCustomer: oh ok"),
    ("utility", "typed", None, "Meter exchange completed. Old meter 87 114 203, new smart meter AMI-2290-4471. Read at removal 31,882 kWh."),
    ("card", "typed", None, "Chat transcript\nCustomer: can I get a credit limit increase\nAgent: You're eligible for an increase to $8,500. Your APR stays at 22.49%.\nCustomer: yes please"),
    ("insurance", "typed", None, "Claim {case.d} - windshield replacement, Safelite appt 07/22 9:00 AM. Deductible waived (glass coverage)."),
    ("cable", "typed", None, "Customer: what's the difference between the 300 and 500 plans\nAgent: 300 Mbps is $55/mo and 500 Mbps is $70/mo, both with unlimited data.\nCustomer: i'll stay on 300"),
    ("retail", "typed", None, "Order {order.d} split into 2 shipments. Package 1 tracking {track.d}, est. delivery Thu. Package 2 backordered."),
    ("travel", "typed", None, "Itinerary: YVR-LAX {flight.d} dep 08:25 arr 11:19; LAX-HNL {flight.d} dep 13:00 arr 15:45. Fare class K. Total CAD 1,284.60."),
    ("bank", "typed", None, "Customer: what's the daily ATM limit\nAgent: It's $1,000 per day for withdrawals and $5,000 for debit purchases. I can raise it temporarily if needed.\nCustomer: no that's fine"),
    ("telecom", "typed", None, "Roaming usage 03/02-03/09: 2.3 GB data, 47 min voice, 112 SMS. Charges $84.00 (travel pass x 8 days + overage)."),
    ("fintech", "typed", None, "Customer: the app says error 4012 when i add my card\nAgent: That means the issuer declined verification. Please try again in 24 hours or use another card.\nCustomer: ok"),
    ("utility", "typed", None, "Rate change effective Jan 1: delivery charge $0.0431/kWh (+2.1%), fixed monthly charge $12.50. Average residential bill impact $3.80."),
    ("card", "typed", None, "Fraud alert auto-declined: $1,899.00 at ELECTRONICS STORE #0441, Miami FL, card ending 2207. SMS sent, customer replied NO."),
    ("insurance", "typed", None, "Customer: does my policy cover a rental car\nAgent: Yes, rental reimbursement is $40/day up to 30 days.\nCustomer: great"),
    ("retail", "typed", None, "Store 1182 - Oakridge Centre. Customer complaint re: price tag mismatch on SKU 6401187. Manager honored lower price ($34.97)."),
]

SLOT_RE = re.compile(r"\{([a-z0-9]+)(?:\.([a-z0-9]+))?(?:#(\w+))?\}")


def build(frame):
    domain, style, country, tpl = frame
    if country is None:
        country = "US" if rng.random() < 0.7 else "CA"
    # gender hints: tags #m / #f on other-person and agent slots
    og = ag = None
    for m in SLOT_RE.finditer(tpl):
        if m.group(3) in ("m", "f"):
            if m.group(1) == "agent":
                ag = m.group(3)
            else:
                og = m.group(3)
    ctx = Ctx(country, og, ag)
    text, ents, last = "", [], 0
    for m in SLOT_RE.finditer(tpl):
        text += tpl[last:m.start()]
        last = m.end()
        kind, var, tag = m.group(1), m.group(2) or "d", m.group(3) or ""
        if kind in ENT:
            etype, gen, ren = ENT[kind]
            key = (kind, "" if tag in ("m", "f") else tag)
            if key not in ctx.cache:
                ctx.cache[key] = gen(ctx, tag)
            val = ctx.cache[key]
            surface, spoken = ren(val, var)
            if etype == "EMAIL_ADDRESS":
                assert var == "w" or surface == val["addr"]
            canon = val[0] if isinstance(val, tuple) and etype != "DATE_OF_BIRTH" else val
            validate(etype, kind, canon, surface)
            start = len(text)
            text += surface
            ents.append({"type": etype, "start": start, "end": len(text), "text": surface,
                         "spoken": bool(spoken)})
        elif kind in NEG:
            text += NEG[kind](var, ctx)
        else:
            raise KeyError(kind)
    text += tpl[last:]
    for e in ents:
        assert text[e["start"]:e["end"]] == e["text"]
        assert e["text"] == e["text"].strip()
    for a, b in zip(ents, ents[1:]):
        assert a["end"] <= b["start"]
        if a["type"] == b["type"] == "PERSON":
            assert text[a["end"]:b["start"]].strip() != "", text
    return {"domain": domain, "style": style, "text": text, "entities": ents}


def is_positive(tpl):
    return any(m.group(1) in ENT for m in SLOT_RE.finditer(tpl))


def main():
    assert len(FRAMES) >= 150
    assert len(set(f[3] for f in FRAMES)) == len(FRAMES), "duplicate frame"
    pos = [i for i, f in enumerate(FRAMES) if is_positive(f[3])]
    neg = [i for i, f in enumerate(FRAMES) if not is_positive(f[3])]
    n_pos = N_TOTAL - N_NEG
    typed_pos_target = round(N_TYPED * n_pos / N_TOTAL)
    typed_neg_target = N_TYPED - typed_pos_target
    chosen = []
    for idxs, total, ttarget in ((pos, n_pos, typed_pos_target), (neg, N_NEG, typed_neg_target)):
        typed = [i for i in idxs if FRAMES[i][1] == "typed"]
        asr = [i for i in idxs if FRAMES[i][1] == "asr"]
        for group, want in ((typed, ttarget), (asr, total - ttarget)):
            # frames with spoken slots are favoured (weighted sampling w/o replacement)
            keyed = sorted(group, key=lambda i: -rng.random() ** (
                1.0 / (4.0 if ".w}" in FRAMES[i][3] or ".w#" in FRAMES[i][3] else 1.0)))
            if want <= len(group):
                chosen += keyed[:want]
            else:
                # only frames with variable slots may be used twice (no verbatim duplicates)
                again = [i for i in keyed if SLOT_RE.search(FRAMES[i][3])]
                assert want - len(group) <= len(again)
                chosen += group + again[:want - len(group)]
    use = Counter(chosen)
    assert max(use.values()) <= 2 and len(chosen) == N_TOTAL
    rng.shuffle(chosen)
    rows = []
    for k, fi in enumerate(chosen):
        r = build(FRAMES[fi])
        if fi in neg:
            assert not r["entities"]
        else:
            assert r["entities"]
        rows.append({"id": "blind22-%03d" % k, "split": "blind22", "domain": r["domain"],
                     "style": r["style"], "text": r["text"], "entities": r["entities"]})
    assert len(set(r["text"] for r in rows)) == len(rows), "verbatim duplicate utterance"
    with open(OUT, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")

    # summary
    types = Counter(e["type"] for r in rows for e in r["entities"])
    spoken = sum(e["spoken"] for r in rows for e in r["entities"])
    n_ent = sum(types.values())
    negs = sum(1 for r in rows if not r["entities"])
    styles = Counter(r["style"] for r in rows)
    spoken_by = Counter(e["type"] for r in rows for e in r["entities"] if e["spoken"])
    print("wrote %s (%d lines)" % (OUT, len(rows)))
    print("frames: %d written (%d positive, %d negative), %d used, %d used twice" % (
        len(FRAMES), len(pos), len(neg), len(use), sum(1 for v in use.values() if v == 2)))
    print("styles:", dict(styles))
    print("domains:", dict(Counter(r["domain"] for r in rows)))
    print("negatives (no PII): %d (%.1f%%)" % (negs, 100.0 * negs / len(rows)))
    print("entities: %d, spoken: %d (%.1f%%)" % (n_ent, spoken, 100.0 * spoken / n_ent))
    for t, c in sorted(types.items(), key=lambda x: -x[1]):
        print("  %-22s %4d  (spoken %d)" % (t, c, spoken_by[t]))
    assert spoken / n_ent >= 0.25
    assert abs(negs - N_NEG) == 0


if __name__ == "__main__":
    main()
