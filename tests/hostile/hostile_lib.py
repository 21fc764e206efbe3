"""Byte-level builders for the hostile corpus: hand-written ZIP, PDF (with RC4 encryption),
OOXML and MIME, so that every malformation is exactly the one intended (the standard library
writers refuse to produce most of them). Standard library only; all data is synthetic."""

import hashlib
import struct
import zlib

# ---------------------------------------------------------------------------------------------
# Synthetic identifiers. NHS numbers in the 999 range are reserved for testing; 943 476 5919 is
# the NHS's own published example. Both pass the mod 11 check.


def nhs_check_digit(nine: str):
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def nhs_numbers(count: int, start: int = 999000001):
    """Distinct valid synthetic NHS numbers formatted '999 000 0018'."""
    out = []
    n = start
    while len(out) < count:
        nine = "%09d" % n
        check = nhs_check_digit(nine)
        if check is not None:
            d = nine + str(check)
            out.append("%s %s %s" % (d[:3], d[3:6], d[6:]))
        n += 1
    return out


CANARY_NHS = "943 476 5919"
CANARY_LINE = "Pupil health form. NHS No: %s\n" % CANARY_NHS

# ---------------------------------------------------------------------------------------------
# CRC-32 combination (zlib's crc32_combine), needed to give overlapping zip entries correct CRCs
# without running the CRC over gigabytes of inflated kernel output.


def _gf2_times(mat, vec):
    s = 0
    i = 0
    while vec:
        if vec & 1:
            s ^= mat[i]
        vec >>= 1
        i += 1
    return s


def _gf2_square(mat):
    return [_gf2_times(mat, mat[n]) for n in range(32)]


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    if len2 == 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = _gf2_square(odd)
    odd = _gf2_square(even)
    while True:
        even = _gf2_square(odd)
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def crc32_of_zeros(n: int) -> int:
    """CRC-32 of n zero bytes, in O(log n)."""
    block = 1 << 20
    crc_block = zlib.crc32(b"\0" * block)
    crc = 0
    length = 0
    # Build by doubling from one block, then add the remainder.
    full, rem = divmod(n, block)
    acc_crc, acc_len = crc_block, block
    while full:
        if full & 1:
            crc = crc32_combine(crc, acc_crc, acc_len) if length else acc_crc
            length += acc_len
        full >>= 1
        if full:
            acc_crc = crc32_combine(acc_crc, acc_crc, acc_len)
            acc_len *= 2
    if rem:
        r = zlib.crc32(b"\0" * rem)
        crc = crc32_combine(crc, r, rem) if length else r
    return crc


