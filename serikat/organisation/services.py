"""Use cases that change the organisation. Each takes the actor first, checks scope, writes, and
records its audit event in the same transaction."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from serikat.audit.recorder import build_event, changes_between, record_event, record_events, snapshot
from serikat.core import permissions as perms
from serikat.core.errors import Conflict, NotFound, ValidationProblems
from serikat.core.scoping import require
from serikat.organisation import events
from serikat.organisation.errors import OfficerRuleBroken, UnitRuleBroken
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

UNIT_EDITABLE_FIELDS = (
    "name",
    "region",
    "registration_number",
    "founded_on",
    "status",
    "address",
    "phone",
    "email",
)
EMPLOYER_EDITABLE_FIELDS = ("name", "business_number", "sector", "region", "address", "letters_attention", "status")
WORKPLACE_EDITABLE_FIELDS = ("name", "address", "region", "sector", "workforce_size")
SINGLE_HOLDER_KINDS = {Position.Kind.CHAIR, Position.Kind.SECRETARY, Position.Kind.TREASURER}


# --- units --------------------------------------------------------------------------------------


def _check_level_under(level: Level, parent: Unit, problems: ValidationProblems) -> None:
    if not level.allowed_parents.filter(pk=parent.level_id).exists():
        problems.add(
            "level",
            _("A unit of level %(level)s cannot stand under a unit of level %(parent)s.")
            % {"level": level.code, "parent": parent.level.code},
        )


def _check_territory(actor: Any, unit_path: str | None, territory: Unit | None, parent: Unit | None) -> None:
    if territory is None:
        return
    require(actor, perms.VIEW_UNIT, territory)
    if territory.level.axis != Level.Axis.TERRITORIAL:
        raise UnitRuleBroken(_("The territorial council must be a unit on the territorial axis."), field="territory")
    reference = parent.path if parent is not None else unit_path
    if reference and territory.federation_path != reference[: 2 * Unit.steplen]:
        raise UnitRuleBroken(_("The territorial council must belong to the same federation."), field="territory")


@transaction.atomic
def create_unit(
    *,
    actor: Any,
    parent: Unit,
    level: Level,
    code: str,
    name: str,
    territory: Unit | None = None,
    region: Region | None = None,
    registration_number: str = "",
    founded_on: datetime.date | None = None,
    status: str = Unit.Status.ACTIVE,
    address: str = "",
    phone: str = "",
    email: str = "",
) -> Unit:
    """Create a unit under `parent`. A plant union inherits its branch's territorial council."""
    require(actor, perms.CHANGE_UNIT, parent)
    problems = ValidationProblems()
    code = code.strip()
    if not code:
        problems.add("code", _("Give the unit a code."))
    elif Unit.objects.filter(code=code).exists():
        problems.add("code", _("The code %(code)s is already in use.") % {"code": code})
    if not name.strip():
        problems.add("name", _("Give the unit a name."))
    _check_level_under(level, parent, problems)
    problems.raise_if_any(_("The unit was not created."))
    if territory is None and parent.territory_id:
        # Inherited from the parent: no check, the parent already sits there and the actor need
        # not see the council (a branch's officers create plant unions in their branch's council).
        territory = parent.territory
    else:
        _check_territory(actor, None, territory, parent)
    try:
        with transaction.atomic():
            unit = Unit.objects.add_child(
                parent,
                create_kwargs={
                    "code": code,
                    "name": name.strip(),
                    "level": level,
                    "region": region,
                    "registration_number": registration_number.strip(),
                    "founded_on": founded_on,
                    "status": status,
                    "address": address,
                    "phone": phone,
                    "email": email,
                    "territory": territory,
                    "territory_path": territory.path if territory else "",
                },
            )
    except IntegrityError:
        raise Conflict(_("The code %(code)s is already in use.") % {"code": code}, field="code") from None
    record_event(
        actor=actor,
        kind=events.UNIT_CREATED,
        subject=unit,
        unit=unit,
        data={"code": code, "level": level.code, "parent": parent.pk, "territory": territory.pk if territory else None},
    )
    return unit


