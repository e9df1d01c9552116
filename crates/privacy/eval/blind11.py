#!/usr/bin/env python3
"""Generator for the blind11 evaluation split (independent, labeled).

Deterministic: fixed seed, Python 3 standard library only.
Writes blind11.jsonl next to this file.

Character of the set: a representative deployment mix.
  * ~1/2 live ASR transcripts (lower case, no punctuation, numbers as words)
  * ~1/4 Whisper-style ASR (punctuation, capitals, digits)
  * ~1/4 typed agent notes and chat messages
  * six domains in equal parts (utility, bank, clinic, helpline, gov, insurance)
  * US and UK callers in about equal numbers
  * ~40 % negatives (no PII at all, including PII-looking numbers and
    name-like common words)

Every span is computed while composing and checked: text[start:end] == value.
"""
import json
import os
import re
import random
import unicodedata

SEED = 1190
SPLIT = "blind11"
N_TOTAL = 280
NEG_FRACTION = 0.40

# --------------------------------------------------------------------------
# number words
# --------------------------------------------------------------------------
ONES = "zero one two three four five six seven eight nine".split()
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
         "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
MDAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
ORD_SMALL = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth",
             6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth",
             11: "eleventh", 12: "twelfth", 13: "thirteenth",
             14: "fourteenth", 15: "fifteenth", 16: "sixteenth",
             17: "seventeenth", 18: "eighteenth", 19: "nineteenth",
             20: "twentieth", 30: "thirtieth"}


def n2w(n, uk_and=True):
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    if n < 100:
        t, o = divmod(n, 10)
        return TENS[t] + ("" if o == 0 else " " + ONES[o])
    if n < 1000:
        h, r = divmod(n, 100)
        if r == 0:
            return ONES[h] + " hundred"
        return ONES[h] + " hundred " + ("and " if uk_and else "") + n2w(r, uk_and)
    th, r = divmod(n, 1000)
    s = n2w(th, uk_and) + " thousand"
    if r == 0:
        return s
    if r < 100:
        return s + (" and " if uk_and else " ") + n2w(r, uk_and)
    return s + " " + n2w(r, uk_and)


def ordw(n):
    if n in ORD_SMALL:
        return ORD_SMALL[n]
    t, o = divmod(n, 10)
    return TENS[t] + " " + ORD_SMALL[o]


def ord_suffix(n):
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def year_words(y, r):
    if 2000 <= y < 2010:
        return "two thousand " + ("and " if r.random() < 0.5 else "") + ONES[y - 2000]
    if 2010 <= y < 2100 and r.random() < 0.3:
        return "two thousand and " + n2w(y - 2000)
    hi, lo = divmod(y, 100)
    if lo == 0:
        return n2w(hi) + " hundred"
    if lo < 10:
        return n2w(hi) + " oh " + ONES[lo]
    return n2w(hi) + " " + n2w(lo)


def say_digits(s, r, oh=0.5, rep=0.3):
    """Speak the digits of s one by one, with 'oh' and double/triple."""
    zero = "oh" if r.random() < oh else "zero"
    digits = [c for c in s if c.isdigit()]
    words = []
    i = 0
    while i < len(digits):
        c = digits[i]
        j = i
        while j < len(digits) and digits[j] == c:
            j += 1
        run = j - i
        w = zero if c == "0" else ONES[int(c)]
        if run >= 3 and r.random() < rep:
            words.append("triple " + w)
            i += 3
            continue
        if run >= 2 and r.random() < rep:
            words.append("double " + w)
            i += 2
            continue
        words.append(w)
        i += 1
    return " ".join(words)


def say_groups(groups, r, oh=0.5, rep=0.3, dash=0.12, filler=0.08):
    """Speak digit groups; separators are spaces, 'dash' or a filler."""
    out = []
    for k, g in enumerate(groups):
        if k:
            x = r.random()
            if x < dash:
                out.append("dash")
            elif x < dash + filler:
                out.append(r.choice(["uh", "um", "er"]))
        out.append(say_digits(g, r, oh, rep))
    return " ".join(out)


def say_alnum(s, r, oh=0.5, rep=0.2):
    """Letters spelled as single lower-case letters, digits as words."""
    parts = []
    buf = ""
    for c in s:
        if c.isdigit():
            buf += c
            continue
        if buf:
            parts.append(say_digits(buf, r, oh, rep))
            buf = ""
        if c.isalpha():
            parts.append(c.lower())
    if buf:
        parts.append(say_digits(buf, r, oh, rep))
    return " ".join(parts)


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s)
                   if not unicodedata.combining(c))


def asr_name(s):
    return strip_accents(s).lower().replace("-", " ")


def house_words(n, r):
    if n < 100:
        return n2w(n)
    if n < 1000:
        h, rest = divmod(n, 100)
        if rest == 0:
            return ONES[h] + " hundred"
        if rest < 10:
            return ONES[h] + " oh " + ONES[rest]
        if r.random() < 0.3:
            return say_digits(str(n), r, oh=1.0, rep=0)
        return ONES[h] + " " + n2w(rest)
    hi, lo = divmod(n, 100)
    if r.random() < 0.25:
        return say_digits(str(n), r, oh=1.0, rep=0)
    if lo == 0:
        return n2w(hi) + " hundred"
    if lo < 10:
        return n2w(hi) + " oh " + ONES[lo]
    return n2w(hi) + " " + n2w(lo)


def digits(r, n):
    return "".join(str(r.randint(0, 9)) for _ in range(n))


def group(s, sizes, sep=" "):
    out, i = [], 0
    for z in sizes:
        out.append(s[i:i + z])
        i += z
    assert i == len(s), (s, sizes)
    return sep.join(out)


# --------------------------------------------------------------------------
# names (hand-picked mix of the US and UK populations, many origins)
# --------------------------------------------------------------------------
FIRST_US = """James Mary Michael Jennifer Robert Patricia David Linda Jose Maria
Juan Guadalupe Luis Carmen DeShawn Latoya Jamal Imani Tyrone Keisha Wei Mei
Hiroshi Yuki Priya Rahul Anil Sunita Mohammed Fatima Omar Kwame Xochitl
Esperanza Santiago Valentina Jin Thanh Linh Bao Arjun Kayla Brittany Tanner
Colton Bryce Destiny Jaylen Aaliyah Darnell Shanice Marisol Consuelo Dakota
Cheyenne Leilani Kai Ngozi Dmitri Svetlana Tomasz Yusuf Hana Dawit Carlos
Rosa Miguel Ashley Brandon Tiffany Jorge Lakisha Terrence Bernadette Earl
Gloria Wendell Ximena Nadia Ezekiel Tamika Raul Alejandra Beau Shelby""".split()
FIRST_UK = """Oliver Amelia Harry Olivia George Isla Jack Charlotte Freya Alfie
Siobhan Niamh Ciaran Aoife Seamus Eilidh Callum Rhys Cerys Dylan Gareth Bethan
Graham Nigel Trevor Maureen Lorraine Derek Kieran Shauna Precious Blessing
Chukwuemeka Samira Reza Parisa Ahmed Bilal Saoirse Declan Ruairi Morag Hamish
Angus Harpreet Gurpreet Manpreet Parveen Zainab Ibrahim Emre Elif Agnieszka
Piotr Katarzyna Ayodele Thandiwe Oluwaseun Abena Tariq Ayesha Aisha Chidi
Beverley Rosalind Nathaniel Jasmine Kofi Leanne Dean Stacey Wayne Kerry
Tegan Iwan Fiona Lachlan Mairead Sinead Nuala Abdirahman Hodan Shabnam
Giorgos Eleni Krzysztof Jolanta Ewan Poppy Reggie Ellie""".split()
SUR_US = """Smith Johnson Williams Brown Jones Garcia Rodriguez Martinez
Hernandez Lopez Gonzalez Nguyen Tran Pham Kim Park Chen Wang Zhang Patel Shah
Washington Jefferson Jackson Robinson Okafor Adeyemi Cohen Goldberg Levy
Schwartz Yamamoto Tanaka Begay Yazzie Nakamura Cruz Reyes Ramos Flores
Santos Haddad Nasser Mahmoud Abdullah Kowalski Novak Ivanova Petrov Yilmaz
Mwangi Tesfaye Haile Castillo Alvarez Delgado Thibodeaux Broussard Lindqvist
Olsen Hoang Vargas Fitzpatrick Whitfield Dubois Guerrero Kealoha""".split()
SUR_UK = """Smith Jones Taylor Brown Williams Wilson Evans Thomas Davies Roberts
Hughes Wright Walker Thompson Whitaker Khan Hussain Ahmed Rahman Begum Ali
Singh Kaur Gill Sandhu Mensah Owusu Okonkwo Osei Boateng Ogunleye Babatunde
Murphy Kelly Byrne McLaughlin MacDonald Campbell Fraser Stewart Henderson
Sinclair Pryce Llewellyn Nowak Kaminski Papadopoulos Rossi Esposito Demir
Chowdhury Miah Islam Mistry Varghese Fernandes Kamara Bangura Abdi Warsame
O'Brien O'Connor McKenzie Lewis Jenkins Price Doherty Gallagher Ng Lam""".split()
MALE = set("""James Michael David Jose Juan Luis DeShawn Jamal Tyrone Wei Hiroshi
Rahul Anil Mohammed Omar Kwame Santiago Arjun Tanner Colton Jaylen Darnell
Dmitri Tomasz Yusuf Dawit Carlos Miguel Terrence Earl Wendell Ezekiel Raul
Brandon Robert Jorge Beau Oliver Harry George Jack Alfie Ciaran Seamus Callum
Rhys Dylan Gareth Graham Nigel Trevor Derek Kieran Chukwuemeka Reza Ahmed
Bilal Declan Ruairi Hamish Angus Ibrahim Emre Piotr Oluwaseun Tariq Chidi
Nathaniel Kofi Dean Wayne Iwan Lachlan Abdirahman Giorgos Krzysztof Ewan
Reggie Thanh Bao""".split())
FEMALE = set("""Mary Jennifer Patricia Linda Maria Guadalupe Carmen Latoya Imani
Keisha Mei Yuki Priya Sunita Fatima Xochitl Esperanza Valentina Linh Kayla
Brittany Destiny Aaliyah Shanice Marisol Consuelo Cheyenne Leilani Ngozi
Svetlana Hana Rosa Ashley Tiffany Lakisha Bernadette Gloria Ximena Nadia
Tamika Alejandra Shelby Amelia Olivia Isla Charlotte Freya Siobhan Niamh Aoife
Eilidh Cerys Bethan Maureen Lorraine Shauna Samira Parisa Saoirse Morag
Zainab Elif Agnieszka Katarzyna Ayodele Thandiwe Abena Ayesha Aisha Beverley
Rosalind Jasmine Leanne Stacey Tegan Fiona Mairead Sinead Nuala Hodan Shabnam
Eleni Jolanta Poppy Ellie""".split())
FIRST_ACCENT = ["Zoë", "Chloé", "José", "Siân", "Seán", "Renée", "Inés",
                "Łukasz", "Ángel", "Björn"]
