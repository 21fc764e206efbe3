"""Synthetic UK PII values and office prose for the datasweep benchmark corpora.

Everything is drawn from a caller-supplied random.Random, so a seed fully determines the
output. No value belongs to a real person: names come from short generic lists, numbers are
random (checksums are computed so validators have real work to do).
"""
import random

FORENAMES = ("Oliver Amelia George Isla Harry Ava Noah Mia Jack Ivy Leo Freya Arthur Lily Muhammad "
             "Grace Oscar Sophia Charlie Ella Jacob Evie Thomas Zoë Chloé Amir Priya Kofi Aisha Niamh "
             "Siobhan Dylan Rhys Megan Callum").split()
SURNAMES = ("Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Wright Robinson Walker "
            "Thompson White Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson Clarke Khan "
            "O'Neill Murphy Okafor Nowak Kowalski Begum Ahmed Evans Price Morgan").split()
STREETS = ("Church Road|Station Road|Victoria Street|Green Lane|Manor Close|Park Avenue|"
           "Queens Road|Mill Lane|The Crescent|Kings Way|Orchard Close|Highfield Drive").split("|")
TOWNS = "Leeds Bristol Norwich Derby Reading Exeter Lincoln Preston York Luton Bath Hull".split()
MONTHS = ("January February March April May June July August September October November "
          "December").split()
AREAS = ("B BS CB CF CH CM CO CV DE DN E EC EX G GL HP IP L LE LS M N NE NG NR NW OX PE PL PO "
         "RG S SE SO SW TN W WC WF YO").split()
NINO_P1 = "ABCEGHJKLMNOPRSTWXYZ"
NINO_P2 = "ABCEGHJKLMNPRSTWXYZ"
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # DfE check-letter alphabet (23 letters)


def _digits(r, n):
    return "".join(r.choice("0123456789") for _ in range(n))


def nhs(r):
    while True:
        d = [r.randrange(10) for _ in range(9)]
        c = 11 - sum(x * (10 - i) for i, x in enumerate(d)) % 11
        if c == 11:
            c = 0
        if c != 10:
            s = "".join(map(str, d)) + str(c)
            return r.choice([f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]}-{s[3:6]}-{s[6:]}"])


def luhn_complete(prefix, length, r):
    body = prefix + _digits(r, length - len(prefix) - 1)
    total = 0
    for i, ch in enumerate(reversed(body)):
        x = int(ch)
        if i % 2 == 0:
            x *= 2
            x -= 9 if x > 9 else 0
        total += x
    return body + str((10 - total % 10) % 10)


def card(r):
    kind = r.randrange(3)
    if kind == 0:
        n = luhn_complete("4", 16, r)
    elif kind == 1:
        n = luhn_complete(str(r.randint(51, 55)), 16, r)
    else:
        n = luhn_complete(r.choice(["34", "37"]), 15, r)
        return r.choice([n, f"{n[:4]} {n[4:10]} {n[10:]}"])
    sep = r.choice(["", " ", "-"])
    return sep.join(n[i:i + 4] for i in range(0, 16, 4))


def nino(r):
    s = r.choice(NINO_P1) + r.choice(NINO_P2) + _digits(r, 6) + r.choice("ABCD")
    return s if r.random() < 0.6 else f"{s[:2]} {s[2:4]} {s[4:6]} {s[6:8]} {s[8]}"


def postcode(r):
    a = r.choice(AREAS)
    district = str(r.randint(1, 29)) if len(a) == 2 or r.random() < 0.7 else f"{r.randint(1, 9)}{r.choice('ABCDEFGHJKPSTUW')}"
    return f"{a}{district} {r.randint(0, 9)}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}"


def phone(r):
    f = r.randrange(8)
    if f == 0:
        return f"07{_digits(r, 3)} {_digits(r, 6)}"
    if f == 1:
        return f"07{_digits(r, 9)}"
    if f == 2:
        return f"+44 7{_digits(r, 3)} {_digits(r, 3)} {_digits(r, 3)}"
    if f == 3:
        return f"020 {r.randint(7, 8)}{_digits(r, 3)} {_digits(r, 4)}"
    if f == 4:
        return f"01{_digits(r, 3)} {_digits(r, 6)}"
    if f == 5:
        return f"(01{_digits(r, 2)}) {_digits(r, 3)} {_digits(r, 4)}"
    if f == 6:
        return f"+44 (0)1{_digits(r, 3)} {_digits(r, 6)}"
    return f"0{r.choice('123')}{_digits(r, 2)} {_digits(r, 3)} {_digits(r, 4)}"


