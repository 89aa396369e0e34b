"""Read models of the registry: scoped, filtered member lists with keyset pages, and search.

Search understands what was typed: 16 digits are a NIK (exact), a phone number in any usual form
is matched on its E.164 form, something shaped like a card number is a KTA number (exact), and
anything else is a name, searched by its words with typos corrected against the vocabulary of the
registry's name words (find_names; ADR 0019).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, Count, F, Func, Q, QuerySet, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from django.utils import timezone

from serikat.core import permissions as perms
from serikat.core.errors import DomainError
from serikat.core.scoping import Scope, scope_of
from serikat.core.statements import Compiled, CompiledCache, Placeholder
from serikat.membership.models import Membership, MembershipNameWord
from serikat.membership.names import name_words, spellings
from serikat.membership.phones import normalise_phone
from serikat.organisation.models import Unit

PAGE_SIZE = 50
SEARCH_LIMIT = 50
# A name search ranks the first NAME_CANDIDATES members in scope whose names hold the words: a
# query of a few words finds fewer and is ranked in full; a single common word ("Siti") matches
# thousands, and ranking them all costs far more than a page is worth (the page says so: `more`).
NAME_CANDIDATES = 51  # a page and one more: the extra one tells that more match
SQLITE_SCAN = 5_000  # SQLite: rows whose name contains the words' letters, checked word by word
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
    ranked: bool = False  # name search: ordered by closeness, one page only
    more_matches: bool = False  # name search: more members match than were ranked
    searched_for: str = ""  # name search: the words searched for (typos corrected)


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


def name_scopes(actor: Any, filters: MemberFilters, permission: str = perms.VIEW_MEMBER) -> list[Scope]:
    """The scopes the rows of filtered() lie in (the actor's; a unit filter's subtree), for find_names;
    none when other filters narrow the rows too (the one-word index knows words and unions only)."""
    others = (
        filters.statuses,
        filters.gender,
        filters.age_from is not None,
        filters.age_to is not None,
        filters.employment_status,
        filters.sector is not None,
        filters.joined_from,
        filters.joined_to,
    )
    if any(others):
        return []
    scopes = [scope_of(actor, permission)]
    if filters.unit is not None:
        scopes.append(Scope((filters.unit.path,)))
    return scopes


# What a row of a member list shows, on the screen and in the API (MemberOut): loading these
# alone makes a page's statement a quarter of the width to build, send and read. A list row asked
# for any other field would cost a query per row (test_web_members and the API's query counts).
ROW_FIELDS = (
    "member_id", "unit_id", "employer_id", "status", "kta_number", "joined_on", "employment_status",
    "member__nik", "member__full_name", "member__gender", "member__birth_date",
    "unit__code", "unit__name", "unit__level_id", "unit__level__code", "employer__name",
)  # fmt: skip


def _with_display(rows: QuerySet[Membership]) -> QuerySet[Membership]:
    return rows.select_related("member", "unit", "unit__level", "employer").only(*ROW_FIELDS)


_EXACT_LOOKUPS = {"nik": "member__nik", "phone": "member__phone", "kta": "kta_number__iexact"}
_EXACT_VALUE = Placeholder("exact search")
_EXACT_PAGES = CompiledCache()


def _exact_page(actor: Any, kind: str, value: str, limit: int) -> list[Membership]:
    """The rows of an exact search with no other filter, newest first: the statement of
    member_page's flat query, compiled once per kind, scope and page size and run prepared
    (serikat.core.statements; ADR 0031). What it reads is decided by filtered() as always."""
    scope = scope_of(actor, perms.VIEW_MEMBER)
    if scope.is_empty:
        return []

    def build() -> Compiled:
        rows = filtered(actor, MemberFilters()).filter(**{_EXACT_LOOKUPS[kind]: _EXACT_VALUE})
        return Compiled(_with_display(rows).order_by("-pk")[: limit + 1], [_EXACT_VALUE])

    return _EXACT_PAGES.get((kind, scope.paths, limit), build).run(value)


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
    kind, value = classify(filters.q) if filters.q.strip() else ("", "")
    if kind == "name":
        rows = filtered(actor, filters)
        found = find_names(rows, value, limit=min(limit, SEARCH_LIMIT), scopes=name_scopes(actor, filters))
        return MemberPage(
            rows=found.rows,
            next_after=None,
            ranked=True,
            more_matches=found.more,
            searched_for=found.searched_for if found.searched_for != " ".join(name_words(value)) else "",
        )
    if kind and after is None and filters == MemberFilters(q=filters.q):
        # The usual exact search: its statement is built once per scope, not per search (ADR 0031).
        page = _exact_page(actor, kind, value, limit)
    else:
        rows = filtered(actor, filters)
        if after is not None:
            rows = rows.filter(pk__lt=after)
        if kind:
            # An exact NIK, phone or KTA number finds a handful of rows by its index: one flat
            # statement, the cheapest to build and to plan, with every row's display joined in.
            rows = rows.filter(**{_EXACT_LOOKUPS[kind]: value})
            page = list(_with_display(rows).order_by("-pk")[: limit + 1])
        else:
            # The page's ids first (scope, filters, order and limit on memberships alone), then the
            # people, unions and employers of those rows only: otherwise PostgreSQL joins every
            # member of a plant union before it sorts and cuts. One statement all the same.
            ids = rows.order_by("-pk").values("pk")[: limit + 1]
            page = list(_with_display(Membership.objects.filter(pk__in=ids)).order_by("-pk"))
    more = len(page) > limit
    page = page[:limit]
    return MemberPage(rows=page, next_after=page[-1].pk if more and page else None)


class _NameMatches(Func):
    """PostgreSQL: membership_name_words(name) @@ to_tsquery('simple', query): the name holds the
    query's words (the GIN index member_name_words answers it; migration 0006)."""

    output_field = BooleanField()

    def __init__(self, name: str, query: str):
        super().__init__(F(name), Value(query))

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple]:  # type: ignore[override]
        name_sql, name_params = compiler.compile(self.source_expressions[0])
        query_sql, query_params = compiler.compile(self.source_expressions[1])
        sql = f"(membership_name_words({name_sql}) @@ to_tsquery('simple'::regconfig, {query_sql}))"
        return sql, (*name_params, *query_params)


