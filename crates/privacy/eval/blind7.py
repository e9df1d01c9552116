#!/usr/bin/env python3
"""blind7: an independent, labeled evaluation set for the Voxgate privacy engine.

Deterministic (seed 71717), Python 3 standard library only.  Writes blind7.jsonl
next to this file.  Character: US, Canadian and Australian call centres (health
insurance and pharmacy refills, police non-emergency lines, tenant and housing
hotlines, telecom / internet providers, vehicle registration, tax agencies).
About two thirds live ASR transcripts (lower case, little punctuation, fillers,
numbers spelled out the way speech recognisers write them), the rest typed agent
notes.

Labeling rules used in this set
- A span covers exactly the PII value, never the cue words ("my number is",
  "DOB", "member ID") and never a title ("Mrs", "Dr", "Officer", "Councillor",
  "Nurse"): for "Dr Nguyen" only "Nguyen" is labeled PERSON.  A full name
  ("Priya Raghunathan", "Kim Ji-woo") is one PERSON span.
- Names that are also words or places ("Brooklyn", "Paris", "Jordan", "Hunter",
  "Skye", "Chase", "River", "Journey", "Grace", "Will", ...) are PERSON only
  when used as a person's name; the same words used as words, places, banks or
  streets are not labeled.
- Organisations, cities, suburbs, states/provinces, countries are never labeled.
- STREET_ADDRESS covers the civic number (including an Australian "4/56" unit
  prefix or a leading "unit 4") through the street type / direction.  City,
  state, province and country are not part of the span.
- ZIP_CODE is only a US ZIP (5 digits or ZIP+4).  Canadian postal codes
  ("M5V 3L9") and Australian postcodes ("3065") are NOT in the entity list and
  are left unlabeled (utterances containing only them are negatives).
- Canadian SIN, Australian TFN and Medicare card numbers are not in the entity
  list: they are left unlabeled (negatives).
- ACCOUNT_NUMBER: utility / telecom / tax-agency customer account numbers and
  health-insurance member IDs.  Policy GROUP numbers, claim numbers,
  prescription (Rx) numbers, police report / incident numbers, order, ticket,
  case and reference numbers are NOT PII here.
- US_BANK_NUMBER: a bank (checking / savings) account number.
- DATE_OF_BIRTH: a date in a birth context; appointment / refill / incident
  dates are not labeled.
- PHONE_NUMBER includes NANP numbers (area and exchange codes start 2-9 and are
  never N11), Australian numbers (04xx xxx xxx, +61, (0X) xxxx xxxx) and E.164
  international numbers.
- "spoken": true when the value is written in words as ASR emits it (digits or
  letters spelled out, "oh", "double", "dot", "at"), false when typed.
"""
import json
import os
import random

SEED = 71717
SPLIT = "blind7"
R = random.Random(SEED)

# ----------------------------------------------------------------- helpers

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
        "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety"]
DIG = {str(i): ONES[i] for i in range(10)}


def n2w(n):
    assert 0 <= n < 1000000
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + n2w(rest))
    rest = n % 1000
    return n2w(n // 1000) + " thousand" + ("" if rest == 0 else " " + n2w(rest))


def zero_word(mode):
    if mode == "oh":
        return "oh"
    if mode == "zero":
        return "zero"
    return R.choice(["oh", "zero"])


def digits_words(s, zero="oh", repeats=True):
    """Spell a digit string one digit at a time, optionally with double/triple."""
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if not c.isdigit():
            i += 1
            continue
        run = 1
        while i + run < len(s) and s[i + run] == c and run < 3:
            run += 1
        w = zero_word(zero) if c == "0" else DIG[c]
        if repeats and run == 3 and R.random() < 0.7:
            out.append("triple " + w)
            i += 3
            continue
        if repeats and run >= 2 and R.random() < 0.7:
            out.append("double " + w)
            i += 2
            continue
        out.append(w)
        i += 1
    return " ".join(out)


def pair_words(p, zero="oh"):
    """Two digits said as a pair: '42' forty two, '07' oh seven, '10' ten."""
    assert len(p) == 2
    if p[0] == "0":
        return zero_word(zero) + " " + (zero_word(zero) if p[1] == "0" else DIG[p[1]])
    return n2w(int(p))


def four_words(q, zero="oh"):
    """Four digits said naturally: '4211' forty two eleven, '1200' twelve hundred."""
    if q[2:] == "00" and q[0] != "0" and q[1] != "0":
        return n2w(int(q[:2])) + " hundred"
    if q[0] != "0" and q[1:] == "000":
        return n2w(int(q[0])) + " thousand"
    return pair_words(q[:2], zero) + " " + pair_words(q[2:], zero)


def spoken_house(n):
    s = str(n)
    if n < 100:
        return n2w(n)
    if len(s) == 3:
        if n % 100 == 0:
            return n2w(n)  # eight hundred
        return R.choice([DIG[s[0]] + " " + pair_words(s[1:]), digits_words(s, repeats=False)])
    if len(s) == 4:
        return R.choice([four_words(s), digits_words(s, repeats=False)])
    return n2w(n)  # twelve thousand four hundred


def letters_spoken(s):
    return " ".join(c.lower() for c in s)


def alnum_spoken(s, zero="oh", repeats=False):
    """Letters as single lower-case letters, digits as words."""
    out = []
    buf = ""
    for c in s:
        if c.isdigit():
            buf += c
        else:
            if buf:
                out.append(digits_words(buf, zero, repeats))
                buf = ""
            if c.isalpha():
                out.append(c.lower())
    if buf:
        out.append(digits_words(buf, zero, repeats))
    return " ".join(out)


_CYCLES = {}
_N = {}


def choose(items, key=None):
    """Round-robin over a shuffled copy of items, so that templates repeat evenly."""
    import sys
    key = key or (sys._getframe(1).f_code.co_name, len(items), sys._getframe(1).f_lineno)
    q = _CYCLES.get(key)
    if not q:
        q = list(range(len(items)))
        R.shuffle(q)
        _CYCLES[key] = q
    return items[q.pop()]


def rdigits(n, first_nonzero=False):
    s = "".join(R.choice("0123456789") for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = R.choice("123456789") + s[1:]
    return s


# ----------------------------------------------------------------- validators / value generators

def nxx():
    while True:
        v = R.choice("23456789") + rdigits(2)
        if v[1:] != "11":
            return v


def nanp():
    while True:
        a = nxx()
        if a in ("555", "976") or a[1:] == "00" or a[1] == "9" or a[1:] in ("88", "77", "66", "55", "44", "33", "22"):
            continue
        return a, nxx(), rdigits(4)


def fmt_nanp(a, e, s):
    k = R.randrange(6)
    if k == 0:
        return f"({a}) {e}-{s}"
    if k == 1:
        return f"{a}-{e}-{s}"
    if k == 2:
        return f"{a}.{e}.{s}"
    if k == 3:
        return f"+1 {a} {e} {s}"
    if k == 4:
        return f"1-{a}-{e}-{s}"
    return f"{a}{e}{s}"


def spoken_nanp(a, e, s):
    zero = R.choice(["oh", "oh", "zero", "mix"])
    sep = R.choice([" ", " dash ", ", ", " ... ", ", "])
    last = four_words(s, zero) if R.random() < 0.45 else digits_words(s, zero)
    lead = "one " if R.random() < 0.15 else ""
    return lead + digits_words(a, zero) + sep + digits_words(e, zero) + sep + last


def au_mobile():
    return "04" + rdigits(2), rdigits(3), rdigits(3)


def au_landline():
    return R.choice(["02", "03", "07", "08"]), R.choice("23456789") + rdigits(3), rdigits(4)


def ssn():
    while True:
        a = R.randint(1, 899)
        if a == 666:
            continue
        g = R.randint(1, 99)
        s = R.randint(1, 9999)
        return f"{a:03d}", f"{g:02d}", f"{s:04d}"


def luhn_complete(prefix, length):
    body = prefix + rdigits(length - len(prefix) - 1)
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


def card(kind=None):
    kind = kind or R.choice(["visa", "mc", "amex", "disc", "mc2"])
    if kind == "visa":
        n = luhn_complete("4", 16)
    elif kind == "mc":
        n = luhn_complete(str(R.randint(51, 55)), 16)
    elif kind == "mc2":
        n = luhn_complete(str(R.randint(2221, 2720)), 16)
    elif kind == "amex":
        n = luhn_complete(R.choice(["34", "37"]), 15)
    else:
        n = luhn_complete(R.choice(["6011", "65" + rdigits(2)]), 16)
    assert luhn_ok(n)
    return n


def card_groups(n):
    if len(n) == 15:
        return [n[:4], n[4:10], n[10:]]
    return [n[i:i + 4] for i in range(0, 16, 4)]


def fmt_card(n):
    k = R.randrange(3)
    g = card_groups(n)
    if k == 0:
        return " ".join(g)
    if k == 1:
        return "-".join(g)
    return n


def spoken_card(n):
    zero = R.choice(["oh", "zero", "mix"])
    g = card_groups(n)
    parts = []
    for grp in g:
        if len(grp) == 4 and R.random() < 0.3:
            parts.append(four_words(grp, zero))
        else:
            parts.append(digits_words(grp, zero))
    return R.choice([" ", ", ", " ... "]).join(parts)


IBAN_SPEC = {  # country: (total length, BBAN pattern: a=letter, n=digit)
    "DE": (22, "n" * 18),
    "GB": (22, "aaaa" + "n" * 14),
    "FR": (27, "n" * 23),
    "ES": (24, "n" * 20),
    "NL": (18, "aaaa" + "n" * 10),
    "IT": (27, "a" + "n" * 22),
    "IE": (22, "aaaa" + "n" * 14),
    "BE": (16, "n" * 12),
    "AT": (20, "n" * 16),
    "CH": (21, "n" * 17),
    "PL": (28, "n" * 24),
    "PT": (25, "n" * 21),
}
BANK_CODES = {"GB": ["NWBK", "BARC", "HBUK", "LOYD", "MIDL"], "NL": ["ABNA", "INGB", "RABO", "TRIO"],
              "IE": ["AIBK", "BOFI"]}


def iban_check(iban):
    r = iban[4:] + iban[:4]
    num = "".join(str(int(c, 36)) for c in r)
    return int(num) % 97 == 1


def iban(cc):
    length, pat = IBAN_SPEC[cc]
    bban = ""
    if cc in BANK_CODES:
        bban = R.choice(BANK_CODES[cc])
        pat = pat[4:]
    for p in pat:
        bban += R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") if p == "a" else R.choice("0123456789")
    tmp = bban + cc + "00"
    num = "".join(str(int(c, 36)) for c in tmp)
    chk = 98 - int(num) % 97
    v = f"{cc}{chk:02d}{bban}"
    assert len(v) == length and iban_check(v), v
    return v


def fmt_iban(v):
    if R.random() < 0.5:
        return " ".join(v[i:i + 4] for i in range(0, len(v), 4))
    return v


def spoken_iban(v):
    out = [letters_spoken(v[:2])]
    out.append(digits_words(v[2:4], "oh", repeats=False) if R.random() < 0.6 else pair_words(v[2:4]))
    out.append(alnum_spoken(v[4:], R.choice(["oh", "zero"]), repeats=R.random() < 0.4))
    return " ".join(out)


def aba():
    prefixes = [f"{i:02d}" for i in list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73))] + ["80"]
    while True:
        d = R.choice(prefixes) + rdigits(6)
        w = [3, 7, 1, 3, 7, 1, 3, 7]
        partial = sum(int(c) * k for c, k in zip(d, w))
        for last in range(10):
            if (partial + last) % 10 == 0:
                v = d + str(last)
                if aba_ok(v):
                    return v


