"""REST endpoint of the audit log: events of the units in the reader's scope, newest first."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from serikat.audit.models import AuditEvent
from serikat.audit.schemas import AuditEventFilters, AuditEventOut
from serikat.core import permissions as perms
from serikat.core.api import actor_of, errors, keyset_page, page_of, resolve
from serikat.core.scoping import Scope
from serikat.organisation.access import access_unit

router = Router()


@router.get(
    "/audit-events",
    response={200: page_of(AuditEventOut), **errors(403, 404, 422)},
    tags=["audit log"],
    summary="List audit events",
    description="Events of units in your scope for audit.view_event, newest first (keyset on id). "
    "`actor` filters the events you may see by who did them; it reveals nothing about other users.",
)
def list_audit_events(request: HttpRequest, filters: Query[AuditEventFilters]) -> Any:
    actor = actor_of(request)
    rows = AuditEvent.objects.visible_to(actor, perms.VIEW_AUDIT).select_related("actor", "unit")
    if filters.kind:
        rows = (
            rows.filter(kind__startswith=filters.kind) if filters.kind.endswith(".") else rows.filter(kind=filters.kind)
        )
    if filters.unit is not None:
        unit = resolve("query.unit", access_unit, actor, filters.unit, permission=perms.VIEW_AUDIT)
        # The unit and everything it covers, as a grant at it would: the same as the audit screen.
        rows = rows.filter(Scope((unit.path,)).q("unit"))
    if filters.actor is not None:
        rows = rows.filter(actor_id=filters.actor)
    if filters.since is not None:
        rows = rows.filter(at__gte=filters.since)
    if filters.until is not None:
        rows = rows.filter(at__lt=filters.until)
    return keyset_page(request, rows, order=("-id",), cursor=filters.cursor, limit=filters.limit)
