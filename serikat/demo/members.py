"""Demo members: `seed_demo --members N` fills the registry with N people who look real.

Every member belongs to a plant union (PUK); plant unions get members in proportion to the size of
the workforce at their workplace. Each person has:

  * a NIK consistent with the plant's regency (a real district code of that regency from the Region
    table), the birth date (1960-2006) and the gender (day + 40 for women); serials count up per
    district, birth date and gender, as the civil registry issues them, so every NIK is unique;
  * a full name from serikat.demo.names, a +628... phone, often an e-mail, an address;
  * a membership with an employee number, job, employment status (mostly permanent or fixed-term,
    some outsourced), a wage around the regency's minimum wage (UMK 2026 where we hold it, otherwise
    the province's UMP 2026), joined and activated dates, a KTA number in the federation's format
    from its FederationRegistry counter; a few applicants, suspended and ended memberships;
  * about 0.5 % of members also hold a current membership in a PUK of another federation (at the
    same workplace where one exists), recorded as a MembershipConflict, as register_member would.

Speed: rows are generated in Python in chunks (memory stays flat in N) and loaded with COPY on
PostgreSQL, executemany on SQLite, in one transaction; no query per row. On PostgreSQL, when the
member tables are empty, their secondary indexes and foreign keys are dropped for the load and
rebuilt afterwards, as PostgreSQL's "Populating a Database" advises: building an index once over
2 million rows is several times cheaper than maintaining it row by row.

Deterministic for a seed: the same seed on the same demo confederation gives the same members.
"""

from __future__ import annotations

import datetime
import itertools
import math
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from serikat.audit.recorder import record_event
from serikat.demo import names
from serikat.membership.models import FederationRegistry, Member, Membership, MembershipConflict
from serikat.membership.names import rebuild_name_words
from serikat.organisation.models import Region, Unit, UnitWorkplace

REFERENCE_DATE = datetime.date(2026, 1, 1)  # "today" of the demo, fixed so that a seed is reproducible
CHUNK = 20_000  # members generated and loaded at a time

# UMP 2026 per province (Rp a month), PP 49/2025: the Kemnaker recap of 5 January 2026 as listed in
# /work/shared/research/domain-indonesia.md section 3.4.6 (rupiah fractions dropped).
UMP_2026 = {
    "11": 3_932_552, "12": 3_228_949, "13": 3_182_955, "14": 3_780_495, "15": 3_471_497, "16": 3_942_963,
    "17": 2_827_250, "18": 3_047_734, "19": 4_035_000, "21": 3_879_520, "31": 5_729_876, "32": 2_317_601,
    "33": 2_327_386, "34": 2_417_495, "35": 2_446_880, "36": 3_100_881, "51": 3_207_459, "52": 2_673_861,
    "53": 2_455_898, "61": 3_054_552, "62": 3_686_138, "63": 3_725_000, "64": 3_762_431, "65": 3_775_243,
    "71": 4_002_630, "72": 3_179_565, "73": 3_921_088, "74": 3_306_496, "75": 3_405_144, "76": 3_315_934,
    "81": 3_334_490, "82": 3_510_240, "91": 4_436_283, "92": 3_841_000, "93": 4_508_100, "94": 4_285_848,
    "95": 4_508_714, "96": 3_766_000,
}  # fmt: skip
# UMK 2026 (Rp a month) of the regencies where the demo has plant unions. domain-indonesia.md did not
# collect UMK values (its section 3.4.6 says so); these come from the governors' decrees as reported:
#   Jawa Barat: Kepgub Jabar 561.7/Kep.862-Kesra/2025 (okezone.com, 26 Dec 2025; jurnalkawasan.com);
#   Banten: Kepgub Banten 703/2025 (koranperdjoeangan.com, ihram.co.id, 24 Dec 2025);
#   Jawa Timur: Kepgub Jatim 100.3.3.1/937/013/2025 (dataloka.id, jatim.jpnn.com, 25 Dec 2025);
#   Kepulauan Riau: wage council plenary of 22 Dec 2025 (terasbatam.id; one outlet gives Batam
#   5,424,743, most give 5,357,982); Jawa Tengah: Kepgub Jateng 100.3.3.1/505 (soloaja.co, Semarang).
# Demo data only: the registry's real minimum wages belong in a versioned reference table.
UMK_2026 = {
    "32.01": 5_161_769, "32.02": 3_831_926, "32.03": 3_316_191, "32.04": 3_972_202, "32.05": 2_472_227,
    "32.06": 2_871_874, "32.07": 2_373_644, "32.08": 2_369_380, "32.09": 2_880_798, "32.10": 2_595_368,
    "32.11": 3_949_856, "32.12": 2_910_254, "32.13": 3_737_482, "32.14": 5_052_856, "32.15": 5_886_853,
    "32.16": 5_938_885, "32.17": 3_984_711, "32.18": 2_351_250, "32.71": 5_437_203, "32.72": 3_192_807,
    "32.73": 4_737_678, "32.74": 2_878_646, "32.75": 5_999_443, "32.76": 5_522_662, "32.77": 4_090_568,
    "32.78": 2_980_336, "32.79": 2_361_241,
    "36.01": 3_360_078, "36.02": 3_330_010, "36.03": 5_210_377, "36.04": 5_178_521, "36.71": 5_399_405,
    "36.72": 5_469_922, "36.73": 4_665_927, "36.74": 5_247_870,
    "35.04": 2_628_190, "35.05": 2_567_744, "35.14": 5_187_681, "35.15": 5_191_541, "35.16": 5_176_101,
    "35.25": 5_195_401, "35.78": 5_288_796,
    "21.01": 4_583_221, "21.71": 5_357_982,
    "33.74": 3_701_709,
}  # fmt: skip