def aba_ok(v):
    d = [int(c) for c in v]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0


# ----------------------------------------------------------------- names

FIRST = ["Brooklyn", "Paris", "Jordan", "Hunter", "Skye", "Chase", "River", "Journey",
         "Siobhan", "Niamh", "Declan", "Thi Lan", "Minh", "Quang", "Thanh", "Ji-woo", "Seo-yeon",
         "Min-jun", "Hyun-woo", "Wei", "Xiaoming", "Jiahui", "Zihan", "Priya", "Arjun", "Ananya",
         "Rajesh", "Deepika", "Harpreet", "Kwame", "Nkechi", "Oluwaseun", "Fatima", "Aisha",
         "Mohammed", "Mateo", "Guadalupe", "Lucia", "Dmitri", "Olga", "Jarrah", "Kirra", "Marlee",
         "Jedda", "Tanisha", "DeShawn", "Mackenzie", "Colton", "Rowan", "Aroha", "Esperanza",
         "Bronwyn", "Lachlan", "Tamsin", "Cheyenne", "Dakota", "Autumn", "Memphis"]
LAST = ["O'Brien", "D'Souza", "Smith-Jones", "O'Connell", "McAllister-Reid", "N'Diaye", "D'Arcy",
        "Nguyen", "Tran", "Pham", "Hoang", "Bui", "Kim", "Park", "Choi", "Kang", "Zhang", "Liu",
        "Wang", "Chen", "Huang", "Zhou", "Raghunathan", "Venkataraman", "Iyer", "Kulkarni",
        "Chatterjee", "Sandhu", "Dhillon", "Mundine", "Yunupingu", "Marika", "Namatjira",
        "Wunungmurra", "Bropho", "Lingiari", "Littlechild", "Bellegarde", "Tootoosis", "Crowchild",
        "Bearspaw", "Kakakaway", "Gladue", "Morningstar", "Redsky", "Okafor", "Adeyemi", "Mensah",
        "Kowalczyk", "Petrov", "Hernandez", "Villanueva", "Abernathy", "Fitzgerald", "Whitehorse",
        "Castellanos", "Haddad", "Rahimi"]
# full names written in the native order where that is natural
FULL = ["Nguyen Thi Lan", "Tran Van Minh", "Kim Ji-woo", "Park Seo-yeon", "Lee Min-jun",
        "Zhang Wei", "Liu Yang", "Chen Jiahui", "Priya Raghunathan", "Arjun Venkataraman",
        "Harpreet Sandhu", "Gurpreet Dhillon", "Jarrah Mundine", "Kirra Yunupingu",
        "Marlee Bropho", "Brooklyn O'Brien", "Paris D'Souza", "Jordan Smith-Jones",
        "Hunter Littlechild", "Skye Bellegarde", "Chase Tootoosis", "River Crowchild",
        "Journey Morningstar", "Siobhan O'Connell", "Declan D'Arcy", "Nkechi Okafor",
        "Oluwaseun Adeyemi", "Fatima Haddad", "Mateo Villanueva", "Dmitri Petrov",
        "Bronwyn McAllister-Reid", "Aisha N'Diaye", "Deepika Chatterjee", "Hoang Thanh",
        "Colton Bearspaw", "Cheyenne Gladue", "Lachlan Marika", "Ananya Iyer", "Zhou Zihan",
        "Kwame Mensah", "Guadalupe Castellanos", "Rowan Whitehorse", "Tamsin Abernathy"]
FEMALE = ["Brooklyn", "Paris", "Skye", "Journey", "Siobhan", "Niamh", "Thi Lan", "Seo-yeon", "Jiahui", "Priya",
          "Ananya", "Deepika", "Nkechi", "Fatima", "Aisha", "Guadalupe", "Lucia", "Olga", "Kirra", "Marlee",
          "Jedda", "Tanisha", "Mackenzie", "Aroha", "Esperanza", "Bronwyn", "Tamsin", "Cheyenne", "Autumn"]
MALE = [n for n in FIRST if n not in FEMALE and n not in ("Jordan", "River", "Rowan", "Dakota")]
TITLES = ["Mrs", "Mr", "Ms", "Dr", "Officer", "Councillor", "Nurse", "Constable", "Sergeant", "Detective"]


def asr_name(n):
    """How ASR tends to write a name: lower case; hyphens sometimes dropped."""
    v = n.lower()
    if "-" in v and R.random() < 0.4:
        v = v.replace("-", " ")
    return v


# ----------------------------------------------------------------- composition

class E:
    def __init__(self, typ, value, spoken=False):
        self.typ, self.value, self.spoken = typ, value, spoken


RECORDS = []


def add(domain, style, *parts):
    text = ""
    ents = []
    for p in parts:
        if isinstance(p, E):
            start = len(text)
            text += p.value
            ents.append({"type": p.typ, "start": start, "end": len(text), "text": p.value,
                         "spoken": p.spoken})
        else:
            text += p
    for e in ents:
        assert text[e["start"]:e["end"]] == e["text"], (text, e)
        assert e["text"] == e["text"].strip() and e["text"], e
    RECORDS.append({"domain": domain, "style": style, "text": text, "entities": ents})


def P(name, style):
    return E("PERSON", asr_name(name) if style == "asr" else name)


def fill():
    return R.choice(["", "", "um ", "uh ", "yeah ", "okay so ", "right ", "so "])


# ----------------------------------------------------------------- positive generators

