from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from treebeard.mp_tree import MP_NodeQuerySet

from serikat.core.scoping import ScopedQuerySet, scope_of


class UnitQuerySet(MP_NodeQuerySet):
    def visible_to(self, actor: Any, permission: str) -> UnitQuerySet:
        """Units in the actor's scope for `permission` (tree subtree or territory)."""
        return self.filter(scope_of(actor, permission).q())

    def active(self) -> UnitQuerySet:
        return self.exclude(status="dissolved")

    def search(self, text: str) -> UnitQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(code__istartswith=text) | Q(name__icontains=text))


class OfficerTermQuerySet(ScopedQuerySet):
    unit_lookup = "unit"

    def current(self, on: Any = None) -> OfficerTermQuerySet:
        from django.utils import timezone

        day = on or timezone.localdate()
        return self.filter(started_on__lte=day).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))


class WorkplaceQuerySet(ScopedQuerySet):
    """A workplace is visible when the unit that registered it, or a union linked to it, is."""

    unit_lookup = "unit"

    def visible_to(self, actor: Any, permission: str) -> WorkplaceQuerySet:
        from serikat.organisation.models import UnitWorkplace

        scope = scope_of(actor, permission)
        linked = UnitWorkplace.objects.filter(workplace=OuterRef("pk")).filter(scope.q("unit"))
        return self.filter(scope.q("unit") | Q(Exists(linked)))


class EmployerQuerySet(ScopedQuerySet):
    """An employer is visible when the unit that registered it, or one of its workplaces, is."""

    unit_lookup = "unit"

    def visible_to(self, actor: Any, permission: str) -> EmployerQuerySet:
        from serikat.organisation.models import Workplace

        scope = scope_of(actor, permission)
        workplaces = Workplace.objects.visible_to(actor, permission).filter(employer=OuterRef("pk"))
        return self.filter(scope.q("unit") | Q(Exists(workplaces)))


class UnitWorkplaceQuerySet(ScopedQuerySet):
    unit_lookup = "unit"
