#!/usr/bin/env python3
"""Second blind evaluation set for the privacy engine (split "blind2").

Written without looking at the engine's source or its tuning templates: only
the JSONL schema of unseen.jsonl was read. Callers to a water/power utility, a
clinic, a child helpline and a local government line, transcribed either the
way Whisper writes (digits, punctuation, capitals) or the way a raw ASR does
(lowercase, no punctuation, numbers spelled out with "oh", "double", "triple",
"dash", "at", "dot").

Labels follow what a privacy officer would want redacted. Byte offsets into
the UTF-8 text; the generator asserts every span. Deterministic (fixed seed).

    python3 crates/privacy/eval/blind2.py   # writes eval/blind2.jsonl
"""
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
rng = random.Random(20261123)

# Public-domain US census first names / surnames, chosen to differ from the
# names already used in the other eval files.
FIRST = ["Gertrude", "Thaddeus", "Marisol", "Octavio", "Winifred", "Lucius", "Imogen", "Desmond",
         "Rosalind", "Ignatius", "Perpetua", "Alfonso", "Theodora", "Cornelius", "Yolanda", "Barnaby",
         "Esperanza", "Leopold", "Henrietta", "Rufus", "Clementine", "Ezekiel", "Philippa", "Augustin",
         "Lavinia", "Matthias", "Ottilie", "Solomon", "Beatrix", "Fernando", "Dorothea", "Jasper",
         "Marguerite", "Tobias", "Araceli", "Cyrus", "Lucinda", "Emmett", "Genevieve", "Horace"]
LAST = ["Vanderpool", "Brockman", "Quintero", "Haskins", "Lindqvist", "Pettigrew", "Castellanos",
        "Whitlock", "Dunbar", "Mcgarry", "Okafor", "Szymanski", "Thibodeaux", "Galloway", "Nakamura",
        "Ferreira", "Blackwood", "Ostrowski", "Villanueva", "Kowalczyk", "Ashworth", "Delgado",
        "Hargrove", "Lundberg", "Pemberton", "Abernathy", "Carrasco", "Fitzgerald", "Holloway", "Sandoval"]
CITIES = ["Tacoma", "Duluth", "Bakersfield", "Allentown", "Chattanooga", "Spokane", "Fresno", "Lubbock",
          "Savannah", "Boise", "Knoxville", "Provo", "Reno", "Topeka", "Bismarck"]
STREETS = ["Larkspur Lane", "Quarry Hill Road", "Birchwood Avenue", "Tamarack Drive", "Old Mill Road",
           "Sycamore Court", "Harbor View Terrace", "Juniper Street", "Wexford Boulevard", "Pinecrest Way",
           "Cobblestone Circle", "Meadowlark Place", "Ridgeline Drive", "Foxglove Street"]
DOMAINS = ["fastmail.fm", "protonmail.com", "icloud.com", "outlook.com", "comcast.net", "yahoo.co.uk",
           "verizon.net", "hey.com", "att.net", "zoho.com"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORD = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh",
       8: "eighth", 9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth", 13: "thirteenth",
       14: "fourteenth", 15: "fifteenth", 16: "sixteenth", 17: "seventeenth", 18: "eighteenth",
       19: "nineteenth", 20: "twentieth", 30: "thirtieth"}


def two(n):
    if n < 10:
        return ONES[n]
    if n < 20:
        return TEENS[n - 10]
    return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])


