"""Documents that carry members' data out of the registry: KTA cards and the PER.06 verification list.

Each use case takes the actor first, checks scope (membership.print_cards for cards,
membership.export_members for the list), and records who took what: card issues through
services.issue_card, every document made through one `membership.members_exported` event per
unit whose members it holds (with the membership ids), written only once the document exists.

Rendering happens outside the issuing transaction, so the database is not held while Typst or
WeasyPrint work; the export event is written in its own transaction right after. A render that
fails leaves the cards it issued (they are valid, and the next print reuses them) and no export
event.

The API and the web screens call these functions; their names and keyword arguments are stable.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from serikat.audit.recorder import build_event, record_events
from serikat.core import permissions as perms
from serikat.core.errors import Forbidden, NotFound
from serikat.core.scoping import has_any, require
from serikat.membership import events, services
from serikat.membership.documents import cards as card_documents
from serikat.membership.documents import verification_list as lists
from serikat.membership.errors import MembershipRuleBroken
from serikat.membership.models import MemberCard, Membership
from serikat.organisation.models import Employer, Unit, Workplace

CARD = "card"
UNIT_CARDS = "unit_cards"
VERIFICATION_LIST = "verification_list"


def current_card(membership: Membership) -> MemberCard | None:
    """The card that verifies for this membership now (the newest unrevoked one), if any."""
    return (
        MemberCard.objects.filter(membership=membership, revoked_at__isnull=True).order_by("-issued_at", "-id").first()
    )


def _record_export(actor: Any, *, document: str, per_unit: dict[Any, list[int]], subject: Any, **data: Any) -> None:
    """One members_exported event per unit whose members the document holds."""
    with transaction.atomic():
        record_events(
            [
                build_event(
                    actor=actor,
                    kind=events.MEMBERS_EXPORTED,
                    subject=subject,
                    unit=unit,
                    data={"document": document, "count": len(ids), "memberships": ids, **data},
                )
                for unit, ids in per_unit.items()
            ]
        )


def _check_printable(membership: Membership) -> None:
    if membership.status != Membership.Status.ACTIVE or not membership.kta_number:
        raise MembershipRuleBroken(_("Cards are printed for active members with a KTA number."))


def print_card(*, actor: Any, membership: Membership, base_url: str | None = None, language: str = "id") -> bytes:
    """One member's KTA as a PDF of two ID-1 pages (front, back). Issues a card (services.issue_card,
    audited there) when the membership has none that verifies; otherwise prints the current one."""
    require(actor, perms.PRINT_CARDS, membership.unit)
    _check_printable(membership)
    with transaction.atomic():
        # Lock the membership: two clicks at once must not issue two cards, the second revoking the first.
        Membership.objects.select_for_update().filter(pk=membership.pk).first()
        card = current_card(membership)
        issued = card is None
        if card is None:
            card = services.issue_card(actor=actor, membership=membership)
    card.membership = membership
    pdf = card_documents.render_card(card, base_url=base_url, language=language)
    _record_export(
        actor,
        document=CARD,
        per_unit={membership.unit: [membership.pk]},
        subject=card,
        card=card.pk,
        issued=1 if issued else 0,
    )
    return pdf


def printable_memberships(unit: Unit, *, lock: bool = False) -> list[Membership]:
    """The unit's own active members with a KTA number, by name (members of units below are not included)."""
    rows = Membership.objects.filter(unit=unit, status=Membership.Status.ACTIVE).exclude(kta_number="")
    if lock:
        rows = rows.select_for_update(of=("self",))
    return list(rows.select_related("member", "unit", "federation").order_by("member__full_name", "pk"))


def unit_cards_summary(unit: Unit) -> dict[str, int]:
    """How many of the unit's active members would be printed, and how many of them need a new card."""
    memberships = Membership.objects.filter(unit=unit, status=Membership.Status.ACTIVE).exclude(kta_number="")
    total = memberships.count()
    valid_card = MemberCard.objects.filter(membership=OuterRef("pk"), revoked_at__isnull=True)
    with_card = memberships.filter(Exists(valid_card)).count()
    return {"members": total, "with_card": with_card, "to_issue": total - with_card}


