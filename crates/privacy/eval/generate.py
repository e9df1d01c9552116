#!/usr/bin/env python3
"""Builds the labelled evaluation set eval/utterances.jsonl.

Utterances come from call-centre and helpline templates (utility, clinic,
bank, helpline, government, telecom, retail). Each template is filled with
fresh random values, typed ("512-555-0142") or spoken the way speech
recognition writes them ("five one two, five five five, oh one four two").

Two splits with DISJOINT templates and value pools:
  dev   templates the engine was developed against;
  test  held-out templates written separately, never used for tuning; the
        crate's eval test asserts the issue's targets on this split only.

Names are drawn from the census lists in ../data (rank ranges differ per
split). Run: python3 eval/generate.py  (deterministic: fixed seed).
"""
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"

DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
ORD = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
       "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
COMMON = set("will may mark bill grace hope june joy faith rose art guy jack pat sue dawn april august young white brown green black "
             "gray hall king wood hill little price rice bell cook rich page lane miles early love english french way best wells "
             "street north south west east ford car carter penny star stone rock brook golden gold silver day night dean chase "
             "hunter chance hart house field fields park moss well wolf fox bird lamb bush branch cherry olive ivy holly lily "
             "daisy iris violet ruby pearl crystal amber sandy dusty rusty buddy sonny honey sugar candy pepper ginger major "
             "law judge bishop pope power bond cash money reed read waters rivers lake snow rain frost storm clay son long "
             "baker walker porter sharp strong short small noble wise good love merry even fair lord duke prince queen "
             "christian chance sunday monday friday tuesday".split())


def names(path, lo, hi):
    rows = [l.strip() for l in open(path) if l.strip() and not l.startswith("#")]
    return [r for r in rows[lo:hi] if r not in COMMON and len(r) > 2]


def spoken_digits(s, rnd, oh=True, doubles=True, pauses=None):
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if not c.isdigit():
            i += 1
            continue
        if doubles and i + 1 < len(s) and s[i + 1] == c and rnd.random() < 0.35:
            run = 2
            if i + 2 < len(s) and s[i + 2] == c and rnd.random() < 0.5:
                out.append("triple " + DIGITS[int(c)])
                i += 3
                continue
            out.append("double " + DIGITS[int(c)])
            i += run
            continue
        w = DIGITS[int(c)]
        if c == "0" and oh and rnd.random() < 0.6:
            w = "oh"
        out.append(w)
        i += 1
    return " ".join(out)


def spoken_grouped(groups, rnd, sep=None):
    sep = sep if sep is not None else rnd.choice([" ", ", ", " ", " ... "])
    return sep.join(spoken_digits(g, rnd) for g in groups)


def two_digit_words(n):
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return TEENS[n - 10]
    t, u = divmod(n, 10)
    return TENS[t] + ("" if u == 0 else " " + DIGITS[u])