SUR_ACCENT = ["Núñez", "Müller", "Peña", "Ó Súilleabháin", "Ibáñez",
              "Lefèvre", "Gómez", "Wiśniewski"]


def pick_first(r, region, style, gender=None):
    if gender:
        g = sorted(MALE if gender == "M" else FEMALE)
        local = [n for n in g if n in (FIRST_US if region == "US" else FIRST_UK)]
        return r.choice(local if r.random() < 0.75 else g)
    if style == "typed" and r.random() < 0.06:
        return r.choice(FIRST_ACCENT)
    pool = FIRST_US if region == "US" else FIRST_UK
    if r.random() < 0.25:
        pool = FIRST_UK if region == "US" else FIRST_US
    return r.choice(pool)


def pick_sur(r, region, style):
    if style == "typed" and r.random() < 0.06:
        return r.choice(SUR_ACCENT)
    pool = SUR_US if region == "US" else SUR_UK
    if r.random() < 0.25:
        pool = SUR_UK if region == "US" else SUR_US
    return r.choice(pool)


def fmt_name(s, style):
    return asr_name(s) if style == "asr" else s


# --------------------------------------------------------------------------
# PII value generators: each returns (text, spoken)
# style: "asr" (live ASR), "whisper" (ASR with punctuation and digits), "typed"
# --------------------------------------------------------------------------
def nanp_parts(r):
    while True:
        a = "%d%d%d" % (r.randint(2, 9), r.randint(0, 8), r.randint(0, 9))
        e = "%d%d%d" % (r.randint(2, 9), r.randint(0, 9), r.randint(0, 9))
        if a[1:] == "11" or e[1:] == "11":
            continue
        return a, e, digits(r, 4)


def gen_phone_us(r, style):
    a, e, l = nanp_parts(r)
    if style == "asr":
        x = r.random()
        if x < 0.12:
            return "plus one " + say_groups([a, e, l], r), True
        if x < 0.2:
            return "one " + say_groups([a, e, l], r), True
        return say_groups([a, e, l], r), True
    if style == "whisper":
        return r.choice(["%s-%s-%s", "(%s) %s-%s", "%s %s %s", "%s, %s, %s",
                         "%s... %s... %s"]) % (a, e, l), False
    return r.choice(["(%s) %s-%s", "%s-%s-%s", "%s.%s.%s", "+1 %s %s %s",
                     "+1-%s-%s-%s", "%s%s%s"]) % (a, e, l), False


UK_AREAS = [("20", 8, [4, 4]), ("161", 7, [3, 4]), ("121", 7, [3, 4]),
            ("113", 7, [3, 4]), ("141", 7, [3, 4]), ("29", 8, [4, 4]),
            ("1632", 6, [6]), ("1904", 6, [6]), ("1223", 6, [6]),
            ("28", 8, [4, 4])]


def uk_number(r):
    """Returns (national digits without leading 0, grouping list)."""
    if r.random() < 0.55:  # mobile
        sub = "7" + str(r.randint(4, 9)) + digits(r, 8)
        return sub, [4, 6]
    area, n, grp = r.choice(UK_AREAS)
    first = str(r.randint(2, 8))
    sub = area + first + digits(r, n - 1)
    return sub, [len(area)] + grp


def gen_phone_uk(r, style):
    sub, grp = uk_number(r)
    nat = "0" + sub
    ngroups = [len(sub[:grp[0]]) + 1] + grp[1:]
    if style == "asr":
        if r.random() < 0.15:
            return "plus four four " + say_groups(
                [sub[:grp[0]], sub[grp[0]:]], r, oh=0.9, rep=0.45), True
        chunks = group(nat, ngroups).split(" ")
        return say_groups(chunks, r, oh=0.9, rep=0.45, dash=0.03), True
    if style == "whisper":
        if r.random() < 0.2:
            return "+44 " + group(sub, grp), False
        return group(nat, ngroups), False
    x = r.random()
    if x < 0.3:
        return "+44 " + group(sub, grp), False
    if x < 0.4:
        return "+44" + sub, False
    if x < 0.5:
        return nat, False
    return group(nat, ngroups), False


INTL = [("49", lambda r: ("30" + digits(r, 8), [2, 8])),
        ("49", lambda r: ("15" + str(r.randint(1, 9)) + digits(r, 8), [3, 8])),
        ("33", lambda r: (str(r.choice([1, 6, 7])) + digits(r, 8), [1, 2, 2, 2, 2])),
        ("91", lambda r: (str(r.randint(7, 9)) + digits(r, 9), [5, 5])),
        ("61", lambda r: ("4" + digits(r, 8), [3, 3, 3])),
        ("61", lambda r: ("2" + str(r.randint(3, 9)) + digits(r, 7), [1, 4, 4])),
        ("353", lambda r: ("8" + str(r.choice([3, 5, 6, 7])) + digits(r, 7), [2, 3, 4])),
        ("353", lambda r: ("1" + str(r.randint(2, 9)) + digits(r, 6), [1, 3, 4])),
        ("234", lambda r: ("80" + str(r.randint(2, 9)) + digits(r, 7), [3, 3, 4])),
        ("48", lambda r: (str(r.randint(5, 8)) + digits(r, 8), [3, 3, 3])),
        ("52", lambda r: ("55" + digits(r, 8), [2, 4, 4])),
        ("63", lambda r: ("917" + digits(r, 7), [3, 3, 4]))]
CC_WORDS = {"49": "four nine", "33": "three three", "91": "nine one",
            "61": "six one", "353": "three five three", "234": "two three four",
            "48": "four eight", "52": "five two", "63": "six three"}
CC_WORDS2 = {"49": "forty nine", "33": "thirty three", "91": "ninety one",
             "61": "sixty one", "48": "forty eight", "52": "fifty two",
             "63": "sixty three"}


def gen_phone_intl(r, style):
    cc, f = r.choice(INTL)
    sub, grp = f(r)
    if style == "asr":
        ccw = CC_WORDS[cc]
        if cc in CC_WORDS2 and r.random() < 0.4:
            ccw = CC_WORDS2[cc]
        return "plus " + ccw + " " + say_groups(group(sub, grp).split(" "), r,
                                                dash=0.0), True
    if style == "typed" and r.random() < 0.25:
        return "+" + cc + sub, False
    return "+" + cc + " " + group(sub, grp), False


def gen_phone(r, style, region):
    if region == "US":
        return gen_phone_us(r, style)
    return gen_phone_uk(r, style)


DOMAINS_MAIL_US = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com",
                   "aol.com", "comcast.net", "hotmail.com", "proton.me",
                   "att.net", "sbcglobal.net"]
DOMAINS_MAIL_UK = ["gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com",
                   "yahoo.co.uk", "sky.com", "virginmedia.com", "icloud.com",
                   "live.co.uk", "talktalk.net", "nhs.net"]


def gen_email(r, style, region, first=None, sur=None):
    first = strip_accents(first or pick_first(r, region, "asr")).lower().replace("-", "").replace("'", "")
    sur = strip_accents(sur or pick_sur(r, region, "asr")).lower().replace(" ", "").replace("'", "")
    dom = r.choice(DOMAINS_MAIL_US if region == "US" else DOMAINS_MAIL_UK)
    num = str(r.randint(1, 99)) if r.random() < 0.35 else ""
    shape = r.randint(0, 5)
    # token lists: ("w", word) spoken as a word, ("l", letter) spelled,
    # ("s", sep) separator, ("n", digits)
    if shape == 0:
        toks = [("w", first), ("s", "."), ("w", sur)]
    elif shape == 1:
        toks = [("l", first[0]), ("w", sur)]
    elif shape == 2:
        toks = [("w", first), ("s", "_"), ("w", sur)]
    elif shape == 3:
        toks = [("w", first), ("w", sur)]
    elif shape == 4:
        toks = [("w", first), ("s", "-"), ("w", sur)]
    else:
        toks = [("w", first), ("l", sur[0])]
    if num:
        toks.append(("n", num))
    typed = "".join(t[1] for t in toks) + "@" + dom
    if style == "asr" or (style == "whisper" and r.random() < 0.25):
        sp = []
        for kind, v in toks:
            if kind == "s":
                sp.append({".": "dot", "_": "underscore", "-": "dash"}[v])
            elif kind == "n":
                sp.append(n2w(int(v)) if r.random() < 0.6 else say_digits(v, r))
            else:
                sp.append(v)
        sp.append("at")
        sp.append(" dot ".join(dom.split(".")))
        txt = " ".join(sp)
        return txt, True
    if style == "typed" and r.random() < 0.15:
        typed = typed[0].upper() + typed[1:]
    return typed, False


def gen_ssn(r, style, region=None):
    while True:
        a = r.randint(1, 899)
        if a != 666:
            break
    g = r.randint(1, 99)
    s = r.randint(1, 9999)
    a, g, s = "%03d" % a, "%02d" % g, "%04d" % s
    if style == "asr":
        return say_groups([a, g, s], r, oh=0.4, rep=0.25, dash=0.15), True
    if style == "whisper":
        return r.choice(["%s-%s-%s", "%s %s %s", "%s-%s-%s"]) % (a, g, s), False
    return r.choice(["%s-%s-%s", "%s-%s-%s", "%s %s %s", "%s%s%s"]) % (a, g, s), False


