"""Document templates: each returns a Spec (a format-neutral Doc, its expected class and every
raw value planted in it). Templates are written the way school staff write these files, with
hard negatives (look-alike numbers, role contacts, letterheads, famous people) on purpose."""
import datetime
from dataclasses import dataclass, field
from typing import List

from . import ids
from .people import CONDITIONS, ETHNICITY, RELIGION, SEN_NEEDS, Person
from .writers import Doc, Table

U, P, R = "UNRESTRICTED", "PROTECTED", "RESTRICTED"
PROSE = ["txt", "txt-utf16bom", "txt-utf16", "txt-cp1252", "docx", "pdf", "odt", "rtf", "html"]
TABULAR = ["csv", "csv", "tsv", "xlsx", "xlsx", "ods", "docx", "pdf", "html", "txt", "odt"]


@dataclass
class Spec:
    template: str
    cls: str
    doc: Doc
    planted: List[str] = field(default_factory=list)
    formats: List[str] = field(default_factory=lambda: list(PROSE))
    credential: bool = False


class Ctx:
    def __init__(self, rng, factory, schools, ref_date):
        self.rng, self.people, self.schools, self.ref = rng, factory, schools, ref_date

    def school(self):
        return self.rng.choice(self.schools)

    def date(self, days_back_max=200, days_forward_max=0):
        return self.ref + datetime.timedelta(
            days=self.rng.randint(-days_back_max, days_forward_max))


def fmt_date(d: datetime.date, style: str) -> str:
    return {"uk": d.strftime("%d/%m/%Y"), "iso": d.isoformat(), "dot": d.strftime("%d.%m.%Y"),
            "short": f"{d.day}/{d.month}/{d.strftime('%y')}",
            "mon": d.strftime("%d-%b-%Y"), "long": f"{d.day} {d.strftime('%B %Y')}"}[style]


def pupil_planted(p: Person, *values) -> List[str]:
    return [p.name] + [v for v in values if v]


# ----------------------------------------------------------------------------------------
# UNRESTRICTED
# ----------------------------------------------------------------------------------------

def newsletter(c: Ctx) -> Spec:
    s, rng = c.school(), c.rng
    d1, d2, d3 = (c.date(0, 60) for _ in range(3))
    first = [c.people._name(rng.random() < .5)[0] for _ in range(3)]
    paras = s.letterhead() + [
        f"Newsletter - {c.ref.strftime('%B %Y')}",
        "Dear Parents and Carers,",
        f"It has been a busy half term. Our Year 6 pupils performed brilliantly at the "
        f"district sports day and the choir sang at the town hall on {fmt_date(d1, 'long')}.",
        f"Well done to {first[0]}, {first[1]} and {first[2]} for their reading certificates.",
        f"Parents' evening will be held on {fmt_date(d2, 'uk')} from 3.30pm to 6.30pm. Book "
        f"through the school app or call the office on {s.phone}.",
        f"The Christmas fair is on {fmt_date(d3, 'long')}. Donations for the tombola can be "
        f"left at reception. Questions to office@{s.domain} or pta@{s.domain}.",
        "Attendance this term is 96.2% across the school - thank you for your support.",
        f"Yours sincerely, {s.head}, Headteacher",
    ]
    return Spec("newsletter", U, Doc(f"{s.name} newsletter", paras))


def policy_text(c: Ctx) -> Spec:
    s = c.school()
    title = c.rng.choice(["Supporting Pupils with Medical Conditions Policy",
                          "Safeguarding and Child Protection Policy (summary)",
                          "SEND Information Report", "Acceptable Use of ICT (pupils)"])
    paras = s.letterhead() + [
        title,
        "1. Purpose. This policy explains how the school supports pupils with medical "
        "conditions such as asthma, diabetes, epilepsy and allergies, including anaphylaxis.",
        "2. Individual healthcare plans (IHP) are agreed with parents and reviewed annually. "
        "Medication is stored in the school office and recorded on the medication log.",
        "3. Pupils with SEN or an Education, Health and Care Plan (EHCP) are supported by the "
        f"SENCO, who can be contacted at senco@{s.domain}.",
        "4. Safeguarding concerns must be reported to the Designated Safeguarding Lead (DSL) "
        f"on the same day, by email to safeguarding@{s.domain}. The DSL liaises with MASH "
        "and children's social care where a child may be at risk.",
        "5. Free school meals and pupil premium eligibility are checked by the office.",
        "6. Passwords: never write your password down or share it; a password must be at "
        "least 12 characters long.",
        f"Approved by the governing body. Review date: {fmt_date(c.date(0, 300), 'long')}.",
    ]
    return Spec("policy_text", U, Doc(title, paras))


