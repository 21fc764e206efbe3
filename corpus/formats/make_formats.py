#!/usr/bin/python3
"""Generates the format fixtures for the extractor tests: one synthetic RESTRICTED class list
(30 invented pupils with valid UPNs, dates of birth and postcodes) in every format and container
datasweep reads, plus edge cases (encrypted, bombs, data on page 3 / sheet 3).

Usage: make_formats.py OUTDIR        (needs python3-openpyxl, python3-docx, python3-reportlab,
                                      python3-xlwt, python3-pil, zip, 7z — scripts/install-deps.sh)
All people are invented; nothing here is real personal data.
"""
import base64
import csv
import datetime
import email.message
import email.policy
import gzip
import io
import os
import random
import struct
import subprocess
import sys
import tarfile
import zipfile

FORENAMES = ["Oliver", "Amelia", "Harry", "Isla", "Jack", "Ava", "George", "Mia", "Noah", "Emily",
             "Leo", "Poppy", "Oscar", "Ella", "Charlie", "Lily", "Jacob", "Sophia", "Alfie", "Grace",
             "Freddie", "Evie", "Archie", "Ruby", "Henry", "Freya", "Thomas", "Daisy", "Joshua", "Chloe"]
SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
            "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
            "Wood", "Jackson", "Clarke", "Hughes", "Edwards", "Turner", "Hill", "Cooper", "Ward",
            "Morris", "Moore", "King"]
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn(la, estab, year, serial):
    """A UPN with a valid DfE check letter (weights 2..13 over the 12 digits, mod 23)."""
    digits = f"{la:03d}{estab:04d}{year:02d}{serial:03d}"
    total = sum(int(d) * w for d, w in zip(digits, range(2, 14)))
    return UPN_LETTERS[total % 23] + digits


def pupils(n=30, seed=7):
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        dob = datetime.date(2012, 9, 1) + datetime.timedelta(days=rnd.randrange(365))
        pc = f"{rnd.choice(['LS', 'M', 'B', 'S', 'NG'])}{rnd.randrange(1, 20)} {rnd.randrange(1, 9)}" \
             f"{rnd.choice('ABDEFGHJLNPQRSTUWXYZ')}{rnd.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        rows.append({"forename": FORENAMES[i % 30], "surname": SURNAMES[(i * 7) % 30],
                     "upn": upn(801, 2000, 12, 100 + i), "dob": dob, "postcode": pc})
    return rows


HEADER = ["Legal Surname", "Forename", "UPN", "DOB", "Postcode"]


def row_values(p):
    return [p["surname"], p["forename"], p["upn"], p["dob"].strftime("%d/%m/%Y"), p["postcode"]]


def class_list_csv(rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADER)
    for p in rows:
        w.writerow(row_values(p))
    return buf.getvalue().encode()


