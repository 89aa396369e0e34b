"""REST endpoints of the production process and review: the trainer pool, production-group meetings,
their participants and inputs, the links from inputs to the sections they shaped, review rounds,
threads, comments, resolving and reopening (docs/training.md, section 4).

Meetings are readable by whoever reads packages of the organising unit (`training.view_package`
reaches the units above a grant too); recording and changing them needs `training.author_package`
over the organiser. Review threads need `training.review_package`; rounds need authoring. Lists are
keyset pages. A section is a module, or a module and one of its sessions.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from serikat.core import permissions as perms
from serikat.core.api import Input, PageParams, actor_of, errors, keyset_page, page_of, resolve
from serikat.core.errors import NotFound
from serikat.organisation.access import access_unit
from serikat.organisation.models import Sector, Unit
from serikat.training import services_production as production
from serikat.training import services_review as review
from serikat.training.access import (
    access_input,
    access_input_link,
    access_meeting,
    access_module,
    access_package,
    access_participant,
    access_review_round,
    access_session,
    access_thread,
    access_trainer,
)
from serikat.training.models import (
    InputLink,
    MeetingInput,
    MeetingParticipant,
    Package,
    ProductionMeeting,
    ReviewComment,
    ReviewRound,
    ReviewThread,
)
from serikat.training.selectors_production import visible_meetings, visible_trainers

router = Router(tags=["training"])


# --- schemas -------------------------------------------------------------------------------------


class UnitRef(Schema):
    id: int
    code: str
    name: str


class PackageRef(Schema):
    id: int
    code: str
    title: str


class TrainerOut(Schema):
    id: int
    name: str
    unit: UnitRef
    sector: str | None = Field(description="The sector's code.")
    ttm_completed_on: datetime.date | None
    member: int | None = Field(description="The registry's member, when linked.")
    active: bool

    @staticmethod
    def resolve_sector(obj: Any) -> str | None:
        return obj.sector.code if obj.sector_id else None

    @staticmethod
    def resolve_member(obj: Any) -> int | None:
        return obj.member_id


class TrainerIn(Input):
    unit: int = Field(description="The trainer's home unit.")
    name: str = Field("", description="Left empty: the linked member's name.")
    sector: str | None = Field(None, description="A sector's code.")
    ttm_completed_on: datetime.date | None = None
    nik: str = Field("", description="Links the registry's member with this NIK (in your scope).")
    kta_number: str = Field("", description="Or the member with this KTA number (in your scope).")


class MeetingOut(Schema):
    id: int
    unit: UnitRef
    kind: str
    title: str
    held_on: datetime.date
    place: str
    summary: str
    packages: list[PackageRef]

    @staticmethod
    def resolve_packages(obj: Any) -> list[Any]:
        return sorted(obj.packages.all(), key=lambda p: (p.title, p.pk))


class MeetingIn(Input):
    unit: int = Field(description="The organising unit.")
    kind: str = Field(ProductionMeeting.Kind.PRODUCTION_GROUP, description="production_group, follow_up or other.")
    title: str
    held_on: datetime.date
    place: str = ""
    summary: str = ""
    packages: list[int] = Field(default_factory=list, description="Packages the meeting worked on.")


class MeetingPatch(Input):
    kind: str | None = None
    title: str | None = None
    held_on: datetime.date | None = None
    place: str | None = None
    summary: str | None = None
    packages: list[int] | None = Field(None, description="Replaces the list when given.")


class ParticipantOut(Schema):
    id: int
    meeting: int
    name: str
    role: str
    unit: UnitRef | None
    sector: str | None
    trainer: int | None

    @staticmethod
    def resolve_meeting(obj: Any) -> int:
        return obj.meeting_id

    @staticmethod
    def resolve_sector(obj: Any) -> str | None:
        return obj.sector.code if obj.sector_id else None

    @staticmethod
    def resolve_trainer(obj: Any) -> int | None:
        return obj.trainer_id


class ParticipantIn(Input):
    name: str = Field("", description="Left empty with a trainer: the trainer's name.")
    role: str = Field(MeetingParticipant.Role.FEDERATION_REPRESENTATIVE, description="federation, ttm_alumnus, ...")
    unit: int | None = Field(None, description="The federation or unit the participant represents.")
    sector: str | None = Field(None, description="A sector's code.")
    trainer: int | None = Field(None, description="A trainer of the pool; fills name, unit and sector left empty.")


class LinkOut(Schema):
    id: int
    input: int
    package: int
    module: int
    session: int | None

    @staticmethod
    def resolve_input(obj: Any) -> int:
        return obj.input_id

    @staticmethod
    def resolve_package(obj: Any) -> int:
        return obj.module.package_id

    @staticmethod
    def resolve_module(obj: Any) -> int:
        return obj.module_id

    @staticmethod
    def resolve_session(obj: Any) -> int | None:
        return obj.session_id


class InputOut(Schema):
    id: int
    meeting: int
    kind: str
    sector: str | None = Field(description="A sector's code; null: all sectors.")
    text: str
    raised_by: int | None = Field(description="The participant who raised it.")
    links: list[LinkOut]

    @staticmethod
    def resolve_meeting(obj: Any) -> int:
        return obj.meeting_id

    @staticmethod
    def resolve_sector(obj: Any) -> str | None:
        return obj.sector.code if obj.sector_id else None

    @staticmethod
    def resolve_raised_by(obj: Any) -> int | None:
        return obj.raised_by_id

    @staticmethod
    def resolve_links(obj: Any) -> list[Any]:
        return list(obj.links.all())


class InputIn(Input):
    kind: str = Field(description="need, obstacle or approach.")
    text: str
    sector: str | None = Field(None, description="A sector's code; null: all sectors.")
    raised_by: int | None = Field(None, description="A participant of the meeting.")


class SectionIn(Input):
    module: int
    session: int | None = Field(None, description="One of the module's sessions; null: the module itself.")


class RoundOut(Schema):
    id: int
    package: int
    number: int
    title: str
    closes_on: datetime.date | None
    opened_at: datetime.datetime
    closed_at: datetime.datetime | None

    @staticmethod
    def resolve_package(obj: Any) -> int:
        return obj.package_id


class RoundIn(Input):
    title: str = ""
    closes_on: datetime.date | None = None


class CommentOut(Schema):
    id: int
    thread: int
    body: str
    author: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_thread(obj: Any) -> int:
        return obj.thread_id

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return obj.author.get_username()


class ThreadOut(Schema):
    id: int
    package: int
    round: int | None = Field(description="The number of the round it was opened in.")
    module: int
    session: int | None
    opened_by: str
    opened_at: datetime.datetime
    resolved_at: datetime.datetime | None
    resolved_by: str | None
    resolution: str
    comments: list[CommentOut]

    @staticmethod
    def resolve_package(obj: Any) -> int:
        return obj.package_id

    @staticmethod
    def resolve_round(obj: Any) -> int | None:
        return obj.round.number if obj.round_id else None

    @staticmethod
    def resolve_module(obj: Any) -> int:
        return obj.module_id

    @staticmethod
    def resolve_session(obj: Any) -> int | None:
        return obj.session_id

    @staticmethod
    def resolve_opened_by(obj: Any) -> str:
        return obj.opened_by.get_username()

    @staticmethod
    def resolve_resolved_by(obj: Any) -> str | None:
        return obj.resolved_by.get_username() if obj.resolved_by_id else None

    @staticmethod
    def resolve_comments(obj: Any) -> list[Any]:
        return list(obj.comments.all())


class ThreadIn(SectionIn):
    body: str = Field(description="The first comment (plain text).")


class CommentIn(Input):
    body: str


class ResolveIn(Input):
    resolution: str = Field(description="What was done about it.")


class ReopenIn(Input):
    reason: str = Field("", description="Posted as a comment when given.")


class ThreadFilters(PageParams):
    status: Literal["open", "resolved", "all"] = "all"
    module: int | None = None
    session: int | None = None


# --- helpers -------------------------------------------------------------------------------------


def _sector(field: str, code: str | None) -> Sector | None:
    if not code:
        return None
    sector = Sector.objects.filter(code=code).first()
    if sector is None:
        raise NotFound(_("There is no sector with this code."), field=field)
    return sector


def _packages(actor: Any, ids: list[int]) -> list[Package]:
    rows = list(Package.objects.visible_to(actor, perms.VIEW_PACKAGE).filter(pk__in=ids).select_related("unit"))
    if len(rows) != len(set(ids)):
        raise NotFound(_("Not found."), field="body.packages")
    return rows


def _meeting_rows() -> Any:
    return ProductionMeeting.objects.select_related("unit").prefetch_related(
        Prefetch("packages", Package.objects.only("id", "code", "title"))
    )


def _with_packages(meeting: ProductionMeeting) -> ProductionMeeting:
    return _meeting_rows().get(pk=meeting.pk)


def _inputs() -> Any:
    links = InputLink.objects.select_related("module").order_by("id")
    return MeetingInput.objects.select_related("sector").prefetch_related(Prefetch("links", links))


def _threads(actor: Any) -> Any:
    comments = ReviewComment.objects.select_related("author").order_by("created_at", "id")
    return (
        ReviewThread.objects.visible_to(actor, perms.VIEW_PACKAGE)
        .select_related("round", "opened_by", "resolved_by")
        .prefetch_related(Prefetch("comments", comments))
    )


def _section(actor: Any, payload: SectionIn, permission: str) -> tuple[Any, Any]:
    module = resolve("body.module", access_module, actor, payload.module, permission=permission)
    session = None
    if payload.session is not None:
        session = resolve("body.session", access_session, actor, payload.session, permission=permission)
    return module, session


# --- trainers ------------------------------------------------------------------------------------


@router.get("/training/trainers", response={200: page_of(TrainerOut), **errors(422)}, summary="List trainers")
def list_trainers(request: HttpRequest, page: Query[PageParams]) -> Any:
    """Trainers of the pool in the units your grants cover (downward only), newest first."""
    rows = visible_trainers(actor_of(request))
    return keyset_page(request, rows, order=("-id",), cursor=page.cursor, limit=page.limit)


@router.post(
    "/training/trainers",
    response={201: TrainerOut, **errors(400, 403, 404, 422)},
    summary="Add a trainer to the pool",
    description="Needs training.author_package at the home unit. A NIK or KTA number links the "
    "registry's member, found among the members you may see.",
)
def create_trainer(request: HttpRequest, payload: TrainerIn) -> Any:
    actor = actor_of(request)
    unit = resolve("body.unit", access_unit, actor, payload.unit, permission=perms.AUTHOR_PACKAGE)
    trainer = production.record_trainer(
        actor=actor,
        unit=unit,
        name=payload.name,
        sector=_sector("body.sector", payload.sector),
        ttm_completed_on=payload.ttm_completed_on,
        nik=payload.nik,
        kta_number=payload.kta_number,
    )
    return Status(201, access_trainer(actor, trainer.pk))


# --- meetings ------------------------------------------------------------------------------------


@router.get("/training/meetings", response={200: page_of(MeetingOut), **errors(422)}, summary="List meetings")
def list_meetings(request: HttpRequest, page: Query[PageParams]) -> Any:
    """Production-group meetings you may see, newest recorded first."""
    rows = visible_meetings(actor_of(request)).select_related("unit")
    rows = rows.prefetch_related(Prefetch("packages", Package.objects.only("id", "code", "title")))
    return keyset_page(request, rows, order=("-id",), cursor=page.cursor, limit=page.limit)


@router.get("/training/meetings/{int:meeting_id}", response={200: MeetingOut, **errors(404)}, summary="Get a meeting")
def get_meeting(request: HttpRequest, meeting_id: int) -> Any:
    return _with_packages(access_meeting(actor_of(request), meeting_id))


@router.post(
    "/training/meetings",
    response={201: MeetingOut, **errors(400, 403, 404, 422)},
    summary="Record a meeting",
    description="Needs training.author_package at the organising unit. Each package must be one you "
    "can see, on the organiser's line of the tree.",
)
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Any:
    actor = actor_of(request)
    unit: Unit = resolve("body.unit", access_unit, actor, payload.unit, permission=perms.AUTHOR_PACKAGE)
    meeting = production.record_meeting(
        actor=actor,
        unit=unit,
        kind=payload.kind,
        title=payload.title,
        held_on=payload.held_on,
        place=payload.place,
        summary=payload.summary,
        packages=_packages(actor, payload.packages),
    )
    return Status(201, _with_packages(meeting))


@router.patch(
    "/training/meetings/{int:meeting_id}",
    response={200: MeetingOut, **errors(400, 403, 404, 422)},
    summary="Change a meeting",
    description="Fields left out keep their value; `packages` replaces the list when given.",
)
def change_meeting(request: HttpRequest, meeting_id: int, payload: MeetingPatch) -> Any:
    actor = actor_of(request)
    meeting = access_meeting(actor, meeting_id, permission=perms.AUTHOR_PACKAGE)
    given = payload.dict(exclude_unset=True)
    packages = (
        _packages(actor, given["packages"]) if "packages" in given else list(meeting.packages.select_related("unit"))
    )
    production.change_meeting(
        actor=actor,
        meeting=meeting,
        kind=given.get("kind", meeting.kind),
        title=given.get("title", meeting.title),
        held_on=given.get("held_on", meeting.held_on),
        place=given.get("place", meeting.place),
        summary=given.get("summary", meeting.summary),
        packages=packages,
    )
    return _with_packages(meeting)


# --- participants --------------------------------------------------------------------------------


@router.get(
    "/training/meetings/{int:meeting_id}/participants",
    response={200: page_of(ParticipantOut), **errors(404, 422)},
    summary="List a meeting's participants",
)
def list_participants(request: HttpRequest, meeting_id: int, page: Query[PageParams]) -> Any:
    meeting = access_meeting(actor_of(request), meeting_id)
    rows = MeetingParticipant.objects.filter(meeting=meeting).select_related("unit", "sector")
    return keyset_page(request, rows, order=("id",), cursor=page.cursor, limit=page.limit)


@router.post(
    "/training/meetings/{int:meeting_id}/participants",
    response={201: ParticipantOut, **errors(400, 403, 404, 422)},
    summary="Add a participant to a meeting",
    description="The unit is a federation (or the confederation) or a unit you can see. A trainer of "
    "the pool fills in the name, unit and sector left empty.",
)
def add_participant(request: HttpRequest, meeting_id: int, payload: ParticipantIn) -> Any:
    actor = actor_of(request)
    meeting = access_meeting(actor, meeting_id, permission=perms.AUTHOR_PACKAGE)
    trainer = resolve("body.trainer", access_trainer, actor, payload.trainer) if payload.trainer else None
    unit = None
    if payload.unit is not None:
        unit = Unit.objects.filter(pk=payload.unit).first()
        if unit is None:
            raise NotFound(_("Not found."), field="body.unit")
    participant = production.add_participant(
        actor=actor,
        meeting=meeting,
        name=payload.name,
        role=payload.role,
        unit=unit,
        sector=_sector("body.sector", payload.sector),
        trainer=trainer,
    )
    return Status(201, participant)


@router.post(
    "/training/meeting-participants/{int:participant_id}/remove",
    response={200: ParticipantOut, **errors(403, 404)},
    summary="Remove a participant from a meeting",
)
def remove_participant(request: HttpRequest, participant_id: int) -> Any:
    actor = actor_of(request)
    participant = access_participant(actor, participant_id, permission=perms.AUTHOR_PACKAGE)
    answer = ParticipantOut.from_orm(participant)
    production.remove_participant(actor=actor, participant=participant)
    return answer


# --- inputs and links ----------------------------------------------------------------------------


@router.get(
    "/training/meetings/{int:meeting_id}/inputs",
    response={200: page_of(InputOut), **errors(404, 422)},
    summary="List a meeting's inputs",
)
def list_inputs(request: HttpRequest, meeting_id: int, page: Query[PageParams]) -> Any:
    """Needs, obstacles and approaches the meeting brought, with the sections each shaped."""
    meeting = access_meeting(actor_of(request), meeting_id)
    rows = _inputs().filter(meeting=meeting)
    return keyset_page(request, rows, order=("id",), cursor=page.cursor, limit=page.limit)


@router.post(
    "/training/meetings/{int:meeting_id}/inputs",
    response={201: InputOut, **errors(400, 403, 404, 422)},
    summary="Record an input of a meeting",
)
def record_input(request: HttpRequest, meeting_id: int, payload: InputIn) -> Any:
    actor = actor_of(request)
    meeting = access_meeting(actor, meeting_id, permission=perms.AUTHOR_PACKAGE)
    raised_by = None
    if payload.raised_by is not None:
        raised_by = MeetingParticipant.objects.filter(pk=payload.raised_by, meeting=meeting).first()
        if raised_by is None:
            raise NotFound(_("Choose a participant of this meeting."), field="body.raised_by")
    item = production.record_input(
        actor=actor,
        meeting=meeting,
        kind=payload.kind,
        text=payload.text,
        sector=_sector("body.sector", payload.sector),
        raised_by=raised_by,
    )
    return Status(201, _inputs().get(pk=item.pk))


@router.post(
    "/training/meeting-inputs/{int:input_id}/links",
    response={201: LinkOut, **errors(400, 403, 404, 409, 422)},
    summary="Link an input to a section it shaped",
    description="The section is a module of one of the meeting's packages, or one of its sessions.",
)
def link_input(request: HttpRequest, input_id: int, payload: SectionIn) -> Any:
    actor = actor_of(request)
    item = access_input(actor, input_id, permission=perms.AUTHOR_PACKAGE)
    module, session = _section(actor, payload, perms.VIEW_PACKAGE)
    link = production.link_input(actor=actor, input=item, module=module, session=session)
    return Status(201, link)


@router.post(
    "/training/input-links/{int:link_id}/remove",
    response={200: LinkOut, **errors(403, 404)},
    summary="Remove the link between an input and a section",
)
def unlink_input(request: HttpRequest, link_id: int) -> Any:
    actor = actor_of(request)
    link = access_input_link(actor, link_id, permission=perms.AUTHOR_PACKAGE)
    answer = LinkOut.from_orm(link)
    production.unlink_input(actor=actor, link=link)
    return answer


# --- review rounds -------------------------------------------------------------------------------


@router.get(
    "/training/packages/{int:package_id}/review-rounds",
    response={200: page_of(RoundOut), **errors(404, 422)},
    summary="List a package's review rounds",
)
def list_review_rounds(request: HttpRequest, package_id: int, page: Query[PageParams]) -> Any:
    package = access_package(actor_of(request), package_id)
    rows = ReviewRound.objects.filter(package=package)
    return keyset_page(request, rows, order=("-number",), cursor=page.cursor, limit=page.limit)


@router.post(
    "/training/packages/{int:package_id}/review-rounds",
    response={201: RoundOut, **errors(400, 403, 404, 409, 422)},
    summary="Open a review round",
    description="Numbered per package; one round is open at a time. Needs training.author_package.",
)
def open_review_round(request: HttpRequest, package_id: int, payload: RoundIn) -> Any:
    actor = actor_of(request)
    package = access_package(actor, package_id, permission=perms.AUTHOR_PACKAGE)
    return Status(
        201, review.open_review_round(actor=actor, package=package, title=payload.title, closes_on=payload.closes_on)
    )


@router.post(
    "/training/review-rounds/{int:round_id}/close",
    response={200: RoundOut, **errors(403, 404, 409)},
    summary="Close a review round",
)
def close_review_round(request: HttpRequest, round_id: int) -> Any:
    actor = actor_of(request)
    found = access_review_round(actor, round_id, permission=perms.AUTHOR_PACKAGE)
    return review.close_review_round(actor=actor, round=found)


# --- threads and comments ------------------------------------------------------------------------


@router.get(
    "/training/packages/{int:package_id}/review-threads",
    response={200: page_of(ThreadOut), **errors(404, 422)},
    summary="List a package's review threads",
)
def list_review_threads(request: HttpRequest, package_id: int, filters: Query[ThreadFilters]) -> Any:
    """Threads of a package with their comments, newest first; filter by status and section."""
    actor = actor_of(request)
    package = access_package(actor, package_id)
    rows = _threads(actor).filter(package=package)
    if filters.status == "open":
        rows = rows.filter(resolved_at__isnull=True)
    elif filters.status == "resolved":
        rows = rows.filter(resolved_at__isnull=False)
    if filters.module is not None:
        rows = rows.filter(module_id=filters.module)
    if filters.session is not None:
        rows = rows.filter(session_id=filters.session)
    return keyset_page(request, rows, order=("-id",), cursor=filters.cursor, limit=filters.limit)


@router.get(
    "/training/review-threads/{int:thread_id}", response={200: ThreadOut, **errors(404)}, summary="Get a thread"
)
def get_review_thread(request: HttpRequest, thread_id: int) -> Any:
    actor = actor_of(request)
    return _threads(actor).get(pk=access_thread(actor, thread_id).pk)


@router.post(
    "/training/review-threads",
    response={201: ThreadOut, **errors(400, 403, 404, 422)},
    summary="Open a review thread on a section",
    description="Needs training.review_package, which reaches the packages of the units above your "
    "grant too. The thread joins the package's open round, if any.",
)
def open_review_thread(request: HttpRequest, payload: ThreadIn) -> Any:
    actor = actor_of(request)
    module, session = _section(actor, payload, perms.REVIEW_PACKAGE)
    thread = review.open_thread(actor=actor, module=module, session=session, body=payload.body)
    return Status(201, _threads(actor).get(pk=thread.pk))


@router.get(
    "/training/review-threads/{int:thread_id}/comments",
    response={200: page_of(CommentOut), **errors(404, 422)},
    summary="List a thread's comments",
)
def list_review_comments(request: HttpRequest, thread_id: int, page: Query[PageParams]) -> Any:
    thread = access_thread(actor_of(request), thread_id)
    rows = ReviewComment.objects.filter(thread=thread).select_related("author")
    return keyset_page(request, rows, order=("id",), cursor=page.cursor, limit=page.limit)


@router.post(
    "/training/review-threads/{int:thread_id}/comments",
    response={201: CommentOut, **errors(400, 403, 404, 409, 422)},
    summary="Reply in a thread",
)
def reply_to_review_thread(request: HttpRequest, thread_id: int, payload: CommentIn) -> Any:
    actor = actor_of(request)
    thread = access_thread(actor, thread_id, permission=perms.REVIEW_PACKAGE)
    return Status(201, review.reply_to_thread(actor=actor, thread=thread, body=payload.body))


@router.post(
    "/training/review-threads/{int:thread_id}/resolve",
    response={200: ThreadOut, **errors(400, 403, 404, 409, 422)},
    summary="Resolve a thread",
    description="An author of the package or whoever opened the thread, with a note of what was done.",
)
def resolve_review_thread(request: HttpRequest, thread_id: int, payload: ResolveIn) -> Any:
    actor = actor_of(request)
    thread = access_thread(actor, thread_id)
    review.resolve_thread(actor=actor, thread=thread, resolution=payload.resolution)
    return _threads(actor).get(pk=thread.pk)


@router.post(
    "/training/review-threads/{int:thread_id}/reopen",
    response={200: ThreadOut, **errors(400, 403, 404, 409, 422)},
    summary="Reopen a thread",
)
def reopen_review_thread(request: HttpRequest, thread_id: int, payload: ReopenIn) -> Any:
    actor = actor_of(request)
    thread = access_thread(actor, thread_id)
    review.reopen_thread(actor=actor, thread=thread, reason=payload.reason)
    return _threads(actor).get(pk=thread.pk)