def g_person():
    """Names with varied cues, first-only / full / title + surname."""
    T = [
        ("insurance", "asr", lambda n, l, f: [fill(), "hi my name is ", P(n, "asr"), " and i'm calling about a claim"]),
        ("police", "asr", lambda n, l, f: ["yeah this is ", P(f, "asr"), " i'm ringing about the break in next door"]),
        ("telecom", "asr", lambda n, l, f: ["it's ", P(f, "asr"), " again, the internet dropped out three times last night"]),
        ("housing", "asr", lambda n, l, f: [fill(), "can i speak to ", R.choice(["mrs ", "mr ", "ms "]), P(l, "asr"), " in the tenancy team"]),
        ("pharmacy", "asr", lambda n, l, f: ["hi it's ", P(n, "asr"), " calling about my mum's blood pressure tablets"]),
        ("police", "asr", lambda n, l, f: ["my ex ", P(f, "asr"), " keeps turning up at the house and hits me when they've been drinking"]),
        ("police", "asr", lambda n, l, f: [P(R.choice(MALE), "asr"), " hits me and i don't want him to know i called"]),
        ("housing", "asr", lambda n, l, f: ["my caseworker ", P(n, "asr"), " said you could help with the rent arrears"]),
        ("tax", "asr", lambda n, l, f: [P(n, "asr"), " speaking, you left a message about my return"]),
        ("telecom", "asr", lambda n, l, f: ["could you put me through to ", P(f, "asr"), " in billing please"]),
        ("housing", "asr", lambda n, l, f: ["just ask for ", P(f, "asr"), " at the front desk, they know about the mould"]),
        ("insurance", "asr", lambda n, l, f: ["i'm ", P(n, "asr"), ", the policy holder, and i'm calling for my son ", P(R.choice(MALE), "asr")]),
        ("police", "asr", lambda n, l, f: ["officer ", P(l, "asr"), " told me to call this number and quote the incident"]),
        ("pharmacy", "asr", lambda n, l, f: ["dr ", P(l, "asr"), " sent the script over yesterday afternoon"]),
        ("housing", "asr", lambda n, l, f: ["councillor ", P(l, "asr"), " said she would raise it at the meeting"]),
        ("insurance", "asr", lambda n, l, f: ["the nurse, uh nurse ", P(l, "asr"), ", said i need pre approval first"]),
        ("vehicle", "asr", lambda n, l, f: ["call me ", P(f, "asr"), ", everyone does"]),
        ("police", "asr", lambda n, l, f: ["my neighbour ", P(n, "asr"), " saw the car, you can tell ", P(f, "asr"), " i gave you their name"]),
        ("tax", "asr", lambda n, l, f: ["my daughter ", P(R.choice(FEMALE), "asr"), " normally does my taxes but she's overseas"]),
        ("telecom", "asr", lambda n, l, f: ["yes hello my name's ", P(n, "asr"), " i want to cancel the bundle"]),
        ("housing", "asr", lambda n, l, f: ["the landlord, ", P(n, "asr"), ", won't fix the hot water"]),
        ("pharmacy", "asr", lambda n, l, f: ["i'm picking up for ", P(n, "asr"), ", i'm her carer"]),
        ("insurance", "typed", lambda n, l, f: ["Caller ", P(n, "typed"), " requested a copy of the EOB. Advised 5-7 business days."]),
        ("police", "typed", lambda n, l, f: ["Complainant: ", P(n, "typed"), ". Reports ongoing noise from unit above."]),
        ("housing", "typed", lambda n, l, f: ["Spoke with Mrs ", P(l, "typed"), " re: repairs backlog. Escalated to maintenance."]),
        ("telecom", "typed", lambda n, l, f: ["Tech visit booked for ", P(n, "typed"), ", modem to be swapped.\n-- ", P(f, "typed")]),
        ("tax", "typed", lambda n, l, f: ["Taxpayer ", P(n, "typed"), " disputes the penalty; transferred to Dr ", P(l, "typed"), " in appeals."]),
        ("vehicle", "typed", lambda n, l, f: ["Rego transfer from ", P(n, "typed"), " to ", P(R.choice(FULL), "typed"), " pending signature."]),
        ("pharmacy", "typed", lambda n, l, f: ["Refill authorised by Dr ", P(l, "typed"), ". Patient ", P(n, "typed"), " notified by SMS."]),
        ("police", "typed", lambda n, l, f: ["Victim states ", P(f, "typed"), " (ex-partner) threatened her. Thanks, Constable ", P(l, "typed")]),
        ("housing", "asr", lambda n, l, f: [P(f, "asr"), " told me the inspection was cancelled but nobody rang me"]),
        ("insurance", "asr", lambda n, l, f: ["i'm calling on behalf of my son ", P(R.choice(MALE), "asr"), ", he's nineteen and still on my plan"]),
        ("tax", "typed", lambda n, l, f: ["Return lodged on behalf of client. Regards,\n", P(n, "typed"), "\nTax Help volunteer"]),
    ]
    dom, style, fn = choose(T)
    return dom, style, fn(R.choice(FULL), R.choice(LAST), R.choice(FIRST))


def g_word_names():
    """Names that are also words/places, used as names; word-uses appear in negatives."""
    T = [
        ("housing", "asr", ["my daughter ", E("PERSON", "brooklyn"), " lives with me in the unit, she's on the lease too"]),
        ("police", "asr", ["it was ", E("PERSON", "jordan"), ", my stepson, he took the car without asking"]),
        ("telecom", "asr", ["hi this is ", E("PERSON", "paris"), " from unit six, my wifi's been down since friday"]),
        ("insurance", "asr", ["the claim is for my son ", E("PERSON", "hunter"), ", he broke his arm at footy"]),
        ("pharmacy", "asr", ["it's for ", E("PERSON", "skye"), ", she's eight and she needs the puffer refilled"]),
        ("police", "asr", [E("PERSON", "chase"), " hits me when he's angry and i'm scared to go home"]),
        ("housing", "asr", ["my name is ", E("PERSON", "river"), " and the landlord changed the locks on me"]),
        ("tax", "asr", ["yeah ", E("PERSON", "journey"), " speaking, you called about my notice of assessment"]),
        ("insurance", "asr", ["my wife ", E("PERSON", "grace"), " is the main member, i'm just a dependant"]),
        ("vehicle", "asr", ["tell ", E("PERSON", "will"), " the rego papers are in the glovebox"]),
        ("police", "asr", ["my teacher mrs ", E("PERSON", "hope"), " told me to ring you about what happened at home"]),
        ("telecom", "typed", ["Customer ", E("PERSON", "Sunny Bui"), " called re: data overage. Waived once."]),
        ("housing", "typed", ["Tenant ", E("PERSON", "Faith Whitehorse"), " reports leak under sink, photo attached."]),
        ("police", "typed", ["Informant ", E("PERSON", "Mark Yunupingu"), " saw two males near the bottle shop."]),
        ("pharmacy", "asr", ["i'm calling for my mum ", E("PERSON", "rose"), ", she's in hospital and can't ring herself"]),
        ("insurance", "asr", ["put me through to ", E("PERSON", "may"), " in claims, she's been handling it"]),
        ("tax", "typed", ["Agent note: rang ", E("PERSON", "Bill Kakakaway"), " back, left voicemail."]),
        ("vehicle", "asr", ["the car's registered to my partner ", E("PERSON", "dakota redsky"), ""]),
        ("police", "asr", ["my neighbour ", E("PERSON", "memphis"), " heard the glass break too"]),
        ("housing", "typed", ["Ask for ", E("PERSON", "Autumn"), " at reception re: the bond refund."]),
    ]
    dom, style, parts = choose(T)
    return dom, style, parts


