#!/usr/bin/env python3
"""Checks report.csv (written by write_sample_reports) with Python's csv module: BOM, CRLF
record ends, RFC 4180 quoting that round-trips hostile file names, the formula-injection guard,
and every row against the records it came from (expected.json).

Usage: check_csv.py OUTDIR"""
import csv
import io
import json
import sys

HEADER = ["path", "real_path", "container", "size", "mtime", "mime", "status", "status_reason",
          "class", "subjects", "reasons", "detections", "location_kind", "location_drive",
          "location_flags", "violations", "severity", "owner"]
CLASSES = ["UNRESTRICTED", "PROTECTED", "RESTRICTED"]
FORMULA_STARTS = "=+-@\t\r"


def guarded(text):
    """What a cell must hold for a field: the formula guard applied."""
    return "'" + text if text and text[0] in FORMULA_STARTS else text


def check_line_ends(data, failures):
    """Outside quoted fields, every line feed must be part of a CRLF."""
    quoted = False
    for i, b in enumerate(data):
        if b == ord('"'):
            quoted = not quoted
        elif b == ord("\n") and not quoted and (i == 0 or data[i - 1] != ord("\r")):
            failures.append(f"bare LF ending a record at byte {i}")
            return
    if not data.endswith(b"\r\n"):
        failures.append("the last record does not end with CRLF")


def main():
    outdir = sys.argv[1]
    data = open(f"{outdir}/report.csv", "rb").read()
    expected = json.load(open(f"{outdir}/expected.json", encoding="utf-8"))
    failures = []
    if not data.startswith(b"\xef\xbb\xbf"):
        failures.append("no UTF-8 BOM")
    check_line_ends(data, failures)
    text = data.decode("utf-8")  # raises on invalid UTF-8
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    if rows[0] != HEADER:
        failures.append(f"header is {rows[0]}")
    rows = rows[1:]
    if len(rows) != len(expected):
        failures.append(f"{len(rows)} rows for {len(expected)} records")
    for row, want in zip(rows, expected):
        if len(row) != len(HEADER):
            failures.append(f"row {row[:1]} has {len(row)} cells")
            continue
        cell = dict(zip(HEADER, row))
        checks = {
            "path": guarded(want["path"]),
            "container": guarded(want["container"]),
            "size": str(want["size"]),
            "class": CLASSES[want["class"]],
            "subjects": str(want["subjects"]),
            "owner": guarded(want["owner"]),
            "mtime": "2026-03-02T09:14:00Z",
        }
        for column, value in checks.items():
            if cell[column] != value:
                failures.append(f"{want['path']!r}: {column} is {cell[column]!r}, want {value!r}")
        rules = [v["rule"] for v in want["violations"]]
        got_rules = [v.split(":")[0] for v in cell["violations"].split("; ") if v]
        if got_rules != rules:
            failures.append(f"{want['path']!r}: violations {cell['violations']!r}, want {rules}")
        for column in HEADER:
            if cell[column][:1] in FORMULA_STARTS and cell[column][:1] != "":
                failures.append(f"{want['path']!r}: unguarded formula in {column}: {cell[column]!r}")

    by_path = {r[0]: dict(zip(HEADER, r)) for r in rows}
    # Each formula starter is neutralised, and the rest of the cell kept exactly.
    for name in ["=cmd|' /C calc'!A0.csv", "+44 7700 900123.txt", "-2+3.csv", "@SUM(A1).csv",
                 "\tleading tab.txt", "\rleading cr.txt"]:
        if "'" + name not in by_path:
            failures.append(f"formula-guarded cell for {name!r} missing")
        elif by_path["'" + name]["owner"] != "'=owner()":
            failures.append(f"owner of {name!r} is {by_path[chr(39) + name]['owner']!r}")
    # Commas, quotes and a newline inside a name survive a round trip.
    if "C:\\Users\\jsmith\\Documents\\Smith, \"Jo\"\nnotes.docx" not in by_path:
        failures.append("quoted name with comma, quote and newline did not round-trip")
    y7 = by_path.get("C:\\Users\\jsmith\\Desktop\\Y7 contacts.xlsx")
    if not y7:
        failures.append("Y7 contacts row missing")
    else:
        want = {"detections": "date_of_birth=31; person_name=62; upn=31",
                "violations": "local-drive-personal-data:critical", "severity": "critical",
                "location_kind": "local", "location_drive": "C:", "status": "complete"}
        for column, value in want.items():
            if y7[column] != value:
                failures.append(f"Y7 contacts: {column} is {y7[column]!r}, want {value!r}")
    if not any("\ufffd" in p for p in by_path):
        failures.append("the invalid UTF-8 name was not replaced by U+FFFD")
    member = by_path.get("E:\\export.zip!/pupils/sen register.csv")
    if not member or member["container"] != "E:\\export.zip":
        failures.append("archive member row lacks its container")
    usb = by_path.get("E:\\export.zip")
    if not usb or usb["location_flags"] != "" or usb["location_kind"] != "removable":
        failures.append(f"removable location columns wrong: {usb}")
    staff = by_path.get("/srv/staff/finance/broken.pdf")
    if not staff or staff["status"] != "error" or staff["status_reason"] != "PDF: xref table damaged" \
            or staff["location_flags"] != "secure":
        failures.append(f"error row wrong: {staff}")
    # Records carry masked samples only, and the CSV has no sample column at all.
    if "K8********07A" in text or "pa******d1" in text:
        failures.append("a sample leaked into the CSV")

    for f in failures:
        print("FAIL:", f)
    print(f"{len(rows)} rows checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