def email(r):
    fn, sn = r.choice(FORENAMES).lower(), r.choice(SURNAMES).lower().replace("'", "")
    fn = fn.replace("ë", "e").replace("é", "e")
    dom = r.choice(["gmail.com", "hotmail.co.uk", "outlook.com", "btinternet.com",
                    "oakfield.sch.uk", "example.org"])
    return r.choice([f"{fn}.{sn}@{dom}", f"{fn[0]}{sn}{r.randint(1, 99)}@{dom}", f"{sn}.{fn}@{dom}"])


def date(r):
    y, m, d = r.randint(1950, 2019), r.randint(1, 12), r.randint(1, 28)
    f = r.randrange(6)
    if f == 0:
        return f"{d:02d}/{m:02d}/{y}"
    if f == 1:
        return f"{d}/{m}/{y}"
    if f == 2:
        return f"{y}-{m:02d}-{d:02d}"
    if f == 3:
        return f"{d} {MONTHS[m - 1]} {y}"
    if f == 4:
        return f"{d:02d}.{m:02d}.{y}"
    return f"{d:02d}-{m:02d}-{y}"


def upn(r):
    body = _digits(r, 12)
    total = sum(int(c) * w for c, w in zip(body, range(2, 14)))
    return UPN_LETTERS[total % 23] + body


def uln(r):
    return str(r.randint(1, 9)) + _digits(r, 9)


def iban(r):
    bank = "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4))
    bban = bank + _digits(r, 14)
    num = "".join(str(int(c, 36)) for c in bban + "GB00")
    check = 98 - int(num) % 97
    s = f"GB{check:02d}{bban}"
    return s if r.random() < 0.5 else " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def sort_account(r):
    return f"{_digits(r, 2)}-{_digits(r, 2)}-{_digits(r, 2)}", _digits(r, 8)


def passport(r):
    return _digits(r, 9)


def licence(r):
    sn = (r.choice(SURNAMES).upper().replace("'", "") + "99999")[:5]
    y, m, d = r.randint(50, 99), r.randint(1, 12), r.randint(1, 28)
    return f"{sn}{y // 10}{m:02d}{d:02d}{y % 10}{r.choice('ABCDEFGHJ')}{r.choice('ABCDEFGHJ9')}9{r.choice('ABCDEFGHJKLM')}{r.choice('ABCDEFGHJKLM')}"


def name(r):
    return f"{r.choice(FORENAMES)} {r.choice(SURNAMES)}"


def address(r):
    return f"{r.randint(1, 240)} {r.choice(STREETS)}, {r.choice(TOWNS)} {postcode(r)}"


# One "PII sentence" per kind, with the context words a real document would carry.
def pii_sentence(r):
    k = r.randrange(17)
    n = name(r)
    if k == 0:
        return "phone", f"Please call {n} on {phone(r)} before the review."
    if k == 1:
        return "phone", f"Primary carer tel: {phone(r)}."
    if k == 2:
        return "postcode", f"Home address: {address(r)}."
    if k == 3:
        return "nino", f"NI No {nino(r)} for {n} has been added to payroll."
    if k == 4:
        return "email", f"Contact {n} at {email(r)} about the trip."
    if k == 5:
        return "date", f"{n}, DOB {date(r)}, joined the class this term."
    if k == 6:
        return "date", f"Date of birth: {date(r)}."
    if k == 7:
        return "nhs", f"NHS number {nhs(r)} recorded on the medical form for {n}."
    if k == 8:
        return "card", f"Card used for the deposit: {card(r)} (expiry 09/27)."
    if k == 9:
        sc, acc = sort_account(r)
        return "bank", f"Bank details for {n}: sort code {sc}, account {acc}."
    if k == 10:
        return "iban", f"Refund by transfer to IBAN {iban(r)}."
    if k == 11:
        return "passport", f"Passport number {passport(r)} checked for the exchange visit."
    if k == 12:
        return "licence", f"Driving licence {licence(r)} seen for the minibus rota."
    if k == 13:
        return "upn", f"UPN {upn(r)} for {n} on the transfer file."
    if k == 14:
        return "uln", f"ULN {uln(r)} registered with the exam board."
    if k == 15:
        return "credential", f"Wi-Fi password: {r.choice(['Summer2024!', 'Oakfield#12', 'Welcome123'])}"
    return "email", f"Reply to {email(r)} with the signed consent form."


