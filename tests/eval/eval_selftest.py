#!/usr/bin/env python3
"""Checks the corpus generator and the accuracy command against each other, without the
scanner: the manifest describes files that exist and really contain the planted values; a
perfect record set scores 1.0 with no leaks; a wrong class, a missed rule and a raw value in
the output are each caught. Usage: eval_selftest.py CORPUS_DIR"""
import copy
import json
import os
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import eval as ev  # noqa: E402


def text_of(path):
    data = open(path, "rb").read()
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le")
    if len(data) > 1 and data[1:2] == b"\0":
        return data.decode("utf-16-le")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def perfect_records(entries, corpus_dir):
    recs = []
    for e in entries:
        real = os.path.join(corpus_dir, e["path"])
        st = e["status"][0] if isinstance(e["status"], list) else e["status"]
        recs.append({"type": "file", "path": e["path"], "real_path": real, "container": None,
                     "class": e["class"] or "RESTRICTED", "status": st,
                     "violations": [{"rule": r} for r in e["violations"]]})
        for m in e.get("members", []):
            recs.append({"type": "file", "path": e["path"] + "!/" + m["path"],
                         "real_path": real + "!/" + m["path"], "container": e["path"],
                         "class": m["class"], "status": "complete", "violations": []})
    return recs


def run_eval(manifest, records, extra=()):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = tempfile.mkdtemp()
    p = subprocess.run([sys.executable, os.path.join(HERE, "eval.py"), manifest, "--records",
                        f.name, "--out", out, "--json", os.path.join(out, "m.json"), *extra],
                       capture_output=True, text=True)
    return p.returncode, json.load(open(os.path.join(out, "m.json"))), p.stdout


def main():
    corpus = sys.argv[1]
    manifest = os.path.join(corpus, "manifest.jsonl")
    header, entries = ev.load_manifest(manifest)
    fails = []
    check = lambda cond, msg: cond or fails.append(msg)
    check(len(entries) >= 300, f"only {len(entries)} files")
    for e in entries:
        path = os.path.join(corpus, e["path"])
        check(os.path.isfile(path), f"missing {e['path']}")
        if e["format"] in ("txt", "txt-utf16", "txt-utf16bom", "txt-cp1252", "csv", "tsv"):
            text = text_of(path)
            for v in e["planted"]:
                if e["format"] == "txt-cp1252" and v.encode("cp1252", "replace") != \
                        v.encode("cp1252", "ignore"):
                    continue
                check(v in text or e["template"].startswith("mis_export") or
                      e["template"] in ("sen_register", "mark_sheet", "admission_form",
                                        "payroll"), f"{e['path']}: planted value absent")
        if e["format"] in ("docx", "xlsx", "odt", "ods"):
            check(zipfile.is_zipfile(path), f"{e['path']} is not a zip")
    classes = {e["class"] for e in entries}
    check({"UNRESTRICTED", "PROTECTED", "RESTRICTED"} <= classes, "a class is missing")
    rules = {r for e in entries for r in e["violations"]}
    check(len(rules) == 10, f"rules covered: {sorted(rules)}")

    recs = perfect_records(entries, corpus)
    rc, m, _ = run_eval(manifest, recs)
    check(rc == 0 and m["accuracy"] == 1.0 and m["violations"]["f1"] == 1.0
          and m["leaks"]["total"] == 0, f"perfect records scored {rc} {m['accuracy']}")

    bad = copy.deepcopy(recs)
    victim = next(r for r in bad if r["class"] == "RESTRICTED" and r["container"] is None
                  and r["status"] == "complete")
    victim["class"] = "PROTECTED"
    victim["violations"] = victim["violations"][:-1] if victim["violations"] else \
        [{"rule": "stale-email"}]
    rc, m, _ = run_eval(manifest, bad)
    check(rc == 1 and m["per_class"]["RESTRICTED"]["recall"] < 1.0
          and m["violations"]["f1"] < 1.0, "a missed RESTRICTED file was not caught")

    leaky = copy.deepcopy(recs)
    planted = next(e for e in entries if e["planted"])["planted"][0]
    leaky[0]["samples"] = [{"masked": planted}]
    rc, m, _ = run_eval(manifest, leaky)
    check(rc == 1 and m["leaks"]["total"] >= 1, "a raw value in the output was not caught")

    for f in fails[:20]:
        print("FAIL:", f)
    print(f"{len(entries)} files checked: " + ("ok" if not fails else f"{len(fails)} failures"))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
