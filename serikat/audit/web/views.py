"""Screens of the audit log: the events an officer may read, and one event in full."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from serikat.audit import selectors
from serikat.audit.web.forms import AuditFilterForm
from serikat.audit.web.kinds import kind_label
from serikat.core import permissions as perms
from serikat.core.errors import NotFound
from serikat.core.scoping import has_any
from serikat.core.web.helpers import is_htmx, scoped_view
from serikat.organisation.access import access_unit_by_code


def _shown(value: Any) -> str:
    """A recorded value as an officer reads it: text as is, nothing as a dash, the rest as JSON."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@login_required
@scoped_view
@require_GET
def events_view(request: HttpRequest) -> HttpResponse:
    """The audit log, newest first, filtered by kind, who, unit (with its subtree) and days."""
    actor = request.user
    if not has_any(actor, perms.VIEW_AUDIT):
        raise PermissionDenied(_("None of your roles lets you read the audit log."))
    form = AuditFilterForm(request.GET or None)
    unit = None
    if form.is_bound and form.is_valid() and form.cleaned_data["unit"].strip():
        try:
            unit = access_unit_by_code(actor, form.cleaned_data["unit"].strip(), permission=perms.VIEW_AUDIT)
        except NotFound:
            form.add_error("unit", _("No unit with this code among your units."))
    if form.is_bound and form.errors:
        page = selectors.KeysetPage(rows=[], older=None, newer=None)  # a filter not understood lists nothing
    else:
        data = form.cleaned_data if form.is_bound else {}
        page = selectors.audit_log_page(
            actor,
            kind=data.get("kind", ""),
            actor_username=data.get("actor", "").strip(),
            unit=unit,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            before=selectors.parse_cursor(request.GET.get("before")),
            after=selectors.parse_cursor(request.GET.get("after")),
        )
    for event in page.rows:
        event.kind_label = kind_label(event.kind)
    context = {"section": "audit", "form": form, "page": page}
    wants_partial = is_htmx(request) and request.headers.get("HX-History-Restore-Request") != "true"
    response = render(request, "audit/_event_results.html" if wants_partial else "audit/events.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@scoped_view
@require_GET
def event_detail_view(request: HttpRequest, event_id: int) -> HttpResponse:
    """One event: what changed (before and after), its details, the request and address it came from."""
    event = selectors.audit_event_detail(request.user, event_id)
    context = {
        "section": "audit",
        "event": event,
        "kind_label": kind_label(event.kind),
        "changes": [(field, _shown(old), _shown(new)) for field, old, new in selectors.changes_as_rows(event)],
        "data": [(key, _shown(value)) for key, value in sorted((event.data or {}).items())],
    }
    return render(request, "audit/event_detail.html", context)
