"""How dues rows are scoped. Most hang on a union (`unit`) and use ScopedQuerySet as it is."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from serikat.core.scoping import ScopedQuerySet, scope_of

# The unit tree's path step (treebeard's steplen): a federation's path is two steps long.
STEP = 4


def ancestor_paths(path: str) -> list[str]:
    """The paths of a unit and its ancestors, the root first."""
    return [path[:end] for end in range(STEP, len(path) + 1, STEP)]


class RuleQuerySet(ScopedQuerySet):
    """Dues policies, allocation and standing rules are visible throughout the federations the actor
    works in: a plant union's treasurer reads the federation's rules that apply to it, although the
    federation itself lies above their grant. Rules carry no personal data."""

    def visible_to(self, actor: Any, permission: str) -> RuleQuerySet:
        scope = scope_of(actor, permission)
        if scope.is_empty:
            return self.none()
        condition = Q()
        for path in scope.paths:
            condition |= Q(unit__path__startswith=path[: 2 * STEP])
        return self.filter(condition)

    def in_force(self, unit: Any, month: Any) -> RuleQuerySet:
        """The rules that apply to `unit` in `month`, the most specific (deepest unit) first, then the latest."""
        return self.filter(unit__path__in=ancestor_paths(unit.path), valid_from__lte=month).order_by(
            "-unit__depth", "-valid_from"
        )


class FederationQuerySet(ScopedQuerySet):
    """Allocation runs and levies belong to a federation."""

    unit_lookup = "federation"


class AllocationEntryQuerySet(ScopedQuerySet):
    """An allocation entry is visible to the union that collected and to the level that is due."""

    def visible_to(self, actor: Any, permission: str) -> AllocationEntryQuerySet:
        scope = scope_of(actor, permission)
        return self.filter(scope.q("source_unit") | scope.q("recipient_unit"))


class RemittancePartQuerySet(ScopedQuerySet):
    """Lines, transfers and exceptions belong to their remittance's union."""

    unit_lookup = "remittance__unit"
