#!/usr/bin/env python3
"""Read-only guarantee (SPEC §6, issue 8): after `datasweep scan`, every scanned file has the same
content, mtime, ctime and atime as before, and no directory in the tree changed (no temp files,
no renames). Atimes are first set 30 days into the past, older than mtime, so that a plain
read() WOULD update them under the default `relatime` mount option: the scanner must use
O_NOATIME (permitted here because the test runs as the files' owner).

    readonly_test.py DATASWEEP WORKDIR

A control file outside the scanned tree is read with plain open() first: if its atime does not
move, the mount is `noatime` and atime cannot be observed; the test then says so and checks the
rest (exit 0). Exit 1 on any change, 77 when the scanner could not run at all (no binary).
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile_lib as h  # noqa: E402

DAY = 86400


def build_tree(root):
    os.makedirs(os.path.join(root, "Staff", "HR"))
    os.makedirs(os.path.join(root, "Pupils"))
    files = {
        "Staff/HR/contract.txt": ("Contract. NI number: JG 10 37 59 A\n" + h.CANARY_LINE).encode(),
        "Pupils/list.csv": ("Name,NHS No,DOB\n" + "".join(
            "Pupil %d,%s,01/02/2015\n" % (i, n) for i, n in enumerate(h.nhs_numbers(12)))).encode(),
        "Pupils/form.docx": h.docx([("Medical form. NHS No: %s" % h.CANARY_NHS).encode()]),
        "Pupils/bundle.zip": h.zip_bytes([("inner/note.txt", h.CANARY_LINE.encode()),
                                          ("inner/form.docx",
                                           h.docx([b"Nothing personal here."]))]),
        "Pupils/letter.pdf": h.build_pdf([h.pdf_text_content([h.CANARY_LINE.strip()])]),
        "Staff/mail.eml": h.nested_rfc822(2, h.CANARY_LINE.strip(), "inner text"),
        "Staff/notepad.txt": "NI number: JG 10 37 59 A\r\n".encode("utf-16-le"),
        "Staff/odd name\n\xe9.txt": h.CANARY_LINE.encode(),
        "empty.txt": b"",
    }
    for rel, data in files.items():
        with open(os.path.join(root, rel), "wb") as f:
            f.write(data)
    return sorted(files)


def snapshot(root):
    """path -> (sha256 or None for dirs, mtime_ns, ctime_ns, atime_ns, mode, size)."""
    snap = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            st = os.lstat(p)
            digest = None
            if name in filenames:
                # Read with O_NOATIME so that taking the snapshot does not itself move atime.
                fd = os.open(p, os.O_RDONLY | os.O_NOATIME)
                with os.fdopen(fd, "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
            snap[os.path.relpath(p, root)] = (digest, st.st_mtime_ns, st.st_ctime_ns,
                                              st.st_atime_ns, st.st_mode, st.st_size)
    st = os.lstat(root)
    snap["."] = (None, st.st_mtime_ns, st.st_ctime_ns, st.st_atime_ns, st.st_mode, st.st_size)
    return snap


def age_timestamps(root):
    now = time.time()
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames:
            os.utime(os.path.join(dirpath, name), (now - 30 * DAY, now - 60 * DAY))


def atime_observable(work):
    control = os.path.join(work, "control.txt")
    with open(control, "wb") as f:
        f.write(b"control\n")
    now = time.time()
    os.utime(control, (now - 30 * DAY, now - 60 * DAY))
    before = os.stat(control).st_atime_ns
    with open(control, "rb") as f:
        f.read()
    return os.stat(control).st_atime_ns != before


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if not os.access(binary, os.X_OK):
        print("no datasweep binary at %s" % binary)
        return 77
    shutil.rmtree(work, ignore_errors=True)
    root = os.path.join(work, "tree")
    os.makedirs(root)
    build_tree(root)
    age_timestamps(root)
    observable = atime_observable(work)
    # Directory atimes: reading a directory (getdents) also bumps atime; age them too, and the
    # root itself, after building (which changed their mtimes).
    time.sleep(0.05)
    before = snapshot(root)
    out = os.path.join(work, "out.jsonl")
    proc = subprocess.run([binary, "scan", root, "-f", "jsonl", "-o", out],
                          capture_output=True, timeout=240)
    problems = []
    if proc.returncode not in (0, 1):
        problems.append("scan exit code %d: %s" % (proc.returncode,
                                                   proc.stderr.decode(errors="replace")[-300:]))
    after = snapshot(root)
    fields = ("content", "mtime", "ctime", "atime", "mode", "size")
    for rel in sorted(set(before) | set(after)):
        if rel not in after:
            problems.append("%r disappeared" % rel)
            continue
        if rel not in before:
            problems.append("%r appeared in the scanned tree" % rel)
            continue
        is_dir = before[rel][0] is None
        for i, field in enumerate(fields):
            if field == "atime" and (not observable or is_dir):
                continue  # directory atimes: listing a directory is reading it
            if before[rel][i] != after[rel][i]:
                problems.append("%r: %s changed" % (rel, field))
    records = []
    try:
        with open(out, "rb") as f:
            for line in f.read().split(b"\n"):
                obj = json.loads(line) if line.strip() else {}
                if obj.get("type") == "file" and "!/" not in obj.get("real_path", "!/"):
                    records.append(obj)
    except (OSError, ValueError) as e:
        problems.append("cannot read the scan output: %s" % e)
    n_files = sum(1 for v in before.values() if v[0] is not None)
    if len(records) < n_files:
        problems.append("only %d file records for %d files: the scan did not read everything"
                        % (len(records), n_files))
    print("checked %d files and %d directories; atime %s" % (
        n_files, len(before) - n_files,
        "checked (relatime/strictatime mount)" if observable
        else "NOT observable on this mount (noatime): not checked"))
    for p in problems:
        print("FAIL: " + p)
    print("read-only guarantee: %s" % ("FAIL" if problems else "PASS"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
