#!/usr/bin/env python3
"""End-to-end tests of the state database (issue 6) through the real binary on real files.

Usage: state_e2e.py DATASWEEP TEST   (TEST: resweep, placement, diff, kill, lock)

Which files a sweep opened is read from DATASWEEP_TRACE_STATE (one "scanned\\tPATH" or
"reused\\tPATH" line per file, flushed as it goes); what a killed sweep had committed is read
from the state database itself with Python's sqlite3. All data is synthetic.
"""
import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

BIN = sys.argv[1]
FIRST = ["Olivia", "Amelia", "Isla", "Ava", "Mia", "Noah", "Oliver", "George", "Arthur", "Leo", "Harry", "Oscar"]
LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Wright", "Walker"]


def people(seed, n=12):
    """A class list: n distinct pupils with date of birth and e-mail (RESTRICTED at >= 10)."""
    rows = ["Name,Date of birth,Email,Postcode"]
    for i in range(n):
        f, l = FIRST[(seed + i) % len(FIRST)], LAST[(seed * 3 + i) % len(LAST)]
        rows.append(f"{f} {l},{(i % 27) + 1:02d}/0{(seed + i) % 9 + 1}/2013,"
                    f"{f.lower()}.{l.lower()}{seed}{i}@example.org,SW1A {i % 9}AA")
    return "\n".join(rows) + "\n"


def plain(i):
    return f"Minutes of the curriculum meeting {i}. Budget for science trips agreed.\n" * (1 + i % 5)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def settle():
    # Files written in the clock tick a sweep opens them in are racily clean and not trusted
    # for reuse (their ctime may not move on a later write): let the tick pass.
    time.sleep(0.05)


class Run:
    def __init__(self, proc, trace):
        self.proc, self.trace = proc, trace

    def opened(self, kind="scanned"):
        if not os.path.exists(self.trace):
            return []
        with open(self.trace) as f:
            return [l.rstrip("\n").split("\t", 1)[1] for l in f if l.startswith(kind + "\t")]


def scan(work, tree, *extra, check=True, name="scan"):
    trace = os.path.join(work, f"{name}.trace")
    if os.path.exists(trace):
        os.remove(trace)
    out = os.path.join(work, f"{name}.jsonl")
    env = dict(os.environ, DATASWEEP_TRACE_STATE=trace)
    p = subprocess.run([BIN, "scan", tree, "--state", os.path.join(work, "state.db"), "-f", "jsonl", "-o", out,
                        "--fail-on", "never", "-q", *extra], env=env, capture_output=True, text=True)
    if check and p.returncode != 0:
        sys.exit(f"FAIL: scan exited {p.returncode}: {p.stderr}")
    r = Run(p, trace)
    r.records = file_records(out) if p.returncode == 0 else []
    return r


def file_records(path):
    with open(path) as f:
        return sorted(l for l in f if json.loads(l)["type"] == "file")


def datasweep(*args):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"FAIL: datasweep {' '.join(args)} exited {p.returncode}: {p.stderr}")
    return p.stdout


def expect(cond, what):
    if not cond:
        sys.exit("FAIL: " + what)
    print("ok:", what)


def by_path(records):
    return {json.loads(l)["real_path"]: json.loads(l) for l in records}


