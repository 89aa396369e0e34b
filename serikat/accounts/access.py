"""Doors to grants and API tokens."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from serikat.accounts.models import ApiToken, Grant
from serikat.core import permissions as perms
from serikat.core.errors import Forbidden, NotFound


def access_grant(actor: Any, grant_id: Any, *, permission: str = perms.VIEW_GRANT) -> Grant:
    try:
        pk = int(grant_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    grant = Grant.objects.visible_to(actor, permission).select_related("user", "role", "unit").filter(pk=pk).first()
    if grant is None:
        if permission != perms.VIEW_GRANT and Grant.objects.visible_to(actor, perms.VIEW_GRANT).filter(pk=pk).exists():
            raise Forbidden(_("You may see this, but not do that to it."))
        raise NotFound(_("Not found."))
    return grant


def access_own_api_token(actor: Any, token_id: Any) -> ApiToken:
    """A user sees and revokes only their own tokens."""
    try:
        pk = int(token_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    token = ApiToken.objects.filter(user=actor, pk=pk).first() if actor.is_authenticated else None
    if token is None:
        raise NotFound(_("Not found."))
    return token
