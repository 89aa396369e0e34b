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
from serikat.core.scoping import Scope
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
    page = list(_with_display(rows).order_by("-pk")[: limit + 1])
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
