#!/usr/bin/env python3
"""Out-of-distribution probe: small school files written in styles corpus/generate.py never uses
(Arbor/Bromcom/SIMS/ScholarPack/DfE-census header spellings, trip lists, rotas, behaviour logs,
referral letters, newsletters, minutes, adverts). Each file carries the class SPEC §1 gives it
and why; files whose class SPEC leaves open are written but not asserted (expected None).

Usage: ood_probe.py OUTDIR [--binary DATASWEEP]   (with --binary: scan and fail on any miss)
Stdlib only, plus openpyxl / python-docx when present (Debian python3). All data is synthetic.
"""
import argparse
import json
import os
import random
import subprocess
import sys

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
SCHOOL = "Hollins Vale Primary School, Moor Lane, Hadfield, Glossop SK13 2DP"  # own letterhead
SWITCHBOARD = "01457 860123"

FORENAMES = ["Amara", "Kacper", "Ffion", "Oluwaseun", "Tegan", "Ishaan", "Maja", "Rhys",
             "Zainab", "Callum", "Aoife", "Bartosz", "Imani", "Lowri", "Tariq", "Esme",
             "Dawid", "Niamh", "Kofi", "Seren", "Yusuf", "Elodie", "Harvey", "Ruqayyah",
             "Stanley", "Delilah", "Ibrahim", "Phoebe", "Jenson", "Anaya"]
SURNAMES = ["Okonkwo", "Nowak", "Pritchard", "Adeyemi", "Marsh", "Chaudhry", "Kowalczyk",
            "Llewellyn", "Hussain", "Doherty", "Gallagher", "Wisniewski", "Mensah", "Griffiths",
            "Rahman", "Whitworth", "Zielinski", "Brennan", "Asante", "Prothero", "Siddiqui",
            "Fairbrother", "Ackroyd", "Boateng", "Entwistle", "Oyelaran", "Haworth", "Dunleavy",
            "Sandhu", "Crowther"]
STREETS = ["Moss Lane", "Birchfield Road", "Kiln Close", "Albion Street", "Heather Drive",
           "Primrose Avenue", "Tanners Way", "Orchard Crescent", "Millbrook Grove", "Canal Walk"]


def upn(rng):
    body = f"{rng.choice([830, 831, 352, 355, 919])}{rng.randint(2000, 7999)}" \
           f"{rng.randint(10, 23)}{rng.randint(1, 999):03d}"
    s = sum(int(c) * (i + 2) for i, c in enumerate(body))
    return UPN_LETTERS[s % 23] + body


def nhs(rng):
    while True:
        d = [rng.randint(0, 9) for _ in range(9)]
        d[0] = rng.randint(4, 6)
        c = 11 - sum(v * (10 - i) for i, v in enumerate(d)) % 11
        c = 0 if c == 11 else c
        if c != 10:
            s = "".join(map(str, d)) + str(c)
            return f"{s[:3]} {s[3:6]} {s[6:]}"


def uln(rng):
    while True:
        d = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
        for c in range(10):
            if (sum(v * (10 - i) for i, v in enumerate(d)) + c) % 11 == 10:
                return "".join(map(str, d)) + str(c)


def nino(rng):
    return (rng.choice("ACEHJLMPRSTWY") + rng.choice("ABCEHJLMPRSTWY") +
            f"{rng.randint(0, 999999):06d}" + rng.choice("ABCD"))


def mobile(rng):
    return f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}"


def landline(rng):
    return f"0161 {rng.randint(200, 999)} {rng.randint(1000, 9999)}"


def postcode(rng):
    return f"{rng.choice(['M', 'OL', 'SK', 'BL', 'WA'])}{rng.randint(1, 16)} " \
           f"{rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXY')}{rng.choice('ABDEFGHJLNPQRSTUWXY')}"


def dob(rng, lo=2010, hi=2019):
    return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(lo, hi)}"


def people(rng, n):
    out, seen = [], set()
    while len(out) < n:
        p = (rng.choice(FORENAMES), rng.choice(SURNAMES))
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


