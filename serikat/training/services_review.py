"""Review of a package's draft: numbered review rounds, threads on a section (a module or one of its
sessions), comments, resolution with a note, reopening (docs/training.md, section 4).

Who may:
  * open and close a round: `training.author_package` covering the package's unit;
  * open a thread and reply: `training.review_package`, which reaches the packages of the units
    the grant covers and of the units above it (a plant union's trainer reviews a confederation
    package);
  * resolve and reopen: an author of the package, or whoever opened the thread (while they still
    hold the review permission for it).

A thread opened while a round is open belongs to that round; at most one round of a package is
open at a time. Comments are plain text (rendered escaped), never HTML.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.audit.recorder import record_event
from serikat.core import permissions as perms
from serikat.core.errors import Conflict, DomainError, Forbidden, NotFound, ValidationProblems
from serikat.core.scoping import require, scope_of
from serikat.organisation.models import Unit
from serikat.training import events
from serikat.training.models import Module, Package, ReviewComment, ReviewRound, ReviewThread, Session
from serikat.training.querysets import REACHES_UP

MAX_COMMENT = 4000
MAX_RESOLUTION = 500


class ReviewRuleBroken(DomainError):
    code = "training-review"


def reaches(actor: Any, permission: str, unit: Unit) -> bool:
    """Whether the actor holds `permission` for rows of `unit`, as querysets.reach_q says it for
    lists: a grant covers its subtree, and for the permissions that reach up also the units above
    it. Answers for a unit already in memory (no query beyond the cached grants)."""
    scope = scope_of(actor, permission)
    if scope.covers(unit):
        return True
    return permission in REACHES_UP and any(path.startswith(unit.path) for path in scope.paths)


def _require_reach(actor: Any, permission: str, unit: Unit) -> None:
    """404 when the actor cannot see the package at all, 403 when they see it without `permission`."""
    if reaches(actor, permission, unit):
        return
    if reaches(actor, perms.VIEW_PACKAGE, unit):
        raise Forbidden(_("You may see this package, but not do that to it."))
    raise NotFound(_("Not found."))


def _body(value: Any, field: str, limit: int, problems: ValidationProblems) -> str:
    text = (value or "").strip()
    if not text:
        problems.add(field, _("Write something first."))
    elif len(text) > limit:
        problems.add(field, _("Keep this under %(limit)s characters.") % {"limit": limit})
    return text


def may_settle(actor: Any, thread: ReviewThread) -> bool:
    """Whether the actor may resolve or reopen the thread: an author of the package, or its opener."""
    unit = thread.package.unit
    if scope_of(actor, perms.AUTHOR_PACKAGE).covers(unit):
        return True
    return thread.opened_by_id == getattr(actor, "pk", None) and reaches(actor, perms.REVIEW_PACKAGE, unit)


# --- rounds --------------------------------------------------------------------------------------


def open_review_round(
    *, actor: Any, package: Package, title: str = "", closes_on: datetime.date | None = None
) -> ReviewRound:
    """Open the next numbered review round of a package, optionally with the day it is meant to
    close. Only one round is open at a time. Needs `training.author_package` over the package's
    unit. Records training.review_round_opened."""
    require(actor, perms.AUTHOR_PACKAGE, package.unit)
    problems = ValidationProblems()
    title = (title or "").strip()
    if len(title) > 200:
        problems.add("title", _("Keep this under %(limit)s characters.") % {"limit": 200})
    if closes_on is not None and closes_on < timezone.localdate():
        problems.add("closes_on", _("The closing day has already passed."))
    problems.raise_if_any(_("The review round was not opened."))
    with transaction.atomic():
        # The package row is the lock that keeps round numbers unique and one round open.
        Package.objects.select_for_update().filter(pk=package.pk).first()
        rounds = ReviewRound.objects.filter(package=package)
        still_open = rounds.filter(closed_at__isnull=True).first()
        if still_open is not None:
            raise Conflict(
                _("Round %(number)s is still open; close it before opening another.") % {"number": still_open.number}
            )
        number = (rounds.aggregate(last=Max("number"))["last"] or 0) + 1
        round_ = ReviewRound.objects.create(
            package=package, number=number, title=title, closes_on=closes_on, opened_by=actor
        )
        record_event(
            actor=actor,
            kind=events.REVIEW_ROUND_OPENED,
            subject=package,
            unit=package.unit,
            data={"round": round_.pk, "number": number, "title": title, "closes_on": closes_on},
        )
    return round_


def close_review_round(*, actor: Any, round: ReviewRound) -> ReviewRound:
    """Close a review round. Its threads stay as they are (open ones can still be answered and
    resolved). Needs `training.author_package`. Records training.review_round_closed."""
    package = round.package
    require(actor, perms.AUTHOR_PACKAGE, package.unit)
    with transaction.atomic():
        round = ReviewRound.objects.select_for_update().get(pk=round.pk)
        if round.closed_at is not None:
            raise Conflict(_("This review round is already closed."))
        round.closed_at = timezone.now()
        round.save(update_fields=["closed_at"])
        record_event(
            actor=actor,
            kind=events.REVIEW_ROUND_CLOSED,
            subject=package,
            unit=package.unit,
            data={"round": round.pk, "number": round.number},
        )
    round.package = package
    return round


# --- threads and comments ------------------------------------------------------------------------


def open_thread(*, actor: Any, module: Module, session: Session | None = None, body: str) -> ReviewThread:
    """Open a review thread on a section (a module, or one of its sessions) with its first comment.
    It belongs to the package's open round, if one is open. Needs `training.review_package`
    (which reaches up the tree). Records training.comment_posted."""
    package = module.package
    _require_reach(actor, perms.REVIEW_PACKAGE, package.unit)
    problems = ValidationProblems()
    if session is not None and session.module_id != module.pk:
        problems.add("session", _("This session is not part of that module."))
    body = _body(body, "body", MAX_COMMENT, problems)
    problems.raise_if_any(_("The thread was not opened."))
    with transaction.atomic():
        open_round = ReviewRound.objects.filter(package=package, closed_at__isnull=True).first()
        thread = ReviewThread.objects.create(
            package=package, round=open_round, module=module, session=session, opened_by=actor
        )
        comment = ReviewComment.objects.create(thread=thread, body=body, author=actor)
        record_event(
            actor=actor,
            kind=events.COMMENT_POSTED,
            subject=package,
            unit=package.unit,
            data={
                "thread": thread.pk,
                "comment": comment.pk,
                "opened": True,
                "round": open_round.number if open_round else None,
                "module": module.pk,
                "session": session.pk if session else None,
            },
        )
    return thread


def reply_to_thread(*, actor: Any, thread: ReviewThread, body: str) -> ReviewComment:
    """Answer in an open thread. A resolved thread must be reopened first. Needs
    `training.review_package`. Records training.comment_posted."""
    package = thread.package
    _require_reach(actor, perms.REVIEW_PACKAGE, package.unit)
    problems = ValidationProblems()
    body = _body(body, "body", MAX_COMMENT, problems)
    problems.raise_if_any(_("The reply was not posted."))
    with transaction.atomic():
        locked = ReviewThread.objects.select_for_update().get(pk=thread.pk)
        if locked.resolved_at is not None:
            raise Conflict(_("This thread is resolved; reopen it to reply."))
        comment = ReviewComment.objects.create(thread=locked, body=body, author=actor)
        record_event(
            actor=actor,
            kind=events.COMMENT_POSTED,
            subject=package,
            unit=package.unit,
            data={"thread": thread.pk, "comment": comment.pk, "opened": False},
        )
    return comment


def _require_settle(actor: Any, thread: ReviewThread) -> None:
    _require_reach(actor, perms.VIEW_PACKAGE, thread.package.unit)
    if not may_settle(actor, thread):
        raise Forbidden(_("Only an author of the package or whoever opened the thread may do this."))


def resolve_thread(*, actor: Any, thread: ReviewThread, resolution: str) -> ReviewThread:
    """Resolve a thread with a note saying what was done. An author of the package or the thread's
    opener may. Records training.thread_resolved."""
    _require_settle(actor, thread)
    problems = ValidationProblems()
    resolution = _body(resolution, "resolution", MAX_RESOLUTION, problems)
    problems.raise_if_any(_("The thread was not resolved."))
    with transaction.atomic():
        locked = ReviewThread.objects.select_for_update().get(pk=thread.pk)
        if locked.resolved_at is not None:
            raise Conflict(_("This thread is already resolved."))
        locked.resolved_at = timezone.now()
        locked.resolved_by = actor
        locked.resolution = resolution
        locked.save(update_fields=["resolved_at", "resolved_by", "resolution"])
        record_event(
            actor=actor,
            kind=events.THREAD_RESOLVED,
            subject=thread.package,
            unit=thread.package.unit,
            data={"thread": thread.pk, "resolution": resolution},
        )
    thread.resolved_at, thread.resolved_by, thread.resolution = locked.resolved_at, actor, resolution
    return thread


def reopen_thread(*, actor: Any, thread: ReviewThread, reason: str = "") -> ReviewThread:
    """Reopen a resolved thread; a reason, if given, is posted as a comment. An author of the
    package or the thread's opener may. Records training.thread_reopened with the resolution that
    was withdrawn."""
    _require_settle(actor, thread)
    problems = ValidationProblems()
    reason = (reason or "").strip()
    if len(reason) > MAX_COMMENT:
        problems.add("reason", _("Keep this under %(limit)s characters.") % {"limit": MAX_COMMENT})
    problems.raise_if_any(_("The thread was not reopened."))
    with transaction.atomic():
        locked = ReviewThread.objects.select_for_update().get(pk=thread.pk)
        if locked.resolved_at is None:
            raise Conflict(_("This thread is not resolved."))
        withdrawn = {"resolution": locked.resolution, "resolved_by": locked.resolved_by_id}
        locked.resolved_at = None
        locked.resolved_by = None
        locked.resolution = ""
        locked.save(update_fields=["resolved_at", "resolved_by", "resolution"])
        comment = ReviewComment.objects.create(thread=locked, body=reason, author=actor) if reason else None
        record_event(
            actor=actor,
            kind=events.THREAD_REOPENED,
            subject=thread.package,
            unit=thread.package.unit,
            data={"thread": thread.pk, "withdrawn": withdrawn, "comment": comment.pk if comment else None},
        )
    thread.resolved_at, thread.resolved_by, thread.resolution = None, None, ""
    return thread
