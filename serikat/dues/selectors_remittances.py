"""Read models of remittances: the months of the unions in scope, one remittance's lines (filtered
by outcome), its exceptions queue and transfers, and the employers a union may import from. Every
list is a queryset for a keyset page (serikat.core.api.keyset_page): no COUNT, no per-row query."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet

from serikat.core import permissions as perms
from serikat.dues.models import BankTransfer, ReconciliationException, Remittance, RemittanceLine
from serikat.organisation.models import Employer, Unit

REMITTANCE_ORDER = ("-month", "-id")
LINE_ORDER = ("row", "id")
EXCEPTION_ORDER = ("status", "id")  # open before resolved


def visible_remittances(
    actor: Any,
    *,
    unit: Unit | None = None,
    month: datetime.date | None = None,
    status: str | None = None,
    employer_id: int | None = None,
    permission: str = perms.VIEW_DUES,
) -> QuerySet[Remittance]:
    """Remittances of the unions in the actor's scope, newest month first."""
    rows = Remittance.objects.visible_to(actor, permission).select_related("unit", "employer")
    if unit is not None:
        rows = rows.filter(unit=unit)
    if month is not None:
        rows = rows.filter(month=month)
    if status:
        rows = rows.filter(status=status)
    if employer_id is not None:
        rows = rows.filter(employer_id=employer_id)
    return rows


def lines_of(remittance: Remittance, outcome: str | None = None) -> QuerySet[RemittanceLine]:
    rows = RemittanceLine.objects.filter(remittance=remittance)
    if outcome:
        rows = rows.filter(outcome=outcome)
    return rows


def exceptions_of(
    remittance: Remittance, *, status: str | None = None, kind: str | None = None
) -> QuerySet[ReconciliationException]:
    """The queue: open first, then resolved; with the line, the member and who resolved it."""
    rows = ReconciliationException.objects.filter(remittance=remittance).select_related(
        "line", "membership__member", "resolved_by"
    )
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    return rows


def transfers_of(remittance: Remittance) -> QuerySet[BankTransfer]:
    return (
        BankTransfer.objects.filter(remittance=remittance).select_related("recorded_by").order_by("received_on", "id")
    )


def employers_of(unit: Unit) -> QuerySet[Employer]:
    """Employers where the union organises: a workplace link (current or past) or registered by it."""
    return (
        Employer.objects.filter(Q(unit=unit) | Q(workplaces__unit_links__unit=unit)).distinct().order_by("name", "id")
    )


def employers_for_upload(actor: Any, *, limit: int = 200) -> QuerySet[Employer]:
    """Employers where some union in the actor's reconcile scope organises (the upload form's choices)."""
    units = Unit.objects.visible_to(actor, perms.RECONCILE_DUES)
    return (
        Employer.objects.filter(Q(unit__in=units) | Q(workplaces__unit_links__unit__in=units))
        .distinct()
        .order_by("name", "id")[:limit]
    )


def page_rows(rows: QuerySet, *, order: tuple[str, ...], after: Any, limit: int) -> tuple[list[Any], Any]:
    """A keyset page for the screens: the rows after the key `after` (a tuple of the order's values),
    and the key of the last row when there is more. One query, no COUNT."""
    fields = [(name.lstrip("-"), name.startswith("-")) for name in order]
    if after is not None:
        condition = Q(pk__in=[])
        for i, (name, descending) in enumerate(fields):
            step = Q(**{f"{name}__{'lt' if descending else 'gt'}": after[i]})
            for j, (prior, _desc) in enumerate(fields[:i]):
                step &= Q(**{prior: after[j]})
            condition |= step
        rows = rows.filter(condition)
    page = list(rows.order_by(*order)[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    key = tuple(getattr(page[-1], name) for name, _desc in fields) if more and page else None
    return page, key
