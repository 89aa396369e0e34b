"""Helpers of the rules, allocation and report tests (no tests here): members made through the
registry's services, FSPMI's rules set through the dues services, contributions paid as
reconciliation would record them."""

from __future__ import annotations

import datetime
from typing import Any

from serikat.dues.models import Contribution
from serikat.dues.services_rules import set_allocation_rule, set_dues_policy, set_standing_rule
from serikat.membership import services

JOINED = datetime.date(2024, 1, 2)
JAN = datetime.date(2025, 1, 1)
FEB = datetime.date(2025, 2, 1)
MAR = datetime.date(2025, 3, 1)

# FSPMI's shares in this world (basis points), in the order ties go.
FSPMI_SHARES = (("PUK", 4000), ("PC", 1000), ("PP", 1000), ("KC", 1000), ("DPW", 1000), ("DPP", 2000))


def nik(n: int) -> str:
    """A valid NIK from Kabupaten Bekasi, district 01, born 17 Aug 1985, a woman; serial n (< 10,000)."""
    return f"321601570885{n:04d}"


def member(
    admin: Any,
    unit: Any,
    n: int,
    *,
    wage: int | None = 5_000_000,
    activated_on: datetime.date = JOINED,
    ended_on: datetime.date | None = None,
) -> Any:
    membership = services.register_member(
        actor=admin,
        unit=unit,
        nik=nik(n),
        full_name=f"Anggota {n}",
        joined_on=min(JOINED, activated_on),
        monthly_wage_amount=wage,
    )
    membership = services.activate_membership(actor=admin, membership=membership, activated_on=activated_on)
    if ended_on is not None:
        membership = services.end_membership(
            actor=admin, membership=membership, reason="resignation", ended_on=ended_on
        )
    return membership


def level(tree: Any, code: str) -> Any:
    from serikat.organisation.models import Level

    if code == "DPP":
        return Level.objects.get(federation=None, code="DPP")
    return tree.level(tree.fspmi, code)


def fspmi_rules(
    tree: Any,
    *,
    valid_from: datetime.date = JAN,
    rate: int = 100,
    levy_kind: str = "per_capita",
    levy_amount: int | None = 1_000,
    levy_basis_points: int | None = None,
    shares: tuple[tuple[str, int], ...] = FSPMI_SHARES,
) -> tuple[Any, Any]:
    """FSPMI: 1% of the wage (at least Rp 10,000, at most Rp 100,000), shared by FSPMI_SHARES,
    centralised at the federation's board, with a levy."""
    policy = set_dues_policy(
        actor=tree.admin,
        unit=tree.fspmi,
        valid_from=valid_from,
        kind="percent",
        rate_basis_points=rate,
        floor_amount=10_000,
        cap_amount=100_000,
    )
    rule = set_allocation_rule(
        actor=tree.admin,
        unit=tree.fspmi,
        valid_from=valid_from,
        shares=[(level(tree, code), points) for code, points in shares],
        mode="centralised",
        collector_level=level(tree, "DPP"),
        levy_kind=levy_kind,
        levy_amount=levy_amount,
        levy_basis_points=levy_basis_points,
    )
    return policy, rule


def standing(tree: Any, *, grace: int = 2, sanction: int = 3, valid_from: datetime.date = JAN) -> Any:
    return set_standing_rule(
        actor=tree.admin,
        unit=tree.fspmi,
        valid_from=valid_from,
        member_grace_months=grace,
        unit_sanction_months=sanction,
    )


def pay(membership: Any, month: datetime.date, amount: int) -> None:
    """What reconciliation records for a matched line: the member's month, paid."""
    Contribution.objects.filter(membership=membership, month=month).update(paid_amount=amount)
