"""The only doors to single registry objects. Out of scope answers exactly like missing."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from serikat.core import permissions as perms
from serikat.core.errors import Forbidden, NotFound
from serikat.membership.models import Member, MemberCard, Membership, MembershipConflict, Transfer


def _pk(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None


def _fetch(allowed: QuerySet, viewable: QuerySet | None, pk: Any) -> Any:
    pk = _pk(pk)
    obj = allowed.filter(pk=pk).first()
    if obj is not None:
        return obj
    if viewable is not None and viewable.filter(pk=pk).exists():
        raise Forbidden(_("You may see this, but not do that to it."))
    raise NotFound(_("Not found."))


def access_membership(actor: Any, membership_id: Any, *, permission: str = perms.VIEW_MEMBER) -> Membership:
    """One membership, if its unit is in the actor's scope for `permission`."""
    qs = Membership.objects.select_related("member", "unit", "unit__level", "federation", "employer", "workplace")
    view = Membership.objects.visible_to(actor, perms.VIEW_MEMBER) if permission != perms.VIEW_MEMBER else None
    return _fetch(qs.visible_to(actor, permission), view, membership_id)


def access_member(actor: Any, member_id: Any, *, permission: str = perms.VIEW_MEMBER) -> Member:
    """A person, if at least one of their memberships is in scope (their other unions stay hidden)."""
    view = Member.objects.visible_to(actor, perms.VIEW_MEMBER) if permission != perms.VIEW_MEMBER else None
    return _fetch(Member.objects.visible_to(actor, permission), view, member_id)


def access_transfer(actor: Any, transfer_id: Any, *, permission: str = perms.VIEW_MEMBER) -> Transfer:
    qs = Transfer.objects.select_related("membership__member", "from_unit", "to_unit")
    return _fetch(qs.visible_to(actor, permission), None, transfer_id)


def access_card(actor: Any, card_id: Any, *, permission: str = perms.VIEW_MEMBER) -> MemberCard:
    qs = MemberCard.objects.select_related("membership__member", "membership__unit", "membership__federation")
    view = MemberCard.objects.visible_to(actor, perms.VIEW_MEMBER) if permission != perms.VIEW_MEMBER else None
    return _fetch(qs.visible_to(actor, permission), view, card_id)


def access_conflict(actor: Any, conflict_id: Any, *, permission: str = perms.VIEW_MEMBER) -> MembershipConflict:
    qs = MembershipConflict.objects.select_related("member", "first__unit", "second__unit")
    return _fetch(qs.visible_to(actor, permission), None, conflict_id)