def lesson_plan(c: Ctx) -> Spec:
    rng = c.rng
    subj = rng.choice(["History", "Geography", "Science", "Maths", "English", "Computing"])
    yg = rng.randint(3, 11)
    paras = [f"Lesson plan: {subj}, Year {yg}", f"Date: {fmt_date(c.date(30, 30), 'uk')}",
             "Learning objective: to explain the causes of change over time.",
             "Starter (10 min): recap quiz, 5 questions on mini whiteboards.",
             "Main (30 min): pairs work through the source pack, pages 12-15.",
             "Differentiation: word bank and sentence starters; stretch task on page 16.",
             "Plenary: exit ticket. Homework set on the learning platform, due next Tuesday.",
             f"Resources: textbook ISBN {ids.isbn13(rng)}, room {rng.randint(1, 40)}."]
    return Spec("lesson_plan", U, Doc(f"{subj} Year {yg}", paras))


FAMOUS = [("Winston Churchill", "30 November 1874", "Prime Minister during the Second World "
           "War"), ("Queen Victoria", "24 May 1819", "Queen from 1837 until 1901"),
          ("Florence Nightingale", "12 May 1820", "a pioneer of modern nursing in the "
           "Crimean War"), ("Isambard Kingdom Brunel", "9 April 1806", "the engineer of "
           "the Great Western Railway"), ("Emmeline Pankhurst", "15 July 1858", "leader of "
           "the suffragette movement"), ("Charles Darwin", "12 February 1809", "author of On "
           "the Origin of Species"), ("Mary Seacole", "23 November 1805", "a nurse who ran "
           "the British Hotel in Crimea"), ("Walter Tull", "28 April 1888", "one of the first "
           "black officers in the British Army")]


def history_essay(c: Ctx) -> Spec:
    rng = c.rng
    picks = rng.sample(FAMOUS, 3)
    paras = ["How did individuals change Britain? (Year 9 history homework)"]
    for name, born, what in picks:
        paras.append(f"{name} was born on {born}. {name.split()[-1]} is remembered as {what}. "
                     f"Historians such as A. J. P. Taylor have debated this legacy.")
    paras += ["The Battle of Britain began on 10 July 1940 and the war in Europe ended on "
              "8 May 1945.", "Bibliography: Schama, S. (2002) A History of Britain. "
              f"ISBN {ids.isbn13(rng)}."]
    return Spec("history_essay", U, Doc("Change in Britain", paras))


def invoice(c: Ctx) -> Spec:
    rng, s = c.rng, c.school()
    rows = []
    total = 0.0
    for _ in range(rng.randint(3, 8)):
        qty, price = rng.randint(1, 30), round(rng.uniform(4, 40), 2)
        total += qty * price
        rows.append([ids.isbn13(rng), rng.choice(["GCSE Biology", "Oxford Reading Tree",
                                                  "Atlas", "Collins Dictionary",
                                                  "KS3 Maths"]), str(qty), f"£{price:.2f}",
                     f"£{qty * price:.2f}"])
    paras = ["Educational Books Ltd, Unit 4 Trade Park, Swindon, SN3 4TY",
             f"VAT Reg No GB {rng.randint(100, 999)} {rng.randint(1000, 9999)} "
             f"{rng.randint(10, 99)}",
             f"Invoice No: INV-{rng.randint(100000, 999999)}   "
             f"Order No: {ids.ten_digit_lookalike(rng)}",
             f"Invoice date: {fmt_date(c.date(90), 'uk')}",
             f"Bill to: Finance Office, {s.name}, {s.street}, {s.town}, {s.postcode}",
             f"Customer account: SCH{rng.randint(1000, 9999)}"]
    after = [f"Total due: £{total:.2f}. Payment terms 30 days. Queries: accounts@edbooks.co.uk"]
    return Spec("invoice", U, Doc("INVOICE", paras,
                                  [Table(["ISBN", "Title", "Qty", "Price", "Line total"],
                                         rows, "Invoice")], after), formats=TABULAR + PROSE)


