"""Read models of the account screens: one's own grants and tokens, the access list, people in scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from serikat.accounts.models import ApiToken, Grant, Role, User
from serikat.audit.selectors import PAGE_SIZE, KeysetPage, keyset_page
from serikat.core import permissions as perms
from serikat.core.errors import NotFound
from serikat.core.scoping import Scope, scope_of

GRANT_ACTIVE = "active"
GRANT_EXPIRED = "expired"
GRANT_REVOKED = "revoked"


def grant_status(grant: Grant, today: Any = None) -> str:
    if grant.revoked_at is not None:
        return GRANT_REVOKED
    if grant.expires_on is not None and grant.expires_on < (today or timezone.localdate()):
        return GRANT_EXPIRED
    return GRANT_ACTIVE


def grants_held_by(user: User) -> QuerySet:
    """The user's own grants in force, for the profile: role, unit and expiry."""
    return (
        Grant.objects.active()
        .filter(user=user)
        .select_related("role", "unit", "unit__level")
        .order_by("unit__path", "role__code")
    )


def api_tokens_of(user: User) -> QuerySet:
    """The user's own API tokens, newest first, revoked ones included (they explain past access)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def access_list_page(
    actor: Any,
    *,
    unit: Any = None,
    username: str = "",
    role: Role | None = None,
    include_revoked: bool = False,
    before: int | None = None,
    after: int | None = None,
    size: int = PAGE_SIZE,
) -> KeysetPage:
    """A page of the grants the actor may see (accounts.view_grant), newest first.

    `unit` (fetched within the actor's scope) narrows to grants at that unit and the units it covers.
    Each row carries `status` (active / expired / revoked) and `can_revoke`, decided without a query
    per row from the actor's accounts.manage_grants scope.
    """
    grants = Grant.objects.visible_to(actor, perms.VIEW_GRANT).select_related(
        "user", "role", "unit", "unit__level", "granted_by", "revoked_by"
    )
    if not include_revoked:
        grants = grants.filter(revoked_at__isnull=True)
    if unit is not None:
        grants = grants.filter(Scope((unit.path,)).q("unit"))
    if username:
        grants = grants.filter(user__username__iexact=username)
    if role is not None:
        grants = grants.filter(role=role)
    page = keyset_page(grants, before=before, after=after, size=size)
    manage = scope_of(actor, perms.MANAGE_GRANTS)
    today = timezone.localdate()
    for grant in page.rows:
        grant.status = grant_status(grant, today)
        grant.can_revoke = grant.revoked_at is None and manage.covers(grant.unit)
    return page


def user_known_to(actor: Any, username: str, *, permission: str = perms.MANAGE_GRANTS) -> User:
    """The user called `username` if they hold, or held, a grant at a unit in the actor's scope.

    People elsewhere in the movement answer exactly like people who do not exist.
    """
    in_scope = Grant.objects.visible_to(actor, permission).filter(user=OuterRef("pk"))
    user = (
        User.objects.filter(username__iexact=username.strip(), is_active=True).filter(Exists(in_scope)).first()
        if username.strip()
        else None
    )
    if user is None:
        raise NotFound(_("No account with this username among the people you manage."), field="username")
    return user
