"""Synthetic people and schools. Names come from a curated list of names that are in the
shipped dictionaries, plus a share (~20 %) of names that are NOT in them, so that recall is
measured honestly (a detector must also use headers, titles and context)."""
import datetime
import random
from dataclasses import dataclass, field
from typing import Optional

from . import ids

COMMON_FORENAMES_F = """Olivia Amelia Isla Ava Mia Ivy Lily Isabella Sophia Freya Florence Ella
Evie Willow Sophie Poppy Emily Isabelle Charlotte Ruby Alice Daisy Phoebe Jessica Chloe Holly
Lucy Hannah Millie Evelyn Esme Harper Aisha Fatima Maryam Zara Amira Hafsa Ayesha Priya Anaya
Aanya Simran Harleen Jasmine Leah Megan Bethany Courtney Shannon Natalia Zuzanna Julia Maja
Amelie Ioana Elena Sofia Chiara Abena Amara Chioma Ebony Kiara Layla Nadia Sana Mariam Hollie
Niamh Erin Ciara Gemma Kirsty Rachel Laura Joanne Sarah Claire Nicola Helen Karen Deborah""".split()
COMMON_FORENAMES_M = """Oliver George Noah Arthur Muhammad Leo Harry Oscar Archie Henry Theo
Freddie Jack Charlie Theodore Finley Jacob Thomas Alfie Isaac Joshua Alexander Edward Riley
Mason Dylan Ethan Lewis Callum Kieran Jayden Tyler Kai Rhys Owen Daniel Samuel Benjamin James
William Adam Yusuf Ibrahim Omar Ali Hassan Zain Ayaan Arjun Rohan Harjit Gurpreet Kacper
Jakub Filip Szymon Mateusz Luca Matteo Andrei Stefan Kwame Kofi Emeka Tobi David Michael Paul
Mark Andrew Stephen Richard Peter Gary Darren Craig Liam Connor Sean Declan""".split()
COMMON_SURNAMES = """Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts
Robinson Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel
Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan
Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly
Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall
Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray
Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler
Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Graham Pearson Ahmed Fletcher Walsh
Kaur Gibson Howard Andrews Stewart Elliott Reynolds Saunders Payne Fox Ford Pearce Day Brooks
West Lawrence Cole Atkinson Bradley Spencer Gill Dawson Ball Burton O'Brien Watts Rose Booth
Perry Ryan Grant Wells Armstrong Francis Rees Hayes Hart Hudson Newman Barrett Webster Hunter
Gregory Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland Hawkins Harding
Porter Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Shah Dean Lane Cooke Bates
Henderson Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross Long Freeman Warren
Nicholls Hamilton Byrne Sutton McDonald Yates Hodgson Robson Curtis Hopkins O'Connor Harper
Coleman Watkins Moss McCarthy Chambers O'Neill Griffin Sharp Hardy Wheeler Potter Osborne
Johnston Gordon Doyle Wallace George Jordan Hutchinson Rowe Burke May Pritchard Gilbert Willis
Higgins Read Miles Stevenson Stephenson Hammond Arnold Buckley Walters Hewitt Barber Nelson
Slater Austin Sullivan Whitehead Mann Frost Lambert Stephens Blake Akhtar Lynch Goodwin Barton
Woodward Thomson Cunningham Quinn Barnett Baxter Bibi Clayton Nash Greenwood Jennings Holt
Kemp Poole Gallagher Bond Stokes Tucker Davidson Fowler Heath Norman Middleton Lawson Banks
French Stanley Jarvis Gibbs Ferguson Hayward Carroll Douglas Hicks Iqbal Kowalski Nowak
Wiśniewski Popescu Ionescu Okafor Adeyemi Mensah Owusu Nguyen Chen Wong Rahman Uddin Miah
Choudhury Mahmood Sharma Gupta Kumar Mistry Chauhan Kaya Yilmaz Costa Silva Ferreira Rossi""".split()

