#!/usr/bin/env python3
"""Writes seed corpora for the libFuzzer targets: OUTDIR/<target>/<seed files>.

    make_seeds.py OUTDIR [--corpus DIR]

Seeds are small, valid-or-nearly-valid files of each format, built with the hostile corpus's
byte-level writers (tests/hostile/hostile_lib.py), plus, with --corpus, up to 40 files per
format (<= 256 KiB each) from the labelled corpus (corpus/ output). Standard library only.
"""

import argparse
import os
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "hostile"))
import hostile_lib as h  # noqa: E402

NHS = h.CANARY_NHS
PII_TEXT = ("Name: Test Pupil\nDOB: 01/02/2015\nUPN: A123456789012\nNHS No: %s\n"
            "NI number: JG 10 37 59 A\nPostcode: SW1A 1AA\nTel: 07700 900123\n"
            "Email: test.pupil@example.com\nSort code 12-34-56 account 12345678\n" % NHS)


def text_seeds():
    return {
        "utf8.txt": PII_TEXT.encode(),
        "utf16le_bom.txt": b"\xff\xfe" + PII_TEXT.encode("utf-16-le"),
        "utf16le_nobom.txt": PII_TEXT.encode("utf-16-le"),
        "utf16be_nobom.txt": PII_TEXT.encode("utf-16-be"),
        "cp1252.txt": ("Jos\xe9 M\xfcller, NHS No %s\n" % NHS).encode("cp1252"),
        "pupils.csv": ("Legal Surname,Forename,UPN,DOB,Postcode\n" + "".join(
            "Pupil%d,Test,A12345678901%d,0%d/02/2015,SW1A %dAA\n" % (i, i, i + 1, i)
            for i in range(5))).encode(),
        "tabs.tsv": b"Name\tNHS No\nTest Pupil\t" + NHS.encode() + b"\n",
        "page.html": ("<html><body><p>NHS No: <b>%s</b></p><script>x</script></body></html>"
                      % NHS).encode(),
        "crlf_quotes.csv": b'"Name","Notes"\r\n"Pupil, Test","He said ""hi""\r\nNHS 943 476 5919"\r\n',
        "empty.txt": b"",
    }


def zip_seeds():
    inner = h.zip_bytes([("a.txt", PII_TEXT.encode())])
    w = h.ZipWriter()
    w.add("stored.txt", PII_TEXT.encode(), method=0)
    w.add("deflated.txt", PII_TEXT.encode())
    lie = h.ZipWriter()
    lie.add("lie.txt", PII_TEXT.encode(), declared_usize=5)
    enc = h.ZipWriter()
    enc.add_raw(b"enc.txt", b"\x00" * 40, 0x12345678, 28, method=8, flags=1)
    return {
        "simple.zip": h.zip_bytes([("folder/note.txt", PII_TEXT.encode()),
                                   ("pupils.csv", text_seeds()["pupils.csv"])]),
        "nested.zip": h.zip_bytes([("inner.zip", inner), ("top.txt", b"top")]),
        "methods.zip": w.finish(),
        "sizelie.zip": lie.finish(),
        "encrypted_flag.zip": enc.finish(),
        "overlap.zip": h.overlap_zip_bomb(4, 2048),
        "docx_inside.zip": h.zip_bytes([("form.docx", docx_seeds()["plain.docx"])]),
        "empty.zip": h.ZipWriter().finish(),
    }


