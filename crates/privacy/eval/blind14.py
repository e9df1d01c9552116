#!/usr/bin/env python3
"""Generator for the blind14 evaluation split (independent, held-out).

Deterministic (fixed seed), Python 3 standard library only.
Writes blind14.jsonl next to this file.

Styles (the "mode" of a template):
  S  live ASR of a caller: lower case, no punctuation, numbers as words,
     hesitations                                  -> style "asr"
  P  ASR with punctuation and digits               -> style "asr"
  T  typed notes, e-mails, web chat                -> style "typed"

Labelling conventions:
  * A span covers exactly the PII value, never the cue words.
  * PERSON: only the name tokens; titles (mr, mrs, dr, officer, nurse,
    councillor ...) are NOT inside the span.  First-only, surname-only
    (after a title) and full names are each one span.
  * Spoken values (digits / letters / symbols as words) are one span from
    the first to the last spoken token, including internal "oh", "double",
    "triple", "dash", "dot", "at", fillers ("uh") and a leading "plus".
    spoken=true exactly when the value is rendered in spoken form.
  * STREET_ADDRESS: house number + street name + street type only; city,
    state and postcode are outside.  ZIP_CODE is labelled separately
    (US ZIP / ZIP+4, UK postcode and Canadian postal code, all given with
    a postcode/zip cue).
  * DATE_OF_BIRTH: only the date, only when in a birth context.
  * US_BANK_NUMBER: bank (checking/savings) account numbers;
    ACCOUNT_NUMBER: utility / telecom / insurance customer account numbers.
"""
import json
import os
import random
import re
import unicodedata

SEED = 14_2026_1123
R = random.Random(SEED)

# ----------------------------------------------------------------- words
ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
        "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety"]
ORD = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth",
       7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth", 11: "eleventh",
       12: "twelfth", 13: "thirteenth", 14: "fourteenth", 15: "fifteenth",
       16: "sixteenth", 17: "seventeenth", 18: "eighteenth", 19: "nineteenth",
       20: "twentieth", 21: "twenty first", 22: "twenty second",
       23: "twenty third", 24: "twenty fourth", 25: "twenty fifth",
       26: "twenty sixth", 27: "twenty seventh", 28: "twenty eighth",
       29: "twenty ninth", 30: "thirtieth", 31: "thirty first"}
MONTHS = ["january", "february", "march", "april", "may", "june", "july",
          "august", "september", "october", "november", "december"]


def w(n, uk_and=False):
    """Cardinal number in words (0..999999)."""
    if n < 20:
        return ONES[n]
    if n < 100:
        t, o = divmod(n, 10)
        return TENS[t] + ("" if o == 0 else " " + ONES[o])
    if n < 1000:
        h, rest = divmod(n, 100)
        s = ONES[h] + " hundred"
        if rest:
            s += (" and " if uk_and else " ") + w(rest)
        return s
    th, rest = divmod(n, 1000)
    s = w(th) + " thousand"
    if rest:
        s += (" and " if (uk_and and rest < 100) else " ") + w(rest, uk_and)
    return s


def year_words(y):
    if 2000 <= y < 2010:
        return "two thousand" + ("" if y == 2000 else " and " + ONES[y - 2000])
    if 2010 <= y < 2100:
        return "twenty " + w(y - 2000)
    hi, lo = divmod(y, 100)
    if lo == 0:
        return w(hi) + " hundred"
    if lo < 10:
        return w(hi) + " oh " + ONES[lo]
    return w(hi) + " " + w(lo)


def house_words(n):
    if n < 100:
        return w(n)
    if n < 1000:
        if R.random() < 0.5:
            return w(n)
        h, rest = divmod(n, 100)
        if rest == 0:
            return w(n)
        return ONES[h] + " " + (("oh " + ONES[rest]) if rest < 10 else w(rest))
    hi, lo = divmod(n, 100)
    if lo == 0:
        return w(hi) + " hundred"
    return w(hi) + " " + (("oh " + ONES[lo]) if lo < 10 else w(lo))


def digit_word(d, oh_p=0.7):
    if d == "0":
        return "oh" if R.random() < oh_p else "zero"
    return ONES[int(d)]


def say_group(ds, runs=True, oh_p=0.7):
    """Say a digit group, optionally collapsing runs with double / triple."""
    out = []
    i = 0
    while i < len(ds):
        j = i
        while j < len(ds) and ds[j] == ds[i]:
            j += 1
        n = j - i
        if runs and n == 3 and R.random() < 0.7:
            out.append("triple " + digit_word(ds[i], oh_p))
            i += 3
        elif runs and n >= 2 and R.random() < 0.6:
            out.append("double " + digit_word(ds[i], oh_p))
            i += 2
        else:
            out.append(digit_word(ds[i], oh_p))
            i += 1
    return " ".join(out)


def say_groups(groups, runs=True, sep_choices=("",), oh_p=0.7):
    parts = []
    for k, g in enumerate(groups):
        if k:
            sep = R.choice(sep_choices)
            if sep:
                parts.append(sep)
        parts.append(say_group(g, runs, oh_p))
    return " ".join(parts)


def spell_alnum(s, oh_p=0.5):
    out = []
    for ch in s:
        if ch.isdigit():
            out.append(digit_word(ch, oh_p))
        elif ch.isalpha():
            out.append(ch.lower())
    return " ".join(out)


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s)
                   if not unicodedata.combining(c))


