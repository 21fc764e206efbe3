"""Renders a format-neutral Doc (title, prose, tables) into the bytes of one file format.

Every writer is deterministic: fixed timestamps in OOXML/ODF/PDF metadata and zip entries.
"""
import datetime
import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import List
from xml.sax.saxutils import escape as xml_escape

FIXED_DT = datetime.datetime(2025, 1, 6, 9, 0, 0)
ZIP_DT = (2025, 1, 6, 9, 0, 0)


@dataclass
class Table:
    header: List[str]
    rows: List[List[str]]
    name: str = "Sheet1"


@dataclass
class Doc:
    title: str
    paras: List[str] = field(default_factory=list)
    tables: List[Table] = field(default_factory=list)
    after: List[str] = field(default_factory=list)
    filler_pages: int = 0        # PDF: pages of filler before the tables (data on page N+1)
    sheet_index: int = 0         # XLSX/ODS: the table goes on this sheet (0-based)


FILLER = ("This page is intentionally left as general guidance. Staff should read the "
          "accompanying notes before the meeting. ") * 6


def text_lines(doc: Doc, sep: str = "\t") -> List[str]:
    lines = [doc.title, ""]
    lines += [p for p in doc.paras]
    for t in doc.tables:
        lines.append("")
        lines.append(sep.join(t.header))
        lines += [sep.join(r) for r in t.rows]
    if doc.after:
        lines.append("")
        lines += doc.after
    return lines


def to_text(doc: Doc) -> str:
    return "\r\n".join(text_lines(doc)) + "\r\n"


def write_txt(doc: Doc, encoding: str) -> bytes:
    """encoding: utf-8 | utf-16le-bom | utf-16le | cp1252."""
    text = to_text(doc)
    if encoding == "utf-16le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if encoding == "utf-16le":
        return text.encode("utf-16-le")
    if encoding == "cp1252":
        return text.encode("cp1252", errors="replace")
    return text.encode("utf-8")


def write_delimited(table: Table, delim: str) -> bytes:
    import csv
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delim, lineterminator="\r\n")
    w.writerow(table.header)
    w.writerows(table.rows)
    return buf.getvalue().encode("utf-8")


def write_xlsx(doc: Doc) -> bytes:
    import openpyxl
    wb = openpyxl.Workbook()
    wb.properties.created = FIXED_DT
    wb.properties.modified = FIXED_DT
    wb.properties.creator = "MIS export"
    names = ["Summary", "Notes", "Info"][:doc.sheet_index]
    names.append(doc.tables[0].name if doc.tables else "Data")
    ws0 = wb.active
    ws0.title = names[0]
    sheets = [ws0] + [wb.create_sheet(n) for n in names[1:]]
    if doc.sheet_index:
        ws0.append([doc.title])
        for p in doc.paras:
            ws0.append([p])
        for ws in sheets[1:-1]:
            ws.append(["Report generated for internal use."])
    target = sheets[doc.sheet_index]
    if not doc.sheet_index:
        target.append([doc.title])
        target.append([])
    for t in doc.tables:
        target.append(t.header)
        for r in t.rows:
            target.append(r)
        target.append([])
    for p in doc.after:
        target.append([p])
    buf = io.BytesIO()
    wb.save(buf)
    return _normalise_zip(buf.getvalue())


def write_docx(doc: Doc) -> bytes:
    import docx
    d = docx.Document()
    d.core_properties.created = FIXED_DT
    d.core_properties.modified = FIXED_DT
    d.core_properties.last_modified_by = ""
    d.core_properties.author = ""
    d.add_heading(doc.title, level=1)
    for p in doc.paras:
        d.add_paragraph(p)
    for t in doc.tables:
        tbl = d.add_table(rows=1, cols=len(t.header))
        for i, h in enumerate(t.header):
            tbl.rows[0].cells[i].text = h
        for r in t.rows:
            cells = tbl.add_row().cells
            for i, v in enumerate(r):
                cells[i].text = v
    for p in doc.after:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return _normalise_zip(buf.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrites a zip with fixed entry times so its bytes depend only on its content."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, ZIP_DT)
            zi.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":   # openpyxl stamps the save time
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-06T09:00:00Z",
                              data)
            z.writestr(zi, data)
    return out.getvalue()


def write_pdf(doc: Doc, encrypt_password: str = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, encrypt=encrypt_password)
    c.setTitle(doc.title)
    width, height = A4
    y = [height - 60]

    def line(text, size=10):
        if y[0] < 60:
            c.showPage()
            y[0] = height - 60
        c.setFont("Helvetica", size)
        c.drawString(50, y[0], text)
        y[0] -= size + 5

    def wrapped(text, size=10):
        words, cur = text.split(), ""
        for w in words:
            if len(cur) + len(w) + 1 > 95:
                line(cur, size)
                cur = w
            else:
                cur = f"{cur} {w}".strip()
        line(cur, size)

    line(doc.title, 14)
    for p in doc.paras:
        wrapped(p)
    for _ in range(doc.filler_pages):
        wrapped(FILLER)
        c.showPage()
        y[0] = height - 60
    for t in doc.tables:
        line("   ".join(t.header), 8)
        for r in t.rows:
            line("   ".join(r), 8)
        line("")
    for p in doc.after:
        wrapped(p)
    c.showPage()
    c.save()
    return buf.getvalue()


ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'office:version="1.2"')


