"""Generates corpus (b), a mixed school share of DOCX/XLSX/PDF/ZIP/CSV (seeded, deterministic).

  /usr/bin/python3 gen_docs.py OUT --bytes 524288000

Speed comes from templates: a few dozen documents are built with python-docx, openpyxl and
reportlab carrying placeholders (@@kind@@). Copies re-zip DOCX/XLSX with fresh PII in place of
the placeholders; uncompressed PDFs get same-length replacements (so the xref stays valid);
compressed PDFs are copied as they are. Needs python3-docx, python3-openpyxl, python3-reportlab.
"""
import argparse
import io
import json
import math
import os
import random
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pii  # noqa: E402

KINDS = ["phone", "nino", "email", "date", "postcode", "nhs", "upn", "card", "iban", "passport"]
PH = re.compile(rb"@@([a-z]+)@+")
PH_STR = re.compile(r"@@([a-z]+)@+")
# Mix of the share by bytes (the rest of the budget is CSV).
SHARE = {"pdf": 0.32, "docx": 0.24, "xlsx": 0.18, "zip": 0.10, "csv": 0.16}


def value(r, kind, pdf_safe=False):
    if kind == "phone" and pdf_safe:
        return f"07{r.randint(100, 999)} {r.randint(100000, 999999)}"
    return {"phone": pii.phone, "nino": pii.nino, "email": pii.email, "date": pii.date,
            "postcode": pii.postcode, "nhs": pii.nhs, "upn": pii.upn, "card": pii.card,
            "iban": pii.iban, "passport": pii.passport}[kind](r)


def placeholder(r, width=0):
    k = r.choice(KINDS)
    s = f"@@{k}@@"
    return s + "@" * max(0, width - len(s))


def prose_with_placeholders(r, pool, n):
    out = []
    for _ in range(n):
        s = r.choice(pool)
        if r.random() < 0.08:
            s += f" Ref contact {pii.name(r)}: {placeholder(r)}."
        out.append(s)
    return out


# ---- templates ---------------------------------------------------------------------------
def docx_template(r, pool, paras, table_rows):
    import docx
    d = docx.Document()
    d.add_heading(r.choice(["Pupil progress report", "Governors minutes", "Trip letter",
                            "SEN support plan", "Staff handbook"]), 1)
    for i in range(paras):
        d.add_paragraph(" ".join(prose_with_placeholders(r, pool, r.randint(2, 6))))
        if i % 40 == 39:
            d.add_heading(f"Section {i // 40 + 1}", 2)
    if table_rows:
        t = d.add_table(rows=1, cols=5)
        for c, h in zip(t.rows[0].cells, ["Name", "DOB", "Postcode", "Tel", "Notes"]):
            c.text = h
        for _ in range(table_rows):
            cells = t.add_row().cells
            cells[0].text = pii.name(r)
            cells[1].text = "@@date@@"
            cells[2].text = "@@postcode@@"
            cells[3].text = "@@phone@@"
            cells[4].text = r.choice(pool)[:60]
    b = io.BytesIO()
    d.save(b)
    return b.getvalue()