# Share of women among members by sector: high in garment and electronics, low in metal and ships.
WOMEN_SHARE = {
    "garment": 0.72, "electronics": 0.55, "food": 0.45, "pharma": 0.5, "health": 0.62, "retail": 0.5,
    "banking": 0.45, "services": 0.35, "automotive": 0.15, "metal": 0.08, "shipbuilding": 0.04,
    "aerospace": 0.12, "chemicals": 0.2, "energy": 0.1, "logistics": 0.12,
}  # fmt: skip
DEFAULT_WOMEN_SHARE = 0.35
# Memberships: status and employment mixes (cumulative shares).
APPLICANT, SUSPENDED, ENDED = 0.02, 0.01, 0.06
PERMANENT, FIXED_TERM, OUTSOURCED = 0.55, 0.85, 0.97  # the rest are daily workers
DUAL_SHARE = 0.005  # members also current in a union of another federation
PHONE_PREFIXES = ["11", "12", "13", "21", "22", "23", "52", "53", "14", "15", "16", "55", "56", "57", "58"]
PHONE_PREFIXES += ["77", "78", "81", "82", "83", "59", "95", "96", "97", "98", "99", "17", "18", "19"]
END_REASONS = ["left_employer"] * 6 + ["resignation"] * 3 + ["death"]
CONSENT_METHOD = "paper form"
CONSENT_PURPOSES = '["membership", "dues"]'


def minimum_wage(regency: str) -> int:
    """The demo's minimum wage for a regency code ("32.16"): its UMK 2026, else its province's UMP."""
    return UMK_2026.get(regency) or UMP_2026.get(regency[:2], 3_000_000)


@dataclass(frozen=True)
class Plant:
    """A plant union with what its members' rows need."""

    unit_id: int
    code: str
    path: str
    federation_id: int
    regency: str  # dotted regency code, "32.16"
    founded_on: datetime.date | None
    employer_id: int | None
    workplace_id: int | None
    workforce: int
    sector: str


def demo_plants() -> list[Plant]:
    """Every plant union that sits in a regency, with its first current workplace (3 queries)."""
    federations = dict(Unit.objects.filter(depth=2).values_list("path", "pk"))
    links: dict[int, tuple[int, int, int | None, str]] = {}
    for unit_id, workplace_id, employer_id, size, sector in (
        UnitWorkplace.objects.filter(unit__level__is_plant=True, until_on__isnull=True)
        .order_by("pk")
        .values_list(
            "unit_id", "workplace_id", "workplace__employer_id", "workplace__workforce_size", "workplace__sector__code"
        )
    ):
        links.setdefault(unit_id, (workplace_id, employer_id, size, sector or ""))
    plants = []
    rows = Unit.objects.filter(level__is_plant=True).order_by("path")
    for unit_id, code, path, region, founded in rows.values_list("pk", "code", "path", "region_id", "founded_on"):
        federation = federations.get(path[: 2 * Unit.steplen])
        if federation is None or not region or len(region) < 5:
            continue  # members need a federation, and a regency for their NIK
        workplace, employer, size, sector = links.get(unit_id, (None, None, None, ""))
        plants.append(
            Plant(unit_id, code, path, federation, region[:5], founded, employer, workplace, size or 300, sector)
        )
    return plants


