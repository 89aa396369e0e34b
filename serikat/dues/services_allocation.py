"""A federation's month shared out between its levels, and the levy it owes the confederation
(docs/dues.md, section 4).

`run_allocation` works in sets, never member by member:

1. the rows an earlier run wrote for the month (nothing paid, no remittance) are removed, and one
   INSERT ... SELECT writes a contribution for every membership of the federation that owed the
   month and has none. The amount due is computed in SQL: the policy of each union (resolved with
   the RuleBook, the deepest unit with a policy in force) becomes one arm of a CASE on the union's
   path, deepest first, with the policy's terms as integer constants; the rounding is integer
   arithmetic that gives the same answer on SQLite and PostgreSQL as serikat.dues.money;
2. one GROUP BY gives each union's members, due and received for the month;
3. each union's due and received are split with money.split by the shares of its allocation rule,
   and the parts go to the unit of each level above the union on either axis (the federation holds
   a level the union has none of), written with bulk inserts that replace the month's earlier
   entries, together with one UnionMonth row per union (the rollup the arrears reports read);
4. the run's totals and the levy.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import BigIntegerField, Case, Count, DateField, F, Sum, Value, When
from django.db.models.functions import Cast, Greatest, Least
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.audit.recorder import record_event
from serikat.core import permissions as perms
from serikat.core.errors import ValidationProblems
from serikat.core.scoping import require
from serikat.dues import events
from serikat.dues.models import (
    AllocationEntry,
    AllocationRule,
    AllocationRun,
    Contribution,
    DuesPolicy,
    Levy,
    UnionMonth,
)
from serikat.dues.money import BASIS, round_to, split
from serikat.dues.policies import RuleBook, ancestor_paths, owing_q, policy_book
from serikat.dues.services_rules import DuesRuleBroken, _whole
from serikat.membership.imports.pipeline import SystemActor
from serikat.membership.imports.writer import insert_rows
from serikat.membership.models import Membership
from serikat.organisation.models import Unit

ENTRY_FIELDS = ("run", "month", "source_unit", "level", "recipient_unit", "due_amount", "received_amount")
UNION_MONTH_FIELDS = ("run", "federation", "unit", "month", "members_count", "due_amount", "received_amount")


def _big(value: int) -> Value:
    return Value(int(value), output_field=BigIntegerField())


def policy_amount_expression(policy: DuesPolicy) -> Any:
    """The month's dues of a membership under `policy`, as a database expression on its registry wage
    (NULL for a percentage policy and no wage): money.dues_under, in integer SQL."""
    if policy.kind == DuesPolicy.Kind.FLAT:
        return _big(int(policy.flat_amount or 0))
    wage = Cast("monthly_wage_amount", BigIntegerField())
    step = int(policy.rounding_step or 1)
    divisor = BASIS * step
    product = wage * _big(int(policy.rate_basis_points or 0))
    whole = product / _big(divisor)  # integer division on both backends (bigint operands)
    rest = product - whole * _big(divisor)
    if policy.rounding == "up":
        bump: Any = Case(When(GreaterThan(rest, _big(0)), then=_big(1)), default=_big(0))
    elif policy.rounding == "half_up":
        bump = Case(When(GreaterThanOrEqual(rest * _big(2), _big(divisor)), then=_big(1)), default=_big(0))
    else:
        bump = _big(0)
    amount: Any = (whole + bump) * _big(step)
    if policy.floor_amount is not None:
        amount = Greatest(amount, _big(int(policy.floor_amount)), output_field=BigIntegerField())
    if policy.cap_amount is not None:
        amount = Least(amount, _big(int(policy.cap_amount)), output_field=BigIntegerField())
    # GREATEST/LEAST skip NULLs on PostgreSQL: an unknown wage must stay unknown.
    return Case(
        When(monthly_wage_amount__isnull=True, then=Value(None)), default=amount, output_field=BigIntegerField()
    )


def _policy_case(policies: list[DuesPolicy]) -> Any:
    """One arm per policy on the union's path, the deepest rule unit first (RuleBook's order)."""
    arms = [
        When(unit__path__startswith=policy.unit.path, then=policy_amount_expression(policy))
        for policy in sorted(policies, key=lambda p: (-len(p.unit.path), p.unit.path))
    ]
    if not arms:
        return Value(None, output_field=BigIntegerField())
    return Case(*arms, default=Value(None), output_field=BigIntegerField())


def _insert_contributions(federation: Unit, month: datetime.date, policies: list[DuesPolicy]) -> int:
    """INSERT ... SELECT of the month's contributions of those who owed it and have none; returns the count."""
    rows = (
        Membership.objects.filter(owing_q(month), federation=federation)
        .annotate(
            membership_=F("pk"),
            unit_=F("unit_id"),
            due_=_policy_case(policies),
            month_=Value(month, output_field=DateField()),
            paid_=_big(0),
        )
        .values_list("membership_", "unit_", "month_", "due_", "paid_")
    )
    select, params = rows.query.sql_with_params()
    table = connection.ops.quote_name(Contribution._meta.db_table)
    columns = "membership_id, unit_id, month, expected_amount, paid_amount"
    # The table name and an ORM-compiled SELECT; every value is a parameter.
    sql = f"INSERT INTO {table} ({columns}) SELECT s.membership_, s.unit_, s.month_, s.due_, s.paid_ FROM ({select}) s"  # noqa: S608
    # Those who have a row already (reconciliation's) are skipped by the unique (membership, month)
    # index: no anti-join, whose plan would depend on how fresh the table's statistics are.
    sql += " WHERE s.due_ IS NOT NULL ON CONFLICT (membership_id, month) DO NOTHING"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


