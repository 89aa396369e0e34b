"""The production process as records: the trainer pool (minimal), production-group meetings, who
took part, what they brought (needs, structural obstacles, delivery approaches, per sector) and the
sections of a package each input shaped (docs/training.md, section 4).

Who may: `training.author_package` covering the unit that organised the meeting (or the trainer's
home unit). The packages a meeting works on must be visible to the actor and belong to the line of
the organising unit (its own, above or below it), so that nobody sees a meeting link to a package
they cannot read. Every write records an audit event in its transaction; participants and links are
part of their meeting, so adding or removing one is a change of the meeting (MEETING_CHANGED), except
linking an input, which has its own kind (INPUT_LINKED).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.audit.recorder import changes_between, record_event, snapshot
from serikat.core import permissions as perms
from serikat.core.errors import Conflict, DomainError, NotFound, ValidationProblems
from serikat.core.scoping import require, scope_of
from serikat.membership.models import Member, Membership
from serikat.organisation.models import Sector, Unit
from serikat.training import events
from serikat.training.models import (
    InputLink,
    MeetingInput,
    MeetingParticipant,
    Module,
    Package,
    ProductionMeeting,
    Session,
    Trainer,
)

MAX_TEXT = 4000
MAX_SUMMARY = 10000
MEETING_FIELDS = ("kind", "title", "held_on", "place", "summary")


class ProductionRuleBroken(DomainError):
    code = "training-production"


def _text(value: Any, field: str, problems: ValidationProblems, *, required: bool, limit: int) -> str:
    text = (value or "").strip()
    if required and not text:
        problems.add(field, _("This field is required."))
    elif len(text) > limit:
        problems.add(field, _("Keep this under %(limit)s characters.") % {"limit": limit})
    return text


def _date(value: Any, field: str, problems: ValidationProblems, *, required: bool) -> datetime.date | None:
    if value is None or value == "":
        if required:
            problems.add(field, _("Give a date."))
        return None
    if not isinstance(value, datetime.date):
        problems.add(field, _("Enter a date as YYYY-MM-DD."))
        return None
    return value


def _on_line(unit: Unit, other: Unit) -> bool:
    """Whether `other` is `unit`, above it or below it in the tree."""
    return unit.path.startswith(other.path) or other.path.startswith(unit.path)


# --- the trainer pool ----------------------------------------------------------------------------


def find_member_for_trainer(*, actor: Any, nik: str = "", kta_number: str = "") -> Member | None:
    """The registry's person with this NIK or KTA number, if the actor may see them
    (`membership.view_member`). None when neither is given; NotFound (naming the field) when the
    number is not in the actor's scope, the same answer as for a number that does not exist."""
    nik, kta_number = (nik or "").strip(), (kta_number or "").strip()
    if not nik and not kta_number:
        return None
    visible = Member.objects.visible_to(actor, perms.VIEW_MEMBER)
    if nik:
        member = visible.filter(nik=nik).first()
        if member is None:
            raise NotFound(_("No member with this NIK in the units you may see."), field="nik")
        return member
    scope = scope_of(actor, perms.VIEW_MEMBER)
    membership = (
        Membership.objects.filter(scope.q("unit"), kta_number__iexact=kta_number)
        .select_related("member")
        .order_by("-id")
        .first()
    )
    if membership is None:
        raise NotFound(_("No member with this KTA number in the units you may see."), field="kta_number")
    return membership.member


