"""What every app's access_*() doors share: one object by id from a scoped queryset.

Each app's access.py builds the querysets (through visible_to, for the permission the action needs)
and calls fetch_in_scope(); the answers are the same everywhere (ADR 0008)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from serikat.core.errors import Forbidden, NotFound


def fetch_in_scope(allowed: QuerySet, viewable: QuerySet | None, pk: Any) -> Any:
    """The row `pk` of `allowed`. When it is not there: 403 if `viewable` (the rows the actor may
    see) holds it, so the actor learns they may see it but not do that; otherwise 404, exactly like
    an id that does not exist. An id that is not a number is a 404 too."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    obj = allowed.filter(pk=pk).first()
    if obj is not None:
        return obj
    if viewable is not None and viewable.filter(pk=pk).exists():
        raise Forbidden(_("You may see this, but not do that to it."))
    raise NotFound(_("Not found."))