def term_dates(c: Ctx) -> Spec:
    s = c.school()
    y = c.ref.year
    rows = [["Autumn term", f"03/09/{y}", f"20/12/{y}"],
            ["Spring term", f"06/01/{y + 1}", f"27/03/{y + 1}"],
            ["Summer term", f"14/04/{y + 1}", f"22/07/{y + 1}"],
            ["INSET day", f"02/09/{y}", f"02/09/{y}"]]
    return Spec("term_dates", U, Doc(f"{s.name} term dates {y}-{y + 1}", s.letterhead(),
                                     [Table(["Term", "Starts", "Ends"], rows, "Dates")]),
                formats=TABULAR)


def asset_register(c: Ctx) -> Spec:
    rng = c.rng
    rows = []
    for i in range(rng.randint(12, 30)):
        rows.append([f"AST-{i + 1:04d}", rng.choice(["Laptop", "iPad", "Projector",
                                                      "Visualiser", "Desktop"]),
                     rng.choice([ids.upn_lookalike(rng), ids.ten_digit_lookalike(rng)]),
                     ids.fmt_card(ids.card_lookalike(rng)),
                     f"Room {rng.randint(1, 40)}", fmt_date(c.date(900), "uk")])
    return Spec("asset_register", U, Doc("ICT asset register", ["Serials and licence keys."],
                                         [Table(["Asset tag", "Type", "Serial No",
                                                 "Licence key", "Location", "Purchased"],
                                                rows, "Assets")]), formats=TABULAR)


def role_contacts(c: Ctx) -> Spec:
    s = c.school()
    base = s.phone[:-2]
    rows = [[r, f"{r.split()[0].lower()}@{s.domain}", f"{base}{i + 10:02d}"]
            for i, r in enumerate(["Office", "Admissions", "Finance", "Attendance line",
                                   "Exams office", "Safeguarding team", "Helpdesk", "SENCO"])]
    for r in rows:
        r[1] = r[1].replace("attendance@", "attendance@").replace("safeguarding@",
                                                                  "safeguarding@")
    return Spec("role_contacts", U, Doc(f"Contact {s.name}", s.letterhead(),
                                        [Table(["Team", "Email", "Telephone"], rows,
                                               "Contacts")]), formats=TABULAR + ["html"])


def governors_minutes(c: Ctx) -> Spec:
    rng, s = c.rng, c.school()
    names = [c.people.adult() for _ in range(4)]
    paras = [f"Minutes of the Full Governing Body, {fmt_date(c.date(120), 'long')}",
             f"Present: {names[0].title} {names[0].name} (Chair), {s.head} (Headteacher), "
             f"{names[1].title} {names[1].name} (Parent governor), {names[2].title} "
             f"{names[2].surname} (Clerk).",
             "1. Apologies were received and accepted.",
             "2. The budget monitoring report was noted. Pupil premium spending is on track.",
             "3. The safeguarding report was received; no individual cases were discussed.",
             f"4. Next meeting: {fmt_date(c.date(0, 90), 'uk')}."]
    return Spec("governors_minutes", U, Doc("Governing body minutes", paras))


def vacancy(c: Ctx) -> Spec:
    s = c.school()
    paras = s.letterhead() + [
        "Teacher of Science (MPS/UPS), full time, permanent, from September.",
        "Salary: £31,650 - £49,084 per annum plus TLR 2b for the right candidate.",
        f"Closing date: {fmt_date(c.date(0, 40), 'long')}. Apply to hr@{s.domain}.",
        "The school is committed to safeguarding; an enhanced DBS check is required."]
    return Spec("vacancy", U, Doc("Vacancy", paras))


