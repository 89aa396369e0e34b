"""Read models of distribution: print runs, consignments, stock per unit and the coverage view.

Everything here is set-based over the unit tree: a scope is a prefix match on `path` (and
`territory_path`), stock is a SUM over the movement ledger per unit, and coverage tests each unit of
a page with EXISTS over the ledger, so a screen costs the same few queries for a branch of 3 plant
unions or the confederation's 50,000 units. Lists are capped or keyset-paged; coverage counts per
federation are one GROUP BY.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Substr

from serikat.core import permissions as perms
from serikat.core.scoping import scope_of
from serikat.organisation.models import Unit
from serikat.training.models import Consignment, Edition, Package, PrintRun, Rendition, StockMovement
from serikat.training.querysets import STEP

PAGE = 50
FORM_UNITS = 500  # receivers offered on one planning form
LEVELS = ("federation", "plant", "all")
STATES = ("current", "older", "none")
PARTICIPANT, TRAINER = Rendition.Kind.PARTICIPANT_BOOK, Rendition.Kind.TRAINER_GUIDE
IN_LEDGER = (StockMovement.Kind.PRINTED, StockMovement.Kind.RECEIVED)


# --- print runs and consignments --------------------------------------------------------------


def print_runs(actor: Any, *, edition: Edition | None = None) -> QuerySet:
    """Print runs ordered by units in the actor's scope."""
    rows = PrintRun.objects.visible_to(actor, perms.VIEW_PACKAGE).select_related("unit", "edition", "edition__package")
    return rows.filter(edition=edition) if edition is not None else rows


def consignments(
    actor: Any,
    *,
    edition: Edition | None = None,
    status: str = "",
    direction: str = "",
    unit: Unit | None = None,
) -> QuerySet:
    """Consignments from or to units in the actor's scope. `direction` "in" keeps those whose
    receiver the scope covers, "out" those whose sender it covers; `unit` either side being it."""
    scope = scope_of(actor, perms.VIEW_PACKAGE)
    rows = Consignment.objects.visible_to(actor, perms.VIEW_PACKAGE)
    if direction == "in":
        rows = rows.filter(scope.q("to_unit"))
    elif direction == "out":
        rows = rows.filter(scope.q("from_unit"))
    if edition is not None:
        rows = rows.filter(edition=edition)
    if status:
        rows = rows.filter(status=status)
    if unit is not None:
        rows = rows.filter(Q(from_unit=unit) | Q(to_unit=unit))
    return rows.select_related("edition", "edition__package", "from_unit", "to_unit", "received_by")


def incoming(actor: Any) -> QuerySet:
    """Shipped consignments on their way to units whose receipts the actor confirms."""
    scope = scope_of(actor, perms.CONFIRM_RECEIPT)
    return (
        Consignment.objects.filter(scope.q("to_unit"), status=Consignment.Status.SHIPPED)
        .select_related("edition", "edition__package", "from_unit", "to_unit")
        .order_by("shipped_on", "id")
    )


