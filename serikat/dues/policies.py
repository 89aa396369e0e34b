"""Which rule applies to whom in a month, shared by reconciliation, allocation and the reports.

The rules in words are in docs/dues.md (sections 1, 2 and 4); this module is their one
implementation, so that reconciliation and the month's allocation can never disagree on who owed
what.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from django.db.models import Q

from serikat.dues.models import AllocationRule, Authorisation, DuesPolicy, StandingRule
from serikat.dues.money import dues_under, last_of_month
from serikat.dues.querysets import STEP, ancestor_paths

Rule = TypeVar("Rule", DuesPolicy, AllocationRule, StandingRule)


def owing_q(month: datetime.date, prefix: str = "") -> Q:
    """Memberships that owe dues for `month`: active (or suspended) on the month's last day."""
    last = last_of_month(month)
    p = f"{prefix}__" if prefix else ""
    return (
        Q(**{f"{p}activated_on__isnull": False, f"{p}activated_on__lte": last})
        & ~Q(**{f"{p}status": "applicant"})
        & (Q(**{f"{p}ended_on__isnull": True}) | Q(**{f"{p}ended_on__gte": last}))
    )


def owes(membership: Any, month: datetime.date) -> bool:
    """`owing_q` for one loaded membership (no query)."""
    last = last_of_month(month)
    if membership.status == "applicant" or membership.activated_on is None or membership.activated_on > last:
        return False
    return membership.ended_on is None or membership.ended_on >= last


def authorised_q(month: datetime.date, prefix: str = "") -> Q:
    """Authorisations in force for `month`: signed by its last day and not revoked before it."""
    last = last_of_month(month)
    p = f"{prefix}__" if prefix else ""
    return Q(**{f"{p}signed_on__lte": last}) & (
        Q(**{f"{p}revoked_on__isnull": True}) | Q(**{f"{p}revoked_on__gte": last})
    )


def authorised_membership_ids(employer_id: int, month: datetime.date, membership_ids: Iterable[int]) -> set[int]:
    """Of `membership_ids`, those with an authorisation for the employer in force for `month` (one query)."""
    return set(
        Authorisation.objects.filter(authorised_q(month), employer_id=employer_id, membership_id__in=membership_ids)
        .values_list("membership_id", flat=True)
        .distinct()
    )


class RuleBook(Generic[Rule]):
    """The rules of one kind in force in one month, loaded once, resolved per unit in memory.

    The rule of a unit is the one of its deepest ancestor (or itself) with a rule in force; among a
    unit's rules, the one with the latest `valid_from` on or before the month."""

    def __init__(self, model: type[Rule], month: datetime.date, *, federation_paths: Iterable[str] | None = None):
        self.month = month
        rules = model.objects.filter(valid_from__lte=month).select_related("unit").order_by("unit_id", "-valid_from")
        if model is AllocationRule:
            rules = rules.prefetch_related("shares__level")
        if federation_paths is not None:
            condition = Q(pk__in=[])
            for path in federation_paths:
                condition |= Q(unit__path__startswith=path[: 2 * STEP]) | Q(unit__path=path[:STEP])
            rules = rules.filter(condition)
        self._by_path: dict[str, Rule] = {}
        for rule in rules:
            self._by_path.setdefault(rule.unit.path, rule)  # the latest per unit comes first
        self._cache: dict[str, Rule | None] = {}

    def for_path(self, path: str) -> Rule | None:
        if path not in self._cache:
            found = None
            for candidate in reversed(ancestor_paths(path)):
                found = self._by_path.get(candidate)
                if found is not None:
                    break
            self._cache[path] = found
        return self._cache[path]

    def for_unit(self, unit: Any) -> Rule | None:
        return self.for_path(unit.path)


def policy_book(month: datetime.date, **kwargs: Any) -> RuleBook[DuesPolicy]:
    return RuleBook(DuesPolicy, month, **kwargs)


def dues_for(book: RuleBook[DuesPolicy], unit: Any, wage: Any) -> int | None:
    """A month's dues of a member of `unit` with `wage` (None: no policy, or a percentage and no wage)."""
    policy = book.for_unit(unit)
    if policy is None:
        return None
    return dues_under(policy, None if wage is None else int(wage))