def id_guidance(c: Ctx) -> Spec:
    rng = c.rng
    paras = ["Data protection: recognising identifiers (staff training handout)",
             "A National Insurance number looks like QQ 12 34 56 C (this example is not "
             "valid).",
             f"An NHS number has ten digits written 3-3-4, for example "
             f"{ids.fmt_nhs(ids.ten_digit_lookalike(rng))} (a made-up number that fails "
             "the check).",
             f"A UPN has 13 characters such as {ids.upn_lookalike(rng)} (invalid example).",
             f"Card numbers such as {ids.fmt_card(ids.card_lookalike(rng))} must never be "
             "written down.",
             f"Reference: {ids.nino_lookalike(rng)} is not a NI number."]
    return Spec("id_guidance", U, Doc("Identifiers handout", paras))


def exam_stats(c: Ctx) -> Spec:
    rng = c.rng
    rows = [[sub, str(rng.randint(20, 180)), f"{rng.uniform(40, 95):.1f}%",
             f"{rng.uniform(5, 40):.1f}%"] for sub in
            ["English", "Maths", "Biology", "Chemistry", "Physics", "History", "Geography",
             "French", "Art", "Music"]]
    return Spec("exam_stats", U, Doc("GCSE results summary", ["Whole-cohort figures only."],
                                     [Table(["Subject", "Entries", "Grade 4+", "Grade 7+"],
                                            rows, "Results")]), formats=TABULAR)


# ----------------------------------------------------------------------------------------
# PROTECTED: personal data about one or a few people, not a complete record
# ----------------------------------------------------------------------------------------

def parent_letter(c: Ctx) -> Spec:
    rng, s = c.rng, c.school()
    p = c.people.pupil()
    carer = p.carer
    dob = fmt_date(p.dob, rng.choice(["uk", "long"]))
    with_dob = rng.random() < 0.5
    paras = s.letterhead() + [
        f"{carer.title} {carer.name}", carer.house, carer.town, carer.postcode, "",
        f"{fmt_date(c.date(30), 'long')}", f"Dear {carer.title} {carer.surname},",
        f"Re: {p.name}" + (f" (date of birth {dob})" if with_dob else f", Year {p.year_group}"),
        f"I am writing to let you know that {p.forename} has been selected for the Year "
        f"{p.year_group} residential trip. Please return the consent slip by Friday.",
        f"Yours sincerely, {s.head}"]
    planted = [p.name, carer.name, carer.house, carer.postcode] + ([dob] if with_dob else [])
    return Spec("parent_letter", P, Doc(f"Letter to {carer.title} {carer.surname}", paras),
                planted)


def staff_bank(c: Ctx) -> Spec:
    rng = c.rng
    st = c.people.adult()
    sc, acc = ids.sort_code(rng), ids.account_number(rng)
    paras = ["Change of bank details (payroll)", f"Employee: {st.name}",
             f"Employee number: E{rng.randint(10000, 99999)}",
             f"Bank: {rng.choice(['Barclays', 'NatWest', 'Lloyds', 'HSBC', 'Nationwide'])}",
             f"Sort code: {sc}", f"Account number: {acc}",
             f"Effective from the {c.ref.strftime('%B')} payroll. Signed by the employee."]
    return Spec("staff_bank", P, Doc("Bank details form", paras), [st.name, sc, acc])


def medical_note(c: Ctx) -> Spec:
    rng = c.rng
    p = c.people.pupil()
    cond = rng.choice(CONDITIONS)
    paras = [f"Medical information - {p.name} ({p.reg_group})",
             f"Condition: {cond}.",
             "Staff on duty must be aware. Care plan kept in the medical room.",
             f"In an emergency contact {p.carer.forename} ({rng.choice(['Mum', 'Dad'])}) "
             f"on {p.mobile}."]
    return Spec("medical_note", P, Doc("Medical alert", paras),
                [p.name, p.mobile])


def phone_tree(c: Ctx) -> Spec:
    rng = c.rng
    people = [c.people.adult() for _ in range(rng.randint(4, 8))]
    rows = [[a.name, rng.choice(["Teacher", "TA", "Admin", "Site", "Cook"]), a.mobile]
            for a in people]
    return Spec("phone_tree", P, Doc("Snow closure phone tree", ["Ring the next person."],
                                     [Table(["Name", "Role", "Mobile"], rows, "Tree")]),
                [a.name for a in people] + [a.mobile for a in people], formats=TABULAR)