def test_resweep(work):
    tree = os.path.join(work, "tree")
    for i in range(40):
        write(os.path.join(tree, f"d{i % 4}", f"f{i:02d}.csv" if i % 8 == 0 else f"f{i:02d}.txt"),
              people(i) if i % 8 == 0 else plain(i))
    settle()
    s1 = scan(work, tree, name="s1")
    expect(len(s1.opened()) == 40 and not s1.opened("reused"), "first sweep opens all 40 files")
    expect(any(json.loads(l)["class"] == "RESTRICTED" for l in s1.records), "the class lists are RESTRICTED")
    s2 = scan(work, tree, name="s2")
    expect(s2.opened() == [] and len(s2.opened("reused")) == 40, "unchanged re-sweep opens no file")
    expect(s2.records == s1.records, "re-sweep records equal the first sweep's byte for byte")
    changed = os.path.join(tree, "d1", "f09.txt")
    with open(changed, "a") as f:
        f.write(people(99))
    settle()
    s3 = scan(work, tree, name="s3")
    expect(s3.opened() == [changed], "after editing one file the re-sweep opens only that file")
    expect(by_path(s3.records)[changed]["class"] == "RESTRICTED", "the edited file's new verdict is reported")
    os.utime(os.path.join(tree, "d2", "f10.txt"), (1_000_000_000, 1_000_000_000))  # mtime moved back
    settle()
    s4 = scan(work, tree, name="s4")
    expect(s4.opened() == [os.path.join(tree, "d2", "f10.txt")], "a file whose mtime changed is re-read")
    report = os.path.join(work, "report.jsonl")
    datasweep("report", "--state", os.path.join(work, "state.db"), "-f", "jsonl", "-o", report)
    expect(file_records(report) == s4.records, "report --state renders the stored sweep equal to the scan's output")
    policy = datasweep("policy", "show").replace("restricted_min_people: 10", "restricted_min_people: 3")
    write(os.path.join(work, "policy.yaml"), policy)
    s5 = scan(work, tree, "--policy", os.path.join(work, "policy.yaml"), name="s5")
    expect(len(s5.opened()) == 40, "a changed policy invalidates every cached verdict")
    s6 = scan(work, tree, "--policy", os.path.join(work, "policy.yaml"), name="s6")
    expect(s6.opened() == [], "the same changed policy again: nothing re-read")
    s7 = scan(work, tree, name="s7")
    expect(len(s7.opened()) == 40 and s7.records == s4.records, "back to the default policy: re-read, same records")


def test_placement(work):
    tree = os.path.join(work, "tree")
    for i in range(12):
        write(os.path.join(tree, "staff" if i < 6 else "laptop", f"f{i}.csv"), people(i) if i % 2 == 0 else plain(i))
    settle()
    s1 = scan(work, tree, name="p1")
    expect(len(s1.opened()) == 12, "first sweep opens all files")
    laptop = os.path.join(tree, "laptop")
    s2 = scan(work, tree, "--location", f"{laptop}=local,drive=C:", name="p2")
    expect(sorted(s2.opened()) == sorted(os.path.join(laptop, f"f{i}.csv") for i in range(6, 12)),
           "declaring a location re-reads only the files below it")
    recs = by_path(s2.records)
    expect(any(v["rule"] == "local-drive-personal-data" for v in recs[os.path.join(laptop, "f6.csv")]["violations"]),
           "and their records carry the location's violation")
    expect(recs[os.path.join(laptop, "f6.csv")]["path"].startswith("C:"), "and its display path")


