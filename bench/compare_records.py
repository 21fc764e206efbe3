#!/usr/bin/env python3
"""Compares two `datasweep scan -f jsonl` reports record by record, ignoring timings.

Usage: compare_records.py BASE.jsonl NEW.jsonl [--max-diffs N]

File records are matched by path (members by path + container); every field must be equal
except time-like ones (scanned_at, elapsed_s, started, finished). Exits 0 when the reports are
identical in that sense, 1 otherwise, printing the first differences. Used to show that a
speed change leaves detection output unchanged (docs/performance.md).
"""
import argparse
import json
import sys

TIME_FIELDS = {"scanned_at", "elapsed_s", "started", "finished", "duration_s", "elapsed"}


def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in TIME_FIELDS}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def load(path):
    files, other = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = strip(json.loads(line))
            if rec.get("type") == "summary":
                other.append(rec)
                continue
            key = (rec.get("path"), json.dumps(rec.get("container"), sort_keys=True))
            if key in files:
                key = key + (len([k for k in files if k[:2] == key]),)
            files[key] = rec
    return files, other


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("new")
    ap.add_argument("--max-diffs", type=int, default=5)
    args = ap.parse_args()
    base, base_other = load(args.base)
    new, new_other = load(args.new)
    diffs = []
    for key in sorted(set(base) | set(new), key=str):
        a, b = base.get(key), new.get(key)
        if a != b:
            diffs.append((key, a, b))
    if base_other != new_other:
        diffs.append((("summary",), base_other, new_other))
    for key, a, b in diffs[: args.max_diffs]:
        print("DIFF", key)
        print("  base:", json.dumps(a, sort_keys=True)[:2000])
        print("  new: ", json.dumps(b, sort_keys=True)[:2000])
    n_det = sum(sum((r.get("detections") or {}).values()) for r in base.values())
    print(f"{len(base)} vs {len(new)} records, {n_det} detections in base, {len(diffs)} differ")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
