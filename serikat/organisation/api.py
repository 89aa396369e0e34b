"""REST endpoints of the organisation: units, employers, workplaces, officers and reference data.

Each handler parses, goes through a door (visible_to() for lists, access_*() for one object and for
every id in the input), calls at most one service, and renders. Lists are keyset pages: a fixed
number of queries whatever their length.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from serikat.core import permissions as perms
from serikat.core.api import PageParams, actor_of, errors, keyset_page, page_of, resolve, whole_list
from serikat.core.errors import NotFound
from serikat.core.scoping import scope_of
from serikat.organisation import services
from serikat.organisation.access import (
    access_employer,
    access_officer_term,
    access_unit,
    access_workplace,
    access_workplace_link,
)
from serikat.organisation.models import (
    Employer,
    Level,
    OfficerTerm,
    Position,
    Region,
    Sector,
    Unit,
    UnitWorkplace,
    Workplace,
)
from serikat.organisation.schemas import (
    EmployerCreateIn,
    EmployerFilters,
    EmployerOut,
    EmployerUpdateIn,
    LevelFilters,
    LevelOut,
    OfficerAppointIn,
    OfficerEndIn,
    OfficerFilters,
    OfficerOut,
    PositionOut,
    RegionFilters,
    RegionOut,
    SectorOut,
    UnitChildOut,
    UnitCreateIn,
    UnitFilters,
    UnitMoveIn,
    UnitOut,
    UnitSplitIn,
    UnitTerritoryIn,
    UnitTerritoryOut,
    UnitUpdateIn,
    WorkplaceCreateIn,
    WorkplaceFilters,
    WorkplaceLinkEndIn,
    WorkplaceLinkIn,
    WorkplaceLinkOut,
    WorkplaceOut,
    WorkplaceUpdateIn,
)

router = Router()

UNITS = ["units"]
EMPLOYERS = ["employers and workplaces"]
OFFICERS = ["officers"]
REFERENCE = ["reference data"]


# --- lookups of ids sent by the client ----------------------------------------------------------


def _not_found(field: str) -> NotFound:
    return NotFound(_("Not found."), field=field)


def _region(field: str, code: str | None) -> Region | None:
    if code is None:
        return None
    region = Region.objects.filter(pk=code).first()
    if region is None:
        raise _not_found(field)
    return region


def _sector(field: str, pk: int | None) -> Sector | None:
    if pk is None:
        return None
    sector = Sector.objects.filter(pk=pk).first()
    if sector is None:
        raise _not_found(field)
    return sector


def _position(field: str, pk: int) -> Position:
    position = Position.objects.filter(pk=pk).first()
    if position is None:
        raise _not_found(field)
    return position


def _federations_in_reach(actor: Any) -> Q:
    """Federations (depth 2) the actor works in: above or at a root of their unit scope, or under it."""
    condition = Q(pk__in=[])
    width = 2 * Unit.steplen
    for root in scope_of(actor, perms.VIEW_UNIT).paths:
        condition |= Q(path=root[:width]) if len(root) >= width else Q(path__startswith=root)
    return condition & Q(depth=2)


def _levels(actor: Any) -> QuerySet:
    """The shared levels and those of the federations the actor works in."""
    federations = Unit.objects.filter(_federations_in_reach(actor))
    return Level.objects.filter(Q(federation__isnull=True) | Q(federation__in=federations))


def _level(actor: Any, field: str, pk: int) -> Level:
    level = _levels(actor).select_related("federation").filter(pk=pk).first()
    if level is None:
        raise _not_found(field)
    return level


def _units(actor: Any, field: str, ids: list[int]) -> list[Unit]:
    """Several units by id, in the order given; one hidden or missing id refuses them all (404)."""
    if not ids:
        return []
    found = {
        u.pk: u for u in Unit.objects.visible_to(actor, perms.VIEW_UNIT).select_related("level").filter(pk__in=ids)
    }
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise _not_found(field)
    return [found[pk] for pk in ids]


# --- rendering helpers ---------------------------------------------------------------------------


def _with_parent_ids(units: list[Unit]) -> list[Unit]:
    """Sets `parent_pk` on each unit with one query for the whole page (treebeard has no parent column)."""
    paths = {u.parent_path for u in units if u.depth > 1}
    by_path = dict(Unit.objects.filter(path__in=paths).values_list("path", "pk")) if paths else {}
    for unit in units:
        unit.parent_pk = by_path.get(unit.parent_path)  # type: ignore[attr-defined]
    return units


def _unit_out(unit: Unit) -> Unit:
    return _with_parent_ids([unit])[0]


def _unit_rows(actor: Any) -> QuerySet:
    return Unit.objects.visible_to(actor, perms.VIEW_UNIT).select_related("level", "region", "territory")


def _visible_links(actor: Any) -> Prefetch:
    return Prefetch(
        "unit_links",
        queryset=UnitWorkplace.objects.visible_to(actor, perms.VIEW_EMPLOYER)
        .select_related("unit")
        .order_by("since_on", "id"),
        to_attr="visible_links",
    )


def _workplace_out(actor: Any, workplace: Workplace) -> Workplace:
    from django.db.models import prefetch_related_objects

    prefetch_related_objects([workplace], _visible_links(actor))
    return workplace


# --- reference data --------------------------------------------------------------------------------


@router.get(
    "/regions",
    response={200: page_of(RegionOut), **errors(404, 422)},
    tags=REFERENCE,
    summary="List regions",
    description="Provinces, regencies, cities and districts with their Kemendagri codes, by code.",
)
def list_regions(request: HttpRequest, filters: Query[RegionFilters]) -> Any:
    rows = Region.objects.all()
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.parent is not None:
        rows = rows.filter(parent=_region("query.parent", filters.parent))
    if filters.q:
        rows = rows.filter(name__icontains=filters.q.strip())
    return keyset_page(request, rows, order=("code",), cursor=filters.cursor, limit=filters.limit)


@router.get(
    "/sectors",
    response={200: page_of(SectorOut), **errors()},
    tags=REFERENCE,
    summary="List industry sectors",
)
def list_sectors(request: HttpRequest) -> Any:
    return whole_list(Sector.objects.order_by("name", "id"))


@router.get(
    "/positions",
    response={200: page_of(PositionOut), **errors()},
    tags=REFERENCE,
    summary="List board positions",
    description="Offices on a union board (chair, secretary, treasurer, ...), in board order.",
)
def list_positions(request: HttpRequest) -> Any:
    return whole_list(Position.objects.order_by("rank", "name", "id"))


@router.get(
    "/levels",
    response={200: page_of(LevelOut), **errors(404)},
    tags=REFERENCE,
    summary="List levels of the structure",
    description="The shared levels (KONF, DPP) and those of the federations you work in, with each "
    "federation's own names. `federation` narrows to one federation (404 if it is not in your reach).",
)
def list_levels(request: HttpRequest, filters: Query[LevelFilters]) -> Any:
    actor = actor_of(request)
    rows = _levels(actor)
    if filters.federation is not None:
        if not Unit.objects.filter(_federations_in_reach(actor), pk=filters.federation).exists():
            raise _not_found("query.federation")
        rows = rows.filter(Q(federation__isnull=True) | Q(federation_id=filters.federation))
    return whole_list(rows.prefetch_related("allowed_parents").order_by("rank", "federation_id", "code", "id"))


# --- units --------------------------------------------------------------------------------------


@router.get(
    "/units",
    response={200: page_of(UnitOut), **errors(403, 404, 422)},
    tags=UNITS,
    summary="List units",
    description="Units you may see, in tree order (keyset pages, no total count). `q` matches the start "
    "of the code or part of the name; `parent` gives a unit's direct children in the tree.",
)
def list_units(request: HttpRequest, filters: Query[UnitFilters]) -> Any:
    actor = actor_of(request)
    rows = _unit_rows(actor)
    if filters.q:
        rows = rows.search(filters.q)
    if filters.level is not None:
        rows = rows.filter(level=_level(actor, "query.level", filters.level))
    if filters.parent is not None:
        parent = resolve("query.parent", access_unit, actor, filters.parent)
        rows = rows.filter(path__startswith=parent.path, depth=parent.depth + 1)
    if filters.status:
        rows = rows.filter(status=filters.status)
    return keyset_page(
        request, rows, order=("path",), cursor=filters.cursor, limit=filters.limit, prepare=_with_parent_ids
    )


@router.get("/units/{int:unit_id}", response={200: UnitOut, **errors(404)}, tags=UNITS, summary="Get a unit")
def get_unit(request: HttpRequest, unit_id: int) -> Any:
    return _unit_out(access_unit(actor_of(request), unit_id))


@router.get(
    "/units/{int:unit_id}/children",
    response={200: page_of(UnitChildOut), **errors(404, 422)},
    tags=UNITS,
    summary="List a unit's children and territorial members",
    description="The units directly under this one in the tree, and the units that sit in its territory "
    "(for a KC: the sector branches and plant unions in it). Only those you may see.",
)
def list_unit_children(request: HttpRequest, unit_id: int, page: Query[PageParams]) -> Any:
    actor = actor_of(request)
    unit = access_unit(actor, unit_id)
    rows = _unit_rows(actor).filter(Q(path__startswith=unit.path, depth=unit.depth + 1) | Q(territory=unit))

    def prepare(children: list[Unit]) -> None:
        _with_parent_ids(children)
        for child in children:
            child.relation = "child" if child.parent_path == unit.path else "territorial_member"  # type: ignore[attr-defined]

    return keyset_page(request, rows, order=("path",), cursor=page.cursor, limit=page.limit, prepare=prepare)


@router.post(
    "/units",
    response={201: UnitOut, **errors(400, 403, 404, 409, 422)},
    tags=UNITS,
    summary="Create a unit",
    description="Creates a unit under `parent` (needs organisation.change_unit there). A plant union "
    "inherits its branch's territorial council unless `territory` is given.",
)
def create_unit(request: HttpRequest, payload: UnitCreateIn) -> Any:
    actor = actor_of(request)
    parent = resolve("body.parent", access_unit, actor, payload.parent, permission=perms.CHANGE_UNIT)
    level = _level(actor, "body.level", payload.level)
    territory = None
    if payload.territory is not None:
        territory = resolve("body.territory", access_unit, actor, payload.territory)
    unit = services.create_unit(
        actor=actor,
        parent=parent,
        level=level,
        code=payload.code,
        name=payload.name,
        territory=territory,
        region=_region("body.region", payload.region),
        registration_number=payload.registration_number,
        founded_on=payload.founded_on,
        status=payload.status,
        address=payload.address,
        phone=payload.phone,
        email=payload.email,
    )
    return Status(201, _unit_out(unit))


@router.patch(
    "/units/{int:unit_id}",
    response={200: UnitOut, **errors(400, 403, 404, 422)},
    tags=UNITS,
    summary="Change a unit's details",
    description="Only the fields sent change. The unit's place in the tree and its territory change "
    "through the move, territory and split actions.",
)
def update_unit(request: HttpRequest, unit_id: int, payload: UnitUpdateIn) -> Any:
    actor = actor_of(request)
    unit = access_unit(actor, unit_id, permission=perms.CHANGE_UNIT)
    changes = payload.dict(exclude_unset=True)
    if "region" in changes:
        changes["region"] = _region("body.region", changes["region"])
    return _unit_out(services.update_unit(actor=actor, unit=unit, **changes))


@router.post(
    "/units/{int:unit_id}/move",
    response={200: UnitOut, **errors(400, 403, 404, 422)},
    tags=UNITS,
    summary="Move a unit",
    description="Moves the unit with its whole subtree under `new_parent` (e.g. a PUK to another PC). "
    "Needs organisation.move_unit over both the unit and the new parent. Recorded in the audit log.",
)
def move_unit(request: HttpRequest, unit_id: int, payload: UnitMoveIn) -> Any:
    actor = actor_of(request)
    unit = access_unit(actor, unit_id, permission=perms.MOVE_UNIT)
    new_parent = resolve("body.new_parent", access_unit, actor, payload.new_parent, permission=perms.MOVE_UNIT)
    return _unit_out(services.move_unit(actor=actor, unit=unit, new_parent=new_parent, reason=payload.reason))


@router.post(
    "/units/{int:unit_id}/territory",
    response={200: UnitTerritoryOut, **errors(400, 403, 404, 422)},
    tags=UNITS,
    summary="Place a unit in a territory",
    description="Sets the territorial council (KC/DPC) a unit sits in; by default the units under it "
    "that shared its council follow.",
)
def set_unit_territory(request: HttpRequest, unit_id: int, payload: UnitTerritoryIn) -> Any:
    actor = actor_of(request)
    unit = access_unit(actor, unit_id, permission=perms.MOVE_UNIT)
    territory = None
    if payload.territory is not None:
        territory = resolve("body.territory", access_unit, actor, payload.territory)
    updated = services.set_unit_territory(
        actor=actor, unit=unit, territory=territory, with_subtree=payload.with_subtree
    )
    return {"unit": _unit_out(unit), "units_updated": updated}


@router.post(
    "/units/{int:unit_id}/split",
    response={201: UnitOut, **errors(400, 403, 404, 409, 422)},
    tags=UNITS,
    summary="Split a unit",
    description="Creates a sibling unit that takes over some of this unit's children and territorial "
    "members. Answers the new unit.",
)
def split_unit(request: HttpRequest, unit_id: int, payload: UnitSplitIn) -> Any:
    actor = actor_of(request)
    unit = access_unit(actor, unit_id, permission=perms.MOVE_UNIT)
    new_unit = services.split_unit(
        actor=actor,
        unit=unit,
        new_code=payload.new_code,
        new_name=payload.new_name,
        children=_units(actor, "body.children", payload.children),
        territorial_members=_units(actor, "body.territorial_members", payload.territorial_members),
    )
    return Status(201, _unit_out(access_unit(actor, new_unit.pk)))


# --- employers ----------------------------------------------------------------------------------


@router.get(
    "/employers",
    response={200: page_of(EmployerOut), **errors(403, 404, 422)},
    tags=EMPLOYERS,
    summary="List employers",
    description="Employers registered by a unit you may see, or with a workplace you may see; by name.",
)
def list_employers(request: HttpRequest, filters: Query[EmployerFilters]) -> Any:
    actor = actor_of(request)
    rows = Employer.objects.visible_to(actor, perms.VIEW_EMPLOYER).select_related("sector", "region", "unit")
    if filters.q:
        rows = rows.filter(name__icontains=filters.q.strip())
    if filters.unit is not None:
        rows = rows.filter(unit=resolve("query.unit", access_unit, actor, filters.unit, permission=perms.VIEW_EMPLOYER))
    if filters.status:
        rows = rows.filter(status=filters.status)
    return keyset_page(request, rows, order=("name", "id"), cursor=filters.cursor, limit=filters.limit)


@router.get(
    "/employers/{int:employer_id}",
    response={200: EmployerOut, **errors(404)},
    tags=EMPLOYERS,
    summary="Get an employer",
)
def get_employer(request: HttpRequest, employer_id: int) -> Any:
    return access_employer(actor_of(request), employer_id)


@router.post(
    "/employers",
    response={201: EmployerOut, **errors(400, 403, 404, 422)},
    tags=EMPLOYERS,
    summary="Register an employer",
    description="Registers a company on behalf of `unit` (needs organisation.change_employer there).",
)
def register_employer(request: HttpRequest, payload: EmployerCreateIn) -> Any:
    actor = actor_of(request)
    unit = resolve("body.unit", access_unit, actor, payload.unit, permission=perms.CHANGE_EMPLOYER)
    employer = services.register_employer(
        actor=actor,
        unit=unit,
        name=payload.name,
        sector=_sector("body.sector", payload.sector),
        region=_region("body.region", payload.region),
        business_number=payload.business_number,
        address=payload.address,
        letters_attention=payload.letters_attention,
    )
    return Status(201, employer)


@router.patch(
    "/employers/{int:employer_id}",
    response={200: EmployerOut, **errors(400, 403, 404, 422)},
    tags=EMPLOYERS,
    summary="Change an employer",
    description="Only the fields sent change.",
)
def update_employer(request: HttpRequest, employer_id: int, payload: EmployerUpdateIn) -> Any:
    actor = actor_of(request)
    employer = access_employer(actor, employer_id, permission=perms.CHANGE_EMPLOYER)
    changes = payload.dict(exclude_unset=True)
    if "sector" in changes:
        changes["sector"] = _sector("body.sector", changes["sector"])
    if "region" in changes:
        changes["region"] = _region("body.region", changes["region"])
    return services.update_employer(actor=actor, employer=employer, **changes)


# --- workplaces ---------------------------------------------------------------------------------


@router.get(
    "/workplaces",
    response={200: page_of(WorkplaceOut), **errors(403, 404, 422)},
    tags=EMPLOYERS,
    summary="List workplaces",
    description="Workplaces registered by a unit you may see, or organised by a union you may see; by name. "
    "`unit` gives those a unit registered or organises now.",
)
def list_workplaces(request: HttpRequest, filters: Query[WorkplaceFilters]) -> Any:
    actor = actor_of(request)
    rows = (
        Workplace.objects.visible_to(actor, perms.VIEW_EMPLOYER)
        .select_related("employer", "region", "sector", "unit")
        .prefetch_related(_visible_links(actor))
    )
    if filters.q:
        rows = rows.filter(name__icontains=filters.q.strip())
    if filters.employer is not None:
        rows = rows.filter(employer=resolve("query.employer", access_employer, actor, filters.employer))
    if filters.unit is not None:
        unit = resolve("query.unit", access_unit, actor, filters.unit, permission=perms.VIEW_EMPLOYER)
        organised = UnitWorkplace.objects.filter(workplace=OuterRef("pk"), unit=unit, until_on__isnull=True)
        rows = rows.filter(Q(unit=unit) | Q(Exists(organised)))
    return keyset_page(request, rows, order=("name", "id"), cursor=filters.cursor, limit=filters.limit)


@router.get(
    "/workplaces/{int:workplace_id}",
    response={200: WorkplaceOut, **errors(404)},
    tags=EMPLOYERS,
    summary="Get a workplace",
)
def get_workplace(request: HttpRequest, workplace_id: int) -> Any:
    actor = actor_of(request)
    return _workplace_out(actor, access_workplace(actor, workplace_id))


@router.post(
    "/workplaces",
    response={201: WorkplaceOut, **errors(400, 403, 404, 422)},
    tags=EMPLOYERS,
    summary="Register a workplace",
    description="Registers a plant, office or site of an employer on behalf of `unit`.",
)
def register_workplace(request: HttpRequest, payload: WorkplaceCreateIn) -> Any:
    actor = actor_of(request)
    employer = resolve("body.employer", access_employer, actor, payload.employer)
    unit = resolve("body.unit", access_unit, actor, payload.unit, permission=perms.CHANGE_EMPLOYER)
    workplace = services.register_workplace(
        actor=actor,
        employer=employer,
        unit=unit,
        name=payload.name,
        address=payload.address,
        region=_region("body.region", payload.region),
        sector=_sector("body.sector", payload.sector),
        workforce_size=payload.workforce_size,
    )
    return Status(201, _workplace_out(actor, workplace))


@router.patch(
    "/workplaces/{int:workplace_id}",
    response={200: WorkplaceOut, **errors(400, 403, 404, 422)},
    tags=EMPLOYERS,
    summary="Change a workplace",
    description="Only the fields sent change.",
)
def update_workplace(request: HttpRequest, workplace_id: int, payload: WorkplaceUpdateIn) -> Any:
    actor = actor_of(request)
    workplace = access_workplace(actor, workplace_id, permission=perms.CHANGE_EMPLOYER)
    changes = payload.dict(exclude_unset=True)
    if "sector" in changes:
        changes["sector"] = _sector("body.sector", changes["sector"])
    if "region" in changes:
        changes["region"] = _region("body.region", changes["region"])
    return _workplace_out(actor, services.update_workplace(actor=actor, workplace=workplace, **changes))


@router.post(
    "/workplaces/{int:workplace_id}/links",
    response={201: WorkplaceLinkOut, **errors(400, 403, 404, 409, 422)},
    tags=EMPLOYERS,
    summary="Link a plant union to a workplace",
    description="A plant-level union (PUK) starts organising at the workplace (needs "
    "organisation.change_employer over the union).",
)
def link_workplace(request: HttpRequest, workplace_id: int, payload: WorkplaceLinkIn) -> Any:
    actor = actor_of(request)
    workplace = access_workplace(actor, workplace_id)
    unit = resolve("body.unit", access_unit, actor, payload.unit, permission=perms.CHANGE_EMPLOYER)
    return Status(201, services.link_workplace(actor=actor, unit=unit, workplace=workplace, since_on=payload.since_on))


@router.post(
    "/workplace-links/{int:link_id}/end",
    response={200: WorkplaceLinkOut, **errors(400, 403, 404, 409, 422)},
    tags=EMPLOYERS,
    summary="End a plant union's link to a workplace",
)
def end_workplace_link(request: HttpRequest, link_id: int, payload: WorkplaceLinkEndIn) -> Any:
    actor = actor_of(request)
    link = access_workplace_link(actor, link_id, permission=perms.CHANGE_EMPLOYER)
    return services.unlink_workplace(actor=actor, link=link, until_on=payload.until_on)


# --- officers -----------------------------------------------------------------------------------


@router.get(
    "/officers",
    response={200: page_of(OfficerOut), **errors(403, 404, 422)},
    tags=OFFICERS,
    summary="List officer terms",
    description="Terms of officers at units you may see, by unit and board order. `current=true` gives "
    "the terms running today.",
)
def list_officers(request: HttpRequest, filters: Query[OfficerFilters]) -> Any:
    actor = actor_of(request)
    rows = OfficerTerm.objects.visible_to(actor, perms.VIEW_OFFICER).select_related("unit", "position")
    if filters.unit is not None:
        rows = rows.filter(unit=resolve("query.unit", access_unit, actor, filters.unit, permission=perms.VIEW_OFFICER))
    if filters.position is not None:
        rows = rows.filter(position=_position("query.position", filters.position))
    if filters.current is True:
        rows = rows.current()
    elif filters.current is False:
        today = timezone.localdate()
        rows = rows.filter(Q(started_on__gt=today) | Q(ended_on__lt=today))
    return keyset_page(
        request, rows, order=("unit__path", "position__rank", "id"), cursor=filters.cursor, limit=filters.limit
    )


@router.get(
    "/officers/{int:term_id}", response={200: OfficerOut, **errors(404)}, tags=OFFICERS, summary="Get an officer term"
)
def get_officer(request: HttpRequest, term_id: int) -> Any:
    return access_officer_term(actor_of(request), term_id)


@router.post(
    "/officers",
    response={201: OfficerOut, **errors(400, 403, 404, 422)},
    tags=OFFICERS,
    summary="Appoint an officer",
    description="A chair, secretary or treasurer has one holder at a time: with `replace_current` the "
    "current holder's term ends the day before, otherwise the appointment is refused (400, field position).",
)
def appoint_officer(request: HttpRequest, payload: OfficerAppointIn) -> Any:
    actor = actor_of(request)
    unit = resolve("body.unit", access_unit, actor, payload.unit, permission=perms.CHANGE_OFFICER)
    term = services.appoint_officer(
        actor=actor,
        unit=unit,
        position=_position("body.position", payload.position),
        person_name=payload.person_name,
        gender=payload.gender,
        started_on=payload.started_on,
        ends_on=payload.ends_on,
        portfolio=payload.portfolio,
        phone=payload.phone,
        decree_number=payload.decree_number,
        replace_current=payload.replace_current,
    )
    return Status(201, term)


@router.post(
    "/officers/{int:term_id}/end",
    response={200: OfficerOut, **errors(400, 403, 404, 409, 422)},
    tags=OFFICERS,
    summary="End an officer's term",
)
def end_officer_term(request: HttpRequest, term_id: int, payload: OfficerEndIn) -> Any:
    actor = actor_of(request)
    term = access_officer_term(actor, term_id, permission=perms.CHANGE_OFFICER)
    return services.end_officer_term(actor=actor, term=term, ended_on=payload.ended_on, reason=payload.reason)