def print_unit_cards(*, actor: Any, unit: Unit, base_url: str | None = None, language: str = "id") -> bytes:
    """The cards of a unit's active members on A4 sheets (2 x 5 per sheet, backs mirrored on the
    following page for double-sided printing). Members without a card that verifies get one, all
    in one transaction; then one Typst compile for the whole batch."""
    require(actor, perms.PRINT_CARDS, unit)
    with transaction.atomic():
        memberships = printable_memberships(unit, lock=True)
        if not memberships:
            raise MembershipRuleBroken(_("This union has no active members with a KTA number."))
        have = set(
            MemberCard.objects.filter(membership__in=memberships, revoked_at__isnull=True).values_list(
                "membership_id", flat=True
            )
        )
        issued = 0
        for membership in memberships:
            if membership.pk not in have:
                services.issue_card(actor=actor, membership=membership)
                issued += 1
    pdf = card_documents.render_cards(memberships, base_url=base_url, language=language)
    _record_export(
        actor,
        document=UNIT_CARDS,
        per_unit={unit: [m.pk for m in memberships]},
        subject=unit,
        issued=issued,
    )
    return pdf


def _pk(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None


def verification_target(
    actor: Any, *, employer_id: Any = None, workplace_id: Any = None
) -> tuple[Employer | None, Workplace | None]:
    """The employer, or the workplace, a verification list is asked for: found only where the actor
    sees active members (404 otherwise, the same as a missing id). Someone who may export no member
    list anywhere is refused first (403)."""
    if not has_any(actor, perms.EXPORT_MEMBERS):
        raise Forbidden(_("You may not export member lists."))
    if bool(employer_id) == bool(workplace_id):
        raise MembershipRuleBroken(_("Choose a company or one of its workplaces."))
    seen = Membership.objects.visible_to(actor, perms.VIEW_MEMBER).filter(status=Membership.Status.ACTIVE)
    if workplace_id:
        workplace = (
            Workplace.objects.filter(pk=_pk(workplace_id))
            .filter(Exists(seen.filter(employer=OuterRef("employer"), workplace=OuterRef("pk"))))
            .select_related("employer__region", "region")
            .first()
        )
        if workplace is None:
            raise NotFound(_("Not found."))
        return None, workplace
    employer = (
        Employer.objects.filter(pk=_pk(employer_id))
        .filter(Exists(seen.filter(employer=OuterRef("pk"))))
        .select_related("region")
        .first()
    )
    if employer is None:
        raise NotFound(_("Not found."))
    return employer, None


def federation_by_id(federation_id: Any) -> Unit:
    """A federation (a unit at depth 2) named in a request; a filter, so no scope is needed to name it."""
    federation = Unit.objects.filter(pk=_pk(federation_id), depth=2).first()
    if federation is None:
        raise NotFound(_("Not found."))
    return federation


def export_verification_list(
    *,
    actor: Any,
    federation: Unit,
    employer: Any = None,
    workplace: Any = None,
    fmt: str = lists.PDF,
    language: str = "id",
) -> bytes:
    """The PER.06/MEN/IV/2005 verification list of one company (an employer, or one workplace of it)
    and one affiliation: the active members the actor may export, as PDF or xlsx."""
    if fmt not in lists.FORMATS:
        raise MembershipRuleBroken(_("Choose PDF or xlsx."), field="format")
    document = lists.build_verification_list(actor, federation=federation, employer=employer, workplace=workplace)
    if fmt == lists.PDF:
        content = lists.render_pdf(document, language=language)
    else:
        content = lists.render_xlsx(document, language=language)
    units = Unit.objects.in_bulk([union.id for union in document.unions])
    per_unit: dict[Any, list[int]] = {units[union.id]: [] for union in document.unions}
    for row in document.rows:
        per_unit[units[row.unit_id]].append(row.membership_id)
    _record_export(
        actor,
        document=VERIFICATION_LIST,
        per_unit=per_unit,
        subject=workplace if workplace is not None else employer,
        format=fmt,
        federation=federation.pk,
        employer=(workplace.employer_id if workplace is not None else employer.pk),
        workplace=workplace.pk if workplace is not None else None,
    )
    return content