def words(n):
    if n < 100:
        return two(n)
    if n < 1000:
        r = n % 100
        return ONES[n // 100] + " hundred" + ("" if r == 0 else " " + two(r))
    if n < 10000 and n % 1000 != 0 and (n // 100) % 10 != 0:
        # "fourteen twenty seven" as people say house numbers
        return two(n // 100) + " " + (two(n % 100) if n % 100 >= 10 else "oh " + ONES[n % 100])
    return " ".join(ONES[int(d)] for d in str(n))


def cardinal(n):
    """Amounts as said: 'two thousand one hundred twenty four'."""
    if n >= 1000:
        r = n % 1000
        return words(n // 1000) + " thousand" + ("" if r == 0 else " " + cardinal(r))
    return words(n)


def ordinal(d):
    if d in ORD:
        return ORD[d]
    return TENS[d // 10] + " " + ORD[d % 10]


def year_words(y):
    if 2000 <= y < 2010:
        return "two thousand" + ("" if y == 2000 else " and " + ONES[y - 2000])
    return two(y // 100) + " " + (two(y % 100) if y % 100 >= 10 else "oh " + ONES[y % 100])


def spell_digits(s, zero="mixed", runs=True):
    """Digits as a raw ASR writes them: 'oh' or 'zero', 'double'/'triple' runs,
    'dash' where the caller paused on a separator."""
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c in "-":
            if rng.random() < 0.5:
                out.append("dash")
            i += 1
            continue
        if not c.isdigit():
            i += 1
            continue
        j = i
        while j < len(s) and s[j] == c:
            j += 1
        run = j - i
        w = ONES[int(c)]
        if c == "0":
            w = "oh" if zero == "oh" or (zero == "mixed" and rng.random() < 0.6) else "zero"
        if runs and run == 3 and rng.random() < 0.7:
            out.append("triple " + w)
            i = j
        elif runs and run >= 2 and rng.random() < 0.6:
            out.append("double " + w)
            i += 2
        else:
            out.append(w)
            i += 1
    return " ".join(out)


def digits(n):
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def luhn_complete(prefix, length):
    body = prefix + digits(length - len(prefix) - 1)
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def luhn_ok(s):
    t = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        t += d
    return t % 10 == 0


IBAN_BBAN = {  # country: list of (kind, length) with kind n=digit, a=upper letter
    "DE": [("n", 18)], "GB": [("a", 4), ("n", 14)], "FR": [("n", 10), ("n", 11), ("n", 2)],
    "ES": [("n", 20)], "NL": [("a", 4), ("n", 10)], "IT": [("a", 1), ("n", 10), ("n", 12)],
    "BE": [("n", 12)], "IE": [("a", 4), ("n", 14)], "PL": [("n", 24)], "CH": [("n", 17)],
}
IBAN_LEN = {"DE": 22, "GB": 22, "FR": 27, "ES": 24, "NL": 18, "IT": 27, "BE": 16, "IE": 22,
            "PL": 28, "CH": 21}
BANKS = {"GB": ["NWBK", "BARC", "LOYD", "MIDL"], "NL": ["ABNA", "RABO", "INGB"],
         "IE": ["AIBK", "BOFI"]}


def iban_mod(s):
    r = s[4:] + s[:4]
    num = "".join(str(int(c, 36)) for c in r)
    return int(num) % 97


def make_iban(cc):
    bban = ""
    for kind, n in IBAN_BBAN[cc]:
        if kind == "a":
            bban += rng.choice(BANKS[cc]) if n == 4 else rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        else:
            bban += digits(n)
    chk = 98 - iban_mod(cc + "00" + bban)
    iban = f"{cc}{chk:02d}{bban}"
    assert iban_mod(iban) == 1 and len(iban) == IBAN_LEN[cc], iban
    return iban


def aba():
    while True:
        pre = rng.choice(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12",
                          "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32"])
        d = [int(c) for c in pre + digits(7)]
        if (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0:
            return "".join(map(str, d))


def ssn():
    while True:
        area = rng.randint(1, 899)
        if area != 666:
            break
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def nanp():
    a = f"{rng.randint(2, 9)}{rng.randint(0, 8)}{rng.randint(0, 9)}"
    while True:
        e = f"{rng.randint(2, 9)}{rng.randint(0, 9)}{rng.randint(0, 9)}"
        if e[1:] != "11":
            break
    return a, e, digits(4)


# Each generator returns (value as Whisper writes it, value as raw ASR writes it).
def g_person():
    f, l = rng.choice(FIRST), rng.choice(LAST)
    w = f"{f} {l}"
    return w, w.lower()


def g_first():
    f = rng.choice(FIRST)
    return f, f.lower()


def g_last():
    l = rng.choice(LAST)
    return l, l.lower()


def g_phone():
    a, e, s = nanp()
    if rng.random() < 0.15:
        # Whisper also spells a slowly dictated number, with commas at the pauses.
        w = ", ".join(spell_digits(x, zero="zero", runs=False) for x in (a, e, s))
        return w, spell_digits(f"{a}-{e}-{s}")
    w = rng.choice([f"({a}) {e}-{s}", f"{a}-{e}-{s}", f"{a}.{e}.{s}", f"+1 {a} {e} {s}", f"{a} {e} {s}"])
    return w, spell_digits(f"{a}-{e}-{s}")


def g_intl():
    cc, w = rng.choice([
        ("44", lambda: f"+44 7{digits(3)} {digits(6)}"),
        ("49", lambda: f"+49 30 {digits(8)}"),
        ("33", lambda: f"+33 6 {digits(2)} {digits(2)} {digits(2)} {digits(2)}"),
        ("61", lambda: f"+61 4{digits(2)} {digits(3)} {digits(3)}"),
        ("52", lambda: f"+52 55 {digits(4)} {digits(4)}"),
        ("353", lambda: f"+353 8{digits(1)} {digits(3)} {digits(4)}"),
    ])
    v = w()
    return v, "plus " + spell_digits(v.replace("+", "").replace(" ", ""), zero="oh")


def g_spelled():
    l = rng.choice(LAST)
    return "-".join(l.upper()), " ".join(l.lower())


def g_email():
    f, l = rng.choice(FIRST).lower(), rng.choice(LAST).lower()
    d = rng.choice(DOMAINS)
    local = rng.choice([f"{f}.{l}", f"{f[0]}{l}", f"{f}{rng.randint(10, 99)}", f"{l}.{f[0]}", f"{f}_{l}"])
    w = f"{local}@{d}"

    def sp(part):
        part = part.replace(".", " dot ").replace("_", " underscore ")
        return re.sub(r"\d+", lambda m: " " + " ".join(ONES[int(c)] for c in m.group()), part)

    return w, f"{sp(local)} at {sp(d)}".replace("  ", " ")


def g_ssn():
    s = ssn()
    return (s if rng.random() < 0.8 else s.replace("-", " ")), spell_digits(s, runs=rng.random() < 0.5)


def g_card():
    kind = rng.choice(["visa", "mc", "amex", "disc"])
    if kind == "visa":
        n = luhn_complete("4" + digits(1), 16)
    elif kind == "mc":
        n = luhn_complete(str(rng.randint(51, 55)), 16)
    elif kind == "disc":
        n = luhn_complete("6011", 16)
    else:
        n = luhn_complete(rng.choice(["34", "37"]), 15)
    assert luhn_ok(n)
    if len(n) == 15:
        w = f"{n[:4]} {n[4:10]} {n[10:]}"
    else:
        w = rng.choice([" ".join(n[i:i + 4] for i in range(0, 16, 4)),
                        "-".join(n[i:i + 4] for i in range(0, 16, 4))])
    return w, spell_digits(n, runs=False)


def g_iban():
    cc = rng.choice(list(IBAN_BBAN))
    i = make_iban(cc)
    w = " ".join(i[k:k + 4] for k in range(0, len(i), 4)) if rng.random() < 0.7 else i
    letters = " ".join(c.lower() for c in i[:2])
    return w, letters + " " + spell_digits(i[2:] if i[4:].isdigit() else i[2:4], runs=False) + (
        "" if i[4:].isdigit() else " " + " ".join(c.lower() if c.isalpha() else ONES[int(c)] for c in i[4:]))


def g_bank():
    n = digits(rng.choice([9, 10, 11, 12]))
    return n, spell_digits(n)


def g_aba():
    n = aba()
    return n, spell_digits(n, runs=False)


def g_account():
    n = rng.choice([f"{digits(5)}-{digits(5)}", digits(10), f"{digits(4)} {digits(4)} {digits(2)}", f"{digits(3)}-{digits(6)}-{digits(3)}"])
    return n, spell_digits(n)


def g_dob():
    y, m, d = rng.randint(1941, 2012), rng.randint(1, 12), rng.randint(1, 28)
    w = rng.choice([f"{MONTHS[m - 1]} {d}, {y}", f"{m:02d}/{d:02d}/{y}", f"{d} {MONTHS[m - 1]} {y}", f"{m}/{d}/{y}"])
    a = rng.choice([f"{MONTHS[m - 1].lower()} {ordinal(d)} {year_words(y)}",
                    f"the {ordinal(d)} of {MONTHS[m - 1].lower()} {year_words(y)}"])
    return w, a


def g_child_dob():
    y, m, d = rng.randint(2010, 2016), rng.randint(1, 12), rng.randint(1, 28)
    return f"{MONTHS[m - 1]} {d}, {y}", f"{MONTHS[m - 1].lower()} {ordinal(d)} {year_words(y)}"


def g_street():
    n = rng.choice([rng.randint(10, 99), rng.randint(100, 999), rng.randint(1001, 9899)])
    s = rng.choice(STREETS)
    return f"{n} {s}", f"{words(n)} {s.lower()}"


def g_zip():
    z = f"{rng.randint(1, 99):02d}{digits(3)}"
    return z, spell_digits(z)


def g_ip():
    if rng.random() < 0.35:
        v = f"2601:{rng.randint(0x100, 0xfff):x}:{rng.randint(0x1000, 0xffff):x}:{rng.randint(0x10, 0xfff):x}::{rng.randint(1, 0xff):x}"
        return v, v
    o = [rng.choice([73, 98, 24, 67, 174, 108]), rng.randint(1, 254), rng.randint(0, 254), rng.randint(1, 254)]
    return ".".join(map(str, o)), " dot ".join(words(x) if x >= 10 else ONES[x] for x in o)


def g_dl():
    kind = rng.choice(["ca", "fl", "ny", "wa"])
    if kind == "ca":
        v = rng.choice("ABCDEFGHJKLMNPRSTVWY") + digits(7)
    elif kind == "fl":
        v = f"{rng.choice('BCDGHKMSTW')}{digits(3)}-{digits(3)}-{digits(2)}-{digits(3)}-{digits(1)}"
    elif kind == "ny":
        v = f"{digits(3)} {digits(3)} {digits(3)}"
    else:
        v = rng.choice("BCDHMPSW") + digits(8)
    a = " ".join(c.lower() if c.isalpha() else ONES[int(c)] for c in v if c.isalnum())
    return v, a


def g_passport():
    v = rng.choice([digits(9), rng.choice("ACEFGHJK") + digits(8)])
    v = v if v[0] != "0" else "5" + v[1:]
    return v, " ".join(c.lower() if c.isalpha() else ONES[int(c)] for c in v)


def g_mrn():
    v = rng.choice([digits(8), f"{digits(3)}-{digits(4)}", f"{digits(2)}-{digits(6)}", digits(7)])
    return v, spell_digits(v)


GEN = {
    "PERSON": ("PERSON", g_person), "FIRST": ("PERSON", g_first), "LAST": ("PERSON", g_last), "SPELLED": ("PERSON", g_spelled),
    "PHONE": ("PHONE_NUMBER", g_phone), "INTL": ("PHONE_NUMBER", g_intl),
    "EMAIL": ("EMAIL_ADDRESS", g_email), "SSN": ("US_SSN", g_ssn), "CARD": ("CREDIT_CARD", g_card),
    "IBAN": ("IBAN_CODE", g_iban), "BANK": ("US_BANK_NUMBER", g_bank),
    "ABA": ("ABA_ROUTING_NUMBER", g_aba), "ACCT": ("ACCOUNT_NUMBER", g_account),
    "DOB": ("DATE_OF_BIRTH", g_dob), "KIDDOB": ("DATE_OF_BIRTH", g_child_dob),
    "STREET": ("STREET_ADDRESS", g_street), "ZIP": ("ZIP_CODE", g_zip), "IP": ("IP_ADDRESS", g_ip),
    "DL": ("US_DRIVER_LICENSE", g_dl), "PASSPORT": ("US_PASSPORT", g_passport),
    "MRN": ("MEDICAL_RECORD_NUMBER", g_mrn),
}

# Non-PII fillers, rendered in both styles; these make the negatives.
def n_money():
    d, c = rng.randint(12, 2400), rng.randint(0, 99)
    return f"${d:,}.{c:02d}", f"{cardinal(d)} dollars and {two(c)} cents"


def n_time():
    h, m = rng.randint(1, 12), rng.choice([0, 15, 30, 45, 10, 20])
    return f"{h}:{m:02d}", f"{two(h)} {'o clock' if m == 0 else two(m)}"


def n_date():
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    return f"{MONTHS[m - 1]} {d}", f"{MONTHS[m - 1].lower()} {ordinal(d)}"


def n_meter():
    v = digits(5)
    return v, spell_digits(v)


def n_order():
    v = f"{rng.randint(100000, 999999)}"
    return v, spell_digits(v)


def n_year():
    y = rng.randint(1995, 2025)
    return str(y), year_words(y)


def n_qty():
    q = rng.randint(2, 40)
    return str(q), two(q)


def n_code():
    v = f"{rng.choice(['XR', 'TK', 'HV', 'QM'])}-{rng.randint(100, 9999)}"
    p, n = v.split("-")
    return v, " ".join(c.lower() for c in p) + " " + words(int(n))


def n_kwh():
    v = rng.randint(180, 2900)
    return f"{v:,}", cardinal(v)


def n_city():
    c = rng.choice(CITIES)
    return c, c.lower()


NEG = {"MONEY": n_money, "TIME": n_time, "DATE": n_date, "METER": n_meter, "ORDER": n_order,
       "YEAR": n_year, "QTY": n_qty, "CODE": n_code, "KWH": n_kwh, "CITY": n_city}

# (domain, template). Slots {X} are PII from GEN; {n:X} are non-PII fillers.
TEMPLATES = [
    # utility
    ("utility", "Hi, yeah, the account's under {PERSON} and I'm calling about the bill."),
    ("utility", "My account number with you is {ACCT}, the service address is {STREET}."),
    ("utility", "Can you put the autopay on the card ending... actually, the full card is {CARD}."),
    ("utility", "They disconnected the water at {STREET} even though I paid {n:MONEY} on {n:DATE}."),
    ("utility", "For the direct debit, routing {ABA} and checking account {BANK}."),
    ("utility", "The best callback is {PHONE}, ask for {FIRST}."),
    ("utility", "Send the final bill to {EMAIL} please, I'm moving out."),
    ("utility", "I'm at {STREET}, zip {ZIP}, and the power's been out since {n:TIME}."),
    ("utility", "I'm the landlord, the tenant's name is {PERSON}, she's on {PHONE}."),
    ("utility", "To verify, the last thing you need is my social, right? It's {SSN}."),
    ("utility", "The meter reads {n:METER} today and last month it was {n:METER}."),
    ("utility", "We used {n:KWH} kilowatt hours between {n:DATE} and {n:DATE}, that can't be right."),
    ("utility", "I paid {n:MONEY} by phone at {n:TIME} and got confirmation {n:ORDER}."),
    ("utility", "The outage map says {n:QTY} homes in {n:CITY} are affected since {n:YEAR}... I mean since last night."),
    ("utility", "Is the smart thermostat model {n:CODE} covered by the rebate?"),
    ("utility", "My new address from the first is {STREET}, {n:CITY}, {ZIP}."),
    ("utility", "Your portal keeps saying my IP {IP} is blocked."),
    ("utility", "The payment bounced, my IBAN is {IBAN}, I bank in Europe now."),
    ("utility", "Tell the technician {PERSON} to call my cell, {PHONE}."),
    ("utility", "Our budget plan is {n:MONEY} a month for {n:QTY} months, correct?"),
    # clinic
    ("clinic", "Hi, this is {PERSON}, date of birth {DOB}, calling about my lab results."),
    ("clinic", "My medical record number is {MRN}, I need a refill."),
    ("clinic", "I'm calling for my mother, {PERSON}, she was born {DOB}."),
    ("clinic", "The appointment is {n:DATE} at {n:TIME} with Dr. {LAST}, right?"),
    ("clinic", "Please email the referral to {EMAIL}, not the old address."),
    ("clinic", "She takes {n:QTY} milligrams twice a day, and the copay was {n:MONEY}."),
    ("clinic", "You can reach me at {PHONE} after {n:TIME}."),
    ("clinic", "For insurance they asked for my social, {SSN}, is that normal?"),
    ("clinic", "Patient name {PERSON}, MRN {MRN}, DOB {DOB}."),
    ("clinic", "I live at {STREET} in {n:CITY}, can a nurse come to the house?"),
    ("clinic", "The clinic on {n:CITY} road closes at {n:TIME} on weekdays?"),
    ("clinic", "I'm abroad right now, my number here is {INTL}."),
    ("clinic", "I was born on {DOB} and my chart number is {MRN}."),
    ("clinic", "The bill was {n:MONEY} and I already paid {n:MONEY} of it in {n:YEAR}."),
    ("clinic", "Room {n:QTY} is where they did the x-ray on {n:DATE}."),
    # child helpline
    ("helpline", "My name is {FIRST} and I'm twelve, I don't want to go home."),
    ("helpline", "I'm {FIRST}, my brother {FIRST} is hurting me."),
    ("helpline", "My birthday is {KIDDOB}, so I'm old enough to call right?"),
    ("helpline", "We live at {STREET}, it's the blue house."),
    ("helpline", "You can text my auntie {PERSON} on {PHONE}, she's safe."),
    ("helpline", "My teacher Mrs. {LAST} said I could call you."),
    ("helpline", "I have {n:QTY} minutes before my dad gets back at {n:TIME}."),
    ("helpline", "My school email is {EMAIL} if you can't talk now."),
    ("helpline", "I got your number off a poster in {n:CITY} library."),
    ("helpline", "It started in {n:YEAR} and it happened again on {n:DATE}."),
    ("helpline", "I've been off school for {n:QTY} days, I'm so scared."),
    ("helpline", "My mum's new boyfriend is called {PERSON}, he drinks a lot."),
    ("helpline", "The house number's {n:QTY}, no wait, it's {STREET}, zip {ZIP}."),
    ("helpline", "My friend {FIRST} said you helped her last year."),
    ("helpline", "I only have {n:MONEY} for the bus."),
    # government
    ("government", "I'm renewing my passport, the number is {PASSPORT}."),
    ("government", "Driver's license number {DL}, I need to change the address on it."),
    ("government", "The property tax for {STREET} was {n:MONEY}, that's way up from {n:YEAR}."),
    ("government", "My name's {PERSON} and my Social Security number is {SSN}."),
    ("government", "Permit application {n:ORDER} was filed on {n:DATE}."),
    ("government", "For the refund, IBAN {IBAN}, I'm living in Europe for work."),
    ("government", "Our council meeting is on {n:DATE} at {n:TIME} in {n:CITY}."),
    ("government", "Please mail the voter card to {STREET}, {ZIP}."),
    ("government", "I got a parking ticket for {n:MONEY} but I wasn't even in {n:CITY}."),
    ("government", "My date of birth is {DOB} and my license is {DL}."),
    ("government", "The trash pickup skipped {n:QTY} houses on our block again."),
    ("government", "Direct deposit, routing number {ABA}, account number {BANK}."),
    ("government", "You can email me at {EMAIL} or call {PHONE}."),
    ("government", "I'm calling from overseas, {INTL}, about my absentee ballot."),
    ("government", "Form {n:CODE} says I owe {n:MONEY} for {n:YEAR}."),
    ("government", "Case worker {PERSON} told me to call this number."),
    ("government", "The library fine is {n:MONEY} for {n:QTY} books, ridiculous."),
    ("government", "The portal logged my login from {IP} as suspicious."),
    ("government", "I applied for the passport card, my old passport number was {PASSPORT}."),
    ("government", "Pothole on the corner near {n:CITY} high school, about {n:QTY} inches deep."),
    ("government", "Reference number {n:ORDER}, I called on {n:DATE} at {n:TIME}."),
    ("clinic", "Dr. {LAST} prescribed {n:QTY} tablets and it cost {n:MONEY}."),
    ("utility", "Gas bill on {n:DATE} was {n:MONEY} for {n:KWH} units."),
    ("helpline", "It's {n:TIME} and nobody's home."),
    ("government", "The snow plough came at {n:TIME}, {n:QTY} hours late."),
    ("utility", "I'm {FIRST}, last name {SPELLED}, the account's in my name."),
    ("clinic", "Surname is {SPELLED}, first name {FIRST}, born {DOB}."),
    ("utility", "I switched from Wells Fargo to Chase, so the autopay broke on {n:DATE}."),
    ("clinic", "They transferred me to Jackson Memorial, then to Saint Francis in {n:CITY}."),
    ("government", "Is the office on Washington Avenue open at {n:TIME} on Lincoln's Birthday?"),
    ("helpline", "We moved from Austin to Madison in {n:YEAR}."),
    ("government", "Jefferson County sent me a notice for {n:MONEY}."),
    ("utility", "Is Johnson Controls still doing the meter swaps? Mine is serial {n:CODE}."),
]

ABBR = {"Dr.": "doctor", "Mrs.": "missus", "MRN": "m r n", "DOB": "d o b", "IBAN": "i ban", "IP": "i p"}


def asr_text(part):
    for k, v in ABBR.items():
        part = re.sub(r"(?<![A-Za-z])" + re.escape(k) + r"(?![A-Za-z])", v, part)
    part = part.lower().replace("...", " ")
    part = re.sub(r"[,.?!]", "", part)
    return re.sub(r" +", " ", part)


def render(tpl, style):
    text, ents = "", []
    pieces = re.split(r"(\{[^}]+\})", tpl)
    for i, p in enumerate(pieces):
        if not p.startswith("{"):
            text += asr_text(p) if style == "asr" else p
            continue
        key = p[1:-1]
        if key.startswith("n:"):
            w, a = NEG[key[2:]]()
            text += a if style == "asr" else w
            continue
        etype, gen = GEN[key]
        w, a = gen()
        val = a if style == "asr" else w
        start = len(text.encode())
        text += val
        # Spoken: the value is said in words ("oh five", "at", "dot"), not written.
        spoken = etype != "PERSON" and "@" not in val and not any(c.isdigit() for c in val)
        ents.append({"type": etype, "start": start, "end": len(text.encode()), "text": val, "spoken": spoken})
    text = re.sub(r"^ +| +$", "", text)
    assert not text.startswith(" ")
    return text, ents


def main():
    out = []
    for ti, (domain, tpl) in enumerate(TEMPLATES):
        for v, style in enumerate(["whisper", "asr", "whisper", "asr"]):
            text, ents = render(tpl, style)
            b = text.encode()
            for e in ents:
                assert b[e["start"]:e["end"]].decode() == e["text"], (text, e)
            out.append({"id": f"blind2-{ti:03d}-{v}", "split": "blind2", "domain": domain,
                        "style": style, "text": text, "entities": ents})
    with open(HERE / "blind2.jsonl", "w") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    neg = sum(1 for r in out if not r["entities"])
    print(f"{len(out)} utterances, {neg} without PII ({neg / len(out):.0%})")


if __name__ == "__main__":
    main()