@transaction.atomic
def update_unit(*, actor: Any, unit: Unit, **changes: Any) -> Unit:
    """Change a unit's details (not its place in the tree: see move_unit, set_unit_territory)."""
    require(actor, perms.CHANGE_UNIT, unit)
    unknown = set(changes) - set(UNIT_EDITABLE_FIELDS)
    if unknown:
        raise UnitRuleBroken(_("These fields cannot be changed here: %s") % ", ".join(sorted(unknown)))
    if "name" in changes and not str(changes["name"]).strip():
        raise UnitRuleBroken(_("Give the unit a name."), field="name")
    before = snapshot(unit, changes)
    for field, value in changes.items():
        setattr(unit, field, value.strip() if isinstance(value, str) and field != "address" else value)
    after = snapshot(unit, changes)
    diff = changes_between(before, after)
    if not diff:
        return unit
    unit.save(update_fields=[*diff, "updated_at"])
    record_event(actor=actor, kind=events.UNIT_CHANGED, subject=unit, unit=unit, changes=diff)
    return unit


def _rewrite_territory_paths(old_prefix: str, new_prefix: str) -> int:
    """Units sitting in a territory inside a moved subtree follow it: one UPDATE, no loop."""
    return Unit.objects.filter(territory_path__startswith=old_prefix).update(
        territory_path=Concat(Value(new_prefix), Substr("territory_path", len(old_prefix) + 1))
    )


@transaction.atomic
def move_unit(*, actor: Any, unit: Unit, new_parent: Unit, reason: str = "") -> Unit:
    """Move a unit with its whole subtree under `new_parent` (e.g. a PUK to another PC).

    Paths of the subtree and territory paths pointing into it are rewritten set-based, in this
    transaction: the move is all or nothing whatever the size of the subtree. Units of the subtree
    that sat in the old parent's territorial council move into the new parent's council.
    """
    require(actor, perms.MOVE_UNIT, unit)
    require(actor, perms.MOVE_UNIT, new_parent)
    unit = Unit.objects.select_for_update().select_related("level").get(pk=unit.pk)
    new_parent = Unit.objects.select_related("level").get(pk=new_parent.pk)
    if unit.depth == 1:
        raise UnitRuleBroken(_("The confederation itself cannot be moved."))
    if new_parent.path.startswith(unit.path):
        raise UnitRuleBroken(_("A unit cannot be moved under itself or its own subtree."), field="new_parent")
    if new_parent.path == unit.parent_path:
        raise UnitRuleBroken(_("The unit already stands there."), field="new_parent")
    problems = ValidationProblems()
    _check_level_under(unit.level, new_parent, problems)
    if problems.problems:
        raise UnitRuleBroken(problems.problems[0].message, field="new_parent")
    old_parent = Unit.objects.get(path=unit.parent_path)
    old_path = unit.path
    subtree_size = Unit.objects.filter(path__startswith=old_path).count()
    Unit.objects.move(unit, new_parent, "last-child")
    unit.refresh_from_db()
    rewritten = _rewrite_territory_paths(old_path, unit.path) if old_path != unit.path else 0
    # Units that sat in their old parent's council follow the new parent into its council
    # (a PUK moved to a branch in another city joins that city's council).
    followed = 0
    if old_parent.territory_id is not None and old_parent.territory_id != new_parent.territory_id:
        new_territory = Unit.objects.filter(pk=new_parent.territory_id).first()
        followed = Unit.objects.filter(path__startswith=unit.path, territory_id=old_parent.territory_id).update(
            territory=new_territory, territory_path=new_territory.path if new_territory else ""
        )
        unit.refresh_from_db()
    record_event(
        actor=actor,
        kind=events.UNIT_MOVED,
        subject=unit,
        unit=unit,
        changes={"parent": [old_parent.pk, new_parent.pk]},
        data={
            "from": old_parent.name,
            "to": new_parent.name,
            "units_moved": subtree_size,
            "territory_links_rewritten": rewritten,
            "units_changing_council": followed,
            "reason": reason,
        },
    )
    return unit


@transaction.atomic
def set_unit_territory(*, actor: Any, unit: Unit, territory: Unit | None, with_subtree: bool = True) -> int:
    """Place a unit (and, by default, the units under it that shared its council) in a territory."""
    require(actor, perms.MOVE_UNIT, unit)
    _check_territory(actor, unit.path, territory, None)
    old = unit.territory
    targets = Unit.objects.filter(pk=unit.pk)
    if with_subtree:
        targets = Unit.objects.filter(path__startswith=unit.path, territory=old)
    updated = targets.update(territory=territory, territory_path=territory.path if territory else "")
    record_event(
        actor=actor,
        kind=events.UNIT_TERRITORY_SET,
        subject=unit,
        unit=unit,
        changes={"territory": [old.pk if old else None, territory.pk if territory else None]},
        data={"units_updated": updated},
    )
    unit.refresh_from_db()
    return updated


