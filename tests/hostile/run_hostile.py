#!/usr/bin/env python3
"""Runs the datasweep binary over the hostile corpus made by make_hostile.py and checks every
case against expectations.json (issue 8).

    run_hostile.py DATASWEEP CORPUS_DIR [--work DIR] [--only CASE ...] [--no-combined]

Each case directory is scanned on its own (`datasweep scan <dir> -f jsonl -o out.jsonl`) with a
wall-clock bound, so that one hang costs one case; then, unless --no-combined, the whole corpus is
scanned once in one process to show that a single sweep survives all of it. For every run:
exit code 0 or 1 (2 or a signal fails), every output line valid UTF-8 JSON, a summary line, peak
RSS of the scan process <= 512 MiB (os.wait4 per run; RUSAGE_CHILDREN for the whole run).

Environment: HOSTILE_TIME_SCALE (float, default 1) multiplies every time bound, and
HOSTILE_RSS_LIMIT_MB (default 512) replaces the memory bound: both only for sanitizer builds,
whose shadow memory and quarantine are not the product's footprint. Exit status: 0 when every case passes (SKIPs allowed), 1 otherwise.
"""

import argparse
import base64
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RSS_LIMIT_KB = int(os.environ.get("HOSTILE_RSS_LIMIT_MB", "512") or 512) * 1024
TIME_SCALE = float(os.environ.get("HOSTILE_TIME_SCALE", "1") or 1)


class Run:
    """One scan: its records, summary, timing, memory and protocol failures."""

    def __init__(self):
        self.records = []
        self.summary = None
        self.raw = b""
        self.elapsed = 0.0
        self.rss_kb = 0
        self.exit = None
        self.problems = []
        self.stderr = b""


def real_path_bytes(rec):
    """The on-disk path of a record: real_path, or the exact bytes when the name is not UTF-8."""
    if rec.get("path_bytes"):
        try:
            return base64.b64decode(rec["path_bytes"])
        except ValueError:
            pass
    return (rec.get("real_path") or rec.get("path") or "").encode("utf-8", "surrogateescape")


