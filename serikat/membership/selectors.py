"""Read models of the registry: scoped, filtered member lists with keyset pages, and search.

Search understands what was typed: 16 digits are a NIK (exact), a phone number in any usual form
is matched on its E.164 form, something shaped like a card number is a KTA number (exact), and
anything else is a name, matched tolerantly (PostgreSQL trigram word similarity on an indexed
column; on SQLite, candidates that share a trigram ranked by the same measure in Python).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from serikat.core import permissions as perms
from serikat.core.errors import DomainError
from serikat.core.scoping import Scope, scope_of
from serikat.membership.models import Membership
from serikat.membership.phones import normalise_phone

PAGE_SIZE = 50
SEARCH_LIMIT = 50
NAME_SIMILARITY = 0.45  # word similarity needed on PostgreSQL and SQLite alike
_KTA_SHAPE = re.compile(r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9./-]{2,39}$")
_PHONE_SHAPE = re.compile(r"^\+?[\d\s().-]{8,20}$")


@dataclass
class MemberFilters:
    """What a member list is narrowed by. `unit` must come from access_unit (already in scope)."""

    q: str = ""
    unit: Any = None
    statuses: list[str] = field(default_factory=list)
    gender: str = ""
    age_from: int | None = None
    age_to: int | None = None
    employment_status: str = ""
    sector: Any = None
    joined_from: datetime.date | None = None
    joined_to: datetime.date | None = None


@dataclass
class MemberPage:
    rows: list[Membership]
    next_after: int | None  # the id to continue after; None on the last page
    ranked: bool = False  # name search: ordered by similarity, one page only


def visible_memberships(actor: Any, permission: str = perms.VIEW_MEMBER) -> QuerySet[Membership]:
    return Membership.objects.visible_to(actor, permission)


def _birth_date_bounds(age_from: int | None, age_to: int | None, today: datetime.date) -> Q:
    condition = Q()
    if age_from is not None:  # at least `age_from` years old: born on or before today minus that
        condition &= Q(member__birth_date__lte=_years_before(today, age_from))
    if age_to is not None:  # at most `age_to`: born after today minus (age_to + 1) years
        condition &= Q(member__birth_date__gt=_years_before(today, age_to + 1))
    return condition


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def filtered(actor: Any, filters: MemberFilters, permission: str = perms.VIEW_MEMBER) -> QuerySet[Membership]:
    """Memberships in scope, narrowed by every filter except the free-text `q`."""
    rows = visible_memberships(actor, permission)
    if filters.unit is not None:
        rows = rows.filter(Scope((filters.unit.path,)).q("unit"))
    if filters.statuses:
        rows = rows.filter(status__in=filters.statuses)
    if filters.gender:
        rows = rows.filter(member__gender=filters.gender)
    if filters.age_from is not None or filters.age_to is not None:
        rows = rows.filter(_birth_date_bounds(filters.age_from, filters.age_to, timezone.localdate()))
    if filters.employment_status:
        rows = rows.filter(employment_status=filters.employment_status)
    if filters.sector is not None:
        rows = rows.filter(Q(workplace__sector=filters.sector) | Q(employer__sector=filters.sector))
    if filters.joined_from is not None:
        rows = rows.filter(joined_on__gte=filters.joined_from)
    if filters.joined_to is not None:
        rows = rows.filter(joined_on__lte=filters.joined_to)
    return rows


def _with_display(rows: QuerySet[Membership]) -> QuerySet[Membership]:
    return rows.select_related("member", "unit", "unit__level", "employer")


def classify(text: str) -> tuple[str, str]:
    """('nik' | 'phone' | 'kta' | 'name', normalised value) for what someone typed in the search box."""
    text = text.strip()
    digits = re.sub(r"[\s.-]", "", text)
    if digits.isascii() and digits.isdigit() and len(digits) == 16:
        return "nik", digits
    if _PHONE_SHAPE.match(text) and (digits.startswith(("08", "62", "+62", "8"))):
        try:
            return "phone", normalise_phone(text)
        except DomainError:
            pass  # not a phone after all; try the other readings
    if _KTA_SHAPE.match(text) and not text.isalpha():
        return "kta", text
    return "name", " ".join(text.split())


def member_page(actor: Any, filters: MemberFilters, *, after: int | None = None, limit: int = PAGE_SIZE) -> MemberPage:
    """One page of the actor's member list, newest first, continuing after the id `after`.

    No COUNT: one extra row tells whether a next page exists. A name search returns one ranked page.
    """
    rows = filtered(actor, filters)
    if filters.q.strip():
        kind, value = classify(filters.q)
        if kind == "name":
            return MemberPage(
                rows=search_names(rows, value, limit=min(limit, SEARCH_LIMIT)), next_after=None, ranked=True
            )
        rows = rows.filter(
            **{"nik": {"member__nik": value}, "phone": {"member__phone": value}, "kta": {"kta_number__iexact": value}}[
                kind
            ]
        )
    if after is not None:
        rows = rows.filter(pk__lt=after)
    # The page's ids first (scope, filters, order and limit on memberships alone), then the people,
    # unions and employers of those rows only: otherwise PostgreSQL joins every member of a plant
    # union before it sorts and cuts. One statement all the same.
    ids = rows.order_by("-pk").values("pk")[: limit + 1]
    page = list(_with_display(Membership.objects.filter(pk__in=ids)).order_by("-pk"))
    more = len(page) > limit
    page = page[:limit]
    return MemberPage(rows=page, next_after=page[-1].pk if more and page else None)


def _trigrams(text: str) -> set[str]:
    """PostgreSQL pg_trgm's trigrams of each word: lower-cased, padded with two spaces before, one after."""
    result: set[str] = set()
    for word in re.findall(r"[^\W_]+", text.lower()):
        padded = f"  {word} "
        result |= {padded[i : i + 3] for i in range(len(padded) - 2)}
    return result


