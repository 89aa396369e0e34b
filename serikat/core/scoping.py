"""The scoping spine: which units an actor may act on, for one permission.

A grant (user, role, unit) covers the unit's subtree along the axis the unit stands on:
  * its descendants in the unit tree (materialised path `path`), and
  * the units that sit in its territory (`territory_path`, the path of their territorial council),
    which is how a provincial council (DPW) covers the sector branches and plant unions in its
    province although they hang under their sector union in the tree.
Both are prefix matches on indexed strings, so a scope is one `WHERE path LIKE 'p%' OR
territory_path LIKE 'p%'` per granted root, whatever the size of the tree.

Everything that lists, fetches or exports unit-owned rows goes through `visible_to()` (querysets)
or `access_*()` (single objects), both built on `scope_of()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import timezone

_CACHE_ATTR = "_serikat_grants_cache"


@dataclass(frozen=True)
class Scope:
    """The roots (unit paths) under which an actor holds one permission."""

    paths: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not self.paths

    def q(self, unit_lookup: str = "") -> Q:
        """A filter for rows whose unit lies in this scope; `unit_lookup` leads from the row to the unit."""
        prefix = f"{unit_lookup}__" if unit_lookup else ""
        if not self.paths:
            return Q(pk__in=[])
        condition = Q()
        for path in self.paths:
            condition |= Q(**{f"{prefix}path__startswith": path})
            condition |= Q(**{f"{prefix}territory_path__startswith": path})
        return condition

    def covers(self, unit: Any) -> bool:
        """Whether an already loaded unit lies in this scope (no query)."""
        territory = unit.territory_path or ""
        return any(unit.path.startswith(p) or territory.startswith(p) for p in self.paths)


def _minimal_roots(paths: set[str]) -> tuple[str, ...]:
    """Drops paths that lie under another path of the set: they add nothing to the filter."""
    roots: list[str] = []
    for path in sorted(paths):
        if not any(path.startswith(root) for root in roots):
            roots.append(path)
    return tuple(roots)


def active_grants(actor: Any) -> list[tuple[str, frozenset[str]]]:
    """(unit path, permission codes) for each active grant of the actor; one query per request."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return []
    cached = getattr(actor, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    grant_model = apps.get_model("accounts", "Grant")
    today = timezone.localdate()
    rows = (
        grant_model.objects.filter(user=actor, revoked_at__isnull=True)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .values_list("unit__path", "role__permissions")
    )
    grants = [(path, frozenset(perms or ())) for path, perms in rows]
    setattr(actor, _CACHE_ATTR, grants)
    return grants


def forget_grants(actor: Any) -> None:
    """Drop the per-request cache after the actor's grants changed."""
    if hasattr(actor, _CACHE_ATTR):
        delattr(actor, _CACHE_ATTR)


def scope_of(actor: Any, permission: str) -> Scope:
    return Scope(_minimal_roots({path for path, perms in active_grants(actor) if permission in perms}))


def has_any(actor: Any, permission: str) -> bool:
    return not scope_of(actor, permission).is_empty


class ScopedQuerySet(models.QuerySet):
    """Base queryset of every unit-owned model. `unit_lookup` leads from the row to its unit."""

    unit_lookup = "unit"

    def visible_to(self, actor: Any, permission: str) -> ScopedQuerySet:
        return self.filter(scope_of(actor, permission).q(self.unit_lookup))


def require(actor: Any, permission: str, unit: Any) -> None:
    """Refuses (404, as if the unit did not exist) unless `unit` is in the actor's scope for `permission`.

    Services call this for every unit they touch beyond the one the caller fetched through an
    access_*() function, e.g. the destination of a move.
    """
    from serikat.core.errors import NotFound

    if unit is None or not scope_of(actor, permission).covers(unit):
        raise NotFound(_not_found_message())


def _not_found_message() -> str:
    from django.utils.translation import gettext

    return gettext("Not found.")