def docx_seeds():
    table = (b"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Name</w:t></w:r></w:p></w:tc>"
             b"<w:tc><w:p><w:r><w:t>NHS No</w:t></w:r></w:p></w:tc></w:tr>"
             b"<w:tr><w:tc><w:p><w:r><w:t>Test Pupil</w:t></w:r></w:p></w:tc>"
             b"<w:tc><w:p><w:r><w:t>" + NHS.encode() + b"</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
    doc_with_table = h.docx_document([b"Class list"]).replace(
        b"</w:body>", table + b"</w:body>")
    small_laughs = (b'<!DOCTYPE w:document [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">'
                    b'<!ENTITY c "&b;&b;&b;&b;">]>\n')
    return {
        "plain.docx": h.docx([b"Medical note", ("NHS No: %s" % NHS).encode()]),
        "table.docx": h.zip_bytes([("[Content_Types].xml", h.CONTENT_TYPES_DOCX),
                                   ("_rels/.rels", h.RELS_DOCX),
                                   ("word/document.xml", doc_with_table)]),
        "entities.docx": h.docx([b"x &c; y"], small_laughs),
        "xxe.docx": h.docx([b"&x;"], b'<!DOCTYPE w:document [<!ENTITY x SYSTEM '
                           b'"file:///etc/hostname">]>\n'),
    }


def xlsx_seeds():
    sst = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
           b'spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>Legal Surname</t></si>'
           b"<si><t>NHS No</t></si><si><r><t>Rich </t></r><r><t>text</t></r></si></sst>")
    sheet = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
             b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
             b'<row r="2"><c r="A2" t="inlineStr"><is><t>Pupil</t></is></c>'
             b'<c r="B2" t="inlineStr"><is><t>' + NHS.encode() + b"</t></is></c>"
             b'<c r="C2"><v>42</v></c><c r="D2" t="s"><v>99</v></c></row>'
             b"</sheetData></worksheet>")

    def xlsx(sheet_xml, sst_xml):
        return h.zip_bytes([
            ("[Content_Types].xml", h.CONTENT_TYPES_XLSX), ("_rels/.rels", h.RELS_XLSX),
            ("xl/workbook.xml", h.WORKBOOK_XLSX),
            ("xl/_rels/workbook.xml.rels", h.WORKBOOK_RELS_XLSX),
            ("xl/worksheets/sheet1.xml", sheet_xml), ("xl/sharedStrings.xml", sst_xml)])
    return {"pupils.xlsx": xlsx(sheet, sst),
            "badindex.xlsx": xlsx(sheet.replace(b"<v>0</v>", b"<v>-7</v>"), sst)}


def pptx_seeds():
    ct = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
          b'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
          b'<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats'
          b'-officedocument.presentationml.presentation.main+xml"/><Override PartName="/ppt/'
          b'slides/slide1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          b'presentationml.slide+xml"/></Types>')
    slide = (b'<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:p="http://schemas.openxmlformats'
             b'.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/'
             b'drawingml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>NHS No: '
             + NHS.encode() + b"</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>")
    pres = (b'<?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:p="http://schemas.'
            b'openxmlformats.org/presentationml/2006/main"/>')
    return {"slide.pptx": h.zip_bytes([("[Content_Types].xml", ct),
                                       ("ppt/presentation.xml", pres),
                                       ("ppt/slides/slide1.xml", slide)])}


def odf_seeds():
    def odf(mime, content):
        w = h.ZipWriter()
        w.add("mimetype", mime, method=0)
        w.add("content.xml", content)
        return w.finish()
    ns = (b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')
    odt = (b'<?xml version="1.0" encoding="UTF-8"?><office:document-content ' + ns +
           b'><office:body><office:text><text:p>NHS No: ' + NHS.encode() +
           b'<text:s text:c="3"/>x<text:tab/>y</text:p></office:text></office:body>'
           b"</office:document-content>")
    ods = (b'<?xml version="1.0" encoding="UTF-8"?><office:document-content ' + ns +
           b'><office:body><office:spreadsheet><table:table table:name="Pupils"><table:table-row>'
           b'<table:table-cell><text:p>Name</text:p></table:table-cell><table:table-cell>'
           b'<text:p>NHS No</text:p></table:table-cell></table:table-row>'
           b'<table:table-row table:number-rows-repeated="3"><table:table-cell '
           b'table:number-columns-repeated="2"><text:p>' + NHS.encode() +
           b"</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>"
           b"</office:body></office:document-content>")
    return {"note.odt": odf(b"application/vnd.oasis.opendocument.text", odt),
            "pupils.ods": odf(b"application/vnd.oasis.opendocument.spreadsheet", ods)}


def pdf_seeds():
    enc = h.PdfEncryption(user=b"", owner=b"o")
    return {"text.pdf": h.build_pdf([h.pdf_text_content(PII_TEXT.splitlines())]),
            "loop.pdf": h.build_pdf([h.pdf_text_content(["x"])], pages_loop=True),
            "owner.pdf": h.build_pdf([h.pdf_text_content(["NHS No: " + NHS])], encryption=enc)}


def eml_seeds():
    return {"nested.eml": h.nested_rfc822(3, "Top " + PII_TEXT, "Bottom NHS " + NHS),
            "qp.eml": (b"From: a@example.invalid\r\nSubject: =?utf-8?q?Caf=C3=A9?=\r\n"
                       b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                       b"Content-Transfer-Encoding: quoted-printable\r\n\r\nNHS No: 943 476=\r\n"
                       b" 5919 caf=C3=A9\r\n")}


def mbox_seeds():
    msg = (b"From: a@example.invalid\nSubject: x\n\nNHS No: " + NHS.encode() + b"\n>From here\n")
    return {"two.mbox": b"From a@example.invalid Mon Jan  1 00:00:00 2024\n" + msg +
            b"\nFrom b@example.invalid Tue Jan  2 00:00:00 2024\n" + msg}


def html_seeds():
    return {"page.html": text_seeds()["page.html"],
            "entities.html": b"<!DOCTYPE html><p>Caf&eacute; &#163;5 <a title='NHS " + NHS.encode() +
                             b"'>x</a><!-- c --><style>p{}</style></p>",
            "doc.xml": b'<?xml version="1.0"?><r><c a="1">NHS ' + NHS.encode() + b"</c><![CDATA[x]]></r>"}


def rtf_seeds():
    return {"plain.rtf": b"{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\\f0 NHS No: " + NHS.encode() +
            b"\\par Caf\\'e9 \\u8364? {\\*\\generator x;}{\\pict\\pngblip 89504e47}}"}


def image_seeds():
    tiff = (b"MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x0f\x00\x02\x00\x00\x00\x06"
            b"\x00\x00\x00\x1a\x00\x00\x00\x00Canon\x00")
    app1 = b"Exif\x00\x00" + tiff
    jpeg = (b"\xff\xd8\xff\xe1" + (len(app1) + 2).to_bytes(2, "big") + app1 +
            b"\xff\xc0\x00\x11\x08\x00\x10\x00\x20\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\xff\xd9")
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x20\x00\x00\x00\x10\x08\x02\x00\x00\x00"
           b"\x00\x00\x00\x00\x00\x00\x00\x00IEND\xaeB`\x82")
    return {"exif.jpg": jpeg, "tiny.png": png, "gif.gif": b"GIF89a\x20\x00\x10\x00\x00\x00\x00;"}


