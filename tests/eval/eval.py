#!/usr/bin/env python3
"""datasweep accuracy command: scans the labelled corpus and scores the output.

  eval.py MANIFEST --binary build/datasweep [--formats jsonl,csv,sarif,html] [--out DIR]
          [--json METRICS.json] [--records OUT.jsonl] [bars...]

Runs `datasweep scan <roots> --location ROOT=FLAGS... -f jsonl -o DIR/out.jsonl` (and once per
extra format, to check that no output format leaks raw values), matches the records to the
manifest by `real_path`, and prints: the 3x3 class confusion matrix, class accuracy,
per-class precision/recall, per-rule violation precision/recall/F1, status mismatches, member
(archive/attachment) class accuracy, and leaks: any planted raw value (or its variant without
spaces/hyphens) found verbatim in any output file.

Exit status: 0 all bars met, 1 a bar missed, 2 the scanner failed or bad usage.
--records scores an existing JSONL output instead of running the binary (used by the tests).
"""
import argparse
import html
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict

CLASSES = ["UNRESTRICTED", "PROTECTED", "RESTRICTED"]
EXT = {"jsonl": "jsonl", "csv": "csv", "sarif": "sarif", "html": "html", "text": "txt"}


def load_manifest(path):
    header, entries = None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            obj = json.loads(line)
            if obj.get("type") == "header":
                header = obj
            else:
                entries.append(obj)
    if header is None:
        raise SystemExit(f"{path}: no header line")
    return header, entries


def location_args(header, corpus_dir):
    roots, args = [], []
    for spec in header["location_args"]:
        rel, flags = spec.split("=", 1)
        path = os.path.join(corpus_dir, rel)
        roots.append(path)
        args += ["--location", f"{path}={flags}"]
    return roots, args


def run_scan(binary, roots, loc_args, fmt, out_path, jobs, extra):
    cmd = [binary, "scan", *roots, *loc_args, "-f", fmt, "-o", out_path, *extra]
    if jobs:
        cmd += ["-j", str(jobs)]
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       errors="replace")
    return p.returncode, p.stderr.strip(), time.monotonic() - t0


def load_records(path):
    recs, summary = [], None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if not line.strip():
                continue
            obj = json.loads(line)
            if obj.get("type") == "summary":
                summary = obj
            elif obj.get("type", "file") == "file":
                recs.append(obj)
    return recs, summary


def rel_key(real_path, corpus_dir):
    """manifest-relative path of a record; members keep their '!/' suffix."""
    outer, sep, member = real_path.partition("!/")
    rel = os.path.relpath(os.path.realpath(outer) if os.path.exists(outer) else outer,
                          os.path.realpath(corpus_dir))
    return rel + (sep + member if sep else "")


def status_ok(expected, got):
    if expected is None:
        return True
    return got in expected if isinstance(expected, list) else got == expected


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def mask(v):
    v = str(v)
    return v[:2] + "*" * max(0, len(v) - 4) + v[-2:] if len(v) > 4 else "*" * len(v)


def variants(value):
    v = str(value)
    out = {v}
    compact = re.sub(r"[\s\-]", "", v)
    if len(compact) >= 6:
        out.add(compact)
    parts = v.split(" ")
    if len(parts) == 2 and all(p[:1].isupper() for p in parts) and not any(
            ch.isdigit() for ch in v):
        out.add(f"{parts[1]}, {parts[0]}")          # "Surname, Forename"
    return {x for x in out if len(x) >= 5}


def output_texts(path):
    """The text of an output file, plus decoded forms (JSON \\u escapes, HTML entities)."""
    with open(path, "rb") as f:
        raw = f.read().decode("utf-8", errors="replace")
    texts = [raw, html.unescape(raw)]
    decoded = []
    for line in raw.splitlines():
        try:
            decoded.append(json.dumps(json.loads(line), ensure_ascii=False))
        except ValueError:
            break
    else:
        texts.append("\n".join(decoded))
    if path.endswith(".sarif"):
        try:
            texts.append(json.dumps(json.load(open(path, encoding="utf-8")), ensure_ascii=False))
        except ValueError:
            pass
    return texts


def find_leaks(entries, output_files):
    leaks = []
    planted = sorted({str(v) for e in entries for v in e.get("planted", []) if v})
    for fmt, path in output_files.items():
        texts = output_texts(path)
        for v in planted:
            for var in variants(v):
                if any(var in t for t in texts):
                    leaks.append({"format": fmt, "value": mask(v)})
                    break
    return leaks