def write(out, name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def make_xlsx(out, rows):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Year 7"
    ws.append(HEADER)
    for p in rows:
        ws.append([p["surname"], p["forename"], p["upn"], p["dob"], p["postcode"]])
    for r in range(2, len(rows) + 2):
        ws.cell(row=r, column=4).number_format = "DD/MM/YYYY"
    wb.save(os.path.join(out, "class_list.xlsx"))
    # Data only on the third sheet; the first two are harmless.
    wb = openpyxl.Workbook()
    wb.active.title = "Cover"
    wb.active["A1"] = "Summer term trip"
    wb.create_sheet("Notes")["B3"] = "Coach leaves at 9am"
    ws = wb.create_sheet("Pupils")
    ws.append(HEADER)
    for p in rows:
        ws.append(row_values(p))
    wb.save(os.path.join(out, "third_sheet.xlsx"))


def make_docx(out, rows):
    import docx
    d = docx.Document()
    d.add_heading("Year 7 tutor group 7B", 1)
    d.add_paragraph(f"Dear parent of {rows[0]['forename']} {rows[0]['surname']}, please check the list.")
    t = d.add_table(rows=1, cols=len(HEADER))
    for i, h in enumerate(HEADER):
        t.rows[0].cells[i].text = h
    for p in rows:
        cells = t.add_row().cells
        for i, v in enumerate(row_values(p)):
            cells[i].text = v
    d.save(os.path.join(out, "class_list.docx"))


def zip_parts(path, parts, first_stored=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            method = zipfile.ZIP_STORED if name == first_stored else zipfile.ZIP_DEFLATED
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, compress_type=method)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_pptx(out, rows):
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>'
          '<Override PartName="/ppt/slides/slide1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>'
          '<Override PartName="/ppt/slides/slide2.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/></Relationships>')
    pres = ('<?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><p:sldIdLst>'
            '<p:sldId id="256" r:id="rId2"/><p:sldId id="257" r:id="rId3"/></p:sldIdLst></p:presentation>')

    def slide(lines):
        paras = "".join(f"<a:p><a:r><a:t>{esc(l)}</a:t></a:r></a:p>" for l in lines)
        return ('<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody>'
                f'{paras}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>')
    lines = [" ".join(row_values(p)) for p in rows[:12]]
    zip_parts(os.path.join(out, "class_list.pptx"), [
        ("[Content_Types].xml", ct), ("_rels/.rels", rels), ("ppt/presentation.xml", pres),
        ("ppt/slides/slide1.xml", slide(["Welcome to Year 7"])),
        ("ppt/slides/slide2.xml", slide(["Tutor group 7B"] + lines))])


ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"')


def odf(path, mimetype, body):
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS} office:version="1.2">'
               f'<office:body>{body}</office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    zip_parts(path, [("mimetype", mimetype), ("content.xml", content), ("META-INF/manifest.xml", manifest)],
              first_stored="mimetype")


def odf_table(name, rows):
    def cell(v):
        return f'<table:table-cell office:value-type="string"><text:p>{esc(v)}</text:p></table:table-cell>'
    trs = "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>" for r in rows)
    return f'<table:table table:name="{name}">{trs}</table:table>'


def make_odf(out, rows):
    table = [HEADER] + [row_values(p) for p in rows]
    odf(os.path.join(out, "class_list.ods"), "application/vnd.oasis.opendocument.spreadsheet",
        "<office:spreadsheet>" + odf_table("Empty", [["Nothing here"]]) +
        # An empty repeated row block before the data, as LibreOffice writes.
        odf_table("Class 7B", [["Class list"]]).replace(
            "</table:table>", '<table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>' +
            "".join("<table:table-row>" + "".join(
                f'<table:table-cell office:value-type="string"><text:p>{esc(v)}</text:p></table:table-cell>' for v in r) +
                "</table:table-row>" for r in table) + "</table:table>") +
        "</office:spreadsheet>")
    odf(os.path.join(out, "class_list.odt"), "application/vnd.oasis.opendocument.text",
        "<office:text><text:h>Year 7 contacts</text:h>"
        f"<text:p>Pupil: {rows[1]['forename']}<text:s/>{rows[1]['surname']}<text:tab/>DOB {row_values(rows[1])[3]}</text:p>"
        + odf_table("Table1", table) + "</office:text>")
    odf(os.path.join(out, "class_list.odp"), "application/vnd.oasis.opendocument.presentation",
        "<office:presentation>"
        '<draw:page draw:name="p1"><draw:frame><draw:text-box><text:p>Welcome</text:p></draw:text-box></draw:frame></draw:page>'
        f'<draw:page draw:name="p2"><draw:frame><draw:text-box><text:p>UPN {rows[2]["upn"]} for {rows[2]["forename"]}</text:p>'
        "</draw:text-box></draw:frame></draw:page></office:presentation>")


def make_pdfs(out, rows, pages=3, name="page3.pdf", encrypt=None):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(os.path.join(out, name), pagesize=A4, encrypt=encrypt, invariant=1)
    for page in range(1, pages + 1):
        y = 800
        if page < pages or pages > 3:
            c.drawString(72, y, f"School trip information, page {page}")
        if page == 3:
            for p in [HEADER] + [row_values(p) for p in rows]:
                y -= 20
                c.drawString(72, y, "  ".join(p))
        c.showPage()
    c.save()


