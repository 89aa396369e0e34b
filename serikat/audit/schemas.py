"""Output shape and filters of the audit log API."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from serikat.accounts.schemas import UserRef
from serikat.core.api import PageParams
from serikat.organisation.schemas import UnitRef


class AuditEventOut(Schema):
    id: int
    at: datetime.datetime
    kind: str = Field(description='What happened, e.g. "organisation.unit_moved".')
    actor: UserRef | None
    actor_label: str = Field(description="Who, as recorded at the time.")
    object_type: str
    object_id: str
    object_label: str
    unit: UnitRef | None = Field(description="The unit the event belongs to (its scope).")
    changes: dict[str, Any] = Field(description="{field: [before, after]}.")
    data: dict[str, Any]
    request_id: str
    client_address: str


class AuditEventFilters(PageParams):
    kind: str | None = Field(
        None, max_length=64, description='Exact kind, or a prefix ending in "." ("organisation.").'
    )
    unit: int | None = Field(
        None, description="Events of this unit and of every unit it covers (subtree and territory)."
    )
    actor: int | None = Field(None, description="Events by this user (id).")
    since: datetime.datetime | None = Field(None, description="At or after this moment (ISO 8601).")
    until: datetime.datetime | None = Field(None, description="Before this moment (ISO 8601).")
