"""The read models of the dues reports: a member's statement, a union's month, what a unit is due as
recipient, arrears ageing and sanction flags, paid-up standing, and the federations' levies.

Union-level reports read the allocation's rollup (UnionMonth: one row per union and allocated month)
and its entries, never the members' rows, so that a federation's arrears at 2 million members are a
few aggregate queries. Member-level answers (statement, paid-up) read the member's contributions.
Everything goes through `visible_to(actor, dues.view_dues)` or a row the caller fetched through an
access function (docs/dues.md, section 5).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from serikat.core import permissions as perms
from serikat.core.scoping import scope_of
from serikat.dues.models import (
    AllocationEntry,
    AllocationRun,
    Contribution,
    Levy,
    ReconciliationException,
    Remittance,
    StandingRule,
    UnionMonth,
)
from serikat.dues.money import first_of_month
from serikat.dues.policies import RuleBook
from serikat.membership.models import Membership
from serikat.organisation.models import Unit

DEFAULT_GRACE_MONTHS = 2
DEFAULT_SANCTION_MONTHS = 3
STATEMENT_MONTHS = 120
SANCTION_LIST_LIMIT = 100

# Ageing buckets by months with arrears: (key, lowest, highest or None).
BUCKETS = (("1", 1, 1), ("2-3", 2, 3), ("4-6", 4, 6), ("7+", 7, None))


def _money() -> DecimalField:
    return DecimalField(max_digits=16, decimal_places=0)


def _int(value: Any) -> int:
    return int(value or 0)


# --- standing rules ------------------------------------------------------------------------------


def standing_terms(unit: Any, on: datetime.date) -> tuple[int, int]:
    """(member grace months, union sanction months) of the standing rule in force for `unit` on `on`."""
    rule = RuleBook(StandingRule, first_of_month(on)).for_unit(unit)
    if rule is None:
        return DEFAULT_GRACE_MONTHS, DEFAULT_SANCTION_MONTHS
    return rule.member_grace_months, rule.unit_sanction_months


def _standing_case(
    month: datetime.date, attribute: str, default: int, unit_lookup: str, within: Unit | None = None
) -> Any:
    """The standing rule's months per row, by the path of the row's unit: one CASE arm per rule unit,
    the deepest first (the RuleBook's order), so the rule of thousands of unions is one expression.
    Rows all `within` one unit that no deeper rule divides get a constant (no join to the units)."""
    latest: dict[int, StandingRule] = {}
    for rule in (
        StandingRule.objects.filter(valid_from__lte=month).select_related("unit").order_by("unit_id", "-valid_from")
    ):
        latest.setdefault(rule.unit_id, rule)
    rules = sorted(latest.values(), key=lambda r: (-len(r.unit.path), r.unit.path))
    if within is not None and not any(
        r.unit.path.startswith(within.path) and r.unit.path != within.path for r in rules
    ):
        above = [r for r in rules if within.path.startswith(r.unit.path)]
        return Value(getattr(above[0], attribute) if above else default, output_field=IntegerField())
    arms = [When(**{f"{unit_lookup}__path__startswith": r.unit.path}, then=Value(getattr(r, attribute))) for r in rules]
    if not arms:
        return Value(default, output_field=IntegerField())
    return Case(*arms, default=Value(default), output_field=IntegerField())


# --- a member ------------------------------------------------------------------------------------


@dataclass
class StatementRow:
    month: datetime.date
    unit_code: str
    due: int
    paid: int

    @property
    def arrears(self) -> int:
        return max(self.due - self.paid, 0)


@dataclass
class Statement:
    membership: Any
    rows: list[StatementRow]
    due: int
    paid: int
    arrears: int
    months_in_arrears: int
    grace_months: int
    paid_up: bool
    on: datetime.date


def member_statement(membership: Membership, *, on: datetime.date | None = None) -> Statement:
    """A membership's dues month by month (newest first, the last ten years): due, paid, arrears;
    and whether it is paid-up on `on` (today by default). `membership` comes from an access
    function. Two queries."""
    from django.utils import timezone

    on = on or timezone.localdate()
    rows = [
        StatementRow(month, code, _int(due), _int(paid))
        for month, code, due, paid in Contribution.objects.filter(membership=membership)
        .order_by("-month")
        .values_list("month", "unit__code", "expected_amount", "paid_amount")[:STATEMENT_MONTHS]
    ]
    grace, _sanction = standing_terms(membership.unit, on)
    ended = [row for row in rows if row.month < first_of_month(on)]
    months = sum(1 for row in ended if row.arrears > 0)
    return Statement(
        membership=membership,
        rows=rows,
        due=sum(row.due for row in rows),
        paid=sum(row.paid for row in rows),
        arrears=sum(row.arrears for row in rows),
        months_in_arrears=sum(1 for row in rows if row.arrears > 0),
        grace_months=grace,
        paid_up=months <= grace,
        on=on,
    )


def _arrears_months_before(on: datetime.date) -> Subquery:
    """Per membership: its months with arrears among the months that ended before `on`."""
    return Subquery(
        Contribution.objects.filter(
            membership=OuterRef("pk"), month__lt=first_of_month(on), expected_amount__gt=F("paid_amount")
        )
        .order_by()
        .values("membership")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def is_paid_up(membership: Membership, on: datetime.date) -> bool:
    """Whether the member is paid-up as of `on`: their months with arrears among the months that
    ended before `on` are at most the standing rule's grace (docs/dues.md, section 5)."""
    grace, _sanction = standing_terms(membership.unit, on)
    behind = Contribution.objects.filter(
        membership=membership, month__lt=first_of_month(on), expected_amount__gt=F("paid_amount")
    ).count()
    return behind <= grace


def paid_up_memberships(actor: Any, unit: Unit, on: datetime.date) -> QuerySet[Membership]:
    """The memberships under `unit` (either axis) that were current on `on` and are paid-up as of it,
    each annotated with `arrears_months` and `grace_months`: the congress module counts delegates
    from this. One query however many members; `unit` comes from an access function."""
    current = (
        Q(activated_on__isnull=False, activated_on__lte=on)
        & ~Q(status=Membership.Status.APPLICANT)
        & (Q(ended_on__isnull=True) | Q(ended_on__gte=on))
    )
    under = Q(unit__path__startswith=unit.path) | Q(unit__territory_path__startswith=unit.path)
    return (
        Membership.objects.visible_to(actor, perms.VIEW_DUES)
        .filter(current, under)
        .annotate(
            arrears_months=Coalesce(_arrears_months_before(on), Value(0)),
            grace_months=_standing_case(first_of_month(on), "member_grace_months", DEFAULT_GRACE_MONTHS, "unit"),
        )
        .filter(arrears_months__lte=F("grace_months"))
    )


# --- a union's month -----------------------------------------------------------------------------


@dataclass
class UnionMonthReport:
    unit: Unit
    month: datetime.date
    expected: int
    deducted: int
    received: int
    refund: int
    exceptions_open: int
    remittances: list[Remittance]
    due: int
    paid: int
    members: int
    allocated: bool


def union_month(unit: Unit, month: datetime.date) -> UnionMonthReport:
    """A union's month: what its employers' files expected, deducted and transferred, the open
    exceptions, and its members' contributions (due, paid). `unit` comes from an access function."""
    remittances = list(
        Remittance.objects.filter(unit=unit, month=month)
        .select_related("employer")
        .annotate(
            open_exceptions=Count(
                "exceptions", filter=Q(exceptions__status=ReconciliationException.Status.OPEN), distinct=True
            )
        )
        .order_by("employer__name", "id")
    )
    contributions = Contribution.objects.filter(unit=unit, month=month).aggregate(
        due=Sum("expected_amount"), paid=Sum("paid_amount"), members=Count("pk")
    )
    return UnionMonthReport(
        unit=unit,
        month=month,
        expected=sum(_int(r.expected_amount) for r in remittances),
        deducted=sum(_int(r.deducted_amount) for r in remittances),
        received=sum(_int(r.received_amount) for r in remittances),
        refund=sum(_int(r.refund_amount) for r in remittances),
        exceptions_open=sum(r.open_exceptions for r in remittances),
        remittances=remittances,
        due=_int(contributions["due"]),
        paid=_int(contributions["paid"]),
        members=contributions["members"],
        allocated=UnionMonth.objects.filter(unit=unit, month=month).exists(),
    )


# --- what a unit is due as recipient --------------------------------------------------------------


@dataclass
class AllocationLine:
    month: datetime.date
    level: str
    due: int
    received: int

    @property
    def outstanding(self) -> int:
        return max(self.due - self.received, 0)


@dataclass
class AllocationReport:
    unit: Unit
    start: datetime.date
    end: datetime.date
    lines: list[AllocationLine]
    months: list[tuple[datetime.date, int, int]] = field(default_factory=list)  # month, due, received

    @property
    def due(self) -> int:
        return sum(line.due for line in self.lines)

    @property
    def received(self) -> int:
        return sum(line.received for line in self.lines)


def allocation_report(unit: Unit, start: datetime.date, end: datetime.date) -> AllocationReport:
    """What `unit` is due and has received as recipient, per month and level, from `start` to `end`
    (first days of months). One GROUP BY on the entries' recipient index."""
    lines = [
        AllocationLine(month, code, _int(due), _int(received))
        for month, code, due, received in AllocationEntry.objects.filter(
            recipient_unit=unit, month__gte=start, month__lte=end
        )
        .values("month", "level__code", "level__rank")
        .annotate(due=Sum("due_amount"), received=Sum("received_amount"))
        .order_by("month", "level__rank", "level__code")
        .values_list("month", "level__code", "due", "received")
    ]
    by_month: dict[datetime.date, list[int]] = {}
    for line in lines:
        totals = by_month.setdefault(line.month, [0, 0])
        totals[0] += line.due
        totals[1] += line.received
    return AllocationReport(
        unit=unit, start=start, end=end, lines=lines, months=[(m, d, r) for m, (d, r) in sorted(by_month.items())]
    )


# --- arrears ageing and sanctions ----------------------------------------------------------------


@dataclass
class UnionArrears:
    unit_id: int
    code: str
    name: str
    federation_code: str
    months: int
    arrears: int
    oldest: datetime.date
    threshold: int

    @property
    def flagged(self) -> bool:
        return self.months >= self.threshold


@dataclass
class ArrearsReport:
    upto: datetime.date | None
    due: int
    received: int
    unions: int
    unions_in_arrears: int
    buckets: list[tuple[str, int, int]]  # key, unions, arrears
    flagged_count: int
    flagged: list[UnionArrears]

    @property
    def arrears(self) -> int:
        return sum(amount for _key, _unions, amount in self.buckets)


def union_months(
    actor: Any, *, federation: Unit | None = None, unit: Unit | None = None, permission: str = perms.VIEW_DUES
) -> QuerySet[UnionMonth]:
    """The allocated union months the actor may see, of one federation or under one unit (either axis)."""
    if federation is not None and scope_of(actor, permission).covers(federation):
        # The whole federation is in scope: its rows need no join to the units to be scoped.
        rows = UnionMonth.objects.filter(federation=federation)
    else:
        rows = UnionMonth.objects.visible_to(actor, permission)
    if federation is not None:
        rows = rows.filter(federation=federation)
    if unit is not None:
        rows = rows.filter(Q(unit__path__startswith=unit.path) | Q(unit__territory_path__startswith=unit.path))
    return rows


def latest_month(rows: QuerySet[UnionMonth]) -> datetime.date | None:
    return rows.aggregate(latest=Max("month"))["latest"]


def _per_union(rows: QuerySet[UnionMonth], upto: datetime.date) -> QuerySet:
    behind = Q(due_amount__gt=F("received_amount"))
    return (
        rows.filter(month__lte=upto, due_amount__gt=F("received_amount"))
        .values("unit_id")
        .annotate(
            months=Count("pk", filter=behind),
            arrears=Sum(F("due_amount") - F("received_amount"), output_field=_money()),
            oldest=Min("month"),
        )
        .order_by()
    )


def _bucket_sql() -> str:
    arms = " ".join(
        f"WHEN months >= {low} AND months <= {high} THEN '{key}'" if high else f"WHEN months >= {low} THEN '{key}'"
        for key, low, high in BUCKETS
    )
    return f"CASE {arms} END"


def arrears_report(
    actor: Any,
    *,
    federation: Unit | None = None,
    unit: Unit | None = None,
    upto: datetime.date | None = None,
    limit: int = SANCTION_LIST_LIMIT,
) -> ArrearsReport:
    """Arrears ageing of the unions the actor may see (of `federation`, or under `unit`), counting
    the allocated months up to `upto` (default: the latest allocated): each union's months with
    arrears and their amount, the unions in each bucket (1, 2-3, 4-6, more than 6 months), and the
    unions flagged for sanction by their standing rule, worst first (at most `limit`).
    A handful of aggregate queries over the rollup, whatever the number of members."""
    rows = union_months(actor, federation=federation, unit=unit)
    upto = upto or latest_month(rows)
    if upto is None:
        return ArrearsReport(None, 0, 0, 0, 0, [(key, 0, 0) for key, *_r in BUCKETS], 0, [])
    totals = rows.filter(month=upto).aggregate(
        due=Sum("due_amount"), received=Sum("received_amount"), unions=Count("pk")
    )
    threshold = _standing_case(upto, "unit_sanction_months", DEFAULT_SANCTION_MONTHS, "unit", federation or unit)
    per_union = _per_union(rows, upto).annotate(threshold=Max(threshold))
    # Buckets and the number flagged in one pass over the per-union sums.
    inner, params = per_union.values("months", "arrears", "threshold").query.sql_with_params()
    sql = (
        f"SELECT {_bucket_sql()} AS bucket, COUNT(*), SUM(arrears), "  # noqa: S608 - fixed SQL around an ORM query
        f"SUM(CASE WHEN months >= threshold THEN 1 ELSE 0 END) FROM ({inner}) per_union GROUP BY 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = {key: (count, _int(amount), _int(flags)) for key, count, amount, flags in cursor.fetchall()}
    buckets = [(key, *found.get(key, (0, 0, 0))[:2]) for key, *_r in BUCKETS]
    flagged_count = sum(flags for _count, _amount, flags in found.values())
    flagged_rows = per_union.filter(months__gte=F("threshold"))
    flagged = [
        UnionArrears(
            row["unit_id"],
            row["unit__code"],
            row["unit__name"],
            "",
            row["months"],
            _int(row["arrears"]),
            row["oldest"],
            row["threshold"],
        )
        for row in flagged_rows.values(
            "unit_id", "unit__code", "unit__name", "months", "arrears", "oldest", "threshold"
        ).order_by("-months", "-arrears", "unit__code")[:limit]
    ]
    return ArrearsReport(
        upto=upto,
        due=_int(totals["due"]),
        received=_int(totals["received"]),
        unions=totals["unions"],
        unions_in_arrears=sum(count for _key, count, _amount in buckets),
        buckets=buckets,
        flagged_count=flagged_count,
        flagged=flagged,
    )


def arrears_rows(
    actor: Any, *, federation: Unit | None = None, upto: datetime.date | None = None, permission: str = perms.VIEW_DUES
) -> list[UnionArrears]:
    """Every union in arrears (for an export): months with arrears up to `upto`, amount, oldest
    month, sanction threshold; worst first. One query."""
    rows = union_months(actor, federation=federation, permission=permission)
    upto = upto or latest_month(rows)
    if upto is None:
        return []
    threshold = _standing_case(upto, "unit_sanction_months", DEFAULT_SANCTION_MONTHS, "unit")
    found = (
        _per_union(rows, upto)
        .annotate(threshold=Max(threshold))
        .values("unit_id", "unit__code", "unit__name", "months", "arrears", "oldest", "threshold")
        .order_by("-months", "-arrears", "unit__code")
    )
    return [
        UnionArrears(
            r["unit_id"],
            r["unit__code"],
            r["unit__name"],
            "",
            r["months"],
            _int(r["arrears"]),
            r["oldest"],
            r["threshold"],
        )
        for r in found
    ]


def union_arrears(actor: Any, unit: Unit, upto: datetime.date | None = None) -> UnionArrears | None:
    """One union's months with arrears and their amount (None when it has none)."""
    rows = union_months(actor).filter(unit=unit)
    upto = upto or latest_month(rows)
    if upto is None:
        return None
    row = next(iter(_per_union(rows, upto)), None)
    if row is None:
        return None
    _grace, sanction = standing_terms(unit, upto)
    return UnionArrears(unit.pk, unit.code, unit.name, "", row["months"], _int(row["arrears"]), row["oldest"], sanction)


def flagged_unions(
    actor: Any, *, federation: Unit | None = None, upto: datetime.date | None = None
) -> list[UnionArrears]:
    """The unions flagged for sanction (at least the standing rule's months with arrears), worst first."""
    return arrears_report(actor, federation=federation, upto=upto).flagged


# --- the dashboard and the confederation's view --------------------------------------------------


@dataclass
class MonthTotals:
    month: datetime.date
    due: int
    received: int
    unions: int
    unions_behind: int

    @property
    def outstanding(self) -> int:
        return max(self.due - self.received, 0)


def month_totals(actor: Any, *, unit: Unit | None = None, months: int = 6) -> list[MonthTotals]:
    """The latest `months` allocated months in the actor's scope (or under `unit`): due, received,
    unions and unions behind, oldest first. One GROUP BY over the rollup."""
    rows = union_months(actor, unit=unit)
    found = (
        rows.values("month")
        .annotate(
            due=Sum("due_amount"),
            received=Sum("received_amount"),
            unions=Count("pk"),
            behind=Count("pk", filter=Q(due_amount__gt=F("received_amount"))),
        )
        .order_by("-month")[:months]
    )
    return [
        MonthTotals(row["month"], _int(row["due"]), _int(row["received"]), row["unions"], row["behind"])
        for row in reversed(list(found))
    ]


@dataclass
class FederationStanding:
    federation: Unit
    months: int
    due: int
    received: int
    levy_due: int
    levy_paid: int

    @property
    def arrears(self) -> int:
        return max(self.due - self.received, 0)

    @property
    def levy_outstanding(self) -> int:
        return max(self.levy_due - self.levy_paid, 0)


def federation_totals(actor: Any) -> list[FederationStanding]:
    """Per federation in the actor's scope: allocated months, dues due and received, levies due and
    paid to the confederation. Two GROUP BYs over the runs and the levies (a row per month each)."""
    runs = {
        row["federation_id"]: row
        for row in AllocationRun.objects.visible_to(actor, perms.VIEW_DUES)
        .values("federation_id")
        .annotate(months=Count("pk"), due=Sum("due_amount"), received=Sum("received_amount"))
        .order_by()
    }
    levies = {
        row["federation_id"]: row
        for row in Levy.objects.visible_to(actor, perms.VIEW_DUES)
        .values("federation_id")
        .annotate(due=Sum("due_amount"), paid=Sum("paid_amount"))
        .order_by()
    }
    federations = Unit.objects.filter(pk__in=set(runs) | set(levies)).order_by("code")
    return [
        FederationStanding(
            federation=fed,
            months=runs.get(fed.pk, {}).get("months", 0),
            due=_int(runs.get(fed.pk, {}).get("due")),
            received=_int(runs.get(fed.pk, {}).get("received")),
            levy_due=_int(levies.get(fed.pk, {}).get("due")),
            levy_paid=_int(levies.get(fed.pk, {}).get("paid")),
        )
        for fed in federations
    ]


def visible_levies(actor: Any, permission: str = perms.VIEW_DUES) -> QuerySet[Levy]:
    """The levies of the federations in the actor's scope, newest month first."""
    return (
        Levy.objects.visible_to(actor, permission).select_related("federation").order_by("-month", "federation__code")
    )


def visible_runs(actor: Any) -> QuerySet[AllocationRun]:
    """The allocated months of the federations in the actor's scope."""
    return AllocationRun.objects.visible_to(actor, perms.VIEW_DUES).select_related("federation", "run_by")


def visible_entries(actor: Any, run: AllocationRun) -> QuerySet[AllocationEntry]:
    """A run's entries the actor may see: those their scope collected or is due."""
    return (
        AllocationEntry.objects.visible_to(actor, perms.VIEW_DUES)
        .filter(run=run)
        .select_related("source_unit", "level", "recipient_unit")
    )


def run_level_totals(run: AllocationRun) -> list[tuple[str, str, int, int]]:
    """A run's totals per level (code, name, due, received), in the levels' rank order."""
    return [
        (code, name, _int(due), _int(received))
        for code, name, due, received in AllocationEntry.objects.filter(run=run)
        .values("level__code", "level__name", "level__rank")
        .annotate(due=Sum("due_amount"), received=Sum("received_amount"))
        .order_by("level__rank", "level__code")
        .values_list("level__code", "level__name", "due", "received")
    ]


def dues_units(actor: Any, permission: str = perms.VIEW_DUES) -> list[Unit]:
    """The top units of the actor's scope for `permission` (their grants' units)."""
    scope = scope_of(actor, permission)
    return list(Unit.objects.filter(path__in=scope.paths).select_related("level").order_by("path"))


def federations_in_scope(actor: Any, permission: str) -> list[Unit]:
    """The federations the actor holds `permission` for (their grant at or above the federation)."""
    scope = scope_of(actor, permission)
    if scope.is_empty:
        return []
    condition = Q(pk__in=[])
    for path in scope.paths:
        if len(path) <= 8:
            condition |= Q(path__startswith=path)
    return list(Unit.objects.filter(condition, depth=2).order_by("code"))