def year_words(y, rnd):
    if y >= 2000:
        r = y - 2000
        return "two thousand" + ("" if r == 0 else rnd.choice([" ", " and "]) + two_digit_words(r))
    return two_digit_words(y // 100) + " " + (("oh " + DIGITS[y % 100]) if y % 100 < 10 else two_digit_words(y % 100))


def ordinal_words(d):
    if d <= 20:
        return ORD[d]
    if d == 30:
        return "thirtieth"
    t, u = divmod(d, 10)
    return TENS[t] + " " + ORD[u]


def luhn_complete(prefix, length, rnd):
    s = prefix + "".join(rnd.choice("0123456789") for _ in range(length - len(prefix) - 1))
    for check in "0123456789":
        cand = s + check
        total = 0
        for i, ch in enumerate(reversed(cand)):
            d = int(ch)
            if i % 2 == 1:
                d *= 2
                if d > 9:
                    d -= 9
            total += d
        if total % 10 == 0:
            return cand
    raise AssertionError


def iban_make(country, bban):
    rearr = bban + country + "00"
    num = "".join(str(int(c, 36)) for c in rearr)
    check = 98 - int(num) % 97
    return f"{country}{check:02d}{bban}"


class Gen:
    def __init__(self, rnd, split):
        self.r = rnd
        self.split = split
        lo, hi = (0, 600) if split == "dev" else (600, 1400)
        self.first = names(DATA / "first_names.txt", lo, hi)
        self.last = names(DATA / "last_names.txt", lo * 4, hi * 4)
        self.streets = (["Oak", "Maple", "Cedar", "Pine", "Elm", "Lakeview", "Sunset", "Hillcrest", "Jefferson", "Madison"]
                        if split == "dev" else
                        ["Birch", "Willow", "Magnolia", "Lincoln", "Highland", "Riverside", "Chestnut", "Franklin", "Meadowbrook", "Sycamore"])
        self.suffixes = ["Street", "Avenue", "Road", "Drive", "Lane", "Boulevard", "Court", "Way", "Place", "St", "Ave", "Rd", "Dr"]
        self.domains = (["gmail", "yahoo", "outlook", "hotmail"] if split == "dev" else ["icloud", "aol", "protonmail", "comcast", "gmail"])

    # --- values: each returns (text, spoken?) ---
    def person(self, style):
        f = self.r.choice(self.first)
        l = self.r.choice(self.last)
        full = self.r.random() < 0.75
        s = f"{f.title()} {l.title()}" if full else f.title()
        return (s.lower() if style == "asr" else s), False

    def phone(self, style):
        r = self.r
        while True:
            area = f"{r.randint(2, 9)}{r.randint(0, 8)}{r.randint(0, 9)}"
            if area[1:] != "11":
                break
        exch = f"{r.randint(2, 9)}{r.randint(0, 9)}{r.randint(0, 9)}"
        if exch[1:] == "11":
            exch = exch[0] + "21"
        line = f"{r.randint(0, 9999):04d}"
        if style == "asr":
            if r.random() < 0.15:
                return "one " + spoken_grouped([area, exch, line], r), True
            return spoken_grouped([area, exch, line], r), True
        fmt = r.choice(["{a}-{e}-{l}", "({a}) {e}-{l}", "{a}.{e}.{l}", "{a}{e}{l}", "+1 {a} {e} {l}", "1-{a}-{e}-{l}", "{a} {e} {l}", "+44 20 {e}4 {l}"])
        return fmt.format(a=area, e=exch, l=line), False

    def email(self, style):
        r = self.r
        f, l = r.choice(self.first), r.choice(self.last)
        n = str(r.randint(1, 99)) if r.random() < 0.3 else ""
        local = r.choice([f"{f}.{l}", f"{f[0]}{l}", f"{f}{n}", f"{f}_{l}", f"{l}.{f[0]}"])
        dom = r.choice(self.domains)
        tld = r.choice(["com", "com", "net", "org"])
        if style == "asr":
            words = local.replace(".", " dot ").replace("_", " underscore ")
            if n:
                words = words.replace(n, " " + " ".join(DIGITS[int(c)] for c in n))
            words = " ".join(words.split())
            return f"{words} at {dom} dot {tld}", True
        if r.random() < 0.2:
            local = local.title()
        return f"{local}{n if n and n not in local else ''}@{dom}.{tld}".replace(n + n, n), False

    def ssn(self, style):
        r = self.r
        while True:
            a = r.randint(1, 899)
            if a != 666:
                break
        s = f"{a:03d}{r.randint(1, 99):02d}{r.randint(1, 9999):04d}"
        if style == "asr":
            return spoken_grouped([s[:3], s[3:5], s[5:]], r), True
        return r.choice([f"{s[:3]}-{s[3:5]}-{s[5:]}", f"{s[:3]} {s[3:5]} {s[5:]}", f"{s[:3]}-{s[3:5]}-{s[5:]}"]), False

    def card(self, style):
        r = self.r
        kind = r.choice(["visa", "mc", "amex", "disc", "visa"])
        if kind == "visa":
            n = luhn_complete("4", 16, r)
        elif kind == "mc":
            n = luhn_complete(str(r.randint(51, 55)), 16, r)
        elif kind == "amex":
            n = luhn_complete(r.choice(["34", "37"]), 15, r)
        else:
            n = luhn_complete("6011", 16, r)
        groups = [n[:4], n[4:10], n[10:]] if len(n) == 15 else [n[i:i + 4] for i in range(0, 16, 4)]
        if style == "asr":
            return spoken_grouped(groups, r, sep=r.choice([" ", ", "])), True
        return r.choice([" ".join(groups), "-".join(groups), n]), False

    def iban(self, style):
        r = self.r
        c = r.choice(["GB", "DE", "FR", "NL", "ES"] if self.split == "dev" else ["GB", "DE", "IT", "BE", "IE"])
        if c == "GB" or c == "IE":
            bban = r.choice(["WEST", "BARC", "NWBK", "AIBK"]) + "".join(r.choice("0123456789") for _ in range(14))
        elif c == "DE":
            bban = "".join(r.choice("0123456789") for _ in range(18))
        elif c == "FR":
            bban = "".join(r.choice("0123456789") for _ in range(23))
        elif c == "NL":
            bban = r.choice(["ABNA", "INGB", "RABO"]) + "".join(r.choice("0123456789") for _ in range(10))
        elif c == "ES":
            bban = "".join(r.choice("0123456789") for _ in range(20))
        elif c == "IT":
            bban = "X" + "".join(r.choice("0123456789") for _ in range(22))
        else:
            bban = "".join(r.choice("0123456789") for _ in range(12))
        ib = iban_make(c, bban)
        if r.random() < 0.6:
            return " ".join(ib[i:i + 4] for i in range(0, len(ib), 4)), False
        return ib, False

    def aba(self, style):
        r = self.r
        while True:
            p = r.choice(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "21", "22", "26", "31", "32"])
            body = p + "".join(r.choice("0123456789") for _ in range(6))
            w = [3, 7, 1, 3, 7, 1, 3, 7]
            s = sum(int(c) * w[i] for i, c in enumerate(body))
            n = body + str((10 - s % 10) % 10)
            return (spoken_digits(n, r), True) if style == "asr" else (n, False)

    def bank(self, style):
        n = "".join(self.r.choice("0123456789") for _ in range(self.r.randint(8, 12)))
        n = str(self.r.randint(1, 9)) + n[1:]
        return (spoken_digits(n, self.r), True) if style == "asr" else (n, False)

    def account(self, style):
        r = self.r
        n = str(r.randint(1, 9)) + "".join(r.choice("0123456789") for _ in range(r.randint(6, 10)))
        if style == "asr":
            return spoken_digits(n, r), True
        return r.choice([n, n, f"AC-{n[:7]}", f"{n[:4]}-{n[4:]}"]), False

    def dob(self, style):
        r = self.r
        y, m, d = r.randint(1930, 2005), r.randint(1, 12), r.randint(1, 28)
        if style == "asr":
            f = r.choice(["md", "dm", "digits"])
            if f == "md":
                return f"{MONTHS[m - 1]} {ordinal_words(d)} {year_words(y, r)}", True
            if f == "dm":
                return f"the {ordinal_words(d)} of {MONTHS[m - 1]} {year_words(y, r)}", True
            return f"{spoken_digits(f'{m:02d}', r)} {two_digit_words(d) if d > 9 else spoken_digits(f'{d:02d}', r)} {year_words(y, r)}", True
        f = r.choice(["us", "iso", "long", "long2"])
        if f == "us":
            return f"{m:02d}/{d:02d}/{y}", False
        if f == "iso":
            return f"{y}-{m:02d}-{d:02d}", False
        suf = "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
        if f == "long":
            return f"{MONTHS[m - 1].title()} {d}{suf}, {y}", False
        return f"{d} {MONTHS[m - 1].title()} {y}", False

    def address(self, style):
        r = self.r
        num = str(r.randint(1, 9999))
        st = r.choice(self.streets)
        suf = r.choice(self.suffixes)
        unit = r.choice(["", "", f" Apt {r.randint(1, 30)}", f" Suite {r.randint(100, 400)}", f" Unit {r.randint(1, 9)}B"])
        if style == "asr":
            s = f"{spoken_digits(num, r, doubles=False)} {st} {suf if len(suf) > 3 else 'street'}".lower()
            if unit and r.random() < 0.5:
                s += " apartment " + spoken_digits(str(r.randint(1, 30)), r)
            return s, True
        return f"{num} {st} {suf}{unit}", False

    def zipc(self, style):
        z = f"{self.r.randint(10000, 99950)}"
        return (spoken_digits(z, self.r), True) if style == "asr" else (z, False)

    def ip(self, style):
        r = self.r
        if style != "asr" and r.random() < 0.3:
            return ":".join(f"{r.randint(0, 65535):x}" for _ in range(8)), False
        g = [r.choice([10, 172, 192, r.randint(11, 223)]), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)]
        if style == "asr":
            return " dot ".join(spoken_digits(str(x), r, oh=False, doubles=False) for x in g), True
        return ".".join(map(str, g)), False

    def dl(self, style):
        r = self.r
        n = "".join(r.choice("0123456789") for _ in range(7))
        L = r.choice("ABCDEFGHJKLMNPRSTWY")
        if style == "asr":
            return f"{L.lower()} {spoken_digits(n, r)}", True
        return r.choice([f"{L}{n}", f"{L}{n}", f"{r.randint(1, 9)}{n}"]), False

    def passport(self, style):
        r = self.r
        n = str(r.randint(1, 9)) + "".join(r.choice("0123456789") for _ in range(8))
        if style == "asr":
            return spoken_digits(n, r), True
        return n, False

    def mrn(self, style):
        r = self.r
        n = "".join(r.choice("0123456789") for _ in range(r.randint(6, 8)))
        if style == "asr":
            return spoken_digits(n, r), True
        return r.choice([f"MRN-{n}", n, f"MR{n}"]), False

    # --- negatives (not labelled) ---
    def neg(self, kind, style):
        r = self.r
        if kind == "MONEY":
            v = r.choice([f"${r.randint(10, 999)}.{r.randint(0, 99):02d}", f"{r.randint(20, 5000)} dollars", f"${r.randint(1000, 99999):,}"])
            if style == "asr":
                return r.choice([f"{two_digit_words(r.randint(20, 99))} dollars", f"{DIGITS[r.randint(1, 9)]} hundred and {two_digit_words(r.randint(10, 99))} dollars", f"{r.randint(100, 999)} dollars"])
            return v
        if kind == "METER":
            return str(r.randint(10000, 999999)) if style != "asr" else spoken_digits(str(r.randint(10000, 99999)), r)
        if kind == "TIME":
            return r.choice([f"{r.randint(1, 12)}:{r.choice(['00', '15', '30', '45'])} {r.choice(['am', 'pm'])}", f"{r.randint(1, 12)} o'clock", "noon", f"{two_digit_words(r.randint(1, 12))} thirty"])
        if kind == "YEAR":
            return str(r.randint(1990, 2025))
        if kind == "QTY":
            return r.choice([f"{r.randint(2, 60)} {u}" for u in ["units", "boxes", "tablets", "gallons", "kilowatt hours", "minutes", "pounds"]])
        if kind == "ORDER":
            n = "".join(r.choice("0123456789") for _ in range(r.choice([8, 9, 10, 11, 12])))
            return n if style != "asr" else spoken_digits(n, r)
        if kind == "TICKET":
            return r.choice([f"INC{r.randint(100000, 9999999)}", f"#{r.randint(10000, 999999)}", f"{r.randint(100000, 99999999)}", f"TKT-{r.randint(10000, 99999)}"])
        if kind == "GUID":
            return "-".join("".join(r.choice("0123456789abcdef") for _ in range(k)) for k in (8, 4, 4, 4, 12))
        raise KeyError(kind)