OUTSIDE_FORENAMES = """Aoife Oisín Tadhg Caoimhe Eilidh Ffion Gruffydd Anwen Saoirse Siobhán
Dervla Mairéad Iolo Rhodri Seren Cadi Elis Vihaan Advik Reyansh Kiaan Anvi Zaynab Aairah
Inaaya Rumaysa Eesa Yahya Zakariya Chiamaka Ngozi Chidinma Tobenna Olamide Temitope
Oluwadamilare Adaeze Kwabena Akosua Wiktoria Małgorzata Ignacy Dovydas Gytis Rūta Kaydence
Brooklynn Zayvion Kaiyah Ottilie Arlo Wrenna Bodhi Elowen Tegan Nansi Lowri Gwenllian Eira
Taliesin Dafydd Meirion Cian Odhrán Ruairí Fionnuala Clodagh Sorcha Éabha Ailbhe Daithí
Ishbel Morag Alasdair Ruaridh Fearghas Lachlan Hamish Kirstin Ayomide Ifeoluwa Oreoluwa
Simisola Nkechi Obinna Kelechi Uchenna Chukwuemeka Tamunotonye Ebiere Preyesh Hrithik
Ishani Tanvi Riddhi Jahnavi Manveer Jaskaran Sukhmani Ekamjot Mehtab Noorjahan Shahzaib
Ruqayyah Sumayyah Khadijah Humaira Ilhan Hamdi Ubah Filsan Nasteho Ayaan Mirela Lavinia
Crina Teodora Viorica Gheorghe Ovidiu Dumitru Žydrūnė Aistė Gintarė Mindaugas Kęstutis""".split()
OUTSIDE_SURNAMES = """Ogunbanjo Wojciechowska Przybylski Nwachukwu Featherstonehaugh Oyelaran
Adeyemi-Jones Fitzwilliam-Lowe Appiah-Kubi Siddiqui Bhattacharya Raghunathan Thirunavukkarasu
Kanagaratnam Sivapalan Balasubramaniam Ramasamy Dzierżanowski Grzybowski Łukasiewicz
Kaczmarczyk Obi-Okoye Mensah-Bonsu Quartey-Papafio Abdulkadir Warsame Hirsi Guled Okonkwo
Oyebanji Akinwande Olanrewaju Babatunde-Cole Egwuonwu Ikechukwu Nnamdi-Eze Chukwuma Onyekachi
Asante-Darko Boateng-Mills Ankrah Oppong-Kyei Szczepańska Brzozowski Wróblewska Jankowiak
Piotrowicz Dąbrowska Kwiatkowski-Lee Vasilescu Dumitrescu Constantinescu Stoianov Petkova
Kazlauskas Petrauskienė Jankauskas Žukauskas Ó_Súilleabháin Mac_Giolla Ní_Bhriain Ap_Rhys
Llewelyn-Bowen Pryce-Jenkins Cadwaladr Vaughan-Thomas Haughey-Quinn MacAonghais Drummond-Hay
Sutherland-Gow Wickramasinghe Jayawardena Gunasekara Senanayake Kulasekara Hettiarachchi
Mohammadzadeh Rezaeian Hosseinzadeh Karimova Abdullayev Nurmagomedov Tleubayeva""".split()
OUTSIDE_SURNAMES = [s.replace("_", " ") for s in OUTSIDE_SURNAMES]

TOWNS = ["Rotherham", "Maltby", "Chelmsford", "Harrow", "Ealing", "Doncaster", "Sheffield",
         "Rochdale", "Oldham", "Bolton", "Wigan", "Leeds", "Bradford", "Halifax", "Luton",
         "Slough", "Reading", "Coventry", "Leicester", "Derby", "Stoke-on-Trent", "Warrington"]
STREETS = ["Elm", "Oak", "Ash", "Beech", "Cedar", "Willow", "Station", "Church", "Mill",
           "Victoria", "Albert", "Queens", "Kings", "Park", "Meadow", "Orchard", "Manor",
           "Chestnut", "Hawthorn", "Rowan", "Sycamore", "Larch", "Heather", "Bramble",
           "Clover", "Foxglove", "Primrose", "Hazel", "Linden", "Poplar"]
STREET_TYPES = ["Road", "Street", "Close", "Avenue", "Lane", "Drive", "Crescent", "Way",
                "Grove", "Gardens", "Court", "Terrace", "Place", "View", "Rise"]
MAIL_DOMAINS = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "btinternet.com",
                "icloud.com", "live.co.uk", "sky.com"]
ETHNICITY = ["WBRI", "WIRI", "WROM", "WOTH", "MWBC", "MWBA", "MWAS", "AIND", "APKN", "ABAN",
             "BCRB", "BAFR", "CHNE", "OOTH", "REFU"]
RELIGION = ["Christian", "Muslim", "Sikh", "Hindu", "Jewish", "Buddhist", "No religion",
            "Refused"]
CONDITIONS = ["asthma (inhaler in class)", "nut allergy - EpiPen held in office",
              "type 1 diabetes", "epilepsy", "eczema", "coeliac disease", "hay fever",
              "anaphylaxis (egg)", "ADHD - medication at lunchtime", "hearing impairment"]
SEN_NEEDS = ["SpLD", "ASD", "SEMH", "SLCN", "MLD", "HI", "VI", "PD"]


@dataclass
class Person:
    forename: str
    surname: str
    female: bool
    dob: datetime.date
    outside: bool
    house: str
    postcode: str
    town: str
    mobile: str
    home_phone: str
    email: str
    upn: str = ""
    uln: str = ""
    nhs: str = ""
    nino: str = ""
    year_group: int = 0
    reg_group: str = ""
    carer: Optional["Person"] = None
    extra: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.forename} {self.surname}"

    @property
    def street_line(self) -> str:
        return self.house

    @property
    def title(self) -> str:
        return "Mrs" if self.female else "Mr"


def load_dict(path):
    try:
        with open(path, encoding="utf-8") as f:
            return {l.strip() for l in f if l.strip()}
    except OSError:
        return set()


