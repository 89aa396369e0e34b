"""Installing the very first unit and administrator: the one write that has no actor yet."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from serikat.accounts.models import Grant, Role
from serikat.audit.recorder import record_event
from serikat.core.errors import Conflict
from serikat.organisation.models import Unit
from serikat.organisation.services import confederation_levels


@transaction.atomic
def bootstrap_confederation(*, code: str, name: str, admin_username: str, admin_password: str) -> Unit:
    """Create the root unit and its first administrator. Refused once a root exists."""
    if Unit.objects.filter(depth=1).exists():
        raise Conflict("A confederation already exists.")
    konf, _fed = confederation_levels()
    root = Unit.objects.add_root(create_kwargs={"code": code, "name": name, "level": konf})
    user = get_user_model()(username=admin_username)
    user.set_password(admin_password)
    user.save()
    Grant.objects.create(user=user, role=Role.objects.get(code="administrator"), unit=root)
    record_event(actor=user, kind="organisation.confederation_installed", subject=root, unit=root)
    return root