class _Recipients:
    """The unit of each level above a union, on the tree axis (its ancestors) and on the territorial
    axis (its council and the council's ancestors), from the federation's units loaded once."""

    def __init__(self, federation: Unit):
        self.federation_id = federation.pk
        self.by_path: dict[str, tuple[int, int]] = {}
        self.by_id: dict[int, tuple[str, str]] = {}
        for pk, path, level_id, territory_path in Unit.objects.filter(path__startswith=federation.path).values_list(
            "pk", "path", "level_id", "territory_path"
        ):
            self.by_path[path] = (pk, level_id)
            self.by_id[pk] = (path, territory_path or "")
        self._cache: dict[int, dict[int, int]] = {}

    def path_of(self, unit_id: int) -> str:
        return self.by_id[unit_id][0]

    def levels_above(self, unit_id: int) -> dict[int, int]:
        """level id -> unit id for the union and every unit above it on either axis."""
        if unit_id not in self._cache:
            path, territory_path = self.by_id[unit_id]
            found: dict[int, int] = {}
            chain = ancestor_paths(path)[::-1] + (ancestor_paths(territory_path)[::-1] if territory_path else [])
            for candidate in chain:
                hit = self.by_path.get(candidate)
                if hit is not None:
                    found.setdefault(hit[1], hit[0])
            self._cache[unit_id] = found
        return self._cache[unit_id]

    def recipient(self, unit_id: int, level: Any) -> int:
        if level.federation_id is None:  # the shared federation board (DPP): the federation itself
            return self.federation_id
        return self.levels_above(unit_id).get(level.pk, self.federation_id)


def _check_month(month: Any) -> None:
    if not isinstance(month, datetime.date) or month.day != 1:
        raise DuesRuleBroken(_("Give a month (its first day)."), field="month")
    if month > timezone.localdate().replace(day=1):
        raise DuesRuleBroken(_("This month has not begun yet."), field="month")


def _require(actor: Any, federation: Unit) -> None:
    """The administrator at the command line (a SystemActor) has every federation in scope."""
    if not isinstance(actor, SystemActor):
        require(actor, perms.RUN_ALLOCATION, federation)


def _user_of(actor: Any) -> Any:
    return actor.user if isinstance(actor, SystemActor) else actor