@transaction.atomic
def split_unit(
    *,
    actor: Any,
    unit: Unit,
    new_code: str,
    new_name: str,
    children: list[Unit],
    territorial_members: list[Unit],
) -> Unit:
    """Split a council: a new sibling takes over some children and some territorial members."""
    require(actor, perms.MOVE_UNIT, unit)
    parent = Unit.objects.get(path=unit.parent_path)
    require(actor, perms.CHANGE_UNIT, parent)
    for child in children:
        if child.parent_path != unit.path:
            raise UnitRuleBroken(_("%(unit)s is not a child of %(parent)s.") % {"unit": child, "parent": unit})
    for member in territorial_members:
        if member.territory_id != unit.pk:
            raise UnitRuleBroken(_("%(unit)s does not sit in %(council)s.") % {"unit": member, "council": unit})
    new_unit = create_unit(
        actor=actor,
        parent=parent,
        level=unit.level,
        code=new_code,
        name=new_name,
        territory=unit.territory,
        region=unit.region,
    )
    for child in children:
        move_unit(actor=actor, unit=child, new_parent=new_unit, reason=_("split of %s") % unit.name)
    moved_members = 0
    if territorial_members:
        moved_members = Unit.objects.filter(pk__in=[m.pk for m in territorial_members]).update(
            territory=new_unit, territory_path=new_unit.path
        )
        # The units under them that sat in the old council follow.
        for member in territorial_members:
            moved_members += Unit.objects.filter(path__startswith=member.path, territory=unit).update(
                territory=new_unit, territory_path=new_unit.path
            )
    record_event(
        actor=actor,
        kind=events.UNIT_SPLIT,
        subject=unit,
        unit=unit,
        data={
            "new_unit": new_unit.pk,
            "children_moved": [c.pk for c in children],
            "territorial_members_moved": moved_members,
        },
    )
    return new_unit


# --- levels and federations -------------------------------------------------------------------

TWO_AXIS_LEVELS = [
    # code, name, axis, rank, is_plant, parent codes ("FED" = the federation itself)
    ("PP", "Pimpinan Pusat Serikat Pekerja Anggota", Level.Axis.SECTOR, 2, False, ["FED"]),
    ("DPW", "Dewan Pimpinan Wilayah", Level.Axis.TERRITORIAL, 2, False, ["FED"]),
    ("KC", "Konsulat Cabang", Level.Axis.TERRITORIAL, 3, False, ["DPW"]),
    ("PC", "Pimpinan Cabang", Level.Axis.SECTOR, 3, False, ["PP"]),
    ("PUK", "Pimpinan Unit Kerja", Level.Axis.SECTOR, 4, True, ["PC", "PP"]),
]
STANDARD_LEVELS = [
    ("DPD", "Dewan Pimpinan Daerah", Level.Axis.TERRITORIAL, 2, False, ["FED"]),
    ("DPC", "Dewan Pimpinan Cabang", Level.Axis.TERRITORIAL, 3, False, ["DPD"]),
    ("PUK", "Pimpinan Unit Kerja", Level.Axis.TERRITORIAL, 4, True, ["DPC", "DPD"]),
]
LEVEL_TEMPLATES = {"two_axis": TWO_AXIS_LEVELS, "standard": STANDARD_LEVELS}


def confederation_levels() -> tuple[Level, Level]:
    """The two shared levels: the confederation and a federation's national board (DPP)."""
    konf, _created = Level.objects.get_or_create(
        federation=None,
        code="KONF",
        defaults={"name": "Konfederasi", "axis": Level.Axis.NATIONAL, "rank": 0},
    )
    fed, _created = Level.objects.get_or_create(
        federation=None,
        code="DPP",
        defaults={"name": "Dewan Pimpinan Pusat (federasi)", "axis": Level.Axis.NATIONAL, "rank": 1},
    )
    fed.allowed_parents.add(konf)
    return konf, fed


def create_levels(federation: Unit, template: str) -> dict[str, Level]:
    """The levels of a new federation from a template; called by create_federation and the demo."""
    _konf, fed_level = confederation_levels()
    levels: dict[str, Level] = {"FED": fed_level}
    for code, name, axis, rank, is_plant, parent_codes in LEVEL_TEMPLATES[template]:
        level = Level.objects.create(
            federation=federation, code=code, name=name, axis=axis, rank=rank, is_plant=is_plant
        )
        level.allowed_parents.set([levels[c] for c in parent_codes])
        levels[code] = level
    return levels