def score(entries, records, corpus_dir):
    by_key, member_recs = {}, defaultdict(list)
    for r in records:
        key = rel_key(r.get("real_path") or r.get("path", ""), corpus_dir)
        if "!/" in key:
            member_recs[key.split("!/", 1)[0]].append((key, r))
        else:
            by_key[key] = r
    confusion = Counter()
    status_mismatch, class_mismatch, missing = [], [], []
    rule_counts = defaultdict(lambda: Counter())
    member_total = member_ok = 0
    member_mismatch = []
    for e in entries:
        rec = by_key.get(e["path"])
        if rec is None:
            missing.append(e["path"])
        got_cls = rec.get("class") if rec else "MISSING"
        if e["class"] is not None:
            confusion[(e["class"], got_cls)] += 1
            if got_cls != e["class"]:
                class_mismatch.append({"path": e["path"], "expected": e["class"],
                                       "got": got_cls, "template": e.get("template"),
                                       "format": e.get("format"),
                                       "reasons": rec.get("reasons") if rec else None})
        got_status = rec.get("status") if rec else "MISSING"
        if not status_ok(e.get("status"), got_status):
            status_mismatch.append({"path": e["path"], "expected": e["status"],
                                    "got": got_status,
                                    "reason": rec.get("status_reason") if rec else None})
        got_rules = set()
        if rec:
            got_rules |= {v["rule"] for v in rec.get("violations", [])}
        for _, m in member_recs.get(e["path"], []):
            got_rules |= {v["rule"] for v in m.get("violations", [])}
        exp_rules = set(e.get("violations", []))
        for rule in exp_rules | got_rules:
            c = rule_counts[rule]
            if rule in exp_rules and rule in got_rules:
                c["tp"] += 1
            elif rule in got_rules:
                c["fp"] += 1
            else:
                c["fn"] += 1
        e["_got_rules"] = sorted(got_rules)
        members = {k.split("!/", 1)[1]: m for k, m in member_recs.get(e["path"], [])}
        for mem in e.get("members", []):
            if mem.get("class") is None:
                continue
            member_total += 1
            got = members.get(mem["path"], {}).get("class", "MISSING")
            if got == mem["class"]:
                member_ok += 1
            else:
                member_mismatch.append({"path": f"{e['path']}!/{mem['path']}",
                                        "expected": mem["class"], "got": got})
    labelled = sum(confusion.values())
    correct = sum(n for (a, b), n in confusion.items() if a == b)
    per_class = {}
    for c in CLASSES:
        tp = confusion[(c, c)]
        fp = sum(n for (a, b), n in confusion.items() if b == c and a != c)
        fn = sum(n for (a, b), n in confusion.items() if a == c and b != c)
        p, r, _ = prf(tp, fp, fn)
        per_class[c] = {"precision": p, "recall": r, "support": tp + fn}
    rules = {}
    tot = Counter()
    for rule, c in sorted(rule_counts.items()):
        p, r, f = prf(c["tp"], c["fp"], c["fn"])
        rules[rule] = {"tp": c["tp"], "fp": c["fp"], "fn": c["fn"], "precision": p,
                       "recall": r, "f1": f}
        tot.update({"tp": c["tp"], "fp": c["fp"], "fn": c["fn"]})
    op, orr, of = prf(tot["tp"], tot["fp"], tot["fn"])
    viol_errors = [{"path": e["path"], "expected": e.get("violations", []),
                    "got": e["_got_rules"]} for e in entries
                   if set(e.get("violations", [])) != set(e["_got_rules"])]
    known = set(by_key)
    unexpected = sorted(k for k in known if k not in {e["path"] for e in entries})
    return {
        "files": len(entries), "labelled": labelled, "records": len(records),
        "accuracy": correct / labelled if labelled else 0.0,
        "confusion": {a: {b: confusion[(a, b)] for b in CLASSES + ["MISSING", None]}
                      for a in CLASSES},
        "per_class": per_class,
        "violations": {"per_rule": rules, "precision": op, "recall": orr, "f1": of, **tot},
        "status_mismatches": status_mismatch, "class_mismatches": class_mismatch,
        "violation_mismatches": viol_errors, "missing": missing,
        "unexpected_records": unexpected,
        "members": {"total": member_total, "correct": member_ok,
                    "mismatches": member_mismatch},
    }


