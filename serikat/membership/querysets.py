from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef

from serikat.core.scoping import ScopedQuerySet, scope_of


class MembershipQuerySet(ScopedQuerySet):
    unit_lookup = "unit"

    def current(self) -> MembershipQuerySet:
        """Applicants, active and suspended members: everyone whose membership has not ended."""
        return self.filter(status__in=("applicant", "active", "suspended"))


class MemberQuerySet(ScopedQuerySet):
    """A person is visible when one of their memberships is: each union sees its own members."""

    def visible_to(self, actor: Any, permission: str) -> MemberQuerySet:
        from serikat.membership.models import Membership

        scope = scope_of(actor, permission)
        own = Membership.objects.filter(member=OuterRef("pk")).filter(scope.q("unit"))
        return self.filter(Exists(own))


class TransferQuerySet(ScopedQuerySet):
    """A transfer is visible to both sides: the unit it leaves and the unit it goes to."""

    def visible_to(self, actor: Any, permission: str) -> TransferQuerySet:
        scope = scope_of(actor, permission)
        return self.filter(scope.q("from_unit") | scope.q("to_unit"))


class ConflictQuerySet(ScopedQuerySet):
    """A dual-membership conflict is visible to either side (each sees only its own membership)."""

    def visible_to(self, actor: Any, permission: str) -> ConflictQuerySet:
        scope = scope_of(actor, permission)
        return self.filter(scope.q("first__unit") | scope.q("second__unit"))
