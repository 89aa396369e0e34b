"""Demo dues: `seed_demo --members N` also sets each federation's dues rules and gives most members a
signed deduction authorisation (surat kuasa), so that the dues screens have something to show.

The rates are the federations' published practice where known (FSPMI: 1 % of wage; SPN cites
0.5 %); the shares between levels and the levies are made up for the demo, because the real splits
are internal regulations that were not found (see docs/dues.md).
"""

from __future__ import annotations

import csv
import datetime
import tempfile
from pathlib import Path
from typing import Any

from django.db import connection
from django.db.models import F

from serikat.accounts.models import User
from serikat.dues.models import AllocationRule, AllocationShare, Authorisation, DuesPolicy, StandingRule
from serikat.dues.money import last_of_month, payment_deadline
from serikat.membership.models import Membership
from serikat.organisation.models import Level, Unit

START = datetime.date(2025, 1, 1)

# federation code -> (policy terms, allocation route, collector level, shares by level code, levy)
RULES: dict[str, dict[str, Any]] = {
    "FSPMI": {
        "policy": {"kind": "percent", "rate_basis_points": 100, "entry_fee_amount": 10_000},
        "mode": "centralised",
        "collector": "DPP",
        "shares": [("PUK", 4000), ("PC", 1000), ("KC", 500), ("DPW", 500), ("PP", 1500), ("DPP", 2500)],
        "levy": {"levy_kind": "per_capita", "levy_amount": 500},
    },
    "SPN": {
        "policy": {"kind": "percent", "rate_basis_points": 50, "floor_amount": 10_000},
        "mode": "direct",
        "shares": [("PUK", 5000), ("DPC", 2000), ("DPD", 1500), ("DPP", 1500)],
        "levy": {"levy_kind": "percent", "levy_basis_points": 200},
    },
    "ASPEK": {
        "policy": {"kind": "flat", "flat_amount": 25_000, "entry_fee_amount": 25_000},
        "mode": "direct",
        "shares": [("PUK", 6000), ("DPC", 1500), ("DPD", 1000), ("DPP", 1500)],
        "levy": {"levy_kind": "per_capita", "levy_amount": 500},
    },
}
DEFAULT_RULE = {
    "policy": {"kind": "percent", "rate_basis_points": 100, "cap_amount": 100_000},
    "mode": "centralised",
    "collector": "DPP",
    "shares": [("PUK", 5000), ("DPC", 1500), ("DPD", 1500), ("DPP", 2000)],
    "levy": {"levy_kind": "per_capita", "levy_amount": 500},
}

# In every federation but one, this share of active members with an employer has signed a surat
# kuasa (deterministic: by membership id); the rest are the "not deducted" cases of the demo.
AUTHORISED_PER_THOUSAND = 930


def seed_dues(*, actor: User, stdout: Any = None) -> dict[str, int]:
    """Rules for every federation without any, and authorisations for most active members who have
    none (set-based). Running it again adds nothing."""
    levels = {(lvl.federation_id, lvl.code): lvl for lvl in Level.objects.all()}
    policies = rules = 0
    federations = Unit.objects.filter(depth=2).exclude(pk__in=DuesPolicy.objects.values("unit_id")).order_by("path")
    for federation in federations:
        terms = RULES.get(federation.code, DEFAULT_RULE)
        DuesPolicy.objects.create(unit=federation, valid_from=START, created_by=actor, **terms["policy"])
        policies += 1

        def level(code: str, federation: Unit = federation) -> Level:
            return levels.get((federation.pk, code)) or levels[(None, code)]

        rule = AllocationRule.objects.create(
            unit=federation,
            valid_from=START,
            mode=terms["mode"],
            collector_level=level(terms["collector"]) if terms.get("collector") else None,
            created_by=actor,
            **terms["levy"],
        )
        AllocationShare.objects.bulk_create(
            AllocationShare(rule=rule, level=level(code), basis_points=points, position=i)
            for i, (code, points) in enumerate(terms["shares"])
        )
        StandingRule.objects.create(unit=federation, valid_from=START, created_by=actor)
        rules += 1
    authorised = _authorise_most_members(actor)
    if stdout is not None:
        stdout.write(f"  dues: {policies} policies, {rules} allocation rules, {authorised:,} authorisations")
    return {"dues_policies": policies, "allocation_rules": rules, "authorisations": authorised}