def record_trainer(
    *,
    actor: Any,
    unit: Unit,
    name: str = "",
    sector: Sector | None = None,
    ttm_completed_on: datetime.date | None = None,
    nik: str = "",
    kta_number: str = "",
) -> Trainer:
    """Add a trainer (usually a TTM alumnus) to the pool of `unit`, their home unit.

    Optionally linked to the registry's member found by NIK or KTA number within the actor's
    `membership.view_member` scope; the member's name is used when no name is given. Certification
    and lineage are a later capability (M10). Needs `training.author_package` at the unit. Records
    training.trainer_recorded."""
    require(actor, perms.AUTHOR_PACKAGE, unit)
    problems = ValidationProblems()
    member = None
    try:
        member = find_member_for_trainer(actor=actor, nik=nik, kta_number=kta_number)
    except NotFound as error:
        for problem in error.problems:
            problems.add(problem.field, problem.message)
    name = (name or "").strip() or (member.full_name if member is not None else "")
    _text(name, "name", problems, required=True, limit=200)
    completed = _date(ttm_completed_on, "ttm_completed_on", problems, required=False)
    if completed is not None and completed > timezone.localdate():
        problems.add("ttm_completed_on", _("This date is in the future."))
    problems.raise_if_any(_("The trainer was not recorded."))
    with transaction.atomic():
        trainer = Trainer.objects.create(unit=unit, name=name, member=member, sector=sector, ttm_completed_on=completed)
        record_event(
            actor=actor,
            kind=events.TRAINER_RECORDED,
            subject=trainer,
            unit=unit,
            data={
                "name": name,
                "member": member.pk if member else None,
                "sector": sector.code if sector else None,
                "ttm_completed_on": completed,
            },
        )
    return trainer


# --- meetings ------------------------------------------------------------------------------------


def _check_packages(actor: Any, unit: Unit, packages: Iterable[Package], problems: ValidationProblems) -> list[Package]:
    """The packages, each visible to the actor and on the line of the organising unit."""
    chosen = {package.pk: package for package in packages}
    if not chosen:
        return []
    visible = set(
        Package.objects.visible_to(actor, perms.VIEW_PACKAGE).filter(pk__in=chosen).values_list("pk", flat=True)
    )
    if visible != set(chosen):
        # A hidden package answers like a missing one: the whole request is refused as not found.
        raise NotFound(_("Not found."), field="packages")
    for package in chosen.values():
        if not _on_line(unit, package.unit):
            problems.add(
                "packages",
                _("%(package)s belongs to a unit outside the organiser's line of the tree.")
                % {"package": package.title},
            )
    return list(chosen.values())


def _meeting_terms(
    kind: Any, title: Any, held_on: Any, place: Any, summary: Any, problems: ValidationProblems
) -> dict[str, Any]:
    if kind not in ProductionMeeting.Kind.values:
        problems.add("kind", _("Choose the kind of meeting."))
    return {
        "kind": kind,
        "title": _text(title, "title", problems, required=True, limit=200),
        "held_on": _date(held_on, "held_on", problems, required=True),
        "place": _text(place, "place", problems, required=False, limit=200),
        "summary": _text(summary, "summary", problems, required=False, limit=MAX_SUMMARY),
    }


def record_meeting(
    *,
    actor: Any,
    unit: Unit,
    kind: str = ProductionMeeting.Kind.PRODUCTION_GROUP,
    title: str,
    held_on: datetime.date,
    place: str = "",
    summary: str = "",
    packages: Iterable[Package] = (),
) -> ProductionMeeting:
    """Record a production-group meeting (or follow-up) organised by `unit`, and the packages it
    worked on. Needs `training.author_package` at the unit; each package must be one the actor can
    see, on the unit's line of the tree. Records training.meeting_recorded."""
    require(actor, perms.AUTHOR_PACKAGE, unit)
    problems = ValidationProblems()
    terms = _meeting_terms(kind, title, held_on, place, summary, problems)
    chosen = _check_packages(actor, unit, packages, problems)
    problems.raise_if_any(_("The meeting was not recorded."))
    with transaction.atomic():
        meeting = ProductionMeeting.objects.create(unit=unit, created_by=actor, **terms)
        meeting.packages.set(chosen)
        record_event(
            actor=actor,
            kind=events.MEETING_RECORDED,
            subject=meeting,
            unit=unit,
            data={**terms, "packages": sorted(p.pk for p in chosen)},
        )
    return meeting


