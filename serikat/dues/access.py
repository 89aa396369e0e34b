"""The only doors to single dues objects. Out of scope answers exactly like missing (404); visible
with `dues.view_dues` but not allowed for the action answers 403."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from serikat.core import permissions as perms
from serikat.core.access import fetch_in_scope
from serikat.dues.models import (
    AllocationRule,
    AllocationRun,
    Authorisation,
    DuesPolicy,
    EmployerLetter,
    Levy,
    ReconciliationException,
    Remittance,
    StandingRule,
)
from serikat.membership.models import Membership
from serikat.organisation.models import Unit


def _door(queryset: QuerySet, actor: Any, pk: Any, permission: str) -> Any:
    view = queryset.visible_to(actor, perms.VIEW_DUES) if permission != perms.VIEW_DUES else None
    return fetch_in_scope(queryset.visible_to(actor, permission), view, pk)


def access_dues_unit(actor: Any, unit_id: Any, *, permission: str = perms.VIEW_DUES) -> Unit:
    """A unit whose dues the actor may see (or act on, with `permission`)."""
    return _door(Unit.objects.select_related("level", "territory"), actor, unit_id, permission)


def access_remittance(actor: Any, remittance_id: Any, *, permission: str = perms.VIEW_DUES) -> Remittance:
    """One employer's month for one union, if the union is in scope."""
    queryset = Remittance.objects.select_related("unit", "unit__level", "employer")
    return _door(queryset, actor, remittance_id, permission)


def access_exception(actor: Any, exception_id: Any, *, permission: str = perms.VIEW_DUES) -> ReconciliationException:
    """One reconciliation exception, through its remittance's union."""
    queryset = ReconciliationException.objects.select_related("remittance", "remittance__unit", "line")
    return _door(queryset, actor, exception_id, permission)


def access_authorisation(actor: Any, authorisation_id: Any, *, permission: str = perms.VIEW_DUES) -> Authorisation:
    """One deduction authorisation (surat kuasa), if the member's union is in scope."""
    queryset = Authorisation.objects.select_related("membership", "membership__member", "unit", "employer")
    return _door(queryset, actor, authorisation_id, permission)


def access_dues_membership(actor: Any, membership_id: Any, *, permission: str = perms.VIEW_DUES) -> Membership:
    """A membership seen from dues (recording a surat kuasa for it): its union must be in scope."""
    queryset = Membership.objects.select_related("member", "unit", "unit__level", "employer")
    return _door(queryset, actor, membership_id, permission)


def access_letter(actor: Any, letter_id: Any, *, permission: str = perms.VIEW_DUES) -> EmployerLetter:
    """One letter to an employer, if the union that wrote it is in scope."""
    return _door(EmployerLetter.objects.select_related("unit", "employer"), actor, letter_id, permission)


def access_policy(actor: Any, policy_id: Any, *, permission: str = perms.VIEW_DUES) -> DuesPolicy:
    """A dues policy: readable throughout the federations the actor works in; changed only in scope
    of its own unit (`permission=dues.manage_rules`)."""
    return _door(DuesPolicy.objects.select_related("unit"), actor, policy_id, permission)


def access_allocation_rule(actor: Any, rule_id: Any, *, permission: str = perms.VIEW_DUES) -> AllocationRule:
    queryset = AllocationRule.objects.select_related("unit", "collector_level").prefetch_related("shares__level")
    return _door(queryset, actor, rule_id, permission)


def access_standing_rule(actor: Any, rule_id: Any, *, permission: str = perms.VIEW_DUES) -> StandingRule:
    return _door(StandingRule.objects.select_related("unit"), actor, rule_id, permission)


def access_run(actor: Any, run_id: Any, *, permission: str = perms.VIEW_DUES) -> AllocationRun:
    """A federation's allocated month, if the federation is in scope."""
    return _door(AllocationRun.objects.select_related("federation", "rule"), actor, run_id, permission)


def access_levy(actor: Any, levy_id: Any, *, permission: str = perms.VIEW_DUES) -> Levy:
    return _door(Levy.objects.select_related("federation", "run"), actor, levy_id, permission)
