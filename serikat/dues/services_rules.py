"""Setting the dues rules: policies (what a member owes), allocation rules (how it is shared between
levels, and the levy), standing rules (when a member is paid-up, when a union is flagged).

Rules are effective-dated: each is in force from its `valid_from` month until the next rule of the
same unit. There is one rule per unit and start month: setting a rule again for the same unit and
month replaces it (the same row, changed; the audit event keeps the terms before and after), so a
mistyped rule is corrected without leaving two rules that compete for one month. A rule for a later
month is a new row and leaves the earlier one in force for the months before it.

Who may: `dues.manage_rules` at the rule's unit. Where: the confederation (policies and standing
rules for every federation), a federation, or a sector union (SPA) whose rules differ
(docs/dues.md, sections 1, 4 and 5).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from serikat.audit.recorder import record_event
from serikat.core import permissions as perms
from serikat.core.errors import DomainError, ValidationProblems
from serikat.core.scoping import require
from serikat.dues import events
from serikat.dues.models import AllocationRule, AllocationShare, DuesPolicy, Rounding, StandingRule
from serikat.dues.money import BASIS
from serikat.dues.querysets import STEP  # treebeard's steplen
from serikat.organisation.models import Level, Unit

SHARED_FEDERATION_LEVEL = "DPP"  # the shared level of every federation's own board
MAX_AMOUNT = 10**13  # far above any month's dues; keeps arithmetic and columns in range
MAX_MONTHS = 120


class DuesRuleBroken(DomainError):
    code = "dues-rule"


# --- checks shared by the three kinds ------------------------------------------------------------


def is_rule_unit(unit: Unit, *, allocation: bool = False) -> bool:
    """Rules belong to the confederation (not allocation rules: they name a federation's levels),
    a federation, or a sector union (a unit on the sector axis directly under its federation)."""
    if unit.depth == 2 or (unit.depth == 1 and not allocation):
        return True
    return unit.depth == 3 and unit.level.axis == Level.Axis.SECTOR


def _check_unit(unit: Unit, problems: ValidationProblems, *, allocation: bool = False) -> None:
    if not is_rule_unit(unit, allocation=allocation):
        if allocation:
            problems.add("unit", _("Allocation rules belong to a federation or a sector union."))
        else:
            problems.add("unit", _("Dues rules belong to the confederation, a federation or a sector union."))


def _check_month(valid_from: Any, problems: ValidationProblems) -> None:
    if not isinstance(valid_from, datetime.date):
        problems.add("valid_from", _("Give the month the rule starts."))
    elif valid_from.day != 1:
        problems.add("valid_from", _("A rule starts on the first day of a month."))


def _whole(value: Any, field: str, problems: ValidationProblems, *, required: bool, minimum: int = 0) -> int | None:
    """An amount or a count as a whole number, or None when empty and not required."""
    if value is None or value == "":
        if required:
            problems.add(field, _("This field is required."))
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        problems.add(field, _("Enter a whole number."))
        return None
    if number != number.to_integral_value():
        problems.add(field, _("Enter a whole number (whole Rupiah)."))
        return None
    whole = int(number)
    if whole < minimum:
        problems.add(field, _("Enter a number of at least %(minimum)s.") % {"minimum": minimum})
        return None
    if whole >= MAX_AMOUNT:
        problems.add(field, _("This number is too large."))
        return None
    return whole


def _must_be_empty(value: Any, field: str, message: str, problems: ValidationProblems) -> None:
    if value not in (None, ""):
        problems.add(field, message)


def federation_of_rule_unit(unit: Unit) -> Unit | None:
    if unit.depth < 2:
        return None
    return Unit.objects.get(path=unit.path[: 2 * STEP])


# --- dues policies -------------------------------------------------------------------------------

POLICY_TERMS = (
    "kind",
    "rate_basis_points",
    "flat_amount",
    "floor_amount",
    "cap_amount",
    "entry_fee_amount",
    "rounding",
    "rounding_step",
    "note",
)


def _policy_terms(policy: DuesPolicy) -> dict[str, Any]:
    terms = {name: getattr(policy, name) for name in POLICY_TERMS}
    for name in ("flat_amount", "floor_amount", "cap_amount", "entry_fee_amount"):
        if terms[name] is not None:
            terms[name] = int(terms[name])
    return terms


def set_dues_policy(
    *,
    actor: Any,
    unit: Unit,
    valid_from: datetime.date,
    kind: str,
    rate_basis_points: Any = None,
    flat_amount: Any = None,
    floor_amount: Any = None,
    cap_amount: Any = None,
    entry_fee_amount: Any = 0,
    rounding: str = Rounding.HALF_UP,
    rounding_step: Any = 1,
    note: str = "",
) -> DuesPolicy:
    """Set what members under `unit` owe each month from `valid_from` (docs/dues.md, section 1).

    A percentage policy needs a rate (basis points, at most 10,000) and may have a minimum and a
    maximum; a flat policy needs an amount and has neither. Setting the same unit and month again
    replaces that policy. Records dues.policy_set with the terms (and the replaced ones)."""
    require(actor, perms.MANAGE_DUES_RULES, unit)
    problems = ValidationProblems()
    _check_unit(unit, problems)
    _check_month(valid_from, problems)
    terms: dict[str, Any] = {"kind": kind, "rounding": rounding, "note": (note or "").strip()[:200]}
    if kind not in DuesPolicy.Kind.values:
        problems.add("kind", _("Choose a percentage of the wage or a flat amount."))
    if rounding not in Rounding.values:
        problems.add("rounding", _("Choose how amounts are rounded."))
    terms["rounding_step"] = _whole(rounding_step, "rounding_step", problems, required=True, minimum=1)
    terms["entry_fee_amount"] = _whole(entry_fee_amount or 0, "entry_fee_amount", problems, required=True)
    terms["rate_basis_points"] = terms["flat_amount"] = terms["floor_amount"] = terms["cap_amount"] = None
    if kind == DuesPolicy.Kind.PERCENT:
        rate = _whole(rate_basis_points, "rate_basis_points", problems, required=True, minimum=1)
        if rate is not None and rate > BASIS:
            problems.add("rate_basis_points", _("A rate is at most 10,000 basis points (100%)."))
        terms["rate_basis_points"] = rate
        terms["floor_amount"] = _whole(floor_amount, "floor_amount", problems, required=False)
        terms["cap_amount"] = _whole(cap_amount, "cap_amount", problems, required=False)
        floor, cap = terms["floor_amount"], terms["cap_amount"]
        if floor is not None and cap is not None and floor > cap:
            problems.add("cap_amount", _("The maximum is below the minimum."))
        _must_be_empty(flat_amount, "flat_amount", _("A percentage policy has no flat amount."), problems)
    elif kind == DuesPolicy.Kind.FLAT:
        terms["flat_amount"] = _whole(flat_amount, "flat_amount", problems, required=True)
        message = _("A flat policy has no rate, minimum or maximum.")
        _must_be_empty(rate_basis_points, "rate_basis_points", message, problems)
        _must_be_empty(floor_amount, "floor_amount", message, problems)
        _must_be_empty(cap_amount, "cap_amount", message, problems)
    problems.raise_if_any(_("The dues policy was not set."))
    with transaction.atomic():
        policy = DuesPolicy.objects.select_for_update().filter(unit=unit, valid_from=valid_from).first()
        replaced = _policy_terms(policy) if policy is not None else None
        if policy is None:
            policy = DuesPolicy(unit=unit, valid_from=valid_from, created_by=actor)
        for name, value in terms.items():
            setattr(policy, name, value)
        policy.save()
        record_event(
            actor=actor,
            kind=events.POLICY_SET,
            subject=policy,
            unit=unit,
            data={"valid_from": valid_from, "terms": _policy_terms(policy), "replaced": replaced},
        )
    return policy


# --- allocation rules ----------------------------------------------------------------------------


def _rule_terms(rule: AllocationRule, shares: Sequence[tuple[Level, int]]) -> dict[str, Any]:
    return {
        "mode": rule.mode,
        "collector_level": rule.collector_level.code if rule.collector_level_id else None,
        "levy_kind": rule.levy_kind,
        "levy_amount": int(rule.levy_amount) if rule.levy_amount is not None else None,
        "levy_basis_points": rule.levy_basis_points,
        "shares": [[level.code, basis_points] for level, basis_points in shares],
        "note": rule.note,
    }


def _level_belongs(level: Level, federation: Unit | None) -> bool:
    if level.federation_id is None:
        return level.code == SHARED_FEDERATION_LEVEL
    return federation is not None and level.federation_id == federation.pk


def set_allocation_rule(
    *,
    actor: Any,
    unit: Unit,
    valid_from: datetime.date,
    shares: Sequence[tuple[Level, Any]],
    mode: str = AllocationRule.Mode.CENTRALISED,
    collector_level: Level | None = None,
    levy_kind: str = AllocationRule.LevyKind.NONE,
    levy_amount: Any = None,
    levy_basis_points: Any = None,
    note: str = "",
) -> AllocationRule:
    """Set how the dues collected under `unit` are shared between levels from `valid_from`, and the
    federation's levy to the confederation (docs/dues.md, section 4).

    `shares` is a list of (level, basis points) in the order ties are broken; the levels are the
    federation's own or the shared federation board (DPP), each once, and the shares total exactly
    10,000. The centralised route names the collecting level; the direct route names none. A levy
    per member needs an amount, a percentage levy basis points, no levy neither. Setting the same
    unit and month again replaces the rule and its shares."""
    require(actor, perms.MANAGE_DUES_RULES, unit)
    problems = ValidationProblems()
    _check_unit(unit, problems, allocation=True)
    _check_month(valid_from, problems)
    federation = federation_of_rule_unit(unit) if unit.depth >= 2 else None
    cleaned: list[tuple[Level, int]] = []
    seen: set[int] = set()
    if not shares:
        problems.add("shares", _("Give each level its share."))
    for level, basis_points in shares:
        if not _level_belongs(level, federation):
            problems.add("shares", _("The level %(level)s is not a level of this federation.") % {"level": level.code})
            continue
        if level.pk in seen:
            problems.add("shares", _("The level %(level)s is listed twice.") % {"level": level.code})
            continue
        seen.add(level.pk)
        points = _whole(basis_points, "shares", problems, required=True)
        if points is not None:
            cleaned.append((level, points))
    total = sum(points for _level, points in cleaned)
    if cleaned and len(cleaned) == len(shares) and total != BASIS:
        problems.add(
            "shares",
            _("The shares total %(total)s basis points; they must total exactly 10,000 (100%%).")
            % {"total": f"{total:,}"},
        )
    if mode not in AllocationRule.Mode.values:
        problems.add("mode", _("Choose the payment route."))
    elif mode == AllocationRule.Mode.CENTRALISED:
        if collector_level is None:
            problems.add("collector_level", _("The centralised route needs the level that collects."))
        elif not _level_belongs(collector_level, federation):
            problems.add("collector_level", _("The collecting level is not a level of this federation."))
    elif collector_level is not None:
        problems.add("collector_level", _("Only the centralised route has a collecting level."))
    amount = points_levy = None
    if levy_kind not in AllocationRule.LevyKind.values:
        problems.add("levy_kind", _("Choose the kind of levy."))
    elif levy_kind == AllocationRule.LevyKind.PER_CAPITA:
        amount = _whole(levy_amount, "levy_amount", problems, required=True, minimum=1)
        _must_be_empty(levy_basis_points, "levy_basis_points", _("A levy per member has no percentage."), problems)
    elif levy_kind == AllocationRule.LevyKind.PERCENT:
        points_levy = _whole(levy_basis_points, "levy_basis_points", problems, required=True, minimum=1)
        if points_levy is not None and points_levy > BASIS:
            problems.add("levy_basis_points", _("A levy is at most 10,000 basis points (100%)."))
        _must_be_empty(levy_amount, "levy_amount", _("A percentage levy has no amount per member."), problems)
    else:
        message = _("Without a levy there is no amount or percentage.")
        _must_be_empty(levy_amount, "levy_amount", message, problems)
        _must_be_empty(levy_basis_points, "levy_basis_points", message, problems)
    problems.raise_if_any(_("The allocation rule was not set."))
    with transaction.atomic():
        rule = AllocationRule.objects.select_for_update().filter(unit=unit, valid_from=valid_from).first()
        replaced = None
        if rule is not None:
            old_shares = [(s.level, s.basis_points) for s in rule.shares.select_related("level").order_by("position")]
            replaced = _rule_terms(rule, old_shares)
            rule.shares.all().delete()
        else:
            rule = AllocationRule(unit=unit, valid_from=valid_from, created_by=actor)
        rule.mode = mode
        rule.collector_level = collector_level if mode == AllocationRule.Mode.CENTRALISED else None
        rule.levy_kind = levy_kind
        rule.levy_amount = amount
        rule.levy_basis_points = points_levy
        rule.note = (note or "").strip()[:200]
        rule.save()
        AllocationShare.objects.bulk_create(
            [
                AllocationShare(rule=rule, level=level, basis_points=points, position=position)
                for position, (level, points) in enumerate(cleaned)
            ]
        )
        record_event(
            actor=actor,
            kind=events.ALLOCATION_RULE_SET,
            subject=rule,
            unit=unit,
            data={"valid_from": valid_from, "terms": _rule_terms(rule, cleaned), "replaced": replaced},
        )
    return rule


# --- standing rules ------------------------------------------------------------------------------


def set_standing_rule(
    *,
    actor: Any,
    unit: Unit,
    valid_from: datetime.date,
    member_grace_months: Any = 2,
    unit_sanction_months: Any = 3,
) -> StandingRule:
    """Set from `valid_from` how many months a member may be behind and still be paid-up, and after
    how many months with arrears a union is flagged for sanction (docs/dues.md, section 5)."""
    require(actor, perms.MANAGE_DUES_RULES, unit)
    problems = ValidationProblems()
    _check_unit(unit, problems)
    _check_month(valid_from, problems)
    grace = _whole(member_grace_months, "member_grace_months", problems, required=True)
    sanction = _whole(unit_sanction_months, "unit_sanction_months", problems, required=True, minimum=1)
    if grace is not None and grace > MAX_MONTHS:
        problems.add("member_grace_months", _("At most %(months)s months.") % {"months": MAX_MONTHS})
    if sanction is not None and sanction > MAX_MONTHS:
        problems.add("unit_sanction_months", _("At most %(months)s months.") % {"months": MAX_MONTHS})
    problems.raise_if_any(_("The standing rule was not set."))
    with transaction.atomic():
        rule = StandingRule.objects.select_for_update().filter(unit=unit, valid_from=valid_from).first()
        replaced = None
        if rule is not None:
            replaced = {
                "member_grace_months": rule.member_grace_months,
                "unit_sanction_months": rule.unit_sanction_months,
            }
        else:
            rule = StandingRule(unit=unit, valid_from=valid_from, created_by=actor)
        rule.member_grace_months = grace
        rule.unit_sanction_months = sanction
        rule.save()
        record_event(
            actor=actor,
            kind=events.STANDING_RULE_SET,
            subject=rule,
            unit=unit,
            data={
                "valid_from": valid_from,
                "terms": {"member_grace_months": grace, "unit_sanction_months": sanction},
                "replaced": replaced,
            },
        )
    return rule