def sen_note(c: Ctx) -> Spec:
    rng = c.rng
    p = c.people.pupil()
    need = rng.choice(SEN_NEEDS)
    paras = [f"Notes from EHCP annual review: {p.name}, {p.reg_group}",
             f"Primary need: {need}. Current provision: 10 hours TA support per week.",
             "Outcomes reviewed; speech and language therapy to continue.",
             f"Next review: {fmt_date(c.date(0, 300), 'uk')}."]
    return Spec("sen_note", P, Doc("EHCP review", paras), [p.name])


def payslip(c: Ctx) -> Spec:
    rng = c.rng
    st = c.people.adult()
    sal = rng.randint(24000, 62000)
    ni = ids.fmt_nino(st.nino)
    paras = [f"Payslip - {c.ref.strftime('%B %Y')}", f"Name: {st.name}",
             f"NI Number: {ni}", f"Annual salary: £{sal:,}",
             f"Gross pay this month: £{sal / 12:,.2f}", "Tax code: 1257L"]
    return Spec("payslip", P, Doc("Payslip", paras), [st.name, ni])


def nhs_letter(c: Ctx) -> Spec:
    p = c.people.pupil()
    n = ids.fmt_nhs(p.nhs)
    paras = ["School nursing service - immunisation record",
             f"Pupil: {p.name}   Class: {p.reg_group}", f"NHS No: {n}",
             "HPV dose 1 given. No reaction observed."]
    return Spec("nhs_letter", P, Doc("Immunisation record", paras), [p.name, n])


def trip_consent(c: Ctx) -> Spec:
    p = c.people.pupil()
    paras = ["Trip consent form", f"Pupil name: {p.name}", f"Form: {p.reg_group}",
             f"Parent/carer emergency mobile: {p.mobile}",
             "Medical conditions or allergies: none - no known allergies.",
             "I give permission for my child to attend. Signed: parent/carer"]
    return Spec("trip_consent", P, Doc("Consent", paras), [p.name, p.mobile])


# ----------------------------------------------------------------------------------------
# RESTRICTED: 10+ people, or one complete record
# ----------------------------------------------------------------------------------------

MIS_SCHEMAS = {
    "sims": ["Adno", "UPN", "Legal Surname", "Legal Forename", "Preferred Forename", "DOB",
             "Gender", "Year", "Reg Group", "SEN Status", "FSM Eligible", "Ethnicity",
             "Primary Carer", "Contact 1 Tel", "Postcode"],
    "sims2": ["Admission No", "Surname", "Forename", "Date of Birth", "Reg", "Year Group",
              "Medical Conditions", "Dietary Needs", "Telephone", "Address"],
    "arbor": ["Student ID", "First Name", "Last Name", "Date of Birth", "Year Group",
              "Registration Form", "Pupil Premium Eligible", "SEN Status", "Ethnicity",
              "Religion", "Primary Contact", "Primary Contact Mobile", "Address Postcode"],
    "bromcom": ["Student ID", "Preferred Firstname", "Preferred Lastname", "Date of Birth",
                "Tutor Group", "Year Group", "UPN", "Contact Name", "Contact Relationship",
                "Contact Mobile", "Contact Email"],
    "census": ["LEA", "Estab", "UPN", "Surname", "Forename", "Middlenames", "Gender", "DOB"],
    "cem": ["First name", "Surname", "Date Of Birth", "Sex", "UPN", "ULN", "MisID",
            "PostCode", "Ethnic Origin"],
    "teacher": ["Name", "Form", "D.O.B.", "Parent/Carer", "Tel", "Allergies/Medical"],
    "teacher2": ["Pupil Name", "Class", "Birth Date", "Home Postcode", "Emergency Contact No.",
                 "SEN"],
    "lowercase": ["upn", "surname", "forename", "dob", "year_group", "fsm", "sen_status",
                  "postcode"],
}