@transaction.atomic
def create_federation(*, actor: Any, confederation: Unit, code: str, name: str, template: str = "standard") -> Unit:
    """Admit a federation under the confederation, with its level names from a template."""
    if template not in LEVEL_TEMPLATES:
        raise UnitRuleBroken(_("Unknown level template."), field="template")
    _konf, fed_level = confederation_levels()
    federation = create_unit(actor=actor, parent=confederation, level=fed_level, code=code, name=name)
    create_levels(federation, template)
    record_event(
        actor=actor, kind=events.FEDERATION_CREATED, subject=federation, unit=federation, data={"template": template}
    )
    return federation


# --- employers and workplaces -----------------------------------------------------------------


def _require_visible(model: Any, obj: Any, actor: Any) -> None:
    """The employer or workplace named must be one the actor may see (linking makes it visible)."""
    if not model.objects.visible_to(actor, perms.VIEW_EMPLOYER).filter(pk=obj.pk).exists():
        raise NotFound(_("Not found."))


def _apply(instance: Any, allowed: tuple[str, ...], changes: dict[str, Any]) -> dict[str, list[Any]]:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise UnitRuleBroken(_("These fields cannot be changed here: %s") % ", ".join(sorted(unknown)))
    before = snapshot(instance, changes)
    for field, value in changes.items():
        setattr(instance, field, value.strip() if isinstance(value, str) else value)
    diff = changes_between(before, snapshot(instance, changes))
    if diff:
        instance.save(update_fields=[*diff, "updated_at"])
    return diff


@transaction.atomic
def register_employer(
    *,
    actor: Any,
    unit: Unit,
    name: str,
    sector: Sector | None = None,
    region: Region | None = None,
    business_number: str = "",
    address: str = "",
    letters_attention: str = "",
) -> Employer:
    require(actor, perms.CHANGE_EMPLOYER, unit)
    if not name.strip():
        raise UnitRuleBroken(_("Give the employer a name."), field="name")
    employer = Employer.objects.create(
        unit=unit,
        name=name.strip(),
        sector=sector,
        region=region,
        business_number=business_number.strip(),
        address=address.strip(),
        letters_attention=letters_attention.strip(),
    )
    record_event(actor=actor, kind=events.EMPLOYER_CREATED, subject=employer, unit=unit)
    return employer


@transaction.atomic
def update_employer(*, actor: Any, employer: Employer, **changes: Any) -> Employer:
    require(actor, perms.CHANGE_EMPLOYER, employer.unit)
    if "name" in changes and not str(changes["name"]).strip():
        raise UnitRuleBroken(_("Give the employer a name."), field="name")
    diff = _apply(employer, EMPLOYER_EDITABLE_FIELDS, changes)
    if diff:
        record_event(actor=actor, kind=events.EMPLOYER_CHANGED, subject=employer, unit=employer.unit, changes=diff)
    return employer


@transaction.atomic
def register_workplace(
    *,
    actor: Any,
    employer: Employer,
    unit: Unit,
    name: str,
    address: str = "",
    region: Region | None = None,
    sector: Sector | None = None,
    workforce_size: int | None = None,
) -> Workplace:
    require(actor, perms.CHANGE_EMPLOYER, unit)
    _require_visible(Employer, employer, actor)
    if not name.strip():
        raise UnitRuleBroken(_("Give the workplace a name."), field="name")
    if workforce_size is not None and workforce_size < 0:
        raise UnitRuleBroken(_("The workforce size cannot be negative."), field="workforce_size")
    workplace = Workplace.objects.create(
        employer=employer,
        unit=unit,
        name=name.strip(),
        address=address,
        region=region,
        sector=sector or employer.sector,
        workforce_size=workforce_size,
    )
    record_event(actor=actor, kind=events.WORKPLACE_CREATED, subject=workplace, unit=unit)
    return workplace


@transaction.atomic
def update_workplace(*, actor: Any, workplace: Workplace, **changes: Any) -> Workplace:
    require(actor, perms.CHANGE_EMPLOYER, workplace.unit)
    if changes.get("workforce_size") is not None and changes["workforce_size"] < 0:
        raise UnitRuleBroken(_("The workforce size cannot be negative."), field="workforce_size")
    diff = _apply(workplace, WORKPLACE_EDITABLE_FIELDS, changes)
    if diff:
        record_event(actor=actor, kind=events.WORKPLACE_CHANGED, subject=workplace, unit=workplace.unit, changes=diff)
    return workplace


