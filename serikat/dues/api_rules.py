"""API of the dues module: rules (dues policies, allocation rules with their shares, standing rules).

Rules are readable throughout the federations the caller works in (dues.view_dues); setting one needs
dues.manage_rules at the rule's unit. Setting a rule again for the same unit and month replaces it.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from serikat.core import permissions as perms
from serikat.core.api import Input, PageParams, actor_of, errors, keyset_page, page_of, resolve
from serikat.core.errors import NotFound
from serikat.dues import services_rules
from serikat.dues.access import access_allocation_rule, access_dues_unit, access_policy, access_standing_rule
from serikat.dues.models import AllocationRule, DuesPolicy, StandingRule
from serikat.organisation.models import Level

router = Router(tags=["dues"])


class UnitRef(Schema):
    id: int
    code: str
    name: str


class PolicyOut(Schema):
    id: int
    unit: UnitRef
    valid_from: datetime.date
    kind: str
    rate_basis_points: int | None
    flat_amount: Decimal | None
    floor_amount: Decimal | None
    cap_amount: Decimal | None
    entry_fee_amount: Decimal
    rounding: str
    rounding_step: int
    note: str


class ShareOut(Schema):
    level: int
    level_code: str
    basis_points: int


class AllocationRuleOut(Schema):
    id: int
    unit: UnitRef
    valid_from: datetime.date
    mode: str
    collector_level: int | None
    levy_kind: str
    levy_amount: Decimal | None
    levy_basis_points: int | None
    shares: list[ShareOut]
    note: str


class StandingRuleOut(Schema):
    id: int
    unit: UnitRef
    valid_from: datetime.date
    member_grace_months: int
    unit_sanction_months: int


class PolicyIn(Input):
    unit: int
    valid_from: datetime.date = Field(description="The first day of the month the policy starts.")
    kind: str = Field(description="percent or flat.")
    rate_basis_points: int | None = None
    flat_amount: int | None = None
    floor_amount: int | None = None
    cap_amount: int | None = None
    entry_fee_amount: int = 0
    rounding: str = "half_up"
    rounding_step: int = 1
    note: str = ""


class ShareIn(Input):
    level: int
    basis_points: int


class AllocationRuleIn(Input):
    unit: int
    valid_from: datetime.date
    shares: list[ShareIn] = Field(description="Levels and their shares in basis points, totalling 10,000.")
    mode: str = "centralised"
    collector_level: int | None = None
    levy_kind: str = "none"
    levy_amount: int | None = None
    levy_basis_points: int | None = None
    note: str = ""


class StandingRuleIn(Input):
    unit: int
    valid_from: datetime.date
    member_grace_months: int = 2
    unit_sanction_months: int = 3


def _rule_dict(rule: AllocationRule) -> dict[str, Any]:
    shares = sorted(rule.shares.all(), key=lambda s: s.position)
    return {
        "id": rule.pk,
        "unit": rule.unit,
        "valid_from": rule.valid_from,
        "mode": rule.mode,
        "collector_level": rule.collector_level_id,
        "levy_kind": rule.levy_kind,
        "levy_amount": rule.levy_amount,
        "levy_basis_points": rule.levy_basis_points,
        "shares": [{"level": s.level_id, "level_code": s.level.code, "basis_points": s.basis_points} for s in shares],
        "note": rule.note,
    }


def _level(field: str, pk: int | None) -> Level | None:
    if pk is None:
        return None
    level = Level.objects.filter(pk=pk).first()
    if level is None:
        raise NotFound(_("Not found."), field=field)
    return level


def _rule_unit(actor: Any, pk: int) -> Any:
    return resolve("body.unit", access_dues_unit, actor, pk, permission=perms.MANAGE_DUES_RULES)


# --- policies --------------------------------------------------------------------------------------


@router.get("/dues/policies", response={200: page_of(PolicyOut), **errors(422)}, summary="List dues policies")
def list_policies(request: HttpRequest, page: Query[PageParams]) -> Any:
    """The dues policies of the federations you work in, newest first."""
    rows = DuesPolicy.objects.visible_to(actor_of(request), perms.VIEW_DUES).select_related("unit")
    return keyset_page(request, rows, order=("-id",), cursor=page.cursor, limit=page.limit)


@router.get("/dues/policies/{int:policy_id}", response={200: PolicyOut, **errors(404)}, summary="Get a dues policy")
def get_policy(request: HttpRequest, policy_id: int) -> Any:
    return access_policy(actor_of(request), policy_id)


@router.post(
    "/dues/policies",
    response={201: PolicyOut, **errors(400, 403, 404, 422)},
    summary="Set a dues policy",
    description="What members under `unit` owe from the month `valid_from` (its first day). Needs "
    "dues.manage_rules at the unit. The same unit and month again replaces that policy.",
)
def set_policy(request: HttpRequest, payload: PolicyIn) -> Any:
    actor = actor_of(request)
    unit = _rule_unit(actor, payload.unit)
    data = payload.dict(exclude={"unit"})
    policy = services_rules.set_dues_policy(actor=actor, unit=unit, **data)
    return Status(201, policy)


# --- allocation rules -------------------------------------------------------------------------------


@router.get(
    "/dues/allocation-rules", response={200: page_of(AllocationRuleOut), **errors(422)}, summary="List allocation rules"
)
def list_allocation_rules(request: HttpRequest, page: Query[PageParams]) -> Any:
    """The allocation rules of the federations you work in, with their shares, newest first."""
    rows = (
        AllocationRule.objects.visible_to(actor_of(request), perms.VIEW_DUES)
        .select_related("unit")
        .prefetch_related("shares__level")
    )
    answer = keyset_page(request, rows, order=("-id",), cursor=page.cursor, limit=page.limit)
    answer["items"] = [_rule_dict(rule) for rule in answer["items"]]
    return answer


@router.get(
    "/dues/allocation-rules/{int:rule_id}",
    response={200: AllocationRuleOut, **errors(404)},
    summary="Get an allocation rule",
)
def get_allocation_rule(request: HttpRequest, rule_id: int) -> Any:
    return _rule_dict(access_allocation_rule(actor_of(request), rule_id))


@router.post(
    "/dues/allocation-rules",
    response={201: AllocationRuleOut, **errors(400, 403, 404, 422)},
    summary="Set an allocation rule",
    description="How the dues collected under `unit` (a federation or sector union) are shared between levels "
    "from the month `valid_from`, the payment route and the levy. The shares are the federation's levels or "
    "the shared DPP and total exactly 10,000 basis points. Needs dues.manage_rules at the unit.",
)
def set_allocation_rule(request: HttpRequest, payload: AllocationRuleIn) -> Any:
    actor = actor_of(request)
    unit = _rule_unit(actor, payload.unit)
    shares = [(_level(f"body.shares.{i}.level", s.level), s.basis_points) for i, s in enumerate(payload.shares)]
    rule = services_rules.set_allocation_rule(
        actor=actor,
        unit=unit,
        valid_from=payload.valid_from,
        shares=shares,
        mode=payload.mode,
        collector_level=_level("body.collector_level", payload.collector_level),
        levy_kind=payload.levy_kind,
        levy_amount=payload.levy_amount,
        levy_basis_points=payload.levy_basis_points,
        note=payload.note,
    )
    rule = AllocationRule.objects.select_related("unit").prefetch_related("shares__level").get(pk=rule.pk)
    return Status(201, _rule_dict(rule))


# --- standing rules ---------------------------------------------------------------------------------


@router.get(
    "/dues/standing-rules", response={200: page_of(StandingRuleOut), **errors(422)}, summary="List standing rules"
)
def list_standing_rules(request: HttpRequest, page: Query[PageParams]) -> Any:
    rows = StandingRule.objects.visible_to(actor_of(request), perms.VIEW_DUES).select_related("unit")
    return keyset_page(request, rows, order=("-id",), cursor=page.cursor, limit=page.limit)


@router.get(
    "/dues/standing-rules/{int:rule_id}", response={200: StandingRuleOut, **errors(404)}, summary="Get a standing rule"
)
def get_standing_rule(request: HttpRequest, rule_id: int) -> Any:
    return access_standing_rule(actor_of(request), rule_id)


@router.post(
    "/dues/standing-rules",
    response={201: StandingRuleOut, **errors(400, 403, 404, 422)},
    summary="Set a standing rule",
    description="From the month `valid_from`: how many months a member may be behind and still be paid-up, and "
    "after how many months with arrears a union is flagged for sanction. Needs dues.manage_rules at the unit.",
)
def set_standing_rule(request: HttpRequest, payload: StandingRuleIn) -> Any:
    actor = actor_of(request)
    unit = _rule_unit(actor, payload.unit)
    rule = services_rules.set_standing_rule(
        actor=actor,
        unit=unit,
        valid_from=payload.valid_from,
        member_grace_months=payload.member_grace_months,
        unit_sanction_months=payload.unit_sanction_months,
    )
    return Status(201, rule)
