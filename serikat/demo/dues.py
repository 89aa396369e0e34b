"""Demo dues: `seed_demo --members N` also sets each federation's dues rules and gives most members a
signed deduction authorisation (surat kuasa), so that the dues screens have something to show.

The rates are the federations' published practice where known (FSPMI: 1 % of wage; SPN cites
0.5 %); the shares between levels and the levies are made up for the demo, because the real splits
are internal regulations that were not found (see docs/dues.md).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection

from serikat.accounts.models import User
from serikat.dues.models import AllocationRule, AllocationShare, Authorisation, DuesPolicy, StandingRule
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