def g_phone():
    k = R.randrange(10)
    nm = R.choice(FULL)
    if k in (0, 1, 2):  # spoken NANP
        v = spoken_nanp(*nanp())
        T = [
            ("telecom", ["you can reach me on ", E("PHONE_NUMBER", v, True), " after five"]),
            ("insurance", ["my cell is ", E("PHONE_NUMBER", v, True), ""]),
            ("police", [fill(), "call me back at ", E("PHONE_NUMBER", v, True), " please, it's ", P(nm, "asr")]),
            ("pharmacy", ["the best number is ", E("PHONE_NUMBER", v, True), " that's my daughter's phone"]),
            ("housing", ["it's ", P(nm, "asr"), " and my number is ", E("PHONE_NUMBER", v, True)]),
        ]
        d, parts = choose(T)
        return d, "asr", parts
    if k in (3, 4):  # typed NANP
        v = fmt_nanp(*nanp())
        T = [
            ("telecom", ["Callback requested on ", E("PHONE_NUMBER", v), " between 2-4pm."]),
            ("tax", ["Updated contact phone to ", E("PHONE_NUMBER", v), " per caller."]),
            ("vehicle", ["Owner ", P(nm, "typed"), ", ph ", E("PHONE_NUMBER", v), "."]),
            ("insurance", ["Member prefers text to ", E("PHONE_NUMBER", v), "; no voicemail."]),
        ]
        d, parts = choose(T)
        return d, "typed", parts
    if k in (5, 6):  # Australian
        if R.random() < 0.6:
            a, b, c = au_mobile()
            if R.random() < 0.5:
                sp = (digits_words(a, "oh") + R.choice([" ", ", "]) + digits_words(b, "oh") + " " + digits_words(c, "oh"))
                return R.choice(["housing", "police", "telecom"]), "asr", [
                    R.choice(["my mobile is ", "yeah it's ", "ring me on "]), E("PHONE_NUMBER", sp, True),
                    R.choice(["", " if i don't answer leave a message", " mate"])]
            v = R.choice([f"{a} {b} {c}", f"+61 {a[1:]} {b} {c}", f"{a}{b}{c}"])
            return R.choice(["telecom", "vehicle"]), "typed", ["Mobile on file updated: ", E("PHONE_NUMBER", v), ". SMS reminders on."]
        a, b, c = au_landline()
        if R.random() < 0.5:
            sp = digits_words(a, "oh") + " " + four_words(b) + " " + four_words(c)
            return "tax", "asr", ["the home number's ", E("PHONE_NUMBER", sp, True), " but i'm hardly there"]
        v = R.choice([f"({a}) {b} {c}", f"+61 {a[1]} {b} {c}"])
        return "housing", "typed", ["Tenant landline ", E("PHONE_NUMBER", v), " (after hours)."]
    # international
    intl = [
        ("+44", lambda: "20 " + R.choice("378") + rdigits(3) + " " + rdigits(4)),
        ("+44", lambda: "7" + rdigits(3) + " " + rdigits(6)),
        ("+49", lambda: "30 " + rdigits(8)),
        ("+33", lambda: R.choice("1234567") + " " + " ".join(rdigits(2) for _ in range(4))),
        ("+91", lambda: R.choice("6789") + rdigits(4) + " " + rdigits(5)),
        ("+353", lambda: "1 " + rdigits(3) + " " + rdigits(4)),
        ("+353", lambda: "8" + R.choice("3567") + " " + rdigits(3) + " " + rdigits(4)),
        ("+64", lambda: "21 " + rdigits(3) + " " + rdigits(4)),
        ("+82", lambda: "10 " + rdigits(4) + " " + rdigits(4)),
        ("+84", lambda: "9" + rdigits(1) + " " + rdigits(3) + " " + rdigits(4)),
    ]
    cc, f = R.choice(intl)
    num = f()
    if R.random() < 0.4:
        sp = "plus " + digits_words(cc[1:], "zero", repeats=False) + " " + digits_words(num.replace(" ", ""), R.choice(["oh", "zero"]))
        return R.choice(["insurance", "tax", "telecom"]), "asr", [
            R.choice(["i'm overseas at the moment so it's ", "my brother's number in case you can't get me is ", "my overseas number is "]),
            E("PHONE_NUMBER", sp, True)]
    v = cc + " " + num
    return R.choice(["insurance", "tax"]), "typed", ["Member travelling; alt contact ", E("PHONE_NUMBER", v), " (", P(R.choice(FULL), "typed"), ")."]


EMAIL_DOMAINS = ["gmail.com", "outlook.com", "yahoo.ca", "bigpond.com", "hotmail.com", "icloud.com",
                 "shaw.ca", "optusnet.com.au", "protonmail.com", "rogers.com"]


def email_local(first, last, spoken=False):
    first = first.lower().replace(" ", "").replace("'", "").replace("-", "")
    last = last.lower().replace(" ", "").replace("'", "").replace("-", "")
    n1, n2 = R.randint(1, 99), R.randint(70, 99)
    opts = [(f"{first}.{last}", f"{first}.{last}"), (f"{first[0]}{last}", f"{first[0]} {last}"),
            (f"{first}_{last}{n1}", f"{first}_{last} {n1}"), (f"{last}.{first}{n2}", f"{last}.{first} {n2}"),
            (f"{first}{last[0]}", f"{first} {last[0]}")]
    typed, sp = R.choice(opts)
    return sp if spoken else typed


def spoken_email(local, dom):
    def sp(s):
        out = []
        for tok in s.replace(".", " dot ").replace("_", " underscore ").replace("-", " dash ").split():
            if tok.isdigit():
                out.append(digits_words(tok, "oh", repeats=False) if R.random() < 0.5 else n2w(int(tok)))
            elif tok in ("dot", "underscore", "dash"):
                out.append(tok)
            elif len(tok) <= 2:
                out.append(letters_spoken(tok))
            else:
                out.append(tok)
        return " ".join(out)
    return sp(local) + " at " + sp(dom)


def g_email():
    first = R.choice(FIRST).split()[0]
    last = R.choice(LAST)
    dom = R.choice(EMAIL_DOMAINS)
    if R.random() < 0.55:
        v = spoken_email(email_local(first, last, True), dom)
        T = [
            ("insurance", ["send it to ", E("EMAIL_ADDRESS", v, True), " please"]),
            ("telecom", ["my email is ", E("EMAIL_ADDRESS", v, True), " all lower case"]),
            ("tax", ["uh the email on file should be ", E("EMAIL_ADDRESS", v, True), ""]),
            ("housing", ["can you email the lease to ", E("EMAIL_ADDRESS", v, True), " thanks"]),
        ]
        d, parts = choose(T)
        return d, "asr", parts
    v = f"{email_local(first, last)}@{dom}"
    T = [
        ("telecom", ["Customer asked for e-bill to ", E("EMAIL_ADDRESS", v), "."]),
        ("pharmacy", ["Refill reminder email: ", E("EMAIL_ADDRESS", v)]),
        ("vehicle", ["Renewal notice bounced from ", E("EMAIL_ADDRESS", v), ", confirmed new address by phone."]),
    ]
    d, parts = choose(T)
    return d, "typed", parts


def g_ssn():
    a, g, s = ssn()
    if R.random() < 0.5:
        zero = R.choice(["oh", "zero"])
        sep = R.choice([" ", " dash ", ", "])
        v = digits_words(a, zero) + sep + digits_words(g, zero) + sep + (four_words(s, zero) if R.random() < 0.3 else digits_words(s, zero))
        T = [
            ("tax", ["my social is ", E("US_SSN", v, True)]),
            ("insurance", ["social security number ", E("US_SSN", v, True), " and the date of birth you want too"]),
            ("tax", [fill(), "the ssn is ", E("US_SSN", v, True), " that's for my husband not me"]),
            ("police", ["he stole my wallet with my social card in it, the number's ", E("US_SSN", v, True)]),
        ]
        d, parts = choose(T)
        return d, "asr", parts
    v = R.choice([f"{a}-{g}-{s}", f"{a} {g} {s}", f"{a}{g}{s}"])
    T = [
        ("tax", ["SSN verified: ", E("US_SSN", v), ". Transcript request sent."]),
        ("insurance", ["Subscriber SSN ", E("US_SSN", v), " on file does not match; asked member to call SSA."]),
        ("tax", ["Identity check ok (SSN ", E("US_SSN", v), ", ", P(R.choice(FULL), "typed"), ")."]),
    ]
    d, parts = choose(T)
    return d, "typed", parts


CARD_PLAN = [(k, sp) for k in ("visa", "mc", "amex", "disc", "mc2") for sp in (True, False)]


def g_card():
    kind, spoken = choose(CARD_PLAN, "cardplan")
    n = card(kind)
    if spoken:
        v = spoken_card(n)
        T = [
            ("telecom", ["okay the card number is ", E("CREDIT_CARD", v, True)]),
            ("pharmacy", ["put it on my visa, ", E("CREDIT_CARD", v, True), " expiry oh nine twenty seven"]),
            ("vehicle", ["i'll pay the rego now, card is ", E("CREDIT_CARD", v, True)]),
            ("tax", ["um ", E("CREDIT_CARD", v, True), " is the card, do you need the back number"]),
        ]
        d, parts = choose(T)
        return d, "asr", parts
    v = fmt_card(n)
    T = [
        ("telecom", ["Card on file replaced with ", E("CREDIT_CARD", v), " (exp 11/28)."]),
        ("pharmacy", ["Copay of $12.40 charged to ", E("CREDIT_CARD", v), "."]),
        ("vehicle", ["Payment declined on ", E("CREDIT_CARD", v), ", customer to call bank."]),
    ]
    d, parts = choose(T)
    return d, "typed", parts


IBAN_ORDER = list(IBAN_SPEC)


