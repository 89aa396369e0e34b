from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from serikat.core.scoping import ScopedQuerySet, scope_of


class AuditEventQuerySet(ScopedQuerySet):
    unit_lookup = "unit"

    def visible_to(self, actor, permission: str) -> AuditEventQuerySet:
        """Events of units in the actor's scope; events of no unit (sign-ins, lockouts, personal
        settings) only for those who hold the permission at the root of the tree."""
        scope = scope_of(actor, permission)
        condition = scope.q("unit")
        if any(len(path) == _root_path_length() for path in scope.paths):
            condition |= models.Q(unit__isnull=True)
        return self.filter(condition)


def _root_path_length() -> int:
    from serikat.organisation.models import Unit

    return Unit.steplen


class AuditEvent(models.Model):
    """One thing that happened: who did what to which object, and what changed.

    Written by services inside the same transaction as the change itself, so an event exists if and
    only if the change was committed. Events are never updated or deleted by the application.
    `unit` is the unit the event belongs to for scoping: an officer sees the events of units in
    their scope. Events with no unit (sign-ins, account changes) are visible only at the root.
    """

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=150, blank=True)
    kind = models.CharField(_("what"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    client_address = models.CharField(_("address"), max_length=64, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["unit", "-id"], name="audit_unit_recent"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            models.Index(fields=["actor", "-id"], name="audit_actor_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_label}"