def rdig(n, first_nonzero=False):
    s = "".join(R.choice("0123456789") for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = R.choice("123456789") + s[1:]
    return s


# ----------------------------------------------------------------- names
NAMES = [
    # Anglo
    ("James", "Whitaker"), ("Emily", "Hargreaves"), ("Lucy", "Pemberton"),
    ("Tom", "Ashworth"), ("Megan", "Cartwright"), ("Gary", "Fletcher"),
    ("Brooke", "Halvorsen"),
    # Irish
    ("Siobhan", "O'Sullivan"), ("Cian", "Mac Giolla"), ("Aoife", "Brennan"),
    ("Padraig", "Ó Dónaill"), ("Niamh", "Kavanagh"), ("Eoin", "Fitzgerald"),
    # Scottish
    ("Iain", "MacLeod"), ("Morag", "Sutherland"), ("Fraser", "McIntyre"),
    ("Eilidh", "Cameron"),
    # Welsh
    ("Rhys", "Llewellyn"), ("Cerys", "Pritchard"), ("Dafydd", "Bowen"),
    ("Angharad", "Vaughan"),
    # Hispanic
    ("Alejandro", "Gutiérrez"), ("Lupita", "Ramírez"), ("Joaquín", "Castillo"),
    ("Ximena", "Ochoa"), ("Marisol", "Delgado"),
    # African American
    ("DeShawn", "Washington"), ("Latoya", "Jefferson"), ("Tyrone", "Jenkins"),
    ("Imani", "Brooks"), ("Jamal", "Whitfield"),
    # West African
    ("Chukwuemeka", "Okonkwo"), ("Adwoa", "Mensah"), ("Oluwaseun", "Adeyemi"),
    ("Kofi", "Asante"), ("Ngozi", "Eze"), ("Mamadou", "Diallo"),
    # East African
    ("Wanjiru", "Kamau"), ("Tesfaye", "Bekele"), ("Amina", "Abdi"),
    ("Achieng", "Otieno"), ("Hodan", "Warsame"),
    # South Asian
    ("Priya", "Raghunathan"), ("Imran", "Qureshi"), ("Harpreet", "Sandhu"),
    ("Anjali", "Deshpande"), ("Tanvir", "Hossain"), ("Dilani", "Perera"),
    # East Asian
    ("Wei", "Zhang"), ("Hiroshi", "Tanaka"), ("Min-jun", "Park"),
    ("Xiaoling", "Chen"), ("Yuki", "Watanabe"),
    # South-East Asian
    ("Linh", "Nguyen"), ("Maricel", "Dela Cruz"), ("Siti", "Rahman"),
    ("Somchai", "Wongsakul"), ("Rizal", "Santoso"),
    # Arabic
    ("Yousef", "Al-Hashimi"), ("Fatima", "Haddad"), ("Omar", "Khalil"),
    ("Rania", "Mansour"),
    # Persian
    ("Dariush", "Tehrani"), ("Shirin", "Farahani"), ("Navid", "Rostami"),
    # Turkish
    ("Emre", "Yılmaz"), ("Elif", "Demir"), ("Burak", "Aydın"),
    # Eastern European
    ("Katarzyna", "Wiśniewska"), ("Dmitri", "Volkov"), ("Oksana", "Shevchenko"),
    ("Tomasz", "Kowalczyk"), ("Bogdan", "Popescu"),
    # Indigenous (North America, Australia, Aotearoa)
    ("Chenoa", "Tsosie"), ("Dakota", "Begay"), ("Kirra", "Mununggurr"),
    ("Tahnee", "Cardinal"), ("Wiremu", "Te Rangi"), ("Jarrah", "Yunupingu"),
]
FEMALE = {"Emily", "Lucy", "Megan", "Brooke", "Siobhan", "Aoife", "Niamh", "Morag",
          "Eilidh", "Cerys", "Angharad", "Lupita", "Ximena", "Marisol", "Latoya", "Imani",
          "Adwoa", "Ngozi", "Wanjiru", "Amina", "Achieng", "Hodan", "Priya", "Anjali",
          "Dilani", "Xiaoling", "Yuki", "Linh", "Maricel", "Siti", "Fatima", "Rania",
          "Shirin", "Elif", "Katarzyna", "Oksana", "Chenoa", "Kirra", "Tahnee"}
_name_order = list(range(len(NAMES)))
R.shuffle(_name_order)


def next_name(gender=None):
    """Round-robin over the shuffled name list, optionally by gender."""
    for _ in range(len(NAMES)):
        i = _name_order.pop(0)
        _name_order.append(i)
        nm = NAMES[i]
        if gender is None or (gender == "f") == (nm[0] in FEMALE):
            return nm
    raise AssertionError


def case(s, mode):
    if mode == "S":
        return ascii_fold(s).lower() if R.random() < 0.6 else s.lower()
    return s



# ----------------------------------------------------------------- PII values


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


def luhn_complete(prefix, length):
    body = prefix + rdig(length - len(prefix) - 1)
    for c in "0123456789":
        if luhn_ok(body + c):
            return body + c
    raise AssertionError


_card_i = [0]


def gen_card():
    kinds = ["visa", "mc", "amex", "disc", "visa", "mc2"]
    k = kinds[_card_i[0] % len(kinds)]
    _card_i[0] += 1
    if k == "visa":
        n = luhn_complete("4" + rdig(5), 16)
    elif k == "mc":
        n = luhn_complete(str(R.randint(51, 55)) + rdig(4), 16)
    elif k == "mc2":
        n = luhn_complete(str(R.randint(2221, 2720)) + rdig(2), 16)
    elif k == "amex":
        n = luhn_complete(R.choice(["34", "37"]) + rdig(4), 15)
    else:
        n = luhn_complete(R.choice(["6011", "65" + rdig(2)]) + rdig(2), 16)
    assert luhn_ok(n)
    return n


def card_groups(n):
    if len(n) == 15:
        return [n[:4], n[4:10], n[10:]]
    return [n[i:i + 4] for i in range(0, 16, 4)]


def gen_ssn():
    while True:
        a = R.randint(1, 899)
        if a != 666:
            break
    g = R.randint(1, 99)
    s = R.randint(1, 9999)
    return "%03d" % a, "%02d" % g, "%04d" % s


IBAN_SPEC = {  # country: (total length, bban builder)
    "DE": (22, lambda: rdig(18)),
    "GB": (22, lambda: "".join(R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + rdig(14)),
    "IE": (22, lambda: R.choice(["AIBK", "BOFI", "IPBS", "ULSB"]) + rdig(14)),
    "FR": (27, lambda: rdig(23)),
    "ES": (24, lambda: rdig(20)),
    "IT": (27, lambda: R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + rdig(22)),
    "NL": (18, lambda: R.choice(["ABNA", "RABO", "INGB", "TRIO"]) + rdig(10)),
    "PL": (28, lambda: rdig(24)),
    "BE": (16, lambda: rdig(12)),
    "AT": (20, lambda: rdig(16)),
    "CH": (21, lambda: rdig(17)),
    "PT": (25, lambda: rdig(21)),
}
_iban_order = ["DE", "GB", "IE", "FR", "ES", "IT", "NL", "PL", "BE", "AT", "CH", "PT"]
_iban_i = [0]


def iban_mod97(s):
    r = s[4:] + s[:4]
    num = "".join(str(int(c, 36)) for c in r)
    return int(num) % 97


def gen_iban():
    cc = _iban_order[_iban_i[0] % len(_iban_order)]
    _iban_i[0] += 1
    length, bb = IBAN_SPEC[cc]
    bban = bb()
    check = 98 - iban_mod97(cc + "00" + bban)
    iban = cc + "%02d" % check + bban
    assert len(iban) == length and iban_mod97(iban) == 1
    return iban


def gen_aba():
    while True:
        pre = R.choice(["0" + str(R.randint(1, 9)), str(R.randint(10, 12)),
                        str(R.randint(21, 32)), str(R.randint(61, 72))])
        body = pre + rdig(6)
        d = [int(c) for c in body]
        for c in range(10):
            x = d + [c]
            if (3 * (x[0] + x[3] + x[6]) + 7 * (x[1] + x[4] + x[7]) + (x[2] + x[5] + x[8])) % 10 == 0:
                return body + str(c)


def nanp():
    def code():
        while True:
            c = str(R.randint(2, 9)) + rdig(2)
            if c[1:] != "11":
                return c
    area = code()
    while area[1] == "9":
        area = code()
    return area, code(), rdig(4)


# ----------------------------------------------------------------- phones
def phone_value(mode, region=None):
    region = region or R.choice(["us", "us", "us", "ca", "uk", "uk", "uk_land",
                                 "ie", "au", "de", "fr", "in", "us_e164", "au_land"])
    sp = mode == "S"
    if region in ("us", "ca", "us_e164"):
        a, e, s = nanp()
        if sp:
            pre = "plus one " if region == "us_e164" else R.choice(["", "", "", "one "])
            seps = ("", "dash") if R.random() < 0.5 else ("", "", "uh")
            return pre + say_groups([a, e, s], True, seps)
        if region == "us_e164":
            return R.choice(["+1 %s %s %s", "+1-%s-%s-%s", "+1%s%s%s", "+1 (%s) %s-%s"]) % (a, e, s)
        return R.choice(["(%s) %s-%s", "%s-%s-%s", "%s.%s.%s", "%s %s %s", "%s%s%s",
                         "1-%s-%s-%s"]) % (a, e, s)
    if region == "uk":
        mid = "7" + R.choice(["4", "5", "7", "8", "9"]) + rdig(2)
        rest = rdig(6)
        if sp:
            if R.random() < 0.3:
                return "plus four four " + say_groups([mid, rest[:3], rest[3:]])
            return say_groups(["0" + mid, rest[:3], rest[3:]])
        return R.choice(["0%s %s", "+44 %s %s", "0%s%s", "+44 (0)%s %s"]) % (mid, rest)
    if region == "uk_land":
        a = R.choice(["20", "161", "113", "121", "131", "141", "29"])
        if len(a) == 2:
            loc = R.choice("378") + rdig(3) + " " + rdig(4)
        else:
            loc = R.choice("234") + rdig(2) + " " + rdig(4)
        if sp:
            g = loc.split()
            return say_groups(["0" + a] + g)
        return R.choice(["0%s %s", "+44 %s %s", "(0%s) %s"]) % (a, loc)
    if region == "ie":
        p = R.choice(["83", "85", "86", "87", "89"])
        a, b = rdig(3, True), rdig(4)
        if sp:
            if R.random() < 0.35:
                return "plus three five three " + say_groups([p, a, b])
            return say_groups(["0" + p, a, b])
        return R.choice(["0%s %s %s", "+353 %s %s %s", "0%s-%s-%s", "+353%s%s%s"]) % (p, a, b)
    if region == "au":
        a, b = rdig(2), rdig(3) + " " + rdig(3)
        if sp:
            if R.random() < 0.35:
                return "plus six one four " + say_groups([a] + b.split())
            return say_groups(["04" + a] + b.split())
        x, y = b.split()
        return R.choice(["04%s %s %s", "+61 4%s %s %s", "04%s%s%s"]) % (a, x, y)
    if region == "au_land":
        st = R.choice(["2", "3", "7", "8"])
        a, b = R.choice("3456789") + rdig(3), rdig(4)
        if sp:
            return say_groups(["0" + st, a, b])
        return R.choice(["(0%s) %s %s", "0%s %s %s", "+61 %s %s %s"]) % (st, a, b)
    if region == "de":
        a, b = R.choice(["30", "89", "40", "151", "171"]), rdig(7, True)
        if sp:
            return "plus four nine " + say_groups([a, b[:3], b[3:]])
        return R.choice(["+49 %s %s", "+49%s%s", "+49 (0)%s %s"]) % (a, b)
    if region == "fr":
        g = [R.choice(["6", "7", "1"])] + [rdig(2) for _ in range(4)]
        if sp:
            return "plus three three " + say_groups(g)
        return R.choice(["+33 %s %s %s %s %s" % tuple(g), "+33%s%s%s%s%s" % tuple(g)])
    if region == "in":
        a, b = R.choice("6789") + rdig(4), rdig(5)
        if sp:
            return "plus nine one " + say_groups([a, b])
        return R.choice(["+91 %s %s", "+91-%s-%s", "+91%s%s"]) % (a, b)
    raise ValueError(region)


# ----------------------------------------------------------------- other PII
EMAIL_DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.uk", "hotmail.com", "eircom.net",
                 "bigpond.com", "icloud.com", "protonmail.com", "btinternet.com",
                 "shaw.ca", "gmx.de", "live.ie", "optusnet.com.au", "aol.com",
                 "sympatico.ca", "nhs.net"]


def email_value(mode, name=None):
    f, l = name or next_name()
    f = re.sub(r"[^a-z]", "", ascii_fold(f).lower())
    l = re.sub(r"[^a-z]", "", ascii_fold(l).lower())
    dom = R.choice(EMAIL_DOMAINS)
    local = R.choice([f + "." + l, f[0] + l, f + "_" + l + rdig(2), l + "." + f[0],
                      f + l[0] + rdig(4), f + "-" + l, f + rdig(2)])
    addr = local + "@" + dom
    if mode != "S":
        return addr, False
    out = []
    for ch in addr:
        if ch == ".":
            out.append(" dot ")
        elif ch == "@":
            out.append(" at ")
        elif ch == "_":
            out.append(" underscore ")
        elif ch == "-":
            out.append(" dash ")
        elif ch.isdigit():
            out.append(" " + ONES[int(ch)] + " ")
        else:
            out.append(ch)
    s = re.sub(r"\s+", " ", "".join(out)).strip()
    return s, True


def dob_value(mode):
    y = R.randint(1938, 2019)
    m = R.randint(1, 12)
    d = R.randint(1, 28)
    mn = MONTHS[m - 1]
    if mode == "S":
        f = R.choice(["the %s of %s %s", "%s %s %s", "%s the %s %s", "%s %s %s"])
        if f == "the %s of %s %s":
            return f % (ORD[d], mn, year_words(y))
        if f == "%s the %s %s":
            return f % (mn, ORD[d], year_words(y))
        if R.random() < 0.5:
            return "%s %s %s" % (mn, ORD[d], year_words(y))
        return "%s %s %s" % (ORD[d], mn, year_words(y))
    fmts = ["%02d/%02d/%04d" % (m, d, y), "%02d/%02d/%04d" % (d, m, y),
            "%04d-%02d-%02d" % (y, m, d), "%s %d, %d" % (mn.title(), d, y),
            "%d %s %d" % (d, mn.title(), y), "%d.%d.%d" % (d, m, y),
            "%d/%d/%02d" % (m, d, y % 100)]
    return R.choice(fmts)


STREETS_US = [("Oakridge", "Drive"), ("Elm", "Street"), ("Maple", "Avenue"),
              ("Jefferson", "Boulevard"), ("Willow Creek", "Road"), ("Cedar", "Lane"),
              ("Lakeshore", "Court"), ("Pine Hollow", "Way"), ("Sunset", "Terrace"),
              ("Hickory", "Place"), ("Magnolia", "Circle"), ("Birch", "Parkway")]
STREETS_UK = [("Mill", "Lane"), ("Kings", "Road"), ("Station", "Road"), ("Church", "Street"),
              ("Highfield", "Crescent"), ("Abbey", "Close"), ("Meadow", "View"),
              ("Castle", "Terrace"), ("Glenview", "Park"), ("Wattle", "Grove"),
              ("Ballymore", "Road"), ("Tudor", "Gardens")]
ABBR = {"Drive": "Dr", "Street": "St", "Avenue": "Ave", "Boulevard": "Blvd",
        "Road": "Rd", "Lane": "Ln", "Court": "Ct", "Terrace": "Ter", "Place": "Pl",
        "Parkway": "Pkwy", "Crescent": "Cres", "Circle": "Cir"}


def addr_value(mode, region=None):
    region = region or R.choice(["us", "us", "uk", "ie", "au", "ca"])
    if region in ("us", "ca"):
        n = R.choice([R.randint(100, 999), R.randint(1000, 9999), R.randint(12, 99)])
        nm, ty = R.choice(STREETS_US)
    else:
        n = R.randint(1, 140)
        nm, ty = R.choice(STREETS_UK)
    if mode == "S":
        return "%s %s %s" % (house_words(n), nm.lower(), ty.lower()), True
    if mode == "T" and ty in ABBR and R.random() < 0.4:
        ty = ABBR[ty] + R.choice([".", ""])
    return "%d %s %s" % (n, nm, ty), False


def zip_value(mode, region="us"):
    if region == "us":
        z = "%05d" % R.randint(1001, 99950)
        if mode != "S" and R.random() < 0.25:
            z += "-" + rdig(4)
        if mode == "S":
            return say_group(z, runs=R.random() < 0.5), True
        return z, False
    if region == "uk":
        pc = R.choice(["SW9", "LS6", "M14", "CF24", "EH7", "G12", "BS3", "NE6"]) + " " + \
            str(R.randint(1, 9)) + R.choice("ABDEFGHJLNPQRSTUWXYZ") + R.choice("ABDEFGHJLNPQRSTUWXYZ")
        if mode == "S":
            return spell_alnum(pc, 0.2), True
        return pc, False
    if region == "ca":
        L = "ABCEGHJKLMNPRSTVXY"
        pc = R.choice("KLMNTVH") + str(R.randint(1, 9)) + R.choice(L) + " " + \
            str(R.randint(1, 9)) + R.choice(L) + str(R.randint(1, 9))
        if mode == "S":
            return spell_alnum(pc, 0.0), True
        return pc, False
    raise ValueError(region)


def ip_value(mode, v6=False):
    if v6:
        groups = ["2001", "db8"] + ["%x" % R.randint(0, 0xffff) for _ in range(6)]
        if R.random() < 0.5:
            return "%s:%s:%s:%s::%s" % tuple(groups[:5]), False
        return ":".join(groups), False
    a = [R.choice([R.randint(11, 223), 192, 10, 172, 86, 81])] + [R.randint(0, 255) for _ in range(3)]
    if a[0] == 127:
        a[0] = 128
    if mode == "S":
        sep = R.choice([" dot ", " dot ", " point "])
        parts = []
        for o in a:
            if R.random() < 0.6:
                parts.append(say_group(str(o), runs=False, oh_p=0.3))
            else:
                parts.append(w(o))
        return sep.join(parts), True
    return ".".join(map(str, a)), False


def dl_value(mode):
    k = R.choice(["ca", "ny", "fl", "il", "tx", "wa", "pa"])
    if k == "ca":
        v = R.choice("ABCDEFGNSY") + rdig(7)
    elif k == "ny":
        v = rdig(9, True)
        if mode == "T" and R.random() < 0.5:
            v = v[:3] + " " + v[3:6] + " " + v[6:]
    elif k == "fl":
        v = R.choice("BHMSW") + rdig(3) + "-" + rdig(3) + "-" + rdig(2) + "-" + rdig(3) + "-" + rdig(1)
    elif k == "il":
        v = R.choice("BDHKMS") + rdig(3) + "-" + rdig(4) + "-" + rdig(4)
    elif k == "tx":
        v = rdig(8, True)
    elif k == "wa":
        v = "WDL" + "".join(R.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(9))
    else:
        v = rdig(2, True) + " " + rdig(3) + " " + rdig(3)
    if mode == "S":
        return spell_alnum(v, 0.5), True
    return v, False


def passport_value(mode):
    v = R.choice([rdig(9, True), R.choice("ACEFGHJKMNPR") + rdig(8)])
    if mode == "S":
        return spell_alnum(v, 0.5), True
    return v, False


def mrn_value(mode):
    v = R.choice([rdig(8), "MRN" + rdig(7), rdig(3, True) + "-" + rdig(3) + "-" + rdig(3),
                  R.choice(["K", "RX", "H"]) + rdig(6), rdig(7, True)])
    if mode == "S":
        v = v.replace("MRN", "")
        return spell_alnum(v, 0.6), True
    return v, False


def acct_value(mode):
    v = R.choice([rdig(10, True), rdig(8, True), rdig(12, True),
                  R.choice(["GX", "EN", "AC", "WT"]) + rdig(8),
                  rdig(4, True) + " " + rdig(4) + " " + rdig(3)])
    if mode == "S":
        return spell_alnum(v, 0.6) if not v[0].isalpha() else spell_alnum(v, 0.6), True
    return v, False


def bank_value(mode):
    v = rdig(R.choice([8, 9, 10, 11, 12]), True)
    if mode == "S":
        return say_group(v, runs=True, oh_p=0.5), True
    return v, False


# ----------------------------------------------------------------- negatives
def money(mode):
    cur = R.choice(["dollars", "pounds", "euro", "dollars"])
    a, c = R.randint(3, 2400), R.randint(1, 99)
    if mode == "S":
        return "%s %s %s" % (w(a), cur, w(c)) if R.random() < 0.6 else "%s %s" % (w(a), cur)
    sym = {"dollars": "$", "pounds": "£", "euro": "€"}[cur]
    return "%s%s.%02d" % (sym, "{:,}".format(a), c)


def time_(mode):
    h, m = R.randint(1, 12), R.choice([0, 15, 30, 45, 10, 20, 40, 50])
    if mode == "S":
        if m == 0:
            return "%s o'clock" % w(h) if R.random() < 0.5 else "%s %s" % (w(h), R.choice(["am", "pm", "in the morning"]))
        return "%s %s" % (w(h), ("oh " + ONES[m]) if m < 10 else w(m))
    return "%d:%02d%s" % (h, m, R.choice(["", " am", " pm", "pm", "am"]))


def appt_date(mode):
    d, m = R.randint(1, 28), R.randint(1, 12)
    if mode == "S":
        return R.choice(["the %s of %s" % (ORD[d], MONTHS[m - 1]),
                         "%s %s" % (MONTHS[m - 1], ORD[d]),
                         "%s the %s" % (R.choice(["monday", "tuesday", "friday", "thursday"]), ORD[d])])
    return R.choice(["%d %s" % (d, MONTHS[m - 1].title()), "%s %d" % (MONTHS[m - 1].title(), d),
                     "%02d/%02d" % (d, m), "%d/%d/2026" % (m, d)])


def year_(mode):
    y = R.randint(1995, 2026)
    return year_words(y) if mode == "S" else str(y)


def num(mode, lo, hi):
    n = R.randint(lo, hi)
    return w(n) if mode == "S" else "{:,}".format(n) if n >= 10000 and R.random() < 0.5 else str(n)


def ref(mode, n=None, letters=""):
    n = n or R.choice([6, 7, 8, 9, 10])
    v = letters + rdig(n, True)
    if mode == "S":
        return spell_alnum(v, 0.6)
    return v


def guid_frag(mode):
    h = "".join(R.choice("0123456789abcdef") for _ in range(8)) + "-" + \
        "".join(R.choice("0123456789abcdef") for _ in range(4))
    return h


def version(mode):
    a, b, c = R.randint(1, 17), R.randint(0, 12), R.randint(0, 40)
    if mode == "S":
        return "%s point %s point %s" % (w(a), w(b), w(c))
    return "%d.%d.%d" % (a, b, c)


def build(mode):
    v = rdig(R.choice([4, 5, 6]), True)
    return spell_alnum(v) if mode == "S" else v


def pct(mode):
    p = R.choice([R.randint(2, 60), R.randint(2, 20)])
    if mode == "S":
        return "%s percent" % w(p)
    return "%d%%" % p if R.random() < 0.7 else "%d.%d%%" % (p, R.randint(1, 9))


def dose(mode):
    mg = R.choice([5, 10, 20, 25, 40, 50, 100, 250, 400, 500])
    if mode == "S":
        return "%s milligrams" % w(mg)
    return "%dmg" % mg if R.random() < 0.5 else "%d mg" % mg


def flight(mode):
    al = R.choice(["EI", "BA", "QF", "AC", "UA", "FR", "DL", "VS"])
    n = str(R.randint(10, 2999))
    if mode == "S":
        return spell_alnum(al) + " " + (house_words(int(n)) if R.random() < 0.6 else spell_alnum(n))
    return al + R.choice(["", " "]) + n


def kwh(mode):
    n = R.randint(120, 98000)
    if mode == "S":
        return "%s" % w(n)
    return "{:,}".format(n) if R.random() < 0.5 else str(n)


def tariff(mode):
    v = R.choice(["E7", "TOU-D-4-9PM", "RES-1", "A1", "T11", "GD2", "EV-TOU-5", "DG-3"])
    if mode == "S":
        return spell_alnum(v.replace("-", ""))
    return v


NEG_SLOTS = {
    "money": money, "time": time_, "appt": appt_date, "year": year_, "guid": guid_frag,
    "ver": version, "build": build, "pct": pct, "dose": dose, "flight": flight,
    "kwh": kwh, "tariff": tariff,
    "qty": lambda m: num(m, 2, 12),
    "age": lambda m: num(m, 9, 17),
    "kilos": lambda m: num(m, 2, 12),
    "big": lambda m: num(m, 100, 900),
    "meter": lambda m: ref(m, R.choice([5, 6])),
    "order": lambda m: ref(m, R.choice([7, 8, 9, 10])),
    "ticket": lambda m: ref(m, 6, R.choice(["", "INC", "TK", "CS"]) if m != "S" else ""),
    "case": lambda m: ref(m, R.choice([6, 7, 8])),
    "refno": lambda m: ref(m, 8, R.choice(["", "REF", "CR"]) if m != "S" else ""),
    "mins": lambda m: num(m, 3, 95),
    "days": lambda m: num(m, 2, 30),
    "gb": lambda m: num(m, 2, 500),
    "litres": lambda m: num(m, 20, 900),
    "temp": lambda m: num(m, 36, 41),
}


# ----------------------------------------------------------------- slot filler
SLOT = re.compile(r"\{([a-z_]+?)(\d*)\}")


def slot_value(kind, mode, ctx):
    """Return (type, value, spoken) for PII slots, or a plain str."""
    sp = mode == "S"
    if kind in NEG_SLOTS:
        return NEG_SLOTS[kind](mode)
    if kind in ("ttlmed", "ttlgen", "ttloff"):
        opts = {"ttlmed": (["dr", "doctor", "nurse", "sister"], ["Dr", "Dr.", "Nurse", "Sister", "Doctor"]),
                "ttlgen": (["mrs", "mr", "ms", "miss"], ["Mrs", "Mr", "Ms", "Miss", "Mr."]),
                "ttloff": (["officer", "councillor", "sergeant", "detective"],
                           ["Officer", "Councillor", "Sgt", "PC", "Det."])}[kind]
        return R.choice(opts[0] if mode == "S" else opts[1])
    if kind in ("name", "first", "last", "fname", "ffirst", "mname", "mfirst"):
        g = kind[0] if kind[0] in "fm" and kind != "first" else None
        nm = next_name(g)
        base = kind[1:] if g else kind
        f, l = case(nm[0], mode), case(nm[1], mode)
        if mode == "S":
            f, l = f.lower(), l.lower()
        v = {"name": f + " " + l, "first": f, "last": l}[base]
        return ("PERSON", v, False)
    if kind == "phone":
        return ("PHONE_NUMBER", phone_value(mode), sp)
    if kind in ("phoneus", "phoneuk", "phoneie", "phoneau", "phoneintl"):
        reg = {"phoneus": R.choice(["us", "ca", "us_e164"]), "phoneuk": R.choice(["uk", "uk_land"]),
               "phoneie": "ie", "phoneau": R.choice(["au", "au_land"]),
               "phoneintl": R.choice(["de", "fr", "in", "us_e164", "uk", "ie", "au"])}[kind]
        return ("PHONE_NUMBER", phone_value(mode, reg), sp)
    if kind == "email":
        v, s = email_value(mode, ctx.get("emailname"))
        return ("EMAIL_ADDRESS", v, s)
    if kind == "ssn":
        a, g, s = gen_ssn()
        if sp:
            seps = R.choice([("",), ("dash",), ("",)])
            return ("US_SSN", say_groups([a, g, s], R.random() < 0.5, seps, 0.6), True)
        return ("US_SSN", R.choice(["%s-%s-%s", "%s-%s-%s", "%s %s %s", "%s%s%s"]) % (a, g, s), False)
    if kind == "card":
        n = gen_card()
        gs = card_groups(n)
        if sp:
            return ("CREDIT_CARD", say_groups(gs, R.random() < 0.5, ("",), 0.5), True)
        f = R.choice(["space", "dash", "plain", "space"])
        v = {"space": " ".join(gs), "dash": "-".join(gs), "plain": n}[f]
        return ("CREDIT_CARD", v, False)
    if kind == "iban":
        ib = gen_iban()
        if sp:
            out = []
            for ch in ib:
                out.append(ch.lower() if ch.isalpha() else digit_word(ch, 0.3))
            return ("IBAN_CODE", " ".join(out), True)
        if R.random() < 0.6:
            return ("IBAN_CODE", " ".join(ib[i:i + 4] for i in range(0, len(ib), 4)), False)
        return ("IBAN_CODE", ib, False)
    if kind == "aba":
        a = gen_aba()
        if sp:
            return ("ABA_ROUTING_NUMBER", say_group(a, R.random() < 0.4, 0.5), True)
        return ("ABA_ROUTING_NUMBER", a, False)
    if kind == "bank":
        v, s = bank_value(mode)
        return ("US_BANK_NUMBER", v, s)
    if kind == "acct":
        v, s = acct_value(mode)
        return ("ACCOUNT_NUMBER", v, s)
    if kind == "dob":
        return ("DATE_OF_BIRTH", dob_value(mode), sp)
    if kind in ("addr", "addrus", "addruk"):
        reg = {"addr": None, "addrus": R.choice(["us", "us", "ca"]), "addruk": R.choice(["uk", "ie", "au"])}[kind]
        v, s = addr_value(mode, reg)
        return ("STREET_ADDRESS", v, s)
    if kind in ("zip", "postcode", "postal"):
        reg = {"zip": "us", "postcode": "uk", "postal": "ca"}[kind]
        v, s = zip_value(mode, reg)
        return ("ZIP_CODE", v, s)
    if kind == "ip":
        v, s = ip_value(mode)
        return ("IP_ADDRESS", v, s)
    if kind == "ipsix":
        v, s = ip_value(mode, True)
        return ("IP_ADDRESS", v, s)
    if kind == "dl":
        v, s = dl_value(mode)
        return ("US_DRIVER_LICENSE", v, s)
    if kind == "passport":
        v, s = passport_value(mode)
        return ("US_PASSPORT", v, s)
    if kind == "mrn":
        v, s = mrn_value(mode)
        return ("MEDICAL_RECORD_NUMBER", v, s)
    raise KeyError(kind)


def fill(tpl, mode):
    text = ""
    ents = []
    pos = 0
    ctx = {}
    for m in SLOT.finditer(tpl):
        text += tpl[pos:m.start()]
        v = slot_value(m.group(1), mode, ctx)
        if isinstance(v, str):
            text += v
        else:
            typ, val, sp = v
            s = len(text)
            text += val
            ents.append({"type": typ, "start": s, "end": len(text), "text": val, "spoken": sp})
        pos = m.end()
    text += tpl[pos:]
    for e in ents:
        assert text[e["start"]:e["end"]] == e["text"], (text, e)
        assert e["text"] == e["text"].strip() and e["text"]
    return text, ents


# ----------------------------------------------------------------- templates
# Each category: list of (mode, domain, template).
POS = {}
POS["name"] = [
    ("S", "energy", "hi yeah my name is {name} and i'm calling about my gas bill it's gone up loads"),
    ("S", "water", "um it's {name} again i rang yesterday about the leak under the road"),
    ("S", "telecom", "yeah hi i'm {first} i'm ringing for my mum she can't get the broadband working"),
    ("S", "gp", "can i ask for {ttlmed} {last} please she did my bloods last week"),
    ("S", "council", "could you put me through to {fname} in housing she said she'd call me back"),
    ("S", "gp", "my son {mfirst} has had a temperature since last night and he's not eating"),
    ("S", "child_helpline", "my teacher {ttlgen} {last} shouted at me and grabbed my arm in front of everyone"),
    ("S", "dv_helpline", "{mfirst} hits me when he's been drinking and i don't know where to go"),
    ("S", "child_helpline", "{first} told me not to tell anyone or i'd get taken away"),
    ("S", "pharmacy", "can you tell {first} i'll pick up the prescription after work"),
    ("S", "water", "my neighbour {fname} has had no water since monday and she's eighty"),
    ("S", "dv_helpline", "my caseworker is {fname} she said to ring you if it got worse"),
    ("S", "telecom", "hello {first} speaking how can i help you today"),
    ("S", "hospital", "i was seen by {ttlmed} {last} in the fracture clinic last tuesday"),
    ("S", "energy", "the account's in my husband's name {mname} but he passed away in the spring"),
    ("S", "insurance", "you can call me {first} everyone does"),
    ("S", "bank_fraud", "uh yes this is {name} i think someone's been using my card"),
    ("S", "dmv", "i'm calling on behalf of my father {mname} he can't hear very well"),
    ("S", "child_helpline", "me and {first} got kicked out and we're sleeping at {first2}'s house"),
    ("S", "hospital", "my daughter {fname} is on ward six and nobody's told us anything"),
    ("S", "council", "so {ttloff} {last} came round and said the damp was our fault"),
    ("S", "dv_helpline", "he's called {mname} and he knows where my sister lives"),
    ("S", "gp", "{first} here i'm after a repeat of my inhaler"),
    ("S", "dv_helpline", "{ttloff} {last} took my statement but nothing's happened since"),
    ("S", "council", "i emailed {ttloff} {last} about the potholes and heard nothing"),
    ("S", "pharmacy", "ask for {ffirst} at the counter she knows my prescription"),
    ("P", "dv_helpline", "Tell {ffirst} I'm safe, please, but don't tell {mfirst}."),
    ("T", "council", "Cllr {last} copied in. Resident {name} requests a site visit."),
    ("S", "insurance", "it was the other driver {name} who went into the back of me"),
    ("P", "energy", "Hi, my name is {name}, I'm calling about my final bill."),
    ("P", "gp", "Yes, this is {first}. I'm returning a call from the surgery."),
    ("P", "hospital", "It's {ttlmed} {last} from outpatients, can I speak to {first}?"),
    ("P", "child_helpline", "My teacher, {ttlgen} {last}, keeps messaging me at night."),
    ("P", "dv_helpline", "{mfirst} told me he'd find me if I ever left."),
    ("P", "council", "Could you ask for {fname}? She's handling the repair."),
    ("P", "pharmacy", "I'm collecting for my neighbour, {name}."),
    ("P", "bank_fraud", "Speaking, yeah. It's {name}."),
    ("T", "energy", "Caller {name} reports no hot water since Tuesday; engineer booked."),
    ("T", "council", "Hi team, please call back re the bin collection. Thanks, {name}"),
    ("T", "gp", "Note: spoke with {ttlmed} {last} re repeat script, approved."),
    ("T", "child_helpline", "Child disclosed that {mfirst} (stepfather) hits her when mum is out."),
    ("T", "telecom", "chat: hi im {first} my internet keeps dropping every 10 min"),
    ("T", "insurance", "Claim handler: {name}. Third party driver {name2} admitted liability."),
    ("T", "dv_helpline", "Survivor's worker {name} to be informed before any contact."),
    ("T", "hospital", "Referred by Dr {last} (GP). Patient {name} prefers afternoon slots."),
    ("T", "water", "Kind regards,\n{name}\nTenant, flat 3"),
]
POS["phone"] = [
    ("S", "telecom", "my number is {phone}"),
    ("S", "energy", "yeah you can reach me on {phone} after five"),
    ("S", "gp", "uh the best number is {phone} that's my mobile"),
    ("S", "water", "call me back on {phone} please"),
    ("S", "bank_fraud", "the number that rang me was {phone} and they said they were from the bank"),
    ("S", "dv_helpline", "if he answers hang up my safe number is {phone}"),
    ("S", "child_helpline", "my nan's number is {phone} can you ring her"),
    ("S", "insurance", "my landline is {phoneuk} or the mobile {phone2}"),
    ("S", "council", "i'm on {phoneie} if we get cut off"),
    ("S", "pharmacy", "text me on {phoneau} when it's ready"),
    ("S", "hospital", "you can get my husband {mfirst} on {phoneus}"),
    ("S", "telecom", "it's {phoneintl} i'm abroad at the moment"),
    ("S", "dmv", "okay so my cell is {phoneus} yeah"),
    ("P", "gp", "Sure, it's {phone}."),
    ("P", "energy", "You can reach me at {phoneus}, that's my cell."),
    ("P", "hospital", "My daughter's number is {phone}, she'll pick me up."),
    ("P", "council", "Call {ffirst} on {phoneuk}, she's the housing officer."),
    ("P", "telecom", "The number on the account is {phone}."),
    ("T", "energy", "Callback requested: {phone}"),
    ("T", "water", "Please ring customer on {phone} before 5pm, elderly, hard of hearing."),
    ("T", "insurance", "Alt contact {name} {phone}"),
    ("T", "telecom", "chat: can u call me on {phone} pls my data is gone"),
    ("T", "pharmacy", "From: front desk. Patient rang from {phoneau}, wants a callback re dosage."),
    ("T", "bank_fraud", "Suspicious caller ID {phoneintl} reported by customer."),
]
POS["email"] = [
    ("S", "telecom", "my email is {email}"),
    ("S", "energy", "can you send the bill to {email} please"),
    ("S", "council", "yeah it's {email} all lower case"),
    ("S", "insurance", "send the claim form to my son's email {email}"),
    ("S", "gp", "uh my email address is {email} i think you've got an old one"),
    ("P", "bank_fraud", "My e-mail is {email}, that's where the alert went."),
    ("P", "pharmacy", "Could you email it to {email}?"),
    ("T", "water", "Update contact email to {email} per customer request."),
    ("T", "hospital", "Please send the appointment letter to {email} - thanks, {first}"),
    ("T", "telecom", "chat: my login is {email} but it says wrong password"),
    ("T", "dmv", "Reply-To: {email}"),
]
POS["ssn"] = [
    ("S", "bank_fraud", "my social is {ssn}"),
    ("S", "insurance", "uh social security number {ssn}"),
    ("S", "dmv", "okay the last thing is my ssn it's {ssn}"),
    ("S", "hospital", "yeah his social security is {ssn}"),
    ("P", "bank_fraud", "My Social Security number is {ssn}."),
    ("P", "insurance", "Sure, SSN is {ssn}, and the claim is for my wife."),
    ("T", "dmv", "Applicant {name}, SSN {ssn}, renewal."),
    ("T", "hospital", "Guarantor SSN: {ssn}"),
]
POS["card"] = [
    ("S", "bank_fraud", "the card number is {card}"),
    ("S", "energy", "i'd like to pay with my card it's {card}"),
    ("S", "telecom", "okay long number on the front {card} expiry oh nine twenty eight"),
    ("S", "pharmacy", "can i pay over the phone yeah it's {card}"),
    ("P", "insurance", "My card number is {card}, expiry 11/27."),
    ("P", "bank_fraud", "Someone used my card, {card}, in Madrid."),
    ("T", "water", "Card payment taken: {card}"),
    ("T", "telecom", "chat: card is {card} can u take the payment"),
    ("T", "bank_fraud", "Customer disputes transactions on {card}; card blocked."),
]
POS["iban"] = [
    ("S", "bank_fraud", "my iban is {iban}"),
    ("S", "energy", "okay so the i ban for the refund is {iban}"),
    ("S", "insurance", "yeah pay it into {iban} that's my irish account"),
    ("S", "bank_fraud", "they asked me to send money to {iban} and i did it"),
    ("S", "water", "uh the account i ban is {iban} sorry it's a long one"),
    ("P", "bank_fraud", "The IBAN is {iban}, that's the one they sent it to."),
    ("P", "energy", "My IBAN: {iban}."),
    ("T", "insurance", "Settlement to IBAN {iban} (account holder {name})."),
    ("T", "bank_fraud", "Beneficiary IBAN {iban} flagged as mule account."),
    ("T", "telecom", "Direct debit mandate, IBAN: {iban}"),
]
POS["aba"] = [
    ("S", "bank_fraud", "the routing number is {aba}"),
    ("S", "insurance", "routing number {aba} and the account is {bank}"),
    ("P", "energy", "The routing number is {aba}."),
    ("T", "insurance", "ABA routing: {aba}; checking acct {bank}"),
    ("T", "bank_fraud", "Wire sent to RTN {aba}."),
]
POS["bank"] = [
    ("S", "bank_fraud", "my checking account number is {bank}"),
    ("S", "energy", "take it out of my bank account number {bank}"),
    ("P", "bank_fraud", "My savings account number is {bank}."),
    ("T", "insurance", "Direct deposit to bank account {bank}"),
]
POS["acct"] = [
    ("S", "energy", "my account number is {acct}"),
    ("S", "water", "yeah the customer account number on the bill is {acct}"),
    ("S", "telecom", "account number {acct} it's under my wife's name"),
    ("S", "insurance", "uh my policy account number is {acct}"),
    ("P", "energy", "Account number {acct}, I'm moving out Friday."),
    ("P", "telecom", "It's account {acct}, the broadband one."),
    ("T", "water", "Acct no: {acct} - customer disputes estimated read."),
    ("T", "energy", "Customer account {acct}; smart meter offline."),
]
POS["dob"] = [
    ("S", "gp", "my date of birth is {dob}"),
    ("S", "hospital", "he was born on {dob}"),
    ("S", "bank_fraud", "d o b is {dob}"),
    ("S", "dmv", "uh date of birth {dob}"),
    ("S", "child_helpline", "i was born {dob} so i'm still a kid"),
    ("P", "pharmacy", "Date of birth, {dob}."),
    ("P", "insurance", "My DOB is {dob}."),
    ("T", "hospital", "Pt {name}, DOB {dob}, MRN {mrn}"),
    ("T", "gp", "DOB: {dob}"),
    ("T", "dmv", "Applicant born {dob}."),
]
POS["addr"] = [
    ("S", "energy", "i live at {addr} it's the house with the green door"),
    ("S", "water", "the leak's outside {addr}"),
    ("S", "council", "the property is {addruk} and the boiler's been broken for a week"),
    ("S", "dmv", "my address is {addrus} zip code {zip}"),
    ("S", "insurance", "it happened outside my house at {addr}"),
    ("S", "dv_helpline", "he's moved into {addr} and that's two streets from me"),
    ("S", "child_helpline", "i live at {addr} with my uncle and his girlfriend"),
    ("T", "dv_helpline", "Refuge referral: current address {addr} NOT safe to write to."),
    ("P", "council", "The address is {addruk}, postcode {postcode}."),
    ("P", "dmv", "It's {addrus}, Springfield, zip {zip}."),
    ("T", "energy", "Supply address: {addruk}, Leeds {postcode}"),
    ("T", "telecom", "Install at {addrus}, Toronto ON {postal}"),
    ("T", "insurance", "Risk address {addr}."),
]
POS["zip"] = [
    ("S", "telecom", "zip code is {zip}"),
    ("S", "energy", "the post code is {postcode}"),
    ("P", "dmv", "My ZIP code is {zip}."),
    ("T", "telecom", "Postal code {postal} - outage check"),
]
POS["ip"] = [
    ("S", "telecom", "the router says the ip address is {ip}"),
    ("S", "telecom", "uh my ip is {ip} if that helps"),
    ("P", "telecom", "My IP address is {ip}, and it keeps dropping."),
    ("T", "bank_fraud", "Login from IP {ip} not recognised by customer."),
    ("T", "telecom", "Customer CPE WAN IPv6 {ipsix}"),
    ("T", "council", "Portal access logged from {ipsix}"),
    ("P", "telecom", "It's showing an IPv6 address, {ipsix}."),
    ("S", "telecom", "ok the ipv six is {ipsix} i'm reading it off the screen"),
]
POS["dl"] = [
    ("S", "dmv", "my driver's license number is {dl}"),
    ("S", "insurance", "uh the license number is {dl}"),
    ("P", "dmv", "Driver's license number, {dl}."),
    ("T", "insurance", "Driver licence no. {dl} (other driver)"),
]
POS["passport"] = [
    ("S", "dmv", "my passport number is {passport}"),
    ("P", "bank_fraud", "Passport number {passport}."),
    ("T", "dmv", "ID verified: US passport {passport}"),
]
POS["mrn"] = [
    ("S", "hospital", "my hospital number is {mrn}"),
    ("S", "gp", "uh medical record number {mrn}"),
    ("P", "hospital", "The MRN on the letter is {mrn}."),
    ("T", "hospital", "MRN: {mrn} - follow-up in 6 weeks"),
    ("T", "pharmacy", "Patient record no. {mrn}, allergy to penicillin."),
]

NEG = [
    # money / bills
    ("S", "energy", "the bill says i owe {money} but i paid {money2} last month"),
    ("S", "water", "why is my water bill {money} when it was {money2} in the spring"),
    ("S", "telecom", "i was charged {money} for roaming and i never left the country"),
    ("P", "insurance", "The excess is {money}, and the premium went up {pct}."),
    ("T", "energy", "Balance {money} in credit; refund requested."),
    ("T", "telecom", "chat: why did my bill go up by {money}??"),
    # meter readings / kwh
    ("S", "energy", "the meter reading is {kwh} and the night one is {kwh2}"),
    ("S", "water", "uh the water meter says {kwh} cubic metres"),
    ("P", "energy", "Meter reading today: {kwh}, day rate."),
    ("T", "energy", "Customer read {kwh} kWh (E7 day), {kwh2} kWh night."),
    ("T", "energy", "Usage last quarter {kwh} kWh vs {kwh2} kWh same period last year."),
    ("S", "energy", "we used {kwh} kilowatt hours last month that can't be right"),
    # times / appointment dates
    ("S", "gp", "can i get an appointment on {appt} at {time}"),
    ("S", "hospital", "my appointment is {appt} at {time} is that still going ahead"),
    ("S", "pharmacy", "what time do you close on {appt} is it {time}"),
    ("P", "gp", "I've got you booked for {appt} at {time}."),
    ("T", "hospital", "Clinic rescheduled to {appt}, {time}."),
    ("T", "council", "Bin collection moved to {appt} due to the bank holiday."),
    ("S", "energy", "the engineer's coming between {time} and {time2}"),
    # years
    ("S", "insurance", "i've had the car since {year} and never made a claim"),
    ("S", "council", "we moved in back in {year}"),
    ("P", "energy", "The boiler was fitted in {year}."),
    ("T", "insurance", "No claims since {year}; vehicle registered {year2}."),
    # quantities
    ("S", "pharmacy", "i need {qty} boxes of the plasters and {qty2} inhalers"),
    ("S", "telecom", "i've only got {gb} gigabytes left and it's only {appt}"),
    ("S", "water", "there's about {litres} litres of water in the cellar"),
    ("P", "telecom", "I've got {qty} devices on the wifi and it's so slow."),
    ("T", "council", "{qty} households affected on the estate."),
    ("S", "hospital", "i've been waiting {mins} minutes on hold"),
    ("S", "gp", "he's had a temperature of {temp} degrees for {days} days"),
    # order / ticket / case / reference
    ("S", "telecom", "my order number is {order}"),
    ("S", "telecom", "the ticket number you gave me was {ticket}"),
    ("S", "council", "i've got a case reference {case} from last time"),
    ("S", "insurance", "the claim reference is {refno}"),
    ("S", "energy", "yeah the complaint number is {case}"),
    ("P", "telecom", "Your order number is {order}, and it ships Friday."),
    ("P", "council", "The reference number is {refno}."),
    ("T", "telecom", "Ticket {ticket} escalated to tier 2."),
    ("T", "insurance", "Claim ref {refno} closed - no payout."),
    ("T", "water", "Job no. {order} raised for burst main."),
    ("T", "council", "Case {case}: pothole reported, inspection in {days} days."),
    ("T", "bank_fraud", "Dispute ref {refno}; provisional credit issued."),
    # version / build / guid
    ("S", "telecom", "the router firmware is version {ver}"),
    ("P", "telecom", "It says version {ver}, build {build}."),
    ("T", "telecom", "App build {build} crashes on login; version {ver}."),
    ("T", "council", "Guid fragment {guid} seen in the error log."),
    ("T", "bank_fraud", "Session {guid} timed out after {mins} min."),
    ("S", "telecom", "it says error code {build} on the screen"),
    # percentages
    ("S", "energy", "you've put my direct debit up {pct} that's ridiculous"),
    ("P", "bank_fraud", "The interest rate is {pct}, right?"),
    ("T", "energy", "Price cap rises {pct} from October."),
    # dosages
    ("S", "pharmacy", "i take {dose} twice a day and {dose2} at night"),
    ("S", "gp", "the doctor put me on {dose} of sertraline"),
    ("P", "pharmacy", "It's {dose}, one tablet every {qty} hours."),
    ("T", "gp", "Increase amlodipine to 10mg OD; review in {days} days."),
    ("T", "hospital", "Paracetamol 1g QDS PRN, ibuprofen 400mg TDS."),
    # flights / travel
    ("S", "insurance", "my flight {flight} got cancelled and i lost my luggage"),
    ("P", "insurance", "Flight {flight} was delayed {mins} minutes."),
    ("T", "insurance", "Travel claim: flight {flight} on {appt}."),
    # places with no street
    ("S", "telecom", "there's no signal anywhere near victoria station"),
    ("S", "water", "the whole of the town centre has low pressure"),
    ("P", "council", "The flooding's by the retail park in Salford."),
    ("T", "telecom", "Mast outage: Galway city and Oranmore."),
    ("S", "energy", "we're out in the hunter valley and the power's been off since {time}"),
    ("P", "water", "Is there a boil notice for the Dublin area?"),
    # tariffs
    ("S", "energy", "i'm on the {tariff} tariff is that the cheapest"),
    ("T", "energy", "Switch tariff from {tariff} to {tariff2} at next read."),
    ("P", "energy", "Am I on the {tariff} rate or the standard one?"),
    # common words that are also names
    ("S", "energy", "i will pay the bill on friday when i get paid"),
    ("S", "telecom", "may i speak to someone about my contract"),
    ("S", "energy", "is there a grace period before you cut us off"),
    ("S", "water", "can you mark it as urgent please"),
    ("S", "energy", "the price rose again and i just hope it comes down"),
    ("S", "council", "i'm losing faith in the council honestly"),
    ("S", "telecom", "it's a sunny day and the signal is still terrible"),
    ("S", "gp", "it says on page two of the letter to bring a sample"),
    ("S", "insurance", "i'll have to chase the garage for the invoice"),
    ("S", "bank_fraud", "i got a text saying my chase account was locked"),
    ("P", "energy", "Will the bill be cheaper if I go paperless?"),
    ("P", "gp", "I hope the rash clears, I've had it since May."),
    ("T", "telecom", "Customer wants to bill monthly, not quarterly."),
    ("S", "council", "the hunter wellies were left in the hall"),
    ("S", "pharmacy", "is the rose hip syrup ok for kids"),
    ("T", "gp", "Please mark as read and page the on-call."),
    ("S", "dv_helpline", "i just want to know if i can stay somewhere safe tonight"),
    ("S", "dv_helpline", "he took my phone and i'm using a friend's"),
    ("P", "dv_helpline", "I don't want to give my name. Is that okay?"),
    ("S", "child_helpline", "i'm scared to go home after school"),
    ("S", "child_helpline", "can you promise you won't tell anyone"),
    ("T", "child_helpline", "Caller aged {age}, declined to give details; safety plan discussed."),
    ("S", "bank_fraud", "someone took {money} out of my account at {time} last night"),
    ("S", "bank_fraud", "i didn't authorise the payment of {money}"),
    ("P", "bank_fraud", "There were {qty} transactions I don't recognise."),
    ("S", "dmv", "how long does the renewal take is it {days} days"),
    ("P", "dmv", "The fee is {money}, correct?"),
    ("T", "dmv", "Queue wait approx {mins} min; office closes {time}."),
    ("S", "insurance", "the repair quote came to {money}"),
    ("S", "hospital", "what floor is the outpatients on is it floor {qty}"),
    ("T", "hospital", "Ward {qty} bay {qty2}; visiting {time}-{time2}."),
    ("S", "pharmacy", "press {qty} for prescriptions is what the message said"),
    ("S", "telecom", "i pressed option {qty} and it hung up"),
    ("P", "telecom", "Download speed is {gb} megabits, should be {big}."),
    ("T", "water", "Pressure {qty} bar at {time}; {litres} litres lost."),
    ("S", "water", "we've had brown water for {days} days now"),
    ("S", "energy", "it's about {big} on the display i think that's the total"),
    ("T", "energy", "Standing charge {money}/day; unit rate {pct} higher."),
    ("S", "council", "the council tax went up to {money} a month"),
    ("P", "council", "Is Band D right for a two-bed, or should it be C?"),
    ("S", "gp", "i've lost {kilos} kilos since {appt}"),
]


def pick_mode():
    x = R.random()
    return "S" if x < 0.55 else ("P" if x < 0.75 else "T")


POS_COUNTS = {"name": 34, "phone": 34, "email": 12, "ssn": 12, "card": 12, "iban": 14,
              "aba": 6, "bank": 6, "acct": 9, "dob": 9, "addr": 12, "zip": 4, "ip": 8,
              "dl": 5, "passport": 4, "mrn": 6}
N_NEG = 112


def choose(templates, mode_cycle_state, n):
    """Pick n templates: mode by weighted draw (restricted to modes available),
    cycling through each mode's templates so that every template is used."""
    by_mode = {}
    for t in templates:
        by_mode.setdefault(t[0], []).append(t)
    for k in by_mode:
        R.shuffle(by_mode[k])
    idx = {k: 0 for k in by_mode}
    out = []
    for _ in range(n):
        m = pick_mode()
        if m not in by_mode:
            m = R.choice(sorted(by_mode))
        lst = by_mode[m]
        out.append(lst[idx[m] % len(lst)])
        idx[m] += 1
    return out


def main():
    records = []
    for cat in POS_COUNTS:
        for mode, dom, tpl in choose(POS[cat], None, POS_COUNTS[cat]):
            text, ents = fill(tpl, mode)
            assert ents, tpl
            records.append((dom, mode, text, ents))
    for mode, dom, tpl in choose(NEG, None, N_NEG):
        text, ents = fill(tpl, mode)
        assert not ents, tpl
        records.append((dom, mode, text, []))
    R.shuffle(records)
    out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "blind14.jsonl")
    seen = set()
    with open(out_path, "w", encoding="utf-8") as fh:
        for i, (dom, mode, text, ents) in enumerate(records):
            rid = "blind14-%03d" % i
            assert rid not in seen
            seen.add(rid)
            for e in ents:
                assert text[e["start"]:e["end"]] == e["text"]
            ents = sorted(ents, key=lambda e: e["start"])
            for a, b in zip(ents, ents[1:]):
                assert a["end"] <= b["start"]
            rec = {"id": rid, "split": "blind14", "domain": dom,
                   "style": "typed" if mode == "T" else "asr", "text": text,
                   "entities": ents}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print("wrote", len(records), "utterances to", out_path)


if __name__ == "__main__":
    main()