def g_iban(i):
    cc = IBAN_ORDER[i % len(IBAN_ORDER)]
    v = iban(cc)
    if i % 2 == 0:
        sp = spoken_iban(v)
        T = [
            ("tax", ["the refund needs to go to my account back home, the iban is ", E("IBAN_CODE", sp, True)]),
            ("insurance", ["my i ban is ", E("IBAN_CODE", sp, True), " i can spell it again if you like"]),
            ("housing", ["the landlord wants the bond paid to ", E("IBAN_CODE", sp, True), " is that even allowed"]),
        ]
        d, parts = choose(T)
        return d, "asr", parts
    t = fmt_iban(v)
    T = [
        ("tax", ["Overseas refund: IBAN ", E("IBAN_CODE", t), ", BIC on file."]),
        ("insurance", ["Reimbursement to IBAN ", E("IBAN_CODE", t), " requested by member."]),
        ("telecom", ["Direct debit mandate: ", E("IBAN_CODE", t)]),
    ]
    d, parts = choose(T)
    return d, "typed", parts


def g_bank():
    r = aba()
    acct = rdigits(R.randint(9, 12), True)
    if R.random() < 0.5:
        rs = digits_words(r, R.choice(["oh", "zero"]))
        acs = digits_words(acct, R.choice(["oh", "zero"]))
        T = [
            ("tax", ["for direct deposit the routing number is ", E("ABA_ROUTING_NUMBER", rs, True),
                     " and the checking account is ", E("US_BANK_NUMBER", acs, True)]),
            ("insurance", ["routing ", E("ABA_ROUTING_NUMBER", rs, True), " uh account number ", E("US_BANK_NUMBER", acs, True), " it's a savings account"]),
            ("housing", ["they want the rent pulled from my checking, ", E("US_BANK_NUMBER", acs, True), ", routing ", E("ABA_ROUTING_NUMBER", rs, True)]),
        ]
        d, parts = choose(T)
        return d, "asr", parts
    T = [
        ("tax", ["Direct deposit: RTN ", E("ABA_ROUTING_NUMBER", r), ", checking acct ", E("US_BANK_NUMBER", acct), "."]),
        ("insurance", ["EFT set up. ABA ", E("ABA_ROUTING_NUMBER", r), " / account ", E("US_BANK_NUMBER", acct), " (savings)."]),
        ("telecom", ["Autopay from bank acct ", E("US_BANK_NUMBER", acct), ", routing ", E("ABA_ROUTING_NUMBER", r), "."]),
    ]
    d, parts = choose(T)
    return d, "typed", parts


def g_account():
    k = R.choice([0, 1, 1, 2, 3, 3, 4, 5, 5])
    if k == 0:
        mid = R.choice(["XJH", "W", "ZGP", "MBR"]) + rdigits(R.choice([8, 9, 10]))
        return "insurance", "typed", ["Member ID ", E("ACCOUNT_NUMBER", mid), ", group 0", rdigits(5), ". Eligibility active."]
    if k == 1:
        mid = R.choice(["w", "x j h", "m b r"]) + " " + digits_words(rdigits(9), "oh")
        return "insurance", "asr", ["my member id is ", E("ACCOUNT_NUMBER", mid, True), " and the group number is ",
                                    digits_words("0" + rdigits(5), "oh"), ""]
    if k == 2:
        a = rdigits(4, True) + " " + rdigits(4) + " " + rdigits(4)
        return "telecom", "typed", ["Account ", E("ACCOUNT_NUMBER", a), " credited $25 for outage. Ticket #", rdigits(7), "."]
    if k == 3:
        a = rdigits(10, True)
        sp = digits_words(a, "oh") if R.random() < 0.5 else " ".join(four_words(a[i:i + 4]) if len(a[i:i + 4]) == 4 else pair_words(a[i:i + 2]) for i in range(0, 10, 4))
        return R.choice(["telecom", "housing"]), "asr", [R.choice(["my account number is ", "the account number on the bill is ", "account "]),
                                                      E("ACCOUNT_NUMBER", sp, True), R.choice(["", " i think", " and the bill's overdue"])]
    if k == 4:
        a = rdigits(3, True) + "-" + rdigits(3) + "-" + rdigits(3)
        return "tax", "typed", ["Business account ", E("ACCOUNT_NUMBER", a), " – instalment plan approved for ", P(R.choice(FULL), "typed"), "."]
    a = rdigits(9, True)
    return "vehicle", "asr", ["customer number ", E("ACCOUNT_NUMBER", digits_words(a, "zero"), True), " for the toll account"]


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ORD = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth",
       9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth", 13: "thirteenth", 14: "fourteenth",
       15: "fifteenth", 16: "sixteenth", 17: "seventeenth", 18: "eighteenth", 19: "nineteenth", 20: "twentieth",
       21: "twenty first", 22: "twenty second", 23: "twenty third", 24: "twenty fourth", 25: "twenty fifth",
       26: "twenty sixth", 27: "twenty seventh", 28: "twenty eighth"}