def luhn_complete(prefix, length, r):
    body = prefix + digits(r, length - len(prefix) - 1)
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def luhn_ok(num):
    total = 0
    for i, c in enumerate(reversed(num)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def gen_card_number(r):
    kind = r.choice(["visa", "visa", "mc", "mc2", "amex", "disc", "disc65"])
    if kind == "visa":
        return luhn_complete("4", 16, r), "visa"
    if kind == "mc":
        return luhn_complete("5" + str(r.randint(1, 5)), 16, r), "mc"
    if kind == "mc2":
        return luhn_complete(str(r.randint(2221, 2720)), 16, r), "mc"
    if kind == "amex":
        return luhn_complete(r.choice(["34", "37"]), 15, r), "amex"
    if kind == "disc":
        return luhn_complete("6011", 16, r), "disc"
    return luhn_complete("65", 16, r), "disc"


def gen_card(r, style, region=None):
    num, kind = gen_card_number(r)
    assert luhn_ok(num)
    sizes = [4, 6, 5] if kind == "amex" else [4, 4, 4, 4]
    if style == "asr":
        return say_groups(group(num, sizes).split(" "), r, oh=0.4, rep=0.25,
                          dash=0.03, filler=0.06), True
    if style == "whisper":
        return r.choice([group(num, sizes), group(num, sizes), num,
                         group(num, sizes, "-")]), False
    return r.choice([group(num, sizes), group(num, sizes, "-"), num]), False


IBAN_SPECS = {
    "GB": (22, "aaaannnnnnnnnnnnnn", ["NWBK", "BARC", "HBUK", "LOYD", "MIDL", "NAIA"]),
    "DE": (22, "nnnnnnnnnnnnnnnnnn", None),
    "FR": (27, "nnnnnnnnnncccccccccccnn", None),
    "NL": (18, "aaaannnnnnnnnn", ["INGB", "ABNA", "RABO", "TRIO"]),
    "IE": (22, "aaaannnnnnnnnnnnnn", ["AIBK", "BOFI"]),
    "ES": (24, "nnnnnnnnnnnnnnnnnnnn", None),
    "IT": (27, "annnnnnnnnncccccccccccc", None),
    "BE": (16, "nnnnnnnnnnnn", None),
    "CH": (21, "nnnnncccccccccccc", None),
    "PL": (28, "nnnnnnnnnnnnnnnnnnnnnnnn", None),
    "PT": (25, "nnnnnnnnnnnnnnnnnnnnn", None),
    "AT": (20, "nnnnnnnnnnnnnnnn", None),
    "SE": (24, "nnnnnnnnnnnnnnnnnnnn", None),
}
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def iban_mod(s):
    s = s[4:] + s[:4]
    num = "".join(str(int(c, 36)) for c in s)
    return int(num) % 97


def gen_iban_value(r, country=None):
    country = country or r.choice(list(IBAN_SPECS))
    length, pat, banks = IBAN_SPECS[country]
    assert len(pat) + 4 == length, country
    bban = ""
    i = 0
    if banks:
        bban = r.choice(banks)
        i = 4
    for p in pat[i:]:
        if p == "n":
            bban += str(r.randint(0, 9))
        elif p == "a":
            bban += r.choice(UPPER)
        else:
            bban += r.choice(UPPER) if r.random() < 0.15 else str(r.randint(0, 9))
    tmp = country + "00" + bban
    m = iban_mod(tmp)
    check = 98 - m
    iban = country + "%02d" % check + bban
    assert iban_mod(iban) == 1 and len(iban) == length
    return iban


def gen_iban(r, style, region=None, country=None):
    if country is None:
        if region == "UK" and r.random() < 0.4:
            country = r.choice(["GB", "GB", "IE"])
        else:
            country = r.choice(list(IBAN_SPECS))
    v = gen_iban_value(r, country)
    grouped = " ".join(v[i:i + 4] for i in range(0, len(v), 4))
    if style == "asr":
        # letters spelled as single letters, digits in words, spoken in groups
        parts = [say_alnum(v[i:i + 4], r, oh=0.4, rep=0.15) for i in range(0, len(v), 4)]
        return " ".join(parts), True
    if style == "whisper":
        return (grouped if r.random() < 0.75 else v), False
    return (grouped if r.random() < 0.55 else v), False


ABA_PREFIXES = list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)) + [80]


def aba_ok(s):
    d = [int(c) for c in s]
    return len(d) == 9 and (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7])
                            + (d[2] + d[5] + d[8])) % 10 == 0


def gen_aba(r, style, region=None):
    p = "%02d" % r.choice(ABA_PREFIXES)
    body = p + digits(r, 6)
    d = [int(c) for c in body]
    s = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5])
    v = body + str((10 - s % 10) % 10)
    assert aba_ok(v)
    if style == "asr":
        return say_digits(v, r, oh=0.4, rep=0.2), True
    return v, False


def gen_bank_number(r, style, region=None):
    v = digits(r, r.choice([8, 9, 10, 10, 11, 12, 12, 14, 17]))
    if v[0] == "0" and r.random() < 0.5:
        v = str(r.randint(1, 9)) + v[1:]
    if style == "asr":
        return say_digits(v, r, oh=0.4, rep=0.25), True
    return v, False


def gen_account(r, style, region=None):
    shape = r.randint(0, 5)
    if shape == 0:
        v = digits(r, 10)
        t = group(v, [4, 4, 2]) if style != "asr" else v
    elif shape == 1:
        v = str(r.randint(1, 9)) + digits(r, 11)
        t = v if r.random() < 0.5 else group(v, [4, 4, 4])
    elif shape == 2:
        v = str(r.randint(1, 9)) + digits(r, 7)
        t = v
    elif shape == 3:
        v = r.choice(["A", "C", "E", "W", "BB"]) + digits(r, 8)
        t = v if r.random() < 0.6 else v[:-8] + "-" + v[-8:]
    elif shape == 4:
        v = digits(r, 9)
        t = group(v, [3, 3, 3], "-") if r.random() < 0.5 else v
    else:
        v = str(r.randint(1, 9)) + digits(r, 13)
        t = v
    if style == "asr":
        return say_alnum(t, r, oh=0.5, rep=0.3), True
    return t, False


def gen_dob_value(r, region, young=False):
    y = r.randint(2007, 2014) if young else r.randint(1938, 2004)
    m = r.randint(1, 12)
    d = r.randint(1, MDAYS[m - 1])
    return y, m, d


def gen_dob(r, style, region, young=False):
    y, m, d = gen_dob_value(r, region, young)
    mon = MONTHS[m - 1]
    if style == "asr":
        x = r.random()
        if x < 0.35:
            return "%s %s %s" % (mon.lower(), ordw(d), year_words(y, r)), True
        if x < 0.65:
            return "the %s of %s %s" % (ordw(d), mon.lower(), year_words(y, r)), True
        if x < 0.8:
            return "%s %s %s" % (ordw(d), mon.lower(), year_words(y, r)), True
        a, b = (m, d) if region == "US" else (d, m)
        return "%s %s %s" % (n2w(a), n2w(b), n2w(y % 100) if y % 100 >= 10 else "oh " + ONES[y % 100]), True
    if style == "whisper":
        x = r.random()
        if x < 0.35:
            return "%s %d%s, %d" % (mon, d, ord_suffix(d), y), False
        if x < 0.6:
            return "%d%s of %s %d" % (d, ord_suffix(d), mon, y), False
        if x < 0.8:
            return "%s %d, %d" % (mon, d, y), False
        a, b = (m, d) if region == "US" else (d, m)
        return "%02d/%02d/%d" % (a, b, y), False
    x = r.random()
    a, b = (m, d) if region == "US" else (d, m)
    if x < 0.4:
        return "%02d/%02d/%d" % (a, b, y), False
    if x < 0.55:
        return "%d-%02d-%02d" % (y, m, d), False
    if x < 0.75:
        return "%d %s %d" % (d, mon[:3] if r.random() < 0.5 else mon, y), False
    if x < 0.88:
        return "%s %d, %d" % (mon, d, y), False
    return "%d.%d.%02d" % (a, b, y % 100), False


STREETS_US = ["Maple", "Oak Ridge", "Lincoln", "Washington", "Cedar", "Elm",
              "Pine Hollow", "Martin Luther King Jr", "Sunset", "Magnolia",
              "Chestnut", "Willow Creek", "Jefferson", "Lakeview", "Highland",
              "Cottonwood", "Mesa Verde", "Peachtree", "Bayou", "Kenwood"]
SUFFIX_US = ["Street", "Avenue", "Drive", "Road", "Boulevard", "Lane", "Court",
             "Way", "Place", "Circle", "St", "Ave", "Dr", "Blvd"]
STREETS_UK = ["Ashbourne", "Coronation", "Mill", "Victoria", "Church", "Station",
              "Queensway", "Albert", "Heol y Nant", "Windsor", "Hawthorn",
              "Beechwood", "Kingsley", "Primrose", "Dunmore", "Gladstone",
              "Brunswick", "Larkhill", "Cromwell", "Tenby"]
SUFFIX_UK = ["Road", "Street", "Lane", "Close", "Avenue", "Crescent", "Gardens",
             "Way", "Terrace", "Drive", "Grove", "Rd", "St"]
ABBR_FULL = {"St": "street", "Ave": "avenue", "Dr": "drive", "Blvd": "boulevard",
             "Rd": "road"}


def gen_address(r, style, region):
    if region == "US":
        n = r.choice([r.randint(1, 99), r.randint(100, 999), r.randint(1000, 9999),
                      r.randint(1000, 9999), r.randint(10000, 19999)])
        street = r.choice(STREETS_US)
        suf = r.choice(SUFFIX_US)
        unit = ""
        if r.random() < 0.2:
            unit = r.choice(["Apt", "Unit", "Suite"]) + " " + str(r.randint(1, 40)) + r.choice(["", "B", "C"])
    else:
        n = r.choice([r.randint(1, 40), r.randint(1, 140), r.randint(2, 400)])
        street = r.choice(STREETS_UK)
        suf = r.choice(SUFFIX_UK)
        if street == "Heol y Nant":
            suf = ""
        unit = ""
        if r.random() < 0.2:
            unit = "Flat " + str(r.randint(1, 24)) + r.choice(["", "A", "B"])
    if style == "asr":
        if suf in ABBR_FULL:
            suf = ABBR_FULL[suf]
        num = house_words(n, r) if n < 10000 else say_digits(str(n), r, oh=1.0, rep=0)
        core = " ".join(x for x in [num, street.lower(), suf.lower()] if x)
        if unit:
            u = unit.split(" ")
            unit_words = u[0].lower() + " " + say_alnum(u[1], r, oh=1.0, rep=0)
            if region == "US":
                return core + " " + unit_words, True
            return unit_words + " " + core, True
        return core, True
    if style == "whisper" and suf in ABBR_FULL:
        suf = ABBR_FULL[suf].capitalize()
    core = " ".join(x for x in [str(n), street, suf] if x)
    if unit:
        if region == "US":
            return core + (", " if r.random() < 0.5 else " ") + unit, False
        return unit + ", " + core, False
    return core, False


UK_PC_AREAS = ["LS", "M", "B", "G", "CF", "SW", "E", "N", "BS", "NE", "L", "EH",
               "BT", "S", "NG", "LE", "CV", "SA", "AB", "PL"]


