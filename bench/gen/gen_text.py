"""Generates the plain-text benchmark corpora (seeded, deterministic).

  gen_text.py text  OUT --files 20000 --bytes 1073741824   (a) office prose, sparse PII
  gen_text.py tiny  OUT --files 200000                     (c) many tiny files
  gen_text.py big   OUT_FILE --bytes 4294967296            (d) one big text file
  gen_text.py csv   OUT_FILE --bytes 1073741824            (d) one big MIS-style CSV

Writes OUT.manifest.json with the planted PII counts per kind (ground truth for recall checks).
"""
import argparse
import json
import math
import multiprocessing as mp
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pii  # noqa: E402

POOL_SIZE = 60000
PII_EVERY = 10 * 1024  # one planted PII sentence per ~10 KB on average
_POOL = None
_AVG = 80.0


def pool(seed):
    global _POOL
    if _POOL is None:
        _POOL = pii.sentence_pool(seed, POOL_SIZE)
        global _AVG
        _AVG = sum(len(s.encode()) + 1 for s in _POOL) / len(_POOL)
    return _POOL


def poisson(r, lam):
    if lam > 30:
        return max(0, int(r.gauss(lam, math.sqrt(lam)) + 0.5))
    l, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= r.random()
        if p <= l:
            return k
        k += 1


def layout(r, sentences):
    """Formats sentences as wrapped text, one paragraph per line, or bullet notes."""
    style = r.randrange(3)
    out, line, n = [], [], 0
    if style == 2:
        return "\n".join("- " + s for s in sentences) + "\n"
    for s in sentences:
        line.append(s)
        n += len(s) + 1
        if (style == 0 and n > 70) or (style == 1 and len(line) >= r.randint(3, 8)):
            out.append(" ".join(line))
            line, n = [], 0
            if r.random() < 0.15:
                out.append("")
    if line:
        out.append(" ".join(line))
    return "\n".join(out) + "\n"


def text_blob(r, seed, size, counts):
    """About `size` bytes of prose with Poisson-planted PII sentences."""
    p = pool(seed)
    n = max(1, int(size / _AVG))
    sents = r.choices(p, k=n)
    for _ in range(poisson(r, size / PII_EVERY)):
        kind, s = pii.pii_sentence(r)
        counts[kind] = counts.get(kind, 0) + 1
        sents[r.randrange(len(sents))] = s
    return layout(r, sents)


DEPTS = ["admin", "finance", "hr", "curriculum", "pastoral", "sen", "exams", "estates", "it",
         "governance", "trips", "safeguarding-archive"]
EXTS = [".txt", ".txt", ".txt", ".md", ".log", ".csv.txt", ".eml"]


def rel_path(r, i):
    d = [r.choice(DEPTS), str(r.randint(2020, 2025)), r.choice(["notes", "minutes", "letters",
         "reports"])]
    if r.random() < 0.5:
        d.append(r.choice(["term1", "term2", "old"]))
    return os.path.join(*d, f"doc{i:06d}{r.choice(EXTS)}")


def _text_job(args):
    out, seed, lo, hi, sizes = args
    counts, total = {}, 0
    pool(seed)
    for i in range(lo, hi):
        r = random.Random(seed * 1_000_003 + i)
        path = os.path.join(out, rel_path(r, i))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text_blob(r, seed, sizes[i - lo], counts).encode()
        with open(path, "wb") as f:
            f.write(data)
        total += len(data)
    return counts, total


def run_jobs(fn, jobs):
    with mp.Pool(min(2, os.cpu_count() or 1)) as p:
        results = p.map(fn, jobs)
    counts, total = {}, 0
    for c, t in results:
        total += t
        for k, v in c.items():
            counts[k] = counts.get(k, 0) + v
    return counts, total


def gen_text(out, files, nbytes, seed):
    r = random.Random(seed)
    raw = [min(2_000_000, r.lognormvariate(math.log(30000), 1.1)) for _ in range(files)]
    scale = nbytes / sum(raw)
    sizes = [max(200, int(x * scale)) for x in raw]
    step = max(1, files // 64)
    jobs = [(out, seed, lo, min(files, lo + step), sizes[lo:lo + step]) for lo in range(0, files, step)]
    return run_jobs(_text_job, jobs)


def _tiny_job(args):
    out, seed, lo, hi = args
    counts, total = {}, 0
    pool(seed)
    for i in range(lo, hi):
        r = random.Random(seed * 1_000_003 + i)
        d = os.path.join(out, f"d{i // 200:04d}")
        if i % 200 == 0:
            os.makedirs(d, exist_ok=True)
        size = int(r.lognormvariate(math.log(600), 0.8))
        data = text_blob(r, seed, min(size, 8000), counts).encode()[: max(size, 20)]
        with open(os.path.join(d, f"n{i:07d}.txt"), "wb") as f:
            f.write(data)
        total += len(data)
    return counts, total


def gen_tiny(out, files, seed):
    step = 2000
    return run_jobs(_tiny_job, [(out, seed, lo, min(files, lo + step)) for lo in range(0, files, step)])


def gen_big(path, nbytes, seed):
    r, counts, total = random.Random(seed), {}, 0
    with open(path, "wb") as f:
        while total < nbytes:
            data = text_blob(r, seed, min(1 << 20, nbytes - total), counts).encode()
            f.write(data)
            total += len(data)
    return counts, total


CSV_HEAD = ("UPN,Legal Surname,Legal Forename,DOB,Gender,Year,Postcode,Primary Carer Tel,"
            "Email,SEN Status,FSM,Attendance %\n")


def csv_row(r):
    return ",".join([pii.upn(r), r.choice(pii.SURNAMES), r.choice(pii.FORENAMES),
                     f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d}/{r.randint(2007, 2019)}",
                     r.choice("MF"), str(r.randint(7, 13)), pii.postcode(r), pii.phone(r),
                     pii.email(r), r.choice(["N", "N", "N", "K", "E"]), r.choice(["Y", "N", "N"]),
                     f"{r.uniform(80, 100):.1f}"]) + "\n"


def gen_csv(path, nbytes, seed):
    r = random.Random(seed)
    rows = [csv_row(r) for _ in range(50000)]
    total = 0
    with open(path, "wb") as f:
        f.write(CSV_HEAD.encode())
        while total < nbytes:
            data = "".join(r.choices(rows, k=10000)).encode()
            f.write(data)
            total += len(data)
    return {"csv_rows": total // 100}, total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["text", "tiny", "big", "csv"])
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=20000)
    ap.add_argument("--bytes", type=int, default=1 << 30)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.kind in ("big", "csv"):
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    if a.kind == "text":
        counts, total = gen_text(a.out, a.files, a.bytes, a.seed)
    elif a.kind == "tiny":
        counts, total = gen_tiny(a.out, a.files, a.seed)
    elif a.kind == "big":
        counts, total = gen_big(a.out, a.bytes, a.seed)
    else:
        counts, total = gen_csv(a.out, a.bytes, a.seed)
    with open(a.out.rstrip("/") + ".manifest.json", "w") as f:
        json.dump({"kind": a.kind, "bytes": total, "files": a.files, "seed": a.seed,
                   "planted": counts}, f, indent=1, sort_keys=True)
    print(f"{a.kind}: {total} bytes, planted {sum(counts.values())}", file=sys.stderr)


if __name__ == "__main__":
    main()