def make_pdf_set(out, rows):
    from reportlab.lib import pdfencrypt
    make_pdfs(out, rows)
    make_pdfs(out, rows, name="user_password.pdf",
              encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner", strength=128))
    make_pdfs(out, rows, name="owner_password.pdf",
              encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0, strength=128))


def make_xls(out, rows):
    import xlwt
    wb = xlwt.Workbook()
    wb.add_sheet("Cover").write(0, 0, "Staff contact sheet")
    ws = wb.add_sheet("Pupils")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for c, h in enumerate(HEADER):
        ws.write(0, c, h)
    for r, p in enumerate(rows, start=1):
        ws.write(r, 0, p["surname"])
        ws.write(r, 1, p["forename"])
        ws.write(r, 2, p["upn"])
        ws.write(r, 3, p["dob"], date_style)
        ws.write(r, 4, p["postcode"])
    wb.save(os.path.join(out, "class_list.xls"))


def make_markup(out, rows):
    trs = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row_values(p)) + "</tr>" for p in rows)
    write(out, "class_list.html", (
        "<!DOCTYPE html><html><head><title>7B</title><style>td { color: red }</style>"
        "<script>var secret = 'SCRIPTTEXT';</script></head><body><h1>Tutor group 7B &amp; friends</h1>"
        f"<p>Caf&eacute; trip &#8211; &pound;5</p><table>{trs}</table></body></html>").encode())
    items = "".join(f"<Pupil><UPN>{p['upn']}</UPN><Surname>{p['surname']}</Surname>"
                    f"<DOB>{p['dob'].isoformat()}</DOB></Pupil>" for p in rows[:5])
    write(out, "ctf.xml", f'<?xml version="1.0"?><CTfile><Pupils>{items}</Pupils></CTfile>'.encode())
    rtf = ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}{\\colortbl;\\red255\\green0\\blue0;}"
           "{\\*\\generator Riched20;}{\\info{\\author Office}}\\pard Pupil record\\par "
           f"Name: {rows[3]['forename']} {rows[3]['surname']}\\par UPN: {rows[3]['upn']}\\par "
           "Caf\\'e9 \\u8364? r\\'e9sum\\'e9\\tab done\\par"
           "{\\pict\\pngblip 89504e470d0a1a0a}{\\*\\objdata 0102}"
           "}")
    write(out, "record.rtf", rtf.encode())


def make_eml(rows):
    import openpyxl
    msg = email.message.EmailMessage(policy=email.policy.SMTP)
    msg["From"] = "=?utf-8?q?Zo=C3=AB_Teacher?= <zoe.teacher@example.sch.uk>"
    msg["To"] = "Head <head@example.sch.uk>"
    msg["Subject"] = "=?utf-8?b?" + base64.b64encode("Class list 7B – confidential".encode()).decode() + "?="
    msg["Date"] = "Tue, 02 Jan 2024 09:30:00 +0000"
    msg.set_content("Hi,\nPlease find the class list attached. Caf\u00e9 money due \u20ac5.\n"
                    "Pupil of concern: " + rows[4]["forename"] + " " + rows[4]["surname"] + "\n",
                    cte="quoted-printable")
    msg.add_alternative("<html><body><p>Please find the <b>class list</b> attached.</p></body></html>",
                        subtype="html")
    msg.add_attachment(class_list_csv(rows), maintype="text", subtype="csv", filename="class list.csv")
    return msg.as_bytes()