def gen_zip(r, style, region):
    if region == "US":
        z = "%05d" % r.randint(1001, 99950)
        plus4 = r.random() < 0.2
        if style == "asr":
            t = say_digits(z, r, oh=0.6, rep=0.25)
            if plus4:
                t += " dash " + say_digits(digits(r, 4), r)
            return t, True
        if plus4:
            return z + "-" + digits(r, 4), False
        return z, False
    area = r.choice(UK_PC_AREAS)
    out = area + str(r.randint(1, 20 if len(area) == 1 else 29))
    inw = str(r.randint(0, 9)) + r.choice("ABDEFGHJLNPQRSTUWXYZ") + r.choice("ABDEFGHJLNPQRSTUWXYZ")
    if style == "asr":
        return say_alnum(out, r, oh=0.5, rep=0) + " " + say_alnum(inw, r, oh=0.5, rep=0), True
    if style == "typed" and r.random() < 0.15:
        return out.lower() + inw.lower() if r.random() < 0.3 else out + inw, False
    return out + " " + inw, False


def gen_ip4_value(r):
    while True:
        a = r.choice([r.randint(11, 223), 81, 86, 92, 109, 151, 172, 192, 10, 203, 98, 73])
        if a in (127,):
            continue
        o = [a, r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)]
        if a == 192:
            o[1] = 168
        if a == 172:
            o[1] = r.randint(16, 31)
        return o


def gen_ip(r, style, region=None):
    o = gen_ip4_value(r)
    if style == "asr":
        parts = []
        for x in o:
            if x >= 100 and r.random() < 0.55:
                parts.append(say_digits(str(x), r, oh=0.7, rep=0))
            else:
                parts.append(n2w(x, uk_and=False) if x >= 100 else n2w(x))
        return " dot ".join(parts), True
    return ".".join(str(x) for x in o), False


def gen_ip6(r, style, region=None):
    prefix = r.choice(["2a02", "2001", "2600", "2a00", "2607", "2a01", "fe80"])
    groups = [prefix] + ["%x" % r.randint(0, 0xffff) for _ in range(7)]
    if prefix == "fe80":
        groups[1:4] = ["0", "0", "0"]
    if r.random() < 0.5 or prefix == "fe80":
        # compress a run of groups
        k = r.randint(2, 4)
        if prefix == "fe80":
            v = "fe80::" + ":".join(groups[4:])
        else:
            v = ":".join(groups[:k]) + "::" + ":".join(groups[8 - r.randint(1, 3):])
    else:
        v = ":".join(groups)
    return v, False


def gen_dl(r, style, region=None):
    kind = r.randint(0, 5)
    if kind == 0:    # California
        v = r.choice(UPPER) + digits(r, 7)
    elif kind == 1:  # New York
        v = digits(r, 9)
        if style != "asr" and r.random() < 0.4:
            v = group(v, [3, 3, 3])
    elif kind == 2:  # Texas
        v = str(r.randint(1, 4)) + digits(r, 7)
    elif kind == 3:  # Florida
        v = r.choice(UPPER) + digits(r, 12)
        if style != "asr":
            v = v[:4] + "-" + v[4:7] + "-" + v[7:9] + "-" + v[9:12] + "-" + v[12:]
    elif kind == 4:  # Illinois
        v = r.choice(UPPER) + digits(r, 11)
        if style != "asr" and r.random() < 0.6:
            v = v[:4] + "-" + v[4:8] + "-" + v[8:]
    else:            # Pennsylvania
        v = digits(r, 8)
        if style != "asr" and r.random() < 0.5:
            v = v[:2] + " " + v[2:5] + " " + v[5:]
    if style == "asr":
        return say_alnum(v, r, oh=0.4, rep=0.2), True
    return v, False


def gen_passport(r, style, region=None):
    if r.random() < 0.5:
        v = str(r.randint(1, 9)) + digits(r, 8)
    else:
        v = r.choice("ACEFGHKLMNPRSTUVWXYZ") + digits(r, 8)
    if style == "asr":
        return say_alnum(v, r, oh=0.4, rep=0.2), True
    return v, False


def gen_mrn(r, style, region=None):
    kind = r.randint(0, 3)
    if kind == 0:
        v = "00" + digits(r, 6)
    elif kind == 1:
        v = str(r.randint(1, 9)) + digits(r, 6)
    elif kind == 2:
        v = r.choice(["K", "RX", "M", "H", "J"]) + digits(r, 7)
    else:
        v = digits(r, 4) + "-" + digits(r, 4) if style != "asr" else digits(r, 8)
    if style == "asr":
        return say_alnum(v, r, oh=0.5, rep=0.25), True
    return v, False


def nhs_valid(v):
    d = [int(c) for c in v]
    s = sum(d[i] * (10 - i) for i in range(9))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]


def gen_nhs(r, style, region=None):
    while True:
        body = str(r.randint(4, 7)) + digits(r, 8)
        s = sum(int(body[i]) * (10 - i) for i in range(9))
        c = 11 - s % 11
        if c == 10:
            continue
        c = 0 if c == 11 else c
        v = body + str(c)
        assert nhs_valid(v)
        break
    if style == "asr":
        return say_groups([v[:3], v[3:6], v[6:]], r, oh=0.6, rep=0.3, dash=0, filler=0.05), True
    return (group(v, [3, 3, 4]) if r.random() < 0.7 else v), False


# --------------------------------------------------------------------------
# non-PII slot renderers (negatives and distractors)
# --------------------------------------------------------------------------
def money(r, style, region):
    if region == "US":
        d = r.choice([r.randint(5, 99), r.randint(100, 999), r.randint(1000, 4999)])
        c = r.choice([0, 0, r.randint(1, 99)])
        if style == "asr":
            s = n2w(d, uk_and=False) + " dollars"
            if c:
                s += r.choice([" and ", " "]) + n2w(c) + " cents"
            return s
        return "$" + "{:,}".format(d) + (".%02d" % c if c else "")
    d = r.choice([r.randint(5, 99), r.randint(100, 999), r.randint(1000, 3999)])
    c = r.choice([0, 0, r.randint(1, 99)])
    if style == "asr":
        s = n2w(d) + " pounds"
        if c:
            s += " " + n2w(c) + ("" if r.random() < 0.5 else " pence")
        return s
    return "£" + "{:,}".format(d) + (".%02d" % c if c else "")


def smallmoney(r, style, region):
    n = r.randint(1, 20)
    c = r.choice([0, 50, r.randint(1, 99)])
    if style == "asr":
        unit = "dollars" if region == "US" else "pounds"
        return n2w(n) + " " + unit + ("" if c == 0 else " " + n2w(c))
    sym = "$" if region == "US" else "£"
    return sym + str(n) + ("" if c == 0 else ".%02d" % c)


def time_(r, style, region):
    h = r.randint(1, 12)
    m = r.choice([0, 15, 30, 45, 10, 20])
    if style == "asr":
        if m == 0:
            return n2w(h) + r.choice([" o'clock", "", " am", " pm"]) if r.random() < 0.7 else n2w(h)
        if m == 30 and r.random() < 0.5:
            return "half past " + n2w(h)
        if m == 15 and r.random() < 0.5:
            return "quarter past " + n2w(h)
        return n2w(h) + " " + n2w(m)
    return "%d:%02d%s" % (h, m, r.choice([" am", " pm", "", "pm"]))


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def appt(r, style, region):
    m = r.randint(1, 12)
    d = r.randint(1, 28)
    mon = MONTHS[m - 1]
    wd = r.choice(WEEKDAYS)
    if style == "asr":
        return r.choice(["%s the %s" % (wd.lower(), ordw(d)),
                         "the %s of %s" % (ordw(d), mon.lower()),
                         "%s %s" % (mon.lower(), ordw(d))])
    if style == "whisper":
        return r.choice(["%s the %d%s" % (wd, d, ord_suffix(d)),
                         "%s %d%s" % (mon, d, ord_suffix(d)),
                         "the %d%s of %s" % (d, ord_suffix(d), mon)])
    a, b = (m, d) if region == "US" else (d, m)
    return r.choice(["%02d/%02d" % (a, b), "%d %s" % (d, mon[:3]),
                     "%s %d" % (wd[:3], d), "%02d/%02d/2026" % (a, b)])


def year(r, style, region):
    y = r.randint(2008, 2026)
    return year_words(y, r) if style == "asr" else str(y)


def qty(r, style, region):
    n = r.choice([2, 3, 4, 5, 6, 7, 10, 12, 14, 20, 30, 45])
    return n2w(n) if style == "asr" else str(n)


def age(r, style, region):
    n = r.randint(11, 17)
    return n2w(n) if style == "asr" else str(n)


def ref(r, style, region):
    kind = r.randint(0, 3)
    if kind == 0:
        v = digits(r, r.randint(5, 8))
    elif kind == 1:
        v = r.choice(["CAS", "TKT", "INC", "REF", "ORD", "CLM"]) + "-" + digits(r, 6)
    elif kind == 2:
        v = str(r.randint(10, 99)) + "-" + digits(r, 5)
    else:
        v = r.choice(["SR", "WO", "CR"]) + digits(r, 7)
    if style == "asr":
        return say_alnum(v, r, oh=0.5, rep=0.3)
    return v


def meter(r, style, region):
    v = digits(r, r.choice([5, 5, 6]))
    if style == "asr":
        return say_digits(v, r, oh=0.5, rep=0.3)
    return v


def kwh(r, style, region):
    n = r.randint(80, 2400)
    if style == "asr":
        return n2w(n, uk_and=(region == "UK")) + r.choice([" kilowatt hours", " units", " kilowatt hours"])
    return "{:,}".format(n) + r.choice([" kWh", " kWh", " units"])


def pct(r, style, region):
    a = r.randint(1, 30)
    b = r.choice([0, 5, 9, 25])
    if style == "asr":
        return n2w(a) + ("" if b == 0 else " point " + say_digits(str(b), r, oh=0, rep=0)) + " percent"
    return "%d%s%%" % (a, "" if b == 0 else "." + str(b))


def dose(r, style, region):
    unit = r.choice(["mg", "mg", "mg", "ml", "mcg"])
    n = r.choice({"mg": [5, 10, 20, 25, 40, 50, 100, 250, 400, 500, 1000],
                  "ml": [2, 5, 10, 15, 20], "mcg": [25, 50, 100, 200]}[unit])
    if style == "asr":
        return n2w(n, uk_and=(region == "UK")) + " " + {"mg": "milligrams", "ml": "mils", "mcg": "micrograms"}[unit]
    return "%d%s%s" % (n, r.choice(["", " "]), unit)


