"""Builds the demo confederation: deterministic for a given seed, set-based for speed.

The demo is loaded with bulk inserts (paths computed here, as treebeard would compute them) so that
50,000 units take seconds, not hours. It records one audit event that says what it loaded.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from serikat.accounts.models import Grant, Role
from serikat.audit.recorder import record_event
from serikat.demo import names
from serikat.organisation.models import (
    Employer,
    Level,
    OfficerTerm,
    Position,
    Region,
    Sector,
    Unit,
    UnitWorkplace,
    Workplace,
)
from serikat.organisation.services import confederation_levels, create_levels

DEMO_PUK_WORKFORCE = 40_000
DEMO_PASSWORD = "serikat-demo"  # noqa: S105 - documented demo credential, created only by seed_demo

# FSPMI's member unions (SPA) and the sector each organises.
FSPMI_SPA = [
    ("SPL", "Serikat Pekerja Logam", "metal"),
    ("SPEE", "Serikat Pekerja Elektronik-Elektrik", "electronics"),
    ("SPAMK", "Serikat Pekerja Automotif, Mesin dan Komponen", "automotive"),
    ("SPPJM", "Serikat Pekerja Perkapalan dan Jasa Maritim", "shipbuilding"),
    ("SPD", "Serikat Pekerja Dirgantara", "aerospace"),
    ("SPAI", "Serikat Pekerja Aneka Industri", "garment"),
]
# FSPMI provincial councils and their city councils (KC), by Kemendagri regency code.
FSPMI_DPW = {
    "32": [
        ("32.16", "Bekasi Raya"),
        ("32.15", "Karawang"),
        ("32.14", "Purwakarta"),
        ("32.01", "Bogor"),
        ("32.04", "Bandung Raya"),
        ("32.13", "Subang"),
        ("32.76", "Depok"),
        ("32.03", "Cianjur"),
        ("32.02", "Sukabumi"),
        ("32.09", "Cirebon Raya"),
    ],
    "36": [("36.03", "Tangerang Raya"), ("36.04", "Serang"), ("36.72", "Cilegon")],
    "31": [("31.75", "Jakarta Timur"), ("31.72", "Jakarta Utara"), ("31.73", "Jakarta Barat")],
    "35": [
        ("35.15", "Sidoarjo"),
        ("35.78", "Surabaya"),
        ("35.14", "Pasuruan"),
        ("35.25", "Gresik"),
        ("35.16", "Mojokerto"),
    ],
    "33": [("33.74", "Semarang"), ("33.24", "Kendal"), ("33.19", "Kudus")],
    "21": [("21.71", "Batam"), ("21.01", "Bintan")],
    "12": [("12.71", "Medan"), ("12.07", "Deli Serdang")],
    "64": [("64.71", "Balikpapan")],
}
# Other affiliates: DPP > DPD (province) > DPC (regency/city) > PUK, with their main sectors.
OTHER_FEDERATIONS = [
    ("SPN", "Serikat Pekerja Nasional", ["garment", "food"], ["32", "36", "31", "33", "35", "12"]),
    ("ASPEK", "Asosiasi Serikat Pekerja Indonesia", ["retail", "banking", "services"], ["31", "32", "36", "35"]),
    (
        "FSPKEP",
        "Federasi Serikat Pekerja Kimia, Energi dan Pertambangan",
        ["chemicals", "energy"],
        ["32", "36", "64", "14", "35"],
    ),
    (
        "FARKES",
        "Federasi Serikat Pekerja Farmasi dan Kesehatan Reformasi",
        ["pharma", "health"],
        ["31", "32", "35", "73"],
    ),
]
FSPMI_SHARE = 0.55  # share of plant unions in FSPMI; the rest is spread over the other affiliates


@dataclass
class Built:
    units: list[Unit] = field(default_factory=list)
    next_step: dict[str, int] = field(default_factory=dict)

    def add(self, parent: Unit | None, **fields) -> Unit:
        parent_path = parent.path if parent else ""
        step = self.next_step.get(parent_path, 0) + 1
        self.next_step[parent_path] = step
        key = Unit._int2str(step)
        path = parent_path + Unit.alphabet[0] * (Unit.steplen - len(key)) + key
        unit = Unit(path=path, depth=len(path) // Unit.steplen, numchild=0, **fields)
        self.units.append(unit)
        return unit

    def finish(self) -> None:
        for unit in self.units:
            unit.numchild = self.next_step.get(unit.path, 0)


class DemoBuilder:
    def __init__(self, *, seed: int, plants: int, stdout=None):
        self.rng = random.Random(seed)
        self.plants = plants
        self.stdout = stdout
        self.built = Built()
        self.sectors = {s.code: s for s in Sector.objects.all()}
        self.regions = {r.code: r for r in Region.objects.exclude(kind=Region.Kind.DISTRICT)}
        self.positions = {p.code: p for p in Position.objects.all()}
        self.upper: list[Unit] = []
        self.lower: list[Unit] = []  # units that point at a territorial council: created second
        self.plants_of: list[tuple[Unit, str, str, Unit]] = []  # (plant, sector code, regency code, branch)
        self.puk_jabar: Unit | None = None

    def log(self, text: str) -> None:
        if self.stdout is not None:
            self.stdout.write(text)

    # --- names --------------------------------------------------------------------------------
    def person(self, female: bool) -> str:
        given = self.rng.choice(names.WOMEN if female else names.MEN)
        return f"{given} {self.rng.choice(names.FAMILY)}"

    def company(self, sector: str) -> str:
        words = names.SECTOR_WORDS.get(sector, ["Industri"])
        return (
            f"PT {self.rng.choice(names.COMPANY_WORDS)} {self.rng.choice(names.COMPANY_WORDS)} {self.rng.choice(words)}"
        )

    def region(self, code: str) -> Region | None:
        return self.regions.get(code)

    def founded(self, start: int, end: int) -> datetime.date:
        return datetime.date(self.rng.randint(start, end), self.rng.randint(1, 12), self.rng.randint(1, 28))

    def registration(self, regency: str) -> str:
        office, year = regency.replace(".", ""), self.rng.randint(2000, 2024)
        return f"{self.rng.randint(100, 999)}/{self.rng.randint(1, 400)}/SP/DISNAKER-{office}/{year}"

    # --- structure ----------------------------------------------------------------------------
    def build(self) -> dict[str, int]:
        konf_level, fed_level = confederation_levels()
        kspi = self.built.add(
            None,
            code="KSPI",
            name="Konfederasi Serikat Pekerja Indonesia",
            level=konf_level,
            founded_on=datetime.date(2003, 2, 1),
            region=self.region("31"),
        )
        self.upper.append(kspi)
        # Federations need saved rows before their levels exist; save them with the root first.
        feds = {}
        fed_rows = [("FSPMI", "Federasi Serikat Pekerja Metal Indonesia", datetime.date(1999, 2, 6))]
        fed_rows += [(code, name, self.founded(2000, 2012)) for code, name, _s, _p in OTHER_FEDERATIONS]
        for code, name, founded in fed_rows:
            fed = self.built.add(
                kspi, code=code, name=f"{name} ({code})", level=fed_level, founded_on=founded, region=self.region("31")
            )
            feds[code] = fed
            self.upper.append(fed)
        return self._build_below(kspi, feds)

    def _build_below(self, kspi: Unit, feds: dict[str, Unit]) -> dict[str, int]:
        self.built.finish()  # provisional; recomputed before insert
        # Insert the root and federations now so that their levels can point at them.
        Unit.objects.bulk_create([kspi, *feds.values()])
        levels = {code: create_levels(fed, "two_axis" if code == "FSPMI" else "standard") for code, fed in feds.items()}
        fspmi_plants = round(self.plants * FSPMI_SHARE)
        self._build_fspmi(feds["FSPMI"], levels["FSPMI"], fspmi_plants)
        others = self.plants - fspmi_plants
        for index, (code, _name, sectors, provinces) in enumerate(OTHER_FEDERATIONS):
            share = others // len(OTHER_FEDERATIONS) + (1 if index < others % len(OTHER_FEDERATIONS) else 0)
            self._build_standard(feds[code], levels[code], sectors, provinces, share)
        self.built.finish()
        # Root and federations already exist: update their child counts.
        for unit in (kspi, *feds.values()):
            Unit.objects.filter(pk=unit.pk).update(numchild=unit.numchild)
        created_upper = [u for u in self.upper if u.pk is None]
        Unit.objects.bulk_create(created_upper, batch_size=2000)
        for unit in self.lower:
            if unit.territory is not None:
                unit.territory_id = unit.territory.pk
        Unit.objects.bulk_create(self.lower, batch_size=2000)
        self._build_workplaces()
        officers = self._build_officers()
        return {
            "units": len(self.built.units),
            "plants": len(self.plants_of),
            "officers": officers,
            "employers": Employer.objects.count(),
            "workplaces": Workplace.objects.count(),
        }

    def _build_fspmi(self, fed: Unit, levels: dict[str, Level], plant_total: int) -> None:
        spa_units = {}
        for code, name, _sector in FSPMI_SPA:
            spa_units[code] = self.built.add(
                fed,
                code=f"FSPMI-{code}",
                name=f"PP {code} FSPMI ({name})",
                level=levels["PP"],
                founded_on=self.founded(1999, 2011),
                region=self.region("31"),
            )
            self.upper.append(spa_units[code])
        branches: list[tuple[Unit, str, str]] = []
        for province, councils in FSPMI_DPW.items():
            province_name = self.regions[province].name
            dpw = self.built.add(
                fed,
                code=f"FSPMI-DPW-{province}",
                name=f"DPW FSPMI {province_name}",
                level=levels["DPW"],
                region=self.region(province),
                founded_on=self.founded(2000, 2010),
            )
            self.upper.append(dpw)
            for regency, label in councils:
                kc = self.built.add(
                    dpw,
                    code=f"FSPMI-KC-{regency.replace('.', '')}",
                    name=f"KC FSPMI {label}",
                    level=levels["KC"],
                    region=self.region(regency),
                    founded_on=self.founded(2000, 2015),
                )
                self.upper.append(kc)
                # Each council area has branches of the sector unions present there.
                present = [
                    spa for spa in FSPMI_SPA if spa[0] in ("SPL", "SPEE", "SPAMK", "SPAI") or self.rng.random() < 0.3
                ]
                for spa_code, _spa_name, sector in present:
                    pc = self.built.add(
                        spa_units[spa_code],
                        code=f"FSPMI-{spa_code}-PC-{regency.replace('.', '')}",
                        name=f"PC {spa_code} FSPMI {label}",
                        level=levels["PC"],
                        region=self.region(regency),
                        territory=kc,
                        territory_path=kc.path,
                        founded_on=self.founded(2001, 2018),
                    )
                    self.lower.append(pc)
                    branches.append((pc, sector, regency))
        self._spread_plants(branches, levels["PUK"], plant_total, "FSPMI", territorial=True)

    def _build_standard(
        self, fed: Unit, levels: dict[str, Level], sectors: list[str], provinces: list[str], plant_total: int
    ) -> None:
        branches: list[tuple[Unit, str, str]] = []
        for province in provinces:
            dpd = self.built.add(
                fed,
                code=f"{fed.code}-DPD-{province}",
                name=f"DPD {fed.code} {self.regions[province].name}",
                level=levels["DPD"],
                region=self.region(province),
                founded_on=self.founded(2000, 2012),
            )
            self.upper.append(dpd)
            regencies = sorted(r.code for r in self.regions.values() if r.parent_id == province)
            for regency in regencies[: 2 + self.rng.randint(0, 3)]:
                dpc = self.built.add(
                    dpd,
                    code=f"{fed.code}-DPC-{regency.replace('.', '')}",
                    name=f"DPC {fed.code} {self.regions[regency].name.replace('Kabupaten ', '')}",
                    level=levels["DPC"],
                    region=self.region(regency),
                    founded_on=self.founded(2002, 2020),
                )
                self.upper.append(dpc)
                branches.append((dpc, self.rng.choice(sectors), regency))
        self._spread_plants(branches, levels["PUK"], plant_total, fed.code, territorial=False)

    def _spread_plants(self, branches, level: Level, total: int, fed_code: str, *, territorial: bool) -> None:
        weights = [self.rng.uniform(0.5, 2.0) for _ in branches]
        scale = total / sum(weights)
        counts = [int(w * scale) for w in weights]
        for i in range(total - sum(counts)):
            counts[i % len(counts)] += 1
        serial = 0
        for (branch, sector, regency), count in zip(branches, counts, strict=True):
            for _ in range(count):
                serial += 1
                company = self.company(sector)
                spa = branch.code.split("-")[1] if territorial else fed_code
                plant = self.built.add(
                    branch,
                    code=f"{fed_code}-PUK-{serial:05d}",
                    name=f"PUK {spa} {fed_code} {company}",
                    level=level,
                    region=self.region(regency),
                    registration_number=self.registration(regency),
                    founded_on=self.founded(2000, 2025),
                    territory=branch.territory if territorial else None,
                    territory_path=branch.territory_path,
                )
                plant._demo_company = company  # type: ignore[attr-defined]
                self.lower.append(plant)
                self.plants_of.append((plant, sector, regency, branch))
                if self.puk_jabar is None and fed_code == "FSPMI" and regency.startswith("32."):
                    self.puk_jabar = plant

    def _build_workplaces(self) -> None:
        employers: list[Employer] = []
        workplaces: list[Workplace] = []
        links: list[UnitWorkplace] = []
        by_region: dict[str, list[Workplace]] = {}
        for plant, sector, regency, owner in self.plants_of:
            # The branch above the plant union registers the employer and the workplace.
            shared = by_region.get(regency)
            if shared and self.rng.random() < 0.05:
                # Two unions at one plant: the second union organises at an existing workplace.
                workplace = self.rng.choice(shared)
            else:
                employer = Employer(
                    name=plant._demo_company,
                    sector=self.sectors.get(sector),  # type: ignore[attr-defined]
                    region=self.region(regency),
                    unit=owner,
                )
                employers.append(employer)
                workplace = Workplace(
                    employer=employer,
                    name=f"Pabrik {self.regions[regency].name.replace('Kabupaten ', '')}",
                    address=f"Kawasan Industri Blok {self.rng.choice('ABCDEFGH')}-{self.rng.randint(1, 40)}",
                    region=self.region(regency),
                    sector=self.sectors.get(sector),
                    workforce_size=self.rng.choice([150, 300, 500, 800, 1200, 2500, 4000, 7000]),
                    unit=owner,
                )
                if plant is self.puk_jabar:
                    # The demo logins' union organises a big plant, so that its screens have members.
                    workplace.workforce_size = DEMO_PUK_WORKFORCE
                workplaces.append(workplace)
                by_region.setdefault(regency, []).append(workplace)
            links.append(UnitWorkplace(unit=plant, workplace=workplace, since_on=plant.founded_on))
        Employer.objects.bulk_create(employers, batch_size=2000)
        for workplace in workplaces:
            workplace.employer_id = workplace.employer.pk
        Workplace.objects.bulk_create(workplaces, batch_size=2000)
        for link in links:
            link.workplace_id = link.workplace.pk
            link.unit_id = link.unit.pk
        UnitWorkplace.objects.bulk_create(links, batch_size=2000)

    def _build_officers(self) -> int:
        # Women hold about a fifth of chairs and more of the secretary and treasurer posts.
        posts = [("ketua", 0.18), ("sekretaris", 0.35), ("bendahara", 0.45)]
        terms: list[OfficerTerm] = []
        today = datetime.date(2026, 1, 1)
        for unit in self.built.units:
            unit_posts = posts + ([("wakil-ketua", 0.25)] if unit.level.is_plant else [])
            started = today - datetime.timedelta(days=self.rng.randint(30, 1500))
            length = 3 if unit.level.is_plant else 5
            for code, share_women in unit_posts:
                female = self.rng.random() < share_women
                terms.append(
                    OfficerTerm(
                        unit_id=unit.pk,
                        position=self.positions[code],
                        person_name=self.person(female),
                        gender="F" if female else "M",
                        started_on=started,
                        ends_on=started + datetime.timedelta(days=365 * length),
                        phone=f"+628{self.rng.randint(11, 99)}{self.rng.randint(10000000, 99999999)}",
                    )
                )
        OfficerTerm.objects.bulk_create(terms, batch_size=5000)
        return len(terms)


DEMO_USERS = [
    ("demo-admin", "Admin", "Konfederasi", "administrator", "KSPI"),
    ("demo-fspmi", "Sekretariat", "DPP FSPMI", "secretariat", "FSPMI"),
    ("demo-spn", "Sekretariat", "DPP SPN", "secretariat", "SPN"),
    ("demo-bendahara-fspmi", "Bendahara", "DPP FSPMI", "treasurer", "FSPMI"),
    ("demo-dpw-jabar", "Sekretariat", "DPW Jawa Barat", "secretariat", "FSPMI-DPW-32"),
]


@transaction.atomic
def seed_demo(*, seed: int = 1, plants: int = 2400, members: int = 0, stdout=None) -> dict[str, object]:
    """Build the whole demo confederation and its demo logins, then `members` demo members
    (serikat.demo.members). Refuses if a confederation exists."""
    if Unit.objects.filter(depth=1).exists():
        return {"skipped": True}
    builder = DemoBuilder(seed=seed, plants=plants, stdout=stdout)
    counts = builder.build()
    user_model = get_user_model()
    roles = {r.code: r for r in Role.objects.all()}
    units = {u.code: u for u in Unit.objects.filter(code__in=[row[4] for row in DEMO_USERS])}
    puk = builder.puk_jabar
    logins = [
        *DEMO_USERS,
        ("demo-puk", "Sekretariat", "PUK", "secretariat", puk.code),
        ("demo-bendahara", "Bendahara", "PUK", "treasurer", puk.code),
    ]
    units[puk.code] = puk
    for username, first, last, role, unit_code in logins:
        user = user_model(username=username, first_name=first, last_name=last, email=f"{username}@demo.serikat.test")
        user.set_password(DEMO_PASSWORD)
        user.save()
        Grant.objects.create(user=user, role=roles[role], unit=units[unit_code])
    record_event(
        actor=None, kind="demo.seeded", object_label="seed_demo", data={**counts, "seed": seed, "demo_puk": puk.code}
    )
    result = {**counts, "demo_puk": puk.code, "demo_puk_name": puk.name}
    if members:
        from serikat.demo.members import seed_members

        result["members"] = seed_members(count=members, seed=seed, stdout=stdout)
    from serikat.demo.dues import seed_dues, seed_dues_history

    admin = user_model.objects.get(username="demo-admin")
    result["dues"] = seed_dues(actor=admin, stdout=stdout)
    if members:
        result["dues"].update(seed_dues_history(actor=admin, puk=puk, stdout=stdout))
    from serikat.demo.training import seed_training

    result["training"] = seed_training(actor=admin, stdout=stdout)
    return result
