#!/usr/bin/env python3
"""Builds eval/unseen.jsonl, the "unseen" evaluation set (split "unseen").

Written after session 1 and BEFORE the engine was run on it, in phrasings the
dev/test templates do not use: helpline, utility, telecom, government and
delivery calls; ASR-style lower case without any punctuation; Whisper-style
transcripts where digits come out as numerals in comma lists ("6, 1, 10, and 4,
9, 2, ..."), spelled names ("J-O-H-N", "s m i t h"), spoken IBANs and e-mails
spelled letter by letter; and many negatives said the same way (money lists,
"between 2 and 3 o'clock", meter readings, order/ticket/case numbers, ages).

Templates: eval/templates_unseen.txt. Names come from census rank ranges that
neither dev nor test uses. Deterministic: python3 eval/generate_unseen.py
"""
import json
import random
from pathlib import Path

from generate import (DIGITS, MONTHS, TEENS, DATA, names, spoken_digits, two_digit_words, year_words, ordinal_words,
                      luhn_complete, iban_make)

HERE = Path(__file__).resolve().parent
LETTER_NAMES = {c: c for c in "abcdefghijklmnopqrstuvwxyz"}


def whisper_digits(s, rnd, merge_ten=0.25, and_last=0.3):
    """Digits the way Whisper writes a spoken digit string: "6, 1, 10, and 4, 9"."""
    out = []
    i = 0
    while i < len(s):
        if s[i] == "1" and i + 1 < len(s) and s[i + 1] == "0" and rnd.random() < merge_ten:
            out.append("10")
            i += 2
            continue
        out.append(s[i])
        i += 1
    if len(out) > 3 and rnd.random() < and_last:
        k = rnd.randint(len(out) // 2, len(out) - 1)
        out[k] = "and " + out[k]
    return ", ".join(out)


def spell(word, rnd, style):
    letters = [c for c in word.lower() if c.isalpha()]
    if style == "asr":
        return " ".join(letters)
    f = rnd.choice(["dash", "space", "comma", "dash"])
    up = [c.upper() for c in letters]
    return {"dash": "-".join(up), "space": " ".join(up), "comma": ", ".join(up)}[f]


class Gen:
    def __init__(self, rnd):
        self.r = rnd
        self.first = names(DATA / "first_names.txt", 1400, 2600)
        self.last = names(DATA / "last_names.txt", 5600, 12000)
        self.streets = ["Juniper", "Aspen", "Hawthorn", "Prospect", "Orchard", "Cypress", "Beacon", "Harbor", "Summit", "Dogwood"]
        self.suffixes = ["Street", "Avenue", "Road", "Drive", "Lane", "Court", "Place", "Terrace", "Circle"]
        self.domains = ["mail", "fastmail", "ymail", "live", "gmail", "msn"]
        self.last_person = None

    def nanp(self, valid=True):
        r = self.r
        while True:
            area = f"{r.randint(2, 9)}{r.randint(0, 8)}{r.randint(0, 9)}"
            if area[1:] != "11":
                break
        exch = f"{r.randint(2, 9)}{r.randint(0, 9)}{r.randint(0, 9)}"
        if exch[1:] == "11":
            exch = exch[0] + "31"
        line = f"{r.randint(0, 9999):04d}"
        if not valid:
            # An ASR slip: a digit misheard makes the area code or exchange invalid.
            if r.random() < 0.5:
                area = r.choice("01") + area[1:]
            else:
                exch = r.choice("01") + exch[1:]
        return area, exch, line

    # --- values: (text, spoken?) ---
    def person(self, style):
        f, l = self.r.choice(self.first), self.r.choice(self.last)
        self.last_person = l
        s = f"{f.title()} {l.title()}" if self.r.random() < 0.7 else f.title()
        return (s.lower() if style == "asr" else s), False

    def spelled(self, style):
        r = self.r
        if self.last_person and r.random() < 0.8:
            w, self.last_person = self.last_person, None
            return spell(w, r, style), True
        f, l = r.choice(self.first), r.choice(self.last)
        if r.random() < 0.5:
            s = spell(f, r, style) + " " + (l.lower() if style == "asr" else l.title())
        else:
            s = spell(l, r, style)
        return s, True

    def phone(self, style):
        r = self.r
        a, e, l = self.nanp(valid=r.random() > 0.15)
        d = a + e + l
        if style == "asr":
            f = r.choice(["flat", "flat", "and", "pairs", "oh"])
            if f == "flat":
                return spoken_digits(d, r), True
            if f == "and":
                return f"{spoken_digits(a, r)} {spoken_digits(e, r)} and {spoken_digits(l, r)}", True
            if f == "pairs":
                tail = " ".join(two_digit_words(int(l[i:i + 2])) if l[i] != "0" else spoken_digits(l[i:i + 2], r)
                                for i in (0, 2))
                return f"{spoken_digits(a, r)} {spoken_digits(e, r)} {tail}", True
            return " ".join("oh" if c == "0" else DIGITS[int(c)] for c in d), True
        if style == "typed":
            return r.choice([f"{a}-{e}-{l}", f"({a}) {e}-{l}", f"{a}.{e}.{l}"]).format(), False
        f = r.choice(["commas", "commas", "commas", "dashed", "paren", "spaced", "groups", "words"])
        if f == "commas":
            return whisper_digits(d, r), True
        if f == "dashed":
            return f"{a}-{e}-{l}", False
        if f == "paren":
            return f"({a}) {e} {l}", False
        if f == "spaced":
            return " ".join(d), True
        if f == "groups":
            return f"{a}, {e}, {l}", False
        return ", ".join(" ".join(DIGITS[int(c)] for c in g) for g in (a, e, l)), True

    def email(self, style):
        r = self.r
        f, l = r.choice(self.first).lower(), r.choice(self.last).lower()
        dom = r.choice(self.domains)
        tld = r.choice(["com", "com", "net", "org"])
        kind = r.choice(["plain", "spelled", "initial", "under"])
        if style == "typed" or (style == "whisper" and r.random() < 0.4):
            local = {"plain": f"{f}.{l}", "spelled": f"{f}{l[0]}", "initial": f"{f[0]}{l}", "under": f"{f}_{l}"}[kind]
            return f"{local}@{dom}.{tld}", False
        if kind == "plain":
            local = f"{f} dot {l}"
        elif kind == "spelled":
            local = " ".join(f) + f" dot {l}"
        elif kind == "initial":
            local = f"{f[0]} {l}"
        else:
            local = f"{f} underscore {l}"
        return f"{local} at {dom} dot {tld}", True

    def ssn(self, style):
        r = self.r
        a = r.choice([x for x in range(1, 900) if x != 666])
        s = f"{a:03d}{r.randint(1, 99):02d}{r.randint(1, 9999):04d}"
        if style == "asr":
            return r.choice([spoken_digits(s, r), " ".join(spoken_digits(g, r) for g in (s[:3], s[3:5], s[5:]))]), True
        f = r.choice(["commas", "dashed", "spaced"])
        if f == "commas":
            return whisper_digits(s, r, merge_ten=0.1, and_last=0.2), True
        return (f"{s[:3]}-{s[3:5]}-{s[5:]}" if f == "dashed" else f"{s[:3]} {s[3:5]} {s[5:]}"), False

    def card(self, style):
        r = self.r
        n = r.choice([luhn_complete("4", 16, r), luhn_complete(str(r.randint(51, 55)), 16, r), luhn_complete("37", 15, r)])
        groups = [n[:4], n[4:10], n[10:]] if len(n) == 15 else [n[i:i + 4] for i in range(0, 16, 4)]
        if style == "asr":
            return " ".join(spoken_digits(g, r) for g in groups), True
        f = r.choice(["groups", "commas", "grouped_commas"])
        if f == "groups":
            return " ".join(groups), False
        if f == "commas":
            return whisper_digits(n, r, merge_ten=0.1, and_last=0.0), True
        return ", ".join(groups), False

    def iban(self, style):
        r = self.r
        c = r.choice(["GB", "DE", "NL", "FR", "IE", "CH"])
        if c in ("GB", "IE"):
            bban = r.choice(["WEST", "BARC", "LOYD", "BOFI"]) + "".join(r.choice("0123456789") for _ in range(14))
        elif c == "NL":
            bban = r.choice(["ABNA", "INGB", "TRIO"]) + "".join(r.choice("0123456789") for _ in range(10))
        elif c == "DE":
            bban = "".join(r.choice("0123456789") for _ in range(18))
        elif c == "FR":
            bban = "".join(r.choice("0123456789") for _ in range(23))
        else:
            bban = "".join(r.choice("0123456789") for _ in range(17))
        ib = iban_make(c, bban)
        if style == "asr" or (style == "whisper" and r.random() < 0.5):
            out = []
            for ch in ib:
                if ch.isdigit():
                    out.append(DIGITS[int(ch)] if style == "asr" else ch)
                else:
                    out.append(ch.lower() if style == "asr" else ch)
            return " ".join(out), True
        return " ".join(ib[i:i + 4] for i in range(0, len(ib), 4)), False

    def aba(self, style):
        r = self.r
        body = r.choice(["01", "02", "03", "06", "07", "11", "12", "21", "22", "26", "31"]) + "".join(r.choice("0123456789") for _ in range(6))
        w = [3, 7, 1, 3, 7, 1, 3, 7]
        n = body + str((10 - sum(int(c) * w[i] for i, c in enumerate(body)) % 10) % 10)
        if style == "asr":
            return spoken_digits(n, r), True
        return (whisper_digits(n, r, and_last=0.0), True) if style == "whisper" and r.random() < 0.5 else (n, False)

    def digits_value(self, n, style):
        if style == "asr":
            return spoken_digits(n, self.r), True
        if style == "whisper" and self.r.random() < 0.5:
            return whisper_digits(n, self.r, and_last=0.15), True
        return n, False

    def bank(self, style):
        n = str(self.r.randint(1, 9)) + "".join(self.r.choice("0123456789") for _ in range(self.r.randint(8, 11)))
        return self.digits_value(n, style)

    def account(self, style):
        n = str(self.r.randint(1, 9)) + "".join(self.r.choice("0123456789") for _ in range(self.r.randint(6, 9)))
        return self.digits_value(n, style)

    def mrn(self, style):
        n = str(self.r.randint(1, 9)) + "".join(self.r.choice("0123456789") for _ in range(self.r.randint(5, 7)))
        return self.digits_value(n, style)

    def passport(self, style):
        n = str(self.r.randint(1, 9)) + "".join(self.r.choice("0123456789") for _ in range(8))
        return self.digits_value(n, style)

    def dl(self, style):
        r = self.r
        L = r.choice("ABCDEFGHJKLMNPRSTWY")
        n = "".join(r.choice("0123456789") for _ in range(r.choice([7, 8])))
        if style == "asr":
            return f"{L.lower()} {spoken_digits(n, r)}", True
        if style == "whisper" and r.random() < 0.5:
            return f"{L}, {whisper_digits(n, r, and_last=0.0)}", True
        return f"{L}{n}", False

    def zipc(self, style):
        z = f"{self.r.randint(1000, 99950):05d}"
        return self.digits_value(z, style)

    def dob(self, style):
        r = self.r
        y, m, d = r.randint(1940, 2010), r.randint(1, 12), r.randint(1, 28)
        if style == "asr":
            if r.random() < 0.5:
                return f"{MONTHS[m - 1]} {ordinal_words(d)} {year_words(y, r)}", True
            return f"the {ordinal_words(d)} of {MONTHS[m - 1]} {year_words(y, r)}", True
        suf = "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
        return r.choice([f"{MONTHS[m - 1].title()} {d}{suf}, {y}", f"{m}/{d}/{y}", f"the {d}{suf} of {MONTHS[m - 1].title()}, {y}"]), False

    def address(self, style):
        r = self.r
        num = str(r.randint(2, 9999))
        st, suf = r.choice(self.streets), r.choice(self.suffixes)
        if style == "asr":
            if len(num) == 4 and num[2] != "0" and r.random() < 0.5:
                words = f"{two_digit_words(int(num[:2])) if num[0] != '0' else num[:2]} {two_digit_words(int(num[2:]))}"
            else:
                words = spoken_digits(num, r, doubles=False)
            return f"{words} {st.lower()} {suf.lower()}", True
        return f"{num} {st} {suf}", False

    def ip(self, style):
        r = self.r
        g = [r.choice([10, 192, 172, r.randint(11, 223)]), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)]
        if style == "asr":
            return " dot ".join(spoken_digits(str(x), r, oh=False, doubles=False) for x in g), True
        return ".".join(map(str, g)), False

    # --- negatives (not labelled) ---
    def neg(self, kind, style):
        r = self.r
        w = style == "asr"
        if kind == "MONEYLIST":
            vals = [r.choice([r.randint(5, 99), r.randint(100, 400)]) for _ in range(r.randint(2, 4))]
            if w:
                parts = [two_digit_words(v) if v < 100 else spoken_digits(str(v), r) for v in vals]
                return " ".join(parts[:-1]) + " and " + parts[-1] + " dollars"
            if r.random() < 0.5:
                return ", ".join(map(str, vals[:-1])) + f" and {vals[-1]} dollars"
            return ", ".join(f"${v}" for v in vals[:-1]) + f" and ${vals[-1]}"
        if kind == "METERLIST":
            n = "".join(r.choice("0123456789") for _ in range(r.randint(5, 7)))
            return spoken_digits(n, r) if w else (whisper_digits(n, r, and_last=0.0) if r.random() < 0.6 else n)
        if kind == "ORDERLIST":
            n = str(r.randint(1, 9)) + "".join(r.choice("0123456789") for _ in range(r.choice([7, 8, 9, 10, 11])))
            return spoken_digits(n, r) if w else (whisper_digits(n, r) if r.random() < 0.6 else n)
        if kind == "HOURS":
            a = r.randint(1, 10)
            b = a + r.randint(1, 2)
            if w:
                return f"{two_digit_words(a)} and {two_digit_words(b)}" + r.choice(["", " o'clock", " pm"])
            return f"{a} and {b}" + r.choice(["", " o'clock", " p.m.", "pm"])
        if kind == "AGES":
            ages = sorted(r.sample(range(2, 17), r.randint(2, 3)))
            if w:
                return " ".join(two_digit_words(a) for a in ages[:-1]) + " and " + two_digit_words(ages[-1])
            return ", ".join(map(str, ages[:-1])) + f" and {ages[-1]}"
        if kind == "YEARLIST":
            ys = sorted(r.sample(range(2015, 2025), 2))
            if w:
                return " and ".join("twenty " + two_digit_words(y - 2000) for y in ys)
            return " and ".join(map(str, ys))
        if kind == "QTY":
            q = r.randint(2, 60)
            u = r.choice(["weeks", "minutes", "boxes", "kilowatt hours", "months", "hours", "gallons"])
            return f"{two_digit_words(q)} {u}" if w else f"{q} {u}"
        if kind == "DOSES":
            return r.choice(["two or three", "one and a half"]) if w else r.choice(["2 or 3", "1 or 2", "3, 4"])
        if kind == "YEARS":
            y = r.randint(3, 30)
            return two_digit_words(y) if w else str(y)
        if kind == "HOTLINE":
            return r.choice(["nine one one", "nine eight eight", "the police"]) if w else r.choice(["911", "988", "9-1-1"])
        if kind == "EXPIRY":
            m, y = r.randint(1, 12), r.randint(25, 31)
            return f"{spoken_digits(f'{m:02d}', r)} {two_digit_words(y)}" if w else f"{m:02d}/{y}"
        if kind == "TIME":
            h = r.randint(1, 12)
            return f"{two_digit_words(h)} thirty" if w else r.choice([f"{h}:30", f"{h} o'clock", f"{h}:15 p.m."])
        if kind == "ROUTE":
            n = r.choice(["95", "101", "405", "80"])
            return spoken_digits(n, r) if w else n
        if kind == "MENU":
            return r.choice(["one", "two or three"]) if w else r.choice(["1", "2 or 3", "1, 2"])
        if kind == "EXT":
            n = str(r.randint(1000, 9999))
            return spoken_digits(n, r) if w else r.choice([n, ", ".join(n)])
        if kind == "ROOM":
            n = str(r.randint(100, 499))
            return spoken_digits(n, r) if w else r.choice([n, ", ".join(n)])
        if kind == "FLIGHT":
            n = str(r.randint(100, 2999))
            return spoken_digits(n, r) if w else r.choice([n, ", ".join(n), "UA " + n])
        raise KeyError(kind)