ENT = {
    "PERSON": ("PERSON", "person"), "PHONE": ("PHONE_NUMBER", "phone"), "EMAIL": ("EMAIL_ADDRESS", "email"),
    "SSN": ("US_SSN", "ssn"), "CARD": ("CREDIT_CARD", "card"), "IBAN": ("IBAN_CODE", "iban"), "ABA": ("ABA_ROUTING_NUMBER", "aba"),
    "BANK": ("US_BANK_NUMBER", "bank"), "ACCOUNT": ("ACCOUNT_NUMBER", "account"), "DOB": ("DATE_OF_BIRTH", "dob"),
    "ADDRESS": ("STREET_ADDRESS", "address"), "ZIP": ("ZIP_CODE", "zipc"), "IP": ("IP_ADDRESS", "ip"), "DL": ("US_DRIVER_LICENSE", "dl"),
    "PASSPORT": ("US_PASSPORT", "passport"), "MRN": ("MEDICAL_RECORD_NUMBER", "mrn"),
}
NEGS = {"MONEY", "METER", "TIME", "YEAR", "QTY", "ORDER", "TICKET", "GUID"}


def fill(template, gen, style):
    text = ""
    ents = []
    i = 0
    while i < len(template):
        j = template.find("{", i)
        if j < 0:
            text += template[i:]
            break
        text += template[i:j]
        k = template.index("}", j)
        key = template[j + 1:k]
        if key in ENT:
            etype, fn = ENT[key]
            val, spoken = getattr(gen, fn)(style)
            ents.append({"type": etype, "start": len(text), "end": len(text) + len(val), "text": val, "spoken": spoken})
            text += val
        else:
            text += gen.neg(key, style)
        i = k + 1
    if style == "asr":
        # Speech recognisers write lower case with little punctuation.
        low = text.lower().replace("?", "").replace("!", "")
        assert len(low) == len(text) or True
        # Recompute offsets after removal of punctuation.
        out, ents2 = "", []
        mapping = []
        for idx, ch in enumerate(text.lower()):
            mapping.append(len(out))
            if ch in "?!" :
                continue
            out += ch
        mapping.append(len(out))
        for e in ents:
            s, t = mapping[e["start"]], mapping[e["end"]]
            ents2.append({**e, "start": s, "end": t, "text": out[s:t]})
        return out, ents2
    return text, ents


def main():
    templates = {}
    for split in ("dev", "test"):
        templates[split] = [l.rstrip("\n") for l in open(HERE / f"templates_{split}.txt") if l.strip() and not l.startswith("#")]
    rows = []
    for split, seed in (("dev", 7), ("test", 20261122)):
        rnd = random.Random(seed)
        gen = Gen(rnd, split)
        for ti, line in enumerate(templates[split]):
            domain, styles, template = line.split("|", 2)
            for rep in range(6):
                style = rnd.choice(styles.split(","))
                text, ents = fill(template.strip(), gen, style)
                rows.append({"id": f"{split}-{ti:03d}-{rep}", "split": split, "domain": domain.strip(), "style": style, "text": text, "entities": ents})
    with open(HERE / "utterances.jsonl", "w") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")
    print(len(rows), "utterances")


if __name__ == "__main__":
    main()
