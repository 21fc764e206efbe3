#!/usr/bin/env python3
"""Isolation overhead and equivalence on a real tree (issue 8).

Sweeps TREE with --isolation off and --isolation auto, REPEAT times each (interleaved, so load
changes on a shared machine hit both alike), and
  - checks that both give the same record for every path (isolation must change nothing but
    who parses), and
  - prints the median wall time of each mode, the overhead, and how many files went to workers.

  measure_overhead.py BINARY TREE [--repeat N] [--jobs J] [--check-only]

Exit 1 if the records differ. --check-only runs each mode once (the CTest equivalence test).
"""
import argparse
import json
import resource
import statistics
import subprocess
import sys
import time


def cpu_children():
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def sweep(binary, tree, mode, jobs):
    """(wall seconds, CPU seconds of the sweep and its workers, records by path)."""
    c0 = cpu_children()
    t0 = time.monotonic()
    p = subprocess.run([binary, "scan", tree, "--isolation", mode, "-j", str(jobs), "-f", "jsonl",
                        "--fail-on", "never", "-q"], capture_output=True)
    elapsed = time.monotonic() - t0
    cpu = cpu_children() - c0
    if p.returncode != 0:
        sys.exit(f"FAIL: --isolation {mode} exit {p.returncode}: {p.stderr.decode()[-2000:]}")
    recs = {}
    for line in p.stdout.decode().splitlines():
        r = json.loads(line)
        if r.get("type") == "file":
            recs[r["path"]] = r
    return elapsed, cpu, recs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("tree")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--check-only", action="store_true")
    a = ap.parse_args()
    repeat = 1 if a.check_only else a.repeat

    times = {"off": [], "auto": []}
    cpus = {"off": [], "auto": []}
    recs = {}
    for _ in range(repeat):
        for mode in ("off", "auto"):
            t, c, recs[mode] = sweep(a.binary, a.tree, mode, a.jobs)
            times[mode].append(t)
            cpus[mode].append(c)

    off, auto = recs["off"], recs["auto"]
    if set(off) != set(auto):
        print("FAIL: different paths:", sorted(set(off) ^ set(auto))[:10])
        sys.exit(1)
    diffs = [p for p in off if off[p] != auto[p]]
    for p in diffs[:5]:
        keys = sorted(k for k in off[p] if off[p].get(k) != auto[p].get(k))
        print(f"DIFF {p}: " + "; ".join(f"{k}: off={off[p].get(k)!r} auto={auto[p].get(k)!r}" for k in keys))
    if diffs:
        print(f"FAIL: {len(diffs)} of {len(off)} records differ between --isolation off and auto")
        sys.exit(1)
    top = [r for r in off.values() if r["depth"] == 0]
    in_process_types = ("text/", "inode/")
    isolated = sum(1 for r in top if not r["mime"].startswith(in_process_types))
    print(f"{len(off)} records ({len(top)} top-level files, ~{isolated} of them of isolated types) identical "
          f"with --isolation off and auto")
    if a.check_only:
        return
    m_off, m_auto = statistics.median(times["off"]), statistics.median(times["auto"])
    print(f"-j {a.jobs}, {repeat} runs each, median wall time: off {m_off:.3f} s, auto {m_auto:.3f} s, "
          f"overhead {m_auto - m_off:+.3f} s ({(m_auto / m_off - 1) * 100:+.1f} %)")
    c_off, c_auto = statistics.median(cpus["off"]), statistics.median(cpus["auto"])
    print(f"median CPU time (user+sys, sweep and workers): off {c_off:.3f} s, auto {c_auto:.3f} s, "
          f"overhead {c_auto - c_off:+.3f} s ({(c_auto / c_off - 1) * 100:+.1f} %)")
    print("  off :", " ".join(f"{t:.3f}" for t in times["off"]))
    print("  auto:", " ".join(f"{t:.3f}" for t in times["auto"]))


if __name__ == "__main__":
    main()
