#!/usr/bin/env python3
"""Generate ``blind5.jsonl``: an independent, labeled evaluation set for the
privacy engine (split ``blind5``).

Character of this set
---------------------
Child and youth helplines (children and teenagers talking about family,
friends, teachers and coaches; worried parents and neighbours), clinics and
pharmacies (UK NHS and US), housing and council services in the UK and
Ireland, and immigration / refugee support.  Names are weighted toward
origins outside common US lists (Polish, Czech, Ukrainian, Romanian,
Turkish, Somali, Yoruba, Igbo, Ghanaian, Ethiopian, Pakistani, Bangladeshi,
Tamil, Vietnamese, Korean, Chinese pinyin, Filipino, Brazilian, Irish,
Welsh); all combinations are invented at random.

Deterministic: ``random.Random(SEED)`` with a fixed seed, standard library
only.  Run ``python3 blind5.py`` to rewrite ``blind5.jsonl`` next to this
file.

Labeling rules (applied consistently)
-------------------------------------
* A span covers exactly the PII value, never the cue words ("my number is",
  "DOB", "MRN") and never a title: in "mrs Kowalczyk" / "Dr Amara Okafor"
  only the name ("Kowalczyk", "Amara Okafor") is the PERSON span.
* PERSON: any mention of a real individual by given name and/or surname
  (first-only, full, surname after a title, signature in a typed note).
  Common words that are also names ("will", "grace", "may", "bill", "mark",
  "rose", "faith", "hope", "sunny", "page", "chase", "hunter") used as
  ordinary words are not labeled; they only appear in negatives.
* MEDICAL_RECORD_NUMBER: labeled only when the text calls the number a
  medical record number, "MRN", "hospital number", "patient number" or
  "medical record".  A ten-digit number introduced as an "NHS number" is NOT
  labeled (it is not in the entity list); such utterances are negatives.
  Prescription (Rx) numbers are order numbers and are not labeled.
* ZIP_CODE: US ZIP / ZIP+4 given with context (a "zip code" cue or the end
  of a US address), and UK postcodes introduced by the word "postcode" (the
  postal-code entity of this engine).  Irish Eircodes are not used.
* STREET_ADDRESS: house number + street name + street type, including a
  leading "flat N" / "apt N" / "unit N" unit when it is said contiguously;
  city, county, state and postcode are not part of the span.
* DATE_OF_BIRTH: a full date (day, month, year) in a birth context
  ("date of birth", "DOB", "born on", "d.o.b.").  Appointment dates, letter
  dates, move-in dates and bare years are negatives.
* ACCOUNT_NUMBER: utility, council-tax, rent and other customer account
  numbers called "account number".  US_BANK_NUMBER: a US bank (checking /
  savings / direct deposit) account number.  Case, ticket, order, claim and
  application references are negatives.
* US_PASSPORT: only US passports (the text says so or a US context is
  given); foreign passport numbers are not used.
* ``spoken`` is true when the value itself is written the way ASR writes
  speech (number words, "oh"/"nought", "double"/"triple", "dot"/"at",
  letters spelled one by one); a value typed in digits is ``spoken: false``.
  PERSON spans are always ``spoken: false``.
"""

import json
import os
import random
import re
import unicodedata
from datetime import date, timedelta

SEED = 5_270_913
rng = random.Random(SEED)
SPLIT = "blind5"
N_POS = 168
N_NEG = 112

# ---------------------------------------------------------------------------
# names (invented combinations)
# ---------------------------------------------------------------------------
NAMES = {
    "polish": (["Zofia", "Kacper", "Wiktoria", "Mateusz", "Agnieszka", "Bartosz", "Małgorzata", "Jakub", "Łucja"],
               ["Kowalczyk", "Wiśniewska", "Zieliński", "Grabowski", "Wróbel", "Kaczmarek", "Szymańska"]),
    "czech": (["Tereza", "Vojtěch", "Jiří", "Markéta", "Ondřej", "Klára"],
              ["Dvořáková", "Novotný", "Procházka", "Kučera", "Veselá"]),
    "ukrainian": (["Oksana", "Taras", "Bohdan", "Yulia", "Mykola", "Solomiia", "Dmytro", "Iryna"],
                  ["Shevchuk", "Kovalenko", "Bondarenko", "Tkachuk", "Melnyk", "Hrytsenko", "Lysenko"]),
    "romanian": (["Andreea", "Ionuț", "Bogdan", "Ioana", "Florin", "Mihaela", "Răzvan"],
                 ["Popescu", "Dumitrescu", "Ionescu", "Constantin", "Stoica", "Munteanu"]),
    "turkish": (["Elif", "Emre", "Zeynep", "Burak", "Ayşe", "Mehmet", "Kerem", "Defne"],
                ["Yılmaz", "Demir", "Çelik", "Aydın", "Öztürk", "Kaplan", "Arslan"]),
    "somali": (["Hodan", "Abdirahman", "Faduma", "Abdi", "Ayaan", "Mahad", "Hamdi", "Guled"],
               ["Warsame", "Farah", "Hirsi", "Jama", "Abdullahi", "Egal", "Dirie"]),
    "yoruba": (["Adebayo", "Oluwaseun", "Temitope", "Folake", "Ayodele", "Damilola", "Olamide"],
               ["Adeyemi", "Ogunleye", "Balogun", "Adewale", "Oyelaran", "Fashola"]),
    "igbo": (["Chiamaka", "Chinedu", "Ngozi", "Obinna", "Ifeoma", "Chukwuemeka", "Adaeze", "Ikenna"],
             ["Okafor", "Nwosu", "Eze", "Okonkwo", "Obi", "Nwachukwu", "Onyekachi"]),
    "ghanaian": (["Kwame", "Akosua", "Kofi", "Ama", "Yaw", "Efua", "Kwabena", "Adwoa"],
                 ["Mensah", "Boateng", "Owusu", "Asante", "Appiah", "Ofori", "Darko"]),
    "ethiopian": (["Selam", "Tigist", "Dawit", "Meron", "Yonas", "Hirut", "Bereket", "Liya"],
                  ["Tesfaye", "Bekele", "Haile", "Gebremedhin", "Alemu", "Wolde", "Getachew"]),
    "pakistani": (["Ayesha", "Bilal", "Hamza", "Mahnoor", "Usman", "Sana", "Zainab", "Faisal"],
                  ["Qureshi", "Chaudhry", "Malik", "Butt", "Raja", "Siddiqui", "Awan"]),
    "bangladeshi": (["Tahmina", "Rafiq", "Nusrat", "Shahana", "Arif", "Farhana", "Sabbir", "Rumana"],
                    ["Begum", "Uddin", "Chowdhury", "Rahman", "Miah", "Hossain", "Talukder"]),
    "tamil": (["Kavitha", "Senthil", "Tharani", "Murugan", "Anbu", "Yalini", "Kartik", "Nithya"],
              ["Sivakumar", "Rajendran", "Thangarajah", "Balasubramaniam", "Ganeshan", "Pillai"]),
    "vietnamese": (["Thuy", "Minh", "Huong", "Phuong", "Duc", "Linh", "Khanh", "Bao"],
                   ["Nguyen", "Tran", "Pham", "Hoang", "Vu", "Dang", "Bui"]),
    "korean": (["Jiwoo", "Seo-yeon", "Minjun", "Hyejin", "Dong-hyun", "Soo-ah", "Jaehyun"],
               ["Park", "Choi", "Jung", "Kang", "Yoon", "Shin", "Han"]),
    "chinese": (["Xiaoling", "Zihan", "Haoran", "Yuxuan", "Mingyu", "Xinyi", "Jiahui", "Ruoxi"],
                ["Zhang", "Wang", "Liu", "Chen", "Zhou", "Huang", "Xu"]),
    "filipino": (["Maricel", "Jhun", "Rowena", "Marivic", "Jericho", "Analyn", "Rhea", "Joemar"],
                 ["Dela Cruz", "Santos", "Bautista", "Mendoza", "Villanueva", "Macaraeg", "Dimaculangan"]),
    "brazilian": (["Thiago", "Larissa", "Gabriela", "Rafaela", "Caio", "Luana", "Matheus", "Yasmin"],
                  ["Silva", "Souza", "Oliveira", "Pereira", "Carvalho", "Rodrigues", "Albuquerque"]),
    "irish": (["Aoife", "Siobhán", "Niamh", "Oisín", "Cathal", "Saoirse", "Ciarán", "Caoimhe", "Pádraig", "Tadhg"],
              ["Ó Súilleabháin", "Mac Giolla", "Ní Bhriain", "O'Donoghue", "Mac Carthaigh", "Ní Dhomhnaill", "Breathnach"]),
    "welsh": (["Gethin", "Rhiannon", "Dafydd", "Cerys", "Iolo", "Angharad", "Bethan", "Llinos", "Rhodri"],
              ["Pritchard", "Llewellyn", "Vaughan", "Prydderch", "Gruffydd", "ap Rhys"]),
    "english": (["Kayleigh", "Jordan", "Leanne", "Callum", "Shannon", "Tyler"],
                ["Hughes", "Whitfield", "Armitage", "Brennan"]),
}
ORIGINS = list(NAMES)
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "đ": "d", "Đ": "D"})


def fold(s):
    """Remove diacritics (what ASR typically prints)."""
    s = s.translate(_FOLD)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


FEMALE = set("""Zofia Wiktoria Agnieszka Małgorzata Łucja Tereza Markéta Klára Oksana Yulia Solomiia Iryna Andreea Ioana
Mihaela Elif Zeynep Ayşe Defne Hodan Faduma Ayaan Hamdi Temitope Folake Damilola Olamide Chiamaka Ngozi Ifeoma
Adaeze Akosua Ama Efua Adwoa Selam Tigist Meron Hirut Liya Ayesha Mahnoor Sana Zainab Tahmina Nusrat Shahana
Farhana Rumana Kavitha Tharani Yalini Nithya Thuy Huong Phuong Linh Seo-yeon Hyejin Soo-ah Jiwoo Xiaoling Xinyi
Jiahui Ruoxi Zihan Yuxuan Maricel Rowena Marivic Analyn Rhea Larissa Gabriela Rafaela Luana Yasmin Aoife Siobhán
Niamh Saoirse Caoimhe Rhiannon Cerys Angharad Bethan Llinos Kayleigh Leanne Shannon""".split())
UNISEX = {"Temitope", "Damilola", "Olamide", "Jiwoo", "Zihan", "Yuxuan", "Jordan", "Tyler"}
FEMALE_SURNAMES = {"Wiśniewska", "Szymańska", "Dvořáková", "Veselá", "Ní Bhriain", "Ní Dhomhnaill"}


