#!/usr/bin/env python3
"""Writes datasweep's labelled accuracy corpus: ~350 synthetic school files in every supported
format, laid out as five scanned roots plus a mail store, and a manifest of what a correct
scanner must say about each file (class, status, violations, planted raw values).

Usage: generate.py OUTDIR [--seed N] [--reference-date YYYY-MM-DD]

Deterministic given --seed and --reference-date (default: today, because the scanner judges
e-mail staleness against its own clock; the date is recorded in the manifest). Nothing here is
real personal data: names come from name lists, identifiers from Ofcom drama ranges and valid
check-digit algorithms applied to random digits.
"""
import argparse
import datetime
import email.policy
import email.utils
import io
import json
import mailbox
import os
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from email.message import EmailMessage

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ids, templates as T  # noqa: E402
from lib.people import PeopleFactory, load_dict, schools  # noqa: E402
from lib.writers import EXTENSION, ZIP_DT, Doc, render, write_pdf  # noqa: E402

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
U, P, R = T.U, T.P, T.R
RANK = {None: -1, U: 0, P: 1, R: 2}

# root → location flags (the `--location PATH=KIND[,flags]` contract of SPEC §4)
ROOTS = {
    "laptop_c": "local,drive=C:",
    "usb_plain": "removable",
    "usb_encrypted": "removable,encrypted",
    "share_staff": "share,secure",
    "share_pupils": "share,pupil-accessible",
    "mail_store": "email-store",
}
FOLDERS = {
    "laptop_c": ["Users/jharper/Desktop", "Users/jharper/Documents", "Users/kpatel/Desktop",
                 "Users/kpatel/Documents/School", "Users/kpatel/Downloads"],
    "usb_plain": ["", "Work", "Backup/2025"],
    "usb_encrypted": ["", "Reports", "SEN"],
    "share_staff": ["Admin", "SEN", "Finance/Payroll", "Staff/dokoro", "Curriculum/History",
                    "Safeguarding"],
    "share_pupils": ["Year 7/Homework", "Resources", "Shared", "Clubs", "Year 11/Revision"],
}
FILE_ROOTS = list(FOLDERS)
NAMES = {
    "newsletter": "Newsletter", "policy_text": "policy", "lesson_plan": "lesson plan",
    "history_essay": "history homework", "invoice": "invoice", "term_dates": "term dates",
    "asset_register": "asset register", "role_contacts": "contact us",
    "governors_minutes": "FGB minutes", "vacancy": "vacancy advert",
    "id_guidance": "GDPR handout", "exam_stats": "results summary",
    "parent_letter": "letter home", "staff_bank": "bank details form",
    "medical_note": "medical alert", "phone_tree": "phone tree", "sen_note": "review notes",
    "payslip": "payslip", "nhs_letter": "immunisation", "trip_consent": "consent form",
    "mis_export": "class list", "payroll": "payroll extract", "admission_form": "admission",
    "personnel_record": "personnel file", "safeguarding_log": "concerns log",
    "parent_contacts": "contacts", "sen_register": "SEN register", "mark_sheet": "mock marks",
}


def rule_violations(root, cls, *, email=False, stale=False, photo=False, exe=False,
                    credential=False, encrypted=False, bad_attachment=False):
    """The violations SPEC §4's default rules must raise for a file with these facts."""
    flags = ROOTS[root].split(",")
    kind = flags[0]
    personal = RANK[cls] >= RANK[P]
    forbidden = (kind == "local" or (kind == "removable" and "encrypted" not in flags)
                 or "pupil-accessible" in flags)
    v = []
    if kind == "local" and personal:
        v.append("local-drive-personal-data")
    if kind == "local" and email:
        v.append("local-drive-email")
    if kind == "removable" and "encrypted" not in flags and personal:
        v.append("unencrypted-removable")
    if "pupil-accessible" in flags and personal:
        v.append("pupil-accessible-personal-data")
    if photo and (kind == "local" or "pupil-accessible" in flags):
        v.append("pupil-photo-exposed")
    if credential:
        v.append("written-password")
    if bad_attachment:
        v.append("unencrypted-email-attachment")
    if email and stale:
        v.append("stale-email")
    if exe:
        v.append("unapproved-software")
    if encrypted and forbidden:
        v.append("uninspectable")
    return sorted(v)