def executable_seeds():
    mz = bytearray(256)
    mz[0:2] = b"MZ"
    mz[0x3c:0x40] = (0x80).to_bytes(4, "little")
    mz[0x80:0x84] = b"PE\x00\x00"
    mz[0x84:0x86] = (0x8664).to_bytes(2, "little")
    elf = b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x02\x00\x3e\x00" + b"\x00" * 44
    return {"pe.exe": bytes(mz), "elf.bin": elf}


def detector_seeds():
    seeds = {"pii.txt": PII_TEXT.encode()}
    for i, line in enumerate(PII_TEXT.splitlines()):
        seeds["line%02d.txt" % i] = line.encode()
    seeds["card.txt"] = b"Card 4111 1111 1111 1111 exp 01/30"
    seeds["iban.txt"] = b"IBAN GB82 WEST 1234 5698 7654 32"
    seeds["licence.txt"] = b"Driving licence MORGA657054SM9IJ"
    seeds["password.txt"] = b"password: hunter2\n-----BEGIN RSA PRIVATE KEY-----\n"
    return seeds


TARGETS = {"text": text_seeds, "zip": zip_seeds, "docx": docx_seeds, "xlsx": xlsx_seeds,
           "pptx": pptx_seeds, "odf": odf_seeds, "pdf": pdf_seeds, "eml": eml_seeds,
           "archive": zip_seeds, "mbox": mbox_seeds, "html": html_seeds, "rtf": rtf_seeds,
           "image": image_seeds, "executable": executable_seeds, "detector": detector_seeds}
CORPUS_EXTS = {"text": (".txt", ".csv", ".tsv", ".html", ".htm", ".xml", ".rtf"),
               "zip": (".zip",), "docx": (".docx",), "xlsx": (".xlsx",), "pptx": (".pptx",),
               "odf": (".odt", ".ods", ".odp"), "pdf": (".pdf",), "eml": (".eml",),
               "archive": (".tar", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".zip"),
               "mbox": (".mbox",), "html": (".html", ".htm", ".xml"), "rtf": (".rtf",),
               "image": (".jpg", ".jpeg", ".png", ".gif", ".tif"), "executable": (".exe", ".msi", ".dll"),
               "detector": (".txt", ".csv")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--corpus", help="directory of generated corpus files to add as seeds")
    args = ap.parse_args()
    for target, make in TARGETS.items():
        d = os.path.join(args.outdir, target)
        os.makedirs(d, exist_ok=True)
        seeds = make()
        for name, data in seeds.items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
        added = 0
        if args.corpus and os.path.isdir(args.corpus):
            for dirpath, _, files in os.walk(args.corpus):
                for name in sorted(files):
                    p = os.path.join(dirpath, name)
                    if (added < 40 and name.lower().endswith(CORPUS_EXTS[target])
                            and os.path.isfile(p) and os.path.getsize(p) <= 256 * 1024):
                        with open(p, "rb") as src, open(os.path.join(
                                d, "corpus_%03d_%s" % (added, name)), "wb") as dst:
                            dst.write(src.read())
                        added += 1
        print("%-9s %2d generated seeds, %2d from corpus" % (target, len(seeds), added))
    return 0


if __name__ == "__main__":
    sys.exit(main())
