"""Synthetic UK identifiers with their real check algorithms (research/uk_ids.md), and
look-alikes that fail them. Every generator takes a random.Random so the corpus is seeded."""
import random

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
UPN_LAS = [201, 202, 208, 213, 302, 306, 340, 341, 343, 350, 352, 356, 370, 373, 380, 383,
           390, 801, 802, 821, 825, 830, 855, 860, 873, 881, 886, 916, 925, 936]
POSTCODE_AREAS_1 = ["B", "E", "G", "L", "M", "N", "S", "W"]
POSTCODE_AREAS_2 = ["BD", "BL", "BN", "BS", "CB", "CF", "CV", "DN", "HD", "HU", "HX", "LE",
                    "LS", "NE", "NG", "NR", "OL", "OX", "PR", "RG", "SE", "SK", "SO", "SW",
                    "TS", "WF", "WN", "YO", "DE", "ST", "WA", "CH", "PE", "MK", "LU", "SL"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"
NINO_BANNED = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ", "OO", "CR", "FY", "MW", "NC", "PP",
               "PY", "PZ"}
BANKS = ["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "NAIA", "SRLG", "BUKB"]


def upn_check_letter(body12: str) -> str:
    """body12: the 12 characters after the check letter (digits; a final letter if temporary)."""
    total = 0
    for pos, ch in enumerate(body12, start=2):
        val = int(ch) if ch.isdigit() else UPN_LETTERS.index(ch)
        total += val * pos
    return UPN_LETTERS[total % 23]


def upn(rng: random.Random) -> str:
    body = f"{rng.choice(UPN_LAS):03d}{rng.randint(2000, 7999):04d}{rng.randint(10, 24):02d}" \
           f"{rng.randint(1, 999):03d}"
    return upn_check_letter(body) + body


def upn_lookalike(rng: random.Random) -> str:
    good = upn(rng)
    wrong = rng.choice([c for c in UPN_LETTERS if c != good[0]])
    return wrong + good[1:]


def _weighted(digits: str, weights) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights))


def nhs_valid(number: str) -> bool:
    if len(number) != 10 or not number.isdigit() or len(set(number)) == 1:
        return False
    check = 11 - _weighted(number[:9], range(10, 1, -1)) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(number[9])


def uln_valid(number: str) -> bool:
    return (len(number) == 10 and number.isdigit() and number[0] != "0"
            and _weighted(number, range(10, 0, -1)) % 11 == 10)


def nhs(rng: random.Random) -> str:
    while True:
        nine = str(rng.choice([rng.randint(400000000, 499999999),
                               rng.randint(600000000, 799999999)]))
        check = 11 - _weighted(nine, range(10, 1, -1)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return nine + str(check)


def uln(rng: random.Random) -> str:
    while True:
        nine = str(rng.randint(100000000, 999999999))
        r = _weighted(nine, range(10, 1, -1)) % 11
        if r != 0:
            return nine + str(10 - r)


def ten_digit_lookalike(rng: random.Random) -> str:
    """A 10-digit number that passes neither NHS mod 11 nor the ULN check."""
    while True:
        n = str(rng.randint(1000000000, 9999999999))
        if not nhs_valid(n) and not uln_valid(n):
            return n


def fmt_nhs(n: str) -> str:
    return f"{n[:3]} {n[3:6]} {n[6:]}"


def nino(rng: random.Random) -> str:
    while True:
        p = rng.choice(NINO_FIRST) + rng.choice(NINO_SECOND)
        if p not in NINO_BANNED:
            break
    d = f"{rng.randint(0, 999999):06d}"
    return f"{p}{d}{rng.choice('ABCD')}"


def fmt_nino(n: str) -> str:
    return f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8]}"


def nino_lookalike(rng: random.Random) -> str:
    p = rng.choice(["QQ", "BG", "GB", "NK", "TN", "ZZ", "DA", "FQ"])
    return f"{p}{rng.randint(0, 999999):06d}{rng.choice('ABCD')}"


def luhn_ok(number: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(number)):
        v = int(d) * (2 if i % 2 else 1)
        total += v - 9 if v > 9 else v
    return total % 10 == 0


def card(rng: random.Random) -> str:
    prefix = rng.choice(["4", "51", "52", "53", "54", "55"])
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(15 - len(prefix)))
    for d in "0123456789":
        if luhn_ok(body + d):
            return body + d
    raise AssertionError