def flight(r, style, region):
    al = r.choice(["BA", "UA", "AA", "DL", "EZY", "FR", "VS", "EI", "LH"])
    n = str(r.randint(10, 2999))
    if style == "asr":
        return " ".join(al.lower()) + " " + (house_words(int(n), r) if r.random() < 0.5 else say_digits(n, r))
    return al + ("" if r.random() < 0.5 else " ") + n


def guid(r, style, region):
    return "%08x-%04x" % (r.getrandbits(32), r.getrandbits(16))


def version(r, style, region):
    a, b, c = r.randint(1, 17), r.randint(0, 12), r.randint(0, 30)
    if style == "asr":
        return n2w(a) + " point " + n2w(b) + " point " + n2w(c)
    return "%d.%d.%d" % (a, b, c)


def build(r, style, region):
    v = str(r.randint(1000, 99999))
    return say_digits(v, r) if style == "asr" else v


TARIFFS = {"E7": "e seven", "E10": "e ten", "TOU-D-PRIME": "t o u d prime",
           "D1": "d one", "A1": "a one", "GS-2": "g s two", "R-TOU": "r t o u",
           "Flex Octopus": "flex octopus", "Fixed 12M v4": "fixed twelve month v four",
           "EV-A": "e v a", "Economy 7": "economy seven"}


def tariff(r, style, region):
    v = r.choice(sorted(TARIFFS))
    return TARIFFS[v] if style == "asr" else v


def bp(r, style, region):
    a, b = r.randint(105, 165), r.randint(60, 100)
    return (n2w(a, uk_and=False) + " over " + n2w(b)) if style == "asr" else "%d/%d" % (a, b)


PLACES_US = ["downtown Phoenix", "the Walmart on Route nine", "Dallas", "Albuquerque",
             "the west side of Chicago", "Tulsa", "Baton Rouge", "Spokane"]
PLACES_UK = ["Leeds city centre", "Limerick", "Cardiff Bay", "Salford Quays",
             "Milton Keynes", "the Wirral", "Aberdeen", "Swansea", "Croydon",
             "Belfast"]


def place(r, style, region):
    p = r.choice(PLACES_US if region == "US" else PLACES_UK)
    if style == "asr":
        p = p.lower()
    return p


def title(r, style, region):
    t = r.choice(["Mr", "Mrs", "Ms", "Miss", "Dr"])
    return t.lower() if style == "asr" else (t + "." if region == "US" and style != "typed" and r.random() < 0.5 else t)


def country(r, style, region):
    c = r.choice(["Spain", "Germany", "Ireland", "Poland", "Portugal", "Italy",
                  "France", "the Netherlands"])
    return c.lower() if style == "asr" else c


PLAIN = {"money": money, "smallmoney": smallmoney, "time": time_, "appt": appt, "year": year, "qty": qty,
         "age": age, "ref": ref, "meter": meter, "kwh": kwh, "pct": pct,
         "dose": dose, "flight": flight, "guid": guid, "version": version,
         "build": build, "tariff": tariff, "bp": bp, "place": place,
         "title": title, "country": country}


# --------------------------------------------------------------------------
# templates
# Speech templates are written in Whisper form; live-ASR form is derived by
# lower-casing the literal text and dropping punctuation, and every slot is
# rendered in the style of the utterance.  A leading "~" marks a typed chat
# message written in lower case (names are then lower case too).
# PII slots: FIRST FULL SUR SIGN PHONE PHONEINTL EMAIL SSN CARD IBAN ABA
# BANKNUM ACCT DOB YDOB ADDR ZIP IP IPSIX DL PASSPORT MRN NHS
# A suffix (_b) makes a second, distinct value of the same kind.
# --------------------------------------------------------------------------
T = {}


def add(domain, kind, items):
    T.setdefault((domain, kind), []).extend(items)


# ---------------- utilities ----------------
add("utility", "sp", [
    ("*", "Hi, my name is {FULL} and I'm calling about my water bill. My account number is {ACCT}."),
    ("*", "Yeah, it's {FIRST}. The account's in my husband's name, {FULLM_b}, and the account number is {ACCT}."),
    ("US", "Sure, the service address is {ADDR}, zip code {ZIP}."),
    ("UK", "The supply address is {ADDR}, and the postcode is {ZIP}."),
    ("*", "You can reach me on {PHONE}, that's my mobile."),
    ("*", "Can you send the final bill to {EMAIL}, please? Thanks."),
    ("*", "This is {FULL} speaking. I moved into {ADDR} last week and need the gas put on."),
    ("*", "My meter reading is {meter} and the account number is {ACCT}."),
    ("*", "The engineer, {FIRST}, said my router's IP was {IP}, does that help?"),
    ("*", "Could you put me through to {FULLF}? She's dealing with my broadband complaint."),
    ("*", "Okay so it's {FIRST} {SUR}, that's {SUR} with the usual spelling, and my number's {PHONE}."),
    ("*", "Call me back on {PHONE} and ask for {FIRST}, I'll be in all day."),
    ("UK", "I'm ringing for my dad, {FULLM}. He's at {ADDR}, {ZIP}, and he's had no water since {time}."),
    ("US", "The bill is in my name, {FULL}, and my date of birth is {DOB}."),
    ("*", "My public IP keeps changing, right now it says {IP}. I'm {FIRST} by the way."),
    ("*", "I'm calling from abroad, my number here is {PHONEINTL}."),
])
add("utility", "sn", [
    ("*", "My meter reading today is {meter}, and it was {meter_b} last month."),
    ("*", "The power went off at {time} and it's still not back on."),
    ("*", "We used {kwh} last quarter, which seems a lot for a two bed flat."),
    ("*", "Your prices went up {pct}, I just want to know why."),
    ("*", "The bill says {money}, but I already paid {money_b} on {appt}."),
    ("*", "I'm on the {tariff} tariff. Is there a cheaper one?"),
    ("*", "The router's on firmware {version} and it keeps dropping out."),
    ("*", "It's sunny out and the water's been off since {time}, I'm losing hope here."),
    ("*", "The engineer is booked for {appt} between {time} and {time_b}."),
    ("*", "I will mark the bill as paid once the refund comes through."),
    ("*", "Ticket number {ref}. You said someone would ring back within {qty} days."),
    ("UK", "Is the outage just our street or the whole of {place}?"),
    ("*", "The speed test says {qty} megabits, I'm paying for a lot more than that."),
])
add("utility", "np", [
    ("*", "Cust {FULL} rang re high bill. Acct {ACCT}. Callback on {PHONE}."),
    ("*", "Move-in: {ADDR}, {ZIP}. Account holder {FULL}, DOB {DOB}."),
    ("*", "Router WAN IP {IP}; customer {FIRST} reports speed drops in the evening."),
    ("*", "Email received from {EMAIL}: please cancel the direct debit. - {SIGN}"),
    ("*", "Fault logged, IPv6 prefix {IPSIX} assigned to {FULL}."),
    ("*", "~hi its {FIRST}, my account number is {ACCT} and the meter reads {meter}"),
])
add("utility", "nn", [
    ("*", "Meter read {meter} submitted online, est. usage {kwh}."),
    ("*", "Outage in {place} affecting {qty} homes, ETR {time}."),
    ("*", "Tariff {tariff} from {appt}; unit rate up {pct}."),
    ("*", "Firmware {version} pushed, build {build}, guid frag {guid} in the log."),
    ("*", "~is there an outage in {place}? everything went off at {time}"),
])

# ---------------- banks and card services ----------------
add("bank", "sp", [
    ("*", "Hi, this is {FULL}. I've lost my card, the number was {CARD}."),
    ("*", "My card number is {CARD}, and I didn't make that payment of {money}."),
    ("US", "The routing number is {ABA} and the account number is {BANKNUM}."),
    ("*", "I want to send money to my sister {FULLF}. Her IBAN is {IBAN}."),
    ("US", "My social is {SSN}, and my name is {FULL}."),
    ("*", "Can you confirm the IBAN {IBAN}? It's for my landlord abroad."),
    ("UK", "My date of birth is {DOB} and the postcode is {ZIP}."),
    ("US", "My date of birth is {DOB} and the zip code is {ZIP}."),
    ("*", "Transfer {money} to {IBAN}, reference rent please."),
    ("US", "I bank with Chase, but my checking account number here is {BANKNUM}, routing {ABA}."),
    ("*", "Please put me through to Mrs {SUR} in the fraud team."),
    ("*", "Someone used my card {CARD} in {place}, I've never been there."),
    ("*", "The login came from {IP}, and that definitely wasn't me. It's {FIRST} here."),
    ("US", "Last four of my social? Actually here's the whole thing, {SSN}."),
    ("*", "It's {FIRST}, I'm calling about my mum's account, {FULLF_b}. She gave me permission."),
    ("*", "My new phone number is {PHONE}, can you update it?"),
    ("UK", "My IBAN is {IBAN}, and can you send the statement to {EMAIL}?"),
])
add("bank", "sn", [
    ("*", "I was charged {money} twice on {appt}."),
    ("*", "The interest rate went from {pct} to {pct_b}, nobody told me."),
    ("UK", "Is the branch near Victoria Station open on a Saturday?"),
    ("*", "I'd like to chase up a payment of {money} that hasn't arrived."),
    ("*", "The app is on version {version} and the page won't load."),
    ("*", "My case number is {ref}, I've called {qty} times already."),
    ("*", "I just want to know if the transfer will go through by {time}."),
    ("*", "Mark it as disputed please, I don't recognise the {money} charge."),
    ("*", "Can I move my direct debit to later in the month?"),
    ("*", "Sorry, can you hold on a second? The dog's barking."),
])
add("bank", "np", [
    ("*", "Card {CARD} blocked at customer request ({FULL}). New card to {ADDR}."),
    ("*", "Outbound transfer to {IBAN}, beneficiary {FULL}."),
    ("US", "ID&V passed: DOB {DOB}, SSN {SSN}."),
    ("US", "ACH setup: routing {ABA}, acct {BANKNUM}, holder {FULL}."),
    ("*", "~hi this is {FIRST} my new number is {PHONE} please update it thanks"),
    ("*", "Suspicious login from {IP} on {FULL}'s profile, password reset sent to {EMAIL}."),
])
add("bank", "nn", [
    ("*", "Disputed txn {money} on {appt}, case {ref}."),
    ("*", "Rate change {pct} effective {appt}; no action needed."),
    ("*", "App crash v{version} build {build}, trace id {guid}."),
    ("*", "~will the refund of {money} be back by friday?"),
])