ENT = {
    "PERSON": ("PERSON", "person"), "SPELLED": ("PERSON", "spelled"), "PHONE": ("PHONE_NUMBER", "phone"),
    "EMAIL": ("EMAIL_ADDRESS", "email"), "SSN": ("US_SSN", "ssn"), "CARD": ("CREDIT_CARD", "card"),
    "IBAN": ("IBAN_CODE", "iban"), "ABA": ("ABA_ROUTING_NUMBER", "aba"), "BANK": ("US_BANK_NUMBER", "bank"),
    "ACCOUNT": ("ACCOUNT_NUMBER", "account"), "DOB": ("DATE_OF_BIRTH", "dob"), "ADDRESS": ("STREET_ADDRESS", "address"),
    "ZIP": ("ZIP_CODE", "zipc"), "IP": ("IP_ADDRESS", "ip"), "DL": ("US_DRIVER_LICENSE", "dl"),
    "PASSPORT": ("US_PASSPORT", "passport"), "MRN": ("MEDICAL_RECORD_NUMBER", "mrn"),
}


def fill(template, gen, style):
    """Fills one template; in asr style the template text (not the values) loses case and punctuation."""
    text, ents = "", []
    i = 0
    while i < len(template):
        j = template.find("{", i)
        lit = template[i:] if j < 0 else template[i:j]
        if style == "asr":
            lit = "".join(c for c in lit.lower() if c not in ".,?!;:()")
        text += lit
        if j < 0:
            break
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
    text2 = " ".join(text.split())
    assert text2 == text, (template, text)
    return text, ents


def main():
    rows = []
    rnd = random.Random(20261123)
    gen = Gen(rnd)
    lines = [l.rstrip("\n") for l in open(HERE / "templates_unseen.txt") if l.strip() and not l.startswith("#")]
    for ti, line in enumerate(lines):
        domain, styles, template = line.split("|", 2)
        for rep in range(4):
            style = styles.split(",")[rep % len(styles.split(","))]
            gen.last_person = None
            text, ents = fill(template.strip(), gen, style)
            rows.append({"id": f"unseen-{ti:03d}-{rep}", "split": "unseen", "domain": domain, "style": style,
                         "text": text, "entities": ents})
    with open(HERE / "unseen.jsonl", "w") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")
    n_ent = sum(len(r["entities"]) for r in rows)
    n_neg = sum(1 for r in rows if not r["entities"])
    print(len(rows), "utterances,", n_ent, "entities,", n_neg, "without any")


if __name__ == "__main__":
    main()