class _BeyondAscii(Func):
    """SQLite: the text has a character outside printable ASCII (GLOB, in C: no Python per row)."""

    template = "(%(expressions)s GLOB '*[^ -~]*')"
    output_field = BooleanField()


@dataclass
class NameResults:
    """A name search: the ranked rows, whether more members in scope match than were ranked
    (NAME_CANDIDATES), and the words searched for when they differ from those typed."""

    rows: list[Membership]
    more: bool = False
    searched_for: str = ""


def find_names(
    rows: QuerySet[Membership], text: str, *, limit: int = SEARCH_LIMIT, scopes: Sequence[Scope] = ()
) -> NameResults:
    """Memberships whose member's name holds every word typed (typos corrected), best first.

    Exact words first: a word the vocabulary knows is searched as it is; one it does not know is
    replaced by its nearest real words (serikat.membership.names.spellings). The names with the
    best spelling of each word are looked for first; if they leave the page short, those with any
    spelling found too, in the same statement (ADR 0030). If a search of known words finds nobody,
    a typo may have made another real word: their near words are tried too. Among the first
    NAME_CANDIDATES members in scope that match (and every one with the best spellings), the names
    with the best spellings come first, then those with the words in the order typed, then
    shorter names (more of the name was typed), then the newest membership. Two queries, four
    when the near words of known words are tried, however many rows.

    `scopes` are the scopes `rows` lie in (name_scopes()): on PostgreSQL a search of one word, or of
    several within a scope below a federation, then reads the words' memberships within them from
    MembershipNameWord (ADR 0026), the scope filtered inside the index scan; `rows` still decides
    what is found. Without them, or for several words across a federation or more, the GIN index of
    names finds the people and `rows` their memberships in scope.
    """
    spelled = spellings(text)
    if not spelled or any(not s.words for s in spelled):
        return NameResults(rows=[])
    results = _best_then_all(rows, spelled, limit, scopes)
    if not results.rows and any(s.known for s in spelled):
        wider = spellings(text, near_known=True)
        if any(len(s.words) > 1 for s in wider):
            results = _matching(
                rows, [s.words for s in wider], [s.words[0] for s in wider], limit, scopes, _members(wider)
            )
    return results