def run_allocation(*, actor: Any, federation: Unit, month: datetime.date) -> AllocationRun:
    """Share `federation`'s dues for `month` between its levels (docs/dues.md, section 4).

    Needs dues.run_allocation at the federation. Writes the month's missing contributions, then the
    entries per union and level, the per-union rollup, the run's totals and the levy; running the
    month again replaces all of these (the levy keeps its payments). Records dues.allocation_run
    with the totals before and after."""
    _require(actor, federation)
    if federation.depth != 2:
        raise DuesRuleBroken(_("Dues are allocated per federation."), field="federation")
    _check_month(month)
    rules = RuleBook(AllocationRule, month, federation_paths=[federation.path])
    rule = rules.for_path(federation.path)
    if rule is None:
        raise DuesRuleBroken(_("No allocation rule of this federation is in force in that month."), field="month")
    policies_book = policy_book(month, federation_paths=[federation.path])

    with transaction.atomic():
        run, created = AllocationRun.objects.select_for_update().get_or_create(
            federation=federation, month=month, defaults={"rule": rule, "run_by": _user_of(actor)}
        )
        before = None
        if not created:
            before = {
                "revision": run.revision,
                "members": run.members_count,
                "due": int(run.due_amount),
                "received": int(run.received_amount),
                "by_level": _level_totals(AllocationEntry.objects.filter(run=run)),
            }
        recipients = _Recipients(federation)
        policies = {
            policy.pk: policy for path in recipients.by_path if (policy := policies_book.for_path(path)) is not None
        }

        # 1. contributions: an earlier run's unpaid rows follow today's registry and policies.
        removed, _detail = Contribution.objects.filter(
            month=month, unit__path__startswith=federation.path, remittance__isnull=True, paid_amount=0
        ).delete()
        inserted = _insert_contributions(federation, month, list(policies.values()))
        owing = Membership.objects.filter(owing_q(month), federation=federation).count()

        # 2. per union, one GROUP BY.
        sums = list(
            Contribution.objects.filter(month=month, unit__path__startswith=federation.path)
            .values("unit_id")
            .annotate(members=Count("pk"), due=Sum("expected_amount"), received=Sum("paid_amount"))
            .order_by("unit_id")
            .values_list("unit_id", "members", "due", "received")
        )

        # Every contribution of the month is one of a member who owed it: those who owed it and
        # have none could not be priced.
        unpriced = max(owing - sum(members for _unit, members, _due, _received in sums), 0)

        # 3. shares per union and level, the rollup.
        AllocationEntry.objects.filter(run=run).delete()
        UnionMonth.objects.filter(run=run).delete()
        shares_of: dict[int, list[Any]] = {}
        entries: list[tuple[Any, ...]] = []
        union_months: list[tuple[Any, ...]] = []
        due_total = received_total = 0
        for unit_id, members, due, received in sums:
            due, received = int(due or 0), int(received or 0)
            due_total += due
            received_total += received
            union_months.append((run.pk, federation.pk, unit_id, month, members, due, received))
            union_rule = rules.for_path(recipients.path_of(unit_id)) or rule
            shares = shares_of.get(union_rule.pk)
            if shares is None:
                shares = shares_of[union_rule.pk] = sorted(union_rule.shares.all(), key=lambda s: s.position)
            weights = [share.basis_points for share in shares]
            for share, due_part, received_part in zip(
                shares, split(due, weights), split(received, weights), strict=True
            ):
                if due_part or received_part:
                    recipient = recipients.recipient(unit_id, share.level)
                    entries.append((run.pk, month, unit_id, share.level_id, recipient, due_part, received_part))
        # COPY on PostgreSQL, batched INSERTs on SQLite (a federation has tens of thousands of unions).
        insert_rows(AllocationEntry, ENTRY_FIELDS, entries)
        insert_rows(UnionMonth, UNION_MONTH_FIELDS, union_months)

        # 4. the run and the levy.
        run.rule = rule
        run.run_by = _user_of(actor)
        run.members_count = owing
        run.unpriced_count = unpriced
        run.due_amount = due_total
        run.received_amount = received_total
        if not created:
            run.revision += 1
        run.save()
        levy = _set_levy(run, rule, federation, month, owing, due_total)
        after = {
            "revision": run.revision,
            "members": run.members_count,
            "due": due_total,
            "received": received_total,
            "by_level": _level_totals(AllocationEntry.objects.filter(run=run)),
        }
        record_event(
            actor=actor,
            kind=events.ALLOCATION_RUN,
            subject=run,
            unit=federation,
            object_label=f"{federation.code} {month:%Y-%m}",
            data={
                "month": month,
                "rule": rule.pk,
                "before": before,
                "after": after,
                "contributions_removed": removed,
                "contributions_added": inserted,
                "unpriced": unpriced,
                "unions": len(union_months),
                "entries": len(entries),
                "levy_due": int(levy.due_amount) if levy is not None else None,
            },
        )
    return run


def _level_totals(entries: Any) -> dict[str, list[int]]:
    """{level code: [due, received]} of a run's entries (a handful of rows, one GROUP BY)."""
    return {
        code: [int(due or 0), int(received or 0)]
        for code, due, received in entries.values("level__code")
        .annotate(due=Sum("due_amount"), received=Sum("received_amount"))
        .order_by("level__code")
        .values_list("level__code", "due", "received")
    }