def word_similarity(query: str, name: str) -> float:
    """pg_trgm's word_similarity(query, name): the best match of the query within the name's words."""
    wanted = _trigrams(query)
    if not wanted:
        return 0.0
    best = 0.0
    words = name.split()
    # Compare against each run of consecutive words, as word_similarity considers extents of the name.
    for start in range(len(words)):
        for end in range(start + 1, len(words) + 1):
            have = _trigrams(" ".join(words[start:end]))
            best = max(best, len(wanted & have) / len(wanted | have) if have else 0.0)
            if len(have) > 2 * len(wanted):
                break
    return best


def search_names(rows: QuerySet[Membership], text: str, *, limit: int = SEARCH_LIMIT) -> list[Membership]:
    """Memberships whose member's name is close to `text` (typos forgiven), best first."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramWordSimilarity

        with connection.cursor() as cursor:
            # The %> operator (indexed) compares against this setting; set per session, always the same.
            cursor.execute("SET pg_trgm.word_similarity_threshold = %s", [NAME_SIMILARITY])
        return list(
            _with_display(rows)
            .filter(member__full_name__trigram_word_similar=text)
            .annotate(similarity=TrigramWordSimilarity(text, "member__full_name"))
            .order_by("-similarity", "-pk")[:limit]
        )
    # SQLite: candidates sharing one of the query's rarer trigrams, ranked in Python the same way.
    grams = sorted(g for g in _trigrams(text) if g.strip() and len(g.strip()) == 3)
    if not grams:
        return []
    condition = Q()
    for gram in grams[:12]:
        condition |= Q(member__full_name__icontains=gram.strip())
    candidates = list(_with_display(rows).filter(condition).order_by("-pk")[:5000])
    scored = [(word_similarity(text, m.member.full_name), m) for m in candidates]
    scored = [pair for pair in scored if pair[0] >= NAME_SIMILARITY]
    scored.sort(key=lambda pair: (-pair[0], -pair[1].pk))
    for score, membership in scored:
        membership.similarity = score
    return [m for _score, m in scored[:limit]]


# === Member page, transfers and conflicts screens (read models of serikat/membership/web/members.py) ===

HISTORY_LIMIT = 100
TRANSFERS_LIMIT = 100
DECIDED_TRANSFERS_LIMIT = 30
CONFLICTS_PAGE_SIZE = 50
HISTORY_KINDS = (
    "membership.member_registered",
    "membership.member_changed",
    "membership.membership_changed",
    "membership.membership_activated",
    "membership.membership_suspended",
    "membership.membership_reinstated",
    "membership.membership_ended",
)


@dataclass
class ConflictSides:
    """A dual-membership conflict as one actor may see it: the sides in their scope, and the other
    side only when their scope covers it too (otherwise just "a membership in another union")."""

    conflict: Any
    own: list[Membership]
    others: list[Membership]  # sides outside `own` that the actor's scope also covers
    hidden: int  # sides the actor may not see
    may_resolve: bool = False


def conflict_sides(actor: Any, conflict: Any, scope: Scope | None = None, change: Scope | None = None) -> ConflictSides:
    """Split a conflict (with first__unit and second__unit loaded) into what the actor may see."""
    scope = scope if scope is not None else scope_of(actor, perms.VIEW_MEMBER)
    change = change if change is not None else scope_of(actor, perms.CHANGE_MEMBER)
    sides = [conflict.first, conflict.second]
    visible = [side for side in sides if scope.covers(side.unit)]
    return ConflictSides(
        conflict=conflict,
        own=visible[:1],
        others=visible[1:],
        hidden=len(sides) - len(visible),
        may_resolve=conflict.resolved_at is None and all(change.covers(side.unit) for side in sides),
    )


@dataclass
class MemberActions:
    """What the actor may do on the member page (worked out from grants already loaded: no query)."""

    change: bool = False
    activate: bool = False
    suspend: bool = False
    reinstate: bool = False
    end: bool = False
    transfer: bool = False
    rejoin: bool = False
    change_person: bool = False

    @property
    def any(self) -> bool:
        return any(vars(self).values())


def member_actions(actor: Any, membership: Membership, memberships: list[Membership]) -> MemberActions:
    change = scope_of(actor, perms.CHANGE_MEMBER)
    may_change = change.covers(membership.unit)
    status = membership.status
    current_elsewhere = any(m.status in ("applicant", "active", "suspended") for m in memberships)
    return MemberActions(
        change=may_change and status != "ended",
        activate=may_change and status == "applicant",
        suspend=may_change and status == "active",
        reinstate=may_change and status == "suspended",
        end=may_change and status != "ended",
        transfer=status in ("active", "suspended") and scope_of(actor, perms.TRANSFER_MEMBER).covers(membership.unit),
        rejoin=status == "ended" and not current_elsewhere and not change.is_empty,
        change_person=any(change.covers(m.unit) for m in memberships),
    )


@dataclass
class MemberDetail:
    """The member page: one membership in focus, the person, and everything about them in scope."""

    membership: Membership
    member: Any
    memberships: list[Membership]  # the person's memberships the actor may see, newest first
    transfers: list[Any]  # transfers in and out of those memberships, newest first
    history: list[Any]  # audit events of those memberships and of the person, newest first
    history_more: bool
    conflicts: list[ConflictSides]
    actions: MemberActions
    review: list[str] = field(default_factory=list)  # why the person's details are flagged, in words


def member_detail(actor: Any, membership: Membership) -> MemberDetail:
    """Four queries whatever the length of the person's history."""
    from serikat.audit.models import AuditEvent
    from serikat.membership.models import MembershipConflict, Transfer

    member = membership.member
    memberships = list(
        visible_memberships(actor)
        .filter(member_id=member.pk)
        .select_related("unit", "unit__level", "federation", "employer", "workplace", "workplace__employer")
        .order_by("-joined_on", "-pk")
    )
    ids = [m.pk for m in memberships]
    transfers = list(
        Transfer.objects.visible_to(actor, perms.VIEW_MEMBER)
        .filter(Q(membership_id__in=ids) | Q(new_membership_id__in=ids))
        .select_related("from_unit", "to_unit")
        .order_by("-requested_at", "-pk")
    )
    events = list(
        AuditEvent.objects.visible_to(actor, perms.VIEW_MEMBER)
        .filter(kind__in=HISTORY_KINDS)
        .filter(
            Q(object_type="membership.membership", object_id__in=[str(i) for i in ids])
            | Q(object_type="membership.member", object_id=str(member.pk))
        )
        .select_related("unit")
        .order_by("-pk")[: HISTORY_LIMIT + 1]
    )
    scope = scope_of(actor, perms.VIEW_MEMBER)
    change = scope_of(actor, perms.CHANGE_MEMBER)
    conflicts = [
        conflict_sides(actor, conflict, scope, change)
        for conflict in MembershipConflict.objects.visible_to(actor, perms.VIEW_MEMBER)
        .filter(Q(first_id__in=ids) | Q(second_id__in=ids))
        .select_related("first__unit", "second__unit")
        .order_by("resolved_at", "-pk")
    ]
    return MemberDetail(
        membership=membership,
        member=member,
        memberships=memberships,
        transfers=transfers,
        history=events[:HISTORY_LIMIT],
        history_more=len(events) > HISTORY_LIMIT,
        conflicts=conflicts,
        actions=member_actions(actor, membership, memberships),
        review=explain_review_flags(member),
    )