def _field(c: Ctx, p: Person, h: str, datestyle: str, school) -> (str, bool):
    """Value of column h for pupil p; second item: whether the value is planted."""
    rng = c.rng
    k = h.lower().replace(".", "").replace("_", " ").strip()
    if k in ("adno", "admission no"):
        return f"{rng.randint(1000, 9999)}", False
    if k in ("student id", "misid"):
        return f"S{rng.randint(10000, 99999)}", False
    if k == "upn":
        return p.upn, True
    if k == "uln":
        return p.uln, True
    if k in ("legal surname", "surname", "last name", "preferred lastname"):
        return p.surname, False
    if k in ("legal forename", "forename", "first name", "preferred firstname",
             "preferred forename"):
        return p.forename, False
    if k in ("name",):
        return f"{p.surname}, {p.forename}", True
    if k == "pupil name":
        return p.name, True
    if k == "middlenames":
        return "", False
    if k in ("dob", "date of birth", "birth date"):
        return fmt_date(p.dob, datestyle), True
    if k in ("gender", "sex"):
        return "F" if p.female else "M", False
    if k in ("year", "year group"):
        return str(p.year_group), False
    if k in ("reg group", "registration form", "tutor group", "reg", "form", "class"):
        return p.reg_group, False
    if k in ("sen status", "sen"):
        return rng.choice(["N", "N", "N", "K", "E"]), False
    if k in ("fsm eligible", "pupil premium eligible", "fsm"):
        return rng.choice(["Y", "N", "N"]), False
    if k in ("ethnicity", "ethnic origin"):
        return rng.choice(ETHNICITY), False
    if k == "religion":
        return rng.choice(RELIGION), False
    if k in ("primary carer", "primary contact", "contact name", "parent/carer"):
        return p.carer.name, True
    if k == "contact relationship":
        return "Mother" if p.carer.female else "Father", False
    if k in ("contact 1 tel", "primary contact mobile", "contact mobile", "tel", "telephone",
             "emergency contact no"):
        return p.mobile, True
    if k == "contact email":
        return p.email, True
    if k in ("postcode", "address postcode", "home postcode"):
        return p.postcode, True
    if k == "address":
        return f"{p.house}, {p.town}, {p.postcode}", True
    if k in ("medical conditions", "allergies/medical"):
        return rng.choice(["None"] * 3 + CONDITIONS), False
    if k == "dietary needs":
        return rng.choice(["None", "None", "Halal", "Vegetarian", "Gluten free"]), False
    if k == "lea":
        return school.laestab[:3], False
    if k == "estab":
        return school.laestab[3:], False
    raise KeyError(h)


def mis_export(c: Ctx) -> Spec:
    rng, s = c.rng, c.school()
    schema_name = rng.choice(list(MIS_SCHEMAS))
    header = MIS_SCHEMAS[schema_name]
    datestyle = rng.choice(["uk", "uk", "iso", "mon", "dot", "short"])
    yg = rng.randint(1, 11)
    people = [c.people.pupil(yg) for _ in range(rng.randint(10, 40))]
    rows, planted = [], []
    for p in people:
        row = []
        for h in header:
            v, plant = _field(c, p, h, datestyle, s)
            row.append(v)
            if plant:
                planted.append(v)
        rows.append(row)
        planted.append(p.name)
    title = rng.choice([f"Year {yg} class list", "Student export", "Census extract",
                        f"{s.name} - pupil details", "Report"])
    doc = Doc(title, [f"Exported {fmt_date(c.date(60), 'uk')}"],
              [Table(header, rows, rng.choice(["Pupils", "Export", "Sheet1", "Students"]))])
    sp = Spec(f"mis_export:{schema_name}", R, doc, planted, formats=TABULAR)
    return sp


