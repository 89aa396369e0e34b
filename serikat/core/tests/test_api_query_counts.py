"""Every list endpoint answers with the same number of queries for 3 rows as for 30.

The pinned numbers count everything a request costs: the session and its user (2), the two-factor
check (1), the actor's grants when the list is scoped (1), then the list and its batch look-ups.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serikat.accounts.models import Grant, Role, User
from serikat.accounts.services import create_api_token
from serikat.core.tests.test_api_world import API
from serikat.organisation.models import Level, Position, Region, Sector
from serikat.organisation.services import (
    appoint_officer,
    create_unit,
    link_workplace,
    register_employer,
    register_workplace,
)

# endpoint -> queries, whatever the number of rows
LISTS = {
    "/me": 4,  # the actor's own grants: no scope needed
    "/me/tokens": 4,
    "/roles": 4,  # reference data is not scoped
    "/regions?parent=32": 5,  # + the parent region's look-up
    "/sectors": 4,
    "/positions": 4,
    "/levels": 6,  # + allowed parents, prefetched
    "/units": 6,  # + parent ids for the page
    "/units?q=PUK": 6,
    "/units/{pc_bks}/children": 7,  # + the unit itself
    "/employers": 5,
    "/workplaces": 6,  # + visible links, prefetched
    "/officers": 5,
    "/grants": 5,
    "/audit-events": 5,
}


def grow(tree, start, stop):
    """Rows numbered start..stop-1 of every listed kind, visible to the root administrator."""
    admin, puk_level = tree.admin, tree.level(tree.fspmi, "PUK")
    sector, region = Sector.objects.get(code="metal"), Region.objects.get(code="32.16")
    read_only = Role.objects.get(code="read_only")
    for i in range(start, stop):
        unit = create_unit(actor=admin, parent=tree.pc_bks, level=puk_level, code=f"PUK-N{i}", name=f"PUK N{i}")
        employer = register_employer(actor=admin, unit=unit, name=f"PT N{i}", sector=sector, region=region)
        workplace = register_workplace(actor=admin, employer=employer, unit=unit, name=f"Plant N{i}", region=region)
        link_workplace(actor=admin, unit=unit, workplace=workplace)
        appoint_officer(
            actor=admin, unit=unit, position=Position.objects.get(code="ketua"), person_name=f"Ketua {i}",
            gender="F", started_on=datetime.date(2024, 1, 1),
        )  # fmt: skip
        officer_user = User.objects.create_user(username=f"officer{i}", password="pw-Serikat-123")
        Grant.objects.create(user=officer_user, role=read_only, unit=unit)
        Grant.objects.create(user=admin, role=read_only, unit=unit)  # for /me
        create_api_token(actor=admin, name=f"token {i}")
        Role.objects.create(code=f"role{i}", name=f"Role {i}", name_en=f"Role {i}", permissions=["x"])
        Sector.objects.create(code=f"sector{i}", name=f"Sektor {i}", name_en=f"Sector {i}")
        Position.objects.create(code=f"position{i}", name=f"Jabatan {i}", kind="portfolio", rank=200 + i)
        Region.objects.create(code=f"32.{80 + i}", name=f"Kota {i}", kind="city", parent_id="32", source="test")
        level = Level.objects.create(federation=tree.fspmi, code=f"L{i}", name=f"Level {i}", axis="sector", rank=9)
        level.allowed_parents.set([puk_level, tree.level(tree.fspmi, "PC")])


def measure(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    body = response.json()
    return len(queries), len(body["items"] if "items" in body else body["grants"])


@pytest.mark.django_db
def test_list_query_counts_are_flat_in_the_number_of_rows(tree, client_for):
    client = client_for(tree.admin)
    urls = {endpoint: API + endpoint.format(pc_bks=tree.pc_bks.pk) for endpoint in LISTS}
    grow(tree, 0, 3)
    small = {endpoint: measure(client, url) for endpoint, url in urls.items()}
    grow(tree, 3, 30)
    large = {endpoint: measure(client, url) for endpoint, url in urls.items()}
    assert {e: (small[e][0], large[e][0]) for e in LISTS} == {e: (n, n) for e, n in LISTS.items()}
    assert [e for e in LISTS if not large[e][1] > small[e][1] >= 3] == [], "lists that did not grow"


def test_every_list_endpoint_is_measured():
    import importlib

    from config.api import api
    from serikat.core.tests.test_api_world import QUERY_COUNT_MODULES

    schema = api.get_openapi_schema(path_prefix="")

    def answer(operation):
        content = operation["responses"].get(200, {}).get("content", {})
        return content.get("application/json", {}).get("schema", {}).get("$ref", "")

    lists = {
        path
        for path, methods in schema["paths"].items()
        if "get" in methods and answer(methods["get"]).endswith("Page")
    }
    assert lists >= {
        "/me/tokens", "/roles", "/grants", "/regions", "/sectors", "/positions", "/levels", "/units",
        "/units/{unit_id}/children", "/employers", "/workplaces", "/officers", "/audit-events",
    }  # fmt: skip
    measured = {endpoint.split("?")[0].replace("{pc_bks}", "{unit_id}") for endpoint in LISTS}
    for module in QUERY_COUNT_MODULES:  # other apps measure their lists next to their code
        measured |= set(importlib.import_module(module).MEASURED)
    assert sorted(lists - measured) == [], "list endpoints without a query-count test (see QUERY_COUNT_MODULES)"
