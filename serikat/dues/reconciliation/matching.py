"""Matching the lines of a deduction file to the union's memberships, and each line's outcome.

Everything is read set-based before the first line is looked at: the union's memberships at the
employer (one query; memberships with no employer recorded count as at the employer, since a plant
union's members work where it organises), the authorisations in force for the employer and month (one
query) and the union's dues policy for the month (one query). Matching is then dictionary look-ups
in memory: 200,000 lines cost no query at all. The rules are docs/dues.md, section 3; who owes a month,
which authorisation is in force and what the policy asks come from serikat.dues.policies.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q

from serikat.dues.models import Authorisation, DuesPolicy, RemittanceLine
from serikat.dues.money import dues_under
from serikat.dues.policies import authorised_q, owes, policy_book
from serikat.dues.reconciliation.reading import Line
from serikat.membership.models import Membership

Outcome = RemittanceLine.Outcome
REFUND_OUTCOMES = (Outcome.NOT_MEMBER, Outcome.NO_AUTHORISATION)
# Outcomes whose member owed the month under an authorisation: their expected amount counts.
AUTHORISED_OUTCOMES = (Outcome.MATCHED, Outcome.AMOUNT_DIFFERS, Outcome.WAGE_MISSING)
OUTCOME_ORDER = [o.value for o in Outcome]
# The outcomes as plain strings, as stored: an enum member's `.value` costs a descriptor call, and
# the loop over a file's lines asks for one per line.
MATCHED, NOT_MEMBER, NO_AUTHORISATION, AMOUNT_DIFFERS, WAGE_MISSING, DUPLICATE = (
    Outcome.MATCHED.value,
    Outcome.NOT_MEMBER.value,
    Outcome.NO_AUTHORISATION.value,
    Outcome.AMOUNT_DIFFERS.value,
    Outcome.WAGE_MISSING.value,
    Outcome.DUPLICATE.value,
)


@dataclass(slots=True)
class Candidate:
    """A membership of the union at the employer, as matching needs it."""

    id: int
    nik: str
    employee_number: str
    full_name: str
    status: str
    activated_on: datetime.date | None
    ended_on: datetime.date | None
    wage: int | None
    employer_id: int | None


@dataclass(slots=True)
class MatchedLine:
    line: Line
    outcome: str
    membership: Candidate | None
    expected: int | None


@dataclass(slots=True)
class NotDeducted:
    membership: Candidate
    expected: int | None


@dataclass
class Reconciliation:
    """What a file makes of a union's month at an employer, before anything is written."""

    policy: DuesPolicy
    lines: list[MatchedLine]
    not_deducted: list[NotDeducted]
    contributions: dict[int, int]  # membership id -> expected amount (owing memberships concerned)
    paid: dict[int, int] = field(default_factory=dict)  # membership id -> amount of its matched line
    deducted_amount: int = 0
    expected_amount: int = 0
    refund_amount: int = 0

    def outcome_counts(self) -> dict[str, int]:
        counts = Counter(m.outcome for m in self.lines)
        result = {outcome: counts.get(outcome, 0) for outcome in OUTCOME_ORDER}
        result["not_deducted"] = len(self.not_deducted)
        return result


def load_candidates(unit: Any, employer: Any) -> list[Candidate]:
    """One plain query (no server-side cursor: planned as a cursor, PostgreSQL prefers walking the
    primary key of every membership to return the first rows fast, 5 s instead of 1 s at 200,000)."""
    rows = Membership.objects.filter(
        Q(employer_id=employer.pk) | Q(employer__isnull=True), unit_id=unit.pk
    ).values_list(
        "id",
        "member__nik",
        "employee_number",
        "member__full_name",
        "status",
        "activated_on",
        "ended_on",
        "monthly_wage_amount",
        "employer_id",
    )
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    candidates = [
        Candidate(pk, nik, number, name, status, activated, ended, None if wage is None else int(wage), emp)
        for pk, nik, number, name, status, activated, ended, wage, emp in fetched
    ]
    candidates.sort(key=lambda c: c.id)
    return candidates