def apportion(total: int, weights: list[int]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder; ties to the earlier entry)."""
    whole = sum(weights)
    if not weights or whole <= 0:
        return [0] * len(weights)
    quotas = [total * w / whole for w in weights]
    counts = [int(q) for q in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - quotas[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _coprime_step(n: int) -> int:
    """A multiplier near n/phi, coprime with n: i -> (a*i + b) mod n then visits every id once, scattered."""
    step = max(1, round(n * 0.6180339887))
    while math.gcd(step, n) != 1:
        step += 1
    return step


@dataclass
class Chunk:
    members: list[tuple] = field(default_factory=list)
    memberships: list[tuple] = field(default_factory=list)
    conflicts: list[tuple[int, int, int]] = field(default_factory=list)  # (member id, first id, second id)


MEMBER_COLUMNS = [
    "id", "nik", "full_name", "gender", "birth_date", "birth_place", "phone", "email", "address", "region_id",
    "review_flags", "photo", "created_at", "updated_at",
]  # fmt: skip
MEMBERSHIP_COLUMNS = [
    "id", "member_id", "unit_id", "federation_id", "employer_id", "workplace_id", "employee_number",
    "employment_status", "job_title", "department", "monthly_wage_amount", "joined_on", "status", "activated_on",
    "ended_on", "end_reason", "kta_number", "consent_given_at", "consent_method", "consent_purposes", "created_at",
    "updated_at",
]  # fmt: skip


class MemberGenerator:
    """Yields chunks of member, membership and conflict rows; holds only one regency's NIK counters.

    Rows are generated regency by regency (NIK serials are counted per district, birth date and
    gender, so only the current regency's counters are kept). Ids are scattered over 1..N by an affine
    permutation, so that "newest first" lists mix all regions as a registry built over years would,
    instead of listing the last regency generated.
    """

    def __init__(
        self,
        *,
        count: int,
        seed: int,
        plants: list[Plant],
        districts: dict[str, list[tuple[str, str]]],
        regency_names: dict[str, str],
        registries: dict[int, tuple[str, str, int]],
        member_base: int = 0,
        membership_base: int = 0,
        now: datetime.datetime | None = None,
    ):
        self.count = count
        self.rng = random.Random(f"serikat-demo-members:{seed}")
        self.plants = [p for p in plants if districts.get(p.regency)]
        self.districts = districts
        self.regency_names = regency_names
        self.registries = registries  # federation id -> (federation code, kta_format, next seq)
        self.next_kta = {fed: seq for fed, (_code, _fmt, seq) in registries.items()}
        self.member_base = member_base
        self.membership_base = membership_base
        self.now = now or timezone.now()
        self.step = _coprime_step(count) if count else 1
        self.offset = self.rng.randrange(count) if count else 0
        # Membership ids: the same kind of permutation over room for the dual memberships too (ids
        # left unused are gaps), so that second memberships are scattered like the first ones.
        self.membership_room = count + max(10, count // 100)
        self.membership_step = _coprime_step(self.membership_room)
        self.dual_rows = 0
        self.stats = {"women": 0, "applicant": 0, "active": 0, "suspended": 0, "ended": 0, "dual": 0}
        self._alternatives = self._dual_alternatives()

    def member_id(self, index: int) -> int:
        return self.member_base + 1 + (self.step * index + self.offset) % self.count

    def membership_id(self, index: int) -> int:
        """Ids of first memberships for index < count, of dual memberships from count on."""
        return self.membership_base + 1 + (self.membership_step * index + self.offset) % self.membership_room

    def _dual_alternatives(self) -> dict[int, list[Plant]]:
        """For each plant: plant unions of other federations at its workplace, else in its regency, else in
        its province, else anywhere (a worker who moved keeps the old card: the conflict the registry
        must show). Plants of one place and federation share one list, so memory stays small."""
        by_place: dict[Any, list[Plant]] = {}
        for plant in self.plants:
            for place in (("site", plant.workplace_id), ("regency", plant.regency), ("province", plant.regency[:2])):
                by_place.setdefault(place, []).append(plant)
        by_place[("anywhere", None)] = self.plants[:: max(1, len(self.plants) // 500)]
        shared: dict[Any, list[Plant]] = {}

        def others(place: Any, federation: int) -> list[Plant]:
            key = (place, federation)
            if key not in shared:
                shared[key] = [p for p in by_place.get(place, []) if p.federation_id != federation]
            return shared[key]

        result = {}
        for plant in self.plants:
            places = [("regency", plant.regency), ("province", plant.regency[:2]), ("anywhere", None)]
            if plant.workplace_id is not None:
                places.insert(0, ("site", plant.workplace_id))
            result[plant.unit_id] = next(
                (found for place in places if (found := others(place, plant.federation_id))), []
            )
        return result

    def _next_kta(self, plant: Plant, year: int) -> str:
        code, fmt, _seq = self.registries[plant.federation_id]
        seq = self.next_kta[plant.federation_id]
        self.next_kta[plant.federation_id] = seq + 1
        return fmt.format(federation=code, unit=plant.code, year=year, seq=seq)

    def chunks(self, size: int = CHUNK) -> Iterator[Chunk]:
        rng = self.rng
        r = rng.random
        counts = apportion(self.count, [p.workforce for p in self.plants])
        plants = sorted(zip(self.plants, counts, strict=True), key=lambda pc: (pc[0].regency, pc[0].path))
        women_given = names.WOMEN + names.WOMEN_MORE
        men_given = names.MEN + names.MEN_MORE
        women_second = names.WOMEN_SECOND + names.FAMILY
        men_second = names.MEN_SECOND + names.FAMILY
        n_wg, n_mg, n_ws, n_ms = len(women_given), len(men_given), len(women_second), len(men_second)
        n_wf, n_mf = len(names.WOMEN_FRONT), len(names.MEN_FRONT)
        years = [(datetime.date(y, 1, 1).toordinal(), 366 if y % 4 == 0 else 365) for y in range(1960, 2007)]
        reference = REFERENCE_DATE.toordinal()
        default_founding = datetime.date(2000, 1, 1).toordinal()
        now = self.now
        fromordinal = datetime.date.fromordinal
        streets, n_streets = names.STREETS, len(names.STREETS)
        phone_prefixes, n_phone = PHONE_PREFIXES, len(PHONE_PREFIXES)
        index = 0
        chunk = Chunk()
        for regency, group in itertools.groupby(plants, key=lambda pc: pc[0].regency):
            districts = self.districts[regency]
            n_districts = len(districts)
            serials: dict[str, int] = {}  # first 12 NIK digits -> last serial issued
            birth_place = self.regency_names.get(regency, "")
            wage_floor = minimum_wage(regency)
            for plant, members in group:
                women_share = WOMEN_SHARE.get(plant.sector, DEFAULT_WOMEN_SHARE)
                jobs = names.JOBS.get(plant.sector) or names.JOBS["services"]
                n_jobs = len(jobs)
                founded = plant.founded_on.toordinal() if plant.founded_on else default_founding
                alternatives = self._alternatives.get(plant.unit_id) or []
                for employee in range(1, members + 1):
                    female = r() < women_share
                    # --- the person
                    if female:
                        self.stats["women"] += 1
                        roll = r()
                        if roll < 0.08:
                            full_name = women_given[int(r() * n_wg)]
                        elif roll < 0.3:
                            full_name = (
                                f"{names.WOMEN_FRONT[int(r() * n_wf)]} {women_given[int(r() * n_wg)]}"
                                f" {women_second[int(r() * n_ws)]}"
                            )
                        else:
                            full_name = f"{women_given[int(r() * n_wg)]} {women_second[int(r() * n_ws)]}"
                    else:
                        roll = r()
                        if roll < 0.08:
                            full_name = men_given[int(r() * n_mg)]
                        elif roll < 0.3:
                            full_name = (
                                f"{names.MEN_FRONT[int(r() * n_mf)]} {men_given[int(r() * n_mg)]}"
                                f" {men_second[int(r() * n_ms)]}"
                            )
                        else:
                            full_name = f"{men_given[int(r() * n_mg)]} {men_second[int(r() * n_ms)]}"
                    # Workers' birth years lean to the 1990s: triangular over 1960-2006, mode 1993.
                    year_start, year_days = years[min(46, int(rng.triangular(0, 47, 33)))]
                    born_ordinal = year_start + int(r() * year_days)
                    born = fromordinal(born_ordinal)
                    district, district_name = districts[int(r() * n_districts)]
                    prefix = (
                        f"{district}{born.day + 40 if female else born.day:02d}{born.month:02d}{born.year % 100:02d}"
                    )
                    serial = serials.get(prefix, 0) + 1
                    serials[prefix] = serial
                    nik = f"{prefix}{serial:04d}"
                    phone = (
                        f"+628{phone_prefixes[int(r() * n_phone)]}{int(r() * 90_000_000) + 10_000_000}"
                        if r() < 0.95
                        else ""
                    )
                    email = ""
                    if r() < 0.25:
                        email = f"{full_name.split()[0].lower().rstrip('.')}{int(r() * 9000) + 100}@example.id"
                    address = (
                        f"{streets[int(r() * n_streets)]} No. {int(r() * 120) + 1}, RT {int(r() * 12) + 1:02d}"
                        f"/RW {int(r() * 9) + 1:02d}, Kec. {district_name}"
                    )
                    member_id = self.member_id(index)
                    region_code = f"{district[:2]}.{district[2:4]}.{district[4:]}"
                    chunk.members.append(
                        (
                            member_id, nik, full_name, "F" if female else "M", born, birth_place, phone, email,
                            address, region_code, "[]", "", now, now,
                        )
                    )  # fmt: skip
                    # --- the membership
                    earliest = max(founded, born_ordinal + 6575)  # 18 years old
                    if earliest >= reference - 30:
                        earliest = reference - 60
                    roll = r()
                    if roll < APPLICANT:
                        status = "applicant"
                        joined = max(earliest, reference - 120) + int(r() * 110)
                    else:
                        joined = earliest + int(r() * (reference - 30 - earliest))
                        status = "ended" if roll < APPLICANT + ENDED else "active"
                        if status == "active" and roll < APPLICANT + ENDED + SUSPENDED:
                            status = "suspended"
                    self.stats[status] += 1
                    joined_on = fromordinal(joined)
                    activated_on = ended_on = None
                    kta = end_reason = ""
                    if status != "applicant":
                        activated = min(joined + int(r() * 30), reference - 1)
                        activated_on = fromordinal(activated)
                        kta = self._next_kta(plant, activated_on.year)
                        if status == "ended":
                            ended_on = fromordinal(activated + int(r() * (reference - activated)))
                            end_reason = END_REASONS[int(r() * len(END_REASONS))]
                    roll = r()
                    employment = (
                        "permanent"
                        if roll < PERMANENT
                        else "fixed_term"
                        if roll < FIXED_TERM
                        else "outsourced"
                        if roll < OUTSOURCED
                        else "daily"
                    )
                    years_in = (reference - joined) / 365.25
                    if employment == "permanent":
                        factor = 1.0 + min(years_in, 25) * 0.015 + r() * 0.2
                    elif employment == "daily":
                        factor = 0.85 + r() * 0.15
                    else:
                        factor = 0.98 + r() * 0.1
                    if r() < 0.02:
                        factor = 0.8 + r() * 0.18  # paid under the minimum: a case for the union
                    wage = int(round(wage_floor * factor, -3))
                    consent_at = datetime.datetime.combine(
                        joined_on, datetime.time(2, 0), tzinfo=datetime.UTC
                    )  # 09:00 WIB
                    membership_id = self.membership_id(index)
                    chunk.memberships.append(
                        (
                            membership_id, member_id, plant.unit_id, plant.federation_id, plant.employer_id,
                            plant.workplace_id, f"{joined_on.year % 100:02d}{employee:05d}", employment,
                            jobs[int(r() * n_jobs)], names.DEPARTMENTS[int(r() * 8)], wage, joined_on, status,
                            activated_on, ended_on, end_reason, kta, consent_at, CONSENT_METHOD, CONSENT_PURPOSES,
                            now, now,
                        )
                    )  # fmt: skip
                    # --- now and then, a second union in another federation (dual membership)
                    if (
                        status == "active"
                        and alternatives
                        and r() < DUAL_SHARE / (1 - APPLICANT - ENDED - SUSPENDED)
                        and self.count + self.dual_rows < self.membership_room
                    ):
                        other = alternatives[int(r() * len(alternatives))]
                        second_id = self.membership_id(self.count + self.dual_rows)
                        self.dual_rows += 1
                        self.stats["dual"] += 1
                        second_joined = fromordinal(joined + int(r() * (reference - joined)))
                        chunk.memberships.append(
                            (
                                second_id, member_id, other.unit_id, other.federation_id, other.employer_id,
                                other.workplace_id, "", employment, jobs[int(r() * n_jobs)], "", wage,
                                second_joined, "active", second_joined, None, "",
                                self._next_kta(other, second_joined.year),
                                datetime.datetime.combine(second_joined, datetime.time(2, 0), tzinfo=datetime.UTC),
                                CONSENT_METHOD, CONSENT_PURPOSES, now, now,
                            )
                        )  # fmt: skip
                        chunk.conflicts.append((member_id, *sorted((membership_id, second_id))))
                    index += 1
                    if len(chunk.members) >= size:
                        yield chunk
                        chunk = Chunk()
        if chunk.members or chunk.memberships:
            yield chunk


# --- loading -------------------------------------------------------------------------------------


def _extra_defaults(model: Any, produced: list[str]) -> tuple[list[str], tuple]:
    """Columns of `model` that the generator does not fill (added later by someone), with defaults."""
    columns, values = [], []
    for model_field in model._meta.concrete_fields:
        if model_field.column in produced:
            continue
        default = model_field.get_default() if model_field.has_default() else None
        columns.append(model_field.column)
        values.append(model_field.get_db_prep_save(default, connection))
    return columns, tuple(values)


class _Loader:
    """Writes row chunks into the member tables: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self, cursor: Any):
        self.cursor = cursor
        self.tables = []
        for model, produced in ((Member, MEMBER_COLUMNS), (Membership, MEMBERSHIP_COLUMNS)):
            extra_columns, extra_values = _extra_defaults(model, produced)
            self.tables.append((model._meta.db_table, produced + extra_columns, extra_values))

    def write(self, chunk: Chunk) -> None:
        for (table, columns, extra), rows in zip(self.tables, (chunk.members, chunk.memberships), strict=True):
            if extra:
                rows = [row + extra for row in rows]
            if connection.vendor == "postgresql":
                quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
                with self.cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
                marks = ", ".join(["%s"] * len(columns))
                self.cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)  # noqa: S608