class Corpus:
    def __init__(self, out, seed, ref):
        self.out, self.seed, self.ref = out, seed, ref
        self.rng = random.Random(seed)
        fd = load_dict(os.path.join(REPO, "classifiers/data/forenames.txt"))
        sd = load_dict(os.path.join(REPO, "classifiers/data/surnames.txt"))
        self.factory = PeopleFactory(self.rng, ref, fd, sd)
        self.ctx = T.Ctx(self.rng, self.factory, schools(self.rng), ref)
        self.entries = []
        self.used_paths = set()
        self.fmt_cursor = {}

    # -- helpers ------------------------------------------------------------------------
    def pick_format(self, spec):
        """Round-robin over the template's formats so every class appears in every format."""
        i = self.fmt_cursor.setdefault(spec.template, self.rng.randrange(len(spec.formats)))
        self.fmt_cursor[spec.template] = i + 1
        return spec.formats[i % len(spec.formats)]

    def render_spec(self, spec, fmt):
        doc = spec.doc
        if fmt in ("xlsx", "ods") and doc.tables and self.rng.random() < 0.3:
            doc.sheet_index = 2                      # data on the third sheet
        if fmt == "pdf" and self.rng.random() < 0.25:
            doc.filler_pages = 2                     # data on page 3
        return render(doc, fmt)

    def place(self, root, stem, ext, folder=None):
        folder = folder if folder is not None else self.rng.choice(FOLDERS[root])
        n = 1
        while True:
            name = f"{stem}.{ext}" if n == 1 else f"{stem} ({n}).{ext}"
            rel = os.path.join(root, folder, name) if folder else os.path.join(root, name)
            if rel not in self.used_paths:
                self.used_paths.add(rel)
                return rel
            n += 1

    def write(self, rel, data, mtime=None):
        path = os.path.join(self.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        when = mtime or datetime.datetime.combine(
            self.ref - datetime.timedelta(days=self.rng.randint(1, 400)), datetime.time(10))
        ts = when.replace(tzinfo=datetime.timezone.utc).timestamp()
        os.utime(path, (ts, ts))

    def add(self, rel, cls, status, violations, planted, template, fmt, members=None):
        e = {"type": "file", "path": rel, "class": cls, "status": status,
             "violations": violations, "planted": sorted(set(p for p in planted if p)),
             "template": template, "format": fmt, "root": rel.split(os.sep)[0]}
        if members:
            e["members"] = members
        self.entries.append(e)

    def new_spec(self, cls):
        pool = {U: T.UNRESTRICTED_TEMPLATES, P: T.PROTECTED_TEMPLATES,
                R: T.RESTRICTED_TEMPLATES}[cls]
        return self.rng.choice(pool)(self.ctx)

    def stem(self, spec):
        base = NAMES.get(spec.template.split(":")[0], spec.template)
        return f"{base} {self.rng.randint(1, 999):03d}"

    # -- plain documents ------------------------------------------------------------------
    def documents(self, n_u, n_p, n_r):
        plan = [U] * n_u + [P] * n_p + [R] * n_r
        for i, cls in enumerate(plan):
            spec = self.new_spec(cls)
            fmt = self.pick_format(spec)
            root = FILE_ROOTS[i % len(FILE_ROOTS)] if i % 3 else self.rng.choice(FILE_ROOTS)
            rel = self.place(root, self.stem(spec), EXTENSION[fmt])
            self.write(rel, self.render_spec(spec, fmt))
            self.add(rel, spec.cls, "complete", rule_violations(root, spec.cls),
                     spec.planted, spec.template, fmt)

    # -- credentials ------------------------------------------------------------------------
    def credentials(self):
        for root, folder in [("laptop_c", "Users/jharper/Desktop"), ("usb_plain", ""),
                             ("share_staff", "Admin"), ("share_pupils", "Shared")]:
            spec = T.passwords_file(self.ctx)
            rel = self.place(root, "passwords", "txt", folder)
            self.write(rel, render(spec.doc, "txt"))
            self.add(rel, U, "complete", rule_violations(root, U, credential=True),
                     spec.planted, "passwords", "txt")
        for root, folder, name in [("share_staff", "Admin/certs", "server.key"),
                                   ("laptop_c", "Users/kpatel/Documents", "id_rsa")]:
            rel = self.place(root, name.split(".")[0],
                             name.split(".")[1] if "." in name else "pem", folder)
            self.write(rel, T.pem_key(self.ctx))
            self.add(rel, U, "complete", rule_violations(root, U, credential=True), [],
                     "private_key", "pem")

    # -- images and executables -----------------------------------------------------------
    def photo_bytes(self, camera=True, fmt="JPEG"):
        from PIL import Image
        img = Image.new("RGB", (48, 32))
        img.putdata([(self.rng.randrange(256), self.rng.randrange(256), self.rng.randrange(256))
                     for _ in range(48 * 32)])
        buf = io.BytesIO()
        if camera:
            exif = Image.Exif()
            make, model = self.rng.choice([("Canon", "Canon EOS 250D"), ("Apple", "iPad (9th)"),
                                           ("NIKON CORPORATION", "NIKON D3500")])
            exif[0x010F], exif[0x0110] = make, model
            exif[0x0132] = self.ref.strftime("%Y:%m:%d 10:15:00")
            img.save(buf, fmt, exif=exif, quality=70)
        else:
            img.save(buf, fmt)
        return buf.getvalue()

    def images(self):
        spots = [("share_pupils", "Shared"), ("share_pupils", "Clubs"),
                 ("share_pupils", "Year 7/Homework"), ("laptop_c", "Users/jharper/Desktop"),
                 ("laptop_c", "Users/kpatel/Documents/School"), ("share_staff", "Admin"),
                 ("share_staff", "Curriculum/History"), ("usb_encrypted", ""),
                 ("usb_plain", "Backup/2025"), ("share_pupils", "Resources"),
                 ("laptop_c", "Users/kpatel/Downloads"), ("share_staff", "Staff/dokoro")]
        for root, folder in spots:
            stem = self.rng.choice(["IMG_", "DSC_", "sports day ", "trip "]) + \
                str(self.rng.randint(1000, 9999))
            rel = self.place(root, stem, "jpg", folder)
            self.write(rel, self.photo_bytes())
            self.add(rel, U, ["complete", "unsupported"], rule_violations(root, U, photo=True),
                     [], "photo", "jpg")
        for root, folder in [("share_staff", "Admin"), ("usb_encrypted", "Reports")]:
            rel = self.place(root, "chart", "png", folder)
            self.write(rel, self.photo_bytes(camera=False, fmt="PNG"))
            self.add(rel, U, ["complete", "unsupported"], [], [], "diagram", "png")

    def pe_stub(self):
        mz = bytearray(0x80)
        mz[0:2] = b"MZ"
        mz[0x3C:0x40] = (0x80).to_bytes(4, "little")
        coff = b"PE\0\0" + (0x14C).to_bytes(2, "little") + b"\0" * 14 + \
            (0xE0).to_bytes(2, "little") + (0x0102).to_bytes(2, "little")
        opt = bytearray(0xE0)
        opt[0:2] = (0x10B).to_bytes(2, "little")
        opt[68:70] = (2).to_bytes(2, "little")
        return bytes(mz) + coff + bytes(opt) + b"\0" * 64

    def executables(self):
        for root, folder, name in [("laptop_c", "Users/kpatel/Downloads", "setup"),
                                   ("usb_plain", "", "setup"),
                                   ("share_pupils", "Shared", "psiphon3"),
                                   ("usb_plain", "Work", "ultrasurf_portable"),
                                   ("share_staff", "Staff/dokoro", "GameInstaller")]:
            rel = self.place(root, name, "exe", folder)
            self.write(rel, self.pe_stub())
            self.add(rel, U, ["complete", "unsupported"], rule_violations(root, U, exe=True),
                     [], "executable", "exe")

    # -- archives -------------------------------------------------------------------------
    def member_specs(self, classes):
        out = []
        for cls in classes:
            spec = self.new_spec(cls)
            fmt = self.pick_format(spec)
            out.append((f"{self.stem(spec)}.{EXTENSION[fmt]}", self.render_spec(spec, fmt),
                        spec))
        return out

    @staticmethod
    def zip_bytes(items):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in items:
                z.writestr(zipfile.ZipInfo(name, ZIP_DT), data, zipfile.ZIP_DEFLATED)
        return buf.getvalue()

    def archives(self):
        plans = [("laptop_c", [U, U]), ("laptop_c", [U, R]), ("usb_plain", [P, U]),
                 ("usb_encrypted", [R, R]), ("share_staff", [R, U, U]),
                 ("share_pupils", [U, U, U]), ("share_pupils", [U, P]), ("usb_plain", [U, U])]
        for i, (root, classes) in enumerate(plans):
            fmt = ["zip", "zip", "tar.gz", "7z", "zip", "tar.gz", "7z", "zip"][i]
            items = self.member_specs(classes)
            folder = self.rng.choice(["", "Trip", "Coursework"])
            named = [(f"{folder}/{n}" if folder else n, d, s) for n, d, s in items]
            data = self.pack(fmt, [(n, d) for n, d, _ in named])
            rel = self.place(root, self.rng.choice(["archive", "backup", "files", "old work"]),
                             fmt)
            self.write(rel, data)
            cls = max((s.cls for _, _, s in named), key=RANK.get)
            members = [{"path": n, "class": s.cls} for n, _, s in named]
            planted = [p for _, _, s in named for p in s.planted]
            self.add(rel, cls, "complete", rule_violations(root, cls), planted, "archive", fmt,
                     members)
        # zip in zip: a class list two levels down
        for root in ["share_pupils", "usb_plain", "share_staff"]:
            inner_items = self.member_specs([R, U])
            inner = self.zip_bytes([(n, d) for n, d, _ in inner_items])
            outer = self.zip_bytes([("readme.txt", b"Old coursework, do not delete.\r\n"),
                                    ("nested/inner.zip", inner)])
            rel = self.place(root, "coursework backup", "zip")
            self.write(rel, outer)
            members = [{"path": "nested/inner.zip", "class": R}] + \
                [{"path": f"nested/inner.zip!/{n}", "class": s.cls} for n, _, s in inner_items]
            self.add(rel, R, "complete", rule_violations(root, R),
                     [p for _, _, s in inner_items for p in s.planted], "zip-in-zip", "zip",
                     members)

    def pack(self, fmt, items):
        if fmt == "zip":
            return self.zip_bytes(items)
        if fmt == "tar.gz":
            raw = io.BytesIO()
            with tarfile.open(fileobj=raw, mode="w") as t:
                for name, data in items:
                    ti = tarfile.TarInfo(name)
                    ti.size, ti.mtime = len(data), 1736150400
                    t.addfile(ti, io.BytesIO(data))
            import gzip
            return gzip.compress(raw.getvalue(), mtime=0)
        return self.tool_archive(fmt, items)

    def tool_archive(self, fmt, items, password=None):
        """7z archives and encrypted zips need p7zip / zip; built in a scratch directory."""
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "src")
            for name, data in items:
                p = os.path.join(src, name)
                os.makedirs(os.path.dirname(p), exist_ok=True)
                with open(p, "wb") as f:
                    f.write(data)
                os.utime(p, (1736150400, 1736150400))
            out = os.path.join(tmp, "out." + fmt)
            names = [n for n, _ in items]
            if fmt == "7z":
                cmd = ["7z", "a", "-t7z", "-bd", "-y", out] + names
                if password:
                    cmd.insert(3, f"-p{password}")
            else:
                cmd = ["zip", "-q", "-X", "-P", password, out] + names
            subprocess.run(cmd, cwd=src, check=True, stdout=subprocess.DEVNULL)
            with open(out, "rb") as f:
                return f.read()

    def encrypted(self):
        for root in ["laptop_c", "usb_plain", "share_pupils", "share_staff", "usb_encrypted"]:
            items = self.member_specs([R])
            data = self.tool_archive("zip", [(n, d) for n, d, _ in items], password="Summer2025!")
            rel = self.place(root, "protected files", "zip")
            self.write(rel, data)
            self.add(rel, None, "encrypted", rule_violations(root, None, encrypted=True),
                     [p for _, _, s in items for p in s.planted], "encrypted-zip", "zip")
        for root in ["laptop_c", "share_staff"]:
            spec = self.new_spec(R)
            data = write_pdf(spec.doc, encrypt_password="Governors1")
            rel = self.place(root, "confidential report", "pdf")
            self.write(rel, data)
            self.add(rel, None, "encrypted", rule_violations(root, None, encrypted=True),
                     spec.planted, "encrypted-pdf", "pdf")

    # -- e-mail -----------------------------------------------------------------------------
    def message(self, stale, attach_classes=(), body_cls=U, encrypted_attachment=False):
        s = self.ctx.school()
        days = self.rng.randint(200, 900) if stale else self.rng.randint(1, 150)
        when = datetime.datetime.combine(self.ref - datetime.timedelta(days=days),
                                         datetime.time(9 + self.rng.randint(0, 8), 30))
        msg = EmailMessage(policy=email.policy.SMTP)
        msg["From"] = f"{s.name} Office <office@{s.domain}>"
        msg["To"] = f"Staff <staff@{s.domain}>"
        msg["Date"] = email.utils.format_datetime(when.replace(tzinfo=datetime.timezone.utc))
        msg["Message-ID"] = f"<{self.rng.getrandbits(64):x}@{s.domain}>"
        if body_cls == U:
            body_spec = T.Spec("email", U, Doc("", ["Hello all,", "Please see attached.",
                                                     "Kind regards, School Office"]))
        else:
            body_spec = self.new_spec(body_cls)
            while body_spec.doc.tables:
                body_spec = self.new_spec(body_cls)
        msg["Subject"] = body_spec.doc.title or "Please see attached"
        msg.set_content("\n".join(body_spec.doc.paras + body_spec.doc.after),
                        cte=self.rng.choice(["quoted-printable", "base64", "8bit"]))
        planted, members = list(body_spec.planted), []
        cls = body_cls
        bad = False
        for acls in attach_classes:
            (name, data, spec), = self.member_specs([acls])
            planted += spec.planted
            if encrypted_attachment:
                data = self.tool_archive("zip", [(name, data)], password="Pa55word!")
                name = name.rsplit(".", 1)[0] + ".zip"
                members.append({"path": name, "class": None, "status": "encrypted"})
                cls = None
            else:
                members.append({"path": name, "class": spec.cls})
                cls = max(cls, spec.cls, key=RANK.get) if cls else cls
                bad = bad or RANK[spec.cls] >= RANK[P]
            msg.add_attachment(data, maintype="application", subtype="octet-stream",
                               filename=name)
        if msg.is_multipart():
            msg.set_boundary(f"=_ds_{self.rng.getrandbits(64):016x}")  # deterministic bytes
        return msg, when, cls, planted, members, bad

    def emails(self):
        plans = [  # root, stale, attachments, body class, encrypted attachment
            ("mail_store", False, [], U, False), ("mail_store", True, [], U, False),
            ("mail_store", False, [R], U, False), ("mail_store", True, [P], U, False),
            ("mail_store", False, [U], U, False), ("mail_store", True, [U, U], U, False),
            ("mail_store", False, [], P, False), ("mail_store", True, [], P, False),
            ("mail_store", False, [R], U, True), ("mail_store", True, [R], U, True),
            ("mail_store", False, [U, R], U, False), ("mail_store", False, [], U, False),
            ("mail_store", True, [], U, False), ("mail_store", False, [P], U, False),
            ("laptop_c", False, [], U, False), ("laptop_c", True, [R], U, False),
            ("laptop_c", False, [], P, False), ("laptop_c", True, [U], U, False),
            ("laptop_c", False, [P], U, False), ("share_staff", True, [], U, False),
            ("share_staff", False, [R], U, False), ("usb_plain", False, [R], U, False),
            ("usb_plain", True, [], U, False), ("share_pupils", False, [], U, False),
            ("usb_encrypted", False, [P], U, False),
        ]
        for root, stale, att, body_cls, enc in plans:
            msg, when, cls, planted, members, bad = self.message(stale, att, body_cls, enc)
            folder = {"mail_store": self.rng.choice(["jharper", "kpatel/Archive", "office"]),
                      "laptop_c": "Users/jharper/Documents/Saved mail"}.get(root)
            rel = self.place(root, f"message {self.rng.randint(1, 9999):04d}", "eml", folder)
            self.write(rel, msg.as_bytes(), mtime=when)
            self.add(rel, cls, "complete" if not enc else ["complete", "partial", "encrypted"],
                     rule_violations(root, cls, email=True, stale=stale, bad_attachment=bad),
                     planted, "email", "eml", members)
        for root, stale, plan in [("mail_store", True, [([], U), ([], U), ([], U)]),
                                  ("mail_store", False, [([], U), ([R], U), ([], P)]),
                                  ("mail_store", True, [([], P), ([U], U)]),
                                  ("mail_store", False, [([], U), ([], U)]),
                                  ("laptop_c", True, [([], U), ([P], U)])]:
            tmpdir = tempfile.mkdtemp()
            path = os.path.join(tmpdir, "box.mbox")
            box = mailbox.mbox(path)
            cls, planted, members, bad, latest = U, [], [], False, None
            for att, body_cls in plan:
                msg, when, mcls, mpl, mm, mbad = self.message(stale, att, body_cls)
                mbm = mailbox.mboxMessage(msg)
                mbm.set_from("MAILER-DAEMON", when.timetuple())
                box.add(mbm)
                cls = max(cls, mcls, key=RANK.get)
                planted += mpl
                bad = bad or mbad
                latest = max(latest or when, when)
            box.close()
            with open(path, "rb") as f:
                data = f.read()
            shutil.rmtree(tmpdir)
            folder = "Users/kpatel/Documents" if root == "laptop_c" else "archive"
            rel = self.place(root, self.rng.choice(["Inbox", "Sent", "Archive 2024"]), "mbox",
                             folder)
            self.write(rel, data, mtime=latest)
            self.add(rel, cls, "complete",
                     rule_violations(root, cls, email=True, stale=stale, bad_attachment=bad),
                     planted, "mbox", "mbox")

    # -- manifest ---------------------------------------------------------------------------
    def manifest(self):
        header = {"type": "header", "seed": self.seed, "reference_date": self.ref.isoformat(),
                  "generator": "corpus/generate.py", "roots": ROOTS,
                  "location_args": [f"{r}={f}" for r, f in ROOTS.items()],
                  "files": len(self.entries),
                  "note": "location_args paths are relative to the manifest's directory"}
        with open(os.path.join(self.out, "manifest.jsonl"), "w", encoding="utf-8") as f:
            f.write(json.dumps(header, ensure_ascii=False) + "\n")
            for e in sorted(self.entries, key=lambda e: e["path"]):
                f.write(json.dumps(e, ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20260301)
    ap.add_argument("--reference-date", default=datetime.date.today().isoformat())
    ap.add_argument("--scale", type=float, default=1.0, help="multiply plain-document counts")
    a = ap.parse_args()
    ids.self_test()
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    os.makedirs(a.out)
    for r in ROOTS:
        os.makedirs(os.path.join(a.out, r), exist_ok=True)
    c = Corpus(a.out, a.seed, datetime.date.fromisoformat(a.reference_date))
    n = lambda k: max(1, int(k * a.scale))
    c.documents(n(130), n(60), n(70))
    c.credentials()
    c.images()
    c.executables()
    c.archives()
    c.encrypted()
    c.emails()
    c.manifest()
    by_class = {}
    for e in c.entries:
        by_class[e["class"]] = by_class.get(e["class"], 0) + 1
    print(f"wrote {len(c.entries)} files to {a.out}: {by_class}")


if __name__ == "__main__":
    main()