def change_meeting(
    *,
    actor: Any,
    meeting: ProductionMeeting,
    kind: str,
    title: str,
    held_on: datetime.date,
    place: str = "",
    summary: str = "",
    packages: Iterable[Package] = (),
) -> ProductionMeeting:
    """Correct a meeting's record and the packages it worked on. A package cannot be dropped while
    one of the meeting's inputs is linked to a section of it (unlink first: the link is the record
    of what the meeting shaped). Records training.meeting_changed with the fields before and after."""
    require(actor, perms.AUTHOR_PACKAGE, meeting.unit)
    problems = ValidationProblems()
    terms = _meeting_terms(kind, title, held_on, place, summary, problems)
    chosen = _check_packages(actor, meeting.unit, packages, problems)
    kept = {package.pk for package in chosen}
    linked = (
        Package.objects.filter(modules__input_links__input__meeting=meeting)
        .exclude(pk__in=kept)
        .distinct()
        .values_list("title", flat=True)
    )
    for title_of_linked in linked:
        problems.add(
            "packages",
            _("Inputs of this meeting shaped sections of %(package)s; unlink them before dropping it.")
            % {"package": title_of_linked},
        )
    problems.raise_if_any(_("The meeting was not changed."))
    with transaction.atomic():
        meeting = ProductionMeeting.objects.select_for_update().select_related("unit").get(pk=meeting.pk)
        before = snapshot(meeting, MEETING_FIELDS)
        packages_before = sorted(meeting.packages.values_list("pk", flat=True))
        for name, value in terms.items():
            setattr(meeting, name, value)
        meeting.save(update_fields=list(MEETING_FIELDS))
        meeting.packages.set(chosen)
        changes = changes_between(before, snapshot(meeting, MEETING_FIELDS))
        if packages_before != sorted(kept):
            changes["packages"] = [packages_before, sorted(kept)]
        record_event(actor=actor, kind=events.MEETING_CHANGED, subject=meeting, unit=meeting.unit, changes=changes)
    return meeting


# --- participants --------------------------------------------------------------------------------


def _participant_unit_in_reach(actor: Any, unit: Unit) -> bool:
    """A participant speaks for a federation (or the confederation), which anyone may name, or for
    a unit the actor can see."""
    if unit.depth <= 2:
        return True
    return scope_of(actor, perms.VIEW_UNIT).covers(unit) or scope_of(actor, perms.VIEW_PACKAGE).covers(unit)


def add_participant(
    *,
    actor: Any,
    meeting: ProductionMeeting,
    name: str = "",
    role: str = MeetingParticipant.Role.FEDERATION_REPRESENTATIVE,
    unit: Unit | None = None,
    sector: Sector | None = None,
    trainer: Trainer | None = None,
) -> MeetingParticipant:
    """Add someone to a meeting: their name, role, the unit they represent and their sector. A
    trainer picked from the pool fills in whatever of name, unit and sector is not given. Records
    training.meeting_changed."""
    require(actor, perms.AUTHOR_PACKAGE, meeting.unit)
    problems = ValidationProblems()
    if trainer is not None:
        if not scope_of(actor, perms.VIEW_PACKAGE).covers(trainer.unit):
            raise NotFound(_("Not found."), field="trainer")
        name = (name or "").strip() or trainer.name
        unit = unit or trainer.unit
        sector = sector or trainer.sector
    name = _text(name, "name", problems, required=True, limit=200)
    if role not in MeetingParticipant.Role.values:
        problems.add("role", _("Choose the participant's role."))
    if unit is not None and not _participant_unit_in_reach(actor, unit):
        raise NotFound(_("Not found."), field="unit")
    problems.raise_if_any(_("The participant was not added."))
    with transaction.atomic():
        participant = MeetingParticipant.objects.create(
            meeting=meeting, name=name, role=role, unit=unit, sector=sector, trainer=trainer
        )
        record_event(
            actor=actor,
            kind=events.MEETING_CHANGED,
            subject=meeting,
            unit=meeting.unit,
            data={
                "participant_added": participant.pk,
                "name": name,
                "role": role,
                "unit": unit.pk if unit else None,
                "sector": sector.code if sector else None,
                "trainer": trainer.pk if trainer else None,
            },
        )
    return participant