def _odf_zip(mimetype: str, content: str) -> bytes:
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                'manifest:1.0" manifest:version="1.2">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype", ZIP_DT), mimetype, zipfile.ZIP_STORED)
        z.writestr(zipfile.ZipInfo("content.xml", ZIP_DT), content, zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("META-INF/manifest.xml", ZIP_DT), manifest,
                   zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _odf_table(t: Table) -> str:
    rows = [t.header] + t.rows
    body = "".join(
        "<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{xml_escape(v)}</text:p>'
            "</table:table-cell>" for v in r) + "</table:table-row>" for r in rows)
    return f'<table:table table:name="{xml_escape(t.name)}">{body}</table:table>'


def write_odt(doc: Doc) -> bytes:
    parts = [f"<text:h>{xml_escape(doc.title)}</text:h>"]
    parts += [f"<text:p>{xml_escape(p)}</text:p>" for p in doc.paras]
    parts += [_odf_table(t) for t in doc.tables]
    parts += [f"<text:p>{xml_escape(p)}</text:p>" for p in doc.after]
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODF_NS}>'
               f'<office:body><office:text>{"".join(parts)}</office:text></office:body>'
               "</office:document-content>")
    return _odf_zip("application/vnd.oasis.opendocument.text", content)


def write_ods(doc: Doc) -> bytes:
    sheets = []
    for i in range(doc.sheet_index):
        sheets.append(_odf_table(Table(["Notes"], [[doc.title]] + [[p] for p in doc.paras],
                                       name=["Summary", "Notes", "Info"][min(i, 2)])))
    for t in doc.tables:
        sheets.append(_odf_table(t))
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODF_NS}>'
               f'<office:body><office:spreadsheet>{"".join(sheets)}</office:spreadsheet>'
               "</office:body></office:document-content>")
    return _odf_zip("application/vnd.oasis.opendocument.spreadsheet", content)


def _rtf_escape(s: str) -> str:
    out = []
    for ch in s:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?")
    return "".join(out)


def write_rtf(doc: Doc) -> bytes:
    body = "\\par\n".join(_rtf_escape(l) for l in text_lines(doc, sep="\\tab "))
    # Table separators were escaped above; restore the RTF tab control word.
    body = body.replace("\\\\tab ", "\\tab ")
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}\\f0\\fs22\n"
            + body + "\\par\n}").encode("ascii")


def write_html(doc: Doc) -> bytes:
    parts = [f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(doc.title)}"
             f"</title></head><body><h1>{html.escape(doc.title)}</h1>"]
    parts += [f"<p>{html.escape(p)}</p>" for p in doc.paras]
    for t in doc.tables:
        parts.append("<table><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in t.header)
                     + "</tr>")
        for r in t.rows:
            parts.append("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in r) + "</tr>")
        parts.append("</table>")
    parts += [f"<p>{html.escape(p)}</p>" for p in doc.after]
    parts.append("</body></html>")
    return "\n".join(parts).encode("utf-8")


def render(doc: Doc, fmt: str) -> bytes:
    """fmt: txt, txt-utf16bom, txt-utf16, txt-cp1252, csv, tsv, xlsx, docx, pdf, odt, ods,
    rtf, html. csv/tsv write the first table (or the text lines as one column)."""
    if fmt == "txt":
        return write_txt(doc, "utf-8")
    if fmt == "txt-utf16bom":
        return write_txt(doc, "utf-16le-bom")
    if fmt == "txt-utf16":
        return write_txt(doc, "utf-16le")
    if fmt == "txt-cp1252":
        return write_txt(doc, "cp1252")
    if fmt in ("csv", "tsv"):
        t = doc.tables[0] if doc.tables else Table(["Text"], [[l] for l in text_lines(doc)])
        return write_delimited(t, "," if fmt == "csv" else "\t")
    return {"xlsx": write_xlsx, "docx": write_docx, "pdf": write_pdf, "odt": write_odt,
            "ods": write_ods, "rtf": write_rtf, "html": write_html}[fmt](doc)


EXTENSION = {"txt": "txt", "txt-utf16bom": "txt", "txt-utf16": "txt", "txt-cp1252": "txt",
             "csv": "csv", "tsv": "tsv", "xlsx": "xlsx", "docx": "docx", "pdf": "pdf",
             "odt": "odt", "ods": "ods", "rtf": "rtf", "html": "html"}
