from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from serikat.core import permissions as perms
from serikat.core.scoping import active_grants


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the page shell needs: which sections of the navigation this user may open."""
    user = getattr(request, "user", None)
    held: set[str] = set()
    for _path, codes in active_grants(user):
        held |= codes
    return {
        "nav": {
            "units": perms.VIEW_UNIT in held,
            "employers": perms.VIEW_EMPLOYER in held,
            "members": perms.VIEW_MEMBER in held,
            "dues": perms.VIEW_DUES in held,
            "training": perms.VIEW_PACKAGE in held,
            "grants": perms.VIEW_GRANT in held,
            "audit": perms.VIEW_AUDIT in held,
        },
        "request_id": getattr(request, "request_id", ""),
    }
