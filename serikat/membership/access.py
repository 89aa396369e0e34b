"""The only doors to single registry objects. Out of scope answers exactly like missing."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from serikat.core import permissions as perms
from serikat.core.access import fetch_in_scope
from serikat.core.errors import NotFound
from serikat.membership.models import Member, MemberCard, Membership, MembershipConflict, Transfer


def access_membership(actor: Any, membership_id: Any, *, permission: str = perms.VIEW_MEMBER) -> Membership:
    """One membership, if its unit is in the actor's scope for `permission`."""
    qs = Membership.objects.select_related("member", "unit", "unit__level", "federation", "employer", "workplace")
    view = Membership.objects.visible_to(actor, perms.VIEW_MEMBER) if permission != perms.VIEW_MEMBER else None
    return fetch_in_scope(qs.visible_to(actor, permission), view, membership_id)


def access_member(actor: Any, member_id: Any, *, permission: str = perms.VIEW_MEMBER) -> Member:
    """A person, if at least one of their memberships is in scope (their other unions stay hidden)."""
    view = Member.objects.visible_to(actor, perms.VIEW_MEMBER) if permission != perms.VIEW_MEMBER else None
    return fetch_in_scope(Member.objects.visible_to(actor, permission), view, member_id)


def access_transfer(actor: Any, transfer_id: Any, *, permission: str = perms.VIEW_MEMBER) -> Transfer:
    """A transfer, if either side (the unit it leaves or the unit it goes to) is in the actor's scope."""
    qs = Transfer.objects.select_related("membership__member", "from_unit", "to_unit")
    view = Transfer.objects.visible_to(actor, perms.VIEW_MEMBER) if permission != perms.VIEW_MEMBER else None
    return fetch_in_scope(qs.visible_to(actor, permission), view, transfer_id)


def access_card(actor: Any, card_id: Any, *, permission: str = perms.VIEW_MEMBER) -> MemberCard:
    qs = MemberCard.objects.select_related("membership__member", "membership__unit", "membership__federation")
    view = MemberCard.objects.visible_to(actor, perms.VIEW_MEMBER) if permission != perms.VIEW_MEMBER else None
    return fetch_in_scope(qs.visible_to(actor, permission), view, card_id)


def access_conflict(actor: Any, conflict_id: Any, *, permission: str = perms.VIEW_MEMBER) -> MembershipConflict:
    """A dual-membership conflict, if either side is in scope (callers show only the sides in scope)."""
    qs = MembershipConflict.objects.select_related("member", "first__unit", "second__unit")
    view = MembershipConflict.objects.visible_to(actor, perms.VIEW_MEMBER) if permission != perms.VIEW_MEMBER else None
    return fetch_in_scope(qs.visible_to(actor, permission), view, conflict_id)


def access_transfer_destination(actor: Any, code: str) -> Any:
    """The union a member is to be transferred to, named by its exact code.

    Deliberately not limited to the actor's scope: the releasing union names the receiving one by
    the code the receiving union gave it, and sees nothing of it beyond its name. Only someone who
    may transfer members somewhere may ask, and only an exact, current code answers.
    """
    from serikat.core.scoping import has_any
    from serikat.organisation.models import Unit

    if not code or not has_any(actor, perms.TRANSFER_MEMBER):
        raise NotFound(_("Not found."))
    unit = Unit.objects.exclude(status="dissolved").filter(code=code.strip()).select_related("level").first()
    if unit is None:
        raise NotFound(_("Not found."))
    return unit
