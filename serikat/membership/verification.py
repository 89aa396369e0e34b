"""What the public card-verification page may say about a token: valid or not, and for a known card
the masked name, the federation and the status. Nothing else leaves this module (no NIK, unit,
employer or KTA number), and an unknown token says only that it is not valid."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from serikat.membership.models import MemberCard, Membership

# Tokens are secrets.token_urlsafe(32): 43 characters of [A-Za-z0-9_-]. Anything far from that
# shape is unknown without asking the database.
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@dataclass(frozen=True)
class Verification:
    known: bool
    valid: bool
    masked_name: str = ""
    federation: str = ""
    status: str = ""


UNKNOWN = Verification(known=False, valid=False)


def mask_name(full_name: str) -> str:
    """Each word's first letter, the rest as stars: "Siti Rahayu" -> "S*** R*****"."""
    return " ".join(word[0] + "*" * (len(word) - 1) for word in full_name.split())


def verify_token(token: str) -> Verification:
    """The card behind `token`, as the public may see it. One query."""
    if not TOKEN_SHAPE.match(token or ""):
        return UNKNOWN
    card = (
        MemberCard.objects.filter(token=token)
        .select_related("membership__member", "membership__federation")
        .only(
            "revoked_at",
            "membership__status",
            "membership__member__full_name",
            "membership__federation__name",
        )
        .first()
    )
    if card is None:
        return UNKNOWN
    membership = card.membership
    valid = False
    if membership.status == Membership.Status.ENDED:
        status = _("Membership ended")
    elif membership.status == Membership.Status.SUSPENDED:
        status = _("Membership suspended")
    elif card.revoked_at is not None:
        status = _("Card revoked")
    elif membership.status == Membership.Status.ACTIVE:
        status, valid = _("Active member"), True
    else:
        status = _("Not an active member")
    return Verification(
        known=True,
        valid=valid,
        masked_name=mask_name(membership.member.full_name),
        federation=membership.federation.name,
        status=status,
    )