def print_report(m, leaks, out=sys.stdout):
    w = lambda s="": print(s, file=out)
    w(f"files in manifest: {m['files']}  labelled: {m['labelled']}  records: {m['records']}")
    w("\nclass confusion matrix (rows = expected, columns = datasweep):")
    cols = CLASSES + ["MISSING", None]
    w(f"{'':14}" + "".join(f"{str(c)[:12]:>14}" for c in cols))
    for a in CLASSES:
        w(f"{a:14}" + "".join(f"{m['confusion'][a][b]:>14}" for b in cols))
    w(f"\nclass accuracy: {m['accuracy']:.4f}")
    for c, v in m["per_class"].items():
        w(f"  {c:13} precision {v['precision']:.4f}  recall {v['recall']:.4f}"
          f"  (n={v['support']})")
    w("\nviolations (per rule):")
    for rule, v in m["violations"]["per_rule"].items():
        w(f"  {rule:32} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}"
          f"  (tp {v['tp']}, fp {v['fp']}, fn {v['fn']})")
    v = m["violations"]
    w(f"  {'overall (micro)':32} P {v['precision']:.3f}  R {v['recall']:.3f}  "
      f"F1 {v['f1']:.3f}  (tp {v['tp']}, fp {v['fp']}, fn {v['fn']})")
    mem = m["members"]
    if mem["total"]:
        w(f"\narchive/attachment members: {mem['correct']}/{mem['total']} classed right")
    w(f"\nstatus mismatches: {len(m['status_mismatches'])}")
    for s in m["status_mismatches"][:20]:
        w(f"  {s['path']}: expected {s['expected']}, got {s['got']} ({s.get('reason') or ''})")
    w(f"\nclass mismatches: {len(m['class_mismatches'])}")
    for s in m["class_mismatches"][:40]:
        w(f"  {s['path']} [{s['template']}/{s['format']}]: expected {s['expected']}, "
          f"got {s['got']}  {s['reasons'] or ''}")
    w(f"\nviolation mismatches: {len(m['violation_mismatches'])}")
    for s in m["violation_mismatches"][:30]:
        w(f"  {s['path']}: expected {s['expected']}, got {s['got']}")
    if m["missing"]:
        w(f"\nfiles with no record: {len(m['missing'])} (e.g. {m['missing'][:5]})")
    if m["unexpected_records"]:
        w(f"records not in the manifest: {len(m['unexpected_records'])}")
    w(f"\nleaks (planted raw values found in output): {len(leaks)}")
    for fmt, n in sorted(Counter(l["format"] for l in leaks).items()):
        w(f"  {fmt}: {n}")


def main():
    ap = argparse.ArgumentParser(description="datasweep accuracy command")
    ap.add_argument("manifest")
    ap.add_argument("--binary", default="build/datasweep")
    ap.add_argument("--formats", default="jsonl,csv,sarif,html")
    ap.add_argument("--out", help="directory for scanner outputs (default: beside manifest)")
    ap.add_argument("--records", help="score this JSONL output instead of running the binary")
    ap.add_argument("--json", help="write the metrics as JSON here")
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--scan-arg", action="append", default=[],
                    help="extra argument for `datasweep scan` (repeatable)")
    ap.add_argument("--min-accuracy", type=float, default=0.98)
    ap.add_argument("--min-restricted-recall", type=float, default=1.0)
    ap.add_argument("--min-unrestricted-precision", type=float, default=0.97)
    ap.add_argument("--min-violation-f1", type=float, default=0.97)
    ap.add_argument("--max-leaks", type=int, default=0)
    a = ap.parse_args()

    header, entries = load_manifest(a.manifest)
    corpus_dir = os.path.dirname(os.path.abspath(a.manifest))
    out_dir = a.out or os.path.join(os.path.dirname(corpus_dir),
                                    os.path.basename(corpus_dir) + "-eval")
    os.makedirs(out_dir, exist_ok=True)
    outputs = {}
    if a.records:
        outputs["jsonl"] = a.records
    else:
        roots, loc = location_args(header, corpus_dir)
        for fmt in a.formats.split(","):
            path = os.path.join(out_dir, f"out.{EXT.get(fmt, fmt)}")
            if os.path.exists(path):
                os.remove(path)
            rc, err, secs = run_scan(a.binary, roots, loc, fmt, path, a.jobs, a.scan_arg)
            if rc not in (0, 1) or not os.path.exists(path):
                if fmt == "jsonl":
                    print(f"eval: `datasweep scan -f jsonl` failed (exit {rc}): {err[-2000:]}",
                          file=sys.stderr)
                    return 2
                print(f"eval: notice: format {fmt} not available (exit {rc}): "
                      f"{err.splitlines()[-1] if err else ''} - skipped")
                continue
            print(f"eval: scanned with -f {fmt} in {secs:.1f}s (exit {rc}) -> {path}")
            outputs[fmt] = path
    records, _ = load_records(outputs["jsonl"])
    metrics = score(entries, records, corpus_dir)
    leaks = find_leaks(entries, outputs)
    metrics["leaks"] = {"total": len(leaks), "by_format": dict(Counter(l["format"]
                                                                      for l in leaks)),
                        "formats_checked": sorted(outputs)}
    metrics["reference_date"] = header.get("reference_date")
    metrics["seed"] = header.get("seed")
    print_report(metrics, leaks)

    bars = [("class accuracy", metrics["accuracy"], a.min_accuracy),
            ("RESTRICTED recall", metrics["per_class"]["RESTRICTED"]["recall"],
             a.min_restricted_recall),
            ("UNRESTRICTED precision", metrics["per_class"]["UNRESTRICTED"]["precision"],
             a.min_unrestricted_precision),
            ("violation F1", metrics["violations"]["f1"], a.min_violation_f1)]
    failed = [f"{n} {v:.4f} < {b}" for n, v, b in bars if v + 1e-12 < b]
    if len(leaks) > a.max_leaks:
        failed.append(f"leaks {len(leaks)} > {a.max_leaks}")
    metrics["bars_failed"] = failed
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(metrics, f, indent=2, default=str)
    print("\nbars: " + ("all met" if not failed else "MISSED: " + "; ".join(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
