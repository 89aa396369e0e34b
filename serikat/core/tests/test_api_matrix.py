"""The permission matrix: every operation of the OpenAPI document, for every kind of caller.

Callers (columns): anonymous; a user with no grant; secretariat at a sibling unit; secretariat at the
unit itself ("own"); secretariat at an ancestor; read_only at the unit itself (it may see but not
change). Expected answers: a status, and for lists "200+" (the target row is listed) or "200-" (it
is not). A refused write must change no row of any table, audit log included; an accepted one
writes at least one audit event.

`test_every_operation_has_a_matrix_entry` fails when an endpoint is added without a row here.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from config.api import api
from serikat.accounts.models import Grant, Role, User
from serikat.accounts.services import create_api_token
from serikat.audit.models import AuditEvent
from serikat.core.tests.test_api_world import (
    API,
    CREATE,
    LIST,
    MATRIX_MODULES,
    READ,
    REF,
    UPDATE,
    Op,
    build_world,
    call,
    extend_world,
    snapshot_tables,
)
from serikat.core.tests.test_api_world import unit_id as _u
from serikat.organisation.models import Position

CASES = ("anonymous", "no_grant", "sibling", "own", "ancestor", "read_only_own")
TODAY = timezone.localdate()


#        anonymous no_grant sibling own ancestor read_only_own
MATRIX: dict[str, Op] = {
    # --- me, tokens, roles
    "GET /me": Op(lambda w: (f"{API}/me", None), REF),
    "GET /me/tokens": Op(lambda w: (f"{API}/me/tokens", None), REF),
    "POST /me/tokens": Op(
        lambda w: (f"{API}/me/tokens", {"name": "laptop"}),
        (401, 400, 201, 201, 201, 201),  # no grant: a token could do nothing, so none is made
    ),
    "POST /me/tokens/{token_id}/revoke": Op(
        lambda w: (f"{API}/me/tokens/{w.own_token.pk}/revoke", None),
        (401, 404, 404, 200, 404, 404),  # only the token's owner ("own") may revoke it
    ),
    "GET /roles": Op(lambda w: (f"{API}/roles", None), REF),
    # --- reference data
    "GET /regions": Op(lambda w: (f"{API}/regions?kind=regency", None), REF),
    "GET /sectors": Op(lambda w: (f"{API}/sectors", None), REF),
    "GET /positions": Op(lambda w: (f"{API}/positions", None), REF),
    "GET /levels": Op(
        lambda w: (f"{API}/levels?federation={w.tree.fspmi.pk}", None),
        (401, 404, "200+", "200+", "200+", "200+"),  # FSPMI's levels need a grant inside FSPMI
        listed=lambda w: w.puk_level.pk,
    ),
    # --- units
    "GET /units": Op(lambda w: (f"{API}/units", None), LIST, listed=lambda w: _u(w, "PUK-A")),
    "GET /units/{unit_id}": Op(lambda w: (f"{API}/units/{_u(w, 'PUK-A')}", None), READ),
    "GET /units/{unit_id}/children": Op(
        lambda w: (f"{API}/units/{_u(w, 'PC-SPL-BKS')}/children", None),
        (401, 404, 404, "200+", "200+", "200+"),
        units=("PC-SPL-BKS", "PC-SPL-KRW", "FSPMI-SPL"),
        listed=lambda w: _u(w, "PUK-A"),
    ),
    "POST /units": Op(
        lambda w: (
            f"{API}/units",
            {"parent": _u(w, "FSPMI-SPL"), "level": w.pc_level.pk, "code": "PC-SPL-BDG", "name": "PC Bandung"},
        ),
        CREATE,
        units=("FSPMI-SPL", "DPW-JABAR", "FSPMI"),
    ),
    "PATCH /units/{unit_id}": Op(
        lambda w: (f"{API}/units/{_u(w, 'PUK-A')}", {"name": "PUK A (baru)", "phone": "021-555"}), UPDATE
    ),
    "POST /units/{unit_id}/move": Op(
        lambda w: (f"{API}/units/{_u(w, 'PUK-A')}/move", {"new_parent": _u(w, "PC-SPL-KRW")}),
        # own and a PC grant cannot see the destination (404); the sector union covers both branches.
        (401, 404, 404, 404, 200, 403),
        units=("PUK-A", "PUK-B", "FSPMI-SPL"),
    ),
    "POST /units/{unit_id}/territory": Op(
        lambda w: (f"{API}/units/{_u(w, 'PC-SPL-BKS')}/territory", {"territory": _u(w, "KC-KRW")}),
        # own cannot see KC-KRW (404); DPW-JABAR covers the branch through its territory and KC-KRW.
        (401, 404, 404, 404, 200, 403),
        units=("PC-SPL-BKS", "PC-SPL-KRW", "DPW-JABAR"),
    ),
    "POST /units/{unit_id}/split": Op(
        lambda w: (
            f"{API}/units/{_u(w, 'KC-BKS')}/split",
            {"new_code": "KC-BKS-2", "new_name": "KC Bekasi 2", "territorial_members": [_u(w, "PC-SPL-BKS")]},
        ),
        # own may restructure KC-BKS but not create under DPW-JABAR, where the new council goes (404).
        (401, 404, 404, 404, 201, 403),
        units=("KC-BKS", "KC-KRW", "DPW-JABAR"),
    ),
    # --- employers and workplaces
    "GET /employers": Op(lambda w: (f"{API}/employers", None), LIST, listed=lambda w: w.employer.pk),
    "GET /employers/{employer_id}": Op(lambda w: (f"{API}/employers/{w.employer.pk}", None), READ),
    "POST /employers": Op(lambda w: (f"{API}/employers", {"unit": _u(w, "PUK-A"), "name": "PT Baru"}), CREATE),
    "PATCH /employers/{employer_id}": Op(
        lambda w: (f"{API}/employers/{w.employer.pk}", {"business_number": "9120000000001"}), UPDATE
    ),
    "GET /workplaces": Op(lambda w: (f"{API}/workplaces", None), LIST, listed=lambda w: w.workplace.pk),
    "GET /workplaces/{workplace_id}": Op(lambda w: (f"{API}/workplaces/{w.workplace.pk}", None), READ),
    "POST /workplaces": Op(
        lambda w: (f"{API}/workplaces", {"employer": w.employer.pk, "unit": _u(w, "PUK-A"), "name": "Gudang"}),
        CREATE,
    ),
    "PATCH /workplaces/{workplace_id}": Op(
        lambda w: (f"{API}/workplaces/{w.workplace.pk}", {"workforce_size": 1200}), UPDATE
    ),
    "POST /workplaces/{workplace_id}/links": Op(
        lambda w: (f"{API}/workplaces/{w.spare_workplace.pk}/links", {"unit": _u(w, "PUK-A")}), CREATE
    ),
    "POST /workplace-links/{link_id}/end": Op(
        lambda w: (f"{API}/workplace-links/{w.link.pk}/end", {"until_on": TODAY.isoformat()}), UPDATE
    ),
    # --- officers
    "GET /officers": Op(lambda w: (f"{API}/officers", None), LIST, listed=lambda w: w.term.pk),
    "GET /officers/{term_id}": Op(lambda w: (f"{API}/officers/{w.term.pk}", None), READ),
    "POST /officers": Op(
        lambda w: (
            f"{API}/officers",
            {
                "unit": _u(w, "PUK-A"),
                "position": w.secretary_position.pk,
                "person_name": "Budi Santoso",
                "gender": "M",
                "started_on": "2024-02-01",
            },
        ),
        CREATE,
    ),
    "POST /officers/{term_id}/end": Op(
        lambda w: (f"{API}/officers/{w.term.pk}/end", {"ended_on": TODAY.isoformat(), "reason": "resigned"}), UPDATE
    ),
    # --- users and grants
    "GET /grants": Op(lambda w: (f"{API}/grants", None), LIST, listed=lambda w: w.grant.pk),
    "GET /grants/{grant_id}": Op(lambda w: (f"{API}/grants/{w.grant.pk}", None), READ),
    "POST /grants": Op(
        lambda w: (f"{API}/grants", {"user": w.grantee.pk, "role": "trainer", "unit": _u(w, "PUK-A")}), CREATE
    ),
    "POST /grants/{grant_id}/revoke": Op(lambda w: (f"{API}/grants/{w.grant.pk}/revoke", None), UPDATE),
    "POST /users": Op(
        lambda w: (
            f"{API}/users",
            {"username": "new.officer", "password": "Kuat-Sekali-2024", "role": "read_only", "unit": _u(w, "PUK-A")},
        ),
        CREATE,
    ),
    # --- audit log (read_only holds no audit.view_event: it sees the list, without the event)
    "GET /audit-events": Op(
        lambda w: (f"{API}/audit-events?limit=200", None),
        (401, "200-", "200-", "200+", "200+", "200-"),
        listed=lambda w: w.employer_event.pk,
    ),
}


# Apps beyond the foundation keep their rows next to their code (see test_api_world.MATRIX_MODULES).
for _module in MATRIX_MODULES:
    MATRIX.update(importlib.import_module(_module).MATRIX)


def _operations_in_schema() -> set[str]:
    schema = api.get_openapi_schema(path_prefix="")
    return {f"{method.upper()} {path}" for path, methods in schema["paths"].items() for method in methods}


def test_every_operation_has_a_matrix_entry():
    operations = _operations_in_schema()
    assert sorted(operations - set(MATRIX)) == [], "operations without a permission matrix entry"
    assert sorted(set(MATRIX) - operations) == [], "matrix entries for operations that do not exist"


def _actors(units: dict[str, Any], cast: tuple[str, str, str]) -> dict[str, User | None]:
    own, sibling, ancestor = cast
    secretariat, read_only = Role.objects.get(code="secretariat"), Role.objects.get(code="read_only")
    actors: dict[str, User | None] = {"anonymous": None}
    for case, role, code in [
        ("no_grant", None, None),
        ("sibling", secretariat, sibling),
        ("own", secretariat, own),
        ("ancestor", secretariat, ancestor),
        ("read_only_own", read_only, own),
    ]:
        user = User.objects.create_user(username=f"matrix-{case}", password="pw-Serikat-123")
        if role is not None:
            Grant.objects.create(user=user, role=role, unit=units[code])
        actors[case] = user
    return actors


def _listed_ids(response: Any) -> set[Any]:
    return {row.get("id", row.get("code")) for row in response.json()["items"]}


@pytest.mark.django_db
@pytest.mark.parametrize("operation", sorted(MATRIX))
def test_permission_matrix(operation, tree, client_for):
    op = MATRIX[operation]
    method = operation.split()[0]
    world = build_world(tree)
    extend_world(world)
    actors = _actors(tree.units, op.units)
    world.own_token, _raw = create_api_token(actor=actors["own"], name="own token")
    world.secretary_position = Position.objects.get(code="sekretaris")
    world.pc_level = tree.level(tree.fspmi, "PC")
    failures = []
    for case, expected in zip(CASES, op.expect, strict=True):
        with transaction.atomic():
            client = client_for(actors[case])
            url, body = op.request(world)
            before = snapshot_tables()
            events_before = AuditEvent.objects.count()
            response = call(client, method, url, body)
            status = int(str(expected)[:3])
            if response.status_code != status:
                failures.append(f"{case}: expected {expected}, got {response.status_code} {response.content[:300]!r}")
            elif isinstance(expected, str):
                listed = op.listed(world) in _listed_ids(response)
                if listed != expected.endswith("+"):
                    failures.append(f"{case}: expected {expected}, target {'listed' if listed else 'not listed'}")
            if status >= 400 and response["Content-Type"] != "application/problem+json":
                failures.append(f"{case}: refusal is {response['Content-Type']}, not problem+json")
            if method != "GET":
                if status >= 400 and snapshot_tables() != before:
                    failures.append(f"{case}: refused with {status} but rows changed")
                if status < 400 and AuditEvent.objects.count() <= events_before:
                    failures.append(f"{case}: accepted without an audit event")
            transaction.set_rollback(True)
    assert failures == [], f"{operation} ({', '.join(op.units)}):\n" + "\n".join(failures)


def test_matrix_covers_reads_and_writes_of_every_kind():
    """Guard against a matrix that only ever expects success or only refusal."""
    writes = [key for key in MATRIX if not key.startswith("GET")]
    assert all(MATRIX[key].expect[0] == 401 for key in MATRIX)
    assert all(403 in MATRIX[key].expect for key in writes if "/me/tokens" not in key)