def year_words(y):
    if y >= 2000:
        return R.choice(["two thousand " + n2w(y - 2000) if y > 2000 else "two thousand", "twenty " + pair_words(str(y)[2:])])
    return n2w(y // 100) + " " + pair_words(str(y)[2:])


def g_dob():
    y = R.randint(1938, 2012)
    m = R.randint(1, 12)
    d = R.randint(1, 28)
    if R.random() < 0.55:
        k = R.randrange(3)
        if k == 0:
            v = f"{MONTHS[m - 1].lower()} {ORD[d]} {year_words(y)}"
        elif k == 1:
            v = f"the {ORD[d]} of {MONTHS[m - 1].lower()} {year_words(y)}"
        else:
            v = f"{pair_words(f'{m:02d}')} {pair_words(f'{d:02d}')} {pair_words(str(y)[2:])}"
        T = [
            ("insurance", ["date of birth ", E("DATE_OF_BIRTH", v, True)]),
            ("pharmacy", ["she was born ", E("DATE_OF_BIRTH", v, True), " if that helps find her"]),
            ("tax", ["yeah my birthday's ", E("DATE_OF_BIRTH", v, True)]),
            ("vehicle", ["dob is ", E("DATE_OF_BIRTH", v, True), " and it's ", P(R.choice(FULL), "asr")]),
        ]
        d_, parts = choose(T)
        return d_, "asr", parts
    k = R.randrange(4)
    if k == 0:
        v = f"{m:02d}/{d:02d}/{y}"
    elif k == 1:
        v = f"{d:02d}/{m:02d}/{y}"  # AU/CA day-first
    elif k == 2:
        v = f"{MONTHS[m - 1]} {d}, {y}"
    else:
        v = f"{y}-{m:02d}-{d:02d}"
    T = [
        ("insurance", ["DOB ", E("DATE_OF_BIRTH", v), " confirmed. Claim ", rdigits(9), " reopened."]),
        ("pharmacy", ["Patient ", P(R.choice(FULL), "typed"), ", DOB ", E("DATE_OF_BIRTH", v), ", refill too soon until 14th."]),
        ("vehicle", ["Licence holder born ", E("DATE_OF_BIRTH", v), "; photo renewal due."]),
        ("tax", ["Date of birth: ", E("DATE_OF_BIRTH", v)]),
    ]
    d_, parts = choose(T)
    return d_, "typed", parts


STREETS = ["Maple", "Kingsway", "Bay", "Main", "Elm", "Wattle", "Jacaranda", "Sherbrooke", "Yonge",
           "Dundas", "Cedar Ridge", "Coolibah", "Ironbark", "Macquarie", "Pine", "Lakeshore", "Birchwood",
           "Parramatta", "Portage", "Whyte", "Grey", "Rundle", "Victoria", "Oak Hollow", "Sunnyside"]
STYPES = ["Street", "Avenue", "Road", "Drive", "Boulevard", "Crescent", "Court", "Lane", "Way", "Parade", "Terrace", "Place"]
ABBR = {"Street": "St", "Avenue": "Ave", "Road": "Rd", "Drive": "Dr", "Boulevard": "Blvd", "Crescent": "Cres",
        "Court": "Ct", "Lane": "Ln", "Way": "Way", "Parade": "Pde", "Terrace": "Tce", "Place": "Pl"}
US_CITIES = [("Chicago", "IL", "606"), ("Seattle", "WA", "981"), ("Phoenix", "AZ", "850"), ("Houston", "TX", "770"),
             ("Atlanta", "GA", "303"), ("Denver", "CO", "802"), ("Columbus", "OH", "432"), ("Tulsa", "OK", "741")]


def zipc():
    city, st, p = R.choice(US_CITIES)
    return city, st, p + rdigits(2)


def g_address():
    num = R.choice([R.randint(2, 99), R.randint(100, 999), R.randint(1000, 9999), R.choice([12400, 10250, 15000, 21300]),
                    R.choice([800, 300, 1200])])
    street = R.choice(STREETS)
    stype = R.choice(STYPES)
    region = R.choice(["us", "us", "ca", "au"])
    if R.random() < 0.72:
        v = spoken_house(num) + " " + street.lower() + " " + stype.lower()
        if region == "au" and R.random() < 0.5:
            v = "unit " + n2w(R.randint(1, 20)) + " " + v
        if region == "us":
            city, st, z = zipc()
            if R.random() < 0.6:
                zs = digits_words(z, "oh", repeats=False)
                return "housing", "asr", ["i live at ", E("STREET_ADDRESS", v, True), " " + city.lower() + " zip code ",
                                          E("ZIP_CODE", zs, True)]
            return R.choice(["police", "telecom"]), "asr", [R.choice(["the address is ", "it's happening at ", "can you send someone to ", "the install is at "]),
                                                         E("STREET_ADDRESS", v, True), R.choice(["", " in " + city.lower(), " near the gas station"])]
        if region == "ca":
            pc = R.choice(["m five v three l nine", "v six b one a one", "t two p two m five", "r three c oh v eight"])
            return R.choice(["tax", "vehicle", "telecom"]), "asr", ["my new address is ", E("STREET_ADDRESS", v, True),
                                                                    R.choice([" toronto", " vancouver", " calgary", " winnipeg"]),
                                                                    " postal code " + pc]
        return R.choice(["housing", "police"]), "asr", [R.choice(["i'm at ", "we rent ", "there's a fight out the front of "]),
                                                     E("STREET_ADDRESS", v, True), R.choice([" in fitzroy", " in parramatta", " in fortitude valley", ""])]
    st_typed = R.choice([stype, ABBR[stype]])
    if region == "au" and R.random() < 0.6:
        v = f"{R.randint(1, 20)}/{num} {street} {st_typed}"
    else:
        v = f"{num} {street} {st_typed}"
        if R.random() < 0.25:
            v = f"{num} {R.choice(['N', 'S', 'E', 'W'])} {street} {st_typed}"
    if region == "us":
        city, st, z = zipc()
        if R.random() < 0.3:
            z = z + "-" + rdigits(4)
        return R.choice(["housing", "insurance", "vehicle"]), "typed", ["Mailing address updated: ", E("STREET_ADDRESS", v), f", {city}, {st} ",
                                                                       E("ZIP_CODE", z)]
    if region == "ca":
        return R.choice(["tax", "telecom"]), "typed", ["Service address ", E("STREET_ADDRESS", v), R.choice([", Toronto ON M4C 1B5", ", Regina SK S4P 3Y2", ", Halifax NS B3H 2Y9"]), "."]
    return R.choice(["housing", "police"]), "typed", ["Attended ", E("STREET_ADDRESS", v), R.choice([", Footscray VIC 3011", ", Bankstown NSW 2200", ", Mount Druitt NSW 2770"]), " re: welfare check."]


def g_zip_only():
    city, st, z = zipc()
    _N["zip"] = _N.get("zip", -1) + 1
    if _N["zip"] % 2 == 0:
        return "insurance", "asr", ["what's the zip, um it's ", E("ZIP_CODE", digits_words(z, R.choice(["oh", "zero"]), repeats=False), True),
                                    " i just need a pharmacy close to home"]
    return "telecom", "typed", ["Coverage check for ZIP ", E("ZIP_CODE", z), ": fibre not available."]


def g_ip():
    k = R.randrange(4)
    if k == 3:
        h = lambda: format(R.randint(1, 65535), "x")
        pre = R.choice(["2001:db8", "2404:6800", "2600:1700", "2a02:c7f", "fe80:"])
        if pre == "fe80:":
            v = "fe80::" + ":".join(h() for _ in range(4))
        elif R.random() < 0.5:
            v = pre + ":" + ":".join(h() for _ in range(6))
        else:
            v = pre + ":" + h() + ":" + h() + "::" + h()
        return "telecom", "typed", ["Customer's router WAN IPv6 ", E("IP_ADDRESS", v), " not responding to ping."]
    oct_ = [R.choice([10, 172, 192, R.randint(24, 223)]), R.randint(0, 255), R.randint(0, 255), R.randint(1, 254)]
    if oct_[0] == 192:
        oct_[1] = 168
    v = ".".join(map(str, oct_))
    if k == 0:
        return R.choice(["telecom", "police"]), "typed", [R.choice(["Modem IP ", "Login from IP ", "Abusive emails traced to "]), E("IP_ADDRESS", v), R.choice(["", " (flagged)", "; case escalated"]), "."]

    def oct_words(o):
        s = str(o)
        if R.random() < 0.5 or o < 10:
            return digits_words(s, "oh", repeats=False) if o >= 10 else n2w(o)
        if len(s) == 3:
            return DIG[s[0]] + " " + (pair_words(s[1:]) if s[1] != "0" else "oh " + DIG[s[2]])
        return n2w(o)
    sp = " dot ".join(oct_words(o) for o in oct_)
    return "telecom", "asr", [R.choice(["it says the ip address is ", "the tech wanted my ip, it's ", "my gateway shows "]), E("IP_ADDRESS", sp, True)]


def g_dl():
    k = R.randrange(5)
    if k == 0:
        v = R.choice("ABCDEFGHJKLMNPRSTWY") + rdigits(7)
        st = "california"
    elif k == 1:
        v = rdigits(3, True) + " " + rdigits(3) + " " + rdigits(3)
        st = "new york"
    elif k == 2:
        v = rdigits(8, True)
        st = "texas"
    elif k == 3:
        v = R.choice("ABCDEFGHJKLMNPRSTWZ") + rdigits(3) + "-" + rdigits(3) + "-" + rdigits(2) + "-" + rdigits(3) + "-" + rdigits(1)
        st = "florida"
    else:
        v = R.choice("ABCDEFGHJKLMNPRSTWZ") + rdigits(3) + "-" + rdigits(4) + "-" + rdigits(4)
        st = "illinois"
    _N["dl"] = _N.get("dl", -1) + 1
    if _N["dl"] % 2 == 0:
        sp = alnum_spoken(v, R.choice(["oh", "zero"]))
        return R.choice(["vehicle", "police", "insurance"]), "asr", [R.choice([f"my {st} driver's license number is ", f"{st} license ", "the licence number on my driver's licence is "]),
                                                                    E("US_DRIVER_LICENSE", sp, True)]
    return R.choice(["vehicle", "police"]), "typed", [f"{st.title()} DL# ", E("US_DRIVER_LICENSE", v), R.choice([" verified at counter.", ", suspended status.", " (exp 2029)."])]


def g_passport():
    v = R.choice([rdigits(9, True), R.choice("ACEFHKLMNPQRSTUVWXYZ") + rdigits(8)])
    _N["pp"] = _N.get("pp", -1) + 1
    if _N["pp"] % 2 == 0:
        sp = alnum_spoken(v, R.choice(["oh", "zero"]), repeats=True)
        return R.choice(["tax", "police", "insurance"]), "asr", [R.choice(["my us passport number is ", "passport number ", "uh the passport's "]),
                                                                  E("US_PASSPORT", sp, True), R.choice(["", " it expires next year"])]
    return R.choice(["tax", "vehicle"]), "typed", ["ID verified with US passport ", E("US_PASSPORT", v), R.choice([".", " (exp 2031).", "; name matches."])]


def g_mrn():
    _N["mrn"] = _N.get("mrn", -1) + 1
    k = [2, 0, 2, 1, 2][_N["mrn"] % 5]
    if k == 0:
        v = R.choice(["MR", "H", "", "00"]) + rdigits(7)
        return R.choice(["insurance", "pharmacy"]), "typed", ["Pt ", P(R.choice(FULL), "typed"), ", MRN ", E("MEDICAL_RECORD_NUMBER", v), ", prior auth faxed to clinic."]
    if k == 1:
        v = rdigits(8)
        return "pharmacy", "typed", ["Medical record no. ", E("MEDICAL_RECORD_NUMBER", v), " linked to Rx profile."]
    v = digits_words(rdigits(8), R.choice(["oh", "zero"]))
    return R.choice(["insurance", "pharmacy"]), "asr", [R.choice(["the hospital gave me a medical record number, it's ", "my m r n is ", "medical record number "]),
                                                       E("MEDICAL_RECORD_NUMBER", v, True)]


def g_combo():
    """Several entities in one longer turn."""
    nm = R.choice(FULL)
    k = R.randrange(4)
    if k == 0:
        a, e, s = nanp()
        return "pharmacy", "asr", ["hi my name is ", P(nm, "asr"), " date of birth ",
                                   E("DATE_OF_BIRTH", f"{MONTHS[R.randint(0, 11)].lower()} {ORD[R.randint(1, 28)]} {year_words(R.randint(1940, 2000))}", True),
                                   " i need a refill on my metformin and you can call me on ", E("PHONE_NUMBER", spoken_nanp(a, e, s), True)]
    if k == 1:
        v = f"{R.randint(10, 999)} {R.choice(STREETS)} {R.choice(STYPES)}"
        return "police", "typed", ["Reporting party ", P(nm, "typed"), " at ", E("STREET_ADDRESS", v), ", cell ",
                                   E("PHONE_NUMBER", fmt_nanp(*nanp())), ". Report #", rdigits(8), " issued."]
    if k == 2:
        a, g, s = ssn()
        return "tax", "asr", ["okay it's ", P(nm, "asr"), " social ", E("US_SSN", digits_words(a + g + s, R.choice(["oh", "zero"])), True),
                              " and my email is ", E("EMAIL_ADDRESS", spoken_email(email_local(nm.split()[0], nm.split()[-1], True), R.choice(EMAIL_DOMAINS)), True)]
    mid = "W" + rdigits(9)
    return "insurance", "typed", ["Member ", P(nm, "typed"), " (ID ", E("ACCOUNT_NUMBER", mid), ", DOB ",
                                  E("DATE_OF_BIRTH", f"{R.randint(1, 12):02d}/{R.randint(1, 28):02d}/{R.randint(1945, 2005)}"),
                                  ") asked about claim ", rdigits(10), "; group ", rdigits(6), " is not the member ID."]


# ----------------------------------------------------------------- negatives

def amt():
    return R.choice([f"${R.randint(10, 999)}.{R.randint(0, 99):02d}", f"${R.randint(1, 9)},{R.randint(100, 999)}"])


def neg_templates():
    d4 = rdigits(4)
    T = [
        ("telecom", "asr", f"the bill says i owe {n2w(R.randint(100, 900))} dollars and {n2w(R.randint(2, 99))} cents which can't be right"),
        ("telecom", "asr", f"the balance owing is {digits_words(str(R.randint(100, 999)), 'zero', False)} dollars and {n2w(R.randint(10, 99))} cents"),
        ("housing", "asr", f"the meter reading is {digits_words(rdigits(5), 'oh')} as of this morning"),
        ("telecom", "typed", f"Meter read {rdigits(6)} kWh on {R.randint(1, 28)}/{R.randint(1, 12)}; estimated bill reversed."),
        ("housing", "asr", f"we used {n2w(R.randint(300, 1800))} kilowatt hours last month and the heater's not even on"),
        ("pharmacy", "asr", f"the prescription number is {digits_words(rdigits(7), 'oh')} can you check if it's ready"),
        ("pharmacy", "typed", f"Rx #{rdigits(7)} refilled, {R.choice([30, 60, 90])} tabs metformin {R.choice([500, 850, 1000])} mg, pickup after 3pm."),
        ("pharmacy", "asr", f"i take {n2w(R.choice([5, 10, 20, 40]))} milligrams twice a day and i'm down to {n2w(R.randint(2, 9))} tablets"),
        ("insurance", "asr", f"my claim number is {digits_words(rdigits(9), 'zero')} it was for the dentist"),
        ("insurance", "typed", f"Claim {rdigits(10)} denied: out-of-network. Appeal window 180 days."),
        ("insurance", "asr", f"the group number on the card is {digits_words(rdigits(6), 'oh')} is that what you need"),
        ("insurance", "typed", f"Group #{rdigits(7)} renewed at {R.randint(3, 12)}% premium increase."),
        ("police", "asr", f"i got an incident number it's {digits_words(rdigits(8), 'oh')} from last tuesday"),
        ("police", "typed", f"Police report {R.choice(['P', 'E', 'R'])}{rdigits(2)}-{rdigits(6)} attached to claim."),
        ("police", "asr", f"the event number they gave me was e {digits_words(rdigits(9), 'zero', False)}"),
        ("telecom", "asr", f"my order number is {digits_words(nxx(), 'oh', False)} {digits_words(nxx(), 'oh', False)} {digits_words(rdigits(4), 'oh', False)} for the new modem"),
        ("telecom", "typed", f"Order {nxx()}-{nxx()}-{rdigits(4)} shipped; tracking to follow."),
        ("tax", "typed", f"Reference number {rdigits(3)}-{rdigits(3)}-{rdigits(4)} quoted for the payment plan."),
        ("telecom", "typed", f"Ticket #{rdigits(8)} closed. Firmware {R.randint(1, 9)}.{R.randint(0, 20)}.{R.randint(0, 300)} pushed."),
        ("telecom", "asr", f"it's on version {n2w(R.randint(2, 12))} point {n2w(R.randint(0, 9))} point {n2w(R.randint(0, 40))} build {digits_words(rdigits(4), 'oh', False)}"),
        ("telecom", "typed", f"Error ref {format(R.getrandbits(32), '08x')}-{format(R.getrandbits(16), '04x')} in the portal log."),
        ("tax", "typed", f"Penalty of {amt()} reduced by {R.randint(10, 75)}% after review."),
        ("tax", "asr", f"i paid {n2w(R.randint(1, 9))} thousand {n2w(R.randint(1, 9))} hundred in instalments last year"),
        ("tax", "asr", f"is the deadline april {ORD[R.randint(15, 28)]} or can i file in may"),
        ("vehicle", "asr", f"my appointment's on the {ORD[R.randint(1, 28)]} of {MONTHS[R.randint(0, 11)].lower()} at {n2w(R.randint(1, 11))} thirty"),
        ("vehicle", "typed", f"Road test booked {MONTHS[R.randint(0, 11)]} {R.randint(1, 28)}, {R.randint(2026, 2027)} at {R.randint(8, 11)}:{R.choice(['00', '15', '30', '45'])}am."),
        ("vehicle", "asr", f"the car's a twenty {n2w(R.randint(10, 19))} corolla, about {n2w(R.randint(40, 180))} thousand k's on it"),
        ("vehicle", "typed", f"Plate fee ${R.randint(30, 200)}; weight class {R.randint(1, 6)}; tariff code {rdigits(4)}.{rdigits(2)}.{rdigits(2)}."),
        ("insurance", "typed", f"Flight {R.choice(['AC', 'QF', 'UA', 'WS', 'VA'])}{R.randint(10, 1999)} delayed; travel claim pending receipts."),
        ("police", "asr", f"it happened around {n2w(R.randint(1, 12))} {n2w(R.randint(10, 59))} last night near victoria station"),
        ("housing", "asr", f"the rent went up from {n2w(R.randint(14, 24))} hundred to {n2w(R.randint(25, 30))} hundred a month"),
        ("housing", "typed", f"Bond ${R.randint(1, 4)},{rdigits(3)} lodged; {R.randint(2, 6)} bedrooms, {R.randint(1, 3)} bathrooms."),
        ("housing", "asr", f"there's {n2w(R.randint(3, 12))} of us in a two bedroom flat and the mould's back"),
        ("tax", "asr", f"my postal code is {R.choice(['m five v three l nine', 'k one a oh b one', 'h three z two y seven'])} if you need it"),
        ("tax", "asr", f"my social insurance number is {digits_words('0' + rdigits(2), 'oh', False)} {digits_words(rdigits(3), 'oh', False)} {digits_words(rdigits(3), 'oh', False)}, i'm in ontario"),
        ("tax", "typed", f"SIN {R.choice('1234567')}{rdigits(2)} {rdigits(3)} {rdigits(3)} confirmed with CRA for the GST credit."),
        ("tax", "typed", f"TFN {rdigits(3)} {rdigits(3)} {rdigits(3)} provided; ATO lodgement for {R.choice(['2024-25', '2025-26'])}."),
        ("insurance", "asr", f"my medicare card number is {digits_words(rdigits(4), 'oh')} {digits_words(rdigits(5), 'oh')} {n2w(R.randint(1, 9))}, the australian one"),
        ("housing", "typed", f"Inspection at Fitzroy VIC {R.choice(['3065', '3011', '3121'])}: smoke alarms ok."),
        ("telecom", "asr", f"the speed test says {n2w(R.randint(8, 95))} megs down and {n2w(R.randint(1, 20))} up, it's supposed to be a hundred"),
        ("telecom", "typed", f"Packet loss {R.randint(2, 40)}% at node {R.randint(100, 999)}; {R.randint(2, 90)} customers affected."),
        ("pharmacy", "typed", f"Batch {R.choice(['L', 'B'])}{rdigits(6)}, exp {R.randint(1, 12):02d}/{R.randint(2026, 2029)}. Storage 2-8°C."),
        ("police", "typed", f"{R.randint(2, 9)} vehicles involved, {R.randint(0, 3)} injuries, road closed {R.randint(1, 5)} hours."),
        ("vehicle", "asr", f"the rego renewal was {digits_words(str(R.randint(300, 900)), 'oh', False)} point {digits_words(rdigits(2), 'oh', False)} dollars according to the letter"),
        ("insurance", "asr", f"my deductible is {n2w(R.randint(2, 5))} thousand and i've met {n2w(R.randint(10, 90))} percent of it"),
        ("telecom", "asr", f"the case number is c s {digits_words(rdigits(7), 'oh')} from your chat"),
        ("telecom", "asr", f"the balance is {digits_words(str(R.randint(100, 999)), 'zero', False)} point {digits_words(rdigits(2), 'zero', False)} and i already paid it"),
        ("insurance", "asr", "i'm calling about my bill, this is the third time"),
        ("police", "asr", "my name is on the lease but he won't let me back in the house"),
        ("housing", "asr", "it's me again about the heating, nobody has come out"),
        ("telecom", "asr", "can you ask for the manager to call me back tomorrow"),
        ("tax", "asr", "speaking of which, do i need to send the receipts or just keep them"),
        ("vehicle", "typed", f"VIN ending {rdigits(6)} matched; odometer {R.randint(20, 260)},{rdigits(3)} km."),
        ("pharmacy", "asr", f"the refill is due on the {ORD[R.randint(1, 28)]}, can i get it {n2w(R.randint(2, 5))} days early"),
        ("insurance", "typed", f"Policy {R.choice(['HX', 'PL', 'AUT'])}-{rdigits(7)} renewed {R.randint(1, 28)} {MONTHS[R.randint(0, 11)][:3]} {R.randint(2026, 2027)}; premium {amt()}."),
        ("police", "asr", f"they took about {n2w(R.randint(2, 9))} hundred dollars of tools out of the shed around {n2w(R.randint(1, 4))} a m"),
        ("housing", "typed", f"Waitlist position {R.randint(12, 480)} of {R.randint(500, 2400)}; priority category {R.randint(1, 4)}."),
        ("telecom", "typed", f"Port request {rdigits(4)}-{rdigits(4)}-{rdigits(4)} submitted; serial GX{rdigits(6)} on the modem."),
        ("tax", "asr", f"my income was about {n2w(R.randint(30, 95))} thousand {n2w(R.randint(1, 9))} hundred last financial year"),
        ("vehicle", "asr", f"the plate's {letters_spoken(R.choice(['ABC', 'XKD', 'RTM', 'BWQ']))} {digits_words(rdigits(3), 'oh', False)} and it's a white ute"),
        ("pharmacy", "typed", f"DIN {rdigits(8)} out of stock; substitute approved, qty {R.choice([28, 56, 84])}."),
        ("police", "asr", f"he's about {n2w(R.randint(25, 60))}, maybe {n2w(R.randint(5, 6))} foot {n2w(R.randint(1, 11))}, drove off in a blue hatchback"),
        ("housing", "asr", f"i've been on the waitlist since twenty {n2w(R.randint(15, 23))} and i'm number {n2w(R.randint(40, 300))} now"),
        ("tax", "asr", f"the notice says reference {digits_words(rdigits(3), 'oh', False)} {digits_words(rdigits(3), 'oh', False)} {digits_words(rdigits(4), 'oh', False)}, do you want that"),
        ("pharmacy", "asr", f"it's the {n2w(R.choice([250, 500, 875]))} milligram one, {n2w(R.choice([21, 28, 30]))} capsules"),
        ("telecom", "asr", f"the modem light's been flashing orange since about {n2w(R.randint(1, 11))} fifteen this morning"),
        ("vehicle", "asr", f"it's ticket number {digits_words(rdigits(8), 'oh')} for parking, i want to dispute it"),
        ("police", "typed", f"CAD incident {R.randint(2025, 2026)}-{rdigits(6)}; units cleared at {R.randint(10, 23)}:{R.randint(10, 59)}."),
    ]
    return T


WORD_NEG = [
    ("telecom", "asr", "i will call back tomorrow if it drops out again"),
    ("insurance", "asr", "is there a grace period on the premium or does it lapse straight away"),
    ("pharmacy", "asr", "may i ask if the pharmacist is still there"),
    ("telecom", "asr", "the bill went up again and nobody told me"),
    ("tax", "typed", "Mark the instalment as paid and waive the late fee."),
    ("housing", "asr", "the rent rose by twelve percent and i can't keep up"),
    ("housing", "asr", "i signed the lease in good faith and now they want me out"),
    ("police", "asr", "i hope someone can come out tonight, they're still yelling"),
    ("telecom", "asr", "it's sunny out so i don't know why the satellite's dropping"),
    ("tax", "typed", "See page 4 of the notice of assessment for the breakdown."),
    ("police", "asr", "they didn't chase him, he just drove off toward the freeway"),
    ("insurance", "asr", "my account's with chase bank not with you guys"),
    ("vehicle", "asr", "we're moving from the hunter valley down to newcastle"),
    ("police", "asr", "the fight was outside victoria station near the taxi rank"),
    ("housing", "asr", "i grew up in brooklyn but i rent in queens now"),
    ("tax", "asr", "i was working in paris for half the year, do i still file here"),
    ("insurance", "asr", "we went to jordan on holiday and i got sick there"),
    ("telecom", "asr", "we're on the isle of skye for a month, can i pause the plan"),
    ("housing", "asr", "the river flooded and the ground floor units are all wet"),
    ("vehicle", "asr", "it's a long journey to the licensing office from out here"),
    ("police", "typed", "Caller reports a hunter's vehicle parked on private land, no threat."),
    ("housing", "typed", "Site visit to the Brooklyn Road flats deferred to next week."),
    ("telecom", "asr", "my will says the account goes to my kids, how do i set that up"),
    ("pharmacy", "typed", "Patient asked to page the on-call pharmacist; no answer after 10 min."),
    ("insurance", "asr", "does the plan cover the physio in may or only from june"),
    ("police", "asr", "the guy was wearing a hunter green jacket and a cap"),
    ("tax", "asr", "i'll be in victoria for work, that's british columbia not australia"),
    ("housing", "asr", "there's no hope the landlord fixes it before winter"),
    ("vehicle", "typed", "River crossing closed; registration inspections moved to Paris, Ontario depot."),
    ("telecom", "asr", "can you mark down that i called so i don't get charged again"),
]


def g_negative():
    if R.random() < 0.36:
        return choose(WORD_NEG, "word")
    return choose(neg_templates(), "neg")


# ----------------------------------------------------------------- build

def main():
    plan = ([g_person] * 31 + [g_word_names] * 16 + [g_phone] * 19 + [g_email] * 9 + [g_ssn] * 9 +
            [g_card] * 10 + [g_bank] * 6 + [g_account] * 8 + [g_dob] * 8 + [g_address] * 12 +
            [g_zip_only] * 3 + [g_ip] * 7 + [g_dl] * 5 + [g_passport] * 4 + [g_mrn] * 5 + [g_combo] * 4)
    # g_iban is indexed so that every country appears, typed and spoken alternating
    n_iban = 12
    positives = len(plan) + n_iban
    n_neg = 112
    seen = set()
    for fn in plan:
        for _ in range(50):
            dom, style, parts = fn()
            before = len(RECORDS)
            add(dom, style, *parts)
            if RECORDS[-1]["text"] in seen:
                RECORDS.pop()
                continue
            seen.add(RECORDS[-1]["text"])
            break
    for i in range(n_iban):
        dom, style, parts = g_iban(i)
        add(dom, style, *parts)
        seen.add(RECORDS[-1]["text"])
    negs = 0
    tries = 0
    while negs < n_neg:
        tries += 1
        assert tries < 5000
        dom, style, text = g_negative()
        if text in seen:
            continue
        seen.add(text)
        add(dom, style, text)
        negs += 1
    assert len(RECORDS) == positives + n_neg, (len(RECORDS), positives, n_neg)
    R.shuffle(RECORDS)
    out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "blind7.jsonl")
    with open(out_path, "w", encoding="utf-8") as f:
        for i, r in enumerate(RECORDS):
            row = {"id": f"{SPLIT}-{i:03d}", "split": SPLIT, "domain": r["domain"], "style": r["style"],
                   "text": r["text"], "entities": r["entities"]}
            for e in row["entities"]:
                assert row["text"][e["start"]:e["end"]] == e["text"]
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(RECORDS)} utterances to {out_path}")


if __name__ == "__main__":
    main()