def explain_review_flags(member: Any) -> list[str]:
    """The member's review flags in words, with what the NIK says (no query: the NIK is read as is)."""
    from django.utils.translation import gettext as _

    from serikat.membership.nik import RegionIndex, cross_check, parse_nik

    flags = list(member.review_flags or [])
    if not flags:
        return []
    nik = member.nik
    # Region codes are not what is being explained here: accept the NIK's own so that its date and gender are read.
    own_regions = RegionIndex.of([nik[:2], f"{nik[:2]}.{nik[2:4]}", f"{nik[:2]}.{nik[2:4]}.{nik[4:6]}"])
    result = parse_nik(nik, regions=own_regions)
    found: dict[str, str] = {}
    if result.facts is not None:
        for problem in result.warnings + cross_check(result.facts, birth_date=member.birth_date, gender=member.gender):
            found[problem.code] = problem.message
    generic = {
        "nik_district_unknown": _(
            "Digits 1-6 of the NIK are not a current district code; old NIKs keep codes of districts since renamed."
        ),
        "nik_age": _("The birth date in the NIK gives an unusual age for a worker: check the NIK."),
        "nik_gender_mismatch": _("The gender given differs from the one in the NIK."),
        "nik_birth_date_mismatch": _("The birth date given differs from the one in the NIK."),
    }
    return [found.get(flag) or generic.get(flag) or flag for flag in flags]