def search_names(
    rows: QuerySet[Membership], text: str, *, limit: int = SEARCH_LIMIT, scopes: Sequence[Scope] = ()
) -> list[Membership]:
    """The rows of find_names()."""
    return find_names(rows, text, limit=limit, scopes=scopes).rows


def _best_then_all(rows: QuerySet[Membership], spelled: list[Any], limit: int, scopes: Sequence[Scope]) -> NameResults:
    best = [s.words[0] for s in spelled]
    every = [s.words for s in spelled]
    first = [[word] for word in best] if any(len(words) > 1 for words in every) else None
    return _matching(rows, every, best, limit, scopes, _members(spelled), first=first)


def _members(spelled: list[Any]) -> dict[str, int]:
    return {word: count for s in spelled for word, count in s.members.items()}


def _tsquery(words: list[list[str]], joiner: str = " & ") -> str:
    """A tsquery: for each position, one of its words (each quoted: a word is data, never syntax)."""

    def quoted(word: str) -> str:
        return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"

    return joiner.join("(" + " | ".join(quoted(w) for w in spelled) + ")" for spelled in words)


def _matching(
    rows: QuerySet[Membership],
    words: list[list[str]],
    best: list[str],
    limit: int,
    scopes: Sequence[Scope] = (),
    members: dict[str, int] | None = None,
    first: list[list[str]] | None = None,
) -> NameResults:
    """Rows whose name holds, for each position, one of its words; ranked as find_names says.

    With `first` (one word a position: the best spellings), the names that hold those are looked
    for first and are all among the candidates; the other spellings are read too only when the
    first leave the page short. One statement either way."""
    if connection.vendor != "postgresql":
        return _matching_python(rows, words, best, limit, first)
    name = "member__full_name"
    try:
        candidates = _candidates(rows, words, first, limit, scopes, members or {})
    except EmptyResultSet:  # an empty scope: Django refuses to write SQL that cannot match
        return NameResults(rows=[])
    order = []
    if any(len(spelled) > 1 for spelled in words):
        order.append(_NameMatches(name, _tsquery([[w] for w in best])).desc())
    if len(best) > 1:
        order.append(_NameMatches(name, _tsquery([[w] for w in best], " <-> ")).desc())
    page = list(
        _with_display(Membership.objects.filter(pk__in=candidates))
        .annotate(candidates=Window(Count("pk")))
        .order_by(*order, Length(name).asc(), "-pk")[:limit]
    )
    more = bool(page) and page[0].candidates >= NAME_CANDIDATES
    return NameResults(rows=page, more=more, searched_for=_shown_words(page, best))


