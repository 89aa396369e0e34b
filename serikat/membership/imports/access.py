"""The only door to one import batch. Out of scope answers exactly like missing (404); a batch the
actor may see but not import into answers 403."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from serikat.core import permissions as perms
from serikat.core.errors import Forbidden, NotFound
from serikat.membership.models import ImportBatch


def access_import(actor: Any, batch_id: Any, *, permission: str = perms.VIEW_MEMBER) -> ImportBatch:
    """An import batch, if its unit is in the actor's scope for `permission`.

    Seeing a batch (its counts and problems, which quote the file's cells) needs
    membership.view_member over its unit, as the members themselves do; acting on it needs
    membership.import_members.
    """
    try:
        pk = int(batch_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    rows = ImportBatch.objects.select_related("unit", "uploaded_by")
    batch = rows.visible_to(actor, permission).filter(pk=pk).first()
    if batch is not None:
        return batch
    if (
        permission != perms.VIEW_MEMBER
        and ImportBatch.objects.visible_to(actor, perms.VIEW_MEMBER).filter(pk=pk).exists()
    ):
        raise Forbidden(_("You may see this, but not do that to it."))
    raise NotFound(_("Not found."))