def authorised_ids(unit: Any, employer: Any, month: datetime.date) -> set[int]:
    """Memberships of the union with an authorisation for the employer in force for the month."""
    # .order_by(): without it the model's ordering sorts every authorisation (200,000 of them
    # spilled to disk in the benchmark, half a second) for a set.
    return set(
        Authorisation.objects.filter(authorised_q(month), unit_id=unit.pk, employer_id=employer.pk)
        .order_by()
        .values_list("membership_id", flat=True)
    )


def policy_of(unit: Any, month: datetime.date) -> DuesPolicy | None:
    return policy_book(month, federation_paths=[unit.path]).for_unit(unit)


def _index(candidates: list[Candidate], key: str, owing: set[int]) -> dict[str, Candidate]:
    """key value -> the membership it names; among several, the one that owed the month, else the latest.
    `owing`: the ids of the candidates that owed the month."""
    index: dict[str, Candidate] = {}
    for candidate in candidates:  # in id order: a later membership replaces an earlier one...
        value = getattr(candidate, key)
        if not value:
            continue
        known = index.get(value)
        # ...unless the earlier one owed the month and the later one did not.
        if known is None or candidate.id in owing or known.id not in owing:
            index[value] = candidate
    return index


def reconcile(
    *,
    lines: list[Line],
    candidates: list[Candidate],
    authorised: set[int],
    policy: DuesPolicy,
    month: datetime.date,
    employer_id: int,
) -> Reconciliation:
    """Each line's outcome (the first rule of docs/dues.md's table that applies) and the authorised
    members with no line. Pure: no query."""
    owing = {c.id for c in candidates if owes(c, month)}
    by_nik = _index(candidates, "nik", owing)
    by_number = _index(candidates, "employee_number", owing)
    dues_cache: dict[int | None, int | None] = {}

    def dues(wage: int | None) -> int | None:
        if wage not in dues_cache:
            dues_cache[wage] = dues_under(policy, wage)
        return dues_cache[wage]

    seen_nik: set[str] = set()
    seen_number: set[str] = set()
    seen_membership: set[int] = set()
    matched: list[MatchedLine] = []
    contributions: dict[int, int] = {}
    paid: dict[int, int] = {}
    deducted = expected_total = refund = 0
    for line in lines:
        member = (by_nik.get(line.nik) if line.nik else None) or (
            by_number.get(line.employee_number) if line.employee_number else None
        )
        duplicate = (
            (line.nik and line.nik in seen_nik)
            or (line.employee_number and line.employee_number in seen_number)
            or (member is not None and member.id in seen_membership)
        )
        if line.nik:
            seen_nik.add(line.nik)
        if line.employee_number:
            seen_number.add(line.employee_number)
        if member is not None:
            seen_membership.add(member.id)
        expected = None
        if duplicate:
            outcome = DUPLICATE
        elif member is None or member.id not in owing:
            outcome = NOT_MEMBER
        else:
            wage = line.wage if line.wage is not None else member.wage
            due = dues(wage)
            contributions[member.id] = due or 0
            if member.id not in authorised:
                outcome = NO_AUTHORISATION
            elif due is None:
                outcome = WAGE_MISSING
            else:
                expected = due
                expected_total += due
                if line.amount != due:
                    outcome = AMOUNT_DIFFERS
                else:
                    outcome = MATCHED
                    paid[member.id] = line.amount
        deducted += line.amount
        if outcome in REFUND_OUTCOMES:
            refund += line.amount
        matched.append(MatchedLine(line, outcome, member, expected))
    not_deducted = []
    for candidate in candidates:
        if candidate.id not in owing:
            continue
        if candidate.id in seen_membership:
            continue
        concerned = candidate.id in authorised or candidate.employer_id == employer_id
        if not concerned:
            continue
        due = dues(candidate.wage)
        contributions[candidate.id] = due or 0
        if candidate.id in authorised:
            not_deducted.append(NotDeducted(candidate, due))
            expected_total += due or 0
    return Reconciliation(
        policy=policy,
        lines=matched,
        not_deducted=not_deducted,
        contributions=contributions,
        paid=paid,
        deducted_amount=deducted,
        expected_amount=expected_total,
        refund_amount=refund,
    )
