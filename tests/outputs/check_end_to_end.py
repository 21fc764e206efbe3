#!/usr/bin/env python3
"""End to end through the real binary: builds a small synthetic laptop disk and USB stick with
planted personal data (made-up people; NHS numbers from the 999 range that is never issued),
scans them into every format and re-renders every format from the JSON Lines with `datasweep
report`, then checks that no output holds a planted raw value, that reports are created mode
0600, that the exit code says "violations", that SARIF validates and CSV parses.

Usage: check_end_to_end.py DATASWEEP_BINARY WORKDIR SARIF_SCHEMA"""
import csv
import io
import json
import os
import random
import shutil
import stat
import subprocess
import sys
import zipfile

FIRST = ["Amelia", "Oliver", "Isla", "Noah", "Ava", "Leo", "Freya", "Arthur", "Ivy", "Oscar",
         "Rosie", "Theo", "Maisie", "Finley"]
LAST = ["Hartley", "Pembers", "Quilliam", "Ashdown", "Treloar", "Vickery", "Ormerod",
        "Blenkinsop", "Fairbairn", "Gillow", "Kershaw", "Lumb", "Nuttall", "Pickles"]
FORMATS = ["text", "jsonl", "csv", "sarif", "html"]


def nhs_number(rng):
    """A mod-11-valid number in 999 000 0000-999 999 9999, the range NHS never issues."""
    while True:
        digits = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11
        if check == 11:
            check = 0
        if check != 10:
            return "".join(map(str, digits + [check]))


def people(rng, n):
    out = []
    for i in range(n):
        first, last = FIRST[i % len(FIRST)], LAST[(i * 5) % len(LAST)]
        nhs = nhs_number(rng)
        out.append({
            "name": f"{first} {last}",
            "nhs": nhs,
            "nhs_spaced": f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}",
            "dob": f"{rng.randrange(1, 28):02d}/{rng.randrange(1, 13):02d}/{rng.randrange(2010, 2016)}",
            "postcode": f"S{rng.randrange(60, 67)} {rng.randrange(1, 9)}{rng.choice('ABDEFGHJ')}"
                        f"{rng.choice('LNPQRSTU')}",
            "email": f"{first.lower()}.{last.lower()}{rng.randrange(10, 99)}@gmail.com",
        })
    return out


def table(rows):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["Pupil name", "NHS number", "Date of birth", "Postcode", "Parent email"])
    for p in rows:
        w.writerow([p["name"], p["nhs_spaced"], p["dob"], p["postcode"], p["email"]])
    return buf.getvalue()


def build_tree(root, rng):
    laptop = os.path.join(root, "laptop", "Users", "jsmith", "Desktop")
    usb = os.path.join(root, "usb")
    os.makedirs(laptop)
    os.makedirs(usb)
    cohort = people(rng, 14)
    open(os.path.join(laptop, "Year 7 medical.csv"), "w").write(table(cohort))
    open(os.path.join(laptop, "=SUM(A1)+notes.txt"), "w").write("Shopping list: milk, eggs.\n")
    open(os.path.join(usb, "trip contacts.csv"), "w").write(table(cohort[2:13]))
    with zipfile.ZipFile(os.path.join(usb, "export.zip"), "w") as z:
        z.writestr("pupils/contacts.csv", table(cohort[:12]))
    planted = set()
    for p in cohort:
        planted.update([p["nhs"], p["nhs_spaced"], p["dob"], p["email"], p["name"]])
    return planted


def run(cmd, failures, want_codes):
    proc = subprocess.run(cmd, capture_output=True, timeout=240)
    if proc.returncode not in want_codes:
        failures.append(f"{' '.join(cmd[1:4])}...: exit {proc.returncode}, want {want_codes}: "
                        f"{proc.stderr.decode('utf-8', 'replace')[-500:]}")
    return proc


def main():
    binary, work, schema = sys.argv[1], sys.argv[2], sys.argv[3]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    rng = random.Random(20260302)
    planted = build_tree(os.path.join(work, "tree"), rng)
    laptop, usb = os.path.join(work, "tree", "laptop"), os.path.join(work, "tree", "usb")
    scan = [binary, "scan", laptop, usb, "--location", f"{laptop}=local,drive=C:",
            "--location", f"{usb}=removable", "-j", "2", "--quiet"]
    failures = []
    outputs = {}
    for fmt in FORMATS:
        path = os.path.join(work, f"scan.{fmt}")
        run(scan + ["-f", fmt, "-o", path], failures, [1])
        outputs[path] = fmt
    for fmt in FORMATS:
        path = os.path.join(work, f"report.{fmt}")
        run([binary, "report", os.path.join(work, "scan.jsonl"), "-f", fmt, "-o", path],
            failures, [0, 1])
        outputs[path] = fmt
    stdout = run(scan, failures, [1]).stdout.decode("utf-8", "replace")

    for path, fmt in outputs.items():
        if not os.path.exists(path):
            failures.append(f"{path} was not written")
            continue
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode & 0o077:
            failures.append(f"{path} is mode {oct(mode)}: reports must be owner-only")
        text = open(path, "rb").read().decode("utf-8", "replace")
        for value in planted:
            if value in text:
                failures.append(f"{os.path.basename(path)} holds the planted value {value!r}")
        if fmt == "csv":
            rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))
            names = [r["path"] for r in rows]
            if not any(n.endswith("=SUM(A1)+notes.txt") for n in names):
                failures.append(f"{path}: the formula-named file is missing: {names}")
            if not any(r["class"] == "RESTRICTED" for r in rows):
                failures.append(f"{path}: no RESTRICTED row")
        if fmt == "sarif":
            import jsonschema
            doc = json.loads(text)
            errors = list(jsonschema.Draft4Validator(json.load(open(schema))).iter_errors(doc))
            if errors:
                failures.append(f"{path}: {len(errors)} schema errors, first {errors[0].message}")
            rules = {r["ruleId"] for r in doc["runs"][0]["results"]}
            if not {"local-drive-personal-data", "unencrypted-removable"} <= rules:
                failures.append(f"{path}: results for {rules}")
        if fmt == "html" and "Content-Security-Policy" not in text:
            failures.append(f"{path}: no CSP")
    for value in planted:
        if value in stdout:
            failures.append(f"console output holds the planted value {value!r}")

    for f in failures:
        print("FAIL:", f)
    print(f"{len(outputs)} outputs checked against {len(planted)} planted values, "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