class _PostgresBulkLoad:
    """Drops the secondary indexes and foreign keys of empty tables for a load; rebuilds them after.

    Primary keys stay. Unique constraints and partial unique indexes are rebuilt too, so a duplicate
    would still fail the load (at rebuild time instead of row by row). DDL is transactional in
    PostgreSQL: if anything fails, the whole seed rolls back with the indexes in place.
    """

    def __init__(self, cursor: Any, tables: list[str]):
        self.cursor = cursor
        self.tables = tables
        self.constraints: list[tuple[str, str, str]] = []  # (table, name, definition)
        self.indexes: list[str] = []  # CREATE INDEX statements

    def drop(self) -> None:
        cursor = self.cursor
        # Dropping a foreign key alters the referenced table too, which PostgreSQL refuses while
        # deferred checks of rows written earlier in this transaction are pending: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('f', 'u')
            ORDER BY c.contype DESC, c.conname
            """,
            [self.tables],
        )
        self.constraints = cursor.fetchall()
        for table, name, _definition in self.constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY 1
            """,
            [self.tables],
        )
        found = cursor.fetchall()
        self.indexes = [definition for _name, definition in found]
        for name, _definition in found:
            cursor.execute(f"DROP INDEX {name}")

    def rebuild(self) -> None:
        cursor = self.cursor
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for definition in self.indexes:
            cursor.execute(definition)
        # Unique constraints first, then foreign keys (validated here in one pass per key).
        for table, name, definition in sorted(self.constraints, key=lambda c: "FOREIGN" in c[2]):
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # back to Django's usual checks at commit