# ---------------- clinics and pharmacies ----------------
add("clinic", "sp", [
    ("*", "Hi, I'm calling for my mum, {FULLF}. Her date of birth is {DOB}."),
    ("*", "My medical record number is {MRN}."),
    ("UK", "Her NHS number is {NHS}, and she's at {ADDR}."),
    ("*", "This is Dr {SUR} from the surgery, please call back on {PHONE}."),
    ("*", "Can I speak to Nurse {SUR} about my prescription? I was born {DOB}."),
    ("*", "My son {FIRSTM} has a rash. Our address is {ADDR}."),
    ("*", "It's a prescription for {FULL}, date of birth {DOB}."),
    ("*", "I'm {FIRST}, and the hospital number on my letter is {MRN}."),
    ("US", "My chart number is {MRN}, and the address is {ADDR}, {ZIP}."),
    ("*", "Can you email the results to {EMAIL}? It's {FULL}."),
    ("*", "Dr {SUR} told me to ring if the swelling got worse, and it has."),
    ("*", "Hello, {FIRST} speaking, I'm returning a call from the pharmacy."),
    ("*", "My daughter's name is {FULLF}, she was born on {YDOB}."),
    ("UK", "My NHS number? It's {NHS}."),
])
add("clinic", "sn", [
    ("*", "The doctor said {dose} twice a day for {qty} days."),
    ("*", "My appointment is on {appt} at {time}."),
    ("*", "I take {dose} of metformin with breakfast."),
    ("*", "Do you have anything next week? Mornings are better for me."),
    ("*", "My blood pressure was {bp} this morning."),
    ("*", "Is there a grace period? The pharmacy said I can collect it after {time}."),
    ("*", "I hope the results come back by {appt}."),
    ("*", "May I ask whether the flu jabs are in yet?"),
    ("*", "The repeat is for {qty} tablets of {dose}, not {qty_b}."),
])
add("clinic", "np", [
    ("*", "Pt {FULL}, DOB {DOB}, MRN {MRN}. Repeat Rx requested."),
    ("*", "Callback {PHONE} for {FIRST} re: test results. - {SIGN}"),
    ("UK", "NHS no. {NHS}, pt {FULL}, addr {ADDR}, {ZIP}."),
    ("*", "Message from {EMAIL}: can Dr {SUR} call me back?"),
    ("*", "~hi its {FIRST}, is my prescription ready? dob {DOB}"),
])
add("clinic", "nn", [
    ("*", "Amoxicillin {dose} TDS x {qty} days. Review {appt}."),
    ("*", "Clinic runs {time}-{time_b}, room {qty}."),
    ("*", "Lab batch {ref}, analyser firmware {version}."),
    ("*", "BP {bp}, recheck in {qty} weeks."),
])

# ---------------- child and youth helplines ----------------
add("helpline", "sp", [
    ("*", "My name's {FIRST}, I'm {age}, and my stepdad {FIRSTM_b} hits me."),
    ("*", "{FIRST} told me not to tell anyone, but I'm scared."),
    ("*", "Can you tell {FIRST} I'm okay? My caseworker is {FULL}."),
    ("*", "I live at {ADDR} with my nan."),
    ("*", "My teacher, {title} {SUR}, said I should call you."),
    ("*", "It's {FIRST}. My phone number is {PHONE}, but don't call after nine."),
    ("*", "My friend {FULL} posted my address online, it's {ADDR}."),
    ("*", "My neighbour {FIRSTM} said he'd come round, can you call him?"),
    ("*", "My email is {EMAIL} if you can message me instead."),
    ("*", "I'm {FIRST}, I was born on {YDOB}."),
    ("*", "Call me {FIRST}. My real name's {FULL}, but nobody uses it."),
    ("*", "My brother {FIRSTM} and my sister {FIRSTF} are in the other room."),
    ("*", "{FIRSTM} keeps messaging me, his number is {PHONE}."),
])
add("helpline", "sn", [
    ("*", "I don't really want to say, I just need someone to talk to."),
    ("*", "It's been like this for {qty} weeks and I can't sleep."),
    ("*", "I will try, I promise. I just feel like there's no hope."),
    ("*", "School starts at {time} and I don't want to go."),
    ("*", "Is this free? I've only got {smallmoney} credit left."),
    ("*", "Can I ring back later? My mum's home at {time}."),
    ("*", "I had a good day actually, it was sunny and we went to the park."),
    ("*", "I'm {age} and everyone at school thinks I'm weird."),
    ("*", "Keep the faith, my gran always says that."),
])
add("helpline", "np", [
    ("*", "Young person {FIRST} ({age}) disclosed that {FIRST_b} hits them. Safeguarding referral made. - {SIGN}"),
    ("*", "Chat user gave address {ADDR}, {ZIP}; escalated to duty manager."),
    ("*", "Caller asked for {FULL} (caseworker). Callback {PHONE}."),
    ("*", "~hi its {FIRST} again can i talk to {FIRST_b} from last time"),
    ("*", "~my email is {EMAIL} pls dont tell my mum"),
])
add("helpline", "nn", [
    ("*", "Chat closed after {qty} min, no disclosure."),
    ("*", "Caller age approx {age}, wellbeing chat, no safeguarding concerns."),
    ("*", "Session {ref}, handover at {time}."),
    ("*", "~idk i just feel rubbish today"),
])

# ---------------- local government ----------------
add("gov", "sp", [
    ("UK", "My council tax account number is {ACCT}."),
    ("*", "I'm applying for a parking permit for {ADDR}."),
    ("US", "My Social Security number is {SSN}."),
    ("*", "The housing benefit is in my name, {FULL}, date of birth {DOB}."),
    ("US", "My driver's license number is {DL}."),
    ("US", "My passport number is {PASSPORT}, and it's in the name {FULL}."),
    ("*", "Please send the form to {EMAIL}."),
    ("UK", "Councillor {SUR} said she'd look into it. My number is {PHONE}."),
    ("*", "I'm calling on behalf of {FULLF}. She lives at {ADDR}, postcode {ZIP}."),
    ("US", "The permit is for my truck. My license is {DL} and the address on it is {ADDR}."),
    ("US", "I need to update my address for benefits, it's now {ADDR}, {ZIP}."),
    ("*", "Officer {SUR} gave me this number and said to ask for {FIRST}."),
    ("UK", "It's {FIRST}, the tenant at {ADDR}, the damp's come back."),
])
add("gov", "sn", [
    ("*", "The bin collection has moved to {appt}."),
    ("UK", "My council tax went up {pct} this year, it's {money} a month now."),
    ("*", "The permit costs {money} for {qty} months?"),
    ("UK", "The office near Victoria Station, is it open at {time}?"),
    ("*", "I've been waiting since {year} for a housing decision."),
    ("*", "My case reference is {ref}."),
    ("*", "Can I pay the bill at the post office?"),
    ("*", "There's a pothole on the high street, near the bakery."),
    ("*", "Lovely weather today, isn't it? Anyway, it's about the bins."),
])
add("gov", "np", [
    ("US", "Permit app: {FULL}, {ADDR}, {ZIP}, DL {DL}."),
    ("*", "Benefit claim: {FULL}, DOB {DOB}, contact {EMAIL}."),
    ("US", "Passport {PASSPORT} supplied as ID by {FULL}."),
    ("UK", "Council tax acct {ACCT}, liable party {FULL}, tel {PHONE}."),
    ("*", "~hello this is {FULL}, i sent the form last week, my email is {EMAIL}"),
])
add("gov", "nn", [
    ("UK", "Band D charge {money} for {year}, {qty} instalments."),
    ("*", "Ref {ref}: pothole reported near {place}."),
    ("*", "Portal v{version} outage {time}-{time_b}."),
    ("*", "~when is the next green bin day"),
])

# ---------------- insurance claims ----------------
add("insurance", "sp", [
    ("*", "My name is {FULL} and I'm calling to make a claim on my car."),
    ("*", "The accident happened outside {ADDR}."),
    ("*", "The other driver was {FULLM}, and his number is {PHONE}."),
    ("*", "My account number with you is {ACCT}."),
    ("*", "For the payout, my IBAN is {IBAN}."),
    ("US", "Routing {ABA}, account {BANKNUM}, that's for the direct deposit."),
    ("*", "My date of birth is {DOB}, and I'm at {ADDR}."),
    ("*", "Can you email the claim form to {EMAIL}?"),
    ("*", "Speak to {FIRSTM} at the garage, he's on {PHONE}."),
    ("US", "My driver's license is {DL}, and the zip is {ZIP}."),
    ("*", "Hi, it's {FIRST} {SUR} again, about the flood claim."),
    ("*", "The witness was a lady called {FULLF}, she gave me her number, {PHONE}."),
    ("*", "My wife {FIRSTF} was driving, I'm the policyholder, {FULL_b}."),
])
add("insurance", "sn", [
    ("*", "The repair quote was {money} and the excess is {money_b}."),
    ("*", "It happened on {appt} at about {time}."),
    ("*", "My claim number is {ref}."),
    ("*", "The car's a {year} model with about {qty} thousand miles on it."),
    ("*", "Flight {flight} was cancelled and I want to claim for the hotel."),
    ("*", "Hail damage, the hunter green paint is chipped everywhere."),
    ("*", "Will it affect my no claims bonus?"),
    ("*", "The roof leak started around {time} and it's about {qty} buckets so far."),
    ("*", "I hope you can sort it, I've been on hold for {qty} minutes."),
])
add("insurance", "np", [
    ("*", "FNOL: {FULL}, DOB {DOB}, ph {PHONE}, loss at {ADDR}."),
    ("*", "Third party {FULL} ({EMAIL}) admits liability."),
    ("*", "Payout to IBAN {IBAN}. Approved by {SIGN}."),
    ("US", "DL {DL} on file for insured {FULL}; zip {ZIP}."),
    ("*", "~hi its {FIRST}, can i send the photos to someone? my number is {PHONE}"),
])
add("insurance", "nn", [
    ("*", "Claim {ref} reserve {money}, excess {money_b}."),
    ("*", "Flight {flight} delayed {qty} hrs, travel claim opened."),
    ("*", "Windscreen repair booked {appt} {time}."),
    ("*", "~thanks for your help today, have a good weekend"),
])