def first(origin=None, g=None):
    """Given name; g='f' / 'm' restricts to names usable for that gender."""
    pool = NAMES[origin or rng.choice(ORIGINS)][0]
    if g == "f":
        pool = [n for n in pool if n in FEMALE] or pool
    elif g == "m":
        pool = [n for n in pool if n not in FEMALE or n in UNISEX] or pool
    return rng.choice(pool)


def last(origin=None, g=None):
    pool = NAMES[origin or rng.choice(ORIGINS)][1]
    if g != "f":
        pool = [n for n in pool if n not in FEMALE_SURNAMES]
    return rng.choice(pool)


def full(origin=None, g=None):
    o = origin or rng.choice(ORIGINS)
    sur = last(o, g)
    if sur in FEMALE_SURNAMES:
        g = "f"
    return first(o, g) + " " + sur


def asr_name(n, p_lower=0.72):
    """ASR rendering of a name: diacritics folded, lower-case with p_lower."""
    n = fold(n).replace("-", " ") if rng.random() < 0.5 else fold(n)
    return n.lower() if rng.random() < p_lower else n


# ---------------------------------------------------------------------------
# spoken numbers
# ---------------------------------------------------------------------------
DIG = "zero one two three four five six seven eight nine".split()
ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n, uk_and=True):
    if n == 0:
        return "zero"
    out = []
    if n >= 1000:
        out.append(words(n // 1000, uk_and) + " thousand")
        n %= 1000
        if n and n < 100 and uk_and:
            out.append("and")
    if n >= 100:
        out.append(ONES[n // 100] + " hundred")
        n %= 100
        if n and uk_and:
            out.append("and")
    if n >= 20:
        out.append(TENS[n // 10] + ((" " + ONES[n % 10]) if n % 10 else ""))
    elif n:
        out.append(ONES[n])
    return " ".join(out)


def year_words(y, uk=True):
    if 2000 <= y <= 2009:
        return "two thousand" + ((" and " if uk else " ") + ONES[y - 2000] if y > 2000 else "")
    if y >= 2010 and rng.random() < 0.6:
        return "twenty " + words(y - 2000)
    if y >= 2010:
        return "two thousand " + ("and " if uk else "") + words(y - 2000)
    hi, lo = divmod(y, 100)
    return words(hi) + " " + (("oh " + ONES[lo]) if lo < 10 else words(lo))


def say_group(g, zero="zero", runs=0.5):
    """Digits (and letters) of one group as ASR words, with double/triple."""
    out, i = [], 0
    while i < len(g):
        c = g[i]
        j = i
        while j < len(g) and g[j] == c:
            j += 1
        run = j - i
        w = (zero if c == "0" else DIG[int(c)]) if c.isdigit() else c.lower()
        if run >= 2 and c.isdigit() and rng.random() < runs:
            if run == 3 and rng.random() < 0.8:
                out.append("triple " + w)
                i = j
                continue
            out.append("double " + w)
            i += 2
            continue
        out.append(w)
        i += 1
    return " ".join(out)


def say_groups(groups, zero="zero", runs=0.5, sep=None):
    sep = sep if sep is not None else rng.choice([" ", " ", ", ", " dash "])
    return sep.join(say_group(g, zero, runs) for g in groups)


def say_chars(s, zero="zero"):
    """Every char spelled: digits as words, letters as lower-case letters."""
    return " ".join((zero if c == "0" else DIG[int(c)]) if c.isdigit() else c.lower() for c in s if c.isalnum())


def rdig(n, first_nonzero=False):
    s = "".join(rng.choice("0123456789") for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = rng.choice("123456789") + s[1:]
    return s


# ---------------------------------------------------------------------------
# entity value generators; each returns (value, spoken)
# ---------------------------------------------------------------------------
US_AREAS = ["212", "312", "718", "646", "773", "404", "617", "713", "206", "415", "503", "612", "314", "215",
            "602", "303", "952", "651", "469", "678", "347", "929", "832", "619", "208", "614", "470"]


def nxx():
    while True:
        s = rng.choice("23456789") + rdig(2)
        if s[1:] != "11":
            return s


def phone_us(spoken=False):
    a, e, l = rng.choice(US_AREAS), nxx(), rdig(4)
    if spoken:
        pre = "one " if rng.random() < 0.2 else ""
        return pre + say_groups([a, e, l], zero=rng.choice(["zero", "oh", "oh"])), True
    f = rng.choice(["({a}) {e}-{l}", "{a}-{e}-{l}", "{a}.{e}.{l}", "+1 {a} {e} {l}", "{a}{e}{l}", "1-{a}-{e}-{l}"])
    return f.format(a=a, e=e, l=l), False


def _uk_groups():
    kind = rng.choice(["mob", "mob", "mob", "lon", "man", "bham", "cdf"])
    if kind == "mob":
        return ["07" + rng.choice(["700", "723", "788", "811", "903", "932", "958", "984", "456", "507"]), rdig(6)], "+44 7"
    if kind == "lon":
        return ["020", rng.choice("78") + rdig(3), rdig(4)], None
    if kind == "man":
        return ["0161", rng.choice("2345789") + rdig(2), rdig(4)], None
    if kind == "bham":
        return ["0121", rng.choice("2345789") + rdig(2), rdig(4)], None
    return ["029", "20" + rdig(2), rdig(4)], None


def phone_uk(spoken=False, e164=None):
    g, _ = _uk_groups()
    if e164 is None:
        e164 = rng.random() < 0.35
    if spoken:
        zero = rng.choice(["oh", "oh", "oh", "zero", "nought"])
        if e164:
            g2 = [g[0][1:]] + g[1:]
            return "plus four four " + say_groups(g2, zero), True
        if rng.random() < 0.3 and len(g) == 2:
            g = [g[0], g[1][:3], g[1][3:]]
        return say_groups(g, zero, runs=0.7), True
    if e164:
        body = " ".join([g[0][1:]] + g[1:])
        return ("+44 " + body) if rng.random() < 0.8 else ("+44" + body.replace(" ", "")), False
    if rng.random() < 0.25:
        return "".join(g), False
    if len(g) == 2 and rng.random() < 0.4:
        return g[0] + " " + g[1][:3] + " " + g[1][3:], False
    return " ".join(g), False


def phone_ie(spoken=False, e164=None):
    kind = rng.choice(["mob", "mob", "dub", "cork"])
    if kind == "mob":
        g = ["08" + rng.choice("35679"), rdig(3, True), rdig(4)]
    elif kind == "dub":
        g = ["01", rng.choice("2345689") + rdig(2), rdig(4)]
    else:
        g = ["021", "4" + rdig(2), rdig(4)]
    if e164 is None:
        e164 = rng.random() < 0.4
    if spoken:
        zero = rng.choice(["oh", "oh", "zero"])
        if e164:
            return "plus three five three " + say_groups([g[0][1:]] + g[1:], zero), True
        return say_groups(g, zero, runs=0.6), True
    if e164:
        return "+353 " + " ".join([g[0][1:]] + g[1:]), False
    return (" ".join(g) if rng.random() < 0.8 else "".join(g)), False


INTL = [
    ("48", lambda: [rng.choice("5678") + rdig(2), rdig(3), rdig(3)]),
    ("380", lambda: [rng.choice(["50", "63", "67", "68", "93", "97"]), rdig(3), rdig(4)]),
    ("234", lambda: [rng.choice(["803", "806", "813", "703", "905"]), rdig(3), rdig(4)]),
    ("233", lambda: [rng.choice(["24", "54", "20", "27"]), rdig(3), rdig(4)]),
    ("92", lambda: ["3" + rdig(2), rdig(7)]),
    ("880", lambda: ["17" + rdig(2), rdig(6)]),
    ("49", lambda: ["30", rdig(8)]),
    ("33", lambda: [rng.choice("67"), rdig(2), rdig(2), rdig(2), rdig(2)]),
    ("91", lambda: [rng.choice("6789") + rdig(4), rdig(5)]),
    ("61", lambda: ["4" + rdig(2), rdig(3), rdig(3)]),
    ("90", lambda: ["5" + rdig(2), rdig(3), rdig(2), rdig(2)]),
    ("40", lambda: ["7" + rdig(2), rdig(3), rdig(3)]),
    ("84", lambda: ["9" + rdig(2), rdig(3), rdig(3)]),
    ("82", lambda: ["10", rdig(4), rdig(4)]),
    ("63", lambda: ["9" + rdig(2), rdig(3), rdig(4)]),
    ("55", lambda: ["11", "9" + rdig(4), rdig(4)]),
    ("251", lambda: ["9" + rdig(1), rdig(3), rdig(4)]),
    ("252", lambda: ["61", rdig(7)]),
    ("420", lambda: [rng.choice("67") + rdig(2), rdig(3), rdig(3)]),
]


def phone_intl(spoken=False, cc=None):
    code, gen = next(x for x in INTL if x[0] == cc) if cc else rng.choice(INTL)
    g = gen()
    if spoken:
        return "plus " + say_group(code, runs=0) + " " + say_groups(g, rng.choice(["zero", "oh"]), sep=" "), True
    if rng.random() < 0.15:
        return "+" + code + "".join(g), False
    return "+" + code + " " + " ".join(g), False


def luhn_digit(body):
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def card(spoken=False):
    kind = rng.choice(["visa", "visa", "mc", "mc2", "amex", "disc", "disc65"])
    pre = {"visa": "4", "mc": str(rng.randint(51, 55)), "mc2": str(rng.randint(2221, 2720)),
           "amex": rng.choice(["34", "37"]), "disc": "6011", "disc65": "65"}[kind]
    n = 15 if kind == "amex" else 16
    body = pre + rdig(n - 1 - len(pre))
    num = body + luhn_digit(body)
    groups = [num[:4], num[4:10], num[10:]] if n == 15 else [num[i:i + 4] for i in range(0, 16, 4)]
    if spoken:
        return say_groups(groups, rng.choice(["zero", "oh"]), runs=0.3, sep=rng.choice([" ", ", "])), True
    sep = rng.choice([" ", "-", ""])
    return sep.join(groups), False


def ssn(spoken=False):
    while True:
        a = rng.randint(1, 899)
        if a != 666:
            break
    g, s = rng.randint(1, 99), rng.randint(1, 9999)
    parts = ["%03d" % a, "%02d" % g, "%04d" % s]
    if spoken:
        return say_groups(parts, rng.choice(["zero", "oh"]), runs=0.3, sep=rng.choice([" ", " dash ", ", "])), True
    sep = rng.choice(["-", "-", " ", ""])
    return sep.join(parts), False


IBAN_SPEC = {  # country: (length, bban builder)
    "GB": (22, lambda: "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + rdig(14)),
    "IE": (22, lambda: rng.choice(["AIBK", "BOFI", "IPBS", "ULSB", "PTSB"]) + rdig(14)),
    "DE": (22, lambda: rdig(18)),
    "FR": (27, lambda: rdig(23)),
    "PL": (28, lambda: rdig(24)),
    "NL": (18, lambda: rng.choice(["ABNA", "INGB", "RABO", "TRIO"]) + rdig(10)),
    "ES": (24, lambda: rdig(20)),
    "IT": (27, lambda: rng.choice("ABCDEFGHIJKLMNOPRSTUVWXZ") + rdig(22)),
    "RO": (24, lambda: rng.choice(["BTRL", "RNCB", "BRDE", "INGB"]) + rdig(16)),
    "TR": (26, lambda: rdig(5) + "0" + rdig(16)),
    "PT": (25, lambda: rdig(21)),
    "BE": (16, lambda: rdig(12)),
    "CZ": (24, lambda: rdig(20)),
    "LT": (20, lambda: rdig(16)),
}


def iban_check(cc, bban):
    s = bban + cc + "00"
    num = "".join(str(int(c, 36)) for c in s)
    return "%02d" % (98 - int(num) % 97)


def iban_valid(s):
    s = s.replace(" ", "").upper()
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1 and len(s) == IBAN_SPEC[s[:2]][0]


def iban(spoken=False, cc=None):
    cc = cc or rng.choice(list(IBAN_SPEC))
    ln, gen = IBAN_SPEC[cc]
    bban = gen()
    val = cc + iban_check(cc, bban) + bban
    assert len(val) == ln and iban_valid(val), val
    if spoken:
        return say_chars(val, rng.choice(["zero", "zero", "oh"])), True
    if rng.random() < 0.55:
        return " ".join(val[i:i + 4] for i in range(0, len(val), 4)), False
    return val, False


def aba(spoken=False):
    while True:
        p = rng.choice(list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)) + [80])
        d = "%02d" % p + rdig(6)
        w = 3 * (int(d[0]) + int(d[3]) + int(d[6])) + 7 * (int(d[1]) + int(d[4]) + int(d[7])) + int(d[2]) + int(d[5])
        val = d + str((10 - w % 10) % 10)
        w2 = sum(int(c) * k for c, k in zip(val, [3, 7, 1] * 3))
        if w2 % 10 == 0:
            break
    if spoken:
        return say_groups([val], rng.choice(["zero", "oh"]), runs=0.3, sep=" "), True
    return val, False


def bank_us(spoken=False):
    val = rdig(rng.randint(8, 12), True)
    if spoken:
        return say_groups([val], rng.choice(["zero", "oh"]), runs=0.3, sep=" "), True
    return val, False


def account(spoken=False):
    kind = rng.choice(["ct", "digits8", "digits10", "grouped", "alnum"])
    if kind == "ct":
        val = "CT" + rdig(8)
    elif kind == "digits8":
        val = rdig(8, True)
    elif kind == "digits10":
        val = rdig(10, True)
    elif kind == "grouped":
        val = rdig(4, True) + " " + rdig(4) + " " + rdig(4)
    else:
        val = rng.choice(["HRA", "RNT", "AC"]) + "-" + rdig(7)
    if spoken:
        core = val.replace(" ", "").replace("-", "")
        return say_chars(core, rng.choice(["zero", "oh", "nought"])), True
    return val, False


DL_FORMATS = {
    "California": lambda: rng.choice("ABCDEFGHJKLMNPRSTUVWY") + rdig(7),
    "New York": lambda: rdig(3, True) + " " + rdig(3) + " " + rdig(3),
    "Texas": lambda: rdig(8, True),
    "Florida": lambda: rng.choice("BDGHKMPRSTW") + rdig(3) + "-" + rdig(3) + "-" + rdig(2) + "-" + rdig(3) + "-" + rdig(1),
    "Illinois": lambda: rng.choice("ABDKMNOPRSW") + rdig(3) + "-" + rdig(4) + "-" + rdig(4),
    "Minnesota": lambda: rng.choice("ABCKLMNRST") + rdig(12),
    "Georgia": lambda: "0" + rdig(8),
    "Washington": lambda: "WDL" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTVWXYZ0123456789") for _ in range(9)),
}


def dl(spoken=False, state=None):
    state = state or rng.choice(list(DL_FORMATS))
    val = DL_FORMATS[state]()
    if spoken:
        return say_chars(val, rng.choice(["zero", "oh"])), True, state
    return val, False, state


def passport_us(spoken=False):
    val = rdig(9, True) if rng.random() < 0.5 else rng.choice("AC") + rdig(8)
    if spoken:
        return say_chars(val, rng.choice(["zero", "oh"])), True
    return val, False


def mrn(spoken=False):
    kind = rng.choice(["d8", "d7", "k", "dash", "rx"])
    val = {"d8": lambda: rdig(8), "d7": lambda: rdig(7, True), "k": lambda: rng.choice("KMRJ") + rdig(7),
           "dash": lambda: rdig(4) + "-" + rdig(4), "rx": lambda: rng.choice(["RX1", "RJ7", "RQ6"]) + rdig(6)}[kind]()
    if spoken:
        return say_chars(val, rng.choice(["zero", "oh", "nought"])), True
    return val, False


EMAIL_DOMAINS = ["gmail.com", "gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.co.uk", "icloud.com",
                 "eircom.net", "wp.pl", "o2.pl", "seznam.cz", "ukr.net", "proton.me", "yahoo.com", "live.ie"]


def email(name=None, spoken=False):
    name = fold(name or full()).lower().replace("'", "")
    parts = [p for p in re.split(r"[ \-]+", name) if p]
    f, l = parts[0], parts[-1]
    style = rng.choice(["dot", "plain", "us", "init", "num", "firstnum"])
    local = {"dot": f + "." + l, "plain": f + l, "us": f + "_" + l, "init": f[0] + l,
             "num": f + "." + l + str(rng.randint(1, 99)), "firstnum": f + str(rng.randint(1990, 2014))}[style]
    val = local + "@" + rng.choice(EMAIL_DOMAINS)
    if not spoken:
        return val, False
    out = []
    for tok in re.findall(r"[a-z]+|\d+|[._@\-]", val):
        if tok == ".":
            out.append("dot")
        elif tok == "@":
            out.append("at")
        elif tok == "_":
            out.append("underscore")
        elif tok == "-":
            out.append("dash")
        elif tok.isdigit():
            out.append(words(int(tok), False) if len(tok) == 2 and tok[0] != "0" else say_group(tok, "zero", 0))
        else:
            out.append(tok)
    return " ".join(out), True


def ipv4(spoken=False):
    o = [rng.choice([81, 82, 86, 92, 109, 146, 176, 188, 194, 212, 5, 31, 37, 78])] + [rng.randint(0, 255) for _ in range(3)]
    o[3] = max(o[3], 1)
    if spoken:
        if rng.random() < 0.5:
            return " dot ".join(words(x, False) for x in o), True
        return " dot ".join(say_group(str(x), "zero", 0) for x in o), True
    return ".".join(map(str, o)), False


def ipv6():
    pre = rng.choice(["2a00:23c6", "2a02:c7c", "2a01:4b00", "2001:bb6", "2a02:8084"])
    rest = ["%x" % rng.randint(0, 0xFFFF) for _ in range(6 if pre.count(":") == 1 else 6)]
    if rng.random() < 0.4:
        return pre + ":" + ":".join(rest[:2]) + "::" + ":".join(rest[4:]), False
    return pre + ":" + ":".join(rest), False


UK_STREETS = ["Harrow Road", "Cheetham Hill Road", "Kingsland Road", "Green Lanes", "Moss Lane", "Tudor Close",
              "Ashgrove Avenue", "Coldharbour Lane", "Brunswick Gardens", "Canal Walk", "Stratford High Street",
              "Alum Rock Road", "Cowbridge Road East", "Beeston Road", "Lozells Road", "Northumberland Park",
              "Bethnal Green Road", "Penarth Road", "Dudley Road", "Whitechapel Road"]
IE_STREETS = ["Sean McDermott Street", "Pearse Square", "Ballyfermot Road", "Dolphin's Barn Street", "Gardiner Street",
              "Blackpitts", "Shandon Street", "Dominick Street", "Parnell Street", "Clonliffe Road"]
US_STREETS = ["West Devon Avenue", "North Broadway", "Roosevelt Avenue", "Lake Street", "Cedar Avenue",
              "Bellaire Boulevard", "Buford Highway", "El Cajon Boulevard", "Rainier Avenue South", "Morse Road",
              "Elm Street", "Forest Lane", "Hillcrest Drive"]
US_ZIPS = [("Chicago", "IL", "60625"), ("Chicago", "IL", "60659"), ("Queens", "NY", "11372"),
           ("Minneapolis", "MN", "55404"), ("Columbus", "OH", "43229"), ("Houston", "TX", "77036"),
           ("San Diego", "CA", "92115"), ("Clarkston", "GA", "30021"), ("Seattle", "WA", "98118"),
           ("Dallas", "TX", "75243"), ("Boise", "ID", "83704"), ("Lowell", "MA", "01851")]
UK_POSTCODES = ["E8 3BX", "M8 9FQ", "B11 4RH", "CF24 3DG", "N15 5QA", "LS11 6AB", "E1 5JL", "B19 1DE", "N17 0PT",
                "CF11 8EZ"]


def street(locale="uk", spoken=False, unit=None):
    if locale == "us":
        n = rng.randint(100, 9899)
        st = rng.choice(US_STREETS)
    else:
        n = rng.randint(1, 230)
        st = rng.choice(UK_STREETS if locale == "uk" else IE_STREETS)
    if unit is None:
        unit = rng.random() < 0.25
    u = ""
    if unit:
        un = rng.randint(1, 48)
        lab = "Apt" if locale == "us" else "Flat"
        u = (lab + " " + str(un) + ", ") if not spoken else (lab.lower() + " " + words(un) + " ")
    if spoken:
        if locale == "us" and rng.random() < 0.6:
            num = say_group(str(n), "oh", 0)
        else:
            num = words(n, locale != "us")
        if locale == "us":
            return num + " " + fold(st).lower() + (" apartment " + words(rng.randint(1, 30)) if u else ""), True
        return u + num + " " + fold(st).lower(), True
    if locale == "us" and u:
        return str(n) + " " + st + " " + u.strip().rstrip(","), False
    return u + str(n) + " " + st, False


def zip_us(zipc, spoken=False, plus4=None):
    if plus4 is None:
        plus4 = rng.random() < 0.25
    val = zipc + ("-" + rdig(4) if plus4 else "")
    if spoken:
        return say_groups(val.split("-"), rng.choice(["zero", "oh"]), runs=0.3, sep=" dash "), True
    return val, False


def postcode(spoken=False):
    pc = rng.choice(UK_POSTCODES)
    if spoken:
        return say_chars(pc, "zero"), True
    return pc, False


MONTHS = "January February March April May June July August September October November December".split()
ORD = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
       "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
       "twentieth", "twenty first", "twenty second", "twenty third", "twenty fourth", "twenty fifth", "twenty sixth",
       "twenty seventh", "twenty eighth", "twenty ninth", "thirtieth", "thirty first"]


def rdate(y0, y1):
    d0 = date(y0, 1, 1)
    return d0 + timedelta(days=rng.randint(0, (date(y1, 12, 31) - d0).days))


def dob(kind="child", spoken=False, us=False):
    d = rdate(2008, 2018) if kind == "child" else rdate(1944, 2002)
    m = MONTHS[d.month - 1]
    if spoken:
        uk = not us
        f = rng.choice(["the {o} of {m} {y}", "{o} of {m} {y}", "{m} {o} {y}", "{m} the {o} {y}"] if uk
                       else ["{m} {o} {y}", "{m} {o} {y}", "{mm} {dd} {y}"])
        return f.format(o=ORD[d.day], m=m.lower(), y=year_words(d.year, uk), dd=words(d.day, False),
                        mm=words(d.month, False)), True
    if us:
        f = rng.choice(["{M:02d}/{D:02d}/{Y}", "{M}/{D}/{Y}", "{mon} {D}, {Y}", "{Y}-{M:02d}-{D:02d}", "{M:02d}-{D:02d}-{Y}"])
    else:
        f = rng.choice(["{D:02d}/{M:02d}/{Y}", "{D}/{M}/{Y}", "{D} {mon} {Y}", "{D:02d}.{M:02d}.{Y}", "{D}-{mo}-{Y}",
                        "{D:02d}/{M:02d}/{y2:02d}"])
    return f.format(D=d.day, M=d.month, Y=d.year, mon=m, mo=m[:3], y2=d.year % 100), False


# ---------------------------------------------------------------------------
# composition: template with {slots}; entity slots carry (type, value, spoken)
# ---------------------------------------------------------------------------
class E:
    def __init__(self, typ, value, spoken=False):
        self.typ, self.value, self.spoken = typ, value, spoken


def P(name):
    return E("PERSON", name, False)


def compose(template, slots):
    text, ents, pos = "", [], 0
    for m in re.finditer(r"\{(\w+)\}", template):
        text += template[pos:m.start()]
        v = slots[m.group(1)]
        if isinstance(v, E):
            s = len(text)
            text += v.value
            ents.append({"type": v.typ, "start": s, "end": len(text), "text": v.value, "spoken": v.spoken})
        else:
            text += str(v)
        pos = m.end()
    text += template[pos:]
    for e in ents:
        assert text[e["start"]:e["end"]] == e["text"], (text, e)
        assert e["text"] == e["text"].strip() and e["text"], (text, e)
    return text, ents


def ent(typ, pair):
    return E(typ, pair[0], pair[1])


def cap(s):
    return s[0].upper() + s[1:]


# ---------------------------------------------------------------------------
# positive templates: each returns (domain, style, template, slots)
# ---------------------------------------------------------------------------
POS = []


def pos(f):
    POS.append(f)
    return f


KID_FILL = ["", "um ", "like ", "so ", "er ", "sorry ", "i i "]


def kf():
    return rng.choice(KID_FILL)


# --- child and youth helpline -------------------------------------------
@pos
def _():
    return ("youth_helpline", "asr", "{f}hi i'm {n} and i'm {age} and like my mum's boyfriend {m} he shouts at us every night",
            dict(f=kf(), n=P(asr_name(first())), m=P(asr_name(first(g="m"))), age=rng.choice(["ten", "eleven", "twelve", "nine"])))


@pos
def _():
    return ("youth_helpline", "asr", "it's about my friend {n} she said her dad hits her and i i don't know what to do",
            dict(n=P(asr_name(first(g="f")))))


@pos
def _():
    return ("youth_helpline", "asr", "and then {n} was like you can't tell anyone and then {m} took my phone off me",
            dict(n=P(asr_name(first())), m=P(asr_name(first()))))


@pos
def _():
    return ("youth_helpline", "asr", "sorry sorry i'm crying um my name's {n} and my step dad {m} hits me when mum's at work",
            dict(n=P(asr_name(first())), m=P(asr_name(first(g="m")))))


@pos
def _():
    t = rng.choice(["mrs", "mr", "miss", "ms"])
    return ("youth_helpline", "asr", "{f}my teacher {t} {s} said i could ring you if it happened again",
            dict(f=kf(), t=t, s=P(asr_name(last(g="m" if t == "mr" else "f")))))


@pos
def _():
    return ("youth_helpline", "asr", "{f}can you call me back on {ph} but only after four cos my mum checks my phone",
            dict(f=kf(), ph=ent("PHONE_NUMBER", phone_uk(True, False))))


@pos
def _():
    return ("youth_helpline", "asr", "my football coach {n} keeps messaging me on snap and he's like don't tell your mum",
            dict(n=P(asr_name(first(g="m")))))


@pos
def _():
    return ("youth_helpline", "asr", "{f}we live at {a} and i'm scared to go home tonight",
            dict(f=kf(), a=ent("STREET_ADDRESS", street(rng.choice(["uk", "ie"]), True))))


@pos
def _():
    return ("youth_helpline", "asr", "{n} told me to ring this number she's my best friend and she's like fifteen",
            dict(n=P(asr_name(first(g="f")))))


@pos
def _():
    return ("youth_helpline", "asr", "i'm {n} um {m} is my little brother he's only six and he's hiding under the bed",
            dict(n=P(asr_name(first())), m=P(asr_name(first(g="m")))))


@pos
def _():
    o = rng.choice(ORIGINS)
    return ("youth_helpline", "asr", "hello yes this is {n} i'm calling about my daughter {d} she's thirteen and she hasn't come home",
            dict(n=P(asr_name(full(o), 0.6)), d=P(asr_name(first(o, "f")))))


@pos
def _():
    return ("youth_helpline", "asr", "i'm the neighbour my name is {n} and i can hear the little ones crying every night at {a}",
            dict(n=P(asr_name(full(), 0.6)), a=ent("STREET_ADDRESS", street("uk", True))))


@pos
def _():
    return ("youth_helpline", "asr", "{f}her date of birth is {d} i think yeah",
            dict(f=kf(), d=ent("DATE_OF_BIRTH", dob("child", True))))


@pos
def _():
    return ("youth_helpline", "asr", "my email is {e} you can email me there",
            dict(e=ent("EMAIL_ADDRESS", email(full(), True))))


@pos
def _():
    return ("youth_helpline", "asr", "someone on discord got my ip it's {ip} and they said they know where i live",
            dict(ip=ent("IP_ADDRESS", ipv4(True))))


@pos
def _():
    return ("youth_helpline", "asr", "can you tell {n} i'm sorry i hung up yesterday",
            dict(n=P(asr_name(first()))))


@pos
def _():
    return ("youth_helpline", "asr", "can i talk to {n} again the lady from yesterday she was nice",
            dict(n=P(asr_name(first(g="f")))))


@pos
def _():
    o = rng.choice(ORIGINS)
    return ("youth_helpline", "typed",
            "c/o yp {n} ({age}), DOB {d}. Disclosed stepfather {s} hits her. f/u by {w} Wed.",
            dict(n=P(first(o, "f")), age=rng.randint(9, 16), d=ent("DATE_OF_BIRTH", dob("child")), s=P(full(g="m")),
                 w=P(first())))


@pos
def _():
    o = rng.choice(ORIGINS)
    return ("youth_helpline", "typed",
            "YP {n} reports bullying by {a} and {b} in Y8. Teacher Mr {t} informed. NOK: mum {m}, {ph}.",
            dict(n=P(first()), a=P(first()), b=P(first()), t=P(last(g="m")), m=P(full(o, "f")),
                 ph=ent("PHONE_NUMBER", phone_uk(False))))


@pos
def _():
    return ("youth_helpline", "typed", "hi its {n} from earlier, my new number is {ph} pls dont call after 9",
            dict(n=P(rng.choice([first(), first().lower()])), ph=ent("PHONE_NUMBER", phone_uk(False, False))))


@pos
def _():
    return ("youth_helpline", "asr", "call me {n} everyone calls me that not my real name",
            dict(n=P(asr_name(first()))))


@pos
def _():
    return ("youth_helpline", "asr", "{f}can you put me through to {n} please she's my caseworker",
            dict(f=kf(), n=P(asr_name(first(g="f")))))


@pos
def _():
    return ("youth_helpline", "asr", "my dad {n} he drinks and then he's like shouting and then he threw a plate",
            dict(n=P(asr_name(first(g="m")))))


@pos
def _():
    return ("youth_helpline", "asr", "{n} and {m} from year nine they keep posting stuff about me",
            dict(n=P(asr_name(first())), m=P(asr_name(first()))))


@pos
def _():
    return ("youth_helpline", "typed", "Parent {n} rang re son {s} (DOB {d}), self-harm concerns. Callback {ph}.",
            dict(n=P(full()), s=P(first(g="m")), d=ent("DATE_OF_BIRTH", dob("child")),
                 ph=ent("PHONE_NUMBER", rng.choice([phone_uk, phone_ie])(False))))


@pos
def _():
    return ("youth_helpline", "asr", "it's {n} speaking i'm the school nurse and i'm worried about one of our year sevens",
            dict(n=P(asr_name(full(), 0.6))))


@pos
def _():
    return ("youth_helpline", "asr", "{f}i was born {d} so i'm still a kid right",
            dict(f=kf(), d=ent("DATE_OF_BIRTH", dob("child", True))))


@pos
def _():
    return ("youth_helpline", "asr", "my nan's number is {ph} can you ring her i want to go to hers",
            dict(ph=ent("PHONE_NUMBER", rng.choice([phone_uk, phone_ie])(True))))


@pos
def _():
    return ("youth_helpline", "typed", "yp's email {e} - agreed to chat tomorrow. {w}",
            dict(e=ent("EMAIL_ADDRESS", email()), w=P(first())))


@pos
def _():
    return ("youth_helpline", "asr", "{n} hits me and my sister when nobody's looking",
            dict(n=P(asr_name(first()))))


# --- clinics and pharmacies (UK NHS and US) -----------------------------
@pos
def _():
    return ("clinic", "asr", "hi i'm ringing about a repeat prescription for my mum {n} her date of birth is {d}",
            dict(n=P(asr_name(full(g="f"), 0.62)), d=ent("DATE_OF_BIRTH", dob("adult", True))))


@pos
def _():
    return ("clinic", "asr", "it's {n} speaking my hospital number is {m}",
            dict(n=P(asr_name(full(), 0.62)), m=ent("MEDICAL_RECORD_NUMBER", mrn(True))))


@pos
def _():
    return ("clinic", "typed", "Pt {n}, MRN {m}, DOB {d}. Refill lisinopril 10 mg, 90 days.",
            dict(n=P(full()), m=ent("MEDICAL_RECORD_NUMBER", mrn()), d=ent("DATE_OF_BIRTH", dob("adult", us=True))))


@pos
def _():
    return ("pharmacy", "asr", "{f}yeah the card number is {c} and the expiry is oh four twenty eight",
            dict(f=rng.choice(["", "ok ", "um "]), c=ent("CREDIT_CARD", card(True))))


@pos
def _():
    return ("pharmacy", "typed", "Card on file updated: {c}. Copay $15.00 charged.", dict(c=ent("CREDIT_CARD", card())))


@pos
def _():
    return ("clinic", "asr", "{f}and my social is {s} for the medicaid form", dict(f=kf(), s=ent("US_SSN", ssn(True))))


@pos
def _():
    return ("clinic", "typed", "SSN {s} verified for sliding-scale application ({n}).",
            dict(s=ent("US_SSN", ssn()), n=P(full())))


@pos
def _():
    return ("clinic", "asr", "can doctor {s} call me back on {ph} please",
            dict(s=P(asr_name(last())), ph=ent("PHONE_NUMBER", phone_us(True))))


@pos
def _():
    c, st, z = rng.choice(US_ZIPS)
    return ("clinic", "asr", "i moved my new address is {a} {c} {z}",
            dict(a=ent("STREET_ADDRESS", street("us", True)), c=c.lower(), z=ent("ZIP_CODE", zip_us(z, True))))


@pos
def _():
    return ("clinic", "typed", "Nurse {s} left msg for pt at {ph} re lab results.",
            dict(s=P(last()), ph=ent("PHONE_NUMBER", phone_us())))


@pos
def _():
    n = full()
    return ("clinic", "typed", "Please send the discharge letter to {e}. Thanks, {n}",
            dict(e=ent("EMAIL_ADDRESS", email(n)), n=P(n)))


@pos
def _():
    return ("clinic", "asr", "the routing number is {r} and the account number is {b} for the refund",
            dict(r=ent("ABA_ROUTING_NUMBER", aba(True)), b=ent("US_BANK_NUMBER", bank_us(True))))


@pos
def _():
    return ("clinic", "typed", "Refund via direct deposit: routing {r}, checking acct {b}.",
            dict(r=ent("ABA_ROUTING_NUMBER", aba()), b=ent("US_BANK_NUMBER", bank_us())))


@pos
def _():
    return ("clinic", "asr", "this is nurse {s} from the surgery calling for {n}",
            dict(s=P(asr_name(last())), n=P(asr_name(full(), 0.62))))


@pos
def _():
    return ("clinic", "asr", "{f}the hospital number on the letter is {m}", dict(f=kf(), m=ent("MEDICAL_RECORD_NUMBER", mrn(True))))


@pos
def _():
    v, sp, state = dl()
    return ("clinic", "typed", "ID checked: {st} driver's license {d}, exp 2029.",
            dict(st=state, d=E("US_DRIVER_LICENSE", v, sp)))


@pos
def _():
    return ("clinic", "typed", "Medical record no. {m} - {n}, allergy: penicillin.",
            dict(m=ent("MEDICAL_RECORD_NUMBER", mrn()), n=P(full())))


@pos
def _():
    return ("pharmacy", "asr", "i'm picking up for my husband {n} his date of birth is {d}",
            dict(n=P(asr_name(full(g="m"), 0.62)), d=ent("DATE_OF_BIRTH", dob("adult", True, us=True))))


@pos
def _():
    return ("clinic", "asr", "{f}it's {n} i'm ringing for my son {s} he's got a temperature of thirty nine",
            dict(f=kf(), n=P(asr_name(first())), s=P(asr_name(first(g="m")))))


@pos
def _():
    return ("clinic", "typed", "Msg from {n}: pls call back on {ph}, needs interpreter (Tigrinya).",
            dict(n=P(full("ethiopian")), ph=ent("PHONE_NUMBER", phone_uk())))


@pos
def _():
    return ("pharmacy", "typed", "Paid by card {c} - {n}", dict(c=ent("CREDIT_CARD", card()), n=P(full())))


@pos
def _():
    return ("clinic", "asr", "my patient number is {m} and my gp is doctor {s}",
            dict(m=ent("MEDICAL_RECORD_NUMBER", mrn(True)), s=P(asr_name(last()))))


@pos
def _():
    return ("clinic", "asr", "{f}my email is {e} for the appointment letter",
            dict(f=kf(), e=ent("EMAIL_ADDRESS", email(None, True))))


@pos
def _():
    v, sp, state = dl(True)
    return ("clinic", "asr", "my driver's license number is {d} it's a {st} one",
            dict(d=E("US_DRIVER_LICENSE", v, sp), st=state.lower()))


@pos
def _():
    c, st, z = rng.choice(US_ZIPS)
    return ("pharmacy", "typed", "Ship to {a}, {c}, {st} {z}.",
            dict(a=ent("STREET_ADDRESS", street("us")), c=c, st=st, z=ent("ZIP_CODE", zip_us(z))))


# --- housing and council (UK and Ireland) --------------------------------
@pos
def _():
    return ("housing", "asr", "hiya it's {n} from {a} the damp's come back in the kids bedroom",
            dict(n=P(asr_name(full(), 0.62)), a=ent("STREET_ADDRESS", street("uk", True))))


@pos
def _():
    return ("housing", "asr", "{f}my council tax account number is {a}", dict(f=kf(), a=ent("ACCOUNT_NUMBER", account(True))))


@pos
def _():
    return ("housing", "typed", "Rent account no. {a} in arrears; tenant {n}, {s}, postcode {p}.",
            dict(a=ent("ACCOUNT_NUMBER", account()), n=P(full()), s=ent("STREET_ADDRESS", street("uk")),
                 p=ent("ZIP_CODE", postcode())))


@pos
def _():
    return ("housing", "asr", "the best number to get me is {ph} any time after ten",
            dict(ph=ent("PHONE_NUMBER", phone_ie(True))))


@pos
def _():
    return ("housing", "asr", "i'm ringing for my neighbour mrs {s} at {a} she's had no heating for a week",
            dict(s=P(asr_name(last(g="f"))), a=ent("STREET_ADDRESS", street(rng.choice(["uk", "ie"]), True))))


@pos
def _():
    return ("housing", "typed", "Tenant email: {e} (prefers email, hard of hearing).", dict(e=ent("EMAIL_ADDRESS", email())))


@pos
def _():
    return ("housing", "asr", "the housing assistance goes into my account the i ban is {i}",
            dict(i=ent("IBAN_CODE", iban(True, rng.choice(["IE", "IE", "PL", "RO", "LT", "DE"])))))


@pos
def _():
    return ("housing", "typed", "Please update payee IBAN to {i} for the HAP payment.",
            dict(i=ent("IBAN_CODE", iban(False, rng.choice(["IE", "IE", "PL", "BE", "FR", "PT"])))))


@pos
def _():
    return ("housing", "asr", "councillor {s} said she'd raise it at the meeting but nothing's happened",
            dict(s=P(asr_name(last()))))


@pos
def _():
    return ("housing", "typed", "{n} (NOK: son {s}, {ph}) moved to {a}.",
            dict(n=P(full()), s=P(first(g="m")), ph=ent("PHONE_NUMBER", phone_uk()), a=ent("STREET_ADDRESS", street("uk"))))


@pos
def _():
    return ("housing", "asr", "and the postcode is {p}", dict(p=ent("ZIP_CODE", postcode(True))))


@pos
def _():
    return ("housing", "asr", "can you send the form to {e} cos i don't get post",
            dict(e=ent("EMAIL_ADDRESS", email(None, True))))


@pos
def _():
    return ("housing", "asr", "{f}i'm calling from {a} in {c} the roof is leaking again",
            dict(f=kf(), a=ent("STREET_ADDRESS", street("ie", True)), c=rng.choice(["finglas", "cork", "limerick", "tallaght"])))


@pos
def _():
    return ("housing", "typed", "Dear Housing Team, the boiler at {a} is broken again. Regards, {n}",
            dict(a=ent("STREET_ADDRESS", street(rng.choice(["uk", "ie"]))), n=P(full())))


@pos
def _():
    return ("housing", "asr", "my electric account number is {a} and the meter's in the hall",
            dict(a=ent("ACCOUNT_NUMBER", account(True))))


@pos
def _():
    return ("housing", "typed", "Water acct {a} - {n} disputes the Q3 bill of £212.40.",
            dict(a=ent("ACCOUNT_NUMBER", account()), n=P(full())))


@pos
def _():
    return ("housing", "asr", "ask for {n} in the homeless team she knows my case",
            dict(n=P(asr_name(first(g="f")))))


@pos
def _():
    return ("housing", "asr", "{f}yeah my mobile is {ph}", dict(f=kf(), ph=ent("PHONE_NUMBER", phone_uk(True))))


@pos
def _():
    return ("housing", "typed", "Callback req: {n}, {ph}, re: mould, flat on 4th floor.",
            dict(n=P(full()), ph=ent("PHONE_NUMBER", phone_ie(False))))


@pos
def _():
    return ("housing", "asr", "the portal keeps blocking me it says access denied from {ip}",
            dict(ip=ent("IP_ADDRESS", ipv4(True))))


@pos
def _():
    return ("housing", "typed", "Portal lockout for {e}; last login from {ip}.",
            dict(e=ent("EMAIL_ADDRESS", email()), ip=ent("IP_ADDRESS", rng.choice([ipv4, lambda: ipv6()])())))


# --- immigration and refugee support --------------------------------------
@pos
def _():
    return ("immigration", "asr", "my name is {n} i came from {c} with my two children",
            dict(n=P(asr_name(full(), 0.65)), c=rng.choice(["kharkiv", "mogadishu", "eritrea", "kabul", "aleppo", "lagos"])))


@pos
def _():
    return ("immigration", "asr", "{f}my sponsor's u s passport number is {p}", dict(f=kf(), p=ent("US_PASSPORT", passport_us(True))))


@pos
def _():
    return ("immigration", "typed", "Sponsor {n}, US passport {p}, exp 2031.",
            dict(n=P(full()), p=ent("US_PASSPORT", passport_us())))


@pos
def _():
    cc = rng.choice(["380", "252", "251", "92", "880", "234", "233", "90"])
    return ("immigration", "asr", "my brother {n} is still back home his number is {ph}",
            dict(n=P(asr_name(first(g="m"))), ph=ent("PHONE_NUMBER", phone_intl(True, cc))))


@pos
def _():
    return ("immigration", "typed", "Contact: {ph} (WhatsApp), wife {n}.",
            dict(ph=ent("PHONE_NUMBER", phone_intl()), n=P(first(g="f"))))


@pos
def _():
    return ("immigration", "asr", "the caseworker {n} said i should ask for you", dict(n=P(asr_name(first()))))


@pos
def _():
    return ("immigration", "typed", "Refund of application fee to IBAN {i}.", dict(i=ent("IBAN_CODE", iban())))


@pos
def _():
    return ("immigration", "asr", "i i don't have a social yet but my wife does hers is {s}", dict(s=ent("US_SSN", ssn(True))))


@pos
def _():
    return ("immigration", "typed", "Client {n} DOB {d}; SSN {s}; arrived 2023.",
            dict(n=P(full()), d=ent("DATE_OF_BIRTH", dob("adult", us=True)), s=ent("US_SSN", ssn())))


@pos
def _():
    return ("immigration", "asr", "can you write my email it's {e}", dict(e=ent("EMAIL_ADDRESS", email(None, True))))


@pos
def _():
    return ("immigration", "typed", "Login from {ip} flagged on client account {e}.",
            dict(ip=ent("IP_ADDRESS", ipv6()), e=ent("EMAIL_ADDRESS", email())))


@pos
def _():
    return ("immigration", "typed", "Interpreter {n} booked for Tue 10:00, room 3.", dict(n=P(full())))


@pos
def _():
    return ("immigration", "asr", "{f}my daughter {n} was born on {d} in the camp",
            dict(f=kf(), n=P(asr_name(first(g="f"))), d=ent("DATE_OF_BIRTH", dob("child", True, us=rng.random() < 0.3))))


@pos
def _():
    return ("immigration", "asr", "my old bank back home the iban is {i} can they send it there",
            dict(i=ent("IBAN_CODE", iban(True, rng.choice(["PL", "CZ", "RO", "TR", "DE", "IT", "ES", "FR", "NL"])))))


@pos
def _():
    return ("immigration", "asr", "{f}it's {n} from the refugee council i'm calling for {m}",
            dict(f=kf(), n=P(asr_name(first())), m=P(asr_name(full(), 0.65))))


@pos
def _():
    return ("immigration", "typed", "Bank details for resettlement grant: routing {r}, savings {b}. Client {n}.",
            dict(r=ent("ABA_ROUTING_NUMBER", aba()), b=ent("US_BANK_NUMBER", bank_us()), n=P(full())))


@pos
def _():
    return ("immigration", "asr", "the routing number is {r}", dict(r=ent("ABA_ROUTING_NUMBER", aba(True))))


@pos
def _():
    c, st, z = rng.choice(US_ZIPS)
    return ("immigration", "asr", "our zip code is {z} we're in {c}", dict(z=ent("ZIP_CODE", zip_us(z, True)), c=c.lower()))


@pos
def _():
    c, st, z = rng.choice(US_ZIPS)
    return ("immigration", "typed", "New address: {a}, {c}, {st} {z} (moved 03/2024).",
            dict(a=ent("STREET_ADDRESS", street("us")), c=c, st=st, z=ent("ZIP_CODE", zip_us(z))))


@pos
def _():
    v, sp, state = dl()
    return ("immigration", "typed", "{n} - {st} DL {d} (learner).", dict(n=P(full()), st=state, d=E("US_DRIVER_LICENSE", v, sp)))


@pos
def _():
    return ("immigration", "asr", "{f}i'm {n} and this is my husband {m} he doesn't speak english",
            dict(f=kf(), n=P(asr_name(first(g="f"))), m=P(asr_name(first(g="m")))))


@pos
def _():
    return ("immigration", "asr", "ring my cousin {n} on {ph} she can translate",
            dict(n=P(asr_name(first(g="f"))), ph=ent("PHONE_NUMBER", rng.choice([phone_uk, phone_ie, phone_intl])(True))))


@pos
def _():
    return ("immigration", "asr", "my card is {c} for the application fee",
            dict(c=ent("CREDIT_CARD", card(True))))


@pos
def _():
    return ("immigration", "typed", "Pls ring {ph} and ask for {n}.",
            dict(ph=ent("PHONE_NUMBER", phone_us()), n=P(first())))


@pos
def _():
    return ("immigration", "typed", "Acct holder {n}; IBAN {i}; NOK {m}.",
            dict(n=P(full()), i=ent("IBAN_CODE", iban(False, rng.choice(["GB", "TR", "IT", "ES", "NL", "RO", "CZ"]))),
                 m=P(full())))


@pos
def _():
    return ("housing", "asr", "officer {s} from the council came round and said we'd be moved by christmas",
            dict(s=P(asr_name(last()))))


@pos
def _():
    return ("housing", "typed", "Diolch / thanks for your help with the transfer.\n{n}\n{ph}",
            dict(n=P(full(rng.choice(["welsh", "irish"]))), ph=ent("PHONE_NUMBER", phone_uk(False))))


@pos
def _():
    return ("clinic", "asr", "{f}can i speak to doctor {n} please it's about my results",
            dict(f=kf(), n=P(asr_name(full(), 0.65))))


@pos
def _():
    return ("youth_helpline", "typed", "Caller gave mob {ph}; yp {n} (DOB {d}) at nan's tonight. NOK nan {m}.",
            dict(ph=ent("PHONE_NUMBER", phone_uk(False, False)), n=P(first()), d=ent("DATE_OF_BIRTH", dob("child")),
                 m=P(full(g="f"))))


@pos
def _():
    return ("immigration", "typed", "Client tel {ph}, email {e}.",
            dict(ph=ent("PHONE_NUMBER", rng.choice([phone_uk, phone_ie, phone_intl])(False)), e=ent("EMAIL_ADDRESS", email())))


# Oversample templates that carry the rarer, checksum-validated entity types,
# so that every type has enough support (weights are fixed, hence deterministic).
TYPE_WEIGHT = {"CREDIT_CARD": 3, "IBAN_CODE": 3, "US_SSN": 2, "US_PASSPORT": 3, "US_DRIVER_LICENSE": 3,
               "IP_ADDRESS": 2, "ABA_ROUTING_NUMBER": 2, "US_BANK_NUMBER": 2, "PHONE_NUMBER": 2,
               "MEDICAL_RECORD_NUMBER": 2, "ACCOUNT_NUMBER": 2}
_base = POS[:]
for _f in _base:
    _types = {v.typ for v in _f()[3].values() if isinstance(v, E)}
    POS.extend([_f] * (max([TYPE_WEIGHT.get(t, 1) for t in _types] + [1]) - 1))


# ---------------------------------------------------------------------------
# negative templates (no PII at all)
# ---------------------------------------------------------------------------
NEG = []


def neg(f):
    NEG.append(f)
    return f


def money_gbp():
    return "£%d.%02d" % (rng.randint(3, 1500), rng.randint(0, 99))


def nword(lo, hi):
    return words(rng.randint(lo, hi))


NEG_SIMPLE = [
    ("youth_helpline", "asr", lambda: "{f}i just want to talk like i feel really sad and i don't know why".format(f=kf())),
    ("youth_helpline", "asr", lambda: "he said he will ring me at half {h} and then he didn't".format(h=nword(5, 10))),
    ("youth_helpline", "asr", lambda: "i've got like {n} messages from them and i haven't opened any".format(n=nword(12, 90))),
    ("youth_helpline", "asr", lambda: (lambda y: "i'm in year {} and i'm {}".format(words(y), words(y + rng.choice([4, 5]))))(rng.randint(7, 11))),
    ("youth_helpline", "asr", lambda: "my mum said i have to be back by {h} but it's not safe there".format(h=nword(7, 10))),
    ("youth_helpline", "asr", lambda: "it's been going on since {y} like every weekend".format(y=year_words(rng.randint(2019, 2024)))),
    ("youth_helpline", "asr", lambda: "i will tell my mum tomorrow i promise"),
    ("youth_helpline", "asr", lambda: "i was at victoria station and then i got the {b} bus home".format(b=nword(12, 390))),
    ("youth_helpline", "asr", lambda: "we said grace before tea and then he just started shouting"),
    ("youth_helpline", "asr", lambda: "it's sunny today so i might just go to the park for a bit"),
    ("youth_helpline", "asr", lambda: "they kept trying to chase me round the playground and push me"),
    ("youth_helpline", "asr", lambda: "i have to read page {p} for homework but i can't even think".format(p=nword(20, 240))),
    ("youth_helpline", "asr", lambda: "may i talk to someone else please i'm sorry"),
    ("youth_helpline", "asr", lambda: "my phone's on {n} percent so if it cuts off that's why".format(n=nword(2, 9))),
    ("youth_helpline", "asr", lambda: "and then he's like you're not allowed out and i'm like why and he's like because"),
    ("youth_helpline", "asr", lambda: "um i i don't know sorry i i just um"),
    ("youth_helpline", "asr", lambda: "i hope it gets better i really do"),
    ("youth_helpline", "asr", lambda: "he'll mark my work down if i say anything"),
    ("youth_helpline", "typed", lambda: "Chat {n} closed after {m} mins, yp safe, no f/u needed.".format(n=rng.randint(3000, 99999), m=rng.randint(4, 60))),
    ("youth_helpline", "typed", lambda: "yp aged {a}, Y{y}, c/o low mood since Sept. Safety plan agreed.".format(a=rng.randint(11, 16), y=rng.randint(7, 11))),
    ("youth_helpline", "asr", lambda: "there's like {n} of us in the group chat".format(n=nword(20, 200))),
    ("youth_helpline", "asr", lambda: "we did faith schools stuff in r e today and i just cried"),
    ("youth_helpline", "asr", lambda: "i got {a} out of {b} in my maths test and dad went mad".format(a=nword(20, 60), b=rng.choice(["sixty", "eighty", "a hundred"]))),
    ("youth_helpline", "typed", lambda: "Session #{n}, duration {m}:{s:02d}, escalated to sup.".format(n=rng.randint(100, 9999), m=rng.randint(5, 59), s=rng.randint(0, 59))),
    ("clinic", "asr", lambda: "take two {d} milligram tablets twice a day with food".format(d=rng.choice(["five hundred", "two fifty", "four hundred"]))),
    ("pharmacy", "typed", lambda: "Dispensed {n} x amoxicillin 500 mg caps. Batch {b}.".format(n=rng.choice([14, 21, 28]), b=str(rng.randint(1000, 9999)) + rng.choice("ABCX"))),
    ("pharmacy", "asr", lambda: "the prescription charge is nine pounds ninety and you've got {n} items".format(n=nword(2, 6))),
    ("clinic", "asr", lambda: "your appointment is on the {o} of {m} at ten past {h}".format(o=ORD[rng.randint(1, 28)], m=rng.choice(MONTHS).lower(), h=nword(8, 11))),
    ("clinic", "typed", lambda: "NHS number {a} {b} {c} confirmed at reception.".format(a=rdig(3, True), b=rdig(3), c=rdig(4))),
    ("clinic", "asr", lambda: "my n h s number is {n}".format(n=say_groups([rdig(3, True), rdig(3), rdig(4)], "oh", 0.4, " "))),
    ("clinic", "typed", lambda: "Hb {a}.{b} g/dL, BP {s}/{d}, pulse {p}.".format(a=rng.randint(9, 15), b=rng.randint(0, 9), s=rng.randint(100, 165), d=rng.randint(60, 99), p=rng.randint(55, 110))),
    ("clinic", "asr", lambda: "the app says version {a} point {b} point {c} and it won't let me book".format(a=nword(2, 9), b=nword(0, 20), c=nword(0, 9))),
    ("clinic", "typed", lambda: "Appt ref APT-{n} moved to {h}:{m:02d} on {d}/{mo}.".format(n=rng.randint(10000, 99999), h=rng.randint(8, 17), m=rng.choice([0, 10, 15, 20, 30, 40, 45]), d=rng.randint(1, 28), mo=rng.randint(1, 12))),
    ("pharmacy", "asr", lambda: "we'll bill your insurance and your copay is {n} dollars".format(n=nword(5, 60))),
    ("pharmacy", "typed", lambda: "Rx #{n} ready for pickup after 2pm.".format(n=rng.randint(1000000, 9999999))),
    ("clinic", "asr", lambda: "she's lost {n} kilos since march and she's not eating".format(n=nword(3, 12))),
    ("clinic", "typed", lambda: "Insulin {n} units at night; HbA1c {a}.{b}% (was {c}%).".format(n=rng.randint(6, 40), a=rng.randint(6, 9), b=rng.randint(0, 9), c=rng.randint(8, 11))),
    ("clinic", "asr", lambda: "i'll wait i've got a book and i'm number {n} in the queue".format(n=nword(3, 30))),
    ("clinic", "asr", lambda: "the rose clinic on the second floor is it open on saturdays"),
    ("clinic", "typed", lambda: "Fridge temp {a}.{b}C at 08:15; log page {p}.".format(a=rng.randint(2, 8), b=rng.randint(0, 9), p=rng.randint(10, 120))),
    ("pharmacy", "asr", lambda: "can i get the blister packs for the whole month that's {n} days".format(n=rng.choice(["twenty eight", "thirty", "thirty one"]))),
    ("clinic", "asr", lambda: "page me when the doctor's free i'll be in the car park"),
    ("clinic", "typed", lambda: "Flu clinic: {n} vaccinated today, {p}% uptake in over-65s.".format(n=rng.randint(40, 400), p=rng.randint(40, 90))),
    ("housing", "asr", lambda: "the meter reading is {n}".format(n=say_groups([rdig(5)], rng.choice(["oh", "nought", "zero"]), 0.5, " "))),
    ("housing", "typed", lambda: "Electricity: {n} kWh this quarter, tariff code E{a}-{b}.".format(n=rng.randint(300, 4500), a=rng.randint(1, 9), b=rng.choice(["STD", "ECO", "NIGHT"]))),
    ("housing", "asr", lambda: "the rent goes up by {a} point {b} percent in april".format(a=nword(1, 7), b=nword(1, 9))),
    ("housing", "typed", lambda: "Case ref HSG-{y}-{n} reopened; repair due in {d} working days.".format(y=rng.randint(2022, 2025), n=rng.randint(100000, 999999), d=rng.randint(3, 28))),
    ("housing", "asr", lambda: "the repair ticket is {n} and it's been {w} weeks".format(n=say_groups([rdig(3, True), rdig(3)], "oh", 0.3, " "), w=nword(3, 12))),
    ("housing", "asr", lambda: "my rent is {n} euro a month and i can't keep up".format(n=words(rng.randint(7, 19) * 100 + rng.choice([0, 50])))),
    ("housing", "asr", lambda: "there's a rose bush blocking the path out the front"),
    ("housing", "asr", lambda: "the bin lorry comes at {h} in the morning and wakes the baby".format(h=nword(5, 7))),
    ("housing", "typed", lambda: "Block {b}, floors {a} to {c} affected by leak.".format(b=rng.choice("ABCD"), a=rng.randint(1, 4), c=rng.randint(5, 14))),
    ("housing", "typed", lambda: "Arrears {m}; payment plan {p}/week from {d}/{mo}.".format(m=money_gbp(), p=money_gbp(), d=rng.randint(1, 28), mo=rng.randint(1, 12))),
    ("housing", "asr", lambda: "the gas meter says {a} point {b} cubic metres".format(a=say_groups([rdig(5)], "oh", 0.4, " "), b=nword(1, 9))),
    ("housing", "asr", lambda: "i'm near victoria station the flats behind the shops"),
    ("housing", "asr", lambda: "i'm in stratford now staying on my friend's sofa for like {n} weeks".format(n=nword(2, 9))),
    ("housing", "typed", lambda: "Outage in {p} affecting {n} homes, ETR {h}:{m:02d}.".format(p=rng.choice(["Ballymun", "Tallaght", "Moss Side", "Tottenham", "Splott"]), n=rng.randint(100, 9000), h=rng.randint(13, 23), m=rng.choice([0, 15, 30, 45]))),
    ("housing", "asr", lambda: "the council said it would be about {n} pounds for the deposit".format(n=words(rng.randint(3, 15) * 100))),
    ("housing", "asr", lambda: "will someone come out today or not"),
    ("housing", "asr", lambda: "the bill for the heating was {n} pounds last month".format(n=nword(60, 400))),
    ("housing", "typed", lambda: "Band {b} property, council tax {m}/yr, {p}% single person discount.".format(b=rng.choice("ABCDE"), m=money_gbp(), p=25)),
    ("housing", "asr", lambda: "the lift's been broke since the {o} and my mum's in a wheelchair".format(o=ORD[rng.randint(1, 30)])),
    ("housing", "typed", lambda: "Inspection {d}/{m}/{y} 10:00-12:00, mould in 2 rooms.".format(d=rng.randint(1, 28), m=rng.randint(1, 12), y=2025)),
    ("immigration", "asr", lambda: "my flight was t k {a} from istanbul landing at {h} {m}".format(a=say_group(str(rng.randint(1900, 1999)), "oh", 0), h=nword(5, 11), m=nword(10, 55))),
    ("immigration", "typed", lambda: "Flight EI {n} delayed {h}h.".format(n=rng.randint(100, 999), h=rng.randint(1, 6))),
    ("immigration", "asr", lambda: "i paid {n} pounds for the visa and it's still not done".format(n=words(rng.randint(700, 3000)))),
    ("immigration", "typed", lambda: "Application ref GWF0{n} - awaiting decision ({w} weeks).".format(n=rdig(8), w=rng.randint(6, 40))),
    ("immigration", "asr", lambda: "i've been waiting for like {n} months and nobody calls".format(n=nword(4, 20))),
    ("immigration", "asr", lambda: "we came in {y} through poland by bus".format(y=year_words(rng.randint(2015, 2024)))),
    ("immigration", "asr", lambda: "my son wants to be a hunter like his grandad back in the village"),
    ("immigration", "asr", lambda: "i have faith it will work out inshallah"),
    ("immigration", "asr", lambda: "we need to send the form by may the {o}".format(o=ORD[rng.randint(1, 31)])),
    ("immigration", "typed", lambda: "GUID fragment {a}-{b} in the portal error.".format(a="%08x" % rng.getrandbits(32), b="%04x" % rng.getrandbits(16))),
    ("immigration", "typed", lambda: "Error 0x{e:08X} on build {a}.{b}.".format(e=rng.getrandbits(32), a=rng.randint(19000, 26100), b=rng.randint(100, 4000))),
    ("immigration", "typed", lambda: "Shipping personal effects: HS code {a}.{b}.{c}, {k} kg.".format(a=rng.randint(8400, 9600), b="%02d" % rng.randint(10, 99), c="%02d" % rng.randint(0, 90), k=rng.randint(5, 60))),
    ("immigration", "asr", lambda: "the bill came to {n} pounds for the translation".format(n=nword(30, 300))),
    ("immigration", "asr", lambda: "will you be there at {h} or should i come tomorrow".format(h=nword(1, 5))),
    ("immigration", "typed", lambda: "Biometrics appt {d} {m} {h}:{mi:02d}, Croydon.".format(d=rng.randint(1, 28), m=rng.choice(MONTHS)[:3], h=rng.randint(8, 16), mi=rng.choice([0, 20, 40]))),
    ("immigration", "asr", lambda: "they gave us {n} pounds a week for food for {k} people".format(n=nword(40, 60), k=nword(3, 7))),
    ("immigration", "asr", lambda: "the english class is on room {n} at half {h}".format(n=nword(1, 40), h=nword(9, 11))),
    ("immigration", "typed", lambda: "Case {n}: {p}% of docs received; next review in {w} wks.".format(n=rng.randint(100000, 999999), p=rng.randint(10, 95), w=rng.randint(2, 12))),
    ("immigration", "asr", lambda: "hope you can help me i don't understand the letter"),
    ("immigration", "typed", lambda: "Form I-{f} filed {y}; receipt pending. Fee ${m}.".format(f=rng.choice([485, 765, 130, 589]), y=rng.randint(2022, 2025), m=rng.choice([410, 675, 1440, 520]))),
    ("youth_helpline", "asr", lambda: "my mark in science was like {n} percent".format(n=nword(30, 95))),
    ("clinic", "asr", lambda: "it's version {a} {b} of the form the old one was {c}".format(a=nword(2, 9), b=nword(0, 9), c=nword(1, 9))),
    ("housing", "asr", lambda: "number {n} bus stops right outside but it's every {m} minutes".format(n=nword(2, 99), m=nword(10, 40))),
    ("clinic", "typed", lambda: "Ward {w}, bed {b}: obs every {h}h, NEWS {n}.".format(w=rng.randint(1, 40), b=rng.randint(1, 30), h=rng.choice([1, 2, 4]), n=rng.randint(0, 7))),
    ("youth_helpline", "asr", lambda: "the bill for my phone is like {n} quid and dad says i have to pay it".format(n=nword(20, 80))),
    ("youth_helpline", "asr", lambda: "i wanted to go to my friend's but it's like {n} stops on the tube".format(n=nword(4, 12))),
    ("youth_helpline", "asr", lambda: "and then at lunch they took my chips and like threw them and everyone laughed"),
    ("youth_helpline", "asr", lambda: "i've been sleeping like {n} hours a night maybe".format(n=nword(2, 5))),
    ("youth_helpline", "asr", lambda: "i don't want to say my name is that ok"),
    ("youth_helpline", "typed", lambda: "yp declined to give name or location. Rated mood {a}/10 at start, {b}/10 at end.".format(a=rng.randint(1, 4), b=rng.randint(3, 7))),
    ("youth_helpline", "asr", lambda: "we're going to my auntie's on the {o} for eid".format(o=ORD[rng.randint(1, 30)])),
    ("youth_helpline", "asr", lambda: "it's hunter wellies day at forest school and i don't have any"),
    ("clinic", "asr", lambda: "i've been on the sertraline {n} milligrams for about {w} weeks".format(n=rng.choice(["fifty", "one hundred"]), w=nword(2, 10))),
    ("clinic", "typed", lambda: "Temp {a}.{b}, SpO2 {c}%, RR {d}. Paracetamol 1 g QDS.".format(a=rng.randint(36, 39), b=rng.randint(0, 9), c=rng.randint(90, 99), d=rng.randint(12, 28))),
    ("clinic", "asr", lambda: "the walk in centre closes at eight and it's a {n} minute wait".format(n=nword(40, 200))),
    ("pharmacy", "asr", lambda: "is it ok to take ibuprofen with the {n} milligram amlodipine".format(n=rng.choice(["five", "ten"]))),
    ("pharmacy", "typed", lambda: "Order {n} - {k} item(s), collect from counter {c}.".format(n=rng.randint(100000, 999999), k=rng.randint(1, 6), c=rng.randint(1, 4))),
    ("clinic", "asr", lambda: "my husband's at work till half past {h} so can we do the afternoon".format(h=nword(4, 7))),
    ("clinic", "asr", lambda: "i can't get an appointment till the {o} of next month".format(o=ORD[rng.randint(1, 28)])),
    ("housing", "asr", lambda: "the ceiling's been dripping for {n} days and the bucket's full".format(n=nword(3, 20))),
    ("housing", "typed", lambda: "Void property handed back, keys x{k}, EPC band {b}, {kwh} kWh/yr est.".format(k=rng.randint(2, 4), b=rng.choice("CDE"), kwh=rng.randint(2000, 9000))),
    ("housing", "asr", lambda: "we're a family of {n} in a one bed it's not fair".format(n=nword(4, 7))),
    ("housing", "asr", lambda: "the hostel's near the canal by the big tesco"),
    ("housing", "typed", lambda: "Priority band {b}, {p} points, bidding cycle {c}.".format(b=rng.randint(1, 4), p=rng.randint(20, 400), c=rng.randint(10, 52))),
    ("housing", "asr", lambda: "the thermostat's set to {n} and it's still freezing".format(n=nword(18, 25))),
    ("immigration", "asr", lambda: "the interview is at the home office on the {o} at {h} o'clock".format(o=ORD[rng.randint(1, 28)], h=nword(9, 12))),
    ("immigration", "typed", lambda: "Asylum support £{a}.{b:02d}/wk per person; {k} dependants.".format(a=rng.randint(8, 50), b=rng.randint(0, 99), k=rng.randint(0, 4))),
    ("immigration", "asr", lambda: "they moved us from the hotel after {n} weeks to another city".format(n=nword(3, 30))),
    ("immigration", "typed", lambda: "Bus pass issued, zones {a}-{b}, valid {d} days.".format(a=1, b=rng.randint(2, 6), d=rng.choice([7, 28, 30]))),
    ("immigration", "asr", lambda: "i speak somali and a bit of arabic and my english is like level {n}".format(n=nword(1, 3))),
    ("immigration", "asr", lambda: "please i have hope for my children that's all"),
    ("housing", "typed", lambda: "Smart meter ID {a} read {b} kWh on {d}/{m}.".format(a=rdig(2) + "-" + rdig(2) + "-" + rdig(2), b=rng.randint(1000, 60000), d=rng.randint(1, 28), m=rng.randint(1, 12))),
]


def neg_gen(spec):
    dom, style, fn = spec

    def f():
        return dom, style, fn(), {}
    return f


for spec in NEG_SIMPLE:
    NEG.append(neg_gen(spec))


# ---------------------------------------------------------------------------
def build():
    out = []

    def fill(templates, n):
        order = []
        while len(order) < n:
            t = templates[:]
            rng.shuffle(t)
            order += t
        return order[:n]

    items = [(f, True) for f in fill(POS, N_POS)] + [(f, False) for f in fill(NEG, N_NEG)]
    rng.shuffle(items)
    seen = set()
    for f, is_pos in items:
        for attempt in range(40):
            if attempt >= 10:  # fixed template exhausted: draw another of the same kind
                f = rng.choice(POS if is_pos else NEG)
            dom, style, tmpl, slots = f()
            text, ents = compose(tmpl, slots)
            clean = "  " not in text and text == text.strip()
            if clean and text not in seen:
                break
        assert text not in seen, text
        seen.add(text)
        assert bool(ents) == is_pos, text
        out.append({"id": "", "split": SPLIT, "domain": dom, "style": style, "text": text, "entities": ents})
    for i, r in enumerate(out):
        r["id"] = "%s-%03d" % (SPLIT, i)
    return out


def main():
    rows = build()
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "blind5.jsonl")
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            for e in r["entities"]:
                assert r["text"][e["start"]:e["end"]] == e["text"]
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("wrote", len(rows), "utterances to", path)


if __name__ == "__main__":
    main()
