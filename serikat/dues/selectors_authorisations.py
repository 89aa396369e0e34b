"""Read models of the authorisation screens and endpoints: a union's members with and without a
surat kuasa in force for an employer, the employers a union deals with, authorisations and letters.

Every list starts from `visible_to()` or from a union fetched through an access function; each is
a fixed number of queries whatever its length (annotations, never a query per row), paged by keyset
without counting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery

from serikat.core import permissions as perms
from serikat.core.errors import NotFound
from serikat.dues.models import Authorisation, EmployerLetter
from serikat.membership.models import Membership
from serikat.organisation.models import Employer, Unit, UnitWorkplace

PAGE_SIZE = 50
STATES = ("all", "with", "without")
_CURSOR_SALT = "serikat.dues.authorisation-rows"


def union_employers(unit: Unit) -> QuerySet[Employer]:
    """The employers a union deals with: registered by it, at a workplace it organises, the employer of
    one of its current members, or named in one of its authorisations. One query, by name."""
    linked = UnitWorkplace.objects.filter(unit=unit, until_on__isnull=True, workplace__employer=OuterRef("pk"))
    members = Membership.objects.filter(unit=unit, status__in=("active", "suspended"), employer=OuterRef("pk"))
    signed = Authorisation.objects.filter(unit=unit, employer=OuterRef("pk"))
    return (
        Employer.objects.filter(Q(unit=unit) | Exists(linked) | Exists(members) | Exists(signed))
        .select_related("region")
        .order_by("name", "pk")
    )


def employer_of_union(unit: Unit, employer_id: Any, *, field: str = "employer") -> Employer:
    """One of the union's employers by id; any other id answers 404, naming the field."""
    try:
        pk = int(employer_id)
    except (TypeError, ValueError):
        raise NotFound(_not_found(), field=field) from None
    employer = union_employers(unit).filter(pk=pk).first()
    if employer is None:
        raise NotFound(_not_found(), field=field)
    return employer


def _not_found() -> str:
    from django.utils.translation import gettext

    return gettext("Not found.")


@dataclass
class RowsPage:
    rows: list[Membership]
    next_after: str | None


def encode_after(row: Membership) -> str:
    return signing.dumps([row.member.full_name, row.pk], salt=_CURSOR_SALT)


def decode_after(token: str | None) -> tuple[str, int] | None:
    """A page's position from the signed token of the previous page; None for the first (or a bad token)."""
    if not token:
        return None
    try:
        values = signing.loads(token, salt=_CURSOR_SALT)
    except signing.BadSignature:
        return None
    if isinstance(values, list) and len(values) == 2 and isinstance(values[0], str) and isinstance(values[1], int):
        return values[0], values[1]
    return None


def authorisation_rows(
    unit: Unit, employer: Employer, *, state: str = "all", q: str = "", after: str | None = None, limit: int = PAGE_SIZE
) -> RowsPage:
    """The union's active and suspended members by name, each with their open authorisation for the
    employer (`authorisation_id`, `signed_on`, `has_document`; None without one). One query."""
    open_ones = Authorisation.objects.filter(
        membership=OuterRef("pk"), employer=employer, revoked_on__isnull=True
    ).order_by("-pk")
    rows = (
        Membership.objects.filter(unit=unit, status__in=("active", "suspended"))
        .select_related("member", "employer")
        .annotate(
            authorisation_id=Subquery(open_ones.values("pk")[:1]),
            signed_on=Subquery(open_ones.values("signed_on")[:1]),
            document=Subquery(open_ones.values("document")[:1]),
        )
    )
    if state == "with":
        rows = rows.filter(authorisation_id__isnull=False)
    elif state == "without":
        rows = rows.filter(authorisation_id__isnull=True)
    q = q.strip()
    if q:
        rows = rows.filter(Q(member__full_name__icontains=q) | Q(kta_number__iexact=q) | Q(employee_number__iexact=q))
    position = decode_after(after)
    if position is not None:
        name, pk = position
        rows = rows.filter(Q(member__full_name__gt=name) | Q(member__full_name=name, pk__gt=pk))
    page = list(rows.order_by("member__full_name", "pk")[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return RowsPage(rows=page, next_after=encode_after(page[-1]) if more and page else None)


def authorisations_visible(actor: Any, permission: str = perms.VIEW_DUES) -> QuerySet[Authorisation]:
    """Authorisations of the unions in the actor's scope, with what a list shows of each."""
    return Authorisation.objects.visible_to(actor, permission).select_related(
        "membership", "membership__member", "unit", "employer"
    )


def letters_visible(actor: Any, permission: str = perms.VIEW_DUES) -> QuerySet[EmployerLetter]:
    """Letters of the unions in the actor's scope (content deferred: a list never needs the snapshot)."""
    return (
        EmployerLetter.objects.visible_to(actor, permission)
        .select_related("unit", "employer", "issued_by")
        .defer("content")
    )


def membership_authorisations(membership: Membership) -> list[Authorisation]:
    """A membership's authorisations, open ones first, for the member page (one query)."""
    return list(
        Authorisation.objects.filter(membership=membership)
        .select_related("employer")
        .order_by(F("revoked_on").desc(nulls_first=True), "-signed_on", "-pk")
    )


def plant_unions(actor: Any, *, q: str = "", limit: int = PAGE_SIZE) -> list[Unit]:
    """Unions in the actor's dues scope that have members, by name (the picker of the start page)."""
    units = Unit.objects.visible_to(actor, perms.VIEW_DUES).filter(
        Exists(Membership.objects.filter(unit=OuterRef("pk")))
    )
    if q.strip():
        units = units.filter(Q(name__icontains=q.strip()) | Q(code__iexact=q.strip()))
    return list(units.select_related("level").order_by("name", "pk")[:limit])
