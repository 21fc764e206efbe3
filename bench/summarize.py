#!/usr/bin/python3
"""Prints bench.py JSON results (one or more files) as a Markdown table for docs/performance.md.

  /usr/bin/python3 bench/summarize.py build/bench/latest.json [more.json ...]
"""
import json
import sys

rows, scaling = [], {}
for path in sys.argv[1:]:
    with open(path) as f:
        d = json.load(f)
    rows += d["rows"]
    scaling.update(d.get("scaling", {}))
print("| corpus | tool | -j | wall s | MB/s | files/s | peak RSS MB | CPU s | CPU MB/s | load | peer time / datasweep time |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    ratio = f"{r['ratio_ds']:.2f}x" if r.get("ratio_ds") else ""
    print(f"| {r['corpus']} | {r['tool']} | {r['jobs']} | {r['wall_s']:.2f} | {r['mb_s']:.1f} | "
          f"{r['files_s']:.0f} | {r['rss_mb']:.1f} | {r['cpu_s']:.2f} | {r.get('cpu_mb_s', 0):.0f} | "
          f"{max(r.get('load1') or [0])} | {ratio} |")
print()
print("-j2 over -j1: " + ", ".join(f"{k} {v}x" for k, v in sorted(scaling.items())))
