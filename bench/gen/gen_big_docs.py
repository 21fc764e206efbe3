#!/usr/bin/python3
"""Single big documents for the peak-RSS check of issue 7 (seeded, deterministic):

  gen_big_docs.py OUT_DIR [--xlsx-mb 200] [--pdf-pages 1000] [--seed 3]

writes OUT_DIR/big.xlsx (one sheet of pupil rows, shared strings, written straight as
SpreadsheetML into a deflated zip so that 200 MB takes seconds, not openpyxl's hours) and
OUT_DIR/big.pdf (ReportLab, compressed content streams, the same prose as corpus (b)).
"""
import argparse
import os
import random
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pii  # noqa: E402
from gen_docs import pdf_template, value  # noqa: E402

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Export" sheetId="1" r:id="rId1"/></sheets></workbook>')
WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '</Relationships>')
HEADERS = ["UPN", "Legal Surname", "Legal Forename", "DOB", "Postcode", "Primary Carer Tel",
           "Email", "Notes"]


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def row_xml(i, cells):
    return (f'<row r="{i}">' + "".join(f'<c t="inlineStr"><is><t>{esc(c)}</t></is></c>' for c in cells)
            + "</row>")


def write_xlsx(path, target_bytes, r):
    pool = pii.sentence_pool(3, 5000)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    b"<sheetData>")
            f.write(row_xml(1, HEADERS).encode())
            i = 1
            while True:
                block = []
                for _ in range(2000):
                    i += 1
                    block.append(row_xml(i, [value(r, "upn"), r.choice(pii.SURNAMES),
                                             r.choice(pii.FORENAMES), value(r, "date"),
                                             value(r, "postcode"), value(r, "phone"),
                                             value(r, "email"), r.choice(pool)[:200]]))
                f.write("".join(block).encode())
                if os.path.getsize(path) >= target_bytes:
                    break
            f.write(b"</sheetData></worksheet>")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--xlsx-mb", type=int, default=200)
    ap.add_argument("--pdf-pages", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=3)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    r = random.Random(a.seed)
    write_xlsx(os.path.join(a.out, "big.xlsx"), a.xlsx_mb * 1000 * 1000, r)
    pool = pii.sentence_pool(a.seed, 5000)
    with open(os.path.join(a.out, "big.pdf"), "wb") as f:
        f.write(pdf_template(r, pool, a.pdf_pages, compress=True, ttf=False))


if __name__ == "__main__":
    main()