def make_archives(out, rows):
    csv_bytes = class_list_csv(rows)
    write(out, "class_list.csv", csv_bytes)
    zip_parts(os.path.join(out, "class_list.zip"), [("lists/class_list.csv", csv_bytes), ("readme.txt", "hello")])
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("c.csv", csv_bytes)
    zip_parts(os.path.join(out, "nested.zip"), [("b.zip", inner.getvalue())])
    # An OOXML package whose [Content_Types].xml is not the first entry: libmagic says zip.
    with zipfile.ZipFile(os.path.join(out, "class_list.xlsx")) as src:
        entries = [(n, src.read(n)) for n in src.namelist()]
    entries.sort(key=lambda e: e[0] == "[Content_Types].xml")
    zip_parts(os.path.join(out, "reordered_xlsx.zip"), entries)
    # 60 MB of zeros deflates ~1000:1 — a bomb by the ratio rule.
    with zipfile.ZipFile(os.path.join(out, "bomb.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("zeros.bin", "w") as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(60):
                f.write(chunk)
    enc = os.path.join(out, "encrypted.zip")
    subprocess.run(["zip", "-q", "-j", "-P", "secret", enc, os.path.join(out, "class_list.csv")], check=True)
    for mode, name in (("w:gz", "class_list.tar.gz"), ("w:bz2", "class_list.tar.bz2"), ("w:xz", "class_list.tar.xz")):
        with tarfile.open(os.path.join(out, name), mode) as t:
            info = tarfile.TarInfo("export/class_list.csv")
            info.size = len(csv_bytes)
            info.mtime = 1700000000
            t.addfile(info, io.BytesIO(csv_bytes))
    with gzip.GzipFile(filename="class_list.csv", mode="wb", fileobj=open(os.path.join(out, "class_list.csv.gz"), "wb"), mtime=0) as g:
        g.write(csv_bytes)
    for name, extra in (("class_list.7z", []), ("encrypted.7z", ["-psecret"]), ("encrypted_headers.7z", ["-psecret", "-mhe=on"])):
        subprocess.run(["7z", "a", "-bd", "-bso0", "-bsp0", *extra, os.path.join(out, name),
                        os.path.join(out, "class_list.csv")], check=True)
    eml = make_eml(rows)
    write(out, "mail.eml", eml)
    mbox = b"From zoe@example.sch.uk Tue Jan  2 09:30:00 2024\n" + eml.replace(b"\r\n", b"\n") + b"\n" + \
        b"From head@example.sch.uk Wed Jan  3 10:00:00 2024\nFrom: head@example.sch.uk\nTo: zoe@example.sch.uk\n" \
        b"Subject: Re: list\nDate: Wed, 03 Jan 2024 10:00:00 +0000\n\nThanks.\n>From the office: noted.\n"
    write(out, "mail.mbox", mbox)


def make_images(out):
    from PIL import Image
    img = Image.new("RGB", (800, 600), (120, 160, 200))
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "Canon EOS 5D"
    img.save(os.path.join(out, "camera.jpg"), exif=exif.tobytes())
    Image.new("RGB", (64, 48), (0, 0, 0)).save(os.path.join(out, "icon.png"))
    Image.new("RGB", (1024, 768), (10, 20, 30)).save(os.path.join(out, "big.jpg"))
    Image.new("RGB", (100, 80), (10, 20, 30)).save(os.path.join(out, "small.jpg"))


def make_pe(out):
    dos = bytearray(b"MZ" + b"\0" * 62)
    struct.pack_into("<I", dos, 0x3C, 64)
    coff = struct.pack("<HHIIIHH", 0x8664, 0, 0, 0, 0, 240, 0x0022)
    opt = struct.pack("<H", 0x20B) + b"\0" * 238
    write(out, "setup.exe", bytes(dos) + b"PE\0\0" + coff + opt)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rows = pupils()
    make_xlsx(out, rows)
    make_docx(out, rows)
    make_pptx(out, rows)
    make_odf(out, rows)
    make_pdf_set(out, rows)
    make_xls(out, rows)
    make_markup(out, rows)
    make_archives(out, rows)
    make_images(out)
    make_pe(out)
    with open(os.path.join(out, "pupils.tsv"), "w") as f:  # expected values for the tests
        for p in rows:
            f.write("\t".join(row_values(p)) + "\n")


if __name__ == "__main__":
    main()
