"""Read models of the audit screens, and the keyset pagination the list screens share.

Lists page by id (newest first) with `before`/`after` cursors instead of OFFSET and COUNT: the cost
of a page does not grow with the size of the log, and rows written meanwhile do not shift pages.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.audit.models import AuditEvent
from serikat.core import permissions as perms
from serikat.core.errors import NotFound
from serikat.core.scoping import Scope

PAGE_SIZE = 50


@dataclass(frozen=True)
class KeysetPage:
    """One page of a list ordered newest first, with the cursors to the pages beside it.

    `older` is the `before=` cursor of the next older page, `newer` the `after=` cursor of the next
    newer page; None when there is no such page (as far as the query could tell without counting).
    """

    rows: list[Any]
    older: int | None
    newer: int | None


def parse_cursor(value: Any) -> int | None:
    """A cursor from a query string: a positive integer, anything else means "no cursor"."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def keyset_page(
    queryset: QuerySet, *, before: int | None = None, after: int | None = None, size: int = PAGE_SIZE
) -> KeysetPage:
    """The page of `queryset` (newest first by pk) before or after a cursor; one query, no COUNT."""
    if after is not None:
        rows = list(queryset.filter(pk__gt=after).order_by("pk")[: size + 1])
        more_newer = len(rows) > size
        rows = rows[:size][::-1]
        return KeysetPage(
            rows=rows,
            older=rows[-1].pk if rows else None,
            newer=rows[0].pk if more_newer else None,
        )
    if before is not None:
        queryset = queryset.filter(pk__lt=before)
    rows = list(queryset.order_by("-pk")[: size + 1])
    more_older = len(rows) > size
    rows = rows[:size]
    return KeysetPage(
        rows=rows,
        older=rows[-1].pk if more_older else None,
        # Coming from a newer page means there is one to go back to.
        newer=rows[0].pk if before is not None and rows else None,
    )


def events_visible_to(actor: Any) -> QuerySet:
    """The events an actor may read (see AuditEventQuerySet.visible_to)."""
    return AuditEvent.objects.visible_to(actor, perms.VIEW_AUDIT)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_log_page(
    actor: Any,
    *,
    kind: str = "",
    actor_username: str = "",
    unit: Any = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    before: int | None = None,
    after: int | None = None,
    size: int = PAGE_SIZE,
) -> KeysetPage:
    """One page of the audit log as the actor may see it, newest first.

    `unit` (already fetched within the actor's scope) narrows to the events of that unit and of
    every unit it covers, as a grant at it would. Dates are whole days in the site's time zone.
    """
    events = events_visible_to(actor).select_related("unit", "unit__level")
    if kind:
        events = events.filter(kind=kind)
    if actor_username:
        events = events.filter(actor__username__iexact=actor_username)
    if unit is not None:
        events = events.filter(Scope((unit.path,)).q("unit"))
    if date_from is not None:
        events = events.filter(at__gte=_start_of(date_from))
    if date_to is not None:
        events = events.filter(at__lt=_start_of(date_to + datetime.timedelta(days=1)))
    return keyset_page(events, before=before, after=after, size=size)


def audit_event_detail(actor: Any, event_id: Any) -> AuditEvent:
    """One event if the actor may read it; out of scope answers exactly like missing."""
    pk = parse_cursor(event_id)
    event = (
        events_visible_to(actor).select_related("unit", "unit__level", "actor").filter(pk=pk).first()
        if pk is not None
        else None
    )
    if event is None:
        raise NotFound(_("Not found."))
    return event


def changes_as_rows(event: AuditEvent) -> list[tuple[str, Any, Any]]:
    """(field, before, after) for each recorded change, in field order."""
    rows = []
    for field, values in sorted((event.changes or {}).items()):
        if isinstance(values, list | tuple) and len(values) == 2:
            rows.append((field, values[0], values[1]))
        else:
            rows.append((field, None, values))
    return rows
