"""Helpers shared by the API tests (no tests here): JSON calls, a world of rows at PUK-A, table snapshots.

The world hangs everything on PUK-A (see conftest.py for the tree): an employer it registered with two
workplaces, an open link from PUK-A to the first, a chair's term, a user holding read_only there.
"""

from __future__ import annotations

import datetime
import json
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from serikat.accounts.models import ApiToken, Grant, Role, User
from serikat.audit.models import AuditEvent
from serikat.organisation.models import Employer, Level, OfficerTerm, Position, Sector, Unit, UnitWorkplace, Workplace
from serikat.organisation.services import appoint_officer, link_workplace, register_employer, register_workplace

API = "/api/v1"


@pytest.fixture(autouse=True)
def english_answers(settings):
    """Messages are asserted in English; without this they would follow the Indonesian catalogue."""
    settings.LANGUAGE_CODE = "en"


def call(client: Client, method: str, url: str, body: Any = None, **extra: Any) -> Any:
    if method == "GET":
        return client.get(url, **extra)
    return client.generic(method, url, json.dumps(body or {}), content_type="application/json", **extra)


def build_world(tree: Any) -> SimpleNamespace:
    admin = tree.admin
    employer = register_employer(
        actor=admin, unit=tree.puk_a, name="PT Maju Logam", sector=Sector.objects.get(code="metal")
    )
    workplace = register_workplace(actor=admin, employer=employer, unit=tree.puk_a, name="Pabrik Cikarang 1")
    spare_workplace = register_workplace(actor=admin, employer=employer, unit=tree.puk_a, name="Pabrik Cikarang 2")
    link = link_workplace(actor=admin, unit=tree.puk_a, workplace=workplace, since_on=datetime.date(2020, 1, 1))
    term = appoint_officer(
        actor=admin,
        unit=tree.puk_a,
        position=Position.objects.get(code="ketua"),
        person_name="Siti Rahayu",
        gender="F",
        started_on=datetime.date(2024, 1, 1),
    )
    grantee = User.objects.create_user(username="grantee", password="pw-Serikat-123")
    grant = Grant.objects.create(user=grantee, role=Role.objects.get(code="read_only"), unit=tree.puk_a)
    return SimpleNamespace(
        tree=tree,
        employer=employer,
        workplace=workplace,
        spare_workplace=spare_workplace,
        link=link,
        term=term,
        grantee=grantee,
        grant=grant,
        puk_level=Level.objects.get(federation=tree.fspmi, code="PUK"),
        employer_event=AuditEvent.objects.get(kind="organisation.employer_created", object_id=str(employer.pk)),
    )


SNAPSHOT_MODELS = (Unit, Employer, Workplace, UnitWorkplace, OfficerTerm, Grant, User, ApiToken, AuditEvent)


def snapshot_tables() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table the API writes to: equal before and after means nothing changed."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in SNAPSHOT_MODELS}