def levy_due(rule: AllocationRule, members: int, due_total: int) -> int:
    """The month's levy under `rule`: per member who owed the month, or a percentage of the dues due
    rounded half up to whole Rupiah."""
    if rule.levy_kind == AllocationRule.LevyKind.PER_CAPITA:
        return int(rule.levy_amount or 0) * members
    if rule.levy_kind == AllocationRule.LevyKind.PERCENT:
        return round_to(due_total * int(rule.levy_basis_points or 0), BASIS, rule="half_up")
    return 0


def _set_levy(
    run: AllocationRun, rule: AllocationRule, federation: Unit, month: datetime.date, members: int, due_total: int
) -> Levy | None:
    levy = Levy.objects.filter(run=run).first()
    amount = levy_due(rule, members, due_total)
    if rule.levy_kind == AllocationRule.LevyKind.NONE and (levy is None or levy.paid_amount == 0):
        if levy is not None:
            levy.delete()
        return None
    if levy is None:
        levy = Levy(run=run, federation=federation, month=month)
    levy.members_count = members
    levy.due_amount = amount
    levy.save()
    return levy


def allocate_month(
    *, actor: Any, month: datetime.date, federations: list[Unit] | None = None, workers: int = 1
) -> list[AllocationRun]:
    """Every federation's month (`run_allocation` for each, each its own transaction and audit event).

    On PostgreSQL `workers` > 1 runs that many federations at once on their own database connections:
    the federations share no rows, and a server with two cores does two runs in little more than the
    time of the largest. SQLite takes one writer at a time, so there they run one after another.
    The largest federation starts first. Returns the runs in the order of `federations`."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    federations = list(federations if federations is not None else Unit.objects.filter(depth=2).order_by("path"))
    for federation in federations:
        _require(actor, federation)
    if workers <= 1 or connection.vendor != "postgresql" or len(federations) < 2 or connection.in_atomic_block:
        return [run_allocation(actor=actor, federation=federation, month=month) for federation in federations]
    sizes = dict(
        Membership.objects.filter(owing_q(month), federation__in=federations)
        .values("federation_id")
        .annotate(n=Count("pk"))
        .values_list("federation_id", "n")
    )

    def one(federation: Unit) -> AllocationRun:
        try:
            return run_allocation(actor=actor, federation=federation, month=month)
        finally:
            connections.close_all()  # this thread's own connection

    largest_first = sorted(federations, key=lambda federation: -sizes.get(federation.pk, 0))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        runs = dict(zip([f.pk for f in largest_first], pool.map(one, largest_first), strict=True))
    return [runs[federation.pk] for federation in federations]


def record_levy_payment(*, actor: Any, levy: Levy, amount: Any, paid_on: datetime.date, reference: str = "") -> Levy:
    """Record a payment of a federation's levy to the confederation (dues.run_allocation at the
    federation). The amount is whole Rupiah, more than nothing and at most what is still owed; the
    date and the bank reference go into the audit event dues.levy_payment_recorded."""
    require(actor, perms.RUN_ALLOCATION, levy.federation)
    problems = ValidationProblems()
    paid = _whole(amount, "amount", problems, required=True, minimum=1)
    if not isinstance(paid_on, datetime.date):
        problems.add("paid_on", _("Give the day the payment was made."))
    elif paid_on > timezone.localdate():
        problems.add("paid_on", _("The payment date is in the future."))
    reference = (reference or "").strip()[:80]
    problems.raise_if_any(_("The payment was not recorded."))
    with transaction.atomic():
        levy = Levy.objects.select_for_update().select_related("federation").get(pk=levy.pk)
        outstanding = int(levy.due_amount) - int(levy.paid_amount)
        if paid > outstanding:
            raise DuesRuleBroken(
                _("This is more than the Rp %(outstanding)s still owed.") % {"outstanding": f"{max(outstanding, 0):,}"},
                field="amount",
            )
        levy.paid_amount = int(levy.paid_amount) + paid
        levy.save(update_fields=["paid_amount"])
        record_event(
            actor=actor,
            kind=events.LEVY_PAYMENT_RECORDED,
            subject=levy,
            unit=levy.federation,
            object_label=f"{levy.federation.code} {levy.month:%Y-%m}",
            data={"amount": paid, "paid_on": paid_on, "reference": reference, "paid_total": int(levy.paid_amount)},
        )
    return levy


def union_totals(federation: Unit, month: datetime.date) -> dict[int, tuple[int, int]]:
    """{union id: (due, received)} of an allocated month (for checks and tests)."""
    return {
        row.unit_id: (int(row.due_amount), int(row.received_amount))
        for row in UnionMonth.objects.filter(federation=federation, month=month)
    }
