#!/usr/bin/env python3
"""Checks docs/datasweep.1 against the real binary: every long option that `datasweep scan
--help` (and the other commands' --help) prints is documented, the formats and exit codes of
SPEC §5/§8 are there, and the page renders without groff warnings.

Usage: check_man_page.py DATASWEEP_BINARY MAN_PAGE"""
import re
import shutil
import subprocess
import sys

OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*[a-z0-9]")


def help_text(binary, args, failures):
    proc = subprocess.run([binary, *args, "--help"], capture_output=True, timeout=60)
    text = proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        failures.append(f"`datasweep {' '.join(args)} --help` exited {proc.returncode}")
    return text


def rendered(page):
    """The page as a reader sees it (groff, no hyphenation, long lines), or None without groff."""
    groff = shutil.which("groff")
    if not groff:
        return None
    proc = subprocess.run([groff, "-t", "-man", "-Tutf8", "-rHY=0", "-rLL=300n", "-P-cbou", page],
                          capture_output=True, timeout=60)
    text = proc.stdout.decode("utf-8", "replace")
    return text.replace("\u2010", "-").replace("\u2212", "-")


def main():
    binary, page = sys.argv[1], sys.argv[2]
    failures = []
    source = open(page, encoding="utf-8").read()
    man = rendered(page) or re.sub(r"\\f[BIRP]", "", source.replace("\\-", "-"))

    scan_help = help_text(binary, ["scan"], failures)
    options = set(OPTION.findall(scan_help))
    if "--location" not in options or "--format" not in options:
        failures.append(f"`datasweep scan --help` lists no --location/--format: {scan_help!r}")
    for command in (["report"], ["diff"], ["detectors"]):
        proc = subprocess.run([binary, *command, "--help"], capture_output=True, timeout=60)
        if proc.returncode == 0:
            options |= set(OPTION.findall(proc.stdout.decode("utf-8", "replace")))
    for option in sorted(options):
        if option == "--help":
            continue
        if not re.search(re.escape(option) + r"(?![\w-])", man):
            failures.append(f"{option} (printed by --help) is not in the man page")

    for needed in ("datasweep scan", "datasweep report", "datasweep diff", "policy show",
                   "policy check", "datasweep detectors", "EXIT STATUS", "FILES",
                   "PATH=KIND", "pupil-accessible", "drive=X:", "email-store"):
        if needed not in man:
            failures.append(f"the man page does not mention {needed!r}")
    formats = man[man.find("\nFORMATS\n"):man.find("\nEXIT STATUS\n")]
    for fmt in ("text", "jsonl", "csv", "sarif", "html"):
        if not re.search(r"^\s+" + fmt + r"(\s|$)", formats, re.M):
            failures.append(f"format {fmt} has no entry")
    exits = man[man.find("\nEXIT STATUS\n"):man.find("\nFILES\n")]
    for code in ("0", "1", "2"):
        if not re.search(r"^\s+" + code + r"\s", exits, re.M):
            failures.append(f"exit status {code} is not documented")

    groff = shutil.which("groff")
    if groff:
        proc = subprocess.run([groff, "-t", "-man", "-ww", "-z", page], capture_output=True,
                              timeout=60)
        if proc.returncode != 0 or proc.stderr:
            failures.append(f"groff warnings: {proc.stderr.decode('utf-8', 'replace')}")
    else:
        print("note: groff not installed, rendering not checked")

    for f in failures:
        print("FAIL:", f)
    print(f"{len(options)} long options from --help checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
