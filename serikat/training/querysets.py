"""How training rows are scoped.

A package belongs to the unit that makes it (the confederation's education department, or a
federation's). Its content is for that unit's whole subtree, and the people who shape and use it work
below it: a federation's representative reviews a confederation package, a plant union's trainer
reads it and reports from the field. So *reading* a package (and reviewing it, and sending feedback
on it) reaches both ways along the tree: to packages of units the actor's grant covers, and to
packages of the units above the grant. *Writing* it (authoring, releasing, triage) needs a grant that
covers the owning unit, like everything else in Serikat.

Distribution follows the copies: a print run belongs to the unit that ordered it, a consignment to
both the sending and the receiving unit, stock to the unit that holds it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from serikat.core import permissions as perms
from serikat.core.scoping import ScopedQuerySet, scope_of

# The unit tree's path step (treebeard's steplen).
STEP = 4

# Permissions that reach the packages of the units above a grant, not only those below it.
REACHES_UP = frozenset({perms.VIEW_PACKAGE, perms.REVIEW_PACKAGE, perms.SEND_FEEDBACK})


def ancestor_paths(path: str) -> list[str]:
    """The paths of a unit and its ancestors, the root first."""
    return [path[:end] for end in range(STEP, len(path) + 1, STEP)]


def reach_q(actor: Any, permission: str, unit_lookup: str) -> Q:
    """Rows whose unit (reached through `unit_lookup`) the actor's scope for `permission` covers, or,
    for the permissions in REACHES_UP, that lie on the line above one of the actor's grants."""
    scope = scope_of(actor, permission)
    condition = scope.q(unit_lookup)
    if permission in REACHES_UP and not scope.is_empty:
        above = sorted({p for path in scope.paths for p in ancestor_paths(path)})
        condition |= Q(**{f"{unit_lookup}__path__in": above})
    return condition


class PackageOwnedQuerySet(ScopedQuerySet):
    """Rows that belong to a package's owning unit (packages, their content, editions, meetings).

    `unit_lookup` leads from the row to the owning unit."""

    def visible_to(self, actor: Any, permission: str) -> PackageOwnedQuerySet:
        return self.filter(reach_q(actor, permission, self.unit_lookup))


class PackageQuerySet(PackageOwnedQuerySet):
    unit_lookup = "unit"


class ThroughPackageQuerySet(PackageOwnedQuerySet):
    """Modules, objectives, terms, review threads, editions: through their package."""

    unit_lookup = "package__unit"


class ThroughModuleQuerySet(PackageOwnedQuerySet):
    unit_lookup = "module__package__unit"


class ThroughEditionQuerySet(PackageOwnedQuerySet):
    """Renditions and feedback: through their edition's package."""

    unit_lookup = "edition__package__unit"


class MeetingQuerySet(PackageOwnedQuerySet):
    """Production-group meetings belong to the unit that organised them."""

    unit_lookup = "unit"


class ConsignmentQuerySet(ScopedQuerySet):
    """A consignment is visible to the unit that sends it and the unit that receives it."""

    def visible_to(self, actor: Any, permission: str) -> ConsignmentQuerySet:
        scope = scope_of(actor, permission)
        return self.filter(scope.q("from_unit") | scope.q("to_unit"))