@transaction.atomic
def link_workplace(
    *, actor: Any, unit: Unit, workplace: Workplace, since_on: datetime.date | None = None
) -> UnitWorkplace:
    """A plant union starts organising at a workplace."""
    require(actor, perms.CHANGE_EMPLOYER, unit)
    _require_visible(Workplace, workplace, actor)
    if not unit.level.is_plant:
        raise UnitRuleBroken(_("Only plant-level unions are linked to workplaces."), field="unit")
    if UnitWorkplace.objects.filter(unit=unit, workplace=workplace, until_on__isnull=True).exists():
        raise Conflict(_("This union is already linked to this workplace."), field="workplace")
    link = UnitWorkplace.objects.create(unit=unit, workplace=workplace, since_on=since_on)
    record_event(
        actor=actor,
        kind=events.WORKPLACE_LINKED,
        subject=link,
        unit=unit,
        object_label=f"{unit.name} ↔ {workplace}",
        data={"workplace": workplace.pk, "since_on": since_on},
    )
    return link


@transaction.atomic
def unlink_workplace(*, actor: Any, link: UnitWorkplace, until_on: datetime.date) -> UnitWorkplace:
    require(actor, perms.CHANGE_EMPLOYER, link.unit)
    if link.until_on is not None:
        raise Conflict(_("This link has already ended."))
    if link.since_on and until_on < link.since_on:
        raise UnitRuleBroken(_("The end date is before the start date."), field="until_on")
    link.until_on = until_on
    link.save(update_fields=["until_on"])
    record_event(
        actor=actor,
        kind=events.WORKPLACE_UNLINKED,
        subject=link,
        unit=link.unit,
        object_label=f"{link.unit.name} ↔ {link.workplace}",
        changes={"until_on": [None, until_on]},
    )
    return link


# --- officers -----------------------------------------------------------------------------------


@transaction.atomic
def appoint_officer(
    *,
    actor: Any,
    unit: Unit,
    position: Position,
    person_name: str,
    gender: str,
    started_on: datetime.date,
    ends_on: datetime.date | None = None,
    portfolio: str = "",
    phone: str = "",
    decree_number: str = "",
    replace_current: bool = False,
) -> OfficerTerm:
    """Appoint a person to a position at a unit. A chair, secretary or treasurer has one holder at a
    time: with `replace_current` the current holder's term ends the day before; without it the
    appointment is refused and names the current holder."""
    require(actor, perms.CHANGE_OFFICER, unit)
    problems = ValidationProblems()
    if not person_name.strip():
        problems.add("person_name", _("Give the officer's name."))
    if gender not in {"F", "M"}:
        problems.add("gender", _("Choose the officer's gender."))
    if ends_on is not None and ends_on < started_on:
        problems.add("ends_on", _("The term cannot end before it starts."))
    problems.raise_if_any(_("The officer was not appointed."))
    ended_events = []
    if position.kind in SINGLE_HOLDER_KINDS:
        current = list(OfficerTerm.objects.current(started_on).filter(unit=unit, position=position))
        if current and not replace_current:
            raise OfficerRuleBroken(
                _("%(position)s is held by %(name)s; end that term first or replace the holder.")
                % {"position": position.name, "name": current[0].person_name},
                field="position",
            )
        for term in current:
            term.ended_on = max(term.started_on, started_on - datetime.timedelta(days=1))
            term.end_reason = _("replaced")
            term.save(update_fields=["ended_on", "end_reason"])
            ended_events.append(
                build_event(
                    actor=actor,
                    kind=events.OFFICER_TERM_ENDED,
                    subject=term,
                    unit=unit,
                    changes={"ended_on": [None, term.ended_on]},
                )
            )
    term = OfficerTerm.objects.create(
        unit=unit,
        position=position,
        person_name=person_name.strip(),
        gender=gender,
        started_on=started_on,
        ends_on=ends_on,
        portfolio=portfolio.strip(),
        phone=phone.strip(),
        decree_number=decree_number.strip(),
    )
    term.position = position
    record_events(ended_events)
    record_event(
        actor=actor,
        kind=events.OFFICER_APPOINTED,
        subject=term,
        unit=unit,
        data={"position": position.code, "started_on": started_on},
    )
    return term


@transaction.atomic
def end_officer_term(*, actor: Any, term: OfficerTerm, ended_on: datetime.date, reason: str = "") -> OfficerTerm:
    require(actor, perms.CHANGE_OFFICER, term.unit)
    if term.ended_on is not None:
        raise Conflict(_("This term has already ended."))
    if ended_on < term.started_on:
        raise OfficerRuleBroken(_("The term cannot end before it starts."), field="ended_on")
    term.ended_on = ended_on
    term.end_reason = reason.strip()
    term.save(update_fields=["ended_on", "end_reason"])
    record_event(
        actor=actor,
        kind=events.OFFICER_TERM_ENDED,
        subject=term,
        unit=term.unit,
        changes={"ended_on": [None, ended_on]},
        data={"reason": reason},
    )
    return term