def keyset(rows: QuerySet, *, after: Any, limit: int = PAGE) -> dict[str, Any]:
    """Newest first by id, continuing below `after`; one query, no count."""
    try:
        after_id = int(after) if after else None
    except (TypeError, ValueError):
        after_id = None
    if after_id is not None:
        rows = rows.filter(pk__lt=after_id)
    items = list(rows.order_by("-id")[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    return {"items": items, "next_after": items[-1].pk if more else None}


# --- stock ---------------------------------------------------------------------------------------


def _held(edition_id: Any, kind: str) -> Coalesce:
    per_unit = (
        StockMovement.objects.filter(unit=OuterRef("pk"), edition_id=edition_id, document=kind)
        .order_by()
        .values("unit")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    return Coalesce(Subquery(per_unit, output_field=IntegerField()), Value(0))


def stock_units(actor: Any, edition: Edition, *, permission: str = perms.VIEW_PACKAGE) -> QuerySet:
    """Units in the actor's scope (for `permission`) with any movement of the edition, each with
    its stock of both documents (`participant_book`, `trainer_guide`): sums over the ledger in the
    same statement. Order by `path` and cut (keyset on the path) to page."""
    moved = StockMovement.objects.filter(unit=OuterRef("pk"), edition=edition)
    return (
        Unit.objects.filter(scope_of(actor, permission).q())
        .filter(Exists(moved))
        .annotate(participant_book=_held(edition.pk, PARTICIPANT), trainer_guide=_held(edition.pk, TRAINER))
    )


def stock_page(actor: Any, edition: Edition, *, after: str = "", limit: int = PAGE) -> dict[str, Any]:
    """A page of `stock_units` in tree order, continuing after the unit path `after`."""
    rows = stock_units(actor, edition)
    if after:
        rows = rows.filter(path__gt=after)
    items = list(rows.order_by("path")[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    return {"items": items, "next_after": items[-1].path if more else None}


def movements(unit: Unit, edition: Edition, *, limit: int = 100) -> list[StockMovement]:
    """The latest movements of a unit's copies of an edition (the caller fetched the unit through a
    door), newest first."""
    rows = StockMovement.objects.filter(unit=unit, edition=edition).select_related("created_by", "consignment")
    return list(rows.order_by("-occurred_on", "-id")[:limit])


# --- the units a plan may send to -----------------------------------------------------------------


def _under(unit: Unit) -> Q:
    """The units below `unit` along either axis (a DPW's plant unions sit in its territory)."""
    return (Q(path__startswith=unit.path) | Q(territory_path__startswith=unit.path)) & ~Q(pk=unit.pk)


def _level(level: str) -> Q:
    if level == "federation":
        return Q(depth=2)
    if level == "plant":
        return Q(level__is_plant=True)
    return Q()


def _for_package(package: Package) -> Q:
    owner = package.unit
    return Q(path__startswith=owner.path) | Q(territory_path__startswith=owner.path)


def planning_units(actor: Any, edition: Edition, *, sender: Unit, level: str, under: Unit | None = None) -> list[Unit]:
    """Units the actor may send the edition's copies to (their `training.manage_distribution` scope,
    within the package's units, narrowed to a level and to the units under `under`), in tree order,
    each with `has_edition` (already received copies of it). At most FORM_UNITS + 1 (one more says
    the list was cut)."""
    received = StockMovement.objects.filter(unit=OuterRef("pk"), edition=edition, kind__in=IN_LEDGER)
    rows = (
        Unit.objects.filter(scope_of(actor, perms.MANAGE_DISTRIBUTION).q())
        .filter(_for_package(edition.package), _level(level))
        .exclude(pk=sender.pk)
        .exclude(status=Unit.Status.DISSOLVED)
        .annotate(has_edition=Exists(received))
        .select_related("level")
    )
    if under is not None:
        rows = rows.filter(_under(under))
    return list(rows.order_by("path")[: FORM_UNITS + 1])


def senders(actor: Any, edition: Edition, kind: str) -> list[Unit]:
    """Units the actor distributes from that hold copies of the edition's document, with `held`."""
    rows = stock_units(actor, edition, permission=perms.MANAGE_DISTRIBUTION).annotate(held=_held(edition.pk, kind))
    return list(rows.filter(held__gt=0).order_by("path")[:200])


# --- coverage --------------------------------------------------------------------------------------


@dataclass
class CoverageFilters:
    level: str = "federation"
    under: Unit | None = None
    state: str = ""


def coverage_units(actor: Any, package: Package, filters: CoverageFilters) -> QuerySet:
    """The units the coverage view shows: in the actor's scope, among the units the package is made
    for, at the chosen level and under the chosen unit; each annotated with `has_current` (received
    or printed copies of the package's current edition), `has_older` (of an earlier edition only
    counts when it lacks the current one) and `in_transit` (current copies shipped to it, not yet
    received). `filters.state` keeps "current", "older" (only older) or "none"."""
    editions = list(Edition.objects.filter(package=package).values_list("pk", "number"))
    current = package.current_edition_id
    current_number = next((number for pk, number in editions if pk == current), None)
    older = [pk for pk, number in editions if current_number is None or number < current_number]
    ledger = StockMovement.objects.filter(unit=OuterRef("pk"), kind__in=IN_LEDGER, quantity__gt=0)
    shipped = Consignment.objects.filter(to_unit=OuterRef("pk"), edition_id=current, status=Consignment.Status.SHIPPED)
    rows = (
        Unit.objects.filter(scope_of(actor, perms.VIEW_PACKAGE).q())
        .filter(_for_package(package), _level(filters.level))
        .exclude(status=Unit.Status.DISSOLVED)
        .annotate(
            has_current=Exists(ledger.filter(edition_id=current)),
            has_older=Exists(ledger.filter(edition_id__in=older)),
            in_transit=Exists(shipped),
        )
    )
    if filters.under is not None:
        rows = rows.filter(_under(filters.under))
    if filters.state == "current":
        rows = rows.filter(has_current=True)
    elif filters.state == "older":
        rows = rows.filter(has_current=False, has_older=True)
    elif filters.state == "none":
        rows = rows.filter(has_current=False, has_older=False)
    return rows


def coverage_page(actor: Any, package: Package, filters: CoverageFilters, *, after: str = "", limit: int = PAGE):
    """A page of `coverage_units` in tree order after the unit path `after`, with level names."""
    rows = coverage_units(actor, package, filters).select_related("level")
    if after:
        rows = rows.filter(path__gt=after)
    items = list(rows.order_by("path")[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    return {"items": items, "next_after": items[-1].path if more else None}


@dataclass
class FederationCount:
    pk: int
    path: str
    code: str
    name: str
    units: int
    current: int
    older: int

    @property
    def none(self) -> int:
        return self.units - self.current - self.older


def coverage_counts(actor: Any, package: Package, filters: CoverageFilters) -> list[FederationCount]:
    """How many of the shown units per federation hold the current edition, only an older one, or
    none: one GROUP BY on the federation's path prefix, and one look-up of the federations' names."""
    grouped = (
        coverage_units(actor, package, filters)
        .annotate(federation=Substr("path", 1, 2 * STEP))
        .order_by()
        .values("federation")
        .annotate(
            units=Count("pk"),
            current=Count("pk", filter=Q(has_current=True)),
            older=Count("pk", filter=Q(has_current=False, has_older=True)),
        )
    )
    counts = {row["federation"]: row for row in grouped}
    names = {
        path: (pk, code, name)
        for pk, path, code, name in Unit.objects.filter(path__in=list(counts)).values_list("pk", "path", "code", "name")
    }
    return [
        FederationCount(
            pk=names.get(path, (0, "", ""))[0],
            path=path,
            code=names.get(path, (0, "", ""))[1],
            name=names.get(path, (0, "", ""))[2],
            units=row["units"],
            current=row["current"],
            older=row["older"],
        )
        for path, row in sorted(counts.items())
    ]


def coverage_state(unit: Unit) -> str:
    """ "current", "older" or "none" for a unit annotated by `coverage_units`."""
    if unit.has_current:
        return "current"
    return "older" if unit.has_older else "none"