class PeopleFactory:
    def __init__(self, rng: random.Random, ref_date: datetime.date, forename_dict,
                 surname_dict, outside_share: float = 0.2):
        self.rng = rng
        self.ref = ref_date
        self.outside_share = outside_share
        in_f = lambda n: not forename_dict or n in forename_dict
        in_s = lambda n: not surname_dict or n in surname_dict
        self.f_female = [n for n in COMMON_FORENAMES_F if in_f(n)]
        self.f_male = [n for n in COMMON_FORENAMES_M if in_f(n)]
        self.surnames = [n for n in COMMON_SURNAMES if in_s(n)]
        all_dict = forename_dict | surname_dict
        self.out_fore = [n for n in OUTSIDE_FORENAMES if n not in all_dict]
        self.out_sur = [n for n in OUTSIDE_SURNAMES if n not in all_dict]
        self.used_names = set()

    def _name(self, female: bool):
        rng = self.rng
        outside = rng.random() < self.outside_share
        for _ in range(50):
            fore = rng.choice(self.f_female if female else self.f_male)
            sur = rng.choice(self.surnames)
            if outside:
                mode = rng.choice(["fore", "sur", "both"])
                if mode in ("fore", "both"):
                    fore = rng.choice(self.out_fore)
                if mode in ("sur", "both"):
                    sur = rng.choice(self.out_sur)
            if (fore, sur) not in self.used_names:
                self.used_names.add((fore, sur))
                return fore, sur, outside
        return fore, sur, outside

    def _address(self):
        rng = self.rng
        street = f"{rng.randint(1, 199)} {rng.choice(STREETS)} {rng.choice(STREET_TYPES)}"
        return street, ids.postcode(rng), rng.choice(TOWNS)

    def adult(self, female=None, surname=None, min_age=24, max_age=62) -> Person:
        rng = self.rng
        female = rng.random() < 0.6 if female is None else female
        fore, sur, outside = self._name(female)
        if surname:
            sur = surname
        age_days = rng.randint(min_age * 365, max_age * 365)
        dob = self.ref - datetime.timedelta(days=age_days)
        street, pc, town = self._address()
        local = f"{fore}.{sur}".lower().replace(" ", "").replace("'", "")
        local = local.encode("ascii", "ignore").decode() or "parent"
        p = Person(fore, sur, female, dob, outside, street, pc, town, ids.mobile(rng),
                   ids.landline(rng), f"{local}{rng.randint(1, 99)}@{rng.choice(MAIL_DOMAINS)}")
        p.nino = ids.nino(rng)
        return p

    def pupil(self, year_group=None) -> Person:
        rng = self.rng
        female = rng.random() < 0.5
        fore, sur, outside = self._name(female)
        yg = year_group if year_group is not None else rng.randint(1, 11)
        # Age at 31 August of the current school year: Year N pupils are N+4 or N+5.
        sy_start = self.ref.year if self.ref.month >= 9 else self.ref.year - 1
        born_year = sy_start - yg - 5
        dob = datetime.date(born_year, 9, 1) + datetime.timedelta(days=rng.randint(0, 364))
        street, pc, town = self._address()
        carer = self.adult(surname=sur if rng.random() < 0.8 else None, min_age=25, max_age=55)
        carer.house, carer.postcode, carer.town = street, pc, town
        p = Person(fore, sur, female, dob, outside, street, pc, town, carer.mobile,
                   carer.home_phone, carer.email, upn=ids.upn(rng), uln=ids.uln(rng),
                   nhs=ids.nhs(rng), year_group=yg,
                   reg_group=f"{yg}{rng.choice('ABCDEFGHKLMRSTW')}", carer=carer)
        return p


@dataclass
class School:
    name: str
    street: str
    town: str
    postcode: str
    phone: str
    domain: str
    urn: str
    laestab: str
    head: str

    def letterhead(self):
        return [self.name, f"{self.street}, {self.town}, {self.postcode}",
                f"Tel: {self.phone}  Email: office@{self.domain}  Web: www.{self.domain}",
                f"URN {self.urn}  DfE No {self.laestab[:3]}/{self.laestab[3:]}"]


def schools(rng: random.Random):
    specs = [("Oakfield Primary Academy", "Oakfield Road", "Rotherham", "S66 8AB",
              "0114 496 0000", "oakfield.sch.uk"),
             ("Riverside High School", "Riverside Way", "Chelmsford", "CM2 9JQ",
              "020 7946 0001", "riverside-high.org.uk"),
             ("St Aidan's CE Primary School", "Vicarage Lane", "Rochdale", "OL11 5EU",
              "0161 496 0002", "staidans.sch.uk"),
             ("Harrow Vale Academy", "Vale Drive", "Harrow", "HA2 7RT", "020 7946 0003",
              "harrowvale.org.uk")]
    heads = ["Mrs J. Harper", "Mr D. Okoro", "Dr S. Lindqvist", "Ms R. Abbott"]
    out = []
    for (n, st, town, pc, ph, dom), head in zip(specs, heads):
        out.append(School(n, f"{rng.randint(1, 9)} {st}", town, pc, ph, dom,
                          str(rng.randint(100000, 149999)),
                          f"{rng.choice(ids.UPN_LAS)}{rng.randint(2000, 4999)}", head))
    return out