def remove_participant(*, actor: Any, participant: MeetingParticipant) -> None:
    """Take someone off a meeting's list. Inputs they raised stay, without a name. Records
    training.meeting_changed."""
    meeting = participant.meeting
    require(actor, perms.AUTHOR_PACKAGE, meeting.unit)
    with transaction.atomic():
        data = {"participant_removed": participant.pk, "name": participant.name, "role": participant.role}
        participant.delete()
        record_event(actor=actor, kind=events.MEETING_CHANGED, subject=meeting, unit=meeting.unit, data=data)


# --- inputs and the sections they shaped ---------------------------------------------------------


def record_input(
    *,
    actor: Any,
    meeting: ProductionMeeting,
    kind: str,
    text: str,
    sector: Sector | None = None,
    raised_by: MeetingParticipant | None = None,
) -> MeetingInput:
    """Record what a meeting brought: a need, a structural obstacle or a delivery approach, for one
    sector or (no sector) for all, optionally raised by one of its participants. Records
    training.input_recorded."""
    require(actor, perms.AUTHOR_PACKAGE, meeting.unit)
    problems = ValidationProblems()
    if kind not in MeetingInput.Kind.values:
        problems.add("kind", _("Choose need, obstacle or approach."))
    text = _text(text, "text", problems, required=True, limit=MAX_TEXT)
    if raised_by is not None and raised_by.meeting_id != meeting.pk:
        problems.add("raised_by", _("Choose a participant of this meeting."))
    problems.raise_if_any(_("The input was not recorded."))
    with transaction.atomic():
        item = MeetingInput.objects.create(
            meeting=meeting, kind=kind, text=text, sector=sector, raised_by=raised_by, created_by=actor
        )
        record_event(
            actor=actor,
            kind=events.INPUT_RECORDED,
            subject=meeting,
            unit=meeting.unit,
            data={
                "input": item.pk,
                "kind": kind,
                "sector": sector.code if sector else None,
                "raised_by": raised_by.pk if raised_by else None,
                "text": text[:200],
            },
        )
    return item


def link_input(*, actor: Any, input: MeetingInput, module: Module, session: Session | None = None) -> InputLink:
    """Say that an input shaped a section: a module, or one session of it, of one of the meeting's
    packages. The same section twice is a conflict. Records training.input_linked."""
    meeting = input.meeting
    require(actor, perms.AUTHOR_PACKAGE, meeting.unit)
    if not meeting.packages.filter(pk=module.package_id).exists():
        raise ProductionRuleBroken(_("Choose a section of one of the meeting's packages."), field="section")
    if session is not None and session.module_id != module.pk:
        raise ProductionRuleBroken(_("This session is not part of that module."), field="section")
    already = InputLink.objects.filter(input=input, module=module)
    already = already.filter(session=session) if session is not None else already.filter(session__isnull=True)
    if already.exists():
        raise Conflict(_("This input is already linked to that section."), field="section")
    try:
        with transaction.atomic():
            link = InputLink.objects.create(input=input, module=module, session=session, linked_by=actor)
            record_event(
                actor=actor,
                kind=events.INPUT_LINKED,
                subject=meeting,
                unit=meeting.unit,
                data={
                    "input": input.pk,
                    "link": link.pk,
                    "package": module.package_id,
                    "module": module.pk,
                    "session": session.pk if session else None,
                },
            )
    except IntegrityError:
        # Two authors linking the same section at once: the constraint keeps one.
        raise Conflict(_("This input is already linked to that section."), field="section") from None
    return link


def unlink_input(*, actor: Any, link: InputLink) -> None:
    """Withdraw the statement that an input shaped a section. Records training.meeting_changed
    (the link is part of the meeting's record)."""
    meeting = link.input.meeting
    require(actor, perms.AUTHOR_PACKAGE, meeting.unit)
    with transaction.atomic():
        data = {
            "input_unlinked": link.input_id,
            "link": link.pk,
            "module": link.module_id,
            "session": link.session_id,
        }
        link.delete()
        record_event(actor=actor, kind=events.MEETING_CHANGED, subject=meeting, unit=meeting.unit, data=data)
