"""Read models of the production process and review screens: the meeting list and page, the trainer
pool, the threads and meeting inputs of one section, and a package's review page.

Every selector starts from `visible_to()` (or querysets.reach_q for rows that hang off a meeting) and
loads related rows in batches, so the number of queries does not grow with the number of rows.
"""

from __future__ import annotations

import datetime
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from serikat.core import permissions as perms
from serikat.core.scoping import scope_of
from serikat.organisation.models import Unit
from serikat.training.models import (
    InputLink,
    MeetingInput,
    MeetingParticipant,
    Module,
    Package,
    ProductionMeeting,
    ReviewComment,
    ReviewRound,
    ReviewThread,
    Session,
    Trainer,
)
from serikat.training.querysets import STEP, reach_q
from serikat.training.services_review import may_settle, reaches

MEETINGS_PAGE = 50
TRAINERS_LIMIT = 300
THREADS_LIMIT = 300
PICKER_LIMIT = 300


# --- meetings ------------------------------------------------------------------------------------


def visible_meetings(actor: Any) -> QuerySet:
    """Meetings the actor may see (`training.view_package`: the organiser's subtree and the line above)."""
    return ProductionMeeting.objects.visible_to(actor, perms.VIEW_PACKAGE)


def _parse_cursor(cursor: str | None) -> tuple[datetime.date, int] | None:
    """A page of meetings starts after "YYYY-MM-DD.id" (the last meeting of the previous page)."""
    if not cursor or "." not in cursor:
        return None
    day, _dot, pk = cursor.partition(".")
    try:
        return datetime.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def meeting_page(actor: Any, *, cursor: str | None = None, limit: int = MEETINGS_PAGE) -> tuple[list[Any], str]:
    """One page of the meetings the actor may see, newest first, with how many took part and
    how many inputs each brought, and the packages it worked on. Returns (rows, next cursor or "")."""
    rows = (
        visible_meetings(actor)
        .select_related("unit")
        .annotate(participant_count=Count("participants", distinct=True), input_count=Count("inputs", distinct=True))
        .prefetch_related(Prefetch("packages", Package.objects.order_by("title", "id").only("id", "title", "code")))
    )
    after = _parse_cursor(cursor)
    if after is not None:
        day, pk = after
        rows = rows.filter(Q(held_on__lt=day) | Q(held_on=day, id__lt=pk))
    page = list(rows.order_by("-held_on", "-id")[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    next_cursor = f"{page[-1].held_on.isoformat()}.{page[-1].pk}" if more else ""
    return page, next_cursor


@dataclass
class Group:
    """Rows under one heading (a federation; a kind of input; a sector)."""

    key: Any
    label: str
    rows: list[Any] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)


@dataclass
class MeetingDetail:
    meeting: ProductionMeeting
    packages: list[Package]
    participants: list[MeetingParticipant]
    participant_groups: list[Group]
    inputs: list[MeetingInput]
    input_groups: list[Group]
    sections: list[tuple[str, str]]
    can_author: bool


def _federations(paths: set[str]) -> dict[str, Unit]:
    return {unit.path: unit for unit in Unit.objects.filter(path__in=paths).only("id", "path", "name", "code")}


def group_by_federation(participants: list[MeetingParticipant]) -> list[Group]:
    """Participants under the federation of the unit they represent (confederation and no unit last)."""
    fed_paths = {p.unit.path[: 2 * STEP] for p in participants if p.unit is not None and p.unit.depth >= 2}
    federations = _federations(fed_paths)
    groups: dict[str, Group] = {}
    for participant in participants:
        unit = participant.unit
        if unit is not None and unit.depth >= 2:
            path = unit.path[: 2 * STEP]
            key, label = path, federations[path].name if path in federations else unit.name
        elif unit is not None:
            key, label = "~" + unit.path, unit.name
        else:
            key, label = "~~", _("No unit named")
        groups.setdefault(key, Group(key=key, label=label)).rows.append(participant)
    return [groups[key] for key in sorted(groups, key=lambda k: (k.startswith("~"), groups[k].label, k))]


def group_inputs(inputs: list[MeetingInput]) -> list[Group]:
    """Inputs by kind (need, obstacle, approach), then by sector (all sectors first)."""
    result = []
    for kind, label in MeetingInput.Kind.choices:
        of_kind = [i for i in inputs if i.kind == kind]
        if not of_kind:
            continue
        sectors: OrderedDict[Any, Group] = OrderedDict()
        for item in sorted(of_kind, key=lambda i: (i.sector is not None, str(i.sector or ""), i.pk)):
            key = item.sector_id
            name = str(item.sector) if item.sector is not None else _("All sectors")
            sectors.setdefault(key, Group(key=key, label=name)).rows.append(item)
        result.append(Group(key=kind, label=str(label), rows=of_kind, groups=list(sectors.values())))
    return result


def section_choices(packages: list[Package]) -> tuple[list[tuple[str, str]], list[Module], list[Session]]:
    """The sections of the packages as ("m<id>" / "s<id>", label) for a picker, with the modules
    and sessions they name (two queries)."""
    modules = list(
        Module.objects.filter(package__in=packages)
        .select_related("package")
        .prefetch_related(Prefetch("sessions", Session.objects.order_by("position", "id")))
        .order_by("package__title", "package_id", "position", "id")[:PICKER_LIMIT]
    )
    choices: list[tuple[str, str]] = []
    sessions: list[Session] = []
    for module in modules:
        prefix = module.package.code
        choices.append((f"m{module.pk}", f"{prefix} · {module.position}. {module.title}"))
        for session in module.sessions.all():
            session.module = module
            sessions.append(session)
            choices.append((f"s{session.pk}", f"{prefix} · {module.position}.{session.position} {session.title}"))
    return choices, modules, sessions


def meeting_detail(actor: Any, meeting: ProductionMeeting) -> MeetingDetail:
    """A meeting's page: its packages, participants grouped by federation, inputs grouped by kind
    and sector with the sections each shaped, and the sections an input can be linked to."""
    packages = list(
        meeting.packages.visible_to(actor, perms.VIEW_PACKAGE).select_related("unit").order_by("title", "id")
    )
    participants = list(
        MeetingParticipant.objects.filter(meeting=meeting)
        .select_related("unit", "sector", "trainer")
        .order_by("name", "id")
    )
    links = InputLink.objects.select_related("module", "module__package", "session").order_by(
        "module__package__title", "module__position", F("session__position").asc(nulls_first=True), "id"
    )
    inputs = list(
        MeetingInput.objects.filter(meeting=meeting)
        .select_related("sector", "raised_by")
        .prefetch_related(Prefetch("links", links))
        .order_by("kind", "id")
    )
    can_author = scope_of(actor, perms.AUTHOR_PACKAGE).covers(meeting.unit)
    sections = section_choices(packages)[0] if can_author else []
    return MeetingDetail(
        meeting=meeting,
        packages=packages,
        participants=participants,
        participant_groups=group_by_federation(participants),
        inputs=inputs,
        input_groups=group_inputs(inputs),
        sections=sections,
        can_author=can_author,
    )


# --- trainers ------------------------------------------------------------------------------------


def visible_trainers(actor: Any) -> QuerySet:
    """Trainers of the units the actor's grants cover (downward only: the pool holds people's names)."""
    return Trainer.objects.visible_to(actor, perms.VIEW_PACKAGE).select_related("unit", "sector")


def trainer_rows(actor: Any, *, limit: int = TRAINERS_LIMIT) -> list[Trainer]:
    """The pool as the actor may see it, by name, bounded."""
    return list(visible_trainers(actor).select_related("member").order_by("name", "id")[:limit])


# --- a section's threads and inputs --------------------------------------------------------------


def _section_filter(module: Module, session: Session | None, prefix: str = "") -> Q:
    if session is not None:
        return Q(**{f"{prefix}module": module, f"{prefix}session": session})
    return Q(**{f"{prefix}module": module, f"{prefix}session__isnull": True})


def _comments() -> Prefetch:
    return Prefetch("comments", ReviewComment.objects.select_related("author").order_by("created_at", "id"))


def _threads(actor: Any) -> QuerySet:
    return (
        ReviewThread.objects.visible_to(actor, perms.VIEW_PACKAGE)
        .select_related("package", "package__unit", "module", "session", "opened_by", "resolved_by", "round")
        .prefetch_related(_comments())
    )


def _open_first(queryset: QuerySet) -> QuerySet:
    return queryset.order_by(F("resolved_at").desc(nulls_first=True), "-opened_at", "-id")


@dataclass
class SectionReview:
    """What the section tag shows: the threads (open first), the inputs that shaped the section,
    and what the actor may do."""

    module: Module
    session: Session | None
    threads: list[ReviewThread]
    inputs: list[MeetingInput]
    can_review: bool
    can_author: bool


def mark_settle(actor: Any, threads: list[ReviewThread]) -> None:
    """Says on each thread what the actor may do to it (answers from the cached grants)."""
    for thread in threads:
        thread.can_review = reaches(actor, perms.REVIEW_PACKAGE, thread.package.unit)
        thread.can_settle = may_settle(actor, thread)


def section_review(actor: Any, module: Module, session: Session | None = None) -> SectionReview:
    """The review threads of one section with their comments, and the meeting inputs linked to it
    (from meetings the actor may see). Four queries at most, whatever the number of threads."""
    package = module.package
    threads = list(_open_first(_threads(actor).filter(_section_filter(module, session)))[:THREADS_LIMIT])
    mark_settle(actor, threads)
    inputs = list(
        MeetingInput.objects.filter(reach_q(actor, perms.VIEW_PACKAGE, "meeting__unit"))
        .filter(_section_filter(module, session, "links__"))
        .select_related("meeting", "sector", "raised_by")
        .distinct()
        .order_by("kind", "-meeting__held_on", "id")
    )
    return SectionReview(
        module=module,
        session=session,
        threads=threads,
        inputs=inputs,
        can_review=reaches(actor, perms.REVIEW_PACKAGE, package.unit),
        can_author=scope_of(actor, perms.AUTHOR_PACKAGE).covers(package.unit),
    )


def one_thread(actor: Any, thread_id: int) -> ReviewThread:
    """A thread with its comments, for re-rendering it after a reply (the caller checked access)."""
    thread = _threads(actor).get(pk=thread_id)
    mark_settle(actor, [thread])
    return thread


# --- a package's review page ---------------------------------------------------------------------


@dataclass
class PackageReview:
    package: Package
    rounds: list[ReviewRound]
    open_round: ReviewRound | None
    sections: list[Group]
    status: str
    truncated: bool
    can_author: bool
    can_review: bool


def package_review(actor: Any, package: Package, *, status: str = "open") -> PackageReview:
    """Every thread of a package (open, resolved or all) grouped by section in the package's order,
    and its review rounds with how many threads each has open and resolved."""
    threads = _threads(actor).filter(package=package)
    if status == "open":
        threads = threads.filter(resolved_at__isnull=True)
    elif status == "resolved":
        threads = threads.filter(resolved_at__isnull=False)
    rows = list(
        threads.order_by(
            "module__position",
            "module_id",
            F("session__position").asc(nulls_first=True),
            "session_id",
            F("resolved_at").desc(nulls_first=True),
            "-opened_at",
            "-id",
        )[: THREADS_LIMIT + 1]
    )
    truncated = len(rows) > THREADS_LIMIT
    rows = rows[:THREADS_LIMIT]
    mark_settle(actor, rows)
    sections: OrderedDict[tuple[int, int | None], Group] = OrderedDict()
    for thread in rows:
        key = (thread.module_id, thread.session_id)
        if key not in sections:
            module = thread.module
            label = f"{module.position}. {module.title}"
            if thread.session is not None:
                label = f"{module.position}.{thread.session.position} {thread.session.title}"
            sections[key] = Group(key=key, label=label)
        sections[key].rows.append(thread)
    rounds = list(
        ReviewRound.objects.filter(package=package)
        .select_related("opened_by")
        .annotate(
            open_count=Count("threads", filter=Q(threads__resolved_at__isnull=True)),
            resolved_count=Count("threads", filter=Q(threads__resolved_at__isnull=False)),
        )
        .order_by("-number")
    )
    return PackageReview(
        package=package,
        rounds=rounds,
        open_round=next((r for r in rounds if r.closed_at is None), None),
        sections=list(sections.values()),
        status=status,
        truncated=truncated,
        can_author=scope_of(actor, perms.AUTHOR_PACKAGE).covers(package.unit),
        can_review=reaches(actor, perms.REVIEW_PACKAGE, package.unit),
    )