def payroll(c: Ctx) -> Spec:
    rng = c.rng
    staff = [c.people.adult() for _ in range(rng.randint(10, 25))]
    header = rng.choice([["Employee No", "Surname", "Forename", "NI Number", "Spine Point",
                          "Annual Salary", "Sort Code", "Account No"],
                         ["Payroll ID", "Employee Name", "NINO", "Grade", "Salary (FTE)",
                          "FTE", "Bank Sort Code", "Bank Account"]])
    rows, planted = [], []
    for st in staff:
        sal, sc, acc = rng.randint(21000, 75000), ids.sort_code(rng), ids.account_number(rng)
        ni = st.nino if rng.random() < .5 else ids.fmt_nino(st.nino)
        if header[1] == "Surname":
            rows.append([f"E{rng.randint(10000, 99999)}", st.surname, st.forename, ni,
                         f"M{rng.randint(1, 6)}", f"£{sal:,}", sc, acc])
        else:
            rows.append([str(rng.randint(100000, 999999)), st.name, ni,
                         rng.choice(["Teacher", "TA3", "Admin 4", "Site"]), f"{sal}", "1.0",
                         sc, acc])
        planted += [st.name, ni, acc]
    return Spec("payroll", R, Doc(f"Payroll extract {c.ref.strftime('%B %Y')}", [],
                                  [Table(header, rows, "Payroll")]), planted, formats=TABULAR)


def admission_form(c: Ctx) -> Spec:
    rng, s = c.rng, c.school()
    p = c.people.pupil(rng.choice([0, 3, 7]))
    dob = fmt_date(p.dob, rng.choice(["uk", "long", "iso"]))
    nhs = ids.fmt_nhs(p.nhs)
    cond = rng.choice(CONDITIONS)
    paras = s.letterhead() + [
        "Admission form - confidential",
        f"Legal surname: {p.surname}", f"Legal forename(s): {p.forename}",
        f"Date of birth: {dob}", f"Gender: {'Female' if p.female else 'Male'}",
        f"Home address: {p.house}, {p.town}", f"Postcode: {p.postcode}",
        f"UPN (if known): {p.upn}", f"NHS number: {nhs}",
        f"Ethnicity: {rng.choice(ETHNICITY)}   Religion: {rng.choice(RELIGION)}",
        f"First language: {rng.choice(['English', 'Polish', 'Urdu', 'Punjabi', 'Romanian'])}",
        f"Medical conditions: {cond}", "GP surgery: Parkside Medical Centre",
        f"Parent/carer 1: {p.carer.name} ({'Mother' if p.carer.female else 'Father'})",
        f"Mobile: {p.mobile}   Home tel: {p.home_phone}", f"Email: {p.email}",
        "Parental responsibility: Yes", "Previous school: Little Acorns Nursery"]
    planted = [p.name, dob, p.house, p.postcode, p.upn, nhs, p.carer.name, p.mobile,
               p.home_phone, p.email]
    return Spec("admission_form", R, Doc("Admission form", paras), planted)


def personnel_record(c: Ctx) -> Spec:
    rng = c.rng
    st = c.people.adult()
    sc, acc = ids.sort_code(rng), ids.account_number(rng)
    dl = ids.driving_licence(rng, st.surname, st.forename, st.dob, st.female)
    dob = fmt_date(st.dob, "uk")
    ni = ids.fmt_nino(st.nino)
    kin = c.people.adult()
    paras = ["Personnel record - staff in confidence", f"Name: {st.title} {st.name}",
             f"Date of birth: {dob}", f"Address: {st.house}, {st.town}, {st.postcode}",
             f"Personal mobile: {st.mobile}", f"Personal email: {st.email}",
             f"National Insurance No: {ni}", f"Driving licence: {dl}",
             f"Salary: £{rng.randint(24000, 70000):,} (spine point M{rng.randint(1, 6)})",
             f"Bank sort code: {sc}   Account no: {acc}",
             f"Next of kin: {kin.name}, tel {kin.mobile}", "DBS: enhanced, clear."]
    return Spec("personnel_record", R, Doc("Personnel record", paras),
                [st.name, dob, st.house, st.postcode, st.mobile, st.email, ni, dl, acc,
                 kin.name, kin.mobile])


CONCERNS = ["arrived hungry and in the same clothes as yesterday",
            "disclosed that an older sibling hit them at home",
            "unexplained bruise on the forearm", "said they were afraid to go home",
            "repeated absence on Mondays; parent not answering calls",
            "online contact from an unknown adult reported by a friend",
            "self-harm marks noticed in PE", "parent arrived under the influence at pick-up",
            "disclosure relating to domestic abuse (Operation Encompass notification)",
            "missing from education for five days"]


