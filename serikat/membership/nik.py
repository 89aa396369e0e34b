"""NIK (Nomor Induk Kependudukan): parsing, validation and cross-checking.

Layout: PP KK CC DDMMYY SSSS. PP province, KK regency/city, CC district (where the NIK was first
registered, not where the person lives now), DD birth day (+40 for women), MM month, YY year, SSSS
a serial from 0001. The NIK never changes, so a disagreement with a declared birth date or gender is
flagged for review, never "fixed" on either side.

Rejections (`errors`) make a NIK unusable; `warnings` are kept with the record for review.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from django.utils.translation import gettext as _

MIN_AGE = 14
MAX_AGE = 100


@dataclass(frozen=True)
class RegionIndex:
    """The region codes a NIK is checked against (dotted Kemendagri form: "32", "32.16", "32.16.01")."""

    provinces: frozenset[str]
    regencies: frozenset[str]
    districts: frozenset[str]

    @classmethod
    def of(cls, codes: Iterable[str]) -> RegionIndex:
        codes = list(codes)
        return cls(
            provinces=frozenset(c for c in codes if len(c) == 2),
            regencies=frozenset(c for c in codes if len(c) == 5),
            districts=frozenset(c for c in codes if len(c) == 8),
        )


@lru_cache(maxsize=1)
def _database_index(version: int) -> RegionIndex:
    from serikat.organisation.models import Region

    return RegionIndex.of(Region.objects.values_list("code", flat=True))


def database_region_index() -> RegionIndex:
    """The index of the regions table, loaded once per process (about 8,000 short strings)."""
    from serikat.organisation.models import Region

    return _database_index(Region.objects.count())


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


class NikFacts(NamedTuple):
    """What a valid NIK says. A named tuple: an import makes one per row, and a tuple is made several
    times faster than a frozen dataclass."""

    nik: str
    province_code: str
    regency_code: str
    district_code: str
    birth_date: datetime.date
    gender: str  # "F" or "M"
    serial: str


@dataclass
class NikResult:
    facts: NikFacts | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return self.facts is not None and not self.errors


_NIK_SEPARATORS = str.maketrans("", "", " .-\u00a0\t")


def normalise_nik(raw: object) -> str:
    """Digits of a NIK as typed or pasted: spaces, dots and dashes between groups are dropped."""
    text = "" if raw is None else str(raw).strip()
    if len(text) == 16 and text.isascii() and text.isdigit():
        return text  # as most are written: no separator to drop
    return text.translate(_NIK_SEPARATORS)


def _birth_year(two_digits: int, today: datetime.date) -> int:
    year = 2000 + two_digits
    return year if year <= today.year else 1900 + two_digits


def parse_nik(raw: object, *, regions: RegionIndex, today: datetime.date | None = None) -> NikResult:
    """Validate a NIK and derive region codes, birth date and gender from it."""
    today = today or datetime.date.today()  # noqa: DTZ011 - a calendar date in the local sense is meant
    nik = normalise_nik(raw)
    if not nik:
        return NikResult(None, [Problem("nik_missing", _("The NIK is empty."))])
    if not (nik.isascii() and nik.isdigit()):
        return NikResult(None, [Problem("nik_not_digits", _("A NIK has digits only; found %(text)r.") % {"text": nik})])
    if len(nik) != 16:
        return NikResult(
            None,
            [Problem("nik_length", _("A NIK has 16 digits; this one has %(count)d.") % {"count": len(nik)})],
        )
    province, regency, district = nik[:2], f"{nik[:2]}.{nik[2:4]}", f"{nik[:2]}.{nik[2:4]}.{nik[4:6]}"
    day, month, year2, serial = int(nik[6:8]), int(nik[8:10]), int(nik[10:12]), nik[12:]
    errors: list[Problem] = []
    warnings: list[Problem] = []
    if province not in regions.provinces:
        errors.append(Problem("nik_province", _("Digits 1-2 (%(code)s) are not a province code.") % {"code": province}))
    elif regency not in regions.regencies:
        errors.append(
            Problem("nik_regency", _("Digits 1-4 (%(code)s) are not a regency or city code.") % {"code": nik[:4]})
        )
    elif district not in regions.districts:
        warnings.append(
            Problem(
                "nik_district_unknown",
                _(
                    "Digits 1-6 (%(code)s) are not a current district code; "
                    "old NIKs keep codes of districts since renamed."
                )
                % {"code": nik[:6]},
            )
        )
    gender = "F" if day > 40 else "M"
    real_day = day - 40 if day > 40 else day
    birth_date = None
    if not (1 <= real_day <= 31) or not (1 <= month <= 12):
        errors.append(Problem("nik_date", _("Digits 7-12 (%(code)s) are not a birth date.") % {"code": nik[6:12]}))
    else:
        try:
            birth_date = datetime.date(_birth_year(year2, today), month, real_day)
        except ValueError:
            errors.append(Problem("nik_date", _("Digits 7-12 (%(code)s) are not a real date.") % {"code": nik[6:12]}))
    if serial == "0000":
        errors.append(Problem("nik_serial", _("The last four digits cannot be 0000.")))
    if errors or birth_date is None:
        return NikResult(None, errors, warnings)
    age = today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
    if not MIN_AGE <= age <= MAX_AGE:
        warnings.append(
            Problem(
                "nik_age",
                _("The NIK gives a birth date of %(date)s (age %(age)d): check it.")
                % {"date": birth_date.isoformat(), "age": age},
            )
        )
    facts = NikFacts(nik, province, regency, district, birth_date, gender, serial)
    return NikResult(facts, errors, warnings)


def cross_check(facts: NikFacts, *, birth_date: datetime.date | None, gender: str | None) -> list[Problem]:
    """Compare what a member declared with what the NIK says; differences are for review."""
    problems = []
    if gender and gender != facts.gender:
        problems.append(
            Problem(
                "nik_gender_mismatch",
                _("The NIK is that of a %(nik)s, but the gender given is %(given)s.")
                % {
                    "nik": _("woman") if facts.gender == "F" else _("man"),
                    "given": _("female") if gender == "F" else _("male"),
                },
            )
        )
    if birth_date and birth_date != facts.birth_date:
        problems.append(
            Problem(
                "nik_birth_date_mismatch",
                _("The NIK gives the birth date %(nik)s, but %(given)s was given.")
                % {"nik": facts.birth_date.isoformat(), "given": birth_date.isoformat()},
            )
        )
    return problems