def test_diff(work):
    tree = os.path.join(work, "tree")
    loc = ["--location", f"{tree}=local,drive=C:"]
    write(os.path.join(tree, "keep.txt"), plain(1))
    write(os.path.join(tree, "edit.txt"), plain(2))
    write(os.path.join(tree, "gone.csv"), people(3))
    write(os.path.join(tree, "old", "class.csv"), people(4))
    settle()
    scan(work, tree, *loc, name="d1")
    with open(os.path.join(tree, "edit.txt"), "a") as f:
        f.write(people(5))
    os.remove(os.path.join(tree, "gone.csv"))
    os.makedirs(os.path.join(tree, "new"))
    os.rename(os.path.join(tree, "old", "class.csv"), os.path.join(tree, "new", "renamed.csv"))
    write(os.path.join(tree, "added.csv"), people(6))
    settle()
    d2 = scan(work, tree, *loc, name="d2")
    expect(sorted(os.path.basename(p) for p in d2.opened()) == ["added.csv", "edit.txt", "renamed.csv"],
           "second sweep opens the edited, added and renamed files only")
    state = os.path.join(work, "state.db")
    out = datasweep("diff", "--state", state, "-f", "jsonl")
    lines = [json.loads(l) for l in out.splitlines()]
    changes = sorted((c["change"], os.path.basename(c["real_path"])) for c in lines if c["type"] == "change")
    want = sorted([
        ("new-violation", "edit.txt"), ("newly-restricted", "edit.txt"), ("class-changed", "edit.txt"),
        ("gone", "gone.csv"), ("resolved-violation", "gone.csv"),
        ("moved", "renamed.csv"),
        ("new-file", "added.csv"), ("new-violation", "added.csv"), ("newly-restricted", "added.csv"),
    ])
    expect(changes == want, f"diff lists exactly the edit, delete, rename and add: {changes}")
    expect(datasweep("diff", "--state", state, "--from", "1", "--to", "2", "-f", "jsonl") == out,
           "--from 1 --to 2 names the same pair")
    back = [json.loads(l) for l in datasweep("diff", "--state", state, "--from", "2", "--to", "1", "-f", "jsonl").splitlines()]
    expect(sorted(c["change"] for c in back if c["type"] == "change").count("resolved-violation") == 2,
           "the reverse diff resolves the two new violations")
    listed = datasweep("diff", "--state", state, "--list").splitlines()
    expect(len(listed) == 2 and all("\tcomplete\t" in l for l in listed), "--list shows both complete sweeps")
    moved = next(c for c in lines if c.get("change") == "moved")
    expect(moved["from_path"].endswith("old\\class.csv") and moved["path"].endswith("new\\renamed.csv"),
           "the rename names the old and the new path")
    summary = lines[-1]
    expect(summary["type"] == "diff" and summary["counts"]["new-violation"] == 2 and summary["counts"]["gone"] == 1,
           "the jsonl diff ends with the counts")
    rows = list(csv.DictReader(io.StringIO(datasweep("diff", "--state", state, "-f", "csv"))))
    expect(sorted((r["change"], r["real_path"].rsplit("/", 1)[1]) for r in rows) == want, "csv diff has the same rows")
    text = datasweep("diff", "--state", state)
    expect("New violations: 2" in text and "Moved or renamed: 1" in text and "Files gone: 1" in text,
           "text diff counts the sections")
    sarif = json.loads(datasweep("diff", "--state", state, "-f", "sarif"))
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]
                  for run in sarif["runs"] for r in run["results"])
    expect(len(uris) == 2 and any("added.csv" in u for u in uris) and any("edit.txt" in u for u in uris),
           f"sarif diff has one result per new violation: {uris}")
    html = datasweep("diff", "--state", state, "-f", "html")
    expect("added.csv" in html and "keep.txt" not in html, "html diff shows the new, not the unchanged")
    raw = open(state, "rb").read() + (open(state + "-wal", "rb").read() if os.path.exists(state + "-wal") else b"")
    expect(b"@example.org" not in raw and b"SW1A" not in raw, "the state holds no raw personal data")
    expect(os.stat(state).st_mode & 0o077 == 0, "the state is readable by its owner only")


def committed(state):
    if not os.path.exists(state):
        return set()
    db = sqlite3.connect(f"file:{state}?mode=ro", uri=True, timeout=10)
    try:
        db.execute("PRAGMA busy_timeout = 10000")
        rows = db.execute("SELECT f.path FROM sweep_files s JOIN files f ON f.id = s.file_id"
                          " WHERE s.sweep_id = (SELECT max(id) FROM sweeps)").fetchall()
    except sqlite3.OperationalError:
        rows = []
    db.close()
    return {r[0].decode() if isinstance(r[0], bytes) else r[0] for r in rows}


def make_big_tree(tree, n):
    for i in range(n):
        write(os.path.join(tree, f"d{i // 200:02d}", f"f{i:05d}.csv" if i % 25 == 0 else f"f{i:05d}.txt"),
              people(i) if i % 25 == 0 else plain(i))
    settle()


