"""The only doors to single organisation objects. Out of scope answers exactly like missing."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from serikat.core import permissions as perms
from serikat.core.errors import Forbidden, NotFound
from serikat.organisation.models import Employer, OfficerTerm, Unit, UnitWorkplace, Workplace


def _fetch(queryset: QuerySet, view_queryset: QuerySet, pk: Any) -> Any:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    obj = queryset.filter(pk=pk).first()
    if obj is not None:
        return obj
    # Visible but not allowed for this action: say so; otherwise the same answer as "missing".
    if view_queryset is not None and view_queryset.filter(pk=pk).exists():
        raise Forbidden(_("You may see this, but not do that to it."))
    raise NotFound(_("Not found."))


def access_unit(actor: Any, unit_id: Any, *, permission: str = perms.VIEW_UNIT) -> Unit:
    """The unit `unit_id` if it lies in the actor's scope for `permission`."""
    qs = Unit.objects.select_related("level", "region", "territory")
    view = Unit.objects.visible_to(actor, perms.VIEW_UNIT) if permission != perms.VIEW_UNIT else None
    return _fetch(qs.visible_to(actor, permission), view, unit_id)


def access_unit_by_code(actor: Any, code: str, *, permission: str = perms.VIEW_UNIT) -> Unit:
    unit = Unit.objects.visible_to(actor, permission).filter(code=code).select_related("level").first()
    if unit is None:
        raise NotFound(_("Not found."))
    return unit


def access_employer(actor: Any, employer_id: Any, *, permission: str = perms.VIEW_EMPLOYER) -> Employer:
    view = Employer.objects.visible_to(actor, perms.VIEW_EMPLOYER) if permission != perms.VIEW_EMPLOYER else None
    return _fetch(
        Employer.objects.visible_to(actor, permission).select_related("sector", "region", "unit"), view, employer_id
    )


def access_workplace(actor: Any, workplace_id: Any, *, permission: str = perms.VIEW_EMPLOYER) -> Workplace:
    view = Workplace.objects.visible_to(actor, perms.VIEW_EMPLOYER) if permission != perms.VIEW_EMPLOYER else None
    return _fetch(
        Workplace.objects.visible_to(actor, permission).select_related("employer", "sector", "region", "unit"),
        view,
        workplace_id,
    )


def access_workplace_link(actor: Any, link_id: Any, *, permission: str = perms.CHANGE_EMPLOYER) -> UnitWorkplace:
    view = UnitWorkplace.objects.visible_to(actor, perms.VIEW_EMPLOYER)
    return _fetch(
        UnitWorkplace.objects.visible_to(actor, permission).select_related("unit", "workplace__employer"),
        view,
        link_id,
    )


def access_officer_term(actor: Any, term_id: Any, *, permission: str = perms.VIEW_OFFICER) -> OfficerTerm:
    view = OfficerTerm.objects.visible_to(actor, perms.VIEW_OFFICER) if permission != perms.VIEW_OFFICER else None
    return _fetch(OfficerTerm.objects.visible_to(actor, permission).select_related("unit", "position"), view, term_id)


def is_visible(actor: Any, obj: Model, permission: str) -> bool:
    return type(obj).objects.visible_to(actor, permission).filter(pk=obj.pk).exists()  # type: ignore[attr-defined]
