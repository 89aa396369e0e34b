"""The only doors to single organisation objects. Out of scope answers exactly like missing."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext as _

from serikat.core import permissions as perms
from serikat.core.access import fetch_in_scope
from serikat.core.errors import NotFound
from serikat.organisation.models import Employer, OfficerTerm, Unit, UnitWorkplace, Workplace


def access_unit(actor: Any, unit_id: Any, *, permission: str = perms.VIEW_UNIT) -> Unit:
    """The unit `unit_id` if it lies in the actor's scope for `permission`."""
    qs = Unit.objects.select_related("level", "region", "territory")
    view = Unit.objects.visible_to(actor, perms.VIEW_UNIT) if permission != perms.VIEW_UNIT else None
    return fetch_in_scope(qs.visible_to(actor, permission), view, unit_id)


def access_unit_by_code(actor: Any, code: str, *, permission: str = perms.VIEW_UNIT) -> Unit:
    unit = Unit.objects.visible_to(actor, permission).filter(code=code).select_related("level").first()
    if unit is None:
        raise NotFound(_("Not found."))
    return unit


def access_employer(actor: Any, employer_id: Any, *, permission: str = perms.VIEW_EMPLOYER) -> Employer:
    view = Employer.objects.visible_to(actor, perms.VIEW_EMPLOYER) if permission != perms.VIEW_EMPLOYER else None
    return fetch_in_scope(
        Employer.objects.visible_to(actor, permission).select_related("sector", "region", "unit"), view, employer_id
    )


def access_workplace(actor: Any, workplace_id: Any, *, permission: str = perms.VIEW_EMPLOYER) -> Workplace:
    view = Workplace.objects.visible_to(actor, perms.VIEW_EMPLOYER) if permission != perms.VIEW_EMPLOYER else None
    return fetch_in_scope(
        Workplace.objects.visible_to(actor, permission).select_related("employer", "sector", "region", "unit"),
        view,
        workplace_id,
    )


def access_workplace_link(actor: Any, link_id: Any, *, permission: str = perms.CHANGE_EMPLOYER) -> UnitWorkplace:
    view = UnitWorkplace.objects.visible_to(actor, perms.VIEW_EMPLOYER)
    return fetch_in_scope(
        UnitWorkplace.objects.visible_to(actor, permission).select_related("unit", "workplace__employer"),
        view,
        link_id,
    )


def access_officer_term(actor: Any, term_id: Any, *, permission: str = perms.VIEW_OFFICER) -> OfficerTerm:
    view = OfficerTerm.objects.visible_to(actor, perms.VIEW_OFFICER) if permission != perms.VIEW_OFFICER else None
    return fetch_in_scope(
        OfficerTerm.objects.visible_to(actor, permission).select_related("unit", "position"), view, term_id
    )


def is_visible(actor: Any, obj: Model, permission: str) -> bool:
    return type(obj).objects.visible_to(actor, permission).filter(pk=obj.pk).exists()  # type: ignore[attr-defined]