def csv_text(header, rows, sep=","):
    q = lambda v: f'"{v}"' if sep == "," and ("," in v) else v
    return "\n".join(sep.join(q(str(c)) for c in r) for r in [header] + rows) + "\n"


def html_table(title, header, rows, intro=""):
    th = "".join(f"<th>{h}</th>" for h in header)
    trs = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>\n" for r in rows)
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
            f"<h1>{title}</h1><p>{intro}</p><table><tr>{th}</tr>\n{trs}</table></body></html>\n")


def eml(frm, to, subject, body, date="Tue, 14 Jan 2025 08:12:44 +0000"):
    return (f"From: {frm}\nTo: {to}\nSubject: {subject}\nDate: {date}\n"
            f"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}\n")


def build(rng):
    """Returns [(name, content (str|callable(path)), expected class or None, reason)]."""
    F = []
    add = lambda name, content, cls, why: F.append((name, content, cls, why))

    # --- MIS exports with header spellings the generator does not use -----------------------
    ps = people(rng, 14)
    rows = [[s, f, dob(rng), upn(rng), f"Year {rng.randint(1, 6)}", f"{rng.randint(1, 6)}{rng.choice('HVP')}",
             rng.choice(["K", "E", "N", "N"]), rng.choice(["Y", "N"]), rng.choice(["Yes", "No"])]
            for f, s in ps]
    add("arbor_pupils.csv", csv_text(["Pupil Surname", "First Name", "Date of Birth",
                                      "Unique Pupil Number", "Year Grp", "Tutor Grp",
                                      "SEN Provision", "Pupil Premium", "EAL"], rows),
        "RESTRICTED", "14 pupils each with DOB and UPN: PROTECTED data about 10+ people")

    ps = people(rng, 12)
    rows = [[s, f, f"{rng.choice(['Mrs', 'Mr', 'Ms'])} {rng.choice(SURNAMES)}", landline(rng),
             mobile(rng), f"{rng.randint(1, 120)} {rng.choice(STREETS)}", postcode(rng)]
            for f, s in ps]
    add("sims_contacts.csv", csv_text(["Surname", "First Name", "Parent/Carer Name", "Home Tel",
                                       "Mobile", "Address Line 1", "Post Code"], rows),
        "RESTRICTED", "12 pupils with home phone, mobile and address: 10+ people")

    ps = people(rng, 15)
    rows = [[s.upper(), f, dob(rng).replace("/", "."), f"{rng.randint(7, 11)}{rng.choice('ABCD')}"]
            for f, s in ps]
    add("bromcom_dob.csv", csv_text(["Legal Surname", "Legal Forename", "D.O.B.", "Reg"], rows),
        "RESTRICTED", "15 pupils with date of birth: 10+ people")

    ps = people(rng, 11)
    rows = [[upn(rng), s, f, dob(rng).replace("/", "-"), rng.choice("MF"), rng.randint(1, 6),
             rng.choice(["N", "K", "E"]), rng.choice(["true", "false"]), rng.choice(["WBRI", "ABAN", "BAFR", "WPOL"])]
            for f, s in ps]
    add("census_extract.csv", csv_text(["UPN", "Surname", "Forename", "DOB", "Gender",
                                        "NCyearActual", "SENprovision", "FSMeligible",
                                        "Ethnicity"], rows),
        "RESTRICTED", "DfE census spellings; 11 pupils with UPN and DOB")

    ps = people(rng, 12)
    rows = [[f"{s}, {f}", f"{rng.randint(7, 11)}{rng.choice('ABC')}", dob(rng, 2008, 2013),
             postcode(rng), mobile(rng)] for f, s in ps]
    add("bromcom_export.txt", csv_text(["Student Name", "Reg Group", "Date Of Birth", "PostCode",
                                        "Primary Contact Mobile"], rows, sep="\t"),
        "RESTRICTED", "tab-separated export; 12 students with DOB, postcode, phone")

    ps = people(rng, 20)
    def sims_xlsx(path, ps=ps, r=random.Random(rng.random())):
        import openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Student List"
        ws.append(["Adno", "Legal Surname", "Preferred Forename", "Reg Group", "DOB", "Gender",
                   "In Care", "SEN Status"])
        for f, s in ps:
            ws.append([f"{r.randint(1, 9999):06d}", s, f, f"{r.randint(7, 11)}{r.choice('XYZ')}",
                       dob(r, 2008, 2013), r.choice("MF"), r.choice(["N", "N", "Y"]),
                       r.choice(["N", "K", "E"])])
        wb.save(path)
    add("sims_student_list.xlsx", sims_xlsx, "RESTRICTED", "20 students with DOB in an xlsx")

    ps = people(rng, 11)
    rows = [[s, f, rng.randint(1, 6), rng.choice(["SEMH", "SLCN", "ASD", "MLD", "SpLD"]),
             rng.choice(["SEN Support", "EHC Plan"]), rng.choice(["Y", "N"])] for f, s in ps]
    add("sen_register.csv", csv_text(["Surname", "Forename", "NC Year", "SEN Need (Primary)",
                                      "Provision Type", "EHCP (Y/N)"], rows),
        "RESTRICTED", "SEN register: 11 pupils with special-category data")

    ps = people(rng, 10)
    rows = [[f"{f} {s}", nino(rng), rng.choice(["M3", "M5", "U1", "UPS2"]),
             f"£{rng.randint(28000, 48000):,}", f"{rng.randint(10, 99)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
             f"{rng.randint(10000000, 99999999)}"] for f, s in ps]
    add("payroll_extract.csv", csv_text(["Employee", "NI Number", "Spine Point", "Annual Salary",
                                         "Sort Code", "Account"], rows),
        "RESTRICTED", "payroll extract: 10 staff with NI number, salary, bank details")

    ps = people(rng, 12)
    rows = [[f"{rng.randint(1000, 9999)}", s, f, uln(rng), rng.choice(["8300/1H", "8700/1F"])]
            for f, s in ps]
    add("exam_entries.csv", csv_text(["Candidate No", "Surname", "Forename", "ULN", "Entry Code"],
                                     rows), "RESTRICTED", "12 candidates with ULN")

    # --- everyday school lists ------------------------------------------------------------
    ps = people(rng, 14)
    rows = [[f"{f} {s}", f"{rng.randint(7, 9)}{rng.choice('ABC')}",
             f"{rng.choice(['Mum', 'Dad', 'Gran'])} - {mobile(rng)}",
             rng.choice(["", "Asthma - inhaler", "Nut allergy - EpiPen", "", "Type 1 diabetes"]),
             rng.choice(["", "Vegetarian", "Halal", ""])] for f, s in ps]
    add("trip_list_york.csv", csv_text(["Name", "Form", "Emergency Contact", "Medical Notes",
                                        "Dietary"], rows),
        "RESTRICTED", "trip list: 14 pupils with emergency phone numbers")

    ps = people(rng, 12)
    rows = [[f"{f} {s}", rng.choice(["Teacher", "TA", "Cook", "Site Manager", "HLTA"]),
             f"x{rng.randint(200, 299)}", mobile(rng),
             f"{f.lower()}.{s.lower()}{rng.randint(1, 99)}@{rng.choice(['gmail.com', 'hotmail.co.uk', 'outlook.com'])}"]
            for f, s in ps]
    add("staff_contact_list.csv", csv_text(["Staff Name", "Role", "Ext", "Mobile",
                                            "Personal Email"], rows),
        "RESTRICTED", "12 staff with personal mobile and e-mail")

    ps = people(rng, 12)
    rows = [[f"{16 + i // 6}:{(i % 6) * 10:02d}", f"{f} {s}",
             f"{rng.choice(['Mrs', 'Mr'])} {s}", f"{s.lower()}.family@{rng.choice(['gmail.com', 'yahoo.co.uk'])}",
             "Mr Haworth", "Room 4"] for i, (f, s) in enumerate(ps)]
    add("parents_evening_rota.html", html_table("Year 5 Parents' Evening", ["Time", "Pupil",
                                                "Parent/Carer", "Parent Email", "Teacher", "Room"],
                                                rows),
        "RESTRICTED", "12 appointments with parents' personal e-mails")

    ps = people(rng, 12)
    rows = [[f"{rng.randint(1, 28)}/0{rng.randint(1, 9)}/2025", f"{f} {s}", f"Y{rng.randint(7, 11)}",
             rng.choice(["Defiance", "Fighting", "Persistent disruption", "Truancy"]),
             rng.choice(["Fixed-term exclusion (2 days)", "Internal exclusion", "Suspension 1 day"]),
             "Mr Crowther"] for f, s in ps]
    add("behaviour_log.csv", csv_text(["Date", "Student", "Year", "Behaviour Type", "Sanction",
                                       "Staff"], rows),
        "RESTRICTED", "12 pupils with exclusions/suspensions (special category, 10+ people)")

    ps = people(rng, 25)
    rows = [[f"{s} {f[0]}", rng.randint(20, 80), rng.randint(20, 80), "", rng.choice("98765432")]
            for f, s in ps]
    for r in rows:
        r[3] = r[1] + r[2]
    add("mock_results.csv", csv_text(["Candidate", "Paper 1", "Paper 2", "Total", "Grade"], rows),
        "RESTRICTED", "mark sheet: assessment results for 25 named pupils")

    ps = people(rng, 8)
    rows = [[f"{f} {s}", f"{rng.randint(1, 6)}{rng.choice('HV')}",
             rng.choice(["Asthma", "Epilepsy", "Anaphylaxis (peanut)", "Type 1 diabetes"]),
             rng.choice(["Salbutamol inhaler", "Buccal midazolam", "EpiPen x2", "Insulin pen"]),
             rng.choice(["Classroom", "Office", "Medical room"])] for f, s in ps]
    add("medical_register.html", html_table("Medical conditions register", ["Pupil", "Class",
                                            "Condition", "Medication", "Location of medication"], rows),
        "PROTECTED", "8 pupils with medical data: PROTECTED, fewer than 10 people")

    ps = people(rng, 3)
    lines = [f"{f} {s} (Class 3) - collected by grandmother, tel {mobile(rng)}" for f, s in ps]
    add("pickup_notes.txt", "After-school club pick-up changes this week\n\n" + "\n".join(lines) + "\n",
        "PROTECTED", "3 pupils named with a phone number each")

    # --- letters, forms, e-mails about one person -----------------------------------------
    f, s = people(rng, 1)[0]
    add("early_help_referral.txt",
        f"{SCHOOL}\nTel: {SWITCHBOARD}\n\nEARLY HELP REFERRAL\n\n"
        f"Child's full name: {f} {s}\nD.O.B.: {dob(rng)}\n"
        f"Home address: {rng.randint(1, 99)} {rng.choice(STREETS)}, Hadfield, {postcode(rng)}\n"
        f"NHS No: {nhs(rng)}\nParent/carer: Ms {rng.choice(SURNAMES)}, mobile {mobile(rng)}\n\n"
        f"Reason for referral: {f} has a diagnosis of ADHD and is on the child protection register "
        f"since March. Attendance has fallen to 71%.\n\nReferrer: Mrs Entwistle, DSL\n",
        "RESTRICTED", "one child: DOB, address, NHS number, phone, special category (4+ kinds)")

    f, s = people(rng, 1)[0]
    add("letter_to_parent.txt",
        f"{SCHOOL}\n{SWITCHBOARD}  office@hollinsvale.derbyshire.sch.uk\n\n14 January 2025\n\n"
        f"Dear Mr and Mrs {s},\n\nFollowing our conversation, I can confirm that {f}'s asthma "
        f"care plan has been updated and a spare salbutamol inhaler is now kept in the office.\n\n"
        f"Yours sincerely,\n\nMrs L. Fairbrother\nSchool Business Manager\n",
        "PROTECTED", "one named pupil with medical data; school letterhead does not count")

    f, s = people(rng, 1)[0]
    def profile_docx(path, f=f, s=s, r=random.Random(rng.random())):
        import docx
        d = docx.Document()
        d.add_heading("One Page Profile", 1)
        t = d.add_table(rows=0, cols=2)
        for k, v in [("Name", f"{f} {s}"), ("Date of birth", dob(r)),
                     ("Address", f"{r.randint(1, 99)} {r.choice(STREETS)}, Glossop {postcode(r)}"),
                     ("Parent mobile", mobile(r)), ("Area of need", "Autism (ASD), EHCP in place"),
                     ("What people like about me", "kind, funny, loves trains")]:
            c = t.add_row().cells
            c[0].text, c[1].text = k, v
        d.save(path)
    add("one_page_profile.docx", profile_docx, "RESTRICTED",
        "one pupil: DOB, address, phone, SEN (4 kinds)")

    f, s = people(rng, 1)[0]
    add("absence_email.eml",
        eml(f"{s.lower()}.{rng.randint(10, 99)}@gmail.com", "office@hollinsvale.derbyshire.sch.uk",
            f"{f} absent today",
            f"Hi,\n\n{f} {s} in 4V won't be in today, she has tonsillitis and is on antibiotics. "
            f"Please call me on {mobile(rng)} if you need anything.\n\nThanks\n{rng.choice(FORENAMES)}"),
        "PROTECTED", "pupil named with medical detail and parent's phone/e-mail")

    f, s = people(rng, 1)[0]
    add("salary_letter.eml",
        eml("hr@trust.org.uk", f"{f.lower()}.{s.lower()}@hollinsvale.derbyshire.sch.uk",
            "Pay progression 2025",
            f"Dear {f},\n\nI am pleased to confirm that following your appraisal your salary "
            f"will move to M4 (£38,810 per annum) from 1 September 2025.\n\nKind regards\nHR Team"),
        "PROTECTED", "one named member of staff with salary")

    f, s = people(rng, 1)[0]
    add("return_to_work.txt",
        f"RETURN TO WORK INTERVIEW\n\nEmployee: {f} {s}\nJob title: Teaching Assistant\n"
        f"First day of absence: 3 March 2025\nReason for absence: anxiety and depression, "
        f"signed off by GP\nAdjustments agreed: phased return over two weeks\n",
        "PROTECTED", "named employee with medical reason")

    f, s = people(rng, 1)[0]
    add("cpoms_incident.txt",
        f"Incident\nStudent: {f} {s} (Y9)\nCategories: Safeguarding, Neglect\n\n"
        f"{f} disclosed that there has been no food at home since Friday. DSL informed and "
        f"referral made to children's social care.\n",
        "PROTECTED", "named pupil with safeguarding data")

    # --- hard negatives: must stay UNRESTRICTED -------------------------------------------
    names = [f for f, _ in people(rng, 28)]
    grid = "\n".join("   ".join(names[i:i + 6]) for i in range(0, 28, 6))
    add("seating_plan_5H.txt", f"Seating plan 5H - Maths\n\n[ WHITEBOARD ]\n\n{grid}\n",
        "UNRESTRICTED", "first names only, no other detail: no identifiable person's data")

    add("newsletter_spring.txt",
        f"{SCHOOL}\nTel {SWITCHBOARD} | office@hollinsvale.derbyshire.sch.uk\n\n"
        "SPRING NEWSLETTER\n\nA warm welcome to Mrs Adebayo, who joins Year 2, and to Mr Haworth, "
        "our new Site Manager. Congratulations to Miss Pritchard on her wedding over half term!\n\n"
        "Dates for your diary: Parents' evening 12 March 2025; Easter service at St Mary's "
        "Church, 3 April 2025 at 2pm. World Book Day is on 6 March.\n\n"
        "Attendance this term is 95.2%. Please report absences to the office on "
        f"{SWITCHBOARD} before 9am.\n\nMr D. Crowther, Headteacher\n",
        "UNRESTRICTED", "staff names with roles, school's own address/phone, event dates")

    add("history_essay.txt",
        "How far was Winston Churchill responsible for victory in 1945?\n\n"
        "Winston Churchill was born on 30 November 1874 at Blenheim Palace. Before the war, "
        "Neville Chamberlain had followed a policy of appeasement towards Adolf Hitler. In May "
        "1940 Churchill replaced Chamberlain. Historians such as A. J. P. Taylor argued that "
        "Franklin D. Roosevelt and Joseph Stalin mattered more. Clement Attlee later won the "
        "1945 election. Emmeline Pankhurst, born 15 July 1858 in Moss Side, Manchester, had "
        "earlier led the suffragettes.\n",
        "UNRESTRICTED", "famous people in a history essay, historical dates")

    add("invoice_books.txt",
        "INVOICE  No. INV-0048213\nDate: 09/01/2025\nBill to: Hollins Vale Primary School, Moor "
        "Lane, Hadfield, Glossop SK13 2DP\nSupplier: Peak Educational Supplies Ltd, Unit 4, "
        "Dove Holes Trading Estate, Buxton SK17 8BL  VAT Reg 284 5612 37\n\n"
        "ISBN 978-0-19-273815-4   Oxford Reading Tree Stage 5   x30   £187.50\n"
        "ISBN 978-1-4063-1152-0   Class set novels            x30   £209.70\n"
        "Account ref: HOLL0012   Order no. 4500123987\nTotal due: £397.20  Terms: 30 days\n",
        "UNRESTRICTED", "invoice: ISBNs, order numbers, business addresses")

    add("fgb_minutes.txt",
        "Minutes of the Full Governing Body meeting, 22 January 2025, 6pm, school library\n\n"
        "Present: Mr A. Whitfield (Chair), Mrs R. Sandhu (Vice Chair), Mr D. Crowther (Head), "
        "Dr K. Mensah, Ms J. Dunleavy (staff governor)\nApologies: Mrs P. Ackroyd\n"
        "Clerk: Mrs S. Gallagher\n\n1. Declarations of interest: none.\n2. Minutes of the last "
        "meeting were approved.\n3. Headteacher's report: pupil numbers 412; attendance 95.1%; "
        "the SEND policy was reviewed.\n4. Budget: the revised budget was approved (carry "
        "forward £48,200).\n5. Date of next meeting: 19 March 2025.\n",
        "UNRESTRICTED", "governors named in their public role; aggregate figures")

    add("job_advert.html",
        "<html><body><h1>Teacher of Mathematics (maternity cover)</h1><p>Salary: MPS/UPS "
        "£31,650 - £49,084 per annum. Start date: September 2025.</p><p>For an informal visit "
        f"contact Mrs Gallagher on {SWITCHBOARD} or e-mail recruitment@hollinsvale.derbyshire.sch.uk."
        "</p><p>Closing date: 28 February 2025. Hollins Vale is committed to safeguarding and "
        "promoting the welfare of children; an enhanced DBS check is required.</p></body></html>\n",
        "UNRESTRICTED", "job advert: salary scale without a person, role contacts")

    add("pupil_premium_strategy.txt",
        "Pupil premium strategy statement 2024-25\n\nNumber of pupils in school: 412\nProportion "
        "of disadvantaged pupils: 31%\nPupil premium allocation: £164,340\nStatement authorised "
        "by: D. Crowther, Headteacher\nPupil premium lead: L. Fairbrother\nGovernor lead: R. "
        "Sandhu\n\nChallenge 1: assessments show that disadvantaged pupils have weaker oral "
        "language skills; 22% of FSM pupils have an EHCP or SEN support.\n",
        "UNRESTRICTED", "published statement: aggregate FSM/SEN figures, named leads in role")

    add("staff_photocopier.eml",
        eml("office@hollinsvale.derbyshire.sch.uk", "allstaff@hollinsvale.derbyshire.sch.uk",
            "Photocopier", "Hi all,\n\nThe staffroom copier is out of order until Thursday; please "
            "use the one in the office. Call the helpdesk on 0345 600 1234 for urgent jobs.\n\n"
            "Thanks, Office"),
        "UNRESTRICTED", "role addresses only")

    add("staff_list_website.html",
        html_table("Our staff", ["Name", "Role", "Contact"],
                   [["Mr D. Crowther", "Headteacher", "head@hollinsvale.derbyshire.sch.uk"],
                    ["Mrs L. Fairbrother", "School Business Manager", "office@hollinsvale.derbyshire.sch.uk"],
                    ["Mrs S. Entwistle", "SENCo / DSL", "senco@hollinsvale.derbyshire.sch.uk"],
                    ["Miss F. Pritchard", "Year 2 teacher", "office@hollinsvale.derbyshire.sch.uk"]]),
        "UNRESTRICTED", "published staff list with role contacts")

    add("timetable_8C.csv",
        csv_text(["Period", "Mon", "Tue", "Wed", "Thu", "Fri"],
                 [[p, "Ma/JHa", "En/SGa", "Sc/KMe", "Hi/RSa", "PE/DCr"] for p in range(1, 6)]),
        "UNRESTRICTED", "timetable: subject codes and staff initials")

    add("netball_team.txt",
        "Netball v St Anne's - Wednesday 5 February, 3.30pm (away)\n\nGS Esme  GA Niamh  WA Phoebe  "
        "C Seren  WD Delilah  GD Anaya  GK Imani\nReserves: Lowri, Maja\nMinibus leaves 3.10pm. "
        "Kit: school PE kit.\n",
        "UNRESTRICTED", "first names only with positions")
    return F