def _districts_by_regency() -> tuple[dict[str, list[tuple[str, str]]], dict[str, str]]:
    districts: dict[str, list[tuple[str, str]]] = {}
    for code, name, parent in (
        Region.objects.filter(kind=Region.Kind.DISTRICT).order_by("code").values_list("code", "name", "parent_id")
    ):
        districts.setdefault(parent, []).append((code.replace(".", ""), name))
    regency_names = {
        code: name.removeprefix("Kabupaten ").removeprefix("Kota Administrasi ").removeprefix("Kota ")
        for code, name in Region.objects.filter(kind__in=[Region.Kind.REGENCY, Region.Kind.CITY]).values_list(
            "code", "name"
        )
    }
    return districts, regency_names


def _registries(plants: list[Plant]) -> dict[int, tuple[str, str, int]]:
    federation_ids = sorted({p.federation_id for p in plants})
    for federation_id in federation_ids:
        FederationRegistry.objects.get_or_create(federation_id=federation_id)
    return {
        fed: (code, fmt, seq)
        for fed, code, fmt, seq in FederationRegistry.objects.filter(federation_id__in=federation_ids).values_list(
            "federation_id", "federation__code", "kta_format", "next_kta_seq"
        )
    }


@transaction.atomic
def seed_members(
    *,
    count: int,
    seed: int = 1,
    stdout: Any = None,
    chunk_size: int = CHUNK,
    timings: dict[str, float] | None = None,
    on_chunk: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Fill the registry of the demo confederation with `count` members. Refuses if members exist.

    `timings`, when given, receives seconds per phase (generation, load, index rebuild, the rest).
    """
    if count <= 0:
        return {"members": 0}
    if Member.objects.exists():
        return {"skipped": True}
    started = time.perf_counter()
    phases = timings if timings is not None else {}
    plants = demo_plants()
    if not plants:
        raise ValueError("No plant unions in a regency: run seed_demo first.")
    districts, regency_names = _districts_by_regency()
    generator = MemberGenerator(
        count=count,
        seed=seed,
        plants=plants,
        districts=districts,
        regency_names=regency_names,
        registries=_registries(plants),
        member_base=0,
        membership_base=Membership.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
    )
    conflicts: list[tuple[int, int, int]] = []
    phases["setup"] = time.perf_counter() - started
    generating = loading = 0.0
    with connection.cursor() as cursor:
        bulk = None
        if connection.vendor == "postgresql" and not Membership.objects.exists():
            bulk = _PostgresBulkLoad(cursor, [Member._meta.db_table, Membership._meta.db_table])
            bulk.drop()
        loader = _Loader(cursor)
        done = 0
        mark = time.perf_counter()
        for chunk in generator.chunks(chunk_size):
            generated = time.perf_counter()
            generating += generated - mark
            loader.write(chunk)
            conflicts.extend(chunk.conflicts)
            done += len(chunk.members)
            mark = time.perf_counter()
            loading += mark - generated
            if on_chunk is not None:
                on_chunk(done)
            if stdout is not None and done % 200_000 < len(chunk.members):
                stdout.write(f"  {done:,} members")
        phases["generate rows (Python)"] = generating
        phases["COPY" if connection.vendor == "postgresql" else "INSERT"] = loading
        mark = time.perf_counter()
        if bulk is not None:
            bulk.rebuild()
            phases["rebuild indexes and foreign keys"] = time.perf_counter() - mark
            mark = time.perf_counter()
        # Explicit ids: move the id sequences past them.
        for statement in connection.ops.sequence_reset_sql(no_style(), [Member, Membership]):
            cursor.execute(statement)
        phases["the rest (sequences, conflicts, counters)"] = time.perf_counter() - mark
        mark = time.perf_counter()
        # The name search's vocabulary (ADR 0019), counted once from the loaded names.
        rebuild_name_words()
        phases["vocabulary of name words"] = time.perf_counter() - mark
        mark = time.perf_counter()
        if connection.vendor == "sqlite":
            # SQLite has no autovacuum to gather statistics: without them its planner takes the
            # federation index for look-ups by KTA number in a big federation (a scan per chunk of an
            # import). ANALYZE once the demo is loaded, as PostgreSQL's autovacuum would.
            cursor.execute("ANALYZE")
    MembershipConflict.objects.bulk_create(
        [
            MembershipConflict(member_id=member, first_id=first, second_id=second, kind="two_federations")
            for member, first, second in conflicts
        ],
        batch_size=2000,
    )
    for federation_id, seq in generator.next_kta.items():
        FederationRegistry.objects.filter(federation_id=federation_id).update(next_kta_seq=seq)
    stats = {
        "members": count,
        "memberships": count + generator.dual_rows,
        "conflicts": len(conflicts),
        "women_share": round(generator.stats["women"] / count, 3),
        **{status: generator.stats[status] for status in ("applicant", "active", "suspended", "ended")},
        "dual": generator.stats["dual"],
    }
    record_event(
        actor=None, kind="demo.members_seeded", object_label="seed_demo --members", data={**stats, "seed": seed}
    )
    phases["the rest (sequences, conflicts, counters)"] += time.perf_counter() - mark
    stats["seconds"] = round(time.perf_counter() - started, 2)
    return stats
