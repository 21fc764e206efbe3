#!/usr/bin/env python3
"""Validates report.sarif (written by write_sample_reports) against the SARIF 2.1.0 JSON schema
with python3-jsonschema, then checks what the schema cannot: one result per violation, rule
indices, levels and security-severity, fingerprints (recomputed here independently), URIs of
the outer file for archive members, and that no message, snippet or region carries content.

Usage: check_sarif.py OUTDIR SCHEMA.json"""
import json
import sys
import urllib.parse

import jsonschema

LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
SECURITY = {"critical": "9.5", "high": "8.0", "medium": "5.0", "low": "2.0"}
MASKED_SAMPLES = ["K8********07A", "**/**/2013", "pa******d1"]


def fnv1a64(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def walk_keys(node):
    if isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from walk_keys(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk_keys(v)


def main():
    outdir, schema_path = sys.argv[1], sys.argv[2]
    schema = json.load(open(schema_path, encoding="utf-8"))
    doc = json.load(open(f"{outdir}/report.sarif", encoding="utf-8"))
    expected = json.load(open(f"{outdir}/expected.json", encoding="utf-8"))
    failures = []

    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    for error in sorted(validator.iter_errors(doc), key=lambda e: list(e.path)):
        failures.append(f"schema: at {list(error.path)}: {error.message[:300]}")

    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    for rule in rules:
        sev = rule["properties"]["severity"]
        if rule["properties"]["security-severity"] != SECURITY[sev]:
            failures.append(f"rule {rule['id']}: security-severity for {sev}")
        for field in ("shortDescription", "fullDescription", "help"):
            if not rule.get(field, {}).get("text"):
                failures.append(f"rule {rule['id']}: no {field}.text")
    if "local-drive-personal-data" not in ids or "uninspectable" not in ids:
        failures.append(f"rule catalogue incomplete: {ids}")

    results = run["results"]
    want = [(r["path"], v["rule"]) for r in expected for v in r["violations"]]
    got = [(res["properties"]["path"], res["ruleId"]) for res in results]
    if sorted(got) != sorted(want):
        failures.append(f"results {sorted(got)} != violations {sorted(want)}")

    containers = {r["path"]: r["container"] for r in expected}
    fingerprints = set()
    for res in results:
        path = res["properties"]["path"]
        where = f"{res['ruleId']} on {path!r}"
        if ids[res["ruleIndex"]] != res["ruleId"]:
            failures.append(f"{where}: ruleIndex points at {ids[res['ruleIndex']]}")
        sev = res["properties"]["severity"]
        if res["level"] != LEVEL[sev]:
            failures.append(f"{where}: level {res['level']} for {sev}")
        fp = res["partialFingerprints"]["primaryLocationLineHash"]
        want_fp = "%016x:1" % fnv1a64((res["ruleId"] + "\n" + path).encode("utf-8"))
        if fp != want_fp:
            failures.append(f"{where}: fingerprint {fp}, want {want_fp}")
        fingerprints.add(fp)
        # The artifact is the file on disk: the outer file of an archive member.
        uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        outer = containers.get(path) or path
        decoded = urllib.parse.unquote(uri)
        tail = outer.replace("\\", "/").split("/")[-1]
        if not decoded.endswith(tail):
            failures.append(f"{where}: uri {uri} does not name the outer file {outer!r}")
        if containers.get(path) and res["properties"].get("container") != containers[path]:
            failures.append(f"{where}: member result without its container")
        # Messages say what to do and how many people, never a value or the file's name.
        text = res["message"]["text"]
        name = path.replace("\\", "/").split("/")[-1]
        if name and name in text:
            failures.append(f"{where}: message names the file: {text!r}")
        for sample in MASKED_SAMPLES:
            if sample in text:
                failures.append(f"{where}: message holds a sample: {text!r}")
    if len(fingerprints) != len(results):
        failures.append("fingerprints are not unique per rule and path")

    keys = set(walk_keys(doc))
    for forbidden in ("snippet", "region", "contextRegion"):
        if forbidden in keys:
            failures.append(f"the log has a {forbidden}")
    raw = open(f"{outdir}/report.sarif", encoding="utf-8").read()
    for sample in MASKED_SAMPLES:
        if sample in raw:
            failures.append(f"sample {sample} is in the SARIF log")

    y7 = [r for r in results if r["properties"]["path"].endswith("Y7 contacts.xlsx")]
    if not y7 or y7[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] != \
            "file:///C:/Users/jsmith/Desktop/Y7%20contacts.xlsx":
        failures.append(f"Y7 contacts uri: {y7 and y7[0]['locations']}")
    elif "(31 people)" not in y7[0]["message"]["text"]:
        failures.append(f"Y7 contacts message lacks the head count: {y7[0]['message']['text']!r}")

    for f in failures:
        print("FAIL:", f)
    print(f"{len(results)} results, {len(rules)} rules checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
