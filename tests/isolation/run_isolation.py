#!/usr/bin/env python3
"""Process-isolation suite (issue 8): a parser crash, hang, runaway allocation or a worker dying
mid-write costs only that file; every other record is exactly what an in-process scan gives.

Uses the test-only crash extractor (scanner/crash_test_extractor.h), enabled by
DATASWEEP_TEST_CRASH_EXTRACTOR=1: files starting "DATASWEEP-CRASH-TEST <word>" misbehave.

  run_isolation.py BINARY WORKDIR CASE     CASE: crashes | orphans | off | hook-off | usage |
                                                 threads
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

MAGIC = "DATASWEEP-CRASH-TEST"
MAX_SECONDS = 2          # policy limits.max_seconds for these runs
GRACE = 5                # WorkerConfig.grace_seconds
WORKER_MEMORY = 512 << 20

# Synthetic personal data (made-up names, a checksum-valid UPN pattern is not needed here:
# e-mail addresses and NI-style numbers are enough to make a file non-trivially classified).
CSV = "name,email,phone\n" + "".join(
    f"Pupil{i} Testname,pupil{i}@example.org,07700 900{i:03d}\n" for i in range(40))
PROSE = "Meeting notes for the trip. Contact jane.doe@example.org or call 07700 900123.\n"

BAD = {  # file → (word, expected status_reason regex)
    "bad/segv.dat": ("segv", r"^parser crashed \(signal 11: SIGSEGV\) in CrashTestExtractor$"),
    "bad/abort.dat": ("abort", r"^parser crashed \(signal 6: SIGABRT\) in CrashTestExtractor$"),
    "bad/hang.dat": ("hang", r"^timed out after [0-9]+ s in CrashTestExtractor$"),
    "bad/oom.dat": ("oom", r"^out of memory \(limit 512 MiB\) in CrashTestExtractor$"),
    "bad/midwrite.dat": ("midwrite", r"^parser crashed \(exited with status 0\) in CrashTestExtractor$"),
}
# Sanitizer builds (the asan preset sets ASAN_OPTIONS) run workers without RLIMIT_AS, whose
# shadow memory would not fit under it, so the memory-limit case is only run in normal builds.
if os.environ.get("ASAN_OPTIONS"):
    del BAD["bad/oom.dat"]
# A container whose member breaks the parser: rescanned without that member, so the container
# is `partial` with its own findings kept and the member is `error` with the reason.
NESTED = {  # file → (word, member reason regex)
    "bad/nested_segv.dat": ("segv", r"^parser crashed \(signal 11: SIGSEGV\) in CrashTestExtractor$"),
    "bad/nested_hang.dat": ("hang", r"^timed out after [0-9]+ s in CrashTestExtractor$"),
}


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.utime(path, (1767225600, 1767225600))
    return path


def make_policy(binary, workdir, max_seconds=MAX_SECONDS):
    text = subprocess.run([binary, "policy", "show"], check=True, capture_output=True, text=True).stdout
    text, n1 = re.subn(r"max_seconds: \d+", f"max_seconds: {max_seconds}", text)
    text, n2 = re.subn(r"max_worker_memory: \d+", f"max_worker_memory: {WORKER_MEMORY}", text)
    check(n1 == 1 and n2 == 1, "default policy lacks limits.max_seconds / max_worker_memory")
    path = os.path.join(workdir, f"policy-{max_seconds}.yaml")
    with open(path, "w") as f:
        f.write(text)
    return path


def env(crash=True, **extra):
    e = dict(os.environ)
    e.pop("DATASWEEP_TEST_CRASH_EXTRACTOR", None)
    if crash:
        e["DATASWEEP_TEST_CRASH_EXTRACTOR"] = "1"
    e.update(extra)
    return e


def scan(binary, args, environ, timeout=120):
    t0 = time.monotonic()
    p = subprocess.Popen([binary, "scan", *args, "-f", "jsonl"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=environ)
    out, err = p.communicate(timeout=timeout)
    p.stdout, p.stderr = out, err  # keep the pid (to look for orphan workers) with the output
    elapsed = time.monotonic() - t0
    lines = [json.loads(l) for l in out.decode().splitlines() if l.strip()]
    files = {r["path"]: r for r in lines if r.get("type") == "file"}
    summary = [r for r in lines if r.get("type") == "summary"]
    return p, files, summary, elapsed


def workers_of(parent_pid):
    """Live worker processes started by `parent_pid` (its cmdline names it as the parent)."""
    found = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
            with open(f"/proc/{d}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if len(argv) >= 4 and argv[1] == b"__worker" and argv[3] == str(parent_pid).encode() and state != "Z":
            found.append(int(d))
    return found


def case_crashes(binary, workdir):
    root = os.path.join(workdir, "tree")
    good = {}
    for i in range(6):  # plain text and CSV: scanned in process
        good[write(root, f"good/classlist{i}.csv", CSV)] = None
        good[write(root, f"good/notes{i}.txt", PROSE)] = None
    for i in range(8):  # a "risky" type that behaves: scanned in workers, reused across files
        good[write(root, f"good/ok{i}.dat", f"{MAGIC} ok\n{CSV}")] = None
    for rel, (word, _) in BAD.items():
        write(root, rel, f"{MAGIC} {word}\n{PROSE}")
    for rel, (word, _) in NESTED.items():
        write(root, rel, f"{MAGIC} ok\n{MAGIC} {word}\n{PROSE}")
    flaky = write(root, "good/flaky.dat", f"{MAGIC} flaky\n{PROSE}")
    marker = os.path.join(workdir, "flaky.marker")
    policy = make_policy(binary, workdir)

    # Reference: the good files alone, everything in process.
    ref_p, ref, _, _ = scan(binary, [*sorted(good), "--isolation", "off", "--policy", policy, "--fail-on", "never"],
                            env())
    check(ref_p.returncode == 0, f"reference scan exit {ref_p.returncode}: {ref_p.stderr.decode()}")

    p, recs, summary, elapsed = scan(binary, [root, "-j", "2", "--policy", policy, "--fail-on", "never"],
                                     env(DATASWEEP_TEST_FLAKY_MARKER=marker))
    print(f"isolated sweep: {elapsed:.1f} s, exit {p.returncode}, {len(recs)} records")
    check(p.returncode == 0, f"exit {p.returncode} (crashes must not change it): {p.stderr.decode()}")
    bound = 2 * (MAX_SECONDS + GRACE) + 20  # two hangs, each killed at its budget
    check(elapsed < bound, f"sweep took {elapsed:.1f} s, bound {bound} s")
    check(len(summary) == 1 and summary[0]["files"] == len(recs), "summary missing or miscounted")

    for rel, (_, pattern) in BAD.items():
        r = recs.get(os.path.join(root, rel))
        check(r is not None, f"{rel}: no record")
        check(r["status"] == "error", f"{rel}: status {r['status']}, want error")
        check(re.match(pattern, r["status_reason"] or ""), f"{rel}: reason {r['status_reason']!r} !~ {pattern}")
        check(any(x.startswith("content not inspected: ") for x in r["reasons"]), f"{rel}: reasons {r['reasons']}")
        check(r["mime"] == "application/x-datasweep-crash-test", f"{rel}: mime {r['mime']}")
    for rel in BAD:
        check(not any(p.startswith(os.path.join(root, rel) + "!/") for p in recs),
              f"{rel}: members of a crashed file must not be reported")
    for rel, (_, pattern) in NESTED.items():
        r = recs.get(os.path.join(root, rel))
        m = recs.get(os.path.join(root, rel) + "!/inner.txt")
        check(r is not None and m is not None, f"{rel}: container or member record missing")
        check(m["status"] == "error" and re.match(pattern, m["status_reason"] or ""),
              f"{rel}!/inner.txt: {m['status']} {m['status_reason']!r} !~ {pattern}")
        want = r"^1 of 1 members not inspected \(error: inner\.txt\)$"
        check(r["status"] == "partial" and re.match(want, r["status_reason"] or ""),
              f"{rel}: {r['status']} {r['status_reason']!r} !~ {want}")
        check(r["detections"].get("phone", 0) == 1 and not m["detections"],
              f"{rel}: the container's own findings were lost: {r['detections']}")

    # The flaky file crashed once (marker created), was retried alone, and then succeeded.
    check(os.path.exists(marker), "flaky file never ran")
    fr = recs.get(flaky)
    check(fr and fr["status"] == "complete", f"flaky file after retry: {fr and (fr['status'], fr['status_reason'])}")
    check(fr["detections"].get("phone", 0) == 1, f"flaky file content not inspected after retry: {fr['detections']}")

    # Every good file (and member) is exactly what the in-process scan gave.
    for path, want in ref.items():
        got = recs.get(path)
        check(got is not None, f"{path}: missing from the isolated sweep")
        check(got == want, f"{path}: differs from in-process\n  in-process {json.dumps(want)}\n  isolated   {json.dumps(got)}")
    members = [p for p in ref if "!/" in p]
    check(len(members) == 8, f"expected 8 member records from ok*.dat, got {len(members)}")
    check(all(ref[m]["depth"] == 1 and ref[m]["container"] == m.split("!/")[0] for m in members), "member fields")
    check(any(r["class"] != "UNRESTRICTED" for r in ref.values()), "fixture classifies nothing: test would be vacuous")
    check(not workers_of(p.pid), f"workers of sweep {p.pid} left running")

    # Exit code: only the rules decide it (default --fail-on high).
    p2, recs2, _, _ = scan(binary, [root, "-j", "2", "--policy", policy], env(DATASWEEP_TEST_FLAKY_MARKER=marker))
    sev = {"low": 1, "medium": 2, "high": 3, "critical": 4}
    worst = max((sev[v["severity"]] for r in recs2.values() for v in r["violations"]), default=0)
    check(p2.returncode == (1 if worst >= 3 else 0), f"exit {p2.returncode} but worst violation severity {worst}")
    print("ok: crashes, hang, OOM and mid-write cost only their file; good records identical to in-process")


def case_orphans(binary, workdir):
    root = os.path.join(workdir, "tree")
    write(root, "hang1.dat", f"{MAGIC} hang\n")
    write(root, "hang2.dat", f"{MAGIC} hang\n")
    policy = make_policy(binary, workdir, max_seconds=60)
    proc = subprocess.Popen([binary, "scan", root, "-j", "2", "--policy", policy, "-f", "jsonl"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env())
    deadline = time.monotonic() + 20
    workers = []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.1)
        workers = workers_of(proc.pid)
    check(len(workers) == 2, f"expected 2 busy workers, found {workers}")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(os.path.exists(f"/proc/{w}") and workers_of(proc.pid) for w in workers):
        time.sleep(0.05)
    left = workers_of(proc.pid)
    for w in left:
        os.kill(w, signal.SIGKILL)
    check(not left, f"workers {left} outlived their killed parent")
    print(f"ok: killing the sweep ended its workers {workers}")


def case_off(binary, workdir):
    root = os.path.join(workdir, "tree")
    write(root, "segv.dat", f"{MAGIC} segv\n")
    p = subprocess.run([binary, "scan", root, "--isolation", "off", "-f", "jsonl"], capture_output=True, env=env())
    check(p.returncode == -signal.SIGSEGV, f"--isolation off should parse in process (and die): exit {p.returncode}")
    p = subprocess.run([binary, "scan", root, "--isolation", "auto", "-f", "jsonl", "--fail-on", "never"],
                       capture_output=True, env=env())
    check(p.returncode == 0, f"--isolation auto: exit {p.returncode}")
    print("ok: --isolation off parses in process; auto survives the same file")


def case_hook_off(binary, workdir):
    root = os.path.join(workdir, "tree")
    path = write(root, "segv.dat", f"{MAGIC} segv\n")
    p, recs, _, _ = scan(binary, [root, "--fail-on", "never"], env(crash=False))
    check(p.returncode == 0, f"exit {p.returncode}")
    r = recs[path]
    check(r["mime"].startswith("text/") and r["status"] == "complete",
          f"without DATASWEEP_TEST_CRASH_EXTRACTOR the magic must mean nothing: {r['mime']} {r['status']}")
    print("ok: the crash-test extractor is absent from normal sweeps")


def case_usage(binary, workdir):
    p = subprocess.run([binary, "scan", workdir, "--isolation", "sometimes"], capture_output=True)
    check(p.returncode == 2 and b"--isolation takes auto or off" in p.stderr, f"exit {p.returncode} {p.stderr!r}")
    p = subprocess.run([binary, "__worker"], capture_output=True)
    check(p.returncode != 0 and b"not by hand" in p.stderr, f"__worker by hand: exit {p.returncode}")
    print("ok: usage errors")


def case_threads(binary, workdir):
    """A worker scans one large spreadsheet's rows on the sweep's -j threads (a batch in the
    background while the parser reads the next) and reads a 150-page PDF's pages on them: the
    records are those of one thread, and of an in-process scan."""
    root = os.path.join(workdir, "tree")
    gen = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench", "gen",
                       "gen_big_docs.py")
    subprocess.run([sys.executable, gen, root, "--xlsx-mb", "3", "--pdf-pages", "150"], check=True)
    runs = {}
    for label, args in {"worker -j1": ["-j", "1"], "worker -j2": ["-j", "2"],
                        "in process -j2": ["-j", "2", "--isolation", "off"]}.items():
        p, recs, _, _ = scan(binary, [root, "--fail-on", "never", *args], env(crash=False))
        check(p.returncode == 0, f"{label}: exit {p.returncode}: {p.stderr.decode()}")
        runs[label] = recs
    xlsx = runs["worker -j1"][os.path.join(root, "big.xlsx")]
    check(xlsx["status"] == "complete" and xlsx["detections"].get("upn", 0) > 10000,
          f"the spreadsheet was not read whole: {xlsx['status']} {xlsx['detections']}")
    for label, recs in runs.items():
        check(recs == runs["worker -j1"], f"{label} differs from worker -j1")
    print(f"ok: {len(runs['worker -j1'])} records identical with 1 and 2 worker threads and in process")


def main():
    binary, workdir, case = sys.argv[1], sys.argv[2], sys.argv[3]
    workdir = os.path.join(workdir, case)
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    {"crashes": case_crashes, "orphans": case_orphans, "off": case_off, "hook-off": case_hook_off,
     "usage": case_usage, "threads": case_threads}[case](binary, workdir)


if __name__ == "__main__":
    main()
