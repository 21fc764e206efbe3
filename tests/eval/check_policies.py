#!/usr/bin/env python3
"""The four trust policies (shared/policies/*.txt) are public documents: datasweep must class
each of them UNRESTRICTED (SPEC §1). Usage: check_policies.py --binary B --policies DIR.
Exits 77 (CTest skip) when DIR is absent, e.g. outside the project's CI layout."""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--policies", required=True)
    a = ap.parse_args()
    files = sorted(glob.glob(os.path.join(a.policies, "*.txt")))
    if not files:
        print(f"skip: no policies found in {a.policies}")
        return 77
    out = os.path.join(tempfile.mkdtemp(), "policies.jsonl")
    p = subprocess.run([a.binary, "scan", *files, "-f", "jsonl", "-o", out],
                       capture_output=True, text=True)
    if p.returncode not in (0, 1) or not os.path.exists(out):
        print(f"datasweep failed (exit {p.returncode}): {p.stderr[-2000:]}")
        return 1
    got = {}
    for line in open(out, encoding="utf-8"):
        r = json.loads(line)
        if r.get("type") == "file" and not r.get("container"):
            got[os.path.realpath(r.get("real_path", r.get("path")))] = r
    bad = 0
    for f in files:
        r = got.get(os.path.realpath(f))
        cls = r.get("class") if r else "MISSING"
        ok = cls == "UNRESTRICTED"
        bad += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {os.path.basename(f)}: {cls} "
              f"{'' if ok or not r else r.get('reasons')}")
    print(f"{len(files) - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