def test_kill(work):
    tree = os.path.join(work, "tree")
    # Commits come every 500 files (or second), so four kills use about 2,000 files; the rest
    # keeps the fourth run from completing between two polls (it then starts a new sweep).
    n = 6000
    make_big_tree(tree, n)
    ref_work = os.path.join(work, "ref")
    os.makedirs(ref_work)
    ref = scan(ref_work, tree, name="ref")
    expect(len(ref.records) == n, f"uninterrupted reference sweep: {n} records")
    state = os.path.join(work, "state.db")
    trace = os.path.join(work, "kill.trace")
    done_before = set()
    kills = 0
    for k, sig in enumerate([signal.SIGKILL, signal.SIGKILL, signal.SIGTERM, signal.SIGKILL]):
        if os.path.exists(trace):
            os.remove(trace)
        p = subprocess.Popen([BIN, "scan", tree, "--state", state, "-j", "1", "-f", "jsonl", "-o",
                              os.path.join(work, "part.jsonl"), "-q", "--fail-on", "never"],
                             env=dict(os.environ, DATASWEEP_TRACE_STATE=trace), stderr=subprocess.PIPE)
        # Kill once this run has committed something new: a different point of the sweep each time.
        while p.poll() is None and len(committed(state) - done_before) < 1 + 150 * k:
            time.sleep(0.02)
        if p.poll() is not None:
            sys.exit(f"FAIL: the sweep finished before kill {k + 1}; make the tree larger")
        p.send_signal(sig)
        p.wait()
        kills += 1
        scanned = set(Run(p, trace).opened())
        expect(not (scanned & done_before), f"run {k + 1}: re-read none of the {len(done_before)} files committed before it")
        now = committed(state)
        expect(done_before <= now, f"after {signal.Signals(sig).name} {kills}: nothing committed was lost ({len(now)} files done)")
        done_before = now
    final = scan(work, tree, name="final")
    expect(not (set(final.opened()) & done_before), "the resuming run re-reads nothing committed")
    expect(set(final.opened("reused")) >= done_before, "and takes every committed file from the state")
    expect(len(final.opened()) + len(final.opened("reused")) == n, "and sees every file once")
    report = os.path.join(work, "final-report.jsonl")
    datasweep("report", "--state", state, "-f", "jsonl", "-o", report)
    got = file_records(report)
    paths = [json.loads(l)["real_path"] for l in got]
    expect(len(paths) == len(set(paths)) == n, "the resumed sweep has every file once: none lost, none duplicated")
    expect(got == ref.records, "the resumed sweep's records equal the uninterrupted sweep's")
    db = sqlite3.connect(state)
    runs, status = db.execute("SELECT runs, status FROM sweeps ORDER BY id DESC LIMIT 1").fetchone()
    expect(runs == kills + 1 and status == "complete", f"one sweep, resumed over {runs} runs, complete")


def test_lock(work):
    tree = os.path.join(work, "tree")
    n = 4000
    make_big_tree(tree, n)
    state = os.path.join(work, "state.db")
    p = subprocess.Popen([BIN, "scan", tree, "--state", state, "-j", "1", "-o", os.path.join(work, "a.txt"), "-q"],
                         stderr=subprocess.PIPE)
    while p.poll() is None and not committed(state):
        time.sleep(0.02)
    # Stopped, the first sweep keeps its lock however long the second takes to start: no race
    # with a fast machine finishing the first sweep meanwhile.
    p.send_signal(signal.SIGSTOP)
    still_running = p.poll() is None
    second = subprocess.run([BIN, "scan", tree, "--state", state, "-o", os.path.join(work, "b.txt")],
                            capture_output=True, text=True)
    p.send_signal(signal.SIGCONT)
    p.send_signal(signal.SIGINT)
    p.wait()
    expect(still_running, "the first sweep was running when the second started")
    expect(second.returncode == 2 and "in use by another datasweep process" in second.stderr
           and f"pid {p.pid}" in second.stderr, f"a second sweep of the same state is refused: {second.stderr.strip()}")
    resumed = scan(work, tree, name="after-lock")
    expect(resumed.proc.returncode == 0 and len(resumed.records) == n, "after SIGINT the sweep resumes and completes")


if __name__ == "__main__":
    work = tempfile.mkdtemp(prefix="datasweep-state-")
    try:
        {"resweep": test_resweep, "placement": test_placement, "diff": test_diff, "kill": test_kill,
         "lock": test_lock}[sys.argv[2]](work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
