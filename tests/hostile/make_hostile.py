#!/usr/bin/env python3
"""Generates the hostile-input corpus (issue 8) into OUTDIR/cases/<case>/, one directory per case,
plus OUTDIR/manifest.json. Nothing here is committed as a binary; run it in the build dir.

    make_hostile.py OUTDIR [--only CASE ...] [--force]

Environment:
    HOSTILE_BIG=1   make the 1 GiB single line and a 2 GiB PDF Flate bomb (default: 200 MiB
                    line, 512 MiB bomb, to keep CI time reasonable). Expectations switch with it
                    (see "when_big" in expectations.json).

The corpus is regenerated only when this script, hostile_lib.py or HOSTILE_BIG change (a stamp
in the manifest), because some cases take seconds to build. Cases that need a running process
(the file changed while read) are prepared by run_hostile.py itself. Standard library only,
plus the `zip` and `7z` command-line tools for the encrypted-archive cases (skipped, and listed
as missing in the manifest, when absent).
"""

import argparse
import hashlib
import json
import os
import random
import shutil
import socket
import stat
import subprocess
import sys
import zipfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile_lib as h  # noqa: E402

BIG = os.environ.get("HOSTILE_BIG", "") not in ("", "0")
MiB = 1 << 20
GiB = 1 << 30
CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def write(path, data: bytes):
    with open(path, "wb") as f:
        f.write(data)


def note_file(d, name="note.txt", nhs=h.CANARY_NHS):
    """A plain file with one PII value, to prove the scan was not derailed by its neighbours."""
    write(os.path.join(d, name), ("Medical note for a pupil.\nNHS No: %s\n" % nhs).encode())


# --- archives ----------------------------------------------------------------------------------


@case
def zip_nested_bomb(d):
    """42.zip style: 16 copies per layer, 4 layers, leaf 16 MiB of zeros: 1 TiB in total."""
    leaf_comp, leaf_crc, leaf_size = h.deflate_repeated(b"", b"\0", 16 * MiB)
    w = h.ZipWriter()
    for i in range(16):
        w.add_raw(b"leaf%02d.bin" % i, leaf_comp, leaf_crc, leaf_size)
    layer = w.finish()
    for depth in range(3):
        layer = h.zip_bytes([("layer%d_%02d.zip" % (depth, i), layer) for i in range(16)])
    write(os.path.join(d, "bomb42.zip"), layer)


@case
def zip_overlap_bomb(d):
    """Fifield-style overlapping entries: 250 entries sharing one 16 MiB kernel (~4 GiB)."""
    write(os.path.join(d, "overlap.zip"), h.overlap_zip_bomb(250, 16 * MiB))


@case
def zip_ratio_bomb(d):
    """One member: a PII line then 1 GiB of zeros (~1 MB compressed, ratio ~1000)."""
    comp, crc, size = h.deflate_repeated(h.CANARY_LINE.encode(), b"\0", GiB)
    w = h.ZipWriter()
    w.add_raw(b"zeros.txt", comp, crc, size)
    write(os.path.join(d, "ratio.zip"), w.finish())


@case
def zip_size_lie_small(d):
    """Declares 10 bytes; actually inflates to a PII line + 100 MiB of spaces."""
    comp, crc, size = h.deflate_repeated(h.CANARY_LINE.encode(), b" ", 100 * MiB)
    w = h.ZipWriter()
    w.add_raw(b"small.txt", comp, crc, size, declared_usize=10)
    write(os.path.join(d, "sizelie_small.zip"), w.finish())


@case
def zip_size_lie_huge(d):
    """Declares ~4 GiB for a 60-byte member: a reader that preallocates from the claim OOMs."""
    data = h.CANARY_LINE.encode()
    w = h.ZipWriter()
    w.add_raw(b"huge.txt", h.deflate_raw(data), zlib.crc32(data), len(data),
              declared_usize=0xFFFFFFF0)
    write(os.path.join(d, "sizelie_huge.zip"), w.finish())


