#!/usr/bin/env python3
"""Output faults (issue 8): a full disk or an unwritable report path gives a clear message and
exit 2, and never leaves a truncated report under the final name.

  output_faults_test.py DATASWEEP WORKDIR

Cases: -o /dev/full; stdout redirected to /dev/full; -o in a missing folder; -o in a folder the
user cannot write (run as `nobody` when root); -o on a 16 KiB tmpfs (mounted when permitted,
else reported SKIP for that case only). Exit 0 all pass, 1 a failure.
"""
import os
import shutil
import subprocess
import sys

NHS = "943 476 5919"  # checksum-valid, synthetic


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def make_tree(root):
    """Enough files that the JSONL report is far larger than 16 KiB."""
    for i in range(120):
        d = os.path.join(root, f"d{i % 6}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"note{i}.txt"), "w") as f:
            f.write(f"Pupil {i} Testname, NHS No {NHS}, call 07700 900{i:03d}\n")


def run(argv, stdout=subprocess.PIPE, as_nobody=False):
    if as_nobody:
        argv = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *argv]
    p = subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, timeout=120)
    return p.returncode, p.stderr.decode(errors="replace")


def expect(name, rc, err, pattern):
    if rc != 2:
        fail(f"{name}: exit {rc}, want 2; stderr {err!r}")
    if pattern not in err:
        fail(f"{name}: stderr {err!r} lacks {pattern!r}")
    print(f"PASS {name}: exit 2, {err.strip()!r}")


def main():
    binary, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    tree = os.path.join(work, "tree")
    make_tree(tree)
    scan = [binary, "scan", tree, "-f", "jsonl", "--fail-on", "never", "-q"]

    rc, err = run([*scan, "-o", "/dev/full"])
    expect("-o /dev/full", rc, err, "the report is incomplete")
    with open("/dev/full", "wb") as full:
        rc, err = run(scan, stdout=full)
    expect("stdout on /dev/full", rc, err, "standard output failed")
    missing = os.path.join(work, "missing", "r.jsonl")
    rc, err = run([*scan, "-o", missing])
    expect("-o in a missing folder", rc, err, "cannot create report")
    if os.path.exists(missing):
        fail("a report appeared in a missing folder")

    ro = os.path.join(work, "readonly")
    os.makedirs(ro)
    os.chmod(ro, 0o555)
    os.chmod(work, 0o755)
    os.chmod(tree, 0o755)
    as_nobody = os.geteuid() == 0
    if as_nobody and shutil.which("setpriv") is None:
        print("SKIP unwritable folder: root ignores modes and setpriv is missing")
    else:
        for dirpath, dirs, files in os.walk(tree):  # nobody must be able to read the tree
            os.chmod(dirpath, 0o755)
            for f in files:
                os.chmod(os.path.join(dirpath, f), 0o644)
        target = os.path.join(ro, "r.jsonl")
        rc, err = run([*scan, "-o", target], as_nobody=as_nobody)
        expect("-o in an unwritable folder", rc, err, "Permission denied")
        if os.listdir(ro):
            fail(f"files left in the unwritable folder: {os.listdir(ro)}")

    small = os.path.join(work, "small")
    os.makedirs(small)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", small],
                             capture_output=True).returncode == 0
    if not mounted:
        print("SKIP disk full on a real file system: cannot mount a tmpfs here")
        return
    try:
        target = os.path.join(small, "r.jsonl")
        rc, err = run([*scan, "-o", target])
        expect("-o on a full 16 KiB tmpfs", rc, err, "no report was written")
        if os.listdir(small):
            fail(f"a partial report was left on the full disk: {os.listdir(small)}")
    finally:
        subprocess.run(["umount", small])


if __name__ == "__main__":
    main()
