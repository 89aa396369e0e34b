"""Read models of the organisation screens: scoped, capped, one query per list whatever its size.

Every list here starts from `visible_to()`, is sorted in the database and sliced to a cap (plus one
row, to know whether there is more), so a branch with 5,000 plant unions costs the same number of
queries as one with 3, and no screen runs an unbounded COUNT.
"""

from __future__ import annotations

import base64
import binascii
import json
import operator
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Substr
from django.utils import timezone

from serikat.core import permissions as perms
from serikat.core.scoping import scope_of
from serikat.organisation.models import Employer, Level, OfficerTerm, Unit, UnitWorkplace, Workplace

CHILDREN_LIMIT = 200
UNIT_PAGE_CHILDREN_LIMIT = 50
SEARCH_LIMIT = 50
EMPLOYER_PAGE_SIZE = 50
PICKER_LIMIT = 30
PAST_OFFICERS_LIMIT = 200
WORKPLACE_LIMIT = 200
SPLIT_CHOICES_LIMIT = 300


@dataclass
class Capped:
    """The first `limit` rows of a list and whether more exist (known without counting them)."""

    rows: list[Any]
    limit: int
    has_more: bool = False

    @classmethod
    def of(cls, queryset: QuerySet, limit: int) -> Capped:
        rows = list(queryset[: limit + 1])
        return cls(rows=rows[:limit], limit=limit, has_more=len(rows) > limit)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


# --- units ------------------------------------------------------------------------------------


def _parent_of_outer() -> Substr:
    """The path of the outer row's tree parent, as an expression (paths are fixed-width steps)."""
    return Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * Unit.steplen)


def _with_node_facts(queryset: QuerySet) -> QuerySet:
    """What a tree node shows beyond its own columns, computed in the same query.

    `has_members`: whether any unit sits in this unit's territory, so that a council with no tree
    children still gets an expand toggle. Member counts later: when the membership app lands, add
    its per-unit figure here as one more annotation (a subquery on an indexed column), never as a
    query per node.
    """
    return queryset.select_related("level").annotate(has_members=Exists(Unit.objects.filter(territory=OuterRef("pk"))))


def with_parent_name(queryset: QuerySet) -> QuerySet:
    """Adds `parent_name`: the name of each unit's tree parent (a subquery on the unique path)."""
    parent = Unit.objects.order_by().filter(path=_parent_of_outer()).values("name")[:1]
    return queryset.annotate(parent_name=Subquery(parent))


def tree_roots(actor: Any) -> list[Unit]:
    """The actor's top visible units: the units at which their view scope begins."""
    paths = scope_of(actor, perms.VIEW_UNIT).paths
    if not paths:
        return []
    return list(_with_node_facts(Unit.objects.filter(path__in=paths)).order_by("path"))


def children_of(actor: Any, unit: Unit, *, limit: int = CHILDREN_LIMIT) -> Capped:
    """What hangs below `unit` on screen, sorted by name and capped.

    Its children in the tree, and, for a territorial council, the units that sit in its territory
    while their own tree parent does not (a KC lists its sector branches, not each branch's plants:
    those appear under their branch). Each row gets `in_territory` (True for the second kind).
    """
    below = []
    if unit.numchild:
        below.append(Q(path__startswith=unit.path, depth=unit.depth + 1))
    if unit.level.axis == Level.Axis.TERRITORIAL:  # only territorial units have a territory (services)
        parent_inside = Unit.objects.order_by().filter(path=_parent_of_outer(), territory_id=unit.pk)
        below.append(Q(territory_id=unit.pk) & ~Q(path__startswith=unit.path) & ~Q(Exists(parent_inside)))
    if not below:
        return Capped(rows=[], limit=limit)  # e.g. a plant union: nothing below, no query
    queryset = (
        _with_node_facts(Unit.objects.visible_to(actor, perms.VIEW_UNIT))
        .filter(reduce(operator.or_, below))
        .order_by("name", "pk")
    )
    listing = Capped.of(queryset, limit)
    for row in listing.rows:
        row.in_territory = not row.path.startswith(unit.path)
    return listing


