"""Helpers of the authorisation and letter tests (no tests here): a plant union with its employer,
board, dues rules and members, all made through the services (rules as rows: their services belong
to another part of the module)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any

from serikat.dues.models import AllocationRule, AllocationShare, DuesPolicy
from serikat.membership.tests.cards_helpers import active_member, nik
from serikat.organisation.models import Position, Unit
from serikat.organisation.services import appoint_officer, link_workplace, register_employer, register_workplace

REGISTRATION = "KEP.568/DISNAKER/PP.01/X/2019"
SIGNED = datetime.date(2025, 2, 3)


def dues_rules(tree: Any) -> tuple[DuesPolicy, AllocationRule]:
    admin = tree.admin
    policy = DuesPolicy.objects.create(
        unit=tree.fspmi,
        valid_from=datetime.date(2020, 1, 1),
        kind=DuesPolicy.Kind.PERCENT,
        rate_basis_points=100,
        floor_amount=25000,
        cap_amount=150000,
        created_by=admin,
    )
    rule = AllocationRule.objects.create(
        unit=tree.fspmi,
        valid_from=datetime.date(2022, 12, 1),
        mode=AllocationRule.Mode.CENTRALISED,
        collector_level=tree.fspmi.level,
        levy_kind=AllocationRule.LevyKind.NONE,
        created_by=admin,
    )
    levels = [tree.level(tree.fspmi, code) for code in ("PUK", "PC", "KC", "DPW")] + [tree.fspmi.level]
    for position, (level, share) in enumerate(zip(levels, (4000, 1500, 1000, 1000, 2500), strict=True)):
        AllocationShare.objects.create(rule=rule, level=level, basis_points=share, position=position)
    return policy, rule


def plant_union(tree: Any, *, members: int = 3, rules: bool = True) -> SimpleNamespace:
    """PUK-A at PT Maju Logam (Cikarang plant), with Ketua and Sekretaris in office, `members` active
    members working there (employee numbers K-0001...), the FSPMI rules, and a registration number."""
    admin = tree.admin
    Unit.objects.filter(pk=tree.puk_a.pk).update(
        registration_number=REGISTRATION, address="Jl. Industri Raya No. 5, Cikarang"
    )
    tree.puk_a.refresh_from_db()
    employer = register_employer(actor=admin, unit=tree.pc_bks, name="PT Maju Logam")
    workplace = register_workplace(actor=admin, employer=employer, unit=tree.pc_bks, name="Pabrik Cikarang")
    link_workplace(actor=admin, unit=tree.puk_a, workplace=workplace, since_on=datetime.date(2020, 1, 1))
    other_employer = register_employer(actor=admin, unit=tree.puk_b, name="PT Lain Sekali")
    officers = {}
    for code, person, gender in (("ketua", "Ahmad Yani", "M"), ("sekretaris", "Dewi Lestari", "F")):
        officers[code] = appoint_officer(
            actor=admin,
            unit=tree.puk_a,
            position=Position.objects.get(code=code),
            person_name=person,
            gender=gender,
            started_on=datetime.date(2024, 1, 1),
        )
    people = [
        active_member(
            admin,
            tree.puk_a,
            n,
            full_name=f"Anggota {n:02d}",
            employer=employer,
            workplace=workplace,
            employee_number=f"K-{n:04d}",
        )
        for n in range(1, members + 1)
    ]
    policy = rule = None
    if rules:
        policy, rule = dues_rules(tree)
    return SimpleNamespace(
        unit=tree.puk_a,
        employer=employer,
        workplace=workplace,
        other_employer=other_employer,
        officers=officers,
        members=people,
        policy=policy,
        rule=rule,
        nik=nik,
    )


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64
