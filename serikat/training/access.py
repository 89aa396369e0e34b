"""The only doors to single training objects. Out of scope answers exactly like missing (404);
visible with `training.view_package` but not allowed for the action answers 403.

Which rows each permission reaches is said once, in serikat.training.querysets."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from serikat.core import permissions as perms
from serikat.core.access import fetch_in_scope
from serikat.training.models import (
    Consignment,
    Edition,
    Feedback,
    InputLink,
    MeetingInput,
    MeetingParticipant,
    Module,
    Package,
    PrintRun,
    ProductionMeeting,
    Rendition,
    ReviewRound,
    ReviewThread,
    Session,
    Trainer,
)
from serikat.training.querysets import reach_q


def _door(queryset: QuerySet, actor: Any, pk: Any, permission: str) -> Any:
    view = queryset.visible_to(actor, perms.VIEW_PACKAGE) if permission != perms.VIEW_PACKAGE else None
    return fetch_in_scope(queryset.visible_to(actor, permission), view, pk)


def access_package(actor: Any, package_id: Any, *, permission: str = perms.VIEW_PACKAGE) -> Package:
    """A training package the actor may see (or act on, with `permission`)."""
    return _door(Package.objects.select_related("unit", "current_edition"), actor, package_id, permission)


def access_module(actor: Any, module_id: Any, *, permission: str = perms.VIEW_PACKAGE) -> Module:
    """A module, through its package."""
    return _door(Module.objects.select_related("package", "package__unit"), actor, module_id, permission)


def access_session(actor: Any, session_id: Any, *, permission: str = perms.VIEW_PACKAGE) -> Session:
    """A session of a module, through its package."""
    queryset = Session.objects.select_related("module", "module__package", "module__package__unit")
    return _door(queryset, actor, session_id, permission)


def access_thread(actor: Any, thread_id: Any, *, permission: str = perms.VIEW_PACKAGE) -> ReviewThread:
    """A review thread, through its package."""
    queryset = ReviewThread.objects.select_related("package", "package__unit", "module", "session")
    return _door(queryset, actor, thread_id, permission)


def access_meeting(actor: Any, meeting_id: Any, *, permission: str = perms.VIEW_PACKAGE) -> ProductionMeeting:
    """A production-group meeting, through the unit that organised it."""
    return _door(ProductionMeeting.objects.select_related("unit"), actor, meeting_id, permission)


def access_trainer(actor: Any, trainer_id: Any, *, permission: str = perms.VIEW_PACKAGE) -> Trainer:
    """A trainer of the pool, through their home unit (downward only: the pool holds people)."""
    return fetch_in_scope(
        Trainer.objects.select_related("unit", "sector").visible_to(actor, permission), None, trainer_id
    )


def access_edition(actor: Any, edition_id: Any, *, permission: str = perms.VIEW_PACKAGE) -> Edition:
    """A released edition, through its package."""
    return _door(Edition.objects.select_related("package", "package__unit"), actor, edition_id, permission)


def access_rendition(actor: Any, rendition_id: Any, *, permission: str = perms.VIEW_PACKAGE) -> Rendition:
    """A document of an edition, through its package."""
    queryset = Rendition.objects.select_related("edition", "edition__package", "edition__package__unit")
    return _door(queryset, actor, rendition_id, permission)


def access_print_run(actor: Any, print_run_id: Any, *, permission: str = perms.VIEW_PACKAGE) -> PrintRun:
    """A print run, through the unit that ordered it."""
    queryset = PrintRun.objects.select_related("edition", "edition__package", "unit")
    view = queryset.visible_to(actor, perms.VIEW_PACKAGE) if permission != perms.VIEW_PACKAGE else None
    return fetch_in_scope(queryset.visible_to(actor, permission), view, print_run_id)


def access_consignment(actor: Any, consignment_id: Any, *, permission: str = perms.VIEW_PACKAGE) -> Consignment:
    """A consignment, if the actor's scope covers the sending or the receiving unit. Services check
    which side an action needs (only the receiving unit confirms a receipt)."""
    queryset = Consignment.objects.select_related("edition", "edition__package", "from_unit", "to_unit")
    view = queryset.visible_to(actor, perms.VIEW_PACKAGE) if permission != perms.VIEW_PACKAGE else None
    return fetch_in_scope(queryset.visible_to(actor, permission), view, consignment_id)


def access_feedback(actor: Any, feedback_id: Any, *, permission: str = perms.VIEW_PACKAGE) -> Feedback:
    """A feedback item, through its edition's package."""
    queryset = Feedback.objects.select_related("edition", "edition__package", "module", "session", "unit")
    return _door(queryset, actor, feedback_id, permission)


def _meeting_part_door(queryset: QuerySet, lookup: str, actor: Any, pk: Any, permission: str) -> Any:
    """Rows that hang off a meeting (participants, inputs, links) have no unit of their own: they
    are reached through the meeting's organising unit, exactly as the meeting is."""
    allowed = queryset.filter(reach_q(actor, permission, lookup))
    view = queryset.filter(reach_q(actor, perms.VIEW_PACKAGE, lookup)) if permission != perms.VIEW_PACKAGE else None
    return fetch_in_scope(allowed, view, pk)


def access_participant(actor: Any, participant_id: Any, *, permission: str = perms.VIEW_PACKAGE) -> MeetingParticipant:
    """A participant of a production-group meeting, through the meeting."""
    queryset = MeetingParticipant.objects.select_related("meeting", "meeting__unit", "unit", "sector", "trainer")
    return _meeting_part_door(queryset, "meeting__unit", actor, participant_id, permission)


def access_input(actor: Any, input_id: Any, *, permission: str = perms.VIEW_PACKAGE) -> MeetingInput:
    """An input of a production-group meeting (need, obstacle, approach), through the meeting."""
    queryset = MeetingInput.objects.select_related("meeting", "meeting__unit", "sector", "raised_by")
    return _meeting_part_door(queryset, "meeting__unit", actor, input_id, permission)


def access_input_link(actor: Any, link_id: Any, *, permission: str = perms.VIEW_PACKAGE) -> InputLink:
    """A link from a meeting input to the section it shaped, through the input's meeting."""
    queryset = InputLink.objects.select_related("input", "input__meeting", "input__meeting__unit", "module", "session")
    return _meeting_part_door(queryset, "input__meeting__unit", actor, link_id, permission)


def access_review_round(actor: Any, round_id: Any, *, permission: str = perms.VIEW_PACKAGE) -> ReviewRound:
    """A review round, through its package."""
    return _door(ReviewRound.objects.select_related("package", "package__unit"), actor, round_id, permission)