def _candidates(
    rows: QuerySet[Membership],
    words: list[list[str]],
    first: list[list[str]] | None,
    limit: int,
    scopes: Sequence[Scope],
    members: dict[str, int],
) -> RawSQL:
    """PostgreSQL: the ids of the memberships of `rows` to rank, as one subquery: up to
    NAME_CANDIDATES whose name holds `first`, and, if fewer than `limit` do, up to NAME_CANDIDATES
    whose name holds `words` (PostgreSQL reads those only if the count of the first asks for them:
    a one-time filter). A search of one word, or of several within a scope below a federation,
    reads MembershipNameWord (_in_scope), the units of a scope below a federation read once for
    both; any other the GIN index of names."""
    below_federation = any(_narrow(scope) for scope in scopes)
    narrow = bool(scopes) and (len(words) == 1 or below_federation)
    ctes: list[tuple[str, str, tuple, str]] = []  # name, SQL, parameters, MATERIALIZED or not
    if narrow:
        units = Unit.objects.all()
        for scope in scopes:
            units = units.filter(scope.q())
        # A province's few thousand units are read once for both parts. A federation's or the
        # whole confederation's (one word) are left to each part, which hashes them as it scans:
        # storing 50,000 ids first and sorting them to merge cost more than reading them twice.
        how = "MATERIALIZED" if below_federation else "NOT MATERIALIZED"
        ctes.append(("scope_units", *units.order_by().values("pk").query.sql_with_params(), how))

    def holding(spelled: list[list[str]]) -> tuple[str, tuple]:
        if narrow:
            found = rows.filter(pk__in=_in_scope(spelled, members)).values("pk")
        else:
            found = rows.filter(_NameMatches("member__full_name", _tsquery(spelled))).values("pk")[:NAME_CANDIDATES]
        return found.query.sql_with_params()

    sql, params = holding(words)
    if first is not None:
        ctes.append(("first_found", *holding(first), "MATERIALIZED"))
        sql = (
            f"SELECT id FROM first_found UNION ALL SELECT id FROM ({sql}) every_found (id)"  # noqa: S608 - our SQL
            " WHERE (SELECT count(*) FROM first_found) < %s"
        )
        params = (*params, limit)
    if ctes:
        sql = "WITH " + ", ".join(f"{cte} (id) AS {how} ({cte_sql})" for cte, cte_sql, _p, how in ctes) + f" {sql}"
        params = (*(p for _cte, _sql, cte_params, _how in ctes for p in cte_params), *params)
    return RawSQL(sql, params)  # noqa: S611 - values are parameters


def _narrow(scope: Scope) -> bool:
    """Whether every root of the scope lies below a federation (a province, a branch, a union)."""
    return bool(scope.paths) and all(len(path) > 2 * Unit.steplen for path in scope.paths)


def _in_scope(words: list[list[str]], members: dict[str, int]) -> RawSQL:
    """PostgreSQL: the ids of the first NAME_CANDIDATES memberships in the scopes whose name holds
    the words, read from MembershipNameWord (word, unit, membership; ADR 0026) and the units in
    scope (the CTE scope_units of the statement, _candidates()). The position whose words the
    fewest members hold leads: its memberships in the scopes, the word's index entries joined
    with the units in scope, so that a common name that is rare in the scope costs a scan of
    index entries, not a visit to each person who bears it. Every other
    position is checked first against the signature of the whole name that each index entry
    carries (two bits per word; ADR 0029), which drops nearly every name that lacks its words, and
    then, for the few left, by one probe of the same index: (word, the membership's union, the
    membership). The lead is a materialised CTE, planned alone and read only as far as the probes
    need, and each probe an EXISTS fenced by OFFSET 0 (PostgreSQL would otherwise read the words'
    whole lists, joining them by hash or merge before it looks at the scope).
    A name that holds two spellings of the leading word is read twice (the page then ranks one
    candidate fewer)."""
    order = sorted(range(len(words)), key=lambda i: sum(members.get(w, 0) for w in words[i]))
    lead, *others = order
    table = connection.ops.quote_name(MembershipNameWord._meta.db_table)
    # A join, not IN: PostgreSQL cannot guess how many distinct ids a CTE holds, and its guess
    # (200) made it probe the word's index once per unit in scope instead of hashing them.
    # One word reads its index entries in the order of their units: = rather than = ANY tells so.
    lead_sql = (
        f"SELECT p.unit_id, p.membership_id, p.signature FROM {table} p"  # noqa: S608 - the model's table
        f" JOIN scope_units s ON s.id = p.unit_id WHERE p.word = {'%s' if len(words[lead]) == 1 else 'ANY(%s)'}"
    )
    probe = (
        f" AND EXISTS (SELECT 1 FROM {table} q WHERE q.word = ANY(%s)"  # noqa: S608 - the model's table
        " AND q.unit_id = lead.unit_id AND q.membership_id = lead.membership_id OFFSET 0)"
    )
    conditions, params = [], []
    for i in others:
        signature_sql, signature_params = _may_hold(words[i])
        conditions.append(f" AND {signature_sql}{probe}")
        params += [*signature_params, words[i]]
    sql = (
        f"WITH lead AS MATERIALIZED ({lead_sql}) SELECT lead.membership_id FROM lead"  # noqa: S608 - see above
        f" WHERE true{''.join(conditions)} LIMIT {NAME_CANDIDATES}"
    )
    lead_words = words[lead][0] if len(words[lead]) == 1 else words[lead]
    return RawSQL(sql, (lead_words, *params))  # noqa: S611 - values are parameters


