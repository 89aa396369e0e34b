"""record_event(): the one way anything writes to the audit log.

Services call it inside their transaction. It refuses to run outside one, so an event can never be
committed for a change that rolled back, nor a change committed without its event.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from serikat.audit.models import AuditEvent
from serikat.core import context


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of `fields` now, for comparing after a change (foreign keys as ids)."""
    result = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        result[name] = _plain(getattr(instance, attname))
    return result


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for the fields whose value changed."""
    return {k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]}


def _label(obj: models.Model | None) -> str:
    return str(obj)[:255] if obj is not None else ""


def build_event(
    *,
    actor: Any,
    kind: str,
    subject: models.Model | None = None,
    unit: Any = None,
    changes: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
    object_label: str | None = None,
) -> AuditEvent:
    """An unsaved event, for services that write many events with one bulk_create."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent(
        actor=actor if is_user else None,
        actor_label=(actor.get_username() if is_user else (str(actor) if actor else ""))[:150],
        kind=kind,
        object_type=subject._meta.label_lower if subject is not None else "",
        object_id=str(subject.pk) if subject is not None else "",
        object_label=object_label if object_label is not None else _label(subject),
        unit=unit,
        changes={k: _plain(v) for k, v in (changes or {}).items()},
        data={k: _plain(v) for k, v in (data or {}).items()},
        request_id=context.request_id.get(),
        client_address=context.client_address.get(),
    )


def record_event(**kwargs: Any) -> AuditEvent:
    """Write one audit event; must be called inside the service's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event() must run inside the service's transaction.")
    event = build_event(**kwargs)
    event.save()
    return event


def record_events(events: list[AuditEvent]) -> None:
    """Write events built with build_event() in one statement, inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_events() must run inside the service's transaction.")
    AuditEvent.objects.bulk_create(events, batch_size=1000)