def deflate_raw(data: bytes, level: int = 9) -> bytes:
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def deflate_repeated(prefix: bytes, byte: bytes, count: int, suffix: bytes = b""):
    """Raw-deflates prefix + byte*count + suffix in 1 MiB steps. Returns (compressed, crc, size)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = [c.compress(prefix)]
    crc = zlib.crc32(prefix)
    chunk = byte * (1 << 20)
    left = count
    while left:
        piece = chunk if left >= len(chunk) else byte * left
        out.append(c.compress(piece))
        crc = zlib.crc32(piece, crc)
        left -= len(piece)
    out.append(c.compress(suffix))
    crc = zlib.crc32(suffix, crc)
    out.append(c.flush())
    return b"".join(out), crc, len(prefix) + count + len(suffix)


# ---------------------------------------------------------------------------------------------
# ZIP


class ZipWriter:
    """Minimal ZIP writer that lets the caller lie: declared sizes, flags and offsets are
    whatever is passed. No ZIP64 (use zipfile for >65535 members)."""

    def __init__(self):
        self.body = bytearray()
        self.central = []

    def add_raw(self, name: bytes, compressed: bytes, crc: int, usize: int, method: int = 8,
                flags: int = 0, declared_usize=None, declared_csize=None):
        offset = len(self.body)
        usz = usize if declared_usize is None else declared_usize
        csz = len(compressed) if declared_csize is None else declared_csize
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 0x21,
                             crc & 0xFFFFFFFF, csz & 0xFFFFFFFF, usz & 0xFFFFFFFF, len(name), 0)
        self.body += header + name + compressed
        self.central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, method,
                                        0, 0x21, crc & 0xFFFFFFFF, csz & 0xFFFFFFFF,
                                        usz & 0xFFFFFFFF, len(name), 0, 0, 0, 0, 0, offset)
                            + name)

    def add(self, name: str, data: bytes, method: int = 8, **kw):
        comp = deflate_raw(data) if method == 8 else data
        self.add_raw(name.encode(), comp, zlib.crc32(data), len(data), method, **kw)

    def finish(self) -> bytes:
        cd = b"".join(self.central)
        eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(self.central), len(self.central),
                           len(cd), len(self.body), 0)
        return bytes(self.body) + cd + eocd


def zip_bytes(members) -> bytes:
    """members: iterable of (name, bytes); deflated."""
    w = ZipWriter()
    for name, data in members:
        w.add(name, data)
    return w.finish()


def overlap_zip_bomb(files: int, kernel_bytes: int) -> bytes:
    """Fifield's non-recursive bomb: every entry's deflate stream quotes the following local
    headers in stored blocks and ends in one shared kernel, so all entries overlap."""
    kernel = deflate_raw(b"\0" * kernel_bytes)
    kernel_crc = crc32_of_zeros(kernel_bytes)
    names = [("%04d" % i).encode() for i in range(files)]

    def lfh(name, crc, csize, usize):
        return struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, csize, usize,
                           len(name), 0) + name

    # Build from the last entry backwards: stream_i = stored(LFH_{i+1}) + stream_{i+1}.
    headers = [None] * files
    crc, usize, csize = kernel_crc, kernel_bytes, len(kernel)
    headers[-1] = lfh(names[-1], crc, csize, usize)
    for i in range(files - 2, -1, -1):
        quoted = headers[i + 1]
        crc = crc32_combine(zlib.crc32(quoted), crc, usize)
        usize += len(quoted)
        csize += 5 + len(quoted)
        headers[i] = lfh(names[i], crc, csize, usize)
    body = bytearray()
    offsets = []
    for i in range(files):
        if i == 0:
            offsets.append(0)
            body += headers[0]
        n = len(headers[i + 1]) if i + 1 < files else None
        if n is not None:
            body += struct.pack("<BHH", 0, n, n ^ 0xFFFF)
            offsets.append(len(body))
            body += headers[i + 1]
    body += kernel
    central = bytearray()
    for i in range(files):
        _, _, _, _, _, _, crc, csize, usize, _, _ = struct.unpack("<IHHHHHIIIHH",
                                                                  headers[i][:30])
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc,
                               csize, usize, len(names[i]), 0, 0, 0, 0, 0, offsets[i])
        central += names[i]
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, files, files, len(central), len(body), 0)
    return bytes(body) + bytes(central) + eocd


# ---------------------------------------------------------------------------------------------
# PDF (hand-written, optionally RC4-encrypted with the standard security handler, revision 2)

PDF_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    out = bytearray(len(data))
    i = j = 0
    for n, b in enumerate(data):
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out[n] = b ^ s[(s[i] + s[j]) & 0xFF]
    return bytes(out)


class PdfEncryption:
    """Standard security handler, V1/R2, 40-bit RC4 (PDF 1.7 §7.6.3, algorithms 2-4)."""

    def __init__(self, user: bytes, owner: bytes, permissions: int = -4):
        self.file_id = hashlib.md5(b"datasweep-hostile").digest()
        self.p = permissions
        okey = hashlib.md5((owner + PDF_PAD)[:32]).digest()[:5]
        self.o = rc4(okey, (user + PDF_PAD)[:32])
        h = hashlib.md5((user + PDF_PAD)[:32] + self.o + struct.pack("<i", self.p)
                        + self.file_id)
        self.key = h.digest()[:5]
        self.u = rc4(self.key, PDF_PAD)

    def object_key(self, num: int, gen: int = 0) -> bytes:
        return hashlib.md5(self.key + struct.pack("<I", num)[:3]
                           + struct.pack("<H", gen)).digest()[:10]

    def dict_entry(self) -> bytes:
        return (b"<< /Filter /Standard /V 1 /R 2 /O <" + self.o.hex().encode() + b"> /U <"
                + self.u.hex().encode() + b"> /P " + str(self.p).encode() + b" >>")


def pdf_text_content(lines) -> bytes:
    ops = [b"BT /F1 11 Tf 72 760 Td 14 TL"]
    for line in lines:
        esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + esc.encode("latin-1") + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops) + b"\n"


def build_pdf(page_streams, encryption=None, pages_loop=False, raw_streams=None) -> bytes:
    """page_streams: list of uncompressed content streams (one page each), stored Flate-compressed.
    raw_streams: optional list of (already compressed bytes) used instead, for bombs.
    pages_loop: the Pages node lists itself among its kids (a page-tree cycle)."""
    objects = {}  # num -> bytes (without "n 0 obj")
    streams = raw_streams if raw_streams is not None else [zlib.compress(s) for s in page_streams]
    n_pages = len(streams)
    font = 3
    first_page = 4
    kids = [first_page + 2 * i for i in range(n_pages)]
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kid_refs = b" ".join(b"%d 0 R" % k for k in kids)
    if pages_loop:
        kid_refs += b" 2 0 R"
    objects[2] = b"<< /Type /Pages /Kids [" + kid_refs + b"] /Count %d >>" % (
        n_pages + (5 if pages_loop else 0))
    objects[font] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    for i, data in enumerate(streams):
        page, content = kids[i], kids[i] + 1
        objects[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                         b"<< /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content)
        if encryption:
            data = rc4(encryption.object_key(content), data)
        objects[content] = (b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data)
                            + data + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    max_num = max(objects)
    enc_num = None
    if encryption:
        enc_num = max_num + 1
        objects[enc_num] = encryption.dict_entry()
        max_num = enc_num
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (max_num + 1)
    for num in range(1, max_num + 1):
        out += b"%010d 00000 n \n" % offsets[num]
    trailer = b"<< /Size %d /Root 1 0 R" % (max_num + 1)
    if encryption:
        fid = encryption.file_id.hex().encode()
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (enc_num, fid, fid)
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# OOXML

CONTENT_TYPES_DOCX = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>")
RELS_DOCX = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>")
W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_document(paragraphs, doctype: bytes = b"") -> bytes:
    """paragraphs: list of bytes already XML-escaped (may contain entity references)."""
    body = b"".join(b"<w:p><w:r><w:t>" + p + b"</w:t></w:r></w:p>" for p in paragraphs)
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + doctype
            + b"<w:document " + W_NS + b"><w:body>" + body + b"</w:body></w:document>")


def docx(paragraphs, doctype: bytes = b"") -> bytes:
    return zip_bytes([("[Content_Types].xml", CONTENT_TYPES_DOCX), ("_rels/.rels", RELS_DOCX),
                      ("word/document.xml", docx_document(paragraphs, doctype))])


CONTENT_TYPES_XLSX = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    b"</Types>")
RELS_XLSX = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    b"</Relationships>")
WORKBOOK_XLSX = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Pupils" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS_XLSX = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    b"</Relationships>")

# ---------------------------------------------------------------------------------------------
# MIME


def nested_rfc822(depth: int, top_text: str, bottom_text: str) -> bytes:
    """An e-mail whose attachment is an e-mail whose attachment is ... `depth` levels."""
    msg = (b"From: inner@example.invalid\r\nTo: dpo@example.invalid\r\nSubject: level %d\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" % depth
           + bottom_text.encode() + b"\r\n")
    for level in range(depth - 1, -1, -1):
        boundary = b"b-level-%d" % level
        text = top_text.encode() if level == 0 else b"Forwarded message, level %d." % level
        msg = (b"From: sender%d@example.invalid\r\nTo: dpo@example.invalid\r\n"
               b"Subject: Fwd: level %d\r\nDate: Mon, 02 Mar 2026 09:14:00 +0000\r\n"
               b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n"
               % (level, level, boundary)
               + b"--" + boundary + b"\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
               + text + b"\r\n--" + boundary
               + b"\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; "
               b"filename=\"fwd%d.eml\"\r\n\r\n" % (level + 1)
               + msg + b"\r\n--" + boundary + b"--\r\n")
    return msg
