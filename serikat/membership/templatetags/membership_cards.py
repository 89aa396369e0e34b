"""Template tags of the cards panel (membership/cards/_member_cards.html), so that the panel can be
included anywhere with only `membership` (and optionally `cards`) in the context."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from serikat.core import permissions as perms
from serikat.core.scoping import scope_of
from serikat.membership.models import Membership

register = template.Library()


def _status(card: Any, membership: Membership, current_id: int | None) -> str:
    if card.revoked_at is not None:
        return _("Revoked")
    if membership.status == Membership.Status.ENDED:
        return _("Not valid: membership ended")
    if membership.status == Membership.Status.SUSPENDED:
        return _("Not valid: membership suspended")
    if card.pk == current_id:
        return _("Valid")
    return _("Not valid")


@register.simple_tag(takes_context=True)
def member_cards_panel(context: template.Context, membership: Membership, cards: Any = None) -> dict[str, Any]:
    """The rows of the panel (newest card first) and what the signed-in user may do with them.

    `cards` as given by the including page, else the membership's cards (one query). No query for
    the permission: the user's grants are cached for the request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not cards:  # not given (an unknown variable is ""), or empty: ask, one query
        cards = membership.cards.all()
    cards = sorted(cards, key=lambda c: (c.issued_at, c.pk), reverse=True)
    unrevoked = [c for c in cards if c.revoked_at is None]
    current = unrevoked[0] if unrevoked else None
    rows = []
    for card in cards:
        is_current = current is not None and card.pk == current.pk and membership.status == Membership.Status.ACTIVE
        path = reverse("verify:card", args=[card.token])
        rows.append(
            {
                "card": card,
                "current": is_current,
                "status": _status(card, membership, current.pk if current else None),
                "verify_url": request.build_absolute_uri(path) if request is not None else path,
            }
        )
    may_print = user is not None and scope_of(user, perms.PRINT_CARDS).covers(membership.unit)
    printable = membership.status == Membership.Status.ACTIVE and bool(membership.kta_number)
    return {
        "rows": rows,
        "current": current if printable else None,
        "may_print": may_print and printable,
        "may_revoke": may_print,
        "may_issue": may_print and printable and current is None,
    }