def safeguarding_log(c: Ctx) -> Spec:
    rng = c.rng
    pupils = [c.people.pupil() for _ in range(rng.randint(10, 14))]
    dsl = c.people.adult()
    paras, planted = [f"DSL: {dsl.title} {dsl.name}. Strictly confidential."], []
    rows = []
    for p in pupils:
        d = fmt_date(c.date(150), "uk")
        rows.append([d, p.name, p.reg_group, rng.choice(CONCERNS),
                     rng.choice(["Referred to MASH", "Early help offered", "Monitor",
                                 "Social worker informed", "Parent meeting booked"])])
        planted.append(p.name)
    return Spec("safeguarding_log", R,
                Doc("Safeguarding concerns log", paras,
                    [Table(["Date", "Pupil", "Class", "Concern", "Action"], rows, "Log")]),
                planted + [dsl.name], formats=["docx", "pdf", "txt", "odt", "xlsx", "rtf"])


def parent_contacts(c: Ctx) -> Spec:
    rng = c.rng
    people = [c.people.pupil() for _ in range(rng.randint(12, 30))]
    rows = [[p.name, p.reg_group, p.carer.name, p.mobile, p.email] for p in people]
    planted = []
    for p in people:
        planted += [p.name, p.carer.name, p.mobile, p.email]
    return Spec("parent_contacts", R,
                Doc("Parent contact list", [],
                    [Table(["Child", "Class", "Parent", "Mobile", "Email"], rows, "Contacts")]),
                planted, formats=TABULAR)


def sen_register(c: Ctx) -> Spec:
    rng = c.rng
    people = [c.people.pupil() for _ in range(rng.randint(10, 30))]
    rows = [[p.surname, p.forename, str(p.year_group), rng.choice(["K", "E"]),
             rng.choice(SEN_NEEDS), rng.choice(["", "EHCP", "Top-up funding"])]
            for p in people]
    return Spec("sen_register", R,
                Doc("SEN register", ["Confidential - SENCO"],
                    [Table(["Surname", "Forename", "NC Year", "SEN Provision", "Primary Need",
                            "Notes"], rows, "Register")]),
                [p.name for p in people], formats=TABULAR)


def mark_sheet(c: Ctx) -> Spec:
    rng = c.rng
    people = [c.people.pupil(rng.randint(7, 11)) for _ in range(rng.randint(20, 30))]
    rows = [[f"{p.surname}, {p.forename}", p.reg_group, str(rng.randint(20, 98)),
             str(rng.randint(1, 9)), rng.choice(["On track", "Below", "Above"])]
            for p in people]
    return Spec("mark_sheet", R,
                Doc("Mock exam results", ["Year 11 maths mock, paper 1"],
                    [Table(["Student", "Class", "Mark", "Grade", "Progress"], rows, "Marks")]),
                [p.name for p in people], formats=TABULAR)


UNRESTRICTED_TEMPLATES = [newsletter, policy_text, lesson_plan, history_essay, invoice,
                          term_dates, asset_register, role_contacts, governors_minutes, vacancy,
                          id_guidance, exam_stats]
PROTECTED_TEMPLATES = [parent_letter, staff_bank, medical_note, phone_tree, sen_note, payslip,
                       nhs_letter, trip_consent]
RESTRICTED_TEMPLATES = [mis_export, mis_export, mis_export, payroll, admission_form,
                        personnel_record, safeguarding_log, parent_contacts, sen_register,
                        mark_sheet]


def passwords_file(c: Ctx) -> Spec:
    rng = c.rng
    pw = lambda: "".join(rng.choice("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!")
                         for _ in range(12))
    vals = [pw() for _ in range(4)]
    paras = [f"SIMS admin password: {vals[0]}", f"Staff WiFi password: {vals[1]}",
             f"printer pwd={vals[2]}", f"Photocopier PIN / password: {vals[3]}"]
    return Spec("passwords", U, Doc("passwords", paras), vals, formats=["txt"],
                credential=True)


def pem_key(c: Ctx) -> bytes:
    import base64
    body = base64.b64encode(bytes(c.rng.getrandbits(8) for _ in range(600))).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return ("-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(lines)
            + "\n-----END RSA PRIVATE KEY-----\n").encode()