def run_scan(binary, scan_dir, out_path, timeout, run_as=None):
    run = Run()
    cmd = [binary, "scan", scan_dir, "-f", "jsonl", "-o", out_path]
    if run_as:
        cmd = run_as + cmd
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Drain stderr in a thread so a chatty scanner cannot block on a full pipe.
    err_chunks = []
    reader = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)
    reader.start()
    status = None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            run.rss_kb = usage.ru_maxrss
            break
        if time.monotonic() - start > timeout:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            run.rss_kb = usage.ru_maxrss
            run.problems.append("timeout after %.0f s (killed)" % timeout)
            break
        time.sleep(0.02)
    proc.returncode = 0  # reaped by wait4; keep Popen from waiting again
    run.elapsed = time.monotonic() - start
    reader.join(timeout=5)
    run.stderr = b"".join(c for c in err_chunks if c)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if not run.problems:
            run.problems.append("killed by signal %s" % signal.Signals(sig).name)
        run.exit = -sig
    else:
        run.exit = os.WEXITSTATUS(status)
        if run.exit not in (0, 1):
            tail = run.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            run.problems.append("exit code %d (%s)" % (run.exit, tail[0][:160]))
    if run.rss_kb > RSS_LIMIT_KB:
        run.problems.append("peak RSS %d MiB > %d MiB" % (run.rss_kb // 1024, RSS_LIMIT_KB // 1024))
    parse_output(run, out_path)
    return run


def parse_output(run, out_path):
    try:
        with open(out_path, "rb") as f:
            run.raw = f.read()
    except OSError as e:
        run.problems.append("no output file: %s" % e.strerror)
        return
    lines = run.raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    elif lines:
        run.problems.append("output does not end with a newline (truncated?)")
    for n, line in enumerate(lines, 1):
        try:
            obj = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            run.problems.append("line %d is not valid UTF-8 JSON: %s" % (n, str(e)[:80]))
            continue
        if not isinstance(obj, dict):
            run.problems.append("line %d is not an object" % n)
        elif obj.get("type") == "summary":
            run.summary = obj
        else:
            run.records.append(obj)
            for key in ("path", "status"):
                if key not in obj:
                    run.problems.append("line %d has no %r" % (n, key))
    if run.summary is None:
        run.problems.append("no summary line")


# --- checks ------------------------------------------------------------------------------------


def find_target(run, check, case_dir):
    """The record for the check's target: exact on-disk path (case_dir/target), else None."""
    base = os.fsencode(case_dir)
    if "target_bytes_b64" in check:
        want = base + b"/" + base64.b64decode(check["target_bytes_b64"])
    elif "target" in check:
        want = base + b"/" + check["target"].encode("utf-8", "surrogateescape")
    else:
        rx = re.compile(check["target_re"].encode())
        for rec in run.records:
            p = real_path_bytes(rec)
            if p.startswith(base + b"/") and b"!/" not in p and rx.search(p[len(base):]):
                return rec
        return None
    want = os.path.normpath(want)
    for rec in run.records:
        if os.path.normpath(real_path_bytes(rec)) == want:
            return rec
    return None


def status_ok(rec, check):
    problems = []
    status = rec.get("status")
    reason = rec.get("status_reason") or ""
    if "status" in check and status not in check["status"]:
        problems.append("status %r (reason %r), expected %s" % (status, reason[:100],
                                                                 "/".join(check["status"])))
    # A reason is required for every non-complete status; its wording is checked by reason_re.
    if status and status != "complete" and not reason:
        problems.append("status %r without a status_reason" % status)
    if (check.get("reason_re") and status != "complete"
            and not re.search(check["reason_re"], reason, re.I)):
        problems.append("status_reason %r does not match /%s/" % (reason[:120],
                                                                  check["reason_re"]))
    if check.get("mime_not_re") and re.search(check["mime_not_re"], rec.get("mime") or ""):
        problems.append("mime %r matches /%s/ (type must come from content)" %
                        (rec.get("mime"), check["mime_not_re"]))
    return problems


def detection_count(rec, detector):
    det = rec.get("detections") or {}
    value = det.get(detector, 0)
    return value if isinstance(value, int) else 0


def evaluate(check, run, case_dir, ctx):
    """Returns a list of problems (empty: the check passed)."""
    kind = check["check"]
    if kind == "record":
        rec = find_target(run, check, case_dir)
        if rec is None:
            name = check.get("target") or check.get("target_re") or check.get("target_bytes_b64")
            return ["no record for %r" % name]
        return status_ok(rec, check)
    if kind == "any_record":
        rx = re.compile(check.get("reason_re", ""), re.I)
        for rec in run.records:
            if rec.get("status") in check["status"] and rx.search(rec.get("status_reason") or ""):
                return []
        return ["no record with status %s and reason /%s/" % ("/".join(check["status"]),
                                                              check.get("reason_re", ""))]
    if kind == "detections":
        recs = run.records
        if check.get("scope") == "target" or check.get("when_status"):
            target = find_target(run, ctx["target_check"], case_dir) if ctx.get(
                "target_check") else None
            if check.get("when_status"):
                if target is None or target.get("status") not in check["when_status"]:
                    return []  # not applicable
            if check.get("scope") == "target":
                recs = [target] if target else []
        top_level = [r for r in recs if b"!/" not in real_path_bytes(r)]
        members = [r for r in recs if b"!/" in real_path_bytes(r)]
        # A container's own record may repeat its members' counts: count members when present.
        total = sum(detection_count(r, check["detector"]) for r in members)
        total_top = sum(detection_count(r, check["detector"]) for r in top_level)
        n = max(total, total_top) if members else total_top
        lo, hi = check.get("min", 0), check.get("max")
        if n < lo or (hi is not None and n > hi):
            want = ("%d" % lo) if hi == lo else (">= %d" % lo if hi is None else
                                                 "%d..%d" % (lo, hi))
            return ["%s detections %d, expected %s" % (check["detector"], n, want)]
        return []
    if kind == "no_record":
        rx = re.compile(check["real_path_re"].encode())
        bad = [real_path_bytes(r) for r in run.records if rx.search(real_path_bytes(r))]
        return ["record outside the tree: %r" % bad[0]] if bad else []
    if kind == "output_lacks":
        text = run.raw + run.stderr
        found = [s for s in check["strings"] if s.encode() in text]
        return ["output contains %r" % found] if found else []
    if kind == "no_connection":
        listener = ctx.get("listener")
        if listener is None:
            return ["SKIP: could not listen on port %d" % check["port"]]
        return (["%d connection(s) to 127.0.0.1:%d (external entity fetched)" %
                 (listener.connections, check["port"])] if listener.connections else [])
    if kind == "one_of":
        alternatives = [evaluate(c, run, case_dir, ctx) for c in check["checks"]]
        if any(not a for a in alternatives):
            return []
        return ["none of: " + " | ".join("; ".join(a) for a in alternatives)]
    return ["unknown check %r" % kind]


# --- helpers for special cases -----------------------------------------------------------------


class Listener:
    """Counts TCP connections to 127.0.0.1:port during a scan (an XXE fetch would connect)."""

    def __init__(self, port):
        self.connections = 0
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.stop = False
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except socket.timeout:
                continue
            except OSError:
                return

    def close(self):
        self.stop = True
        self.thread.join()
        self.sock.close()


class ChangingFiles:
    """While a scan runs: grow.log is appended to, shrink.txt truncated and refilled, vanish.txt
    deleted and recreated (GNU tar's 'file changed as we read it')."""

    def __init__(self, d, seconds):
        self.d = d
        self.deadline = time.monotonic() + seconds
        self.stop = False
        line = b"append line with no personal data " * 30 + b"\n"
        self.block = line * (65536 // len(line))
        with open(os.path.join(d, "grow.log"), "wb") as f:
            f.write(self.block * 160)  # 10 MiB to start with
        self._fill("shrink.txt")
        self._fill("vanish.txt")
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _fill(self, name):
        with open(os.path.join(self.d, name), "wb") as f:
            for _ in range(320):  # 20 MiB
                f.write(self.block)

    def _loop(self):
        grown = 0
        cycle = 0
        with open(os.path.join(self.d, "grow.log"), "ab") as grow:
            while not self.stop and time.monotonic() < self.deadline:
                if grown < (400 << 20):  # cap the growth at 400 MiB
                    grow.write(self.block)
                    grow.flush()
                    grown += len(self.block)
                cycle += 1
                if cycle % 10 == 3:
                    os.truncate(os.path.join(self.d, "shrink.txt"), 0)
                    try:
                        os.unlink(os.path.join(self.d, "vanish.txt"))
                    except FileNotFoundError:
                        pass
                elif cycle % 10 == 8:
                    self._fill("shrink.txt")
                    self._fill("vanish.txt")
                time.sleep(0.01)

    def close(self):
        self.stop = True
        self.thread.join()


def nobody_prefix():
    """Command prefix that drops root to nobody, or None when not root / not possible."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv:
        probe = subprocess.run([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
                                "true"], capture_output=True)
        if probe.returncode == 0:
            return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    return None


# --- driver ------------------------------------------------------------------------------------


def run_case(name, exp, binary, corpus, work, rss):
    case_dir = os.path.join(corpus, "cases", name)
    out_dir = os.path.join(work, name)
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    out_path = os.path.join(out_dir, "out.jsonl")
    timeout = exp["time_s"] * TIME_SCALE
    run_as = None
    notes = []
    if exp.get("run_as") == "nobody":
        run_as = nobody_prefix()
        if run_as is None:
            return "SKIP", 0.0, 0, ["cannot drop root privileges (setpriv)"]
        if run_as:
            os.chmod(out_dir, 0o777)
            notes.append("as nobody")
    ctx = {}
    ports = [c["port"] for c in exp["checks"] if c["check"] == "no_connection"]
    for port in ports:
        try:
            ctx["listener"] = Listener(port)
        except OSError as e:
            notes.append("cannot listen on %d: %s" % (port, e.strerror))
    writer = ChangingFiles(case_dir, timeout) if exp.get("background_writer") else None
    try:
        run = run_scan(binary, case_dir, out_path, timeout, run_as)
    finally:
        if writer:
            writer.close()
        if ctx.get("listener"):
            ctx["listener"].close()
    rss.append(run.rss_kb)
    problems = list(run.problems)
    if run.elapsed > timeout and not any("timeout" in p for p in problems):
        problems.append("took %.1f s > %.0f s" % (run.elapsed, timeout))
    target_checks = [c for c in exp["checks"] if c["check"] == "record"]
    ctx["target_check"] = target_checks[0] if target_checks else None
    if run.exit is not None and run.exit >= 0 or run.records:
        for check in exp["checks"]:
            problems += evaluate(check, run, case_dir, ctx)
    skips = [p for p in problems if p.startswith("SKIP")]
    fails = [p for p in problems if not p.startswith("SKIP")]
    verdict = "FAIL" if fails else ("SKIP" if skips else "PASS")
    return verdict, run.elapsed, run.rss_kb, (fails or skips) + notes


def run_combined(binary, corpus, work, names, expectations, rss):
    """The whole corpus in one sweep: it must finish, stay valid, and keep every case's target."""
    out_dir = os.path.join(work, "_combined")
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    timeout = sum(expectations[n]["time_s"] for n in names) * TIME_SCALE
    run = run_scan(binary, os.path.join(corpus, "cases"), os.path.join(out_dir, "out.jsonl"),
                   timeout)
    rss.append(run.rss_kb)
    problems = list(run.problems)
    for name in names:
        case_dir = os.path.join(corpus, "cases", name)
        for check in expectations[name]["checks"]:
            if check["check"] == "record" and not name.startswith(("unreadable", "changing")):
                if find_target(run, check, case_dir) is None:
                    problems.append("%s: no record for %r" % (name, check.get("target") or
                                                              check.get("target_re")))
    return ("FAIL" if problems else "PASS"), run.elapsed, run.rss_kb, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary")
    ap.add_argument("corpus")
    ap.add_argument("--work", help="output directory (default: CORPUS/runs)")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--no-combined", action="store_true")
    ap.add_argument("--expectations", default=os.path.join(HERE, "expectations.json"))
    args = ap.parse_args()

    binary = os.path.abspath(args.binary)
    corpus = os.path.abspath(args.corpus)
    work = os.path.abspath(args.work or os.path.join(corpus, "runs"))
    os.makedirs(work, exist_ok=True)
    os.chmod(work, 0o755)
    with open(os.path.join(corpus, "manifest.json")) as f:
        manifest = json.load(f)
    with open(args.expectations) as f:
        expectations = json.load(f)["cases"]
    if manifest.get("big"):
        for exp in expectations.values():
            exp.update(exp.pop("when_big", {}))
    names = args.only or sorted(expectations)
    results = []
    rss = []
    for name in names:
        if name not in expectations:
            sys.exit("no expectation for %r" % name)
        if name not in manifest["cases"]:
            missing = manifest.get("missing_tools", {}).get(name, "not generated")
            results.append((name, "SKIP", 0.0, 0, ["corpus case missing: %s" % missing]))
            continue
        verdict, elapsed, rss_kb, notes = run_case(name, expectations[name], binary, corpus,
                                                   work, rss)
        results.append((name, verdict, elapsed, rss_kb, notes))
        print("%-26s %-4s %7.2fs %5d MiB  %s" % (name, verdict, elapsed, rss_kb // 1024,
                                                 "; ".join(notes)), flush=True)
    if not args.no_combined and not args.only:
        present = [n for n in names if n in manifest["cases"] and n != "changing_files"]
        verdict, elapsed, rss_kb, notes = run_combined(binary, corpus, work, present,
                                                       expectations, rss)
        results.append(("(whole corpus, one sweep)", verdict, elapsed, rss_kb, notes))
        print("%-26s %-4s %7.2fs %5d MiB  %s" % ("(whole corpus, one sweep)", verdict, elapsed,
                                                 rss_kb // 1024, "; ".join(notes)), flush=True)

    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print()
    print("%-26s %-4s %8s %8s  %s" % ("case", "res", "time", "peakRSS", "details"))
    print("-" * 100)
    for name, verdict, elapsed, rss_kb, notes in results:
        print("%-26s %-4s %7.2fs %5d MiB  %s" % (name, verdict, elapsed, rss_kb // 1024,
                                                 "; ".join(notes)))
    passed = sum(1 for r in results if r[1] == "PASS")
    failed = sum(1 for r in results if r[1] == "FAIL")
    skipped = sum(1 for r in results if r[1] == "SKIP")
    peak = max(rss + [children_kb])
    print("-" * 100)
    print("peak RSS of any scan process: %d MiB (RUSAGE_CHILDREN %d MiB; limit %d MiB)" %
          (max(rss or [0]) // 1024, children_kb // 1024, RSS_LIMIT_KB // 1024))
    print("%d passed, %d failed%s" % (passed, failed,
                                      (", %d skipped" % skipped) if skipped else ""))
    if peak > RSS_LIMIT_KB:
        print("FAIL: peak RSS above %d MiB" % (RSS_LIMIT_KB // 1024))
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