def search_units(actor: Any, text: str, *, limit: int = SEARCH_LIMIT) -> Capped:
    """Visible units whose code starts with, or whose name contains, `text`; an exact code first."""
    text = text.strip()
    if not text:
        return Capped(rows=[], limit=limit)
    queryset = (
        with_parent_name(Unit.objects.visible_to(actor, perms.VIEW_UNIT).search(text))
        .select_related("level")
        .annotate(exact=Case(When(code__iexact=text, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("exact", "name", "pk")
    )
    return Capped.of(queryset, limit)


@dataclass(frozen=True)
class UnitActions:
    """What the actor may do at one unit: from the cached grants, plus one query for the levels
    allowed below it, made only when the actor may create units there."""

    change: bool
    move: bool
    officers: bool
    employers: bool
    see_officers: bool
    see_employers: bool
    create_child: bool
    split: bool
    link_workplace: bool
    print_cards: bool = False

    @property
    def any(self) -> bool:
        return self.change or self.move or self.officers or self.employers


def actions_at(actor: Any, unit: Unit) -> UnitActions:
    def may(permission: str) -> bool:
        return scope_of(actor, permission).covers(unit)

    change, move, employers = may(perms.CHANGE_UNIT), may(perms.MOVE_UNIT), may(perms.CHANGE_EMPLOYER)
    return UnitActions(
        change=change,
        move=move and unit.depth > 1,
        officers=may(perms.CHANGE_OFFICER),
        employers=employers,
        see_officers=may(perms.VIEW_OFFICER),
        see_employers=may(perms.VIEW_EMPLOYER),
        # Federations are admitted with their level names (create_federation), not as plain children.
        create_child=change and unit.depth > 1 and not unit.level.is_plant and levels_under(unit).exists(),
        split=move and unit.depth > 2 and not unit.level.is_plant,
        link_workplace=employers and unit.level.is_plant,
        print_cards=unit.level.is_plant and may(perms.PRINT_CARDS),
    )


def ancestors_visible(actor: Any, unit: Unit) -> list[Unit]:
    """The unit's tree ancestors that the actor may see, from the top: the breadcrumb."""
    paths = [unit.path[: Unit.steplen * depth] for depth in range(1, unit.depth)]
    if not paths:
        return []
    return list(
        Unit.objects.visible_to(actor, perms.VIEW_UNIT).filter(path__in=paths).only("pk", "name", "path", "depth")
    )


def current_officers(actor: Any, unit: Unit) -> list[OfficerTerm]:
    return list(
        OfficerTerm.objects.visible_to(actor, perms.VIEW_OFFICER)
        .current()
        .filter(unit=unit)
        .select_related("position")
        .order_by("position__rank", "person_name", "pk")
    )


def past_officers(actor: Any, unit: Unit, *, limit: int = PAST_OFFICERS_LIMIT) -> Capped:
    """Terms at the unit that have ended, latest first."""
    queryset = (
        OfficerTerm.objects.visible_to(actor, perms.VIEW_OFFICER)
        .filter(unit=unit, ended_on__lt=timezone.localdate())
        .select_related("position")
        .order_by("-ended_on", "position__rank", "pk")
    )
    return Capped.of(queryset, limit)


def workplace_links_of_unit(actor: Any, unit: Unit, *, limit: int = WORKPLACE_LIMIT) -> Capped:
    """The workplaces a plant union organises at, current ones first."""
    queryset = (
        UnitWorkplace.objects.visible_to(actor, perms.VIEW_EMPLOYER)
        .filter(unit=unit)
        .select_related("workplace__employer")
        .order_by(F("until_on").desc(nulls_first=True), F("since_on").desc(nulls_last=True), "pk")
    )
    return Capped.of(queryset, limit)


@dataclass
class UnitPage:
    unit: Unit
    actions: UnitActions
    breadcrumb: list[Unit]
    below: Capped
    officers: list[OfficerTerm] = field(default_factory=list)
    workplace_links: Capped | None = None
    territory_visible: bool = False


def unit_page(actor: Any, unit: Unit) -> UnitPage:
    """Everything the unit page shows, in a fixed number of queries."""
    actions = actions_at(actor, unit)
    return UnitPage(
        unit=unit,
        actions=actions,
        breadcrumb=ancestors_visible(actor, unit),
        below=children_of(actor, unit, limit=UNIT_PAGE_CHILDREN_LIMIT),
        officers=current_officers(actor, unit) if actions.see_officers else [],
        workplace_links=workplace_links_of_unit(actor, unit) if actions.see_employers and unit.level.is_plant else None,
        territory_visible=unit.territory is not None and scope_of(actor, perms.VIEW_UNIT).covers(unit.territory),
    )


def subtree_size(unit: Unit) -> int:
    """How many units a move of `unit` takes along (itself included): a COUNT bounded by the subtree."""
    return Unit.objects.filter(path__startswith=unit.path).count()


def territory_size(unit: Unit) -> int:
    """How many units sit in the territory of `unit` or of a council below it."""
    return Unit.objects.filter(territory_path__startswith=unit.path).count()


def territorial_choices(actor: Any, unit: Unit) -> QuerySet:
    """Territorial units of the unit's federation that the actor may see (the unit's own subtree excluded)."""
    return (
        Unit.objects.visible_to(actor, perms.VIEW_UNIT)
        .filter(path__startswith=unit.federation_path, level__axis=Level.Axis.TERRITORIAL)
        .exclude(path__startswith=unit.path)
        .select_related("level")
        .order_by("name", "pk")
    )


def levels_under(unit: Unit) -> QuerySet:
    """The levels a unit may have when it stands directly under `unit`."""
    return Level.objects.filter(allowed_parents=unit.level).order_by("rank", "code")


def split_choices(actor: Any, unit: Unit) -> tuple[QuerySet, QuerySet]:
    """The children and the territorial members of `unit` that a split may hand to a new unit."""
    movable = Unit.objects.visible_to(actor, perms.MOVE_UNIT).select_related("level").order_by("name", "pk")
    children = movable.filter(path__startswith=unit.path, depth=unit.depth + 1)
    parent_inside = Unit.objects.order_by().filter(path=_parent_of_outer(), territory_id=unit.pk)
    members = movable.filter(territory_id=unit.pk).exclude(path__startswith=unit.path).exclude(Exists(parent_inside))
    return children, members


def default_registering_unit(actor: Any, preferred: Unit | None = None) -> Unit | None:
    """Where an employer or workplace the actor registers most likely belongs: `preferred` if the
    actor may register there, else their one top unit for it (None when they hold several)."""
    scope = scope_of(actor, perms.CHANGE_EMPLOYER)
    if preferred is not None and scope.covers(preferred):
        return preferred
    if len(scope.paths) == 1:
        return Unit.objects.filter(path=scope.paths[0]).first()
    return None


# --- employers and workplaces -----------------------------------------------------------------


def encode_cursor(name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([name, pk]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, int] | None:
    """The (name, id) after which a page starts; None for a missing or mangled cursor."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        name, pk = json.loads(raw)
    except (ValueError, TypeError, binascii.Error):
        return None
    if not isinstance(name, str) or not isinstance(pk, int):
        return None
    return name, pk


@dataclass
class Page:
    rows: list[Any]
    next_cursor: str | None


def employer_list(actor: Any, *, text: str = "", cursor: str = "", size: int = EMPLOYER_PAGE_SIZE) -> Page:
    """Visible employers by name, `size` at a time, continuing after `cursor` (keyset, no COUNT)."""
    queryset = Employer.objects.visible_to(actor, perms.VIEW_EMPLOYER).select_related("sector", "region", "unit")
    text = text.strip()
    if text:
        queryset = queryset.filter(name__icontains=text)
    after = decode_cursor(cursor)
    if after is not None:
        name, pk = after
        queryset = queryset.filter(Q(name__gt=name) | Q(name=name, pk__gt=pk))
    rows = list(queryset.order_by("name", "pk")[: size + 1])
    next_cursor = encode_cursor(rows[size - 1].name, rows[size - 1].pk) if len(rows) > size else None
    return Page(rows=rows[:size], next_cursor=next_cursor)


def _links_by_workplace(actor: Any, workplace_ids: list[int], *, current_only: bool) -> dict[int, list[UnitWorkplace]]:
    queryset = (
        UnitWorkplace.objects.visible_to(actor, perms.VIEW_UNIT)
        .filter(workplace_id__in=workplace_ids)
        .select_related("unit__level")
        .order_by(F("until_on").desc(nulls_first=True), "unit__name", "pk")
    )
    if current_only:
        queryset = queryset.filter(until_on__isnull=True)
    grouped: dict[int, list[UnitWorkplace]] = {}
    for link in queryset:
        grouped.setdefault(link.workplace_id, []).append(link)
    return grouped


@dataclass
class EmployerPage:
    employer: Employer
    workplaces: Capped
    may_change: bool
    may_add_workplace: bool
    registrar_visible: bool


def employer_page(actor: Any, employer: Employer) -> EmployerPage:
    """The employer's visible workplaces, each with the unions (visible to the actor) organising there."""
    workplaces = Capped.of(
        Workplace.objects.visible_to(actor, perms.VIEW_EMPLOYER)
        .filter(employer=employer)
        .select_related("region", "sector")
        .order_by("name", "pk"),
        WORKPLACE_LIMIT,
    )
    links = _links_by_workplace(actor, [w.pk for w in workplaces], current_only=True)
    for workplace in workplaces:
        workplace.current_links = links.get(workplace.pk, [])
    change = scope_of(actor, perms.CHANGE_EMPLOYER)
    return EmployerPage(
        employer=employer,
        workplaces=workplaces,
        may_change=change.covers(employer.unit),
        may_add_workplace=not change.is_empty,
        registrar_visible=scope_of(actor, perms.VIEW_UNIT).covers(employer.unit),
    )


@dataclass
class WorkplacePage:
    workplace: Workplace
    links: list[UnitWorkplace]
    may_change: bool
    may_link: bool
    may_end_link: set[int]


def workplace_page(actor: Any, workplace: Workplace) -> WorkplacePage:
    links = _links_by_workplace(actor, [workplace.pk], current_only=False).get(workplace.pk, [])
    change = scope_of(actor, perms.CHANGE_EMPLOYER)
    return WorkplacePage(
        workplace=workplace,
        links=links,
        may_change=change.covers(workplace.unit),
        may_link=not change.is_empty,
        may_end_link={link.pk for link in links if link.until_on is None and change.covers(link.unit)},
    )


def workplace_choices(actor: Any, text: str, *, limit: int = PICKER_LIMIT) -> Capped:
    """Visible workplaces whose employer or own name contains `text`, for linking a plant union."""
    text = text.strip()
    if not text:
        return Capped(rows=[], limit=limit)
    queryset = (
        Workplace.objects.visible_to(actor, perms.VIEW_EMPLOYER)
        .filter(Q(employer__name__icontains=text) | Q(name__icontains=text))
        .select_related("employer", "region")
        .order_by("employer__name", "name", "pk")
    )
    return Capped.of(queryset, limit)