# Misses not fixed yet (see docs/accuracy.md): reported as KNOWN, not failed, so the test guards
# every file that is right today. Remove a name here once it passes.
KNOWN_MISSES = set()


def write(outdir, files):
    os.makedirs(outdir, exist_ok=True)
    manifest = {}
    for name, content, cls, why in files:
        path = os.path.join(outdir, name)
        if callable(content):
            try:
                content(path)
            except ImportError as e:  # openpyxl / python-docx missing: leave the file out
                print(f"skip {name}: {e}")
                continue
        else:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(content)
        manifest[name] = {"expected": cls, "why": why}
    with open(os.path.join(outdir, "expected.json"), "w") as fh:
        json.dump(manifest, fh, indent=1)
    return manifest


def check(binary, outdir, manifest):
    out = os.path.join(outdir, "..", os.path.basename(outdir.rstrip("/")) + ".jsonl")
    paths = [os.path.join(outdir, n) for n in sorted(manifest)]
    p = subprocess.run([binary, "scan", *paths, "-f", "jsonl", "-o", out],
                       capture_output=True, text=True)
    if p.returncode not in (0, 1) or not os.path.exists(out):
        print(f"datasweep failed (exit {p.returncode}): {p.stderr[-2000:]}")
        return 1
    got = {}
    for line in open(out, encoding="utf-8"):
        r = json.loads(line)
        if r.get("type") == "file" and not r.get("container"):
            got[os.path.basename(r.get("real_path", r.get("path")))] = r
    bad = asserted = 0
    for name in sorted(manifest):
        want = manifest[name]["expected"]
        r = got.get(name, {})
        cls = r.get("class", "MISSING")
        ok = want is None or cls == want
        known = not ok and name in KNOWN_MISSES
        asserted += want is not None and name not in KNOWN_MISSES
        bad += not ok and not known
        tag = "ok  " if ok else "KNOWN" if known else "MISS"
        print(f"{tag} {name}: got {cls}, want {want or 'any'} "
              f"({manifest[name]['why']}){'' if ok else ' reasons=' + json.dumps(r.get('reasons'))}")
    print(f"{asserted - bad}/{asserted} asserted files right")
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--binary")
    ap.add_argument("--seed", type=int, default=4404)
    a = ap.parse_args()
    manifest = write(a.outdir, build(random.Random(a.seed)))
    return check(a.binary, a.outdir, manifest) if a.binary else 0


if __name__ == "__main__":
    sys.exit(main())