def _may_hold(spelled: list[str]) -> tuple[str, list[str]]:
    """SQL: the lead row's name may hold one of the words: its signature has both bits of one of
    them (migration 0010; ADR 0029). Never false for a name that holds one; about one name in a
    hundred that holds none passes too, and the probe after it decides. The bits of each word are
    worked out once, when PostgreSQL plans the statement (an immutable function of a constant)."""
    test = "(lead.signature & membership_word_bits(%s)) = membership_word_bits(%s)"
    return "(" + " OR ".join([test] * len(spelled)) + ")", [word for word in spelled for _twice in (1, 2)]


def _matching_python(
    rows: QuerySet[Membership], words: list[list[str]], best: list[str], limit: int, first: list[list[str]] | None
) -> NameResults:
    """SQLite: as _matching(), the names found by _found_python()."""
    found = _found_python(rows, first) if first is not None else {}
    if first is None or len(found) < limit:
        found = _found_python(rows, words) | found

    def rank(item: tuple[int, tuple[list[str], str]]) -> tuple:
        pk, (held, full_name) = item
        in_order = any(held[i : i + len(best)] == best for i in range(len(held)))
        return (not all(w in held for w in best), not in_order, len(full_name), -pk)

    ranked = [pk for pk, _found in sorted(found.items(), key=rank)[:limit]]
    by_pk = {m.pk: m for m in _with_display(Membership.objects.filter(pk__in=ranked))}
    page = [by_pk[pk] for pk in ranked]
    return NameResults(rows=page, more=len(found) >= NAME_CANDIDATES, searched_for=_shown_words(page, best))


def _found_python(rows: QuerySet[Membership], words: list[list[str]]) -> dict[int, tuple[list[str], str]]:
    """SQLite: up to NAME_CANDIDATES rows (id: the name's words, the name) whose name holds, for each
    position, one of its words: names that contain the words' letters (LIKE, newest first), or that
    have letters beyond ASCII (LIKE cannot see "José" in "jose"), checked word by word in Python."""
    condition = Q()
    for spelled in words:
        either = Q(_BeyondAscii(F("member__full_name")))
        for word in spelled:
            either |= Q(member__full_name__icontains=word)
        condition &= either
    found: dict[int, tuple[list[str], str]] = {}
    for pk, full_name in rows.filter(condition).order_by("-pk").values_list("pk", "member__full_name")[:SQLITE_SCAN]:
        held = name_words(full_name)
        if all(any(w in held for w in spelled) for spelled in words):
            found[pk] = (held, full_name)
            if len(found) >= NAME_CANDIDATES:
                break
    return found


def _shown_words(page: list[Membership], best: list[str]) -> str:
    """The words searched for, to show above the results: only when the first name found holds
    them all, so that a correction never names a word of someone outside the actor's scope."""
    if page and set(best) <= set(name_words(page[0].member.full_name)):
        return " ".join(best)
    return ""


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
    dues_statement: bool = False

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
        dues_statement=scope_of(actor, perms.VIEW_DUES).covers(membership.unit),
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