@case
def zip_100k_members(d):
    """100,000 tiny stored members (ZIP64 end record); member 0 carries PII."""
    path = os.path.join(d, "many.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("m000000.txt", h.CANARY_LINE)
        for i in range(1, 100000):
            z.writestr("m%06d.txt" % i, "x")


@case
def zip_depth_100(d):
    """100 levels of zip-in-zip; PII at the top level and in the innermost file."""
    inner = h.zip_bytes([("deepest.txt", ("NHS No: %s\n" % h.nhs_numbers(1)[0]).encode())])
    for level in range(99, 0, -1):
        inner = h.zip_bytes([("level%03d.zip" % level, inner)])
    write(os.path.join(d, "deep.zip"),
          h.zip_bytes([("top.txt", h.CANARY_LINE.encode()), ("level001.zip", inner)]))


def _run(cmd, cwd):
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


@case
def zip_encrypted(d):
    """ZipCrypto (zip -P): the member is unreadable without the password."""
    if not shutil.which("zip"):
        return "zip"
    note_file(d, "secret.txt")
    _run(["zip", "-q", "-P", "hostile-pw", "enc.zip", "secret.txt"], d)
    os.unlink(os.path.join(d, "secret.txt"))


@case
def sevenz_encrypted(d):
    """7z with AES-encrypted content but readable names."""
    if not shutil.which("7z"):
        return "7z"
    note_file(d, "secret.txt")
    _run(["7z", "a", "-bd", "-phostile-pw", "enc.7z", "secret.txt"], d)
    os.unlink(os.path.join(d, "secret.txt"))


@case
def sevenz_encrypted_headers(d):
    """7z -mhe=on: even the member names are encrypted."""
    if not shutil.which("7z"):
        return "7z"
    note_file(d, "secret.txt")
    _run(["7z", "a", "-bd", "-phostile-pw", "-mhe=on", "hidden.7z", "secret.txt"], d)
    os.unlink(os.path.join(d, "secret.txt"))


# --- PDF ---------------------------------------------------------------------------------------


@case
def pdf_flate_bomb(d):
    """A page whose content stream inflates to 512 MiB (2 GiB with HOSTILE_BIG) of spaces."""
    text = h.pdf_text_content([h.CANARY_LINE.strip()])
    # FlateDecode wants a zlib wrapper (deflate_repeated gives raw deflate).
    c = zlib.compressobj(9)
    parts = [c.compress(text)]
    chunk = b" " * MiB
    for _ in range((2048 if BIG else 512)):
        parts.append(c.compress(chunk))
    parts.append(c.flush())
    write(os.path.join(d, "flatebomb.pdf"), h.build_pdf(None, raw_streams=[b"".join(parts)]))


@case
def pdf_page_tree_loop(d):
    """The Pages node is its own kid (a cycle in the page tree)."""
    write(os.path.join(d, "loop.pdf"),
          h.build_pdf([h.pdf_text_content([h.CANARY_LINE.strip()])], pages_loop=True))


@case
def pdf_truncated(d):
    """A 3-page PDF cut inside the second page's content stream (no xref, no trailer)."""
    pages = [h.pdf_text_content(["Page %d. " % (i + 1) + h.CANARY_LINE.strip()]
                                + ["Filler line %d of the report." % j for j in range(40)])
             for i in range(3)]
    pdf = h.build_pdf(pages)
    second = pdf.find(b"stream\n", pdf.find(b"6 0 obj")) + 20
    write(os.path.join(d, "truncated.pdf"), pdf[:second])


@case
def pdf_user_password(d):
    """RC4-encrypted with a user password: cannot be opened without it."""
    enc = h.PdfEncryption(user=b"pupil-pw", owner=b"owner-pw")
    write(os.path.join(d, "locked.pdf"),
          h.build_pdf([h.pdf_text_content([h.CANARY_LINE.strip()])], encryption=enc))


@case
def pdf_owner_password_only(d):
    """Encrypted with an empty user password: opens and must be scanned (owner-only)."""
    enc = h.PdfEncryption(user=b"", owner=b"owner-pw")
    write(os.path.join(d, "owneronly.pdf"),
          h.build_pdf([h.pdf_text_content([h.CANARY_LINE.strip()])], encryption=enc))


# --- OOXML -------------------------------------------------------------------------------------

PII_PARA = ("Medical note. NHS No: %s" % h.CANARY_NHS).encode()


@case
def docx_billion_laughs(d):
    """Nine levels of ten-fold entity expansion (10^9 'lol')."""
    ents = [b'<!ENTITY lol "lol">']
    ents.append(b'<!ENTITY lol1 "' + b"&lol;" * 10 + b'">')
    for i in range(2, 10):
        ents.append(b"<!ENTITY lol%d \"" % i + (b"&lol%d;" % (i - 1)) * 10 + b'">')
    doctype = b"<!DOCTYPE w:document [" + b"".join(ents) + b"]>\n"
    write(os.path.join(d, "laughs.docx"), h.docx([PII_PARA, b"&lol9;"], doctype))


@case
def docx_xxe_file(d):
    """An external entity naming file:///etc/passwd: must never be resolved."""
    doctype = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    write(os.path.join(d, "xxe_file.docx"), h.docx([PII_PARA, b"&xxe;"], doctype))


@case
def docx_xxe_http(d):
    """External entities (general and parameter) at http://127.0.0.1:9/: must never be fetched."""
    doctype = (b'<!DOCTYPE w:document [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/dtd">'
               b'%remote;<!ENTITY xxe SYSTEM "http://127.0.0.1:9/entity">]>\n')
    write(os.path.join(d, "xxe_http.docx"), h.docx([PII_PARA, b"&xxe;"], doctype))


@case
def docx_truncated(d):
    """A DOCX cut at 60%: the central directory is gone."""
    data = h.docx([PII_PARA] + [b"Filler paragraph %d." % i for i in range(200)])
    write(os.path.join(d, "truncated.docx"), data[: len(data) * 6 // 10])


@case
def xlsx_huge_shared_strings(d):
    """3,000,000 distinct shared strings (~120 MB of XML); PII in an inline-string cell."""
    n = 3000000
    parts = [b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             b'count="%d" uniqueCount="%d">' % (n, n)]
    parts += [b"<si><t>Pupil note %07d lorem</t></si>" % i for i in range(n)]
    parts.append(b"</sst>")
    sst = b"".join(parts)
    del parts
    sheet = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
             + PII_PARA + b'</t></is></c></row>'
             b'<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>2999999</v></c></row>'
             b"</sheetData></worksheet>")
    write(os.path.join(d, "huge_sst.xlsx"), h.zip_bytes([
        ("[Content_Types].xml", h.CONTENT_TYPES_XLSX), ("_rels/.rels", h.RELS_XLSX),
        ("xl/workbook.xml", h.WORKBOOK_XLSX), ("xl/_rels/workbook.xml.rels",
                                               h.WORKBOOK_RELS_XLSX),
        ("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", sst)]))


# --- e-mail ------------------------------------------------------------------------------------


@case
def eml_nested_50(d):
    """message/rfc822 inside message/rfc822, 50 deep; PII at the top and at the bottom."""
    write(os.path.join(d, "nested.eml"),
          h.nested_rfc822(50, "Please see the form. " + h.CANARY_LINE.strip(),
                          "NHS No: %s" % h.nhs_numbers(1)[0]))


# --- text --------------------------------------------------------------------------------------


@case
def long_line(d):
    """One line of 200 MiB (1 GiB with HOSTILE_BIG): PII at both ends, no newline between."""
    size = GiB if BIG else 200 * MiB
    first, last = h.nhs_numbers(2)
    with open(os.path.join(d, "oneline.txt"), "wb") as f:
        f.write(b"NHS No: %s " % first.encode())
        chunk = b"a" * (4 * MiB)
        for _ in range(size // len(chunk)):
            f.write(chunk)
        f.write(b" NHS No: %s\n" % last.encode())


@case
def sparse_50g(d):
    """A 50 GiB sparse file (no blocks) starting with a PII line."""
    path = os.path.join(d, "sparse.txt")
    write(path, h.CANARY_LINE.encode())
    os.truncate(path, 50 * GiB)


@case
def utf16le_no_bom(d):
    """Windows Notepad style UTF-16LE without a byte-order mark, holding an NI number."""
    text = ("Staff record\r\nName: Test Teacher\r\nNI number: JG 10 37 59 A\r\n"
            "Notes: probationary review due in the spring term.\r\n") * 3
    write(os.path.join(d, "notepad.txt"), text.encode("utf-16-le"))


@case
def utf16be_no_bom(d):
    """UTF-16BE without a byte-order mark, holding an NI number."""
    text = ("Staff record\nName: Test Teacher\nNI number: JG 10 37 59 A\n"
            "Notes: probationary review due in the spring term.\n") * 3
    write(os.path.join(d, "bigendian.txt"), text.encode("utf-16-be"))


@case
def binary_named_txt(d):
    """64 KiB of pseudo-random bytes named .txt: type must come from content, not the name."""
    write(os.path.join(d, "notes.txt"), random.Random(8).randbytes(64 * 1024))


@case
def chunk_boundary(d):
    """12 distinct NHS numbers, each straddling a 64 KiB boundary with k = 1..12 bytes before it
    (k = 12: the value ends exactly on the boundary); 'NHS No: ' precedes each."""
    values = h.nhs_numbers(12, start=999100001)
    filler_word = b"lorem ipsum dolor sit amet consectetur "
    out = bytearray()
    for i, value in enumerate(values, start=1):
        k = i
        start = 65536 * i - k
        prefix = b"\nNHS No: "
        while len(out) < start - len(prefix):
            out += filler_word[: start - len(prefix) - len(out)]
        out += prefix + value.encode() + b"\n"
        assert out[start:start + 12] == value.encode()
    out += filler_word * 100
    write(os.path.join(d, "boundaries.txt"), bytes(out))


# --- filesystem --------------------------------------------------------------------------------


@case
def deep_tree_3000(d):
    """3,000 nested directories (paths ~6 KB, beyond PATH_MAX) with a PII file at the bottom."""
    fd = os.open(d, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(3000):
            os.mkdir("d", dir_fd=fd)
            nfd = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = nfd
        leaf = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(leaf, h.CANARY_LINE.encode())
        os.close(leaf)
    finally:
        os.close(fd)
    note_file(d, nhs=h.nhs_numbers(1)[0])


@case
def symlink_self(d):
    os.symlink("self", os.path.join(d, "self"))
    note_file(d)


@case
def symlink_parent_loop(d):
    os.mkdir(os.path.join(d, "sub"))
    os.symlink("..", os.path.join(d, "sub", "up"))
    note_file(os.path.join(d, "sub"))


@case
def symlink_mutual(d):
    os.symlink("b", os.path.join(d, "a"))
    os.symlink("a", os.path.join(d, "b"))
    note_file(d)


@case
def symlink_outside(d):
    os.symlink("/etc/passwd", os.path.join(d, "passwd_link"))
    os.symlink("/etc", os.path.join(d, "etc_link"))
    note_file(d)


@case
def fifo(d):
    os.mkfifo(os.path.join(d, "pipe"))
    note_file(d)


@case
def unix_socket(d):
    # AF_UNIX paths are limited to 108 bytes: bind relative to the case directory.
    cwd = os.getcwd()
    os.chdir(d)
    try:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind("sock")
        s.close()
    finally:
        os.chdir(cwd)
    note_file(d)


@case
def unreadable(d):
    """A mode-000 file and a mode-000 directory (run_hostile scans these as `nobody` when root)."""
    note_file(d, "secret.txt")
    os.chmod(os.path.join(d, "secret.txt"), 0)
    os.mkdir(os.path.join(d, "locked"))
    note_file(os.path.join(d, "locked"), "inner.txt")
    os.chmod(os.path.join(d, "locked"), 0)
    note_file(d, "ok.txt", nhs=h.nhs_numbers(1)[0])


@case
def name_invalid_utf8(d):
    write(os.fsencode(d) + b"/bad\xff\xfename\x80.txt", h.CANARY_LINE.encode())


@case
def name_newline_escape(d):
    write(os.path.join(d, "new\nline\x1b[31m.txt"), h.CANARY_LINE.encode())
    write(os.path.join(d, "-rf"), ("NHS No: %s\n" % h.nhs_numbers(1)[0]).encode())


@case
def changing_files(d):
    """Placeholder content; run_hostile.py rewrites, appends, truncates and deletes these files
    from a background thread while the scan runs."""
    note_file(d)


# -----------------------------------------------------------------------------------------------


def force_remove(path):
    """rm -rf that also handles mode-000 directories and 3,000-level trees."""
    if not os.path.lexists(path):
        return
    subprocess.run(["chmod", "-R", "u+rwx", path], stderr=subprocess.DEVNULL)
    subprocess.run(["rm", "-rf", path], check=True)


def stamp():
    here = os.path.dirname(os.path.abspath(__file__))
    digest = hashlib.sha256()
    for name in ("make_hostile.py", "hostile_lib.py"):
        with open(os.path.join(here, name), "rb") as f:
            digest.update(f.read())
    digest.update(b"big" if BIG else b"small")
    return digest.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--only", nargs="*", help="generate only these cases")
    ap.add_argument("--force", action="store_true", help="regenerate even if up to date")
    args = ap.parse_args()

    manifest_path = os.path.join(args.outdir, "manifest.json")
    if not args.force and not args.only and os.path.exists(manifest_path):
        with open(manifest_path) as f:
            old = json.load(f)
        if old.get("stamp") == stamp():
            print("hostile corpus up to date: %s" % args.outdir)
            return 0
    names = args.only or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        sys.exit("unknown case(s): %s" % ", ".join(unknown))
    cases_dir = os.path.join(args.outdir, "cases")
    os.makedirs(cases_dir, exist_ok=True)
    if not args.only:
        force_remove(cases_dir)
        os.makedirs(cases_dir)
    missing = {}
    for name in names:
        d = os.path.join(cases_dir, name)
        force_remove(d)
        os.makedirs(d)
        os.chmod(d, 0o755)
        need = CASES[name](d)
        if need:
            missing[name] = need
            print("  %-28s SKIPPED (missing tool: %s)" % (name, need))
        else:
            print("  %-28s ok" % name)
    made = set(names) - set(missing)
    if args.only and os.path.exists(manifest_path):
        with open(manifest_path) as f:
            old = json.load(f)
        made |= set(old.get("cases", [])) - set(names)
        missing = {**{k: v for k, v in old.get("missing_tools", {}).items()
                      if k not in names}, **missing}
    with open(manifest_path, "w") as f:
        json.dump({"stamp": "partial" if args.only else stamp(), "big": BIG,
                   "cases": sorted(made), "missing_tools": missing}, f, indent=1)
    print("%d cases generated in %s%s" % (len(names) - len(missing), cases_dir,
                                          " (HOSTILE_BIG)" if BIG else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