# hard cases: names that are also common words, used as names
add("bank", "sp", [("*", "Hi, this is {NAMEWORD} {SUR}, I will pay the bill on Friday.")])
add("utility", "sp", [("*", "My name's {NAMEWORD}, the account number is {ACCT}.")])
add("clinic", "sp", [("*", "It's {NAMEWORD} {SUR}, I've got an appointment with Dr {SUR_b} at {time}.")])
add("helpline", "sp", [("*", "My sister {NAMEWORDF} said I should ring. I hope that's okay.")])
add("gov", "sp", [("*", "Put me through to {NAMEWORD} {SUR} in housing, please.")])
add("insurance", "sp", [("*", "The witness was {NAMEWORDF} {SUR}, she'll confirm it.")])
# negatives with name-like words
add("helpline", "sn", [("*", "She's got a rose garden and it's always sunny at hers.")])
add("gov", "sn", [("*", "Can you page the duty officer? I'll hold.")])
add("insurance", "sn", [("*", "By the grace of God nobody was hurt, may I ask how long this takes?")])
add("bank", "sn", [("*", "I bank with Chase and the page keeps timing out.")])
add("utility", "sn", [("*", "I'll keep the faith but the bill is mad, mark my words.")])
add("clinic", "sn", [("*", "The hunter who found my dad called the ambulance, he's fine now.")])

# more coverage of the checksum and contact entities across all domains
add("utility", "sp", [
    ("*", "I'd like to pay by card. The number is {CARD}."),
    ("UK", "Can you refund the credit to my bank? The IBAN is {IBAN}."),
    ("*", "My number is {PHONE}, or my work line, {PHONE_b}."),
    ("US", "For the deposit waiver, my Social Security number is {SSN}."),
    ("*", "It's {PHONE}, that's the best number to get me on."),
])
add("utility", "np", [
    ("*", "Card payment taken on {CARD}, amount {money}."),
    ("US", "Credit check: SSN {SSN}, DOB {DOB}."),
    ("*", "Refund of credit balance to {IBAN}."),
])
add("bank", "sp", [
    ("US", "My Social Security number is {SSN} and the card is {CARD}."),
    ("*", "The full card number is {CARD}, and it expired in {year}."),
    ("*", "Can you call me back on {PHONE}? I'm driving."),
    ("US", "I can give you my passport number for ID, it's {PASSPORT}."),
    ("*", "It's {IBAN}, that's the IBAN for my other account."),
])
add("bank", "np", [
    ("*", "Card {CARD} reissued; customer tel {PHONE}."),
    ("*", "IBAN {IBAN} checked, payee name matches."),
])
add("clinic", "sp", [
    ("US", "My Social is {SSN}, for the insurance billing."),
    ("*", "Please call me on {PHONE} when the prescription's ready."),
    ("*", "I paid with my card, {CARD}, and it was charged twice."),
    ("*", "Her phone number is {PHONE}, and her email is {EMAIL}."),
])
add("clinic", "np", [
    ("US", "Billing: SSN {SSN}, card on file {CARD}."),
    ("*", "Pt phone {PHONE}, alt {PHONEINTL} (abroad until next month)."),
])
add("helpline", "sp", [
    ("*", "My mum's number is {PHONE}, but please don't ring her."),
    ("*", "You can text me on {PHONE}."),
    ("*", "My dad lives abroad now, his number is {PHONEINTL}."),
])
add("helpline", "np", [
    ("*", "~can u text me on {PHONE} instead, my name is {FIRST}"),
])
add("gov", "sp", [
    ("US", "My SSN is {SSN}, and my date of birth is {DOB}."),
    ("UK", "I'd like to pay the council tax by card, it's {CARD}."),
    ("UK", "The refund can go to my IBAN, {IBAN}."),
    ("US", "I'll pay the permit fee with my card, {CARD}."),
    ("*", "You can call me on {PHONE} any time before five."),
    ("*", "The portal blocked my IP address, {IP}, after three tries."),
])
add("gov", "np", [
    ("US", "SSN {SSN} verified for applicant {FULL}."),
    ("*", "Payment card {CARD} declined; applicant to call back on {PHONE}."),
])
add("insurance", "sp", [
    ("US", "My SSN is {SSN}."),
    ("*", "I'll pay the excess with my card, it's {CARD}."),
    ("*", "My IBAN is {IBAN}, it's my account back home."),
    ("*", "My number's {PHONE}, call me any time."),
    ("*", "The camera's IP address is {IP}, it recorded the break-in."),
    ("*", "My son lives abroad now, his number is {PHONEINTL}."),
])
add("insurance", "np", [
    ("US", "Insured SSN {SSN}; excess paid by card {CARD}."),
    ("*", "Contact: {PHONE} / {EMAIL}."),
])

# US identity and banking numbers, medical record numbers, account numbers
add("bank", "sp", [
    ("US", "Routing number {ABA}, account number {BANKNUM}, and the name on it is {FULL}."),
    ("US", "For the wire, the ABA is {ABA}."),
    ("US", "My checking is {BANKNUM} and my savings is {BANKNUM_b}."),
])
add("insurance", "np", [
    ("US", "Direct deposit: ABA {ABA}, acct {BANKNUM}."),
])
add("gov", "sp", [
    ("US", "My driver's license number is {DL} and my passport number is {PASSPORT}."),
    ("UK", "My account number for the rent is {ACCT}."),
])
add("gov", "np", [
    ("US", "ID verified: passport {PASSPORT}, DL {DL}."),
])
add("insurance", "sp", [
    ("US", "Her license number is {DL}, she was the other driver."),
])
add("clinic", "sp", [
    ("*", "The MRN is {MRN}, for {FULL}."),
])
add("clinic", "np", [
    ("*", "MRN {MRN} merged into MRN {MRN_b} (duplicate record)."),
])
add("utility", "sp", [
    ("*", "The account number's {ACCT}, it's at the top of the bill."),
])

add("insurance", "sp", [
    ("*", "My email's {EMAIL}, and the name on the policy is {FULL}."),
    ("US", "For the claim, my Social Security number is {SSN}, date of birth {DOB}."),
])
add("utility", "sp", [("*", "Just send it to {EMAIL}, that's the easiest.")])
add("gov", "sp", [("*", "My email address is {EMAIL}, I never got the letter.")])
add("utility", "np", [("US", "New acct opened: {FULL}, SSN {SSN}, tel {PHONE}.")])

# more negatives, for variety
add("helpline", "sn", [
    ("*", "Sorry, I'm just really nervous. Can you give me a minute?"),
    ("*", "I've been off school for {qty} days and nobody's noticed."),
    ("*", "My phone's on {qty} percent so I might cut out."),
    ("*", "We had a fire drill at {time} and I just froze."),
])
add("insurance", "sn", [
    ("*", "The tree came down on {appt} and it's still on the shed."),
    ("*", "I've got {qty} photos of the damage, where do I send them?"),
    ("*", "The storm was awful round here, the whole of {place} lost power."),
])
add("gov", "sn", [
    ("*", "I've sent the form {qty} times and I'm still waiting since {appt}."),
    ("UK", "Is the food bank near Victoria Station still open on Fridays?"),
])
add("clinic", "sn", [
    ("*", "I'm on {dose} of sertraline, can I take ibuprofen with that?"),
    ("*", "The surgery phones were engaged from {time} until {time_b}."),
])
add("bank", "sn", [
    ("*", "The card machine said declined but the {money} still came out."),
    ("*", "How long does a standing order take? I set it up at {time}."),
])
add("utility", "sn", [
    ("*", "Sorry, the kids are shouting. Yes, I'm still here."),
    ("*", "We're on a smart meter, reading {meter}, and the display says {kwh} this week."),
])
add("helpline", "nn", [("*", "~thanks for listening. i feel a bit better now")])
add("insurance", "nn", [("*", "Storm claims up {pct} since {appt}; {qty} adjusters on shift.")])
add("clinic", "nn", [("*", "~can i get the flu jab at the pharmacy or do i need to book")])

NAMEWORDS_F = ["Grace", "May", "Rose", "Faith", "Hope", "Joy", "Dawn",
               "Summer", "Amber", "Autumn", "Crystal", "Sunny"]
NAMEWORDS_M = ["Will", "Bill", "Mark", "Hunter", "Chase", "Sunny", "Rusty"]
NAMEWORDS = NAMEWORDS_F + NAMEWORDS_M

# --------------------------------------------------------------------------
# composition
# --------------------------------------------------------------------------
SLOT_RE = re.compile(r"\{([A-Za-z]+)(?:_(\w+))?\}")
PII_TYPE = {"FIRST": "PERSON", "FULL": "PERSON", "SUR": "PERSON",
            "SIGN": "PERSON", "NAMEWORD": "PERSON", "NAMEWORDF": "PERSON",
            "NAMEWORDM": "PERSON", "FIRSTM": "PERSON", "FIRSTF": "PERSON",
            "FULLM": "PERSON", "FULLF": "PERSON",
            "PHONE": "PHONE_NUMBER", "PHONEINTL": "PHONE_NUMBER",
            "EMAIL": "EMAIL_ADDRESS", "SSN": "US_SSN", "CARD": "CREDIT_CARD",
            "IBAN": "IBAN_CODE", "ABA": "ABA_ROUTING_NUMBER",
            "BANKNUM": "US_BANK_NUMBER", "ACCT": "ACCOUNT_NUMBER",
            "DOB": "DATE_OF_BIRTH", "YDOB": "DATE_OF_BIRTH",
            "ADDR": "STREET_ADDRESS", "ZIP": "ZIP_CODE", "IP": "IP_ADDRESS",
            "IPSIX": "IP_ADDRESS", "DL": "US_DRIVER_LICENSE",
            "PASSPORT": "US_PASSPORT", "MRN": "MEDICAL_RECORD_NUMBER",
            "NHS": "MEDICAL_RECORD_NUMBER"}


def asr_literal(s):
    s = s.lower()
    s = s.replace("&", " and ").replace(" - ", " ")
    s = re.sub(r"(?<=\w)-(?=\w)", " ", s)
    s = re.sub(r"[.,?!;:()\"/]", "", s)
    return s


def normalize_ws(text, ents):
    """Collapse runs of spaces and strip, remapping entity offsets."""
    out = []
    mapping = []  # old index -> new index
    n = 0
    prev_space = True
    for ch in text:
        mapping.append(n)
        if ch == " ":
            if prev_space:
                continue
            prev_space = True
        else:
            prev_space = False
        out.append(ch)
        n += 1
    mapping.append(n)
    new = "".join(out).rstrip(" ")
    for e in ents:
        e["start"] = mapping[e["start"]]
        e["end"] = e["start"] + len(e["text"])
    return new, ents