def card_lookalike(rng: random.Random) -> str:
    good = card(rng)
    last = (int(good[-1]) + rng.randint(1, 9)) % 10
    return good[:-1] + str(last)


def fmt_card(n: str) -> str:
    return " ".join(n[i:i + 4] for i in range(0, len(n), 4))


def sort_code(rng: random.Random) -> str:
    return f"{rng.randint(10, 99)}-{rng.randint(0, 99):02d}-{rng.randint(0, 99):02d}"


def account_number(rng: random.Random) -> str:
    return f"{rng.randint(10000000, 99999999)}"


def iban_gb(rng: random.Random, sort: str = None, account: str = None) -> str:
    sort = (sort or sort_code(rng)).replace("-", "")
    account = account or account_number(rng)
    bban = rng.choice(BANKS) + sort + account
    numeric = "".join(str(int(c, 36)) for c in bban + "GB00")
    check = 98 - int(numeric) % 97
    return f"GB{check:02d}{bban}"


def iban_valid(iban: str) -> bool:
    s = iban.replace(" ", "")
    numeric = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(numeric) % 97 == 1


def fmt_iban(i: str) -> str:
    return " ".join(i[k:k + 4] for k in range(0, len(i), 4))


def postcode(rng: random.Random) -> str:
    if rng.random() < 0.3:
        out = f"{rng.choice(POSTCODE_AREAS_1)}{rng.randint(1, 40)}"
    else:
        out = f"{rng.choice(POSTCODE_AREAS_2)}{rng.randint(1, 30)}"
    return f"{out} {rng.randint(0, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"


def mobile(rng: random.Random) -> str:
    return f"07700 900{rng.randint(0, 999):03d}"


def landline(rng: random.Random) -> str:
    return rng.choice([
        lambda: f"020 7946 0{rng.randint(0, 999):03d}",
        lambda: f"0161 496 0{rng.randint(0, 999):03d}",
        lambda: f"0113 496 0{rng.randint(0, 999):03d}",
        lambda: f"0121 496 0{rng.randint(0, 999):03d}",
        lambda: f"01632 960{rng.randint(0, 999):03d}",
    ])()


def passport(rng: random.Random) -> str:
    return f"{rng.randint(100000000, 999999999)}"


def driving_licence(rng: random.Random, surname: str, forename: str, dob, female: bool) -> str:
    letters = "".join(c for c in surname.upper() if "A" <= c <= "Z")[:5].ljust(5, "9")
    month = dob.month + (50 if female else 0)
    initials = (forename[:1].upper() + "9")
    return (f"{letters}{str(dob.year)[2]}{month:02d}{dob.day:02d}{str(dob.year)[3]}"
            f"{initials}{rng.randint(0, 9)}{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}"
            f"{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}")


def isbn13(rng: random.Random) -> str:
    body = "978" + "".join(str(rng.randint(0, 9)) for _ in range(9))
    check = (10 - sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body)) % 10) % 10
    s = body + str(check)
    return f"{s[:3]}-{s[3]}-{s[4:7]}-{s[7:12]}-{s[12]}"


def self_test():
    assert upn_check_letter("801200001001") == "H"
    assert upn_check_letter("207000016049") == "P"
    assert upn_check_letter("80120000101A") == "G"
    assert nhs_valid("9434765919") and nhs_valid("4010232137")
    assert not nhs_valid("9434765871") and not nhs_valid("1111111111")
    assert uln_valid("9276308686") and not uln_valid("9276308687")
    assert not nhs_valid("9276308686") and not uln_valid("9434765919")
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert iban_valid("GB82WEST12345698765432") and not iban_valid("GB82WEST12345698765431")
    rng = random.Random(1)
    for _ in range(200):
        assert nhs_valid(nhs(rng)) and uln_valid(uln(rng)) and luhn_ok(card(rng))
        assert not luhn_ok(card_lookalike(rng)) and iban_valid(iban_gb(rng))
        u = upn(rng)
        assert upn_check_letter(u[1:]) == u[0]
        la = upn_lookalike(rng)
        assert upn_check_letter(la[1:]) != la[0]


if __name__ == "__main__":
    self_test()
    print("ids self-test ok")