@dataclass
class TransferLists:
    incoming: list[Any]
    incoming_more: bool
    outgoing: list[Any]
    outgoing_more: bool
    decided: list[Any]
    may_accept: set[int] = field(default_factory=set)  # ids of incoming transfers the actor may accept or reject
    may_cancel: set[int] = field(default_factory=set)


def transfer_lists(actor: Any) -> TransferLists:
    """Waiting transfers into the actor's units (to accept or reject) and out of them (to cancel), and
    the latest decided ones. Three queries, each capped."""
    from serikat.membership.models import Transfer

    scope = scope_of(actor, perms.VIEW_MEMBER)
    visible = Transfer.objects.visible_to(actor, perms.VIEW_MEMBER).select_related(
        "membership__member", "from_unit", "to_unit", "requested_by"
    )
    waiting = visible.filter(status=Transfer.Status.REQUESTED).order_by("-pk")
    incoming = list(waiting.filter(scope.q("to_unit"))[: TRANSFERS_LIMIT + 1])
    outgoing = list(waiting.filter(scope.q("from_unit")).exclude(scope.q("to_unit"))[: TRANSFERS_LIMIT + 1])
    decided = list(
        visible.exclude(status=Transfer.Status.REQUESTED).order_by("-decided_at", "-pk")[:DECIDED_TRANSFERS_LIMIT]
    )
    move = scope_of(actor, perms.TRANSFER_MEMBER)
    return TransferLists(
        incoming=incoming[:TRANSFERS_LIMIT],
        incoming_more=len(incoming) > TRANSFERS_LIMIT,
        outgoing=outgoing[:TRANSFERS_LIMIT],
        outgoing_more=len(outgoing) > TRANSFERS_LIMIT,
        decided=decided,
        may_accept={t.pk for t in incoming if move.covers(t.to_unit)},
        may_cancel={t.pk for t in outgoing if move.covers(t.from_unit)},
    )


@dataclass
class ConflictPage:
    rows: list[ConflictSides]
    next_after: int | None


def conflict_page(
    actor: Any, *, resolved: bool = False, after: int | None = None, limit: int = CONFLICTS_PAGE_SIZE
) -> ConflictPage:
    """Dual-membership conflicts touching the actor's units, newest first, keyset-paged (no COUNT)."""
    from serikat.membership.models import MembershipConflict

    rows = (
        MembershipConflict.objects.visible_to(actor, perms.VIEW_MEMBER)
        .filter(resolved_at__isnull=not resolved)
        .select_related("member", "first__unit", "second__unit")
    )
    if after is not None:
        rows = rows.filter(pk__lt=after)
    page = list(rows.order_by("-pk")[: limit + 1])
    scope = scope_of(actor, perms.VIEW_MEMBER)
    change = scope_of(actor, perms.CHANGE_MEMBER)
    shown = [conflict_sides(actor, c, scope, change) for c in page[:limit]]
    return ConflictPage(rows=shown, next_after=page[limit - 1].pk if len(page) > limit else None)


# === end of the member page, transfers and conflicts read models ===


def workplace_links_of(unit: Any, *, limit: int = 50) -> list[Any]:
    """Where a union organises now: the workplaces a new or edited membership may name."""
    from serikat.organisation.models import UnitWorkplace

    return list(
        UnitWorkplace.objects.filter(unit=unit, until_on__isnull=True)
        .select_related("workplace__employer")
        .order_by("workplace__employer__name", "workplace__name")[:limit]
    )