# --------------------------------------------------------------------------
# independent re-validation of the checksum entities (typed and spoken)
# --------------------------------------------------------------------------
WORD_DIGIT = {w: str(i) for i, w in enumerate(ONES)}
WORD_DIGIT["oh"] = "0"


def unspeak(s):
    out, mult = "", 1
    for t in s.split():
        if t == "double":
            mult = 2
        elif t == "triple":
            mult = 3
        elif t in WORD_DIGIT:
            out += WORD_DIGIT[t] * mult
            mult = 1
        elif len(t) == 1 and t.isalpha():
            out += t.upper() * mult
            mult = 1
        elif t in ("dash", "uh", "um", "er"):
            continue
        else:
            raise ValueError("cannot unspeak %r in %r" % (t, s))
    return out


def canon(e):
    if e["spoken"]:
        return unspeak(e["text"])
    return re.sub(r"[^0-9A-Za-z]", "", e["text"]).upper()


def validate(e):
    t = e["type"]
    if t == "CREDIT_CARD":
        v = canon(e)
        ok = luhn_ok(v) and ((v[0] == "4" and len(v) == 16)
                             or (v[:2] in ("51", "52", "53", "54", "55") and len(v) == 16)
                             or (2221 <= int(v[:4]) <= 2720 and len(v) == 16)
                             or (v[:2] in ("34", "37") and len(v) == 15)
                             or ((v[:4] == "6011" or v[:2] == "65") and len(v) == 16))
        assert ok, e
    elif t == "IBAN_CODE":
        v = canon(e)
        assert v[:2] in IBAN_SPECS and len(v) == IBAN_SPECS[v[:2]][0] and iban_mod(v) == 1, e
    elif t == "ABA_ROUTING_NUMBER":
        v = canon(e)
        assert aba_ok(v) and int(v[:2]) in ABA_PREFIXES, e
    elif t == "US_SSN":
        v = canon(e)
        assert len(v) == 9 and v[:3] not in ("000", "666") and v[0] != "9" \
            and v[3:5] != "00" and v[5:] != "0000", e
    elif t == "MEDICAL_RECORD_NUMBER" and len(canon(e)) == 10 and canon(e).isdigit():
        assert nhs_valid(canon(e)), e
    elif t == "PHONE_NUMBER" and not e["spoken"]:
        v = re.sub(r"[^0-9+]", "", e["text"])
        if not v.startswith("+") and not v.startswith("0"):
            v = v[1:] if len(v) == 11 else v
            assert len(v) == 10 and v[0] in "23456789" and v[3] in "23456789" \
                and v[1:3] != "11" and v[4:6] != "11", e


class Composer:
    def __init__(self, r, style, region, domain):
        self.r, self.style, self.region, self.domain = r, style, region, domain
        self.cache = {}
        self.persons = []
        self.used_first = set()
        self.used_sur = set()
        self.lower_names = False

    def name_str(self, s):
        if self.lower_names:
            return asr_name(s) if self.style == "asr" else s.lower()
        return fmt_name(s, self.style)

    def new_first(self, gender=None):
        for _ in range(50):
            f = pick_first(self.r, self.region, self.style, gender)
            if f not in self.used_first:
                break
        self.used_first.add(f)
        return f

    def new_sur(self):
        for _ in range(50):
            s = pick_sur(self.r, self.region, self.style)
            if s not in self.used_sur:
                break
        self.used_sur.add(s)
        return s

    def render(self, kind):
        r, st, rg = self.r, self.style, self.region
        if kind in ("FIRST", "FIRSTM", "FIRSTF"):
            f = self.new_first(kind[5:] or None)
            self.persons.append((f, None))
            return self.name_str(f), False
        if kind in ("NAMEWORD", "NAMEWORDF", "NAMEWORDM"):
            f = r.choice({"NAMEWORD": NAMEWORDS, "NAMEWORDF": NAMEWORDS_F,
                          "NAMEWORDM": NAMEWORDS_M}[kind])
            self.used_first.add(f)
            self.persons.append((f, None))
            return self.name_str(f), False
        if kind == "SUR":
            s = self.new_sur()
            return self.name_str(s), False
        if kind in ("FULL", "FULLM", "FULLF"):
            f, s = self.new_first(kind[4:] or None), self.new_sur()
            self.persons.append((f, s))
            if st == "typed" and r.random() < 0.1:
                return self.name_str(f + " " + r.choice(UPPER) + ". " + s), False
            return self.name_str(f + " " + s), False
        if kind == "SIGN":
            f = self.new_first()
            x = r.random()
            if x < 0.6:
                return f, False
            s = self.new_sur()
            if x < 0.8:
                return f[0] + ". " + s, False
            return f + " " + s, False
        if kind == "EMAIL":
            if self.persons and r.random() < 0.6:
                f, s = self.persons[0]
                return gen_email(r, st, rg, f, s)
            return gen_email(r, st, rg)
        if kind == "PHONE":
            return gen_phone(r, st, rg)
        if kind == "PHONEINTL":
            return gen_phone_intl(r, st)
        if kind in ("DOB", "YDOB"):
            return gen_dob(r, st, rg, young=(kind == "YDOB" or self.domain == "helpline"))
        if kind == "ADDR":
            return gen_address(r, st, rg)
        if kind == "ZIP":
            return gen_zip(r, st, rg)
        fn = {"SSN": gen_ssn, "CARD": gen_card, "IBAN": gen_iban,
              "ABA": gen_aba, "BANKNUM": gen_bank_number, "ACCT": gen_account,
              "IP": gen_ip, "IPSIX": gen_ip6, "DL": gen_dl,
              "PASSPORT": gen_passport, "MRN": gen_mrn, "NHS": gen_nhs}[kind]
        return fn(r, st, rg)

    def compose(self, template):
        if template.startswith("~"):
            template = template[1:]
            self.lower_names = True
        text = ""
        ents = []
        pos = 0
        for m in SLOT_RE.finditer(template):
            lit = template[pos:m.start()]
            text += asr_literal(lit) if self.style == "asr" else lit
            pos = m.end()
            key = m.group(0)
            kind = m.group(1)
            if key not in self.cache:
                if kind in PII_TYPE:
                    val, spoken = self.render(kind)
                    self.cache[key] = (val, PII_TYPE[kind], spoken)
                else:
                    val = PLAIN[kind.lower()](self.r, "whisper" if self.style == "whisper" else self.style, self.region)
                    self.cache[key] = (val, None, False)
            val, etype, spoken = self.cache[key]
            start = len(text)
            text += val
            if etype:
                ents.append({"type": etype, "start": start, "end": len(text),
                             "text": val, "spoken": bool(spoken), "_key": key})
        lit = template[pos:]
        text += asr_literal(lit) if self.style == "asr" else lit
        text, ents = normalize_ws(text, ents)
        # "{FIRST} {SUR}" is one name: merge PERSON spans separated by a space
        merged = []
        for e in ents:
            p = merged[-1] if merged else None
            if (p and p["type"] == e["type"] == "PERSON" and p["end"] + 1 == e["start"]
                    and text[p["end"]] == " " and p["_key"] != e["_key"]
                    and not p["_key"].startswith("{SUR")):
                p["end"] = e["end"]
                p["text"] = text[p["start"]:p["end"]]
                continue
            merged.append(dict(e))
        for e in merged:
            del e["_key"]
        ents = merged
        if self.style == "asr":
            assert not re.search(r"[0-9]", text), text
        for e in ents:
            assert text[e["start"]:e["end"]] == e["text"], (text, e)
        return text, ents


DOMAINS = ["utility", "bank", "clinic", "helpline", "gov", "insurance"]


def main():
    r = random.Random(SEED)
    # stratified plan: every domain gets the same mix of styles, regions and
    # negatives; the order of utterances is then shuffled
    plan = []
    for k, domain in enumerate(DOMAINS):
        n = N_TOTAL // len(DOMAINS) + (1 if k < N_TOTAL % len(DOMAINS) else 0)
        n_asr, n_wh = round(n / 2), round(n / 4)
        styles = ["asr"] * n_asr + ["whisper"] * n_wh + ["typed"] * (n - n_asr - n_wh)
        n_neg = round(n * NEG_FRACTION)
        negs = [True] * n_neg + [False] * (n - n_neg)
        regions = (["US", "UK"] * n)[:n]
        r.shuffle(styles)
        r.shuffle(negs)
        r.shuffle(regions)
        plan.extend(zip([domain] * n, styles, regions, negs))
    r.shuffle(plan)
    usage = {}
    rows = []
    seen_text = set()
    for i, (domain, style, region, neg) in enumerate(plan):
        kind = ("n" if style == "typed" else "s") + ("n" if neg else "p")
        pool = [t for (rg, t) in T[(domain, kind)] if rg in ("*", region)]
        low = min(usage.get(t, 0) for t in pool)
        cands = [t for t in pool if usage.get(t, 0) == low]
        # prefer templates that carry more non-name entities
        weights = [1 + len([m for m in SLOT_RE.finditer(t)
                            if PII_TYPE.get(m.group(1), "PERSON") != "PERSON"])
                   for t in cands]
        for attempt in range(20):
            tpl = r.choices(cands, weights=weights)[0] if attempt == 0 else r.choice(cands)
            comp = Composer(r, style, region, domain)
            text, ents = comp.compose(tpl)
            if text not in seen_text:
                break
            cands = pool
        usage[tpl] = usage.get(tpl, 0) + 1
        seen_text.add(text)
        assert bool(ents) != neg, (tpl, text)
        rows.append({"id": "%s-%03d" % (SPLIT, i), "split": SPLIT,
                     "domain": domain,
                     "style": "typed" if style == "typed" else "asr",
                     "text": text, "entities": ents})
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), SPLIT + ".jsonl")
    with open(out, "w", encoding="utf-8") as f:
        for row in rows:
            for e in row["entities"]:
                assert row["text"][e["start"]:e["end"]] == e["text"]
                assert e["text"] == e["text"].strip() and e["text"]
                validate(e)
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print("wrote", out, len(rows))
    counts, spoken = {}, {}
    for row in rows:
        for e in row["entities"]:
            counts[e["type"]] = counts.get(e["type"], 0) + 1
            spoken[e["type"]] = spoken.get(e["type"], 0) + int(e["spoken"])
    print("negatives", sum(1 for row in rows if not row["entities"]))
    for k in sorted(counts):
        print("  %-24s %4d  spoken %3d" % (k, counts[k], spoken[k]))


if __name__ == "__main__":
    main()
