"""Helpers of the remittance tests (no tests here): a union at an employer with a dues policy,
members made through the registry's services with signed authorisations, and real deduction files
(xlsx written by openpyxl or XlsxWriter, CSV by the csv module)."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import openpyxl
import xlsxwriter

from serikat.dues.models import Authorisation, DuesPolicy
from serikat.membership import services as membership_services
from serikat.organisation.services import link_workplace, register_employer, register_workplace

MARCH = datetime.date(2026, 3, 1)
ACTIVATED = datetime.date(2025, 1, 1)
HEADER = ["No", "NIK Karyawan", "NIK", "Nama", "Gaji Pokok", "Potongan Iuran"]


def nik(n: int) -> str:
    """A valid NIK from Kabupaten Bekasi (district 01), born 17 Aug 1985, a woman; serial n."""
    return f"3216015708850{n:03d}"


def setup_union(tree: Any, *, unit: Any = None, employer_name: str = "PT Maju Logam") -> SimpleNamespace:
    """PUK-A (or `unit`) organising at PT Maju Logam; FSPMI asks 1 % of the wage (half up) since 2025."""
    admin, unit = tree.admin, unit or tree.puk_a
    employer = register_employer(actor=admin, unit=tree.pc_bks, name=employer_name)
    workplace = register_workplace(actor=admin, employer=employer, unit=tree.pc_bks, name="Pabrik Cikarang")
    link_workplace(actor=admin, unit=unit, workplace=workplace, since_on=datetime.date(2020, 1, 1))
    other = register_employer(actor=admin, unit=tree.pc_bks, name=f"PT Lain ({unit.code})")
    policy, _created = DuesPolicy.objects.get_or_create(
        unit=tree.fspmi,
        valid_from=datetime.date(2025, 1, 1),
        defaults={"kind": "percent", "rate_basis_points": 100, "created_by": admin},
    )
    return SimpleNamespace(tree=tree, admin=admin, unit=unit, employer=employer, other_employer=other, policy=policy)


def member(
    world: SimpleNamespace,
    n: int,
    *,
    wage: int | None = 5_123_500,
    number: str | None = None,
    authorised: bool = True,
    signed_on: datetime.date = ACTIVATED,
    unit: Any = None,
    full_name: str | None = None,
    employer: Any = None,
) -> Any:
    """An active member (since 2025) of the union at the employer, with an authorisation unless told."""
    unit = unit or world.unit
    membership = membership_services.register_member(
        actor=world.admin,
        unit=unit,
        nik=nik(n),
        full_name=full_name or f"Pekerja {n}",
        joined_on=datetime.date(2024, 12, 1),
        employer=employer or world.employer,
        employee_number=number if number is not None else f"E{n:04d}",
        monthly_wage_amount=wage,
    )
    membership = membership_services.activate_membership(
        actor=world.admin, membership=membership, activated_on=ACTIVATED
    )
    if authorised:
        Authorisation.objects.create(
            membership=membership,
            unit=unit,
            employer=employer or world.employer,
            signed_on=signed_on,
            created_by=world.admin,
        )
    return membership


def write_xlsx(path: Path, rows: list[list[Any]], *, header: list[str] | None = None, title: str | None = None) -> Path:
    """openpyxl: numbers as numbers, text as text, an optional title row above the header."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Potongan"
    if title:
        sheet.append([title])
        sheet.append([])
    sheet.append(header or HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def write_xlsxwriter(path: Path, rows: list[list[Any]], *, header: list[str] | None = None) -> Path:
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = workbook.add_worksheet("Iuran")
    for c, value in enumerate(header or HEADER):
        sheet.write_string(0, c, value)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, int | float):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, str(value))
    workbook.close()
    return path


def write_csv(path: Path, rows: list[list[Any]], *, header: list[str] | None = None, delimiter: str = ",") -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header or HEADER)
        writer.writerows(rows)
    return path


def line(
    n: int, amount: Any = 51_235, *, wage: Any = 5_123_500, number: str | None = None, nik_text: Any = None
) -> list:
    """A line of the standard file for member n: No, NIK Karyawan, NIK, Nama, Gaji Pokok, Potongan Iuran."""
    return [n, number if number is not None else f"E{n:04d}", nik_text or nik(n), f"Pekerja {n}", wage, amount]
