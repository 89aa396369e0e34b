"""Helpers shared by the API tests (no tests here): JSON calls, a world of rows at PUK-A, table snapshots.

The world hangs everything on PUK-A (see conftest.py for the tree): an employer it registered with two
workplaces, an open link from PUK-A to the first, a chair's term, a user holding read_only there.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from serikat.accounts.models import ApiToken, Grant, Role, User
from serikat.audit.models import AuditEvent
from serikat.organisation.models import Employer, Level, OfficerTerm, Position, Sector, Unit, UnitWorkplace, Workplace
from serikat.organisation.services import appoint_officer, link_workplace, register_employer, register_workplace

API = "/api/v1"
# Modules with the matrix rows of other apps' endpoints: each has MATRIX (operation -> Op), and may
# have extend_world(world) to add the rows its endpoints act on and SNAPSHOT_MODELS it writes to.
MATRIX_MODULES = (
    "serikat.membership.tests.api_matrix",
    "serikat.membership.tests.api_matrix_imports",
    "serikat.dues.tests.api_matrix_rules",
    "serikat.dues.tests.api_matrix_authorisations",
    "serikat.dues.tests.api_matrix_remittances",
    "serikat.dues.tests.api_matrix_reports",
    "serikat.training.tests.api_matrix_editions",
    "serikat.training.tests.api_matrix_packages",
    "serikat.training.tests.test_api_production_matrix",
    "serikat.training.tests.test_api_distribution_matrix",
)
# Modules whose query-count tests measure other apps' list endpoints: each has MEASURED, the paths
# ("/members", "/transfers/{transfer_id}/...") of the lists it measures for 3 rows and 30.
QUERY_COUNT_MODULES = (
    "serikat.membership.tests.test_api_query_counts",
    "serikat.membership.tests.test_imports_api_query_counts",
    "serikat.dues.tests.test_api_query_counts_authorisations",
    "serikat.dues.tests.test_api_query_counts_dues",
    "serikat.dues.tests.test_api_remittances_query_counts",
    "serikat.training.tests.test_api_editions_query_counts",
    "serikat.training.tests.test_api_packages_query_counts",
    "serikat.training.tests.test_api_production_query_counts",
    "serikat.training.tests.test_api_distribution_query_counts",
)


@dataclass(frozen=True)
class Op:
    request: Callable[[Any], tuple[str, dict[str, Any] | None]]
    expect: tuple[Any, ...]  # one per CASES entry
    units: tuple[str, str, str] = ("PUK-A", "PUK-B", "PC-SPL-BKS")  # own, sibling, ancestor
    listed: Callable[[Any], int | str] | None = None  # the target row of a list


REF = (401, 200, 200, 200, 200, 200)
LIST = (401, "200-", "200-", "200+", "200+", "200+")
READ = (401, 404, 404, 200, 200, 200)
UPDATE = (401, 404, 404, 200, 200, 403)
CREATE = (401, 404, 404, 201, 201, 403)


def unit_id(w: Any, code: str) -> int:
    return w.tree.units[code].pk


def extend_world(world: SimpleNamespace) -> None:
    import importlib

    for name in MATRIX_MODULES:
        extend = getattr(importlib.import_module(name), "extend_world", None)
        if extend is not None:
            extend(world)


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
    import importlib

    models = list(SNAPSHOT_MODELS)
    for name in MATRIX_MODULES:
        models += list(getattr(importlib.import_module(name), "SNAPSHOT_MODELS", ()))
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