def xlsx_template(r, pool, rows):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Export"
    ws.append(["UPN", "Legal Surname", "Legal Forename", "DOB", "Postcode", "Primary Carer Tel",
               "Email", "SEN Status", "Attendance %", "Notes"])
    for i in range(rows):
        ws.append(["@@upn@@", r.choice(pii.SURNAMES), r.choice(pii.FORENAMES), "@@date@@",
                   "@@postcode@@", "@@phone@@", "@@email@@", r.choice(["N", "K", "E"]),
                   round(r.uniform(80, 100), 1), r.choice(pool)[:50] + f" #{i}"])
    ws2 = wb.create_sheet("Budget")
    for i in range(rows // 4):
        ws2.append([f"Line {i}", r.choice(pool)[:40], r.randint(100, 90000), r.random()])
    b = io.BytesIO()
    wb.save(b)
    return b.getvalue()


def pdf_template(r, pool, pages, compress, ttf):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    font = "Helvetica"
    if ttf:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
        font = "DejaVu"
    b = io.BytesIO()
    c = canvas.Canvas(b, pagesize=A4, pageCompression=1 if compress else 0)
    for p in range(pages):
        c.setFont(font, 9)
        y = 800
        while y > 50:
            line = " ".join(prose_with_placeholders(r, pool, 1))[:110]
            if compress or ttf:  # fixed copies: plant the PII in the template itself
                line = PH_STR.sub(lambda m: value(r, m.group(1), pdf_safe=True), line)
            if not compress and not ttf and r.random() < 0.05:
                line = f"Contact {pii.name(r)} {placeholder(r, 18)}"
            c.drawString(40, y, line)
            y -= 11
        c.drawString(40, 30, f"Page {p + 1} of {pages}")
        c.showPage()
    c.save()
    return b.getvalue()


# ---- copies ------------------------------------------------------------------------------
def fill_zip(r, data):
    """Re-zips an OOXML template with fresh PII in place of every placeholder."""
    src = zipfile.ZipFile(io.BytesIO(data))
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.endswith(".xml"):
                body = PH.sub(lambda m: value(r, m.group(1).decode()).encode(), body)
            z.writestr(info.filename, body)
    return b.getvalue()


def fill_pdf(r, data):
    def rep(m):
        v = value(r, m.group(1).decode(), pdf_safe=True).encode()
        return v[: len(m.group(0))].ljust(len(m.group(0)))
    return PH.sub(rep, data)


DIRS = ["Staff/HR/Contracts", "Staff/CPD", "Pupils/Year7", "Pupils/Year9", "Pupils/Year11",
        "SEN/Plans", "SEN/Reviews", "Admin/Letters", "Admin/Trips", "Finance/Budgets",
        "Finance/Invoices", "Governance/Minutes", "Exams/Entries", "Curriculum/English",
        "Curriculum/Science", "Safeguarding/Archive", "Office/Scans", "Shared/Old"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--bytes", type=int, default=500 * 1024 * 1024)
    ap.add_argument("--seed", type=int, default=2)
    a = ap.parse_args()
    r = random.Random(a.seed)
    pool = pii.sentence_pool(a.seed, 20000)
    scale = a.bytes / (500 * 1024 * 1024)
    tpl = {"docx": [], "xlsx": [], "pdf_var": [], "pdf_fixed": []}
    for i in range(12):
        tpl["docx"].append(docx_template(r, pool, int(r.lognormvariate(math.log(60), 1.0)),
                                         r.choice([0, 0, 20, 120])))
    for i in range(6):
        tpl["xlsx"].append(xlsx_template(r, pool, int(r.lognormvariate(math.log(400), 1.0))))
    n_pdf = 16 if scale >= 0.5 else 8
    for i in range(n_pdf):
        pages = max(1, int(math.exp(r.uniform(0, math.log(300 if scale >= 0.5 else 60)))))
        kind = i % 4
        t = pdf_template(r, pool, pages, compress=kind >= 2, ttf=kind == 3)
        tpl["pdf_var" if kind == 0 else "pdf_fixed"].append(t)
    counts, sizes = {}, {}
    files = []

    def put(ext, data):
        path = os.path.join(a.out, r.choice(DIRS), f"{ext}{len(files):06d}.{ext}")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        files.append(path)
        counts[ext] = counts.get(ext, 0) + 1
        sizes[ext] = sizes.get(ext, 0) + len(data)

    budget = {k: v * a.bytes for k, v in SHARE.items()}
    while sizes.get("docx", 0) < budget["docx"]:
        put("docx", fill_zip(r, r.choice(tpl["docx"])))
    while sizes.get("xlsx", 0) < budget["xlsx"]:
        put("xlsx", fill_zip(r, r.choice(tpl["xlsx"])))
    while sizes.get("pdf", 0) < budget["pdf"]:
        if r.random() < 0.5:
            put("pdf", fill_pdf(r, r.choice(tpl["pdf_var"])))
        else:
            put("pdf", r.choice(tpl["pdf_fixed"]) + f"\n% copy {len(files)}\n".encode())
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import gen_text
    while sizes.get("csv", 0) < budget["csv"]:
        rows = int(r.lognormvariate(math.log(2000), 1.0))
        put("csv", (gen_text.CSV_HEAD + "".join(gen_text.csv_row(r) for _ in range(rows))).encode())
    docs = list(files)
    while sizes.get("zip", 0) < budget["zip"]:
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
            for p in r.sample(docs, r.randint(3, 25)):
                z.write(p, os.path.relpath(p, a.out))
        put("zip", b.getvalue())
    with open(a.out.rstrip("/") + ".manifest.json", "w") as f:
        json.dump({"kind": "mixed", "files": counts, "bytes": sizes, "seed": a.seed}, f, indent=1)
    print(f"mixed: {sum(sizes.values())} bytes in {len(files)} files {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