# ---- office prose -----------------------------------------------------------------------
SUBJ = ("The head of year|Our finance team|The trust board|The SENCo|Each class teacher|The site "
        "manager|The governors|The data protection officer|The school office|Parents|The deputy "
        "head|The catering contractor|The IT technician|The exams officer|The PE department").split("|")
VERB = ("will review|has agreed|is updating|needs to confirm|should circulate|approved|discussed|"
        "will publish|has requested|is preparing|reported on|will check|postponed|signed off").split("|")
OBJ = ("the attendance figures|the revised timetable|the budget forecast|the risk assessment|the "
       "behaviour policy|the minibus booking|the trip itinerary|the curriculum map|the lettings "
       "agreement|the staff rota|the asset register|the marking scheme|the photocopier lease|the "
       "governors’ minutes|the café menu|the open evening plan|the safeguarding audit").split("|")
TAIL = ("before the end of term|by Friday|at the next meeting|for the autumn term|in time for "
        "Year 9 options|after half term|as discussed in the “Monday” briefing|for the 2024–25 "
        "budget|once the résumé pack is ready|with the usual caveats|without further delay|"
        "so that everyone is informed|for sign-off by the head").split("|")
DISTRACT = ("The total came to £{a:,}.{c:02d} including VAT.|Meeting moved to {h}:{mm:02d} in Room {rm}.|"
            "See REF-{n5} and INV-{n5b} for the details.|Version {v1}.{v2}.{v3} of the handbook is "
            "attached.|Attendance was {p}% across Year {yr} in {year}.|The order for {q} exercise "
            "books (item {n4}) arrives on week {wk}.|Budget line {n4}-{n3}: £{a:,}.|"
            "Ext. {n4} is staffed from {h}:00 until {h2}:30.|Invoice total £{a:,}.{c:02d} – paid "
            "on account {n4}.").split("|")


def _pick(r, words):
    # Non-ASCII phrases (curly quotes, en dash, accents) are kept rare: real office text has
    # about 0.5 % non-ASCII bytes, and that is enough to trip Unicode-aware regex engines.
    w = r.choice(words)
    while not w.isascii() and r.random() < NON_ASCII_REJECT:
        w = r.choice(words)
    return w


NON_ASCII_REJECT = 0.86


def prose_sentence(r):
    if r.random() < 0.22:
        t = r.choice(DISTRACT)
        return t.format(a=r.randint(10, 90000), c=r.randint(0, 99), h=r.randint(8, 17),
                        h2=r.randint(12, 18), mm=r.choice([0, 15, 30, 45]), rm=r.randint(1, 60),
                        n5=r.randint(10000, 99999), n5b=r.randint(10000, 99999), v1=r.randint(1, 9),
                        v2=r.randint(0, 20), v3=r.randint(0, 9), p=r.randint(80, 99),
                        yr=r.randint(7, 13), year=r.randint(2015, 2025), q=r.randint(20, 900),
                        n4=r.randint(1000, 9999), n3=r.randint(100, 999), wk=r.randint(1, 52))
    s = f"{r.choice(SUBJ)} {r.choice(VERB)} {_pick(r, OBJ)} {_pick(r, TAIL)}."
    if r.random() < 0.3:
        s += f" {r.choice(SUBJ)} {r.choice(VERB)} {_pick(r, OBJ)}."
    if r.random() < 0.01:
        s = s.replace("the ", "the ‘new’ ", 1)
    return s


def sentence_pool(seed, n):
    r = random.Random(seed)
    return [prose_sentence(r) for _ in range(n)]