def _authorise_most_members(actor: User) -> int:
    """One INSERT ... SELECT: a surat kuasa signed on the day of activation, for most active or
    suspended members with an employer."""
    table = Authorisation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (membership_id, unit_id, employer_id, signed_on, document, revoked_on,
                                 revoked_reason, created_by_id, created_at)
            SELECT m.id, m.unit_id, m.employer_id, m.activated_on, '', NULL, '', %s, CURRENT_TIMESTAMP
            FROM {Membership._meta.db_table} m
            WHERE m.status IN ('active', 'suspended') AND m.employer_id IS NOT NULL
              AND m.activated_on IS NOT NULL AND (m.id * 7919) %% 1000 < %s
              AND NOT EXISTS (SELECT 1 FROM {table} a WHERE a.membership_id = m.id)
            """,  # noqa: S608 - table names from the models, values as parameters
            [actor.pk, AUTHORISED_PER_THOUSAND],
        )
        return cursor.rowcount


# The demo's dues history: three months before the demo's "now" (November 2026). The demo PUK's
# employer files go through reconciliation like a treasurer's upload; August and September are paid
# and reconciled, October still has open exceptions for the treasurer to resolve.
DEMO_MONTHS = (datetime.date(2026, 8, 1), datetime.date(2026, 9, 1), datetime.date(2026, 10, 1))
# Of the other unions, this share per thousand paid each month (by unit id: the same unions owe).
PAYING_UNIONS_PER_THOUSAND = 880


def seed_dues_months(*, actor: User, puk: Unit, workdir: Path, stdout: Any = None) -> dict[str, int]:
    """The demo PUK's deduction files reconciled, then every federation's months allocated with most
    other unions paid up (their contributions written set-based), and two months of levy paid."""
    from serikat.dues.models import Contribution, Levy
    from serikat.dues.services_allocation import record_levy_payment, run_allocation
    from serikat.dues.services_remittances import import_deductions, record_transfer

    if Contribution.objects.exists() or not Membership.objects.filter(unit=puk).exists():
        return {"remittances": 0, "allocation_runs": 0}
    employer = puk.workplace_links.select_related("workplace__employer").first()
    remittances = 0
    if employer is not None:
        employer = employer.workplace.employer
        for month in DEMO_MONTHS:
            path = _write_deduction_file(puk, employer, month, workdir, troubled=month == DEMO_MONTHS[-1])
            if path is None:
                continue
            remittance = import_deductions(actor=actor, unit=puk, employer=employer, month=month, path=path).remittance
            remittances += 1
            if month != DEMO_MONTHS[-1]:
                record_transfer(
                    actor=actor,
                    remittance=remittance,
                    received_on=last_of_month(month) + datetime.timedelta(days=6),
                    amount=remittance.deducted_amount,
                    reference=f"TRF-{puk.code}-{month:%Y%m}",
                )
    runs = 0
    for federation in Unit.objects.filter(depth=2).order_by("path"):
        for month in DEMO_MONTHS:
            run_allocation(actor=actor, federation=federation, month=month)
            _pay_most_unions(federation, month, exclude=puk)
            run = run_allocation(actor=actor, federation=federation, month=month)
            runs += 1
            levy = Levy.objects.filter(run=run).first()
            if levy is not None and month != DEMO_MONTHS[-1] and levy.due_amount:
                record_levy_payment(
                    actor=actor, levy=levy, amount=levy.due_amount, paid_on=payment_deadline(month), reference="LEVY"
                )
    if stdout is not None:
        stdout.write(f"  dues: {remittances} reconciled employer files, {runs} months allocated")
    return {"remittances": remittances, "allocation_runs": runs}


def _write_deduction_file(
    puk: Unit, employer: Any, month: datetime.date, workdir: Path, *, troubled: bool
) -> Path | None:
    """What the employer's payroll would send: every authorised member's dues for the month. A
    troubled month has one amount typed wrong, one authorised member left out and one former member
    still deducted."""
    from serikat.dues.policies import authorised_q, dues_for, owing_q, policy_book

    book = policy_book(month)
    memberships = list(
        Membership.objects.filter(owing_q(month), unit=puk, employer=employer)
        .filter(authorisations__in=Authorisation.objects.filter(authorised_q(month), employer=employer))
        .select_related("member")
        .order_by("pk")
        .distinct()
    )
    lines = []
    for membership in memberships:
        amount = dues_for(book, puk, membership.monthly_wage_amount)
        if amount is None:
            continue
        wage = int(membership.monthly_wage_amount or 0)
        lines.append([membership.employee_number, membership.member.nik, membership.member.full_name, wage, amount])
    if not lines:
        return None
    if troubled and len(lines) > 2:
        lines[0][4] += 1_000
        lines.pop()
        # Payroll has not heard that this worker left the union: a deduction to refund.
        former = (
            Membership.objects.filter(unit=puk, employer=employer, status="ended", monthly_wage_amount__isnull=False)
            .select_related("member")
            .first()
        )
        if former is not None:
            wage = int(former.monthly_wage_amount)
            lines.append([former.employee_number, former.member.nik, former.member.full_name, wage, wage // 100])
    path = workdir / f"potongan-{puk.code}-{month:%Y-%m}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["No. Induk", "NIK", "Nama", "Upah", "Potongan Iuran"])
        writer.writerows(lines)
    return path


def _pay_most_unions(federation: Unit, month: datetime.date, *, exclude: Unit) -> None:
    """Mark the month's contributions of most unions' authorised members as deducted in full."""
    from serikat.dues.models import Contribution
    from serikat.dues.policies import authorised_q

    authorised = Authorisation.objects.filter(authorised_q(month)).values("membership_id")
    Contribution.objects.filter(
        month=month, unit__path__startswith=federation.path, membership_id__in=authorised, remittance__isnull=True
    ).exclude(unit=exclude).annotate(bucket=(F("unit_id") * 7919) % 1000).filter(
        bucket__lt=PAYING_UNIONS_PER_THOUSAND
    ).update(paid_amount=F("expected_amount"))


def seed_dues_history(*, actor: User, puk: Unit, stdout: Any = None) -> dict[str, int]:
    """`seed_dues_months` with its employer files in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="serikat-demo-dues-") as folder:
        return seed_dues_months(actor=actor, puk=puk, workdir=Path(folder), stdout=stdout)
